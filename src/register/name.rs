//! Organisation names compared as Swedish organisation names are written.
//!
//! A name becomes a [`NameKey`]: its words folded (Unicode NFC, lower case,
//! punctuation and "/" as spaces), legal-form words dropped ("Stiftelsen",
//! "föreningen", "ideell"), the definite ending taken off long words
//! ("Kvinnojouren" -> "kvinnojour"), the public body's own place name dropped
//! ("Kvinnojouren MOA i Eskilstuna" in Eskilstuna is "kvinnojour moa"), and
//! other places kept apart as the branch ("Brottsofferjouren i Linköping" is
//! branch "linköping"). Two keys name the same organisation when their
//! branches are equal and their words are equal, or the words of one are a
//! subset of the other's and the shared words include a distinctive one: a
//! generic head word ("kvinnojour", "stadsmission", "IF") alone never links.
//! Uses only `reference` for the place names.

use std::collections::{BTreeSet, HashSet};

use unicode_normalization::UnicodeNormalization;

use crate::reference::Reference;

/// Legal-form and filler words that do not tell organisations apart.
const NOISE: &[&str] = &[
    "stiftelsen",
    "stiftelse",
    "föreningen",
    "förening",
    "ideell",
    "ideella",
    "ek",
    "ekonomisk",
    "ekonomiska",
    "och",
    "samt",
    "för",
    "av",
    "på",
    "med",
    "the",
    "of",
    "län",
    "läns",
];

/// Head words that name a kind of organisation, shared by many of them.
const GENERIC: &[&str] = &[
    "kvinnohus",
    "kvinno",
    "brottsoffer",
    "fritidsbank",
    "fontänhus",
    "nattvandrar",
    "nattvandrare",
    "röda",
    "korset",
    "kors",
    "rädda",
    "barn",
    "kyrka",
    "församling",
    "diakoni",
    "if",
    "ik",
    "ifk",
    "ff",
    "bk",
    "fk",
    "sk",
    "fc",
    "rf",
    "sisu",
    "pro",
    "spf",
    "stöd",
    "center",
    "centrum",
    "hus",
    "sverige",
    "riksförbund",
];

/// Endings of generic head words: "kvinnojour", "idrottsförening", "stadsmission".
const GENERIC_ENDINGS: &[&str] = &[
    "jour",
    "förening",
    "förbund",
    "mission",
    "organisation",
    "allians",
    "kår",
    "klubb",
    "sällskap",
    "råd",
    "nätverk",
    "nätverket",
    "samverkan",
];

/// A name as the register compares it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NameKey {
    /// The words that make the name, folded, without places.
    pub core: BTreeSet<String>,
    /// Places other than the public body's own: a local branch.
    pub branch: BTreeSet<String>,
}

impl NameKey {
    /// The key as one string: "kvinnojour moa" or "brottsofferjour@linköping".
    pub fn canonical(&self) -> String {
        let core: Vec<&str> = self.core.iter().map(String::as_str).collect();
        let mut s = core.join(" ");
        if !self.branch.is_empty() {
            let b: Vec<&str> = self.branch.iter().map(String::as_str).collect();
            s.push('@');
            s.push_str(&b.join(" "));
        }
        s
    }

    /// The words that tell this organisation apart from others of its kind.
    pub fn distinctive(&self) -> impl Iterator<Item = &String> {
        self.core.iter().filter(|t| !is_generic(t))
    }

    /// True when the two keys name the same organisation.
    pub fn matches(&self, other: &NameKey) -> bool {
        if self.core.is_empty() || other.core.is_empty() || self.branch != other.branch {
            return false;
        }
        if self.core == other.core {
            return true;
        }
        let (small, big) = if self.core.len() <= other.core.len() {
            (self, other)
        } else {
            (other, self)
        };
        small.core.is_subset(&big.core) && small.distinctive().next().is_some()
    }
}

/// True for a word that names a kind of organisation rather than one organisation.
pub fn is_generic(token: &str) -> bool {
    GENERIC.contains(&token) || GENERIC_ENDINGS.iter().any(|e| token.ends_with(e))
}

