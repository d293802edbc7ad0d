//! `iop extract [--out FILE] PATH...`: pages in, JSON Lines records out, in a
//! stable order. Pages are extracted in parallel in bounded batches, so memory
//! stays flat however many pages there are; bad pages are named on stderr and
//! the run goes on.

use std::io::{BufWriter, Write};
use std::path::PathBuf;

use anyhow::Context as _;
use rayon::prelude::*;

use super::input::{PageSource, list_sources};
use super::{Status, UsageError};
use crate::record::Record;
use crate::reference::Reference;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Write the records to FILE (atomically) instead of stdout.
    #[arg(long, short)]
    pub out: Option<PathBuf>,
    /// Files (.html, .htm, .txt), directories, crawl stores, or `-` for stdin.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
}

/// Pages extracted at once; bounds memory.
const BATCH: usize = 256;

/// Progress on stderr, only when stderr is a terminal.
pub fn progress_bar(len: u64, what: &str) -> indicatif::ProgressBar {
    use std::io::IsTerminal;
    if !std::io::stderr().is_terminal() || len < 2 {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(len);
    bar.set_style(
        indicatif::ProgressStyle::with_template(&format!(
            "{{spinner}} {what} {{pos}}/{{len}} [{{bar:30}}] {{per_sec}} eta {{eta}}"
        ))
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    bar
}

/// Extract every source in order, calling `sink` with each record. Errors
/// are named on stderr; the returned status says whether any page failed.
pub fn extract_all(
    sources: &[PageSource],
    reference: &Reference,
    mut sink: impl FnMut(Record) -> anyhow::Result<()>,
) -> anyhow::Result<Status> {
    let bar = progress_bar(sources.len() as u64, "extracting");
    let mut status = Status::Ok;
    for batch in sources.chunks(BATCH) {
        let results: Vec<Result<Record, String>> = batch
            .par_iter()
            .map(|s| {
                let page = s
                    .load()
                    .map_err(|e| format!("{}: cannot read: {e}", s.name()))?;
                crate::extract::extract(&page, reference)
                    .map_err(|e| format!("{}: cannot extract: {e}", s.name()))
            })
            .collect();
        for r in results {
            match r {
                Ok(rec) => sink(rec)?,
                Err(msg) => {
                    bar.suspend(|| eprintln!("iop: error: {msg}"));
                    tracing::debug!(error = %msg, "page skipped");
                    status = status.worst(Status::Failed);
                }
            }
            bar.inc(1);
        }
    }
    bar.finish_and_clear();
    Ok(status)
}

/// List the sources of the command-line paths; name the ones that do not exist.
pub fn sources_or_report(paths: &[PathBuf]) -> (Vec<PageSource>, Status) {
    let (sources, bad) = list_sources(paths);
    let mut status = Status::Ok;
    for b in &bad {
        eprintln!("iop: error: {}: {}", b.path, b.reason);
        status = Status::Usage;
    }
    (sources, status)
}

pub fn run(args: Args) -> anyhow::Result<Status> {
    let (sources, mut status) = sources_or_report(&args.paths);
    if sources.is_empty() && status != Status::Ok {
        return Err(UsageError("no readable input among the paths given".into()).into());
    }
    let reference = Reference::embedded();
    match &args.out {
        Some(path) => {
            let dir = path
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or(std::path::Path::new("."));
            let tmp = tempfile::NamedTempFile::new_in(dir)
                .with_context(|| format!("cannot write to {}", dir.display()))?;
            let mut w = BufWriter::new(tmp);
            status = status.worst(extract_all(&sources, reference, |r| {
                write_line(&mut w, &r)
            })?);
            let tmp = w.into_inner().map_err(|e| e.into_error())?;
            tmp.persist(path)
                .with_context(|| format!("cannot write {}", path.display()))?;
        }
        None => {
            let stdout = std::io::stdout();
            let mut w = BufWriter::new(stdout.lock());
            status = status.worst(extract_all(&sources, reference, |r| {
                write_line(&mut w, &r)
            })?);
            w.flush().context("cannot write to stdout")?;
        }
    }
    Ok(status)
}

fn write_line(w: &mut impl Write, r: &Record) -> anyhow::Result<()> {
    serde_json::to_writer(&mut *w, r)?;
    w.write_all(b"\n")?;
    Ok(())
}
