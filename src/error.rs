//! The library's one error type, and the exit code each kind of failure maps to.
//!
//! The variants keep the protocol detail (failInfo, HTTP status, which check failed) so that the
//! binary can print an actionable message and the history can record a decoded reason.

use std::path::{Path, PathBuf};

/// Exit codes users script against (see DESIGN.md and the man page).
pub mod exit {
    /// Done: issued and installed, nothing due, or the query answered.
    pub const OK: u8 = 0;
    /// Anything not listed below.
    pub const OTHER: u8 = 1;
    /// Usage or configuration error.
    pub const USAGE: u8 = 2;
    /// The CA accepted the request but has not issued yet.
    pub const PENDING: u8 = 3;
    /// Rejected by the CA.
    pub const REJECTED: u8 = 4;
    /// Communication failure: DNS, connect, TLS, timeout, HTTP 5xx or unexpected HTTP.
    pub const COMMUNICATION: u8 = 5;
    /// Local failure: key or certificate files, permissions, state directory.
    pub const LOCAL: u8 = 6;
    /// The reply is not trustworthy.
    pub const UNTRUSTED: u8 = 7;
}

/// Which kind of TLS failure, for code that acts on it (the text is for people).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TlsKind {
    /// The server's certificate does not chain to what is trusted.
    UntrustedIssuer,
    /// The server's certificate is for another name.
    WrongName,
    /// The server's certificate is expired or not valid yet (or the clock is wrong).
    Dates,
    /// Anything else (an alert from the server, a protocol error).
    Other,
}

/// Why a TLS handshake failed, for a person: what is wrong, and what to do about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TlsProblem {
    /// Which kind of failure.
    pub kind: TlsKind,
    /// What is wrong ("the server's certificate expired at ...").
    pub what: String,
    /// What to do ("set the clock ...").
    pub fix: String,
}

impl std::fmt::Display for TlsProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.fix.is_empty() {
            f.write_str(&self.what)
        } else {
            write!(f, "{}; {}", self.what, self.fix)
        }
    }
}

/// What went wrong while talking to a server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CommError {
    /// The host name did not resolve.
    Dns,
    /// Nothing listens at the address, or the connection was reset.
    Refused,
    /// A phase of the exchange took longer than allowed: which phase, its limit and the
    /// setting that changes it ("waiting for the reply (60 s, --timeout)").
    Timeout(String),
    /// The TLS handshake failed: what is wrong, and what to do.
    Tls(TlsProblem),
    /// The reply is larger than the configured limit.
    TooLarge(u64),
    /// The server closed the connection without answering.
    Closed,
    /// Anything else at the transport level.
    Other(String),
}

impl std::fmt::Display for CommError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CommError::Dns => f.write_str("host name did not resolve (check the URL and DNS)"),
            CommError::Refused => {
                f.write_str("connection refused (is the server running, and is the port right?)")
            }
            CommError::Timeout(phase) => write!(f, "timed out {phase}"),
            CommError::Tls(problem) => write!(f, "TLS handshake failed: {problem}"),
            CommError::TooLarge(limit) => write!(f, "reply is larger than the {limit}-byte limit"),
            CommError::Closed => f.write_str("the server closed the connection before replying"),
            CommError::Other(msg) => f.write_str(msg),
        }
    }
}

/// Why a server would not serve us as we authenticated: each case says what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AuthProblem {
    /// Nothing was sent; the server challenges with `scheme` (Basic, Digest...) in `realm`, or
    /// with no challenge at all (it wants a TLS client certificate).
    Required {
        /// The scheme of the server's challenge, escaped.
        scheme: Option<String>,
        /// The realm of the challenge, escaped.
        realm: Option<String>,
    },
    /// The login was refused, answered with `scheme` (Basic or Digest).
    LoginRefused {
        /// Basic or Digest.
        scheme: &'static str,
        /// The realm of the server's challenge, escaped.
        realm: Option<String>,
    },
    /// The server challenges with a scheme certenroll cannot answer.
    UnsupportedScheme(String),
    /// A TLS client certificate (and no login) was refused.
    CertificateRefused,
    /// The server checks proof of possession by TLS channel binding (RFC 7030 3.5).
    ProofOfPossession,
}

