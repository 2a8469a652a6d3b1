//! Pending requests: what `poll` needs to finish a request the CA answered PENDING, possibly
//! in another process, after a reboot, from cron. One JSON file per transaction in
//! `<state>/pending/`, mode 0600. No secret is stored (the challenge is not needed to poll);
//! the key stays in its own file and is referenced by absolute path.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::{KEY_MODE, create_private_dir, write_atomic};
use crate::choices::Format;
use crate::pki::digest::Digest;
use crate::pki::envelope::Cipher;
use crate::transport::Method;
use crate::{Error, Result};

/// A request waiting for the CA: what both protocols keep, and the protocol's own part.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Pending {
    /// The transactionID polls carry (SCEP), or the request's name (EST): the SHA-256 of the
    /// request's public key, in hex.
    pub transaction_id: String,
    /// The server URL.
    pub url: String,
    /// Profile name, if one was in use.
    #[serde(default)]
    pub profile: Option<String>,
    /// Subject of the request (RFC 4514), for people.
    pub subject: String,
    /// Subject of the request, DER in base64, for CertPoll.
    pub subject_der: String,
    /// The key the request is for (absolute path); for a request made elsewhere, the CSR
    /// file it came from (`csr` holds the request).
    pub key: PathBuf,
    /// A request made elsewhere (`--csr`): its PKCS#10 DER in base64, whose public key the
    /// certificate is for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub csr: Option<String>,
    /// Where the key moves once the certificate is issued (when it was staged beside an
    /// existing key).
    #[serde(default)]
    pub install_key: Option<PathBuf>,
    /// Whether this run generated the key (and may remove it when the CA rejects it).
    #[serde(default)]
    pub key_generated: bool,
    /// Where the certificate goes.
    pub cert: PathBuf,
    /// Where the chain goes, if anywhere.
    #[serde(default)]
    pub chain: Option<PathBuf>,
    /// The encoding of the certificate and chain files.
    pub format: Format,
    /// The CA (and RA) certificates the request was made for, PEM.
    pub ca_certs: String,
    /// When the request was first sent (Unix seconds).
    pub created: u64,
    /// Requests and polls sent so far.
    pub attempts: u32,
    /// When the last one was sent (Unix seconds).
    pub last_attempt: u64,
    /// When the next poll is due, if a run is waiting (Unix seconds).
    #[serde(default)]
    pub next_attempt: Option<u64>,
    /// Keep the replaced key and certificate as `*.prev`.
    #[serde(default)]
    pub keep_old: bool,
    /// Also put the certificate on the token beside its key.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub cert_to_token: bool,
    /// A PKCS#12 bundle to write once the certificate is installed.
    #[serde(default)]
    pub p12: Option<P12Saved>,
    /// Why the last attempt failed, when it did (cleared by an answer from the CA).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_error: Option<String>,
    /// Cancelled by a person (`certenroll pending cancel`): `poll` leaves it alone until
    /// `pending resume`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub cancelled: bool,
    /// What only one protocol needs.
    #[serde(flatten)]
    pub protocol: Protocol,
}

/// The protocol's part of a pending request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Protocol {
    /// Polled with CertPoll.
    Scep(ScepSaved),
    /// Polled by sending the request again.
    Est(EstSaved),
}

/// What polling a SCEP request needs besides the common fields: the algorithms and method
/// the request was sent with, and a renewal's signer.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct ScepSaved {
    /// CA identifier for GetCACert, if one was given.
    #[serde(default)]
    pub ca_ident: Option<String>,
    /// Content-encryption algorithm.
    pub cipher: Cipher,
    /// Signature digest.
    pub digest: Digest,
    /// GET or POST.
    pub method: Method,
    /// A renewal: the current key (absolute path) that signs the messages... (without a
    /// certificate: the key that signs a request made elsewhere, with a throwaway
    /// certificate per message, as a request's own key does)
    #[serde(default)]
    pub signer_key: Option<PathBuf>,
    /// ...and its certificate (PEM), which the CA encrypts the reply to.
    #[serde(default)]
    pub signer_cert: Option<String>,
}

