//! Public bodies: the publisher of a page (from its URL's domain, a press-
//! release service's newsroom, or the page's own words) and the kommuner,
//! regions and nämnder/förvaltningar the text names, in official, genitive
//! and definite forms. Pure functions over `reference`.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use crate::extract::pattern::Pattern;

use super::content::Document;
use crate::record::PartyKind;
use crate::reference::{Body, Reference};

/// A public body named in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BodyMention {
    pub code: String,
    /// Byte range in the text.
    pub start: usize,
    pub end: usize,
}

/// Hosts of press-release services where kommuner keep newsrooms.
const NEWSROOM_HOSTS: &[&str] = &[
    "mynewsdesk.com",
    "cision.com",
    "via.tt.se",
    "tt.se",
    "newsroom",
];

/// The surface forms of every body, lowercased, with their codes.
struct Names {
    /// Every written form, lower case, and its genitive; leftmost-longest.
    ac: aho_corasick::AhoCorasick,
    /// The code of each pattern.
    codes: Vec<String>,
}

fn ascii_fold(s: &str) -> String {
    s.to_lowercase()
        .chars()
        .map(|c| match c {
            'å' | 'ä' => 'a',
            'ö' => 'o',
            'é' => 'e',
            _ => c,
        })
        .collect()
}

/// Written forms of a body's name, official name first.
fn forms(b: &Body) -> Vec<String> {
    let mut f = vec![b.name.clone()];
    let short = &b.short_name;
    match b.kind {
        PartyKind::Kommun if b.code == "0980" => f.push("Gotlands kommun".into()),
        PartyKind::Kommun => {
            // "Uddevalla kommun", "Eskilstuna kommun": also written without the genitive s
            if b.name.ends_with(" kommun") {
                f.push(format!("{short} kommun"));
                f.push(format!("{short}s kommun"));
            }
            // the kommun's own organs in its genitive: "Piteås
            // kommunstyrelse", "Lunds kommunfullmäktige"
            for organ in ["kommunstyrelse", "kommunstyrelsen", "kommunfullmäktige"] {
                let genitive = if short.ends_with('s') {
                    short.to_string()
                } else {
                    format!("{short}s")
                };
                f.push(format!("{genitive} {organ}"));
            }
            if b.name.to_lowercase().ends_with(" stad") {
                f.push(format!("{short}s kommun"));
                f.push(format!("{short} stad"));
            }
        }
        PartyKind::Region => {
            f.push(format!("Region {short}"));
            let county = b.county.trim_end_matches(" län");
            let county = county.strip_suffix('s').unwrap_or(county);
            f.push(format!("Landstinget i {}", b.county));
            f.push(format!("Landstinget i {county}"));
            // "Landstinget Dalarna", "Landstinget Sörmland"
            f.push(format!("Landstinget {short}"));
            f.push(format!("{}s landsting", b.county));
            f.push(format!("Regionförbundet i {}", b.county));
            f.push(format!("Regionförbundet i {county}"));
            f.push(format!("Region {county}"));
        }
    }
    f.sort();
    f.dedup();
    f
}

static NAMES: LazyLock<Names> = LazyLock::new(|| {
    let reference = Reference::embedded();
    let mut forms_codes: BTreeMap<String, String> = BTreeMap::new();
    for b in reference.bodies() {
        // Region Gotland is one body: the kommun code
        let code = if b.code == "09" {
            "0980"
        } else {
            b.code.as_str()
        };
        for f in forms(b) {
            let f = lower_same_len(&f);
            forms_codes
                .entry(format!("{f}s"))
                .or_insert_with(|| code.to_string());
            forms_codes.entry(f).or_insert_with(|| code.to_string());
        }
    }
    // a region's agency brands ("SL" is Region Stockholm)
    for (code, brand) in agencies() {
        forms_codes.entry(lower_same_len(&brand)).or_insert(code);
    }
    let (patterns, codes): (Vec<String>, Vec<String>) = forms_codes.into_iter().unzip();
    let ac = aho_corasick::AhoCorasick::builder()
        .match_kind(aho_corasick::MatchKind::LeftmostLongest)
        .build(&patterns)
        .expect("valid patterns");
    Names { ac, codes }
});

/// The regions' agency brands and abbreviations ("SL", "VGR"), region code
/// and brand (config/agencies.csv):
/// a page that names the brand names its region.
const AGENCIES_CSV: &str = include_str!("../../config/agencies.csv");

fn agencies() -> Vec<(String, String)> {
    #[derive(serde::Deserialize)]
    struct Row {
        code: String,
        brand: String,
    }
    csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_reader(AGENCIES_CSV.as_bytes())
        .deserialize::<Row>()
        .map(|r| r.expect("the compiled-in agency table is valid"))
        .filter(|r| !r.code.is_empty() && !r.brand.is_empty())
        .map(|r| (r.code, r.brand))
        .collect()
}

