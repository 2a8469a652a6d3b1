//! `--profile NAME`: a profile of the configuration file fills in what the command line leaves
//! out, field by field and typed (fd's `construct_config`, ripgrep's low-args to high-args).
//! clap parses the command line as typed, with the flags a profile can supply made optional;
//! then every setting the person did not type takes the profile's value, and what is still
//! missing is named.
//!
//! Flags that take several values (--san, --org, --ou) and groups of flags that exclude each
//! other (the subject fields, --key/--out-key, the challenge sources) are taken from the
//! profile only when the person typed none of them. Typed flags win over the profile, and the
//! profile over the environment (`CERTENROLL_URL`, `CERTENROLL_CA_FILE`).

use std::ffi::OsString;

use certenroll::Error;
use certenroll::config::{Config, Profile, config_path};
use clap::{CommandFactory, FromArgMatches};

use crate::cli::{
    AlgorithmArgs, ChallengeArgs, Cli, Command, DoctorArgs, EnrollArgs, EstAuthArgs, GlobalArgs,
    P12Args, PinArgs, PolicyArgs, ProtocolArgs, RenewArgs, ServerArgs, Typed,
};

/// Whether a profile is named at all (then the command line is parsed leniently).
fn profile_named(argv: &[OsString]) -> bool {
    std::env::var_os("CERTENROLL_PROFILE").is_some_and(|p| !p.is_empty())
        || argv.iter().any(|a| {
            let a = a.to_string_lossy();
            a == "--profile" || a.starts_with("--profile=")
        })
}

/// The command tree with what a profile can supply made optional: a required URL or output
/// file gets an empty default, checked once the profile is applied ([`check_required`]).
/// The command line as users get it: a subcommand's short help (`-h`) shows its own options
/// and points at `certenroll --help` for the global ones (its `--help`, and the man page, keep
/// them all).
pub fn command(short_help: bool) -> clap::Command {
    finish(Cli::command(), short_help)
}

/// Whether `argv` asks for a short help (`-h`, alone or among other short flags).
fn asks_short_help(argv: &[OsString]) -> bool {
    argv.iter().skip(1).any(|a| {
        let a = a.to_string_lossy();
        a.starts_with('-') && !a.starts_with("--") && a.contains('h')
    })
}

/// With `short_help`: build `cmd` (the global options are copied into the subcommands then)
/// and trim its subcommands' short help; nothing may change `cmd` after this. Without, `cmd`
/// as it is: the trimming costs every run ~0.3 ms, and only `-h` shows it.
fn finish(mut cmd: clap::Command, short_help: bool) -> clap::Command {
    if !short_help {
        return cmd;
    }
    cmd.build();
    let globals: Vec<clap::Id> = cmd
        .get_arguments()
        .filter(|a| a.is_global_set())
        .map(|a| a.get_id().clone())
        .collect();
    trim_short_help(&mut cmd, "certenroll", &globals);
    cmd
}

/// [`command`]'s change to the subcommands of `cmd` (named `path`), and to theirs.
fn trim_short_help(cmd: &mut clap::Command, path: &str, globals: &[clap::Id]) {
    for sub in cmd.get_subcommands_mut() {
        let path = format!("{path} {}", sub.get_name());
        *sub = std::mem::take(sub)
            .mut_args(|arg| {
                let global = globals.contains(arg.get_id());
                arg.hide_short_help(global)
            })
            .after_help(format!(
                "Global options (--profile, --json, -v, -q, --ca-file, --timeout...): certenroll --help\nEverything about this command (exit codes, environment, files): {path} --help"
            ));
        trim_short_help(sub, &path, globals);
    }
}

fn lenient(short_help: bool) -> clap::Command {
    let optional_url =
        |cmd: clap::Command| cmd.mut_arg("url", |a| a.required(false).default_value(""));
    let mut cmd = Cli::command();
    for name in ["getcacaps", "getcacert", "csrattrs", "getcert", "getcrl"] {
        cmd = cmd.mut_subcommand(name, optional_url);
    }
    for name in ["enroll", "serverkeygen"] {
        cmd = cmd.mut_subcommand(name, |sub| {
            optional_url(sub)
                .mut_group("name", |g| g.required(false))
                .mut_group("key_source", |g| g.required(false))
                .mut_arg("out_cert", |a| {
                    // An empty default stands for "not given" until the profile is applied.
                    a.required(false)
                        .value_parser(|v: &str| Ok::<_, String>(std::path::PathBuf::from(v)))
                        .default_value("")
                })
        });
    }
    finish(
        cmd.mut_subcommand("renew", |sub| {
            ["url", "key", "cert"].into_iter().fold(sub, |sub, id| {
                sub.mut_arg(id, |a| {
                    a.required_unless_present(clap::builder::Resettable::<clap::Id>::Reset)
                })
            })
        }),
        short_help,
    )
}

