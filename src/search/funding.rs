//! Funding aggregation: yearly public funding per kommun/region, county or
//! partner, with population from the reference table and kronor per
//! inhabitant, biggest first. It sums over [`FundingItem`]s: today one per
//! agreement as a page reports it ([`FundingItem::from_records`]); the
//! register can build items from its linked agreements instead, so each
//! agreement counts once. Items without a yearly figure are counted but not
//! summed, and every row says how many there were. Pure: uses `record` and
//! `reference` only.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::record::{Party, PartyKind, Record};
use crate::reference::Reference;

/// What to group funding by.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum By {
    #[default]
    Municipality,
    County,
    Partner,
}

/// One unit of funding: an agreement, with the pages that report it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FundingItem {
    pub public_parties: Vec<Party>,
    pub partners: Vec<String>,
    pub public_sek_per_year: Option<i64>,
    /// URLs (or paths, when a page has no URL) of the pages reporting it.
    pub sources: Vec<String>,
}

impl FundingItem {
    /// One item per agreement of each record.
    pub fn from_records(records: &[Record]) -> Vec<FundingItem> {
        records
            .iter()
            .flat_map(|r| {
                let source = r.source.url.clone().or_else(|| r.source.path.clone());
                r.agreements.iter().map(move |a| FundingItem {
                    public_parties: a.public_parties.clone(),
                    partners: a.partners.iter().map(|p| p.name.clone()).collect(),
                    public_sek_per_year: a.public_sek_per_year,
                    sources: source.iter().cloned().collect(),
                })
            })
            .collect()
    }
}

/// One group: a kommun/region, a county or a partner.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FundingRow {
    /// SCB code of the kommun/region, county code, or none (partners, and
    /// parties the reference table does not know).
    pub code: Option<String>,
    pub name: String,
    /// Agreements in the group, with or without a yearly figure.
    pub agreements: usize,
    /// Of those, the ones without a yearly figure: counted, not summed.
    pub agreements_without_figure: usize,
    /// Sum of the yearly public funding figures, kronor.
    pub public_sek_per_year: i64,
    /// Inhabitants (reference table); none for partners.
    pub population: Option<u64>,
    pub population_year: Option<u32>,
    /// `public_sek_per_year / population`, two decimals.
    pub sek_per_inhabitant: Option<f64>,
    /// The pages the summed figures come from.
    pub sources: Vec<String>,
}

/// The rows, biggest first, and the totals over distinct items.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FundingReport {
    pub by: By,
    pub rows: Vec<FundingRow>,
    /// Items summed over (each once, however many groups it is in).
    pub agreements: usize,
    pub agreements_without_figure: usize,
    pub public_sek_per_year: i64,
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

#[derive(Default)]
struct Acc {
    code: Option<String>,
    name: String,
    population: Option<(u64, u32)>,
    agreements: usize,
    without: usize,
    sek: i64,
    sources: Vec<String>,
}

/// The groups an item belongs to, each once: (key, code, name, population).
fn groups(item: &FundingItem, by: By, reference: &Reference) -> Vec<(String, Acc)> {
    let mut out: Vec<(String, Acc)> = Vec::new();
    let mut push = |key: String, acc: Acc| {
        if !out.iter().any(|(k, _)| *k == key) {
            out.push((key, acc));
        }
    };
    match by {
        By::Municipality => {
            for p in &item.public_parties {
                match p.code.as_deref().and_then(|c| reference.by_code(c)) {
                    Some(b) => {
                        let pop = if b.kind == PartyKind::Region && b.population == 0 {
                            reference.county_population(&b.county_code)
                        } else {
                            b.population
                        };
                        push(
                            format!("code:{}", b.code),
                            Acc {
                                code: Some(b.code.clone()),
                                name: b.name.clone(),
                                population: Some((pop, b.population_year)),
                                ..Acc::default()
                            },
                        )
                    }
                    None => push(
                        format!("name:{}", p.name.to_lowercase()),
                        Acc {
                            name: p.name.clone(),
                            ..Acc::default()
                        },
                    ),
                }
            }
        }
        By::County => {
            for p in &item.public_parties {
                match p.code.as_deref().and_then(|c| reference.by_code(c)) {
                    Some(b) => push(
                        format!("county:{}", b.county_code),
                        Acc {
                            code: Some(b.county_code.clone()),
                            name: b.county.clone(),
                            population: Some((
                                reference.county_population(&b.county_code),
                                b.population_year,
                            )),
                            ..Acc::default()
                        },
                    ),
                    None => push(
                        "county:?".to_string(),
                        Acc {
                            name: "county unknown".to_string(),
                            ..Acc::default()
                        },
                    ),
                }
            }
        }
        By::Partner => {
            for p in &item.partners {
                push(
                    format!("partner:{}", p.trim().to_lowercase()),
                    Acc {
                        name: p.trim().to_string(),
                        ..Acc::default()
                    },
                )
            }
        }
    }
    out
}

