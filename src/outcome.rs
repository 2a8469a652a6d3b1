//! How a request ended, said: an installed certificate, a request still pending or one
//! already installed, to a person or as JSON, with the history kept in step. The lifecycle
//! itself (sent, saved, polled, installed, recovered) is the library's `enroll` module.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::Result;
use certenroll::enroll::install::{Hook, Settled};
use certenroll::enroll::lifecycle::{self, Ended, Outcome};
use certenroll::enroll::saved::{self, Request};
use certenroll::error::exit;
use certenroll::pki::Certificate;
use certenroll::pki::cert::{self, CertSummary};
use certenroll::pki::digest::Digest;
use certenroll::pki::envelope::Cipher;
use certenroll::schedule::PollPolicy;
use certenroll::store::history::{Entry, Status};
use certenroll::store::pending::{Pending, PendingStore, Protocol};
use certenroll::transport::Method;
use serde::Serialize;

use crate::cli::PolicyArgs;
use crate::output::Output;
use crate::runtime::record;

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
struct Files {
    #[serde(skip_serializing_if = "Option::is_none")]
    key: Option<PathBuf>,
    /// The request made elsewhere (`--csr`), instead of a key.
    #[serde(skip_serializing_if = "Option::is_none")]
    csr: Option<PathBuf>,
    cert: PathBuf,
    #[serde(skip_serializing_if = "Option::is_none")]
    chain: Option<PathBuf>,
    /// The PKCS#12 bundle.
    #[serde(skip_serializing_if = "Option::is_none")]
    p12: Option<PathBuf>,
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

/// The `--json` result object of an outcome.
fn result_json<'a>(
    outcome: &'a Outcome,
    status: &'static str,
    certificate: Option<CertSummary>,
) -> ResultJson<'a> {
    let scep = match &outcome.part {
        Protocol::Scep(scep) => Some(scep),
        Protocol::Est(_) => None,
    };
    ResultJson {
        status,
        protocol: outcome.protocol,
        url: &outcome.url,
        transaction_id: &outcome.transaction_id,
        method: scep.map(|s| s.method),
        cipher: scep.map(|s| s.cipher),
        digest: scep.map(|s| s.digest),
        certificate,
        files: Files {
            key: (!outcome.made_elsewhere).then(|| outcome.dest.key.clone()),
            csr: outcome.made_elsewhere.then(|| outcome.dest.key.clone()),
            cert: outcome.dest.cert.clone(),
            chain: outcome.dest.chain.clone(),
            p12: outcome.dest.p12.as_ref().map(|bundle| bundle.path.clone()),
        },
    }
}

/// A history entry for an outcome.
fn entry(outcome: &Outcome, operation: &str, status: Status, text: &str, code: u8) -> Entry {
    let mut entry = Entry::new(operation, &outcome.url, status, text.into(), code);
    entry.transaction_id = Some(outcome.transaction_id.clone());
    entry.protocol = outcome.protocol.into();
    entry.cert_path = Some(crate::runtime::absolute_display(&outcome.dest.cert));
    entry
}

/// Report how a request ended (to a person or as JSON, and in the history), settle it, and
/// return the exit code: 0 issued, 3 still pending, 1 when the deploy hook failed.
pub fn report(
    state_dir: &Path,
    outcome: &Outcome,
    operation: (&str, Instant),
    profile: Option<String>,
    out: &Output,
) -> Result<u8> {
    let code = say(state_dir, outcome, operation, profile, out);
    outcome.settle(state_dir)?;
    Ok(code)
}

fn say(
    state_dir: &Path,
    outcome: &Outcome,
    (operation, started): (&str, Instant),
    profile: Option<String>,
    out: &Output,
) -> u8 {
    match &outcome.end {
        Ended::Issued { cert, settled } => issued(
            state_dir,
            outcome,
            cert,
            settled,
            (operation, started),
            profile,
            out,
        ),
        Ended::Pending { key } => {
            let mut entry = entry(
                outcome,
                operation,
                Status::Waiting,
                "Pending",
                exit::PENDING,
            );
            entry.subject = Some(outcome.subject.clone());
            entry.profile = profile;
            record(state_dir, entry, started, out);
            out.human(&format!(
                "Pending: the CA has not issued the certificate yet; the request is saved.\n  transaction {}\n  subject     {}\n  {}{}\nRun `certenroll poll` later (from cron or a timer: `certenroll poll --jitter 1..600`) to finish it.",
                outcome.transaction_id,
                outcome.subject,
                if outcome.made_elsewhere {
                    "request     "
                } else {
                    "key         "
                },
                key.display()
            ));
            out.json(&result_json(outcome, "pending", None));
            exit::PENDING
        }
    }
}

