//! What the verbs' runs share: the HTTP transport and trust the global flags ask for, the
//! state directory and its locks (per profile, beside the key), the history record, the
//! recovery of an install a killed run left, the deploy hook, writing certificate files, and
//! how long a run may take.

use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::Result;
use certenroll::enroll::install::Hook;
use certenroll::pki::Certificate;
use certenroll::pki::cert;
use certenroll::scep::client::Client;
use certenroll::transport::{Options, Transport};

use crate::cli::{Cli, Command, Format, GlobalArgs, ServerArgs};
use crate::output::Output;

/// The HTTP transport the global flags ask for.
pub fn transport(global: &GlobalArgs) -> Result<Transport> {
    Ok(Transport::new(Options {
        timeout: Duration::from_secs(global.timeout),
        trust: trust(global)?,
        ..Options::default()
    })?)
}

/// Where keys on PKCS#11 tokens find their module and PIN this run (the flags, with the
/// profile's values filled in); a PIN is asked for, hidden, only on a terminal.
pub fn tokens(global: &GlobalArgs) {
    let json = global.json;
    certenroll::pkcs11::configure(certenroll::pkcs11::Settings {
        module: global.pkcs11_module.clone(),
        pin_file: global.pin_file.clone(),
        ask: Some(Box::new(move |prompt: &str| {
            crate::prompt::can_ask(json)
                .then(|| crate::prompt::secret(prompt, false).ok())
                .flatten()
                .map(certenroll::secret::Secret::new)
        })),
    });
}

/// The HTTPS trust the global flags ask for.
pub fn trust(global: &GlobalArgs) -> Result<certenroll::tls::Trust> {
    Ok(match &global.ca_file {
        Some(path) => certenroll::tls::Trust::from_file(path)?,
        None if global.system_roots => certenroll::tls::Trust::System,
        None => certenroll::tls::Trust::BuiltIn,
    })
}

/// A SCEP client for `server`; an EST server gets a clear word instead of a 404.
pub fn client<'a>(http: &'a Transport, server: &ServerArgs) -> Result<Client<'a>> {
    if server.protocol() == crate::cli::ProtocolChoice::Est {
        return Err(certenroll::Error::Invalid(format!(
            "this is a SCEP operation, and {} is EST: over EST use getcacert, enroll, renew, csrattrs or serverkeygen",
            server.url
        ))
        .into());
    }
    Ok(Client::new(http, &server.url)?)
}

/// The state directory the global flags ask for (created if missing).
pub fn state_dir(global: &GlobalArgs) -> Result<std::path::PathBuf> {
    Ok(certenroll::store::state_dir(global.state_dir.as_deref())?)
}

/// Take the lock of the profile in use ("default" without one).
pub fn lock(global: &GlobalArgs, state_dir: &Path) -> Result<certenroll::store::lock::Lock> {
    let name = global.profile.as_deref().unwrap_or("default");
    Ok(certenroll::store::lock::Lock::acquire(
        state_dir,
        name,
        Duration::from_secs(global.lock_wait),
    )?)
}

/// Record a result in the history, and in the record of the managed certificate it concerns.
/// A history that cannot be written never fails the operation: it is reported as a warning.
pub fn record(
    state_dir: &Path,
    entry: certenroll::store::history::Entry,
    started: std::time::Instant,
    out: &Output,
) {
    record_for(state_dir, entry, None, started, out);
}

/// [`record`], with the registry record of the certificate the result installed.
pub fn record_for(
    state_dir: &Path,
    mut entry: certenroll::store::history::Entry,
    installed: Option<certenroll::store::registry::Managed>,
    started: std::time::Instant,
    out: &Output,
) {
    entry.duration_ms = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
    let registry = certenroll::store::registry::Registry::new(state_dir);
    let noted = match installed {
        Some(managed) => registry.installed(managed, &entry),
        None => registry.note(&entry),
    };
    if let Err(e) = noted {
        out.warn(&format!(
            "the registry of managed certificates was not updated: {e}"
        ));
    }
    match certenroll::store::history::History::new(state_dir).append(entry) {
        Ok(Some(warning)) => out.warn(&warning),
        Ok(None) => {}
        Err(e) => out.warn(&format!("the history was not updated: {e}")),
    }
}

/// A path as the history and the registry name it: absolute.
pub fn absolute_display(path: &Path) -> String {
    certenroll::store::absolute(path)
        .unwrap_or_else(|_| path.to_path_buf())
        .display()
        .to_string()
}

/// The history entry for a failed operation.
pub fn error_entry(
    operation: &str,
    server: &str,
    err: &anyhow::Error,
) -> certenroll::store::history::Entry {
    use certenroll::store::history::{Entry, Status};
    match err.downcast_ref::<certenroll::Error>() {
        Some(lib) => Entry::from_error(operation, server, lib),
        None => Entry::new(
            operation,
            server,
            Status::Error,
            format!("Error: {err:#}"),
            certenroll::error::exit::OTHER,
        ),
    }
}

/// Which hook: certbot's names.
#[derive(Debug, Clone, Copy)]
pub enum HookKind {
    /// Before a renewal attempt that will send something.
    Pre,
    /// After a new certificate is installed.
    Deploy,
    /// After every renewal attempt.
    Post,
}

/// Where the scripts of a kind of hook live: `hooks/pre`, `hooks/deploy`, `hooks/post` beside
/// the configuration file (/etc/certenroll/hooks/... for root).
pub fn hook_dir(global: &GlobalArgs, kind: HookKind) -> Option<PathBuf> {
    let config = certenroll::config::config_path(global.config.as_deref()).ok()?;
    let name = match kind {
        HookKind::Pre => "pre",
        HookKind::Deploy => "deploy",
        HookKind::Post => "post",
    };
    Some(config.parent()?.join("hooks").join(name))
}