/// Parse the command line and fill in the profile it names. Usage errors exit as clap's do;
/// a missing or broken configuration is an error naming the file.
pub fn parse(argv: Vec<OsString>) -> certenroll::Result<Cli> {
    let json = argv.iter().any(|a| a == "--json");
    let short_help = asks_short_help(&argv);
    if !profile_named(&argv) {
        let cli = command(short_help)
            .try_get_matches_from(argv)
            .and_then(|matches| Cli::from_arg_matches(&matches))
            .unwrap_or_else(|e| usage_error(e, json));
        hide_secret_variables(&cli.command);
        return Ok(cli);
    }
    let matches = lenient(short_help)
        .try_get_matches_from(argv)
        .unwrap_or_else(|e| usage_error(e, json));
    let mut cli = Cli::from_arg_matches(&matches).unwrap_or_else(|e| usage_error(e, json));
    let typed = Typed::of(&matches);
    if let Some(name) = cli.global.profile.clone()
        && !matches!(
            cli.command,
            Command::Config(_) | Command::Lab(_) | Command::Generate(_)
        )
    {
        let config = load(&cli.global, &name)?;
        let profile = config.profile(&name, &config_path(cli.global.config.as_deref())?)?;
        apply(&mut cli, &typed, profile);
    }
    check_required(&cli.command)?;
    cli.typed = typed;
    hide_secret_variables(&cli.command);
    Ok(cli)
}

/// The environment variables the command names as secrets' sources: kept from deploy hooks
/// whether or not this run reads them.
fn hide_secret_variables(command: &Command) {
    let (challenge, auth, p12) = match command {
        Command::Enroll(args) | Command::Serverkeygen(args) => {
            (Some(&args.challenge), Some(&args.auth), Some(&args.p12))
        }
        Command::Renew(args) => (Some(&args.challenge), Some(&args.auth), Some(&args.p12)),
        Command::Csrattrs(args) => (None, Some(&args.auth), None),
        _ => (None, None, None),
    };
    let names = [
        challenge.and_then(|c| c.challenge_env.as_deref()),
        auth.and_then(|a| a.password_env.as_deref()),
        p12.and_then(|p| p.passphrase.p12_passphrase_env.as_deref()),
    ];
    for name in names.into_iter().flatten() {
        certenroll::secret::hide_variable(name);
    }
}

/// Exit on a usage error as clap does; with `--json`, the error object is printed on stdout
/// too, as for every other error (help and version are not errors).
fn usage_error(err: clap::Error, json: bool) -> ! {
    if json && err.use_stderr() {
        // What clap says before its usage line, on one line.
        let text = err.render().to_string();
        let what = text.split("\n\nUsage:").next().unwrap_or_default();
        let message = what
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .trim_start_matches("error: ")
            .to_string();
        #[allow(clippy::print_stdout)]
        {
            println!(
                "{}",
                serde_json::json!({
                    "status": "error",
                    "exit_code": err.exit_code(),
                    "error": message,
                })
            );
        }
    }
    err.exit()
}

/// The configuration file a profile is read from.
pub fn load(global: &GlobalArgs, name: &str) -> certenroll::Result<Config> {
    let path = config_path(global.config.as_deref())?;
    if !path.exists() {
        return Err(Error::Invalid(format!(
            "--profile {name}: there is no configuration file {} (write one, or pass --config FILE)",
            path.display()
        )));
    }
    Config::load_one(&path, name)
}

