//! Organisations named in a sentence, recognised by structure before lists.
//! Every name chunk ([`chunk`]) is a candidate; it is weighed by what it
//! is and where it stands:
//! - for it: an organisation ending or head word ("Brottsofferjouren",
//!   "Föreningen X", "Bollstanäs scoutkår"), a club code beside a place
//!   ("Fanna BK"), an acronym in brackets that spells it ("Gotländska
//!   utvecklingsbolag i samverkan (GUBIS)"), a web name ("Nattvandring.nu"),
//!   a well-known name; and the partner slot it stands in: after "med" or
//!   "tillsammans med", in a "mellan A och B" list, coordinated with another
//!   partner, or the subject of "har tecknat", "driver", "tar över";
//! - against it: a public body, office or place, a company, a building or
//!   venue, a person (a first name, a speaker of the page, a title before
//!   it), a document's title, a placeholder, a common word.
//!
//! A candidate is a partner when nothing speaks against it and either its
//! own shape or its slot speaks for it. Pure; uses `lexicon`, `party` and
//! `reference`.

pub mod chunk;
pub mod variants;

use std::borrow::Cow;
use std::ops::Range;
use std::sync::LazyLock;

use crate::extract::lexicon;
use crate::extract::party;
use crate::extract::pattern::Pattern;
use crate::extract::text::lower;

use chunk::{Chunk, Word};

/// Where a candidate stands in its sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Slot {
    /// No partner slot.
    Free,
    /// After "avtal om", "hos", "till": a weak slot.
    Weak,
    /// Coordinated with a candidate in a partner slot ("med A, B och C").
    Coordinated,
    /// The subject of an agreement verb ("X har tecknat", "X driver").
    Subject,
    /// In a "mellan A och B" list.
    Between,
    /// After "med", "tillsammans med".
    With,
}

impl Slot {
    /// A slot strong enough to make a plausible name a partner.
    pub fn strong(self) -> bool {
        self >= Slot::Coordinated
    }
}

/// Why a candidate is not an organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Against {
    PublicBody,
    Place,
    Company,
    Venue,
    /// What a named organisation runs ("Fritidsbanken i Ås drivs av
    /// föreningen X"): the page's other mentions of it are no partner either.
    Operated,
    Person,
    Document,
    Placeholder,
    CommonWord,
    /// Helps, funds or advises beside the agreement: "med stöd av X", "i
    /// dialog med X", "finansierades tidigare av X".
    Helper,
    /// Signs beside the public body with the organisation named after
    /// "med": "Norrby kommun och Norrby Ice Arena har tecknat avtal med
    /// Norrby HC".
    PublicSide,
}

/// What speaks for a candidate being an organisation, from its own words.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Shape {
    /// A word ends like an organisation ("-jouren", "-förening", "-kår").
    pub ending: bool,
    /// Opens with an organisation head word ("Föreningen", "Stiftelsen").
    pub head: bool,
    /// A club code beside a place, or a capital code before a sport.
    pub club: bool,
    /// A well-known organisation.
    pub known: bool,
    /// Spelled out by the acronym in brackets after it.
    pub expanded: bool,
    /// A web name ("Nattvandring.nu").
    pub web: bool,
    /// Ends like a building as well as an organisation ("-huset", "-gården").
    pub weak_ending: bool,
    /// Qualified by a place: "... i Linköping".
    pub placed: bool,
    /// A member of an enumeration of three or more names whose others are
    /// organisations by their shape ("PRO Vellinge, SPF Seniorerna
    /// Falsterbonäset och Röda Korsets Vellingekrets").
    pub listed: bool,
}

impl Shape {
    /// The shape alone makes it an organisation.
    pub fn strong(&self) -> bool {
        self.ending
            || self.head
            || self.club
            || self.known
            || self.expanded
            || self.web
            || self.listed
    }
}

/// One organisation candidate of a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    /// The name as written, tidied (no leading sentence word, no trailing
    /// connector or year).
    pub name: String,
    /// Byte range of `name` in the sentence.
    pub range: Range<usize>,
    pub slot: Slot,
    pub shape: Shape,
    pub against: Option<Against>,
    /// Taken as a last resort: the page names no organisation in a strong
    /// place, and this one stands in a weak slot ("drivs av X", "avtal om
    /// X", "bidrag till X").
    pub last_resort: bool,
}

impl Candidate {
    /// Nothing speaks against it and its shape or its slot speaks for it.
    pub fn accepted(&self) -> bool {
        if self.against.is_some() {
            return false;
        }
        self.shape.strong()
            || (self.slot.strong() && plausible(&self.name))
            || (self.last_resort
                && self.slot == Slot::Weak
                && !self.shape.weak_ending
                && plausible(&self.name))
            || (self.shape.weak_ending && (self.slot > Slot::Weak || self.shape.placed))
            || (self.slot == Slot::Weak && self.shape.placed)
    }

    /// Evidence for it beyond a capital letter: its shape, or a slot.
    pub fn has_evidence(&self) -> bool {
        self.shape.strong() || self.shape.weak_ending || self.slot > Slot::Free
    }
}

/// A name that could be an organisation's when its slot says so: at most
/// seven words, with a letter, not a lone capital.
fn plausible(name: &str) -> bool {
    let words = name.split(' ').count();
    let letters = name.chars().filter(|c| c.is_alphabetic()).count();
    words <= 7 && letters >= 2
}

/// An agreement verb after a subject: "har tecknat", "driver", "tar över".
static SUBJECT_VERB: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(concat!(
        r"(?i)^\s*(?:\([^)]{1,40}\)\s*)?(?:,[^,]{1,60},\s*)?(?:och\s+\p{Lu}[\p{L}\s]{0,40}?\s+)?",
        r"(?:har|hade|ska|skall|kommer att|kan|nu)?\s*(?:nu\s+|även\s+|också\s+|dessutom\s+|redan\s+|sedan\s+\S+\s+|tillsammans\s+)?",
        r"(?:tecknat|tecknar|tecknade|ingått|ingår|ingick|skrivit|skriver|skrev|undertecknat|undertecknar|undertecknade|",
        r"fått|får|fick|driver|drivit|drev|tar över|tagit över|tog över|övertar|anslutit|ansluter|anslöt|förlängt|förlänger|",
        r"förlängde|signerat|erhåller|erhållit|beviljats|beviljas|samarbetar|samverkar|startar|öppnar|har avtal|har ett avtal|",
        r"har en överenskommelse|har ett partnerskap|står för|ansvarar för|hyr|arrenderar|sköter|",
        r"kommit överens|kommer överens|kom överens|",
        // after "ska", "kommer att", "kan": "X ska ansvara för"
        r"ansvara för|driva|bedriva|sköta|teckna|ta över|överta|starta|öppna|stå för|erbjuda|utföra)\b"
    ))
    .expect("valid regex")
});

/// "med", "tillsammans med", "mellan", possibly with a determiner and
/// describing words before the name ("med den ideella föreningen").
/// A verb that gives a task, right before the one who gets it.
static TASK_GIVEN: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(r"(?i)\b(?:ger|gav|gett|givit|tilldelat|tilldelar|tilldelade|valt|väljer|valde|anlitat|anlitar|anlitade)\s+(?:(?:föreningen|organisationen|stiftelsen)\s+)?$")
        .expect("valid regex")
});

/// What the task is, right after its taker: "i uppdrag", "uppdraget",
/// "driften", "som utförare".
static TASK_AFTER: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(r"(?i)^\s*(?:(?:i\s+)?uppdrag(?:et)?\b|driften\b|som\s+(?:utförare|leverantör|driftsansvarig|huvudman)\b)")
        .expect("valid regex")
});

/// "Det är (föreningen) X som ...", "Det blir X som ...": a cleft puts its
/// subject in the middle.
/// A relative clause in which the organisation makes the agreement: "...
/// stöttar föreningen Gemenskap som har tecknat IOP med kommunen", "X som
/// sedan 2022 har ett avtal med regionen".
static RELATIVE_AGREEMENT: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(concat!(
        r"(?i)^(?:nu\s+|även\s+|också\s+|redan\s+|sedan\s+\S+\s+)*(?:har|hade|nu)?\s*(?:nu\s+|även\s+|också\s+|redan\s+|sedan\s+\S+\s+)*",
        r"(?:tecknat|tecknar|tecknade|ingått|ingår|ingick|skrivit|skriver|skrev|undertecknat|undertecknar|undertecknade|",
        r"förlängt|förlänger|förlängde|signerat|kommit överens|",
        r"(?:ett\s+|en\s+)?(?:\p{L}*avtal|IOP|\p{L}*överenskommelse|\p{L}*partnerskap)\b(?:\s+med)?)"
    ))
    .expect("valid regex")
});

static CLEFT: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(r"(?i)(?:^|[.!?]\s+|,\s+)(?:och\s+)?(?:nu\s+)?det\s+(?:är|blir|var|blev)\s+(?:nu\s+)?(?:(?:den\s+ideella\s+|den\s+)?\p{Ll}+\s+)?$")
        .expect("valid regex")
});

/// "mellan" opening a short run of names that goes on to the text's end:
/// "mellan Norrby kommun", "mellan Region Väst, Norrby kommun".
static BETWEEN_OPEN: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(r"(?i)\bmellan\s+(?:[^\s.;:!?]+\s*){1,8}$").expect("valid regex")
});

