//! A request the CA answered PENDING, saved so that another run can finish it: what is saved
//! (common fields and the protocol's part, see [`crate::store::pending`]), loading it back
//! with its key and certificates, polling it over SCEP, and ending it when the CA refused it
//! or when its certificate is already installed.

use std::path::{Path, PathBuf};
use std::time::Duration;

use base64::Engine;
use der::Decode;
use x509_cert::Certificate;
use x509_cert::name::Name;

use super::install::{Bundle, Destination, Hook};
use super::poll::{End, Polled, Progress};
use crate::choices::Format;
use crate::clock::now_unix;
use crate::est::Endpoint;
use crate::est::trust::{Connection, Login, Setup};
use crate::pki::cert;
use crate::pki::digest::Digest;
use crate::pki::envelope::Cipher;
use crate::pki::key::PrivateKey;
use crate::scep::cacert::CaCerts;
use crate::scep::client::{Client, Enrolled, Session};
use crate::schedule::PollPolicy;
use crate::store::pending::{EstSaved, P12Saved, Pending, PendingStore, Protocol, ScepSaved};
use crate::transport::Method;
use crate::{Error, Result};

/// A pending request ready to poll: its saved state, and what polling and installing need.
pub struct Request {
    /// What is saved.
    pub pending: Pending,
    /// The key the request is for.
    pub key: PrivateKey,
    /// The request's subject.
    pub subject: Name,
    /// The CA (and RA) certificates the request was made for.
    pub ca: CaCerts,
    /// A renewal's signer: the current key and certificate.
    pub signer: Option<(PrivateKey, Certificate)>,
    /// The PKCS#12 bundle to write, passphrase in hand.
    pub p12: Option<Bundle>,
    /// The deploy hook of this run's configuration (never one saved with the request).
    pub hook: Option<Hook>,
}

fn damaged(what: &str, e: impl std::fmt::Display) -> Error {
    Error::Invalid(format!("the saved {what} is damaged: {e}"))
}

impl Request {
    /// Load the key and certificates a saved request names. `hook` is the deploy hook of the
    /// configuration in force now; `p12` the bundle with its passphrase, read again from
    /// where the saved request says it comes from.
    pub fn load(pending: Pending, hook: Option<Hook>, p12: Option<Bundle>) -> Result<Self> {
        let key = super::install::read_key(&pending.key)?;
        let subject_der = base64::engine::general_purpose::STANDARD
            .decode(&pending.subject_der)
            .map_err(|e| damaged("subject", e))?;
        let subject = Name::from_der(&subject_der).map_err(|e| damaged("subject", e))?;
        let ca = CaCerts::from_certs(cert::parse_certificates(pending.ca_certs.as_bytes())?)?;
        let signer = match pending
            .scep()
            .map(|scep| (&scep.signer_key, &scep.signer_cert))
        {
            Some((Some(path), Some(pem))) => {
                let cert = cert::parse_certificates(pem.as_bytes())?
                    .into_iter()
                    .next()
                    .ok_or_else(|| damaged("signer certificate", "no certificate"))?;
                Some((super::install::read_key(path)?, cert))
            }
            _ => None,
        };
        Ok(Request {
            pending,
            key,
            subject,
            ca,
            signer,
            p12,
            hook,
        })
    }

    /// Where its certificate (and staged key) go.
    pub fn destination(&self) -> Destination {
        Destination {
            cert: self.pending.cert.clone(),
            chain: self.pending.chain.clone(),
            format: self.pending.format,
            key: self
                .pending
                .install_key
                .clone()
                .unwrap_or_else(|| self.pending.key.clone()),
            staged_key: self
                .pending
                .install_key
                .as_ref()
                .map(|_| self.pending.key.clone()),
            keep_old: self.pending.keep_old,
            hook: self.hook.clone(),
            p12: self.p12.clone(),
        }
    }

