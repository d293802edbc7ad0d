//! The pieces of an agreement's time in one Swedish sentence: dates with
//! the cue before them ("från och med 2020-01-01", "t.o.m. 31 december
//! 2026", "fram till 2027", "sedan årsskiftet"), year ranges ("2023–2025"),
//! and the year an agreement was signed. Lengths and options to extend are
//! in `length`. Uses `date` and `record`.

use std::sync::LazyLock;

use crate::extract::pattern::Pattern;

use crate::extract::date::{MONTHS, find_dates, month_number};
use crate::record::{PartialDate, last_of_month};

/// Whether a date opens or closes the agreement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Start,
    End,
}

/// A cue right before a date that makes it the start.
static START_CUE: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(r"(?i)(?:från\s+och\s+med|fr\.\s*o\.?\s*m\.?|fr\s+o\s+m|f\.\s*o\.?\s*m\.?|fom|from|från|mellan|perioden|med\s+start|startar|startade|sedan|(?:börjar|började|börja)(?:\s+(?:att\s+)?gälla)?|inleddes|träder\s+i\s+kraft|trädde\s+i\s+kraft|tar\s+vid)\s+(?:den\s+|i\s+|år\s+|början\s+av\s+|starten\s+av\s+|(?:\p{L}*säsongen|läsåret|verksamhetsåret|hösten|våren|sommaren|vintern)\s+)?$")
        .expect("valid regex")
});

/// A cue right before a date that makes it the end.
static END_CUE: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(r"(?i)(?:till\s+och\s+med|t\.\s*o\.?\s*m\.?|t\s+o\s+m|tom|fram\s+till|till|löper\s+ut|\blöpte\s+ut|upphör(?:de)?(?:\s+att\s+gälla)?|\bslutar|\bslutade(?:\s+gälla)?|\btog\s+slut|går\s+ut|(?:avtal\p{L}*|överenskommelse\p{L}*|partnerskap\p{L}*|kontrakt\p{L}*)\s+gick\s+ut|avsluta\w*(?:\s+(?:avtalet|överenskommelsen|samarbetet|partnerskapet))?)\s+(?:den\s+|i\s+|år\s+|(?:vid\s+)?utgången\s+av\s+|(?:vid\s+)?slutet\s+av\s+|(?:\p{L}*säsongen|läsåret|verksamhetsåret|\p{L}*terminen|hösten|våren|sommaren|vintern)\s+)?$|\bresten\s+av\s+(?:år\s+)?$")
        .expect("valid regex")
});

/// An agreement continued or renewed after a date: the date ends the one in
/// force ("vill nämnden förlänga överenskommelsen även efter 2019", "en
/// fortsättning för det här efter 2021").
static CONTINUED_AFTER: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(r"(?i)\b(?:förläng\p{L}*|fortsättning\p{L}*|fortsätt\p{L}*)\b[^.;]{0,80}?\b(?:även\s+|också\s+)?efter\s+(?:år\s+)?$")
        .expect("valid regex")
});

/// "mellan" right before a date: the next date after "och" ends the period.
static MELLAN: LazyLock<Pattern> =
    LazyLock::new(|| Pattern::new(r"(?i)\bmellan\s+(?:den\s+)?$").expect("valid regex"));
static AND_BETWEEN: LazyLock<Pattern> =
    LazyLock::new(|| Pattern::new(r"(?i)^\s*(?:och|[-–—])\s*(?:den\s+)?$").expect("valid regex"));

/// A sentence about an agreement's time: dates elsewhere are about other things.
pub static AGREEMENT_WORD: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(r"(?i)avtal|överenskommelse|partnerskap|\biop\b|samarbete|samverkan|kontrakt|\bgäller\b|\blöper\b|\buppdrag(?:et)?\b|\blöptid|\bgiltighetstid|\bdriften\b|arrende")
        .expect("valid regex")
});

/// A bare year, or two: "2027", "2023–2025", "2023–25", "2023 till 2025",
/// "2023 t.o.m. 2025"; or a season over the new year, "2024/2025", "2024/25"
/// (group 3).
static YEAR: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(r"\b((?:19|20)\d\d)(?:(?:\s*[-–—]\s*|\s+till(?:\s+och\s+med)?\s+|\s+t\.\s*o\.?\s*m\.?\s+)((?:19|20)?\d\d)|/((?:19|20)?\d\d))?\b").expect("valid regex")
});

