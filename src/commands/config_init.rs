//! `certenroll config init`: a guided profile set-up. Each answer comes from its flag, else
//! from a prompt on a terminal, else from a default; `--no-input` never asks. The server is
//! tested and its CA shown before anything is written, and the CA is trusted only by a
//! fingerprint to compare or an explicit yes.

use std::path::{Path, PathBuf};

use anyhow::Result;
use certenroll::Error;
use certenroll::choices::KeyType;
use certenroll::config::{Checked, Config, KeyBits, Profile, check_profile_name, keep_beside};
use certenroll::error::exit;
use certenroll::pki::cert;
use certenroll::pki::digest::Digest;
use certenroll::store;

use crate::cli::{GlobalArgs, InitArgs};
use crate::output::Output;
use crate::prompt::Asker;

/// An EST login: where its password is kept (never in the configuration).
#[derive(Default)]
struct EstLogin {
    username: Option<String>,
    password_file: Option<PathBuf>,
    password_env: Option<String>,
}

/// The EST user name and where its password comes from: a flag, or typed here and kept in a
/// 0600 file beside the configuration.
fn est_login(ask: &Asker, args: &InitArgs, config_path: &Path, name: &str) -> Result<EstLogin> {
    let Some(username) = ask.text(
        "EST user name (empty for none: a client certificate, or no login)",
        args.username.clone(),
        None,
    )?
    else {
        return Ok(EstLogin::default());
    };
    let (password_file, password_env) = match (&args.password_file, &args.password_env) {
        (Some(file), _) => (Some(file.clone()), None),
        (None, Some(var)) => (None, Some(var.clone())),
        (None, None) if ask.interactive => {
            let secret = crate::prompt::secret(
                "EST password (kept in a 0600 file beside the configuration)",
                false,
            )?;
            let file = keep_beside(
                config_path,
                &format!("{name}.password"),
                format!("{secret}\n").as_bytes(),
                store::KEY_MODE,
            )?;
            (Some(file), None)
        }
        (None, None) => {
            return Err(Error::Invalid(
                "--username needs --password-file FILE or --password-env VAR with --no-input"
                    .into(),
            )
            .into());
        }
    };
    Ok(EstLogin {
        username: Some(username),
        password_file,
        password_env,
    })
}

fn host_name() -> Option<String> {
    std::fs::read_to_string("/proc/sys/kernel/hostname")
        .ok()
        .map(|h| h.trim().to_string())
        .filter(|h| !h.is_empty())
}

/// A file's default place: beside the configuration.
fn beside(config: &Path, file: String) -> PathBuf {
    config.parent().unwrap_or(Path::new(".")).join(file)
}

