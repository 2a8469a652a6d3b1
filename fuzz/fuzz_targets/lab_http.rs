//! The lab responder: an HTTP request off the wire, answered by the SCEP responder (GetCACaps,
//! GetCACert, PKIOperation by GET or POST, with whatever message it carries).
#![no_main]
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;

use certenroll::lab::ca::LabCa;
use certenroll::lab::options::LabOptions;
use certenroll::lab::scep::Responder;

fn responder() -> &'static Responder {
    static RESPONDER: OnceLock<Responder> = OnceLock::new();
    RESPONDER.get_or_init(|| {
        Responder::new(
            LabOptions::default(),
            LabCa::new(true, "fuzz CA", &[]).unwrap(),
        )
        .unwrap()
    })
}

fuzz_target!(|data: &[u8]| {
    if let Ok(request) = certenroll::lab::http::read_request(data) {
        // Every route: SCEP, EST, OCSP, the CRL, revocations.
        let _ = responder().handle(&request);
    }
});