/// Two years after "mellan": "mellan 2018 och 2020", "mellan åren 2022 och
/// 2024".
static BETWEEN_YEARS: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(
        r"(?i)\bmellan\s+(?:åren\s+|år\s+)?((?:19|20)\d\d)\s+och\s+(?:år\s+)?((?:19|20)\d\d)\b",
    )
    .expect("valid regex")
});

/// "avtalet för 2018", "ett avtal för år 2021", "gäller år 2009",
/// "partnerskap för 2025": an agreement of one year. (A season of a year,
/// "för sommarlovet 2025", is shorter than the year and not read here.)
static FOR_ONE_YEAR: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(
        r"(?i)\b(?:(?:\p{L}*avtal\p{L}*|överenskommelse\p{L}*|kontrakt\p{L}*|partnerskap\p{L}*|iop)\s+för|gäller|gällde|avser|avsåg|omfattar|omfattade)\s+(?:under\s+|för\s+)?(?:hela\s+)?(?:år\s+|året\s+|\p{L}*säsongen\s+|verksamhetsåret\s+|budgetåret\s+|kalenderåret\s+)?$",
    )
    .expect("valid regex")
});

/// A list of years the agreement covers: "under 2023 och 2024", "för åren
/// 2019, 2020 och 2021", "säsongerna 2023, 2024 och 2025": the first starts
/// it, the last ends it.
static YEAR_LIST: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(
        r"(?i)\b(?:under|för|åren|säsongerna|verksamhetsåren|perioden|gäller|gällde|löper|avser|omfattar)\s+(?:åren\s+|säsongerna\s+)?((?:19|20)\d\d)(?:/(?:19|20)?\d\d)?(?:\s*,\s*(?:19|20)\d\d(?:/(?:19|20)?\d\d)?)*\s*(?:,\s*)?(?:och|samt)\s+((?:19|20)\d\d)(?:/((?:19|20)?\d\d))?\b",
    )
    .expect("valid regex")
});

/// Between two dates of a range: a dash or "till".
static RANGE_GAP: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(
        r"(?i)^\s*(?:[-–—]{1,2}|till(?:\s+och\s+med)?|t\.\s*o\.?\s*m\.?|t\s+o\s+m)\s*(?:den\s+)?$",
    )
    .expect("valid regex")
});

/// "gäller året ut", "löper året ut": the agreement ends with the year it is
/// written in, on its last day.
static YEAR_OUT: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(r"(?i)\b(?:gäller|löper|pågår|gäller\s+avtalet)\s+(?:\p{L}+\s+)?året\s+ut\b")
        .expect("valid regex")
});

/// The end of the year the page is written in, said as such: "till årets
/// slut", "vid utgången av året", "från 1 april och året ut", "resten av
/// året": its last day.
static YEAR_END: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(r"(?i)\b(?:(?:till\s+och\s+med|t\.\s*o\.?\s*m\.?|fram\s+till|till|vid|upphör|slutar|löper\s+ut|går\s+ut)\s+(?:vid\s+)?(?:årets\s+(?:slut|utgång)|utgången\s+av\s+året|slutet\s+av\s+året|årsslutet)|och\s+året\s+ut|(?:under\s+)?resten\s+av\s+året)\b")
        .expect("valid regex")
});

/// An agreement for the year the page is written in: "gäller under hela
/// året" (not "året ut"); "gäller i år" reads "gäller 2023" by
/// `relative_years` and is a year like any other.
static THIS_YEAR: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(r"(?i)\b(?:gäller|avser|omfattar)\s+(?:för\s+|under\s+)?(?:hela\s+)?året\b")
        .expect("valid regex")
});

/// "sista december 2020", "den första april i år": the first or last day of
/// a month, the year written, "i år" or left to the publication year.
static LAST_OF_MONTH: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(&format!(
        r"(?i)\b(första|sista)\s+({MONTHS})(?:\s+((?:19|20)\d\d)\b|\s+i\s+år\b)?"
    ))
    .expect("valid regex")
});

