//! `certenroll history`: the last 20 results, oldest first, as a device's status page lists
//! them. With `--json`: JSON Lines, one `{"type":"entry","data":{...}}` per result.

use anyhow::Result;
use certenroll::error::exit;
use certenroll::store::history::History;
use serde::Serialize;

use crate::cli::GlobalArgs;
use crate::output::Output;

#[derive(Serialize)]
struct Line<'a, T> {
    r#type: &'a str,
    data: T,
}

pub fn run(global: &GlobalArgs, out: &Output) -> Result<u8> {
    let state_dir = crate::runtime::state_dir(global)?;
    let (mut entries, warning) = History::new(&state_dir).load();
    if let Some(profile) = &global.profile {
        entries.retain(|e| e.profile.as_ref() == Some(profile));
    }
    if let Some(warning) = warning {
        out.warn(&warning);
    }
    for entry in &entries {
        out.json(&Line {
            r#type: "entry",
            data: entry,
        });
    }
    if entries.is_empty() {
        out.human(&format!(
            "No results recorded yet in {}.",
            state_dir.display()
        ));
        return Ok(exit::OK);
    }
    let mut text = format!(
        "{:<20}  {:<10}  {:<9} {:<4}  DETAIL\n",
        "TIME", "STATUS", "OPERATION", "EXIT"
    );
    for e in &entries {
        text.push_str(&format!(
            "{:<20}  {:<10}  {:<9} {:<4}  {}",
            e.time,
            e.status.as_str(),
            e.operation,
            e.exit_code,
            e.detail
        ));
        let mut facts = Vec::new();
        if let Some(subject) = &e.subject {
            facts.push(subject.clone());
        }
        if let Some(serial) = &e.serial {
            facts.push(format!("serial {serial}"));
        }
        if let Some(not_after) = &e.not_after {
            facts.push(format!("until {not_after}"));
        }
        facts.push(e.server.clone());
        text.push_str(&format!("\n{:<22}{}\n", "", facts.join(", ")));
    }
    out.human(text.trim_end());
    Ok(exit::OK)
}