/// Lower case that keeps every byte offset: a character whose lower case has
/// another length in UTF-8 is kept as it is.
pub(crate) fn lower_same_len(s: &str) -> String {
    // (ASCII letters lower-case to ASCII: the common case, read byte-wise)
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    s.chars()
        .map(|c| {
            if c.is_ascii() {
                return c.to_ascii_lowercase();
            }
            let mut l = c.to_lowercase();
            match (l.next(), l.next()) {
                (Some(x), None) if x.len_utf8() == c.len_utf8() => x,
                _ => c,
            }
        })
        .collect()
}

/// True when the whole text is one public body's name or brand ("SL",
/// "Region Kalmar län", "Umeå kommun").
pub fn is_body_name(text: &str) -> bool {
    let t = text.trim();
    body_mentions(t)
        .first()
        .is_some_and(|m| m.start == 0 && m.end == t.len())
}

/// Every kommun or region the text names, in order. Matching runs on a
/// lower-cased copy with the same byte offsets.
pub fn body_mentions(text: &str) -> Vec<BodyMention> {
    let lower = lower_same_len(text);
    let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    let mut out = Vec::new();
    for m in NAMES.ac.find_iter(&lower) {
        // whole words only: "kommuns" ends a name, "kommunstyrelse" does not
        if word(text[..m.start()].chars().next_back()) || word(text[m.end()..].chars().next()) {
            continue;
        }
        out.push(BodyMention {
            code: NAMES.codes[m.pattern().as_usize()].clone(),
            start: m.start(),
            end: m.end(),
        });
    }
    // "kommunerna Sunne, Torsby och Hagfors": each place a kommun
    if lower.contains("kommunerna ") {
        let reference = Reference::embedded();
        for c in KOMMUNER_LIST.captures_iter(text) {
            let list = c.get(1).expect("group");
            for place in PLACE_WORD.find_iter(list.as_str()) {
                let (w, a, b) = (
                    place.as_str(),
                    list.start() + place.start(),
                    list.start() + place.end(),
                );
                if out.iter().any(|m| m.start < b && a < m.end) {
                    continue;
                }
                if let Some(body) = reference
                    .lookup(w)
                    .filter(|body| body.kind == PartyKind::Kommun)
                {
                    out.push(BodyMention {
                        code: body.code.clone(),
                        start: a,
                        end: b,
                    });
                }
            }
        }
        out.sort_by_key(|m| m.start);
    }
    // "socialnämnden i Ystad", "kommunalråd i Lund": a body's unit or
    // office with its place names the body
    let office = [
        "nämnden",
        "förvaltningen",
        "styrelsen",
        "fullmäktige",
        "råd",
        "socialtjänst",
    ];
    if (text.contains(" i ") && office.iter().any(|w| lower.contains(w)))
        || lower.contains("socialtjänst")
    {
        let reference = Reference::embedded();
        for c in UNIT_IN_PLACE.captures_iter(text) {
            let place = c.get(1).or_else(|| c.get(2)).expect("group");
            if out
                .iter()
                .any(|m| m.start < place.end() && place.start() < m.end)
            {
                continue;
            }
            // a two-word place ("Upplands Väsby"), else its first word: a
            // name may follow the place ("kommunalrådet i Ystad Kristina
            // Bendz")
            let first_word = place.as_str().split(' ').next().unwrap_or("");
            let Some((b, len)) = reference
                .lookup(place.as_str())
                .map(|b| (b, place.len()))
                .or_else(|| reference.lookup(first_word).map(|b| (b, first_word.len())))
            else {
                continue;
            };
            out.push(BodyMention {
                code: party_code(&b.code),
                start: place.start(),
                end: place.start() + len,
            });
        }
        out.sort_by_key(|m| m.start);
    }
    out
}

/// A unit or an office of a body followed by its place.
static UNIT_IN_PLACE: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(r"(?i:\b\p{L}*(?:nämnden|förvaltningen|styrelsen|fullmäktige)|\bkommunalråd(?:et)?|\bregionråd(?:et)?|\bsocialtjänsten)\s+i\s+(\p{Lu}\p{Ll}+(?:[- ]\p{Lu}\p{Ll}+)?)\b|\bSocialtjänst(?:en)? (\p{Lu}\p{Ll}+)\b")
        .expect("valid regex")
});

/// What joins public bodies named together as one party: "Piteå kommun
/// tillsammans med Luleå kommun", "Region Norrbotten och Piteå kommun".
static JOINED: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(concat!(
        r"^\s*(?:,\s*|\s(?:och|samt|tillsammans med|och med)\s+|",
        // "Bodens kommun har tillsammans med Älvsbyns ... kommuner tecknat"
        r"\s(?:har|hade|ska|kommer att)\s+(?:nu\s+)?(?:tillsammans|i samverkan|i samarbete) med\s+)"
    ))
    .expect("valid regex")
});

/// "kommunerna Sunne, Torsby och Hagfors": a list of places after the
/// plural.
static KOMMUNER_LIST: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(r"(?i:kommunerna)\s+((?:\p{Lu}[\p{L}-]+,\s*)*\p{Lu}[\p{L}-]+\s+(?:och|samt)\s+\p{Lu}[\p{L}-]+)")
        .expect("valid regex")
});

