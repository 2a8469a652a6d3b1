//! The lab's OCSP responder (RFC 6960) and CRL, for what the lab CA issued, with a way to
//! revoke (`lab serve --revoke SERIAL`, or `POST /lab/revoke?serial=HEX&reason=NAME`) and
//! the faults a client must refuse (`--ocsp-fault`).
//!
//! Responses are signed by the CA, or with `--ocsp-delegated` by a responder certificate the
//! CA issued for OCSP signing (carried in the response, named by key hash). Certificates the
//! lab issues name `/ocsp` in Authority Information Access and `/crl` as their CRL
//! distribution point.

use std::collections::HashMap;
use std::time::Duration;

use base64::Engine;
use const_oid::db::rfc5280;
use der::asn1::{GeneralizedTime, Ia5String, Null, OctetString};
use der::{Any, Decode, Encode};
use x509_cert::ext::pkix::crl::CrlReason;
use x509_cert::ext::pkix::crl::dp::DistributionPoint;
use x509_cert::ext::pkix::name::{DistributionPointName, GeneralName};
use x509_cert::ext::pkix::{
    AccessDescription, AuthorityInfoAccessSyntax, CrlDistributionPoints, ExtendedKeyUsage,
    KeyUsage, KeyUsages,
};

use super::ca::KeyPair;
use super::http::{Request, Response};
use super::scep::Responder;
use crate::pki::cert::{NameAttr, Template, basic_constraints, build_name, extension};
use crate::pki::digest::Digest;
use crate::pki::key::PrivateKey;
use crate::pki::ocsp::{
    BasicOcspResponse, CertStatus, ID_AD_OCSP, ID_PKIX_OCSP_BASIC, OcspRequest, OcspResponse,
    REASONS, RESPONSE_TYPE, ResponderId, ResponseBytes, ResponseData, ResponseStatus, RevokedInfo,
    SingleResponse, find_nonce, names, nonce_extension, reason_name,
};
use crate::pki::{Certificate, SerialNumber};
use crate::{Error, Result};

/// How long a lab OCSP response is good for (nextUpdate - thisUpdate).
pub const RESPONSE_VALIDITY: Duration = Duration::from_secs(3600);

/// The path of the lab's OCSP responder.
pub const OCSP_PATH: &str = "/ocsp";
/// The path of the lab's CRL.
pub const CRL_PATH: &str = "/crl";
/// The path that revokes (POST, `serial` and optional `reason` in the query).
pub const REVOKE_PATH: &str = "/lab/revoke";

/// A hostile or unhelpful OCSP answer (`lab serve --ocsp-fault`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OcspFault {
    /// Signed by a key that is neither the CA's nor a responder's it issued.
    WrongKey,
    /// nextUpdate a day in the past.
    Stale,
    /// thisUpdate a day in the future.
    Future,
    /// The answer is about another serial number.
    WrongCertId,
    /// The nonce is not the one sent.
    WrongNonce,
    /// responseStatus tryLater, no response.
    TryLater,
    /// responseStatus unauthorized, no response.
    Unauthorized,
    /// Signed by a responder certificate the CA issued without id-kp-OCSPSigning.
    NoOcspSigning,
}

impl OcspFault {
    /// The names `--ocsp-fault` takes.
    pub const NAMES: [&str; 8] = [
        "wrong-key",
        "stale",
        "future",
        "wrong-cert-id",
        "wrong-nonce",
        "try-later",
        "unauthorized",
        "no-ocsp-signing",
    ];
    const ALL: [OcspFault; 8] = [
        OcspFault::WrongKey,
        OcspFault::Stale,
        OcspFault::Future,
        OcspFault::WrongCertId,
        OcspFault::WrongNonce,
        OcspFault::TryLater,
        OcspFault::Unauthorized,
        OcspFault::NoOcspSigning,
    ];
}

impl std::str::FromStr for OcspFault {
    type Err = String;

