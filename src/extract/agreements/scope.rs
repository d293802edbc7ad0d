//! Which organisations each agreement statement is about, read from the
//! document's structure rather than the single sentence:
//! - the sentence itself names them ("avtal med Föreningen X");
//! - a concrete agreement sentence that names none ("Avtalet gäller i tre
//!   år", "tecknar en överenskommelse med aktören") takes them from its
//!   neighbours: the sentences before it in its paragraph, the next one,
//!   the paragraphs just before (never past a heading), the heading above
//!   it, the title;
//! - a list under a lead that speaks of agreements ("Aktuella partnerskap",
//!   "Avtal har tecknats med följande föreningar:") gives one agreement per
//!   item that opens with an organisation's name, each with its own lines;
//! - a cooperation without an agreement noun ("samarbetar med") or an
//!   agreement stated by its verb ("tar över driften") gives a weak or a
//!   full statement.
//!
//! Pure; reads the `lines`.

use std::sync::LazyLock;

use super::lines::{Line, TITLE};
use crate::extract::content::BlockKind;
use crate::extract::orgs::{Against, Candidate};
use crate::extract::pattern::Pattern;

/// How a statement found its organisations.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Via {
    /// Named in the agreement sentence.
    Own,
    /// Named in a neighbouring sentence, heading or title.
    Neighbour,
    /// An item of a list of agreements.
    List,
    /// A cooperation or agreement verb without an agreement noun.
    Verb,
}

/// One statement of an agreement with the organisations it is about.
#[derive(Debug, Clone)]
pub struct Statement {
    /// The line that states the agreement.
    pub line: usize,
    /// The line that names the organisations.
    pub names_line: usize,
    pub names: Vec<String>,
    /// Names an agreement (not only a cooperation).
    pub strong: bool,
    pub via: Via,
    /// The names share one agreement: one singular agreement noun with
    /// several partners and nothing that separates them.
    pub joint: bool,
    /// For list items: the lines of the item, which alone speak of it.
    pub own_lines: Vec<usize>,
}

impl Statement {
    /// A list item that names its organisations in its first line: the
    /// lines of `own` alone speak of it.
    fn item(line: usize, names: Vec<String>, joint: bool, own: std::ops::Range<usize>) -> Self {
        Statement {
            line,
            names_line: line,
            names,
            strong: true,
            via: Via::List,
            joint,
            own_lines: own.collect(),
        }
    }
}

/// Words that give each partner an agreement of its own.
static SEPARATE: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(concat!(
        r"(?i)\bbåde\b|\bsåväl\b|\butöver\b|\bförutom\b|\bliksom\b|\bi likhet med\b|\bvar(?:sitt| sitt| för sig|dera|je)\b|\bseparata\b|\begna\b|\brespektive\b|",
        r"\b(?:samt|och) med\b|\b(?:ett|en)\s+(?:annat|annan|eget|egen)\s+\p{L}*(?:avtal|överenskommelse|partnerskap|IOP)|\b(?:två|tre|fyra|fem|sex|sju|åtta|nio|tio|\d+) (?:nya )?(?:\p{L}*avtal|\p{L}*överenskommelser|IOP)|",
        r"\p{L}*överenskommelser\b|\p{L}*avtalen\b|\p{L}*partnerskapen\b|idéburna offentliga partnerskap\b|\bIOP:?er\b|\bIOP:n\b(?: med)|",
        // "med tre organisationer: A, B och C", "Två föreningar får IOP"
        r"\b(?:två|tre|fyra|fem|sex|sju|åtta|nio|tio|\d+)\s+(?:\p{L}+\s+)?\p{L}*(?:föreningar|organisationer|aktörer|klubbar)\b"
    ))
    .expect("valid regex")
});

/// "A och B har båda tecknat IOP": each organisation its own, unless the
/// line calls the agreement common.
static EACH_OWN: LazyLock<Pattern> =
    LazyLock::new(|| Pattern::new(r"(?i)\b(?:båda|bägge)\b").expect("valid regex"));

/// A sentence whose subject is several agreements: "Båda avtalen gäller
/// ...", "Överenskommelserna löper ...", "De tre partnerskapen".
static PLURAL_OPENING: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(r"(?i)^\s*(?:(?:de\s+)?(?:båda|bägge|två|tre|fyra|fem|nya)\s+)?\p{L}*(?:avtalen|överenskommelserna|partnerskapen)\b")
        .expect("valid regex")
});

/// "ett gemensamt avtal": one agreement that all sign.
static COMMON: LazyLock<Pattern> =
    LazyLock::new(|| Pattern::new(r"(?i)\bgemensam\w*").expect("valid regex"));

/// True when a line gives each organisation it names an agreement of its own.
fn separate(text: &str) -> bool {
    SEPARATE.is_match(text) || (EACH_OWN.is_match(text) && !COMMON.is_match(text))
}

/// A lead that opens a list of agreements: "Aktuella partnerskap",
/// "Våra IOP", "följande föreningar:".
static LIST_LEAD: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(r"(?i)\b(?:aktuella|pågående|nuvarande|våra|befintliga|tecknade|följande|avslutade|tidigare)\b.{0,60}\b(?:partnerskap|avtal|överenskommelser|IOP|samarbeten|föreningar|organisationer|aktörer|partner)|:\s*$")
        .expect("valid regex")
});

/// A table column of organisations ("Förening", "Organisation", "Aktör"):
/// under a page about agreements, each row is one.
static ORG_COLUMN: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(r"(?i)^\s*(?:förening(?:ar)?|organisation(?:er)?|aktör(?:er)?|partner|part|utförare|idéburen organisation|ideell förening)\s*$")
        .expect("valid regex")
});

