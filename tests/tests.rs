//! Integration tests: the real binary against a real micromdm `scepserver` on 127.0.0.1
//! (installed by `.ci/run` from Debian's `scep` package), against a proxy that tampers with
//! its replies, and against certenroll's own lab responder with its fault injection.

mod util;

mod cli;
mod crash;
mod csr;
mod doctor;
mod est;
mod hostile;
mod json_output;
mod lab_certmonger;
mod lab_clients;
mod lab_faults;
mod lifecycle;
mod managed;
mod pkcs12;
mod profiles;
mod quirks;
mod renew;
mod revocation;
mod rollover;
mod safety;
mod scep_interop;
mod terminal;
mod tls;
mod token;
