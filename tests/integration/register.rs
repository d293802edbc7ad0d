//! Integration tests: the register, on hand-written gold records.
//!
//! The fixtures under fixtures/pages/register/ are one agreement reported by a
//! kommun's press release, its newsroom copy and a local paper; its renewal;
//! and two agreements of one kommun with similarly named organisations. The
//! dev corpus in ../shared holds real pages of the same agreements; the
//! evaluation links their gold records and reports precision and recall
//! over pairs of pages (each pair: one agreement as two pages report it).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use iop::record::Record;
use iop::reference::Reference;
use iop::register::Register;

use crate::support;

/// A gold file as a record: the file stem is the id, the file name the path.
fn gold_record(path: &Path) -> Record {
    let text = std::fs::read_to_string(path).unwrap();
    let mut v: serde_json::Value = serde_json::from_str(&text).unwrap();
    let file = v["file"].as_str().unwrap().to_string();
    let id = file
        .rsplit_once('.')
        .map(|(s, _)| s)
        .unwrap_or(&file)
        .to_string();
    v["id"] = id.into();
    v["text"] = "".into();
    v["source"]["path"] = file.into();
    for a in v["agreements"].as_array_mut().unwrap() {
        if a.get("evidence").is_none() {
            a["evidence"] = serde_json::json!([]);
        }
    }
    serde_json::from_value(v).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Every gold record in a directory, in file-name order.
fn gold_records(dir: &Path) -> Vec<Record> {
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with(".gold.json"))
        .collect();
    paths.sort();
    paths.iter().map(|p| gold_record(p)).collect()
}

fn fixture_register() -> Register {
    let records = gold_records(&support::fixture("pages/register"));
    Register::build(&records, Reference::embedded())
}

/// The record ids of an entry's pages, sorted.
fn pages(e: &iop::register::Entry) -> Vec<&str> {
    let mut v: Vec<&str> = e.pages.iter().map(|p| p.record_id.as_str()).collect();
    v.sort();
    v
}

#[test]
fn press_release_newsroom_copy_and_paper_are_one_agreement() {
    let reg = fixture_register();
    let e = reg
        .entries
        .iter()
        .find(|e| {
            e.start.map(|s| s.to_string()).as_deref() == Some("2024-01-01") && e.code == "2482"
        })
        .expect("the Skellefteå agreement of 2024");
    assert_eq!(
        pages(e),
        [
            "skelleftea-newspaper",
            "skelleftea-newsroom",
            "skelleftea-press",
            "skelleftea-renewal"
        ]
    );
    assert_eq!(e.public_party, "Skellefteå kommun");
    assert_eq!(e.county.as_deref(), Some("Västerbottens län"));
    assert_eq!(e.partners, ["Kvinnojouren Frida i Skellefteå"]);
    assert_eq!(e.end.unwrap().to_string(), "2026-12-31");
    assert_eq!(e.public_sek_per_year, Some(1_200_000));
    assert!(e.conflicts.is_empty(), "{:?}", e.conflicts);
    // the yearly sum from the two copies of the release, the total from the paper
    let yearly = e.amounts.iter().find(|a| a.sek == 1_200_000).unwrap();
    assert_eq!(yearly.sources.len(), 2);
    let total = e.amounts.iter().find(|a| a.sek == 3_600_000).unwrap();
    assert_eq!(total.sources[0].record_id, "skelleftea-newspaper");
    assert_eq!(total.sources[0].text, "3,6 miljoner kronor");
    // evidence of every page, each with its page
    let evidence_pages: BTreeSet<&str> = e.evidence.iter().map(|x| x.record_id.as_str()).collect();
    assert_eq!(evidence_pages.len(), 4);
    assert!(e.pages.iter().filter(|p| p.own_page).count() == 3);
}