/// What stands before an organisation that helps, funds or advises beside
/// the agreement, not a party to it: "med stöd av", "med hjälp från", "i
/// dialog med", "i samråd med", "finansierades av", "bidrag från"; also the
/// second of two ("med stöd från Arvsfonden och X").
static HELPER_BEFORE: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(concat!(
        r"(?i)\b(?:med\s+(?:ekonomiskt\s+)?(?:stöd|hjälp|bidrag|medel|finansiering)\s+(?:av|från)|i\s+(?:dialog|samråd)\s+med|",
        r"(?:finansiera|finansieras|finansierades|finansierats|finansierad|finansierat|bekostas|bekostades|stöds|stöddes|stöttas|stöttades)\s+(?:\p{L}+\s+){0,3}?(?:av|från)|",
        r"(?:stöd|bidrag|medel|pengar)\s+från)",
        r"(?:\s+[^.;:]{1,60}?(?:\s+och|\s+samt|,))?\s+$"
    ))
    .expect("valid regex")
});

static WITH_BEFORE: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(concat!(
        r"(?i)\b(?P<kind>med|mellan|och|samt)\s+(?:både\s+|även\s+|också\s+|bland\s+annat\s+|bl\.\s?a\.\s+|bland\s+andra\s+|dels\s+)?(?:(?:den|det|de|en|ett)\s+)?",
        r"(?:(?:[\p{Ll}\-]+(?:a|e)\s+)?(?:sociala|idéburna|ideella)\s+företaget\s+|",
        r"(?:[\p{Ll}\-]+(?:a|e|iga|ska)\s+){0,2}(?:(?:förening(?:en)?|organisation(?:en)?|stiftelse(?:n)?|",
        r"klubb(?:en)?|aktör(?:en)?|(?:samarbets)?partner(?:n)?|rörelse(?:n)?|kår(?:en)?|nätverket|trossamfundet|idrottsföreningen|",
        r"intresseföreningen|paraplyorganisationen|riksorganisationen|studieförbundet|samfundet)\s+)?)$"
    ))
    .expect("valid regex")
});

/// The agent of a passive verb of running a service: "drivs sedan 2019 av
/// föreningen X", "sköts av X", "utförs av den ideella föreningen X".
static AGENT_BEFORE: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(concat!(
        r"(?i)\b(?:drivs|drevs|drivits|bedrivs|bedrevs|sköts|sköttes|utförs|utfördes)\s+",
        r"(?:[\p{L}\d]+\s+){0,3}?av\s+(?:(?:den\s+)?(?:ideella\s+)?(?:föreningen|organisationen|stiftelsen)\s+)?$"
    ))
    .expect("valid regex")
});

/// A passive verb of running with a named agent right after a name: the
/// name is what is run ("drivs sedan 2019 av föreningen X", "sköts av X").
/// The noun of running or keeping right before a name: "driften av",
/// "skötseln av", "förvaltningen av".
static RUNNING_OF: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(r"(?i)\b(?:driften|skötseln|förvaltningen|underhållet|tillsynen)\s+av\s+$")
        .expect("valid regex")
});

static RUN_BY: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(concat!(
        r"^\s*(?:drivs|drevs|bedrivs|bedrevs|sköts|sköttes)\s+(?:[\p{L}\d]+\s+){0,3}?av\s+",
        r"(?:(?:den\s+)?(?:ideella\s+)?(?:föreningen|organisationen|stiftelsen)\s+)?\p{Lu}"
    ))
    .expect("valid regex")
});

/// Verbs that stand right before an inverted subject: "Efter beslut i
/// nämnden får X ...", "Nu tecknar X ...".
const INVERTED_VERBS: &[&str] = &[
    "tecknar",
    "tecknade",
    "undertecknar",
    "undertecknade",
    "skriver",
    "skrev",
    "får",
    "fick",
    "ingår",
    "ingick",
    "förlänger",
    "förlängde",
    "har",
    "hade",
];

/// Verbs after an agreement that opens the sentence, before the subject:
/// "Genom avtalet får X ...", "Enligt överenskommelsen ska X ...".
const FRONTED_VERBS: &[&str] = &[
    "får",
    "fick",
    "ska",
    "skall",
    "kommer att",
    "kan",
    "tar",
    "ansvarar",
    "erbjuder",
    "driver",
    "bidrar",
    "åtar sig",
    "står",
];

/// The verbs as one alternation for a pattern, any space between words.
fn verb_alternation(verbs: &[&str]) -> String {
    verbs
        .iter()
        .map(|v| v.replace(' ', r"\s+"))
        .collect::<Vec<_>>()
        .join("|")
}

/// True when `word` ends one of the verbs (a cheap first test).
fn ends_a_verb(verbs: &[&str], word: &str) -> bool {
    verbs.iter().any(|v| v.rsplit(' ').next() == Some(word))
}

/// A signing verb right after a fronted phrase, before its subject.
static INVERTED_BEFORE: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(&format!(
        r"(?i)(?:^|[.!?:]\s+)(?:[\p{{L}}\d]+\s+){{1,5}}?(?:{})\s+$",
        verb_alternation(INVERTED_VERBS)
    ))
    .expect("valid regex")
});

/// The first of two coordinated names before the second: "Ale kommun och ".
static FIRST_OF_TWO: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(r"\p{Lu}[\p{L}\-]*(?:\s+[\p{L}\-]+){0,3}?\s+och\s+$").expect("valid regex")
});

/// The agreement as the object after an inverted subject: "... ett treårigt
/// avtal", "... på ett nytt IOP".
static AGREEMENT_OBJECT_AFTER: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(concat!(
        r"(?i)^\s*(?:nu\s+|även\s+|också\s+)?(?:på\s+|under\s+)?(?:ett|en|sitt|nya|två|tre)\s+(?:[\p{L}\-]+\s+){0,2}?",
        r"(?:[\p{L}\-]*(?:avtal|överenskommelse|partnerskap)\p{L}*|IOP\b)"
    ))
    .expect("valid regex")
});

/// A genitive before the agreement it holds: "Hela Människans avtal med
/// kommunen", "Föreningens nya IOP" (the name is cut before its "s").
static GENITIVE_AGREEMENT_AFTER: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(concat!(
        r"(?i)^:?s\s+(?:[\p{L}\-]+(?:a|e)\s+){0,2}",
        r"(?:[\p{L}\-]*(?:avtal|överenskommelse|partnerskap)\p{L}*|IOP\b)"
    ))
    .expect("valid regex")
});

/// A sentence opened by the agreement, then a verb before its subject.
static AGREEMENT_FRONTED_BEFORE: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(&format!(
        r"(?i)(?:^|[.!?:]\s+)(?:genom|enligt|i|med|via)\s+(?:(?:det|den)\s+(?:nya\s+)?)?[\p{{L}}\-]*(?:avtalet|överenskommelsen|partnerskapet)\s+(?:{})\s+$",
        verb_alternation(FRONTED_VERBS)
    ))
    .expect("valid regex")
});

/// "avtal om", "hos", "till", "åt": the name after them may be the partner.
static WEAK_BEFORE: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(
        r"(?i)(?:\b(?:avtal\p{L}*|överenskommelse\p{L}*|partnerskap\p{L}*) om|\bhos|\btill|\båt|\bgenom|\bav)\s+$",
    )
    .expect("valid regex")
});

/// A title written right before a name: the name is a person's.
static TITLE_BEFORE: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(&format!(
        r"(?i)(?:\b{}|\bbiskop|\bkyrkoherde|\bpastor|\bdiakon|\bvd|\bkommunråd|\bdirektör|\bfotograf|(?:^|\b(?:text|foto|bild|skriven|skrivet|skrivna|publicerad|publicerat|inlägg|krönika|reportage|intervju|insändare)\s+)av)\s+$",
        crate::extract::quote::names::ROLE_NOUN
    ))
    .expect("valid regex")
});

/// What the whole page tells about names: its people.
#[derive(Debug, Clone, Default)]
pub struct PageNames {
    /// Full names of the page's people (speakers, people named with a
    /// title or party).
    pub people: Vec<String>,
}

impl PageNames {
    /// True when `name` is one of the page's people.
    fn person(&self, name: &str) -> bool {
        self.people.iter().any(|p| p == name)
    }
}

/// Well-known names written with lower-case words ("Hela människan") are
/// chunks of their own, whatever the chunker made of them.
fn add_known(sentence: &str, words: &[Word], chunks: &mut Vec<Chunk>) {
    static SPACED: LazyLock<aho_corasick::AhoCorasick> = LazyLock::new(|| {
        aho_corasick::AhoCorasick::new(lexicon::KNOWN_ORGS.iter().filter(|k| k.contains(' ')))
            .expect("valid automaton")
    });
    let lower = crate::extract::party::lower_same_len(sentence);
    // most sentences hold none of them: one pass tells
    if !SPACED.is_match(&lower) {
        return;
    }
    for k in lexicon::KNOWN_ORGS.iter().filter(|k| k.contains(' ')) {
        for (at, _) in lower.match_indices(k) {
            let end = at + k.len();
            let Some(a) = words.iter().position(|w| w.range.start == at) else {
                continue;
            };
            let Some(b) = words.iter().position(|w| w.range.end == end) else {
                continue;
            };
            // inside a chunk, unless the chunk coordinates it with another
            // name ("Hela Människan och Röda Korset")
            let coordinated = |c: &chunk::Chunk| {
                (b + 1 < c.words.end && matches!(words[b + 1].text, "och" | "samt" | "&"))
                    || (a > c.words.start && matches!(words[a - 1].text, "och" | "samt" | "&"))
            };
            if chunks
                .iter()
                .any(|c| c.range.start <= at && end <= c.range.end && !coordinated(c))
            {
                continue;
            }
            // a branch's place right after the name is the branch's name:
            // "Hela Sverige ska leva Östergötland"
            let mut b = b;
            while b + 1 < words.len()
                && words[b + 1].capital()
                && sentence[words[b].range.end..words[b + 1].range.start] == *" "
                && party::is_place(words[b + 1].text)
            {
                b += 1;
            }
            // a chunk reaching into the name keeps what stands before it:
            // "Föreningen Gemenskap och Hela människan"
            chunk::insert_name(words, chunks, a, b + 1);
        }
    }
}

