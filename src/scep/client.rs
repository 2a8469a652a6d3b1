//! The SCEP client: the HTTP side of GetCACaps, GetCACert and PKIOperation (RFC 8894
//! section 4), and a whole enrollment from a ready CSR to a verified certificate.

use crate::pki::Certificate;
use crate::pki::CertificateList;
use crate::pki::cms_raw::IssuerAndSerialNumber;
use base64::Engine;
use der::Encode;
use x509_cert::name::Name;

use super::MessageType;
use super::caps::Capabilities;
use super::certrep::{Expected, Reply, process};
use super::pkimessage::{IssuerAndSubject, Signer, Transaction, build};
use crate::error::CommError;
use crate::pki::cacerts::CaCerts;
use crate::pki::cert::self_signed;
use crate::pki::digest::Digest;
use crate::pki::envelope::{Cipher, Sealer};
use crate::pki::key::PrivateKey;
use crate::transport::{Http, strip_query};
use crate::{Error, Result};

/// Media type of a pkiMessage, both ways.
pub const PKI_MESSAGE: &str = "application/x-pki-message";

/// A SCEP server at one URL.
pub struct Client<'a> {
    http: &'a (dyn Http + Sync),
    url: String,
    /// The server answered a POSTed PKIOperation with an empty 200: send by GET from then on.
    post_answered_empty: std::sync::atomic::AtomicBool,
}

/// What GetCACaps answered, with what the HTTP answer said about the server.
#[derive(Debug, Clone)]
pub struct CapsReply {
    /// The capabilities.
    pub caps: Capabilities,
    /// The Date header (the server's clock).
    pub date: Option<String>,
    /// The Server header (which software answered).
    pub server: Option<String>,
}

/// How to send PKIOperation: GET with the message base64 in the query, or POST with the DER
/// message as body.
pub use crate::transport::Method;

/// What every message of one request shares: our key and subject, the server's certificates,
/// and the algorithms and method to use.
pub struct Session<'a> {
    /// The key the certificate is for.
    pub key: &'a PrivateKey,
    /// Subject of the request (the self-signed signer certificate gets the same).
    pub subject: &'a Name,
    /// The server's CA/RA certificates.
    pub ca: &'a CaCerts,
    /// Content-encryption algorithm.
    pub cipher: Cipher,
    /// Signature digest.
    pub digest: Digest,
    /// GET or POST.
    pub method: Method,
    /// Who signs the messages and receives the encrypted reply: a renewal uses the current
    /// key and certificate. When absent, `key` (or `ra`) signs with a throwaway
    /// self-signed certificate made for each message.
    pub signer: Option<Signer<'a>>,
    /// The key that signs for a request made elsewhere, whose own key (`key`) is not here:
    /// an RA's.
    pub ra: Option<&'a PrivateKey>,
}

/// How an enrollment (or a poll) ended, short of a failure.
#[derive(Debug, Clone)]
pub enum Enrolled {
    /// Issued: the certificate for our key, checked to be signed by the CA.
    Issued {
        /// The new certificate.
        cert: Box<Certificate>,
        /// The transaction.
        transaction: Transaction,
    },
    /// The CA has not decided yet.
    Pending {
        /// The transaction, to poll with.
        transaction: Transaction,
    },
}

/// Percent-encode the characters of standard base64 that are special in a query.
fn query_escape(b64: &str) -> String {
    b64.replace('+', "%2B")
        .replace('/', "%2F")
        .replace('=', "%3D")
}

impl<'a> Client<'a> {
    /// A client for the SCEP endpoint `url` (for example `http://ca.example/scep` or
    /// `http://ndes.example/certsrv/mscep/mscep.dll`).
    pub fn new(http: &'a (dyn Http + Sync), url: &str) -> Result<Self> {
        let lower = url.to_ascii_lowercase();
        if !(lower.starts_with("http://") || lower.starts_with("https://")) {
            return Err(Error::Invalid(format!(
                "'{}' is not an http:// or https:// URL",
                crate::sanitize::escape_untrusted(&crate::transport::shown_url(url))
            )));
        }
        crate::transport::check_no_password(url)?;
        Ok(Client {
            http,
            url: url.to_string(),
            post_answered_empty: std::sync::atomic::AtomicBool::new(false),
        })
    }

