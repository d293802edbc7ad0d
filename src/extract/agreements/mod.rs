//! Agreements: whether the page reports concrete agreements, with which
//! organisations, and every value of each with its evidence. The stages:
//! - [`lines`]: every sentence read once (agreement noun, hedge, concrete,
//!   organisation candidates);
//! - [`scope`]: which organisations each agreement statement is about, from
//!   the sentence, its neighbours, a heading or a list of partnerships;
//! - here: the statements' names grouped into organisations (one per
//!   written-form family, resolved to its fullest form), organisations only
//!   said to cooperate dropped when others have an agreement, organisations
//!   named together under one singular agreement joined into one agreement;
//! - [`fields`]: each agreement's form, public body, period and money from
//!   the lines that speak of it, assembled with their evidence;
//! - [`events`]: an earlier agreement and a new one with the same
//!   organisation are two events, each with its own dates and sums;
//! - [`history`]: the earlier agreement of a renewed partnership.
//!
//! A page whose headline is a proposal, or a minutes item awaiting its
//! decision, reports none.

pub mod events;
pub mod fields;
pub mod history;
pub mod lines;
pub mod scope;

use std::collections::BTreeMap;
use std::sync::LazyLock;

use crate::extract::Context;
use crate::extract::content::BlockKind;
use crate::extract::evidenced::Evidenced;
use crate::extract::money;
use crate::extract::orgs::{PageNames, Slot, variants};
use crate::extract::party;
use crate::extract::pattern::Pattern;
use crate::record::Agreement;

use fields::Fields;
use lines::Line;
use scope::{Statement, Via};

static PROPOSAL_TITLE: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(r"(?i)^(?:förslag(?:et)?|förslag till beslut|remiss|motion|interpellation)\b")
        .expect("valid regex")
});

/// A name after "med" or "mellan" that follows an agreement noun: the
/// agreement has a named counterpart, whatever it is.
static NAMED_COUNTERPART: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(r"(?i:avtal\p{L}*|överenskommelse\p{L}*|partnerskap\p{L}*|iop)\s+(?:\p{Ll}+\s+){0,3}?(?i:med|mellan)\s+\p{Lu}")
        .expect("valid regex")
});

/// A public body that signed one agreement: "Tierps kommun har tecknat ett
/// IOP", "Socialnämnden beslutade att ingå en överenskommelse", "Nu tecknar
/// kommunen IOP-avtal", "I dag har regionen undertecknat
/// partnerskapsavtalet". The body is the subject before its verb or, after
/// an opening adverbial, right after it; the noun may stand without article.
static PUBLIC_SIGNED_ONE: LazyLock<Pattern> = LazyLock::new(|| {
    const BODY: &str = r"(?:kommun|kommunen|region|regionen|staden|stad|\p{L}*nämnden|landstinget)";
    const SIGNED: &str = r"(?:tecknat|ingått|undertecknat|skrivit under|signerat)";
    const NOUN: &str = r"(?:(?:ett|en)\s+)?(?:\p{L}+\s+){0,3}?(?:[\p{L}\-]*avtal\p{L}*|[\p{L}\-]*överenskommelse\p{L}*|[\p{L}\-]*partnerskap\p{L}*|IOP)\b";
    Pattern::new(&format!(
        concat!(
            r"(?i)\b{body}\s+",
            r"(?:har\s+(?:nu\s+|i dag\s+|idag\s+|även\s+|också\s+)?{signed}|",
            r"tecknar|ingår|undertecknar|skriver under|",
            r"tecknade|ingick|undertecknade|skrev under|(?:har\s+)?(?:beslutat|beslutade|beslöt)\s+att\s+(?:teckna|ingå))\s+{noun}|",
            r"\b(?:har|hade)\s+(?:\p{{L}}+\s+)?{body}\s+(?:nu\s+)?{signed}\s+{noun}|",
            r"\b(?:tecknar|ingår|undertecknar|tecknade|ingick|undertecknade)\s+(?:\p{{L}}+\s+)?{body}\s+{noun}"
        ),
        body = BODY,
        signed = SIGNED,
        noun = NOUN
    ))
    .expect("valid regex")
});

/// The organisation unnamed as one side of an agreement: "Vår förening har
/// ingått ett avtal", "Vi har tecknat", "Föreningen har skrivit ett avtal",
/// "avtal med oss", "mellan kommunen och föreningen".
static UNNAMED_SIDE: LazyLock<Pattern> = LazyLock::new(|| {
    let nouns = crate::extract::lexicon::org_common_nouns();
    Pattern::new(&format!(
        concat!(
            r"(?i)(?:\b(?:vi|vår\s+\p{{L}}+|vårt\s+\p{{L}}+|{n})\s+(?:har\s+(?:nu\s+|i dag\s+|idag\s+|även\s+|också\s+)?)?",
            r"(?:tecknat|ingått|undertecknat|skrivit|signerat|förlängt|förnyat|tecknade|ingick|undertecknade|skrev|signerade|förlängde|förnyade|fått|fick)\b|",
            r"\b(?:med|och)\s+(?:oss|vår\s+\p{{L}}+|vårt\s+\p{{L}}+|{n})\b)"
        ),
        n = nouns
    ))
    .expect("valid regex")
});

/// A line that is somebody's words: a dash quote, quotation marks, or an
/// attribution ("..., säger Anna Berg").
fn quoted(text: &str) -> bool {
    let t = text.trim_start();
    t.starts_with(['–', '—', '-', '"', '”', '“', '»'])
        || text.contains(", säger ")
        || text.contains(", berättar ")
}

/// Agreements made as a habit or with any number of organisations: "tecknar
/// ofta IOP", "brukar teckna", "varje år", "avtal med många föreningar" (a
/// counted group, "med två föreningar", is a concrete agreement).
static MANY: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(r"(?i)\b(?:ofta|brukar|varje år|med\s+(?:många|flera|olika|alla)\s+\p{L}+)\b")
        .expect("valid regex")
});

/// An organisation speaking of itself: "vår förening", "vi i klubben".
static OWN_ORGANISATION: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(&format!(
        r"(?i)\b(?:vår|vi i)\s+(?:förening|organisation|klubb|stiftelse|{})\b",
        crate::extract::lexicon::org_common_nouns()
    ))
    .expect("valid regex")
});

/// Words that speak of every agreement on the page at once, or of all its
/// organisations ("Föreningarna får tillsammans ...").
static PLURAL_REF: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(r"(?i)\b(?:\p{L}*avtalen|\p{L}*överenskommelserna|\p{L}*partnerskapen|båda|bägge|samtliga|alla (?:tre|fyra|avtal)|föreningarna|organisationerna|klubbarna|aktörerna)\b")
        .expect("valid regex")
});

/// Several agreements called IOP at once: "idéburna offentliga partnerskap",
/// "tre nya IOP", "IOP-avtal med flera föreningar".
static PLURAL_IOP: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(r"(?i)\bidéburna\s+offentliga\s+partnerskap\b|\b(?:två|tre|fyra|fem|sex|sju|åtta|nio|tio|\d{1,2}|flera)\s+(?:nya\s+)?(?:IOP|IOP-avtal|IOP-överenskommelser)\b|\bIOP(?:-avtal)?\s+med\s+(?:två|tre|fyra|fem|sex|sju|åtta|nio|tio|\d{1,2}|flera|följande)\b")
        .expect("valid regex")
});

/// A sum each of several agreements gets: "vardera", "var och en", "per
/// förening".
static EACH: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(r"(?i)\b(?:vardera|var och en|var för sig|per (?:förening|organisation|avtal|överenskommelse|partnerskap|aktör))\b")
        .expect("valid regex")
});

/// One organisation: every way the page writes it, and the statements that
/// tie it to an agreement.
#[derive(Debug, Clone)]
struct Org {
    forms: Vec<String>,
    statements: Vec<usize>,
}

