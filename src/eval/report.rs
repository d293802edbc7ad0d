//! The scorer's report: per-field tallies and figures, the core macro F1 and
//! the evidence ratios; printed as the reference scorer's table or
//! serialized as its JSON (figures rounded to four decimals there).

use std::fmt::Write as _;

use serde::ser::{SerializeMap, SerializeStruct};
use serde::{Serialize, Serializer};

/// Precision, recall and F1 of one field, with its tallies.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldScore {
    pub name: String,
    pub tp: u64,
    pub fp: u64,
    pub fn_: u64,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

impl FieldScore {
    /// Figures from tallies; an empty side counts as perfect when the other
    /// side has no errors either.
    pub fn new(name: &str, tp: u64, fp: u64, fn_: u64) -> FieldScore {
        let p = if tp + fp > 0 {
            tp as f64 / (tp + fp) as f64
        } else if fn_ == 0 {
            1.0
        } else {
            0.0
        };
        let r = if tp + fn_ > 0 {
            tp as f64 / (tp + fn_) as f64
        } else if fp == 0 {
            1.0
        } else {
            0.0
        };
        let f = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        FieldScore {
            name: name.to_string(),
            tp,
            fp,
            fn_,
            precision: p,
            recall: r,
            f1: f,
        }
    }
}

/// Python's `round(x, 4)`.
pub fn round4(x: f64) -> f64 {
    format!("{x:.4}").parse().unwrap_or(x)
}

/// Python's `repr` of a float or `None`.
fn py_float(x: Option<f64>) -> String {
    match x {
        None => "None".to_string(),
        Some(v) if v.fract() == 0.0 && v.is_finite() => format!("{v:.1}"),
        Some(v) => format!("{v}"),
    }
}

impl Serialize for FieldScore {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("FieldScore", 6)?;
        st.serialize_field("precision", &round4(self.precision))?;
        st.serialize_field("recall", &round4(self.recall))?;
        st.serialize_field("f1", &round4(self.f1))?;
        st.serialize_field("tp", &self.tp)?;
        st.serialize_field("fp", &self.fp)?;
        st.serialize_field("fn", &self.fn_)?;
        st.end()
    }
}

/// Fields in report order, serialized as one JSON object.
struct Fields<'a>(&'a [FieldScore]);

impl Serialize for Fields<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for f in self.0 {
            m.serialize_entry(&f.name, f)?;
        }
        m.end()
    }
}

/// Everything the scorer found.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    /// Gold documents.
    pub documents: usize,
    /// Predictions that belong to a gold document.
    pub predicted_documents: usize,
    pub unparsable_lines: usize,
    /// Fields with at least one tally, in report order.
    pub fields: Vec<FieldScore>,
    pub core_macro_f1: f64,
    /// Share of evidence quotes found verbatim in their document; `None` without evidence.
    pub evidence_verbatim: Option<f64>,
    /// Share of predicted values that carry evidence; `None` without values.
    pub evidence_coverage: Option<f64>,
    /// One line per disagreement, as the reference prints with `--show-errors`.
    pub errors: Vec<String>,
}

impl Report {
    /// The score of one field, when it was tallied.
    pub fn field(&self, name: &str) -> Option<&FieldScore> {
        self.fields.iter().find(|f| f.name == name)
    }

    /// F1 of a field; 1.0 when it was never tallied (nothing to get wrong).
    pub fn f1(&self, name: &str) -> f64 {
        self.field(name).map_or(1.0, |f| f.f1)
    }

    /// The reference scorer's table, errors appended when asked.
    pub fn table(&self, show_errors: bool) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "documents: {} gold, {} predicted, {} unparsable lines",
            self.documents, self.predicted_documents, self.unparsable_lines
        );
        let _ = writeln!(
            out,
            "{:22} {:>6} {:>6} {:>6}   tp  fp  fn",
            "field", "P", "R", "F1"
        );
        for f in &self.fields {
            let _ = writeln!(
                out,
                "{:22} {:6.3} {:6.3} {:6.3} {:4}{:4}{:4}",
                f.name, f.precision, f.recall, f.f1, f.tp, f.fp, f.fn_
            );
        }
        let _ = writeln!(
            out,
            "evidence verbatim: {}   evidence coverage: {}",
            py_float(self.evidence_verbatim.map(round4)),
            py_float(self.evidence_coverage.map(round4))
        );
        let _ = writeln!(out, "core macro F1: {:.3}", self.core_macro_f1);
        if show_errors {
            for e in &self.errors {
                let _ = writeln!(out, "{e}");
            }
        }
        out
    }

    /// The reference scorer's `--json` object (with `errors` when asked),
    /// indented by one space as the reference prints it.
    pub fn to_json(&self, show_errors: bool) -> String {
        let v = ReportJson {
            report: self,
            show_errors,
        };
        let mut buf = Vec::new();
        let fmt = serde_json::ser::PrettyFormatter::with_indent(b" ");
        let mut ser = serde_json::Serializer::with_formatter(&mut buf, fmt);
        // serializing plain numbers and strings cannot fail
        let _ = v.serialize(&mut ser);
        String::from_utf8(buf).unwrap_or_default()
    }
}

impl Serialize for Report {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        ReportJson {
            report: self,
            show_errors: true,
        }
        .serialize(s)
    }
}

struct ReportJson<'a> {
    report: &'a Report,
    show_errors: bool,
}

impl Serialize for ReportJson<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let r = self.report;
        let mut st = s.serialize_struct("Report", 8)?;
        st.serialize_field("documents", &r.documents)?;
        st.serialize_field("predicted_documents", &r.predicted_documents)?;
        st.serialize_field("unparsable_lines", &r.unparsable_lines)?;
        st.serialize_field("fields", &Fields(&r.fields))?;
        st.serialize_field("core_macro_f1", &round4(r.core_macro_f1))?;
        st.serialize_field("evidence_verbatim", &r.evidence_verbatim.map(round4))?;
        st.serialize_field("evidence_coverage", &r.evidence_coverage.map(round4))?;
        if self.show_errors {
            st.serialize_field("errors", &r.errors)?;
        }
        st.end()
    }
}
