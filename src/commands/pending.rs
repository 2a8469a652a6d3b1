//! `certenroll pending show|cancel|resume|delete|merge ID`: act on a request the CA has not
//! decided yet, addressed by its transaction ID (a unique prefix is enough). Each takes the
//! lock of the request's key, so that no poll works on it at the same time.

use std::time::Instant;

use anyhow::Result;
use certenroll::clock::rfc3339;
use certenroll::enroll::lifecycle;
use certenroll::enroll::saved;
use certenroll::error::exit;
use certenroll::pki::cert;
use certenroll::store::pending::{Pending, PendingStore};

use crate::cli::{GlobalArgs, PendingCommand};
use crate::output::Output;

pub fn run(global: &GlobalArgs, command: &PendingCommand, out: &Output) -> Result<u8> {
    let state_dir = crate::runtime::state_dir(global)?;
    let store = PendingStore::new(&state_dir);
    let id = match command {
        PendingCommand::Show { id }
        | PendingCommand::Cancel { id }
        | PendingCommand::Resume { id }
        | PendingCommand::Delete { id }
        | PendingCommand::Merge { id, .. } => id,
    };
    let mut saved = store.find(id)?;
    let key = saved
        .install_key
        .clone()
        .unwrap_or_else(|| saved.key.clone());
    let _key_lock = crate::runtime::lock_key(global, &key)?;
    match command {
        PendingCommand::Show { .. } => show(&saved, out),
        PendingCommand::Cancel { .. } | PendingCommand::Resume { .. } => {
            saved.cancelled = matches!(command, PendingCommand::Cancel { .. });
            store.save(&saved)?;
            let word = if saved.cancelled {
                "cancelled"
            } else {
                "resumed"
            };
            out.human(&format!(
                "Request {} {word}: {}",
                saved.transaction_id,
                if saved.cancelled {
                    "`certenroll poll` leaves it alone; its key stays"
                } else {
                    "the next `certenroll poll` asks the CA again"
                }
            ));
            out.json(&serde_json::json!({
                "status": word,
                "transaction_id": saved.transaction_id,
            }));
        }
        PendingCommand::Delete { .. } => {
            let removed = saved::delete(&store, &saved)?;
            out.human(&format!(
                "Request {} deleted; {}",
                saved.transaction_id,
                match &removed {
                    Some(key) => format!("its key {} was removed", key.display()),
                    None => format!("its key {} stays", saved.key.display()),
                }
            ));
            out.json(&serde_json::json!({
                "status": "deleted",
                "transaction_id": saved.transaction_id,
                "removed_key": removed,
            }));
        }
        PendingCommand::Merge { cert: file, .. } => {
            return merge(global, &state_dir, saved, file, out);
        }
    }
    Ok(exit::OK)
}

fn show(p: &Pending, out: &Output) {
    let age_days = certenroll::clock::now_unix().saturating_sub(p.created) / 86_400;
    out.json(p);
    out.human(&format!(
        "Request {}\n  subject      {}\n  server       {} ({})\n  profile      {}\n  key          {}{}\n  cert         {}\n  created      {} ({age_days} days ago)\n  attempts     {}, last {}\n  next         {}\n  last reason  {}\n  state        {}",
        p.transaction_id,
        p.subject,
        p.url,
        p.protocol.name().to_uppercase(),
        p.profile.as_deref().unwrap_or("(none)"),
        p.key.display(),
        p.install_key
            .as_ref()
            .map(|k| format!(" (moves to {} once issued)", k.display()))
            .unwrap_or_default(),
        p.cert.display(),
        rfc3339(p.created),
        p.attempts,
        rfc3339(p.last_attempt),
        p.next_attempt
            .map_or("at the next `certenroll poll`".into(), rfc3339),
        p.last_error.as_deref().unwrap_or("(none: the CA has not decided)"),
        if p.cancelled {
            "cancelled (certenroll pending resume)"
        } else {
            "polled by certenroll poll"
        },
    ));
}

/// Install a certificate issued by hand for the request, as an issued reply would be.
fn merge(
    global: &GlobalArgs,
    state_dir: &std::path::Path,
    saved: Pending,
    file: &std::path::Path,
    out: &Output,
) -> Result<u8> {
    let started = Instant::now();
    let url = saved.url.clone();
    let hook = crate::runtime::profile_hook(global, saved.profile.as_deref(), out);
    let profile = saved.profile.clone();
    let result = (|| -> Result<u8> {
        let bytes = std::fs::read(file)
            .map_err(|e| certenroll::Error::local("reading certificate", file, e))?;
        let issued = cert::parse_certificates(&bytes)?
            .into_iter()
            .next()
            .ok_or_else(|| {
                certenroll::Error::Invalid(format!("{} holds no certificate", file.display()))
            })?;
        let request = crate::outcome::load_request(saved, hook, out)?;
        let outcome = lifecycle::merge(request, issued, state_dir)?;
        crate::outcome::report(state_dir, &outcome, ("merge", started), profile, out)
    })();
    result.inspect_err(|err| {
        let entry = crate::runtime::error_entry("merge", &url, err);
        crate::runtime::record(state_dir, entry, started, out);
    })
}
