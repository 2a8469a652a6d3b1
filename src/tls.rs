//! TLS: which CAs are trusted for HTTPS, the client certificate, a look at a server's chain
//! without trusting it (to say which issuer is missing, and for EST bootstrap), and the
//! explanation of a failed handshake in words a person can act on.

use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use crate::pki::Certificate;
use der::Decode;
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{CertificateError, DigitallySignedStruct, SignatureScheme};

use crate::error::{TlsKind, TlsProblem};
use crate::pki::cert;
use crate::{Error, Result};

/// Which CAs a server certificate must chain to.
#[derive(Debug, Clone, Default)]
pub enum Trust {
    /// The Mozilla roots built into certenroll.
    #[default]
    BuiltIn,
    /// The CA certificates of this file (`--ca-file`).
    File(PathBuf, Vec<Certificate>),
    /// The operating system's trust store (`--system-roots`).
    System,
}

impl Trust {
    /// The CA certificates in `path` (PEM, DER or PKCS#7).
    pub fn from_file(path: &Path) -> Result<Self> {
        let certs = cert::read_certificates(path, "reading CA file")?;
        Ok(Trust::File(path.to_path_buf(), certs))
    }

    /// For messages: what is trusted.
    pub fn describe(&self) -> String {
        match self {
            Trust::BuiltIn => "the built-in Mozilla roots".into(),
            Trust::File(path, _) => format!("the CA file {}", path.display()),
            Trust::System => "the system's trusted CAs".into(),
        }
    }

    /// The certificates to give ureq, or None for its built-in roots.
    pub fn certificates(&self) -> Result<Option<Vec<CertificateDer<'static>>>> {
        match self {
            Trust::BuiltIn => Ok(None),
            Trust::File(_, certs) => certs
                .iter()
                .map(|c| cert::to_der(c).map(CertificateDer::from))
                .collect::<Result<Vec<_>>>()
                .map(Some),
            Trust::System => {
                let loaded = rustls_native_certs::load_native_certs();
                if loaded.certs.is_empty() {
                    let why = loaded
                        .errors
                        .first()
                        .map_or_else(|| "none found".to_string(), ToString::to_string);
                    return Err(Error::Invalid(format!(
                        "the system's trusted CAs could not be loaded ({why}); use --ca-file FILE"
                    )));
                }
                Ok(Some(loaded.certs))
            }
        }
    }
}

/// A client certificate for TLS: the chain (leaf first, DER) and its key (a file's or a
/// token's).
#[derive(Clone)]
pub struct ClientIdentity {
    /// Leaf first.
    pub chain: Vec<Vec<u8>>,
    /// The key.
    pub key: crate::pki::key::PrivateKey,
}

impl std::fmt::Debug for ClientIdentity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "ClientIdentity({} certificates, key redacted)",
            self.chain.len()
        )
    }
}

/// Accepts any server certificate and remembers the chain: only for looking at a server, never
/// for sending anything that matters.
#[derive(Debug)]
struct Recorder {
    chain: std::sync::Mutex<Vec<Vec<u8>>>,
    provider: Arc<rustls::crypto::CryptoProvider>,
}

impl ServerCertVerifier for Recorder {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp_response: &[u8],
        _now: UnixTime,
    ) -> std::result::Result<ServerCertVerified, rustls::Error> {
        let mut chain = vec![end_entity.to_vec()];
        chain.extend(intermediates.iter().map(|c| c.to_vec()));
        *self
            .chain
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = chain;
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> std::result::Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(
            message,
            cert,
            dss,
            &self.provider.signature_verification_algorithms,
        )
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> std::result::Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(
            message,
            cert,
            dss,
            &self.provider.signature_verification_algorithms,
        )
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.provider
            .signature_verification_algorithms
            .supported_schemes()
    }
}

