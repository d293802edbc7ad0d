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

/// Counts per value key, with the label and parameters of each key.
#[derive(Default)]
struct Tally {
    counts: HashMap<String, (usize, String, BTreeMap<String, String>)>,
}

impl Tally {
    fn add(&mut self, key: &str, label: impl FnOnce() -> String, set: &[(&str, String)]) {
        self.counts
            .entry(key.to_string())
            .or_insert_with(|| {
                (
                    0,
                    label(),
                    set.iter()
                        .map(|(k, v)| (k.to_string(), v.clone()))
                        .collect(),
                )
            })
            .0 += 1;
    }

    fn facet(self, name: &str, selected: impl Fn(&BTreeMap<String, String>) -> bool) -> Facet {
        let mut v: Vec<(usize, String, BTreeMap<String, String>)> =
            self.counts.into_values().collect();
        v.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
        let others = v.len().saturating_sub(FACET_SIZE);
        v.truncate(FACET_SIZE);
        Facet {
            name: name.to_string(),
            values: v
                .into_iter()
                .map(|(count, label, set)| FacetValue {
                    selected: selected(&set),
                    label,
                    count,
                    set,
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

fn form_label(f: Form) -> String {
    match f {
        Form::Iop => "IOP".into(),
        Form::Agreement => "other agreement".into(),
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

/// Facets of the agreements `entries` (indices into the view's register);
/// the year is the year in force.
pub fn of_agreements(
    view: &RegisterView,
    entries: &[usize],
    filters: &Filters,
    reference: &Reference,
) -> Vec<Facet> {
    let (mut county, mut kommun, mut form, mut partner, mut year) = (
        Tally::default(),
        Tally::default(),
        Tally::default(),
        Tally::default(),
        Tally::default(),
    );
    for &i in entries {
        let f = &view.entries[i];
        let e = &view.register.entries[i];
        for c in &f.counties {
            county.add(c, || county_name(reference, c), &[("county", c.clone())]);
        }
        for c in &f.codes {
            kommun.add(
                c,
                || body_name(reference, c),
                &[("municipality", c.clone())],
            );
        }
        form.add(
            e.form.as_str(),
            || form_label(e.form),
            &[("form", e.form.as_str().into())],
        );
        let mut seen: Vec<&str> = Vec::new();
        for o in &e.organisations {
            if !seen.contains(&o.id.as_str()) {
                seen.push(&o.id);
                partner.add(&o.id, || o.label(), &[("partner", o.name.clone())]);
            }
        }
        for y in f.period.years().take(50) {
            let s = y.to_string();
            year.add(&s, || s.clone(), &[("in_force", s.clone())]);
        }
    }
    finish(filters, reference, [county, kommun, form, partner, year])
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
        Tally::default(),
        Tally::default(),
        Tally::default(),
        Tally::default(),
        Tally::default(),
    );
    for (p, _) in view.pages.iter().zip(hit).filter(|(_, h)| **h) {
        for c in &p.counties {
            county.add(c, || county_name(reference, c), &[("county", c.clone())]);
        }
        for c in &p.codes {
            kommun.add(
                c,
                || body_name(reference, c),
                &[("municipality", c.clone())],
            );
        }
        for f in &p.forms {
            form.add(
                f.as_str(),
                || form_label(*f),
                &[("form", f.as_str().into())],
            );
        }
        for n in &p.partners {
            partner.add(&n.to_lowercase(), || n.clone(), &[("partner", n.clone())]);
        }
        if let Some(y) = p.year {
            let s = y.to_string();
            year.add(&s, || s.clone(), &[("from", s.clone()), ("to", s.clone())]);
        }
    }
    finish(filters, reference, [county, kommun, form, partner, year])
}

fn finish(filters: &Filters, reference: &Reference, tallies: [Tally; 5]) -> Vec<Facet> {
    let cur = Current::of(filters, reference);
    let names = ["county", "municipality", "form", "partner", "year"];
    tallies
        .into_iter()
        .zip(names)
        .map(|(t, name)| t.facet(name, |set| cur.selects(set)))
        .collect()
}
