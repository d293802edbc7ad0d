//! `iop agreements`: the register, one row per agreement however many pages
//! report it. Reads every stored record of the index, links them into the
//! register (so ids and page lists do not depend on the filters), and prints
//! the agreements that have at least one page matching the filters.

use std::collections::HashSet;
use std::io::Write;

use anyhow::Context as _;

use super::Status;
use super::filters::{FilterArgs, IndexArg};
use super::output::{Format, Row, kronor, write_rows};
use super::search::cli_error;
use crate::register::{Entry, Register};
use crate::search::{Filters, SearchError, Searcher};

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub index: IndexArg,
    #[arg(long, value_enum, default_value = "table")]
    pub format: Format,
    #[command(flatten)]
    pub filters: FilterArgs,
}

/// The register of the whole index and the agreements with a page matching
/// the filters, in register order.
pub fn selected(
    searcher: &Searcher,
    filters: &Filters,
) -> Result<(std::sync::Arc<Register>, Vec<usize>), SearchError> {
    searcher.register(filters)
}

/// How many agreements, page reports and pages, and how many reports were
/// merged: "4 agreements from 8 reports on 7 pages (4 reports merged)".
pub fn summary(entries: &[&Entry]) -> String {
    let reports: usize = entries.iter().map(|e| e.pages.len()).sum();
    let pages: HashSet<&str> = entries
        .iter()
        .flat_map(|e| e.pages.iter().map(|p| p.record_id.as_str()))
        .collect();
    format!(
        "{} agreements from {reports} reports on {} pages ({} reports merged into an agreement another page reports)",
        entries.len(),
        pages.len(),
        reports - entries.len()
    )
}

pub fn run(args: Args) -> anyhow::Result<Status> {
    let searcher = Searcher::open(&args.index.index).map_err(cli_error)?;
    let filters: Filters = args.filters.into();
    let (register, picked) = selected(&searcher, &filters).map_err(cli_error)?;
    let entries: Vec<Entry> = picked
        .iter()
        .map(|&i| register.entries[i].clone())
        .collect();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    write_rows(&mut out, args.format, &entries).context("cannot write to stdout")?;
    if args.format == Format::Table {
        let sek: i64 = entries.iter().filter_map(|e| e.public_sek_per_year).sum();
        let refs: Vec<&Entry> = entries.iter().collect();
        writeln!(
            out,
            "\n{}; {} kr a year in all, each agreement counted once.",
            summary(&refs),
            kronor(sek)
        )
        .context("cannot write to stdout")?;
    }
    out.flush().context("cannot write to stdout")?;
    Ok(Status::Ok)
}

impl Row for Entry {
    fn header() -> &'static [&'static str] {
        &[
            "agreement_id",
            "partnership_id",
            "public_party",
            "code",
            "county",
            "partners",
            "form",
            "start",
            "end",
            "public_sek_per_year",
            "page_count",
            "conflicts",
            "pages",
        ]
    }

    fn cells(&self) -> Vec<String> {
        let r = self.row();
        vec![
            r.agreement_id,
            r.partnership_id,
            r.public_party,
            r.code,
            r.county,
            r.partners,
            r.form,
            r.start,
            r.end,
            r.public_sek_per_year,
            r.page_count.to_string(),
            r.conflicts,
            r.pages,
        ]
    }

    fn table_header() -> &'static [(&'static str, bool)] {
        &[
            ("agreement", false),
            ("public party", false),
            ("partners", false),
            ("form", false),
            ("start", false),
            ("end", false),
            ("kr/year", true),
            ("pages", true),
        ]
    }

    fn table_cells(&self) -> Vec<String> {
        let r = self.row();
        let mut sek = self.public_sek_per_year.map(kronor).unwrap_or_default();
        if !self.conflicts.is_empty() {
            sek.push('*');
        }
        vec![
            r.agreement_id,
            format!("{} ({})", r.public_party, r.code),
            r.partners,
            r.form,
            r.start,
            r.end,
            sek,
            r.page_count.to_string(),
        ]
    }
}
