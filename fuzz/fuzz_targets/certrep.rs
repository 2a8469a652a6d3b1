//! A CertRep as a server sends it: parsed, its signature checked against the CA.
#![no_main]
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let side = common::side();
    let _ = certenroll::scep::certrep::process(
        data,
        &certenroll::scep::certrep::Expected {
            transaction: &side.transaction,
            signers: vec![&side.ca],
            key: &side.key,
            our_cert: &side.cert,
        },
    );
});
