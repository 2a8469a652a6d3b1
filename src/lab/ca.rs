//! The lab's throwaway CA, and optionally NDES-style RA certificates: one that signs replies
//! (digitalSignature) and one that requests are encrypted to (keyEncipherment).

use std::time::Duration;

use crate::pki::{Certificate, SerialNumber};
use const_oid::db::rfc5280;
use x509_cert::ext::pkix::{KeyUsage, KeyUsages};
use x509_cert::name::Name;

use super::options::Quirk;
use crate::Result;
use crate::pki::cacerts::MS_CERTIFICATE_TEMPLATE_NAME;
use crate::pki::cert::{
    NameAttr, Template, basic_constraints, build_name, extension, issue, random_serial,
    serial_from_bytes,
};
use crate::pki::digest::Digest;
use crate::pki::key::PrivateKey;

/// Validity of the lab CA and RA certificates.
pub const LAB_CA_VALIDITY: Duration = Duration::from_secs(10 * 365 * 24 * 3600);

/// A key with its certificate.
pub struct KeyPair {
    /// The private key.
    pub key: PrivateKey,
    /// Its certificate.
    pub cert: Certificate,
}

/// The lab CA.
pub struct LabCa {
    /// The CA.
    pub ca: KeyPair,
    /// RA that signs replies, when the lab runs with RA certificates.
    pub ra_sign: Option<KeyPair>,
    /// RA that requests are encrypted to.
    pub ra_encrypt: Option<KeyPair>,
    /// During a root key rollover (`--quirk est-rollover`): OldWithNew, NewWithOld and
    /// NewWithNew (RFC 7030 4.1.3), the CA being OldWithOld.
    pub rollover: Vec<Certificate>,
    /// The next root's key, during a rollover.
    pub next_key: Option<PrivateKey>,
    /// Earlier CA certificates of this CA (before a rollover): what they issued still
    /// counts as issued here, for renewals.
    pub previous: Vec<Certificate>,
}

/// A root CA's template: `subject` for `public_key`, valid from `starts` (None: now).
fn root_template(
    subject: &Name,
    public_key: spki::SubjectPublicKeyInfoOwned,
    quirks: &[Quirk],
    starts: Option<std::time::SystemTime>,
) -> Result<Template> {
    Ok(Template {
        subject: subject.clone(),
        public_key,
        serial: lab_serial(quirks.contains(&Quirk::LongSerials), &[])?,
        validity: LAB_CA_VALIDITY,
        starts,
        extensions: vec![
            basic_constraints(true)?,
            extension(
                rfc5280::ID_CE_KEY_USAGE,
                true,
                &KeyUsage(
                    KeyUsages::KeyCertSign | KeyUsages::CRLSign | KeyUsages::DigitalSignature,
                ),
            )?,
        ],
    })
}

/// The certificates of a root key rollover from `old` (RFC 7030 4.1.3): OldWithNew,
/// NewWithOld and NewWithNew, the new root starting a day after the old one.
fn rollover(old: &KeyPair, quirks: &[Quirk]) -> Result<(Vec<Certificate>, PrivateKey)> {
    let subject = old.cert.tbs_certificate().subject();
    let new_key = PrivateKey::generate_rsa(2048)?;
    let later = Some(std::time::SystemTime::now() + std::time::Duration::from_secs(86_400));
    let old_public = old.key.public_key_info()?;
    let new_public = new_key.public_key_info()?;
    let sign = |public, key: &PrivateKey, starts| -> Result<Certificate> {
        issue(
            root_template(subject, public, quirks, starts)?,
            subject,
            key,
            Digest::Sha256,
        )
    };
    let certs = vec![
        sign(old_public, &new_key, later)?,
        sign(new_public.clone(), &old.key, later)?,
        sign(new_public, &new_key, later)?,
    ];
    Ok((certs, new_key))
}

/// A serial number for a lab certificate: random, 16 octets or, with `long`, 32 (the first
/// octets of a long one are `tail`, so that the lab can number what it issues).
pub(super) fn lab_serial(long: bool, tail: &[u8]) -> Result<SerialNumber> {
    if !long {
        return random_serial();
    }
    let mut bytes = crate::pki::random_bytes::<32>()?;
    bytes[0] = 0x7f;
    let n = tail.len().min(31);
    bytes[32 - n..].copy_from_slice(&tail[tail.len() - n..]);
    serial_from_bytes(&bytes)
}

fn ra(ca: &KeyPair, cn: &str, usage: KeyUsages, quirks: &[Quirk]) -> Result<KeyPair> {
    let key = PrivateKey::generate_rsa(2048)?;
    // An expired RA: valid for a day, two days ago.
    let (validity, starts) = if quirks.contains(&Quirk::ExpiredRa) {
        let day = std::time::Duration::from_secs(86_400);
        (day, Some(std::time::SystemTime::now() - 2 * day))
    } else {
        (LAB_CA_VALIDITY, None)
    };
    let template = Template {
        subject: build_name(&[
            (NameAttr::Organization, "certenroll lab".into()),
            (NameAttr::CommonName, cn.into()),
        ])?,
        public_key: key.public_key_info()?,
        serial: lab_serial(quirks.contains(&Quirk::LongSerials), &[])?,
        validity,
        starts,
        extensions: {
            let mut extensions = vec![
                basic_constraints(quirks.contains(&Quirk::RaCaFlag))?,
                extension(rfc5280::ID_CE_KEY_USAGE, true, &KeyUsage(usage.into()))?,
            ];
            if quirks.contains(&Quirk::Ndes) {
                // NDES's RA certificates come from these two Microsoft templates.
                let template = if usage == KeyUsages::KeyEncipherment {
                    "CEPEncryption"
                } else {
                    "EnrollmentAgentOffline"
                };
                let name = der::asn1::BmpString::from_utf8(template)
                    .map_err(|e| crate::Error::Crypto(e.to_string()))?;
                extensions.push(extension(MS_CERTIFICATE_TEMPLATE_NAME, false, &name)?);
            }
            extensions
        },
    };
    ca.issue(key, template)
}

