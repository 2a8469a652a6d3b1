//! `certenroll renew`: when the installed certificate is due, request a new one (RenewalReq
//! signed with the current certificate, or PKCSReq signed with it where the CA lacks
//! Renewal) and swap it in only once it is verified.
//!
//! Order matters for safety: nothing is sent when not due; the new key waits beside the
//! current one as `KEY.new`; the current pair stays in place through every failure; the
//! swap writes the certificate, then renames the key, and a run killed between the two is
//! finished by the next run (the certificate then matches `KEY.new`).

use std::path::Path;
use std::time::Instant;

use anyhow::Result;
use certenroll::Error;
use certenroll::config::config_path;
use certenroll::enroll::install::Destination;
use certenroll::enroll::lifecycle::{self, Job, KeySource};
use certenroll::enroll::renewal;
use certenroll::error::exit;
use certenroll::pki::cert;
use certenroll::scep::enroller::{Choices, Connect, ScepEnroller};
use certenroll::schedule::RenewPolicy;
use certenroll::store::pending::PendingStore;

use crate::cli::Typed;
use crate::cli::{GlobalArgs, RenewArgs, ServerArgs};
use crate::outcome;
use crate::output::Output;
use crate::request_options;
use crate::runtime::{HookKind, record};

mod next_ca;
mod staple;

pub fn run(global: &GlobalArgs, args: &RenewArgs, typed: &Typed, out: &Output) -> Result<u8> {
    for note in &args.notes {
        out.warn(note);
    }
    if args.all {
        return run_all(global, args, typed, out);
    }
    if args.dry_run || args.check {
        return dry_run(global, args, out);
    }
    // Nothing installed yet: with a profile, that is a first enrollment.
    if let (Some(cert), Some(profile)) = (&args.cert, &global.profile)
        && !cert.exists()
    {
        out.human(&format!(
            "No certificate at {} yet: enrolling profile {profile}.",
            cert.display()
        ));
        return match enroll_profile(global, args, profile, out)? {
            exit::OK => {
                let http = crate::runtime::transport(global)?;
                staple::new_certificate(global, args, &http, out)
            }
            code => Ok(code),
        };
    }
    let state_dir = crate::runtime::state_dir(global)?;
    let _lock = crate::runtime::lock(global, &state_dir)?;
    let started = Instant::now();
    let url = args.url.clone().unwrap_or_default();
    renew(global, args, out, &state_dir, started).inspect_err(|err| {
        let mut entry = crate::runtime::error_entry("renew", &url, err);
        entry.profile = global.profile.clone();
        entry.cert_path = args.cert.as_deref().map(crate::runtime::absolute_display);
        record(&state_dir, entry, started, out);
    })
}

