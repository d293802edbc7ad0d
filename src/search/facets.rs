//! Facets, as Datasette shows them beside a table: for the pages of a search
//! or the agreements of a selection, how many have each län, kommun/region,
//! form, partner and year, biggest first. Each value carries the filter
//! parameters that select it, so a page can make it a link that adds the
//! filter, and says whether that filter is already set. Uses `record`,
//! `reference` and the register view.

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};

use super::Filters;
use super::places;
use super::register::RegisterView;
use crate::record::Form;
use crate::reference::Reference;

/// Values shown per facet; the rest are counted in `others`.
pub const FACET_SIZE: usize = 10;

/// One facet: a filter parameter and its most common values.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Facet {
    /// `county`, `municipality`, `form`, `partner` or `year`.
    pub name: String,
    pub values: Vec<FacetValue>,
    /// Distinct values beyond those shown.
    pub others: usize,
}

/// One value of a facet and how many have it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FacetValue {
    pub label: String,
    pub count: usize,
    /// The filter parameters that select it: `{"county": "05"}`,
    /// `{"from": "2023", "to": "2023"}`.
    pub set: BTreeMap<String, String>,
    /// True when the current filters already select it.
    pub selected: bool,
}

/// Counts per value key; labels and parameters are made only for the values shown.
struct Tally<K> {
    counts: HashMap<K, usize>,
}

impl<K: std::hash::Hash + Eq + Ord + Clone> Tally<K> {
    fn new() -> Self {
        Tally {
            counts: HashMap::new(),
        }
    }

    fn add(&mut self, key: K) {
        *self.counts.entry(key).or_default() += 1;
    }

