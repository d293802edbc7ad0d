//! What filters and facets read of every register entry, a column per fact
//! so that a pass over thousands of entries reads only the facts it tests:
//! places and organisations as numbers, dates as days, and each entry's
//! lists (places, pages, publication dates, organisations) one after
//! another in one vector. With them, the entries of each place and of each
//! page, so a filter on a place or a full-text query starts from its own
//! entries instead of all of them. Built with the view, once per index
//! state. Uses `reference` and `register`.

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::record::Form;
use crate::reference::Reference;
use crate::register::{Entry, Period, Register};

/// A list per entry (or per place, per page), all in one vector: list `i`
/// is `items[at[i]..at[i + 1]]`.
#[derive(Debug, Clone)]
pub(in crate::search) struct Lists<T> {
    at: Vec<u32>,
    items: Vec<T>,
}

impl<T> Default for Lists<T> {
    fn default() -> Self {
        Lists {
            at: vec![0],
            items: Vec::new(),
        }
    }
}

impl<T> Lists<T> {
    /// Add the next list.
    fn push(&mut self, items: impl IntoIterator<Item = T>) {
        self.items.extend(items);
        self.at.push(self.items.len() as u32);
    }

    /// List `i`.
    pub fn of(&self, i: usize) -> &[T] {
        &self.items[self.at[i] as usize..self.at[i + 1] as usize]
    }
}

impl Lists<u32> {
    /// For each of `values` values, the lists that hold it, ascending: the
    /// entries of each place, say, from the places of each entry.
    fn inverted(&self, values: usize) -> Lists<u32> {
        let mut count = vec![0u32; values + 1];
        for &v in &self.items {
            count[v as usize + 1] += 1;
        }
        for k in 1..count.len() {
            count[k] += count[k - 1];
        }
        let at = count.clone();
        let mut items = vec![0u32; self.items.len()];
        for i in 0..self.at.len() - 1 {
            for &v in self.of(i) {
                items[count[v as usize] as usize] = i as u32;
                count[v as usize] += 1;
            }
        }
        Lists { at, items }
    }
}

/// The facts of every entry of a register, entry `i` at place `i` of each
/// column.
#[derive(Debug, Clone, Default)]
pub(in crate::search) struct EntryFacts {
    /// Every SCB code and county code of an entry's public bodies, sorted:
    /// what `codes` and `counties` point into.
    pub places: Vec<String>,
    /// Every organisation id of an entry, sorted: what `orgs` point into.
    pub org_ids: Vec<String>,
    /// SCB codes and county codes of its public bodies, as indices into
    /// `places`, ascending.
    pub codes: Lists<u32>,
    pub counties: Lists<u32>,
    pub form: Vec<Form>,
    pub figure: Vec<Option<i64>>,
    /// Every word of an entry's partners as the index analyses them,
    /// sorted: what `partner_words` and `with_word` point into.
    pub words: Vec<String>,
    /// Each partner's words, as indices into `words`, ascending; the
    /// partners of an entry one after another, each ended by [`END`].
    pub partner_words: Lists<u32>,
    /// The first and last day of each publication date of its pages.
    pub published: Lists<(NaiveDate, NaiveDate)>,
    pub period: Vec<Period>,
    /// Its pages, as indices into the view's pages.
    pub pages: Lists<u32>,
    /// Its organisations, each once: the index of the organisation's id in
    /// `org_ids`, and where it stands in the entry's own organisations.
    pub orgs: Lists<(u32, u32)>,
    /// For each place, the entries with it among their `codes`, ascending.
    pub with_code: Lists<u32>,
    /// For each place, the entries with it among their `counties`.
    pub with_county: Lists<u32>,
    /// For each of the view's pages, the entries it reports, ascending.
    pub of_page: Lists<u32>,
    /// For each word, the entries with a partner that has it, ascending.
    pub with_word: Lists<u32>,
}

/// The end of one partner's words in [`EntryFacts::partner_words`].
pub(in crate::search) const END: u32 = u32::MAX;