/// Fill in a command's settings from `profile`.
fn apply(cli: &mut Cli, typed: &Typed, profile: &Profile) {
    apply_global(&mut cli.global, typed, profile);
    match &mut cli.command {
        Command::Getcacaps(args) => server(&mut args.server, typed, profile),
        Command::Getcacert(args) => {
            server(&mut args.server, typed, profile);
            pin(&mut args.pin, typed, profile);
        }
        Command::Csrattrs(args) => {
            server(&mut args.server, typed, profile);
            auth(&mut args.auth, typed, profile);
        }
        Command::Getcert(args) => {
            server(&mut args.query.server, typed, profile);
            pin(&mut args.query.pin, typed, profile);
        }
        Command::Getcrl(args) => {
            server(&mut args.query.server, typed, profile);
            pin(&mut args.query.pin, typed, profile);
        }
        Command::Enroll(args) => {
            apply_enroll(args, typed, profile, false);
            policy(&mut args.policy, typed, profile);
            pin(&mut args.pin, typed, profile);
        }
        Command::Serverkeygen(args) => apply_enroll(args, typed, profile, true),
        Command::Renew(args) => apply_renew(args, typed, profile),
        Command::Poll(args) => policy(&mut args.policy, typed, profile),
        Command::Doctor(args) => apply_doctor(args, typed, profile),
        Command::Ocsp(args) => {
            typed.fill("url", &mut args.url, profile.url.clone().map(Some));
            typed.fill(
                "ca_ident",
                &mut args.ca_ident,
                profile.ca_ident.clone().map(Some),
            );
            typed.fill("cert", &mut args.cert, profile.cert.clone().map(Some));
            typed.fill("chain", &mut args.chain, profile.chain.clone().map(Some));
            if !args.crl {
                typed.fill("out", &mut args.out, profile.ocsp_file.clone().map(Some));
            }
        }
        _ => {}
    }
}

/// What a profile says for every command: the HTTPS trust and the timeout.
pub fn apply_global(global: &mut GlobalArgs, typed: &Typed, profile: &Profile) {
    if !typed.any(&["ca_file", "system_roots"]) {
        if profile.ca_file.is_some() {
            global.ca_file = profile.ca_file.clone();
        } else if profile.system_roots == Some(true) {
            global.system_roots = true;
        }
    }
    typed.fill("timeout", &mut global.timeout, profile.timeout);
    typed.fill(
        "pkcs11_module",
        &mut global.pkcs11_module,
        profile.pkcs11_module.clone().map(Some),
    );
    typed.fill(
        "pin_file",
        &mut global.pin_file,
        profile.pin_file.clone().map(Some),
    );
}

fn server(server: &mut ServerArgs, typed: &Typed, profile: &Profile) {
    typed.fill("url", &mut server.url, profile.url.clone());
    which_ca((&mut server.ca_ident, &mut server.via), typed, profile);
}

/// The CA at the server: SCEP's CA identifier, the protocol, EST's CA label (`renew` and
/// `doctor` hold them beside an optional URL, the other commands in their `ServerArgs`).
fn which_ca(
    (ca_ident, via): (&mut Option<String>, &mut ProtocolArgs),
    typed: &Typed,
    profile: &Profile,
) {
    typed.fill("ca_ident", ca_ident, profile.ca_ident.clone().map(Some));
    typed.fill("choice", &mut via.choice, profile.protocol.map(Some));
    typed.fill("label", &mut via.label, profile.label.clone().map(Some));
}

fn pin(pin: &mut PinArgs, typed: &Typed, profile: &Profile) {
    let text = profile.fingerprint.as_ref().map(|f| Some(f.text.clone()));
    typed.fill("fingerprint", &mut pin.fingerprint, text);
}

fn policy(policy: &mut PolicyArgs, typed: &Typed, profile: &Profile) {
    typed.fill(
        "poll_interval",
        &mut policy.poll_interval,
        profile.poll_interval,
    );
    typed.fill("poll_count", &mut policy.poll_count, profile.poll_count);
    typed.fill(
        "jitter",
        &mut policy.jitter,
        profile.jitter.as_ref().map(|j| j.value),
    );
    if profile.retry_on_error == Some(true) {
        policy.retry_on_error = true;
    }
}

/// EST credentials: the login (and its password's source) and the TLS client certificate,
/// each taken whole or not at all.
fn auth(auth: &mut EstAuthArgs, typed: &Typed, profile: &Profile) {
    if !typed.any(&["username"])
        && let Some(user) = &profile.username
    {
        auth.username = Some(user.clone());
        if !typed.any(&["password_file", "password_env"]) {
            if profile.password_file.is_some() {
                auth.password_file = profile.password_file.clone();
            } else if profile.password_env.is_some() {
                auth.password_env = profile.password_env.clone();
            }
        }
    }
    if !typed.any(&["client_cert", "client_key"])
        && let (Some(cert), Some(key)) = (&profile.client_cert, &profile.client_key)
    {
        auth.client_cert = Some(cert.clone());
        auth.client_key = Some(key.clone());
    }
}