impl std::fmt::Display for AuthProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let realm = |realm: &Option<String>| {
            realm
                .as_ref()
                .map(|r| format!(", realm \"{r}\""))
                .unwrap_or_default()
        };
        match self {
            AuthProblem::Required {
                scheme: Some(scheme),
                realm: r,
            } => write!(
                f,
                "authentication required ({scheme}{}); give --username with --password-file or --password-env, or --client-cert and --client-key",
                realm(r)
            ),
            AuthProblem::Required { scheme: None, .. } => f.write_str(
                "authentication required, and the server names no login scheme: it wants a TLS client certificate it trusts (--client-cert and --client-key)",
            ),
            AuthProblem::LoginRefused { scheme, realm: r } => write!(
                f,
                "the {scheme} login was refused{}; check --username and the password",
                realm(r)
            ),
            AuthProblem::UnsupportedScheme(scheme) => write!(
                f,
                "the server asks for {scheme} authentication, which certenroll does not speak (it answers Basic and Digest); use a client certificate, or ask for Basic or Digest"
            ),
            AuthProblem::CertificateRefused => f.write_str(
                "the client certificate was refused; use one the server trusts, or add --username with a password",
            ),
            AuthProblem::ProofOfPossession => f.write_str(
                "the server checks proof of possession by TLS channel binding (tls-unique, RFC 7030 3.5), which certenroll cannot send (rustls exposes no tls-unique); the server's check must be turned off for this client (a challenge password the server reads as tls-unique is refused the same way)",
            ),
        }
    }
}

/// Every failure the library reports.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// No usable connection to the server.
    #[error("communication with {url} failed: {kind}")]
    Communication {
        /// The URL that was requested (without the message payload).
        url: String,
        /// What failed.
        kind: CommError,
    },
    /// The server answered with an HTTP status that is not a success.
    #[error("{url} answered HTTP {status}{}", body_suffix(.body))]
    HttpStatus {
        /// The URL that was requested (without the message payload).
        url: String,
        /// The HTTP status code.
        status: u16,
        /// The start of the body, escaped for a terminal.
        body: String,
    },
    /// The server refused to serve us as we authenticated (HTTP 401, or an EST server's
    /// proof-of-possession check).
    #[error("{url} answered HTTP {status}: {problem}{}", body_suffix(.body))]
    Unauthorized {
        /// The URL that was requested.
        url: String,
        /// The HTTP status (401, or what the server used for a proof-of-possession failure).
        status: u16,
        /// What was wrong, and what to do (boxed: it would make every `Error` larger).
        problem: Box<AuthProblem>,
        /// The start of the body, escaped for a terminal.
        body: String,
    },
    /// The server does not implement an operation.
    #[error("{0}")]
    NotSupported(String),
    /// The CA answered SCEP FAILURE.
    #[error("the CA rejected the request: {}", describe_failure(.fail_info, .text))]
    ScepFailure {
        /// The decoded failInfo, when the CA sent one.
        fail_info: Option<FailInfo>,
        /// failInfoText, escaped, when the CA sent one.
        text: Option<String>,
    },
    /// The reply failed a check: signature, nonce, transaction, key, chain, pinned fingerprint.
    #[error("reply not trustworthy: {0}")]
    Untrusted(String),
    /// The server's CA is not the pinned one.
    #[error(
        "reply not trustworthy: CA fingerprint mismatch: the server's CA '{subject}' has SHA-256 {server_sha256}, the pinned one is {pinned}"
    )]
    PinMismatch {
        /// The server's CA's subject.
        subject: String,
        /// Its SHA-256 fingerprint (colon hex).
        server_sha256: String,
        /// The pinned fingerprint (colon hex).
        pinned: String,
    },
    /// Bad input from flags or files.
    #[error("{0}")]
    Invalid(String),
    /// A local file could not be read or written.
    #[error("{action} {}: {cause}", .path.display())]
    Local {
        /// What was being done ("writing key", ...).
        action: &'static str,
        /// The file.
        path: PathBuf,
        /// The cause (part of the message, so not a `source`: it would be printed twice).
        cause: std::io::Error,
    },
    /// A cryptographic operation failed locally (key generation, signing).
    #[error("{0}")]
    Crypto(String),
    /// A PKCS#11 module or token failed: not loadable, no such token or key, wrong PIN.
    #[error("PKCS#11: {0}")]
    Token(String),
}

fn body_suffix(body: &str) -> String {
    if body.is_empty() {
        String::new()
    } else {
        format!(": {body}")
    }
}

fn describe_failure(fail_info: &Option<FailInfo>, text: &Option<String>) -> String {
    let mut out = match fail_info {
        Some(info) => format!(
            "SCEP ERROR failInfo {} {} ({})",
            info.code(),
            info.name(),
            info.meaning()
        ),
        None => "SCEP FAILURE without failInfo".to_string(),
    };
    if let Some(text) = text {
        out.push_str(&format!("; server says: {text}"));
    }
    out
}

