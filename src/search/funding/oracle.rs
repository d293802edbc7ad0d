//! The reference the funding table is held to: funding summed entry by
//! entry, rows sorted by comparing names, agreements and years gathered per
//! row as they come (the code before the table). The table must write the
//! same JSON, byte for byte, for every grouping, sort, cut and selection.

use super::table::Sum;
use super::*;
use crate::record::{Agreement, Form, Partner, Record, Source};
use crate::register::Register;

fn years_of(e: &Entry) -> std::ops::RangeInclusive<i32> {
    let y = e.period().years();
    let (a, b) = (*y.start(), *y.end());
    a..=b.min(a.saturating_add(table::MAX_YEARS - 1))
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

/// Aggregate entries, each with its group in `groups`, into rows.
fn aggregate(entries: &[(&Entry, u32)], groups: &[Group], opts: FundingOptions) -> FundingReport {
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

/// Many records over many kommuner, regions, partners, periods and figures;
/// deterministic.
fn many() -> Register {
    let r = Reference::embedded();
    let bodies = r.bodies();
    let mut x: u64 = 0x2545_f491_4f6c_dd1d;
    let mut below = |n: usize| {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        (x % n as u64) as usize
    };
    let heads = [
        "Kvinnojouren",
        "Stadsmissionen",
        "Röda Korset",
        "Blå Vägen",
        "ÖSTRA IK",
    ];
    let records: Vec<Record> = (0..600)
        .map(|i| {
            let parties = (0..below(3))
                .map(|_| bodies[below(bodies.len().min(40))].party())
                .collect();
            let date = |y: usize, m: usize| format!("{}-{:02}", 1995 + y, 1 + m);
            let start = (below(4) > 0).then(|| date(below(35), below(12)));
            let end = (below(3) > 0).then(|| date(below(70), below(12)));
            let a = Agreement {
                form: if below(2) == 0 {
                    Form::Iop
                } else {
                    Form::Agreement
                },
                public_parties: parties,
                partners: (0..below(3))
                    .map(|_| Partner {
                        name: format!("{} {}", heads[below(heads.len())], below(30)),
                    })
                    .collect(),
                start: start.map(|s| s.parse().unwrap()),
                end: end.map(|s| s.parse().unwrap()),
                duration_months: (below(5) == 0).then(|| 1 + below(60) as u32),
                extension_months: None,
                amounts: vec![],
                public_sek_per_year: (below(3) > 0).then(|| 10_000 * below(30) as i64),
                evidence: vec![],
            };
            Record {
                id: format!("r{i}"),
                source: Source {
                    url: Some(format!("https://example.se/{i}")),
                    ..Source::default()
                },
                text: String::new(),
                agreements: vec![a],
                quotes: vec![],
            }
        })
        .collect();
    Register::build(&records, r)
}

#[test]
fn the_table_writes_the_report_summed_entry_by_entry_byte_for_byte() {
    let reg = many();
    let r = Reference::embedded();
    let entries: Vec<&Entry> = reg.entries.iter().collect();
    assert!(entries.len() > 300, "{}", entries.len());
    let table = FundingTable::new(&entries, r);
    // every entry, every other one, and a few
    let selections: Vec<Vec<usize>> = vec![
        (0..entries.len()).collect(),
        (0..entries.len()).step_by(2).collect(),
        vec![],
    ];
    for sel in &selections {
        for by in [By::Municipality, By::County, By::Partner] {
            let grouping = Grouping::new(entries.iter().copied(), by, r);
            let picked: Vec<(&Entry, u32)> =
                sel.iter().map(|&i| (entries[i], grouping.of[i])).collect();
            for (_, sort) in FundingSort::ALL {
                for limit in [None, Some(0), Some(7)] {
                    for items in [None, Some(0), Some(2)] {
                        let opts = FundingOptions {
                            by,
                            sort,
                            limit,
                            items,
                        };
                        let want =
                            serde_json::to_string(&aggregate(&picked, &grouping.groups, opts))
                                .unwrap();
                        let got = table.report(sel, opts, |i| item(entries[i]));
                        assert_eq!(serde_json::to_string(&got).unwrap(), want, "{opts:?}");
                        let raw = table.report(sel, opts, |i| table.item_json(i));
                        assert_eq!(serde_json::to_string(&raw).unwrap(), want, "{opts:?}");
                    }
                }
            }
        }
    }
}
