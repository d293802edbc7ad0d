//! The tantivy index: its schema and Swedish analyzer ([`schema`]), opening
//! an index directory with clear errors (missing, locked by another writer,
//! damaged, or written by another schema version), and the [`Indexer`] that
//! checks records ([`validate`]) and upserts them by id. Uses `record`,
//! `reference` and tantivy; knows nothing of extraction.
//!
//! A writer holds [`WRITER_LOCK`] from before it creates anything in the
//! directory until it is done, so of two runs starting on a new directory
//! the second hears that the index is locked.
//!
//! A run that is killed leaves the last committed index readable: tantivy
//! switches to new segments only when `meta.json` is replaced at commit.

use std::fs::{File, TryLockError};
use std::path::{Path, PathBuf};

use tantivy::directory::error::LockError;
use tantivy::schema::Term;
use tantivy::{Index, IndexWriter, TantivyDocument, TantivyError};

use crate::record::Record;
use crate::reference::Reference;

pub mod schema;
mod validate;

pub use schema::{Fields, SCHEMA_VERSION};
pub use validate::{MAX_ID_BYTES, validate};

/// The file beside tantivy's own that records our schema version.
pub const VERSION_FILE: &str = "iop-index-version";

/// The lock file a writer holds while it creates or writes the index.
pub const WRITER_LOCK: &str = ".iop-writer.lock";

/// Memory for the index writer, shared by its threads.
const WRITER_MEMORY: usize = 128 * 1024 * 1024;

/// Documents added between commits in [`Indexer::add_all`]-style loops.
pub const COMMIT_EVERY: usize = 10_000;

/// Why the index could not be opened, written or read.
#[derive(Debug, thiserror::Error)]
pub enum IndexError {
    #[error("no index at {dir}: build one with `iop index` or `iop run`")]
    Missing { dir: PathBuf },
    #[error(
        "index {dir} is locked by another writer (an `iop index` or `iop run` still running); \
         wait for it to finish and try again"
    )]
    Locked { dir: PathBuf },
    #[error(
        "index {dir} was written by another version of iop (schema {found}, this iop \
         uses {SCHEMA_VERSION}); delete the directory and index again"
    )]
    Version { dir: PathBuf, found: String },
    #[error("index {dir} is damaged ({detail}); delete the directory and index again")]
    Corrupt { dir: PathBuf, detail: String },
    #[error("{dir} is not an index directory and not empty; choose another --index")]
    NotAnIndex { dir: PathBuf },
    #[error("record {id:?} is not indexed: {reason}")]
    Invalid { id: String, reason: String },
    #[error("cannot serialize record {id}: {source}")]
    Record {
        id: String,
        #[source]
        source: serde_json::Error,
    },
    #[error("index {dir}: {source}")]
    Io {
        dir: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("index {dir}: {source}")]
    Tantivy {
        dir: PathBuf,
        #[source]
        source: TantivyError,
    },
}

impl IndexError {
    /// True for a record refused by [`validate`]: that record is skipped,
    /// the index is fine.
    pub fn is_invalid_record(&self) -> bool {
        matches!(self, IndexError::Invalid { .. })
    }

    /// Classify a tantivy error met on the index at `dir`.
    pub fn from_tantivy(dir: &Path, e: TantivyError) -> IndexError {
        let dir = dir.to_path_buf();
        match e {
            TantivyError::LockFailure(LockError::LockBusy, _) => IndexError::Locked { dir },
            TantivyError::DataCorruption(c) => IndexError::Corrupt {
                dir,
                detail: format!("{c:?}"),
            },
            TantivyError::IncompatibleIndex(i) => IndexError::Version {
                dir,
                found: format!("of an older tantivy: {i:?}"),
            },
            TantivyError::OpenReadError(e) => IndexError::Corrupt {
                dir,
                detail: e.to_string(),
            },
            TantivyError::SchemaError(e) => IndexError::Corrupt { dir, detail: e },
            e => IndexError::Tantivy { dir, source: e },
        }
    }
}

/// True when `dir` holds a tantivy index.
pub fn exists(dir: &Path) -> bool {
    dir.join("meta.json").is_file()
}

