//! SCEP (RFC 8894): capabilities, CA/RA certificates, pkiMessage building, CertRep
//! verification and the client that ties them to HTTP.
//!
//! See <https://www.rfc-editor.org/rfc/rfc8894>.

pub mod caps;
pub mod certrep;
pub mod client;
pub mod enroller;
pub mod pkimessage;
pub mod query;

/// Media type of a GetCACert reply holding the CA certificate alone.
pub const CA_CERT: &str = "application/x-x509-ca-cert";
/// Media type of a GetCACert reply holding CA and RA certificates in a degenerate PKCS#7.
pub const CA_RA_CERT: &str = "application/x-x509-ca-ra-cert";

use const_oid::ObjectIdentifier;

/// Signed attributes of a pkiMessage (RFC 8894 section 3.2.1).
pub mod oids {
    use super::ObjectIdentifier;
    /// id-messageType (PrintableString)
    pub const MESSAGE_TYPE: ObjectIdentifier = const_oid::db::rfc8894::ID_MESSAGE_TYPE;
    /// id-pkiStatus (PrintableString)
    pub const PKI_STATUS: ObjectIdentifier = const_oid::db::rfc8894::ID_PKI_STATUS;
    /// id-failInfo (PrintableString)
    pub const FAIL_INFO: ObjectIdentifier = const_oid::db::rfc8894::ID_FAIL_INFO;
    /// id-senderNonce (OCTET STRING)
    pub const SENDER_NONCE: ObjectIdentifier = const_oid::db::rfc8894::ID_SENDER_NONCE;
    /// id-recipientNonce (OCTET STRING)
    pub const RECIPIENT_NONCE: ObjectIdentifier = const_oid::db::rfc8894::ID_RECIPIENT_NONCE;
    /// id-transactionID (PrintableString)
    pub const TRANSACTION_ID: ObjectIdentifier = const_oid::db::rfc8894::ID_TRANSACTION_ID;
    /// id-scep-failInfoText (UTF8String)
    pub const FAIL_INFO_TEXT: ObjectIdentifier = const_oid::db::rfc8894::ID_SCEP_FAIL_INFO_TEXT;
}

/// messageType values (RFC 8894 section 3.2.1.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum MessageType {
    /// Response to a certificate or CRL request.
    CertRep = 3,
    /// Renewal of an existing certificate.
    RenewalReq = 17,
    /// Certificate request.
    PkcsReq = 19,
    /// Poll for a pending request (GetCertInitial in older drafts).
    CertPoll = 20,
    /// Retrieve a certificate by issuer and serial.
    GetCert = 21,
    /// Retrieve a CRL.
    GetCrl = 22,
}

impl MessageType {
    /// The type a decimal code names.
    pub fn parse(text: &str) -> Option<MessageType> {
        use MessageType::*;
        let code: u8 = text.trim().parse().ok()?;
        [CertRep, RenewalReq, PkcsReq, CertPoll, GetCert, GetCrl]
            .into_iter()
            .find(|t| *t as u8 == code)
    }

    /// The decimal string carried in the attribute.
    pub fn code(self) -> String {
        (self as u8).to_string()
    }
}

/// pkiStatus values (RFC 8894 section 3.2.1.3).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PkiStatus {
    /// Request granted.
    Success,
    /// Request rejected.
    Failure,
    /// Request pending for manual approval.
    Pending,
}

impl PkiStatus {
    /// The decimal string carried in the attribute.
    pub fn code(self) -> &'static str {
        match self {
            PkiStatus::Success => "0",
            PkiStatus::Failure => "2",
            PkiStatus::Pending => "3",
        }
    }

    /// Parse the attribute's text.
    pub fn parse(text: &str) -> Option<PkiStatus> {
        match text.trim() {
            "0" => Some(PkiStatus::Success),
            "2" => Some(PkiStatus::Failure),
            "3" => Some(PkiStatus::Pending),
            _ => None,
        }
    }
}

/// failInfo values (RFC 8894 section 3.2.1.4); they belong to the error a rejection is.
pub use crate::error::FailInfo;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fail_info_table() {
        let names: Vec<_> = FailInfo::ALL.iter().map(|f| (f.code(), f.name())).collect();
        assert_eq!(
            names,
            [
                (0, "badAlg"),
                (1, "badMessageCheck"),
                (2, "badRequest"),
                (3, "badTime"),
                (4, "badCertId")
            ]
        );
        assert_eq!(FailInfo::parse(" 3"), Some(FailInfo::BadTime));
        assert_eq!(FailInfo::parse("9"), None);
        assert_eq!(PkiStatus::parse("3"), Some(PkiStatus::Pending));
        assert_eq!(PkiStatus::parse("1"), None);
        assert_eq!(MessageType::PkcsReq.code(), "19");
    }
}