/// The certificate chain `host:port` presents, leaf first, fetched in a TLS handshake that
/// trusts nothing and sends nothing: to say which issuer is missing, and to show a CA's
/// fingerprint before trusting it (EST bootstrap, RFC 7030 4.1.1).
pub fn peer_chain(host: &str, port: u16, timeout: Duration) -> Result<Vec<Certificate>> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let recorder = Arc::new(Recorder {
        chain: std::sync::Mutex::new(Vec::new()),
        provider: provider.clone(),
    });
    let config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| Error::Crypto(format!("TLS set-up failed: {e}")))?
        .dangerous()
        .with_custom_certificate_verifier(recorder.clone())
        .with_no_client_auth();
    let name = ServerName::try_from(host.trim_matches(['[', ']']).to_string())
        .map_err(|e| Error::Invalid(format!("'{host}' is not a host name: {e}")))?;
    let communication = |what: String| Error::Communication {
        url: format!("https://{host}:{port}"),
        kind: crate::error::CommError::Other(what),
    };
    let address = std::net::ToSocketAddrs::to_socket_addrs(&(host.trim_matches(['[', ']']), port))
        .map_err(|_| Error::Communication {
            url: format!("https://{host}:{port}"),
            kind: crate::error::CommError::Dns,
        })?
        .next()
        .ok_or_else(|| communication("no address".into()))?;
    let mut tcp = TcpStream::connect_timeout(&address, timeout)
        .map_err(|e| communication(format!("connecting: {e}")))?;
    let _ = tcp.set_read_timeout(Some(timeout));
    let _ = tcp.set_write_timeout(Some(timeout));
    let mut connection = rustls::ClientConnection::new(Arc::new(config), name)
        .map_err(|e| Error::Crypto(format!("TLS set-up failed: {e}")))?;
    while connection.is_handshaking() {
        if let Err(e) = connection.complete_io(&mut tcp) {
            // A server that wants a client certificate may end the handshake after ours
            // (none) is sent: the chain is already recorded by then.
            if recorder.chain.lock().map(|c| c.is_empty()).unwrap_or(true) {
                return Err(communication(format!("TLS handshake failed: {e}")));
            }
            break;
        }
    }
    let chain = recorder
        .chain
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .clone();
    chain
        .iter()
        .map(|der| {
            Certificate::from_der(der).map_err(|e| {
                Error::Untrusted(format!(
                    "the server sent a certificate that does not parse: {e}"
                ))
            })
        })
        .collect()
}

/// rustls shows presented names as `DnsName("host")` or `IpAddress(1.2.3.4)`: the name alone.
/// A name from the server's certificate, as a person reads it (escaped: the server chose it).
fn plain_name(name: &str) -> String {
    let name = match name.split_once('(') {
        Some((_, rest)) => rest.trim_end_matches(')').trim_matches('"'),
        None => name,
    };
    crate::sanitize::escape_untrusted(name)
}

/// A Unix time as RFC 3339.
fn time(t: UnixTime) -> String {
    crate::clock::rfc3339(t.as_secs())
}

