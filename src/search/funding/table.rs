//! What funding reports need of each entry, worked out once per register
//! (per index state, in a searcher) so that a report is a few passes over
//! numbers: every entry's group by each grouping, its yearly figure, the
//! years it is in force as a range of slots, its place in the order a row
//! lists its agreements, and its item written as JSON. A report then sums
//! the selected entries per group, sorts the groups by one column (ties by a
//! precomputed name order), and lists agreements and years only for the rows
//! it keeps. Pure: uses `reference` and `register`.

use serde_json::value::RawValue;

use super::{
    By, FundingOptions, FundingReport, FundingRow, FundingSort, Grouping, LeftOut, YearFigure,
};
use crate::reference::Reference;
use crate::register::Entry;

/// Longest span of years an agreement adds to the per-year figures.
pub const MAX_YEARS: i32 = 50;

/// No row: the group of an entry that is not selected or not kept.
const NO_ROW: u32 = u32::MAX;

/// Agreements of a year or a row, summed as they come.
#[derive(Debug, Default, Clone)]
pub(super) struct Sum {
    pub(super) agreements: usize,
    pub(super) without: usize,
    pub(super) sek: Option<i64>,
}

impl Sum {
    pub(super) fn add(&mut self, figure: Option<i64>) {
        self.agreements += 1;
        match figure {
            Some(v) => self.sek = Some(self.sek.unwrap_or(0).saturating_add(v)),
            None => self.without += 1,
        }
    }

    fn year(self, year: i32) -> YearFigure {
        YearFigure {
            year,
            agreements: self.agreements,
            agreements_without_figure: self.without,
            public_sek_per_year: self.sek,
        }
    }
}

/// A row before it is written out: its group and sums.
struct Line {
    group: u32,
    sum: Sum,
    per: Option<f64>,
}

/// Entries as funding reports read them; built once per register.
#[derive(Debug, Default)]
pub struct FundingTable {
    /// Each entry's group by municipality, county and partner.
    groupings: [Grouping; 3],
    /// Each entry's yearly figure.
    figures: Vec<Option<i64>>,
    /// Every year some entry is in force, ascending: the slots of `spans`.
    years: Vec<i32>,
    /// Each entry's years in force (at most [`MAX_YEARS`] from the first)
    /// as slots `start..end`; empty without a period.
    spans: Vec<(u32, u32)>,
    /// Each entry's place in the order rows list agreements: biggest
    /// figure first, unknown last, ties by id.
    item_rank: Vec<u32>,
    /// The entries in that order.
    by_rank: Vec<u32>,
    /// Each entry's [`super::item`] as JSON.
    item_json: Vec<Box<RawValue>>,
}

impl FundingTable {
    /// The table of these entries (entry `i` is `entries[i]`).
    pub fn new(entries: &[&Entry], reference: &Reference) -> FundingTable {
        let groupings = [By::Municipality, By::County, By::Partner]
            .map(|by| Grouping::new(entries.iter().copied(), by, reference));
        let spans: Vec<(i32, i32)> = entries
            .iter()
            .map(|e| {
                let y = e.period().years();
                let (a, b) = (*y.start(), *y.end());
                (a, b.min(a.saturating_add(MAX_YEARS - 1)))
            })
            .collect();
        let mut years: Vec<i32> = spans.iter().flat_map(|&(a, b)| a..=b).collect();
        years.sort_unstable();
        years.dedup();
        let slot = |y: i32| years.partition_point(|&x| x < y) as u32;
        let spans = spans
            .iter()
            .map(|&(a, b)| {
                if a > b {
                    (0, 0)
                } else {
                    // the years of a span are all in `years`, so its slots
                    // are consecutive
                    (slot(a), slot(b) + 1)
                }
            })
            .collect();
        let mut order: Vec<usize> = (0..entries.len()).collect();
        order.sort_by(|&x, &y| {
            let (x, y) = (entries[x], entries[y]);
            (
                x.public_sek_per_year.is_none(),
                std::cmp::Reverse(x.public_sek_per_year),
                &x.agreement_id,
            )
                .cmp(&(
                    y.public_sek_per_year.is_none(),
                    std::cmp::Reverse(y.public_sek_per_year),
                    &y.agreement_id,
                ))
        });
        let mut item_rank = vec![0; entries.len()];
        for (place, &i) in order.iter().enumerate() {
            item_rank[i] = place as u32;
        }
        let by_rank = order.into_iter().map(|i| i as u32).collect();
        let item_json = entries
            .iter()
            .map(|e| {
                serde_json::value::to_raw_value(&super::item(e))
                    .expect("an item of strings and numbers is written as JSON")
            })
            .collect();
        FundingTable {
            groupings,
            figures: entries.iter().map(|e| e.public_sek_per_year).collect(),
            years,
            spans,
            item_rank,
            by_rank,
            item_json,
        }
    }

