//! Profiles from the configuration file: they drive enroll and poll, flags override them,
//! errors name file, line and key, exports hold no secret and import back, and two runs on
//! one profile never interleave.

use std::path::Path;

use predicates::prelude::*;

use crate::util::{Lab, certenroll_in, history, json_of, listing};

/// A config with one profile `p` for `url`, files in `dir`.
fn write_config(dir: &Path, url: &str, extra: &str) -> std::path::PathBuf {
    let path = dir.join("config.toml");
    std::fs::write(
        &path,
        format!(
            "[profile.p]\nurl = \"{url}\"\ncn = \"from-profile\"\nkey = \"{k}\"\ncert = \"{c}\"\nchallenge_env = \"LAB_CHALLENGE\"\npoll_interval = 0\n{extra}",
            k = dir.join("p.key").display(),
            c = dir.join("p.pem").display(),
        ),
    )
    .unwrap();
    path
}

#[test]
fn a_profile_drives_enroll_and_poll() {
    let lab = Lab::start(&["--pending", "1", "--challenge", "c1"]);
    let state = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let config = write_config(
        dir.path(),
        &lab.url,
        "\n[profile.other]\nurl = \"http://127.0.0.1:9/scep\"\n",
    );
    let run = || {
        let mut cmd = certenroll_in(state.path());
        cmd.env("CERTENROLL_CONFIG", &config)
            .env("LAB_CHALLENGE", "c1");
        cmd
    };
    let pending: serde_json::Value = json_of(
        run().args(["--profile", "p", "enroll", "--no-wait", "--json"]),
        3,
    );
    assert_eq!(pending["status"], "pending");
    let saved = std::fs::read_to_string(state.path().join("pending").join(format!(
        "{}.json",
        pending["transaction_id"].as_str().unwrap()
    )))
    .unwrap();
    assert!(saved.contains("\"profile\": \"p\""), "{saved}");
    // Another profile has nothing pending; this one finishes.
    run()
        .args(["poll", "--profile", "other"])
        .assert()
        .success()
        .stdout(predicate::str::contains("No pending requests"));
    run().args(["poll", "--profile", "p"]).assert().success();
    assert_eq!(listing(dir.path()), ["config.toml", "p.key", "p.pem"]);
    let text = crate::util::openssl(&[
        "x509",
        "-in",
        dir.path().join("p.pem").to_str().unwrap(),
        "-noout",
        "-subject",
    ]);
    assert!(text.contains("from-profile"), "{text}");
    let entries = history(state.path());
    assert!(entries.iter().all(|e| e["profile"] == "p"), "{entries:?}");

    // A flag overrides the profile; the key now exists, so the profile reuses it.
    let key_before = std::fs::read(dir.path().join("p.key")).unwrap();
    let lab2 = Lab::start(&["--challenge", "c1"]);
    let issued: serde_json::Value = json_of(
        run().args([
            "enroll",
            "--profile",
            "p",
            "--json",
            "--cn",
            "from-flag",
            "--url",
            &lab2.url,
        ]),
        0,
    );
    assert_eq!(issued["certificate"]["subject"], "CN=from-flag");
    assert_eq!(std::fs::read(dir.path().join("p.key")).unwrap(), key_before);
}

