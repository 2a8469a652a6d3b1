//! The lab's SCEP responder: GetCACaps, GetCACert, and PKIOperation (GET and POST) for
//! PKCSReq, RenewalReq, CertPoll, GetCert and GetCRL, with fault injection.
//!
//! Faults: PENDING for the first N answers of each transaction, FAILURE with a chosen
//! failInfo, an HTTP error status, a delay, and hostile replies (signed by the wrong key, wrong
//! recipientNonce or transactionID, a certificate for another key, a truncated body).
//! `fault_limit` makes the injected faults (all but PENDING) apply only to the first N
//! PKIOperation requests, so that a client's retry can be seen to succeed.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Duration;

use crate::pki::Certificate;
use crate::pki::CertificateList;
use crate::pki::SerialNumber;
use crate::pki::cms_raw::IssuerAndSerialNumber;
use base64::Engine;
use const_oid::db::rfc5280;
use der::asn1::{OctetString, PrintableStringRef};
use der::{Any, Decode, Encode};
use x509_cert::builder::CrlBuilder;
use x509_cert::certificate::Raw;
use x509_cert::ext::pkix::crl::CrlNumber;
use x509_cert::request::CertReq;

use super::ca::LabCa;
use super::ca::lab_serial;
use super::http::{Request, Response};
use super::options::{Fault, LAB_CA_IDENT, LabOptions, Quirk};
use crate::pki::cert::{
    BuilderKey, Template, basic_constraints, issue, name_to_string, with_serial,
};
use crate::pki::csr::{challenge_password, requested_extensions, requested_sans};
use crate::pki::digest::Digest;
use crate::pki::envelope::{Cipher, envelope, open};
use crate::pki::key::PrivateKey;
use crate::pki::signed::{
    any_as_octets, any_as_text, attribute, certificates, degenerate, degenerate_crls,
    find_attribute, parse, sign, verify,
};
use crate::scep::client::PKI_MESSAGE;
use crate::scep::pkimessage::IssuerAndSubject;
use crate::scep::{CA_CERT, CA_RA_CERT};
use crate::scep::{FailInfo, MessageType, PkiStatus, oids};
use crate::{Error, Result};

/// What Dogtag lists (`--quirk dogtag`); it accepts nothing else.
const DOGTAG_CAPS: [&str; 3] = ["DES3", "SHA-256", "SHA-512"];

/// What NDES lists (`--quirk ndes`).
const NDES_CAPS: [&str; 6] = [
    "POSTPKIOperation",
    "Renewal",
    "SHA-512",
    "SHA-256",
    "SHA-1",
    "DES3",
];

/// Capabilities the lab advertises unless told otherwise. SHA-384 is no RFC 8894 keyword
/// (clients ignore it), but strongSwan 5.9.8 reads the list as bit masks and counts AES only
/// when it is there (fixed in 5.9.11).
pub const DEFAULT_CAPS: [&str; 9] = [
    "Renewal",
    "SHA-1",
    "SHA-256",
    "SHA-384",
    "SHA-512",
    "AES",
    "DES3",
    "SCEPStandard",
    "POSTPKIOperation",
];

#[derive(Default)]
struct Transaction {
    answers: u32,
    issued: Option<Certificate>,
}

#[derive(Default)]
struct State {
    next_serial: u64,
    transactions: HashMap<String, Transaction>,
    issued: Vec<Certificate>,
    faulted: u32,
}

/// A GET PKIOperation's message as clients send it: standard or URL-safe base64 (micromdm's
/// scepclient), with or without padding, wrapped in lines (sscep: every 64 characters), a
/// `+` turned into a space on the way.
pub fn lenient_base64(text: &str) -> std::result::Result<Vec<u8>, String> {
    let mut cleaned: String = text
        .chars()
        .filter(|c| !matches!(c, '\r' | '\n' | '\t'))
        .map(|c| match c {
            ' ' | '-' => '+',
            '_' => '/',
            other => other,
        })
        .collect();
    let cleaned_len = cleaned.trim_end_matches('=').len();
    cleaned.truncate(cleaned_len);
    while !cleaned.len().is_multiple_of(4) {
        cleaned.push('=');
    }
    base64::engine::general_purpose::STANDARD
        .decode(&cleaned)
        .map_err(|e| e.to_string())
}

