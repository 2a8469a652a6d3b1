//! The request that `enroll`'s flags describe, for SCEP and EST alike: its subject, SANs and
//! usages (what the CSR says), the kind of key to make, and the check of the output paths
//! before any work is done. What happens to the key is the library's (`enroll::lifecycle`).

use std::str::FromStr;

use anyhow::Result;
use certenroll::Error;
use certenroll::enroll::install::{self};
use certenroll::pki::cert::{self, NameAttr};
use certenroll::pki::csr::{self, CsrSpec, San};
use certenroll::pki::key::KeyKind;
use certenroll::secret::Secret;
use certenroll::store;
use x509_cert::name::Name;

use crate::cli::{EnrollArgs, KeyType};

/// A request made elsewhere (`--csr`), read once and its signature checked.
pub struct MadeElsewhere {
    /// The request.
    pub csr: x509_cert::request::CertReq,
    /// Its DER, as it came.
    pub der: Vec<u8>,
}

/// The request made elsewhere that `--csr` names.
fn made_elsewhere(args: &EnrollArgs) -> Result<Option<MadeElsewhere>> {
    let Some(path) = &args.csr else {
        return Ok(None);
    };
    let bytes = std::fs::read(path).map_err(|e| Error::local("reading the CSR", path, e))?;
    let (csr, der) = csr::read_made_elsewhere(&bytes)
        .map_err(|e| Error::Invalid(format!("{}: {e}", path.display())))?;
    Ok(Some(MadeElsewhere { csr, der }))
}

/// The subject the flags give.
fn subject(args: &EnrollArgs) -> Result<Name> {
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

/// What the request says (its challenge is added later), and the request made elsewhere when
/// there is one, which says it all itself (what is logged and saved of it).
fn describe(args: &EnrollArgs) -> Result<(CsrSpec, Option<MadeElsewhere>)> {
    if let Some(made) = made_elsewhere(args)? {
        let spec = CsrSpec {
            subject: made.csr.info.subject.clone(),
            sans: csr::requested_sans(&made.csr),
            key_usage: None,
            extended_key_usage: Vec::new(),
            challenge: csr::challenge_password(&made.csr).map(Secret::new),
        };
        return Ok((spec, Some(made)));
    }
    let subject = subject(args)?;
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
    let spec = CsrSpec {
        subject,
        sans,
        key_usage,
        extended_key_usage,
        challenge: None,
    };
    Ok((spec, None))
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
    let taken = |path: &&std::path::PathBuf| install::key_exists(path).unwrap_or(false);
    if let Some(path) = args.out_key.as_ref().filter(|p| !args.force && taken(p)) {
        return Err(Error::Invalid(format!(
            "{} already exists; enroll with it using --key {0}, or pass --force to replace it once the new certificate is issued",
            path.display()
        ))
        .into());
    }
    Ok(())
}

/// The kind of key the flags ask for.
pub fn key_kind(args: &EnrollArgs) -> KeyKind {
    match args.key_type {
        None | Some(KeyType::Rsa) => KeyKind::Rsa(args.key_bits),
        Some(KeyType::P256) => KeyKind::P256,
        Some(KeyType::P384) => KeyKind::P384,
    }
}

/// Check what the flags say of the request without touching a file: the subject, SANs and
/// usages, the algorithms, and (over SCEP) an RSA key. The flows read them again, as they
/// need them; this only makes a usage error come before the key's lock file is created.
/// Everything that can be wrong with the input, found before anything is locked or written;
/// what the request says (and the request made elsewhere, read once) when nothing is.
pub fn check_input(args: &EnrollArgs, est: bool) -> Result<(CsrSpec, Option<MadeElsewhere>)> {
    args.auth.only_for_est(args.server.protocol())?;
    if args.csr.is_some() {
        if !est && args.key.is_none() {
            return Err(Error::Invalid(
                "over SCEP, --csr needs --key too: a key of yours (an RA's, RSA) signs the SCEP messages and receives the CA's encrypted reply".into(),
            )
            .into());
        }
        if est && args.key.is_some() {
            return Err(Error::Invalid(
                "over EST a request made elsewhere goes as it is, authenticated by the TLS client certificate or the login: leave out --key".into(),
            )
            .into());
        }
    }
    let described = describe(args)?;
    certenroll::scep::enroller::Choices::parse(
        args.algorithms.cipher.as_deref(),
        args.algorithms.digest.as_deref(),
        args.algorithms.method,
    )?;
    if !est && matches!(args.key_type, Some(KeyType::P256 | KeyType::P384)) {
        return Err(Error::Invalid(
            "SCEP needs an RSA key (the CA encrypts its reply to it): use --key-type rsa, or enroll over EST"
                .into(),
        )
        .into());
    }
    Ok(described)
}
