//! Keys, certificate requests, certificates, and the CMS pieces that the `cms` crate lacks
//! (signature verification, 3DES/DES envelopes, decryption, BER tolerance).

pub mod ber;
pub mod cacerts;
pub mod cert;
pub mod cms_raw;
pub mod csr;
pub mod digest;
pub mod envelope;
pub mod key;
pub mod ocsp;
pub mod pkcs12;
pub mod signed;

/// A certificate, parsed in x509-cert's raw profile.
///
/// The crate's default (RFC 5280) profile refuses serial numbers over 20 octets, but sscep and
/// certmonger sign their requests with 32-octet serials and CAs in the wild issue them: every
/// certificate certenroll reads, from a server, a client or a file, is read with this type.
pub type Certificate = x509_cert::certificate::CertificateInner<x509_cert::certificate::Raw>;

/// A certificate serial number of any length (see [`Certificate`]).
pub type SerialNumber = x509_cert::serial_number::SerialNumber<x509_cert::certificate::Raw>;

/// A CRL, parsed in the raw profile (it lists serial numbers).
pub type CertificateList = x509_cert::crl::CertificateList<x509_cert::certificate::Raw>;

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
