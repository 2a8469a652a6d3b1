//! `certenroll pkcs12`: a PKCS#12 bundle of an existing key, certificate and chain. (The
//! `--out-p12` bundle of enroll, renew and poll is the install's, see `src/bundle.rs`.)

use std::path::Path;

use anyhow::Result;
use certenroll::enroll::install::Bundle;
use certenroll::pki::Certificate;
use certenroll::pki::{cert, pkcs12};
use certenroll::store::pending::P12Saved;
use certenroll::{Error, store};
use serde::Serialize;

use crate::cli::Pkcs12Args;
use crate::output::Output;

/// Write the bundle of the key in `key_file`, `cert` and `chain` (mode 0600, atomically).
fn write(
    bundle: &Bundle,
    key_file: &Path,
    cert: &Certificate,
    chain: &[&Certificate],
) -> Result<()> {
    let key = certenroll::enroll::install::read_key(key_file)?;
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
    let key = certenroll::enroll::install::read_key(&args.key)?;
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
        passphrase: crate::bundle::passphrase(&args.passphrase, out)?,
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
