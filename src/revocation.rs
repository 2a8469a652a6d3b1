//! Is a certificate still good? Its CA's OCSP responder is asked (RFC 6960; the URL from the
//! certificate's Authority Information Access, or one given); when the certificate names
//! none, or the responder cannot be reached, its CRL (RFC 5280) is fetched from the
//! distribution point and verified. A reply that fails a check is never papered over with
//! the CRL: it is an error ([`Error::Untrusted`]).
//!
//! Also the staple file: a verified OCSP response kept on disk for a TLS server to staple,
//! fetched again once half of its validity has passed.

use std::path::Path;
use std::time::Duration;

use der::{Decode, Encode};
use x509_cert::ext::pkix::CrlDistributionPoints;
use x509_cert::ext::pkix::crl::CrlReason;
use x509_cert::ext::pkix::name::{DistributionPointName, GeneralName};

use crate::pki::cert::{name_to_string, verify_issued_by};
use crate::pki::key::verify_signed;
use crate::pki::ocsp::{self, Expect, Status, Verified};
use crate::pki::{Certificate, CertificateList};
use crate::transport::Http;
use crate::{Error, Result};

/// The clock difference allowed with a responder or a CRL by default.
pub const DEFAULT_SKEW: Duration = Duration::from_secs(300);

/// How to check.
#[derive(Debug, Clone)]
pub struct Options {
    /// The OCSP responder to ask instead of the one the certificate names.
    pub responder: Option<String>,
    /// Ask the CRL only.
    pub crl_only: bool,
    /// The clock difference allowed.
    pub skew: Duration,
    /// Send a nonce. A response for stapling is asked for without one: TLS clients check
    /// its dates, and a nonce in a staple is one that no client sent (`openssl ocsp
    /// -respin` refuses such a response).
    pub nonce: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            responder: None,
            crl_only: false,
            skew: DEFAULT_SKEW,
            nonce: true,
        }
    }
}

/// Where an answer came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Source {
    /// An OCSP responder.
    Ocsp,
    /// A CRL.
    Crl,
}

/// A verified answer.
#[derive(Debug, Clone)]
pub struct Checked {
    /// The status.
    pub status: Status,
    /// OCSP or CRL.
    pub source: Source,
    /// The URL asked.
    pub url: String,
    /// When the status was known right (Unix seconds).
    pub this_update: u64,
    /// When newer information will be there.
    pub next_update: Option<u64>,
    /// Who signed: the CA, or its responder.
    pub signer: String,
    /// The verified OCSP response, for stapling.
    pub staple: Option<Vec<u8>>,
    /// Whether an OCSP responder echoed the nonce.
    pub nonce_echoed: bool,
    /// Why the CRL was asked instead of OCSP.
    pub fallback: Option<String>,
}

impl Checked {
    /// "good (OCSP http://...)", "revoked (keyCompromise) at ... (CRL http://...)".
    pub fn describe(&self) -> String {
        format!(
            "{} ({} {})",
            self.status.describe(),
            match self.source {
                Source::Ocsp => "OCSP",
                Source::Crl => "CRL",
            },
            self.url
        )
    }
}

/// The issuer of `cert` among `candidates`: the one whose subject it names and whose key
/// signed it.
pub fn find_issuer<'a>(
    cert: &Certificate,
    candidates: &'a [Certificate],
) -> Result<&'a Certificate> {
    candidates
        .iter()
        .find(|c| verify_issued_by(cert, c).is_ok())
        .ok_or_else(|| {
            Error::Invalid(format!(
                "none of the chain's certificates issued '{}' (its issuer is '{}'): give the CA certificate with --chain",
                name_to_string(cert.tbs_certificate().subject()),
                name_to_string(cert.tbs_certificate().issuer())
            ))
        })
}