impl EntryFacts {
    /// The facts of the register's entries; `page_index` gives each record
    /// id's index among the view's `pages` pages.
    pub fn new(
        register: &Register,
        page_index: &HashMap<&str, u32>,
        pages: usize,
        reference: &Reference,
    ) -> EntryFacts {
        let entries = &register.entries;
        let bodies: Vec<(Vec<String>, Vec<String>)> =
            entries.iter().map(|e| places_of(e, reference)).collect();
        let mut places: Vec<String> = bodies
            .iter()
            .flat_map(|(a, b)| a.iter().chain(b))
            .cloned()
            .collect();
        places.sort();
        places.dedup();
        let mut org_ids: Vec<String> = entries
            .iter()
            .flat_map(|e| e.organisations.iter().map(|o| o.id.clone()))
            .collect();
        org_ids.sort();
        org_ids.dedup();
        let partner_words: Vec<Vec<Vec<String>>> = entries
            .iter()
            .map(|e| {
                e.partners
                    .iter()
                    .map(|p| crate::search::filters::analyze(p))
                    .collect()
            })
            .collect();
        let mut words: Vec<String> = partner_words.iter().flatten().flatten().cloned().collect();
        words.sort();
        words.dedup();
        let at = |names: &[String], n: &str| {
            names
                .binary_search_by(|x| x.as_str().cmp(n))
                .map_or(u32::MAX, |i| i as u32)
        };
        let mut entry_words: Lists<u32> = Lists::default();
        let mut f = EntryFacts::default();
        for ((e, (codes, counties)), partners) in entries.iter().zip(&bodies).zip(&partner_words) {
            f.codes.push(codes.iter().map(|c| at(&places, c)));
            f.counties.push(counties.iter().map(|c| at(&places, c)));
            f.form.push(e.form);
            f.figure.push(e.public_sek_per_year);
            let mut all: Vec<u32> = Vec::new();
            let mut each: Vec<u32> = Vec::new();
            for partner in partners {
                let mut ids: Vec<u32> = partner.iter().map(|w| at(&words, w)).collect();
                ids.sort_unstable();
                ids.dedup();
                all.extend(&ids);
                each.extend(ids);
                each.push(END);
            }
            all.sort_unstable();
            all.dedup();
            f.partner_words.push(each);
            entry_words.push(all);
            f.published.push(
                e.pages
                    .iter()
                    .filter_map(|p| p.published)
                    .map(|d| (d.first_day(), d.last_day())),
            );
            f.period.push(e.period());
            f.pages.push(
                e.pages
                    .iter()
                    .filter_map(|p| page_index.get(p.record_id.as_str()).copied()),
            );
            f.orgs.push(
                e.organisations
                    .iter()
                    .enumerate()
                    .filter(|(n, o)| !e.organisations[..*n].iter().any(|x| x.id == o.id))
                    .map(|(n, o)| (at(&org_ids, &o.id), n as u32)),
            );
        }
        f.with_code = f.codes.inverted(places.len());
        f.with_county = f.counties.inverted(places.len());
        f.of_page = f.pages.inverted(pages);
        f.with_word = entry_words.inverted(words.len());
        f.words = words;
        f.places = places;
        f.org_ids = org_ids;
        f
    }

    /// Entries in all.
    pub fn len(&self) -> usize {
        self.form.len()
    }

    /// The index of a word (as the index analyses it) among `words`.
    pub fn word(&self, word: &str) -> Option<u32> {
        self.words
            .binary_search_by(|w| w.as_str().cmp(word))
            .ok()
            .map(|i| i as u32)
    }

    /// Whether some partner of entry `i` has every one of `words` (indices
    /// into `words`).
    pub fn partner_has(&self, i: usize, words: &[u32]) -> bool {
        self.partner_words
            .of(i)
            .split(|&w| w == END)
            .any(|own| words.iter().all(|w| own.binary_search(w).is_ok()))
    }

    /// The index of an SCB or county code among `places`.
    pub fn place(&self, code: &str) -> Option<u32> {
        self.places
            .binary_search_by(|p| p.as_str().cmp(code))
            .ok()
            .map(|i| i as u32)
    }
}

/// The SCB codes and county codes of an entry's public bodies, sorted, each
/// once.
fn places_of(e: &Entry, reference: &Reference) -> (Vec<String>, Vec<String>) {
    let mut codes: Vec<String> = e
        .public_parties
        .iter()
        .filter_map(|p| p.code.clone())
        .collect();
    codes.sort();
    codes.dedup();
    let mut counties: Vec<String> = codes
        .iter()
        .filter_map(|c| reference.county_of(c).map(|(cc, _)| cc.to_string()))
        .collect();
    counties.sort();
    counties.dedup();
    (codes, counties)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inverted_lists_name_every_list_holding_a_value_in_order() {
        let mut l: Lists<u32> = Lists::default();
        l.push([2, 0]);
        l.push([]);
        l.push([0, 1, 2]);
        let inv = l.inverted(4);
        assert_eq!(inv.of(0), [0, 2]);
        assert_eq!(inv.of(1), [2]);
        assert_eq!(inv.of(2), [0, 2]);
        assert!(inv.of(3).is_empty());
    }
}
