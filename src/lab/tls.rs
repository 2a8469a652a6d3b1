//! TLS for the lab: a server certificate for 127.0.0.1 and localhost issued by the lab CA, or
//! a deliberately broken one (wrong name, expired, not yet valid, from an unknown CA) so that
//! clients meet every TLS failure in a real handshake; and optional client certificates
//! issued by the lab CA, for EST.

use std::sync::Arc;
use std::time::{Duration, SystemTime};

use crate::pki::Certificate;
use const_oid::db::rfc5280;
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use x509_cert::ext::pkix::{ExtendedKeyUsage, KeyUsage, KeyUsages};

use super::ca::KeyPair;
use crate::pki::cert::{
    self, NameAttr, Template, basic_constraints, build_name, extension, issue, random_serial,
};
use crate::pki::csr::{San, san_extension};
use crate::pki::digest::Digest;
use crate::pki::key::PrivateKey;
use crate::{Error, Result};

/// What is wrong with the lab's server certificate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TlsFault {
    /// Issued for another host name.
    WrongName,
    /// Its validity ended yesterday.
    Expired,
    /// Its validity starts tomorrow.
    NotYetValid,
    /// Issued by a CA the client does not know.
    Untrusted,
    /// A CA certificate (basicConstraints cA=TRUE) presented as the server's own.
    CaCert,
}

impl TlsFault {
    /// The names `--tls-fault` takes.
    pub const NAMES: [&str; 5] = [
        "wrong-name",
        "expired",
        "not-yet-valid",
        "untrusted",
        "ca-cert",
    ];
}

impl std::str::FromStr for TlsFault {
    type Err = String;

    fn from_str(s: &str) -> std::result::Result<Self, String> {
        Ok(match s {
            "wrong-name" => TlsFault::WrongName,
            "expired" => TlsFault::Expired,
            "not-yet-valid" => TlsFault::NotYetValid,
            "untrusted" => TlsFault::Untrusted,
            "ca-cert" => TlsFault::CaCert,
            other => {
                return Err(format!(
                    "unknown TLS fault '{other}': use {}",
                    Self::NAMES.join(", ")
                ));
            }
        })
    }
}

/// The name the wrong-name fault puts on the certificate.
pub const WRONG_NAME: &str = "wrong-host.example";

const DAY: Duration = Duration::from_secs(24 * 3600);

fn tls_error(e: impl std::fmt::Display) -> Error {
    Error::Crypto(format!("setting up the lab's TLS failed: {e}"))
}

/// The server certificate and its chain: issued by `ca` (or, for [`TlsFault::Untrusted`],
/// by a throwaway CA of its own), for 127.0.0.1, ::1 and localhost.
fn server_certificate(
    ca: &KeyPair,
    fault: Option<TlsFault>,
) -> Result<(PrivateKey, Vec<Certificate>)> {
    let key = PrivateKey::generate_rsa(2048)?;
    let stranger;
    let issuer = if fault == Some(TlsFault::Untrusted) {
        let key = PrivateKey::generate_rsa(2048)?;
        let name = build_name(&[(NameAttr::CommonName, "unknown lab CA".into())])?;
        let cert = issue(
            Template {
                subject: name.clone(),
                public_key: key.public_key_info()?,
                serial: random_serial()?,
                validity: 365 * DAY,
                starts: None,
                extensions: vec![basic_constraints(true)?],
            },
            &name,
            &key,
            Digest::Sha256,
        )?;
        stranger = KeyPair { key, cert };
        &stranger
    } else {
        ca
    };
    let sans = if fault == Some(TlsFault::WrongName) {
        vec![San::Dns(WRONG_NAME.into())]
    } else {
        vec![
            San::Dns("localhost".into()),
            San::Ip([127, 0, 0, 1].into()),
            San::Ip(std::net::Ipv6Addr::LOCALHOST.into()),
        ]
    };
    let now = SystemTime::now();
    let starts = match fault {
        Some(TlsFault::Expired) => now - 2 * DAY,
        Some(TlsFault::NotYetValid) => now + DAY,
        _ => now - Duration::from_secs(60),
    };
    let cert = issue(
        Template {
            subject: build_name(&[(NameAttr::CommonName, "certenroll lab server".into())])?,
            public_key: key.public_key_info()?,
            serial: random_serial()?,
            validity: DAY,
            starts: Some(starts),
            extensions: vec![
                basic_constraints(fault == Some(TlsFault::CaCert))?,
                extension(
                    rfc5280::ID_CE_KEY_USAGE,
                    true,
                    &KeyUsage(KeyUsages::DigitalSignature | KeyUsages::KeyEncipherment),
                )?,
                extension(
                    rfc5280::ID_CE_EXT_KEY_USAGE,
                    false,
                    &ExtendedKeyUsage(vec![const_oid::db::rfc5280::ID_KP_SERVER_AUTH]),
                )?,
                san_extension(&sans, false)?,
            ],
        },
        issuer.cert.tbs_certificate().subject(),
        &issuer.key,
        Digest::Sha256,
    )?;
    Ok((key, vec![cert, issuer.cert.clone()]))
}

/// A rustls server configuration for the lab: its server certificate (broken as `fault`
/// says), and client certificates issued by `ca` accepted but not required.
pub fn server_config(ca: &KeyPair, fault: Option<TlsFault>) -> Result<Arc<rustls::ServerConfig>> {
    let (key, chain) = server_certificate(ca, fault)?;
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let mut roots = rustls::RootCertStore::empty();
    roots
        .add(CertificateDer::from(cert::to_der(&ca.cert)?))
        .map_err(tls_error)?;
    let verifier = rustls::server::WebPkiClientVerifier::builder_with_provider(
        Arc::new(roots),
        provider.clone(),
    )
    .allow_unauthenticated()
    .build()
    .map_err(tls_error)?;
    let chain = chain
        .iter()
        .map(|c| cert::to_der(c).map(CertificateDer::from))
        .collect::<Result<Vec<_>>>()?;
    let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(key.to_der()?.to_vec()));
    let config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(tls_error)?
        .with_client_cert_verifier(verifier)
        .with_single_cert(chain, key)
        .map_err(tls_error)?;
    Ok(Arc::new(config))
}
