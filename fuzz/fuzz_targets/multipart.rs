//! An EST serverkeygen reply: multipart/mixed, its boundary from the first line.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (boundary, body) = match data.iter().position(|b| *b == b'\n') {
        Some(at) => (&data[..at], &data[at + 1..]),
        None => (&b"b"[..], data),
    };
    let content_type = format!(
        "multipart/mixed; boundary=\"{}\"",
        String::from_utf8_lossy(boundary)
    );
    let _ = certenroll::est::multipart::parse(&content_type, body);
    let _ = certenroll::est::multipart::boundary(&String::from_utf8_lossy(data));
});
