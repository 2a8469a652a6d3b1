//! `certenroll ocsp`: against the lab's OCSP responder and CRL (good, revoked, every fault
//! refused with exit 7 and the staple file untouched, the CRL when the responder is down)
//! and against OpenSSL's own responder (`openssl ocsp -index`), with the staple file read
//! back by `openssl ocsp -respin`.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use crate::util::{Lab, certenroll_in, challenge_file, free_port, history, json_of, mode, openssl};

/// A certificate enrolled from `lab`, with its chain, in `dir`.
fn enrolled(lab: &Lab, dir: &Path) -> (PathBuf, PathBuf) {
    let (cert, chain) = (dir.join("cert.pem"), dir.join("chain.pem"));
    certenroll_in(&dir.join("state"))
        .args(["enroll", "-q", "--url", &lab.url, "--cn", "web.example"])
        .arg("--challenge-file")
        .arg(challenge_file(dir, "s"))
        .arg("--out-key")
        .arg(dir.join("key.pem"))
        .arg("--out-cert")
        .arg(&cert)
        .arg("--out-chain")
        .arg(&chain)
        .assert()
        .success();
    (cert, chain)
}

fn ocsp(dir: &Path, cert: &Path, chain: &Path) -> assert_cmd::Command {
    let mut cmd = certenroll_in(&dir.join("state"));
    cmd.args(["ocsp", "--json", "--cert"])
        .arg(cert)
        .arg("--chain")
        .arg(chain);
    cmd
}

/// Revoke `serial` at the lab, as a test or an operator would (POST /lab/revoke).
fn revoke(lab: &Lab, serial: &str, reason: &str) {
    use std::io::{Read, Write};
    let address = lab
        .url
        .trim_start_matches("http://")
        .trim_end_matches("/scep");
    let mut stream = std::net::TcpStream::connect(address).unwrap();
    write!(
        stream,
        "POST /lab/revoke?serial={serial}&reason={reason} HTTP/1.1\r\nHost: {address}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
}

/// `openssl ocsp -respin` verifies the staple (the CA trusted) and reads "good" from it.
fn assert_openssl_reads_good(staple: &Path, ca: &Path, cert: &Path) {
    let read_back = Command::new("openssl")
        .args(["ocsp", "-respin"])
        .arg(staple)
        .arg("-issuer")
        .arg(ca)
        .arg("-cert")
        .arg(cert)
        .arg("-CAfile")
        .arg(ca)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&read_back.stdout).to_string()
        + &String::from_utf8_lossy(&read_back.stderr);
    assert!(read_back.status.success(), "{text}");
    assert!(
        text.contains("Response verify OK") && text.contains(": good"),
        "{text}"
    );
}

fn serial_of(cert: &Path) -> String {
    crate::util::serial_of(cert)
}

#[test]
fn good_then_revoked_with_a_staple_only_while_good() {
    let lab = Lab::start(&["--challenge", "s"]);
    let dir = tempfile::tempdir().unwrap();
    let (cert, chain) = enrolled(&lab, dir.path());
    let staple = dir.path().join("web.ocsp");

    let good: serde_json::Value =
        json_of(ocsp(dir.path(), &cert, &chain).arg("--out").arg(&staple), 0);
    assert_eq!(good["status"], "good", "{good}");
    assert_eq!(good["source"], "ocsp");
    assert!(
        good["url"].as_str().unwrap().ends_with("/ocsp"),
        "AIA names the lab"
    );
    assert_eq!(mode(&staple), 0o644);
    // OpenSSL reads the staple as a good, verified response for this certificate.
    assert_openssl_reads_good(&staple, &chain, &cert);

    // Without --out a nonce is sent, and the lab echoes it.
    let checked: serde_json::Value = json_of(&mut ocsp(dir.path(), &cert, &chain), 0);
    assert_eq!(checked["nonce_echoed"], true);

    let before = std::fs::read(&staple).unwrap();
    revoke(&lab, &serial_of(&cert), "keyCompromise");
    let revoked: serde_json::Value =
        json_of(ocsp(dir.path(), &cert, &chain).arg("--out").arg(&staple), 4);
    assert_eq!(revoked["status"], "revoked", "{revoked}");
    assert_eq!(revoked["reason"], "keyCompromise");
    assert!(revoked["time"].as_u64().unwrap() > 0);
    assert_eq!(
        std::fs::read(&staple).unwrap(),
        before,
        "a revoked status is not stapled"
    );

    // list says what to do about it.
    let listed = certenroll_in(&dir.path().join("state"))
        .arg("list")
        .output()
        .unwrap();
    assert!(
        String::from_utf8_lossy(&listed.stdout)
            .contains("next: certenroll renew now: it was revoked"),
        "{listed:?}"
    );
    // Each check is in the history, with its outcome.
    let entries = history(&dir.path().join("state"));
    let ocsp_entries: Vec<_> = entries
        .iter()
        .filter(|e| e["operation"] == "ocsp")
        .collect();
    assert_eq!(ocsp_entries.len(), 3, "{entries:?}");
    assert!(
        ocsp_entries[2]["detail"]
            .as_str()
            .unwrap()
            .contains("revoked (keyCompromise)"),
        "{:?}",
        ocsp_entries[2]
    );
    assert_eq!(ocsp_entries[2]["exit_code"], 4);

    // The human form says it in one line first.
    certenroll_in(&dir.path().join("state"))
        .args(["ocsp", "--cert"])
        .arg(&cert)
        .arg("--chain")
        .arg(&chain)
        .assert()
        .code(4)
        .stdout(predicates::str::contains(
            "CN=web.example: revoked (keyCompromise) at",
        ));
}