/// Folds names into keys; knows the place names of every kommun and region.
#[derive(Debug, Clone)]
pub struct Namer {
    /// One-word place names of kommuner and regions, folded, with genitive forms.
    places: HashSet<String>,
}

impl Namer {
    pub fn new(reference: &Reference) -> Self {
        let mut places = HashSet::new();
        for b in reference.bodies() {
            let words = words(&b.short_name);
            if let [w] = words.as_slice() {
                places.insert(format!("{w}s"));
                places.insert(w.clone());
            }
        }
        Namer { places }
    }

    /// The own place words of a public body: "eskilstuna", "eskilstunas".
    pub fn own_places(reference: &Reference, codes: &[String]) -> BTreeSet<String> {
        let mut own = BTreeSet::new();
        for code in codes {
            if let Some(b) = reference.by_code(code) {
                for w in words(&b.short_name) {
                    own.insert(format!("{w}s"));
                    own.insert(w);
                }
            }
        }
        own
    }

    /// The key of an organisation name written on a page of a body whose own
    /// place words are `own`.
    pub fn key(&self, name: &str, own: &BTreeSet<String>) -> NameKey {
        let mut core = BTreeSet::new();
        let mut branch = BTreeSet::new();
        let mut after_i = false;
        for w in words(name) {
            if w == "i" {
                after_i = true;
                continue;
            }
            if own.contains(&w) || NOISE.contains(&w.as_str()) {
                continue;
            }
            if after_i || self.places.contains(&w) {
                branch.insert(w);
            } else {
                core.insert(stem(&w));
            }
        }
        NameKey { core, branch }
    }
}

impl Namer {
    /// The organisation a partner name means on an agreement of these public
    /// bodies: its place is the place its name gives, else the first body's.
    pub fn organisation(
        &self,
        reference: &Reference,
        name: &str,
        codes: &[String],
    ) -> super::Organisation {
        let own = Self::own_places(reference, codes);
        let key = self.key(name, &own);
        let place = if key.branch.is_empty() {
            codes
                .first()
                .and_then(|c| reference.by_code(c))
                .map(|b| b.short_name.clone())
                .unwrap_or_default()
        } else {
            key.branch
                .iter()
                .map(|w| place_name(reference, w))
                .collect::<Vec<_>>()
                .join(" ")
        };
        let core: Vec<&str> = key.core.iter().map(String::as_str).collect();
        let id_key = format!("{}@{}", core.join(" "), words(&place).join(" "));
        super::Organisation {
            id: super::merge::short_id("org", &id_key),
            name: name.to_string(),
            place,
        }
    }
}

/// A folded place word as the reference writes it ("linköpings" -> "Linköping"),
/// else the word with a capital.
fn place_name(reference: &Reference, word: &str) -> String {
    reference
        .bodies()
        .iter()
        .find(|b| {
            let w = words(&b.short_name);
            w.len() == 1 && (w[0] == word || format!("{}s", w[0]) == word)
        })
        .map(|b| b.short_name.clone())
        .unwrap_or_else(|| {
            let mut c = word.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect())
                .unwrap_or_default()
        })
}

/// The words of a name, folded: NFC, lower case, anything but letters and
/// digits as a space.
pub fn words(name: &str) -> Vec<String> {
    let folded: String = name
        .nfc()
        .flat_map(char::to_lowercase)
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    folded.split_whitespace().map(str::to_string).collect()
}

