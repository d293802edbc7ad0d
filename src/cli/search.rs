//! `iop search`: full-text search with filters, printed as a table for
//! people or JSON/CSV/NDJSON for scripts. A bad query or filter is a usage
//! error (exit status 2).

use std::io::Write;

use anyhow::Context as _;

use super::filters::{FilterArgs, IndexArg};
use super::output::{Format, Row, hits_table, write_rows};
use super::{Status, UsageError};
use crate::search::RegisterHit;
use crate::search::{Hit, SearchError, SearchRequest, Searcher};

/// Order of hits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Sort {
    Score,
    Published,
    Sek,
}

impl From<Sort> for crate::search::Sort {
    fn from(s: Sort) -> Self {
        match s {
            Sort::Score => crate::search::Sort::Score,
            Sort::Published => crate::search::Sort::Published,
            Sort::Sek => crate::search::Sort::Sek,
        }
    }
}

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub index: IndexArg,
    #[arg(long, value_enum, default_value = "table")]
    pub format: Format,
    /// Most hits to print.
    #[arg(long, default_value_t = 20)]
    pub limit: usize,
    #[arg(long, value_enum, default_value = "score")]
    pub sort: Sort,
    #[command(flatten)]
    pub filters: FilterArgs,
    /// Query in tantivy syntax: words, "phrases", AND/OR/NOT, field:term.
    pub query: String,
}

/// A search error for the CLI: the user's mistakes become usage errors.
pub fn cli_error(e: SearchError) -> anyhow::Error {
    if e.is_usage() {
        UsageError(e.to_string()).into()
    } else {
        e.into()
    }
}

impl Row for RegisterHit {
    fn header() -> &'static [&'static str] {
        &[
            "id",
            "score",
            "title",
            "url",
            "path",
            "published",
            "municipality",
            "code",
            "partners",
            "form",
            "public_sek_per_year",
            "snippet",
            "agreement_ids",
        ]
    }

    fn cells(&self) -> Vec<String> {
        let mut c = self.hit.cells();
        c.push(self.agreement_ids.join(" "));
        c
    }

    fn table_header() -> &'static [(&'static str, bool)] {
        Hit::table_header()
    }

    fn table_cells(&self) -> Vec<String> {
        self.hit.table_cells()
    }
}

pub fn run(args: Args) -> anyhow::Result<Status> {
    let searcher = Searcher::open(&args.index.index).map_err(cli_error)?;
    let req = SearchRequest {
        query: args.query,
        filters: args.filters.into(),
        sort: args.sort.into(),
        limit: args.limit,
        offset: 0,
    };
    let res = searcher.search_register(&req).map_err(cli_error)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let left_out = res.left_out;
    match args.format {
        Format::Table => {
            let (hits, agreements): (Vec<_>, Vec<_>) = res
                .hits
                .into_iter()
                .map(|h| (h.hit, h.agreement_ids))
                .unzip();
            hits_table(&mut out, res.total, &hits, &agreements)
        }
        f => write_rows(&mut out, f, &res.hits),
    }
    .and_then(|_| out.flush())
    .context("cannot write to stdout")?;
    super::filters::note_left_out(&left_out, "page", "pages");
    Ok(Status::Ok)
}
