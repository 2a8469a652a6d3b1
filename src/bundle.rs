//! The PKCS#12 bundle that `--out-p12` asks for: where its passphrase comes from (a file, a
//! variable, or typed twice at a terminal), asked for before anything is sent, and read again
//! for a request that was saved PENDING. The `pkcs12` command writes one for an existing pair.

use anyhow::{Context, Result};
use certenroll::Error;
use certenroll::enroll::install::Bundle;
use certenroll::secret::Secret;
use certenroll::store;
use certenroll::store::pending::P12Saved;

use crate::cli::{P12Args, P12PassphraseArgs};
use crate::output::Output;

/// A bundle to write, with its passphrase already in hand (asked for before anything is
/// sent, while the person is still at the terminal).
pub type P12Out = Bundle;

/// The bundle for a request saved as pending: its passphrase is read again from the file or
/// variable it came from, or asked for on a terminal.
pub fn from_saved(saved: &P12Saved, out: &Output) -> Result<P12Out> {
    let args = P12PassphraseArgs {
        p12_passphrase_file: saved.passphrase_file.clone(),
        p12_passphrase_env: saved.passphrase_env.clone(),
    };
    let passphrase = passphrase(&args, out).with_context(|| {
        format!(
            "the pending request writes the PKCS#12 bundle {}",
            saved.path.display()
        )
    })?;
    Ok(Bundle {
        path: saved.path.clone(),
        passphrase,
        source: saved.clone(),
    })
}

/// The bundle `--out-p12` asks for, if any.
pub fn requested(args: &P12Args, out: &Output) -> Result<Option<P12Out>> {
    let Some(path) = &args.out_p12 else {
        if args.passphrase.p12_passphrase_file.is_some()
            || args.passphrase.p12_passphrase_env.is_some()
        {
            out.warn("a PKCS#12 passphrase was given without --out-p12; no bundle is written");
        }
        return Ok(None);
    };
    store::check_writable(path, "writing the PKCS#12 bundle")?;
    Ok(Some(Bundle {
        path: path.clone(),
        passphrase: passphrase(&args.passphrase, out)?,
        source: P12Saved {
            path: path.clone(),
            passphrase_file: args.passphrase.p12_passphrase_file.clone(),
            passphrase_env: args.passphrase.p12_passphrase_env.clone(),
        },
    }))
}

/// The passphrase from its file (first line), its variable, or a prompt (typed twice).
pub fn passphrase(args: &P12PassphraseArgs, out: &Output) -> Result<Secret> {
    if let Some(secret) = certenroll::secret::from_file_or_env(
        args.p12_passphrase_file.as_deref(),
        args.p12_passphrase_env.as_deref(),
        "PKCS#12 passphrase",
        "--p12-passphrase-env",
    )? {
        return Ok(secret);
    }
    if crate::prompt::can_ask(out.is_json()) {
        return Ok(Secret::new(crate::prompt::new_secret(
            "PKCS#12 passphrase",
        )?));
    }
    Err(Error::Invalid(
        "the PKCS#12 bundle needs a passphrase: give --p12-passphrase-file FILE or --p12-passphrase-env VAR (or run on a terminal to be asked)".into(),
    )
    .into())
}
