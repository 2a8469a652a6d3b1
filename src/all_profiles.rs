//! A command run once for each profile of the configuration file (`renew --all`): each under
//! its own profile (and so its own lock), a failure reported without stopping the others, then
//! one summary.

use anyhow::Result;
use certenroll::Error;
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
    let config = Config::load(&path)?;
    if config.profile.is_empty() {
        return Err(Error::Invalid(format!("{what}: no profiles in {}", path.display())).into());
    }
    let mut results = Vec::new();
    for (name, profile) in &config.profile {
        let global = GlobalArgs {
            profile: Some(name.clone()),
            config: Some(path.clone()),
            ..global.clone()
        };
        let code = each(global, profile).unwrap_or_else(|err| out.report_error(&err));
        results.push((name.clone(), code));
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
