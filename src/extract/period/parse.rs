//! The pieces of an agreement's time in one Swedish sentence: dates with
//! the cue before them ("från och med 2020-01-01", "t.o.m. 31 december
//! 2026", "fram till 2027", "sedan årsskiftet"), year ranges ("2023–2025"),
//! stated lengths ("i tre år", "treårigt avtal", "24 månader") and options
//! to extend ("möjlighet till förlängning ytterligare tre år"). Uses `date`
//! and `record`.

use std::sync::LazyLock;

use regex::Regex;

use crate::extract::date::{MONTHS, find_dates, month_number};
use crate::record::{PartialDate, last_of_month};

/// Whether a date opens or closes the agreement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Start,
    End,
}

const COUNT: &str = r"(?:en|ett|två|tre|fyra|fem|sex|sju|åtta|nio|tio|elva|tolv|\d{1,3})";

/// A count written as a word or digits: "tre" = 3, "24" = 24.
pub fn count(word: &str) -> Option<u32> {
    let w = word.to_lowercase();
    Some(match w.as_str() {
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
        _ => return w.parse().ok().filter(|n: &u32| (1..=600).contains(n)),
    })
}

/// A cue right before a date that makes it the start.
static START_CUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:från\s+och\s+med|fr\.\s*o\.\s*m\.?|f\.\s*o\.\s*m\.?|fom|från|mellan|perioden|med\s+start|startar|startade|sedan|började|inleddes|träder\s+i\s+kraft|trädde\s+i\s+kraft)\s+(?:den\s+|i\s+|år\s+|början\s+av\s+|starten\s+av\s+)?$")
        .expect("valid regex")
});

/// A cue right before a date that makes it the end.
static END_CUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:till\s+och\s+med|t\.\s*o\.\s*m\.?|tom|fram\s+till|till|löper\s+ut|upphör|slutar|går\s+ut|avsluta\w*(?:\s+(?:avtalet|överenskommelsen|samarbetet|partnerskapet))?)\s+(?:den\s+|i\s+|år\s+|utgången\s+av\s+|slutet\s+av\s+)?$")
        .expect("valid regex")
});

/// "mellan" right before a date: the next date after "och" ends the period.
static MELLAN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\bmellan\s+(?:den\s+)?$").expect("valid regex"));
static AND_BETWEEN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^\s*(?:och|[-–—])\s*(?:den\s+)?$").expect("valid regex"));

/// A sentence about an agreement's time: dates elsewhere are about other things.
pub static AGREEMENT_WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)avtal|överenskommelse|partnerskap|\biop\b|samarbete|samverkan|kontrakt|\bgäller\b|\blöper\b")
        .expect("valid regex")
});

/// A bare year, or two: "2027", "2023–2025", "mellan 2018 och 2020".
static YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b((?:19|20)\d\d)(?:\s*[-–—]\s*((?:19|20)\d\d))?\b").expect("valid regex")
});

/// "sista december 2020", "den första april i år": the first or last day of
/// a month, the year written, "i år" or left to the publication year.
static LAST_OF_MONTH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\b(första|sista)\s+({MONTHS})(?:\s+((?:19|20)\d\d)\b|\s+i\s+år\b)?"
    ))
    .expect("valid regex")
});

/// The agreement was signed: a year in the sentence is when it began.
static SIGNED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:skrevs|tecknades|undertecknades|signerades|ingicks|slöts)\b")
        .expect("valid regex")
});

/// "årsskiftet" and its cue.
static NEW_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(från\s+och\s+med|fr\.\s*o\.\s*m\.?|från|vid|efter|sedan)\s+årsskiftet\b(?:\s+((?:19|20)\d\d)\s*/\s*((?:19|20)\d\d))?")
        .expect("valid regex")
});

