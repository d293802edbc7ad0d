//! `iop index`: add records (JSON Lines) or pages to the search index.

use std::path::PathBuf;

use super::Status;
use super::filters::IndexArg;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub index: IndexArg,
    /// JSON Lines files of records, or pages and directories as for `extract`.
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
}

pub fn run(args: Args) -> anyhow::Result<Status> {
    let _ = args;
    anyhow::bail!("iop index is not built yet")
}
