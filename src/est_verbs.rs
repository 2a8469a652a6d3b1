//! The EST side (RFC 7030) of the verbs that speak both protocols, chosen by them when the
//! server is an EST server: `getcacert` (/cacerts), `enroll` (/simpleenroll), `serverkeygen`,
//! `renew` (/simplereenroll, the current certificate as TLS client certificate), and a 202
//! saved and waited for like SCEP's PENDING. The connection set-up the flags ask for is here
//! too; the trust and bootstrap themselves are the library's (`est::trust`).
//!
//! Trust: --ca-file, --system-roots, a CA remembered from an earlier bootstrap, or the
//! built-in roots; an unknown CA is trusted only after its fingerprint matched --fingerprint
//! or a person at the terminal confirmed it (RFC 7030 4.1.1), and is then remembered in the
//! state directory.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::Result;
use base64::Engine;
use certenroll::Error;
use certenroll::enroll::verify;
use certenroll::est::Endpoint;
use certenroll::est::client::{Enrolled, ServerKeygen};
use certenroll::est::trust::{self, Connection, Login, Setup};
use certenroll::pki::cert;
use certenroll::pki::csr::{self, CsrSpec};
use certenroll::pki::digest::Digest;
use certenroll::pki::key::{KeyKind, PrivateKey};
use certenroll::scep::cacert::CaCerts;
use certenroll::scep::pkimessage::Transaction;
use certenroll::schedule::PollPolicy;
use certenroll::store;
use certenroll::store::pending::{EstSaved, PendingStore, Protocol};
use der::Encode;
use x509_cert::Certificate;

use crate::cli::{EnrollArgs, EstAuthArgs, GlobalArgs, ServerArgs};
use crate::outcome::{self, Files, Report};
use crate::output::Output;
use crate::request::{self, KeyPlan};
use certenroll::enroll::install::Destination;
use certenroll::enroll::poll::End;
use certenroll::enroll::saved::Request;

/// The login the flags name.
fn login(auth: &EstAuthArgs) -> Login {
    Login {
        username: auth.username.clone(),
        password_file: auth.password_file.clone(),
        password_env: auth.password_env.clone(),
    }
}

/// With a profile in use, a bootstrapped CA becomes its `ca_file` (when it names none).
fn save_to_profile(global: &GlobalArgs, name: &str, anchor: &Path, out: &Output) -> Result<()> {
    let config_path = certenroll::config::config_path(global.config.as_deref())?;
    if certenroll::config::remember_ca_file(&config_path, name, anchor)? {
        out.warn(&format!(
            "profile '{name}' in {} now trusts it (ca_file)",
            config_path.display()
        ));
    }
    Ok(())
}

/// Set up the connection (trust, bootstrap when allowed, client certificate, Basic login),
/// and say what the set-up did.
pub fn connect(
    global: &GlobalArgs,
    server: &ServerArgs,
    auth: &EstAuthArgs,
    client_override: Option<(&Path, &Path)>,
    pin: Option<&str>,
    state_dir: &Path,
    out: &Output,
) -> Result<Connection> {
    let client = match (client_override, &auth.client_cert, &auth.client_key) {
        (_, Some(cert), Some(key)) => Some((cert.as_path(), key.as_path())),
        (Some(pair), _, _) => Some(pair),
        _ => None,
    };
    let login = login(auth);
    let connection = trust::connect(
        &Setup {
            endpoint: Endpoint::new(&server.url, server.via.label.as_deref())?,
            timeout: Duration::from_secs(global.timeout),
            ca_file: global.ca_file.as_deref(),
            system_roots: global.system_roots,
            pin,
            client,
            login: &login,
            state_dir,
        },
        &crate::prompt::Terminal(out),
    )?;
    for note in &connection.notes {
        out.warn(note);
    }
    if let (Some(path), Some(name)) = (&connection.bootstrapped, &global.profile) {
        save_to_profile(global, name, path, out)?;
    }
    Ok(connection)
}

/// The CA certificates, checked against a pin.
fn cacerts(connection: &Connection, pin: Option<&str>) -> Result<CaCerts> {
    Ok(connection.cacerts(pin)?)
}

/// `getcacert` over EST: the certificates of /cacerts.
pub fn getcacert(
    global: &GlobalArgs,
    server: &ServerArgs,
    pin: Option<&str>,
    out: &Output,
) -> Result<CaCerts> {
    let state_dir = crate::runtime::state_dir(global)?;
    let connection = connect(
        global,
        server,
        &EstAuthArgs::default(),
        None,
        pin,
        &state_dir,
        out,
    )?;
    cacerts(&connection, pin)
}