/// A stated length: "i tre år", "under 24 månader", "fem år från".
static LENGTH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)(?:\b(?:i|under|på|för|om|över|gäller|löper|omfattar)\s+(?P<n1>{COUNT})\s+(?P<u1>år|månader)\b|\b(?P<n2>{COUNT})\s+(?P<u2>år|månader)\s+(?:från|fram\s+till|framåt|med\s+start)\b)"
    ))
    .expect("valid regex")
});

/// A length as an adjective or compound: "treårigt", "3-årigt", "treårsavtal".
static LENGTH_ADJ: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?P<n>ett|två|tre|fyra|fem|sex|sju|åtta|nio|tio|\d{1,2})(?:-|\s)?(?:årig[ta]?|års(?:avtal|period|överenskommelse|partnerskap|kontrakt)\w*)\b")
        .expect("valid regex")
});

/// A length written as a hedge or a past: "i över tio år", "i tre år sedan".
static LENGTH_HEDGE_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:\b(?:över|mer\s+än|drygt|nästan|snart|cirka|ca|flera|många)|\b(?:i|under|på)|\b(?:pågått|funnits|arbetat|verkat|varit|hållit\s+på|drivit|bedrivit|samarbetat|jobbat)(?:\s+\w+){0,2})\s*$")
        .expect("valid regex")
});

/// An option to extend: "möjlighet till förlängning ytterligare tre år",
/// "kan förlängas med två år", "option på ytterligare 24 månader".
static EXTENSION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)(?:förlängningsoption\w*|förlängningstid\w*|förlängningsmöjlighet\w*)\s+(?:på|om|med)\s+(?:ytterligare\s+)?(?P<n0>{COUNT})\s+(?P<u0>år|månader)\b|(?:möjlighet\w*|option\w*|kan|eventuell\w*)\s+(?:till\s+|att\s+|på\s+|om\s+|sedan\s+)?(?:förläng\w*|en\s+förlängning|ytterligare)(?:\s+(?:med|i|på|av\s+avtalet|avtalet|överenskommelsen))?\s+(?:ytterligare\s+|med\s+ytterligare\s+|upp\s+till\s+)?(?P<n>{COUNT})\s+(?P<u>år|månader)\b"
    ))
    .expect("valid regex")
});

/// A date that opens or closes the agreement, found in a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CuedDate {
    pub role: Role,
    pub date: PartialDate,
}

