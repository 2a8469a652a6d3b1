//! The enrollment lifecycle against the lab: PENDING and polling across processes, waiting
//! in one process, retry after communication errors, history, status, GetCert and GetCRL.

use predicates::prelude::*;

use crate::util::{Lab, ScepServer, certenroll_in, history, json_of, listing, openssl};

fn enroll_args(lab_url: &str, dir: &std::path::Path, cn: &str) -> Vec<String> {
    [
        "enroll",
        "--url",
        lab_url,
        "--cn",
        cn,
        "--no-challenge",
        "--out-key",
        &dir.join("key.pem").display().to_string(),
        "--out-cert",
        &dir.join("cert.pem").display().to_string(),
        "--out-chain",
        &dir.join("chain.pem").display().to_string(),
    ]
    .iter()
    .map(|s| s.to_string())
    .collect()
}

#[test]
fn pending_twice_then_success_across_processes() {
    let lab = Lab::start(&["--pending", "2", "--challenge", "lab-secret"]);
    let state = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let enrolled: serde_json::Value = json_of(
        certenroll_in(state.path())
            .env("CERTENROLL_CHALLENGE", "lab-secret")
            .args([
                "enroll",
                "--json",
                "--no-wait",
                "--url",
                &lab.url,
                "--cn",
                "poller",
            ])
            .arg("--out-key")
            .arg(dir.path().join("key.pem"))
            .arg("--out-cert")
            .arg(dir.path().join("cert.pem")),
        3,
    );
    assert_eq!(enrolled["status"], "pending");
    let transaction = enrolled["transaction_id"].as_str().unwrap().to_string();
    // The key is in place (0600), the certificate is not, the request is saved.
    assert_eq!(listing(dir.path()), ["key.pem"]);
    assert_eq!(crate::util::mode(&dir.path().join("key.pem")), 0o600);
    assert_eq!(
        listing(&state.path().join("pending")),
        [format!("{transaction}.json")]
    );

    // A second process: still pending.
    let polled: serde_json::Value = json_of(
        certenroll_in(state.path()).args(["poll", "--json", "--poll-count", "1"]),
        3,
    );
    assert_eq!(
        (polled["status"].as_str(), polled["transaction_id"].as_str()),
        (Some("pending"), Some(transaction.as_str()))
    );
    // status shows it as waiting for the next poll.
    certenroll_in(state.path())
        .arg("status")
        .assert()
        .success()
        .stdout(predicate::str::contains(&transaction))
        .stdout(predicate::str::contains("2 attempt(s)"));

    // A third process: issued and installed.
    let issued: serde_json::Value = json_of(
        certenroll_in(state.path()).args([
            "poll",
            "--json",
            "--transaction",
            &transaction,
            "--poll-count",
            "1",
        ]),
        0,
    );
    assert_eq!(issued["status"], "issued");
    assert_eq!(issued["certificate"]["subject"], "CN=poller");
    assert!(listing(&state.path().join("pending")).is_empty());
    let cert = dir.path().join("cert.pem");
    let key = dir.path().join("key.pem");
    assert!(crate::util::key_matches_cert(&key, &cert));

    // The same transactionID went over the wire three times: PKCSReq and two CertPolls.
    let log = lab.log();
    let mentions = log
        .lines()
        .filter(|l| l.contains(&format!("transaction={transaction}")))
        .count();
    assert!(log.contains("message_type=PkcsReq"), "{log}");
    assert_eq!(log.matches("CertPoll").count(), 2, "{log}");
    assert!(mentions >= 6, "{log}");

    // History: waiting, waiting, success, in that order.
    let entries = history(state.path());
    let statuses: Vec<_> = entries
        .iter()
        .map(|e| e["status"].as_str().unwrap())
        .collect();
    assert_eq!(statuses, ["waiting", "waiting", "success"]);
    assert_eq!(entries[0]["detail"], "Pending");
    assert_eq!(entries[2]["operation"], "poll");
    assert_eq!(entries[2]["transaction_id"], transaction.as_str());
    assert_eq!(entries[2]["serial"], issued["certificate"]["serial"]);

    // Nothing left to poll: exit 0 quickly.
    certenroll_in(state.path())
        .arg("poll")
        .assert()
        .success()
        .stdout(predicate::str::contains("No pending requests"));
}

