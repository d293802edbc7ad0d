//! `iop funding`: yearly public funding per kommun, county or partner, with
//! population and kronor per inhabitant, biggest first. Agreements without a
//! yearly figure are counted, not summed, and the output says so.

use std::io::Write;

use anyhow::Context as _;

use super::Status;
use super::filters::{FilterArgs, IndexArg};
use super::output::{Format, kronor, write_rows};
use super::search::cli_error;
use crate::search::Searcher;

/// What to group funding by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum By {
    Municipality,
    County,
    Partner,
}

impl From<By> for crate::search::By {
    fn from(b: By) -> Self {
        match b {
            By::Municipality => crate::search::By::Municipality,
            By::County => crate::search::By::County,
            By::Partner => crate::search::By::Partner,
        }
    }
}

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub index: IndexArg,
    #[arg(long, value_enum, default_value = "table")]
    pub format: Format,
    #[arg(long, value_enum, default_value = "municipality")]
    pub by: By,
    #[command(flatten)]
    pub filters: FilterArgs,
}

pub fn run(args: Args) -> anyhow::Result<Status> {
    let searcher = Searcher::open(&args.index.index).map_err(cli_error)?;
    let report = searcher
        .funding(args.by.into(), &args.filters.into())
        .map_err(cli_error)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    write_rows(&mut out, args.format, &report.rows).context("cannot write to stdout")?;
    if args.format == Format::Table {
        writeln!(
            out,
            "\n{} agreements, {} kr a year in all (agreements on pages in the index; \
             an agreement reported by two pages counts twice).",
            report.agreements,
            kronor(report.public_sek_per_year)
        )?;
        if let Some(note) = report.note() {
            writeln!(out, "{note}; see agreements_without_figure.")?;
        }
    } else if let Some(note) = report.note() {
        // the rows carry the count; say it once on stderr for people too
        eprintln!("iop: note: {note}");
    }
    out.flush().context("cannot write to stdout")?;
    Ok(Status::Ok)
}
