//! `certenroll enroll`: key, request, SCEP PKCSReq, verified reply, installed files.
//!
//! Order matters for safety: inputs are checked and output paths probed first; the key is
//! written (0600) before anything is sent; certificate and chain are written only after the
//! reply verified. With `--force` over an existing key, the new key is staged beside it and
//! only moved into place once the new certificate is verified.

use std::path::{Path, PathBuf};
use std::str::FromStr;

use anyhow::Result;
use certenroll::Error;
use certenroll::enroll::install;
use certenroll::pki::cert::{self, NameAttr};
use certenroll::pki::csr::{self, CsrSpec, San};
use certenroll::pki::digest::Digest;
use certenroll::pki::envelope::Sealer;
use certenroll::pki::key::{KeyKind, PrivateKey};
use certenroll::scep::client::{Enrolled, Session};
use certenroll::scep::pkimessage::{Signer, Transaction};
use certenroll::secret::Secret;
use certenroll::store;
use der::Encode;
use x509_cert::Certificate;
use x509_cert::name::Name;

use super::pkcs12::P12Out;
use super::waiting::{self, Files, Report};
use super::{Destination, request_options};
use crate::cli::{EnrollArgs, GlobalArgs, KeyType, ProtocolChoice};
use crate::output::Output;

pub(super) fn subject(args: &EnrollArgs) -> Result<Name> {
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
pub(super) fn csr_spec(
    args: &EnrollArgs,
    subject: Name,
    challenge: Option<Secret>,
) -> Result<CsrSpec> {
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
pub(super) struct KeyPlan {
    pub(super) key: PrivateKey,
    /// The key file the user will use.
    pub(super) path: PathBuf,
    /// A staged key to rename over `path` once the certificate is verified.
    pub(super) staged: Option<PathBuf>,
}

impl KeyPlan {
    /// The key for people: "RSA 2048", with ", mode 0600" when this run wrote it.
    pub(super) fn describe(&self, args: &EnrollArgs) -> String {
        if args.key.is_some() {
            self.key.describe()
        } else {
            format!("{}, mode 0600", self.key.describe())
        }
    }

    /// Where an enrollment installs the certificate, the chain, this key and the bundle.
    pub(super) fn destination(&self, args: &EnrollArgs, p12: Option<P12Out>) -> Destination {
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
pub(super) fn load_key(path: &Path) -> Result<KeyPlan> {
    Ok(KeyPlan {
        key: super::read_key(path)?,
        path: path.to_path_buf(),
        staged: None,
    })
}

/// The output files can be written, and an existing key is replaced only with --force:
/// found out before any work is done.
pub(super) fn check_outputs(args: &EnrollArgs) -> Result<()> {
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
pub(super) fn describe_kind(kind: KeyKind) -> String {
    match kind {
        KeyKind::Rsa(bits) => format!("RSA-{bits}"),
        KeyKind::P256 => "EC P-256".into(),
        KeyKind::P384 => "EC P-384".into(),
    }
}

/// The kind of key the flags ask for.
pub(super) fn key_kind(args: &EnrollArgs) -> KeyKind {
    match args.key_type {
        None | Some(KeyType::Rsa) => KeyKind::Rsa(args.key_bits),
        Some(KeyType::P256) => KeyKind::P256,
        Some(KeyType::P384) => KeyKind::P384,
    }
}

/// Generate the new key and write it (0600) to --out-key, or beside it when that exists.
pub(super) fn generate_key(
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
fn new_key(state_dir: &Path, args: &EnrollArgs, kind: KeyKind, out: &Output) -> Result<KeyPlan> {
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
    fn write(&self, state_dir: &Path, args: &EnrollArgs) -> Result<()> {
        if self.staged.is_none() {
            install::note_fresh_key(state_dir, &self.path, &self.key)?;
        }
        let target = self.staged.as_ref().unwrap_or(&self.path);
        store::write_atomic(
            target,
            &super::encode_key(&self.key, args.format)?,
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
pub(super) fn after_failure(args: &EnrollArgs, plan: &KeyPlan, err: &Error, out: &Output) {
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

pub fn run(global: &GlobalArgs, args: &EnrollArgs, out: &Output) -> Result<u8> {
    run_as(global, args, out, false)
}

/// `serverkeygen`: enroll over EST with the key made by the server.
pub fn run_serverkeygen(global: &GlobalArgs, args: &EnrollArgs, out: &Output) -> Result<u8> {
    run_as(global, args, out, true)
}

fn run_as(global: &GlobalArgs, args: &EnrollArgs, out: &Output, server_keygen: bool) -> Result<u8> {
    let est = args.server.protocol() == ProtocolChoice::Est;
    if server_keygen && !est {
        return Err(Error::Invalid(
            "serverkeygen is an EST operation: give an EST URL (https://HOST/.well-known/est) or --protocol est".into(),
        )
        .into());
    }
    let operation = if server_keygen {
        "serverkeygen"
    } else {
        "enroll"
    };
    let state_dir = super::state_dir(global)?;
    let _lock = super::lock(global, &state_dir)?;
    let key_file = args.key.as_ref().or(args.out_key.as_ref());
    let _key_lock = key_file
        .map(|key| super::lock_key(global, key))
        .transpose()?;
    if let Some(key) = key_file {
        super::recover(&state_dir, key, &args.out_cert, None, out)?;
    }
    let fresh = args.out_key.as_ref().filter(|_| args.key.is_none());
    // A first enrollment killed once its certificate was in place: it is done.
    if let Some(key) =
        fresh.filter(|key| install::fresh_key_installed(&state_dir, key, &args.out_cert))
    {
        install::forget_fresh_key(&state_dir, key)?;
        out.human(&format!(
            "Enrolled: {} holds the certificate for {}; an interrupted run of this command had installed it.",
            args.out_cert.display(),
            key.display()
        ));
        out.json(&serde_json::json!({
            "status": "installed",
            "files": { "key": key, "cert": args.out_cert },
        }));
        return Ok(certenroll::error::exit::OK);
    }
    // The key a first enrollment killed before its answer left: used again, as with --key.
    let reused = fresh
        .filter(|key| !args.force && !server_keygen && key.exists())
        .filter(|key| install::fresh_key_left(&state_dir, key, &args.out_cert).is_some())
        .map(|key| {
            out.warn(&format!(
                "using the key {} that an earlier run made for this request and did not finish",
                key.display()
            ));
            EnrollArgs {
                key: Some(key.clone()),
                out_key: None,
                ..args.clone()
            }
        });
    let args = reused.as_ref().unwrap_or(args);
    let started = std::time::Instant::now();
    let mut known = Known::default();
    let result = if est {
        known.subject = subject(args).ok().map(|s| cert::name_to_string(&s));
        super::est::enroll(global, args, server_keygen, out, &state_dir, started)
    } else {
        enroll(global, args, out, &state_dir, &mut known, started)
    };
    let result = result.inspect_err(|err| {
        let mut entry = super::error_entry(operation, &args.server.url, err);
        entry.transaction_id = known.transaction_id.take();
        entry.subject = known.subject.take();
        entry.profile = global.profile.clone();
        if est {
            entry.protocol = "est".into();
        }
        super::record(&state_dir, entry, started, out);
    });
    if let Some(key) = fresh {
        // Installed, pending (the request holds the key now) or refused: the note goes.
        let refused = result.as_ref().err().is_some_and(|err| {
            matches!(
                err.downcast_ref::<Error>(),
                Some(Error::ScepFailure { .. } | Error::Unauthorized { .. })
            )
        });
        if refused && reused.is_some() {
            install::discard_key(key, &args.out_cert);
        }
        if result.is_ok() || refused {
            install::forget_fresh_key(&state_dir, key)?;
        }
    }
    result
}

/// The PKCS#10 request (DER) and the throwaway self-signed certificate that signs the message
/// carrying it: two independent signatures, made at once. The certificate's thread also has the
/// `rsa` crate read the key ([`PrivateKey::check_decryptable`]), off the critical path.
fn sign_request(
    key: &PrivateKey,
    spec: &CsrSpec,
    digest: Digest,
) -> Result<(Vec<u8>, Certificate)> {
    let (request, signer_cert) = std::thread::scope(|scope| {
        let signer = scope.spawn(|| {
            key.check_decryptable()?;
            cert::self_signed(key, &spec.subject, digest)
        });
        let request = csr::build(key, spec, digest);
        (request, signer.join())
    });
    let signer_cert = signer_cert.map_err(|_| anyhow::anyhow!("the signing thread failed"))??;
    let request_der = request?
        .to_der()
        .map_err(|e| Error::Crypto(format!("encoding the request failed: {e}")))?;
    Ok((request_der, signer_cert))
}

/// What is known about the request when something fails, for the history.
#[derive(Default)]
struct Known {
    transaction_id: Option<String>,
    subject: Option<String>,
}

fn enroll(
    global: &GlobalArgs,
    args: &EnrollArgs,
    out: &Output,
    state_dir: &Path,
    known: &mut Known,
    started: std::time::Instant,
) -> Result<u8> {
    // Everything that can be wrong with the input is found before any work is done.
    let subject = subject(args)?;
    known.subject = Some(cert::name_to_string(&subject));
    let choices = request_options::Choices::parse(&args.algorithms)?;
    let spec = csr_spec(args, subject.clone(), None)?;
    let policy = waiting::policy(&args.policy);
    let http = super::transport(global)?;
    let client = super::client(&http, &args.server)?;
    check_outputs(args)?;
    if matches!(args.key_type, Some(KeyType::P256 | KeyType::P384)) {
        return Err(Error::Invalid(
            "SCEP needs an RSA key (the CA encrypts its reply to it): use --key-type rsa, or enroll over EST"
                .into(),
        )
        .into());
    }
    let existing_key = args.key.as_deref().map(load_key).transpose()?;
    if let Some(plan) = &existing_key {
        plan.key.require_rsa("SCEP")?;
    }
    let challenge = request_options::challenge(&args.challenge, out)?;
    let spec = CsrSpec { challenge, ..spec };
    let p12 = super::pkcs12::requested(&args.p12, out)?;

    certenroll::enroll::poll::jitter(args.policy.jitter, out)?;
    // With the key at hand, the request is signed while GetCACaps and GetCACert are under way,
    // over the digest nearly every server takes (it is signed again in the rare case the
    // server's capabilities call for another); once the CA's certificates are in, the
    // envelope's key is encrypted to the CA while the signing may still go on.
    let likely_digest = choices.likely_digest();
    let (fetched, sealer, early) = std::thread::scope(|scope| {
        let early = existing_key
            .as_ref()
            .map(|plan| scope.spawn(|| sign_request(&plan.key, &spec, likely_digest)));
        let fetched = request_options::caps_and_ca(
            &client,
            &args.server,
            args.ca_cert.as_deref(),
            args.pin.fingerprint.as_deref(),
        )
        .map(|(caps, ca)| (choices.resolve(&caps, out), ca));
        // A key that cannot be made here is made (and its error reported) when the request
        // is built.
        let sealer = fetched
            .as_ref()
            .ok()
            .and_then(|((cipher, ..), ca)| Sealer::new(ca.recipient().0, *cipher).ok());
        (fetched, sealer, early.map(|thread| thread.join()))
    });
    // Read by the rsa crate while the request was signed: a key the reply could not be
    // decrypted with is a local error, said before a network error and before the request is
    // sent.
    if let Some(plan) = &existing_key {
        plan.key.check_decryptable().map_err(|e| {
            Error::local(
                "reading key",
                &plan.path,
                std::io::Error::other(e.to_string()),
            )
        })?;
    }
    let ((cipher, digest, method), ca) = fetched?;

    let (plan, (request_der, signer_cert)) = match existing_key {
        Some(plan) => {
            let signed = match early {
                Some(Ok(Ok(signed))) if digest == likely_digest => signed,
                _ => sign_request(&plan.key, &spec, digest)?,
            };
            (plan, signed)
        }
        None => {
            // A new key is written (and synced to disk) while the request is signed: both
            // are done before the request that depends on the key is sent.
            let plan = new_key(state_dir, args, key_kind(args), out)?;
            let (written, signed) = std::thread::scope(|scope| {
                let written = scope.spawn(|| plan.write(state_dir, args));
                let signed = sign_request(&plan.key, &spec, digest);
                (written.join(), signed)
            });
            written.map_err(|_| anyhow::anyhow!("the key-writing thread failed"))??;
            let signed = signed?;
            (plan, signed)
        }
    };
    known.transaction_id = Some(Transaction::for_key(&plan.key.public_key_info()?)?.id);
    let session = Session {
        key: &plan.key,
        subject: &spec.subject,
        ca: &ca,
        cipher,
        digest,
        method,
        signer: Some(Signer {
            key: &plan.key,
            cert: &signer_cert,
        }),
    };
    let mut sealer = sealer;
    let outcome = certenroll::enroll::poll::send(&policy, out, || {
        client.enroll(&session, &request_der, sealer.take())
    })
    .inspect_err(|err| after_failure(args, &plan, err, out))?;

    let files = || Files {
        key: plan.path.clone(),
        cert: args.out_cert.clone(),
        chain: args.out_chain.clone(),
        p12: args.p12.out_p12.clone(),
    };
    let key_description = plan.describe(args);
    match outcome {
        Enrolled::Issued {
            cert: issued,
            transaction,
        } => {
            let dest = plan.destination(args, p12);
            let report = Report {
                operation: "enroll",
                url: client.url(),
                transaction_id: &transaction.id,
                subject: cert::name_to_string(&spec.subject),
                scep: Some((method, cipher, digest)),
                files: files(),
                started,
                profile: global.profile.clone(),
            };
            waiting::issued(
                state_dir,
                report,
                &dest,
                &issued,
                &ca,
                &key_description,
                None,
                out,
            )
        }
        Enrolled::Pending { transaction } => {
            let key_file = plan.staged.clone().unwrap_or_else(|| plan.path.clone());
            let pending =
                certenroll::enroll::saved::new_pending(certenroll::enroll::saved::NewPending {
                    transaction_id: &transaction.id,
                    url: client.url(),
                    profile: global.profile.clone(),
                    subject: &spec.subject,
                    key: &key_file,
                    install_key: plan.staged.as_ref().map(|_| plan.path.as_path()),
                    key_generated: args.key.is_none(),
                    cert: &args.out_cert,
                    chain: args.out_chain.as_deref(),
                    format: args.format,
                    ca: &ca,
                    keep_old: false,
                    p12: p12.as_ref(),
                    protocol: certenroll::enroll::saved::scep_part(
                        args.server.ca_ident.clone(),
                        (method, cipher, digest),
                        None,
                    )?,
                })?;
            let request = certenroll::enroll::saved::Request {
                pending,
                key: plan.key.clone(),
                subject: spec.subject.clone(),
                ca: ca.clone(),
                signer: None,
                p12,
                hook: None,
            };
            waiting::save_and_wait(
                state_dir,
                &client,
                request,
                (&policy, args.no_wait),
                &key_description,
                ("enroll", started),
                out,
            )
        }
    }
}
