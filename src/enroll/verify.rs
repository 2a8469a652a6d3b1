//! One check for both protocols: the certificate a CA issued is for our key and was signed by
//! the CA (or a CA of its chain). SCEP replies and EST replies are checked here alike.

use crate::pki::Certificate;
use spki::SubjectPublicKeyInfoOwned;

use crate::pki::cacerts::CaCerts;
use crate::pki::cert;
use crate::{Error, Result};

/// How the reply reached us, which decides what an issuer signature certenroll cannot check
/// (an algorithm it does not implement) means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Channel {
    /// Over a TLS connection to the authenticated server (EST): such a signature is noted
    /// and accepted, the server having been authenticated.
    Authenticated,
    /// In a signed message over any connection (SCEP): the issuer's signature must verify.
    Unauthenticated,
}

/// The issued certificate among `certs`: the one for the key `spki`, issued by one of the
/// CA's certificates (found by name, its signature checked).
pub fn issued_for(
    certs: &[Certificate],
    spki: &SubjectPublicKeyInfoOwned,
    ca: &CaCerts,
    channel: Channel,
) -> Result<Certificate> {
    let leaf = certs
        .iter()
        .find(|c| cert::has_public_key(c, spki))
        .ok_or_else(|| {
            Error::Untrusted("the CA returned a certificate that is not for our key".into())
        })?;
    let issuer = leaf.tbs_certificate().issuer();
    // The CA certificates whose name is the issuer's first; then the others, for a CA that
    // encodes the same name differently in its own certificate (RFC 5280 7.1).
    let (named, others): (Vec<&Certificate>, Vec<&Certificate>) = ca
        .all()
        .iter()
        .partition(|c| c.tbs_certificate().subject() == issuer);
    let mut first_error = None;
    for candidate in named.iter().chain(others.iter()) {
        match cert::verify_issued_by(leaf, candidate) {
            Ok(()) => return Ok(leaf.clone()),
            Err(Error::NotSupported(why)) if channel == Channel::Authenticated => {
                tracing::info!(
                    "issuer signature not checked: {why} (the TLS server is authenticated)"
                );
                return Ok(leaf.clone());
            }
            Err(err) => {
                first_error.get_or_insert(err);
            }
        }
    }
    Err(match first_error {
        Some(err) if !named.is_empty() => err,
        _ => Error::Untrusted(format!(
            "the certificate was issued by '{}', which is not among the CA certificates",
            cert::name_to_string(issuer)
        )),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pki::cert::test_cert;
    use crate::pki::key::PrivateKey;

    fn ca(cn: &str) -> (PrivateKey, Certificate) {
        let key = PrivateKey::generate_rsa(2048).unwrap();
        let cert = test_cert(&key, cn, true, None);
        (key, cert)
    }

    fn leaf(for_key: &PrivateKey, issuer: &Certificate, issuer_key: &PrivateKey) -> Certificate {
        let issuer_name = issuer.tbs_certificate().subject();
        test_cert(for_key, "device", false, Some((issuer_name, issuer_key)))
    }

    #[test]
    fn only_a_certificate_for_our_key_signed_by_the_ca_is_taken() {
        let (ca_key, ca_cert) = ca("CA");
        let (other_key, other_ca) = ca("Other CA");
        let ours = PrivateKey::generate_rsa(2048).unwrap();
        let spki = ours.public_key_info().unwrap();
        let set = CaCerts::from_certs(vec![ca_cert.clone()]).unwrap();
        let good = leaf(&ours, &ca_cert, &ca_key);
        for channel in [Channel::Authenticated, Channel::Unauthenticated] {
            // Found among others, in any order.
            let someone = leaf(&other_key, &ca_cert, &ca_key);
            let found = issued_for(&[someone, good.clone()], &spki, &set, channel).unwrap();
            assert_eq!(found, good);
            // Not for our key.
            let err = issued_for(&[leaf(&other_key, &ca_cert, &ca_key)], &spki, &set, channel)
                .unwrap_err();
            assert!(err.to_string().contains("not for our key"), "{err}");
            // Issued by a CA that is not the server's.
            let err = issued_for(&[leaf(&ours, &other_ca, &other_key)], &spki, &set, channel)
                .unwrap_err();
            assert!(err.to_string().contains("'CN=Other CA'"), "{err}");
            // The CA's name, another key's signature.
            let forged = leaf(&ours, &ca_cert, &other_key);
            let err = issued_for(&[forged], &spki, &set, channel).unwrap_err();
            assert_eq!(err.exit_code(), 7, "{err}");
        }
    }
}