/// The responder.
pub struct Responder {
    pub(super) options: LabOptions,
    pub(super) ca: LabCa,
    state: Mutex<State>,
    /// The OCSP responder certificate, with `--ocsp-delegated`.
    pub(super) ocsp_responder: Option<super::ca::KeyPair>,
    revocations: Mutex<super::ocsp::Revocations>,
}

/// A decoded, verified request.
struct Incoming {
    message_type: MessageType,
    transaction_id: String,
    sender_nonce: Vec<u8>,
    signer: Certificate,
    inner: Vec<u8>,
    cipher: Cipher,
    digest: Option<Digest>,
}

/// What to answer.
pub(super) enum Answer {
    Success(Vec<u8>),
    Pending,
    Failure(FailInfo),
}

impl Responder {
    /// A responder with a CA.
    pub fn new(options: LabOptions, ca: LabCa) -> Result<Self> {
        let without_eku = options.ocsp_fault == Some(super::ocsp::OcspFault::NoOcspSigning);
        let ocsp_responder = (options.ocsp_delegated || without_eku)
            .then(|| super::ocsp::delegated_responder(&ca.ca, without_eku))
            .transpose()?;
        let responder = Responder {
            ca,
            state: Mutex::new(State {
                next_serial: 2,
                ..State::default()
            }),
            ocsp_responder,
            revocations: Mutex::default(),
            options,
        };
        for (serial, reason) in responder.options.revoke.clone() {
            responder.revoke(serial, reason);
        }
        Ok(responder)
    }

    /// The serial numbers revoked, and when.
    pub(super) fn revocations(&self) -> std::sync::MutexGuard<'_, super::ocsp::Revocations> {
        self.revocations
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Whether the certificate with `serial` was revoked.
    pub(super) fn is_revoked(&self, serial: &SerialNumber) -> bool {
        self.revocations()
            .contains_key(&super::ocsp::strip(serial.as_bytes()))
    }

    /// Whether the lab handed out a certificate with `serial` (leading zeros stripped).
    pub(super) fn issued_serial(&self, serial: &[u8]) -> bool {
        self.state()
            .issued
            .iter()
            .any(|c| super::ocsp::strip(c.tbs_certificate().serial_number().as_bytes()) == serial)
    }

    /// The CA.
    pub fn ca(&self) -> &LabCa {
        &self.ca
    }

    fn state(&self) -> std::sync::MutexGuard<'_, State> {
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// The faults for one request: whether they apply to it (with `also`, another fault of
    /// the caller's counts), after the injected delay; the injected HTTP status as an error.
    pub(super) fn inject(&self, also: bool) -> std::result::Result<bool, Response> {
        let faulted = (also
            || self.options.http_status.is_some()
            || self.options.fault.is_some()
            || !self.options.delay.is_zero())
            && self.take_fault();
        if faulted && !self.options.delay.is_zero() {
            tracing::info!(delay = ?self.options.delay, "injected delay");
            std::thread::sleep(self.options.delay);
        }
        if faulted && let Some(status) = self.options.http_status {
            tracing::info!(status, "injected HTTP status");
            // With a terminal escape, to show that clients print the server's text safely.
            return Err(Response::text(
                status,
                &format!("lab: injected HTTP {status}\x1b[2J"),
            ));
        }
        Ok(faulted)
    }

    /// Whether an injected fault applies to this PKIOperation request.
    fn take_fault(&self) -> bool {
        let mut state = self.state();
        match self.options.fault_limit {
            Some(limit) if state.faulted >= limit => false,
            _ => {
                state.faulted += 1;
                true
            }
        }
    }

