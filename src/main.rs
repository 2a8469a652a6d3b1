//! The certenroll binary: parse the command line, run the command, map the result to an exit
//! code (see `certenroll --help` for the table).

mod all_profiles;
mod bundle;
mod cli;
mod commands;
mod est_connect;
mod outcome;
mod output;
mod prompt;
mod request;
mod request_options;
mod runtime;
mod settings;

use std::process::ExitCode;

fn main() -> ExitCode {
    no_core_dumps();
    // The command line, and what a --profile fills in.
    let cli = match settings::parse(std::env::args_os().collect()) {
        Ok(cli) => cli,
        Err(err) => {
            #[allow(clippy::print_stderr)]
            {
                eprintln!("certenroll: error: {err}");
            }
            return ExitCode::from(err.exit_code());
        }
    };
    // Only a command that runs can write files: --help and usage errors need no handler.
    exit_cleanly_on_signals();
    if let Some(deadline) = runtime::deadline(&cli) {
        stop_at(deadline);
    }
    let out = output::Output::new(&cli.global);
    out.init_logging(matches!(cli.command, cli::Command::Lab(_)));
    match commands::run(&cli, &out) {
        Ok(code) => ExitCode::from(code),
        Err(err) => ExitCode::from(out.report_error(&err)),
    }
}

/// A core dump of certenroll would hold private keys, the challenge and HTTP passwords: none
/// is written (RLIMIT_CORE 0), and the process is not dumpable (no ptrace by other processes
/// of the same user either). Failing to say so to the kernel is not a reason not to run.
fn no_core_dumps() {
    use rustix::process::{Resource, Rlimit, setrlimit};
    let _ = setrlimit(
        Resource::Core,
        Rlimit {
            current: Some(0),
            maximum: Some(0),
        },
    );
    #[cfg(target_os = "linux")]
    let _ = rustix::process::set_dumpable_behavior(rustix::process::DumpableBehavior::NotDumpable);
}

/// At the run's deadline: let a file write under way finish, start no other, and exit 5 (a
/// communication failure: the server did not answer in time). Files are only ever renamed
/// into place whole, and the next run finishes an install this one had started.
fn stop_at(deadline: std::time::Duration) {
    std::thread::spawn(move || {
        std::thread::sleep(deadline);
        let _writes = certenroll::store::stop_writing();
        #[allow(clippy::print_stderr)]
        {
            eprintln!(
                "\ncertenroll: error: the run was stopped at its deadline ({} s, --deadline); a pending request stays saved, and the next run finishes an interrupted install",
                deadline.as_secs()
            );
        }
        std::process::exit(i32::from(certenroll::error::exit::COMMUNICATION));
    });
}

/// On Ctrl-C (SIGINT), SIGTERM or SIGHUP: let a file write under way finish, start no other,
/// and exit with 128 + the signal number (130 for Ctrl-C). Files are only ever renamed into
/// place whole, so what is on disk is the old file or the new one, never a part; a key
/// generated before the interruption stays in its file with mode 0600, and the next run
/// finishes a renewal interrupted between installing the certificate and the key.
fn exit_cleanly_on_signals() {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP]) else {
        return;
    };
    std::thread::spawn(move || {
        if let Some(signal) = signals.forever().next() {
            exit_interrupted(signal);
        }
    });
}

/// End the run for `signal` (a file write under way finishes first): "interrupted", and
/// 128 + the signal number.
pub fn exit_interrupted(signal: i32) -> ! {
    let _writes = certenroll::store::stop_writing();
    // On a terminal, the spinner's or countdown's line is cleared rather than left half-drawn.
    let clear = if std::io::IsTerminal::is_terminal(&std::io::stderr()) {
        "\r\x1b[2K"
    } else {
        "\n"
    };
    #[allow(clippy::print_stderr)]
    {
        eprintln!("{clear}certenroll: interrupted");
    }
    std::process::exit(128 + signal);
}
