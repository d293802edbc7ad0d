//! The page as lines: the title, then every sentence, each with the block it
//! stands in (heading, paragraph, list item) and what it says once read:
//! whether it names an agreement, is hedged, is concrete (a definite
//! agreement noun or an agreement verb), speaks of the organisation without
//! naming it, and its organisation candidates. Every later stage reads these
//! features instead of matching the sentence again. Pure.

use std::sync::LazyLock;

use crate::extract::content::{BlockKind, Document};
use crate::extract::lexicon;
use crate::extract::orgs::{self, Candidate, PageNames};
use crate::extract::pattern::Pattern;
use crate::extract::text::{Sentence, lower};

/// One sentence of the page (the title counts as the first).
#[derive(Debug, Clone)]
pub struct Line<'a> {
    pub text: &'a str,
    /// The block it stands in; the title is a block of its own (`TITLE`).
    pub block: usize,
    pub kind: BlockKind,
    /// Names an agreement (avtal, överenskommelse, partnerskap, IOP ...).
    pub strong: bool,
    /// A wish, plan, proposal or call.
    pub hedged: bool,
    /// Speaks of one concrete agreement: a definite agreement noun
    /// ("avtalet") or an agreement verb ("har tecknat", "gäller").
    pub concrete: bool,
    /// Speaks of the organisation without its name ("föreningen", "aktören").
    pub anaphor: bool,
    /// Speaks of a cooperation without an agreement noun ("samarbetar").
    pub cooperation: bool,
    /// An agreement stated by its verb alone ("tar över driften av",
    /// "har fått uppdraget att").
    pub deal: bool,
    /// Written in the first person plural ("vi", "vår förening").
    pub first_person: bool,
    /// A cell of a table row: the row is its block, a header row a heading,
    /// any other row an item.
    pub cell: bool,
    pub cands: Vec<Candidate>,
}

impl Line<'_> {
    /// The candidates that are partners by their shape or slot.
    pub fn partners(&self) -> impl Iterator<Item = &Candidate> {
        self.cands.iter().filter(|c| c.accepted())
    }

    /// Names an agreement and is not hedged.
    pub fn states_agreement(&self) -> bool {
        self.strong && !self.hedged
    }
}

/// The block index of the title.
pub const TITLE: usize = usize::MAX;

static CONCRETE: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(concat!(
        r"(?i)\b(?:\p{L}*avtalet|\p{L}*överenskommelsen|\p{L}*partnerskapet|\p{L}*kontraktet|IOP:n|\p{L}*arrendet|",
        r"tecknat|tecknar|tecknade|tecknades|ingått|ingår|ingick|ingicks|skrivit|skriver under|skrev under|skrev på|skriver på|skrevs under|skrevs på|",
        r"undertecknat|undertecknar|undertecknade|undertecknades|signerat|signerade|förlängt|förlänger|förlängs|",
        r"förlängdes|förnyat|förnyas|beslutat|beslutade|beslöt|godkänt|godkände|godkänts|klubbat|klubbade|",
        r"gäller|gällde|löper|löpte|har avtal|har ett avtal|sträcker sig)\b"
    ))
    .expect("valid regex")
});

static COOPERATION: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(r"(?i)\b(?:samarbete[nt]?|samarbetar|samverkan|samverkar|samarbetet|medfinansierar|samarbetspartner)\b")
        .expect("valid regex")
});

static DEAL: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(concat!(
        r"(?i)\b(?:ta[rg]?(?:it)? över driften|tog över driften|övertar driften|på uppdrag av|",
        r"(?:har |har nu |hade )?fått (?:i )?uppdrag(?:et)?|får (?:i )?uppdrag(?:et)?|fick (?:i )?uppdrag(?:et)?|",
        r"i samarbete med|startar tillsammans med|driver tillsammans med|upphandlat|upphandlade|",
        // "Kommunen och X driver tillsammans ett språkcafé", "Tillsammans
        // med X öppnar kommunen ...", "på kommunens uppdrag", "åt kommunen"
        // (the name between is any run of letters, spaces and hyphens: a
        // count such as {0,40} over a Unicode class makes the automaton too
        // big for the lazy DFA, and every line fell back to the slow PikeVM,
        // a third of the extractor's time)
        r"(?:driver|bedriver|startar|startade|öppnar|öppnade|driva|starta|öppna)\s+(?:nu\s+|även\s+|också\s+)?tillsammans|",
        r"tillsammans med \p{Lu}[\p{L}\- ]*?\s(?:driver|startar|startade|öppnar|öppnade)|",
        // "Från 1 maj tar Lindesbergs FF över driften": the subject after
        // the verb
        r"(?:tar|tog) \p{Lu}[\p{L}\- ]*?\söver driften|",
        r"på (?:kommunens|regionens|stadens|\p{L}*nämndens) uppdrag|åt (?:kommunen|regionen|staden)|",
        r"(?:gett|ger|gav|givit) \p{Lu}[\p{L} ]*?(?:i )?uppdrag(?:et)?|",
        r"(?:har |hade )?(?:kommit|kommer|kom) överens)\b"
    ))
    .expect("valid regex")
});