/// The key and digest for a request: what the flags say, else what the server's CSR
/// attributes ask for (an EC curve, a larger RSA key, a digest), else RSA with SHA-256.
fn apply_csrattrs(connection: &Connection, args: &EnrollArgs, out: &Output) -> (KeyKind, Digest) {
    use certenroll::est::csrattrs::KeyRequest;
    let asked = request::key_kind(args);
    let attrs = match connection.client().csrattrs() {
        Ok(attrs) => attrs,
        Err(err) => {
            tracing::info!("no CSR attributes: {err}");
            return (asked, default_digest(asked));
        }
    };
    let kind = match (args.key_type, attrs.key_request()) {
        (Some(_), _) | (None, None) => asked,
        (None, Some(KeyRequest::Rsa(Some(wanted))))
            if wanted > args.key_bits && [2048, 3072, 4096].contains(&wanted) =>
        {
            KeyKind::Rsa(wanted)
        }
        (None, Some(KeyRequest::Rsa(_))) => asked,
        (None, Some(KeyRequest::Ec(curve))) => match curve.as_str() {
            "secp256r1" | "prime256v1" => KeyKind::P256,
            "secp384r1" => KeyKind::P384,
            other => {
                out.warn(&format!(
                    "the server asks for an EC key on {other}; certenroll makes P-256 and P-384 keys: sending {}",
                    request::describe_kind(asked)
                ));
                asked
            }
        },
    };
    if kind != asked {
        out.warn(&format!(
            "the server's CSR attributes ask for an {} key: generating one",
            request::describe_kind(kind)
        ));
    }
    if attrs.wants_challenge_password() {
        tracing::info!("the server asks for a challengePassword; sent only when one is given");
    }
    (kind, attrs.digest().unwrap_or_else(|| default_digest(kind)))
}

/// SHA-384 for P-384 keys, SHA-256 otherwise.
fn default_digest(kind: KeyKind) -> Digest {
    if kind == KeyKind::P384 {
        Digest::Sha384
    } else {
        Digest::Sha256
    }
}

/// The issued certificate among `certs` for `key` ([`verify::issued_for`] over TLS).
fn issued_for(
    certs: &[Certificate],
    key: &PrivateKey,
    ca: &CaCerts,
) -> certenroll::Result<Certificate> {
    verify::issued_for(
        certs,
        &key.public_key_info()?,
        ca,
        verify::Channel::Authenticated,
    )
}

/// What a new request needs saved when the server answers 202.
struct Saving<'a> {
    connection: &'a Connection,
    auth: &'a EstAuthArgs,
    csr_der: &'a [u8],
    reenroll: bool,
    label: Option<String>,
    client: Option<(&'a Path, &'a Path)>,
}

fn est_saved(s: &Saving<'_>, global: &GlobalArgs) -> Result<EstSaved> {
    let absolute = |p: &Path| -> Result<PathBuf> {
        std::path::absolute(p).map_err(|e| Error::local("resolving path", p, e).into())
    };
    let (client_cert, client_key) = match (&s.auth.client_cert, &s.auth.client_key, s.client) {
        (Some(c), Some(k), _) => (Some(absolute(c)?), Some(absolute(k)?)),
        (_, _, Some((c, k))) => (Some(absolute(c)?), Some(absolute(k)?)),
        _ => (None, None),
    };
    Ok(EstSaved {
        csr: base64::engine::general_purpose::STANDARD.encode(s.csr_der),
        reenroll: s.reenroll,
        label: s.label.clone(),
        username: s.auth.username.clone(),
        password_file: s.auth.password_file.as_deref().map(absolute).transpose()?,
        password_env: s.auth.password_env.clone(),
        client_cert,
        client_key,
        ca_file: s.connection.ca_file.as_deref().map(absolute).transpose()?,
        system_roots: global.system_roots,
    })
}

