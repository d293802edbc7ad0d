//! Merging: one register entry from the pages of one agreement.
//!
//! Nothing is averaged or dropped. Every value each page gives is kept as a
//! claim with its pages, every amount with the pages that state it, every
//! piece of evidence with its page. The entry's own values are chosen so:
//! - start and end: the value agreeing with the most pages (a page saying
//!   "2022" agrees with "2022-01-01"), then the most precise, then for the
//!   start the earliest and for the end the latest (a decided extension
//!   moves the end). Pages whose values cannot mean the same day are a conflict.
//! - yearly public funding (`public_sek_per_year`), the figure best supported:
//!   the value given by the most pages; on a tie the one the public body's own
//!   page gives; then the one on the most recently published page; then the
//!   smaller. Two different values are a conflict and both stay in `claims`.
//! - form: `iop` when any page calls it IOP; partners: the fullest name any
//!   page writes; public bodies: the name on the body's own page, units from all.
//!
//! Uses only `record` and `reference`.

use std::collections::BTreeMap;

use sha2::{Digest, Sha256};

use super::entry::{AmountSource, Claim, Entry, MergedAmount, PageEvidence, PageRef};
use super::link::{Group, OccId, codes_of};
use crate::record::{Agreement, Form, PartialDate, Party, Record};
use crate::reference::Reference;

/// A short stable hash with a prefix: "agr-3f2a9c…".
pub fn short_id(prefix: &str, key: &str) -> String {
    let d = Sha256::digest(key.as_bytes());
    let hex: String = d.iter().take(8).map(|b| format!("{b:02x}")).collect();
    format!("{prefix}-{hex}")
}

/// The discriminator of an agreement within its partnership, coarse first:
/// the start year; else the earliest publication month; else the first record id.
/// `fine` asks for the full start date and the first occurrence (record id and
/// agreement index), for the rare case of two agreements starting the same year.
pub fn discriminator(
    records: &[Record],
    g: &Group,
    start: Option<PartialDate>,
    fine: bool,
) -> String {
    // the first occurrence: its record id, and in the fine form also the
    // agreement's place on that page, since one page can report two
    // agreements of one partnership that nothing else tells apart
    let first = g
        .members
        .iter()
        .map(|m| (records[m.rec].id.as_str(), m.agr))
        .min()
        .unwrap_or(("", 0));
    let first_record = first.0;
    let coarse = match start {
        Some(s) if fine => s.to_string(),
        Some(s) => s.year.to_string(),
        None => match g
            .members
            .iter()
            .filter_map(|m| records[m.rec].source.published)
            .min()
        {
            Some(p) if !fine => format!("pub:{:04}-{:02}", p.year, p.month.unwrap_or(1)),
            _ => format!("rec:{first_record}"),
        },
    };
    if fine {
        format!("{coarse}|{first_record}#{}", first.1)
    } else {
        coarse
    }
}

