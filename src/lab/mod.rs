//! The lab: an embedded SCEP responder with its own throwaway CA and fault injection, for
//! tests, for the README demo, and for a person checking a device's SCEP settings.
//!
//! It is not a CA for real use: its keys live in memory and die with the process.

pub mod ca;
pub mod digest;
pub mod est;
pub mod http;
pub mod ocsp;
pub mod options;
pub mod scep;
pub mod tls;

pub use ca::LabCa;
pub use options::{Fault, LabOptions, Quirk};
pub use scep::Responder;
