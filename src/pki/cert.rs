//! Certificate helpers: parsing PEM/DER bundles, fingerprints, key usage, names, issuer checks,
//! the self-signed signer certificate SCEP requests need, and a printable summary.

use std::time::Duration;

use super::{Certificate, SerialNumber};
use const_oid::db::{rfc4519, rfc5280};
use der::asn1::{BitString, Ia5String, PrintableString, Utf8StringRef};
use der::{Any, Decode, Encode, EncodePem, Tagged};
use spki::{
    AlgorithmIdentifierOwned, DynSignatureAlgorithmIdentifier, EncodePublicKey,
    SubjectPublicKeyInfoOwned, SubjectPublicKeyInfoRef,
};
use x509_cert::builder::profile::BuilderProfile;
use x509_cert::builder::{Builder, CertificateBuilder};
use x509_cert::certificate::TbsCertificate;
use x509_cert::ext::Extension;
use x509_cert::ext::pkix::{BasicConstraints, ExtendedKeyUsage, KeyUsage, KeyUsages};
use x509_cert::name::Name;
use x509_cert::time::Validity;

use super::digest::Digest;
use super::key::{PrivateKey, rsa_public_key, verify_signature};
use crate::sanitize::escape_untrusted;
use crate::{Error, Result};

/// Parse one or more certificates: PEM (any number of `CERTIFICATE` blocks), a single DER
/// certificate, or a degenerate PKCS#7/CMS bundle in DER or PEM.
pub fn parse_certificates(bytes: &[u8]) -> Result<Vec<Certificate>> {
    let text = std::str::from_utf8(bytes).ok();
    if let Some(text) = text.filter(|t| t.contains("-----BEGIN")) {
        if text.contains("-----BEGIN CERTIFICATE-----") {
            return Certificate::load_pem_chain(text.as_bytes())
                .map_err(|e| Error::Invalid(format!("unreadable PEM certificate: {e}")));
        }
        if text.contains("-----BEGIN PKCS7-----") || text.contains("-----BEGIN CMS-----") {
            let (_, der) = der::pem::decode_vec(text.as_bytes())
                .map_err(|e| Error::Invalid(format!("unreadable PEM: {e}")))?;
            return super::signed::certificates_only(&der);
        }
        return Err(Error::Invalid(
            "no CERTIFICATE or PKCS7 block in the PEM".into(),
        ));
    }
    let der = super::ber::to_der(bytes)
        .map_err(|_| Error::Invalid("not a certificate in PEM or DER".into()))?;
    if let Ok(cert) = Certificate::from_der(&der) {
        return Ok(vec![cert]);
    }
    super::signed::certificates_only(&der)
}

/// The certificates of the file at `path` (PEM, DER or PKCS#7; at least one), read for
/// `action` ("reading CA file"): an unreadable file, one that does not parse and one that
/// holds none are each named in the error.
pub fn read_certificates(path: &std::path::Path, action: &'static str) -> Result<Vec<Certificate>> {
    let bytes = std::fs::read(path).map_err(|e| Error::local(action, path, e))?;
    let certs = parse_certificates(&bytes).map_err(|e| {
        Error::Invalid(format!(
            "{} holds no usable certificate: {e}",
            path.display()
        ))
    })?;
    if certs.is_empty() {
        return Err(Error::Invalid(format!(
            "{} holds no certificate",
            path.display()
        )));
    }
    Ok(certs)
}

/// Fingerprint of a certificate's DER as upper-case hex pairs joined by colons.
pub fn fingerprint(cert: &Certificate, digest: Digest) -> String {
    let der = cert.to_der().unwrap_or_default();
    digest
        .hash(&der)
        .iter()
        .map(|b| format!("{b:02X}"))
        .collect::<Vec<_>>()
        .join(":")
}

/// Normalize a SHA-256 fingerprint typed by a person: colons, spaces and case are ignored.
pub fn parse_fingerprint(text: &str) -> Result<String> {
    let hex: String = text
        .chars()
        .filter(|c| !matches!(c, ':' | ' ' | '-'))
        .collect::<String>()
        .to_ascii_uppercase();
    if hex.len() != 64 || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
        return Err(Error::Invalid(format!(
            "'{}' is not a SHA-256 fingerprint (64 hex digits, colons allowed)",
            escape_untrusted(text)
        )));
    }
    Ok(hex)
}

