//! HTTP for every protocol: timeouts, proxy variables, a cap on reply size, TLS trust, and the
//! classification of failures into what a person can act on (DNS, refused, timeout, TLS,
//! HTTP status).
//!
//! Protocol code talks to the [`Http`] trait, so tests can put another transport underneath.

use std::io::ErrorKind;
use std::time::Duration;

use crate::error::{CommError, Error, TlsProblem};
use crate::tls::{ClientIdentity, Trust};

/// An HTTP method, as a request is sent (and saved with a pending SCEP request).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Method {
    /// GET.
    Get,
    /// POST.
    Post,
}

/// Default limit for a whole exchange. Generous: slow CAs (HSM signing, manual approval
/// front-ends) take tens of seconds, and the 10 s some clients use breaks them.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);
/// Default limit for connecting.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(15);
/// Largest reply accepted (a CRL of a big CA fits).
pub const MAX_REPLY_BYTES: u64 = 8 * 1024 * 1024;

/// A reply, whatever its status.
#[derive(Debug, Clone)]
pub struct Response {
    /// The HTTP status code.
    pub status: u16,
    /// The Content-Type header, if any.
    pub content_type: Option<String>,
    /// The Date header, if any (the server's clock).
    pub date: Option<String>,
    /// Every header field (names lower-cased).
    pub headers: Vec<(String, String)>,
    /// The body.
    pub body: Vec<u8>,
}

impl Response {
    /// Fail unless the status is 200, naming `url` and showing the start of the body.
    pub fn require_ok(self, url: &str) -> Result<Response, Error> {
        if self.status == 200 {
            Ok(self)
        } else {
            Err(Error::HttpStatus {
                url: url.to_string(),
                status: self.status,
                body: crate::sanitize::body_excerpt(&self.body),
            })
        }
    }

    /// The first value of header `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The media type without parameters, lower-cased.
    pub fn media_type(&self) -> Option<String> {
        self.content_type.as_ref().map(|ct| {
            ct.split(';')
                .next()
                .unwrap_or_default()
                .trim()
                .to_ascii_lowercase()
        })
    }
}

/// What the protocol code needs of HTTP.
pub trait Http {
    /// GET `url`.
    fn get(&self, url: &str) -> Result<Response, Error>;
    /// POST `body` with `content_type` to `url`.
    fn post(&self, url: &str, content_type: &str, body: &[u8]) -> Result<Response, Error>;
    /// GET (no body) or POST `body`, with these extra header fields.
    fn send(
        &self,
        url: &str,
        headers: &[(&str, &str)],
        body: Option<&[u8]>,
    ) -> Result<Response, Error>;
}

/// Settings of the HTTP transport.
#[derive(Debug, Clone)]
pub struct Options {
    /// Limit for the whole exchange.
    pub timeout: Duration,
    /// Limit for connecting.
    pub connect_timeout: Duration,
    /// Largest reply accepted.
    pub max_reply_bytes: u64,
    /// Which CAs HTTPS servers must chain to.
    pub trust: Trust,
    /// The TLS client certificate, if any.
    pub client: Option<ClientIdentity>,
    /// Accept any server certificate: only for fetching an EST server's CA certificates
    /// before they are trusted (RFC 7030 4.1.1), which are then checked out of band.
    pub insecure_bootstrap: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            timeout: DEFAULT_TIMEOUT,
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            max_reply_bytes: MAX_REPLY_BYTES,
            trust: Trust::BuiltIn,
            client: None,
            insecure_bootstrap: false,
        }
    }
}

/// The real transport, on ureq.
pub struct Transport {
    agent: ureq::Agent,
    options: Options,
}