    /// The endpoint URL.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The URL of `operation` (with an optional already-escaped message).
    pub fn operation_url(&self, operation: &str, message: Option<&str>) -> String {
        let sep = if self.url.contains('?') { '&' } else { '?' };
        match message {
            Some(m) => format!("{}{sep}operation={operation}&message={m}", self.url),
            None => format!("{}{sep}operation={operation}", self.url),
        }
    }

    /// GetCACaps (RFC 8894 section 3.5.1), naming the CA when `identifier` is given (EJBCA
    /// in CA mode answers 404 without it).
    ///
    /// What old servers do means "no capabilities" (the caller says so): NDES on Windows
    /// Server 2003 closes the connection, 2008 without KB2483564 answers an empty body, a
    /// server without the operation may answer 5xx; the body is read whatever its Content-Type
    /// (2008 R2 sends none). A 4xx is an error: the server refused the request (or the CA it
    /// names), and the algorithms must not silently fall back to the weakest.
    pub fn get_ca_caps(&self, identifier: Option<&str>) -> Result<Capabilities> {
        Ok(self.get_ca_caps_reply(identifier)?.caps)
    }

    /// [`Client::get_ca_caps`], with what the HTTP answer says about the server.
    pub fn get_ca_caps_reply(&self, identifier: Option<&str>) -> Result<CapsReply> {
        let url = self.operation_url("GetCACaps", identifier.map(query_escape).as_deref());
        let response = match self.http.get(&url) {
            Err(Error::Communication {
                kind: CommError::Closed,
                ..
            }) => {
                return Ok(CapsReply {
                    caps: Capabilities::none(
                        "the connection was closed instead of an answer to GetCACaps, as NDES on Windows Server 2003 does".into(),
                    ),
                    date: None,
                    server: None,
                });
            }
            other => other?,
        };
        let reply = |caps| CapsReply {
            caps,
            date: response.date.clone(),
            server: response.header("server").map(str::to_string),
        };
        let answered = reply(Capabilities::default());
        match response.require_ok(strip_query(&url)) {
            Ok(response) => Ok(CapsReply {
                caps: Capabilities::parse(&String::from_utf8_lossy(&response.body)),
                ..answered
            }),
            Err(Error::HttpStatus { status, body, .. }) if (400..500).contains(&status) => {
                let hint = if identifier.is_none() {
                    "; a server hosting several CAs (EJBCA in CA mode) wants one named: give --ca-ident NAME"
                } else {
                    "; check --ca-ident (the name of the CA on that server)"
                };
                Err(Error::NotSupported(format!(
                    "GetCACaps at {} answered HTTP {status}{}{hint}",
                    strip_query(&url),
                    if body.is_empty() {
                        String::new()
                    } else {
                        format!(" ({body})")
                    }
                )))
            }
            Err(Error::HttpStatus { status, .. }) => Ok(CapsReply {
                caps: Capabilities::none(format!("GetCACaps answered HTTP {status}")),
                ..answered
            }),
            Err(other) => Err(other),
        }
    }

    /// GetCACert, with an optional CA identifier for servers hosting several CAs.
    pub fn get_ca_cert(&self, identifier: Option<&str>) -> Result<CaCerts> {
        let url = self.operation_url("GetCACert", Some(&query_escape(identifier.unwrap_or("ca"))));
        let response = self.http.get(&url)?.require_ok(strip_query(&url))?;
        CaCerts::from_reply(response.media_type().as_deref(), &response.body)
    }

    /// GetNextCACert (RFC 8894 4.7): the successor the CA announces, verified as signed by
    /// the `current` CA. Ask only a server that lists GetNextCACert.
    pub fn get_next_ca_cert(
        &self,
        identifier: Option<&str>,
        current: &CaCerts,
    ) -> Result<crate::rollover::NextCa> {
        let url = self.operation_url(
            "GetNextCACert",
            Some(&query_escape(identifier.unwrap_or("ca"))),
        );
        let response = self.http.get(&url)?.require_ok(strip_query(&url))?;
        crate::rollover::from_get_next_ca_cert(&response.body, current)
    }

