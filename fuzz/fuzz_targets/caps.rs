//! A GetCACaps reply.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let caps = certenroll::scep::caps::Capabilities::parse(&String::from_utf8_lossy(data));
    let _ = (
        caps.best_cipher(),
        caps.best_digest(),
        caps.post(),
        caps.renewal(),
    );
});