/// Check `cert`, issued by `issuer`, as `options` say.
pub fn check(
    http: &dyn Http,
    cert: &Certificate,
    issuer: &Certificate,
    options: &Options,
) -> Result<Checked> {
    let responder = options
        .responder
        .clone()
        .or_else(|| ocsp::responder_urls(cert).into_iter().next());
    let fallback = match (&responder, options.crl_only) {
        (_, true) => "the CRL was asked for".to_string(),
        (None, false) => "the certificate names no OCSP responder".to_string(),
        (Some(url), false) => match ask_ocsp(http, cert, issuer, url, options) {
            Ok(checked) => return Ok(checked),
            // The responder could not be reached: the CRL may say as much.
            Err(e @ (Error::Communication { .. } | Error::HttpStatus { .. }))
                if !crl_urls(cert).is_empty() =>
            {
                format!("the OCSP responder failed ({e})")
            }
            Err(e) => return Err(e),
        },
    };
    let mut checked = ask_crl(http, cert, issuer, options.skew)?;
    checked.fallback = Some(fallback);
    Ok(checked)
}

/// Ask the OCSP responder at `url` and verify its answer.
pub fn ask_ocsp(
    http: &dyn Http,
    cert: &Certificate,
    issuer: &Certificate,
    url: &str,
    options: &Options,
) -> Result<Checked> {
    crate::transport::check_no_password(url)?;
    let query = ocsp::request(cert, issuer, options.nonce)?;
    tracing::debug!(url, bytes = query.der.len(), "OCSP request");
    let reply = http
        .post(url, ocsp::REQUEST_TYPE, &query.der)?
        .require_ok(url)?;
    let verified = ocsp::verify(
        &reply.body,
        &Expect {
            cert,
            issuer,
            nonce: options.nonce.then_some(query.nonce.as_slice()),
            now: crate::clock::now_unix(),
            skew: options.skew,
        },
    )?;
    Ok(from_ocsp(verified, url, reply.body))
}

fn from_ocsp(verified: Verified, url: &str, der: Vec<u8>) -> Checked {
    Checked {
        status: verified.status,
        source: Source::Ocsp,
        url: url.to_string(),
        this_update: verified.this_update,
        next_update: verified.next_update,
        signer: verified.signer,
        staple: Some(der),
        nonce_echoed: verified.nonce_echoed,
        fallback: None,
    }
}

/// The HTTP URLs of the certificate's CRL distribution points.
pub fn crl_urls(cert: &Certificate) -> Vec<String> {
    let Ok(Some((_, points))) = cert
        .tbs_certificate()
        .get_extension::<CrlDistributionPoints>()
    else {
        return Vec::new();
    };
    points
        .0
        .iter()
        .filter_map(|p| match &p.distribution_point {
            Some(DistributionPointName::FullName(names)) => Some(names),
            _ => None,
        })
        .flatten()
        .filter_map(|name| match name {
            GeneralName::UniformResourceIdentifier(uri) => Some(uri.to_string()),
            _ => None,
        })
        .filter(|uri| uri.starts_with("http://") || uri.starts_with("https://"))
        .collect()
}

/// Fetch the certificate's CRL, verify it, and look the serial number up.
pub fn ask_crl(
    http: &dyn Http,
    cert: &Certificate,
    issuer: &Certificate,
    skew: Duration,
) -> Result<Checked> {
    let urls = crl_urls(cert);
    let Some(url) = urls.first() else {
        return Err(Error::NotSupported(
            "the certificate names neither an OCSP responder nor an HTTP CRL distribution point: give a responder with --responder, or a SCEP server to ask for its CRL with --url".into(),
        ));
    };
    crate::transport::check_no_password(url)?;
    let reply = http.get(url)?.require_ok(url)?;
    // A CRL comes as DER, or (from some servers) as PEM.
    let der = match der::pem::decode_vec(&reply.body) {
        Ok((_, der)) => der,
        Err(_) => reply.body,
    };
    let crl = CertificateList::from_der(&der)
        .map_err(|e| Error::Untrusted(format!("{url} did not answer a CRL ({e})")))?;
    from_crl(&crl, cert, issuer, url, skew)
}

