//! What enroll and renew share about a request: where the challenge password comes from,
//! which algorithms and method to use, and where the CA certificates come from.

use std::path::Path;
use std::str::FromStr;

use anyhow::{Context, Result};
use certenroll::Error;
use certenroll::pki::cert;
use certenroll::pki::digest::Digest;
use certenroll::pki::envelope::Cipher;
use certenroll::scep::cacert::CaCerts;
use certenroll::scep::caps::Capabilities;
use certenroll::scep::client::{Client, Method};
use certenroll::secret::Secret;

use crate::cli::{AlgorithmArgs, ChallengeArgs, MethodChoice, ServerArgs};
use crate::output::Output;

/// Environment variable that may hold the challenge password.
const CHALLENGE_ENV: &str = "CERTENROLL_CHALLENGE";

/// The challenge password: file, flag (with a warning), named variable, CERTENROLL_CHALLENGE,
/// or a hidden prompt on a terminal. None when the user said --no-challenge or nothing is
/// available unattended.
pub fn challenge(args: &ChallengeArgs, out: &Output) -> Result<Option<Secret>> {
    if args.no_challenge {
        return Ok(None);
    }
    if let Some(value) = &args.challenge
        && args.challenge_file.is_none()
    {
        out.warn(
            "a challenge password on the command line is visible to other users; use --challenge-file or CERTENROLL_CHALLENGE",
        );
        return Ok(Some(Secret::new(value.clone())));
    }
    if let Some(secret) = certenroll::secret::from_file_or_env(
        args.challenge_file.as_deref(),
        args.challenge_env.as_deref(),
        "challenge",
        "--challenge-env",
    )? {
        return Ok(Some(secret));
    }
    if let Ok(value) = std::env::var(CHALLENGE_ENV)
        && !value.is_empty()
    {
        return Ok(Some(Secret::new(value)));
    }
    if crate::prompt::can_ask(out.is_json()) {
        let value = crate::prompt::secret("Challenge password (empty for none)", true)?;
        return Ok((!value.is_empty()).then(|| Secret::new(value)));
    }
    tracing::info!("no challenge password given; sending the request without one");
    Ok(None)
}

/// For EST, which authenticates over HTTP or TLS: a challenge only when one is named on the
/// command line (no environment default, no prompt).
pub fn named_challenge(args: &ChallengeArgs, out: &Output) -> Result<Option<Secret>> {
    if args.challenge_file.is_some() || args.challenge.is_some() || args.challenge_env.is_some() {
        challenge(args, out)
    } else {
        Ok(None)
    }
}

/// The algorithm flags, checked before anything is sent.
pub struct Choices {
    cipher: Option<Cipher>,
    digest: Option<Digest>,
    method: MethodChoice,
}

fn parse_choice<T: FromStr<Err = String>>(value: &Option<String>, flag: &str) -> Result<Option<T>> {
    value
        .as_deref()
        .map(|v| T::from_str(v).map_err(|e| Error::Invalid(format!("{flag}: {e}")).into()))
        .transpose()
}

impl Choices {
    /// Check the flags.
    pub fn parse(args: &AlgorithmArgs) -> Result<Self> {
        Ok(Choices {
            cipher: parse_choice(&args.cipher, "--cipher")?,
            digest: parse_choice(&args.digest, "--digest")?,
            method: args.method,
        })
    }

    /// The digest a request will most likely be signed with, before the server's capabilities
    /// are known: the flag's, else SHA-256 (which every current server offers).
    pub fn likely_digest(&self) -> Digest {
        self.digest.unwrap_or(Digest::Sha256)
    }

    /// What to use with a server of these capabilities: the flags, else the best offered.
    pub fn resolve(&self, caps: &Capabilities, out: &Output) -> (Cipher, Digest, Method) {
        let cipher = self.cipher.unwrap_or_else(|| caps.best_cipher());
        let digest = self.digest.unwrap_or_else(|| caps.best_digest());
        if !caps.supports_cipher(cipher) {
            out.warn(&format!(
                "the server does not advertise {}; trying it anyway",
                cipher.name()
            ));
        }
        if cipher == Cipher::Des {
            out.warn(
                "the request is encrypted with single DES, the only cipher this server offers",
            );
        }
        let method = match self.method {
            MethodChoice::Get => Method::Get,
            MethodChoice::Post => Method::Post,
            MethodChoice::Auto if caps.post() => Method::Post,
            MethodChoice::Auto => Method::Get,
        };
        (cipher, digest, method)
    }
}

/// GetCACaps and the CA certificates at once: one round trip less to a distant CA.
pub fn caps_and_ca(
    client: &Client<'_>,
    server: &ServerArgs,
    file: Option<&Path>,
    fingerprint: Option<&str>,
) -> Result<(Capabilities, CaCerts)> {
    let (caps, ca) = std::thread::scope(|scope| {
        let caps = scope.spawn(|| client.get_ca_caps());
        let ca = ca_certs(client, server, file, fingerprint);
        (caps.join(), ca)
    });
    let caps = caps.map_err(|_| anyhow::anyhow!("the GetCACaps thread failed"))??;
    tracing::info!(capabilities = ?caps.names, "GetCACaps");
    Ok((caps, ca?))
}

/// The CA certificates: from --ca-cert, else GetCACert; checked against --fingerprint.
pub fn ca_certs(
    client: &Client<'_>,
    server: &ServerArgs,
    file: Option<&Path>,
    fingerprint: Option<&str>,
) -> Result<CaCerts> {
    match file {
        Some(path) => {
            let bytes =
                std::fs::read(path).map_err(|e| Error::local("reading CA certificate", path, e))?;
            let certs = cert::parse_certificates(&bytes)
                .with_context(|| format!("reading CA certificate {}", path.display()))?;
            let set = CaCerts::from_certs(certs)?;
            if let Some(pin) = fingerprint {
                set.check_pin(&cert::parse_fingerprint(pin)?)?;
            }
            Ok(set)
        }
        None => fetch_ca_certs(client, server, fingerprint),
    }
}

/// Fetch the CA certificates and check them against a pinned fingerprint, if any.
pub fn fetch_ca_certs(
    client: &Client<'_>,
    server: &ServerArgs,
    fingerprint: Option<&str>,
) -> Result<CaCerts> {
    let pin = fingerprint.map(cert::parse_fingerprint).transpose()?;
    let certs = client.get_ca_cert(server.ca_ident.as_deref())?;
    if let Some(pin) = pin {
        certs.check_pin(&pin)?;
    }
    Ok(certs)
}