    fn from_str(s: &str) -> std::result::Result<Self, String> {
        Self::NAMES
            .iter()
            .position(|n| *n == s)
            .map(|i| Self::ALL[i])
            .ok_or_else(|| format!("unknown OCSP fault '{s}': use {}", Self::NAMES.join(", ")))
    }
}

/// A revocation the lab knows of.
#[derive(Debug, Clone, Copy)]
pub struct Revocation {
    /// When (Unix seconds).
    pub time: u64,
    /// Why.
    pub reason: CrlReason,
}

/// Revoked serial numbers (big-endian bytes, leading zeros stripped) and when.
pub type Revocations = HashMap<Vec<u8>, Revocation>;

/// A serial number typed as hex, and an optional reason name: `SERIAL[:REASON]`.
pub fn parse_revocation(text: &str) -> std::result::Result<(Vec<u8>, CrlReason), String> {
    let (serial, reason) = match text.split_once(':') {
        Some((s, r)) => (s, Some(r)),
        None => (text, None),
    };
    let serial = crate::scep::query::parse_serial(serial).map_err(|e| e.to_string())?;
    let reason = match reason {
        None => CrlReason::Unspecified,
        Some(name) => *REASONS
            .iter()
            .find(|r| reason_name(**r).eq_ignore_ascii_case(name))
            .ok_or_else(|| {
                format!(
                    "unknown revocation reason '{name}': use {}",
                    REASONS.map(reason_name).join(", ")
                )
            })?,
    };
    Ok((strip(&serial), reason))
}

/// A serial number's octets without the leading zeros of its DER form (at least one stays),
/// as revocations are kept.
pub(super) fn strip(serial: &[u8]) -> Vec<u8> {
    let skip = serial
        .iter()
        .take_while(|b| **b == 0)
        .count()
        .min(serial.len().saturating_sub(1));
    serial[skip..].to_vec()
}

/// The extensions that point a certificate at the lab's OCSP responder and CRL under `base`.
pub fn pointers(base: &str) -> Result<Vec<x509_cert::ext::Extension>> {
    let uri = |path: &str| {
        Ia5String::new(&format!("{base}{path}"))
            .map(GeneralName::UniformResourceIdentifier)
            .map_err(|e| Error::Crypto(format!("a lab URL is not IA5: {e}")))
    };
    Ok(vec![
        extension(
            rfc5280::ID_PE_AUTHORITY_INFO_ACCESS,
            false,
            &AuthorityInfoAccessSyntax(vec![AccessDescription {
                access_method: ID_AD_OCSP,
                access_location: uri(OCSP_PATH)?,
            }]),
        )?,
        extension(
            rfc5280::ID_CE_CRL_DISTRIBUTION_POINTS,
            false,
            &CrlDistributionPoints(vec![DistributionPoint {
                distribution_point: Some(DistributionPointName::FullName(vec![uri(CRL_PATH)?])),
                reasons: None,
                crl_issuer: None,
            }]),
        )?,
    ])
}

/// A responder certificate issued by `ca` (with id-kp-OCSPSigning unless `without_eku`).
pub fn delegated_responder(ca: &KeyPair, without_eku: bool) -> Result<KeyPair> {
    let key = PrivateKey::generate_rsa(2048)?;
    let mut extensions = vec![
        basic_constraints(false)?,
        extension(
            rfc5280::ID_CE_KEY_USAGE,
            true,
            &KeyUsage(KeyUsages::DigitalSignature.into()),
        )?,
    ];
    if !without_eku {
        extensions.push(extension(
            rfc5280::ID_CE_EXT_KEY_USAGE,
            false,
            &ExtendedKeyUsage(vec![rfc5280::ID_KP_OCSP_SIGNING]),
        )?);
    }
    let template = Template {
        subject: build_name(&[
            (NameAttr::Organization, "certenroll lab".into()),
            (NameAttr::CommonName, "certenroll lab OCSP responder".into()),
        ])?,
        public_key: key.public_key_info()?,
        serial: crate::pki::cert::random_serial()?,
        validity: super::ca::LAB_CA_VALIDITY,
        starts: None,
        extensions,
    };
    ca.issue(key, template)
}

