//! `iop agreements`: the register, one row per agreement however many pages
//! report it. The register is built from every stored record of the index
//! (so ids and page lists do not depend on the filters); the filters select
//! agreements by their own values (a partner filter matches the agreement's
//! partners), and an optional full-text query keeps the agreements with a
//! page that matches it. What a filter left out for want of a value (an
//! undated page, a period, a figure) is said on stderr.

use std::collections::HashSet;
use std::io::Write;

use anyhow::Context as _;

use super::Status;
use super::filters::{FilterArgs, IndexArg, note_left_out};
use super::output::{Format, Row, UNKNOWN, count, kronor, write_rows};
use super::search::cli_error;
use crate::register::Entry;
use crate::search::{Filters, Searcher};

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub index: IndexArg,
    #[arg(long, value_enum, default_value = "table")]
    pub format: Format,
    #[command(flatten)]
    pub filters: FilterArgs,
    /// Most agreements to print, in register order (all by default).
    #[arg(long)]
    pub limit: Option<usize>,
    /// Only agreements reported by a page matching this query (tantivy
    /// syntax, as for `iop search`).
    pub query: Option<String>,
}

/// How many agreements, page reports and pages, and how many reports were
/// merged: "4 agreements from 8 reports on 7 pages (4 reports merged)".
pub fn summary(entries: &[&Entry]) -> String {
    let reports: usize = entries.iter().map(|e| e.pages.len()).sum();
    let pages: HashSet<&str> = entries
        .iter()
        .flat_map(|e| e.pages.iter().map(|p| p.record_id.as_str()))
        .collect();
    let merged = reports - entries.len();
    format!(
        "{} from {} on {} ({} merged into an agreement another page reports)",
        count(entries.len(), "agreement", "agreements"),
        count(reports, "report", "reports"),
        count(pages.len(), "page", "pages"),
        count(merged, "report", "reports"),
    )
}

pub fn run(args: Args) -> anyhow::Result<Status> {
    let searcher = Searcher::open(&args.index.index).map_err(cli_error)?;
    let filters: Filters = args.filters.into();
    let query = args.query.unwrap_or_default();
    let (view, sel) = searcher.select(&query, &filters).map_err(cli_error)?;
    let all: Vec<&Entry> = sel
        .entries
        .iter()
        .map(|&i| &view.register.entries[i])
        .collect();
    let shown = &all[..args.limit.unwrap_or(usize::MAX).min(all.len())];
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    write_rows(&mut out, args.format, shown).context("cannot write to stdout")?;
    if args.format == Format::Table {
        let sek: i64 = all.iter().filter_map(|e| e.public_sek_per_year).sum();
        let without = all
            .iter()
            .filter(|e| e.public_sek_per_year.is_none())
            .count();
        let mut line = format!(
            "\n{}; {} kr a year in all, each agreement counted once",
            summary(&all),
            kronor(sek)
        );
        if without > 0 {
            line.push_str(&format!(
                " ({without} without a yearly figure, shown as {UNKNOWN})"
            ));
        }
        if shown.len() < all.len() {
            line.push_str(&format!("; the first {} shown", shown.len()));
        }
        writeln!(out, "{line}.").context("cannot write to stdout")?;
    }
    out.flush().context("cannot write to stdout")?;
    note_left_out(&sel.left_out, "agreement", "agreements");
    Ok(Status::Ok)
}

impl Row for &Entry {
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
        let mut sek = super::output::kronor_or_unknown(self.public_sek_per_year);
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
