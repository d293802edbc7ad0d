//! Sums of money as Swedish texts write them: "1 194 500 kronor",
//! "1,3 mnkr", "3,5 miljoner kronor", "300 tkr", "650 000 kr", "2,5 Mkr",
//! "en miljon kronor", "605.000 kronor", with no-break and thin spaces as
//! digit-group separators; and the reverse, a sum written Swedish-style.
//! Pure functions over `&str`; uses `regex` only.

use std::ops::Range;
use std::sync::LazyLock;

use crate::extract::pattern::Pattern;

/// One sum of money found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MoneyMention {
    /// Whole kronor.
    pub sek: i64,
    /// Byte range of the sum as written (`&text[range]`), number to currency word.
    pub range: Range<usize>,
}

/// A number (digits with optional group separators and decimals, or a
/// Swedish number word), an optional multiplier and an optional currency.
/// The caller decides whether what matched is money.
static AMOUNT: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(
        r"(?xi)
        (?:
            \b(?P<num>\d{1,3}(?:[\x20\u00a0\u2009\u202f]\d{3})+|\d{1,3}(?:\.\d{3})+|\d+)(?:,(?P<dec>\d{1,3}))?
          | \b(?P<word>en\s+halv|ett|en|två|tre|fyra|fem|sex|sju|åtta|nio|tio|elva|tolv|tretton|fjorton|femton|sexton|sjutton|arton|nitton|tjugo|trettio|fyrtio|femtio|sextio|sjuttio|åttio|nittio|hundra|halv)
        )
        (?:[\x20\u00a0\u2009\u202f]*(?P<mult>(?:miljarder|miljard|miljoner|miljon|mdkr|mnkr|mkr|msek|mdr|tkr|ksek|kkr|tusen)\b|milj(?:\.|\b)))?
        (?:[\x20\u00a0\u2009\u202f]*(?P<cur>kronor|kronors|kr\b|sek\b|:-))?
        ",
    )
    .expect("valid regex")
});

/// What every sum `find_money` keeps holds: a digit and a currency or
/// multiplier after it, or a number word and a multiplier after it.
static MONEY_CUE: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(concat!(
        r"(?i)\d[\x20\u00a0\u2009\u202f]*(?:milj|mdkr|mnkr|mkr|msek|mdr|tkr|ksek|kkr|tusen|kr|sek|:-)",
        r"|(?:halv|ett|en|två|tre|fyra|fem|sex|sju|åtta|nio|tio|elva|tolv|tretton|fjorton|femton|sexton|sjutton|arton|nitton|",
        r"tjugo|trettio|fyrtio|femtio|sextio|sjuttio|åttio|nittio|hundra)[\x20\u00a0\u2009\u202f]*",
        r"(?:milj|mdkr|mnkr|mkr|msek|mdr|tkr|ksek|kkr|tusen)"
    ))
    .expect("valid regex")
});

/// A per-period phrase right after a millions sum without a currency word
/// ("en miljon årligen"): enough to know it is money.
static BARE_MILLIONS_OK: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(r"(?i)^[\s\u00a0]*(?:årligen|per\s+år|om\s+året|varje\s+år|i\s+(?:bidrag|stöd|ersättning|anslag))\b")
        .expect("valid regex")
});

fn word_value(w: &str) -> Option<(i128, u32)> {
    // (value * 10, scale 1): "en halv" is 0.5
    let w = w.to_lowercase();
    let w: String = w.split_whitespace().collect::<Vec<_>>().join(" ");
    let v = match w.as_str() {
        "en halv" | "halv" => return Some((5, 1)),
        "en" | "ett" => 1,
        "två" => 2,
        "tre" => 3,
        "fyra" => 4,
        "fem" => 5,
        "sex" => 6,
        "sju" => 7,
        "åtta" => 8,
        "nio" => 9,
        "tio" => 10,
        "elva" => 11,
        "tolv" => 12,
        "tretton" => 13,
        "fjorton" => 14,
        "femton" => 15,
        "sexton" => 16,
        "sjutton" => 17,
        "arton" => 18,
        "nitton" => 19,
        "tjugo" => 20,
        "trettio" => 30,
        "fyrtio" => 40,
        "femtio" => 50,
        "sextio" => 60,
        "sjuttio" => 70,
        "åttio" => 80,
        "nittio" => 90,
        "hundra" => 100,
        _ => return None,
    };
    Some((v, 0))
}

