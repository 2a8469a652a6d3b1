//! A renewal, before anything is sent: the pair installed now (the key must be the
//! certificate's), whether it is due by the renewal policy or because the CA changed, the
//! request that renews it (same subject, SANs and usages), and a renewal of it already
//! pending at the CA.

use std::path::Path;

use crate::pki::Certificate;
use x509_cert::ext::pkix::ExtendedKeyUsage;

use super::Current;
use crate::pki::cert;
use crate::pki::csr::{self, CsrSpec};
use crate::schedule::{RenewPolicy, renewal_due};
use crate::secret::Secret;
use crate::store::pending::{Pending, PendingStore};
use crate::{Error, Result};

/// The key and certificate installed at `key_path` and `cert_path`, checked to be a pair.
pub fn current(key_path: &Path, cert_path: &Path) -> Result<Current> {
    let key = super::install::read_key(key_path)?;
    let bytes = std::fs::read(cert_path).map_err(|e| {
        if e.kind() == std::io::ErrorKind::NotFound {
            Error::Invalid(format!(
                "there is no certificate at {} to renew; enroll first (certenroll enroll)",
                cert_path.display()
            ))
        } else {
            Error::local("reading certificate", cert_path, e)
        }
    })?;
    let cert = cert::parse_certificates(&bytes)?
        .into_iter()
        .next()
        .ok_or_else(|| Error::Invalid(format!("{} holds no certificate", cert_path.display())))?;
    if !cert::has_public_key(&cert, &key.public_key_info()?) {
        return Err(Error::local(
            "checking key",
            key_path,
            std::io::Error::other(format!(
                "it does not belong to the certificate {}",
                cert_path.display()
            )),
        ));
    }
    Ok(Current {
        key,
        key_path: key_path.to_path_buf(),
        cert,
    })
}

/// Whether a certificate is to be renewed now, and why.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Verdict {
    /// Due now.
    pub due: bool,
    /// From when by the renewal policy (RFC 3339).
    pub due_from: String,
    /// In words.
    pub why: String,
    /// Due because the CA changed (a person should know), in words.
    #[serde(skip)]
    pub ca_changed: Option<String>,
}

/// When the certificate valid from `not_before` to `not_after` (Unix seconds) is due by
/// `policy`.
pub fn by_policy(not_before: u64, not_after: u64, policy: &RenewPolicy) -> Verdict {
    let now = crate::clock::now_unix();
    let (due, from) = renewal_due(not_before, not_after, now, policy);
    let rfc3339 = crate::clock::rfc3339;
    let why = if now > not_after {
        format!("expired on {}", rfc3339(not_after))
    } else if due {
        format!(
            "due since {} (valid until {})",
            rfc3339(from),
            rfc3339(not_after)
        )
    } else {
        format!(
            "not due until {} (valid until {})",
            rfc3339(from),
            rfc3339(not_after)
        )
    };
    Verdict {
        due,
        due_from: rfc3339(from),
        why,
        ca_changed: None,
    }
}

/// Whether `current` is to be renewed now: by `policy`, because the CA changed (the pin and
/// the chain file say so), or because the person forces it.
pub fn verdict(
    current: &Certificate,
    policy: &RenewPolicy,
    (pin, chain): (Option<&str>, Option<&Path>),
    force: bool,
) -> Verdict {
    let validity = current.tbs_certificate().validity();
    let mut verdict = by_policy(
        validity.not_before.to_unix_duration().as_secs(),
        validity.not_after.to_unix_duration().as_secs(),
        policy,
    );
    if let Some(reason) = ca_changed(current, pin, chain) {
        verdict.due = true;
        verdict.why.clone_from(&reason);
        verdict.ca_changed = Some(reason);
    } else if force && !verdict.due {
        verdict.due = true;
        verdict.why = format!("--force ({})", verdict.why);
    }
    verdict
}

/// Why the installed certificate must be renewed now whatever its age: it comes from another
/// CA than the pinned one (the chain file's CA has another fingerprint, or did not issue it).
/// Needs the pin and the chain file (both usually in the profile); otherwise nothing is known
/// offline.
pub fn ca_changed(
    current: &Certificate,
    pin: Option<&str>,
    chain: Option<&Path>,
) -> Option<String> {
    let pin = cert::parse_fingerprint(pin?).ok()?;
    let chain = cert::parse_certificates(&std::fs::read(chain?).ok()?).ok()?;
    let ca = chain.first()?;
    // The pinned CA is the issuing CA, one above it, or (after a rollover, until the pin is
    // moved) the CA that announced it, kept at the end of the file.
    if !chain.iter().any(|c| cert::matches_fingerprint(c, &pin)) {
        return Some("the pinned CA is not the one in the chain file".into());
    }
    cert::verify_issued_by(current, ca)
        .err()
        .map(|_| "the installed certificate was not issued by the pinned CA".into())
}

/// The request for the renewal: same subject, SANs and usages as the current certificate.
pub fn request_for(current: &Certificate, challenge: Option<Secret>) -> CsrSpec {
    let tbs = current.tbs_certificate();
    let extensions = tbs.extensions().cloned().unwrap_or_default();
    let eku = match tbs.get_extension::<ExtendedKeyUsage>() {
        Ok(Some((_, eku))) => eku.0,
        _ => Vec::new(),
    };
    CsrSpec {
        subject: tbs.subject().clone(),
        sans: csr::sans_in(&extensions),
        key_usage: cert::key_usage(current),
        extended_key_usage: eku,
        challenge,
    }
}

/// A renewal of the key at `key_path` already waiting at the CA: it is polled instead of
/// sending another request (which would replace its staged key).
pub fn pending_for(store: &PendingStore, key_path: &Path) -> Option<Pending> {
    let key = crate::store::absolute(key_path).ok()?;
    let (pending, _) = store.list();
    pending
        .into_iter()
        .find(|p| p.install_key.as_ref() == Some(&key))
}
