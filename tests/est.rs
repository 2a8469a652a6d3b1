//! EST (RFC 7030) against the lab over real TLS on 127.0.0.1: every operation, both ways to
//! authenticate, labels, 202 → poll → 200 across processes, bootstrap of an unknown CA, the
//! encodings servers use, and each failure class with its exit code and nothing changed.

use std::path::{Path, PathBuf};

use predicates::prelude::*;
use serde::Deserialize;

use crate::util::{Lab, certenroll_in, history, json_of, listing, mode, openssl};

/// A lab serving EST over TLS, its CA file, and a directory for the device's files.
struct Est {
    lab: Lab,
    ca: PathBuf,
    dir: tempfile::TempDir,
    state: tempfile::TempDir,
}

impl Est {
    fn start(args: &[&str]) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let ca = dir.path().join("lab-ca.pem");
        let mut all = vec!["--tls", "--ca-out", ca.to_str().unwrap()];
        all.extend_from_slice(args);
        let lab = Lab::start(&all);
        assert!(
            lab.est_url.starts_with("https://127.0.0.1:"),
            "{}",
            lab.est_url
        );
        Est {
            lab,
            ca,
            dir,
            state: tempfile::tempdir().unwrap(),
        }
    }

    /// certenroll trusting the lab CA, with its own state directory.
    fn run(&self) -> assert_cmd::Command {
        let mut cmd = certenroll_in(self.state.path());
        cmd.arg("--ca-file").arg(&self.ca);
        cmd
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// A certificate from the same lab CA over SCEP (NAME.key, NAME.pem), to authenticate
    /// with over EST.
    fn scep_identity(&self, cn: &str) {
        certenroll_in(self.state.path())
            .arg("--ca-file")
            .arg(&self.ca)
            .args([
                "enroll",
                "--no-challenge",
                "--url",
                &self.lab.url,
                "--cn",
                cn,
            ])
            .arg("--out-key")
            .arg(self.path(&format!("{cn}.key")))
            .arg("--out-cert")
            .arg(self.path(&format!("{cn}.pem")))
            .assert()
            .code(0);
    }

    /// A password file for the lab's --basic dev:s3cret.
    fn password(&self) -> PathBuf {
        let path = self.path("password");
        std::fs::write(&path, "s3cret\n").unwrap();
        path
    }

    /// `enroll` of `cn` into NAME.key / NAME.pem.
    fn enroll(&self, cn: &str) -> assert_cmd::Command {
        let mut cmd = self.run();
        cmd.args(["enroll", "--url", &self.lab.est_url, "--cn", cn])
            .arg("--out-key")
            .arg(self.path(&format!("{cn}.key")))
            .arg("--out-cert")
            .arg(self.path(&format!("{cn}.pem")));
        cmd
    }
}

/// Whether the certificate is for the key (OpenSSL's reading).
fn same_key(cert: &Path, key: &Path) -> bool {
    crate::util::key_matches_cert(key, cert)
}

#[test]
fn enroll_with_basic_auth_sends_base64_pkcs10_and_installs_the_certificate() {
    let est = Est::start(&["--basic", "dev:s3cret"]);
    let reply: serde_json::Value = json_of(
        est.enroll("basic-dev")
            .args(["--json", "--username", "dev", "--password-file"])
            .arg(est.password())
            .arg("--out-chain")
            .arg(est.path("chain.pem")),
        0,
    );
    assert_eq!(reply["status"], "issued");
    assert_eq!(reply["protocol"], "est");
    assert!(reply.get("cipher").is_none());
    assert!(same_key(
        &est.path("basic-dev.pem"),
        &est.path("basic-dev.key")
    ));
    assert_eq!(mode(&est.path("basic-dev.key")), 0o600);
    openssl(&[
        "verify",
        "-CAfile",
        est.ca.to_str().unwrap(),
        est.path("basic-dev.pem").to_str().unwrap(),
    ]);
    let log = est.lab.log();
    assert!(
        log.contains("content_type=\"application/pkcs10\" cte=\"base64\""),
        "{log}"
    );
    assert!(log.contains("authorization=\"Basic\""), "{log}");
    let entries = history(est.state.path());
    assert_eq!(entries[0]["protocol"], "est");
    assert_eq!(entries[0]["operation"], "enroll");
}

#[test]
fn a_missing_or_wrong_password_is_401_with_the_realm_and_leaves_nothing() {
    let est = Est::start(&["--basic", "dev:s3cret"]);
    est.enroll("nobody")
        .assert()
        .code(4)
        .stderr(predicate::str::contains(
            "answered HTTP 401: authentication required (Basic, realm \"certenroll lab\"); give --username",
        ));
    let wrong = est.path("wrong");
    std::fs::write(&wrong, "guess\n").unwrap();
    est.enroll("nobody")
        .args(["--username", "dev", "--password-file"])
        .arg(&wrong)
        .assert()
        .code(4)
        .stderr(predicate::str::contains(
            "the Basic login was refused, realm \"certenroll lab\"; check --username and the password: wrong user name or password",
        ));
    // The key made for a refused request is gone: the same command can simply run again.
    assert!(
        !listing(est.dir.path())
            .iter()
            .any(|f| f.starts_with("nobody"))
    );
    let entries = history(est.state.path());
    assert_eq!(entries[1]["http_status"], 401);
    assert_eq!(entries[1]["detail"], "Authentication failed (HTTP 401)");
    // Unattended without a password source: said before anything is sent.
    est.enroll("nobody")
        .args(["--username", "dev"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "--password-file FILE or --password-env VAR",
        ));
}

