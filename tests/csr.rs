//! `enroll --csr`: requests made elsewhere (by OpenSSL here, as a phone or an RA's devices
//! would), carried as they are over EST and over SCEP (an RA's key signing the SCEP messages),
//! against the lab and micromdm's scepserver; the certificate written as PEM, DER or PKCS#7;
//! a request whose signature does not verify refused before anything is sent.

use std::path::{Path, PathBuf};

use crate::util::{CHALLENGE, Lab, ScepServer, certenroll_in, json_of, openssl};

/// A request made by OpenSSL in `dir`: NAME.csr and its key NAME.key, with a challenge
/// password when one is given.
fn openssl_csr(dir: &Path, name: &str, key: &str, challenge: Option<&str>) -> PathBuf {
    let config = dir.join(format!("{name}.cnf"));
    let (pointer, section) = match challenge {
        Some(c) => (
            "attributes = attrs\n".to_string(),
            format!("[attrs]\nchallengePassword = {c}\n"),
        ),
        None => (String::new(), String::new()),
    };
    std::fs::write(
        &config,
        format!(
            "[req]\ndistinguished_name = dn\nprompt = no\n{pointer}[dn]\nCN = {name}\n{section}"
        ),
    )
    .unwrap();
    let csr = dir.join(format!("{name}.csr"));
    let mut args = vec!["req", "-new", "-newkey", key, "-nodes", "-keyout"];
    let key_path = dir.join(format!("{name}.key"));
    args.push(key_path.to_str().unwrap());
    args.extend([
        "-config",
        config.to_str().unwrap(),
        "-out",
        csr.to_str().unwrap(),
    ]);
    if key.starts_with("ec") {
        args.extend(["-pkeyopt", "ec_paramgen_curve:P-256"]);
    }
    openssl(&args);
    csr
}

/// An RA's RSA key, made by OpenSSL.
fn ra_key(dir: &Path) -> PathBuf {
    let ra = dir.join("ra.key");
    openssl(&["genpkey", "-algorithm", "RSA", "-out", ra.to_str().unwrap()]);
    ra
}

/// `enroll -q` over SCEP from `url` of the request `csr` made elsewhere, the messages signed by
/// the RA key `ra`, the certificate in `cert`, the state in `state`.
fn ra_enroll(state: &Path, url: &str, ra: &Path, csr: &Path, cert: &Path) -> assert_cmd::Command {
    let mut cmd = certenroll_in(state);
    cmd.args(["enroll", "-q", "--url", url, "--key"])
        .arg(ra)
        .arg("--csr")
        .arg(csr)
        .arg("--out-cert")
        .arg(cert);
    cmd
}

fn key_of_csr(csr: &Path) -> String {
    openssl(&["req", "-in", csr.to_str().unwrap(), "-noout", "-pubkey"])
}

#[test]
fn est_carries_a_request_made_elsewhere_and_writes_pkcs7() {
    let dir = tempfile::tempdir().unwrap();
    let ca = dir.path().join("ca.pem");
    let lab = Lab::start(&[
        "--tls",
        "--ca-out",
        ca.to_str().unwrap(),
        "--basic",
        "dev:s3cret",
    ]);
    std::fs::write(dir.path().join("password"), "s3cret\n").unwrap();
    let csr = openssl_csr(dir.path(), "phone-7", "ec", None);
    let cert = dir.path().join("phone-7.p7b");
    let state = dir.path().join("state");
    let reply: serde_json::Value = json_of(
        certenroll_in(&state)
            .arg("--ca-file")
            .arg(&ca)
            .args([
                "enroll",
                "--json",
                "--url",
                &lab.est_url,
                "--username",
                "dev",
            ])
            .arg("--password-file")
            .arg(dir.path().join("password"))
            .arg("--csr")
            .arg(&csr)
            .args(["--format", "p7", "--out-cert"])
            .arg(&cert),
        0,
    );
    assert_eq!(reply["status"], "issued");
    assert_eq!(reply["files"]["csr"], csr.to_str().unwrap());
    assert!(reply["files"].get("key").is_none(), "{reply}");
    // A PKCS#7 certs-only bundle (DER) holding the certificate for the request's own key.
    let pem = openssl(&[
        "pkcs7",
        "-inform",
        "DER",
        "-in",
        cert.to_str().unwrap(),
        "-print_certs",
    ]);
    let leaf = dir.path().join("leaf.pem");
    std::fs::write(&leaf, pem).unwrap();
    assert_eq!(crate::util::public_key_of_cert(&leaf), key_of_csr(&csr));
    // No key was written, and the registry says whose key it is.
    assert!(!dir.path().join("phone-7.p7b.key").exists());
    let listed: serde_json::Value = json_of(certenroll_in(&state).args(["list", "--json"]), 0);
    let record = &listed["certificates"][0];
    assert!(record["files"]["key"].is_null(), "{record}");
}