impl Responder {
    /// Answer a request to the OCSP, CRL or revocation paths.
    pub(super) fn handle_revocation(&self, request: &Request) -> Response {
        if request.path == CRL_PATH {
            return match self.crl().and_then(|crl| {
                crl.to_der()
                    .map_err(|e| Error::Crypto(format!("encoding the CRL: {e}")))
            }) {
                Ok(der) => {
                    tracing::info!("CRL");
                    Response::new(200, "application/pkix-crl", der)
                }
                Err(e) => Response::text(500, &e.to_string()),
            };
        }
        if request.path == REVOKE_PATH {
            return self.revoke_request(request);
        }
        let body = if request.method == "POST" {
            Ok(request.body.clone())
        } else {
            // GET /ocsp/BASE64 (RFC 6960 A.1), the base64 URL-encoded.
            let encoded = request.path[OCSP_PATH.len()..].trim_start_matches('/');
            base64::engine::general_purpose::STANDARD
                .decode(encoded)
                .map_err(|e| e.to_string())
        };
        let answer = body
            .map_err(|e| format!("not base64: {e}"))
            .and_then(|b| OcspRequest::from_der(&b).map_err(|e| e.to_string()));
        let request = match answer {
            Ok(r) => r,
            Err(e) => {
                tracing::warn!("OCSP request refused: {e}");
                return ocsp_status(ResponseStatus::MalformedRequest);
            }
        };
        match self.ocsp_answer(&request) {
            Ok(der) => Response::new(200, RESPONSE_TYPE, der),
            Err(e) => {
                tracing::warn!("OCSP: {e}");
                ocsp_status(ResponseStatus::InternalError)
            }
        }
    }

    fn revoke_request(&self, request: &Request) -> Response {
        if request.method != "POST" {
            return Response::text(405, "POST /lab/revoke?serial=HEX[&reason=NAME]");
        }
        let text = match (request.param("serial"), request.param("reason")) {
            (Some(serial), Some(reason)) => format!("{serial}:{reason}"),
            (Some(serial), None) => serial.to_string(),
            (None, _) => return Response::text(400, "serial=HEX is missing"),
        };
        match parse_revocation(&text) {
            Ok((serial, reason)) => {
                self.revoke(serial, reason);
                Response::text(200, "revoked")
            }
            Err(e) => Response::text(400, &e),
        }
    }

    /// Revoke `serial` now, for `reason`.
    pub fn revoke(&self, serial: Vec<u8>, reason: CrlReason) {
        tracing::info!(
            serial = %crate::pki::hex(&serial).to_uppercase(),
            reason = reason_name(reason),
            "revoked"
        );
        self.revocations().insert(
            strip(&serial),
            Revocation {
                time: crate::clock::now_unix(),
                reason,
            },
        );
    }

