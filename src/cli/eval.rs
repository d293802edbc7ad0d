//! `iop eval GOLD_DIR [PATH...]`: extract and score against gold files.

use std::path::PathBuf;

use super::Status;

#[derive(Debug, clap::Args)]
pub struct Args {
    pub gold_dir: PathBuf,
    pub paths: Vec<PathBuf>,
}

pub fn run(args: Args) -> anyhow::Result<Status> {
    let _ = args;
    anyhow::bail!("iop eval is not built yet")
}
