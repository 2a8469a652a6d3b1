//! Retry-After (delta-seconds or an HTTP date) and HTTP dates: bounded, never overflowing.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    for now in [0, 1_800_000_000, u64::MAX] {
        let delay = certenroll::est::client::parse_retry_after(Some(&text), now);
        assert!(delay <= certenroll::est::client::MAX_RETRY_AFTER);
    }
    let _ = certenroll::clock::parse_http_date(&text);
});
