//! Agreements: whether the page reports a concrete agreement, with which
//! organisations, in what form, and every value of each with its evidence.
//!
//! A sentence speaks of an agreement when it names one (avtal,
//! överenskommelse, partnerskap, IOP, or samarbete/samverkan with a named
//! organisation) and is not hedged (vill, föreslås, utreda, ansöka ...). An
//! organisation named in such a sentence is a partner. Partners named
//! together under one singular agreement share it; "både A och B",
//! "överenskommelser" or separate sentences give one agreement each. The
//! period, amounts and public body of each are read from the sentences that
//! speak of it.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use crate::extract::pattern::Pattern;

use super::org::{self, OrgMention};
use super::{Context, history, money, party, period};
use crate::record::{Agreement, Evidence, Form, Partner, Party, PartyKind};
use crate::reference::Reference;

static STRONG_NOUN: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(
        r"(?i)\b[\p{L}\-]*(?:avtal|överenskommelse|partnerskap|kontrakt)[\p{L}]*\b|\bIOP(?:[:\-]\p{L}+)?\b",
    )
    .expect("valid regex")
});
/// Words with an agreement noun inside that speak of agreements in general.
const GENERAL_NOUNS: &[&str] = &[
    "avtalsform",
    "avtalsmodell",
    "partnerskapsmodell",
    "partnerskapsdokument",
    "avtalsförslag",
    "avtalsrätt",
    "avtalstyp",
    "partnerskapsformen",
    "partnerskapsform",
    "överenskommelseform",
];

/// The words one of which every match of `STRONG_NOUN` holds, lower-cased:
/// a cheap test that spares most sentences the regex.
const STRONG_STEMS: &[&str] = &["avtal", "överenskommelse", "partnerskap", "kontrakt", "iop"];

/// True when the text names an agreement (not agreements in general).
fn has_strong_noun(text: &str) -> bool {
    let lower = text.to_lowercase();
    if !STRONG_STEMS.iter().any(|s| lower.contains(s)) {
        return false;
    }
    STRONG_NOUN.find_iter(text).any(|m| {
        let w = m.as_str().to_lowercase();
        !GENERAL_NOUNS.iter().any(|g| w.starts_with(g))
    })
}

/// Words that speak of every agreement on the page at once.
static PLURAL_REF: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(r"(?i)\b(?:\p{L}*avtalen|överenskommelserna|partnerskapen|båda|bägge|samtliga|alla (?:tre|fyra|avtal))\b")
        .expect("valid regex")
});

static PROPOSAL_TITLE: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(r"(?i)^(?:förslag(?:et)?|förslag till beslut|remiss|motion|interpellation)\b")
        .expect("valid regex")
});

static WEAK_NOUN: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(r"(?i)\b(?:samarbete[nt]?|samarbetar|samverkan|samverkar|samarbetet|medfinansierar|samarbetspartner)\b")
        .expect("valid regex")
});
/// The text calls the agreement IOP or idéburet offentligt partnerskap.
pub(super) static IOP: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(
        r"(?i)\bIOP\b|\bIOP[:\-]|idéburet offentligt partnerskap|idéburna offentliga partnerskap",
    )
    .expect("valid regex")
});
static HEDGE: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(concat!(
        r"(?i)\b(?:vill (?:\p{L}+ )?(?:teckna|ingå|skriva|se|ha|utveckla)|planerar|föreslår|föreslås|förslag(?:et)? (?:till|om|att)|",
        r"ska ta beslut|utreda|utreds|utreder|undersöka|undersöker|ansöka|ansökan|ansöker|kan (?:teckna|ingå|söka)|",
        r"skulle kunna|diskuterar|önskar|hoppas (?:på|kunna)|avser att|välkomnas|inbjudan|intresseanmälan|",
        r"möjligheten att teckna|möjlighet att ingå|kan bli aktuell|intresserad(?:e)? av att|löfte|",
        r"\w*förslag(?:et|en)?\b|exempel på)"
    ))
    .expect("valid regex")
});
static SEPARATE: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(concat!(
        r"(?i)\bbåde\b|\bsåväl\b|\bvar(?:sitt| sitt| för sig|dera)\b|\bseparata\b|\b(?:samt|och) med\b|",
        r"\b(?:två|tre|fyra|fem) (?:avtal|överenskommelser|IOP)|överenskommelser\b|avtalen\b|",
        r"idéburna offentliga partnerskap\b|\bIOP:?er\b"
    ))
        .expect("valid regex")
});
static SPEAKER: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(r"(?:säger|berättar|menar|konstaterar|visar|enligt) ([A-ZÅÄÖ][\p{L}\-]+(?: [A-ZÅÄÖ][\p{L}\-]+)+)")
        .expect("valid regex")
});

