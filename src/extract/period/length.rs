//! Lengths of an agreement and options to extend it, as Swedish sentences
//! state them: "i tre år", "under 24 månader", "fem år från", "treårigt
//! avtal", "treårsavtal", "möjlighet till förlängning ytterligare tre år",
//! "förlängningstid på fem år". Hedged or past lengths ("har funnits i över
//! tio år", "för tre år sedan") are no length. Uses `regex`.

use std::sync::LazyLock;

use crate::extract::pattern::Pattern;

use super::parse::AGREEMENT_WORD;

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

/// A stated length: "i tre år", "under 24 månader", "fem år från",
/// "avtalstiden är fyra år", "från årsskiftet och de kommande tre åren",
/// "i ett och ett halvt år", "under ett halvår".
static LENGTH: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(&format!(
        r"(?i)(?:(?:\b(?:i|under|på|för|om|över|gäller|löper|omfattar)\s+(?:de\s+|(?:avtalets|överenskommelsens|partnerskapets)\s+)?(?:(?:kommande|närmaste|följande)\s+)?|\boch\s+(?:de\s+)?(?:kommande|närmaste|följande)\s+)(?P<n1>{COUNT})(?P<half1>\s+och\s+ett\s+halvt)?\s+(?P<u1>år|åren|månader|månaderna)\b|(?:\b(?:i|under|på|för|gäller|löper)\s+)(?P<halfyear>ett\s+halvår|ett\s+halvt\s+år)\b|\b(?P<n2>{COUNT})\s+(?P<u2>år|månader)\s+(?:från|fram\s+till|framåt|med\s+start)\b|\b(?:avtalstid|avtalsperiod|löptid|giltighetstid|avtalslängd)\w*(?:\s*:|\s+(?:är|blir|var))\s+(?:på\s+)?(?P<n3>{COUNT})(?P<half3>\s+och\s+ett\s+halvt)?\s+(?P<u3>år|månader)\b)"
    ))
    .expect("valid regex")
});

/// A length as an adjective or compound: "treårigt", "3-årigt", "treårsavtal",
/// "fyra års avtal".
static LENGTH_ADJ: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(r"(?i)\b(?P<n>ett|två|tre|fyra|fem|sex|sju|åtta|nio|tio|\d{1,2})(?:-|\s)?(?:årig[ta]?|års(?:avtal|period|överenskommelse|partnerskap|kontrakt)\w*|års\s+(?:avtal|överenskommelse|partnerskap|kontrakt)\w*)\b")
        .expect("valid regex")
});

/// An agreement noun and a copula right before a length adjective:
/// "avtalet är tvåårigt", "överenskommelsen blir treårig", or the copula as
/// the second verb of the agreement's clause: "Avtalet gäller från 1 april
/// och är ettårigt".
static AGREEMENT_IS: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(r"(?i)\b(?:\p{L}*avtal\p{L}*|överenskommelse\p{L}*|partnerskap\p{L}*)\s+(?:[^.;,]{0,60}?\s+och\s+)?(?:är|blir|var|blev)\s+(?:nu\s+)?$")
        .expect("valid regex")
});

/// A length written as a hedge or a past: "i över tio år", "i tre år sedan".
static LENGTH_HEDGE_BEFORE: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(r"(?i)(?:\b(?:över|mer\s+än|drygt|nästan|snart|cirka|ca|flera|många)|\b(?:i|under|på)|\b(?:pågått|funnits|arbetat|verkat|varit|hållit\s+på|drivit|bedrivit|samarbetat|jobbat)(?:\s+\w+){0,2})\s*$")
        .expect("valid regex")
});

/// An option to extend: "möjlighet till förlängning ytterligare tre år",
/// "kan förlängas med två år", "option på ytterligare 24 månader",
/// "möjlighet till ett års förlängning".
static EXTENSION: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(&format!(
        r"(?i)(?:förlängningsoption\w*|förlängningstid\w*|förlängningsmöjlighet\w*)\s+(?:på|om|med)\s+(?:ytterligare\s+)?(?P<n0>{COUNT})\s+(?P<u0>år|månader)\b|(?:möjlighet\w*|option\w*|kan|eventuell\w*)\s+(?:till\s+|att\s+|på\s+|om\s+|sedan\s+)?(?:förläng\w*|en\s+förlängning|ytterligare)(?:\s+(?:med|i|på|av\s+avtalet|avtalet|överenskommelsen))?\s+(?:ytterligare\s+|med\s+ytterligare\s+|upp\s+till\s+)?(?P<n>{COUNT})\s+(?P<u>år|månader)\b|(?:möjlighet\w*|option\w*)\s+(?:till|på|om)\s+(?:ytterligare\s+)?(?P<n1>{COUNT})\s+(?P<u1>års|månaders)\s+förlängning"
    ))
    .expect("valid regex")
});

