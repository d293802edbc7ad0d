//! Organisations named in Swedish text: keyword-headed names ("Stiftelsen
//! Fryshuset", "Föreningen Anderstorp simhall"), compound names with an
//! organisation ending ("Brottsofferjouren i Linköping", "Fontänhuset",
//! "Värmlands Idrottsförbund"), sports clubs ("IFK Uddevalla", "Leksands IF"),
//! well-known national organisations, and the name after "med"/"mellan" in a
//! sentence about an agreement. Public bodies, companies and agencies are
//! not organisations here. Pure functions.

use std::sync::LazyLock;

use regex::Regex;

use super::party;

/// An organisation name found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrgMention {
    pub name: String,
    pub start: usize,
    pub end: usize,
}

/// A word of a proper name: capitalised, or a digit group, or an acronym.
const TOKEN: &str = r"(?:[A-ZÅÄÖÉÜ0-9][\p{L}0-9&'’.\-/]*[\p{L}0-9]|[A-ZÅÄÖ0-9])";

/// Endings of compound words that name organisations.
const SUFFIXES: &str = concat!(
    "jouren|jour|missionen|mission|huset|banken|föreningen|förening|förbundet|förbund|",
    "klubben|klubb|sällskapet|sällskap|alliansen|rörelsen|kollektivet|samfundet|samfund|",
    "församlingen|församling|diakoni|gården|festivalen|kören|scouterna|korset|hjälpen|",
    "bildningsförbund|studieförbund|akademin|centret|centrum|gemenskap|nätverket|kooperativet|",
    "stiftelse|stiftelsen|teatern|skådebanan|fonden|ligan|verkstan|jouren"
);

static KEYWORD_ORG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"\b(?:Föreningen|Stiftelsen|Riksförbundet|Ideella föreningen|Nätverket|Kooperativet|Studieförbundet|Organisationen|Förbundet|Svenska|Sveriges) {TOKEN}(?:(?: (?:i|för|och|&|av)| –)? {TOKEN})*(?: [a-zåäö]+(?:hall|gård|bygd))?"
    ))
    .expect("valid regex")
});

static SUFFIX_ORG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"\b(?:{TOKEN}(?:- och [a-zåäö]+)? )?(?:[A-ZÅÄÖ][\p{{L}}\-]*(?:{SUFFIXES})|[A-ZÅÄÖ][\p{{L}}]*s [a-zåäö]*(?:{SUFFIXES}))(?: i {TOKEN}| {TOKEN})?\b"
    ))
    .expect("valid regex")
});

static SPORTS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"\b(?:(?:IFK|IK|IF|BK|FF|FK|SK|GIF|AIK|HK|BoIS|IFK) {TOKEN}|{TOKEN} (?:IF|IK|BK|FF|FK|SK|GoIF|HK|AIS|BTK|GK|RK|SS|BoIS|FBK|HF))\b"
    ))
    .expect("valid regex")
});

/// Well-known national organisations whose names follow no pattern.
const KNOWN: &[&str] = &[
    "Röda Korset",
    "Svenska Röda Korset",
    "Rädda Barnen",
    "Fryshuset",
    "Nattvandrarna",
    "nattvandring.nu",
    "Agape",
    "SHEDO",
    "Convictus",
    "RF-SISU",
    "SISU Idrottsutbildarna",
    "Hela Människan",
    "Frälsningsarmén",
    "Bräcke Diakoni",
    "Bräcke diakoni",
    "Ersta Diakonisällskap",
    "Sjöräddningssällskapet",
    "Fritidsbanken",
    "Friskis & Svettis",
    "Friskis&Svettis",
    "Individuell Människohjälp",
    "Stadsmissionen",
    "Hyresgästföreningen",
    "Unga Örnar",
    "Scouterna",
    "Studiefrämjandet",
    "ABF",
    "Vuxenskolan",
    "Sensus",
    "Medborgarskolan",
    "Folkuniversitetet",
    "Bilda",
    "Ibn Rushd",
    "Bris",
    "BRIS",
    "Mind",
    "Läkare i Världen",
    "Skyddsvärnet",
    "Noaks Ark",
    "Riksteatern",
    "Funktionsrätt",
    "Attention",
    "Maskrosbarn",
    "Tjejzonen",
    "Friends",
    "Erikshjälpen",
    "Majblomman",
    "Piraterna",
    "Guldkanten",
    "Fontänhuset",
    "Kvinnohuset",
    "Ny Gemenskap",
    "Skånes Stadsmission",
    "Kulturens",
    "Unizon",
    "Roks",
    "Storstockholms diabetesförening",
];

