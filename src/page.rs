//! A page: the bytes of one document and what is known about where they came
//! from. This is what the crawler stores and what the extractor reads. A leaf
//! module.

use serde::{Deserialize, Serialize};

/// What the crawler learned when it fetched a page.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FetchMeta {
    /// The URL that was asked for.
    pub url: String,
    /// The URL after redirects.
    #[serde(default)]
    pub final_url: Option<String>,
    pub status: u16,
    #[serde(default)]
    pub etag: Option<String>,
    #[serde(default)]
    pub last_modified: Option<String>,
    #[serde(default)]
    pub content_type: Option<String>,
    /// RFC 3339 time of the fetch.
    pub fetched_at: String,
}

/// One document to extract: raw bytes plus provenance.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Page {
    /// The raw bytes, undecoded.
    pub bytes: Vec<u8>,
    /// The file the page was read from, as given or found in a walk.
    pub path: Option<String>,
    /// Fetch metadata when the page came from the crawl store.
    pub fetch: Option<FetchMeta>,
}

impl Page {
    /// A page read from a file.
    pub fn from_file(path: impl Into<String>, bytes: Vec<u8>) -> Page {
        Page {
            bytes,
            path: Some(path.into()),
            fetch: None,
        }
    }

    /// The page's URL from fetch metadata (after redirects), if any.
    pub fn url(&self) -> Option<&str> {
        let f = self.fetch.as_ref()?;
        f.final_url.as_deref().or(Some(f.url.as_str()))
    }

    /// The Content-Type header the server sent, if any.
    pub fn content_type(&self) -> Option<&str> {
        self.fetch.as_ref()?.content_type.as_deref()
    }

    /// True when the file name says plain text (`.txt`).
    pub fn is_plain_text(&self) -> bool {
        let by_name = self
            .path
            .as_deref()
            .is_some_and(|p| p.to_ascii_lowercase().ends_with(".txt"));
        let by_type = self
            .content_type()
            .is_some_and(|t| t.to_ascii_lowercase().starts_with("text/plain"));
        by_name || by_type
    }
}
