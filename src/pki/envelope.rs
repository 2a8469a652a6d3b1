//! CMS EnvelopedData (RFC 5652 section 6) with RSA key transport: encrypting a request to the
//! CA or RA, and opening a reply encrypted to our key.
//!
//! The `cms` crate builds AES envelopes but neither 3DES nor DES ones, and cannot decrypt at
//! all; SCEP servers still use both (micromdm encrypts every reply with single DES), so both
//! directions live here for all five ciphers.

use super::Certificate;
use cbc::cipher::block_padding::Pkcs7;
use cbc::cipher::{BlockModeDecrypt, BlockModeEncrypt, KeyIvInit};
use cms::content_info::{CmsVersion, ContentInfo};
use cms::enveloped_data::EncryptedContentInfo;
use const_oid::ObjectIdentifier;
use const_oid::db::{rfc5911, rfc5912};
use der::asn1::OctetString;
use der::{Any, Decode};
use spki::AlgorithmIdentifierOwned;
use zeroize::Zeroizing;

use super::ber::Node;
use super::cms_raw::{CertificateId, EnvelopedData, KeyTransRecipientInfo, SetInOrder};
use super::key::{PrivateKey, encrypt_key_transport};
use crate::{Error, Result};

/// A content-encryption algorithm (all in CBC mode).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Cipher {
    /// AES-128-CBC: what the SCEP "AES" capability means.
    Aes128,
    /// AES-192-CBC.
    Aes192,
    /// AES-256-CBC.
    Aes256,
    /// DES-EDE3-CBC (triple DES).
    Des3,
    /// Single DES-CBC: weak, only for servers that know nothing else.
    Des,
}

const DES_EDE3_CBC: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.3.7");
const DES_CBC: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.14.3.2.7");

impl Cipher {
    /// All ciphers, strongest first.
    pub const ALL: [Cipher; 5] = [
        Cipher::Aes256,
        Cipher::Aes192,
        Cipher::Aes128,
        Cipher::Des3,
        Cipher::Des,
    ];

    /// The name users write.
    pub fn name(self) -> &'static str {
        match self {
            Cipher::Aes128 => "aes128",
            Cipher::Aes192 => "aes192",
            Cipher::Aes256 => "aes256",
            Cipher::Des3 => "des3",
            Cipher::Des => "des",
        }
    }

    /// The algorithm OID.
    pub fn oid(self) -> ObjectIdentifier {
        match self {
            Cipher::Aes128 => rfc5911::ID_AES_128_CBC,
            Cipher::Aes192 => rfc5911::ID_AES_192_CBC,
            Cipher::Aes256 => rfc5911::ID_AES_256_CBC,
            Cipher::Des3 => DES_EDE3_CBC,
            Cipher::Des => DES_CBC,
        }
    }

    /// The cipher an OID names.
    pub fn from_oid(oid: &ObjectIdentifier) -> Option<Cipher> {
        Cipher::ALL.into_iter().find(|c| c.oid() == *oid)
    }

    fn key_len(self) -> usize {
        match self {
            Cipher::Aes128 => 16,
            Cipher::Aes192 => 24,
            Cipher::Aes256 => 32,
            Cipher::Des3 => 24,
            Cipher::Des => 8,
        }
    }

    fn iv_len(self) -> usize {
        match self {
            Cipher::Aes128 | Cipher::Aes192 | Cipher::Aes256 => 16,
            Cipher::Des3 | Cipher::Des => 8,
        }
    }

    pub(crate) fn encrypt(self, key: &[u8], iv: &[u8], plain: &[u8]) -> Result<Vec<u8>> {
        fn run<C: BlockModeEncrypt + KeyIvInit>(
            key: &[u8],
            iv: &[u8],
            plain: &[u8],
        ) -> Result<Vec<u8>> {
            let mode = C::new_from_slices(key, iv)
                .map_err(|_| Error::Crypto("bad key or IV length".into()))?;
            Ok(mode.encrypt_padded_vec::<Pkcs7>(plain))
        }
        match self {
            Cipher::Aes128 => run::<cbc::Encryptor<aes::Aes128>>(key, iv, plain),
            Cipher::Aes192 => run::<cbc::Encryptor<aes::Aes192>>(key, iv, plain),
            Cipher::Aes256 => run::<cbc::Encryptor<aes::Aes256>>(key, iv, plain),
            Cipher::Des3 => run::<cbc::Encryptor<des::TdesEde3>>(key, iv, plain),
            Cipher::Des => run::<cbc::Encryptor<des::Des>>(key, iv, plain),
        }
    }

    fn decrypt(self, key: &[u8], iv: &[u8], data: &[u8]) -> Result<Zeroizing<Vec<u8>>> {
        fn run<C: BlockModeDecrypt + KeyIvInit>(
            key: &[u8],
            iv: &[u8],
            data: &[u8],
        ) -> Result<Zeroizing<Vec<u8>>> {
            let mode = C::new_from_slices(key, iv).map_err(|_| {
                Error::Untrusted("the reply's content key or IV has the wrong length".into())
            })?;
            mode.decrypt_padded_vec::<Pkcs7>(data)
                .map(Zeroizing::new)
                .map_err(|_| {
                    Error::Untrusted("the reply's content does not decrypt (bad padding)".into())
                })
        }
        match self {
            Cipher::Aes128 => run::<cbc::Decryptor<aes::Aes128>>(key, iv, data),
            Cipher::Aes192 => run::<cbc::Decryptor<aes::Aes192>>(key, iv, data),
            Cipher::Aes256 => run::<cbc::Decryptor<aes::Aes256>>(key, iv, data),
            Cipher::Des3 => run::<cbc::Decryptor<des::TdesEde3>>(key, iv, data),
            Cipher::Des => run::<cbc::Decryptor<des::Des>>(key, iv, data),
        }
    }
}