/// Every organisation candidate of a sentence, in order.
pub fn candidates(sentence: &str, page: &PageNames) -> Vec<Candidate> {
    let words = chunk::words(sentence);
    let mut chunks = chunk::chunks(sentence, &words);
    add_known(sentence, &words, &mut chunks);
    let mut out: Vec<Candidate> = Vec::new();
    for c in &chunks {
        let Some(mut cand) = candidate(sentence, &words, c, page) else {
            continue;
        };
        // the first member of an enumeration after a colon: "aktörer: A, B och C"
        if cand.slot < Slot::Coordinated
            && sentence[..cand.range.start].trim_end().ends_with(':')
            && enumeration_follows(sentence, cand.range.end)
        {
            cand.slot = Slot::Coordinated;
        }
        // coordinated with the candidate before it: ", B" / " och B"
        if cand.slot < Slot::Coordinated
            && let Some(prev) = out.last()
            && prev.slot >= Slot::Coordinated
        {
            let gap = &sentence[prev.range.end..cand.range.start];
            let gap = gap.trim();
            if matches!(
                gap,
                "," | "och" | "samt" | "&" | "eller" | ", och" | "samt med" | "och med"
            ) {
                cand.slot = Slot::Coordinated;
                // a name written as its web address in a list of partners
                if cand.shape.web && cand.against == Some(Against::CommonWord) {
                    cand.against = None;
                }
            }
        }
        out.push(cand);
    }
    for members in enumerations(&out, sentence) {
        let (k, e) = (members.start, members.end - 1);
        // "Ås, Berg och Dals kommuner": a list that ends before a public
        // noun names public bodies, every member of it
        if e > k && PUBLIC_AFTER.is_match(&sentence[out[e].range.end..]) {
            // the bare place names of the list; a club or an association
            // listed with a kommun stays what it is
            for c in out[members.clone()]
                .iter_mut()
                .filter(|c| !c.shape.strong())
            {
                c.against = Some(Against::PublicBody);
            }
        }
        // an enumeration of three or more names, none of them anything but
        // an organisation, at least two of them organisations by their
        // shape: the others are organisations too
        let listed = &out[members.clone()];
        if listed.len() >= 3
            && listed.iter().all(|c| c.against.is_none())
            && listed.iter().filter(|c| c.shape.strong()).count() >= 2
        {
            for c in out[members].iter_mut() {
                c.shape.listed = !c.shape.strong();
            }
        }
    }
    // "Norrby kommun och Norrby Ice Arena har tecknat ett avtal med Norrby
    // HC": a subject joined to the public body, when the partner stands
    // after "med", is on the public body's side (an organisation by its
    // shape may be a party of its own and stays)
    let with_partner = out
        .iter()
        .any(|c| c.slot == Slot::With && c.against.is_none());
    for k in 1..out.len() {
        if with_partner
            && out[k].slot == Slot::Subject
            && out[k].against.is_none()
            && !out[k].shape.strong()
            && out[k - 1].against == Some(Against::PublicBody)
            && joined_by_och(&sentence[out[k - 1].range.end..out[k].range.start])
        {
            out[k].against = Some(Against::PublicSide);
        }
    }
    // a list ending "A, B och C" where C stands after "med": the earlier
    // members are coordinated too
    for i in (1..out.len()).rev() {
        if out[i].slot >= Slot::Coordinated && out[i - 1].slot < Slot::Coordinated {
            let gap = sentence[out[i - 1].range.end..out[i].range.start].trim();
            if gap == "," {
                out[i - 1].slot = Slot::Coordinated;
            }
        }
    }
    out
}

/// The runs of candidates joined by list gaps ("A, B och C"), each as the
/// range of its members in `out`, in order.
fn enumerations(out: &[Candidate], sentence: &str) -> Vec<Range<usize>> {
    let mut runs = Vec::new();
    let mut k = 0;
    while k < out.len() {
        let mut e = k;
        while e + 1 < out.len() && list_gap(&sentence[out[e].range.end..out[e + 1].range.start]) {
            e += 1;
        }
        runs.push(k..e + 1);
        k = e + 1;
    }
    runs
}

/// True when a word ends like a Swedish adjective ("Socialt", "Kulturella",
/// "Svenska", "Regionala").
fn adjective(word: &str) -> bool {
    let w = word.to_lowercase();
    [
        "lt", "kt", "rt", "ska", "iska", "liga", "iga", "ella", "ellt", "ala", "ala", "iva", "ivt",
        "ade", "at",
    ]
    .iter()
    .any(|e| w.ends_with(e))
}

/// The gap after a public body and before the name joined to it: "och",
/// " kommun och", "s kommun och".
fn joined_by_och(gap: &str) -> bool {
    let words: Vec<&str> = gap.split_whitespace().collect();
    words.last() == Some(&"och") && words.len() <= 2
}

/// The gap between two members of a list: ",", "och", "samt", "&".
fn list_gap(gap: &str) -> bool {
    matches!(gap.trim(), "," | "och" | "samt" | "&" | ", och" | "eller")
}

/// A public noun right after a list: "... och Dals kommuner".
static PUBLIC_AFTER: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(r"^s?\s*(?:kommuner|kommun|kommunerna|regioner|regionerna|län|landsting)\b")
        .expect("valid regex")
});

/// True when a list goes on after a name: ", B" or " och B".
fn enumeration_follows(sentence: &str, end: usize) -> bool {
    let rest = sentence[end..].trim_start();
    rest.starts_with(", ") || rest.starts_with("och ") || rest.starts_with("samt ")
}

/// The last `n` bytes of a text (at a character boundary): cues before a
/// name stand right before it, so the cue patterns read no further back.
fn tail(text: &str, n: usize) -> &str {
    let mut cut = text.len().saturating_sub(n);
    while !text.is_char_boundary(cut) {
        cut += 1;
    }
    &text[cut..]
}

/// The first `n` bytes of a text (at a character boundary).
fn head(text: &str, n: usize) -> &str {
    let mut cut = n.min(text.len());
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    &text[..cut]
}

const QUOTE_MARKS: &[char] = &['”', '“', '"', '»', '«'];

/// Weigh one chunk.
fn candidate(sentence: &str, words: &[Word], c: &Chunk, page: &PageNames) -> Option<Candidate> {
    let ws = &words[c.words.clone()];
    let exact = lower(&sentence[c.range.clone()]);
    let (name_words, range) = if lexicon::KNOWN_ORGS.contains(&exact.as_ref()) {
        (ws, c.range.clone())
    } else {
        tidy(sentence, ws)?
    };
    let name = &sentence[range.clone()];
    let before_all = &sentence[..range.start];
    // a name in quotation marks ("föreningen ”Barn i nöd”") stands in
    // its slot as if unquoted
    let before = tail(before_all, 120).trim_end_matches(QUOTE_MARKS);
    let after = head(&sentence[range.end..], 160).trim_start_matches(QUOTE_MARKS);
    let first = name_words.first()?;
    let last = name_words.last()?;
    let lowered: Vec<Cow<str>> = name_words.iter().map(|w| lower(w.text)).collect();

    let shape = Shape {
        ending: name_words.iter().any(|w| lexicon::has_org_ending(w.text)),
        head: lexicon::is_org_head(first.text) && name_words.len() > 1,
        club: name_words.len() > 1
            && (name_words
                .iter()
                .any(|w| lexicon::is_club_code_in_name(w.text))
                || (first.acronym() && name_words.iter().any(|w| lexicon::is_sport(w.text)))),
        known: lexicon::is_known_org(name),
        expanded: expanded_by_acronym(name_words, after),
        web: name_words.iter().any(|w| {
            let t = lower(w.text);
            (t.ends_with(".nu") || t.ends_with(".se") || t.ends_with(".org"))
                && !lexicon::names_agreement(&t)
                && !t.contains("overenskommelse")
                && !t.contains("kommun")
                && !t.contains("region")
        }),
        weak_ending: lexicon::has_weak_org_ending(last.text),
        placed: lowered.len() >= 3 && lowered[lowered.len() - 2] == "i",
        listed: false,
    };

    // words dropped from the chunk's start ("Hela", "Nu") open the sentence too
    let at_start = sentence_start(before_all) || sentence_start(&sentence[..c.range.start]);
    let slot = slot(before_all, before, after, at_start);
    let partner_slot = matches!(
        slot,
        Slot::With | Slot::Between | Slot::Coordinated | Slot::Subject
    );
    let against = against(
        name,
        name_words,
        &lowered,
        (before, after),
        &shape,
        slot,
        page,
    )
    .or_else(|| {
        // a capital that only opens the sentence, a lower-case word left
        // after tidying, words in capitals throughout
        let bare = !shape.strong() && !shape.weak_ending;
        let lone = name_words.len() == 1;
        // "Unga i Kalix får ...": a common word opening the sentence, placed
        let placed_word = name_words.len() == 3
            && name_words[1].text == "i"
            && party::is_place(name_words[2].text);
        let shouted = name_words.len() >= 2
            && name_words.iter().all(|w| w.acronym())
            && name_words.iter().any(|w| w.text.chars().count() >= 5);
        // a name written as its web address ("nattvandring.nu") only in a
        // partner's place
        let web_partner = shape.web && partner_slot;
        let lower_start = !(first.capital() || c.lower_led || web_partner);
        // "med Socialt arbete": one capitalised adjective before a noun
        let qualifier = lone && adjective(first.text) && content_word_follows(sentence, last);
        // a count or sum after a lone genitive: "Skaraborgs 15 kommuner"
        let counted = lone
            && last.text.ends_with('s')
            && after
                .trim_start()
                .starts_with(|ch: char| ch.is_ascii_digit());
        ((bare && (lone || placed_word) && at_start)
            || (bare && (qualifier || counted))
            || shouted
            || lower_start)
            .then_some(Against::CommonWord)
    });
    Some(Candidate {
        name: name.to_string(),
        range,
        slot,
        shape,
        against,
        last_resort: false,
    })
}

