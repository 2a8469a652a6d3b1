//! Why a device can or cannot enroll: a checklist run top to bottom (the URL, DNS, TCP, TLS,
//! the server's capabilities and clock, its CA and the pin; the challenge source, the
//! installed pair and when it is due, pending requests, the lock), each step fine, worth
//! knowing, or broken with the fix. The binary's `doctor` shows it.

use std::net::{TcpStream, ToSocketAddrs};
use std::path::Path;
use std::time::{Duration, Instant};

use serde::Serialize;

use crate::clock::parse_http_date;
use crate::error::exit;
use crate::pki::Certificate;
use crate::pki::cacerts::CaCerts;
use crate::pki::cert;
use crate::pki::digest::Digest;
use crate::pki::envelope::Cipher;
use crate::pki::key::PrivateKey;
use crate::revocation;
use crate::scep::client::{CapsReply, Client};
use crate::schedule::{RenewPolicy, renewal_due};
use crate::store::{lock::Lock, pending::PendingStore};
use crate::tls::Trust;
use crate::transport::{Http, Options, Transport};

/// What to check.
pub struct Checkup<'a> {
    /// The server's URL.
    pub url: &'a str,
    /// Whether it is an EST server.
    pub est: bool,
    /// EST: the CA label.
    pub label: Option<&'a str>,
    /// SCEP: the CA identifier for GetCACert.
    pub ca_ident: Option<&'a str>,
    /// The pinned SHA-256 fingerprint of the CA.
    pub pin: Option<&'a str>,
    /// The HTTPS trust anchors file.
    pub ca_file: Option<&'a Path>,
    /// Trust the system's CAs.
    pub system_roots: bool,
    /// The HTTP timeout.
    pub timeout: Duration,
    /// The installed key and certificate.
    pub pair: Option<(&'a Path, &'a Path)>,
    /// The CA chain file (the issuer, for the revocation check).
    pub chain: Option<&'a Path>,
    /// The OCSP staple file kept for the certificate.
    pub ocsp_file: Option<&'a Path>,
    /// Where the challenge password comes from.
    pub challenge_file: Option<&'a Path>,
    /// ... or this environment variable.
    pub challenge_env: Option<&'a str>,
    /// EST: the user name, and where its password comes from (a file, or a variable).
    pub login: Option<(&'a str, Option<&'a Path>, Option<&'a str>)>,
    /// EST: the TLS client certificate and key files.
    pub client: Option<(&'a Path, &'a Path)>,
    /// When the installed certificate is due.
    pub renewal: RenewPolicy,
    /// The state directory (pending requests, locks).
    pub state_dir: &'a Path,
    /// The profile in use.
    pub profile: Option<&'a str>,
}

/// Clock difference from the server worth a warning (SCEP servers check signingTime).
const MAX_SKEW_SECS: u64 = 300;
/// How long connecting may take in the TCP step.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);

/// How a step went.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Mark {
    /// Fine.
    Ok,
    /// Works, but worth knowing.
    Warn,
    /// Broken.
    Fail,
}

/// One step of the checklist.
#[derive(Debug, Serialize)]
pub struct Step {
    /// What was checked ("dns", "tls", "ca", ...).
    pub name: &'static str,
    /// How it went.
    pub status: Mark,
    /// What was found.
    pub detail: String,
    /// What to do about it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fix: Option<String>,
    /// The exit code a failure stands for.
    #[serde(skip)]
    pub code: u8,
}

/// The checklist.
#[derive(Debug, Default)]
pub struct Report {
    /// The steps, in order.
    pub steps: Vec<Step>,
}

impl Report {
    fn ok(&mut self, name: &'static str, detail: String) {
        self.steps.push(Step {
            name,
            status: Mark::Ok,
            detail,
            fix: None,
            code: exit::OK,
        });
    }
    fn warn(&mut self, name: &'static str, detail: String, fix: &str) {
        self.steps.push(Step {
            name,
            status: Mark::Warn,
            detail,
            fix: Some(fix.into()),
            code: exit::OK,
        });
    }
    fn fail(&mut self, name: &'static str, detail: String, fix: &str, code: u8) {
        self.steps.push(Step {
            name,
            status: Mark::Fail,
            detail,
            fix: Some(fix.into()),
            code,
        });
    }
    /// The exit code of the worst failure (0 when nothing failed).
    pub fn worst(&self) -> u8 {
        self.steps.iter().map(|s| s.code).max().unwrap_or(exit::OK)
    }
}

