//! The enrollment lifecycle that SCEP and EST share, independent of the protocol.
//!
//! [`poll`] waits for the CA (jitter, retries, polling a pending request), reporting through
//! a [`poll::Progress`] that the binary draws.
//! [`saved`] keeps a request the CA answered PENDING and finishes it in a later run.
//! [`verify`] checks that an issued certificate is for our key and signed by the CA.
//! [`install`] owns what happens once a certificate is verified: key staging, the swap,
//! `.prev` copies, the PKCS#12 bundle and the deploy hook, with a journal of what is owed so
//! that a run killed at any point is finished by the next ([`install::recover`]).

pub mod install;
pub mod poll;
pub mod saved;
pub mod verify;
