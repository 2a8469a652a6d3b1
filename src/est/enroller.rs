//! EST as an [`Enroller`]: connecting is setting up TLS trust and authentication and fetching
//! /cacerts ([`super::trust`]); a request is /simpleenroll, a renewal /simplereenroll over a
//! TLS connection authenticated with the current certificate (RFC 7030 4.2.2); a 202 is
//! pending, and polling sends the same request again after the server's Retry-After (4.2.3).
//! The server's CSR attributes (4.5) may choose the key and digest of a new key. Server-side
//! key generation (4.4) is here too ([`EstEnroller::serverkeygen`]).

use std::path::Path;
use std::sync::OnceLock;
use std::time::Duration;

use base64::Engine;
use der::Encode;

use super::client::{Enrolled, ServerKeygen};
use super::csrattrs::{CsrAttrs, KeyRequest};
use super::trust::{Ask, Connection, Login, Setup};
use crate::enroll::install;
use crate::enroll::lifecycle::{self, Ended, Job, Outcome};
use crate::enroll::poll::{self, Progress};
use crate::enroll::saved::{Request, damaged};
use crate::enroll::verify::{self, Channel};
use crate::enroll::{Answer, Enroller, Outgoing};
use crate::pki::cacerts::CaCerts;
use crate::pki::csr;
use crate::pki::digest::Digest;
use crate::pki::key::{KeyKind, PrivateKey, public_key_id};
use crate::store::absolute;
use crate::store::pending::{EstSaved, Pending, Protocol};
use crate::store::{self, KEY_MODE};
use crate::{Error, Result};

/// An EST server, connected.
pub struct EstEnroller {
    connection: Connection,
    ca: CaCerts,
    /// What a pending request saves of how this connection was set up.
    setup: EstSaved,
    /// The server's CSR attributes, fetched when first needed.
    attrs: OnceLock<Option<CsrAttrs>>,
    notes: Vec<String>,
}

/// SHA-384 for P-384 keys, SHA-256 otherwise.
fn default_digest(kind: KeyKind) -> Digest {
    if kind == KeyKind::P384 {
        Digest::Sha384
    } else {
        Digest::Sha256
    }
}

impl EstEnroller {
    /// The server over `connection` (set up by `setup`, `label` its CA label), its CA
    /// certificates (/cacerts, or the file `ca_certs`: some servers answer /cacerts with an
    /// error for some labels) checked against the setup's pin.
    pub fn new(
        connection: Connection,
        setup: &Setup<'_>,
        label: Option<&str>,
        ca_certs: Option<&Path>,
    ) -> Result<Self> {
        let ca = match ca_certs {
            Some(path) => CaCerts::from_file(path, setup.pin)?,
            None => connection.cacerts(setup.pin)?,
        };
        let (client_cert, client_key) = match setup.client {
            Some((cert, key)) => (Some(absolute(cert)?), Some(absolute(key)?)),
            None => (None, None),
        };
        let login = setup.login;
        let saved = EstSaved {
            csr: String::new(),
            challenge_file: None,
            challenge_env: None,
            reenroll: false,
            label: label.map(str::to_string),
            username: login.username.clone(),
            password_file: login.password_file.as_deref().map(absolute).transpose()?,
            password_env: login.password_env.clone(),
            client_cert,
            client_key,
            ca_file: connection.ca_file.as_deref().map(absolute).transpose()?,
            system_roots: setup.system_roots,
        };
        Ok(EstEnroller {
            connection,
            ca,
            setup: saved,
            attrs: OnceLock::new(),
            notes: Vec::new(),
        })
    }

    /// The server of a saved request, connected again as when it was sent (trust, client
    /// certificate, login; a person is asked through `ask` only for a password that has no
    /// file or variable).
    pub fn from_saved(
        pending: &Pending,
        ca: CaCerts,
        timeout: Duration,
        state_dir: &Path,
        ask: &dyn Ask,
    ) -> Result<Self> {
        let saved = pending
            .est()
            .ok_or_else(|| Error::Invalid("not an EST request".into()))?;
        let login = Login {
            username: saved.username.clone(),
            password_file: saved.password_file.clone(),
            password_env: saved.password_env.clone(),
        };
        let connection = super::trust::connect(
            &Setup {
                // The saved URL is the endpoint's base, its label already in it.
                endpoint: super::Endpoint::new(&pending.url, None)?,
                timeout,
                ca_file: saved.ca_file.as_deref(),
                system_roots: saved.system_roots && saved.ca_file.is_none(),
                pin: None,
                client: saved
                    .client_cert
                    .as_deref()
                    .zip(saved.client_key.as_deref()),
                login: &login,
                state_dir,
            },
            ask,
        )?;
        let notes = connection.notes.clone();
        Ok(EstEnroller {
            connection,
            ca,
            setup: saved.clone(),
            attrs: OnceLock::new(),
            notes,
        })
    }