/// The fix for a failed exchange, by kind.
/// For https: what certificate the server shows, and whether a verified handshake with it
/// works. False when it does not (the steps after it would only repeat the failure).
fn tls_step(http: &Transport, url: &str, host: &str, port: u16, report: &mut Report) -> bool {
    let shown = match crate::tls::peer_chain(host, port, CONNECT_TIMEOUT) {
        Ok(chain) if !chain.is_empty() => {
            let leaf = cert::summary(&chain[0]);
            let names = crate::pki::csr::sans_in(
                chain[0]
                    .tbs_certificate()
                    .extensions()
                    .map_or(&[][..], Vec::as_slice),
            );
            let names: Vec<String> = names.iter().map(ToString::to_string).collect();
            format!(
                "server certificate '{}' for {}, issued by '{}', valid {} to {}",
                leaf.subject,
                if names.is_empty() {
                    "no subjectAltName".to_string()
                } else {
                    names.join(", ")
                },
                leaf.issuer,
                leaf.not_before,
                leaf.not_after
            )
        }
        Ok(_) => "the server sent no certificate".to_string(),
        Err(err) => {
            report.fail(
                "tls",
                format!("no TLS handshake with {host}:{port}: {err}"),
                "is this port serving HTTPS? Try http:// or another port",
                exit::COMMUNICATION,
            );
            return false;
        }
    };
    match http.get(url) {
        Err(crate::Error::Communication {
            kind: crate::error::CommError::Tls(problem),
            ..
        }) => {
            report.fail(
                "tls",
                format!("{shown}: {}", problem.what),
                &problem.fix,
                exit::COMMUNICATION,
            );
            false
        }
        _ => {
            report.ok("tls", format!("{shown}; trusted"));
            true
        }
    }
}

fn fix_for(err: &crate::Error) -> &'static str {
    match err {
        crate::Error::Communication { .. } => {
            "check that the SCEP service runs and that the URL (scheme, host, port, path) is right"
        }
        crate::Error::HttpStatus { .. } => {
            "the server answered but refused this URL: check the path (e.g. /scep, /certsrv/mscep/mscep.dll)"
        }
        crate::Error::Untrusted(_) | crate::Error::PinMismatch { .. } => {
            "the server's answer is not what a SCEP CA sends: check the URL, and the pinned fingerprint"
        }
        _ => "see the message above",
    }
}

/// Run the checklist.
pub fn examine(c: &Checkup<'_>) -> Report {
    let mut report = Report::default();
    let server_ca = network(c, &mut report);
    local(c, &mut report, server_ca.as_ref());
    report
}

