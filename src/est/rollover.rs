//! The roles of the certificates of an EST /cacerts reply (RFC 7030 4.1.3): the CA and the
//! certificates above it, and during a root key rollover the four a server sends:
//! OldWithOld (the current root), OldWithNew (its key under the new one), NewWithOld (the
//! new key under the current one) and NewWithNew (the next root). EST has no RA: none of
//! these is one.

use crate::pki::Certificate;
use crate::pki::cacerts::CaCerts;
use crate::pki::cert::verify_issued_by;

/// What a certificate of /cacerts is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// The CA that issues certificates.
    Ca,
    /// A CA above it.
    Issuer,
    /// The current root, during a rollover.
    OldWithOld,
    /// The current root's key, certified by the next root.
    OldWithNew,
    /// The next root's key, certified by the current root.
    NewWithOld,
    /// The next root.
    NewWithNew,
    /// Anything else the server sent.
    Other,
}

impl Role {
    /// For people.
    pub fn name(self) -> &'static str {
        match self {
            Role::Ca => "CA",
            Role::Issuer => "issuer of the CA",
            Role::OldWithOld => "OldWithOld: the current root",
            Role::OldWithNew => "OldWithNew: the current root's key, certified by the next root",
            Role::NewWithOld => "NewWithOld: the next root's key, certified by the current root",
            Role::NewWithNew => "NewWithNew: the next root",
            Role::Other => "other",
        }
    }
}

fn self_signed(cert: &Certificate) -> bool {
    let tbs = cert.tbs_certificate();
    tbs.subject() == tbs.issuer() && verify_issued_by(cert, cert).is_ok()
}

fn same_key(a: &Certificate, b: &Certificate) -> bool {
    a.tbs_certificate().subject_public_key_info() == b.tbs_certificate().subject_public_key_info()
}

/// The current and the next root, when the reply holds two self-signed roots of the same
/// name with different keys (the next one starts later).
fn roots(certs: &[Certificate]) -> Option<(&Certificate, &Certificate)> {
    let selfs: Vec<&Certificate> = certs.iter().filter(|c| self_signed(c)).collect();
    selfs.iter().enumerate().find_map(|(i, a)| {
        selfs[i + 1..].iter().find_map(|b| {
            let same_name = a.tbs_certificate().subject() == b.tbs_certificate().subject();
            if !same_name || same_key(a, b) {
                return None;
            }
            let starts =
                |c: &Certificate| c.tbs_certificate().validity().not_before.to_unix_duration();
            Some(if starts(a) <= starts(b) {
                (*a, *b)
            } else {
                (*b, *a)
            })
        })
    })
}

/// The role of each certificate of `set`, in the order the server sent them.
pub fn roles(set: &CaCerts) -> Vec<Role> {
    let certs = set.all();
    let rollover = roots(certs);
    let chain = set.chain();
    certs
        .iter()
        .map(|c| {
            if let Some((old, new)) = rollover {
                if c == old {
                    return Role::OldWithOld;
                }
                if c == new {
                    return Role::NewWithNew;
                }
                if same_key(c, old) && verify_issued_by(c, new).is_ok() {
                    return Role::OldWithNew;
                }
                if same_key(c, new) && verify_issued_by(c, old).is_ok() {
                    return Role::NewWithOld;
                }
            }
            if c == set.ca() {
                Role::Ca
            } else if chain.contains(&c) {
                Role::Issuer
            } else {
                Role::Other
            }
        })
        .collect()
}
