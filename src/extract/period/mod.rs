//! Time of an agreement: start, end, stated length and option to extend,
//! from the sentences that speak of it. Relative expressions ("från och med
//! årsskiftet", "sedan årsskiftet", a day without a year) are resolved
//! against the publication date; an end follows from a start and a length
//! ("fem år från 1 juli 2023" ends 2028-06-30) and a start from an end and a
//! length, at the precision the text gives. Uses `date` and `record`.

mod length;
mod parse;

use std::sync::LazyLock;

use chrono::{Months, NaiveDate};

use crate::extract::pattern::Pattern;
use crate::record::PartialDate;
pub use length::{count, extension_months, stated_months};
pub use parse::{AGREEMENT_WORD, Role, cued_dates, signed_year};

/// A value with the verbatim text it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dated<T> {
    pub value: T,
    /// A verbatim substring of one of the input sentences (the sentence).
    pub evidence: String,
}

/// When an agreement runs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Period {
    pub start: Option<Dated<PartialDate>>,
    pub end: Option<Dated<PartialDate>>,
    pub duration_months: Option<Dated<u32>>,
    pub extension_months: Option<Dated<u32>>,
}

/// Months from `start` to the day after `end`, rounded to the nearest
/// whole month (2020-01-01 to 2022-12-31 is 36).
pub fn months_between(start: NaiveDate, end: NaiveDate) -> Option<u32> {
    let stop = end.succ_opt()?;
    if stop <= start {
        return None;
    }
    let mut whole = 0u32;
    while whole < 1200 && start.checked_add_months(Months::new(whole + 1))? <= stop {
        whole += 1;
    }
    let base = start.checked_add_months(Months::new(whole))?;
    let next = start.checked_add_months(Months::new(whole + 1))?;
    let rest = (stop - base).num_days();
    let span = (next - base).num_days();
    Some(if 2 * rest >= span { whole + 1 } else { whole })
}

/// The end of an agreement that starts at `start` and runs `months`.
pub fn end_from(start: PartialDate, months: u32) -> Option<PartialDate> {
    match (start.month, start.day) {
        (Some(_), Some(_)) => {
            let d = start
                .to_naive()?
                .checked_add_months(Months::new(months))?
                .pred_opt()?;
            Some(d.into())
        }
        (Some(m), None) => {
            let total = start.year * 12 + m as i32 - 1 + months as i32 - 1;
            PartialDate::month(total.div_euclid(12), total.rem_euclid(12) as u32 + 1)
        }
        _ => months
            .is_multiple_of(12)
            .then(|| PartialDate::year(start.year + (months / 12) as i32 - 1)),
    }
}

/// The start of an agreement that ends at `end` after `months`.
pub fn start_from(end: PartialDate, months: u32) -> Option<PartialDate> {
    match (end.month, end.day) {
        (Some(_), Some(_)) => {
            let d = end
                .to_naive()?
                .succ_opt()?
                .checked_sub_months(Months::new(months))?;
            Some(d.into())
        }
        (Some(m), None) => {
            let total = end.year * 12 + m as i32 - 1 - months as i32 + 1;
            PartialDate::month(total.div_euclid(12), total.rem_euclid(12) as u32 + 1)
        }
        _ => months
            .is_multiple_of(12)
            .then(|| PartialDate::year(end.year - (months / 12) as i32 + 1)),
    }
}

/// Money in a sentence: a sum, or the support paid ("ett ökat ekonomiskt
/// stöd ... under de kommande tre åren").
static SUM_WORD: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(r"(?i)\b(?:kronor|kr|mkr|mnkr|tkr|miljon|miljoner|sek|ekonomiskt stöd|pengar|\p{L}*bidrag(?:et)?|ersättning(?:en)?|finansiering(?:en)?)\b")
        .expect("valid regex")
});

/// The agreement's period from the sentences that speak of it. Dates count
/// in sentences that name an agreement or its time ("avtalet", "gäller").
pub fn find_period(sentences: &[&str], published: Option<PartialDate>) -> Period {
    find_period_in(sentences, published, false)
}

