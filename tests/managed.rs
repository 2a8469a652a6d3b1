//! Managed certificates and pending requests a person can act on: `list` (and `status`), the
//! registry behind it, `pending show|cancel|resume|delete|merge`, a second request for the
//! same files, `renew --dry-run` and `--check`.

use std::path::{Path, PathBuf};

use predicates::prelude::*;
use serde_json::Value;

use crate::util::{Lab, certenroll_in, json_of, key_matches_cert, listing};

/// `enroll` of `cn` into `dir` (key `cn.key`, certificate `cn.pem`) with `extra` flags.
fn enroll(state: &Path, url: &str, dir: &Path, cn: &str, extra: &[&str]) -> assert_cmd::Command {
    let mut cmd = certenroll_in(state);
    cmd.args(["enroll", "--no-challenge", "--url", url, "--cn", cn])
        .arg("--out-key")
        .arg(dir.join(format!("{cn}.key")))
        .arg("--out-cert")
        .arg(dir.join(format!("{cn}.pem")))
        .args(extra);
    cmd
}

fn list(state: &Path) -> Value {
    json_of(certenroll_in(state).args(["list", "--json"]), 0)
}

/// The transaction of the one pending request.
fn pending_id(state: &Path) -> String {
    let listed = list(state);
    assert_eq!(listed["pending"].as_array().unwrap().len(), 1, "{listed}");
    listed["pending"][0]["transaction_id"]
        .as_str()
        .unwrap()
        .to_string()
}

#[test]
fn the_registry_outlives_the_history_and_keeps_absolute_paths() {
    let lab = Lab::start(&[]);
    let state = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    // Relative paths, given from the certificate's directory.
    certenroll_in(state.path())
        .current_dir(dir.path())
        .args([
            "enroll",
            "--no-challenge",
            "--url",
            &lab.url,
            "--cn",
            "kept",
        ])
        .args(["--out-key", "kept.key", "--out-cert", "kept.pem"])
        .assert()
        .success();
    // Twenty-five unrelated results push the enrollment out of the 20-entry history.
    for _ in 0..25 {
        certenroll_in(state.path())
            .args(["getcrl", "--url", "http://127.0.0.1:9/scep"])
            .assert()
            .code(5);
    }
    let history = crate::util::history(state.path());
    assert!(history.iter().all(|e| e["operation"] == "getcrl"));
    // Listed from elsewhere: still there, by absolute path, installed and fine.
    let listed = list(state.path());
    let managed = &listed["certificates"][0];
    assert_eq!(listed["certificates"].as_array().unwrap().len(), 1);
    assert_eq!(managed["status"], "success", "{listed}");
    let cert = dir.path().join("kept.pem").canonicalize().unwrap();
    assert_eq!(
        PathBuf::from(managed["files"]["cert"].as_str().unwrap())
            .canonicalize()
            .unwrap(),
        cert
    );
    assert!(Path::new(managed["files"]["key"].as_str().unwrap()).is_absolute());
    assert_eq!(managed["certificate"]["subject"], "CN=kept");
    assert_eq!(managed["last_result"]["operation"], "enroll");
    assert_eq!(managed["ca_sha256"], lab.ca_sha256);
    // A certificate replaced by hand, then removed, is shown as such, not dropped.
    std::fs::copy(lab_ca(&lab, dir.path()), dir.path().join("kept.pem")).unwrap();
    assert_eq!(list(state.path())["certificates"][0]["status"], "replaced");
    std::fs::remove_file(dir.path().join("kept.pem")).unwrap();
    let listed = list(state.path());
    assert_eq!(listed["certificates"][0]["status"], "missing");
    certenroll_in(state.path())
        .arg("status")
        .assert()
        .success()
        .stdout(predicate::str::contains("kept.pem [missing]"));
}

/// The lab's CA certificate, written into `dir`.
fn lab_ca(lab: &Lab, dir: &Path) -> PathBuf {
    let out = dir.join("lab-ca.pem");
    crate::util::certenroll()
        .args(["getcacert", "--url", &lab.url, "--out"])
        .arg(&out)
        .assert()
        .success();
    out
}

