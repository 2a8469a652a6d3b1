//! CSR attributes (RFC 7030 4.5): what an EST server asks to find in a request, decoded for
//! people and for building the request (key type and size, signature digest).

use const_oid::ObjectIdentifier;
use const_oid::db::rfc5280;
use der::asn1::{Any, SetOfVec};
use der::{Decode, Encode, Tag, Tagged};
use x509_cert::ext::Extension;
use x509_cert::ext::pkix::{BasicConstraints, ExtendedKeyUsage, KeyUsage};

use crate::pki::cert::{eku_names, key_usage_names};
use crate::pki::digest::Digest;
use crate::{Error, Result};

/// An OBJECT IDENTIFIER as the server sent it. const-oid refuses a second arc over 39 under
/// arc 2 (2.999.x and the like, which X.660 allows): such an OID is kept in its dotted form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Oid {
    /// One const-oid can hold.
    Known(ObjectIdentifier),
    /// Any other, dotted.
    Dotted(String),
}

impl Oid {
    fn decode(any: &Any) -> std::result::Result<Oid, String> {
        if any.tag() != Tag::ObjectIdentifier {
            return Err(format!("a {} where an OID belongs", any.tag()));
        }
        match any.decode_as::<ObjectIdentifier>() {
            Ok(oid) => Ok(Oid::Known(oid)),
            Err(_) => dotted(any.value())
                .map(Oid::Dotted)
                .ok_or_else(|| "a malformed OID".to_string()),
        }
    }

    /// Whether this is `oid`.
    pub fn is(&self, oid: &ObjectIdentifier) -> bool {
        matches!(self, Oid::Known(known) if known == oid)
    }

    /// Its name for people: the short name people know, else the database's, else dotted.
    pub fn name(&self) -> String {
        match self {
            Oid::Known(oid) => oid_name(oid),
            Oid::Dotted(dotted) => dotted.clone(),
        }
    }
}

impl std::fmt::Display for Oid {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Oid::Known(oid) => write!(f, "{oid}"),
            Oid::Dotted(dotted) => f.write_str(dotted),
        }
    }
}

/// The dotted form of an OID's content octets (X.690 8.19), arcs of any size up to 128 bits.
fn dotted(content: &[u8]) -> Option<String> {
    let mut arcs: Vec<u128> = Vec::new();
    let mut value: u128 = 0;
    let mut in_arc = false;
    for &byte in content {
        if !in_arc && byte == 0x80 {
            return None; // a leading 0x80 is not minimal
        }
        value = value.checked_mul(128)? | u128::from(byte & 0x7f);
        in_arc = byte & 0x80 != 0;
        if !in_arc {
            arcs.push(value);
            value = 0;
        }
    }
    if in_arc || arcs.is_empty() {
        return None;
    }
    let first = arcs[0];
    let (a, b) = match first {
        0..40 => (0, first),
        40..80 => (1, first - 40),
        _ => (2, first - 80),
    };
    let mut out = format!("{a}.{b}");
    for arc in &arcs[1..] {
        out.push_str(&format!(".{arc}"));
    }
    Some(out)
}

/// One entry of CsrAttrs: `AttrOrOID ::= CHOICE { oid OBJECT IDENTIFIER, attribute Attribute }`.
#[derive(Debug, Clone, PartialEq)]
pub enum CsrAttr {
    /// Include something of this kind (an attribute, an extension, an algorithm).
    Oid(Oid),
    /// An attribute with the values the server wants.
    Attribute {
        /// The attribute's type.
        oid: Oid,
        /// Its values.
        values: Vec<Any>,
    },
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
const EXTENSION_REQUEST: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.14");
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
        // The database's extension names carry RFC 5280's module prefix: "id-ce-keyUsage".
        None => const_oid::db::DB.by_oid(oid).map_or_else(
            || oid.to_string(),
            |name| name.strip_prefix("id-ce-").unwrap_or(name).to_string(),
        ),
    }
}