/// `enroll` (and `serverkeygen`) over EST.
pub fn enroll(
    global: &GlobalArgs,
    args: &EnrollArgs,
    server_keygen: bool,
    out: &Output,
    state_dir: &Path,
    started: Instant,
) -> Result<u8> {
    let subject = request::subject(args)?;
    let challenge = crate::request_options::named_challenge(&args.challenge, out)?;
    let spec = request::csr_spec(args, subject, challenge)?;
    let policy = outcome::policy(&args.policy);
    request::check_outputs(args)?;
    if server_keygen && args.key.is_some() {
        return Err(Error::Invalid(
            "serverkeygen makes the key on the server: give --out-key FILE, not --key".into(),
        )
        .into());
    }
    let existing = args.key.as_deref().map(request::load_key).transpose()?;
    let p12 = crate::bundle::requested(&args.p12, out)?;
    certenroll::enroll::poll::jitter(args.policy.jitter, out)?;
    let connection = connect(
        global,
        &args.server,
        &args.auth,
        None,
        args.pin.fingerprint.as_deref(),
        state_dir,
        out,
    )?;
    let ca = cacerts(&connection, args.pin.fingerprint.as_deref())?;
    if server_keygen {
        return serverkeygen(
            global,
            args,
            &connection,
            &ca,
            &spec,
            p12,
            out,
            state_dir,
            started,
        );
    }
    let (kind, digest) = apply_csrattrs(&connection, args, out);
    let plan = match existing {
        Some(plan) => plan,
        None => request::generate_key(state_dir, args, kind, out)?,
    };
    let digest = match plan.key.kind() {
        KeyKind::P384 if args.key.is_some() => Digest::Sha384,
        _ => digest,
    };
    let transaction = Transaction::for_key(&plan.key.public_key_info()?)?;
    let csr_der = csr::build(&plan.key, &spec, digest)?
        .to_der()
        .map_err(|e| Error::Crypto(format!("encoding the request failed: {e}")))?;
    let answer = certenroll::enroll::poll::send(&policy, out, || {
        connection.client().enroll(&csr_der, false)
    })
    .and_then(|answer| match answer {
        Enrolled::Issued(certs) => {
            issued_for(&certs, &plan.key, &ca).map(|c| Enrolled::Issued(vec![c]))
        }
        pending => Ok(pending),
    })
    .inspect_err(|err| request::after_failure(args, &plan, err, out))?;
    let key_description = plan.describe(args);
    let dest = plan.destination(args, p12.clone());
    let report = Report {
        operation: "enroll",
        url: connection.endpoint.base(),
        transaction_id: &transaction.id,
        subject: cert::name_to_string(&spec.subject),
        scep: None,
        files: Files {
            key: plan.path.clone(),
            cert: args.out_cert.clone(),
            chain: args.out_chain.clone(),
            p12: args.p12.out_p12.clone(),
        },
        started,
        profile: global.profile.clone(),
    };
    match answer {
        Enrolled::Issued(certs) => outcome::issued(
            state_dir,
            report,
            &dest,
            &certs[0],
            &ca,
            &key_description,
            None,
            out,
        ),
        Enrolled::Pending { retry_after } => {
            let saving = Saving {
                connection: &connection,
                auth: &args.auth,
                csr_der: &csr_der,
                reenroll: false,
                label: args.server.via.label.clone(),
                client: None,
            };
            let request = pending_request(
                global,
                &saving,
                &transaction.id,
                &spec,
                &plan,
                (&args.out_cert, args.out_chain.as_deref(), args.format),
                &ca,
                p12,
                (false, None, args.key.is_none()),
            )?;
            save_and_wait(
                state_dir,
                &connection,
                request,
                retry_after,
                (&policy, args.no_wait),
                &key_description,
                ("enroll", started),
                out,
            )
        }
    }
}

/// A request answered 202, ready to save.
#[allow(clippy::too_many_arguments)]
fn pending_request(
    global: &GlobalArgs,
    saving: &Saving<'_>,
    transaction_id: &str,
    spec: &CsrSpec,
    plan: &KeyPlan,
    (cert, chain, format): (&Path, Option<&Path>, crate::cli::Format),
    ca: &CaCerts,
    p12: Option<crate::bundle::P12Out>,
    (keep_old, hook, key_generated): (bool, Option<certenroll::enroll::install::Hook>, bool),
) -> Result<Request> {
    let key_file = plan.staged.clone().unwrap_or_else(|| plan.path.clone());
    let pending = certenroll::enroll::saved::new_pending(certenroll::enroll::saved::NewPending {
        transaction_id,
        url: saving.connection.endpoint.base(),
        profile: global.profile.clone(),
        subject: &spec.subject,
        key: &key_file,
        install_key: plan.staged.as_ref().map(|_| plan.path.as_path()),
        key_generated,
        cert,
        chain,
        format,
        ca,
        keep_old,
        p12: p12.as_ref(),
        protocol: Protocol::Est(est_saved(saving, global)?),
    })?;
    Ok(Request {
        pending,
        key: plan.key.clone(),
        subject: spec.subject.clone(),
        ca: ca.clone(),
        signer: None,
        p12,
        hook,
    })
}

