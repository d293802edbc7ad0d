//! Linking: which agreements on which pages are one agreement.
//!
//! Each agreement of each record is an occurrence. Occurrences are blocked by
//! their public bodies (SCB codes), so linking never compares every pair:
//! within a block the partner names are grouped into organisations
//! ([`super::name`]), occurrences with the same organisations form a
//! partnership, and within a partnership the occurrences are grouped into
//! agreements by periods that do not contradict each other. Grouping is
//! complete-linkage: a page joins an agreement only when it agrees with every
//! page already in it, and a page that fits two different agreements equally
//! is left on its own rather than guessed. Processing follows a canonical
//! order (dated pages first, then by date and record id), so the result does
//! not depend on the input order. Pure: uses only `record` and `reference`.

use std::collections::{BTreeSet, HashMap};

use chrono::{Months, NaiveDate};

use super::name::{NameKey, Namer};
use crate::record::{Agreement, PartialDate, Record};
use crate::reference::Reference;

/// Pages with neither start nor end, published further apart than this, report
/// different agreements.
const UNDATED_GAP_MONTHS: u32 = 12;
/// A page is not about an agreement that starts this much after it was published.
const ANNOUNCED_BEFORE_MONTHS: u32 = 24;
/// A page published this close to an agreement's start is its announcement.
const ANNOUNCEMENT_WINDOW_MONTHS: u32 = 12;

/// One agreement as one page reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct OccId {
    /// Index of the record.
    pub rec: usize,
    /// Index of the agreement within the record.
    pub agr: usize,
}

/// A group of occurrences that report one agreement.
#[derive(Debug, Clone)]
pub struct Group {
    /// Public bodies and organisations: "0484|kvinnojour moa".
    pub partnership_key: String,
    /// The occurrences, in canonical order (dated first).
    pub members: Vec<OccId>,
    /// Other groups of the same partnership this one might also be (indices
    /// into the returned list): set when a page fitted several agreements.
    pub possibly_same_as: Vec<usize>,
}

/// What linking looks at in one occurrence.
struct Occ<'a> {
    id: OccId,
    record: &'a Record,
    /// The nämnder or förvaltningar named as party, lower-cased and sorted.
    units: Vec<String>,
    start: Option<PartialDate>,
    end: Option<PartialDate>,
    published: Option<PartialDate>,
}

impl Occ<'_> {
    fn dated(&self) -> bool {
        self.start.is_some() || self.end.is_some()
    }

    /// The canonical processing order: most dated first, then by dates, then id.
    fn order_key(&self) -> impl Ord + '_ {
        (
            self.start.is_none(),
            self.end.is_none(),
            self.start,
            self.end,
            self.published.is_none(),
            self.published,
            self.record.id.as_str(),
            self.id.agr,
        )
    }
}

/// The sorted, unique SCB codes of an agreement's public bodies.
pub fn codes_of(a: &Agreement) -> Vec<String> {
    let set: BTreeSet<String> = a
        .public_parties
        .iter()
        .filter_map(|p| p.code.as_ref())
        .map(|c| c.trim().to_string())
        .filter(|c| !c.is_empty())
        .collect();
    set.into_iter().collect()
}

/// Link every agreement of every record into groups, one per agreement.
/// Occurrences without a coded public body or without a named partner cannot
/// be linked and each get a group of their own.
pub fn link(records: &[Record], reference: &Reference) -> Vec<Group> {
    let namer = Namer::new(reference);
    let mut blocks: HashMap<Vec<String>, Vec<OccId>> = HashMap::new();
    let mut groups = Vec::new();
    for (rec, r) in records.iter().enumerate() {
        for (agr, a) in r.agreements.iter().enumerate() {
            let id = OccId { rec, agr };
            let codes = codes_of(a);
            if codes.is_empty() || a.partners.is_empty() {
                groups.push(Group {
                    partnership_key: format!("unlinked:{}:{agr}", r.id),
                    members: vec![id],
                    possibly_same_as: vec![],
                });
            } else {
                blocks.entry(codes).or_default().push(id);
            }
        }
    }
    let mut blocks: Vec<_> = blocks.into_iter().collect();
    blocks.sort();
    for (codes, ids) in blocks {
        link_block(records, reference, &namer, &codes, &ids, &mut groups);
    }
    groups
}