fn multiplier(m: &str) -> i128 {
    match m.to_lowercase().trim_end_matches('.') {
        "miljarder" | "miljard" | "mdkr" | "mdr" => 1_000_000_000,
        "miljoner" | "miljon" | "milj" | "mnkr" | "mkr" | "msek" => 1_000_000,
        "tkr" | "ksek" | "kkr" | "tusen" => 1_000,
        _ => 1,
    }
}

/// Every sum of money written in `text`, in whole kronor (half up).
pub fn find_money(text: &str) -> Vec<MoneyMention> {
    let mut out = Vec::new();
    // a sum is money only with a currency or multiplier right after its
    // number: a text without one is spared the pattern
    if !MONEY_CUE.is_match(text) {
        return out;
    }
    // a sum in kronor said before: millions after it need no currency of
    // their own ("fem miljoner kronor per år och Röda korset för 2,46 miljoner")
    let mut said_kronor = false;
    for c in AMOUNT.captures_iter(text) {
        let whole = c.get(0).expect("match");
        let mult = c.name("mult").map(|m| m.as_str());
        let cur = c.name("cur");
        let millions = mult.is_some_and(|m| multiplier(m) >= 1_000_000);
        let mult_is_currency = mult.is_some_and(|m| {
            let m = m.to_lowercase();
            m.ends_with("kr") || m.ends_with("sek")
        });
        let is_money = cur.is_some()
            || mult_is_currency
            || (millions && (said_kronor || BARE_MILLIONS_OK.is_match(&text[whole.end()..])));
        if !is_money {
            continue;
        }
        said_kronor |= cur.is_some() || mult_is_currency;
        // a number word is money only with a multiplier: "tre kronor" is no grant
        if c.name("word").is_some() && mult.is_none() {
            continue;
        }
        let (mantissa, scale) = if let Some(w) = c.name("word") {
            match word_value(w.as_str()) {
                Some(v) => v,
                None => continue,
            }
        } else {
            let digits: String = c["num"].chars().filter(char::is_ascii_digit).collect();
            if digits.len() > 15 {
                continue;
            }
            let dec = c.name("dec").map_or("", |d| d.as_str());
            let Ok(v) = format!("{digits}{dec}").parse::<i128>() else {
                continue;
            };
            (v, dec.len() as u32)
        };
        let den = 10i128.pow(scale);
        let sek = (mantissa * mult.map_or(1, multiplier) * 2 + den) / (2 * den);
        if sek <= 0 || sek > i64::MAX as i128 {
            continue;
        }
        // the range ends at the last word of the sum, not at trailing space
        let end = [
            cur,
            c.name("mult"),
            c.name("dec"),
            c.name("num"),
            c.name("word"),
        ]
        .into_iter()
        .flatten()
        .map(|m| m.end())
        .max()
        .unwrap_or(whole.end());
        out.push(MoneyMention {
            sek: sek as i64,
            range: whole.start()..end,
        });
    }
    out
}

/// A sum written as a Swedish text would: "1 234 567 kronor", and whole or
/// one-decimal millions as "2,5 miljoner kronor" / "1 miljon kronor".
pub fn format_sek(sek: i64) -> String {
    if sek >= 1_000_000 && sek % 100_000 == 0 {
        let whole = sek / 1_000_000;
        let tenth = (sek % 1_000_000) / 100_000;
        let word = if sek == 1_000_000 {
            "miljon"
        } else {
            "miljoner"
        };
        return if tenth == 0 {
            format!("{} {word} kronor", group(whole))
        } else {
            format!("{},{tenth} {word} kronor", group(whole))
        };
    }
    format!("{} kronor", group(sek))
}