/// One sentence, with the title counted as the first.
struct Line<'a> {
    text: &'a str,
    /// The paragraph it stands in; the title is a paragraph of its own.
    para: usize,
}

/// A partner with every way the page writes its name.
#[derive(Debug, Clone)]
struct PartnerGroup {
    names: Vec<String>,
    /// Indexes of the lines that link it to an agreement.
    lines: Vec<usize>,
}

impl PartnerGroup {
    /// The fullest written form: the legal name with its head word
    /// ("Stiftelsen Fryshuset") wins; then a name that extends another; then
    /// the form written most often; then the longest.
    fn best_name(&self, all_text: &str) -> String {
        let legal = |n: &str| {
            n.starts_with("Stiftelsen ")
                || n.starts_with("Föreningen ")
                || n.starts_with("Ideella föreningen ")
        };
        if let Some(n) = self
            .names
            .iter()
            .filter(|n| legal(n))
            .max_by_key(|n| n.len())
        {
            return n.clone();
        }
        let mut best: Option<(bool, usize, usize, &String)> = None;
        for n in &self.names {
            let extended = self
                .names
                .iter()
                .any(|o| o != n && o.len() > n.len() && org::key(o).starts_with(&org::key(n)));
            let count = all_text.matches(n.as_str()).count();
            let cand = (!extended, count, n.len(), n);
            if best
                .as_ref()
                .is_none_or(|b| (cand.0, cand.1, cand.2) > (b.0, b.1, b.2))
            {
                best = Some(cand);
            }
        }
        best.map(|b| b.3.clone()).unwrap_or_default()
    }
}

