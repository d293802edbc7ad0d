//! Swedish dates: absolute dates in running text ("4 mars 2024", "den 16 maj",
//! "2019-07-01", "mars 2024"), loose metadata dates, dates in URLs, and the
//! publication and update dates of a page. Pure functions.

use std::ops::Range;
use std::sync::LazyLock;

use crate::extract::pattern::Pattern;

use super::content::Document;
use crate::record::PartialDate;

/// The month number of a Swedish (or English) month name or abbreviation.
pub fn month_number(word: &str) -> Option<u32> {
    let w = word.to_lowercase();
    let w = w.trim_end_matches('.');
    let m = match w {
        "januari" | "jan" | "january" => 1,
        "februari" | "feb" | "february" => 2,
        "mars" | "mar" | "march" => 3,
        "april" | "apr" => 4,
        "maj" | "may" => 5,
        "juni" | "jun" | "june" => 6,
        "juli" | "jul" | "july" => 7,
        "augusti" | "aug" | "august" => 8,
        "september" | "sep" | "sept" => 9,
        "oktober" | "okt" | "oct" | "october" => 10,
        "november" | "nov" => 11,
        "december" | "dec" => 12,
        _ => return None,
    };
    Some(m)
}

/// Swedish month names, full forms, for building patterns.
pub const MONTHS: &str =
    "januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december";
const MONTHS_ANY: &str = "januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|okt|nov|dec|january|february|march|may|june|july|august|october";

/// A date found in text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateMatch {
    pub date: PartialDate,
    /// Byte range of the date in the text.
    pub range: Range<usize>,
    /// True when the year was not written and was supplied by `default_year`.
    pub year_inferred: bool,
}

static ISO: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(r"\b((?:19|20)\d\d)-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])\b").expect("valid regex")
});
static DAY_MONTH_YEAR: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(&format!(
        r"(?i)\b([0-3]?\d)(?:e|:e|:a)?\s+({MONTHS_ANY})\.?(?:,?\s+((?:19|20)\d\d)\b)?"
    ))
    .expect("valid regex")
});
static MONTH_DAY_YEAR: LazyLock<Pattern> = LazyLock::new(|| {
    // English, as press-release services write it: "Dec 09, 2017"
    Pattern::new(&format!(
        r"(?i)\b({MONTHS_ANY})\.?\s+([0-3]?\d),\s+((?:19|20)\d\d)\b"
    ))
    .expect("valid regex")
});
/// A day and month in digits with the year: "1/3 2022", "28/2-2023".
static NUMERIC_DAY: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(r"\b([0-3]?\d)/(1[0-2]|0?[1-9])(?:\s+|-)((?:19|20)\d\d)\b").expect("valid regex")
});
/// A day and month in digits with dots: "1.3.2022", "28.02.2023".
static DOTTED_DAY: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(r"\b([0-3]?\d)\.(1[0-2]|0?[1-9])\.((?:19|20)\d\d)\b").expect("valid regex")
});
static MONTH_YEAR: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(&format!(r"(?i)\b({MONTHS})\s+((?:19|20)\d\d)\b")).expect("valid regex")
});

