//! Private keys: generation, loading (PKCS#8, PKCS#1 or SEC1, PEM or DER), encoding, signing
//! and key-transport decryption.
//!
//! RSA for everything; ECDSA P-256 and P-384 for EST (SCEP needs RSA: the CA encrypts its
//! reply to our key).
//!
//! About RUSTSEC-2023-0071 (the Marvin timing attack on RSA decryption in the `rsa` crate): a
//! client decrypts only the content-encryption key of a CA's reply whose signature has
//! verified, once per message, in a short-lived process; an attacker cannot make it decrypt
//! chosen ciphertexts. Decryption is the crate's blinded one with implicit rejection (bad
//! padding gives a pseudorandom key, no padding oracle), for the client and the lab alike.
//! Signing is not affected.

use der::{Decode, Encode};
use rsa::pkcs1::DecodeRsaPrivateKey;
use rsa::pkcs1v15::Pkcs1v15Encrypt;
use rsa::pkcs8::{DecodePrivateKey, EncodePrivateKey, EncodePublicKey};
use rsa::rand_core::UnwrapErr;
use rsa::traits::PublicKeyParts;
use rsa::{BoxedUint, Pkcs1v15Sign, RsaPrivateKey, RsaPublicKey};
use spki::{AlgorithmIdentifierOwned, SubjectPublicKeyInfoOwned};
use zeroize::Zeroizing;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

use super::digest::Digest;
use crate::{Error, Result};

/// RSA key sizes certenroll generates.
pub const RSA_BITS: [usize; 3] = [2048, 3072, 4096];

/// What kind of key: RSA of a size, or an elliptic curve.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyKind {
    /// RSA with this many bits.
    Rsa(usize),
    /// ECDSA on NIST P-256 (secp256r1).
    P256,
    /// ECDSA on NIST P-384 (secp384r1).
    P384,
}

#[derive(Clone)]
enum Inner {
    Rsa(Arc<RsaKey>),
    P256(p256::SecretKey),
    P384(p384::SecretKey),
    /// A key on a PKCS#11 token: it signs and decrypts there and is never read out.
    Token(Arc<crate::pkcs11::TokenKey>),
    /// The key of a request made elsewhere (`--csr`): only its public half is known here,
    /// with its kind.
    Elsewhere(Arc<(SubjectPublicKeyInfoOwned, KeyKind)>),
}

/// An RSA key, and the same key for `ring`, whose PKCS#1 v1.5 signatures take half the time of
/// the `rsa` crate's (`ring` cannot decrypt, and takes only keys of 2048 to 4096 bits with
/// e ≥ 65537: other keys, SHA-1 signatures and decryption use the `rsa` crate).
struct RsaKey {
    /// The `rsa` crate's reading of the key. For a key `ring` has read, it is made when first
    /// needed (decryption, SHA-1 signatures, encodings): it is most of the time loading a key
    /// takes, and an enrollment first needs it to decrypt the CA's reply, so it is made on the
    /// thread that prepares that decryption while the server works.
    key: OnceLock<Option<RsaPrivateKey>>,
    /// The DER the key was loaded from, until the `rsa` crate reads it (empty when generated).
    der: Zeroizing<Vec<u8>>,
    der_format: DerFormat,
    signer: Option<ring::rsa::KeyPair>,
}

/// The structure of a DER RSA key.
#[derive(Clone, Copy)]
enum DerFormat {
    Pkcs8,
    Pkcs1,
}

impl Inner {
    /// A generated RSA key.
    fn rsa(key: RsaPrivateKey) -> Inner {
        use rsa::pkcs1::EncodeRsaPrivateKey;
        let signer = key
            .to_pkcs1_der()
            .ok()
            .and_then(|der| ring::rsa::KeyPair::from_der(der.as_bytes()).ok());
        Inner::loaded_rsa(key, signer)
    }

    /// A key the `rsa` crate has read, and `ring`'s reading of the same DER if it takes it.
    fn loaded_rsa(key: RsaPrivateKey, signer: Option<ring::rsa::KeyPair>) -> Inner {
        Inner::Rsa(Arc::new(RsaKey {
            key: OnceLock::from(Some(key)),
            der: Zeroizing::new(Vec::new()),
            der_format: DerFormat::Pkcs1,
            signer,
        }))
    }

    /// A key `ring` has read out of `der`: the `rsa` crate reads it when it is first needed.
    fn ring_rsa(signer: ring::rsa::KeyPair, der: &[u8], der_format: DerFormat) -> Inner {
        Inner::Rsa(Arc::new(RsaKey {
            key: OnceLock::new(),
            der: Zeroizing::new(der.to_vec()),
            der_format,
            signer: Some(signer),
        }))
    }
}