static KNOWN_RE: LazyLock<Regex> = LazyLock::new(|| {
    let mut k: Vec<&&str> = KNOWN.iter().collect();
    k.sort_by_key(|s| std::cmp::Reverse(s.len()));
    let alts = k
        .iter()
        .map(|s| regex::escape(s))
        .collect::<Vec<_>>()
        .join("|");
    Regex::new(&format!(r"\b(?:{alts})(?: i {TOKEN}| {TOKEN})?")).expect("valid regex")
});

/// A name after "med", "mellan" or "tillsammans med" in an agreement sentence.
static AFTER_MED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"\b(?:med|mellan|och) (?:både |den ideella |ideella |idéburna )?(?:(?:organisationen|föreningen|stiftelsen) )?((?:{TOKEN}|[a-zåäö]+\.(?:nu|se|org))(?:(?: (?:i|för|&))? {TOKEN})*)"
    ))
    .expect("valid regex")
});

/// Capitalised words that start sentences or name public things, never organisations.
const NOT_NAMES: &[&str] = &[
    "Nu",
    "Det",
    "Den",
    "De",
    "Detta",
    "Denna",
    "Även",
    "Under",
    "Med",
    "I",
    "Och",
    "Som",
    "Att",
    "Sedan",
    "Både",
    "Avtalet",
    "Avtal",
    "Överenskommelsen",
    "Partnerskapet",
    "Samarbetet",
    "Kommunen",
    "Kommunens",
    "Regionen",
    "Regionens",
    "Staden",
    "Stadens",
    "IOP",
    "Idéburet",
    "Idéburna",
    "Vi",
    "Han",
    "Hon",
    "Man",
    "Efter",
    "Genom",
    "Enligt",
    "För",
    "Till",
    "Från",
    "Inom",
    "Alla",
    "Flera",
    "Tillsammans",
    "Här",
    "Där",
    "Dessutom",
    "Förra",
    "Nästa",
    "Nya",
    "Ett",
    "En",
    "Syftet",
    "Målet",
    "Beslutet",
    "Landstinget",
    "Socialtjänsten",
    "Polisen",
    "Länsstyrelsen",
    "Socialstyrelsen",
    "Migrationsverket",
    "Arbetsförmedlingen",
    "Försäkringskassan",
    "Kriminalvården",
    "Skolverket",
    "Riksdagen",
    "Regeringen",
    "Sverige",
    "SKR",
    "MUCF",
    "Kulturrådet",
    "Statens",
    "FN",
    "EU",
    "Januari",
    "Foto",
    "Bild",
    "Läs",
    "Kontakt",
    "Kontakta",
    "Pressmeddelande",
    "Pressinbjudan",
    "Fakta",
    "Om",
    "Mer",
    "Se",
    "Vad",
    "Varför",
    "Hur",
    "När",
    "Vem",
    "Ja",
    "Nej",
    "Tack",
    "Senast",
    "Publicerad",
    "Dela",
    "Uppdaterad",
    "Sidan",
    "Tidigare",
    "Samtidigt",
    "Dessa",
    "Därför",
    "Också",
    "Redan",
    "Överenskommelser",
    "Avtalen",
    "Samverkansavtalet",
    "Samverkansavtalen",
    "Verksamheten",
    "Föreningen",
    "Stiftelsen",
    "Organisationen",
    "Förbundet",
    "Nätverket",
    "Ideella",
    "Sveriges Kommuner och Regioner",
    "Sveriges Kommuner",
    "Socialdemokraterna",
    "Moderaterna",
    "Centerpartiet",
    "Liberalerna",
    "Kristdemokraterna",
    "Vänsterpartiet",
    "Miljöpartiet",
    "Sverigedemokraterna",
];

