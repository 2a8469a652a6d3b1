//! A minimal HTTP/1.1 server for the lab responder: one request per connection, bounded
//! request size and time, a thread per connection, plain or over TLS (rustls).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::sync::Arc;
use std::time::Duration;

/// Largest request accepted (headers and body).
pub const MAX_REQUEST_BYTES: usize = 1024 * 1024;
/// How long a client may take to send its request.
pub const READ_TIMEOUT: Duration = Duration::from_secs(30);

/// A parsed request.
#[derive(Debug, Clone)]
pub struct Request {
    /// GET, POST...
    pub method: String,
    /// The path, without the query.
    pub path: String,
    /// Query parameters, percent-decoded.
    pub query: Vec<(String, String)>,
    /// Header fields as sent (names as spelled).
    pub headers: Vec<(String, String)>,
    /// The body.
    pub body: Vec<u8>,
    /// Over TLS, the client's certificate chain (DER), if it sent one.
    pub peer_certificates: Vec<Vec<u8>>,
}

impl Request {
    /// The first value of query parameter `name`.
    pub fn param(&self, name: &str) -> Option<&str> {
        self.query
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The first value of header `name`.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// A response.
#[derive(Debug, Clone)]
pub struct Response {
    /// The status code.
    pub status: u16,
    /// The Content-Type.
    pub content_type: String,
    /// Other header fields.
    pub headers: Vec<(String, String)>,
    /// The body.
    pub body: Vec<u8>,
    /// Close the connection instead of answering (as some servers do).
    pub hang_up: bool,
}

impl Response {
    /// A response with this body and no other header field.
    pub fn new(status: u16, content_type: &str, body: Vec<u8>) -> Self {
        Response {
            status,
            content_type: content_type.into(),
            headers: Vec::new(),
            body,
            hang_up: false,
        }
    }

    /// No answer: the connection is closed.
    pub fn hang_up() -> Self {
        Response {
            hang_up: true,
            ..Response::new(0, "", Vec::new())
        }
    }

    /// A plain-text response.
    pub fn text(status: u16, text: &str) -> Self {
        Response::new(status, "text/plain", text.as_bytes().to_vec())
    }

    /// The same response with one more header field.
    pub fn with_header(mut self, name: &str, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let Ok(v) = u8::from_str_radix(
                std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap_or("zz"),
                16,
            )
        {
            out.push(v);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Read one request from `stream`.
pub fn read_request<R: Read>(stream: R) -> Result<Request, String> {
    let mut reader = BufReader::new(stream.take(MAX_REQUEST_BYTES as u64));
    let mut line = String::new();
    reader
        .read_line(&mut line)
        .map_err(|e| format!("reading the request line: {e}"))?;
    let mut parts = line.split_whitespace();
    let method = parts.next().ok_or("empty request")?.to_string();
    let target = parts.next().ok_or("no request target")?.to_string();
    let mut content_length = 0usize;
    let mut chunked = false;
    let mut headers = Vec::new();
    loop {
        let mut header = String::new();
        let n = reader
            .read_line(&mut header)
            .map_err(|e| format!("reading headers: {e}"))?;
        if n == 0 || header == "\r\n" || header == "\n" {
            break;
        }
        if let Some((name, value)) = header.split_once(':') {
            if name.trim().eq_ignore_ascii_case("content-length") {
                content_length = value.trim().parse().map_err(|_| "bad Content-Length")?;
            }
            if name.trim().eq_ignore_ascii_case("transfer-encoding") {
                chunked = value.to_ascii_lowercase().contains("chunked");
            }
            headers.push((name.trim().to_string(), value.trim().to_string()));
        }
    }
    let body = if chunked {
        read_chunked(&mut reader)?
    } else {
        if content_length > MAX_REQUEST_BYTES {
            return Err("request body too large".into());
        }
        let mut body = vec![0u8; content_length];
        reader
            .read_exact(&mut body)
            .map_err(|e| format!("reading the body: {e}"))?;
        body
    };
    let (path, query) = target.split_once('?').unwrap_or((&target, ""));
    let query = query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            (percent_decode(k), percent_decode(v))
        })
        .collect();
    Ok(Request {
        method,
        path: path.to_string(),
        query,
        headers,
        body,
        peer_certificates: Vec::new(),
    })
}

/// A body sent with `Transfer-Encoding: chunked` (RFC 9112 7.1), as GlobalSign's estclient
/// sends it: chunks of hex-sized data, a zero-sized one, trailers.
fn read_chunked<R: BufRead>(reader: &mut R) -> Result<Vec<u8>, String> {
    let mut body = Vec::new();
    loop {
        let mut size_line = String::new();
        reader
            .read_line(&mut size_line)
            .map_err(|e| format!("reading a chunk size: {e}"))?;
        let size_text = size_line.split(';').next().unwrap_or_default().trim();
        let size = usize::from_str_radix(size_text, 16)
            .map_err(|_| format!("bad chunk size {size_text:?}"))?;
        if size == 0 {
            // Trailers, up to the blank line.
            loop {
                let mut line = String::new();
                let n = reader
                    .read_line(&mut line)
                    .map_err(|e| format!("reading trailers: {e}"))?;
                if n == 0 || line == "\r\n" || line == "\n" {
                    return Ok(body);
                }
            }
        }
        if body.len() + size > MAX_REQUEST_BYTES {
            return Err("request body too large".into());
        }
        let start = body.len();
        body.resize(start + size, 0);
        reader
            .read_exact(&mut body[start..])
            .map_err(|e| format!("reading a chunk: {e}"))?;
        let mut end = String::new();
        reader
            .read_line(&mut end)
            .map_err(|e| format!("reading a chunk's end: {e}"))?;
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        202 => "Accepted",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "Status",
    }
}

/// Write `response` to `stream`; the connection stays open for another request when
/// `keep_alive`.
pub fn write_response<W: Write>(
    mut stream: W,
    response: &Response,
    keep_alive: bool,
) -> std::io::Result<()> {
    if response.hang_up {
        return Ok(());
    }
    let content_type = if response.content_type.is_empty() {
        String::new()
    } else {
        format!("Content-Type: {}\r\n", response.content_type)
    };
    let mut head = format!(
        "HTTP/1.1 {} {}\r\nDate: {}\r\n{content_type}Content-Length: {}\r\nConnection: {}\r\n",
        response.status,
        reason(response.status),
        crate::clock::http_date(crate::clock::now_unix()),
        response.body.len(),
        if keep_alive { "keep-alive" } else { "close" }
    );
    for (name, value) in &response.headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes())?;
    stream.write_all(&response.body)?;
    stream.flush()
}

/// Serve forever, over TLS when `tls` is given. A connection serves requests until the client
/// closes it, asks to (`Connection: close`) or stays idle for [`READ_TIMEOUT`] (HTTP/1.1
/// keep-alive: a client that reuses its connection makes one TLS handshake per run).
pub fn serve<H>(listener: TcpListener, tls: Option<Arc<rustls::ServerConfig>>, handler: Arc<H>)
where
    H: Fn(&Request) -> Response + Send + Sync + 'static,
{
    for stream in listener.incoming() {
        let Ok(stream) = stream else { continue };
        let handler = handler.clone();
        let tls = tls.clone();
        std::thread::spawn(move || {
            let _ = stream.set_read_timeout(Some(READ_TIMEOUT));
            match tls {
                None => exchange(&stream, &*handler, |_| Vec::new()),
                Some(config) => {
                    let Ok(connection) = rustls::ServerConnection::new(config) else {
                        return;
                    };
                    let mut tls = rustls::StreamOwned::new(connection, stream);
                    if let Err(e) = tls.conn.complete_io(&mut tls.sock) {
                        // Usually a client that does not trust the lab CA (yet).
                        tracing::info!("TLS handshake not completed: {e}");
                        return;
                    }
                    tracing::info!("TLS connection");
                    exchange(&mut tls, &*handler, |tls| {
                        tls.conn
                            .peer_certificates()
                            .map(|certs| certs.iter().map(|c| c.to_vec()).collect())
                            .unwrap_or_default()
                    });
                    tls.conn.send_close_notify();
                    let _ = tls.flush();
                }
            }
        });
    }
}

/// The requests of one connection on `stream`, each with its response.
fn exchange<S, H>(mut stream: S, handler: &H, peer: impl Fn(&S) -> Vec<Vec<u8>>)
where
    S: Read + Write,
    H: Fn(&Request) -> Response,
{
    let mut first = true;
    loop {
        let (response, keep_alive) = match read_request(&mut stream) {
            Ok(mut request) => {
                request.peer_certificates = peer(&stream);
                let close = request
                    .header("connection")
                    .is_some_and(|v| v.eq_ignore_ascii_case("close"));
                (handler(&request), !close)
            }
            Err(e)
                if e.starts_with("empty request")
                    || e.contains("reset by peer")
                    || (!first && (e.contains("timed out") || e.contains("would block"))) =>
            {
                // A client that looked (at the TLS certificate, say) and left, or closed its
                // kept-alive connection, or let it idle.
                tracing::debug!("connection closed without a request: {e}");
                return;
            }
            Err(e) => {
                tracing::warn!("bad request: {e}");
                (Response::text(400, &format!("bad request: {e}")), false)
            }
        };
        let keep_alive = keep_alive && !response.hang_up;
        if write_response(&mut stream, &response, keep_alive).is_err() || !keep_alive {
            return;
        }
        first = false;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_get_with_query_and_post_with_body() {
        let req = read_request(
            &b"GET /scep?operation=PKIOperation&message=ab%2Bcd%3D%3D HTTP/1.1\r\nHost: x\r\n\r\n"
                [..],
        )
        .unwrap();
        assert_eq!(req.method, "GET");
        assert_eq!(req.path, "/scep");
        assert_eq!(req.param("operation"), Some("PKIOperation"));
        assert_eq!(req.param("message"), Some("ab+cd=="));
        let req = read_request(
            &b"POST /scep?operation=PKIOperation HTTP/1.1\r\nContent-Length: 3\r\n\r\nabc"[..],
        )
        .unwrap();
        assert_eq!(req.body, b"abc");
        assert!(read_request(&b"POST / HTTP/1.1\r\nContent-Length: 10\r\n\r\nabc"[..]).is_err());
        assert!(read_request(&b""[..]).is_err());
        assert_eq!(percent_decode("%zz%4"), "%zz%4");
    }

    #[test]
    fn a_chunked_body_is_read_whole() {
        let req = read_request(
            &b"POST /.well-known/est/simpleenroll HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n4;ext=1\r\nMIIB\r\n3\r\nabc\r\n0\r\nX-Trailer: y\r\n\r\n"[..],
        )
        .unwrap();
        assert_eq!(req.body, b"MIIBabc");
        assert!(
            read_request(&b"POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"[..])
                .is_err()
        );
    }
}
