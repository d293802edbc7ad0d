//! Person names, party letters and roles as Swedish press text writes them:
//! the shared regex pieces of the quote extractor, and the page's table of
//! people (who is named where, with which title and party). Pure; uses
//! `regex` only.

use std::sync::LazyLock;

use crate::extract::pattern::Pattern;

/// One word of a name: "Anna", "Krutzén", "Nils-Ivar", "Söderqvist-Määttä".
pub const NAME_WORD: &str =
    r"\p{Lu}(?:['’]\p{Lu})?[\p{Ll}'’]+(?:\p{Lu}\p{Ll}+)?(?:-\p{Lu}?[\p{Ll}'’]+(?:\p{Lu}\p{Ll}+)?)*";

/// A full name: two or three words, a bare middle initial ("Eva S Olsson")
/// or a particle ("af", "von") allowed between them.
pub static NAME: LazyLock<String> = LazyLock::new(|| {
    format!(
        r"{w}(?:\s+\p{{Lu}}\.?)?(?:\s+(?:(?:von|van|af|de|der|den|al|el|bin|ibn|da|di|la|le)\s+)?{w}){{1,2}}",
        w = NAME_WORD
    )
});

/// Party letters in brackets: "(M)", "(KD)", "(mp)".
pub static PARTY: LazyLock<Pattern> =
    LazyLock::new(|| Pattern::new(r"\(\s*(?i:(KD|MP|SD|M|S|V|L|C))\s*\)").expect("valid regex"));

/// Words that start a sentence or name a body, never the first word of a person's name.
static NOT_A_FIRST_NAME: &[&str] = &[
    "Men",
    "Enligt",
    "När",
    "Från",
    "Det",
    "Den",
    "Där",
    "Nu",
    "Och",
    "Även",
    "Hos",
    "För",
    "Med",
    "Av",
    "Till",
    "Efter",
    "Under",
    "Som",
    "Vid",
    "Om",
    "Region",
    "Kommun",
    "Stad",
    "Röda",
    "Svenska",
    "Sveriges",
    "Föreningen",
    "Stiftelsen",
    "Kommunalrådet",
    "Kommunalråd",
    "Bilden",
    "Foto",
    "Läs",
    "Kontakt",
    "Mer",
    "Pressmeddelande",
    "Socialdemokraterna",
    "Moderaterna",
    "Vänsterpartiet",
    "Centerpartiet",
    "Liberalerna",
    "Kristdemokraterna",
    "Miljöpartiet",
    "Sverigedemokraterna",
    "Ordförande",
    "Vice",
    "Detta",
    "Här",
    "Idag",
    "I",
    "På",
    "Ett",
    "En",
];

static ROLE_WORD: LazyLock<Pattern> =
    LazyLock::new(|| Pattern::new(&format!("^(?:{ROLE_NOUN})$")).expect("valid regex"));

/// True when a lower-case word is a title noun ("ordförande", "sportchefen").
pub fn is_role_word(w: &str) -> bool {
    ROLE_WORD.is_match(w)
}

/// A name, with the party letters written after it when there are any.
static NAME_PARTY: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(&format!(
        r"({})(\s*\(\s*(?i:KD|MP|SD|M|S|V|L|C)\s*\))?",
        *NAME
    ))
    .expect("valid regex")
});

/// A matched name without the sentence-start or title words before it
/// ("Men Claes Heijbel", "Kommunalrådet Lena Ek"); None unless two name
/// words remain and they look like a person's.
pub fn trim_name(name: &str) -> Option<&str> {
    let mut rest = name;
    loop {
        let (first, tail) = rest.split_once(' ')?;
        if NOT_A_FIRST_NAME.contains(&first) || ROLE_WORD.is_match(&first.to_lowercase()) {
            rest = tail.trim_start();
        } else {
            break;
        }
    }
    (rest.contains(' ') && plausible_person(rest)).then_some(rest)
}