    /// Answer one HTTP request: EST under /.well-known/est, OCSP, the CRL and revocations
    /// under their paths, SCEP anywhere else.
    pub fn handle(&self, request: &Request) -> Response {
        use super::ocsp::{CRL_PATH, OCSP_PATH, REVOKE_PATH};
        if request.path.starts_with(crate::est::WELL_KNOWN) {
            return self.handle_est(request);
        }
        if request.path.starts_with(OCSP_PATH)
            || request.path == CRL_PATH
            || request.path == REVOKE_PATH
        {
            return self.handle_revocation(request);
        }
        let response = self.route(request);
        if self.options.has(Quirk::Ndes2012Post) {
            response.with_header("Server", "Microsoft-IIS/8.0")
        } else {
            response
        }
    }

    fn route(&self, request: &Request) -> Response {
        match request.param("operation") {
            Some(op)
                if self.options.has(Quirk::EjbcaCaMode)
                    && ["GetCACaps", "GetCACert"]
                        .iter()
                        .any(|o| o.eq_ignore_ascii_case(op))
                    && request.param("message") != Some(LAB_CA_IDENT) =>
            {
                tracing::info!(
                    operation = op,
                    message = request.param("message").unwrap_or("(none)"),
                    "no such CA (ejbca-ca-mode: message={LAB_CA_IDENT} names it)"
                );
                Response::text(404, "CA not found")
            }
            Some(op) if op.eq_ignore_ascii_case("GetCACaps") => {
                let mut caps = match &self.options.caps {
                    Some(list) => list.join("\n"),
                    None if self.options.has(Quirk::Dogtag) => DOGTAG_CAPS.join("\n"),
                    None if self.options.has(Quirk::Ndes) => NDES_CAPS.join("\n"),
                    None => DEFAULT_CAPS.join("\n"),
                };
                if self.options.caps.is_none() && self.ca.next_ca().is_some() {
                    caps.push_str("\nGetNextCACert");
                }
                tracing::info!("GetCACaps");
                if self.options.has(Quirk::Ndes2003Caps) {
                    Response::hang_up()
                } else if self.options.has(Quirk::Ndes2008Caps) {
                    Response::text(200, "")
                } else if self.options.has(Quirk::Ndes2008R2Caps) {
                    Response::new(200, "", caps.into_bytes())
                } else {
                    Response::text(200, &caps)
                }
            }
            Some(op) if op.eq_ignore_ascii_case("GetCACert") => {
                tracing::info!("GetCACert");
                let certs = self.ca.certificates();
                if certs.len() == 1 {
                    Response::new(200, CA_CERT, certs[0].to_der().unwrap_or_default())
                } else {
                    match degenerate(&certs) {
                        Ok(body) => Response::new(200, CA_RA_CERT, body),
                        Err(e) => Response::text(500, &e.to_string()),
                    }
                }
            }
            Some(op) if op.eq_ignore_ascii_case("GetNextCACert") => {
                let Some((next, link)) = self.ca.next_ca() else {
                    tracing::info!("GetNextCACert: no successor announced");
                    return Response::text(404, "no next CA");
                };
                tracing::info!("GetNextCACert");
                let signer = self.ca.signer();
                match sign(
                    None,
                    Vec::new(),
                    &signer.key,
                    &signer.cert,
                    Digest::Sha256,
                    &[next, link],
                ) {
                    Ok(body) => Response::new(200, crate::rollover::NEXT_CA_CERT, body),
                    Err(e) => Response::text(500, &e.to_string()),
                }
            }
            Some(op)
                if op.eq_ignore_ascii_case("PKIOperation")
                    && request.method == "POST"
                    && self.options.has(Quirk::Ndes2012Post) =>
            {
                tracing::info!("PKIOperation by POST: empty answer (ndes-2012-post)");
                Response::new(200, PKI_MESSAGE, Vec::new())
            }
            Some(op)
                if op.eq_ignore_ascii_case("PKIOperation")
                    && self.options.has(Quirk::ExpiredRa) =>
            {
                tracing::info!("PKIOperation: HTTP 500 (expired-ra: the RA certificates expired)");
                Response::text(500, "Internal Server Error")
            }
            Some(op) if op.eq_ignore_ascii_case("PKIOperation") => {
                let message = if request.method == "POST" {
                    Ok(request.body.clone())
                } else {
                    lenient_base64(request.param("message").unwrap_or_default())
                };
                match message {
                    Ok(message) => self.pki_operation(&message),
                    Err(e) => {
                        tracing::warn!(
                            "PKIOperation by GET refused: the message is not base64: {e}"
                        );
                        Response::text(400, &format!("message is not base64: {e}"))
                    }
                }
            }
            other => Response::text(
                400,
                &format!("unknown operation {:?}", other.unwrap_or("(none)")),
            ),
        }
    }