/// Every absolute date in `text`. A day and month without a year take
/// `default_year` when given (a decision "den 16 maj" in a page of 2021),
/// and are skipped otherwise.
pub fn find_dates(text: &str, default_year: Option<i32>) -> Vec<DateMatch> {
    let mut out: Vec<DateMatch> = Vec::new();
    let taken = |out: &Vec<DateMatch>, r: &Range<usize>| {
        out.iter()
            .any(|m| m.range.start < r.end && r.start < m.range.end)
    };
    for c in ISO.captures_iter(text) {
        let (y, m, d) = (num(&c[1]), num(&c[2]), num(&c[3]));
        if let Some(date) = PartialDate::day(y as i32, m, d) {
            out.push(DateMatch {
                date,
                range: c.get(0).expect("match").range(),
                year_inferred: false,
            });
        }
    }
    for c in MONTH_DAY_YEAR.captures_iter(text) {
        let r = c.get(0).expect("match").range();
        if taken(&out, &r) {
            continue;
        }
        let (Some(m), d, y) = (month_number(&c[1]), num(&c[2]), num(&c[3])) else {
            continue;
        };
        if let Some(date) = PartialDate::day(y as i32, m, d) {
            out.push(DateMatch {
                date,
                range: r,
                year_inferred: false,
            });
        }
    }
    for c in DAY_MONTH_YEAR.captures_iter(text) {
        let r = c.get(0).expect("match").range();
        if taken(&out, &r) {
            continue;
        }
        let word = &c[2];
        // short forms only with a year or a full stop: "maj" is a month, "mar" is not
        let full = MONTHS.split('|').any(|m| m.eq_ignore_ascii_case(word));
        if !full && c.get(3).is_none() {
            continue;
        }
        let Some(m) = month_number(word) else {
            continue;
        };
        let d = num(&c[1]);
        let (y, inferred) = match c.get(3) {
            Some(y) => (num(y.as_str()) as i32, false),
            None => match default_year {
                Some(y) => (y, true),
                None => continue,
            },
        };
        if let Some(date) = PartialDate::day(y, m, d) {
            out.push(DateMatch {
                date,
                range: r,
                year_inferred: inferred,
            });
        }
    }
    // day, month and year in digits: "1/3 2022", "1.3.2022"
    for re in [&*NUMERIC_DAY, &*DOTTED_DAY] {
        for c in re.captures_iter(text) {
            let r = c.get(0).expect("match").range();
            // part of a longer dotted number ("1.2.3.2020") is no date
            let glued = text[..r.start].ends_with(|ch: char| ch == '.' || ch.is_ascii_digit());
            if glued || taken(&out, &r) {
                continue;
            }
            if let Some(date) = PartialDate::day(num(&c[3]) as i32, num(&c[2]), num(&c[1])) {
                out.push(DateMatch {
                    date,
                    range: r,
                    year_inferred: false,
                });
            }
        }
    }
    for c in MONTH_YEAR.captures_iter(text) {
        let r = c.get(0).expect("match").range();
        if taken(&out, &r) {
            continue;
        }
        let (Some(m), y) = (month_number(&c[1]), num(&c[2])) else {
            continue;
        };
        if let Some(date) = PartialDate::month(y as i32, m) {
            out.push(DateMatch {
                date,
                range: r,
                year_inferred: false,
            });
        }
    }
    out.sort_by_key(|m| m.range.start);
    out
}

fn num(s: &str) -> u32 {
    s.parse().unwrap_or(0)
}

/// A date written in metadata: "2023-05-04T10:00:00+02:00", "2023-05-04",
/// "2023-05", or any text holding one absolute date.
pub fn parse_loose(s: &str) -> Option<PartialDate> {
    let s = s.trim();
    if let Ok(d) = s.parse::<PartialDate>() {
        return Some(d);
    }
    // "2023-05-04T10:00:00+02:00": the date part of a timestamp
    if let Some(d) = s.get(..10).and_then(|p| p.parse::<PartialDate>().ok()) {
        return Some(d);
    }
    if let Some(c) = ISO.captures(s) {
        return PartialDate::day(num(&c[1]) as i32, num(&c[2]), num(&c[3]));
    }
    find_dates(s, None).into_iter().next().map(|m| m.date)
}

static URL_DATE: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(concat!(
        r"/((?:19|20)\d\d)-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])(?:[-/_.]|$)",
        r"|/((?:19|20)\d\d)/(0[1-9]|1[0-2])/(0[1-9]|[12]\d|3[01])(?:/|$)",
        r"|/((?:19|20)\d\d)(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?:[/_.-]|$)",
        r"|/((?:19|20)\d\d)/(0[1-9]|1[0-2])(?:/|$)",
        r"|(?i)/((?:19|20)\d\d)/(januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december)(?:/|$)"
    ))
    .expect("valid regex")
});