    /// Poll it over SCEP (CertPoll) by `policy`, at once or (`wait_first`) after an interval,
    /// saving its state as it goes.
    pub fn poll_scep(
        &mut self,
        client: &Client<'_>,
        store: &PendingStore,
        policy: &PollPolicy,
        wait_first: bool,
        progress: &dyn Progress,
    ) -> Result<End> {
        let scep = self
            .pending
            .scep()
            .cloned()
            .ok_or_else(|| Error::Invalid("not a SCEP request".into()))?;
        let first = if wait_first {
            policy.interval
        } else {
            Duration::ZERO
        };
        let Request {
            pending,
            key,
            subject,
            ca,
            signer,
            ..
        } = self;
        let session = Session {
            key,
            subject,
            ca,
            cipher: scep.cipher,
            digest: scep.digest,
            method: scep.method,
            signer: signer
                .as_ref()
                .map(|(key, cert)| crate::scep::pkimessage::Signer { key, cert }),
        };
        let transaction_id = pending.transaction_id.clone();
        super::poll::poll(
            pending,
            store,
            policy,
            first,
            progress,
            "asking the CA (CertPoll)",
            || match client.poll(&session, &transaction_id)? {
                Enrolled::Issued { cert, .. } => Ok(Polled::Issued(cert)),
                Enrolled::Pending { .. } => Ok(Polled::Pending(None)),
            },
        )
    }

    /// Poll it over EST: send the saved request again over `connection`, first after `first`,
    /// then after each Retry-After the server names (RFC 7030 4.2.3), saving its state.
    pub fn poll_est(
        &mut self,
        connection: &Connection,
        store: &PendingStore,
        policy: &PollPolicy,
        first: Duration,
        progress: &dyn Progress,
    ) -> Result<End> {
        let saved = self
            .pending
            .est()
            .cloned()
            .ok_or_else(|| Error::Invalid("not an EST request".into()))?;
        let csr_der = base64::engine::general_purpose::STANDARD
            .decode(&saved.csr)
            .map_err(|e| damaged("request", e))?;
        let Request {
            pending, key, ca, ..
        } = self;
        super::poll::poll(
            pending,
            store,
            policy,
            first,
            progress,
            "asking the EST server again",
            || match connection.client().enroll(&csr_der, saved.reenroll)? {
                crate::est::client::Enrolled::Issued(certs) => {
                    Ok(Polled::Issued(Box::new(super::verify::issued_for(
                        &certs,
                        &key.public_key_info()?,
                        ca,
                        super::verify::Channel::Authenticated,
                    )?)))
                }
                crate::est::client::Enrolled::Pending { retry_after } => {
                    Ok(Polled::Pending(Some(retry_after)))
                }
            },
        )
    }

    /// Poll it in a later run, whatever its protocol: SCEP over `http` at once, EST over a
    /// connection set up again from what was saved (trust, client certificate, login; a
    /// person is asked through `ask` only for a password that has no file or variable), not
    /// before the Retry-After the server named.
    pub fn poll_again(
        &mut self,
        http: &crate::transport::Transport,
        timeout: Duration,
        state_dir: &Path,
        policy: &PollPolicy,
        progress: &dyn Progress,
        ask: &dyn crate::est::trust::Ask,
    ) -> Result<End> {
        let store = PendingStore::new(state_dir);
        match self.pending.est().cloned() {
            None => {
                let client = Client::new(http, &self.pending.url)?;
                self.poll_scep(&client, &store, policy, false, progress)
            }
            Some(saved) => {
                let connection = connect_saved(&saved, &self.pending.url, timeout, state_dir, ask)?;
                for note in &connection.notes {
                    progress.warn(note);
                }
                let first = Duration::from_secs(
                    self.pending
                        .next_attempt
                        .unwrap_or(0)
                        .saturating_sub(now_unix()),
                );
                self.poll_est(&connection, &store, policy, first, progress)
            }
        }
    }

    /// After a poll failed: a rejection ends the request (its state goes, and a key generated
    /// for it is removed unless it is the installed certificate's key); any other failure
    /// keeps it for the next poll.
    pub fn forget_if_rejected(&self, store: &PendingStore, err: &Error) -> Result<()> {
        if matches!(err, Error::ScepFailure { .. }) {
            // The request goes first: a run killed in between leaves an unused key file,
            // never a saved request whose key is gone (which no later run could finish).
            store.remove(&self.pending.transaction_id)?;
            if self.pending.key_generated {
                super::install::discard_key(&self.pending.key, &self.pending.cert);
            }
        }
        Ok(())
    }
}

/// The connection to the EST server of a saved request, set up as when it was sent.
pub fn connect_saved(
    saved: &EstSaved,
    url: &str,
    timeout: Duration,
    state_dir: &Path,
    ask: &dyn crate::est::trust::Ask,
) -> Result<Connection> {
    let login = Login {
        username: saved.username.clone(),
        password_file: saved.password_file.clone(),
        password_env: saved.password_env.clone(),
    };
    let client = saved
        .client_cert
        .as_deref()
        .zip(saved.client_key.as_deref());
    crate::est::trust::connect(
        &Setup {
            // The saved URL is the endpoint's base, its label already in it.
            endpoint: Endpoint::new(url, None)?,
            timeout,
            ca_file: saved.ca_file.as_deref(),
            system_roots: saved.system_roots && saved.ca_file.is_none(),
            pin: None,
            client,
            login: &login,
            state_dir,
        },
        ask,
    )
}