/// Whether `cert`'s SHA-256 fingerprint equals the normalized `pin` from [`parse_fingerprint`].
pub fn matches_fingerprint(cert: &Certificate, pin: &str) -> bool {
    fingerprint(cert, Digest::Sha256).replace(':', "") == pin
}

/// Whether the certificate says it is a CA (basicConstraints cA).
pub fn is_ca(cert: &Certificate) -> bool {
    matches!(
        cert.tbs_certificate().get_extension::<BasicConstraints>(),
        Ok(Some((_, bc))) if bc.ca
    )
}

/// The key usage bits, when the extension is present.
pub fn key_usage(cert: &Certificate) -> Option<KeyUsage> {
    cert.tbs_certificate()
        .get_extension::<KeyUsage>()
        .ok()
        .flatten()
        .map(|(_, ku)| ku)
}

/// Whether the certificate may be used for `usage` (true when it carries no keyUsage).
pub fn allows(cert: &Certificate, usage: KeyUsages) -> bool {
    key_usage(cert).is_none_or(|ku| ku.0.contains(usage))
}

/// Names of key usage bits, in RFC 5280 order.
pub const KEY_USAGE_NAMES: [(KeyUsages, &str); 9] = [
    (KeyUsages::DigitalSignature, "digitalSignature"),
    (KeyUsages::NonRepudiation, "nonRepudiation"),
    (KeyUsages::KeyEncipherment, "keyEncipherment"),
    (KeyUsages::DataEncipherment, "dataEncipherment"),
    (KeyUsages::KeyAgreement, "keyAgreement"),
    (KeyUsages::KeyCertSign, "keyCertSign"),
    (KeyUsages::CRLSign, "cRLSign"),
    (KeyUsages::EncipherOnly, "encipherOnly"),
    (KeyUsages::DecipherOnly, "decipherOnly"),
];

/// Names of well-known extended key usages.
pub const EKU_NAMES: [(const_oid::ObjectIdentifier, &str); 11] = [
    (rfc5280::ID_KP_SERVER_AUTH, "serverAuth"),
    (rfc5280::ID_KP_CLIENT_AUTH, "clientAuth"),
    (rfc5280::ID_KP_CODE_SIGNING, "codeSigning"),
    (rfc5280::ID_KP_EMAIL_PROTECTION, "emailProtection"),
    (rfc5280::ID_KP_TIME_STAMPING, "timeStamping"),
    (rfc5280::ID_KP_OCSP_SIGNING, "OCSPSigning"),
    (
        const_oid::ObjectIdentifier::new_unwrap("1.3.6.1.5.5.7.3.5"),
        "ipsecEndSystem",
    ),
    (
        const_oid::ObjectIdentifier::new_unwrap("1.3.6.1.5.5.7.3.6"),
        "ipsecTunnel",
    ),
    (
        const_oid::ObjectIdentifier::new_unwrap("1.3.6.1.5.5.7.3.7"),
        "ipsecUser",
    ),
    (
        const_oid::ObjectIdentifier::new_unwrap("1.3.6.1.5.5.7.3.17"),
        "ipsecIKE",
    ),
    (
        const_oid::ObjectIdentifier::new_unwrap("1.3.6.1.4.1.311.20.2.2"),
        "smartcardLogon",
    ),
];

/// The names of the bits of a key usage.
pub fn key_usage_names(ku: &KeyUsage) -> Vec<String> {
    KEY_USAGE_NAMES
        .iter()
        .filter(|(bit, _)| ku.0.contains(*bit))
        .map(|(_, name)| name.to_string())
        .collect()
}

/// The names of extended key usages (dotted when unknown).
pub fn eku_names(eku: &ExtendedKeyUsage) -> Vec<String> {
    eku.0
        .iter()
        .map(|oid| {
            EKU_NAMES
                .iter()
                .find(|(known, _)| known == oid)
                .map(|(_, name)| name.to_string())
                .unwrap_or_else(|| oid.to_string())
        })
        .collect()
}