impl RsaKey {
    /// The `rsa` crate's reading of the key, made now if it was not yet. It also checks `d`,
    /// which `ring` never uses and so does not check.
    fn key(&self) -> Result<&RsaPrivateKey> {
        self.key
            .get_or_init(|| match self.der_format {
                DerFormat::Pkcs8 => RsaPrivateKey::from_pkcs8_der(&self.der).ok(),
                DerFormat::Pkcs1 => RsaPrivateKey::from_pkcs1_der(&self.der).ok(),
            })
            .as_ref()
            .ok_or_else(|| {
                Error::Invalid(
                    "the RSA key is inconsistent: its private exponent d does not match the rest (a damaged or edited file); make a new key"
                        .into(),
                )
            })
    }

    /// The modulus size in bits (a multiple of 8).
    fn bits(&self) -> usize {
        match &self.signer {
            Some(signer) => signer.public().modulus_len() * 8,
            None => self.key().map_or(0, |key| key.size() * 8),
        }
    }

    /// A PKCS#1 v1.5 signature over `data` with `digest`.
    fn sign(&self, digest: Digest, data: &[u8]) -> Result<Vec<u8>> {
        let encoding: Option<&'static dyn ring::signature::RsaEncoding> = match digest {
            Digest::Sha256 => Some(&ring::signature::RSA_PKCS1_SHA256),
            Digest::Sha384 => Some(&ring::signature::RSA_PKCS1_SHA384),
            Digest::Sha512 => Some(&ring::signature::RSA_PKCS1_SHA512),
            Digest::Sha1 => None,
        };
        if let (Some(signer), Some(encoding)) = (&self.signer, encoding) {
            let mut signature = vec![0; signer.public().modulus_len()];
            return signer
                .sign(
                    encoding,
                    &ring::rand::SystemRandom::new(),
                    data,
                    &mut signature,
                )
                .map(|()| signature)
                .map_err(|_| Error::Crypto("signing failed".into()));
        }
        self.key()?
            .sign_with_rng(&mut sys_rng(), pkcs1v15_scheme(digest), &digest.hash(data))
            .map_err(|e| Error::Crypto(format!("signing failed: {e}")))
    }
}

/// A private key.
#[derive(Clone)]
pub struct PrivateKey {
    inner: Inner,
}

impl std::fmt::Debug for PrivateKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "PrivateKey({}, redacted)", self.describe())
    }
}

fn encoding_failed(e: impl std::fmt::Display) -> Error {
    Error::Crypto(format!("encoding the key failed: {e}"))
}

/// The DER DigestInfo up to the hash, for a PKCS#1 v1.5 signature made elsewhere (a token).
pub(crate) fn digest_info_prefix(digest: Digest) -> Vec<u8> {
    pkcs1v15_scheme(digest).prefix.to_vec()
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

/// A random prime of exactly `bits` bits with the top two bits set, or `None` once `stop` is
/// set (checked between candidates).
fn generate_prime(bits: u32, stop: &AtomicBool) -> Option<BoxedUint> {
    use crypto_primes::hazmat::{SetBits, SmallFactorsSieveFactory};
    use crypto_primes::{Flavor, is_prime, sieve_and_find};
    // Both only fail for bit lengths far below the sizes `generate_rsa` accepts.
    let factory = SmallFactorsSieveFactory::new(Flavor::Any, bits, SetBits::TwoMsb)
        .expect("a sieve for RSA-sized primes");
    let found = sieve_and_find(&mut sys_rng(), factory, |_rng, candidate| {
        stop.load(Ordering::Relaxed) || is_prime(Flavor::Any, candidate)
    })
    .expect("random candidates for RSA-sized primes")
    .expect("a prime is found eventually");
    (!stop.load(Ordering::Relaxed)).then_some(found)
}

/// Two random primes of `bits` bits each, searched for by every core at once.
///
/// Each search thread looks for primes until two have been found between them; a thread that
/// finds one goes on to look for the second instead of waiting for its neighbour. Finding a
/// prime takes a random time (a few dozen candidates fail the test first), so splitting "p on
/// one thread, q on the other" waits for the slower of two searches (on average 1.5 times one
/// search) where this waits for two primes found at twice the rate (on average one search).
fn two_primes(bits: u32) -> (BoxedUint, BoxedUint) {
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get().clamp(1, 4));
    let found = Mutex::new(Vec::with_capacity(2));
    let stop = AtomicBool::new(false);
    let search = || {
        while let Some(prime) = generate_prime(bits, &stop) {
            let mut found = found.lock().unwrap_or_else(|e| e.into_inner());
            if found.len() < 2 {
                found.push(prime);
            }
            if found.len() == 2 {
                stop.store(true, Ordering::Relaxed);
            }
        }
    };
    std::thread::scope(|scope| {
        for _ in 1..threads {
            scope.spawn(search);
        }
        search();
    });
    let mut found = found.into_inner().unwrap_or_else(|e| e.into_inner());
    let q = found.pop().expect("two primes");
    let p = found.pop().expect("two primes");
    (p, q)
}

