//! The EST operations of RFC 7030: /cacerts (4.1), /simpleenroll and /simplereenroll (4.2),
//! /serverkeygen (4.4), /csrattrs (4.5), with HTTP Basic authentication (3.2.3) when given
//! (the TLS client certificate is the transport's), and 202 + Retry-After (4.2.3) as pending.

use std::time::Duration;

use crate::pki::Certificate;
use base64::Engine;

use super::csrattrs::CsrAttrs;
use super::{Endpoint, certificates, decode_body, media, multipart};
use crate::clock::parse_http_date;
use crate::error::AuthProblem;
use crate::secret::Secret;
use crate::transport::{Http, Response};
use crate::{Error, Result};

/// A user name and password, answered as HTTP Basic or Digest.
#[derive(Debug, Clone)]
pub struct Credentials {
    /// The user name.
    pub username: String,
    /// The password.
    pub password: Secret,
}

/// The answer to an enrollment.
#[derive(Debug, Clone)]
pub enum Enrolled {
    /// Issued: the certificates of the reply (the new certificate among them).
    Issued(Vec<Certificate>),
    /// Accepted, not issued yet: send the same request again after this long.
    Pending {
        /// From Retry-After.
        retry_after: Duration,
    },
}

/// The answer to serverkeygen.
#[derive(Debug)]
pub enum ServerKeygen {
    /// The key the server made (PKCS#8 or PKCS#1, DER) and the certificates.
    Issued {
        /// The private key, DER.
        key_der: zeroize::Zeroizing<Vec<u8>>,
        /// The certificates of the reply.
        certs: Vec<Certificate>,
    },
    /// Accepted, not done yet.
    Pending {
        /// From Retry-After.
        retry_after: Duration,
    },
}

/// How long to wait when a 202 names no time (RFC 7030 requires Retry-After; some servers
/// forget it).
pub const DEFAULT_RETRY_AFTER: Duration = Duration::from_secs(60);

/// The longest Retry-After taken from a server (a day, the longest --poll-interval): a larger
/// one is cut to it, so that no delay built from it can overflow.
pub const MAX_RETRY_AFTER: Duration = Duration::from_secs(86_400);

/// Retry-After: delta-seconds or an HTTP-date (RFC 9110 10.2.3), relative to `now`, at most
/// [`MAX_RETRY_AFTER`].
pub fn parse_retry_after(value: Option<&str>, now: u64) -> Duration {
    let Some(value) = value.map(str::trim) else {
        return DEFAULT_RETRY_AFTER;
    };
    let asked = if let Ok(seconds) = value.parse::<u64>() {
        Duration::from_secs(seconds)
    } else {
        match parse_http_date(value) {
            Some(at) => Duration::from_secs(at.saturating_sub(now)),
            None => DEFAULT_RETRY_AFTER,
        }
    };
    asked.min(MAX_RETRY_AFTER)
}

/// The first challenge of a 401's `WWW-Authenticate`: its scheme and realm, escaped.
fn challenge(response: &Response) -> Option<(String, Option<String>)> {
    let header = response.header("www-authenticate")?;
    let Some(first) = http_auth::parse_challenges(header)
        .ok()
        .and_then(|challenges| challenges.into_iter().next())
    else {
        // Not valid syntax (a control character in a realm, say): the scheme is still named.
        let scheme = header.split_whitespace().next()?;
        return Some((crate::sanitize::escape_untrusted(scheme), None));
    };
    let realm = first
        .params
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case("realm"))
        .map(|(_, value)| crate::sanitize::escape_untrusted(&value.to_unescaped()));
    Some((crate::sanitize::escape_untrusted(first.scheme), realm))
}

/// Whether a refusal's body speaks of proof of possession (libest: "Proof of Possession
/// Mismatch.").
fn proof_of_possession(body: &[u8]) -> bool {
    String::from_utf8_lossy(body)
        .to_ascii_lowercase()
        .contains("proof of possession")
}