/// The last word of `before`, lower case.
fn word_before(before: &str) -> String {
    before
        .trim_end()
        .rsplit(char::is_whitespace)
        .next()
        .unwrap_or("")
        .to_lowercase()
}

/// True when only an opening conjunction or nothing stands before.
fn sentence_start(before: &str) -> bool {
    let b = before.trim();
    // (none of the words is longer than six bytes: a cheap first test)
    b.is_empty()
        || (b.len() <= 6
            && matches!(
                lower(b).as_ref(),
                "–" | "-" | "nu" | "nu har" | "när" | "och" | "även" | "också" | "där"
            ))
}

/// "Parter: A och B", "Avtalsparter:": a label that lists the parties.
static PARTIES_LABEL: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(r"(?i)^\s*(?:parter|parterna|avtalsparter|samarbetsparter|part)\s*:\s*(?:[^:]*(?:,|\boch\b)\s*)?$")
        .expect("valid regex")
});

/// The slot of a name from the text around it (`before` is the end of
/// `before_all`, the whole text before the name).
fn slot(before_all: &str, before: &str, after: &str, at_start: bool) -> Slot {
    if PARTIES_LABEL.is_match(before_all) {
        return Slot::Between;
    }
    if let Some(c) = WITH_BEFORE.captures(before) {
        match &c["kind"].to_lowercase()[..] {
            "mellan" => return Slot::Between,
            "med" => return Slot::With,
            // the last of "mellan A och B": "avtalet mellan Norrby kommun och B"
            _ if BETWEEN_OPEN.is_match(&before[..c.get(0).expect("match").start()]) => {
                return Slot::Between;
            }
            _ => {}
        }
    }
    if SUBJECT_VERB.is_match(after)
        && (at_start || subordinate_start(before) || subordinate_start(without_org_noun(before)))
    {
        return Slot::Subject;
    }
    // "ger X i uppdrag", "har valt X som utförare", "tilldelat X driften":
    // the one a public body gives a task
    if TASK_AFTER.is_match(after) && TASK_GIVEN.is_match(before) {
        return Slot::With;
    }
    // "... föreningen X som har tecknat IOP med kommunen": the subject of a
    // relative clause that makes the agreement
    if let Some(rest) = after.trim_start().strip_prefix("som ")
        && RELATIVE_AGREEMENT.is_match(rest)
    {
        return Slot::Subject;
    }
    // "Det är föreningen X som har fått uppdraget": a cleft's subject
    if CLEFT.is_match(before)
        && let Some(rest) = after.trim_start().strip_prefix("som ")
        && SUBJECT_VERB.is_match(rest)
    {
        return Slot::Subject;
    }
    // the word right before the name, for cheap first tests of the cues below
    let last_word = word_before(before);
    let after_noun = lexicon::ORG_COMMON_NOUNS.contains(&last_word.as_str());
    if (last_word == "av" || after_noun) && AGENT_BEFORE.is_match(before) {
        return Slot::Subject;
    }
    // "Efter beslut i nämnden får X ett treårigt avtal med kommunen",
    // "Genom avtalet får X ekonomiskt stöd"; the second of two inverted
    // subjects likewise: "I dag skrev Ale kommun och X under ett avtal"
    let inverted = |before: &str| {
        ends_a_verb(INVERTED_VERBS, &word_before(before)) && INVERTED_BEFORE.is_match(before)
    };
    // (the cheap test of the word before first: most names pass none)
    let verb_before = ends_a_verb(INVERTED_VERBS, &last_word) || last_word == "och";
    if (verb_before
        && (inverted(before)
            || (last_word == "och"
                && FIRST_OF_TWO
                    .find(before)
                    .is_some_and(|m| inverted(&before[..m.start()]))))
        && AGREEMENT_OBJECT_AFTER.is_match(after))
        || (ends_a_verb(FRONTED_VERBS, &last_word) && AGREEMENT_FRONTED_BEFORE.is_match(before))
    {
        return Slot::Subject;
    }
    // "Hela Människans avtal med kommunen"
    if (after.starts_with("s ") || after.starts_with(":s "))
        && GENITIVE_AGREEMENT_AFTER.is_match(after)
    {
        return Slot::With;
    }
    if WEAK_BEFORE.is_match(before) {
        return Slot::Weak;
    }
    Slot::Free
}

/// The text before a name without the organisation noun that stands in
/// apposition right before it: "Tierps kommun och föreningen" gives
/// "Tierps kommun och"; unchanged when no such noun ends it.
fn without_org_noun(before: &str) -> &str {
    let trimmed = before.trim_end();
    let cut = trimmed.rfind(char::is_whitespace).map_or(0, |i| i + 1);
    if lexicon::ORG_COMMON_NOUNS.contains(&trimmed[cut..].to_lowercase().as_str()) {
        &trimmed[..cut]
    } else {
        before
    }
}

/// A clause opens right before the name: "..., där X har", "att X driver".
fn subordinate_start(before: &str) -> bool {
    static OPENS: LazyLock<Pattern> = LazyLock::new(|| {
        Pattern::new(r"(?i)(?:\b(?:att|när|där|som|då|och|men|eftersom|sedan|nu)|[,:;–])\s*$")
            .expect("valid regex")
    });
    OPENS.is_match(before)
}

/// The acronym in brackets after a name spells its initials
/// ("Gotländska utvecklingsbolag i samverkan (GUBIS)").
fn expanded_by_acronym(words: &[Word], after: &str) -> bool {
    let Some(rest) = after.trim_start().strip_prefix('(') else {
        return false;
    };
    let Some(acr) = rest.split(')').next() else {
        return false;
    };
    let letters: Vec<char> = acr.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 2
        && words.len() >= 2
        && letters.iter().all(|c| c.is_uppercase())
        && chunk::spells(words, &letters)
}

/// Tidy a chunk: drop leading sentence words, titles, connectors and
/// numbers; trailing connectors, agreement words, years and counts ("15" in
/// "Skaraborgs 15 kommuner"); cut at a number followed by more digits (a sum
/// glued to a name). Returns the words kept and their byte range, the range
/// ending before a genitive s when the name stands before a noun
/// ("Stiftelsen Nattvandrarnas verksamhet"), or None when nothing name-like
/// is left.
fn tidy<'a, 'w>(sentence: &str, ws: &'w [Word<'a>]) -> Option<(&'w [Word<'a>], Range<usize>)> {
    let mut a = 0;
    let mut b = ws.len();
    while a < b {
        let w = ws[a].text;
        // "med Hela Människan Uppsala": a word that opens sentences is a
        // name's own when written with a capital inside a sentence
        // (not after a date glued to the sentence: "2019-04 När Leksands IF")
        let named_inside = b - a > 1
            && !(a > 0 && ws[a - 1].date_like())
            && OPENERS.contains(&w)
            && (sentence[..ws[a].range.start]
                .trim_end()
                .ends_with(|c: char| {
                    // or opening a name in quotation marks: "föreningen
                    // ”Tillsammans för Tierp”"
                    c.is_alphanumeric() || matches!(c, ',' | '"' | '”' | '“' | '»')
                })
                || {
                    // in the genitive too: "Hela Människans avtal"
                    let whole = &sentence[ws[a].range.start..ws[b - 1].range.end];
                    lexicon::is_known_org(whole)
                        || whole.strip_suffix('s').is_some_and(lexicon::is_known_org)
                });
        let drop =
            (lexicon::is_not_name(w) && !(lexicon::is_org_head(w) && b - a > 1) && !named_inside)
                || crate::extract::quote::names::is_role_word(&w.to_lowercase())
                || CONNECTOR_WORDS.contains(&w)
                || ws[a].number()
                || ws[a].date_like();
        if drop {
            a += 1;
        } else {
            break;
        }
    }
    // a dateline in capitals glued to the name that opens the sentence
    // ("KALMAR Kvinnojouren Kalmar har tecknat ...")
    if b - a >= 2 && shouted_place(ws[a].text) {
        a += 1;
    }
    // a dateline glued to the sentence it opens ("Laholm Hos Röda Korset är
    // glädjen stor"): a place, then a sentence word with its capital; the
    // name starts after them
    if let Some(k) = (a + 1..b).find(|&k| {
        lexicon::is_not_name(ws[k].text) && ws[a..k].iter().all(|w| party::is_place(w.text))
    }) {
        a = k + 1;
        while a < b && lexicon::is_not_name(ws[a].text) {
            a += 1;
        }
        if a >= b {
            return None;
        }
    }
    // a number followed by another number or a lower-case word: a sum or a
    // count, not part of the name
    if let Some(k) = (a..b).find(|&k| {
        ws[k].number()
            && (ws.get(k + 1).is_some_and(|n| n.number()) || content_word_follows(sentence, &ws[k]))
    }) {
        b = k;
    }
    while b > a {
        let w = ws[b - 1].text;
        let year = ws[b - 1].number()
            && w.len() == 4
            && (w.starts_with("19") || w.starts_with("20"))
            && b - a > 1;
        let agreement = lexicon::is_agreement_word(w) && b - a > 1;
        // (and "Mitt" closing a region's name: "Hyresgästföreningen Region Mitt")
        let final_place = matches!(w, "Sverige" | "Norden" | "Europa" | "Skandinavien" | "Mitt");
        if CONNECTOR_WORDS.contains(&w)
            || year
            || agreement
            || (lexicon::is_not_name(w) && b - a > 1 && !final_place)
        {
            b -= 1;
        } else {
            break;
        }
    }
    if a >= b {
        return None;
    }
    let kept = &ws[a..b];
    if kept.iter().all(|w| w.number()) {
        return None;
    }
    let start = kept[0].range.start;
    let mut end = kept[kept.len() - 1].range.end;
    if genitive(sentence, &kept[kept.len() - 1]) {
        end -= 1;
    }
    Some((kept, start..end))
}