/// Aggregate items into rows, biggest yearly funding first.
impl FundingItem {
    /// A register entry as one unit of funding: each agreement once.
    pub fn from_entry(e: &crate::register::Entry) -> FundingItem {
        FundingItem {
            public_parties: e.public_parties.clone(),
            partners: e.partners.clone(),
            public_sek_per_year: e.public_sek_per_year,
            sources: e.pages.iter().map(|p| p.locator().to_string()).collect(),
        }
    }
}

pub fn funding(items: &[FundingItem], by: By, reference: &Reference) -> FundingReport {
    let mut accs: BTreeMap<String, Acc> = BTreeMap::new();
    let mut total: i64 = 0;
    let mut without_total = 0;
    for item in items {
        match item.public_sek_per_year {
            Some(s) => total = total.saturating_add(s),
            None => without_total += 1,
        }
        for (key, fresh) in groups(item, by, reference) {
            let acc = accs.entry(key).or_insert(fresh);
            acc.agreements += 1;
            match item.public_sek_per_year {
                Some(s) => {
                    acc.sek = acc.sek.saturating_add(s);
                    for src in &item.sources {
                        if !acc.sources.contains(src) {
                            acc.sources.push(src.clone());
                        }
                    }
                }
                None => acc.without += 1,
            }
        }
    }
    let mut rows: Vec<FundingRow> = accs
        .into_values()
        .map(|a| {
            let per = a
                .population
                .filter(|(p, _)| *p > 0)
                .map(|(p, _)| (a.sek as f64 / p as f64 * 100.0).round() / 100.0);
            FundingRow {
                code: a.code,
                name: a.name,
                agreements: a.agreements,
                agreements_without_figure: a.without,
                public_sek_per_year: a.sek,
                population: a.population.map(|(p, _)| p),
                population_year: a.population.map(|(_, y)| y),
                sek_per_inhabitant: per,
                sources: a.sources,
            }
        })
        .collect();
    rows.sort_by(|a, b| {
        b.public_sek_per_year
            .cmp(&a.public_sek_per_year)
            .then(b.agreements.cmp(&a.agreements))
            .then(a.name.cmp(&b.name))
    });
    FundingReport {
        by,
        rows,
        agreements: items.len(),
        agreements_without_figure: without_total,
        public_sek_per_year: total,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn party(code: &str) -> Party {
        Reference::embedded().by_code(code).unwrap().party()
    }

    fn item(codes: &[&str], partners: &[&str], sek: Option<i64>, src: &str) -> FundingItem {
        FundingItem {
            public_parties: codes.iter().map(|c| party(c)).collect(),
            partners: partners.iter().map(|p| p.to_string()).collect(),
            public_sek_per_year: sek,
            sources: vec![src.to_string()],
        }
    }

    #[test]
    fn sums_per_kommun_with_population_and_per_inhabitant() {
        let r = Reference::embedded();
        let items = [
            item(&["0580"], &["Kvinnojouren"], Some(1_000_000), "https://a"),
            item(&["0580"], &["Stadsmissionen"], Some(500_000), "https://b"),
            item(&["0580"], &["Röda Korset"], None, "https://c"),
            item(&["0581"], &["Kvinnojouren"], Some(2_000_000), "https://d"),
        ];
        let rep = funding(&items, By::Municipality, r);
        assert_eq!(rep.rows[0].code.as_deref(), Some("0581"));
        let lkpg = &rep.rows[1];
        assert_eq!(lkpg.agreements, 3);
        assert_eq!(lkpg.agreements_without_figure, 1);
        assert_eq!(lkpg.public_sek_per_year, 1_500_000);
        let pop = r.by_code("0580").unwrap().population;
        assert_eq!(lkpg.population, Some(pop));
        let per = (1_500_000f64 / pop as f64 * 100.0).round() / 100.0;
        assert_eq!(lkpg.sek_per_inhabitant, Some(per));
        assert_eq!(lkpg.sources, ["https://a", "https://b"]);
        assert_eq!(rep.public_sek_per_year, 3_500_000);
        assert!(rep.note().unwrap().contains("1 of 4 agreements"));
    }

    #[test]
    fn counties_and_partners_count_each_agreement_once() {
        let r = Reference::embedded();
        // Linköping and Norrköping are both in Östergötland
        let items = [item(
            &["0580", "0581"],
            &["Kvinnojouren", "kvinnojouren "],
            Some(100),
            "x",
        )];
        let c = funding(&items, By::County, r);
        assert_eq!(c.rows.len(), 1);
        assert_eq!(c.rows[0].code.as_deref(), Some("05"));
        assert_eq!(c.rows[0].agreements, 1);
        assert_eq!(c.rows[0].population, Some(r.county_population("05")));
        let p = funding(&items, By::Partner, r);
        assert_eq!(p.rows.len(), 1);
        assert_eq!(p.rows[0].population, None);
        assert_eq!(p.rows[0].sek_per_inhabitant, None);
    }
}