/// The agreements the page reports. `people` are the page's persons, who
/// are never organisations.
pub fn agreements(ctx: &Context<'_>, people: &[String]) -> Vec<Agreement> {
    let page = PageNames {
        people: people.to_vec(),
    };
    let lines = lines::read(ctx.doc, ctx.sentences, &page);
    let proposal = ctx
        .doc
        .title
        .as_deref()
        .is_some_and(|t| PROPOSAL_TITLE.is_match(t));
    if proposal || history::awaiting_decision(&ctx.doc.paragraphs) {
        return Vec::new();
    }
    let mut lines = lines;
    let mut statements = scope::statements(&lines);
    // whether the page calls anything an IOP, read once
    let doc_iop = lines
        .iter()
        .any(|l| crate::extract::lexicon::IOP.is_match(l.text));
    let mut orgs = organisations(&lines, &statements, doc_iop);
    // no organisation in a strong place: names in weak slots ("drivs av X")
    // are the page's last resort
    if orgs.is_empty() {
        for l in &mut lines {
            for c in &mut l.cands {
                c.last_resort = true;
            }
        }
        statements = scope::statements(&lines);
        orgs = organisations(&lines, &statements, doc_iop);
    }
    if orgs.is_empty() {
        return unnamed(ctx, &lines, people).into_iter().collect();
    }
    let sets = joint_sets(&orgs, &statements);
    // the forms the text itself writes, the title aside: of two forms alike
    // the one the body uses is the organisation's
    let body_text: String = lines
        .iter()
        .filter(|l| l.block != lines::TITLE)
        .map(|l| l.text)
        .collect::<Vec<_>>()
        .join(" ");
    let texts: Vec<&str> = lines.iter().map(|l| l.text).collect();
    let single = sets.len() == 1;
    // which organisations each line names, and which were named last before it
    let named: Vec<Vec<usize>> = lines
        .iter()
        .map(|l| {
            (0..orgs.len())
                .filter(|&g| orgs[g].forms.iter().any(|n| l.text.contains(n.as_str())))
                .collect()
        })
        .collect();
    // a sentence that takes its organisations from a neighbour ("Partnerskapet
    // gäller ..." after the paragraph that states it) makes them the ones
    // spoken of, though another organisation was named in between
    let referred: Vec<Vec<usize>> = (0..lines.len())
        .map(|i| {
            (0..orgs.len())
                .filter(|&g| {
                    orgs[g].statements.iter().any(|&s| {
                        statements[s].line == i
                            && statements[s].names_line != i
                            && statements[s].via == Via::Neighbour
                    })
                })
                .collect()
        })
        .collect();
    let mut current: Vec<Vec<usize>> = Vec::with_capacity(lines.len());
    let mut last: Vec<usize> = Vec::new();
    for (n, r) in named.iter().zip(&referred) {
        if !n.is_empty() {
            last = n.clone();
        } else if !r.is_empty() {
            last = r.clone();
        }
        current.push(last.clone());
    }
    // lines that call several agreements IOP at once and name none of their
    // partners ("Östersunds kommun har tecknat tre nya idéburna offentliga
    // partnerskap"): the form of each agreement the page goes on to report
    let plural_iop: Vec<&str> = lines
        .iter()
        .filter(|l| {
            l.partners().next().is_none()
                && crate::extract::lexicon::IOP.is_match(l.text)
                && PLURAL_IOP.is_match(l.text)
        })
        .map(|l| l.text)
        .collect();

    // lines where the public body pays, as the subject of its verb
    let public_pays: Vec<bool> = lines.iter().map(|l| money::public_pays(l.text)).collect();
    let mut out = Vec::new();
    for members in &sets {
        let stmts: Vec<&Statement> = {
            let mut v: Vec<usize> = members
                .iter()
                .flat_map(|&g| orgs[g].statements.clone())
                .collect();
            v.sort();
            v.dedup();
            v.into_iter().map(|i| &statements[i]).collect()
        };
        let listed = stmts.iter().all(|s| s.via == Via::List);
        let item_lines: Vec<usize> = statements
            .iter()
            .filter(|s| s.via == Via::List)
            .flat_map(|s| s.own_lines.iter().copied())
            .collect();
        let statement_lines: Vec<usize> = {
            let mut v: Vec<usize> = stmts
                .iter()
                .flat_map(|s| [s.line, s.names_line])
                .chain(stmts.iter().flat_map(|s| s.own_lines.clone()))
                .collect();
            v.sort();
            v.dedup();
            v
        };
        // the lines that speak of this agreement
        let own_idx: Vec<usize> = if listed {
            stmts.iter().flat_map(|s| s.own_lines.clone()).collect()
        } else {
            (0..lines.len())
                .filter(|&i| {
                    single
                        || statement_lines.contains(&i)
                        || named[i].iter().any(|g| members.contains(g))
                        || (named[i].is_empty()
                            && (PLURAL_REF.is_match(lines[i].text)
                                || current[i].iter().any(|g| members.contains(g))))
                })
                .collect()
        };
        let partners: Vec<Evidenced<String>> = members
            .iter()
            .filter_map(|&g| {
                let name = variants::fullest(&orgs[g].forms, &body_text);
                let line = statement_lines
                    .iter()
                    .map(|&i| lines[i].text)
                    .find(|t| t.contains(name.as_str()))
                    .or_else(|| texts.iter().copied().find(|t| t.contains(name.as_str())))?;
                Some(Evidenced::new(name, line))
            })
            .collect();
        if partners.is_empty() {
            continue;
        }
        let partner_lines: Vec<&str> = statement_lines.iter().map(|&i| lines[i].text).collect();
        let partner_names: Vec<String> = partners.iter().map(|p| p.value.clone()).collect();
        let public_parties =
            fields::public_parties(ctx, &partner_lines, &texts, &partner_names, people);
        let mut names: Vec<String> = partners.iter().map(|p| p.value.clone()).collect();
        names.extend(members.iter().flat_map(|&g| orgs[g].forms.iter().cloned()));
        let others: Vec<String> = (0..orgs.len())
            .filter(|g| !members.contains(g))
            .flat_map(|g| orgs[g].forms.iter().cloned())
            .collect();
        // a line that names no organisation and speaks of several agreements
        // ("Överenskommelserna gäller ...", "Totalt avsätter nämnden ... för
        // partnerskapen") gives each its period; its sum is all of theirs
        // together unless it says each gets it
        let shared = |i: usize| {
            !single
                && !statement_lines.contains(&i)
                && named[i].is_empty()
                && PLURAL_REF.is_match(lines[i].text)
                && !EACH.is_match(lines[i].text)
        };
        // one clause of a line stands for the line: the earlier or the new
        // agreement's half of a sentence that reports both
        let event =
            |idx: &[usize],
             whole_page_form: bool,
             clause: Option<(usize, &str)>,
             earlier: bool,
             public_parties: &Option<Evidenced<Vec<crate::record::Party>>>| {
                let text_of = |i: usize| match clause {
                    Some((at, t)) if at == i => t,
                    _ => lines[i].text,
                };
                let own: Vec<&str> = idx.iter().map(|&i| text_of(i)).collect();
                // a sum speaks of this agreement in a paragraph that does: one
                // naming it, its organisation or an agreement
                let about = |i: usize| {
                    statement_lines.contains(&i)
                        || named[i].iter().any(|g| members.contains(g))
                        || lines[i].strong
                        || lines[i].anaphor
                        || lines[i].deal
                        || public_pays[i]
                        || money::payment_given(lines[i].text)
                };
                let about_blocks: Vec<usize> = idx
                    .iter()
                    .filter(|&&i| about(i))
                    .map(|&i| lines[i].block)
                    .collect();
                let paid: Vec<&str> = idx
                    .iter()
                    .filter(|&&i| !shared(i))
                    .map(|&i| text_of(i))
                    .collect();
                let kept: Vec<&str> = idx
                    .iter()
                    .filter(|&&i| about_blocks.contains(&lines[i].block))
                    .map(|&i| text_of(i))
                    .collect();
                // a sentence the page repeats in a paragraph about the agreement
                // is not set aside
                let aside: Vec<&str> = idx
                    .iter()
                    .map(|&i| text_of(i))
                    .filter(|t| !kept.contains(t))
                    .collect();
                // a list item's form is also what the headings above it call
                // the list ("Idéburet offentligt partnerskap (IOP)")
                let first = idx.iter().copied().min().unwrap_or(0);
                // the lines that lead a list item's list: what they say of the
                // list's time holds for an item that says none itself ("för
                // perioden 2024–2026" above "Partnerskapen gäller:")
                let lead: Vec<&str> = if listed {
                    list_lead(&lines, first, &item_lines)
                } else {
                    Vec::new()
                };
                // (the item's own words first, then its lead, then the nearest
                // heading: the first that says IOP is the form's evidence)
                let headed: Vec<&str> = if listed {
                    own.iter()
                        .copied()
                        .chain(lead.iter().copied())
                        .chain(
                            lines[..first]
                                .iter()
                                .rev()
                                .filter(|l| l.kind == BlockKind::Heading || l.block == lines::TITLE)
                                .map(|l| l.text),
                        )
                        .collect()
                } else {
                    own.clone()
                };
                // a line about another public body's agreement ("Umeås nya
                // IOP har varit en förebild") says nothing of this one's form
                let ours = |t: &str| match public_parties {
                    Some(pp) => {
                        let codes: Vec<String> = party::body_mentions(t)
                            .into_iter()
                            .map(|m| m.code)
                            .chain(party::place_as_party(t))
                            .collect();
                        codes.is_empty()
                            || codes.iter().any(|c| {
                                pp.value
                                    .iter()
                                    .any(|p| p.code.as_deref() == Some(c.as_str()))
                            })
                    }
                    None => true,
                };
                let form_line = (if whole_page_form { &texts } else { &headed })
                    .iter()
                    .chain(&plural_iop)
                    .copied()
                    .find(|t| crate::extract::lexicon::IOP.is_match(t) && ours(t));
                let form = fields::form(form_line.as_slice());
                // a table row's cells under a column header that says its
                // sums are yearly
                let yearly_cells: Vec<(&str, &str)> = if listed {
                    scope::column_headers(&lines, idx)
                        .map(|headers| {
                            idx.iter()
                                .zip(headers)
                                .filter(|(_, h)| money::yearly_header(h))
                                .map(|(&i, h)| (lines[i].text, h))
                                .collect()
                        })
                        .unwrap_or_default()
                } else {
                    Vec::new()
                };
                // a line of its own that dates this agreement outranks a line
                // about all of the page's agreements: "Överenskommelserna
                // gäller från 1 april" is not the time of the one whose own
                // sentence says it "löpte ut den 31 december 2024"
                let unshared: Vec<&str> = idx
                    .iter()
                    .filter(|&&i| !shared(i))
                    .map(|&i| text_of(i))
                    .collect();
                let timed = if unshared.len() < own.len() && {
                    let p = crate::extract::period::find_period(&unshared, ctx.published);
                    p.start.is_some() || p.end.is_some()
                } {
                    unshared
                } else {
                    own.clone()
                };
                let (period, amounts, yearly) = fields::time_and_money(
                    &timed,
                    &paid,
                    &aside,
                    &lead,
                    listed,
                    ctx,
                    public_parties.as_ref().map_or(&[][..], |p| &p.value[..]),
                    &names,
                    &others,
                    earlier,
                    &yearly_cells,
                );
                let partners = partners
                    .iter()
                    .map(|p| {
                        // the partner's evidence from the event's own lines when they name it
                        match own.iter().find(|t| t.contains(p.value.as_str())) {
                            Some(t) => Evidenced::new(p.value.clone(), t),
                            None => p.clone(),
                        }
                    })
                    .collect();
                fields::assemble(Fields {
                    form,
                    partners,
                    public_parties: public_parties.clone(),
                    period,
                    amounts,
                    yearly,
                })
            };
        // an earlier agreement and a new one with the same organisation: two
        // events, each with the values its own sentences state
        if let Some((earlier, now)) = events::split(&texts, &own_idx) {
            out.push(event(&now, false, None, false, &public_parties));
            out.push(event(&earlier, false, None, true, &public_parties));
            continue;
        }
        // one sentence that reports both: "Det avtalet gick ut vid
        // årsskiftet och nu har kommunen tecknat ett nytt"
        // (a title's "Nytt avtal med X" is no sentence of the text)
        let new_alone = own_idx
            .iter()
            .any(|&i| lines[i].block != lines::TITLE && events::new_alone(texts[i]));
        if !new_alone && let Some((i, earlier, now)) = events::mixed(&texts, &own_idx) {
            let t = lines[i].text;
            out.push(event(
                &own_idx,
                false,
                Some((i, &t[now])),
                false,
                &public_parties,
            ));
            out.push(event(
                &[i],
                false,
                Some((i, &t[earlier])),
                true,
                &public_parties,
            ));
            continue;
        }
        // one organisation's agreements with two public bodies: one event
        // each, with the body its own lines name
        if !listed && let Some(groups) = events::by_public_body(&texts, &own_idx) {
            for idx in groups {
                let stated: Vec<&str> = idx.iter().map(|&i| texts[i]).collect();
                let pp = fields::public_parties(ctx, &stated, &texts, &partner_names, people);
                out.push(event(&idx, false, None, false, &pp));
            }
            continue;
        }
        // (without the lines of an earlier agreement too vague for an entry)
        let now = events::current(&texts, &own_idx).unwrap_or_else(|| own_idx.clone());
        let agreement = event(
            &now,
            single && doc_iop && !listed,
            None,
            false,
            &public_parties,
        );
        let written: Vec<String> = members
            .iter()
            .flat_map(|&g| orgs[g].forms.iter().cloned())
            .collect();
        let earlier = history::earlier_agreement(&agreement, &written, &texts);
        out.push(agreement);
        out.extend(earlier);
    }
    out
}

