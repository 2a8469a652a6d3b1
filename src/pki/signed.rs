//! CMS SignedData (RFC 5652 section 5): building a signed message with custom signed
//! attributes, verifying one against certificates we already trust, and certificates-only
//! ("degenerate") bundles.
//!
//! The structures are `cms_raw`'s (lenient about serial numbers) and the `cms` crate's; neither
//! verifies a signature, so that is done here.

use cms::content_info::{CmsVersion, ContentInfo};
use cms::signed_data::{EncapsulatedContentInfo, SignedAttributes};
use const_oid::ObjectIdentifier;
use const_oid::db::{rfc5911, rfc5912};
use der::asn1::{OctetString, SetOfVec, UtcTime};
use der::{Any, Decode, Encode, Tag, Tagged};
use x509_cert::attr::Attribute;

use super::cms_raw::{CertificateId, SetInOrder, SignedData, SignerInfo};
use super::digest::Digest;
use super::key::{PrivateKey, verify_signature};
use super::{Certificate, CertificateList};
// Names are escaped here as `cert::name_to_string` does: `cert` reads bundles through this
// module, so this one does not import `cert` (no import circle).
use crate::sanitize::escape_untrusted;
use crate::{Error, Result};

fn malformed(what: impl std::fmt::Display) -> Error {
    Error::Untrusted(format!("malformed message: {what}"))
}

fn encoding(e: der::Error) -> Error {
    Error::Crypto(format!("encoding a CMS message failed: {e}"))
}

/// An attribute with one value.
pub fn attribute(oid: ObjectIdentifier, value: Any) -> Result<Attribute> {
    let mut values = SetOfVec::new();
    values.insert(value).map_err(encoding)?;
    Ok(Attribute { oid, values })
}

/// The first value of the attribute `oid`, if present.
pub fn find_attribute(attrs: &[Attribute], oid: ObjectIdentifier) -> Option<&Any> {
    attrs
        .iter()
        .find(|a| a.oid == oid)
        .and_then(|a| a.values.iter().next())
}

/// The text of a string-typed attribute value (PrintableString, UTF8String or IA5String).
pub fn any_as_text(value: &Any) -> Option<String> {
    match value.tag() {
        Tag::PrintableString | Tag::Utf8String | Tag::Ia5String => {
            String::from_utf8(value.value().to_vec()).ok()
        }
        _ => None,
    }
}

/// The bytes of an OCTET STRING attribute value.
pub fn any_as_octets(value: &Any) -> Option<Vec<u8>> {
    (value.tag() == Tag::OctetString).then(|| value.value().to_vec())
}

/// Sign `content` (the eContent of type id-data) with `key`, whose certificate is `cert`.
///
/// Signed attributes are contentType, messageDigest and signingTime, then `extra`.
/// `cert` and `more_certs` travel in the message's certificate set.
pub fn sign(
    content: Option<&[u8]>,
    extra: Vec<Attribute>,
    key: &PrivateKey,
    cert: &Certificate,
    digest: Digest,
    more_certs: &[&Certificate],
) -> Result<Vec<u8>> {
    let mut attrs = vec![
        attribute(
            rfc5911::ID_CONTENT_TYPE,
            Any::encode_from(&rfc5911::ID_DATA).map_err(encoding)?,
        )?,
        attribute(
            rfc5911::ID_MESSAGE_DIGEST,
            Any::encode_from(
                &OctetString::new(digest.hash(content.unwrap_or_default())).map_err(encoding)?,
            )
            .map_err(encoding)?,
        )?,
        attribute(
            rfc5911::ID_SIGNING_TIME,
            Any::encode_from(
                &UtcTime::from_system_time(std::time::SystemTime::now()).map_err(encoding)?,
            )
            .map_err(encoding)?,
        )?,
    ];
    attrs.extend(extra);
    let signed_attrs = SignedAttributes::try_from(attrs).map_err(encoding)?;
    let to_sign = signed_attrs.to_der().map_err(encoding)?;
    let signature = key.sign(digest, &to_sign)?;

    let signer_info = SignerInfo {
        version: CmsVersion::V1,
        sid: CertificateId::of(cert),
        digest_alg: digest.algorithm_identifier(),
        signed_attrs: Some(signed_attrs),
        signature_algorithm: spki::AlgorithmIdentifierOwned {
            oid: const_oid::db::rfc5912::RSA_ENCRYPTION,
            parameters: Some(der::asn1::Null.into()),
        },
        signature: OctetString::new(signature).map_err(encoding)?,
        unsigned_attrs: None,
    };
    let econtent = content
        .map(|c| {
            OctetString::new(c)
                .and_then(|o| Any::encode_from(&o))
                .map_err(encoding)
        })
        .transpose()?;
    let mut certs = vec![cert];
    certs.extend_from_slice(more_certs);
    let signed = SignedData {
        version: CmsVersion::V1,
        digest_algorithms: SetOfVec::try_from(vec![digest.algorithm_identifier()])
            .map_err(encoding)?,
        encap_content_info: EncapsulatedContentInfo {
            econtent_type: rfc5911::ID_DATA,
            econtent,
        },
        certificates: Some(certificate_set(&certs)),
        crls: None,
        signer_infos: SetInOrder(vec![signer_info]),
    };
    wrap(rfc5911::ID_SIGNED_DATA, &signed)
}

