//! Real servers' quirks, reproduced by `lab serve --quirk NAME`: certenroll handles each one
//! by default (issue: "Real servers: the quirks of NDES, EJBCA, OpenXPKI, Dogtag, libest...").

use crate::util::{Lab, certenroll_in, key_matches_cert, serial_of};

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
