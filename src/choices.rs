//! The values a flag and a profile key share (`--format der` is `format = "der"`): one enum
//! each, read by clap on the command line and by serde in the configuration file, so that the
//! two can never disagree on a name.

use clap::ValueEnum;
use serde::{Deserialize, Serialize};

/// The enrollment protocols.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ProtocolChoice {
    /// SCEP (RFC 8894).
    Scep,
    /// EST (RFC 7030), over HTTPS.
    Est,
}

/// How PKIOperation is sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MethodChoice {
    /// POST when the server advertises POSTPKIOperation or SCEPStandard, else GET.
    #[default]
    Auto,
    /// Always HTTP GET.
    Get,
    /// Always HTTP POST.
    Post,
}

/// File encodings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Base64 with -----BEGIN----- lines.
    #[default]
    Pem,
    /// Binary DER (a chain of several certificates becomes a PKCS#7 bundle).
    Der,
    /// Certificates as a PKCS#7 certs-only bundle (DER), even a lone one, as some RAs and
    /// Windows tools want them (.p7b); a key file certenroll writes stays PEM.
    P7,
}

/// Key algorithms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum KeyType {
    /// RSA (what SCEP requires), --key-bits long.
    Rsa,
    /// ECDSA on NIST P-256 (EST only).
    P256,
    /// ECDSA on NIST P-384 (EST only).
    P384,
}

/// Which message a renewal sends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RenewalChoice {
    /// RenewalReq when the CA advertises Renewal, else PKCSReq signed with the current
    /// certificate (as NDES expects).
    #[default]
    Auto,
    /// Always RenewalReq.
    Renewalreq,
    /// Always PKCSReq signed with the current certificate.
    Pkcsreq,
}

/// The name of a value as the command line and the configuration file write it.
pub fn name_of<T: ValueEnum>(value: &T) -> String {
    value
        .to_possible_value()
        .map(|v| v.get_name().to_string())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The names clap reads are the names serde reads.
    fn same_names<T: ValueEnum + Serialize>() {
        for value in T::value_variants() {
            let serde_name = serde_json::to_value(value).unwrap();
            assert_eq!(serde_name.as_str().unwrap(), name_of(value));
        }
    }

    #[test]
    fn flags_and_profile_keys_name_values_alike() {
        same_names::<ProtocolChoice>();
        same_names::<MethodChoice>();
        same_names::<Format>();
        same_names::<KeyType>();
        same_names::<RenewalChoice>();
    }
}
