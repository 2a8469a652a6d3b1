//! What `enroll`, `renew` and `poll` share once the CA has answered: installing an issued
//! certificate and reporting it, saving a PENDING request and waiting for it, reporting a
//! request still pending, with the history kept in step. The lifecycle itself (the request
//! saved, polled, installed, recovered) is the library's `enroll` module; this file says
//! what happened, to a person or as JSON.

use std::path::Path;
use std::time::Duration;

use anyhow::Result;
use certenroll::Error;
use certenroll::enroll::poll::End;
use certenroll::enroll::saved::{self, Request};
use certenroll::error::exit;
use certenroll::pki::cert::{self, CertSummary};
use certenroll::pki::digest::Digest;
use certenroll::pki::envelope::Cipher;
use certenroll::scep::cacert::CaCerts;
use certenroll::scep::client::{Client, Method};
use certenroll::schedule::PollPolicy;
use certenroll::store::history::{Entry, Status};
use certenroll::store::pending::{Pending, PendingStore};
use serde::Serialize;
use x509_cert::Certificate;

use crate::cli::PolicyArgs;
use crate::output::Output;
use crate::runtime::record;
use certenroll::enroll::install::Destination;
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

/// Load a saved request, its PKCS#12 passphrase read again from where it came from (or
/// asked for on a terminal); `hook` is the deploy hook of the configuration in force now.
pub fn load_request(pending: Pending, hook: Option<Hook>, out: &Output) -> Result<Request> {
    let p12 = pending
        .p12
        .as_ref()
        .map(|saved| crate::bundle::from_saved(saved, out))
        .transpose()?;
    Ok(Request::load(pending, hook, p12)?)
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
    let mut text = format!(
        "Issued certificate\n{}",
        crate::runtime::describe_cert(&summary)
    );
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

/// After a poll failed: a rejection ends the request ([`Request::forget_if_rejected`]).
pub fn forget_if_rejected(store: &PendingStore, request: &Request, err: &Error, out: &Output) {
    if let Err(e) = request.forget_if_rejected(store, err) {
        out.warn(&e.to_string());
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
        request
            .poll_scep(client, &store, policy, true, out)
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

/// A saved request whose certificate is already installed is forgotten without asking the
/// CA again ([`saved::forget_if_installed`]), and said so.
pub fn already_installed(store: &PendingStore, saved: &Pending, out: &Output) -> Result<bool> {
    if !saved::forget_if_installed(store, saved)? {
        return Ok(false);
    }
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

/// Poll a saved request in this run, whatever its protocol ([`Request::poll_again`]), end it
/// if the CA refused it, and report how it ended.
pub fn poll_and_finish(
    global: &crate::cli::GlobalArgs,
    state_dir: &Path,
    mut request: Request,
    policy: &PollPolicy,
    operation: (&str, std::time::Instant),
    out: &Output,
) -> Result<u8> {
    let store = PendingStore::new(state_dir);
    let http = crate::runtime::transport(global)?;
    let end = request
        .poll_again(
            &http,
            std::time::Duration::from_secs(global.timeout),
            state_dir,
            policy,
            out,
            &crate::prompt::Terminal(out),
        )
        .inspect_err(|err| forget_if_rejected(&store, &request, err, out))?;
    let key_description = request.key.describe();
    finish(
        state_dir,
        &store,
        &request,
        end,
        &key_description,
        operation,
        out,
    )
}