/// The statements' names grouped into organisations. When some are tied to
/// an agreement noun, those only said to cooperate are dropped. Other forms
/// of each organisation written anywhere on the page are added, for the
/// fullest name. `doc_iop`: the page calls something an IOP.
fn organisations(lines: &[Line], statements: &[Statement], doc_iop: bool) -> Vec<Org> {
    let mut orgs: Vec<Org> = Vec::new();
    for (si, s) in statements.iter().enumerate() {
        for name in &s.names {
            let g = match orgs
                .iter()
                .position(|o| o.forms.iter().any(|f| variants::same_org(f, name)))
            {
                Some(g) => g,
                None => {
                    orgs.push(Org {
                        forms: Vec::new(),
                        statements: Vec::new(),
                    });
                    orgs.len() - 1
                }
            };
            if !orgs[g].forms.contains(name) {
                orgs[g].forms.push(name.clone());
            }
            if !orgs[g].statements.contains(&si) {
                orgs[g].statements.push(si);
            }
        }
    }
    // an organisation tied to an agreement only by standing beside a
    // sentence that names none ("Avtalet gäller 2023–2025") must look like
    // one by its own words, unless the page calls the agreement an IOP: the
    // name next to a plain "avtal" may be anyone the news mentions
    if !doc_iop {
        let shaped = |o: &Org| {
            o.statements.iter().any(|&s| {
                lines[statements[s].names_line].cands.iter().any(|c| {
                    c.shape.strong()
                        && o.forms
                            .iter()
                            .any(|f| f.contains(c.name.as_str()) || c.name.contains(f.as_str()))
                })
            })
        };
        orgs.retain(|o| {
            !o.statements
                .iter()
                .all(|&s| statements[s].via == Via::Neighbour)
                || shaped(o)
        });
    }
    // strong: tied to an agreement by a statement, or named in a paragraph
    // that states one ("... som förvaltningen och Agape öppnar. Verksamheten
    // sker i IOP.")
    let agreement_blocks: Vec<usize> = lines
        .iter()
        .filter(|l| l.states_agreement())
        .map(|l| l.block)
        .collect();
    let strong: Vec<bool> = orgs
        .iter()
        .map(|o| {
            o.statements.iter().any(|&s| statements[s].strong)
                || lines.iter().any(|l| {
                    agreement_blocks.contains(&l.block)
                        && o.forms.iter().any(|f| l.text.contains(f.as_str()))
                })
        })
        .collect();
    if strong.iter().any(|&s| s) {
        let mut keep = strong.iter();
        orgs.retain(|_| *keep.next().unwrap_or(&true));
    } else {
        // no organisation is tied to an agreement: one only said to
        // cooperate is a partner when the page comes back to it, not when
        // it is named once in passing ("Jouren samarbetar också med X")
        let mentioned = |o: &Org| {
            lines
                .iter()
                .filter(|l| o.forms.iter().any(|f| l.text.contains(f.as_str())))
                .count()
        };
        orgs.retain(|o| mentioned(o) >= 2);
    }
    for l in lines {
        for c in l.cands.iter().filter(|c| c.against.is_none()) {
            if c.name.split(' ').count() > 6 {
                continue;
            }
            if let Some(o) = orgs
                .iter_mut()
                .find(|o| o.forms.iter().any(|f| variants::same_org(f, &c.name)))
                && !o.forms.contains(&c.name)
                && c.accepted()
            {
                o.forms.push(c.name.clone());
            }
        }
    }
    orgs
}

/// Organisations named together under one singular agreement share it:
/// the sets of organisations, one per agreement, in order of first mention.
fn joint_sets(orgs: &[Org], statements: &[Statement]) -> Vec<Vec<usize>> {
    let mut root: Vec<usize> = (0..orgs.len()).collect();
    fn find(j: &mut [usize], x: usize) -> usize {
        let mut r = x;
        while j[r] != r {
            r = j[r];
        }
        j[x] = r;
        r
    }
    for (si, s) in statements.iter().enumerate() {
        if !s.joint {
            continue;
        }
        let members: Vec<usize> = (0..orgs.len())
            .filter(|&g| orgs[g].statements.contains(&si))
            .collect();
        for w in members.windows(2) {
            let (a, b) = (find(&mut root, w[0]), find(&mut root, w[1]));
            if a != b {
                root[b.max(a)] = a.min(b);
            }
        }
    }
    let mut sets: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for g in 0..orgs.len() {
        let r = find(&mut root, g);
        sets.entry(r).or_default().push(g);
    }
    sets.into_values().collect()
}

/// The lines right above a list's first item that lead it: back from
/// `first` over the items above it (`items` holds every item's lines), then
/// to the nearest heading (kept), at most three lines; and the line right
/// after the list when it speaks of all the list's agreements.
fn list_lead<'a>(lines: &[Line<'a>], first: usize, items: &[usize]) -> Vec<&'a str> {
    let mut out = Vec::new();
    let mut k = first;
    // back over the items of the same list to the line above the first
    while k > 0 && items.contains(&(k - 1)) {
        k -= 1;
    }
    // a lead of earlier agreements ("Tidigare har följande partnerskap
    // tecknats") is no continuation of the paragraphs above it, which speak
    // of the new one
    static EARLIER: LazyLock<Pattern> = LazyLock::new(|| {
        Pattern::new(r"(?i)\b(?:tidigare|avslutade|förra|föregående)\b").expect("valid regex")
    });
    let lead_block = k.checked_sub(1).map(|j| lines[j].block);
    let mut earlier = false;
    while k > 0 && out.len() < 3 {
        k -= 1;
        let l = &lines[k];
        if items.contains(&k) || l.block == lines::TITLE || (earlier && Some(l.block) != lead_block)
        {
            break;
        }
        // a table's header row (several header cells in one block) is no
        // heading over the table: the lines above it lead the list
        let header_row = l.kind == BlockKind::Heading
            && lines
                .iter()
                .filter(|o| o.block == l.block && o.kind == BlockKind::Heading)
                .nth(1)
                .is_some();
        if header_row {
            continue;
        }
        earlier |= EARLIER.is_match(l.text);
        out.push(l.text);
        if l.kind == BlockKind::Heading {
            break;
        }
    }
    out.reverse();
    // the line right after the list that speaks of all its agreements at
    // once ("Partnerskapen gäller 2023–2025.") leads it too
    let mut end = first;
    while items.contains(&(end + 1)) {
        end += 1;
    }
    if let Some(l) = lines.get(end + 1)
        && l.kind != BlockKind::Heading
        && l.partners().next().is_none()
        && PLURAL_REF.is_match(l.text)
    {
        out.push(l.text);
    }
    out
}