#[test]
fn every_hostile_or_unhelpful_answer_is_refused_and_the_staple_left_alone() {
    for (fault, says) in [
        ("wrong-key", "signature is not"),
        ("stale", "stale"),
        ("future", "ahead of this machine's clock"),
        ("wrong-cert-id", "CertID does not match"),
        ("wrong-nonce", "nonce is not the one sent"),
        ("try-later", "tryLater"),
        ("unauthorized", "unauthorized"),
        ("no-ocsp-signing", "not for OCSP signing"),
    ] {
        let lab = Lab::start(&["--challenge", "s", "--ocsp-fault", fault]);
        let dir = tempfile::tempdir().unwrap();
        let (cert, chain) = enrolled(&lab, dir.path());
        let staple = dir.path().join("web.ocsp");
        std::fs::write(&staple, b"the previous staple").unwrap();
        // A nonce is only checked when one is sent: the wrong-nonce case runs without --out.
        let mut cmd = ocsp(dir.path(), &cert, &chain);
        if fault != "wrong-nonce" {
            cmd.arg("--out").arg(&staple);
        }
        let out = cmd.output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert_eq!(out.status.code(), Some(7), "{fault}: {stderr}{stdout}");
        assert!(stdout.contains(says), "{fault}: {stdout}");
        assert!(stdout.contains("\"status\":\"error\""), "{fault}: {stdout}");
        assert_eq!(
            std::fs::read(&staple).unwrap(),
            b"the previous staple",
            "{fault}"
        );
    }
}

#[test]
fn a_delegated_responder_is_accepted() {
    let lab = Lab::start(&["--challenge", "s", "--ocsp-delegated"]);
    let dir = tempfile::tempdir().unwrap();
    let (cert, chain) = enrolled(&lab, dir.path());
    let good: serde_json::Value = json_of(&mut ocsp(dir.path(), &cert, &chain), 0);
    assert!(
        good["signer"]
            .as_str()
            .unwrap()
            .contains("responder 'CN=certenroll lab OCSP responder"),
        "{good}"
    );
}

