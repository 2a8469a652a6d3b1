//! PKCS#12 (RFC 7292) bundles of a key, its certificate and the CA chain, for devices and web
//! UIs that import nothing else.
//!
//! The layout is what OpenSSL 3 writes and every importer reads: an authenticated safe of two
//! `data` contents, the certificates in clear (they are public) and the key in a
//! pkcs8ShroudedKeyBag (PBES2: PBKDF2-HMAC-SHA256, AES-256-CBC), then an HMAC-SHA256 over the
//! safe with the key from the PKCS#12 KDF (RFC 7292 appendix B). The `pkcs12` crate is a
//! prerelease tied to another `cms` prerelease and has no builder, so the few structures are
//! here.

use super::Certificate;
use const_oid::ObjectIdentifier;
use der::asn1::{Any, BmpString, OctetString, SetOfVec};
use der::{Encode, Sequence};
use hmac::{KeyInit, Mac};
use sha2::Digest as _;
use spki::AlgorithmIdentifierOwned;
use x509_cert::attr::Attribute;
use zeroize::Zeroizing;

use super::key::PrivateKey;
use crate::{Error, Result};

/// PBKDF2 and MAC iterations. OpenSSL 3's default; devices import bundles with it.
pub const ITERATIONS: u32 = 2048;

const DATA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.1");
const SHROUDED_KEY_BAG: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.840.113549.1.12.10.1.2");
const CERT_BAG: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.12.10.1.3");
const X509_CERTIFICATE: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.22.1");
const FRIENDLY_NAME: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.20");
const LOCAL_KEY_ID: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.21");
const SHA256: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.1");

/// ContentInfo of type `data`: the content is an OCTET STRING.
#[derive(Sequence)]
struct DataContentInfo {
    content_type: ObjectIdentifier,
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT")]
    content: OctetString,
}

#[derive(Sequence)]
struct SafeBag {
    bag_id: ObjectIdentifier,
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT")]
    value: Any,
    attributes: SetOfVec<Attribute>,
}

#[derive(Sequence)]
struct CertBag {
    cert_id: ObjectIdentifier,
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT")]
    value: OctetString,
}

#[derive(Sequence)]
struct DigestInfo {
    algorithm: AlgorithmIdentifierOwned,
    digest: OctetString,
}

#[derive(Sequence)]
struct MacData {
    mac: DigestInfo,
    salt: OctetString,
    iterations: u32,
}

#[derive(Sequence)]
struct Pfx {
    version: u8,
    auth_safe: DataContentInfo,
    mac_data: MacData,
}

fn encoding(what: &str, e: impl std::fmt::Display) -> Error {
    Error::Crypto(format!("building the PKCS#12 bundle failed ({what}): {e}"))
}

fn attribute(oid: ObjectIdentifier, value: Any) -> Result<Attribute> {
    let values = SetOfVec::try_from(vec![value]).map_err(|e| encoding("attribute", e))?;
    Ok(Attribute { oid, values })
}

/// `data` ContentInfo around the DER of `inner`.
fn data(inner: &impl Encode) -> Result<DataContentInfo> {
    let der = inner.to_der().map_err(|e| encoding("content", e))?;
    Ok(DataContentInfo {
        content_type: DATA,
        content: OctetString::new(der).map_err(|e| encoding("content", e))?,
    })
}

