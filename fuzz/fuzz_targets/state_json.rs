//! The state certenroll reads back: a pending request, the history, a registry record.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = serde_json::from_slice::<certenroll::store::pending::Pending>(data);
    let _ = serde_json::from_slice::<Vec<certenroll::store::history::Entry>>(data);
    let _ = serde_json::from_slice::<certenroll::store::registry::Managed>(data);
});
