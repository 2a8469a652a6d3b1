//! `certenroll config path|show|check|export|import`: the configuration file's profiles.
//! Profiles never hold secrets (the challenge comes from a file or an environment variable),
//! so an export can be copied to another device as it is.

use anyhow::Result;
use certenroll::config::{Config, config_path};
use certenroll::error::exit;
use certenroll::store;

use crate::cli::{ConfigCommand, GlobalArgs};
use crate::output::Output;

/// The profiles of `config` that --profile selects (all without it).
fn selected(config: &Config, global: &GlobalArgs, origin: &std::path::Path) -> Result<Config> {
    match &global.profile {
        Some(name) => {
            let profile = config.profile(name, origin)?.clone();
            Ok(Config {
                profile: [(name.clone(), profile)].into_iter().collect(),
            })
        }
        None => Ok(config.clone()),
    }
}

pub fn run(global: &GlobalArgs, command: &ConfigCommand, out: &Output) -> Result<u8> {
    let path = config_path(global.config.as_deref())?;
    match command {
        // The command table sends `config init` to `config_init`; never here.
        ConfigCommand::Init(_) => {
            return Err(anyhow::anyhow!("config init was routed to config (a bug)"));
        }
        ConfigCommand::Path => {
            let exists = path.exists();
            out.human(&format!(
                "{}{}",
                path.display(),
                if exists { "" } else { " (does not exist yet)" }
            ));
            out.json(&serde_json::json!({ "path": path, "exists": exists }));
        }
        ConfigCommand::Show => {
            let config = selected(&Config::load(&path)?, global, &path)?;
            out.human(config.to_toml()?.trim_end());
            out.json(&config);
        }
        ConfigCommand::Check => {
            let config = Config::load(&path)?;
            // In file order, so that the first mistake reported is the first in the file.
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            let mut names: Vec<&str> = config.profile.keys().map(String::as_str).collect();
            names.sort_by_key(|name| {
                text.find(&format!("[profile.{name}]"))
                    .unwrap_or(usize::MAX)
            });
            for name in &names {
                crate::settings::check_values(&config.profile[*name]).map_err(|e| {
                    certenroll::Error::Invalid(format!(
                        "{} [profile.{name}]: {e:#}",
                        path.display()
                    ))
                })?;
            }
            out.human(&format!(
                "{}: OK, {} profile(s){}",
                path.display(),
                names.len(),
                if names.is_empty() {
                    String::new()
                } else {
                    format!(": {}", names.join(", "))
                }
            ));
            out.json(&serde_json::json!({ "path": path, "ok": true, "profiles": names }));
        }
        ConfigCommand::Export { file } => {
            let config = selected(&Config::load(&path)?, global, &path)?;
            store::write_atomic(
                file,
                config.to_toml()?.as_bytes(),
                store::CERT_MODE,
                "writing export",
            )?;
            let names: Vec<&str> = config.profile.keys().map(String::as_str).collect();
            out.human(&format!(
                "Exported {} to {}",
                names.join(", "),
                file.display()
            ));
            out.json(&serde_json::json!({ "file": file, "profiles": names }));
        }
        ConfigCommand::Import { file } => {
            let text = std::fs::read_to_string(file)
                .map_err(|e| certenroll::Error::local("reading import", file, e))?;
            let incoming = Config::parse(&text, file)?;
            let mut config = Config::load(&path)?;
            let names: Vec<String> = incoming.profile.keys().cloned().collect();
            config.profile.extend(incoming.profile);
            config.save(&path)?;
            out.human(&format!(
                "Imported {} into {}",
                names.join(", "),
                path.display()
            ));
            out.json(&serde_json::json!({ "path": path, "profiles": names }));
        }
    }
    Ok(exit::OK)
}