pub(super) fn sys_rng() -> UnwrapErr<getrandom::SysRng> {
    UnwrapErr(getrandom::SysRng)
}

impl PrivateKey {
    /// Generate a new RSA key of `bits` bits (2048, 3072 or 4096), e = 65537.
    ///
    /// It is the `rsa` crate's own algorithm (crypto-primes' sieve, then a BPSW test, on
    /// candidates with the two top bits set so that n has exactly `bits` bits), but the crate
    /// finds p and then q on one thread, and prime search is most of the time: here every core
    /// searches (see [`two_primes`]).
    pub fn generate_rsa(bits: usize) -> Result<Self> {
        if !RSA_BITS.contains(&bits) {
            return Err(Error::Invalid(format!(
                "RSA key size {bits} is not supported: use 2048, 3072 or 4096"
            )));
        }
        let half = (bits / 2) as u32;
        loop {
            let (p, q) = two_primes(half);
            if p == q {
                continue;
            }
            // Fails when e is not invertible modulo λ(n): then start over, as the crate does.
            let Ok(rsa) = RsaPrivateKey::from_p_q(p, q, BoxedUint::from(RSA_EXPONENT)) else {
                continue;
            };
            if rsa.size() * 8 == bits {
                return Ok(PrivateKey {
                    inner: Inner::rsa(rsa),
                });
            }
        }
    }

    /// Generate a key of `kind`.
    pub fn generate(kind: KeyKind) -> Result<Self> {
        use p256::elliptic_curve::Generate;
        let mut rng = sys_rng();
        Ok(match kind {
            KeyKind::Rsa(bits) => return Self::generate_rsa(bits),
            KeyKind::P256 => PrivateKey {
                inner: Inner::P256(p256::SecretKey::generate_from_rng(&mut rng)),
            },
            KeyKind::P384 => PrivateKey {
                inner: Inner::P384(p384::SecretKey::generate_from_rng(&mut rng)),
            },
        })
    }

    /// The kind of this key.
    pub fn kind(&self) -> KeyKind {
        match &self.inner {
            Inner::Rsa(rsa) => KeyKind::Rsa(rsa.bits()),
            Inner::P256(_) => KeyKind::P256,
            Inner::P384(_) => KeyKind::P384,
            Inner::Token(key) => key.kind(),
            Inner::Elsewhere(held) => held.1,
        }
    }

    /// The key of a request made elsewhere, of which only the public half is known: what the
    /// certificate is for, when certenroll only carries the request (`--csr`). Nothing can
    /// be signed or decrypted with it.
    pub fn held_elsewhere(public: SubjectPublicKeyInfoOwned) -> Result<Self> {
        let kind = kind_of(&public)?;
        Ok(PrivateKey {
            inner: Inner::Elsewhere(Arc::new((public, kind))),
        })
    }

    /// Whether the key is held by whoever made the request ([`Self::held_elsewhere`]).
    pub fn is_held_elsewhere(&self) -> bool {
        matches!(self.inner, Inner::Elsewhere(_))
    }

    /// A key on a PKCS#11 token.
    pub fn on_token(key: crate::pkcs11::TokenKey) -> Self {
        PrivateKey {
            inner: Inner::Token(Arc::new(key)),
        }
    }

    /// Where the key is, when it is on a token ("on token 'T' as 'web', not extractable").
    pub fn token_place(&self) -> Option<String> {
        match &self.inner {
            Inner::Token(key) => Some(key.describe_where()),
            _ => None,
        }
    }

    /// An RSASSA-PSS signature (TLS 1.3 client authentication with a key on a token).
    pub fn sign_pss(&self, digest: Digest, data: &[u8]) -> Result<Vec<u8>> {
        match &self.inner {
            Inner::Token(key) if matches!(key.kind(), KeyKind::Rsa(_)) => {
                key.sign_pss(digest, data)
            }
            _ => Err(Error::Invalid(format!(
                "RSASSA-PSS signatures are made here only with RSA keys on a token, and this is {}",
                self.describe()
            ))),
        }
    }

