//! Funding aggregation over register entries: yearly public funding per
//! kommun/region, county or partner organisation, with population from the
//! reference table and kronor per inhabitant.
//!
//! Every agreement is in exactly one row, so the rows add up to the totals:
//! an agreement of two kommuner is a row of its own ("Region Skåne + Malmö
//! stad", per inhabitant over both), and agreements without a public party
//! (or partner) have a row too. A figure nobody states is unknown: `None`,
//! never 0, and a row whose agreements all lack a figure has no sum. Each row
//! lists its agreements with their ids and figures, and the figures per year
//! in force. Pure: uses `record`, `reference` and `register` only.

use serde::{Deserialize, Serialize};

use crate::record::PartialDate;
use crate::reference::Reference;
use crate::register::Entry;

/// What to group funding by.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum By {
    #[default]
    Municipality,
    County,
    /// The register's organisations: name and place.
    Partner,
}

/// The column rows are sorted by; numbers biggest first, names A to Ö,
/// unknown values last.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FundingSort {
    /// Yearly public funding.
    #[default]
    Sek,
    SekPerInhabitant,
    Agreements,
    AgreementsWithoutFigure,
    Population,
    Name,
    Code,
}

impl FundingSort {
    pub const ALL: [(&'static str, FundingSort); 7] = [
        ("sek", FundingSort::Sek),
        ("sek_per_inhabitant", FundingSort::SekPerInhabitant),
        ("agreements", FundingSort::Agreements),
        (
            "agreements_without_figure",
            FundingSort::AgreementsWithoutFigure,
        ),
        ("population", FundingSort::Population),
        ("name", FundingSort::Name),
        ("code", FundingSort::Code),
    ];
}

/// How a report is cut and ordered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct FundingOptions {
    pub by: By,
    pub sort: FundingSort,
    /// Rows to keep after sorting; all when `None`.
    pub limit: Option<usize>,
    /// Agreements listed per row (biggest first); all when `None`.
    pub items: Option<usize>,
}

/// One agreement of a row: its id and figure, and who it is between.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FundingItem {
    pub agreement_id: String,
    /// Yearly public funding; `null` when no page states it.
    pub public_sek_per_year: Option<i64>,
    pub public_party: String,
    pub partners: Vec<String>,
    pub start: Option<PartialDate>,
    pub end: Option<PartialDate>,
    /// The pages that report it (URLs, else paths).
    pub pages: Vec<String>,
}

/// The agreements of a row in force in one year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct YearFigure {
    pub year: i32,
    pub agreements: usize,
    pub agreements_without_figure: usize,
    /// Sum of the known yearly figures; `null` when none is known.
    pub public_sek_per_year: Option<i64>,
}

/// One group: a kommun/region (or several sharing agreements), a county, or
/// an organisation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FundingRow<I = FundingItem> {
    /// What the row groups by, stable across runs: "0580", "12+1280",
    /// "org-…", or "none" for agreements without a public party (or partner).
    pub key: String,
    /// SCB or county code ("12+1280" for a joint row); none for partners.
    pub code: Option<String>,
    pub name: String,
    /// Agreements in the row, with or without a yearly figure.
    pub agreements: usize,
    /// Of those, the ones without a yearly figure: counted, not summed.
    pub agreements_without_figure: usize,
    /// Sum of the known yearly figures, kronor; `null` when none is known.
    pub public_sek_per_year: Option<i64>,
    /// Inhabitants (reference table); none for partners.
    pub population: Option<u64>,
    pub population_year: Option<u32>,
    /// `public_sek_per_year / population`, two decimals; `null` when either is unknown.
    pub sek_per_inhabitant: Option<f64>,
    /// The row's agreements, biggest figure first (unknown last): each a
    /// [`FundingItem`], or the same written as JSON once per register.
    pub items: Vec<I>,
    /// Agreements of the row not listed in `items` (when the listing is cut).
    pub items_omitted: usize,
    /// The row's agreements in force each year (from their periods).
    pub years: Vec<YearFigure>,
}

/// What filters left out because a value they test is unknown.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LeftOut {
    /// Without a publication date, left out by `from`/`to`.
    pub undated: usize,
    /// Without any period, left out by `in_force`.
    pub no_period: usize,
    /// With only a start or only an end that does not settle the year.
    pub open_period: usize,
    /// Without a yearly figure, left out by `min_sek`/`max_sek`.
    pub no_figure: usize,
}

impl LeftOut {
    /// Sentences for people, one per kind left out, naming what was left out
    /// ("page"/"pages", "agreement"/"agreements").
    pub fn notes(&self, one: &str, many: &str) -> Vec<String> {
        let n = |k: usize| format!("{k} {}", if k == 1 { one } else { many });
        let mut v = Vec::new();
        if self.undated > 0 {
            v.push(format!(
                "{} without a publication date left out by the date filter (--undated include keeps them)",
                n(self.undated)
            ));
        }
        if self.no_period > 0 {
            v.push(format!(
                "{} naming no period left out by --in-force",
                n(self.no_period)
            ));
        }
        if self.open_period > 0 {
            v.push(format!(
                "{} naming only a start or an end that does not settle the year left out by --in-force",
                n(self.open_period)
            ));
        }
        if self.no_figure > 0 {
            v.push(format!(
                "{} without a yearly figure left out by the amount filter",
                n(self.no_figure)
            ));
        }
        v
    }
}

/// The rows and the totals. The totals count each agreement once, and equal
/// the sums of all rows (`rows_total` of them; `rows` may be cut by `limit`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FundingReport<I = FundingItem> {
    pub by: By,
    pub sort: FundingSort,
    pub rows: Vec<FundingRow<I>>,
    /// Rows before `limit`.
    pub rows_total: usize,
    pub agreements: usize,
    pub agreements_without_figure: usize,
    /// Sum of every known yearly figure; `null` when none is known.
    pub public_sek_per_year: Option<i64>,
    /// The year asked for with `in_force`, when one was.
    pub in_force: Option<i32>,
    /// Agreements without any period (they appear in no year of `years`).
    pub agreements_without_period: usize,
    /// Every agreement in force each year.
    pub years: Vec<YearFigure>,
    /// What the filters left out for want of a value.
    pub left_out: LeftOut,
}

impl<I> FundingReport<I> {
    /// The sentence saying what was not summed, when anything was not.
    pub fn note(&self) -> Option<String> {
        (self.agreements_without_figure > 0).then(|| {
            format!(
                "{} of {} agreements have no yearly figure: they are counted but not summed",
                self.agreements_without_figure, self.agreements
            )
        })
    }
}

/// The item of an entry.
pub fn item(e: &Entry) -> FundingItem {
    FundingItem {
        agreement_id: e.agreement_id.clone(),
        public_sek_per_year: e.public_sek_per_year,
        public_party: e.public_party.clone(),
        partners: e.partners.clone(),
        start: e.start,
        end: e.end,
        pages: e.pages.iter().map(|p| p.locator().to_string()).collect(),
    }
}

/// Aggregate entries into rows: each entry in exactly one row.
pub fn funding(entries: &[&Entry], opts: FundingOptions, reference: &Reference) -> FundingReport {
    let table = FundingTable::new(entries, reference);
    let all: Vec<usize> = (0..entries.len()).collect();
    table.report(&all, opts, |i| item(entries[i]))
}

mod groups;
mod table;
pub use groups::{Group, Grouping};
pub use table::FundingTable;

#[cfg(test)]
mod oracle;
#[cfg(test)]
mod tests;
