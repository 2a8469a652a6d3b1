//! What `enroll` and `poll` share: the jitter before the first request, polling a pending
//! request by the poll policy, and finishing it (installing an issued certificate, keeping a
//! still-pending request for later, forgetting a rejected one), with the history and the
//! saved state kept in step.

use std::path::Path;
use std::time::Duration;

use anyhow::Result;
use base64::Engine;
use certenroll::Error;
use certenroll::clock::now_unix;
use certenroll::enroll::poll::{End, Polled};
use certenroll::error::exit;
use certenroll::pki::cert::{self, CertSummary};
use certenroll::pki::digest::Digest;
use certenroll::pki::envelope::Cipher;
use certenroll::pki::key::PrivateKey;
use certenroll::scep::cacert::CaCerts;
use certenroll::scep::client::{Client, Enrolled, Method, Session};
use certenroll::schedule::PollPolicy;
use certenroll::store::history::{Entry, Status};
use certenroll::store::pending::{Pending, PendingStore, Protocol, ScepSaved};
use der::Decode;
use serde::Serialize;
use x509_cert::Certificate;
use x509_cert::name::Name;

use super::pkcs12::P12Out;
use super::{Destination, record};
use crate::cli::{Format, PolicyArgs};
use crate::output::Output;
use certenroll::enroll::install::{self, Hook};

/// The result object of `enroll` and `poll` with `--json`.
#[derive(Serialize)]
struct ResultJson<'a> {
    status: &'static str,
    protocol: &'static str,
    url: &'a str,
    transaction_id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    method: Option<Method>,
    #[serde(skip_serializing_if = "Option::is_none")]
    cipher: Option<Cipher>,
    #[serde(skip_serializing_if = "Option::is_none")]
    digest: Option<Digest>,
    #[serde(skip_serializing_if = "Option::is_none")]
    certificate: Option<CertSummary>,
    files: Files,
}

/// Files of a result.
#[derive(Serialize)]
pub struct Files {
    pub key: std::path::PathBuf,
    pub cert: std::path::PathBuf,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub chain: Option<std::path::PathBuf>,
    /// The PKCS#12 bundle.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub p12: Option<std::path::PathBuf>,
}

/// The poll policy of the flags.
pub fn policy(args: &PolicyArgs) -> PollPolicy {
    PollPolicy {
        interval: Duration::from_secs(args.poll_interval),
        count: args.poll_count,
        retry_on_error: args.retry_on_error,
    }
}

/// A pending request ready to poll: its saved state, and what polling needs from it.
pub struct Request {
    pub pending: Pending,
    pub key: PrivateKey,
    pub subject: Name,
    pub ca: CaCerts,
    /// A renewal's signer: the current key and certificate.
    pub signer: Option<(PrivateKey, Certificate)>,
    /// The PKCS#12 bundle to write, passphrase in hand.
    pub p12: Option<P12Out>,
    /// The deploy hook of this run's configuration (never one saved with the request).
    pub hook: Option<Hook>,
}

impl Request {
    /// Load the key and certificates a saved request names; `hook` is the deploy hook of the
    /// configuration in force now.
    pub fn load(pending: Pending, hook: Option<Hook>, out: &Output) -> Result<Self> {
        let bytes = std::fs::read(&pending.key)
            .map_err(|e| Error::local("reading the pending request's key", &pending.key, e))?;
        let key = PrivateKey::from_bytes(&bytes)?;
        let subject_der = base64::engine::general_purpose::STANDARD
            .decode(&pending.subject_der)
            .map_err(|e| Error::Invalid(format!("the saved subject is damaged: {e}")))?;
        let subject = Name::from_der(&subject_der)
            .map_err(|e| Error::Invalid(format!("the saved subject is damaged: {e}")))?;
        let ca = CaCerts::from_certs(cert::parse_certificates(pending.ca_certs.as_bytes())?)?;
        let signer = match pending
            .scep()
            .map(|scep| (&scep.signer_key, &scep.signer_cert))
        {
            Some((Some(path), Some(pem))) => {
                let bytes = std::fs::read(path)
                    .map_err(|e| Error::local("reading the renewal's current key", path, e))?;
                let cert = cert::parse_certificates(pem.as_bytes())?
                    .into_iter()
                    .next()
                    .ok_or_else(|| {
                        Error::Invalid("the saved signer certificate is damaged".into())
                    })?;
                Some((PrivateKey::from_bytes(&bytes)?, cert))
            }
            _ => None,
        };
        let p12 = pending
            .p12
            .as_ref()
            .map(|saved| super::pkcs12::from_saved(saved, out))
            .transpose()?;
        Ok(Request {
            pending,
            key,
            subject,
            ca,
            signer,
            p12,
            hook,
        })
    }

