//! Setting up a connection to an EST server: what to trust, and how to authenticate.
//!
//! Trust comes from a CA file, the system's roots, a CA remembered from an earlier bootstrap,
//! or the built-in roots. A server whose CA is unknown is trusted only after its CA's
//! fingerprint matched a pin, or a person confirmed it (RFC 7030 4.1.1 bootstrap); the
//! confirmed CA, and CA certificates that chain to it, are then remembered for that server.
//! The questions for a person (confirm a CA, type a password) are asked through [`Ask`]: the
//! library decides when, the binary asks.

use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::pki::Certificate;

use super::Endpoint;
use super::client::{Credentials, EstClient};
use crate::error::{CommError, TlsKind};
use crate::pki::cacerts::CaCerts;
use crate::pki::cert;
use crate::pki::digest::Digest;
use crate::secret::Secret;
use crate::store;
use crate::tls::{ClientIdentity, Trust};
use crate::transport::{Options, Transport};
use crate::{Error, Result};

/// Questions for a person at the terminal.
pub trait Ask {
    /// Whether anyone can be asked at all (a terminal, and no machine-readable output).
    fn can_ask(&self) -> bool;
    /// Show the unknown CA of an EST server and ask whether to trust it.
    fn trust_ca(&self, subject: &str, sha256: &str) -> Result<bool>;
    /// The HTTP password of `username`, typed hidden.
    fn password(&self, username: &str) -> Result<Secret>;
}

/// Where the HTTP password comes from.
#[derive(Debug, Clone, Default)]
pub struct Login {
    /// HTTP Basic user name (no user: no Basic authentication).
    pub username: Option<String>,
    /// A file whose first line is the password.
    pub password_file: Option<PathBuf>,
    /// An environment variable holding the password.
    pub password_env: Option<String>,
}

/// How to reach and trust one EST server.
#[derive(Debug, Clone)]
pub struct Setup<'a> {
    /// The server and CA label.
    pub endpoint: Endpoint,
    /// Per-phase HTTP timeout.
    pub timeout: Duration,
    /// Trust anchors from a file.
    pub ca_file: Option<&'a Path>,
    /// The system's trusted CAs instead of the built-in roots.
    pub system_roots: bool,
    /// The SHA-256 fingerprint the server's CA must have on first contact.
    pub pin: Option<&'a str>,
    /// A TLS client certificate and its key (files).
    pub client: Option<(&'a Path, &'a Path)>,
    /// HTTP Basic authentication.
    pub login: &'a Login,
    /// Where remembered CAs live.
    pub state_dir: &'a Path,
}

/// Everything needed to talk to one EST server.
pub struct Connection {
    http: Transport,
    /// The server and CA label.
    pub endpoint: Endpoint,
    auth: Option<Credentials>,
    client_certificate: bool,
    /// What the connection trusts, to save with a pending request.
    pub ca_file: Option<PathBuf>,
    /// /cacerts as fetched, over the same trust, while finding out what to trust.
    fetched_cacerts: Option<Vec<Certificate>>,
    /// What was done that a person should know (a CA trusted and remembered).
    pub notes: Vec<String>,
    /// A CA that this connection's bootstrap remembered (to save with a profile).
    pub bootstrapped: Option<PathBuf>,
}

impl Connection {
    /// The EST client over this connection.
    pub fn client(&self) -> EstClient<'_> {
        EstClient::new(
            &self.http,
            self.endpoint.clone(),
            self.auth.clone(),
            self.client_certificate,
        )
    }

    /// The CA certificates (/cacerts), checked against a pin.
    pub fn cacerts(&self, pin: Option<&str>) -> Result<CaCerts> {
        let certs = match &self.fetched_cacerts {
            Some(certs) => certs.clone(),
            None => self.client().cacerts()?,
        };
        CaCerts::from_certs(certs)?.pinned(pin)
    }
}

