//! OCSP (RFC 6960): the request for one certificate, and the verification of the answer.
//!
//! The structures are declared here rather than taken from RustCrypto's `x509-ocsp`: its
//! releases are on `der` 0.7 and x509-cert 0.2 (this project is on `der` 0.8 and x509-cert
//! 0.3, which do not mix), and on the RFC 5280 certificate profile (no serials over 20
//! octets; see [`super::Certificate`]). What is declared is what RFC 6960 section 4 defines,
//! with its EXPLICIT tags.
//!
//! A response is trusted when (section 4.2.2.2, 3.2) it is signed by the issuing CA or by a
//! responder certificate the CA issued for it (id-kp-OCSPSigning, valid now), names its
//! signer in responderID, answers for the certificate asked about (CertID), is current
//! (thisUpdate not ahead of the clock, nextUpdate not behind it, with the allowed skew) and
//! echoes the nonce when it carries one (RFC 8954: responders that pre-produce responses
//! leave it out).

use std::time::Duration;

use const_oid::ObjectIdentifier;
use const_oid::db::rfc5280;
use der::asn1::{GeneralizedTime, Null, OctetString};
use der::{Any, Choice, Decode, Encode, Enumerated, Sequence};
use spki::AlgorithmIdentifierOwned;
use x509_cert::ext::Extensions;
use x509_cert::ext::pkix::crl::CrlReason;
use x509_cert::ext::pkix::name::GeneralName;
use x509_cert::ext::pkix::{AuthorityInfoAccessSyntax, ExtendedKeyUsage};
use x509_cert::name::Name;

use super::cert::{name_to_string, verify_issued_by};
use super::digest::Digest;
use super::key::verify_signed;
use super::{Certificate, SerialNumber};
use crate::{Error, Result};

/// id-pkix-ocsp-basic: the only response type there is.
pub const ID_PKIX_OCSP_BASIC: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.3.6.1.5.5.7.48.1.1");
/// id-pkix-ocsp-nonce.
pub const ID_PKIX_OCSP_NONCE: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.3.6.1.5.5.7.48.1.2");
/// id-ad-ocsp: the access method of an OCSP responder in Authority Information Access.
pub const ID_AD_OCSP: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.6.1.5.5.7.48.1");
/// The media type of a request (RFC 6960 appendix A.1).
pub const REQUEST_TYPE: &str = "application/ocsp-request";
/// The media type of a response.
pub const RESPONSE_TYPE: &str = "application/ocsp-response";

/// `CertID`: which certificate a request or a response is about.
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
pub struct CertId {
    /// The hash of the two hashes below.
    pub hash_algorithm: AlgorithmIdentifierOwned,
    /// Hash of the issuer's DER-encoded name.
    pub issuer_name_hash: OctetString,
    /// Hash of the issuer's public key (the BIT STRING's contents).
    pub issuer_key_hash: OctetString,
    /// The certificate's serial number.
    pub serial_number: SerialNumber,
}

/// `Request`: one certificate asked about.
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
pub struct Request {
    /// The certificate.
    pub req_cert: CertId,
    /// Extensions for this certificate.
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT", optional = "true")]
    pub single_request_extensions: Option<Extensions>,
}

/// `TBSRequest`.
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
pub struct TbsRequest {
    /// v1 (0), left out when encoding as DER wants a default left out.
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT", optional = "true")]
    pub version: Option<u8>,
    /// Who asks (unused here).
    #[asn1(context_specific = "1", tag_mode = "EXPLICIT", optional = "true")]
    pub requestor_name: Option<GeneralName>,
    /// The certificates asked about.
    pub request_list: Vec<Request>,
    /// Extensions (the nonce).
    #[asn1(context_specific = "2", tag_mode = "EXPLICIT", optional = "true")]
    pub request_extensions: Option<Extensions>,
}

/// `OCSPRequest` (never signed here: no responder asks certenroll's clients to).
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
pub struct OcspRequest {
    /// The request.
    pub tbs_request: TbsRequest,
    /// A signature.
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT", optional = "true")]
    pub optional_signature: Option<Any>,
}