/// True when a matched name looks like a person's, not a body or a sentence start.
pub fn plausible_person(name: &str) -> bool {
    let first = name.split_whitespace().next().unwrap_or("");
    if NOT_A_FIRST_NAME.contains(&first) {
        return false;
    }
    !name.split_whitespace().any(|w| {
        let l = w.to_lowercase();
        l.ends_with("kommun")
            || l.ends_with("jouren")
            || l.ends_with("föreningen")
            || l.ends_with("förening")
            || l.ends_with("huset")
            || l.ends_with("banken")
            || l.ends_with("regionen")
            || l == "region"
            || l == "stad"
            || l == "län"
            || l == "korset"
    })
}

/// Nouns that head a title: "ordförande", "kommunalråd", "verksamhetschef".
pub const ROLE_NOUN: &str = r"(?:ordförande[n]?|kommunalråd(?:et)?|regionråd(?:et)?|oppositionsråd(?:et)?|[\p{Ll}-]*chef(?:en)?|[\p{Ll}-]*direktör(?:en)?|[\p{Ll}-]*ledare[n]?|[\p{Ll}-]*tränare[n]?|[\p{Ll}-]*samordnare[n]?|[\p{Ll}-]*sekreterare[n]?|[\p{Ll}-]*handläggare[n]?|[\p{Ll}-]*strateg(?:en)?|[\p{Ll}-]*utvecklare[n]?|[\p{Ll}-]*konsult(?:en)?|ledamot(?:en)?|kassör(?:en)?|talesperson(?:en)?|[\p{Ll}-]*ansvarig[a]?|föreståndare[n]?|rektor(?:n)?|präst(?:en)?|generalsekreterare[n]?)";

/// The stems one of which (in any case) every title noun holds.
static ROLE_STEM: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(concat!(
        "(?i:ordförande|kommunalråd|regionråd|oppositionsråd|chef|direktör|ledare|tränare|",
        "samordnare|sekreterare|handläggare|strateg|utvecklare|konsult|ledamot|kassör|",
        "talesperson|ansvarig|föreståndare|rektor|präst)"
    ))
    .expect("valid regex")
});

/// A title written before a name: "nämndens ordförande", "vice ordförande",
/// "kommundirektör", "lagledaren och sportchefen", "Piraternas ordförande".
pub static PRE_ROLE: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(&format!(
        r"(?:^|[\s(])((?:(?:[\p{{L}}-]+(?:\s+och\s+[\p{{L}}-]+)?s)\s+)?(?:(?:1:e|2:e|förste|andre)\s+)?(?:(?i:v)ice\s+)?(?i:{r})(?:\s+och\s+{r})?)\s+({n})",
        r = ROLE_NOUN,
        n = *NAME
    ))
    .expect("valid regex")
});

/// "NAME, ROLE," and "NAME, som är ROLE," and "NAME som är ROLE" written in a narrative sentence.
pub static APPOSITIVE: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(&format!(
        r"({n})(?:\s*\(\s*(?i:KD|MP|SD|M|S|V|L|C)\s*\))?(?:\s*,\s*(?:som\s+(?:är|var|blir)\s+)?|\s+som\s+(?:är|var|blir)\s+)(\p{{Ll}}[^,.;:]*?)(?:,|\s+(?:hade|har|är|var|ska|kan|vill|anser|tycker|menar|säger|berättar|får|fick|tar|tog|ser|gör|blev|och\s+\p{{Lu}})(?:\s|$)|[.;:]|$)",
        n = *NAME
    ))
    .expect("valid regex")
});

/// A title given by a copula: "Anna Berg är ordförande i Kvinnojouren
/// Frida och ...", "Per Ek (S) var kommunalråd".
pub static COPULA_ROLE: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(&format!(
        r"({n})(?:\s*\(\s*(?i:KD|MP|SD|M|S|V|L|C)\s*\))?\s+(?:är|var|blir|blev)\s+(?:sedan\s+\S+\s+|numera\s+|nu\s+)?(\p{{Ll}}[^,.;:]*?)(?:,|\s+och\s|\s+sedan\s|[.;:]|$)",
        n = *NAME
    ))
    .expect("valid regex")
});

/// A title's remit written after the name: "(C), med ansvar för skolfrågor,".
static RESPONSIBLE: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(r"^(?:\s*\(\s*\p{L}{1,2}\s*\))?\s*,\s*(med ansvar för [^,.;]+)")
        .expect("valid regex")
});

