//! Which agreements pass the filters: one pass over the facts of every
//! entry of the [`RegisterView`], places compared as numbers and dates as
//! days, counting what was left out for want of a value. And which pages a
//! full-text query matches, collected without scores. Uses `index` (through
//! tantivy) and the view.

use chrono::NaiveDate;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::query::Query;
use tantivy::{DocId, SegmentOrdinal, SegmentReader};

use super::{NONE, RegisterView};
use crate::register::InForce;
use crate::search::filters::{Resolved, Undated};
use crate::search::funding::LeftOut;
use crate::search::{SearchError, Searcher};

/// The agreements that pass the filters, and what was left out for want of
/// a value (a date, a period, a figure).
#[derive(Debug, Clone, Default)]
pub struct Selection {
    /// Indices into the register's entries, in register order.
    pub entries: Vec<usize>,
    pub left_out: LeftOut,
}

/// Why an entry does not pass.
enum Verdict {
    Pass,
    Fail,
    Missing(fn(&mut LeftOut)),
}

/// The filters as a pass over the entries tests them.
struct Test<'a> {
    r: &'a Resolved,
    /// The kommun's and county's place, when one is asked for (and some
    /// entry has it).
    code: Option<u32>,
    county: Option<u32>,
    /// The partner words, as the entries number them, when asked for.
    words: Option<Vec<u32>>,
    /// The first day `from` and the last day `to` allow.
    lo: Option<NaiveDate>,
    hi: Option<NaiveDate>,
}

impl RegisterView {
    /// Which pages a query matches, by page index.
    pub(in crate::search) fn matching_pages(
        &self,
        s: &Searcher,
        searcher: &tantivy::Searcher,
        query: &dyn Query,
    ) -> Result<Vec<bool>, SearchError> {
        let found = searcher.search(query, &Matches).map_err(|e| s.tantivy(e))?;
        let mut hit = vec![false; self.pages.len()];
        for (seg, docs) in found {
            let Some(pages) = self.docs.get(seg as usize) else {
                continue;
            };
            for d in docs {
                if let Some(&i) = pages.get(d as usize)
                    && i != NONE
                {
                    hit[i as usize] = true;
                }
            }
        }
        Ok(hit)
    }

    /// The entries passing the filters (`pages`: the pages the full-text
    /// query matched, when there is one), and what was left out. Starts
    /// from the entries of the place or of the pages asked for, when one
    /// is, and tests the rest of the filters on those alone.
    pub(in crate::search) fn select(&self, r: &Resolved, pages: Option<&[bool]>) -> Selection {
        let f = &self.entries;
        let code = r.code.as_deref().map(|c| f.place(c));
        let county = r.county.as_deref().map(|c| f.place(c));
        let words: Option<Option<Vec<u32>>> = (!r.partner_terms.is_empty())
            .then(|| r.partner_terms.iter().map(|w| f.word(w)).collect());
        // the shortest list of entries a place or a partner word has
        let mut lists: Vec<&[u32]> = Vec::new();
        if let Some(Some(c)) = code {
            lists.push(f.with_code.of(c as usize));
        }
        if let Some(Some(c)) = county {
            lists.push(f.with_county.of(c as usize));
        }
        if let Some(Some(ws)) = &words {
            lists.extend(ws.iter().map(|&w| f.with_word.of(w as usize)));
        }
        let shortest = lists.into_iter().min_by_key(|l| l.len());
        let none_has = code == Some(None) || county == Some(None) || words == Some(None);
        let candidates: Vec<usize> = match (none_has, shortest, pages) {
            // a place or a word no entry has
            (true, _, _) => Vec::new(),
            (false, Some(list), _) => list.iter().map(|&i| i as usize).collect(),
            (false, None, Some(hit)) => {
                let mut marked = vec![false; f.len()];
                for (p, _) in hit.iter().enumerate().filter(|(_, h)| **h) {
                    for &i in f.of_page.of(p) {
                        marked[i as usize] = true;
                    }
                }
                (0..f.len()).filter(|&i| marked[i]).collect()
            }
            (false, None, None) => (0..f.len()).collect(),
        };
        let test = Test {
            r,
            code: code.flatten(),
            county: county.flatten(),
            words: words.flatten(),
            lo: r.from.map(|d| d.first_day()),
            hi: r.to.map(|d| d.last_day()),
        };
        let mut sel = Selection::default();
        for i in candidates {
            match self.verdict(i, &test, pages) {
                Verdict::Pass => sel.entries.push(i),
                Verdict::Fail => {}
                Verdict::Missing(count) => count(&mut sel.left_out),
            }
        }
        sel
    }