/// A capitalised word of such a list.
static PLACE_WORD: LazyLock<Pattern> =
    LazyLock::new(|| Pattern::new(r"\p{Lu}[\p{L}-]+").expect("valid regex"));

/// A list of places closed by their kind: "Älvsbyns, Arvidsjaurs och
/// Arjeplogs kommuner".
static PLACE_LIST: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(r"^((?:\p{Lu}[\p{L}-]+,\s*)*\p{Lu}[\p{L}-]+\s+(?:och|samt)\s+\p{Lu}[\p{L}-]+)\s+(kommuner|regioner)\b")
        .expect("valid regex")
});

/// The bodies named together with the one at `first` as one party, in
/// order: each joined by a comma, "och", "samt" or "tillsammans med", or a
/// list of places closed by "kommuner" or "regioner". Codes only of bodies
/// the reference knows; the first is not among them.
pub fn joined_bodies(text: &str, first: &BodyMention) -> Vec<String> {
    let mentions = body_mentions(text);
    let mut out: Vec<String> = Vec::new();
    let mut at = first.end;
    while let Some(j) = JOINED.find(&text[at..]) {
        let next = at + j.end();
        if let Some(m) = mentions.iter().find(|m| m.start == next) {
            if m.code != first.code && !out.contains(&m.code) {
                out.push(m.code.clone());
            }
            at = m.end;
            continue;
        }
        if let Some(c) = PLACE_LIST.captures(&text[next..]) {
            let region = &c[2] == "regioner";
            for place in c[1]
                .split([',', ' '])
                .filter(|w| !w.is_empty() && *w != "och" && *w != "samt")
            {
                let bare = place.strip_suffix('s').unwrap_or(place);
                let named = if region {
                    format!("Region {bare}")
                } else {
                    format!("{place} kommun")
                };
                let code = body_mentions(&named)
                    .into_iter()
                    .find(|m| m.start == 0 && m.end == named.len())
                    .map(|m| m.code);
                if let Some(code) = code
                    && code != first.code
                    && !out.contains(&code)
                {
                    out.push(code);
                }
            }
        }
        break;
    }
    out
}

static DEFINITE_KOMMUN: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(r"(?i)\b(kommunen|kommunens|staden|stadens)\b").expect("valid regex")
});
static DEFINITE_REGION: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(r"(?i)\b(regionen|regionens|landstinget|landstingets)\b").expect("valid regex")
});

/// True when the text refers to "kommunen"/"staden" (kind kommun) or
/// "regionen"/"landstinget" (kind region) without naming it.
pub fn definite_mention(text: &str, kind: PartyKind) -> Option<(usize, usize)> {
    let re = match kind {
        PartyKind::Kommun => &DEFINITE_KOMMUN,
        PartyKind::Region => &DEFINITE_REGION,
    };
    re.find(text).map(|m| (m.start(), m.end()))
}

/// City districts with their own nämnd or förvaltning, and their city.
const DISTRICTS: &[(&str, &str)] = &[
    ("Rinkeby-Kista", "0180"),
    ("Spånga-Tensta", "0180"),
    ("Hässelby-Vällingby", "0180"),
    ("Bromma", "0180"),
    ("Kungsholmen", "0180"),
    ("Norrmalm", "0180"),
    ("Östermalm", "0180"),
    ("Södermalm", "0180"),
    ("Enskede-Årsta-Vantör", "0180"),
    ("Skarpnäck", "0180"),
    ("Farsta", "0180"),
    ("Älvsjö", "0180"),
    ("Hägersten-Liljeholmen", "0180"),
    ("Hägersten-Älvsjö", "0180"),
    ("Skärholmen", "0180"),
    ("Majorna-Linné", "1480"),
    ("Angered", "1480"),
    ("Östra Göteborg", "1480"),
    ("Örgryte-Härlanda", "1480"),
    ("Västra Göteborg", "1480"),
    ("Askim-Frölunda-Högsbo", "1480"),
    ("Västra Hisingen", "1480"),
    ("Lundby", "1480"),
    ("Norra Hisingen", "1480"),
    ("Centrum", "1480"),
];

static DISTRICT_UNIT: LazyLock<Pattern> = LazyLock::new(|| {
    let names: Vec<String> = DISTRICTS.iter().map(|(n, _)| regex::escape(n)).collect();
    Pattern::new(&format!(
        r"\b(?:(?:{0})s? (?:stadsdelsnämnd|stadsdelsförvaltning)\w*|(?:[Ss]tadsdelsnämnden|[Ss]tadsdelsförvaltningen|SDF|SDN) (?:i )?(?:{0}))\b",
        names.join("|")
    ))
    .expect("valid regex")
});