/// The agreement was signed: a year in the sentence is when it began.
static SIGNED: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(r"(?i)\b(?:skrevs|tecknades|undertecknades|signerades|ingicks|slöts)\b")
        .expect("valid regex")
});

/// "årsskiftet" and its cue: a start ("från och med årsskiftet", "sedan
/// årsskiftet 2018/2019", "från årsskiftet 2018") or, after a word of
/// ending ("löper ut vid årsskiftet", "fram till årsskiftet"), an end;
/// "halvårsskiftet" likewise, the turn of 30 June and 1 July. After a verb
/// of beginning in the past ("började gälla vid årsskiftet") it is the turn
/// that passed.
static NEW_YEAR: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(r"(?i)\b(?:(?P<ends>(?:löper|går)\s+ut\s+|upphör\s+|upphör\s+att\s+gälla\s+|slutar\s+|avslutas\s+|tar\s+slut\s+|(?P<past>(?:gick|löpte)\s+ut\s+|upphörde\s+|upphörde\s+att\s+gälla\s+|slutade\s+|avslutades\s+|tog\s+slut\s+))|(?P<began>började\s+(?:att\s+)?gälla\s+|startade\s+|inleddes\s+|trädde\s+i\s+kraft\s+))?(?P<cue>från\s+och\s+med|fr\.\s*o\.\s*m\.?|från|vid|efter|sedan|till\s+och\s+med|t\.\s*o\.\s*m\.?|fram\s+till|till)\s+(?:kommande\s+)?(?P<half>halv)?årsskiftet\b(?:\s+((?:19|20)\d\d)\s*/\s*(?P<next>(?:19|20)\d\d)|\s+(?P<one>(?:19|20)\d\d)\b(?:\s*/)?)?")
        .expect("valid regex")
});

/// Two months of one year: "januari–december 2022", "från april till och
/// med december 2023" (a first month after the last is in the year before).
static MONTH_RANGE: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(&format!(
        r"(?i)\b({MONTHS})\s*(?:[-–—]|till(?:\s+och\s+med)?)\s*({MONTHS})\s+((?:19|20)\d\d)\b"
    ))
    .expect("valid regex")
});

/// "från och med nästa år": the year after the page's.
static NEXT_YEAR: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(r"(?i)\b(?:från\s+och\s+med|fr\.\s*o\.?\s*m\.?|från)\s+nästa\s+år\b")
        .expect("valid regex")
});

/// A date that opens or closes the agreement, found in a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CuedDate {
    pub role: Role,
    pub date: PartialDate,
}

/// "till utgången av 2024", "t.o.m. utgången av juni 2025": the last day of
/// the year or month the agreement expires with.
fn expiry(head: &str, date: PartialDate) -> PartialDate {
    static EXPIRES: LazyLock<Pattern> =
        LazyLock::new(|| Pattern::new(r"(?i)\butgången\s+av\s+(?:år\s+)?$").expect("valid regex"));
    if !EXPIRES.is_match(head) || date.day.is_some() {
        return date;
    }
    last_of_month(date.year, date.month.unwrap_or(12)).into()
}

/// A year said relative to the page's: "i år", "innevarande år", "nästa
/// år", "nästkommande år", "förra året", "i fjol".
static RELATIVE_YEAR: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(r"(?i)\b(?:(?P<this>i\s+år|innevarande\s+år)|(?P<next>nästa\s+år|nästkommande\s+år)|(?P<last>förra\s+året|i\s+fjol))\b")
        .expect("valid regex")
});

/// `sentence` with each year said relative to `year` written as the year
/// it is: "till och med nästa år" in a text of 2023 reads "till och med
/// 2024".
fn relative_years(sentence: &str, year: i32) -> String {
    let mut out = String::with_capacity(sentence.len());
    let mut last = 0;
    for c in RELATIVE_YEAR.captures_iter(sentence) {
        let m = c.get(0).expect("match");
        let y = if c.name("next").is_some() {
            year + 1
        } else if c.name("last").is_some() {
            year - 1
        } else {
            year
        };
        out.push_str(&sentence[last..m.start()]);
        out.push_str(&y.to_string());
        last = m.end();
    }
    out.push_str(&sentence[last..]);
    out
}