fn renew(
    global: &GlobalArgs,
    args: &RenewArgs,
    out: &Output,
    state_dir: &Path,
    started: Instant,
) -> Result<u8> {
    let missing = |what: &str| {
        Error::Invalid(format!(
            "renew needs {what} (or a profile that names it: certenroll --profile NAME renew)"
        ))
    };
    let key_path = args.key.clone().ok_or_else(|| missing("--key"))?;
    let cert_path = args.cert.clone().ok_or_else(|| missing("--cert"))?;
    let server = ServerArgs {
        url: args.url.clone().ok_or_else(|| missing("--url"))?,
        ca_ident: args.ca_ident.clone(),
        via: args.via.clone(),
    };
    args.auth.only_for_est(server.protocol())?;
    let _key_lock = crate::runtime::lock_key(global, &key_path)?;
    let hook = crate::runtime::hook(HookKind::Deploy, args.deploy_hook.as_ref(), global);
    crate::runtime::recover(state_dir, &key_path, &cert_path, hook.as_ref(), out)?;
    if let Some(code) = continue_pending(global, args, out, state_dir, &key_path, started)? {
        return Ok(code);
    }

    let replaced = [Some(&key_path), Some(&cert_path), args.chain.as_ref()]
        .into_iter()
        .chain([args.p12.out_p12.as_ref()])
        .flatten()
        .map(|p| p.as_path())
        .collect::<Vec<_>>();
    certenroll::enroll::install::check_replaceable(&replaced)?;
    let current = renewal::current(&key_path, &cert_path)?;
    let mut verdict = verdict_of(args, &current.cert);
    if let Some(reason) = &verdict.ca_changed {
        out.warn(&format!("renewing now: {reason}"));
    }
    let revocation_http = crate::runtime::transport(global)?;
    let (revoked, staple_code) = if verdict.due {
        (false, exit::OK)
    } else {
        staple::when_not_due(
            global,
            args,
            &revocation_http,
            (&current.cert, &cert_path),
            (state_dir, started),
            out,
        )?
    };
    verdict.due |= revoked;
    if !verdict.due {
        let subject = cert::name_to_string(current.cert.tbs_certificate().subject());
        let not_after = current.cert.tbs_certificate().validity().not_after;
        out.human(&format!(
            "Not due: {subject} is valid until {not_after}; renewal is due from {}.",
            verdict.due_from
        ));
        out.json(&serde_json::json!({
            "status": "not-due",
            "subject": subject,
            "not_after": not_after.to_string(),
            "due_from": verdict.due_from,
        }));
        return Ok(staple_code);
    }

    let est = server.protocol() == crate::cli::ProtocolChoice::Est;
    let challenge = if est {
        request_options::named_challenge(&args.challenge, out)?
    } else {
        request_options::challenge(&args.challenge, out)?
    };
    let choices = Choices::parse(
        args.algorithms.cipher.as_deref(),
        args.algorithms.digest.as_deref(),
        args.algorithms.method,
    )?;
    let p12 = crate::bundle::requested(&args.p12, out)?;
    let job = Job {
        state_dir,
        spec: renewal::request_for(&current.cert, challenge),
        // A revoked certificate's key is never reused nor used to sign: a new key, in a
        // request of its own (the challenge authenticates it), swapped in when issued.
        key: if revoked {
            KeySource::New {
                kind: current.key.kind(),
                chosen: true,
            }
        } else {
            KeySource::Renewal {
                current: Box::new(current),
                reuse: args.reuse_key,
            }
        },
        dest: Destination {
            cert: cert_path.clone(),
            chain: args.chain.clone(),
            format: args.format,
            key: key_path.clone(),
            staged_key: None,
            cert_to_token: args.cert_to_token,
            keep_old: !args.delete_old,
            hook: crate::runtime::hook(HookKind::Deploy, args.deploy_hook.as_ref(), global),
            p12,
        },
        policy: outcome::policy(&args.policy),
        no_wait: args.no_wait,
        profile: global.profile.clone(),
        challenge_from: crate::request_options::challenge_source(&args.challenge),
    };
    certenroll::enroll::poll::jitter(args.policy.jitter, out)?;
    let pin = args.pin.fingerprint.as_deref();
    // A successor the pinned CA announced, kept in the chain file by an earlier renewal
    // (read now: the install rewrites the file).
    let carried = pin
        .zip(args.chain.as_deref())
        .and_then(|(pin, chain)| certenroll::rollover::in_chain_file(chain, pin));
    let successors = carried
        .as_ref()
        .map_or(&[][..], |(_, others)| others.as_slice());
    let crossed = std::cell::Cell::new(false);
    let hook_env = [
        ("CERTENROLL_CERT", cert_path.clone().into_os_string()),
        ("CERTENROLL_KEY", key_path.clone().into_os_string()),
    ];
    if let Some(pre) = crate::runtime::hook(HookKind::Pre, args.pre_hook.as_ref(), global) {
        pre.run(&hook_env, &certenroll::secret::hidden_variables())
            .map_err(|failed| anyhow::anyhow!("the pre hook: {failed}; nothing was sent"))?;
    }
    let attempt = (|| -> Result<u8> {
        let outcome = if est {
            let client = (!revoked).then_some((cert_path.as_path(), key_path.as_path()));
            lifecycle::run(job, out, || {
                let connect = |pin| {
                    crate::est_connect::connect(
                        global,
                        &server,
                        &args.auth,
                        client,
                        pin,
                        state_dir,
                        out,
                        crate::est_connect::enroller(&server, args.ca_cert.as_deref()),
                    )
                };
                certenroll::rollover::connect_across(connect, pin, successors, |note| {
                    out.warn(note)
                })
                .map(|(enroller, across)| {
                    crossed.set(across);
                    enroller
                })
            })
        } else {
            let http = crate::runtime::transport(global)?;
            lifecycle::run(job, out, || {
                let connect = |pin| {
                    ScepEnroller::connect(Connect {
                        http: &http,
                        url: &server.url,
                        ca_ident: server.ca_ident.as_deref(),
                        ca_file: args.ca_cert.as_deref(),
                        pin,
                        choices,
                        require_caps: args.algorithms.require_caps,
                        renewal: args.renewal,
                    })
                };
                certenroll::rollover::connect_across(connect, pin, successors, |note| {
                    out.warn(note)
                })
                .map(|(enroller, across)| {
                    crossed.set(across);
                    enroller
                })
            })
        }
        .map_err(|failed| crate::outcome::failed(failed).0)?;
        outcome::report(
            state_dir,
            &outcome,
            ("renew", started),
            global.profile.clone(),
            out,
        )
    })();
    if attempt.as_ref().is_ok_and(|code| *code == exit::OK) {
        match (&carried, crossed.get()) {
            // Until the pin moves, the CA that announced the new one stays in the chain
            // file: it is what the pin names.
            (Some((pinned, _)), true) => {
                next_ca::keep(args, pinned, out);
            }
            _ => next_ca::ask_and_keep(global, args, &server, out),
        }
    }
    let attempt = match attempt {
        Ok(exit::OK) => staple::new_certificate(global, args, &revocation_http, out),
        other => other,
    };
    if let Some(post) = crate::runtime::hook(HookKind::Post, args.post_hook.as_ref(), global) {
        let code = match &attempt {
            Ok(code) => *code,
            Err(err) => err
                .downcast_ref::<Error>()
                .map_or(exit::OTHER, Error::exit_code),
        };
        let result = match code {
            // 1: issued and installed, a deploy hook failed.
            exit::OK | 1 => "issued",
            exit::PENDING => "pending",
            exit::REJECTED => "rejected",
            _ => "failed",
        };
        let mut env = hook_env.to_vec();
        env.push(("CERTENROLL_RESULT", result.into()));
        env.push(("CERTENROLL_EXIT_CODE", code.to_string().into()));
        if let Err(failed) = post.run(&env, &certenroll::secret::hidden_variables()) {
            out.warn(&format!("the post hook: {failed}"));
        }
    }
    attempt
}