/// Open an existing index, checking its schema version, with the analyzers
/// registered.
pub fn open(dir: &Path) -> Result<(Index, Fields), IndexError> {
    if !exists(dir) {
        return Err(IndexError::Missing {
            dir: dir.to_path_buf(),
        });
    }
    let version = std::fs::read_to_string(dir.join(VERSION_FILE)).ok();
    let found = version.as_deref().map(str::trim).unwrap_or("none");
    if found != SCHEMA_VERSION.to_string() {
        return Err(IndexError::Version {
            dir: dir.to_path_buf(),
            found: found.to_string(),
        });
    }
    let index = Index::open_in_dir(dir).map_err(|e| IndexError::from_tantivy(dir, e))?;
    let fields = Fields::of(&index.schema()).ok_or_else(|| IndexError::Version {
        dir: dir.to_path_buf(),
        found: format!("{found} with other fields"),
    })?;
    schema::register_analyzers(&index);
    Ok((index, fields))
}

/// True when `dir` holds entries that neither iop nor tantivy wrote before
/// the index exists (the lock, version and lock files are ours).
fn has_foreign_entries(dir: &Path) -> std::io::Result<bool> {
    Ok(std::fs::read_dir(dir)?.filter_map(Result::ok).any(|e| {
        let n = e.file_name();
        n != VERSION_FILE
            && n != WRITER_LOCK
            && n != ".tantivy-writer.lock"
            && n != ".tantivy-meta.lock"
    }))
}

/// Open the index in `dir`, creating it when absent. The caller holds the
/// writer lock, so nobody else is creating it at the same time.
fn open_or_create(dir: &Path) -> Result<(Index, Fields), IndexError> {
    if exists(dir) {
        return open(dir);
    }
    let io = |source| IndexError::Io {
        dir: dir.to_path_buf(),
        source,
    };
    if has_foreign_entries(dir).map_err(io)? {
        return Err(IndexError::NotAnIndex {
            dir: dir.to_path_buf(),
        });
    }
    // the version file goes first: meta.json, written last, makes it an index
    write_atomic(&dir.join(VERSION_FILE), &format!("{SCHEMA_VERSION}\n")).map_err(io)?;
    let index = Index::create_in_dir(dir, schema::schema())
        .map_err(|e| IndexError::from_tantivy(dir, e))?;
    let fields = Fields::of(&index.schema()).ok_or_else(|| IndexError::Corrupt {
        dir: dir.to_path_buf(),
        detail: "schema fields missing".into(),
    })?;
    schema::register_analyzers(&index);
    Ok((index, fields))
}

/// Create `dir` when absent and take its writer lock. A directory with
/// files of its own and no index is refused before any lock file is left in
/// it; one whose only strangers belong to a writer at work (it holds the
/// lock file) is locked, not foreign.
fn lock(dir: &Path) -> Result<File, IndexError> {
    let io = |source| IndexError::Io {
        dir: dir.to_path_buf(),
        source,
    };
    std::fs::create_dir_all(dir).map_err(io)?;
    let lock_path = dir.join(WRITER_LOCK);
    // strangers first, then the lock file and the index: a writer takes the
    // lock file before it writes anything, so strangers seen before neither
    // exists are not a writer's
    if has_foreign_entries(dir).map_err(io)? && !lock_path.exists() && !exists(dir) {
        return Err(IndexError::NotAnIndex {
            dir: dir.to_path_buf(),
        });
    }
    let file = File::options()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&lock_path)
        .map_err(io)?;
    match file.try_lock() {
        Ok(()) => Ok(file),
        Err(TryLockError::WouldBlock) => Err(IndexError::Locked {
            dir: dir.to_path_buf(),
        }),
        Err(TryLockError::Error(e)) => Err(io(e)),
    }
}

/// Remove the index in `dir` when it holds no documents and no writer is
/// at work on it: what a failed first run leaves behind. Another run may
/// have taken the directory over meanwhile (it holds the lock, or indexed
/// documents, or put files of its own there), so the check is made holding
/// the writer lock. True when the directory was removed.
pub fn remove_if_empty(dir: &Path) -> Result<bool, IndexError> {
    if !dir.is_dir() {
        return Ok(false);
    }
    let Ok(_lock) = lock(dir) else {
        return Ok(false);
    };
    if exists(dir) {
        let index = Index::open_in_dir(dir).map_err(|e| IndexError::from_tantivy(dir, e))?;
        let metas = index
            .load_metas()
            .map_err(|e| IndexError::from_tantivy(dir, e))?;
        if metas.segments.iter().any(|s| s.num_docs() > 0) {
            return Ok(false);
        }
    } else if has_foreign_entries(dir).map_err(|source| IndexError::Io {
        dir: dir.to_path_buf(),
        source,
    })? {
        return Ok(false);
    }
    std::fs::remove_dir_all(dir).map_err(|source| IndexError::Io {
        dir: dir.to_path_buf(),
        source,
    })?;
    Ok(true)
}