/// Save a request answered 202, wait for it (unless `no_wait`), and finish it.
#[allow(clippy::too_many_arguments)]
fn save_and_wait(
    state_dir: &Path,
    connection: &Connection,
    mut request: Request,
    retry_after: Duration,
    (policy, no_wait): (&PollPolicy, bool),
    key_description: &str,
    operation: (&str, Instant),
    out: &Output,
) -> Result<u8> {
    let store = PendingStore::new(state_dir);
    request.pending.next_attempt = Some(certenroll::clock::now_unix() + retry_after.as_secs());
    store.save(&request.pending)?;
    let end = if no_wait || policy.count == 0 {
        End::StillPending
    } else {
        out.human(&format!(
            "Accepted (HTTP 202): the CA has not issued yet; asking again after {} s, up to {} times.",
            retry_after.as_secs(),
            policy.count
        ));
        request.poll_est(
            connection,
            &store,
            policy,
            retry_after.max(Duration::from_secs(1)),
            out,
        )?
    };
    outcome::finish(
        state_dir,
        &store,
        &request,
        end,
        key_description,
        operation,
        out,
    )
}

/// `serverkeygen`: the server makes the key.
#[allow(clippy::too_many_arguments)]
fn serverkeygen(
    global: &GlobalArgs,
    args: &EnrollArgs,
    connection: &Connection,
    ca: &CaCerts,
    spec: &CsrSpec,
    p12: Option<crate::bundle::P12Out>,
    out: &Output,
    state_dir: &Path,
    started: Instant,
) -> Result<u8> {
    let key_path = args.out_key.clone().ok_or_else(|| {
        Error::Invalid("give --out-key FILE for the key the server generates".into())
    })?;
    let target = certenroll::enroll::install::staging_path(state_dir, &key_path, &args.out_cert)?;
    let staged = (target != key_path).then_some(target);
    store::check_writable(staged.as_ref().unwrap_or(&key_path), "writing key")?;
    // The request's own key only signs it; the server ignores it (RFC 7030 4.4.1).
    let throwaway = out.while_busy("generating the request's signing key", || {
        PrivateKey::generate_rsa(2048)
    })?;
    let csr_der = csr::build(&throwaway, spec, Digest::Sha256)?
        .to_der()
        .map_err(|e| Error::Crypto(format!("encoding the request failed: {e}")))?;
    let policy = outcome::policy(&args.policy);
    let answer = certenroll::enroll::poll::send(&policy, out, || {
        connection.client().serverkeygen(&csr_der)
    })?;
    let (key_der, certs) = match answer {
        ServerKeygen::Issued { key_der, certs } => (key_der, certs),
        ServerKeygen::Pending { retry_after } => {
            return Err(Error::NotSupported(format!(
                "the server accepted the key generation for later (HTTP 202, Retry-After {} s); certenroll cannot keep a server-generated key pending: run serverkeygen again then",
                retry_after.as_secs()
            ))
            .into());
        }
    };
    let key = PrivateKey::from_bytes(&key_der)
        .map_err(|e| Error::Untrusted(format!("the server-generated key does not decode: {e}")))?;
    let leaf = issued_for(&certs, &key, ca)?;
    let target = staged.clone().unwrap_or_else(|| key_path.clone());
    store::write_atomic(
        &target,
        &crate::runtime::encode_key(&key, args.format)?,
        store::KEY_MODE,
        "writing key",
    )?;
    let transaction = Transaction::for_key(&key.public_key_info()?)?;
    let dest = Destination {
        cert: args.out_cert.clone(),
        chain: args.out_chain.clone(),
        format: args.format,
        key: key_path.clone(),
        staged_key: staged,
        keep_old: false,
        hook: None,
        p12,
    };
    let report = Report {
        operation: "serverkeygen",
        url: connection.endpoint.base(),
        transaction_id: &transaction.id,
        subject: cert::name_to_string(&spec.subject),
        scep: None,
        files: Files {
            key: key_path,
            cert: args.out_cert.clone(),
            chain: args.out_chain.clone(),
            p12: args.p12.out_p12.clone(),
        },
        started,
        profile: global.profile.clone(),
    };
    let description = format!("{} from the server, mode 0600", key.describe());
    outcome::issued(state_dir, report, &dest, &leaf, ca, &description, None, out)
}

/// What `renew` knows when it hands over to EST.
pub struct Renewal<'a> {
    pub key_path: &'a Path,
    pub cert_path: &'a Path,
    pub current_key: &'a PrivateKey,
    pub spec: CsrSpec,
}