impl Transport {
    /// A transport with these settings. Proxy variables (`HTTP_PROXY`, `HTTPS_PROXY`,
    /// `NO_PROXY`) are honoured.
    pub fn new(options: Options) -> Result<Self, Error> {
        let mut tls = ureq::tls::TlsConfig::builder();
        if let Some(roots) = options.trust.certificates()? {
            let roots = roots
                .iter()
                .map(|c| ureq::tls::Certificate::from_der(c).to_owned())
                .collect();
            tls = tls.root_certs(ureq::tls::RootCerts::Specific(std::sync::Arc::new(roots)));
        }
        if let Some(client) = &options.client {
            let chain: Vec<_> = client
                .chain
                .iter()
                .map(|c| ureq::tls::Certificate::from_der(c).to_owned())
                .collect();
            let key = if client.key.token_place().is_some() {
                // The token signs: ureq gets a placeholder that the crypto provider answers.
                tls = tls.unversioned_rustls_crypto_provider(crate::pkcs11::tls::provider());
                let pem = der::pem::encode_string(
                    "PRIVATE KEY",
                    der::pem::LineEnding::LF,
                    &crate::pkcs11::tls::placeholder(&client.key),
                )
                .map_err(|e| Error::Crypto(format!("encoding the client key failed: {e}")))?;
                ureq::tls::PrivateKey::from_pem(pem.as_bytes()).map_err(|e| {
                    Error::Invalid(format!("the client key is not usable for TLS: {e}"))
                })?
            } else {
                // ureq takes a key by kind only through PEM.
                let pem = client.key.to_pem()?;
                ureq::tls::PrivateKey::from_pem(pem.as_bytes()).map_err(|e| {
                    Error::Invalid(format!("the client key is not usable for TLS: {e}"))
                })?
            };
            tls = tls.client_cert(Some(ureq::tls::ClientCert::new_with_certs(&chain, key)));
        }
        if options.insecure_bootstrap {
            tls = tls.disable_verification(true);
        }
        // Each phase has its limit, so that a timeout can say which phase it was.
        let config = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_connect(Some(options.connect_timeout.min(options.timeout)))
            .timeout_send_request(Some(options.timeout))
            .timeout_send_body(Some(options.timeout))
            .timeout_recv_response(Some(options.timeout))
            .timeout_recv_body(Some(options.timeout))
            // Redirects are followed here, by the rule of `redirect_target`, not by ureq.
            .max_redirects(0)
            .user_agent(concat!("certenroll/", env!("CARGO_PKG_VERSION")))
            .tls_config(tls.build())
            .build();
        Ok(Transport {
            agent: config.into(),
            options,
        })
    }

    fn finish(
        &self,
        url: &str,
        result: Result<ureq::http::Response<ureq::Body>, ureq::Error>,
    ) -> Result<Response, Error> {
        let mut response = result.map_err(|e| self.classify(url, e))?;
        let status = response.status().as_u16();
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string)
        };
        let content_type = header("content-type");
        let date = header("date");
        let headers = response
            .headers()
            .iter()
            .filter_map(|(name, value)| {
                Some((name.as_str().to_string(), value.to_str().ok()?.to_string()))
            })
            .collect();
        let body = response
            .body_mut()
            .with_config()
            .limit(self.options.max_reply_bytes)
            .read_to_vec()
            .map_err(|e| self.classify(url, e))?;
        tracing::debug!(url, status, bytes = body.len(), "reply");
        Ok(Response {
            status,
            content_type,
            date,
            headers,
            body,
        })
    }
}

/// How many redirects one request may follow.
const MAX_REDIRECTS: usize = 5;