#[test]
fn client_certificate_auth_and_reenrollment_with_the_current_certificate() {
    let est = Est::start(&["--require-client-cert"]);
    // A first certificate from the same CA over SCEP, to authenticate with.
    est.scep_identity("device-1");
    // Without a client certificate: 401 with no login scheme, said as such.
    est.enroll("device-2")
        .assert()
        .code(4)
        .stderr(predicate::str::contains(
            "the server names no login scheme: it wants a TLS client certificate it trusts",
        ));
    // With it: enrolled.
    est.enroll("device-2")
        .arg("--client-cert")
        .arg(est.path("device-1.pem"))
        .arg("--client-key")
        .arg(est.path("device-1.key"))
        .assert()
        .code(0);
    assert!(same_key(
        &est.path("device-2.pem"),
        &est.path("device-2.key")
    ));
    assert!(est.lab.log().contains("client_cert=CN=device-1"));

    // simplereenroll: the current certificate authenticates; new key, old pair kept.
    let old_cert = std::fs::read(est.path("device-2.pem")).unwrap();
    let old_key = std::fs::read(est.path("device-2.key")).unwrap();
    est.run()
        .args(["renew", "--force", "--url", &est.lab.est_url, "--key"])
        .arg(est.path("device-2.key"))
        .arg("--cert")
        .arg(est.path("device-2.pem"))
        .assert()
        .code(0);
    assert_eq!(
        std::fs::read(est.path("device-2.pem.prev")).unwrap(),
        old_cert
    );
    assert_eq!(
        std::fs::read(est.path("device-2.key.prev")).unwrap(),
        old_key
    );
    assert_ne!(std::fs::read(est.path("device-2.key")).unwrap(), old_key);
    assert!(same_key(
        &est.path("device-2.pem"),
        &est.path("device-2.key")
    ));
    let log = est.lab.log();
    assert!(
        log.contains("operation=\"simplereenroll\" client_cert=CN=device-2"),
        "{log}"
    );
}