/// Dates with their role, in order: cued dates, "årsskiftet" resolved
/// against `published`, year ranges as start and end.
pub fn cued_dates(sentence: &str, published: Option<PartialDate>) -> Vec<CuedDate> {
    let mut spans: Vec<(usize, usize, PartialDate)> =
        find_dates(sentence, published.map(|p| p.year))
            .into_iter()
            .map(|m| (m.range.start, m.range.end, m.date))
            .collect();
    for c in LAST_OF_MONTH.captures_iter(sentence) {
        let r = c.get(0).expect("match").range();
        let Some(m) = month_number(&c[2]) else {
            continue;
        };
        let year = c.get(3).and_then(|y| y.as_str().parse::<i32>().ok());
        let Some(y) = year.or(published.map(|p| p.year)) else {
            continue;
        };
        let date = if c[1].eq_ignore_ascii_case("första") {
            PartialDate::day(y, m, 1)
        } else {
            Some(last_of_month(y, m).into())
        };
        let Some(date) = date else { continue };
        spans.retain(|s| s.1 <= r.start || s.0 >= r.end);
        spans.push((r.start, r.end, date));
    }
    spans.sort_by_key(|s| s.0);
    let mut out: Vec<(usize, CuedDate)> = Vec::new();
    let role_before = |at: usize| -> Option<Role> {
        let head = &sentence[..at];
        if START_CUE.is_match(head) {
            Some(Role::Start)
        } else if END_CUE.is_match(head) {
            Some(Role::End)
        } else {
            None
        }
    };
    let mut after_between: Option<usize> = None;
    for &(s, e, date) in &spans {
        let role = role_before(s).or_else(|| {
            // "mellan 1 januari 2022 och 31 december 2024"
            after_between
                .filter(|&prev| AND_BETWEEN.is_match(&sentence[prev..s]))
                .map(|_| Role::End)
        });
        after_between = (MELLAN.is_match(&sentence[..s]) || role == Some(Role::Start)).then_some(e);
        if let Some(role) = role {
            out.push((s, CuedDate { role, date }));
        }
    }
    for c in YEAR.captures_iter(sentence) {
        let whole = c.get(0).expect("match");
        if spans
            .iter()
            .any(|&(s, e, _)| s < whole.end() && whole.start() < e)
        {
            continue;
        }
        // "2020 års verksamhet" is a year's activity, not a date of the agreement
        let after = sentence[whole.end()..].trim_start().to_lowercase();
        if after.starts_with("års") || after.starts_with("kronor") || after.starts_with("kr ") {
            continue;
        }
        let first: i32 = c[1].parse().unwrap_or(0);
        if let Some(second) = c.get(2) {
            let second: i32 = second.as_str().parse().unwrap_or(0);
            if second > first && second - first <= 20 {
                out.push((
                    whole.start(),
                    CuedDate {
                        role: Role::Start,
                        date: PartialDate::year(first),
                    },
                ));
                out.push((
                    whole.start(),
                    CuedDate {
                        role: Role::End,
                        date: PartialDate::year(second),
                    },
                ));
            }
        } else if let Some(role) = role_before(whole.start()) {
            out.push((
                whole.start(),
                CuedDate {
                    role,
                    date: PartialDate::year(first),
                },
            ));
        }
    }
    if let Some(p) = published {
        for c in NEW_YEAR.captures_iter(sentence) {
            let at = c.get(0).expect("match").start();
            let cue = c[1].to_lowercase();
            let next_year = c.get(3).and_then(|y| y.as_str().parse::<i32>().ok());
            let date = if cue == "sedan" {
                PartialDate::month(next_year.unwrap_or(p.year), 1)
            } else {
                // the coming new year, unless the page is from its first weeks
                let y = next_year.unwrap_or(if p.month == Some(1) {
                    p.year
                } else {
                    p.year + 1
                });
                PartialDate::day(y, 1, 1)
            };
            if let Some(date) = date {
                out.push((
                    at,
                    CuedDate {
                        role: Role::Start,
                        date,
                    },
                ));
            }
        }
    }
    out.sort_by_key(|(at, _)| *at);
    out.into_iter().map(|(_, d)| d).collect()
}

/// The year an agreement was signed ("avtalet skrevs 2013",
/// "undertecknades hösten 2016"): its start when nothing better is said.
pub fn signed_year(sentence: &str) -> Option<PartialDate> {
    let at = SIGNED.find(sentence)?.end();
    let c = YEAR.captures(&sentence[at..])?;
    if c.get(2).is_some()
        || sentence[at + c.get(0)?.end()..]
            .trim_start()
            .starts_with("års")
    {
        return None;
    }
    c[1].parse().ok().map(PartialDate::year)
}