#[test]
fn the_renewal_is_a_new_agreement_of_the_same_partnership() {
    let reg = fixture_register();
    let skelleftea: Vec<_> = reg.entries.iter().filter(|e| e.code == "2482").collect();
    assert_eq!(skelleftea.len(), 2);
    assert_eq!(skelleftea[0].partnership_id, skelleftea[1].partnership_id);
    let renewal = skelleftea
        .iter()
        .find(|e| e.start.map(|s| s.year) == Some(2027))
        .unwrap();
    assert_eq!(pages(renewal), ["skelleftea-renewal"]);
    assert_eq!(renewal.public_sek_per_year, Some(1_400_000));
    // the renewal page reports both: the ending agreement and the new one
    assert_eq!(reg.agreements_of("skelleftea-renewal").len(), 2);
}

#[test]
fn similarly_named_organisations_of_one_kommun_stay_apart() {
    let reg = fixture_register();
    let umea: Vec<_> = reg.entries.iter().filter(|e| e.code == "2480").collect();
    assert_eq!(umea.len(), 2);
    let boj = umea
        .iter()
        .find(|e| e.partners[0].contains("Brottsoffer"))
        .unwrap();
    let kvj = umea
        .iter()
        .find(|e| e.partners[0].contains("Kvinno"))
        .unwrap();
    assert_eq!(pages(boj), ["umea-newspaper", "umea-two-agreements"]);
    assert_eq!(pages(kvj), ["umea-two-agreements"]);
    assert_ne!(boj.partnership_id, kvj.partnership_id);
    // the paper's month-precise dates give way to the release's days
    assert_eq!(boj.start.unwrap().to_string(), "2024-03-01");
    assert_eq!(boj.end.unwrap().to_string(), "2027-02-28");
}

#[test]
fn funding_counts_each_agreement_once() {
    let reg = fixture_register();
    let records = gold_records(&support::fixture("pages/register"));
    let per_page: i64 = records
        .iter()
        .flat_map(|r| &r.agreements)
        .filter_map(|a| a.public_sek_per_year)
        .sum();
    let per_agreement: i64 = reg
        .entries
        .iter()
        .filter_map(|e| e.public_sek_per_year)
        .sum();
    // 1.2 M (Skellefteå, 3 pages) + 1.4 M (renewal) + 450 k (2 pages) + 900 k
    assert_eq!(per_agreement, 3_950_000);
    assert_eq!(per_page, 1_200_000 * 3 + 1_400_000 + 450_000 * 2 + 900_000);
}

#[test]
fn ids_survive_reordering_and_added_pages() {
    let mut records = gold_records(&support::fixture("pages/register"));
    let ids = |recs: &[Record]| -> BTreeSet<String> {
        Register::build(recs, Reference::embedded())
            .entries
            .into_iter()
            .map(|e| e.agreement_id)
            .collect()
    };
    let all = ids(&records);
    records.reverse();
    assert_eq!(ids(&records), all);
    // without the newspaper copies, the same agreements keep their ids
    records.retain(|r| !r.id.ends_with("newspaper"));
    assert_eq!(ids(&records), all);
}

/// The seeds and dev pages d001-d074, with links judged by reading the pages.
/// Every occurrence ("d025#0": the first agreement of d025) not listed in a
/// group here is an agreement of its own. Links of the later dev pages are
/// read from ../shared/corpus/dev-links.json.
const SAME_AGREEMENT: &[&[&str]] = &[
    // Kalmar kommun and Kvinnojouren Kalmar, IOP from 1 January 2022: the
    // kommun's page and Kalmarposten three years on
    &["d025#0", "d026#0"],
    // Eskilstuna and Kvinnojouren MOA, skyddat boende: Cision release and Inköpsrådet
    &["d036#0", "d043#0"],
    // Eskilstuna's first IOP, öppen dagverksamhet with the Stadsmission: the
    // press invitation (August 2018) and SVT when it opened (December 2018).
    // d046 (2020) is a later, different agreement (support to the homeless).
    &["d030#0", "d064#0"],
    // Vellinge's two agreements: the seed text and the page on vellinge.se
    &["000_b37e3a4f6f968c7b#0", "d033#0"],
    &["000_b37e3a4f6f968c7b#1", "d033#1"],
    // Linköping and Brottsofferjouren i Linköping: the seed and the via TT copy
    &["002_5d0c2afe756fd1c3#0", "d032#0"],
];

