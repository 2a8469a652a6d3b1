//! What certenroll looks after on this machine, as a person needs to see it: each managed
//! certificate (from the registry, [`crate::store::registry`]) with its state, days left and
//! when renewal is due, and each pending request with its state and next step. `list`
//! shows it; `renew --dry-run` says the same of one certificate.

use std::path::Path;

use serde::Serialize;

use crate::clock::{now_unix, rfc3339};
use crate::enroll::renewal::{Verdict, by_policy};
use crate::pki::cert;
use crate::pki::digest::Digest;
use crate::schedule::RenewPolicy;
use crate::store::history::{History, Status};
use crate::store::lock::Lock;
use crate::store::pending::{Pending, PendingStore};
use crate::store::registry::{Managed, Registry};

/// The state of a managed certificate, as a device's status page names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CertState {
    /// Installed; the last attempt (if any) went well.
    Success,
    /// The last attempt failed; the certificate stays.
    Error,
    /// A run is working on it now (its key's lock is held).
    Processing,
    /// The certificate file is gone.
    Missing,
    /// The certificate file is not the one certenroll installed.
    Replaced,
}

/// The state of a pending request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PendingState {
    /// The next attempt is scheduled.
    Waiting,
    /// A run is polling it now (its key's lock is held).
    Processing,
    /// The last attempt failed.
    Error,
    /// Left alone until `pending resume`.
    Cancelled,
}

/// A managed certificate, seen now.
#[derive(Debug, Clone, Serialize)]
pub struct CertView {
    /// Its state.
    pub status: CertState,
    /// The record.
    pub managed: Managed,
    /// Days until notAfter (negative once expired).
    pub days_left: i64,
    /// When renewal is due.
    pub renewal: Verdict,
    /// What to do next, in words.
    pub next_step: String,
}

/// A pending request, seen now.
#[derive(Debug, Clone, Serialize)]
pub struct PendingView {
    /// Its state.
    pub status: PendingState,
    /// The saved request.
    pub pending: Pending,
    /// What to do next, in words.
    pub next_step: String,
}

/// The managed certificates (with `--profile`, that profile's), each with the renewal policy
/// `policy` gives for its profile, and warnings for unreadable records.
pub fn certificates(
    state_dir: &Path,
    profile: Option<&str>,
    policy: &dyn Fn(Option<&str>) -> RenewPolicy,
) -> (Vec<CertView>, Vec<String>) {
    let registry = Registry::new(state_dir);
    let mut warnings = Vec::new();
    if !registry.exists() {
        warnings.extend(seed(state_dir, &registry));
    }
    let (records, unreadable) = registry.list();
    warnings.extend(unreadable);
    let now = now_unix() as i64;
    let views = records
        .into_iter()
        .filter(|m| profile.is_none() || m.profile.as_deref() == profile)
        .map(|managed| {
            let renewal = by_policy(
                managed.not_before,
                managed.not_after,
                &policy(managed.profile.as_deref()),
            );
            let status = cert_state(&managed);
            // The last answer about its revocation said revoked (exit 4): renew replaces it.
            let revoked = managed
                .revocation
                .as_ref()
                .is_some_and(|r| r.exit_code == crate::error::exit::REJECTED);
            let next_step = match status {
                CertState::Success if revoked => {
                    "certenroll renew now: it was revoked (renew replaces it with a new key)"
                        .to_string()
                }
                CertState::Missing | CertState::Replaced => {
                    "enroll again (certenroll enroll), or restore the files".to_string()
                }
                CertState::Processing => "wait for the run that holds its lock".to_string(),
                CertState::Error => {
                    "see the reason; `certenroll doctor` checks the server and the files".into()
                }
                CertState::Success if managed.made_elsewhere && renewal.due => {
                    "its key is its request's maker's: enroll the maker's next request (--csr)"
                        .to_string()
                }
                CertState::Success if renewal.due => "certenroll renew".to_string(),
                CertState::Success => format!("nothing until {}", renewal.due_from),
            };
            CertView {
                status,
                days_left: (managed.not_after as i64 - now).div_euclid(86_400),
                renewal,
                managed,
                next_step,
            }
        })
        .collect();
    (views, warnings)
}