fn key_usage_list(cert: &Certificate) -> Vec<String> {
    key_usage(cert)
        .map(|ku| key_usage_names(&ku))
        .unwrap_or_default()
}

fn eku_list(cert: &Certificate) -> Vec<String> {
    match cert.tbs_certificate().get_extension::<ExtendedKeyUsage>() {
        Ok(Some((_, eku))) => eku_names(&eku),
        _ => Vec::new(),
    }
}

/// A name as text (RFC 4514 order), escaped for a terminal.
pub fn name_to_string(name: &Name) -> String {
    escape_untrusted(&name.to_string())
}

/// The subject's common name, if it has one (for labels such as a PKCS#12 friendlyName).
pub fn common_name(cert: &Certificate) -> Option<String> {
    let name = cert.tbs_certificate().subject().common_name().ok()??;
    Some(name.value().into_owned())
}

/// The serial number as lower-case hex.
pub fn serial_hex(cert: &Certificate) -> String {
    super::hex(cert.tbs_certificate().serial_number().as_bytes())
}

/// Whether two certificates carry the same public key as `spki`.
pub fn has_public_key(cert: &Certificate, spki: &SubjectPublicKeyInfoOwned) -> bool {
    cert.tbs_certificate().subject_public_key_info() == spki
}

/// Check that `cert` was signed by `issuer`'s key and names it as issuer.
pub fn verify_issued_by(cert: &Certificate, issuer: &Certificate) -> Result<()> {
    if cert.tbs_certificate().issuer() != issuer.tbs_certificate().subject() {
        return Err(Error::Untrusted(format!(
            "certificate '{}' names issuer '{}', not '{}'",
            name_to_string(cert.tbs_certificate().subject()),
            name_to_string(cert.tbs_certificate().issuer()),
            name_to_string(issuer.tbs_certificate().subject())
        )));
    }
    let alg = cert.signature_algorithm();
    let digest = Digest::from_oid(&alg.oid).ok_or_else(|| {
        Error::NotSupported(format!(
            "certificate signature algorithm {} is not supported (RSA with SHA-1/2 only)",
            alg.oid
        ))
    })?;
    let tbs = cert
        .tbs_certificate()
        .to_der()
        .map_err(|e| Error::Untrusted(format!("certificate does not re-encode: {e}")))?;
    let signature = cert
        .signature()
        .as_bytes()
        .ok_or_else(|| Error::Untrusted("certificate signature has unused bits".into()))?;
    verify_signature(
        issuer.tbs_certificate().subject_public_key_info(),
        digest,
        &tbs,
        signature,
    )
    .map_err(|_| {
        Error::Untrusted(format!(
            "certificate '{}' is not signed by '{}'",
            name_to_string(cert.tbs_certificate().subject()),
            name_to_string(issuer.tbs_certificate().subject())
        ))
    })
}

/// Certificates to PEM, one block each.
pub fn to_pem(certs: &[&Certificate]) -> Result<String> {
    let mut out = String::new();
    for cert in certs {
        out.push_str(
            &cert
                .to_pem(der::pem::LineEnding::LF)
                .map_err(|e| Error::Crypto(format!("encoding a certificate failed: {e}")))?,
        );
    }
    Ok(out)
}

/// A certificate's DER.
pub fn to_der(cert: &Certificate) -> Result<Vec<u8>> {
    cert.to_der()
        .map_err(|e| Error::Crypto(format!("encoding a certificate failed: {e}")))
}

/// What a person (or `--json`) sees of a certificate.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize, PartialEq, Eq)]
pub struct CertSummary {
    /// Subject DN (RFC 4514).
    pub subject: String,
    /// Issuer DN (RFC 4514).
    pub issuer: String,
    /// Serial number, lower-case hex.
    pub serial: String,
    /// Start of validity, RFC 3339.
    pub not_before: String,
    /// End of validity, RFC 3339.
    pub not_after: String,
    /// Whether basicConstraints says cA.
    pub is_ca: bool,
    /// keyUsage bit names.
    pub key_usage: Vec<String>,
    /// extendedKeyUsage names or dotted OIDs.
    pub extended_key_usage: Vec<String>,
    /// SHA-256 fingerprint, colon-separated hex.
    pub sha256: String,
    /// SHA-1 fingerprint, colon-separated hex.
    pub sha1: String,
}

