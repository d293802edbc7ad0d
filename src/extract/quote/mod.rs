//! Quotes: every direct quote of the article, after a dash ("– Vi är glada,
//! säger Anna Berg, ordförande."), in quotation marks (”...”, "...", »...«),
//! or unmarked with its attribution (", säger NAME, ROLE." at the end, or
//! "NAME, ROLE, säger:" at the start), with speaker, role, organisation and
//! party letters. Pure; uses `record`, `regex` and the two helpers below:
//! - `names`: name, party and title patterns; the page's table of people
//! - `attribution`: the ", säger ..." clause and who it names
//!
//! Rules (shared/spec/annotation.md, "Quotes"): a quote running over
//! several paragraphs, or around its attribution, is one quote; a new dash
//! paragraph after an attribution is a new quote by the same speaker; a
//! dash answer in an interview belongs to the person interviewed; a quote
//! said by two people gives one entry each; a speaker quoted again without a
//! title keeps the title and party given elsewhere on the page; quotes whose
//! speaker is never named, and wording quoted from documents, are left out.

mod attribution;
pub mod names;

use std::borrow::Cow;
use std::sync::LazyLock;

use crate::extract::pattern::Pattern;

use crate::record::Quote;
use attribution::{Attribution, Speaker, Who};
use names::People;

/// The verbs that attribute a quote ("säger", "berättar", "menar" ...), as
/// a regex alternation.
pub use attribution::VERB as ATTRIBUTION_VERB;

/// Dashes that open a quoted paragraph.
const DASHES: [char; 3] = ['–', '—', '-'];
/// Quotation marks, opening or closing.
const MARKS: [char; 6] = ['”', '"', '»', '«', '“', '„'];

/// "Anna Berg, ordförande, säger:" opening a paragraph.
static INTRO: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(&format!(
        r"^(?P<name>{n})(?P<party>\s*\(\s*(?i:KD|MP|SD|M|S|V|L|C)\s*\))?(?:\s*,\s*(?P<role>[^:]{{1,160}}?))?,?\s+{v}:\s*(?P<rest>.*)$",
        n = *names::NAME,
        v = attribution::VERB
    ))
    .expect("valid regex")
});

/// "Anna Berg, ordförande i föreningen:" alone in a paragraph, a dash quote
/// after it: the speaker introduced as in an interview.
static LABEL: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(&format!(
        r"^(?P<name>{n})(?P<party>\s*\(\s*(?i:KD|MP|SD|M|S|V|L|C)\s*\))?\s*,\s*(?P<role>[^:,.!?]{{1,120}}?)\s*:\s*(?P<rest>)$",
        n = *names::NAME,
    ))
    .expect("valid regex")
});

/// "Socialchefen Maria Nilsson:" alone in a paragraph, a dash quote after
/// it: the title before the name.
static ROLE_LABEL: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(&format!(
        r"^(?P<role>(?i:{r}))\s+(?P<name>{n})(?P<party>\s*\(\s*(?i:KD|MP|SD|M|S|V|L|C)\s*\))?\s*:\s*(?P<rest>)$",
        r = names::ROLE_NOUN,
        n = *names::NAME,
    ))
    .expect("valid regex")
});

/// The introduction of a speaker that opens paragraph `i`: "NAME, ROLE,
/// säger: ...", or "NAME, ROLE:" or "ROLE NAME:" alone before a dash quote.
fn intro<'p>(paragraphs: &'p [String], i: usize) -> Option<crate::extract::pattern::Captures<'p>> {
    let p = &paragraphs[i];
    INTRO.captures(p).or_else(|| {
        let dash_next = paragraphs
            .get(i + 1)
            .is_some_and(|n| n.trim_start().starts_with(DASHES));
        (dash_next && p.ends_with(':'))
            .then(|| LABEL.captures(p).or_else(|| ROLE_LABEL.captures(p)))
            .flatten()
    })
}

/// "Hon fortsätter:", "Han säger också:": the last speaker goes on in the
/// next paragraph.
static GOES_ON: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(&format!(
        r"^(?i:hon|han|hen)\s+{v}(?:\s+(?:också|även|vidare|sedan|då))?\s*:$",
        v = attribution::VERB
    ))
    .expect("valid regex")
});

