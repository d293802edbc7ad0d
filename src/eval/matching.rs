//! The matching rules of the scorer, ported one for one from the reference
//! scorer (`tools/score.py`): text normalisation, name, date and party
//! matching, greedy one-to-one set matching, agreement alignment and token
//! F1. Works on `serde_json::Value` so that gold files and predictions are
//! read exactly as loosely as the reference reads them. Pure; no I/O.

use std::collections::HashMap;

use serde_json::Value;
use unicode_normalization::UnicodeNormalization;

/// Characters the reference turns into spaces before comparing names.
const PUNCT: &[char] = &[
    '"', '\'', '”', '“', '„', '»', '«', '’', '‘', '(', ')', '[', ']', ',', '.', ':', ';', '!', '?',
    '–', '—', '-',
];

/// Python's `str.isspace`: Unicode white space plus the ASCII separators.
pub fn is_py_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// Python's `str(v)` for the JSON values the scorer reads; `None` is "".
pub fn value_str(v: Option<&Value>) -> String {
    match v {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(Value::Bool(b)) => if *b { "True" } else { "False" }.to_string(),
        Some(other) => other.to_string(),
    }
}

/// Collapse runs of white space to one space and trim.
pub fn collapse_spaces(s: &str) -> String {
    s.split(is_py_space)
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Lowercase, NFC, soft hyphens dropped, punctuation to spaces, spaces folded.
pub fn norm(s: &str) -> String {
    let lowered: String = s.nfc().collect::<String>().to_lowercase();
    let cleaned: String = lowered
        .chars()
        .filter(|&c| c != '\u{ad}')
        .map(|c| if PUNCT.contains(&c) { ' ' } else { c })
        .collect();
    collapse_spaces(&cleaned)
}

/// The normalised words of a text.
pub fn tokens(s: &str) -> Vec<String> {
    norm(s)
        .split(' ')
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .collect()
}

/// Token F1 between a gold text `a` and a predicted text `b`.
pub fn token_f1(a: &str, b: &str) -> f64 {
    let (ta, tb) = (tokens(a), tokens(b));
    if ta.is_empty() || tb.is_empty() {
        return 0.0;
    }
    let mut common: HashMap<&str, usize> = HashMap::new();
    for t in &ta {
        *common.entry(t).or_default() += 1;
    }
    let mut hit = 0usize;
    for t in &tb {
        if let Some(n) = common.get_mut(t.as_str())
            && *n > 0
        {
            hit += 1;
            *n -= 1;
        }
    }
    if hit == 0 {
        return 0.0;
    }
    let p = hit as f64 / tb.len() as f64;
    let r = hit as f64 / ta.len() as f64;
    2.0 * p * r / (p + r)
}

/// True when `short` occurs in `long` as whole words.
fn contains_words(long: &str, short: &str) -> bool {
    long == short
        || long.starts_with(&format!("{short} "))
        || long.ends_with(&format!(" {short}"))
        || long.contains(&format!(" {short} "))
}

/// Two names of the same organisation or person: equal after `norm`, word
/// Jaccard ≥ 0.75, or one contained in the other as two or more words or one
/// distinctive word of 8+ letters.
pub fn name_match(a: &str, b: &str) -> bool {
    let (na, nb) = (norm(a), norm(b));
    if na.is_empty() || nb.is_empty() {
        return false;
    }
    if na == nb {
        return true;
    }
    let ta: std::collections::HashSet<&str> = na.split(' ').collect();
    let tb: std::collections::HashSet<&str> = nb.split(' ').collect();
    let inter = ta.intersection(&tb).count();
    let union = ta.union(&tb).count();
    if inter as f64 / union as f64 >= 0.75 {
        return true;
    }
    let (short, long) = if na.chars().count() <= nb.chars().count() {
        (&na, &nb)
    } else {
        (&nb, &na)
    };
    if contains_words(long, short) {
        return short.split(' ').count() >= 2 || short.chars().count() >= 8;
    }
    false
}

/// Gold at its own precision; the prediction must agree on that prefix and
/// be at least as precise. Two absent dates match.
pub fn date_match(gold: Option<&Value>, pred: Option<&Value>) -> bool {
    let g = gold.filter(|v| !v.is_null());
    let p = pred.filter(|v| !v.is_null());
    match (g, p) {
        (None, None) => true,
        (Some(_), None) | (None, Some(_)) => false,
        (Some(g), Some(p)) => {
            let (g, p) = (value_str(Some(g)), value_str(Some(p)));
            p.chars().count() >= g.chars().count() && p.starts_with(&g)
        }
    }
}

/// Python truthiness of a JSON value.
pub fn truthy(v: Option<&Value>) -> bool {
    match v {
        None | Some(Value::Null) => false,
        Some(Value::Bool(b)) => *b,
        Some(Value::Number(n)) => n.as_f64().is_some_and(|x| x != 0.0),
        Some(Value::String(s)) => !s.is_empty(),
        Some(Value::Array(a)) => !a.is_empty(),
        Some(Value::Object(o)) => !o.is_empty(),
    }
}

/// Python `==` between two JSON values (numbers compared by value, an
/// absent key and `null` both being `None`).
pub fn py_eq(a: Option<&Value>, b: Option<&Value>) -> bool {
    let a = a.filter(|v| !v.is_null());
    let b = b.filter(|v| !v.is_null());
    match (a, b) {
        (None, None) => true,
        (Some(Value::Number(x)), Some(Value::Number(y))) => match (x.as_i64(), y.as_i64()) {
            (Some(i), Some(j)) => i == j,
            _ => x.as_f64() == y.as_f64(),
        },
        (Some(x), Some(y)) => x == y,
        _ => false,
    }
}

/// A value that counts as given: not `None`, `[]` or `""`.
pub fn present(v: Option<&Value>) -> bool {
    match v {
        None | Some(Value::Null) => false,
        Some(Value::Array(a)) => !a.is_empty(),
        Some(Value::String(s)) => !s.is_empty(),
        Some(_) => true,
    }
}

/// Public bodies match on their codes when both have one, else on names.
pub fn party_match(g: &Value, p: &Value) -> bool {
    let (gc, pc) = (g.get("code"), p.get("code"));
    if truthy(gc) && truthy(pc) {
        return py_eq(gc, pc);
    }
    name_match(&value_str(g.get("name")), &value_str(p.get("name")))
}

/// The outcome of a greedy one-to-one matching.
#[derive(Debug)]
pub struct Matched<'a, T> {
    pub pairs: Vec<(&'a T, &'a T)>,
    pub unmatched_gold: Vec<&'a T>,
    pub unmatched_pred: Vec<&'a T>,
}

