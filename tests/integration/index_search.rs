//! Integration tests: `iop index`, `iop search`, `iop funding` and `iop run`
//! on hand-written Swedish records (fixtures/records/sample.jsonl) and pages
//! written by the tests.

use std::path::Path;
use std::process::Output;

use serde_json::Value;

use crate::support::{fixture, iop};

fn sample() -> std::path::PathBuf {
    fixture("records/sample.jsonl")
}

fn run(args: &[&str]) -> Output {
    iop().args(args).output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A fresh index of the sample records.
fn indexed() -> (tempfile::TempDir, String) {
    let d = tempfile::tempdir().unwrap();
    let ix = d.path().join("index").display().to_string();
    let o = run(&["index", "--index", &ix, sample().to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    (d, ix)
}

fn json(o: &Output) -> Vec<Value> {
    assert!(o.status.success(), "{}", stderr(o));
    serde_json::from_slice::<Vec<Value>>(&o.stdout).unwrap()
}

fn search_ids(ix: &str, extra: &[&str], query: &str) -> Vec<String> {
    let mut args = vec![
        "search", "--index", ix, "--format", "json", "--limit", "100",
    ];
    args.extend_from_slice(extra);
    args.push(query);
    let mut ids: Vec<String> = json(&run(&args))
        .iter()
        .map(|h| h["id"].as_str().unwrap().to_string())
        .collect();
    ids.sort();
    ids
}

#[test]
fn indexing_the_same_input_twice_keeps_the_count() {
    let (_d, ix) = indexed();
    let o = run(&["index", "--index", &ix, sample().to_str().unwrap()]);
    assert!(o.status.success());
    assert!(
        stdout(&o).contains("(7 documents in the index)"),
        "{}",
        stdout(&o)
    );
    assert_eq!(search_ids(&ix, &[], "").len(), 7);
}

#[test]
fn stemming_finds_other_forms_and_json_hits_carry_the_contract_fields() {
    let (_d, ix) = indexed();
    let ids = search_ids(&ix, &[], "avtalet");
    assert!(ids.contains(&"lkpg-2022-blavagen".to_string()), "{ids:?}");
    assert_eq!(
        search_ids(&ix, &[], "kvinnojourer"),
        ["lkpg-2023-kvinnojouren", "umea-2021-kvinnojourer"]
    );
    let hits = json(&run(&[
        "search",
        "--index",
        &ix,
        "--format",
        "json",
        "kvinnojouren",
    ]));
    let h = &hits[0];
    for key in [
        "id",
        "score",
        "title",
        "url",
        "path",
        "published",
        "municipality",
        "code",
        "partners",
        "public_sek_per_year",
        "snippet",
    ] {
        assert!(h.get(key).is_some(), "missing {key}");
    }
    assert_eq!(h["id"], "lkpg-2023-kvinnojouren");
    assert_eq!(h["code"], "0580");
    assert_eq!(h["public_sek_per_year"], 1_200_000);
    assert_eq!(
        h["url"],
        "https://www.linkoping.se/nyheter/2023/iop-kvinnojouren/"
    );
    assert!(
        h["snippet"].as_str().unwrap().contains("**Kvinnojouren**"),
        "{}",
        h["snippet"]
    );
}

#[test]
fn every_filter_on_the_command_line() {
    let (_d, ix) = indexed();
    let ids = |extra: &[&str]| search_ids(&ix, extra, "");
    assert_eq!(
        ids(&["--municipality", "Linköpings kommun"]),
        ["lkpg-2022-blavagen", "lkpg-2023-kvinnojouren"]
    );
    assert_eq!(
        ids(&["--municipality", "0581"]),
        ["nkpg-2024-stadsmissionen"]
    );
    assert_eq!(ids(&["--county", "Skåne län"]).len(), 2);
    assert_eq!(ids(&["--county", "05"]).len(), 3);
    assert_eq!(
        ids(&["--partner", "Räddningsmissionen"]),
        ["gbg-2024-raddningsmissionen"]
    );
    assert_eq!(
        ids(&["--from", "2023-03", "--to", "2023-09-01"]),
        ["lkpg-2023-kvinnojouren", "skane-2023-helamanniskan"]
    );
    assert_eq!(
        ids(&["--min-sek", "2000000", "--max-sek", "4500000"]),
        ["gbg-2024-raddningsmissionen", "skane-2023-helamanniskan"]
    );
    // filters combine with the query
    assert_eq!(
        search_ids(&ix, &["--county", "05"], "partnerskap"),
        ["lkpg-2023-kvinnojouren", "nkpg-2024-stadsmissionen"]
    );
}

#[test]
fn each_output_format() {
    let (_d, ix) = indexed();
    let base = ["search", "--index", &ix, "--sort", "sek", "--limit", "3"];
    let with = |f: &str| {
        let mut a = base.to_vec();
        a.extend(["--format", f, "partnerskap"]);
        let o = run(&a);
        assert!(o.status.success(), "{}", stderr(&o));
        stdout(&o)
    };
    let table = with("table");
    assert!(
        table.starts_with("1. Göteborgs Stad i partnerskap med Räddningsmissionen"),
        "{table}"
    );
    assert!(table.contains("4 500 000 kr/year"));
    assert!(table.contains("https://goteborg.se/nyheter/iop-raddningsmissionen"));
    let csv = with("csv");
    let mut rdr = csv::Reader::from_reader(csv.as_bytes());
    let header = rdr.headers().unwrap().clone();
    assert_eq!(&header[0], "id");
    let rows: Vec<csv::StringRecord> = rdr.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 3);
    assert_eq!(&rows[0][0], "gbg-2024-raddningsmissionen");
    let nd = with("ndjson");
    let lines: Vec<Value> = nd
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[1]["public_sek_per_year"], 2_000_000);
    let arr: Vec<Value> = serde_json::from_str(&with("json")).unwrap();
    assert_eq!(arr, lines);
}

#[test]
fn bad_query_and_bad_filter_are_usage_errors() {
    let (_d, ix) = indexed();
    let o = run(&["search", "--index", &ix, "nosuchfield:avtal"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("bad query \"nosuchfield:avtal\""),
        "{}",
        stderr(&o)
    );
    assert!(o.stdout.is_empty());
    let o = run(&[
        "search",
        "--index",
        &ix,
        "--municipality",
        "Atlantis",
        "avtal",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("Atlantis"), "{}", stderr(&o));
    let o = run(&["funding", "--index", &ix, "--from", "2023-14"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn a_locked_index_gets_a_clear_error() {
    let (_d, ix) = indexed();
    let writer = iop::index::Indexer::open(Path::new(&ix)).unwrap();
    let o = run(&["index", "--index", &ix, sample().to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("locked by another writer"),
        "{}",
        stderr(&o)
    );
    assert!(!stderr(&o).contains("panicked"));
    // readers are not blocked by the writer
    assert_eq!(search_ids(&ix, &[], "").len(), 7);
    drop(writer);
}

#[test]
fn uncommitted_writes_leave_the_last_commit_readable() {
    let (_d, ix) = indexed();
    let mut w = iop::index::Indexer::open(Path::new(&ix)).unwrap();
    let mut r: iop::record::Record = serde_json::from_str(
        std::fs::read_to_string(sample())
            .unwrap()
            .lines()
            .next()
            .unwrap(),
    )
    .unwrap();
    r.id = "new-uncommitted".into();
    w.upsert(&r).unwrap();
    // as if the process died here: no commit
    std::mem::forget(w);
    assert_eq!(search_ids(&ix, &[], "").len(), 7);
}

#[test]
fn missing_and_damaged_indexes_say_what_to_do() {
    let d = tempfile::tempdir().unwrap();
    let missing = d.path().join("none").display().to_string();
    let o = run(&["search", "--index", &missing, "avtal"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("build one with `iop index`"),
        "{}",
        stderr(&o)
    );
    let (_d2, ix) = indexed();
    std::fs::write(Path::new(&ix).join("iop-index-version"), "0\n").unwrap();
    let o = run(&["search", "--index", &ix, "avtal"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("delete the directory and index again"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn funding_by_kommun_county_and_partner_checked_by_hand() {
    let (_d, ix) = indexed();
    let o = run(&["funding", "--index", &ix, "--format", "json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let report: Value = serde_json::from_slice(&o.stdout).unwrap();
    let rows = report["rows"].as_array().unwrap();
    let codes: Vec<&str> = rows.iter().map(|r| r["code"].as_str().unwrap()).collect();
    assert_eq!(codes, ["1480", "12+1280", "0580", "0581", "1280"]);
    // Göteborg: 4 500 000 kr / 613 250 inhabitants
    assert_eq!(rows[0]["public_sek_per_year"], 4_500_000);
    assert_eq!(rows[0]["population"], 613_250);
    assert_eq!(rows[0]["sek_per_inhabitant"], 7.34);
    assert_eq!(
        rows[0]["items"][0]["pages"][0],
        "https://goteborg.se/nyheter/iop-raddningsmissionen"
    );
    // Region Skåne and Malmö together: one row, per inhabitant of Skåne
    assert_eq!(rows[1]["sek_per_inhabitant"], 1.4);
    // Linköping: 1 200 000 + 300 000 over 168 737 inhabitants
    assert_eq!(rows[2]["public_sek_per_year"], 1_500_000);
    assert_eq!(rows[2]["sek_per_inhabitant"], 8.89);
    // Malmö's own agreement states no figure: unknown, last
    assert_eq!(rows[4]["agreements_without_figure"], 1);
    assert!(rows[4]["public_sek_per_year"].is_null());
    assert_eq!(report["public_sek_per_year"], 8_850_000);

    let o = run(&[
        "funding", "--index", &ix, "--by", "county", "--format", "csv",
    ]);
    assert!(o.status.success());
    assert!(
        stderr(&o).contains("1 of 6 agreements have no yearly figure"),
        "{}",
        stderr(&o)
    );
    let csv = stdout(&o);
    let mut rdr = csv::Reader::from_reader(csv.as_bytes());
    let rows: Vec<csv::StringRecord> = rdr.records().map(Result::unwrap).collect();
    assert_eq!(&rows[1][0], "05");
    assert_eq!(&rows[1][4], "2350000");
    assert!(rows[1][9].contains("https://www.norrkoping.se/nyheter/stadsmissionen-dagcenter"));

    let table = stdout(&run(&["funding", "--index", &ix, "--by", "partner"]));
    assert!(
        table.lines().nth(1).unwrap().contains("Räddningsmissionen"),
        "{table}"
    );
    assert!(table.contains("counted but not summed"), "{table}");
    let filtered = run(&[
        "funding", "--index", &ix, "--format", "json", "--county", "05",
    ]);
    let filtered: Value = serde_json::from_slice(&filtered.stdout).unwrap();
    assert_eq!(filtered["rows"].as_array().unwrap().len(), 2);
}

const PAGE: &str = "<html><head><title>Norrköpings kommun tecknar avtal med Röda Korset</title>\
<meta property=\"article:published_time\" content=\"2024-02-01\"></head><body><main>\
<h1>Norrköpings kommun tecknar avtal med Röda Korset</h1>\
<p>Norrköpings kommun och Röda Korset har tecknat ett idéburet offentligt partnerskap om \
läxhjälp. Kommunen bidrar med 400 000 kronor per år.</p></main></body></html>";

#[test]
fn pages_are_extracted_and_indexed_and_run_summarises() {
    let d = tempfile::tempdir().unwrap();
    let pages = d.path().join("pages");
    std::fs::create_dir_all(pages.join("hostile")).unwrap();
    std::fs::write(pages.join("norrkoping.html"), PAGE).unwrap();
    std::fs::write(
        pages.join("hostile/binary.html"),
        b"\x00\x01\x02\xff\xfe binary",
    )
    .unwrap();
    let ix = d.path().join("index").display().to_string();
    let o = run(&["index", "--index", &ix, pages.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "a failed page is remembered");
    assert!(stderr(&o).contains("binary.html"), "{}", stderr(&o));
    assert_eq!(search_ids(&ix, &[], "läxhjälpen").len(), 1);

    let ix2 = d.path().join("run-index").display().to_string();
    let o = run(&["run", "--input", pages.to_str().unwrap(), "--index", &ix2]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("documents:             1 pages"), "{out}");
    assert!(out.contains("failed:                1 pages"), "{out}");
    assert!(
        out.contains(&format!("index:                 {ix2} (1 documents)")),
        "{out}"
    );
    assert!(out.contains("try:                   iop search"), "{out}");
    assert!(stderr(&o).contains("binary.html"));
    // running again replaces rather than duplicates
    let o = run(&["run", "--input", pages.to_str().unwrap(), "--index", &ix2]);
    assert!(stdout(&o).contains("(1 documents)"));
}