/// `OCSPResponseStatus`.
#[derive(Clone, Copy, Debug, Eq, PartialEq, Enumerated)]
#[repr(u32)]
pub enum ResponseStatus {
    /// A response follows.
    Successful = 0,
    /// The request did not parse.
    MalformedRequest = 1,
    /// The responder is in trouble.
    InternalError = 2,
    /// Try again later.
    TryLater = 3,
    /// The request must be signed.
    SigRequired = 5,
    /// The responder does not answer for this CA (or this client).
    Unauthorized = 6,
}

impl ResponseStatus {
    /// The RFC's name and what it means for the person reading it.
    pub fn describe(self) -> &'static str {
        match self {
            ResponseStatus::Successful => "successful",
            ResponseStatus::MalformedRequest => {
                "malformedRequest (the responder could not read the request)"
            }
            ResponseStatus::InternalError => {
                "internalError (the responder is in trouble; try again later)"
            }
            ResponseStatus::TryLater => "tryLater (the responder cannot answer now)",
            ResponseStatus::SigRequired => {
                "sigRequired (the responder wants signed requests, which certenroll does not send)"
            }
            ResponseStatus::Unauthorized => {
                "unauthorized (the responder does not answer for this CA: check --responder)"
            }
        }
    }
}

/// `ResponseBytes`.
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
pub struct ResponseBytes {
    /// id-pkix-ocsp-basic.
    pub response_type: ObjectIdentifier,
    /// The DER of a `BasicOCSPResponse`.
    pub response: OctetString,
}

/// `OCSPResponse`.
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
pub struct OcspResponse {
    /// Whether there is a response.
    pub response_status: ResponseStatus,
    /// The response.
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT", optional = "true")]
    pub response_bytes: Option<ResponseBytes>,
}

/// `BasicOCSPResponse`, its signed part kept as it arrived (the signature covers those bytes).
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
pub struct BasicOcspResponse {
    /// A `ResponseData`.
    pub tbs_response_data: Any,
    /// How it is signed.
    pub signature_algorithm: AlgorithmIdentifierOwned,
    /// The signature.
    pub signature: der::asn1::BitString,
    /// Certificates that help to verify it (a delegated responder's).
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT", optional = "true")]
    pub certs: Option<Vec<Certificate>>,
}

/// `ResponderID`.
#[derive(Clone, Debug, Eq, PartialEq, Choice)]
pub enum ResponderId {
    /// The signer's subject.
    #[asn1(context_specific = "1", tag_mode = "EXPLICIT", constructed = "true")]
    ByName(Name),
    /// SHA-1 of the signer's public key (the BIT STRING's contents).
    #[asn1(context_specific = "2", tag_mode = "EXPLICIT", constructed = "true")]
    ByKey(OctetString),
}

/// `ResponseData`.
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
pub struct ResponseData {
    /// v1 (0).
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT", optional = "true")]
    pub version: Option<u8>,
    /// Who signed.
    pub responder_id: ResponderId,
    /// When the response was signed.
    pub produced_at: GeneralizedTime,
    /// One answer per certificate.
    pub responses: Vec<SingleResponse>,
    /// Extensions (the nonce).
    #[asn1(context_specific = "1", tag_mode = "EXPLICIT", optional = "true")]
    pub response_extensions: Option<Extensions>,
}

/// `SingleResponse`.
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
pub struct SingleResponse {
    /// Which certificate.
    pub cert_id: CertId,
    /// Its status.
    pub cert_status: CertStatus,
    /// When the status was known to be right.
    pub this_update: GeneralizedTime,
    /// When newer information will be there.
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT", optional = "true")]
    pub next_update: Option<GeneralizedTime>,
    /// Extensions.
    #[asn1(context_specific = "1", tag_mode = "EXPLICIT", optional = "true")]
    pub single_extensions: Option<Extensions>,
}

/// `CertStatus`.
#[derive(Clone, Debug, Eq, PartialEq, Choice)]
pub enum CertStatus {
    /// Not revoked.
    #[asn1(context_specific = "0", tag_mode = "IMPLICIT")]
    Good(Null),
    /// Revoked.
    #[asn1(context_specific = "1", tag_mode = "IMPLICIT", constructed = "true")]
    Revoked(RevokedInfo),
    /// The responder does not know the certificate.
    #[asn1(context_specific = "2", tag_mode = "IMPLICIT")]
    Unknown(Null),
}