/// Link the occurrences of one block (one set of public bodies).
fn link_block(
    records: &[Record],
    reference: &Reference,
    namer: &Namer,
    codes: &[String],
    ids: &[OccId],
    out: &mut Vec<Group>,
) {
    let own = Namer::own_places(reference, codes);
    // every partner name of the block, folded
    let keys: Vec<Vec<NameKey>> = ids
        .iter()
        .map(|id| {
            records[id.rec].agreements[id.agr]
                .partners
                .iter()
                .map(|p| namer.key(&p.name, &own))
                .collect()
        })
        .collect();
    let organisations = Organisations::group(keys.iter().flatten());
    // occurrences by partnership: the same organisations
    let mut partnerships: HashMap<String, Vec<OccId>> = HashMap::new();
    for (id, ks) in ids.iter().zip(&keys) {
        let orgs: BTreeSet<&str> = ks.iter().map(|k| organisations.canonical(k)).collect();
        let names: Vec<&str> = orgs.into_iter().collect();
        let key = format!("{}|{}", codes.join(","), names.join("+"));
        partnerships.entry(key).or_default().push(*id);
    }
    let mut partnerships: Vec<_> = partnerships.into_iter().collect();
    partnerships.sort();
    for (key, ids) in partnerships {
        let occs: Vec<Occ> = ids
            .iter()
            .map(|&id| {
                let record = &records[id.rec];
                let agreement = &record.agreements[id.agr];
                Occ {
                    id,
                    record,
                    units: units_of(agreement),
                    start: agreement.start,
                    end: agreement.end,
                    published: record.source.published,
                }
            })
            .collect();
        split_agreements(&key, occs, out);
    }
}

/// Organisations of one block: distinct name keys grouped complete-linkage,
/// longest names first, each group named by its shortest key.
struct Organisations {
    canonical: HashMap<NameKey, String>,
}

impl Organisations {
    fn group<'a>(keys: impl Iterator<Item = &'a NameKey>) -> Self {
        let mut distinct: Vec<&NameKey> = keys.collect::<BTreeSet<_>>().into_iter().collect();
        distinct.sort_by(|a, b| {
            (b.core.len(), b.branch.len())
                .cmp(&(a.core.len(), a.branch.len()))
                .then(a.cmp(b))
        });
        let mut clusters: Vec<Vec<&NameKey>> = Vec::new();
        // a key can only match a cluster holding an equal key or sharing a
        // distinctive word with it (see `NameKey::matches`): look up only those
        let mut by_word: HashMap<&str, Vec<usize>> = HashMap::new();
        let mut by_key: HashMap<&NameKey, usize> = HashMap::new();
        for k in distinct {
            let mut cands: Vec<usize> = k
                .distinctive()
                .filter_map(|t| by_word.get(t.as_str()))
                .flatten()
                .copied()
                .chain(by_key.get(k).copied())
                .collect();
            cands.sort_unstable();
            cands.dedup();
            let fits: Vec<usize> = cands
                .into_iter()
                .filter(|&c| clusters[c].iter().all(|m| m.matches(k)))
                .collect();
            let at = match fits.as_slice() {
                [one] => *one,
                _ => {
                    clusters.push(Vec::new());
                    clusters.len() - 1
                }
            };
            clusters[at].push(k);
            by_key.insert(k, at);
            for t in k.distinctive() {
                let v = by_word.entry(t.as_str()).or_default();
                if v.last() != Some(&at) {
                    v.push(at);
                }
            }
        }
        let mut canonical = HashMap::new();
        for c in clusters {
            let name = c
                .iter()
                .min_by(|a, b| (a.core.len(), a.canonical()).cmp(&(b.core.len(), b.canonical())))
                .map(|k| k.canonical())
                .unwrap_or_default();
            for k in c {
                canonical.insert(k.clone(), name.clone());
            }
        }
        Organisations { canonical }
    }

    fn canonical(&self, k: &NameKey) -> &str {
        self.canonical.get(k).map(String::as_str).unwrap_or("")
    }
}

