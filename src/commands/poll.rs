//! `certenroll poll`: ask the CA again about saved pending requests (CertPoll), install what
//! was issued. Made for cron and systemd timers: jitter first, then each request by the poll
//! policy; the exit code is the worst of the requests'.

use anyhow::Result;
use certenroll::error::exit;
use certenroll::store::pending::PendingStore;

use crate::cli::{GlobalArgs, PollArgs};
use crate::outcome;
use crate::output::Output;

pub fn run(global: &GlobalArgs, args: &PollArgs, out: &Output) -> Result<u8> {
    let state_dir = crate::runtime::state_dir(global)?;
    let _lock = crate::runtime::lock(global, &state_dir)?;
    let store = PendingStore::new(&state_dir);
    certenroll::store::history::History::new(&state_dir).tidy()?;
    certenroll::store::registry::Registry::new(&state_dir).tidy()?;
    for left in certenroll::enroll::install::unfinished(&state_dir) {
        let hook = crate::runtime::profile_hook(global, left.profile.as_deref(), out);
        let _key_lock = crate::runtime::lock_key(global, &left.key)?;
        crate::runtime::recover(&state_dir, &left.key, &left.cert, hook.as_ref(), out)?;
    }
    let pending = match &args.transaction {
        Some(id) => {
            let saved = store.find(id)?;
            if saved.cancelled {
                return Err(certenroll::Error::Invalid(format!(
                    "request {} is cancelled: `certenroll pending resume {id}` first",
                    saved.transaction_id
                ))
                .into());
            }
            vec![saved]
        }
        None => {
            let (list, warnings) = store.list();
            for warning in warnings {
                out.warn(&warning);
            }
            // With --profile, only that profile's requests; cancelled ones wait for a person.
            list.into_iter()
                .filter(|p| global.profile.is_none() || p.profile == global.profile)
                .filter(|p| {
                    if p.cancelled {
                        tracing::info!(transaction = %p.transaction_id, "cancelled: not polled");
                    }
                    !p.cancelled
                })
                .collect()
        }
    };
    if pending.is_empty() {
        out.human(&format!("No pending requests in {}.", state_dir.display()));
        out.json(&serde_json::json!({ "status": "idle", "pending": 0 }));
        return Ok(exit::OK);
    }
    certenroll::enroll::poll::jitter(args.policy.jitter, out)?;
    let policy = outcome::policy(&args.policy);
    let mut worst = exit::OK;
    for saved in pending {
        let url = saved.url.clone();
        let transaction_id = saved.transaction_id.clone();
        let subject = saved.subject.clone();
        let cert_path = saved.cert.display().to_string();
        let protocol = saved.protocol.name();
        let started = std::time::Instant::now();
        let result = (|| -> Result<u8> {
            let hook = crate::runtime::profile_hook(global, saved.profile.as_deref(), out);
            let key = saved
                .install_key
                .clone()
                .unwrap_or_else(|| saved.key.clone());
            let _key_lock = crate::runtime::lock_key(global, &key)?;
            crate::runtime::recover(&state_dir, &key, &saved.cert, hook.as_ref(), out)?;
            if outcome::already_installed(&store, &saved, out)? {
                return Ok(exit::OK);
            }
            let request = outcome::load_request(saved, hook, out)?;
            outcome::resume(global, &state_dir, request, &policy, ("poll", started), out)
        })();
        let code = match result {
            Ok(code) => code,
            Err(err) => {
                let mut entry = crate::runtime::error_entry("poll", &url, &err);
                entry.transaction_id = Some(transaction_id);
                entry.subject = Some(subject);
                entry.cert_path = Some(cert_path);
                entry.profile = global.profile.clone();
                entry.protocol = protocol.into();
                crate::runtime::record(&state_dir, entry, started, out);
                out.report_error(&err)
            }
        };
        worst = worst.max(code);
    }
    Ok(worst)
}
