//! The `iop` binary: parse the command line, start logging, run the command,
//! and map its outcome to the exit status (0 success, 1 failure, 2 bad usage
//! or bad input named on the command line) in this one place.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = iop::cli::Cli::parse();
    iop::cli::init_logging(cli.verbose, cli.quiet);
    match iop::cli::run(cli) {
        Ok(status) => ExitCode::from(status.code()),
        Err(e) if iop::cli::is_closed_stdout(&e) => ExitCode::SUCCESS,
        Err(e) => {
            let status = iop::cli::Status::of_error(&e);
            eprintln!("iop: error: {}", iop::cli::error_chain(&e));
            ExitCode::from(status.code())
        }
    }
}