/// The city of a district nämnd or förvaltning named in a text
/// ("Rinkeby-Kista stadsdelsnämnd" is Stockholms stad's).
pub fn district_mention(text: &str) -> Option<String> {
    let m = DISTRICT_UNIT.find(text)?.as_str();
    DISTRICTS
        .iter()
        .find(|(n, _)| m.contains(n))
        .map(|(_, c)| c.to_string())
}

/// True when a name is a city district ("Majorna-Linné").
pub fn is_district(name: &str) -> bool {
    DISTRICTS.iter().any(|(n, _)| *n == name)
}

static PLACE_WORDS: LazyLock<Pattern> = LazyLock::new(|| {
    let names: Vec<String> = Reference::embedded()
        .bodies()
        .iter()
        .filter(|b| b.kind == PartyKind::Kommun)
        .map(|b| regex::escape(&b.short_name))
        .collect();
    // a dateline may glue the place to its date ("Katrineholm2020-12-17"),
    // or write it in capitals ("SKÖVDE.")
    Pattern::new(&format!(
        r"\b(?:{})s?(?:\b|\d{{4}}-\d\d-\d\d)|\b\p{{Lu}}{{3,}}\b",
        names.join("|")
    ))
    .expect("valid regex")
});

/// The one kommun whose place name a text uses ("Eskilstuna", "Vallentunas"),
/// when it names no other.
pub fn only_place(text: &str) -> Option<String> {
    let reference = Reference::embedded();
    let mut codes: Vec<String> = PLACE_WORDS
        .find_iter(text)
        .filter_map(|m| {
            let w = m
                .as_str()
                .trim_end_matches(|c: char| c.is_ascii_digit() || c == '-');
            // a word in capitals: its place when it is one ("SKÖVDE")
            let titled: String;
            let w = if w.chars().count() >= 3 && w.chars().all(char::is_uppercase) {
                let mut cs = w.chars();
                let first = cs.next().expect("three letters");
                titled = first.to_string() + &cs.as_str().to_lowercase();
                titled.as_str()
            } else {
                w
            };
            reference
                .lookup(w)
                .or_else(|| reference.lookup(w.strip_suffix('s')?))
                .filter(|b| b.kind == PartyKind::Kommun)
                .map(|b| b.code.clone())
        })
        .collect();
    codes.sort();
    codes.dedup();
    match codes.as_slice() {
        [one] => Some(one.clone()),
        _ => None,
    }
}

static COUNTY: LazyLock<Pattern> = LazyLock::new(|| {
    let names: Vec<String> = Reference::embedded()
        .counties()
        .into_iter()
        .map(|(_, n)| regex::escape(&n))
        .collect();
    Pattern::new(&format!(r"\b(?:{})\b", names.join("|"))).expect("valid regex")
});

/// The code of the region whose county a text names ("i Stockholms län").
pub fn county_mention(text: &str) -> Option<String> {
    let m = COUNTY.find(text)?;
    let reference = Reference::embedded();
    let (code, _) = reference.county(m.as_str())?;
    Some(party_code(&code))
}

/// A nämnd, förvaltning, styrelse or utskott: "Kultur- och fritidsnämnden",
/// "socialnämnden", "Rinkeby-Kista stadsdelsnämnd", "kommunstyrelsen".
static UNIT: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(concat!(
        r"\b((?:[A-ZÅÄÖa-zåäö][a-zåäöé]*(?:-[A-ZÅÄÖa-zåäö]?[a-zåäöé]+)?-?,? )?",
        r"(?:(?:och|samt) )?",
        r"[A-ZÅÄÖa-zåäö][a-zåäöé]*(?:-[A-ZÅÄÖ]?[a-zåäöé]+)?",
        r"(?:nämnden|nämnd|förvaltningen|förvaltning|styrelsen|utskottet|fullmäktige)|",
        // "Piteås kommunstyrelse": the indefinite form after a genitive
        r"(?:kommun|region)styrelse)",
        r"(?: (?:Sydväst|Nordost|Nordväst|Sydost|Centrum|Hisingen))?\b"
    ))
    .expect("valid regex")
});

/// Units named in a sentence, as written.
pub fn unit_mentions(text: &str) -> Vec<(usize, usize, String)> {
    UNIT.find_iter(text)
        .filter(|m| {
            let s = m.as_str().to_lowercase();
            // "regionfullmäktige" alone is a unit; "ett fullmäktige" is not a name
            !s.starts_with("ett ") && !s.starts_with("en ") && !s.starts_with("den ")
        })
        .map(|m| (m.start(), m.end(), clean_unit(m.as_str())))
        .collect()
}

/// Drop a leading word that is not part of the unit's name ("igår socialnämnden").
fn clean_unit(s: &str) -> String {
    let words: Vec<&str> = s.split(' ').collect();
    if words.len() >= 2 {
        let first = words[0];
        let second = words[1];
        // "Skärholmens stadsdelsnämnd": a district's genitive names its
        // stadsdelsnämnd or stadsdelsförvaltning
        let district = first.ends_with('s')
            && first.starts_with(char::is_uppercase)
            && second.to_lowercase().starts_with("stadsdels");
        let joins = first.ends_with('-')
            || first.contains('-')
            || second == "och"
            || second == "samt"
            || district;
        if !joins {
            return words[1..].join(" ");
        }
    }
    s.to_string()
}