    fn pki_operation(&self, message: &[u8]) -> Response {
        let faulted = match self.inject(self.options.fail.is_some()) {
            Ok(faulted) => faulted,
            Err(response) => return response,
        };
        let incoming = match self.decode(message) {
            Ok(incoming) => incoming,
            Err(e) => {
                // A check that fails is "not trustworthy" to a client reading a reply; here
                // it is the client's request that is at fault.
                let why = match e {
                    Error::Untrusted(why) => why,
                    e => e.to_string(),
                };
                tracing::warn!("undecodable PKIOperation: {why}");
                return Response::text(400, &format!("undecodable pkiMessage: {why}"));
            }
        };
        let answer = if faulted && let Some(info) = self.options.fail {
            Answer::Failure(info)
        } else {
            self.answer(&incoming, faulted)
        };
        let fault = if faulted { self.options.fault } else { None };
        match self.cert_rep(&incoming, answer, fault) {
            Ok(body) => Response::new(200, PKI_MESSAGE, body),
            Err(e) => Response::text(500, &format!("lab: building the reply failed: {e}")),
        }
    }

    /// Verify and decrypt a pkiMessage.
    fn decode(&self, message: &[u8]) -> Result<Incoming> {
        let signed = parse(message)?;
        let carried = certificates(&signed);
        let trusted: Vec<&Certificate> = carried.iter().collect();
        let verified = verify(message, &trusted)?;
        let attrs = &verified.attributes;
        let text = |oid| find_attribute(attrs, oid).and_then(any_as_text);
        let message_type = text(oids::MESSAGE_TYPE)
            .and_then(|t| MessageType::parse(&t))
            .ok_or_else(|| Error::Invalid("missing or unknown messageType".into()))?;
        let transaction_id =
            text(oids::TRANSACTION_ID).ok_or_else(|| Error::Invalid("no transactionID".into()))?;
        let sender_nonce = find_attribute(attrs, oids::SENDER_NONCE)
            .and_then(any_as_octets)
            .ok_or_else(|| Error::Invalid("no senderNonce".into()))?;
        let content = verified
            .content
            .ok_or_else(|| Error::Invalid("no content".into()))?;
        let decrypter = self.ca.decrypter();
        let (inner, cipher) = open(&content, &decrypter.key, &decrypter.cert)?;
        Ok(Incoming {
            message_type,
            transaction_id,
            sender_nonce,
            signer: verified.signer,
            inner: inner.to_vec(),
            cipher,
            digest: signed
                .signer_infos
                .0
                .first()
                .and_then(|si| Digest::from_oid(&si.digest_alg.oid)),
        })
    }