/// Pages whose links have been judged: the seeds, d001 up to and including
/// this page, the pages named in dev-links.json, and those in [`LATER`].
const JUDGED_UP_TO: &str = "d074";

/// How a pair of occurrences was judged by reading both pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Judged {
    Same,
    /// Neither page tells: counted neither right nor wrong.
    Unsure,
}

/// Pairs among the later dev pages (d119-d138) that linking proposed, judged
/// by reading both pages, each with the reason.
const LATER: &[(&str, &str, Judged, &str)] = &[
    (
        "d044#0",
        "d126#0",
        Judged::Same,
        "Östersund and Nattvandring.nu: the IOP 'since the turn of the year' 2018/19, \
         in nattvandring.nu's news and on the kommun's own IOP page in the same words",
    ),
    (
        "d054#0",
        "d135#0",
        Judged::Same,
        "Region Värmland and Nätverket Värmlands Idéburna: the kultur- och \
         bildningsnämnd's decision (March 2021) and the signing in April, in force \
         from 1 June 2021; no other agreement of the two is named",
    ),
    (
        "d024#0",
        "d120#0",
        Judged::Unsure,
        "Lund's socialnämnd and Kvinnojouren Lund: d024 reports the IOP for 2018-2020; \
         d120, an undated page of Lund's former site, lists an ongoing IOP with \
         Kvinnojouren Lund: the same if it was written in 2018-2020, a renewal if \
         later, and neither page tells which",
    ),
];

type Pair = (String, String);

/// An unordered pair, smaller first.
fn pair(a: &str, b: &str) -> Pair {
    if a < b {
        (a.to_string(), b.to_string())
    } else {
        (b.to_string(), a.to_string())
    }
}

/// Unordered pairs of occurrences within groups.
fn pairs(groups: &[Vec<String>]) -> BTreeSet<Pair> {
    let mut out = BTreeSet::new();
    for g in groups {
        for (i, a) in g.iter().enumerate() {
            for b in &g[i + 1..] {
                out.insert(pair(a, b));
            }
        }
    }
    out
}

/// The judged pairs of dev-links.json: (same, different), as occurrences
/// "d075#12", and the pages they name.
fn dev_links(shared: &Path) -> (BTreeSet<Pair>, BTreeSet<Pair>, BTreeSet<String>) {
    let text = std::fs::read_to_string(shared.join("corpus/dev-links.json")).unwrap();
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    let mut pages = BTreeSet::new();
    let mut read = |key: &str| -> BTreeSet<Pair> {
        let mut out = BTreeSet::new();
        for p in v[key].as_array().unwrap() {
            let occ: Vec<String> = p
                .as_array()
                .unwrap()
                .iter()
                .map(|o| {
                    let file = o[0].as_str().unwrap();
                    let stem = file.rsplit_once('.').map(|(s, _)| s).unwrap_or(file);
                    pages.insert(stem.to_string());
                    format!("{stem}#{}", o[1].as_u64().unwrap())
                })
                .collect();
            out.insert(pair(&occ[0], &occ[1]));
        }
        out
    };
    let same = read("same");
    let different = read("different");
    (same, different, pages)
}

/// The page of an occurrence ("d075#12" -> "d075").
fn page_of(occ: &str) -> &str {
    occ.split('#').next().unwrap_or(occ)
}

