//! certenroll: a SCEP (RFC 8894) and EST (RFC 7030) certificate-enrollment client.
//!
//! The library holds the protocol and PKI core; it never prints and never exits. The binary
//! (`src/main.rs`, `src/cli.rs`, `src/commands/`) turns command lines into calls of this library
//! and results into output and exit codes.
//!
//! Layers, top to bottom: [`protocols`] (the one place that picks SCEP or EST for a saved
//! request), [`scep`] and [`est`] (protocol messages, the clients, and their
//! [`enroll::Enroller`]s), [`enroll`] (the lifecycle, independent of the protocol: request,
//! verify, pending, poll, install, recover), [`pki`] (keys, CSRs, certificates, a server's CA
//! certificates and the CMS pieces the `cms` crate lacks), [`transport`] (HTTP with limits and
//! failure classification) and [`store`] (files written atomically). Imports point down.

#![warn(missing_docs)]

pub mod choices;
pub mod clock;
pub mod config;
pub mod doctor;
pub mod enroll;
pub mod error;
pub mod est;
pub mod lab;
pub mod managed;
pub mod pkcs11;
pub mod pki;
pub mod protocols;
pub mod revocation;
pub mod rollover;
pub mod sanitize;
pub mod scep;
pub mod schedule;
pub mod secret;
pub mod store;
pub mod tls;
pub mod transport;

pub use error::{Error, Result};