/// Split one partnership's occurrences into agreements.
fn split_agreements(key: &str, mut occs: Vec<Occ>, out: &mut Vec<Group>) {
    occs.sort_by(|a, b| a.order_key().cmp(&b.order_key()));
    let first = out.len();
    // clusters as indices into occs
    let mut clusters: Vec<Vec<usize>> = Vec::new();
    let mut unsure: Vec<Vec<usize>> = Vec::new();
    for i in 0..occs.len() {
        let fits: Vec<usize> = (0..clusters.len())
            .filter(|&c| clusters[c].iter().all(|&m| compatible(&occs[m], &occs[i])))
            .collect();
        let chosen = match fits.as_slice() {
            [] => None,
            [one] => Some(*one),
            many => announced_in(&occs, &clusters, many, &occs[i]),
        };
        match chosen {
            Some(c) => clusters[c].push(i),
            None => {
                clusters.push(vec![i]);
                unsure.push(if fits.len() > 1 { fits } else { Vec::new() });
            }
        }
    }
    for (c, members) in clusters.into_iter().enumerate() {
        out.push(Group {
            partnership_key: key.to_string(),
            members: members.into_iter().map(|m| occs[m].id).collect(),
            possibly_same_as: unsure[c].iter().map(|&o| first + o).collect(),
        });
    }
}

/// Among several agreements a page fits, the one it announces: the only one
/// whose start lies within a year of the page's publication.
fn announced_in(occs: &[Occ], clusters: &[Vec<usize>], fits: &[usize], o: &Occ) -> Option<usize> {
    let p = o.published?.first_day();
    let near: Vec<usize> = fits
        .iter()
        .copied()
        .filter(|&c| {
            clusters[c].iter().filter_map(|&m| occs[m].start).any(|s| {
                let s = s.first_day();
                sub_months(s, ANNOUNCEMENT_WINDOW_MONTHS) <= p
                    && p <= add_months(s, ANNOUNCEMENT_WINDOW_MONTHS)
            })
        })
        .collect();
    match near.as_slice() {
        [one] => Some(*one),
        _ => None,
    }
}

/// True when two dates at their precisions can mean the same day ("2022" and
/// "2022-01-01").
fn overlap(a: PartialDate, b: PartialDate) -> bool {
    a.first_day() <= b.last_day() && b.first_day() <= a.last_day()
}

fn sub_months(d: NaiveDate, m: u32) -> NaiveDate {
    d.checked_sub_months(Months::new(m)).unwrap_or(d)
}

fn add_months(d: NaiveDate, m: u32) -> NaiveDate {
    d.checked_add_months(Months::new(m)).unwrap_or(d)
}

/// The named units of an agreement's public bodies, lower-cased and sorted.
fn units_of(a: &Agreement) -> Vec<String> {
    let set: BTreeSet<String> = a
        .public_parties
        .iter()
        .filter_map(|p| p.unit.as_deref())
        .map(|u| u.trim().to_lowercase())
        .filter(|u| !u.is_empty())
        .collect();
    set.into_iter().collect()
}

/// True when two occurrences of one partnership can be the same agreement.
fn compatible(a: &Occ, b: &Occ) -> bool {
    // one page reporting two agreements of one partnership means two agreements
    if a.id.rec == b.id.rec {
        return false;
    }
    // two different nämnder of one body named as party made two agreements
    if !a.units.is_empty() && !b.units.is_empty() && a.units != b.units {
        return false;
    }
    if let (Some(x), Some(y)) = (a.start, b.start)
        && !overlap(x, y)
    {
        return false;
    }
    if let (Some(x), Some(y)) = (a.end, b.end)
        && !overlap(x, y)
    {
        // a decided extension moves the end: the same start keeps it one agreement
        let same_start = matches!((a.start, b.start), (Some(s), Some(t)) if overlap(s, t));
        if !same_start {
            return false;
        }
    }
    for (x, y) in [(a, b), (b, a)] {
        if let (Some(s), Some(e)) = (x.start, y.end)
            && s.first_day() > e.last_day()
        {
            return false;
        }
    }
    match (a.dated(), b.dated()) {
        (false, false) => match (a.published, b.published) {
            (Some(p), Some(q)) => {
                let (p, q) = (
                    p.first_day().min(q.first_day()),
                    p.last_day().max(q.last_day()),
                );
                add_months(p, UNDATED_GAP_MONTHS) >= q
            }
            _ => true,
        },
        (true, false) => announced_before_start(a, b),
        (false, true) => announced_before_start(b, a),
        (true, true) => true,
    }
}

/// An undated page published long before a dated agreement starts is about
/// something else.
fn announced_before_start(dated: &Occ, undated: &Occ) -> bool {
    match (dated.start, undated.published) {
        (Some(s), Some(p)) => p.last_day() >= sub_months(s.first_day(), ANNOUNCED_BEFORE_MONTHS),
        _ => true,
    }
}
