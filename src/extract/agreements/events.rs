//! An agreement is an event with a status and a time of its own. A page
//! that reports a new agreement with an organisation and also the earlier
//! one it follows ("Det tidigare avtalet löpte ut 2025 ... Nu har parterna
//! tecknat ett nytt avtal", "Nämnden har sagt upp det tidigare avtalet med
//! föreningen och beslutat om ett nytt") reports two agreements; the dates
//! and sums of each stay with the event whose sentences state them, so the
//! old agreement's period never leaks into the new one. Pure; reads lines.

use std::ops::Range;
use std::sync::LazyLock;

use crate::extract::lexicon;
use crate::extract::pattern::Pattern;

/// A sentence about the earlier or ended agreement.
static EARLIER: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(concat!(
        r"(?i)\b(?:tidigare\s+(?:\p{L}*avtal\p{L}*|\p{L}*överenskommelse\p{L}*|IOP\p{L}*|partnerskap\p{L}*)|",
        r"(?:det|den|ett|en)\s+(?:gamla|förra|tidigare|föregående|förutvarande|ursprungliga)\s+\p{L}*(?:avtal|överenskommelse|partnerskap|kontrakt)\p{L}*|",
        r"(?:föregående|förra|gamla|nuvarande|befintliga)\s+(?:\p{L}+a\s+){0,2}\p{L}*(?:avtal|överenskommelse|partnerskap|IOP)\p{L}*|",
        r"\b(?:fram\s+till\s+nu|hittills|sedan\s+(?:19|20)\d\d)\s+(?:har|hade)\s+\S+(?:\s+\S+)?\s+(?:haft|drivit)\b|löpte\s+ut|gick\s+ut|sades\s+upp|sägs\s+upp|säga\s+upp|sagt\s+upp|",
        r"upphörde|avslutades|har\s+haft\s+(?:ett|en)\s+(?:\p{L}*(?:avtal|överenskommelse|partnerskap)|IOP))"
    ))
    .expect("valid regex")
});

/// A sentence about the new agreement.
static NEW: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(r"(?i)\bny(?:tt|a)?\s+(?:\p{L}+\s+)?(?:\p{L}*avtal(?:et)?|\p{L}*överenskommelse(?:n)?|\p{L}*kontrakt(?:et)?|\p{L}*partnerskap(?:et)?|IOP)\b|\bdet\s+nya\b|\bförnya[rt]?\b")
        .expect("valid regex")
});

/// The past tense that goes on speaking of the earlier agreement in the
/// sentences after it ("Avtalet innebar ...", "Det gällde ...").
static PAST: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(r"(?i)\b(?:innebar|gällde|omfattade|löpte|var|hade|fick|betalade|gav)\b")
        .expect("valid regex")
});

/// The lines (indices into `texts`) of an earlier agreement and those of
/// the current one, when the lines of one organisation report both: a line
/// naming the earlier or ended agreement, and a line naming a new one. The
/// sentences right after an earlier-agreement line in the past tense belong
/// to it too.
pub fn split(texts: &[&str], own: &[usize]) -> Option<(Vec<usize>, Vec<usize>)> {
    let (earlier, current) = partition(texts, own)?;
    // a past agreement counts when the page states it concretely: its time
    // or its money
    let concrete = earlier.iter().any(|&i| {
        YEAR.is_match(texts[i])
            || TURN_OF_YEAR.is_match(texts[i])
            || !crate::extract::money::find_money(texts[i]).is_empty()
    });
    concrete.then_some((earlier, current))
}

/// The lines of one organisation's lines that speak of its new agreement,
/// when they also speak of an earlier one: without those about the earlier
/// agreement ("Det tidigare avtalet löpte ut vid årsskiftet"), whose time
/// and money are not the new one's even when the earlier agreement is too
/// vague to be an entry of its own.
pub fn current(texts: &[&str], own: &[usize]) -> Option<Vec<usize>> {
    partition(texts, own).map(|(_, current)| current)
}

