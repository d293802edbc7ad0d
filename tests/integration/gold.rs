//! Integration tests: gold. The fixtures (and, when `../shared` is there, the
//! two seeds and the dev corpus) extracted and scored against their
//! hand-written gold records; the hostile fixtures refused by name while the
//! rest are still read; the same input always gives the same bytes.

use std::path::Path;

use crate::support::{self, evaluate, fixture, run_iop};

/// Every fixture page with a gold file, at least this many.
const MIN_FIXTURES: usize = 30;

fn assert_read_and_verbatim(what: &str, r: &iop::eval::Report) {
    assert_eq!(
        r.f1("documents_read"),
        1.0,
        "{what}: every document read\n{}",
        r.table(true)
    );
    assert_eq!(
        r.evidence_verbatim.unwrap_or(1.0),
        1.0,
        "{what}: evidence must be verbatim\n{}",
        r.table(true)
    );
}

#[test]
fn every_fixture_is_read_and_its_evidence_is_verbatim() {
    let r = evaluate(&fixture(""));
    assert!(
        r.documents >= MIN_FIXTURES,
        "only {} fixtures with gold",
        r.documents
    );
    assert_eq!(r.predicted_documents, r.documents);
    assert_read_and_verbatim("fixtures", &r);
}

#[test]
fn every_readable_fixture_has_a_well_formed_gold_record() {
    let mut pages = 0;
    for e in walkdir::WalkDir::new(fixture("")).sort_by_file_name() {
        let e = e.unwrap();
        let p = e.path();
        let name = p.file_name().unwrap().to_str().unwrap();
        if !(name.ends_with(".html") || name.ends_with(".txt")) {
            continue;
        }
        // the crawler's test websites are served, not scored
        if p.starts_with(fixture("sites")) {
            continue;
        }
        let stem = name.rsplit_once('.').unwrap().0;
        let gold = p.with_file_name(format!("{stem}.gold.json"));
        let hostile_refused = ["empty.html", "blank.txt", "binary.html"].contains(&name);
        assert_eq!(
            gold.exists(),
            !hostile_refused,
            "{}: gold file",
            p.display()
        );
        if hostile_refused {
            continue;
        }
        pages += 1;
        let g: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&gold).unwrap()).unwrap();
        assert_eq!(g["file"], name, "{}", gold.display());
        for key in ["url", "title", "published", "publisher"] {
            assert!(
                g["source"].get(key).is_some(),
                "{}: source.{key}",
                gold.display()
            );
        }
        let _: Option<iop::record::PartialDate> =
            serde_json::from_value(g["source"]["published"].clone())
                .unwrap_or_else(|e| panic!("{}: published: {e}", gold.display()));
        for a in g["agreements"].as_array().unwrap() {
            for key in [
                "form",
                "public_parties",
                "partners",
                "start",
                "end",
                "amounts",
            ] {
                assert!(a.get(key).is_some(), "{}: agreement.{key}", gold.display());
            }
            for d in ["start", "end"] {
                let _: Option<iop::record::PartialDate> = serde_json::from_value(a[d].clone())
                    .unwrap_or_else(|e| panic!("{}: {d}: {e}", gold.display()));
            }
        }
        for q in g["quotes"].as_array().unwrap() {
            assert!(
                q["speaker"].is_string() && q["text"].is_string(),
                "{}",
                gold.display()
            );
        }
    }
    assert!(pages >= MIN_FIXTURES, "only {pages} readable fixtures");
}

/// Regression guard: measured 0.919 (43 gold pages) when this was written,
/// 0.977 (65 pages) when raised.
#[test]
fn fixtures_keep_a_core_macro_f1_of_at_least_0_95() {
    let r = evaluate(&fixture(""));
    assert!(
        r.core_macro_f1 >= 0.95,
        "core macro F1 {:.3}\n{}",
        r.core_macro_f1,
        r.table(true)
    );
}

#[test]
fn seeds_and_dev_documents_are_all_read_with_verbatim_evidence() {
    let Some(shared) = support::shared() else {
        return;
    };
    assert_read_and_verbatim("seeds", &evaluate(&shared.join("seeds")));
    assert_read_and_verbatim("dev", &evaluate(&shared.join("corpus/dev")));
}

#[test]
fn seeds_come_out_exactly_as_their_gold_records() {
    let Some(shared) = support::shared() else {
        return;
    };
    let r = evaluate(&shared.join("seeds"));
    for f in &r.fields {
        assert_eq!(f.f1, 1.0, "seeds: {}\n{}", f.name, r.table(true));
    }
    assert_eq!(r.evidence_verbatim, Some(1.0), "{}", r.table(true));
}