#[test]
fn enroll_waits_and_polls_in_one_process() {
    let lab = Lab::start(&["--pending", "2"]);
    let state = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    certenroll_in(state.path())
        .args(enroll_args(&lab.url, dir.path(), "waiter"))
        .args(["--poll-interval", "0", "--poll-count", "5"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Issued certificate"));
    assert_eq!(listing(dir.path()), ["cert.pem", "chain.pem", "key.pem"]);
    let entries = history(state.path());
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0]["status"], "success");
    // The run took key generation and three exchanges: its duration is recorded.
    assert!(
        entries[0]["duration_ms"].as_u64().unwrap() > 0,
        "{}",
        entries[0]
    );
}

#[test]
fn poll_count_exhausted_keeps_the_request() {
    let lab = Lab::start(&["--pending", "10"]);
    let state = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    certenroll_in(state.path())
        .args(enroll_args(&lab.url, dir.path(), "patient"))
        .args(["--poll-interval", "0", "--poll-count", "2"])
        .assert()
        .code(3)
        .stdout(predicate::str::contains("certenroll poll"));
    assert_eq!(listing(&state.path().join("pending")).len(), 1);
    assert_eq!(listing(dir.path()), ["key.pem"]);
}

#[test]
fn communication_errors_exit_5_and_retry_lands_the_next_success() {
    let state = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    {
        let lab = Lab::start(&["--http-status", "500"]);
        certenroll_in(state.path())
            .args(enroll_args(&lab.url, dir.path(), "err500"))
            .assert()
            .code(5)
            .stderr(predicate::str::contains("answered HTTP 500"));
    }
    // The key of the failed request stays (the CA never said no), with a hint to reuse it.
    assert_eq!(listing(dir.path()), ["key.pem"]);
    std::fs::remove_file(dir.path().join("key.pem")).unwrap();

    let dead = format!("http://127.0.0.1:{}/scep", crate::util::free_port());
    certenroll_in(state.path())
        .args(enroll_args(&dead, dir.path(), "dead"))
        .assert()
        .code(5);

    // One 500, then success: --retry-on-error carries on and installs.
    let lab = Lab::start(&["--http-status", "500", "--fault-limit", "1"]);
    certenroll_in(state.path())
        .args(enroll_args(&lab.url, dir.path(), "retry"))
        .args(["--retry-on-error", "--poll-interval", "0"])
        .assert()
        .success()
        .stderr(predicate::str::contains("trying again (--retry-on-error)"));
    assert_eq!(listing(dir.path()), ["cert.pem", "chain.pem", "key.pem"]);

    let entries = history(state.path());
    let details: Vec<_> = entries
        .iter()
        .map(|e| e["detail"].as_str().unwrap())
        .collect();
    assert_eq!(
        details,
        [
            "Communication error (HTTP 500)",
            "Communication error",
            "Issued"
        ]
    );
    assert_eq!(entries[0]["http_status"], 500);
    assert_eq!(entries[0]["exit_code"], 5);
}

#[test]
fn poll_retries_communication_errors_only_when_asked() {
    // PENDING, then the CA goes away.
    let lab = Lab::start(&["--pending", "1"]);
    let state = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    certenroll_in(state.path())
        .args(enroll_args(&lab.url, dir.path(), "flaky"))
        .arg("--no-wait")
        .assert()
        .code(3);
    drop(lab);
    // The CA is unreachable now: poll fails with 5, the request stays.
    certenroll_in(state.path())
        .args(["poll", "--poll-count", "1"])
        .assert()
        .code(5);
    assert_eq!(listing(&state.path().join("pending")).len(), 1);
    // With --retry-on-error, every attempt is used and the run ends pending (3), not failed.
    certenroll_in(state.path())
        .args([
            "poll",
            "--poll-count",
            "2",
            "--poll-interval",
            "0",
            "--retry-on-error",
        ])
        .assert()
        .code(3);
    let entries = history(state.path());
    let last: Vec<_> = entries
        .iter()
        .map(|e| e["status"].as_str().unwrap())
        .collect();
    assert_eq!(last, ["waiting", "error", "waiting"]);
}