/// A date in a URL path: ".../2021-06-15-rubrik", ".../2021/06/15/",
/// ".../20181222/" give the day; ".../2020/10/" and ".../2015/april/" the
/// month.
pub fn from_url(url: &str) -> Option<PartialDate> {
    let path = url.split(['?', '#']).next().unwrap_or(url);
    let path = path.split_once("://").map_or(path, |(_, rest)| rest);
    let path = &path[path.find('/').unwrap_or(path.len())..];
    let c = URL_DATE.captures(path)?;
    let g = |i: usize| c.get(i).map(|m| num(m.as_str()));
    for base in [1, 4, 7] {
        if let (Some(y), Some(m), Some(d)) = (g(base), g(base + 1), g(base + 2)) {
            return PartialDate::day(y as i32, m, d);
        }
    }
    if let (Some(y), Some(m)) = (g(10), g(11)) {
        return PartialDate::month(y as i32, m);
    }
    PartialDate::month(g(12)? as i32, month_number(c.get(13)?.as_str())?)
}

static PUBLISHED_LABEL: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(r"(?i)\b(publicerad|publicerat|publiceringsdatum|datum|pressmeddelande|pressmeddelanden|nyhet|inlagd|skriven|skapad|skapat)\b:?")
        .expect("valid regex")
});
static UPDATED_LABEL: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(r"(?i)\b(senast (uppdaterad|ändrad|granskad)|uppdaterad|ändrad|sidan uppdaterad|sidan (senast )?ändrad)\b:?")
        .expect("valid regex")
});

/// The date given by a short labelled line ("Publicerad: 4 mars, 2024",
/// "1 juli 2019 | Pressmeddelande"), or by a short line that is only a date.
fn labelled_date(
    paragraphs: &[String],
    label: &Pattern,
    avoid: Option<&Pattern>,
) -> Option<PartialDate> {
    for (i, p) in paragraphs.iter().enumerate() {
        if p.chars().count() > 160 {
            continue;
        }
        let Some(l) = label.find(p) else { continue };
        if let Some(avoid) = avoid
            && avoid
                .find(p)
                .is_some_and(|a| a.start() <= l.start() && a.end() >= l.end())
        {
            continue;
        }
        // the date after the label ("Uppdaterad 2024-04-02 | Publicerad
        // 2024-03-12"), else one before it when no other label is there
        let dates = find_dates(p, None);
        let after = dates.iter().find(|m| m.range.start >= l.end());
        let before = dates
            .first()
            .filter(|_| avoid.is_none_or(|a| !a.is_match(p)));
        if let Some(m) = after.or(before) {
            return Some(m.date);
        }
        // "Publicerad:" alone, the date in the next short line
        if p[l.end()..].trim().is_empty()
            && let Some(next) = paragraphs.get(i + 1)
            && next.chars().count() <= 40
            && let Some(m) = find_dates(next, None).into_iter().next()
        {
            return Some(m.date);
        }
    }
    None
}

/// How many leading paragraphs may hold the page's dateline: the first six,
/// or, when menu lines come first, up to two paragraphs past the lede (the
/// first paragraph of article length), never more than eighty.
fn head_len(paragraphs: &[String]) -> usize {
    let lede = paragraphs
        .iter()
        .take(80)
        .position(|p| p.chars().count() >= 100)
        .map_or(0, |i| i + 3);
    lede.clamp(6, 80)
}

