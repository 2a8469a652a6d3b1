//! The request that `enroll`'s flags describe, for SCEP and EST alike: its subject, SANs and
//! usages (what the CSR says), the key plan (a key given with --key, a new one in place, or
//! one staged beside an existing key until the certificate is verified), and the check of
//! the output paths before any work is done.

use std::path::{Path, PathBuf};
use std::str::FromStr;

use anyhow::Result;
use certenroll::Error;
use certenroll::enroll::install::{self, Bundle, Destination};
use certenroll::pki::cert::{self, NameAttr};
use certenroll::pki::csr::{self, CsrSpec, San};
use certenroll::pki::key::{KeyKind, PrivateKey};
use certenroll::secret::Secret;
use certenroll::store;
use x509_cert::name::Name;

use crate::cli::{EnrollArgs, KeyType};
use crate::output::Output;

pub fn subject(args: &EnrollArgs) -> Result<Name> {
    if let Some(dn) = &args.subject {
        return Name::from_str(dn).map_err(|e| {
            Error::Invalid(format!(
                "--subject '{}' is not an RFC 4514 name ({e}); write e.g. CN=printer-7,O=Example,C=DE",
                certenroll::sanitize::escape_untrusted(dn)
            ))
            .into()
        });
    }
    // Most significant first, as RFC 4514 strings print them last.
    let mut parts = Vec::new();
    if let Some(c) = &args.country {
        parts.push((NameAttr::Country, c.clone()));
    }
    if let Some(st) = &args.state {
        parts.push((NameAttr::State, st.clone()));
    }
    if let Some(l) = &args.locality {
        parts.push((NameAttr::Locality, l.clone()));
    }
    parts.extend(
        args.organization
            .iter()
            .map(|o| (NameAttr::Organization, o.clone())),
    );
    parts.extend(
        args.ou
            .iter()
            .map(|o| (NameAttr::OrganizationalUnit, o.clone())),
    );
    if let Some(cn) = &args.cn {
        if cn.trim().is_empty() {
            return Err(Error::Invalid("--cn must not be empty".into()).into());
        }
        parts.push((NameAttr::CommonName, cn.clone()));
    }
    if let Some(email) = &args.email {
        parts.push((NameAttr::Email, email.clone()));
    }
    Ok(cert::build_name(&parts)?)
}

/// The challenge password: file, flag (with a warning), environment, or a hidden prompt on a
/// terminal. None when the user said --no-challenge or nothing is available unattended.
pub fn csr_spec(args: &EnrollArgs, subject: Name, challenge: Option<Secret>) -> Result<CsrSpec> {
    let sans = args
        .san
        .iter()
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
        .map(|s| San::from_str(s).map_err(|e| Error::Invalid(format!("--san: {e}"))))
        .collect::<Result<Vec<_>, _>>()?;
    let key_usage = if args.key_usage.eq_ignore_ascii_case("none") {
        None
    } else {
        Some(csr::parse_key_usage(&args.key_usage)?)
    };
    let extended_key_usage = match &args.eku {
        Some(list) => csr::parse_eku(list)?,
        None => Vec::new(),
    };
    if subject.is_empty() && sans.is_empty() {
        return Err(
            Error::Invalid("the request needs a subject or at least one --san".into()).into(),
        );
    }
    Ok(CsrSpec {
        subject,
        sans,
        key_usage,
        extended_key_usage,
        challenge,
    })
}

/// Where the key lives and whether it still has to be moved into place.
pub struct KeyPlan {
    pub key: PrivateKey,
    /// The key file the user will use.
    pub path: PathBuf,
    /// A staged key to rename over `path` once the certificate is verified.
    pub staged: Option<PathBuf>,
}

impl KeyPlan {
    /// The key for people: "RSA 2048", with ", mode 0600" when this run wrote it.
    pub fn describe(&self, args: &EnrollArgs) -> String {
        if args.key.is_some() {
            self.key.describe()
        } else {
            format!("{}, mode 0600", self.key.describe())
        }
    }

    /// Where an enrollment installs the certificate, the chain, this key and the bundle.
    pub fn destination(&self, args: &EnrollArgs, p12: Option<Bundle>) -> Destination {
        Destination {
            cert: args.out_cert.clone(),
            chain: args.out_chain.clone(),
            format: args.format,
            key: self.path.clone(),
            staged_key: self.staged.clone(),
            keep_old: false,
            hook: None,
            p12,
        }
    }
}

/// Read the key given with --key (before anything is sent: a bad key file is a local error).
pub fn load_key(path: &Path) -> Result<KeyPlan> {
    Ok(KeyPlan {
        key: install::read_key(path)?,
        path: path.to_path_buf(),
        staged: None,
    })
}

