//! An EST /csrattrs reply (DER).
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(attrs) = certenroll::est::csrattrs::CsrAttrs::from_der(data) {
        let _ = attrs.describe();
        let _ = attrs.key_request();
        let _ = attrs.digest();
        let _ = attrs.wants_challenge_password();
        let _ = attrs.requested_extensions();
    }
});