/// A line near the top that holds nothing but a date.
fn bare_date_line(paragraphs: &[String]) -> Option<PartialDate> {
    paragraphs.iter().take(head_len(paragraphs)).find_map(|p| {
        // a byline glued to its date by the markup ("Av Sara Lund12 mars
        // 2024 07:30", two spans with no space between): read a copy with
        // the letter and the digit apart
        let unglued;
        let p = if p.chars().count() <= 60 {
            unglued = unglue(p);
            &unglued
        } else {
            p
        };
        let ms = find_dates(p, None);
        let m = ms.first()?;
        // a dateline: short, the date near its start, no sentence around it
        // ("2021-12-21 Av Redaktionen", "Debatt 6 november 2019 05:00",
        // "Stockholm, 2018-04-24"); never a sentence about a period
        let short = p.chars().count() <= 60 && m.range.start <= 25;
        let sentence = p.trim_end().ends_with('.') || DATELINE_NOT.is_match(p);
        // two days in one line are a period ("Kvinnojouren Fria – 1 januari
        // 2023–31 december 2025"), not the day the page came out
        let period = ms.iter().filter(|d| d.date.day.is_some()).count() > 1;
        (m.date.day.is_some() && short && !sentence && !period).then_some(m.date)
    })
}

/// A copy of a short line with a space between a letter and a digit that
/// follows it.
fn unglue(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 4);
    let mut prev: Option<char> = None;
    for ch in line.chars() {
        if ch.is_ascii_digit() && prev.is_some_and(char::is_alphabetic) {
            out.push(' ');
        }
        out.push(ch);
        prev = Some(ch);
    }
    out
}

static DATELINE_NOT: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(r"(?i)\b(?:från|till|fram|gäller|avtal\w*|t\.o\.m|fr\.o\.m|senast|uppdaterad|ändrad|sista|öppnar|stänger|mellan)\b")
        .expect("valid regex")
});

/// A paragraph near the top that opens with a date stamp: "date 2018-12",
/// "Datum: 2019-04-02", then the article's first words. An ISO date at the
/// month's precision counts only here, where a label names it a date.
static DATE_STAMP: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(r"(?i)^\s*(?:date|datum|publicerad|publicerat)\s*:?\s+((?:19|20)\d\d)-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?\b")
        .expect("valid regex")
});

/// A news site's dateline: a place or section glued to the day and time
/// ("Katrineholm2020-12-17 06:08", "Idrott 2019-07-11 07:00"), or the day
/// opening the first paragraph before a dash ("2015-04-10 – Fantastiskt").
static DATELINE_ISO: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(concat!(
        r"^\s*(?:\p{L}+(?:\s\p{L}+)?\s*)?((?:19|20)\d\d)-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])(?:\s+\d\d[:.]\d\d)?\s*$",
        r"|^\s*((?:19|20)\d\d)-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])\s+[–—-]\s+\p{L}"
    ))
    .expect("valid regex")
});

fn date_stamp(paragraphs: &[String]) -> Option<PartialDate> {
    paragraphs.iter().take(head_len(paragraphs)).find_map(|p| {
        if let Some(c) = DATELINE_ISO.captures(p)
            && !UPDATED_LABEL.is_match(p)
            && !DATELINE_NOT.is_match(p)
        {
            let g = |i: usize| c.get(i).map(|m| num(m.as_str()));
            for base in [1, 4] {
                if let (Some(y), Some(m), Some(d)) = (g(base), g(base + 1), g(base + 2)) {
                    return PartialDate::day(y as i32, m, d);
                }
            }
        }
        let c = DATE_STAMP.captures(p)?;
        let (y, m) = (num(&c[1]) as i32, num(&c[2]));
        match c.get(3) {
            Some(d) => PartialDate::day(y, m, num(d.as_str())),
            None => PartialDate::month(y, m),
        }
    })
}

/// The page's publication date: visible text, then metadata, then the URL.
pub fn published(doc: &Document, url: Option<&str>) -> Option<PartialDate> {
    date_stamp(&doc.paragraphs)
        .or_else(|| labelled_date(&doc.paragraphs, &PUBLISHED_LABEL, Some(&UPDATED_LABEL)))
        .or_else(|| bare_date_line(&doc.paragraphs))
        .or_else(|| doc.meta_published.iter().find_map(|s| parse_loose(s)))
        .or_else(|| url.and_then(from_url))
}

