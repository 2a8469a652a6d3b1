//! The certificates certenroll manages: one record per installed certificate in
//! `<state>/managed/` (a JSON file named by a hash of the certificate's absolute path, mode
//! 0600), written when a certificate is installed and updated with each result that concerns
//! it. It never depends on the history: `certenroll list` reads it, however many other results
//! came since. A state directory without one (certenroll 0.1.0) is seeded from the history's
//! installed files.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::absolute;
use super::history::{Entry, Status};
use super::{KEY_MODE, create_private_dir, write_atomic};
use crate::pki::digest::Digest;
use crate::{Error, Result};

/// One managed certificate.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Managed {
    /// The certificate file (absolute).
    pub cert: PathBuf,
    /// Its key file (absolute; unknown for a certificate seeded from a 0.1.0 history, and
    /// none for a request made elsewhere).
    #[serde(default)]
    pub key: Option<PathBuf>,
    /// Enrolled for a request made elsewhere (`--csr`): its key, and renewing it, are the
    /// request's maker's.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub made_elsewhere: bool,
    /// The chain file, if one is written.
    #[serde(default)]
    pub chain: Option<PathBuf>,
    /// The PKCS#12 bundle, if one is written.
    #[serde(default)]
    pub p12: Option<PathBuf>,
    /// The profile it belongs to.
    #[serde(default)]
    pub profile: Option<String>,
    /// "scep" or "est".
    pub protocol: String,
    /// The server it came from.
    pub url: String,
    /// SHA-256 fingerprint of the issuing CA.
    #[serde(default)]
    pub ca_sha256: Option<String>,
    /// The certificate as installed: serial (hex), subject, SANs, validity, fingerprint.
    pub serial: String,
    /// Subject (RFC 4514).
    pub subject: String,
    /// Subject alternative names ("dns:…", "ip:…").
    #[serde(default)]
    pub sans: Vec<String>,
    /// notBefore (Unix seconds).
    pub not_before: u64,
    /// notAfter (Unix seconds).
    pub not_after: u64,
    /// SHA-256 fingerprint of the installed certificate (a file replaced by hand differs).
    pub sha256: String,
    /// The last result that concerned it.
    #[serde(default)]
    pub last: Option<LastResult>,
    /// The last answer about its revocation (`ocsp`, or a `renew` run that asked).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revocation: Option<LastResult>,
}

/// The operation of a revocation check's result (history entry and registry note).
pub const REVOCATION_OPERATION: &str = "ocsp";

/// The last result for a managed certificate.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct LastResult {
    /// When (RFC 3339).
    pub time: String,
    /// "enroll", "renew", "poll"…
    pub operation: String,
    /// How it ended.
    pub status: Status,
    /// Why, in words.
    pub detail: String,
    /// The exit code it ended with.
    pub exit_code: u8,
}

impl LastResult {
    fn of(entry: &Entry) -> Self {
        LastResult {
            time: entry.time.clone(),
            operation: entry.operation.clone(),
            status: entry.status,
            detail: entry.detail.clone(),
            exit_code: entry.exit_code,
        }
    }
}

/// The managed certificates of one state directory.
pub struct Registry {
    state_dir: PathBuf,
    dir: PathBuf,
}

impl Registry {
    /// The registry under `state_dir`.
    pub fn new(state_dir: &Path) -> Self {
        Registry {
            state_dir: state_dir.to_path_buf(),
            dir: state_dir.join("managed"),
        }
    }

    /// Runs under different profiles write records: one at a time, so that a temporary file
    /// a killed run left can be removed safely (done here).
    fn lock(&self) -> Result<super::lock::Lock> {
        let lock = super::lock::Lock::acquire(
            &self.state_dir,
            ".registry",
            std::time::Duration::from_secs(10),
        )?;
        if let Ok(entries) = std::fs::read_dir(&self.dir) {
            for entry in entries.flatten() {
                let path = entry.path();
                if path.extension().is_some_and(|e| e == "tmp") {
                    super::remove_leftover_temps(&path.with_extension("").with_extension(""));
                }
            }
        }
        Ok(lock)
    }

    /// Remove temporary files a killed run left.
    pub fn tidy(&self) -> Result<()> {
        if self.dir.is_dir() {
            self.lock().map(drop)?;
        }
        Ok(())
    }

    /// The record's file for the certificate at `cert`.
    pub fn file(&self, cert: &Path) -> Result<PathBuf> {
        let cert = absolute(cert)?;
        let hash = Digest::Sha256.hash(cert.as_os_str().as_encoded_bytes());
        Ok(self
            .dir
            .join(format!("{}.json", crate::pki::hex(&hash[..16]))))
    }

