//! A minimal HTTP/1.1 server for the lab responder: one request per connection, bounded
//! request size and time, a thread per connection. Generic over the stream so that TLS can sit
//! underneath later.

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
    /// The body.
    pub body: Vec<u8>,
}

impl Request {
    /// The first value of query parameter `name`.
    pub fn param(&self, name: &str) -> Option<&str> {
        self.query
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
    /// The body.
    pub body: Vec<u8>,
}

impl Response {
    /// A plain-text response.
    pub fn text(status: u16, text: &str) -> Self {
        Response {
            status,
            content_type: "text/plain".into(),
            body: text.as_bytes().to_vec(),
        }
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
    loop {
        let mut header = String::new();
        let n = reader
            .read_line(&mut header)
            .map_err(|e| format!("reading headers: {e}"))?;
        if n == 0 || header == "\r\n" || header == "\n" {
            break;
        }
        if let Some((name, value)) = header.split_once(':')
            && name.trim().eq_ignore_ascii_case("content-length")
        {
            content_length = value.trim().parse().map_err(|_| "bad Content-Length")?;
        }
    }
    if content_length > MAX_REQUEST_BYTES {
        return Err("request body too large".into());
    }
    let mut body = vec![0u8; content_length];
    reader
        .read_exact(&mut body)
        .map_err(|e| format!("reading the body: {e}"))?;
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
        body,
    })
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        400 => "Bad Request",
        404 => "Not Found",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "Status",
    }
}

/// Write `response` to `stream` and close the exchange.
pub fn write_response<W: Write>(mut stream: W, response: &Response) -> std::io::Result<()> {
    let head = format!(
        "HTTP/1.1 {} {}\r\nDate: {}\r\nContent-Type: {}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        response.status,
        reason(response.status),
        crate::transport::http_date(crate::store::now_unix()),
        response.content_type,
        response.body.len()
    );
    stream.write_all(head.as_bytes())?;
    stream.write_all(&response.body)?;
    stream.flush()
}

/// Serve forever: each connection gets one request and one response.
pub fn serve<H>(listener: TcpListener, handler: Arc<H>)
where
    H: Fn(&Request) -> Response + Send + Sync + 'static,
{
    for stream in listener.incoming() {
        let Ok(stream) = stream else { continue };
        let handler = handler.clone();
        std::thread::spawn(move || {
            let _ = stream.set_read_timeout(Some(READ_TIMEOUT));
            let response = match stream
                .try_clone()
                .map_err(|e| e.to_string())
                .and_then(read_request)
            {
                Ok(request) => handler(&request),
                Err(e) => {
                    tracing::warn!("bad request: {e}");
                    Response::text(400, &format!("bad request: {e}"))
                }
            };
            let _ = write_response(&stream, &response);
        });
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
}
