//! `certenroll list` (also `status`): every certificate certenroll manages and every pending
//! request, with its state and next step (the library's `managed` overview), and the last
//! result.

use anyhow::Result;
use certenroll::clock::rfc3339;
use certenroll::error::exit;
use certenroll::managed::{self, CertView, PendingView};
use certenroll::schedule::RenewPolicy;
use certenroll::store::history::History;
use serde::Serialize;

use crate::cli::GlobalArgs;
use crate::output::Output;

/// A pending request as `list --json` shows it: named as in enroll's JSON.
#[derive(Serialize)]
struct PendingJson<'a> {
    transaction_id: &'a str,
    status: certenroll::managed::PendingState,
    #[serde(skip_serializing_if = "Option::is_none")]
    profile: Option<&'a str>,
    protocol: &'static str,
    url: &'a str,
    subject: &'a str,
    files: serde_json::Value,
    attempts: u32,
    created: String,
    last_attempt: String,
    next_attempt: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    last_error: Option<&'a str>,
    next_step: &'a str,
}

fn pending_json(view: &PendingView) -> PendingJson<'_> {
    let p = &view.pending;
    PendingJson {
        transaction_id: &p.transaction_id,
        status: view.status,
        profile: p.profile.as_deref(),
        protocol: p.protocol.name(),
        url: &p.url,
        subject: &p.subject,
        files: serde_json::json!({
            "key": p.install_key.as_ref().unwrap_or(&p.key),
            "cert": p.cert,
            "chain": p.chain,
        }),
        attempts: p.attempts,
        created: rfc3339(p.created),
        last_attempt: rfc3339(p.last_attempt),
        next_attempt: p.next_attempt.map(rfc3339),
        last_error: p.last_error.as_deref(),
        next_step: &view.next_step,
    }
}

/// A managed certificate as `list --json` shows it: named as in enroll's JSON.
fn cert_json(view: &CertView) -> serde_json::Value {
    let m = &view.managed;
    serde_json::json!({
        "status": view.status,
        "profile": m.profile,
        "protocol": m.protocol,
        "url": m.url,
        "ca_sha256": m.ca_sha256,
        "files": { "key": m.key, "cert": m.cert, "chain": m.chain, "p12": m.p12 },
        "certificate": {
            "serial": m.serial,
            "subject": m.subject,
            "sans": m.sans,
            "not_before": rfc3339(m.not_before),
            "not_after": rfc3339(m.not_after),
            "sha256": m.sha256,
        },
        "days_left": view.days_left,
        "renewal": view.renewal,
        "last_result": m.last,
        "revocation": m.revocation,
        "next_step": view.next_step,
    })
}

/// The renewal policy of `profile` in the configuration file (the defaults without one).
fn policy_of(global: &GlobalArgs) -> impl Fn(Option<&str>) -> RenewPolicy {
    let config = certenroll::config::config_path(global.config.as_deref())
        .and_then(|path| certenroll::config::Config::load(&path))
        .unwrap_or_default();
    move |profile| {
        let profile = profile.and_then(|name| config.profile.get(name));
        RenewPolicy {
            at: profile.and_then(|p| p.renew_at.as_ref()).map_or(
                certenroll::schedule::Percent(certenroll::schedule::DEFAULT_RENEW_AT_PERCENT),
                |p| p.value,
            ),
            before: profile
                .and_then(|p| p.renew_before.as_ref())
                .map(|s| s.value.0),
        }
    }
}

pub fn run(global: &GlobalArgs, out: &Output) -> Result<u8> {
    let state_dir = crate::runtime::state_dir(global)?;
    let profile = global.profile.as_deref();
    let (certificates, warnings) = managed::certificates(&state_dir, profile, &policy_of(global));
    let (pending, more) = managed::pending(&state_dir, profile);
    for warning in warnings.iter().chain(&more) {
        out.warn(warning);
    }
    let (mut entries, warning) = History::new(&state_dir).load();
    if let Some(warning) = warning {
        out.warn(&warning);
    }
    entries.retain(|e| profile.is_none() || e.profile.as_deref() == profile);
    let last_result = entries.pop();
    out.json(&serde_json::json!({
        "state_dir": state_dir,
        "certificates": certificates.iter().map(cert_json).collect::<Vec<_>>(),
        "pending": pending.iter().map(pending_json).collect::<Vec<_>>(),
        "last_result": last_result,
    }));

    let mut text = format!("State directory: {}\n", state_dir.display());
    text.push_str("\nCertificates:\n");
    if certificates.is_empty() {
        text.push_str("  (none yet: certenroll enroll)\n");
    }
    for view in &certificates {
        text.push_str(&describe_cert(view));
    }
    text.push_str("\nPending requests:\n");
    if pending.is_empty() {
        text.push_str("  (none)\n");
    }
    for view in &pending {
        let p = &view.pending;
        text.push_str(&format!(
            "  {} [{}]\n    {} at {}\n    {} attempt(s), last {}\n    next: {}\n",
            p.transaction_id,
            name_of(&view.status),
            p.subject,
            p.url,
            p.attempts,
            rfc3339(p.last_attempt),
            view.next_step
        ));
    }
    if let Some(last) = &last_result {
        text.push_str(&format!(
            "\nLast result: {} {} {}: {}",
            last.time,
            last.operation,
            last.status.as_str(),
            last.detail
        ));
    }
    out.human(text.trim_end());
    Ok(exit::OK)
}

fn describe_cert(view: &CertView) -> String {
    let m = &view.managed;
    let mut text = format!(
        "  {} [{}]\n    {}, serial {}, {} days left; renewal {}\n",
        m.cert.display(),
        name_of(&view.status),
        m.subject,
        m.serial,
        view.days_left,
        view.renewal.why
    );
    if let Some(last) = &m.last {
        text.push_str(&format!(
            "    last: {} {} {}: {}\n",
            last.time,
            last.operation,
            last.status.as_str(),
            last.detail
        ));
    }
    if let Some(answer) = &m.revocation {
        text.push_str(&format!(
            "    revocation: {}, checked {}\n",
            answer.detail, answer.time
        ));
    }
    text.push_str(&format!("    next: {}\n", view.next_step));
    text
}

/// A state's name, as JSON spells it.
fn name_of<T: Serialize>(state: &T) -> String {
    serde_json::to_value(state)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}
