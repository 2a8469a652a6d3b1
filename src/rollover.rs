//! CA rollover: the successor a CA announces before its key changes (SCEP GetNextCACert,
//! RFC 8894 section 3.5.2 and 4.7, a SignedData signed by the current CA; EST's NewWithNew
//! root in /cacerts, RFC 7030 4.1.3, vouched for by NewWithOld), kept after the current CA in
//! the chain file, and trusted in place of a pinned CA only when that CA announced it.

use std::path::Path;

use crate::pki::cacerts::CaCerts;
use crate::pki::cert::{self, fingerprint, matches_fingerprint, name_to_string};
use crate::pki::digest::Digest;
use crate::pki::{Certificate, signed};
use crate::{Error, Result};

/// The media type of a GetNextCACert reply.
pub const NEXT_CA_CERT: &str = "application/x-x509-next-ca-cert";

/// A successor CA, verified as announced by the current one.
#[derive(Debug, Clone)]
pub struct NextCa {
    /// Its certificate.
    pub cert: Certificate,
    /// Its SHA-256 fingerprint (colon hex), the pin to move to.
    sha256: String,
}

impl NextCa {
    /// `cert`, as the next CA.
    pub fn new(cert: Certificate) -> Self {
        let sha256 = fingerprint(&cert, Digest::Sha256);
        NextCa { cert, sha256 }
    }

    /// When it takes over (its notBefore, Unix seconds).
    pub fn starts(&self) -> u64 {
        self.cert
            .tbs_certificate()
            .validity()
            .not_before
            .to_unix_duration()
            .as_secs()
    }

    /// Its SHA-256 fingerprint (colon hex), the pin to move to.
    pub fn sha256(&self) -> &str {
        &self.sha256
    }

    /// "'CN=...' from 2027-01-01T00:00:00Z (SHA-256 AB:CD:...)".
    pub fn describe(&self) -> String {
        format!(
            "'{}' from {} (SHA-256 {})",
            name_to_string(self.cert.tbs_certificate().subject()),
            crate::clock::rfc3339(self.starts()),
            self.sha256()
        )
    }
}

/// The next CA in a GetNextCACert reply: it must be signed by the current CA (or its RA
/// signer) and carry a CA certificate that is not one of the current ones.
pub fn from_get_next_ca_cert(body: &[u8], current: &CaCerts) -> Result<NextCa> {
    let verified = signed::verify(body, &current.signers()).map_err(|e| match e {
        Error::Untrusted(why) => Error::Untrusted(format!("the GetNextCACert reply: {why}")),
        other => other,
    })?;
    tracing::debug!(
        signer = %name_to_string(verified.signer.tbs_certificate().subject()),
        "GetNextCACert signed by the current CA"
    );
    let carried = signed::certificates_only(body)?;
    let new: Vec<Certificate> = carried
        .into_iter()
        .filter(|c| !current.all().contains(c) && cert::is_ca(c))
        .collect();
    // A new root comes with its link certificate (its key, certified by the current CA):
    // the successor is the self-signed one, else the only one.
    let self_signed = |c: &&Certificate| cert::verify_issued_by(c, c).is_ok();
    new.iter()
        .find(self_signed)
        .or(new.first())
        .cloned()
        .map(NextCa::new)
        .ok_or_else(|| {
            Error::Untrusted("the GetNextCACert reply carries no new CA certificate".into())
        })
}

/// The next root in an EST /cacerts reply during a rollover: NewWithNew, when NewWithOld
/// (its key, certified by the current root) is there too.
pub fn from_est(set: &CaCerts) -> Option<NextCa> {
    use crate::est::rollover::{Role, roles};
    let roles = roles(set);
    if !roles.contains(&Role::NewWithOld) {
        return None;
    }
    set.all()
        .iter()
        .zip(roles)
        .find(|(_, role)| *role == Role::NewWithNew)
        .map(|(cert, _)| NextCa::new(cert.clone()))
}

