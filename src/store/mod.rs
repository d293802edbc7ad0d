//! The page store on disk: what the crawler saved, as it was received.
//!
//! Layout of a store directory:
//! ```text
//! STORE/iop-store.json          marker: {"format": "iop-store", "version": 1}
//! STORE/pages/ab/<key>.body     the bytes as received (never decoded here)
//! STORE/pages/ab/<key>.json     FetchMeta: URL, final URL, status, ETag, ...
//! STORE/crawl/<site>.jsonl      resume journal of an unfinished crawl (see `journal`)
//! STORE/crawl/lock              held (flock) by the one crawl writing to the store
//! ```
//! `<key>` is a hash of the requested URL. Every file is written to a
//! temporary file in the same directory and renamed into place, and the body
//! is written before its metadata, so a page exists only once it is whole: a
//! killed crawl never leaves a half-written page behind. Uses `page` only.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::page::{FetchMeta, Page};

pub mod journal;

pub use journal::{Entry, Journal, Queued, Replay};

const MARKER: &str = "iop-store.json";
const FORMAT: &str = "iop-store";
const VERSION: u32 = 1;

/// Errors of the page store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("cannot {action} {path}: {source}")]
    Io {
        action: &'static str,
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path} is not a page store of this version ({detail})")]
    Format { path: PathBuf, detail: String },
    #[error("another crawl is writing to the page store {path}")]
    Busy { path: PathBuf },
    #[error("page metadata {path} is unreadable: {source}")]
    Meta {
        path: PathBuf,
        #[source]
        source: serde_json::Error,
    },
}

fn io<'a>(action: &'static str, path: &'a Path) -> impl FnOnce(std::io::Error) -> StoreError + 'a {
    move |source| StoreError::Io {
        action,
        path: path.to_path_buf(),
        source,
    }
}

/// Write `bytes` to `path` atomically: temp file in the same directory, fsync, rename.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    let dir = path.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(dir).map_err(io("create directory", dir))?;
    let mut tmp =
        tempfile::NamedTempFile::new_in(dir).map_err(io("create a temporary file in", dir))?;
    tmp.write_all(bytes).map_err(io("write", path))?;
    tmp.as_file().sync_all().map_err(io("sync", path))?;
    tmp.persist(path).map_err(|e| StoreError::Io {
        action: "rename into place",
        path: path.to_path_buf(),
        source: e.error,
    })?;
    Ok(())
}

/// A page store directory.
#[derive(Debug, Clone)]
pub struct Store {
    root: PathBuf,
}

/// The store key of a URL.
pub fn key_of(url: &str) -> String {
    let digest = Sha256::digest(url.as_bytes());
    digest.iter().take(16).map(|b| format!("{b:02x}")).collect()
}

impl Store {
    /// True when `dir` holds a page store.
    pub fn is_store(dir: &Path) -> bool {
        dir.join(MARKER).is_file()
    }

    /// Open a store, creating it when the directory is new or empty.
    pub fn open_or_create(root: &Path) -> Result<Store, StoreError> {
        if Self::is_store(root) {
            return Self::open(root);
        }
        fs::create_dir_all(root.join("pages")).map_err(io("create directory", root))?;
        let marker = serde_json::json!({"format": FORMAT, "version": VERSION});
        write_atomic(&root.join(MARKER), marker.to_string().as_bytes())?;
        Ok(Store {
            root: root.to_path_buf(),
        })
    }

