//! Resume state of a crawl: one journal per site, `STORE/crawl/<site>.jsonl`,
//! an append-only list of JSON lines: when the crawl of the site started,
//! every URL queued (with its kind) and every URL finished. Each line goes to
//! the file in one write, so a killed crawl loses at most the line being
//! written, and a torn last line is ignored on reading. The journal exists
//! only while the crawl of its site is unfinished; it is removed at the end.

use std::collections::HashSet;
use std::fs::{self, File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::{StoreError, io};

/// One line of a journal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Entry {
    /// The crawl of the site started at this RFC 3339 time.
    Started(String),
    /// A URL was queued, with the crawler's name for its kind.
    Queued(Queued),
    /// A URL was handled (fetched, skipped or failed).
    Done(String),
}

/// A URL queued by a crawl.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Queued {
    pub url: String,
    /// The crawler's name for what the URL is expected to be.
    pub kind: String,
    /// Listing pages in a row without new article links that led to this
    /// one (pagination that brings nothing new is not followed for long).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub barren: u8,
}

fn is_zero(n: &u8) -> bool {
    *n == 0
}

/// What an unfinished crawl of a site left behind.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Replay {
    /// When the unfinished crawl started.
    pub started_at: String,
    /// Every URL queued, in order.
    pub queued: Vec<Queued>,
    /// The URLs handled.
    pub done: HashSet<String>,
}

/// An open journal.
#[derive(Debug)]
pub struct Journal {
    file: File,
    path: PathBuf,
}

/// The journal file of a site; the name keeps only safe characters.
pub(super) fn path_of(root: &Path, site: &str) -> PathBuf {
    let name: String = site
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '.' || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect();
    root.join("crawl").join(format!("{name}.jsonl"))
}

/// Read a journal; `None` when there is none or it holds no start.
pub(super) fn read(path: &Path) -> Result<Option<Replay>, StoreError> {
    let text = match fs::read(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(io("read", path)(e)),
    };
    let mut replay: Option<Replay> = None;
    // a line torn by a kill does not parse and is skipped
    for entry in text
        .split(|b| *b == b'\n')
        .filter_map(|l| serde_json::from_slice::<Entry>(l).ok())
    {
        match entry {
            Entry::Started(at) => {
                replay.get_or_insert_with(Replay::default).started_at = at;
            }
            Entry::Queued(q) => {
                if let Some(r) = replay.as_mut() {
                    r.queued.push(q);
                }
            }
            Entry::Done(url) => {
                if let Some(r) = replay.as_mut() {
                    r.done.insert(url);
                }
            }
        }
    }
    Ok(replay)
}

impl Journal {
    /// Open a journal for appending, writing `first` when it is new.
    pub(super) fn open(path: PathBuf, first: Option<&Entry>) -> Result<Journal, StoreError> {
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir).map_err(io("create directory", dir))?;
        }
        let file = OpenOptions::new()
            .create(true)
            .append(true)
            .open(&path)
            .map_err(io("open", &path))?;
        let mut j = Journal { file, path };
        // a torn last line from a kill must not swallow the next entry
        j.file.write_all(b"\n").map_err(io("write", &j.path))?;
        if let Some(e) = first {
            j.append(e)?;
        }
        Ok(j)
    }

    /// Append one entry, in one write.
    pub fn append(&mut self, entry: &Entry) -> Result<(), StoreError> {
        let mut line = serde_json::to_vec(entry).map_err(|source| StoreError::Meta {
            path: self.path.clone(),
            source,
        })?;
        line.push(b'\n');
        self.file.write_all(&line).map_err(io("write", &self.path))
    }

    /// The crawl of the site finished: the journal goes.
    pub fn finish(self) -> Result<(), StoreError> {
        let Journal { file, path } = self;
        drop(file);
        match fs::remove_file(&path) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(io("remove", &path)(e)),
            _ => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_journal_replays_and_survives_a_torn_line() {
        let dir = tempfile::tempdir().unwrap();
        let path = path_of(dir.path(), "127.0.0.1:8080");
        assert!(path.ends_with("crawl/127.0.0.1_8080.jsonl"));
        assert_eq!(read(&path).unwrap(), None);
        let mut j = Journal::open(path.clone(), Some(&Entry::Started("T".into()))).unwrap();
        for u in ["a", "b"] {
            j.append(&Entry::Queued(Queued {
                url: u.into(),
                kind: "article".into(),
                barren: 0,
            }))
            .unwrap();
        }
        j.append(&Entry::Done("a".into())).unwrap();
        drop(j);
        // a kill in the middle of a line
        let mut f = OpenOptions::new().append(true).open(&path).unwrap();
        f.write_all(br#"{"done":"#).unwrap();
        let mut j = Journal::open(path.clone(), None).unwrap();
        j.append(&Entry::Done("b".into())).unwrap();
        let r = read(&path).unwrap().unwrap();
        assert_eq!(r.started_at, "T");
        assert_eq!(r.queued.len(), 2);
        // the line format of earlier versions still reads
        let old = r#"{"queued":{"url":"c","kind":"listing"}}"#;
        assert_eq!(
            serde_json::from_str::<Entry>(old).unwrap(),
            Entry::Queued(Queued {
                url: "c".into(),
                kind: "listing".into(),
                barren: 0
            })
        );
        assert!(r.done.contains("a") && r.done.contains("b"));
        j.finish().unwrap();
        assert!(!path.exists());
    }
}
