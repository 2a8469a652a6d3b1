//! `--profile NAME`: a profile of the configuration file becomes command-line arguments,
//! placed right after the subcommand, so that flags typed by the user (which come later) win.
//! This is ripgrep's config-file model, with named profiles.
//!
//! Flags that take several values (--san, --org, --ou) and groups of flags that exclude each
//! other (the subject fields, --key/--out-key, the challenge sources) are taken from the
//! profile only when the user gave none of them.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use certenroll::choices::name_of;
use certenroll::config::{Config, Profile, config_path};

/// Global options that take a value (so that their value is not taken for the subcommand),
/// from the clap definition itself.
fn global_value_options() -> Vec<String> {
    use clap::Args;
    // The global options alone: building the whole command tree for this took ~0.3 ms.
    crate::cli::GlobalArgs::augment_args(clap::Command::new("certenroll"))
        .get_arguments()
        .filter(|a| a.is_global_set() && a.get_action().takes_values())
        .filter_map(|a| a.get_long().map(|long| format!("--{long}")))
        .collect()
}

/// Where the user's arguments say the configuration and profile are.
struct Found {
    profile: Option<String>,
    config: Option<PathBuf>,
    /// Index of the subcommand in argv.
    subcommand: Option<usize>,
}

fn scan(argv: &[OsString]) -> Found {
    let mut found = Found {
        profile: std::env::var("CERTENROLL_PROFILE")
            .ok()
            .filter(|p| !p.is_empty()),
        config: std::env::var_os("CERTENROLL_CONFIG")
            .filter(|p| !p.is_empty())
            .map(PathBuf::from),
        subcommand: None,
    };
    let value_options = global_value_options();
    let mut i = 1;
    while i < argv.len() {
        let arg = argv[i].to_string_lossy();
        let value = || argv.get(i + 1).map(|v| v.to_string_lossy().into_owned());
        if let Some(v) = arg.strip_prefix("--profile=") {
            found.profile = Some(v.to_string());
        } else if let Some(v) = arg.strip_prefix("--config=") {
            found.config = Some(PathBuf::from(v));
        } else if arg == "--profile" {
            found.profile = value();
            i += 1;
        } else if arg == "--config" {
            found.config = value().map(PathBuf::from);
            i += 1;
        } else if value_options.iter().any(|o| o == arg.as_ref()) {
            i += 1;
        } else if arg == "--" {
            break;
        } else if !arg.starts_with('-') && found.subcommand.is_none() {
            found.subcommand = Some(i);
        }
        i += 1;
    }
    found
}

/// Whether the user typed any of `flags` (as `--flag` or `--flag=value`).
fn given(user: &[String], flags: &[&str]) -> bool {
    user.iter().any(|a| {
        flags
            .iter()
            .any(|f| a == f || a.strip_prefix(f).is_some_and(|rest| rest.starts_with('=')))
    })
}

fn push(out: &mut Vec<String>, flag: &str, value: String) {
    out.push(flag.to_string());
    out.push(value);
}

fn path(p: &Path) -> String {
    p.display().to_string()
}

/// The arguments a profile stands for, for `subcommand`, leaving out what `user` typed.
fn profile_args(profile: &Profile, subcommand: &str, user: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let server_verbs = [
        "getcacaps",
        "getcacert",
        "enroll",
        "renew",
        "getcert",
        "getcrl",
        "doctor",
        "csrattrs",
        "serverkeygen",
    ];
    if server_verbs.contains(&subcommand) {
        if let Some(url) = &profile.url {
            push(&mut out, "--url", url.clone());
        }
        if let Some(ident) = &profile.ca_ident {
            push(&mut out, "--ca-ident", ident.clone());
        }
        est_args(profile, subcommand, user, &mut out);
    }
    // HTTPS trust applies to every exchange.
    if !given(user, &["--ca-file", "--system-roots"]) {
        if let Some(file) = &profile.ca_file {
            push(&mut out, "--ca-file", path(file));
        } else if profile.system_roots == Some(true) {
            out.push("--system-roots".into());
        }
    }
    if [
        "getcacert",
        "enroll",
        "renew",
        "getcert",
        "getcrl",
        "doctor",
    ]
    .contains(&subcommand)
        && let Some(fp) = &profile.fingerprint
    {
        push(&mut out, "--fingerprint", fp.text.clone());
    }
    if let Some(timeout) = profile.timeout {
        push(&mut out, "--timeout", timeout.to_string());
    }
    if ["enroll", "renew", "poll"].contains(&subcommand) {
        if let Some(v) = profile.poll_interval {
            push(&mut out, "--poll-interval", v.to_string());
        }
        if let Some(v) = profile.poll_count {
            push(&mut out, "--poll-count", v.to_string());
        }
        if let Some(v) = &profile.jitter {
            push(&mut out, "--jitter", v.text.clone());
        }
        if profile.retry_on_error == Some(true) {
            out.push("--retry-on-error".into());
        }
    }
    match subcommand {
        "enroll" | "serverkeygen" => {
            request_args(profile, user, &mut out);
            enroll_args(profile, user, subcommand == "serverkeygen", &mut out);
            p12_args(profile, user, &mut out);
        }
        "renew" => {
            request_args(profile, user, &mut out);
            renew_args(profile, &mut out);
            p12_args(profile, user, &mut out);
        }
        "doctor" => doctor_args(profile, &mut out),
        _ => {}
    }
    out
}