#[test]
fn list_shows_waiting_processing_error_and_success() {
    let lab = Lab::start(&["--pending", "100"]);
    let state = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    enroll(state.path(), &lab.url, dir.path(), "slow", &["--no-wait"])
        .assert()
        .code(3);
    let listed = list(state.path());
    let request = &listed["pending"][0];
    assert_eq!(request["status"], "waiting", "{listed}");
    assert!(
        request["next_step"]
            .as_str()
            .unwrap()
            .contains("certenroll poll")
    );
    assert!(
        request["files"]["key"]
            .as_str()
            .unwrap()
            .ends_with("slow.key")
    );

    // Another process holds the request's key lock: a run is working on it.
    let lock = std::fs::File::create(dir.path().join(".slow.key.lock")).unwrap();
    lock.lock().unwrap();
    assert_eq!(list(state.path())["pending"][0]["status"], "processing");
    drop(lock);

    // The CA cannot be reached: the last attempt failed, with the reason.
    let dead = format!("http://127.0.0.1:{}/scep", crate::util::free_port());
    let saved = std::fs::read_dir(state.path().join("pending"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let text = std::fs::read_to_string(&saved).unwrap();
    std::fs::write(&saved, text.replace(&lab.url, &dead)).unwrap();
    certenroll_in(state.path())
        .args(["poll", "--poll-count", "1"])
        .assert()
        .code(5);
    let listed = list(state.path());
    let request = &listed["pending"][0];
    assert_eq!(request["status"], "error", "{listed}");
    assert!(
        request["last_error"]
            .as_str()
            .unwrap()
            .contains("127.0.0.1")
    );

    // Installed: success, with the days left and when renewal is due.
    let quick = Lab::start(&[]);
    enroll(state.path(), &quick.url, dir.path(), "quick", &[])
        .assert()
        .success();
    let listed = list(state.path());
    let managed = &listed["certificates"][0];
    assert_eq!(managed["status"], "success");
    assert!(managed["days_left"].as_i64().unwrap() > 300);
    assert_eq!(managed["renewal"]["due"], false);

    // A renewal that fails marks the certificate: error, and it stays.
    certenroll_in(state.path())
        .args(["renew", "--force", "--no-challenge", "--url", &dead])
        .arg("--key")
        .arg(dir.path().join("quick.key"))
        .arg("--cert")
        .arg(dir.path().join("quick.pem"))
        .assert()
        .code(5);
    let listed = list(state.path());
    let managed = &listed["certificates"][0];
    assert_eq!(managed["status"], "error", "{listed}");
    assert_eq!(managed["last_result"]["operation"], "renew");
    assert!(key_matches_cert(
        &dir.path().join("quick.key"),
        &dir.path().join("quick.pem")
    ));
}

#[test]
fn a_pending_request_can_be_shown_cancelled_resumed_and_deleted() {
    let lab = Lab::start(&["--pending", "100"]);
    let state = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    enroll(state.path(), &lab.url, dir.path(), "wait", &["--no-wait"])
        .assert()
        .code(3);
    let id = pending_id(state.path());
    let prefix = &id[..8];
    certenroll_in(state.path())
        .args(["pending", "show", prefix])
        .assert()
        .success()
        .stdout(predicate::str::contains(&id))
        .stdout(predicate::str::contains("CN=wait"))
        .stdout(predicate::str::contains("wait.key"));

    // Cancelled: poll leaves it alone, and the key stays.
    certenroll_in(state.path())
        .args(["pending", "cancel", prefix])
        .assert()
        .success();
    assert_eq!(list(state.path())["pending"][0]["status"], "cancelled");
    let polls_before = lab.log().matches("CertPoll").count();
    certenroll_in(state.path())
        .args(["poll", "--poll-count", "1"])
        .assert()
        .success()
        .stdout(predicate::str::contains("No pending requests"));
    assert_eq!(lab.log().matches("CertPoll").count(), polls_before);
    certenroll_in(state.path())
        .args(["poll", "--transaction", prefix])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("pending resume"));

    // Resumed: polled again.
    certenroll_in(state.path())
        .args(["pending", "resume", prefix])
        .assert()
        .success();
    certenroll_in(state.path())
        .args(["poll", "--poll-count", "1", "--poll-interval", "0"])
        .assert()
        .code(3);
    assert_eq!(lab.log().matches("CertPoll").count(), polls_before + 1);

    // Deleted: the state and the key made for it go; nothing else in the directory.
    certenroll_in(state.path())
        .args(["pending", "delete", prefix])
        .assert()
        .success()
        .stdout(predicate::str::contains("was removed"));
    assert_eq!(list(state.path())["pending"], Value::Array(Vec::new()));
    assert_eq!(listing(dir.path()), Vec::<String>::new());
    // An unknown or ambiguous ID is a usage error.
    certenroll_in(state.path())
        .args(["pending", "show", "ffff"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no pending request"));
}

#[test]
fn deleting_a_pending_renewal_never_removes_the_installed_key() {
    // Each new key's first request is answered PENDING.
    let lab = Lab::start(&["--pending", "1"]);
    let state = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    enroll(
        state.path(),
        &lab.url,
        dir.path(),
        "pair",
        &["--poll-interval", "0"],
    )
    .assert()
    .success();
    let key = dir.path().join("pair.key");
    let before = std::fs::read(&key).unwrap();
    certenroll_in(state.path())
        .args([
            "renew",
            "--force",
            "--no-wait",
            "--no-challenge",
            "--url",
            &lab.url,
        ])
        .arg("--key")
        .arg(&key)
        .arg("--cert")
        .arg(dir.path().join("pair.pem"))
        .assert()
        .code(3);
    assert!(dir.path().join("pair.key.new").exists());
    let id = pending_id(state.path());
    certenroll_in(state.path())
        .args(["pending", "delete", &id])
        .assert()
        .success();
    // The staged key went; the installed pair stayed.
    assert!(!dir.path().join("pair.key.new").exists());
    assert_eq!(std::fs::read(&key).unwrap(), before);
    assert!(key_matches_cert(&key, &dir.path().join("pair.pem")));
}

#[test]
fn merge_installs_a_certificate_issued_by_hand_only_for_the_key_and_the_ca() {
    let lab = Lab::start(&["--pending", "2"]);
    let other_ca = Lab::start(&[]);
    let state = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    enroll(state.path(), &lab.url, dir.path(), "merge", &["--no-wait"])
        .assert()
        .code(3);
    let id = pending_id(state.path());
    let key = dir.path().join("merge.key");
    // The CA's administrator issues for the pending key: here, the lab itself, asked from
    // another state directory with the same key.
    let by_hand = elsewhere.path().join("by-hand.pem");
    let issue = |url: &str, key: &Path, out: &Path| {
        certenroll_in(elsewhere.path())
            .args(["enroll", "--no-challenge", "--cn", "merge", "--url", url])
            .args(["--poll-interval", "0"])
            .arg("--key")
            .arg(key)
            .arg("--out-cert")
            .arg(out)
            .assert()
            .success();
    };
    issue(&lab.url, &key, &by_hand);
    // From another CA, for the same key: refused, nothing changed.
    let foreign = elsewhere.path().join("foreign.pem");
    issue(&other_ca.url, &key, &foreign);
    // From the CA, for another key: refused, nothing changed.
    enroll(
        elsewhere.path(),
        &lab.url,
        elsewhere.path(),
        "stranger",
        &["--poll-interval", "0"],
    )
    .assert()
    .success();
    let before = listing(dir.path());
    for wrong in [foreign, elsewhere.path().join("stranger.pem")] {
        certenroll_in(state.path())
            .args(["pending", "merge", &id, "--cert"])
            .arg(&wrong)
            .assert()
            .code(7);
        assert_eq!(listing(dir.path()), before);
        assert_eq!(pending_id(state.path()), id);
    }
    // The right one: installed as an issued reply would be, and the request is done.
    certenroll_in(state.path())
        .args(["pending", "merge", &id[..10], "--cert"])
        .arg(&by_hand)
        .assert()
        .success()
        .stdout(predicate::str::contains("Issued certificate"));
    assert!(key_matches_cert(&key, &dir.path().join("merge.pem")));
    let listed = list(state.path());
    assert_eq!(listed["pending"], Value::Array(Vec::new()));
    assert_eq!(listed["certificates"][0]["status"], "success");
    assert_eq!(
        listed["certificates"][0]["last_result"]["operation"],
        "merge"
    );
    let history = crate::util::history(state.path());
    let last = history.last().unwrap();
    assert_eq!(
        (last["operation"].as_str(), last["status"].as_str()),
        (Some("merge"), Some("success"))
    );
}

#[test]
fn a_second_request_for_the_same_files_is_refused_unless_it_replaces_the_first() {
    let lab = Lab::start(&["--pending", "100"]);
    let state = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    enroll(state.path(), &lab.url, dir.path(), "twice", &["--no-wait"])
        .assert()
        .code(3);
    let first = pending_id(state.path());
    let key = std::fs::read(dir.path().join("twice.key")).unwrap();
    enroll(
        state.path(),
        &lab.url,
        dir.path(),
        "twice",
        &["--no-wait", "--force"],
    )
    .assert()
    .code(2)
    .stderr(predicate::str::contains(&first))
    .stderr(predicate::str::contains("certenroll poll"))
    .stderr(predicate::str::contains("pending delete"));
    assert_eq!(std::fs::read(dir.path().join("twice.key")).unwrap(), key);
    enroll(
        state.path(),
        &lab.url,
        dir.path(),
        "twice",
        &["--no-wait", "--replace-pending"],
    )
    .assert()
    .code(3)
    .stderr(predicate::str::contains("deleted the pending request"));
    let second = pending_id(state.path());
    assert_ne!(second, first);
    assert_ne!(std::fs::read(dir.path().join("twice.key")).unwrap(), key);
}

#[test]
fn renew_dry_run_and_check_say_whether_it_is_due_and_send_nothing() {
    let lab = Lab::start(&[]);
    let state = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    enroll(state.path(), &lab.url, dir.path(), "due", &[])
        .assert()
        .success();
    let requests = lab.log().matches("PKCSReq").count();
    let renew = |extra: &[&str]| {
        let mut cmd = certenroll_in(state.path());
        cmd.args(["renew", "--url", &lab.url])
            .arg("--key")
            .arg(dir.path().join("due.key"))
            .arg("--cert")
            .arg(dir.path().join("due.pem"))
            .args(extra);
        cmd
    };
    let not_due: Value = json_of(&mut renew(&["--dry-run", "--json"]), 0);
    assert_eq!(not_due["status"], "not-due");
    assert!(
        not_due["why"]
            .as_str()
            .unwrap()
            .starts_with("not due until")
    );
    renew(&["--check"]).assert().code(1);
    // Due once a renewal margin longer than the lifetime applies.
    renew(&["--dry-run", "--renew-before", "400d"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("Due: CN=due: due since"));
    renew(&["--check", "--renew-before", "400d"])
        .assert()
        .code(0);
    assert_eq!(lab.log().matches("PKCSReq").count(), requests);
    assert_eq!(lab.log().matches("RenewalReq").count(), 0);
}

#[test]
fn a_state_directory_of_0_1_0_is_read_and_its_installed_certificates_listed() {
    // certenroll 0.1.0 kept no registry: its history's installed files start one.
    let lab = Lab::start(&[]);
    let made = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    enroll(made.path(), &lab.url, dir.path(), "old", &[])
        .assert()
        .success();
    let cert = dir.path().join("old.pem");
    let state = tempfile::tempdir().unwrap();
    // A history as 0.1.0 wrote it (its fields, nothing else), and one of its pending requests.
    let history = serde_json::json!([{
        "time": "2026-11-20T10:00:00Z",
        "profile": null,
        "protocol": "scep",
        "operation": "enroll",
        "server": lab.url,
        "transaction_id": "AB",
        "status": "success",
        "detail": "Issued",
        "fail_info": null,
        "http_status": null,
        "exit_code": 0,
        "serial": "03",
        "subject": "CN=old",
        "not_after": "2027-11-20T10:00:00Z",
        "sha256": "00",
        "cert_path": cert.display().to_string(),
        "duration_ms": 12
    }]);
    std::fs::write(state.path().join("history.json"), history.to_string()).unwrap();
    std::fs::create_dir(state.path().join("pending")).unwrap();
    std::fs::copy(
        "tests/data/state-0.1.0/scep-enroll.json",
        state.path().join("pending/scep-enroll.json"),
    )
    .unwrap();
    let listed = list(state.path());
    let managed = &listed["certificates"][0];
    assert_eq!(managed["status"], "success", "{listed}");
    assert_eq!(managed["files"]["key"], Value::Null);
    assert_eq!(managed["certificate"]["subject"], "CN=old");
    assert_eq!(listed["pending"].as_array().unwrap().len(), 1);
    // Started once: the registry is there now.
    assert!(state.path().join("managed").is_dir());
}

#[test]
fn the_issued_certificate_shows_its_names() {
    let lab = Lab::start(&[]);
    let state = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    enroll(
        state.path(),
        &lab.url,
        dir.path(),
        "named",
        &["--san", "dns:named.example,ip:192.0.2.7"],
    )
    .assert()
    .success()
    .stdout(predicate::str::contains(
        "  names     dns:named.example, ip:192.0.2.7",
    ));
    let listed = list(state.path());
    assert_eq!(
        listed["certificates"][0]["certificate"]["sans"],
        serde_json::json!(["dns:named.example", "ip:192.0.2.7"])
    );
}
