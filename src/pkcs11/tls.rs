//! A TLS client key on a token: the rustls signing key that EST's client-certificate
//! authentication uses when `--client-key` is a pkcs11: URI.
//!
//! ureq builds its rustls configuration from a key's DER through the crypto provider's key
//! provider (rustls' own extension point for keys that live elsewhere). The transport hands
//! ureq a placeholder naming a registered token key instead of key bytes, and the provider
//! made here answers that placeholder with a signer that signs on the token; any other key
//! goes to ring's key provider as before.

use std::sync::{Arc, Mutex};

use rustls::crypto::CryptoProvider;
use rustls::pki_types::PrivateKeyDer;
use rustls::sign::{Signer, SigningKey};
use rustls::{SignatureAlgorithm, SignatureScheme};

use crate::pki::digest::Digest;
use crate::pki::key::{KeyKind, PrivateKey};

/// What a placeholder starts with; the registered key's index follows.
const MARKER: &[u8] = b"certenroll-pkcs11-key:";

/// The token keys registered for TLS this run.
static KEYS: Mutex<Vec<PrivateKey>> = Mutex::new(Vec::new());

/// Register `key` (on a token) and return the placeholder that stands for it.
pub fn placeholder(key: &PrivateKey) -> Vec<u8> {
    let mut keys = KEYS.lock().unwrap_or_else(|e| e.into_inner());
    keys.push(key.clone());
    let mut marker = MARKER.to_vec();
    marker.extend_from_slice((keys.len() - 1).to_string().as_bytes());
    marker
}

/// ring's provider, whose key provider also knows the placeholders of [`placeholder`].
pub fn provider() -> Arc<CryptoProvider> {
    Arc::new(CryptoProvider {
        key_provider: &TokenKeys,
        ..rustls::crypto::ring::default_provider()
    })
}

#[derive(Debug)]
struct TokenKeys;

impl rustls::crypto::KeyProvider for TokenKeys {
    fn load_private_key(
        &self,
        key_der: PrivateKeyDer<'static>,
    ) -> Result<Arc<dyn SigningKey>, rustls::Error> {
        let index = key_der
            .secret_der()
            .strip_prefix(MARKER)
            .and_then(|rest| std::str::from_utf8(rest).ok())
            .and_then(|n| n.parse::<usize>().ok());
        let Some(index) = index else {
            return rustls::crypto::ring::default_provider()
                .key_provider
                .load_private_key(key_der);
        };
        let keys = KEYS.lock().unwrap_or_else(|e| e.into_inner());
        let key = keys
            .get(index)
            .cloned()
            .ok_or_else(|| rustls::Error::General("no such token key".into()))?;
        Ok(Arc::new(TokenSigningKey { key }))
    }
}

#[derive(Debug)]
struct TokenSigningKey {
    key: PrivateKey,
}

/// The schemes a token key can sign with, in the order they are preferred.
fn schemes(kind: KeyKind) -> &'static [SignatureScheme] {
    match kind {
        KeyKind::Rsa(_) => &[
            SignatureScheme::RSA_PSS_SHA256,
            SignatureScheme::RSA_PSS_SHA384,
            SignatureScheme::RSA_PSS_SHA512,
            SignatureScheme::RSA_PKCS1_SHA256,
            SignatureScheme::RSA_PKCS1_SHA384,
            SignatureScheme::RSA_PKCS1_SHA512,
        ],
        KeyKind::P256 => &[SignatureScheme::ECDSA_NISTP256_SHA256],
        KeyKind::P384 => &[SignatureScheme::ECDSA_NISTP384_SHA384],
    }
}

impl SigningKey for TokenSigningKey {
    fn choose_scheme(&self, offered: &[SignatureScheme]) -> Option<Box<dyn Signer>> {
        schemes(self.key.kind())
            .iter()
            .find(|scheme| offered.contains(scheme))
            .map(|&scheme| {
                Box::new(TokenSigner {
                    key: self.key.clone(),
                    scheme,
                }) as Box<dyn Signer>
            })
    }

    fn algorithm(&self) -> SignatureAlgorithm {
        match self.key.kind() {
            KeyKind::Rsa(_) => SignatureAlgorithm::RSA,
            KeyKind::P256 | KeyKind::P384 => SignatureAlgorithm::ECDSA,
        }
    }
}

#[derive(Debug)]
struct TokenSigner {
    key: PrivateKey,
    scheme: SignatureScheme,
}

impl Signer for TokenSigner {
    fn sign(&self, message: &[u8]) -> Result<Vec<u8>, rustls::Error> {
        use SignatureScheme as S;
        let (digest, pss) = match self.scheme {
            S::RSA_PSS_SHA256 => (Digest::Sha256, true),
            S::RSA_PSS_SHA384 => (Digest::Sha384, true),
            S::RSA_PSS_SHA512 => (Digest::Sha512, true),
            S::RSA_PKCS1_SHA384 | S::ECDSA_NISTP384_SHA384 => (Digest::Sha384, false),
            S::RSA_PKCS1_SHA512 => (Digest::Sha512, false),
            _ => (Digest::Sha256, false),
        };
        let signed = if pss {
            self.key.sign_pss(digest, message)
        } else {
            self.key.sign(digest, message)
        };
        signed.map_err(|e| rustls::Error::General(e.to_string()))
    }

    fn scheme(&self) -> SignatureScheme {
        self.scheme
    }
}