/// `RevokedInfo`.
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
pub struct RevokedInfo {
    /// When.
    pub revocation_time: GeneralizedTime,
    /// Why.
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT", optional = "true")]
    pub revocation_reason: Option<CrlReason>,
}

/// The name RFC 5280 gives a revocation reason (as `openssl` and CRLs print it).
pub fn reason_name(reason: CrlReason) -> &'static str {
    match reason {
        CrlReason::Unspecified => "unspecified",
        CrlReason::KeyCompromise => "keyCompromise",
        CrlReason::CaCompromise => "cACompromise",
        CrlReason::AffiliationChanged => "affiliationChanged",
        CrlReason::Superseded => "superseded",
        CrlReason::CessationOfOperation => "cessationOfOperation",
        CrlReason::CertificateHold => "certificateHold",
        CrlReason::RemoveFromCRL => "removeFromCRL",
        CrlReason::PrivilegeWithdrawn => "privilegeWithdrawn",
        CrlReason::AaCompromise => "aACompromise",
    }
}

/// Every reason, for parsing a name back.
pub const REASONS: [CrlReason; 10] = [
    CrlReason::Unspecified,
    CrlReason::KeyCompromise,
    CrlReason::CaCompromise,
    CrlReason::AffiliationChanged,
    CrlReason::Superseded,
    CrlReason::CessationOfOperation,
    CrlReason::CertificateHold,
    CrlReason::RemoveFromCRL,
    CrlReason::PrivilegeWithdrawn,
    CrlReason::AaCompromise,
];

/// A certificate's revocation status, as a verified response or CRL gave it.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "status", rename_all = "lowercase")]
pub enum Status {
    /// Not revoked.
    Good,
    /// Revoked at `time` (Unix seconds), for `reason` when one is given.
    Revoked {
        /// When.
        time: u64,
        /// Why (RFC 5280's name).
        #[serde(skip_serializing_if = "Option::is_none")]
        reason: Option<&'static str>,
    },
    /// The responder does not know the certificate.
    Unknown,
}

impl Status {
    /// "good", "revoked (keyCompromise) at 2026-...", "unknown".
    pub fn describe(&self) -> String {
        match self {
            Status::Good => "good".into(),
            Status::Revoked { time, reason } => format!(
                "revoked{} at {}",
                reason.map(|r| format!(" ({r})")).unwrap_or_default(),
                crate::clock::rfc3339(*time)
            ),
            Status::Unknown => "unknown".into(),
        }
    }
}

/// The CertID of the certificate with `serial` issued by `issuer`, hashed with `digest`.
pub fn cert_id(digest: Digest, issuer: &Certificate, serial: &SerialNumber) -> Result<CertId> {
    let tbs = issuer.tbs_certificate();
    let name = tbs
        .subject()
        .to_der()
        .map_err(|e| Error::Crypto(format!("encoding the issuer's name failed: {e}")))?;
    let octets = |bytes: Vec<u8>| {
        OctetString::new(bytes).map_err(|e| Error::Crypto(format!("building a CertID: {e}")))
    };
    Ok(CertId {
        hash_algorithm: AlgorithmIdentifierOwned {
            oid: digest.oid(),
            // As OpenSSL and RFC 5019's examples write it.
            parameters: Some(Any::from(Null)),
        },
        issuer_name_hash: octets(digest.hash(&name))?,
        issuer_key_hash: octets(
            digest.hash(tbs.subject_public_key_info().subject_public_key.raw_bytes()),
        )?,
        serial_number: serial.clone(),
    })
}

/// Whether `id` names the certificate with `serial` issued by `issuer`, whatever hash it
/// uses (SHA-1, the usual one, or SHA-2).
pub fn names(id: &CertId, issuer: &Certificate, serial: &SerialNumber) -> bool {
    Digest::from_oid(&id.hash_algorithm.oid)
        .filter(|d| d.oid() == id.hash_algorithm.oid)
        .and_then(|digest| cert_id(digest, issuer, serial).ok())
        .is_some_and(|ours| {
            ours.issuer_name_hash == id.issuer_name_hash
                && ours.issuer_key_hash == id.issuer_key_hash
                && ours.serial_number.as_bytes() == id.serial_number.as_bytes()
        })
}

