//! Secrets (challenge passwords, later HTTP passwords and passphrases) that must never be
//! printed or logged.

use zeroize::Zeroizing;

/// A secret string: its `Debug` prints `(redacted)` and its memory is wiped on drop.
#[derive(Clone)]
pub struct Secret(Zeroizing<String>);

impl Secret {
    /// Wrap a secret value.
    pub fn new(value: String) -> Self {
        Secret(Zeroizing::new(value))
    }

    /// The secret itself, for the one place that must put it on the wire.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

/// A secret kept in a file: its first line (without the line ending). `what` names it in
/// errors ("challenge", "PKCS#12 passphrase"); a missing or empty file is an error.
pub fn read_first_line(path: &std::path::Path, what: &'static str) -> crate::Result<Secret> {
    let text = Zeroizing::new(
        std::fs::read_to_string(path)
            .map_err(|e| crate::Error::local("reading the secret file", path, e))?,
    );
    let first = text
        .lines()
        .next()
        .unwrap_or_default()
        .trim_end_matches('\r');
    if first.is_empty() {
        return Err(crate::Error::Invalid(format!(
            "the {what} file {} is empty",
            path.display()
        )));
    }
    Ok(Secret::new(first.to_string()))
}

/// The environment variables this run knows to hold secrets: every one a secret was read
/// from or named as a secret's source. A deploy hook never sees them.
static SECRET_VARIABLES: std::sync::Mutex<std::collections::BTreeSet<String>> =
    std::sync::Mutex::new(std::collections::BTreeSet::new());

/// Note that the environment variable `name` holds a secret (kept from deploy hooks).
pub fn hide_variable(name: &str) {
    if let Ok(mut names) = SECRET_VARIABLES.lock() {
        names.insert(name.to_string());
    }
}

/// The environment variables noted by [`hide_variable`], and `CERTENROLL_CHALLENGE`.
pub fn hidden_variables() -> Vec<String> {
    let mut names: Vec<String> = SECRET_VARIABLES
        .lock()
        .map(|names| names.iter().cloned().collect())
        .unwrap_or_default();
    names.push("CERTENROLL_CHALLENGE".into());
    names
}

/// A secret from the file `file` (its first line) or the environment variable `var`,
/// whichever is named (the file first); None when neither is. `flag` names the variable's
/// flag in the error for an unset variable ("--password-env").
pub fn from_file_or_env(
    file: Option<&std::path::Path>,
    var: Option<&str>,
    what: &'static str,
    flag: &str,
) -> crate::Result<Option<Secret>> {
    if let Some(path) = file {
        return read_first_line(path, what).map(Some);
    }
    let Some(var) = var else {
        return Ok(None);
    };
    hide_variable(var);
    match std::env::var(var) {
        Ok(value) if !value.is_empty() => Ok(Some(Secret::new(value))),
        _ => Err(crate::Error::Invalid(format!(
            "{flag} {var}: that environment variable is not set"
        ))),
    }
}

/// Where a secret comes from, to read it again in a later run: a file or an environment
/// variable (never the secret itself).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Source {
    /// A file whose first line is the secret.
    pub file: Option<std::path::PathBuf>,
    /// An environment variable holding it.
    pub env: Option<String>,
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("(redacted)")
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn debug_does_not_show_the_secret() {
        let secret = super::Secret::new("hunter2".into());
        assert_eq!(format!("{secret:?}"), "(redacted)");
        assert_eq!(secret.expose(), "hunter2");
    }
}
