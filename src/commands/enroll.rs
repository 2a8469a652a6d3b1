//! `certenroll enroll` and `serverkeygen`: the request the flags describe, sent over SCEP or
//! EST by the library's lifecycle (`enroll::lifecycle`), and what happened, reported.
//!
//! Order matters for safety: inputs are checked and output paths probed first; a new key is
//! written (0600) before anything is sent; certificate and chain are written only after the
//! reply verified. With `--force` over an existing key, the new key is staged beside it and
//! only moved into place once the new certificate is verified.

use std::path::Path;
use std::time::Instant;

use anyhow::Result;
use certenroll::Error;
use certenroll::enroll::install::{self, Destination};
use certenroll::enroll::lifecycle::{self, Job, KeySource};
use certenroll::pki::cert;
use certenroll::scep::enroller::{Choices, Connect, ScepEnroller};

use crate::cli::{EnrollArgs, GlobalArgs, ProtocolChoice};
use crate::output::Output;
use crate::request::{MadeElsewhere, check_input, check_outputs, key_kind};

pub fn run(global: &GlobalArgs, args: &EnrollArgs, out: &Output) -> Result<u8> {
    run_as(global, args, out, false)
}

/// `serverkeygen`: enroll over EST with the key made by the server.
pub fn run_serverkeygen(global: &GlobalArgs, args: &EnrollArgs, out: &Output) -> Result<u8> {
    run_as(global, args, out, true)
}

fn run_as(global: &GlobalArgs, args: &EnrollArgs, out: &Output, server_keygen: bool) -> Result<u8> {
    let est = args.server.protocol() == ProtocolChoice::Est;
    if server_keygen && !est {
        return Err(Error::Invalid(
            "serverkeygen is an EST operation: give an EST URL (https://HOST/.well-known/est) or --protocol est".into(),
        )
        .into());
    }
    if server_keygen && args.key.is_some() {
        return Err(Error::Invalid(
            "serverkeygen makes the key on the server: give --out-key FILE, not --key".into(),
        )
        .into());
    }
    if server_keygen
        && args
            .out_key
            .as_deref()
            .is_some_and(certenroll::pkcs11::is_uri)
    {
        return Err(Error::Invalid(
            "serverkeygen makes the key on the server and sends it over the network, and a token key is made on its token: enroll with --out-key pkcs11:… instead".into(),
        )
        .into());
    }
    let operation = if server_keygen {
        "serverkeygen"
    } else {
        "enroll"
    };
    // Input that cannot be used is refused before anything is locked or written (the key's
    // lock file is created beside it).
    let (spec, elsewhere) = check_input(args, est)?;
    let state_dir = crate::runtime::state_dir(global)?;
    let _lock = crate::runtime::lock(global, &state_dir)?;
    let key_file = args.key.as_ref().or(args.out_key.as_ref());
    let _key_lock = key_file
        .map(|key| crate::runtime::lock_key(global, key))
        .transpose()?;
    if let Some(key) = key_file {
        crate::runtime::recover(&state_dir, key, &args.out_cert, None, out)?;
    }
    settle_pending(&state_dir, args, out)?;
    let fresh = args.out_key.as_ref().filter(|_| args.key.is_none());
    // A first enrollment killed once its certificate was in place: it is done.
    if let Some(key) =
        fresh.filter(|key| install::fresh_key_installed(&state_dir, key, &args.out_cert))
    {
        install::forget_fresh_key(&state_dir, key)?;
        out.human(&format!(
            "Enrolled: {} holds the certificate for {}; an interrupted run of this command had installed it.",
            args.out_cert.display(),
            key.display()
        ));
        out.json(&serde_json::json!({
            "status": "installed",
            "files": { "key": key, "cert": args.out_cert },
        }));
        return Ok(certenroll::error::exit::OK);
    }
    // The key a first enrollment killed before its answer left: used again, as with --key.
    let left = fresh
        .filter(|key| !args.force && !server_keygen && install::key_exists(key).unwrap_or(false))
        .filter(|key| install::fresh_key_left(&state_dir, key, &args.out_cert));
    let reused = left.map(|key| {
        out.warn(&format!(
            "using the key {} that an earlier run made for this request and did not finish",
            key.display()
        ));
        EnrollArgs {
            key: Some(key.clone()),
            out_key: None,
            ..args.clone()
        }
    });
    // A profile's key on a token that the token has: used, as a key file that exists is.
    let on_token = fresh
        .filter(|_| args.out_key_may_exist && !args.force && left.is_none())
        .filter(|key| install::key_exists(key).unwrap_or(false))
        .map(|key| EnrollArgs {
            key: Some(key.clone()),
            out_key: None,
            ..args.clone()
        });
    let args = reused.as_ref().or(on_token.as_ref()).unwrap_or(args);
    let started = Instant::now();
    let subject_text = Some(cert::name_to_string(&spec.subject));
    let result = enroll(
        global,
        args,
        (spec, elsewhere),
        out,
        &state_dir,
        left.is_some(),
        server_keygen,
        started,
    );
    let (result, transaction_id) = match result {
        Ok(code) => (Ok(code), None),
        Err((err, id)) => (Err(err), id),
    };
    result.inspect_err(|err| {
        let mut entry = crate::runtime::error_entry(operation, &args.server.url, err);
        entry.transaction_id = transaction_id;
        entry.subject = subject_text;
        entry.cert_path = Some(crate::runtime::absolute_display(&args.out_cert));
        entry.profile = global.profile.clone();
        if est {
            entry.protocol = "est".into();
        }
        crate::runtime::record(&state_dir, entry, started, out);
    })
}

