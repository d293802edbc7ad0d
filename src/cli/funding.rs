//! `iop funding`: yearly public funding per kommun, county or partner, with
//! population and kronor per inhabitant, biggest first. Agreements without a
//! yearly figure are counted, not summed, and the output says so. Counts
//! register entries: an agreement reported by several pages counts once, at
//! the figure best supported by its pages, and the output says how many
//! pages were merged.

use std::io::Write;

use anyhow::Context as _;

use super::Status;
use super::agreements::selected;
use super::filters::{FilterArgs, IndexArg};
use super::output::{Format, kronor, write_rows};
use super::search::cli_error;
use crate::reference::Reference;
use crate::register::Entry;
use crate::search::funding::funding;
use crate::search::{Filters, FundingItem, Searcher};

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

/// A register entry as one unit of funding.
pub fn funding_item(e: &Entry) -> FundingItem {
    FundingItem::from_entry(e)
}

pub fn run(args: Args) -> anyhow::Result<Status> {
    let searcher = Searcher::open(&args.index.index).map_err(cli_error)?;
    let filters: Filters = args.filters.into();
    // each agreement once, at the figure best supported by its pages
    let (register, picked) = selected(&searcher, &filters).map_err(cli_error)?;
    let entries: Vec<&Entry> = picked.iter().map(|&i| &register.entries[i]).collect();
    let items: Vec<FundingItem> = entries.iter().map(|e| funding_item(e)).collect();
    let report = funding(&items, args.by.into(), Reference::embedded());
    let merged = super::agreements::summary(&entries);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    write_rows(&mut out, args.format, &report.rows).context("cannot write to stdout")?;
    if args.format == Format::Table {
        writeln!(
            out,
            "\n{merged}; {} kr a year in all, each agreement counted once.",
            kronor(report.public_sek_per_year)
        )?;
        if let Some(note) = report.note() {
            writeln!(out, "{note}; see agreements_without_figure.")?;
        }
    } else {
        // the rows carry the counts; say them once on stderr for people too
        eprintln!("iop: note: {merged}");
        if let Some(note) = report.note() {
            eprintln!("iop: note: {note}");
        }
    }
    out.flush().context("cannot write to stdout")?;
    Ok(Status::Ok)
}