/// A saved request whose certificate is already installed (a run was killed after installing
/// it, before forgetting it) is forgotten without asking the CA again: the CA may no longer
/// know the transaction, and its refusal must not touch the installed key. Returns whether
/// it was.
pub fn forget_if_installed(store: &PendingStore, saved: &Pending) -> Result<bool> {
    if !super::install::is_installed(&saved.cert, &saved.transaction_id) {
        return Ok(false);
    }
    store.remove(&saved.transaction_id)?;
    Ok(true)
}

/// What a request the CA answered PENDING needs saved; see [`new_pending`].
pub struct NewPending<'a> {
    /// The transaction (the SHA-256 of the request's public key).
    pub transaction_id: &'a str,
    /// The server.
    pub url: &'a str,
    /// The profile in use.
    pub profile: Option<String>,
    /// The request's subject.
    pub subject: &'a Name,
    /// The key the request is for (staged beside `install_key`, or in place).
    pub key: &'a Path,
    /// Where the key goes once issued, when it is staged.
    pub install_key: Option<&'a Path>,
    /// Whether this run generated the key.
    pub key_generated: bool,
    /// Where the certificate goes.
    pub cert: &'a Path,
    /// Where the chain goes.
    pub chain: Option<&'a Path>,
    /// Their encoding.
    pub format: Format,
    /// The CA certificates the request was made for.
    pub ca: &'a CaCerts,
    /// Keep `.prev` copies when installing.
    pub keep_old: bool,
    /// The PKCS#12 bundle to write.
    pub p12: Option<&'a Bundle>,
    /// The protocol's part ([`scep_part`], or EST's).
    pub protocol: Protocol,
}

fn absolute(path: &Path) -> Result<PathBuf> {
    std::path::absolute(path).map_err(|e| Error::local("resolving path", path, e))
}

/// The SCEP part of a pending request: how it was sent, and a renewal's current key file and
/// certificate (which sign the polls).
pub fn scep_part(
    ca_ident: Option<String>,
    (method, cipher, digest): (Method, Cipher, Digest),
    signer: Option<(&Path, &Certificate)>,
) -> Result<Protocol> {
    Ok(Protocol::Scep(ScepSaved {
        ca_ident,
        cipher,
        digest,
        method,
        signer_key: signer.map(|(key, _)| absolute(key)).transpose()?,
        signer_cert: signer.map(|(_, c)| cert::to_pem(&[c])).transpose()?,
    }))
}

/// Where a bundle's passphrase comes from, with absolute paths (never the passphrase).
pub fn p12_saved(bundle: &Bundle) -> Result<P12Saved> {
    let mut saved = bundle.source.clone();
    saved.path = absolute(&bundle.path)?;
    if let Some(file) = &saved.passphrase_file {
        saved.passphrase_file = Some(absolute(file)?);
    }
    Ok(saved)
}

/// The saved state of a pending request: paths made absolute (poll may run from anywhere),
/// the subject in DER, the CA certificates in PEM.
pub fn new_pending(p: NewPending<'_>) -> Result<Pending> {
    let now = now_unix();
    let subject_der = der::Encode::to_der(p.subject)
        .map_err(|e| Error::Crypto(format!("encoding the subject failed: {e}")))?;
    Ok(Pending {
        transaction_id: p.transaction_id.to_string(),
        url: p.url.to_string(),
        profile: p.profile,
        subject: cert::name_to_string(p.subject),
        subject_der: base64::engine::general_purpose::STANDARD.encode(subject_der),
        key: absolute(p.key)?,
        install_key: p.install_key.map(absolute).transpose()?,
        key_generated: p.key_generated,
        cert: absolute(p.cert)?,
        chain: p.chain.map(absolute).transpose()?,
        format: p.format,
        ca_certs: cert::to_pem(&p.ca.all().iter().collect::<Vec<_>>())?,
        created: now,
        attempts: 1,
        last_attempt: now,
        next_attempt: None,
        keep_old: p.keep_old,
        p12: p.p12.map(p12_saved).transpose()?,
        protocol: p.protocol,
    })
}
