//! The CMS structures (RFC 5652) that hold certificates, CRLs or serial numbers, declared here
//! with x509-cert's raw profile (see [`super::Certificate`]).
//!
//! The `cms` crate's own SignedData, SignerInfo, EnvelopedData and IssuerAndSerialNumber are
//! fixed to the RFC 5280 profile, so a message signed by an sscep or certmonger request
//! certificate (32-octet serial) or carrying a CA certificate with a long serial cannot even be
//! decoded with them, nor can a reply be addressed to such a certificate. The structures that
//! hold neither (ContentInfo, EncapsulatedContentInfo, EncryptedContentInfo, attributes) are the
//! crate's.
//!
//! A `SET OF` is kept in the order it arrived ([`SetInOrder`]): the `der` crate sorts sets when
//! it decodes them, which loses the order in which a server lists its certificates.

use cms::content_info::CmsVersion;
use cms::enveloped_data::EncryptedContentInfo;
use cms::signed_data::{EncapsulatedContentInfo, SignedAttributes, UnsignedAttributes};
use der::asn1::{OctetString, SetOfVec};
use der::{
    Any, Choice, Decode, DecodeValue, Encode, EncodeValue, FixedTag, Header, Length, Reader,
    Sequence, Tag, Writer,
};
use spki::AlgorithmIdentifierOwned;
use x509_cert::attr::Attributes;
use x509_cert::ext::pkix::SubjectKeyIdentifier;
use x509_cert::name::Name;

use super::{Certificate, CertificateList, SerialNumber};

/// `IssuerAndSerialNumber` (RFC 5652 section 10.2.4), with a serial number of any length.
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
pub struct IssuerAndSerialNumber {
    /// The issuer's name.
    pub issuer: Name,
    /// The certificate's serial number.
    pub serial_number: SerialNumber,
}

impl IssuerAndSerialNumber {
    /// The issuer and serial number of `cert`.
    pub fn of(cert: &Certificate) -> Self {
        IssuerAndSerialNumber {
            issuer: cert.tbs_certificate().issuer().clone(),
            serial_number: cert.tbs_certificate().serial_number().clone(),
        }
    }
}

/// How a signer or a recipient names its certificate: `SignerIdentifier` (section 5.3) and
/// `RecipientIdentifier` (section 6.2.1) are the same CHOICE.
#[derive(Clone, Debug, Eq, PartialEq, Choice)]
pub enum CertificateId {
    /// By issuer and serial number.
    IssuerAndSerialNumber(IssuerAndSerialNumber),
    /// By subject key identifier.
    #[asn1(context_specific = "0", tag_mode = "IMPLICIT")]
    SubjectKeyIdentifier(SubjectKeyIdentifier),
}

impl CertificateId {
    /// The identifier of `cert` by its issuer and serial number.
    pub fn of(cert: &Certificate) -> Self {
        CertificateId::IssuerAndSerialNumber(IssuerAndSerialNumber::of(cert))
    }

    /// Whether this names `cert`.
    pub fn names(&self, cert: &Certificate) -> bool {
        match self {
            CertificateId::IssuerAndSerialNumber(ias) => {
                cert.tbs_certificate().issuer() == &ias.issuer
                    && cert.tbs_certificate().serial_number() == &ias.serial_number
            }
            CertificateId::SubjectKeyIdentifier(ski) => matches!(
                cert.tbs_certificate().get_extension::<SubjectKeyIdentifier>(),
                Ok(Some((_, own))) if own == *ski
            ),
        }
    }

    /// The identifier for a person (the issuer name escaped: it comes from the network).
    pub fn describe(&self) -> String {
        match self {
            CertificateId::IssuerAndSerialNumber(ias) => format!(
                "issuer '{}', serial {}",
                crate::sanitize::escape_untrusted(&ias.issuer.to_string()),
                super::hex(ias.serial_number.as_bytes())
            ),
            CertificateId::SubjectKeyIdentifier(ski) => {
                format!("key identifier {}", super::hex(ski.0.as_bytes()))
            }
        }
    }
}

/// A `SET OF` a CHOICE, keeping the alternatives that are SEQUENCEs, in the order received.
///
/// That is a certificate in `CertificateChoices`, a CRL in `RevocationInfoChoices`, key
/// transport in `RecipientInfo` (the only alternatives SCEP and EST use; the others, tagged
/// `[n]`, are skipped), and every `SignerInfo`. Encoded in DER order.
#[derive(Clone, Debug, Eq, PartialEq)]
pub struct SetInOrder<T>(pub Vec<T>);

impl<T> Default for SetInOrder<T> {
    fn default() -> Self {
        SetInOrder(Vec::new())
    }
}

impl<T> FixedTag for SetInOrder<T> {
    const TAG: Tag = Tag::Set;
}

impl<'a, T: Decode<'a, Error = der::Error>> DecodeValue<'a> for SetInOrder<T> {
    type Error = der::Error;

    fn decode_value<R: Reader<'a>>(reader: &mut R, _header: Header) -> der::Result<Self> {
        let mut items = Vec::new();
        while !reader.is_finished() {
            if Tag::peek(reader)? == Tag::Sequence {
                items.push(T::decode(reader)?);
            } else {
                Any::decode(reader)?;
            }
        }
        Ok(SetInOrder(items))
    }
}

impl<T: Encode> SetInOrder<T> {
    /// Each element's encoding, in DER's order for a SET OF.
    fn sorted(&self) -> der::Result<Vec<Vec<u8>>> {
        let mut encoded = self
            .0
            .iter()
            .map(Encode::to_der)
            .collect::<der::Result<Vec<_>>>()?;
        encoded.sort();
        Ok(encoded)
    }
}