/// A request ready to send, and what its answer is checked against.
pub struct Query {
    /// The DER of the `OCSPRequest`.
    pub der: Vec<u8>,
    /// The nonce sent (empty: none).
    pub nonce: Vec<u8>,
}

/// The nonce extension holding `nonce` (its value is an OCTET STRING inside the extnValue).
pub fn nonce_extension(nonce: &[u8]) -> Result<x509_cert::ext::Extension> {
    let inner = OctetString::new(nonce.to_vec())
        .and_then(|o| o.to_der())
        .and_then(OctetString::new)
        .map_err(|e| Error::Crypto(format!("building the nonce: {e}")))?;
    Ok(x509_cert::ext::Extension {
        extn_id: ID_PKIX_OCSP_NONCE,
        critical: false,
        extn_value: inner,
    })
}

/// The nonce in `extensions`, when there is one (its value's OCTET STRING contents; a
/// responder that writes the bare bytes gets them as they are).
pub fn find_nonce(extensions: Option<&Extensions>) -> Option<Vec<u8>> {
    let ext = extensions?
        .iter()
        .find(|e| e.extn_id == ID_PKIX_OCSP_NONCE)?;
    let value = ext.extn_value.as_bytes();
    Some(
        OctetString::from_der(value)
            .map(|o| o.as_bytes().to_vec())
            .unwrap_or_else(|_| value.to_vec()),
    )
}

/// The request about `cert` (issued by `issuer`), with a SHA-1 CertID (what every responder
/// reads; RFC 5019 asks for it) and, `with_nonce`, a 32-octet nonce (RFC 8954).
pub fn request(cert: &Certificate, issuer: &Certificate, with_nonce: bool) -> Result<Query> {
    let nonce = if with_nonce {
        super::random_bytes::<32>()?.to_vec()
    } else {
        Vec::new()
    };
    let request = OcspRequest {
        tbs_request: TbsRequest {
            version: None,
            requestor_name: None,
            request_list: vec![Request {
                req_cert: cert_id(Digest::Sha1, issuer, cert.tbs_certificate().serial_number())?,
                single_request_extensions: None,
            }],
            request_extensions: if with_nonce {
                Some(vec![nonce_extension(&nonce)?])
            } else {
                None
            },
        },
        optional_signature: None,
    };
    let der = request
        .to_der()
        .map_err(|e| Error::Crypto(format!("encoding the OCSP request failed: {e}")))?;
    Ok(Query { der, nonce })
}

/// The OCSP responders a certificate names (Authority Information Access, id-ad-ocsp).
pub fn responder_urls(cert: &Certificate) -> Vec<String> {
    let Ok(Some((_, aia))) = cert
        .tbs_certificate()
        .get_extension::<AuthorityInfoAccessSyntax>()
    else {
        return Vec::new();
    };
    aia.0
        .iter()
        .filter(|d| d.access_method == ID_AD_OCSP)
        .filter_map(|d| match &d.access_location {
            GeneralName::UniformResourceIdentifier(uri) => Some(uri.to_string()),
            _ => None,
        })
        .collect()
}

/// What a verified response says, and about when.
#[derive(Clone, Debug)]
pub struct Verified {
    /// The status.
    pub status: Status,
    /// When the status was known right (Unix seconds).
    pub this_update: u64,
    /// When newer information will be there, if the responder says.
    pub next_update: Option<u64>,
    /// When the response was signed.
    pub produced_at: u64,
    /// Who signed it: the CA, or a responder certificate's subject.
    pub signer: String,
    /// Whether the response echoed the nonce (false: it carried none).
    pub nonce_echoed: bool,
}

/// The checks of a response that depend on its surroundings.
pub struct Expect<'a> {
    /// The certificate asked about.
    pub cert: &'a Certificate,
    /// Its issuer.
    pub issuer: &'a Certificate,
    /// The nonce sent, if any (none for a staple file read back).
    pub nonce: Option<&'a [u8]>,
    /// Now (Unix seconds).
    pub now: u64,
    /// The clock difference allowed with the responder.
    pub skew: Duration,
}