    /// Send a pkiMessage and return the reply body.
    ///
    /// NDES on IIS 8 (Windows Server 2012) advertises POSTPKIOperation but answers a POST with
    /// an empty 200: the message is sent again by GET, and so is every later one.
    pub fn pki_operation(&self, message: &[u8], method: Method) -> Result<Vec<u8>> {
        use std::sync::atomic::Ordering;
        let method = if self.post_answered_empty.load(Ordering::Relaxed) {
            Method::Get
        } else {
            method
        };
        let body = self.send_pki_operation(message, method)?;
        if body.is_empty() && method == Method::Post {
            tracing::info!(
                "the server answered the POSTed request with an empty reply (as NDES on IIS 8 does): sending it again by GET"
            );
            self.post_answered_empty.store(true, Ordering::Relaxed);
            return self.send_pki_operation(message, Method::Get);
        }
        Ok(body)
    }

    fn send_pki_operation(&self, message: &[u8], method: Method) -> Result<Vec<u8>> {
        let response = match method {
            Method::Post => {
                let url = self.operation_url("PKIOperation", None);
                self.http.post(&url, PKI_MESSAGE, message)?
            }
            Method::Get => {
                let b64 = base64::engine::general_purpose::STANDARD.encode(message);
                let url = self.operation_url("PKIOperation", Some(&query_escape(&b64)));
                self.http.get(&url)?
            }
        };
        let response = response.require_ok(&self.url)?;
        if response.media_type().as_deref() != Some(PKI_MESSAGE) {
            tracing::warn!(
                content_type = ?response.content_type,
                "PKIOperation reply has an unexpected content type; reading it anyway"
            );
        }
        Ok(response.body)
    }

    /// Send one pkiMessage of `session` and read the CertRep. `sealer` is the envelope's key
    /// if it was made ahead (see [`Sealer`]); one is made here if not, or if it is not for the
    /// session's recipient and cipher.
    fn exchange(
        &self,
        session: &Session<'_>,
        message_type: MessageType,
        transaction: &Transaction,
        inner: &[u8],
        sealer: Option<Sealer>,
    ) -> Result<Reply> {
        let made;
        let signer = match session.signer {
            Some(signer) => signer,
            None => {
                let key = session.ra.unwrap_or(session.key);
                made = self_signed(key, session.subject, session.digest)?;
                Signer { key, cert: &made }
            }
        };
        let (recipient, why) = session.ca.recipient();
        tracing::info!(
            "sending {message_type:?} to {}, encrypted to '{}' ({why})",
            strip_query(&self.url),
            crate::pki::cert::name_to_string(recipient.tbs_certificate().subject()),
        );
        let sealer = match sealer {
            Some(sealer) if sealer.is_for(recipient, session.cipher) => sealer,
            _ => Sealer::new(recipient, session.cipher)?,
        };
        let message = build(
            message_type,
            transaction,
            inner,
            signer,
            sealer,
            session.digest,
        )?;
        // While the server works, the part of decrypting its reply that needs no reply.
        let body = std::thread::scope(|scope| {
            scope.spawn(|| signer.key.prepare_decryption());
            self.pki_operation(&message, session.method)
        })?;
        process(
            &body,
            &Expected {
                transaction,
                signers: session.ca.signers(),
                key: signer.key,
                our_cert: signer.cert,
            },
        )
    }

    /// The certificate for our key out of a reply, checked to be signed by the CA.
    fn issued(
        &self,
        session: &Session<'_>,
        reply: Reply,
        transaction: Transaction,
    ) -> Result<Enrolled> {
        match reply {
            Reply::Pending => Ok(Enrolled::Pending { transaction }),
            Reply::Success { certs, .. } => {
                let cert = crate::enroll::verify::issued_for(
                    &certs,
                    &session.key.public_key_info()?,
                    session.ca,
                    crate::enroll::verify::Channel::Unauthenticated,
                )?;
                Ok(Enrolled::Issued {
                    cert: Box::new(cert),
                    transaction,
                })
            }
        }
    }

