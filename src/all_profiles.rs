//! A command run once for each profile of the configuration file (`renew --all`): each under
//! its own profile (and so its own lock), every line of its output and every JSON object named
//! after it, a failure (a profile that does not even parse included) reported without stopping
//! the others, then one summary.

use anyhow::Result;
use certenroll::config::{Config, Profile, config_path};

use crate::cli::GlobalArgs;
use crate::output::Output;

/// Run `each` for every profile (with `global` naming it and its configuration file), report
/// errors as they come, print the summary titled `what`, and return each profile's exit code.
pub fn each(
    global: &GlobalArgs,
    what: &str,
    out: &Output,
    mut each: impl FnMut(GlobalArgs, &Profile) -> Result<u8>,
) -> Result<Vec<(String, u8)>> {
    let path = config_path(global.config.as_deref())?;
    let profiles = Config::load_profiles(&path)?;
    if profiles.is_empty() {
        out.human(&format!(
            "{what}: no profiles in {}: nothing to do (`certenroll config init` makes one)",
            path.display()
        ));
        return Ok(Vec::new());
    }
    let mut results = Vec::new();
    for (name, profile) in profiles {
        let global = GlobalArgs {
            profile: Some(name.clone()),
            config: Some(path.clone()),
            ..global.clone()
        };
        let code = out.labelled(&name, || {
            profile
                .map_err(anyhow::Error::from)
                .and_then(|profile| each(global, &profile))
                .unwrap_or_else(|err| out.report_error(&err))
        });
        results.push((name, code));
    }
    let lines: Vec<String> = results
        .iter()
        .map(|(name, code)| format!("  {name:<20} exit {code}"))
        .collect();
    out.human(&format!(
        "{what}: {} profile(s)\n{}",
        results.len(),
        lines.join("\n")
    ));
    out.json(&serde_json::json!({
        "status": "summary",
        "results": results
            .iter()
            .map(|(p, c)| serde_json::json!({"profile": p, "exit_code": c}))
            .collect::<Vec<_>>(),
    }));
    Ok(results)
}
