//! One organisation, many written forms: "Stadsmissionen", "Norrby
//! stadsmission" and "Norrby Stadsmissions" name one organisation. Forms are
//! compared word by word (case, genitive s and definite endings aside, "i"
//! and head words such as "Föreningen" not counted), and a page's forms of
//! one organisation are resolved to the fullest one: the legal name with its
//! head word, else the form whose words hold every other form's, else the
//! longest. Pure.

/// A name's words for comparison: lower case, punctuation dropped.
pub fn key(name: &str) -> Vec<String> {
    name.to_lowercase()
        .split(|c: char| c.is_whitespace() || matches!(c, '/' | ',' | '–' | '(' | ')'))
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_string())
        .filter(|w| !w.is_empty())
        .collect()
}

/// Words that head or link a name and tell nothing about which organisation
/// it is.
const GENERIC: &[&str] = &[
    "i",
    "föreningen",
    "stiftelsen",
    "organisationen",
    "ideella",
    "ideell",
    "förening",
    "förbundet",
    "och",
    "för",
    "&",
];

/// A word reduced to its stem: genitive s and definite endings cut
/// ("stadsmissionens" -> "stadsmission", "fryshuset" -> "fryshus").
fn stem(w: &str) -> String {
    let n = w.chars().count();
    let w = if n >= 5 && w.ends_with('s') && !w.ends_with("ss") {
        &w[..w.len() - 1]
    } else {
        w
    };
    for end in ["en", "et"] {
        if let Some(r) = w.strip_suffix(end)
            && r.chars().count() >= 5
        {
            return r.to_string();
        }
    }
    w.to_string()
}

/// The distinctive stems of a name.
fn stems(name: &str) -> Vec<String> {
    key(name)
        .into_iter()
        .filter(|w| !GENERIC.contains(&w.as_str()))
        .map(|w| stem(&w))
        .collect()
}

/// True when two forms name the same organisation: every distinctive word
/// of the shorter stands in the longer ("Brottsofferjouren" /
/// "Brottsofferjouren i Linköping", "Stadsmissionen" / "Norrby
/// stadsmission", "Tjejjouren Idas" / "Tjejjouren Ida").
pub fn same_org(a: &str, b: &str) -> bool {
    if spelled_by(a, b) || spelled_by(b, a) {
        return true;
    }
    let (sa, sb) = (stems(a), stems(b));
    if sa.is_empty() || sb.is_empty() {
        return key(a) == key(b);
    }
    let (short, long) = if sa.len() <= sb.len() {
        (&sa, &sb)
    } else {
        (&sb, &sa)
    };
    short.iter().all(|w| long.iter().any(|l| word_eq(w, l)))
}

/// True when `acronym` is one word of capitals that `name` spells out
/// ("GUBIS" and "Gotländska utvecklingsbolag i samverkan").
fn spelled_by(acronym: &str, name: &str) -> bool {
    let letters: Vec<char> = acronym.chars().collect();
    if letters.len() < 2 || !letters.iter().all(|c| c.is_uppercase()) || !name.contains(' ') {
        return false;
    }
    let words = super::chunk::words(name);
    super::chunk::spells(&words, &letters)
}

/// Two stems are one word, or one is the other's genitive ("ida"/"idas").
fn word_eq(a: &str, b: &str) -> bool {
    a == b
        || (a.len() + 1 == b.len() && b.starts_with(a) && b.ends_with('s'))
        || (b.len() + 1 == a.len() && a.starts_with(b) && a.ends_with('s'))
}

/// True for a legal name with its head word ("Stiftelsen Fryshuset").
fn legal(name: &str) -> bool {
    [
        "Stiftelsen ",
        "Föreningen ",
        "Ideella föreningen ",
        "Riksförbundet ",
    ]
    .iter()
    .any(|h| name.starts_with(h))
}

/// The fullest of the forms of one organisation: the legal name; else the
/// form whose stems hold those of every other form, longest first; else the
/// form written most often, then the longest. A genitive form ("Tjejjouren
/// Idas") loses to its bare form. `text` is the page's text, for counting.
pub fn fullest(forms: &[String], text: &str) -> String {
    let bare: Vec<&String> = forms
        .iter()
        .filter(|f| {
            !forms
                .iter()
                .any(|o| o.len() + 1 == f.len() && f.starts_with(o.as_str()) && f.ends_with('s'))
        })
        .collect();
    if let Some(l) = bare.iter().filter(|f| legal(f)).max_by_key(|f| f.len()) {
        return (*l).clone();
    }
    // a contract's parties declare their short names ("Gävle
    // Brottsofferförening, nedan kallad Brottsofferföreningen"): the name
    // so declared is the organisation's own (most pages declare nothing:
    // one look at the text tells)
    let declaring = ["nedan", "härefter", "hädanefter"]
        .iter()
        .any(|w| text.contains(w));
    if let Some(d) = bare
        .iter()
        .filter(|f| declaring && forms.iter().any(|o| o != **f && declares(text, f, o)))
        .max_by_key(|f| f.len())
    {
        return (*d).clone();
    }
    // an acronym loses to the name it stands for
    let spelled: Vec<&String> = bare
        .iter()
        .copied()
        .filter(|f| !bare.iter().any(|o| spelled_by(f, o)))
        .collect();
    let bare = if spelled.is_empty() { bare } else { spelled };
    let all: Vec<Vec<String>> = bare.iter().map(|f| stems(f)).collect();
    // the forms whose words hold every other form's; of those naming the
    // same words ("Kvinnojouren Söderslätt", "Kvinnojouren i Söderslätt"),
    // the one written most often, then the longest
    let covering: Vec<&String> = bare
        .iter()
        .zip(&all)
        .filter(|(_, s)| {
            all.iter()
                .all(|o| o.iter().all(|w| s.iter().any(|x| word_eq(w, x))))
        })
        .map(|(f, _)| *f)
        .collect();
    if let Some(f) = covering
        .iter()
        .max_by_key(|f| (text.matches(f.as_str()).count(), f.len()))
    {
        return (*f).clone();
    }
    bare.iter()
        .max_by_key(|f| (text.matches(f.as_str()).count(), f.len()))
        .map(|f| (*f).clone())
        .unwrap_or_default()
}