pub fn run(global: &GlobalArgs, args: &InitArgs, config_path: &Path, out: &Output) -> Result<u8> {
    let name = global.profile.clone().unwrap_or_else(|| "default".into());
    check_profile_name(&name)?;
    let mut config = Config::load(config_path)?;
    if config.profile.contains_key(&name) && !args.force {
        return Err(Error::Invalid(format!(
            "{} already has a profile '{name}'; pass --force to replace it, or --profile OTHER",
            config_path.display()
        ))
        .into());
    }
    let ask = Asker {
        interactive: !args.no_input && crate::prompt::can_ask(false),
    };

    // Test the server and show its CA before anything is written. A person who typed a URL
    // that does not work is told why and asked again; a --url that does not work is an error.
    let trust = crate::runtime::trust(global)?;
    let timeout = std::time::Duration::from_secs(global.timeout);
    let (url, ca, reached) = loop {
        let url = ask
            .checked("SCEP or EST URL", args.url.clone(), None, url_syntax)?
            .ok_or_else(|| {
                Error::Invalid("config init needs the server's URL: pass --url URL".into())
            })?;
        match certenroll::protocols::reach(&url, timeout, &trust) {
            Ok((ca, reached)) => break (url, ca, reached),
            Err(err) if ask.interactive && args.url.is_none() => {
                out.warn(&format!("{err}; try another URL"));
            }
            Err(err) => return Err(err.into()),
        }
    };
    let est = certenroll::est::is_est_url(&url);
    out.human(&reached);
    let shown = cert::fingerprint(ca.ca(), Digest::Sha256);
    out.human(&format!(
        "CA: {}\n    SHA-256 {shown}",
        cert::name_to_string(ca.ca().tbs_certificate().subject())
    ));
    let pin = match &args.fingerprint {
        Some(given) => {
            let pin = cert::parse_fingerprint(given)?;
            ca.check_pin(&pin)?;
            pin
        }
        None if args.trust_ca => shown.replace(':', ""),
        None if ask.interactive => {
            if !ask.confirm("Is this the CA's fingerprint, as its administrator gave it?")? {
                return Err(Error::Invalid(
                    "the CA was not confirmed; nothing was written (pass --fingerprint to compare)"
                        .into(),
                )
                .into());
            }
            shown.replace(':', "")
        }
        None => {
            return Err(Error::Invalid(
                "config init --no-input needs --fingerprint SHA256 (from the CA's administrator) or --trust-ca".into(),
            )
            .into());
        }
    };

    let cn = ask
        .text("Common name (CN)", args.cn.clone(), host_name())?
        .ok_or_else(|| Error::Invalid("a common name is needed: pass --cn NAME".into()))?;
    let sans = ask.checked(
        "Subject alternative names (comma-separated)",
        args.san.clone(),
        Some(format!("dns:{cn}")),
        |answer| {
            answer
                .split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .try_for_each(|s| s.parse::<certenroll::pki::csr::San>().map(|_| ()))
        },
    )?;
    let san = sans
        .as_deref()
        .unwrap_or_default()
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(Checked::new)
        .collect::<certenroll::Result<Vec<_>>>()?;
    let key_type = if est {
        let answer = ask.checked(
            "Key type (rsa, p256, p384)",
            args.key_type.map(|k| format!("{k:?}").to_lowercase()),
            Some("rsa".into()),
            |answer| match answer {
                "rsa" | "p256" | "p384" => Ok(()),
                _ => Err("use rsa, p256 or p384".into()),
            },
        )?;
        match answer.as_deref().unwrap_or("rsa") {
            "rsa" => None,
            "p256" => Some(KeyType::P256),
            "p384" => Some(KeyType::P384),
            other => {
                return Err(
                    Error::Invalid(format!("key type '{other}': use rsa, p256 or p384")).into(),
                );
            }
        }
    } else {
        None
    };
    // The RSA size, unless the key is an EC one.
    let bits = if key_type.is_none() {
        let bits_text = ask.checked(
            "RSA key size (2048, 3072, 4096)",
            args.key_bits.map(|b| b.to_string()),
            Some("2048".into()),
            |answer| match answer.parse::<usize>() {
                Ok(bits) if certenroll::pki::key::RSA_BITS.contains(&bits) => Ok(()),
                _ => Err("use 2048, 3072 or 4096".into()),
            },
        )?;
        let bits: usize = bits_text
            .as_deref()
            .unwrap_or("2048")
            .parse()
            .ok()
            .filter(|b| certenroll::pki::key::RSA_BITS.contains(b))
            .ok_or_else(|| Error::Invalid("the key size must be 2048, 3072 or 4096".into()))?;
        Some(KeyBits(bits))
    } else {
        None
    };
    // A file goes where its directory exists, or beside the configuration (made with it).
    let config_dir = config_path
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default();
    let path_answer =
        |prompt: &str, given: &Option<PathBuf>, default: PathBuf| -> Result<PathBuf> {
            loop {
                let path = ask
                    .text(
                        prompt,
                        given.as_ref().map(|p| p.display().to_string()),
                        Some(default.display().to_string()),
                    )?
                    .map(PathBuf::from)
                    .unwrap_or_else(|| default.clone());
                // A key on a token is no file: its URI is checked when the key is used.
                if certenroll::pkcs11::is_uri(&path) {
                    return Ok(path);
                }
                let dir = path
                    .parent()
                    .filter(|d| !d.as_os_str().is_empty())
                    .unwrap_or(Path::new("."));
                if dir == config_dir || dir.is_dir() {
                    return Ok(path);
                }
                let why = format!(
                    "the directory {} does not exist: create it first, or give another path",
                    dir.display()
                );
                if ask.interactive && given.is_none() {
                    out.warn(&why);
                    continue;
                }
                // Named without the prompt's hint in parentheses.
                let what = prompt.split(" (").next().unwrap_or(prompt);
                return Err(Error::Invalid(format!("{what}: {why}")).into());
            }
        };
    let key = path_answer(
        "Key file (or pkcs11:token=LABEL;object=NAME for a key on a token)",
        &args.key,
        beside(config_path, format!("{name}.key")),
    )?;
    // A key on a token needs its module; the PIN may come from a file, the variable or a
    // prompt, so it is not asked for here.
    let pkcs11_module = if certenroll::pkcs11::is_uri(&key) {
        let module = ask.checked(
            "PKCS#11 module of the token",
            global
                .pkcs11_module
                .as_ref()
                .map(|p| p.display().to_string()),
            Some("/usr/lib/softhsm/libsofthsm2.so".into()),
            |answer| {
                if Path::new(answer).is_file() {
                    Ok(())
                } else {
                    Err(format!(
                        "{answer} does not exist: install the token's module first"
                    ))
                }
            },
        )?;
        module.map(PathBuf::from)
    } else {
        None
    };
    let cert_file = path_answer(
        "Certificate file",
        &args.cert,
        beside(config_path, format!("{name}.pem")),
    )?;
    let chain = path_answer(
        "Chain file",
        &args.chain,
        beside(config_path, format!("{name}-chain.pem")),
    )?;

    let (challenge_file, challenge_env) = match (&args.challenge_file, &args.challenge_env) {
        (Some(file), _) => (Some(file.clone()), None),
        (None, Some(var)) => (None, Some(var.clone())),
        // EST authenticates with a login or a client certificate instead.
        (None, None) if est => (None, None),
        (None, None) if ask.interactive => {
            let secret = crate::prompt::secret(
                "Challenge password (kept in a 0600 file beside the configuration; empty for none)",
                true,
            )?;
            if secret.is_empty() {
                (None, None)
            } else {
                let file = keep_beside(
                    config_path,
                    &format!("{name}.challenge"),
                    format!("{secret}\n").as_bytes(),
                    store::KEY_MODE,
                )?;
                (Some(file), None)
            }
        }
        (None, None) => (None, None),
    };
    let login = if est {
        est_login(&ask, args, config_path, &name)?
    } else {
        EstLogin::default()
    };
    // EST: the CA shown (and confirmed) becomes the HTTPS trust anchor.
    let ca_file = match (&global.ca_file, est) {
        (Some(given), true) => Some(given.clone()),
        (None, true) => Some(keep_beside(
            config_path,
            &format!("{name}-est-ca.pem"),
            cert::to_pem(&ca.all().iter().collect::<Vec<_>>())?.as_bytes(),
            store::CERT_MODE,
        )?),
        (_, false) => None,
    };
    let renew_at = ask.checked(
        "Renew once this share of the lifetime has passed",
        args.renew_at.map(|p| format!("{}%", p.0)),
        Some(format!(
            "{}%",
            certenroll::schedule::DEFAULT_RENEW_AT_PERCENT
        )),
        |answer| {
            answer
                .parse::<certenroll::schedule::Percent>()
                .map(|_| ())
                .map_err(|e| e.to_string())
        },
    )?;

    let profile = Profile {
        url: Some(url),
        fingerprint: Some(Checked::new(&pin)?),
        cn: Some(cn),
        san,
        key: Some(key),
        pkcs11_module,
        pin_file: global
            .pin_file
            .as_ref()
            .map(|file| std::path::absolute(file).unwrap_or_else(|_| file.clone())),
        cert: Some(cert_file),
        chain: Some(chain),
        key_bits: bits,
        challenge_file,
        challenge_env,
        key_type,
        ca_file,
        username: login.username,
        password_file: login.password_file,
        password_env: login.password_env,
        renew_at: renew_at.as_deref().map(Checked::new).transpose()?,
        ..Profile::default()
    };
    config.profile.insert(name.clone(), profile.clone());
    config.save(config_path)?;
    let single = Config {
        profile: [(name.clone(), profile)].into_iter().collect(),
    };
    out.human(&format!(
        "Wrote profile '{name}' to {}:\n\n{}\nNext: certenroll --profile {name} enroll   (then a timer: contrib/systemd/certenroll-renew@.timer)",
        config_path.display(),
        single.to_toml()?
    ));
    out.json(&serde_json::json!({ "path": config_path, "profile": name, "settings": single.profile[&name] }));
    Ok(exit::OK)
}

/// An answer that can be a server's URL: http:// or https://.
fn url_syntax(answer: &str) -> std::result::Result<(), String> {
    let lower = answer.to_ascii_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") {
        Ok(())
    } else {
        Err("give an http:// or https:// URL".into())
    }
}
