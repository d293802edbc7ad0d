//! Integration tests: `iop index` and `iop search` on bad input. A bad line
//! of a JSON Lines file (not UTF-8, not a record, a record the index
//! refuses) is named with its file and line and the rest is indexed; a
//! query that cannot run is a usage error (exit status 2) naming what is
//! wrong; of simultaneous first runs on a new directory, the losers hear
//! that the index is locked.

use std::path::Path;
use std::process::{Output, Stdio};

use iop::record::Record;

use crate::support::{fixture, iop};

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// `n` distinct records made from the sample records, as JSON lines.
fn lines(n: usize) -> Vec<Vec<u8>> {
    let sample = std::fs::read_to_string(fixture("records/sample.jsonl")).unwrap();
    let base: Vec<Record> = sample
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    (0..n)
        .map(|i| {
            let mut r = base[i % base.len()].clone();
            r.id = format!("rad-{i:03}");
            serde_json::to_vec(&r).unwrap()
        })
        .collect()
}

fn write_lines(path: &Path, lines: &[Vec<u8>]) {
    let mut bytes = Vec::new();
    for l in lines {
        bytes.extend_from_slice(l);
        bytes.push(b'\n');
    }
    std::fs::write(path, bytes).unwrap();
}

/// `iop index --index IX FILE`.
fn index(ix: &Path, file: &Path) -> Output {
    iop()
        .args(["index", "--index"])
        .arg(ix)
        .arg(file)
        .output()
        .unwrap()
}

/// Documents in the index, as `iop search` counts them.
fn count(ix: &Path) -> usize {
    let s = iop::search::Searcher::open(ix).unwrap();
    s.num_docs() as usize
}

#[test]
fn a_line_with_an_invalid_utf8_byte_is_named_and_the_rest_indexed() {
    let d = tempfile::tempdir().unwrap();
    let file = d.path().join("records.jsonl");
    let mut all = lines(100);
    // line 51: one byte that is not UTF-8 inside the text
    let at = all[50].len() / 2;
    all[50].insert(at, 0xff);
    write_lines(&file, &all);
    let ix = d.path().join("index");
    let o = index(&ix, &file);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains(&format!("{}:51: not UTF-8", file.display())),
        "{err}"
    );
    assert_eq!(err.matches("iop: error:").count(), 1, "{err}");
    assert_eq!(count(&ix), 99);
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(stdout.contains("indexed 99 records"), "{stdout}");
}

#[test]
fn records_with_a_javascript_url_or_an_empty_id_are_refused_by_line_and_the_rest_indexed() {
    let d = tempfile::tempdir().unwrap();
    let file = d.path().join("records.jsonl");
    let mut all = lines(6);
    let mut bad: Record = serde_json::from_slice(&all[1]).unwrap();
    bad.source.url = Some("javascript:alert(document.cookie)".into());
    all[1] = serde_json::to_vec(&bad).unwrap();
    let mut empty: Record = serde_json::from_slice(&all[3]).unwrap();
    empty.id = String::new();
    all[3] = serde_json::to_vec(&empty).unwrap();
    all[4] = b"{\"id\": \"truncated\", \"sour".to_vec();
    write_lines(&file, &all);
    let ix = d.path().join("index");
    let o = index(&ix, &file);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    let name = file.display();
    assert!(
        err.contains(&format!(
            "{name}:2: record \"rad-001\" is not indexed: source.url \"javascript:alert(document.cookie)\" is not an http or https URL"
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "{name}:4: record \"\" is not indexed: the id is empty"
        )),
        "{err}"
    );
    assert!(err.contains(&format!("{name}:5: not a record")), "{err}");
    assert_eq!(count(&ix), 3);
}