/// A PKCS#12 bundle: `key` with `cert` (which carries the bag attributes that tie it to the
/// key) and the `chain`, protected by `passphrase`.
pub fn build(
    key: &PrivateKey,
    cert: &Certificate,
    chain: &[&Certificate],
    passphrase: &str,
    friendly_name: Option<&str>,
) -> Result<Vec<u8>> {
    if passphrase.is_empty() {
        return Err(Error::Invalid(
            "the PKCS#12 passphrase is empty; give one (many importers refuse empty ones)".into(),
        ));
    }
    let cert_der = cert.to_der().map_err(|e| encoding("certificate", e))?;
    let local_key_id: [u8; 20] = sha1::Sha1::digest(&cert_der).into();

    // Attributes shared by the key and its certificate.
    let mut attributes = vec![attribute(
        LOCAL_KEY_ID,
        Any::encode_from(&OctetString::new(local_key_id.to_vec()).map_err(|e| encoding("id", e))?)
            .map_err(|e| encoding("id", e))?,
    )?];
    if let Some(name) = friendly_name {
        let name = BmpString::from_utf8(name).map_err(|e| encoding("friendly name", e))?;
        attributes.push(attribute(
            FRIENDLY_NAME,
            Any::encode_from(&name).map_err(|e| encoding("friendly name", e))?,
        )?);
    }
    let attributes = SetOfVec::try_from(attributes).map_err(|e| encoding("attributes", e))?;

    let cert_bag = |der: Vec<u8>, attributes: SetOfVec<Attribute>| -> Result<SafeBag> {
        let bag = CertBag {
            cert_id: X509_CERTIFICATE,
            value: OctetString::new(der).map_err(|e| encoding("certificate", e))?,
        };
        Ok(SafeBag {
            bag_id: CERT_BAG,
            value: Any::encode_from(&bag).map_err(|e| encoding("certificate", e))?,
            attributes,
        })
    };
    let mut cert_bags = vec![cert_bag(cert_der, attributes.clone())?];
    for ca in chain {
        let der = ca.to_der().map_err(|e| encoding("chain", e))?;
        cert_bags.push(cert_bag(der, SetOfVec::new())?);
    }

    let shrouded = shroud(key, passphrase)?;
    let key_bag = SafeBag {
        bag_id: SHROUDED_KEY_BAG,
        value: Any::encode_from(&shrouded).map_err(|e| encoding("key", e))?,
        attributes,
    };

    let authenticated_safe = vec![data(&cert_bags)?, data(&vec![key_bag])?];
    let auth_safe = data(&authenticated_safe)?;

    let mac_salt = super::random_bytes::<16>()?;
    let mac_key = kdf_sha256(passphrase, &mac_salt, 3, ITERATIONS);
    let mut hmac =
        hmac::Hmac::<sha2::Sha256>::new_from_slice(&mac_key[..]).map_err(|e| encoding("MAC", e))?;
    hmac.update(auth_safe.content.as_bytes());
    let mac = hmac.finalize().into_bytes().to_vec();

    Pfx {
        version: 3,
        auth_safe,
        mac_data: MacData {
            mac: DigestInfo {
                algorithm: AlgorithmIdentifierOwned {
                    oid: SHA256,
                    parameters: Some(Any::null()),
                },
                digest: OctetString::new(mac).map_err(|e| encoding("MAC", e))?,
            },
            salt: OctetString::new(mac_salt.to_vec()).map_err(|e| encoding("MAC", e))?,
            iterations: ITERATIONS,
        },
    }
    .to_der()
    .map_err(|e| encoding("PFX", e))
}

/// EncryptedPrivateKeyInfo (RFC 5958): the PKCS#8 key encrypted with PBES2.
#[derive(Sequence)]
struct EncryptedPrivateKeyInfo {
    algorithm: AlgorithmIdentifierOwned,
    data: OctetString,
}

