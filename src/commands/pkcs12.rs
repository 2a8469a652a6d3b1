//! PKCS#12 output: `certenroll pkcs12` for an existing pair, and the `--out-p12` bundle that
//! `enroll`, `renew` and `poll` write once a certificate is installed.

use std::path::Path;

use anyhow::{Context, Result};
use certenroll::enroll::install::Bundle;
use certenroll::pki::{cert, pkcs12};
use certenroll::secret::Secret;
use certenroll::store::pending::P12Saved;
use certenroll::{Error, store};
use serde::Serialize;
use x509_cert::Certificate;

use crate::cli::{P12Args, P12PassphraseArgs, Pkcs12Args};
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
fn passphrase(args: &P12PassphraseArgs, out: &Output) -> Result<Secret> {
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

/// Write the bundle of the key in `key_file`, `cert` and `chain` (mode 0600, atomically).
fn write(
    bundle: &P12Out,
    key_file: &Path,
    cert: &Certificate,
    chain: &[&Certificate],
) -> Result<()> {
    let key = super::read_key(key_file)?;
    let name = cert::common_name(cert);
    let der = pkcs12::build(
        &key,
        cert,
        chain,
        bundle.passphrase.expose(),
        name.as_deref(),
    )?;
    store::write_atomic(
        &bundle.path,
        &der,
        store::KEY_MODE,
        "writing the PKCS#12 bundle",
    )?;
    Ok(())
}

#[derive(Serialize)]
struct Written<'a> {
    status: &'static str,
    p12: &'a Path,
    certificates: usize,
    subject: String,
}

/// `certenroll pkcs12`: bundle an existing key, certificate and chain.
pub fn run(args: &Pkcs12Args, out: &Output) -> Result<u8> {
    let key = super::read_key(&args.key)?;
    let bytes = std::fs::read(&args.cert)
        .map_err(|e| Error::local("reading certificate", &args.cert, e))?;
    let leaf = cert::parse_certificates(&bytes)?
        .into_iter()
        .next()
        .ok_or_else(|| Error::Invalid(format!("{} holds no certificate", args.cert.display())))?;
    if !cert::has_public_key(&leaf, &key.public_key_info()?) {
        return Err(Error::Invalid(format!(
            "{} is not the certificate of the key in {}; give the matching pair",
            args.cert.display(),
            args.key.display()
        ))
        .into());
    }
    let chain = match &args.chain {
        Some(path) => {
            let bytes =
                std::fs::read(path).map_err(|e| Error::local("reading the chain", path, e))?;
            cert::parse_certificates(&bytes)?
        }
        None => Vec::new(),
    };
    if !args.force && args.out_p12.exists() {
        return Err(Error::Invalid(format!(
            "{} exists; add --force to replace it",
            args.out_p12.display()
        ))
        .into());
    }
    store::check_writable(&args.out_p12, "writing the PKCS#12 bundle")?;
    let bundle = Bundle {
        path: args.out_p12.clone(),
        passphrase: passphrase(&args.passphrase, out)?,
        source: P12Saved::default(),
    };
    write(&bundle, &args.key, &leaf, &chain.iter().collect::<Vec<_>>())?;
    let subject = cert::name_to_string(leaf.tbs_certificate().subject());
    if out.is_json() {
        out.json(&Written {
            status: "written",
            p12: &args.out_p12,
            certificates: 1 + chain.len(),
            subject,
        });
    } else {
        out.human(&format!(
            "Wrote {} (mode 0600): the key, {subject} and {} CA certificate(s).",
            args.out_p12.display(),
            chain.len()
        ));
    }
    Ok(0)
}