    /// The error for what needs the key's bytes, which a token never gives out and a request
    /// made elsewhere never brought.
    fn not_exportable(&self, what: &str) -> Error {
        if self.is_held_elsewhere() {
            return Error::Invalid(format!(
                "{what} needs the private key, and the request was made elsewhere (--csr): its key stays with whoever made it"
            ));
        }
        Error::Invalid(format!(
            "{what} needs the private key's bytes, and the key is {}: a token key never leaves its token",
            self.token_place().unwrap_or_default()
        ))
    }

    /// SCEP needs RSA: the CA encrypts its reply to our key.
    pub fn require_rsa(&self, why: &str) -> Result<()> {
        match self.kind() {
            KeyKind::Rsa(_) => Ok(()),
            _ => Err(Error::Invalid(format!(
                "{why} needs an RSA key, and this is {}; use an RSA key (or EST, which takes EC keys)",
                self.describe()
            ))),
        }
    }

    /// Load a key from PEM (`PRIVATE KEY`, `RSA PRIVATE KEY` or `EC PRIVATE KEY`) or DER
    /// (PKCS#8, PKCS#1 or SEC1).
    pub fn from_bytes(bytes: &[u8]) -> Result<Self> {
        if let Ok(text) = std::str::from_utf8(bytes) {
            if text.contains("ENCRYPTED PRIVATE KEY") {
                return Err(Error::Invalid(
                    "the key file is encrypted; decrypt it first (openssl pkey -in KEY -out PLAIN)"
                        .into(),
                ));
            }
            if text.contains("-----BEGIN") {
                let (_, der) = der::pem::decode_vec(text.trim().as_bytes()).map_err(|_| {
                    Error::Invalid("the key file holds no private key in PEM".into())
                })?;
                let der = Zeroizing::new(der);
                return Self::from_der(&der);
            }
        }
        Self::from_der(bytes)
    }

    fn from_der(bytes: &[u8]) -> Result<Self> {
        let inner = if let Ok(signer) = ring::rsa::KeyPair::from_pkcs8(bytes) {
            Inner::ring_rsa(signer, bytes, DerFormat::Pkcs8)
        } else if let Ok(rsa) = RsaPrivateKey::from_pkcs8_der(bytes) {
            Inner::loaded_rsa(rsa, None)
        } else if let Ok(key) = p256::SecretKey::from_pkcs8_der(bytes) {
            Inner::P256(key)
        } else if let Ok(key) = p384::SecretKey::from_pkcs8_der(bytes) {
            Inner::P384(key)
        } else if let Ok(signer) = ring::rsa::KeyPair::from_der(bytes) {
            Inner::ring_rsa(signer, bytes, DerFormat::Pkcs1)
        } else if let Ok(rsa) = RsaPrivateKey::from_pkcs1_der(bytes) {
            Inner::loaded_rsa(rsa, None)
        } else if let Ok(key) = p256::SecretKey::from_sec1_der(bytes) {
            Inner::P256(key)
        } else if let Ok(key) = p384::SecretKey::from_sec1_der(bytes) {
            Inner::P384(key)
        } else {
            return Err(Error::Invalid(
                "the key file holds no RSA, P-256 or P-384 private key (PKCS#8, PKCS#1 or SEC1)"
                    .into(),
            ));
        };
        Ok(PrivateKey { inner })
    }

    /// The key in PKCS#8 PEM.
    pub fn to_pem(&self) -> Result<Zeroizing<String>> {
        let der = self.to_der()?;
        der::pem::encode_string("PRIVATE KEY", der::pem::LineEnding::LF, &der)
            .map(Zeroizing::new)
            .map_err(encoding_failed)
    }

    /// The key in PKCS#8 DER.
    pub fn to_der(&self) -> Result<Zeroizing<Vec<u8>>> {
        let doc = match &self.inner {
            Inner::Rsa(rsa) => rsa.key()?.to_pkcs8_der(),
            Inner::P256(key) => key.to_pkcs8_der(),
            Inner::P384(key) => key.to_pkcs8_der(),
            Inner::Token(_) | Inner::Elsewhere(_) => {
                return Err(self.not_exportable("writing the key to a file"));
            }
        }
        .map_err(encoding_failed)?;
        Ok(Zeroizing::new(doc.as_bytes().to_vec()))
    }

    fn rsa(&self, what: &str) -> Result<&RsaPrivateKey> {
        self.rsa_key(what)?.key()
    }