/// Summarize a certificate.
pub fn summary(cert: &Certificate) -> CertSummary {
    let tbs = cert.tbs_certificate();
    CertSummary {
        subject: name_to_string(tbs.subject()),
        issuer: name_to_string(tbs.issuer()),
        serial: serial_hex(cert),
        not_before: tbs.validity().not_before.to_string(),
        not_after: tbs.validity().not_after.to_string(),
        is_ca: is_ca(cert),
        key_usage: key_usage_list(cert),
        extended_key_usage: eku_list(cert),
        sha256: fingerprint(cert, Digest::Sha256),
        sha1: fingerprint(cert, Digest::Sha1),
    }
}

/// Build a distinguished name from (attribute, value) pairs, in the order given.
///
/// Values that fit PrintableString are encoded as such (old CAs match on it), others as
/// UTF8String; countryName is always PrintableString and emailAddress IA5String.
pub fn build_name(parts: &[(NameAttr, String)]) -> Result<Name> {
    let mut rdns = x509_cert::name::RdnSequence::default();
    for (attr, value) in parts {
        let value_any = match attr {
            NameAttr::Country => {
                if value.len() != 2 || !value.chars().all(|c| c.is_ascii_alphabetic()) {
                    return Err(Error::Invalid(format!(
                        "country '{}' must be a two-letter code such as DE or US",
                        escape_untrusted(value)
                    )));
                }
                der::Any::encode_from(&PrintableString::new(value).map_err(bad_name)?)
            }
            NameAttr::Email => der::Any::encode_from(&Ia5String::new(value).map_err(|_| {
                Error::Invalid(format!(
                    "e-mail '{}' must be ASCII",
                    escape_untrusted(value)
                ))
            })?),
            _ => match PrintableString::new(value) {
                Ok(printable) => der::Any::encode_from(&printable),
                Err(_) => der::Any::encode_from(&Utf8StringRef::new(value).map_err(bad_name)?),
            },
        }
        .map_err(bad_name)?;
        let atv = x509_cert::attr::AttributeTypeAndValue {
            oid: attr.oid(),
            value: value_any,
        };
        let mut rdn = x509_cert::name::RelativeDistinguishedName::default();
        rdn.insert(atv).map_err(bad_name)?;
        rdns.push(rdn);
    }
    let der = rdns.to_der().map_err(bad_name)?;
    Name::from_der(&der).map_err(bad_name)
}

fn bad_name(e: der::Error) -> Error {
    Error::Invalid(format!("the subject name cannot be encoded: {e}"))
}

/// Attributes of a subject name that certenroll sets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameAttr {
    /// countryName (C)
    Country,
    /// stateOrProvinceName (ST)
    State,
    /// localityName (L)
    Locality,
    /// organizationName (O)
    Organization,
    /// organizationalUnitName (OU)
    OrganizationalUnit,
    /// commonName (CN)
    CommonName,
    /// emailAddress (PKCS#9), as old CAs expect it in the subject
    Email,
    /// serialNumber (device serial)
    SerialNumber,
}

impl NameAttr {
    fn oid(self) -> const_oid::ObjectIdentifier {
        match self {
            NameAttr::Country => rfc4519::C,
            NameAttr::State => rfc4519::ST,
            NameAttr::Locality => rfc4519::L,
            NameAttr::Organization => rfc4519::O,
            NameAttr::OrganizationalUnit => rfc4519::OU,
            NameAttr::CommonName => rfc4519::CN,
            NameAttr::Email => const_oid::db::rfc2985::PKCS_9_AT_EMAIL_ADDRESS,
            NameAttr::SerialNumber => rfc4519::SERIAL_NUMBER,
        }
    }
}

/// Adapter that lets x509-cert's builders take our key: they ask it for the public key and the
/// signature algorithm, and we sign the to-be-signed bytes ourselves.
pub(crate) struct BuilderKey<'a> {
    pub(crate) key: &'a PrivateKey,
    pub(crate) digest: Digest,
    pub(crate) public: rsa::RsaPublicKey,
}

