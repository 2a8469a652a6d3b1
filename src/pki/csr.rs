//! PKCS#10 certification requests (RFC 2986): subject, subjectAltNames, key usage, extended key
//! usage and the challengePassword attribute SCEP uses for authorization (RFC 8894 2.2).
//!
//! The `pkcs10` crate is yanked and x509-cert's `RequestBuilder` always adds an extensionRequest
//! attribute, even an empty one (which the ASN.1 forbids), so the request is assembled here.

use std::net::IpAddr;
use std::str::FromStr;

use const_oid::ObjectIdentifier;
use const_oid::db::rfc5280;
use der::asn1::{BitString, Ia5String, OctetString, PrintableStringRef, SetOfVec, Utf8StringRef};
use der::{Any, Decode, Encode};
use x509_cert::attr::Attribute;
use x509_cert::ext::Extension;
use x509_cert::ext::pkix::name::GeneralName;
use x509_cert::ext::pkix::{ExtendedKeyUsage, KeyUsage, KeyUsages, SubjectAltName};
use x509_cert::name::Name;
use x509_cert::request::{CertReq, CertReqInfo, ExtensionReq, Version};

use super::cert::{EKU_NAMES, KEY_USAGE_NAMES};
use super::digest::Digest;
use super::key::PrivateKey;
use super::signed::{any_as_text, attribute, find_attribute};
use crate::sanitize::escape_untrusted;
use crate::secret::Secret;
use crate::{Error, Result};

/// pkcs-9-at-challengePassword.
pub const CHALLENGE_PASSWORD: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.7");
/// pkcs-9-at-extensionRequest.
pub const EXTENSION_REQUEST: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.14");

/// One subjectAltName entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum San {
    /// dNSName
    Dns(String),
    /// iPAddress
    Ip(IpAddr),
    /// rfc822Name
    Email(String),
    /// uniformResourceIdentifier
    Uri(String),
}

impl FromStr for San {
    type Err = String;

    fn from_str(s: &str) -> std::result::Result<Self, Self::Err> {
        let (kind, value) = s.split_once(':').ok_or_else(|| {
            format!("'{s}' has no type: write dns:NAME, ip:ADDRESS, email:ADDRESS or uri:URI")
        })?;
        if value.is_empty() || !value.is_ascii() {
            return Err(format!("'{s}': the value must be non-empty ASCII"));
        }
        match kind.to_ascii_lowercase().as_str() {
            "dns" => Ok(San::Dns(value.to_string())),
            "ip" => value
                .parse()
                .map(San::Ip)
                .map_err(|_| format!("'{value}' is not an IPv4 or IPv6 address")),
            "email" => Ok(San::Email(value.to_string())),
            "uri" => Ok(San::Uri(value.to_string())),
            other => Err(format!(
                "unknown SAN type '{other}': use dns, ip, email or uri"
            )),
        }
    }
}

impl std::fmt::Display for San {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            San::Dns(v) => write!(f, "dns:{v}"),
            San::Ip(v) => write!(f, "ip:{v}"),
            San::Email(v) => write!(f, "email:{v}"),
            San::Uri(v) => write!(f, "uri:{v}"),
        }
    }
}

impl San {
    fn to_general_name(&self) -> Result<GeneralName> {
        let ia5 =
            |v: &str| Ia5String::new(v).map_err(|_| Error::Invalid(format!("'{v}' must be ASCII")));
        Ok(match self {
            San::Dns(v) => GeneralName::DnsName(ia5(v)?),
            San::Email(v) => GeneralName::Rfc822Name(ia5(v)?),
            San::Uri(v) => GeneralName::UniformResourceIdentifier(ia5(v)?),
            San::Ip(IpAddr::V4(v)) => {
                GeneralName::IpAddress(OctetString::new(v.octets().to_vec()).map_err(encoding)?)
            }
            San::Ip(IpAddr::V6(v)) => {
                GeneralName::IpAddress(OctetString::new(v.octets().to_vec()).map_err(encoding)?)
            }
        })
    }