impl std::str::FromStr for Cipher {
    type Err = String;

    fn from_str(s: &str) -> std::result::Result<Self, Self::Err> {
        let wanted = s.to_ascii_lowercase().replace(['-', '_'], "");
        let wanted = match wanted.as_str() {
            "aes" => "aes128",
            "3des" | "tripledes" | "desede3" => "des3",
            other => other,
        };
        Cipher::ALL
            .into_iter()
            .find(|c| c.name() == wanted)
            .ok_or_else(|| format!("unknown cipher '{s}': use aes128, aes192, aes256, des3 or des"))
    }
}

fn encoding(e: der::Error) -> Error {
    Error::Crypto(format!("encoding a CMS envelope failed: {e}"))
}

fn malformed(what: impl std::fmt::Display) -> Error {
    Error::Untrusted(format!("malformed envelope: {what}"))
}

/// Set the odd-parity bit of each DES key byte, as FIPS 46-3 defines the key.
fn set_des_parity(key: &mut [u8]) {
    for byte in key {
        let high = *byte & 0xfe;
        *byte = high | u8::from(high.count_ones() % 2 == 0);
    }
}

/// Encrypt `content` to `recipient`'s RSA key with `cipher`; returns a ContentInfo in DER.
pub fn envelope(content: &[u8], recipient: &Certificate, cipher: Cipher) -> Result<Vec<u8>> {
    Sealer::new(recipient, cipher)?.seal(content)
}

/// An envelope's key, made and encrypted to the recipient before the content is known: the
/// RSA encryption is most of an envelope's time (0.2 ms to a 4096-bit key), and a client can do
/// it while it still waits for the request it will seal. Used once: sealing consumes it.
pub struct Sealer {
    cipher: Cipher,
    cek: Zeroizing<Vec<u8>>,
    recipient: KeyTransRecipientInfo,
}

impl Sealer {
    /// A fresh content-encryption key for `cipher`, encrypted to `recipient`'s RSA key.
    pub fn new(recipient: &Certificate, cipher: Cipher) -> Result<Sealer> {
        let mut cek = Zeroizing::new(super::random_bytes::<32>()?[..cipher.key_len()].to_vec());
        if matches!(cipher, Cipher::Des | Cipher::Des3) {
            set_des_parity(&mut cek);
        }
        let enc_key =
            encrypt_key_transport(recipient.tbs_certificate().subject_public_key_info(), &cek)?;
        let recipient = KeyTransRecipientInfo {
            version: CmsVersion::V0,
            rid: CertificateId::of(recipient),
            key_enc_alg: AlgorithmIdentifierOwned {
                oid: rfc5912::RSA_ENCRYPTION,
                parameters: Some(der::asn1::Null.into()),
            },
            enc_key: OctetString::new(enc_key).map_err(encoding)?,
        };
        Ok(Sealer {
            cipher,
            cek,
            recipient,
        })
    }

    /// Whether this key was made for `recipient` and `cipher`.
    pub fn is_for(&self, recipient: &Certificate, cipher: Cipher) -> bool {
        self.cipher == cipher && self.recipient.rid.names(recipient)
    }

