//! The EST operations of RFC 7030: /cacerts (4.1), /simpleenroll and /simplereenroll (4.2),
//! /serverkeygen (4.4), /csrattrs (4.5), with HTTP Basic authentication (3.2.3) when given
//! (the TLS client certificate is the transport's), and 202 + Retry-After (4.2.3) as pending.

use std::time::Duration;

use crate::pki::Certificate;
use base64::Engine;

use super::csrattrs::CsrAttrs;
use super::{Endpoint, certificates, decode_body, media, multipart};
use crate::clock::parse_http_date;
use crate::secret::Secret;
use crate::transport::{Http, Response};
use crate::{Error, Result};

/// HTTP Basic credentials.
#[derive(Debug, Clone)]
pub struct BasicAuth {
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

/// The realm of a `WWW-Authenticate: Basic realm="..."` challenge.
fn realm(response: &Response) -> Option<String> {
    let header = response.header("www-authenticate")?;
    let at = header.to_ascii_lowercase().find("realm=")?;
    let rest = &header[at + "realm=".len()..];
    let value = match rest.strip_prefix('"') {
        Some(quoted) => quoted.split('"').next().unwrap_or_default(),
        None => rest.split([',', ' ']).next().unwrap_or_default(),
    };
    Some(crate::sanitize::escape_untrusted(value))
}

/// An EST client for one server and CA label.
pub struct EstClient<'a> {
    http: &'a dyn Http,
    endpoint: Endpoint,
    auth: Option<BasicAuth>,
    /// A TLS client certificate is configured in the transport.
    client_certificate: bool,
}

impl<'a> EstClient<'a> {
    /// A client for `endpoint` over `http`; `auth` is sent with every request but /cacerts.
    pub fn new(
        http: &'a dyn Http,
        endpoint: Endpoint,
        auth: Option<BasicAuth>,
        client_certificate: bool,
    ) -> Self {
        EstClient {
            http,
            endpoint,
            auth,
            client_certificate,
        }
    }

    /// The endpoint.
    pub fn endpoint(&self) -> &Endpoint {
        &self.endpoint
    }

    fn authorization(&self) -> Option<zeroize::Zeroizing<String>> {
        self.auth.as_ref().map(|auth| {
            let pair =
                zeroize::Zeroizing::new(format!("{}:{}", auth.username, auth.password.expose()));
            zeroize::Zeroizing::new(format!(
                "Basic {}",
                base64::engine::general_purpose::STANDARD.encode(pair.as_bytes())
            ))
        })
    }

    /// Send to `operation`: GET without a body, POST of a base64 PKCS#10 with one.
    fn exchange(&self, operation: &str, body: Option<&[u8]>) -> Result<Response> {
        let url = self.endpoint.url(operation);
        let authorization = self.authorization();
        let mut headers: Vec<(&str, &str)> = Vec::new();
        if let Some(value) = &authorization {
            headers.push(("Authorization", value.as_str()));
        }
        let encoded;
        let body = match body {
            Some(der) => {
                encoded = super::encode_body(der);
                headers.push(("Content-Type", media::PKCS10));
                headers.push(("Content-Transfer-Encoding", "base64"));
                Some(encoded.as_slice())
            }
            None => None,
        };
        let response = self.http.send(&url, &headers, body)?;
        tracing::debug!(operation, status = response.status, "EST reply");
        if response.status == 401 {
            return Err(Error::Unauthorized {
                url,
                realm: realm(&response),
                sent_credentials: self.auth.is_some() || self.client_certificate,
            });
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
    fn realm_of_a_challenge() {
        let response = |value: &str| Response {
            status: 401,
            content_type: None,
            date: None,
            headers: vec![("www-authenticate".into(), value.into())],
            body: Vec::new(),
        };
        assert_eq!(
            realm(&response("Basic realm=\"estrealm\"")).as_deref(),
            Some("estrealm")
        );
        assert_eq!(
            realm(&response("Basic realm=est, charset=\"UTF-8\"")).as_deref(),
            Some("est")
        );
        assert_eq!(realm(&response("Basic")), None);
        assert_eq!(
            realm(&response("Basic realm=\"a\x1b[2Jb\"")).as_deref(),
            Some("a\\u{1b}[2Jb")
        );
    }
}