    fn destination(&self) -> Destination {
        Destination {
            cert: self.pending.cert.clone(),
            chain: self.pending.chain.clone(),
            format: self.pending.format,
            key: self
                .pending
                .install_key
                .clone()
                .unwrap_or_else(|| self.pending.key.clone()),
            staged_key: self
                .pending
                .install_key
                .as_ref()
                .map(|_| self.pending.key.clone()),
            keep_old: self.pending.keep_old,
            hook: self.hook.clone(),
            p12: self.p12.clone(),
        }
    }
}

/// Poll a saved SCEP request (CertPoll) by `policy`, at once or (`wait_first`) after an
/// interval, saving its state as it goes.
pub fn poll(
    client: &Client<'_>,
    store: &PendingStore,
    request: &mut Request,
    policy: &PollPolicy,
    wait_first: bool,
    out: &Output,
) -> Result<End, Error> {
    let scep = request
        .pending
        .scep()
        .cloned()
        .ok_or_else(|| Error::Invalid("not a SCEP request".into()))?;
    let first = if wait_first {
        policy.interval
    } else {
        Duration::ZERO
    };
    let Request {
        pending,
        key,
        subject,
        ca,
        signer,
        ..
    } = request;
    let session = Session {
        key,
        subject,
        ca,
        cipher: scep.cipher,
        digest: scep.digest,
        method: scep.method,
        signer: signer
            .as_ref()
            .map(|(key, cert)| certenroll::scep::pkimessage::Signer { key, cert }),
    };
    let transaction_id = pending.transaction_id.clone();
    certenroll::enroll::poll::poll(
        pending,
        store,
        policy,
        first,
        out,
        "asking the CA (CertPoll)",
        || match client.poll(&session, &transaction_id)? {
            Enrolled::Issued { cert, .. } => Ok(Polled::Issued(cert)),
            Enrolled::Pending { .. } => Ok(Polled::Pending(None)),
        },
    )
}

/// Everything needed to report one request's result.
pub struct Report<'a> {
    pub operation: &'a str,
    pub url: &'a str,
    pub transaction_id: &'a str,
    pub subject: String,
    /// SCEP: how the request was sent (None for EST).
    pub scep: Option<(Method, Cipher, Digest)>,
    pub files: Files,
    /// When the operation started (for the history's duration).
    pub started: std::time::Instant,
    /// The profile, if one is in use.
    pub profile: Option<String>,
}

