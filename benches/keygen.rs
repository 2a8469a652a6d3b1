//! RSA key generation as certenroll does it, timed in-process: `cargo bench --bench keygen --
//! BITS RUNS` prints one JSON array of milliseconds. `benches/compare.py` runs it beside
//! `openssl genpkey`.
#![allow(clippy::print_stdout)]

use std::time::Instant;

use certenroll::pki::key::PrivateKey;

fn main() {
    // cargo bench passes `--bench`; take the first two numeric arguments.
    let numbers: Vec<usize> = std::env::args().filter_map(|a| a.parse().ok()).collect();
    let bits = numbers.first().copied().unwrap_or(2048);
    let runs = numbers.get(1).copied().unwrap_or(20);
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs {
        let start = Instant::now();
        let key = PrivateKey::generate_rsa(bits).expect("key generation");
        times.push(start.elapsed().as_secs_f64() * 1000.0);
        assert_eq!(key.bits(), bits);
    }
    println!("{}", serde_json::to_string(&times).expect("json"));
}
