//! `iop run`: the main job on the embedded default, with no network and no
//! configuration: extract every page under `fixtures/`, index the records
//! under `data/index`, and print a short summary with an example search to
//! try. Pages that fail (the hostile fixtures are meant to) are named on
//! stderr and counted; the run still succeeds when the job itself completed.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::PathBuf;

use anyhow::Context as _;

use super::extract::{extract_all, sources_or_report};
use super::filters::IndexArg;
use super::output::kronor;
use super::{Status, UsageError};
use crate::index::{COMMIT_EVERY, Indexer};
use crate::record::Record;
use crate::reference::Reference;
use crate::search::{SearchRequest, Searcher};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The pages to process.
    #[arg(long, default_value = "fixtures")]
    pub input: PathBuf,
    #[command(flatten)]
    pub index: IndexArg,
}

/// What the run found, for the summary.
#[derive(Debug, Default)]
struct Tally {
    documents: usize,
    agreements: usize,
    codes: BTreeSet<String>,
    /// How often each kommun/region and partner word appears, for the example.
    places: BTreeMap<String, usize>,
}

impl Tally {
    fn add(&mut self, r: &Record) {
        self.documents += 1;
        for a in &r.agreements {
            self.agreements += 1;
            for p in &a.public_parties {
                if let Some(c) = &p.code {
                    self.codes.insert(c.clone());
                    *self.places.entry(c.clone()).or_default() += 1;
                }
            }
        }
    }
}

pub fn run(args: Args) -> anyhow::Result<Status> {
    if !args.input.is_dir() {
        return Err(UsageError(format!(
            "{}: no such directory; run `iop run` from the project root, or give --input DIR",
            args.input.display()
        ))
        .into());
    }
    let (sources, _) = sources_or_report(std::slice::from_ref(&args.input));
    let dir = &args.index.index;
    let mut ix = Indexer::open(dir)?;
    let mut tally = Tally::default();
    let mut records: Vec<Record> = Vec::new();
    let extracted = extract_all(&sources, Reference::embedded(), |r| {
        match ix.upsert(&r) {
            // a record the index refuses is named and left out, as a failed page
            Err(e) if e.is_invalid_record() => {
                let place = r.source.path.as_deref().unwrap_or(&r.id);
                eprintln!("iop: error: {place}: {e}");
                return Ok(());
            }
            done => done?,
        }
        tally.add(&r);
        records.push(r.clone());
        if ix.pending() >= COMMIT_EVERY {
            ix.commit()?;
        }
        Ok(())
    })?;
    ix.finish()?;
    let failed = sources.len() - tally.documents;
    let searcher = Searcher::open(dir).map_err(super::search::cli_error)?;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();

    writeln!(
        out,
        "documents:             {} pages extracted from {}",
        tally.documents,
        args.input.display()
    )?;
    if failed > 0 {
        writeln!(
            out,
            "failed:                {failed} pages (named on stderr)"
        )?;
    }
    // each agreement once, however many pages report it
    let register = crate::register::Register::build(&records, Reference::embedded());
    let entries = &register.entries;
    let sek: i64 = entries.iter().filter_map(|e| e.public_sek_per_year).sum();
    let without_figure = entries
        .iter()
        .filter(|e| e.public_sek_per_year.is_none())
        .count();
    writeln!(
        out,
        "agreements:            {} in the register ({} page reports linked)",
        entries.len(),
        tally.agreements
    )?;
    writeln!(
        out,
        "municipalities:        {} kommuner and regions",
        tally.codes.len()
    )?;
    let note = if without_figure > 0 {
        format!(" ({without_figure} agreements without a yearly figure are not summed)")
    } else {
        String::new()
    };
    writeln!(out, "yearly public funding: {} kr{note}", kronor(sek))?;
    writeln!(
        out,
        "index:                 {} ({} documents)",
        dir.display(),
        searcher.num_docs()
    )?;
    if let Some(example) = example(&searcher, &tally, dir) {
        writeln!(out, "try:                   {example}")?;
    }
    // failing pages were expected to be possible (hostile fixtures); the job completed
    let _ = extracted;
    out.flush().context("cannot write to stdout")?;
    Ok(Status::Ok)
}

/// An example search that finds something in the index just built.
fn example(searcher: &Searcher, tally: &Tally, dir: &std::path::Path) -> Option<String> {
    let index_flag = if dir == std::path::Path::new("data/index") {
        String::new()
    } else {
        format!(" --index {}", dir.display())
    };
    let place = tally
        .places
        .iter()
        .max_by_key(|(code, n)| (**n, std::cmp::Reverse((*code).clone())))
        .and_then(|(code, _)| Reference::embedded().by_code(code))
        .map(|b| b.short_name.clone());
    let mut tries: Vec<(String, Option<String>)> = Vec::new();
    for q in [
        "\"idéburet offentligt partnerskap\"",
        "partnerskap",
        "avtalet",
        "överenskommelse",
    ] {
        if let Some(p) = &place {
            tries.push((q.to_string(), Some(p.clone())));
        }
        tries.push((q.to_string(), None));
    }
    tries.into_iter().find_map(|(q, place)| {
        let req = SearchRequest {
            query: q.clone(),
            filters: crate::search::Filters {
                municipality: place.clone(),
                ..Default::default()
            },
            limit: 0,
            ..SearchRequest::default()
        };
        let total = searcher.search(&req).ok()?.total;
        (total > 0).then(|| match place {
            Some(p) => format!("iop search{index_flag} --municipality {p:?} '{q}'"),
            None => format!("iop search{index_flag} '{q}'"),
        })
    })
}
