//! The filters shared by `search`, `agreements` and `funding`.

use std::path::PathBuf;

/// What date filters do with pages or agreements that have no publication date.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Undated {
    /// Leave them out, and say how many were left out.
    #[default]
    Exclude,
    /// Keep them beside the dated ones.
    Include,
}

/// Filters on kommun/region, county, partner, publication date, yearly
/// amount, form and the year in force.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct FilterArgs {
    /// Kommun or region by SCB code or name ("0580", "Linköping", "Goteborg", "Region Skåne").
    #[arg(long)]
    pub municipality: Option<String>,
    /// County by code or name ("05", "Östergötlands län", "Ostergotland").
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
    /// What --from and --to do with what has no publication date.
    #[arg(long, value_enum, default_value = "exclude")]
    pub undated: Undated,
    /// Yearly public funding at least N kronor.
    #[arg(long)]
    pub min_sek: Option<i64>,
    /// Yearly public funding at most N kronor.
    #[arg(long)]
    pub max_sek: Option<i64>,
    /// Form of agreement: iop or agreement.
    #[arg(long)]
    pub form: Option<String>,
    /// Agreements in force on some day of YEAR, from their start and end
    /// (agreements and funding; those without a period are counted apart).
    #[arg(long, value_name = "YEAR")]
    pub in_force: Option<i32>,
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
            form: a.form,
            in_force: a.in_force,
            undated: match a.undated {
                Undated::Exclude => crate::search::Undated::Exclude,
                Undated::Include => crate::search::Undated::Include,
            },
        }
    }
}

/// Say on stderr what the filters left out for want of a value.
pub fn note_left_out(left_out: &crate::search::LeftOut, one: &str, many: &str) {
    for n in left_out.notes(one, many) {
        eprintln!("iop: note: {n}");
    }
}
