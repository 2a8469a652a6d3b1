//! Asking a person: the only user of dialoguer, and the one rule for whether anyone may be
//! asked at all: a terminal on stdin and stderr, and no machine-readable output wanted.
//! Every question has a flag, a file or a variable instead; a prompt is the last resort.

use std::io::IsTerminal;

use anyhow::{Context, Result};

/// Whether a person can be asked: a terminal on stdin and stderr, and `json` not wanted.
pub fn can_ask(json: bool) -> bool {
    !json && std::io::stdin().is_terminal() && std::io::stderr().is_terminal()
}

/// A secret typed hidden (empty allowed when `allow_empty`).
pub fn secret(prompt: &str, allow_empty: bool) -> Result<String> {
    dialoguer::Password::new()
        .with_prompt(prompt)
        .allow_empty_password(allow_empty)
        .interact()
        .with_context(|| format!("reading the answer to \"{prompt}\""))
}

/// A secret typed hidden twice (a new passphrase).
pub fn new_secret(prompt: &str) -> Result<String> {
    dialoguer::Password::new()
        .with_prompt(prompt)
        .with_confirmation("Again", "The two entries differ")
        .interact()
        .with_context(|| format!("reading the answer to \"{prompt}\""))
}

/// A yes/no question; no is the default.
pub fn confirm(prompt: &str) -> Result<bool> {
    dialoguer::Confirm::new()
        .with_prompt(prompt)
        .default(false)
        .interact()
        .with_context(|| format!("reading the answer to \"{prompt}\""))
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
    input.interact_text().context("reading the answer")
}
