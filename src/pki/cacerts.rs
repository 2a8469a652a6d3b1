//! The CA certificates a server hands out (SCEP GetCACert, RFC 8894 section 4.2: the CA
//! alone, or the CA with its RA certificates in a degenerate PKCS#7; EST /cacerts), with their
//! roles worked out. Both protocols and the enrollment lifecycle use them.
//!
//! This picks out which certificate is the issuing CA, which RA certificates there are, which
//! certificate a request is encrypted to, and which may sign replies. NDES hands out two RA
//! certificates: one with keyEncipherment (the "exchange" certificate, to encrypt to) and one
//! with digitalSignature (which signs replies).

use super::Certificate;
use der::Decode;
use x509_cert::ext::pkix::KeyUsages;

use crate::pki::cert::{
    allows, is_ca, key_usage, matches_fingerprint, name_to_string, verify_issued_by,
};
use crate::{Error, Result};

/// Microsoft's certificate template name extension (szOID_ENROLL_CERTTYPE_EXTENSION): a
/// BMPString naming the template a certificate was issued from.
pub const MS_CERTIFICATE_TEMPLATE_NAME: const_oid::ObjectIdentifier =
    const_oid::ObjectIdentifier::new_unwrap("1.3.6.1.4.1.311.20.2");

/// An expired certificate of a [`CaCerts`]; displayed, what a person should know about it.
#[derive(Debug, Clone, Copy)]
pub struct Expired<'a> {
    /// The certificate.
    pub cert: &'a Certificate,
    /// Whether it is an RA certificate (else the CA's or one above it).
    pub ra: bool,
}

impl std::fmt::Display for Expired<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "the server's {} certificate '{}' expired on {}: {}",
            if self.ra { "RA" } else { "CA" },
            name_to_string(self.cert.tbs_certificate().subject()),
            self.cert.tbs_certificate().validity().not_after,
            if self.ra {
                "NDES answers every request with HTTP 500 then; the CA's administrator must renew it"
            } else {
                "certificates it issued no longer verify; the CA's administrator must renew it"
            }
        )
    }
}

/// The certificates a SCEP server gave us, with their roles worked out.
#[derive(Debug, Clone)]
pub struct CaCerts {
    certs: Vec<Certificate>,
    ca: usize,
    ras: Vec<usize>,
}

fn self_issued(cert: &Certificate) -> bool {
    cert.tbs_certificate().subject() == cert.tbs_certificate().issuer()
}

/// Whether the certificate can issue certificates: cA with keyCertSign (or no keyUsage), or a
/// self-issued root without basicConstraints (old roots). A certificate that says cA=TRUE but
/// may not sign certificates is an RA certificate some servers hand out, not the CA.
fn can_issue(cert: &Certificate) -> bool {
    (is_ca(cert) || self_issued(cert)) && allows(cert, KeyUsages::KeyCertSign)
}

/// Whether `issuer` issued `cert`: by name, and by signature when the names match.
fn issued(cert: &Certificate, issuer: &Certificate) -> bool {
    cert.tbs_certificate().issuer() == issuer.tbs_certificate().subject()
        && verify_issued_by(cert, issuer).is_ok()
}

impl CaCerts {
    /// Parse a GetCACert reply. Lenient about the media type: what matters is what the body is.
    pub fn from_reply(media_type: Option<&str>, body: &[u8]) -> Result<Self> {
        if body.is_empty() {
            return Err(Error::Untrusted("GetCACert returned an empty body".into()));
        }
        let certs = crate::pki::cert::parse_certificates(body).map_err(|_| {
            Error::Untrusted(format!(
                "GetCACert returned no certificate (content type {})",
                media_type.unwrap_or("missing")
            ))
        })?;
        Self::from_certs(certs)
    }