/// The dev corpus (138 pages) at its measured level, raised with every step
/// of the extractor: core macro F1 0.719 and is_agreement F1 0.862 when the
/// corpus grew from 74 pages; 0.832 and 0.938 with the open-class
/// recogniser, document scope and agreement events; 0.847 and 0.954 with
/// dates in other words, last-resort names and sums nobody pays left out;
/// 0.865 and 0.954 with sums read only in paragraphs about the agreement,
/// news-site datelines, headline quotes and page-chrome labels cut; 0.878
/// and 0.954 with declared short names, sums for the years named beside
/// them and offices split from organisations; 0.881 and 0.964 with
/// sentences about agreements in general taking no neighbour's name; 0.883
/// and 0.964 with an agreement continued after a year ending then; 0.885
/// and 0.964 with a year that ends the agreement no signing year.
#[test]
fn dev_corpus_holds_its_measured_level() {
    let Some(shared) = support::shared() else {
        return;
    };
    let r = evaluate(&shared.join("corpus/dev"));
    let table = r.table(true);
    assert!(
        r.core_macro_f1 >= 0.885,
        "core macro F1 {:.3}\n{table}",
        r.core_macro_f1
    );
    assert!(r.f1("is_agreement") >= 0.96, "is_agreement F1\n{table}");
    assert_eq!(r.evidence_verbatim, Some(1.0), "{table}");
    assert_eq!(r.f1("documents_read"), 1.0, "{table}");
}