/// The lines of the earlier agreement and those of the new one, when a line
/// reports a new agreement, another an earlier one, and some are left for
/// the new one.
fn partition(texts: &[&str], own: &[usize]) -> Option<(Vec<usize>, Vec<usize>)> {
    let new_line = own.iter().any(|&i| new_alone(texts[i]));
    if !new_line {
        return None;
    }
    let mut earlier = Vec::new();
    let mut current = Vec::new();
    let mut after_earlier = false;
    for &i in own {
        let t = texts[i];
        let is_earlier = EARLIER.is_match(t) && lexicon::names_agreement(t) && !NEW.is_match(t);
        let goes_on = after_earlier && PAST.is_match(t) && !NEW.is_match(t);
        if is_earlier || goes_on {
            earlier.push(i);
            after_earlier = true;
        } else {
            current.push(i);
            after_earlier = false;
        }
    }
    (!earlier.is_empty() && !current.is_empty()).then_some((earlier, current))
}

/// A line that speaks of a new agreement ("ett nytt treårigt avtal", "nytt
/// IOP", "det nya", "förnyar").
pub fn names_new(t: &str) -> bool {
    NEW.is_match(t)
}

/// A line that reports a new agreement and no earlier one.
pub fn new_alone(t: &str) -> bool {
    NEW.is_match(t) && !EARLIER.is_match(t)
}

/// Where a sentence that reports the earlier agreement and then the new one
/// turns from one to the other: the conjunction before the new clause.
static TURN: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(r"(?i)(?:,\s*|\s)(?:och|men|så|sedan|eftersom|då|när|efter\s+att|som\s+ersätter)\b|;\s*|,\s+nu\b")
        .expect("valid regex")
});

/// A line of one organisation's lines that reports both the earlier
/// agreement and the new one (read when [`split`] finds no line of each and
/// no sentence but the title states the new one alone): the line's index
/// and the byte ranges of the earlier agreement's clause
/// and of the new one's ("Det avtalet gick ut vid årsskiftet | och nu har
/// kommunen tecknat ett nytt avtal", "Kommunen har tecknat ett nytt avtal
/// med föreningen | sedan det tidigare löpte ut"); the whole line for both
/// when nothing marks the turn. The sentence names the parties, which makes
/// the earlier agreement concrete.
pub fn mixed(texts: &[&str], own: &[usize]) -> Option<(usize, Range<usize>, Range<usize>)> {
    own.iter().find_map(|&i| {
        let t = texts[i];
        if !lexicon::names_agreement(t) {
            return None;
        }
        let earlier = EARLIER.find(t)?;
        let new = NEW.find(t)?;
        let whole = 0..t.len();
        let (first, second) = if earlier.start() < new.start() {
            (earlier.end(), new.start())
        } else {
            (new.end(), earlier.start())
        };
        let turn = (first < second)
            .then(|| TURN.find_iter(&t[first..second]).last())
            .flatten()
            .map(|m| first + m.start());
        Some(match turn {
            Some(cut) if earlier.start() < new.start() => (i, 0..cut, cut..t.len()),
            Some(cut) => (i, cut..t.len(), 0..cut),
            None => (i, whole.clone(), whole),
        })
    })
}

/// A sentence that makes an agreement: the public body signed, entered or
/// decided it.
static MADE: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(r"(?i)\b(?:tecknat|tecknar|tecknade|ingått|ingår|ingick|skrivit\s+under|skriver\s+under|skrev\s+under|undertecknat|beslutat|beslutade|beslöt)\b")
        .expect("valid regex")
});