/// Region Gotland is one body, the kommun 0980 with the regional tasks of
/// county 09: the code a party carries for a body's code.
fn party_code(code: &str) -> String {
    if code == "09" { "0980" } else { code }.to_string()
}

/// The body a party stands for (Region Gotland's region entry is the
/// kommun, see [`party_code`]).
fn as_party<'r>(b: &'r Body, reference: &'r Reference) -> Option<&'r Body> {
    if b.code == "09" {
        reference.by_code("0980")
    } else {
        Some(b)
    }
}

/// The kommun or region whose own site (or newsroom) published the page.
pub fn publisher<'r>(
    url: Option<&str>,
    doc: &Document,
    reference: &'r Reference,
) -> Option<&'r Body> {
    if let Some(u) = url.and_then(|u| url::Url::parse(u).ok())
        && let Some(host) = u.host_str()
    {
        if let Some(b) = reference.by_host(host) {
            return as_party(b, reference);
        }
        if let Some(b) = by_former_domain(host, reference) {
            return Some(b);
        }
        if NEWSROOM_HOSTS.iter().any(|h| host.contains(h)) {
            return newsroom_owner(u.path(), doc, reference);
        }
        return None;
    }
    // No URL: a page that says it is a press release from a body, a site
    // named after a body ("... - Kungsbacka kommun"), else the one body the
    // page is about.
    press_release_from(doc, reference)
        .or_else(|| as_party(reference.by_name(doc.site_name.as_deref()?)?, reference))
        .or_else(|| dominant_body(doc, reference))
}

/// The body a page without a URL is about: the only one it names, or one
/// named at least twice and more often than any other.
fn dominant_body<'r>(doc: &Document, reference: &'r Reference) -> Option<&'r Body> {
    let mut counts: std::collections::BTreeMap<String, usize> = std::collections::BTreeMap::new();
    for p in doc.title.iter().chain(doc.paragraphs.iter()) {
        for m in body_mentions(p) {
            *counts.entry(m.code).or_default() += 1;
        }
    }
    let mut ranked: Vec<(String, usize)> = counts.into_iter().collect();
    ranked.sort_by_key(|b| std::cmp::Reverse(b.1));
    match ranked.as_slice() {
        [(code, _)] => reference.by_code(code),
        [(code, n), (_, m), ..] if *n >= 2 && n > m => reference.by_code(code),
        _ => None,
    }
}

/// Former web domains of today's regions (the landsting sites).
const FORMER_DOMAINS: &[(&str, &str)] = &[
    ("sll.se", "01"),
    ("lul.se", "03"),
    ("landstingetsormland.se", "04"),
    ("lio.se", "05"),
    ("ltkronoberg.se", "07"),
    ("ltkalmar.se", "08"),
    ("ltblekinge.se", "10"),
    ("liv.se", "17"),
    ("orebroll.se", "18"),
    ("ltv.se", "19"),
    ("ltdalarna.se", "20"),
    ("lg.se", "21"),
    ("lvn.se", "22"),
    ("jll.se", "23"),
    ("vll.se", "24"),
    ("nll.se", "25"),
];

fn by_former_domain<'r>(host: &str, reference: &'r Reference) -> Option<&'r Body> {
    let host = host.to_lowercase();
    FORMER_DOMAINS
        .iter()
        .find(|(d, _)| host == *d || host.ends_with(&format!(".{d}")))
        .and_then(|(_, code)| reference.by_code(code))
}

static PRESS_FROM: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(r"(?i)pressmeddelande (?:från|fr\.) (.{3,60})").expect("valid regex")
});

fn press_release_from<'r>(doc: &Document, reference: &'r Reference) -> Option<&'r Body> {
    for p in doc
        .paragraphs
        .iter()
        .take(6)
        .chain(doc.paragraphs.iter().rev().take(6))
    {
        if let Some(c) = PRESS_FROM.captures(p) {
            let m = body_mentions(&c[1]).into_iter().next()?;
            return reference.by_code(&m.code);
        }
    }
    None
}

/// The body that owns a newsroom: its slug in the URL path
/// ("/se/linkopings_kommun"), else "Pressmeddelande från X" on the page.
/// A newsroom named by its owner's place alone: ".../se/malmo/pressreleases/..."
/// (the first path segment after a language code).
fn newsroom_place<'r>(path: &str, reference: &'r Reference) -> Option<&'r Body> {
    let mut segments = path.split('/').filter(|s| !s.is_empty());
    let mut first = segments.next()?;
    if first.len() == 2 {
        first = segments.next()?;
    }
    let key = ascii_fold(first).replace(['-', '_'], " ");
    let place = reference
        .bodies()
        .iter()
        .find(|b| ascii_fold(&b.short_name) == key)?;
    // the kommun before the region of the same name
    reference.lookup(&place.short_name)
}