    /// Enroll (PKCSReq): sign the DER `csr` with a throwaway self-signed certificate, send it,
    /// check the reply, and make sure the issued certificate is for our key and signed by the
    /// CA. `sealer`: the envelope's key, if it was made ahead.
    pub fn enroll(
        &self,
        session: &Session<'_>,
        csr: &[u8],
        sealer: Option<Sealer>,
    ) -> Result<Enrolled> {
        self.request(session, csr, MessageType::PkcsReq, sealer)
    }

    /// Send a certificate request as `message_type` (PKCSReq, or RenewalReq signed with the
    /// current certificate, RFC 8894 section 3.3.1.2) and read the answer. `sealer`: the
    /// envelope's key, if it was made ahead.
    pub fn request(
        &self,
        session: &Session<'_>,
        csr: &[u8],
        message_type: MessageType,
        sealer: Option<Sealer>,
    ) -> Result<Enrolled> {
        let transaction = Transaction::for_key(&session.key.public_key_info()?)?;
        let reply = self.exchange(session, message_type, &transaction, csr, sealer)?;
        self.issued(session, reply, transaction)
    }

    /// Poll a pending request (CertPoll, RFC 8894 section 3.3.3) with its transactionID.
    pub fn poll(&self, session: &Session<'_>, transaction_id: &str) -> Result<Enrolled> {
        let transaction = Transaction {
            id: transaction_id.to_string(),
            sender_nonce: crate::pki::random_bytes()?,
        };
        let content = IssuerAndSubject {
            issuer: session.ca.ca().tbs_certificate().subject().clone(),
            subject: session.subject.clone(),
        }
        .to_der()
        .map_err(|e| Error::Crypto(format!("encoding CertPoll failed: {e}")))?;
        let reply = self.exchange(session, MessageType::CertPoll, &transaction, &content, None)?;
        self.issued(session, reply, transaction)
    }

    /// GetCert or GetCRL (RFC 8894 sections 4.6, 4.7) for the certificate `serial` of the CA.
    /// The request is signed with `session.key` (any key will do). Servers that do not
    /// implement the operation answer with an HTTP error: that becomes
    /// [`Error::NotSupported`].
    pub fn get_cert_or_crl(
        &self,
        session: &Session<'_>,
        message_type: MessageType,
        serial: &[u8],
    ) -> Result<(Vec<Certificate>, Vec<CertificateList>)> {
        let content = IssuerAndSerialNumber {
            issuer: session.ca.ca().tbs_certificate().subject().clone(),
            serial_number: crate::pki::cert::serial_from_bytes(serial)
                .map_err(|e| Error::Invalid(format!("bad serial number: {e}")))?,
        }
        .to_der()
        .map_err(|e| Error::Crypto(format!("encoding the request failed: {e}")))?;
        let transaction = Transaction::random()?;
        let name = match message_type {
            MessageType::GetCrl => "GetCRL",
            _ => "GetCert",
        };
        match self.exchange(session, message_type, &transaction, &content, None) {
            Ok(Reply::Success { certs, crls }) => Ok((certs, crls)),
            Ok(Reply::Pending) => Err(Error::Untrusted(format!("{name} answered PENDING"))),
            Err(Error::HttpStatus { url, status, .. }) if status >= 400 => {
                Err(Error::NotSupported(format!(
                    "{name} is not supported by this server ({url} answered HTTP {status})"
                )))
            }
            Err(other) => Err(other),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_escaping_and_operation_urls() {
        assert_eq!(query_escape("a+b/c=="), "a%2Bb%2Fc%3D%3D");
        let t = crate::transport::Transport::new(Default::default()).unwrap();
        let c = Client::new(&t, "http://ca/scep").unwrap();
        assert_eq!(
            c.operation_url("GetCACaps", None),
            "http://ca/scep?operation=GetCACaps"
        );
        let c = Client::new(&t, "http://ca/cgi?x=1").unwrap();
        assert_eq!(
            c.operation_url("GetCACert", Some("ca")),
            "http://ca/cgi?x=1&operation=GetCACert&message=ca"
        );
        assert!(matches!(
            Client::new(&t, "ftp://ca"),
            Err(Error::Invalid(_))
        ));
    }
}