/// A request already pending for the same key or certificate file: refused (a second request
/// would orphan it), or with --replace-pending deleted first (with the key made for it).
fn settle_pending(state_dir: &Path, args: &EnrollArgs, out: &Output) -> Result<()> {
    let store = certenroll::store::pending::PendingStore::new(state_dir);
    let files: Vec<&Path> = [
        args.key.as_ref(),
        args.out_key.as_ref(),
        args.csr.as_ref(),
        Some(&args.out_cert),
    ]
    .into_iter()
    .flatten()
    .map(|p| p.as_path())
    .collect();
    let waiting = store.for_files(&files);
    for saved in waiting {
        let id = certenroll::managed::short(&saved.transaction_id).to_string();
        if !args.replace_pending {
            return Err(Error::Invalid(format!(
                "request {} for {} is pending at the CA: finish it with `certenroll poll`, or forget it with `certenroll pending delete {id}` (or enroll with --replace-pending)",
                saved.transaction_id,
                saved.cert.display()
            ))
            .into());
        }
        certenroll::enroll::saved::delete(&store, &saved)?;
        out.warn(&format!(
            "deleted the pending request {} (--replace-pending)",
            saved.transaction_id
        ));
    }
    Ok(())
}

/// The request, its key and where it goes, as the flags say; sent over the protocol of the
/// server. An error comes with the request's transaction, once known.
#[allow(clippy::too_many_arguments)]
fn enroll(
    global: &GlobalArgs,
    args: &EnrollArgs,
    (spec, elsewhere): (certenroll::pki::csr::CsrSpec, Option<MadeElsewhere>),
    out: &Output,
    state_dir: &Path,
    reuse_left_key: bool,
    server_keygen: bool,
    started: Instant,
) -> Result<u8, (anyhow::Error, Option<String>)> {
    let no_id = |err: anyhow::Error| (err, None);
    let est = args.server.protocol() == ProtocolChoice::Est;
    // Everything that can be wrong with the input is found before any work is done.
    check_outputs(args).map_err(no_id)?;
    let key = match (&args.key, &args.out_key) {
        _ if elsewhere.is_some() => {
            let MadeElsewhere { csr, der } = elsewhere.expect("read above");
            let ra = args
                .key
                .as_ref()
                .map(|path| install::read_key(path).map(|key| (key, path.clone())))
                .transpose()
                .map_err(|e| no_id(e.into()))?;
            KeySource::Csr {
                key: certenroll::pki::key::PrivateKey::held_elsewhere(csr.info.public_key)
                    .map_err(|e| no_id(e.into()))?,
                der,
                ra,
            }
        }
        (Some(path), _) => KeySource::Given {
            key: install::read_key(path).map_err(|e| no_id(e.into()))?,
            fresh: reuse_left_key,
        },
        (None, Some(_)) => KeySource::New {
            kind: key_kind(args),
            chosen: args.key_type.is_some(),
        },
        (None, None) => {
            return Err(no_id(
                Error::Invalid("give --out-key FILE for the new key, or --key FILE".into()).into(),
            ));
        }
    };
    let challenge = if args.csr.is_some() {
        // A request made elsewhere carries its own challenge, if any: it cannot be added.
        Ok(spec.challenge.clone())
    } else if est {
        crate::request_options::named_challenge(&args.challenge, out)
    } else {
        crate::request_options::challenge(&args.challenge, out)
    }
    .map_err(no_id)?;
    let p12 = crate::bundle::requested(&args.p12, out).map_err(no_id)?;
    let job = Job {
        state_dir,
        spec: certenroll::pki::csr::CsrSpec { challenge, ..spec },
        key,
        dest: Destination {
            cert: args.out_cert.clone(),
            chain: args.out_chain.clone(),
            format: args.format,
            // A request made elsewhere has no key here: its file stands for it.
            key: args
                .csr
                .clone()
                .or(args.key.clone())
                .or(args.out_key.clone())
                .unwrap_or_default(),
            staged_key: None,
            cert_to_token: args.cert_to_token,
            keep_old: false,
            hook: None,
            p12,
        },
        policy: crate::outcome::policy(&args.policy),
        no_wait: args.no_wait,
        profile: global.profile.clone(),
        challenge_from: crate::request_options::challenge_source(&args.challenge),
    };
    certenroll::enroll::poll::jitter(args.policy.jitter, out).map_err(|e| no_id(e.into()))?;
    let pin = args.pin.fingerprint.as_deref();
    let outcome = if est {
        let connect = || {
            crate::est_connect::connect(
                global,
                &args.server,
                &args.auth,
                None,
                pin,
                state_dir,
                out,
                crate::est_connect::enroller(&args.server, args.ca_cert.as_deref()),
            )
        };
        if server_keygen {
            connect()
                .and_then(|enroller| enroller.serverkeygen(job, out))
                .map_err(|e| no_id(e.into()))
        } else {
            lifecycle::run(job, out, connect).map_err(crate::outcome::failed)
        }
    } else {
        let http = crate::runtime::transport(global).map_err(no_id)?;
        let choices = Choices::parse(
            args.algorithms.cipher.as_deref(),
            args.algorithms.digest.as_deref(),
            args.algorithms.method,
        )
        .map_err(|e| no_id(e.into()))?;
        let connect = || {
            ScepEnroller::connect(Connect {
                http: &http,
                url: &args.server.url,
                ca_ident: args.server.ca_ident.as_deref(),
                ca_file: args.ca_cert.as_deref(),
                pin,
                choices,
                require_caps: args.algorithms.require_caps,
                renewal: Default::default(),
            })
        };
        lifecycle::run(job, out, connect).map_err(crate::outcome::failed)
    }?;
    crate::outcome::report(
        state_dir,
        &outcome,
        (
            if server_keygen {
                "serverkeygen"
            } else {
                "enroll"
            },
            started,
        ),
        global.profile.clone(),
        out,
    )
    .map_err(no_id)
}
