//! Private keys: generation, loading (PKCS#8 or PKCS#1, PEM or DER), encoding, signing and
//! key-transport decryption.
//!
//! SCEP needs RSA (the CA encrypts to our key), so RSA is what this holds today.
//!
//! About RUSTSEC-2023-0071 (the Marvin timing attack on RSA decryption in the `rsa` crate): the
//! only decryption certenroll does is of the content-encryption key in a CA's reply, with
//! blinding, once per enrollment, in a short-lived process; an attacker cannot make it decrypt
//! chosen ciphertexts at the rate the attack needs. Signing is not affected.

use der::{Decode, Encode};
use rsa::pkcs1::DecodeRsaPrivateKey;
use rsa::pkcs1v15::Pkcs1v15Encrypt;
use rsa::pkcs8::{DecodePrivateKey, EncodePrivateKey, EncodePublicKey};
use rsa::rand_core::UnwrapErr;
use rsa::traits::PublicKeyParts;
use rsa::{BoxedUint, Pkcs1v15Sign, RsaPrivateKey, RsaPublicKey};
use spki::{AlgorithmIdentifierOwned, SubjectPublicKeyInfoOwned};
use zeroize::Zeroizing;

use super::digest::Digest;
use crate::{Error, Result};

/// RSA key sizes certenroll generates.
pub const RSA_BITS: [usize; 3] = [2048, 3072, 4096];

/// An RSA private key.
#[derive(Clone)]
pub struct PrivateKey {
    rsa: RsaPrivateKey,
}

impl std::fmt::Debug for PrivateKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "PrivateKey(RSA {} bits, redacted)", self.bits())
    }
}

/// The PKCS#1 v1.5 signature scheme (DigestInfo prefix) for `digest`.
fn pkcs1v15_scheme(digest: Digest) -> Pkcs1v15Sign {
    match digest {
        Digest::Sha1 => Pkcs1v15Sign::new::<sha1::Sha1>(),
        Digest::Sha256 => Pkcs1v15Sign::new::<sha2::Sha256>(),
        Digest::Sha384 => Pkcs1v15Sign::new::<sha2::Sha384>(),
        Digest::Sha512 => Pkcs1v15Sign::new::<sha2::Sha512>(),
    }
}

/// The public exponent of generated keys.
const RSA_EXPONENT: u64 = 65_537;

/// A random prime of exactly `bits` bits with the top two bits set.
fn generate_prime(bits: u32) -> BoxedUint {
    use crypto_primes::hazmat::{SetBits, SmallFactorsSieveFactory};
    use crypto_primes::{Flavor, is_prime, sieve_and_find};
    // Both only fail for bit lengths far below the sizes `generate_rsa` accepts.
    let factory = SmallFactorsSieveFactory::new(Flavor::Any, bits, SetBits::TwoMsb)
        .expect("a sieve for RSA-sized primes");
    sieve_and_find(&mut sys_rng(), factory, |_rng, candidate| {
        is_prime(Flavor::Any, candidate)
    })
    .expect("random candidates for RSA-sized primes")
    .expect("a prime is found eventually")
}

fn sys_rng() -> UnwrapErr<getrandom::SysRng> {
    UnwrapErr(getrandom::SysRng)
}

impl PrivateKey {
    /// Generate a new RSA key of `bits` bits (2048, 3072 or 4096), e = 65537.
    ///
    /// The two primes are searched for on two threads at once. It is the `rsa` crate's own
    /// algorithm (crypto-primes' sieve, then a BPSW test, on candidates with the two top bits
    /// set so that n has exactly `bits` bits), but the crate finds p and then q, and prime
    /// search is most of the time: this halves the wait on a device with two cores.
    pub fn generate_rsa(bits: usize) -> Result<Self> {
        if !RSA_BITS.contains(&bits) {
            return Err(Error::Invalid(format!(
                "RSA key size {bits} is not supported: use 2048, 3072 or 4096"
            )));
        }
        let half = (bits / 2) as u32;
        loop {
            let (p, q) = std::thread::scope(|scope| {
                let other = scope.spawn(|| generate_prime(half));
                let q = generate_prime(half);
                (other.join(), q)
            });
            let p = p.map_err(|_| Error::Crypto("the prime search thread failed".into()))?;
            if p == q {
                continue;
            }
            // Fails when e is not invertible modulo λ(n): then start over, as the crate does.
            let Ok(rsa) = RsaPrivateKey::from_p_q(p, q, BoxedUint::from(RSA_EXPONENT)) else {
                continue;
            };
            if rsa.size() * 8 == bits {
                return Ok(PrivateKey { rsa });
            }
        }
    }

