//! Replies from a real scepserver, tampered with on the way: each must end in exit 7 with
//! a clear message and no installed file changed.

use predicates::prelude::*;

use crate::util::proxy::{Proxy, Tamper};
use crate::util::{CHALLENGE, ScepServer, certenroll, openssl};

/// Enroll through a tampering proxy with an existing key and an existing certificate file;
/// both must be unchanged afterwards.
fn enroll_through(tamper: Tamper, expected: &str) {
    let server = ScepServer::start();
    let proxy = Proxy::start(format!("http://127.0.0.1:{}", server.port), tamper);
    let dir = tempfile::tempdir().unwrap();
    let key = dir.path().join("key.pem");
    openssl(&["genrsa", "-out", key.to_str().unwrap(), "2048"]);
    let cert = dir.path().join("cert.pem");
    std::fs::write(&cert, "the installed certificate\n").unwrap();
    let key_before = std::fs::read(&key).unwrap();
    certenroll()
        .env("CERTENROLL_CHALLENGE", CHALLENGE)
        .args(["enroll", "--url", &proxy.url(), "--cn", "hostile"])
        .arg("--key")
        .arg(&key)
        .arg("--out-cert")
        .arg(&cert)
        .assert()
        .code(7)
        .stderr(predicate::str::contains("reply not trustworthy"))
        .stderr(predicate::str::contains(expected));
    assert_eq!(std::fs::read(&key).unwrap(), key_before);
    assert_eq!(
        std::fs::read_to_string(&cert).unwrap(),
        "the installed certificate\n"
    );
    assert_eq!(crate::util::listing(dir.path()), ["cert.pem", "key.pem"]);
}

#[test]
fn truncated_reply() {
    enroll_through(
        |mut body| {
            body.truncate(body.len() / 2);
            body
        },
        "reply not trustworthy: malformed message",
    );
}

#[test]
fn reply_with_a_broken_signature() {
    // The signature value is the last element of a SignedData without unsigned attributes.
    enroll_through(
        |mut body| {
            let last = body.len() - 1;
            body[last] ^= 0x01;
            body
        },
        "does not verify",
    );
}

#[test]
fn empty_reply() {
    enroll_through(|_| Vec::new(), "empty reply");
}

#[test]
fn garbage_reply() {
    enroll_through(
        |_| b"<html>proxy error</html>".to_vec(),
        "reply not trustworthy: malformed message",
    );
}

/// A server on 127.0.0.1 that answers every request with a redirect to `location` (the
/// request's query appended), until the test ends.
fn redirecting(location: String) -> String {
    use std::io::{BufRead, BufReader, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut first = String::new();
            let _ = reader.read_line(&mut first);
            let query = first
                .split_whitespace()
                .nth(1)
                .and_then(|target| target.split_once('?'))
                .map(|(_, q)| format!("?{q}"))
                .unwrap_or_default();
            let mut line = String::new();
            while reader.read_line(&mut line).is_ok_and(|n| n > 2) {
                line.clear();
            }
            let _ = write!(
                &stream,
                "HTTP/1.1 302 Found\r\nLocation: {location}{query}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            );
        }
    });
    format!("http://127.0.0.1:{port}/scep")
}

#[test]
fn a_redirect_is_followed_on_the_same_host_only() {
    let lab = crate::util::Lab::start(&[]);
    // Same host, another port and path: followed.
    let same_host = redirecting(lab.url.clone());
    certenroll()
        .args(["getcacaps", "--url", &same_host])
        .assert()
        .success()
        .stdout(predicate::str::contains("POSTPKIOperation"));
    // Another host (the same lab, named otherwise): refused, and nothing reaches it.
    let elsewhere = redirecting(lab.url.replace("127.0.0.1", "localhost"));
    let before = lab.log().lines().count();
    certenroll()
        .args(["getcacert", "--url", &elsewhere])
        .assert()
        .code(7)
        .stderr(predicate::str::contains("another host: not followed"));
    assert_eq!(lab.log().lines().count(), before);
}

#[test]
fn a_stripped_capability_list_is_said_plainly_and_refused_on_request() {
    let lab = crate::util::Lab::start(&["--caps", ""]);
    let dir = tempfile::tempdir().unwrap();
    let enroll = |cn: &str| {
        let mut cmd = certenroll();
        cmd.args(["enroll", "--no-challenge", "--url", &lab.url, "--cn", cn])
            .arg("--out-key")
            .arg(dir.path().join(format!("{cn}.key")))
            .arg("--out-cert")
            .arg(dir.path().join(format!("{cn}.pem")));
        cmd
    };
    // Refused: nothing written, not even a key.
    enroll("strict")
        .arg("--require-caps")
        .assert()
        .code(7)
        .stderr(predicate::str::contains("lists no capabilities"))
        .stderr(predicate::str::contains(
            "refusing to fall back to des and sha1",
        ));
    assert!(crate::util::listing(dir.path()).is_empty());
    // Allowed with a plain warning; and an unpinned CA is named with its fingerprint.
    enroll("lenient")
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "falling back to GET, des and sha1",
        ))
        .stderr(predicate::str::contains("the CA is not pinned"))
        .stderr(predicate::str::contains(lab.ca_sha256.replace(':', "")));
    // Pinned: no word about it.
    enroll("pinned")
        .args(["--fingerprint", &lab.ca_sha256])
        .assert()
        .success()
        .stderr(predicate::str::contains("not pinned").not());
}

/// A server on 127.0.0.1 that answers every request with `body` (HTTP 200, `content_type`).
fn answering(content_type: &'static str, body: Vec<u8>) -> String {
    use std::io::{BufRead, BufReader, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut line = String::new();
            while reader.read_line(&mut line).is_ok_and(|n| n > 2) {
                line.clear();
            }
            let mut stream = stream;
            let _ = write!(
                stream,
                "HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            );
            let _ = stream.write_all(&body);
        }
    });
    format!("http://127.0.0.1:{port}/scep")
}

#[test]
fn a_reply_of_millions_of_tiny_elements_costs_memory_in_proportion() {
    // Just under the 8 MiB reply limit: DER NULLs in one indefinite-length SEQUENCE. Parsed
    // into a tree, this took 389 MiB.
    let mut body = vec![0x30, 0x80];
    body.extend(std::iter::repeat_n([0x05u8, 0x00], (8 << 20) / 2 - 2).flatten());
    body.extend([0x00, 0x00]);
    let url = answering("application/x-x509-ca-ra-cert", body);
    let output = std::process::Command::new("/usr/bin/time")
        .args(["-f", "maxrss=%M"])
        .arg(assert_cmd::cargo::cargo_bin("certenroll"))
        .args(["getcacert", "--url", &url])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(7));
    let stderr = String::from_utf8_lossy(&output.stderr);
    let kib: u64 = stderr
        .lines()
        .find_map(|l| l.strip_prefix("maxrss="))
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    assert!(
        kib < 80 * 1024,
        "{kib} KiB peak for an 8 MiB reply: {stderr}"
    );
}