/// The agreements the page reports.
pub fn agreements(ctx: &Context<'_>) -> Vec<Agreement> {
    let mut lines: Vec<Line<'_>> = Vec::new();
    if let Some(t) = ctx.doc.title.as_deref() {
        lines.push(Line {
            text: t,
            para: usize::MAX,
        });
    }
    lines.extend(ctx.sentences.iter().map(|s| Line {
        text: &s.text,
        para: s.para,
    }));
    let all_text = lines.iter().map(|l| l.text).collect::<Vec<_>>().join(" ");
    let speakers: Vec<String> = SPEAKER
        .captures_iter(&all_text)
        .map(|c| c[1].to_string())
        .collect();
    // per line: names an agreement; is hedged (a wish, plan or proposal)
    let strong_noun: Vec<bool> = lines.iter().map(|l| has_strong_noun(l.text)).collect();
    let hedged: Vec<bool> = lines.iter().map(|l| HEDGE.is_match(l.text)).collect();
    let doc_has_strong = strong_noun.iter().any(|&s| s);
    // a page whose headline says it is a proposal reports no agreement yet
    let proposal = ctx
        .doc
        .title
        .as_deref()
        .is_some_and(|t| PROPOSAL_TITLE.is_match(t));
    if !doc_has_strong || proposal || history::awaiting_decision(&ctx.doc.paragraphs) {
        return Vec::new();
    }

    // Partners linked to agreement lines.
    let mut groups: Vec<PartnerGroup> = Vec::new();
    let mut line_partners: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (i, l) in lines.iter().enumerate() {
        if !(strong_noun[i] || WEAK_NOUN.is_match(l.text)) || hedged[i] {
            continue;
        }
        let mut found: Vec<OrgMention> = org::org_mentions(l.text);
        for m in org::partner_after_med(l.text) {
            if !found.iter().any(|f| {
                f.start <= m.start && m.end <= f.end || m.start <= f.start && f.end <= m.end
            }) {
                found.push(m);
            }
        }
        for m in found {
            if is_person(&m.name, &speakers) || is_place(&m.name) {
                continue;
            }
            let g = match groups
                .iter()
                .position(|g| g.names.iter().any(|n| org::same_org(n, &m.name)))
            {
                Some(g) => g,
                None => {
                    groups.push(PartnerGroup {
                        names: Vec::new(),
                        lines: Vec::new(),
                    });
                    groups.len() - 1
                }
            };
            if !groups[g].names.contains(&m.name) {
                groups[g].names.push(m.name.clone());
            }
            if !groups[g].lines.contains(&i) {
                groups[g].lines.push(i);
            }
            let lp = line_partners.entry(i).or_default();
            if !lp.contains(&g) {
                lp.push(g);
            }
        }
    }
    if groups.is_empty() {
        return Vec::new();
    }
    // When some partners are tied to an agreement noun (in their sentence or
    // paragraph), those only said to "samarbeta" are not partners of one.
    let strong_paras: Vec<usize> = lines
        .iter()
        .enumerate()
        .filter(|&(i, _)| strong_noun[i] && !hedged[i])
        .map(|(_, l)| l.para)
        .collect();
    // A partner named anywhere in a paragraph that speaks of the agreement
    // ("... som förvaltningen och Agape öppnar. Verksamheten sker i IOP.").
    let strong_line = |i: usize| strong_noun[i] && !hedged[i];
    let strong: Vec<bool> = groups
        .iter()
        .map(|g| {
            g.lines
                .iter()
                .any(|&i| strong_line(i) || strong_paras.contains(&lines[i].para))
                || lines.iter().any(|l| {
                    strong_paras.contains(&l.para)
                        && g.names.iter().any(|n| l.text.contains(n.as_str()))
                })
        })
        .collect();
    if strong.iter().any(|&s| s) && strong.iter().any(|&s| !s) {
        let mut keep = strong.iter();
        groups.retain(|_| *keep.next().unwrap_or(&true));
        line_partners.clear();
        for (g, group) in groups.iter().enumerate() {
            for &i in &group.lines {
                line_partners.entry(i).or_default().push(g);
            }
        }
    }
    // Other written forms of each partner anywhere on the page, for the fullest name.
    for m in org::org_mentions(&all_text) {
        if let Some(g) = groups
            .iter_mut()
            .find(|g| g.names.iter().any(|n| org::same_org(n, &m.name)))
            && !g.names.contains(&m.name)
            && !is_excluded_variant(&m.name)
        {
            g.names.push(m.name);
        }
    }

    // Partners named together under one singular agreement share it.
    let mut joint: Vec<usize> = (0..groups.len()).collect();
    fn find(j: &mut [usize], x: usize) -> usize {
        let mut r = x;
        while j[r] != r {
            r = j[r];
        }
        j[x] = r;
        r
    }
    for (i, ps) in &line_partners {
        if ps.len() < 2 || SEPARATE.is_match(lines[*i].text) || !strong_noun[*i] {
            continue;
        }
        for w in ps.windows(2) {
            let (a, b) = (find(&mut joint, w[0]), find(&mut joint, w[1]));
            if a != b {
                joint[b.max(a)] = a.min(b);
            }
        }
    }
    let mut sets: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for g in 0..groups.len() {
        let r = find(&mut joint, g);
        sets.entry(r).or_default().push(g);
    }
    let single = sets.len() == 1;
    // Which partners each line names, and which were named last before it.
    let named: Vec<Vec<usize>> = lines
        .iter()
        .map(|l| {
            (0..groups.len())
                .filter(|&g| groups[g].names.iter().any(|n| l.text.contains(n.as_str())))
                .collect()
        })
        .collect();
    let mut current: Vec<Vec<usize>> = Vec::with_capacity(lines.len());
    let mut last: Vec<usize> = Vec::new();
    for n in &named {
        if !n.is_empty() {
            last = n.clone();
        }
        current.push(last.clone());
    }
    let doc_iop = lines.iter().any(|l| IOP.is_match(l.text));
    let texts: Vec<&str> = lines.iter().map(|l| l.text).collect();

    let mut out = Vec::new();
    for members in sets.values() {
        let partner_lines: Vec<usize> = {
            let mut v: Vec<usize> = members
                .iter()
                .flat_map(|&g| groups[g].lines.clone())
                .collect();
            v.sort();
            v.dedup();
            v
        };
        let names: Vec<String> = members
            .iter()
            .map(|&g| groups[g].best_name(&all_text))
            .collect();
        // The sentences that speak of this agreement: all of a one-agreement
        // page; else those naming its partner, those speaking of all
        // agreements ("avtalen", "båda"), and those naming no partner that
        // follow a sentence naming this one.
        let own: Vec<&str> = lines
            .iter()
            .enumerate()
            .filter(|(i, l)| {
                single
                    || named[*i].iter().any(|g| members.contains(g))
                    || (named[*i].is_empty()
                        && (PLURAL_REF.is_match(l.text)
                            || current[*i].iter().any(|g| members.contains(g))))
            })
            .map(|(_, l)| l.text)
            .collect();
        let mine = &own;
        let mut evidence = Vec::new();
        for n in &names {
            let line = partner_lines
                .iter()
                .map(|&i| lines[i].text)
                .find(|t| t.contains(n.as_str()))
                .or_else(|| {
                    lines
                        .iter()
                        .map(|l| l.text)
                        .find(|t| t.contains(n.as_str()))
                });
            if let Some(t) = line {
                evidence.push(Evidence {
                    field: "partners".into(),
                    quote: t.to_string(),
                });
            }
        }
        let partners: Vec<Partner> = names.iter().map(|n| Partner { name: n.clone() }).collect();

        let form_line = if single && doc_iop {
            lines.iter().map(|l| l.text).find(|t| IOP.is_match(t))
        } else {
            mine.iter().copied().find(|t| IOP.is_match(t))
        };
        let form = match form_line {
            Some(t) => {
                evidence.push(Evidence {
                    field: "form".into(),
                    quote: t.to_string(),
                });
                Form::Iop
            }
            None => Form::Agreement,
        };

        let (public_parties, party_ev) = public_parties(
            ctx,
            &partner_lines
                .iter()
                .map(|&i| lines[i].text)
                .collect::<Vec<_>>(),
            &lines.iter().map(|l| l.text).collect::<Vec<_>>(),
        );
        if let Some(q) = party_ev {
            evidence.push(Evidence {
                field: "public_parties".into(),
                quote: q,
            });
        }

        let p = period::find_period(&own, ctx.published);
        for (field, ev) in [
            ("start", p.start.as_ref().map(|d| &d.evidence)),
            ("end", p.end.as_ref().map(|d| &d.evidence)),
            (
                "duration_months",
                p.duration_months.as_ref().map(|d| &d.evidence),
            ),
            (
                "extension_months",
                p.extension_months.as_ref().map(|d| &d.evidence),
            ),
        ] {
            if let Some(q) = ev {
                evidence.push(Evidence {
                    field: field.into(),
                    quote: q.clone(),
                });
            }
        }
        let public_names: Vec<String> = public_parties
            .iter()
            .flat_map(|p| {
                let mut v = vec![p.name.clone()];
                v.extend(p.unit.clone());
                v
            })
            .chain(["kommunen", "regionen", "staden", "landstinget"].map(String::from))
            .collect();
        let money_lines: &[&str] = mine;
        let found = money::agreement_amounts(money_lines, &public_names, &names);
        let mut amounts = Vec::new();
        for (i, f) in found.into_iter().enumerate() {
            evidence.push(Evidence {
                field: format!("amounts[{i}]"),
                quote: f.evidence,
            });
            amounts.push(f.amount);
        }
        let public_sek_per_year = money::public_sek_per_year(&amounts, &p);
        if let Some(psy) = public_sek_per_year {
            let _ = psy;
            if let Some(e) = evidence
                .iter()
                .find(|e| e.field.starts_with("amounts"))
                .cloned()
            {
                evidence.push(Evidence {
                    field: "public_sek_per_year".into(),
                    quote: e.quote,
                });
            }
        }
        let agreement = Agreement {
            form,
            public_parties,
            partners,
            start: p.start.map(|d| d.value),
            end: p.end.map(|d| d.value),
            duration_months: p.duration_months.map(|d| d.value),
            extension_months: p.extension_months.map(|d| d.value),
            amounts,
            public_sek_per_year,
            evidence,
        };
        let written: Vec<String> = members
            .iter()
            .flat_map(|&g| groups[g].names.iter().cloned())
            .collect();
        let earlier = history::earlier_agreement(&agreement, &written, &texts);
        out.push(agreement);
        out.extend(earlier);
    }
    out
}