/// An extension of an extensionRequest, for people: its name and, where certenroll knows the
/// kind, the values it holds ("subjectAltName dns:printer.example, ip:192.0.2.7").
pub fn describe_extension(ext: &Extension) -> String {
    let name = oid_name(&ext.extn_id);
    let value = ext.extn_value.as_bytes();
    let detail =
        match ext.extn_id {
            rfc5280::ID_CE_SUBJECT_ALT_NAME => {
                let sans = crate::pki::csr::sans_in(std::slice::from_ref(ext));
                (!sans.is_empty()).then(|| {
                    sans.iter()
                        .map(ToString::to_string)
                        .collect::<Vec<_>>()
                        .join(", ")
                })
            }
            rfc5280::ID_CE_KEY_USAGE => KeyUsage::from_der(value)
                .ok()
                .map(|ku| key_usage_names(&ku).join(", ")),
            rfc5280::ID_CE_EXT_KEY_USAGE => ExtendedKeyUsage::from_der(value)
                .ok()
                .map(|eku| eku_names(&eku).join(", ")),
            rfc5280::ID_CE_BASIC_CONSTRAINTS => BasicConstraints::from_der(value).ok().map(|bc| {
                match (bc.ca, bc.path_len_constraint) {
                    (true, Some(len)) => format!("cA, pathLen {len}"),
                    (true, None) => "cA".to_string(),
                    (false, _) => "not a CA".to_string(),
                }
            }),
            _ => None,
        };
    match detail {
        Some(detail) if !detail.is_empty() => format!("{name} {detail}"),
        _ => name,
    }
}

/// A value of an attribute, for people.
fn describe_value(attribute: &Oid, value: &Any) -> Vec<String> {
    if attribute.is(&EXTENSION_REQUEST)
        && let Ok(extensions) = value
            .to_der()
            .and_then(|der| Vec::<Extension>::from_der(&der))
    {
        return extensions.iter().map(describe_extension).collect();
    }
    if let Ok(oid) = Oid::decode(value) {
        return vec![oid.name()];
    }
    if let Ok(n) = value.decode_as::<u32>() {
        return vec![n.to_string()];
    }
    vec![format!("{} of {} bytes", value.tag(), value.value().len())]
}