/// How a paragraph opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    Dash,
    Quoted,
    Plain,
}

fn mark(p: &str) -> Mark {
    let mut chars = p.chars();
    match chars.next() {
        Some(c) if DASHES.contains(&c) => {
            let next = chars.find(|c| !c.is_whitespace());
            if next.is_some_and(|n| n.is_uppercase() || n.is_ascii_digit() || MARKS.contains(&n)) {
                Mark::Dash
            } else {
                Mark::Plain
            }
        }
        Some(c) if MARKS.contains(&c) => Mark::Quoted,
        _ => Mark::Plain,
    }
}

/// The paragraph without its opening dash or quotation mark.
fn body(p: &str) -> &str {
    p.trim_start_matches(|c: char| DASHES.contains(&c) || MARKS.contains(&c) || c.is_whitespace())
}

/// Quoted words made tidy: no dash, quotation marks, attribution comma or
/// closing full stop.
fn tidy(s: &str) -> String {
    s.trim()
        .trim_start_matches(|c: char| {
            DASHES.contains(&c) || MARKS.contains(&c) || c.is_whitespace()
        })
        .trim_end_matches(|c: char| {
            MARKS.contains(&c) || matches!(c, ',' | '.' | ';' | ':' | '´' | '\'' | '’' | ' ')
        })
        .to_string()
}

/// Join quote pieces into one text, each piece a sentence.
fn join(pieces: &[String]) -> String {
    let mut out = String::new();
    for p in pieces.iter().map(|p| tidy(p)).filter(|p| !p.is_empty()) {
        if !out.is_empty() {
            if !out.ends_with(['.', '!', '?']) {
                out.push('.');
            }
            out.push(' ');
        }
        out.push_str(&p);
    }
    out
}

/// True when a paragraph was cut off mid-sentence.
fn truncated(p: &str) -> bool {
    !p.trim_end()
        .ends_with(['.', '!', '?', '”', '"', '»', '…', ')'])
}

/// A speaker's name cut off where the page's text ends ("..., tycker Jonas
/// Nil"): the one person named in full elsewhere whose name it begins.
fn cut_name(p: &str, name: &str, people: &People) -> Option<usize> {
    if !truncated(p) || !p.trim_end().ends_with(name) || !name.contains(' ') {
        return None;
    }
    let longer: Vec<usize> = (0..people.persons.len())
        .filter(|&i| {
            people.persons[i]
                .name
                .strip_prefix(name)
                .is_some_and(|rest| rest.starts_with(char::is_alphabetic))
        })
        .collect();
    match longer.as_slice() {
        [i] => Some(*i),
        _ => None,
    }
}

/// A dash quote that opens after a sentence inside a paragraph (where a
/// page ran two paragraphs together: "Kommunalrådet är nöjd. – Det är ett
/// viktigt steg, säger hon.") opens a paragraph of its own.
fn dash_turns(paragraphs: &[String]) -> Cow<'_, [String]> {
    static TURN: LazyLock<Pattern> =
        LazyLock::new(|| Pattern::new(r"[.!?]\s+[–—]\s+\p{Lu}").expect("valid regex"));
    if !paragraphs.iter().any(|p| TURN.is_match(p)) {
        return Cow::Borrowed(paragraphs);
    }
    let mut out = Vec::with_capacity(paragraphs.len());
    for p in paragraphs {
        let mut from = 0;
        for m in TURN.find_iter(p) {
            // the dash, after the sentence's end and its space
            let dash = m.start() + p[m.start()..].find(['–', '—']).unwrap_or(1);
            out.push(p[from..m.start() + 1].to_string());
            from = dash;
        }
        out.push(p[from..].to_string());
    }
    Cow::Owned(out)
}

/// What the paragraph before the current one was.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Before {
    Start,
    /// A quote; `continues` when its attribution ends in a colon.
    Quote {
        continues: bool,
    },
    /// Narrative: ends in a question or in a colon.
    Text {
        question: bool,
        colon: bool,
    },
}