/// Common Swedish first names: a name that starts with one is a person's.
const FIRST_NAMES: &[&str] = &[
    "Anna",
    "Eva",
    "Maria",
    "Karin",
    "Sara",
    "Lena",
    "Kerstin",
    "Emma",
    "Ingrid",
    "Marie",
    "Malin",
    "Jenny",
    "Annika",
    "Hanna",
    "Linda",
    "Susanne",
    "Elin",
    "Monica",
    "Birgitta",
    "Johanna",
    "Camilla",
    "Helena",
    "Sofia",
    "Ulla",
    "Katarina",
    "Elisabeth",
    "Anneli",
    "Therese",
    "Åsa",
    "Lisa",
    "Ida",
    "Julia",
    "Agneta",
    "Carina",
    "Cecilia",
    "Ulrika",
    "Emelie",
    "Mikaela",
    "Frida",
    "Petra",
    "Sofie",
    "Lotta",
    "Mavis",
    "Hedda",
    "Tuva",
    "Gunilla",
    "Margareta",
    "Louise",
    "Jessica",
    "Lars",
    "Mikael",
    "Anders",
    "Johan",
    "Per",
    "Erik",
    "Peter",
    "Karl",
    "Thomas",
    "Tomas",
    "Jan",
    "Daniel",
    "Fredrik",
    "Hans",
    "Stefan",
    "Bengt",
    "Mats",
    "Magnus",
    "Andreas",
    "Mattias",
    "Björn",
    "Jonas",
    "Bo",
    "Nils",
    "Martin",
    "Marcus",
    "Niklas",
    "Ulf",
    "Patrik",
    "Patric",
    "Christer",
    "Kjell",
    "Olof",
    "Göran",
    "Henrik",
    "Roger",
    "Lennart",
    "Leif",
    "Rickard",
    "Torbjörn",
    "Sven",
    "Gustav",
    "Oskar",
    "Jakob",
    "Viktor",
    "Emil",
    "Robert",
    "David",
    "Joakim",
    "Jörgen",
    "Håkan",
    "Ola",
    "Tobias",
    "Kristoffer",
    "Sebastian",
    "Alexander",
    "Simon",
    "Ali",
    "Mohammed",
    "Ahmed",
    "Omar",
    "Maslah",
    "Elvir",
    "Ibrahim",
    "Hassan",
    "Fatima",
    "Amina",
    "Anita",
    "Agnes",
    "Elsa",
];