/// A date or year in a line: a list item with its own period.
static DATED: LazyLock<Pattern> =
    LazyLock::new(|| Pattern::new(r"\b(?:19|20)\d\d\b").expect("valid regex"));

/// "Parter: A och B": a label listing an agreement's parties.
static PARTIES_LABEL: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(r"(?i)^\s*(?:parter|parterna|avtalsparter|samarbetsparter)\s*:")
        .expect("valid regex")
});

/// A cooperation the public body has decided, signed or started: an
/// agreement though no agreement noun is written.
static STARTED: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(r"(?i)\b(?:beslutat|beslutade|beslöt|inleder|inleds|inledde|inleddes|startar|startade|påbörjar|påbörjade|har ingått|ingick|tecknat|tecknade|skrivit under|undertecknat|formaliserar|formaliserat)\b")
        .expect("valid regex")
});

/// Every statement of an agreement on the page, in line order.
pub fn statements(lines: &[Line]) -> Vec<Statement> {
    let mut out = Vec::new();
    let listed = lists(lines);
    let page_strong = lines.iter().any(|l| l.states_agreement());
    for (i, l) in lines.iter().enumerate() {
        if l.hedged || listed.iter().any(|s| s.own_lines.contains(&i)) {
            continue;
        }
        let own: Vec<String> = l.partners().map(|c| c.name.clone()).collect();
        let label = page_strong && PARTIES_LABEL.is_match(l.text);
        let started = l.cooperation && STARTED.is_match(l.text);
        if l.strong || label || started {
            if !own.is_empty() && !public_group(l.text) && !reaction(l) {
                out.push(Statement {
                    line: i,
                    names_line: i,
                    joint: own.len() > 1
                        && (label || l.strong)
                        && !separate(l.text)
                        // "... överenskommelser med två föreningar. De som
                        // får IOP är A och B": the sentence before says it
                        && !(i > 0
                            && lines[i - 1].block == l.block
                            && lines[i - 1].partners().next().is_none()
                            && separate(lines[i - 1].text))
                        // "... avtal med A och B. Båda avtalen gäller ...":
                        // the sentence after opens with them
                        && !plural_after(lines, i)
                        && !compared(l),
                    names: own,
                    strong: true,
                    via: Via::Own,
                    own_lines: Vec::new(),
                });
            } else if (l.concrete || l.anaphor)
                && !generic(l.text)
                && let Some(j) = neighbour(lines, i)
                && !of_all_items(l, j, &listed)
            {
                out.push(from_neighbour(lines, i, j));
            }
        } else if l.deal
            && own.is_empty()
            && l.anaphor
            && let Some(j) = neighbour(lines, i)
            && !of_all_items(l, j, &listed)
        {
            // "Föreningen tar över driften av badet på uppdrag av kommunen":
            // the organisation is the one named nearest before
            out.push(from_neighbour(lines, i, j));
        } else if (l.cooperation || l.deal) && !own.is_empty() && !between_organisations(l) {
            // only names in a partner slot or with an organisation's shape
            let names: Vec<String> = l
                .partners()
                // or, on a page that names no organisation in a strong
                // place, one in a weak slot of a deal ("drivs från och med
                // 1 maj av Kafferepet på uppdrag av kommunen")
                .filter(|c| c.slot.strong() || c.shape.strong() || (l.deal && c.last_resort))
                .map(|c| c.name.clone())
                .collect();
            if !names.is_empty() {
                out.push(Statement {
                    line: i,
                    names_line: i,
                    names,
                    strong: l.deal,
                    via: Via::Verb,
                    joint: false,
                    own_lines: Vec::new(),
                });
            }
        }
    }
    out.extend(listed);
    out.sort_by_key(|s| (s.line, s.names_line));
    out
}

/// True when an agreement sentence speaks of agreements in general: its
/// public side is a group or anyone's kommun ("Många andra kvinnojourer har
/// avtal med sina kommuner", "136 kommuner har samverkansavtal", "Det
/// vanligaste är att man har ett avtal med sin kommun"). It states no
/// agreement of the organisation the page names nearby.
fn generic(text: &str) -> bool {
    static GENERIC: LazyLock<Pattern> = LazyLock::new(|| {
        Pattern::new(concat!(
            r"(?i)\b(?:sin kommun|sina kommuner|sin region|sina regioner|",
            r"(?:många|flera|fler|andra|rekordmånga|\d+) (?:av (?:landets|Sveriges) )?(?:kommuner|regioner)|",
            r"man har)\b"
        ))
        .expect("valid regex")
    });
    GENERIC.is_match(text)
}

/// True when a cooperation sentence opens with the organisation the page
/// speaks of, unnamed ("Jouren samarbetar också med Brottsofferjouren och
/// polisen"): a cooperation between organisations, not with the public body.
fn between_organisations(l: &Line) -> bool {
    !l.deal
        && l.text
            .split_whitespace()
            .next()
            .is_some_and(|w| crate::extract::lexicon::is_org_anaphor(&w.to_lowercase()))
}

/// True when the organisations a sentence names only react to the
/// agreement, none in a party's slot: "Även Tjejjouren Väst välkomnar
/// avtalet", "Föreningen X kritiserar beslutet".
fn reaction(l: &Line) -> bool {
    static REACTION: LazyLock<Pattern> = LazyLock::new(|| {
        Pattern::new(r"(?i)\b(?:välkomnar|välkomnade|kritiserar|kritiserade|ifrågasätter|ifrågasatte|hyllar|hyllade|berömmer|applåderar|gläds åt|glädjer sig åt|ser positivt på|är positiv till|är positiva till|är kritisk till|är kritiska till)\b")
            .expect("valid regex")
    });
    REACTION.is_match(l.text)
        && l.partners().all(|c| {
            !matches!(
                c.slot,
                crate::extract::orgs::Slot::With | crate::extract::orgs::Slot::Between
            )
        })
}

