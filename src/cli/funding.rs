//! `iop funding`: yearly public funding per kommun, county or partner
//! organisation, with population and kronor per inhabitant, each agreement
//! counted once (at the figure best supported by its pages) and in exactly
//! one row, so the rows add up to the total. Every row lists its agreements
//! with their ids and figures; a figure nobody states is unknown (`–` in the
//! table, empty in CSV, `null` in JSON), never 0. `--format json` prints the
//! whole report (rows and totals), the same JSON as `GET /api/funding`.

use std::io::Write;

use anyhow::Context as _;

use super::Status;
use super::filters::{FilterArgs, IndexArg, note_left_out};
use super::output::{Format, Row, UNKNOWN, clip, kronor_or_unknown, table, write_rows};
use super::search::cli_error;
use crate::search::{Filters, FundingOptions, FundingReport, FundingSort, Searcher};

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

/// The column rows are sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Sort {
    /// Yearly public funding, biggest first.
    Sek,
    /// Kronor per inhabitant, biggest first.
    SekPerInhabitant,
    Agreements,
    AgreementsWithoutFigure,
    Population,
    /// Name, A to Ö.
    Name,
    Code,
}

impl From<Sort> for FundingSort {
    fn from(s: Sort) -> Self {
        match s {
            Sort::Sek => FundingSort::Sek,
            Sort::SekPerInhabitant => FundingSort::SekPerInhabitant,
            Sort::Agreements => FundingSort::Agreements,
            Sort::AgreementsWithoutFigure => FundingSort::AgreementsWithoutFigure,
            Sort::Population => FundingSort::Population,
            Sort::Name => FundingSort::Name,
            Sort::Code => FundingSort::Code,
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
    /// Sort rows by this column; unknown values last.
    #[arg(long, value_enum, default_value = "sek")]
    pub sort: Sort,
    /// Print only the first N rows (the totals still cover every row).
    #[arg(long)]
    pub limit: Option<usize>,
    /// Agreements listed under each row (default: 10 in the table, all otherwise).
    #[arg(long, value_name = "N")]
    pub items: Option<usize>,
    /// One column per year in the table: the yearly figure of the agreements in force.
    #[arg(long)]
    pub per_year: bool,
    #[command(flatten)]
    pub filters: FilterArgs,
    /// Only agreements reported by a page matching this query.
    pub query: Option<String>,
}

/// Agreements listed per row in the table unless `--items` says otherwise.
const TABLE_ITEMS: usize = 10;

pub fn run(args: Args) -> anyhow::Result<Status> {
    let searcher = Searcher::open(&args.index.index).map_err(cli_error)?;
    let filters: Filters = args.filters.into();
    let items = match (args.items, args.format) {
        (Some(0), _) => None,
        (Some(n), _) => Some(n),
        (None, Format::Table) => Some(TABLE_ITEMS),
        (None, _) => None,
    };
    let opts = FundingOptions {
        by: args.by.into(),
        sort: args.sort.into(),
        limit: args.limit,
        items,
    };
    let query = args.query.unwrap_or_default();
    let report = searcher
        .funding(&query, &filters, opts)
        .map_err(cli_error)?;
    // how many page reports were merged into the agreements counted
    let (view, sel) = searcher.select(&query, &filters).map_err(cli_error)?;
    let entries: Vec<&crate::register::Entry> = sel
        .entries
        .iter()
        .map(|&i| &view.register.entries[i])
        .collect();
    let merged = super::agreements::summary(&entries);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match args.format {
        Format::Table => {
            write_table(&mut out, &report, args.per_year).and_then(|_| writeln!(out, "{merged}."))
        }
        Format::Json => serde_json::to_writer_pretty(&mut out, &report)
            .map_err(std::io::Error::other)
            .and_then(|_| writeln!(out)),
        f => write_rows(&mut out, f, &report.rows),
    }
    .and_then(|_| out.flush())
    .context("cannot write to stdout")?;
    if args.format != Format::Table {
        eprintln!("iop: note: {merged}");
    }
    if !matches!(args.format, Format::Table | Format::Json) {
        // csv and ndjson carry rows only; say the totals once for people
        eprintln!("iop: note: {}", totals(&report));
    }
    if let Some(y) = report.in_force {
        eprintln!(
            "iop: note: {} agreements in force in {y}",
            report.agreements
        );
    }
    note_left_out(&report.left_out, "agreement", "agreements");
    Ok(Status::Ok)
}

/// The totals as one sentence.
fn totals(r: &FundingReport) -> String {
    let mut s = format!(
        "{} agreements, {} kr a year in all, each agreement counted once and in one row",
        r.agreements,
        kronor_or_unknown(r.public_sek_per_year)
    );
    if let Some(note) = r.note() {
        s.push_str("; ");
        s.push_str(&note);
    }
    if r.rows.len() < r.rows_total {
        s.push_str(&format!(
            "; the first {} of {} rows shown",
            r.rows.len(),
            r.rows_total
        ));
    }
    s
}

/// The table: each row, its agreements indented under it, a total line.
fn write_table(out: &mut impl Write, r: &FundingReport, per_year: bool) -> std::io::Result<()> {
    let years: Vec<i32> = if per_year {
        r.years.iter().map(|y| y.year).collect()
    } else {
        Vec::new()
    };
    let cols = crate::search::FundingRow::table_header();
    let mut header: Vec<String> = cols.iter().map(|(h, _)| h.to_string()).collect();
    let mut right: Vec<bool> = cols.iter().map(|(_, n)| *n).collect();
    for y in &years {
        header.push(y.to_string());
        right.push(true);
    }
    let year_cell = |figs: &[crate::search::funding::YearFigure], y: i32| {
        figs.iter()
            .find(|f| f.year == y)
            .map(|f| kronor_or_unknown(f.public_sek_per_year))
            .unwrap_or_default()
    };
    let mut body: Vec<Vec<String>> = Vec::new();
    for row in &r.rows {
        let mut cells = row.table_cells();
        cells.extend(years.iter().map(|&y| year_cell(&row.years, y)));
        body.push(cells);
        for i in &row.items {
            let who = if i.partners.is_empty() {
                i.public_party.clone()
            } else {
                i.partners.join(", ")
            };
            let mut cells = vec![
                String::new(),
                format!("  {} {}", i.agreement_id, clip(&who, 36)),
                String::new(),
                String::new(),
                kronor_or_unknown(i.public_sek_per_year),
                String::new(),
                String::new(),
            ];
            cells.extend(years.iter().map(|_| String::new()));
            body.push(cells);
        }
        if row.items_omitted > 0 {
            let mut cells = vec![
                String::new(),
                format!("  … and {} more (--items 0 lists all)", row.items_omitted),
            ];
            cells.resize(header.len(), String::new());
            body.push(cells);
        }
    }
    let mut total = vec![
        String::new(),
        "total".to_string(),
        r.agreements.to_string(),
        r.agreements_without_figure.to_string(),
        kronor_or_unknown(r.public_sek_per_year),
        String::new(),
        String::new(),
    ];
    total.extend(years.iter().map(|&y| year_cell(&r.years, y)));
    body.push(total);
    table(out, &header, &body, &right)?;
    writeln!(out, "\n{}.", totals(r))?;
    if r.agreements_without_period > 0 && per_year {
        writeln!(
            out,
            "{} agreements name no period and are in no year's column.",
            r.agreements_without_period
        )?;
    }
    if r.agreements_without_figure > 0 {
        writeln!(
            out,
            "A figure shown as {UNKNOWN} is stated on no page: unknown, not 0."
        )?;
    }
    Ok(())
}