#[test]
fn the_crl_answers_when_the_responder_is_down_or_asked_for() {
    let lab = Lab::start(&["--challenge", "s"]);
    let dir = tempfile::tempdir().unwrap();
    let (cert, chain) = enrolled(&lab, dir.path());
    let dead = format!("http://127.0.0.1:{}/ocsp", free_port());
    let good: serde_json::Value = json_of(
        ocsp(dir.path(), &cert, &chain).args(["--responder", &dead]),
        0,
    );
    assert_eq!(good["source"], "crl", "{good}");
    assert!(good["url"].as_str().unwrap().ends_with("/crl"));
    assert!(
        good["fallback"]
            .as_str()
            .unwrap()
            .contains("the OCSP responder failed"),
        "{good}"
    );
    // A staple needs an OCSP response: with the responder down, none is written.
    let staple = dir.path().join("web.ocsp");
    let unstapled = ocsp(dir.path(), &cert, &chain)
        .args(["--responder", &dead, "--out"])
        .arg(&staple)
        .output()
        .unwrap();
    assert_eq!(unstapled.status.code(), Some(5));
    assert!(
        String::from_utf8_lossy(&unstapled.stdout).contains("only an OCSP response can be stapled"),
        "{unstapled:?}"
    );
    assert!(!staple.exists());
    revoke(&lab, &serial_of(&cert), "superseded");
    let revoked: serde_json::Value = json_of(ocsp(dir.path(), &cert, &chain).arg("--crl"), 4);
    assert_eq!(revoked["source"], "crl");
    assert_eq!(revoked["status"], "revoked");
    assert_eq!(revoked["reason"], "superseded");
    // --crl and --out do not go together: a CRL is no staple.
    ocsp(dir.path(), &cert, &chain)
        .args(["--crl", "--out", "x.ocsp"])
        .assert()
        .code(2);
}

/// A CA made with `openssl req`/`x509`, a delegated responder certificate, three leaves
/// (good, revoked, not in the index) and `openssl ocsp` serving the index on a free port.
struct OpensslResponder {
    child: Child,
    dir: tempfile::TempDir,
}

impl OpensslResponder {
    fn start() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        let port = free_port();
        let p = |name: &str| d.join(name).display().to_string();
        openssl(&[
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-keyout",
            &p("ca.key"),
            "-out",
            &p("ca.pem"),
            "-subj",
            "/CN=openssl test CA",
            "-days",
            "30",
            "-addext",
            "basicConstraints=critical,CA:TRUE",
            "-addext",
            "keyUsage=critical,keyCertSign,cRLSign",
        ]);
        std::fs::write(
            d.join("r.ext"),
            "extendedKeyUsage=OCSPSigning\nkeyUsage=digitalSignature\n",
        )
        .unwrap();
        std::fs::write(
            d.join("leaf.ext"),
            format!("authorityInfoAccess=OCSP;URI:http://127.0.0.1:{port}\n"),
        )
        .unwrap();
        for (name, serial, ext) in [
            ("r", "100", "r.ext"),
            ("l1", "11", "leaf.ext"),
            ("l2", "12", "leaf.ext"),
            ("l3", "13", "leaf.ext"),
        ] {
            openssl(&[
                "req",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-keyout",
                &p(&format!("{name}.key")),
                "-subj",
                &format!("/CN={name}"),
                "-out",
                &p(&format!("{name}.csr")),
            ]);
            openssl(&[
                "x509",
                "-req",
                "-in",
                &p(&format!("{name}.csr")),
                "-CA",
                &p("ca.pem"),
                "-CAkey",
                &p("ca.key"),
                "-out",
                &p(&format!("{name}.pem")),
                "-extfile",
                &p(ext),
                "-days",
                "30",
                "-set_serial",
                serial,
            ]);
        }
        let until = "491231000000Z";
        let revoked = "250101000000Z,keyCompromise";
        std::fs::write(
            d.join("index.txt"),
            format!(
                "V\t{until}\t\t0B\tunknown\t/CN=l1\nR\t{until}\t{revoked}\t0C\tunknown\t/CN=l2\n"
            ),
        )
        .unwrap();
        let log = d.join("ocsp.log");
        let child = Command::new("openssl")
            .args([
                "ocsp",
                "-index",
                &p("index.txt"),
                "-port",
                &port.to_string(),
            ])
            .args([
                "-rsigner",
                &p("r.pem"),
                "-rkey",
                &p("r.key"),
                "-CA",
                &p("ca.pem"),
            ])
            .args(["-nmin", "60"])
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(&log).unwrap())
            .spawn()
            .unwrap();
        // Ready when it says so: a connection to see whether it listens would hold up this
        // one-connection-at-a-time server for good.
        for _ in 0..200 {
            let said = std::fs::read_to_string(&log).unwrap_or_default();
            if said.contains("waiting for OCSP client connections") {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(25));
        }
        OpensslResponder { child, dir }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }
}