/// The request-target of `url` (its path and query), which a Digest answer names.
fn request_target(url: &str) -> &str {
    let after_scheme = url.split_once("://").map_or(url, |(_, rest)| rest);
    after_scheme.find('/').map_or("/", |at| &after_scheme[at..])
}

/// An EST client for one server and CA label.
pub struct EstClient<'a> {
    http: &'a dyn Http,
    endpoint: Endpoint,
    auth: Option<Credentials>,
    /// A TLS client certificate is configured in the transport.
    client_certificate: bool,
    /// The server's Digest challenge, once it sent one: later requests answer it directly.
    digest: std::sync::Mutex<Option<http_auth::PasswordClient>>,
}

impl<'a> EstClient<'a> {
    /// A client for `endpoint` over `http`; `auth` is sent with every request but /cacerts:
    /// HTTP Basic, or Digest (RFC 7616) once the server challenges with it.
    pub fn new(
        http: &'a dyn Http,
        endpoint: Endpoint,
        auth: Option<Credentials>,
        client_certificate: bool,
    ) -> Self {
        EstClient {
            http,
            endpoint,
            auth,
            client_certificate,
            digest: std::sync::Mutex::new(None),
        }
    }

    /// The endpoint.
    pub fn endpoint(&self) -> &Endpoint {
        &self.endpoint
    }

    /// The Authorization value for a request: the answer to the server's Digest challenge
    /// once it sent one, else Basic; with the scheme used.
    fn authorization(
        &self,
        url: &str,
        method: &str,
        body: Option<&[u8]>,
    ) -> Result<Option<(zeroize::Zeroizing<String>, &'static str)>> {
        let Some(auth) = &self.auth else {
            return Ok(None);
        };
        let mut digest = self.digest.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(client) = digest.as_mut() {
            let value = client
                .respond(&http_auth::PasswordParams {
                    username: &auth.username,
                    password: auth.password.expose(),
                    uri: request_target(url),
                    method,
                    body: Some(body.unwrap_or_default()),
                })
                .map_err(|e| {
                    Error::NotSupported(format!(
                        "the server's Digest challenge cannot be answered: {}",
                        crate::sanitize::escape_untrusted(&e)
                    ))
                })?;
            return Ok(Some((zeroize::Zeroizing::new(value), "Digest")));
        }
        let pair = zeroize::Zeroizing::new(format!("{}:{}", auth.username, auth.password.expose()));
        Ok(Some((
            zeroize::Zeroizing::new(format!(
                "Basic {}",
                base64::engine::general_purpose::STANDARD.encode(pair.as_bytes())
            )),
            "Basic",
        )))
    }