/// `--dry-run` and `--check`: whether the certificate is due and why, nothing sent, nothing
/// changed. `--check` exits 0 when due, 1 when not.
fn dry_run(global: &GlobalArgs, args: &RenewArgs, out: &Output) -> Result<u8> {
    let (Some(key_path), Some(cert_path)) = (&args.key, &args.cert) else {
        return Err(Error::Invalid(
            "renew needs --key and --cert (or a profile that names them: certenroll --profile NAME renew)".into(),
        )
        .into());
    };
    let verdict = |due: bool| if args.check && !due { 1 } else { exit::OK };
    if !cert_path.exists() && global.profile.is_some() {
        let why = format!(
            "nothing is installed at {} yet: renew would enroll the profile",
            cert_path.display()
        );
        out.human(&format!("Due: {why}."));
        out.json(&serde_json::json!({ "status": "due", "why": why, "cert": cert_path }));
        return Ok(verdict(true));
    }
    let current = renewal::current(key_path, cert_path)?;
    let due = verdict_of(args, &current.cert);
    let subject = cert::name_to_string(current.cert.tbs_certificate().subject());
    let store = PendingStore::new(&crate::runtime::state_dir(global)?);
    let pending = renewal::pending_for(&store, key_path).map(|p| p.transaction_id);
    out.human(&format!(
        "{}: {subject}: {}{}",
        if due.due { "Due" } else { "Not due" },
        due.why,
        pending
            .as_ref()
            .map(|id| format!(
                "; a renewal is pending at the CA (transaction {id}), which renew polls"
            ))
            .unwrap_or_default()
    ));
    out.json(&serde_json::json!({
        "status": if due.due { "due" } else { "not-due" },
        "subject": subject,
        "not_after": current.cert.tbs_certificate().validity().not_after.to_string(),
        "due_from": due.due_from,
        "why": due.why,
        "pending": pending,
    }));
    Ok(verdict(due.due))
}