/// Words inside a name that mark a company, a public body or an agency.
fn is_excluded(name: &str) -> bool {
    let lower = name.to_lowercase();
    let words: Vec<&str> = lower.split([' ', '-']).collect();
    let company = words.iter().any(|w| {
        matches!(
            *w,
            "ab" | "aktiebolag" | "hb" | "kb" | "ek.för." | "inc" | "ltd"
        )
    });
    let public = words.iter().any(|w| {
        w.ends_with("kommun")
            || w.ends_with("kommuns")
            || w.ends_with("nämnd")
            || w.ends_with("nämnden")
            || w.ends_with("förvaltningen")
            || w.ends_with("förvaltning")
            || w.ends_with("regionen")
            || w.ends_with("landsting")
            || w.ends_with("landstinget")
            || *w == "region"
            || *w == "stad"
            || *w == "kommunalförbund"
            || w.ends_with("polisen")
            || w.ends_with("myndigheten")
            || w.ends_with("verket")
            || w.ends_with("styrelsen")
            || w.ends_with("fullmäktige")
            || *w == "länsstyrelsen"
            || *w == "universitet"
            || *w == "högskola"
    });
    company || public || !party::body_mentions(name).is_empty()
}

fn trim_name(s: &str) -> &str {
    s.trim_matches(|c: char| {
        c.is_whitespace() || matches!(c, ',' | '.' | ':' | ';' | '–' | '-' | '/' | '(' | ')')
    })
}

/// Cut a trailing connector or a trailing sentence-level word.
fn tidy(name: &str) -> Option<String> {
    let mut words: Vec<&str> = trim_name(name).split(' ').collect();
    while let Some(last) = words.last() {
        if matches!(*last, "i" | "för" | "och" | "&" | "av" | "–" | "") {
            words.pop();
        } else {
            break;
        }
    }
    while let Some(first) = words.first() {
        if NOT_NAMES.contains(first) && words.len() > 1 && !is_head_keyword(first) {
            words.remove(0);
        } else {
            break;
        }
    }
    let n = words.join(" ");
    let n = trim_name(&n).to_string();
    if n.chars().count() < 3 || NOT_NAMES.contains(&n.as_str()) || is_excluded(&n) {
        return None;
    }
    Some(n)
}

fn is_head_keyword(w: &str) -> bool {
    matches!(
        w,
        "Föreningen" | "Stiftelsen" | "Nätverket" | "Förbundet" | "Organisationen"
    )
}

/// Every organisation the text names by pattern or as a known name.
pub fn org_mentions(text: &str) -> Vec<OrgMention> {
    let mut out: Vec<OrgMention> = Vec::new();
    for re in [&*KEYWORD_ORG, &*KNOWN_RE, &*SPORTS, &*SUFFIX_ORG] {
        for m in re.find_iter(text) {
            push(&mut out, text, m.start(), m.as_str());
        }
    }
    out.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end)));
    out
}

/// Names after "med"/"mellan"/"och" — read only in sentences about an agreement.
pub fn partner_after_med(sentence: &str) -> Vec<OrgMention> {
    let mut out = Vec::new();
    for c in AFTER_MED.captures_iter(sentence) {
        let g = c.get(1).expect("group");
        push(&mut out, sentence, g.start(), g.as_str());
    }
    out
}

fn push(out: &mut Vec<OrgMention>, text: &str, start: usize, raw: &str) {
    let Some(name) = tidy(raw) else { return };
    let Some(offset) = text[start..].find(&name) else {
        return;
    };
    let s = start + offset;
    let e = s + name.len();
    // a mention inside a longer one found earlier adds nothing
    if out.iter().any(|m| m.start <= s && e <= m.end) {
        return;
    }
    out.retain(|m| !(s <= m.start && m.end <= e));
    out.push(OrgMention {
        name,
        start: s,
        end: e,
    });
}

