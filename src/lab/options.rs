//! How the lab behaves: its SCEP and EST options and the faults it can inject, set by
//! `lab serve`'s flags and read by the SCEP and EST sides.

use std::time::Duration;

use crate::pki::Certificate;

use crate::scep::FailInfo;

/// A hostile reply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// Signed by a key that is not the CA's (with the CA's name and serial).
    WrongSigner,
    /// recipientNonce is not the request's senderNonce.
    WrongNonce,
    /// transactionID differs from the request's.
    WrongTransaction,
    /// The issued certificate is for another key.
    OtherKey,
    /// Correctly signed, but encrypted to a key that is not the requester's (the lab CA's).
    WrongRecipient,
    /// The body is cut in half.
    Truncated,
}

impl Fault {
    /// The names `--fault` takes.
    pub const NAMES: [&str; 6] = [
        "wrong-signer",
        "wrong-nonce",
        "wrong-transaction",
        "other-key",
        "wrong-recipient",
        "truncated",
    ];
}

impl std::str::FromStr for Fault {
    type Err = String;

    fn from_str(s: &str) -> std::result::Result<Self, Self::Err> {
        Ok(match s {
            "wrong-signer" => Fault::WrongSigner,
            "wrong-nonce" => Fault::WrongNonce,
            "wrong-transaction" => Fault::WrongTransaction,
            "other-key" => Fault::OtherKey,
            "wrong-recipient" => Fault::WrongRecipient,
            "truncated" => Fault::Truncated,
            _ => {
                return Err(format!(
                    "unknown fault '{s}': use {}",
                    Self::NAMES.join(", ")
                ));
            }
        })
    }
}

/// A real server's behaviour that the lab reproduces on request (`lab serve --quirk`), so that
/// clients can be tried against it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Quirk {
    /// The CA, RA and issued certificates carry 32-octet serial numbers (RFC 5280 allows 20;
    /// CAs in the wild use more, and sscep and certmonger sign their requests with such).
    LongSerials,
    /// EJBCA in CA mode: GetCACaps and GetCACert answer 404 unless `message` names the CA
    /// ([`LAB_CA_IDENT`]).
    EjbcaCaMode,
    /// NDES on Windows Server 2003: the connection is closed instead of answering GetCACaps.
    Ndes2003Caps,
    /// NDES on Windows Server 2008 without KB2483564: GetCACaps answers an empty body.
    Ndes2008Caps,
    /// NDES on Windows Server 2008 R2: GetCACaps answers without a Content-Type.
    Ndes2008R2Caps,
    /// NDES on IIS 8 (Windows Server 2012): a POSTed PKIOperation gets an empty 200 although
    /// POSTPKIOperation is listed; every answer says `Server: Microsoft-IIS/8.0`.
    Ndes2012Post,
    /// RA certificates that say cA=TRUE (without keyCertSign) beside the CA, as some servers
    /// hand out. Implies `--ra`.
    RaCaFlag,
    /// Expired RA certificates; PKIOperation answers HTTP 500, as NDES does then. Implies
    /// `--ra`.
    ExpiredRa,
    /// OpenXPKI: a transactionID that is not hex is refused (badRequest).
    Openxpki,
    /// Dogtag: only the algorithms its capabilities list (DES3, SHA-256, SHA-512); a request
    /// with another gets badAlg.
    Dogtag,
    /// NDES: an RA pair named by Microsoft certificate templates, NDES's capabilities, and
    /// RenewalReq refused (badRequest): its "Renewal" means a PKCSReq signed with the current
    /// certificate. Implies `--ra`.
    Ndes,
    /// libest's estserver with its proof-of-possession check: every enrollment is refused
    /// with 401 "Proof of Possession Mismatch." (the tls-unique value it wants in the
    /// challengePassword cannot be had from rustls).
    LibestPop,
    /// libest's example server: a NUL byte after the base64 of /csrattrs.
    LibestCsrattrs,
    /// /csrattrs as the LAMPS update of RFC 7030 has it: an extensionRequest holding the
    /// extensions with their values, and a private OID under 2.999.
    LampsCsrattrs,
    /// EST /cacerts during a root key rollover (RFC 7030 4.1.3): OldWithOld (the lab CA),
    /// OldWithNew, NewWithOld and NewWithNew (a new root valid from tomorrow).
    EstRollover,
    /// GlobalSign's EST server for some CA labels: /cacerts answers HTTP 500 under a label.
    GlobalsignCacerts,
}

