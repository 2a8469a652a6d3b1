//! Renewal: RenewalReq against micromdm, PKCSReq signed with the current certificate where the
//! CA lacks Renewal, nothing sent when not due, the current pair intact through rejection,
//! hostile replies and a killed run, hooks, pending renewals, and `renew --all`.

use std::path::{Path, PathBuf};

use predicates::prelude::*;

use crate::util::{
    CHALLENGE, Lab, ScepServer, certenroll_in, challenge_file, history, json_of, listing, openssl,
};

struct Pair {
    key: PathBuf,
    cert: PathBuf,
}

impl Pair {
    fn in_dir(dir: &Path) -> Self {
        Pair {
            key: dir.join("key.pem"),
            cert: dir.join("cert.pem"),
        }
    }

    fn matches(&self) -> bool {
        crate::util::key_matches_cert(&self.key, &self.cert)
    }

    fn snapshot(&self) -> (Vec<u8>, Vec<u8>) {
        (
            std::fs::read(&self.key).unwrap(),
            std::fs::read(&self.cert).unwrap(),
        )
    }
}

/// Enroll `pair` at `url` (challenge in the environment).
fn enroll(state: &Path, url: &str, pair: &Pair, cn: &str) {
    certenroll_in(state)
        .env("CERTENROLL_CHALLENGE", CHALLENGE)
        .args(["enroll", "-q", "--url", url, "--cn", cn])
        .arg("--out-key")
        .arg(&pair.key)
        .arg("--out-cert")
        .arg(&pair.cert)
        .assert()
        .success();
}

fn renew(state: &Path, url: &str, pair: &Pair) -> assert_cmd::Command {
    let mut cmd = certenroll_in(state);
    cmd.env("CERTENROLL_CHALLENGE", CHALLENGE)
        .args(["renew", "--url", url])
        .arg("--key")
        .arg(&pair.key)
        .arg("--cert")
        .arg(&pair.cert);
    cmd
}

fn serial(cert: &Path) -> String {
    openssl(&["x509", "-in", cert.to_str().unwrap(), "-noout", "-serial"])
}