fn lines(stdout: &[u8]) -> Vec<serde_json::Value> {
    String::from_utf8(stdout.to_vec())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn path_of(v: &serde_json::Value) -> String {
    v["source"]["path"].as_str().unwrap().to_string()
}

#[test]
fn hostile_files_are_named_with_their_reason_and_the_rest_still_read() {
    let (code, stdout, stderr) = run_iop(&["extract", "fixtures/hostile"]);
    assert_eq!(code, 1, "{stderr}");
    for (file, reason) in [
        ("empty.html", "empty"),
        ("blank.txt", "empty"),
        ("binary.html", "binary"),
    ] {
        let line = stderr
            .lines()
            .find(|l| l.contains(file))
            .unwrap_or_else(|| panic!("{file} not named on stderr:\n{stderr}"));
        assert!(line.contains(reason), "{file}: {line}");
    }
    let paths: Vec<String> = lines(&stdout).iter().map(path_of).collect();
    assert_eq!(paths.len(), 3, "{paths:?}");
    for good in ["malformed.html", "nested.html", "truncated.html"] {
        assert!(
            paths.iter().any(|p| p.ends_with(good)),
            "{good} missing from {paths:?}"
        );
    }
}

#[test]
fn deep_nesting_and_truncation_keep_the_article() {
    let (code, stdout, stderr) = run_iop(&[
        "extract",
        "fixtures/hostile/nested.html",
        "fixtures/hostile/truncated.html",
    ]);
    assert_eq!(code, 0, "{stderr}");
    let recs = lines(&stdout);
    assert!(
        recs[0]["text"]
            .as_str()
            .unwrap()
            .contains("Tranås Stadsmission")
    );
    assert!(
        recs[1]["text"]
            .as_str()
            .unwrap()
            .contains("500 000 kronor per år")
    );
}

#[test]
fn a_missing_path_is_named_and_gives_exit_status_2() {
    let (code, stdout, stderr) = run_iop(&[
        "extract",
        "fixtures/hostile/truncated.html",
        "fixtures/no-such-page.html",
    ]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("fixtures/no-such-page.html"), "{stderr}");
    assert_eq!(lines(&stdout).len(), 1, "the good file is still extracted");
}

#[test]
fn the_same_input_gives_byte_identical_output() {
    let (c1, a, _) = run_iop(&["extract", "fixtures"]);
    let (c2, b, _) = run_iop(&["extract", "fixtures"]);
    assert_eq!((c1, c2), (1, 1), "the hostile fixtures fail");
    assert!(!a.is_empty());
    assert!(a == b, "two runs over fixtures/ differ");
}

#[test]
fn iop_eval_prints_the_scorers_table_and_json() {
    let (code, stdout, stderr) = run_iop(&["eval", "fixtures/pages/sitevision"]);
    assert_eq!(code, 0, "{stderr}");
    let out = String::from_utf8(stdout).unwrap();
    // one row per gold file of the folder
    let n = std::fs::read_dir(support::root().join("fixtures/pages/sitevision"))
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .ends_with(".gold.json")
        })
        .count();
    assert!(n >= 6);
    assert!(
        out.starts_with(&format!(
            "documents: {n} gold, {n} predicted, 0 unparsable lines\n"
        )),
        "{out}"
    );
    assert!(
        out.contains(&format!(
            "\ndocuments_read          1.000  1.000  1.000  {n:>3}   0   0\n"
        )),
        "{out}"
    );
    assert!(out.contains("\ncore macro F1: "), "{out}");
    let (code, stdout, _) = run_iop(&["eval", "--json", "fixtures/encoding"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_slice(&stdout).unwrap();
    assert_eq!(v["documents"], 5);
    assert_eq!(v["fields"]["documents_read"]["tp"], 5);
}

#[test]
fn iop_eval_names_a_missing_gold_directory() {
    let (code, _, stderr) = run_iop(&["eval", "fixtures/no-such-dir"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("no-such-dir"), "{stderr}");
}

#[test]
fn iop_eval_names_a_gold_file_whose_document_is_missing() {
    let d = tempfile::tempdir().unwrap();
    let g = Path::new("fixtures/text/nacka-iop-mentorer.gold.json");
    std::fs::copy(
        support::root().join(g),
        d.path().join("nacka-iop-mentorer.gold.json"),
    )
    .unwrap();
    let (code, stdout, stderr) = run_iop(&["eval", d.path().to_str().unwrap()]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("nacka-iop-mentorer.txt"), "{stderr}");
    assert!(
        String::from_utf8(stdout)
            .unwrap()
            .contains("documents: 1 gold, 0 predicted")
    );
}

/// Gold records turned into predictions with evidence (one quote that is in
/// the page, one that is not) and a few values changed, so every tally of
/// the scorer has something to count.
fn predictions_from_gold(dir: &Path) -> String {
    let mut out = String::new();
    for g in iop::eval::load_gold_dir(dir).unwrap() {
        let mut p = g.record.clone();
        p["source"]["path"] = serde_json::json!(g.file);
        if let Some(ags) = p["agreements"].as_array_mut() {
            for (i, a) in ags.iter_mut().enumerate() {
                let partner = a["partners"][0]["name"]
                    .as_str()
                    .unwrap_or("kommun")
                    .to_string();
                a["evidence"] = serde_json::json!([
                    {"field": "partners", "quote": partner},
                    {"field": "amounts[0]", "quote": "en mening som inte står på sidan"}
                ]);
                if i == 0 {
                    a["start"] = serde_json::json!("2019");
                    a["public_sek_per_year"] = serde_json::Value::Null;
                }
            }
        }
        if let Some(qs) = p["quotes"].as_array_mut()
            && let Some(q) = qs.first_mut()
        {
            q["role"] = serde_json::json!("ordförande");
        }
        out.push_str(&serde_json::to_string(&p).unwrap());
        out.push('\n');
    }
    out
}

#[test]
fn iop_eval_prints_the_same_figures_as_the_reference_scorer() {
    let Some(shared) = support::shared() else {
        return;
    };
    let python = std::process::Command::new("python3")
        .arg("--version")
        .output();
    if !python.is_ok_and(|o| o.status.success()) {
        eprintln!("skipping: python3 is absent");
        return;
    }
    let score_py = shared.join("tools/score.py");
    let tmp = tempfile::tempdir().unwrap();
    for dir in [
        "fixtures/pages/sitevision",
        "fixtures/encoding",
        "fixtures/text",
        "fixtures/pages/newspaper",
    ] {
        let preds = tmp.path().join("p.jsonl");
        std::fs::write(&preds, predictions_from_gold(&support::root().join(dir))).unwrap();
        for json in [false, true] {
            let mut args = vec![
                dir.to_string(),
                preds.display().to_string(),
                "--show-errors".into(),
            ];
            if json {
                args.push("--json".into());
            }
            let py = std::process::Command::new("python3")
                .arg(&score_py)
                .args(&args)
                .current_dir(support::root())
                .output()
                .unwrap();
            assert!(
                py.status.success(),
                "{}",
                String::from_utf8_lossy(&py.stderr)
            );
            let mut ours = vec!["eval", dir, "--show-errors", "--predictions"];
            let p = preds.display().to_string();
            ours.push(&p);
            if json {
                ours.push("--json");
            }
            let (code, stdout, stderr) = run_iop(&ours);
            assert_eq!(code, 0, "{stderr}");
            assert_eq!(
                String::from_utf8_lossy(&stdout),
                String::from_utf8_lossy(&py.stdout),
                "{dir} (json: {json})"
            );
        }
    }
}

/// The agreements of one fixture page as (partners, form, start, end,
/// duration, extension, yearly figure): from `iop extract` and from its gold.
fn agreement_rows(page: &str) -> (Vec<String>, Vec<String>) {
    fn rows(v: &serde_json::Value) -> Vec<String> {
        let mut out: Vec<String> = v["agreements"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| {
                let partners: Vec<&str> = a["partners"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|p| p["name"].as_str().unwrap())
                    .collect();
                format!(
                    "{} | {} | {} | {} | {} | {} | {}",
                    partners.join(", "),
                    a["form"],
                    a["start"],
                    a["end"],
                    a["duration_months"],
                    a["extension_months"],
                    a["public_sek_per_year"]
                )
            })
            .collect();
        out.sort();
        out
    }
    let (code, stdout, stderr) = run_iop(&["extract", page]);
    assert_eq!(code, 0, "{stderr}");
    let got: serde_json::Value = serde_json::from_slice(&stdout).unwrap();
    let gold_path = support::root().join(page.replace(".html", ".gold.json"));
    let gold: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(gold_path).unwrap()).unwrap();
    (rows(&got), rows(&gold))
}

#[test]
fn dates_said_in_other_words_are_read() {
    let (got, gold) = agreement_rows("fixtures/pages/categories/mora-avtalstider-i-korthet.html");
    assert_eq!(got, gold);
}

#[test]
fn list_items_take_the_period_and_form_their_lead_states() {
    let (got, gold) = agreement_rows("fixtures/pages/categories/vaxjo-lista-under-ingress.html");
    assert_eq!(got, gold);
}