/// DNS, TCP, GetCACaps (with the server's clock), GetCACert.
/// The server's CA certificates, when it gave them.
fn network(c: &Checkup<'_>, report: &mut Report) -> Option<CaCerts> {
    let url = c.url;
    if let Err(err) = crate::transport::check_no_password(url) {
        report.fail(
            "url",
            err.to_string(),
            "take the password out of the URL",
            exit::USAGE,
        );
        return None;
    }
    let Ok(uri) = url.parse::<ureq::http::Uri>() else {
        report.fail(
            "url",
            format!("'{url}' is not a URL"),
            "write it as http://host[:port]/path",
            exit::USAGE,
        );
        return None;
    };
    let (Some(host), Some(scheme)) = (uri.host(), uri.scheme_str()) else {
        report.fail(
            "url",
            format!("'{url}' has no scheme or host"),
            "write it as http://host[:port]/path",
            exit::USAGE,
        );
        return None;
    };
    let port = uri
        .port_u16()
        .unwrap_or(if scheme == "https" { 443 } else { 80 });
    let est = c.est;
    if est && scheme != "https" {
        report.fail(
            "url",
            format!("'{url}' is not https://"),
            "EST runs over HTTPS only: write https://HOST/.well-known/est",
            exit::USAGE,
        );
        return None;
    }
    let addresses: Vec<_> = match (host.trim_matches(['[', ']']), port).to_socket_addrs() {
        Ok(a) => a.collect(),
        Err(e) => {
            report.fail(
                "dns",
                format!("{host} does not resolve ({e})"),
                "check the host name and this machine's DNS settings, or use the IP address",
                exit::COMMUNICATION,
            );
            return None;
        }
    };
    let shown: Vec<String> = addresses.iter().map(|a| a.ip().to_string()).collect();
    report.ok("dns", format!("{host} resolves to {}", shown.join(", ")));
    let started = Instant::now();
    match addresses.iter().find_map(|a| {
        TcpStream::connect_timeout(a, CONNECT_TIMEOUT)
            .ok()
            .map(|_| *a)
    }) {
        Some(addr) => report.ok(
            "connect",
            format!("TCP to {addr} in {} ms", started.elapsed().as_millis()),
        ),
        None => {
            report.fail(
                "connect",
                format!("nothing accepts connections on {host} port {port}"),
                "is the service running there, and is no firewall in the way?",
                exit::COMMUNICATION,
            );
            return None;
        }
    }

    // An EST server's CA bootstrapped earlier is trusted as enroll trusts it.
    let mut ca_file = c.ca_file.map(Path::to_path_buf);
    if est
        && ca_file.is_none()
        && !c.system_roots
        && let Ok(endpoint) = crate::est::Endpoint::new(url, c.label)
    {
        let remembered = crate::est::trust::remembered_path(c.state_dir, &endpoint);
        if remembered.exists() {
            report.ok(
                "trust",
                format!(
                    "the CA bootstrapped earlier, remembered in {}",
                    remembered.display()
                ),
            );
            ca_file = Some(remembered);
        }
    }
    let trust = match &ca_file {
        Some(path) => Trust::from_file(path),
        None if c.system_roots => Ok(Trust::System),
        None => Ok(Trust::BuiltIn),
    };
    let http = match trust.and_then(|trust| {
        Transport::new(Options {
            timeout: c.timeout,
            trust,
            ..Options::default()
        })
    }) {
        Ok(http) => http,
        Err(err) => {
            report.fail(
                "trust",
                err.to_string(),
                "give a readable CA file (PEM) with --ca-file",
                exit::USAGE,
            );
            return None;
        }
    };
    if scheme == "https" && !tls_step(&http, url, host, port, report) {
        return None;
    }
    if est {
        return est_steps(&http, c, report);
    }
    let Ok(client) = Client::new(&http, url) else {
        report.fail(
            "url",
            format!("'{url}' is not an http:// or https:// URL"),
            "SCEP runs over http:// (or https://)",
            exit::USAGE,
        );
        return None;
    };
    let CapsReply { caps, date, server } = match client.get_ca_caps_reply(c.ca_ident) {
        Ok(reply) => reply,
        Err(err) => {
            report.fail(
                "capabilities",
                format!("GetCACaps failed: {err}"),
                fix_for(&err),
                err.exit_code(),
            );
            return None;
        }
    };
    let names: Vec<String> = caps
        .names
        .iter()
        .map(|n| crate::sanitize::escape_untrusted(n))
        .collect();
    if names.is_empty() {
        report.warn(
            "capabilities",
            format!(
                "none listed ({}): enrollment falls back to GET, DES and SHA-1",
                caps.missing.as_deref().unwrap_or("empty")
            ),
            "an old server, or a man in the middle stripping the list: ask for AES and SHA-256, and use --require-caps",
        );
    } else {
        report.ok("capabilities", names.join(", "));
    }
    if caps.best_cipher() == Cipher::Des {
        report.warn(
            "encryption",
            "the server offers only single DES".into(),
            "ask the CA's administrator to enable AES (or at least 3DES)",
        );
    }
    if caps.best_digest() == Digest::Sha1 {
        report.warn(
            "signatures",
            "the server offers only SHA-1".into(),
            "ask the CA's administrator to enable SHA-256",
        );
    }
    if !caps.post() {
        report.warn(
            "method",
            "no POSTPKIOperation: requests go in the URL of a GET".into(),
            "long URLs can be cut by proxies; ask for POSTPKIOperation",
        );
    } else if let Some(iis) = server.filter(|s| s.starts_with("Microsoft-IIS/8.")) {
        report.warn(
            "method",
            format!(
                "NDES on {}: it lists POSTPKIOperation but answers a POSTed request with an empty reply",
                crate::sanitize::escape_untrusted(&iis)
            ),
            "nothing to do: certenroll sends such a request again by GET (--method get skips the POST)",
        );
    }
    clock_step(date.as_deref(), report);
    let ca = match client.get_ca_cert(c.ca_ident) {
        Ok(ca) => ca,
        Err(err) => {
            report.fail(
                "ca",
                format!("GetCACert failed: {err}"),
                fix_for(&err),
                err.exit_code(),
            );
            return None;
        }
    };
    ca_step(&ca, report);
    ra_step(&ca, report);
    let (recipient, why) = ca.recipient();
    report.ok(
        "recipient",
        format!(
            "requests are encrypted to '{}': {why}; {} RA certificate(s)",
            cert::name_to_string(recipient.tbs_certificate().subject()),
            ca.ras().len()
        ),
    );
    pin_step(&ca, c.pin, report);
    if caps.next_ca() {
        match client.get_next_ca_cert(c.ca_ident, &ca) {
            Ok(next) => next_ca_step(&next, report),
            Err(err) => report.warn(
                "next-ca",
                format!("GetNextCACert is listed but failed: {err}"),
                fix_for(&err),
            ),
        }
    }
    Some(ca)
}

