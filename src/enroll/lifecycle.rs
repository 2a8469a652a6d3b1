//! One request from the key to the installed certificate, whatever the protocol: connect,
//! make or stage the key, sign the request, send it (retrying communication errors), and then
//! install what was issued, or save what is pending, poll it, and install it when issued.
//! [`resume`] finishes a request an earlier run saved. Both end in one [`Outcome`].
//!
//! Keys are handled by the rules of [`super::install`]: a new key for a file that exists waits
//! beside it as `KEY.new`; a key this run made is removed only when the CA refused the
//! request, and otherwise kept with a word on how to send the same request again.

use std::path::{Path, PathBuf};
use std::time::Duration;

use der::Encode;
use x509_cert::Certificate;

use super::install::{self, Destination, Settled};
use super::poll::{self, End, Progress};
use super::saved::{self, NewPending, Request};
use super::{Answer, Current, Enroller, Outgoing};
use crate::pki::csr::{self, CsrSpec};
use crate::pki::digest::Digest;
use crate::pki::key::{KeyKind, PrivateKey, public_key_id};
use crate::schedule::PollPolicy;
use crate::store::pending::{PendingStore, Protocol};
use crate::store::{self, KEY_MODE};
use crate::{Error, Result};

/// Where the request's key comes from.
pub enum KeySource {
    /// A key the person gave (`--key`): used as it is, never removed. `fresh`: it is the key
    /// a killed first enrollment made for this request ([`install::fresh_key_left`]), removed
    /// if the CA refuses the request.
    Given {
        /// The key.
        key: PrivateKey,
        /// Made by an earlier run of this request.
        fresh: bool,
    },
    /// A new key of this kind (`chosen`: the person named it; otherwise the server may ask
    /// for another), written to the destination's key file, or beside it when one is there.
    New {
        /// The kind.
        kind: KeyKind,
        /// Named by the person.
        chosen: bool,
    },
    /// A renewal of the current pair: a new key of the same kind staged beside it, or
    /// (`reuse`) the current key again.
    Renewal {
        /// The pair in place.
        current: Box<Current>,
        /// Request the new certificate for the current key.
        reuse: bool,
    },
}

/// What a request needs besides the protocol.
pub struct Job<'a> {
    /// The state directory (pending requests, journals).
    pub state_dir: &'a Path,
    /// What the request says.
    pub spec: CsrSpec,
    /// Where its key comes from.
    pub key: KeySource,
    /// Where the certificate, chain, key and bundle go (`staged_key` is worked out here).
    pub dest: Destination,
    /// How to send and poll.
    pub policy: PollPolicy,
    /// On PENDING, save and return at once.
    pub no_wait: bool,
    /// The profile in use, saved with a pending request.
    pub profile: Option<String>,
}

/// How a request ended, short of a failure.
pub struct Outcome {
    /// "scep" or "est".
    pub protocol: &'static str,
    /// The server.
    pub url: String,
    /// The transaction (the SHA-256 of the request's public key).
    pub transaction_id: String,
    /// The request's subject.
    pub subject: String,
    /// How it was sent (the protocol's saved part).
    pub part: Protocol,
    /// Where its files go.
    pub dest: Destination,
    /// The key for people: "RSA 2048, mode 0600".
    pub key_description: String,
    /// Issued or pending.
    pub end: Ended,
    /// A first enrollment's key whose note goes once the outcome is recorded ([`Self::settle`]).
    pub noted: Option<PathBuf>,
}

impl Outcome {
    /// Call once the outcome is recorded: a first enrollment's key got its certificate or a
    /// saved request holds it, and its note ([`install::note_fresh_key`]) goes, last, so
    /// that a run killed before it is finished by the same command again.
    pub fn settle(&self, state_dir: &Path) -> Result<()> {
        match &self.noted {
            Some(key) => install::forget_fresh_key(state_dir, key),
            None => Ok(()),
        }
    }
}

/// Issued and installed, or still pending.
pub enum Ended {
    /// The certificate is installed.
    Issued {
        /// The certificate.
        cert: Box<Certificate>,
        /// What installing it did.
        settled: Settled,
    },
    /// Saved for a later run; the request's key is in this file.
    Pending {
        /// The key file.
        key: PathBuf,
    },
}