/// The HTTP password: its file, its variable, or asked for.
fn login(login: &Login, ask: &dyn Ask) -> Result<Option<Credentials>> {
    let Some(username) = &login.username else {
        return Ok(None);
    };
    let saved = crate::secret::from_file_or_env(
        login.password_file.as_deref(),
        login.password_env.as_deref(),
        "password",
        "--password-env",
    )?;
    let password = if let Some(password) = saved {
        password
    } else if ask.can_ask() {
        ask.password(username)?
    } else {
        return Err(Error::Invalid(format!(
            "--username {username} needs a password: give --password-file FILE or --password-env VAR"
        )));
    };
    Ok(Some(Credentials {
        username: username.clone(),
        password,
    }))
}

/// A client certificate and its key from files (or the key on a token); the certificate must
/// be the key's.
pub fn identity(cert_path: &Path, key_path: &Path) -> Result<ClientIdentity> {
    let bytes = std::fs::read(cert_path)
        .map_err(|e| Error::local("reading client certificate", cert_path, e))?;
    let chain = cert::parse_certificates(&bytes)?;
    let key = crate::enroll::install::read_key(key_path)?;
    let leaf = chain
        .first()
        .ok_or_else(|| Error::Invalid(format!("{} holds no certificate", cert_path.display())))?;
    if !cert::has_public_key(leaf, &key.public_key_info()?) {
        return Err(Error::Invalid(format!(
            "{} is not the certificate of the key {}",
            cert_path.display(),
            key_path.display()
        )));
    }
    Ok(ClientIdentity {
        chain: chain.iter().map(cert::to_der).collect::<Result<Vec<_>>>()?,
        key,
    })
}

/// Where a CA bootstrapped for `endpoint` is remembered: `<state>/est-trust/HOST_PORT.pem`.
pub fn remembered_path(state_dir: &Path, endpoint: &Endpoint) -> PathBuf {
    let (host, port) = endpoint.host_port();
    let host: String = host
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '.' || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect();
    state_dir
        .join("est-trust")
        .join(format!("{host}_{port}.pem"))
}

/// A transport that does not check the server's certificate: only for the /cacerts of a
/// bootstrap, whose answer is trusted by fingerprint or by a person, never by the connection.
fn unverified(timeout: Duration) -> Result<Transport> {
    Transport::new(Options {
        timeout,
        insecure_bootstrap: true,
        ..Options::default()
    })
}

/// The CA certificates of an EST server for setting up a profile: over a trusted connection
/// when a CA file or the system's roots say what to trust, else fetched without trusting the
/// server (RFC 7030 4.1.1); the caller then has them confirmed by fingerprint or by a person.
pub fn cacerts_for_setup(
    endpoint: &Endpoint,
    timeout: Duration,
    ca_file: Option<&Path>,
    system_roots: bool,
) -> Result<Vec<Certificate>> {
    let trust = match ca_file {
        Some(path) => Some(Trust::from_file(path)?),
        None if system_roots => Some(Trust::System),
        None => None,
    };
    let http = match trust {
        Some(trust) => Transport::new(Options {
            timeout,
            trust,
            ..Options::default()
        })?,
        None => unverified(timeout)?,
    };
    EstClient::new(&http, endpoint.clone(), None, false).cacerts()
}

/// Bootstrap (RFC 7030 4.1.1): /cacerts fetched without trusting the server, then the CA is
/// accepted only when its fingerprint matches the pin, or a person confirms it. Only the
/// confirmed certificate and the CA certificates of the reply that chain to it
/// ([`super::bootstrap_anchors`]) are remembered for this server.
fn bootstrap(setup: &Setup<'_>, ask: &dyn Ask, notes: &mut Vec<String>) -> Result<PathBuf> {
    let http = unverified(setup.timeout)?;
    let certs = EstClient::new(&http, setup.endpoint.clone(), None, false).cacerts()?;
    let set = CaCerts::from_certs(certs.clone())?;
    let ca = set.ca();
    let fingerprint = cert::fingerprint(ca, Digest::Sha256);
    let subject = cert::name_to_string(ca.tbs_certificate().subject());
    let confirmed = match setup.pin {
        Some(pin) => {
            let pin = cert::parse_fingerprint(pin)?;
            set.check_pin(&pin)?;
            certs
                .iter()
                .find(|c| cert::matches_fingerprint(c, &pin))
                .unwrap_or(ca)
        }
        None if ask.can_ask() => {
            if !ask.trust_ca(&subject, &fingerprint)? {
                return Err(Error::Untrusted(
                    "the CA was not confirmed; nothing was sent".into(),
                ));
            }
            ca
        }
        None => {
            return Err(Error::Untrusted(format!(
                "the CA '{subject}' (sha256 {fingerprint}) is not trusted: give --fingerprint to trust it"
            )));
        }
    };
    let anchors = super::bootstrap_anchors(confirmed, &certs);
    let path = remembered_path(setup.state_dir, &setup.endpoint);
    if let Some(dir) = path.parent() {
        store::create_private_dir(dir)?;
    }
    store::write_atomic(
        &path,
        cert::to_pem(&anchors)?.as_bytes(),
        store::CERT_MODE,
        "remembering the CA",
    )?;
    notes.push(format!(
        "trusting '{subject}' (sha256 {fingerprint}) for {}; remembered in {}",
        setup.endpoint.base(),
        path.display()
    ));
    Ok(path)
}

