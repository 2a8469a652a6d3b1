//! Certificates in any form a server or a file gives them: PEM, DER, PKCS#7 certs-only.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(certs) = certenroll::pki::cert::parse_certificates(data) {
        for cert in &certs {
            let _ = certenroll::pki::cert::summary(cert);
        }
    }
    let _ = certenroll::pki::signed::certificates_only(data);
});
