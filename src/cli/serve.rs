//! `iop serve`: the HTTP API and the search page.

use super::Status;
use super::filters::IndexArg;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub index: IndexArg,
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub addr: String,
}

pub fn run(args: Args) -> anyhow::Result<Status> {
    let _ = args;
    anyhow::bail!("iop serve is not built yet")
}
