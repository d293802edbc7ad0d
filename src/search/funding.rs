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
pub struct FundingRow {
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
    /// The row's agreements, biggest figure first (unknown last).
    pub items: Vec<FundingItem>,
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
pub struct FundingReport {
    pub by: By,
    pub sort: FundingSort,
    pub rows: Vec<FundingRow>,
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

impl FundingReport {
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

/// Agreements of a year or a row, summed as they come.
#[derive(Debug, Default, Clone)]
struct Sum {
    agreements: usize,
    without: usize,
    sek: Option<i64>,
}

impl Sum {
    fn add(&mut self, figure: Option<i64>) {
        self.agreements += 1;
        match figure {
            Some(v) => self.sek = Some(self.sek.unwrap_or(0).saturating_add(v)),
            None => self.without += 1,
        }
    }
}

/// Longest span of years an agreement adds to the per-year figures.
const MAX_YEARS: i32 = 50;

fn years_of(e: &Entry) -> std::ops::RangeInclusive<i32> {
    let y = e.period().years();
    let (a, b) = (*y.start(), *y.end());
    a..=b.min(a.saturating_add(MAX_YEARS - 1))
}

fn year_figures(m: Vec<(i32, Sum)>) -> Vec<YearFigure> {
    m.into_iter()
        .map(|(year, s)| YearFigure {
            year,
            agreements: s.agreements,
            agreements_without_figure: s.without,
            public_sek_per_year: s.sek,
        })
        .collect()
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
    let grouping = Grouping::new(entries.iter().copied(), opts.by, reference);
    let picked: Vec<(&Entry, u32)> = entries
        .iter()
        .copied()
        .zip(grouping.of.iter().copied())
        .collect();
    aggregate(&picked, &grouping.groups, opts)
}

/// Aggregate entries, each with its group in `groups`, into rows.
pub fn aggregate(
    entries: &[(&Entry, u32)],
    groups: &[Group],
    opts: FundingOptions,
) -> FundingReport {
    struct Acc<'a> {
        sum: Sum,
        entries: Vec<&'a Entry>,
        years: Vec<(i32, Sum)>,
    }
    let mut accs: Vec<Option<Acc>> = (0..groups.len()).map(|_| None).collect();
    let mut total = Sum::default();
    let mut years: Vec<(i32, Sum)> = Vec::new();
    let mut without_period = 0;
    let add_year = |v: &mut Vec<(i32, Sum)>, y: i32, figure: Option<i64>| match v
        .iter_mut()
        .find(|(x, _)| *x == y)
    {
        Some((_, s)) => s.add(figure),
        None => {
            let mut s = Sum::default();
            s.add(figure);
            v.push((y, s));
        }
    };
    for &(e, g) in entries {
        let acc = accs[g as usize].get_or_insert_with(|| Acc {
            sum: Sum::default(),
            entries: Vec::new(),
            years: Vec::new(),
        });
        acc.sum.add(e.public_sek_per_year);
        acc.entries.push(e);
        total.add(e.public_sek_per_year);
        let span = years_of(e);
        if span.is_empty() {
            without_period += 1;
        }
        for y in span {
            add_year(&mut acc.years, y, e.public_sek_per_year);
            add_year(&mut years, y, e.public_sek_per_year);
        }
    }
    // the rows' figures first; their agreements and years only for the rows kept
    let mut rows: Vec<(FundingRow, Acc)> = accs
        .into_iter()
        .zip(groups)
        .filter_map(|(a, g)| a.map(|a| (a, g)))
        .map(|(a, g)| {
            let per = match (a.sum.sek, g.population) {
                (Some(s), Some((p, _))) if p > 0 => {
                    Some((s as f64 / p as f64 * 100.0).round() / 100.0)
                }
                _ => None,
            };
            let row = FundingRow {
                key: g.key.clone(),
                code: g.code.clone(),
                name: g.name.clone(),
                agreements: a.sum.agreements,
                agreements_without_figure: a.sum.without,
                public_sek_per_year: a.sum.sek,
                population: g.population.map(|(p, _)| p),
                population_year: g.population.map(|(_, y)| y),
                sek_per_inhabitant: per,
                items_omitted: 0,
                items: Vec::new(),
                years: Vec::new(),
            };
            (row, a)
        })
        .collect();
    rows.sort_by(|a, b| row_order(&a.0, &b.0, opts.sort));
    let rows_total = rows.len();
    if let Some(n) = opts.limit {
        rows.truncate(n);
    }
    let rows: Vec<FundingRow> = rows
        .into_iter()
        .map(|(mut row, a)| {
            let mut es = a.entries;
            let keep = opts.items.unwrap_or(usize::MAX).min(es.len());
            let order = |x: &&Entry, y: &&Entry| {
                (
                    x.public_sek_per_year.is_none(),
                    std::cmp::Reverse(x.public_sek_per_year),
                )
                    .cmp(&(
                        y.public_sek_per_year.is_none(),
                        std::cmp::Reverse(y.public_sek_per_year),
                    ))
                    .then(x.agreement_id.cmp(&y.agreement_id))
            };
            if keep < es.len() && keep > 0 {
                es.select_nth_unstable_by(keep - 1, order);
                es[..keep].sort_by(order);
            } else if keep > 0 {
                es.sort_by(order);
            }
            let mut ys = a.years;
            ys.sort_by_key(|(y, _)| *y);
            row.items_omitted = es.len() - keep;
            row.items = es[..keep].iter().map(|e| item(e)).collect();
            row.years = year_figures(ys);
            row
        })
        .collect();
    years.sort_by_key(|(y, _)| *y);
    FundingReport {
        by: opts.by,
        sort: opts.sort,
        rows,
        rows_total,
        agreements: total.agreements,
        agreements_without_figure: total.without,
        public_sek_per_year: total.sek,
        in_force: None,
        agreements_without_period: without_period,
        years: year_figures(years),
        left_out: LeftOut::default(),
    }
}

/// The order of rows by a column: unknown values last, ties by name then key.
fn row_order(a: &FundingRow, b: &FundingRow, sort: FundingSort) -> std::cmp::Ordering {
    use std::cmp::{Ordering, Reverse};
    /// Biggest first, `None` last.
    fn desc<T: PartialOrd>(a: Option<T>, b: Option<T>) -> Ordering {
        match (a, b) {
            (Some(x), Some(y)) => y.partial_cmp(&x).unwrap_or(Ordering::Equal),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        }
    }
    {
        let first = match sort {
            FundingSort::Sek => desc(a.public_sek_per_year, b.public_sek_per_year)
                .then(Reverse(a.agreements).cmp(&Reverse(b.agreements))),
            FundingSort::SekPerInhabitant => desc(a.sek_per_inhabitant, b.sek_per_inhabitant),
            FundingSort::Agreements => b.agreements.cmp(&a.agreements),
            FundingSort::AgreementsWithoutFigure => b
                .agreements_without_figure
                .cmp(&a.agreements_without_figure),
            FundingSort::Population => desc(a.population, b.population),
            FundingSort::Name => Ordering::Equal,
            FundingSort::Code => match (&a.code, &b.code) {
                (Some(x), Some(y)) => x.cmp(y),
                (Some(_), None) => Ordering::Less,
                (None, Some(_)) => Ordering::Greater,
                (None, None) => Ordering::Equal,
            },
        };
        first
            .then_with(|| {
                // case-insensitively, without a lower-cased copy per comparison
                a.name
                    .chars()
                    .flat_map(char::to_lowercase)
                    .cmp(b.name.chars().flat_map(char::to_lowercase))
            })
            .then_with(|| a.key.cmp(&b.key))
    }
}

mod groups;
pub use groups::{Group, Grouping};

#[cfg(test)]
mod tests;
