//! SCEP as an [`Enroller`]: connecting is GetCACaps and GetCACert at once (or the CA from a
//! file), the algorithms are the flags' or the best the server offers, a request is a PKCSReq
//! (or, for a renewal, a RenewalReq signed with the current certificate, RFC 8894 3.3.1.2),
//! and a pending request is polled with CertPoll (3.3.3).

use std::path::Path;
use std::str::FromStr;
use std::sync::Mutex;
use std::time::Duration;

use super::MessageType;
use super::caps::Capabilities;
use super::client::{Client, Enrolled, Session};
use super::pkimessage::Signer;
use crate::choices::{MethodChoice, RenewalChoice};
use crate::enroll::saved::Request;
use crate::enroll::{Answer, Enroller, Outgoing};
use crate::pki::cacerts::CaCerts;
use crate::pki::cert;
use crate::pki::digest::Digest;
use crate::pki::envelope::{Cipher, Sealer};
use crate::pki::key::PrivateKey;
use crate::store::absolute;
use crate::store::pending::{Pending, Protocol, ScepSaved};
use crate::transport::{Http, Method};
use crate::{Error, Result};

/// The algorithms and method a person asked for (each may be left to the server).
#[derive(Debug, Clone, Copy)]
pub struct Choices {
    cipher: Option<Cipher>,
    digest: Option<Digest>,
    method: MethodChoice,
}

fn parse_choice<T: FromStr<Err = String>>(value: Option<&str>, flag: &str) -> Result<Option<T>> {
    value
        .map(|v| T::from_str(v).map_err(|e| Error::Invalid(format!("{flag}: {e}"))))
        .transpose()
}

impl Choices {
    /// Check the `--cipher` and `--digest` names.
    pub fn parse(cipher: Option<&str>, digest: Option<&str>, method: MethodChoice) -> Result<Self> {
        Ok(Choices {
            cipher: parse_choice(cipher, "--cipher")?,
            digest: parse_choice(digest, "--digest")?,
            method,
        })
    }

    /// What to use with a server of these capabilities: the choices, else the best offered;
    /// and what a person should know about it.
    fn resolve(&self, caps: &Capabilities) -> ((Cipher, Digest, Method), Vec<String>) {
        let cipher = self.cipher.unwrap_or_else(|| caps.best_cipher());
        let digest = self.digest.unwrap_or_else(|| caps.best_digest());
        let mut notes = Vec::new();
        if !caps.supports_cipher(cipher) {
            notes.push(format!(
                "the server does not advertise {}; trying it anyway",
                cipher.name()
            ));
        }
        if self.cipher == Some(Cipher::Des) {
            notes.push("you asked for single DES, which anyone can break: the challenge password travels under it".into());
        }
        let method = match self.method {
            MethodChoice::Get => Method::Get,
            MethodChoice::Post => Method::Post,
            MethodChoice::Auto if caps.post() => Method::Post,
            MethodChoice::Auto => Method::Get,
        };
        ((cipher, digest, method), notes)
    }
}

/// Where a SCEP server is and what to ask of it.
pub struct Connect<'a> {
    /// The HTTP transport.
    pub http: &'a (dyn Http + Sync),
    /// The SCEP URL.
    pub url: &'a str,
    /// The CA identifier, for servers hosting several CAs.
    pub ca_ident: Option<&'a str>,
    /// CA (and RA) certificates from a file instead of GetCACert.
    pub ca_file: Option<&'a Path>,
    /// The SHA-256 fingerprint the CA must have.
    pub pin: Option<&'a str>,
    /// Algorithms and method.
    pub choices: Choices,
    /// Which message a renewal is sent as.
    pub renewal: RenewalChoice,
    /// Refuse to fall back to the weakest algorithms when the server lists no capabilities
    /// (or only DES or SHA-1), rather than warn.
    pub require_caps: bool,
}

/// A SCEP server, connected.
pub struct ScepEnroller<'a> {
    client: Client<'a>,
    ca: CaCerts,
    ca_ident: Option<String>,
    algorithms: (Method, Cipher, Digest),
    renewal_req: bool,
    /// The envelope's key, made while connecting, for the first request.
    sealer: Mutex<Option<Sealer>>,
    notes: Vec<String>,
}

