//! Cues that tell a line or a column speaks of the agreement's money
//! though it names neither the agreement nor the organisation: the public
//! body paying as the subject of its verb, a payment given as known, a
//! column of yearly sums. Pure.

use std::sync::LazyLock;

use crate::extract::pattern::Pattern;

/// The public body paying, as the subject of its verb: "Kultur- och
/// fritidsnämnden ger verksamheten ...", "Kommunerna betalar tillsammans ...".
static PUBLIC_PAYS: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(r"(?i)\b(?:\p{L}*nämnden|kommunen|kommunerna|regionen|regionerna|staden|kommun|region|stad|förvaltningen|landstinget|socialtjänsten)\s+(?:\p{L}+\s+){0,2}(?:ger|bidrar|betalar|står|beviljar|beviljade|ersätter|finansierar|stöttar|avsätter|utger|utbetalar|betalar\s+ut|går\s+in)\b")
        .expect("valid regex")
});

/// The agreement's payment as given information: a definite payment noun
/// ("Ersättningen uppgår till", "Den årliga ersättningen är", "Bidraget
/// är") or the public body's own ("Kommunens ersättning", "regionens
/// bidrag"): a sum it states is this agreement's even in a paragraph that
/// names neither the agreement nor the organisation.
static PAYMENT_GIVEN: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(concat!(
        r"(?i)\b(?:(?:den\s+)?(?:årliga\s+|totala\s+|sammanlagda\s+)?(?:ersättningen|bidraget|stödet|finansieringen|anslaget)|",
        r"(?:kommunens|regionens|stadens|\p{L}*nämndens)\s+(?:årliga\s+|totala\s+)?(?:ersättning|bidrag|stöd|finansiering|anslag|kostnad))\b"
    ))
    .expect("valid regex")
});

/// A table column of yearly sums: "Ersättning per år", "Belopp/år",
/// "Årligt bidrag".
static YEARLY_HEADER: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(r"(?i)(?:\bper\s+år\b|/\s*år\b|\bårlig\p{L}*|\bårsbelopp\b|\bom\s+året\b)")
        .expect("valid regex")
});

/// The public body pays in this line: "Kultur- och fritidsnämnden ger
/// verksamheten ...".
pub fn public_pays(text: &str) -> bool {
    PUBLIC_PAYS.is_match(text)
}

/// This line gives the agreement's payment as known: "Ersättningen uppgår
/// till ...", "Kommunens bidrag är ...".
pub fn payment_given(text: &str) -> bool {
    PAYMENT_GIVEN.is_match(text)
}

/// A column header that says its sums are yearly: "Ersättning per år".
pub fn yearly_header(text: &str) -> bool {
    YEARLY_HEADER.is_match(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cues_of_the_agreements_money() {
        assert!(public_pays(
            "Kultur- och fritidsnämnden ger verksamheten 200 000 kronor."
        ));
        assert!(public_pays(
            "Kommunerna betalar tillsammans 1 miljon kronor."
        ));
        assert!(!public_pays("Föreningen ger läxhjälp varje tisdag."));
        assert!(payment_given("Den årliga ersättningen är 420 000 kronor."));
        assert!(payment_given(
            "Kommunens bidrag uppgår till 300 000 kronor."
        ));
        assert!(!payment_given("Föreningen söker bidrag från Arvsfonden."));
        assert!(yearly_header("Ersättning per år"));
        assert!(yearly_header("Årligt bidrag"));
        assert!(!yearly_header("Avtalsperiod"));
    }
}