/// A person's name ("säger Anna Berg", "Tomas Lindroos") is no organisation.
fn is_person(name: &str, speakers: &[String]) -> bool {
    if speakers.iter().any(|s| s == name) {
        return true;
    }
    let words: Vec<&str> = name.split(' ').collect();
    (2..=3).contains(&words.len())
        && FIRST_NAMES.contains(&words[0])
        && words[1..]
            .iter()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase))
}

/// A bare place or body name ("Uddevalla", "Majorna-Linné") is no organisation.
fn is_place(name: &str) -> bool {
    if party::is_district(name) {
        return true;
    }
    Reference::embedded()
        .bodies()
        .iter()
        .any(|b| b.short_name == name || format!("{}s", b.short_name) == name)
}

/// Variants that only look like the partner: genitives glued to other words.
fn is_excluded_variant(name: &str) -> bool {
    name.split(' ').count() > 5
}

/// The public bodies of an agreement: named in its own lines, else in the
/// title or elsewhere on the page, else the publisher when the page speaks of
/// "kommunen"/"regionen". Returns the evidence line too.
fn public_parties(ctx: &Context<'_>, own: &[&str], all: &[&str]) -> (Vec<Party>, Option<String>) {
    let reference = ctx.reference;
    let pick = |lines: &[&str]| -> Option<(String, String)> {
        lines.iter().find_map(|t| {
            party::body_mentions(t)
                .into_iter()
                .next()
                .map(|m| (m.code, t.to_string()))
        })
    };
    let found = pick(own)
        .or_else(|| {
            // the publisher, when the page speaks of it or of one of its nämnder
            let p = ctx.publisher?;
            let kind = p.kind;
            own.iter().chain(all.iter()).find_map(|t| {
                let named = party::body_mentions(t)
                    .into_iter()
                    .any(|m| m.code == p.code);
                let unit = !party::unit_mentions(t).is_empty();
                (named || unit || party::definite_mention(t, kind).is_some())
                    .then(|| (p.code.clone(), t.to_string()))
            })
        })
        .or_else(|| {
            // a city district's nämnd or förvaltning: that city
            own.iter()
                .chain(all.iter())
                .find_map(|t| party::district_mention(t).map(|c| (c, t.to_string())))
        })
        .or_else(|| {
            // "landstinget"/"regionen" with its county named: that county's region
            let line = all
                .iter()
                .find(|t| party::definite_mention(t, PartyKind::Region).is_some())?;
            let county = all.iter().find_map(|t| party::county_mention(t))?;
            Some((county, line.to_string()))
        })
        .or_else(|| {
            // the one body the page names most often
            let mut counts: BTreeMap<String, (usize, String)> = BTreeMap::new();
            for t in all {
                for m in party::body_mentions(t) {
                    let e = counts.entry(m.code).or_insert((0, t.to_string()));
                    e.0 += 1;
                }
            }
            counts
                .into_iter()
                .max_by_key(|(_, (n, _))| *n)
                .map(|(c, (_, t))| (c, t))
        })
        .or_else(|| {
            // "kommunen" on a page whose only place is one kommun's
            let line = all
                .iter()
                .find(|t| party::definite_mention(t, PartyKind::Kommun).is_some())?;
            let code = party::only_place(&all.join(" "))?;
            Some((code, line.to_string()))
        });
    let Some((code, line)) = found else {
        return (Vec::new(), None);
    };
    let Some(body) = reference.by_code(&code) else {
        return (Vec::new(), None);
    };
    let mut p = body.party();
    if body.code == "0980" {
        p.kind = Some(PartyKind::Kommun);
    }
    p.unit = unit_of(own, all);
    (vec![p], Some(line))
}