impl<'a> BuilderKey<'a> {
    pub(crate) fn new(key: &'a PrivateKey, digest: Digest) -> Result<Self> {
        let public = rsa_public_key(&key.public_key_info()?)?;
        Ok(BuilderKey {
            key,
            digest,
            public,
        })
    }

    /// Run `builder`'s finalize, sign, assemble.
    pub(crate) fn build<B: Builder>(&self, mut builder: B) -> Result<B::Output> {
        let tbs = builder
            .finalize(self)
            .map_err(|e| Error::Crypto(format!("building failed: {e}")))?;
        let signature = self.key.sign(self.digest, &tbs)?;
        let bits = BitString::from_bytes(&signature)
            .map_err(|e| Error::Crypto(format!("encoding a signature failed: {e}")))?;
        builder
            .assemble(bits, self)
            .map_err(|e| Error::Crypto(format!("building failed: {e}")))
    }
}

impl signature::Keypair for BuilderKey<'_> {
    type VerifyingKey = rsa::RsaPublicKey;

    fn verifying_key(&self) -> Self::VerifyingKey {
        self.public.clone()
    }
}

impl DynSignatureAlgorithmIdentifier for BuilderKey<'_> {
    fn signature_algorithm_identifier(&self) -> spki::Result<AlgorithmIdentifierOwned> {
        Ok(self.key.signature_algorithm(self.digest))
    }
}

// `EncodePublicKey` is what the builders need of the verifying key; make sure it holds.
const _: fn() = || {
    fn assert_encodes<T: EncodePublicKey>() {}
    assert_encodes::<rsa::RsaPublicKey>();
};

/// A profile for certificates whose issuer and extensions are given as they are.
pub(crate) struct PlainProfile {
    pub(crate) issuer: Name,
    pub(crate) subject: Name,
    pub(crate) extensions: Vec<Extension>,
}

impl BuilderProfile for PlainProfile {
    fn get_issuer(&self, _subject: &Name) -> Name {
        self.issuer.clone()
    }

    fn get_subject(&self) -> Name {
        self.subject.clone()
    }

    fn build_extensions(
        &self,
        _spk: SubjectPublicKeyInfoRef<'_>,
        _issuer_spk: SubjectPublicKeyInfoRef<'_>,
        _tbs: &TbsCertificate,
    ) -> x509_cert::builder::Result<Vec<Extension>> {
        Ok(self.extensions.clone())
    }
}

/// A random positive 16-byte serial number.
pub fn random_serial() -> Result<SerialNumber> {
    let mut serial = super::random_bytes::<16>()?;
    serial[0] &= 0x7f;
    serial[0] |= 0x01;
    SerialNumber::new(&serial).map_err(|e| Error::Crypto(e.to_string()))
}

/// What a new certificate says, for [`issue`].
pub struct Template {
    /// Subject name.
    pub subject: Name,
    /// Subject public key.
    pub public_key: SubjectPublicKeyInfoOwned,
    /// Serial number.
    pub serial: SerialNumber,
    /// How long it is valid...
    pub validity: Duration,
    /// ...from when (None: now). The lab makes expired and not-yet-valid certificates.
    pub starts: Option<std::time::SystemTime>,
    /// Extensions, as they are.
    pub extensions: Vec<Extension>,
}

