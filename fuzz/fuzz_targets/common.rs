// Shared by the targets, each of which uses part of it.
#![allow(dead_code)]

//! A client's side of one SCEP transaction, made once: the CA (its key and certificate) and
//! our key and certificate.

use std::sync::OnceLock;

use certenroll::pki::Certificate;
use certenroll::pki::cert;
use certenroll::pki::digest::Digest;
use certenroll::pki::key::{KeyKind, PrivateKey};
use certenroll::scep::pkimessage::Transaction;

pub struct Side {
    pub ca_key: PrivateKey,
    pub ca: Certificate,
    pub key: PrivateKey,
    pub cert: Certificate,
    pub transaction: Transaction,
}

pub fn side() -> &'static Side {
    static SIDE: OnceLock<Side> = OnceLock::new();
    SIDE.get_or_init(|| {
        let name = |cn: &str| cert::build_name(&[(cert::NameAttr::CommonName, cn.into())]).unwrap();
        let ca_key = PrivateKey::generate(KeyKind::Rsa(2048)).unwrap();
        let ca = cert::self_signed(&ca_key, &name("fuzz CA"), Digest::Sha256).unwrap();
        let key = PrivateKey::generate(KeyKind::Rsa(2048)).unwrap();
        let cert = cert::self_signed(&key, &name("fuzz device"), Digest::Sha256).unwrap();
        Side {
            ca_key,
            ca,
            key,
            cert,
            transaction: Transaction {
                id: "FUZZ".into(),
                sender_nonce: [7; 16],
            },
        }
    })
}