/// "Kommunen har stöttat föreningen i fem år": a perfect tense before the
/// length says how long something has gone on, not how long the agreement
/// runs ("har tecknat ett avtal på tre år" still gives one).
static PERFECT_BEFORE: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(r"(?i)\bhar\s+(?:\p{L}+\s+)?(?P<supine>\p{L}{2,}(?:at|it|tt))\s+(?:\S+\s+){0,3}$")
        .expect("valid regex")
});

fn so_far(before: &str) -> bool {
    PERFECT_BEFORE.captures(before).is_some_and(|c| {
        let v = c["supine"].to_lowercase();
        !matches!(
            v.as_str(),
            "tecknat"
                | "ingått"
                | "skrivit"
                | "undertecknat"
                | "signerat"
                | "förlängt"
                | "förnyat"
                | "beslutat"
                | "godkänt"
                | "beviljat"
                | "fått"
                | "erhållit"
        )
    })
}

/// Lengths that are not the agreement's term: an age ("personer över 65
/// år": "över" alone, where a term reads "sträcker sig över tre år"), a
/// notice period ("uppsägningstid på sex månader"), an earlier agreement's
/// ("Det tidigare avtalet var treårigt"), a count of years ("första gången
/// på tio år").
static NOT_TERM_BEFORE: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(concat!(
        r"(?i)(?:(?:^|[^\p{L}])(?:\p{L}+)\s+över\s+$|\buppsägning\p{L}*\b[^.;]{0,30}$|\bgången\s+$|",
        r"\b(?:tidigare|förra|gamla|föregående)\s+\p{L}*(?:avtal\p{L}*|överenskommelse\p{L}*|partnerskap\p{L}*)\b[^.;]{0,40}$)"
    ))
    .expect("valid regex")
});

/// Words before "över" that make it a term: "sträcker sig över", "löper
/// över", "1 miljon kronor över tre år".
static OVER_TERM: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(r"(?i)\b(?:sig|löper|gäller|sträcker|perioden|avtalet|överenskommelsen|partnerskapet|kronor|kr|miljon|miljoner|mkr|mnkr|tkr|sek)\s+över\s+$")
        .expect("valid regex")
});

