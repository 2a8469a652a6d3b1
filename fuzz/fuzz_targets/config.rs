//! The configuration file (TOML): every value checked, errors on one line.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Err(err) = certenroll::config::Config::parse(text, std::path::Path::new("fuzz.toml"))
        {
            assert!(!err.to_string().contains('\n'));
        }
    }
});