/// The key of a request and the file this run wrote it to, if it did.
struct Keyed {
    key: PrivateKey,
    /// Where this run wrote the key (in place, or staged).
    written: Option<PathBuf>,
    /// A first enrollment's key, noted in the state directory until it is settled.
    noted: bool,
    renewal: Option<Current>,
    description: String,
}

fn encode(request: Result<x509_cert::request::CertReq>) -> Result<Vec<u8>> {
    request?
        .to_der()
        .map_err(|e| Error::Crypto(format!("encoding the request failed: {e}")))
}

/// Run `job` over the enroller `connect` makes: the whole request, up to the certificate
/// installed or the request saved as pending. With the person's own key, the request is
/// signed (over SHA-256, which nearly every server takes) while `connect` runs, and signed
/// again in the rare case the server calls for another digest.
pub fn run<E: Enroller>(
    job: Job<'_>,
    progress: &dyn Progress,
    connect: impl FnOnce() -> Result<E>,
) -> std::result::Result<Outcome, Failed> {
    let mut transaction_id = None;
    run_job(job, progress, connect, &mut transaction_id).map_err(|error| Failed {
        error,
        transaction_id,
    })
}

/// A request that failed, and its transaction if it got that far (for the history).
#[derive(Debug)]
pub struct Failed {
    /// What went wrong.
    pub error: Error,
    /// The transaction, once the request's key was known.
    pub transaction_id: Option<String>,
}

impl From<Failed> for Error {
    fn from(failed: Failed) -> Self {
        failed.error
    }
}