/// True when an agreement sentence's public side is a group of bodies
/// ("Enligt riksförbundet har allt fler jourer tecknat IOP med sina
/// kommuner", "136 kommuner har avtal med Röda Korset"): the organisations
/// it names are a source or an example, no partner of this page's body.
fn public_group(text: &str) -> bool {
    static GROUP: LazyLock<Pattern> = LazyLock::new(|| {
        Pattern::new(concat!(
            r"(?i)\b(?:sina kommuner|sina regioner|",
            r"(?:många|flera|fler|andra|rekordmånga|\d+) (?:av (?:landets|Sveriges) )?(?:kommuner|regioner))\b"
        ))
        .expect("valid regex")
    });
    GROUP.is_match(text)
}

/// True when a line in the plural ("Föreningarna redovisar ...",
/// "partnerskapen följs upp") follows a list item `j`: it speaks of every
/// item, not of the one named nearest.
fn of_all_items(l: &Line, j: usize, listed: &[Statement]) -> bool {
    static PLURAL: LazyLock<Pattern> = LazyLock::new(|| {
        Pattern::new(r"(?i)\b(?:föreningarna|organisationerna|aktörerna|klubbarna|parterna)\b")
            .expect("valid regex")
    });
    listed.iter().any(|s| s.own_lines.contains(&j))
        && (super::PLURAL_REF.is_match(l.text) || PLURAL.is_match(l.text))
}

/// The statement of line `i` whose organisations line `j` names.
fn from_neighbour(lines: &[Line], i: usize, j: usize) -> Statement {
    Statement {
        line: i,
        names_line: j,
        names: lines[j].partners().map(|c| c.name.clone()).collect(),
        strong: true,
        via: Via::Neighbour,
        joint: false,
        own_lines: Vec::new(),
    }
}

/// True when the next sentence about an agreement after line `i`, in its
/// paragraph or the next one and naming no organisation, opens with several
/// agreements: "... avtal med A och B. Båda avtalen gäller ...",
/// "... skötselavtal med A, B och C. (Föreningarna får ...) Avtalen gäller i
/// fem år".
fn plural_after(lines: &[Line], i: usize) -> bool {
    let block = lines[i].block;
    let mut blocks = 0;
    for l in &lines[i + 1..] {
        if l.block != block {
            blocks += 1;
            if blocks > 1 || l.kind != BlockKind::Paragraph {
                return false;
            }
        }
        if l.partners().next().is_some() {
            return false;
        }
        if l.strong {
            return PLURAL_OPENING.is_match(l.text);
        }
    }
    false
}

/// True when the partners of a line belong to different agreement nouns:
/// "Nuvarande IOP-avtal med A korrigeras så att ersättningen är densamma som
/// i överenskommelsen med B" compares two agreements, it joins none.
fn compared(l: &Line) -> bool {
    let nouns: Vec<usize> = crate::extract::lexicon::AGREEMENT_NOUN
        .find_iter(l.text)
        .map(|m| m.start())
        .collect();
    if nouns.len() < 2 {
        return false;
    }
    let mut owners: Vec<usize> = l
        .partners()
        .filter_map(|c| nouns.iter().rposition(|&n| n < c.range.start))
        .collect();
    owners.sort_unstable();
    owners.dedup();
    owners.len() > 1
}

/// The nearest line that names the organisations a concrete agreement
/// sentence speaks of: earlier in its paragraph, the next sentence of it,
/// up to two paragraphs back (not past a heading, the heading included),
/// the title. A sentence that speaks of the organisation without its name
/// ("Jouren har tidigare fått bidrag, men med avtalet ...") goes back to
/// the one named before it first, and only then forward. Where the nearest
/// named line states no agreement, a line further up under the same heading
/// that states one with its organisation is the referent.
fn neighbour(lines: &[Line], i: usize) -> Option<usize> {
    let block = lines[i].block;
    let named = |j: usize| lines[j].partners().next().is_some() && !lines[j].hedged;
    let mut j = i;
    while j > 0 && lines[j - 1].block == block {
        j -= 1;
        if named(j) {
            return Some(j);
        }
    }
    let next =
        (i + 1 < lines.len() && lines[i + 1].block == block && named(i + 1)).then_some(i + 1);
    if next.is_some() && !lines[i].anaphor {
        return next;
    }
    // "Det nya partnerskapet gäller ...": the line that states the new one,
    // past a nearer one about earlier agreements
    static NEW_ONE: LazyLock<Pattern> = LazyLock::new(|| {
        Pattern::new(r"(?i)\bny(?:tt|a)?\s+(?:\p{L}+\s+){0,3}?(?:\p{L}*avtal(?:et)?|\p{L}*överenskommelse(?:n)?|\p{L}*partnerskap(?:et)?|IOP)\b")
            .expect("valid regex")
    });
    if NEW_ONE.is_match(lines[i].text)
        && let Some(k) = (0..j)
            .rev()
            .find(|&k| named(k) && lines[k].states_agreement() && NEW_ONE.is_match(lines[k].text))
        && !lines[k + 1..i].iter().any(|l| l.kind == BlockKind::Heading)
    {
        return Some(k);
    }
    // earlier paragraphs: at most two, stopping at (and reading) a heading;
    // a line there that states an agreement with its organisations is the
    // one "avtalet" goes back to, before a nearer line that only names one
    // ("Modellen togs fram i samarbete med X")
    let mut blocks_back = 0;
    let mut k = j;
    let mut last_block = block;
    let mut nearest = None;
    while k > 0 {
        k -= 1;
        if lines[k].block != last_block {
            blocks_back += 1;
            last_block = lines[k].block;
            if blocks_back > 2 {
                break;
            }
        }
        if named(k) {
            if lines[k].strong {
                return Some(k);
            }
            nearest = nearest.or(Some(k));
        }
        if lines[k].kind == BlockKind::Heading {
            break;
        }
    }
    // "Partnerskapet gäller ..." under paragraphs that only name other
    // organisations goes back to the paragraph that stated the partnership,
    // further up under the same heading
    if nearest.is_some() {
        let mut k = k;
        loop {
            if named(k) && lines[k].states_agreement() {
                return Some(k);
            }
            if k == 0 || lines[k].kind == BlockKind::Heading {
                return nearest;
            }
            k -= 1;
        }
    }
    if next.is_some() {
        return next;
    }
    (lines.first().is_some_and(|t| t.block == TITLE) && named(0)).then_some(0)
}