/// The successor the CA announces, and when it takes over.
fn next_ca_step(next: &crate::rollover::NextCa, report: &mut Report) {
    report.ok(
        "next-ca",
        format!(
            "the CA announces its successor {}; renew keeps it in the chain file and trusts it once the CA switches",
            next.describe()
        ),
    );
}

/// EST: /cacerts, the clock, the CA.
fn est_steps(http: &Transport, c: &Checkup<'_>, report: &mut Report) -> Option<CaCerts> {
    let endpoint = match crate::est::Endpoint::new(c.url, c.label) {
        Ok(endpoint) => endpoint,
        Err(err) => {
            report.fail(
                "url",
                err.to_string(),
                "write https://HOST[:PORT][/.well-known/est[/LABEL]]",
                exit::USAGE,
            );
            return None;
        }
    };
    let cacerts_url = endpoint.url("cacerts");
    let response = match http
        .get(&cacerts_url)
        .and_then(|r| r.require_ok(&cacerts_url))
    {
        Ok(r) => r,
        Err(err) => {
            report.fail(
                "cacerts",
                format!("/cacerts failed: {err}"),
                "check that this is the EST server's URL (and its CA label)",
                err.exit_code(),
            );
            return None;
        }
    };
    let certs = match crate::est::certificates(&response.body, "cacerts reply")
        .and_then(CaCerts::from_certs)
    {
        Ok(certs) => certs,
        Err(err) => {
            report.fail(
                "cacerts",
                err.to_string(),
                "the server's /cacerts reply is not what an EST server sends",
                err.exit_code(),
            );
            return None;
        }
    };
    report.ok(
        "cacerts",
        format!("{} CA certificate(s) from {cacerts_url}", certs.all().len()),
    );
    clock_step(response.date.as_deref(), report);
    ca_step(&certs, report);
    // TLS, with its explicit trust, authenticates an EST server: a pin is checked if given.
    if c.pin.is_some() {
        pin_step(&certs, c.pin, report);
    }
    if let Some(next) = crate::rollover::from_est(&certs) {
        next_ca_step(&next, report);
    }
    Some(certs)
}

/// The server's clock against this machine's.
fn clock_step(date: Option<&str>, report: &mut Report) {
    match date.and_then(parse_http_date) {
        Some(server) => {
            let local = crate::clock::now_unix();
            let skew = server.abs_diff(local);
            let (who, dir) = if server > local {
                ("server", "ahead")
            } else {
                ("server", "behind")
            };
            if skew > MAX_SKEW_SECS {
                report.warn("clock", format!("the {who}'s clock is {skew} s {dir} of this machine's"), "fix the time (NTP) on whichever is wrong: CAs reject requests signed at the wrong time (failInfo 3 badTime)");
            } else {
                report.ok("clock", format!("within {skew} s of the server's"));
            }
        }
        None => report.warn(
            "clock",
            "the server sent no Date header".into(),
            "make sure this machine's clock is right (NTP)",
        ),
    }
}

