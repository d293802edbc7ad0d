//! The register entry: one agreement with every page that reports it, and
//! the flat row that tables and CSV print. Serde types only; uses `record`.

use serde::{Deserialize, Serialize};

use crate::record::{Form, PartialDate, Party, Payer, Per};

/// One agreement of the register.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    /// Stable id: from the partnership and the agreement's start ("agr-…").
    pub agreement_id: String,
    /// The partnership (public bodies and organisations) across renewals ("prt-…").
    pub partnership_id: String,
    /// The first public body's official name.
    pub public_party: String,
    /// Its SCB code.
    pub code: String,
    /// Its county's name, from the reference table.
    pub county: Option<String>,
    pub county_code: Option<String>,
    /// Every public body, with the units named on any page.
    pub public_parties: Vec<Party>,
    /// The organisations, each in the fullest form any page writes it.
    pub partners: Vec<String>,
    /// The same organisations as the register tells them apart: by name and
    /// place, so every "Stadsmissionen" in the country is not one.
    #[serde(default)]
    pub organisations: Vec<Organisation>,
    /// `iop` when any page calls it IOP.
    pub form: Form,
    /// The most precise start the pages support.
    pub start: Option<PartialDate>,
    pub end: Option<PartialDate>,
    pub duration_months: Option<u32>,
    pub extension_months: Option<u32>,
    /// The yearly public figure best supported by the pages (see `super::merge`).
    pub public_sek_per_year: Option<i64>,
    /// The pages that report this agreement, oldest first.
    pub pages: Vec<PageRef>,
    /// Every value each page gives for start, end and the yearly figure.
    pub claims: Vec<Claim>,
    /// Every amount, with the pages that state it and how each writes it.
    pub amounts: Vec<MergedAmount>,
    /// The evidence of every value, with its page.
    pub evidence: Vec<PageEvidence>,
    /// Fields on which pages disagree; every value is kept in `claims`.
    pub conflicts: Vec<String>,
    /// Other agreements of the same partnership a page here might also belong to.
    pub possibly_same_as: Vec<String>,
}

/// An organisation as the register knows it: its name, and the place it
/// works in (the place its name gives, else the public body's own).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Organisation {
    /// Stable id from the folded name and the place ("org-…").
    pub id: String,
    /// The fullest name any page writes.
    pub name: String,
    /// The place: "Linköping", "Skåne".
    pub place: String,
}

impl Organisation {
    /// The name, with the place after it unless the name already says it:
    /// "Stadsmissionen (Stockholm)", "Kvinnojouren i Linköping".
    pub fn label(&self) -> String {
        let named = super::name::words(&self.name);
        let place = super::name::words(&self.place);
        if !place.is_empty()
            && place
                .iter()
                .all(|p| named.iter().any(|w| w == p || *w == format!("{p}s")))
        {
            self.name.clone()
        } else {
            format!("{} ({})", self.name, self.place)
        }
    }
}

/// A page that reports an agreement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PageRef {
    pub record_id: String,
    /// Which of the page's agreements this is (0 for the first).
    pub agreement: usize,
    pub url: Option<String>,
    pub path: Option<String>,
    pub title: Option<String>,
    pub published: Option<PartialDate>,
    /// True when the page is the public body's own (its site or newsroom).
    pub own_page: bool,
}

impl PageRef {
    /// The URL, else the path, else the record id.
    pub fn locator(&self) -> &str {
        self.url
            .as_deref()
            .or(self.path.as_deref())
            .unwrap_or(&self.record_id)
    }
}

/// One value of one field, and the pages (record ids) that give it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Claim {
    /// `start`, `end`, `public_sek_per_year`.
    pub field: String,
    pub value: String,
    pub pages: Vec<String>,
}

/// An amount and every page that states it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MergedAmount {
    pub sek: i64,
    pub per: Option<Per>,
    pub payer: Option<Payer>,
    pub sources: Vec<AmountSource>,
}

/// How one page writes an amount.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AmountSource {
    pub record_id: String,
    pub text: String,
}

/// The verbatim text behind one value on one page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PageEvidence {
    pub record_id: String,
    /// The field as the page's record names it (`amounts[0]` is that page's first amount).
    pub field: String,
    pub quote: String,
}

/// One entry as a flat row for tables and CSV.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EntryRow {
    pub agreement_id: String,
    pub partnership_id: String,
    pub public_party: String,
    pub code: String,
    pub county: String,
    pub partners: String,
    pub form: String,
    pub start: String,
    pub end: String,
    pub public_sek_per_year: String,
    pub page_count: usize,
    pub conflicts: String,
    pub pages: String,
}

impl Entry {
    /// The flat row: lists joined by "; ", absent values empty.
    pub fn row(&self) -> EntryRow {
        let opt = |d: Option<PartialDate>| d.map(|d| d.to_string()).unwrap_or_default();
        EntryRow {
            agreement_id: self.agreement_id.clone(),
            partnership_id: self.partnership_id.clone(),
            public_party: self.public_party.clone(),
            code: self.code.clone(),
            county: self.county.clone().unwrap_or_default(),
            partners: self.partners.join("; "),
            form: self.form.as_str().to_string(),
            start: opt(self.start),
            end: opt(self.end),
            public_sek_per_year: self
                .public_sek_per_year
                .map(|v| v.to_string())
                .unwrap_or_default(),
            page_count: self.pages.len(),
            conflicts: self.conflicts.join("; "),
            pages: self
                .pages
                .iter()
                .map(PageRef::locator)
                .collect::<Vec<_>>()
                .join(" "),
        }
    }
}