/// The blocks of the page: (first line, one past the last line).
fn blocks(lines: &[Line]) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        match out.last_mut() {
            Some(b) if lines[b.0].block == l.block => b.1 = i + 1,
            _ => out.push((i, i + 1)),
        }
    }
    out
}

/// Lists of agreements: a lead (a heading or sentence that speaks of
/// agreements or ends in a colon) followed by blocks each opening with an
/// organisation's name; sub-headings between the items are allowed. Each
/// item gives one statement whose own lines are the item's.
fn lists(lines: &[Line]) -> Vec<Statement> {
    let bs = blocks(lines);
    let page_strong = lines.iter().any(|l| l.states_agreement());
    let mut out = Vec::new();
    let mut b = 0;
    while b < bs.len() {
        let (s, e) = bs[b];
        // the lead is the block's last line, or a heading's paragraph that
        // names the list ("har i dag följande partnerskap. Perioden ...")
        let leads = |l: &Line| LIST_LEAD.is_match(l.text) && (page_strong || l.strong);
        // or an agreement sentence that counts organisations it does not
        // name ("IOP med fyra föreningar"): the paragraphs after it that
        // open with an organisation's name are its items, at most that many
        let counted = lines[s..e]
            .iter()
            .filter(|l| l.states_agreement() && l.partners().next().is_none())
            .find_map(|l| counted_orgs(l.text));
        // or a heading that names agreements right above list items
        // ("Föreningar med IOP", "IOP-avtal inom socialtjänsten")
        let heading_lead = lines[s].kind == BlockKind::Heading
            && lines[s..e].iter().any(|l| l.states_agreement() && !l.cell)
            && bs.get(b + 1).is_some_and(|&(ns, ne)| {
                (lines[ns].kind == BlockKind::ListItem && !lines[ns].cell)
                    // or a heading that names an organisation, its section under it
                    || (lines[ns].kind == BlockKind::Heading
                        && ne - ns == 1
                        && entry_name(lines, ns, ne).is_some())
            });
        let lead = !lines[s..e].iter().any(|l| l.hedged)
            && (counted.is_some()
                || heading_lead
                || leads(&lines[e - 1])
                || (lines[s].kind == BlockKind::Paragraph
                    && e - s <= 3
                    && lines[s..e].iter().any(leads))
                // or a table's header row with a column about the
                // agreement ("Organisation | Avtalsperiod | Ersättning")
                || (header_row(&lines[s..e])
                    && page_strong
                    && lines[s..e]
                        .iter()
                        .any(|l| l.strong || ORG_COLUMN.is_match(l.text))));
        if !lead {
            b += 1;
            continue;
        }
        let mut items: Vec<Statement> = Vec::new();
        let mut c = b + 1;
        // a heading's list may open with one short paragraph that explains it
        let heading = lines[s].kind == BlockKind::Heading;
        let mut intro = heading;
        while c < bs.len() {
            let (cs, ce) = bs[c];
            // a table's header row above its first item
            if items.is_empty() && header_row(&lines[cs..ce]) {
                c += 1;
                continue;
            }
            if intro && items.is_empty() && entry_name(lines, cs, ce).is_none() {
                intro = false;
                let explains = lines[cs].kind == BlockKind::Paragraph
                    && ce - cs <= 3
                    && !lines[cs..ce].iter().any(|l| l.hedged);
                if explains {
                    c += 1;
                    continue;
                }
            }
            if counted.is_some_and(|n| items.len() >= n) {
                break;
            }
            let name = match counted {
                Some(_) => entry_name(lines, cs, ce).or_else(|| subject_name(lines, cs)),
                None => entry_name(lines, cs, ce),
            }
            .or_else(|| bare_heading_name(lines, cs, ce));
            // a list item whose activity two or more organisations run
            // together ("Läxhjälp tillsammans med Röda Korset Heby och
            // Studieförbundet Vuxenskolan, 60 000 kronor"): one joint entry
            if name.is_none()
                && let Some(names) = joint_item(&lines[cs])
            {
                items.push(Statement::item(cs, names, true, cs..ce));
                c += 1;
                continue;
            }
            // a paragraph broken into lines of which each opens with its
            // own organisation and goes on to say more ("Kvinnojouren
            // Frideborg: stödverksamhet, 400 000 kronor per år<br>Norrtälje
            // Stadsmission: ..."): one item per such line, the lines after
            // it its own (a table cell that is a name alone opens none)
            let starts: Vec<usize> = (cs..ce)
                .filter(|&k| lines[k].kind == BlockKind::ListItem)
                .filter(|&k| {
                    opening_name(lines, k, k + 1).is_some_and(|n| {
                        lines[k].text.trim().chars().count() > n.chars().count() + 3
                    })
                })
                .collect();
            if name.is_some() && starts.len() >= 2 && starts[0] == cs {
                for (n, &k) in starts.iter().enumerate() {
                    let end = starts.get(n + 1).copied().unwrap_or(ce);
                    let Some(name) = opening_name(lines, k, end) else {
                        continue;
                    };
                    items.push(Statement::item(k, vec![name], false, k..end));
                }
                c += 1;
                continue;
            }
            if let Some(name) = name {
                // a heading that is the organisation's name opens its
                // section: the blocks under it, up to the next heading, are
                // the item's ("Kvinnojouren Blenda" over "Avtalsperiod:
                // 2024–2026. Ersättning: ...")
                let (mut end, mut next) = (ce, c + 1);
                if lines[cs].kind == BlockKind::Heading && ce - cs == 1 {
                    while let Some(&(ns, ne)) = bs.get(next) {
                        if lines[ns].kind == BlockKind::Heading
                            || entry_name(lines, ns, ne).is_some()
                        {
                            break;
                        }
                        end = ne;
                        next += 1;
                    }
                }
                items.push(Statement::item(cs, vec![name], false, cs..end));
                c = next;
                continue;
            }
            // short sub-headings or labels between items (at most two)
            let short = |k: usize| {
                bs.get(k).is_some_and(|&(ks, ke)| {
                    ke - ks == 1 && lines[ks].text.chars().count() <= 80 && !lines[ks].strong
                })
            };
            let item_at = |k: usize| {
                bs.get(k)
                    .is_some_and(|&(ks, ke)| entry_name(lines, ks, ke).is_some())
            };
            if short(c) && (item_at(c + 1) || (short(c + 1) && item_at(c + 2))) {
                c += 1;
                continue;
            }
            break;
        }
        let list_items = items
            .iter()
            .filter(|s| lines[s.line].kind == BlockKind::ListItem)
            .count();
        // one item alone is a list when it is a list item under a strong
        // lead, or follows a list of the same page ("Avslutade partnerskap")
        let lone =
            items.len() == 1 && ((list_items == 1 && lines[e - 1].strong) || !out.is_empty());
        if items.len() >= 2 || lone {
            out.extend(items);
            b = c;
        } else {
            b += 1;
        }
    }
    out
}