    fn from_general_name(name: &GeneralName) -> Option<San> {
        Some(match name {
            GeneralName::DnsName(v) => San::Dns(v.to_string()),
            GeneralName::Rfc822Name(v) => San::Email(v.to_string()),
            GeneralName::UniformResourceIdentifier(v) => San::Uri(v.to_string()),
            GeneralName::IpAddress(v) => match v.as_bytes().len() {
                4 => San::Ip(IpAddr::from(<[u8; 4]>::try_from(v.as_bytes()).ok()?)),
                16 => San::Ip(IpAddr::from(<[u8; 16]>::try_from(v.as_bytes()).ok()?)),
                _ => return None,
            },
            _ => return None,
        })
    }
}

fn encoding(e: der::Error) -> Error {
    Error::Crypto(format!("encoding the request failed: {e}"))
}

/// Parse a comma-separated list of key usage names (`digitalSignature,keyEncipherment`).
pub fn parse_key_usage(list: &str) -> Result<KeyUsage> {
    let mut flags = flagset::FlagSet::<KeyUsages>::default();
    for word in list.split(',').map(str::trim).filter(|w| !w.is_empty()) {
        let found = KEY_USAGE_NAMES
            .iter()
            .find(|(_, name)| name.eq_ignore_ascii_case(word))
            .or_else(|| {
                word.eq_ignore_ascii_case("contentCommitment")
                    .then_some(&KEY_USAGE_NAMES[1])
            })
            .ok_or_else(|| {
                Error::Invalid(format!(
                    "unknown key usage '{}': use {}",
                    escape_untrusted(word),
                    KEY_USAGE_NAMES.map(|(_, n)| n).join(", ")
                ))
            })?;
        flags |= found.0;
    }
    if flags.is_empty() {
        return Err(Error::Invalid(
            "--key-usage needs at least one usage".into(),
        ));
    }
    Ok(KeyUsage(flags))
}

/// Parse a comma-separated list of extended key usage names or dotted OIDs.
pub fn parse_eku(list: &str) -> Result<Vec<ObjectIdentifier>> {
    let mut out = Vec::new();
    for word in list.split(',').map(str::trim).filter(|w| !w.is_empty()) {
        let oid = EKU_NAMES
            .iter()
            .find(|(_, name)| name.eq_ignore_ascii_case(word))
            .map(|(oid, _)| *oid)
            .or_else(|| {
                // "ipsec" alone means IKE intermediate, what IPsec peers usually require.
                word.eq_ignore_ascii_case("ipsec")
                    .then(|| ObjectIdentifier::new_unwrap("1.3.6.1.5.5.7.3.17"))
            })
            .or_else(|| ObjectIdentifier::new(word).ok())
            .ok_or_else(|| {
                Error::Invalid(format!(
                    "unknown extended key usage '{}': use {} or a dotted OID",
                    escape_untrusted(word),
                    EKU_NAMES.map(|(_, n)| n).join(", ")
                ))
            })?;
        if !out.contains(&oid) {
            out.push(oid);
        }
    }
    Ok(out)
}

/// What goes into a request.
#[derive(Debug, Clone)]
pub struct CsrSpec {
    /// The subject name.
    pub subject: Name,
    /// subjectAltName entries.
    pub sans: Vec<San>,
    /// keyUsage (marked critical), if any.
    pub key_usage: Option<KeyUsage>,
    /// extendedKeyUsage OIDs, if any.
    pub extended_key_usage: Vec<ObjectIdentifier>,
    /// The challenge password, if any.
    pub challenge: Option<Secret>,
}

fn extension<T: Encode>(oid: ObjectIdentifier, critical: bool, value: &T) -> Result<Extension> {
    Ok(Extension {
        extn_id: oid,
        critical,
        extn_value: OctetString::new(value.to_der().map_err(encoding)?).map_err(encoding)?,
    })
}

/// A subjectAltName extension.
pub fn san_extension(sans: &[San], critical: bool) -> Result<Extension> {
    let names = sans
        .iter()
        .map(San::to_general_name)
        .collect::<Result<Vec<_>>>()?;
    extension(
        rfc5280::ID_CE_SUBJECT_ALT_NAME,
        critical,
        &SubjectAltName(names),
    )
}

