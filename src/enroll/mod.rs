//! The enrollment lifecycle, independent of the protocol: a request is sent, the answer
//! verified, a PENDING request saved and polled, the certificate installed. SCEP
//! (`crate::scep::enroller`) and EST (`crate::est::enroller`) are two implementations of
//! [`Enroller`]; a third protocol would be one more module implementing it.
//!
//! [`lifecycle`] runs a request from the key to the installed certificate ([`lifecycle::run`])
//! and finishes a saved one ([`lifecycle::resume`]), returning one [`lifecycle::Outcome`].
//! [`poll`] waits for the CA (jitter, retries, polling), reporting through a
//! [`poll::Progress`] that the binary draws.
//! [`saved`] is a request the CA answered PENDING, as a later run loads it.
//! [`renewal`] is what a renewal knows before it sends: the pair in place, whether it is due.
//! [`verify`] checks that an issued certificate is for our key and signed by the CA.
//! [`install`] owns what happens once a certificate is verified: key staging, the swap,
//! `.prev` copies, the PKCS#12 bundle and the deploy hook, with a journal of what is owed so
//! that a run killed at any point is finished by the next ([`install::recover`]).

pub mod hooks;
pub mod install;
pub mod lifecycle;
pub mod poll;
pub mod renewal;
pub mod saved;
pub mod verify;

use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::pki::Certificate;
use x509_cert::name::Name;

use crate::Result;
use crate::pki::cacerts::CaCerts;
use crate::pki::digest::Digest;
use crate::pki::key::{KeyKind, PrivateKey};
use crate::store::pending::{Pending, Protocol};
use poll::Progress;

/// What the CA answered a request or a poll, short of a refusal (which is an error).
pub enum Answer {
    /// Issued: the certificate for our key, verified to come from the CA.
    Issued(Box<Certificate>),
    /// Not decided yet; the server may say when to ask again (EST's Retry-After).
    Pending(Option<Duration>),
}

/// A certificate request on its way to the CA.
pub struct Outgoing<'a> {
    /// The key the certificate is for (held elsewhere for a request made elsewhere).
    pub key: &'a PrivateKey,
    /// Our key that signs the protocol's messages for a request made elsewhere (SCEP with
    /// `--csr` and `--key`: an RA's), and its file.
    pub ra: Option<(&'a PrivateKey, &'a Path)>,
    /// The PKCS#10 request, DER.
    pub csr: &'a [u8],
    /// Its subject.
    pub subject: &'a Name,
    /// A renewal's current pair, which vouches for the request.
    pub renewal: Option<&'a Current>,
    /// Where the request's challenge password comes from, for a protocol that sends the
    /// request again in a later run (EST) without keeping the secret.
    pub challenge_from: &'a crate::secret::Source,
}

/// The key and certificate installed now, which a renewal replaces.
#[derive(Clone)]
pub struct Current {
    /// The key.
    pub key: PrivateKey,
    /// Its file.
    pub key_path: PathBuf,
    /// The certificate.
    pub cert: Certificate,
}

/// One CA reached over one protocol: what the lifecycle asks of SCEP, of EST, or of a third
/// protocol. An enroller is made by connecting (SCEP: GetCACaps and GetCACert; EST: TLS trust
/// and /cacerts) or from a saved request; it never prints and never touches a file.
pub trait Enroller {
    /// "scep" or "est", as the history and `--json` name it.
    fn protocol(&self) -> &'static str;
    /// The server, as saved with a request.
    fn url(&self) -> &str;
    /// The CA (and RA) certificates requests are made for.
    fn ca(&self) -> &CaCerts;
    /// What connecting did that a person should know (algorithm fallbacks, a CA trusted).
    fn take_notes(&mut self) -> Vec<String> {
        Vec::new()
    }
    /// The kind of key to generate when `asked` (`chosen`: the person named it): EST servers
    /// may ask for another in their CSR attributes.
    fn key_kind(&self, asked: KeyKind, _chosen: bool, _progress: &dyn Progress) -> KeyKind {
        asked
    }
    /// The digest to sign the request for `key` with (`given`: the person's own key).
    fn digest(&self, key: &PrivateKey, given: bool) -> Digest;
    /// Whether the key in `path` can be used (SCEP: the reply is encrypted to it): checked
    /// before anything is sent, while connecting.
    fn check_key(_key: &PrivateKey, _path: &Path) -> Result<()>
    where
        Self: Sized,
    {
        Ok(())
    }
    /// Send a request (a renewal when it carries the current pair).
    fn request(&self, request: &Outgoing<'_>) -> Result<Answer>;
    /// What the protocol needs saved to poll `request` in a later run.
    fn saved_part(&self, request: &Outgoing<'_>) -> Result<Protocol>;
    /// Ask about a saved request once.
    fn poll(&self, request: &saved::Request) -> Result<Answer>;
    /// How long to wait before the first poll of a request saved by an earlier run.
    fn first_poll(&self, _pending: &Pending) -> Duration {
        Duration::ZERO
    }
    /// The line a person reads when this run starts waiting for a pending request.
    fn waiting_note(&self, first: Duration, count: u32) -> String;
}