/// Check that `crl` is issued and signed by `ca`.
pub fn crl_signed_by(crl: &CertificateList, ca: &Certificate) -> Result<()> {
    let bad = |what: String| Error::Untrusted(format!("CRL: {what}"));
    let tbs = &crl.tbs_cert_list;
    if tbs.issuer != *ca.tbs_certificate().subject() {
        return Err(bad(format!(
            "it is issued by '{}', not by the certificate's CA '{}'",
            name_to_string(&tbs.issuer),
            name_to_string(ca.tbs_certificate().subject())
        )));
    }
    let signed = tbs
        .to_der()
        .map_err(|e| bad(format!("it does not re-encode ({e})")))?;
    verify_signed(
        ca.tbs_certificate().subject_public_key_info(),
        &crl.signature_algorithm,
        &signed,
        &crl.signature,
    )
    .map_err(|what| bad(format!("{what} is not the CA's")))
}

/// What a CRL (already fetched from `url`) says of `cert`, once verified.
pub fn from_crl(
    crl: &CertificateList,
    cert: &Certificate,
    issuer: &Certificate,
    url: &str,
    skew: Duration,
) -> Result<Checked> {
    let (status, this_update, next_update) =
        verify_crl(crl, cert, issuer, crate::clock::now_unix(), skew)?;
    Ok(Checked {
        status,
        source: Source::Crl,
        url: url.to_string(),
        this_update,
        next_update,
        signer: format!(
            "the CA '{}'",
            name_to_string(issuer.tbs_certificate().subject())
        ),
        staple: None,
        nonce_echoed: false,
        fallback: None,
    })
}

/// Verify `crl` (issued and signed by `issuer`, current) and find `cert` in it: its status,
/// thisUpdate and nextUpdate.
pub fn verify_crl(
    crl: &CertificateList,
    cert: &Certificate,
    issuer: &Certificate,
    now: u64,
    skew: Duration,
) -> Result<(Status, u64, Option<u64>)> {
    let bad = |what: String| Error::Untrusted(format!("CRL: {what}"));
    crl_signed_by(crl, issuer)?;
    let tbs = &crl.tbs_cert_list;
    let this_update = tbs.this_update.to_unix_duration().as_secs();
    let next_update = tbs.next_update.map(|t| t.to_unix_duration().as_secs());
    ocsp::current((this_update, next_update), now, skew).map_err(bad)?;
    let serial = cert.tbs_certificate().serial_number().as_bytes();
    let status = tbs
        .revoked_certificates
        .iter()
        .flatten()
        .find(|r| r.serial_number.as_bytes() == serial)
        .map_or(Status::Good, |r| Status::Revoked {
            time: r.revocation_date.to_unix_duration().as_secs(),
            reason: r
                .crl_entry_extensions
                .iter()
                .flatten()
                .find(|e| e.extn_id == const_oid::db::rfc5280::ID_CE_CRL_REASONS)
                .and_then(|e| CrlReason::from_der(e.extn_value.as_bytes()).ok())
                .map(ocsp::reason_name),
        });
    Ok((status, this_update, next_update))
}

/// Whether the staple file at `path` should be fetched again now, and why: it is missing,
/// does not verify any more, or half of its validity has passed.
pub fn staple_due(
    path: &Path,
    cert: &Certificate,
    issuer: &Certificate,
    now: u64,
) -> Option<String> {
    let Ok(der) = std::fs::read(path) else {
        return Some(format!("{} does not exist yet", path.display()));
    };
    let verified = match ocsp::verify(
        &der,
        &Expect {
            cert,
            issuer,
            nonce: None,
            now,
            skew: DEFAULT_SKEW,
        },
    ) {
        Ok(v) => v,
        Err(e) => return Some(format!("{} is no longer usable ({e})", path.display())),
    };
    if verified.status != Status::Good {
        return Some(format!(
            "{} says {}",
            path.display(),
            verified.status.describe()
        ));
    }
    let at = ocsp::refresh_at(&verified);
    (now >= at).then(|| {
        format!(
            "half of the validity of {} has passed (since {})",
            path.display(),
            crate::clock::rfc3339(at)
        )
    })
}

