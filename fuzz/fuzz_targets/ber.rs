//! BER to DER, as every CMS reply (CertRep, certs-only PKCS#7) is normalised, and the tree
//! the enveloped content is read through.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let der = certenroll::pki::ber::to_der(data);
    if let Ok(der) = &der {
        // DER is a fixed point.
        assert_eq!(certenroll::pki::ber::to_der(der).ok().as_ref(), Some(der));
    }
    if let Ok(mut node) = certenroll::pki::ber::Node::parse(data) {
        let _ = node.flatten_implicit();
        let _ = node.to_der();
    }
});