fn certificate_set(certs: &[&Certificate]) -> SetInOrder<Certificate> {
    SetInOrder(certs.iter().map(|c| (*c).clone()).collect())
}

/// Wrap a CMS structure in a ContentInfo and encode it.
pub fn wrap<T: Encode>(content_type: ObjectIdentifier, content: &T) -> Result<Vec<u8>> {
    let info = ContentInfo {
        content_type,
        content: Any::from_der(&content.to_der().map_err(encoding)?).map_err(encoding)?,
    };
    info.to_der().map_err(encoding)
}

/// A SignedData without content or signers, carrying certificates and/or CRLs.
fn certs_only(
    certificates: Option<SetInOrder<Certificate>>,
    crls: Option<SetInOrder<CertificateList>>,
) -> Result<Vec<u8>> {
    let signed = SignedData {
        version: CmsVersion::V1,
        digest_algorithms: SetOfVec::new(),
        encap_content_info: EncapsulatedContentInfo {
            econtent_type: rfc5911::ID_DATA,
            econtent: None,
        },
        certificates,
        crls,
        signer_infos: SetInOrder::default(),
    };
    wrap(rfc5911::ID_SIGNED_DATA, &signed)
}

/// A certificates-only SignedData (RFC 8894 section 3.4) holding `certs`.
pub fn degenerate(certs: &[&Certificate]) -> Result<Vec<u8>> {
    certs_only(Some(certificate_set(certs)), None)
}

/// Parse a ContentInfo holding SignedData (BER tolerated).
pub fn parse(bytes: &[u8]) -> Result<SignedData> {
    let der = super::ber::to_der(bytes)?;
    let info = ContentInfo::from_der(&der).map_err(malformed)?;
    if info.content_type != rfc5911::ID_SIGNED_DATA {
        return Err(malformed(format!(
            "expected CMS SignedData, got content type {}",
            info.content_type
        )));
    }
    info.content.decode_as::<SignedData>().map_err(malformed)
}

/// The certificates of a SignedData message (usually a degenerate one), in the order sent.
pub fn certificates_only(bytes: &[u8]) -> Result<Vec<Certificate>> {
    let signed = parse(bytes)?;
    Ok(certificates(&signed))
}

/// The CRLs carried in a SignedData.
pub fn crls(signed: &SignedData) -> Vec<CertificateList> {
    signed.crls.clone().unwrap_or_default().0
}

/// A certificates-only SignedData carrying CRLs (the reply to GetCRL).
pub fn degenerate_crls(crls: &[CertificateList]) -> Result<Vec<u8>> {
    certs_only(None, Some(SetInOrder(crls.to_vec())))
}

/// The X.509 certificates carried in a SignedData's certificate set, in the order sent.
pub fn certificates(signed: &SignedData) -> Vec<Certificate> {
    signed.certificates.clone().unwrap_or_default().0
}

/// A SignedData message whose signature checked out.
#[derive(Debug)]
pub struct Verified {
    /// The certificate (one of the trusted ones) that signed it.
    pub signer: Certificate,
    /// The signed attributes.
    pub attributes: Vec<Attribute>,
    /// The encapsulated content, when present.
    pub content: Option<Vec<u8>>,
}