#[test]
fn scep_carries_it_signed_by_an_ra_key_to_the_lab_and_to_micromdm() {
    let dir = tempfile::tempdir().unwrap();
    let ra = ra_key(dir.path());
    // The lab, with the request's own challenge; an EC request, which an RSA RA carries.
    let lab = Lab::start(&["--challenge", "from-the-phone"]);
    let csr = openssl_csr(dir.path(), "phone-8", "ec", Some("from-the-phone"));
    let cert = dir.path().join("phone-8.pem");
    ra_enroll(&dir.path().join("state"), &lab.url, &ra, &csr, &cert)
        .assert()
        .success();
    assert_eq!(crate::util::public_key_of_cert(&cert), key_of_csr(&csr));
    // micromdm's scepserver (which signs with the request's signature algorithm, so an RSA
    // request for its RSA CA), the certificate as DER.
    let server = ScepServer::start();
    let csr = openssl_csr(dir.path(), "phone-9", "rsa:2048", Some(CHALLENGE));
    let cert = dir.path().join("phone-9.der");
    ra_enroll(&dir.path().join("state"), &server.url(), &ra, &csr, &cert)
        .args(["--format", "der"])
        .assert()
        .success();
    let pem = openssl(&["x509", "-inform", "DER", "-in", cert.to_str().unwrap()]);
    let leaf = dir.path().join("phone-9.pem");
    std::fs::write(&leaf, pem).unwrap();
    assert_eq!(crate::util::public_key_of_cert(&leaf), key_of_csr(&csr));
    crate::util::verifies(&leaf, &server.ca_pem());
}

#[test]
fn a_pending_request_made_elsewhere_is_polled_with_the_ra_key() {
    let dir = tempfile::tempdir().unwrap();
    let ra = ra_key(dir.path());
    let lab = Lab::start(&["--pending", "1"]);
    let csr = openssl_csr(dir.path(), "phone-10", "rsa:2048", None);
    let cert = dir.path().join("phone-10.pem");
    let state = dir.path().join("state");
    ra_enroll(&state, &lab.url, &ra, &csr, &cert)
        .arg("--no-wait")
        .assert()
        .code(3);
    certenroll_in(&state)
        .args(["poll", "-q"])
        .assert()
        .success();
    assert_eq!(crate::util::public_key_of_cert(&cert), key_of_csr(&csr));
}

#[test]
fn a_request_that_does_not_verify_or_cannot_go_is_refused_before_sending() {
    let dir = tempfile::tempdir().unwrap();
    let lab = Lab::start(&[]);
    let ra = ra_key(dir.path());
    let csr = openssl_csr(dir.path(), "phone-11", "rsa:2048", None);
    // One bit of the signature flipped.
    let der = openssl(&["req", "-in", csr.to_str().unwrap(), "-outform", "PEM"]);
    let body: String = der.lines().filter(|l| !l.starts_with("-----")).collect();
    use base64::Engine;
    let mut bytes = base64::engine::general_purpose::STANDARD
        .decode(body)
        .unwrap();
    let last = bytes.len() - 3;
    bytes[last] ^= 1;
    let bad = dir.path().join("bad.der");
    std::fs::write(&bad, bytes).unwrap();
    let cert = dir.path().join("cert.pem");
    let enroll = |csr: &Path, extra: &[&str]| {
        let mut cmd = certenroll_in(&dir.path().join("state"));
        cmd.args(["enroll", "--url", &lab.url, "--csr"])
            .arg(csr)
            .args(extra)
            .arg("--out-cert")
            .arg(&cert);
        cmd
    };
    enroll(&bad, &["--key", ra.to_str().unwrap()])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "the CSR's signature does not verify with the key it carries",
        ));
    enroll(&csr, &[])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "over SCEP, --csr needs --key too",
        ));
    enroll(&csr, &["--key", ra.to_str().unwrap(), "--cn", "other"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("cannot be used with"));
    enroll(
        &csr,
        &[
            "--key",
            ra.to_str().unwrap(),
            "--out-p12",
            "x.p12",
            "--p12-passphrase-env",
            "P",
        ],
    )
    .env("P", "x")
    .assert()
    .code(2)
    .stderr(predicates::str::contains(
        "a request made elsewhere (--csr) brings none",
    ));
    assert!(!cert.exists());
    // Not even the CA's certificates were asked for.
    let log = lab.log();
    assert!(
        !log.contains("GetCACaps") && !log.contains("certificate request"),
        "something was sent: {log}"
    );
}