/// EST: protocol, label, and (for the verbs that authenticate) the credentials' sources.
fn est_args(profile: &Profile, subcommand: &str, user: &[String], out: &mut Vec<String>) {
    if let Some(protocol) = profile.protocol {
        push(out, "--protocol", name_of(&protocol));
    }
    if let Some(label) = &profile.label {
        push(out, "--label", label.clone());
    }
    if !["enroll", "renew", "csrattrs", "serverkeygen"].contains(&subcommand) {
        return;
    }
    if !given(user, &["--username"])
        && let Some(user_name) = &profile.username
    {
        push(out, "--username", user_name.clone());
        if !given(user, &["--password-file", "--password-env"]) {
            if let Some(file) = &profile.password_file {
                push(out, "--password-file", path(file));
            } else if let Some(var) = &profile.password_env {
                push(out, "--password-env", var.clone());
            }
        }
    }
    if !given(user, &["--client-cert", "--client-key"])
        && let (Some(cert), Some(key)) = (&profile.client_cert, &profile.client_key)
    {
        push(out, "--client-cert", path(cert));
        push(out, "--client-key", path(key));
    }
}

/// What enroll and renew share: CA certificates file, encoding, algorithms, challenge.
fn request_args(profile: &Profile, user: &[String], out: &mut Vec<String>) {
    if let Some(ca_cert) = &profile.ca_cert {
        push(out, "--ca-cert", path(ca_cert));
    }
    if let Some(format) = profile.format {
        push(out, "--format", name_of(&format));
    }
    if let Some(digest) = &profile.digest {
        push(out, "--digest", digest.text.clone());
    }
    if let Some(cipher) = &profile.cipher {
        push(out, "--cipher", cipher.text.clone());
    }
    if let Some(method) = profile.method {
        push(out, "--method", name_of(&method));
    }
    let challenge_flags = [
        "--challenge-file",
        "--challenge",
        "--challenge-env",
        "--no-challenge",
    ];
    if !given(user, &challenge_flags) {
        if let Some(file) = &profile.challenge_file {
            push(out, "--challenge-file", path(file));
        } else if let Some(var) = &profile.challenge_env {
            push(out, "--challenge-env", var.clone());
        }
    }
}