/// Build and sign the request with `key` over `digest`.
pub fn build(key: &PrivateKey, spec: &CsrSpec, digest: Digest) -> Result<CertReq> {
    let mut extensions = Vec::new();
    if !spec.sans.is_empty() {
        // RFC 5280 4.2.1.6: critical when the subject is empty.
        extensions.push(san_extension(&spec.sans, spec.subject.is_empty())?);
    }
    if let Some(ku) = &spec.key_usage {
        extensions.push(extension(rfc5280::ID_CE_KEY_USAGE, true, ku)?);
    }
    if !spec.extended_key_usage.is_empty() {
        extensions.push(extension(
            rfc5280::ID_CE_EXT_KEY_USAGE,
            false,
            &ExtendedKeyUsage(spec.extended_key_usage.clone()),
        )?);
    }

    let mut attributes = Vec::new();
    if let Some(challenge) = &spec.challenge {
        attributes.push(attribute(CHALLENGE_PASSWORD, challenge_value(challenge)?)?);
    }
    if !extensions.is_empty() {
        attributes.push(attribute(
            EXTENSION_REQUEST,
            Any::encode_from(&extensions).map_err(encoding)?,
        )?);
    }

    let info = CertReqInfo {
        version: Version::V1,
        subject: spec.subject.clone(),
        public_key: key.public_key_info()?,
        attributes: SetOfVec::try_from(attributes).map_err(encoding)?,
    };
    let signature = key.sign(digest, &info.to_der().map_err(encoding)?)?;
    Ok(CertReq {
        info,
        algorithm: key.signature_algorithm(digest),
        signature: BitString::from_bytes(&signature).map_err(encoding)?,
    })
}

/// The request `csr` (DER) with its challengePassword replaced by `challenge` (or removed),
/// signed again with `key` over the digest it was signed with: what a saved request is kept
/// as (without the secret) and sent again as (with it).
pub fn with_challenge(csr: &[u8], challenge: Option<&Secret>, key: &PrivateKey) -> Result<Vec<u8>> {
    let mut request = CertReq::from_der(csr)
        .map_err(|e| Error::Invalid(format!("the saved request does not decode: {e}")))?;
    let digest = [Digest::Sha256, Digest::Sha384, Digest::Sha512, Digest::Sha1]
        .into_iter()
        .find(|d| key.signature_algorithm(*d) == request.algorithm)
        .ok_or_else(|| Error::Invalid("the saved request is not signed by its key".into()))?;
    let mut attributes: Vec<Attribute> = request
        .info
        .attributes
        .iter()
        .filter(|a| a.oid != CHALLENGE_PASSWORD)
        .cloned()
        .collect();
    if let Some(challenge) = challenge {
        attributes.insert(
            0,
            attribute(CHALLENGE_PASSWORD, challenge_value(challenge)?)?,
        );
    }
    request.info.attributes = SetOfVec::try_from(attributes).map_err(encoding)?;
    let signature = key.sign(digest, &request.info.to_der().map_err(encoding)?)?;
    request.signature = BitString::from_bytes(&signature).map_err(encoding)?;
    request.to_der().map_err(encoding)
}

/// A challenge password as the attribute's value: PrintableString when it fits, else UTF-8.
fn challenge_value(challenge: &Secret) -> Result<Any> {
    match PrintableStringRef::new(challenge.expose()) {
        Ok(printable) => Any::encode_from(&printable),
        Err(_) => Any::encode_from(&Utf8StringRef::new(challenge.expose()).map_err(encoding)?),
    }
    .map_err(encoding)
}

/// Whether a request is signed by the key it carries (its proof of possession).
pub fn signature_ok(csr: &CertReq) -> bool {
    match (csr.info.to_der(), csr.signature.as_bytes()) {
        (Ok(info), Some(_)) => {
            super::key::verify_signed(&csr.info.public_key, &csr.algorithm, &info, &csr.signature)
                .is_ok()
        }
        _ => false,
    }
}