    /// Send to `operation`: GET without a body, POST of a base64 PKCS#10 with one. A Digest
    /// challenge to our Basic login is answered once; a refusal says why.
    fn exchange(&self, operation: &str, body: Option<&[u8]>) -> Result<Response> {
        let url = self.endpoint.url(operation);
        let method = if body.is_some() { "POST" } else { "GET" };
        let encoded = body.map(super::encode_body);
        let send = |authorization: Option<&str>| {
            let mut headers: Vec<(&str, &str)> = Vec::new();
            if let Some(value) = authorization {
                headers.push(("Authorization", value));
            }
            if encoded.is_some() {
                headers.push(("Content-Type", media::PKCS10));
                headers.push(("Content-Transfer-Encoding", "base64"));
            }
            self.http.send(&url, &headers, encoded.as_deref())
        };
        // /cacerts needs no authentication (RFC 7030 4.1.1): the login is not sent with it.
        let mut sent = if operation == "cacerts" {
            None
        } else {
            self.authorization(&url, method, encoded.as_deref())?
        };
        let mut response = send(sent.as_ref().map(|(value, _)| value.as_str()))?;
        if response.status == 401 && sent.as_ref().is_some_and(|(_, scheme)| *scheme == "Basic") {
            let digest = response
                .header("www-authenticate")
                .and_then(|header| {
                    http_auth::PasswordClient::builder()
                        .challenges(header)
                        .build()
                        .ok()
                })
                .filter(|client| matches!(client, http_auth::PasswordClient::Digest(_)));
            if let Some(client) = digest {
                tracing::info!(
                    operation,
                    "the server asks for Digest: answering its challenge"
                );
                *self.digest.lock().unwrap_or_else(|e| e.into_inner()) = Some(client);
                sent = self.authorization(&url, method, encoded.as_deref())?;
                response = send(sent.as_ref().map(|(value, _)| value.as_str()))?;
            }
        }
        tracing::debug!(operation, status = response.status, "EST reply");
        let refused = |problem| Error::Unauthorized {
            url: url.clone(),
            status: response.status,
            problem: Box::new(problem),
            body: crate::sanitize::body_excerpt(&response.body),
        };
        if (400..500).contains(&response.status) && proof_of_possession(&response.body) {
            return Err(refused(AuthProblem::ProofOfPossession));
        }
        if response.status == 401 {
            let (scheme, realm) = challenge(&response).map_or((None, None), |(s, r)| (Some(s), r));
            let answerable =
                |s: &str| s.eq_ignore_ascii_case("Basic") || s.eq_ignore_ascii_case("Digest");
            let problem = match (&sent, scheme) {
                (_, Some(scheme)) if !answerable(&scheme) => AuthProblem::UnsupportedScheme(scheme),
                (Some((_, used)), _) => AuthProblem::LoginRefused {
                    scheme: used,
                    realm,
                },
                (None, None) if self.client_certificate => AuthProblem::CertificateRefused,
                (None, scheme) => AuthProblem::Required { scheme, realm },
            };
            return Err(refused(problem));
        }
        Ok(response)
    }

    /// /cacerts: the CA certificates (RFC 7030 4.1.3).
    pub fn cacerts(&self) -> Result<Vec<Certificate>> {
        let url = self.endpoint.url("cacerts");
        let response = self.exchange("cacerts", None)?.require_ok(&url)?;
        certificates(&response.body, "cacerts reply")
    }

    /// /simpleenroll, or /simplereenroll when `reenroll` (RFC 7030 4.2).
    pub fn enroll(&self, csr_der: &[u8], reenroll: bool) -> Result<Enrolled> {
        let operation = if reenroll {
            "simplereenroll"
        } else {
            "simpleenroll"
        };
        let response = self.exchange(operation, Some(csr_der))?;
        if response.status == 202 {
            return Ok(Enrolled::Pending {
                retry_after: parse_retry_after(
                    response.header("retry-after"),
                    crate::clock::now_unix(),
                ),
            });
        }
        let response = response.require_ok(&self.endpoint.url(operation))?;
        Ok(Enrolled::Issued(certificates(
            &response.body,
            &format!("{operation} reply"),
        )?))
    }

    /// /csrattrs (RFC 7030 4.5): none (204 or 404) is an empty list.
    pub fn csrattrs(&self) -> Result<CsrAttrs> {
        let url = self.endpoint.url("csrattrs");
        let response = self.exchange("csrattrs", None)?;
        if response.status == 204 || response.status == 404 {
            return Ok(CsrAttrs::default());
        }
        let response = response.require_ok(&url)?;
        if response.body.iter().all(u8::is_ascii_whitespace) {
            return Ok(CsrAttrs::default());
        }
        CsrAttrs::from_der(&decode_body(&response.body, "csrattrs reply")?)
    }