    fn rsa_key(&self, what: &str) -> Result<&RsaKey> {
        match &self.inner {
            Inner::Rsa(rsa) => Ok(rsa),
            Inner::Token(_) | Inner::Elsewhere(_) => Err(self.not_exportable(what)),
            _ => Err(Error::Invalid(format!(
                "{what} needs an RSA key, and this is {}",
                self.describe()
            ))),
        }
    }

    /// The key in PKCS#1 DER (RSAPrivateKey), as some servers send it.
    pub fn to_pkcs1_der(&self) -> Result<Zeroizing<Vec<u8>>> {
        use rsa::pkcs1::EncodeRsaPrivateKey;
        let doc = self
            .rsa("PKCS#1 encoding")?
            .to_pkcs1_der()
            .map_err(encoding_failed)?;
        Ok(Zeroizing::new(doc.as_bytes().to_vec()))
    }

    /// The key size in bits (the curve's size for EC keys).
    pub fn bits(&self) -> usize {
        match self.kind() {
            KeyKind::Rsa(bits) => bits,
            KeyKind::P256 => 256,
            KeyKind::P384 => 384,
        }
    }

    /// A short description, such as "RSA 2048" or "EC P-256".
    pub fn describe(&self) -> String {
        let kind = match self.kind() {
            KeyKind::Rsa(bits) => format!("RSA {bits}"),
            KeyKind::P256 => "EC P-256".into(),
            KeyKind::P384 => "EC P-384".into(),
        };
        match self.token_place() {
            Some(place) => format!("{kind} {place}"),
            None if self.is_held_elsewhere() => format!("{kind} key, held by its maker"),
            None => kind,
        }
    }

    /// The SubjectPublicKeyInfo of the public half.
    pub fn public_key_info(&self) -> Result<SubjectPublicKeyInfoOwned> {
        let failed = |e: &dyn std::fmt::Display| {
            Error::Crypto(format!("encoding the public key failed: {e}"))
        };
        // ring's public key is the RSAPublicKey DER that the SPKI wraps.
        if let Inner::Rsa(rsa) = &self.inner
            && let Some(signer) = &rsa.signer
        {
            return Ok(SubjectPublicKeyInfoOwned {
                algorithm: AlgorithmIdentifierOwned {
                    oid: const_oid::db::rfc5912::RSA_ENCRYPTION,
                    parameters: Some(der::asn1::Null.into()),
                },
                subject_public_key: der::asn1::BitString::from_bytes(signer.public().as_ref())
                    .map_err(|e| failed(&e))?,
            });
        }
        let der = match &self.inner {
            Inner::Rsa(rsa) => rsa.key()?.to_public_key().to_public_key_der(),
            Inner::P256(key) => key.public_key().to_public_key_der(),
            Inner::P384(key) => key.public_key().to_public_key_der(),
            Inner::Token(key) => return Ok(key.public_key_info().clone()),
            Inner::Elsewhere(held) => return Ok(held.0.clone()),
        }
        .map_err(|e| failed(&e))?;
        SubjectPublicKeyInfoOwned::from_der(der.as_bytes()).map_err(|e| failed(&e))
    }

    /// The signature algorithm identifier for signatures made with `digest`.
    pub fn signature_algorithm(&self, digest: Digest) -> AlgorithmIdentifierOwned {
        match self.kind() {
            KeyKind::Rsa(_) => AlgorithmIdentifierOwned {
                oid: digest.rsa_signature_oid(),
                parameters: Some(der::asn1::Null.into()),
            },
            // RFC 5758 3.2: the parameters are absent.
            _ => AlgorithmIdentifierOwned {
                oid: digest.ecdsa_signature_oid(),
                parameters: None,
            },
        }
    }

    /// Sign `data` over `digest`: RSA PKCS#1 v1.5, or ECDSA (DER signature).
    pub fn sign(&self, digest: Digest, data: &[u8]) -> Result<Vec<u8>> {
        use signature::hazmat::PrehashSigner;
        match &self.inner {
            Inner::Rsa(rsa) => return rsa.sign(digest, data),
            Inner::Token(key) => return key.sign(digest, data),
            Inner::Elsewhere(_) => return Err(self.not_exportable("signing")),
            _ => {}
        }
        let hashed = digest.hash(data);
        let failed = |e: signature::Error| Error::Crypto(format!("signing failed: {e}"));
        match &self.inner {
            Inner::Rsa(_) | Inner::Token(_) | Inner::Elsewhere(_) => {
                unreachable!("RSA, token and others' keys are handled above")
            }
            Inner::P256(key) => {
                let signature: p256::ecdsa::Signature = p256::ecdsa::SigningKey::from(key)
                    .sign_prehash(&hashed)
                    .map_err(failed)?;
                Ok(signature.to_der().as_bytes().to_vec())
            }
            Inner::P384(key) => {
                let signature: p384::ecdsa::Signature = p384::ecdsa::SigningKey::from(key)
                    .sign_prehash(&hashed)
                    .map_err(failed)?;
                Ok(signature.to_der().as_bytes().to_vec())
            }
        }
    }

