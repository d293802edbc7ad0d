//! `iop eval GOLD_DIR [PATH...]`: extract the documents the gold files name
//! (found under PATH when given, else in GOLD_DIR) and print precision,
//! recall and F1 per field, the same table as the reference scorer; `--json`
//! prints the report as JSON. A document that is missing or cannot be
//! extracted is named on stderr, scored as not read, and the exit status is 1.

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::input::{PageSource, list_sources};
use super::{Status, UsageError};
use crate::eval::{Gold, Report, load_gold_dir, score};
use crate::reference::Reference;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Directory of NAME.gold.json files (annotation.md).
    pub gold_dir: PathBuf,
    /// Files or directories holding the documents; default GOLD_DIR.
    pub paths: Vec<PathBuf>,
    /// Print the report as JSON instead of a table.
    #[arg(long)]
    pub json: bool,
    /// Also list every disagreement, one line each.
    #[arg(long)]
    pub show_errors: bool,
    /// Score these records (JSON Lines, as `iop extract` writes) instead of
    /// extracting the documents; the documents are still read for evidence.
    #[arg(long, value_name = "FILE")]
    pub predictions: Option<PathBuf>,
}

/// The file name of a source, for matching it to a gold file.
fn file_name(s: &PageSource) -> Option<String> {
    match s {
        PageSource::File(p) => p.file_name()?.to_str().map(str::to_string),
        _ => None,
    }
}

/// The name without its last extension.
fn stem(name: &str) -> &str {
    name.rsplit_once('.').map_or(name, |(s, _)| s)
}

/// The source for each gold file: same file name, else same stem.
fn locate<'a>(gold: &[Gold], sources: &'a [PageSource]) -> Vec<Option<&'a PageSource>> {
    let mut by_name: HashMap<String, &PageSource> = HashMap::new();
    let mut by_stem: HashMap<String, &PageSource> = HashMap::new();
    for s in sources {
        if let Some(n) = file_name(s) {
            by_stem.entry(stem(&n).to_string()).or_insert(s);
            by_name.entry(n).or_insert(s);
        }
    }
    gold.iter()
        .map(|g| {
            by_name
                .get(&g.file)
                .or_else(|| by_stem.get(stem(&g.file)))
                .copied()
        })
        .collect()
}

/// The outcome of extracting and scoring the documents of a gold directory.
#[derive(Debug)]
pub struct Evaluation {
    pub report: Report,
    /// One line per gold document that was missing or could not be extracted.
    pub failures: Vec<String>,
}

/// Extract the documents the gold files under `gold_dir` name (found under
/// `paths`, else under `gold_dir`) and score them.
pub fn evaluate(gold_dir: &Path, paths: &[PathBuf]) -> anyhow::Result<Evaluation> {
    let gold = load_gold_dir(gold_dir).map_err(|e| UsageError(e.to_string()))?;
    let sources = find_sources(gold_dir, paths)?;
    let located = locate(&gold, &sources);
    let reference = Reference::embedded();
    let results: Vec<Result<(serde_json::Value, Vec<u8>), String>> = gold
        .par_iter()
        .zip(located.par_iter())
        .map(|(g, src)| {
            let src = src.ok_or_else(|| {
                format!(
                    "{}: no document for gold file in {}",
                    g.file,
                    gold_dir.display()
                )
            })?;
            let page = src
                .load()
                .map_err(|e| format!("{}: cannot read: {e}", src.name()))?;
            let rec = crate::extract::extract(&page, reference)
                .map_err(|e| format!("{}: cannot extract: {e}", src.name()))?;
            let value = serde_json::to_value(&rec).map_err(|e| e.to_string())?;
            Ok((value, page.bytes))
        })
        .collect();
    let mut failures = Vec::new();
    let mut preds = Vec::new();
    let mut docs: HashMap<&str, Vec<u8>> = HashMap::new();
    for (g, r) in gold.iter().zip(results) {
        match r {
            Ok((value, bytes)) => {
                preds.push(value);
                docs.insert(g.file.as_str(), bytes);
            }
            Err(msg) => failures.push(msg),
        }
    }
    let report = score(&gold, preds, 0, |f| docs.get(f).cloned());
    Ok(Evaluation { report, failures })
}

/// The page sources under the paths given, else under the gold directory.
fn find_sources(gold_dir: &Path, paths: &[PathBuf]) -> anyhow::Result<Vec<PageSource>> {
    let roots = if paths.is_empty() {
        vec![gold_dir.to_path_buf()]
    } else {
        paths.to_vec()
    };
    let (sources, bad) = list_sources(&roots);
    if let Some(b) = bad.first() {
        return Err(UsageError(format!("{}: {}", b.path, b.reason)).into());
    }
    Ok(sources)
}

pub fn run(args: Args) -> anyhow::Result<Status> {
    if let Some(file) = &args.predictions {
        let gold = load_gold_dir(&args.gold_dir).map_err(|e| UsageError(e.to_string()))?;
        let sources = find_sources(&args.gold_dir, &args.paths)?;
        let located = locate(&gold, &sources);
        return score_file(&args, &gold, &located, file);
    }
    let ev = evaluate(&args.gold_dir, &args.paths)?;
    for f in &ev.failures {
        eprintln!("iop: error: {f}");
    }
    print_report(&args, &ev.report)?;
    Ok(if ev.failures.is_empty() {
        Status::Ok
    } else {
        Status::Failed
    })
}

/// Score saved predictions; the documents are read only for evidence.
fn score_file(
    args: &Args,
    gold: &[Gold],
    located: &[Option<&PageSource>],
    file: &Path,
) -> anyhow::Result<Status> {
    let text = std::fs::read_to_string(file)
        .map_err(|e| UsageError(format!("{}: {e}", file.display())))?;
    let mut bad_lines = 0;
    let mut preds = Vec::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        match serde_json::from_str::<serde_json::Value>(line) {
            Ok(v) => preds.push(v),
            Err(_) => bad_lines += 1,
        }
    }
    let docs: HashMap<&str, &PageSource> = gold
        .iter()
        .zip(located)
        .filter_map(|(g, s)| Some((g.file.as_str(), (*s)?)))
        .collect();
    let report = score(gold, preds, bad_lines, |f| {
        docs.get(f).and_then(|s| s.load().ok()).map(|p| p.bytes)
    });
    print_report(args, &report)?;
    Ok(Status::Ok)
}

/// Write the report to stdout; a closed stdout (`| head`) is an error the
/// caller ends on quietly, as every command does.
fn print_report(args: &Args, report: &Report) -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    if args.json {
        writeln!(out, "{}", report.to_json(args.show_errors))?;
    } else {
        write!(out, "{}", report.table(args.show_errors))?;
    }
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gold_files_find_their_documents_by_name_then_stem() {
        let gold = vec![
            Gold {
                file: "a.html".into(),
                record: serde_json::json!({}),
            },
            Gold {
                file: "b.html".into(),
                record: serde_json::json!({}),
            },
            Gold {
                file: "c.txt".into(),
                record: serde_json::json!({}),
            },
        ];
        let sources = vec![
            PageSource::File("x/b.htm".into()),
            PageSource::File("x/a.html".into()),
            PageSource::File("y/a.html".into()),
        ];
        let found = locate(&gold, &sources);
        assert_eq!(found[0].map(|s| s.name()), Some("x/a.html".to_string()));
        assert_eq!(found[1].map(|s| s.name()), Some("x/b.htm".to_string()));
        assert!(found[2].is_none());
    }
}