/// Whether an error is the server's certificate not chaining to what is trusted.
fn untrusted_server(err: &Error) -> bool {
    matches!(err, Error::Communication { kind: CommError::Tls(problem), .. }
        if problem.kind == TlsKind::UntrustedIssuer)
}

/// Set up the connection: trust (bootstrapping when needed and allowed), the client
/// certificate, Basic credentials (asked for only once the server is trusted: the password
/// is for that server).
pub fn connect(setup: &Setup<'_>, ask: &dyn Ask) -> Result<Connection> {
    if setup.login.username.is_some()
        && setup.login.password_file.is_none()
        && setup.login.password_env.is_none()
        && !ask.can_ask()
    {
        // Found out before anything is sent.
        login(setup.login, ask)?;
    }
    let client = setup
        .client
        .map(|(cert, key)| identity(cert, key))
        .transpose()?;
    let remembered = remembered_path(setup.state_dir, &setup.endpoint);
    let mut notes = Vec::new();
    let mut ca_file = setup.ca_file.map(Path::to_path_buf);
    let mut fetched_cacerts = None;
    let mut bootstrapped = None;
    let trust = if let Some(path) = setup.ca_file {
        Trust::from_file(path)?
    } else if setup.system_roots {
        Trust::System
    } else if remembered.exists() {
        ca_file = Some(remembered.clone());
        Trust::from_file(&remembered)?
    } else {
        // The built-in roots, unless the server's CA is unknown and may be bootstrapped.
        let probe = Transport::new(Options {
            timeout: setup.timeout,
            ..Options::default()
        })?;
        match EstClient::new(&probe, setup.endpoint.clone(), None, false).cacerts() {
            Err(err) if untrusted_server(&err) && (setup.pin.is_some() || ask.can_ask()) => {
                let path = bootstrap(setup, ask, &mut notes)?;
                ca_file = Some(path.clone());
                bootstrapped = Some(path.clone());
                Trust::from_file(&path)?
            }
            Err(Error::Communication {
                url,
                kind: CommError::Tls(problem),
            }) if problem.kind == TlsKind::UntrustedIssuer => {
                // Still the communication failure (exit 5) it is, with the two ways on.
                return Err(Error::Communication {
                    url,
                    kind: CommError::Other(format!(
                        "the EST server's CA is not trusted: pass it with --ca-file, or give --fingerprint SHA256 to trust it on first contact (RFC 7030 4.1.1); TLS handshake failed: {problem}"
                    )),
                });
            }
            Ok(certs) => {
                fetched_cacerts = Some(certs);
                Trust::BuiltIn
            }
            Err(_) => Trust::BuiltIn,
        }
    };
    let auth = login(setup.login, ask)?;
    let http = Transport::new(Options {
        timeout: setup.timeout,
        trust,
        client: client.clone(),
        ..Options::default()
    })?;
    Ok(Connection {
        http,
        endpoint: setup.endpoint.clone(),
        auth,
        client_certificate: client.is_some(),
        ca_file,
        fetched_cacerts,
        notes,
        bootstrapped,
    })
}