    /// Record (or replace) a managed certificate; its paths are made absolute.
    pub fn save(&self, managed: Managed) -> Result<()> {
        let _lock = self.lock()?;
        self.write(managed)
    }

    fn write(&self, mut managed: Managed) -> Result<()> {
        managed.cert = absolute(&managed.cert)?;
        managed.key = managed.key.as_deref().map(absolute).transpose()?;
        managed.chain = managed.chain.as_deref().map(absolute).transpose()?;
        managed.p12 = managed.p12.as_deref().map(absolute).transpose()?;
        create_private_dir(&self.dir)?;
        let json = serde_json::to_vec_pretty(&managed)
            .map_err(|e| Error::Crypto(format!("encoding the registry failed: {e}")))?;
        write_atomic(
            &self.file(&managed.cert)?,
            &json,
            KEY_MODE,
            "writing the registry",
        )
    }

    /// The record of the certificate at `cert`, if it is managed.
    pub fn get(&self, cert: &Path) -> Option<Managed> {
        let bytes = std::fs::read(self.file(cert).ok()?).ok()?;
        serde_json::from_slice(&bytes).ok()
    }

    /// Record a certificate just installed, with the result that installed it.
    pub fn installed(&self, mut managed: Managed, entry: &Entry) -> Result<()> {
        managed.last = Some(LastResult::of(entry));
        // A new certificate: what was known of the old one's revocation is not about it.
        managed.revocation = None;
        self.save(managed)
    }

    /// Note a result in the record of the certificate it concerns (`entry.cert_path`), if
    /// that certificate is managed.
    pub fn note(&self, entry: &Entry) -> Result<()> {
        let Some(cert) = entry.cert_path.as_deref().map(Path::new) else {
            return Ok(());
        };
        if self.get(cert).is_none() {
            return Ok(());
        }
        let _lock = self.lock()?;
        let Some(mut managed) = self.get(cert) else {
            return Ok(());
        };
        if entry.operation == REVOCATION_OPERATION {
            managed.revocation = Some(LastResult::of(entry));
        } else {
            managed.last = Some(LastResult::of(entry));
        }
        self.write(managed)
    }

    /// Forget a certificate (it is no longer managed here).
    pub fn remove(&self, cert: &Path) -> Result<()> {
        super::remove_file(&self.file(cert)?, "removing a registry record")
    }

    /// Whether the registry has been started (a state directory of certenroll 0.1.0 has not).
    pub fn exists(&self) -> bool {
        self.dir.is_dir()
    }

    /// Every readable record, by certificate path, and warnings for unreadable files.
    pub fn list(&self) -> (Vec<Managed>, Vec<String>) {
        let (mut found, warnings) = super::read_json_dir::<Managed>(&self.dir);
        found.sort_by(|a, b| a.cert.cmp(&b.cert));
        (found, warnings)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn sample(cert: &Path) -> Managed {
        Managed {
            made_elsewhere: false,
            cert: cert.to_path_buf(),
            key: Some(cert.with_extension("key")),
            chain: None,
            p12: None,
            profile: Some("printer".into()),
            protocol: "scep".into(),
            url: "http://ca/scep".into(),
            ca_sha256: None,
            serial: "0A".into(),
            subject: "CN=printer".into(),
            sans: vec!["dns:printer".into()],
            not_before: 1,
            not_after: 2,
            sha256: "AB".into(),
            last: None,
            revocation: None,
        }
    }

    #[test]
    fn records_are_kept_by_absolute_path_and_note_their_results() {
        let dir = tempfile::tempdir().unwrap();
        let registry = Registry::new(dir.path());
        assert!(!registry.exists());
        let cwd = std::env::current_dir().unwrap();
        registry
            .save(sample(Path::new("relative/cert.pem")))
            .unwrap();
        let (list, warnings) = registry.list();
        assert!(warnings.is_empty());
        assert_eq!(list[0].cert, cwd.join("relative/cert.pem"));
        assert_eq!(list[0].key, Some(cwd.join("relative/cert.key")));

        let mut entry = Entry::new("renew", "http://ca/scep", Status::Error, "down".into(), 5);
        entry.cert_path = Some(cwd.join("relative/cert.pem").display().to_string());
        registry.note(&entry).unwrap();
        let last = registry
            .get(Path::new("relative/cert.pem"))
            .unwrap()
            .last
            .unwrap();
        assert_eq!((last.status, last.exit_code), (Status::Error, 5));
        // A result for a certificate that is not managed changes nothing.
        entry.cert_path = Some("/elsewhere.pem".into());
        registry.note(&entry).unwrap();
        assert_eq!(registry.list().0.len(), 1);
    }
}