/// The number of organisations a sentence counts: "med fyra föreningar",
/// "tre organisationer får IOP", "12 idéburna aktörer".
fn counted_orgs(text: &str) -> Option<usize> {
    static COUNTED: LazyLock<Pattern> = LazyLock::new(|| {
        Pattern::new(r"(?i)\b(två|tre|fyra|fem|sex|sju|åtta|nio|tio|elva|tolv|\d{1,2})\s+(?:\p{L}+\s+)?\p{L}*(?:föreningar|organisationer|aktörer|klubbar|stiftelser)\b")
            .expect("valid regex")
    });
    let c = COUNTED.captures(text)?;
    let n = &c[1];
    let words = [
        "två", "tre", "fyra", "fem", "sex", "sju", "åtta", "nio", "tio", "elva", "tolv",
    ];
    let lower = n.to_lowercase();
    words
        .iter()
        .position(|w| *w == lower)
        .map(|i| i + 2)
        .or_else(|| n.parse().ok())
        .filter(|&n| n >= 2)
}

/// The organisation a paragraph opens with as the subject of its first
/// sentence ("Kvinnojouren Tierp får 400 000 kronor per år ..."): an item
/// of a counted lead.
fn subject_name(lines: &[Line], s: usize) -> Option<String> {
    let first = &lines[s];
    if first.kind == BlockKind::Heading || first.hedged {
        return None;
    }
    let c = first.cands.first()?;
    (c.range.start <= 2 && c.accepted() && c.against.is_none()).then(|| c.name.clone())
}

/// True when a block is a table's header row: cells that are all headings.
fn header_row(block: &[Line]) -> bool {
    block.iter().all(|l| l.cell && l.kind == BlockKind::Heading) && !block.is_empty()
}

/// The organisation a list item opens with: a name at the very start,
/// followed by a dash, colon, comma, bracket or nothing, that nothing speaks
/// against, and that is an organisation by its shape, or stands in a list
/// item or beside a date.
/// The column headers of a table row: the header row nearest above the
/// row (`row` the row's cells, in order), when it has as many cells.
pub fn column_headers<'a>(lines: &[Line<'a>], row: &[usize]) -> Option<Vec<&'a str>> {
    let first = *row.first()?;
    if !row.iter().all(|&i| lines[i].cell) {
        return None;
    }
    let mut k = first;
    while k > 0 {
        k -= 1;
        if !lines[k].cell {
            return None;
        }
        if lines[k].kind == BlockKind::Heading {
            let block = lines[k].block;
            let mut s = k;
            while s > 0 && lines[s - 1].block == block {
                s -= 1;
            }
            let header: Vec<&str> = lines[s..=k].iter().map(|l| l.text).collect();
            return (header.len() == row.len()).then_some(header);
        }
    }
    None
}

/// The organisation an entry of a list names: an item's opening name, or
/// a heading that is the organisation's name over its section.
fn entry_name(lines: &[Line], s: usize, e: usize) -> Option<String> {
    item_name(lines, s, e).or_else(|| heading_name(lines, s, e))
}