/// Build the entry of one group. Ids are filled in by the caller.
pub fn merge(records: &[Record], reference: &Reference, g: &Group) -> Entry {
    let mut pages: Vec<PageRef> = g
        .members
        .iter()
        .map(|m| {
            let r = &records[m.rec];
            PageRef {
                record_id: r.id.clone(),
                agreement: m.agr,
                url: r.source.url.clone(),
                path: r.source.path.clone(),
                title: r.source.title.clone(),
                published: r.source.published,
                own_page: false,
            }
        })
        .collect();
    let occs: Vec<(&Record, &Agreement)> = g
        .members
        .iter()
        .map(|&OccId { rec, agr }| (&records[rec], &records[rec].agreements[agr]))
        .collect();
    let codes: Vec<String> = occs.first().map(|(_, a)| codes_of(a)).unwrap_or_default();
    let own = |r: &Record| {
        r.source
            .publisher
            .as_ref()
            .and_then(|p| p.code.as_ref())
            .is_some_and(|c| codes.contains(c))
    };

    for (p, (r, _)) in pages.iter_mut().zip(&occs) {
        p.own_page = own(r);
    }
    pages.sort_by(|a, b| {
        (a.published.is_none(), a.published, &a.record_id).cmp(&(
            b.published.is_none(),
            b.published,
            &b.record_id,
        ))
    });

    let public_parties = merge_parties(&occs, &codes, reference, &own);
    let (county_code, county) = match codes.first().and_then(|c| reference.county_of(c)) {
        Some((c, n)) => (Some(c.to_string()), Some(n.to_string())),
        None => (None, None),
    };

    let starts: Vec<(PartialDate, &Record)> = occs
        .iter()
        .filter_map(|(r, a)| a.start.map(|s| (s, *r)))
        .collect();
    let ends: Vec<(PartialDate, &Record)> = occs
        .iter()
        .filter_map(|(r, a)| a.end.map(|s| (s, *r)))
        .collect();
    let yearly: Vec<(i64, &Record)> = occs
        .iter()
        .filter_map(|(r, a)| a.public_sek_per_year.map(|v| (v, *r)))
        .collect();

    let mut conflicts = Vec::new();
    let start = best_date(&starts, false, "start", &mut conflicts);
    let end = best_date(&ends, true, "end", &mut conflicts);
    let public_sek_per_year = best_yearly(&yearly, &own, &mut conflicts);

    let mut claims = Vec::new();
    claims.extend(claims_of(
        "start",
        starts.iter().map(|(d, r)| (d.to_string(), *r)),
    ));
    claims.extend(claims_of(
        "end",
        ends.iter().map(|(d, r)| (d.to_string(), *r)),
    ));
    claims.extend(claims_of(
        "public_sek_per_year",
        yearly.iter().map(|(v, r)| (v.to_string(), *r)),
    ));

    let mut amounts: Vec<MergedAmount> = Vec::new();
    let mut evidence = Vec::new();
    for (r, a) in &occs {
        for m in &a.amounts {
            let src = AmountSource {
                record_id: r.id.clone(),
                text: m.text.clone(),
            };
            match amounts
                .iter_mut()
                .find(|x| x.sek == m.sek && x.per == m.per && x.payer == m.payer)
            {
                Some(x) => x.sources.push(src),
                None => amounts.push(MergedAmount {
                    sek: m.sek,
                    per: m.per,
                    payer: m.payer,
                    sources: vec![src],
                }),
            }
        }
        evidence.extend(a.evidence.iter().map(|e| PageEvidence {
            record_id: r.id.clone(),
            field: e.field.clone(),
            quote: e.quote.clone(),
        }));
    }

    Entry {
        agreement_id: String::new(),
        partnership_id: String::new(),
        public_party: public_parties
            .first()
            .map(|p| p.name.clone())
            .unwrap_or_default(),
        code: codes.first().cloned().unwrap_or_default(),
        county,
        county_code,
        public_parties,
        partners: merge_partners(&occs),
        organisations: Vec::new(),
        form: if occs.iter().any(|(_, a)| a.form == Form::Iop) {
            Form::Iop
        } else {
            Form::Agreement
        },
        start,
        end,
        duration_months: most_common(occs.iter().filter_map(|(_, a)| a.duration_months)),
        extension_months: most_common(occs.iter().filter_map(|(_, a)| a.extension_months)),
        public_sek_per_year,
        pages,
        claims,
        amounts,
        evidence,
        conflicts,
        possibly_same_as: Vec::new(),
    }
}

/// Each public body once: the reference's official name, units of all pages
/// joined; bodies without a code as the pages write them.
fn merge_parties(
    occs: &[(&Record, &Agreement)],
    codes: &[String],
    reference: &Reference,
    own: &dyn Fn(&Record) -> bool,
) -> Vec<Party> {
    let mut out: Vec<Party> = codes
        .iter()
        .map(|c| {
            let named = occs
                .iter()
                .filter(|(r, _)| own(r))
                .chain(occs.iter())
                .flat_map(|(_, a)| &a.public_parties)
                .find(|p| p.code.as_deref() == Some(c.as_str()));
            let body = reference.by_code(c);
            let mut units: Vec<&str> = Vec::new();
            for (_, a) in occs {
                for p in &a.public_parties {
                    if p.code.as_deref() == Some(c.as_str())
                        && let Some(u) = p.unit.as_deref()
                        && !units.iter().any(|x| x.eq_ignore_ascii_case(u))
                    {
                        units.push(u);
                    }
                }
            }
            Party {
                name: body
                    .map(|b| b.name.clone())
                    .or_else(|| named.map(|p| p.name.clone()))
                    .unwrap_or_else(|| c.clone()),
                code: Some(c.clone()),
                kind: body.map(|b| b.kind).or_else(|| named.and_then(|p| p.kind)),
                unit: (!units.is_empty()).then(|| units.join("; ")),
            }
        })
        .collect();
    if out.is_empty() {
        // an unlinked agreement without coded bodies: as its page writes them
        out = occs
            .first()
            .map(|(_, a)| a.public_parties.clone())
            .unwrap_or_default();
    }
    out
}