/// The protocol part as it is stored: `"scep": {...}` or `"est": {...}` beside the common
/// fields. certenroll 0.1.0 kept SCEP's fields among the common ones (filled with made-up
/// values for an EST request, which had `"est"`); such files are read too.
#[derive(Serialize, Deserialize)]
struct StoredProtocol {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    scep: Option<ScepSaved>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    est: Option<EstSaved>,
    #[serde(default, skip_serializing)]
    ca_ident: Option<String>,
    #[serde(default, skip_serializing)]
    cipher: Option<Cipher>,
    #[serde(default, skip_serializing)]
    digest: Option<Digest>,
    #[serde(default, skip_serializing)]
    method: Option<Method>,
    #[serde(default, skip_serializing)]
    signer_key: Option<PathBuf>,
    #[serde(default, skip_serializing)]
    signer_cert: Option<String>,
}

impl Serialize for Protocol {
    fn serialize<S: serde::Serializer>(
        &self,
        serializer: S,
    ) -> std::result::Result<S::Ok, S::Error> {
        let (scep, est) = match self {
            Protocol::Scep(saved) => (Some(saved.clone()), None),
            Protocol::Est(saved) => (None, Some(saved.clone())),
        };
        StoredProtocol {
            scep,
            est,
            ca_ident: None,
            cipher: None,
            digest: None,
            method: None,
            signer_key: None,
            signer_cert: None,
        }
        .serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Protocol {
    fn deserialize<D: serde::Deserializer<'de>>(
        deserializer: D,
    ) -> std::result::Result<Self, D::Error> {
        let stored = StoredProtocol::deserialize(deserializer)?;
        match stored {
            StoredProtocol { est: Some(est), .. } => Ok(Protocol::Est(est)),
            StoredProtocol {
                scep: Some(scep), ..
            } => Ok(Protocol::Scep(scep)),
            StoredProtocol {
                cipher: Some(cipher),
                digest: Some(digest),
                method: Some(method),
                ca_ident,
                signer_key,
                signer_cert,
                ..
            } => Ok(Protocol::Scep(ScepSaved {
                ca_ident,
                cipher,
                digest,
                method,
                signer_key,
                signer_cert,
            })),
            _ => Err(serde::de::Error::custom(
                "neither \"scep\" nor \"est\" says how to poll the request",
            )),
        }
    }
}

impl Protocol {
    /// "scep" or "est", as the history and `--json` name it.
    pub fn name(&self) -> &'static str {
        match self {
            Protocol::Scep(_) => "scep",
            Protocol::Est(_) => "est",
        }
    }
}

impl Pending {
    /// The SCEP part, if this is a SCEP request.
    pub fn scep(&self) -> Option<&ScepSaved> {
        match &self.protocol {
            Protocol::Scep(saved) => Some(saved),
            Protocol::Est(_) => None,
        }
    }

    /// The EST part, if this is an EST request.
    pub fn est(&self) -> Option<&EstSaved> {
        match &self.protocol {
            Protocol::Est(saved) => Some(saved),
            Protocol::Scep(_) => None,
        }
    }
}

/// What polling an EST request needs: the request itself (EST polls by sending it again,
/// RFC 7030 4.2.3) and where the credentials come from. Never a password: the request is
/// kept without its challengePassword, which is read again from its file or variable and
/// put back when the request is sent again.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
pub struct EstSaved {
    /// The PKCS#10 request without a challengePassword, DER in base64.
    pub csr: String,
    /// The file the request's challengePassword is read from again (absolute path).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub challenge_file: Option<PathBuf>,
    /// The environment variable the request's challengePassword is read from again.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub challenge_env: Option<String>,
    /// simplereenroll instead of simpleenroll.
    #[serde(default)]
    pub reenroll: bool,
    /// The CA label.
    #[serde(default)]
    pub label: Option<String>,
    /// HTTP Basic user name.
    #[serde(default)]
    pub username: Option<String>,
    /// The file the password is read from (absolute path).
    #[serde(default)]
    pub password_file: Option<PathBuf>,
    /// The environment variable the password is read from.
    #[serde(default)]
    pub password_env: Option<String>,
    /// TLS client certificate and key (absolute paths).
    #[serde(default)]
    pub client_cert: Option<PathBuf>,
    /// The key of the client certificate.
    #[serde(default)]
    pub client_key: Option<PathBuf>,
    /// Trust anchors for the server (absolute path), when not the built-in roots.
    #[serde(default)]
    pub ca_file: Option<PathBuf>,
    /// The system's trusted CAs instead of the built-in roots.
    #[serde(default)]
    pub system_roots: bool,
}

