//! Real servers' quirks, reproduced by `lab serve --quirk NAME`: certenroll handles each one
//! by default (issue: "Real servers: the quirks of NDES, EJBCA, OpenXPKI, Dogtag, libest...").

use crate::util::{Doctor, Lab, certenroll_in, json_of, key_matches_cert, listing, serial_of};

#[test]
fn certificates_with_32_octet_serials_are_enrolled_renewed_and_fetched() {
    let dir = tempfile::tempdir().unwrap();
    let ca = dir.path().join("lab-ca.pem");
    let lab = Lab::start(&[
        "--quirk",
        "long-serials",
        "--ra",
        "--tls",
        "--ca-out",
        ca.to_str().unwrap(),
    ]);
    assert_eq!(serial_of(&ca).len(), 64, "the lab CA's serial is 32 octets");
    let state = dir.path().join("state");
    let run = |args: &[&str]| {
        let mut cmd = certenroll_in(&state);
        cmd.arg("--ca-file").arg(&ca).args(args);
        cmd
    };
    let (key, cert) = (dir.path().join("k.pem"), dir.path().join("c.pem"));
    // SCEP: the CA and RA certificates, the reply's signer and the issued certificate all
    // carry 32-octet serials.
    run(&[
        "enroll",
        "--no-challenge",
        "--url",
        &lab.url,
        "--cn",
        "long-1",
    ])
    .args(["--fingerprint", &lab.ca_sha256])
    .arg("--out-key")
    .arg(&key)
    .arg("--out-cert")
    .arg(&cert)
    .assert()
    .code(0);
    let first = serial_of(&cert);
    assert_eq!(first.len(), 64);
    assert!(key_matches_cert(&key, &cert));
    let listed = run(&["list"]).output().unwrap();
    assert!(
        String::from_utf8_lossy(&listed.stdout).contains(&format!("serial {first}")),
        "{}",
        String::from_utf8_lossy(&listed.stdout)
    );
    run(&["renew", "--force", "--url", &lab.url])
        .arg("--key")
        .arg(&key)
        .arg("--cert")
        .arg(&cert)
        .assert()
        .code(0);
    let renewed = serial_of(&cert);
    assert!(renewed.len() == 64 && renewed != first, "{renewed}");
    let fetched = dir.path().join("fetched.pem");
    run(&["getcert", "--url", &lab.url, "--serial", &renewed])
        .arg("--out")
        .arg(&fetched)
        .assert()
        .code(0);
    assert_eq!(serial_of(&fetched), renewed);
    // EST: /cacerts and the issued certificate.
    let est_cert = dir.path().join("est.pem");
    run(&["enroll", "--url", &lab.est_url, "--cn", "long-2"])
        .arg("--out-key")
        .arg(dir.path().join("est.key"))
        .arg("--out-cert")
        .arg(&est_cert)
        .assert()
        .code(0);
    assert_eq!(serial_of(&est_cert).len(), 64);
}