fn challenge(challenge: &mut ChallengeArgs, typed: &Typed, profile: &Profile) {
    if typed.any(&[
        "challenge_file",
        "challenge",
        "challenge_env",
        "no_challenge",
    ]) {
        return;
    }
    if profile.challenge_file.is_some() {
        challenge.challenge_file = profile.challenge_file.clone();
    } else if profile.challenge_env.is_some() {
        challenge.challenge_env = profile.challenge_env.clone();
    }
}

fn p12(p12: &mut P12Args, typed: &Typed, profile: &Profile) {
    typed.fill("out_p12", &mut p12.out_p12, profile.p12.clone().map(Some));
    let passphrase = &mut p12.passphrase;
    if !typed.any(&["p12_passphrase_file", "p12_passphrase_env"]) {
        if profile.p12_passphrase_file.is_some() {
            passphrase.p12_passphrase_file = profile.p12_passphrase_file.clone();
        } else if profile.p12_passphrase_env.is_some() {
            passphrase.p12_passphrase_env = profile.p12_passphrase_env.clone();
        }
    }
}

/// What `enroll` and `serverkeygen` take: the server and credentials, the request, its key
/// (the profile's key file is used when it exists, generated there when not; serverkeygen
/// always writes it), the files and the bundle.
fn apply_enroll(args: &mut EnrollArgs, typed: &Typed, profile: &Profile, server_keygen: bool) {
    server(&mut args.server, typed, profile);
    auth(&mut args.auth, typed, profile);
    typed.fill(
        "ca_cert",
        &mut args.ca_cert,
        profile.ca_cert.clone().map(Some),
    );
    typed.fill("format", &mut args.format, profile.format);
    algorithms(&mut args.algorithms, typed, profile);
    challenge(&mut args.challenge, typed, profile);
    let mut key_exists = false;
    if let Some(key) = &profile.key
        && !typed.any(&["key", "out_key"])
        && args.csr.is_none()
    {
        key_exists = key.exists() && !server_keygen;
        if key_exists {
            args.key = Some(key.clone());
        } else {
            args.out_key = Some(key.clone());
            args.out_key_may_exist = certenroll::pkcs11::is_uri(key) && !server_keygen;
        }
    }
    if !key_exists && !typed.any(&["key"]) {
        typed.fill(
            "key_bits",
            &mut args.key_bits,
            profile.key_bits.map(|b| b.0),
        );
        typed.fill("key_type", &mut args.key_type, profile.key_type.map(Some));
    }
    typed.fill("out_cert", &mut args.out_cert, profile.cert.clone());
    if profile.cert_to_token == Some(true) {
        args.cert_to_token = true;
    }
    typed.fill(
        "out_chain",
        &mut args.out_chain,
        profile.chain.clone().map(Some),
    );
    let subject_ids = [
        "subject",
        "cn",
        "organization",
        "ou",
        "locality",
        "state",
        "country",
        "email",
    ];
    if !typed.any(&subject_ids) {
        args.subject = profile.subject.clone().or(args.subject.take());
        for (field, value) in [
            (&mut args.cn, &profile.cn),
            (&mut args.locality, &profile.locality),
            (&mut args.state, &profile.state),
            (&mut args.country, &profile.country),
            (&mut args.email, &profile.email),
        ] {
            if value.is_some() {
                *field = value.clone();
            }
        }
        if !profile.organization.is_empty() {
            args.organization = profile.organization.clone();
        }
        if !profile.ou.is_empty() {
            args.ou = profile.ou.clone();
        }
    }
    if !typed.any(&["san"]) && !profile.san.is_empty() {
        args.san = profile.san.iter().map(|san| san.text.clone()).collect();
    }
    typed.fill(
        "key_usage",
        &mut args.key_usage,
        text(&profile.key_usage).flatten(),
    );
    typed.fill("eku", &mut args.eku, text(&profile.eku));
    p12(&mut args.p12, typed, profile);
}