/// A stated length of the agreement in months.
pub fn stated_months(sentence: &str) -> Option<u32> {
    let ext = EXTENSION.find(sentence).map(|m| m.range());
    let mut found: Vec<(bool, u32)> = Vec::new();
    for c in LENGTH.captures_iter(sentence) {
        let whole = c.get(0).expect("match");
        if ext
            .as_ref()
            .is_some_and(|r| r.start < whole.end() && whole.start() < r.end)
        {
            continue;
        }
        if LENGTH_HEDGE_BEFORE.is_match(&sentence[..whole.start()]) {
            continue;
        }
        let after = sentence[whole.end()..].trim_start().to_lowercase();
        if after.starts_with("sedan")
            || after.starts_with("gammal")
            || after.starts_with("tillbaka")
        {
            continue;
        }
        let n = c
            .name("n1")
            .or(c.name("n2"))
            .map(|m| m.as_str())
            .and_then(count);
        let unit = c.name("u1").or(c.name("u2")).map_or("", |m| m.as_str());
        if let Some(n) = n {
            let mut from = whole.start().saturating_sub(50);
            while !sentence.is_char_boundary(from) {
                from += 1;
            }
            let near = AGREEMENT_WORD.is_match(&sentence[from..whole.end()]);
            found.push((
                near,
                if unit.eq_ignore_ascii_case("år") {
                    n * 12
                } else {
                    n
                },
            ));
        }
    }
    // "ett bidrag är på ett år medan avtalet sträcker sig över tre år"
    if let Some(&(_, m)) = found.iter().find(|f| f.0).or(found.first()) {
        return Some(m);
    }
    for c in LENGTH_ADJ.captures_iter(sentence) {
        let whole = c.get(0).expect("match");
        if ext
            .as_ref()
            .is_some_and(|r| r.start < whole.end() && whole.start() < r.end)
        {
            continue;
        }
        // "treårigt samarbetsavtal", not "ettåriga föreningsbidrag"
        let next: String = sentence[whole.end()..]
            .split_whitespace()
            .take(2)
            .collect::<Vec<_>>()
            .join(" ");
        let compound = whole.as_str().to_lowercase().contains("års");
        if !compound && !AGREEMENT_WORD.is_match(&next) {
            continue;
        }
        if let Some(n) = count(&c["n"]) {
            return Some(n * 12);
        }
    }
    None
}

