//! EST (RFC 7030, clarified by RFC 8951): the URLs, the base64 bodies, the certs-only replies
//! and the CSR attributes a server asks for. The operations are in [`client`]; what to trust
//! and how to authenticate (the RFC 7030 4.1.1 bootstrap among it) in [`trust`].
//!
//! Strict in what is sent (line-wrapped base64, the media types of RFC 7030, the
//! Content-Transfer-Encoding header RFC 7030 names), liberal in what is accepted: base64 with
//! or without line breaks, with or without the CTE header, and PEM or plain DER where
//! base64 DER was expected (servers of every kind do each).

pub mod client;
pub mod csrattrs;
pub mod enroller;
pub mod multipart;
pub mod rollover;
pub mod trust;

use base64::Engine;

use crate::{Error, Result};

/// The path prefix of every EST operation (RFC 7030 3.2.2).
pub const WELL_KNOWN: &str = "/.well-known/est";

/// Media types (RFC 7030 3.2.4).
pub mod media {
    /// A PKCS#10 request.
    pub const PKCS10: &str = "application/pkcs10";
    /// Certificates only, in a degenerate CMS SignedData.
    pub const CERTS_ONLY: &str = "application/pkcs7-mime; smime-type=certs-only";
    /// The CSR attributes.
    pub const CSRATTRS: &str = "application/csrattrs";
    /// A private key (serverkeygen).
    pub const PKCS8: &str = "application/pkcs8";
}

/// Whether `url` is an EST URL (it holds the well-known EST path).
pub fn is_est_url(url: &str) -> bool {
    url.contains(WELL_KNOWN)
}

/// Where the operations of one EST server (and CA label) live.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endpoint {
    /// `https://host[:port]/.well-known/est[/label]`, no trailing slash.
    base: String,
}

impl Endpoint {
    /// The endpoint for `url` (`https://host`, `https://host/.well-known/est` or with a
    /// label already in it) and an optional CA `label` (RFC 7030 3.2.2). EST is HTTPS only.
    pub fn new(url: &str, label: Option<&str>) -> Result<Self> {
        crate::transport::check_no_password(url)?;
        let trimmed = url.trim().trim_end_matches('/');
        if !trimmed.starts_with("https://") {
            return Err(Error::Invalid(format!(
                "'{url}': EST runs over HTTPS only (RFC 7030 3.3); write https://..."
            )));
        }
        let mut base = match trimmed.find(WELL_KNOWN) {
            Some(_) => trimmed.to_string(),
            None => {
                let after_scheme = &trimmed["https://".len()..];
                if after_scheme.contains('/') {
                    return Err(Error::Invalid(format!(
                        "'{url}' has a path that is not {WELL_KNOWN}: give https://HOST[:PORT] or https://HOST{WELL_KNOWN}[/LABEL]"
                    )));
                }
                format!("{trimmed}{WELL_KNOWN}")
            }
        };
        if let Some(label) = label {
            if label.is_empty()
                || !label
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "-_.~".contains(c))
            {
                return Err(Error::Invalid(format!(
                    "--label '{label}': a label is letters, digits, '-', '_', '.' or '~'"
                )));
            }
            let has_label = base.len() > base.find(WELL_KNOWN).unwrap_or(0) + WELL_KNOWN.len();
            if has_label {
                return Err(Error::Invalid(format!(
                    "'{url}' already names a CA label; drop --label or the label in the URL"
                )));
            }
            base = format!("{base}/{label}");
        }
        Ok(Endpoint { base })
    }

    /// The URL of `operation` (cacerts, simpleenroll, ...).
    pub fn url(&self, operation: &str) -> String {
        format!("{}/{operation}", self.base)
    }

    /// The base URL, for messages and the saved state.
    pub fn base(&self) -> &str {
        &self.base
    }

    /// Host and port, for a look at the server's certificate.
    pub fn host_port(&self) -> (String, u16) {
        let rest = &self.base["https://".len()..];
        let authority = rest.split('/').next().unwrap_or_default();
        match authority.rsplit_once(':') {
            Some((host, port)) if !host.ends_with(']') || authority.starts_with('[') => {
                match port.parse() {
                    Ok(port) => (host.to_string(), port),
                    Err(_) => (authority.to_string(), 443),
                }
            }
            _ => (authority.to_string(), 443),
        }
    }
}

