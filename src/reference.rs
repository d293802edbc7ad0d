//! Reference facts: every kommun and region with SCB code, county, web domain
//! and population, read from `config/municipalities.csv` (compiled in, so the
//! tool needs no configuration). A leaf module: it uses only `record`.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use serde::Deserialize;

use crate::record::{Party, PartyKind};

/// The compiled-in table of kommuner and regions.
pub const MUNICIPALITIES_CSV: &str = include_str!("../config/municipalities.csv");

/// One public body of the reference table.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Body {
    /// 4-digit kommunkod or 2-digit länskod.
    pub code: String,
    /// Official name: "Linköpings kommun", "Region Skåne", "Stockholms stad".
    pub name: String,
    /// The place name alone: "Linköping", "Skåne".
    pub short_name: String,
    pub kind: PartyKind,
    pub county_code: String,
    pub county: String,
    /// The body's own web domain, e.g. "linkoping.se".
    pub domain: String,
    pub population: u64,
    pub population_year: u32,
}

impl Body {
    /// The body as a record party (no unit).
    pub fn party(&self) -> Party {
        Party {
            name: self.name.clone(),
            code: Some(self.code.clone()),
            kind: Some(self.kind),
            unit: None,
        }
    }
}

/// Why the reference table could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ReferenceError {
    #[error("municipality table row {row}: {source}")]
    Csv {
        row: usize,
        #[source]
        source: csv::Error,
    },
    #[error("municipality table has no rows")]
    Empty,
}

/// The table, with look-ups by code, name and domain.
#[derive(Debug, Clone)]
pub struct Reference {
    bodies: Vec<Body>,
    by_code: BTreeMap<String, usize>,
    by_name: BTreeMap<String, usize>,
    /// Short names in lower case, each with its bodies in table order.
    by_short_name: BTreeMap<String, Vec<usize>>,
    /// Counties as (code, name), in code order.
    counties: Vec<(String, String)>,
}

static EMBEDDED: LazyLock<Reference> = LazyLock::new(|| {
    Reference::from_csv(MUNICIPALITIES_CSV).expect("the compiled-in municipality table is valid")
});