/// A stated option to extend, in months.
pub fn extension_months(sentence: &str) -> Option<u32> {
    let c = EXTENSION.captures(sentence)?;
    let n = count(c.name("n").or(c.name("n0"))?.as_str())?;
    let unit = c.name("u").or(c.name("u0"))?.as_str();
    Some(if unit.eq_ignore_ascii_case("år") {
        n * 12
    } else {
        n
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> PartialDate {
        s.parse().unwrap()
    }

    fn cued(s: &str, p: Option<&str>) -> Vec<(Role, String)> {
        cued_dates(s, p.map(d))
            .into_iter()
            .map(|c| (c.role, c.date.to_string()))
            .collect()
    }

    #[test]
    fn start_and_end_cues() {
        assert_eq!(
            cued(
                "Överenskommelsen gäller från och med 2020-01-01 till och med 2022-12-31.",
                None
            ),
            [
                (Role::Start, "2020-01-01".into()),
                (Role::End, "2022-12-31".into())
            ]
        );
        assert_eq!(
            cued("Avtalet gäller t.o.m. 31 december 2026.", None),
            [(Role::End, "2026-12-31".into())]
        );
        assert_eq!(
            cued("Avtalen sträcker sig fram till 2027.", None),
            [(Role::End, "2027".into())]
        );
        assert_eq!(cued("Beslutet togs den 16 maj.", Some("2021-06-01")), []);
    }

    #[test]
    fn cue_regexes() {
        assert!(START_CUE.is_match("gäller från och med "));
        assert!(START_CUE.is_match("gäller fr.o.m. den "));
        assert!(END_CUE.is_match("löper t.o.m. "));
        assert!(END_CUE.is_match("sträcker sig fram till "));
        assert!(!END_CUE.is_match("till föreningen"));
        assert!(YEAR.is_match("2023–2025"));
        assert!(LAST_OF_MONTH.is_match("sista december 2020"));
        assert!(NEW_YEAR.is_match("sedan årsskiftet"));
        assert!(LENGTH.is_match("gäller i tre år"));
        assert!(LENGTH_ADJ.is_match("ett treårigt avtal"));
        assert!(LENGTH_HEDGE_BEFORE.is_match("har funnits i över "));
        assert!(EXTENSION.is_match("med möjlighet till förlängning ytterligare tre år"));
    }

    #[test]
    fn between_dates() {
        assert_eq!(
            cued(
                "Avtalet gäller mellan 1 januari 2022 och 31 december 2024.",
                None
            ),
            [
                (Role::Start, "2022-01-01".into()),
                (Role::End, "2024-12-31".into())
            ]
        );
        assert_eq!(
            cued(
                "Nämnden vill avsluta avtalet den sista december 2020.",
                None
            ),
            [(Role::End, "2020-12-31".into())]
        );
        assert!(MELLAN.is_match("gäller mellan "));
        assert!(AND_BETWEEN.is_match(" och "));
        assert!(AND_BETWEEN.is_match(" – "));
        assert_eq!(
            cued(
                "Avtalet gäller från 1 september 2019 – 1 september 2021.",
                None
            ),
            [
                (Role::Start, "2019-09-01".into()),
                (Role::End, "2021-09-01".into())
            ]
        );
        assert_eq!(
            cued(
                "Det gäller från den första april i år till den sista december 2025.",
                Some("2016-02-11")
            ),
            [
                (Role::Start, "2016-04-01".into()),
                (Role::End, "2025-12-31".into())
            ]
        );
        assert!(SIGNED.is_match("Avtalet undertecknades hösten 2016"));
        assert_eq!(
            signed_year("Överenskommelsen undertecknades hösten 2016 av föreningen."),
            Some(d("2016"))
        );
        assert_eq!(
            signed_year("Avtalet tecknades för 2020 års verksamhet."),
            None
        );
        assert_eq!(
            stated_months(
                "Ett bidrag är på ett år medan det här avtalet sträcker sig över tre år."
            ),
            Some(36)
        );
        assert!(AGREEMENT_WORD.is_match("Samverkansavtalen sträcker sig"));
    }

    #[test]
    fn year_ranges_and_the_years_activity() {
        assert_eq!(
            cued("IOP-avtalet för 2023–2025 är klart.", None),
            [(Role::Start, "2023".into()), (Role::End, "2025".into())]
        );
        assert_eq!(cued("Bidrag till 2020 års verksamhet.", None), []);
    }

    #[test]
    fn new_year_resolved_against_publication() {
        assert_eq!(
            cued(
                "Avtalet gäller från och med årsskiftet.",
                Some("2019-07-01")
            ),
            [(Role::Start, "2020-01-01".into())]
        );
        assert_eq!(
            cued(
                "Kommunen har sedan årsskiftet ett avtal.",
                Some("2024-03-04")
            ),
            [(Role::Start, "2024-01".into())]
        );
        assert_eq!(
            cued("Två år fram till sista december 2020.", None),
            [(Role::End, "2020-12-31".into())]
        );
    }

    #[test]
    fn lengths_and_options() {
        assert_eq!(
            stated_months("Avtalet gäller i tre år från och med årsskiftet."),
            Some(36)
        );
        assert_eq!(
            stated_months("Med ett treårigt samarbetsavtal känner vi trygghet."),
            Some(36)
        );
        assert_eq!(stated_months("Avtalet löper på 18 månader."), Some(18));
        assert_eq!(
            stated_months("Vi går från ettåriga föreningsbidrag till samverkan."),
            None
        );
        assert_eq!(
            stated_months("Nämnden tecknar ett 3-årigt IOP-avtal."),
            Some(36)
        );
        assert_eq!(stated_months("Föreningen har funnits i över tio år."), None);
        assert_eq!(stated_months("För tre år sedan började vi."), None);
        let s = "Överenskommelsen gäller under tre år, med möjlighet till förlängning ytterligare tre år.";
        assert_eq!(stated_months(s), Some(36));
        assert_eq!(extension_months(s), Some(36));
        assert_eq!(
            extension_months("Avtalet kan förlängas med två år."),
            Some(24)
        );
        assert_eq!(extension_months("Avtalet har förlängts med två år."), None);
        assert_eq!(
            extension_months("Avtalet skrivs på tio år med en förlängningstid på fem år i taget."),
            Some(60)
        );
        assert_eq!(stated_months("Avtalet har snart pågått i tre år."), None);
        assert_eq!(
            stated_months("Kommunen stöttar jouren med en miljon kronor över tre år."),
            Some(36)
        );
    }
}
