//! The lab responder against the SCEP and EST clients people point at it: micromdm's
//! `scepclient` (Debian `scep`) and strongSwan's `pki` (Debian `strongswan-pki` with the curl
//! fetcher of `libstrongswan-extra-plugins`), each on 127.0.0.1.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::util::{Lab, certenroll, issued_by};

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
    let output = Command::new("pki")
        .args(["--gen", "--type", kind, "--size", size, "--outform", "pem"])
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    std::fs::write(path, output.stdout).unwrap();
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
fn strongswan_pki_fetches_the_ca_and_enrolls_and_renews_over_scep() {
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
    // --scep: enrollment with the challenge, AES (it needs SHA-384 in the capabilities).
    let enroll = |key: &Path, out: &Path, renew: Option<(&Path, &Path)>| {
        let mut pki = Command::new("pki");
        pki.args(["--scep", "--url", &lab.url, "--dn", "CN=strongswan"])
            .args(["--password", "lab-secret", "--outform", "pem"])
            .arg("--in")
            .arg(key)
            .arg("--cacert-enc")
            .arg(&ca)
            .arg("--cacert-sig")
            .arg(&ca);
        if let Some((cert, old_key)) = renew {
            pki.arg("--cert").arg(cert).arg("--key").arg(old_key);
        }
        let output = pki.output().unwrap();
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        std::fs::write(out, output.stdout).unwrap();
    };
    enroll(&key, &path("sw.pem"), None);
    issued_by(&path("sw.pem"), &key, &ca);
    // Renewal: a new key, the request signed with the current pair.
    let new_key = path("sw-new.key");
    pki_key(&new_key, "rsa", "2048");
    enroll(&new_key, &path("sw-new.pem"), Some((&path("sw.pem"), &key)));
    issued_by(&path("sw-new.pem"), &new_key, &ca);
    assert!(
        lab.log().contains("message_type=RenewalReq"),
        "{}",
        lab.log()
    );
}

#[test]
fn strongswan_pki_fetches_the_ca_and_enrolls_over_est() {
    // strongSwan 5.9.8 reads one-line base64 only (lab serve --est-encoding oneline).
    let dir = tempfile::tempdir().unwrap();
    let ca = dir.path().join("lab-ca.pem");
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
    let key = dir.path().join("sw.key");
    pki_key(&key, "ecdsa", "256");
    let request = dir.path().join("sw.req");
    let output = Command::new("pki")
        .args(["--req", "--dn", "CN=strongswan-est", "--outform", "pem"])
        .arg("--in")
        .arg(&key)
        .output()
        .unwrap();
    std::fs::write(&request, output.stdout).unwrap();
    let output = Command::new("pki")
        .args([
            "--est",
            "--url",
            &url,
            "--userpass",
            "dev:est-secret",
            "--outform",
            "pem",
        ])
        .arg("--cacert")
        .arg(&ca)
        .arg("--in")
        .arg(&request)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let cert = dir.path().join("sw.pem");
    std::fs::write(&cert, output.stdout).unwrap();
    issued_by(&cert, &key, &ca);
}
