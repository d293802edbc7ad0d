//! The register view a long-running searcher shares between searches: built
//! from the index's records without their text, once per commit by one
//! thread, with the previous one naming the agreements of hits while it is
//! built; then the memory the records held goes back to the system. The
//! view maps every document to its page, so the pages a filter selects are
//! known by document without reading them. Part of [`Searcher`].

use std::sync::{Arc, TryLockError};

use tantivy::DocAddress;

use super::register::RegisterView;
use super::{Generation, SearchError, Searcher};
use crate::record::Record;

impl Searcher {
    /// The kept view, when it was built from this index state.
    fn kept_view(&self, generation: &Generation) -> Option<Arc<RegisterView>> {
        let cache = self.register.lock().unwrap_or_else(|e| e.into_inner());
        cache
            .as_ref()
            .filter(|(g, _)| g == generation)
            .map(|(_, v)| Arc::clone(v))
    }

    /// The view built from exactly this searcher's documents: the kept one
    /// when it is of this state, else built here. One thread builds it;
    /// others asking meanwhile wait for that one and share it.
    pub(super) fn view_of(
        &self,
        searcher: &tantivy::Searcher,
    ) -> Result<Arc<RegisterView>, SearchError> {
        let generation = searcher.generation().segments().clone();
        if let Some(view) = self.kept_view(&generation) {
            return Ok(view);
        }
        let _building = self.building.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(view) = self.kept_view(&generation) {
            return Ok(view);
        }
        self.build_view(searcher, generation)
    }

    /// The view of the index as it is now, or, while another thread builds
    /// it after a commit, the one before (whose pages may lack the newest).
    /// Only for what reads the view by record id (the agreements of hits),
    /// never by document address, which a commit changes.
    pub(super) fn current_view(&self) -> Result<Arc<RegisterView>, SearchError> {
        let searcher = self.reader.searcher();
        let generation = searcher.generation().segments().clone();
        if let Some(view) = self.kept_view(&generation) {
            return Ok(view);
        }
        let building = match self.building.try_lock() {
            Ok(guard) => Some(guard),
            Err(TryLockError::Poisoned(e)) => Some(e.into_inner()),
            Err(TryLockError::WouldBlock) => None,
        };
        match building {
            Some(_building) => match self.kept_view(&generation) {
                Some(view) => Ok(view),
                None => self.build_view(&searcher, generation),
            },
            None => {
                let stale = self
                    .register
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .as_ref()
                    .map(|(_, v)| Arc::clone(v));
                match stale {
                    Some(view) => Ok(view),
                    // never built: wait for the one being built
                    None => self.view_of(&searcher),
                }
            }
        }
    }

    /// Build the view of this index state and share it; the caller holds
    /// `building`. The view before it, and the memory the records read to
    /// build it held, go back to the system.
    fn build_view(
        &self,
        searcher: &tantivy::Searcher,
        generation: Generation,
    ) -> Result<Arc<RegisterView>, SearchError> {
        let view = Arc::new(RegisterView::build(self, searcher)?);
        let before = self
            .register
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .replace((generation, Arc::clone(&view)));
        drop(before);
        release_freed_memory();
        Ok(view)
    }

    /// The stored record of a document as the register reads it: id,
    /// source and agreements, no text and no quotes. They are skipped, not
    /// read and dropped, so no freed holes are left for the register's own
    /// memory to settle in (which would keep the records' memory from going
    /// back to the system).
    pub(super) fn load_linked(
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