/// The key as a PKCS#8 shrouded key: PBES2 with PBKDF2-HMAC-SHA256 and AES-256-CBC (RFC 8018),
/// what OpenSSL 3 writes. Built here from the `pkcs5` types; the `pkcs5` encryption feature
/// would link scrypt and AES-GCM into every binary for this one use.
fn shroud(key: &PrivateKey, passphrase: &str) -> Result<EncryptedPrivateKeyInfo> {
    use pkcs5::pbes2;
    let salt = super::random_bytes::<16>()?;
    let iv = super::random_bytes::<16>()?;
    let params = pbes2::Parameters {
        kdf: pbes2::Pbkdf2Params::hmac_sha256(ITERATIONS, &salt)
            .map_err(|e| encoding("key encryption", e))?
            .into(),
        encryption: pbes2::EncryptionScheme::Aes256Cbc { iv },
    };
    let mut secret = Zeroizing::new([0u8; 32]);
    pbkdf2::pbkdf2_hmac::<sha2::Sha256>(passphrase.as_bytes(), &salt, ITERATIONS, &mut secret[..]);
    let data = super::envelope::Cipher::Aes256.encrypt(&secret[..], &iv, &key.to_der()?)?;
    Ok(EncryptedPrivateKeyInfo {
        algorithm: AlgorithmIdentifierOwned {
            oid: pbes2::PBES2_OID,
            parameters: Some(Any::encode_from(&params).map_err(|e| encoding("key encryption", e))?),
        },
        data: OctetString::new(data).map_err(|e| encoding("key encryption", e))?,
    })
}

/// The PKCS#12 key derivation (RFC 7292 B.2) with SHA-256, for 32 bytes of key material:
/// `id` 1 for encryption keys, 2 for IVs, 3 for MAC keys. The password is a BMPString with its
/// terminating NUL.
fn kdf_sha256(password: &str, salt: &[u8], id: u8, iterations: u32) -> Zeroizing<[u8; 32]> {
    const V: usize = 64; // SHA-256 block size
    let mut password_bmp = Zeroizing::new(Vec::with_capacity(password.len() * 2 + 2));
    for unit in password.encode_utf16() {
        password_bmp.extend_from_slice(&unit.to_be_bytes());
    }
    password_bmp.extend_from_slice(&[0, 0]);
    let fill = |bytes: &[u8]| -> Vec<u8> {
        let len = bytes.len().div_ceil(V) * V;
        bytes.iter().copied().cycle().take(len).collect()
    };
    let mut input = Zeroizing::new(fill(salt));
    input.extend_from_slice(&fill(&password_bmp));

    // 32 bytes are one SHA-256 output, so one round of the KDF gives all of them.
    let mut hash = sha2::Sha256::new();
    hash.update([id; V]);
    hash.update(&input[..]);
    let mut a: [u8; 32] = hash.finalize().into();
    for _ in 1..iterations {
        a = sha2::Sha256::digest(a).into();
    }
    Zeroizing::new(a)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pki::cert;
    use der::Decode;

    /// The MAC of a bundle OpenSSL 3 wrote (`openssl pkcs12 -export -nokeys -macalg sha256
    /// -iter 2048 -passout pass:secret`) is what our KDF and HMAC compute over its safe.
    #[test]
    fn mac_key_matches_openssl() {
        let pfx = Pfx::from_der(include_bytes!("../../tests/data/openssl-sha256-mac.p12")).unwrap();
        assert_eq!(pfx.mac_data.mac.algorithm.oid, SHA256);
        let mac = |passphrase: &str| {
            let key = kdf_sha256(
                passphrase,
                pfx.mac_data.salt.as_bytes(),
                3,
                pfx.mac_data.iterations,
            );
            let mut hmac = hmac::Hmac::<sha2::Sha256>::new_from_slice(&key[..]).unwrap();
            hmac.update(pfx.auth_safe.content.as_bytes());
            hmac.finalize().into_bytes().to_vec()
        };
        assert_eq!(mac("secret"), pfx.mac_data.mac.digest.as_bytes());
        assert_ne!(mac("Secret"), pfx.mac_data.mac.digest.as_bytes());
    }

    #[test]
    fn empty_passphrase_is_refused() {
        let key = PrivateKey::generate_rsa(2048).unwrap();
        let name = cert::build_name(&[(cert::NameAttr::CommonName, "t".into())]).unwrap();
        let cert = cert::self_signed(&key, &name, crate::pki::digest::Digest::Sha256).unwrap();
        let err = build(&key, &cert, &[], "", None).unwrap_err();
        assert!(err.to_string().contains("passphrase is empty"), "{err}");
    }
}