    /// Every entry's row by this grouping.
    pub fn grouping(&self, by: By) -> &Grouping {
        match by {
            By::Municipality => &self.groupings[0],
            By::County => &self.groupings[1],
            By::Partner => &self.groupings[2],
        }
    }

    /// Entry `i`'s item, as JSON written when the table was built: the bytes
    /// `serde_json` writes for [`super::item`] of it.
    pub fn item_json(&self, i: usize) -> &RawValue {
        &self.item_json[i]
    }

    /// Every year some entry is in force, ascending.
    pub fn years(&self) -> &[i32] {
        &self.years
    }

    /// Entry `i`'s years in force, as indices into [`FundingTable::years`].
    pub fn span(&self, i: usize) -> std::ops::Range<usize> {
        let (a, b) = self.spans[i];
        a as usize..b as usize
    }

    /// The report over the `selected` entries (indices into the table, each
    /// once), listing each kept row's agreements with `item`.
    pub fn report<I>(
        &self,
        selected: &[usize],
        opts: FundingOptions,
        item: impl Fn(usize) -> I,
    ) -> FundingReport<I> {
        let g = self.grouping(opts.by);
        let mut sums = vec![Sum::default(); g.groups.len()];
        let mut years = vec![Sum::default(); self.years.len()];
        let mut total = Sum::default();
        let mut without_period = 0;
        for &i in selected {
            let figure = self.figures[i];
            sums[g.of[i] as usize].add(figure);
            total.add(figure);
            let (a, b) = self.spans[i];
            if a == b {
                without_period += 1;
            }
            for s in &mut years[a as usize..b as usize] {
                s.add(figure);
            }
        }
        // the rows' figures first; their agreements and years only for the rows kept
        let mut lines: Vec<Line> = sums
            .into_iter()
            .enumerate()
            .filter(|(_, s)| s.agreements > 0)
            .map(|(k, sum)| Line {
                group: k as u32,
                per: match (sum.sek, g.groups[k].population) {
                    (Some(s), Some((p, _))) if p > 0 => {
                        Some((s as f64 / p as f64 * 100.0).round() / 100.0)
                    }
                    _ => None,
                },
                sum,
            })
            .collect();
        let rows_total = lines.len();
        let order = |a: &Line, b: &Line| line_order(a, b, g, opts.sort);
        match opts.limit {
            Some(0) => lines.clear(),
            Some(n) if n < lines.len() => {
                lines.select_nth_unstable_by(n - 1, order);
                lines.truncate(n);
                lines.sort_unstable_by(order);
            }
            _ => lines.sort_unstable_by(order),
        }
        let mut row_of = vec![NO_ROW; g.groups.len()];
        for (r, l) in lines.iter().enumerate() {
            row_of[l.group as usize] = r as u32;
        }
        let mut members: Vec<Vec<u32>> = vec![Vec::new(); lines.len()];
        let mut add = |i: usize| {
            let r = row_of[g.of[i] as usize];
            if r != NO_ROW {
                members[r as usize].push(i as u32);
            }
        };
        if opts.items.is_none() {
            // every agreement listed: gathered in the order rows list
            // them, so no row sorts its own
            let mut picked = vec![false; self.figures.len()];
            for &i in selected {
                picked[i] = true;
            }
            for &i in &self.by_rank {
                if picked[i as usize] {
                    add(i as usize);
                }
            }
        } else {
            for &i in selected {
                add(i);
            }
        }
        let mut scratch = vec![Sum::default(); self.years.len()];
        let rows = lines
            .into_iter()
            .zip(members)
            .map(|(l, mut es)| {
                let group = &g.groups[l.group as usize];
                let row_years = self.year_figures(&es, &mut scratch);
                let keep = opts.items.unwrap_or(usize::MAX).min(es.len());
                let rank = |i: &u32| self.item_rank[*i as usize];
                if opts.items.is_some() {
                    if keep > 0 && keep < es.len() {
                        es.select_nth_unstable_by_key(keep - 1, rank);
                    }
                    es.truncate(keep);
                    es.sort_unstable_by_key(rank);
                }
                let items_omitted = l.sum.agreements - es.len();
                FundingRow {
                    key: group.key.clone(),
                    code: group.code.clone(),
                    name: group.name.clone(),
                    agreements: l.sum.agreements,
                    agreements_without_figure: l.sum.without,
                    public_sek_per_year: l.sum.sek,
                    population: group.population.map(|(p, _)| p),
                    population_year: group.population.map(|(_, y)| y),
                    sek_per_inhabitant: l.per,
                    items: es.iter().map(|&i| item(i as usize)).collect(),
                    items_omitted,
                    years: row_years,
                }
            })
            .collect();
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
            years: years
                .into_iter()
                .zip(&self.years)
                .filter(|(s, _)| s.agreements > 0)
                .map(|(s, &y)| s.year(y))
                .collect(),
            left_out: LeftOut::default(),
        }
    }

    /// The figures per year of some entries, summed in `scratch` (one
    /// default [`Sum`] per slot, left as it was found).
    fn year_figures(&self, entries: &[u32], scratch: &mut [Sum]) -> Vec<YearFigure> {
        let (mut lo, mut hi) = (usize::MAX, 0);
        for &i in entries {
            let (a, b) = self.spans[i as usize];
            let (a, b) = (a as usize, b as usize);
            if a < b {
                lo = lo.min(a);
                hi = hi.max(b);
                let figure = self.figures[i as usize];
                for s in &mut scratch[a..b] {
                    s.add(figure);
                }
            }
        }
        if lo >= hi {
            return Vec::new();
        }
        scratch[lo..hi]
            .iter_mut()
            .zip(&self.years[lo..hi])
            .filter(|(s, _)| s.agreements > 0)
            .map(|(s, &y)| std::mem::take(s).year(y))
            .collect()
    }
}