    fn ocsp_answer(&self, request: &OcspRequest) -> Result<Vec<u8>> {
        let fault = self.options.ocsp_fault;
        match fault {
            Some(OcspFault::TryLater) => return Ok(status_only(ResponseStatus::TryLater)),
            Some(OcspFault::Unauthorized) => return Ok(status_only(ResponseStatus::Unauthorized)),
            _ => {}
        }
        let now = crate::clock::now_unix();
        let day = 86_400;
        let (this, next) = match fault {
            Some(OcspFault::Stale) => (now - 2 * day, now - day),
            Some(OcspFault::Future) => (now + day, now + 2 * day),
            _ => (now, now + RESPONSE_VALIDITY.as_secs()),
        };
        let time = |unix: u64| {
            GeneralizedTime::from_unix_duration(Duration::from_secs(unix))
                .map_err(|e| Error::Crypto(e.to_string()))
        };
        let ca = &self.ca.ca;
        let mut responses = Vec::new();
        for one in &request.tbs_request.request_list {
            let mut cert_id = one.req_cert.clone();
            let serial = strip(cert_id.serial_number.as_bytes());
            let ours = names(&cert_id, &ca.cert, &cert_id.serial_number);
            let status = match self.revocations().get(&serial) {
                Some(r) if ours => CertStatus::Revoked(RevokedInfo {
                    revocation_time: time(r.time)?,
                    revocation_reason: Some(r.reason),
                }),
                None if ours && self.issued_serial(&serial) => CertStatus::Good(Null),
                _ => CertStatus::Unknown(Null),
            };
            tracing::info!(
                serial = %crate::pki::hex(&serial).to_uppercase(),
                status = match status {
                    CertStatus::Good(_) => "good",
                    CertStatus::Revoked(_) => "revoked",
                    CertStatus::Unknown(_) => "unknown",
                },
                "OCSP"
            );
            if fault == Some(OcspFault::WrongCertId) {
                let mut other = serial.clone();
                other.push(0x01);
                cert_id.serial_number =
                    SerialNumber::new(&other).map_err(|e| Error::Crypto(e.to_string()))?;
            }
            responses.push(SingleResponse {
                cert_id,
                cert_status: status,
                this_update: time(this)?,
                next_update: Some(time(next)?),
                single_extensions: None,
            });
        }
        let nonce = find_nonce(request.tbs_request.request_extensions.as_ref()).map(|n| {
            if fault == Some(OcspFault::WrongNonce) {
                n.iter().map(|b| b ^ 0xff).collect()
            } else {
                n
            }
        });
        let wrong;
        let (signer_key, signer_cert, certs): (
            &PrivateKey,
            &Certificate,
            Option<Vec<Certificate>>,
        ) = match (&self.ocsp_responder, fault) {
            (_, Some(OcspFault::WrongKey)) => {
                wrong = PrivateKey::generate_rsa(2048)?;
                (&wrong, &ca.cert, None)
            }
            (Some(responder), _) => (
                &responder.key,
                &responder.cert,
                Some(vec![responder.cert.clone()]),
            ),
            (None, _) => (&ca.key, &ca.cert, None),
        };
        let key_hash = Digest::Sha1.hash(
            signer_cert
                .tbs_certificate()
                .subject_public_key_info()
                .subject_public_key
                .raw_bytes(),
        );
        let data = ResponseData {
            version: None,
            responder_id: ResponderId::ByKey(
                OctetString::new(key_hash).map_err(|e| Error::Crypto(e.to_string()))?,
            ),
            produced_at: time(now)?,
            responses,
            response_extensions: nonce
                .map(|n| nonce_extension(&n).map(|e| vec![e]))
                .transpose()?,
        };
        let tbs = data
            .to_der()
            .map_err(|e| Error::Crypto(format!("encoding the OCSP response: {e}")))?;
        let signature = signer_key.sign(Digest::Sha256, &tbs)?;
        let basic = BasicOcspResponse {
            tbs_response_data: Any::from_der(&tbs).map_err(|e| Error::Crypto(e.to_string()))?,
            signature_algorithm: signer_key.signature_algorithm(Digest::Sha256),
            signature: der::asn1::BitString::from_bytes(&signature)
                .map_err(|e| Error::Crypto(e.to_string()))?,
            certs,
        };
        let response = OcspResponse {
            response_status: ResponseStatus::Successful,
            response_bytes: Some(ResponseBytes {
                response_type: ID_PKIX_OCSP_BASIC,
                response: OctetString::new(
                    basic
                        .to_der()
                        .map_err(|e| Error::Crypto(format!("encoding: {e}")))?,
                )
                .map_err(|e| Error::Crypto(e.to_string()))?,
            }),
        };
        response
            .to_der()
            .map_err(|e| Error::Crypto(format!("encoding the OCSP response: {e}")))
    }
}

/// An `OCSPResponse` with only a status.
fn status_only(status: ResponseStatus) -> Vec<u8> {
    OcspResponse {
        response_status: status,
        response_bytes: None,
    }
    .to_der()
    .unwrap_or_default()
}

fn ocsp_status(status: ResponseStatus) -> Response {
    Response::new(200, RESPONSE_TYPE, status_only(status))
}