    /// Decrypt an RSA PKCS#1 v1.5 key-transport block, blinded: the `rsa` crate, whose answer
    /// to bad padding is a pseudorandom key (implicit rejection), so that no padding oracle
    /// comes of it; the content encrypted with a wrong key then fails to decrypt.
    pub fn decrypt_key_transport(&self, ciphertext: &[u8]) -> Result<Zeroizing<Vec<u8>>> {
        if let Inner::Token(key) = &self.inner {
            self.require_rsa("decrypting a key-transport block")?;
            return key.decrypt(ciphertext);
        }
        self.rsa("decrypting a key-transport block")?
            .decrypt_blinded(&mut sys_rng(), Pkcs1v15Encrypt, ciphertext)
            .map(Zeroizing::new)
            .map_err(|_| {
                Error::Untrusted(
                    "the reply's encrypted key does not decrypt with our private key".into(),
                )
            })
    }

    /// Whether a reply encrypted to this key can be decrypted: the `rsa` crate reads the key
    /// now if it has not (it checks `d`, which `ring` does not), so that an inconsistent key
    /// file is found before a request is sent, not after the CA has issued the certificate.
    pub fn check_decryptable(&self) -> Result<()> {
        match &self.inner {
            Inner::Token(_) => return self.require_rsa("decrypting the CA's reply"),
            Inner::Elsewhere(_) => return Err(self.not_exportable("decrypting the CA's reply")),
            _ => {}
        }
        self.rsa("decrypting the CA's reply").map(|_| ())
    }

    /// Have the `rsa` crate read the key now (most of what loading an RSA key costs), on a
    /// thread that would otherwise wait for the server, so that the decryption of its reply
    /// does not. Does nothing for EC keys.
    pub fn prepare_decryption(&self) {
        if let Inner::Rsa(rsa) = &self.inner {
            let _ = rsa.key();
        }
    }
}

/// The kind of a public key: RSA of its modulus' size, or the named curve P-256 or P-384.
pub fn kind_of(spki: &SubjectPublicKeyInfoOwned) -> Result<KeyKind> {
    if spki.algorithm.oid == EC_PUBLIC_KEY {
        let curve = spki
            .algorithm
            .parameters
            .as_ref()
            .and_then(|p| p.decode_as::<const_oid::ObjectIdentifier>().ok());
        return match curve {
            Some(const_oid::db::rfc5912::SECP_256_R_1) => Ok(KeyKind::P256),
            Some(const_oid::db::rfc5912::SECP_384_R_1) => Ok(KeyKind::P384),
            _ => Err(Error::Invalid(
                "the public key is on a curve certenroll does not use (P-256 and P-384 only)"
                    .into(),
            )),
        };
    }
    let rsa = rsa_public_key(spki)?;
    Ok(KeyKind::Rsa(rsa.size() * 8))
}

/// The SHA-256 of a public key's SubjectPublicKeyInfo, in upper-case hex: the transaction ID
/// both protocols give a request for that key, and so the name of its saved state.
pub fn public_key_id(spki: &SubjectPublicKeyInfoOwned) -> Result<String> {
    let der = spki
        .to_der()
        .map_err(|e| Error::Crypto(format!("encoding the public key failed: {e}")))?;
    Ok(super::hex(&Digest::Sha256.hash(&der)).to_uppercase())
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
    use rsa::pkcs8::DecodePublicKey;
    use signature::hazmat::PrehashVerifier;
    let bad = || Error::Untrusted("signature does not verify".into());
    if spki.algorithm.oid == EC_PUBLIC_KEY {
        let hashed = digest.hash(data);
        let der = spki
            .to_der()
            .map_err(|e| Error::Crypto(format!("encoding a public key failed: {e}")))?;
        if let Ok(key) = p256::ecdsa::VerifyingKey::from_public_key_der(&der) {
            let signature = p256::ecdsa::Signature::from_der(signature).map_err(|_| bad())?;
            return key.verify_prehash(&hashed, &signature).map_err(|_| bad());
        }
        if let Ok(key) = p384::ecdsa::VerifyingKey::from_public_key_der(&der) {
            let signature = p384::ecdsa::Signature::from_der(signature).map_err(|_| bad())?;
            return key.verify_prehash(&hashed, &signature).map_err(|_| bad());
        }
        return Err(Error::NotSupported(
            "EC keys on curves other than P-256 and P-384 are not supported".into(),
        ));
    }
    // `ring` verifies in a fraction of the time but takes only 2048- to 8192-bit keys: what it
    // does not accept is checked again by the `rsa` crate, which has the last word.
    let algorithm: &ring::signature::RsaParameters = match digest {
        Digest::Sha1 => &ring::signature::RSA_PKCS1_2048_8192_SHA1_FOR_LEGACY_USE_ONLY,
        Digest::Sha256 => &ring::signature::RSA_PKCS1_2048_8192_SHA256,
        Digest::Sha384 => &ring::signature::RSA_PKCS1_2048_8192_SHA384,
        Digest::Sha512 => &ring::signature::RSA_PKCS1_2048_8192_SHA512,
    };
    let fast =
        ring::signature::UnparsedPublicKey::new(algorithm, spki.subject_public_key.raw_bytes());
    if fast.verify(data, signature).is_ok() {
        return Ok(());
    }
    let public = rsa_public_key(spki)?;
    public
        .verify(pkcs1v15_scheme(digest), &digest.hash(data), signature)
        .map_err(|_| bad())
}

