//! The register a long-running searcher shares between searches: built from
//! the index's records without their text, once per commit by one thread,
//! with the previous one answering while it is built; then the memory the
//! records held goes back to the system. Part of [`Searcher`].

use std::sync::Arc;

use tantivy::DocAddress;

use super::{SearchError, Searcher};

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
        // quotes are dropped as each record is read, so they are never all
        // in memory at once
        let mut all = Vec::with_capacity(usize::try_from(searcher.num_docs()).unwrap_or(0));
        for (ord, segment) in searcher.segment_readers().iter().enumerate() {
            let ord = u32::try_from(ord).unwrap_or(u32::MAX);
            for doc in segment.doc_ids_alive() {
                let mut r = self.load(&searcher, DocAddress::new(ord, doc))?;
                r.text = String::new();
                r.quotes = Vec::new();
                all.push(r);
            }
        }
        let register = Arc::new(crate::register::Register::build(&all, self.reference));
        drop(all);
        release_freed_memory();
        *self.register.lock().unwrap_or_else(|e| e.into_inner()) =
            Some((generation, Arc::clone(&register)));
        Ok(register)
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
