//! `multipart/mixed` bodies (RFC 2046 5.1), as the EST serverkeygen reply carries the key and
//! the certificate (RFC 7030 4.4.2). CRLF or bare LF line ends are both accepted.

use crate::{Error, Result};

/// The longest boundary RFC 2046 allows.
const MAX_BOUNDARY: usize = 70;

/// One part: its Content-Type (lower-cased, parameters kept) and its body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    /// The part's Content-Type, lower-cased.
    pub content_type: String,
    /// The part's content, as sent (base64 for EST).
    pub body: Vec<u8>,
}

/// The boundary parameter of a multipart Content-Type.
pub fn boundary(content_type: &str) -> Option<String> {
    content_type.split(';').skip(1).find_map(|param| {
        let (name, value) = param.split_once('=')?;
        name.trim()
            .eq_ignore_ascii_case("boundary")
            .then(|| value.trim().trim_matches('"').to_string())
    })
}

fn find(haystack: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    haystack
        .get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|at| at + from)
}

/// Split `body` into its parts.
pub fn parse(content_type: &str, body: &[u8]) -> Result<Vec<Part>> {
    let bad = |why: &str| Error::Untrusted(format!("the multipart reply is malformed: {why}"));
    let boundary = boundary(content_type).ok_or_else(|| bad("no boundary in its Content-Type"))?;
    // RFC 2046 5.1.1: 1 to 70 characters. The bound also keeps the search for it linear in
    // the size of the body.
    if boundary.is_empty() || boundary.len() > MAX_BOUNDARY {
        return Err(bad(&format!(
            "its boundary is {} characters long (RFC 2046 allows 1 to {MAX_BOUNDARY})",
            boundary.len()
        )));
    }
    let delimiter = format!("--{boundary}").into_bytes();
    let mut parts = Vec::new();
    let mut at = find(body, &delimiter, 0).ok_or_else(|| bad("the boundary never appears"))?;
    loop {
        at += delimiter.len();
        if body[at..].starts_with(b"--") {
            break;
        }
        let next = find(body, &delimiter, at).ok_or_else(|| bad("the last part is not closed"))?;
        let part = &body[at..next];
        // The part: headers, a blank line, the content (its last line end belongs to the
        // delimiter).
        let part = part
            .strip_prefix(b"\r\n")
            .or_else(|| part.strip_prefix(b"\n"))
            .unwrap_or(part);
        let (head, content) = match find(part, b"\r\n\r\n", 0) {
            Some(i) => (&part[..i], &part[i + 4..]),
            None => match find(part, b"\n\n", 0) {
                Some(i) => (&part[..i], &part[i + 2..]),
                None => return Err(bad("a part has no blank line after its headers")),
            },
        };
        let content = content
            .strip_suffix(b"\r\n")
            .or_else(|| content.strip_suffix(b"\n"))
            .unwrap_or(content);
        let content_type = String::from_utf8_lossy(head)
            .lines()
            .find_map(|line| {
                let (name, value) = line.split_once(':')?;
                name.trim()
                    .eq_ignore_ascii_case("content-type")
                    .then(|| value.trim().to_ascii_lowercase())
            })
            .unwrap_or_default();
        parts.push(Part {
            content_type,
            body: content.to_vec(),
        });
        at = next;
    }
    Ok(parts)
}

/// A multipart/mixed body of `parts` (media type, base64 body) with `boundary`: the
/// Content-Type and the body.
pub fn build(boundary: &str, parts: &[(&str, &[u8])]) -> (String, Vec<u8>) {
    let mut body = Vec::new();
    for (content_type, content) in parts {
        body.extend_from_slice(format!("--{boundary}\r\nContent-Type: {content_type}\r\nContent-Transfer-Encoding: base64\r\n\r\n").as_bytes());
        body.extend_from_slice(content);
        if !content.ends_with(b"\n") {
            body.extend_from_slice(b"\r\n");
        }
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    (format!("multipart/mixed; boundary={boundary}"), body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc_7030_shape_with_crlf_and_lf() {
        let (content_type, body) = build(
            "est-server-boundary",
            &[
                ("application/pkcs8", b"S0VZ\r\n"),
                ("application/pkcs7-mime; smime-type=certs-only", b"Q0VSVA=="),
            ],
        );
        let parts = parse(&content_type, &body).unwrap();
        assert_eq!(parts.len(), 2);
        assert_eq!(parts[0].content_type, "application/pkcs8");
        // The line end before a delimiter belongs to the delimiter (RFC 2046 5.1.1).
        assert_eq!(parts[0].body, b"S0VZ");
        assert_eq!(parts[1].body, b"Q0VSVA==");
        let lf = String::from_utf8(body).unwrap().replace("\r\n", "\n");
        let parts = parse(
            "multipart/mixed; boundary=\"est-server-boundary\"",
            lf.as_bytes(),
        )
        .unwrap();
        assert_eq!(
            parts[1].content_type,
            "application/pkcs7-mime; smime-type=certs-only"
        );
        assert_eq!(parts[0].body, b"S0VZ");
    }

    #[test]
    fn malformed_bodies_are_errors() {
        assert!(parse("multipart/mixed", b"x").is_err());
        assert!(parse("multipart/mixed; boundary=b", b"no delimiter").is_err());
        assert!(
            parse(
                "multipart/mixed; boundary=b",
                b"--b\r\nContent-Type: x\r\n\r\nunclosed"
            )
            .is_err()
        );
        assert_eq!(
            parse("multipart/mixed; boundary=b", b"--b--").unwrap(),
            vec![]
        );
    }

    #[test]
    fn a_boundary_longer_than_rfc_2046_allows_is_refused_before_any_search() {
        let longest = "b".repeat(70);
        let body = format!("--{longest}\r\nContent-Type: x\r\n\r\nok\r\n--{longest}--");
        let parts = parse(
            &format!("multipart/mixed; boundary={longest}"),
            body.as_bytes(),
        )
        .unwrap();
        assert_eq!(parts[0].body, b"ok");
        // 8 MB of body and a 60,000-character boundary took 19 s with a quadratic search.
        let long = "b".repeat(60_000);
        let body = vec![b'b'; 8 << 20];
        let err = parse(&format!("multipart/mixed; boundary={long}"), &body).unwrap_err();
        assert!(err.to_string().contains("60000 characters long"), "{err}");
        assert_eq!(err.exit_code(), 7);
    }
}
