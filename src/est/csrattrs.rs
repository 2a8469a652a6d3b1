//! CSR attributes (RFC 7030 4.5): what an EST server asks to find in a request, decoded for
//! people and for building the request (key type and size, signature digest).

use const_oid::ObjectIdentifier;
use der::asn1::Any;
use der::{Decode, Tag, Tagged};
use x509_cert::attr::Attribute;

use crate::pki::digest::Digest;
use crate::{Error, Result};

/// One entry of CsrAttrs: `AttrOrOID ::= CHOICE { oid OBJECT IDENTIFIER, attribute Attribute }`.
#[derive(Debug, Clone, PartialEq)]
pub enum CsrAttr {
    /// Include something of this kind (an attribute, an extension, an algorithm).
    Oid(ObjectIdentifier),
    /// An attribute with the values the server wants.
    Attribute(Attribute),
}

/// What key the server asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyRequest {
    /// RSA, of this size when the server says.
    Rsa(Option<usize>),
    /// An elliptic-curve key on this curve (by name, e.g. "secp384r1").
    Ec(String),
}

const CHALLENGE_PASSWORD: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.7");
const EC_PUBLIC_KEY: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.2.1");
const RSA_ENCRYPTION: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1");

/// The attributes an EST server asks for.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CsrAttrs(pub Vec<CsrAttr>);

/// A name for an OID: the short name people know for the usual CSR attributes, else the
/// database's, else the dotted form.
pub fn oid_name(oid: &ObjectIdentifier) -> String {
    let short = match oid.to_string().as_str() {
        "1.2.840.113549.1.9.7" => Some("challengePassword"),
        "1.2.840.113549.1.9.14" => Some("extensionRequest"),
        "1.3.6.1.1.1.1.22" => Some("macAddress"),
        "1.2.840.10045.2.1" => Some("ecPublicKey"),
        "1.2.840.113549.1.1.1" => Some("rsaEncryption"),
        _ => None,
    };
    match short {
        Some(name) => name.to_string(),
        None => const_oid::db::DB
            .by_oid(oid)
            .map_or_else(|| oid.to_string(), str::to_string),
    }
}

impl CsrAttrs {
    /// Decode the DER of CsrAttrs (`SEQUENCE SIZE (0..MAX) OF AttrOrOID`).
    pub fn from_der(der: &[u8]) -> Result<Self> {
        let bad =
            |e: der::Error| Error::Untrusted(format!("the CSR attributes do not decode: {e}"));
        let items = Vec::<Any>::from_der(der).map_err(bad)?;
        let mut out = Vec::with_capacity(items.len());
        for item in items {
            out.push(match item.tag() {
                Tag::ObjectIdentifier => CsrAttr::Oid(item.decode_as().map_err(bad)?),
                Tag::Sequence => CsrAttr::Attribute(item.decode_as().map_err(bad)?),
                other => {
                    return Err(Error::Untrusted(format!(
                        "the CSR attributes hold a {other}, neither an OID nor an attribute"
                    )));
                }
            });
        }
        Ok(CsrAttrs(out))
    }

    /// One line per entry, for people.
    pub fn describe(&self) -> Vec<String> {
        self.0
            .iter()
            .map(|attr| match attr {
                CsrAttr::Oid(oid) => format!("{} ({oid})", oid_name(oid)),
                CsrAttr::Attribute(a) => {
                    let values: Vec<String> = a
                        .values
                        .iter()
                        .map(|v| match v.decode_as::<ObjectIdentifier>() {
                            Ok(oid) => oid_name(&oid),
                            Err(_) => match v.decode_as::<u32>() {
                                Ok(n) => n.to_string(),
                                Err(_) => format!("{:?} value", v.tag()),
                            },
                        })
                        .collect();
                    format!("{} ({}): {}", oid_name(&a.oid), a.oid, values.join(", "))
                }
            })
            .collect()
    }

    /// Whether the server asks for a challengePassword (RFC 7030 3.5: the TLS channel
    /// binding, which TLS 1.3 no longer has).
    pub fn wants_challenge_password(&self) -> bool {
        self.0.iter().any(|a| match a {
            CsrAttr::Oid(oid) => *oid == CHALLENGE_PASSWORD,
            CsrAttr::Attribute(a) => a.oid == CHALLENGE_PASSWORD,
        })
    }