    /// Decide the answer to a request the lab could read.
    fn answer(&self, incoming: &Incoming, faulted: bool) -> Answer {
        if self.options.has(Quirk::Openxpki)
            && !incoming
                .transaction_id
                .chars()
                .all(|c| c.is_ascii_hexdigit())
        {
            tracing::info!("openxpki: the transactionID is not hex");
            return Answer::Failure(FailInfo::BadRequest);
        }
        if self.options.has(Quirk::Dogtag)
            && (incoming.cipher != Cipher::Des3
                || !matches!(incoming.digest, Some(Digest::Sha256 | Digest::Sha512)))
        {
            tracing::info!("dogtag: an algorithm it does not list");
            return Answer::Failure(FailInfo::BadAlg);
        }
        if self.options.has(Quirk::Ndes) && incoming.message_type == MessageType::RenewalReq {
            tracing::info!("ndes: RenewalReq is not implemented");
            return Answer::Failure(FailInfo::BadRequest);
        }
        match incoming.message_type {
            MessageType::PkcsReq | MessageType::RenewalReq => {
                self.certificate_request(incoming, faulted)
            }
            MessageType::CertPoll => {
                let subject = IssuerAndSubject::from_der(&incoming.inner)
                    .map(|s| name_to_string(&s.subject))
                    .unwrap_or_else(|_| "(undecodable)".into());
                tracing::info!(transaction = %incoming.transaction_id, %subject, "CertPoll");
                let known = self
                    .state()
                    .transactions
                    .contains_key(&incoming.transaction_id);
                if known {
                    self.pending_or_issue(&incoming.transaction_id, None, false)
                } else {
                    Answer::Failure(FailInfo::BadCertId)
                }
            }
            MessageType::GetCert => {
                let Ok(ias) = IssuerAndSerialNumber::from_der(&incoming.inner) else {
                    return Answer::Failure(FailInfo::BadRequest);
                };
                tracing::info!(serial = %crate::pki::hex(ias.serial_number.as_bytes()), "GetCert");
                let found = self
                    .state()
                    .issued
                    .iter()
                    .find(|c| c.tbs_certificate().serial_number() == &ias.serial_number)
                    .cloned();
                match found.map(|c| degenerate(&[&c])) {
                    Some(Ok(body)) => Answer::Success(body),
                    _ => Answer::Failure(FailInfo::BadCertId),
                }
            }
            MessageType::GetCrl => {
                tracing::info!("GetCRL");
                match self.crl().and_then(|crl| degenerate_crls(&[crl])) {
                    Ok(body) => Answer::Success(body),
                    Err(_) => Answer::Failure(FailInfo::BadRequest),
                }
            }
            MessageType::CertRep => Answer::Failure(FailInfo::BadRequest),
        }
    }

    fn certificate_request(&self, incoming: &Incoming, faulted: bool) -> Answer {
        let Ok(csr) = CertReq::from_der(&incoming.inner) else {
            return Answer::Failure(FailInfo::BadRequest);
        };
        let challenge = challenge_password(&csr);
        let sans: Vec<String> = requested_sans(&csr)
            .iter()
            .map(ToString::to_string)
            .collect();
        tracing::info!(
            message_type = ?incoming.message_type,
            transaction = %incoming.transaction_id,
            subject = %name_to_string(&csr.info.subject),
            sans = ?sans,
            challenge = if challenge.is_some() { "present" } else { "absent" },
            csr_digest = Digest::from_oid(&csr.algorithm.oid).map_or("unknown", Digest::name),
            cipher = incoming.cipher.name(),
            signer = %name_to_string(incoming.signer.tbs_certificate().subject()),
            signed_by = if self.ca.issued(&incoming.signer) {
                "this CA"
            } else {
                "self"
            },
            "certificate request"
        );
        let self_signed_ok = crate::pki::csr::signature_ok(&csr);
        if !self_signed_ok {
            return Answer::Failure(FailInfo::BadMessageCheck);
        }
        // A renewal: RenewalReq, or a PKCSReq signed with a certificate this CA issued for
        // the same subject (what NDES expects, and sscep sends).
        let signed_by_ca = self.ca.issued(&incoming.signer);
        let renewal = incoming.message_type == MessageType::RenewalReq
            || (signed_by_ca && incoming.signer.tbs_certificate().subject() == &csr.info.subject);
        if incoming.message_type == MessageType::RenewalReq && !signed_by_ca {
            tracing::info!("RenewalReq not signed with a certificate of this CA");
            return Answer::Failure(FailInfo::BadRequest);
        }
        // As a CA does: a revoked certificate authenticates nothing.
        if signed_by_ca && self.is_revoked(incoming.signer.tbs_certificate().serial_number()) {
            tracing::info!("request signed with a revoked certificate: refused");
            return Answer::Failure(FailInfo::BadRequest);
        }
        if (!renewal || self.options.renewal_challenge)
            && let Some(expected) = &self.options.challenge
            && challenge.as_deref() != Some(expected.as_str())
        {
            tracing::info!(renewal, "wrong or missing challenge password");
            return Answer::Failure(FailInfo::BadRequest);
        }
        {
            // Clients that derive the transactionID from the key (certmonger) renew with the
            // same one: a request signed with the certificate its transaction produced is a
            // new request, where one signed otherwise is a resend that gets the same answer.
            let mut state = self.state();
            let id = &incoming.transaction_id;
            match state.transactions.get(id).and_then(|tx| tx.issued.as_ref()) {
                Some(issued) if issued == &incoming.signer => {
                    state.transactions.remove(id);
                }
                Some(_) => {
                    drop(state);
                    return self.pending_or_issue(id, None, false);
                }
                None => {}
            }
        }
        let other_key = faulted && self.options.fault == Some(Fault::OtherKey);
        match self.issue_for(&csr, other_key) {
            Ok(cert) => self.pending_or_issue(&incoming.transaction_id, Some(cert), false),
            Err(e) => {
                tracing::warn!("issuing failed: {e}");
                Answer::Failure(FailInfo::BadRequest)
            }
        }
    }