/// One organisation's lines split by the public body each agreement is
/// with, when the page reports agreements of two or more bodies with it
/// ("Luleå kommun har tecknat ett IOP med Stadsmissionen ... Region
/// Norrbotten har också ingått ett IOP med Stadsmissionen ..."): a line
/// that makes an agreement and names one body opens that body's lines, and
/// the lines after it, up to the next such line, speak of the same
/// agreement (the lines before the first go with it). `None` when fewer
/// than two bodies make one. A line naming two bodies ("Luleå kommun och
/// Region Norrbotten har tecknat ett gemensamt IOP") opens no group.
pub fn by_public_body(texts: &[&str], own: &[usize]) -> Option<Vec<Vec<usize>>> {
    let body_of = |t: &str| {
        if !(lexicon::names_agreement(t) && MADE.is_match(t)) {
            return None;
        }
        let mut codes: Vec<String> = crate::extract::party::body_mentions(t)
            .into_iter()
            .map(|m| m.code)
            .collect();
        codes.dedup();
        match codes.as_slice() {
            [one] => Some(one.clone()),
            _ => None,
        }
    };
    let mut groups: Vec<(String, Vec<usize>)> = Vec::new();
    let mut before_first: Vec<usize> = Vec::new();
    for &i in own {
        match body_of(texts[i]) {
            Some(code) if groups.last().is_none_or(|(c, _)| *c != code) => {
                if groups.iter().any(|(c, _)| *c == code) {
                    // a body that comes back: no clean split
                    return None;
                }
                let mut idx = std::mem::take(&mut before_first);
                idx.push(i);
                groups.push((code, idx));
            }
            _ => match groups.last_mut() {
                Some((_, idx)) => idx.push(i),
                None => before_first.push(i),
            },
        }
    }
    (groups.len() >= 2).then(|| groups.into_iter().map(|(_, idx)| idx).collect())
}

/// A turn of the year the page dates ("löper ut vid årsskiftet"): a
/// stated time like a year.
static TURN_OF_YEAR: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(r"(?i)\b(?:halv)?årsskiftet\b|\bårets\s+(?:slut|utgång)\b|\båret\s+ut\b")
        .expect("valid regex")
});

/// A year written in a sentence.
static YEAR: LazyLock<Pattern> =
    LazyLock::new(|| Pattern::new(r"\b(?:19|20)\d\d\b").expect("valid regex"));

#[cfg(test)]
mod tests {
    #[test]
    fn one_organisations_agreements_with_two_bodies_are_split_by_body() {
        let texts = [
            "Luleå kommun har tecknat ett IOP med Luleå Stadsmission.",
            "Kommunen betalar 2,5 miljoner kronor per år.",
            "Region Norrbotten har också ingått ett IOP med Luleå Stadsmission.",
            "Regionen betalar 1,5 miljoner kronor per år.",
        ];
        assert_eq!(
            by_public_body(&texts, &[0, 1, 2, 3]),
            Some(vec![vec![0, 1], vec![2, 3]])
        );
        // one body, or two in one agreement: no split
        assert_eq!(by_public_body(&texts, &[0, 1]), None);
        let joint = [
            "Luleå kommun och Region Norrbotten har tecknat ett gemensamt IOP med Luleå Stadsmission.",
            "Region Norrbotten är också part i avtalet.",
        ];
        assert_eq!(by_public_body(&joint, &[0, 1]), None);
    }

    use super::*;

    #[test]
    fn an_earlier_agreement_and_a_new_one_are_two_events() {
        let texts = [
            "Det tidigare sponsringsavtalet mellan kommunen och Dackarna löpte ut efter säsongen och gällde 2023–2025.",
            "Avtalet innebar en årlig kostnad på 330 000 kronor.",
            "Nu har parterna tecknat ett nytt sponsringsavtal för 2026.",
        ];
        let (earlier, current) = split(&texts, &[0, 1, 2]).expect("two events");
        assert_eq!(earlier, [0, 1]);
        assert_eq!(current, [2]);
    }

    #[test]
    fn the_current_agreement_ending_at_the_turn_of_the_year_is_an_event() {
        let texts = [
            "Nytt partnerskap med Kvinnojouren Frida för 2027–2030",
            "Det nuvarande idéburna offentliga partnerskapet mellan Skellefteå kommun och Kvinnojouren Frida i Skellefteå löper ut vid årsskiftet.",
            "Socialnämnden har nu beslutat om ett nytt IOP-avtal för perioden 1 januari 2027 till 31 december 2030.",
        ];
        let (earlier, current) = split(&texts, &[0, 1, 2]).expect("two events");
        assert_eq!(earlier, [1]);
        assert_eq!(current, [0, 2]);
    }