/// Greedy one-to-one matching: each gold item takes the first free
/// prediction it matches.
pub fn set_match<'a, T>(
    golds: &'a [T],
    preds: &'a [T],
    matches: impl Fn(&T, &T) -> bool,
) -> Matched<'a, T> {
    let mut used = vec![false; preds.len()];
    let mut out = Matched {
        pairs: Vec::new(),
        unmatched_gold: Vec::new(),
        unmatched_pred: Vec::new(),
    };
    for g in golds {
        let hit = preds
            .iter()
            .enumerate()
            .position(|(j, p)| !used[j] && matches(g, p));
        match hit {
            Some(j) => {
                used[j] = true;
                out.pairs.push((g, &preds[j]));
            }
            None => out.unmatched_gold.push(g),
        }
    }
    out.unmatched_pred = preds
        .iter()
        .enumerate()
        .filter(|(j, _)| !used[*j])
        .map(|(_, p)| p)
        .collect();
    out
}

/// The partner names of an agreement (Python `x.get("name")` for each).
pub fn partner_names(agreement: &Value) -> Vec<String> {
    list(agreement, "partners")
        .iter()
        .map(|x| value_str(x.get("name")))
        .collect()
}

/// `obj.get(key, [])` as a slice.
pub fn list<'a>(obj: &'a Value, key: &str) -> &'a [Value] {
    obj.get(key)
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or(&[])
}