fn run_job<E: Enroller>(
    job: Job<'_>,
    progress: &dyn Progress,
    connect: impl FnOnce() -> Result<E>,
    known_id: &mut Option<String>,
) -> Result<Outcome> {
    let Job {
        state_dir,
        spec,
        key,
        mut dest,
        policy,
        no_wait,
        profile,
    } = job;
    let early_digest = Digest::Sha256;
    // The person's key is checked (and a request signed with it) while connecting; a key
    // that cannot be used is said before any network error.
    let (connected, early) = std::thread::scope(|scope| {
        let early = match &key {
            KeySource::Given { key, .. } => Some(scope.spawn(|| {
                E::check_key(key, &dest.key)?;
                encode(csr::build(key, &spec, early_digest))
            })),
            KeySource::Renewal { current, .. } => Some(scope.spawn(|| {
                E::check_key(&current.key, &current.key_path)?;
                Ok(Vec::new())
            })),
            KeySource::New { .. } => None,
        };
        (connect(), early.map(|thread| thread.join()))
    });
    let early = match early {
        Some(Ok(Err(err))) => return Err(err),
        Some(Ok(Ok(der))) => Some(der),
        _ => None,
    };
    let mut enroller = connected?;
    for note in enroller.take_notes() {
        progress.warn(&note);
    }
    let (keyed, csr_der) = match key {
        KeySource::Given { key, fresh } => {
            let digest = enroller.digest(&key, true);
            let csr_der = match early {
                Some(der) if digest == early_digest => der,
                _ => encode(csr::build(&key, &spec, digest))?,
            };
            let description = key.describe();
            let keyed = Keyed {
                key,
                written: None,
                noted: fresh,
                renewal: None,
                description,
            };
            (keyed, csr_der)
        }
        KeySource::New { kind, chosen } => {
            let kind = enroller.key_kind(kind, chosen, progress);
            let target = install::staging_path(state_dir, &dest.key, &dest.cert)?;
            store::check_writable(&target, "writing key")?;
            let key = poll::busy(
                progress,
                &format!("generating an {} key", describe(kind)),
                || PrivateKey::generate(kind),
            )?;
            let in_place = target == dest.key;
            if !in_place {
                dest.staged_key = Some(target.clone());
            }
            let digest = enroller.digest(&key, false);
            // The key is written (and synced) while the request is signed: both are done
            // before the request that depends on the key is sent.
            let (written, csr_der) = std::thread::scope(|scope| {
                let written = scope.spawn(|| write_key(state_dir, &target, in_place, &key, &dest));
                let csr_der = encode(csr::build(&key, &spec, digest));
                (written.join(), csr_der)
            });
            written.map_err(|_| Error::Crypto("the key-writing thread failed".into()))??;
            let description = format!("{}, mode 0600", key.describe());
            let keyed = Keyed {
                key,
                written: Some(target),
                noted: in_place,
                renewal: None,
                description,
            };
            (keyed, csr_der?)
        }
        KeySource::Renewal { current, reuse } => {
            let (key, written) = if reuse {
                (current.key.clone(), None)
            } else {
                let staged = install::staging_path(state_dir, &current.key_path, &dest.cert)?;
                let kind = current.key.kind();
                let key = poll::busy(
                    progress,
                    &format!("generating an {} key", describe(kind)),
                    || PrivateKey::generate(kind),
                )?;
                store::write_atomic(
                    &staged,
                    &install::encode_key(&key, dest.format)?,
                    KEY_MODE,
                    "writing the new key",
                )?;
                dest.staged_key = Some(staged.clone());
                (key, Some(staged))
            };
            let description = format!("{}, mode 0600", key.describe());
            let digest = enroller.digest(&key, false);
            let keyed = Keyed {
                key,
                written,
                noted: false,
                renewal: Some(*current),
                description,
            };
            let csr_der = encode(csr::build(&keyed.key, &spec, digest))
                .inspect_err(|_| keyed.discard_written(&dest))?;
            (keyed, csr_der)
        }
    };
    let transaction_id = public_key_id(&keyed.key.public_key_info()?)?;
    *known_id = Some(transaction_id.clone());
    let outgoing = Outgoing {
        key: &keyed.key,
        csr: &csr_der,
        subject: &spec.subject,
        renewal: keyed.renewal.as_ref(),
    };
    let answer = poll::send(&policy, progress, || enroller.request(&outgoing))
        .inspect_err(|err| keyed.after_failure(state_dir, &dest, err, progress))?;
    let part = enroller.saved_part(&outgoing)?;
    let dest_key = dest.key.clone();
    let outcome = |dest: Destination, end: Ended| Outcome {
        protocol: enroller.protocol(),
        url: enroller.url().to_string(),
        transaction_id: transaction_id.clone(),
        subject: crate::pki::cert::name_to_string(&spec.subject),
        part: part.clone(),
        dest,
        key_description: keyed.description.clone(),
        end,
        noted: keyed.noted.then(|| dest_key.clone()),
    };
    let retry_after = match answer {
        Answer::Issued(cert) => {
            let settled = install::install(state_dir, &dest, &cert, &enroller.ca().chain(), None)?;
            return Ok(outcome(dest, Ended::Issued { cert, settled }));
        }
        Answer::Pending(retry_after) => retry_after,
    };
    let staged = dest.staged_key.as_deref();
    let mut pending = saved::new_pending(NewPending {
        transaction_id: &transaction_id,
        url: enroller.url(),
        profile,
        subject: &spec.subject,
        key: staged.unwrap_or(&dest.key),
        install_key: staged.map(|_| dest.key.as_path()),
        key_generated: keyed.written.is_some(),
        cert: &dest.cert,
        chain: dest.chain.as_deref(),
        format: dest.format,
        ca: enroller.ca(),
        keep_old: dest.keep_old,
        p12: dest.p12.as_ref(),
        protocol: part.clone(),
    })?;
    if let Some(retry_after) = retry_after {
        pending.next_attempt = Some(crate::clock::now_unix().saturating_add(retry_after.as_secs()));
    }
    let store = PendingStore::new(state_dir);
    store.save(&pending)?;
    let request = Request {
        pending,
        key: keyed.key.clone(),
        subject: spec.subject.clone(),
        ca: enroller.ca().clone(),
        signer: keyed
            .renewal
            .clone()
            .map(|current| (current.key, current.cert)),
        p12: dest.p12.clone(),
        hook: dest.hook.clone(),
    };
    let first = retry_after.map_or(policy.interval, |after| after.max(Duration::from_secs(1)));
    let end = if no_wait || policy.count == 0 {
        End::StillPending
    } else {
        progress.say(&enroller.waiting_note(first, policy.count));
        wait(&enroller, &request, &store, &policy, first, progress)?
    };
    Ok(outcome(dest, finish(state_dir, &request, end)?))
}