impl KeyPair {
    /// `key`'s certificate from `template`, issued by this CA, with the pair.
    pub fn issue(&self, key: PrivateKey, template: Template) -> Result<KeyPair> {
        let cert = issue(
            template,
            self.cert.tbs_certificate().subject(),
            &self.key,
            Digest::Sha256,
        )?;
        Ok(KeyPair { key, cert })
    }
}

impl LabCa {
    /// A new CA named `common_name` (O=certenroll lab), with RA certificates when `with_ra`,
    /// and as `quirks` say (serial numbers, RA certificates that look like a CA or expired;
    /// the last two imply RA certificates).
    pub fn new(with_ra: bool, common_name: &str, quirks: &[Quirk]) -> Result<Self> {
        let key = PrivateKey::generate_rsa(2048)?;
        let subject: Name = build_name(&[
            (NameAttr::Organization, "certenroll lab".into()),
            (NameAttr::CommonName, common_name.into()),
        ])?;
        let template = root_template(&subject, key.public_key_info()?, quirks, None)?;
        let cert = issue(template, &subject, &key, Digest::Sha256)?;
        Self::with_ca(KeyPair { key, cert }, with_ra, quirks)
    }

    /// A lab around the CA `ca` (`lab serve --ca-cert --ca-key`: a CA kept from an earlier
    /// run, such as the successor another lab announced), with RA certificates and as
    /// `quirks` say.
    pub fn with_ca(ca: KeyPair, with_ra: bool, quirks: &[Quirk]) -> Result<Self> {
        let with_ra = with_ra
            || [Quirk::RaCaFlag, Quirk::ExpiredRa, Quirk::Ndes]
                .iter()
                .any(|q| quirks.contains(q));
        let (ra_sign, ra_encrypt) = if with_ra {
            (
                Some(ra(
                    &ca,
                    "certenroll lab RA (signature)",
                    KeyUsages::DigitalSignature,
                    quirks,
                )?),
                Some(ra(
                    &ca,
                    "certenroll lab RA (encryption)",
                    KeyUsages::KeyEncipherment,
                    quirks,
                )?),
            )
        } else {
            (None, None)
        };
        let (rollover, next_key) = if quirks.contains(&Quirk::EstRollover) {
            let (certs, key) = rollover(&ca, quirks)?;
            (certs, Some(key))
        } else {
            (Vec::new(), None)
        };
        Ok(LabCa {
            ca,
            ra_sign,
            ra_encrypt,
            rollover,
            next_key,
            previous: Vec::new(),
        })
    }

    /// Whether `cert` was issued by this CA, now or with an earlier key.
    pub fn issued(&self, cert: &Certificate) -> bool {
        std::iter::once(&self.ca.cert)
            .chain(&self.previous)
            .any(|ca| crate::pki::cert::verify_issued_by(cert, ca).is_ok())
    }

    /// The CA announcing a successor (a new root key valid from tomorrow), as during a
    /// rollover: EST's /cacerts carries the rollover certificates, SCEP's GetNextCACert the
    /// next root.
    pub fn with_next_ca(mut self, quirks: &[Quirk]) -> Result<Self> {
        if self.rollover.is_empty() {
            let (certs, key) = rollover(&self.ca, quirks)?;
            self.rollover = certs;
            self.next_key = Some(key);
        }
        Ok(self)
    }

    /// The next root with its key, as a lab that runs after the rollover takes it.
    pub fn next_pair(&self) -> Option<KeyPair> {
        let (cert, _) = self.next_ca()?;
        Some(KeyPair {
            key: self.next_key.clone()?,
            cert: cert.clone(),
        })
    }

    /// The next root and the link certificate that vouches for it (NewWithNew,
    /// NewWithOld), when the CA announces one.
    pub fn next_ca(&self) -> Option<(&Certificate, &Certificate)> {
        match self.rollover.as_slice() {
            [_old_with_new, new_with_old, new_with_new] => Some((new_with_new, new_with_old)),
            _ => None,
        }
    }

    /// Who signs replies.
    pub fn signer(&self) -> &KeyPair {
        self.ra_sign.as_ref().unwrap_or(&self.ca)
    }

    /// Who requests are encrypted to.
    pub fn decrypter(&self) -> &KeyPair {
        self.ra_encrypt.as_ref().unwrap_or(&self.ca)
    }

    /// What EST's /cacerts answers: the CA and, during a rollover, the three others.
    pub fn est_certificates(&self) -> Vec<&Certificate> {
        std::iter::once(&self.ca.cert)
            .chain(self.rollover.iter())
            .collect()
    }

    /// Every certificate GetCACert hands out: the CA, then the RAs.
    pub fn certificates(&self) -> Vec<&Certificate> {
        let mut out = vec![&self.ca.cert];
        out.extend(self.ra_sign.iter().map(|p| &p.cert));
        out.extend(self.ra_encrypt.iter().map(|p| &p.cert));
        out
    }
}
