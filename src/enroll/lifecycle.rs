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

use crate::pki::Certificate;
use der::Encode;

use super::install::{self, Destination, Settled};
use super::poll::{self, End, Progress};
use super::saved::{self, NewPending, Request};
use super::{Answer, Current, Enroller, Outgoing};
use crate::pki::cacerts::CaCerts;
use crate::pki::csr::{self, CsrSpec};
use crate::pki::digest::Digest;
use crate::pki::key::{KeyKind, PrivateKey, public_key_id};
use crate::schedule::PollPolicy;
use crate::store;
use crate::store::pending::{PendingStore, Protocol};
use crate::store::registry::Managed;
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
    /// A request made elsewhere (`--csr`), sent as it is: the certificate is for its key,
    /// which certenroll never holds (`key`: its public half). Over SCEP, `ra` (a key of
    /// ours, and its file) signs the messages and receives the encrypted reply.
    Csr {
        /// The key the request is for, held by whoever made it.
        key: PrivateKey,
        /// The request, DER, as it came.
        der: Vec<u8>,
        /// Our key that signs SCEP's messages.
        ra: Option<(PrivateKey, PathBuf)>,
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
    /// Where the challenge password came from (read again when a saved EST request is sent
    /// again; nothing is kept of it when it came from the command line).
    pub challenge_from: crate::secret::Source,
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
    /// The request was made elsewhere (`--csr`): `dest.key` is its file, not a key.
    pub made_elsewhere: bool,
    /// Issued or pending.
    pub end: Ended,
    /// A first enrollment's key whose note goes once the outcome is recorded ([`Self::settle`]).
    pub noted: Option<PathBuf>,
    /// An installed certificate's record for the registry of managed certificates, saved
    /// with its result when the outcome is recorded.
    pub managed: Option<Managed>,
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
    /// The key that signs SCEP's messages for a request made elsewhere, and its file.
    ra: Option<(PrivateKey, PathBuf)>,
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
    let challenge_sent = job.spec.challenge.is_some();
    run_job(job, progress, connect, &mut transaction_id).map_err(|error| Failed {
        error,
        transaction_id,
        challenge_sent,
    })
}