    /// Work out the roles in a set of certificates.
    pub fn from_certs(certs: Vec<Certificate>) -> Result<Self> {
        if certs.is_empty() {
            return Err(Error::Untrusted("no CA certificate was found".into()));
        }
        let ras: Vec<usize> = (0..certs.len())
            .filter(|i| !can_issue(&certs[*i]))
            .collect();
        let cas: Vec<usize> = (0..certs.len()).filter(|i| can_issue(&certs[*i])).collect();
        let ca = if let Some(&ra) = ras.first() {
            // The CA is whoever issued the RA certificates.
            cas.iter()
                .copied()
                .find(|i| issued(&certs[ra], &certs[*i]))
                .or_else(|| cas.first().copied())
        } else {
            // No RA: the issuing CA is the one that issued no other CA here (the lowest).
            // Self-issued certificates (a root's rollover cross-certificates, RFC 7030 4.1.3)
            // do not count, and among several the root valid now is preferred to its
            // cross-certificates and to the next root.
            let lowest: Vec<usize> = cas
                .iter()
                .copied()
                .filter(|i| {
                    !cas.iter().any(|j| {
                        j != i && !self_issued(&certs[*j]) && issued(&certs[*j], &certs[*i])
                    })
                })
                .collect();
            let now = std::time::SystemTime::now();
            lowest
                .iter()
                .copied()
                .find(|i| {
                    let c = &certs[*i];
                    verify_issued_by(c, c).is_ok()
                        && c.tbs_certificate().validity().not_before.to_system_time() <= now
                })
                .or_else(|| lowest.first().copied())
                .or_else(|| cas.first().copied())
        };
        let Some(ca) = ca else {
            // Only end-entity certificates: treat a lone one as the CA (as sscep does).
            if certs.len() == 1 {
                return Ok(CaCerts {
                    certs,
                    ca: 0,
                    ras: Vec::new(),
                });
            }
            return Err(Error::Untrusted(
                "GetCACert returned no CA certificate (none has basicConstraints cA)".into(),
            ));
        };
        Ok(CaCerts { certs, ca, ras })
    }

    /// The CA (and RA) certificates of a file (PEM or DER, one or several), instead of asking
    /// the server; checked against `pin` when given.
    pub fn from_file(path: &std::path::Path, pin: Option<&str>) -> Result<Self> {
        let bytes =
            std::fs::read(path).map_err(|e| Error::local("reading CA certificate", path, e))?;
        let certs = crate::pki::cert::parse_certificates(&bytes).map_err(|e| match e {
            Error::Invalid(why) => {
                Error::Invalid(format!("reading CA certificate {}: {why}", path.display()))
            }
            other => other,
        })?;
        Self::from_certs(certs)?.pinned(pin)
    }

    /// The set, once it matches the SHA-256 fingerprint `pin` (hex, colons optional) when one
    /// is given ([`CaCerts::check_pin`]).
    pub fn pinned(self, pin: Option<&str>) -> Result<Self> {
        if let Some(pin) = pin {
            self.check_pin(&crate::pki::cert::parse_fingerprint(pin)?)?;
        }
        Ok(self)
    }

    /// Every certificate, as received.
    pub fn all(&self) -> &[Certificate] {
        &self.certs
    }

    /// The issuing CA.
    pub fn ca(&self) -> &Certificate {
        &self.certs[self.ca]
    }

    /// The RA certificates (possibly none).
    pub fn ras(&self) -> Vec<&Certificate> {
        self.ras.iter().map(|i| &self.certs[*i]).collect()
    }

    /// Whether the server is Microsoft NDES: its RA certificates come from the
    /// EnrollmentAgentOffline and CEPEncryption templates.
    pub fn is_ndes(&self) -> bool {
        self.ras().iter().any(|ra| {
            ra.tbs_certificate()
                .extensions()
                .into_iter()
                .flatten()
                .filter(|e| e.extn_id == MS_CERTIFICATE_TEMPLATE_NAME)
                .filter_map(|e| der::asn1::BmpString::from_der(e.extn_value.as_bytes()).ok())
                .any(|name| {
                    let name = name.to_string();
                    name == "EnrollmentAgentOffline" || name == "CEPEncryption"
                })
        })
    }