    /// Count an answer for the transaction; PENDING while under the pending count, then the
    /// certificate (issued on the first request and kept for the polls). With `once`, the
    /// transaction ends when its certificate is handed out: the next request for the same key
    /// is a new one (EST: every enroll and re-enroll gets a new certificate).
    pub(super) fn pending_or_issue(
        &self,
        transaction_id: &str,
        new_cert: Option<Certificate>,
        once: bool,
    ) -> Answer {
        let mut state = self.state();
        let tx = state
            .transactions
            .entry(transaction_id.to_string())
            .or_default();
        if let Some(cert) = new_cert
            && tx.issued.is_none()
        {
            tx.issued = Some(cert);
        }
        tx.answers += 1;
        if tx.answers <= self.options.pending {
            tracing::info!(transaction = %transaction_id, answer = tx.answers, "PENDING");
            return Answer::Pending;
        }
        let Some(cert) = tx.issued.clone() else {
            return Answer::Failure(FailInfo::BadCertId);
        };
        if !state.issued.contains(&cert) {
            state.issued.push(cert.clone());
        }
        if self.options.forget_issued || once {
            state.transactions.remove(transaction_id);
        }
        tracing::info!(
            transaction = %transaction_id,
            serial = %crate::pki::cert::serial_hex(&cert),
            "SUCCESS"
        );
        match degenerate(&[&cert]) {
            Ok(body) => Answer::Success(body),
            Err(_) => Answer::Failure(FailInfo::BadRequest),
        }
    }

    fn next_serial(&self) -> Result<SerialNumber> {
        let mut state = self.state();
        state.next_serial += 1;
        let bytes = state.next_serial.to_be_bytes();
        if self.options.has(Quirk::LongSerials) {
            return lab_serial(true, &bytes);
        }
        let skip = bytes.iter().take_while(|b| **b == 0).count();
        SerialNumber::new(&bytes[skip..]).map_err(|e| Error::Crypto(e.to_string()))
    }

    pub(super) fn issue_for(&self, csr: &CertReq, other_key: bool) -> Result<Certificate> {
        let mut extensions: Vec<_> = requested_extensions(csr)
            .into_iter()
            .filter(|e| {
                [
                    rfc5280::ID_CE_SUBJECT_ALT_NAME,
                    rfc5280::ID_CE_KEY_USAGE,
                    rfc5280::ID_CE_EXT_KEY_USAGE,
                ]
                .contains(&e.extn_id)
            })
            .collect();
        extensions.push(basic_constraints(false)?);
        if let Some(base) = &self.options.base_url {
            extensions.extend(super::ocsp::pointers(base)?);
        }
        let public_key = if other_key {
            PrivateKey::generate_rsa(2048)?.public_key_info()?
        } else {
            csr.info.public_key.clone()
        };
        let template = Template {
            subject: csr.info.subject.clone(),
            public_key,
            serial: self.next_serial()?,
            validity: self.options.validity,
            starts: None,
            extensions,
        };
        issue(
            template,
            self.ca.ca.cert.tbs_certificate().subject(),
            &self.ca.ca.key,
            Digest::Sha256,
        )
    }