    /// Load a key from PEM (`PRIVATE KEY` or `RSA PRIVATE KEY`) or DER (PKCS#8 or PKCS#1).
    pub fn from_bytes(bytes: &[u8]) -> Result<Self> {
        let rsa = if let Ok(text) = std::str::from_utf8(bytes) {
            if text.contains("ENCRYPTED PRIVATE KEY") {
                return Err(Error::Invalid(
                    "the key file is encrypted; decrypt it first (openssl pkey -in KEY -out PLAIN)"
                        .into(),
                ));
            }
            if text.contains("-----BEGIN") {
                RsaPrivateKey::from_pkcs8_pem(text)
                    .or_else(|_| RsaPrivateKey::from_pkcs1_pem(text))
                    .map_err(|_| {
                        Error::Invalid(
                            "the key file holds no RSA private key in PEM (PKCS#8 or PKCS#1)"
                                .into(),
                        )
                    })?
            } else {
                Self::from_der(bytes)?
            }
        } else {
            Self::from_der(bytes)?
        };
        Ok(PrivateKey { rsa })
    }

    fn from_der(bytes: &[u8]) -> Result<RsaPrivateKey> {
        RsaPrivateKey::from_pkcs8_der(bytes)
            .or_else(|_| RsaPrivateKey::from_pkcs1_der(bytes))
            .map_err(|_| {
                Error::Invalid("the key file holds no RSA private key (PKCS#8 or PKCS#1)".into())
            })
    }

    /// The key in PKCS#8 PEM.
    pub fn to_pem(&self) -> Result<Zeroizing<String>> {
        self.rsa
            .to_pkcs8_pem(der::pem::LineEnding::LF)
            .map_err(|e| Error::Crypto(format!("encoding the key failed: {e}")))
    }

    /// The key in PKCS#8 DER.
    pub fn to_der(&self) -> Result<Zeroizing<Vec<u8>>> {
        let doc = self
            .rsa
            .to_pkcs8_der()
            .map_err(|e| Error::Crypto(format!("encoding the key failed: {e}")))?;
        Ok(Zeroizing::new(doc.as_bytes().to_vec()))
    }

    /// The key in PKCS#1 DER (RSAPrivateKey), as some servers send it.
    pub fn to_pkcs1_der(&self) -> Result<Zeroizing<Vec<u8>>> {
        use rsa::pkcs1::EncodeRsaPrivateKey;
        let doc = self
            .rsa
            .to_pkcs1_der()
            .map_err(|e| Error::Crypto(format!("encoding the key failed: {e}")))?;
        Ok(Zeroizing::new(doc.as_bytes().to_vec()))
    }

    /// The key size in bits.
    pub fn bits(&self) -> usize {
        self.rsa.size() * 8
    }

    /// A short description, such as "RSA 2048".
    pub fn describe(&self) -> String {
        format!("RSA {}", self.bits())
    }

    /// The SubjectPublicKeyInfo of the public half.
    pub fn public_key_info(&self) -> Result<SubjectPublicKeyInfoOwned> {
        let der = self
            .rsa
            .to_public_key()
            .to_public_key_der()
            .map_err(|e| Error::Crypto(format!("encoding the public key failed: {e}")))?;
        SubjectPublicKeyInfoOwned::from_der(der.as_bytes())
            .map_err(|e| Error::Crypto(format!("encoding the public key failed: {e}")))
    }

    /// The signature algorithm identifier for signatures made with `digest`.
    pub fn signature_algorithm(&self, digest: Digest) -> AlgorithmIdentifierOwned {
        AlgorithmIdentifierOwned {
            oid: digest.rsa_signature_oid(),
            parameters: Some(der::asn1::Null.into()),
        }
    }

    /// Sign `data` with RSA PKCS#1 v1.5 over `digest`.
    pub fn sign(&self, digest: Digest, data: &[u8]) -> Result<Vec<u8>> {
        let hashed = digest.hash(data);
        self.rsa
            .sign_with_rng(&mut sys_rng(), pkcs1v15_scheme(digest), &hashed)
            .map_err(|e| Error::Crypto(format!("signing failed: {e}")))
    }