/// Finish a request an earlier run saved: poll it by `policy` (first after the wait the
/// protocol asks for), and install its certificate when issued. A refusal ends it.
pub fn resume(
    enroller: &dyn Enroller,
    request: Request,
    state_dir: &Path,
    policy: &PollPolicy,
    progress: &dyn Progress,
) -> Result<Outcome> {
    let store = PendingStore::new(state_dir);
    let first = enroller.first_poll(&request.pending);
    let end = wait(enroller, &request, &store, policy, first, progress)?;
    let ended = finish(state_dir, &request, end)?;
    Ok(Outcome {
        protocol: enroller.protocol(),
        url: request.pending.url.clone(),
        transaction_id: request.pending.transaction_id.clone(),
        subject: request.pending.subject.clone(),
        part: request.pending.protocol.clone(),
        dest: request.destination(),
        key_description: request.key.describe(),
        end: ended,
        noted: None,
    })
}

/// Poll a saved request by `policy`, saving its state as it goes; a refusal ends it
/// ([`Request::forget_if_rejected`]).
fn wait(
    enroller: &dyn Enroller,
    request: &Request,
    store: &PendingStore,
    policy: &PollPolicy,
    first: Duration,
    progress: &dyn Progress,
) -> Result<End> {
    let mut pending = request.pending.clone();
    poll::poll(
        &mut pending,
        store,
        policy,
        first,
        progress,
        "asking the CA again",
        || enroller.poll(request),
    )
    .inspect_err(|err| {
        if let Err(e) = request.forget_if_rejected(store, err) {
            progress.warn(&e.to_string());
        }
    })
}

/// Install what was issued (forgetting the saved request); a request still pending stays
/// saved as the polls left it.
fn finish(state_dir: &Path, request: &Request, end: End) -> Result<Ended> {
    Ok(match end {
        End::Issued(cert) => {
            let settled = install::install(
                state_dir,
                &request.destination(),
                &cert,
                &request.ca.chain(),
                Some(&request.pending.transaction_id),
            )?;
            Ended::Issued { cert, settled }
        }
        End::StillPending => Ended::Pending {
            key: request.pending.key.clone(),
        },
    })
}

/// Write a key this run generated (0600), to its staging file or in place (noted first, so
/// that a run killed after writing it is finished by the next).
fn write_key(
    state_dir: &Path,
    target: &Path,
    in_place: bool,
    key: &PrivateKey,
    dest: &Destination,
) -> Result<()> {
    if in_place {
        install::note_fresh_key(state_dir, target, key)?;
    }
    store::write_atomic(
        target,
        &install::encode_key(key, dest.format)?,
        KEY_MODE,
        "writing key",
    )?;
    tracing::info!(path = %target.display(), "wrote the new key (mode 0600)");
    Ok(())
}

impl Keyed {
    /// After a failed request: a renewal's staged key goes; a key this run (or a killed run
    /// of the same request) made goes when the CA refused the request, and is kept otherwise
    /// with a word on how to send the same request again.
    fn after_failure(
        &self,
        state_dir: &Path,
        dest: &Destination,
        err: &Error,
        progress: &dyn Progress,
    ) {
        if self.renewal.is_some() {
            self.discard_written(dest);
            return;
        }
        let refused = matches!(err, Error::ScepFailure { .. } | Error::Unauthorized { .. });
        let file = self.written.as_deref().unwrap_or(&dest.key);
        if refused {
            if self.written.is_some() || self.noted {
                install::discard_key(file, &dest.cert);
            }
            if self.noted
                && let Err(e) = install::forget_fresh_key(state_dir, &dest.key)
            {
                progress.warn(&e.to_string());
            }
        } else if let Some(written) = &self.written {
            progress.warn(&format!(
                "the new key stays in {}; to send the same request again, use --key {0}",
                written.display()
            ));
        }
    }

    /// Remove the key this run staged.
    fn discard_written(&self, dest: &Destination) {
        if let Some(written) = &self.written {
            install::discard_key(written, &dest.cert);
        }
    }
}

/// "RSA-2048", "EC P-256"...
pub fn describe(kind: KeyKind) -> String {
    match kind {
        KeyKind::Rsa(bits) => format!("RSA-{bits}"),
        KeyKind::P256 => "EC P-256".into(),
        KeyKind::P384 => "EC P-384".into(),
    }
}