fn newsroom_owner<'r>(path: &str, doc: &Document, reference: &'r Reference) -> Option<&'r Body> {
    let slug = ascii_fold(&path.replace(['_', '-', '/'], " "));
    let by_slug = reference
        .bodies()
        .iter()
        .filter(|b| {
            let name = ascii_fold(&b.name);
            slug.contains(&name)
        })
        .max_by_key(|b| b.name.len());
    by_slug
        .or_else(|| newsroom_place(path, reference))
        .or_else(|| press_release_from(doc, reference))
        .or_else(|| {
            // a newsroom names its owner at the top: a line that is a body's name
            doc.paragraphs
                .iter()
                .take(3)
                .find_map(|p| reference.by_name(p))
        })
}

/// The place names of every kommun and region.
static PLACES: LazyLock<std::collections::HashSet<&'static str>> = LazyLock::new(|| {
    Reference::embedded()
        .bodies()
        .iter()
        .map(|b| b.short_name.as_str())
        .collect()
});

/// A kommun's bare place name as a party beside an organisation: "Avtalet
/// mellan Kiruna och Kvinnojouren Iris", "Kiruna och Kvinnojouren Iris har
/// tecknat", or as the owner of its agreement: "Umeås nya IOP med ...": the
/// kommun's code.
pub fn place_as_party(text: &str) -> Option<String> {
    static PLACE_PARTY: LazyLock<Pattern> = LazyLock::new(|| {
        Pattern::new(r"(?:\bmellan\s+|^\s*)(?P<place>\p{Lu}[\p{L}\-]+)\s+och\s+\p{Lu}")
            .expect("valid regex")
    });
    // "Norrbys nya avtal med ...": the place's genitive before its agreement
    static PLACE_OWNS: LazyLock<Pattern> = LazyLock::new(|| {
        Pattern::new(r"\b(?P<place>\p{Lu}[\p{L}\-]+)s\s+(?:nya\s+|första\s+|förnyade\s+)?(?:\p{L}*avtal|IOP|\p{L}*överenskommelse|\p{L}*partnerskap)\b")
            .expect("valid regex")
    });
    let kommun = |place: &str| {
        Reference::embedded()
            .lookup(place)
            .filter(|b| b.kind == PartyKind::Kommun && b.short_name == place)
            .map(|b| b.code.clone())
    };
    PLACE_PARTY
        .captures(text)
        .and_then(|c| kommun(c.name("place")?.as_str()))
        .or_else(|| {
            PLACE_OWNS
                .captures_iter(text)
                .find_map(|c| kommun(c.name("place")?.as_str()))
        })
}

/// A samordningsförbund named as a party ("Samordningsförbundet Göteborg",
/// "Finsam Umeå", "Samordningsförbundet Norra Västmanland"): another public
/// body, a party with no code or kind.
pub fn coordination_body(text: &str) -> Option<&str> {
    static BODY: LazyLock<Pattern> = LazyLock::new(|| {
        Pattern::new(r"\b(?:Samordningsförbundet|Finsam)(?:\s+\p{Lu}[\p{L}\-]*)+|\b\p{Lu}[\p{L}\-]*(?:\s+\p{Lu}[\p{L}\-]*)*\s+samordningsförbund\b")
            .expect("valid regex")
    });
    BODY.find(text).map(|m| m.as_str())
}

