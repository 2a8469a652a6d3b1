//! `certenroll getcert` and `certenroll getcrl`: an issued certificate by serial number
//! (GetCert) or the CA's CRL (GetCRL), as the library's `scep::query` fetches them, printed
//! or written.

use anyhow::Result;
use certenroll::Error;
use certenroll::error::exit;
use certenroll::pki::cert::{self, CertSummary};
use certenroll::scep::query;
use certenroll::store::history::{Entry, Status};
use der::{Encode, EncodePem};
use serde::Serialize;

use crate::cli::{CaQueryArgs, Format, GetcertArgs, GetcrlArgs, GlobalArgs};
use crate::output::Output;

/// Parse a serial number typed in hex (colons, spaces and a 0x prefix are ignored).
/// Which CA to ask, and its pin.
fn ca_of(args: &CaQueryArgs) -> (Option<&str>, Option<&str>) {
    (
        args.server.ca_ident.as_deref(),
        args.pin.fingerprint.as_deref(),
    )
}

fn write_or_print(
    args: &CaQueryArgs,
    pem: String,
    der: Vec<u8>,
    out: &Output,
) -> Result<Option<String>> {
    match &args.out {
        Some(path) => {
            let bytes = match args.format {
                Format::Pem => pem.into_bytes(),
                Format::Der => der,
                Format::P7 => {
                    return Err(certenroll::Error::Invalid(
                        "--format p7 is for the certificate files of enroll, renew, poll and getcacert: use pem or der here".into(),
                    )
                    .into());
                }
            };
            certenroll::store::write_atomic(
                path,
                &bytes,
                certenroll::store::CERT_MODE,
                "writing output",
            )?;
            Ok(Some(path.display().to_string()))
        }
        None => {
            out.human(pem.trim_end());
            Ok(None)
        }
    }
}

/// Run `operation`, recording its result in the history.
fn recorded(
    global: &GlobalArgs,
    operation: &str,
    url: &str,
    out: &Output,
    run: impl FnOnce() -> Result<String>,
) -> Result<u8> {
    let state_dir = crate::runtime::state_dir(global)?;
    let started = std::time::Instant::now();
    let result = run();
    let mut entry = match &result {
        Ok(detail) => Entry::new(operation, url, Status::Success, detail.clone(), exit::OK),
        Err(err) => crate::runtime::error_entry(operation, url, err),
    };
    entry.profile = global.profile.clone();
    crate::runtime::record(&state_dir, entry, started, out);
    result.map(|_| exit::OK)
}

#[derive(Serialize)]
struct CertJson {
    status: &'static str,
    certificate: CertSummary,
    #[serde(skip_serializing_if = "Option::is_none")]
    written: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pem: Option<String>,
}

pub fn run_getcert(global: &GlobalArgs, args: &GetcertArgs, out: &Output) -> Result<u8> {
    recorded(global, "getcert", &args.query.server.url, out, || {
        let http = crate::runtime::transport(global)?;
        let client = crate::runtime::client(&http, &args.query.server)?;
        let found = &query::get_cert(&client, ca_of(&args.query), &args.serial)?;
        let pem = cert::to_pem(&[found])?;
        let written = write_or_print(&args.query, pem.clone(), cert::to_der(found)?, out)?;
        let summary = cert::summary(found);
        if let Some(path) = &written {
            out.human(&format!(
                "Certificate {}\n{}\nWrote {path}",
                summary.serial,
                crate::runtime::describe_cert(&summary)
            ));
        }
        out.json(&CertJson {
            status: "ok",
            certificate: summary.clone(),
            pem: written.is_none().then_some(pem),
            written,
        });
        Ok(format!("Certificate {} retrieved", summary.serial))
    })
}

#[derive(Serialize)]
struct CrlJson {
    status: &'static str,
    issuer: String,
    this_update: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    next_update: Option<String>,
    revoked: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    written: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pem: Option<String>,
}

pub fn run_getcrl(global: &GlobalArgs, args: &GetcrlArgs, out: &Output) -> Result<u8> {
    recorded(global, "getcrl", &args.query.server.url, out, || {
        let http = crate::runtime::transport(global)?;
        let client = crate::runtime::client(&http, &args.query.server)?;
        let crl = query::get_crl(&client, ca_of(&args.query), args.serial.as_deref())?;
        let pem = crl
            .to_pem(der::pem::LineEnding::LF)
            .map_err(|e| Error::Crypto(format!("encoding the CRL failed: {e}")))?;
        let der = crl
            .to_der()
            .map_err(|e| Error::Crypto(format!("encoding the CRL failed: {e}")))?;
        let written = write_or_print(&args.query, pem.clone(), der, out)?;
        let tbs = &crl.tbs_cert_list;
        let revoked = tbs.revoked_certificates.as_ref().map_or(0, Vec::len);
        if let Some(path) = &written {
            out.human(&format!(
                "CRL of {}\n  this update  {}\n  next update  {}\n  revoked      {revoked}\nWrote {path}",
                cert::name_to_string(&tbs.issuer),
                tbs.this_update,
                tbs.next_update.map_or("(none)".into(), |t| t.to_string())
            ));
        }
        out.json(&CrlJson {
            status: "ok",
            issuer: cert::name_to_string(&tbs.issuer),
            this_update: tbs.this_update.to_string(),
            next_update: tbs.next_update.map(|t| t.to_string()),
            revoked,
            pem: written.is_none().then_some(pem),
            written,
        });
        Ok(format!("CRL retrieved ({revoked} revoked)"))
    })
}