/// A place written in capitals, as a dateline writes it ("KALMAR",
/// "ÖSTERSUND").
fn shouted_place(word: &str) -> bool {
    let mut chars = word.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    word.chars().count() >= 3
        && word.chars().all(char::is_uppercase)
        && party::is_place(&(first.to_string() + &chars.as_str().to_lowercase()))
}

/// Words that open sentences and also names ("Hela människan", "Nya
/// Kvinnojouren"): inside a sentence, a capital makes them part of a name.
const OPENERS: &[&str] = &["Hela", "Alla", "Nya", "Flera", "Ett", "En", "Tillsammans"];

/// The lower-case word right after a word, when only a space stands between.
fn next_lower_word<'s>(sentence: &'s str, w: &Word) -> Option<&'s str> {
    let gap = sentence[w.range.end..].strip_prefix(' ')?;
    let end = gap
        .find(|c: char| !(c.is_alphabetic() || c == '-'))
        .unwrap_or(gap.len());
    let word = &gap[..end];
    word.chars()
        .next()
        .is_some_and(char::is_lowercase)
        .then_some(word)
}

/// True when a lower-case content word (no verb or function word) follows
/// a word: the word before it qualifies a noun ("Socialt arbete",
/// "Skaraborgs 15 kommuner", "Stadsmissions verksamhet").
fn content_word_follows(sentence: &str, w: &Word) -> bool {
    next_lower_word(sentence, w).is_some_and(|n| !NOT_AFTER_GENITIVE.contains(&n))
}

/// Lower-case words that follow a name without making it a genitive.
const NOT_AFTER_GENITIVE: &[&str] = &[
    "och",
    "i",
    "har",
    "hade",
    "är",
    "var",
    "som",
    "med",
    "för",
    "till",
    "på",
    "ska",
    "kan",
    "får",
    "fick",
    "vill",
    "blir",
    "blev",
    "kommer",
    "om",
    "av",
    "att",
    "eller",
    "samt",
    "från",
    "under",
    "efter",
    "inom",
    "vid",
    "hos",
    "mot",
    "genom",
    "utan",
    "sedan",
    "nu",
    "också",
    "även",
    "inte",
    "redan",
    "tillsammans",
    "ansvarar",
    "driver",
    "tecknar",
    "tecknade",
    "erbjuder",
    "bedriver",
    "arbetar",
    "jobbar",
    "står",
    "tar",
    "gör",
    "ger",
    "menar",
    "säger",
    "berättar",
    "anser",
    "tycker",
    "verkar",
    "finns",
    "fanns",
    "ingår",
    "startade",
    "startar",
    // the verbs of an agreement's own sentence: "Avtalet mellan Norrby kommun
    // och Kvinnojouren Iris gäller i tre år"
    "gäller",
    "gällde",
    "löper",
    "löpte",
    "innebär",
    "omfattar",
    "sträcker",
    "började",
    "börjar",
    "upphör",
    "förlängs",
    "förlängdes",
    "tecknades",
    "undertecknades",
    "skrevs",
];

/// True when a name's last word is a genitive before a noun: it ends in s
/// (not ss), is long enough to stand without it, and a lower-case word that
/// is no verb or function word follows ("Uppsala Stadsmissions verksamhet").
fn genitive(sentence: &str, last: &Word) -> bool {
    let t = last.text;
    if !t.ends_with('s') || t.ends_with("ss") || t.chars().count() < 4 || last.acronym() {
        return false;
    }
    // a place whose name ends in s ("Alingsås") is no genitive
    if party::is_place(t) {
        return false;
    }
    content_word_follows(sentence, last) || agreement_follows(sentence, last)
}

/// True when an agreement word in capitals follows a word after one space:
/// "Kvinnojouren Frejas IOP", "Föreningens IOP-avtal".
fn agreement_follows(sentence: &str, w: &Word) -> bool {
    sentence[w.range.end..]
        .strip_prefix(' ')
        .is_some_and(|rest| {
            let word = rest
                .split(|c: char| !(c.is_alphanumeric() || c == '-' || c == ':'))
                .next()
                .unwrap_or("");
            word.starts_with("IOP") && lexicon::is_agreement_word(word)
        })
}

/// Endings that only Swedish surnames have ("-sson", "-qvist"); endings
/// shared with places ("-berg", "-lund") prove nothing.
const SURNAME_ENDINGS: &[&str] = &["sson", "qvist", "kvist", "quist", "ström", "stedt"];

const CONNECTOR_WORDS: &[&str] = &["i", "för", "och", "&"];

/// "40-tal", "1990-talet", "20-tals": a round number or a decade.
fn approximate_number(word: &str) -> bool {
    word.split_once('-').is_some_and(|(n, rest)| {
        !n.is_empty()
            && n.chars().all(|c| c.is_ascii_digit())
            && matches!(rest, "tal" | "talet" | "tals" | "talets")
    })
}

/// What speaks against a name being an organisation.
#[allow(clippy::too_many_arguments)]
fn against(
    name: &str,
    words: &[Word],
    lowered: &[Cow<str>],
    (before, after): (&str, &str),
    shape: &Shape,
    slot: Slot,
    page: &PageNames,
) -> Option<Against> {
    let partner_slot = slot.strong();
    let first = words.first()?.text;
    let last = words.last()?.text;
    if words.iter().any(|w| lexicon::is_placeholder(w.text)) {
        return Some(Against::Placeholder);
    }
    if words.len() == 1 && (lexicon::is_not_name(first) || lexicon::is_public_acronym(first)) {
        return Some(Against::CommonWord);
    }
    // "ett 40-tal organisationer", "1990-talet": a number, not a name
    if words.len() == 1 && approximate_number(first) {
        return Some(Against::CommonWord);
    }
    if lexicon::is_sector_name(name) {
        return Some(Against::PublicBody);
    }
    let owned_by = || {
        let before = before.to_lowercase();
        let before = before.trim_end();
        before.ends_with("kommunägda") || before.ends_with("bolaget")
    };
    if words.iter().any(|w| lexicon::is_company_word(w.text)) || owned_by() {
        return Some(Against::Company);
    }
    // "Kommunerna Sunne, Torsby och Hagfors": the public bodies, named
    let public_plural = ["kommunerna", "regionerna", "landstingen"]
        .iter()
        .any(|p| first.eq_ignore_ascii_case(p));
    if (words.iter().any(|w| lexicon::is_public_word(w.text)) || public_body(name) || public_plural)
        && !regional_branch(words)
    {
        return Some(Against::PublicBody);
    }
    // places closed by their kind: "Östhammar och Älvkarleby kommuner"; an
    // organisation's regional branch stays the organisation ("Röda Korset
    // region Syd")
    let next = after.split_whitespace().next().unwrap_or("").to_lowercase();
    let branch = (shape.known || shape.ending) && next == "region";
    if !branch
        && matches!(
            next.trim_end_matches(['.', ',']),
            "kommun" | "kommuner" | "kommunerna" | "kommuns" | "region" | "regioner" | "regionerna"
        )
    {
        return Some(Against::PublicBody);
    }
    // the first half of a hyphen coordination ("Vård- och omsorgsnämnden"):
    // a fragment, public when the whole is
    if let Some(rest) = after
        .strip_prefix("- och ")
        .or_else(|| after.strip_prefix("- eller "))
    {
        let head = rest.split([' ', ',', '.']).next().unwrap_or("");
        return Some(if lexicon::is_public_word(head) {
            Against::PublicBody
        } else {
            Against::CommonWord
        });
    }
    if party::is_place(name) {
        return Some(Against::Place);
    }
    if HELPER_BEFORE.is_match(before) {
        return Some(Against::Helper);
    }
    if lexicon::is_agreement_word(last) || lexicon::is_document_word(last) {
        return Some(Against::Document);
    }
    let strong_org = shape.ending || shape.head || shape.known || shape.club;
    // the last word that is not a number: "Kvarngatan 20" is an address
    let last_word = words
        .iter()
        .rev()
        .find(|w| !w.number())
        .map_or(last, |w| w.text);
    // a building is where something happens ("i Stadshuset", "på Norrby
    // Ice Arena"); in a partner's place ("avtal med Folkets hus i Ås") the
    // name may be the organisation that runs it
    let locative = before.trim_end().rsplit(' ').next().is_some_and(|w| {
        matches!(
            lower(w).as_ref(),
            "i" | "på" | "vid" | "från" | "utanför" | "inne" | "kring" | "runt" | "mot" | "nära"
        )
    });
    // what a named organisation runs: "Fritidsbanken i Ås drivs av
    // föreningen Ås Friluftsliv", "Ås IF driver fritidsbanken i Ås" (a
    // common noun after the verb)
    let run_object = before.trim_end().rsplit(' ').next().is_some_and(|w| {
        matches!(
            lower(w).as_ref(),
            "driver" | "driva" | "drev" | "bedriver" | "bedriva" | "sköter" | "sköta"
        )
    });
    // (a capitalised name there may be the subject after the verb: "På
    // uppdrag av staden driver Stockholms Stadsmission ett boende")
    if run_object && name.starts_with(char::is_lowercase) {
        return Some(Against::Operated);
    }
    // what is run or kept after the noun of running: "driften av
    // Litsbadet", "skötseln av Ekvallen"
    if RUNNING_OF.is_match(before) {
        return Some(Against::Operated);
    }
    let next_word = after.trim_start();
    if (next_word.starts_with("dr")
        || next_word.starts_with("bedr")
        || next_word.starts_with("sköt"))
        && RUN_BY.is_match(after)
    {
        return Some(Against::Operated);
    }
    if lexicon::is_venue_word(last_word) && !strong_org && (locative || !partner_slot) {
        return Some(Against::Venue);
    }
    // a building with its place ("Simhallen i Hammarstrand", "Fritidsgården
    // i Örbyhus") is a building wherever it stands, save right after "med"
    // or "mellan"
    if shape.placed
        && !strong_org
        && !matches!(slot, Slot::With | Slot::Between)
        && lexicon::is_venue_word(words[words.len() - 3].text)
    {
        return Some(Against::Venue);
    }
    // the parties of "avtalet mellan Norrby kommun och X" are what the
    // agreement binds: a name's look makes no person there, only a title
    // before it or party letters after it
    if slot == Slot::Between {
        if !strong_org && titled_person(words, before, after) {
            return Some(Against::Person);
        }
    } else if (!strong_org && person(words, lowered, before, after, page)) || page.person(name) {
        return Some(Against::Person);
    }
    None
}

