//! The row each agreement is in, by kommun/region, county or organisation:
//! exactly one, so rows add up. A joint agreement of several bodies is a row
//! of its own (its population counts a region's kommuner once); agreements
//! without a public party (or partner) share the row "none". Pure: uses
//! `reference` and `register`.

use std::collections::HashMap;

use super::By;
use crate::record::PartyKind;
use crate::reference::Reference;
use crate::register::Entry;

/// The group of one entry: (key, code, name, population).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    pub key: String,
    pub(super) code: Option<String>,
    pub(super) name: String,
    pub(super) population: Option<(u64, u32)>,
}

/// Every entry's group by one grouping: a table of distinct groups and, for
/// each entry, its place in the table. Built once per register.
#[derive(Debug, Clone, Default)]
pub struct Grouping {
    pub groups: Vec<Group>,
    /// Entry index -> index into `groups`.
    pub of: Vec<u32>,
    /// Group index -> its place in the order rows take when their columns
    /// tie: by name A to Ö case-insensitively, then by key.
    pub rank: Vec<u32>,
}

impl Grouping {
    pub fn new<'a>(
        entries: impl IntoIterator<Item = &'a Entry>,
        by: By,
        reference: &Reference,
    ) -> Grouping {
        let mut at: HashMap<String, u32> = HashMap::new();
        let mut g = Grouping::default();
        for e in entries {
            let group = group_of(e, by, reference);
            let i = *at.entry(group.key.clone()).or_insert_with(|| {
                g.groups.push(group);
                (g.groups.len() - 1) as u32
            });
            g.of.push(i);
        }
        // each char lower-cased, as rows compare names (UTF-8 keeps the
        // order of chars, so the strings compare as the chars do)
        let lower: Vec<String> = g
            .groups
            .iter()
            .map(|x| x.name.chars().flat_map(char::to_lowercase).collect())
            .collect();
        let mut order: Vec<usize> = (0..g.groups.len()).collect();
        order.sort_by(|&a, &b| {
            lower[a]
                .cmp(&lower[b])
                .then_with(|| g.groups[a].key.cmp(&g.groups[b].key))
        });
        g.rank = vec![0; g.groups.len()];
        for (place, i) in order.into_iter().enumerate() {
            g.rank[i] = place as u32;
        }
        g
    }
}

/// The one group an entry belongs to.
pub(super) fn group_of(e: &Entry, by: By, reference: &Reference) -> Group {
    let none = |name: &str| Group {
        key: "none".into(),
        code: None,
        name: name.into(),
        population: None,
    };
    let mut bodies: Vec<&crate::reference::Body> = e
        .public_parties
        .iter()
        .filter_map(|p| p.code.as_deref().and_then(|c| reference.by_code(c)))
        .collect();
    bodies.sort_by(|a, b| a.code.cmp(&b.code));
    bodies.dedup_by(|a, b| a.code == b.code);
    match by {
        By::Municipality if bodies.is_empty() => {
            let mut names: Vec<&str> = e.public_parties.iter().map(|p| p.name.as_str()).collect();
            names.sort_unstable();
            names.dedup();
            if names.is_empty() {
                none("no public party named")
            } else {
                Group {
                    key: format!("name:{}", names.join("+").to_lowercase()),
                    code: None,
                    name: names.join(" + "),
                    population: None,
                }
            }
        }
        By::Municipality => {
            let key = bodies
                .iter()
                .map(|b| b.code.as_str())
                .collect::<Vec<_>>()
                .join("+");
            let regions: Vec<&str> = bodies
                .iter()
                .filter(|b| b.kind == PartyKind::Region)
                .map(|b| b.county_code.as_str())
                .collect();
            let pop: u64 = bodies
                .iter()
                .map(|b| match b.kind {
                    PartyKind::Region if b.population == 0 => {
                        reference.county_population(&b.county_code)
                    }
                    PartyKind::Region => b.population,
                    PartyKind::Kommun if regions.contains(&b.county_code.as_str()) => 0,
                    PartyKind::Kommun => b.population,
                })
                .sum();
            let year = bodies.iter().map(|b| b.population_year).max().unwrap_or(0);
            Group {
                code: Some(key.clone()),
                key,
                name: bodies
                    .iter()
                    .map(|b| b.name.as_str())
                    .collect::<Vec<_>>()
                    .join(" + "),
                population: Some((pop, year)),
            }
        }
        By::County => {
            let mut counties: Vec<(&str, &str, u32)> = bodies
                .iter()
                .map(|b| (b.county_code.as_str(), b.county.as_str(), b.population_year))
                .collect();
            counties.sort_unstable();
            counties.dedup_by(|a, b| a.0 == b.0);
            if counties.is_empty() {
                return none("no public party with a known county");
            }
            let key = counties.iter().map(|c| c.0).collect::<Vec<_>>().join("+");
            let pop = counties
                .iter()
                .map(|c| reference.county_population(c.0))
                .sum();
            let year = counties.iter().map(|c| c.2).max().unwrap_or(0);
            Group {
                code: Some(key.clone()),
                key,
                name: counties.iter().map(|c| c.1).collect::<Vec<_>>().join(" + "),
                population: Some((pop, year)),
            }
        }
        By::Partner => {
            let mut orgs: Vec<&crate::register::Organisation> = e.organisations.iter().collect();
            orgs.sort_by(|a, b| a.id.cmp(&b.id));
            orgs.dedup_by(|a, b| a.id == b.id);
            if orgs.is_empty() {
                return none("no partner named");
            }
            Group {
                key: orgs
                    .iter()
                    .map(|o| o.id.as_str())
                    .collect::<Vec<_>>()
                    .join("+"),
                code: None,
                name: orgs
                    .iter()
                    .map(|o| o.label())
                    .collect::<Vec<_>>()
                    .join(" + "),
                population: None,
            }
        }
    }
}