/// Every direct quote in the paragraphs, in order.
pub fn quotes(paragraphs: &[String]) -> Vec<Quote> {
    quotes_and_people(paragraphs).0
}

/// The quotes of a page with its headline: a headline that is itself a
/// quote ("– Vi fick tidigt frågan ..., säger Elaine Sanches.") is read as
/// the first paragraph, and left out when the article repeats its words.
pub fn page_quotes(title: Option<&str>, paragraphs: &[String]) -> (Vec<Quote>, Vec<String>) {
    let Some(title) = title.filter(|t| matches!(mark(t), Mark::Dash | Mark::Quoted)) else {
        return quotes_and_people(paragraphs);
    };
    let all: Vec<String> = std::iter::once(title.to_string())
        .chain(paragraphs.iter().cloned())
        .collect();
    let (mut quotes, people) = quotes_and_people(&all);
    let from_title = quotes
        .iter()
        .take_while(|q| title.contains(q.text.as_str()))
        .count();
    let repeated = quotes[..from_title].iter().all(|t| {
        quotes[from_title..]
            .iter()
            .any(|q| q.text.contains(&t.text) || t.text.contains(&q.text))
    });
    if from_title > 0 && repeated {
        quotes.drain(..from_title);
    }
    (quotes, people)
}

/// The quotes of a page and the full names of the people it names
/// (speakers, people named with a title or party), for steps that must not
/// take a person for an organisation.
pub fn quotes_and_people(paragraphs: &[String]) -> (Vec<Quote>, Vec<String>) {
    let split = dash_turns(paragraphs);
    let paragraphs = &split[..];
    let attrs: Vec<Option<Attribution>> = paragraphs
        .iter()
        .enumerate()
        .map(|(i, p)| match mark(p) {
            Mark::Plain if intro(paragraphs, i).is_some() => None,
            _ => attribution::find(p),
        })
        .collect();
    let people = people(paragraphs, &attrs);
    let mut out = Vec::new();
    let mut pending: Vec<String> = Vec::new();
    let mut last: Option<usize> = None;
    let mut last_named = false;
    let mut last_quote: Option<usize> = None;
    let mut before = Before::Start;
    for (i, p) in paragraphs.iter().enumerate() {
        let m = mark(p);
        if let Some(a) = &attrs[i] {
            let mut pieces = std::mem::take(&mut pending);
            let (head, tail) = marked_parts(p, m, a.start, a.end);
            pieces.push(head.to_string());
            pieces.push(tail.to_string());
            let text = join(&pieces);
            let mut who = resolve(&a.who, &people, i, a.start);
            for s in &mut who {
                if let Some(full) = cut_name(p, &s.name, &people) {
                    *s = named_speaker(&people, full);
                }
            }
            // two words are a quote when a dash or quotation marks say so
            // ("– Mycket glädjande, säger ..."), not "Det här säger ..."
            let least = if m == Mark::Plain { 3 } else { 2 };
            if who.is_empty() || text.split_whitespace().count() < least {
                before = text_before(p);
                continue;
            }
            for s in &who {
                out.push(quote(s, &people, &text));
            }
            last_quote = Some(i);
            last = people.find(&who[0].name);
            last_named = matches!(a.who, Who::Named(_));
            before = Before::Quote {
                continues: a.continues,
            };
            continue;
        }
        if let Some(c) = (m == Mark::Plain).then(|| intro(paragraphs, i)).flatten() {
            pending.clear();
            let name = &c["name"];
            let idx = people.find(name);
            let rest = tidy(&c["rest"]);
            if let (Some(idx), false) = (idx, rest.is_empty()) {
                let s = named_speaker(&people, idx);
                out.push(quote(&s, &people, &rest));
                last_quote = Some(i);
                last = Some(idx);
                last_named = true;
                before = Before::Quote { continues: false };
            } else {
                before = Before::Text {
                    question: false,
                    colon: true,
                };
                if idx.is_some() {
                    before = Before::Quote { continues: true };
                    last = idx;
                    last_named = true;
                }
            }
            continue;
        }
        let next_marked = paragraphs
            .get(i + 1)
            .is_some_and(|n| mark(n) == m && m != Mark::Plain);
        match m {
            Mark::Dash | Mark::Quoted => {
                let closed = m == Mark::Dash || body(p).contains(MARKS);
                let after_quote = matches!(before, Before::Quote { .. }) && pending.is_empty();
                if next_marked && ((m == Mark::Dash && !after_quote) || !closed) {
                    pending.push(body(p).to_string());
                    continue;
                }
                // a paragraph in quotation marks right after "NAME, ROLE,
                // säger:" is what the speaker said
                let introduced_quote = m == Mark::Quoted
                    && pending.is_empty()
                    && closed
                    && matches!(before, Before::Quote { continues: true })
                    && last.is_some();
                if !pending.is_empty() || (m == Mark::Quoted && !introduced_quote) {
                    pending.clear();
                    before = text_before(p);
                    continue;
                }
                let recent = introduced(&people, i, last_quote);
                let speaker = match before {
                    Before::Quote {
                        continues: true, ..
                    } => last,
                    Before::Text { question: true, .. } => recent.or(last),
                    _ if truncated(p) && last_named => None,
                    Before::Quote { .. } => last,
                    // "Kommunalrådet Per Ek (S) är nöjd:": the person the
                    // colon's paragraph names speaks; a colon that names no
                    // one leads a list
                    Before::Text { colon: true, .. } if i > 0 => named_in(&people, i - 1),
                    Before::Text { colon: true, .. } => None,
                    Before::Text { .. } => recent.or(last),
                    Before::Start => None,
                };
                let text = tidy(body(p));
                if let (Some(idx), false) = (speaker, text.split_whitespace().count() < 3) {
                    let s = named_speaker(&people, idx);
                    out.push(quote(&s, &people, &text));
                    last_quote = Some(i);
                    last = Some(idx);
                    last_named = false;
                    before = Before::Quote { continues: false };
                } else {
                    before = text_before(p);
                }
            }
            Mark::Plain => {
                pending.clear();
                before = match before {
                    Before::Quote {
                        continues: true, ..
                    } if last.is_some() => {
                        let s = named_speaker(&people, last.expect("checked"));
                        out.push(quote(&s, &people, &tidy(p)));
                        last_quote = Some(i);
                        Before::Quote { continues: false }
                    }
                    _ if last.is_some() && GOES_ON.is_match(p.trim()) => {
                        Before::Quote { continues: true }
                    }
                    _ => text_before(p),
                };
            }
        }
    }
    let names = people
        .persons
        .iter()
        .map(|p| p.name.clone())
        .filter(|n| n.contains(' '))
        .collect();
    (out, names)
}