impl Drop for OpensslResponder {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn openssl_s_responder_good_revoked_unknown_and_its_staple() {
    let responder = OpensslResponder::start();
    let state = tempfile::tempdir().unwrap();
    let ca = responder.path("ca.pem");
    let ask = |leaf: &str, code: i32| -> serde_json::Value {
        json_of(&mut ocsp(state.path(), &responder.path(leaf), &ca), code)
    };
    let good = ask("l1.pem", 0);
    assert_eq!(good["status"], "good", "{good}");
    assert_eq!(good["nonce_echoed"], true, "openssl echoes the nonce");
    assert!(
        good["signer"].as_str().unwrap().contains("'CN=r'"),
        "{good}"
    );
    let revoked = ask("l2.pem", 4);
    assert_eq!(revoked["status"], "revoked");
    assert_eq!(revoked["reason"], "keyCompromise");
    assert_eq!(revoked["revocation_time_rfc3339"], "2025-01-01T00:00:00Z");
    let unknown = ask("l3.pem", 4);
    assert_eq!(unknown["status"], "unknown");

    let staple = state.path().join("l1.ocsp");
    json_of::<serde_json::Value>(
        ocsp(state.path(), &responder.path("l1.pem"), &ca)
            .arg("--out")
            .arg(&staple),
        0,
    );
    assert_openssl_reads_good(&staple, &ca, &responder.path("l1.pem"));
}

/// A profile whose certificate the lab issues, with a staple file and a deploy hook that
/// logs what it was given.
fn profile(lab: &Lab, dir: &Path) -> PathBuf {
    let p = |name: &str| dir.join(name).display().to_string();
    std::fs::write(dir.join("challenge"), "s").unwrap();
    let config = dir.join("config.toml");
    std::fs::write(
        &config,
        format!(
            "[profile.web]\nurl = \"{}\"\ncn = \"web.example\"\nkey = \"{}\"\ncert = \"{}\"\nchain = \"{}\"\nchallenge_file = \"{}\"\nocsp_file = \"{}\"\ndeploy_hook = 'echo \"deploy $CERTENROLL_OCSP_FILE\" >> {}'\n",
            lab.url,
            p("key.pem"),
            p("cert.pem"),
            p("chain.pem"),
            p("challenge"),
            p("web.ocsp"),
            p("hook.log"),
        ),
    )
    .unwrap();
    config
}

fn renew(dir: &Path, config: &Path, extra: &[&str]) -> std::process::Output {
    certenroll_in(&dir.join("state"))
        .env("CERTENROLL_CONFIG", config)
        .args(["--profile", "web", "renew"])
        .args(extra)
        .output()
        .unwrap()
}

#[test]
fn renew_keeps_the_staple_fresh_and_replaces_a_revoked_certificate_with_a_new_key() {
    let lab = Lab::start(&["--challenge", "s"]);
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let config = profile(&lab, d);
    let hook_log = || std::fs::read_to_string(d.join("hook.log")).unwrap_or_default();

    // The first run enrolls, then staples the new certificate and tells the server.
    let first = renew(d, &config, &[]);
    assert!(first.status.success(), "{first:?}");
    assert_openssl_reads_good(
        &d.join("web.ocsp"),
        &d.join("chain.pem"),
        &d.join("cert.pem"),
    );
    assert!(
        hook_log().contains(&format!("deploy {}", d.join("web.ocsp").display())),
        "{}",
        hook_log()
    );

    // Not due, staple still fresh: nothing written, no hook.
    let staple = std::fs::read(d.join("web.ocsp")).unwrap();
    let hooks = hook_log();
    let quiet = renew(d, &config, &[]);
    assert!(quiet.status.success(), "{quiet:?}");
    assert!(String::from_utf8_lossy(&quiet.stdout).contains("Not due"));
    assert_eq!(std::fs::read(d.join("web.ocsp")).unwrap(), staple);
    assert_eq!(hook_log(), hooks);

    // list shows what the last run found.
    let listed = certenroll_in(&d.join("state"))
        .args(["list"])
        .output()
        .unwrap();
    let listed = String::from_utf8_lossy(&listed.stdout);
    assert!(
        listed.contains("    revocation: good (OCSP http://"),
        "{listed}"
    );
    // doctor says the same: good, and the staple fresh.
    let doctor = |code: i32| -> crate::util::Doctor {
        json_of(
            certenroll_in(&d.join("state"))
                .env("CERTENROLL_CONFIG", &config)
                .args(["--profile", "web", "doctor", "--json"]),
            code,
        )
    };
    let step = |doctor: &crate::util::Doctor, name: &str| {
        let s = doctor.steps.iter().find(|s| s.name == name).unwrap();
        (s.status.clone(), s.detail.clone())
    };
    let healthy = doctor(0);
    assert_eq!(step(&healthy, "revocation").0, "ok", "{healthy:?}");
    assert!(
        step(&healthy, "revocation")
            .1
            .starts_with("good (OCSP http://")
    );
    assert_eq!(step(&healthy, "staple").0, "ok");

    // Revoked: with the check off nothing happens; with it, a new key and certificate.
    let old_key = std::fs::read(d.join("key.pem")).unwrap();
    let old_serial = serial_of(&d.join("cert.pem"));
    revoke(&lab, &old_serial, "keyCompromise");
    let sick = doctor(4);
    assert_eq!(step(&sick, "revocation").0, "fail");
    assert!(
        step(&sick, "revocation")
            .1
            .starts_with("revoked (keyCompromise) at"),
        "{sick:?}"
    );
    let unchecked = renew(d, &config, &["--no-revocation-check"]);
    assert!(String::from_utf8_lossy(&unchecked.stdout).contains("Not due"));
    assert_eq!(serial_of(&d.join("cert.pem")), old_serial);

    let renewed = renew(d, &config, &[]);
    let stderr = String::from_utf8_lossy(&renewed.stderr);
    assert!(renewed.status.success(), "{stderr}");
    assert!(
        stderr.contains("renewing now: the certificate was revoked (keyCompromise) at"),
        "{stderr}"
    );
    assert_ne!(serial_of(&d.join("cert.pem")), old_serial);
    assert_ne!(
        std::fs::read(d.join("key.pem")).unwrap(),
        old_key,
        "a new key"
    );
    assert_eq!(std::fs::read(d.join("key.pem.prev")).unwrap(), old_key);
    assert!(crate::util::key_matches_cert(
        &d.join("key.pem"),
        &d.join("cert.pem")
    ));
    // The request was a new enrollment: the lab refuses anything signed with a revoked
    // certificate, and saw none.
    assert!(
        !lab.log().contains("signed with a revoked certificate"),
        "{}",
        lab.log()
    );
    // The new certificate has its own staple.
    assert_openssl_reads_good(
        &d.join("web.ocsp"),
        &d.join("chain.pem"),
        &d.join("cert.pem"),
    );
    let entries = history(&d.join("state"));
    let revoked = entries
        .iter()
        .find(|e| e["operation"] == "ocsp")
        .expect("the revocation is in the history");
    assert!(
        revoked["detail"]
            .as_str()
            .unwrap()
            .contains("revoked (keyCompromise) at"),
        "{revoked}"
    );
    assert_eq!(entries.last().unwrap()["operation"], "renew");
    assert_eq!(entries.last().unwrap()["status"], "success");
}

#[test]
fn a_certificate_that_names_nothing_is_checked_with_scep_getcrl() {
    let lab = Lab::start(&["--challenge", "s", "--no-revocation-urls"]);
    let dir = tempfile::tempdir().unwrap();
    let (cert, chain) = enrolled(&lab, dir.path());
    let nowhere = ocsp(dir.path(), &cert, &chain).output().unwrap();
    assert_eq!(nowhere.status.code(), Some(5));
    assert!(String::from_utf8_lossy(&nowhere.stdout).contains("with --url"));
    let good: serde_json::Value =
        json_of(ocsp(dir.path(), &cert, &chain).args(["--url", &lab.url]), 0);
    assert_eq!(
        (good["status"].as_str(), good["source"].as_str()),
        (Some("good"), Some("crl"))
    );
    assert_eq!(good["url"], format!("{} (GetCRL)", lab.url));
    revoke(&lab, &serial_of(&cert), "cessationOfOperation");
    let revoked: serde_json::Value =
        json_of(ocsp(dir.path(), &cert, &chain).args(["--url", &lab.url]), 4);
    assert_eq!(revoked["reason"], "cessationOfOperation", "{revoked}");
}