/// The period, where `every` says that every sentence is about the
/// agreement alone (the item of a list of agreements: "Norrby IK – 1 juli
/// 2024–31 december 2027"), so its dates count without an agreement word.
pub fn find_period_in(sentences: &[&str], published: Option<PartialDate>, every: bool) -> Period {
    find_period_in_parts(sentences, sentences, published, every)
}

/// The period read from `parts`, each the part of its sentence that speaks
/// of this agreement ("Avtalet med A gäller 2025–2027 och liknar det med B,
/// som har gällt sedan 2023": B's part is from its name on); an agreement
/// word may stand anywhere in the sentence, and the whole sentence is the
/// evidence.
pub fn find_period_in_parts(
    sentences: &[&str],
    parts: &[&str],
    published: Option<PartialDate>,
    every: bool,
) -> Period {
    let mut p = Period::default();
    let cued: Vec<Vec<parse::CuedDate>> = sentences
        .iter()
        .zip(parts)
        .map(|(s, part)| {
            if every || AGREEMENT_WORD.is_match(s) {
                cued_dates(part, published)
            } else {
                Vec::new()
            }
        })
        .collect();
    // a sentence that gives both ends states the period best
    let both = |c: &Vec<parse::CuedDate>| {
        c.iter().any(|d| d.role == Role::Start) && c.iter().any(|d| d.role == Role::End)
    };
    if let Some(i) = cued.iter().position(both) {
        for c in &cued[i] {
            let slot = match c.role {
                Role::Start => &mut p.start,
                Role::End => &mut p.end,
            };
            if slot.is_none() {
                *slot = Some(Dated {
                    value: c.date,
                    evidence: sentences[i].to_string(),
                });
            }
        }
    }
    for ((s, part), found) in sentences.iter().zip(parts).zip(&cued) {
        for c in found.iter().cloned() {
            let slot = match c.role {
                Role::Start => &mut p.start,
                Role::End => &mut p.end,
            };
            if slot.is_none() {
                *slot = Some(Dated {
                    value: c.date,
                    evidence: s.to_string(),
                });
            }
        }
        // a length counts where the sentence speaks of the agreement or its
        // sum ("Föreningen får 1,2 miljoner kronor under tre år"), not in
        // one about the organisation's history, a plan or a loan
        if p.duration_months.is_none()
            && (every || AGREEMENT_WORD.is_match(s) || SUM_WORD.is_match(s))
            && let Some(m) = stated_months(part)
        {
            p.duration_months = Some(Dated {
                value: m,
                evidence: s.to_string(),
            });
        }
        if p.extension_months.is_none()
            && let Some(m) = extension_months(part)
        {
            p.extension_months = Some(Dated {
                value: m,
                evidence: s.to_string(),
            });
        }
    }
    // an end given by its year first ("Nytt partnerskap ... för
    // 2027–2030") and by its day later ("för perioden 1 januari 2027 till
    // 31 december 2030"): the day, at the precision the text gives it
    for (s, found) in sentences.iter().zip(&cued) {
        for c in found {
            let slot = match c.role {
                Role::Start => &mut p.start,
                Role::End => &mut p.end,
            };
            if let Some(d) = slot
                && refines(d.value, c.date)
            {
                *d = Dated {
                    value: c.date,
                    evidence: s.to_string(),
                };
            }
        }
    }
    if p.start.is_none()
        && let Some((year, s)) = sentences
            .iter()
            .zip(parts)
            .filter(|(s, _)| AGREEMENT_WORD.is_match(s))
            .find_map(|(s, part)| signed_year(part).map(|y| (y, s)))
    {
        p.start = Some(Dated {
            value: year,
            evidence: s.to_string(),
        });
    }
    complete(&mut p);
    p
}

/// True when `finer` is `coarse` told more precisely: the same year (and
/// month, when `coarse` has one) with a month or day more.
fn refines(coarse: PartialDate, finer: PartialDate) -> bool {
    let precision = |d: PartialDate| d.month.is_some() as u8 + d.day.is_some() as u8;
    finer.year == coarse.year
        && coarse.month.is_none_or(|m| finer.month == Some(m))
        && coarse.day.is_none()
        && precision(finer) > precision(coarse)
}

