//! The attribution of a quote: ", säger Anna Berg (S), ordförande." and its
//! kin ("berättar", "menar", ..., "säger hon", "säger ordföranden",
//! "säger nämndens ordförande Per Ek", "säger Anna Berg och Per Ek").
//! Pure; uses `regex` and the name pieces of `names`.

use std::sync::LazyLock;

use crate::extract::pattern::Pattern;

use super::names::{
    self, NAME, NAME_WORD, clean_role, party_after, party_letters, plausible_person,
};

/// Verbs that attribute a quote.
pub const VERB: &str = r"(?:säger|sade|sa|berättar|berättade|menar|menade|konstaterar|konstaterade|fortsätter|fortsatte|understryker|underströk|framhåller|framhöll|betonar|betonade|poängterar|poängterade|tycker|tyckte|tillägger|tillade|förklarar|förklarade|avslutar|avslutade|påpekar|påpekade|svarar|svarade|uppger|uppgav|hävdar|anser|ansåg|summerar|sammanfattar|beskriver|utvecklar|förtydligar|medger|inflikar|intygar|resonerar|säger\s+också|berättar\s+också)";

/// An attribution verb after a comma, a closing quotation mark or a space.
static VERB_AT: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(&format!(
        r"(?:(,|[”“»«'’]\s*,?|\u{{22}}\s*,?)\s*|\s)({VERB})(?:\s+(?:också|även|vidare|dock|då|nu))?\s+"
    ))
    .expect("valid regex")
});

/// A name anywhere in a subject: "Region Skånes ordförande Per Ek (S), ...".
static NAMED: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(&format!(
        r"(?P<name>{n})(?P<tail>(?:\s|,|\().*)?$",
        n = *NAME
    ))
    .expect("valid regex")
});

/// An indefinite article and up to three lower-case words before a name:
/// the speaker's mood ("en glad", "en mycket nöjd", "ett stolt").
static MOOD: LazyLock<Pattern> =
    LazyLock::new(|| Pattern::new(r"^(?:en|ett)(?:\s+\p{Ll}+){1,3}$").expect("valid regex"));

/// A subject that is one name word, a surname met earlier: "säger Berg som ...".
static SURNAME: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(&format!(r"^(?P<name>{NAME_WORD})(?P<tail>(?:\s|,|\().*)?$")).expect("valid regex")
});

/// "säger hon", "säger han".
static PRONOUN: LazyLock<Pattern> =
    LazyLock::new(|| Pattern::new(r"^(?:hon|han|hen)(?:\s|$)").expect("valid regex"));

/// A title alone in definite form: "säger ordföranden", "säger klubbens ordförande".
static DEFINITE: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(&format!(
        r"^(?:[\p{{L}}-]+s\s+)?((?i:{}))$",
        names::ROLE_NOUN
    ))
    .expect("valid regex")
});

/// "som är ordförande", "som blir ledare".
static SOM_AR: LazyLock<Pattern> =
    LazyLock::new(|| Pattern::new(r"^som\s+(?:är|var|blir|numera\s+är)\s+").expect("valid regex"));

/// A second speaker inside a title: "ordförande, och Per Ek, kassör".
static JOINT: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(&format!(r"^(?:,\s*)?och\s+(?P<rest>{n}.*)$", n = *NAME)).expect("valid regex")
});
static JOINT_IN_ROLE: LazyLock<Pattern> =
    LazyLock::new(|| Pattern::new(&format!(r",?\s+och\s+({n})", n = *NAME)).expect("valid regex"));

/// One named speaker as the attribution writes it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Speaker {
    pub name: String,
    pub role: Option<String>,
    pub party: Option<String>,
    pub organization: Option<String>,
}

/// Who the attribution names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Who {
    Named(Vec<Speaker>),
    /// "hon"/"han": the person named last.
    Pronoun,
    /// "ordföranden": the person named last with this title.
    Title(String),
}

/// An attribution found in a paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attribution {
    pub who: Who,
    /// Byte range in the paragraph: from the comma (or space) before the
    /// verb to the end of the attribution sentence, its full stop included.
    pub start: usize,
    pub end: usize,
    /// The sentence ends in a colon: "säger Per Ek och fortsätter:".
    pub continues: bool,
}