/// A name reduced for comparison: lowercase, genitive s and punctuation dropped.
pub fn key(name: &str) -> String {
    let lower = name.to_lowercase();
    let words: Vec<String> = lower
        .split(|c: char| c.is_whitespace() || matches!(c, '/' | ',' | '–'))
        .filter(|w| !w.is_empty())
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_string())
        .filter(|w| !w.is_empty())
        .collect();
    words.join(" ")
}

/// True when `a` and `b` name the same organisation: equal keys, one a
/// word-wise extension of the other ("Fryshuset" / "Fryshuset i Husby"), or
/// the same words but for "i" ("Kvinnojouren i Söderslätt").
pub fn same_org(a: &str, b: &str) -> bool {
    let (ka, kb) = (key(a), key(b));
    if ka == kb {
        return true;
    }
    let strip_gen = |k: &str| -> String {
        k.split(' ')
            .map(|w| w.strip_suffix('s').filter(|r| r.len() >= 4).unwrap_or(w))
            .collect::<Vec<_>>()
            .join(" ")
    };
    if strip_gen(&ka) == strip_gen(&kb) {
        return true;
    }
    let wa: Vec<&str> = ka.split(' ').filter(|w| *w != "i").collect();
    let wb: Vec<&str> = kb.split(' ').filter(|w| *w != "i").collect();
    let (short, long) = if wa.len() <= wb.len() {
        (&wa, &wb)
    } else {
        (&wb, &wa)
    };
    // the shorter must start the longer: "Brottsofferjouren" / "Brottsofferjouren Söderslätt"
    !short.is_empty() && long.starts_with(short)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(t: &str) -> Vec<String> {
        org_mentions(t).into_iter().map(|m| m.name).collect()
    }

    #[test]
    fn keyword_headed_names() {
        assert_eq!(
            names("avtalet med Stiftelsen Fryshuset förlängs"),
            ["Stiftelsen Fryshuset"]
        );
        assert_eq!(
            names("Föreningen Anderstorp simhall driver badet"),
            ["Föreningen Anderstorp simhall"]
        );
    }

    #[test]
    fn compound_names_with_places() {
        assert_eq!(
            names("Avtal med Brottsofferjouren i Linköping."),
            ["Brottsofferjouren i Linköping"]
        );
        assert_eq!(
            names("Kvinnojouren Söderslätt och Fontänhuset"),
            ["Kvinnojouren Söderslätt", "Fontänhuset"]
        );
        assert_eq!(
            names("stöd till Eskilstuna Stadsmission"),
            ["Eskilstuna Stadsmission"]
        );
        assert_eq!(
            names("Värmlands Idrottsförbund"),
            ["Värmlands Idrottsförbund"]
        );
    }

    #[test]
    fn sports_clubs_and_known_names() {
        assert_eq!(
            names("IFK Uddevalla och Leksands IF"),
            ["IFK Uddevalla", "Leksands IF"]
        );
        assert_eq!(names("tillsammans med Röda Korset"), ["Röda Korset"]);
    }

    #[test]
    fn public_bodies_and_companies_are_not_organisations() {
        assert!(names("Linköpings kommun och socialnämnden").is_empty());
        assert!(names("Edsbyns Bandy AB").is_empty());
    }

    #[test]
    fn names_after_med() {
        let n: Vec<String> =
            partner_after_med("Kommunen har tecknat avtal med Konstkollektivet om lokaler.")
                .into_iter()
                .map(|m| m.name)
                .collect();
        assert_eq!(n, ["Konstkollektivet"]);
        let n: Vec<String> = partner_after_med("IOP med Kultur 1740 och kommunen")
            .into_iter()
            .map(|m| m.name)
            .collect();
        assert_eq!(n, ["Kultur 1740"]);
    }

    #[test]
    fn same_organisation_in_other_words() {
        assert!(same_org("Fryshuset", "Fryshuset i Husby"));
        assert!(same_org(
            "Kvinnojouren i Söderslätt",
            "Kvinnojouren Söderslätt"
        ));
        assert!(same_org("IFK Uddevallas", "IFK Uddevalla"));
        assert!(!same_org(
            "Brottsofferjouren Söderslätt",
            "Kvinnojouren Söderslätt"
        ));
    }
}
