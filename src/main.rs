//! The certenroll binary: parse the command line, run the command, map the result to an exit
//! code (see `certenroll --help` for the table).

mod cli;
mod commands;
mod output;
mod profile_args;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    // A --profile becomes arguments before clap sees the command line.
    let argv = match profile_args::expand(std::env::args_os().collect()) {
        Ok(argv) => argv,
        Err(err) => {
            #[allow(clippy::print_stderr)]
            {
                eprintln!("certenroll: error: {err}");
            }
            return ExitCode::from(err.exit_code());
        }
    };
    let cli = cli::Cli::parse_from(argv);
    let out = output::Output::new(&cli.global);
    out.init_logging(matches!(cli.command, cli::Command::Lab(_)));
    match commands::run(&cli, &out) {
        Ok(code) => ExitCode::from(code),
        Err(err) => ExitCode::from(out.report_error(&err)),
    }
}