/// The page's "Senast uppdaterad" date.
pub fn updated(doc: &Document) -> Option<PartialDate> {
    labelled_date(&doc.paragraphs, &UPDATED_LABEL, None)
        .or_else(|| doc.meta_updated.iter().find_map(|s| parse_loose(s)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> PartialDate {
        s.parse().unwrap()
    }

    #[test]
    fn swedish_dates_in_text() {
        let found: Vec<String> = find_dates(
            "Beslutet togs den 16 maj och gäller från 1 juli 2019, senast 2020-01-01 eller i mars 2024.",
            Some(2019),
        )
        .into_iter()
        .map(|m| m.date.to_string())
        .collect();
        assert_eq!(found, ["2019-05-16", "2019-07-01", "2020-01-01", "2024-03"]);
    }

    #[test]
    fn day_and_month_without_year_need_a_default() {
        assert!(find_dates("den 16 maj", None).is_empty());
        assert!(find_dates("den 16 maj", Some(2021))[0].year_inferred);
    }

    #[test]
    fn metadata_timestamps_keep_their_day() {
        assert_eq!(
            parse_loose("2022-11-20T18:12:00+01:00"),
            Some(d("2022-11-20"))
        );
    }

    #[test]
    fn english_service_dates() {
        assert_eq!(
            parse_loose("Pressmeddelanden • Dec 09, 2017 06:15 CET"),
            Some(d("2017-12-09"))
        );
    }

    #[test]
    fn a_byline_glued_to_its_date() {
        let lines = [
            "Nyheter".to_string(),
            "Av Sara Lund12 mars 2024 07:30".to_string(),
            "SKÖVDE. Välvia har fått uppdraget att driva kommunens fritidsbank.".to_string(),
        ];
        assert_eq!(bare_date_line(&lines), Some(d("2024-03-12")));
        assert_eq!(unglue("Lund12 mars"), "Lund 12 mars");
    }

    #[test]
    fn a_line_with_a_period_is_no_dateline() {
        let lines = |first: &str| {
            vec![
                first.to_string(),
                "Heby kommun har partnerskap med följande föreningar:".to_string(),
            ]
        };
        assert_eq!(
            bare_date_line(&lines(
                "Kvinnojouren Fria – 1 januari 2023–31 december 2025"
            )),
            None
        );
        assert_eq!(
            bare_date_line(&lines("Stockholm, 24 april 2018")),
            Some(d("2018-04-24"))
        );
    }

    #[test]
    fn a_labelled_date_is_the_one_after_its_label() {
        let doc = |line: &str| Document {
            title: Some("Nytt IOP".into()),
            paragraphs: vec![
                line.to_string(),
                "Tierps kommun har tecknat ett IOP med Kvinnojouren Tierp.".to_string(),
            ],
            ..Document::default()
        };
        for line in [
            "Uppdaterad 2024-04-02 | Publicerad 2024-03-12",
            "Publicerad 2024-03-12 | Uppdaterad 2024-04-02",
        ] {
            let page = doc(line);
            assert_eq!(published(&page, None), Some(d("2024-03-12")), "{line}");
            assert_eq!(updated(&page), Some(d("2024-04-02")), "{line}");
        }
    }

    #[test]
    fn url_dates_at_their_precision() {
        assert_eq!(
            from_url("https://x.se/nyheter/2021-06-15-rubrik"),
            Some(d("2021-06-15"))
        );
        assert_eq!(
            from_url("https://x.se/2021/06/15/rubrik/"),
            Some(d("2021-06-15"))
        );
        assert_eq!(
            from_url("https://x.se/nyheter/20181222/rubrik"),
            Some(d("2018-12-22"))
        );
        assert_eq!(from_url("https://x.se/2020/10/rubrik"), Some(d("2020-10")));
        assert_eq!(
            from_url("https://x.se/webbnyheter/2015/april/rubrik/"),
            Some(d("2015-04"))
        );
        assert_eq!(from_url("https://x.se/nyheter/rubrik-2020"), None);
        assert_eq!(from_url("https://2020-01-01.se/x"), None);
    }

    #[test]
    fn published_prefers_visible_text_and_skips_updated() {
        let doc = Document {
            paragraphs: vec![
                "Senast uppdaterad 2022-08-26".into(),
                "Publicerad:".into(),
                "4 mars, 2024".into(),
            ],
            meta_published: vec!["2020-01-01".into()],
            ..Document::default()
        };
        assert_eq!(published(&doc, None), Some(d("2024-03-04")));
        assert_eq!(updated(&doc), Some(d("2022-08-26")));
    }

    #[test]
    fn a_page_created_on_a_day_was_published_then() {
        let doc = Document {
            paragraphs: vec!["Skapad 2023-03-10, ändrad 2023-04-01".into()],
            ..Document::default()
        };
        assert_eq!(published(&doc, None), Some(d("2023-03-10")));
        assert_eq!(updated(&doc), Some(d("2023-04-01")));
    }

    #[test]
    fn datelines_near_the_top() {
        for line in [
            "2021-12-21 Av Redaktionen",
            "Debatt 6 november 2019 05:00",
            "| 2020-02-27",
        ] {
            let doc = Document {
                paragraphs: vec!["Rubrikrad".into(), line.into()],
                ..Document::default()
            };
            assert!(published(&doc, None).is_some(), "{line}");
        }
        let doc = Document {
            paragraphs: vec!["Avtalet gäller från 1 januari 2020".into()],
            ..Document::default()
        };
        assert_eq!(published(&doc, None), None);
    }

    #[test]
    fn a_dateline_after_menu_lines_and_the_lede() {
        let mut paragraphs: Vec<String> = (0..45).map(|i| format!("• Meny {i}")).collect();
        paragraphs.push("Avtal sex och sju är nu på plats när kommunen stärker sin profil som IOP-kommun ytterligare genom två nya partnerskap.".into());
        paragraphs.push("| 2020-02-27".into());
        let doc = Document {
            paragraphs,
            ..Document::default()
        };
        assert_eq!(published(&doc, None), Some(d("2020-02-27")));
    }

    #[test]
    fn a_date_stamp_opening_the_first_paragraph() {
        let doc = Document {
            paragraphs: vec![
                "date 2018-12 Under förra året övernattade i snitt sju personer på härbärget."
                    .into(),
            ],
            ..Document::default()
        };
        assert_eq!(published(&doc, None), Some(d("2018-12")));
        let doc = Document {
            paragraphs: vec!["Datum: 2019-04-02 Kommunen tecknar avtal.".into()],
            ..Document::default()
        };
        assert_eq!(published(&doc, None), Some(d("2019-04-02")));
        // an ISO month in running text is no date stamp
        let doc = Document {
            paragraphs: vec!["Avtalet löper 2019-04 till 2020-03.".into()],
            ..Document::default()
        };
        assert_eq!(published(&doc, None), None);
    }

    #[test]
    fn news_site_datelines() {
        for (line, date) in [
            ("Katrineholm2020-12-17 06:08", "2020-12-17"),
            ("Idrott 2019-07-11 07:00", "2019-07-11"),
            ("2015-04-10 – Fantastiskt skönt.", "2015-04-10"),
        ] {
            let doc = Document {
                paragraphs: vec!["Foto: Anna Berg".into(), line.into()],
                ..Document::default()
            };
            assert_eq!(published(&doc, None), Some(d(date)), "{line}");
        }
        // a period in a sentence is no dateline
        let doc = Document {
            paragraphs: vec!["Avtalet löper 2019-04-01 – 2020-03-31.".into()],
            ..Document::default()
        };
        assert_eq!(published(&doc, None), None);
    }

    #[test]
    fn press_release_line() {
        let doc = Document {
            paragraphs: vec!["1 juli 2019 | Pressmeddelande från Linköpings kommun".into()],
            ..Document::default()
        };
        assert_eq!(
            published(&doc, Some("https://x.se/2018/01/01/")),
            Some(d("2019-07-01"))
        );
    }
}