impl<'a> Report<'a> {
    /// The `--json` result object.
    fn into_json(self, status: &'static str, certificate: Option<CertSummary>) -> ResultJson<'a> {
        ResultJson {
            status,
            protocol: if self.scep.is_some() { "scep" } else { "est" },
            url: self.url,
            transaction_id: self.transaction_id,
            method: self.scep.map(|(m, _, _)| m),
            cipher: self.scep.map(|(_, c, _)| c),
            digest: self.scep.map(|(_, _, d)| d),
            certificate,
            files: self.files,
        }
    }
}

/// Install an issued certificate (forgetting the pending request `pending` once it is in
/// place) and report it.
#[allow(clippy::too_many_arguments)]
pub fn issued(
    state_dir: &Path,
    report: Report<'_>,
    dest: &Destination,
    cert: &Certificate,
    ca: &CaCerts,
    key_description: &str,
    pending: Option<&str>,
    out: &Output,
) -> Result<u8> {
    let settled = install::install(state_dir, dest, cert, &ca.chain(), pending)?;
    for note in &settled.notes {
        out.warn(note);
    }
    let summary = cert::summary(cert);
    let mut entry = Entry::new(
        report.operation,
        report.url,
        Status::Success,
        "Issued".into(),
        exit::OK,
    );
    entry.transaction_id = Some(report.transaction_id.to_string());
    if report.scep.is_none() {
        entry.protocol = "est".into();
    }
    entry.serial = Some(summary.serial.clone());
    entry.subject = Some(summary.subject.clone());
    entry.not_after = Some(summary.not_after.clone());
    entry.sha256 = Some(summary.sha256.clone());
    entry.cert_path = Some(dest.cert.display().to_string());
    entry.profile = report.profile.clone();
    record(state_dir, entry, report.started, out);
    let mut text = format!("Issued certificate\n{}", super::describe_cert(&summary));
    text.push_str(&format!(
        "\n  key       {} ({key_description})\n  cert      {}",
        dest.key.display(),
        dest.cert.display()
    ));
    if let Some(chain) = &dest.chain {
        text.push_str(&format!("\n  chain     {}", chain.display()));
    }
    if let Some(bundle) = &dest.p12 {
        text.push_str(&format!(
            "\n  pkcs12    {} (mode 0600)",
            bundle.path.display()
        ));
    }
    out.human(&text);
    let profile = report.profile.clone();
    let (url, started) = (report.url.to_string(), report.started);
    let operation = report.operation.to_string();
    out.json(&report.into_json("issued", Some(summary)));
    if let Some(message) = settled.hook_failed {
        out.warn(&message);
        let mut entry = Entry::new(
            &operation,
            &url,
            Status::Error,
            format!("Post-hook failed: {message}"),
            exit::OTHER,
        );
        entry.profile = profile;
        record(state_dir, entry, started, out);
        return Ok(exit::OTHER);
    }
    Ok(exit::OK)
}

/// Report a request that is still pending (its state is saved) and return exit code 3.
pub fn still_pending(state_dir: &Path, report: Report<'_>, key_file: &Path, out: &Output) -> u8 {
    let mut entry = Entry::new(
        report.operation,
        report.url,
        Status::Waiting,
        "Pending".into(),
        exit::PENDING,
    );
    entry.transaction_id = Some(report.transaction_id.to_string());
    entry.subject = Some(report.subject.clone());
    entry.profile = report.profile.clone();
    if report.scep.is_none() {
        entry.protocol = "est".into();
    }
    record(state_dir, entry, report.started, out);
    out.human(&format!(
        "Pending: the CA has not issued the certificate yet; the request is saved.\n  transaction {}\n  subject     {}\n  key         {}\nRun `certenroll poll` later (from cron or a timer: `certenroll poll --jitter 1..600`) to finish it.",
        report.transaction_id,
        report.subject,
        key_file.display()
    ));
    out.json(&report.into_json("pending", None));
    exit::PENDING
}

/// After a poll failed: a rejection ends the request (its state goes, and a key generated
/// for it is removed unless it is the installed certificate's key); any other failure keeps
/// it for the next `poll`.
pub fn forget_if_rejected(store: &PendingStore, request: &Request, err: &Error, out: &Output) {
    if matches!(err, Error::ScepFailure { .. }) {
        if let Err(e) = store.remove(&request.pending.transaction_id) {
            out.warn(&e.to_string());
        }
        if request.pending.key_generated {
            install::discard_key(&request.pending.key, &request.pending.cert);
        }
    }
}

/// The report fields of a saved request.
pub fn report<'a>(
    request: &'a Request,
    (operation, started): (&'a str, std::time::Instant),
) -> Report<'a> {
    let dest = request.destination();
    Report {
        operation,
        url: &request.pending.url,
        transaction_id: &request.pending.transaction_id,
        subject: request.pending.subject.clone(),
        scep: request
            .pending
            .scep()
            .map(|scep| (scep.method, scep.cipher, scep.digest)),
        files: Files {
            key: dest.key,
            cert: dest.cert,
            chain: dest.chain,
            p12: dest.p12.map(|bundle| bundle.path),
        },
        started,
        profile: request.pending.profile.clone(),
    }
}

/// What a request the CA answered PENDING needs saved; see [`new_pending`].
pub struct NewPending<'a> {
    pub transaction_id: &'a str,
    pub url: &'a str,
    pub profile: Option<String>,
    pub subject: &'a Name,
    /// The key the request is for (staged beside `install_key`, or in place).
    pub key: &'a Path,
    /// Where the key goes once issued, when it is staged.
    pub install_key: Option<&'a Path>,
    pub key_generated: bool,
    pub cert: &'a Path,
    pub chain: Option<&'a Path>,
    pub format: Format,
    pub ca: &'a CaCerts,
    pub keep_old: bool,
    pub p12: Option<&'a P12Out>,
    /// The protocol's part ([`scep_part`], or EST's).
    pub protocol: Protocol,
}

