//! Gold records: the hand-written `NAME.gold.json` files of the annotation
//! guide, each naming the document it describes in `"file"`. Reads them as
//! JSON values, as the reference scorer does.

use std::path::{Path, PathBuf};

use serde_json::Value;

/// Why gold files could not be read.
#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    #[error("cannot read gold directory {path}: {source}")]
    Dir {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot read gold file {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("gold file {path} is not valid JSON: {source}")]
    Json {
        path: PathBuf,
        source: serde_json::Error,
    },
    #[error("gold file {path} names no document (\"file\" is missing)")]
    NoFile { path: PathBuf },
}

/// One gold record and the document file it describes.
#[derive(Debug, Clone)]
pub struct Gold {
    /// The document's file name (`"file"`).
    pub file: String,
    pub record: Value,
}

/// Every `*.gold.json` under a directory (its subdirectories too, so a
/// fixtures tree can be scored at once), in file-name order; a later file
/// naming the same document replaces the earlier one.
pub fn load_gold_dir(dir: &Path) -> Result<Vec<Gold>, EvalError> {
    let mut golds: Vec<Gold> = Vec::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.map_err(|e| EvalError::Dir {
            path: e.path().unwrap_or(dir).to_path_buf(),
            source: e.into(),
        })?;
        let is_gold = entry.file_type().is_file()
            && entry
                .file_name()
                .to_str()
                .is_some_and(|n| n.ends_with(".gold.json"));
        if !is_gold {
            continue;
        }
        let path = entry.into_path();
        let text = std::fs::read_to_string(&path).map_err(|source| EvalError::Read {
            path: path.clone(),
            source,
        })?;
        let record: Value = serde_json::from_str(&text).map_err(|source| EvalError::Json {
            path: path.clone(),
            source,
        })?;
        let Some(file) = record
            .get("file")
            .and_then(Value::as_str)
            .map(str::to_string)
        else {
            return Err(EvalError::NoFile { path });
        };
        match golds.iter_mut().find(|g| g.file == file) {
            Some(g) => g.record = record,
            None => golds.push(Gold { file, record }),
        }
    }
    Ok(golds)
}
