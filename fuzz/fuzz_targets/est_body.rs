//! EST bodies: base64 (wrapped or not), PEM or DER, and the certificates in them.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = certenroll::est::decode_body(data, "fuzz");
    let _ = certenroll::est::certificates(data, "fuzz");
});