fn write_atomic(path: &Path, text: &str) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    std::io::Write::write_all(&mut tmp, text.as_bytes())?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// Writes records to the index: each one replaces any earlier document with
/// the same id. Nothing is visible to readers until [`Indexer::commit`].
pub struct Indexer {
    dir: PathBuf,
    writer: IndexWriter<TantivyDocument>,
    fields: Fields,
    reference: &'static Reference,
    pending: usize,
    /// Held until the indexer is dropped (after the tantivy writer).
    _lock: File,
}

impl Indexer {
    /// Open (or create) the index in `dir` and take its writer lock.
    pub fn open(dir: &Path) -> Result<Indexer, IndexError> {
        let lock = lock(dir)?;
        let (index, fields) = open_or_create(dir)?;
        let writer = index
            .writer(WRITER_MEMORY)
            .map_err(|e| IndexError::from_tantivy(dir, e))?;
        Ok(Indexer {
            dir: dir.to_path_buf(),
            writer,
            fields,
            reference: Reference::embedded(),
            pending: 0,
            _lock: lock,
        })
    }

    /// Add a record, replacing the document of the same id. A record that
    /// fails [`validate`] is refused ([`IndexError::Invalid`]) and the
    /// indexer stays usable.
    pub fn upsert(&mut self, r: &Record) -> Result<(), IndexError> {
        validate(r).map_err(|reason| IndexError::Invalid {
            id: r.id.clone(),
            reason,
        })?;
        let reference = self.reference;
        let doc = schema::document(&self.fields, r, |code| {
            reference.county_of(code).map(|(c, _)| c.to_string())
        })
        .map_err(|source| IndexError::Record {
            id: r.id.clone(),
            source,
        })?;
        self.writer
            .delete_term(Term::from_field_text(self.fields.id, &r.id));
        self.writer
            .add_document(doc)
            .map_err(|e| IndexError::from_tantivy(&self.dir, e))?;
        self.pending += 1;
        Ok(())
    }

    /// Documents added since the last commit.
    pub fn pending(&self) -> usize {
        self.pending
    }

    /// Make everything added so far durable and visible.
    pub fn commit(&mut self) -> Result<(), IndexError> {
        self.writer
            .commit()
            .map_err(|e| IndexError::from_tantivy(&self.dir, e))?;
        self.pending = 0;
        Ok(())
    }