/// True when `text` gives `alias` as the short name of `name`: "NAME,
/// nedan kallad ALIAS", "NAME (nedan kallat ALIAS)", "NAME, härefter
/// benämnd ALIAS", "NAME (nedan ALIAS)".
fn declares(text: &str, name: &str, alias: &str) -> bool {
    text.match_indices(name).any(|(at, m)| {
        let rest = text[at + m.len()..].trim_start_matches([',', ' ', '(']);
        let Some(rest) = ["nedan", "härefter", "hädanefter"]
            .iter()
            .find_map(|w| rest.strip_prefix(w))
        else {
            return false;
        };
        let rest = rest.trim_start();
        let rest = [
            "kallad",
            "kallat",
            "kallade",
            "benämnd",
            "benämnt",
            "benämnda",
            "kallas",
        ]
        .iter()
        .find_map(|w| rest.strip_prefix(w))
        .unwrap_or(rest)
        .trim_start()
        .trim_start_matches(['"', '”', '“', '»', '\'']);
        rest.starts_with(alias)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(s: &[&str]) -> Vec<String> {
        s.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn same_organisation_word_by_word() {
        assert!(same_org("Fryshuset", "Fryshuset i Husby"));
        assert!(same_org(
            "Kvinnojouren i Söderslätt",
            "Kvinnojouren Söderslätt"
        ));
        assert!(same_org("Stadsmissionen", "Norrby stadsmission"));
        assert!(same_org("Tjejjouren Idas", "Tjejjouren Ida"));
        assert!(same_org("Fryshuset", "Stiftelsen Fryshuset"));
        assert!(!same_org(
            "Brottsofferjouren Söderslätt",
            "Kvinnojouren Söderslätt"
        ));
        assert!(!same_org(
            "Brottsofferjouren i Linköping",
            "Brottsofferjouren Söderslätt"
        ));
    }

    #[test]
    fn the_fullest_form_wins() {
        assert_eq!(
            fullest(&v(&["Stadsmissionen", "Norrby stadsmission"]), ""),
            "Norrby stadsmission"
        );
        assert_eq!(
            fullest(
                &v(&[
                    "Brottsofferjouren Mellersta",
                    "Brottsofferjouren Mellersta Skåne"
                ]),
                ""
            ),
            "Brottsofferjouren Mellersta Skåne"
        );
        assert_eq!(
            fullest(&v(&["Tjejjouren Idas", "Tjejjouren Ida"]), ""),
            "Tjejjouren Ida"
        );
        assert_eq!(
            fullest(&v(&["Fryshuset", "Stiftelsen Fryshuset"]), ""),
            "Stiftelsen Fryshuset"
        );
    }

    #[test]
    fn a_declared_short_name_is_the_declared_name() {
        let text = "Detta avtal har träffats mellan Norrby Brottsofferförening, nedan kallad Brottsofferföreningen, och Socialtjänsten. Rubrik Brottsofferföreningen åtar sig att ge stöd. Brottsofferföreningen deltar i samverkan.";
        assert_eq!(
            fullest(
                &v(&[
                    "Norrby Brottsofferförening",
                    "Brottsofferföreningen",
                    "Rubrik Brottsofferföreningen"
                ]),
                text
            ),
            "Norrby Brottsofferförening"
        );
        assert!(declares(
            "mellan Fria Kvinnojouren (nedan Jouren) och kommunen",
            "Fria Kvinnojouren",
            "Jouren"
        ));
        assert!(!declares(
            "Fria Kvinnojouren och Jouren nedan",
            "Fria Kvinnojouren",
            "Jouren"
        ));
    }

    #[test]
    fn an_acronym_is_the_name_it_spells() {
        assert!(same_org("GUBIS", "Gotländska utvecklingsbolag i samverkan"));
        assert!(!same_org("RFSU", "Gotländska utvecklingsbolag i samverkan"));
        assert_eq!(
            fullest(
                &v(&["GUBIS", "Gotländska utvecklingsbolag i samverkan"]),
                ""
            ),
            "Gotländska utvecklingsbolag i samverkan"
        );
    }
}