    /// The connection.
    pub fn connection(&self) -> &Connection {
        &self.connection
    }

    /// The CSR attributes, asked for once.
    fn attrs(&self) -> Option<&CsrAttrs> {
        self.attrs
            .get_or_init(|| match self.connection.client().csrattrs() {
                Ok(attrs) => Some(attrs),
                Err(err) => {
                    tracing::info!("no CSR attributes: {err}");
                    None
                }
            })
            .as_ref()
    }

    /// Send a request and read the answer: the issued certificate must be for `key` and
    /// chain to the CA.
    fn send(&self, csr: &[u8], reenroll: bool, key: &PrivateKey, ca: &CaCerts) -> Result<Answer> {
        match self.connection.client().enroll(csr, reenroll)? {
            Enrolled::Issued(certs) => Ok(Answer::Issued(Box::new(verify::issued_for(
                &certs,
                &key.public_key_info()?,
                ca,
                Channel::Authenticated,
            )?))),
            Enrolled::Pending { retry_after } => Ok(Answer::Pending(Some(retry_after))),
        }
    }

    /// Server-side key generation (RFC 7030 4.4): the server makes the key and the
    /// certificate, both installed at once. The request's own key only signs it; the server
    /// ignores it. A 202 cannot be kept: a server-made key is not saved at the server's word.
    pub fn serverkeygen(&self, job: Job<'_>, progress: &dyn Progress) -> Result<Outcome> {
        let mut dest = job.dest;
        let target = install::staging_path(job.state_dir, &dest.key, &dest.cert)?;
        store::check_writable(&target, "writing key")?;
        let throwaway = poll::busy(progress, "generating the request's signing key", || {
            PrivateKey::generate_rsa(2048)
        })?;
        let csr_der = csr::build(&throwaway, &job.spec, Digest::Sha256)?
            .to_der()
            .map_err(|e| Error::Crypto(format!("encoding the request failed: {e}")))?;
        let answer = poll::send(&job.policy, progress, || {
            self.connection.client().serverkeygen(&csr_der)
        })?;
        let (key_der, certs) = match answer {
            ServerKeygen::Issued { key_der, certs } => (key_der, certs),
            ServerKeygen::Pending { retry_after } => {
                return Err(Error::NotSupported(format!(
                    "the server accepted the key generation for later (HTTP 202, Retry-After {} s); certenroll cannot keep a server-generated key pending: run serverkeygen again then",
                    retry_after.as_secs()
                )));
            }
        };
        let key = PrivateKey::from_bytes(&key_der).map_err(|e| {
            Error::Untrusted(format!("the server-generated key does not decode: {e}"))
        })?;
        let cert = verify::issued_for(
            &certs,
            &key.public_key_info()?,
            &self.ca,
            Channel::Authenticated,
        )?;
        if target != dest.key {
            dest.staged_key = Some(target.clone());
        }
        store::write_atomic(
            &target,
            &install::encode_key(&key, dest.format)?,
            KEY_MODE,
            "writing key",
        )?;
        let settled = install::install(job.state_dir, &dest, &cert, &self.ca.chain(), None)?;
        let mut outcome = Outcome {
            protocol: "est",
            url: self.url().to_string(),
            transaction_id: public_key_id(&key.public_key_info()?)?,
            subject: crate::pki::cert::name_to_string(&job.spec.subject),
            part: Protocol::Est(EstSaved {
                csr: base64::engine::general_purpose::STANDARD.encode(&csr_der),
                ..self.setup.clone()
            }),
            dest,
            key_description: format!("{} from the server, mode 0600", key.describe()),
            made_elsewhere: false,
            end: Ended::Issued {
                cert: Box::new(cert),
                settled,
            },
            noted: None,
            managed: None,
        };
        lifecycle::register(&mut outcome, &self.ca, job.profile);
        Ok(outcome)
    }
}

