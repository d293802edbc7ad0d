//! Dev harness for the money and period extractors: for every gold file in
//! a corpus directory (default `../shared/corpus/dev`) whose agreements are
//! known, run `find_period`, `agreement_amounts` and `public_sek_per_year`
//! over the sentences of each agreement and compare with the gold values.
//! Prints precision / recall per field and every mismatch.
//!
//! `cargo run --example money_period_dev [DIR]`

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use iop::extract::{content, date, decode, money, period, text};
use iop::record::PartialDate;
use serde_json::Value;

#[derive(Default)]
struct Count {
    tp: u32,
    fp: u32,
    fn_: u32,
}

impl Count {
    fn add(&mut self, gold: bool, pred: bool, ok: bool) {
        if !gold && !pred {
            return;
        }
        self.tp += u32::from(ok && pred);
        self.fp += u32::from(pred && !ok);
        self.fn_ += u32::from(gold && !ok);
    }
}

fn date_match(gold: Option<&str>, pred: Option<&str>) -> bool {
    match (gold, pred) {
        (Some(g), Some(p)) => p.len() >= g.len() && p.starts_with(g),
        (g, p) => g == p,
    }
}

fn first_word(name: &str) -> String {
    name.split_whitespace().next().unwrap_or("").to_lowercase()
}

fn main() {
    let dir = std::env::args()
        .nth(1)
        .map_or_else(|| PathBuf::from("../shared/corpus/dev"), PathBuf::from);
    let mut golds: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".gold.json"))
        .collect();
    golds.sort();
    let mut counts: BTreeMap<&str, Count> = BTreeMap::new();
    for g in golds {
        run_doc(&dir, &g, &mut counts);
    }
    println!(
        "\n{:<22} {:>4} {:>4} {:>4} {:>6} {:>6} {:>6}",
        "field", "tp", "fp", "fn", "P", "R", "F1"
    );
    for (f, c) in &counts {
        let p = f64::from(c.tp) / f64::from((c.tp + c.fp).max(1));
        let r = f64::from(c.tp) / f64::from((c.tp + c.fn_).max(1));
        let f1 = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        println!(
            "{f:<22} {:>4} {:>4} {:>4} {p:>6.3} {r:>6.3} {f1:>6.3}",
            c.tp, c.fp, c.fn_
        );
    }
}