/// Base64 for a body: 64 columns, CRLF line ends (RFC 2045 style, as RFC 7030 shows it).
pub fn encode_body(der: &[u8]) -> Vec<u8> {
    let text = base64::engine::general_purpose::STANDARD.encode(der);
    let mut out = Vec::with_capacity(text.len() + text.len() / 32 + 2);
    for chunk in text.as_bytes().chunks(64) {
        out.extend_from_slice(chunk);
        out.extend_from_slice(b"\r\n");
    }
    out
}

/// The DER inside a body: base64 with or without line breaks (the usual case, whatever the
/// Content-Transfer-Encoding header says or omits), a PEM block, or DER as it is.
pub fn decode_body(body: &[u8], what: &str) -> Result<Vec<u8>> {
    let text = std::str::from_utf8(body).ok();
    if let Some(text) = text.filter(|t| t.contains("-----BEGIN")) {
        let (_, der) = der::pem::decode_vec(text.trim().as_bytes()).map_err(|e| {
            Error::Untrusted(format!("the {what} is PEM that does not decode: {e}"))
        })?;
        return Ok(der);
    }
    if body.first() == Some(&0x30) {
        return Ok(body.to_vec());
    }
    // White space anywhere, and NUL bytes (libest's example server ends /csrattrs with one).
    let compact: Vec<u8> = body
        .iter()
        .copied()
        .filter(|b| !b.is_ascii_whitespace() && *b != 0)
        .collect();
    if compact.is_empty() {
        return Err(Error::Untrusted(format!("the {what} is empty")));
    }
    base64::engine::general_purpose::STANDARD
        .decode(&compact)
        .map_err(|e| {
            Error::Untrusted(format!(
                "the {what} is neither base64 nor DER ({e}): {}",
                crate::sanitize::escape_body(&body[..body.len().min(80)])
            ))
        })
}

/// The certificates of a certs-only reply (cacerts, simpleenroll, simplereenroll).
pub fn certificates(body: &[u8], what: &str) -> Result<Vec<crate::pki::Certificate>> {
    let der = decode_body(body, what)?;
    let certs = crate::pki::cert::parse_certificates(&der)
        .map_err(|e| Error::Untrusted(format!("the {what} holds no certificates: {e}")))?;
    if certs.is_empty() {
        return Err(Error::Untrusted(format!(
            "the {what} holds no certificates"
        )));
    }
    Ok(certs)
}