    /// The key the server asks for, if it says.
    pub fn key_request(&self) -> Option<KeyRequest> {
        self.0.iter().find_map(|attr| match attr {
            CsrAttr::Oid(oid) if *oid == RSA_ENCRYPTION => Some(KeyRequest::Rsa(None)),
            CsrAttr::Oid(oid) if *oid == EC_PUBLIC_KEY => {
                Some(KeyRequest::Ec("an unnamed curve".into()))
            }
            CsrAttr::Attribute(a) if a.oid == EC_PUBLIC_KEY => {
                let curve = a
                    .values
                    .iter()
                    .find_map(|v| v.decode_as::<ObjectIdentifier>().ok())
                    .map_or_else(|| "an unnamed curve".into(), |c| oid_name(&c));
                Some(KeyRequest::Ec(curve))
            }
            CsrAttr::Attribute(a) if a.oid == RSA_ENCRYPTION => Some(KeyRequest::Rsa(
                a.values
                    .iter()
                    .find_map(|v| v.decode_as::<u32>().ok())
                    .and_then(|bits| usize::try_from(bits).ok()),
            )),
            _ => None,
        })
    }

    /// The signature digest the server asks for, if it names a signature algorithm.
    pub fn digest(&self) -> Option<Digest> {
        self.0.iter().find_map(|attr| match attr {
            CsrAttr::Oid(oid) => match oid.to_string().as_str() {
                "1.2.840.113549.1.1.11" | "1.2.840.10045.4.3.2" => Some(Digest::Sha256),
                "1.2.840.113549.1.1.12" | "1.2.840.10045.4.3.3" => Some(Digest::Sha384),
                "1.2.840.113549.1.1.13" | "1.2.840.10045.4.3.4" => Some(Digest::Sha512),
                _ => None,
            },
            CsrAttr::Attribute(_) => None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use der::Encode;

    /// The example of RFC 7030 4.5.2: challengePassword, an EC key on secp384r1, the
    /// extensionRequest with macAddress, and ecdsa-with-SHA384.
    const RFC_EXAMPLE: &str = "MEEGCSqGSIb3DQEJBzASBgcqhkjOPQIBMQcGBSuBBAAiMBYGCSqGSIb3DQEJDjEJBgcrBgEBAQEWBggqhkjOPQQDAw==";

    #[test]
    fn the_rfc_example_decodes() {
        use base64::Engine;
        let der = base64::engine::general_purpose::STANDARD
            .decode(RFC_EXAMPLE)
            .unwrap();
        let attrs = CsrAttrs::from_der(&der).unwrap();
        assert_eq!(attrs.0.len(), 4);
        assert!(attrs.wants_challenge_password());
        assert_eq!(
            attrs.key_request(),
            Some(KeyRequest::Ec("secp384r1".into()))
        );
        assert_eq!(attrs.digest(), Some(Digest::Sha384));
        let lines = attrs.describe();
        assert_eq!(lines[0], "challengePassword (1.2.840.113549.1.9.7)");
        assert_eq!(lines[1], "ecPublicKey (1.2.840.10045.2.1): secp384r1");
        assert_eq!(
            lines[2],
            "extensionRequest (1.2.840.113549.1.9.14): macAddress"
        );
        assert_eq!(lines[3], "ecdsa-with-SHA384 (1.2.840.10045.4.3.3)");
        assert_eq!(attrs.0.to_vec().len(), 4);
    }

    #[test]
    fn an_rsa_size_and_garbage() {
        let attr = Attribute {
            oid: RSA_ENCRYPTION,
            values: der::asn1::SetOfVec::try_from(vec![Any::encode_from(&3072u32).unwrap()])
                .unwrap(),
        };
        let der = vec![Any::encode_from(&attr).unwrap()].to_der().unwrap();
        let attrs = CsrAttrs::from_der(&der).unwrap();
        assert_eq!(attrs.key_request(), Some(KeyRequest::Rsa(Some(3072))));
        assert_eq!(
            CsrAttrs::from_der(&[0x30, 0x00]).unwrap(),
            CsrAttrs::default()
        );
        let err = CsrAttrs::from_der(&[0x30, 0x03, 0x02, 0x01, 0x05]).unwrap_err();
        assert_eq!(err.exit_code(), 7);
    }
}