/// A heading that is nothing but an organisation's name ("Kvinnojouren
/// Blenda", "Sala Fältrittklubb (IOP sedan 2023)"): the name of the section
/// under it.
fn heading_name(lines: &[Line], s: usize, e: usize) -> Option<String> {
    let first = &lines[s];
    if e - s != 1
        || first.kind != BlockKind::Heading
        || first.block == TITLE
        || first.text.chars().count() > 80
    {
        return None;
    }
    let c = first.cands.first()?;
    let rest = first.text[c.range.end..].trim_start();
    let alone = rest.is_empty() || rest.starts_with(['–', '-', '(', ',', ':', '—']);
    (c.range.start <= 2 && c.against.is_none() && c.accepted() && alone).then(|| c.name.clone())
}

/// A heading under a list's lead that is one capitalised name of two or
/// more words and nothing else ("Hofors Fritidsbank" over "Utlåning av
/// fritidsutrustning, 2024–2026"): the list's place makes it the item's
/// organisation though its words have no organisation's shape.
fn bare_heading_name(lines: &[Line], s: usize, e: usize) -> Option<String> {
    let first = &lines[s];
    if e - s != 1 || first.kind != BlockKind::Heading || first.block == TITLE || first.cell {
        return None;
    }
    let [c] = first.cands.as_slice() else {
        return None;
    };
    let whole = c.range.start == 0 && c.range.end == first.text.len();
    // every word a capital's: a description ("Mötesplatsen i Morgongåva",
    // "Föreningsdriven fritidsgård i Storvik") is no name
    let words: Vec<&str> = c.name.split(' ').collect();
    let capitals = words.iter().all(|w| w.starts_with(char::is_uppercase));
    (whole && c.against.is_none() && words.len() >= 2 && capitals).then(|| c.name.clone())
}

fn item_name(lines: &[Line], s: usize, e: usize) -> Option<String> {
    let first = &lines[s];
    if first.kind == BlockKind::Heading || first.text.chars().count() > 300 {
        return None;
    }
    opening_name(lines, s, e).or_else(|| inner_name(first))
}

/// The one organisation a list item names inside, when it opens with its
/// activity ("Läxhjälp och språkcafé – Röda Korset Tierp, 80 000 kronor",
/// "Fotbollsskola med Tierps IF"): a partner by shape or slot that nothing
/// speaks against, and no second one.
fn inner_name(first: &Line) -> Option<String> {
    if first.kind != BlockKind::ListItem || first.cell {
        return None;
    }
    let mut names = first
        .partners()
        .filter(|c| c.against.is_none())
        .map(|c| c.name.clone());
    let name = names.next()?;
    names.all(|n| n == name).then_some(name)
}

/// The organisations a list item names inside as one coordination ("...
/// tillsammans med Röda Korset Heby och Studieförbundet Vuxenskolan, 60 000
/// kronor"): two or more partners that nothing speaks against, with only
/// "och", "samt" or a comma between them.
fn joint_item(first: &Line) -> Option<Vec<String>> {
    if first.kind != BlockKind::ListItem || first.cell || first.hedged {
        return None;
    }
    let cands: Vec<&Candidate> = first.partners().collect();
    if cands.len() < 2 || cands.iter().any(|c| c.against.is_some()) {
        return None;
    }
    let coordinated = cands.windows(2).all(|w| {
        let gap = first
            .text
            .get(w[0].range.end..w[1].range.start)
            .unwrap_or("x");
        matches!(gap.trim(), "och" | "samt" | "," | "och även")
    });
    let mut names: Vec<String> = cands.iter().map(|c| c.name.clone()).collect();
    names.dedup();
    (coordinated && names.len() == cands.len()).then_some(names)
}