/// Where a redirect from `from` to `location` (as the server wrote it) may be followed: to
/// the same host, and never from HTTPS to plain HTTP. Anything else is refused, saying where
/// it pointed: a man in the middle or a misconfigured server could otherwise move a request
/// (and its credentials) elsewhere, or take a CA's certificates from cleartext.
pub fn redirect_target(from: &str, location: &str) -> Result<String, Error> {
    let shown = crate::sanitize::escape_untrusted(location);
    let origin: ureq::http::Uri = from
        .parse()
        .map_err(|_| Error::Invalid(format!("'{from}' is not a URL")))?;
    let target = if location.starts_with("http://") || location.starts_with("https://") {
        location.to_string()
    } else if location.starts_with('/') && !location.starts_with("//") {
        format!(
            "{}://{}{location}",
            origin.scheme_str().unwrap_or("http"),
            origin.authority().map_or("", |a| a.as_str())
        )
    } else {
        return Err(Error::Untrusted(format!(
            "{} redirected to '{shown}', which is not an absolute URL or path: not followed",
            strip_query(from)
        )));
    };
    let parsed: ureq::http::Uri = target.parse().map_err(|_| {
        Error::Untrusted(format!(
            "{} redirected to '{shown}', which is not a URL: not followed",
            strip_query(from)
        ))
    })?;
    let host = |uri: &ureq::http::Uri| uri.host().map(str::to_ascii_lowercase);
    if host(&parsed) != host(&origin) {
        return Err(Error::Untrusted(format!(
            "{} redirected to '{shown}', another host: not followed (give that URL with --url if it is right)",
            strip_query(from)
        )));
    }
    if origin.scheme_str() == Some("https") && parsed.scheme_str() != Some("https") {
        return Err(Error::Untrusted(format!(
            "{} redirected to '{shown}', from HTTPS to plain HTTP: not followed",
            strip_query(from)
        )));
    }
    Ok(target)
}

impl Transport {
    /// Send a request, following redirects by [`redirect_target`]. A POST answered 307 or 308
    /// is sent again as it was; one answered 301, 302 or 303 becomes a GET, as browsers do.
    fn exchange(
        &self,
        url: &str,
        headers: &[(&str, &str)],
        mut body: Option<&[u8]>,
    ) -> Result<Response, Error> {
        let mut url = url.to_string();
        for _ in 0..=MAX_REDIRECTS {
            let response = match body {
                None => {
                    tracing::debug!(url = %strip_query(&url), "GET");
                    let mut request = self.agent.get(&url);
                    for (name, value) in headers {
                        request = request.header(*name, *value);
                    }
                    self.finish(&url, request.call())?
                }
                Some(body) => {
                    tracing::debug!(url = %strip_query(&url), bytes = body.len(), "POST");
                    let mut request = self.agent.post(&url);
                    for (name, value) in headers {
                        request = request.header(*name, *value);
                    }
                    self.finish(&url, request.send(body))?
                }
            };
            let location = response
                .headers
                .iter()
                .find(|(name, _)| name.eq_ignore_ascii_case("location"))
                .map(|(_, value)| value.clone());
            match (response.status, location) {
                (301 | 302 | 303 | 307 | 308, Some(location)) => {
                    let next = redirect_target(&url, &location)?;
                    tracing::info!(from = %strip_query(&url), to = %strip_query(&next), "redirected");
                    if !matches!(response.status, 307 | 308) {
                        body = None;
                    }
                    url = next;
                }
                _ => return Ok(response),
            }
        }
        Err(Error::Communication {
            url: strip_query(&url).to_string(),
            kind: CommError::Other(format!("more than {MAX_REDIRECTS} redirects")),
        })
    }
}

impl Http for Transport {
    fn get(&self, url: &str) -> Result<Response, Error> {
        self.exchange(url, &[], None)
    }

    fn post(&self, url: &str, content_type: &str, body: &[u8]) -> Result<Response, Error> {
        self.exchange(url, &[("Content-Type", content_type)], Some(body))
    }

    fn send(
        &self,
        url: &str,
        headers: &[(&str, &str)],
        body: Option<&[u8]>,
    ) -> Result<Response, Error> {
        self.exchange(url, headers, body)
    }
}

/// The user information of `url` (`user:password` before the host), if any.
fn userinfo(url: &str) -> Option<(usize, usize)> {
    let start = url.find("://")? + 3;
    let end = url[start..]
        .find(['/', '?', '#'])
        .map_or(url.len(), |i| start + i);
    let at = url[start..end].rfind('@')?;
    Some((start, start + at))
}