impl CsrAttrs {
    /// Decode the DER of CsrAttrs (`SEQUENCE SIZE (0..MAX) OF AttrOrOID`).
    pub fn from_der(der: &[u8]) -> Result<Self> {
        let bad = |e: String| Error::Untrusted(format!("the CSR attributes do not decode: {e}"));
        let items = Vec::<Any>::from_der(der).map_err(|e| bad(e.to_string()))?;
        let mut out = Vec::with_capacity(items.len());
        for item in items {
            out.push(match item.tag() {
                Tag::ObjectIdentifier => CsrAttr::Oid(Oid::decode(&item).map_err(bad)?),
                Tag::Sequence => {
                    let parts = item
                        .decode_as::<Vec<Any>>()
                        .map_err(|e| bad(e.to_string()))?;
                    let [oid, set] = parts.as_slice() else {
                        return Err(bad("an attribute is not a type and a set of values".into()));
                    };
                    let values = set
                        .to_der()
                        .and_then(|der| SetOfVec::<Any>::from_der(&der))
                        .map_err(|e| bad(format!("an attribute's values: {e}")))?;
                    CsrAttr::Attribute {
                        oid: Oid::decode(oid).map_err(bad)?,
                        values: values.into_vec(),
                    }
                }
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
                CsrAttr::Oid(oid) => format!("{} ({oid})", oid.name()),
                CsrAttr::Attribute { oid, values } => {
                    let values: Vec<String> =
                        values.iter().flat_map(|v| describe_value(oid, v)).collect();
                    format!("{} ({oid}): {}", oid.name(), values.join("; "))
                }
            })
            .map(|line| crate::sanitize::escape_untrusted(&line))
            .collect()
    }

    /// The extensions an extensionRequest attribute asks for, described one by one.
    pub fn requested_extensions(&self) -> Vec<String> {
        self.0
            .iter()
            .filter_map(|attr| match attr {
                CsrAttr::Attribute { oid, values } if oid.is(&EXTENSION_REQUEST) => Some(values),
                _ => None,
            })
            .flatten()
            .flat_map(|v| describe_value(&Oid::Known(EXTENSION_REQUEST), v))
            .map(|line| crate::sanitize::escape_untrusted(&line))
            .collect()
    }

    /// Whether the server asks for a challengePassword (RFC 7030 3.5: the TLS channel
    /// binding, which TLS 1.3 no longer has).
    pub fn wants_challenge_password(&self) -> bool {
        self.0.iter().any(|a| match a {
            CsrAttr::Oid(oid) | CsrAttr::Attribute { oid, .. } => oid.is(&CHALLENGE_PASSWORD),
        })
    }

    /// The key the server asks for, if it says.
    pub fn key_request(&self) -> Option<KeyRequest> {
        self.0.iter().find_map(|attr| match attr {
            CsrAttr::Oid(oid) if oid.is(&RSA_ENCRYPTION) => Some(KeyRequest::Rsa(None)),
            CsrAttr::Oid(oid) if oid.is(&EC_PUBLIC_KEY) => {
                Some(KeyRequest::Ec("an unnamed curve".into()))
            }
            CsrAttr::Attribute { oid, values } if oid.is(&EC_PUBLIC_KEY) => {
                let curve = values
                    .iter()
                    .find_map(|v| v.decode_as::<ObjectIdentifier>().ok())
                    .map_or_else(|| "an unnamed curve".into(), |c| oid_name(&c));
                Some(KeyRequest::Ec(curve))
            }
            CsrAttr::Attribute { oid, values } if oid.is(&RSA_ENCRYPTION) => Some(KeyRequest::Rsa(
                values
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
            CsrAttr::Attribute { .. } => None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use x509_cert::attr::Attribute;

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

    #[test]
    fn oids_under_arc_2_with_large_second_arcs_decode() {
        // 2.999.1 and 2.48.5: legal (X.660), refused by const-oid.
        let attrs = CsrAttrs::from_der(&[
            0x30, 0x09, 0x06, 0x03, 0x88, 0x37, 0x01, 0x06, 0x02, 0x81, 0x00,
        ])
        .unwrap();
        assert_eq!(attrs.describe(), ["2.999.1 (2.999.1)", "2.48 (2.48)"]);
        assert_eq!(dotted(&[0x2a, 0x86, 0x48]), Some("1.2.840".into()));
        assert_eq!(dotted(&[0x88]), None, "an unfinished arc");
        assert_eq!(dotted(&[0x80, 0x01]), None, "not minimal");
        assert_eq!(dotted(&[]), None);
    }

    #[test]
    fn an_extension_request_template_is_described_value_by_value() {
        use crate::pki::cert::{basic_constraints, extension};
        use crate::pki::csr::{parse_eku, parse_key_usage, san_extension};
        let sans = vec![
            "dns:printer.example".parse().unwrap(),
            "ip:192.0.2.7".parse().unwrap(),
        ];
        let extensions: Vec<Extension> = vec![
            san_extension(&sans, false).unwrap(),
            extension(
                rfc5280::ID_CE_KEY_USAGE,
                true,
                &parse_key_usage("digitalSignature,keyEncipherment").unwrap(),
            )
            .unwrap(),
            extension(
                rfc5280::ID_CE_EXT_KEY_USAGE,
                false,
                &ExtendedKeyUsage(parse_eku("clientAuth").unwrap()),
            )
            .unwrap(),
            basic_constraints(false).unwrap(),
        ];
        let attr = Attribute {
            oid: EXTENSION_REQUEST,
            values: SetOfVec::try_from(vec![Any::encode_from(&extensions).unwrap()]).unwrap(),
        };
        let der = vec![Any::encode_from(&attr).unwrap()].to_der().unwrap();
        let attrs = CsrAttrs::from_der(&der).unwrap();
        let wanted = [
            "subjectAltName dns:printer.example, ip:192.0.2.7",
            "keyUsage digitalSignature, keyEncipherment",
            "extKeyUsage clientAuth",
            "basicConstraints not a CA",
        ];
        assert_eq!(attrs.requested_extensions(), wanted);
        assert_eq!(
            attrs.describe(),
            [format!(
                "extensionRequest (1.2.840.113549.1.9.14): {}",
                wanted.join("; ")
            )]
        );
        // A value certenroll cannot name is said to be what it is, never in Rust's debug form.
        let odd = Attribute {
            oid: CHALLENGE_PASSWORD,
            values: SetOfVec::try_from(vec![Any::encode_from(&vec![1u8, 2]).unwrap()]).unwrap(),
        };
        let der = vec![Any::encode_from(&odd).unwrap()].to_der().unwrap();
        let line = &CsrAttrs::from_der(&der).unwrap().describe()[0];
        assert!(line.ends_with(": SEQUENCE of 6 bytes"), "{line}");
    }
}