/// Decode and verify `der`, an `OCSPResponse`, against `expect`. Every failed check is
/// [`Error::Untrusted`], saying which.
pub fn verify(der: &[u8], expect: &Expect<'_>) -> Result<Verified> {
    let bad = |what: String| Error::Untrusted(format!("OCSP response: {what}"));
    let response =
        OcspResponse::from_der(der).map_err(|e| bad(format!("not an OCSP response ({e})")))?;
    if response.response_status != ResponseStatus::Successful {
        return Err(bad(format!(
            "the responder answered {}",
            response.response_status.describe()
        )));
    }
    let bytes = response
        .response_bytes
        .ok_or_else(|| bad("successful, but it holds no response".into()))?;
    if bytes.response_type != ID_PKIX_OCSP_BASIC {
        return Err(bad(format!(
            "response type {} is not the basic one",
            bytes.response_type
        )));
    }
    let basic = BasicOcspResponse::from_der(bytes.response.as_bytes())
        .map_err(|e| bad(format!("the basic response does not parse ({e})")))?;
    let tbs = basic
        .tbs_response_data
        .to_der()
        .map_err(|e| bad(format!("the response data does not re-encode ({e})")))?;
    let data = ResponseData::from_der(&tbs)
        .map_err(|e| bad(format!("the response data does not parse ({e})")))?;

    let signer = signer(&data.responder_id, &basic, expect)?;
    verify_signed(
        signer.cert.tbs_certificate().subject_public_key_info(),
        &basic.signature_algorithm,
        &tbs,
        &basic.signature,
    )
    .map_err(|what| bad(format!("{what} is not {}'s", signer.describe)))?;

    let serial = expect.cert.tbs_certificate().serial_number();
    let single = data
        .responses
        .iter()
        .find(|r| names(&r.cert_id, expect.issuer, serial))
        .ok_or_else(|| {
            bad(format!(
                "it answers for other certificates than serial {} of '{}' (CertID does not match)",
                super::hex(serial.as_bytes()).to_uppercase(),
                name_to_string(expect.issuer.tbs_certificate().subject())
            ))
        })?;

    let this_update = unix(&single.this_update);
    let next_update = single.next_update.as_ref().map(unix);
    current((this_update, next_update), expect.now, expect.skew).map_err(bad)?;

    let echoed = find_nonce(data.response_extensions.as_ref());
    if let (Some(sent), Some(got)) = (expect.nonce, &echoed)
        && sent != got.as_slice()
    {
        return Err(bad(
            "its nonce is not the one sent (a replayed or misdirected response)".into(),
        ));
    }

    let status = match &single.cert_status {
        CertStatus::Good(_) => Status::Good,
        CertStatus::Revoked(info) => Status::Revoked {
            time: unix(&info.revocation_time),
            reason: info.revocation_reason.map(reason_name),
        },
        CertStatus::Unknown(_) => Status::Unknown,
    };
    Ok(Verified {
        status,
        this_update,
        next_update,
        produced_at: unix(&data.produced_at),
        signer: signer.describe,
        nonce_echoed: expect.nonce.is_some() && echoed.is_some(),
    })
}

/// Whether status information from `this_update` until `next_update` (Unix seconds) is
/// current at `now`, give or take `skew`; why not, otherwise.
pub fn current(
    (this_update, next_update): (u64, Option<u64>),
    now: u64,
    skew: Duration,
) -> std::result::Result<(), String> {
    let skew = skew.as_secs();
    let rfc3339 = crate::clock::rfc3339;
    if this_update > now + skew {
        return Err(format!(
            "thisUpdate {} is ahead of this machine's clock ({}): check the clocks",
            rfc3339(this_update),
            rfc3339(now)
        ));
    }
    match next_update {
        Some(next) if next + skew < now => Err(format!(
            "it is stale: nextUpdate {} has passed (now {})",
            rfc3339(next),
            rfc3339(now)
        )),
        _ => Ok(()),
    }
}

fn unix(time: &GeneralizedTime) -> u64 {
    time.to_unix_duration().as_secs()
}

/// The certificate whose key signed a response.
struct Signer<'a> {
    cert: &'a Certificate,
    describe: String,
}