/// The URL as it may be shown, logged or stored: a password in it replaced by `***`, and the
/// query cut.
pub fn shown_url(url: &str) -> String {
    let url = strip_query(url);
    match userinfo(url) {
        Some((start, at)) if url[start..at].contains(':') => {
            let user = url[start..at].split(':').next().unwrap_or_default();
            format!("{}{user}:***{}", &url[..start], &url[at..])
        }
        _ => url.to_string(),
    }
}

/// Refuse a URL that carries a password: it would end up in error messages, logs, the history
/// and saved requests.
pub fn check_no_password(url: &str) -> Result<(), Error> {
    match userinfo(url) {
        Some((start, at)) if url[start..at].contains(':') => Err(Error::Invalid(format!(
            "'{}' carries a password: certenroll keeps credentials out of URLs, which end up in logs and the history; over EST use --username with --password-file or --password-env",
            shown_url(url)
        ))),
        _ => Ok(()),
    }
}

/// The URL without its query, for messages (a SCEP GET carries the whole request there).
pub fn strip_query(url: &str) -> &str {
    url.split_once('?').map_or(url, |(base, _)| base)
}

impl Transport {
    /// Turn a ureq error into a [`CommError`] a person can act on.
    fn classify(&self, url: &str, err: ureq::Error) -> Error {
        let rustls_error = match &err {
            ureq::Error::Rustls(e) => Some(e),
            ureq::Error::Io(io) => io.get_ref().and_then(|e| e.downcast_ref::<rustls::Error>()),
            _ => None,
        };
        if let Some(tls) = rustls_error {
            let (host, port) = host_and_port(url);
            return Error::Communication {
                url: strip_query(url).to_string(),
                kind: CommError::Tls(crate::tls::explain(
                    tls,
                    &host,
                    port,
                    &self.options.trust,
                    self.options.connect_timeout,
                )),
            };
        }
        if let ureq::Error::Timeout(phase) = &err {
            let limit = self.options.timeout.as_secs();
            let connect = self
                .options
                .connect_timeout
                .min(self.options.timeout)
                .as_secs();
            let text = match phase {
                ureq::Timeout::Resolve => format!(
                    "resolving the host name ({connect} s); check this machine's DNS servers"
                ),
                ureq::Timeout::Connect => format!(
                    "connecting ({connect} s): nothing answered; is a firewall dropping the packets?"
                ),
                ureq::Timeout::SendRequest | ureq::Timeout::SendBody | ureq::Timeout::Await100 => {
                    format!("sending the request ({limit} s; raise --timeout on a slow link)")
                }
                ureq::Timeout::RecvResponse => format!(
                    "waiting for the reply ({limit} s; raise --timeout if the CA is just slow)"
                ),
                ureq::Timeout::RecvBody => {
                    format!("receiving the reply ({limit} s; raise --timeout on a slow link)")
                }
                _ => format!(
                    "during the exchange ({limit} s; raise --timeout if the CA is just slow)"
                ),
            };
            return Error::Communication {
                url: strip_query(url).to_string(),
                kind: CommError::Timeout(text),
            };
        }
        classify(url, err)
    }
}

/// Host and port of an https URL, for a second look at the server.
fn host_and_port(url: &str) -> (String, u16) {
    match url.parse::<ureq::http::Uri>() {
        Ok(uri) => (
            uri.host().unwrap_or_default().to_string(),
            uri.port_u16().unwrap_or(443),
        ),
        Err(_) => (String::new(), 443),
    }
}

