//! `iop extract [--out FILE] PATH...`: pages in, JSON Lines records out, in a
//! stable order. Pages are extracted in parallel in bounded batches, so memory
//! stays flat however many pages there are; bad pages are named on stderr and
//! the run goes on. A progress bar shows on a terminal, `-v` says what each
//! page gave, and the run ends with a one-line summary on stderr. Paths that
//! hold no page at all are an error, not an empty success.

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

/// What an extraction run read and gave.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Extracted {
    pub pages: usize,
    pub records: usize,
    pub agreements: usize,
    pub failed: usize,
}

impl Extracted {
    /// The one-line summary: "read 43 pages: 41 records with 37 agreements, 2 failed".
    pub fn summary(&self) -> String {
        use super::output::count;
        format!(
            "read {}: {} with {}, {} failed{}",
            count(self.pages, "page", "pages"),
            count(self.records, "record", "records"),
            count(self.agreements, "agreement", "agreements"),
            self.failed,
            if self.failed > 0 {
                " (named above)"
            } else {
                ""
            }
        )
    }
}

/// What one page gave, for `-v`: "2 agreements (Linköpings kommun with
/// Kvinnojouren i Linköping; …), 1 quote".
fn gave(r: &Record) -> String {
    use super::output::count;
    let agreements: Vec<String> = r
        .agreements
        .iter()
        .map(|a| {
            let public: Vec<&str> = a.public_parties.iter().map(|p| p.name.as_str()).collect();
            let partners: Vec<&str> = a.partners.iter().map(|p| p.name.as_str()).collect();
            format!("{} with {}", public.join(" + "), partners.join(", "))
        })
        .collect();
    let mut s = count(r.agreements.len(), "agreement", "agreements");
    if !agreements.is_empty() {
        s.push_str(&format!(" ({})", agreements.join("; ")));
    }
    s.push_str(&format!(", {}", count(r.quotes.len(), "quote", "quotes")));
    s
}

/// Extract every source in order, calling `sink` with each record. Errors
/// are named on stderr; the returned status says whether any page failed.
pub fn extract_all(
    sources: &[PageSource],
    reference: &Reference,
    sink: impl FnMut(Record) -> anyhow::Result<()>,
) -> anyhow::Result<Status> {
    extract_counted(sources, reference, sink).map(|(s, _)| s)
}

/// [`extract_all`], also counting what was read and given.
pub fn extract_counted(
    sources: &[PageSource],
    reference: &Reference,
    mut sink: impl FnMut(Record) -> anyhow::Result<()>,
) -> anyhow::Result<(Status, Extracted)> {
    let bar = progress_bar(sources.len() as u64, "extracting");
    let mut status = Status::Ok;
    let mut done = Extracted::default();
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
        for (r, source) in results.into_iter().zip(batch) {
            done.pages += 1;
            match r {
                Ok(rec) => {
                    done.records += 1;
                    done.agreements += rec.agreements.len();
                    bar.suspend(|| tracing::info!("{}: {}", source.name(), gave(&rec)));
                    sink(rec)?
                }
                Err(msg) => {
                    done.failed += 1;
                    bar.suspend(|| eprintln!("iop: error: {msg}"));
                    status = status.worst(Status::Failed);
                }
            }
            bar.inc(1);
        }
    }
    bar.finish_and_clear();
    Ok((status, done))
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

/// An extraction that found no page under the paths it was given.
#[derive(Debug, thiserror::Error)]
#[error("no pages (.html, .htm, .txt) under {0}")]
pub struct NoPages(pub String);

pub fn run(args: Args, quiet: bool) -> anyhow::Result<Status> {
    let (sources, mut status) = sources_or_report(&args.paths);
    if sources.is_empty() && status != Status::Ok {
        return Err(UsageError("no readable input among the paths given".into()).into());
    }
    if sources.is_empty() {
        let names: Vec<String> = args.paths.iter().map(|p| p.display().to_string()).collect();
        return Err(NoPages(names.join(", ")).into());
    }
    let reference = Reference::embedded();
    let done = match &args.out {
        Some(path) => {
            let dir = path
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or(std::path::Path::new("."));
            let tmp = tempfile::NamedTempFile::new_in(dir)
                .with_context(|| format!("cannot write to {}", dir.display()))?;
            let mut w = BufWriter::new(tmp);
            let (s, d) = extract_counted(&sources, reference, |r| write_line(&mut w, &r))?;
            status = status.worst(s);
            let tmp = w.into_inner().map_err(|e| e.into_error())?;
            tmp.persist(path)
                .with_context(|| format!("cannot write {}", path.display()))?;
            d
        }
        None => {
            let stdout = std::io::stdout();
            let mut w = BufWriter::new(stdout.lock());
            let (s, d) = extract_counted(&sources, reference, |r| write_line(&mut w, &r))?;
            status = status.worst(s);
            w.flush().context("cannot write to stdout")?;
            d
        }
    };
    if !quiet {
        eprintln!("iop: {}", done.summary());
    }
    Ok(status)
}

fn write_line(w: &mut impl Write, r: &Record) -> anyhow::Result<()> {
    serde_json::to_writer(&mut *w, r).map_err(std::io::Error::from)?;
    w.write_all(b"\n")?;
    Ok(())
}