/// Take the definite ending off a long word: "kvinnojouren" -> "kvinnojour",
/// "fryshuset" -> "fryshus". Short words stay as they are.
fn stem(w: &str) -> String {
    if w.chars().count() >= 7 {
        for end in ["en", "et"] {
            if let Some(s) = w.strip_suffix(end) {
                return s.to_string();
            }
        }
    }
    w.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn same(a: &str, b: &str, code: &str) -> bool {
        let r = Reference::embedded();
        let namer = Namer::new(r);
        let own = Namer::own_places(r, &[code.to_string()]);
        namer.key(a, &own).matches(&namer.key(b, &own))
    }

    #[test]
    fn names_written_differently_are_one_organisation() {
        assert!(same(
            "Kvinnojouren MOA i Eskilstuna",
            "Kvinnojouren Moa",
            "0484"
        ));
        assert!(same(
            "Kvinnojouren Nacka/Värmdö",
            "Kvinnojouren Nacka Värmdö",
            "0182"
        ));
        assert!(same("Bräcke diakoni", "Bräcke Diakoni", "1489"));
        assert!(same(
            "Stadsmissionen i Eskilstuna",
            "Eskilstuna Stadsmission",
            "0484"
        ));
        assert!(same("Stiftelsen Fryshuset", "Fryshuset", "0882"));
        assert!(same(
            "Föreningen kvinnogemenskap – Härnösands kvinno- och tjejjour",
            "Kvinnogemenskap",
            "2280"
        ));
    }

    #[test]
    fn a_generic_head_word_alone_never_links() {
        assert!(!same(
            "Brottsofferjouren Söderslätt",
            "Brottsofferjouren i Linköping",
            "1233"
        ));
        assert!(!same(
            "Brottsofferjouren Söderslätt",
            "Kvinnojouren Söderslätt",
            "1233"
        ));
        assert!(!same("Kvinnojouren Moa", "Kvinnojouren", "0484"));
        assert!(!same("Tjejjouren Meja", "Kvinnojouren Moa", "0484"));
    }

    #[test]
    fn a_local_branch_is_another_organisation() {
        assert!(!same("Fryshuset i Husby", "Stiftelsen Fryshuset", "0180"));
        assert!(!same(
            "Brottsofferjouren Huddinge-Botkyrka",
            "Brottsofferjouren",
            "0126"
        ));
        assert!(same(
            "Brottsofferjouren Huddinge-Botkyrka",
            "Brottsofferjouren Huddinge Botkyrka",
            "0126"
        ));
    }

    #[test]
    fn own_place_words_are_dropped_and_other_places_kept() {
        let r = Reference::embedded();
        let namer = Namer::new(r);
        let own = Namer::own_places(r, &["0580".to_string()]);
        let k = namer.key("Brottsofferjouren i Linköping", &own);
        assert_eq!(k.canonical(), "brottsofferjour");
        let k = namer.key("Brottsofferjouren i Linköping", &BTreeSet::new());
        assert_eq!(k.canonical(), "brottsofferjour@linköping");
    }

    #[test]
    fn an_organisation_is_its_name_and_its_place() {
        let r = Reference::embedded();
        let namer = Namer::new(r);
        let code = |c: &str| vec![c.to_string()];
        let sthlm = namer.organisation(r, "Stadsmissionen", &code("0180"));
        let eskilstuna = namer.organisation(r, "Stadsmissionen", &code("0484"));
        assert_ne!(
            sthlm.id, eskilstuna.id,
            "two Stadsmissionen are two organisations"
        );
        assert_eq!(eskilstuna.place, "Eskilstuna");
        assert_eq!(eskilstuna.label(), "Stadsmissionen (Eskilstuna)");
        // the same organisation whether its own kommun or the region names it
        let kommun = namer.organisation(r, "Kvinnojouren Frida i Skellefteå", &code("2482"));
        let region = namer.organisation(r, "Kvinnojouren Frida i Skellefteå", &code("24"));
        assert_eq!(kommun.id, region.id);
        assert_eq!(region.place, "Skellefteå");
        assert_eq!(region.label(), "Kvinnojouren Frida i Skellefteå");
        let written = namer.organisation(r, "Eskilstuna Stadsmission", &code("0484"));
        assert_eq!(written.id, eskilstuna.id);
    }

    #[test]
    fn words_fold_case_punctuation_and_composed_letters() {
        // "o" + combining diaeresis is the same word as "ö"
        assert_eq!(words("Nacka/Värmdö"), ["nacka", "värmdö"]);
        assert_eq!(
            words("Va\u{308}rmdo\u{308} – RF-SISU"),
            ["värmdö", "rf", "sisu"]
        );
    }
}