/// A request made elsewhere (`--csr`): PEM (`CERTIFICATE REQUEST`, or `NEW CERTIFICATE
/// REQUEST` as some Windows tools write it) or DER, whose signature must verify with the key
/// it carries (a request a CA would refuse is refused here, before anything is sent). Its
/// DER is returned as it came, since certenroll cannot sign it again.
pub fn read_made_elsewhere(bytes: &[u8]) -> Result<(CertReq, Vec<u8>)> {
    let der = match std::str::from_utf8(bytes) {
        Ok(text) if text.contains("-----BEGIN") => {
            let (label, der) = der::pem::decode_vec(text.trim().as_bytes())
                .map_err(|e| Error::Invalid(format!("the CSR file is not readable PEM: {e}")))?;
            if label != "CERTIFICATE REQUEST" && label != "NEW CERTIFICATE REQUEST" {
                return Err(Error::Invalid(format!(
                    "the CSR file holds a {label}, not a CERTIFICATE REQUEST"
                )));
            }
            der
        }
        _ => bytes.to_vec(),
    };
    let csr = CertReq::from_der(&der).map_err(|e| {
        Error::Invalid(format!(
            "the CSR file holds no PKCS#10 request (PEM or DER): {e}"
        ))
    })?;
    if !signature_ok(&csr) {
        return Err(Error::Invalid(
            "the CSR's signature does not verify with the key it carries (damaged, edited, or signed with an algorithm certenroll cannot check): not sent; make the request again".into(),
        ));
    }
    Ok((csr, der))
}

/// The challenge password a request carries, if any.
pub fn challenge_password(csr: &CertReq) -> Option<String> {
    let attrs: Vec<Attribute> = csr.info.attributes.iter().cloned().collect();
    find_attribute(&attrs, CHALLENGE_PASSWORD).and_then(any_as_text)
}

/// The extensions a request asks for.
pub fn requested_extensions(csr: &CertReq) -> Vec<Extension> {
    let attrs: Vec<Attribute> = csr.info.attributes.iter().cloned().collect();
    find_attribute(&attrs, EXTENSION_REQUEST)
        .and_then(|any| any.decode_as::<ExtensionReq>().ok())
        .map(|req| req.0)
        .unwrap_or_default()
}

/// The subjectAltNames a request asks for.
pub fn requested_sans(csr: &CertReq) -> Vec<San> {
    sans_in(&requested_extensions(csr))
}