/// Byte length of the attribution sentence in `rest`, and its last character.
fn clause_end(rest: &str) -> (usize, Option<char>) {
    for (i, c) in rest.char_indices() {
        if matches!(c, '.' | '!' | '?' | ':') {
            let after = &rest[i + c.len_utf8()..];
            let next = after.trim_start().chars().next();
            let spaced = after.starts_with(char::is_whitespace);
            if next.is_none()
                || (spaced
                    && next.is_some_and(|n| {
                        n.is_uppercase() || matches!(n, '–' | '—' | '-' | '”' | '"' | '»' | '“')
                    }))
            {
                return (i, Some(c));
            }
        }
    }
    (rest.len(), None)
}

/// The first attribution in the paragraph. One after a plain space (no
/// comma or closing quotation mark) counts only when it ends the paragraph.
pub fn find(p: &str) -> Option<Attribution> {
    for m in VERB_AT.captures_iter(p) {
        let whole = m.get(0).expect("match");
        let rest = &p[whole.end()..];
        let (len, last) = clause_end(rest);
        let clause = rest[..len].trim();
        let Some((who, clean)) = subject(clause) else {
            continue;
        };
        let end = whole.end() + len + last.map_or(0, char::len_utf8);
        let at_end = p[end..].trim().is_empty();
        if m.get(1).is_none() && !(at_end && clean) {
            continue;
        }
        if whole.start() == 0 {
            continue;
        }
        return Some(Attribution {
            who,
            start: whole.start(),
            end,
            continues: last == Some(':'),
        });
    }
    None
}

/// Who a subject clause names: "Anna Berg (S), ordförande", "hon",
/// "ordföranden"; and whether the whole clause was understood (nothing
/// but the subject, its title, party, organisation or "och fortsätter").
pub fn subject(clause: &str) -> Option<(Who, bool)> {
    if let Some(m) = PRONOUN.find(clause) {
        let rest = clause[m.end()..].trim();
        return Some((Who::Pronoun, rest.is_empty() || CONTINUES.is_match(rest)));
    }
    if let Some(c) = DEFINITE.captures(clause) {
        return Some((Who::Title(c[1].to_lowercase()), true));
    }
    named(clause).map(|(v, clean)| (Who::Named(v), clean))
}

/// Whom the words were said to, closing the clause: "till Sveriges Radio",
/// ", till P4 Väst", "i ett pressmeddelande".
static TO_MEDIUM: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(r"(?:^|,?\s+)(?:till\s+(?:\p{Lu}|tidningen\s|radion|tv)|i\s+(?:ett|en)\s+(?:pressmeddelande|intervju|kommentar|uttalande)(?:[\s,.]|$)).*$")
        .expect("valid regex")
});

/// "och fortsätter", "och tillägger": the speaker goes on.
static CONTINUES: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(&format!(r"^(?:och|innan\s+(?:hon|han))\s+{VERB}$")).expect("valid regex")
});

/// The speakers of a clause that names people, and whether all of it was understood.
fn named(clause: &str) -> Option<(Vec<Speaker>, bool)> {
    let mut from = 0;
    while let Some(c) = NAMED.captures_at(clause, from) {
        let m = c.name("name").expect("group");
        from = clause[m.start()..]
            .char_indices()
            .find(|&(_, ch)| ch.is_whitespace())
            .map_or(clause.len(), |(i, _)| m.start() + i);
        let mut pre = clause[..m.start()].trim();
        let name = m.as_str();
        // "säger en glad Anna Berg", "konstaterar en mycket nöjd Per Ek": the
        // speaker's mood, no title
        if !pre_is_title(pre) && MOOD.is_match(pre) {
            pre = "";
        }
        if !pre_is_title(pre) {
            continue;
        }
        if plausible_person(name) {
            let tail = c.name("tail").map_or("", |m| m.as_str());
            let mut speakers = Vec::new();
            let mut first = Speaker {
                name: name.to_string(),
                role: (!pre.is_empty()).then(|| clean_role(pre)),
                ..Speaker::default()
            };
            let (more, mut clean) = read_tail(tail, &mut first);
            speakers.push(first);
            if let Some((more, c)) = more.and_then(|m| named(&m)) {
                speakers.extend(more);
                clean &= c;
            }
            split_respektive(&mut speakers);
            return Some((speakers, clean));
        }
    }
    let c = SURNAME.captures(clause)?;
    let name = c.name("name").expect("group").as_str();
    // a long word in definite form ("Idrottsalliansen") is a body, not a surname
    if !plausible_person(name) || name.ends_with("en") && name.chars().count() > 12 {
        return None;
    }
    let tail = c.name("tail").map_or("", |m| m.as_str());
    let mut s = Speaker {
        name: name.to_string(),
        ..Speaker::default()
    };
    let (_, clean) = read_tail(tail, &mut s);
    Some((vec![s], clean))
}

