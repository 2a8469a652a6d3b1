//! `certenroll status`: what is installed (certificates this state directory has put in
//! place), what is pending, and when the next attempt is due.

use std::collections::BTreeMap;

use anyhow::Result;
use certenroll::clock::{now_unix, rfc3339};
use certenroll::error::exit;
use certenroll::pki::cert;
use certenroll::store::history::{History, Status};
use certenroll::store::pending::PendingStore;
use serde::Serialize;

use crate::cli::GlobalArgs;
use crate::output::Output;

#[derive(Serialize)]
struct Installed {
    path: String,
    present: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    subject: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    not_after: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    days_left: Option<i64>,
}

#[derive(Serialize)]
struct PendingJson {
    transaction_id: String,
    status: &'static str,
    subject: String,
    url: String,
    attempts: u32,
    created: String,
    last_attempt: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    next_attempt: Option<String>,
}

#[derive(Serialize)]
struct StatusJson {
    state_dir: String,
    installed: Vec<Installed>,
    pending: Vec<PendingJson>,
    #[serde(skip_serializing_if = "Option::is_none")]
    last_result: Option<certenroll::store::history::Entry>,
}

fn installed(path: &str) -> Installed {
    let parsed = std::fs::read(path)
        .ok()
        .and_then(|b| cert::parse_certificates(&b).ok())
        .and_then(|mut certs| (!certs.is_empty()).then(|| certs.remove(0)));
    match parsed {
        Some(c) => {
            let not_after = c
                .tbs_certificate()
                .validity()
                .not_after
                .to_unix_duration()
                .as_secs() as i64;
            Installed {
                path: path.into(),
                present: true,
                subject: Some(cert::name_to_string(c.tbs_certificate().subject())),
                not_after: Some(c.tbs_certificate().validity().not_after.to_string()),
                days_left: Some((not_after - now_unix() as i64).div_euclid(86_400)),
            }
        }
        None => Installed {
            path: path.into(),
            present: false,
            subject: None,
            not_after: None,
            days_left: None,
        },
    }
}

pub fn run(global: &GlobalArgs, out: &Output) -> Result<u8> {
    let state_dir = crate::runtime::state_dir(global)?;
    let (mut entries, warning) = History::new(&state_dir).load();
    if let Some(warning) = warning {
        out.warn(&warning);
    }
    // With --profile, only what that profile did.
    entries.retain(|e| global.profile.is_none() || e.profile == global.profile);
    // The newest success per certificate path.
    let mut paths: BTreeMap<String, ()> = BTreeMap::new();
    for e in entries.iter().filter(|e| e.status == Status::Success) {
        if let Some(p) = &e.cert_path {
            paths.insert(p.clone(), ());
        }
    }
    let installed: Vec<Installed> = paths.keys().map(|p| installed(p)).collect();
    let (mut pending, warnings) = PendingStore::new(&state_dir).list();
    pending.retain(|p| global.profile.is_none() || p.profile == global.profile);
    for w in warnings {
        out.warn(&w);
    }
    let now = now_unix();
    let pending: Vec<PendingJson> = pending
        .into_iter()
        .map(|p| PendingJson {
            status: if p.next_attempt.is_some_and(|t| t >= now) {
                "processing"
            } else {
                "waiting"
            },
            transaction_id: p.transaction_id,
            subject: p.subject,
            url: p.url,
            attempts: p.attempts,
            created: rfc3339(p.created),
            last_attempt: rfc3339(p.last_attempt),
            next_attempt: p.next_attempt.map(rfc3339),
        })
        .collect();
    let status = StatusJson {
        state_dir: state_dir.display().to_string(),
        installed,
        pending,
        last_result: entries.last().cloned(),
    };
    out.json(&status);

    let mut text = format!("State directory: {}\n", status.state_dir);
    text.push_str("\nInstalled certificates:\n");
    if status.installed.is_empty() {
        text.push_str("  (none recorded)\n");
    }
    for i in &status.installed {
        match (&i.subject, &i.not_after, i.days_left) {
            (Some(subject), Some(not_after), Some(days)) => text.push_str(&format!(
                "  {}\n    {subject}, valid until {not_after} ({days} days left)\n",
                i.path
            )),
            _ => text.push_str(&format!("  {}\n    missing or unreadable\n", i.path)),
        }
    }
    text.push_str("\nPending requests:\n");
    if status.pending.is_empty() {
        text.push_str("  (none)\n");
    }
    for p in &status.pending {
        text.push_str(&format!(
            "  {} [{}]\n    {} at {}\n    {} attempt(s), last {}, next {}\n",
            p.transaction_id,
            p.status,
            p.subject,
            p.url,
            p.attempts,
            p.last_attempt,
            p.next_attempt
                .as_deref()
                .unwrap_or("at the next `certenroll poll`")
        ));
    }
    if let Some(last) = &status.last_result {
        text.push_str(&format!(
            "\nLast result: {} {} {}: {}",
            last.time,
            last.operation,
            last.status.as_str(),
            last.detail
        ));
    }
    out.human(text.trim_end());
    Ok(exit::OK)
}