/// The CA certificate's validity.
fn ca_step(ca: &CaCerts, report: &mut Report) {
    let summary = cert::summary(ca.ca());
    let now = crate::clock::now_unix();
    let validity = ca.ca().tbs_certificate().validity();
    let (from, until) = (
        validity.not_before.to_unix_duration().as_secs(),
        validity.not_after.to_unix_duration().as_secs(),
    );
    if now < from || now > until {
        report.fail(
            "ca",
            format!(
                "the CA '{}' is not valid now ({} to {})",
                summary.subject, summary.not_before, summary.not_after
            ),
            "check this machine's clock; if it is right, the CA must be renewed",
            exit::UNTRUSTED,
        );
    } else if until - now < 30 * 86_400 {
        report.warn(
            "ca",
            format!("the CA '{}' expires {}", summary.subject, summary.not_after),
            "the CA will roll over soon: plan to fetch the new CA certificate",
        );
    } else {
        report.ok(
            "ca",
            format!(
                "'{}' valid until {}, sha256 {}",
                summary.subject, summary.not_after, summary.sha256
            ),
        );
    }
}

/// Expired RA certificates (the CA's own dates are [`ca_step`]'s).
fn ra_step(ca: &CaCerts, report: &mut Report) {
    let expired: Vec<String> = ca
        .expired()
        .iter()
        .filter(|e| e.ra)
        .map(ToString::to_string)
        .collect();
    if !expired.is_empty() {
        report.warn(
            "ra",
            expired.join("; "),
            "ask the CA's administrator to renew the RA certificates",
        );
    }
}

/// The CA against the pinned fingerprint, when there is one.
fn pin_step(ca: &CaCerts, pin: Option<&str>, report: &mut Report) {
    match pin {
        Some(pin) => match cert::parse_fingerprint(pin).and_then(|p| ca.check_pin(&p)) {
            Ok(()) => report.ok("fingerprint", "the CA matches the pinned fingerprint".into()),
            Err(err) => report.fail("fingerprint", err.to_string(), "compare the fingerprint with the CA's administrator; a mismatch can mean someone is in the middle", exit::UNTRUSTED),
        },
        None => report.warn(
            "fingerprint",
            "the CA is not pinned: requests go to whichever CA answers".into(),
            &format!(
                "compare with the CA's administrator, then pin it: --fingerprint {} (or fingerprint in the profile)",
                cert::fingerprint(ca.ca(), Digest::Sha256).replace(':', "")
            ),
        ),
    }
}

/// A secret that enrollment will read from `file` or the variable `var`: there, and not
/// empty. False when neither is given.
fn secret_step(
    report: &mut Report,
    step: &'static str,
    what: &str,
    (file, var): (Option<&Path>, Option<&str>),
) -> bool {
    match (file, var) {
        (Some(path), _) => match std::fs::read_to_string(path) {
            Ok(text) if !text.trim().is_empty() => {
                report.ok(step, format!("{} is readable", path.display()))
            }
            Ok(_) => report.fail(
                step,
                format!("{} is empty", path.display()),
                &format!("write the {what} into it"),
                exit::USAGE,
            ),
            Err(e) => report.fail(
                step,
                format!("{} cannot be read: {e}", path.display()),
                "check the path and its permissions",
                exit::LOCAL,
            ),
        },
        (None, Some(var)) => match std::env::var(var) {
            Ok(v) if !v.is_empty() => report.ok(step, format!("${var} is set")),
            _ => report.fail(
                step,
                format!("${var} is not set"),
                "set it in the environment of the service or timer",
                exit::USAGE,
            ),
        },
        (None, None) => return false,
    }
    true
}