/// SCEP's algorithms and method, and whether a weak fallback is refused.
fn algorithms(algorithms: &mut AlgorithmArgs, typed: &Typed, profile: &Profile) {
    typed.fill("digest", &mut algorithms.digest, text(&profile.digest));
    typed.fill("cipher", &mut algorithms.cipher, text(&profile.cipher));
    typed.fill("method", &mut algorithms.method, profile.method);
    if profile.require_caps == Some(true) {
        algorithms.require_caps = true;
    }
}

/// The text of a checked profile value, as the flag takes it.
fn text<T>(value: &Option<certenroll::config::Checked<T>>) -> Option<Option<String>> {
    value.as_ref().map(|checked| Some(checked.text.clone()))
}

/// What `renew` takes: the server and credentials, the current files, the renewal policy,
/// the bundle and the deploy hook.
pub fn apply_renew(args: &mut RenewArgs, typed: &Typed, profile: &Profile) {
    typed.fill("url", &mut args.url, profile.url.clone().map(Some));
    which_ca((&mut args.ca_ident, &mut args.via), typed, profile);
    auth(&mut args.auth, typed, profile);
    pin(&mut args.pin, typed, profile);
    policy(&mut args.policy, typed, profile);
    typed.fill(
        "ca_cert",
        &mut args.ca_cert,
        profile.ca_cert.clone().map(Some),
    );
    typed.fill("format", &mut args.format, profile.format);
    algorithms(&mut args.algorithms, typed, profile);
    challenge(&mut args.challenge, typed, profile);
    typed.fill("key", &mut args.key, profile.key.clone().map(Some));
    typed.fill("cert", &mut args.cert, profile.cert.clone().map(Some));
    typed.fill("chain", &mut args.chain, profile.chain.clone().map(Some));
    renewal_policy((&mut args.renew_at, &mut args.renew_before), typed, profile);
    typed.fill("renewal", &mut args.renewal, profile.renewal);
    if profile.reuse_key == Some(true) {
        args.reuse_key = true;
    }
    if profile.keep_old == Some(false) {
        args.delete_old = true;
    }
    if profile.cert_to_token == Some(true) {
        args.cert_to_token = true;
    }
    let (pre, deploy, post, renamed) = profile.hooks();
    if renamed && !typed.any(&["deploy_hook"]) {
        args.notes.push(
            "the profile's post_hook runs after a new certificate is installed, which is what deploy_hook means: rename it deploy_hook (post_hook alone keeps this meaning for now; beside a deploy_hook it runs after every renewal attempt, as --post-hook does)".into(),
        );
    }
    typed.fill("pre_hook", &mut args.pre_hook, pre.map(Some));
    typed.fill("deploy_hook", &mut args.deploy_hook, deploy.map(Some));
    typed.fill("post_hook", &mut args.post_hook, post.map(Some));
    p12(&mut args.p12, typed, profile);
    typed.fill(
        "ocsp_file",
        &mut args.ocsp_file,
        profile.ocsp_file.clone().map(Some),
    );
    if profile.check_revocation == Some(false) {
        args.no_revocation_check = true;
    }
}

/// When a certificate is due, for `renew` and `doctor`.
fn renewal_policy(
    (at, before): (
        &mut certenroll::schedule::Percent,
        &mut Option<certenroll::schedule::Span>,
    ),
    typed: &Typed,
    profile: &Profile,
) {
    typed.fill("renew_at", at, profile.renew_at.as_ref().map(|p| p.value));
    typed.fill(
        "renew_before",
        before,
        profile.renew_before.as_ref().map(|s| Some(s.value)),
    );
}

/// What `doctor` checks: the server, the files and the challenge source of the profile.
fn apply_doctor(args: &mut DoctorArgs, typed: &Typed, profile: &Profile) {
    typed.fill("url", &mut args.url, profile.url.clone().map(Some));
    which_ca((&mut args.ca_ident, &mut args.via), typed, profile);
    pin(&mut args.pin, typed, profile);
    typed.fill("key", &mut args.key, profile.key.clone().map(Some));
    typed.fill("cert", &mut args.cert, profile.cert.clone().map(Some));
    typed.fill("chain", &mut args.chain, profile.chain.clone().map(Some));
    typed.fill(
        "ocsp_file",
        &mut args.ocsp_file,
        profile.ocsp_file.clone().map(Some),
    );
    if !typed.any(&["challenge_file", "challenge_env"]) {
        if profile.challenge_file.is_some() {
            args.challenge_file = profile.challenge_file.clone();
        } else if profile.challenge_env.is_some() {
            args.challenge_env = profile.challenge_env.clone();
        }
    }
    auth(&mut args.auth, typed, profile);
    renewal_policy((&mut args.renew_at, &mut args.renew_before), typed, profile);
}