/// Turn a ureq error into a [`CommError`] a person can act on.
fn classify(url: &str, err: ureq::Error) -> Error {
    let kind = match &err {
        ureq::Error::HostNotFound => CommError::Dns,
        ureq::Error::ConnectionFailed => CommError::Refused,
        // The resolver's failure reaches ureq as an I/O error of kind Other.
        ureq::Error::Io(io) if io.to_string().contains("failed to lookup address") => {
            CommError::Dns
        }
        ureq::Error::Io(io) => match io.kind() {
            ErrorKind::ConnectionRefused | ErrorKind::ConnectionReset | ErrorKind::NotConnected => {
                CommError::Refused
            }
            ErrorKind::TimedOut | ErrorKind::WouldBlock => CommError::Timeout(
                "during the exchange (raise --timeout if the CA is just slow)".into(),
            ),
            ErrorKind::UnexpectedEof => CommError::Closed,
            _ => CommError::Other(crate::sanitize::escape_untrusted(&io.to_string())),
        },
        ureq::Error::Timeout(phase) => CommError::Timeout(format!("({phase:?})")),
        ureq::Error::Tls(msg) => CommError::Tls(TlsProblem {
            kind: crate::error::TlsKind::Other,
            what: (*msg).to_string(),
            fix: String::new(),
        }),
        ureq::Error::BodyExceedsLimit(limit) => CommError::TooLarge(*limit),
        ureq::Error::TooManyRedirects => CommError::Other("too many redirects".into()),
        ureq::Error::BadUri(uri) => {
            return Error::Invalid(format!(
                "'{}' is not a usable URL",
                crate::sanitize::escape_untrusted(uri)
            ));
        }
        // ureq's text may quote what the server sent (a malformed Location header).
        other => CommError::Other(crate::sanitize::escape_untrusted(&other.to_string())),
    };
    Error::Communication {
        url: strip_query(url).to_string(),
        kind,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn connection_refused_is_classified() {
        // Bind then drop a listener: the port is free and nothing listens there.
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let transport = Transport::new(Options::default()).unwrap();
        let url = format!("http://127.0.0.1:{port}/scep?operation=GetCACaps");
        match transport.get(&url) {
            Err(Error::Communication { url, kind }) => {
                assert_eq!(url, format!("http://127.0.0.1:{port}/scep"));
                assert_eq!(kind, CommError::Refused);
            }
            other => panic!("expected a refused connection, got {other:?}"),
        }
    }

    #[test]
    fn non_200_is_an_http_status_error_with_escaped_body() {
        let response = Response {
            status: 500,
            content_type: None,
            date: None,
            headers: Vec::new(),
            body: b"not implemented\x1b[2J".to_vec(),
        };
        let err = response.require_ok("http://ca/scep").unwrap_err();
        assert_eq!(err.exit_code(), 5);
        assert_eq!(
            err.to_string(),
            "http://ca/scep answered HTTP 500: not implemented\\u{1b}[2J"
        );
    }

    #[test]
    fn a_password_in_a_url_is_refused_and_never_shown() {
        let url = "http://admin:s3cret@ca.example:8080/scep?operation=GetCACaps";
        assert_eq!(shown_url(url), "http://admin:***@ca.example:8080/scep");
        let err = check_no_password(url).unwrap_err();
        assert_eq!(err.exit_code(), 2);
        assert!(!err.to_string().contains("s3cret"), "{err}");
        check_no_password("http://ca.example/scep").unwrap();
        check_no_password("http://user@ca.example/scep").unwrap();
        assert_eq!(shown_url("http://ca/a@b"), "http://ca/a@b");
    }

    #[test]
    fn redirects_stay_on_the_host_and_never_leave_https() {
        let ok = |from: &str, to: &str| redirect_target(from, to).unwrap();
        let refused = |from: &str, to: &str| {
            let err = redirect_target(from, to).unwrap_err();
            assert_eq!(err.exit_code(), 7, "{err}");
            err.to_string()
        };
        assert_eq!(
            ok("http://ca:8080/scep", "/cgi/scep"),
            "http://ca:8080/cgi/scep"
        );
        assert_eq!(ok("http://ca/scep", "https://ca/scep"), "https://ca/scep");
        assert_eq!(ok("http://ca/scep", "http://CA:9/x"), "http://CA:9/x");
        assert!(refused("http://ca/scep", "http://evil/scep").contains("another host"));
        assert!(
            refused("https://ca/.well-known/est/cacerts", "http://ca/cacerts")
                .contains("plain HTTP")
        );
        assert!(refused("http://ca/scep", "//evil/scep").contains("not an absolute URL"));
        assert!(refused("http://ca/scep", "http://evil/\u{1b}[2J").contains("\\u{1b}"));
    }
}
