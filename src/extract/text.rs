//! Text helpers shared by the extraction steps: whitespace folding and
//! sentence splitting that knows Swedish abbreviations. Pure functions.

use std::borrow::Cow;
use std::sync::LazyLock;

use crate::extract::pattern::Pattern;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

/// NFC, soft hyphens removed, every run of whitespace (no-break and thin
/// spaces included) made one space, trimmed. Evidence is verbatim in this form.
pub fn fold(s: &str) -> String {
    // text already in NFC (nearly all of it) skips the recomposition
    if is_nfc_quick(s.chars()) == IsNormalized::Yes {
        fold_chars(s.chars(), s.len())
    } else {
        fold_chars(s.nfc(), s.len())
    }
}

fn fold_chars(chars: impl Iterator<Item = char>, len: usize) -> String {
    let mut out = String::with_capacity(len);
    let mut space = false;
    for c in chars {
        if c == '\u{ad}' || c == '\u{200b}' || c == '\u{feff}' {
            continue;
        }
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        out.push(c);
    }
    out
}

/// The text in lower case, as `str::to_lowercase` gives it, borrowed when
/// that changes nothing (most words and sentences start in lower case, and
/// lexicon tests run on every word).
pub fn lower(s: &str) -> Cow<'_, str> {
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii() {
            if b.is_ascii_uppercase() {
                return Cow::Owned(s.to_lowercase());
            }
            i += 1;
            continue;
        }
        let c = s[i..].chars().next().expect("a character starts here");
        let mut l = c.to_lowercase();
        if !(l.next() == Some(c) && l.next().is_none()) {
            return Cow::Owned(s.to_lowercase());
        }
        i += c.len_utf8();
    }
    Cow::Borrowed(s)
}

/// One sentence of a paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    /// Index of the paragraph in the document.
    pub para: usize,
    /// Byte offset of the sentence in its paragraph.
    pub start: usize,
    pub text: String,
}

/// Abbreviations after which a full stop does not end a sentence.
static ABBREV: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(r"(?i)(?:^|[\s(])(?:bl\.a|t\.ex|m\.m|t\.o\.m|t\.om|to\.m|fr\.o\.m|fr\.om|f\.o\.m|i\.o\.m|o\.s\.v|d\.v\.s|p\.g\.a|m\.fl|s\.k|f\.d|t\.v|ca|kl|nr|resp|inkl|exkl|dvs|jfr|tel|st|mfl|milj|mnkr|tkr|kr|mkr|mdkr|ang|enl|ev|fr|tom|fom|osv|prof|dr|leg|doc|vd)\.$")
        .expect("valid regex")
});

/// Units of money written with a full stop: "kr.", "tkr.", "mkr.".
static MONEY_UNIT: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(r"(?i)\d[\d\s\u{a0},]*\s?(?:kr|tkr|mkr|mnkr|mdkr|milj)\.$").expect("valid regex")
});

/// Split paragraphs into sentences at `.`, `!`, `?` followed by a space and
/// a capital letter, digit, dash or quotation mark.
pub fn sentences(paragraphs: &[String]) -> Vec<Sentence> {
    let mut out = Vec::new();
    for (pi, p) in paragraphs.iter().enumerate() {
        let mut start = 0;
        let chars: Vec<(usize, char)> = p.char_indices().collect();
        for (k, &(i, c)) in chars.iter().enumerate() {
            if !matches!(c, '.' | '!' | '?') {
                continue;
            }
            let Some(&(_, next)) = chars.get(k + 1) else {
                continue;
            };
            if next != ' ' {
                continue;
            }
            let Some(&(j, after)) = chars.get(k + 2) else {
                continue;
            };
            if !(after.is_uppercase()
                || after.is_ascii_digit()
                || matches!(after, '–' | '-' | '”' | '"' | '»' | '“'))
            {
                continue;
            }
            let upto = &p[start..i + c.len_utf8()];
            // a unit of money ends its sentence before a capital: "Föreningen
            // får 300 tkr. Avtalet gäller ..." (before a digit it is the
            // abbreviation inside one)
            if c == '.'
                && ABBREV.is_match(upto)
                && !(after.is_uppercase() && MONEY_UNIT.is_match(upto))
            {
                continue;
            }
            out.push(Sentence {
                para: pi,
                start,
                text: p[start..i + c.len_utf8()].to_string(),
            });
            start = j;
        }
        if start < p.len() {
            out.push(Sentence {
                para: pi,
                start,
                text: p[start..].to_string(),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lower_borrows_what_is_already_lower_case() {
        assert!(matches!(lower("föreningen i åre – 2024"), Cow::Borrowed(_)));
        assert_eq!(lower("Föreningen i Åre"), "föreningen i åre");
        assert_eq!(lower("ÖREBRO"), "örebro");
        assert!(matches!(lower("ÖREBRO"), Cow::Owned(_)));
        assert_eq!(lower(""), "");
    }

    #[test]
    fn fold_makes_every_space_one() {
        assert_eq!(
            fold("  1\u{a0}194\u{2009}500  kronor\n per år "),
            "1 194 500 kronor per år"
        );
        assert_eq!(fold("sam\u{ad}verkan"), "samverkan");
        assert_eq!(fold("e\u{301}"), "é");
    }

    #[test]
    fn a_sum_in_kronor_abbreviated_ends_its_sentence_before_a_capital() {
        let p = vec![
            "Föreningen får 300 tkr. Avtalet gäller 2024–2026. Bidraget är 50 000 kr. per år."
                .to_string(),
        ];
        let s: Vec<_> = sentences(&p).into_iter().map(|s| s.text).collect();
        assert_eq!(
            s,
            [
                "Föreningen får 300 tkr.",
                "Avtalet gäller 2024–2026.",
                "Bidraget är 50 000 kr. per år."
            ]
        );
    }

    #[test]
    fn sentences_respect_swedish_abbreviations() {
        let p = vec![
            "Avtalet gäller bl.a. stöd. Det gäller t.o.m. 2026. – Vi är glada, säger hon."
                .to_string(),
            "Det gäller från 1 januari 2025 t.om. 31 december 2026.".to_string(),
        ];
        let s: Vec<_> = sentences(&p).into_iter().map(|s| s.text).collect();
        assert_eq!(
            s,
            [
                "Avtalet gäller bl.a. stöd.",
                "Det gäller t.o.m. 2026.",
                "– Vi är glada, säger hon.",
                "Det gäller från 1 januari 2025 t.om. 31 december 2026."
            ]
        );
    }

    #[test]
    fn sentence_offsets_point_into_the_paragraph() {
        let p = vec!["Ett. Två tre.".to_string()];
        for s in sentences(&p) {
            assert_eq!(&p[0][s.start..s.start + s.text.len()], s.text);
        }
    }
}
