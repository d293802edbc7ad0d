//! Precision, recall and F1 per field of extracted records against gold
//! files written by hand (`NAME.gold.json`, annotation.md): the engine
//! behind `iop eval` and the gold tests. A faithful port of the reference
//! scorer `tools/score.py`: the same matching rules (`matching`), the same
//! tallies, the core macro F1, and evidence checked verbatim against the
//! document's text as the reference computes it (`doctext`). Records are read
//! as JSON values, as the reference reads them. Uses `record` only through
//! JSON; the caller supplies the documents' bytes, so scoring does no I/O
//! except `load_gold_dir`.

pub mod doctext;
mod gold;
pub mod matching;
mod report;

use std::collections::HashMap;

use serde_json::Value;

pub use gold::{EvalError, Gold, load_gold_dir};
pub use report::{FieldScore, Report};

use matching::{
    align_agreements, date_match, list, name_match, norm, partner_names, party_match, present,
    py_eq, set_match, token_f1, truthy, value_str,
};

/// Scalar fields of an agreement compared value for value.
const FIELDS_SCALAR: &[&str] = &[
    "form",
    "start",
    "end",
    "duration_months",
    "extension_months",
    "public_sek_per_year",
];

/// Fields whose values need evidence.
const EVIDENCED: &[&str] = &[
    "partners",
    "public_parties",
    "start",
    "end",
    "duration_months",
    "extension_months",
    "amounts",
];

/// The order fields are reported in.
pub const ORDER: &[&str] = &[
    "documents_read",
    "is_agreement",
    "agreements",
    "public_parties",
    "public_party_code",
    "partners",
    "form",
    "start",
    "end",
    "duration_months",
    "extension_months",
    "amounts",
    "amount_per",
    "amount_payer",
    "public_sek_per_year",
    "quote_speakers",
    "quote_role",
    "quote_text",
    "published",
];

/// The fields averaged into the core macro F1.
pub const CORE: &[&str] = &[
    "is_agreement",
    "agreements",
    "public_parties",
    "partners",
    "start",
    "end",
    "amounts",
    "public_sek_per_year",
    "quote_speakers",
    "published",
];

/// `os.path.splitext(name)[0]`: the name without its last extension.
fn stem(name: &str) -> &str {
    match name.rfind('.') {
        Some(i) if name[..i].chars().any(|c| c != '.') => &name[..i],
        _ => name,
    }
}