/// Where a pending request's PKCS#12 bundle goes and where its passphrase comes from (a
/// file or an environment variable; neither means a prompt). Never the passphrase itself.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
pub struct P12Saved {
    /// The bundle (absolute path).
    pub path: PathBuf,
    /// The file the passphrase is read from (absolute path).
    #[serde(default)]
    pub passphrase_file: Option<PathBuf>,
    /// The environment variable the passphrase is read from.
    #[serde(default)]
    pub passphrase_env: Option<String>,
}

/// The pending requests of one state directory.
pub struct PendingStore {
    dir: PathBuf,
}

impl PendingStore {
    /// The store under `state_dir`.
    pub fn new(state_dir: &Path) -> Self {
        PendingStore {
            dir: state_dir.join("pending"),
        }
    }

    /// The file of a pending request.
    pub fn file(&self, transaction_id: &str) -> Result<PathBuf> {
        self.path(transaction_id)
    }

    fn path(&self, transaction_id: &str) -> Result<PathBuf> {
        if transaction_id.is_empty()
            || !transaction_id
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        {
            return Err(Error::Invalid(format!(
                "'{}' is not a transaction ID",
                crate::sanitize::escape_untrusted(transaction_id)
            )));
        }
        Ok(self.dir.join(format!("{transaction_id}.json")))
    }

    /// Save (or update) a pending request.
    pub fn save(&self, pending: &Pending) -> Result<()> {
        create_private_dir(&self.dir)?;
        let json = serde_json::to_vec_pretty(pending)
            .map_err(|e| Error::Crypto(format!("encoding pending state failed: {e}")))?;
        write_atomic(
            &self.path(&pending.transaction_id)?,
            &json,
            KEY_MODE,
            "writing pending state",
        )
    }

    /// Load one pending request.
    pub fn load(&self, transaction_id: &str) -> Result<Pending> {
        let path = self.path(transaction_id)?;
        let bytes = std::fs::read(&path).map_err(|e| {
            if e.kind() == std::io::ErrorKind::NotFound {
                Error::Invalid(format!(
                    "no pending request with transaction {transaction_id} in {}",
                    self.dir.display()
                ))
            } else {
                Error::local("reading pending state", &path, e)
            }
        })?;
        serde_json::from_slice(&bytes).map_err(|e| {
            Error::local(
                "reading pending state",
                &path,
                std::io::Error::other(format!("not valid pending state: {e}")),
            )
        })
    }

    /// Every readable pending request, oldest first, and warnings for unreadable files.
    pub fn list(&self) -> (Vec<Pending>, Vec<String>) {
        let (mut found, warnings) = super::read_json_dir::<Pending>(&self.dir);
        found.sort_by_key(|p| (p.created, p.transaction_id.clone()));
        (found, warnings)
    }

    /// The pending request whose transaction ID is `id` or starts with it (a unique prefix
    /// is enough).
    pub fn find(&self, id: &str) -> Result<Pending> {
        let (all, _) = self.list();
        let mut matching: Vec<Pending> = all
            .into_iter()
            .filter(|p| p.transaction_id.starts_with(id))
            .collect();
        match matching.len() {
            _ if id.is_empty() => Err(Error::Invalid("give a transaction ID".into())),
            1 => Ok(matching.remove(0)),
            0 => Err(Error::Invalid(format!(
                "no pending request with transaction {} in {} (`certenroll list` shows them)",
                crate::sanitize::escape_untrusted(id),
                self.dir.display()
            ))),
            n => Err(Error::Invalid(format!(
                "{n} pending requests start with {}: give more of the transaction ID",
                crate::sanitize::escape_untrusted(id)
            ))),
        }
    }

    /// The pending requests for any of the key or certificate files `paths` (one reading of
    /// the store).
    pub fn for_files(&self, paths: &[&Path]) -> Vec<Pending> {
        let paths: Vec<PathBuf> = paths
            .iter()
            .filter_map(|p| super::absolute(p).ok())
            .collect();
        self.list()
            .0
            .into_iter()
            .filter(|p| {
                paths.iter().any(|path| {
                    p.key == *path || p.install_key.as_ref() == Some(path) || p.cert == *path
                })
            })
            .collect()
    }

