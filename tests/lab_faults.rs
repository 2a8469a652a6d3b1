//! Every fault the lab injects ends in the right exit code, a history entry that says why,
//! and no installed file changed.

use predicates::prelude::*;

use crate::util::{Lab, certenroll_in, history, listing, openssl};

#[test]
fn each_fail_info_exits_4_with_its_name_and_meaning_recorded() {
    let names = [
        "badAlg",
        "badMessageCheck",
        "badRequest",
        "badTime",
        "badCertId",
    ];
    for (code, name) in names.iter().enumerate() {
        // The lab takes the failInfo by code or by name.
        let given = if code % 2 == 0 {
            code.to_string()
        } else {
            name.to_string()
        };
        let lab = Lab::start(&["--fail", &given]);
        let state = tempfile::tempdir().unwrap();
        let dir = tempfile::tempdir().unwrap();
        certenroll_in(state.path())
            .args(["enroll", "--no-challenge", "--url", &lab.url, "--cn", name])
            .arg("--out-key")
            .arg(dir.path().join("key.pem"))
            .arg("--out-cert")
            .arg(dir.path().join("cert.pem"))
            .assert()
            .code(4)
            .stderr(predicate::str::contains(format!(
                "SCEP ERROR failInfo {code} {name}"
            )));
        assert!(
            listing(dir.path()).is_empty(),
            "files left after failInfo {code}"
        );
        let entries = history(state.path());
        assert_eq!(entries.len(), 1);
        let entry = &entries[0];
        assert_eq!(entry["status"], "error");
        assert_eq!(entry["fail_info"], code);
        assert_eq!(entry["exit_code"], 4);
        let detail = entry["detail"].as_str().unwrap();
        assert!(
            detail.starts_with(&format!("SCEP ERROR failInfo {code} {name}: ")),
            "{detail}"
        );
        let meaning = certenroll::scep::FailInfo::ALL[code].meaning();
        assert!(detail.ends_with(meaning), "{detail}");
    }
}

/// Enroll with an existing key over an installed certificate against a hostile lab.
fn hostile(fault: &str, expected: &str) {
    let lab = Lab::start(&["--fault", fault]);
    let state = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let key = dir.path().join("key.pem");
    openssl(&["genrsa", "-out", key.to_str().unwrap(), "2048"]);
    let key_before = std::fs::read(&key).unwrap();
    let cert = dir.path().join("cert.pem");
    std::fs::write(&cert, "installed\n").unwrap();
    certenroll_in(state.path())
        .args(["enroll", "--no-challenge", "--url", &lab.url, "--cn", fault])
        .arg("--key")
        .arg(&key)
        .arg("--out-cert")
        .arg(&cert)
        .assert()
        .code(7)
        .stderr(predicate::str::contains(expected));
    assert_eq!(
        std::fs::read(&key).unwrap(),
        key_before,
        "{fault}: key changed"
    );
    assert_eq!(
        std::fs::read_to_string(&cert).unwrap(),
        "installed\n",
        "{fault}: cert changed"
    );
    assert_eq!(listing(dir.path()), ["cert.pem", "key.pem"]);
    let entries = history(state.path());
    let detail = entries[0]["detail"].as_str().unwrap();
    assert!(detail.starts_with("Untrusted reply: "), "{detail}");
    assert!(detail.contains(expected), "{detail}");
    assert_eq!(entries[0]["exit_code"], 7);
}

#[test]
fn reply_signed_by_the_wrong_key() {
    hostile("wrong-signer", "does not verify");
}

#[test]
fn reply_with_the_wrong_nonce() {
    hostile("wrong-nonce", "recipientNonce does not match");
}

#[test]
fn reply_with_the_wrong_transaction() {
    hostile("wrong-transaction", "transactionID mismatch");
}

#[test]
fn certificate_for_another_key() {
    hostile("other-key", "not for our key");
}

#[test]
fn reply_encrypted_to_another_key() {
    // Signed by the CA, but its key does not decrypt with ours: refused, nothing written.
    hostile(
        "wrong-recipient",
        "encrypted key does not decrypt with our private key",
    );
}

#[test]
fn truncated_reply() {
    hostile("truncated", "malformed message: truncated");
}