/// The nämnd or förvaltning named as party, payer or decider.
fn unit_of(own: &[&str], all: &[&str]) -> Option<String> {
    static DECIDES: LazyLock<Pattern> = LazyLock::new(|| {
        Pattern::new(r"(?i)beslut|beslutat|finansier|betala|tecknat|ingått|avtal|överenskommelse|partnerskap|IOP")
            .expect("valid regex")
    });
    own.iter()
        .chain(all.iter().filter(|t| DECIDES.is_match(t)))
        .find_map(|t| party::unit_mentions(t).into_iter().next().map(|u| u.2))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::content::Document;
    use crate::extract::text;

    fn run(title: &str, paras: &[&str], url: Option<&str>) -> Vec<Agreement> {
        let doc = Document {
            title: Some(title.into()),
            paragraphs: paras.iter().map(|s| s.to_string()).collect(),
            ..Document::default()
        };
        let sentences = text::sentences(&doc.paragraphs);
        let reference = Reference::embedded();
        let publisher = party::publisher(url, &doc, reference);
        let ctx = Context {
            doc: &doc,
            sentences: &sentences,
            published: None,
            url,
            publisher,
            reference,
        };
        agreements(&ctx)
    }

    #[test]
    fn two_organisations_each_with_their_own_agreement() {
        let a = run(
            "Nya överenskommelser",
            &[
                "Tranås kommun har tecknat överenskommelser om idéburet offentligt partnerskap med både Brottsofferjouren Tranås och med Kvinnojouren Tranås.",
            ],
            None,
        );
        assert_eq!(a.len(), 2);
        assert_eq!(a[0].partners[0].name, "Brottsofferjouren Tranås");
        assert_eq!(a[1].partners[0].name, "Kvinnojouren Tranås");
        assert_eq!(a[0].form, Form::Iop);
        assert_eq!(a[0].public_parties[0].code.as_deref(), Some("0687"));
    }

    #[test]
    fn one_agreement_signed_jointly() {
        let a = run(
            "Ny överenskommelse",
            &[
                "Region Halland har undertecknat en överenskommelse med Hallands Idrottsförbund och Hallands Bildningsförbund.",
            ],
            None,
        );
        assert_eq!(a.len(), 1);
        assert_eq!(a[0].partners.len(), 2);
        assert_eq!(a[0].form, Form::Agreement);
    }

    #[test]
    fn hedged_plans_are_no_agreement() {
        let a = run(
            "Kommunen vill teckna IOP",
            &["Kommunen vill teckna ett IOP med Stadsmissionen i Tranås nästa år."],
            Some("https://www.tranas.se/x"),
        );
        assert!(a.is_empty());
    }

    #[test]
    fn explainer_without_named_partner_is_no_agreement() {
        let a = run(
            "Idéburet offentligt partnerskap",
            &["IOP är en modell för samverkan mellan kommunen och idéburna organisationer."],
            Some("https://www.tranas.se/x"),
        );
        assert!(a.is_empty());
    }

    #[test]
    fn kommunen_on_the_kommun_site_is_the_publisher() {
        let a = run(
            "Nytt avtal",
            &["Kommunen har tecknat ett avtal med Fontänhuset i Tranås."],
            Some("https://www.tranas.se/nyheter/x"),
        );
        assert_eq!(a[0].public_parties[0].name, "Tranås kommun");
        assert!(a[0].evidence.iter().any(|e| e.field == "public_parties"));
    }
    #[test]
    fn a_partner_named_in_the_agreements_paragraph_outranks_one_only_cooperated_with() {
        let a = run(
            "Vinterboende öppnar",
            &[
                "Sedan flera år samarbetar Tranås kommun med Räddningsmissionen kring akut hemlöshet.",
                "I år har kommunen startat ett samarbete med Föreningen Agape i Tranås.",
                "Boendet som kommunen och Föreningen Agape i Tranås öppnar har tio platser. Verksamheten sker i idéburet offentligt partnerskap (IOP).",
            ],
            Some("https://www.tranas.se/nyheter/x"),
        );
        assert_eq!(a.len(), 1, "{a:?}");
        assert_eq!(a[0].partners[0].name, "Föreningen Agape i Tranås");
        assert_eq!(a[0].form, Form::Iop);
    }

    #[test]
    fn a_wish_with_a_word_between_vill_and_the_verb_is_hedged() {
        let a = run(
            "Fortsatt samverkan",
            &[
                "Kommunen och Kvinnojouren i Tranås vill båda se en fortsättning på samverkansavtalet.",
            ],
            Some("https://www.tranas.se/nyheter/x"),
        );
        assert!(a.is_empty(), "{a:?}");
    }
}
