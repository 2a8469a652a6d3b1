//! certenroll: a SCEP (RFC 8894) and EST (RFC 7030) certificate-enrollment client.
//!
//! The library holds the protocol and PKI core; it never prints and never exits. The binary
//! (`src/main.rs`, `src/cli.rs`, `src/commands/`) turns command lines into calls of this library
//! and results into output and exit codes.
//!
//! Layers, top to bottom: [`enroll`] (the lifecycle both protocols share: installing an
//! issued certificate and recovering from an interrupted run), [`scep`] and [`est`] (protocol
//! messages and the clients), [`pki`] (keys, CSRs,
//! certificates and the CMS pieces the `cms` crate lacks), [`transport`] (HTTP with limits and
//! failure classification) and [`store`] (files written atomically).

#![warn(missing_docs)]

pub mod choices;
pub mod clock;
pub mod config;
pub mod enroll;
pub mod error;
pub mod est;
pub mod lab;
pub mod pki;
pub mod sanitize;
pub mod scep;
pub mod schedule;
pub mod secret;
pub mod store;
pub mod tls;
pub mod transport;

pub use error::{Error, Result};