/// Report an installed certificate.
fn issued(
    state_dir: &Path,
    outcome: &Outcome,
    cert: &Certificate,
    settled: &Settled,
    (operation, started): (&str, Instant),
    profile: Option<String>,
    out: &Output,
) -> u8 {
    for note in &settled.notes {
        out.warn(note);
    }
    let dest = &outcome.dest;
    let summary = cert::summary(cert);
    let mut entry = entry(outcome, operation, Status::Success, "Issued", exit::OK);
    entry.serial = Some(summary.serial.clone());
    entry.subject = Some(summary.subject.clone());
    entry.not_after = Some(summary.not_after.clone());
    entry.sha256 = Some(summary.sha256.clone());
    entry.profile = profile.clone();
    crate::runtime::record_for(state_dir, entry, outcome.managed.clone(), started, out);
    let mut text = format!(
        "Issued certificate\n{}",
        crate::runtime::describe_cert(&summary)
    );
    let sans = certenroll::pki::csr::sans_in(
        cert.tbs_certificate()
            .extensions()
            .map_or(&[][..], Vec::as_slice),
    );
    if !sans.is_empty() {
        let names: Vec<String> = sans.iter().map(ToString::to_string).collect();
        text.push_str(&format!("\n  names     {}", names.join(", ")));
    }
    text.push_str(&format!(
        "\n  {}{} ({})\n  cert      {}",
        if outcome.made_elsewhere {
            "request   "
        } else {
            "key       "
        },
        dest.key.display(),
        outcome.key_description,
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
    out.json(&result_json(outcome, "issued", Some(summary)));
    if let Some(message) = &settled.hook_failed {
        out.warn(message);
        let mut entry = Entry::new(
            operation,
            &outcome.url,
            Status::Error,
            format!("Deploy hook failed: {message}"),
            exit::OTHER,
        );
        entry.cert_path = Some(crate::runtime::absolute_display(&dest.cert));
        entry.profile = profile;
        record(state_dir, entry, started, out);
        return exit::OTHER;
    }
    exit::OK
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

/// Poll a saved request in this run, whatever its protocol, and report how it ended.
pub fn resume(
    global: &crate::cli::GlobalArgs,
    state_dir: &Path,
    request: Request,
    policy: &PollPolicy,
    operation: (&str, Instant),
    out: &Output,
) -> Result<u8> {
    let http = crate::runtime::transport(global)?;
    let mut enroller = certenroll::protocols::saved_enroller(
        &request,
        &http,
        Duration::from_secs(global.timeout),
        state_dir,
        &crate::prompt::Terminal(out),
    )?;
    for note in enroller.take_notes() {
        out.warn(&note);
    }
    let profile = request.pending.profile.clone();
    let outcome = lifecycle::resume(&*enroller, request, state_dir, policy, out)?;
    report(state_dir, &outcome, operation, profile, out)
}

/// A lifecycle failure, and its transaction for the history.
pub fn failed(failed: lifecycle::Failed) -> (anyhow::Error, Option<String>) {
    let refused_without_challenge = !failed.challenge_sent
        && matches!(
            failed.error,
            certenroll::Error::ScepFailure {
                fail_info: Some(certenroll::error::FailInfo::BadRequest),
                ..
            }
        );
    let error = anyhow::Error::from(failed.error);
    let error = if refused_without_challenge {
        error.context(
            "no challenge password was sent with the request (none was given): if the CA wants one, give --challenge-file FILE or CERTENROLL_CHALLENGE",
        )
    } else {
        error
    };
    (error, failed.transaction_id)
}
