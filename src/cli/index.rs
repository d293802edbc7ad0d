//! `iop index`: add records (JSON Lines) or pages (extracted first, as by
//! `extract`) to the search index. A record indexed again replaces its
//! earlier version, so repeated runs never duplicate. Work is committed in
//! batches; a killed run leaves the last commit readable. A bad line (too
//! long, not UTF-8, not a record, refused by the index) or page is named on
//! stderr with its file and line, and the run goes on with the rest (exit
//! status 1 at the end).

use std::fs::File;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};

use anyhow::Context as _;

use super::Status;
use super::extract::{extract_all, progress_bar, sources_or_report};
use super::filters::IndexArg;
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

/// Say what went wrong with one input, above the progress bar.
fn report(bar: &indicatif::ProgressBar, message: &str) {
    bar.suspend(|| eprintln!("iop: error: {message}"));
}

/// Upsert one record, committing every [`COMMIT_EVERY`]. A record the index
/// refuses is named (at `place`) and skipped: false.
fn add(
    ix: &mut Indexer,
    r: &Record,
    done: &mut Indexed,
    place: &str,
    bar: &indicatif::ProgressBar,
) -> anyhow::Result<bool> {
    match ix.upsert(r) {
        Ok(()) => {}
        Err(e) if e.is_invalid_record() => {
            report(bar, &format!("{place}: {e}"));
            return Ok(false);
        }
        Err(e) => return Err(e.into()),
    }
    done.records += 1;
    if ix.pending() >= COMMIT_EVERY {
        ix.commit()?;
    }
    Ok(true)
}

/// Skip the rest of a line without holding it in memory.
fn skip_line(reader: &mut impl BufRead) -> std::io::Result<()> {
    loop {
        let chunk = reader.fill_buf()?;
        if chunk.is_empty() {
            return Ok(());
        }
        match chunk.iter().position(|&b| b == b'\n') {
            Some(i) => {
                reader.consume(i + 1);
                return Ok(());
            }
            None => {
                let n = chunk.len();
                reader.consume(n);
            }
        }
    }
}

/// Index the records of a JSON Lines file. A line that is too long, not
/// UTF-8, not a record or refused by the index is named (`FILE:LINE`) and
/// skipped; a file that cannot be read is named and the run goes on with
/// the next one.
fn index_records_file(ix: &mut Indexer, path: &Path, done: &mut Indexed) -> anyhow::Result<()> {
    let name = path.display();
    let file = match File::open(path) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("iop: error: {name}: cannot open: {e}");
            done.failed += 1;
            return Ok(());
        }
    };
    let size = file.metadata().map(|m| m.len()).unwrap_or(0);
    let bar = progress_bar(size, "indexing");
    let mut reader = BufReader::new(file);
    let mut line: Vec<u8> = Vec::new();
    let mut n = 0usize;
    loop {
        line.clear();
        n += 1;
        let read = match (&mut reader)
            .take(MAX_LINE_BYTES)
            .read_until(b'\n', &mut line)
        {
            Ok(read) => read,
            Err(e) => {
                report(
                    &bar,
                    &format!("{name}:{n}: cannot read ({e}); the rest of the file is skipped"),
                );
                done.failed += 1;
                break;
            }
        };
        if read == 0 {
            break;
        }
        bar.inc(read as u64);
        if read as u64 >= MAX_LINE_BYTES && line.last() != Some(&b'\n') {
            report(
                &bar,
                &format!("{name}:{n}: line longer than {MAX_LINE_BYTES} bytes, skipped"),
            );
            done.failed += 1;
            if let Err(e) = skip_line(&mut reader) {
                report(
                    &bar,
                    &format!("{name}:{n}: cannot read ({e}); the rest of the file is skipped"),
                );
                break;
            }
            continue;
        }
        let text = match std::str::from_utf8(&line) {
            Ok(text) => text,
            Err(e) => {
                report(
                    &bar,
                    &format!(
                        "{name}:{n}: not UTF-8 (byte {} of the line), skipped",
                        e.valid_up_to() + 1
                    ),
                );
                done.failed += 1;
                continue;
            }
        };
        if text.trim().is_empty() {
            continue;
        }
        match serde_json::from_str::<Record>(text) {
            Ok(r) => {
                if !add(ix, &r, done, &format!("{name}:{n}"), &bar)? {
                    done.failed += 1;
                }
            }
            Err(e) => {
                report(&bar, &format!("{name}:{n}: not a record: {e}"));
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
        let quiet = indicatif::ProgressBar::hidden();
        let extracted = extract_all(&sources, Reference::embedded(), |r| {
            let place = r.source.path.clone().unwrap_or_else(|| r.id.clone());
            add(&mut ix, &r, &mut done, &place, &quiet).map(drop)
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
    // a failed run that made a new index and put nothing in it leaves none
    // behind; the directory is only removed holding the writer lock, so a
    // run that found it locked, or failed beside another run that is
    // creating it, never removes that run's index
    let existed = dir.exists();
    let remove = || {
        if !existed && let Err(e) = crate::index::remove_if_empty(dir) {
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
        if !dir.exists() {
            eprintln!(
                "iop: nothing was indexed, so no index was made at {}",
                dir.display()
            );
        }
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