/// An organisation's regional branch: "BRIS Region Väst", "Röda Korset
/// region Syd": an organisation's name before "Region".
fn regional_branch(words: &[Word]) -> bool {
    let Some(k) = words
        .iter()
        .position(|w| lexicon::is_public_word(w.text))
        .filter(|&k| k > 0 && words[k].text.eq_ignore_ascii_case("region"))
    else {
        return false;
    };
    let org = &words[..k];
    let text = org.iter().map(|w| w.text).collect::<Vec<_>>().join(" ");
    (org.len() == 1 && org[0].acronym())
        || lexicon::is_known_org(&text)
        || org.iter().any(|w| lexicon::has_org_ending(w.text))
}

/// A kommun, region or landsting named in full ("Linköpings kommun",
/// "Region Skåne").
fn public_body(name: &str) -> bool {
    party::body_mentions(name)
        .iter()
        .any(|m| m.end - m.start + 2 >= name.len())
}

/// A name of two to four words with a title right before it or party
/// letters right after it ("kommunalrådet Anna Berg", "Per Ek (M)").
fn titled_person(words: &[Word], before: &str, after: &str) -> bool {
    if !(2..=4).contains(&words.len()) {
        return false;
    }
    if TITLE_BEFORE.is_match(before) {
        return true;
    }
    let a = after.trim_start();
    a.starts_with('(') && crate::extract::quote::names::party_after(a).is_some()
}