/// The CA's name on a lab that wants one (`--quirk ejbca-ca-mode`).
pub const LAB_CA_IDENT: &str = "LabCA";

impl Quirk {
    /// Every quirk.
    pub const ALL: [Quirk; 16] = [
        Quirk::LongSerials,
        Quirk::EjbcaCaMode,
        Quirk::Ndes2003Caps,
        Quirk::Ndes2008Caps,
        Quirk::Ndes2008R2Caps,
        Quirk::Ndes2012Post,
        Quirk::RaCaFlag,
        Quirk::ExpiredRa,
        Quirk::Openxpki,
        Quirk::Dogtag,
        Quirk::Ndes,
        Quirk::LibestPop,
        Quirk::LibestCsrattrs,
        Quirk::LampsCsrattrs,
        Quirk::EstRollover,
        Quirk::GlobalsignCacerts,
    ];

    /// The name `--quirk` takes.
    pub fn name(self) -> &'static str {
        match self {
            Quirk::LongSerials => "long-serials",
            Quirk::EjbcaCaMode => "ejbca-ca-mode",
            Quirk::Ndes2003Caps => "ndes-2003-caps",
            Quirk::Ndes2008Caps => "ndes-2008-caps",
            Quirk::Ndes2008R2Caps => "ndes-2008r2-caps",
            Quirk::Ndes2012Post => "ndes-2012-post",
            Quirk::RaCaFlag => "ra-ca-flag",
            Quirk::ExpiredRa => "expired-ra",
            Quirk::Openxpki => "openxpki",
            Quirk::Dogtag => "dogtag",
            Quirk::Ndes => "ndes",
            Quirk::LibestPop => "libest-pop",
            Quirk::LibestCsrattrs => "libest-csrattrs",
            Quirk::LampsCsrattrs => "lamps-csrattrs",
            Quirk::EstRollover => "est-rollover",
            Quirk::GlobalsignCacerts => "globalsign-cacerts",
        }
    }

    /// What the lab does, and which server does it (for `lab serve --help`).
    pub fn describe(self) -> &'static str {
        match self {
            Quirk::LongSerials => {
                "CA, RA and issued certificates with 32-octet serial numbers (some CAs)"
            }
            Quirk::EjbcaCaMode => {
                "GetCACaps and GetCACert answer 404 unless message=LabCA (EJBCA in CA mode)"
            }
            Quirk::Ndes2003Caps => "GetCACaps closes the connection (NDES on Windows Server 2003)",
            Quirk::Ndes2008Caps => {
                "GetCACaps answers an empty body (NDES on 2008 without KB2483564)"
            }
            Quirk::Ndes2008R2Caps => "GetCACaps answers without a Content-Type (NDES on 2008 R2)",
            Quirk::Ndes2012Post => {
                "a POSTed PKIOperation gets an empty 200; Server: Microsoft-IIS/8.0 (NDES on 2012)"
            }
            Quirk::RaCaFlag => "RA certificates with cA=TRUE but no keyCertSign (implies --ra)",
            Quirk::ExpiredRa => {
                "expired RA certificates; PKIOperation answers HTTP 500, as NDES does (implies --ra)"
            }
            Quirk::Openxpki => "a transactionID that is not hex is refused (OpenXPKI)",
            Quirk::Dogtag => {
                "only DES3, SHA-256 and SHA-512, as listed; others get badAlg (Dogtag)"
            }
            Quirk::Ndes => {
                "NDES's RA pair and capabilities; RenewalReq refused, renewal is a PKCSReq (implies --ra)"
            }
            Quirk::LibestPop => {
                "EST enrollment refused: 401 with libest's Proof of Possession Mismatch (its PoP check)"
            }
            Quirk::LibestCsrattrs => {
                "a NUL byte after the /csrattrs base64 (libest's example server)"
            }
            Quirk::LampsCsrattrs => {
                "/csrattrs with an extensionRequest holding values and an OID under 2.999 (LAMPS)"
            }
            Quirk::EstRollover => {
                "/cacerts during a root rollover: OldWithOld, OldWithNew, NewWithOld, NewWithNew"
            }
            Quirk::GlobalsignCacerts => "/cacerts under a CA label answers HTTP 500 (GlobalSign)",
        }
    }
}

impl std::str::FromStr for Quirk {
    type Err = String;

    fn from_str(s: &str) -> std::result::Result<Self, Self::Err> {
        Quirk::ALL
            .into_iter()
            .find(|q| q.name() == s)
            .ok_or_else(|| {
                let names: Vec<&str> = Quirk::ALL.iter().map(|q| q.name()).collect();
                format!("unknown quirk '{s}': use {}", names.join(", "))
            })
    }
}