    /// The facet: the biggest counts, each described as (label, parameters).
    fn facet(
        self,
        name: &str,
        describe: impl Fn(&K) -> (String, Vec<(&'static str, String)>),
        selected: impl Fn(&BTreeMap<String, String>) -> bool,
    ) -> Facet {
        let mut v: Vec<(K, usize)> = self.counts.into_iter().collect();
        v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        let others = v.len().saturating_sub(FACET_SIZE);
        v.truncate(FACET_SIZE);
        Facet {
            name: name.to_string(),
            values: v
                .into_iter()
                .map(|(k, count)| {
                    let (label, set) = describe(&k);
                    let set: BTreeMap<String, String> =
                        set.into_iter().map(|(k, v)| (k.to_string(), v)).collect();
                    FacetValue {
                        selected: selected(&set),
                        label,
                        count,
                        set,
                    }
                })
                .collect(),
            others,
        }
    }
}

/// What the current filters select, for marking values as selected.
struct Current {
    code: Option<String>,
    county: Option<String>,
    form: Option<String>,
    partner: Option<String>,
    from: Option<String>,
    to: Option<String>,
    in_force: Option<String>,
}

impl Current {
    fn of(f: &Filters, reference: &Reference) -> Current {
        let text = |v: &Option<String>| {
            v.as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
        };
        Current {
            code: text(&f.municipality)
                .and_then(|m| places::body(reference, &m).ok().map(|b| b.code.clone())),
            county: text(&f.county).and_then(|c| places::county(reference, &c).ok().map(|c| c.0)),
            form: text(&f.form).map(|s| s.to_lowercase()),
            partner: text(&f.partner).map(|s| s.to_lowercase()),
            from: text(&f.from),
            to: text(&f.to),
            in_force: f.in_force.map(|y| y.to_string()),
        }
    }

    fn selects(&self, set: &BTreeMap<String, String>) -> bool {
        set.iter().all(|(k, v)| {
            let cur = match k.as_str() {
                "municipality" => &self.code,
                "county" => &self.county,
                "form" => &self.form,
                "partner" => return self.partner.as_deref() == Some(&v.to_lowercase()),
                "from" => &self.from,
                "to" => &self.to,
                "in_force" => &self.in_force,
                _ => return false,
            };
            cur.as_deref() == Some(v.as_str())
        })
    }
}

fn form_label(f: &str) -> String {
    if f == Form::Iop.as_str() {
        "IOP".into()
    } else {
        "other agreement".into()
    }
}

fn county_name(reference: &Reference, code: &str) -> String {
    reference
        .counties()
        .into_iter()
        .find(|(c, _)| c == code)
        .map(|(_, n)| n)
        .unwrap_or_else(|| code.to_string())
}

fn body_name(reference: &Reference, code: &str) -> String {
    reference
        .by_code(code)
        .map(|b| b.name.clone())
        .unwrap_or_else(|| code.to_string())
}

/// The county, kommun/region and form facets, the same for pages and agreements.
fn places_and_forms(
    [county, kommun, form]: [Tally<&str>; 3],
    reference: &Reference,
    sel: &dyn Fn(&BTreeMap<String, String>) -> bool,
) -> [Facet; 3] {
    [
        county.facet(
            "county",
            |c| (county_name(reference, c), vec![("county", c.to_string())]),
            sel,
        ),
        kommun.facet(
            "municipality",
            |c| {
                (
                    body_name(reference, c),
                    vec![("municipality", c.to_string())],
                )
            },
            sel,
        ),
        form.facet(
            "form",
            |f| (form_label(f), vec![("form", f.to_string())]),
            sel,
        ),
    ]
}

/// Facets of the agreements `entries` (indices into the view's register);
/// the year is the year in force.
pub fn of_agreements(
    view: &RegisterView,
    entries: &[usize],
    filters: &Filters,
    reference: &Reference,
) -> Vec<Facet> {
    let (mut county, mut kommun, mut form, mut partner, mut year) = (
        Tally::new(),
        Tally::new(),
        Tally::new(),
        Tally::new(),
        Tally::new(),
    );
    let mut orgs: HashMap<&str, &crate::register::Organisation> = HashMap::new();
    for &i in entries {
        let f = &view.entries[i];
        let e = &view.register.entries[i];
        for c in &f.counties {
            county.add(c.as_str());
        }
        for c in &f.codes {
            kommun.add(c.as_str());
        }
        form.add(e.form.as_str());
        for (n, o) in e.organisations.iter().enumerate() {
            if !e.organisations[..n].iter().any(|x| x.id == o.id) {
                orgs.entry(o.id.as_str()).or_insert(o);
                partner.add(o.id.as_str());
            }
        }
        for y in f.period.years().take(50) {
            year.add(y);
        }
    }
    let cur = Current::of(filters, reference);
    let sel = |set: &BTreeMap<String, String>| cur.selects(set);
    let [c, k, f] = places_and_forms([county, kommun, form], reference, &sel);
    vec![
        c,
        k,
        f,
        partner.facet(
            "partner",
            |id| {
                let o = orgs[id];
                (o.label(), vec![("partner", o.name.clone())])
            },
            sel,
        ),
        year.facet(
            "year",
            |y| (y.to_string(), vec![("in_force", y.to_string())]),
            sel,
        ),
    ]
}

/// Facets of the pages marked in `hit` (indices into the view's pages);
/// the year is the year of publication.
pub fn of_pages(
    view: &RegisterView,
    hit: &[bool],
    filters: &Filters,
    reference: &Reference,
) -> Vec<Facet> {
    let (mut county, mut kommun, mut form, mut partner, mut year) = (
        Tally::new(),
        Tally::new(),
        Tally::new(),
        Tally::new(),
        Tally::new(),
    );
    for (p, _) in view.pages.iter().zip(hit).filter(|(_, h)| **h) {
        for c in &p.counties {
            county.add(c.as_str());
        }
        for c in &p.codes {
            kommun.add(c.as_str());
        }
        for f in &p.forms {
            form.add(f.as_str());
        }
        for n in &p.partners {
            partner.add(n.as_str());
        }
        if let Some(y) = p.year {
            year.add(y);
        }
    }
    let cur = Current::of(filters, reference);
    let sel = |set: &BTreeMap<String, String>| cur.selects(set);
    let [c, k, f] = places_and_forms([county, kommun, form], reference, &sel);
    vec![
        c,
        k,
        f,
        partner.facet(
            "partner",
            |n| (n.to_string(), vec![("partner", n.to_string())]),
            sel,
        ),
        year.facet(
            "year",
            |y| {
                (
                    y.to_string(),
                    vec![("from", y.to_string()), ("to", y.to_string())],
                )
            },
            sel,
        ),
    ]
}