fn cert_state(managed: &Managed) -> CertState {
    let installed = std::fs::read(&managed.cert)
        .ok()
        .and_then(|bytes| cert::parse_certificates(&bytes).ok())
        .and_then(|certs| certs.into_iter().next());
    match installed {
        None => CertState::Missing,
        Some(c) if cert::fingerprint(&c, Digest::Sha256) != managed.sha256 => CertState::Replaced,
        Some(_) if managed.key.as_deref().is_some_and(Lock::held_beside) => CertState::Processing,
        Some(_) => match &managed.last {
            Some(last) if last.status == Status::Error => CertState::Error,
            _ => CertState::Success,
        },
    }
}

/// The pending requests (with `--profile`, that profile's), and warnings for unreadable ones.
pub fn pending(state_dir: &Path, profile: Option<&str>) -> (Vec<PendingView>, Vec<String>) {
    let (all, warnings) = PendingStore::new(state_dir).list();
    let views = all
        .into_iter()
        .filter(|p| profile.is_none() || p.profile.as_deref() == profile)
        .map(|pending| {
            let key = pending.install_key.as_ref().unwrap_or(&pending.key);
            let (status, next_step) = if pending.cancelled {
                (
                    PendingState::Cancelled,
                    format!(
                        "certenroll pending resume {}, or pending delete",
                        short(&pending.transaction_id)
                    ),
                )
            } else if Lock::held_beside(key) {
                (
                    PendingState::Processing,
                    "wait for the run that polls it".to_string(),
                )
            } else if let Some(reason) = &pending.last_error {
                (
                    PendingState::Error,
                    format!("{reason}; certenroll poll tries again"),
                )
            } else {
                let when = pending
                    .next_attempt
                    .map_or("at the next `certenroll poll`".to_string(), |t| {
                        format!("certenroll poll, not before {}", rfc3339(t))
                    });
                (PendingState::Waiting, when)
            };
            PendingView {
                status,
                pending,
                next_step,
            }
        })
        .collect();
    (views, warnings)
}

/// The first 12 characters of a transaction ID: enough to name it.
pub fn short(transaction_id: &str) -> &str {
    &transaction_id[..transaction_id.len().min(12)]
}

/// Start the registry of a state directory certenroll 0.1.0 wrote: a record for each
/// certificate its history says was installed and that is still there (its key unknown).
fn seed(state_dir: &Path, registry: &Registry) -> Vec<String> {
    let (entries, warning) = History::new(state_dir).load();
    let mut warnings: Vec<String> = warning.into_iter().collect();
    for entry in entries.iter().filter(|e| e.status == Status::Success) {
        let Some(path) = entry.cert_path.as_deref().map(Path::new) else {
            continue;
        };
        let Some(installed) = std::fs::read(path)
            .ok()
            .and_then(|bytes| cert::parse_certificates(&bytes).ok())
            .and_then(|certs| certs.into_iter().next())
        else {
            continue;
        };
        let tbs = installed.tbs_certificate();
        let sans = crate::pki::csr::sans_in(tbs.extensions().map_or(&[][..], Vec::as_slice));
        let managed = Managed {
            made_elsewhere: false,
            cert: path.to_path_buf(),
            key: None,
            chain: None,
            p12: None,
            profile: entry.profile.clone(),
            protocol: entry.protocol.clone(),
            url: entry.server.clone(),
            ca_sha256: None,
            serial: cert::summary(&installed).serial,
            subject: cert::name_to_string(tbs.subject()),
            sans: sans.iter().map(ToString::to_string).collect(),
            not_before: tbs.validity().not_before.to_unix_duration().as_secs(),
            not_after: tbs.validity().not_after.to_unix_duration().as_secs(),
            sha256: cert::fingerprint(&installed, Digest::Sha256),
            last: None,
            revocation: None,
        };
        if let Err(err) = registry.save(managed) {
            warnings.push(format!("the registry could not be started: {err}"));
            break;
        }
    }
    warnings
}