#[test]
fn history_keeps_the_newest_20_and_survives_corruption() {
    let state = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let dead = format!("http://127.0.0.1:{}/scep", crate::util::free_port());
    for i in 0..25 {
        certenroll_in(state.path())
            .args(enroll_args(&dead, dir.path(), &format!("n{i}")))
            .assert()
            .code(5);
    }
    let entries = history(state.path());
    assert_eq!(entries.len(), 20);
    assert_eq!(entries[0]["subject"], "CN=n5");
    assert_eq!(entries[19]["subject"], "CN=n24");

    std::fs::write(state.path().join("history.json"), "{{ garbage").unwrap();
    certenroll_in(state.path())
        .args(enroll_args(&dead, dir.path(), "after"))
        .assert()
        .code(5)
        .stderr(predicate::str::contains("history file"))
        .stderr(predicate::str::contains("corrupt"));
    let entries = history(state.path());
    assert_eq!(entries.len(), 1);
    assert!(
        listing(state.path())
            .iter()
            .any(|n| n.starts_with("history.json.corrupt-"))
    );
}

#[test]
fn getcert_and_getcrl_against_the_lab() {
    let lab = Lab::start(&["--ra"]);
    let state = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let enrolled: serde_json::Value = json_of(
        certenroll_in(state.path())
            .args(enroll_args(&lab.url, dir.path(), "fetched"))
            .args(["--json", "--fingerprint", &lab.ca_sha256]),
        0,
    );
    let serial = enrolled["certificate"]["serial"].as_str().unwrap();
    let fetched = dir.path().join("fetched.pem");
    certenroll_in(state.path())
        .args(["getcert", "--url", &lab.url, "--serial", serial, "--out"])
        .arg(&fetched)
        .assert()
        .success();
    assert_eq!(
        std::fs::read(&fetched).unwrap(),
        std::fs::read(dir.path().join("cert.pem")).unwrap()
    );
    certenroll_in(state.path())
        .args(["getcert", "--url", &lab.url, "--serial", "ffff"])
        .assert()
        .code(4)
        .stderr(predicate::str::contains("failInfo 4 badCertId"));

    let crl = dir.path().join("crl.pem");
    certenroll_in(state.path())
        .args(["getcrl", "--url", &lab.url, "--out"])
        .arg(&crl)
        .assert()
        .success()
        .stdout(predicate::str::contains("revoked      0"));
    let chain = dir.path().join("chain.pem");
    let text = openssl(&[
        "crl",
        "-in",
        crl.to_str().unwrap(),
        "-CAfile",
        chain.to_str().unwrap(),
        "-noout",
        "-text",
    ]);
    assert!(text.contains("certenroll lab CA"), "{text}");
    let ops: Vec<_> = history(state.path())
        .iter()
        .map(|e| e["operation"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ops, ["enroll", "getcert", "getcert", "getcrl"]);
}

#[test]
fn getcert_and_getcrl_are_not_supported_by_micromdm() {
    let server = ScepServer::start();
    let state = tempfile::tempdir().unwrap();
    for op in [vec!["getcert", "--serial", "02"], vec!["getcrl"]] {
        certenroll_in(state.path())
            .args(&op)
            .args(["--url", &server.url()])
            .assert()
            .code(5)
            .stderr(predicate::str::contains("is not supported by this server"));
    }
}

#[test]
fn the_request_is_signed_with_the_digest_the_server_takes() {
    // With --key, the request is signed while the capabilities are fetched, over SHA-256; a
    // server that does not offer it gets a request signed again with what it does offer.
    let dir = tempfile::tempdir().unwrap();
    let key = dir.path().join("existing.pem");
    openssl(&["genrsa", "-out", key.to_str().unwrap(), "2048"]);
    let cases: [(&str, &[&str], &str); 4] = [
        (
            "SCEPStandard,POSTPKIOperation,SHA-256,SHA-512,AES",
            &[],
            "sha256",
        ),
        ("POSTPKIOperation,SHA-512,AES", &[], "sha512"),
        ("POSTPKIOperation,AES", &[], "sha1"),
        (
            "SCEPStandard,POSTPKIOperation,SHA-256,SHA-512,AES",
            &["--digest", "sha512"],
            "sha512",
        ),
    ];
    for (caps, flags, expected) in cases {
        let lab = Lab::start(&["--caps", caps]);
        let state = tempfile::tempdir().unwrap();
        certenroll_in(state.path())
            .args([
                "enroll",
                "--no-challenge",
                "--url",
                &lab.url,
                "--cn",
                "digests",
            ])
            .arg("--key")
            .arg(&key)
            .arg("--out-cert")
            .arg(dir.path().join(format!("{expected}.pem")))
            .args(flags)
            .assert()
            .code(0);
        let log = lab.log();
        assert!(
            log.contains(&format!("csr_digest=\"{expected}\"")),
            "{caps} {flags:?}: {log}"
        );
    }
}
