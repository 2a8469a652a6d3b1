//! DESIGN's rules that keep users' data safe, as tests: state and configuration others could
//! write are refused, saved state never carries a command, two runs never work on the same key
//! at once, and a link planted where a file is replaced is never followed.

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

use predicates::prelude::*;

use crate::util::{Lab, certenroll_in, listing};

/// Enroll KEY/CERT in `dir` from `lab` without a challenge.
fn enroll(state: &Path, lab: &Lab, dir: &Path, extra: &[&str]) -> assert_cmd::assert::Assert {
    certenroll_in(state)
        .current_dir(dir)
        .args([
            "enroll",
            "-q",
            "--no-challenge",
            "--url",
            &lab.url,
            "--cn",
            "safe",
        ])
        .args(["--out-key", "key.pem", "--out-cert", "cert.pem"])
        .args(extra)
        .assert()
}

#[test]
fn state_and_configuration_others_can_write_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state");
    std::fs::create_dir(&state).unwrap();
    std::fs::set_permissions(&state, std::fs::Permissions::from_mode(0o777)).unwrap();
    certenroll_in(&state)
        .arg("history")
        .assert()
        .code(6)
        .stderr(predicate::str::contains("refusing this state directory"))
        .stderr(predicate::str::contains("chmod go-w"));

    let config = dir.path().join("config.toml");
    std::fs::write(&config, "[profile.p]\nurl = \"http://127.0.0.1:9/scep\"\n").unwrap();
    std::fs::set_permissions(&config, std::fs::Permissions::from_mode(0o666)).unwrap();
    let private = tempfile::tempdir().unwrap();
    certenroll_in(private.path())
        .arg("--config")
        .arg(&config)
        .args(["--profile", "p", "poll"])
        .assert()
        .code(6)
        .stderr(predicate::str::contains("refusing this configuration file"));
}

#[test]
fn a_command_planted_in_saved_state_is_never_run() {
    let lab = Lab::start(&["--pending", "1"]);
    let dir = tempfile::tempdir().unwrap();
    let state = tempfile::tempdir().unwrap();
    enroll(state.path(), &lab, dir.path(), &["--no-wait"]).code(3);
    let pending = state.path().join("pending");
    let file = pending.join(&listing(&pending)[0]);
    let planted = dir.path().join("planted");
    let mut request: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
    request["post_hook"] = format!("touch {}", planted.display()).into();
    std::fs::write(&file, serde_json::to_vec(&request).unwrap()).unwrap();
    certenroll_in(state.path())
        .args(["poll", "-q", "--poll-interval", "0"])
        .assert()
        .code(0);
    assert!(dir.path().join("cert.pem").exists());
    assert!(!planted.exists(), "a command from the state directory ran");
}