/// What neither the command line nor the profile gave, named.
fn check_required(command: &Command) -> certenroll::Result<()> {
    let missing = |what: &str| {
        Err(Error::Invalid(format!(
            "the following required argument was not provided: {what} (on the command line, or in the profile)"
        )))
    };
    let url = match command {
        Command::Getcacaps(args) => Some(&args.server.url),
        Command::Getcacert(args) => Some(&args.server.url),
        Command::Csrattrs(args) => Some(&args.server.url),
        Command::Getcert(args) => Some(&args.query.server.url),
        Command::Getcrl(args) => Some(&args.query.server.url),
        Command::Enroll(args) | Command::Serverkeygen(args) => Some(&args.server.url),
        _ => None,
    };
    if url.is_some_and(String::is_empty) {
        return missing("--url <URL> (profile key: url)");
    }
    if let Command::Enroll(args) | Command::Serverkeygen(args) = command {
        if args.out_cert.as_os_str().is_empty() {
            return missing("--out-cert <FILE> (profile key: cert)");
        }
        if args.cn.is_none() && args.subject.is_none() && args.csr.is_none() {
            return missing("--cn <NAME> or --subject <DN> (profile key: cn or subject)");
        }
        if args.key.is_none() && args.out_key.is_none() && args.csr.is_none() {
            return missing("--out-key <FILE> or --key <FILE> (profile key: key)");
        }
    }
    Ok(())
}

/// `enroll`'s settings for a profile alone (what `renew` runs when nothing is installed
/// yet): the defaults of the flags, filled in from the profile.
pub fn enroll_for(profile: &Profile) -> certenroll::Result<EnrollArgs> {
    let args = enroll_settings(profile)?;
    check_required(&Command::Enroll(Box::new(args.clone())))?;
    Ok(args)
}

/// What `config check` asks of a profile beyond its syntax: each value one the command line
/// would take (a usable URL, the subject named once, SANs, usages, algorithms, a key SCEP can
/// use, EST options with an EST URL). What a profile leaves to the command line is not asked.
pub fn check_values(profile: &Profile) -> anyhow::Result<()> {
    let parts = [
        ("cn", profile.cn.is_some()),
        ("organization", !profile.organization.is_empty()),
        ("ou", !profile.ou.is_empty()),
        ("locality", profile.locality.is_some()),
        ("state", profile.state.is_some()),
        ("country", profile.country.is_some()),
        ("email", profile.email.is_some()),
    ];
    if profile.subject.is_some()
        && let Some((key, _)) = parts.iter().find(|(_, set)| *set)
    {
        return Err(Error::Invalid(format!(
            "subject names the whole subject: {key} goes inside it (subject = \"CN=...,O=...\"), not beside it"
        ))
        .into());
    }
    if profile.cert_to_token == Some(true)
        && !profile
            .key
            .as_deref()
            .is_some_and(certenroll::pkcs11::is_uri)
    {
        return Err(Error::Invalid(
            "cert_to_token puts the certificate beside its key on a token: key must be a pkcs11: URI"
                .into(),
        )
        .into());
    }
    if profile.ocsp_file.is_some() && profile.chain.is_none() {
        return Err(Error::Invalid(
            "ocsp_file needs chain: the CA certificate that the OCSP responses are verified with"
                .into(),
        )
        .into());
    }
    let mut args = enroll_settings(profile)?;
    // A profile without a subject leaves it to the command line: check the rest.
    if args.cn.is_none() && args.subject.is_none() && args.san.is_empty() {
        args.cn = Some("subject-from-the-command-line".into());
    }
    let est = args.server.protocol() == crate::cli::ProtocolChoice::Est;
    let url = &args.server.url;
    if !url.is_empty() {
        if est {
            certenroll::est::Endpoint::new(url, args.server.via.label.as_deref())?;
        } else if !["http://", "https://"]
            .iter()
            .any(|scheme| url.to_ascii_lowercase().starts_with(scheme))
        {
            return Err(Error::Invalid(format!(
                "url '{}' is not an http:// or https:// URL",
                certenroll::sanitize::escape_untrusted(url)
            ))
            .into());
        }
    }
    crate::request::check_input(&args, est).map(|_| ())
}