/// True when the length at `at` is not the agreement's term.
fn not_the_term(sentence: &str, at: usize) -> bool {
    let before = &sentence[..at];
    // the length match starts at its preposition: look at what precedes it
    let with_over = sentence[at..].to_lowercase().starts_with("över ");
    if with_over {
        let upto = &sentence[..at + "över ".len()];
        return !OVER_TERM.is_match(upto);
    }
    NOT_TERM_BEFORE.is_match(before)
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
        if LENGTH_HEDGE_BEFORE.is_match(&sentence[..whole.start()])
            || so_far(&sentence[..whole.start()])
            || not_the_term(sentence, whole.start())
        {
            continue;
        }
        let after = sentence[whole.end()..].trim_start().to_lowercase();
        if after.starts_with("sedan")
            || after.starts_with("gammal")
            || after.starts_with("tillbaka")
        {
            continue;
        }
        let half_year = c.name("halfyear").is_some();
        let n = if half_year {
            Some(0)
        } else {
            c.name("n1")
                .or(c.name("n2"))
                .or(c.name("n3"))
                .map(|m| m.as_str())
                .and_then(count)
        };
        let unit = c
            .name("u1")
            .or(c.name("u2"))
            .or(c.name("u3"))
            .map_or("år", |m| m.as_str());
        // "ett och ett halvt år" is 18 months; "ett halvår" is 6
        let half = half_year || c.name("half1").or(c.name("half3")).is_some();
        if let Some(n) = n {
            let mut from = whole.start().saturating_sub(50);
            while !sentence.is_char_boundary(from) {
                from += 1;
            }
            let near = AGREEMENT_WORD.is_match(&sentence[from..whole.end()]);
            found.push((
                near,
                match (unit.to_lowercase().starts_with("år"), half) {
                    (true, true) => n * 12 + 6,
                    (true, false) => n * 12,
                    // "två och ett halvt månader" is no way to say it
                    (false, _) => n,
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
        // "avtalet är tvåårigt"
        let predicate = AGREEMENT_IS.is_match(&sentence[..whole.start()]);
        if not_the_term(sentence, whole.start()) {
            continue;
        }
        if !compound && !predicate && !AGREEMENT_WORD.is_match(&next) {
            continue;
        }
        if let Some(n) = count(&c["n"]) {
            return Some(n * 12);
        }
    }
    None
}

/// A renewal that runs unless notice is given: "förlängs därefter årsvis",
/// "förlängs med ett år i taget", "förlängs automatiskt två år i taget".
static RENEWAL: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(&format!(
        r"(?i)\bförläng(?:s|es)\s+(?:därefter\s+|sedan\s+|automatiskt\s+|tyst\s+)*(?:(?P<yearly>årsvis|år\s+för\s+år)|(?:med\s+)?(?P<n>{COUNT})\s+(?P<u>år|månader)\s+i\s+taget)"
    ))
    .expect("valid regex")
});

/// A stated option to extend, in months: an option or a renewal that runs
/// unless notice is given.
pub fn extension_months(sentence: &str) -> Option<u32> {
    if let Some(c) = RENEWAL.captures(sentence) {
        if c.name("yearly").is_some() {
            return Some(12);
        }
        let n = count(c.name("n")?.as_str())?;
        let unit = c.name("u")?.as_str();
        return Some(if unit.to_lowercase().starts_with("år") {
            n * 12
        } else {
            n
        });
    }
    let c = EXTENSION.captures(sentence)?;
    let n = count(c.name("n").or(c.name("n0")).or(c.name("n1"))?.as_str())?;
    let unit = c.name("u").or(c.name("u0")).or(c.name("u1"))?.as_str();
    Some(if unit.to_lowercase().starts_with("år") {
        n * 12
    } else {
        n
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_renewal_unless_notice_is_given() {
        assert_eq!(
            extension_months(
                "Avtalet förlängs därefter årsvis om ingen av parterna säger upp det."
            ),
            Some(12)
        );
        assert_eq!(
            extension_months("Avtalet förlängs därefter med ett år i taget om det inte sägs upp."),
            Some(12)
        );
        assert_eq!(
            extension_months("Överenskommelsen förlängs automatiskt två år i taget."),
            Some(24)
        );
        assert_eq!(extension_months("Avtalet förlängs nu till 2026."), None);
    }

    #[test]
    fn a_length_adjective_after_the_agreements_second_verb() {
        assert_eq!(
            stated_months("Avtalet gäller från 1 april och är ettårigt."),
            Some(12)
        );
        assert_eq!(stated_months("Avtalet är treårigt."), Some(36));
        // another subject's adjective after "och" is not the agreement's
        assert_eq!(
            stated_months("Avtalet gäller från 1 april; bidraget är ettårigt."),
            None
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
            stated_months("Avtalet gäller i ett och ett halvt år."),
            Some(18)
        );
        assert_eq!(
            stated_months("Avtalstiden är två och ett halvt år."),
            Some(30)
        );
        assert_eq!(stated_months("Avtalet gäller under ett halvår."), Some(6));
        assert_eq!(
            stated_months("Kommunen betalar 780 000 kronor om året under avtalets fyra år."),
            Some(48)
        );
        assert_eq!(
            stated_months("Räddningsmissionen får fyra års avtal med kommunen"),
            Some(48)
        );
        assert_eq!(
            stated_months("Avtalet tecknades för ett halvår sedan."),
            None
        );
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
            stated_months("Avtalet gäller från och med årsskiftet och de kommande tre åren."),
            Some(36)
        );
        assert_eq!(stated_months("Vi och tre år gamla barn."), None);
        assert_eq!(
            stated_months("Kommunen stöttar jouren med en miljon kronor över tre år."),
            Some(36)
        );
    }

    #[test]
    fn an_age_a_notice_period_or_an_earlier_agreements_length_is_no_term() {
        for s in [
            "Personer över 65 år är välkomna till mötesplatsen.",
            "Avtalet har en uppsägningstid på sex månader.",
            "Det tidigare avtalet var treårigt.",
            "Det förra avtalet gällde i tre år.",
            "Det är första gången på tio år som kommunen tecknar ett sådant avtal.",
        ] {
            assert_eq!(stated_months(s), None, "{s}");
        }
        for (s, m) in [
            ("Avtalet löper över tre år.", 36),
            ("Avtalet sträcker sig över två år.", 24),
            ("Det nya avtalet är treårigt.", 36),
        ] {
            assert_eq!(stated_months(s), Some(m), "{s}");
        }
    }

    #[test]
    fn length_regexes() {
        assert!(LENGTH.is_match("gäller i tre år"));
        assert!(LENGTH_ADJ.is_match("ett treårigt avtal"));
        assert!(LENGTH_HEDGE_BEFORE.is_match("har funnits i över "));
        assert!(EXTENSION.is_match("med möjlighet till förlängning ytterligare tre år"));
    }

    proptest! {
        #[test]
        fn length_parsers_never_panic(s in "\\PC{0,120}") {
            let _ = stated_months(&s);
            let _ = extension_months(&s);
        }
    }
}
