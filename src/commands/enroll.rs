//! `certenroll enroll`: key, request, SCEP PKCSReq, verified reply, installed files.
//!
//! Order matters for safety: inputs are checked and output paths probed first; the key is
//! written (0600) before anything is sent; certificate and chain are written only after the
//! reply verified. With `--force` over an existing key, the new key is staged beside it and
//! only moved into place once the new certificate is verified.

use std::path::Path;

use anyhow::Result;
use certenroll::Error;
use certenroll::enroll::install;
use certenroll::pki::cert::{self};
use certenroll::pki::csr::{self, CsrSpec};
use certenroll::pki::digest::Digest;
use certenroll::pki::envelope::Sealer;
use certenroll::pki::key::PrivateKey;
use certenroll::scep::client::{Enrolled, Session};
use certenroll::scep::pkimessage::{Signer, Transaction};
use der::Encode;
use x509_cert::Certificate;

use crate::cli::{EnrollArgs, GlobalArgs, ProtocolChoice};
use crate::outcome::{self, Files, Report};
use crate::output::Output;
use crate::request::{
    after_failure, check_outputs, csr_spec, key_kind, load_key, new_key, subject,
};
use crate::request_options;

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
    let operation = if server_keygen {
        "serverkeygen"
    } else {
        "enroll"
    };
    // Input that cannot be used is refused before anything is locked or written (the key's
    // lock file is created beside it).
    crate::request::check_input(args, est)?;
    let state_dir = crate::runtime::state_dir(global)?;
    let _lock = crate::runtime::lock(global, &state_dir)?;
    let key_file = args.key.as_ref().or(args.out_key.as_ref());
    let _key_lock = key_file
        .map(|key| crate::runtime::lock_key(global, key))
        .transpose()?;
    if let Some(key) = key_file {
        crate::runtime::recover(&state_dir, key, &args.out_cert, None, out)?;
    }
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
    let reused = fresh
        .filter(|key| !args.force && !server_keygen && key.exists())
        .filter(|key| install::fresh_key_left(&state_dir, key, &args.out_cert))
        .map(|key| {
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
    let args = reused.as_ref().unwrap_or(args);
    let started = std::time::Instant::now();
    let mut known = Known::default();
    let result = if est {
        known.subject = subject(args).ok().map(|s| cert::name_to_string(&s));
        crate::est_verbs::enroll(global, args, server_keygen, out, &state_dir, started)
    } else {
        enroll(global, args, out, &state_dir, &mut known, started)
    };
    let result = result.inspect_err(|err| {
        let mut entry = crate::runtime::error_entry(operation, &args.server.url, err);
        entry.transaction_id = known.transaction_id.take();
        entry.subject = known.subject.take();
        entry.profile = global.profile.clone();
        if est {
            entry.protocol = "est".into();
        }
        crate::runtime::record(&state_dir, entry, started, out);
    });
    if let Some(key) = fresh {
        // Installed, pending (the request holds the key now) or refused: the note goes.
        let refused = result.as_ref().err().is_some_and(|err| {
            matches!(
                err.downcast_ref::<Error>(),
                Some(Error::ScepFailure { .. } | Error::Unauthorized { .. })
            )
        });
        if refused && reused.is_some() {
            install::discard_key(key, &args.out_cert);
        }
        if result.is_ok() || refused {
            install::forget_fresh_key(&state_dir, key)?;
        }
    }
    result
}

/// The PKCS#10 request (DER) and the throwaway self-signed certificate that signs the message
/// carrying it: two independent signatures, made at once. The certificate's thread also has the
/// `rsa` crate read the key ([`PrivateKey::check_decryptable`]), off the critical path.
fn sign_request(
    key: &PrivateKey,
    spec: &CsrSpec,
    digest: Digest,
) -> Result<(Vec<u8>, Certificate)> {
    let (request, signer_cert) = std::thread::scope(|scope| {
        let signer = scope.spawn(|| {
            key.check_decryptable()?;
            cert::self_signed(key, &spec.subject, digest)
        });
        let request = csr::build(key, spec, digest);
        (request, signer.join())
    });
    let signer_cert = signer_cert.map_err(|_| anyhow::anyhow!("the signing thread failed"))??;
    let request_der = request?
        .to_der()
        .map_err(|e| Error::Crypto(format!("encoding the request failed: {e}")))?;
    Ok((request_der, signer_cert))
}

/// What is known about the request when something fails, for the history.
#[derive(Default)]
struct Known {
    transaction_id: Option<String>,
    subject: Option<String>,
}

fn enroll(
    global: &GlobalArgs,
    args: &EnrollArgs,
    out: &Output,
    state_dir: &Path,
    known: &mut Known,
    started: std::time::Instant,
) -> Result<u8> {
    // Everything that can be wrong with the input is found before any work is done.
    let subject = subject(args)?;
    known.subject = Some(cert::name_to_string(&subject));
    let choices = request_options::Choices::parse(&args.algorithms)?;
    let spec = csr_spec(args, subject.clone(), None)?;
    let policy = outcome::policy(&args.policy);
    let http = crate::runtime::transport(global)?;
    let client = crate::runtime::client(&http, &args.server)?;
    // An EC --key-type was refused by `check_input` before anything was locked.
    check_outputs(args)?;
    let existing_key = args.key.as_deref().map(load_key).transpose()?;
    if let Some(plan) = &existing_key {
        plan.key.require_rsa("SCEP")?;
    }
    let challenge = request_options::challenge(&args.challenge, out)?;
    let spec = CsrSpec { challenge, ..spec };
    let p12 = crate::bundle::requested(&args.p12, out)?;

    certenroll::enroll::poll::jitter(args.policy.jitter, out)?;
    // With the key at hand, the request is signed while GetCACaps and GetCACert are under way,
    // over the digest nearly every server takes (it is signed again in the rare case the
    // server's capabilities call for another); once the CA's certificates are in, the
    // envelope's key is encrypted to the CA while the signing may still go on.
    let likely_digest = choices.likely_digest();
    let (fetched, sealer, early) = std::thread::scope(|scope| {
        let early = existing_key
            .as_ref()
            .map(|plan| scope.spawn(|| sign_request(&plan.key, &spec, likely_digest)));
        let fetched = request_options::caps_and_ca(
            &client,
            &args.server,
            args.ca_cert.as_deref(),
            args.pin.fingerprint.as_deref(),
        )
        .map(|(caps, ca)| (choices.resolve(&caps, out), ca));
        // A key that cannot be made here is made (and its error reported) when the request
        // is built.
        let sealer = fetched
            .as_ref()
            .ok()
            .and_then(|((cipher, ..), ca)| Sealer::new(ca.recipient().0, *cipher).ok());
        (fetched, sealer, early.map(|thread| thread.join()))
    });
    // Read by the rsa crate while the request was signed: a key the reply could not be
    // decrypted with is a local error, said before a network error and before the request is
    // sent.
    if let Some(plan) = &existing_key {
        plan.key.check_decryptable().map_err(|e| {
            Error::local(
                "reading key",
                &plan.path,
                std::io::Error::other(e.to_string()),
            )
        })?;
    }
    let ((cipher, digest, method), ca) = fetched?;

    let (plan, (request_der, signer_cert)) = match existing_key {
        Some(plan) => {
            let signed = match early {
                Some(Ok(Ok(signed))) if digest == likely_digest => signed,
                _ => sign_request(&plan.key, &spec, digest)?,
            };
            (plan, signed)
        }
        None => {
            // A new key is written (and synced to disk) while the request is signed: both
            // are done before the request that depends on the key is sent.
            let plan = new_key(state_dir, args, key_kind(args), out)?;
            let (written, signed) = std::thread::scope(|scope| {
                let written = scope.spawn(|| plan.write(state_dir, args));
                let signed = sign_request(&plan.key, &spec, digest);
                (written.join(), signed)
            });
            written.map_err(|_| anyhow::anyhow!("the key-writing thread failed"))??;
            let signed = signed?;
            (plan, signed)
        }
    };
    known.transaction_id = Some(Transaction::for_key(&plan.key.public_key_info()?)?.id);
    let session = Session {
        key: &plan.key,
        subject: &spec.subject,
        ca: &ca,
        cipher,
        digest,
        method,
        signer: Some(Signer {
            key: &plan.key,
            cert: &signer_cert,
        }),
    };
    let mut sealer = sealer;
    let outcome = certenroll::enroll::poll::send(&policy, out, || {
        client.enroll(&session, &request_der, sealer.take())
    })
    .inspect_err(|err| after_failure(args, &plan, err, out))?;

    let files = || Files {
        key: plan.path.clone(),
        cert: args.out_cert.clone(),
        chain: args.out_chain.clone(),
        p12: args.p12.out_p12.clone(),
    };
    let key_description = plan.describe(args);
    match outcome {
        Enrolled::Issued {
            cert: issued,
            transaction,
        } => {
            let dest = plan.destination(args, p12);
            let report = Report {
                operation: "enroll",
                url: client.url(),
                transaction_id: &transaction.id,
                subject: cert::name_to_string(&spec.subject),
                scep: Some((method, cipher, digest)),
                files: files(),
                started,
                profile: global.profile.clone(),
            };
            outcome::issued(
                state_dir,
                report,
                &dest,
                &issued,
                &ca,
                &key_description,
                None,
                out,
            )
        }
        Enrolled::Pending { transaction } => {
            let key_file = plan.staged.clone().unwrap_or_else(|| plan.path.clone());
            let pending =
                certenroll::enroll::saved::new_pending(certenroll::enroll::saved::NewPending {
                    transaction_id: &transaction.id,
                    url: client.url(),
                    profile: global.profile.clone(),
                    subject: &spec.subject,
                    key: &key_file,
                    install_key: plan.staged.as_ref().map(|_| plan.path.as_path()),
                    key_generated: args.key.is_none(),
                    cert: &args.out_cert,
                    chain: args.out_chain.as_deref(),
                    format: args.format,
                    ca: &ca,
                    keep_old: false,
                    p12: p12.as_ref(),
                    protocol: certenroll::enroll::saved::scep_part(
                        args.server.ca_ident.clone(),
                        (method, cipher, digest),
                        None,
                    )?,
                })?;
            let request = certenroll::enroll::saved::Request {
                pending,
                key: plan.key.clone(),
                subject: spec.subject.clone(),
                ca: ca.clone(),
                signer: None,
                p12,
                hook: None,
            };
            outcome::save_and_wait(
                state_dir,
                &client,
                request,
                (&policy, args.no_wait),
                &key_description,
                ("enroll", started),
                out,
            )
        }
    }
}
