//! HTTPS against the lab over real TLS handshakes (rustls on 127.0.0.1): trust from
//! --ca-file, and each broken server certificate (wrong name, expired, not yet valid, unknown
//! CA) reported in one line that says what is wrong and what to do, by the commands (exit 5)
//! and by doctor (its tls step).

use predicates::prelude::*;

use crate::util::{Doctor, Lab, Step, certenroll_in, json_of};

/// A lab serving HTTPS, and the file with its CA certificate.
fn tls_lab(args: &[&str]) -> (Lab, tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let ca = dir.path().join("lab-ca.pem");
    let mut all = vec!["--tls", "--ca-out", ca.to_str().unwrap()];
    all.extend_from_slice(args);
    (Lab::start(&all), dir, ca)
}

/// Doctor's tls step against `lab`, trusting `ca`.
fn doctor_tls(lab: &Lab, ca: &std::path::Path, state: &std::path::Path, code: i32) -> Step {
    let doctor: Doctor = json_of(
        certenroll_in(state)
            .arg("--ca-file")
            .arg(ca)
            .args(["doctor", "--json", "--url", &lab.url]),
        code,
    );
    assert_eq!(i32::from(doctor.exit_code), code);
    doctor
        .steps
        .into_iter()
        .find(|s| s.name == "tls")
        .expect("a tls step")
}

#[test]
fn enrollment_over_https_with_the_ca_file() {
    let (lab, dir, ca) = tls_lab(&[]);
    assert!(lab.url.starts_with("https://127.0.0.1:"), "{}", lab.url);
    let state = tempfile::tempdir().unwrap();
    certenroll_in(state.path())
        .arg("--ca-file")
        .arg(&ca)
        .args([
            "enroll",
            "--no-challenge",
            "--url",
            &lab.url,
            "--cn",
            "over-tls",
        ])
        .arg("--out-key")
        .arg(dir.path().join("key.pem"))
        .arg("--out-cert")
        .arg(dir.path().join("cert.pem"))
        .assert()
        .code(0);
    assert!(dir.path().join("cert.pem").exists());
    let step = doctor_tls(&lab, &ca, state.path(), 0);
    assert_eq!(step.status, "ok");
    assert!(
        step.detail.contains("dns:localhost, ip:127.0.0.1"),
        "{}",
        step.detail
    );
    assert!(step.detail.ends_with("trusted"), "{}", step.detail);
}

#[test]
fn an_unknown_ca_names_the_issuer_that_is_missing() {
    // Built-in roots: the lab CA is not among them.
    let (lab, _dir, ca) = tls_lab(&[]);
    let state = tempfile::tempdir().unwrap();
    certenroll_in(state.path())
        .args(["getcacaps", "--url", &lab.url])
        .assert()
        .code(5)
        .stderr(predicate::str::contains(
            "its chain ends at 'CN=certenroll lab CA,O=certenroll lab' (self-signed), which is not among the built-in Mozilla roots; get that CA's certificate and pass it with --ca-file",
        ));
    // A server certificate from a CA that is not the one in --ca-file.
    let (stranger, _dir2, _) = tls_lab(&["--tls-fault", "untrusted"]);
    certenroll_in(state.path())
        .arg("--ca-file")
        .arg(&ca)
        .args(["getcacaps", "--url", &stranger.url])
        .assert()
        .code(5)
        .stderr(predicate::str::contains(
            "its chain ends at 'CN=unknown lab CA' (self-signed), which is not among the CA file",
        ));
    let step = doctor_tls(&stranger, &ca, state.path(), 5);
    assert_eq!(step.status, "fail");
    assert!(
        step.detail.contains("issued by 'CN=unknown lab CA'"),
        "{}",
        step.detail
    );
    assert!(step.fix.unwrap().contains("--ca-file"));
}

#[test]
fn a_wrong_name_shows_the_names_on_the_certificate() {
    let (lab, _dir, ca) = tls_lab(&["--tls-fault", "wrong-name"]);
    let state = tempfile::tempdir().unwrap();
    certenroll_in(state.path())
        .arg("--ca-file")
        .arg(&ca)
        .args(["getcacert", "--url", &lab.url])
        .assert()
        .code(5)
        .stderr(predicate::str::contains(
            "the server's certificate is for wrong-host.example, not for 127.0.0.1; use a URL with one of those names",
        ));
    let step = doctor_tls(&lab, &ca, state.path(), 5);
    assert_eq!(step.status, "fail");
    assert!(
        step.detail.contains("for dns:wrong-host.example"),
        "{}",
        step.detail
    );
}

#[test]
fn expired_and_not_yet_valid_show_both_clocks() {
    let state = tempfile::tempdir().unwrap();
    for (fault, says) in [
        ("expired", "the server's certificate expired at "),
        (
            "not-yet-valid",
            "the server's certificate is valid only from ",
        ),
    ] {
        let (lab, _dir, ca) = tls_lab(&["--tls-fault", fault]);
        let output = certenroll_in(state.path())
            .arg("--ca-file")
            .arg(&ca)
            .args(["getcacaps", "--url", &lab.url])
            .assert()
            .code(5)
            .get_output()
            .stderr
            .clone();
        let message = String::from_utf8(output).unwrap();
        assert!(message.contains(says), "{message}");
        assert!(
            message.contains(", and this machine's clock says 20"),
            "{message}"
        );
        assert!(message.contains("(NTP)"), "{message}");
        assert_eq!(message.lines().count(), 1, "{message}");
        let step = doctor_tls(&lab, &ca, state.path(), 5);
        assert_eq!(step.status, "fail");
        assert!(step.detail.contains(says), "{}", step.detail);
    }
}

#[test]
fn a_bad_ca_file_is_a_clear_error_before_any_connection() {
    let dir = tempfile::tempdir().unwrap();
    let junk = dir.path().join("junk.pem");
    std::fs::write(&junk, "not a certificate\n").unwrap();
    crate::util::certenroll()
        .arg("--ca-file")
        .arg(&junk)
        .args(["getcacaps", "--url", "https://127.0.0.1:1/scep"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("junk.pem holds no"));
    crate::util::certenroll()
        .arg("--ca-file")
        .arg(dir.path().join("missing.pem"))
        .args(["getcacaps", "--url", "https://127.0.0.1:1/scep"])
        .assert()
        .code(6)
        .stderr(predicate::str::contains("missing.pem"));
}

#[test]
fn a_ca_certificate_as_server_certificate_and_https_to_plain_http_are_said_in_words() {
    let (lab, _dir, ca) = tls_lab(&["--tls-fault", "ca-cert"]);
    let state = tempfile::tempdir().unwrap();
    certenroll_in(state.path())
        .arg("--ca-file")
        .arg(&ca)
        .args(["getcacert", "--url", &lab.url])
        .assert()
        .code(5)
        .stderr(predicate::str::contains(
            "the server presents a CA certificate (basicConstraints cA=TRUE) as its own",
        ))
        .stderr(predicate::str::contains("Other(").not());
    // https:// to a port that speaks plain HTTP.
    let plain = Lab::start(&[]);
    let https = plain.url.replacen("http://", "https://", 1);
    certenroll_in(state.path())
        .args(["getcacaps", "--url", &https])
        .assert()
        .code(5)
        .stderr(predicate::str::contains(
            "speaks plain HTTP, not TLS; use http://",
        ));
}