#[test]
fn config_errors_name_the_file_line_and_key() {
    let dir = tempfile::tempdir().unwrap();
    let config = write_config(dir.path(), "http://127.0.0.1:9/scep", "cipher = \"rc4\"\n");
    let state = tempfile::tempdir().unwrap();
    for args in [vec!["config", "check"], vec!["--profile", "p", "enroll"]] {
        certenroll_in(state.path())
            .env("CERTENROLL_CONFIG", &config)
            .args(&args)
            .assert()
            .code(2)
            .stderr(predicate::str::contains(format!(
                "{}, line 8: `cipher = \"rc4\"`: unknown cipher",
                config.display()
            )));
    }
    std::fs::write(
        &config,
        "[profile.p]\nurl = \"http://x/scep\"\nretry_on_eror = true\n",
    )
    .unwrap();
    certenroll_in(state.path())
        .env("CERTENROLL_CONFIG", &config)
        .args(["config", "check"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("line 3"))
        .stderr(predicate::str::contains("did you mean `retry_on_error`?"));
    std::fs::write(&config, "[profile.p]\nurl = \"http://x/scep\"\n").unwrap();
    certenroll_in(state.path())
        .env("CERTENROLL_CONFIG", &config)
        .args(["--profile", "q", "poll"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no profile 'q'"))
        .stderr(predicate::str::contains("(profiles: p)"));
    certenroll_in(state.path())
        .env("CERTENROLL_CONFIG", dir.path().join("missing.toml"))
        .args(["--profile", "p", "poll"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("there is no configuration file"));
}

#[test]
fn export_holds_no_secret_and_import_round_trips() {
    let dir = tempfile::tempdir().unwrap();
    let config = write_config(
        dir.path(),
        "http://ca.example/scep",
        "jitter = \"1..600\"\nsan = [\"dns:a.example\"]\n",
    );
    let state = tempfile::tempdir().unwrap();
    let export = dir.path().join("export.toml");
    certenroll_in(state.path())
        .env("CERTENROLL_CONFIG", &config)
        .env("LAB_CHALLENGE", "the-secret-value")
        .args(["config", "export"])
        .arg(&export)
        .assert()
        .success();
    let exported = std::fs::read_to_string(&export).unwrap();
    assert!(!exported.contains("the-secret-value"));
    assert!(
        exported.contains("challenge_env = \"LAB_CHALLENGE\""),
        "{exported}"
    );

    let other = tempfile::tempdir().unwrap();
    let imported_config = other.path().join("etc").join("config.toml");
    certenroll_in(state.path())
        .env("CERTENROLL_CONFIG", &imported_config)
        .args(["config", "import"])
        .arg(&export)
        .assert()
        .success()
        .stdout(predicate::str::contains("Imported p"));
    let show = |path: &Path| -> serde_json::Value {
        json_of(
            certenroll_in(state.path())
                .env("CERTENROLL_CONFIG", path)
                .args(["config", "show", "--json"]),
            0,
        )
    };
    assert_eq!(show(&imported_config), show(&config));
    // A bad import changes nothing.
    std::fs::write(&export, "[profile.p]\nurl = 5\n").unwrap();
    certenroll_in(state.path())
        .env("CERTENROLL_CONFIG", &imported_config)
        .args(["config", "import"])
        .arg(&export)
        .assert()
        .code(2);
    assert_eq!(show(&imported_config), show(&config));
}

#[test]
fn two_runs_on_one_profile_never_interleave() {
    let lab = Lab::start(&["--delay", "3"]);
    let state = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let config = write_config(dir.path(), &lab.url, "");
    let mut first = std::process::Command::new(assert_cmd::cargo::cargo_bin("certenroll"))
        .env("CERTENROLL_STATE_DIR", state.path())
        .env("CERTENROLL_CONFIG", &config)
        .env("LAB_CHALLENGE", "any")
        .args(["--profile", "p", "enroll", "-q"])
        .spawn()
        .unwrap();
    // Wait until the first run holds the lock and has its request in flight.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while !lab.log().contains("injected delay") {
        assert!(
            std::time::Instant::now() < deadline,
            "the first run never reached the lab"
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    certenroll_in(state.path())
        .env("CERTENROLL_CONFIG", &config)
        .env("LAB_CHALLENGE", "any")
        .args(["--profile", "p", "enroll", "--lock-wait", "0"])
        .assert()
        .code(6)
        .stderr(predicate::str::contains(format!("(PID {})", first.id())))
        .stderr(predicate::str::contains("profile 'p'"));
    assert!(first.wait().unwrap().success());
    assert_eq!(
        lab.log().matches("certificate request").count(),
        1,
        "{}",
        lab.log()
    );
}

#[test]
fn config_init_without_input_writes_a_profile_enroll_can_use() {
    let lab = Lab::start(&["--challenge", "init-secret"]);
    let state = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("etc").join("config.toml");
    let challenge = crate::util::challenge_file(dir.path(), "init-secret");
    let init = |extra: &[&str]| {
        let mut cmd = certenroll_in(state.path());
        cmd.env("CERTENROLL_CONFIG", &config)
            .args([
                "--profile",
                "dev",
                "config",
                "init",
                "--no-input",
                "--url",
                &lab.url,
                "--cn",
                "dev-1",
            ])
            .arg("--challenge-file")
            .arg(&challenge)
            .args(extra);
        cmd
    };
    // Neither a fingerprint nor an explicit yes: nothing is trusted, nothing written.
    init(&[])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--fingerprint"));
    init(&["--fingerprint", &"00".repeat(32)]).assert().code(7);
    assert!(!config.exists());
    // A key in a directory that does not exist is said at once, not found out at enrollment.
    let nowhere = dir.path().join("nowhere/dev.key");
    init(&[
        "--fingerprint",
        &lab.ca_sha256,
        "--key",
        nowhere.to_str().unwrap(),
    ])
    .assert()
    .code(2)
    .stderr(predicate::str::contains(format!(
        "Key file: the directory {} does not exist",
        dir.path().join("nowhere").display()
    )));
    assert!(!config.exists());

    init(&["--fingerprint", &lab.ca_sha256])
        .assert()
        .success()
        .stdout(predicate::str::contains("Wrote profile 'dev'"));
    init(&["--trust-ca"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--force"));
    let written = std::fs::read_to_string(&config).unwrap();
    assert!(
        written.contains("cn = \"dev-1\"") && written.contains("san = [\"dns:dev-1\"]"),
        "{written}"
    );
    assert!(!written.contains("init-secret"));

    certenroll_in(state.path())
        .env("CERTENROLL_CONFIG", &config)
        .args(["--profile", "dev", "enroll", "-q"])
        .assert()
        .success();
    assert!(config.parent().unwrap().join("dev.pem").exists());
    assert_eq!(
        crate::util::mode(&config.parent().unwrap().join("dev.key")),
        0o600
    );
}

#[test]
fn config_check_takes_only_what_the_command_line_takes_and_reports_the_first_mistake_in_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let state = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.toml");
    let check = |text: &str, expected: &str| {
        std::fs::write(&config, text).unwrap();
        certenroll_in(state.path())
            .env("CERTENROLL_CONFIG", &config)
            .args(["config", "check"])
            .assert()
            .code(2)
            .stderr(predicate::str::contains(expected));
    };
    check(
        "[profile.p]\nsan = \"dns:a.example\"\n",
        "san is a list: write san = [\"dns:a.example\"]",
    );
    check(
        "[profile.p]\nurl = \"ftp://ca.example/scep\"\n",
        "[profile.p]: url 'ftp://ca.example/scep' is not an http:// or https:// URL",
    );
    check(
        "[profile.p]\ncn = \"a\"\nsubject = \"CN=b\"\n",
        "[profile.p]: subject names the whole subject: cn goes inside it",
    );
    check(
        "[profile.p]\nurl = \"http://ca.example/scep\"\nusername = \"dev\"\n",
        "--username is an EST option, but this runs SCEP",
    );
    check(
        "[profile.p]\nurl = \"http://ca.example/scep\"\nocsp_file = \"/tmp/p.ocsp\"\n",
        "[profile.p]: ocsp_file needs chain",
    );
    check(
        "[profile.p]\nurl = \"http://ca.example/scep\"\nkey = \"k.pem\"\ncert_to_token = true\n",
        "[profile.p]: cert_to_token puts the certificate beside its key on a token",
    );
    // Two mistakes: the one higher in the file is reported, whatever the names' order.
    check(
        "[profile.zz]\nurl = \"ftp://first/scep\"\n\n[profile.aa]\nurl = \"ftp://second/scep\"\n",
        "[profile.zz]: url 'ftp://first/scep'",
    );
    // A profile that leaves the subject to the command line is fine.
    std::fs::write(&config, "[profile.p]\nurl = \"http://ca.example/scep\"\n").unwrap();
    certenroll_in(state.path())
        .env("CERTENROLL_CONFIG", &config)
        .args(["config", "check"])
        .assert()
        .code(0);
}