/// A bare place: a kommun or region's place name, a city district, a county.
pub fn is_place(name: &str) -> bool {
    let bare = name.strip_suffix('s').unwrap_or(name);
    is_district(name)
        || PLACES.contains(name)
        || PLACES.contains(bare)
        || matches!(
            name,
            "Sverige" | "Sveriges" | "Norden" | "Europa" | "Skandinavien"
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(t: &str) -> Vec<String> {
        body_mentions(t).into_iter().map(|m| m.code).collect()
    }

    #[test]
    fn official_genitive_and_informal_names() {
        assert_eq!(codes("Linköpings kommuns avtal"), ["0580"]);
        assert_eq!(codes("Socialnämnden i Ystad har tecknat"), ["1286"]);
        assert_eq!(codes("säger kommunalrådet i Lund"), ["1281"]);
        // a name after the place
        assert_eq!(
            codes("Kommunalrådet i Ystad Kristina Bendz (M) är glad"),
            ["1286"]
        );
        assert_eq!(codes("mellan Socialtjänst Gävle och föreningen"), ["2180"]);
        assert_eq!(codes("Socialtjänsten i Gävle har tecknat"), ["2180"]);
        assert!(codes("Socialtjänsten har tecknat").is_empty());
        // a place that is no kommun or region names none
        assert!(codes("Fritidsnämnden i Oxie").is_empty());
        assert_eq!(
            codes("Region Skånes kulturnämnd och Stockholms stad"),
            ["12", "0180"]
        );
        assert_eq!(
            codes("Eskilstuna Kommun och Uddevalla kommun"),
            ["0484", "1485"]
        );
        assert_eq!(codes("Västra Götalandsregionen"), ["14"]);
        assert_eq!(codes("Region Jönköpings län"), ["06"]);
        assert_eq!(codes("Landstinget i Östergötland"), ["05"]);
        // a landsting in the county's genitive is the county's region, not
        // the kommun named like it
        assert_eq!(codes("Kalmar läns landsting"), ["08"]);
        assert_eq!(codes("Stockholms läns landsting"), ["01"]);
        assert_eq!(codes("Regionförbundet i Kalmar län"), ["08"]);
        assert_eq!(codes("Region Gotland"), ["0980"]);
        assert!(codes("Linköping är en stad").is_empty());
        // whole words only: "kommun" inside a longer word names none
        assert!(codes("Linköpings kommunvägar").is_empty());
        assert_eq!(codes("LINKÖPINGS KOMMUN"), ["0580"]);
        // a kommun's own organ in its genitive, a landsting by its short name
        assert_eq!(codes("Piteås kommunstyrelse har beslutat"), ["2581"]);
        assert_eq!(codes("Lunds kommunfullmäktige har beslutat"), ["1281"]);
        assert_eq!(codes("Landstinget Dalarna har tecknat"), ["20"]);
        assert_eq!(
            unit_mentions("Skärholmens stadsdelsnämnd har tecknat")
                .into_iter()
                .map(|u| u.2)
                .collect::<Vec<_>>(),
            ["Skärholmens stadsdelsnämnd"]
        );
        assert_eq!(
            unit_mentions("Piteås kommunstyrelse har beslutat")
                .into_iter()
                .map(|u| u.2)
                .collect::<Vec<_>>(),
            ["kommunstyrelse"]
        );
    }

    #[test]
    fn a_bare_place_beside_an_organisation_is_its_kommun() {
        assert_eq!(
            place_as_party("Avtalet mellan Kiruna och Kvinnojouren Iris gäller i tre år.")
                .as_deref(),
            Some("2584")
        );
        assert_eq!(
            place_as_party("Kiruna och Kvinnojouren Iris har tecknat ett IOP.").as_deref(),
            Some("2584")
        );
        // a place inside a sentence, or a word that is no kommun, is none
        assert!(
            place_as_party("Jouren i Kiruna och Kvinnojouren Iris har tecknat ett IOP.").is_none()
        );
        assert!(place_as_party("Avtalet mellan Jouren och Kvinnojouren Iris.").is_none());
        assert_eq!(
            place_as_party("Umeås nya IOP med Föreningen Hela Människan gäller i tre år.")
                .as_deref(),
            Some("2480")
        );
        assert!(place_as_party("Kvinnojourens nya avtal gäller i tre år.").is_none());
    }

    #[test]
    fn a_samordningsforbund_is_named_as_written() {
        assert_eq!(
            coordination_body("Samordningsförbundet Göteborg har tecknat ett IOP."),
            Some("Samordningsförbundet Göteborg")
        );
        assert_eq!(
            coordination_body("Finsam Umeå och föreningen har tecknat ett avtal."),
            Some("Finsam Umeå")
        );
        assert_eq!(
            coordination_body("Avtalet med Norra Västmanlands samordningsförbund gäller."),
            Some("Norra Västmanlands samordningsförbund")
        );
        assert_eq!(coordination_body("Kommunen har tecknat ett IOP."), None);
    }

    #[test]
    fn an_agency_brand_names_its_region() {
        assert_eq!(codes("SL och Stockholms Stadsmission har tecknat"), ["01"]);
        assert_eq!(codes("Skånetrafiken har tecknat ett avtal"), ["12"]);
        assert_eq!(codes("i samarbete med Västtrafik"), ["14"]);
        // the brand as a word of its own only
        assert!(codes("Slutet blev bra").is_empty());
        assert!(is_body_name("SL"));
        assert!(is_body_name("Region Kalmar län"));
        assert!(!is_body_name("SL och Stockholms Stadsmission"));
        // every brand's code is a region of the reference
        for (code, brand) in agencies() {
            let body = Reference::embedded().by_code(&code);
            assert!(
                body.is_some_and(|b| b.kind == PartyKind::Region),
                "{brand}: {code}"
            );
        }
    }

    #[test]
    fn units_as_written() {
        let u: Vec<String> = unit_mentions(
            "Beslutet togs av Kultur- och fritidsnämnden och socialnämnden. Rinkeby-Kista stadsdelsnämnd sa nej.",
        )
        .into_iter()
        .map(|x| x.2)
        .collect();
        assert_eq!(
            u,
            [
                "Kultur- och fritidsnämnden",
                "socialnämnden",
                "Rinkeby-Kista stadsdelsnämnd"
            ]
        );
    }

    #[test]
    fn bodies_named_together_are_one_party() {
        let joined = |t: &str| {
            let first = body_mentions(t).into_iter().next().expect("a body");
            joined_bodies(t, &first)
        };
        assert_eq!(
            joined(
                "Piteå kommun tillsammans med Älvsbyns, Arvidsjaurs och Arjeplogs kommuner har tecknat ett IOP med Kvinnojouren Ronja."
            ),
            ["2560", "2505", "2506"]
        );
        assert_eq!(
            joined("Region Norrbotten och Luleå kommun har tecknat avtal med Tjejjouren."),
            ["2580"]
        );
        // a body named later in the sentence is no party alongside
        assert!(joined("Piteå kommun har tecknat avtal med Tjejjouren, som också har avtal med Luleå kommun.").is_empty());
        // the auxiliary before "tillsammans med"
        assert_eq!(
            joined(
                "Piteå kommun har tillsammans med Älvsbyns och Arvidsjaurs kommuner tecknat avtal med Kvinnojouren Ronja."
            ),
            ["2560", "2505"]
        );
        // "kommunerna A, B och C": each a body, the rest joined to the first
        let t = "Kommunerna Sunne, Torsby och Hagfors har tecknat ett IOP med Kvinnojouren.";
        let codes: Vec<String> = body_mentions(t).into_iter().map(|m| m.code).collect();
        assert_eq!(codes, ["1766", "1737", "1783"]);
        assert_eq!(joined(t), ["1737", "1783"]);
    }

    #[test]
    fn districts_and_places() {
        assert_eq!(
            district_mention("Rinkeby-Kista stadsdelsnämnd beslutade").as_deref(),
            Some("0180")
        );
        assert_eq!(
            district_mention("Stadsdelsnämnden i Skärholmen har tecknat").as_deref(),
            Some("0180")
        );
        assert_eq!(
            district_mention("SDF Majorna-Linné").as_deref(),
            Some("1480")
        );
        assert_eq!(
            only_place("Eskilstuna är en IOP-kommun; Eskilstunas politiker").as_deref(),
            Some("0484")
        );
        assert!(only_place("Eskilstuna och Västerås").is_none());
        assert_eq!(
            only_place("Katrineholm2020-12-17 06:08").as_deref(),
            Some("0483")
        );
        // a byline glued to its date names no place
        assert!(only_place("Av Sara Lund12 mars 2024 07:30").is_none());
        assert_eq!(
            only_place("SKÖVDE. Välvia har fått uppdraget.").as_deref(),
            Some("1496")
        );
        assert!(only_place("IOP med KIF").is_none());
    }

    #[test]
    fn county_names_give_their_region() {
        assert_eq!(
            county_mention("hemlösa i Stockholms län").as_deref(),
            Some("01")
        );
        assert_eq!(county_mention("i Gotlands län").as_deref(), Some("0980"));
        assert!(county_mention("i Stockholm").is_none());
    }

    #[test]
    fn publisher_from_domain_and_newsroom() {
        let r = Reference::embedded();
        let d = Document::default();
        assert_eq!(
            publisher(Some("https://www.linkoping.se/x"), &d, r)
                .unwrap()
                .code,
            "0580"
        );
        assert_eq!(
            publisher(
                Some("https://www.mynewsdesk.com/se/linkopings_kommun/pressreleases/x"),
                &d,
                r
            )
            .unwrap()
            .code,
            "0580"
        );
        // a newsroom named by the owner's place alone
        assert_eq!(
            publisher(
                Some("http://www.mynewsdesk.com/se/malmo/pressreleases/4h-verksamheten-i-malmoe-585481"),
                &d,
                r
            )
            .unwrap()
            .code,
            "1280"
        );
        assert!(
            publisher(
                Some("https://www.mynewsdesk.com/se/fryshuset/pressreleases/x"),
                &d,
                r
            )
            .is_none()
        );
        assert!(publisher(Some("https://www.corren.se/x"), &d, r).is_none());
        assert_eq!(
            publisher(Some("https://www.sll.se/nyheter/x"), &d, r)
                .unwrap()
                .code,
            "01"
        );
        let only = Document {
            title: Some("Nacka kommun tecknar IOP".into()),
            paragraphs: vec!["Nacka kommun har tecknat ett avtal.".into()],
            ..Document::default()
        };
        assert_eq!(publisher(None, &only, r).unwrap().code, "0182");
        let d = Document {
            paragraphs: vec!["1 juli 2019 | Pressmeddelande från Linköpings kommun".into()],
            ..Document::default()
        };
        assert_eq!(publisher(None, &d, r).unwrap().code, "0580");
        // a saved page without its address: the site named after a body
        let d = Document {
            title: Some("Nya överenskommelser med föreningar".into()),
            paragraphs: vec!["Kultur- och fritidsnämnden har tecknat tre överenskommelser.".into()],
            site_name: Some("Kungsbacka kommun".into()),
            ..Document::default()
        };
        assert_eq!(publisher(None, &d, r).unwrap().code, "1384");
        // a newspaper's name is no body
        let d = Document {
            site_name: Some("Kungsbacka-Posten".into()),
            ..Document::default()
        };
        assert!(publisher(None, &d, r).is_none());
    }
}