#[test]
fn runs_with_other_state_directories_do_not_work_on_the_same_key_at_once() {
    let lab = Lab::start(&["--delay", "2", "--fault-limit", "1"]);
    let dir = tempfile::tempdir().unwrap();
    let (first_state, second_state) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let mut first = std::process::Command::new(assert_cmd::cargo::cargo_bin("certenroll"))
        .env("CERTENROLL_STATE_DIR", first_state.path())
        .current_dir(dir.path())
        .args([
            "enroll",
            "-q",
            "--no-challenge",
            "--url",
            &lab.url,
            "--cn",
            "one",
        ])
        .args(["--out-key", "key.pem", "--out-cert", "cert.pem"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // The first run holds the key's lock (its PID is in the lock file beside the key) while
    // the CA takes its time.
    let lock = dir.path().join(".key.pem.lock");
    let holder = first.id().to_string();
    let deadline = Instant::now() + Duration::from_secs(10);
    while std::fs::read_to_string(&lock).map_or(true, |pid| pid.trim() != holder)
        && Instant::now() < deadline
    {
        std::thread::sleep(Duration::from_millis(10));
    }
    enroll(
        second_state.path(),
        &lab,
        dir.path(),
        &["--force", "--lock-wait", "0"],
    )
    .code(6)
    .stderr(predicate::str::contains("another certenroll run"))
    .stderr(predicate::str::contains("key.pem"));
    assert!(first.wait().unwrap().success());
    assert!(!dir.path().join("key.pem.new").exists());
}

#[test]
fn renew_never_copies_out_a_file_behind_a_link() {
    let lab = Lab::start(&[]);
    let dir = tempfile::tempdir().unwrap();
    let state = tempfile::tempdir().unwrap();
    enroll(state.path(), &lab, dir.path(), &[]).code(0);
    // The certificate path is a link (planted by someone who can write the directory).
    let real = dir.path().join("real-cert.pem");
    std::fs::rename(dir.path().join("cert.pem"), &real).unwrap();
    std::os::unix::fs::symlink(&real, dir.path().join("cert.pem")).unwrap();
    let (key, cert) = (
        std::fs::read(dir.path().join("key.pem")).unwrap(),
        std::fs::read(&real).unwrap(),
    );
    certenroll_in(state.path())
        .current_dir(dir.path())
        .args([
            "renew", "--url", &lab.url, "--key", "key.pem", "--cert", "cert.pem",
        ])
        .arg("--force")
        .assert()
        .code(6)
        .stderr(predicate::str::contains("symbolic link"));
    // Refused before anything was sent or written.
    assert!(!lab.log().contains("RenewalReq"));
    assert_eq!(
        listing(dir.path()),
        ["cert.pem", "key.pem", "real-cert.pem"]
    );
    assert_eq!(std::fs::read(dir.path().join("key.pem")).unwrap(), key);
    assert_eq!(std::fs::read(&real).unwrap(), cert);
}

#[test]
fn a_run_that_outlives_its_deadline_stops_with_exit_5_and_releases_its_lock() {
    let lab = Lab::start(&["--delay", "30"]);
    let dir = tempfile::tempdir().unwrap();
    let state = tempfile::tempdir().unwrap();
    let started = Instant::now();
    enroll(state.path(), &lab, dir.path(), &["--deadline", "1"])
        .code(5)
        .stderr(predicate::str::contains("stopped at its deadline (1 s"));
    assert!(started.elapsed() < Duration::from_secs(20));
    // The key made before the request stays (mode 0600, no temporary file), and nothing holds
    // the lock: the next run starts at once.
    assert_eq!(listing(dir.path()), ["key.pem"]);
    assert_eq!(crate::util::mode(&dir.path().join("key.pem")), 0o600);
    certenroll_in(state.path())
        .args(["--lock-wait", "0", "poll"])
        .assert()
        .code(0);
}

#[test]
fn a_deploy_hook_sees_the_certificate_but_not_the_secrets() {
    let lab = Lab::start(&[]);
    let dir = tempfile::tempdir().unwrap();
    let state = tempfile::tempdir().unwrap();
    enroll(state.path(), &lab, dir.path(), &[]).code(0);
    certenroll_in(state.path())
        .current_dir(dir.path())
        .env("CERTENROLL_CHALLENGE", "challenge-secret")
        .env("BUNDLE_PASSPHRASE", "bundle-secret")
        .env("DEVICE_CHALLENGE", "named-challenge-secret")
        .args([
            "renew", "--force", "--url", &lab.url, "--key", "key.pem", "--cert", "cert.pem",
        ])
        .args(["--challenge-env", "DEVICE_CHALLENGE"])
        .args([
            "--out-p12",
            "bundle.p12",
            "--p12-passphrase-env",
            "BUNDLE_PASSPHRASE",
        ])
        .args(["--pre-hook", "env > pre-env.txt"])
        .args(["--deploy-hook", "env > hook-env.txt"])
        .args(["--post-hook", "env > post-env.txt"])
        .assert()
        .code(0);
    for file in ["pre-env.txt", "hook-env.txt", "post-env.txt"] {
        let env = std::fs::read_to_string(dir.path().join(file)).unwrap();
        assert!(env.contains("CERTENROLL_CERT="), "{file}: {env}");
        assert!(!env.contains("challenge-secret"), "{file}: {env}");
        assert!(!env.contains("bundle-secret"), "{file}: {env}");
        assert!(!env.contains("named-challenge-secret"), "{file}: {env}");
    }
}

#[test]
fn no_core_dump_can_hold_a_key_or_a_password() {
    // Any certenroll process: here the lab, which runs long enough to look at. Started with
    // core dumps allowed, as a shell with `ulimit -c unlimited` would.
    let lab = crate::util::Lab::start_with_core_dumps();
    let limits = std::fs::read_to_string(format!("/proc/{}/limits", lab.pid())).unwrap();
    let core = limits
        .lines()
        .find(|l| l.starts_with("Max core file size"))
        .unwrap();
    let fields: Vec<&str> = core.split_whitespace().collect();
    assert_eq!(fields[4..6], ["0", "0"], "{core}");
}

#[test]
fn a_password_in_the_url_is_refused_and_stored_nowhere() {
    let state = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    for url in [
        "http://admin:s3cret@127.0.0.1:9/scep",
        "https://admin:s3cret@127.0.0.1:9/.well-known/est",
    ] {
        crate::util::certenroll_in(state.path())
            .args(["enroll", "--no-challenge", "--cn", "x", "--url", url])
            .arg("--out-key")
            .arg(dir.path().join("k.pem"))
            .arg("--out-cert")
            .arg(dir.path().join("c.pem"))
            .assert()
            .code(2)
            .stderr(predicate::str::contains("carries a password"))
            .stderr(predicate::str::contains("s3cret").not());
    }
    crate::util::certenroll_in(state.path())
        .args(["doctor", "--url", "http://admin:s3cret@127.0.0.1:9/scep"])
        .assert()
        .code(2)
        .stdout(predicate::str::contains("s3cret").not());
    let history = std::fs::read_to_string(state.path().join("history.json")).unwrap();
    assert!(
        history.contains("admin:***@") && !history.contains("s3cret"),
        "{history}"
    );
    assert!(crate::util::listing(dir.path()).is_empty());
}

/// Every file under `dir`, with its contents (what a secret must not be found in).
fn all_files(dir: &Path) -> Vec<(std::path::PathBuf, Vec<u8>)> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            found.extend(all_files(&path));
        } else {
            found.push((path.clone(), std::fs::read(&path).unwrap()));
        }
    }
    found
}