/// `renew` over EST: /simplereenroll with the current certificate as TLS client certificate
/// (RFC 7030 4.2.2), same subject and SANs, a new key unless --reuse-key.
pub fn renew(
    global: &GlobalArgs,
    args: &crate::cli::RenewArgs,
    server: &ServerArgs,
    renewal: Renewal<'_>,
    out: &Output,
    state_dir: &Path,
    started: Instant,
) -> Result<u8> {
    let p12 = crate::bundle::requested(&args.p12, out)?;
    let policy = outcome::policy(&args.policy);
    certenroll::enroll::poll::jitter(args.policy.jitter, out)?;
    let connection = connect(
        global,
        server,
        &args.auth,
        Some((renewal.cert_path, renewal.key_path)),
        args.pin.fingerprint.as_deref(),
        state_dir,
        out,
    )?;
    let ca = cacerts(&connection, args.pin.fingerprint.as_deref())?;
    let (new_key, staged) = if args.reuse_key {
        (renewal.current_key.clone(), None)
    } else {
        let staged = certenroll::enroll::install::staging_path(
            state_dir,
            renewal.key_path,
            renewal.cert_path,
        )?;
        let kind = renewal.current_key.kind();
        let key = out.while_busy(
            &format!("generating an {} key", request::describe_kind(kind)),
            || PrivateKey::generate(kind),
        )?;
        store::write_atomic(
            &staged,
            &crate::runtime::encode_key(&key, args.format)?,
            store::KEY_MODE,
            "writing the new key",
        )?;
        (key, Some(staged))
    };
    let forget_staged = || {
        if let Some(staged) = &staged {
            certenroll::enroll::install::discard_key(staged, renewal.cert_path);
        }
    };
    let csr_der = csr::build(&new_key, &renewal.spec, default_digest(new_key.kind()))
        .and_then(|r| {
            r.to_der()
                .map_err(|e| Error::Crypto(format!("encoding the request failed: {e}")))
        })
        .inspect_err(|_| forget_staged())?;
    let answer =
        certenroll::enroll::poll::send(&policy, out, || connection.client().enroll(&csr_der, true))
            .and_then(|answer| match answer {
                Enrolled::Issued(certs) => {
                    issued_for(&certs, &new_key, &ca).map(|c| Enrolled::Issued(vec![c]))
                }
                pending => Ok(pending),
            })
            .inspect_err(|_| forget_staged())?;
    let transaction = Transaction::for_key(&new_key.public_key_info()?)?;
    let key_description = format!("{}, mode 0600", new_key.describe());
    let dest = Destination {
        cert: renewal.cert_path.to_path_buf(),
        chain: args.chain.clone(),
        format: args.format,
        key: renewal.key_path.to_path_buf(),
        staged_key: staged.clone(),
        keep_old: !args.delete_old,
        hook: crate::runtime::hook(args.post_hook.as_ref(), global),
        p12: p12.clone(),
    };
    match answer {
        Enrolled::Issued(certs) => {
            let report = Report {
                operation: "renew",
                url: connection.endpoint.base(),
                transaction_id: &transaction.id,
                subject: cert::name_to_string(&renewal.spec.subject),
                scep: None,
                files: Files {
                    key: renewal.key_path.to_path_buf(),
                    cert: renewal.cert_path.to_path_buf(),
                    chain: args.chain.clone(),
                    p12: args.p12.out_p12.clone(),
                },
                started,
                profile: global.profile.clone(),
            };
            outcome::issued(
                state_dir,
                report,
                &dest,
                &certs[0],
                &ca,
                &key_description,
                None,
                out,
            )
        }
        Enrolled::Pending { retry_after } => {
            let saving = Saving {
                connection: &connection,
                auth: &args.auth,
                csr_der: &csr_der,
                reenroll: true,
                label: server.via.label.clone(),
                client: Some((renewal.cert_path, renewal.key_path)),
            };
            let plan = KeyPlan {
                key: new_key.clone(),
                path: renewal.key_path.to_path_buf(),
                staged: staged.clone(),
            };
            let request = pending_request(
                global,
                &saving,
                &transaction.id,
                &renewal.spec,
                &plan,
                (renewal.cert_path, args.chain.as_deref(), args.format),
                &ca,
                p12,
                (
                    !args.delete_old,
                    crate::runtime::hook(args.post_hook.as_ref(), global),
                    staged.is_some(),
                ),
            )?;
            save_and_wait(
                state_dir,
                &connection,
                request,
                retry_after,
                (&policy, args.no_wait),
                &key_description,
                ("renew", started),
                out,
            )
        }
    }
}
