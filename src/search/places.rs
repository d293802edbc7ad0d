//! Place names as people type them: a kommun, region or county by code,
//! official name or place name, with å, ä, ö and other marks folded away
//! ("Goteborg" is Göteborg) and, on a typo, the nearest name suggested
//! ("Stokholm": did you mean Stockholms stad?). Uses `reference` only.

use unicode_normalization::UnicodeNormalization;

use crate::record::PartyKind;
use crate::reference::{Body, Reference};

/// Lower case with every mark taken off the letters: "Göteborgs Stad" ->
/// "goteborgs stad", "Malmö" -> "malmo". Spaces and dashes folded to one space.
pub fn fold(s: &str) -> String {
    let plain: String = s
        .nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .map(|c| if c == '-' || c == '_' { ' ' } else { c })
        .collect();
    plain.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The furthest a typo may be from a name to be suggested, in edits.
fn max_edits(q: &str) -> usize {
    (q.chars().count() / 3).clamp(1, 3)
}

/// The one body a name means, preferring the kommun over the region of the same
/// place. `Err` lists the bodies when two different places fold to one name.
fn one(found: Vec<&Body>) -> Result<Option<&Body>, Vec<&Body>> {
    let kommuner: Vec<&Body> = found
        .iter()
        .copied()
        .filter(|b| b.kind == PartyKind::Kommun)
        .collect();
    let pick = if kommuner.is_empty() { found } else { kommuner };
    match pick.as_slice() {
        [] => Ok(None),
        [b] => Ok(Some(b)),
        many => Err(many.to_vec()),
    }
}

/// A kommun or region: SCB code, official name or place name, as written or
/// with its marks folded. The error says why and suggests the nearest name.
pub fn body<'a>(reference: &'a Reference, query: &str) -> Result<&'a Body, String> {
    if let Some(b) = reference.lookup(query) {
        return Ok(b);
    }
    let q = fold(query);
    if q.is_empty() {
        return Err("no such kommun or region".into());
    }
    let found: Vec<&Body> = reference
        .bodies()
        .iter()
        .filter(|b| fold(&b.name) == q || fold(&b.short_name) == q)
        .collect();
    match one(found) {
        Ok(Some(b)) => Ok(b),
        Err(many) => Err(format!(
            "more than one kommun or region is written so without å, ä and ö: {}",
            many.iter()
                .map(|b| b.name.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        )),
        Ok(None) => {
            let best = reference
                .bodies()
                .iter()
                .map(|b| {
                    let d = strsim::levenshtein(&q, &fold(&b.short_name))
                        .min(strsim::levenshtein(&q, &fold(&b.name)));
                    (d, b.kind != PartyKind::Kommun, b.code.as_str(), b)
                })
                .min_by(|a, b| (a.0, a.1, a.2).cmp(&(b.0, b.1, b.2)));
            match best {
                Some((d, _, _, b)) if d <= max_edits(&q) => Err(format!(
                    "no such kommun or region; did you mean {}?",
                    b.name
                )),
                _ => Err("no such kommun or region".into()),
            }
        }
    }
}

/// The ways a county is written: "Östergötlands län", "Östergötlands", "Östergötland".
fn county_names(name: &str) -> Vec<String> {
    let full = fold(name);
    let bare = full.trim_end_matches(" lan").to_string();
    let mut v = vec![full, bare.clone()];
    if let Some(s) = bare.strip_suffix('s') {
        v.push(s.to_string());
    }
    v
}

/// A county by code ("05") or name, as written or folded; (code, name). The
/// error suggests the nearest county name.
pub fn county(reference: &Reference, query: &str) -> Result<(String, String), String> {
    if let Some(c) = reference.county(query) {
        return Ok(c);
    }
    let q = fold(query);
    let counties = reference.counties();
    if let Some(c) = counties
        .iter()
        .find(|(_, name)| county_names(name).contains(&q))
    {
        return Ok(c.clone());
    }
    let best = counties
        .iter()
        .map(|(code, name)| {
            let d = county_names(name)
                .iter()
                .map(|n| strsim::levenshtein(&q, n))
                .min()
                .unwrap_or(usize::MAX);
            (d, code, name)
        })
        .min();
    match best {
        Some((d, _, name)) if !q.is_empty() && d <= max_edits(&q) => {
            Err(format!("no such county; did you mean {name}?"))
        }
        _ => Err("no such county".into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_takes_the_marks_off_swedish_letters() {
        assert_eq!(fold("Göteborgs Stad"), "goteborgs stad");
        assert_eq!(fold("Malmö  STAD"), "malmo stad");
        assert_eq!(fold("Västra-Götaland"), "vastra gotaland");
        // a decomposed ö is the same letter
        assert_eq!(fold("Go\u{308}teborg"), "goteborg");
    }

    #[test]
    fn place_names_without_marks_find_the_place() {
        let r = Reference::embedded();
        assert_eq!(body(r, "Goteborg").unwrap().code, "1480");
        assert_eq!(body(r, "malmo").unwrap().code, "1280");
        assert_eq!(body(r, "Linkopings kommun").unwrap().code, "0580");
        assert_eq!(body(r, "Region Skane").unwrap().code, "12");
        // written with its marks, Håbo and Habo are two kommuner
        assert_eq!(body(r, "Håbo").unwrap().name, "Håbo kommun");
        assert_eq!(body(r, "Habo").unwrap().name, "Habo kommun");
        assert_eq!(county(r, "Ostergotland").unwrap().0, "05");
        assert_eq!(county(r, "vasterbottens lan").unwrap().0, "24");
    }

    #[test]
    fn a_typo_gets_the_nearest_name_suggested() {
        let r = Reference::embedded();
        let e = body(r, "Stokholm").unwrap_err();
        assert_eq!(e, "no such kommun or region; did you mean Stockholms stad?");
        let e = body(r, "Linkoping kommun").unwrap_err();
        assert!(e.ends_with("did you mean Linköpings kommun?"), "{e}");
        assert_eq!(body(r, "Atlantis").unwrap_err(), "no such kommun or region");
        let e = county(r, "Östergötlnd").unwrap_err();
        assert_eq!(e, "no such county; did you mean Östergötlands län?");
        assert_eq!(county(r, "Lappland").unwrap_err(), "no such county");
    }
}