/// A month named alone, no day or year beside it: "från och med april".
static BARE_MONTH: LazyLock<Pattern> =
    LazyLock::new(|| Pattern::new(&format!(r"(?i)\b({MONTHS})\b")).expect("valid regex"));

/// "från i dag", "från och med idag": the day the page is written.
static FROM_TODAY: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(r"(?i)\b(?:från\s+och\s+med|fr\.\s*o\.?\s*m\.?|från|gäller)\s+(?:i\s*dag|idag)\b")
        .expect("valid regex")
});

/// Dates with their role, in order: cued dates, "årsskiftet" resolved
/// against `published`, year ranges as start and end.
pub fn cued_dates(sentence: &str, published: Option<PartialDate>) -> Vec<CuedDate> {
    // the years said relative to the page's ("nästa år", "i år") read as
    // the years they are; only roles and dates leave this function, so the
    // rewritten sentence is never quoted
    let rewritten = published.map(|p| relative_years(sentence, p.year));
    let sentence = rewritten.as_deref().unwrap_or(sentence);
    let found = find_dates(sentence, published.map(|p| p.year));
    let mut spans: Vec<(usize, usize, PartialDate)> = Vec::with_capacity(found.len());
    for (k, m) in found.iter().enumerate() {
        let mut date = m.date;
        // "1 januari–31 december 2024", "mellan 1 januari och 31 december
        // 2024": a first date without its year has the year of the second
        if m.year_inferred
            && let Some(next) = found.get(k + 1).filter(|n| !n.year_inferred)
        {
            let gap = &sentence[m.range.end..next.range.start];
            if RANGE_GAP.is_match(gap) || AND_BETWEEN.is_match(gap) {
                date.year = next.date.year;
                if date.first_day() > next.date.first_day() {
                    date.year -= 1;
                }
            }
        }
        // "30 juni nästa år", "1 mars i fjol": the year said after the day
        if m.year_inferred {
            let rest = sentence[m.range.end..].trim_start().to_lowercase();
            if rest.starts_with("nästa år") || rest.starts_with("kommande år") {
                date.year += 1;
            } else if rest.starts_with("i fjol") || rest.starts_with("förra året") {
                date.year -= 1;
            }
        }
        spans.push((m.range.start, m.range.end, date));
    }
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
    // a month alone after a cue ("från och med april", "till och med
    // december"): of the page's year, an end before the page's month in the
    // next
    if let Some(p) = published {
        for c in BARE_MONTH.captures_iter(sentence) {
            let r = c.get(1).expect("month").range();
            if spans.iter().any(|s| s.0 < r.end && r.start < s.1) {
                continue;
            }
            let head = &sentence[..r.start];
            let Some(m) = month_number(&c[1]) else {
                continue;
            };
            let year = if END_CUE.is_match(head) && p.month.is_some_and(|pm| m < pm) {
                p.year + 1
            } else if START_CUE.is_match(head) || END_CUE.is_match(head) {
                p.year
            } else {
                continue;
            };
            if let Some(date) = PartialDate::month(year, m) {
                spans.push((r.start, r.end, date));
            }
        }
    }
    spans.sort_by_key(|s| s.0);
    let mut out: Vec<(usize, CuedDate)> = Vec::new();
    let role_before = |at: usize| -> Option<Role> {
        let head = &sentence[..at];
        if START_CUE.is_match(head) {
            Some(Role::Start)
        } else if END_CUE.is_match(head) || CONTINUED_AFTER.is_match(head) {
            Some(Role::End)
        } else {
            None
        }
    };
    let mut after_between: Option<usize> = None;
    for (k, &(s, e, date)) in spans.iter().enumerate() {
        // "1 juli 2024–31 december 2027", "1/3 2022 till 28/2 2023"
        let opens_range = spans
            .get(k + 1)
            .is_some_and(|n| RANGE_GAP.is_match(&sentence[e..n.0]));
        let closes_range = k > 0 && RANGE_GAP.is_match(&sentence[spans[k - 1].1..s]);
        let role = role_before(s)
            .or_else(|| {
                // "mellan 1 januari 2022 och 31 december 2024"
                after_between
                    .filter(|&prev| AND_BETWEEN.is_match(&sentence[prev..s]))
                    .map(|_| Role::End)
            })
            .or(opens_range.then_some(Role::Start))
            .or(closes_range.then_some(Role::End));
        after_between = (MELLAN.is_match(&sentence[..s]) || role == Some(Role::Start)).then_some(e);
        if let Some(role) = role {
            let date = if role == Role::End {
                expiry(&sentence[..s], date)
            } else {
                date
            };
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
        // "läsåret 2024/2025", "säsongen 2023/24": a season starts in its
        // first year and ends in the next ("årsskiftet 2018/2019" is a day)
        let season = c
            .get(3)
            .and_then(|m| m.as_str().parse::<i32>().ok())
            .map(|to| if to < 100 { first / 100 * 100 + to } else { to });
        if let Some(to) = season {
            let turn = sentence[..whole.start()]
                .trim_end()
                .to_lowercase()
                .ends_with("årsskiftet");
            if to == first + 1 && !turn {
                for (role, y) in [(Role::Start, first), (Role::End, to)] {
                    out.push((
                        whole.start(),
                        CuedDate {
                            role,
                            date: PartialDate::year(y),
                        },
                    ));
                }
            }
            continue;
        }
        // two digits after a dash that are no later year ("2020-12", "2023
        // – 15 föreningar") leave the first year standing alone
        let range = c
            .get(2)
            .filter(|m| m.len() == 4 || later_year(first, m.as_str()) > 0);
        if let Some(second) = range {
            let second = later_year(first, second.as_str());
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
        } else if FOR_ONE_YEAR.is_match(&sentence[..whole.start()]) {
            for role in [Role::Start, Role::End] {
                out.push((
                    whole.start(),
                    CuedDate {
                        role,
                        date: PartialDate::year(first),
                    },
                ));
            }
        } else if let Some(role) = role_before(whole.start()) {
            let date = if role == Role::End {
                expiry(&sentence[..whole.start()], PartialDate::year(first))
            } else {
                PartialDate::year(first)
            };
            out.push((whole.start(), CuedDate { role, date }));
        }
    }
    let lists = YEAR_LIST
        .captures_iter(sentence)
        .chain(BETWEEN_YEARS.captures_iter(sentence))
        .collect::<Vec<_>>();
    for c in lists {
        let whole = c.get(0).expect("match");
        let first: i32 = c[1].parse().unwrap_or(0);
        let mut last: i32 = c[2].parse().unwrap_or(0);
        // a season over the new year ends in the later year: "2024/2025", "2024/25"
        if let Some(to) = c.get(3).and_then(|m| m.as_str().parse::<i32>().ok()) {
            last = if to < 100 { last / 100 * 100 + to } else { to };
        }
        if last <= first || last - first > 20 {
            continue;
        }
        // the years of the list replace what was read of them one by one
        out.retain(|(at, _)| *at < whole.start() || *at >= whole.end());
        for (role, y) in [(Role::Start, first), (Role::End, last)] {
            out.push((
                whole.start(),
                CuedDate {
                    role,
                    date: PartialDate::year(y),
                },
            ));
        }
    }
    for c in MONTH_RANGE.captures_iter(sentence) {
        let at = c.get(0).expect("match").start();
        let (Some(a), Some(b), Ok(y)) = (
            month_number(&c[1]),
            month_number(&c[2]),
            c[3].parse::<i32>(),
        ) else {
            continue;
        };
        let from = if a > b { y - 1 } else { y };
        if let (Some(s), Some(e)) = (PartialDate::month(from, a), PartialDate::month(y, b)) {
            out.retain(|(x, d)| {
                !(*x >= at && *x < c.get(0).expect("match").end() && d.role == Role::End)
            });
            out.push((
                at,
                CuedDate {
                    role: Role::Start,
                    date: s,
                },
            ));
            out.push((
                at,
                CuedDate {
                    role: Role::End,
                    date: e,
                },
            ));
        }
    }
    if let Some(p) = published {
        for m in YEAR_END.find_iter(sentence) {
            out.push((
                m.start(),
                CuedDate {
                    role: Role::End,
                    date: last_of_month(p.year, 12).into(),
                },
            ));
        }
        if let Some(m) = THIS_YEAR
            .find_iter(sentence)
            .find(|m| !sentence[m.end()..].trim_start().starts_with("ut"))
        {
            for role in [Role::Start, Role::End] {
                out.push((
                    m.start(),
                    CuedDate {
                        role,
                        date: PartialDate::year(p.year),
                    },
                ));
            }
        }
    }
    // the year's last day, like "till årets slut"
    if let (Some(p), Some(m)) = (published, YEAR_OUT.find(sentence)) {
        out.push((
            m.start(),
            CuedDate {
                role: Role::End,
                date: last_of_month(p.year, 12).into(),
            },
        ));
    }
    if let Some(p) = published {
        for c in NEW_YEAR.captures_iter(sentence) {
            let at = c.get(0).expect("match").start();
            let cue = c["cue"].to_lowercase();
            let ends = c.name("ends").is_some()
                || cue.starts_with("till")
                || cue.starts_with("t.")
                || cue.starts_with("fram");
            let next_year = c.name("next").and_then(|y| y.as_str().parse::<i32>().ok());
            // "från årsskiftet 2018": the year it opens; read as an end it is unsure
            let one_year = c
                .name("one")
                .filter(|_| !c[0].ends_with('/'))
                .and_then(|y| y.as_str().parse::<i32>().ok());
            // "halvårsskiftet": the turn of 30 June and 1 July
            let half = c.name("half").is_some();
            if ends && one_year.is_some() && !half {
                continue;
            }
            let opens = if half { 7 } else { 1 };
            let next_year = next_year.filter(|_| !half);
            // the coming turn, unless the page is from its first weeks
            let coming = if p.month == Some(opens) || (half && p.month.is_some_and(|m| m < 7)) {
                p.year
            } else {
                p.year + 1
            };
            // the turn that passed last
            let passed = if half && p.month.is_some_and(|m| m < 7) {
                p.year - 1
            } else {
                p.year
            };
            let (role, date) = if ends && half {
                let y = one_year.unwrap_or(coming);
                (Role::End, PartialDate::day(y, 6, 30))
            } else if ends {
                // "gick ut vid årsskiftet": the turn that passed
                let turn = if c.name("past").is_some() {
                    passed
                } else {
                    coming
                };
                let y = next_year.unwrap_or(turn);
                (Role::End, PartialDate::day(y - 1, 12, 31))
            } else if c.name("began").is_some() && next_year.or(one_year).is_none() {
                // "började gälla vid årsskiftet": the turn that passed
                (Role::Start, PartialDate::day(passed, opens, 1))
            } else if cue == "sedan" {
                (
                    Role::Start,
                    PartialDate::month(next_year.or(one_year).unwrap_or(passed), opens),
                )
            } else {
                let y = next_year.or(one_year).unwrap_or(coming);
                (Role::Start, PartialDate::day(y, opens, 1))
            };
            if let Some(date) = date {
                out.push((at, CuedDate { role, date }));
            }
        }
        // "från i dag": the page's day
        if p.day.is_some()
            && let Some(m) = FROM_TODAY.find(sentence)
        {
            out.push((
                m.start(),
                CuedDate {
                    role: Role::Start,
                    date: p,
                },
            ));
        }
        // "från och med nästa år"
        for m in NEXT_YEAR.find_iter(sentence) {
            out.push((
                m.start(),
                CuedDate {
                    role: Role::Start,
                    date: PartialDate::year(p.year + 1),
                },
            ));
        }
    }
    out.sort_by_key(|(at, _)| *at);
    out.into_iter().map(|(_, d)| d).collect()
}

/// The second year of a range, written in full or by its last two digits
/// ("2023–26" is 2023 to 2026). Two digits that could be a month ("2010-11")
/// or that fall before the first year give 0, no year.
fn later_year(first: i32, written: &str) -> i32 {
    let n: i32 = written.parse().unwrap_or(0);
    match written.len() {
        2 if n > 12 && n > first % 100 => first / 100 * 100 + n,
        2 => 0,
        _ => n,
    }
}

/// The year an agreement was signed ("avtalet skrevs 2013",
/// "undertecknades hösten 2016"): its start when nothing better is said.
/// A year that ends the agreement ("skrevs ett avtal ... i tio år, till den
/// 31 december 2029") is no signing year.
pub fn signed_year(sentence: &str) -> Option<PartialDate> {
    let at = SIGNED.find(sentence)?.end();
    let c = YEAR.captures(&sentence[at..])?;
    let year_at = at + c.get(0)?.start();
    let first: i32 = c[1].parse().ok()?;
    if c.get(2)
        .is_some_and(|m| m.len() == 4 || later_year(first, m.as_str()) > 0)
        || sentence[at + c.get(0)?.end()..]
            .trim_start()
            .starts_with("års")
    {
        return None;
    }
    // the date the year belongs to ("31 december 2029"), and what is said
    // right before it
    let date_at = find_dates(sentence, None)
        .into_iter()
        .find(|m| m.range.contains(&year_at))
        .map_or(year_at, |m| m.range.start);
    if END_CUE.is_match(&sentence[..date_at]) {
        return None;
    }
    c[1].parse().ok().map(PartialDate::year)
}

#[cfg(test)]
mod tests {
    use super::super::length::stated_months;
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
    fn the_year_the_page_is_written_in() {
        let p = Some("2023-03-10");
        let both = |y: &str| vec![(Role::Start, y.to_string()), (Role::End, y.to_string())];
        assert_eq!(cued("Avtalet gäller för i år.", p), both("2023"));
        assert_eq!(cued("Avtalet avser innevarande år.", p), both("2023"));
        assert_eq!(cued("Avtalet avser verksamhetsåret 2024.", p), both("2024"));
        assert_eq!(cued("Avtalet gäller under hela 2024.", p), both("2024"));
        // "året ut" ends it on the year's last day and opens nothing
        assert_eq!(
            cued("Avtalet gäller året ut.", p),
            vec![(Role::End, "2023-12-31".to_string())]
        );
        // the year's end said as such is its last day
        for s in [
            "Avtalet gäller från 1 april till årets slut.",
            "Avtalet gäller från 1 april och året ut.",
            "Avtalet gäller resten av året.",
            "Avtalet upphör vid utgången av året.",
        ] {
            assert!(
                cued(s, p).contains(&(Role::End, "2023-12-31".to_string())),
                "{s}"
            );
        }
        assert_eq!(
            cued("Avtalet gäller under resten av 2024.", p),
            vec![(Role::End, "2024".to_string())]
        );
        assert_eq!(
            cued("Avtalet upphör i år.", p),
            vec![(Role::End, "2023".to_string())]
        );
        assert_eq!(
            cued("Samarbetet avslutades i fjol.", p),
            vec![(Role::End, "2022".to_string())]
        );
        // a year's activity is no term
        assert!(cued("Avtalet omfattar 2024 års verksamhet.", p).is_empty());
    }

    #[test]
    fn years_and_months_said_relative_to_the_page() {
        let p = Some("2023-03-10");
        let c = |s: &str| cued(s, p);
        let end = |y: &str| vec![(Role::End, y.to_string())];
        let start = |y: &str| vec![(Role::Start, y.to_string())];
        assert_eq!(c("Avtalet gäller till och med nästa år."), end("2024"));
        assert_eq!(
            c("Avtalet gäller till utgången av nästa år."),
            end("2024-12-31")
        );
        assert_eq!(c("Avtalet börjar gälla nästa år."), start("2024"));
        assert_eq!(
            c("Avtalet gäller i år och nästa år."),
            [(Role::Start, "2023".into()), (Role::End, "2024".into())]
        );
        assert_eq!(
            c("Avtalet gäller från april i år till mars nästa år."),
            [
                (Role::Start, "2023-04".into()),
                (Role::End, "2024-03".into())
            ]
        );
        // a month alone after a cue: an end before the page's month is next year's
        assert_eq!(c("Avtalet gäller från och med april."), start("2023-04"));
        assert_eq!(c("Avtalet gäller till och med december."), end("2023-12"));
        assert_eq!(c("Avtalet gäller till och med februari."), end("2024-02"));
        // and none without a cue
        assert!(c("Avtalet skrevs under i april.").is_empty());
        assert_eq!(c("Avtalet gäller från i dag."), start("2023-03-10"));
    }

    #[test]
    fn an_agreement_that_ended_ends_on_the_date_it_ended() {
        let end = |y: &str| vec![(Role::End, y.to_string())];
        assert_eq!(cued("Avtalet upphörde 2021.", None), end("2021"));
        assert_eq!(
            cued("Avtalet löpte ut den 31 december 2022.", None),
            end("2022-12-31")
        );
        assert_eq!(
            cued("Överenskommelsen gick ut i juni 2020.", None),
            end("2020-06")
        );
        // the notice given is no end, and "gick ut" of anything but the
        // agreement is no ending
        assert!(cued("Avtalet sades upp i december 2022.", None).is_empty());
        assert!(cued("Kommunen gick ut i mars 2022 med en inbjudan.", None).is_empty());
        assert!(cued("Nämnden beslutar den 16 maj 2024 om avtalet.", None).is_empty());
        // "tar vid" opens it
        assert_eq!(
            cued("Det nya avtalet tar vid den 1 juli 2024.", None),
            vec![(Role::Start, "2024-07-01".to_string())]
        );
    }

    #[test]
    fn a_season_over_the_new_year_starts_and_ends_in_its_years() {
        let s = |r: Role, y: &str| (r, y.to_string());
        assert_eq!(
            cued("Avtalet gäller läsåret 2024/2025.", None),
            [s(Role::Start, "2024"), s(Role::End, "2025")]
        );
        assert_eq!(
            cued("Bidraget gäller säsongen 2023/24.", None),
            [s(Role::Start, "2023"), s(Role::End, "2024")]
        );
        // no season: years apart, or the turn of the year
        assert!(cued("Diarienummer 2019/2023 gäller.", None).is_empty());
        assert!(cued("Avtalet gäller från årsskiftet 2024/2025.", None).is_empty());
    }

    #[test]
    fn from_and_tom_without_dots_open_and_close() {
        assert_eq!(
            cued("Avtalet gäller from 1/1 2025 tom 31/12 2026.", None),
            [
                (Role::Start, "2025-01-01".to_string()),
                (Role::End, "2026-12-31".to_string())
            ]
        );
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
    fn an_agreement_continued_after_a_year_runs_until_then() {
        assert_eq!(
            cued(
                "Nu vill nämnden förlänga överenskommelsen även efter 2019.",
                None
            ),
            [(Role::End, "2019".into())]
        );
        assert_eq!(
            cued(
                "Jag hoppas på en fortsättning för det här efter 2021.",
                None
            ),
            [(Role::End, "2021".into())]
        );
        // "efter" alone is no end
        assert_eq!(cued("Efter 2019 ökade antalet deltagare.", None), []);
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
        assert_eq!(
            signed_year("Då skrevs ett avtal som gäller i tio år, till den 31 december 2029."),
            None
        );
        assert_eq!(
            signed_year("Avtalet skrevs till sist 2019."),
            Some(d("2019"))
        );
    }

    #[test]
    fn an_agreement_for_one_named_year() {
        assert_eq!(
            cued("Avtalet för 2018 anses inte göra det.", None),
            [(Role::Start, "2018".into()), (Role::End, "2018".into())]
        );
        assert_eq!(
            cued(
                "Kommunen tecknar ett hyresavtal för år 2021 med klubben.",
                None
            ),
            [(Role::Start, "2021".into()), (Role::End, "2021".into())]
        );
        // a sum for a year is no period of the agreement
        assert!(cued("Bidraget för 2018 är 605 000 kronor.", None).is_empty());
        assert!(FOR_ONE_YEAR.is_match("avtalet för "));
    }

    #[test]
    fn year_ranges_and_the_years_activity() {
        assert_eq!(
            cued("IOP-avtalet för 2023–2025 är klart.", None),
            [(Role::Start, "2023".into()), (Role::End, "2025".into())]
        );
        assert_eq!(cued("Bidrag till 2020 års verksamhet.", None), []);
        // the later year by its last two digits
        for s in ["Avtalet gäller 2023–26.", "Avtalet gäller 2023-26."] {
            assert_eq!(
                cued(s, None),
                [(Role::Start, "2023".into()), (Role::End, "2026".into())]
            );
        }
        // a year and a month, or digits before the first year, are no range
        assert_eq!(later_year(2010, "11"), 0);
        assert_eq!(
            cued("Avtalet gäller från och med 2020-12.", None),
            [(Role::Start, "2020".into())]
        );
        assert_eq!(later_year(2023, "19"), 0);
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
}