    /// Encrypt `content` (with a fresh IV) and wrap it: a ContentInfo in DER.
    pub fn seal(self, content: &[u8]) -> Result<Vec<u8>> {
        let iv = super::random_bytes::<16>()?[..self.cipher.iv_len()].to_vec();
        let encrypted = self.cipher.encrypt(&self.cek, &iv, content)?;
        let enveloped = EnvelopedData {
            version: CmsVersion::V0,
            originator_info: None,
            recip_infos: SetInOrder(vec![self.recipient]),
            encrypted_content: EncryptedContentInfo {
                content_type: rfc5911::ID_DATA,
                content_enc_alg: AlgorithmIdentifierOwned {
                    oid: self.cipher.oid(),
                    parameters: Some(
                        Any::encode_from(&OctetString::new(iv).map_err(encoding)?)
                            .map_err(encoding)?,
                    ),
                },
                encrypted_content: Some(OctetString::new(encrypted).map_err(encoding)?),
            },
            unprotected_attrs: None,
        };
        super::signed::wrap(rfc5911::ID_ENVELOPED_DATA, &enveloped)
    }
}

/// Re-encode a BER EnvelopedData ContentInfo as DER that `cms` accepts: besides the generic
/// BER fixes, a segmented `encryptedContent [0] IMPLICIT OCTET STRING` is joined.
fn normalize(bytes: &[u8]) -> Result<Vec<u8>> {
    let mut root = Node::parse(bytes)?;
    let enveloped = root
        .children_mut()
        .and_then(|c| c.get_mut(1))
        .and_then(|explicit| explicit.children_mut())
        .and_then(|c| c.get_mut(0))
        .and_then(|seq| seq.children_mut())
        .ok_or_else(|| malformed("not an EnvelopedData"))?;
    // version, [0] originatorInfo?, recipientInfos SET, encryptedContentInfo SEQUENCE, ...
    let set_pos = enveloped
        .iter()
        .position(|n| n.tag == [0x31])
        .ok_or_else(|| malformed("no recipientInfos"))?;
    let eci = enveloped
        .get_mut(set_pos + 1)
        .and_then(|n| n.children_mut())
        .ok_or_else(|| malformed("no encryptedContentInfo"))?;
    if let Some(content) = eci.get_mut(2)
        && content.tag == [0xa0]
    {
        content.flatten_implicit()?;
    }
    Ok(root.to_der())
}