/// Sign a certificate for `template` with `issuer_key`, naming `issuer` as issuer (the
/// subject itself for a self-signed certificate).
pub fn issue(
    template: Template,
    issuer: &Name,
    issuer_key: &PrivateKey,
    digest: Digest,
) -> Result<Certificate> {
    let profile = PlainProfile {
        issuer: issuer.clone(),
        subject: template.subject,
        extensions: template.extensions,
    };
    let clock = |e: der::Error| Error::Crypto(format!("the system clock is unusable: {e}"));
    let validity = match template.starts {
        None => Validity::from_now(template.validity).map_err(clock)?,
        Some(start) => Validity::new(
            x509_cert::time::Time::try_from(start).map_err(clock)?,
            x509_cert::time::Time::try_from(start + template.validity).map_err(clock)?,
        ),
    };
    let failed =
        |e: &dyn std::fmt::Display| Error::Crypto(format!("building a certificate failed: {e}"));
    // The builder takes only RFC 5280 serial numbers (20 octets at most): it is given a
    // placeholder, replaced by ours in the to-be-signed encoding before signing.
    let placeholder = x509_cert::serial_number::SerialNumber::from(1u8);
    let mut builder = CertificateBuilder::new(profile, placeholder, validity, template.public_key)
        .map_err(|e| failed(&e))?;
    let signer = BuilderKey::new(issuer_key, digest)?;
    let tbs = builder.finalize(&signer).map_err(|e| failed(&e))?;
    let tbs = with_serial(&tbs, &template.serial).map_err(|e| failed(&e))?;
    let signature = issuer_key.sign(digest, &tbs)?;
    let whole: Vec<Any> = vec![
        Any::from_der(&tbs).map_err(|e| failed(&e))?,
        Any::encode_from(&issuer_key.signature_algorithm(digest)).map_err(|e| failed(&e))?,
        Any::encode_from(&BitString::from_bytes(&signature).map_err(|e| failed(&e))?)
            .map_err(|e| failed(&e))?,
    ];
    Certificate::from_der(&whole.to_der().map_err(|e| failed(&e))?).map_err(|e| failed(&e))
}

/// The to-be-signed part of a certificate (DER) with its serial number replaced.
pub fn with_serial(tbs: &[u8], serial: &impl Encode) -> der::Result<Vec<u8>> {
    let mut fields = Vec::<Any>::from_der(tbs)?;
    // TBSCertificate ::= SEQUENCE { version [0] EXPLICIT DEFAULT v1, serialNumber, ... }
    let at = match fields.first() {
        Some(version) if version.tag().is_context_specific() => 1,
        _ => 0,
    };
    match fields.get_mut(at) {
        Some(field) if field.tag() == der::Tag::Integer => {
            *field = Any::from_der(&serial.to_der()?)?
        }
        _ => return Err(der::Tag::Integer.value_error().into()),
    }
    fields.to_der()
}

/// A serial number from its big-endian bytes, of any length (leading zeros dropped).
pub fn serial_from_bytes(bytes: &[u8]) -> Result<SerialNumber> {
    let invalid = |e: der::Error| Error::Crypto(format!("invalid serial number: {e}"));
    let int = der::asn1::Uint::new(bytes).map_err(invalid)?;
    SerialNumber::from_der(&int.to_der().map_err(invalid)?).map_err(invalid)
}

/// Encode an extension value.
pub fn extension<T: Encode>(
    oid: const_oid::ObjectIdentifier,
    critical: bool,
    value: &T,
) -> Result<Extension> {
    let der = value
        .to_der()
        .map_err(|e| Error::Crypto(format!("encoding an extension failed: {e}")))?;
    Ok(Extension {
        extn_id: oid,
        critical,
        extn_value: der::asn1::OctetString::new(der)
            .map_err(|e| Error::Crypto(format!("encoding an extension failed: {e}")))?,
    })
}

/// A critical basicConstraints extension saying whether the subject is a CA.
pub fn basic_constraints(ca: bool) -> Result<Extension> {
    extension(
        rfc5280::ID_CE_BASIC_CONSTRAINTS,
        true,
        &BasicConstraints {
            ca,
            path_len_constraint: None,
        },
    )
}

/// How long the throwaway signer certificate of a SCEP request is valid.
pub const SIGNER_CERT_VALIDITY: Duration = Duration::from_secs(7 * 24 * 3600);

/// The self-signed certificate that signs a SCEP request for a key that has no certificate yet
/// (RFC 8894 section 2.3): same subject as the request, short-lived, random serial.
pub fn self_signed(key: &PrivateKey, subject: &Name, digest: Digest) -> Result<Certificate> {
    let template = Template {
        subject: subject.clone(),
        public_key: key.public_key_info()?,
        serial: random_serial()?,
        validity: SIGNER_CERT_VALIDITY,
        starts: None,
        extensions: Vec::new(),
    };
    issue(template, subject, key, digest)
}

