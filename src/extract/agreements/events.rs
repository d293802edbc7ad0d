//! An agreement is an event with a status and a time of its own. A page
//! that reports a new agreement with an organisation and also the earlier
//! one it follows ("Det tidigare avtalet löpte ut 2025 ... Nu har parterna
//! tecknat ett nytt avtal", "Nämnden har sagt upp det tidigare avtalet med
//! föreningen och beslutat om ett nytt") reports two agreements; the dates
//! and sums of each stay with the event whose sentences state them, so the
//! old agreement's period never leaks into the new one. Pure; reads lines.

use std::sync::LazyLock;

use crate::extract::lexicon;
use crate::extract::pattern::Pattern;

/// A sentence about the earlier or ended agreement.
static EARLIER: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(concat!(
        r"(?i)\b(?:tidigare\s+(?:\p{L}*avtal\p{L}*|\p{L}*överenskommelse\p{L}*|IOP\p{L}*|partnerskap\p{L}*)|",
        r"(?:det|den|ett|en)\s+(?:gamla|förra|tidigare|föregående|förutvarande|ursprungliga)\s+\p{L}*(?:avtal|överenskommelse|partnerskap|kontrakt)\p{L}*|",
        r"föregående\s+\p{L}*(?:avtal|överenskommelse)\p{L}*|löpte\s+ut|gick\s+ut|sades\s+upp|sägs\s+upp|säga\s+upp|sagt\s+upp|",
        r"upphörde|avslutades|har\s+haft\s+(?:ett|en)\s+\p{L}*(?:avtal|överenskommelse))"
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
    let new_line = own
        .iter()
        .any(|&i| NEW.is_match(texts[i]) && !EARLIER.is_match(texts[i]));
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
    // a past agreement counts when the page states it concretely: its time
    // or its money
    let concrete = earlier.iter().any(|&i| {
        YEAR.is_match(texts[i]) || !crate::extract::money::find_money(texts[i]).is_empty()
    });
    (concrete && !current.is_empty()).then_some((earlier, current))
}

/// A year written in a sentence.
static YEAR: LazyLock<Pattern> =
    LazyLock::new(|| Pattern::new(r"\b(?:19|20)\d\d\b").expect("valid regex"));

#[cfg(test)]
mod tests {
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