/// The hook of `kind`: the command a command line (or its profile) names, and the scripts of
/// its hook directory; None when there is nothing to run.
pub fn hook(kind: HookKind, command: Option<&String>, global: &GlobalArgs) -> Option<Hook> {
    let hook = Hook {
        command: command.cloned(),
        scripts: hook_dir(global, kind)
            .map(|dir| certenroll::enroll::hooks::scripts_in(&dir))
            .unwrap_or_default(),
        profile: global.profile.clone(),
    };
    (!hook.is_empty()).then_some(hook)
}

/// The deploy hook of `profile` in the configuration file as it is now: what `poll` runs for
/// a request made under that profile (hooks are never taken from saved state).
pub fn profile_hook(global: &GlobalArgs, profile: Option<&str>, out: &Output) -> Option<Hook> {
    let name = profile?;
    let path = certenroll::config::config_path(global.config.as_deref()).ok()?;
    let config = match certenroll::config::Config::load_one(&path, name) {
        Ok(config) => config,
        Err(err) => {
            out.warn(&format!("no deploy hook for profile '{name}': {err}"));
            return None;
        }
    };
    let profile = config.profile.get(name)?;
    // The profile's secret variables are kept from its hook, read in this run or not.
    let secrets = [
        &profile.challenge_env,
        &profile.password_env,
        &profile.p12_passphrase_env,
    ];
    for name in secrets.into_iter().flatten() {
        certenroll::secret::hide_variable(name);
    }
    let (_, deploy, _, _) = profile.hooks();
    let global = GlobalArgs {
        profile: Some(name.to_string()),
        ..global.clone()
    };
    hook(HookKind::Deploy, deploy.as_ref(), &global)
}

/// Lock the key file a run installs into (beside it), waiting as long as for the profile lock.
/// A key whose directory does not exist has nothing to guard yet (writing it will say so).
pub fn lock_key(global: &GlobalArgs, key: &Path) -> Result<Option<certenroll::store::lock::Lock>> {
    // A key on a token has no directory to lock beside it: the profile's lock and the
    // token's refusal to generate under a label that is taken keep two runs apart.
    if certenroll::pkcs11::is_uri(key) {
        return Ok(None);
    }
    let dir = key.parent().filter(|d| !d.as_os_str().is_empty());
    if dir.is_some_and(|d| !d.is_dir()) {
        return Ok(None);
    }
    Ok(Some(certenroll::store::lock::Lock::beside(
        key,
        Duration::from_secs(global.lock_wait),
    )?))
}

/// Finish what a killed run left for this key and certificate, and say what was done.
pub fn recover(
    state_dir: &Path,
    key: &Path,
    cert: &Path,
    hook: Option<&Hook>,
    out: &Output,
) -> Result<()> {
    let settled = certenroll::enroll::install::recover(state_dir, key, cert, hook)?;
    for note in &settled.notes {
        out.warn(note);
    }
    if let Some(failed) = &settled.hook_failed {
        out.warn(failed);
    }
    Ok(())
}

/// Write certificates atomically (mode 0644).
pub fn write_certs(path: &Path, certs: &[&Certificate], format: Format) -> Result<()> {
    certenroll::store::write_atomic(
        path,
        &certenroll::enroll::install::encode_certs(certs, format)?,
        certenroll::store::CERT_MODE,
        "writing certificate",
    )?;
    Ok(())
}

/// Indented lines describing a certificate, for human output.
pub fn describe_cert(summary: &cert::CertSummary) -> String {
    let mut lines = vec![
        format!("  subject   {}", summary.subject),
        format!("  issuer    {}", summary.issuer),
        format!("  serial    {}", summary.serial),
        format!(
            "  valid     {} to {}",
            summary.not_before, summary.not_after
        ),
    ];
    if !summary.key_usage.is_empty() {
        lines.push(format!("  usage     {}", summary.key_usage.join(", ")));
    }
    if !summary.extended_key_usage.is_empty() {
        lines.push(format!(
            "  ext usage {}",
            summary.extended_key_usage.join(", ")
        ));
    }
    lines.push(format!("  sha256    {}", summary.sha256));
    lines.push(format!("  sha1      {}", summary.sha1));
    lines.join("\n")
}

/// Beyond the run's own waits, how long a run may take by default.
const DEADLINE_MARGIN: Duration = Duration::from_secs(3600);

/// How long this run may take (`--deadline`, else an hour plus its jitter and polls, for each
/// profile with `renew --all`); None for a server, which runs until stopped.
pub fn deadline(cli: &Cli) -> Option<Duration> {
    let runs = match &cli.command {
        Command::Renew(args) if args.all => {
            certenroll::config::config_path(cli.global.config.as_deref())
                .and_then(|path| certenroll::config::Config::load_profiles(&path))
                .map_or(1, |profiles| profiles.len().max(1) as u64)
        }
        _ => 1,
    };
    let policy = match &cli.command {
        Command::Lab(_) => return None,
        Command::Enroll(args) | Command::Serverkeygen(args) => Some(&args.policy),
        Command::Renew(args) => Some(&args.policy),
        Command::Poll(args) => Some(&args.policy),
        _ => None,
    };
    match cli.global.deadline {
        Some(0) => None,
        Some(secs) => Some(Duration::from_secs(secs)),
        None => {
            let waits = policy.map_or(0, |p| {
                p.jitter
                    .max
                    .saturating_add(u64::from(p.poll_count).saturating_mul(p.poll_interval))
            });
            let each = DEADLINE_MARGIN.saturating_add(Duration::from_secs(waits));
            Some(each.saturating_mul(u32::try_from(runs).unwrap_or(u32::MAX)))
        }
    }
}
