//! The register: records to agreements. Pages that report the same agreement
//! are linked ([`link`]: blocked by public body, partner names compared as
//! Swedish organisation names are written ([`name`]), periods that do not
//! contradict), and each agreement's values are merged with the page each
//! came from ([`merge`]) into an [`Entry`]. Ids are stable: derived from the
//! partnership (public bodies and organisations) and the agreement's start,
//! never from the input order. Pure: uses only `record` and `reference`.

use std::collections::{BTreeMap, HashMap};

use crate::record::Record;
use crate::reference::Reference;

pub mod entry;
pub mod link;
pub mod merge;
pub mod name;
pub mod period;

pub use entry::{
    AmountSource, Claim, Entry, EntryRow, MergedAmount, Organisation, PageEvidence, PageRef,
};
pub use period::{InForce, Period};

/// The register: every agreement once, with the pages that report it.
#[derive(Debug, Clone, Default)]
pub struct Register {
    /// Entries ordered by public body code, partnership, start.
    pub entries: Vec<Entry>,
    /// Record id -> ids of the agreements that record reports.
    by_record: HashMap<String, Vec<String>>,
}

impl Register {
    /// Link and merge the agreements of the records.
    pub fn build(records: &[Record], reference: &Reference) -> Register {
        let groups = link::link(records, reference);
        let mut entries: Vec<Entry> = groups
            .iter()
            .map(|g| merge::merge(records, reference, g))
            .collect();
        // ids: partnership key + start year; the finer discriminator only
        // where two agreements of one partnership would share an id
        let coarse: Vec<String> = groups
            .iter()
            .zip(&entries)
            .map(|(g, e)| {
                let d = merge::discriminator(records, g, e.start, false);
                format!("{}|{d}", g.partnership_key)
            })
            .collect();
        let mut seen: HashMap<&str, usize> = HashMap::new();
        for k in &coarse {
            *seen.entry(k.as_str()).or_default() += 1;
        }
        for ((g, e), k) in groups.iter().zip(entries.iter_mut()).zip(&coarse) {
            let key = if seen[k.as_str()] > 1 {
                let d = merge::discriminator(records, g, e.start, true);
                format!("{}|{d}", g.partnership_key)
            } else {
                k.clone()
            };
            e.agreement_id = merge::short_id("agr", &key);
            e.partnership_id = merge::short_id("prt", &g.partnership_key);
        }
        let namer = name::Namer::new(reference);
        for e in entries.iter_mut() {
            let codes: Vec<String> = e
                .public_parties
                .iter()
                .filter_map(|p| p.code.clone())
                .collect();
            e.organisations = e
                .partners
                .iter()
                .map(|p| namer.organisation(reference, p, &codes))
                .collect();
        }
        let ids: Vec<String> = entries.iter().map(|e| e.agreement_id.clone()).collect();
        for (g, e) in groups.iter().zip(entries.iter_mut()) {
            e.possibly_same_as = g.possibly_same_as.iter().map(|&i| ids[i].clone()).collect();
            e.possibly_same_as.sort();
        }
        let mut by_record: HashMap<String, Vec<String>> = HashMap::new();
        for (g, e) in groups.iter().zip(&entries) {
            for m in &g.members {
                let v = by_record.entry(records[m.rec].id.clone()).or_default();
                if !v.contains(&e.agreement_id) {
                    v.push(e.agreement_id.clone());
                }
            }
        }
        for v in by_record.values_mut() {
            v.sort();
        }
        entries.sort_by(|a, b| {
            (
                &a.code,
                &a.partnership_id,
                a.start.is_none(),
                a.start,
                &a.agreement_id,
            )
                .cmp(&(
                    &b.code,
                    &b.partnership_id,
                    b.start.is_none(),
                    b.start,
                    &b.agreement_id,
                ))
        });
        Register { entries, by_record }
    }

    /// The agreements a record reports, by id.
    pub fn agreements_of(&self, record_id: &str) -> &[String] {
        self.by_record
            .get(record_id)
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }

    /// The entry with this id.
    pub fn get(&self, agreement_id: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.agreement_id == agreement_id)
    }

    /// Entries grouped by partnership: a partnership's history, oldest first.
    pub fn partnerships(&self) -> BTreeMap<&str, Vec<&Entry>> {
        let mut m: BTreeMap<&str, Vec<&Entry>> = BTreeMap::new();
        for e in &self.entries {
            m.entry(e.partnership_id.as_str()).or_default().push(e);
        }
        m
    }
}

#[cfg(test)]
mod tests;