    pub(super) fn crl(&self) -> Result<CertificateList> {
        let number = der::asn1::Uint::new(&[1]).map_err(|e| Error::Crypto(e.to_string()))?;
        // The builder takes an RFC 5280 certificate (20-octet serials at most) and reads only its
        // subject and key: the CA's, with a stand-in serial when its own is longer.
        let stand_in = (|| {
            let mut fields = Vec::<Any>::from_der(&self.ca.ca.cert.to_der()?)?;
            let short = x509_cert::serial_number::SerialNumber::from(1u8);
            fields[0] = Any::from_der(&with_serial(&fields[0].to_der()?, &short)?)?;
            x509_cert::Certificate::from_der(&fields.to_der()?)
        })()
        .map_err(|e| Error::Crypto(e.to_string()))?;
        let time = |unix: u64| {
            der::DateTime::from_unix_duration(Duration::from_secs(unix))
                .map(|t| x509_cert::time::Time::GeneralTime(t.into()))
                .map_err(|e| Error::Crypto(e.to_string()))
        };
        let revoked = self
            .revocations()
            .iter()
            .map(|(serial, r)| {
                Ok(x509_cert::crl::RevokedCert::<Raw> {
                    serial_number: SerialNumber::new(serial)
                        .map_err(|e| Error::Crypto(e.to_string()))?,
                    revocation_date: time(r.time)?,
                    crl_entry_extensions: Some(vec![crate::pki::cert::extension(
                        rfc5280::ID_CE_CRL_REASONS,
                        false,
                        &r.reason,
                    )?]),
                })
            })
            .collect::<Result<Vec<_>>>()?;
        let next = crate::clock::now_unix() + super::ocsp::RESPONSE_VALIDITY.as_secs();
        let builder = CrlBuilder::<Raw>::new(&stand_in, CrlNumber(number))
            .map_err(|e| Error::Crypto(e.to_string()))?
            .with_next_update(Some(time(next)?))
            .with_certificates(revoked.into_iter());
        BuilderKey::new(&self.ca.ca.key, Digest::Sha256)?.build(builder)
    }