/// How alike two agreements are: the share of partners that match; 0.1 when
/// neither names a partner.
pub fn agreement_similarity(g: &Value, p: &Value) -> f64 {
    let (gp, pp) = (partner_names(g), partner_names(p));
    if gp.is_empty() || pp.is_empty() {
        return if gp.is_empty() && pp.is_empty() {
            0.1
        } else {
            0.0
        };
    }
    let m = set_match(&gp, &pp, |a, b| name_match(a, b));
    m.pairs.len() as f64 / gp.len().max(pp.len()) as f64
}

/// The tie-break between equally similar pairs: how many other fields agree
/// (the same public body codes, form, and each of start, end, duration and
/// yearly figure that gold gives and the prediction repeats).
pub fn field_agreement(g: &Value, p: &Value) -> usize {
    let codes = |a: &Value| {
        let mut v: Vec<String> = list(a, "public_parties")
            .iter()
            .map(|x| match x.get("code") {
                Some(c) if truthy(Some(c)) => value_str(Some(c)),
                _ => String::new(),
            })
            .collect();
        v.sort();
        v
    };
    let mut n =
        usize::from(codes(g) == codes(p)) + usize::from(py_eq(g.get("form"), p.get("form")));
    for k in ["start", "end", "duration_months", "public_sek_per_year"] {
        n += usize::from(present(g.get(k)) && py_eq(g.get(k), p.get(k)));
    }
    n
}

