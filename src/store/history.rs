//! The last 20 operations and how they ended, as a printer's enrollment status page shows
//! them: status (waiting, processing, error, success) and a decoded detail (Pending,
//! Communication error, Communication error (HTTP 500), SCEP ERROR failInfo 2 ...).
//!
//! Kept in `<state>/history.json`, replaced atomically. A corrupt file is set aside (renamed
//! with a `.corrupt-<time>` suffix) and the history starts fresh, with a warning: a broken
//! history never stops an enrollment.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::{CERT_MODE, write_atomic};
use crate::clock::{now_unix, rfc3339};
use crate::error::AuthProblem;
use crate::{Error, Result};

/// How many entries are kept.
pub const HISTORY_LEN: usize = 20;

/// How an operation ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// The CA has not decided; the request is saved and the next attempt is scheduled.
    Waiting,
    /// A poll is under way.
    Processing,
    /// The operation failed.
    Error,
    /// Done: issued and installed, or the query answered.
    Success,
}

impl Status {
    /// The word shown to people.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Waiting => "waiting",
            Status::Processing => "processing",
            Status::Error => "error",
            Status::Success => "success",
        }
    }
}

/// One recorded operation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// When it ended, RFC 3339.
    pub time: String,
    /// Profile name, if any.
    #[serde(default)]
    pub profile: Option<String>,
    /// "scep" (or "est").
    pub protocol: String,
    /// "enroll", "poll", "getcert", "getcrl"...
    pub operation: String,
    /// The server URL.
    pub server: String,
    /// The transactionID, when there is one.
    #[serde(default)]
    pub transaction_id: Option<String>,
    /// How it ended.
    pub status: Status,
    /// Why, in words.
    pub detail: String,
    /// The SCEP failInfo code of a rejection.
    #[serde(default)]
    pub fail_info: Option<u8>,
    /// The HTTP status of a failed exchange.
    #[serde(default)]
    pub http_status: Option<u16>,
    /// The process exit code the operation ended with.
    pub exit_code: u8,
    /// Serial of the issued certificate (hex).
    #[serde(default)]
    pub serial: Option<String>,
    /// Subject of the request or certificate.
    #[serde(default)]
    pub subject: Option<String>,
    /// notAfter of the issued certificate.
    #[serde(default)]
    pub not_after: Option<String>,
    /// SHA-256 fingerprint of the issued certificate.
    #[serde(default)]
    pub sha256: Option<String>,
    /// Where the issued certificate was installed.
    #[serde(default)]
    pub cert_path: Option<String>,
    /// How long the operation took, milliseconds.
    pub duration_ms: u64,
}

impl Entry {
    /// A new entry stamped now; fill in the optional fields as known.
    pub fn new(
        operation: &str,
        server: &str,
        status: Status,
        detail: String,
        exit_code: u8,
    ) -> Self {
        Entry {
            time: rfc3339(now_unix()),
            profile: None,
            protocol: "scep".into(),
            operation: operation.into(),
            // A password in the URL never reaches the history (a 0644 file).
            server: crate::transport::shown_url(server),
            transaction_id: None,
            status,
            detail,
            fail_info: None,
            http_status: None,
            exit_code,
            serial: None,
            subject: None,
            not_after: None,
            sha256: None,
            cert_path: None,
            duration_ms: 0,
        }
    }

    /// An error entry with the detail decoded from `err`.
    pub fn from_error(operation: &str, server: &str, err: &Error) -> Self {
        let mut entry = Entry::new(
            operation,
            server,
            Status::Error,
            detail(err),
            err.exit_code(),
        );
        match err {
            Error::ScepFailure {
                fail_info: Some(info),
                ..
            } => entry.fail_info = Some(info.code()),
            Error::HttpStatus { status, .. } => entry.http_status = Some(*status),
            Error::Unauthorized { status, .. } => entry.http_status = Some(*status),
            _ => {}
        }
        entry
    }
}

/// The detail a printer's status page would show for a failure.
pub fn detail(err: &Error) -> String {
    match err {
        Error::Communication { .. } => "Communication error".into(),
        Error::HttpStatus { status, .. } => format!("Communication error (HTTP {status})"),
        Error::Unauthorized {
            status, problem, ..
        } => match **problem {
            AuthProblem::Required { .. } => format!("Authentication required (HTTP {status})"),
            AuthProblem::ProofOfPossession => {
                format!("Proof of possession required (HTTP {status})")
            }
            _ => format!("Authentication failed (HTTP {status})"),
        },
        Error::NotSupported(msg) => format!("Not supported by the server: {msg}"),
        Error::ScepFailure {
            fail_info: Some(info),
            ..
        } => format!(
            "SCEP ERROR failInfo {} {}: {}",
            info.code(),
            info.name(),
            info.meaning()
        ),
        Error::ScepFailure {
            fail_info: None, ..
        } => "SCEP ERROR (no failInfo)".into(),
        Error::Untrusted(msg) => format!("Untrusted reply: {msg}"),
        pin @ Error::PinMismatch { .. } => format!(
            "Untrusted reply: {}",
            pin.to_string()
                .trim_start_matches("reply not trustworthy: ")
        ),
        Error::Local { .. } => format!("Local error: {err}"),
        Error::Invalid(msg) => format!("Configuration error: {msg}"),
        Error::Crypto(msg) => format!("Error: {msg}"),
        Error::Token(_) => format!("Token error: {err}"),
    }
}