/// The order of rows by a column: biggest first, unknown values last, ties
/// by name (A to Ö, case-insensitively) then key.
fn line_order(a: &Line, b: &Line, g: &Grouping, sort: FundingSort) -> std::cmp::Ordering {
    use std::cmp::Ordering;
    /// Biggest first, `None` last.
    fn desc<T: PartialOrd>(a: Option<T>, b: Option<T>) -> Ordering {
        match (a, b) {
            (Some(x), Some(y)) => y.partial_cmp(&x).unwrap_or(Ordering::Equal),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        }
    }
    let (ga, gb) = (&g.groups[a.group as usize], &g.groups[b.group as usize]);
    let first = match sort {
        FundingSort::Sek => {
            desc(a.sum.sek, b.sum.sek).then(b.sum.agreements.cmp(&a.sum.agreements))
        }
        FundingSort::SekPerInhabitant => desc(a.per, b.per),
        FundingSort::Agreements => b.sum.agreements.cmp(&a.sum.agreements),
        FundingSort::AgreementsWithoutFigure => b.sum.without.cmp(&a.sum.without),
        FundingSort::Population => {
            desc(ga.population.map(|(p, _)| p), gb.population.map(|(p, _)| p))
        }
        FundingSort::Name => Ordering::Equal,
        FundingSort::Code => match (&ga.code, &gb.code) {
            (Some(x), Some(y)) => x.cmp(y),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        },
    };
    first.then_with(|| g.rank[a.group as usize].cmp(&g.rank[b.group as usize]))
}