/// What the page says about one person.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Person {
    pub name: String,
    pub role: Option<String>,
    pub party: Option<String>,
}

/// The people a page names, in the order they are first named, with every
/// mention (paragraph index) for resolving "säger hon".
#[derive(Debug, Clone, Default)]
pub struct People {
    pub persons: Vec<Person>,
    /// (paragraph, byte offset, index into `persons`) of every mention, in order.
    pub mentions: Vec<(usize, usize, usize)>,
}

impl People {
    /// Index of the person with this full name, or with this surname when
    /// `name` is one word and exactly one full name on the page ends in it.
    pub fn find(&self, name: &str) -> Option<usize> {
        if let Some(i) = self.persons.iter().position(|p| p.name == name) {
            return Some(i);
        }
        if !name.contains(' ') {
            let hits: Vec<usize> = self
                .persons
                .iter()
                .enumerate()
                .filter(|(_, p)| p.name.rsplit(' ').next() == Some(name))
                .map(|(i, _)| i)
                .collect();
            if hits.len() == 1 {
                return Some(hits[0]);
            }
        }
        None
    }

    /// Add (or complete) a person; first role and first party win.
    pub fn add(&mut self, name: &str, role: Option<String>, party: Option<String>) -> usize {
        let i = match self.find(name) {
            Some(i) => i,
            None => {
                self.persons.push(Person {
                    name: name.to_string(),
                    ..Person::default()
                });
                self.persons.len() - 1
            }
        };
        let p = &mut self.persons[i];
        if p.role.is_none() {
            p.role = role.filter(|r| !r.is_empty());
        }
        if p.party.is_none() {
            p.party = party;
        }
        i
    }

    /// The person named last before (paragraph, offset).
    pub fn last_before(&self, para: usize, offset: usize) -> Option<usize> {
        self.mentions
            .iter()
            .filter(|&&(p, o, _)| p < para || (p == para && o < offset))
            .max_by_key(|&&(p, o, _)| (p, o))
            .map(|&(_, _, i)| i)
    }

    /// Scan every paragraph for people named with a party, a title before
    /// the name or a title after it.
    pub fn scan(&mut self, paragraphs: &[String]) {
        let people = self;
        for (pi, p) in paragraphs.iter().enumerate() {
            // a title before a name needs a title noun's stem; a title after
            // it a comma or "som": paragraphs without them skip the pattern
            let pre_role = ROLE_STEM.is_match(p);
            let appositive = p.contains(',') || p.contains("som");
            for c in pre_role
                .then(|| PRE_ROLE.captures_iter(p))
                .into_iter()
                .flatten()
            {
                let (role, name) = (&c[1], c.get(2).expect("group"));
                if let Some(n) = trim_name(name.as_str()) {
                    let party = party_after(&p[name.end()..]);
                    let role = match RESPONSIBLE.captures(&p[name.end()..]) {
                        Some(r) => format!("{} {}", clean_role(role), &r[1]),
                        None => clean_role(role),
                    };
                    let i = people.add(n, Some(role), party);
                    people.mentions.push((pi, name.start(), i));
                }
            }
            for c in appositive
                .then(|| APPOSITIVE.captures_iter(p))
                .into_iter()
                .flatten()
            {
                let name = c.get(1).expect("group");
                if let Some(n) = trim_name(name.as_str())
                    && appositive_person(n, &c[2])
                {
                    let party = party_after(&p[name.end()..]);
                    let i = people.add(n, Some(clean_role(&c[2])), party);
                    people.mentions.push((pi, name.start(), i));
                }
            }
            for c in pre_role
                .then(|| COPULA_ROLE.captures_iter(p))
                .into_iter()
                .flatten()
            {
                let name = c.get(1).expect("group");
                let role = c[2].trim();
                let titled = ROLE_STEM
                    .find(role)
                    .is_some_and(|m| role[..m.start()].split_whitespace().count() <= 2);
                if let Some(n) = trim_name(name.as_str())
                    && n.contains(' ')
                    && titled
                {
                    let party = party_after(&p[name.end()..]);
                    let i = people.add(n, Some(clean_role(role)), party);
                    people.mentions.push((pi, name.start(), i));
                }
            }
            for c in NAME_PARTY.captures_iter(p) {
                let name = c.get(1).expect("group");
                let Some(n) = trim_name(name.as_str()) else {
                    continue;
                };
                if let Some(party) = c.get(2) {
                    let i = people.add(n, None, party_letters(party.as_str()));
                    people.mentions.push((pi, name.start(), i));
                } else if let Some(i) = people.find(n) {
                    people.mentions.push((pi, name.start(), i));
                } else if n.split(' ').count() <= 3
                    && n.split(' ')
                        .next()
                        .is_some_and(crate::extract::lexicon::is_first_name)
                {
                    // a common first name and a surname: a person, titled or
                    // not ("Anna Berg har arbetat på jouren i tio år")
                    let i = people.add(n, None, None);
                    people.mentions.push((pi, name.start(), i));
                }
            }
        }
        people.mentions.sort_unstable();
        people.mentions.dedup();
    }
}

