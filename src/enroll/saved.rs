//! A request the CA answered PENDING, saved so that another run can finish it: what is saved
//! (common fields and the protocol's part, see [`crate::store::pending`]), loading it back
//! with its key and certificates, and ending it when the CA refused it or when its
//! certificate is already installed. Polling it is the protocol's ([`super::Enroller::poll`]).

use std::path::{Path, PathBuf};

use crate::pki::Certificate;
use base64::Engine;
use der::Decode;
use x509_cert::name::Name;

use super::install::{Bundle, Destination, Hook};
use crate::choices::Format;
use crate::clock::now_unix;
use crate::pki::cacerts::CaCerts;
use crate::pki::cert;
use crate::pki::key::PrivateKey;
use crate::store::absolute;
use crate::store::pending::{P12Saved, Pending, PendingStore, Protocol};
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
    /// The key that signs the messages of a request made elsewhere (SCEP's `--key`).
    pub ra: Option<PrivateKey>,
    /// The PKCS#12 bundle to write, passphrase in hand.
    pub p12: Option<Bundle>,
    /// The deploy hook of this run's configuration (never one saved with the request).
    pub hook: Option<Hook>,
}

/// The error for a saved request whose `what` does not decode.
pub fn damaged(what: &str, e: impl std::fmt::Display) -> Error {
    Error::Invalid(format!("the saved {what} is damaged: {e}"))
}

impl Request {
    /// Load the key and certificates a saved request names. `hook` is the deploy hook of the
    /// configuration in force now; `p12` the bundle with its passphrase, read again from
    /// where the saved request says it comes from.
    pub fn load(pending: Pending, hook: Option<Hook>, p12: Option<Bundle>) -> Result<Self> {
        let key = match &pending.csr {
            Some(csr) => {
                let der = base64::engine::general_purpose::STANDARD
                    .decode(csr)
                    .map_err(|e| damaged("request", e))?;
                let csr = x509_cert::request::CertReq::from_der(&der)
                    .map_err(|e| damaged("request", e))?;
                PrivateKey::held_elsewhere(csr.info.public_key)?
            }
            None => super::install::read_key(&pending.key)?,
        };
        let subject_der = base64::engine::general_purpose::STANDARD
            .decode(&pending.subject_der)
            .map_err(|e| damaged("subject", e))?;
        let subject = Name::from_der(&subject_der).map_err(|e| damaged("subject", e))?;
        let ca = CaCerts::from_certs(cert::parse_certificates(pending.ca_certs.as_bytes())?)?;
        let (mut signer, mut ra) = (None, None);
        match pending
            .scep()
            .map(|scep| (&scep.signer_key, &scep.signer_cert))
        {
            Some((Some(path), Some(pem))) => {
                let cert = cert::parse_certificates(pem.as_bytes())?
                    .into_iter()
                    .next()
                    .ok_or_else(|| damaged("signer certificate", "no certificate"))?;
                signer = Some((super::install::read_key(path)?, cert));
            }
            Some((Some(path), None)) => ra = Some(super::install::read_key(path)?),
            _ => {}
        }
        Ok(Request {
            pending,
            key,
            subject,
            ca,
            signer,
            ra,
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
            cert_to_token: self.pending.cert_to_token,
            hook: self.hook.clone(),
            p12: self.p12.clone(),
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

/// Forget a saved request a person gave up on: its state goes first, then the key made for
/// it, unless that key is the installed certificate's (or cannot be read). Returns the key
/// file when it was removed.
pub fn delete(store: &PendingStore, saved: &Pending) -> Result<Option<PathBuf>> {
    store.remove(&saved.transaction_id)?;
    if saved.key_generated && super::install::discard_key(&saved.key, &saved.cert) {
        return Ok(Some(saved.key.clone()));
    }
    Ok(None)
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
    /// The key the request is for (staged beside `install_key`, or in place); the CSR file
    /// of a request made elsewhere.
    pub key: &'a Path,
    /// A request made elsewhere: its DER.
    pub csr: Option<&'a [u8]>,
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
    /// Also put the certificate on the token beside its key.
    pub cert_to_token: bool,
    /// The PKCS#12 bundle to write.
    pub p12: Option<&'a Bundle>,
    /// The protocol's part ([`super::Enroller::saved_part`]).
    pub protocol: Protocol,
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
        csr: p
            .csr
            .map(|der| base64::engine::general_purpose::STANDARD.encode(der)),
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
        cert_to_token: p.cert_to_token,
        p12: p.p12.map(p12_saved).transpose()?,
        last_error: None,
        cancelled: false,
        protocol: p.protocol,
    })
}