#[test]
fn ndes_style_ras_and_get_requests() {
    let lab = Lab::start(&["--ra"]);
    let state = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    certenroll_in(state.path())
        .args(["getcacert", "--url", &lab.url])
        .assert()
        .success()
        .stdout(predicate::str::contains("RA (encryption)"))
        .stdout(predicate::str::contains("RA (signature)"));
    for method in ["get", "post"] {
        let cert = dir.path().join(format!("{method}.pem"));
        certenroll_in(state.path())
            .args([
                "enroll",
                "--no-challenge",
                "--url",
                &lab.url,
                "--cn",
                method,
                "--method",
                method,
            ])
            .arg("--out-key")
            .arg(dir.path().join(format!("{method}.key")))
            .arg("--out-cert")
            .arg(&cert)
            .assert()
            .success();
    }
    let log = lab.log();
    assert_eq!(log.matches("SUCCESS").count(), 2, "{log}");
}

#[test]
fn jitter_outside_the_range_is_a_usage_error() {
    let state = tempfile::tempdir().unwrap();
    certenroll_in(state.path())
        .args(["poll", "--jitter", "0..601"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("at most 600 seconds"));
}

#[test]
fn slow_ca_times_out_with_exit_5_and_a_hint() {
    let lab = Lab::start(&["--delay", "3"]);
    let state = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let cert = dir.path().join("cert.pem");
    std::fs::write(&cert, "installed\n").unwrap();
    certenroll_in(state.path())
        .args([
            "enroll",
            "--no-challenge",
            "--timeout",
            "1",
            "--url",
            &lab.url,
            "--cn",
            "slow",
        ])
        .arg("--out-key")
        .arg(dir.path().join("key.pem"))
        .arg("--out-cert")
        .arg(&cert)
        .arg("--force")
        .assert()
        .code(5)
        .stderr(predicate::str::contains("timed out"))
        .stderr(predicate::str::contains("raise --timeout"));
    assert_eq!(std::fs::read_to_string(&cert).unwrap(), "installed\n");
    assert_eq!(history(state.path())[0]["detail"], "Communication error");
}

#[test]
fn a_renewal_needs_no_challenge_unless_the_lab_is_told_so() {
    for (strict, expected) in [(false, 0), (true, 4)] {
        let mut args = vec!["--challenge", "lab-secret"];
        if strict {
            args.push("--renewal-challenge");
        }
        let lab = Lab::start(&args);
        let state = tempfile::tempdir().unwrap();
        let dir = tempfile::tempdir().unwrap();
        let (key, cert) = (dir.path().join("key.pem"), dir.path().join("cert.pem"));
        certenroll_in(state.path())
            .env("CERTENROLL_CHALLENGE", "lab-secret")
            .args(["enroll", "--url", &lab.url, "--cn", "renewed"])
            .arg("--out-key")
            .arg(&key)
            .arg("--out-cert")
            .arg(&cert)
            .assert()
            .success();
        // Both renewal forms, without the challenge: PKCSReq signed with the current
        // certificate (NDES's, sscep's) and RenewalReq.
        for renewal in ["pkcsreq", "renewalreq"] {
            certenroll_in(state.path())
                .args(["renew", "--force", "--no-challenge", "--url", &lab.url])
                .args(["--renewal", renewal])
                .arg("--key")
                .arg(&key)
                .arg("--cert")
                .arg(&cert)
                .assert()
                .code(expected);
        }
    }
}

#[test]
fn a_refusal_of_a_request_without_a_challenge_says_none_was_sent() {
    let lab = Lab::start(&["--challenge", "lab-secret"]);
    let state = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    certenroll_in(state.path())
        .args([
            "enroll",
            "--no-challenge",
            "--url",
            &lab.url,
            "--cn",
            "nochallenge",
        ])
        .arg("--out-key")
        .arg(dir.path().join("k.pem"))
        .arg("--out-cert")
        .arg(dir.path().join("c.pem"))
        .assert()
        .code(4)
        .stderr(predicate::str::contains(
            "no challenge password was sent with the request (none was given)",
        ))
        .stderr(predicate::str::contains("badRequest"));
}
