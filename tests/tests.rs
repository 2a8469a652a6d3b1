//! Integration tests: the real binary against a real micromdm `scepserver` on 127.0.0.1
//! (installed by `.ci/run` from Debian's `scep` package), and against a proxy that tampers
//! with its replies.

mod util;

mod cli;
mod hostile;
mod scep_interop;
