//! certenroll against micromdm's scepserver: capabilities, CA certificates, enrollment in
//! every combination the server supports, and its refusals.

use std::path::Path;

use predicates::prelude::*;
use serde::Deserialize;

use crate::util::{
    CHALLENGE, ScepServer, certenroll, challenge_file, json_of, listing, mode, openssl,
};

#[derive(Deserialize)]
struct CapsJson {
    url: String,
    capabilities: Vec<String>,
    method: String,
    cipher: String,
    digest: String,
    renewal: bool,
}

#[test]
fn getcacaps_reports_micromdm_capabilities() {
    let server = ScepServer::start();
    let caps: CapsJson = json_of(
        certenroll().args(["getcacaps", "--json", "--url", &server.url()]),
        0,
    );
    assert_eq!(caps.url, server.url());
    for name in [
        "Renewal",
        "SHA-1",
        "SHA-256",
        "AES",
        "DES3",
        "SCEPStandard",
        "POSTPKIOperation",
    ] {
        assert!(
            caps.capabilities.iter().any(|c| c == name),
            "{name} missing"
        );
    }
    assert_eq!(
        (
            caps.method.as_str(),
            caps.cipher.as_str(),
            caps.digest.as_str()
        ),
        ("post", "aes128", "sha256")
    );
    assert!(caps.renewal);
}

#[derive(Deserialize)]
struct CertJson {
    role: String,
    subject: String,
    sha256: String,
    is_ca: bool,
    key_usage: Vec<String>,
}

#[derive(Deserialize)]
struct CaCertJson {
    certificates: Vec<CertJson>,
    recipient_sha256: String,
    pinned: bool,
    written: Vec<String>,
}

#[test]
fn getcacert_shows_pins_and_saves_the_ca() {
    let server = ScepServer::start();
    let dir = tempfile::tempdir().unwrap();
    let reply: CaCertJson = json_of(
        certenroll().args(["getcacert", "--json", "--url", &server.url()]),
        0,
    );
    assert_eq!(reply.certificates.len(), 1);
    let ca = &reply.certificates[0];
    assert_eq!(ca.role, "CA");
    assert!(ca.is_ca);
    assert_eq!(ca.subject, "OU=SCEP CA,O=scep-ca,C=US");
    assert!(ca.key_usage.contains(&"keyCertSign".to_string()));
    assert_eq!(reply.recipient_sha256, ca.sha256);
    assert!(!reply.pinned && reply.written.is_empty());

    // The fingerprint agrees with openssl's, and pinning it works (with colons or without).
    let openssl_fp = openssl(&[
        "x509",
        "-in",
        server.ca_pem().to_str().unwrap(),
        "-noout",
        "-fingerprint",
        "-sha256",
    ]);
    assert!(
        openssl_fp.trim().ends_with(&ca.sha256),
        "{openssl_fp} vs {}",
        ca.sha256
    );
    certenroll()
        .args([
            "getcacert",
            "--url",
            &server.url(),
            "--fingerprint",
            &ca.sha256.to_lowercase(),
            "--out",
        ])
        .arg(dir.path())
        .assert()
        .success()
        .stdout(predicate::str::contains("matches the pinned value"));
    assert_eq!(listing(dir.path()), ["ca.pem", "chain.pem"]);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("ca.pem")).unwrap(),
        std::fs::read_to_string(server.ca_pem()).unwrap()
    );

    // A wrong pin: exit 7 and nothing written.
    let other = tempfile::tempdir().unwrap();
    certenroll()
        .args([
            "getcacert",
            "--url",
            &server.url(),
            "--fingerprint",
            &"ab".repeat(32),
            "--out",
        ])
        .arg(other.path().join("ca.pem"))
        .assert()
        .code(7)
        .stderr(predicate::str::contains("CA fingerprint mismatch"))
        .stderr(predicate::str::contains(format!(
            "the pinned one is {}",
            ["AB"; 32].join(":")
        )));
    assert!(listing(other.path()).is_empty());
}

/// Enroll with the given extra flags and check everything about the result.
fn enroll_and_verify(server: &ScepServer, cn: &str, extra: &[&str], bits: u32) {
    let dir = tempfile::tempdir().unwrap();
    let key = dir.path().join("key.pem");
    let cert = dir.path().join("cert.pem");
    let chain = dir.path().join("chain.pem");
    let challenge = challenge_file(dir.path(), CHALLENGE);
    certenroll()
        .args([
            "enroll",
            "--url",
            &server.url(),
            "--cn",
            cn,
            "--san",
            "dns:device.example.net",
        ])
        .arg("--challenge-file")
        .arg(&challenge)
        .arg("--out-key")
        .arg(&key)
        .arg("--out-cert")
        .arg(&cert)
        .arg("--out-chain")
        .arg(&chain)
        .args(extra)
        .assert()
        .success()
        .stdout(predicate::str::contains("Issued certificate"));
    assert_eq!(mode(&key), 0o600, "key mode");
    check_issued(&key, &cert, &chain, &server.ca_pem(), cn, bits);
}

