//! `iop agreements`: the register, one row per agreement.

use super::Status;
use super::filters::{FilterArgs, IndexArg};
use super::output::Format;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub index: IndexArg,
    #[arg(long, value_enum, default_value = "table")]
    pub format: Format,
    #[command(flatten)]
    pub filters: FilterArgs,
}

pub fn run(args: Args) -> anyhow::Result<Status> {
    let _ = args;
    anyhow::bail!("iop agreements is not built yet")
}
