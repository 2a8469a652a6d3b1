//! Keys, certificate requests, certificates, and the CMS pieces that the `cms` crate lacks
//! (signature verification, 3DES/DES envelopes, decryption, BER tolerance).

pub mod ber;
pub mod cacerts;
pub mod cert;
pub mod csr;
pub mod digest;
pub mod envelope;
pub mod key;
pub mod pkcs12;
pub mod signed;

/// Lower-case hex of bytes.
pub fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes
        .iter()
        .fold(String::with_capacity(bytes.len() * 2), |mut out, b| {
            let _ = write!(out, "{b:02x}");
            out
        })
}

/// Random bytes from the operating system.
pub fn random_bytes<const N: usize>() -> crate::Result<[u8; N]> {
    let mut out = [0u8; N];
    getrandom::fill(&mut out)
        .map_err(|e| crate::Error::Crypto(format!("the OS random generator failed: {e}")))?;
    Ok(out)
}
