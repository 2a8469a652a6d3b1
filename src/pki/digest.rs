//! Hash algorithms used for signatures and fingerprints, and their OIDs.

use const_oid::ObjectIdentifier;
use const_oid::db::rfc5912;
use sha1::Sha1;
use sha2::{Digest as _, Sha256, Sha384, Sha512};
use spki::AlgorithmIdentifierOwned;

/// A hash algorithm.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Digest {
    /// SHA-1: only for old CAs (and what micromdm signs its replies with).
    Sha1,
    /// SHA-256.
    Sha256,
    /// SHA-384.
    Sha384,
    /// SHA-512.
    Sha512,
}

impl Digest {
    /// The digest's name as users write it.
    pub fn name(self) -> &'static str {
        match self {
            Digest::Sha1 => "sha1",
            Digest::Sha256 => "sha256",
            Digest::Sha384 => "sha384",
            Digest::Sha512 => "sha512",
        }
    }

    /// The OID of the bare hash algorithm (CMS digestAlgorithm).
    pub fn oid(self) -> ObjectIdentifier {
        match self {
            Digest::Sha1 => rfc5912::ID_SHA_1,
            Digest::Sha256 => rfc5912::ID_SHA_256,
            Digest::Sha384 => rfc5912::ID_SHA_384,
            Digest::Sha512 => rfc5912::ID_SHA_512,
        }
    }

    /// The OID of RSA PKCS#1 v1.5 with this hash.
    pub fn rsa_signature_oid(self) -> ObjectIdentifier {
        match self {
            Digest::Sha1 => rfc5912::SHA_1_WITH_RSA_ENCRYPTION,
            Digest::Sha256 => rfc5912::SHA_256_WITH_RSA_ENCRYPTION,
            Digest::Sha384 => rfc5912::SHA_384_WITH_RSA_ENCRYPTION,
            Digest::Sha512 => rfc5912::SHA_512_WITH_RSA_ENCRYPTION,
        }
    }

    /// The ecdsa-with-SHA* signature algorithm (RFC 5758).
    pub fn ecdsa_signature_oid(self) -> ObjectIdentifier {
        match self {
            Digest::Sha1 => ObjectIdentifier::new_unwrap("1.2.840.10045.4.1"),
            Digest::Sha256 => ObjectIdentifier::new_unwrap("1.2.840.10045.4.3.2"),
            Digest::Sha384 => ObjectIdentifier::new_unwrap("1.2.840.10045.4.3.3"),
            Digest::Sha512 => ObjectIdentifier::new_unwrap("1.2.840.10045.4.3.4"),
        }
    }

    /// The CMS digestAlgorithm identifier (parameters absent, as RFC 5754 recommends).
    pub fn algorithm_identifier(self) -> AlgorithmIdentifierOwned {
        AlgorithmIdentifierOwned {
            oid: self.oid(),
            parameters: None,
        }
    }

    /// The hash named by a digest OID or by an RSA signature OID.
    pub fn from_oid(oid: &ObjectIdentifier) -> Option<Digest> {
        [Digest::Sha1, Digest::Sha256, Digest::Sha384, Digest::Sha512]
            .into_iter()
            .find(|d| {
                d.oid() == *oid || d.rsa_signature_oid() == *oid || d.ecdsa_signature_oid() == *oid
            })
    }

    /// Hash `data`.
    pub fn hash(self, data: &[u8]) -> Vec<u8> {
        match self {
            Digest::Sha1 => Sha1::digest(data).to_vec(),
            Digest::Sha256 => Sha256::digest(data).to_vec(),
            Digest::Sha384 => Sha384::digest(data).to_vec(),
            Digest::Sha512 => Sha512::digest(data).to_vec(),
        }
    }
}

impl Digest {
    /// The names the flags and profiles take.
    pub const NAMES: [&str; 4] = ["sha1", "sha256", "sha384", "sha512"];
}

impl std::str::FromStr for Digest {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().replace('-', "").as_str() {
            "sha1" => Ok(Digest::Sha1),
            "sha256" => Ok(Digest::Sha256),
            "sha384" => Ok(Digest::Sha384),
            "sha512" => Ok(Digest::Sha512),
            _ => Err(format!(
                "unknown digest '{s}': use {}",
                Self::NAMES.join(", ")
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn oids_round_trip() {
        for d in [Digest::Sha1, Digest::Sha256, Digest::Sha384, Digest::Sha512] {
            assert_eq!(Digest::from_oid(&d.oid()), Some(d));
            assert_eq!(Digest::from_oid(&d.rsa_signature_oid()), Some(d));
            assert_eq!(d.name().parse::<Digest>(), Ok(d));
        }
        assert_eq!("SHA-256".parse::<Digest>(), Ok(Digest::Sha256));
        assert!("md5".parse::<Digest>().is_err());
    }

    #[test]
    fn hash_lengths() {
        assert_eq!(Digest::Sha1.hash(b"abc").len(), 20);
        assert_eq!(Digest::Sha256.hash(b"abc").len(), 32);
        assert_eq!(Digest::Sha512.hash(b"abc").len(), 64);
    }
}