/// The quoted words around an attribution at `start..end` of `p`. In
/// quotation marks the words are those inside them: narrative before the
/// opening mark ("Enligt X är avtalet viktigt. ”Vi har ...”, menar hon")
/// and after the attribution ("..., säger X. Hon är nöjd.") is no part of
/// the quote; after a dash the quote goes on around its attribution.
fn marked_parts(p: &str, m: Mark, start: usize, end: usize) -> (&str, &str) {
    let head = &p[..start];
    let tail = &p[end..];
    if m == Mark::Dash {
        return (head, tail);
    }
    let opened = head.trim_start().starts_with(MARKS);
    // a quotation that closes right before its attribution ("”...”, menar hon")
    let closes = head
        .trim_end()
        .trim_end_matches([',', '.', '!', '?'])
        .ends_with(MARKS)
        || p[start..].trim_start().starts_with(MARKS);
    let inner = head
        .char_indices()
        .skip(1)
        .find(|&(k, c)| MARKS.contains(&c) && head[..k].ends_with(|b: char| b.is_whitespace()))
        .map(|(k, _)| k);
    let head = match (opened, inner) {
        (false, Some(k)) if closes => &head[k..],
        _ => head,
    };
    let marked = head.trim_start().starts_with(MARKS);
    if marked && !tail.contains(MARKS) {
        return (head, "");
    }
    (head, tail)
}