    /// Forget a pending request (issued or rejected).
    pub fn remove(&self, transaction_id: &str) -> Result<()> {
        super::remove_file(&self.path(transaction_id)?, "removing pending state")
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A pending request for tests.
    pub(crate) fn sample(id: &str, created: u64) -> Pending {
        Pending {
            csr: None,
            cert_to_token: false,
            transaction_id: id.into(),
            url: "http://ca/scep".into(),
            profile: None,
            subject: "CN=x".into(),
            subject_der: "MAA=".into(),
            key: "/k".into(),
            install_key: None,
            key_generated: true,
            cert: "/c".into(),
            chain: None,
            format: Format::Pem,
            ca_certs: String::new(),
            created,
            attempts: 1,
            last_attempt: created,
            next_attempt: None,
            keep_old: false,
            p12: None,
            last_error: None,
            cancelled: false,
            protocol: Protocol::Scep(ScepSaved {
                ca_ident: None,
                cipher: Cipher::Aes128,
                digest: Digest::Sha256,
                method: Method::Post,
                signer_key: None,
                signer_cert: None,
            }),
        }
    }

    #[test]
    fn requests_saved_by_0_1_0_still_load() {
        let load = |text: &str| serde_json::from_str::<Pending>(text).unwrap();
        // SCEP: the protocol's fields were among the common ones.
        let scep = load(include_str!(
            "../../tests/data/state-0.1.0/scep-enroll.json"
        ));
        let part = scep.scep().unwrap();
        assert_eq!((part.cipher, part.digest), (Cipher::Aes128, Digest::Sha256));
        assert_eq!(part.method, Method::Post);
        assert_eq!(scep.subject, "CN=sample-scep");
        // A renewal: its signer (the `post_hook` it carried is not read).
        let renewal = load(include_str!("../../tests/data/state-0.1.0/scep-renew.json"));
        let part = renewal.scep().unwrap();
        assert!(part.signer_key.as_ref().unwrap().ends_with("r.key"));
        assert!(
            part.signer_cert
                .as_ref()
                .unwrap()
                .contains("BEGIN CERTIFICATE")
        );
        assert!(renewal.install_key.is_some());
        // EST: the made-up SCEP values are dropped; the EST part is what counts.
        let est = load(include_str!("../../tests/data/state-0.1.0/est-enroll.json"));
        assert!(est.scep().is_none());
        assert!(!est.est().unwrap().csr.is_empty());
        // Written again, each has only its own part.
        for request in [scep, renewal, est] {
            let json: serde_json::Value = serde_json::to_value(&request).unwrap();
            let keys = [
                "cipher",
                "digest",
                "method",
                "signer_key",
                "post_hook",
                "ca_ident",
            ];
            assert!(keys.iter().all(|k| json.get(k).is_none()), "{json}");
            assert_eq!(
                json.get("scep").is_some(),
                request.scep().is_some(),
                "{json}"
            );
            assert_eq!(json.get("est").is_some(), request.est().is_some());
            assert_eq!(serde_json::from_value::<Pending>(json).unwrap(), request);
        }
        // Neither part: a clear error, not a guess.
        let mut broken: serde_json::Value = serde_json::from_str(include_str!(
            "../../tests/data/state-0.1.0/scep-enroll.json"
        ))
        .unwrap();
        broken.as_object_mut().unwrap().remove("cipher");
        let err = serde_json::from_value::<Pending>(broken).unwrap_err();
        assert!(err.to_string().contains("how to poll"), "{err}");
    }

    #[test]
    fn save_load_list_remove() {
        let dir = tempfile::tempdir().unwrap();
        let store = PendingStore::new(dir.path());
        store.save(&sample("BBB", 2)).unwrap();
        store.save(&sample("AAA", 1)).unwrap();
        assert_eq!(store.load("AAA").unwrap(), sample("AAA", 1));
        std::fs::write(dir.path().join("pending/broken.json"), "{").unwrap();
        let (list, warnings) = store.list();
        assert_eq!(
            list.iter()
                .map(|p| p.transaction_id.as_str())
                .collect::<Vec<_>>(),
            ["AAA", "BBB"]
        );
        assert_eq!(warnings.len(), 1);
        store.remove("AAA").unwrap();
        store.remove("AAA").unwrap();
        assert!(
            store
                .load("AAA")
                .unwrap_err()
                .to_string()
                .contains("no pending request")
        );
        assert!(store.load("../etc/passwd").is_err());
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(dir.path().join("pending/BBB.json"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }
}