/// The output files can be written, and an existing key is replaced only with --force:
/// found out before any work is done.
pub fn check_outputs(args: &EnrollArgs) -> Result<()> {
    let replaced = [
        Some(&args.out_cert),
        args.out_key.as_ref(),
        args.out_chain.as_ref(),
    ]
    .into_iter()
    .chain([args.p12.out_p12.as_ref()])
    .flatten()
    .map(|p| p.as_path())
    .collect::<Vec<_>>();
    install::check_replaceable(&replaced)?;
    store::check_writable(&args.out_cert, "writing certificate")?;
    if let Some(chain) = &args.out_chain {
        store::check_writable(chain, "writing chain")?;
    }
    if let Some(path) = args.out_key.as_ref().filter(|p| p.exists() && !args.force) {
        return Err(Error::Invalid(format!(
            "{} already exists; enroll with it using --key {0}, or pass --force to replace it once the new certificate is issued",
            path.display()
        ))
        .into());
    }
    Ok(())
}

/// "RSA-2048", "EC P-256"...
pub fn describe_kind(kind: KeyKind) -> String {
    match kind {
        KeyKind::Rsa(bits) => format!("RSA-{bits}"),
        KeyKind::P256 => "EC P-256".into(),
        KeyKind::P384 => "EC P-384".into(),
    }
}

/// The kind of key the flags ask for.
pub fn key_kind(args: &EnrollArgs) -> KeyKind {
    match args.key_type {
        None | Some(KeyType::Rsa) => KeyKind::Rsa(args.key_bits),
        Some(KeyType::P256) => KeyKind::P256,
        Some(KeyType::P384) => KeyKind::P384,
    }
}

/// Generate the new key and write it (0600) to --out-key, or beside it when that exists.
pub fn generate_key(
    state_dir: &Path,
    args: &EnrollArgs,
    kind: KeyKind,
    out: &Output,
) -> Result<KeyPlan> {
    let fresh = new_key(state_dir, args, kind, out)?;
    fresh.write(state_dir, args)?;
    Ok(fresh)
}

/// Generate the new key for --out-key (or beside it when that exists), not yet written.
pub fn new_key(
    state_dir: &Path,
    args: &EnrollArgs,
    kind: KeyKind,
    out: &Output,
) -> Result<KeyPlan> {
    let path = args.out_key.clone().ok_or_else(|| {
        Error::Invalid("give --out-key FILE for the new key, or --key FILE".into())
    })?;
    let target = install::staging_path(state_dir, &path, &args.out_cert)?;
    let exists = target != path;
    store::check_writable(&target, "writing key")?;

    let key = out.while_busy(
        &format!("generating an {} key", describe_kind(kind)),
        || PrivateKey::generate(kind),
    )?;
    Ok(KeyPlan {
        key,
        path,
        staged: exists.then_some(target),
    })
}

impl KeyPlan {
    /// Write a key this run generated (0600), to its staging file or in place (noted first,
    /// so that a run killed after writing it is finished by the next).
    pub fn write(&self, state_dir: &Path, args: &EnrollArgs) -> Result<()> {
        if self.staged.is_none() {
            install::note_fresh_key(state_dir, &self.path, &self.key)?;
        }
        let target = self.staged.as_ref().unwrap_or(&self.path);
        store::write_atomic(
            target,
            &install::encode_key(&self.key, args.format)?,
            store::KEY_MODE,
            "writing key",
        )?;
        tracing::info!(path = %target.display(), "wrote the new key (mode 0600)");
        Ok(())
    }
}

/// After a failed request: a key this run generated is removed when the CA rejected the
/// request (it will never get a certificate), and kept otherwise, so that the same request
/// can be sent again with `--key`.
pub fn after_failure(args: &EnrollArgs, plan: &KeyPlan, err: &Error, out: &Output) {
    if args.key.is_some() {
        return;
    }
    let written = plan.staged.as_ref().unwrap_or(&plan.path);
    if matches!(err, Error::ScepFailure { .. } | Error::Unauthorized { .. }) {
        install::discard_key(written, &args.out_cert);
    } else {
        out.warn(&format!(
            "the new key stays in {}; to send the same request again, use --key {0}",
            written.display()
        ));
    }
}

/// Check what the flags say of the request without touching a file: the subject, SANs and
/// usages, the algorithms, and (over SCEP) an RSA key. The flows read them again, as they
/// need them; this only makes a usage error come before the key's lock file is created.
pub fn check_input(args: &EnrollArgs, est: bool) -> Result<()> {
    csr_spec(args, subject(args)?, None)?;
    crate::request_options::Choices::parse(&args.algorithms)?;
    if !est && matches!(args.key_type, Some(KeyType::P256 | KeyType::P384)) {
        return Err(Error::Invalid(
            "SCEP needs an RSA key (the CA encrypts its reply to it): use --key-type rsa, or enroll over EST"
                .into(),
        )
        .into());
    }
    Ok(())
}