    /// Whether entry `i` passes the filters: those that only fail first,
    /// then those that leave it out for want of a value, in the order whose
    /// first want is counted.
    fn verdict(&self, i: usize, t: &Test, pages: Option<&[bool]>) -> Verdict {
        let f = &self.entries;
        let r = t.r;
        if let Some(hit) = pages
            && !f.pages.of(i).iter().any(|&p| hit[p as usize])
        {
            return Verdict::Fail;
        }
        if t.code.is_some_and(|c| !f.codes.of(i).contains(&c))
            || t.county.is_some_and(|c| !f.counties.of(i).contains(&c))
            || r.form.is_some_and(|form| f.form[i] != form)
        {
            return Verdict::Fail;
        }
        if t.words.as_ref().is_some_and(|ws| !f.partner_has(i, ws)) {
            return Verdict::Fail;
        }
        if let Some(y) = r.in_force {
            match f.period[i].in_force(y) {
                InForce::Yes => {}
                InForce::No => return Verdict::Fail,
                InForce::NoPeriod => return Verdict::Missing(|l| l.no_period += 1),
                InForce::OpenPeriod => return Verdict::Missing(|l| l.open_period += 1),
            }
        }
        let (lo, hi) = (t.lo, t.hi);
        if lo.is_some() || hi.is_some() {
            let published = f.published.of(i);
            if published.is_empty() {
                if r.undated == Undated::Exclude {
                    return Verdict::Missing(|l| l.undated += 1);
                }
            } else {
                let within = published.iter().any(|&(first, last)| {
                    lo.is_none_or(|lo| last >= lo) && hi.is_none_or(|hi| first <= hi)
                });
                if !within {
                    return Verdict::Fail;
                }
            }
        }
        if r.min_sek.is_some() || r.max_sek.is_some() {
            match f.figure[i] {
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

/// Collects the documents a query matches, without scores: per segment, in
/// segment order, the document ids. (Tantivy's `DocSetCollector` hashes
/// every address, which costs more than the query.)
pub(in crate::search) struct Matches;

impl Collector for Matches {
    type Fruit = Vec<(SegmentOrdinal, Vec<DocId>)>;
    type Child = SegmentMatches;

    fn for_segment(
        &self,
        segment: SegmentOrdinal,
        _reader: &SegmentReader,
    ) -> tantivy::Result<SegmentMatches> {
        Ok(SegmentMatches(segment, Vec::new()))
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(
        &self,
        mut fruits: Vec<(SegmentOrdinal, Vec<DocId>)>,
    ) -> tantivy::Result<Self::Fruit> {
        fruits.sort_unstable_by_key(|(seg, _)| *seg);
        Ok(fruits)
    }
}

/// The documents of one segment a query matches.
pub(in crate::search) struct SegmentMatches(SegmentOrdinal, Vec<DocId>);

impl SegmentCollector for SegmentMatches {
    type Fruit = (SegmentOrdinal, Vec<DocId>);

    fn collect(&mut self, doc: DocId, _score: tantivy::Score) {
        self.1.push(doc);
    }

    fn collect_block(&mut self, docs: &[DocId]) {
        self.1.extend_from_slice(docs);
    }

    fn harvest(self) -> Self::Fruit {
        (self.0, self.1)
    }
}