/// How the lab behaves.
#[derive(Debug, Clone, Default)]
pub struct LabOptions {
    /// Answer PENDING to the first N requests of each transaction.
    pub pending: u32,
    /// Answer FAILURE with this failInfo.
    pub fail: Option<FailInfo>,
    /// Answer PKIOperation with this HTTP status.
    pub http_status: Option<u16>,
    /// Wait this long before answering PKIOperation.
    pub delay: Duration,
    /// The challenge password PKCSReq must carry (none: any or no challenge is accepted).
    pub challenge: Option<String>,
    /// A renewal (RenewalReq, or PKCSReq signed with a certificate of this CA for the same
    /// subject) must carry the challenge too; by default it needs none.
    pub renewal_challenge: bool,
    /// Hostile reply.
    pub fault: Option<Fault>,
    /// Apply fail / http_status / delay / fault only to the first N PKIOperation requests.
    pub fault_limit: Option<u32>,
    /// Forget a transaction once its certificate is issued: a later CertPoll for it gets
    /// FAILURE badCertId, as from a CA that cleared its queue.
    pub forget_issued: bool,
    /// Capabilities to advertise (default [`super::scep::DEFAULT_CAPS`]).
    pub caps: Option<Vec<String>>,
    /// Validity of issued certificates.
    pub validity: Duration,
    /// EST: authentication, encodings and faults of its own.
    pub est: EstOptions,
    /// Real servers' behaviours to reproduce.
    pub quirks: Vec<Quirk>,
    /// The lab's own URL without a path (`http://127.0.0.1:PORT`): issued certificates name
    /// its OCSP responder and CRL under it.
    pub base_url: Option<String>,
    /// Serial numbers revoked from the start, with their reasons.
    pub revoke: Vec<(Vec<u8>, x509_cert::ext::pkix::crl::CrlReason)>,
    /// OCSP responses signed by a responder certificate instead of the CA.
    pub ocsp_delegated: bool,
    /// A hostile or unhelpful OCSP answer.
    pub ocsp_fault: Option<super::ocsp::OcspFault>,
}

impl LabOptions {
    /// Whether the lab reproduces `quirk`.
    pub fn has(&self, quirk: Quirk) -> bool {
        self.quirks.contains(&quirk)
    }
}

/// How the lab writes EST bodies: strict by default, or in the other ways servers do.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum EstEncoding {
    /// Base64 in lines of 64 with CRLF, and `Content-Transfer-Encoding: base64`.
    #[default]
    Wrapped,
    /// Base64 on one line, no Content-Transfer-Encoding header (RFC 8951).
    Oneline,
    /// A PEM block.
    Pem,
    /// Plain DER.
    Der,
}

impl EstEncoding {
    /// The names `--est-encoding` takes.
    pub const NAMES: [&str; 4] = ["wrapped", "oneline", "pem", "der"];
}

impl std::str::FromStr for EstEncoding {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        Ok(match s {
            "wrapped" => EstEncoding::Wrapped,
            "oneline" => EstEncoding::Oneline,
            "pem" => EstEncoding::Pem,
            "der" => EstEncoding::Der,
            other => {
                return Err(format!(
                    "unknown EST encoding '{other}': use {}",
                    Self::NAMES.join(", ")
                ));
            }
        })
    }
}

/// The EST settings of the lab.
#[derive(Debug, Clone, Default)]
pub struct EstOptions {
    /// HTTP Basic user and password that enrollment accepts.
    pub basic: Option<(String, String)>,
    /// HTTP Digest login that enrollment accepts instead (the 401 challenges with Digest).
    pub digest: Option<super::digest::DigestLogin>,
    /// Enrollment needs a client certificate from the lab CA.
    pub client_cert_required: bool,
    /// Certificates /cacerts sends before the lab's own (a man in the middle's genuine list).
    pub mitm_cacerts: Vec<Certificate>,
    /// The Retry-After value of a 202 (default "1").
    pub retry_after: Option<String>,
    /// How bodies are written.
    pub encoding: EstEncoding,
    /// serverkeygen sends the key as PKCS#1 instead of PKCS#8.
    pub pkcs1_keys: bool,
    /// csrattrs asks for an EC key on this curve ("p256" or "p384") instead of RSA-3072.
    pub csrattrs_curve: Option<String>,
}