/// Write a staple atomically, only for a verified response that says good.
pub fn write_staple(path: &Path, checked: &Checked) -> Result<()> {
    let der = match (&checked.status, &checked.staple) {
        (Status::Good, Some(der)) => der,
        (Status::Good, None) => {
            return Err(Error::NotSupported(format!(
                "{} is not written: only the CRL answered ({}), and only an OCSP response can be stapled",
                path.display(),
                checked.fallback.as_deref().unwrap_or("no OCSP responder")
            )));
        }
        (status, _) => {
            return Err(Error::Invalid(format!(
                "{} is not written: the certificate is {}",
                path.display(),
                status.describe()
            )));
        }
    };
    crate::store::write_atomic(
        path,
        der,
        crate::store::CERT_MODE,
        "writing the OCSP staple",
    )
}

/// What `renew` learns about an installed certificate from its CA's revocation service.
#[derive(Debug, Default)]
pub struct AtRenewal {
    /// It was revoked: renew now (why, in words).
    pub revoked: Option<String>,
    /// What a person should hear (unknown status, no answer, nothing to check with).
    pub notes: Vec<String>,
    /// A new good response to write to the staple file, and why it was fetched.
    pub staple: Option<(Checked, String)>,
    /// What the check found, when it was good or unknown ("good (OCSP http://...)").
    pub answer: Option<String>,
}

/// Ask about `cert` (its CA in the `chain` file) when `check` says so, and fetch a new
/// staple for the file at `staple` when it is due ([`staple_due`]). One request serves both.
/// Nothing here fails a renewal: what goes wrong becomes a note.
pub fn at_renewal(
    http: &dyn Http,
    cert: &Certificate,
    chain: Option<&Path>,
    staple: Option<&Path>,
    check: bool,
) -> AtRenewal {
    let mut found = AtRenewal::default();
    let named = !ocsp::responder_urls(cert).is_empty() || !crl_urls(cert).is_empty();
    if !(check && named) && staple.is_none() {
        return found;
    }
    let issuer = match chain.map(|c| crate::pki::cert::read_certificates(c, "reading chain")) {
        Some(Ok(certs)) => match find_issuer(cert, &certs) {
            Ok(issuer) => issuer.clone(),
            Err(e) => {
                found.notes.push(format!("revocation not checked: {e}"));
                return found;
            }
        },
        Some(Err(e)) => {
            found.notes.push(format!("revocation not checked: {e}"));
            return found;
        }
        None => {
            found.notes.push(
                "revocation not checked: the CA certificate is needed (--chain, or chain in the profile)"
                    .into(),
            );
            return found;
        }
    };
    let now = crate::clock::now_unix();
    let staple_due = staple.and_then(|path| staple_due(path, cert, &issuer, now));
    if !check && staple_due.is_none() {
        return found;
    }
    let options = Options {
        nonce: staple_due.is_none(),
        ..Options::default()
    };
    match self::check(http, cert, &issuer, &options) {
        Ok(checked) => match &checked.status {
            Status::Revoked { .. } => {
                found.revoked = Some(format!("the certificate was {}", checked.describe()));
            }
            Status::Unknown => {
                found.answer = Some(checked.describe());
                found.notes.push(format!(
                    "the OCSP responder {} does not know this certificate (status unknown): is it the CA's?",
                    checked.url
                ));
            }
            Status::Good => {
                found.answer = Some(checked.describe());
                match staple_due {
                    Some(why) if checked.staple.is_some() => found.staple = Some((checked, why)),
                    Some(why) => found.notes.push(format!(
                        "the OCSP staple was not refreshed ({why}): only the CRL answered"
                    )),
                    None => {}
                }
            }
        },
        Err(e) => found.notes.push(match staple_due {
            Some(why) => format!("the OCSP staple was not refreshed ({why}): {e}"),
            None => format!("revocation not checked: {e}"),
        }),
    }
    found
}