/// Open an envelope encrypted to `key` (whose certificate is `our_cert`); returns the content
/// and the cipher it was encrypted with.
pub fn open(
    bytes: &[u8],
    key: &PrivateKey,
    our_cert: &Certificate,
) -> Result<(Zeroizing<Vec<u8>>, Cipher)> {
    let der = normalize(bytes)?;
    let info = ContentInfo::from_der(&der).map_err(malformed)?;
    if info.content_type != rfc5911::ID_ENVELOPED_DATA {
        return Err(malformed(format!(
            "expected EnvelopedData, got content type {}",
            info.content_type
        )));
    }
    let enveloped = info
        .content
        .decode_as::<EnvelopedData>()
        .map_err(malformed)?;
    let ktris: &[KeyTransRecipientInfo] = &enveloped.recip_infos.0;
    // Prefer the recipient info addressed to our certificate; a lone one is tried as it is
    // (some servers address the issued certificate instead of our self-signed one).
    let ktri = ktris
        .iter()
        .find(|k| k.rid.names(our_cert))
        .or_else(|| (ktris.len() == 1).then(|| &ktris[0]))
        .ok_or_else(|| Error::Untrusted("the reply is not encrypted to our key".into()))?;
    // A key block encrypted to another key decrypts (implicit rejection) to a pseudorandom
    // key: its wrong length, or the content's bad padding, is how that shows.
    let cek = key.decrypt_key_transport(ktri.enc_key.as_bytes())?;
    let not_ours = || {
        Error::Untrusted("the reply's encrypted key does not decrypt with our private key".into())
    };
    let eci = &enveloped.encrypted_content;
    let cipher = Cipher::from_oid(&eci.content_enc_alg.oid).ok_or_else(|| {
        Error::Untrusted(format!(
            "the reply is encrypted with unsupported algorithm {}",
            eci.content_enc_alg.oid
        ))
    })?;
    if cek.len() != cipher.key_len() {
        return Err(not_ours());
    }
    let iv = eci
        .content_enc_alg
        .parameters
        .as_ref()
        .and_then(|p| p.decode_as::<OctetString>().ok())
        .ok_or_else(|| malformed("no IV"))?;
    let data = eci
        .encrypted_content
        .as_ref()
        .ok_or_else(|| malformed("no encrypted content"))?;
    let content = cipher
        .decrypt(&cek, iv.as_bytes(), data.as_bytes())
        .map_err(|_| not_ours())?;
    Ok((content, cipher))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pki::cert::{NameAttr, build_name, self_signed};
    use crate::pki::digest::Digest;

    #[test]
    fn every_cipher_round_trips() {
        let key = PrivateKey::generate_rsa(2048).unwrap();
        let name = build_name(&[(NameAttr::CommonName, "r".into())]).unwrap();
        let cert = self_signed(&key, &name, Digest::Sha256).unwrap();
        for cipher in Cipher::ALL {
            let env = envelope(b"secret request", &cert, cipher).unwrap();
            assert_eq!(
                &open(&env, &key, &cert).unwrap().0[..],
                b"secret request",
                "{cipher:?}"
            );
        }
    }

    #[test]
    fn a_recipient_with_a_32_octet_serial_is_found() {
        let key = PrivateKey::generate_rsa(2048).unwrap();
        let cert = crate::pki::cert::long_serial_cert(&key, "sscep");
        let env = envelope(b"for sscep", &cert, Cipher::Des3).unwrap();
        assert_eq!(&open(&env, &key, &cert).unwrap().0[..], b"for sscep");
        let sealer = Sealer::new(&cert, Cipher::Aes128).unwrap();
        assert!(sealer.is_for(&cert, Cipher::Aes128));
    }

    #[test]
    fn segmented_encrypted_content_is_accepted() {
        // Rebuild an envelope the way Go's pkcs7 writes it: encryptedContent as a constructed
        // [0] holding an OCTET STRING, and indefinite lengths on the outer layers.
        let key = PrivateKey::generate_rsa(2048).unwrap();
        let name = build_name(&[(NameAttr::CommonName, "r".into())]).unwrap();
        let cert = self_signed(&key, &name, Digest::Sha256).unwrap();
        let env = envelope(b"ber please", &cert, Cipher::Des).unwrap();
        let mut root = Node::parse(&env).unwrap();
        {
            let ed = root.children_mut().unwrap()[1].children_mut().unwrap()[0]
                .children_mut()
                .unwrap();
            let eci = ed[2].children_mut().unwrap();
            let super::super::ber::Content::Primitive(bytes) = eci[2].content.clone() else {
                panic!("expected primitive");
            };
            let (a, b) = bytes.split_at(bytes.len() / 2);
            eci[2] = Node {
                tag: vec![0xa0],
                content: super::super::ber::Content::Constructed(vec![
                    Node {
                        tag: vec![0x04],
                        content: super::super::ber::Content::Primitive(a.to_vec()),
                    },
                    Node {
                        tag: vec![0x04],
                        content: super::super::ber::Content::Primitive(b.to_vec()),
                    },
                ]),
            };
        }
        let segmented = root.to_der();
        // Turn the outermost SEQUENCE into indefinite-length BER.
        let inner = &segmented[2 + (segmented[1] as usize & 0x7f)..];
        let mut ber = vec![0x30, 0x80];
        ber.extend_from_slice(inner);
        ber.extend_from_slice(&[0, 0]);
        assert_eq!(&open(&ber, &key, &cert).unwrap().0[..], b"ber please");
    }

    #[test]
    fn wrong_key_is_untrusted() {
        let key = PrivateKey::generate_rsa(2048).unwrap();
        let other = PrivateKey::generate_rsa(2048).unwrap();
        let name = build_name(&[(NameAttr::CommonName, "r".into())]).unwrap();
        let cert = self_signed(&key, &name, Digest::Sha256).unwrap();
        let env = envelope(b"x", &cert, Cipher::Aes128).unwrap();
        for _ in 0..20 {
            let err = open(&env, &other, &cert).unwrap_err();
            assert!(
                err.to_string()
                    .contains("does not decrypt with our private key"),
                "{err}"
            );
        }
    }

    #[test]
    fn a_sealer_made_ahead_is_for_its_recipient_and_cipher_only() {
        let key = PrivateKey::generate_rsa(2048).unwrap();
        let name = build_name(&[(NameAttr::CommonName, "ra".into())]).unwrap();
        let cert = self_signed(&key, &name, Digest::Sha256).unwrap();
        let other = self_signed(&key, &name, Digest::Sha256).unwrap(); // another serial
        let sealer = Sealer::new(&cert, Cipher::Aes128).unwrap();
        assert!(sealer.is_for(&cert, Cipher::Aes128));
        assert!(!sealer.is_for(&other, Cipher::Aes128));
        assert!(!sealer.is_for(&cert, Cipher::Des3));
        // Sealed later, it opens like an envelope made at once.
        let env = sealer.seal(b"made ahead").unwrap();
        assert_eq!(&open(&env, &key, &cert).unwrap().0[..], b"made ahead");
    }

    #[test]
    fn des_parity_is_odd() {
        let mut key = [0u8, 1, 2, 3, 0xfe, 0xff, 0x10, 0x11];
        set_des_parity(&mut key);
        assert!(key.iter().all(|b| b.count_ones() % 2 == 1));
    }
}
