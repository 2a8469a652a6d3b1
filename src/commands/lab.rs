//! `certenroll lab serve`: run the embedded SCEP responder until interrupted.

use std::net::TcpListener;
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, Result};
use certenroll::lab::digest::DigestLogin;
use certenroll::lab::{LabCa, LabOptions, Responder};
use certenroll::pki::cert;
use certenroll::pki::digest::Digest;
use certenroll::scep::FailInfo;

use crate::cli::LabServeArgs;
use crate::output::Output;

/// `USER:PASSWORD` of `flag`.
fn user_password(pair: &str, flag: &str) -> Result<(String, String), certenroll::Error> {
    pair.split_once(':')
        .map(|(u, p)| (u.to_string(), p.to_string()))
        .ok_or_else(|| certenroll::Error::Invalid(format!("{flag} wants USER:PASSWORD")))
}

pub fn run(args: &LabServeArgs, out: &Output) -> Result<u8> {
    let listener = TcpListener::bind((args.bind, args.port)).map_err(|e| {
        certenroll::Error::local("listening on", format!("{}:{}", args.bind, args.port), e)
    })?;
    let address = listener
        .local_addr()
        .context("reading the listening address")?;
    // A man in the middle's CA is named as such, so that what a client trusts is plain.
    let name = if args.mitm_cacerts.is_some() {
        "certenroll lab CA (man in the middle)"
    } else {
        "certenroll lab CA"
    };
    let mut ca = match (&args.ca_cert, &args.ca_key) {
        (Some(cert_path), Some(key_path)) => {
            // The CA first; earlier certificates of this CA after it.
            let mut certs = cert::read_certificates(cert_path, "reading the CA certificate")?;
            let cert = certs.remove(0);
            let key = certenroll::enroll::install::read_key(key_path)?;
            let mut ca = LabCa::with_ca(
                certenroll::lab::ca::KeyPair { key, cert },
                args.ra,
                &args.quirk,
            )?;
            ca.previous = certs;
            ca
        }
        _ => LabCa::new(args.ra, name, &args.quirk)?,
    };
    if args.next_ca {
        ca = ca.with_next_ca(&args.quirk)?;
    }
    if let (Some(dir), Some(next)) = (&args.next_ca_out, ca.next_pair()) {
        // The successor, then the CA it succeeds (whose certificates it still renews).
        crate::runtime::write_certs(
            &dir.join("next-ca.pem"),
            &[&next.cert, &ca.ca.cert],
            crate::cli::Format::Pem,
        )?;
        certenroll::store::write_atomic(
            &dir.join("next-ca.key"),
            next.key.to_pem()?.as_bytes(),
            certenroll::store::KEY_MODE,
            "writing the next CA's key",
        )?;
    }
    let fingerprint = cert::fingerprint(&ca.ca.cert, Digest::Sha256);
    if let Some(path) = &args.ca_out {
        crate::runtime::write_certs(path, &[&ca.ca.cert], crate::cli::Format::Pem)?;
    }
    let mut options = LabOptions {
        pending: args.pending,
        fail: args
            .fail
            .and_then(|code| FailInfo::ALL.get(code as usize).copied()),
        http_status: args.http_status,
        delay: Duration::from_secs(args.delay),
        challenge: args.challenge.clone(),
        renewal_challenge: args.renewal_challenge,
        fault: args.fault,
        fault_limit: args.fault_limit,
        forget_issued: args.forget_issued,
        caps: args.caps.clone(),
        validity: Duration::from_secs(args.validity_days * 24 * 3600),
        est: certenroll::lab::options::EstOptions {
            basic: args
                .basic
                .as_deref()
                .map(|pair| user_password(pair, "--basic"))
                .transpose()?,
            digest: args
                .digest
                .as_deref()
                .map(|pair| {
                    user_password(pair, "--digest").map(|(user, password)| DigestLogin {
                        user,
                        password,
                        algorithm: args.digest_algorithm,
                    })
                })
                .transpose()?,
            client_cert_required: args.require_client_cert,
            mitm_cacerts: match &args.mitm_cacerts {
                Some(path) => cert::parse_certificates(
                    &std::fs::read(path)
                        .map_err(|e| certenroll::Error::local("reading certificates", path, e))?,
                )?,
                None => Vec::new(),
            },
            retry_after: args.retry_after.as_deref().map(|v| {
                if v == "date" {
                    certenroll::clock::http_date(certenroll::clock::now_unix() + 1)
                } else {
                    v.to_string()
                }
            }),
            encoding: args.est_encoding,
            pkcs1_keys: args.pkcs1_keys,
            csrattrs_curve: args.csrattrs_curve.clone(),
        },
        quirks: args.quirk.clone(),
        base_url: None,
        revoke: args.revoke.clone(),
        ocsp_delegated: args.ocsp_delegated,
        ocsp_fault: args.ocsp_fault,
    };
    let tls = (args.tls || args.tls_fault.is_some())
        .then(|| certenroll::lab::tls::server_config(&ca.ca, args.tls_fault))
        .transpose()?;
    let scheme = if tls.is_some() { "https" } else { "http" };
    if !args.no_revocation_urls {
        options.base_url = Some(format!("{scheme}://{address}"));
    }
    let url = format!("{scheme}://{address}/scep");
    // EST runs over HTTPS only, so the lab offers it with --tls.
    let est_url =
        (scheme == "https").then(|| format!("https://{address}{}", certenroll::est::WELL_KNOWN));
    let ocsp_url = format!("{scheme}://{address}{}", certenroll::lab::ocsp::OCSP_PATH);
    let crl_url = format!("{scheme}://{address}{}", certenroll::lab::ocsp::CRL_PATH);
    out.json(&serde_json::json!({
        "url": url,
        "est_url": est_url,
        "ocsp_url": ocsp_url,
        "crl_url": crl_url,
        "ca_sha256": fingerprint,
    }));
    let est_line = est_url
        .as_ref()
        .map(|u| format!("\n  EST responder on {u}"))
        .unwrap_or_default();
    out.human(&format!(
        "certenroll lab: SCEP responder on {url}{est_line}\n  OCSP responder on {ocsp_url}, CRL on {crl_url}\n  CA sha256 {fingerprint}\n  (a throwaway CA; Ctrl-C stops it)"
    ));
    let responder = Arc::new(Responder::new(options, ca)?);
    certenroll::lab::http::serve(
        listener,
        tls,
        Arc::new(move |req: &certenroll::lab::http::Request| responder.handle(req)),
    );
    Ok(certenroll::error::exit::OK)
}