/// Verify a signed structure's `signature` over `tbs` by `spki`, with the hash `algorithm`
/// names (an OCSP response, a CRL). The error says why, for the caller's message.
pub fn verify_signed(
    spki: &SubjectPublicKeyInfoOwned,
    algorithm: &spki::AlgorithmIdentifierOwned,
    tbs: &[u8],
    signature: &der::asn1::BitString,
) -> std::result::Result<(), String> {
    let digest = Digest::from_oid(&algorithm.oid)
        .ok_or_else(|| format!("signature algorithm {} is not supported", algorithm.oid))?;
    let signature = signature
        .as_bytes()
        .ok_or_else(|| "the signature has unused bits".to_string())?;
    verify_signature(spki, digest, tbs, signature).map_err(|_| "the signature".to_string())
}

/// id-ecPublicKey.
const EC_PUBLIC_KEY: const_oid::ObjectIdentifier =
    const_oid::ObjectIdentifier::new_unwrap("1.2.840.10045.2.1");

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
    fn ring_and_the_rsa_crate_make_the_same_signatures() {
        // PKCS#1 v1.5 is deterministic: whichever library signs, the bytes are the same.
        let key = PrivateKey::generate_rsa(2048).unwrap();
        let Inner::Rsa(rsa) = &key.inner else {
            unreachable!()
        };
        assert!(rsa.signer.is_some(), "ring takes a generated 2048-bit key");
        for (pem, label) in [
            (key.to_pem().unwrap().to_string(), "PKCS#8"),
            (
                der::pem::encode_string(
                    "RSA PRIVATE KEY",
                    der::pem::LineEnding::LF,
                    &key.to_pkcs1_der().unwrap(),
                )
                .unwrap(),
                "PKCS#1",
            ),
        ] {
            let loaded = PrivateKey::from_bytes(pem.as_bytes()).unwrap();
            let Inner::Rsa(inner) = &loaded.inner else {
                unreachable!()
            };
            assert!(inner.signer.is_some(), "ring reads the {label} key");
            // The rsa crate reads it only when needed; ring's public key makes the same SPKI.
            assert!(inner.key.get().is_none(), "{label}: read eagerly");
            assert_eq!(loaded.kind(), KeyKind::Rsa(2048));
            assert_eq!(
                loaded.public_key_info().unwrap().to_der().unwrap(),
                rsa.key()
                    .unwrap()
                    .to_public_key()
                    .to_public_key_der()
                    .unwrap()
                    .as_bytes(),
                "{label}"
            );
            assert!(inner.key.get().is_none(), "{label}: read for the SPKI");
            assert_eq!(*loaded.to_der().unwrap(), *key.to_der().unwrap(), "{label}");
            assert!(inner.key.get().is_some_and(Option::is_some), "{label}");
        }
        let spki = key.public_key_info().unwrap();
        for digest in [Digest::Sha256, Digest::Sha384, Digest::Sha512] {
            let fast = key.sign(digest, b"hello").unwrap();
            let slow = rsa
                .key()
                .unwrap()
                .sign_with_rng(
                    &mut sys_rng(),
                    pkcs1v15_scheme(digest),
                    &digest.hash(b"hello"),
                )
                .unwrap();
            assert_eq!(fast, slow, "{digest:?}");
            // And the rsa crate accepts what ring verifies and the other way round.
            rsa_public_key(&spki)
                .unwrap()
                .verify(pkcs1v15_scheme(digest), &digest.hash(b"hello"), &fast)
                .unwrap();
        }
    }

    #[test]
    fn keys_ring_refuses_still_sign_and_verify() {
        // ring signs only with 2048- to 4096-bit keys and verifies only from 2048 bits: a
        // 1024-bit key (old devices have them) goes through the rsa crate both ways.
        let small = RsaPrivateKey::new(&mut sys_rng(), 1024).unwrap();
        let pem = rsa::pkcs8::EncodePrivateKey::to_pkcs8_pem(&small, Default::default()).unwrap();
        let key = PrivateKey::from_bytes(pem.as_bytes()).unwrap();
        let Inner::Rsa(rsa) = &key.inner else {
            unreachable!()
        };
        assert!(rsa.signer.is_none());
        let spki = key.public_key_info().unwrap();
        for digest in [Digest::Sha1, Digest::Sha256] {
            let sig = key.sign(digest, b"hello").unwrap();
            verify_signature(&spki, digest, b"hello", &sig).unwrap();
            assert!(verify_signature(&spki, digest, b"hellO", &sig).is_err());
        }
    }

    #[test]
    fn ec_keys_sign_verify_and_round_trip_through_pkcs8_and_sec1() {
        for (kind, digest) in [
            (KeyKind::P256, Digest::Sha256),
            (KeyKind::P384, Digest::Sha384),
        ] {
            let key = PrivateKey::generate(kind).unwrap();
            assert_eq!(key.kind(), kind);
            let spki = key.public_key_info().unwrap();
            let sig = key.sign(digest, b"hello").unwrap();
            verify_signature(&spki, digest, b"hello", &sig).unwrap();
            assert!(verify_signature(&spki, digest, b"hellO", &sig).is_err());
            let pem = key.to_pem().unwrap();
            assert_eq!(
                PrivateKey::from_bytes(pem.as_bytes())
                    .unwrap()
                    .public_key_info()
                    .unwrap(),
                spki
            );
            assert!(
                key.require_rsa("SCEP")
                    .unwrap_err()
                    .to_string()
                    .contains("needs an RSA key")
            );
            assert!(key.decrypt_key_transport(b"x").is_err());
        }
        // SEC1 ("EC PRIVATE KEY"), as OpenSSL's ecparam writes it.
        let sec1 = "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIPEb/Vlr+sCcjLTVQYTvpeAT/JdnLoPMgx3ir/5EsyQNoAoGCCqGSM49\nAwEHoUQDQgAEikj+t1LzsHv9PhbJLrTaioclt2RlExedXob5M3pqLBWttWhDI+um\nP7tVP3jM6r6h8EuX/1RTyIPe0lHc7UIWXw==\n-----END EC PRIVATE KEY-----\n";
        assert_eq!(
            PrivateKey::from_bytes(sec1.as_bytes()).unwrap().kind(),
            KeyKind::P256
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
            let rsa = key.rsa("test").unwrap();
            rsa.validate().unwrap();
            assert_eq!(rsa.e(), &BoxedUint::from(RSA_EXPONENT));
            // Encrypt to the public half, decrypt with the private half.
            let ct = encrypt_key_transport(&key.public_key_info().unwrap(), b"k").unwrap();
            assert_eq!(&key.decrypt_key_transport(&ct).unwrap()[..], b"k");
        }
    }

    #[test]
    fn a_key_with_a_d_only_ring_takes_is_found_before_decrypting() {
        // ring never uses d, so does not check it: such a key loads and signs, but the rsa
        // crate (decryption) refuses it, which check_decryptable says before anything is sent.
        let pem = include_str!("../../tests/data/test-only-rsa2048.pem");
        let (_, der) = der::pem::decode_vec(pem.as_bytes()).unwrap();
        let mut parsed = rsa::pkcs1::RsaPrivateKeyRef::from_der(&der).unwrap();
        let mut d = parsed.private_exponent.as_bytes().to_vec();
        *d.last_mut().unwrap() ^= 2;
        parsed.private_exponent = rsa::pkcs1::UintRef::new(&d).unwrap();
        let bad = parsed.to_der().unwrap();
        let key = PrivateKey::from_bytes(&bad).unwrap();
        assert!(key.sign(Digest::Sha256, b"x").is_ok());
        let err = key.check_decryptable().unwrap_err().to_string();
        assert!(err.contains("inconsistent"), "{err}");
        let good = PrivateKey::from_bytes(pem.as_bytes()).unwrap();
        good.check_decryptable().unwrap();
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