fn holds(bytes: &[u8], secret: &str) -> bool {
    bytes.windows(secret.len()).any(|w| w == secret.as_bytes())
}

#[test]
fn under_umask_000_keys_and_state_stay_private_and_no_secret_is_kept_or_logged() {
    // SCEP: the challenge from the environment, a request left pending, then polled and
    // installed with a deploy hook, all at -vv and with the most permissive umask.
    let lab = Lab::start(&["--pending", "1", "--challenge", "scep-secret-9f2c"]);
    let dir = tempfile::tempdir().unwrap();
    let state = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| {
        let output = std::process::Command::new("/bin/sh")
            .args(["-c", "umask 000 && exec \"$0\" \"$@\""])
            .arg(assert_cmd::cargo::cargo_bin("certenroll"))
            .args(args)
            .env("CERTENROLL_STATE_DIR", state.path())
            .env("CERTENROLL_CHALLENGE", "scep-secret-9f2c")
            .current_dir(dir.path())
            .output()
            .unwrap();
        let mut logs = output.stdout;
        logs.extend(output.stderr);
        (output.status.code(), logs)
    };
    let (code, enroll_log) = run(&[
        "-vv",
        "enroll",
        "--url",
        &lab.url,
        "--cn",
        "private",
        "--out-key",
        "key.pem",
        "--out-cert",
        "cert.pem",
        "--no-wait",
    ]);
    assert_eq!(code, Some(3), "{}", String::from_utf8_lossy(&enroll_log));
    let (code, poll_log) = run(&["-vv", "poll", "--poll-interval", "0"]);
    assert_eq!(code, Some(0), "{}", String::from_utf8_lossy(&poll_log));
    assert_eq!(crate::util::mode(&dir.path().join("key.pem")), 0o600);
    for (path, contents) in all_files(state.path()) {
        let name = path
            .strip_prefix(state.path())
            .unwrap()
            .display()
            .to_string();
        if !name.ends_with(".lock") && name != "history.json" {
            assert_eq!(crate::util::mode(&path), 0o600, "{name}");
        }
        assert!(
            !holds(&contents, "scep-secret-9f2c"),
            "the challenge is in {name}"
        );
    }
    for log in [&enroll_log, &poll_log] {
        assert!(
            !holds(log, "scep-secret-9f2c"),
            "{}",
            String::from_utf8_lossy(log)
        );
    }
    // The lab did get it: the secret was sent, just never kept or shown.
    assert!(lab.log().contains("CN=private"));
}