/// For tests: a certificate named `cn` for `key`, a CA when `ca`, valid for an hour, signed
/// by `issuer` (its name and key) or by `key` itself.
#[cfg(test)]
pub(crate) fn test_cert(
    key: &PrivateKey,
    cn: &str,
    ca: bool,
    issuer: Option<(&Name, &PrivateKey)>,
) -> Certificate {
    let name = build_name(&[(NameAttr::CommonName, cn.into())]).unwrap();
    let (issuer_name, issuer_key) = issuer.unwrap_or((&name, key));
    let template = Template {
        subject: name.clone(),
        public_key: key.public_key_info().unwrap(),
        serial: random_serial().unwrap(),
        validity: Duration::from_secs(3600),
        starts: None,
        extensions: vec![basic_constraints(ca).unwrap()],
    };
    issue(template, issuer_name, issuer_key, Digest::Sha256).unwrap()
}

/// For tests: a self-signed certificate named `cn` for `key` with a 32-octet serial number
/// (over RFC 5280's 20), as sscep and certmonger sign their requests with.
#[cfg(test)]
pub(crate) fn long_serial_cert(key: &PrivateKey, cn: &str) -> Certificate {
    let name = build_name(&[(NameAttr::CommonName, cn.into())]).unwrap();
    let template = Template {
        subject: name.clone(),
        public_key: key.public_key_info().unwrap(),
        serial: serial_from_bytes(&[0x5a; 32]).unwrap(),
        validity: Duration::from_secs(3600),
        starts: None,
        extensions: Vec::new(),
    };
    issue(template, &name, key, Digest::Sha256).unwrap()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serial_numbers_over_20_octets_are_issued_and_read() {
        let key = PrivateKey::generate_rsa(2048).unwrap();
        let cert = long_serial_cert(&key, "sscep");
        assert_eq!(
            cert.tbs_certificate().serial_number().as_bytes(),
            [0x5a; 32]
        );
        verify_issued_by(&cert, &cert).unwrap();
        let pem = to_pem(&[&cert]).unwrap();
        assert_eq!(
            parse_certificates(pem.as_bytes()).unwrap(),
            vec![cert.clone()]
        );
        assert_eq!(summary(&cert).serial, "5a".repeat(32));
        // The RFC 5280 profile refuses it: this is why every certificate is read raw.
        assert!(x509_cert::Certificate::from_der(&to_der(&cert).unwrap()).is_err());
    }

    #[test]
    fn self_signed_verifies_against_itself() {
        let key = PrivateKey::generate_rsa(2048).unwrap();
        let name = build_name(&[
            (NameAttr::Country, "DE".into()),
            (NameAttr::CommonName, "printer-1".into()),
        ])
        .unwrap();
        let cert = self_signed(&key, &name, Digest::Sha256).unwrap();
        verify_issued_by(&cert, &cert).unwrap();
        assert!(has_public_key(&cert, &key.public_key_info().unwrap()));
        let summary = summary(&cert);
        assert_eq!(summary.subject, "CN=printer-1,C=DE");
        assert!(!summary.is_ca);
        let pem = to_pem(&[&cert]).unwrap();
        assert_eq!(
            parse_certificates(pem.as_bytes()).unwrap(),
            vec![cert.clone()]
        );
        assert_eq!(
            parse_certificates(&to_der(&cert).unwrap()).unwrap(),
            vec![cert.clone()]
        );
        let pin = parse_fingerprint(&summary.sha256.to_lowercase()).unwrap();
        assert!(matches_fingerprint(&cert, &pin));
    }

    #[test]
    fn names_pick_string_types() {
        let name = build_name(&[(NameAttr::CommonName, "Drucker Büro".into())]).unwrap();
        assert_eq!(name.to_string(), "CN=Drucker Büro");
        assert!(build_name(&[(NameAttr::Country, "Germany".into())]).is_err());
    }

    #[test]
    fn fingerprints_are_parsed_leniently_but_checked() {
        let hex = "ab".repeat(32);
        assert_eq!(parse_fingerprint(&hex).unwrap(), hex.to_uppercase());
        assert!(parse_fingerprint("abcd").is_err());
        assert!(parse_fingerprint(&"zz".repeat(32)).is_err());
    }
}