/// Pair gold and predicted agreements, most similar first, then by how many
/// other fields agree. Returns (pairs as indices, unmatched gold indices,
/// unmatched predicted indices).
pub fn align_agreements(
    golds: &[Value],
    preds: &[Value],
) -> (Vec<(usize, usize)>, Vec<usize>, Vec<usize>) {
    let mut cands: Vec<(f64, usize, usize, usize)> = Vec::new();
    for (i, g) in golds.iter().enumerate() {
        for (j, p) in preds.iter().enumerate() {
            let s = agreement_similarity(g, p);
            if s > 0.0 {
                cands.push((s, field_agreement(g, p), i, j));
            }
        }
    }
    // Python sorts (similarity, fields, -i, -j) in reverse: similarity and
    // fields descending, then the indices ascending.
    cands.sort_by(|a, b| {
        b.0.total_cmp(&a.0)
            .then(b.1.cmp(&a.1))
            .then(a.2.cmp(&b.2))
            .then(a.3.cmp(&b.3))
    });
    let (mut gi, mut pj) = (vec![false; golds.len()], vec![false; preds.len()]);
    let mut pairs = Vec::new();
    for (_, _, i, j) in cands {
        if gi[i] || pj[j] {
            continue;
        }
        gi[i] = true;
        pj[j] = true;
        pairs.push((i, j));
    }
    let ug = (0..golds.len()).filter(|&i| !gi[i]).collect();
    let up = (0..preds.len()).filter(|&j| !pj[j]).collect();
    (pairs, ug, up)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn norm_folds_case_punctuation_and_soft_hyphens() {
        assert_eq!(
            norm("  Brottsoffer\u{ad}jouren i Linköping (BOJ), "),
            "brottsofferjouren i linköping boj"
        );
        assert_eq!(norm("”Stads–mission”"), "stads mission");
    }

    #[test]
    fn names_match_by_jaccard_or_containment() {
        assert!(name_match(
            "Brottsofferjouren Söderslätt",
            "Brottsofferjouren Söderslätt ideell förening"
        ));
        assert!(name_match(
            "Stadsmissionen",
            "Göteborgs Stadsmission Stadsmissionen"
        ));
        assert!(!name_match("Röda", "Röda Korset Lund"));
        assert!(!name_match(
            "Kvinnojouren Söderslätt",
            "Brottsofferjouren Söderslätt"
        ));
        assert!(!name_match("", ""));
    }

    #[test]
    fn dates_match_at_gold_precision() {
        let d = |s: &str| json!(s);
        assert!(date_match(Some(&d("2024-01")), Some(&d("2024-01-01"))));
        assert!(!date_match(Some(&d("2024-01-01")), Some(&d("2024-01"))));
        assert!(date_match(None, Some(&Value::Null)));
        assert!(!date_match(Some(&d("2027")), None));
    }

    #[test]
    fn parties_match_on_codes_when_both_have_one() {
        let a = json!({"name": "Vellinge kommun", "code": "1233"});
        assert!(party_match(
            &a,
            &json!({"name": "Vellinge", "code": "1233"})
        ));
        assert!(!party_match(
            &a,
            &json!({"name": "Vellinge kommun", "code": "1234"})
        ));
        assert!(party_match(
            &a,
            &json!({"name": "Vellinge kommun", "code": null})
        ));
    }

    #[test]
    fn set_match_is_greedy_and_one_to_one() {
        let g = ["a", "a", "b"];
        let p = ["a", "c"];
        let m = set_match(&g, &p, |x, y| x == y);
        assert_eq!(m.pairs.len(), 1);
        assert_eq!(m.unmatched_gold, [&"a", &"b"]);
        assert_eq!(m.unmatched_pred, [&"c"]);
    }

    #[test]
    fn token_f1_counts_repeated_words_once_each() {
        assert!((token_f1("vi är glada", "vi är glada") - 1.0).abs() < 1e-12);
        assert!((token_f1("a a b", "a") - 0.5).abs() < 1e-12);
        assert_eq!(token_f1("", "x"), 0.0);
    }

    #[test]
    fn agreements_align_on_partners_best_first() {
        let g = vec![
            json!({"partners": [{"name": "Kvinnojouren Söderslätt"}]}),
            json!({"partners": [{"name": "Brottsofferjouren Söderslätt"}]}),
        ];
        let p = vec![json!({"partners": [{"name": "Brottsofferjouren Söderslätt"}]})];
        let (pairs, ug, up) = align_agreements(&g, &p);
        assert_eq!(pairs, [(1, 0)]);
        assert_eq!(ug, [0]);
        assert!(up.is_empty());
        assert_eq!(
            agreement_similarity(&json!({}), &json!({"partners": []})),
            0.1
        );
    }

    #[test]
    fn equally_similar_pairs_are_decided_by_the_other_fields() {
        // two gold agreements with one partner: the earlier (2015-2018) and the
        // new (from 2019); each prediction goes to the gold it agrees with
        let g = vec![
            json!({"partners": [{"name": "Röda Korset"}], "form": "iop", "start": "2015", "end": "2018"}),
            json!({"partners": [{"name": "Röda Korset"}], "form": "iop", "start": "2019"}),
        ];
        let p = vec![
            json!({"partners": [{"name": "Röda Korset"}], "form": "iop", "start": "2019"}),
            json!({"partners": [{"name": "Röda Korset"}], "form": "iop", "start": "2015", "end": "2018"}),
        ];
        let (pairs, ug, up) = align_agreements(&g, &p);
        assert_eq!(pairs, [(0, 1), (1, 0)]);
        assert!(ug.is_empty() && up.is_empty());
        assert_eq!(field_agreement(&g[0], &p[1]), 4);
        assert_eq!(field_agreement(&g[0], &p[0]), 2);
    }

    #[test]
    fn python_equality_and_truthiness() {
        assert!(py_eq(Some(&json!(36)), Some(&json!(36.0))));
        assert!(py_eq(None, Some(&Value::Null)));
        assert!(!truthy(Some(&json!(""))));
        assert!(present(Some(&json!(0))));
        assert!(!present(Some(&json!([]))));
    }
}
