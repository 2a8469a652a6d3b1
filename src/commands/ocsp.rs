//! `certenroll ocsp`: is a certificate revoked? The library's `revocation` asks its OCSP
//! responder (or its CRL) and verifies the answer; this prints it, records it in the
//! history, and writes a good response to the staple file.

use std::path::Path;
use std::time::Duration;

use anyhow::Result;
use certenroll::Error;
use certenroll::error::exit;
use certenroll::pki::cert;
use certenroll::pki::ocsp::Status;
use certenroll::revocation::{self, Checked, Source};
use certenroll::store::history::{Entry, Status as HistoryStatus};
use certenroll::store::registry::REVOCATION_OPERATION;
use serde::Serialize;

use crate::cli::{GlobalArgs, OcspArgs};
use crate::output::Output;

#[derive(Serialize)]
struct Json<'a> {
    #[serde(flatten)]
    status: &'a Status,
    subject: String,
    serial: String,
    source: Source,
    url: &'a str,
    signer: &'a str,
    this_update: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    next_update: Option<String>,
    nonce_echoed: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    fallback: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    staple: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    revocation_time_rfc3339: Option<String>,
}

pub fn run(global: &GlobalArgs, args: &OcspArgs, out: &Output) -> Result<u8> {
    let missing = |flag: &str, key: &str| {
        Error::Invalid(format!(
            "the following required argument was not provided: {flag} <FILE> (or a --profile with {key})"
        ))
    };
    let cert_path = args
        .cert
        .as_ref()
        .ok_or_else(|| missing("--cert", "cert"))?;
    let chain_path = args
        .chain
        .as_ref()
        .ok_or_else(|| missing("--chain", "chain"))?;
    let state_dir = crate::runtime::state_dir(global)?;
    let started = std::time::Instant::now();
    let cert = cert::read_certificates(cert_path, "reading certificate")?.remove(0);
    let chain = cert::read_certificates(chain_path, "reading CA certificate or chain")?;
    let issuer = revocation::find_issuer(&cert, &chain)?;
    let http = crate::runtime::transport(global)?;
    let options = revocation::Options {
        responder: args.responder.clone(),
        crl_only: args.crl,
        skew: Duration::from_secs(args.max_skew),
        nonce: args.out.is_none(),
    };
    let server = args.responder.clone().unwrap_or_default();
    let checked = match revocation::check(&http, &cert, issuer, &options) {
        // Nothing named in the certificate: its SCEP server's CRL, when there is one.
        Err(Error::NotSupported(why)) => match &args.url {
            Some(url) => get_crl(
                &http,
                (url, args.ca_ident.as_deref()),
                (&cert, issuer),
                &options,
            ),
            None => Err(Error::NotSupported(why)),
        },
        other => other,
    };
    let checked = match checked {
        Ok(c) => c,
        Err(e) => {
            let err = anyhow::Error::from(e);
            let mut entry = crate::runtime::error_entry(REVOCATION_OPERATION, &server, &err);
            entry.profile = global.profile.clone();
            entry.protocol = REVOCATION_OPERATION.into();
            entry.cert_path = Some(crate::runtime::absolute_display(cert_path));
            crate::runtime::record(&state_dir, entry, started, out);
            return Err(err);
        }
    };
    let staple = match &args.out {
        Some(path) if checked.status == Status::Good => {
            revocation::write_staple(path, &checked)?;
            Some(crate::runtime::absolute_display(path))
        }
        _ => None,
    };
    let code = match checked.status {
        Status::Good => exit::OK,
        Status::Revoked { .. } | Status::Unknown => exit::REJECTED,
    };
    let mut entry = Entry::new(
        REVOCATION_OPERATION,
        &checked.url,
        if code == exit::OK {
            HistoryStatus::Success
        } else {
            HistoryStatus::Error
        },
        checked.describe(),
        code,
    );
    entry.profile = global.profile.clone();
    entry.protocol = REVOCATION_OPERATION.into();
    entry.cert_path = Some(crate::runtime::absolute_display(cert_path));
    crate::runtime::record(&state_dir, entry, started, out);

    let summary = cert::summary(&cert);
    out.human(&human(
        &checked,
        &summary,
        staple.as_deref(),
        args.out.as_deref(),
    ));
    out.json(&Json {
        status: &checked.status,
        subject: summary.subject.clone(),
        serial: summary.serial.clone(),
        source: checked.source,
        url: &checked.url,
        signer: &checked.signer,
        this_update: certenroll::clock::rfc3339(checked.this_update),
        next_update: checked.next_update.map(certenroll::clock::rfc3339),
        nonce_echoed: checked.nonce_echoed,
        fallback: checked.fallback.as_deref(),
        staple,
        revocation_time_rfc3339: match &checked.status {
            Status::Revoked { time, .. } => Some(certenroll::clock::rfc3339(*time)),
            _ => None,
        },
    });
    Ok(code)
}

fn human(
    checked: &Checked,
    summary: &cert::CertSummary,
    staple: Option<&str>,
    asked: Option<&Path>,
) -> String {
    let source = match checked.source {
        Source::Ocsp => "OCSP",
        Source::Crl => "CRL",
    };
    let mut lines = vec![
        format!("{}: {}", summary.subject, checked.status.describe()),
        format!("  serial       {}", summary.serial),
        format!("  answered by  {source} {}", checked.url),
        format!("  signed by    {}", checked.signer),
        format!(
            "  this update  {}",
            certenroll::clock::rfc3339(checked.this_update)
        ),
        format!(
            "  next update  {}",
            checked
                .next_update
                .map_or("(none given)".into(), certenroll::clock::rfc3339)
        ),
    ];
    if checked.source == Source::Ocsp {
        lines.push(format!(
            "  nonce        {}",
            match (checked.nonce_echoed, asked) {
                (true, _) => "echoed",
                (false, Some(_)) => "none asked for (a staple carries none)",
                (false, None) =>
                    "not echoed (the responder answers with responses made in advance)",
            }
        ));
    }
    if let Some(why) = &checked.fallback {
        lines.push(format!("  CRL because  {why}"));
    }
    match (staple, asked) {
        (Some(path), _) => lines.push(format!("  staple       written to {path}")),
        (None, Some(path)) => lines.push(format!(
            "  staple       {} left as it was (only a good status is stapled)",
            path.display()
        )),
        _ => {}
    }
    lines.join("\n")
}

/// The CRL by SCEP GetCRL from the server at `url`, for a certificate that names no
/// revocation service.
fn get_crl(
    http: &certenroll::transport::Transport,
    (url, ca_ident): (&str, Option<&str>),
    (cert, issuer): (&certenroll::pki::Certificate, &certenroll::pki::Certificate),
    options: &revocation::Options,
) -> certenroll::Result<Checked> {
    let client = certenroll::scep::client::Client::new(http, url)?;
    let serial = cert::serial_hex(cert);
    let crl = certenroll::scep::query::get_crl(&client, (ca_ident, None), Some(&serial))?;
    let mut checked =
        revocation::from_crl(&crl, cert, issuer, &format!("{url} (GetCRL)"), options.skew)?;
    checked.fallback =
        Some("the certificate names neither an OCSP responder nor a CRL distribution point".into());
    Ok(checked)
}
