//! CA rollover: the successor a CA announces (SCEP GetNextCACert, EST NewWithNew), kept in
//! the chain file by renew, and trusted in place of the pinned CA only once the server has
//! switched to exactly that successor.

use std::path::Path;

use crate::util::{Lab, certenroll_in, free_port, json_of};

#[test]
fn getcacert_next_shows_the_announced_successor_over_scep_and_est() {
    let state = tempfile::tempdir().unwrap();
    let lab = Lab::start(&["--next-ca"]);
    let out = tempfile::tempdir().unwrap();
    let shown: serde_json::Value = json_of(
        certenroll_in(state.path())
            .args(["getcacert", "--json", "--next", "--url", &lab.url, "--out"])
            .arg(format!("{}/", out.path().display())),
        0,
    );
    let next = &shown["next_ca"];
    assert_ne!(next["sha256"], lab.ca_sha256, "{shown}");
    assert!(
        next["not_before"].as_str().unwrap()
            > shown["certificates"][0]["not_before"].as_str().unwrap()
    );
    let written = std::fs::read_to_string(out.path().join("next-ca.pem")).unwrap();
    assert!(written.starts_with("-----BEGIN CERTIFICATE-----"));
    assert!(lab.log().contains("GetNextCACert"));

    // A CA that announces nothing: null, and GetNextCACert is not asked.
    let plain = Lab::start(&[]);
    let none: serde_json::Value = json_of(
        certenroll_in(state.path()).args(["getcacert", "--json", "--next", "--url", &plain.url]),
        0,
    );
    assert!(none["next_ca"].is_null(), "{none}");
    assert!(!plain.log().contains("GetNextCACert"));

    // EST: the rollover certificates of /cacerts.
    let ca_dir = tempfile::tempdir().unwrap();
    let ca_file = ca_dir.path().join("ca.pem");
    let est = Lab::start(&["--tls", "--next-ca", "--ca-out", ca_file.to_str().unwrap()]);
    let over_est: serde_json::Value = json_of(
        certenroll_in(state.path())
            .args(["--ca-file", ca_file.to_str().unwrap()])
            .args(["getcacert", "--json", "--next", "--url", &est.est_url]),
        0,
    );
    assert!(over_est["next_ca"]["sha256"].is_string(), "{over_est}");
    assert_ne!(over_est["next_ca"]["sha256"], est.ca_sha256);
}

fn profile(dir: &Path, url: &str, pin: &str) -> std::path::PathBuf {
    std::fs::write(dir.join("challenge"), "s").unwrap();
    let p = |name: &str| dir.join(name).display().to_string();
    let config = dir.join("config.toml");
    std::fs::write(
        &config,
        format!(
            "[profile.web]\nurl = \"{url}\"\nfingerprint = \"{pin}\"\ncn = \"web.example\"\nkey = \"{}\"\ncert = \"{}\"\nchain = \"{}\"\nchallenge_file = \"{}\"\n",
            p("key.pem"),
            p("cert.pem"),
            p("chain.pem"),
            p("challenge"),
        ),
    )
    .unwrap();
    config
}

/// `certenroll --profile web renew EXTRA` with the state and configuration in `dir`.
fn renew_profile(dir: &Path, config: &Path, extra: &[&str]) -> std::process::Output {
    certenroll_in(&dir.join("state"))
        .env("CERTENROLL_CONFIG", config)
        .args(["--profile", "web", "renew"])
        .args(extra)
        .output()
        .unwrap()
}

fn certs_in(path: &Path) -> usize {
    std::fs::read_to_string(path)
        .unwrap()
        .matches("-----BEGIN CERTIFICATE-----")
        .count()
}

