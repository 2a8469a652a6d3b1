//! `certenroll getcert` and `certenroll getcrl`: fetch an issued certificate by serial number
//! (GetCert) or the CA's CRL (GetCRL). The request is signed with a throwaway key. Servers
//! that lack the operation (micromdm's answers HTTP 500) get a clear "not supported".

use anyhow::Result;
use certenroll::Error;
use certenroll::error::exit;
use certenroll::pki::cert::{self, CertSummary};
use certenroll::pki::key::PrivateKey;
use certenroll::scep::MessageType;
use certenroll::scep::client::{Method, Session};
use certenroll::store::history::{Entry, Status};
use der::{Encode, EncodePem};
use serde::Serialize;
use x509_cert::crl::CertificateList;

use crate::cli::{CaQueryArgs, Format, GetcertArgs, GetcrlArgs, GlobalArgs};
use crate::output::Output;

/// Parse a serial number typed in hex (colons, spaces and a 0x prefix are ignored).
fn parse_serial(text: &str) -> Result<Vec<u8>, Error> {
    let hex: String = text
        .trim()
        .trim_start_matches("0x")
        .chars()
        .filter(|c| !matches!(c, ':' | ' '))
        .collect();
    if hex.is_empty() || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
        return Err(Error::Invalid(format!(
            "--serial '{}' is not a hex serial number (as `certenroll enroll` prints it)",
            certenroll::sanitize::escape_untrusted(text)
        )));
    }
    let padded = if hex.len() % 2 == 1 {
        format!("0{hex}")
    } else {
        hex
    };
    Ok((0..padded.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&padded[i..i + 2], 16).unwrap_or(0))
        .collect())
}

/// Send GetCert or GetCRL for `serial` (default: the CA certificate's own).
fn query(
    global: &GlobalArgs,
    args: &CaQueryArgs,
    message_type: MessageType,
    serial: Option<&str>,
) -> Result<(
    Vec<x509_cert::Certificate>,
    Vec<CertificateList>,
    certenroll::pki::cacerts::CaCerts,
)> {
    let serial = serial.map(parse_serial).transpose()?;
    let http = crate::runtime::transport(global)?;
    let client = crate::runtime::client(&http, &args.server)?;
    let caps = client.get_ca_caps()?;
    let ca = certenroll::scep::enroller::fetch_ca(
        &client,
        args.server.ca_ident.as_deref(),
        args.pin.fingerprint.as_deref(),
    )?;
    let key = PrivateKey::generate_rsa(2048)?;
    let subject = cert::build_name(&[(cert::NameAttr::CommonName, "certenroll query".into())])?;
    let session = Session {
        key: &key,
        subject: &subject,
        ca: &ca,
        cipher: caps.best_cipher(),
        digest: caps.best_digest(),
        method: if caps.post() {
            Method::Post
        } else {
            Method::Get
        },
        signer: None,
    };
    let serial = serial.unwrap_or_else(|| {
        ca.ca()
            .tbs_certificate()
            .serial_number()
            .as_bytes()
            .to_vec()
    });
    let (certs, crls) = client.get_cert_or_crl(&session, message_type, &serial)?;
    Ok((certs, crls, ca))
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
        let wanted = parse_serial(&args.serial)?;
        let (certs, _, _) = query(
            global,
            &args.query,
            MessageType::GetCert,
            Some(&args.serial),
        )?;
        let found = certs
            .iter()
            .find(|c| c.tbs_certificate().serial_number().as_bytes() == wanted.as_slice())
            .or_else(|| certs.first())
            .ok_or_else(|| {
                Error::Untrusted("GetCert answered SUCCESS without a certificate".into())
            })?;
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
        let (_, crls, ca) = query(
            global,
            &args.query,
            MessageType::GetCrl,
            args.serial.as_deref(),
        )?;
        let crl = crls
            .into_iter()
            .next()
            .ok_or_else(|| Error::Untrusted("GetCRL answered SUCCESS without a CRL".into()))?;
        verify_crl(&crl, ca.ca())?;
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

/// The CRL must be issued and signed by the CA.
fn verify_crl(crl: &CertificateList, ca: &x509_cert::Certificate) -> Result<(), Error> {
    let tbs = crl
        .tbs_cert_list
        .to_der()
        .map_err(|e| Error::Untrusted(format!("the CRL does not re-encode: {e}")))?;
    let digest = certenroll::pki::digest::Digest::from_oid(&crl.signature_algorithm.oid)
        .ok_or_else(|| {
            Error::NotSupported(format!(
                "CRL signature algorithm {}",
                crl.signature_algorithm.oid
            ))
        })?;
    let signature = crl
        .signature
        .as_bytes()
        .ok_or_else(|| Error::Untrusted("the CRL signature has unused bits".into()))?;
    if &crl.tbs_cert_list.issuer != ca.tbs_certificate().subject() {
        return Err(Error::Untrusted("the CRL is not issued by the CA".into()));
    }
    certenroll::pki::key::verify_signature(
        ca.tbs_certificate().subject_public_key_info(),
        digest,
        &tbs,
        signature,
    )
    .map_err(|_| Error::Untrusted("the CRL is not signed by the CA".into()))
}

#[cfg(test)]
mod tests {
    #[test]
    fn serials_parse_as_hex() {
        assert_eq!(super::parse_serial("0x0A:1b").unwrap(), vec![0x0a, 0x1b]);
        assert_eq!(super::parse_serial("2").unwrap(), vec![0x02]);
        assert!(super::parse_serial("xyz").is_err());
        assert!(super::parse_serial("").is_err());
    }
}
