//! OCSP responses and CRLs as a responder or a distribution point sends them: decoded and
//! checked against a certificate and its CA, never a panic, and never "good" from bytes the
//! CA did not sign.
#![no_main]
use der::Decode;
use libfuzzer_sys::fuzz_target;

use certenroll::pki::CertificateList;
use certenroll::pki::ocsp::{Expect, verify};

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let side = common::side();
    let expect = Expect {
        cert: &side.cert,
        issuer: &side.ca,
        nonce: Some(&[1, 2, 3]),
        now: 1_800_000_000,
        skew: std::time::Duration::from_secs(300),
    };
    assert!(verify(data, &expect).is_err(), "unsigned bytes were believed");
    if let Ok(crl) = CertificateList::from_der(data) {
        let checked = certenroll::revocation::verify_crl(
            &crl,
            &side.cert,
            &side.ca,
            1_800_000_000,
            std::time::Duration::from_secs(300),
        );
        assert!(checked.is_err(), "an unsigned CRL was believed");
    }
});