    /// The certificates of the set that have expired.
    pub fn expired(&self) -> Vec<Expired<'_>> {
        let now = std::time::SystemTime::now();
        self.certs
            .iter()
            .enumerate()
            .filter(|(_, c)| c.tbs_certificate().validity().not_after.to_system_time() < now)
            .map(|(i, cert)| Expired {
                cert,
                ra: self.ras.contains(&i),
            })
            .collect()
    }

    /// The certificate a request is encrypted to, and why it was chosen.
    pub fn recipient(&self) -> (&Certificate, &'static str) {
        let ras = self.ras();
        let explicit = ras
            .iter()
            .find(|c| key_usage(c).is_some_and(|ku| ku.0.contains(KeyUsages::KeyEncipherment)));
        if let Some(ra) = explicit {
            return (ra, "RA certificate with keyEncipherment");
        }
        if let Some(ra) = ras.iter().find(|c| key_usage(c).is_none()) {
            return (ra, "RA certificate without key usage restrictions");
        }
        if !ras.is_empty() {
            return (self.ca(), "CA (no RA certificate allows keyEncipherment)");
        }
        (self.ca(), "CA (the server has no RA certificate)")
    }

    /// Certificates that may sign replies: RAs that allow digitalSignature, then the CA.
    pub fn signers(&self) -> Vec<&Certificate> {
        let mut out: Vec<&Certificate> = self
            .ras()
            .into_iter()
            .filter(|c| allows(c, KeyUsages::DigitalSignature))
            .collect();
        out.push(self.ca());
        out
    }

    /// The CA and its issuers found in the reply, from the CA upward.
    pub fn chain(&self) -> Vec<&Certificate> {
        let mut chain = vec![self.ca()];
        while chain.len() < self.certs.len() {
            let current = chain[chain.len() - 1];
            if self_issued(current) {
                break;
            }
            let next = self.certs.iter().find(|c| {
                c.tbs_certificate().subject() == current.tbs_certificate().issuer()
                    && !chain.contains(c)
            });
            match next {
                Some(next) => chain.push(next),
                None => break,
            }
        }
        chain
    }

    /// Check the certificates against a pinned SHA-256 fingerprint (already normalized by
    /// [`crate::pki::cert::parse_fingerprint`]): the pin must name the CA or one of its issuers,
    /// the chain from the CA up to it must verify, and every RA must be issued by the CA.
    pub fn check_pin(&self, pin: &str) -> Result<()> {
        let chain = self.chain();
        let Some(pos) = chain.iter().position(|c| matches_fingerprint(c, pin)) else {
            if self.ras().iter().any(|c| matches_fingerprint(c, pin)) {
                return Err(Error::Untrusted(
                    "the pinned fingerprint is an RA certificate's; pin the CA certificate instead"
                        .into(),
                ));
            }
            return Err(Error::PinMismatch {
                subject: name_to_string(self.ca().tbs_certificate().subject()),
                server_sha256: crate::pki::cert::fingerprint(
                    self.ca(),
                    crate::pki::digest::Digest::Sha256,
                ),
                // The pin in the same notation, so that a person can compare the two.
                pinned: pin
                    .as_bytes()
                    .chunks(2)
                    .map(|pair| String::from_utf8_lossy(pair))
                    .collect::<Vec<_>>()
                    .join(":"),
            });
        };
        for pair in chain[..=pos].windows(2) {
            verify_issued_by(pair[0], pair[1])?;
        }
        for ra in self.ras() {
            verify_issued_by(ra, self.ca())?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pki::cert::{
        NameAttr, Template, basic_constraints, build_name, extension, fingerprint, issue,
        random_serial, self_signed,
    };
    use crate::pki::digest::Digest;
    use crate::pki::key::PrivateKey;
    use der::Encode;
    use x509_cert::ext::pkix::KeyUsage;

    fn issue_ra(ca_key: &PrivateKey, ca: &Certificate, cn: &str, usage: KeyUsages) -> Certificate {
        issue_with(ca_key, ca, cn, false, KeyUsage(usage.into()))
    }

    fn issue_with(
        ca_key: &PrivateKey,
        ca: &Certificate,
        cn: &str,
        ca_flag: bool,
        usage: KeyUsage,
    ) -> Certificate {
        let key = PrivateKey::generate_rsa(2048).unwrap();
        let template = Template {
            subject: build_name(&[(NameAttr::CommonName, cn.into())]).unwrap(),
            public_key: key.public_key_info().unwrap(),
            serial: random_serial().unwrap(),
            validity: std::time::Duration::from_secs(3600),
            starts: None,
            extensions: vec![
                basic_constraints(ca_flag).unwrap(),
                extension(const_oid::db::rfc5280::ID_CE_KEY_USAGE, true, &usage).unwrap(),
            ],
        };
        issue(
            template,
            ca.tbs_certificate().subject(),
            ca_key,
            Digest::Sha256,
        )
        .unwrap()
    }

    #[test]
    fn ndes_style_two_ras() {
        let ca_key = PrivateKey::generate_rsa(2048).unwrap();
        let ca = self_signed(
            &ca_key,
            &build_name(&[(NameAttr::CommonName, "Root".into())]).unwrap(),
            Digest::Sha256,
        )
        .unwrap();
        let sign_ra = issue_ra(&ca_key, &ca, "RA sign", KeyUsages::DigitalSignature);
        let enc_ra = issue_ra(&ca_key, &ca, "RA enc", KeyUsages::KeyEncipherment);
        let set = CaCerts::from_certs(vec![sign_ra.clone(), ca.clone(), enc_ra.clone()]).unwrap();
        assert_eq!(set.ca(), &ca);
        assert_eq!(set.ras().len(), 2);
        assert_eq!(set.recipient().0, &enc_ra);
        assert_eq!(set.signers(), vec![&sign_ra, &ca]);
        assert_eq!(set.chain(), vec![&ca]);
        let pin = fingerprint(&ca, Digest::Sha256).replace(':', "");
        set.check_pin(&pin).unwrap();
        let wrong = "00".repeat(32);
        let err = set.check_pin(&wrong).unwrap_err();
        assert_eq!(err.exit_code(), 7);
        assert!(err.to_string().contains("fingerprint mismatch"), "{err}");
        let ra_pin = fingerprint(&enc_ra, Digest::Sha256).replace(':', "");
        assert!(
            set.check_pin(&ra_pin)
                .unwrap_err()
                .to_string()
                .contains("RA")
        );
    }

    fn root(cn: &str) -> (PrivateKey, Certificate) {
        let key = PrivateKey::generate_rsa(2048).unwrap();
        let name = build_name(&[(NameAttr::CommonName, cn.into())]).unwrap();
        let template = Template {
            subject: name.clone(),
            public_key: key.public_key_info().unwrap(),
            serial: random_serial().unwrap(),
            validity: std::time::Duration::from_secs(3600),
            starts: None,
            extensions: vec![
                basic_constraints(true).unwrap(),
                extension(
                    const_oid::db::rfc5280::ID_CE_KEY_USAGE,
                    true,
                    &KeyUsage(
                        KeyUsages::KeyCertSign | KeyUsages::CRLSign | KeyUsages::KeyEncipherment,
                    ),
                )
                .unwrap(),
            ],
        };
        let cert = issue(template, &name, &key, Digest::Sha256).unwrap();
        (key, cert)
    }

    #[test]
    fn the_ca_is_the_certificate_that_can_issue_not_one_that_says_ca() {
        // An RA certificate with cA=TRUE but no keyCertSign, named like a CA, sent first.
        let (root_key, root) = root("Example Root");
        let ra = issue_with(
            &root_key,
            &root,
            "Example Issuing CA",
            true,
            KeyUsage(KeyUsages::DigitalSignature | KeyUsages::KeyEncipherment),
        );
        let set = CaCerts::from_certs(vec![ra.clone(), root.clone()]).unwrap();
        assert_eq!(set.ca(), &root);
        assert_eq!(set.ras(), vec![&ra]);
        assert_eq!(set.recipient().0, &ra);
        assert_eq!(set.all(), [ra.clone(), root.clone()], "the server's order");
        // Below an intermediate: the RA's issuer is the CA, whatever the order.
        let inter_key = PrivateKey::generate_rsa(2048).unwrap();
        let inter = issue(
            Template {
                subject: build_name(&[(NameAttr::CommonName, "Example Sub CA".into())]).unwrap(),
                public_key: inter_key.public_key_info().unwrap(),
                serial: random_serial().unwrap(),
                validity: std::time::Duration::from_secs(3600),
                starts: None,
                extensions: vec![basic_constraints(true).unwrap()],
            },
            root.tbs_certificate().subject(),
            &root_key,
            Digest::Sha256,
        )
        .unwrap();
        let sign_ra = issue_ra(&inter_key, &inter, "RA sign", KeyUsages::DigitalSignature);
        let enc_ra = issue_ra(&inter_key, &inter, "RA enc", KeyUsages::KeyEncipherment);
        for order in [
            vec![&enc_ra, &root, &sign_ra, &inter],
            vec![&root, &inter, &sign_ra, &enc_ra],
        ] {
            let set = CaCerts::from_certs(order.into_iter().cloned().collect()).unwrap();
            assert_eq!(set.ca(), &inter);
            assert_eq!(set.recipient().0, &enc_ra);
            assert_eq!(set.signers(), vec![&sign_ra, &inter]);
            assert_eq!(set.chain(), vec![&inter, &root]);
        }
        // A CA that may also encrypt, alone: it is the CA and the recipient.
        let set = CaCerts::from_certs(vec![root.clone()]).unwrap();
        assert_eq!(
            set.recipient(),
            (&root, "CA (the server has no RA certificate)")
        );
    }

    #[test]
    fn lone_ca_is_recipient_even_without_key_encipherment() {
        let ca_key = PrivateKey::generate_rsa(2048).unwrap();
        let ca = self_signed(
            &ca_key,
            &build_name(&[(NameAttr::CommonName, "Root".into())]).unwrap(),
            Digest::Sha256,
        )
        .unwrap();
        let set =
            CaCerts::from_reply(Some("application/x-x509-ca-cert"), &ca.to_der().unwrap()).unwrap();
        assert_eq!(set.recipient().0, &ca);
        assert!(set.ras().is_empty());
        assert!(CaCerts::from_reply(Some("application/x-x509-ca-cert"), b"").is_err());
        assert!(matches!(
            CaCerts::from_reply(Some("application/x-x509-ca-cert"), b"garbage"),
            Err(Error::Untrusted(_))
        ));
    }
}