/// The narrative paragraph as context for the next one.
fn text_before(p: &str) -> Before {
    let t = p.trim_end();
    Before::Text {
        question: t.ends_with('?'),
        colon: t.ends_with(':'),
    }
}

/// The one person paragraph `i` names, if it names exactly one.
fn named_in(people: &People, i: usize) -> Option<usize> {
    let mut named = people
        .mentions
        .iter()
        .filter(|&&(p, _, _)| p == i)
        .map(|&(_, _, x)| x);
    let first = named.next()?;
    named.all(|x| x == first).then_some(first)
}

/// The person named last before paragraph `i` and after the paragraph of
/// the last quote: the one a following dash answer belongs to.
fn introduced(people: &People, i: usize, last_quote: Option<usize>) -> Option<usize> {
    people
        .mentions
        .iter()
        .rev()
        .find(|&&(p, _, _)| p < i && last_quote.is_none_or(|q| p > q))
        .map(|&(_, _, x)| x)
}

/// The page's people: speakers named in attributions first (their titles
/// win), then everyone the narrative names with a title or party.
fn people(paragraphs: &[String], attrs: &[Option<Attribution>]) -> People {
    let mut people = People::default();
    for a in attrs.iter().flatten() {
        if let Who::Named(v) = &a.who {
            for s in v.iter().filter(|s| s.name.contains(' ')) {
                people.add(&s.name, s.role.clone(), s.party.clone());
            }
        }
    }
    for i in 0..paragraphs.len() {
        if let Some(c) = intro(paragraphs, i) {
            let role = c.name("role").map(|r| names::clean_role(r.as_str()));
            let party = c
                .name("party")
                .and_then(|m| names::party_letters(m.as_str()));
            let idx = people.add(&c["name"], role, party);
            people.mentions.push((i, 0, idx));
        }
    }
    people.scan(paragraphs);
    for a in attrs.iter().flatten() {
        if let Who::Named(v) = &a.who {
            for s in v.iter().filter(|s| !s.name.contains(' ')) {
                if people.find(&s.name).is_none() {
                    people.add(&s.name, s.role.clone(), s.party.clone());
                }
            }
        }
    }
    people
}

/// The speakers an attribution names, resolved against the page.
fn resolve(who: &Who, people: &People, para: usize, offset: usize) -> Vec<Speaker> {
    match who {
        Who::Named(v) => v
            .iter()
            .map(|s| {
                let mut s = s.clone();
                if let Some(p) = people.find(&s.name).map(|i| &people.persons[i]) {
                    s.name = p.name.clone();
                    s.role = s.role.or_else(|| p.role.clone());
                    s.party = s.party.or_else(|| p.party.clone());
                }
                s
            })
            .collect(),
        Who::Pronoun => people
            .last_before(para, offset)
            .map(|i| vec![named_speaker(people, i)])
            .unwrap_or_default(),
        Who::Title(t) => {
            let stem = t
                .trim_end_matches("en")
                .trim_end_matches("et")
                .trim_end_matches('n');
            people
                .mentions
                .iter()
                .rev()
                .filter(|&&(p, o, _)| p < para || (p == para && o < offset))
                .map(|&(_, _, i)| i)
                .find(|&i| {
                    people.persons[i]
                        .role
                        .as_deref()
                        .is_some_and(|r| r.to_lowercase().contains(stem))
                })
                .map(|i| vec![named_speaker(people, i)])
                .unwrap_or_default()
        }
    }
}

fn named_speaker(people: &People, i: usize) -> Speaker {
    let p = &people.persons[i];
    Speaker {
        name: p.name.clone(),
        role: p.role.clone(),
        party: p.party.clone(),
        organization: None,
    }
}

fn quote(s: &Speaker, people: &People, text: &str) -> Quote {
    let page = people.find(&s.name).map(|i| &people.persons[i]);
    Quote {
        speaker: s.name.clone(),
        role: s.role.clone().or_else(|| page.and_then(|p| p.role.clone())),
        organization: s.organization.clone(),
        party: s
            .party
            .clone()
            .or_else(|| page.and_then(|p| p.party.clone())),
        text: text.to_string(),
    }
}

#[cfg(test)]
mod tests;