/// The certificate holds our public key, names our CN, and verifies against the CA (openssl).
fn check_issued(key: &Path, cert: &Path, chain: &Path, ca: &Path, cn: &str, bits: u32) {
    let s = |p: &Path| p.to_str().unwrap().to_string();
    assert!(
        crate::util::key_matches_cert(key, cert),
        "the certificate is not for our key"
    );
    let text = openssl(&["x509", "-in", &s(cert), "-noout", "-subject", "-text"]);
    assert!(
        text.contains(&format!("CN = {cn}")) || text.contains(&format!("CN={cn}")),
        "{text}"
    );
    assert!(
        text.contains(&format!("Public-Key: ({bits} bit)")),
        "{text}"
    );
    assert!(openssl(&["verify", "-CAfile", &s(ca), &s(cert)]).contains(": OK"));
    assert_eq!(std::fs::read(chain).unwrap(), std::fs::read(ca).unwrap());
}

#[test]
fn enroll_rsa2048_post_aes() {
    let server = ScepServer::start();
    enroll_and_verify(
        &server,
        "post-aes",
        &["--method", "post", "--cipher", "aes128"],
        2048,
    );
    let log = std::fs::read_to_string(server.dir.path().join("server.log")).unwrap();
    assert!(log.contains("method=PKIOperation err=null"), "{log}");
}

#[test]
fn enroll_rsa4096_get_des3() {
    let server = ScepServer::start();
    enroll_and_verify(
        &server,
        "get-des3",
        &["--key-bits", "4096", "--method", "get", "--cipher", "des3"],
        4096,
    );
}

#[test]
fn enroll_get_aes256_sha1_and_post_des3_sha512() {
    let server = ScepServer::start();
    enroll_and_verify(
        &server,
        "get-aes256",
        &["--method", "get", "--cipher", "aes256", "--digest", "sha1"],
        2048,
    );
    enroll_and_verify(
        &server,
        "post-des3",
        &["--method", "post", "--cipher", "des3", "--digest", "sha512"],
        2048,
    );
}

#[derive(Deserialize)]
struct EnrollJson {
    status: String,
    transaction_id: String,
    method: String,
    cipher: String,
    digest: String,
    certificate: Option<serde_json::Value>,
    files: serde_json::Value,
}

#[test]
fn enroll_with_existing_key_der_output_and_json() {
    let server = ScepServer::start();
    let dir = tempfile::tempdir().unwrap();
    let key = dir.path().join("existing.pem");
    openssl(&["genrsa", "-out", key.to_str().unwrap(), "3072"]);
    let before = std::fs::read(&key).unwrap();
    let cert = dir.path().join("cert.der");
    let reply: EnrollJson = json_of(
        certenroll()
            .env("CERTENROLL_CHALLENGE", CHALLENGE)
            .args([
                "enroll",
                "--json",
                "--url",
                &server.url(),
                "--cn",
                "reuse",
                "--format",
                "der",
            ])
            .arg("--key")
            .arg(&key)
            .arg("--out-cert")
            .arg(&cert),
        0,
    );
    assert_eq!(reply.status, "issued");
    assert_eq!(reply.transaction_id.len(), 64);
    assert_eq!(
        (
            reply.method.as_str(),
            reply.cipher.as_str(),
            reply.digest.as_str()
        ),
        ("post", "aes128", "sha256")
    );
    assert_eq!(reply.certificate.unwrap()["subject"], "CN=reuse");
    assert_eq!(reply.files["key"], key.to_str().unwrap());
    // The key file is not touched; the certificate is DER and for that key.
    assert_eq!(std::fs::read(&key).unwrap(), before);
    let cert_pub = openssl(&[
        "x509",
        "-inform",
        "der",
        "-in",
        cert.to_str().unwrap(),
        "-noout",
        "-pubkey",
    ]);
    assert_eq!(
        cert_pub,
        openssl(&["pkey", "-in", key.to_str().unwrap(), "-pubout"])
    );
}

