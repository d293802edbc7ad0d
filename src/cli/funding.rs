//! `iop funding`: yearly public funding per kommun, county or partner.

use super::Status;
use super::filters::{FilterArgs, IndexArg};
use super::output::Format;

/// What to group funding by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum By {
    Municipality,
    County,
    Partner,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub index: IndexArg,
    #[arg(long, value_enum, default_value = "table")]
    pub format: Format,
    #[arg(long, value_enum, default_value = "municipality")]
    pub by: By,
    #[command(flatten)]
    pub filters: FilterArgs,
}

pub fn run(args: Args) -> anyhow::Result<Status> {
    let _ = args;
    anyhow::bail!("iop funding is not built yet")
}