/// A task a public body gives by choosing its taker: "har tilldelat X
/// driften", "har valt X som utförare". Its words are looked for first: the
/// pattern is costly on every line.
static TASK: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(concat!(
        r"(?i)\b(?:(?:tilldelat|tilldelar|tilldelade) \p{Lu}[\p{L} ]{0,40}(?:driften|uppdraget)|",
        r"(?:valt|väljer|valde|anlitat|anlitar|anlitade) \p{Lu}[\p{L} ]{0,40}som (?:utförare|leverantör|driftsansvarig|huvudman))\b"
    ))
    .expect("valid regex")
});

/// An event held once: a meeting, course, race or celebration arranged
/// "i samarbete med" an organisation is no standing deal.
static EVENT: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(concat!(
        r"(?i)\b(?:arrangera\p{L}*|anordna\p{L}*|bjuder in|bjöd in|inbjud\p{L}*|hålls|hölls|håller i|välkomna\p{L}*|",
        r"\p{L}+möte[nt]?|\p{L}*föreläsning\p{L}*|\p{L}*konsert\p{L}*|\p{L}*festival\p{L}*|\p{L}*mässa[n]?|",
        r"loppet|\p{L}*kurs(?:en|er|erna)?|workshop\p{L}*|\p{L}*träff(?:en|ar)?|firande\p{L}*|\p{L}*utställning\p{L}*|",
        r"\p{L}*turnering\p{L}*|\p{L}*tävling\p{L}*|\p{L}*evenemang\p{L}*|\p{L}*seminari\p{L}*|\p{L}*läger|\p{L}*lägret|\p{L}*cupen|\p{L}*kampanj\p{L}*)\b"
    ))
    .expect("valid regex")
});

/// An event arranged "i samarbete med" an organisation, no other word of
/// cooperation beside it: no cooperation of the kind agreements are.
fn event_together(text: &str) -> bool {
    EVENT.is_match(text)
        && ONLY_TOGETHER.is_match(text)
        && COOPERATION
            .find_iter(text)
            .all(|m| m.as_str().eq_ignore_ascii_case("samarbete"))
}

/// "i samarbete med" and nothing else of a deal.
static ONLY_TOGETHER: LazyLock<Pattern> =
    LazyLock::new(|| Pattern::new(r"(?i)\bi samarbete med\b").expect("valid regex"));

/// A line that states a deal by its verb; an event arranged "i samarbete
/// med" an organisation ("Loppet arrangeras i samarbete med Tierps IF") is
/// none.
fn deal(text: &str) -> bool {
    let event_only = || {
        EVENT.is_match(text)
            && DEAL
                .find_iter(text)
                .all(|m| ONLY_TOGETHER.is_match(m.as_str()))
    };
    (DEAL.is_match(text) && !event_only())
        || (["tilldela", "valt ", "väljer ", "valde ", "anlita"]
            .iter()
            .any(|w| text.contains(w))
            && TASK.is_match(text))
}

static FIRST_PERSON: LazyLock<Pattern> =
    LazyLock::new(|| Pattern::new(r"(?i)\b(?:vi|oss|vår|vårt|våra)\b").expect("valid regex"));

/// Read every line of the page once.
pub fn read<'a>(doc: &'a Document, sentences: &'a [Sentence], page: &PageNames) -> Vec<Line<'a>> {
    let mut lines = Vec::with_capacity(sentences.len() + 1);
    if let Some(t) = doc.title.as_deref() {
        lines.push(line(t, TITLE, BlockKind::Heading, page));
    }
    for s in sentences {
        let kind = doc.kinds.get(s.para).copied().unwrap_or_default();
        match doc.rows.get(s.para).copied().flatten() {
            Some(row) => {
                let kind = match kind {
                    BlockKind::Heading => BlockKind::Heading,
                    _ => BlockKind::ListItem,
                };
                let mut l = line(&s.text, row, kind, page);
                l.cell = true;
                lines.push(l);
            }
            None => lines.push(line(&s.text, s.para, kind, page)),
        }
    }
    short_company_forms(&mut lines);
    operated_elsewhere(&mut lines);
    lines
}