/// The challenge source, the EST login and client certificate, the installed pair, pending
/// requests, the lock.
fn local(c: &Checkup<'_>, report: &mut Report, server_ca: Option<&CaCerts>) {
    let challenge = (c.challenge_file, c.challenge_env);
    // EST authenticates with HTTP Basic or a client certificate instead.
    if !secret_step(report, "challenge", "challenge password", challenge) && !c.est {
        report.warn(
            "challenge",
            "no challenge source given".into(),
            "most CAs want a challenge: challenge_file or challenge_env in the profile",
        );
    }
    if let Some((user, file, var)) = c.login
        && !secret_step(report, "password", "password", (file, var))
    {
        report.warn(
            "password",
            format!("no password source for '{user}': a terminal will be asked"),
            "an unattended run needs password_file or password_env in the profile",
        );
    }
    if let Some((cert, key)) = c.client {
        // Read as a run reads them (a key on a token included), and checked to be a pair.
        match crate::est::trust::identity(cert, key) {
            Ok(_) => report.ok(
                "client-cert",
                format!("{} is the certificate of {}", cert.display(), key.display()),
            ),
            Err(e) => report.fail(
                "client-cert",
                e.to_string(),
                "check --client-cert and --client-key (client_cert, client_key)",
                e.exit_code(),
            ),
        }
    }
    if let Some((key_path, cert_path)) = c.pair {
        installed(c, (key_path, cert_path), report, server_ca);
    }
    let (pending, _) = PendingStore::new(c.state_dir).list();
    let mine: Vec<_> = pending
        .iter()
        .filter(|p| p.url == c.url && (c.profile.is_none() || p.profile.as_deref() == c.profile))
        .collect();
    if mine.is_empty() {
        report.ok("pending", "no requests waiting for this CA".into());
    } else {
        let list: Vec<String> = mine
            .iter()
            .map(|p| format!("{} ({} attempts)", p.transaction_id, p.attempts))
            .collect();
        report.warn(
            "pending",
            format!("waiting for the CA: {}", list.join(", ")),
            "`certenroll poll` asks again; the CA's administrator may have to approve them",
        );
    }
    let name = c.profile.unwrap_or("default");
    match Lock::acquire(c.state_dir, name, Duration::ZERO) {
        Ok(_) => report.ok("lock", format!("profile '{name}' is free")),
        Err(err) => report.warn(
            "lock",
            err.to_string(),
            "another run is working on this profile; wait for it",
        ),
    }
}

fn installed(
    c: &Checkup<'_>,
    (key_path, cert_path): (&Path, &Path),
    report: &mut Report,
    server_ca: Option<&CaCerts>,
) {
    let certificate = match std::fs::read(cert_path) {
        Ok(bytes) => match cert::parse_certificates(&bytes)
            .ok()
            .and_then(|c| c.into_iter().next())
        {
            Some(c) => c,
            None => {
                report.fail(
                    "certificate",
                    format!("{} holds no certificate", cert_path.display()),
                    "enroll again (certenroll enroll) or restore it",
                    exit::LOCAL,
                );
                return;
            }
        },
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            report.warn(
                "certificate",
                format!("{} does not exist yet", cert_path.display()),
                "enroll: certenroll enroll (or renew with a profile)",
            );
            return;
        }
        Err(e) => {
            report.fail(
                "certificate",
                format!("{} cannot be read: {e}", cert_path.display()),
                "check the path and its permissions",
                exit::LOCAL,
            );
            return;
        }
    };
    let key = if crate::enroll::install::token_uri(key_path).is_some() {
        match token_key(key_path, report) {
            Some(key) => Ok(key),
            None => return,
        }
    } else {
        std::fs::read(key_path)
            .map_err(|e| e.to_string())
            .and_then(|b| PrivateKey::from_bytes(&b).map_err(|e| e.to_string()))
    };
    match key.and_then(|k| k.public_key_info().map_err(|e| e.to_string())) {
        Ok(spki) if cert::has_public_key(&certificate, &spki) => report.ok(
            "key",
            format!("{} belongs to the certificate", key_path.display()),
        ),
        Ok(_) => {
            report.fail(
                "key",
                format!(
                    "{} does not belong to {}",
                    key_path.display(),
                    cert_path.display()
                ),
                "restore the matching pair (look for *.prev files) or enroll again",
                exit::LOCAL,
            );
        }
        Err(e) => report.fail(
            "key",
            format!("{} cannot be used: {e}", key_path.display()),
            "check the path, its permissions and its format (PEM or DER, unencrypted)",
            exit::LOCAL,
        ),
    }
    let validity = certificate.tbs_certificate().validity();
    let (from, until) = (
        validity.not_before.to_unix_duration().as_secs(),
        validity.not_after.to_unix_duration().as_secs(),
    );
    let now = crate::clock::now_unix();
    let (due, due_at) = renewal_due(from, until, now, &c.renewal);
    if now > until {
        report.warn(
            "validity",
            format!("expired on {}", validity.not_after),
            "renew: certenroll renew --force (or enroll again)",
        );
    } else if due {
        report.warn(
            "validity",
            format!(
                "valid until {} ({} days), renewal due since {}",
                validity.not_after,
                (until - now) / 86_400,
                crate::clock::rfc3339(due_at)
            ),
            "run certenroll renew (a timer should: see contrib/systemd)",
        );
    } else {
        report.ok(
            "validity",
            format!(
                "valid until {} ({} days); renewal due from {}",
                validity.not_after,
                (until - now) / 86_400,
                crate::clock::rfc3339(due_at)
            ),
        );
    }
    revocation_step(c, &certificate, report, server_ca);
}