/// Whether the certificate is due by the flags: policy, a changed CA, --force.
fn verdict_of(args: &RenewArgs, current: &certenroll::pki::Certificate) -> renewal::Verdict {
    renewal::verdict(
        current,
        &RenewPolicy {
            at: args.renew_at,
            before: args.renew_before.map(|s| s.0),
        },
        (args.pin.fingerprint.as_deref(), args.chain.as_deref()),
        args.force,
    )
}

/// A renewal of this key already waits at the CA: poll it instead of sending another request
/// (which would replace its staged key).
fn continue_pending(
    global: &GlobalArgs,
    args: &RenewArgs,
    out: &Output,
    state_dir: &Path,
    key_path: &Path,
    started: Instant,
) -> Result<Option<u8>> {
    let store = PendingStore::new(state_dir);
    let Some(saved) = renewal::pending_for(&store, key_path) else {
        return Ok(None);
    };
    if outcome::already_installed(&store, &saved, out)? {
        return Ok(None);
    }
    out.human(&format!(
        "A renewal of {} is pending at the CA (transaction {}): polling it.",
        key_path.display(),
        saved.transaction_id
    ));
    let request = outcome::load_request(
        saved,
        crate::runtime::hook(HookKind::Deploy, args.deploy_hook.as_ref(), global),
        out,
    )?;
    let policy = outcome::policy(&args.policy);
    outcome::resume(global, state_dir, request, &policy, ("renew", started), out).map(Some)
}

/// Enroll profile `name` (the profile says everything enroll needs), in this process.
fn enroll_profile(global: &GlobalArgs, args: &RenewArgs, name: &str, out: &Output) -> Result<u8> {
    let config = crate::settings::load(global, name)?;
    let profile = config.profile(name, &config_path(global.config.as_deref())?)?;
    let mut enroll = crate::settings::enroll_for(profile)?;
    enroll.no_wait = args.no_wait;
    let cli = crate::cli::Cli {
        global: global.clone(),
        command: crate::cli::Command::Enroll(Box::new(enroll)),
        typed: Default::default(),
    };
    crate::commands::run(&cli, out)
}

/// `renew --all`: each profile in turn (each under its own lock), with the flags typed with
/// `--all` over each profile's settings; then a summary, the exit code the worst (with
/// `--check`: 0 when any profile is due, 1 when none is).
fn run_all(global: &GlobalArgs, args: &RenewArgs, typed: &Typed, out: &Output) -> Result<u8> {
    let results = crate::all_profiles::each(global, "renew --all", out, |global, profile| {
        let mut global = global;
        crate::settings::apply_global(&mut global, typed, profile);
        crate::runtime::tokens(&global);
        let mut args = RenewArgs {
            all: false,
            ..args.clone()
        };
        crate::settings::apply_renew(&mut args, typed, profile);
        run(&global, &args, typed, out)
    })?;
    let worst = results
        .iter()
        .map(|(_, code)| *code)
        .max()
        .unwrap_or(exit::OK);
    if args.check && worst <= 1 {
        let due = results.iter().any(|(_, code)| *code == exit::OK);
        return Ok(if due { exit::OK } else { 1 });
    }
    Ok(worst)
}