/// The SCEP part of a pending request: how it was sent, and a renewal's current key file and
/// certificate (which sign the polls).
pub fn scep_part(
    ca_ident: Option<String>,
    (method, cipher, digest): (Method, Cipher, Digest),
    signer: Option<(&Path, &Certificate)>,
) -> Result<Protocol> {
    Ok(Protocol::Scep(ScepSaved {
        ca_ident,
        cipher,
        digest,
        method,
        signer_key: signer
            .map(|(key, _)| {
                std::path::absolute(key).map_err(|e| Error::local("resolving path", key, e))
            })
            .transpose()?,
        signer_cert: signer.map(|(_, c)| cert::to_pem(&[c])).transpose()?,
    }))
}

/// The saved state of a pending request: paths made absolute (poll may run from anywhere),
/// the subject in DER, the CA certificates in PEM.
pub fn new_pending(p: NewPending<'_>) -> Result<Pending> {
    let absolute = |path: &Path| -> Result<std::path::PathBuf> {
        std::path::absolute(path).map_err(|e| Error::local("resolving path", path, e).into())
    };
    let now = now_unix();
    let subject_der = der::Encode::to_der(p.subject)
        .map_err(|e| Error::Crypto(format!("encoding the subject failed: {e}")))?;
    Ok(Pending {
        transaction_id: p.transaction_id.to_string(),
        url: p.url.to_string(),
        profile: p.profile,
        subject: cert::name_to_string(p.subject),
        subject_der: base64::engine::general_purpose::STANDARD.encode(subject_der),
        key: absolute(p.key)?,
        install_key: p.install_key.map(absolute).transpose()?,
        key_generated: p.key_generated,
        cert: absolute(p.cert)?,
        chain: p.chain.map(absolute).transpose()?,
        format: p.format,
        ca_certs: cert::to_pem(&p.ca.all().iter().collect::<Vec<_>>())?,
        created: now,
        attempts: 1,
        last_attempt: now,
        next_attempt: None,
        keep_old: p.keep_old,
        p12: p.p12.map(super::pkcs12::saved).transpose()?,
        protocol: p.protocol,
    })
}

/// Save a request the CA answered PENDING, poll it by `policy` (unless `no_wait`), and finish
/// it: what `enroll` and `renew` do after PENDING.
pub fn save_and_wait(
    state_dir: &Path,
    client: &Client<'_>,
    mut request: Request,
    (policy, no_wait): (&PollPolicy, bool),
    key_description: &str,
    operation: (&str, std::time::Instant),
    out: &Output,
) -> Result<u8> {
    let store = PendingStore::new(state_dir);
    store.save(&request.pending)?;
    let end = if no_wait {
        End::StillPending
    } else {
        out.human(&format!(
            "Pending: the CA has not issued yet; polling every {} s, up to {} times.",
            policy.interval.as_secs(),
            policy.count
        ));
        poll(client, &store, &mut request, policy, true, out)
            .inspect_err(|err| forget_if_rejected(&store, &request, err, out))?
    };
    finish(
        state_dir,
        &store,
        &request,
        end,
        key_description,
        operation,
        out,
    )
}

/// Finish a saved request after polling: install and forget it when issued, keep it when
/// still pending.
pub fn finish(
    state_dir: &Path,
    store: &PendingStore,
    request: &Request,
    end: End,
    key_description: &str,
    operation: (&str, std::time::Instant),
    out: &Output,
) -> Result<u8> {
    match end {
        End::Issued(cert) => issued(
            state_dir,
            report(request, operation),
            &request.destination(),
            &cert,
            &request.ca,
            key_description,
            Some(&request.pending.transaction_id),
            out,
        ),
        End::StillPending => {
            store.save(&request.pending)?;
            Ok(still_pending(
                state_dir,
                report(request, operation),
                &request.pending.key,
                out,
            ))
        }
    }
}

/// A request whose certificate is already installed (a run was killed after installing it,
/// before forgetting it) is forgotten without asking the CA again: the CA may no longer know
/// the transaction, and its refusal must not touch the installed key.
pub fn already_installed(store: &PendingStore, saved: &Pending, out: &Output) -> Result<bool> {
    if !certenroll::enroll::install::is_installed(&saved.cert, &saved.transaction_id) {
        return Ok(false);
    }
    store.remove(&saved.transaction_id)?;
    out.warn(&format!(
        "request {} was already installed in {}; forgot it",
        saved.transaction_id,
        saved.cert.display()
    ));
    out.json(&serde_json::json!({
        "status": "installed",
        "transaction_id": saved.transaction_id,
        "files": { "cert": saved.cert },
    }));
    Ok(true)
}
