//! Hooks, with certbot's names and meanings: shell commands and the executable files of a hook
//! directory, run before a renewal attempt that will send something (pre), after a new
//! certificate is installed (deploy), and after every renewal attempt (post). A hook is always
//! taken from the configuration of the run that runs it, never from saved state; the variables
//! that hold secrets (challenge, passwords, passphrases) are kept from it.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

/// One kind of hook: a command (`--deploy-hook`, a profile's `deploy_hook`...) and the scripts
/// of its hook directory (`/etc/certenroll/hooks/deploy/`), run in that order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Hook {
    /// The command, run with `/bin/sh -c`.
    pub command: Option<String>,
    /// Executables of the hook directory, in name order.
    pub scripts: Vec<PathBuf>,
    /// The profile, passed as `CERTENROLL_PROFILE`.
    pub profile: Option<String>,
}

impl Hook {
    /// A hook of `command` alone.
    pub fn command(command: String, profile: Option<String>) -> Self {
        Hook {
            command: Some(command),
            scripts: Vec::new(),
            profile,
        }
    }

    /// Whether there is anything to run.
    pub fn is_empty(&self) -> bool {
        self.command.is_none() && self.scripts.is_empty()
    }

    /// What runs, for people.
    pub fn describe(&self) -> String {
        let mut parts: Vec<String> = self.command.iter().map(|c| format!("`{c}`")).collect();
        parts.extend(self.scripts.iter().map(|s| s.display().to_string()));
        parts.join(", ")
    }

    /// Run the command and then each script, each with `env` (and `CERTENROLL_PROFILE`) and
    /// without the variables named in `hidden`. Every one runs; those that fail (or cannot be
    /// started) are said in the error.
    pub fn run(&self, env: &[(&str, OsString)], hidden: &[String]) -> Result<(), String> {
        let mut failures = Vec::new();
        let commands = self.command.iter().map(|c| (c.clone(), true)).chain(
            self.scripts
                .iter()
                .map(|s| (s.display().to_string(), false)),
        );
        for (what, shell) in commands {
            let mut command = if shell {
                let mut sh = std::process::Command::new("/bin/sh");
                sh.arg("-c").arg(&what);
                sh
            } else {
                std::process::Command::new(&what)
            };
            for (name, value) in env {
                command.env(name, value);
            }
            command.env("CERTENROLL_PROFILE", self.profile.as_deref().unwrap_or(""));
            for var in hidden {
                command.env_remove(var);
            }
            match command.status() {
                Ok(status) if status.success() => {}
                Ok(status) => failures.push(format!("`{what}` failed ({status})")),
                Err(e) => failures.push(format!("`{what}` could not be started: {e}")),
            }
        }
        if failures.is_empty() {
            Ok(())
        } else {
            Err(failures.join("; "))
        }
    }
}

/// The executable files of `dir`, in name order (none when it does not exist). Hidden files
/// and the leftovers of editors and of dpkg (`~`, `.dpkg-old`...) are skipped, as run-parts
/// does.
pub fn scripts_in(dir: &Path) -> Vec<PathBuf> {
    use std::os::unix::fs::PermissionsExt;
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut scripts: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or(".");
            !name.starts_with('.') && !name.ends_with('~') && !name.contains(".dpkg-")
        })
        .filter(|p| {
            std::fs::metadata(p).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
        })
        .collect();
    scripts.sort();
    scripts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_command_and_the_executables_of_a_directory_run_in_order_and_failures_are_named() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let log = dir.path().join("log");
        let scripts = dir.path().join("deploy");
        std::fs::create_dir(&scripts).unwrap();
        for (name, body, mode) in [
            ("20-second", "echo second >> \"$LOG\"", 0o755),
            (
                "10-first",
                "echo first \"$CERTENROLL_PROFILE\" >> \"$LOG\"",
                0o755,
            ),
            ("30-not-executable", "echo no >> \"$LOG\"", 0o644),
            ("40-fails", "exit 3", 0o755),
            ("50-after~", "echo backup >> \"$LOG\"", 0o755),
        ] {
            let path = scripts.join(name);
            std::fs::write(&path, format!("#!/bin/sh\n{body}\n")).unwrap();
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode)).unwrap();
        }
        let hook = Hook {
            command: Some("echo command >> \"$LOG\"".into()),
            scripts: scripts_in(&scripts),
            profile: Some("printer".into()),
        };
        let err = hook
            .run(&[("LOG", log.clone().into_os_string())], &[])
            .unwrap_err();
        assert!(err.contains("40-fails") && err.contains("failed"), "{err}");
        assert_eq!(
            std::fs::read_to_string(&log).unwrap(),
            "command\nfirst printer\nsecond\n"
        );
        assert!(scripts_in(&dir.path().join("missing")).is_empty());
    }
}