#[test]
fn dev_corpus_linking_precision_and_recall() {
    let Some(shared) = support::shared() else {
        return;
    };
    let mut records = gold_records(&shared.join("corpus/dev"));
    records.extend(gold_records(&shared.join("seeds")));
    let reg = Register::build(&records, Reference::embedded());

    // the predicted groups, as occurrences: an entry holds the agreements of
    // its pages that it was built from
    let mut by_entry: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for r in &records {
        let ids = reg.agreements_of(&r.id);
        assert_eq!(
            ids.len(),
            r.agreements.len(),
            "{}: every agreement in one entry, each with its own id",
            r.id
        );
    }
    for e in &reg.entries {
        let v = by_entry.entry(e.agreement_id.as_str()).or_default();
        for p in &e.pages {
            v.push(format!("{}#{}", p.record_id, p.agreement));
        }
    }
    assert_eq!(
        by_entry.len(),
        reg.entries.len(),
        "agreement ids are unique over the dev corpus"
    );
    let predicted: Vec<Vec<String>> = by_entry.into_values().collect();
    let truth: Vec<Vec<String>> = SAME_AGREEMENT
        .iter()
        .map(|g| g.iter().map(|o| o.to_string()).collect())
        .collect();
    let (same, different, mut linked_pages) = dev_links(&shared);
    let mut t = pairs(&truth);
    t.extend(same.iter().cloned());
    let mut unsure: BTreeSet<Pair> = BTreeSet::new();
    for (a, b, judged, _why) in LATER {
        linked_pages.insert(page_of(a).to_string());
        linked_pages.insert(page_of(b).to_string());
        match judged {
            Judged::Same => t.insert(pair(a, b)),
            Judged::Unsure => unsure.insert(pair(a, b)),
        };
    }
    // a pair is judged when both its pages have been read against the others
    let judged = |occ: &str| {
        let page = page_of(occ);
        !page.starts_with('d') || page <= JUDGED_UP_TO || linked_pages.contains(page)
    };
    let all: BTreeSet<Pair> = pairs(&predicted).difference(&unsure).cloned().collect();
    let (p, unjudged): (BTreeSet<Pair>, BTreeSet<Pair>) =
        all.into_iter().partition(|(a, b)| judged(a) && judged(b));
    let correct = p.intersection(&t).count();
    let precision = if p.is_empty() {
        1.0
    } else {
        correct as f64 / p.len() as f64
    };
    let recall = correct as f64 / t.len() as f64;
    eprintln!(
        "register linking on dev + seeds: {} entries from {} agreements on {} pages; \
         judged pairs predicted {}, true {}, correct {}; precision {precision:.2}, recall {recall:.2}",
        reg.entries.len(),
        records.iter().map(|r| r.agreements.len()).sum::<usize>(),
        records.len(),
        p.len(),
        t.len(),
        correct
    );
    for wrong in p.difference(&t) {
        eprintln!("  wrongly linked: {} + {}", wrong.0, wrong.1);
    }
    for missed in t.difference(&p) {
        eprintln!("  not linked: {} + {}", missed.0, missed.1);
    }
    for u in &unjudged {
        eprintln!(
            "  linked, not yet judged (read both pages): {} + {}",
            u.0, u.1
        );
    }
    let merged_different: Vec<&Pair> = different.iter().filter(|d| p.contains(*d)).collect();
    assert!(
        merged_different.is_empty(),
        "pairs judged different were merged: {merged_different:?}"
    );
    assert_eq!(precision, 1.0, "two distinct agreements were merged");
    assert!(
        unjudged.is_empty(),
        "read the pages of every new link and judge it"
    );
    // measured 0.75 (9 of 12) with the later dev pages judged: d030 fits two
    // Stadsmission agreements and is not guessed; d114 names no public body;
    // d093 names the local Röda Korset branch, d118 the national
    assert!(recall >= 0.75, "recall {recall:.2}");
}