impl Error {
    /// The process exit code for this failure.
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Communication { .. } | Error::HttpStatus { .. } | Error::NotSupported(_) => {
                exit::COMMUNICATION
            }
            Error::ScepFailure { .. } | Error::Unauthorized { .. } => exit::REJECTED,
            Error::Untrusted(_) | Error::PinMismatch { .. } => exit::UNTRUSTED,
            Error::Invalid(_) => exit::USAGE,
            Error::Local { .. } | Error::Token(_) => exit::LOCAL,
            Error::Crypto(_) => exit::OTHER,
        }
    }

    /// A short hint for a person, when there is an obvious next step.
    pub fn hint(&self) -> Option<String> {
        match self {
            Error::ScepFailure {
                fail_info: Some(FailInfo::BadRequest),
                ..
            } => Some(
                "check the challenge password (if one was sent); some CAs also refuse a second certificate for the same subject"
                    .into(),
            ),
            Error::ScepFailure {
                fail_info: Some(FailInfo::BadTime),
                ..
            } => Some("check this machine's clock against the CA's".into()),
            Error::ScepFailure {
                fail_info: Some(FailInfo::BadAlg),
                ..
            } => Some("try --cipher aes128 or des3 and --digest sha256 or sha1".into()),
            Error::ScepFailure {
                fail_info: Some(FailInfo::BadMessageCheck),
                ..
            } => Some("the CA could not verify our signature; try --digest sha1".into()),
            _ => None,
        }
    }

    /// Shorthand for a local I/O failure. A missing directory, or one this user may not
    /// write in, is named (the system's "No such file or directory" does not say which).
    pub fn local(action: &'static str, path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        let path = path.into();
        let dir = path
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
            .map(Path::to_path_buf);
        let cause = match (source.kind(), dir) {
            (std::io::ErrorKind::NotFound, Some(dir)) if !dir.is_dir() => std::io::Error::new(
                source.kind(),
                format!(
                    "the directory {} does not exist (create it, or choose another path)",
                    dir.display()
                ),
            ),
            (std::io::ErrorKind::PermissionDenied, Some(dir)) if action.starts_with("writing") => {
                std::io::Error::new(
                    source.kind(),
                    format!("this user may not write in {} ({source})", dir.display()),
                )
            }
            _ => source,
        };
        Error::Local {
            action,
            path,
            cause,
        }
    }
}

/// The library's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// failInfo values (RFC 8894 section 3.2.1.4).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FailInfo {
    /// 0: unrecognized or unsupported algorithm.
    BadAlg,
    /// 1: integrity check (signature of the CMS message) failed.
    BadMessageCheck,
    /// 2: transaction not permitted or not supported.
    BadRequest,
    /// 3: signingTime was not close enough to the CA's clock.
    BadTime,
    /// 4: no certificate could be identified matching the criteria.
    BadCertId,
}

impl FailInfo {
    /// All values, in code order.
    pub const ALL: [FailInfo; 5] = [
        FailInfo::BadAlg,
        FailInfo::BadMessageCheck,
        FailInfo::BadRequest,
        FailInfo::BadTime,
        FailInfo::BadCertId,
    ];

    /// The numeric code.
    pub fn code(self) -> u8 {
        self as u8
    }

    /// The RFC name.
    pub fn name(self) -> &'static str {
        match self {
            FailInfo::BadAlg => "badAlg",
            FailInfo::BadMessageCheck => "badMessageCheck",
            FailInfo::BadRequest => "badRequest",
            FailInfo::BadTime => "badTime",
            FailInfo::BadCertId => "badCertId",
        }
    }

    /// What it means.
    pub fn meaning(self) -> &'static str {
        match self {
            FailInfo::BadAlg => "unrecognized or unsupported algorithm",
            FailInfo::BadMessageCheck => "integrity check (signature of the CMS message) failed",
            FailInfo::BadRequest => "transaction not permitted or not supported",
            FailInfo::BadTime => "signingTime was not close enough to the CA's clock",
            FailInfo::BadCertId => "no certificate could be identified matching the criteria",
        }
    }

    /// Parse the attribute's text.
    pub fn parse(text: &str) -> Option<FailInfo> {
        let code: u8 = text.trim().parse().ok()?;
        FailInfo::ALL.into_iter().find(|f| f.code() == code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exit_codes_follow_the_table() {
        let comm = Error::Communication {
            url: "http://x".into(),
            kind: CommError::Refused,
        };
        assert_eq!(comm.exit_code(), 5);
        let fail = Error::ScepFailure {
            fail_info: Some(FailInfo::BadRequest),
            text: None,
        };
        assert_eq!(fail.exit_code(), 4);
        assert!(fail.to_string().contains("failInfo 2 badRequest"));
        assert_eq!(Error::Untrusted("x".into()).exit_code(), 7);
        assert_eq!(Error::Invalid("x".into()).exit_code(), 2);
        let local = Error::local("writing key", "/k", std::io::Error::other("no"));
        assert_eq!(local.exit_code(), 6);
    }
}