/// Explain a TLS failure: what is wrong and what to do. `url` is the server; `trust` what was
/// trusted; `timeout` bounds the second look at the server for an unknown issuer.
pub fn explain(
    err: &rustls::Error,
    host: &str,
    port: u16,
    trust: &Trust,
    timeout: Duration,
) -> TlsProblem {
    let problem = |kind: TlsKind, what: String, fix: &str| TlsProblem {
        kind,
        what,
        fix: fix.to_string(),
    };
    let rustls::Error::InvalidCertificate(certificate) = err else {
        return match err {
            rustls::Error::AlertReceived(alert) => problem(
                TlsKind::Other,
                format!("the server ended the handshake ({alert:?})"),
                "if it wants a client certificate, give --client-cert and --client-key",
            ),
            // What came back is not a TLS record: "HTTP/1.1 400" starts with 'H'.
            rustls::Error::InvalidMessage(rustls::InvalidMessage::InvalidContentType) => problem(
                TlsKind::Other,
                format!("{host}:{port} speaks plain HTTP, not TLS"),
                "use http:// with this port, or the server's HTTPS port",
            ),
            other => problem(TlsKind::Other, other.to_string(), ""),
        };
    };
    match certificate {
        CertificateError::UnknownIssuer => {
            let issuer = peer_chain(host, port, timeout.min(Duration::from_secs(10)))
                .ok()
                .and_then(|chain| {
                    let top = chain.last()?;
                    let subject = cert::name_to_string(top.tbs_certificate().subject());
                    let issuer = cert::name_to_string(top.tbs_certificate().issuer());
                    Some(if subject == issuer {
                        format!("'{subject}' (self-signed)")
                    } else {
                        format!("'{issuer}'")
                    })
                });
            let what = match issuer {
                Some(issuer) => format!(
                    "the server's certificate is not trusted: its chain ends at {issuer}, which is not among {}",
                    trust.describe()
                ),
                None => format!(
                    "the server's certificate is not trusted: its issuer is not among {}",
                    trust.describe()
                ),
            };
            problem(
                TlsKind::UntrustedIssuer,
                what,
                "get that CA's certificate and pass it with --ca-file",
            )
        }
        CertificateError::NotValidForNameContext {
            expected,
            presented,
        } => problem(
            TlsKind::WrongName,
            format!(
                "the server's certificate is for {}, not for {}",
                if presented.is_empty() {
                    "no name at all".to_string()
                } else {
                    presented
                        .iter()
                        .map(|name| plain_name(name))
                        .collect::<Vec<_>>()
                        .join(", ")
                },
                expected.to_str()
            ),
            "use a URL with one of those names, or have the certificate reissued",
        ),
        CertificateError::NotValidForName => problem(
            TlsKind::WrongName,
            format!("the server's certificate is not for {host}"),
            "use the name on the certificate in the URL, or have it reissued",
        ),
        CertificateError::ExpiredContext {
            time: now,
            not_after,
        } => problem(
            TlsKind::Dates,
            format!(
                "the server's certificate expired at {}, and this machine's clock says {}",
                time(*not_after),
                time(*now)
            ),
            "if this clock is wrong, set it (NTP); else the server needs a new certificate",
        ),
        CertificateError::NotValidYetContext {
            time: now,
            not_before,
        } => problem(
            TlsKind::Dates,
            format!(
                "the server's certificate is valid only from {}, and this machine's clock says {}",
                time(*not_before),
                time(*now)
            ),
            "if this clock is behind, set it (NTP); else the server's certificate was issued for the future",
        ),
        CertificateError::Expired => problem(
            TlsKind::Dates,
            "the server's certificate has expired".into(),
            "check this machine's clock (NTP); else the server needs a new certificate",
        ),
        CertificateError::NotValidYet => problem(
            TlsKind::Dates,
            "the server's certificate is not valid yet".into(),
            "check this machine's clock (NTP)",
        ),
        CertificateError::InvalidPurpose | CertificateError::InvalidPurposeContext { .. } => {
            problem(
                TlsKind::Other,
                "the server's certificate is not for TLS servers (its extended key usage lacks serverAuth)".into(),
                "the server needs a certificate issued for serverAuth",
            )
        }
        CertificateError::BadSignature => problem(
            TlsKind::Other,
            "the signature on the server's certificate does not verify".into(),
            "the server's chain is broken or forged: check it with its administrator",
        ),
        CertificateError::Revoked => problem(
            TlsKind::Other,
            "the server's certificate is revoked".into(),
            "the server needs a new certificate",
        ),
        // webpki's own errors reach us wrapped, named by their Debug form.
        CertificateError::Other(other) => {
            let name = other.to_string();
            let (what, fix) = match name.as_str() {
                "CaUsedAsEndEntity" => (
                    "the server presents a CA certificate (basicConstraints cA=TRUE) as its own",
                    "the server needs an end-entity certificate issued by that CA",
                ),
                "EndEntityUsedAsCa" => (
                    "the server's chain has an end-entity certificate where a CA belongs",
                    "the server's chain must be fixed",
                ),
                n if n.starts_with("UnsupportedSignatureAlgorithm") => (
                    "the server's certificate is signed with an algorithm certenroll does not accept",
                    "the server needs a certificate signed with RSA or ECDSA and SHA-256 or better",
                ),
                _ => ("", ""),
            };
            if what.is_empty() {
                problem(
                    TlsKind::Other,
                    format!(
                        "the server's certificate was refused ({})",
                        crate::sanitize::escape_untrusted(&name)
                    ),
                    "",
                )
            } else {
                problem(TlsKind::Other, what.into(), fix)
            }
        }
        other => problem(
            TlsKind::Other,
            format!("the server's certificate was refused: {other}"),
            "",
        ),
    }
}