/// The subjectAltNames (of the kinds certenroll requests) in a list of extensions.
pub fn sans_in(extensions: &[Extension]) -> Vec<San> {
    use der::Decode;
    extensions
        .iter()
        .filter(|e| e.extn_id == rfc5280::ID_CE_SUBJECT_ALT_NAME)
        .filter_map(|e| SubjectAltName::from_der(e.extn_value.as_bytes()).ok())
        .flat_map(|san| san.0.into_iter())
        .filter_map(|name| San::from_general_name(&name))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pki::cert::{NameAttr, build_name};
    use der::Decode;

    fn spec(challenge: Option<&str>) -> CsrSpec {
        CsrSpec {
            subject: build_name(&[
                (NameAttr::Organization, "Example".into()),
                (NameAttr::CommonName, "printer-7".into()),
            ])
            .unwrap(),
            sans: vec![
                "dns:printer-7.example.net".parse().unwrap(),
                "ip:192.0.2.7".parse().unwrap(),
                "ip:2001:db8::7".parse().unwrap(),
                "email:ops@example.net".parse().unwrap(),
                "uri:urn:dev:7".parse().unwrap(),
            ],
            key_usage: Some(parse_key_usage("digitalSignature,keyEncipherment").unwrap()),
            extended_key_usage: parse_eku("serverAuth,clientAuth").unwrap(),
            challenge: challenge.map(|c| Secret::new(c.into())),
        }
    }

    #[test]
    fn a_request_is_kept_without_its_challenge_and_sent_with_it_again() {
        let key = PrivateKey::generate(crate::pki::key::KeyKind::P256).unwrap();
        let sent = build(&key, &spec(Some("s3cret")), Digest::Sha256)
            .unwrap()
            .to_der()
            .unwrap();
        let kept = with_challenge(&sent, None, &key).unwrap();
        assert!(!kept.windows(6).any(|w| w == b"s3cret"));
        let again = with_challenge(&kept, Some(&Secret::new("s3cret".into())), &key).unwrap();
        for (der, challenge) in [(&kept, None), (&again, Some("s3cret"))] {
            let csr = CertReq::from_der(der).unwrap();
            assert_eq!(challenge_password(&csr).as_deref(), challenge);
            assert_eq!(requested_sans(&csr), spec(None).sans);
            let digest = Digest::from_oid(&csr.algorithm.oid).unwrap();
            crate::pki::key::verify_signature(
                &csr.info.public_key,
                digest,
                &csr.info.to_der().unwrap(),
                csr.signature.as_bytes().unwrap(),
            )
            .unwrap();
        }
    }

    #[test]
    fn request_carries_challenge_sans_and_usages() {
        let key = PrivateKey::generate_rsa(2048).unwrap();
        let csr = build(&key, &spec(Some("s3cret")), Digest::Sha256).unwrap();
        let csr = CertReq::from_der(&csr.to_der().unwrap()).unwrap();
        assert_eq!(challenge_password(&csr).as_deref(), Some("s3cret"));
        assert_eq!(csr.info.subject.to_string(), "CN=printer-7,O=Example");
        assert_eq!(requested_sans(&csr), spec(None).sans);
        let exts = requested_extensions(&csr);
        let ku = exts
            .iter()
            .find(|e| e.extn_id == rfc5280::ID_CE_KEY_USAGE)
            .unwrap();
        assert!(ku.critical);
        let ku = KeyUsage::from_der(ku.extn_value.as_bytes()).unwrap();
        assert!(ku.digital_signature() && ku.key_encipherment() && !ku.key_cert_sign());
        let eku = exts
            .iter()
            .find(|e| e.extn_id == rfc5280::ID_CE_EXT_KEY_USAGE)
            .unwrap();
        let eku = ExtendedKeyUsage::from_der(eku.extn_value.as_bytes()).unwrap();
        assert_eq!(
            eku.0,
            vec![rfc5280::ID_KP_SERVER_AUTH, rfc5280::ID_KP_CLIENT_AUTH]
        );
        // The signature verifies with the request's own key.
        crate::pki::key::verify_signature(
            &csr.info.public_key,
            Digest::Sha256,
            &csr.info.to_der().unwrap(),
            csr.signature.as_bytes().unwrap(),
        )
        .unwrap();
    }

    #[test]
    fn no_challenge_and_no_extensions_means_no_attributes() {
        let key = PrivateKey::generate_rsa(2048).unwrap();
        let mut bare = spec(None);
        bare.sans.clear();
        bare.key_usage = None;
        bare.extended_key_usage.clear();
        let csr = build(&key, &bare, Digest::Sha1).unwrap();
        assert!(csr.info.attributes.is_empty());
        assert_eq!(challenge_password(&csr), None);
    }

    #[test]
    fn non_printable_challenge_is_utf8() {
        let key = PrivateKey::generate_rsa(2048).unwrap();
        let csr = build(&key, &spec(Some("pässwort_!")), Digest::Sha256).unwrap();
        assert_eq!(challenge_password(&csr).as_deref(), Some("pässwort_!"));
    }

    #[test]
    fn bad_inputs_say_what_to_write() {
        assert!("printer".parse::<San>().unwrap_err().contains("dns:NAME"));
        assert!("ip:300.1.1.1".parse::<San>().is_err());
        assert!("fax:123".parse::<San>().is_err());
        assert!(
            parse_key_usage("signing")
                .unwrap_err()
                .to_string()
                .contains("digitalSignature")
        );
        assert!(parse_eku("web").is_err());
        assert_eq!(
            parse_eku("1.2.3.4").unwrap(),
            vec![ObjectIdentifier::new_unwrap("1.2.3.4")]
        );
        assert_eq!(parse_eku("ipsec").unwrap().len(), 1);
    }
}
