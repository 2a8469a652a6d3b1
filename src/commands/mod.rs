//! One file per command, and the table that dispatches to them. What several commands share
//! lives outside this directory: `runtime.rs` (state, locks, transport, history), `request.rs`
//! and `request_options.rs` (the request the flags describe), `bundle.rs` (PKCS#12 output),
//! `est_connect.rs` (the EST connection the flags ask for), `outcome.rs` (reporting how a
//! request ended).

mod config;
mod config_init;
mod csrattrs;
mod doctor;
mod enroll;
mod generate;
mod getcacaps;
mod getcacert;
mod getcert;
mod history;
#[cfg(test)]
mod in_process_tests;
mod lab;
mod list;
mod ocsp;
mod pending;
mod pkcs12;
mod poll;
mod renew;

use anyhow::Result;

use crate::cli::{Cli, Command};
use crate::output::Output;

/// Run the command; the result is the exit code for outcomes that are not errors
/// (0, or 3 for pending).
pub fn run(cli: &Cli, out: &Output) -> Result<u8> {
    crate::runtime::tokens(&cli.global);
    match &cli.command {
        Command::Getcacaps(args) => getcacaps::run(&cli.global, args, out),
        Command::Getcacert(args) => getcacert::run(&cli.global, args, out),
        Command::Enroll(args) => enroll::run(&cli.global, args, out),
        Command::Renew(args) => renew::run(&cli.global, args, &cli.typed, out),
        Command::Poll(args) => poll::run(&cli.global, args, out),
        Command::Getcert(args) => getcert::run_getcert(&cli.global, args, out),
        Command::Getcrl(args) => getcert::run_getcrl(&cli.global, args, out),
        Command::Ocsp(args) => ocsp::run(&cli.global, args, out),
        Command::History => history::run(&cli.global, out),
        Command::List => list::run(&cli.global, out),
        Command::Pending(command) => pending::run(&cli.global, command, out),
        Command::Pkcs12(args) => pkcs12::run(args, out),
        Command::Csrattrs(args) => csrattrs::run(&cli.global, args, out),
        Command::Serverkeygen(args) => enroll::run_serverkeygen(&cli.global, args, out),
        Command::Doctor(args) => doctor::run(&cli.global, args, out),
        Command::Config(crate::cli::ConfigCommand::Init(args)) => config_init::run(
            &cli.global,
            args,
            &certenroll::config::config_path(cli.global.config.as_deref())?,
            out,
        ),
        Command::Config(command) => config::run(&cli.global, command, out),
        Command::Lab(crate::cli::LabCommand::Serve(args)) => lab::run(args, out),
        Command::Generate(args) => generate::run(args),
    }
}