/// True when "NAME, WORDS" describes a person: the words hold a title
/// ("Anna Berg, ordförande i föreningen") or the name opens with a first
/// name. "Gränby Hjärta, en förening som ..." and "Gränby Hjärta, som
/// tecknades i fjol" describe no person.
fn appositive_person(name: &str, words: &str) -> bool {
    if words.starts_with("som ") {
        return false;
    }
    let titled = words
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .any(|w| ROLE_WORD.is_match(w));
    titled
        || name
            .split(' ')
            .next()
            .is_some_and(crate::extract::lexicon::is_first_name)
}

/// Party letters of a bracket such as "(m)": "M".
pub fn party_letters(s: &str) -> Option<String> {
    PARTY.captures(s).map(|c| c[1].to_uppercase())
}

/// Party letters written right after a name: " (S), ordförande".
pub fn party_after(s: &str) -> Option<String> {
    let t = s.trim_start();
    if t.starts_with('(') {
        PARTY
            .find(t)
            .filter(|m| m.start() == 0)
            .and_then(|m| party_letters(m.as_str()))
    } else {
        None
    }
}

/// A title as written, without party letters, brackets or trailing punctuation.
pub fn clean_role(s: &str) -> String {
    let no_party = PARTY.replace_all(s, "");
    let folded: Vec<&str> = no_party.split_whitespace().collect();
    folded
        .join(" ")
        .trim_matches(|c: char| matches!(c, ',' | '.' | ';' | ':' | ' '))
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn full(re: &str, s: &str) -> bool {
        Pattern::new(&format!("^(?:{re})$")).unwrap().is_match(s)
    }

    #[test]
    fn name_covers_swedish_and_immigrant_names() {
        for n in [
            "Maslah Omar",
            "Annika Krutzén",
            "Nils-Ivar Odelberg",
            "Eva S Olsson",
            "Ing Britt Karlsson",
            "Lena Söderqvist-Määttä",
            "Hans von Essen",
        ] {
            assert!(full(&NAME, n), "{n}");
        }
        assert!(!full(&NAME, "Anna"));
        assert!(!full(&NAME, "anna berg"));
    }

    #[test]
    fn party_reads_letters_in_any_case() {
        assert_eq!(party_letters("Håkan Söderman (m)"), Some("M".into()));
        assert_eq!(party_letters("Ida Nilsson ( MP )"), Some("MP".into()));
        assert_eq!(party_letters("förening(ar)"), None);
    }

    #[test]
    fn pre_role_reads_title_before_name() {
        let c = PRE_ROLE
            .captures("När föreningens ordförande Lisa Ek fick beskedet")
            .unwrap();
        assert_eq!((&c[1], &c[2]), ("föreningens ordförande", "Lisa Ek"));
        let c = PRE_ROLE
            .captures("säger vice ordförande Jonas Lind.")
            .unwrap();
        assert_eq!(&c[1], "vice ordförande");
        let c = PRE_ROLE
            .captures("menar klubbchefen och huvudtränaren Omar Said")
            .unwrap_or_else(|| panic!());
        assert_eq!(&c[2], "Omar Said");
    }

    #[test]
    fn appositive_reads_title_after_name() {
        let c = APPOSITIVE
            .captures(
                "Därför vill Sara Lund, verksamhetschef på Tjejjouren Väst, se ett nytt avtal.",
            )
            .unwrap();
        assert_eq!(
            (&c[1], &c[2]),
            ("Sara Lund", "verksamhetschef på Tjejjouren Väst")
        );
        let c = APPOSITIVE
            .captures("Men Erik Holm som är kassör hade hoppats på mer.")
            .unwrap();
        assert_eq!(&c[2], "kassör");
        assert!(APPOSITIVE.captures("Sara Lund och Region Väst").is_none());
    }

    #[test]
    fn people_table_collects_titles_and_parties() {
        let p = vec![
            "Kommunalrådet Karin Ås (C) och Sara Lund, verksamhetschef på Tjejjouren Väst, vill förlänga.".to_string(),
            "Kontakt: Per Ek (KD)".to_string(),
        ];
        let mut people = People::default();
        people.scan(&p);
        let karin = &people.persons[people.find("Karin Ås").unwrap()];
        assert_eq!(karin.party.as_deref(), Some("C"));
        assert_eq!(karin.role.as_deref(), Some("Kommunalrådet"));
        let sara = &people.persons[people.find("Lund").unwrap()];
        assert_eq!(
            sara.role.as_deref(),
            Some("verksamhetschef på Tjejjouren Väst")
        );
        assert_eq!(
            people.persons[people.find("Per Ek").unwrap()]
                .party
                .as_deref(),
            Some("KD")
        );
        assert_eq!(people.last_before(1, 0), people.find("Sara Lund"));
    }

    #[test]
    fn an_organisation_described_after_a_comma_is_no_person() {
        let p = vec![
            "Kommunen har ett avtal med Gränby Hjärta, en förening som arbetar med äldre."
                .to_string(),
            "Avtalet med Norrby Bygdeband, som tecknades i fjol, gäller till 2025.".to_string(),
            "Det säger Zlatko Hadzic, fritidsledare i Gränby.".to_string(),
        ];
        let mut people = People::default();
        people.scan(&p);
        let names: Vec<&str> = people.persons.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["Zlatko Hadzic"]);
    }

    #[test]
    fn bodies_are_not_people() {
        assert!(!plausible_person("Region Skåne"));
        assert!(!plausible_person("Kvinnojouren Söderslätt"));
        assert!(!plausible_person("Men Claes"));
        assert!(plausible_person("Claes Heijbel"));
        assert_eq!(trim_name("Men Claes Heijbel"), Some("Claes Heijbel"));
        assert_eq!(trim_name("Kommunalrådet Lena Ek"), Some("Lena Ek"));
        assert_eq!(trim_name("Enligt Anna"), None);
    }

    #[test]
    fn name_party_and_role_word() {
        let c = NAME_PARTY.captures("Kontakt: Per Ek (kd)").unwrap();
        assert_eq!(
            (&c[1], party_letters(&c[2]).as_deref()),
            ("Per Ek", Some("KD"))
        );
        assert!(is_role_word("sportchefen") && is_role_word("ordförande") && !is_role_word("glad"));
    }

    #[test]
    fn every_title_noun_holds_a_stem() {
        for w in [
            "ordförande",
            "Ordföranden",
            "kommunalrådet",
            "verksamhetschefen",
            "kommundirektör",
            "generalsekreteraren",
            "projektledare",
            "ledamoten",
            "rektorn",
            "prästen",
            "miljöansvariga",
            "talespersonen",
        ] {
            assert!(full(ROLE_NOUN, &w.to_lowercase()), "{w}");
            assert!(ROLE_STEM.is_match(w), "{w}");
        }
        assert!(!ROLE_STEM.is_match("Anna Berg, glad medlem"));
    }

    #[test]
    fn responsible_extends_a_title() {
        let c = RESPONSIBLE
            .captures(" (C), med ansvar för skolfrågor, sa")
            .unwrap();
        assert_eq!(&c[1], "med ansvar för skolfrågor");
    }

    #[test]
    fn clean_role_drops_party() {
        assert_eq!(clean_role("kommunalråd (V)."), "kommunalråd");
    }
}
