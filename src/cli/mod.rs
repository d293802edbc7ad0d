//! The command line: clap definitions, one file per subcommand, and the
//! writers of table/json/csv output (`output`). Only this module sees every
//! stage of the pipeline.

use std::io::IsTerminal;
use std::path::PathBuf;

use clap::{Parser, Subcommand};

pub mod agreements;
pub mod crawl;
pub mod eval;
pub mod extract;
pub mod filters;
pub mod funding;
pub mod index;
pub mod input;
pub mod output;
pub mod run;
pub mod search;
pub mod serve;

/// How a command ended, for the exit status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Everything worked.
    Ok,
    /// Some input failed (named on stderr); the rest was processed.
    Failed,
    /// Bad usage or bad input named on the command line.
    Usage,
}

impl Status {
    pub fn code(self) -> u8 {
        match self {
            Status::Ok => 0,
            Status::Failed => 1,
            Status::Usage => 2,
        }
    }

    /// The worse of two outcomes.
    pub fn worst(self, other: Status) -> Status {
        if self.code() >= other.code() {
            self
        } else {
            other
        }
    }

    /// The status for an error that ended a command.
    pub fn of_error(e: &anyhow::Error) -> Status {
        if e.chain().any(|c| c.downcast_ref::<UsageError>().is_some()) {
            Status::Usage
        } else {
            Status::Failed
        }
    }
}

/// Bad usage or bad input named on the command line (exit status 2).
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct UsageError(pub String);

/// True when the error is a write to a closed stdout (`iop ... | head`):
/// the reader has all it wanted, so the command ends quietly with status 0.
pub fn is_closed_stdout(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            || c.downcast_ref::<serde_json::Error>()
                .and_then(|j| j.io_error_kind())
                .is_some_and(|k| k == std::io::ErrorKind::BrokenPipe)
            || c.downcast_ref::<csv::Error>().is_some_and(|x| {
                matches!(x.kind(), csv::ErrorKind::Io(io) if io.kind() == std::io::ErrorKind::BrokenPipe)
            })
    })
}

/// An error and its causes as one sentence: "a: b: c".
pub fn error_chain(e: &anyhow::Error) -> String {
    let mut parts: Vec<String> = Vec::new();
    for cause in e.chain() {
        let s = cause.to_string();
        // thiserror messages often repeat their source; keep each piece once
        if !parts.iter().any(|p| p.contains(&s)) {
            parts.push(s);
        }
    }
    parts.join(": ")
}

/// Logs go to stderr; `-v` for more, `-q` for errors only, or `RUST_LOG`.
pub fn init_logging(verbose: u8, quiet: bool) {
    use tracing_subscriber::EnvFilter;
    let level = if quiet {
        "error"
    } else {
        match verbose {
            0 => "warn",
            1 => "info",
            2 => "debug",
            _ => "trace",
        }
    };
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new(format!("iop={level},warn")));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .with_target(false)
        .try_init();
}

/// iop: a national register of partnership agreements (IOP and others)
/// between Swedish kommuner and regions and non-profit organisations, built
/// from municipal press releases.
#[derive(Debug, Parser)]
#[command(name = "iop", version, about, long_about = None)]
pub struct Cli {
    /// More log output on stderr (-v info, -vv debug).
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    pub verbose: u8,
    /// Only errors on stderr.
    #[arg(short, long, global = true)]
    pub quiet: bool,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// The main job: extract fixtures/, build the index, print a summary.
    Run(run::Args),
    /// Extract records from pages: files, directories, a crawl store or `-`.
    Extract(extract::Args),
    /// Fetch news pages of municipal sites into the page store.
    Crawl(crawl::Args),
    /// Add records or pages to the search index (upsert by id).
    Index(index::Args),
    /// Full-text search with filters.
    Search(search::Args),
    /// Yearly public funding per kommun, county or partner.
    Funding(funding::Args),
    /// The register: one row per agreement, however many pages report it.
    Agreements(agreements::Args),
    /// Serve the HTTP API and the search page.
    Serve(serve::Args),
    /// Score extraction against gold files, field by field.
    Eval(eval::Args),
}

/// Run one command.
pub fn run(cli: Cli) -> anyhow::Result<Status> {
    match cli.command {
        Command::Run(a) => run::run(a),
        Command::Extract(a) => extract::run(a, cli.quiet),
        Command::Crawl(a) => crawl::run(a),
        Command::Index(a) => index::run(a),
        Command::Search(a) => search::run(a),
        Command::Funding(a) => funding::run(a),
        Command::Agreements(a) => agreements::run(a),
        Command::Serve(a) => serve::run(a),
        Command::Eval(a) => eval::run(a),
    }
}

/// The default directory for data the tool writes (`data/`).
pub fn default_data_dir() -> PathBuf {
    PathBuf::from("data")
}
