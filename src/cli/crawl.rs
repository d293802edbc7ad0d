//! `iop crawl`: fetch news pages of municipal sites into the page store.

use std::path::PathBuf;

use super::Status;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Settings file (default: the built-in config/iop.toml).
    #[arg(long)]
    pub config: Option<PathBuf>,
    /// Crawl only the site of this URL (same host), starting there. Repeatable.
    #[arg(long)]
    pub seed: Vec<String>,
    /// The page store.
    #[arg(long, default_value = "data/pages")]
    pub store: PathBuf,
    /// Stop after this many pages fetched in all.
    #[arg(long)]
    pub max_pages: Option<usize>,
    /// Least milliseconds between two requests to one host.
    #[arg(long)]
    pub delay_ms: Option<u64>,
}

pub fn run(args: Args) -> anyhow::Result<Status> {
    let _ = args;
    anyhow::bail!("iop crawl is not built yet")
}