    /// Decrypt an RSA PKCS#1 v1.5 key-transport block (with blinding).
    pub fn decrypt_key_transport(&self, ciphertext: &[u8]) -> Result<Zeroizing<Vec<u8>>> {
        self.rsa
            .decrypt_blinded(&mut sys_rng(), Pkcs1v15Encrypt, ciphertext)
            .map(Zeroizing::new)
            .map_err(|_| {
                Error::Untrusted(
                    "the reply's encrypted key does not decrypt with our private key".into(),
                )
            })
    }
}

/// Parse the RSA public key out of a SubjectPublicKeyInfo.
pub fn rsa_public_key(spki: &SubjectPublicKeyInfoOwned) -> Result<RsaPublicKey> {
    let der = spki
        .to_der()
        .map_err(|e| Error::Crypto(format!("encoding a public key failed: {e}")))?;
    use rsa::pkcs8::DecodePublicKey;
    RsaPublicKey::from_public_key_der(&der).map_err(|_| {
        Error::NotSupported(format!(
            "public key algorithm {} is not supported (only RSA)",
            spki.algorithm.oid
        ))
    })
}

/// Encrypt a content-encryption key to `spki` with RSA PKCS#1 v1.5.
pub fn encrypt_key_transport(spki: &SubjectPublicKeyInfoOwned, cek: &[u8]) -> Result<Vec<u8>> {
    let public = rsa_public_key(spki)?;
    public
        .encrypt(&mut sys_rng(), Pkcs1v15Encrypt, cek)
        .map_err(|e| Error::Crypto(format!("encrypting to the recipient failed: {e}")))
}

/// Verify an RSA PKCS#1 v1.5 signature by `spki` over `data` hashed with `digest`.
pub fn verify_signature(
    spki: &SubjectPublicKeyInfoOwned,
    digest: Digest,
    data: &[u8],
    signature: &[u8],
) -> Result<()> {
    let public = rsa_public_key(spki)?;
    let hashed = digest.hash(data);
    public
        .verify(pkcs1v15_scheme(digest), &hashed, signature)
        .map_err(|_| Error::Untrusted("signature does not verify".into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sign_verify_round_trip_and_pem() {
        let key = PrivateKey::generate_rsa(2048).unwrap();
        let spki = key.public_key_info().unwrap();
        for digest in [Digest::Sha1, Digest::Sha256, Digest::Sha512] {
            let sig = key.sign(digest, b"hello").unwrap();
            verify_signature(&spki, digest, b"hello", &sig).unwrap();
            assert!(verify_signature(&spki, digest, b"hellO", &sig).is_err());
        }
        let pem = key.to_pem().unwrap();
        assert!(pem.starts_with("-----BEGIN PRIVATE KEY-----"));
        let again = PrivateKey::from_bytes(pem.as_bytes()).unwrap();
        assert_eq!(again.public_key_info().unwrap(), spki);
        let der = key.to_der().unwrap();
        assert_eq!(
            PrivateKey::from_bytes(&der)
                .unwrap()
                .public_key_info()
                .unwrap(),
            spki
        );
    }

    #[test]
    fn key_transport_round_trip() {
        let key = PrivateKey::generate_rsa(2048).unwrap();
        let ct =
            encrypt_key_transport(&key.public_key_info().unwrap(), b"0123456789abcdef").unwrap();
        assert_eq!(
            &key.decrypt_key_transport(&ct).unwrap()[..],
            b"0123456789abcdef"
        );
    }

    #[test]
    fn generated_keys_have_the_asked_size_and_a_valid_structure() {
        for bits in RSA_BITS {
            let key = PrivateKey::generate_rsa(bits).unwrap();
            assert_eq!(key.bits(), bits);
            key.rsa.validate().unwrap();
            assert_eq!(key.rsa.e(), &BoxedUint::from(RSA_EXPONENT));
            // Encrypt to the public half, decrypt with the private half.
            let ct = encrypt_key_transport(&key.public_key_info().unwrap(), b"k").unwrap();
            assert_eq!(&key.decrypt_key_transport(&ct).unwrap()[..], b"k");
        }
    }

    #[test]
    fn bad_sizes_and_garbage_are_refused() {
        assert!(matches!(
            PrivateKey::generate_rsa(1024),
            Err(Error::Invalid(_))
        ));
        assert!(matches!(
            PrivateKey::from_bytes(b"not a key"),
            Err(Error::Invalid(_))
        ));
        let encrypted =
            b"-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n";
        let err = PrivateKey::from_bytes(encrypted).unwrap_err().to_string();
        assert!(err.contains("encrypted"), "{err}");
    }
}
