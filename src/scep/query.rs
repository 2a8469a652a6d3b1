//! GetCert and GetCRL (RFC 8894 sections 4.6, 4.7): an issued certificate by serial number, or
//! the CA's CRL, asked for with a message signed by a throwaway key. Servers that lack the
//! operation (micromdm's answers HTTP 500) get a clear "not supported".

use crate::pki::Certificate;
use crate::pki::CertificateList;

use super::MessageType;
use super::client::{Client, Method, Session};
use crate::pki::cacerts::CaCerts;
use crate::pki::cert;
use crate::pki::key::PrivateKey;
use crate::{Error, Result};

/// A serial number as certenroll prints it (hex, colons and `0x` allowed).
pub fn parse_serial(text: &str) -> Result<Vec<u8>> {
    let hex: String = text
        .trim()
        .trim_start_matches("0x")
        .chars()
        .filter(|c| !matches!(c, ':' | ' '))
        .collect();
    if hex.is_empty() || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
        return Err(Error::Invalid(format!(
            "--serial '{}' is not a hex serial number (as `certenroll enroll` prints it)",
            crate::sanitize::escape_untrusted(text)
        )));
    }
    let padded = if hex.len() % 2 == 1 {
        format!("0{hex}")
    } else {
        hex
    };
    Ok((0..padded.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&padded[i..i + 2], 16).unwrap_or(0))
        .collect())
}

/// Send GetCert or GetCRL for `serial` (default: the CA certificate's own).
/// Ask the CA with GetCert or GetCRL for `serial` (default: the CA's own), over the
/// algorithms the server offers best.
fn query(
    client: &Client<'_>,
    (ca_ident, pin): (Option<&str>, Option<&str>),
    message_type: MessageType,
    serial: Option<&str>,
) -> Result<(Vec<Certificate>, Vec<CertificateList>, CaCerts)> {
    let serial = serial.map(parse_serial).transpose()?;
    let caps = client.get_ca_caps(ca_ident)?;
    let ca = super::enroller::fetch_ca(client, ca_ident, pin)?;
    let key = PrivateKey::generate_rsa(2048)?;
    let subject = cert::build_name(&[(cert::NameAttr::CommonName, "certenroll query".into())])?;
    let session = Session {
        key: &key,
        subject: &subject,
        ca: &ca,
        cipher: caps.best_cipher(),
        digest: caps.best_digest(),
        method: if caps.post() {
            Method::Post
        } else {
            Method::Get
        },
        signer: None,
        ra: None,
    };
    let serial = serial.unwrap_or_else(|| {
        ca.ca()
            .tbs_certificate()
            .serial_number()
            .as_bytes()
            .to_vec()
    });
    let (certs, crls) = client.get_cert_or_crl(&session, message_type, &serial)?;
    Ok((certs, crls, ca))
}

/// GetCert: the certificate with `serial` (hex).
pub fn get_cert(
    client: &Client<'_>,
    ca: (Option<&str>, Option<&str>),
    serial: &str,
) -> Result<Certificate> {
    let wanted = parse_serial(serial)?;
    let (certs, _, _) = query(client, ca, MessageType::GetCert, Some(serial))?;
    certs
        .iter()
        .find(|c| c.tbs_certificate().serial_number().as_bytes() == wanted.as_slice())
        .or_else(|| certs.first())
        .cloned()
        .ok_or_else(|| Error::Untrusted("GetCert answered SUCCESS without a certificate".into()))
}

/// GetCRL: the CRL covering `serial` (default: the CA's own), checked to be the CA's.
pub fn get_crl(
    client: &Client<'_>,
    ca: (Option<&str>, Option<&str>),
    serial: Option<&str>,
) -> Result<CertificateList> {
    let (_, crls, ca) = query(client, ca, MessageType::GetCrl, serial)?;
    let crl = crls
        .into_iter()
        .next()
        .ok_or_else(|| Error::Untrusted("GetCRL answered SUCCESS without a CRL".into()))?;
    crate::revocation::crl_signed_by(&crl, ca.ca())?;
    Ok(crl)
}

/// The successor the CA announces (GetNextCACert, verified as signed by the `current` CA),
/// when the server lists GetNextCACert; None when it does not.
pub fn next_ca(
    client: &Client<'_>,
    ca_ident: Option<&str>,
    current: &CaCerts,
) -> Result<Option<crate::rollover::NextCa>> {
    if !client.get_ca_caps(ca_ident)?.next_ca() {
        return Ok(None);
    }
    client.get_next_ca_cert(ca_ident, current).map(Some)
}

#[cfg(test)]
mod tests {
    #[test]
    fn serials_parse_as_hex() {
        assert_eq!(super::parse_serial("0x0A:1b").unwrap(), vec![0x0a, 0x1b]);
        assert_eq!(super::parse_serial("2").unwrap(), vec![0x02]);
        assert!(super::parse_serial("xyz").is_err());
        assert!(super::parse_serial("").is_err());
    }
}
