//! Input listing: turn command-line paths into an ordered list of page
//! sources (files, crawl-store entries, stdin), then load each one on demand.
//! Listing holds only names, so a run over a huge directory streams.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::page::{FetchMeta, Page};
use crate::store::Store;

/// Pages larger than this are refused rather than read into memory.
pub const MAX_PAGE_BYTES: u64 = 20 * 1024 * 1024;

/// Where one page comes from.
#[derive(Debug, Clone)]
pub enum PageSource {
    File(PathBuf),
    Stdin,
    Stored {
        meta: Box<FetchMeta>,
        body: PathBuf,
        store: PathBuf,
    },
}

impl PageSource {
    /// The name to show in messages: the path or the URL.
    pub fn name(&self) -> String {
        match self {
            PageSource::File(p) => p.display().to_string(),
            PageSource::Stdin => "-".to_string(),
            PageSource::Stored { meta, .. } => meta.url.clone(),
        }
    }

    /// Read the page's bytes.
    pub fn load(&self) -> Result<Page, String> {
        match self {
            PageSource::File(p) => {
                let size = fs::metadata(p).map_err(|e| e.to_string())?.len();
                if size > MAX_PAGE_BYTES {
                    return Err(format!(
                        "file is {size} bytes, over the limit of {MAX_PAGE_BYTES}"
                    ));
                }
                let bytes = fs::read(p).map_err(|e| e.to_string())?;
                Ok(Page::from_file(p.display().to_string(), bytes))
            }
            PageSource::Stdin => {
                let mut bytes = Vec::new();
                std::io::stdin()
                    .take(MAX_PAGE_BYTES + 1)
                    .read_to_end(&mut bytes)
                    .map_err(|e| e.to_string())?;
                if bytes.len() as u64 > MAX_PAGE_BYTES {
                    return Err(format!("input is over the limit of {MAX_PAGE_BYTES} bytes"));
                }
                Ok(Page {
                    bytes,
                    path: Some("-".into()),
                    fetch: None,
                })
            }
            PageSource::Stored { meta, body, store } => Store::open(store)
                .and_then(|s| s.load((**meta).clone(), body))
                .map_err(|e| e.to_string()),
        }
    }
}

/// A path on the command line that could not be used.
#[derive(Debug, Clone)]
pub struct BadPath {
    pub path: String,
    pub reason: String,
}

/// True for file names the extractor reads.
pub fn is_page_file(p: &Path) -> bool {
    p.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| matches!(e.to_ascii_lowercase().as_str(), "html" | "htm" | "txt"))
}

/// True for a file without a page extension whose first bytes are HTML
/// (`<!doctype html` or `<html`), such as a page saved without a name ending.
fn looks_like_html(p: &Path) -> bool {
    if p.extension().is_some() {
        return false;
    }
    let mut head = [0u8; 512];
    let n = fs::File::open(p)
        .and_then(|mut f| f.read(&mut head))
        .unwrap_or(0);
    let text = String::from_utf8_lossy(&head[..n]).to_ascii_lowercase();
    let text = text.trim_start_matches('\u{feff}').trim_start();
    text.starts_with("<!doctype html") || text.starts_with("<html")
}

/// List the page sources under the given paths, in a stable order: each
/// argument in turn, directories walked in file-name order.
pub fn list_sources(paths: &[PathBuf]) -> (Vec<PageSource>, Vec<BadPath>) {
    let mut out = Vec::new();
    let mut bad = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" {
            out.push(PageSource::Stdin);
            continue;
        }
        let meta = match fs::metadata(p) {
            Ok(m) => m,
            Err(e) => {
                bad.push(BadPath {
                    path: p.display().to_string(),
                    reason: e.to_string(),
                });
                continue;
            }
        };
        if meta.is_file() {
            if is_page_file(p) || looks_like_html(p) {
                out.push(PageSource::File(p.clone()));
            } else {
                bad.push(BadPath {
                    path: p.display().to_string(),
                    reason: "not a page: pages are .html, .htm or .txt files (records are .jsonl)"
                        .into(),
                });
            }
        } else if Store::is_store(p) {
            match Store::open(p).and_then(|s| s.metas()) {
                Ok(metas) => out.extend(metas.into_iter().map(|(m, body)| PageSource::Stored {
                    meta: Box::new(m),
                    body,
                    store: p.clone(),
                })),
                Err(e) => bad.push(BadPath {
                    path: p.display().to_string(),
                    reason: e.to_string(),
                }),
            }
        } else {
            for entry in walkdir::WalkDir::new(p).sort_by_file_name() {
                match entry {
                    Ok(e) if e.file_type().is_file() && is_page_file(e.path()) => {
                        out.push(PageSource::File(e.into_path()))
                    }
                    Ok(_) => {}
                    Err(e) => bad.push(BadPath {
                        path: e
                            .path()
                            .map(|x| x.display().to_string())
                            .unwrap_or_else(|| p.display().to_string()),
                        reason: e.to_string(),
                    }),
                }
            }
        }
    }
    (out, bad)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directories_are_walked_in_name_order_and_other_files_skipped() {
        let d = tempfile::tempdir().unwrap();
        fs::create_dir_all(d.path().join("b")).unwrap();
        fs::write(d.path().join("b/2.html"), "x").unwrap();
        fs::write(d.path().join("a.txt"), "x").unwrap();
        fs::write(d.path().join("c.json"), "x").unwrap();
        fs::write(d.path().join("b/1.HTM"), "x").unwrap();
        let (src, bad) = list_sources(&[d.path().to_path_buf()]);
        assert!(bad.is_empty());
        let names: Vec<String> = src
            .iter()
            .map(|s| s.name().rsplit('/').next().unwrap().to_string())
            .collect();
        assert_eq!(names, ["a.txt", "1.HTM", "2.html"]);
    }

    #[test]
    fn a_named_csv_is_refused_and_a_page_without_extension_read() {
        let d = tempfile::tempdir().unwrap();
        fs::write(d.path().join("table.csv"), "a,b\n1,2\n").unwrap();
        fs::write(d.path().join("saved"), "<!DOCTYPE html><html></html>").unwrap();
        let (src, bad) = list_sources(&[d.path().join("table.csv"), d.path().join("saved")]);
        assert_eq!(src.len(), 1);
        assert!(src[0].name().ends_with("saved"));
        assert!(bad[0].path.ends_with("table.csv"));
        assert!(bad[0].reason.starts_with("not a page"), "{}", bad[0].reason);
    }

    #[test]
    fn a_missing_path_is_named() {
        let (src, bad) = list_sources(&[PathBuf::from("no/such/dir")]);
        assert!(src.is_empty());
        assert_eq!(bad[0].path, "no/such/dir");
    }
}
