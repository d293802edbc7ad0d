//! The register as search serves it: a [`RegisterView`] built once per index
//! state from every stored record: the register itself, for each page and
//! each entry the facts filters and facets test (the entries' in columns,
//! `facts`), what funding reports read of each entry, and the answers kept
//! for that state. Which entries pass the filters is in `select`; the
//! queries over the view are in [`super::answers`]. Uses `index`, `record`,
//! `reference` and `register`.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use serde::Serialize;
use tantivy::DocAddress;
use tantivy::collector::DocSetCollector;
use tantivy::query::AllQuery;

mod facts;
mod select;
pub(super) use facts::EntryFacts;
pub use select::Selection;

use super::facets::Facet;
use super::funding::{self, By, LeftOut};
use super::kept::Kept;
use super::{SearchError, Searcher};
use crate::record::{Form, Record};
use crate::register::{Entry, Register};

/// No record at this document address.
const NONE: u32 = u32::MAX;

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

/// The register of every indexed record with the facts behind filters and
/// facets; built once per index state and shared.
pub struct RegisterView {
    pub register: Arc<Register>,
    pub(super) pages: Vec<PageFacts>,
    pub(super) entries: EntryFacts,
    /// Segment ordinal -> document id -> index into `pages`.
    pub(super) docs: Vec<Vec<u32>>,
    /// What funding reports read of each entry: its row by municipality,
    /// county and partner, its figure, years and item.
    pub(super) funding: funding::FundingTable,
    by_id: HashMap<String, usize>,
    /// Serialized answers to recent requests, dropped with the view when
    /// the index changes.
    pub(super) answers: Mutex<Kept>,
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
        let entries = EntryFacts::new(&register, &page_index, pages.len(), s.reference);
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
            answers: Mutex::new(Kept::new()),
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
}

impl Searcher {
    /// The register view of this index state: built on first use after each
    /// commit and shared after that (`iop serve` builds it at start); one
    /// thread builds it, others asking meanwhile wait for that one.
    pub fn register_view(&self) -> Result<Arc<RegisterView>, SearchError> {
        self.view_of(&self.reader.searcher())
    }

    /// The register of every indexed record.
    pub fn full_register(&self) -> Result<Arc<Register>, SearchError> {
        Ok(Arc::clone(&self.register_view()?.register))
    }
}
