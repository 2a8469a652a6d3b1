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
        "malformed reply",
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
    enroll_through(|_| b"<html>proxy error</html>".to_vec(), "malformed reply");
}
