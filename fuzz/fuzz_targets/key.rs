//! A private key file: PEM or DER, PKCS#8 or PKCS#1, RSA or EC.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(key) = certenroll::pki::key::PrivateKey::from_bytes(data) {
        let _ = key.public_key_info();
        let _ = key.describe();
    }
});