#[test]
fn wrong_challenge_is_rejected_with_fail_info_and_no_files() {
    let server = ScepServer::start();
    let dir = tempfile::tempdir().unwrap();
    let challenge = challenge_file(dir.path(), "not-the-challenge");
    certenroll()
        .args(["enroll", "--url", &server.url(), "--cn", "wrong"])
        .arg("--challenge-file")
        .arg(&challenge)
        .arg("--out-key")
        .arg(dir.path().join("key.pem"))
        .arg("--out-cert")
        .arg(dir.path().join("cert.pem"))
        .assert()
        .code(4)
        .stderr(predicate::str::contains(
            "SCEP ERROR failInfo 2 badRequest (transaction not permitted or not supported)",
        ))
        .stderr(predicate::str::contains(
            "hint: check the challenge password",
        ));
    // No certificate, and the new key, which can never be used, is gone (no temp files either).
    assert_eq!(listing(dir.path()), ["challenge"]);

    // The JSON error carries the decoded failInfo.
    let err: serde_json::Value = json_of(
        certenroll()
            .args([
                "enroll",
                "--json",
                "--no-challenge",
                "--url",
                &server.url(),
                "--cn",
                "wrong2",
            ])
            .arg("--out-key")
            .arg(dir.path().join("key.pem"))
            .arg("--out-cert")
            .arg(dir.path().join("cert.pem")),
        4,
    );
    assert_eq!(err["status"], "error");
    assert_eq!(err["exit_code"], 4);
    assert_eq!(err["fail_info"]["code"], 2);
    assert_eq!(err["fail_info"]["name"], "badRequest");
}

#[test]
fn pinned_fingerprint_mismatch_exits_7_before_any_key_is_written() {
    let server = ScepServer::start();
    let dir = tempfile::tempdir().unwrap();
    certenroll()
        .env("CERTENROLL_CHALLENGE", CHALLENGE)
        .args([
            "enroll",
            "--url",
            &server.url(),
            "--cn",
            "pinned",
            "--fingerprint",
            &"00".repeat(32),
        ])
        .arg("--out-key")
        .arg(dir.path().join("key.pem"))
        .arg("--out-cert")
        .arg(dir.path().join("cert.pem"))
        .assert()
        .code(7)
        .stderr(predicate::str::contains("CA fingerprint mismatch"));
    assert!(listing(dir.path()).is_empty());
}

#[test]
fn server_down_exits_5_naming_the_url() {
    let port = crate::util::free_port();
    let url = format!("http://127.0.0.1:{port}/scep");
    let dir = tempfile::tempdir().unwrap();
    certenroll()
        .args(["enroll", "--no-challenge", "--url", &url, "--cn", "down"])
        .arg("--out-key")
        .arg(dir.path().join("key.pem"))
        .arg("--out-cert")
        .arg(dir.path().join("cert.pem"))
        .assert()
        .code(5)
        .stderr(predicate::str::contains(format!(
            "communication with {url} failed: connection refused"
        )));
    assert!(listing(dir.path()).is_empty());
    certenroll()
        .args(["getcacaps", "--url", &url])
        .assert()
        .code(5);
}

#[test]
fn force_replaces_an_existing_key_only_after_the_certificate_is_verified() {
    let server = ScepServer::start();
    let dir = tempfile::tempdir().unwrap();
    let key = dir.path().join("key.pem");
    let cert = dir.path().join("cert.pem");
    std::fs::write(&key, "old key").unwrap();
    let run = |challenge: &str| {
        let mut cmd = certenroll();
        cmd.env("CERTENROLL_CHALLENGE", challenge)
            .args([
                "enroll",
                "--force",
                "--url",
                &server.url(),
                "--cn",
                "forced",
            ])
            .arg("--out-key")
            .arg(&key)
            .arg("--out-cert")
            .arg(&cert);
        cmd
    };
    // Rejected: the old key stays, the staged key is gone, no certificate.
    run("wrong").assert().code(4);
    assert_eq!(std::fs::read_to_string(&key).unwrap(), "old key");
    assert_eq!(listing(dir.path()), ["key.pem"]);
    // Issued: the new key replaces the old one and matches the certificate.
    run(CHALLENGE).assert().success();
    assert_eq!(listing(dir.path()), ["cert.pem", "key.pem"]);
    assert_eq!(mode(&key), 0o600);
    let cert_pub = openssl(&["x509", "-in", cert.to_str().unwrap(), "-noout", "-pubkey"]);
    assert_eq!(
        cert_pub,
        openssl(&["pkey", "-in", key.to_str().unwrap(), "-pubout"])
    );
}
