//! The certenroll binary: parse the command line, run the command, map the result to an exit
//! code (see `certenroll --help` for the table).

mod cli;
mod commands;
mod output;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    let out = output::Output::new(&cli.global);
    out.init_logging(matches!(cli.command, cli::Command::Lab(_)));
    match commands::run(&cli, &out) {
        Ok(code) => ExitCode::from(code),
        Err(err) => ExitCode::from(out.report_error(&err)),
    }
}