    /// /serverkeygen (RFC 7030 4.4): the server makes the key.
    pub fn serverkeygen(&self, csr_der: &[u8]) -> Result<ServerKeygen> {
        let url = self.endpoint.url("serverkeygen");
        let response = self.exchange("serverkeygen", Some(csr_der))?;
        if response.status == 202 {
            return Ok(ServerKeygen::Pending {
                retry_after: parse_retry_after(
                    response.header("retry-after"),
                    crate::clock::now_unix(),
                ),
            });
        }
        let response = response.require_ok(&url)?;
        let content_type = response.content_type.clone().unwrap_or_default();
        if !content_type.to_ascii_lowercase().starts_with("multipart/") {
            return Err(Error::Untrusted(format!(
                "the serverkeygen reply is {}, not multipart/mixed",
                crate::sanitize::escape_untrusted(&content_type)
            )));
        }
        let parts = multipart::parse(&content_type, &response.body)?;
        let mut key_der = None;
        let mut certs = None;
        for part in &parts {
            if part.content_type.starts_with(media::PKCS8)
                || part.content_type.contains("pkcs1")
                || part.content_type.contains("x-pem-file")
            {
                key_der = Some(zeroize::Zeroizing::new(decode_body(
                    &part.body,
                    "server-generated key",
                )?));
            } else if part.content_type.starts_with("application/pkcs7-mime") {
                if part.content_type.contains("server-generated-key") {
                    return Err(Error::NotSupported(
                        "the server sent its key encrypted (CMS EnvelopedData); certenroll takes it over TLS only: ask the server for an unencrypted application/pkcs8 part".into(),
                    ));
                }
                certs = Some(certificates(&part.body, "serverkeygen certificate")?);
            }
        }
        match (key_der, certs) {
            (Some(key_der), Some(certs)) => Ok(ServerKeygen::Issued { key_der, certs }),
            (None, _) => Err(Error::Untrusted(
                "the serverkeygen reply has no application/pkcs8 key part".into(),
            )),
            (_, None) => Err(Error::Untrusted(
                "the serverkeygen reply has no certificate part".into(),
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_in_seconds_or_as_a_date() {
        assert_eq!(parse_retry_after(Some("120"), 0), Duration::from_secs(120));
        assert_eq!(parse_retry_after(Some(" 5 "), 0), Duration::from_secs(5));
        let now = 1_800_000_000;
        let date = crate::clock::http_date(now + 30);
        assert_eq!(parse_retry_after(Some(&date), now), Duration::from_secs(30));
        let past = crate::clock::http_date(now - 30);
        assert_eq!(parse_retry_after(Some(&past), now), Duration::ZERO);
        assert_eq!(parse_retry_after(None, now), DEFAULT_RETRY_AFTER);
        assert_eq!(parse_retry_after(Some("soon"), now), DEFAULT_RETRY_AFTER);
        // A server's delay is bounded, whatever it says.
        assert_eq!(
            parse_retry_after(Some("18446744073709551615"), now),
            MAX_RETRY_AFTER
        );
        let far = crate::clock::http_date(now + 10 * 86_400);
        assert_eq!(parse_retry_after(Some(&far), now), MAX_RETRY_AFTER);
    }

    #[test]
    fn scheme_and_realm_of_a_challenge() {
        let response = |value: &str| Response {
            status: 401,
            content_type: None,
            date: None,
            headers: vec![("www-authenticate".into(), value.into())],
            body: Vec::new(),
        };
        let of = |value: &str| challenge(&response(value));
        assert_eq!(
            of("Basic realm=\"estrealm\""),
            Some(("Basic".into(), Some("estrealm".into())))
        );
        assert_eq!(
            of("Digest realm=est, qop=\"auth\", nonce=\"n\", Basic realm=\"b\""),
            Some(("Digest".into(), Some("est".into())))
        );
        assert_eq!(of("Basic"), Some(("Basic".into(), None)));
        // Not valid syntax: the scheme is named, the realm is not shown.
        assert_eq!(
            of("Basic realm=\"a\x1b[2Jb\""),
            Some(("Basic".into(), None))
        );
        assert_eq!(
            of("Negotiate\x1b[2J"),
            Some(("Negotiate\\u{1b}[2J".into(), None))
        );
    }

    #[test]
    fn a_digest_answer_names_the_request_target() {
        assert_eq!(
            request_target("https://h:8443/.well-known/est/simpleenroll"),
            "/.well-known/est/simpleenroll"
        );
        assert_eq!(request_target("https://h"), "/");
        assert!(proof_of_possession(b"Proof of Possession Mismatch.\n"));
        assert!(!proof_of_possession(
            b"The server was unable to authorize the request."
        ));
    }
}