/// An agreement whose partner the page never names: the organisation's own
/// page in the first person ("Vår förening har tecknat ett avtal med
/// kommunen") or by a common noun ("Föreningen har skrivit ett avtal med
/// Region Skåne"), with `partners: []`.
fn unnamed(ctx: &Context<'_>, lines: &[Line], people: &[String]) -> Option<Agreement> {
    let stated = |l: &&Line| l.states_agreement() && l.concrete;
    // on a public body's site "vi" is the body; "vår förening" is an
    // organisation speaking wherever it stands
    let speaks = |l: &&Line| {
        if ctx.publisher.is_some() {
            OWN_ORGANISATION.is_match(l.text)
        } else {
            // the organisation is a side of the agreement, in running text:
            // "vi" in a quote is whoever speaks, and "föreningen" in a
            // sentence about something else signs nothing
            !quoted(l.text) && UNNAMED_SIDE.is_match(l.text)
        }
    };
    // or a public body reports that it signed one agreement, with whom it
    // does not say ("Tierps kommun har tecknat ett idéburet offentligt
    // partnerskap för fritidsgården i Örbyhus")
    let counterpart = |l: &Line| {
        l.cands
            .iter()
            .any(|c| c.accepted() || matches!(c.slot, Slot::With | Slot::Between))
            // a counterpart named though no organisation ("ett avtal med
            // Arbetsförmedlingen", "med Länsstyrelsen")
            || NAMED_COUNTERPART.is_match(l.text)
    };
    let line = lines.iter().filter(stated).find(speaks).or_else(|| {
        // nobody named as the counterpart where the page states it, not
        // even a company ("Kommunen tecknar avtal om evenemang" over "...
        // har tecknat ett avtal med Norrsken Event AB")
        if lines.iter().filter(stated).any(counterpart) {
            return None;
        }
        lines
            .iter()
            .filter(stated)
            .find(|l| PUBLIC_SIGNED_ONE.is_match(l.text) && !MANY.is_match(l.text))
    })?;
    let texts: Vec<&str> = lines.iter().map(|l| l.text).collect();
    let public_parties = fields::public_parties(ctx, &[line.text], &texts, &[], people)?;
    let form = fields::form(&texts);
    let (period, amounts, yearly) = fields::time_and_money(
        &texts,
        &texts,
        &[],
        &[],
        false,
        ctx,
        &public_parties.value,
        &[],
        &[],
        false,
        &[],
    );
    Some(fields::assemble(Fields {
        form,
        partners: Vec::new(),
        public_parties: Some(public_parties),
        period,
        amounts,
        yearly,
    }))
}