/// A person's name: a first name and one or two name words, a title right
/// before it, party letters right after it.
fn person(
    words: &[Word],
    lowered: &[Cow<str>],
    before: &str,
    after: &str,
    page: &PageNames,
) -> bool {
    if !(2..=4).contains(&words.len()) {
        return false;
    }
    if lowered
        .iter()
        .any(|w| CONNECTOR_WORDS.contains(&w.as_ref()))
    {
        return false;
    }
    let name_like = words.iter().all(|w| {
        // capitals only at the start of each part ("Anna-Lena", "Lund-Berg")
        w.capital()
            && !w.acronym()
            && w.text
                .split('-')
                .all(|part| part.chars().skip(1).all(|c| !c.is_uppercase()))
            || w.text.len() == 1
    });
    if !name_like {
        return false;
    }
    let first = words[0].text;
    if lexicon::is_first_name(first) {
        return true;
    }
    // "Annemie Svensson", "Tove Lindqvist": a Swedish surname ending
    let last = words[words.len() - 1].text.to_lowercase();
    if words.len() == 2
        && SURNAME_ENDINGS
            .iter()
            .any(|e| last.ends_with(e) && last.len() > e.len() + 1)
    {
        return true;
    }
    if titled_person(words, before, after) {
        return true;
    }
    // the last word is the surname of one of the page's people
    let last = words[words.len() - 1].text;
    page.people
        .iter()
        .any(|p| p.rsplit(' ').next() == Some(last) && p.split(' ').count() >= 2)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn accepted(s: &str) -> Vec<String> {
        candidates(s, &PageNames::default())
            .into_iter()
            .filter(Candidate::accepted)
            .map(|c| c.name)
            .collect()
    }

    #[test]
    fn what_is_run_or_kept_is_no_organisation() {
        for s in [
            "Hörby kommun har skrivit ett avtal om skötseln av Ekvallen.",
            "Föreningen tar över driften av Litsbadet.",
        ] {
            let c = candidates(s, &PageNames::default());
            let last = c.last().expect("a candidate");
            assert_eq!(last.against, Some(Against::Operated), "{s}");
        }
        // a short compound of a venue word is a venue: "Ekvallen", "Nyparken"
        assert!(lexicon::is_venue_word("Ekvallen"));
        assert!(lexicon::is_venue_word("Nyparken"));
        // a building with its place, as the subject of a headline
        let c = candidates(
            "Fritidsgården i Örbyhus får nytt partnerskap",
            &PageNames::default(),
        );
        assert_eq!(c[0].name, "Fritidsgården i Örbyhus");
        assert_eq!(c[0].against, Some(Against::Venue));
    }

    #[test]
    fn a_name_listed_among_organisations_is_one() {
        assert_eq!(
            accepted(
                "Det gäller PRO Vellinge, SPF Seniorerna Falsterbonäset och Röda Korsets Vellingekrets."
            ),
            [
                "PRO Vellinge",
                "SPF Seniorerna Falsterbonäset",
                "Röda Korsets Vellingekrets"
            ]
        );
        // one organisation among places makes none of them one
        assert_eq!(
            accepted("Det gäller Skanör, Falsterbo och Röda Korsets Vellingekrets."),
            ["Röda Korsets Vellingekrets"]
        );
    }

    #[test]
    fn names_in_partner_slots_without_a_known_ending() {
        assert_eq!(
            accepted("Regionen har tecknat en överenskommelse med Samforma."),
            ["Samforma"]
        );
        assert_eq!(
            accepted(
                "Överenskommelsen tecknades mellan Region Norrbotten, Länsstyrelsen i Norrbotten och Samforma."
            ),
            ["Samforma"]
        );
        assert_eq!(
            accepted("IOP-avtalet mellan Uppsala kommun och Gränby Hjärta förlängs."),
            ["Gränby Hjärta"]
        );
        assert_eq!(
            accepted("Kommunen har avtal med Leap for Life, Connect Väst och TEK Kompetens."),
            ["Leap for Life", "Connect Väst", "TEK Kompetens"]
        );
        assert_eq!(
            accepted(
                "Östersunds kommun och den nationella stiftelsen Nattvandring.nu har ingått ett IOP."
            ),
            ["Nattvandring.nu"]
        );
    }

    #[test]
    fn a_dateline_in_capitals_is_no_part_of_the_name_after_it() {
        assert_eq!(
            accepted("KALMAR Kvinnojouren Kalmar har tecknat ett IOP med kommunen."),
            ["Kvinnojouren Kalmar"]
        );
        // an acronym that is no place stays
        assert_eq!(
            accepted("Kommunen har tecknat ett IOP med RFSU Kalmar."),
            ["RFSU Kalmar"]
        );
    }

    #[test]
    fn club_letters_and_a_countys_genitive_inside_names() {
        // "FK" beside a place is a club; alone it is Försäkringskassan
        assert_eq!(
            accepted("Klubben Selånger FK ordnar spontanidrott."),
            ["Selånger FK"]
        );
        assert_eq!(
            accepted("Kommunen har tecknat ett IOP med Västernorrlands läns Bildningsförbund."),
            ["Västernorrlands läns Bildningsförbund"]
        );
        assert_eq!(
            accepted("Avtalet med Jämtlands läns bildningsförbund gäller i tre år."),
            ["Jämtlands läns bildningsförbund"]
        );
    }

    #[test]
    fn places_closed_by_their_kind_are_public_bodies() {
        assert_eq!(
            accepted(
                "Norrtälje kommun tillsammans med Östhammar och Älvkarleby kommuner har tecknat ett IOP-avtal med Föreningen Gemenskap."
            ),
            ["Föreningen Gemenskap"]
        );
    }

    #[test]
    fn a_round_number_is_no_name() {
        assert!(
            accepted(
                "En överenskommelse mellan Region Östergötland och ett 40-tal idéburna organisationer."
            )
            .is_empty()
        );
        assert_eq!(
            accepted("Kommunen har tecknat avtal med 4H i Malmö."),
            ["4H i Malmö"]
        );
    }

    #[test]
    fn names_by_their_own_shape() {
        assert_eq!(
            accepted("Bollstanäs scoutkår får ett eget arrende."),
            ["Bollstanäs scoutkår"]
        );
        assert_eq!(
            accepted("Fanna BK och Södra Trögds IK"),
            ["Fanna BK", "Södra Trögds IK"]
        );
        assert_eq!(
            accepted(
                "Region Gotland och Gotländska utvecklingsbolag i samverkan (GUBIS) har stärkt sitt samarbete."
            ),
            ["Gotländska utvecklingsbolag i samverkan"]
        );
        assert_eq!(
            accepted("Socialnämnden har en överenskommelse med Hela människan om härbärge."),
            ["Hela människan"]
        );
    }

    #[test]
    fn names_with_a_cause_or_an_opening_word() {
        // a capitalised hyphen coordination is one name
        assert_eq!(
            accepted("Kommunen har ett IOP med Autism- och Aspergerföreningen i Uppsala."),
            ["Autism- och Aspergerföreningen i Uppsala"]
        );
        // a parish of the church by its place
        assert_eq!(
            accepted("Kommunen tecknar avtal med Uppsala pastorat om mötesplatsen."),
            ["Uppsala pastorat"]
        );
        assert_eq!(
            accepted("Kommunen har ett IOP med Riksförbundet för hjärt- och lungsjuka i Uppsala."),
            ["Riksförbundet för hjärt- och lungsjuka i Uppsala"]
        );
        assert_eq!(
            accepted("Kommunen har ett IOP med Föreningen för Gränbys utveckling."),
            ["Föreningen för Gränbys utveckling"]
        );
        assert_eq!(
            accepted("Kommunen har ett IOP med Stiftelsen för strategisk forskning om bidrag."),
            ["Stiftelsen för strategisk forskning"]
        );
        assert_eq!(
            accepted("Kommunen har en överenskommelse med Hela Människan Uppsala."),
            ["Hela Människan Uppsala"]
        );
        // at the sentence's start too when the whole is a known name
        assert_eq!(
            accepted("Hela Människan Uppsala har tecknat ett IOP med kommunen."),
            ["Hela Människan Uppsala"]
        );
        assert_eq!(
            accepted("Alla Gränby IF:s lag har tecknat ett IOP med kommunen."),
            ["Gränby IF"]
        );
    }

    #[test]
    fn partner_slots_of_social_enterprises_and_inverted_subjects() {
        // "det sociala företaget X": an idéburet företag in a partner's place
        assert_eq!(
            accepted("Norrby stad tecknar ett IOP med det sociala företaget Guldkanten."),
            ["Guldkanten"]
        );
        // a subject after its verb when a phrase opens the sentence
        assert_eq!(
            accepted("Efter beslut i nämnden får Hemgården ett treårigt avtal med Norrby kommun."),
            ["Hemgården"]
        );
        // the same name in no partner's place is a building
        assert!(accepted("Efter beslut i nämnden får Hemgården nya fönster.").is_empty());
        // a common word that opens the sentence, placed, is no name
        assert!(accepted("Unga i Kalix får vuxna mentorer genom nytt partnerskap").is_empty());
        assert_eq!(
            accepted("Fryshuset i Kalix får ett nytt partnerskap"),
            ["Fryshuset i Kalix"]
        );
    }

    #[test]
    fn partner_slots_around_the_agreement_noun() {
        // the genitive that holds the agreement
        assert_eq!(
            accepted("Hela Människans avtal med Norrby kommun förlängs i tre år."),
            ["Hela Människan"]
        );
        assert_eq!(
            accepted("Grannstöd Norrs nya avtal med kommunen gäller från 1 januari."),
            ["Grannstöd Norr"]
        );
        // the subject after a verb when the agreement opens the sentence
        assert_eq!(
            accepted("Genom avtalet får Mötesplatsen Norr ekonomiskt stöd från kommunen."),
            ["Mötesplatsen Norr"]
        );
        // an infinitive after "ska"
        assert_eq!(
            accepted("Överenskommelsen innebär att Grannstöd Norr ska ansvara för stödet."),
            ["Grannstöd Norr"]
        );
        assert_eq!(
            accepted("Kommunen har tecknat avtal med samarbetspartnern Grannstöd om trygghet."),
            ["Grannstöd"]
        );
        // a genitive before anything else is no slot
        assert!(accepted("Grannstöd Norrs lokaler ligger i centrum.").is_empty());
    }

    #[test]
    fn an_organisations_regional_branch_is_no_public_body() {
        assert_eq!(
            accepted("Kommunen förlänger samarbetet med BRIS Region Väst genom ett nytt IOP."),
            ["BRIS Region Väst"]
        );
        assert_eq!(
            accepted("Kommunen har tecknat ett IOP med Röda Korset region Syd."),
            ["Röda Korset"]
        );
        assert_eq!(
            accepted("Kommunen har tecknat ett IOP med Friluftsfrämjandet Region Stockholm."),
            ["Friluftsfrämjandet Region Stockholm"]
        );
        // a region is still a public body, and so are kommuner named together
        assert!(accepted("Kommunen har tecknat ett avtal med Region Skåne.").is_empty());
        assert_eq!(
            accepted(
                "Kommunerna Sunne, Torsby och Hagfors har tecknat en överenskommelse med Kvinnojouren Frida."
            ),
            ["Kvinnojouren Frida"]
        );
    }

    #[test]
    fn the_agent_of_a_running_verb_is_the_organisation_and_what_it_runs_is_not() {
        let c = candidates(
            "Fritidsbanken i Norrby drivs sedan 2019 av föreningen Norrby Friluftsliv genom ett avtal med kommunen.",
            &PageNames::default(),
        );
        let run = c
            .iter()
            .find(|c| c.name == "Fritidsbanken i Norrby")
            .expect("found");
        assert_eq!(run.against, Some(Against::Operated));
        let agent = c
            .iter()
            .find(|c| c.name == "Norrby Friluftsliv")
            .expect("found");
        assert_eq!(agent.slot, Slot::Subject);
        assert!(agent.accepted());
        // an agent that is no name leaves the subject alone
        let c = candidates(
            "Föreningen Norrby Friluftsliv drivs av ideella krafter.",
            &PageNames::default(),
        );
        assert_eq!(c[0].against, None);
    }

    #[test]
    fn a_name_again_opens_a_second_name_and_a_cleft_has_a_subject() {
        assert_eq!(
            accepted("Kommunen har tecknat var sitt IOP med Gränby Hjärta och Gränby IF."),
            ["Gränby Hjärta", "Gränby IF"]
        );
        let c = candidates(
            "Det är föreningen Gränby Hjärta som har fått uppdraget att driva mötesplatsen.",
            &PageNames::default(),
        );
        let c = c.iter().find(|c| c.name == "Gränby Hjärta").expect("found");
        assert_eq!(c.slot, Slot::Subject);
    }

    #[test]
    fn a_date_glued_before_a_sentence_is_no_part_of_a_name() {
        assert_eq!(
            accepted("2019-04 När Leksands IF tagit klivet upp till SHL jublar föreningen."),
            ["Leksands IF"]
        );
        assert_eq!(
            accepted("2018-02 Laholm Hos Röda Korset är glädjen stor."),
            ["Röda Korset"]
        );
        assert_eq!(
            accepted("Kommunen har tecknat ett IOP med 4H Tierp."),
            ["4H Tierp"]
        );
        assert_eq!(
            accepted("Kommunen har tecknat ett IOP med Hyresgästföreningen Region Mitt."),
            ["Hyresgästföreningen Region Mitt"]
        );
    }

    #[test]
    fn a_subject_coordinated_with_the_public_body_behind_an_organisation_noun() {
        let c = candidates(
            "Tierps kommun och föreningen Bergsgården har tecknat en överenskommelse om idéburet offentligt partnerskap.",
            &PageNames::default(),
        );
        let c = c.iter().find(|c| c.name == "Bergsgården").expect("found");
        assert_eq!(c.slot, Slot::Subject);
        assert!(c.accepted());
        assert_eq!(
            without_org_noun("Kommunen och föreningen "),
            "Kommunen och "
        );
        assert_eq!(without_org_noun("Kommunen och "), "Kommunen och ");
    }

    #[test]
    fn the_subject_of_a_relative_clause_that_makes_the_agreement() {
        let slot = |s: &str, name: &str| {
            candidates(s, &PageNames::default())
                .into_iter()
                .find(|c| c.name == name)
                .map(|c| c.slot)
        };
        assert_eq!(
            slot(
                "Många frivilliga stöttar föreningen Gemenskap som har tecknat IOP med Tranås kommun.",
                "Gemenskap"
            ),
            Some(Slot::Subject)
        );
        assert_eq!(
            slot(
                "Caféet drivs av Gemenskap som sedan 2022 har ett avtal med kommunen.",
                "Gemenskap"
            ),
            Some(Slot::Subject)
        );
        // what the organisation does is no agreement it makes
        assert_ne!(
            slot(
                "Besökarna möter Gemenskap som driver caféet i parken.",
                "Gemenskap"
            ),
            Some(Slot::Subject)
        );
    }

    #[test]
    fn a_name_signing_beside_the_public_body_is_on_its_side() {
        assert_eq!(
            accepted(
                "Norrtälje kommun och Norrtälje Ice Arena har tecknat ett nytt avtal med Norrtälje HC om istider."
            ),
            ["Norrtälje HC"]
        );
        // with nobody after "med", the one joined to the kommun is the partner
        assert_eq!(
            accepted("Norrtälje kommun och Roslagsgården har tecknat ett nytt avtal om istider."),
            ["Roslagsgården"]
        );
        // an organisation by its shape is a party of its own
        assert_eq!(
            accepted(
                "Norrtälje kommun och Kvinnojouren Frideborg har tecknat ett avtal med Tjejjouren Ronja."
            ),
            ["Kvinnojouren Frideborg", "Tjejjouren Ronja"]
        );
    }

    #[test]
    fn the_second_of_two_inverted_subjects_signs_too() {
        assert_eq!(
            accepted("I dag skrev Ale kommun och NSBF under ett treårigt avtal om läxhjälp."),
            ["NSBF"]
        );
        assert_eq!(
            accepted("Efter beslutet tecknar Ale kommun och Surte BK ett nytt avtal."),
            ["Surte BK"]
        );
        // a fronted phrase with no agreement after it signs nothing
        let slot = candidates(
            "I dag besökte Ale kommun och NSBF en skola i Nödinge.",
            &PageNames::default(),
        )
        .into_iter()
        .find(|c| c.name == "NSBF")
        .map(|c| c.slot);
        assert_eq!(slot, Some(Slot::Free));
    }

    #[test]
    fn quoted_web_and_lower_case_names_in_a_partners_place() {
        assert_eq!(
            accepted("Kommunen har tecknat ett IOP med föreningen ”Barn i nöd” om stöd."),
            ["Barn i nöd"]
        );
        assert_eq!(
            accepted("Kommunen har tecknat ett IOP med föreningen \"Hjälpande händer\"."),
            ["Hjälpande händer"]
        );
        assert_eq!(
            accepted("Kommunen har tecknat ett IOP-avtal med nattvandring.nu."),
            ["nattvandring.nu"]
        );
        assert_eq!(
            accepted("Kommunen har tecknat IOP med Föreningen Gemenskap och nattvandring.nu."),
            ["Föreningen Gemenskap", "nattvandring.nu"]
        );
        // a web address elsewhere is no partner
        assert!(accepted("Läs mer på borlange.se om avtalet.").is_empty());
        assert_eq!(
            accepted("Kommunen har tecknat ett avtal med Pensionärernas riksorganisation."),
            ["Pensionärernas riksorganisation"]
        );
        assert_eq!(
            accepted("Kommunen har tecknat ett avtal med Islamiska förbundet."),
            ["Islamiska förbundet"]
        );
        assert!(accepted("Även förbundet har tecknat ett avtal med kommunen.").is_empty());
    }

    #[test]
    fn a_party_of_an_agreement_between_is_no_person_by_its_look() {
        let page = PageNames {
            people: vec!["Linnea Berg".into()],
        };
        let of = |s: &str| -> Vec<(String, Option<Against>)> {
            candidates(s, &page)
                .into_iter()
                .filter(|c| c.slot == Slot::Between)
                .map(|c| (c.name, c.against))
                .collect()
        };
        assert_eq!(
            of("Avtalet mellan Norrköpings kommun och Linnea Berg gäller i tre år."),
            [
                ("Norrköpings".to_string(), Some(Against::PublicBody)),
                ("Linnea Berg".to_string(), None)
            ]
        );
        // party letters after the name still make a person
        assert_eq!(
            of("Avtalet mellan Norrköpings kommun och Linnea Berg (S) gäller i tre år."),
            [
                ("Norrköpings".to_string(), Some(Against::PublicBody)),
                ("Linnea Berg".to_string(), Some(Against::Person))
            ]
        );
        // outside the parties' list the page's person stays a person
        assert_eq!(
            candidates("Avtalet tecknades med Linnea Berg.", &page)[0].against,
            Some(Against::Person)
        );
    }

    #[test]
    fn a_building_in_a_weak_slot_is_no_partner() {
        let page = PageNames::default();
        let of = |s: &str| {
            candidates(s, &page)
                .into_iter()
                .map(|mut c| {
                    c.last_resort = true;
                    (c.name.clone(), c.accepted())
                })
                .collect::<Vec<_>>()
        };
        assert_eq!(
            of(
                "Kommunen har tecknat ett avtal med hembygdsföreningen om skötseln av Gamla gården."
            ),
            [("Gamla gården".to_string(), false)]
        );
        // the agent that runs it is one
        assert!(
            of("Gamla gården drivs sedan 2019 av Folkets hus i Ås.")
                .iter()
                .any(|(n, ok)| n == "Folkets hus i Ås" && *ok)
        );
    }

    #[test]
    fn a_double_first_name_makes_a_person() {
        assert!(
            accepted("Kommunen har tecknat ett IOP med Anna-Lena Lindqvist om stöd.").is_empty()
        );
        assert_eq!(
            accepted("Kommunen har tecknat ett IOP med Kvinnojouren Anna-Lena om stöd."),
            ["Kvinnojouren Anna-Lena"]
        );
    }

    #[test]
    fn a_known_name_after_och_leaves_the_name_before_it() {
        assert_eq!(
            accepted(
                "Kommunen har tecknat IOP med Föreningen Gemenskap och Hela människan i Borlänge."
            ),
            ["Föreningen Gemenskap", "Hela människan"]
        );
        assert_eq!(
            accepted("Kommunen har tecknat IOP med Fryshuset Borlänge och Unga örnar Dalarna."),
            ["Fryshuset Borlänge", "Unga örnar Dalarna"]
        );
        // a branch's place right after a known name with lower-case words
        assert_eq!(
            accepted("Kommunen har tecknat IOP med Hela Sverige ska leva Östergötland."),
            ["Hela Sverige ska leva Östergötland"]
        );
        // a known name coordinated with another inside one run of capitals
        assert_eq!(
            accepted("Kommunen har tecknat IOP med Hela Människan och Röda Korset."),
            ["Hela Människan", "Röda Korset"]
        );
    }

    #[test]
    fn a_local_branch_in_the_genitive_is_one_name() {
        assert_eq!(
            accepted("Kommunen har tecknat avtal med Röda Korsets krets i Tranås."),
            ["Röda Korsets krets i Tranås"]
        );
        assert_eq!(
            accepted("Kommunen har tecknat IOP med Rädda Barnens lokalavdelning i Gävle."),
            ["Rädda Barnens lokalavdelning i Gävle"]
        );
    }

    #[test]
    fn a_name_ending_in_s_before_the_agreements_verb_keeps_it() {
        assert_eq!(
            accepted("Avtalet mellan Kiruna kommun och Kvinnojouren Iris gäller i tre år."),
            ["Kvinnojouren Iris"]
        );
        // before a noun it is a genitive
        assert_eq!(
            accepted(
                "Avtalet mellan Kiruna kommun och Kvinnojouren Frejas verksamhet gäller i tre år."
            ),
            ["Kvinnojouren Freja"]
        );
    }

    #[test]
    fn evidence_against_a_name() {
        assert!(accepted("Avtalet skrevs under i Stadshuset med Anna Berg.").is_empty());
        assert!(
            accepted("Föreningen har ett avtal om verksamheten på Norrby Ice Arena.").is_empty()
        );
        // in a partner's place the house may be the organisation that runs it
        assert_eq!(
            accepted("Kommunen har tecknat ett IOP med Bygdegården Ås Sporthall."),
            ["Bygdegården Ås Sporthall"]
        );
        assert!(accepted("Lokalen på Kvarngatan 20 hyrs ut av kommunen.").is_empty());
        assert!(accepted("Avtalet tecknas med Kultur och fritid.").is_empty());
        assert!(accepted("Avtalet tecknas med Vård & Omsorg.").is_empty());
        assert!(accepted("Upphandlingen följer LOU.").is_empty());
        assert!(accepted("ett avtal med Linköpings kommun och Region Skåne").is_empty());
        assert!(accepted("ett avtal med Xxx Xxxxxxx om stöd").is_empty());
        assert!(accepted("ett avtal med Edsbyns Bandy AB").is_empty());
        assert!(accepted("avtal med Socialtjänst Norrby").is_empty());
        assert!(
            accepted("säger ordförande Jan Kihl som har tecknat avtalet med kommunen").is_empty()
        );
    }

    #[test]
    fn tidy_drops_sentence_words_and_years() {
        assert_eq!(
            accepted("Utöver Brottsofferjouren har kommunen avtal med Yalla Trappan 2016."),
            ["Brottsofferjouren", "Yalla Trappan"]
        );
    }

    #[test]
    fn names_the_earlier_recogniser_found_are_still_found() {
        let found = |s: &str| -> Vec<String> {
            candidates(s, &PageNames::default())
                .into_iter()
                .filter(|c| c.against.is_none() && (c.shape.strong() || c.accepted()))
                .map(|c| c.name)
                .collect()
        };
        assert_eq!(
            found("avtalet med Stiftelsen Fryshuset förlängs"),
            ["Stiftelsen Fryshuset"]
        );
        assert_eq!(
            found("Avtal med Brottsofferjouren i Linköping."),
            ["Brottsofferjouren i Linköping"]
        );
        assert_eq!(
            found("Kvinnojouren Söderslätt och Fontänhuset"),
            ["Kvinnojouren Söderslätt", "Fontänhuset"]
        );
        assert_eq!(
            found("stöd till Eskilstuna Stadsmission"),
            ["Eskilstuna Stadsmission"]
        );
        assert_eq!(
            found("med Värmlands Idrottsförbund"),
            ["Värmlands Idrottsförbund"]
        );
        assert_eq!(
            found("IFK Uddevalla och Leksands IF"),
            ["IFK Uddevalla", "Leksands IF"]
        );
        assert_eq!(found("tillsammans med Röda Korset"), ["Röda Korset"]);
        // a genitive before the agreement it owns
        assert_eq!(
            found("Kvinnojouren Frejas IOP med Tierps kommun förlängs."),
            ["Kvinnojouren Freja"]
        );
        // a word that opens sentences opens a quoted name too
        assert_eq!(
            found("Avtalet tecknas med föreningen ”Tillsammans för Tierp”."),
            ["Tillsammans för Tierp"]
        );
        assert!(found("avtal med 650 000 kronor").is_empty());
        assert!(found("IOP med Vård- och omsorgsnämnden").is_empty());
        assert!(found("Linköpings kommun och socialnämnden").is_empty());
        assert!(found("Edsbyns Bandy AB").is_empty());
        assert_eq!(
            found("Kommunen har tecknat avtal med Konstkollektivet om lokaler."),
            ["Konstkollektivet"]
        );
        assert_eq!(found("IOP med Kultur 1740 och kommunen"), ["Kultur 1740"]);
    }
}
