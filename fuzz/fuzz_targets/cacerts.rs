//! A GetCACert reply: which certificate is the CA, which are RAs, which one to encrypt to.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    for media in [
        Some(certenroll::scep::CA_CERT),
        Some(certenroll::scep::CA_RA_CERT),
        None,
    ] {
        if let Ok(set) = certenroll::pki::cacerts::CaCerts::from_reply(media, data) {
            let _ = set.recipient();
            let _ = set.signers();
            let _ = set.chain();
        }
    }
});