/// A request that failed, and its transaction if it got that far (for the history).
#[derive(Debug)]
pub struct Failed {
    /// What went wrong.
    pub error: Error,
    /// The transaction, once the request's key was known.
    pub transaction_id: Option<String>,
    /// Whether the request carried a challenge password (a refusal without one says so).
    pub challenge_sent: bool,
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
        challenge_from,
    } = job;
    let owner = profile.clone();
    if dest.p12.is_some() && matches!(key, KeySource::Csr { .. }) {
        return Err(Error::Invalid(
            "a PKCS#12 bundle holds the private key, and a request made elsewhere (--csr) brings none: leave out --out-p12".into(),
        ));
    }
    if dest.cert_to_token && install::token_uri(&dest.key).is_none() {
        return Err(Error::Invalid(format!(
            "--cert-to-token puts the certificate beside its key on a token, and {} is no token key (pkcs11:…)",
            dest.key.display()
        )));
    }
    if dest.p12.is_some() && install::token_uri(&dest.key).is_some() {
        return Err(Error::Invalid(format!(
            "a PKCS#12 bundle holds the private key, and {} is on a token, whose keys never leave it: leave out --out-p12 (profile key p12)",
            dest.key.display()
        )));
    }
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
            KeySource::Csr {
                ra: Some((ra, path)),
                ..
            } => Some(scope.spawn(|| {
                E::check_key(ra, path)?;
                Ok(Vec::new())
            })),
            KeySource::New { .. } | KeySource::Csr { .. } => None,
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
                ra: None,
                description,
            };
            (keyed, csr_der)
        }
        KeySource::Csr { key, der, ra } => {
            let description = key.describe();
            let keyed = Keyed {
                key,
                written: None,
                noted: false,
                renewal: None,
                ra,
                description,
            };
            (keyed, der)
        }
        KeySource::New { kind, chosen } => {
            let kind = enroller.key_kind(kind, chosen, progress);
            let target = install::staging_path(state_dir, &dest.key, &dest.cert)?;
            store::check_writable(&target, "writing key")?;
            let on_token = target == dest.key && install::token_uri(&target).is_some();
            if on_token {
                install::note_token_generation(state_dir, &target)?;
            }
            let key = poll::busy(
                progress,
                &format!("generating an {} key", describe(kind)),
                || install::new_key(kind, &target),
            )
            .inspect_err(|_| {
                // Nothing was made: the note must not claim a key another puts there later.
                if on_token {
                    let _ = install::forget_fresh_key(state_dir, &target);
                }
            })?;
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
            let description = file_description(&key);
            let keyed = Keyed {
                key,
                written: Some(target),
                noted: in_place,
                renewal: None,
                ra: None,
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
                    || install::new_key(kind, &staged),
                )?;
                install::write_new_key(&staged, &key, dest.format, "writing the new key")?;
                dest.staged_key = Some(staged.clone());
                (key, Some(staged))
            };
            let description = file_description(&key);
            let digest = enroller.digest(&key, false);
            let keyed = Keyed {
                key,
                written,
                noted: false,
                renewal: Some(*current),
                ra: None,
                description,
            };
            let csr_der = encode(csr::build(&keyed.key, &spec, digest))
                .inspect_err(|_| keyed.discard_written(&dest))?;
            (keyed, csr_der)
        }
    };
    let transaction_id = public_key_id(&keyed.key.public_key_info()?)?;
    *known_id = Some(transaction_id.clone());
    tracing::info!("key: {}", keyed.description);
    tracing::info!(
        "request: subject '{}'{}, {} challenge password, transaction {transaction_id}",
        crate::pki::cert::name_to_string(&spec.subject),
        if spec.sans.is_empty() {
            String::new()
        } else {
            format!(
                ", SANs {}",
                spec.sans
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        },
        if spec.challenge.is_some() {
            "with a"
        } else {
            "without"
        }
    );
    let outgoing = Outgoing {
        key: &keyed.key,
        ra: keyed.ra.as_ref().map(|(key, path)| (key, path.as_path())),
        csr: &csr_der,
        subject: &spec.subject,
        renewal: keyed.renewal.as_ref(),
        challenge_from: &challenge_from,
    };
    let answer = poll::send(&policy, progress, || enroller.request(&outgoing))
        .inspect_err(|err| keyed.after_failure(state_dir, &dest, err, progress))?;
    tracing::info!(
        "answer: {}",
        match &answer {
            Answer::Issued(_) => "issued, verified (signed by the CA, for our key)",
            Answer::Pending(_) => "pending: the CA has not decided yet",
        }
    );
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
        made_elsewhere: keyed.key.is_held_elsewhere(),
        end,
        noted: keyed.noted.then(|| dest_key.clone()),
        managed: None,
    };
    let retry_after = match answer {
        Answer::Issued(cert) => {
            let settled = install::install(state_dir, &dest, &cert, &enroller.ca().chain(), None)?;
            let mut outcome = outcome(dest, Ended::Issued { cert, settled });
            register(&mut outcome, enroller.ca(), owner);
            return Ok(outcome);
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
        csr: keyed.key.is_held_elsewhere().then_some(csr_der.as_slice()),
        install_key: staged.map(|_| dest.key.as_path()),
        key_generated: keyed.written.is_some(),
        cert: &dest.cert,
        chain: dest.chain.as_deref(),
        format: dest.format,
        ca: enroller.ca(),
        keep_old: dest.keep_old,
        cert_to_token: dest.cert_to_token,
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
        ra: keyed.ra.clone().map(|(key, _)| key),
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
    let mut outcome = outcome(dest, finish(state_dir, &request, end)?);
    register(&mut outcome, enroller.ca(), owner);
    Ok(outcome)
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
    Ok(saved_outcome(&request, ended))
}

/// How a saved request ended, with its registry record when it was installed.
fn saved_outcome(request: &Request, end: Ended) -> Outcome {
    let mut outcome = Outcome {
        protocol: request.pending.protocol.name(),
        url: request.pending.url.clone(),
        transaction_id: request.pending.transaction_id.clone(),
        subject: request.pending.subject.clone(),
        part: request.pending.protocol.clone(),
        dest: request.destination(),
        key_description: request.key.describe(),
        made_elsewhere: request.key.is_held_elsewhere(),
        end,
        noted: None,
        managed: None,
    };
    register(&mut outcome, &request.ca, request.pending.profile.clone());
    outcome
}

/// Finish a saved request with a certificate issued outside the protocol (by the CA's
/// administrator): installed exactly as an issued reply would be, if it is for the request's
/// key and chains to its CA; anything else is refused as untrusted and nothing changes.
pub fn merge(request: Request, cert: Certificate, state_dir: &Path) -> Result<Outcome> {
    let cert = super::verify::issued_for(
        &[cert],
        &request.key.public_key_info()?,
        &request.ca,
        super::verify::Channel::Unauthenticated,
    )?;
    let ended = finish(state_dir, &request, End::Issued(Box::new(cert)))?;
    Ok(saved_outcome(&request, ended))
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

/// The registry record of an installed certificate ([`Outcome::managed`]).
pub fn register(outcome: &mut Outcome, ca: &CaCerts, profile: Option<String>) {
    let Ended::Issued { cert, .. } = &outcome.end else {
        return;
    };
    let tbs = cert.tbs_certificate();
    let validity = tbs.validity();
    let sans = crate::pki::csr::sans_in(tbs.extensions().map_or(&[][..], Vec::as_slice));
    outcome.managed = Some(Managed {
        cert: outcome.dest.cert.clone(),
        // A request made elsewhere: its key is its maker's, and so is renewing it.
        key: (!outcome.made_elsewhere).then(|| outcome.dest.key.clone()),
        made_elsewhere: outcome.made_elsewhere,
        chain: outcome.dest.chain.clone(),
        p12: outcome.dest.p12.as_ref().map(|bundle| bundle.path.clone()),
        profile,
        protocol: outcome.protocol.to_string(),
        url: outcome.url.clone(),
        ca_sha256: Some(crate::pki::cert::fingerprint(ca.ca(), Digest::Sha256)),
        serial: crate::pki::cert::summary(cert).serial,
        subject: crate::pki::cert::name_to_string(tbs.subject()),
        sans: sans.iter().map(ToString::to_string).collect(),
        not_before: validity.not_before.to_unix_duration().as_secs(),
        not_after: validity.not_after.to_unix_duration().as_secs(),
        sha256: crate::pki::cert::fingerprint(cert, Digest::Sha256),
        last: None,
        revocation: None,
    });
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
    install::write_new_key(target, key, dest.format, "writing key")?;
    tracing::info!(
        "the new key is in {} ({})",
        target.display(),
        file_description(key)
    );
    Ok(())
}

/// "RSA 2048, mode 0600" for a key file; where it is for a key on a token.
fn file_description(key: &PrivateKey) -> String {
    match key.token_place() {
        Some(_) => key.describe(),
        None => format!("{}, mode 0600", key.describe()),
    }
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

#[cfg(test)]
mod tests {
    //! The lifecycle against a scripted protocol: what a third protocol would go through.

    use std::cell::RefCell;
    use std::collections::VecDeque;
    use std::os::unix::fs::PermissionsExt;

    use super::*;
    use crate::choices::Format;
    use crate::error::FailInfo;
    use crate::pki::cacerts::CaCerts;
    use crate::pki::cert::test_cert;
    use crate::store::pending::ScepSaved;

    /// What the scripted CA answers, in turn.
    enum Says {
        Issue,
        Pending,
        Refuse,
        Down,
    }

    struct Scripted {
        ca_key: PrivateKey,
        ca: CaCerts,
        script: RefCell<VecDeque<Says>>,
    }

    impl Scripted {
        fn new(script: impl IntoIterator<Item = Says>) -> Self {
            let ca_key = PrivateKey::generate_rsa(2048).unwrap();
            let ca =
                CaCerts::from_certs(vec![test_cert(&ca_key, "Scripted CA", true, None)]).unwrap();
            Scripted {
                ca_key,
                ca,
                script: RefCell::new(script.into_iter().collect()),
            }
        }

        fn answer(&self, key: &PrivateKey) -> Result<Answer> {
            match self
                .script
                .borrow_mut()
                .pop_front()
                .expect("asked once too often")
            {
                Says::Issue => {
                    let issuer = self.ca.ca().tbs_certificate().subject();
                    let cert = test_cert(key, "device", false, Some((issuer, &self.ca_key)));
                    Ok(Answer::Issued(Box::new(cert)))
                }
                Says::Pending => Ok(Answer::Pending(None)),
                Says::Refuse => Err(Error::ScepFailure {
                    fail_info: Some(FailInfo::BadRequest),
                    text: None,
                }),
                Says::Down => Err(Error::HttpStatus {
                    url: "http://ca.test".into(),
                    status: 503,
                    body: String::new(),
                }),
            }
        }
    }

    impl Enroller for Scripted {
        fn protocol(&self) -> &'static str {
            "scep"
        }
        fn url(&self) -> &str {
            "http://ca.test/scripted"
        }
        fn ca(&self) -> &CaCerts {
            &self.ca
        }
        fn digest(&self, _key: &PrivateKey, _given: bool) -> Digest {
            Digest::Sha256
        }
        fn request(&self, request: &Outgoing<'_>) -> Result<Answer> {
            self.answer(request.key)
        }
        fn saved_part(&self, _request: &Outgoing<'_>) -> Result<Protocol> {
            Ok(Protocol::Scep(ScepSaved {
                ca_ident: None,
                cipher: crate::pki::envelope::Cipher::Aes128,
                digest: Digest::Sha256,
                method: crate::transport::Method::Post,
                signer_key: None,
                signer_cert: None,
            }))
        }
        fn poll(&self, request: &Request) -> Result<Answer> {
            self.answer(&request.key)
        }
        fn waiting_note(&self, _first: Duration, count: u32) -> String {
            format!("waiting, up to {count} times")
        }
    }

    /// Progress that records what a person would have been told.
    #[derive(Default)]
    struct Told(RefCell<Vec<String>>);

    impl Progress for Told {
        fn wait(&self, _delay: Duration, _label: &dyn Fn(u64) -> String) {}
        fn busy(&self, _what: &str, work: &mut dyn FnMut()) {
            work();
        }
        fn warn(&self, text: &str) {
            self.0.borrow_mut().push(text.to_string());
        }
        fn say(&self, text: &str) {
            self.0.borrow_mut().push(text.to_string());
        }
    }

    fn job(dir: &Path, key: KeySource, no_wait: bool) -> Job<'_> {
        let name = crate::pki::cert::build_name(&[(
            crate::pki::cert::NameAttr::CommonName,
            "device".into(),
        )])
        .unwrap();
        Job {
            state_dir: dir,
            spec: CsrSpec {
                subject: name,
                sans: Vec::new(),
                key_usage: None,
                extended_key_usage: Vec::new(),
                challenge: None,
            },
            key,
            dest: Destination {
                cert: dir.join("cert.pem"),
                chain: None,
                format: Format::Pem,
                key: dir.join("key.pem"),
                staged_key: None,
                cert_to_token: false,
                keep_old: false,
                hook: None,
                p12: None,
            },
            policy: PollPolicy {
                interval: Duration::ZERO,
                count: 3,
                retry_on_error: false,
            },
            no_wait,
            profile: None,
            challenge_from: Default::default(),
        }
    }

    fn new_key() -> KeySource {
        KeySource::New {
            kind: KeyKind::P256,
            chosen: true,
        }
    }

    /// The files under `dir` (the state directory's subdirectories included), locks aside.
    fn names(dir: &Path) -> Vec<String> {
        let mut names = Vec::new();
        for entry in std::fs::read_dir(dir).unwrap() {
            let entry = entry.unwrap();
            let name = entry.file_name().to_string_lossy().into_owned();
            if entry.path().is_dir() {
                names.extend(names_in(&entry.path(), &name));
            } else if !name.ends_with(".lock") {
                names.push(name);
            }
        }
        names.sort();
        names
    }

    fn names_in(dir: &Path, prefix: &str) -> Vec<String> {
        std::fs::read_dir(dir)
            .unwrap()
            .map(|e| format!("{prefix}/{}", e.unwrap().file_name().to_string_lossy()))
            .collect()
    }

    #[test]
    fn pending_is_saved_polled_and_installed_with_the_key_it_was_made_for() {
        let dir = tempfile::tempdir().unwrap();
        let told = Told::default();
        let ca = Scripted::new([Says::Pending, Says::Pending, Says::Issue]);
        let outcome = run(job(dir.path(), new_key(), false), &told, || Ok(ca)).unwrap();
        outcome.settle(dir.path()).unwrap();
        let Ended::Issued { cert, .. } = &outcome.end else {
            panic!("not issued")
        };
        let key = crate::enroll::install::read_key(&dir.path().join("key.pem")).unwrap();
        assert!(crate::pki::cert::has_public_key(
            cert,
            &key.public_key_info().unwrap()
        ));
        let mode = std::fs::metadata(dir.path().join("key.pem"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
        assert_eq!(
            outcome.transaction_id,
            public_key_id(&key.public_key_info().unwrap()).unwrap()
        );
        assert!(
            told.0
                .borrow()
                .iter()
                .any(|t| t == "waiting, up to 3 times")
        );
        // Nothing left behind: no pending request, no note of a new key; the outcome carries
        // the certificate's record for the registry, with its key.
        assert_eq!(PendingStore::new(dir.path()).list().0, []);
        assert_eq!(names(dir.path()), ["cert.pem", "key.pem"]);
        let managed = outcome.managed.as_ref().unwrap();
        assert_eq!(managed.key, Some(dir.path().join("key.pem")));
        assert_eq!(
            managed.sha256,
            crate::pki::cert::fingerprint(cert, Digest::Sha256)
        );
    }

    #[test]
    fn no_wait_keeps_the_request_and_its_key() {
        let dir = tempfile::tempdir().unwrap();
        let ca = Scripted::new([Says::Pending]);
        let outcome = run(job(dir.path(), new_key(), true), &Told::default(), || {
            Ok(ca)
        })
        .unwrap();
        outcome.settle(dir.path()).unwrap();
        assert!(
            matches!(&outcome.end, Ended::Pending { key } if key == &dir.path().join("key.pem"))
        );
        let (pending, _) = PendingStore::new(dir.path()).list();
        assert_eq!(pending.len(), 1);
        assert_eq!(pending[0].transaction_id, outcome.transaction_id);
        assert!(pending[0].key_generated);
        assert!(!dir.path().join("cert.pem").exists());
    }

    #[test]
    fn a_refused_request_takes_its_new_key_and_a_failure_keeps_it() {
        let dir = tempfile::tempdir().unwrap();
        let failed = run(job(dir.path(), new_key(), false), &Told::default(), || {
            Ok(Scripted::new([Says::Refuse]))
        })
        .err()
        .unwrap();
        assert_eq!(failed.error.exit_code(), crate::error::exit::REJECTED);
        assert_eq!(failed.transaction_id.map(|id| id.len()), Some(64));
        // The key and the note of it are gone.
        assert_eq!(names(dir.path()), Vec::<String>::new());

        let told = Told::default();
        let failed = run(job(dir.path(), new_key(), false), &told, || {
            Ok(Scripted::new([Says::Down]))
        })
        .err()
        .unwrap();
        assert_eq!(failed.error.exit_code(), crate::error::exit::COMMUNICATION);
        assert!(dir.path().join("key.pem").exists());
        assert!(
            told.0
                .borrow()
                .iter()
                .any(|t| t.contains("to send the same request again"))
        );
    }

    #[test]
    fn a_renewal_stages_its_key_and_swaps_it_in_only_when_issued() {
        let dir = tempfile::tempdir().unwrap();
        let first = run(job(dir.path(), new_key(), false), &Told::default(), || {
            Ok(Scripted::new([Says::Issue]))
        })
        .unwrap();
        first.settle(dir.path()).unwrap();
        let current = super::super::renewal::current(
            &dir.path().join("key.pem"),
            &dir.path().join("cert.pem"),
        )
        .unwrap();
        let before = std::fs::read(dir.path().join("key.pem")).unwrap();
        let renewal = || KeySource::Renewal {
            current: Box::new(current.clone()),
            reuse: false,
        };
        // Refused: the staged key goes, the pair in place stays.
        assert!(
            run(job(dir.path(), renewal(), false), &Told::default(), || {
                Ok(Scripted::new([Says::Refuse]))
            })
            .is_err()
        );
        assert_eq!(std::fs::read(dir.path().join("key.pem")).unwrap(), before);
        assert!(!dir.path().join("key.pem.new").exists());
        // Issued: the new key is in place, for the new certificate.
        let renewed = run(job(dir.path(), renewal(), false), &Told::default(), || {
            Ok(Scripted::new([Says::Issue]))
        })
        .unwrap();
        assert_ne!(std::fs::read(dir.path().join("key.pem")).unwrap(), before);
        assert_ne!(renewed.transaction_id, first.transaction_id);
        assert!(!dir.path().join("key.pem.new").exists());
        let key = crate::enroll::install::read_key(&dir.path().join("key.pem")).unwrap();
        let Ended::Issued { cert, .. } = &renewed.end else {
            panic!("not issued")
        };
        assert!(crate::pki::cert::has_public_key(
            cert,
            &key.public_key_info().unwrap()
        ));
    }
}