/// The partners of the first page, each in its fullest form: the longest name
/// on any of the pages that shares a word (of three letters or more) with it.
fn merge_partners(occs: &[(&Record, &Agreement)]) -> Vec<String> {
    let Some((_, first)) = occs.first() else {
        return Vec::new();
    };
    let all: Vec<&str> = occs
        .iter()
        .flat_map(|(_, a)| a.partners.iter().map(|p| p.name.as_str()))
        .collect();
    first
        .partners
        .iter()
        .map(|p| {
            let words = super::name::words(&p.name);
            all.iter()
                .filter(|n| {
                    let w = super::name::words(n);
                    words
                        .iter()
                        .filter(|x| x.chars().count() > 2)
                        .any(|x| w.contains(x))
                })
                .max_by_key(|n| (n.chars().count(), std::cmp::Reverse(**n)))
                .map(|n| n.to_string())
                .unwrap_or_else(|| p.name.clone())
        })
        .collect()
}

/// The most common value; on a tie the first seen.
fn most_common<T: PartialEq + Copy>(values: impl Iterator<Item = T>) -> Option<T> {
    let mut counts: Vec<(T, usize)> = Vec::new();
    for v in values {
        match counts.iter_mut().find(|(x, _)| *x == v) {
            Some((_, n)) => *n += 1,
            None => counts.push((v, 1)),
        }
    }
    let max = counts.iter().map(|(_, n)| *n).max()?;
    counts.into_iter().find(|(_, n)| *n == max).map(|(v, _)| v)
}

/// The date best supported by the pages (see the module doc); notes a conflict
/// when two values cannot mean the same day.
fn best_date(
    claims: &[(PartialDate, &Record)],
    late: bool,
    field: &str,
    conflicts: &mut Vec<String>,
) -> Option<PartialDate> {
    let overlap = |a: PartialDate, b: PartialDate| {
        a.first_day() <= b.last_day() && b.first_day() <= a.last_day()
    };
    let support = |d: PartialDate| claims.iter().filter(|(x, _)| overlap(*x, d)).count();
    if claims
        .iter()
        .any(|(a, _)| claims.iter().any(|(b, _)| !overlap(*a, *b)))
    {
        conflicts.push(field.to_string());
    }
    claims.iter().map(|(d, _)| *d).max_by(|a, b| {
        let order = if late { a.cmp(b) } else { b.cmp(a) };
        (support(*a), a.precision())
            .cmp(&(support(*b), b.precision()))
            .then(order)
    })
}

/// The yearly figure best supported by the pages (see the module doc).
fn best_yearly(
    claims: &[(i64, &Record)],
    own: &dyn Fn(&Record) -> bool,
    conflicts: &mut Vec<String>,
) -> Option<i64> {
    let mut by_value: BTreeMap<i64, Vec<&Record>> = BTreeMap::new();
    for (v, r) in claims {
        by_value.entry(*v).or_default().push(r);
    }
    if by_value.len() > 1 {
        conflicts.push("public_sek_per_year".to_string());
    }
    by_value
        .into_iter()
        .max_by(|(va, ra), (vb, rb)| {
            let latest = |rs: &[&Record]| rs.iter().filter_map(|r| r.source.published).max();
            ra.len()
                .cmp(&rb.len())
                .then(ra.iter().any(|r| own(r)).cmp(&rb.iter().any(|r| own(r))))
                .then(latest(ra).cmp(&latest(rb)))
                .then(vb.cmp(va))
        })
        .map(|(v, _)| v)
}

/// Claims of one field: each distinct value with the pages that give it.
fn claims_of<'a>(field: &str, values: impl Iterator<Item = (String, &'a Record)>) -> Vec<Claim> {
    let mut out: Vec<Claim> = Vec::new();
    for (v, r) in values {
        match out.iter_mut().find(|c| c.value == v) {
            Some(c) => {
                if !c.pages.contains(&r.id) {
                    c.pages.push(r.id.clone())
                }
            }
            None => out.push(Claim {
                field: field.to_string(),
                value: v,
                pages: vec![r.id.clone()],
            }),
        }
    }
    out
}
