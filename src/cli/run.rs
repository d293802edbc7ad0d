//! `iop run`: the main job on the embedded default, with no network and no
//! configuration: extract every page under `fixtures/` and summarise.

use std::collections::BTreeSet;
use std::path::PathBuf;

use super::Status;
use super::extract::{extract_all, sources_or_report};
use crate::reference::Reference;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The pages to process.
    #[arg(long, default_value = "fixtures")]
    pub input: PathBuf,
}

pub fn run(args: Args) -> anyhow::Result<Status> {
    let (sources, status) = sources_or_report(std::slice::from_ref(&args.input));
    let mut docs = 0usize;
    let mut agreements = 0usize;
    let mut codes = BTreeSet::new();
    let mut sek: i64 = 0;
    let extract_status = extract_all(&sources, Reference::embedded(), |r| {
        docs += 1;
        agreements += r.agreements.len();
        for a in &r.agreements {
            codes.extend(a.public_parties.iter().filter_map(|p| p.code.clone()));
            sek += a.public_sek_per_year.unwrap_or(0);
        }
        Ok(())
    })?;
    println!("documents:     {docs}");
    println!("agreements:    {agreements}");
    println!("municipalities: {}", codes.len());
    println!("yearly public funding: {sek} kr");
    // The failures among hostile fixtures are expected and named on stderr.
    let _ = extract_status;
    Ok(status)
}