/// The file name of a prediction's `source.path`.
fn basename(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

/// Python's `json.dumps(v, ensure_ascii=False)`, for error lines.
fn py_json(v: &Value) -> String {
    match v {
        Value::Array(a) => format!("[{}]", a.iter().map(py_json).collect::<Vec<_>>().join(", ")),
        Value::Object(o) => format!(
            "{{{}}}",
            o.iter()
                .map(|(k, v)| format!("{}: {}", Value::String(k.clone()), py_json(v)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        other => other.to_string(),
    }
}

fn strs(v: Vec<String>) -> Value {
    Value::Array(v.into_iter().map(Value::String).collect())
}

fn opt(v: Option<&Value>) -> Value {
    v.cloned().unwrap_or(Value::Null)
}

/// Score predicted records against gold records. `bad_lines` is the number
/// of prediction lines that were not JSON; `document` gives the bytes of a
/// gold-named document (by its `"file"`), `None` when it cannot be read.
pub fn score(
    gold: &[Gold],
    predictions: impl IntoIterator<Item = Value>,
    bad_lines: usize,
    document: impl Fn(&str) -> Option<Vec<u8>>,
) -> Report {
    let by_stem: HashMap<&str, &str> = gold
        .iter()
        .map(|g| (stem(&g.file), g.file.as_str()))
        .collect();
    let mut preds: HashMap<String, Value> = HashMap::new();
    for r in predictions {
        let path = value_str(r.get("source").and_then(|s| s.get("path")));
        let base = basename(&path);
        let key = if gold.iter().any(|g| g.file == base) {
            Some(base.to_string())
        } else {
            by_stem.get(stem(base)).map(|k| k.to_string())
        };
        if let Some(k) = key {
            preds.insert(k, r);
        }
    }
    let mut s = Scorer::default();
    for g in gold {
        s.document(g, preds.get(&g.file), &document);
    }
    s.report(gold.len(), preds.len(), bad_lines)
}

#[derive(Debug, Default, Clone, Copy)]
struct Tally {
    tp: u64,
    fp: u64,
    fn_: u64,
}

#[derive(Default)]
struct Scorer {
    tallies: HashMap<&'static str, Tally>,
    errors: Vec<String>,
    ev_total: u64,
    ev_verbatim: u64,
    ev_fields: u64,
    ev_covered: u64,
}

impl Scorer {
    fn add(&mut self, field: &'static str, tp: u64, fp: u64, fn_: u64) {
        let t = self.tallies.entry(field).or_default();
        t.tp += tp;
        t.fp += fp;
        t.fn_ += fn_;
    }

    fn err(&mut self, doc: &str, what: &str, g: Value, p: Value) {
        self.errors.push(format!(
            "{doc}: {what}: gold={} pred={}",
            py_json(&g),
            py_json(&p)
        ));
    }

    fn document(
        &mut self,
        g: &Gold,
        pred: Option<&Value>,
        document: &impl Fn(&str) -> Option<Vec<u8>>,
    ) {
        let key = g.file.as_str();
        let empty_pred = serde_json::json!({"agreements": [], "quotes": [], "source": {}});
        let missing = pred.is_none();
        let p = pred.unwrap_or(&empty_pred);
        let gr = &g.record;
        self.add("documents_read", u64::from(!missing), 0, u64::from(missing));
        let ga = list(gr, "agreements");
        let pa = list(p, "agreements");
        let (gpos, ppos) = (!ga.is_empty(), !pa.is_empty());
        self.add(
            "is_agreement",
            u64::from(gpos && ppos),
            u64::from(ppos && !gpos),
            u64::from(gpos && !ppos),
        );
        if gpos != ppos {
            self.err(key, "is_agreement", Value::Bool(gpos), Value::Bool(ppos));
        }

        let gd = gr.get("source").and_then(|s| s.get("published"));
        let pd = p.get("source").and_then(|s| s.get("published"));
        if present(gd) || present(pd) {
            let ok = date_match(gd, pd);
            self.add(
                "published",
                u64::from(ok && present(pd)),
                u64::from(present(pd) && !ok),
                u64::from(present(gd) && !ok),
            );
            if !ok {
                self.err(key, "published", opt(gd), opt(pd));
            }
        }

        let (pairs, ug, up) = align_agreements(ga, pa);
        self.add(
            "agreements",
            pairs.len() as u64,
            up.len() as u64,
            ug.len() as u64,
        );
        for &i in &ug {
            self.err(
                key,
                "missed agreement",
                strs(partner_names(&ga[i])),
                Value::Null,
            );
        }
        for &j in &up {
            self.err(
                key,
                "spurious agreement",
                Value::Null,
                strs(partner_names(&pa[j])),
            );
        }
        let empty = serde_json::json!({"partners": [], "public_parties": [], "amounts": []});
        let mut compared: Vec<(&Value, &Value, bool)> =
            pairs.iter().map(|&(i, j)| (&ga[i], &pa[j], true)).collect();
        compared.extend(ug.iter().map(|&i| (&ga[i], &empty, false)));
        compared.extend(up.iter().map(|&j| (&empty, &pa[j], false)));
        for (gx, px, both) in compared {
            self.agreement(key, gx, px, both, !std::ptr::eq(px, &empty));
        }

        self.quotes(key, gr, p);

        if !missing {
            let mut text: Option<String> = None;
            for x in pa {
                for e in list(x, "evidence") {
                    let t = text.get_or_insert_with(|| {
                        document(key)
                            .map(|raw| doctext::doc_text(key, &raw))
                            .unwrap_or_default()
                    });
                    self.ev_total += 1;
                    let q = doctext::fold(&doctext::unescape(&value_str(e.get("quote"))));
                    if !q.is_empty() && t.contains(&q) {
                        self.ev_verbatim += 1;
                    } else {
                        let quote = opt(e.get("quote"));
                        self.err(key, "evidence not verbatim", Value::Null, quote);
                    }
                }
            }
        }
    }

    /// One pair of agreements (or one side against nothing).
    fn agreement(&mut self, key: &str, gx: &Value, px: &Value, both: bool, pred_real: bool) {
        let m = set_match(&partner_names(gx), &partner_names(px), |a, b| {
            name_match(a, b)
        })
        .map_counts();
        self.add("partners", m.0, m.2, m.1);
        if both && (m.1 > 0 || m.2 > 0) {
            let (ug, up) = unmatched_names(gx, px);
            self.err(key, "partners", strs(ug), strs(up));
        }
        let (gpp, ppp) = (list(gx, "public_parties"), list(px, "public_parties"));
        let qm = set_match(gpp, ppp, party_match);
        self.add(
            "public_parties",
            qm.pairs.len() as u64,
            qm.unmatched_pred.len() as u64,
            qm.unmatched_gold.len() as u64,
        );
        if both && (!qm.unmatched_gold.is_empty() || !qm.unmatched_pred.is_empty()) {
            let names = |v: &[&Value]| Value::Array(v.iter().map(|q| opt(q.get("name"))).collect());
            let (a, b) = (names(&qm.unmatched_gold), names(&qm.unmatched_pred));
            self.err(key, "public_parties", a, b);
        }
        let coded: Vec<_> = qm
            .pairs
            .iter()
            .filter(|(a, _)| truthy(a.get("code")))
            .collect();
        let same = coded
            .iter()
            .filter(|(a, b)| py_eq(a.get("code"), b.get("code")))
            .count() as u64;
        self.add("public_party_code", same, 0, coded.len() as u64 - same);

        for &f in FIELDS_SCALAR {
            let (gv, pv) = (gx.get(f), px.get(f));
            if !present(gv) && !present(pv) {
                continue;
            }
            let ok = if f == "start" || f == "end" {
                date_match(gv, pv)
            } else {
                py_eq(gv, pv)
            };
            self.add(
                f,
                u64::from(ok && present(pv)),
                u64::from(present(pv) && !ok),
                u64::from(present(gv) && !ok),
            );
            if !ok && both {
                self.err(key, f, opt(gv), opt(pv));
            }
        }

        let am = set_match(list(gx, "amounts"), list(px, "amounts"), |a, b| {
            py_eq(a.get("sek"), b.get("sek"))
        });
        self.add(
            "amounts",
            am.pairs.len() as u64,
            am.unmatched_pred.len() as u64,
            am.unmatched_gold.len() as u64,
        );
        if both && (!am.unmatched_gold.is_empty() || !am.unmatched_pred.is_empty()) {
            let sek = |v: &[&Value]| Value::Array(v.iter().map(|q| opt(q.get("sek"))).collect());
            let (a, b) = (sek(&am.unmatched_gold), sek(&am.unmatched_pred));
            self.err(key, "amounts", a, b);
        }
        for (a, b) in &am.pairs {
            for (sub, field) in [("per", "amount_per"), ("payer", "amount_payer")] {
                let (av, bv) = (
                    a.get(sub).filter(|v| !v.is_null()),
                    b.get(sub).filter(|v| !v.is_null()),
                );
                if av.is_none() && bv.is_none() {
                    continue;
                }
                let ok = py_eq(av, bv);
                self.add(
                    field,
                    u64::from(ok),
                    u64::from(!ok && bv.is_some()),
                    u64::from(!ok && av.is_some()),
                );
                if !ok {
                    let what = format!("amount.{sub} ({})", py_json(&opt(a.get("sek"))));
                    self.err(key, &what, opt(av), opt(bv));
                }
            }
        }

        if pred_real {
            let covered: Vec<String> = list(px, "evidence")
                .iter()
                .map(|e| {
                    let f = match e.get("field") {
                        None => String::new(),
                        v => value_str(v),
                    };
                    let f = f.split('[').next().unwrap_or_default();
                    f.split('.').next().unwrap_or_default().to_string()
                })
                .collect();
            for &f in EVIDENCED {
                if present(px.get(f)) {
                    self.ev_fields += 1;
                    self.ev_covered += u64::from(covered.iter().any(|c| c == f));
                }
            }
        }
    }

    fn quotes(&mut self, key: &str, gr: &Value, p: &Value) {
        let (gq, pq) = (list(gr, "quotes"), list(p, "quotes"));
        let qm = set_match(gq, pq, |a, b| {
            let (sa, sb) = (value_str(a.get("speaker")), value_str(b.get("speaker")));
            if name_match(&sa, &sb) {
                return true;
            }
            let (na, nb) = (norm(&sa), norm(&sb));
            let (la, lb) = (na.rsplit(' ').next(), nb.rsplit(' ').next());
            la == lb && lb != Some("")
        });
        self.add(
            "quote_speakers",
            qm.pairs.len() as u64,
            qm.unmatched_pred.len() as u64,
            qm.unmatched_gold.len() as u64,
        );
        if !qm.unmatched_gold.is_empty() || !qm.unmatched_pred.is_empty() {
            let sp = |v: &[&Value]| Value::Array(v.iter().map(|q| opt(q.get("speaker"))).collect());
            let (a, b) = (sp(&qm.unmatched_gold), sp(&qm.unmatched_pred));
            self.err(key, "quote speakers", a, b);
        }
        for (a, b) in &qm.pairs {
            let ok = token_f1(&value_str(a.get("text")), &value_str(b.get("text"))) >= 0.6;
            self.add("quote_text", u64::from(ok), u64::from(!ok), u64::from(!ok));
            let (ar, br) = (a.get("role"), b.get("role"));
            if present(ar) || present(br) {
                let okr = token_f1(&value_str(ar), &value_str(br)) >= 0.6;
                self.add(
                    "quote_role",
                    u64::from(okr && present(br)),
                    u64::from(present(br) && !okr),
                    u64::from(present(ar) && !okr),
                );
                if !okr {
                    self.err(key, "quote role", opt(ar), opt(br));
                }
            }
        }
    }

    fn report(self, documents: usize, predicted: usize, bad_lines: usize) -> Report {
        let fields: Vec<FieldScore> = ORDER
            .iter()
            .filter_map(|&k| {
                let t = self.tallies.get(k).copied().unwrap_or_default();
                (t.tp + t.fp + t.fn_ > 0).then(|| FieldScore::new(k, t.tp, t.fp, t.fn_))
            })
            .collect();
        let core: Vec<f64> = fields
            .iter()
            .filter(|f| CORE.contains(&f.name.as_str()))
            .map(|f| f.f1)
            .collect();
        let core_macro_f1 = if core.is_empty() {
            0.0
        } else {
            core.iter().sum::<f64>() / core.len() as f64
        };
        let ratio = |a: u64, b: u64| (b > 0).then(|| a as f64 / b as f64);
        Report {
            documents,
            predicted_documents: predicted,
            unparsable_lines: bad_lines,
            fields,
            core_macro_f1,
            evidence_verbatim: ratio(self.ev_verbatim, self.ev_total),
            evidence_coverage: ratio(self.ev_covered, self.ev_fields),
            errors: self.errors,
        }
    }
}

/// The partner names left unmatched on each side.
fn unmatched_names(gx: &Value, px: &Value) -> (Vec<String>, Vec<String>) {
    let (g, p) = (partner_names(gx), partner_names(px));
    let m = set_match(&g, &p, |a, b| name_match(a, b));
    (
        m.unmatched_gold.into_iter().cloned().collect(),
        m.unmatched_pred.into_iter().cloned().collect(),
    )
}

impl<T> matching::Matched<'_, T> {
    /// (pairs, unmatched gold, unmatched predictions) as counts.
    fn map_counts(&self) -> (u64, u64, u64) {
        (
            self.pairs.len() as u64,
            self.unmatched_gold.len() as u64,
            self.unmatched_pred.len() as u64,
        )
    }
}

#[cfg(test)]
mod tests;
