//! The register a long-running searcher shares between searches: built from
//! the index's records without their text, once per commit by one thread,
//! with the previous one answering while it is built; then the memory the
//! records held goes back to the system. The record id of every document is
//! kept beside it, so the records a filter selects for a funding report are
//! known without reading them. Part of [`Searcher`].

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use tantivy::collector::DocSetCollector;
use tantivy::index::SegmentId;
use tantivy::query::AllQuery;
use tantivy::schema::Value;
use tantivy::{DocAddress, TantivyDocument};

use super::{Filters, SearchError, Searcher};
use crate::record::Record;

/// The record id of each document of each segment, by document number
/// (empty for deleted documents).
pub(super) type DocIds = HashMap<SegmentId, Vec<String>>;

impl Searcher {
    /// The register as it is now, or, while another thread builds it after a
    /// commit, the one before (whose pages may lack the newest); `None` when
    /// no register was ever built (then it is not worth building for one
    /// search).
    pub(super) fn current_register(
        &self,
    ) -> Result<Option<Arc<crate::register::Register>>, SearchError> {
        if let Some(register) = self.cached_register() {
            return Ok(Some(register));
        }
        let stale = {
            let cache = self.register.lock().unwrap_or_else(|e| e.into_inner());
            match cache.as_ref() {
                Some((_, r)) => Arc::clone(r),
                None => return Ok(None),
            }
        };
        match self.building.try_lock() {
            Ok(_building) => match self.cached_register() {
                Some(register) => Ok(Some(register)),
                None => self.build_register().map(Some),
            },
            Err(_) => Ok(Some(stale)),
        }
    }

    /// Build the register of the index as it is now and share it; the
    /// caller holds `building`.
    pub(super) fn build_register(&self) -> Result<Arc<crate::register::Register>, SearchError> {
        let searcher = self.reader.searcher();
        let generation = searcher.generation().segments().clone();
        // the register reads a page's source and agreements: the text and
        // quotes are never read, so they are never all in memory at once
        let mut all = Vec::with_capacity(usize::try_from(searcher.num_docs()).unwrap_or(0));
        let mut doc_ids = DocIds::new();
        for (ord, segment) in searcher.segment_readers().iter().enumerate() {
            let ord = u32::try_from(ord).unwrap_or(u32::MAX);
            let ids = doc_ids.entry(segment.segment_id()).or_default();
            ids.resize(segment.max_doc() as usize, String::new());
            for doc in segment.doc_ids_alive() {
                let r = self.load_linked(&searcher, DocAddress::new(ord, doc))?;
                ids[doc as usize] = r.id.clone();
                all.push(r);
            }
        }
        let built = crate::register::Register::build(&all, self.reference);
        drop(all);
        // copied into the memory the records held, so the first copy, built
        // in among the records, and the rest of their memory go back whole
        let register = Arc::new(built.clone());
        drop(built);
        release_freed_memory();
        *self.doc_ids.lock().unwrap_or_else(|e| e.into_inner()) =
            Some((generation.clone(), Arc::new(doc_ids)));
        *self.register.lock().unwrap_or_else(|e| e.into_inner()) =
            Some((generation, Arc::clone(&register)));
        Ok(register)
    }

    /// The ids of the records matching the filters, without reading the
    /// records: from the ids read with the register, else from the stored id.
    pub(super) fn record_ids(&self, filters: &Filters) -> Result<HashSet<String>, SearchError> {
        let query = self.filtered(&AllQuery, filters)?;
        let searcher = self.reader.searcher();
        let found = searcher
            .search(&query, &DocSetCollector)
            .map_err(|e| self.tantivy(e))?;
        let generation = searcher.generation().segments().clone();
        let known = self
            .doc_ids
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .as_ref()
            .filter(|(g, _)| *g == generation)
            .map(|(_, ids)| Arc::clone(ids));
        let mut ids = HashSet::with_capacity(found.len());
        for addr in found {
            let segment = searcher.segment_reader(addr.segment_ord).segment_id();
            let id = known
                .as_ref()
                .and_then(|k| k.get(&segment)?.get(addr.doc_id as usize))
                .filter(|id| !id.is_empty())
                .cloned();
            let id = match id {
                Some(id) => id,
                None => self.stored_id(&searcher, addr)?,
            };
            ids.insert(id);
        }
        Ok(ids)
    }

    /// The stored record of a document as the register reads it: id,
    /// source and agreements, no text and no quotes. They are skipped, not
    /// read and dropped, so no freed holes are left for the register's own
    /// memory to settle in (which would keep the records' memory from going
    /// back to the system).
    fn load_linked(
        &self,
        searcher: &tantivy::Searcher,
        addr: DocAddress,
    ) -> Result<Record, SearchError> {
        #[derive(serde::Deserialize)]
        struct Linked {
            id: String,
            source: crate::record::Source,
            agreements: Vec<crate::record::Agreement>,
        }
        let l: Linked = self.load_as(searcher, addr)?;
        Ok(Record {
            id: l.id,
            source: l.source,
            text: String::new(),
            agreements: l.agreements,
            quotes: Vec::new(),
        })
    }

    /// The id stored with a document.
    fn stored_id(
        &self,
        searcher: &tantivy::Searcher,
        addr: DocAddress,
    ) -> Result<String, SearchError> {
        let doc: TantivyDocument = searcher.doc(addr).map_err(|e| self.tantivy(e))?;
        doc.get_first(self.fields.id)
            .and_then(|v| v.as_str().map(str::to_string))
            .ok_or_else(|| SearchError::Stored {
                dir: self.dir.clone(),
                doc: format!("{}/{}", addr.segment_ord, addr.doc_id),
                detail: "no id stored".into(),
            })
    }
}

/// Give the memory freed since the last call back to the system. glibc
/// keeps freed memory between live allocations for the process; after the
/// records read to build the register are dropped, that is most of what the
/// process ever held.
fn release_freed_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only returns free heap pages to the kernel; it
    // takes no pointers and is safe to call from any thread at any time.
    unsafe {
        libc::malloc_trim(0);
    }
}
