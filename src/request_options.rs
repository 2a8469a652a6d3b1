//! Where the challenge password of a request comes from: a file, the flag, a variable, or a
//! prompt (SCEP); over EST only what the command line names.

use anyhow::Result;
use certenroll::secret::Secret;

use crate::cli::ChallengeArgs;
use crate::output::Output;

/// Environment variable that may hold the challenge password.
const CHALLENGE_ENV: &str = "CERTENROLL_CHALLENGE";

/// The challenge password: file, flag (with a warning), named variable, CERTENROLL_CHALLENGE,
/// or a hidden prompt on a terminal. None when the user said --no-challenge or nothing is
/// available unattended.
pub fn challenge(args: &ChallengeArgs, out: &Output) -> Result<Option<Secret>> {
    if args.no_challenge {
        return Ok(None);
    }
    if let Some(value) = &args.challenge
        && args.challenge_file.is_none()
    {
        out.warn(
            "a challenge password on the command line is visible to other users; use --challenge-file or CERTENROLL_CHALLENGE",
        );
        return Ok(Some(Secret::new(value.clone())));
    }
    if let Some(secret) = certenroll::secret::from_file_or_env(
        args.challenge_file.as_deref(),
        args.challenge_env.as_deref(),
        "challenge",
        "--challenge-env",
    )? {
        return Ok(Some(secret));
    }
    if let Ok(value) = std::env::var(CHALLENGE_ENV)
        && !value.is_empty()
    {
        return Ok(Some(Secret::new(value)));
    }
    if crate::prompt::can_ask(out.is_json()) {
        let value = crate::prompt::secret("Challenge password (empty for none)", true)?;
        return Ok((!value.is_empty()).then(|| Secret::new(value)));
    }
    out.warn(
        "no challenge password: the request goes without one (most CAs want one: give --challenge-file or CERTENROLL_CHALLENGE, or --no-challenge to say none is needed)",
    );
    Ok(None)
}

/// For EST, which authenticates over HTTP or TLS: a challenge only when one is named on the
/// command line (no environment default, no prompt).
pub fn named_challenge(args: &ChallengeArgs, out: &Output) -> Result<Option<Secret>> {
    if args.challenge_file.is_some() || args.challenge.is_some() || args.challenge_env.is_some() {
        challenge(args, out)
    } else {
        Ok(None)
    }
}

/// Where the challenge comes from, to read it again when a saved request is sent again (EST):
/// its file or its variable; nothing when it was typed on the command line or at a prompt.
pub fn challenge_source(args: &ChallengeArgs) -> certenroll::secret::Source {
    certenroll::secret::Source {
        file: args.challenge_file.clone(),
        env: args.challenge_env.clone(),
    }
}