impl<T: Encode> EncodeValue for SetInOrder<T> {
    fn value_len(&self) -> der::Result<Length> {
        self.0
            .iter()
            .try_fold(Length::ZERO, |len, item| len + item.encoded_len()?)
    }

    fn encode_value(&self, writer: &mut impl Writer) -> der::Result<()> {
        for item in self.sorted()? {
            writer.write(&item)?;
        }
        Ok(())
    }
}

/// `SignedData` (RFC 5652 section 5.1).
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
pub struct SignedData {
    /// Syntax version.
    pub version: CmsVersion,
    /// The digest algorithms the signers used.
    pub digest_algorithms: SetOfVec<AlgorithmIdentifierOwned>,
    /// The content (absent in a certificates-only message).
    pub encap_content_info: EncapsulatedContentInfo,
    /// Certificates.
    #[asn1(
        context_specific = "0",
        tag_mode = "IMPLICIT",
        constructed = "true",
        optional = "true"
    )]
    pub certificates: Option<SetInOrder<Certificate>>,
    /// CRLs.
    #[asn1(
        context_specific = "1",
        tag_mode = "IMPLICIT",
        constructed = "true",
        optional = "true"
    )]
    pub crls: Option<SetInOrder<CertificateList>>,
    /// The signatures.
    pub signer_infos: SetInOrder<SignerInfo>,
}

/// `SignerInfo` (RFC 5652 section 5.3).
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
pub struct SignerInfo {
    /// Syntax version.
    pub version: CmsVersion,
    /// The signer's certificate.
    pub sid: CertificateId,
    /// The digest of the content and the signed attributes.
    pub digest_alg: AlgorithmIdentifierOwned,
    /// Signed attributes.
    #[asn1(
        context_specific = "0",
        tag_mode = "IMPLICIT",
        constructed = "true",
        optional = "true"
    )]
    pub signed_attrs: Option<SignedAttributes>,
    /// The signature algorithm.
    pub signature_algorithm: AlgorithmIdentifierOwned,
    /// The signature.
    pub signature: OctetString,
    /// Unsigned attributes.
    #[asn1(
        context_specific = "1",
        tag_mode = "IMPLICIT",
        constructed = "true",
        optional = "true"
    )]
    pub unsigned_attrs: Option<UnsignedAttributes>,
}

/// `EnvelopedData` (RFC 5652 section 6.1).
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
pub struct EnvelopedData {
    /// Syntax version.
    pub version: CmsVersion,
    /// Certificates and CRLs of the originator.
    #[asn1(
        context_specific = "0",
        tag_mode = "IMPLICIT",
        constructed = "true",
        optional = "true"
    )]
    pub originator_info: Option<OriginatorInfo>,
    /// The recipients that use key transport (the others are skipped).
    pub recip_infos: SetInOrder<KeyTransRecipientInfo>,
    /// The encrypted content.
    pub encrypted_content: EncryptedContentInfo,
    /// Unprotected attributes.
    #[asn1(
        context_specific = "1",
        tag_mode = "IMPLICIT",
        constructed = "true",
        optional = "true"
    )]
    pub unprotected_attrs: Option<Attributes>,
}

/// `OriginatorInfo` (RFC 5652 section 6.1).
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
pub struct OriginatorInfo {
    /// Certificates.
    #[asn1(
        context_specific = "0",
        tag_mode = "IMPLICIT",
        constructed = "true",
        optional = "true"
    )]
    pub certs: Option<SetInOrder<Certificate>>,
    /// CRLs.
    #[asn1(
        context_specific = "1",
        tag_mode = "IMPLICIT",
        constructed = "true",
        optional = "true"
    )]
    pub crls: Option<SetInOrder<CertificateList>>,
}

/// `KeyTransRecipientInfo` (RFC 5652 section 6.2.1).
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
pub struct KeyTransRecipientInfo {
    /// Syntax version.
    pub version: CmsVersion,
    /// The recipient's certificate.
    pub rid: CertificateId,
    /// The key transport algorithm.
    pub key_enc_alg: AlgorithmIdentifierOwned,
    /// The content-encryption key, encrypted to the recipient.
    pub enc_key: OctetString,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sets_keep_their_order_and_encode_sorted() {
        let ints = [3u8, 1, 2].map(|n| der::asn1::Int::new(&[n]).unwrap());
        // INTEGERs are not SEQUENCEs: a set of them is all skipped.
        let mut value = Vec::new();
        for i in &ints {
            i.encode_to_vec(&mut value).unwrap();
        }
        let set = [&[0x31, value.len() as u8][..], &value].concat();
        assert!(
            SetInOrder::<Certificate>::from_der(&set)
                .unwrap()
                .0
                .is_empty()
        );

        let seqs: Vec<Vec<der::asn1::Int>> = ints.iter().map(|i| vec![i.clone()]).collect();
        let mut value = Vec::new();
        for s in &seqs {
            s.encode_to_vec(&mut value).unwrap();
        }
        // An element tagged [1] (another CHOICE alternative) is skipped.
        value.extend_from_slice(&[0xa1, 0x00]);
        let set = [&[0x31, value.len() as u8][..], &value].concat();
        let decoded = SetInOrder::<Vec<der::asn1::Int>>::from_der(&set).unwrap();
        assert_eq!(decoded.0, seqs, "received order kept, [1] skipped");
        let sorted: Vec<Vec<der::asn1::Int>> = [1u8, 2, 3]
            .map(|n| vec![der::asn1::Int::new(&[n]).unwrap()])
            .into();
        let reencoded = SetInOrder::<Vec<der::asn1::Int>>::from_der(&decoded.to_der().unwrap());
        assert_eq!(reencoded.unwrap().0, sorted, "encoded in DER order");
    }
}
