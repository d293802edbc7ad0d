//! `iop search`: full-text search with filters.

use super::Status;
use super::filters::{FilterArgs, IndexArg};
use super::output::Format;

/// Order of hits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Sort {
    Score,
    Published,
    Sek,
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

pub fn run(args: Args) -> anyhow::Result<Status> {
    let _ = args;
    anyhow::bail!("iop search is not built yet")
}
