//! PKCS#12 output: `--out-p12` on enroll (in one run, and after PENDING from `poll`) and on
//! renew, and `certenroll pkcs12` for an existing pair; every bundle is opened by OpenSSL.

use std::path::Path;

use predicates::prelude::*;

use crate::util::{Lab, ScepServer, certenroll_in, json_of, listing, mode, openssl};

use crate::util::public_key_of_key;

/// Open a bundle with OpenSSL: (the public key of its key, the subjects of its certificates).
fn open_bundle(p12: &Path, passphrase_file: &Path) -> (String, Vec<String>) {
    let pass = format!("file:{}", passphrase_file.display());
    let p12 = p12.display().to_string();
    let key = openssl(&[
        "pkcs12", "-in", &p12, "-passin", &pass, "-nocerts", "-noenc",
    ]);
    let dir = tempfile::tempdir().unwrap();
    let key_file = dir.path().join("key.pem");
    std::fs::write(&key_file, key).unwrap();
    let certs = openssl(&["pkcs12", "-in", &p12, "-passin", &pass, "-nokeys"]);
    let subjects = certs
        .lines()
        .filter_map(|l| l.strip_prefix("subject="))
        .map(|s| s.trim().to_string())
        .collect();
    (public_key_of_key(&key_file), subjects)
}

fn passphrase_file(dir: &Path) -> std::path::PathBuf {
    let path = dir.join("p12.pass");
    std::fs::write(&path, "correct horse\n").unwrap();
    path
}

#[test]
fn enroll_writes_a_bundle_openssl_opens_with_the_passphrase_only() {
    let server = ScepServer::start();
    let state = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let pass = passphrase_file(dir.path());
    let p12 = dir.path().join("device.p12");
    let reply: serde_json::Value = json_of(
        certenroll_in(state.path())
            .args([
                "enroll",
                "--json",
                "--url",
                &server.url(),
                "--cn",
                "bundled",
            ])
            .args(["--challenge", crate::util::CHALLENGE])
            .arg("--out-key")
            .arg(dir.path().join("key.pem"))
            .arg("--out-cert")
            .arg(dir.path().join("cert.pem"))
            .arg("--out-chain")
            .arg(dir.path().join("chain.pem"))
            .arg("--out-p12")
            .arg(&p12)
            .arg("--p12-passphrase-file")
            .arg(&pass),
        0,
    );
    assert_eq!(reply["files"]["p12"], p12.display().to_string());
    assert_eq!(mode(&p12), 0o600);
    let (public_key, subjects) = open_bundle(&p12, &pass);
    assert_eq!(public_key, public_key_of_key(&dir.path().join("key.pem")));
    assert_eq!(subjects.len(), 2, "{subjects:?}");
    assert!(subjects[0].contains("bundled"), "{subjects:?}");
    // The MAC is checked: a wrong passphrase is refused.
    std::process::Command::new("openssl")
        .args(["pkcs12", "-in"])
        .arg(&p12)
        .args(["-passin", "pass:wrong", "-noout"])
        .output()
        .map(|out| assert!(!out.status.success(), "a wrong passphrase opened it"))
        .unwrap();
}

#[test]
fn a_pending_request_writes_its_bundle_when_poll_installs_it() {
    let lab = Lab::start(&["--pending", "1"]);
    let state = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let p12 = dir.path().join("device.p12");
    certenroll_in(state.path())
        .env("DEVICE_P12_PASS", "from the environment")
        .args(["enroll", "--no-wait", "--no-challenge", "--url", &lab.url])
        .args(["--cn", "later", "--p12-passphrase-env", "DEVICE_P12_PASS"])
        .arg("--out-key")
        .arg(dir.path().join("key.pem"))
        .arg("--out-cert")
        .arg(dir.path().join("cert.pem"))
        .arg("--out-p12")
        .arg(&p12)
        .assert()
        .code(3);
    assert_eq!(listing(dir.path()), ["key.pem"]);
    // The saved request names the variable, never the passphrase.
    let saved = std::fs::read_dir(state.path().join("pending"))
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .collect::<String>();
    assert!(saved.contains("DEVICE_P12_PASS"), "{saved}");
    assert!(!saved.contains("from the environment"), "{saved}");

    // Without the variable, poll says what is missing and sends nothing.
    certenroll_in(state.path())
        .env_remove("DEVICE_P12_PASS")
        .arg("poll")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("DEVICE_P12_PASS"));
    assert_eq!(listing(dir.path()), ["key.pem"]);

    certenroll_in(state.path())
        .env("DEVICE_P12_PASS", "from the environment")
        .arg("poll")
        .assert()
        .code(0);
    assert_eq!(listing(dir.path()), ["cert.pem", "device.p12", "key.pem"]);
    let pass = dir.path().join("pass");
    std::fs::write(&pass, "from the environment\n").unwrap();
    let (public_key, subjects) = open_bundle(&p12, &pass);
    assert_eq!(public_key, public_key_of_key(&dir.path().join("key.pem")));
    assert!(subjects[0].contains("later"), "{subjects:?}");
}