/// Every line with its features and candidates, then the statements: what
/// `crate::extract::explain` prints.
pub fn explain(ctx: &Context<'_>, people: &[String]) -> String {
    use std::fmt::Write;
    let page = PageNames {
        people: people.to_vec(),
    };
    let lines = lines::read(ctx.doc, ctx.sentences, &page);
    let mut out = String::new();
    for (i, l) in lines.iter().enumerate() {
        let flags: Vec<&str> = [
            (l.strong, "agreement"),
            (l.hedged, "hedged"),
            (l.concrete, "concrete"),
            (l.anaphor, "anaphor"),
            (l.cooperation, "cooperation"),
            (l.deal, "deal"),
            (l.first_person, "we"),
        ]
        .iter()
        .filter(|(on, _)| *on)
        .map(|(_, n)| *n)
        .collect();
        let block = if l.block == lines::TITLE {
            "title".to_string()
        } else {
            l.block.to_string()
        };
        let _ = writeln!(
            out,
            "[{i}] block {block} {:?} {{{}}} {}",
            l.kind,
            flags.join(" "),
            l.text
        );
        for c in &l.cands {
            let _ = writeln!(
                out,
                "      {} {:?} slot={:?} against={:?} {:?}",
                if c.accepted() { "+" } else { "-" },
                c.name,
                c.slot,
                c.against,
                c.shape
            );
        }
    }
    for s in scope::statements(&lines) {
        let _ = writeln!(
            out,
            "statement line {} names line {} via {:?} strong={} joint={}: {:?}",
            s.line, s.names_line, s.via, s.strong, s.joint, s.names
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::content::Document;
    use crate::extract::text;
    use crate::record::{Form, Per};
    use crate::reference::Reference;

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
        agreements(&ctx, &[])
    }

    /// The agreements of a whole HTML page.
    fn run_html(html: &str) -> Vec<Agreement> {
        let page = crate::page::Page::from_file("sida.html", html.as_bytes().to_vec());
        crate::extract::extract(&page, Reference::embedded())
            .expect("page reads")
            .agreements
    }

    #[test]
    fn a_paragraph_broken_into_one_line_per_organisation_gives_one_entry_each() {
        let a = run_html(
            "<html><head><title>IOP - Norrtälje kommun</title></head><body><main>\
             <h1>Partnerskap med civilsamhället</h1>\
             <p>Kultur- och fritidsnämnden har tecknat överenskommelser om idéburet \
             offentligt partnerskap med:</p>\
             <p>Kvinnojouren Frideborg: stödverksamhet för våldsutsatta, 400 000 kronor per \
             år.<br>Norrtälje Stadsmission: mötesplats för äldre, 250 000 kronor per år.</p>\
             <p>Överenskommelserna gäller 2024–2026.</p>\
             </main></body></html>",
        );
        let got: Vec<(String, Option<i64>)> = a
            .iter()
            .map(|x| (x.partners[0].name.clone(), x.public_sek_per_year))
            .collect();
        assert_eq!(
            got,
            [
                ("Kvinnojouren Frideborg".to_string(), Some(400_000)),
                ("Norrtälje Stadsmission".to_string(), Some(250_000))
            ]
        );
    }

    #[test]
    fn a_list_item_run_by_two_organisations_is_one_joint_entry() {
        let a = run_html(
            "<html><head><title>Sommarlov - Heby kommun</title></head><body><main>\
             <h1>Sommarlov med föreningslivet</h1>\
             <p>Heby kommun har tecknat idéburna offentliga partnerskap för sommarlovet.</p>\
             <p>Partnerskapen omfattar följande verksamheter:</p>\
             <ul><li>Simskola för barn i årskurs 1–3 – Heby Simsällskap, 90 000 kronor</li>\
             <li>Läxhjälp tillsammans med Röda Korset Heby och Studieförbundet Vuxenskolan, \
             60 000 kronor</li></ul>\
             </main></body></html>",
        );
        let partners: Vec<Vec<String>> = a
            .iter()
            .map(|x| x.partners.iter().map(|p| p.name.clone()).collect())
            .collect();
        assert_eq!(
            partners,
            [
                vec!["Heby Simsällskap".to_string()],
                vec![
                    "Röda Korset Heby".to_string(),
                    "Studieförbundet Vuxenskolan".to_string()
                ]
            ]
        );
        assert_eq!(a[1].amounts[0].sek, 60_000);
    }

    #[test]
    fn a_sum_in_an_agreement_of_a_year_or_less_is_its_total() {
        let a = run(
            "Sommarlovsaktiviteter med föreningar",
            &[
                "Trollhättans stad har tecknat ett avtal med FC Stallbacka om \
                 sommarlovsaktiviteter. Avtalet gäller 17 juni 2024–16 augusti 2024.",
                "FC Stallbacka får 85 000 kronor.",
            ],
            None,
        );
        assert_eq!(a.len(), 1);
        let sums: Vec<(i64, Option<Per>)> = a[0].amounts.iter().map(|m| (m.sek, m.per)).collect();
        assert_eq!(sums, [(85_000, Some(Per::Total))]);
        // a total shorter than a year gives no yearly figure
        assert_eq!(a[0].public_sek_per_year, None);
        // the sum's evidence holds the sentence that states the period
        assert!(
            a[0].evidence
                .iter()
                .any(|e| e.field.starts_with("amounts") && e.quote.contains("16 augusti 2024"))
        );
    }

    #[test]
    fn a_tables_header_row_does_not_cut_the_rows_from_the_decision_above() {
        let a = run_html(
            "<html><head><title>Överenskommelser - Kalmar kommun</title></head><body><main>\
             <h1>Nya överenskommelser med föreningslivet</h1>\
             <p>Kalmar kommun har beslutat att teckna överenskommelser om idéburet offentligt \
             partnerskap med följande föreningar för perioden 2024–2026:</p>\
             <table><tr><th>Förening</th><th>Verksamhet</th></tr>\
             <tr><td>Kalmar Stadsmission</td><td>Värmestuga</td></tr>\
             <tr><td>Kalmar Konstförening</td><td>Konstverkstad</td></tr></table>\
             </main></body></html>",
        );
        let rows: Vec<(Form, Option<String>, Option<String>)> = a
            .iter()
            .map(|x| {
                (
                    x.form,
                    x.start.map(|d| d.to_string()),
                    x.end.map(|d| d.to_string()),
                )
            })
            .collect();
        let row = (
            Form::Iop,
            Some("2024".to_string()),
            Some("2026".to_string()),
        );
        assert_eq!(rows, [row.clone(), row]);
    }

    #[test]
    fn entries_written_as_paragraphs_broken_into_lines_are_a_list() {
        let a = run_html(
            "<html><head><title>IOP - Borlänge kommun</title></head><body><main>\
             <h1>Idéburna offentliga partnerskap</h1>\
             <p>Borlänge kommun har följande idéburna offentliga partnerskap:</p>\
             <p><strong>Brottsofferjouren Dalarna</strong><br>Stöd till brottsutsatta<br>\
             Avtalstid: 2023-01-01–2025-12-31</p>\
             <p><strong>Kvinnojouren Borlänge</strong><br>Skyddat boende<br>\
             Avtalstid: 2024-07-01–2027-06-30</p>\
             </main></body></html>",
        );
        let rows: Vec<(String, Option<String>, Option<String>)> = a
            .iter()
            .map(|x| {
                (
                    x.partners[0].name.clone(),
                    x.start.map(|d| d.to_string()),
                    x.end.map(|d| d.to_string()),
                )
            })
            .collect();
        assert_eq!(
            rows,
            [
                (
                    "Brottsofferjouren Dalarna".to_string(),
                    Some("2023-01-01".to_string()),
                    Some("2025-12-31".to_string())
                ),
                (
                    "Kvinnojouren Borlänge".to_string(),
                    Some("2024-07-01".to_string()),
                    Some("2027-06-30".to_string())
                ),
            ]
        );
    }

    #[test]
    fn a_capitalised_name_as_a_lists_term_is_its_organisation() {
        let a = run_html(
            "<html><head><title>Partnerskap - Hofors kommun</title></head><body><main>\
             <h1>Partnerskap</h1>\
             <p>Hofors kommun har tecknat IOP med två föreningar.</p>\
             <dl><dt>Hofors Fritidsbank</dt><dd>Utlåning av fritidsutrustning, 2024–2026</dd>\
             <dt>Torsåkers IF</dt><dd>Spontanidrott, 2024–2025</dd></dl>\
             </main></body></html>",
        );
        let names: Vec<&str> = a.iter().map(|x| x.partners[0].name.as_str()).collect();
        assert_eq!(names, ["Hofors Fritidsbank", "Torsåkers IF"]);
    }

    #[test]
    fn a_lead_that_calls_several_agreements_iop_gives_each_that_form() {
        let a = run_html(
            "<html><head><title>Sundsvalls kommun</title></head><body><main>\
             <h1>Nya partnerskap</h1>\
             <p>Sundsvalls kommun har tecknat två nya idéburna offentliga partnerskap.</p>\
             <h3>Hela Människan Sundsvall</h3><p>Partnerskapet gäller 2024–2027.</p>\
             <h3>Selånger FK</h3><p>Avtalet gäller till och med 2025.</p>\
             </main></body></html>",
        );
        let forms: Vec<(Form, String)> = a
            .iter()
            .map(|x| (x.form, x.partners[0].name.clone()))
            .collect();
        assert_eq!(
            forms,
            [
                (Form::Iop, "Hela Människan Sundsvall".to_string()),
                (Form::Iop, "Selånger FK".to_string())
            ]
        );
    }

    #[test]
    fn a_line_after_a_list_about_all_its_agreements_gives_each_its_period() {
        let a = run_html(
            "<html><head><title>Partnerskap - Sala kommun</title></head><body><main>\
             <h1>Partnerskap med civilsamhället</h1>\
             <p>Sala kommun har tecknat idéburna offentliga partnerskap med:</p>\
             <ul><li>Sala Kvinnojour – stödboende, 400 000 kronor per år</li>\
             <li>Röda Korset Sala – mötesplats, 150 000 kronor per år</li></ul>\
             <p>Partnerskapen gäller 2023–2025.</p>\
             </main></body></html>",
        );
        let rows: Vec<(String, Option<String>, Option<String>)> = a
            .iter()
            .map(|x| {
                (
                    x.partners[0].name.clone(),
                    x.start.as_ref().map(|d| d.to_string()),
                    x.end.as_ref().map(|d| d.to_string()),
                )
            })
            .collect();
        let y = |s: &str| Some(s.to_string());
        assert_eq!(
            rows,
            [
                ("Sala Kvinnojour".to_string(), y("2023"), y("2025")),
                ("Röda Korset Sala".to_string(), y("2023"), y("2025")),
            ]
        );
    }

    #[test]
    fn a_samordningsforbund_is_a_public_party_without_a_code_and_a_kommunalforbund_no_partner() {
        let a = run(
            "Arbetsträning",
            &["Finsam Umeå och Föreningen Gemenskap har tecknat ett avtal om arbetsträning."],
            None,
        );
        assert_eq!(a.len(), 1);
        assert_eq!(a[0].partners[0].name, "Föreningen Gemenskap");
        assert_eq!(a[0].partners.len(), 1);
        assert_eq!(a[0].public_parties[0].name, "Finsam Umeå");
        assert_eq!(a[0].public_parties[0].code, None);
        let a = run(
            "Avtal",
            &[
                "Kommunalförbundet Sörmlands Kommunförbund har tecknat ett avtal med Föreningen Gemenskap.",
            ],
            None,
        );
        let partners: Vec<&str> = a
            .iter()
            .flat_map(|x| x.partners.iter().map(|p| p.name.as_str()))
            .collect();
        assert_eq!(partners, ["Föreningen Gemenskap"]);
    }

    #[test]
    fn another_bodys_iop_gives_this_agreement_no_form() {
        let a = run(
            "Klubbarna får istider",
            &[
                "Nacka kommun har tecknat ett avtal med Nacka HC om istider. Umeå kommuns IOP med sin hockeyförening har varit en förebild.",
            ],
            None,
        );
        assert_eq!(a.len(), 1);
        assert_eq!(a[0].form, Form::Agreement);
        // the body's own IOP sentence still says it
        let a = run(
            "Klubbarna får istider",
            &[
                "Nacka kommun har tecknat ett avtal med Nacka HC om istider. Nacka kommuns IOP gäller i tre år.",
            ],
            None,
        );
        assert_eq!(a[0].form, Form::Iop);
    }

    #[test]
    fn a_persons_surname_is_no_place_of_the_page() {
        // "Berg" is a kommun, but here Anna Berg's surname: Umeå is the one place
        let a = run_html(
            "<html><head><title>Nytt IOP</title></head><body><main><h1>Nytt IOP</h1>\
             <p>Kommunen har tecknat ett IOP med Föreningen Hela Människan.</p>\
             <p>– Vi är glada, säger Anna Berg, kommunstyrelsens ordförande i Umeå.</p>\
             </main></body></html>",
        );
        assert_eq!(a.len(), 1);
        let names: Vec<&str> = a[0]
            .public_parties
            .iter()
            .map(|p| p.name.as_str())
            .collect();
        assert_eq!(names, ["Umeå kommun"]);
    }

    #[test]
    fn of_two_forms_alike_the_one_the_text_writes_beats_the_titles() {
        let a = run(
            "Fritidsbanken i Höör får nytt avtal",
            &[
                "Höörs kommun har tecknat ett idéburet offentligt partnerskap med Höörs Fritidsbank. Föreningen lånar ut utrustning gratis.",
            ],
            None,
        );
        assert_eq!(a.len(), 1);
        assert_eq!(a[0].partners[0].name, "Höörs Fritidsbank");
    }

    #[test]
    fn a_heading_that_names_an_organisation_opens_its_section_of_a_list() {
        let a = run_html(concat!(
            "<html><head><title>IOP - Sala kommun</title></head><body><main>",
            "<h1>Idéburet offentligt partnerskap</h1>",
            "<p>Sala kommun har i dag följande idéburna offentliga partnerskap.</p>",
            "<h2>Kvinnojouren Blenda</h2>",
            "<p>Stödboende för våldsutsatta. Avtalsperiod: 2024-01-01–2026-12-31. Ersättning: 650 000 kronor per år.</p>",
            "<h2>Sala Fältrittklubb</h2>",
            "<p>Ridverksamhet för barn och unga. Avtalsperiod: 2023–2025.</p>",
            "</main></body></html>"
        ));
        let got: Vec<String> = a
            .iter()
            .map(|a| {
                format!(
                    "{} {} {} {:?}",
                    a.partners[0].name,
                    a.start.map(|d| d.to_string()).unwrap_or_default(),
                    a.end.map(|d| d.to_string()).unwrap_or_default(),
                    a.public_sek_per_year
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                "Kvinnojouren Blenda 2024-01-01 2026-12-31 Some(650000)",
                "Sala Fältrittklubb 2023 2025 None",
            ]
        );
    }

    #[test]
    fn a_table_with_a_column_of_organisations_on_a_page_about_iop_lists_them() {
        let a = run_html(concat!(
            "<html><head><title>IOP</title></head><body><main><h1>IOP</h1>",
            "<table><tr><th>Förening</th><th>Verksamhet</th><th>Period</th></tr>",
            "<tr><td>Kvinnojouren Blenda</td><td>Stödboende</td><td>2024–2026</td></tr>",
            "<tr><td>Sala Fältrittklubb</td><td>Ridning</td><td>2023–2025</td></tr></table>",
            "</main></body></html>"
        ));
        let names: Vec<&str> = a.iter().map(|a| a.partners[0].name.as_str()).collect();
        assert_eq!(names, ["Kvinnojouren Blenda", "Sala Fältrittklubb"]);
        assert_eq!(a[1].end.map(|d| d.to_string()).as_deref(), Some("2025"));
    }

    #[test]
    fn a_sum_under_a_yearly_column_header_is_yearly_with_the_header_as_evidence() {
        let a = run_html(concat!(
            "<html><head><title>IOP</title></head><body><main><h1>Idéburet offentligt partnerskap</h1>",
            "<p>Sala kommun har idéburna offentliga partnerskap med dessa föreningar.</p>",
            "<table><tr><th>Förening</th><th>Period</th><th>Ersättning per år</th></tr>",
            "<tr><td>Kvinnojouren Blenda</td><td>2024–2026</td><td>650 000 kr</td></tr>",
            "<tr><td>Sala Fältrittklubb</td><td>2023–2025</td><td>120 000 kr</td></tr></table>",
            "</main></body></html>"
        ));
        assert_eq!(a.len(), 2);
        assert_eq!(a[0].amounts[0].per, Some(crate::record::Per::Year));
        assert_eq!(a[0].public_sek_per_year, Some(650_000));
        assert_eq!(a[1].public_sek_per_year, Some(120_000));
        let quotes: Vec<&str> = a[0]
            .evidence
            .iter()
            .filter(|e| e.field == "public_sek_per_year")
            .map(|e| e.quote.as_str())
            .collect();
        assert_eq!(quotes, ["650 000 kr", "Ersättning per år"]);
        // a header that says nothing of the period leaves the sum's period unsaid
        let a = run_html(concat!(
            "<html><head><title>IOP</title></head><body><main><h1>Idéburet offentligt partnerskap</h1>",
            "<p>Sala kommun har idéburna offentliga partnerskap med dessa föreningar.</p>",
            "<table><tr><th>Förening</th><th>Period</th><th>Ersättning</th></tr>",
            "<tr><td>Kvinnojouren Blenda</td><td>2024–2026</td><td>650 000 kr</td></tr>",
            "<tr><td>Sala Fältrittklubb</td><td>2023–2025</td><td>120 000 kr</td></tr></table>",
            "</main></body></html>"
        ));
        assert_eq!(a[0].amounts[0].per, None);
        assert_eq!(a[0].public_sek_per_year, None);
    }

    #[test]
    fn a_list_item_that_opens_with_its_activity_names_its_organisation_inside() {
        let a = run_html(concat!(
            "<html><body><main><h1>Kommunen tecknar IOP för sommarlovet</h1>",
            "<p>Tierps kommun har tecknat idéburna offentliga partnerskap för sommarlovet 2024. Partnerskapen omfattar följande verksamheter:</p>",
            "<ul><li>Läxhjälp och språkcafé – Röda Korset Tierp, 80 000 kronor</li>",
            "<li>Fotbollsskola för barn i årskurs 1–6 med Tierps IF, 120 000 kronor</li>",
            "<li>Simskola tillsammans med Tierps Simsällskap och Tierps IF, 60 000 kronor</li></ul>",
            "</main></body></html>"
        ));
        let got: Vec<(&str, i64)> = a
            .iter()
            .map(|x| (x.partners[0].name.as_str(), x.amounts[0].sek))
            .collect();
        // an item naming two organisations is no item of one
        assert_eq!(got, [("Röda Korset Tierp", 80_000), ("Tierps IF", 120_000)]);
        assert!(a.iter().all(|x| x.form == Form::Iop));
    }

    #[test]
    fn a_list_of_earlier_agreements_takes_no_time_from_the_new_one_above_it() {
        let a = run_html(concat!(
            "<html><body><main><h1>Nytt partnerskap med Tierps IF</h1>",
            "<p>Tierps kommun har tecknat ett idéburet offentligt partnerskap med Tierps IF. Avtalet gäller från 1 september 2024 till 31 augusti 2026.</p>",
            "<p>Tidigare har följande idéburna offentliga partnerskap tecknats:</p>",
            "<ul><li>Kvinnojouren Tierp</li><li>Hela Människan Tierp</li></ul>",
            "</main></body></html>"
        ));
        let of = |n: &str| a.iter().find(|x| x.partners[0].name == n).expect(n);
        assert_eq!(
            of("Tierps IF").start.map(|d| d.to_string()).as_deref(),
            Some("2024-09-01")
        );
        for n in ["Kvinnojouren Tierp", "Hela Människan Tierp"] {
            assert_eq!(of(n).start, None, "{n}");
            assert_eq!(of(n).end, None, "{n}");
        }
    }

    #[test]
    fn a_public_body_that_signed_one_agreement_with_an_unnamed_partner_gives_it() {
        let a = run(
            "Nytt partnerskap för fritidsgården",
            &[
                "Tierps kommun har tecknat ett idéburet offentligt partnerskap för att driva fritidsgården i Örbyhus. Avtalet gäller 2024–2026.",
            ],
            None,
        );
        assert_eq!(a.len(), 1);
        assert!(a[0].partners.is_empty());
        assert_eq!(a[0].public_parties[0].code.as_deref(), Some("0360"));
        assert_eq!(a[0].form, Form::Iop);
        // in the present tense, after an opening adverbial, without article
        for text in [
            "Nu tecknar Tierps kommun idéburet offentligt partnerskap för fritidsgården i Örbyhus.",
            "I dag har Tierps kommun undertecknat partnerskapsavtalet för fritidsgården i Örbyhus.",
            "Tierps kommun tecknar IOP-avtal för fritidsgården i Örbyhus.",
        ] {
            let a = run("Fritidsgården i Örbyhus", &[text], None);
            assert_eq!(a.len(), 1, "{text}");
            assert!(a[0].partners.is_empty(), "{text}");
        }
        // a plan, or agreements in general, are none
        for text in [
            "Tierps kommun vill teckna ett idéburet offentligt partnerskap för fritidsgården.",
            "Kommunen tecknar ofta IOP med föreningar.",
            "Tierps kommun tecknar avtal med många föreningar varje år.",
        ] {
            assert!(run("Partnerskap", &[text], None).is_empty(), "{text}");
        }
    }

    #[test]
    fn an_event_arranged_together_with_an_organisation_is_no_agreement() {
        for text in [
            "Kommunen bjuder in till ett informationsmöte i samarbete med Röda Korset Tierp.",
            "Loppet arrangeras i samarbete med Tierps IF.",
            "Kulturskolan håller sommarkurser i samarbete med Studieförbundet Vuxenskolan.",
        ] {
            assert!(run("Nyhet", &[text], None).is_empty(), "{text}");
        }
        // a standing task started, run or given together is one
        for text in [
            "Tierps kommun startar i samarbete med Tierps IF en fritidsbank i Örbyhus.",
            "Tierps kommun och Tierps IF driver tillsammans en fritidsbank i Örbyhus.",
            "Tillsammans med Tierps IF öppnar Tierps kommun en fritidsbank i Örbyhus.",
            "Tierps IF driver fritidsbanken i Örbyhus på kommunens uppdrag.",
        ] {
            let a = run("Nyhet", &[text], None);
            assert_eq!(a.len(), 1, "{text}");
            assert_eq!(a[0].partners[0].name, "Tierps IF", "{text}");
        }
    }

    #[test]
    fn the_earlier_agreement_keeps_the_sum_its_own_sentence_states() {
        let a = run(
            "Nytt IOP med Kvinnojouren Tierp",
            &[
                "Socialnämnden i Tierps kommun har beslutat att teckna ett nytt idéburet offentligt partnerskap med Kvinnojouren Tierp för 2024–2026. Kommunen betalar 400 000 kronor per år.",
                "Det tidigare avtalet gällde 2020–2023 och omfattade 300 000 kronor per år.",
            ],
            None,
        );
        let sums: Vec<(String, Vec<i64>, Option<i64>)> = a
            .iter()
            .map(|x| {
                (
                    x.start.map(|d| d.to_string()).unwrap_or_default(),
                    x.amounts.iter().map(|m| m.sek).collect(),
                    x.public_sek_per_year,
                )
            })
            .collect();
        assert_eq!(
            sums,
            [
                ("2024".to_string(), vec![400_000], Some(400_000)),
                ("2020".to_string(), vec![300_000], Some(300_000))
            ]
        );
    }

    #[test]
    fn an_earlier_agreement_too_vague_for_an_entry_gives_the_new_one_no_time() {
        let a = run(
            "Nytt avtal med Kvinnojouren Blenda",
            &[
                "Kvinnojouren Blenda och Västerås stad har tecknat ett nytt avtal om stödboende från 2025.",
                "Det tidigare avtalet var treårigt.",
            ],
            None,
        );
        assert_eq!(a.len(), 1);
        assert_eq!(a[0].start.map(|d| d.to_string()).as_deref(), Some("2025"));
        assert_eq!((a[0].end, a[0].duration_months), (None, None));
    }

    #[test]
    fn sums_of_two_named_years_are_never_added_into_one_yearly_figure() {
        let a = run(
            "IOP med Brottsofferjouren",
            &[
                "Region Skåne har ingått ett IOP med Brottsofferjouren Mellersta Skåne.",
                "Brottsofferjouren Mellersta Skåne får 1,5 miljoner kronor under 2024 och 1,6 miljoner kronor under 2025.",
            ],
            None,
        );
        assert_eq!(a.len(), 1);
        let sums: Vec<i64> = a[0].amounts.iter().map(|m| m.sek).collect();
        assert_eq!(sums, [1_500_000, 1_600_000]);
        assert_eq!(a[0].public_sek_per_year, None);
    }

    #[test]
    fn a_payment_given_as_known_in_its_own_paragraph_is_the_agreements() {
        let sums = |para: &str| {
            let a = run(
                "IOP med Kvinnojouren Frida",
                &[
                    "Uppsala kommun har tecknat ett idéburet offentligt partnerskap med Kvinnojouren Frida.",
                    para,
                ],
                None,
            );
            assert_eq!(a.len(), 1, "{para}");
            (
                a[0].amounts.iter().map(|m| m.sek).collect::<Vec<_>>(),
                a[0].public_sek_per_year,
            )
        };
        assert_eq!(
            sums("Den årliga ersättningen är 800 000 kronor."),
            (vec![800_000], Some(800_000))
        );
        assert_eq!(
            sums("Kommunens ersättning uppgår till 450 000 kr årligen."),
            (vec![450_000], Some(450_000))
        );
        assert_eq!(
            sums("Uppsala kommun går in med 250 000 kronor per år."),
            (vec![250_000], Some(250_000))
        );
        // a sum of something else in a paragraph of its own stays out
        assert_eq!(
            sums("Kommunens budget för socialtjänsten är 300 miljoner kronor."),
            (vec![], None)
        );
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
    fn a_deal_by_its_verb_takes_a_name_in_a_weak_slot_when_the_page_has_no_other() {
        let a = run(
            "Nytt kafé i biblioteket",
            &[
                "Kaféet i Norrköpings stadsbibliotek drivs från och med 1 maj av Kafferepet på uppdrag av Norrköpings kommun.",
                "Kommunen betalar 200 000 kronor per år.",
            ],
            None,
        );
        assert_eq!(a.len(), 1);
        assert_eq!(a[0].partners[0].name, "Kafferepet");
        assert_eq!(a[0].public_parties[0].code.as_deref(), Some("0581"));
        // a name in a weak slot of a sentence that states no deal stays out
        let a = run(
            "Nytt kafé i biblioteket",
            &["Kaféet i Norrköpings stadsbibliotek får besök av Kafferepet från och med 1 maj."],
            None,
        );
        assert!(a.is_empty());
    }

    #[test]
    fn a_name_the_sentence_compares_with_is_no_joint_partner() {
        let a = run(
            "Nya överenskommelser",
            &["Utöver LP-föreningen har Tranås kommun nu tecknat ett IOP med Kvinnojouren Tranås."],
            None,
        );
        assert!(a.iter().all(|x| x.partners.len() == 1));
        assert!(
            a.iter()
                .any(|x| x.partners[0].name == "Kvinnojouren Tranås")
        );
    }

    #[test]
    fn an_agreement_whose_partner_the_page_never_names_has_no_partners() {
        let url = Some("https://www.gemenskapen.se/nyheter/nytt-avtal");
        for line in [
            "Vår förening har tecknat ett IOP-avtal med Ale kommun.",
            "Föreningen har nu skrivit ett avtal med Region Skåne om stöd till unga.",
            "Ale kommun och föreningen har ingått ett IOP om en mötesplats.",
            "Ale kommun har tecknat ett idéburet offentligt partnerskap med oss.",
        ] {
            let a = run("Nytt avtal", &[line, "Vi ser fram emot samarbetet."], url);
            assert_eq!(a.len(), 1, "{line}");
            assert!(a[0].partners.is_empty(), "{line}");
            assert_eq!(a[0].public_parties.len(), 1, "{line}");
        }
        // on the public body's own site "föreningen" is someone it does not name
        let a = run(
            "Nytt avtal",
            &["Ale kommun och föreningen har ingått ett IOP om en mötesplats."],
            Some("https://www.ale.se/nyheter/nytt-avtal"),
        );
        assert!(a.is_empty());
        // a saved page without its address: the body it names is taken as
        // the publisher, and "vår förening" still speaks for the partner
        let a = run(
            "Nytt avtal",
            &["Vår förening har tecknat ett IOP-avtal med Västerås stad."],
            None,
        );
        assert_eq!(a.len(), 1);
        assert!(a[0].partners.is_empty());
        assert_eq!(a[0].public_parties[0].name, "Västerås stad");
    }

    #[test]
    fn a_sentence_with_the_ended_and_the_new_agreement_gives_two() {
        let a = run(
            "Nytt avtal med Läxhjälpen",
            &[
                "Det gamla avtalet mellan Uppsala kommun och Läxhjälpen gällde 2019–2021 och nu har kommunen tecknat ett nytt IOP-avtal med Läxhjälpen för 2022–2024.",
            ],
            None,
        );
        assert_eq!(a.len(), 2);
        assert_eq!(a[0].partners[0].name, "Läxhjälpen");
        let iso = |d: &Option<crate::record::PartialDate>| d.as_ref().map(|d| d.to_string());
        assert_eq!(iso(&a[0].start).as_deref(), Some("2022"));
        assert_eq!(iso(&a[0].end).as_deref(), Some("2024"));
        assert_eq!(iso(&a[1].start).as_deref(), Some("2019"));
        assert_eq!(iso(&a[1].end).as_deref(), Some("2021"));
    }

    #[test]
    fn a_name_in_a_weak_slot_is_the_last_resort() {
        // no organisation in a strong place: the one the work is done by
        let a = run(
            "Nytt partnerskap",
            &[
                "Uppsala kommun har tecknat ett IOP-avtal om mötesplatsen i Gränby. Verksamheten drivs av Gränby Hjärta.",
            ],
            None,
        );
        assert_eq!(a.len(), 1);
        assert_eq!(a[0].partners[0].name, "Gränby Hjärta");
        // a partner in a strong place leaves the weak one out
        let a = run(
            "Nytt partnerskap",
            &[
                "Uppsala kommun har tecknat ett IOP-avtal med Gränby Hjärta. Lokalen hyrs av Gränby Bygdeband.",
            ],
            None,
        );
        assert_eq!(a.len(), 1);
        assert_eq!(a[0].partners[0].name, "Gränby Hjärta");
        // a byline is a person, whatever the first name
        let a = run(
            "Nytt partnerskap",
            &[
                "Text av Zorro Nilsberg",
                "Uppsala kommun har tecknat ett IOP-avtal om mötesplatsen i Gränby.",
            ],
            None,
        );
        // (the agreement stands, its partner unnamed)
        assert!(a.iter().all(|x| x.partners.is_empty()), "{a:?}");
    }

    #[test]
    fn a_task_given_or_agreed_without_an_agreement_noun() {
        for text in [
            "Uppsala kommun och Gränby Hjärta har kommit överens om att fortsätta samarbetet kring mötesplatsen i tre år till.",
            "Uppsala kommun ger Gränby Hjärta i uppdrag att driva mötesplatsen under 2024.",
            "Uppsala kommun har valt Gränby Hjärta som utförare av mötesplatsen.",
            "Uppsala kommun har tilldelat Gränby Hjärta driften av mötesplatsen.",
        ] {
            let a = run("Mötesplatsen i Gränby", &[text], None);
            assert_eq!(a.len(), 1, "{text}");
            assert_eq!(a[0].partners[0].name, "Gränby Hjärta", "{text}");
        }
        // a task given to a person is no agreement
        let a = run(
            "Utredning",
            &["Uppsala kommun ger Anna Berg i uppdrag att utreda frågan."],
            None,
        );
        assert!(a.is_empty());
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

    /// Partners, start, end and yearly figure of one agreement.
    type Summary = (Vec<String>, Option<String>, Option<String>, Option<i64>);

    /// A summary of each agreement.
    fn summary(a: &[Agreement]) -> Vec<Summary> {
        a.iter()
            .map(|x| {
                (
                    x.partners.iter().map(|p| p.name.clone()).collect(),
                    x.start.map(|d| d.to_string()),
                    x.end.map(|d| d.to_string()),
                    x.public_sek_per_year,
                )
            })
            .collect()
    }

    #[test]
    fn the_agreements_time_and_money_go_back_to_the_line_that_states_it() {
        // a model made "i samarbete med" another organisation sits between
        // the agreement and its period: "Partnerskapet" is Röda Korset's
        let a = run(
            "Nytt partnerskap mot ensamhet",
            &[
                "Härnösands kommun och Röda Korset Härnösand har tecknat ett idéburet offentligt partnerskap om besöksverksamhet för äldre.",
                "Verksamheten bygger på en modell som tagits fram av Äldreforum i samarbete med Äldrekontakt Norr.",
                "Partnerskapet gäller från den 1 november 2024 till den 31 oktober 2027. Kommunen bidrar med 350 000 kronor per år.",
            ],
            Some("https://www.harnosand.se/nyheter/x"),
        );
        let rk = summary(&a)
            .into_iter()
            .find(|x| x.0 == ["Röda Korset Härnösand"])
            .expect("Röda Korset's agreement");
        assert_eq!(
            rk,
            (
                vec!["Röda Korset Härnösand".to_string()],
                Some("2024-11-01".to_string()),
                Some("2027-10-31".to_string()),
                Some(350_000)
            )
        );
        let other = a
            .iter()
            .find(|x| x.partners.iter().any(|p| p.name == "Äldrekontakt Norr"));
        assert!(
            other.is_none_or(|x| x.public_sek_per_year.is_none() && x.start.is_none()),
            "{a:?}"
        );
    }

    #[test]
    fn a_university_is_no_partner() {
        let a = run(
            "Nytt partnerskap",
            &[
                "Härnösands kommun och Röda Korset Härnösand har tecknat ett idéburet offentligt partnerskap.",
                "Modellen har tagits fram i samarbete med Mittuniversitetet.",
                "Partnerskapet gäller 2024–2026.",
            ],
            Some("https://www.harnosand.se/nyheter/x"),
        );
        let names: Vec<Vec<String>> = summary(&a).into_iter().map(|x| x.0).collect();
        assert_eq!(names, [vec!["Röda Korset Härnösand".to_string()]]);
    }

    #[test]
    fn plural_agreements_in_the_next_paragraph_part_the_organisations_and_their_pot() {
        let a = run(
            "Föreningar sköter idrottsplatser",
            &[
                "Fritidsnämnden i Hudiksvalls kommun har beslutat att teckna skötselavtal med Delsbo IF, Forsa IF och Iggesunds IK. Föreningarna får tillsammans 1,2 miljoner kronor per år.",
                "Avtalen gäller i fem år från den 1 april 2024.",
            ],
            Some("https://www.hudiksvall.se/nyheter/x"),
        );
        let s = summary(&a);
        assert_eq!(s.len(), 3, "{a:?}");
        for x in s {
            assert_eq!(x.1.as_deref(), Some("2024-04-01"));
            assert_eq!(x.2.as_deref(), Some("2029-03-31"));
            // one pot for three with no share stated is no yearly figure of any
            assert_eq!(x.3, None);
        }
    }

    #[test]
    fn an_unnamed_organisation_is_a_partner_only_as_a_side_of_the_agreement() {
        // the organisation's own site: "Vår förening har ingått ett avtal"
        let a = run(
            "IOP-avtal med kommunen",
            &[
                "Vår förening har ingått ett avtal med Oskarshamns kommun om ett idéburet offentligt partnerskap under perioden 2020–2022.",
            ],
            Some("https://www.exempelforeningen.se/iop"),
        );
        assert_eq!(a.len(), 1, "{a:?}");
        assert!(a[0].partners.is_empty());
        assert_eq!(a[0].public_parties[0].name, "Oskarshamns kommun");
        // a newspaper: "vi" in a quote is whoever speaks, and "föreningen"
        // that only receives something signs nothing
        let a = run(
            "Fler får hjälp med läxorna",
            &[
                "– Vi har tecknat avtalet med Oskarshamns kommun för att fler ska få hjälp, säger Eva Ek.",
                "Föreningen tar emot ett bidrag enligt avtalet med Oskarshamns kommun.",
            ],
            Some("https://www.lokaltidningen.se/nyheter/x"),
        );
        assert!(a.is_empty(), "{a:?}");
        // a public body reports an agreement with a counterpart it names,
        // though no organisation: no agreement of the register
        let a = run(
            "Nytt avtal om praktik",
            &[
                "Umeå kommun har tecknat ett avtal med Arbetsförmedlingen om praktikplatser för unga.",
            ],
            Some("https://www.umea.se/nyheter/x"),
        );
        assert!(a.is_empty(), "{a:?}");
    }

    #[test]
    fn an_organisation_only_said_to_cooperate_once_in_passing_is_no_partner() {
        // no organisation is tied to the agreement: the public body's
        // agreement has no named partner, and the clubs the venue cooperates
        // with, named once, are none
        let a = run(
            "Nytt partnerskap för fritidsgården",
            &[
                "Tierps kommun har tecknat ett idéburet offentligt partnerskap för fritidsgården i Örbyhus. Överenskommelsen gäller 2024–2026.",
                "Fritidsgården har öppet fyra kvällar i veckan och har ungefär 40 besökare per kväll.",
                "Gården samverkar sedan länge med Örbyhus IF och Tierps Brukshundklubb.",
            ],
            Some("https://www.tierp.se/nyheter/x"),
        );
        assert_eq!(a.len(), 1, "{a:?}");
        assert!(a[0].partners.is_empty());
        assert_eq!(a[0].form, crate::record::Form::Iop);
        // one the page comes back to stays
        let a = run(
            "Läxhjälp i samverkan",
            &[
                "Läxhjälpen på biblioteket i Tierp sker i samverkan med Studieförbundet Vuxenskolan.",
                "Varje tisdag kommer volontärer från Studieförbundet Vuxenskolan och hjälper elever med läxorna.",
            ],
            Some("https://www.tierp.se/nyheter/y"),
        );
        let names: Vec<Vec<String>> = summary(&a).into_iter().map(|x| x.0).collect();
        assert_eq!(names, [vec!["Studieförbundet Vuxenskolan".to_string()]]);
    }

    #[test]
    fn a_name_beside_a_plain_agreement_must_look_like_an_organisation() {
        // the sentence of the agreement names nobody; the next one names a
        // firm with no organisation's shape: no partner
        let a = run(
            "Nytt avtal om skötseln",
            &[
                "Hörby kommun har skrivit ett nytt avtal om skötseln av idrottsplatsen. Avtalet gäller 2024–2026. Gräsklippningen sköts av Green Landscaping.",
            ],
            Some("https://www.horby.se/nyheter/x"),
        );
        assert!(
            a.iter()
                .all(|x| x.partners.iter().all(|p| p.name != "Green Landscaping")),
            "{a:?}"
        );
        // a club by its shape stays
        let a = run(
            "Nytt avtal om skötseln",
            &[
                "Hörby kommun har skrivit ett nytt avtal om skötseln av idrottsplatsen. Avtalet gäller 2024–2026. Gräsklippningen sköts av Hörby FF.",
            ],
            Some("https://www.horby.se/nyheter/x"),
        );
        let names: Vec<Vec<String>> = summary(&a).into_iter().map(|x| x.0).collect();
        assert_eq!(names, [vec!["Hörby FF".to_string()]]);
    }

    #[test]
    fn cooperations_between_organisations_and_agreements_of_a_group_are_none_of_the_page() {
        let a = run(
            "Nytt avtal ger jouren trygghet",
            &[
                "Kvinnojouren Ronja i Ludvika har tecknat ett IOP-avtal med Ludvika kommun. Avtalet gäller i tre år och ger jouren 600 000 kronor per år.",
                "Jouren har tidigare fått föreningsbidrag, men med avtalet kan verksamheten planeras långsiktigt. Jouren samarbetar också med Brottsofferjouren Dalarna och polisen i Ludvika.",
                "Enligt Sveriges Kvinno- och Tjejjourers Riksförbund har allt fler jourer tecknat IOP med sina kommuner.",
            ],
            Some("https://www.ludvika.se/nyheter/x"),
        );
        let names: Vec<Vec<String>> = summary(&a).into_iter().map(|x| x.0).collect();
        assert_eq!(names, [vec!["Kvinnojouren Ronja i Ludvika".to_string()]]);
        assert_eq!(a[0].public_sek_per_year, Some(600_000));
    }

    #[test]
    fn a_club_that_takes_over_the_running_after_the_verb_is_the_partner() {
        let a = run(
            "Ny drift av idrottsplatsen",
            &[
                "Från 1 maj tar Lindesbergs FF över driften av Ängens IP. Det har kultur- och fritidsnämnden i Lindesbergs kommun beslutat.",
                "Föreningen får 350 000 kronor per år för skötseln.",
            ],
            Some("https://www.lindesberg.se/nyheter/x"),
        );
        let s = summary(&a);
        assert_eq!(s.len(), 1, "{a:?}");
        assert_eq!(s[0].0, ["Lindesbergs FF"]);
        assert_eq!(s[0].3, Some(350_000));
    }

    #[test]
    fn an_organisation_that_helped_funded_or_advised_is_no_party() {
        for (helper, text) in [
            (
                "Svenska Simförbundet",
                "Avtalet är framtaget i dialog med Svenska Simförbundet och Värmlands Idrottsförbund.",
            ),
            (
                "Brottsofferjourernas Riksförbund",
                "Avtalet har tagits fram med stöd av Brottsofferjourernas Riksförbund.",
            ),
            (
                "Stiftelsen Läxhjälpen",
                "Verksamheten har tidigare finansierats med stöd från Allmänna arvsfonden och Stiftelsen Läxhjälpen.",
            ),
        ] {
            let a = run(
                "Avtal klart för simhallen",
                &[
                    "Kommunstyrelsen i Arvika har godkänt ett avtal med Arvika Simsällskap om driften av simhallen.",
                    text,
                    "Avtalet gäller från 1 augusti 2024 till 31 juli 2027 och kommunen betalar 1,2 miljoner kronor per år.",
                ],
                Some("https://www.arvika.se/nyheter/x"),
            );
            let s = summary(&a);
            assert_eq!(s.len(), 1, "{helper}: {a:?}");
            assert_eq!(s[0].0, ["Arvika Simsällskap"], "{helper}");
            assert_eq!(s[0].3, Some(1_200_000), "{helper}");
        }
    }

    #[test]
    fn the_partnership_goes_back_to_its_lead_past_paragraphs_naming_others() {
        let a = run(
            "Nytt partnerskap mot ensamhet",
            &[
                "Härnösands kommun och Röda Korset Härnösand har tecknat ett idéburet offentligt partnerskap om besöksverksamhet.",
                "Verksamheten bygger på en modell från Mittuniversitetet.",
                "– Ensamheten är ett av de stora folkhälsoproblemen, säger Eva Lind.",
                "Föreningen samarbetar också med Svenska kyrkan i Härnösand kring julfirande.",
                "Partnerskapet gäller från den 1 november 2024 och upphör att gälla vid utgången av 2027. Kommunen bidrar med 350 000 kronor per år.",
            ],
            Some("https://www.harnosand.se/nyheter/x"),
        );
        let s = summary(&a);
        assert_eq!(s.len(), 1, "{a:?}");
        assert_eq!(
            s[0],
            (
                vec!["Röda Korset Härnösand".to_string()],
                Some("2024-11-01".to_string()),
                Some("2027-12-31".to_string()),
                Some(350_000)
            )
        );
    }

    #[test]
    fn an_organisation_that_welcomes_the_agreement_is_no_party() {
        let a = run(
            "Avtal om skyddat boende",
            &[
                "Kungälvs kommun har tecknat ett avtal om skyddat boende med Kvinnojouren Frideborg. Avtalet gäller i två år från 1 maj 2024.",
                "Även Tjejjouren Väst, som arbetar med unga tjejer, välkomnar avtalet.",
            ],
            Some("https://www.kungalv.se/nyheter/x"),
        );
        let names: Vec<Vec<String>> = summary(&a).into_iter().map(|x| x.0).collect();
        assert_eq!(names, [vec!["Kvinnojouren Frideborg".to_string()]]);
    }

    #[test]
    fn the_new_partnership_goes_back_to_the_line_that_states_a_new_one() {
        let a = run(
            "Fler partnerskap i Mölndal",
            &[
                "Mölndals stad har tecknat ett nytt idéburet offentligt partnerskap med Föreningen Gatans Röst om stöd till personer i hemlöshet. Staden har sedan tidigare partnerskap med Mölndals Stadsmission.",
                "Det nya partnerskapet gäller 2024–2026.",
            ],
            Some("https://www.molndal.se/nyheter/x"),
        );
        let s = summary(&a);
        let of = |n: &str| s.iter().find(|x| x.0 == [n]).expect(n).clone();
        assert_eq!(of("Föreningen Gatans Röst").1.as_deref(), Some("2024"));
        assert_eq!(of("Föreningen Gatans Röst").2.as_deref(), Some("2026"));
        assert_eq!(of("Mölndals Stadsmission").1, None);
    }
}