/// Verify a SignedData message: the signer must be one of `trusted`, the messageDigest
/// attribute must match the content, and the signature over the signed attributes must verify.
pub fn verify(bytes: &[u8], trusted: &[&Certificate]) -> Result<Verified> {
    let signed = parse(bytes)?;
    let signer_info: &SignerInfo = signed
        .signer_infos
        .0
        .first()
        .ok_or_else(|| malformed("the message is not signed"))?;
    let signer = trusted
        .iter()
        .find(|c| signer_info.sid.names(c))
        .ok_or_else(|| {
            Error::Untrusted(format!(
                "signed by a certificate that is not the CA's or RA's ({})",
                signer_info.sid.describe()
            ))
        })?;
    let digest = Digest::from_oid(&signer_info.digest_alg.oid).ok_or_else(|| {
        Error::Untrusted(format!(
            "signed with unsupported digest {}",
            signer_info.digest_alg.oid
        ))
    })?;
    let sig_oid = signer_info.signature_algorithm.oid;
    if sig_oid != rfc5912::RSA_ENCRYPTION && Digest::from_oid(&sig_oid) != Some(digest) {
        return Err(Error::Untrusted(format!(
            "signature algorithm {sig_oid} is not supported (RSA PKCS#1 v1.5 only)"
        )));
    }
    let content = match &signed.encap_content_info.econtent {
        Some(any) => Some(
            any.decode_as::<OctetString>()
                .map_err(|_| malformed("the signed content is not an OCTET STRING"))?
                .into_bytes()
                .into_vec(),
        ),
        None => None,
    };
    let signed_attrs = signer_info
        .signed_attrs
        .as_ref()
        .ok_or_else(|| Error::Untrusted("the message has no signed attributes".into()))?;
    let attributes: Vec<Attribute> = signed_attrs.iter().cloned().collect();
    let message_digest = find_attribute(&attributes, rfc5911::ID_MESSAGE_DIGEST)
        .and_then(any_as_octets)
        .ok_or_else(|| Error::Untrusted("the message has no messageDigest attribute".into()))?;
    if message_digest != digest.hash(content.as_deref().unwrap_or_default()) {
        return Err(Error::Untrusted(
            "the messageDigest attribute does not match the content".into(),
        ));
    }
    let to_verify = signed_attrs.to_der().map_err(malformed)?;
    verify_signature(
        signer.tbs_certificate().subject_public_key_info(),
        digest,
        &to_verify,
        signer_info.signature.as_bytes(),
    )
    .map_err(|_| {
        Error::Untrusted(format!(
            "the signature by '{}' (serial {}) does not verify",
            escape_untrusted(&signer.tbs_certificate().subject().to_string()),
            super::hex(signer.tbs_certificate().serial_number().as_bytes())
        ))
    })?;
    Ok(Verified {
        signer: (*signer).clone(),
        attributes,
        content,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pki::cert::{NameAttr, build_name, self_signed};

    fn signer() -> (PrivateKey, Certificate) {
        let key = PrivateKey::generate_rsa(2048).unwrap();
        let name = build_name(&[(NameAttr::CommonName, "signer".into())]).unwrap();
        let cert = self_signed(&key, &name, Digest::Sha256).unwrap();
        (key, cert)
    }

    #[test]
    fn sign_then_verify() {
        let (key, cert) = signer();
        let extra = attribute(
            ObjectIdentifier::new_unwrap("2.16.840.1.113733.1.9.2"),
            Any::encode_from(&der::asn1::PrintableStringRef::new("19").unwrap()).unwrap(),
        )
        .unwrap();
        for digest in [Digest::Sha1, Digest::Sha256] {
            let msg = sign(
                Some(b"payload"),
                vec![extra.clone()],
                &key,
                &cert,
                digest,
                &[],
            )
            .unwrap();
            let verified = verify(&msg, &[&cert]).unwrap();
            assert_eq!(verified.content.as_deref(), Some(&b"payload"[..]));
            let value = find_attribute(
                &verified.attributes,
                ObjectIdentifier::new_unwrap("2.16.840.1.113733.1.9.2"),
            )
            .unwrap();
            assert_eq!(any_as_text(value).as_deref(), Some("19"));
        }
    }

    #[test]
    fn unknown_signer_and_tampering_are_untrusted() {
        let (key, cert) = signer();
        let (_, other) = signer();
        let msg = sign(Some(b"payload"), vec![], &key, &cert, Digest::Sha256, &[]).unwrap();
        let err = verify(&msg, &[&other]).unwrap_err();
        assert!(err.to_string().contains("not the CA's or RA's"), "{err}");
        // Flip one byte of the content: the digest no longer matches.
        let pos = msg.windows(7).position(|w| w == b"payload").unwrap();
        let mut tampered = msg.clone();
        tampered[pos] ^= 1;
        let err = verify(&tampered, &[&cert]).unwrap_err();
        assert!(matches!(err, Error::Untrusted(_)), "{err}");
        // A truncated message is untrusted, not a panic.
        assert!(matches!(
            verify(&msg[..msg.len() / 2], &[&cert]),
            Err(Error::Untrusted(_))
        ));
    }

    #[test]
    fn a_signer_with_a_32_octet_serial_is_found() {
        let key = PrivateKey::generate_rsa(2048).unwrap();
        let cert = crate::pki::cert::long_serial_cert(&key, "certmonger");
        let (_, other) = signer();
        let msg = sign(Some(b"req"), vec![], &key, &cert, Digest::Sha256, &[]).unwrap();
        let verified = verify(&msg, &[&other, &cert]).unwrap();
        assert_eq!(verified.signer, cert);
        assert_eq!(certificates_only(&msg).unwrap(), vec![cert]);
    }

    #[test]
    fn degenerate_round_trip() {
        let (_, a) = signer();
        let (_, b) = signer();
        let bundle = degenerate(&[&a, &b]).unwrap();
        let certs = certificates_only(&bundle).unwrap();
        assert_eq!(certs.len(), 2);
        assert!(certs.contains(&a) && certs.contains(&b));
        // Read in the order they come: swap them in the encoding (a SET in DER order).
        let (first, second) = (to_der_of(&certs[0]), to_der_of(&certs[1]));
        let at = |c: &[u8]| bundle.windows(c.len()).position(|w| w == c).unwrap();
        let (p, q) = (at(&first), at(&second));
        assert!(p < q);
        let mut swapped = bundle[..p].to_vec();
        swapped.extend_from_slice(&second);
        swapped.extend_from_slice(&first);
        swapped.extend_from_slice(&bundle[q + second.len()..]);
        let reread = certificates_only(&swapped).unwrap();
        assert_eq!(reread, vec![certs[1].clone(), certs[0].clone()]);
    }

    fn to_der_of(cert: &Certificate) -> Vec<u8> {
        cert.to_der().unwrap()
    }
}