/// What the page says another organisation runs ("Fritidsbanken i Ås drivs
/// av föreningen X") is no partner wherever the page names it ("Fritidsbanken
/// får längre avtal").
fn operated_elsewhere(lines: &mut [Line<'_>]) {
    spread(lines, orgs::Against::Operated, |known, name| {
        orgs::variants::same_org(known, name)
    });
}

/// A name the page also writes in full as a company ("SOS Alarm" and "SOS
/// Alarm Sverige AB") is that company wherever it stands.
fn short_company_forms(lines: &mut [Line<'_>]) {
    spread(lines, orgs::Against::Company, |full, name| {
        full.strip_prefix(name)
            .is_some_and(|rest| rest.starts_with(' '))
    });
}

/// What speaks against a name somewhere on the page speaks against each
/// other name `same` ties to it (the known name first).
fn spread(lines: &mut [Line<'_>], against: orgs::Against, same: impl Fn(&str, &str) -> bool) {
    let known: Vec<String> = lines
        .iter()
        .flat_map(|l| l.cands.iter())
        .filter(|c| c.against == Some(against))
        .map(|c| c.name.clone())
        .collect();
    if known.is_empty() {
        return;
    }
    for l in lines.iter_mut() {
        for c in l.cands.iter_mut().filter(|c| c.against.is_none()) {
            if known.iter().any(|k| same(k, &c.name)) {
                c.against = Some(against);
            }
        }
    }
}

fn line<'a>(text: &'a str, block: usize, kind: BlockKind, page: &PageNames) -> Line<'a> {
    let strong = lexicon::names_agreement(text);
    let anaphor = text
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| lexicon::is_org_anaphor(&lower(w)));
    Line {
        text,
        block,
        kind,
        strong,
        hedged: lexicon::hedged(text),
        concrete: CONCRETE.is_match(text),
        anaphor,
        cooperation: COOPERATION.is_match(text) && !event_together(text),
        deal: deal(text),
        first_person: FIRST_PERSON.is_match(text),
        cell: false,
        cands: orgs::candidates(text, page),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_short_form_of_a_company_is_the_company() {
        let page = PageNames::default();
        let mut lines = vec![
            line(
                "Förlängt avtal med SOS Alarm",
                TITLE,
                BlockKind::Heading,
                &page,
            ),
            line(
                "Regionen förlänger avtalet med SOS Alarm Sverige AB till 2019.",
                0,
                BlockKind::Paragraph,
                &page,
            ),
        ];
        assert_eq!(lines[0].partners().count(), 1);
        short_company_forms(&mut lines);
        assert_eq!(lines[0].partners().count(), 0);
    }

    #[test]
    fn what_another_organisation_runs_is_no_partner_anywhere_on_the_page() {
        let page = PageNames::default();
        let mut lines = vec![
            line(
                "Fritidsbanken får längre avtal",
                TITLE,
                BlockKind::Heading,
                &page,
            ),
            line(
                "Fritidsbanken i Sala drivs sedan 2019 av föreningen Sala Friluftsliv genom ett avtal med Sala kommun.",
                0,
                BlockKind::Paragraph,
                &page,
            ),
        ];
        assert_eq!(lines[0].partners().count(), 1);
        operated_elsewhere(&mut lines);
        assert_eq!(lines[0].partners().count(), 0);
        let names: Vec<&str> = lines[1].partners().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["Sala Friluftsliv"]);
    }

    #[test]
    fn features_read_once_per_line() {
        let page = PageNames::default();
        let l = line(
            "Avtalet med föreningen gäller i tre år.",
            0,
            BlockKind::Paragraph,
            &page,
        );
        assert!(l.strong && l.concrete && l.anaphor && !l.hedged);
        let l = line(
            "Föreningen Norrbygden tar över driften av badet på uppdrag av kommunen.",
            0,
            BlockKind::Paragraph,
            &page,
        );
        assert!(l.deal && !l.strong);
        assert_eq!(
            l.partners().map(|c| c.name.as_str()).collect::<Vec<_>>(),
            ["Föreningen Norrbygden"]
        );
        let l = line(
            "Vi samarbetar med kommunen.",
            0,
            BlockKind::Paragraph,
            &page,
        );
        assert!(l.cooperation && l.first_person);
        assert!(COOPERATION.is_match("ett samarbete"));
        assert!(DEAL.is_match("har fått uppdraget att driva"));
    }

    #[test]
    fn an_event_held_together_is_no_deal() {
        for s in [
            "Loppet arrangeras i samarbete med Tierps IF.",
            "I höstas genomfördes en fotbollsturnering i samarbete med Örbyhus IF.",
            "Sommarlägret hålls i samarbete med Scouterna.",
        ] {
            assert!(!deal(s) && event_together(s), "{s}");
        }
        assert!(deal("Gården drivs i samarbete med Örbyhus IF."));
    }
}