#[test]
fn simultaneous_first_runs_of_iop_index_on_a_new_directory_hear_locked() {
    let sample = fixture("records/sample.jsonl");
    for round in 0..4 {
        let d = tempfile::tempdir().unwrap();
        let ix = d.path().join("index");
        let runs: Vec<_> = (0..4)
            .map(|_| {
                iop()
                    .args([
                        "index",
                        "--index",
                        ix.to_str().unwrap(),
                        sample.to_str().unwrap(),
                    ])
                    .stdout(Stdio::null())
                    .stderr(Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        for run in runs {
            let o = run.wait_with_output().unwrap();
            let err = stderr(&o);
            assert!(
                !err.contains("not an index directory"),
                "round {round}: {err}"
            );
            if !o.status.success() {
                assert!(
                    err.contains("is locked by another writer"),
                    "round {round}: {err}"
                );
            }
        }
        assert_eq!(count(&ix), 7, "round {round}");
    }
}

#[test]
fn field_star_and_deep_nesting_on_the_command_line_are_usage_errors() {
    let d = tempfile::tempdir().unwrap();
    let ix = d.path().join("index");
    let o = index(&ix, &fixture("records/sample.jsonl"));
    assert!(o.status.success(), "{}", stderr(&o));
    // 1 804 characters: under the length limit, far over the nesting limit
    let deep = format!("{}stöd{}", "(".repeat(900), ")".repeat(900));
    for (query, says) in [
        (
            "title:*",
            "title:* (any value) works only on the fields published and sek",
        ),
        ("url:*", "url:* (any value)"),
        ("id:*", "id:* (any value)"),
        (deep.as_str(), "900 groups"),
    ] {
        let o = iop()
            .args(["search", "--index", ix.to_str().unwrap(), query])
            .output()
            .unwrap();
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(2), "{query}: {err}");
        assert!(err.contains(says), "{query}: {err}");
        assert!(!err.contains("damaged"), "{err}");
    }
}

/// One line of a generated JSON Lines file.
#[derive(Debug, Clone)]
enum Line {
    /// A record and whether the index must take it.
    Record(Box<Record>, bool),
    /// Bytes that are not a record at all.
    Junk(Vec<u8>),
}

/// Text meant to hurt: control characters, NUL, markup, very long words,
/// right-to-left marks, emoji, nothing at all.
fn hostile_text() -> impl proptest::strategy::Strategy<Value = String> {
    use proptest::prelude::*;
    prop_oneof![
        "\\PC{0,80}",
        "[\\x00-\\x1f\\u{202e}\\u{feff}<>\"'&]{0,40}",
        (1usize..70_000).prop_map(|n| "ö".repeat(n / 2)),
        Just(String::new()),
        Just("<script>alert(1)</script> 🤝 kvinnojour".to_string()),
    ]
}

fn hostile_line(base: Vec<Record>) -> impl proptest::strategy::Strategy<Value = Line> {
    use proptest::prelude::*;
    let url = prop_oneof![
        Just(None),
        Just(Some("https://www.umea.se/nyheter/iop".to_string())),
        Just(Some("javascript:alert(1)".to_string())),
        Just(Some("data:text/html,<b>x</b>".to_string())),
        Just(Some(String::new())),
        "\\PC{0,30}".prop_map(Some),
    ];
    let id = prop_oneof![
        4 => "[a-z0-9-]{1,20}",
        1 => Just(String::new()),
        1 => Just(" \t".to_string()),
        1 => "[\\x00-\\x1f]{1,3}",
        1 => Just("x".repeat(600)),
    ];
    let record = (
        0..base.len(),
        id,
        url,
        hostile_text(),
        hostile_text(),
        any::<i64>(),
        (1i32..9999, 1u32..13, 1u32..29),
    )
        .prop_map(move |(b, id, url, title, text, sek, (y, m, d))| {
            let mut r = base[b].clone();
            r.id = id;
            r.source.url = url;
            r.source.title = Some(title.clone());
            r.source.published = iop::record::PartialDate::day(y, m, d);
            r.text = format!("{text} {}", r.text);
            for a in &mut r.agreements {
                a.public_sek_per_year = Some(sek);
                for p in &mut a.partners {
                    p.name = format!("{title}{}", p.name);
                }
            }
            for q in &mut r.quotes {
                q.text = text.clone();
            }
            let good = iop::index::validate(&r).is_ok();
            Line::Record(Box::new(r), good)
        });
    let junk = prop_oneof![
        Just(b"{\"id\": \"cut\", \"sou".to_vec()),
        Just(b"null".to_vec()),
        Just(b"[1, 2]".to_vec()),
        Just(b"{\"id\": \"x\xff\xfe\"}".to_vec()),
        proptest::collection::vec(any::<u8>(), 1..60).prop_map(|mut v| {
            v.retain(|&b| b != b'\n');
            v.push(0xc3); // never valid UTF-8, never blank
            v
        }),
    ]
    .prop_map(Line::Junk);
    prop_oneof![5 => record, 1 => junk]
}

#[test]
fn generated_hostile_records_never_abort_indexing_and_every_good_one_is_indexed() {
    use proptest::prelude::*;
    use proptest::test_runner::{Config, TestRunner};

    let sample = std::fs::read_to_string(fixture("records/sample.jsonl")).unwrap();
    let base: Vec<Record> = sample
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let mut runner = TestRunner::new(Config {
        cases: 24,
        failure_persistence: None,
        ..Config::default()
    });
    let file_strategy = proptest::collection::vec(hostile_line(base), 1..16);
    runner
        .run(&file_strategy, |lines| {
            let d = tempfile::tempdir().unwrap();
            let file = d.path().join("hostile.jsonl");
            let mut bytes = Vec::new();
            let mut good: std::collections::BTreeMap<String, Record> = Default::default();
            let mut bad = 0usize;
            for (i, line) in lines.iter().enumerate() {
                match line {
                    Line::Record(r, ok) => {
                        let mut r = (**r).clone();
                        if *ok {
                            // distinct ids: the last of equal ones would win
                            r.id = format!("{}-{i}", r.id);
                            good.insert(r.id.clone(), r.clone());
                        } else {
                            bad += 1;
                        }
                        bytes.extend(serde_json::to_vec(&r).unwrap());
                    }
                    Line::Junk(j) => {
                        bad += 1;
                        bytes.extend(j);
                    }
                }
                bytes.push(b'\n');
            }
            std::fs::write(&file, &bytes).unwrap();
            let ix = d.path().join("index");
            let (done, _) = iop::cli::index::index_inputs(&ix, std::slice::from_ref(&file))
                .map_err(|e| TestCaseError::fail(format!("indexing stopped: {e:#}")))?;
            prop_assert_eq!(done.records, good.len());
            prop_assert_eq!(done.failed, bad);
            let s = iop::search::Searcher::open(&ix).unwrap();
            prop_assert_eq!(s.num_docs() as usize, good.len());
            for (id, r) in &good {
                let stored = s.record(id).unwrap();
                prop_assert_eq!(stored.as_ref(), Some(r), "{}", id);
            }
            Ok(())
        })
        .unwrap();
}
