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
        top(self.counts.into_iter().collect(), name, describe, selected)
    }
}

/// Counts per value numbered in the order of the values themselves (so
/// numbers order as the values do); labels and parameters are made only
/// for the values shown.
struct Counts(Vec<usize>);

impl Counts {
    fn new(values: usize) -> Self {
        Counts(vec![0; values])
    }

    fn add(&mut self, value: u32) {
        self.0[value as usize] += 1;
    }

    fn facet(
        self,
        name: &str,
        describe: impl Fn(&u32) -> (String, Vec<(&'static str, String)>),
        selected: impl Fn(&BTreeMap<String, String>) -> bool,
    ) -> Facet {
        let counted = self
            .0
            .into_iter()
            .enumerate()
            .filter(|&(_, n)| n > 0)
            .map(|(k, n)| (k as u32, n))
            .collect();
        top(counted, name, describe, selected)
    }
}

/// The facet of counted values: the biggest counts (ties by value), each
/// described as (label, parameters).
fn top<K: Ord>(
    mut v: Vec<(K, usize)>,
    name: &str,
    describe: impl Fn(&K) -> (String, Vec<(&'static str, String)>),
    selected: impl Fn(&BTreeMap<String, String>) -> bool,
) -> Facet {
    let others = v.len().saturating_sub(FACET_SIZE);
    let by_count = |a: &(K, usize), b: &(K, usize)| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0));
    if v.len() > FACET_SIZE {
        v.select_nth_unstable_by(FACET_SIZE - 1, by_count);
        v.truncate(FACET_SIZE);
    }
    v.sort_unstable_by(by_count);
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

/// The county's name as [`Reference::counties`] gives it: the first body's
/// in that county.
fn county_name(reference: &Reference, code: &str) -> String {
    reference
        .bodies()
        .iter()
        .find(|b| b.county_code == code)
        .map(|b| b.county.clone())
        .unwrap_or_else(|| code.to_string())
}

fn body_name(reference: &Reference, code: &str) -> String {
    reference
        .by_code(code)
        .map(|b| b.name.clone())
        .unwrap_or_else(|| code.to_string())
}

/// The county, kommun/region and form facets of pages.
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

/// Facets of the agreements `entries` (indices into the view's register,
/// in register order); the year is the year in force. Counted by number:
/// places, organisations and years as the view numbers them.
pub fn of_agreements(
    view: &RegisterView,
    entries: &[usize],
    filters: &Filters,
    reference: &Reference,
) -> Vec<Facet> {
    let f = &view.entries;
    let (mut county, mut kommun, mut partner) = (
        Counts::new(f.places.len()),
        Counts::new(f.places.len()),
        Counts::new(f.org_ids.len()),
    );
    // the forms in the order of their names, as the pages' facet orders them
    let mut forms = [Form::Iop, Form::Agreement];
    forms.sort_by_key(|f| f.as_str());
    let mut form = Counts::new(forms.len());
    let years = view.funding.years();
    let mut year = Counts::new(years.len());
    // each organisation as the first agreement that names it writes it
    let mut first: Vec<(u32, u32)> = vec![(u32::MAX, 0); f.org_ids.len()];
    for &i in entries {
        for &c in f.counties.of(i) {
            county.add(c);
        }
        for &c in f.codes.of(i) {
            kommun.add(c);
        }
        form.add(forms.iter().position(|&x| x == f.form[i]).unwrap_or(0) as u32);
        for &(o, at) in f.orgs.of(i) {
            if first[o as usize].0 == u32::MAX {
                first[o as usize] = (i as u32, at);
            }
            partner.add(o);
        }
        for slot in view.funding.span(i) {
            year.add(slot as u32);
        }
    }
    let cur = Current::of(filters, reference);
    let sel = |set: &BTreeMap<String, String>| cur.selects(set);
    let place = |c: &u32| f.places[*c as usize].as_str();
    vec![
        county.facet(
            "county",
            |c| {
                let c = place(c);
                (county_name(reference, c), vec![("county", c.to_string())])
            },
            sel,
        ),
        kommun.facet(
            "municipality",
            |c| {
                let c = place(c);
                (
                    body_name(reference, c),
                    vec![("municipality", c.to_string())],
                )
            },
            sel,
        ),
        form.facet(
            "form",
            |f| {
                let f = forms[*f as usize].as_str();
                (form_label(f), vec![("form", f.to_string())])
            },
            sel,
        ),
        partner.facet(
            "partner",
            |o| {
                let (i, at) = first[*o as usize];
                let o = &view.register.entries[i as usize].organisations[at as usize];
                (o.label(), vec![("partner", o.name.clone())])
            },
            sel,
        ),
        year.facet(
            "year",
            |y| {
                let y = years[*y as usize];
                (y.to_string(), vec![("in_force", y.to_string())])
            },
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