#[test]
fn renewalreq_against_micromdm_keeps_or_deletes_the_old_pair() {
    let server = ScepServer::start();
    let state = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let pair = Pair::in_dir(dir.path());
    enroll(state.path(), &server.url(), &pair, "renew-me");
    let before = pair.snapshot();
    let old_serial = serial(&pair.cert);

    renew(state.path(), &server.url(), &pair)
        .args(["--force", "-v"])
        .assert()
        .success()
        .stderr(predicate::str::contains("renewing RenewalReq"));
    assert!(pair.matches());
    assert_ne!(serial(&pair.cert), old_serial);
    assert_ne!(
        std::fs::read(&pair.key).unwrap(),
        before.0,
        "a new key by default"
    );
    assert_eq!(
        std::fs::read(dir.path().join("key.pem.prev")).unwrap(),
        before.0
    );
    assert_eq!(
        std::fs::read(dir.path().join("cert.pem.prev")).unwrap(),
        before.1
    );
    // micromdm treats it as a renewal of the old certificate: it revokes it.
    let log = std::fs::read_to_string(server.dir.path().join("server.log")).unwrap();
    let old_hex = old_serial
        .trim()
        .trim_start_matches("serial=")
        .to_lowercase();
    assert!(
        log.to_lowercase().contains(&format!(
            "revoking certificate with serial {old_hex} from db"
        )),
        "{log}"
    );

    // --delete-old --reuse-key: no *.prev, same key, new certificate.
    for prev in ["key.pem.prev", "cert.pem.prev"] {
        std::fs::remove_file(dir.path().join(prev)).unwrap();
    }
    let key_now = std::fs::read(&pair.key).unwrap();
    renew(state.path(), &server.url(), &pair)
        .args(["--force", "--delete-old", "--reuse-key"])
        .assert()
        .success();
    assert_eq!(std::fs::read(&pair.key).unwrap(), key_now);
    assert!(pair.matches());
    assert_eq!(listing(dir.path()), ["cert.pem", "key.pem"]);
    let ops: Vec<_> = history(state.path())
        .iter()
        .map(|e| e["operation"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ops, ["enroll", "renew", "renew"]);
}

#[test]
fn without_renewal_the_lab_gets_pkcsreq_signed_with_the_current_certificate() {
    let lab = Lab::start(&["--caps", "SHA-256,AES,POSTPKIOperation"]);
    let state = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let pair = Pair::in_dir(dir.path());
    enroll(state.path(), &lab.url, &pair, "ndes-style");
    renew(state.path(), &lab.url, &pair)
        .arg("--force")
        .assert()
        .success();
    assert!(pair.matches());
    let log = lab.log();
    let requests: Vec<&str> = log
        .lines()
        .filter(|l| l.contains("certificate request"))
        .collect();
    assert_eq!(requests.len(), 2, "{log}");
    assert!(
        requests[0].contains("message_type=PkcsReq") && requests[0].contains("signed_by=\"self\""),
        "{log}"
    );
    assert!(
        requests[1].contains("message_type=PkcsReq")
            && requests[1].contains("signed_by=\"this CA\""),
        "{log}"
    );
}

#[test]
fn not_due_sends_nothing() {
    let lab = Lab::start(&[]);
    let state = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let pair = Pair::in_dir(dir.path());
    enroll(state.path(), &lab.url, &pair, "fresh");
    let log_before = lab.log();
    let reply: serde_json::Value = json_of(renew(state.path(), &lab.url, &pair).arg("--json"), 0);
    assert_eq!(reply["status"], "not-due");
    std::thread::sleep(std::time::Duration::from_millis(200));
    assert_eq!(lab.log(), log_before, "a not-due renewal reached the CA");
    // A margin longer than the lifetime makes it due.
    renew(state.path(), &lab.url, &pair)
        .args(["--renew-before", "400d"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Issued certificate"));
}

#[test]
fn rejected_and_hostile_renewals_leave_the_current_pair_working() {
    let lab = Lab::start(&[]);
    let state = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let pair = Pair::in_dir(dir.path());
    enroll(state.path(), &lab.url, &pair, "keep-me");
    let before = pair.snapshot();
    for (args, code) in [
        (vec!["--fail", "2"], 4),
        (vec!["--fault", "wrong-nonce"], 7),
        (vec!["--fault", "other-key"], 7),
        (vec!["--http-status", "503"], 5),
    ] {
        // Another lab, another CA: PKCSReq (signed with the current certificate) so that it
        // does not turn the renewal down before the fault shows.
        let hostile = Lab::start(&args);
        renew(state.path(), &hostile.url, &pair)
            .args(["--force", "--renewal", "pkcsreq"])
            .assert()
            .code(code);
        assert_eq!(pair.snapshot(), before, "{args:?} changed the pair");
        assert!(pair.matches());
        assert_eq!(
            listing(dir.path()),
            ["cert.pem", "key.pem"],
            "{args:?} left files"
        );
    }
}

#[test]
fn a_run_killed_mid_swap_is_finished_and_stale_staging_is_harmless() {
    let lab = Lab::start(&[]);
    let state = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let pair = Pair::in_dir(dir.path());
    enroll(state.path(), &lab.url, &pair, "swap");
    // Killed after staging, before any swap: a stray KEY.new, the pair untouched.
    std::fs::write(dir.path().join("key.pem.new"), "half-written").unwrap();
    let before = pair.snapshot();
    renew(state.path(), &lab.url, &pair)
        .assert()
        .success()
        .stdout(predicate::str::contains("Not due"));
    assert_eq!(pair.snapshot(), before);
    assert!(pair.matches());

    // Killed between installing the certificate and the key: the certificate matches
    // KEY.new. The next run finishes the swap.
    let other = tempfile::tempdir().unwrap();
    let next = Pair::in_dir(other.path());
    enroll(state.path(), &lab.url, &next, "swap");
    std::fs::copy(&next.key, dir.path().join("key.pem.new")).unwrap();
    std::fs::copy(&next.cert, &pair.cert).unwrap();
    assert!(!pair.matches());
    renew(state.path(), &lab.url, &pair)
        .assert()
        .success()
        .stderr(predicate::str::contains("finished an interrupted renewal"));
    assert!(pair.matches());
    assert_eq!(
        std::fs::read(&pair.key).unwrap(),
        std::fs::read(&next.key).unwrap()
    );
    assert!(!dir.path().join("key.pem.new").exists());
}

#[test]
fn deploy_hook_gets_the_new_certificate_and_its_failure_is_recorded() {
    let lab = Lab::start(&[]);
    let state = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let pair = Pair::in_dir(dir.path());
    enroll(state.path(), &lab.url, &pair, "hooked");
    let out = dir.path().join("hook.out");
    let reply: serde_json::Value = json_of(
        renew(state.path(), &lab.url, &pair).args([
            "--force",
            "--json",
            "--deploy-hook",
            &format!(
                "echo \"$CERTENROLL_SERIAL $CERTENROLL_CERT\" > {}",
                out.display()
            ),
        ]),
        0,
    );
    let written = std::fs::read_to_string(&out).unwrap();
    assert_eq!(
        written.trim(),
        format!(
            "{} {}",
            reply["certificate"]["serial"].as_str().unwrap(),
            pair.cert.display()
        )
    );

    let old = serial(&pair.cert);
    renew(state.path(), &lab.url, &pair)
        .args(["--force", "--deploy-hook", "exit 3"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("the deploy hook: `exit 3` failed"));
    assert_ne!(serial(&pair.cert), old, "the new certificate stays");
    assert!(pair.matches());
    let entries = history(state.path());
    assert!(
        entries.last().unwrap()["detail"]
            .as_str()
            .unwrap()
            .starts_with("Deploy hook failed")
    );
}

#[test]
fn a_pending_renewal_is_polled_by_the_next_run() {
    let lab = Lab::start(&["--pending", "1"]);
    let state = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let pair = Pair::in_dir(dir.path());
    // The enrollment itself goes pending once; finish it in-process.
    certenroll_in(state.path())
        .args([
            "enroll",
            "-q",
            "--no-challenge",
            "--url",
            &lab.url,
            "--cn",
            "slow-ca",
            "--poll-interval",
            "0",
        ])
        .arg("--out-key")
        .arg(&pair.key)
        .arg("--out-cert")
        .arg(&pair.cert)
        .assert()
        .success();
    let before = pair.snapshot();
    renew(state.path(), &lab.url, &pair)
        .args(["--force", "--no-wait"])
        .assert()
        .code(3);
    assert_eq!(pair.snapshot(), before, "nothing swapped while pending");
    assert!(dir.path().join("key.pem.new").exists());
    // The next renew run (a timer) polls that request instead of sending another.
    renew(state.path(), &lab.url, &pair)
        .args(["--force", "--poll-count", "1"])
        .assert()
        .success()
        .stdout(predicate::str::contains("is pending at the CA"));
    // One CertPoll finished the enrollment, one the renewal; one RenewalReq in all.
    assert_eq!(lab.log().matches("CertPoll").count(), 2, "{}", lab.log());
    assert_eq!(
        lab.log().matches("message_type=RenewalReq").count(),
        1,
        "{}",
        lab.log()
    );
    assert!(pair.matches());
    assert_ne!(pair.snapshot(), before);
    assert_eq!(
        std::fs::read(dir.path().join("key.pem.prev")).unwrap(),
        before.0
    );
    assert!(!dir.path().join("key.pem.new").exists());
}

#[test]
fn renew_all_runs_every_profile_and_reports_the_worst() {
    let lab = Lab::start(&[]);
    let state = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let fresh = Pair {
        key: dir.path().join("a.key"),
        cert: dir.path().join("a.pem"),
    };
    let due = Pair {
        key: dir.path().join("b.key"),
        cert: dir.path().join("b.pem"),
    };
    enroll(state.path(), &lab.url, &fresh, "a");
    enroll(state.path(), &lab.url, &due, "b");
    let config = dir.path().join("config.toml");
    let ch = challenge_file(dir.path(), CHALLENGE);
    std::fs::write(
        &config,
        format!(
            "[profile.a]\nurl = \"{u}\"\nkey = \"{ak}\"\ncert = \"{ac}\"\nchallenge_file = \"{ch}\"\n\n[profile.b]\nurl = \"{u}\"\nkey = \"{bk}\"\ncert = \"{bc}\"\nchallenge_file = \"{ch}\"\nrenew_before = \"400d\"\nkeep_old = false\n",
            u = lab.url,
            ak = fresh.key.display(),
            ac = fresh.cert.display(),
            bk = due.key.display(),
            bc = due.cert.display(),
            ch = ch.display(),
        ),
    )
    .unwrap();
    let a_before = fresh.snapshot();
    let b_before = due.snapshot();
    let out = certenroll_in(state.path())
        .env("CERTENROLL_CONFIG", &config)
        .args(["renew", "--all", "-q"])
        .assert()
        .success()
        .get_output()
        .clone();
    let _ = out;
    assert_eq!(fresh.snapshot(), a_before, "profile a was not due");
    assert_ne!(due.snapshot(), b_before, "profile b was due");
    assert!(due.matches());
    assert!(!dir.path().join("b.key.prev").exists(), "keep_old = false");
    // A profile whose CA is down makes the summary exit 5.
    std::fs::write(&config, format!("{}\n[profile.c]\nurl = \"http://127.0.0.1:{}/scep\"\nkey = \"{}\"\ncert = \"{}\"\nrenew_before = \"400d\"\n", std::fs::read_to_string(&config).unwrap(), crate::util::free_port(), fresh.key.display(), fresh.cert.display())).unwrap();
    certenroll_in(state.path())
        .env("CERTENROLL_CONFIG", &config)
        .args(["renew", "--all"])
        .assert()
        .code(5)
        .stdout(predicate::str::contains("renew --all: 3 profile(s)"));
}

#[test]
fn with_a_profile_and_no_certificate_yet_renew_enrolls() {
    let lab = Lab::start(&[]);
    let state = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let pair = Pair::in_dir(dir.path());
    let config = dir.path().join("config.toml");
    std::fs::write(
        &config,
        format!(
            "[profile.new]\nurl = \"{}\"\ncn = \"first-boot\"\nkey = \"{}\"\ncert = \"{}\"\n",
            lab.url,
            pair.key.display(),
            pair.cert.display()
        ),
    )
    .unwrap();
    certenroll_in(state.path())
        .env("CERTENROLL_CONFIG", &config)
        .args(["--profile", "new", "renew", "--no-challenge"])
        .assert()
        .success()
        .stdout(predicate::str::contains("enrolling profile new"));
    assert!(pair.matches());
    // The next timer run finds it not due.
    certenroll_in(state.path())
        .env("CERTENROLL_CONFIG", &config)
        .args(["--profile", "new", "renew"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Not due"));
}

#[test]
fn a_changed_ca_makes_renewal_due() {
    let old_ca = Lab::start(&[]);
    let new_ca = Lab::start(&[]);
    let state = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let pair = Pair::in_dir(dir.path());
    let chain = dir.path().join("chain.pem");
    certenroll_in(state.path())
        .args([
            "enroll",
            "-q",
            "--no-challenge",
            "--url",
            &old_ca.url,
            "--cn",
            "moving",
        ])
        .arg("--out-key")
        .arg(&pair.key)
        .arg("--out-cert")
        .arg(&pair.cert)
        .arg("--out-chain")
        .arg(&chain)
        .assert()
        .success();
    // Pinned to the old CA: not due. Pinned to the new one: due now.
    renew(state.path(), &old_ca.url, &pair)
        .args(["--fingerprint", &old_ca.ca_sha256, "--chain"])
        .arg(&chain)
        .assert()
        .success()
        .stdout(predicate::str::contains("Not due"));
    renew(state.path(), &new_ca.url, &pair)
        .args([
            "--fingerprint",
            &new_ca.ca_sha256,
            "--renewal",
            "pkcsreq",
            "--chain",
        ])
        .arg(&chain)
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "renewing now: the pinned CA is not the one in the chain file",
        ));
    assert!(pair.matches());
    let chain_fp = openssl(&[
        "x509",
        "-in",
        chain.to_str().unwrap(),
        "-noout",
        "-fingerprint",
        "-sha256",
    ]);
    assert!(chain_fp.contains(&new_ca.ca_sha256), "{chain_fp}");
}

#[test]
fn two_concurrent_renewals_on_one_profile_send_one_request() {
    let ca = Lab::start(&[]);
    let slow = Lab::start(&["--delay", "3"]);
    let state = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let pair = Pair::in_dir(dir.path());
    enroll(state.path(), &ca.url, &pair, "busy");
    let config = dir.path().join("config.toml");
    std::fs::write(
        &config,
        format!(
            "[profile.busy]\nurl = \"{}\"\nkey = \"{}\"\ncert = \"{}\"\nrenewal = \"pkcsreq\"\n",
            slow.url,
            pair.key.display(),
            pair.cert.display()
        ),
    )
    .unwrap();
    let mut first = std::process::Command::new(assert_cmd::cargo::cargo_bin("certenroll"))
        .env("CERTENROLL_STATE_DIR", state.path())
        .env("CERTENROLL_CONFIG", &config)
        .args([
            "--profile",
            "busy",
            "renew",
            "--force",
            "--no-challenge",
            "-q",
        ])
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while !slow.log().contains("injected delay") {
        assert!(
            std::time::Instant::now() < deadline,
            "the first renewal never reached the CA"
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    certenroll_in(state.path())
        .env("CERTENROLL_CONFIG", &config)
        .args([
            "--profile",
            "busy",
            "renew",
            "--force",
            "--no-challenge",
            "--lock-wait",
            "0",
        ])
        .assert()
        .code(6)
        .stderr(predicate::str::contains(format!("(PID {})", first.id())));
    assert!(first.wait().unwrap().success());
    assert!(pair.matches());
    assert_eq!(
        slow.log().matches("certificate request").count(),
        1,
        "{}",
        slow.log()
    );
}

#[test]
fn renew_all_names_each_profile_in_every_line_and_goes_on_past_a_broken_one() {
    let lab = Lab::start(&[]);
    let state = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let good = Pair::in_dir(dir.path());
    let config = dir.path().join("config.toml");
    std::fs::write(
        &config,
        format!(
            "[profile.broken]\nurl = \"{u}\"\ncnn = \"typo\"\n\n[profile.down]\nurl = \"http://127.0.0.1:{port}/scep\"\ncn = \"down\"\nkey = \"{dk}\"\ncert = \"{dc}\"\n\n[profile.good]\nurl = \"{u}\"\ncn = \"good\"\nkey = \"{gk}\"\ncert = \"{gc}\"\n",
            u = lab.url,
            port = crate::util::free_port(),
            dk = dir.path().join("down.key").display(),
            dc = dir.path().join("down.pem").display(),
            gk = good.key.display(),
            gc = good.cert.display(),
        ),
    )
    .unwrap();
    // Quiet, as cron runs it: only errors, each naming its profile.
    let output = certenroll_in(state.path())
        .env("CERTENROLL_CONFIG", &config)
        .args(["renew", "--all", "-q", "--no-challenge"])
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(5),
        "the worst: the CA that is down"
    );
    assert!(good.matches(), "the good profile enrolled all the same");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.is_empty());
    for line in stderr.lines() {
        assert!(
            line.starts_with("[broken] ") || line.starts_with("[down] "),
            "{line}"
        );
    }
    assert!(
        stderr.contains("[broken] certenroll: error:") && stderr.contains("cnn"),
        "{stderr}"
    );
    assert!(String::from_utf8_lossy(&output.stdout).is_empty());
    // JSON: each object names its profile.
    let output = certenroll_in(state.path())
        .env("CERTENROLL_CONFIG", &config)
        .args(["renew", "--all", "--json", "--no-challenge"])
        .output()
        .unwrap();
    let objects: Vec<serde_json::Value> = String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let (summary, each) = objects.split_last().unwrap();
    assert_eq!(summary["status"], "summary");
    let named: Vec<&str> = each
        .iter()
        .map(|o| o["profile"].as_str().unwrap())
        .collect();
    assert_eq!(named, ["broken", "down", "good"], "{objects:?}");
}

#[test]
fn pre_deploy_and_post_hooks_run_as_certbots_do_with_their_hook_directories() {
    use std::os::unix::fs::PermissionsExt;
    let lab = Lab::start(&[]);
    let state = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let pair = Pair::in_dir(dir.path());
    enroll(state.path(), &lab.url, &pair, "hooked");
    let log = dir.path().join("hooks.log");
    let append = |what: &str| format!("echo \"{what}\" >> {}", log.display());
    // A configuration directory with a deploy hook directory (its file executable).
    let conf = dir.path().join("conf");
    std::fs::create_dir_all(conf.join("hooks/deploy")).unwrap();
    std::fs::set_permissions(&conf, std::fs::Permissions::from_mode(0o700)).unwrap();
    let script = conf.join("hooks/deploy/50-reload");
    std::fs::write(
        &script,
        format!("#!/bin/sh\n{}\n", append("dir deploy $CERTENROLL_SERIAL")),
    )
    .unwrap();
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    let hooks = |cmd: &mut assert_cmd::Command| {
        cmd.arg("--config")
            .arg(conf.join("config.toml"))
            .args(["--pre-hook", &append("pre $CERTENROLL_KEY")])
            .args(["--deploy-hook", &append("deploy $CERTENROLL_PROFILE")])
            .args([
                "--post-hook",
                &append("post $CERTENROLL_RESULT $CERTENROLL_EXIT_CODE"),
            ]);
    };
    // Not due: nothing is attempted, no hook runs.
    let mut cmd = renew(state.path(), &lab.url, &pair);
    hooks(&mut cmd);
    cmd.assert().code(0);
    assert!(!log.exists());
    // Due: pre, then the deploy command and directory, then post with the result.
    let mut cmd = renew(state.path(), &lab.url, &pair);
    hooks(&mut cmd);
    cmd.arg("--force").assert().code(0);
    let serial = openssl(&[
        "x509",
        "-noout",
        "-serial",
        "-in",
        pair.cert.to_str().unwrap(),
    ]);
    let serial = serial.trim().trim_start_matches("serial=").to_lowercase();
    assert_eq!(
        std::fs::read_to_string(&log).unwrap(),
        format!(
            "pre {}\ndeploy \ndir deploy {serial}\npost issued 0\n",
            pair.key.display()
        )
    );
    // A failing pre hook: nothing is sent, nothing changes, exit 1.
    std::fs::remove_file(&log).unwrap();
    let before = pair.snapshot();
    let requests = lab.log().matches("certificate request").count();
    renew(state.path(), &lab.url, &pair)
        .arg("--force")
        .args(["--pre-hook", "exit 7"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("the pre hook: `exit 7` failed"))
        .stderr(predicate::str::contains("nothing was sent"));
    assert_eq!(pair.snapshot(), before);
    assert_eq!(lab.log().matches("certificate request").count(), requests);
}

#[test]
fn a_profiles_old_post_hook_still_deploys_with_a_word_to_rename_it() {
    let lab = Lab::start(&[]);
    let state = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let pair = Pair::in_dir(dir.path());
    enroll(state.path(), &lab.url, &pair, "legacy");
    let marker = dir.path().join("deployed");
    let config = dir.path().join("config.toml");
    std::fs::write(
        &config,
        format!(
            "[profile.legacy]\nurl = \"{}\"\nkey = \"{}\"\ncert = \"{}\"\npost_hook = \"touch {}\"\n",
            lab.url,
            pair.key.display(),
            pair.cert.display(),
            marker.display()
        ),
    )
    .unwrap();
    certenroll_in(state.path())
        .env("CERTENROLL_CONFIG", &config)
        .env("CERTENROLL_CHALLENGE", CHALLENGE)
        .args(["--profile", "legacy", "renew", "--force"])
        .assert()
        .code(0)
        .stderr(predicate::str::contains("rename it deploy_hook"));
    assert!(marker.exists(), "the old post_hook ran as the deploy hook");
}