impl Reference {
    /// The compiled-in table.
    pub fn embedded() -> &'static Reference {
        &EMBEDDED
    }

    /// Parse a table in the format of `config/municipalities.csv`.
    pub fn from_csv(text: &str) -> Result<Reference, ReferenceError> {
        let mut rdr = csv::Reader::from_reader(text.as_bytes());
        let mut bodies = Vec::new();
        for (i, row) in rdr.deserialize::<Body>().enumerate() {
            bodies.push(row.map_err(|source| ReferenceError::Csv { row: i + 2, source })?);
        }
        if bodies.is_empty() {
            return Err(ReferenceError::Empty);
        }
        let mut by_code = BTreeMap::new();
        let mut by_name = BTreeMap::new();
        let mut by_short_name: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for (i, b) in bodies.iter().enumerate() {
            by_short_name
                .entry(b.short_name.to_lowercase())
                .or_default()
                .push(i);
            by_code.insert(b.code.clone(), i);
            // Region Gotland is one body: the kommun row (0980) wins the name.
            by_name.entry(b.name.to_lowercase()).or_insert(i);
        }
        let mut counties = BTreeMap::new();
        for b in &bodies {
            counties
                .entry(b.county_code.clone())
                .or_insert_with(|| b.county.clone());
        }
        Ok(Reference {
            bodies,
            by_code,
            by_name,
            by_short_name,
            counties: counties.into_iter().collect(),
        })
    }

    pub fn bodies(&self) -> &[Body] {
        &self.bodies
    }

    pub fn by_code(&self, code: &str) -> Option<&Body> {
        self.by_code.get(code).map(|&i| &self.bodies[i])
    }

    /// By official name, case-insensitively ("linköpings kommun").
    pub fn by_name(&self, name: &str) -> Option<&Body> {
        self.by_name
            .get(&name.trim().to_lowercase())
            .map(|&i| &self.bodies[i])
    }

    /// A kommun or region as a user may write it on the command line: code,
    /// official name, or place name ("0580", "Linköpings kommun", "Linköping").
    /// A bare place name prefers the kommun over the region of the same name.
    pub fn lookup(&self, query: &str) -> Option<&Body> {
        let q = query.trim();
        if let Some(b) = self.by_code(q) {
            return Some(b);
        }
        if let Some(b) = self.by_name(q) {
            return Some(b);
        }
        let mut hits = self
            .by_short_name
            .get(&q.to_lowercase())?
            .iter()
            .map(|&i| &self.bodies[i]);
        let first = hits.next()?;
        Some(
            std::iter::once(first)
                .chain(hits)
                .find(|b| b.kind == PartyKind::Kommun)
                .unwrap_or(first),
        )
    }

    /// The body whose web site a host name belongs to ("www.linkoping.se").
    pub fn by_host(&self, host: &str) -> Option<&Body> {
        let host = host.trim_end_matches('.').to_lowercase();
        self.bodies
            .iter()
            .filter(|b| {
                host == b.domain
                    || host
                        .strip_suffix(b.domain.as_str())
                        .is_some_and(|rest| rest.ends_with('.'))
            })
            // the longest matching domain is the most specific body
            .max_by_key(|b| (b.domain.len(), b.kind == PartyKind::Kommun))
    }

    /// Counties as (code, name), in code order: each county's name as its
    /// first body in the table writes it.
    pub fn counties(&self) -> Vec<(String, String)> {
        self.counties.clone()
    }

    /// A county by code ("05") or name ("Östergötlands län", "Östergötland").
    pub fn county(&self, query: &str) -> Option<(String, String)> {
        let q = query.trim().to_lowercase();
        self.counties
            .iter()
            .find(|(code, name)| {
                let n = name.to_lowercase();
                *code == q
                    || n == q
                    || n.trim_end_matches(" län").trim_end_matches('s') == q
                    || n.trim_end_matches(" län") == q
            })
            .cloned()
    }

    /// The county of a body code.
    pub fn county_of(&self, code: &str) -> Option<(&str, &str)> {
        self.by_code(code)
            .map(|b| (b.county_code.as_str(), b.county.as_str()))
    }

    /// Population of a county: the sum of its kommuner.
    pub fn county_population(&self, county_code: &str) -> u64 {
        self.bodies
            .iter()
            .filter(|b| b.kind == PartyKind::Kommun && b.county_code == county_code)
            .map(|b| b.population)
            .sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_table_has_every_kommun_and_region() {
        let r = Reference::embedded();
        let kommuner = r
            .bodies()
            .iter()
            .filter(|b| b.kind == PartyKind::Kommun)
            .count();
        let regioner = r
            .bodies()
            .iter()
            .filter(|b| b.kind == PartyKind::Region)
            .count();
        assert_eq!(kommuner, 290);
        assert_eq!(regioner, 21);
        assert_eq!(r.counties().len(), 21);
    }

    #[test]
    fn lookups_by_code_name_place_and_host() {
        let r = Reference::embedded();
        assert_eq!(r.by_code("0580").unwrap().name, "Linköpings kommun");
        assert_eq!(r.lookup("Linköping").unwrap().code, "0580");
        assert_eq!(r.lookup("linköpings kommun").unwrap().code, "0580");
        assert_eq!(r.lookup("Region Skåne").unwrap().code, "12");
        assert_eq!(r.by_host("www.linkoping.se").unwrap().code, "0580");
        assert_eq!(r.by_host("www.skane.se").unwrap().code, "12");
        assert!(r.by_host("example.com").is_none());
        assert!(r.by_host("notlinkoping.se").is_none());
    }

    #[test]
    fn gotland_is_one_body_with_the_kommun_code() {
        let r = Reference::embedded();
        assert_eq!(r.by_name("Region Gotland").unwrap().code, "0980");
        assert_eq!(r.by_host("www.gotland.se").unwrap().code, "0980");
    }

    #[test]
    fn counties_by_code_and_name() {
        let r = Reference::embedded();
        assert_eq!(r.county("05").unwrap().1, "Östergötlands län");
        assert_eq!(r.county("Östergötlands län").unwrap().0, "05");
        assert_eq!(r.county("skåne län").unwrap().0, "12");
        assert!(r.county_population("05") > 400_000);
    }
}