    /// Open an existing store.
    pub fn open(root: &Path) -> Result<Store, StoreError> {
        let path = root.join(MARKER);
        let text = fs::read_to_string(&path).map_err(io("read", &path))?;
        let v: serde_json::Value = serde_json::from_str(&text).map_err(|e| StoreError::Format {
            path: path.clone(),
            detail: e.to_string(),
        })?;
        if v["format"] != FORMAT || v["version"] != VERSION {
            return Err(StoreError::Format {
                path,
                detail: format!("found {v}, expected format {FORMAT} version {VERSION}"),
            });
        }
        Ok(Store {
            root: root.to_path_buf(),
        })
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    fn paths(&self, url: &str) -> (PathBuf, PathBuf) {
        let key = key_of(url);
        let dir = self.root.join("pages").join(&key[..2]);
        (
            dir.join(format!("{key}.body")),
            dir.join(format!("{key}.json")),
        )
    }

    /// Save a fetched page: body first, then metadata, each atomically.
    pub fn put(&self, meta: &FetchMeta, body: &[u8]) -> Result<(), StoreError> {
        let (body_path, meta_path) = self.paths(&meta.url);
        write_atomic(&body_path, body)?;
        let json = serde_json::to_vec_pretty(meta).map_err(|source| StoreError::Meta {
            path: meta_path.clone(),
            source,
        })?;
        write_atomic(&meta_path, &json)
    }

    /// Replace only the metadata of a stored page (after a 304 Not Modified).
    pub fn put_meta(&self, meta: &FetchMeta) -> Result<(), StoreError> {
        let (_, meta_path) = self.paths(&meta.url);
        let json = serde_json::to_vec_pretty(meta).map_err(|source| StoreError::Meta {
            path: meta_path.clone(),
            source,
        })?;
        write_atomic(&meta_path, &json)
    }

    /// The metadata of a stored page, when the page is whole.
    pub fn meta(&self, url: &str) -> Result<Option<FetchMeta>, StoreError> {
        let (body_path, meta_path) = self.paths(url);
        if !meta_path.is_file() || !body_path.is_file() {
            return Ok(None);
        }
        read_meta(&meta_path).map(Some)
    }

    /// Take the store for one crawl: an exclusive lock on `STORE/crawl/lock`,
    /// held until the returned file is dropped (the system releases it when
    /// the process dies, so a killed crawl never leaves a stale lock).
    pub fn lock_for_crawl(&self) -> Result<fs::File, StoreError> {
        let dir = self.root.join("crawl");
        fs::create_dir_all(&dir).map_err(io("create directory", &dir))?;
        let path = dir.join("lock");
        let file = fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(io("open", &path))?;
        match file.try_lock() {
            Ok(()) => Ok(file),
            Err(fs::TryLockError::WouldBlock) => Err(StoreError::Busy {
                path: self.root.clone(),
            }),
            Err(fs::TryLockError::Error(e)) => Err(io("lock", &path)(e)),
        }
    }

    /// The resume state an unfinished crawl of `site` left, if any.
    pub fn replay(&self, site: &str) -> Result<Option<Replay>, StoreError> {
        journal::read(&journal::path_of(&self.root, site))
    }

    /// Open the journal of the crawl of `site` for appending; `first` is
    /// written first (the start of a new crawl).
    pub fn journal(&self, site: &str, first: Option<&Entry>) -> Result<Journal, StoreError> {
        Journal::open(journal::path_of(&self.root, site), first)
    }

    /// Every stored page's metadata, sorted by URL (a stable order).
    pub fn metas(&self) -> Result<Vec<(FetchMeta, PathBuf)>, StoreError> {
        let mut out = Vec::new();
        let pages = self.root.join("pages");
        if !pages.is_dir() {
            return Ok(out);
        }
        for entry in walkdir::WalkDir::new(&pages).sort_by_file_name() {
            let entry = entry.map_err(|e| StoreError::Io {
                action: "walk",
                path: pages.clone(),
                source: e.into(),
            })?;
            let p = entry.path();
            if p.extension().is_some_and(|e| e == "json") {
                let body = p.with_extension("body");
                if body.is_file() {
                    out.push((read_meta(p)?, body));
                }
            }
        }
        out.sort_by(|a, b| a.0.url.cmp(&b.0.url));
        Ok(out)
    }

    /// Read one stored page with its metadata.
    pub fn load(&self, meta: FetchMeta, body_path: &Path) -> Result<Page, StoreError> {
        let bytes = fs::read(body_path).map_err(io("read", body_path))?;
        Ok(Page {
            bytes,
            path: Some(body_path.display().to_string()),
            fetch: Some(meta),
        })
    }
}

fn read_meta(path: &Path) -> Result<FetchMeta, StoreError> {
    let text = fs::read(path).map_err(io("read", path))?;
    serde_json::from_slice(&text).map_err(|source| StoreError::Meta {
        path: path.to_path_buf(),
        source,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta(url: &str) -> FetchMeta {
        FetchMeta {
            url: url.into(),
            status: 200,
            fetched_at: "2024-01-01T00:00:00Z".into(),
            ..FetchMeta::default()
        }
    }

    #[test]
    fn pages_round_trip_in_url_order() {
        let dir = tempfile::tempdir().unwrap();
        let s = Store::open_or_create(dir.path()).unwrap();
        s.put(&meta("https://b.se/2"), b"two").unwrap();
        s.put(&meta("https://a.se/1"), b"one").unwrap();
        let s = Store::open(dir.path()).unwrap();
        let metas = s.metas().unwrap();
        let urls: Vec<_> = metas.iter().map(|m| m.0.url.as_str()).collect();
        assert_eq!(urls, ["https://a.se/1", "https://b.se/2"]);
        let (m, p) = metas.into_iter().next().unwrap();
        assert_eq!(s.load(m, &p).unwrap().bytes, b"one");
    }

    #[test]
    fn a_body_without_metadata_is_not_a_page() {
        let dir = tempfile::tempdir().unwrap();
        let s = Store::open_or_create(dir.path()).unwrap();
        let (body, _) = s.paths("https://a.se/x");
        write_atomic(&body, b"half").unwrap();
        assert!(s.meta("https://a.se/x").unwrap().is_none());
        assert!(s.metas().unwrap().is_empty());
    }

    #[test]
    fn one_crawl_at_a_time() {
        let dir = tempfile::tempdir().unwrap();
        let s = Store::open_or_create(dir.path()).unwrap();
        let held = s.lock_for_crawl().unwrap();
        assert!(matches!(s.lock_for_crawl(), Err(StoreError::Busy { .. })));
        drop(held);
        assert!(s.lock_for_crawl().is_ok());
    }

    #[test]
    fn a_foreign_marker_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join(MARKER), r#"{"format":"x","version":9}"#).unwrap();
        assert!(matches!(
            Store::open(dir.path()),
            Err(StoreError::Format { .. })
        ));
    }
}