/// Whether the installed certificate was revoked (as renew asks), and whether its staple
/// is fresh. Its CA comes from the chain file, else from the server.
fn revocation_step(
    c: &Checkup<'_>,
    certificate: &Certificate,
    report: &mut Report,
    server_ca: Option<&CaCerts>,
) {
    let named = !crate::pki::ocsp::responder_urls(certificate).is_empty()
        || !revocation::crl_urls(certificate).is_empty();
    if !named && c.ocsp_file.is_none() {
        return;
    }
    let chain = match (
        c.chain.map(|p| cert::read_certificates(p, "reading chain")),
        server_ca,
    ) {
        (Some(Ok(chain)), _) => chain,
        (Some(Err(e)), _) => {
            report.warn(
                "revocation",
                format!("not checked: {e}"),
                "check --chain (chain)",
            );
            return;
        }
        (None, Some(ca)) => ca.all().to_vec(),
        (None, None) => {
            report.warn(
                "revocation",
                "not checked: the CA certificate is needed".into(),
                "give --chain (profile: chain)",
            );
            return;
        }
    };
    let issuer = match revocation::find_issuer(certificate, &chain) {
        Ok(issuer) => issuer,
        Err(e) => {
            report.warn(
                "revocation",
                format!("not checked: {e}"),
                "check --chain (chain)",
            );
            return;
        }
    };
    let http = Transport::new(Options {
        timeout: c.timeout,
        trust: match c.ca_file {
            Some(path) => Trust::from_file(path).unwrap_or_default(),
            None if c.system_roots => Trust::System,
            None => Trust::BuiltIn,
        },
        ..Options::default()
    });
    let answer = http.and_then(|http| {
        revocation::check(&http, certificate, issuer, &revocation::Options::default())
    });
    match answer {
        Ok(checked) => {
            let by = format!(
                "{} {}",
                match checked.source {
                    revocation::Source::Ocsp => "OCSP",
                    revocation::Source::Crl => "CRL",
                },
                checked.url
            );
            match checked.status {
                crate::pki::ocsp::Status::Good => {
                    report.ok("revocation", format!("good ({by})"));
                }
                crate::pki::ocsp::Status::Unknown => report.warn(
                    "revocation",
                    format!("unknown to {by}"),
                    "the responder does not know this certificate: is it the CA's?",
                ),
                revoked => report.fail(
                    "revocation",
                    format!("{} ({by})", revoked.describe()),
                    "renew now: certenroll renew (a revoked certificate is replaced by a new enrollment)",
                    exit::REJECTED,
                ),
            }
        }
        Err(e) => report.warn("revocation", format!("not checked: {e}"), fix_for(&e)),
    }
    if let Some(path) = c.ocsp_file {
        match revocation::staple_due(path, certificate, issuer, crate::clock::now_unix()) {
            None => report.ok("staple", format!("{} is fresh", path.display())),
            Some(why) => report.warn(
                "staple",
                why,
                "certenroll renew refreshes it (or: certenroll ocsp --out FILE)",
            ),
        }
    }
}

/// The token step: the module loads, the token is there, the PIN logs in and the key object
/// is found, each failure with its fix.
fn token_key(key_path: &Path, report: &mut Report) -> Option<PrivateKey> {
    match crate::enroll::install::read_key(key_path) {
        Ok(key) => {
            report.ok(
                "token",
                format!("{} is {}", key_path.display(), key.describe()),
            );
            Some(key)
        }
        Err(err) => {
            let text = err.to_string();
            let fix = if text.contains("PIN") {
                "use the token's user PIN (an SO PIN is not it), and try again only once it is right"
            } else if text.contains("module") {
                "install the token's module or correct --pkcs11-module (profile pkcs11_module)"
            } else if text.contains("no token") || text.contains("tokens of the module") {
                "name the token by its label (token=LABEL): pkcs11-tool --module MODULE --list-token-slots"
            } else {
                "check the key's label (object=NAME): pkcs11-tool --module MODULE --login --list-objects --type privkey"
            };
            report.fail("token", text, fix, err.exit_code());
            None
        }
    }
}