/// A profile's enroll settings, whatever it leaves out.
fn enroll_settings(profile: &Profile) -> certenroll::Result<EnrollArgs> {
    let enroll = lenient(false)
        .find_subcommand("enroll")
        .cloned()
        .ok_or_else(|| Error::Invalid("no enroll command".into()))?;
    let matches = enroll
        .try_get_matches_from(["enroll"])
        .map_err(|e| Error::Invalid(e.kind().to_string()))?;
    let mut args =
        EnrollArgs::from_arg_matches(&matches).map_err(|e| Error::Invalid(e.kind().to_string()))?;
    apply_enroll(&mut args, &Typed::default(), profile, false);
    policy(&mut args.policy, &Typed::default(), profile);
    pin(&mut args.pin, &Typed::default(), profile);
    Ok(args)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

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
timeout = 9
"#;
        Config::parse(text, std::path::Path::new("x"))
            .unwrap()
            .profile["p"]
            .clone()
    }

    /// Parse `args` after `certenroll --profile p` with the profile above applied.
    fn with_profile(args: &[&str]) -> Cli {
        let argv = ["certenroll", "--profile", "p"].iter().chain(args);
        let matches = lenient(false).try_get_matches_from(argv).unwrap();
        let mut cli = Cli::from_arg_matches(&matches).unwrap();
        apply(&mut cli, &Typed::of(&matches), &profile());
        cli
    }

    #[test]
    fn the_profile_fills_in_and_typed_flags_win() {
        let cli = with_profile(&["enroll"]);
        let Command::Enroll(args) = &cli.command else {
            panic!()
        };
        assert_eq!(args.server.url, "http://ca/scep");
        assert_eq!(
            args.out_key,
            Some(PathBuf::from("/nonexistent/printer.key"))
        );
        assert_eq!(args.key_bits, 3072);
        assert_eq!(args.cn.as_deref(), Some("printer"));
        assert_eq!(args.organization, ["Example"]);
        assert_eq!(
            args.challenge.challenge_file,
            Some(PathBuf::from("/etc/ch"))
        );
        assert!(args.policy.retry_on_error);
        assert_eq!(args.policy.poll_count, 3);
        assert_eq!(cli.global.timeout, 9);

        // The person's subject, SANs, key and challenge replace the profile's wholesale.
        let cli = with_profile(&[
            "--timeout",
            "5",
            "enroll",
            "--subject=CN=other",
            "--san",
            "dns:x",
            "--key",
            "k",
            "--no-challenge",
        ]);
        let Command::Enroll(args) = &cli.command else {
            panic!()
        };
        assert_eq!(cli.global.timeout, 5);
        assert_eq!(args.cn, None);
        assert!(args.organization.is_empty());
        assert_eq!(args.san, ["dns:x"]);
        assert_eq!((args.out_key.clone(), args.key_bits), (None, 2048));
        assert_eq!(args.challenge.challenge_file, None);
    }

    #[test]
    fn each_command_takes_only_its_settings() {
        // poll takes only the polling settings.
        let cli = with_profile(&["poll"]);
        let Command::Poll(args) = &cli.command else {
            panic!()
        };
        assert_eq!(
            (args.policy.poll_count, args.policy.retry_on_error),
            (3, true)
        );
        // renew takes the current files and the renewal policy, not the subject.
        let cli = with_profile(&["renew"]);
        let Command::Renew(args) = &cli.command else {
            panic!()
        };
        assert_eq!(args.key, Some(PathBuf::from("/nonexistent/printer.key")));
        assert_eq!(args.cert, Some(PathBuf::from("/tmp/printer.pem")));
        assert_eq!(args.url.as_deref(), Some("http://ca/scep"));
    }

    #[test]
    fn what_neither_gives_is_named() {
        let mut bare = profile();
        bare.cert = None;
        let err = enroll_for(&bare).unwrap_err().to_string();
        assert!(err.contains("--out-cert") && err.contains("cert"), "{err}");
        let args = enroll_for(&profile()).unwrap();
        assert_eq!(args.out_cert, PathBuf::from("/tmp/printer.pem"));
    }
}