/// What a profile says for `enroll`: the key (used when it exists, generated there when not),
/// files, subject, SANs and usages.
fn enroll_args(profile: &Profile, user: &[String], server_keygen: bool, out: &mut Vec<String>) {
    let mut key_exists = false;
    if let Some(key) = &profile.key
        && !given(user, &["--key", "--out-key"])
    {
        // serverkeygen always writes the key the server makes.
        key_exists = key.exists() && !server_keygen;
        push(
            out,
            if key_exists { "--key" } else { "--out-key" },
            path(key),
        );
    }
    if let Some(bits) = profile.key_bits
        && !key_exists
        && !given(user, &["--key"])
    {
        push(out, "--key-bits", bits.0.to_string());
    }
    if let Some(kind) = profile.key_type
        && !key_exists
        && !given(user, &["--key", "--key-type"])
    {
        push(out, "--key-type", name_of(&kind));
    }
    if let Some(cert) = &profile.cert {
        push(out, "--out-cert", path(cert));
    }
    if let Some(chain) = &profile.chain {
        push(out, "--out-chain", path(chain));
    }
    let subject_flags = [
        "--subject",
        "--cn",
        "--org",
        "--o",
        "--ou",
        "--locality",
        "--l",
        "--state",
        "--st",
        "--country",
        "--c",
        "--email",
    ];
    if !given(user, &subject_flags) {
        if let Some(subject) = &profile.subject {
            push(out, "--subject", subject.clone());
        }
        for (flag, value) in [
            ("--cn", &profile.cn),
            ("--locality", &profile.locality),
            ("--state", &profile.state),
            ("--country", &profile.country),
            ("--email", &profile.email),
        ] {
            if let Some(v) = value {
                push(out, flag, v.clone());
            }
        }
        for o in &profile.organization {
            push(out, "--org", o.clone());
        }
        for o in &profile.ou {
            push(out, "--ou", o.clone());
        }
    }
    if !given(user, &["--san"]) {
        for san in &profile.san {
            push(out, "--san", san.text.clone());
        }
    }
    if let Some(ku) = &profile.key_usage {
        push(out, "--key-usage", ku.text.clone());
    }
    if let Some(eku) = &profile.eku {
        push(out, "--eku", eku.text.clone());
    }
}

/// The PKCS#12 bundle of `enroll` and `renew`, and where its passphrase comes from.
fn p12_args(profile: &Profile, user: &[String], out: &mut Vec<String>) {
    if let Some(p12) = &profile.p12 {
        push(out, "--out-p12", path(p12));
    }
    if !given(user, &["--p12-passphrase-file", "--p12-passphrase-env"]) {
        if let Some(file) = &profile.p12_passphrase_file {
            push(out, "--p12-passphrase-file", path(file));
        } else if let Some(var) = &profile.p12_passphrase_env {
            push(out, "--p12-passphrase-env", var.clone());
        }
    }
}

/// What a profile says for `doctor`: the files and the challenge source to check.
fn doctor_args(profile: &Profile, out: &mut Vec<String>) {
    for (flag, value) in [
        ("--key", &profile.key),
        ("--cert", &profile.cert),
        ("--challenge-file", &profile.challenge_file),
    ] {
        if let Some(v) = value {
            push(out, flag, path(v));
        }
    }
    if profile.challenge_file.is_none()
        && let Some(var) = &profile.challenge_env
    {
        push(out, "--challenge-env", var.clone());
    }
    renewal_policy_args(profile, out);
}

/// When a certificate is due, for `renew` and `doctor`.
fn renewal_policy_args(profile: &Profile, out: &mut Vec<String>) {
    if let Some(v) = &profile.renew_at {
        push(out, "--renew-at", v.text.clone());
    }
    if let Some(v) = &profile.renew_before {
        push(out, "--renew-before", v.text.clone());
    }
}

/// What a profile says for `renew`: the current files and the renewal policy.
fn renew_args(profile: &Profile, out: &mut Vec<String>) {
    for (flag, value) in [
        ("--key", &profile.key),
        ("--cert", &profile.cert),
        ("--chain", &profile.chain),
    ] {
        if let Some(v) = value {
            push(out, flag, path(v));
        }
    }
    renewal_policy_args(profile, out);
    if let Some(renewal) = profile.renewal {
        push(out, "--renewal", name_of(&renewal));
    }
    if profile.reuse_key == Some(true) {
        out.push("--reuse-key".into());
    }
    if profile.keep_old == Some(false) {
        out.push("--delete-old".into());
    }
    if let Some(hook) = &profile.post_hook {
        push(out, "--post-hook", hook.clone());
    }
}

