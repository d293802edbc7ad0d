//! The register as search serves it: a [`RegisterView`] built once per index
//! state from every stored record: the register itself, for each entry and
//! each page the facts filters and facets test, each entry's funding row by
//! every grouping, and the answers kept for that state. How one entry is
//! judged against the filters lives here too; the queries over the view are
//! in [`super::answers`]. Uses `index`, `record`, `reference` and `register`.

use std::collections::HashMap;
use std::num::NonZeroUsize;
use std::sync::{Arc, Mutex};

use bytes::Bytes;
use lru::LruCache;

use serde::Serialize;
use tantivy::DocAddress;
use tantivy::collector::DocSetCollector;
use tantivy::query::{AllQuery, Query};

use super::facets::Facet;
use super::filters::{Resolved, Undated};
use super::funding::{self, By, LeftOut};
use super::{SearchError, Searcher};
use crate::record::{Form, PartialDate, Record};
use crate::register::{Entry, InForce, Period, Register};

/// No record at this document address.
const NONE: u32 = u32::MAX;

/// Answers kept per index state, and the largest one kept, in bytes.
const CACHED_ANSWERS: usize = 64;
pub(super) const MAX_CACHED_BYTES: usize = 4 << 20;

/// What filters and facets test on one indexed page.
#[derive(Debug, Clone)]
pub(super) struct PageFacts {
    pub id: String,
    /// SCB codes and county codes of its agreements' public bodies.
    pub codes: Vec<String>,
    pub counties: Vec<String>,
    pub forms: Vec<Form>,
    /// Partner names as the page writes them, each once.
    pub partners: Vec<String>,
    pub year: Option<i32>,
}

/// What filters and facets test on one register entry.
#[derive(Debug, Clone)]
pub(super) struct EntryFacts {
    pub codes: Vec<String>,
    pub counties: Vec<String>,
    /// Each partner's words as the index analyses them, sorted.
    pub partner_terms: Vec<Vec<String>>,
    /// Publication dates of its pages that have one.
    pub published: Vec<PartialDate>,
    pub period: Period,
    /// Its pages, as indices into the view's pages.
    pub pages: Vec<u32>,
}

/// The register of every indexed record with the facts behind filters and
/// facets; built once per index state and shared.
pub struct RegisterView {
    pub register: Arc<Register>,
    pub(super) pages: Vec<PageFacts>,
    pub(super) entries: Vec<EntryFacts>,
    /// Segment ordinal -> document id -> index into `pages`.
    docs: Vec<Vec<u32>>,
    /// What funding reports read of each entry: its row by municipality,
    /// county and partner, its figure, years and item.
    pub(super) funding: funding::FundingTable,
    by_id: HashMap<String, usize>,
    /// Serialized answers to recent requests, dropped with the view when
    /// the index changes.
    pub(super) answers: Mutex<LruCache<String, Bytes>>,
}

/// The agreements that pass the filters, and what was left out for want of
/// a value (a date, a period, a figure).
#[derive(Debug, Clone, Default)]
pub struct Selection {
    /// Indices into the register's entries, in register order.
    pub entries: Vec<usize>,
    pub left_out: LeftOut,
}

/// One page of agreements, as `GET /api/agreements` answers.
#[derive(Debug, Clone, Serialize)]
pub struct AgreementsResponse {
    /// Agreements passing the filters, in all.
    pub total: usize,
    pub offset: usize,
    pub left_out: LeftOut,
    pub agreements: Vec<Entry>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub facets: Option<Vec<Facet>>,
}

/// Why an entry does not pass.
pub(super) enum Verdict {
    Pass,
    Fail,
    Missing(fn(&mut LeftOut)),
}