/// The organisation a list item opens with.
fn opening_name(lines: &[Line], s: usize, e: usize) -> Option<String> {
    let first = &lines[s];
    let c = first.cands.first()?;
    if c.range.start > 2 || c.against.is_some() && c.against != Some(Against::Venue) {
        return None;
    }
    if c.against.is_some() {
        return None;
    }
    let rest = first.text[c.range.end..].trim_start();
    let closes = |r: &str| {
        r.is_empty()
            || r.starts_with(['–', '-', ':', ',', '(', '—'])
            || r.starts_with("med ")
            || r.starts_with("i ")
    };
    // "Ok Enen och Kart/GIS avdelningen – ...": the first of two named; a
    // table cell ends where the name's words end
    let name = if closes(rest) || first.cell {
        c.name.clone()
    } else {
        let dash = first.text.find(" – ").filter(|&d| d <= 80)?;
        let (left, _) = c.name.split_once(" och ")?;
        if dash < c.range.end {
            return None;
        }
        left.to_string()
    };
    let dated = lines[s..e].iter().any(|l| DATED.is_match(l.text));
    let plausible = name.chars().filter(|ch| ch.is_alphabetic()).count() >= 2;
    (plausible && (c.shape.strong() || first.kind == BlockKind::ListItem || dated)).then_some(name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::agreements::lines;
    use crate::extract::content::Document;
    use crate::extract::orgs::PageNames;
    use crate::extract::text;

    fn doc(title: &str, blocks: &[(&str, BlockKind)]) -> Document {
        Document {
            title: Some(title.into()),
            paragraphs: blocks.iter().map(|b| b.0.to_string()).collect(),
            kinds: blocks.iter().map(|b| b.1).collect(),
            ..Document::default()
        }
    }

    fn names(d: &Document) -> Vec<(Vec<String>, Via)> {
        let s = text::sentences(&d.paragraphs);
        let l = lines::read(d, &s, &PageNames::default());
        statements(&l)
            .into_iter()
            .map(|s| (s.names, s.via))
            .collect()
    }

    /// Whether each statement of a one-paragraph page is joint.
    fn joints(paragraph: &str) -> Vec<bool> {
        let d = doc("Nya partnerskap", &[(paragraph, BlockKind::Paragraph)]);
        let t = text::sentences(&d.paragraphs);
        let l = lines::read(&d, &t, &PageNames::default());
        statements(&l).into_iter().map(|s| s.joint).collect()
    }

    #[test]
    fn counted_organisations_and_both_give_each_its_own_agreement() {
        for line in [
            "Norrköpings kommun har tecknat idéburet offentligt partnerskap med tre organisationer: Kvinnojouren Frida, Brottsofferjouren Norrköping och Tjejjouren Linnea.",
            "Två föreningar får IOP med Norrköpings kommun: Kvinnojouren Frida och Brottsofferjouren Norrköping.",
            "Kvinnojouren Frida och Brottsofferjouren Norrköping har båda tecknat IOP med Norrköpings kommun.",
            // the sentence before gives the count
            "Socialnämnden har beslutat att teckna överenskommelser med två föreningar. De föreningar som får IOP är Kvinnojouren Frida och Brottsofferjouren Norrköping.",
            // the sentence after opens with the agreements in the plural
            "Nacka kommun har tecknat avtal med Nacka HC och Saltsjöbadens IF. Båda avtalen gäller 2023–2026.",
            // the other one's agreement is another
            "Luleå Stadsmission får 500 000 kronor per år i avtalet och Röda Korset Luleå får 300 000 kronor per år genom ett annat avtal.",
        ] {
            let j = joints(line);
            assert!(!j.is_empty() && j.iter().all(|j| !j), "{line}");
        }
        // a common agreement that both sign stays one
        assert!(joints("Kvinnojouren Frida och Brottsofferjouren Norrköping har båda skrivit under ett gemensamt IOP med Norrköpings kommun.").contains(&true));
        assert!(joints("Nacka kommun har tecknat avtal med Nacka HC och Saltsjöbadens IF. Avtalet gäller 2023–2026.").contains(&true));
    }

    #[test]
    fn an_agreement_sentence_takes_its_partner_from_the_sentence_before() {
        let d = doc(
            "Nytt stöd",
            &[(
                "Leksands kommun ska betala fem miljoner kronor per år till Leksands IF. I avtalet står att bidraget höjs.",
                BlockKind::Paragraph,
            )],
        );
        assert_eq!(
            names(&d),
            [(vec!["Leksands IF".to_string()], Via::Neighbour)]
        );
    }

    #[test]
    fn a_sentence_about_agreements_in_general_takes_no_neighbour() {
        for general in [
            "Många andra kvinnojourer har avtal med sina kommuner och får högre summor.",
            "Det vanligaste är att man har ett avtal med sin kommun.",
            "Rekordmånga kommuner har tecknat IOP-avtal med brottsofferjourer.",
        ] {
            let d = doc(
                "Kvinnojouren Tierp får föreningsbidrag",
                &[(general, BlockKind::Paragraph)],
            );
            assert!(names(&d).is_empty(), "{general}");
        }
        // the page's own kommun is no group
        let d = doc(
            "Kvinnojouren Tierp får IOP",
            &[(
                "Avtalet med kommunen gäller i tre år.",
                BlockKind::Paragraph,
            )],
        );
        assert!(names(&d).iter().any(|(_, via)| *via == Via::Neighbour));
    }

    #[test]
    fn a_heading_that_names_agreements_leads_the_list_items_under_it() {
        let d = doc(
            "Idéburet offentligt partnerskap",
            &[
                (
                    "IOP är en samverkansform mellan kommunen och idéburna organisationer.",
                    BlockKind::Paragraph,
                ),
                ("Föreningar med IOP", BlockKind::Heading),
                ("Kvinnojouren Tierp, 2024–2026", BlockKind::ListItem),
                ("Röda Korset Tierp, 2023–2025", BlockKind::ListItem),
                ("Kontakt", BlockKind::Heading),
            ],
        );
        assert_eq!(
            names(&d),
            [
                (vec!["Kvinnojouren Tierp".to_string()], Via::List),
                (vec!["Röda Korset Tierp".to_string()], Via::List)
            ]
        );
        // a heading over running text leads nothing
        let d = doc(
            "Idéburet offentligt partnerskap",
            &[
                ("Föreningar med IOP", BlockKind::Heading),
                (
                    "Kvinnojouren Tierp, som grundades 1985, har många medlemmar.",
                    BlockKind::Paragraph,
                ),
                (
                    "Röda Korset Tierp, med 300 medlemmar, driver ett språkcafé.",
                    BlockKind::Paragraph,
                ),
            ],
        );
        assert!(names(&d).iter().all(|(_, via)| *via != Via::List));
    }

    #[test]
    fn a_table_of_partnerships_gives_one_statement_per_row() {
        let html = concat!(
            "<html><body><main><h1>Idéburet offentligt partnerskap</h1>",
            "<p>Tierps kommun har idéburna offentliga partnerskap med flera föreningar inom det sociala området.</p>",
            "<table><thead><tr><th>Organisation</th><th>Verksamhet</th><th>Avtalsperiod</th></tr></thead><tbody>",
            "<tr><td>Brottsofferjouren Uppland</td><td>Stöd till brottsutsatta</td><td>2023-01-01 – 2025-12-31</td></tr>",
            "<tr><td>Kvinnojouren Tierp</td><td>Skyddat boende</td><td>2024-01-01 – 2026-12-31</td></tr>",
            "</tbody></table></main></body></html>"
        );
        let d = crate::extract::content::parse_html(html);
        let s = text::sentences(&d.paragraphs);
        let l = lines::read(&d, &s, &PageNames::default());
        let st = statements(&l);
        let got: Vec<(&[String], Via, usize)> = st
            .iter()
            .map(|s| (s.names.as_slice(), s.via, s.own_lines.len()))
            .collect();
        // each row is an item whose cells are its own lines
        assert_eq!(
            got,
            [
                (&["Brottsofferjouren Uppland".to_string()][..], Via::List, 3),
                (&["Kvinnojouren Tierp".to_string()][..], Via::List, 3)
            ]
        );
        // on a page about agreements a column of organisations leads too
        let org_column = html.replace("Avtalsperiod", "Period");
        let d = crate::extract::content::parse_html(&org_column);
        let s = text::sentences(&d.paragraphs);
        let l = lines::read(&d, &s, &PageNames::default());
        assert_eq!(statements(&l).len(), 2);
        // on a page about no agreement the header row leads nothing
        let plain = org_column
            .replace("Idéburet offentligt partnerskap", "Föreningar i Tierp")
            .replace(
                "idéburna offentliga partnerskap med flera föreningar",
                "många föreningar",
            );
        let d = crate::extract::content::parse_html(&plain);
        let s = text::sentences(&d.paragraphs);
        let l = lines::read(&d, &s, &PageNames::default());
        assert!(statements(&l).is_empty());
    }

    #[test]
    fn a_sentence_that_counts_organisations_leads_the_paragraphs_that_name_them() {
        let d = doc(
            "Nya partnerskap i Tierp",
            &[
                (
                    "Socialnämnden har beslutat att teckna idéburet offentligt partnerskap med tre föreningar. Partnerskapen gäller 2024–2026.",
                    BlockKind::Paragraph,
                ),
                (
                    "Brottsofferjouren Uppland får 150 000 kronor per år för stöd till brottsutsatta.",
                    BlockKind::Paragraph,
                ),
                (
                    "Kvinnojouren Tierp får 400 000 kronor per år för skyddat boende.",
                    BlockKind::Paragraph,
                ),
                (
                    "Hela Människan driver en mötesplats och får 250 000 kronor per år.",
                    BlockKind::Paragraph,
                ),
                // a fourth paragraph is past the count
                (
                    "Tierps Ridklubb får fortsatt föreningsbidrag.",
                    BlockKind::Paragraph,
                ),
            ],
        );
        assert_eq!(
            names(&d),
            [
                (vec!["Brottsofferjouren Uppland".to_string()], Via::List),
                (vec!["Kvinnojouren Tierp".to_string()], Via::List),
                (vec!["Hela Människan".to_string()], Via::List)
            ]
        );
        assert_eq!(counted_orgs("med 12 idéburna aktörer"), Some(12));
        assert_eq!(counted_orgs("med en förening"), None);
    }

    #[test]
    fn a_list_of_partnerships_gives_one_statement_per_item() {
        let d = doc(
            "Idéburet offentligt partnerskap",
            &[
                ("IOP är en modell för samverkan.", BlockKind::Paragraph),
                ("Aktuella partnerskap", BlockKind::Heading),
                ("Hembygdsarkivet", BlockKind::Heading),
                (
                    "Norrby hembygdsförening – 1 juli 2024–31 december 2027.",
                    BlockKind::Paragraph,
                ),
                ("Fritidsgård", BlockKind::Heading),
                (
                    "Ås IK – 1 januari 2023–31 december 2025.",
                    BlockKind::Paragraph,
                ),
                ("Kontakt", BlockKind::Heading),
            ],
        );
        assert_eq!(
            names(&d),
            [
                (vec!["Norrby hembygdsförening".to_string()], Via::List),
                (vec!["Ås IK".to_string()], Via::List)
            ]
        );
    }

    #[test]
    fn a_list_may_open_with_a_paragraph_and_an_ended_list_follows() {
        let d = doc(
            "Idéburet offentligt partnerskap",
            &[
                ("Aktuella partnerskap", BlockKind::Heading),
                (
                    "Nämnden har i dag följande partnerskap. Perioden står efter namnet.",
                    BlockKind::Paragraph,
                ),
                ("Läxhjälp", BlockKind::Heading),
                ("Norrby IK – 2024–2026", BlockKind::Paragraph),
                ("Bygdegård", BlockKind::Heading),
                ("Ås bygdeförening – 2023–2025", BlockKind::Paragraph),
                ("Avslutade partnerskap", BlockKind::Heading),
                ("Berga ridklubb – 2020–2023", BlockKind::Paragraph),
            ],
        );
        let got: Vec<Vec<String>> = names(&d).into_iter().map(|n| n.0).collect();
        assert_eq!(
            got,
            [
                vec!["Norrby IK".to_string()],
                vec!["Ås bygdeförening".to_string()],
                vec!["Berga ridklubb".to_string()]
            ]
        );
    }

    #[test]
    fn an_organisation_taking_over_a_task_is_the_one_named_before() {
        let d = doc(
            "Lits byalag tar över badet",
            &[(
                "Kommunen lämnar över skötseln av badplatsen. Föreningen tar över driften av badet på uppdrag av kommunen från 2024.",
                BlockKind::Paragraph,
            )],
        );
        assert_eq!(
            names(&d),
            [(vec!["Lits byalag".to_string()], Via::Neighbour)]
        );
    }

    #[test]
    fn a_plain_explainer_gives_nothing() {
        let d = doc(
            "Vad är IOP?",
            &[(
                "IOP är en avtalsform där kommunen och föreningar samverkar.",
                BlockKind::Paragraph,
            )],
        );
        assert!(names(&d).is_empty());
    }
}
