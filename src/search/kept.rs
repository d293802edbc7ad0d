//! Answers kept per index state: the JSON of recent `/api/agreements` and
//! `/api/funding` requests, each under its key (see
//! [`Searcher::answer_key`]), the least recently used dropped first when
//! there are more than [`KEPT_ANSWERS`] or more than [`KEPT_BYTES`] in all;
//! an answer over [`MAX_KEPT_BYTES`] is not kept. They live in the register
//! view, so a commit drops them with it.

use std::num::NonZeroUsize;

use bytes::Bytes;
use lru::LruCache;

use super::{Filters, SearchError, Searcher};

/// Answers kept per index state.
pub const KEPT_ANSWERS: usize = 64;
/// The largest answer kept, in bytes.
pub const MAX_KEPT_BYTES: usize = 4 << 20;
/// All kept answers together, in bytes.
pub const KEPT_BYTES: usize = 32 << 20;

/// The kept answers of one index state.
pub(super) struct Kept {
    answers: LruCache<String, Bytes>,
    /// Their bytes in all.
    bytes: usize,
}

impl Kept {
    pub fn new() -> Kept {
        Kept {
            answers: LruCache::new(NonZeroUsize::new(KEPT_ANSWERS).unwrap_or(NonZeroUsize::MIN)),
            bytes: 0,
        }
    }

    /// The answer kept under `key`, now the most recently used.
    pub fn get(&mut self, key: &str) -> Option<Bytes> {
        self.answers.get(key).cloned()
    }

    /// Keep `answer` under `key`, when it is small enough, dropping the
    /// least recently used until the count and the bytes are within bounds.
    pub fn put(&mut self, key: String, answer: Bytes) {
        if answer.len() > MAX_KEPT_BYTES {
            return;
        }
        self.bytes += answer.len();
        if let Some((_, old)) = self.answers.push(key, answer) {
            // the same key's answer before, or the one the count pushed out
            self.bytes -= old.len();
        }
        while self.bytes > KEPT_BYTES {
            match self.answers.pop_lru() {
                Some((_, old)) => self.bytes -= old.len(),
                None => break,
            }
        }
    }

    /// Answers and bytes kept.
    #[cfg(test)]
    pub fn size(&self) -> (usize, usize) {
        (self.answers.len(), self.bytes)
    }
}

impl Searcher {
    /// The key an answer is kept under: `kind` (the endpoint), the query,
    /// the filters as resolved (so "Skåne", "Skåne län" and "12" are one
    /// key, and "Goteborg" and "1480" another), the partner words as
    /// written (facets mark the written ones selected), and `rest` (paging,
    /// grouping, sorting, written out). `None` when a filter is wrong: that
    /// answer is an error, never kept.
    pub fn answer_key(
        &self,
        kind: &str,
        query: &str,
        filters: &Filters,
        rest: &dyn std::fmt::Debug,
    ) -> Option<String> {
        let resolved = filters.resolve(self.reference).ok()?;
        let query = match query.trim() {
            "*" => "",
            q => q,
        };
        let partner = filters.partner.as_deref().map(|p| p.trim().to_lowercase());
        Some(format!(
            "{kind} {query:?} {resolved:?} {partner:?} {rest:?}"
        ))
    }

    /// The JSON answer for `key`, as `write` writes it, computed once per
    /// index state and kept while the index does not change (when `key` is
    /// given).
    pub fn cached(
        &self,
        key: Option<&str>,
        write: impl FnOnce(&Searcher) -> Result<Vec<u8>, SearchError>,
    ) -> Result<Bytes, SearchError> {
        let Some(key) = key else {
            return write(self).map(Bytes::from);
        };
        let view = self.register_view()?;
        let hit = view
            .answers
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(key);
        if let Some(b) = hit {
            return Ok(b);
        }
        let b = Bytes::from(write(self)?);
        view.answers
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .put(key.to_string(), b.clone());
        Ok(b)
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
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_answer_is_kept_for_every_way_of_writing_the_same_filters() {
        let (_d, s) = super::super::tests::indexed();
        let county = |c: &str| Filters {
            county: Some(c.into()),
            ..Filters::default()
        };
        let key = |c: &str| s.answer_key("funding", "", &county(c), &1);
        assert!(key("Skåne län").is_some());
        assert_eq!(key("Skåne län"), key("skåne"));
        assert_eq!(key("Skåne län"), key("12"));
        assert_ne!(key("Skåne län"), key("Stockholm"));
        assert_ne!(
            key("12"),
            s.answer_key("funding", "", &county("12"), &2),
            "what is not a filter counts too"
        );
        assert_eq!(
            key("Lappland"),
            None,
            "a wrong filter's answer is its error"
        );
        assert_eq!(
            s.answer_key("funding", "*", &county("12"), &1),
            key("12"),
            "* and no query are one"
        );
        // facets mark the partner words as written
        let partner = |p: &str| {
            let f = Filters {
                partner: Some(p.into()),
                ..Filters::default()
            };
            s.answer_key("agreements", "", &f, &1)
        };
        assert_eq!(partner("Kvinnojouren"), partner(" kvinnojouren "));
        assert_ne!(partner("kvinnojouren"), partner("kvinnojourer"));
        // written once, found under each way of writing it
        let mut written = 0;
        for c in ["Skåne län", "skåne", "12"] {
            let k = key(c);
            let b = s
                .cached(k.as_deref(), |s| {
                    written += 1;
                    s.funding_json("", &county(c), Default::default())
                })
                .unwrap();
            assert_eq!(s.kept_answer(k.as_deref().unwrap()), Some(b));
        }
        assert_eq!(written, 1);
    }

    #[test]
    fn kept_answers_stay_within_their_count_and_bytes_least_recent_first_out() {
        let mut k = Kept::new();
        let answer = |n: usize| Bytes::from(vec![b'x'; n]);
        k.put("too big".into(), answer(MAX_KEPT_BYTES + 1));
        assert_eq!(k.size(), (0, 0));
        let big = 3 << 20;
        for i in 0..20 {
            k.put(format!("big {i}"), answer(big));
            assert!(k.size().1 <= KEPT_BYTES);
        }
        assert_eq!(k.size(), (KEPT_BYTES / big, KEPT_BYTES / big * big));
        assert!(k.get("big 0").is_none() && k.get("big 19").is_some());
        // the same key again replaces its answer and its bytes
        k.put("big 19".into(), answer(10));
        assert_eq!(k.size().1, (KEPT_BYTES / big - 1) * big + 10);
        for i in 0..2 * KEPT_ANSWERS {
            k.put(format!("small {i}"), answer(1));
        }
        assert_eq!(k.size(), (KEPT_ANSWERS, KEPT_ANSWERS));
    }
}