    #[test]
    fn the_current_agreement_beside_a_new_one_is_the_earlier_event() {
        let texts = [
            "Det nuvarande avtalet med föreningen löper ut i december 2023.",
            "Nu har nämnden beslutat om ett nytt avtal för 2024–2026.",
        ];
        let (earlier, current) = split(&texts, &[0, 1]).expect("two events");
        assert_eq!(earlier, [0]);
        assert_eq!(current, [1]);
        let texts = [
            "Sedan 2016 har kommunen haft ett IOP med föreningen.",
            "Nu har kommunen tecknat ett nytt avtal med föreningen för 2024–2026.",
        ];
        assert!(split(&texts, &[0, 1]).is_some());
        let texts = [
            "Kommunen och Kvinnojouren Frida har haft ett IOP sedan 2019.",
            "Det avtalet löpte ut vid årsskiftet.",
            "Nu har parterna tecknat ett nytt IOP som gäller 2023–2025.",
        ];
        let (earlier, current) = split(&texts, &[0, 1, 2]).expect("two events");
        assert_eq!(earlier, [0, 1]);
        assert_eq!(current, [2]);
    }

    #[test]
    fn one_agreement_alone_is_not_split() {
        let texts = [
            "Kommunen har tecknat ett avtal med föreningen.",
            "Avtalet gäller i tre år.",
        ];
        assert!(split(&texts, &[0, 1]).is_none());
        let texts = [
            "Det tidigare avtalet med föreningen löpte ut i december.",
            "Föreningen hoppas på en fortsättning.",
        ];
        assert!(split(&texts, &[0, 1]).is_none());
        // an earlier agreement stated with nothing of its own time or money
        let texts = [
            "Det tidigare avtalet med föreningen löpte ut.",
            "Nu har kommunen tecknat ett nytt avtal med föreningen.",
        ];
        assert!(split(&texts, &[0, 1]).is_none());
    }

    #[test]
    fn one_sentence_with_both_agreements_turns_at_its_conjunction() {
        let t = "Det gamla avtalet med föreningen gick ut 2021 och nu har kommunen tecknat ett nytt avtal för 2022–2024.";
        let (i, earlier, now) = mixed(&[t], &[0]).expect("both");
        assert_eq!(i, 0);
        assert_eq!(&t[earlier], "Det gamla avtalet med föreningen gick ut 2021");
        assert_eq!(
            &t[now],
            " och nu har kommunen tecknat ett nytt avtal för 2022–2024."
        );
        // the new one first
        let t = "Kommunen har tecknat ett nytt avtal med föreningen sedan det tidigare avtalet löpte ut 2021.";
        let (_, earlier, now) = mixed(&[t], &[0]).expect("both");
        assert_eq!(
            &t[now],
            "Kommunen har tecknat ett nytt avtal med föreningen"
        );
        assert!(t[earlier].contains("löpte ut 2021"));
        // no earlier agreement in the sentence
        let t = "Kommunen har tecknat ett nytt avtal med föreningen.";
        assert!(mixed(&[t], &[0]).is_none());
    }

    #[test]
    fn a_notice_and_a_new_agreement() {
        let texts = [
            "Fritidsnämnden har beslutat att säga upp tidigare avtal med 4H från 2012.",
            "I december beslutade nämnden att skriva ett nytt avtal med 4H i Malmö.",
            "4H ska ges ett årligt bidrag om 1 400 000 kronor per år.",
        ];
        let (earlier, current) = split(&texts, &[0, 1, 2]).expect("two events");
        assert_eq!(earlier, [0]);
        assert_eq!(current, [1, 2]);
    }
}
