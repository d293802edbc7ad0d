//! `iop index`: add records (JSON Lines) or pages (extracted first, as by
//! `extract`) to the search index. A record indexed again replaces its
//! earlier version, so repeated runs never duplicate. Work is committed in
//! batches; a killed run leaves the last commit readable. A bad line or page
//! is named on stderr and the run goes on (exit status 1 at the end).

use std::fs::File;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};

use anyhow::Context as _;

use super::extract::{extract_all, progress_bar, sources_or_report};
use super::filters::IndexArg;
use super::{Status, UsageError};
use crate::index::{COMMIT_EVERY, Indexer};
use crate::record::Record;
use crate::reference::Reference;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub index: IndexArg,
    /// JSON Lines files of records, or pages and directories as for `extract`.
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
}

/// Longest JSON line accepted (one record).
const MAX_LINE_BYTES: u64 = 32 * 1024 * 1024;

/// What one indexing run did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Indexed {
    /// Records written (each replacing any earlier version).
    pub records: usize,
    /// Lines or pages that failed, named on stderr.
    pub failed: usize,
}

/// True for files read as JSON Lines records rather than pages.
pub fn is_records_file(p: &Path) -> bool {
    p.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| matches!(e.to_ascii_lowercase().as_str(), "jsonl" | "ndjson" | "json"))
}

/// Upsert one record, committing every [`COMMIT_EVERY`].
fn add(ix: &mut Indexer, r: &Record, done: &mut Indexed) -> anyhow::Result<()> {
    ix.upsert(r)?;
    done.records += 1;
    if ix.pending() >= COMMIT_EVERY {
        ix.commit()?;
    }
    Ok(())
}

/// Index the records of a JSON Lines file; bad lines are named and skipped.
fn index_records_file(ix: &mut Indexer, path: &Path, done: &mut Indexed) -> anyhow::Result<()> {
    let file = File::open(path).map_err(|e| UsageError(format!("{}: {e}", path.display())))?;
    let size = file.metadata().map(|m| m.len()).unwrap_or(0);
    let bar = progress_bar(size, "indexing");
    let mut reader = BufReader::new(file);
    let mut line = String::new();
    let mut n = 0usize;
    loop {
        line.clear();
        n += 1;
        let read = (&mut reader)
            .take(MAX_LINE_BYTES)
            .read_line(&mut line)
            .with_context(|| format!("cannot read {}", path.display()))?;
        if read == 0 {
            break;
        }
        bar.inc(read as u64);
        if read as u64 >= MAX_LINE_BYTES && !line.ends_with('\n') {
            bar.suspend(|| {
                eprintln!(
                    "iop: error: {}:{n}: line longer than {MAX_LINE_BYTES} bytes, skipped",
                    path.display()
                )
            });
            done.failed += 1;
            // skip the rest of the long line
            let mut rest = Vec::new();
            reader.read_until(b'\n', &mut rest)?;
            continue;
        }
        if line.trim().is_empty() {
            continue;
        }
        match serde_json::from_str::<Record>(&line) {
            Ok(r) => add(ix, &r, done)?,
            Err(e) => {
                bar.suspend(|| eprintln!("iop: error: {}:{n}: not a record: {e}", path.display()));
                done.failed += 1;
            }
        }
    }
    bar.finish_and_clear();
    Ok(())
}

/// Index every input into the index at `dir`; pages are extracted first.
/// Returns what was done and the status of the page inputs.
pub fn index_inputs(dir: &Path, inputs: &[PathBuf]) -> anyhow::Result<(Indexed, Status)> {
    let mut ix = Indexer::open(dir)?;
    let mut done = Indexed::default();
    let (files, pages): (Vec<PathBuf>, Vec<PathBuf>) = inputs
        .iter()
        .cloned()
        .partition(|p| p.is_file() && is_records_file(p));
    for f in &files {
        index_records_file(&mut ix, f, &mut done)?;
    }
    let mut status = Status::Ok;
    if !pages.is_empty() {
        let (sources, listed) = sources_or_report(&pages);
        status = listed;
        let before = done.records;
        let extracted = extract_all(&sources, Reference::embedded(), |r| {
            add(&mut ix, &r, &mut done)
        })?;
        done.failed += sources.len() - (done.records - before);
        status = status.worst(extracted);
    }
    ix.finish()?;
    if done.failed > 0 {
        status = status.worst(Status::Failed);
    }
    Ok((done, status))
}

pub fn run(args: Args) -> anyhow::Result<Status> {
    let dir = &args.index.index;
    // a failed run that made a new index and put nothing in it leaves none behind
    let existed = dir.exists();
    let remove = || {
        if !existed
            && dir.exists()
            && let Err(e) = std::fs::remove_dir_all(dir)
        {
            eprintln!(
                "iop: error: cannot remove the empty index {}: {e}",
                dir.display()
            );
        }
    };
    let (done, status) = match index_inputs(dir, &args.inputs) {
        Ok(v) => v,
        Err(e) => {
            remove();
            return Err(e);
        }
    };
    if !existed && done.records == 0 && status != Status::Ok {
        remove();
        eprintln!(
            "iop: nothing was indexed, so no index was made at {}",
            dir.display()
        );
        return Ok(status);
    }
    let total = crate::search::Searcher::open(dir)
        .map(|s| s.num_docs())
        .map_err(super::search::cli_error)?;
    writeln!(
        std::io::stdout(),
        "indexed {} records into {} ({} documents in the index{})",
        done.records,
        dir.display(),
        total,
        if done.failed > 0 {
            format!("; {} inputs failed, named above", done.failed)
        } else {
            String::new()
        }
    )
    .context("cannot write to stdout")?;
    Ok(status)
}