impl RegisterView {
    /// Read every record of this index state, without its text and quotes,
    /// and build the view.
    pub(super) fn build(
        s: &Searcher,
        searcher: &tantivy::Searcher,
    ) -> Result<RegisterView, SearchError> {
        let found = searcher
            .search(&AllQuery, &DocSetCollector)
            .map_err(|e| s.tantivy(e))?;
        let mut addrs: Vec<DocAddress> = found.into_iter().collect();
        addrs.sort();
        // the register reads a page's source and agreements: the text and
        // quotes are never read, so they are never all in memory at once
        let records: Vec<Record> = addrs
            .iter()
            .map(|a| s.load_linked(searcher, *a))
            .collect::<Result<_, _>>()?;
        let register = Register::build(&records, s.reference);
        let mut docs: Vec<Vec<u32>> = searcher
            .segment_readers()
            .iter()
            .map(|r| vec![NONE; r.max_doc() as usize])
            .collect();
        for (i, a) in addrs.iter().enumerate() {
            docs[a.segment_ord as usize][a.doc_id as usize] = i as u32;
        }
        // the SCB codes and county codes of some public bodies, sorted, each once
        let places = |codes: Vec<String>| {
            let mut codes = codes;
            codes.sort();
            codes.dedup();
            let mut counties: Vec<String> = codes
                .iter()
                .filter_map(|c| s.reference.county_of(c).map(|(cc, _)| cc.to_string()))
                .collect();
            counties.sort();
            counties.dedup();
            (codes, counties)
        };
        let pages: Vec<PageFacts> = records
            .iter()
            .map(|r| {
                let (codes, counties) = places(
                    r.agreements
                        .iter()
                        .flat_map(crate::register::link::codes_of)
                        .collect(),
                );
                let mut forms: Vec<Form> = r.agreements.iter().map(|a| a.form).collect();
                forms.dedup();
                let mut partners: Vec<String> = Vec::new();
                for p in r.agreements.iter().flat_map(|a| &a.partners) {
                    if !partners.contains(&p.name) {
                        partners.push(p.name.clone());
                    }
                }
                PageFacts {
                    id: r.id.clone(),
                    codes,
                    counties,
                    forms,
                    partners,
                    year: r.source.published.map(|d| d.year),
                }
            })
            .collect();
        drop(records);
        // copied into the memory the records held, so the first copies,
        // built in among the records, and the rest of their memory go back
        // whole
        let register = {
            let built = register;
            built.clone()
        };
        let pages = {
            let built = pages;
            built.clone()
        };
        let page_index: HashMap<&str, u32> = pages
            .iter()
            .enumerate()
            .map(|(i, p)| (p.id.as_str(), i as u32))
            .collect();
        let entries = register
            .entries
            .iter()
            .map(|e| {
                let (codes, counties) = places(
                    e.public_parties
                        .iter()
                        .filter_map(|p| p.code.clone())
                        .collect(),
                );
                EntryFacts {
                    codes,
                    counties,
                    partner_terms: e
                        .partners
                        .iter()
                        .map(|p| {
                            let mut t = super::filters::analyze(p);
                            t.sort();
                            t.dedup();
                            t
                        })
                        .collect(),
                    published: e.pages.iter().filter_map(|p| p.published).collect(),
                    period: e.period(),
                    pages: e
                        .pages
                        .iter()
                        .filter_map(|p| page_index.get(p.record_id.as_str()).copied())
                        .collect(),
                }
            })
            .collect();
        let funding = {
            let entries: Vec<&Entry> = register.entries.iter().collect();
            funding::FundingTable::new(&entries, s.reference)
        };
        let by_id = register
            .entries
            .iter()
            .enumerate()
            .map(|(i, e)| (e.agreement_id.clone(), i))
            .collect();
        Ok(RegisterView {
            register: Arc::new(register),
            pages,
            entries,
            docs,
            funding,
            by_id,
            answers: Mutex::new(LruCache::new(
                NonZeroUsize::new(CACHED_ANSWERS).unwrap_or(NonZeroUsize::MIN),
            )),
        })
    }

    /// Every entry's funding row by this grouping.
    pub fn grouping(&self, by: By) -> &funding::Grouping {
        self.funding.grouping(by)
    }

    /// The entry with this id.
    pub fn get(&self, agreement_id: &str) -> Option<&Entry> {
        self.by_id
            .get(agreement_id)
            .map(|&i| &self.register.entries[i])
    }

