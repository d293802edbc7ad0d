//! Integration tests: the silent traps a new user fell into, each named after
//! what broke, each run through the `iop` binary as a user runs it.

use std::io::Read;
use std::process::Stdio;

use serde_json::Value;

use crate::support::{fixture, iop, run_iop};

/// The sample records with Malmö's page undated, indexed in a fresh directory.
fn indexed_with_an_undated_page() -> (tempfile::TempDir, String) {
    let d = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(fixture("records/sample.jsonl")).unwrap();
    let lines: Vec<String> = text
        .lines()
        .map(|l| {
            let mut v: Value = serde_json::from_str(l).unwrap();
            if v["id"] == "malmo-2022-rodakorset" {
                v["source"]["published"] = Value::Null;
            }
            v.to_string()
        })
        .collect();
    let jsonl = d.path().join("records.jsonl");
    std::fs::write(&jsonl, lines.join("\n") + "\n").unwrap();
    let ix = d.path().join("index").display().to_string();
    let (code, _, err) = run_iop(&["index", "--index", &ix, jsonl.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    (d, ix)
}

fn json_len(out: &[u8]) -> usize {
    serde_json::from_slice::<Vec<Value>>(out).unwrap().len()
}

#[test]
fn a_date_filter_dropped_undated_pages_silently() {
    let (_d, ix) = indexed_with_an_undated_page();
    let (code, out, err) = run_iop(&[
        "search", "--index", &ix, "--format", "json", "--from", "1900", "",
    ]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(json_len(&out), 6);
    assert!(
        err.contains("1 page without a publication date left out by the date filter"),
        "{err}"
    );
    let (_, out, err) = run_iop(&[
        "search",
        "--index",
        &ix,
        "--format",
        "json",
        "--from",
        "1900",
        "--undated",
        "include",
        "",
    ]);
    assert_eq!(json_len(&out), 7, "{err}");
    assert!(!err.contains("left out"), "{err}");
    // the same for agreements
    let (_, out, err) = run_iop(&[
        "agreements",
        "--index",
        &ix,
        "--format",
        "json",
        "--from",
        "1900",
    ]);
    assert_eq!(json_len(&out), 5);
    assert!(
        err.contains("1 agreement without a publication date left out"),
        "{err}"
    );
    let (_, out, _) = run_iop(&[
        "agreements",
        "--index",
        &ix,
        "--format",
        "json",
        "--from",
        "1900",
        "--undated",
        "include",
    ]);
    assert_eq!(json_len(&out), 6);
}

#[test]
fn a_place_without_marks_was_not_found_and_a_typo_got_no_suggestion() {
    let (_d, ix) = indexed_with_an_undated_page();
    let (code, out, err) = run_iop(&[
        "search",
        "--index",
        &ix,
        "--format",
        "json",
        "--municipality",
        "Goteborg",
        "",
    ]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(json_len(&out), 1);
    let (code, _, err) = run_iop(&["agreements", "--index", &ix, "--municipality", "Stokholm"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("\"Stokholm\": no such kommun or region; did you mean Stockholms stad?"),
        "{err}"
    );
}

#[test]
fn extract_on_a_folder_without_pages_said_nothing_and_exited_0() {
    let d = tempfile::tempdir().unwrap();
    std::fs::write(d.path().join("notes.md"), "no page here").unwrap();
    let (code, out, err) = run_iop(&["extract", d.path().to_str().unwrap()]);
    assert_eq!(code, 1, "{err}");
    assert!(out.is_empty());
    assert!(err.contains("no pages (.html, .htm, .txt) under"), "{err}");
}

#[test]
fn a_failed_index_left_an_empty_index_behind() {
    let d = tempfile::tempdir().unwrap();
    let ix = d.path().join("index");
    let bad = d.path().join("bad.jsonl");
    std::fs::write(&bad, "not json\n{\"also\": \"not a record\"}\n").unwrap();
    let (code, _, err) = run_iop(&[
        "index",
        "--index",
        ix.to_str().unwrap(),
        bad.to_str().unwrap(),
    ]);
    assert_eq!(code, 1, "{err}");
    assert!(!ix.exists(), "an empty index was left behind");
    assert!(err.contains("no index was made"), "{err}");
    // a later search says there is no index, not that it is empty
    let (code, _, err) = run_iop(&["search", "--index", ix.to_str().unwrap(), "avtal"]);
    assert_ne!(code, 0);
    assert!(err.contains("no index"), "{err}");
}

#[test]
fn a_csv_file_was_indexed_as_a_page() {
    let d = tempfile::tempdir().unwrap();
    let csv = d.path().join("register.csv");
    std::fs::write(&csv, "kommun,partner\nLinköping,Kvinnojouren\n").unwrap();
    let ix = d.path().join("index");
    let (code, _, err) = run_iop(&[
        "index",
        "--index",
        ix.to_str().unwrap(),
        csv.to_str().unwrap(),
    ]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("register.csv: not a page"), "{err}");
    assert!(!ix.exists());
    let (code, out, err) = run_iop(&["extract", csv.to_str().unwrap()]);
    assert_eq!(code, 2, "{err}");
    assert!(out.is_empty());
}

#[test]
fn cli_csv_cells_starting_with_a_formula_sign_were_not_guarded() {
    let d = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(fixture("records/sample.jsonl")).unwrap();
    let first = text.lines().next().unwrap();
    let mut v: Value = serde_json::from_str(first).unwrap();
    v["agreements"][0]["partners"][0]["name"] = "=HYPERLINK(\"http://x\")".into();
    let jsonl = d.path().join("r.jsonl");
    std::fs::write(&jsonl, v.to_string() + "\n").unwrap();
    let ix = d.path().join("index").display().to_string();
    assert_eq!(
        run_iop(&["index", "--index", &ix, jsonl.to_str().unwrap()]).0,
        0
    );
    for cmd in ["agreements", "search"] {
        let mut args = vec![cmd, "--index", &ix, "--format", "csv"];
        if cmd == "search" {
            args.push("");
        }
        let (code, out, err) = run_iop(&args);
        assert_eq!(code, 0, "{err}");
        let csv = String::from_utf8(out).unwrap();
        assert!(csv.contains("'=HYPERLINK"), "{cmd}: {csv}");
        assert!(!csv.contains(",=HYPERLINK"), "{cmd}: {csv}");
    }
}

/// Run `iop` with `args` while its reader goes away at once, as `| head -0`
/// does: it must end with status 0, no panic and no error.
fn ends_quietly_on_a_closed_stdout(args: &[&str]) {
    let mut child = iop()
        .args(args)
        .current_dir(crate::support::root())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(0), "{args:?}: {err}");
    assert!(!err.contains("panicked"), "{args:?}: {err}");
    assert!(!err.contains("Broken pipe"), "{args:?}: {err}");
}

#[test]
fn a_closed_stdout_ended_with_an_error_instead_of_quietly() {
    let (_d, ix) = indexed_with_an_undated_page();
    let pages = fixture("pages");
    for args in [
        vec!["extract", pages.to_str().unwrap()],
        vec!["agreements", "--index", &ix, "--format", "json"],
        vec!["search", "--index", &ix, "--format", "json", ""],
        vec!["funding", "--index", &ix, "--format", "csv"],
        vec!["run", "--input", pages.to_str().unwrap(), "--index", &ix],
    ] {
        ends_quietly_on_a_closed_stdout(&args);
    }
}

#[test]
fn eval_panicked_on_a_closed_stdout() {
    for args in [
        vec!["eval", "fixtures/pages/sitevision"],
        vec![
            "eval",
            "--json",
            "--show-errors",
            "fixtures/pages/sitevision",
        ],
    ] {
        ends_quietly_on_a_closed_stdout(&args);
    }
}

#[test]
fn localhost_and_a_port_were_refused_by_addr() {
    use std::io::BufRead;
    let (_d, ix) = indexed_with_an_undated_page();
    let mut child = iop()
        .args(["serve", "--index", &ix, "--addr", "localhost:0"])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    std::io::BufReader::new(child.stderr.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let _ = child.kill();
    let _ = child.wait();
    assert!(line.contains("on http://127.0.0.1:"), "{line}");
    let (code, _, err) = run_iop(&["serve", "--index", &ix, "--addr", "localhost"]);
    assert_eq!(code, 2);
    assert!(err.contains("--addr \"localhost\""), "{err}");
}

#[test]
fn extract_gave_no_summary_and_v_did_not_say_what_each_page_gave() {
    let pages = fixture("pages/municipio");
    let (code, _, err) = run_iop(&["extract", pages.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let last = err.lines().last().unwrap();
    assert!(
        last.starts_with("iop: read 7 pages: 7 records with ") && last.ends_with(", 0 failed"),
        "{err}"
    );
    let (_, _, err) = run_iop(&["-v", "extract", pages.to_str().unwrap()]);
    assert!(
        err.contains("gavle-iop-tva-jourer.html: 2 agreements (Gävle kommun with"),
        "{err}"
    );
    assert!(
        err.contains("halmstad-foreningsbidrag.html: 0 agreements, 0 quotes"),
        "{err}"
    );
}