impl Enroller for EstEnroller {
    fn protocol(&self) -> &'static str {
        "est"
    }

    fn url(&self) -> &str {
        self.connection.endpoint.base()
    }

    fn ca(&self) -> &CaCerts {
        &self.ca
    }

    fn take_notes(&mut self) -> Vec<String> {
        std::mem::take(&mut self.notes)
    }

    /// What the server's CSR attributes ask for (an EC curve, a larger RSA key), unless the
    /// person chose.
    fn key_kind(&self, asked: KeyKind, chosen: bool, progress: &dyn Progress) -> KeyKind {
        let Some(attrs) = self.attrs() else {
            return asked;
        };
        let kind = match (chosen, attrs.key_request()) {
            (true, _) | (false, None) => asked,
            (false, Some(KeyRequest::Rsa(Some(wanted)))) => match asked {
                KeyKind::Rsa(bits) if wanted > bits && [2048, 3072, 4096].contains(&wanted) => {
                    KeyKind::Rsa(wanted)
                }
                _ => asked,
            },
            (false, Some(KeyRequest::Rsa(_))) => asked,
            (false, Some(KeyRequest::Ec(curve))) => match curve.as_str() {
                "secp256r1" | "prime256v1" => KeyKind::P256,
                "secp384r1" => KeyKind::P384,
                other => {
                    progress.warn(&format!(
                        "the server asks for an EC key on {other}; certenroll makes P-256 and P-384 keys: sending {}",
                        lifecycle::describe(asked)
                    ));
                    asked
                }
            },
        };
        if kind != asked {
            progress.warn(&format!(
                "the server's CSR attributes ask for an {} key: generating one",
                lifecycle::describe(kind)
            ));
        }
        if attrs.wants_challenge_password() {
            tracing::info!("the server asks for a challengePassword; sent only when one is given");
        }
        kind
    }

    /// A person's P-384 key signs with SHA-384; otherwise the digest the server's CSR
    /// attributes ask for, else the key's usual one. A renewal asks for no attributes.
    fn digest(&self, key: &PrivateKey, given: bool) -> Digest {
        if given && key.kind() == KeyKind::P384 {
            return Digest::Sha384;
        }
        let attrs = if given {
            self.attrs()
        } else {
            self.attrs.get().and_then(Option::as_ref)
        };
        attrs
            .and_then(CsrAttrs::digest)
            .unwrap_or_else(|| default_digest(key.kind()))
    }

    fn request(&self, request: &Outgoing<'_>) -> Result<Answer> {
        self.send(
            request.csr,
            request.renewal.is_some(),
            request.key,
            &self.ca,
        )
    }

    /// The request is kept without its challengePassword (signed again without it), and
    /// where the password came from, to put it back when the request is sent again.
    fn saved_part(&self, request: &Outgoing<'_>) -> Result<Protocol> {
        // A request made elsewhere is kept as it came: only its maker could sign it again.
        let csr = if request.key.is_held_elsewhere() {
            request.csr.to_vec()
        } else {
            crate::pki::csr::with_challenge(request.csr, None, request.key)?
        };
        let from = request.challenge_from;
        Ok(Protocol::Est(EstSaved {
            csr: base64::engine::general_purpose::STANDARD.encode(csr),
            challenge_file: from.file.as_deref().map(absolute).transpose()?,
            challenge_env: from.env.clone(),
            reenroll: request.renewal.is_some(),
            ..self.setup.clone()
        }))
    }

    fn poll(&self, request: &Request) -> Result<Answer> {
        let saved = request
            .pending
            .est()
            .ok_or_else(|| Error::Invalid("not an EST request".into()))?;
        let csr = base64::engine::general_purpose::STANDARD
            .decode(&saved.csr)
            .map_err(|e| damaged("request", e))?;
        let challenge = crate::secret::from_file_or_env(
            saved.challenge_file.as_deref(),
            saved.challenge_env.as_deref(),
            "challenge",
            "--challenge-env",
        )?;
        let csr = match &challenge {
            Some(challenge) => {
                crate::pki::csr::with_challenge(&csr, Some(challenge), &request.key)?
            }
            None => csr,
        };
        self.send(&csr, saved.reenroll, &request.key, &request.ca)
    }

    /// Not before the Retry-After the server named.
    fn first_poll(&self, pending: &Pending) -> Duration {
        Duration::from_secs(
            pending
                .next_attempt
                .unwrap_or(0)
                .saturating_sub(crate::clock::now_unix()),
        )
    }

    fn waiting_note(&self, first: Duration, count: u32) -> String {
        format!(
            "Accepted (HTTP 202): the CA has not issued yet; asking again after {} s, up to {count} times.",
            first.as_secs()
        )
    }
}
