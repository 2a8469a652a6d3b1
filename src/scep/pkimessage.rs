//! Building a pkiMessage (RFC 8894 section 3.2): the inner request is encrypted to the CA or RA
//! (EnvelopedData) and the envelope is signed (SignedData) with messageType, transactionID and
//! senderNonce as signed attributes.

use der::Any;

use crate::pki::Certificate;
use der::asn1::{OctetString, PrintableStringRef};
use spki::SubjectPublicKeyInfoOwned;

use super::{MessageType, oids};
use crate::pki::digest::Digest;
use crate::pki::envelope::Sealer;
use crate::pki::key::PrivateKey;
use crate::pki::signed::{attribute, sign};
use crate::{Error, Result};

/// Length of a senderNonce (RFC 8894 section 3.2.1.5 asks for 16 bytes).
pub const NONCE_LEN: usize = 16;

/// The identity of one exchange: a transactionID that stays the same across polls, and a
/// fresh senderNonce per message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Transaction {
    /// The transactionID (printable).
    pub id: String,
    /// This message's senderNonce.
    pub sender_nonce: [u8; NONCE_LEN],
}

/// The content of CertPoll (RFC 8894 section 3.3.3): issuer and subject of the pending request.
#[derive(Debug, Clone, PartialEq, Eq, der::Sequence)]
pub struct IssuerAndSubject {
    /// The CA's name.
    pub issuer: x509_cert::name::Name,
    /// The subject of the request.
    pub subject: x509_cert::name::Name,
}

impl Transaction {
    /// A transaction with a random ID, for requests not tied to a key (GetCert, GetCRL).
    pub fn random() -> Result<Self> {
        Ok(Transaction {
            id: crate::pki::hex(&crate::pki::random_bytes::<16>()?).to_uppercase(),
            sender_nonce: crate::pki::random_bytes()?,
        })
    }

    /// The same transaction with a fresh senderNonce, for the next message (a poll).
    pub fn next_message(&self) -> Result<Self> {
        Ok(Transaction {
            id: self.id.clone(),
            sender_nonce: crate::pki::random_bytes()?,
        })
    }

    /// A transaction for a request with this public key: the ID is the upper-case hex SHA-256
    /// of the SubjectPublicKeyInfo (RFC 8894 section 3.2.1.1 recommends a hash of the key), so
    /// a request for the same key keeps its ID across processes.
    pub fn for_key(spki: &SubjectPublicKeyInfoOwned) -> Result<Self> {
        Ok(Transaction {
            id: crate::pki::key::public_key_id(spki)?,
            sender_nonce: crate::pki::random_bytes()?,
        })
    }
}

/// Who signs the message: our key and the certificate that goes with it (self-signed for a
/// first enrollment, the current certificate for a renewal).
#[derive(Debug, Clone, Copy)]
pub struct Signer<'a> {
    /// The signing key.
    pub key: &'a PrivateKey,
    /// Its certificate.
    pub cert: &'a Certificate,
}

fn encoding(e: der::Error) -> Error {
    Error::Crypto(format!("encoding the pkiMessage failed: {e}"))
}

/// Build a pkiMessage carrying `inner` (a DER PKCS#10, IssuerAndSubject, ...), encrypted with
/// `sealer` (a key made for the CA or RA certificate that receives it).
pub fn build(
    message_type: MessageType,
    transaction: &Transaction,
    inner: &[u8],
    signer: Signer<'_>,
    sealer: Sealer,
    digest: Digest,
) -> Result<Vec<u8>> {
    let enveloped = sealer.seal(inner)?;
    let printable = |text: &str| -> Result<Any> {
        Any::encode_from(&PrintableStringRef::new(text).map_err(encoding)?).map_err(encoding)
    };
    let attrs = vec![
        attribute(oids::MESSAGE_TYPE, printable(&message_type.code())?)?,
        attribute(oids::TRANSACTION_ID, printable(&transaction.id)?)?,
        attribute(
            oids::SENDER_NONCE,
            Any::encode_from(&OctetString::new(transaction.sender_nonce).map_err(encoding)?)
                .map_err(encoding)?,
        )?,
    ];
    sign(
        Some(&enveloped),
        attrs,
        signer.key,
        signer.cert,
        digest,
        &[],
    )
}
