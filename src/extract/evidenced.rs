//! A value with the sentences it came from. Every value of an agreement is
//! built as an `Evidenced<T>`, so a derived value (a yearly figure from a
//! total and a length) carries every sentence it was derived from and can
//! never quote one that does not hold it. `assemble` turns them into the
//! record's `evidence` entries, the only place field names become strings.
//! Pure.

use crate::record::Evidence;

/// A value and the verbatim sentences that state it, in the order used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evidenced<T> {
    pub value: T,
    pub quotes: Vec<String>,
}

impl<T> Evidenced<T> {
    /// A value stated by one sentence.
    pub fn new(value: T, quote: &str) -> Self {
        Evidenced {
            value,
            quotes: vec![quote.to_string()],
        }
    }

    /// A value derived from several sentences (each kept once, in order).
    pub fn from_quotes<'a>(value: T, quotes: impl IntoIterator<Item = &'a str>) -> Self {
        let mut v: Vec<String> = Vec::new();
        for q in quotes {
            if !v.iter().any(|x| x == q) {
                v.push(q.to_string());
            }
        }
        Evidenced { value, quotes: v }
    }

    /// The evidence entries of this value under a field name.
    pub fn evidence(&self, field: &str) -> impl Iterator<Item = Evidence> + '_ {
        let field = field.to_string();
        self.quotes.iter().map(move |q| Evidence {
            field: field.clone(),
            quote: q.clone(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn derived_values_keep_each_sentence_once() {
        let e = Evidenced::from_quotes(
            600_000,
            ["A 800 000 kronor.", "B 16 månader.", "A 800 000 kronor."],
        );
        assert_eq!(e.quotes, ["A 800 000 kronor.", "B 16 månader."]);
        let ev: Vec<Evidence> = e.evidence("public_sek_per_year").collect();
        assert_eq!(ev.len(), 2);
        assert_eq!(ev[1].field, "public_sek_per_year");
    }
}