    /// Commit, wait for merges, and release the lock.
    pub fn finish(mut self) -> Result<(), IndexError> {
        self.commit()?;
        let dir = self.dir.clone();
        self.writer
            .wait_merging_threads()
            .map_err(|e| IndexError::from_tantivy(&dir, e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_writer_gets_a_clear_lock_error() {
        let d = tempfile::tempdir().unwrap();
        let _first = Indexer::open(d.path()).unwrap();
        let e = Indexer::open(d.path()).err().unwrap();
        assert!(matches!(e, IndexError::Locked { .. }), "{e}");
        assert!(e.to_string().contains("locked by another writer"));
    }

    #[test]
    fn only_an_empty_index_no_writer_holds_is_removed() {
        let d = tempfile::tempdir().unwrap();
        let ix = d.path().join("ix");
        // a writer creating it, as a run that heard locked finds it
        let writer = Indexer::open(&ix).unwrap();
        assert!(!remove_if_empty(&ix).unwrap());
        assert!(ix.exists());
        writer.finish().unwrap();
        // empty and free: what a failed first run leaves
        assert!(remove_if_empty(&ix).unwrap());
        assert!(!ix.exists());
        assert!(!remove_if_empty(&ix).unwrap());
        // documents another run put in it stay
        let r: crate::record::Record = serde_json::from_str(
            include_str!("../../fixtures/records/sample.jsonl")
                .lines()
                .next()
                .unwrap(),
        )
        .unwrap();
        let mut writer = Indexer::open(&ix).unwrap();
        writer.upsert(&r).unwrap();
        writer.finish().unwrap();
        assert!(!remove_if_empty(&ix).unwrap());
        assert!(exists(&ix));
        // files that are not an index's are not touched
        let other = d.path().join("other");
        std::fs::create_dir(&other).unwrap();
        std::fs::write(other.join("notes.txt"), "mine").unwrap();
        assert!(!remove_if_empty(&other).unwrap());
        assert!(other.join("notes.txt").exists());
    }

    #[test]
    fn an_index_of_another_schema_version_is_refused() {
        let d = tempfile::tempdir().unwrap();
        Indexer::open(d.path()).unwrap().finish().unwrap();
        std::fs::write(d.path().join(VERSION_FILE), "0\n").unwrap();
        let e = open(d.path()).err().unwrap();
        assert!(matches!(e, IndexError::Version { .. }), "{e}");
        std::fs::remove_file(d.path().join(VERSION_FILE)).unwrap();
        assert!(matches!(open(d.path()), Err(IndexError::Version { .. })));
    }

    #[test]
    fn a_damaged_index_is_named_not_a_panic() {
        let d = tempfile::tempdir().unwrap();
        Indexer::open(d.path()).unwrap().finish().unwrap();
        std::fs::write(d.path().join("meta.json"), "{ not json").unwrap();
        let e = open(d.path()).err().unwrap();
        assert!(e.to_string().contains("delete the directory"), "{e}");
    }

    #[test]
    fn missing_index_and_foreign_directory() {
        let d = tempfile::tempdir().unwrap();
        assert!(matches!(
            open(&d.path().join("x")),
            Err(IndexError::Missing { .. })
        ));
        std::fs::write(d.path().join("notes.txt"), "mine").unwrap();
        assert!(matches!(
            Indexer::open(d.path()),
            Err(IndexError::NotAnIndex { .. })
        ));
        // nothing of ours is left in someone else's directory
        assert!(!d.path().join(WRITER_LOCK).exists());
    }

    #[test]
    fn simultaneous_first_writers_on_a_new_directory_hear_locked_not_foreign() {
        for round in 0..20 {
            let d = tempfile::tempdir().unwrap();
            let dir = d.path().join("index");
            let barrier = std::sync::Barrier::new(4);
            let outcomes: Vec<Result<(), String>> = std::thread::scope(|s| {
                let runs: Vec<_> = (0..4)
                    .map(|_| {
                        s.spawn(|| {
                            barrier.wait();
                            match Indexer::open(&dir) {
                                Ok(ix) => ix.finish().map_err(|e| e.to_string()),
                                Err(IndexError::Locked { .. }) => Ok(()),
                                Err(e) => Err(e.to_string()),
                            }
                        })
                    })
                    .collect();
                runs.into_iter().map(|r| r.join().unwrap()).collect()
            });
            for o in outcomes {
                assert_eq!(o, Ok(()), "round {round}");
            }
            assert!(open(&dir).is_ok(), "round {round}");
        }
    }

    #[test]
    fn an_invalid_record_is_refused_by_name_and_the_indexer_goes_on() {
        let d = tempfile::tempdir().unwrap();
        let mut ix = Indexer::open(d.path()).unwrap();
        let mut r: Record = serde_json::from_str(
            r#"{"id":"good","source":{"url":"https://www.umea.se/a","path":null,
                "title":null,"published":null},"text":"stöd","agreements":[],"quotes":[]}"#,
        )
        .unwrap();
        ix.upsert(&r).unwrap();
        r.id = "bad".into();
        r.source.url = Some("javascript:alert(1)".into());
        let e = ix.upsert(&r).unwrap_err();
        assert!(e.is_invalid_record(), "{e}");
        assert_eq!(
            e.to_string(),
            "record \"bad\" is not indexed: source.url \"javascript:alert(1)\" is not an http or https URL"
        );
        r.id = String::new();
        r.source.url = None;
        assert!(ix.upsert(&r).unwrap_err().is_invalid_record());
        ix.finish().unwrap();
        let (index, _) = open(d.path()).unwrap();
        assert_eq!(index.reader().unwrap().searcher().num_docs(), 1);
    }
}
