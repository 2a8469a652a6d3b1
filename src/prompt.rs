//! Asking a person: the only user of dialoguer, and the one rule for whether anyone may be
//! asked at all: a terminal on stdin and stderr, and no machine-readable output wanted.
//! Every question has a flag, a file or a variable instead; a prompt is the last resort.

use std::io::IsTerminal;

use anyhow::{Context, Result};

/// The answer to a prompt. Ctrl-C at a prompt can reach it as an interrupted read before the
/// signal's handler ends the run: it ends the run the same way (exit 130).
fn answer<T>(result: Result<T, dialoguer::Error>, prompt: &str) -> Result<T> {
    match result {
        Err(dialoguer::Error::IO(e)) if e.kind() == std::io::ErrorKind::Interrupted => {
            crate::exit_interrupted(signal_hook::consts::SIGINT)
        }
        other => other.with_context(|| format!("reading the answer to \"{prompt}\"")),
    }
}

/// Whether a person can be asked: a terminal on stdin and stderr, and `json` not wanted.
pub fn can_ask(json: bool) -> bool {
    !json && std::io::stdin().is_terminal() && std::io::stderr().is_terminal()
}

/// A secret typed hidden (empty allowed when `allow_empty`).
pub fn secret(prompt: &str, allow_empty: bool) -> Result<String> {
    answer(
        dialoguer::Password::new()
            .with_prompt(prompt)
            .allow_empty_password(allow_empty)
            .interact(),
        prompt,
    )
}

/// A secret typed hidden twice (a new passphrase).
pub fn new_secret(prompt: &str) -> Result<String> {
    answer(
        dialoguer::Password::new()
            .with_prompt(prompt)
            .with_confirmation("Again", "The two entries differ")
            .interact(),
        prompt,
    )
}

/// A yes/no question; no is the default. The answer ends with Enter: "yes" or "no" typed
/// out is read whole, and nothing is left over for the next question (or the shell).
pub fn confirm(prompt: &str) -> Result<bool> {
    answer(
        dialoguer::Confirm::new()
            .with_prompt(prompt)
            .default(false)
            .wait_for_newline(true)
            .interact(),
        prompt,
    )
}

/// A line of text, checked by `check` (an empty answer is always accepted: it means "none"
/// or the default).
pub fn text(
    prompt: &str,
    default: Option<String>,
    check: fn(&str) -> std::result::Result<(), String>,
) -> Result<String> {
    let mut input = dialoguer::Input::<String>::new()
        .with_prompt(prompt)
        .allow_empty(true)
        .validate_with(move |answer: &String| -> std::result::Result<(), String> {
            match answer.trim() {
                "" => Ok(()),
                answer => check(answer),
            }
        });
    if let Some(d) = default {
        input = input.default(d);
    }
    answer(input.interact_text(), prompt)
}

/// The person at the terminal, for the library's questions (an EST server's unknown CA, an
/// EST password).
pub struct Terminal<'a>(pub &'a crate::output::Output);

impl certenroll::est::trust::Ask for Terminal<'_> {
    fn can_ask(&self) -> bool {
        can_ask(self.0.is_json())
    }

    fn trust_ca(&self, subject: &str, sha256: &str) -> certenroll::Result<bool> {
        self.0.human(&format!(
            "The EST server's CA is not trusted yet (RFC 7030 bootstrap):\n  subject {subject}\n  sha256  {sha256}\nCompare the fingerprint with the one your CA's administrator gave you."
        ));
        confirm("Trust this CA for this server?")
            .map_err(|e| terminal_error("asking to trust the CA", &e))
    }

    fn password(&self, username: &str) -> certenroll::Result<certenroll::secret::Secret> {
        secret(&format!("EST password for {username}"), false)
            .map(certenroll::secret::Secret::new)
            .map_err(|e| terminal_error("reading the password", &e))
    }
}

/// A question at the terminal that could not be asked or answered.
fn terminal_error(action: &'static str, err: &anyhow::Error) -> certenroll::Error {
    certenroll::Error::local(
        action,
        "the terminal",
        std::io::Error::other(format!("{err:#}")),
    )
}

/// Answers come from flags, a prompt, or a default.
pub struct Asker {
    /// Whether a person may be asked (a terminal, and no --no-input).
    pub interactive: bool,
}

impl Asker {
    /// An answer: the flag's, else asked (with `default` offered), else `default`.
    pub fn text(
        &self,
        prompt: &str,
        given: Option<String>,
        default: Option<String>,
    ) -> Result<Option<String>> {
        self.checked(prompt, given, default, |_| Ok(()))
    }

    /// An answer that `check` accepts: a person who typed something it refuses is told why
    /// and asked again (flags are checked where they are used).
    pub fn checked(
        &self,
        prompt: &str,
        given: Option<String>,
        default: Option<String>,
        check: fn(&str) -> std::result::Result<(), String>,
    ) -> Result<Option<String>> {
        if given.is_some() || !self.interactive {
            return Ok(given.or(default));
        }
        let answer = text(prompt, default, check)?;
        Ok((!answer.trim().is_empty()).then(|| answer.trim().to_string()))
    }

    /// A yes or no.
    pub fn confirm(&self, prompt: &str) -> Result<bool> {
        confirm(prompt)
    }
}