#[test]
fn renew_keeps_the_successor_and_crosses_the_rollover_to_it_only() {
    let d = tempfile::tempdir().unwrap();
    let d = d.path();
    let next_dir = d.join("next");
    std::fs::create_dir(&next_dir).unwrap();
    let port = free_port().to_string();
    let lab = Lab::start(&[
        "--port",
        &port,
        "--challenge",
        "s",
        "--next-ca",
        "--next-ca-out",
        next_dir.to_str().unwrap(),
    ]);
    let config = profile(d, &lab.url, &lab.ca_sha256);
    let renew = |extra: &[&str]| renew_profile(d, &config, extra);
    assert!(renew(&[]).status.success(), "the first run enrolls");
    let forced = renew(&["--force"]);
    let said = String::from_utf8_lossy(&forced.stdout);
    assert!(forced.status.success(), "{forced:?}");
    assert!(said.contains("The CA announces its successor"), "{said}");
    assert_eq!(
        certs_in(&d.join("chain.pem")),
        2,
        "the CA, then its successor"
    );
    // Asked once more: kept once.
    assert!(renew(&["--force"]).status.success());
    assert_eq!(certs_in(&d.join("chain.pem")), 2);

    // The CA switches to its successor (same address, the new key).
    drop(lab);
    let after = Lab::start(&[
        "--port",
        &port,
        "--challenge",
        "s",
        "--ca-cert",
        next_dir.join("next-ca.pem").to_str().unwrap(),
        "--ca-key",
        next_dir.join("next-ca.key").to_str().unwrap(),
    ]);
    let crossed = renew(&["--force"]);
    let warned = String::from_utf8_lossy(&crossed.stderr);
    assert!(crossed.status.success(), "{warned}");
    assert!(
        warned.contains("the CA rolled over to")
            && warned.contains(&format!(
                "move the pin: fingerprint = \"{}\"",
                after.ca_sha256.replace(':', "")
            )),
        "{warned}"
    );
    // The new certificate is the new CA's, and the chain file keeps the pinned CA after it.
    // (next-ca.pem holds the successor, then the CA of the same name it succeeds.)
    let successor = d.join("successor.pem");
    let both = std::fs::read_to_string(next_dir.join("next-ca.pem")).unwrap();
    let end = "-----END CERTIFICATE-----";
    std::fs::write(&successor, &both[..both.find(end).unwrap() + end.len()]).unwrap();
    let verified = std::process::Command::new("openssl")
        .args(["verify", "-partial_chain", "-no_check_time", "-CAfile"])
        .arg(&successor)
        .arg(d.join("cert.pem"))
        .output()
        .unwrap();
    assert!(verified.status.success(), "{verified:?}");
    assert_eq!(certs_in(&d.join("chain.pem")), 2);
    // Not renewed again on the next run: the pinned CA is still in the chain file.
    let quiet = renew(&[]);
    assert!(
        String::from_utf8_lossy(&quiet.stdout).contains("Not due"),
        "{quiet:?}"
    );
    // Until the pin moves, later renewals go to the new CA too, each saying so.
    let again = renew(&["--force"]);
    assert!(again.status.success(), "{again:?}");
    assert!(String::from_utf8_lossy(&again.stderr).contains("move the pin"));
}

#[test]
fn a_ca_that_was_not_announced_is_refused_with_both_fingerprints() {
    let d = tempfile::tempdir().unwrap();
    let d = d.path();
    let port = free_port().to_string();
    let lab = Lab::start(&["--port", &port, "--challenge", "s"]);
    let config = profile(d, &lab.url, &lab.ca_sha256);
    let renew = |extra: &[&str]| renew_profile(d, &config, extra);
    assert!(renew(&[]).status.success());
    let before = std::fs::read(d.join("cert.pem")).unwrap();
    drop(lab);
    let other = Lab::start(&["--port", &port, "--challenge", "s"]);
    let refused = renew(&["--force"]);
    let said = String::from_utf8_lossy(&refused.stderr);
    assert_eq!(refused.status.code(), Some(7), "{said}");
    assert!(
        said.contains("CA fingerprint mismatch") && said.contains(&other.ca_sha256),
        "{said}"
    );
    assert_eq!(std::fs::read(d.join("cert.pem")).unwrap(), before);
}