fn run_doc(dir: &Path, gold_path: &Path, counts: &mut BTreeMap<&'static str, Count>) {
    let gold: Value =
        serde_json::from_str(&std::fs::read_to_string(gold_path).expect("gold")).expect("json");
    let agreements = gold["agreements"].as_array().cloned().unwrap_or_default();
    if agreements.is_empty() {
        return;
    }
    let file = gold["file"].as_str().expect("file");
    let bytes = std::fs::read(dir.join(file)).expect("page");
    let html = decode::decode(&bytes, None).expect("decode");
    let doc = if file.ends_with(".txt") {
        content::parse_text(&html)
    } else {
        content::parse_html(&html)
    };
    // the title often states the deal ("... ger 300 000 kronor per år i tre år")
    let paragraphs: Vec<String> = doc
        .title
        .iter()
        .cloned()
        .chain(doc.paragraphs.iter().cloned())
        .collect();
    let sentences = text::sentences(&paragraphs);
    let url = gold["source"]["url"].as_str();
    let published: Option<PartialDate> = date::published(&doc, url);
    let all_partners: Vec<String> = agreements
        .iter()
        .flat_map(|a| a["partners"].as_array().cloned().unwrap_or_default())
        .filter_map(|p| p["name"].as_str().map(first_word))
        .collect();
    for (ai, a) in agreements.iter().enumerate() {
        let partners: Vec<String> = a["partners"]
            .as_array()
            .map(|v| {
                v.iter()
                    .filter_map(|p| p["name"].as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default();
        let mut public: Vec<String> = Vec::new();
        for p in a["public_parties"].as_array().cloned().unwrap_or_default() {
            for k in ["name", "unit"] {
                if let Some(n) = p[k].as_str() {
                    public.push(n.to_string());
                }
            }
        }
        let own: Vec<String> = partners.iter().map(|p| first_word(p)).collect();
        let chosen: Vec<&str> = sentences
            .iter()
            .map(|s| s.text.as_str())
            .filter(|s| {
                if agreements.len() == 1 {
                    return true;
                }
                let l = s.to_lowercase();
                own.iter().any(|w| l.contains(w.as_str()))
                    || !all_partners.iter().any(|w| l.contains(w.as_str()))
            })
            .collect();
        if std::env::var("DUMP").is_ok_and(|d| file.starts_with(&d)) {
            println!("== {file}#{ai} published {published:?}");
            for s in &chosen {
                if s.chars().any(|c| c.is_ascii_digit()) || s.contains("år") {
                    println!("  | {s}");
                }
            }
        }
        let per = period::find_period(&chosen, published);
        let found = money::agreement_amounts(&chosen, &public, &partners);
        let amounts: Vec<_> = found.iter().map(|f| f.amount.clone()).collect();
        let yearly = money::public_sek_per_year(&amounts, &per);
        for f in &found {
            assert!(
                chosen.iter().any(|s| s.contains(&f.evidence)),
                "evidence not verbatim"
            );
        }
        let key = format!("{file}#{ai}");
        let check = |counts: &mut BTreeMap<&'static str, Count>,
                     field: &'static str,
                     g: Option<String>,
                     p: Option<String>,
                     ok: bool| {
            counts
                .entry(field)
                .or_default()
                .add(g.is_some(), p.is_some(), ok);
            if !ok {
                println!("{key} {field}: gold {g:?} pred {p:?}");
            }
        };
        let gs = |f: &str| a[f].as_str().map(str::to_string);
        let start = per.start.as_ref().map(|d| d.value.to_string());
        let end = per.end.as_ref().map(|d| d.value.to_string());
        check(
            counts,
            "start",
            gs("start"),
            start.clone(),
            date_match(gs("start").as_deref(), start.as_deref()),
        );
        check(
            counts,
            "end",
            gs("end"),
            end.clone(),
            date_match(gs("end").as_deref(), end.as_deref()),
        );
        for (field, pred) in [
            (
                "duration_months",
                per.duration_months.as_ref().map(|d| i64::from(d.value)),
            ),
            (
                "extension_months",
                per.extension_months.as_ref().map(|d| i64::from(d.value)),
            ),
            ("public_sek_per_year", yearly),
        ] {
            let g = a[field].as_i64();
            check(
                counts,
                field,
                g.map(|v| v.to_string()),
                pred.map(|v| v.to_string()),
                g == pred,
            );
        }
        let gold_amounts = a["amounts"].as_array().cloned().unwrap_or_default();
        let mut used = vec![false; found.len()];
        for ga in &gold_amounts {
            let sek = ga["sek"].as_i64();
            let hit = found
                .iter()
                .enumerate()
                .find(|(i, f)| !used[*i] && Some(f.amount.sek) == sek);
            match hit {
                Some((i, f)) => {
                    used[i] = true;
                    counts.entry("amounts").or_default().add(true, true, true);
                    let gp = ga["per"].as_str().map(str::to_string);
                    let pp = f.amount.per.map(|p| format!("{p:?}").to_lowercase());
                    check(counts, "amount_per", gp.clone(), pp.clone(), gp == pp);
                    let gy = ga["payer"].as_str().map(str::to_string);
                    let py = f.amount.payer.map(|p| format!("{p:?}").to_lowercase());
                    check(counts, "amount_payer", gy.clone(), py.clone(), gy == py);
                }
                None => {
                    counts.entry("amounts").or_default().add(true, false, false);
                    println!("{key} amounts: missed {sek:?} {:?}", ga["text"]);
                }
            }
        }
        for (i, f) in found.iter().enumerate() {
            if !used[i] {
                counts.entry("amounts").or_default().add(false, true, false);
                println!(
                    "{key} amounts: extra {} {:?} in {:?}",
                    f.amount.sek, f.amount.text, f.evidence
                );
            }
        }
    }
}
