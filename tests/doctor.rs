//! `certenroll doctor`: a healthy CA is all ✓; each broken thing gives its ✗ or ! line, the
//! fix, and the right exit code.

use predicates::prelude::*;

use crate::util::{Doctor, Lab, ScepServer, Step, certenroll_in, challenge_file, json_of};

fn step<'a>(doctor: &'a Doctor, name: &str) -> &'a Step {
    doctor
        .steps
        .iter()
        .find(|s| s.name == name)
        .unwrap_or_else(|| panic!("no step {name}"))
}

#[test]
fn a_healthy_lab_with_an_enrolled_pair_is_all_ok() {
    let lab = Lab::start(&[]);
    let state = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let (key, cert) = (dir.path().join("k.pem"), dir.path().join("c.pem"));
    certenroll_in(state.path())
        .args([
            "enroll",
            "-q",
            "--no-challenge",
            "--url",
            &lab.url,
            "--cn",
            "healthy",
        ])
        .arg("--out-key")
        .arg(&key)
        .arg("--out-cert")
        .arg(&cert)
        .assert()
        .success();
    let challenge = challenge_file(dir.path(), "x");
    let doctor: Doctor = json_of(
        certenroll_in(state.path())
            .args([
                "doctor",
                "--json",
                "--url",
                &lab.url,
                "--fingerprint",
                &lab.ca_sha256,
            ])
            .arg("--key")
            .arg(&key)
            .arg("--cert")
            .arg(&cert)
            .arg("--challenge-file")
            .arg(&challenge),
        0,
    );
    for name in [
        "dns",
        "connect",
        "capabilities",
        "clock",
        "ca",
        "recipient",
        "fingerprint",
        "challenge",
        "key",
        "validity",
        "pending",
        "lock",
    ] {
        assert_eq!(
            step(&doctor, name).status,
            "ok",
            "{name}: {}",
            step(&doctor, name).detail
        );
    }
    assert_eq!(doctor.exit_code, 0);
}

#[test]
fn micromdm_is_healthy_too() {
    let server = ScepServer::start();
    let state = tempfile::tempdir().unwrap();
    let doctor: Doctor = json_of(
        certenroll_in(state.path()).args(["doctor", "--json", "--url", &server.url()]),
        0,
    );
    assert_eq!(step(&doctor, "capabilities").status, "ok");
    assert_eq!(step(&doctor, "clock").status, "ok");
    assert!(
        doctor
            .steps
            .iter()
            .all(|s| s.name != "encryption" && s.name != "signatures")
    );
    assert_eq!(step(&doctor, "ca").status, "ok");
}

#[test]
fn a_dead_port_fails_the_connect_step_with_exit_5() {
    let state = tempfile::tempdir().unwrap();
    let url = format!("http://127.0.0.1:{}/scep", crate::util::free_port());
    certenroll_in(state.path())
        .args(["doctor", "--url", &url])
        .assert()
        .code(5)
        .stdout(predicate::str::contains("✗ connect"))
        .stdout(predicate::str::contains(
            "fix: is the service running there",
        ));
}

#[test]
fn des_only_sha1_only_and_a_wrong_pin() {
    let lab = Lab::start(&["--caps", "POSTPKIOperation"]);
    let state = tempfile::tempdir().unwrap();
    let doctor: Doctor = json_of(
        certenroll_in(state.path()).args([
            "doctor",
            "--json",
            "--url",
            &lab.url,
            "--fingerprint",
            &"ab".repeat(32),
        ]),
        7,
    );
    assert_eq!(step(&doctor, "encryption").status, "warn");
    assert!(
        step(&doctor, "encryption")
            .fix
            .as_deref()
            .unwrap()
            .contains("AES")
    );
    assert_eq!(step(&doctor, "signatures").status, "warn");
    assert_eq!(step(&doctor, "fingerprint").status, "fail");
    assert!(
        step(&doctor, "fingerprint")
            .detail
            .contains("fingerprint mismatch")
    );
}

#[test]
fn a_mismatched_pair_and_a_due_certificate() {
    let lab = Lab::start(&["--validity-days", "1"]);
    let state = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    for name in ["a", "b"] {
        certenroll_in(state.path())
            .args([
                "enroll",
                "-q",
                "--no-challenge",
                "--url",
                &lab.url,
                "--cn",
                name,
            ])
            .arg("--out-key")
            .arg(dir.path().join(format!("{name}.key")))
            .arg("--out-cert")
            .arg(dir.path().join(format!("{name}.pem")))
            .assert()
            .success();
    }
    let doctor: Doctor = json_of(
        certenroll_in(state.path())
            .args([
                "doctor",
                "--json",
                "--url",
                &lab.url,
                "--renew-before",
                "2d",
            ])
            .arg("--key")
            .arg(dir.path().join("a.key"))
            .arg("--cert")
            .arg(dir.path().join("b.pem")),
        6,
    );
    assert_eq!(step(&doctor, "key").status, "fail");
    assert!(
        step(&doctor, "key")
            .fix
            .as_deref()
            .unwrap()
            .contains(".prev")
    );
    assert_eq!(step(&doctor, "validity").status, "warn");
    assert!(
        step(&doctor, "validity")
            .detail
            .contains("renewal due since")
    );
    assert_eq!(step(&doctor, "challenge").status, "warn");
}

#[test]
fn the_est_password_file_and_client_certificate_are_checked_before_a_renewal_needs_them() {
    let dir = tempfile::tempdir().unwrap();
    let ca = dir.path().join("ca.pem");
    let lab = Lab::start(&["--tls", "--ca-out", ca.to_str().unwrap()]);
    let state = tempfile::tempdir().unwrap();
    let doctor = |extra: &[&str], code: i32| -> Doctor {
        json_of(
            certenroll_in(state.path())
                .arg("--ca-file")
                .arg(&ca)
                .args(["doctor", "--json", "--url", &lab.est_url])
                .args(extra),
            code,
        )
    };
    let missing = dir.path().join("missing.pass");
    let report = doctor(
        &[
            "--username",
            "dev",
            "--password-file",
            missing.to_str().unwrap(),
        ],
        6,
    );
    let password = step(&report, "password");
    assert_eq!(password.status, "fail");
    assert!(password.detail.contains("cannot be read"), "{password:?}");
    let file = dir.path().join("dev.pass");
    std::fs::write(&file, "secret\n").unwrap();
    let report = doctor(
        &[
            "--username",
            "dev",
            "--password-file",
            file.to_str().unwrap(),
        ],
        0,
    );
    assert_eq!(step(&report, "password").status, "ok");
    let report = doctor(
        &[
            "--client-cert",
            dir.path().join("no.pem").to_str().unwrap(),
            "--client-key",
            dir.path().join("no.key").to_str().unwrap(),
        ],
        6,
    );
    assert_eq!(step(&report, "client-cert").status, "fail");
}
