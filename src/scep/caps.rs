//! GetCACaps (RFC 8894 section 3.5.2): what the server supports, and what we choose from it.

use crate::pki::digest::Digest;
use crate::pki::envelope::Cipher;

/// The capabilities a server listed, as it spelled them (unknown ones are kept).
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Capabilities {
    /// Each capability, trimmed, in the server's order.
    pub names: Vec<String>,
    /// Why there are none, when the server did not answer with a list.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub missing: Option<String>,
}

impl Capabilities {
    /// Parse a GetCACaps body: one capability per line (CR LF or LF), blank lines ignored.
    pub fn parse(body: &str) -> Self {
        let mut names: Vec<String> = Vec::new();
        for line in body.lines().map(str::trim).filter(|l| !l.is_empty()) {
            if !names.iter().any(|n| n.eq_ignore_ascii_case(line)) {
                names.push(line.to_string());
            }
        }
        let missing = names
            .is_empty()
            .then(|| "GetCACaps answered an empty list".to_string());
        Capabilities { names, missing }
    }

    /// No capabilities, for the reason given.
    pub fn none(why: String) -> Self {
        Capabilities {
            names: Vec::new(),
            missing: Some(why),
        }
    }

    /// Whether `name` is listed (case-insensitive).
    pub fn has(&self, name: &str) -> bool {
        self.names.iter().any(|n| n.eq_ignore_ascii_case(name))
    }

    /// SCEPStandard implies AES, POSTPKIOperation and SHA-256 (RFC 8894 section 3.5.2).
    fn standard(&self) -> bool {
        self.has("SCEPStandard")
    }

    /// Whether PKIOperation may be POSTed.
    pub fn post(&self) -> bool {
        self.standard() || self.has("POSTPKIOperation")
    }

    /// Whether the server lists GetNextCACert (it can announce its CA's successor).
    pub fn next_ca(&self) -> bool {
        self.has("GetNextCACert")
    }

    /// Whether the server lists Renewal.
    pub fn renewal(&self) -> bool {
        self.has("Renewal")
    }

    /// Whether a renewal goes as a RenewalReq: the server lists Renewal and is not NDES, whose
    /// "Renewal" means a PKCSReq signed with the current certificate (it has no RenewalReq).
    pub fn renewal_req(&self, ndes: bool) -> bool {
        self.renewal() && !ndes
    }

    /// Whether `cipher` is advertised.
    pub fn supports_cipher(&self, cipher: Cipher) -> bool {
        match cipher {
            Cipher::Aes128 | Cipher::Aes192 | Cipher::Aes256 => self.standard() || self.has("AES"),
            Cipher::Des3 => self.has("DES3"),
            // Every SCEP server must accept single DES.
            Cipher::Des => true,
        }
    }

    /// Whether `digest` is advertised.
    pub fn supports_digest(&self, digest: Digest) -> bool {
        match digest {
            Digest::Sha1 => self.has("SHA-1"),
            Digest::Sha256 => self.standard() || self.has("SHA-256"),
            Digest::Sha384 => false,
            Digest::Sha512 => self.has("SHA-512"),
        }
    }

    /// The cipher to encrypt with: AES-128 when offered, else 3DES, else DES.
    pub fn best_cipher(&self) -> Cipher {
        [Cipher::Aes128, Cipher::Des3]
            .into_iter()
            .find(|c| self.supports_cipher(*c))
            .unwrap_or(Cipher::Des)
    }

    /// The digest to sign with: SHA-256 when offered, else SHA-512, else SHA-1 (the
    /// no-capabilities default of old servers would be MD5, which certenroll never uses).
    pub fn best_digest(&self) -> Digest {
        [Digest::Sha256, Digest::Sha512]
            .into_iter()
            .find(|d| self.supports_digest(*d))
            .unwrap_or(Digest::Sha1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn micromdm_caps() {
        let caps = Capabilities::parse(
            "Renewal\nSHA-1\nSHA-256\nAES\nDES3\nSCEPStandard\nPOSTPKIOperation\n",
        );
        assert_eq!(caps.names.len(), 7);
        assert!(caps.post() && caps.renewal());
        assert_eq!(caps.best_cipher(), Cipher::Aes128);
        assert_eq!(caps.best_digest(), Digest::Sha256);
    }

    #[test]
    fn case_crlf_unknown_and_duplicates() {
        let caps = Capabilities::parse(
            "postpkioperation\r\nsha-1\r\nDES3\r\nX-Vendor-Thing\r\nDES3\r\n\r\n",
        );
        assert_eq!(
            caps.names,
            ["postpkioperation", "sha-1", "DES3", "X-Vendor-Thing"]
        );
        assert!(caps.post() && !caps.renewal());
        assert_eq!(caps.best_cipher(), Cipher::Des3);
        assert_eq!(caps.best_digest(), Digest::Sha1);
    }

    #[test]
    fn empty_caps_fall_back_to_the_old_defaults() {
        let caps = Capabilities::parse("");
        assert!(!caps.post());
        assert_eq!(caps.best_cipher(), Cipher::Des);
        assert_eq!(caps.best_digest(), Digest::Sha1);
    }

    #[test]
    fn scep_standard_implies_aes_post_sha256() {
        let caps = Capabilities::parse("SCEPStandard");
        assert!(caps.post());
        assert_eq!(caps.best_cipher(), Cipher::Aes128);
        assert_eq!(caps.best_digest(), Digest::Sha256);
    }
}