/// The period a sentence that states the agreement's sum gives by the
/// years or days it is paid for ("3,5 miljoner kronor per år för åren 2019,
/// 2020 och 2021"), when the agreement's own sentences name none: a range
/// only, for a sum in one named year is no term. The first such sentence
/// of `sentences` counts.
pub fn from_paid_range(p: &mut Period, sentences: &[&str], published: Option<PartialDate>) {
    if p.start.is_some() || p.end.is_some() {
        return;
    }
    for q in sentences {
        let found = cued_dates(q, published);
        let start = found.iter().find(|d| d.role == Role::Start);
        let end = found.iter().rev().find(|d| d.role == Role::End);
        if let (Some(s), Some(e)) = (start, end)
            && s.date.first_day() < e.date.first_day()
        {
            p.start = Some(Dated {
                value: s.date,
                evidence: q.to_string(),
            });
            p.end = Some(Dated {
                value: e.date,
                evidence: q.to_string(),
            });
            complete(p);
            return;
        }
    }
}

/// What follows from what is stated: an end before its start is dropped, an
/// end follows from a start and a length, a start from an end and a length,
/// a length from two full dates.
fn complete(p: &mut Period) {
    // an end before its start is no period: keep the start
    if let (Some(s), Some(e)) = (&p.start, &p.end)
        && e.value.last_day() < s.value.first_day()
    {
        p.end = None;
    }
    match (&p.start, &p.end, &p.duration_months) {
        (Some(s), None, Some(d)) => {
            if let Some(end) = end_from(s.value, d.value) {
                p.end = Some(Dated {
                    value: end,
                    evidence: d.evidence.clone(),
                });
            }
        }
        (None, Some(e), Some(d)) => {
            if let Some(start) = start_from(e.value, d.value) {
                p.start = Some(Dated {
                    value: start,
                    evidence: d.evidence.clone(),
                });
            }
        }
        (Some(s), Some(e), None) => {
            if let (Some(a), Some(b)) = (s.value.to_naive(), e.value.to_naive())
                && let Some(m) = months_between(a, b)
            {
                p.duration_months = Some(Dated {
                    value: m,
                    evidence: if s.evidence == e.evidence {
                        s.evidence.clone()
                    } else {
                        e.evidence.clone()
                    },
                });
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(s: &str) -> PartialDate {
        s.parse().unwrap()
    }

    fn show(p: &Period) -> (Option<String>, Option<String>, Option<u32>, Option<u32>) {
        (
            p.start.as_ref().map(|x| x.value.to_string()),
            p.end.as_ref().map(|x| x.value.to_string()),
            p.duration_months.as_ref().map(|x| x.value),
            p.extension_months.as_ref().map(|x| x.value),
        )
    }

    fn s(v: &str) -> Option<String> {
        Some(v.to_string())
    }

    #[test]
    fn seed_linkoping() {
        let p = find_period(
            &[
                "Linköpings kommun har kommit överens med Brottsofferjouren i Linköping om ett nytt samarbetsavtal, ett så kallat Idéburet Offentligt Partnerskap (IOP), som kommer att gälla i tre år från och med årsskiftet.",
                "Överenskommelsen gäller under tre år, från och med 2020-01-01 till och med 2022-12-31, med möjlighet till förlängning ytterligare tre år.",
            ],
            Some(d("2019-07-01")),
        );
        assert_eq!(
            show(&p),
            (s("2020-01-01"), s("2022-12-31"), Some(36), Some(36))
        );
    }

    #[test]
    fn seed_vellinge() {
        let p = find_period(
            &[
                "Vellinge kommun har sedan årsskiftet förstärkt sitt samarbete med Brottsofferjouren och Kvinnojouren i Söderslätt.",
                "Samverkansavtalen sträcker sig fram till 2027 och kommer att utvärderas årligen.",
            ],
            Some(d("2024-03-04")),
        );
        assert_eq!(show(&p), (s("2024-01"), s("2027"), None, None));
    }

    #[test]
    fn the_range_a_sum_is_paid_for() {
        let mut p = Period::default();
        from_paid_range(
            &mut p,
            &["Föreningen får 600 000 kronor för perioden 1 juli 2023–30 juni 2025."],
            None,
        );
        assert_eq!(show(&p), (s("2023-07-01"), s("2025-06-30"), Some(24), None));
        // one named year is no term
        let mut p = Period::default();
        from_paid_range(&mut p, &["Föreningen får 300 000 kronor för 2021."], None);
        assert_eq!(show(&p), (None, None, None, None));
    }

    #[test]
    fn ends_and_starts_follow_from_a_length() {
        let p = find_period(&["Avtalet gäller i tre år från och med 2020."], None);
        assert_eq!(show(&p), (s("2020"), s("2022"), Some(36), None));
        let p = find_period(&["Partnerskapet gäller fem år från 1 juli 2023."], None);
        assert_eq!(show(&p), (s("2023-07-01"), s("2028-06-30"), Some(60), None));
        let p = find_period(
            &["Avtalet löper två år fram till sista december 2020."],
            None,
        );
        assert_eq!(show(&p), (s("2019-01-01"), s("2020-12-31"), Some(24), None));
    }

    #[test]
    fn full_dates_give_a_length_and_years_do_not() {
        let p = find_period(
            &["Avtalet gäller från 1 april 2016 till och med 31 december 2025."],
            None,
        );
        assert_eq!(
            show(&p),
            (s("2016-04-01"), s("2025-12-31"), Some(117), None)
        );
        let p = find_period(&["Överenskommelsen för 2023–2025 är underskriven."], None);
        assert_eq!(show(&p), (s("2023"), s("2025"), None, None));
    }

    #[test]
    fn lists_of_years_and_seasons() {
        let p = find_period(&["Avtalet gäller för åren 2019, 2020 och 2021."], None);
        assert_eq!(show(&p), (s("2019"), s("2021"), None, None));
        // the verb of the period before the list: not one year, two
        let p = find_period(&["Avtalet är tvåårigt och gäller 2025 och 2026."], None);
        assert_eq!(show(&p), (s("2025"), s("2026"), Some(24), None));
        let p = find_period(&["Överenskommelsen omfattar 2024, 2025 och 2026."], None);
        assert_eq!(show(&p), (s("2024"), s("2026"), None, None));
        let p = find_period(
            &["Avtalet gäller säsongerna 2023/2024 och 2024/2025."],
            None,
        );
        assert_eq!(show(&p), (s("2023"), s("2025"), None, None));
        let p = find_period(&["Avtalet gäller säsongerna 2023/24 och 2024/25."], None);
        assert_eq!(show(&p), (s("2023"), s("2025"), None, None));
        let p = find_period(
            &["Överenskommelsen gäller från 1 januari 2025 t.om. 31 december 2026."],
            None,
        );
        assert_eq!(show(&p), (s("2025-01-01"), s("2026-12-31"), Some(24), None));
    }

    #[test]
    fn a_later_sentence_gives_the_day_of_a_year_said_first() {
        let p = find_period(
            &[
                "Nytt partnerskap med Kvinnojouren Frida för 2027–2030",
                "Socialnämnden har beslutat om ett nytt IOP-avtal för perioden 1 januari 2027 till 31 december 2030.",
            ],
            None,
        );
        assert_eq!(
            p.start.map(|d| d.value.to_string()).as_deref(),
            Some("2027-01-01")
        );
        assert_eq!(
            p.end.map(|d| d.value.to_string()).as_deref(),
            Some("2030-12-31")
        );
        assert_eq!(p.duration_months.map(|d| d.value), Some(48));
        assert!(refines("2027".parse().unwrap(), "2027-01".parse().unwrap()));
        assert!(!refines(
            "2027-02".parse().unwrap(),
            "2027-01-01".parse().unwrap()
        ));
        assert!(!refines(
            "2027".parse().unwrap(),
            "2028-01-01".parse().unwrap()
        ));
    }

    #[test]
    fn ranges_with_till_and_mellan_and_months_of_one_year() {
        let p = find_period(&["Avtalet gäller år 2023 till 2025."], None);
        assert_eq!(show(&p), (s("2023"), s("2025"), None, None));
        let p = find_period(&["Avtalet löper mellan 2022 och 2025."], None);
        assert_eq!(show(&p), (s("2022"), s("2025"), None, None));
        let p = find_period(&["Avtalet gäller mellan åren 2022 och 2024."], None);
        assert_eq!(show(&p), (s("2022"), s("2024"), None, None));
        let p = find_period(&["Avtalet gäller januari–december 2022."], None);
        assert_eq!(show(&p), (s("2022-01"), s("2022-12"), None, None));
        let p = find_period(&["Överenskommelsen gäller november–februari 2024."], None);
        assert_eq!(show(&p), (s("2023-11"), s("2024-02"), None, None));
    }

    #[test]
    fn a_first_date_takes_the_year_of_the_second() {
        let published = Some(d("2022-03-03"));
        let p = find_period(
            &["Avtalet gäller mellan 1 januari och 31 december 2024."],
            published,
        );
        assert_eq!(show(&p), (s("2024-01-01"), s("2024-12-31"), Some(12), None));
        let p = find_period(&["Avtalet gäller 1 november–31 mars 2025."], published);
        assert_eq!(show(&p), (s("2024-11-01"), s("2025-03-31"), Some(5), None));
        let p = find_period(
            &["Avtalet gäller fr o m 1 januari 2024 t o m 31 december 2026."],
            published,
        );
        assert_eq!(show(&p), (s("2024-01-01"), s("2026-12-31"), Some(36), None));
    }

    #[test]
    fn taking_over_the_running_of_a_place_is_the_agreements_time() {
        let published = Some(d("2024-03-04"));
        let p = find_period(
            &["Från och med 1 april tar föreningen över driften av fritidsgården."],
            published,
        );
        assert_eq!(show(&p), (s("2024-04-01"), None, None, None));
        // a date in a sentence about something else is not
        let p = find_period(
            &["Från och med 1 april har fritidsgården nya öppettider."],
            published,
        );
        assert_eq!(show(&p), (None, None, None, None));
    }

    #[test]
    fn the_new_year_opens_or_closes() {
        let published = Some(d("2022-03-03"));
        let p = find_period(&["Avtalet löper ut vid årsskiftet."], published);
        assert_eq!(show(&p), (None, s("2022-12-31"), None, None));
        let p = find_period(&["Avtalet gäller fram till årsskiftet."], published);
        assert_eq!(show(&p), (None, s("2022-12-31"), None, None));
        // in the past tense the turn that passed
        let p = find_period(&["Det gamla avtalet gick ut vid årsskiftet."], published);
        assert_eq!(show(&p), (None, s("2021-12-31"), None, None));
        let p = find_period(&["Avtalet började gälla vid årsskiftet."], published);
        assert_eq!(show(&p), (s("2022-01-01"), None, None, None));
        let p = find_period(
            &["Avtalet trädde i kraft vid årsskiftet och löper ut 2025."],
            published,
        );
        assert_eq!(show(&p), (s("2022-01-01"), s("2025"), None, None));
        // in the present tense the coming turn
        let p = find_period(&["Avtalet börjar gälla vid årsskiftet."], published);
        assert_eq!(show(&p), (s("2023-01-01"), None, None, None));
        let p = find_period(&["Avtalet gäller från årsskiftet 2018."], published);
        assert_eq!(show(&p), (s("2018-01-01"), None, None, None));
        let p = find_period(&["Avtalet gäller sedan årsskiftet 2018/2019."], published);
        assert_eq!(show(&p), (s("2019-01"), None, None, None));
        // an end "vid årsskiftet 2018" could be either side of it: none
        let p = find_period(&["Avtalet löper ut vid årsskiftet 2018."], published);
        assert_eq!(show(&p), (None, None, None, None));
        let p = find_period(
            &["Avtalet gäller från och med nästa år till och med 2027."],
            published,
        );
        assert_eq!(show(&p), (s("2023"), s("2027"), None, None));
    }

    #[test]
    fn a_length_counts_in_a_sentence_about_the_agreement_or_its_money() {
        let published = Some(d("2023-03-10"));
        for line in [
            "Föreningen har i 50 år arbetat med utsatta.",
            "Under fem år har föreningen tagit emot 2000 besökare.",
            "Planen sträcker sig över tio år.",
            "Investeringen skrivs av på 20 år.",
        ] {
            let p = find_period(&["Avtalet gäller från 1 april 2023.", line], published);
            assert_eq!(show(&p), (s("2023-04-01"), None, None, None), "{line}");
        }
        for (line, m) in [
            ("Föreningen får 1,2 miljoner kronor under tre år.", 36),
            (
                "Det innebär ett ökat ekonomiskt stöd under de kommande tre åren.",
                36,
            ),
            ("Kommunen ger scoutkåren ett nytt arrende på 20 år.", 240),
        ] {
            let p = find_period(&[line], published);
            assert_eq!(p.duration_months.map(|x| x.value), Some(m), "{line}");
        }
    }

    #[test]
    fn an_expiry_is_the_last_day_and_a_year_said_after_the_day_counts() {
        let published = Some(d("2022-03-03"));
        let p = find_period(&["Avtalet gäller till utgången av 2024."], published);
        assert_eq!(show(&p), (None, s("2024-12-31"), None, None));
        let p = find_period(
            &["Avtalet gäller till och med utgången av juni 2025."],
            published,
        );
        assert_eq!(show(&p), (None, s("2025-06-30"), None, None));
        let p = find_period(&["Avtalet gäller till 30 juni nästa år."], published);
        assert_eq!(show(&p), (None, s("2023-06-30"), None, None));
        let p = find_period(&["Avtalet gäller sedan 1 september i fjol."], published);
        assert_eq!(show(&p), (s("2021-09-01"), None, None, None));
        let p = find_period(
            &["Avtalet upphör att gälla vid utgången av 2025."],
            published,
        );
        assert_eq!(show(&p), (None, s("2025-12-31"), None, None));
    }

    #[test]
    fn a_labelled_length_is_a_length() {
        let published = Some(d("2022-03-03"));
        let p = find_period(&["Avtalstid: 2 år."], published);
        assert_eq!(show(&p), (None, None, Some(24), None));
        let p = find_period(&["Löptid: tre år från 1 april 2022."], published);
        assert_eq!(show(&p), (s("2022-04-01"), s("2025-03-31"), Some(36), None));
    }

    #[test]
    fn the_turn_of_the_half_year_opens_or_closes() {
        let published = Some(d("2022-03-03"));
        let p = find_period(
            &["Avtalet är treårigt och börjar gälla vid halvårsskiftet."],
            published,
        );
        assert_eq!(show(&p), (s("2022-07-01"), s("2025-06-30"), Some(36), None));
        let p = find_period(
            &["Avtalet gäller fram till halvårsskiftet 2025."],
            published,
        );
        assert_eq!(show(&p), (None, s("2025-06-30"), None, None));
        let p = find_period(&["Avtalet gäller sedan halvårsskiftet."], published);
        assert_eq!(show(&p), (s("2021-07"), None, None, None));
        let p = find_period(&["Avtalet gäller från halvårsskiftet 2023."], published);
        assert_eq!(show(&p), (s("2023-07-01"), None, None, None));
        // in the autumn the coming turn is next summer's
        let p = find_period(
            &["Avtalet löper ut vid halvårsskiftet."],
            Some(d("2022-09-01")),
        );
        assert_eq!(show(&p), (None, s("2023-06-30"), None, None));
    }

    #[test]
    fn starts_lengths_and_options_said_in_other_words() {
        let p = find_period(&["Avtalet började gälla den 1 januari 2021."], None);
        assert_eq!(show(&p), (s("2021-01-01"), None, None, None));
        let p = find_period(&["Avtalstiden är fyra år."], None);
        assert_eq!(show(&p), (None, None, Some(48), None));
        let p = find_period(&["Avtalet är tvåårigt."], None);
        assert_eq!(show(&p), (None, None, Some(24), None));
        // an adjective of something else is no length
        let p = find_period(&["Avtalet gäller ettåriga bidrag."], None);
        assert_eq!(show(&p), (None, None, None, None));
        let p = find_period(
            &["Avtalet gäller 2022–2024 med möjlighet till ett års förlängning."],
            None,
        );
        assert_eq!(show(&p), (s("2022"), s("2024"), None, Some(12)));
    }

    #[test]
    fn how_long_something_has_gone_on_is_no_length() {
        let p = find_period(&["Kommunen har stöttat föreningen i fem år."], None);
        assert_eq!(show(&p), (None, None, None, None));
        let p = find_period(
            &["Kommunen har tecknat ett avtal med föreningen på tre år."],
            None,
        );
        assert_eq!(show(&p), (None, None, Some(36), None));
        let p = find_period(
            &["Föreningen har drivit caféet i tre år och får nu ett avtal på två år."],
            None,
        );
        assert_eq!(show(&p), (None, None, Some(24), None));
    }

    #[test]
    fn seasons_terms_and_dotted_days() {
        let p = find_period(&["Avtalet gäller säsongen 2026."], None);
        assert_eq!(show(&p), (s("2026"), s("2026"), None, None));
        let p = find_period(&["Avtalet gäller under verksamhetsåret 2025."], None);
        assert_eq!(show(&p), (s("2025"), s("2025"), None, None));
        let p = find_period(&["Avtalet gäller till och med vårterminen 2024."], None);
        assert_eq!(show(&p), (None, s("2024"), None, None));
        let p = find_period(&["Avtalet upphör att gälla 2025-12-31."], None);
        assert_eq!(show(&p), (None, s("2025-12-31"), None, None));
        let p = find_period(&["Avtalet gäller 1.3.2022–28.2.2023."], None);
        assert_eq!(show(&p), (s("2022-03-01"), s("2023-02-28"), Some(12), None));
    }

    #[test]
    fn a_decision_day_is_not_the_start() {
        let p = find_period(
            &["Nämnden beslutade den 16 maj att teckna avtalet."],
            Some(d("2021-06-01")),
        );
        assert_eq!(show(&p), (None, None, None, None));
    }

    #[test]
    fn months_between_rounds() {
        let n =
            |a: &str, b: &str| months_between(d(a).to_naive().unwrap(), d(b).to_naive().unwrap());
        assert_eq!(n("2020-01-01", "2022-12-31"), Some(36));
        assert_eq!(n("2019-09-01", "2021-09-01"), Some(24));
        assert_eq!(n("2022-12-31", "2020-01-01"), None);
    }

    proptest! {
        #[test]
        fn find_period_never_panics(s in "\\PC{0,120}") {
            let _ = find_period(&[&s], Some(d("2024-03-04")));
        }

        #[test]
        fn a_rendered_length_parses_back(n in 1u32..=12, years in proptest::bool::ANY) {
            let words = ["ett", "två", "tre", "fyra", "fem", "sex", "sju", "åtta", "nio", "tio", "elva", "tolv"];
            let unit = if years { "år" } else { "månader" };
            let text = format!("Avtalet gäller i {} {unit}.", words[n as usize - 1]);
            let months = if years { n * 12 } else { n };
            prop_assert_eq!(stated_months(&text), Some(months));
            let text = format!("Avtalet gäller i {n} {unit}.");
            prop_assert_eq!(stated_months(&text), Some(months));
        }

        #[test]
        fn a_rendered_period_parses_back(y in 2000i32..2040, m in 1u32..=12, day in 1u32..=28, len in 1u32..=120) {
            let start = PartialDate::day(y, m, day).unwrap();
            let end = end_from(start, len).unwrap();
            let text = format!("Avtalet gäller från och med {start} till och med {end}.");
            let p = find_period(&[&text], None);
            prop_assert_eq!(p.start.map(|x| x.value), Some(start));
            prop_assert_eq!(p.end.map(|x| x.value), Some(end));
            prop_assert_eq!(p.duration_months.map(|x| x.value), Some(len));
            prop_assert_eq!(start_from(end, len), Some(start));
        }
    }
}
