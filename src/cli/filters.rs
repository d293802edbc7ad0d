//! The filters shared by `search`, `agreements` and `funding`.

use std::path::PathBuf;

/// Filters on kommun/region, county, partner, publication date and yearly amount.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct FilterArgs {
    /// Kommun or region by SCB code or name ("0580", "Linköping", "Region Skåne").
    #[arg(long)]
    pub municipality: Option<String>,
    /// County by code or name ("05", "Östergötlands län").
    #[arg(long)]
    pub county: Option<String>,
    /// Partner organisation, words of its name.
    #[arg(long)]
    pub partner: Option<String>,
    /// Published on or after DATE (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long)]
    pub from: Option<String>,
    /// Published on or before DATE.
    #[arg(long)]
    pub to: Option<String>,
    /// Yearly public funding at least N kronor.
    #[arg(long)]
    pub min_sek: Option<i64>,
    /// Yearly public funding at most N kronor.
    #[arg(long)]
    pub max_sek: Option<i64>,
}

/// The index directory argument, default `data/index`.
#[derive(Debug, Clone, clap::Args)]
pub struct IndexArg {
    /// The index directory.
    #[arg(long, default_value = "data/index")]
    pub index: PathBuf,
}

impl From<FilterArgs> for crate::search::Filters {
    fn from(a: FilterArgs) -> Self {
        crate::search::Filters {
            municipality: a.municipality,
            county: a.county,
            partner: a.partner,
            from: a.from,
            to: a.to,
            min_sek: a.min_sek,
            max_sek: a.max_sek,
        }
    }
}