/// The fixture gold records as a JSON Lines file, indexed.
pub(crate) fn indexed_fixtures() -> (tempfile::TempDir, String) {
    let d = tempfile::tempdir().unwrap();
    let jsonl = d.path().join("records.jsonl");
    let lines: Vec<String> = gold_records(&support::fixture("pages/register"))
        .iter()
        .map(|r| serde_json::to_string(r).unwrap())
        .collect();
    std::fs::write(&jsonl, lines.join("\n") + "\n").unwrap();
    let ix = d.path().join("index").display().to_string();
    let o = support::iop()
        .args(["index", "--index", &ix, jsonl.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    (d, ix)
}

pub(crate) fn iop_json(args: &[&str]) -> (Vec<serde_json::Value>, String) {
    let o = support::iop().args(args).output().unwrap();
    let err = String::from_utf8_lossy(&o.stderr).into_owned();
    assert!(o.status.success(), "{err}");
    (serde_json::from_slice(&o.stdout).unwrap(), err)
}

#[test]
fn iop_agreements_prints_one_row_per_agreement_in_every_format() {
    let (_d, ix) = indexed_fixtures();
    let (rows, _) = iop_json(&["agreements", "--index", &ix, "--format", "json"]);
    assert_eq!(rows.len(), 4);
    let frida = rows
        .iter()
        .find(|r| r["start"] == "2024-01-01")
        .expect("the Skellefteå agreement");
    assert_eq!(frida["public_party"], "Skellefteå kommun");
    assert_eq!(frida["code"], "2482");
    assert_eq!(frida["county"], "Västerbottens län");
    assert_eq!(frida["public_sek_per_year"], 1_200_000);
    assert_eq!(frida["pages"].as_array().unwrap().len(), 4);
    assert!(
        frida["amounts"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a["sek"] == 3_600_000 && a["sources"][0]["text"] == "3,6 miljoner kronor")
    );
    assert!(!frida["evidence"].as_array().unwrap().is_empty());

    let (umea, _) = iop_json(&[
        "agreements",
        "--index",
        &ix,
        "--format",
        "json",
        "--municipality",
        "Umeå",
    ]);
    assert_eq!(umea.len(), 2);

    let o = support::iop()
        .args(["agreements", "--index", &ix, "--format", "csv"])
        .output()
        .unwrap();
    let csv = String::from_utf8(o.stdout).unwrap();
    let mut rdr = csv::Reader::from_reader(csv.as_bytes());
    assert_eq!(&rdr.headers().unwrap()[0], "agreement_id");
    let rows: Vec<csv::StringRecord> = rdr.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 4);
    assert!(rows.iter().any(|r| r[12].contains("https://umebladet.se/")));

    let o = support::iop()
        .args(["agreements", "--index", &ix, "--format", "ndjson"])
        .output()
        .unwrap();
    assert_eq!(String::from_utf8(o.stdout).unwrap().lines().count(), 4);

    let o = support::iop()
        .args(["agreements", "--index", &ix])
        .output()
        .unwrap();
    let table = String::from_utf8(o.stdout).unwrap();
    assert!(
        table.contains("4 agreements from 8 reports on 6 pages (4 reports merged"),
        "{table}"
    );
}

#[test]
fn iop_funding_counts_each_agreement_once_and_says_what_was_merged() {
    let (_d, ix) = indexed_fixtures();
    let o = support::iop()
        .args(["funding", "--index", &ix, "--format", "json"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr).into_owned();
    assert!(o.status.success(), "{err}");
    let report: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let rows = report["rows"].as_array().unwrap();
    let skelleftea = rows.iter().find(|r| r["code"] == "2482").unwrap();
    // 1 200 000 (three pages) + 1 400 000 (the renewal), not 3 × 1 200 000 + …
    assert_eq!(skelleftea["public_sek_per_year"], 2_600_000);
    assert_eq!(skelleftea["agreements"], 2);
    let umea = rows.iter().find(|r| r["code"] == "2480").unwrap();
    assert_eq!(umea["public_sek_per_year"], 1_350_000);
    assert!(
        err.contains("4 agreements from 8 reports on 6 pages (4 reports merged"),
        "{err}"
    );
}

#[test]
fn iop_search_hits_name_their_register_entries() {
    let (_d, ix) = indexed_fixtures();
    let (agreements, _) = iop_json(&["agreements", "--index", &ix, "--format", "json"]);
    let frida = agreements
        .iter()
        .find(|r| r["start"] == "2024-01-01")
        .unwrap();
    let (hits, _) = iop_json(&["search", "--index", &ix, "--format", "json", "Frida"]);
    let paper = hits
        .iter()
        .find(|h| h["id"] == "skelleftea-newspaper")
        .expect("the paper is a hit");
    assert_eq!(paper["agreement_ids"][0], frida["agreement_id"]);
    let renewal = hits
        .iter()
        .find(|h| h["id"] == "skelleftea-renewal")
        .unwrap();
    assert_eq!(renewal["agreement_ids"].as_array().unwrap().len(), 2);
}