/// `certenroll getcacaps` against a lab with `quirk`: exit code, stdout and stderr.
fn getcacaps(lab: &Lab, extra: &[&str]) -> (i32, String, String) {
    let state = tempfile::tempdir().unwrap();
    let output = certenroll_in(state.path())
        .args(["getcacaps", "--url", &lab.url])
        .args(extra)
        .output()
        .unwrap();
    (
        output.status.code().unwrap(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// Enroll a new key from `lab` into a fresh directory: exit code, stderr, and the files left.
fn enroll(lab: &Lab, extra: &[&str]) -> (i32, String, Vec<String>) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    let output = certenroll_in(&dir.path().join("state"))
        .args([
            "enroll",
            "--no-challenge",
            "--url",
            &lab.url,
            "--cn",
            "quirk",
        ])
        .args(["--fingerprint", &lab.ca_sha256])
        .arg("--out-key")
        .arg(dir.path().join("out/key.pem"))
        .arg("--out-cert")
        .arg(dir.path().join("out/cert.pem"))
        .args(extra)
        .output()
        .unwrap();
    (
        output.status.code().unwrap(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
        listing(&out),
    )
}

#[test]
fn a_ca_that_must_be_named_gets_its_name_with_getcacaps_and_a_404_is_an_error() {
    // EJBCA in CA mode: without message=<CA name>, GetCACaps is 404.
    let lab = Lab::start(&["--quirk", "ejbca-ca-mode"]);
    let (code, _, stderr) = getcacaps(&lab, &[]);
    assert_eq!(code, 5, "{stderr}");
    assert!(
        stderr.contains("answered HTTP 404") && stderr.contains("--ca-ident"),
        "{stderr}"
    );
    let (code, stdout, _) = getcacaps(&lab, &["--ca-ident", "LabCA"]);
    assert_eq!(code, 0);
    assert!(stdout.contains("POSTPKIOperation"), "{stdout}");
    // Enrollment does not fall back to the weakest algorithms on a 404: it stops, and
    // leaves nothing behind.
    let (code, stderr, files) = enroll(&lab, &[]);
    assert_eq!(code, 5, "{stderr}");
    assert!(files.is_empty(), "{files:?}");
    let (code, stderr, files) = enroll(&lab, &["--ca-ident", "LabCA"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(files, ["cert.pem", "key.pem"]);
    assert!(!stderr.contains("no capabilities"), "{stderr}");
}

#[test]
fn old_ndes_answers_to_getcacaps_mean_no_capabilities_said_once() {
    for (quirk, why) in [
        ("ndes-2003-caps", "the connection was closed"),
        ("ndes-2008-caps", "an empty list"),
    ] {
        let lab = Lab::start(&["--quirk", quirk]);
        let (code, stdout, stderr) = getcacaps(&lab, &[]);
        assert_eq!(code, 0, "{quirk}: {stderr}");
        assert!(
            stdout.contains("(none: ") && stdout.contains(why),
            "{stdout}"
        );
        let (code, stderr, files) = enroll(&lab, &[]);
        assert_eq!(code, 0, "{quirk}: {stderr}");
        assert_eq!(files, ["cert.pem", "key.pem"]);
        assert_eq!(
            stderr.matches("lists no capabilities").count(),
            1,
            "{stderr}"
        );
        assert!(stderr.contains(why), "{stderr}");
    }
    // NDES on 2008 R2 sends its list without a Content-Type: it is read all the same.
    let lab = Lab::start(&["--quirk", "ndes-2008r2-caps"]);
    let (code, stdout, _) = getcacaps(&lab, &[]);
    assert_eq!(code, 0);
    assert!(
        stdout.contains("Would use: POST requests, aes128"),
        "{stdout}"
    );
}

#[test]
fn an_empty_answer_to_a_post_is_sent_again_by_get_and_doctor_names_the_server() {
    // NDES on IIS 8 lists POSTPKIOperation, then answers a POST with an empty 200.
    let lab = Lab::start(&["--quirk", "ndes-2012-post"]);
    let (code, stderr, files) = enroll(&lab, &["-v"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(files, ["cert.pem", "key.pem"]);
    assert!(stderr.contains("sending it again by GET"), "{stderr}");
    let log = lab.log();
    assert_eq!(log.matches("empty answer").count(), 1, "{log}");
    assert!(log.contains("SUCCESS"), "{log}");
    let state = tempfile::tempdir().unwrap();
    let doctor: Doctor = json_of(
        certenroll_in(state.path()).args(["doctor", "--json", "--url", &lab.url]),
        0,
    );
    let method = doctor.steps.iter().find(|s| s.name == "method").unwrap();
    assert_eq!(method.status, "warn");
    assert!(method.detail.contains("Microsoft-IIS/8.0"), "{method:?}");
}

#[test]
fn an_ra_certificate_that_says_ca_is_not_taken_for_the_ca() {
    let lab = Lab::start(&["--quirk", "ra-ca-flag"]);
    let dir = tempfile::tempdir().unwrap();
    let out = certenroll_in(&dir.path().join("state"))
        .args(["getcacert", "--url", &lab.url, "--json", "--out"])
        .arg(format!("{}/", dir.path().display()))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let roles: Vec<&str> = json["certificates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["role"].as_str().unwrap())
        .collect();
    assert_eq!(roles, ["CA", "RA (signature)", "RA (encryption)"]);
    let ca_pem = dir.path().join("ca.pem");
    let written = crate::util::openssl(&[
        "x509",
        "-noout",
        "-fingerprint",
        "-sha256",
        "-in",
        ca_pem.to_str().unwrap(),
    ]);
    assert!(
        written.contains(&lab.ca_sha256),
        "{written} vs {}",
        lab.ca_sha256
    );
    assert!(dir.path().join("ra-1.pem").exists() && dir.path().join("ra-2.pem").exists());
    let (code, stderr, files) = enroll(&lab, &[]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(files, ["cert.pem", "key.pem"]);
}

#[test]
fn expired_ra_certificates_are_named_before_the_server_answers_500() {
    let lab = Lab::start(&["--quirk", "expired-ra"]);
    let state = tempfile::tempdir().unwrap();
    let out = certenroll_in(state.path())
        .args(["getcacert", "--url", &lab.url])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        stdout
            .matches("warning: the server's RA certificate")
            .count(),
        2,
        "{stdout}"
    );
    let (code, stderr, files) = enroll(&lab, &[]);
    assert_eq!(code, 5, "{stderr}");
    assert!(
        stderr.contains("NDES answers every request with HTTP 500 then")
            && stderr.contains("answered HTTP 500"),
        "{stderr}"
    );
    assert_eq!(files, ["key.pem"], "the new key is kept for a retry");
    let doctor: Doctor = json_of(
        certenroll_in(state.path()).args(["doctor", "--json", "--url", &lab.url]),
        0,
    );
    let ra = doctor.steps.iter().find(|s| s.name == "ra").unwrap();
    assert_eq!(ra.status, "warn", "{ra:?}");
}

/// The transactionIDs the lab logged, in order.
fn transactions(log: &str) -> Vec<String> {
    log.lines()
        .filter_map(|l| l.split("transaction=").nth(1))
        .filter_map(|rest| rest.split_whitespace().next())
        .map(str::to_string)
        .collect()
}

#[test]
fn a_pending_request_is_polled_with_the_same_hex_transaction_id() {
    // OpenXPKI refuses a transactionID that is not hex, and finds the request by it.
    let lab = Lab::start(&["--quirk", "openxpki", "--pending", "1"]);
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state");
    certenroll_in(&state)
        .args(["enroll", "--no-challenge", "--no-wait", "--url", &lab.url])
        .args(["--cn", "openxpki", "--fingerprint", &lab.ca_sha256])
        .arg("--out-key")
        .arg(dir.path().join("key.pem"))
        .arg("--out-cert")
        .arg(dir.path().join("cert.pem"))
        .assert()
        .code(3);
    certenroll_in(&state).arg("poll").assert().code(0);
    assert!(key_matches_cert(
        &dir.path().join("key.pem"),
        &dir.path().join("cert.pem")
    ));
    let log = lab.log();
    assert!(
        log.contains("CertPoll") && !log.contains("not hex"),
        "{log}"
    );
    let ids = transactions(&log);
    assert!(
        ids.len() >= 3 && ids.iter().all(|id| id == &ids[0]),
        "{ids:?}"
    );
    assert!(ids[0].chars().all(|c| c.is_ascii_hexdigit()), "{ids:?}");
}

#[test]
fn only_the_algorithms_the_capabilities_list_are_sent_unless_asked() {
    // Dogtag lists DES3, SHA-256 and SHA-512, and refuses anything else.
    let lab = Lab::start(&["--quirk", "dogtag"]);
    let (code, stderr, _) = enroll(&lab, &[]);
    assert_eq!(code, 0, "{stderr}");
    assert!(lab.log().contains("cipher=\"des3\""), "{}", lab.log());
    let (code, stderr, files) = enroll(&lab, &["--cipher", "aes128"]);
    assert_eq!(code, 4, "{stderr}");
    assert!(stderr.contains("badAlg"), "{stderr}");
    assert!(
        files.is_empty(),
        "a refused request's new key is removed: {files:?}"
    );
}

#[test]
fn ndes_renewal_is_a_pkcsreq_signed_with_the_current_certificate() {
    let lab = Lab::start(&["--quirk", "ndes"]);
    let (_, stdout, _) = getcacaps(&lab, &[]);
    assert!(stdout.contains("renewal as a PKCSReq"), "{stdout}");
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state");
    let (key, cert) = (dir.path().join("key.pem"), dir.path().join("cert.pem"));
    certenroll_in(&state)
        .args([
            "enroll",
            "--no-challenge",
            "--url",
            &lab.url,
            "--cn",
            "ndes",
        ])
        .args(["--fingerprint", &lab.ca_sha256])
        .arg("--out-key")
        .arg(&key)
        .arg("--out-cert")
        .arg(&cert)
        .assert()
        .code(0);
    let first = serial_of(&cert);
    let renew = |extra: &[&str]| {
        let mut cmd = certenroll_in(&state);
        cmd.args(["renew", "--force", "--url", &lab.url])
            .arg("--key")
            .arg(&key)
            .arg("--cert")
            .arg(&cert)
            .args(extra);
        cmd
    };
    renew(&[]).assert().code(0);
    assert_ne!(serial_of(&cert), first);
    let log = lab.log();
    assert!(!log.contains("message_type=RenewalReq"), "{log}");
    assert!(log.contains("signed_by=\"this CA\""), "{log}");
    // Asked for a RenewalReq, NDES refuses it.
    renew(&["--renewal", "renewalreq"]).assert().code(4);
    assert!(lab.log().contains("RenewalReq is not implemented"));
}