/// The CA pinned by `pin` as the chain file at `path` holds it, and the other CA
/// certificates of the file, which certenroll wrote there after checking them against the
/// pin: the successor the pinned CA announced (kept after it by an earlier renewal), or,
/// after a rollover, the new CA (kept before it, until the pin is moved). None when the file
/// does not hold the pinned CA.
pub fn in_chain_file(path: &Path, pin: &str) -> Option<(Certificate, Vec<NextCa>)> {
    let pin = cert::parse_fingerprint(pin).ok()?;
    let certs = cert::read_certificates(path, "reading chain").ok()?;
    let pinned = certs.iter().find(|c| matches_fingerprint(c, &pin))?.clone();
    let others = certs
        .into_iter()
        .filter(|c| {
            cert::is_ca(c)
                && c.tbs_certificate().subject_public_key_info()
                    != pinned.tbs_certificate().subject_public_key_info()
        })
        .map(NextCa::new)
        .collect();
    Some((pinned, others))
}

/// Connect with `connect` to a CA pinned by `pin`; when the server's CA is instead one of
/// the `successors` the pinned CA vouched for, connect again trusting it, and say how to move
/// the pin. Whether a successor was trusted.
pub fn connect_across<'p, T>(
    connect: impl Fn(Option<&'p str>) -> Result<T>,
    pin: Option<&'p str>,
    successors: &'p [NextCa],
    warn: impl FnOnce(&str),
) -> Result<(T, bool)> {
    match connect(pin) {
        Err(Error::PinMismatch { server_sha256, .. })
            if successors.iter().any(|n| n.sha256() == server_sha256) =>
        {
            let next = successors
                .iter()
                .find(|n| n.sha256() == server_sha256)
                .expect("checked above");
            warn(&format!(
                "the CA rolled over to {}, which the pinned CA announced: trusted for this run; move the pin: fingerprint = \"{}\" in the profile (or --fingerprint {})",
                next.describe(),
                next.sha256().replace(':', ""),
                next.sha256().replace(':', "")
            ));
            connect(Some(next.sha256())).map(|t| (t, true))
        }
        other => other.map(|t| (t, false)),
    }
}

/// Keep `cert` (a successor, or the CA that announced the current one) at the end of the
/// (PEM) chain file at `path`, written atomically, unless it is there already. Whether it
/// was added.
pub fn keep_in_chain_file(path: &Path, cert: &Certificate) -> Result<bool> {
    let bytes = std::fs::read(path).map_err(|e| Error::local("reading chain", path, e))?;
    if bytes.first() == Some(&0x30) {
        return Err(Error::NotSupported(format!(
            "{} is DER, which holds one certificate: another CA is kept in PEM chain files only",
            path.display()
        )));
    }
    let mut certs = cert::parse_certificates(&bytes)?;
    if certs.contains(cert) {
        return Ok(false);
    }
    certs.push(cert.clone());
    let pem = cert::to_pem(&certs.iter().collect::<Vec<_>>())?;
    crate::store::write_atomic(
        path,
        pem.as_bytes(),
        crate::store::CERT_MODE,
        "writing chain",
    )?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lab::LabCa;
    use crate::pki::key::PrivateKey;

    #[test]
    fn a_get_next_ca_cert_reply_is_believed_only_from_the_current_ca() {
        let current = LabCa::new(false, "current", &[]).unwrap().ca;
        let next = LabCa::new(false, "next", &[]).unwrap().ca.cert;
        let set = CaCerts::from_certs(vec![current.cert.clone()]).unwrap();
        let reply = |key: &PrivateKey, signer: &Certificate, carried: &[&Certificate]| {
            signed::sign(None, Vec::new(), key, signer, Digest::Sha256, carried).unwrap()
        };
        let good =
            from_get_next_ca_cert(&reply(&current.key, &current.cert, &[&next]), &set).unwrap();
        assert_eq!(good.cert, next);
        // Signed by another CA of the same name: refused.
        let other = LabCa::new(false, "current", &[]).unwrap().ca;
        let forged = from_get_next_ca_cert(&reply(&other.key, &other.cert, &[&next]), &set);
        assert!(matches!(forged, Err(Error::Untrusted(_))), "{forged:?}");
        // Nothing new in it: refused too.
        let empty = from_get_next_ca_cert(&reply(&current.key, &current.cert, &[]), &set);
        assert!(matches!(empty, Err(Error::Untrusted(_))), "{empty:?}");
    }
}
