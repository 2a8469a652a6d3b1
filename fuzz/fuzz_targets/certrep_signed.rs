//! A CertRep whose signed attributes and content are fuzzed, signed with the trusted CA's
//! key: the code past the signature check (status, failInfo, nonces, the envelope) is reached.
#![no_main]
use der::Any;
use der::asn1::{OctetString, PrintableStringRef, Utf8StringRef};
use libfuzzer_sys::fuzz_target;

use certenroll::pki::digest::Digest;
use certenroll::pki::signed::{attribute, sign};
use certenroll::scep::oids;

#[path = "common.rs"]
mod common;

fn printable(oid: der::oid::ObjectIdentifier, bytes: &[u8]) -> Option<x509_cert::attr::Attribute> {
    let text = String::from_utf8_lossy(bytes).into_owned();
    let value = match PrintableStringRef::new(text.as_str()) {
        Ok(p) => Any::encode_from(&p).ok()?,
        Err(_) => Any::encode_from(&Utf8StringRef::new(text.as_str()).ok()?).ok()?,
    };
    attribute(oid, value).ok()
}

fuzz_target!(|data: &[u8]| {
    let side = common::side();
    // Fields separated by 0xFF: messageType, pkiStatus, failInfo, failInfoText,
    // transactionID (empty: ours), recipientNonce (empty: ours), then the content.
    let mut fields = data.splitn(7, |b| *b == 0xff);
    let mut next = || fields.next().unwrap_or_default();
    let (message_type, status, fail_info, fail_text) = (next(), next(), next(), next());
    let (transaction, nonce, content) = (next(), next(), next());
    let mut attrs = Vec::new();
    attrs.extend(printable(oids::MESSAGE_TYPE, message_type));
    attrs.extend(printable(oids::PKI_STATUS, status));
    if !fail_info.is_empty() {
        attrs.extend(printable(oids::FAIL_INFO, fail_info));
    }
    if !fail_text.is_empty() {
        attrs.extend(printable(oids::FAIL_INFO_TEXT, fail_text));
    }
    let transaction = if transaction.is_empty() {
        side.transaction.id.as_bytes()
    } else {
        transaction
    };
    attrs.extend(printable(oids::TRANSACTION_ID, transaction));
    let nonce = if nonce.is_empty() {
        &side.transaction.sender_nonce[..]
    } else {
        nonce
    };
    if let Some(value) = OctetString::new(nonce)
        .ok()
        .and_then(|o| Any::encode_from(&o).ok())
    {
        attrs.extend(attribute(oids::RECIPIENT_NONCE, value).ok());
    }
    let Ok(body) = sign(
        (!content.is_empty()).then_some(content),
        attrs,
        &side.ca_key,
        &side.ca,
        Digest::Sha256,
        &[],
    ) else {
        return;
    };
    let _ = certenroll::scep::certrep::process(
        &body,
        &certenroll::scep::certrep::Expected {
            transaction: &side.transaction,
            signers: vec![&side.ca],
            key: &side.key,
            our_cert: &side.cert,
        },
    );
});