/// Digits in groups of three separated by spaces.
fn group(n: i64) -> String {
    let s = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, ch) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(' ');
        }
        out.push(ch);
    }
    if n < 0 { format!("-{out}") } else { out }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn sums(t: &str) -> Vec<(i64, &str)> {
        find_money(t)
            .into_iter()
            .map(|m| (m.sek, &t[m.range]))
            .collect()
    }

    #[test]
    fn amount_regex_reads_swedish_formats() {
        assert_eq!(
            sums("Omfattningen är 1 194 500 kronor per år."),
            [(1_194_500, "1 194 500 kronor")]
        );
        assert_eq!(
            sums("Budgeten är 1,3 mnkr och 300 tkr."),
            [(1_300_000, "1,3 mnkr"), (300_000, "300 tkr")]
        );
        assert_eq!(
            sums("Stödet är 3,5 miljoner kronor."),
            [(3_500_000, "3,5 miljoner kronor")]
        );
        assert_eq!(
            sums("Föreningen får 650 000 kr."),
            [(650_000, "650 000 kr")]
        );
        assert_eq!(sums("Totalt 2,5 Mkr."), [(2_500_000, "2,5 Mkr")]);
        assert_eq!(
            sums("Kommunen ger en miljon kronor."),
            [(1_000_000, "en miljon kronor")]
        );
        assert_eq!(
            sums("Vi får 605.000 kronor."),
            [(605_000, "605.000 kronor")]
        );
        assert_eq!(sums("Det är 2,5 MSEK."), [(2_500_000, "2,5 MSEK")]);
        assert_eq!(
            sums("Hela 20 miljoner kronor."),
            [(20_000_000, "20 miljoner kronor")]
        );
        assert_eq!(
            sums("En halv miljon kronor"),
            [(500_000, "En halv miljon kronor")]
        );
        assert_eq!(sums("Cirka 3 milj. kr i år."), [(3_000_000, "3 milj. kr")]);
        assert!(sums("3 miljöer").is_empty());
    }

    #[test]
    fn no_break_and_thin_spaces_group_digits() {
        assert_eq!(
            sums("553\u{a0}200\u{a0}kronor"),
            [(553_200, "553\u{a0}200\u{a0}kronor")]
        );
        assert_eq!(
            sums("1\u{2009}000\u{202f}000 kr"),
            [(1_000_000, "1\u{2009}000\u{202f}000 kr")]
        );
    }

    #[test]
    fn millions_after_a_sum_in_kronor_share_its_currency() {
        assert_eq!(
            sums("Regionen står för fem miljoner kronor per år och Röda korset för 2,46 miljoner."),
            [
                (5_000_000, "fem miljoner kronor"),
                (2_460_000, "2,46 miljoner")
            ]
        );
        // alone, millions without a currency are no sum
        assert!(sums("Röda korset står för 2,46 miljoner.").is_empty());
    }

    #[test]
    fn bare_millions_need_a_period_word() {
        assert_eq!(sums("med en miljon årligen"), [(1_000_000, "en miljon")]);
        assert!(sums("en kommun med två miljoner invånare").is_empty());
    }

    #[test]
    fn bare_millions_regex_wants_a_period() {
        assert!(BARE_MILLIONS_OK.is_match(" årligen till föreningen"));
        assert!(BARE_MILLIONS_OK.is_match(" per år"));
        assert!(!BARE_MILLIONS_OK.is_match(" invånare"));
    }

    #[test]
    fn numbers_that_are_not_money() {
        assert!(sums("Avtalet gäller 2020-2022 och omfattar 300 platser.").is_empty());
        assert!(sums("tre kronor").is_empty());
        assert!(sums("kriser och krav").is_empty());
        assert!(sums("Under 2021 startade 12 krogar").is_empty());
    }

    #[test]
    fn formats_like_a_swedish_text() {
        assert_eq!(format_sek(1_234_567), "1 234 567 kronor");
        assert_eq!(format_sek(2_500_000), "2,5 miljoner kronor");
        assert_eq!(format_sek(1_000_000), "1 miljon kronor");
        assert_eq!(format_sek(999), "999 kronor");
    }

    proptest! {
        #[test]
        fn find_money_never_panics(s in "\\PC{0,80}") {
            let _ = find_money(&s);
        }

        #[test]
        fn find_money_never_panics_on_number_soup(s in "[0-9 ,.\u{a0}\u{2009}kronmiljtsæåäö:-]{0,60}") {
            for m in find_money(&s) {
                prop_assert!(s.get(m.range.clone()).is_some());
                prop_assert!(m.sek > 0);
            }
        }

        #[test]
        fn rendered_sums_parse_back(sek in 1i64..10_000_000_000) {
            let text = format!("Kommunen bidrar med {} per år.", format_sek(sek));
            let found = find_money(&text);
            prop_assert_eq!(found.len(), 1);
            prop_assert_eq!(found[0].sek, sek);
        }

        #[test]
        fn rendered_sums_parse_back_with_no_break_spaces(sek in 1i64..1_000_000_000) {
            let text = format_sek(sek).replace(' ', "\u{a0}");
            let found = find_money(&text);
            prop_assert_eq!(found.len(), 1);
            prop_assert_eq!(found[0].sek, sek);
        }
    }
}