/// The signer `id` names: the issuing CA itself, or a responder certificate in the response
/// that the CA issued for OCSP signing and that is valid now (RFC 6960 4.2.2.2).
fn signer<'a>(
    id: &ResponderId,
    basic: &'a BasicOcspResponse,
    expect: &Expect<'a>,
) -> Result<Signer<'a>> {
    let bad = |what: String| Error::Untrusted(format!("OCSP response: {what}"));
    let is = |cert: &Certificate| match id {
        ResponderId::ByName(name) => cert.tbs_certificate().subject() == name,
        ResponderId::ByKey(hash) => {
            Digest::Sha1.hash(
                cert.tbs_certificate()
                    .subject_public_key_info()
                    .subject_public_key
                    .raw_bytes(),
            ) == hash.as_bytes()
        }
    };
    if is(expect.issuer) {
        return Ok(Signer {
            cert: expect.issuer,
            describe: format!(
                "the CA '{}'",
                name_to_string(expect.issuer.tbs_certificate().subject())
            ),
        });
    }
    let named = match id {
        ResponderId::ByName(name) => format!("'{}'", name_to_string(name)),
        ResponderId::ByKey(hash) => format!("key {}", super::hex(hash.as_bytes())),
    };
    let cert = basic
        .certs
        .iter()
        .flatten()
        .find(|c| is(c))
        .ok_or_else(|| {
            bad(format!(
                "signed by {named}, which is neither the CA nor a responder certificate it carries"
            ))
        })?;
    let subject = name_to_string(cert.tbs_certificate().subject());
    verify_issued_by(cert, expect.issuer).map_err(|_| {
        bad(format!(
            "the responder certificate '{subject}' is not issued by the certificate's CA"
        ))
    })?;
    let for_ocsp = matches!(
        cert.tbs_certificate().get_extension::<ExtendedKeyUsage>(),
        Ok(Some((_, eku))) if eku.0.contains(&rfc5280::ID_KP_OCSP_SIGNING)
    );
    if !for_ocsp {
        return Err(bad(format!(
            "the responder certificate '{subject}' is not for OCSP signing (no id-kp-OCSPSigning)"
        )));
    }
    let validity = cert.tbs_certificate().validity();
    let (from, until) = (
        validity.not_before.to_unix_duration().as_secs(),
        validity.not_after.to_unix_duration().as_secs(),
    );
    let skew = expect.skew.as_secs();
    if expect.now + skew < from || until + skew < expect.now {
        return Err(bad(format!(
            "the responder certificate '{subject}' is not valid now (from {} until {})",
            crate::clock::rfc3339(from),
            crate::clock::rfc3339(until)
        )));
    }
    Ok(Signer {
        cert,
        describe: format!("the CA's responder '{subject}'"),
    })
}

/// When a staple should be fetched again: once half of its validity has passed (a response
/// without nextUpdate: at once).
pub fn refresh_at(verified: &Verified) -> u64 {
    match verified.next_update {
        Some(next) if next > verified.this_update => {
            verified.this_update + (next - verified.this_update) / 2
        }
        _ => verified.this_update,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_request_decodes_as_sent() {
        let key = crate::pki::key::PrivateKey::generate_rsa(2048).unwrap();
        let name =
            crate::pki::cert::build_name(&[(crate::pki::cert::NameAttr::CommonName, "ca".into())])
                .unwrap();
        let ca = crate::pki::cert::self_signed(&key, &name, Digest::Sha256).unwrap();
        let query = request(&ca, &ca, true).unwrap();
        let decoded = OcspRequest::from_der(&query.der).unwrap();
        let only = &decoded.tbs_request.request_list[0];
        assert!(names(
            &only.req_cert,
            &ca,
            ca.tbs_certificate().serial_number()
        ));
        assert_eq!(
            find_nonce(decoded.tbs_request.request_extensions.as_ref()),
            Some(query.nonce.clone())
        );
        assert_eq!(query.nonce.len(), 32);
        // A SHA-256 CertID names the same certificate.
        let sha256 = cert_id(Digest::Sha256, &ca, ca.tbs_certificate().serial_number()).unwrap();
        assert!(names(&sha256, &ca, ca.tbs_certificate().serial_number()));
        let other = crate::pki::cert::serial_from_bytes(&[9]).unwrap();
        assert!(!names(&sha256, &ca, &other));
    }
}