#[test]
fn serverkeygen_installs_the_servers_key_in_pkcs8_or_pkcs1() {
    for extra in [&[][..], &["--pkcs1-keys"][..]] {
        let mut args = vec!["--basic", "dev:s3cret"];
        args.extend_from_slice(extra);
        let est = Est::start(&args);
        est.run()
            .args([
                "serverkeygen",
                "--url",
                &est.lab.est_url,
                "--cn",
                "made-there",
            ])
            .args(["--username", "dev", "--password-file"])
            .arg(est.password())
            .arg("--out-key")
            .arg(est.path("made.key"))
            .arg("--out-cert")
            .arg(est.path("made.pem"))
            .assert()
            .code(0)
            .stdout(predicate::str::contains("from the server, mode 0600"));
        assert_eq!(mode(&est.path("made.key")), 0o600);
        assert!(same_key(&est.path("made.pem"), &est.path("made.key")));
        assert_eq!(history(est.state.path())[0]["operation"], "serverkeygen");
    }
    // Over SCEP there is no such operation.
    crate::util::certenroll()
        .args([
            "serverkeygen",
            "--url",
            "http://127.0.0.1:1/scep",
            "--cn",
            "x",
            "--out-key",
            "k",
            "--out-cert",
            "c",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("serverkeygen is an EST operation"));
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CsrAttrs {
    url: String,
    attributes: Vec<String>,
    key: Option<serde_json::Value>,
    digest: Option<String>,
    challenge_password: bool,
    requested_extensions: Vec<String>,
}

#[test]
fn csrattrs_are_shown_and_applied_and_labels_reach_the_server() {
    let est = Est::start(&[]);
    let attrs: CsrAttrs = json_of(
        est.run().args([
            "csrattrs",
            "--json",
            "--url",
            &est.lab.est_url,
            "--label",
            "phones",
        ]),
        0,
    );
    assert_eq!(attrs.url, format!("{}/phones", est.lab.est_url));
    assert_eq!(
        attrs.attributes,
        [
            "sha256WithRSAEncryption (1.2.840.113549.1.1.11)",
            "rsaEncryption (1.2.840.113549.1.1.1): 3072"
        ]
    );
    assert_eq!(attrs.key.unwrap()["bits"], 3072);
    assert_eq!(attrs.digest.as_deref(), Some("sha256"));
    assert!(!attrs.challenge_password && attrs.requested_extensions.is_empty());
    // The server asks for RSA-3072: enroll makes one.
    est.enroll("sized")
        .args(["--label", "phones"])
        .assert()
        .code(0)
        .stderr(predicate::str::contains(
            "ask for an RSA-3072 key: generating one",
        ));
    assert!(
        openssl(&[
            "pkey",
            "-in",
            est.path("sized.key").to_str().unwrap(),
            "-noout",
            "-text"
        ])
        .contains("3072 bit")
    );
    let log = est.lab.log();
    assert!(
        log.contains("label=\"phones\" operation=\"simpleenroll\""),
        "{log}"
    );
    assert!(
        log.contains("label=\"phones\" operation=\"csrattrs\""),
        "{log}"
    );
}

#[test]
fn accepted_202_is_pending_then_polled_to_the_certificate_across_processes() {
    let est = Est::start(&["--pending", "2", "--retry-after", "1"]);
    let pending: serde_json::Value = json_of(est.enroll("later").args(["--json", "--no-wait"]), 3);
    assert_eq!(pending["status"], "pending");
    assert_eq!(pending["protocol"], "est");
    assert_eq!(listing(est.dir.path()), ["lab-ca.pem", "later.key"]);
    let saved = std::fs::read_dir(est.state.path().join("pending"))
        .unwrap()
        .count();
    assert_eq!(saved, 1);
    // The server's Retry-After is kept: poll will not send before it.
    let status: serde_json::Value = json_of(est.run().args(["status", "--json"]), 0);
    assert!(status["pending"][0]["next_attempt"].is_string(), "{status}");
    // The next poll sends the same request again: still 202.
    est.run()
        .args(["poll", "--poll-count", "1", "--poll-interval", "0"])
        .assert()
        .code(3);
    est.run()
        .args(["poll", "--poll-count", "1", "--poll-interval", "0"])
        .assert()
        .code(0);
    assert!(same_key(&est.path("later.pem"), &est.path("later.key")));
    assert!(listing(&est.state.path().join("pending")).is_empty());
    let log = est.lab.log();
    assert_eq!(log.matches("subject=CN=later").count(), 3, "{log}");
    let statuses: Vec<String> = history(est.state.path())
        .iter()
        .map(|e| e["status"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(statuses, ["waiting", "waiting", "success"]);
    assert!(
        history(est.state.path())
            .iter()
            .all(|e| e["protocol"] == "est")
    );
}

#[test]
fn a_202_with_an_http_date_is_waited_out_in_one_run() {
    let est = Est::start(&["--pending", "1", "--retry-after", "date"]);
    est.enroll("waits")
        .args(["--poll-interval", "0"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("Accepted (HTTP 202)"));
    assert!(same_key(&est.path("waits.pem"), &est.path("waits.key")));
}

#[test]
fn every_body_encoding_servers_use_is_accepted() {
    for encoding in ["wrapped", "oneline", "pem", "der"] {
        let est = Est::start(&["--est-encoding", encoding]);
        est.run()
            .args(["getcacert", "--url", &est.lab.est_url, "--out"])
            .arg(est.path("ca.pem"))
            .assert()
            .code(0);
        assert_eq!(
            std::fs::read(est.path("ca.pem")).unwrap(),
            std::fs::read(&est.ca).unwrap(),
            "{encoding}"
        );
        est.enroll("enc").assert().code(0);
    }
}

#[test]
fn an_unknown_ca_is_bootstrapped_only_with_the_right_fingerprint_and_remembered() {
    let est = Est::start(&[]);
    // No trust, no fingerprint, no terminal: says what to do, sends no request.
    certenroll_in(est.state.path())
        .args(["getcacert", "--url", &est.lab.est_url])
        .assert()
        .code(5)
        .stderr(predicate::str::contains(
            "pass it with --ca-file, or give --fingerprint SHA256",
        ));
    // The wrong fingerprint: exit 7, nothing remembered.
    certenroll_in(est.state.path())
        .args([
            "getcacert",
            "--url",
            &est.lab.est_url,
            "--fingerprint",
            &"AB".repeat(32),
        ])
        .assert()
        .code(7);
    assert!(!est.state.path().join("est-trust").exists());
    // The right one: trusted and remembered; the next run needs no flag.
    certenroll_in(est.state.path())
        .args([
            "getcacert",
            "--url",
            &est.lab.est_url,
            "--fingerprint",
            &est.lab.ca_sha256,
        ])
        .assert()
        .code(0)
        .stderr(predicate::str::contains(
            "trusting 'CN=certenroll lab CA,O=certenroll lab'",
        ));
    assert_eq!(listing(&est.state.path().join("est-trust")).len(), 1);
    certenroll_in(est.state.path())
        .args(["enroll", "--url", &est.lab.est_url, "--cn", "remembered"])
        .arg("--out-key")
        .arg(est.path("r.key"))
        .arg("--out-cert")
        .arg(est.path("r.pem"))
        .assert()
        .code(0);
}

/// A man in the middle on first contact answers /cacerts with the genuine CA (the one the
/// user pinned) followed by its own CA, and serves TLS and enrollment with its own. Only the
/// pinned CA may become a trust anchor: the attacker's TLS certificate is then refused, and
/// neither the password nor the request reaches it.
#[test]
fn a_ca_appended_to_cacerts_on_first_contact_is_not_trusted() {
    let genuine = Est::start(&[]);
    let attacker = Est::start(&[
        "--mitm-cacerts",
        genuine.ca.to_str().unwrap(),
        "--basic",
        "dev:pw",
    ]);
    let password = attacker.path("password");
    std::fs::write(&password, "pw\n").unwrap();
    certenroll_in(attacker.state.path())
        .args(["enroll", "--url", &attacker.lab.est_url, "--cn", "victim"])
        .args(["--fingerprint", &genuine.lab.ca_sha256])
        .args(["--username", "dev", "--password-file"])
        .arg(&password)
        .arg("--out-key")
        .arg(attacker.path("v.key"))
        .arg("--out-cert")
        .arg(attacker.path("v.pem"))
        .assert()
        .code(5)
        .stderr(predicate::str::contains("not trusted"));
    assert!(!attacker.path("v.pem").exists());
    // What was remembered is the pinned CA alone.
    let remembered = attacker.state.path().join("est-trust");
    let files = listing(&remembered);
    assert_eq!(files.len(), 1);
    assert_eq!(
        std::fs::read_to_string(remembered.join(&files[0])).unwrap(),
        std::fs::read_to_string(&genuine.ca).unwrap()
    );
    // The attacker saw /cacerts only: no enrollment, no credentials.
    let log = attacker.lab.log();
    assert!(!log.contains("simpleenroll"), "{log}");
    assert!(!log.contains("authorization=\"Basic\""), "{log}");
}

#[test]
fn failures_say_what_is_wrong_in_one_line_with_their_exit_codes() {
    let est = Est::start(&["--http-status", "500", "--fault-limit", "1"]);
    // HTTP 500 with the server's text escaped; nothing written but the key (kept for a retry).
    est.enroll("five")
        .assert()
        .code(5)
        .stderr(predicate::str::contains(
            "answered HTTP 500: lab: injected HTTP 500\\u{1b}[2J",
        ));
    assert!(!est.path("five.pem").exists());
    // SCEP-only operations say so instead of a 404.
    for verb in [
        &["getcacaps"][..],
        &["getcert", "--serial", "03"][..],
        &["getcrl"][..],
    ] {
        est.run()
            .args(verb)
            .args(["--url", &est.lab.est_url])
            .assert()
            .code(2)
            .stderr(predicate::str::contains("this is a SCEP operation"));
    }
    // Plain HTTP is refused before anything is sent.
    crate::util::certenroll()
        .args(["getcacert", "--url", "http://127.0.0.1:1/.well-known/est"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("EST runs over HTTPS only"));
    // DNS, refused, timeout.
    crate::util::certenroll()
        .args([
            "getcacert",
            "--url",
            "https://no-such-host.invalid/.well-known/est",
        ])
        .assert()
        .code(5)
        .stderr(predicate::str::contains("host name did not resolve"));
    crate::util::certenroll()
        .args(["getcacert", "--url", "https://127.0.0.1:1/.well-known/est"])
        .assert()
        .code(5)
        .stderr(predicate::str::contains("connection refused"));
    let slow = Est::start(&["--delay", "5"]);
    slow.enroll("slow")
        .args(["--timeout", "1"])
        .assert()
        .code(5)
        .stderr(predicate::str::contains(
            "timed out waiting for the reply (1 s; raise --timeout",
        ));
    // A 4xx is the server's refusal, its text shown.
    let forbidden = Est::start(&["--http-status", "403"]);
    forbidden
        .enroll("refused")
        .assert()
        .code(5)
        .stderr(predicate::str::contains(
            "answered HTTP 403: lab: injected HTTP 403",
        ));
    // TLS: an expired server certificate shows both clocks.
    let expired = Est::start(&["--tls-fault", "expired"]);
    expired
        .run()
        .args(["getcacert", "--url", &expired.lab.est_url])
        .assert()
        .code(5)
        .stderr(
            predicate::str::contains("expired at")
                .and(predicate::str::contains("this machine's clock says")),
        );
    // TLS: a certificate for another name.
    let wrong = Est::start(&["--tls-fault", "wrong-name"]);
    wrong
        .run()
        .args(["getcacert", "--url", &wrong.lab.est_url])
        .assert()
        .code(5)
        .stderr(predicate::str::contains(
            "is for wrong-host.example, not for 127.0.0.1",
        ));
}

#[test]
fn hostile_replies_change_nothing() {
    for fault in ["truncated", "other-key"] {
        let est = Est::start(&["--fault", fault]);
        est.enroll("victim").assert().code(7);
        assert!(!est.path("victim.pem").exists(), "{fault}");
        let entries = history(est.state.path());
        assert_eq!(entries[0]["exit_code"], 7, "{fault}");
    }
}

#[test]
fn a_profile_holds_the_est_settings_for_enroll_and_renew() {
    let est = Est::start(&["--basic", "dev:s3cret"]);
    let config = est.path("config.toml");
    std::fs::write(
        &config,
        format!(
            "[profile.phone]\nurl = \"{}\"\nlabel = \"phones\"\nca_file = \"{}\"\nusername = \"dev\"\npassword_file = \"{}\"\ncn = \"phone-7\"\nkey = \"{}\"\ncert = \"{}\"\n",
            est.lab.est_url,
            est.ca.display(),
            est.password().display(),
            est.path("phone.key").display(),
            est.path("phone.pem").display(),
        ),
    )
    .unwrap();
    let run = || {
        let mut cmd = certenroll_in(est.state.path());
        cmd.arg("--config")
            .arg(&config)
            .args(["--profile", "phone"]);
        cmd
    };
    run().arg("enroll").assert().code(0);
    assert!(same_key(&est.path("phone.pem"), &est.path("phone.key")));
    run().args(["renew", "--force"]).assert().code(0);
    assert!(est.path("phone.pem.prev").exists());
    let log = est.lab.log();
    assert!(
        log.contains("label=\"phones\" operation=\"simpleenroll\""),
        "{log}"
    );
    assert!(
        log.contains("label=\"phones\" operation=\"simplereenroll\" client_cert=CN=phone-7"),
        "{log}"
    );
    run().args(["config", "check"]).assert().code(0);
}

#[test]
fn doctor_checks_an_est_server() {
    let est = Est::start(&[]);
    let healthy: crate::util::Doctor = json_of(
        est.run()
            .args(["doctor", "--json", "--url", &est.lab.est_url]),
        0,
    );
    let names: Vec<&str> = healthy.steps.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "dns", "connect", "tls", "cacerts", "clock", "ca", "pending", "lock"
        ]
    );
    assert!(healthy.steps.iter().all(|s| s.status == "ok"));
    // Not trusted yet: the tls step says so (exit 5)...
    let untrusted: crate::util::Doctor = json_of(
        certenroll_in(est.state.path()).args(["doctor", "--json", "--url", &est.lab.est_url]),
        5,
    );
    assert!(
        untrusted
            .steps
            .iter()
            .any(|s| s.name == "tls" && s.status == "fail")
    );
    // ...and once bootstrapped, doctor trusts what enroll trusts.
    certenroll_in(est.state.path())
        .args([
            "getcacert",
            "--url",
            &est.lab.est_url,
            "--fingerprint",
            &est.lab.ca_sha256,
        ])
        .assert()
        .code(0);
    let remembered: crate::util::Doctor = json_of(
        certenroll_in(est.state.path()).args(["doctor", "--json", "--url", &est.lab.est_url]),
        0,
    );
    let trust = remembered
        .steps
        .iter()
        .find(|s| s.name == "trust")
        .expect("a trust step");
    assert!(trust.detail.contains("est-trust"), "{}", trust.detail);
    // EST over plain HTTP is a usage error.
    let plain: crate::util::Doctor = json_of(
        crate::util::certenroll().args([
            "doctor",
            "--json",
            "--url",
            "http://127.0.0.1:1/.well-known/est",
        ]),
        2,
    );
    assert!(
        plain
            .steps
            .iter()
            .any(|s| s.name == "url" && s.detail.contains("not https"))
    );
}

#[test]
fn ec_keys_on_p256_and_p384_enroll_and_renew_over_est_but_not_scep() {
    let est = Est::start(&[]);
    for (kind, curve) in [("p256", "prime256v1"), ("p384", "secp384r1")] {
        let cn = format!("ec-{kind}");
        est.enroll(&cn).args(["--key-type", kind]).assert().code(0);
        let key = est.path(&format!("{cn}.key"));
        let cert = est.path(&format!("{cn}.pem"));
        assert!(same_key(&cert, &key));
        let text = openssl(&["pkey", "-in", key.to_str().unwrap(), "-noout", "-text"]);
        assert!(text.contains(curve), "{text}");
        // Renewal keeps the curve; the TLS client certificate is the EC one.
        est.run()
            .args(["renew", "--force", "--url", &est.lab.est_url, "--key"])
            .arg(&key)
            .arg("--cert")
            .arg(&cert)
            .assert()
            .code(0);
        assert!(same_key(&cert, &key));
        let text = openssl(&["pkey", "-in", key.to_str().unwrap(), "-noout", "-text"]);
        assert!(text.contains(curve), "{text}");
    }
    // SCEP cannot use them: said before anything is sent.
    certenroll_in(est.state.path())
        .args([
            "enroll",
            "--url",
            "http://127.0.0.1:1/scep",
            "--cn",
            "x",
            "--key-type",
            "p256",
        ])
        .args(["--out-key", "k", "--out-cert", "c", "--no-challenge"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("SCEP needs an RSA key"));
    certenroll_in(est.state.path())
        .args([
            "enroll",
            "--url",
            "http://127.0.0.1:1/scep",
            "--cn",
            "x",
            "--no-challenge",
        ])
        .arg("--key")
        .arg(est.path("ec-p256.key"))
        .args(["--out-cert", "c"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "SCEP needs an RSA key, and this is EC P-256",
        ));
}

#[test]
fn csrattrs_asking_for_an_ec_key_get_one_unless_the_flags_say_otherwise() {
    let est = Est::start(&["--csrattrs-curve", "p384"]);
    est.enroll("asked")
        .assert()
        .code(0)
        .stderr(predicate::str::contains(
            "ask for an EC P-384 key: generating one",
        ));
    let text = openssl(&[
        "pkey",
        "-in",
        est.path("asked.key").to_str().unwrap(),
        "-noout",
        "-text",
    ]);
    assert!(text.contains("secp384r1"), "{text}");
    // A key type on the command line wins over the server's wish.
    est.enroll("told")
        .args(["--key-type", "rsa"])
        .assert()
        .code(0);
    let text = openssl(&[
        "pkey",
        "-in",
        est.path("told.key").to_str().unwrap(),
        "-noout",
        "-text",
    ]);
    assert!(text.contains("2048 bit"), "{text}");
}

#[test]
fn a_ca_bootstrapped_under_a_profile_is_saved_to_it() {
    let est = Est::start(&[]);
    let config = est.path("config.toml");
    std::fs::write(
        &config,
        format!(
            "# the phones' EST server\n[profile.p]\nurl = \"{}\"  # given by IT\n\n[profile.other]\ncn = \"x\"\n",
            est.lab.est_url
        ),
    )
    .unwrap();
    std::fs::set_permissions(&config, std::os::unix::fs::PermissionsExt::from_mode(0o600)).unwrap();
    certenroll_in(est.state.path())
        .arg("--config")
        .arg(&config)
        .args([
            "--profile",
            "p",
            "getcacert",
            "--fingerprint",
            &est.lab.ca_sha256,
        ])
        .assert()
        .code(0)
        .stderr(predicate::str::contains("profile 'p'"));
    let text = std::fs::read_to_string(&config).unwrap();
    assert!(text.contains("ca_file = "), "{text}");
    assert!(text.contains("est-trust"), "{text}");
    // Edited in place: comments, order and mode are the person's.
    assert!(
        text.starts_with("# the phones' EST server\n[profile.p]\n"),
        "{text}"
    );
    assert!(text.contains("  # given by IT"), "{text}");
    assert!(
        text.find("[profile.p]") < text.find("[profile.other]"),
        "{text}"
    );
    assert_eq!(mode(&config), 0o600);
}

#[test]
fn a_server_that_wants_both_gets_the_login_and_the_client_certificate() {
    let est = Est::start(&["--basic", "dev:s3cret", "--require-client-cert"]);
    est.scep_identity("id");
    let with_cert = |cmd: &mut assert_cmd::Command| {
        cmd.arg("--client-cert")
            .arg(est.path("id.pem"))
            .arg("--client-key")
            .arg(est.path("id.key"));
    };
    // The certificate alone, or the login alone: refused.
    let mut cmd = est.enroll("both");
    with_cert(&mut cmd);
    cmd.assert().code(4);
    est.enroll("both")
        .args(["--username", "dev", "--password-file"])
        .arg(est.password())
        .assert()
        .code(4);
    // Both: enrolled.
    let mut cmd = est.enroll("both");
    with_cert(&mut cmd);
    cmd.args(["--username", "dev", "--password-file"])
        .arg(est.password())
        .assert()
        .code(0);
    let log = est.lab.log();
    assert!(
        log.contains("client_cert=CN=id authorization=\"Basic\""),
        "{log}"
    );
}

#[test]
fn config_init_sets_up_an_est_profile_that_enroll_then_uses() {
    let est = Est::start(&["--basic", "dev:s3cret"]);
    let config = est.path("config.toml");
    let run = || {
        let mut cmd = certenroll_in(est.state.path());
        cmd.arg("--config")
            .arg(&config)
            .args(["--profile", "phone"]);
        cmd
    };
    // A wrong fingerprint: nothing written.
    run()
        .args(["config", "init", "--no-input", "--url", &est.lab.est_url])
        .args(["--fingerprint", &"CD".repeat(32), "--cn", "phone-9"])
        .assert()
        .code(7);
    assert!(!config.exists());
    run()
        .args(["config", "init", "--no-input", "--url", &est.lab.est_url])
        .args([
            "--fingerprint",
            &est.lab.ca_sha256,
            "--cn",
            "phone-9",
            "--key-type",
            "p256",
        ])
        .args(["--username", "dev", "--password-file"])
        .arg(est.password())
        .arg("--key")
        .arg(est.path("phone.key"))
        .arg("--cert")
        .arg(est.path("phone.pem"))
        .assert()
        .code(0);
    let text = std::fs::read_to_string(&config).unwrap();
    assert!(
        text.contains("ca_file = ") && text.contains("phone-est-ca.pem"),
        "{text}"
    );
    assert!(
        text.contains("key_type = \"p256\"") && text.contains("username = \"dev\""),
        "{text}"
    );
    assert!(!text.contains("s3cret"), "{text}");
    run().arg("enroll").assert().code(0);
    assert!(same_key(&est.path("phone.pem"), &est.path("phone.key")));
    let key = openssl(&[
        "pkey",
        "-in",
        est.path("phone.key").to_str().unwrap(),
        "-noout",
        "-text",
    ]);
    assert!(key.contains("prime256v1"), "{key}");
}

#[test]
fn a_saved_request_keeps_no_challenge_and_is_sent_again_with_it() {
    let est = Est::start(&["--pending", "1"]);
    let challenge = crate::util::challenge_file(est.dir.path(), "est-s3cret-challenge");
    est.enroll("guarded")
        .args(["--no-wait", "--challenge-file"])
        .arg(&challenge)
        .assert()
        .code(3);
    // The saved state holds no trace of the challenge, in any encoding.
    let pending = std::fs::read_dir(est.state.path().join("pending"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let saved: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&pending).unwrap()).unwrap();
    let saved = &saved["est"];
    use base64::Engine;
    let csr = base64::engine::general_purpose::STANDARD
        .decode(saved["csr"].as_str().unwrap())
        .unwrap();
    assert!(!csr.windows(20).any(|w| w == b"est-s3cret-challenge"));
    assert!(
        !std::fs::read_to_string(&pending)
            .unwrap()
            .contains("s3cret")
    );
    assert!(
        saved["challenge_file"]
            .as_str()
            .unwrap()
            .ends_with("challenge")
    );
    // The poll sends the request again with the challenge, read from its file.
    est.run()
        .args(["poll", "--poll-interval", "0"])
        .assert()
        .code(0);
    let log = est.lab.log();
    let requests: Vec<&str> = log
        .lines()
        .filter(|l| l.contains("subject=CN=guarded"))
        .collect();
    assert_eq!(requests.len(), 2, "{log}");
    assert!(
        requests.iter().all(|l| l.contains("challenge=true")),
        "{log}"
    );
    assert!(same_key(&est.path("guarded.pem"), &est.path("guarded.key")));
}

#[test]
fn no_est_password_or_challenge_is_kept_or_logged() {
    let est = Est::start(&["--pending", "1", "--basic", "dev:est-pw-77a1"]);
    let password = est.path("password");
    std::fs::write(&password, "est-pw-77a1\n").unwrap();
    let challenge = crate::util::challenge_file(est.dir.path(), "est-ch-5e90");
    let first = est
        .enroll("quiet")
        .args(["-vv", "--no-wait", "--username", "dev", "--password-file"])
        .arg(&password)
        .arg("--challenge-file")
        .arg(&challenge)
        .assert()
        .code(3)
        .get_output()
        .clone();
    let polled = est
        .run()
        .args(["-vv", "poll", "--poll-interval", "0"])
        .assert()
        .code(0)
        .get_output()
        .clone();
    let secrets = ["est-pw-77a1", "est-ch-5e90"];
    let mut texts = vec![
        String::from_utf8_lossy(&first.stderr).into_owned(),
        String::from_utf8_lossy(&polled.stderr).into_owned(),
    ];
    let mut stack = vec![est.state.path().to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            if entry.path().is_dir() {
                stack.push(entry.path());
            } else {
                texts.push(String::from_utf8_lossy(&std::fs::read(entry.path()).unwrap()).into());
            }
        }
    }
    for text in &texts {
        for secret in secrets {
            assert!(!text.contains(secret), "{secret} in {text}");
        }
    }
    assert!(same_key(&est.path("quiet.pem"), &est.path("quiet.key")));
}

#[test]
fn the_lab_issues_a_new_certificate_for_every_request_with_the_same_key() {
    let est = Est::start(&[]);
    est.enroll("again")
        .args(["--no-challenge"])
        .assert()
        .code(0);
    let serial = |cert: &Path| {
        crate::util::openssl(&["x509", "-in", cert.to_str().unwrap(), "-noout", "-serial"])
    };
    let first = serial(&est.path("again.pem"));
    // The same key again (as a re-enrollment with --reuse-key would): a new certificate.
    est.run()
        .args([
            "enroll",
            "--no-challenge",
            "--url",
            &est.lab.est_url,
            "--cn",
            "again",
        ])
        .arg("--key")
        .arg(est.path("again.key"))
        .arg("--out-cert")
        .arg(est.path("again-2.pem"))
        .assert()
        .code(0);
    assert_ne!(serial(&est.path("again-2.pem")), first);
    assert!(same_key(&est.path("again-2.pem"), &est.path("again.key")));
}

/// The commands of the README's EST example, as written: continuation lines joined, comments
/// dropped.
fn readme_est_commands() -> Vec<Vec<String>> {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let section = &readme[readme.find("\n## EST\n").expect("an EST section")..];
    let block = section
        .split("```sh\n")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .expect("a sh block in the EST section");
    block
        .replace("\\\n", " ")
        .lines()
        .map(str::trim)
        .filter(|line| line.starts_with("certenroll "))
        .map(|line| line.split_whitespace().map(str::to_string).collect())
        .collect()
}

#[test]
fn the_readme_est_examples_run_against_the_lab_as_written() {
    let est = Est::start(&["--basic", "printer-42:readme-secret"]);
    let dir = est.dir.path();
    let base = est
        .lab
        .est_url
        .trim_end_matches("/.well-known/est")
        .to_string();
    std::fs::write(dir.join("printer-42.pass"), "readme-secret\n").unwrap();
    // The "client certificate the server knows": one the lab CA issued.
    est.run()
        .args(["enroll", "--url", &est.lab.est_url, "--cn", "idevid"])
        .args(["--username", "printer-42", "--password-file"])
        .arg(dir.join("printer-42.pass"))
        .arg("--out-key")
        .arg(dir.join("idevid.key"))
        .arg("--out-cert")
        .arg(dir.join("idevid.pem"))
        .assert()
        .code(0);
    let commands = readme_est_commands();
    assert_eq!(commands.len(), 4, "{commands:?}");
    for command in commands {
        let args: Vec<String> = command[1..]
            .iter()
            .map(|arg| {
                arg.replace("https://est.example.com", &base)
                    .replace("/etc/certenroll/", "")
                    .replace("3A9F1B...A238", &est.lab.ca_sha256)
            })
            .collect();
        let output = certenroll_in(est.state.path())
            .current_dir(dir)
            .args(&args)
            .output()
            .unwrap();
        assert_eq!(
            output.status.code(),
            Some(0),
            "certenroll {}: {}",
            args.join(" "),
            String::from_utf8_lossy(&output.stderr)
        );
    }
    for file in [
        "est-ca.pem",
        "printer.key",
        "printer.pem",
        "phone.key",
        "phone.pem",
    ] {
        assert!(dir.join(file).exists(), "{file}");
    }
}

#[test]
fn est_options_with_a_scep_url_are_a_usage_error_and_protocol_est_completes_a_bare_url() {
    let est = Est::start(&["--basic", "dev:pw"]);
    let base = est
        .lab
        .est_url
        .trim_end_matches("/.well-known/est")
        .to_string();
    let dir = est.dir.path();
    // A bare https://HOST URL runs SCEP: the EST login would be dropped, so it is refused
    // before anything is made.
    for extra in [
        &["--username", "dev", "--password-env", "PW"][..],
        &["--client-cert", "c.pem", "--client-key", "c.key"][..],
    ] {
        est.run()
            .current_dir(dir)
            .args(["enroll", "--url", &base, "--cn", "x", "--out-key", "k.pem"])
            .args(["--out-cert", "c.pem"])
            .args(extra)
            .env("PW", "pw")
            .assert()
            .code(2)
            .stderr(predicate::str::contains(format!(
                "{} is an EST option, but this runs SCEP",
                extra[0]
            )))
            .stderr(predicate::str::contains("--protocol est"));
        assert_eq!(listing(dir), ["lab-ca.pem"]);
    }
    // With --protocol est, https://HOST means https://HOST/.well-known/est.
    est.run()
        .current_dir(dir)
        .args([
            "enroll",
            "--protocol",
            "est",
            "--url",
            &base,
            "--cn",
            "bare",
        ])
        .args(["--username", "dev", "--password-env", "PW"])
        .args(["--out-key", "k.pem", "--out-cert", "c.pem"])
        .env("PW", "pw")
        .assert()
        .code(0);
    assert!(est.lab.log().contains("simpleenroll"), "{}", est.lab.log());
}

#[test]
fn a_digest_challenge_is_answered_with_sha256_or_md5_and_refusals_say_which_login() {
    for algorithm in ["sha-256", "md5"] {
        let est = Est::start(&["--digest", "dev:d1gest", "--digest-algorithm", algorithm]);
        let password = est.path("password");
        std::fs::write(&password, "d1gest\n").unwrap();
        est.enroll("digest")
            .args(["--username", "dev", "--password-file"])
            .arg(&password)
            .assert()
            .code(0);
        assert!(same_key(&est.path("digest.pem"), &est.path("digest.key")));
        let log = est.lab.log();
        assert!(
            log.contains("authorization=\"Digest\""),
            "{algorithm}: {log}"
        );
        // Refused: the message names Digest and shows what the server said.
        std::fs::write(&password, "guess\n").unwrap();
        est.enroll("refused")
            .args(["--username", "dev", "--password-file"])
            .arg(&password)
            .assert()
            .code(4)
            .stderr(predicate::str::contains(
                "the Digest login was refused, realm \"certenroll lab\"",
            ))
            .stderr(predicate::str::contains("Digest: wrong password"));
        assert!(!est.path("refused.key").exists());
        // Nothing sent: the scheme the server wants is named.
        est.enroll("anonymous")
            .assert()
            .code(4)
            .stderr(predicate::str::contains(
                "authentication required (Digest, realm \"certenroll lab\")",
            ));
    }
}

#[test]
fn a_proof_of_possession_check_is_explained_not_blamed_on_the_password() {
    // libest's estserver with PoP on: it wants the TLS session's tls-unique in the
    // challengePassword, which rustls cannot give.
    let est = Est::start(&["--quirk", "libest-pop", "--basic", "dev:s3cret"]);
    est.enroll("pop")
        .args(["--username", "dev", "--password-file"])
        .arg(est.password())
        .assert()
        .code(4)
        .stderr(predicate::str::contains(
            "proof of possession by TLS channel binding",
        ))
        .stderr(predicate::str::contains("check must be turned off"))
        .stderr(predicate::str::contains("check --username").not());
    let entries = history(est.state.path());
    assert_eq!(
        entries[0]["detail"],
        "Proof of possession required (HTTP 401)"
    );
}

#[test]
fn csrattrs_with_a_trailing_nul_an_extension_template_and_a_2_999_oid_are_read() {
    let est = Est::start(&["--quirk", "libest-csrattrs", "--quirk", "lamps-csrattrs"]);
    let output = est
        .run()
        .args(["csrattrs", "--url", &est.lab.est_url])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{stdout}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        stdout.contains(
            "extensionRequest (1.2.840.113549.1.9.14): subjectAltName dns:device.example; keyUsage digitalSignature, keyAgreement; extKeyUsage clientAuth"
        ),
        "{stdout}"
    );
    assert!(stdout.contains("2.999.1 (2.999.1)"), "{stdout}");
    assert!(!stdout.contains("Tag("), "{stdout}");
    let json: serde_json::Value = json_of(
        est.run()
            .args(["csrattrs", "--json", "--url", &est.lab.est_url]),
        0,
    );
    assert_eq!(
        json["requested_extensions"],
        serde_json::json!([
            "subjectAltName dns:device.example",
            "keyUsage digitalSignature, keyAgreement",
            "extKeyUsage clientAuth"
        ])
    );
}

#[test]
fn a_root_rollover_in_cacerts_is_shown_as_what_it_is_and_enrollment_goes_on() {
    let est = Est::start(&["--quirk", "est-rollover"]);
    let json: serde_json::Value = json_of(
        est.run()
            .args(["getcacert", "--json", "--url", &est.lab.est_url]),
        0,
    );
    let mut roles: Vec<&str> = json["certificates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["role"].as_str().unwrap().split(':').next().unwrap())
        .collect();
    roles.sort_unstable();
    assert_eq!(
        roles,
        ["NewWithNew", "NewWithOld", "OldWithNew", "OldWithOld"]
    );
    assert!(json.get("recipient_sha256").is_none(), "{json}");
    let output = est
        .run()
        .args(["getcacert", "--url", &est.lab.est_url])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(
        !text.contains("RA") && !text.contains("encrypted to"),
        "{text}"
    );
    // The pin offered is the current root's, the lab's CA.
    assert!(
        text.contains(&format!(
            "--fingerprint {}",
            est.lab.ca_sha256.replace(':', "")
        )),
        "{text}"
    );
    est.enroll("after-rollover").assert().code(0);
}

#[test]
fn the_ca_certificates_from_a_file_spare_a_cacerts_that_fails() {
    // GlobalSign's server answers /cacerts 500 under some labels.
    let est = Est::start(&["--quirk", "globalsign-cacerts"]);
    est.enroll("labelled")
        .args(["--label", "devices"])
        .assert()
        .code(5)
        .stderr(predicate::str::contains("answered HTTP 500"));
    est.enroll("labelled")
        .args(["--label", "devices", "--ca-cert"])
        .arg(&est.ca)
        .assert()
        .code(0);
    assert!(same_key(
        &est.path("labelled.pem"),
        &est.path("labelled.key")
    ));
    let log = est.lab.log();
    assert_eq!(log.matches("operation=\"cacerts\"").count(), 1, "{log}");
}

#[test]
fn a_run_makes_one_tls_connection_to_a_server_that_keeps_it_alive() {
    let est = Est::start(&[]);
    est.enroll("kept-alive").assert().code(0);
    let log = est.lab.log();
    assert!(log.matches("EST label=").count() >= 3, "{log}");
    assert_eq!(log.matches("TLS connection").count(), 1, "{log}");
}
