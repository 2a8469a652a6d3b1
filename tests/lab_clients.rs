//! The lab responder against the SCEP and EST clients people point at it: micromdm's
//! `scepclient` (Debian `scep`) and strongSwan's `pki` (Debian `strongswan-pki` with the curl
//! fetcher of `libstrongswan-extra-plugins`), each on 127.0.0.1.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::util::{Lab, certenroll, issued_by, serial_of};

/// The lab's CA certificate, fetched with certenroll into `dir`.
fn ca_of(lab: &Lab, dir: &Path) -> PathBuf {
    let out = dir.join("ca");
    std::fs::create_dir_all(&out).unwrap();
    certenroll()
        .args(["getcacert", "--url", &lab.url, "--out"])
        .arg(format!("{}/", out.display()))
        .assert()
        .success();
    out.join("ca.pem")
}

/// Run a peer client; its output in the panic message when it fails.
fn run(command: &mut Command) {
    let output = command.output().unwrap();
    assert!(
        output.status.success(),
        "{command:?}: {}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

/// A new key made by strongSwan's pki, in PEM.
fn pki_key(path: &Path, kind: &str, size: &str) {
    pki_into(
        Command::new("pki").args(["--gen", "--type", kind, "--size", size, "--outform", "pem"]),
        path,
    );
}

/// Run strongSwan's `pki` and write what it prints to `out`; its errors in the panic message
/// when it fails.
fn pki_into(pki: &mut Command, out: &Path) {
    let output = pki.output().unwrap();
    assert!(
        output.status.success(),
        "{pki:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    std::fs::write(out, output.stdout).unwrap();
}

#[test]
fn micromdm_scepclient_enrolls_by_post_and_by_get() {
    // By POST (the lab's default capabilities), and by GET when POSTPKIOperation is not
    // offered: scepclient then sends the message in URL-safe base64.
    for caps in [None, Some("Renewal,SHA-256,AES,SCEPStandard")] {
        let mut args = vec!["--challenge", "lab-secret"];
        if let Some(caps) = caps {
            args.extend(["--caps", caps]);
        }
        let lab = Lab::start(&args);
        let dir = tempfile::tempdir().unwrap();
        let (key, cert) = (dir.path().join("key.pem"), dir.path().join("cert.pem"));
        run(Command::new("scepclient")
            .args([
                "-server-url",
                &lab.url,
                "-cn",
                "scepclient",
                "-challenge",
                "lab-secret",
            ])
            .arg("-private-key")
            .arg(&key)
            .arg("-certificate")
            .arg(&cert)
            .current_dir(dir.path()));
        issued_by(&cert, &key, &ca_of(&lab, dir.path()));
        assert!(lab.log().contains("subject=CN=scepclient"), "{}", lab.log());
    }
}

#[test]
fn micromdm_scepclient_renews_with_its_certificate_and_transaction_id() {
    // Run again with the certificate in place, scepclient sends a RenewalReq signed with it,
    // with the same transactionID (a hash of the key): the lab issues a new certificate.
    let lab = Lab::start(&[]);
    let dir = tempfile::tempdir().unwrap();
    let (key, cert) = (dir.path().join("key.pem"), dir.path().join("cert.pem"));
    let scepclient = || {
        run(Command::new("scepclient")
            .args(["-server-url", &lab.url, "-cn", "renewing"])
            .arg("-private-key")
            .arg(&key)
            .arg("-certificate")
            .arg(&cert)
            .current_dir(dir.path()));
    };
    scepclient();
    let first = serial_of(&cert);
    scepclient();
    assert_ne!(serial_of(&cert), first);
    issued_by(&cert, &key, &ca_of(&lab, dir.path()));
    assert!(
        lab.log().contains("message_type=RenewalReq"),
        "{}",
        lab.log()
    );
}

/// `pki --scep` against `lab` with the challenge `lab-secret`, the CA for both roles, the new
/// key `key` and `more` arguments; the certificate is written to `out`.
fn pki_scep(lab: &Lab, ca: &Path, key: &Path, out: &Path, more: &[&str]) {
    pki_into(
        Command::new("pki")
            .args(["--scep", "--url", &lab.url, "--dn", "CN=strongswan"])
            .args(["--password", "lab-secret", "--outform", "pem"])
            .arg("--in")
            .arg(key)
            .arg("--cacert-enc")
            .arg(ca)
            .arg("--cacert-sig")
            .arg(ca)
            .args(more),
        out,
    );
}

#[test]
fn strongswan_pki_fetches_the_ca_and_enrolls_with_each_cipher_and_digest_and_renews_over_scep() {
    let lab = Lab::start(&["--challenge", "lab-secret"]);
    let dir = tempfile::tempdir().unwrap();
    let path = |name: &str| dir.path().join(name);
    // --scepca: the CA certificate, as certenroll reads it.
    run(Command::new("pki")
        .args(["--scepca", "--url", &lab.url, "--outform", "pem"])
        .current_dir(dir.path()));
    let ca = ca_of(&lab, dir.path());
    let key = path("sw.key");
    pki_key(&key, "rsa", "2048");
    // --scep: enrollment with the challenge, with each cipher and digest pki offers (AES needs
    // SHA-384 in the capabilities, for strongSwan 5.9.8).
    for (cipher, digest) in [("aes", "sha256"), ("des3", "sha1"), ("aes", "sha512")] {
        pki_scep(
            &lab,
            &ca,
            &key,
            &path("sw.pem"),
            &["--cipher", cipher, "--digest", digest],
        );
        issued_by(&path("sw.pem"), &key, &ca);
        let cipher = if cipher == "aes" { "aes128" } else { cipher };
        let wanted = format!("csr_digest=\"{digest}\" cipher=\"{cipher}\"");
        assert!(lab.log().contains(&wanted), "{wanted}: {}", lab.log());
    }
    // Renewal: a new key, the request signed with the current pair.
    let new_key = path("sw-new.key");
    pki_key(&new_key, "rsa", "2048");
    pki_scep(
        &lab,
        &ca,
        &new_key,
        &path("sw-new.pem"),
        &[
            "--cert",
            path("sw.pem").to_str().unwrap(),
            "--key",
            key.to_str().unwrap(),
        ],
    );
    issued_by(&path("sw-new.pem"), &new_key, &ca);
    assert!(
        lab.log().contains("message_type=RenewalReq"),
        "{}",
        lab.log()
    );
}

#[test]
fn strongswan_pki_polls_a_pending_scep_request() {
    let lab = Lab::start(&["--challenge", "lab-secret", "--pending", "1"]);
    let dir = tempfile::tempdir().unwrap();
    let ca = ca_of(&lab, dir.path());
    let (key, cert) = (dir.path().join("sw.key"), dir.path().join("sw.pem"));
    pki_key(&key, "rsa", "2048");
    // The shortest interval pki takes is a second: the wait is the point of this test.
    pki_scep(&lab, &ca, &key, &cert, &["--interval", "1"]);
    issued_by(&cert, &key, &ca);
    assert!(lab.log().contains("CertPoll"), "{}", lab.log());
}

/// A PKCS#10 request for `key` made by `pki --req`, in `path`.
fn pki_request(key: &Path, path: &Path, cn: &str) {
    pki_into(
        Command::new("pki")
            .args(["--req", "--dn", &format!("CN={cn}"), "--outform", "pem"])
            .arg("--in")
            .arg(key),
        path,
    );
}

/// `pki --est` at `url` trusting `ca`, for the request in `request`, with `more` arguments;
/// the certificate is written to `out`.
fn pki_est(url: &str, ca: &Path, request: &Path, out: &Path, more: &[&str]) {
    pki_into(
        Command::new("pki")
            .args(["--est", "--url", url, "--outform", "pem"])
            .arg("--cacert")
            .arg(ca)
            .arg("--in")
            .arg(request)
            .args(more),
        out,
    );
}

#[test]
fn strongswan_pki_fetches_the_ca_and_enrolls_and_reenrolls_over_est() {
    // strongSwan 5.9.8 reads one-line base64 only (lab serve --est-encoding oneline).
    let dir = tempfile::tempdir().unwrap();
    let path = |name: &str| dir.path().join(name);
    let ca = path("lab-ca.pem");
    let lab = Lab::start(&[
        "--tls",
        "--ca-out",
        ca.to_str().unwrap(),
        "--basic",
        "dev:est-secret",
        "--est-encoding",
        "oneline",
    ]);
    let url = lab.est_url.trim_end_matches("/.well-known/est").to_string();
    run(Command::new("pki")
        .args(["--estca", "--url", &url, "--outform", "pem"])
        .arg("--cacert")
        .arg(&ca)
        .current_dir(dir.path()));
    let key = path("sw.key");
    pki_key(&key, "ecdsa", "256");
    pki_request(&key, &path("sw.req"), "strongswan-est");
    // simpleenroll with HTTP Basic.
    pki_est(
        &url,
        &ca,
        &path("sw.req"),
        &path("sw.pem"),
        &["--userpass", "dev:est-secret"],
    );
    issued_by(&path("sw.pem"), &key, &ca);
    // simplereenroll: a new key, authenticated by the current certificate in TLS.
    let new_key = path("sw-new.key");
    pki_key(&new_key, "ecdsa", "256");
    pki_request(&new_key, &path("sw-new.req"), "strongswan-est");
    pki_est(
        &url,
        &ca,
        &path("sw-new.req"),
        &path("sw-new.pem"),
        &[
            "--cert",
            path("sw.pem").to_str().unwrap(),
            "--key",
            key.to_str().unwrap(),
        ],
    );
    issued_by(&path("sw-new.pem"), &new_key, &ca);
    let log = lab.log();
    assert!(
        log.contains("operation=\"simplereenroll\" client_cert=CN=strongswan-est"),
        "{log}"
    );
}

#[test]
fn strongswan_pki_waits_out_an_est_202_with_retry_after() {
    let dir = tempfile::tempdir().unwrap();
    let ca = dir.path().join("lab-ca.pem");
    let lab = Lab::start(&[
        "--tls",
        "--ca-out",
        ca.to_str().unwrap(),
        "--est-encoding",
        "oneline",
        "--pending",
        "1",
        "--retry-after",
        "1",
    ]);
    let url = lab.est_url.trim_end_matches("/.well-known/est").to_string();
    let (key, request, cert) = (
        dir.path().join("sw.key"),
        dir.path().join("sw.req"),
        dir.path().join("sw.pem"),
    );
    pki_key(&key, "ecdsa", "256");
    pki_request(&key, &request, "strongswan-202");
    // A second's wait (Retry-After: 1) is the point of this test.
    pki_est(&url, &ca, &request, &cert, &["--interval", "1"]);
    issued_by(&cert, &key, &ca);
    assert!(lab.log().contains("PENDING"), "{}", lab.log());
}