/// "Anna Berg och Per Ek, ordförande respektive kassör": one title each.
fn split_respektive(speakers: &mut [Speaker]) {
    let [a, b] = speakers else {
        return;
    };
    let split = b.role.as_deref().and_then(|r| r.split_once(" respektive "));
    let Some((x, y)) = split.filter(|_| a.role.is_none()) else {
        return;
    };
    let (x, y) = (x.trim().to_string(), y.trim().to_string());
    a.role = Some(x);
    b.role = Some(y);
}

/// A title before the name: at most eight words ending in a title noun
/// ("vice ordförande", "Region Skånes regionråd").
fn pre_is_title(pre: &str) -> bool {
    if pre.is_empty() {
        return true;
    }
    let words: Vec<&str> = pre.split_whitespace().collect();
    let last = words.last().map(|w| w.to_lowercase()).unwrap_or_default();
    // "ordföranden i Rinkeby Folkets Hus, Carl Hamilton": the title and its
    // body before a comma
    let first = words.first().map(|w| w.to_lowercase()).unwrap_or_default();
    let titled_body = pre.ends_with(',') && names::is_role_word(&first);
    words.len() <= 8 && (names::is_role_word(&last) || titled_body)
}

/// Read what follows the name: party, ", title", "som är title", "från org",
/// "och NAME"; returns the clause of a second speaker if there is one, and
/// whether the tail was understood.
fn read_tail(tail: &str, s: &mut Speaker) -> (Option<String>, bool) {
    let mut t = tail;
    if let Some(party) = party_after(t) {
        s.party = Some(party);
        let close = t.find(')').map_or(t.len(), |i| i + 1);
        t = &t[close..];
    }
    let t = t.trim_start();
    if t.is_empty() || CONTINUES.is_match(t) || TO_MEDIUM.find(t).is_some_and(|m| m.start() == 0) {
        return (None, true);
    }
    if let Some(c) = JOINT.captures(t) {
        return (Some(c["rest"].to_string()), true);
    }
    let role_text =
        if let Some(r) = t.strip_prefix(',') {
            let r = r.trim_start();
            match SOM_AR.find(r) {
                Some(m) => Some(&r[m.end()..]),
                // ", som direkt var positiv till idén": a clause about the
                // speaker, no title
                None if r.starts_with("som ") => return (None, true),
                None => Some(r),
            }
        } else if let Some(m) = SOM_AR.find(t) {
            Some(t[m.end()..].split(',').next().unwrap_or(""))
        } else if let Some(org) = ["från ", "på ", "vid ", "hos "]
            .iter()
            .find_map(|k| t.strip_prefix(k))
        {
            s.organization = Some(clean_role(org));
            return (None, true);
        } else if s.party.is_some() && t.chars().next().is_some_and(char::is_lowercase) {
            Some(t)
        } else if t.split_whitespace().next().is_some_and(|w| {
            w.chars().next().is_some_and(char::is_lowercase) && names::is_role_word(w)
        }) {
            // "säger Bertil Månsson ordförande i PIL": the title without a comma
            Some(t)
        } else {
            None
        };
    let Some(role_text) = role_text else {
        return (None, false);
    };
    let role_text = match TO_MEDIUM.find(role_text) {
        Some(m) => &role_text[..m.start()],
        None => role_text,
    };
    let (role_text, more) = match JOINT_IN_ROLE.captures(role_text) {
        Some(c) if plausible_person(&c[1]) => {
            let m = c.get(0).expect("match");
            (
                &role_text[..m.start()],
                Some(role_text[c.get(1).expect("group").start()..].to_string()),
            )
        }
        _ => (role_text, None),
    };
    if s.party.is_none() {
        s.party = party_letters(role_text);
    }
    let role = clean_role(role_text);
    let first_upper = role.chars().next().is_some_and(char::is_uppercase);
    let genitive_title = role
        .split_whitespace()
        .next()
        .is_some_and(|w| w.ends_with('s'))
        && role
            .split_whitespace()
            .nth(1)
            .is_some_and(|w| names::is_role_word(&w.to_lowercase()));
    if role.is_empty() || role.split_whitespace().count() > 20 {
        return (more, false);
    } else if first_upper && !genitive_title {
        s.organization = Some(role);
    } else {
        s.role = Some(role);
    }
    (more, true)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(p: &str) -> Speaker {
        match find(p).expect("attribution").who {
            Who::Named(v) => v[0].clone(),
            w => panic!("{w:?}"),
        }
    }

    #[test]
    fn verb_at_needs_comma_quote_or_space() {
        assert!(VERB_AT.is_match("bra, säger Lisa"));
        assert!(VERB_AT.is_match("bra”, berättar Lisa"));
        assert!(VERB_AT.is_match("bra\", menar Lisa"));
        assert!(!VERB_AT.is_match("bra,sägerLisa"));
    }

    #[test]
    fn name_then_title_then_party() {
        let s = one("– Vi är nöjda, säger Lena Holm (KD), ordförande i kulturnämnden.");
        assert_eq!(s.name, "Lena Holm");
        assert_eq!(s.role.as_deref(), Some("ordförande i kulturnämnden"));
        assert_eq!(s.party.as_deref(), Some("KD"));
        let s = one("\"Ett bra steg\", säger Omar Yusuf, kommunalråd (MP).");
        assert_eq!(
            (s.role.as_deref(), s.party.as_deref()),
            (Some("kommunalråd"), Some("MP"))
        );
        let s = one("– Bra, säger Omar Yusuf (V) ordförande i fritidsnämnden.");
        assert_eq!(s.role.as_deref(), Some("ordförande i fritidsnämnden"));
    }

    #[test]
    fn title_with_commas_runs_to_the_full_stop() {
        let s = one("Det är bra, säger Eva Lind, enhetschef, enheten för kultur, Region Norr.");
        assert_eq!(
            s.role.as_deref(),
            Some("enhetschef, enheten för kultur, Region Norr")
        );
    }

    #[test]
    fn title_before_name() {
        let s = one("– Det blir bra, säger föreningens vice ordförande Jonas Lind.");
        assert_eq!(
            (s.name.as_str(), s.role.as_deref()),
            ("Jonas Lind", Some("föreningens vice ordförande"))
        );
        let s = one("– Det blir bra, förklarar kommundirektör Pia Berg (S).");
        assert_eq!(
            (s.role.as_deref(), s.party.as_deref()),
            (Some("kommundirektör"), Some("S"))
        );
    }

    #[test]
    fn title_with_a_body_before_name() {
        let s = one("– Vi satsar långsiktigt, säger Region Skånes regionråd Lars Ohly-Berg (V).");
        assert_eq!(s.name, "Lars Ohly-Berg");
        assert_eq!(s.role.as_deref(), Some("Region Skånes regionråd"));
        assert!(find("– Vi satsar, säger man till ordföranden i Region Skåne.").is_none());
    }

    #[test]
    fn som_ar_and_fran() {
        let s = one("– Roligt, säger Tuve Ek som är ledare på fritidsgården.");
        assert_eq!(s.role.as_deref(), Some("ledare på fritidsgården"));
        let s = one("– Roligt, säger Tuve Ek som tycker att det gått bra.");
        assert_eq!(s.role, None);
        let s = one("– Roligt, säger Tuve Ek från den lokala scoutkåren.");
        assert_eq!(s.organization.as_deref(), Some("den lokala scoutkåren"));
    }

    #[test]
    fn pronoun_title_and_joint() {
        assert_eq!(find("– Ja, säger hon.").unwrap().who, Who::Pronoun);
        assert_eq!(
            find("– Ja, säger ordföranden.").unwrap().who,
            Who::Title("ordföranden".into())
        );
        match find("– Vi jublar, säger Anna Berg och Per Ek.")
            .unwrap()
            .who
        {
            Who::Named(v) => assert_eq!(
                v.iter().map(|s| s.name.as_str()).collect::<Vec<_>>(),
                ["Anna Berg", "Per Ek"]
            ),
            w => panic!("{w:?}"),
        }
    }

    #[test]
    fn medium_is_no_title_and_respektive_splits_titles() {
        let s = one("– Bra, säger Lisa Ek, ordförande i Scoutkåren, till Ale-Kuriren.");
        assert_eq!(s.role.as_deref(), Some("ordförande i Scoutkåren"));
        let s = one("– Bra, säger Lisa Ek till Sveriges Radio Väst.");
        assert_eq!(s.role, None);
        match find("– Vi är nöjda, säger Lisa Ek och Omar Ali, ordförande respektive kassör.")
            .unwrap()
            .who
        {
            Who::Named(v) => {
                assert_eq!(v[0].role.as_deref(), Some("ordförande"));
                assert_eq!(v[1].role.as_deref(), Some("kassör"));
            }
            w => panic!("{w:?}"),
        }
        match find("– Vi är nöjda, säger Lisa Ek, ordförande, och Omar Ali, kassör.")
            .unwrap()
            .who
        {
            Who::Named(v) => {
                assert_eq!(
                    (v[0].name.as_str(), v[0].role.as_deref()),
                    ("Lisa Ek", Some("ordförande"))
                );
                assert_eq!(
                    (v[1].name.as_str(), v[1].role.as_deref()),
                    ("Omar Ali", Some("kassör"))
                );
            }
            w => panic!("{w:?}"),
        }
    }

    #[test]
    fn continuation_after_attribution_and_colon() {
        let p = "Vi är glada, säger Ali Hassan, ordförande (C). Nu börjar arbetet.";
        let a = find(p).unwrap();
        assert_eq!(&p[a.end..], " Nu börjar arbetet.");
        let a = find("– Bra, säger Ali Hassan och fortsätter:").unwrap();
        assert!(a.continues);
    }

    #[test]
    fn no_comma_only_at_paragraph_end() {
        assert!(find("Det blev bra säger Ali Hassan, kassör.").is_some());
        assert!(find("Att det blir dyrt menar Ali Hassan också handlar om annat.").is_none());
        assert!(find("\"Fel väg\", säger man i beslutet.").is_none());
    }

    #[test]
    fn regexes_match_their_forms() {
        let c = NAMED
            .captures("Region Skånes ordförande Per Ek, om")
            .unwrap();
        assert_eq!(&c["name"], "Region Skånes");
        let c = NAMED
            .captures_at("Region Skånes ordförande Per Ek, om", 7)
            .unwrap();
        assert_eq!(&c["name"], "Per Ek");
        assert!(SURNAME.is_match("Wikström som tror"));
        assert!(PRONOUN.is_match("hon"));
        assert!(DEFINITE.is_match("klubbens ordförande"));
        assert!(SOM_AR.is_match("som är chef"));
        assert!(JOINT.is_match("och Per Ek, kassör"));
        assert!(JOINT_IN_ROLE.is_match("ordförande, och Per Ek"));
        assert!(CONTINUES.is_match("och fortsätter"));
        assert!(TO_MEDIUM.is_match("till Sveriges Radio"));
        assert!(TO_MEDIUM.is_match("ordförande, i ett pressmeddelande"));
        assert!(!TO_MEDIUM.is_match("ordförande i kulturnämnden"));
    }
}
