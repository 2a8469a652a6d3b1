//! Command-line behaviour that needs no server: usage errors, refusals to overwrite, help.

use predicates::prelude::*;

use crate::util::certenroll;

#[test]
fn help_documents_exit_codes_and_fail_info() {
    certenroll()
        .args(["enroll", "--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains("3  pending"))
        .stdout(predicate::str::contains("2  badRequest"))
        .stdout(predicate::str::contains("--challenge-file"));
}

#[test]
fn usage_errors_exit_2() {
    // A missing required flag (clap).
    certenroll()
        .args([
            "enroll",
            "--url",
            "http://127.0.0.1:9/scep",
            "--cn",
            "x",
            "--out-key",
            "k",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--out-cert"));
    let dir = tempfile::tempdir().unwrap();
    let base = |extra: &[&str]| {
        let mut cmd = certenroll();
        cmd.current_dir(dir.path())
            .args([
                "enroll",
                "--no-challenge",
                "--url",
                "http://127.0.0.1:9/scep",
                "--cn",
                "x",
                "--out-key",
                "k.pem",
                "--out-cert",
                "c.pem",
            ])
            .args(extra);
        cmd
    };
    for (flag, value, message) in [
        ("--san", "printer.example", "dns:NAME"),
        ("--cipher", "rc4", "unknown cipher 'rc4'"),
        ("--digest", "md5", "unknown digest"),
        ("--key-usage", "signing", "unknown key usage"),
        ("--country", "Germany", "two-letter"),
    ] {
        base(&[flag, value])
            .assert()
            .code(2)
            .stderr(predicate::str::contains(message));
    }
    base(&["--key-bits", "1024"]).assert().code(2);
    certenroll()
        .args(["getcacaps", "--url", "ftp://ca.example/scep"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not an http:// or https:// URL"));
    // Nothing was written by any of them, not even a key's lock file.
    assert!(crate::util::listing(dir.path()).is_empty());
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn an_existing_key_is_not_replaced_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let key = dir.path().join("key.pem");
    std::fs::write(&key, "existing key").unwrap();
    certenroll()
        .args([
            "enroll",
            "--no-challenge",
            "--url",
            "http://127.0.0.1:9/scep",
            "--cn",
            "x",
        ])
        .arg("--out-key")
        .arg(&key)
        .arg("--out-cert")
        .arg(dir.path().join("cert.pem"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("already exists"))
        .stderr(predicate::str::contains("--key"));
    assert_eq!(std::fs::read_to_string(&key).unwrap(), "existing key");
}

#[test]
fn unwritable_output_is_a_local_error_before_any_network() {
    certenroll()
        .args([
            "enroll",
            "--no-challenge",
            "--url",
            "http://127.0.0.1:9/scep",
            "--cn",
            "x",
            "--out-key",
            "/nonexistent/k.pem",
            "--out-cert",
            "/nonexistent/c.pem",
        ])
        .assert()
        .code(6)
        .stderr(predicate::str::contains(
            "writing certificate /nonexistent/c.pem",
        ));
}

#[test]
fn secret_on_the_command_line_gets_a_warning() {
    certenroll()
        .args([
            "enroll",
            "--challenge",
            "hunter2",
            "--url",
            "http://127.0.0.1:9/scep",
            "--cn",
            "x",
            "--out-key",
            "/tmp/certenroll-never/k",
            "--out-cert",
            "/tmp/certenroll-never/c",
        ])
        .assert()
        .code(6);
    let dir = tempfile::tempdir().unwrap();
    certenroll()
        .current_dir(dir.path())
        .args([
            "enroll",
            "--challenge",
            "hunter2",
            "--url",
            &format!("http://127.0.0.1:{}/scep", crate::util::free_port()),
            "--cn",
            "x",
            "--out-key",
            "k.pem",
            "--out-cert",
            "c.pem",
        ])
        .assert()
        .code(5)
        .stderr(predicate::str::contains(
            "warning: a challenge password on the command line",
        ))
        .stderr(predicate::str::contains("hunter2").not());
}

#[test]
fn an_unreadable_key_is_a_local_error_before_any_network() {
    let dir = tempfile::tempdir().unwrap();
    let key = dir.path().join("key.pem");
    std::fs::write(&key, "not a key").unwrap();
    enroll_against_a_dead_port(&key)
        .code(6)
        .stderr(predicate::str::contains(
            "holds no RSA, P-256 or P-384 private key",
        ));
    assert_eq!(crate::util::listing(dir.path()), ["key.pem"]);
}

/// `enroll --key KEY` (the certificate beside it) to a port where nothing listens: reaching the
/// network would make it exit 5, so a 6 says the key was refused first.
fn enroll_against_a_dead_port(key: &std::path::Path) -> assert_cmd::assert::Assert {
    certenroll()
        .args([
            "enroll",
            "--no-challenge",
            "--url",
            &format!("http://127.0.0.1:{}/scep", crate::util::free_port()),
            "--cn",
            "x",
        ])
        .arg("--key")
        .arg(key)
        .arg("--out-cert")
        .arg(key.with_file_name("cert.pem"))
        .assert()
}

#[test]
fn a_key_the_reply_could_not_be_decrypted_with_is_a_local_error() {
    // A PKCS#1 key whose private exponent d does not match its primes: ring, which signs,
    // never reads d and takes it; the rsa crate, which decrypts the CA's reply, refuses it.
    use rsa::pkcs1::der::{Decode, Encode};
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.pem");
    crate::util::openssl(&[
        "genrsa",
        "-traditional",
        "-out",
        good.to_str().unwrap(),
        "2048",
    ]);
    let (_, der) = der::pem::decode_vec(std::fs::read(&good).unwrap().as_slice()).unwrap();
    let mut parsed = rsa::pkcs1::RsaPrivateKeyRef::from_der(&der).unwrap();
    let mut d = parsed.private_exponent.as_bytes().to_vec();
    *d.last_mut().unwrap() ^= 2;
    parsed.private_exponent = rsa::pkcs1::UintRef::new(&d).unwrap();
    let pem = der::pem::encode_string(
        "RSA PRIVATE KEY",
        der::pem::LineEnding::LF,
        &parsed.to_der().unwrap(),
    )
    .unwrap();
    let key = dir.path().join("key.pem");
    std::fs::write(&key, pem).unwrap();
    std::fs::remove_file(&good).unwrap();
    enroll_against_a_dead_port(&key)
        .code(6)
        .stderr(predicate::str::contains(
            "private exponent d does not match",
        ));
    assert_eq!(crate::util::listing(dir.path()), ["key.pem"]);
}

#[test]
fn colors_only_on_a_terminal_or_when_asked() {
    let lab = crate::util::Lab::start(&[]);
    let escape = |bytes: &[u8]| bytes.contains(&0x1b);
    // Into a pipe: plain text, errors and doctor marks alike.
    let plain = certenroll()
        .args(["doctor", "--url", &lab.url])
        .assert()
        .success()
        .get_output()
        .clone();
    assert!(String::from_utf8_lossy(&plain.stdout).contains("✓ capabilities"));
    assert!(!escape(&plain.stdout) && !escape(&plain.stderr));
    // --color always wins over the pipe and over NO_COLOR.
    let colored = certenroll()
        .env("NO_COLOR", "1")
        .args(["--color", "always", "doctor", "--url", &lab.url])
        .assert()
        .success()
        .get_output()
        .clone();
    assert!(String::from_utf8_lossy(&colored.stdout).contains("\x1b[32m✓\x1b[0m capabilities"));
    certenroll()
        .args([
            "--color",
            "always",
            "getcacaps",
            "--url",
            "http://127.0.0.1:1/scep",
        ])
        .assert()
        .code(5)
        .stderr(predicate::str::contains(
            "certenroll: \x1b[1m\x1b[31merror:\x1b[0m",
        ));
    certenroll()
        .args([
            "--color",
            "never",
            "getcacaps",
            "--url",
            "http://127.0.0.1:1/scep",
        ])
        .assert()
        .code(5)
        .stderr(predicate::str::starts_with("certenroll: error: "));
}

#[test]
fn a_request_without_a_challenge_says_so() {
    let lab = crate::util::Lab::start(&[]);
    let dir = tempfile::tempdir().unwrap();
    let state = tempfile::tempdir().unwrap();
    crate::util::certenroll_in(state.path())
        .args(["enroll", "--url", &lab.url, "--cn", "bare"])
        .arg("--out-key")
        .arg(dir.path().join("k.pem"))
        .arg("--out-cert")
        .arg(dir.path().join("c.pem"))
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "no challenge password: the request goes without one",
        ));
    // Said to be none: no word about it.
    crate::util::certenroll_in(state.path())
        .args([
            "enroll",
            "--no-challenge",
            "--url",
            &lab.url,
            "--cn",
            "bare2",
        ])
        .arg("--out-key")
        .arg(dir.path().join("k2.pem"))
        .arg("--out-cert")
        .arg(dir.path().join("c2.pem"))
        .assert()
        .success()
        .stderr(predicate::str::contains("no challenge password").not());
}

#[test]
fn a_missing_directory_is_named_in_the_error() {
    let lab = crate::util::Lab::start(&[]);
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing");
    let state = dir.path().join("state");
    crate::util::certenroll_in(&state)
        .args(["getcacert", "--url", &lab.url, "--out"])
        .arg(format!("{}/", missing.display()))
        .assert()
        .code(2)
        .stderr(predicates::str::contains(format!(
            "--out {}/: there is no such directory",
            missing.display()
        )));
    crate::util::certenroll_in(&state)
        .args(["getcacert", "--url", &lab.url, "--out"])
        .arg(missing.join("ca.pem"))
        .assert()
        .code(6)
        .stderr(predicates::str::contains(format!(
            "the directory {} does not exist (create it, or choose another path)",
            missing.display()
        )));
    crate::util::certenroll_in(&state)
        .args(["enroll", "--no-challenge", "--url", &lab.url, "--cn", "x"])
        .arg("--out-key")
        .arg(missing.join("k.pem"))
        .arg("--out-cert")
        .arg(missing.join("c.pem"))
        .assert()
        .code(6)
        .stderr(predicates::str::contains(format!(
            "the directory {} does not exist",
            missing.display()
        )));
    assert!(!missing.exists());
}

#[test]
fn verbose_tells_each_step_of_an_enrollment_in_the_voice_of_the_warnings() {
    let lab = crate::util::Lab::start(&[]);
    let dir = tempfile::tempdir().unwrap();
    let output = crate::util::certenroll_in(&dir.path().join("state"))
        .args([
            "-v",
            "enroll",
            "--no-challenge",
            "--url",
            &lab.url,
            "--cn",
            "steps",
        ])
        .args(["--fingerprint", &lab.ca_sha256])
        .arg("--out-key")
        .arg(dir.path().join("k.pem"))
        .arg("--out-cert")
        .arg(dir.path().join("c.pem"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&output.stderr);
    let steps: Vec<&str> = stderr.lines().collect();
    for line in &steps {
        assert!(line.starts_with("certenroll: "), "{line:?}");
    }
    for step in [
        "certenroll: capabilities: ",
        "certenroll: CA: 'CN=certenroll lab CA",
        "certenroll: will send by POST, encrypted with aes128, signed with sha256",
        "certenroll: key: RSA 2048",
        "certenroll: request: subject 'CN=steps'",
        "certenroll: sending PkcsReq to ",
        "certenroll: answer: issued",
    ] {
        assert!(
            steps.iter().any(|l| l.starts_with(step)),
            "{step}: {stderr}"
        );
    }
}

#[test]
fn a_subcommands_short_help_shows_its_own_options_and_points_at_the_global_ones() {
    let short = certenroll().args(["enroll", "-h"]).output().unwrap();
    let short = String::from_utf8_lossy(&short.stdout);
    assert!(
        short.contains("--out-key") && short.contains("--san"),
        "{short}"
    );
    assert!(
        !short.contains("--state-dir") && !short.contains("--lock-wait"),
        "{short}"
    );
    assert!(
        short.contains(
            "Global options (--profile, --json, -v, -q, --ca-file, --timeout...): certenroll --help"
        ),
        "{short}"
    );
    let long = certenroll().args(["enroll", "--help"]).output().unwrap();
    let long = String::from_utf8_lossy(&long.stdout);
    assert!(
        long.contains("--state-dir") && long.contains("Exit codes"),
        "{long}"
    );
    // The global options still work after the subcommand.
    certenroll()
        .args(["enroll", "--json", "--lock-wait", "1", "-h"])
        .assert()
        .success();
    let nested = certenroll()
        .args(["config", "init", "-h"])
        .output()
        .unwrap();
    let nested = String::from_utf8_lossy(&nested.stdout);
    assert!(!nested.contains("--state-dir"), "{nested}");
    assert!(nested.contains("certenroll config init --help"), "{nested}");
}

/// The usage line says what an enrollment needs, alternatives included, and the usage error
/// lists only what is missing (a variable's flag counts as given).
#[test]
fn the_usage_line_shows_the_alternatives_that_are_required() {
    let out = certenroll()
        .args(["enroll", "--url", "http://127.0.0.1:1/scep", "--cn", "a"])
        .env_remove("CERTENROLL_PROFILE")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("<--out-key <FILE>|--key <FILE>|--csr <FILE>>")
            && err.contains("<--cn <NAME>|--subject <DN>|--csr <FILE>>"),
        "{err}"
    );
    let missing = err.split("Usage:").next().unwrap();
    assert!(
        missing.contains("--out-cert") && !missing.contains("--cn") && !missing.contains("--url"),
        "{missing}"
    );
    let from_env = certenroll()
        .args(["enroll", "--cn", "a", "--out-cert", "c.pem"])
        .env("CERTENROLL_URL", "http://127.0.0.1:1/scep")
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&from_env.stderr);
    let missing = err.split("Usage:").next().unwrap();
    assert!(
        missing.contains("--out-key") && !missing.contains("--url"),
        "{missing}"
    );
    // Both alternatives at once is a usage error too.
    certenroll()
        .args(["enroll", "--url", "http://127.0.0.1:1/scep", "--cn", "a"])
        .args([
            "--out-cert",
            "c.pem",
            "--key",
            "k.pem",
            "--out-key",
            "o.pem",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot be used with"));
}

/// The committed completion scripts, sourced by the real shells: `--profile` offers the
/// profiles of the configuration file `certenroll config path` names (before and after the
/// command), value flags offer their values, and the hidden `generate` is not offered.
#[test]
fn shells_complete_profile_names_and_values() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.toml");
    std::fs::write(
        &config,
        "[profile.web]\nurl = \"http://a/scep\"\n\n[profile.\"printer-7\"]\nurl = \"http://b/scep\"\n",
    )
    .unwrap();
    let bin = assert_cmd::cargo::cargo_bin("certenroll");
    let path = format!(
        "{}:{}",
        bin.parent().unwrap().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let root = env!("CARGO_MANIFEST_DIR");
    let shell = |program: &str, script: String| {
        let out = std::process::Command::new(program)
            .args(["-c", &script])
            .env("PATH", &path)
            .env("CERTENROLL_CONFIG", &config)
            .env("HOME", dir.path())
            .output()
            .unwrap_or_else(|e| panic!("{program}: {e} (scripts/install-deps.sh installs it)"));
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            out.status.success() && stderr.is_empty(),
            "{program}: {stderr}"
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let bash = |words: &str| {
        shell(
            "bash",
            format!(
                "source {root}/completions/certenroll.bash
                 COMP_WORDS=({words}); COMP_CWORD=$((${{#COMP_WORDS[@]}} - 1))
                 COMP_LINE=\"${{COMP_WORDS[*]}}\"; COMP_POINT=${{#COMP_LINE}}
                 _certenroll certenroll \"${{COMP_WORDS[COMP_CWORD]}}\" \"${{COMP_WORDS[COMP_CWORD-1]}}\"
                 printf '%s\\n' \"${{COMPREPLY[@]}}\""
            ),
        )
    };
    assert_eq!(bash("certenroll --profile ''"), "web\nprinter-7\n");
    assert_eq!(bash("certenroll renew --profile w"), "web\n");
    assert_eq!(bash("certenroll enroll --cipher aes2"), "aes256\n");
    assert!(!bash("certenroll ge").contains("generate"));
    let fish = |line: &str| {
        shell(
            "fish",
            // Only this directory: not a certenroll.fish the system has installed.
            format!("set fish_complete_path {root}/completions; complete -C'{line}'"),
        )
    };
    let names = |out: String| -> Vec<String> {
        out.lines()
            .map(|l| l.split('\t').next().unwrap().to_string())
            .collect()
    };
    assert_eq!(names(fish("certenroll --profile ")), ["printer-7", "web"]);
    assert_eq!(names(fish("certenroll enroll --profile p")), ["printer-7"]);
    assert_eq!(
        names(fish("certenroll enroll --digest sha")),
        ["sha1", "sha256", "sha384", "sha512"]
    );
    // A --config typed earlier on the line is the file read.
    let other = dir.path().join("other.toml");
    std::fs::write(&other, "[profile.elsewhere]\n").unwrap();
    let typed = other.display();
    assert_eq!(
        bash(&format!("certenroll --config {typed} --profile ''")),
        "elsewhere\n"
    );
    assert_eq!(
        names(fish(&format!("certenroll --config {typed} --profile "))),
        ["elsewhere"]
    );
    // With no configuration file, nothing is offered and nothing is said.
    std::fs::remove_file(&config).unwrap();
    assert_eq!(bash("certenroll --profile ''"), "\n");
    assert_eq!(fish("certenroll --profile "), "");
    // zsh's script at least parses (its completion needs a terminal: tried by hand).
    shell("zsh", format!("zsh -n {root}/completions/_certenroll"));
}