/// The trust anchors an EST bootstrap (RFC 7030 4.1.1) may remember: the certificate whose
/// fingerprint was confirmed, and the CA certificates of the unauthenticated /cacerts reply
/// that chain to it (the rollover certificates of RFC 7030 4.1.3). Anything else in that
/// reply, such as a CA a man in the middle appended, is not trusted: the TLS server must then
/// chain to these anchors, and the CA certificates are fetched again over that connection.
pub fn bootstrap_anchors<'a>(
    confirmed: &'a crate::pki::Certificate,
    unauthenticated: &'a [crate::pki::Certificate],
) -> Vec<&'a crate::pki::Certificate> {
    use crate::pki::cert::{is_ca, verify_issued_by};
    let mut anchors = vec![confirmed];
    loop {
        let next = unauthenticated.iter().find(|c| {
            is_ca(c)
                && !anchors.contains(c)
                && anchors.iter().any(|a| verify_issued_by(c, a).is_ok())
        });
        match next {
            Some(c) => anchors.push(c),
            None => return anchors,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A CA certificate for `key` named `cn`, signed by `issuer` or by itself.
    fn ca_cert(
        key: &crate::pki::key::PrivateKey,
        cn: &str,
        issuer: Option<(&x509_cert::name::Name, &crate::pki::key::PrivateKey)>,
    ) -> crate::pki::Certificate {
        crate::pki::cert::test_cert(key, cn, true, issuer)
    }

    #[test]
    fn only_the_confirmed_ca_and_its_rollover_certificates_become_anchors() {
        use crate::pki::key::PrivateKey;
        let (old_key, new_key, intruder_key) = (
            PrivateKey::generate_rsa(2048).unwrap(),
            PrivateKey::generate_rsa(2048).unwrap(),
            PrivateKey::generate_rsa(2048).unwrap(),
        );
        let old = ca_cert(&old_key, "CA", None);
        // RFC 7030 4.1.3: NewWithOld (the new key, signed by the old one) and NewWithNew.
        let new_with_old = ca_cert(
            &new_key,
            "CA",
            Some((old.tbs_certificate().subject(), &old_key)),
        );
        let new_with_new = ca_cert(&new_key, "CA", None);
        let intruder = ca_cert(&intruder_key, "Intruder CA", None);
        let reply = vec![
            old.clone(),
            intruder.clone(),
            new_with_old.clone(),
            new_with_new.clone(),
        ];
        let anchors = bootstrap_anchors(&old, &reply);
        assert!(anchors.contains(&&old));
        assert!(anchors.contains(&&new_with_old));
        assert!(
            !anchors.contains(&&intruder),
            "an appended CA became an anchor"
        );
        // NewWithNew is signed by the new key, which NewWithOld vouches for.
        assert!(anchors.contains(&&new_with_new));
        assert_eq!(anchors.len(), 3);
        // Confirming the intruder trusts only the intruder.
        assert_eq!(bootstrap_anchors(&intruder, &reply), [&intruder]);
    }

    #[test]
    fn endpoints_from_urls_and_labels() {
        let e = Endpoint::new("https://ca.example:8443", None).unwrap();
        assert_eq!(
            e.url("cacerts"),
            "https://ca.example:8443/.well-known/est/cacerts"
        );
        assert_eq!(e.host_port(), ("ca.example".into(), 8443));
        let e = Endpoint::new("https://ca.example/.well-known/est/", Some("phones")).unwrap();
        assert_eq!(
            e.url("simpleenroll"),
            "https://ca.example/.well-known/est/phones/simpleenroll"
        );
        assert_eq!(e.host_port(), ("ca.example".into(), 443));
        let e = Endpoint::new("https://[::1]:9443/.well-known/est/arbitraryLabel1", None).unwrap();
        assert_eq!(
            e.url("csrattrs"),
            "https://[::1]:9443/.well-known/est/arbitraryLabel1/csrattrs"
        );
        assert_eq!(e.host_port(), ("[::1]".into(), 9443));
        assert!(
            Endpoint::new("http://ca.example", None)
                .unwrap_err()
                .to_string()
                .contains("HTTPS only")
        );
        assert!(Endpoint::new("https://ca.example/scep", None).is_err());
        assert!(Endpoint::new("https://ca.example/.well-known/est/a", Some("b")).is_err());
        assert!(Endpoint::new("https://ca.example", Some("bad/label")).is_err());
    }

    #[test]
    fn bodies_decode_liberally() {
        let der = vec![0x30, 0x03, 0x02, 0x01, 0x05];
        let wrapped = encode_body(&der);
        assert!(wrapped.ends_with(b"\r\n"));
        assert_eq!(decode_body(&wrapped, "x").unwrap(), der);
        assert_eq!(decode_body(b"MAMCAQU=", "x").unwrap(), der);
        assert_eq!(decode_body(b"MAMC\nAQU=\n", "x").unwrap(), der);
        assert_eq!(decode_body(&der, "x").unwrap(), der);
        let pem = "-----BEGIN PKCS7-----\nMAMCAQU=\n-----END PKCS7-----\n";
        assert_eq!(decode_body(pem.as_bytes(), "x").unwrap(), der);
        let err = decode_body(b"<html>oops</html>", "reply").unwrap_err();
        assert_eq!(err.exit_code(), 7);
        assert!(err.to_string().contains("<html>"), "{err}");
        assert!(decode_body(b"  \r\n", "reply").is_err());
        let long = encode_body(&[7u8; 100]);
        assert!(
            std::str::from_utf8(&long)
                .unwrap()
                .lines()
                .all(|l| l.len() <= 64)
        );
    }
}