#[test]
fn renew_replaces_the_bundle_and_keeps_the_old_one() {
    let lab = Lab::start(&[]);
    let state = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let pass = passphrase_file(dir.path());
    let (key, cert, p12) = (
        dir.path().join("key.pem"),
        dir.path().join("cert.pem"),
        dir.path().join("device.p12"),
    );
    certenroll_in(state.path())
        .args([
            "enroll",
            "--no-challenge",
            "--url",
            &lab.url,
            "--cn",
            "renewed",
        ])
        .arg("--out-key")
        .arg(&key)
        .arg("--out-cert")
        .arg(&cert)
        .arg("--out-p12")
        .arg(&p12)
        .arg("--p12-passphrase-file")
        .arg(&pass)
        .assert()
        .code(0);
    let first = std::fs::read(&p12).unwrap();
    certenroll_in(state.path())
        .args(["renew", "--force", "--no-challenge", "--url", &lab.url])
        .arg("--key")
        .arg(&key)
        .arg("--cert")
        .arg(&cert)
        .arg("--out-p12")
        .arg(&p12)
        .arg("--p12-passphrase-file")
        .arg(&pass)
        .assert()
        .code(0);
    assert_eq!(
        std::fs::read(dir.path().join("device.p12.prev")).unwrap(),
        first
    );
    assert_eq!(mode(&dir.path().join("device.p12.prev")), 0o600);
    let (public_key, _) = open_bundle(&p12, &pass);
    assert_eq!(public_key, public_key_of_key(&key));
    let (old_key, _) = open_bundle(&dir.path().join("device.p12.prev"), &pass);
    assert_eq!(old_key, public_key_of_key(&dir.path().join("key.pem.prev")));
}

#[test]
fn the_pkcs12_command_bundles_an_existing_pair_and_refuses_a_mismatch() {
    let lab = Lab::start(&[]);
    let state = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let pass = passphrase_file(dir.path());
    for name in ["a", "b"] {
        certenroll_in(state.path())
            .args(["enroll", "--no-challenge", "--url", &lab.url, "--cn", name])
            .arg("--out-key")
            .arg(dir.path().join(format!("{name}.key")))
            .arg("--out-cert")
            .arg(dir.path().join(format!("{name}.pem")))
            .arg("--out-chain")
            .arg(dir.path().join("chain.pem"))
            .assert()
            .code(0);
    }
    let p12 = dir.path().join("a.p12");
    let bundle = |key: &str, cert: &str| {
        let mut cmd = certenroll_in(state.path());
        cmd.arg("pkcs12")
            .arg("--key")
            .arg(dir.path().join(key))
            .arg("--cert")
            .arg(dir.path().join(cert))
            .arg("--chain")
            .arg(dir.path().join("chain.pem"))
            .arg("--out-p12")
            .arg(&p12);
        cmd
    };
    // A certificate of another key: refused, nothing written.
    bundle("a.key", "b.pem")
        .arg("--p12-passphrase-file")
        .arg(&pass)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "is not the certificate of the key",
        ));
    assert!(!p12.exists());
    // A passphrase file that is not there: a local error (6) that names it, said once.
    let missing = bundle("a.key", "a.pem")
        .arg("--p12-passphrase-file")
        .arg(dir.path().join("nope"))
        .assert()
        .code(6)
        .get_output()
        .stderr
        .clone();
    let missing = String::from_utf8(missing).unwrap();
    assert!(missing.contains("nope"), "{missing}");
    assert_eq!(missing.matches("No such file").count(), 1, "{missing}");
    // No passphrase source and no terminal: says how to give one.
    bundle("a.key", "a.pem")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--p12-passphrase-file"));
    assert!(!p12.exists());

    let written: serde_json::Value = json_of(
        bundle("a.key", "a.pem")
            .arg("--json")
            .arg("--p12-passphrase-file")
            .arg(&pass),
        0,
    );
    assert_eq!(written["certificates"], 2);
    let (public_key, subjects) = open_bundle(&p12, &pass);
    assert_eq!(public_key, public_key_of_key(&dir.path().join("a.key")));
    assert_eq!(subjects.len(), 2);
    // An existing bundle is replaced only with --force.
    bundle("a.key", "a.pem")
        .arg("--p12-passphrase-file")
        .arg(&pass)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--force"));
}