/// GetCACert, checked against a pin.
pub fn fetch_ca(client: &Client<'_>, ca_ident: Option<&str>, pin: Option<&str>) -> Result<CaCerts> {
    client.get_ca_cert(ca_ident)?.pinned(pin)
}

impl<'a> ScepEnroller<'a> {
    /// GetCACaps and the CA certificates at once (one round trip less to a distant CA), the
    /// algorithms worked out, and the envelope's key made for the first request.
    pub fn connect(c: Connect<'a>) -> Result<Self> {
        let client = Client::new(c.http, c.url)?;
        let (caps, ca) = std::thread::scope(|scope| {
            let caps = scope.spawn(|| client.get_ca_caps(c.ca_ident));
            let ca = match c.ca_file {
                Some(path) => CaCerts::from_file(path, c.pin),
                None => fetch_ca(&client, c.ca_ident, c.pin),
            };
            (caps.join(), ca)
        });
        let caps = caps.map_err(|_| Error::Crypto("the GetCACaps thread failed".into()))??;
        tracing::info!(
            "capabilities: {}",
            match caps.names.is_empty() {
                true => "none".to_string(),
                false => caps.names.join(", "),
            }
        );
        let ca = ca?;
        tracing::info!(
            "CA: '{}', SHA-256 {}{}",
            cert::name_to_string(ca.ca().tbs_certificate().subject()),
            cert::fingerprint(ca.ca(), crate::pki::digest::Digest::Sha256),
            match ca.ras().len() {
                0 => String::new(),
                n => format!(", {n} RA certificate(s)"),
            }
        );
        let ((cipher, digest, method), mut notes) = c.choices.resolve(&caps);
        tracing::info!(
            "will send by {}, encrypted with {}, signed with {}",
            match method {
                Method::Get => "GET",
                Method::Post => "POST",
            },
            cipher.name(),
            digest.name()
        );
        notes.extend(ca.expired().iter().map(ToString::to_string));
        let weak = caps.names.is_empty()
            || (c.choices.cipher.is_none() && cipher == Cipher::Des)
            || (c.choices.digest.is_none() && digest == Digest::Sha1);
        if weak {
            let what = match &caps.missing {
                Some(why) => format!("the server lists no capabilities ({why})"),
                None => "the server offers only weak algorithms".to_string(),
            };
            if c.require_caps {
                return Err(Error::Untrusted(format!(
                    "{what}: refusing to fall back to {} and {} (--require-caps); a man in the middle can strip the list",
                    cipher.name(),
                    digest.name()
                )));
            }
            notes.push(format!(
                "{what}: falling back to {}, {} and {}; a man in the middle can strip the list (--require-caps refuses)",
                match method {
                    Method::Get => "GET",
                    Method::Post => "POST",
                },
                cipher.name(),
                digest.name()
            ));
        }
        if c.pin.is_none() && c.ca_file.is_none() {
            let sha256 = cert::fingerprint(ca.ca(), Digest::Sha256);
            notes.push(format!(
                "the CA is not pinned: the request and its challenge go to the CA that answered ({}); pin it with --fingerprint {}",
                cert::name_to_string(ca.ca().tbs_certificate().subject()),
                sha256.replace(':', "")
            ));
        }
        // A key that cannot be made here is made (and its error reported) when sending.
        let sealer = Sealer::new(ca.recipient().0, cipher).ok();
        let renewal_req = match c.renewal {
            RenewalChoice::Renewalreq => true,
            RenewalChoice::Pkcsreq => false,
            RenewalChoice::Auto => caps.renewal_req(ca.is_ndes()),
        };
        Ok(ScepEnroller {
            client,
            ca,
            ca_ident: c.ca_ident.map(str::to_string),
            algorithms: (method, cipher, digest),
            renewal_req,
            sealer: Mutex::new(sealer),
            notes,
        })
    }

