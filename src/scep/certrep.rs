//! Reading a CertRep (RFC 8894 section 3.3.2): verify the signature against the CA/RA
//! certificates, check messageType, transactionID and recipientNonce, read pkiStatus and
//! failInfo, and on SUCCESS decrypt the envelope and take out the certificates.

use crate::pki::Certificate;
use crate::pki::CertificateList;

use super::pkimessage::Transaction;
use super::{FailInfo, PkiStatus, oids};
use crate::pki::envelope::open;
use crate::pki::key::PrivateKey;
use crate::pki::signed::{any_as_octets, any_as_text, certificates, crls, find_attribute, verify};
use crate::sanitize::escape_untrusted;
use crate::{Error, Result};

/// What a CertRep said, once it checked out. FAILURE comes back as [`Error::ScepFailure`].
#[derive(Debug, Clone, PartialEq)]
pub enum Reply {
    /// SUCCESS, with the certificates and CRLs from the decrypted content.
    Success {
        /// Certificates (the issued one, possibly with the chain).
        certs: Vec<Certificate>,
        /// CRLs (the reply to GetCRL).
        crls: Vec<CertificateList>,
    },
    /// PENDING: ask again later with the same transactionID.
    Pending,
}

/// What the reply must match.
pub struct Expected<'a> {
    /// Our transaction (ID and the senderNonce we sent).
    pub transaction: &'a Transaction,
    /// Certificates allowed to sign the reply (the CA's and RA's).
    pub signers: Vec<&'a Certificate>,
    /// Our key, to decrypt the reply.
    pub key: &'a PrivateKey,
    /// The certificate we signed the request with (the reply is encrypted to it).
    pub our_cert: &'a Certificate,
}

/// Check and read a CertRep.
pub fn process(body: &[u8], expected: &Expected<'_>) -> Result<Reply> {
    if body.is_empty() {
        return Err(Error::Untrusted("the CA sent an empty reply".into()));
    }
    let verified = verify(body, &expected.signers)?;
    let attrs = &verified.attributes;
    let text = |oid| find_attribute(attrs, oid).and_then(any_as_text);

    let message_type = text(oids::MESSAGE_TYPE)
        .ok_or_else(|| Error::Untrusted("the reply has no messageType".into()))?;
    if message_type.trim() != "3" {
        return Err(Error::Untrusted(format!(
            "the reply's messageType is {}, not CertRep (3)",
            escape_untrusted(&message_type)
        )));
    }
    let transaction_id = text(oids::TRANSACTION_ID)
        .ok_or_else(|| Error::Untrusted("the reply has no transactionID".into()))?;
    if transaction_id != expected.transaction.id {
        return Err(Error::Untrusted(format!(
            "transactionID mismatch: sent {}, got {}",
            expected.transaction.id,
            escape_untrusted(&transaction_id)
        )));
    }
    let recipient_nonce = find_attribute(attrs, oids::RECIPIENT_NONCE)
        .and_then(any_as_octets)
        .ok_or_else(|| Error::Untrusted("the reply has no recipientNonce".into()))?;
    if recipient_nonce != expected.transaction.sender_nonce {
        return Err(Error::Untrusted(
            "recipientNonce does not match the senderNonce we sent (a replayed or misdirected reply)"
                .into(),
        ));
    }
    let status_text = text(oids::PKI_STATUS)
        .ok_or_else(|| Error::Untrusted("the reply has no pkiStatus".into()))?;
    let status = PkiStatus::parse(&status_text).ok_or_else(|| {
        Error::Untrusted(format!(
            "unknown pkiStatus '{}'",
            escape_untrusted(&status_text)
        ))
    })?;
    match status {
        PkiStatus::Pending => Ok(Reply::Pending),
        PkiStatus::Failure => Err(Error::ScepFailure {
            fail_info: text(oids::FAIL_INFO).and_then(|t| FailInfo::parse(&t)),
            text: text(oids::FAIL_INFO_TEXT).map(|t| escape_untrusted(&t)),
        }),
        PkiStatus::Success => {
            let content = verified
                .content
                .ok_or_else(|| Error::Untrusted("SUCCESS without content".into()))?;
            let (inner, _) = open(&content, expected.key, expected.our_cert)?;
            let degenerate = crate::pki::signed::parse(&inner)?;
            Ok(Reply::Success {
                certs: certificates(&degenerate),
                crls: crls(&degenerate),
            })
        }
    }
}