    /// Which pages a query matches, by page index.
    pub(super) fn matching_pages(
        &self,
        s: &Searcher,
        searcher: &tantivy::Searcher,
        query: &dyn Query,
    ) -> Result<Vec<bool>, SearchError> {
        let found = searcher
            .search(query, &DocSetCollector)
            .map_err(|e| s.tantivy(e))?;
        let mut hit = vec![false; self.pages.len()];
        for a in found {
            if let Some(&i) = self
                .docs
                .get(a.segment_ord as usize)
                .and_then(|d| d.get(a.doc_id as usize))
                && i != NONE
            {
                hit[i as usize] = true;
            }
        }
        Ok(hit)
    }

    /// Whether entry `i` passes the filters (`pages`: the pages the full-text
    /// query matched, when there is one).
    pub(super) fn verdict(&self, i: usize, r: &Resolved, pages: Option<&[bool]>) -> Verdict {
        let f = &self.entries[i];
        let e = &self.register.entries[i];
        if let Some(hit) = pages
            && !f.pages.iter().any(|&p| hit[p as usize])
        {
            return Verdict::Fail;
        }
        if r.code.as_ref().is_some_and(|c| !f.codes.contains(c))
            || r.county.as_ref().is_some_and(|c| !f.counties.contains(c))
            || r.form.is_some_and(|form| e.form != form)
        {
            return Verdict::Fail;
        }
        if !r.partner_terms.is_empty()
            && !f.partner_terms.iter().any(|words| {
                r.partner_terms
                    .iter()
                    .all(|t| words.binary_search(t).is_ok())
            })
        {
            return Verdict::Fail;
        }
        if let Some(y) = r.in_force {
            match f.period.in_force(y) {
                InForce::Yes => {}
                InForce::No => return Verdict::Fail,
                InForce::NoPeriod => return Verdict::Missing(|l| l.no_period += 1),
                InForce::OpenPeriod => return Verdict::Missing(|l| l.open_period += 1),
            }
        }
        if r.from.is_some() || r.to.is_some() {
            if f.published.is_empty() {
                if r.undated == Undated::Exclude {
                    return Verdict::Missing(|l| l.undated += 1);
                }
            } else {
                let lo = r.from.map(|d| d.first_day());
                let hi = r.to.map(|d| d.last_day());
                let within = f.published.iter().any(|p| {
                    lo.is_none_or(|lo| p.last_day() >= lo)
                        && hi.is_none_or(|hi| p.first_day() <= hi)
                });
                if !within {
                    return Verdict::Fail;
                }
            }
        }
        if r.min_sek.is_some() || r.max_sek.is_some() {
            match e.public_sek_per_year {
                None => return Verdict::Missing(|l| l.no_figure += 1),
                Some(v) => {
                    if r.min_sek.is_some_and(|lo| v < lo) || r.max_sek.is_some_and(|hi| v > hi) {
                        return Verdict::Fail;
                    }
                }
            }
        }
        Verdict::Pass
    }
}

impl Searcher {
    /// The register view of this index state: built on first use after each
    /// commit and shared after that (`iop serve` builds it at start); one
    /// thread builds it, others asking meanwhile wait for that one.
    pub fn register_view(&self) -> Result<Arc<RegisterView>, SearchError> {
        self.view_of(&self.reader.searcher())
    }

    /// The kept JSON answer for `key`, when the view of the index as it is
    /// now has one; never builds anything, so it is cheap enough for an
    /// async thread.
    pub fn kept_answer(&self, key: &str) -> Option<Bytes> {
        let generation = self.reader.searcher().generation().segments().clone();
        let cache = self.register.lock().unwrap_or_else(|e| e.into_inner());
        let (g, view) = cache.as_ref()?;
        if *g != generation {
            return None;
        }
        view.answers
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(key)
            .cloned()
    }

    /// The register of every indexed record.
    pub fn full_register(&self) -> Result<Arc<Register>, SearchError> {
        Ok(Arc::clone(&self.register_view()?.register))
    }
}