/// The history file of a state directory.
pub struct History {
    path: PathBuf,
}

impl History {
    /// The history under `state_dir`.
    pub fn new(state_dir: &Path) -> Self {
        History {
            path: state_dir.join("history.json"),
        }
    }

    /// The entries, oldest first, and a warning if the file was corrupt (it is then set
    /// aside).
    pub fn load(&self) -> (Vec<Entry>, Option<String>) {
        let bytes = match std::fs::read(&self.path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return (Vec::new(), None),
            Err(e) => {
                return (
                    Vec::new(),
                    Some(format!(
                        "cannot read {}: {e}; starting a new history",
                        self.path.display()
                    )),
                );
            }
        };
        match serde_json::from_slice::<Vec<Entry>>(&bytes) {
            Ok(entries) => (entries, None),
            Err(e) => {
                let mut aside = self.path.clone().into_os_string();
                aside.push(format!(".corrupt-{}", now_unix()));
                let moved = std::fs::rename(&self.path, &aside).is_ok();
                (
                    Vec::new(),
                    Some(format!(
                        "the history file {} is corrupt ({e}); {}starting a new history",
                        self.path.display(),
                        if moved {
                            format!("kept it as {}, ", PathBuf::from(aside).display())
                        } else {
                            String::new()
                        }
                    )),
                )
            }
        }
    }

    /// Runs under different profiles append to the same file: one at a time, so that no entry
    /// is lost and a temporary file a killed run left can be removed safely (done here).
    fn lock(&self) -> Result<Option<super::lock::Lock>> {
        let Some(state_dir) = self.path.parent() else {
            return Ok(None);
        };
        let lock =
            super::lock::Lock::acquire(state_dir, ".history", std::time::Duration::from_secs(10))?;
        super::remove_leftover_temps(&self.path);
        Ok(Some(lock))
    }

    /// Remove a temporary file a killed run left beside the history.
    pub fn tidy(&self) -> Result<()> {
        self.lock().map(drop)
    }

    /// Append an entry, keeping the newest [`HISTORY_LEN`]. Returns a warning about a corrupt
    /// file, if there was one.
    pub fn append(&self, entry: Entry) -> Result<Option<String>> {
        let _lock = self.lock()?;
        let (mut entries, warning) = self.load();
        entries.push(entry);
        let excess = entries.len().saturating_sub(HISTORY_LEN);
        entries.drain(..excess);
        let json = serde_json::to_vec_pretty(&entries)
            .map_err(|e| Error::Crypto(format!("encoding the history failed: {e}")))?;
        write_atomic(&self.path, &json, CERT_MODE, "writing history")?;
        Ok(warning)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::FailInfo;

    #[test]
    fn keeps_the_newest_twenty() {
        let dir = tempfile::tempdir().unwrap();
        let history = History::new(dir.path());
        for i in 0..25 {
            let entry = Entry::new(
                "enroll",
                &format!("http://ca/{i}"),
                Status::Success,
                "ok".into(),
                0,
            );
            assert_eq!(history.append(entry).unwrap(), None);
        }
        let (entries, warning) = history.load();
        assert!(warning.is_none());
        assert_eq!(entries.len(), HISTORY_LEN);
        assert_eq!(entries[0].server, "http://ca/5");
        assert_eq!(entries[19].server, "http://ca/24");
    }

    #[test]
    fn corrupt_file_is_set_aside() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("history.json"), "[{not json").unwrap();
        let history = History::new(dir.path());
        let warning = history
            .append(Entry::new(
                "poll",
                "http://ca",
                Status::Waiting,
                "Pending".into(),
                3,
            ))
            .unwrap()
            .unwrap();
        assert!(warning.contains("corrupt"), "{warning}");
        assert_eq!(history.load().0.len(), 1);
        let aside: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| {
                e.file_name()
                    .to_string_lossy()
                    .starts_with("history.json.corrupt-")
            })
            .collect();
        assert_eq!(aside.len(), 1);
        assert_eq!(
            std::fs::read_to_string(aside[0].path()).unwrap(),
            "[{not json"
        );
    }

    #[test]
    fn details_read_like_a_status_page() {
        let fail = Error::ScepFailure {
            fail_info: Some(FailInfo::BadTime),
            text: None,
        };
        let entry = Entry::from_error("enroll", "http://ca", &fail);
        assert_eq!(
            entry.detail,
            "SCEP ERROR failInfo 3 badTime: signingTime was not close enough to the CA's clock"
        );
        assert_eq!((entry.fail_info, entry.exit_code), (Some(3), 4));
        let http = Error::HttpStatus {
            url: "u".into(),
            status: 500,
            body: String::new(),
        };
        let entry = Entry::from_error("poll", "u", &http);
        assert_eq!(entry.detail, "Communication error (HTTP 500)");
        assert_eq!(entry.http_status, Some(500));
        let comm = Error::Communication {
            url: "u".into(),
            kind: crate::error::CommError::Refused,
        };
        assert_eq!(detail(&comm), "Communication error");
    }
}