    /// Build the signed (and, on SUCCESS, encrypted) CertRep.
    fn cert_rep(
        &self,
        incoming: &Incoming,
        answer: Answer,
        fault: Option<Fault>,
    ) -> Result<Vec<u8>> {
        let printable = |text: &str| -> Result<Any> {
            PrintableStringRef::new(text)
                .and_then(|p| Any::encode_from(&p))
                .map_err(|e| Error::Crypto(e.to_string()))
        };
        let octets = |bytes: &[u8]| -> Result<Any> {
            OctetString::new(bytes)
                .and_then(|o| Any::encode_from(&o))
                .map_err(|e| Error::Crypto(e.to_string()))
        };
        let (status, fail_info, content) = match answer {
            Answer::Success(inner) => {
                let recipient = if fault == Some(Fault::WrongRecipient) {
                    &self.ca.ca.cert
                } else {
                    &incoming.signer
                };
                (
                    PkiStatus::Success,
                    None,
                    Some(envelope(&inner, recipient, incoming.cipher)?),
                )
            }
            Answer::Pending => (PkiStatus::Pending, None, None),
            Answer::Failure(info) => {
                tracing::info!(fail_info = info.name(), "FAILURE");
                (PkiStatus::Failure, Some(info), None)
            }
        };
        let transaction_id = if fault == Some(Fault::WrongTransaction) {
            "LAB-WRONG-TRANSACTION".to_string()
        } else {
            incoming.transaction_id.clone()
        };
        let recipient_nonce = if fault == Some(Fault::WrongNonce) {
            crate::pki::random_bytes::<16>()?.to_vec()
        } else {
            incoming.sender_nonce.clone()
        };
        let mut attrs = vec![
            attribute(oids::MESSAGE_TYPE, printable(&MessageType::CertRep.code())?)?,
            attribute(oids::PKI_STATUS, printable(status.code())?)?,
            attribute(oids::TRANSACTION_ID, printable(&transaction_id)?)?,
            attribute(oids::RECIPIENT_NONCE, octets(&recipient_nonce)?)?,
            attribute(
                oids::SENDER_NONCE,
                octets(&crate::pki::random_bytes::<16>()?)?,
            )?,
        ];
        if let Some(info) = fail_info {
            attrs.push(attribute(
                oids::FAIL_INFO,
                printable(&info.code().to_string())?,
            )?);
        }
        let signer = self.ca.signer();
        let mut body = if fault == Some(Fault::WrongSigner) {
            // A forger's key under the real signer's name and serial.
            let forged_key = PrivateKey::generate_rsa(2048)?;
            let tbs = signer.cert.tbs_certificate();
            let forged = issue(
                Template {
                    subject: tbs.subject().clone(),
                    public_key: forged_key.public_key_info()?,
                    serial: tbs.serial_number().clone(),
                    validity: Duration::from_secs(3600),
                    starts: None,
                    extensions: Vec::new(),
                },
                tbs.issuer(),
                &forged_key,
                Digest::Sha256,
            )?;
            sign(
                content.as_deref(),
                attrs,
                &forged_key,
                &forged,
                Digest::Sha256,
                &[],
            )?
        } else {
            sign(
                content.as_deref(),
                attrs,
                &signer.key,
                &signer.cert,
                Digest::Sha256,
                &[],
            )?
        };
        if fault == Some(Fault::Truncated) {
            body.truncate(body.len() / 2);
        }
        Ok(body)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pki::cert::long_serial_cert;
    use crate::pki::csr::CsrSpec;
    use crate::pki::envelope::Sealer;
    use crate::scep::certrep::{Expected, Reply, process};
    use crate::scep::pkimessage::{Signer, Transaction, build};

    #[test]
    fn a_request_signed_with_a_32_octet_serial_is_answered_to_it() {
        // sscep and certmonger sign with such certificates, and read replies encrypted to them.
        let responder = Responder::new(
            LabOptions::default(),
            LabCa::new(false, "lab", &[]).unwrap(),
        )
        .unwrap();
        let key = PrivateKey::generate_rsa(2048).unwrap();
        let cert = long_serial_cert(&key, "sscep-client");
        let spec = CsrSpec {
            subject: cert.tbs_certificate().subject().clone(),
            sans: Vec::new(),
            key_usage: None,
            extended_key_usage: Vec::new(),
            challenge: None,
        };
        let csr = crate::pki::csr::build(&key, &spec, Digest::Sha256).unwrap();
        let transaction = Transaction::random().unwrap();
        let message = build(
            MessageType::PkcsReq,
            &transaction,
            &csr.to_der().unwrap(),
            Signer {
                key: &key,
                cert: &cert,
            },
            Sealer::new(&responder.ca().ca.cert, Cipher::Aes128).unwrap(),
            Digest::Sha256,
        )
        .unwrap();
        let response = responder.pki_operation(&message);
        assert_eq!(
            response.status,
            200,
            "{}",
            String::from_utf8_lossy(&response.body)
        );
        let expected = Expected {
            transaction: &transaction,
            signers: vec![&responder.ca().ca.cert],
            key: &key,
            our_cert: &cert,
        };
        let Reply::Success { certs, .. } = process(&response.body, &expected).unwrap() else {
            panic!("not issued");
        };
        assert!(crate::pki::cert::has_public_key(
            &certs[0],
            &key.public_key_info().unwrap()
        ));

        // A request that cannot be read is called a request, not a reply.
        let response = responder.pki_operation(&message[..message.len() / 2]);
        assert_eq!(response.status, 400);
        let text = String::from_utf8_lossy(&response.body);
        assert!(!text.contains("reply"), "{text}");
    }

    #[test]
    fn a_get_message_is_read_in_every_base64_clients_send() {
        let bytes = [0xfbu8, 0xff, 0xfe, 0x00, 0x10, 0x83];
        for text in [
            "+//+ABCD",   // standard, padded or not
            "-__-ABCD",   // URL-safe (micromdm's scepclient)
            " //+AB\nCD", // a + turned into a space, wrapped (sscep)
        ] {
            assert_eq!(lenient_base64(text).unwrap(), bytes, "{text}");
        }
        assert_eq!(lenient_base64("AAE").unwrap(), [0, 1]);
        assert!(lenient_base64("A*B").is_err());
    }
}