/// The command line with the profile's arguments put in, or the command line as it is when
/// no profile is named. Errors (no such file or profile, a bad value) name the file.
pub fn expand(argv: Vec<OsString>) -> certenroll::Result<Vec<OsString>> {
    // No profile named: nothing to do, and no need to build the command tree to scan.
    let named = std::env::var_os("CERTENROLL_PROFILE").is_some_and(|p| !p.is_empty())
        || argv.iter().any(|a| {
            let a = a.to_string_lossy();
            a == "--profile" || a.starts_with("--profile=")
        });
    if !named {
        return Ok(argv);
    }
    let found = scan(&argv);
    let (Some(name), Some(at)) = (found.profile, found.subcommand) else {
        return Ok(argv);
    };
    let subcommand = argv[at].to_string_lossy().into_owned();
    if ["config", "lab", "generate", "help"].contains(&subcommand.as_str()) {
        return Ok(argv);
    }
    let path = config_path(found.config.as_deref())?;
    if !path.exists() {
        return Err(certenroll::Error::Invalid(format!(
            "--profile {name}: there is no configuration file {} (write one, or pass --config FILE)",
            path.display()
        )));
    }
    let config = Config::load(&path)?;
    let profile = config.profile(&name, &path)?;
    let user: Vec<String> = argv[at + 1..]
        .iter()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let mut expanded: Vec<OsString> = argv[..=at].to_vec();
    expanded.extend(
        profile_args(profile, &subcommand, &user)
            .into_iter()
            .map(OsString::from),
    );
    expanded.extend(argv[at + 1..].iter().cloned());
    Ok(expanded)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn profile() -> Profile {
        let text = r#"
[profile.p]
url = "http://ca/scep"
cn = "printer"
organization = ["Example"]
san = ["dns:printer.example"]
key = "/nonexistent/printer.key"
key_bits = 3072
cert = "/tmp/printer.pem"
challenge_file = "/etc/ch"
poll_count = 3
retry_on_error = true
"#;
        Config::parse(text, std::path::Path::new("x"))
            .unwrap()
            .profile["p"]
            .clone()
    }

    #[test]
    fn profile_becomes_flags_and_user_flags_win() {
        let args = profile_args(&profile(), "enroll", &[]);
        let joined = args.join(" ");
        assert!(joined.contains("--url http://ca/scep"), "{joined}");
        assert!(
            joined.contains("--out-key /nonexistent/printer.key --key-bits 3072"),
            "{joined}"
        );
        assert!(
            joined.contains("--cn printer") && joined.contains("--org Example"),
            "{joined}"
        );
        assert!(joined.contains("--challenge-file /etc/ch"), "{joined}");
        assert!(
            joined.contains("--retry-on-error") && joined.contains("--poll-count 3"),
            "{joined}"
        );

        // The user's subject, SANs, key and challenge replace the profile's wholesale.
        let user: Vec<String> = [
            "--subject=CN=other",
            "--san",
            "dns:x",
            "--key",
            "k",
            "--no-challenge",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let joined = profile_args(&profile(), "enroll", &user).join(" ");
        for absent in [
            "--cn",
            "--org",
            "--san",
            "--out-key",
            "--key-bits",
            "--challenge-file",
        ] {
            assert!(!joined.contains(absent), "{absent} in {joined}");
        }
        // poll takes only the polling settings.
        let joined = profile_args(&profile(), "poll", &[]).join(" ");
        assert_eq!(joined, "--poll-count 3 --retry-on-error");
        // renew takes the current files and the renewal policy, not the subject.
        let joined = profile_args(&profile(), "renew", &[]).join(" ");
        assert!(
            joined.contains("--key /nonexistent/printer.key --cert /tmp/printer.pem"),
            "{joined}"
        );
        assert!(
            !joined.contains("--cn") && !joined.contains("--out-key"),
            "{joined}"
        );
    }

    #[test]
    fn every_global_option_with_a_value_is_skipped() {
        let options = global_value_options();
        for known in [
            "--timeout",
            "--state-dir",
            "--config",
            "--profile",
            "--lock-wait",
        ] {
            assert!(
                options.iter().any(|o| o == known),
                "{known} missing from {options:?}"
            );
        }
        let argv: Vec<OsString> = [
            "certenroll",
            "--lock-wait",
            "30",
            "--profile",
            "p",
            "enroll",
        ]
        .iter()
        .map(OsString::from)
        .collect();
        assert_eq!(scan(&argv).subcommand, Some(5));
    }

    #[test]
    fn scan_finds_profile_config_and_subcommand() {
        let argv: Vec<OsString> = [
            "certenroll",
            "--timeout",
            "9",
            "--profile=p",
            "--config",
            "/c.toml",
            "enroll",
            "--cn",
            "x",
        ]
        .iter()
        .map(OsString::from)
        .collect();
        let found = scan(&argv);
        assert_eq!(found.profile.as_deref(), Some("p"));
        assert_eq!(found.config, Some(PathBuf::from("/c.toml")));
        assert_eq!(found.subcommand, Some(6));
    }
}