    /// The server of a saved request, as it was when the request was sent (no network).
    pub fn from_saved(http: &'a (dyn Http + Sync), pending: &Pending, ca: CaCerts) -> Result<Self> {
        let scep = pending
            .scep()
            .ok_or_else(|| Error::Invalid("not a SCEP request".into()))?;
        Ok(ScepEnroller {
            client: Client::new(http, &pending.url)?,
            ca,
            ca_ident: scep.ca_ident.clone(),
            algorithms: (scep.method, scep.cipher, scep.digest),
            renewal_req: false,
            sealer: Mutex::new(None),
            notes: Vec::new(),
        })
    }

    fn session<'s>(
        &'s self,
        key: &'s PrivateKey,
        subject: &'s x509_cert::name::Name,
        ca: &'s CaCerts,
        signer: Option<(&'s PrivateKey, &'s crate::pki::Certificate)>,
        ra: Option<&'s PrivateKey>,
        (method, cipher, digest): (Method, Cipher, Digest),
    ) -> Session<'s> {
        Session {
            key,
            subject,
            ca,
            cipher,
            digest,
            method,
            signer: signer.map(|(key, cert)| Signer { key, cert }),
            ra,
        }
    }
}

fn answer(enrolled: Enrolled) -> Answer {
    match enrolled {
        Enrolled::Issued { cert, .. } => Answer::Issued(cert),
        Enrolled::Pending { .. } => Answer::Pending(None),
    }
}

impl Enroller for ScepEnroller<'_> {
    fn protocol(&self) -> &'static str {
        "scep"
    }

    fn url(&self) -> &str {
        self.client.url()
    }

    fn ca(&self) -> &CaCerts {
        &self.ca
    }

    fn take_notes(&mut self) -> Vec<String> {
        std::mem::take(&mut self.notes)
    }

    fn digest(&self, _key: &PrivateKey, _given: bool) -> Digest {
        self.algorithms.2
    }

    /// The CA encrypts its reply to the key: it must be RSA, and readable by the `rsa` crate
    /// (which decrypts), not only by `ring` (which signs).
    fn check_key(key: &PrivateKey, path: &Path) -> Result<()> {
        key.require_rsa("SCEP")?;
        key.check_decryptable()
            .map_err(|e| Error::local("reading key", path, std::io::Error::other(e.to_string())))
    }

    fn request(&self, request: &Outgoing<'_>) -> Result<Answer> {
        let signer = request.renewal.map(|current| (&current.key, &current.cert));
        let session = self.session(
            request.key,
            request.subject,
            &self.ca,
            signer,
            request.ra.map(|(key, _)| key),
            self.algorithms,
        );
        let message_type = match request.renewal {
            Some(_) if self.renewal_req => MessageType::RenewalReq,
            _ => MessageType::PkcsReq,
        };
        if request.renewal.is_some() {
            tracing::info!(message = ?message_type, "renewing");
        }
        let sealer = self.sealer.lock().ok().and_then(|mut sealer| sealer.take());
        self.client
            .request(&session, request.csr, message_type, sealer)
            .map(answer)
    }

    fn saved_part(&self, request: &Outgoing<'_>) -> Result<Protocol> {
        let (method, cipher, digest) = self.algorithms;
        Ok(Protocol::Scep(ScepSaved {
            ca_ident: self.ca_ident.clone(),
            cipher,
            digest,
            method,
            signer_key: request
                .renewal
                .map(|current| current.key_path.as_path())
                .or(request.ra.map(|(_, path)| path))
                .map(absolute)
                .transpose()?,
            signer_cert: request
                .renewal
                .map(|current| cert::to_pem(&[&current.cert]))
                .transpose()?,
        }))
    }

    fn poll(&self, request: &Request) -> Result<Answer> {
        let scep = request
            .pending
            .scep()
            .ok_or_else(|| Error::Invalid("not a SCEP request".into()))?;
        let session = self.session(
            &request.key,
            &request.subject,
            &request.ca,
            request.signer.as_ref().map(|(key, cert)| (key, cert)),
            request.ra.as_ref(),
            (scep.method, scep.cipher, scep.digest),
        );
        self.client
            .poll(&session, &request.pending.transaction_id)
            .map(answer)
    }

    fn waiting_note(&self, first: Duration, count: u32) -> String {
        format!(
            "Pending: the CA has not issued yet; polling every {} s, up to {count} times.",
            first.as_secs()
        )
    }
}
