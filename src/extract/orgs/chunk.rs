//! Words and name chunks of one sentence. A chunk is a run of words that
//! reads as one proper name: capitalised words, digits and acronyms joined
//! by single spaces, with "i", "för", "och", "&", "av" inside when a
//! capitalised word follows ("Riksförbundet för Social och Mental Hälsa",
//! "Brottsofferjouren i Linköping"), and a lower-case organisation noun at
//! the end ("Bollstanäs scoutkår", "Enköpings kammarkör"). A chunk never
//! crosses punctuation other than a hyphen or a dot inside a word, so names
//! are never glued across a comma, a dash, a bracket or a sentence. Two
//! organisations joined by "och" stay two chunks when the first is complete
//! ("Hallands Idrottsförbund och Hallands Bildningsförbund"). Pure.

use std::ops::Range;
use std::sync::LazyLock;

use crate::extract::lexicon;
use crate::extract::party;
use crate::extract::pattern::Pattern;

/// One word of a sentence with its byte range.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word<'a> {
    pub text: &'a str,
    pub range: Range<usize>,
}

impl Word<'_> {
    /// Opens with a capital letter or a digit ("Fryshuset", "4H", "1740").
    pub fn capital(&self) -> bool {
        self.text
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
    }

    /// All letters capitals, at least two of them ("RSMH", "GUBIS").
    pub fn acronym(&self) -> bool {
        let mut letters = self.text.chars().filter(|c| c.is_alphabetic());
        letters.clone().nth(1).is_some() && letters.all(char::is_uppercase)
    }

    /// Only digits.
    pub fn number(&self) -> bool {
        self.text.chars().all(|c| c.is_ascii_digit())
    }

    /// A date or a number range written as one word: digit groups joined
    /// by hyphens, slashes or dots ("2019-04", "2024-03-12", "1/3").
    pub fn date_like(&self) -> bool {
        let groups: Vec<&str> = self.text.split(['-', '/', '.']).collect();
        groups.len() >= 2
            && groups
                .iter()
                .all(|g| !g.is_empty() && g.chars().all(|c| c.is_ascii_digit()))
    }
}

/// A word: letters and digits with hyphens, ampersands, apostrophes and
/// slashes inside, and dots inside ("nattvandring.nu") or after single
/// letters ("J.P."); an ordinal keeps its colon ("3:e Fältet", "1:a
/// Scoutkåren").
///
/// The ordinal ends where a word boundary stands; written without `\b` (so
/// the whole pattern runs on the fast DFA), it takes the one character after
/// it that is no word character, which `words` drops again. No word starts
/// with such a character, so none is lost.
///
/// `word_at` reads the same matches character by character, faster than the
/// pattern on a sentence's many short words; the tests hold the two to the
/// same matches.
#[cfg(test)]
static WORD: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(
        r"(?:\p{L}\.){2,}|\p{N}{1,2}:[ae](?:\W|\z)|[\p{L}\p{N}](?:[\p{L}\p{N}\-&'’/+]|\.[\p{L}\p{N}])*",
    )
    .expect("valid regex")
});

/// What a character is to `WORD`: a letter (`\p{L}`), a number (`\p{N}`),
/// a word character (`\w`). ASCII and the Swedish letters are known; any
/// other character is asked of the patterns themselves.
#[derive(Debug, Clone, Copy)]
struct Class {
    letter: bool,
    number: bool,
    word: bool,
}

fn class(c: char) -> Class {
    if c.is_ascii() {
        return ascii_class(c);
    }
    if matches!(c, 'å' | 'ä' | 'ö' | 'Å' | 'Ä' | 'Ö' | 'é' | 'É') {
        return Class {
            letter: true,
            number: false,
            word: true,
        };
    }
    static CLASSES: LazyLock<[regex_automata::meta::Regex; 3]> = LazyLock::new(|| {
        [r"\p{L}", r"\p{N}", r"\w"]
            .map(|p| regex_automata::meta::Regex::new(p).expect("valid regex"))
    });
    let mut buf = [0u8; 4];
    let s: &str = c.encode_utf8(&mut buf);
    let [letter, number, word] = &*CLASSES;
    Class {
        letter: letter.is_match(s),
        number: number.is_match(s),
        word: word.is_match(s),
    }
}

fn ascii_class(c: char) -> Class {
    Class {
        letter: c.is_ascii_alphabetic(),
        number: c.is_ascii_digit(),
        word: c.is_ascii_alphanumeric() || c == '_',
    }
}

/// The character at `i` with its class, if any.
#[inline]
fn char_at(s: &str, i: usize) -> Option<(char, Class)> {
    let b = *s.as_bytes().get(i)?;
    if b.is_ascii() {
        return Some((char::from(b), ascii_class(char::from(b))));
    }
    s.get(i..)?.chars().next().map(|c| (c, class(c)))
}

/// The leftmost match of `WORD` at or after `from`, read as the pattern
/// reads it: at the first letter or number, `(?:\p{L}\.){2,}` first, then
/// `\p{N}{1,2}:[ae](?:\W|\z)`, then the plain word.
fn word_at(s: &str, from: usize) -> Option<Range<usize>> {
    let mut i = from;
    while let Some((c, k)) = char_at(s, i) {
        if !(k.letter || k.number) {
            i += c.len_utf8();
            continue;
        }
        // letters each with a dot after it, two or more: "J.P."
        let mut end = i;
        let mut pairs = 0;
        while let Some((l, kl)) = char_at(s, end)
            && kl.letter
            && s[end + l.len_utf8()..].starts_with('.')
        {
            end += l.len_utf8() + 1;
            pairs += 1;
        }
        if pairs >= 2 {
            return Some(i..end);
        }
        // an ordinal: one or two numbers, a colon, "a" or "e", and a
        // character that is no word character or the end
        if k.number {
            let second = char_at(s, i + c.len_utf8())
                .filter(|(_, k)| k.number)
                .map(|(d, _)| i + c.len_utf8() + d.len_utf8());
            for digits_end in second.into_iter().chain([i + c.len_utf8()]) {
                let rest = &s[digits_end..];
                if rest.starts_with(":a") || rest.starts_with(":e") {
                    let after = digits_end + 2;
                    match char_at(s, after) {
                        None => return Some(i..after),
                        Some((d, kd)) if !kd.word => return Some(i..after + d.len_utf8()),
                        Some(_) => {}
                    }
                }
            }
        }
        // the word: letters, numbers and "-&'’/+", a dot only between them
        let mut end = i + c.len_utf8();
        while let Some((d, kd)) = char_at(s, end) {
            if kd.letter || kd.number || matches!(d, '-' | '&' | '\'' | '’' | '/' | '+') {
                end += d.len_utf8();
            } else if d == '.'
                && let Some((e, ke)) = char_at(s, end + 1)
                && (ke.letter || ke.number)
            {
                end += 1 + e.len_utf8();
            } else {
                break;
            }
        }
        return Some(i..end);
    }
    None
}

/// The words of a sentence, in order.
pub fn words(sentence: &str) -> Vec<Word<'_>> {
    let mut at = 0;
    std::iter::from_fn(|| {
        let m = word_at(sentence, at)?;
        at = m.end;
        Some(m)
    })
    .map(|m| {
        let text = &sentence[m.clone()];
        // an ordinal without the character after it: "3:e"
        let text = match text.find(':') {
            Some(colon) => &text[..colon + 2],
            None => text.trim_end_matches(['-', '/', '&']),
        };
        Word {
            text,
            range: m.start..m.start + text.len(),
        }
    })
    .filter(|w| !w.text.is_empty())
    .collect()
}

/// Lower-case words that may stand inside a name between capitalised words.
const CONNECTORS: &[&str] = &["i", "för", "och", "&", "for", "of", "the", "and"];

/// A run of words that reads as one proper name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chunk {
    /// Index of the first and one past the last word.
    pub words: Range<usize>,
    /// Byte range in the sentence.
    pub range: Range<usize>,
    /// Opens with a lower-case organisation noun ("tjejjouren Meja",
    /// "simhallsföreningen i Norrby").
    pub lower_led: bool,
}

/// True when only a single space (no punctuation) stands between two words.
fn joined(sentence: &str, a: &Word, b: &Word) -> bool {
    let gap = &sentence[a.range.end..b.range.start];
    gap == " " || gap == "\u{a0}"
}

/// A lower-case adjective inside a name ("ortodoxa", "svenska", "ideella").
fn adjective_like(w: &Word) -> bool {
    w.text.starts_with(char::is_lowercase)
        && w.text.chars().count() >= 4
        && (w.text.ends_with('a') || w.text.ends_with('e'))
        && !STOP_BACK.contains(&w.text)
}

/// A name written as its web address, in lower case ("nattvandring.nu").
fn web_name(w: &Word) -> bool {
    [".nu", ".se", ".org"].iter().any(|tld| {
        w.text
            .strip_suffix(tld)
            .is_some_and(|stem| stem.len() >= 3 && !stem.contains('.'))
    })
}

/// True when a lower-case word is an organisation noun that can end a name
/// ("scoutkår", "hembygdsförening", "kammarkör").
fn org_noun(w: &Word) -> bool {
    !w.capital() && lexicon::has_org_ending(w.text)
}

/// True when the word at `j` completes a name, so an "och" after it starts
/// another: an organisation ending or club code, a public office, or a place
/// after "i" ("Länsstyrelsen i Norrbotten och Samforma").
fn completes(words: &[Word], j: usize) -> bool {
    let w = &words[j];
    lexicon::has_org_ending(w.text)
        || lexicon::is_club_code(w.text)
        // "RFSU och RFSL": an acronym is a whole name
        || (w.acronym() && w.text.chars().count() >= 3 && !lexicon::is_company_word(w.text))
        || lexicon::has_weak_org_ending(w.text)
        || lexicon::is_public_word(w.text)
        || (j >= 1 && matches!(words[j - 1].text, "i" | "Region" | "Landstinget"))
}

/// True when the text right after a number makes it a sum: a decimal
/// part, a thousands group, or a unit of money.
fn sum_follows(rest: &str) -> bool {
    static SUM: LazyLock<Pattern> = LazyLock::new(|| {
        Pattern::new(r"(?i)^(?:[,.]\d|[\s\u{a0}\u{202f}]\d{3}\b|\s*(?:kr\b|kronor|miljon|mnkr|mkr|tkr|sek\b))")
            .expect("valid regex")
    });
    SUM.is_match(rest)
}

/// The name chunks of a sentence.
pub fn chunks(sentence: &str, words: &[Word]) -> Vec<Chunk> {
    let mut out = Vec::new();
    let n = words.len();
    let mut i = 0;
    while i < n {
        let w = &words[i];
        let lower_led = !w.capital()
            && org_noun(w)
            && !lexicon::is_org_anaphor(w.text)
            && i + 1 < n
            && joined(sentence, w, &words[i + 1])
            && (words[i + 1].text.starts_with(char::is_uppercase)
                || (words[i + 1].text == "i"
                    && i + 2 < n
                    && words[i + 2].capital()
                    && joined(sentence, &words[i + 1], &words[i + 2])));
        // "god man- och förvaltarföreningen", "Autism- och
        // Aspergerföreningen": a hyphen-coordinated name reaches back over
        // "X- och" and the words before it
        let back = if (org_noun(w) || (w.capital() && lexicon::has_org_ending(w.text)))
            && !lexicon::is_org_anaphor(w.text)
        {
            coordinated_start(sentence, words, i)
        } else {
            i
        };
        if !w.capital() && !lower_led && back == i && !web_name(w) {
            i += 1;
            continue;
        }
        let mut j = i;
        let start = back;
        if start < i {
            while out.last().is_some_and(|c: &Chunk| c.words.end > start) {
                out.pop();
            }
        }
        loop {
            if j + 1 >= n || !joined(sentence, &words[j], &words[j + 1]) {
                break;
            }
            let next = &words[j + 1];
            // "Sandvikens IF 1,4 miljoner kronor", "IK Sirius 400 000 kr": a
            // sum after the name is no part of it
            if next.number() && sum_follows(&sentence[next.range.end..]) {
                break;
            }
            if next.capital() {
                // a new keyword-headed name after a complete one: two names
                if lexicon::is_org_head(next.text) && completes(words, j) {
                    break;
                }
                j += 1;
                continue;
            }
            // "Riksförbundet för hjärt- och lungsjuka", "Stiftelsen för
            // strategisk forskning": a head word and the cause it is for
            if next.text == "för"
                && j == i
                && w.capital()
                && (lexicon::is_org_head(w.text) || lexicon::has_org_ending(w.text))
                && let Some(k) = cause_end(sentence, words, j + 2)
            {
                j = k;
                continue;
            }
            // "Föreningen för Gränbys utveckling": a genitive after "för"
            // names the cause with the noun it governs
            if words[i..j].iter().any(|w| w.text == "för")
                && words[j].text.ends_with('s')
                && words[j].capital()
                && cause_word(next)
            {
                j += 1;
                continue;
            }
            // "Jämtlands läns Bildningsförbund": a county's genitive inside
            // an organisation's name, before the word it names
            if next.text == "läns"
                && words[j].capital()
                && words[j].text.ends_with('s')
                && j + 2 < n
                && joined(sentence, next, &words[j + 2])
                && words[j + 2].capital()
                && lexicon::has_org_ending(words[j + 2].text)
            {
                j += 2;
                continue;
            }
            // "Sandvikens IF för Jernvallen": a club code ends the name, and
            // what follows "för" is what the club is given
            if next.text == "för" && lexicon::is_club_code(words[j].text) {
                break;
            }
            if CONNECTORS.contains(&next.text)
                && j + 2 < n
                && joined(sentence, next, &words[j + 2])
                && words[j + 2].capital()
            {
                let coordinating = matches!(next.text, "och" | "&" | "and");
                // "A-föreningen och B-klubben", "Eva Ek och Per Berg": two names
                let right = words[j + 2].text;
                let club_left = words[i..=j].iter().any(|w| lexicon::is_club_code(w.text));
                // "Gränby Hjärta och Gränby IF": a name's first word again
                // opens a second name
                let again = words[i].capital() && right == words[i].text && j > i;
                // "Föreningen X och Umeå kommun", "... och Region Norrby": a
                // public body is a name of its own
                let public_right = matches!(right, "Region" | "Landstinget")
                    || words.get(j + 3).is_some_and(|w| {
                        joined(sentence, &words[j + 2], w)
                            && matches!(
                                crate::extract::text::lower(w.text).as_ref(),
                                "kommun" | "kommuns" | "stad" | "stads"
                            )
                    });
                if coordinating
                    && (completes(words, j)
                        || club_left
                        || again
                        || public_right
                        || lexicon::is_first_name(right)
                        // "KFUM Norrköping och IK Sleipner": a club code opens a name
                        || lexicon::is_club_code(right)
                        || lexicon::is_org_head(right)
                        || lexicon::has_weak_org_ending(right)
                        || (lexicon::has_org_ending(right)
                            && (!completes_name(words, j + 2) || org_named(&words[i..=j])))
                        // "Stadsmissionen Lund och Frälsningsarmén Lund": an
                        // organisation closed by its place, and another name
                        || (org_named(&words[i..=j])
                            && party::is_place(words[j].text)
                            && !party::is_place(right))
                        // "Socialtjänst Gävle och Gävle Brottsofferförening":
                        // a public office and an organisation
                        || (words[i..=j].iter().any(|w| lexicon::is_public_word(w.text))
                            && org_named(capital_run(sentence, words, j + 2)))
                        // "Studieförbundet Bilda Öst och Sensus Östra
                        // Götaland": a well-known name after a named one
                        || (org_named(&words[i..=j]) && lexicon::is_known_org(right))
                        // "SL och Stockholms Stadsmission": a public body or
                        // its brand before "och" is a name of its own
                        || party::is_body_name(
                            &sentence[words[i].range.start..words[j].range.end],
                        )
                        // "mellan Kiruna och Kvinnojouren Iris": a bare place
                        // before an organisation
                        || (j == i
                            && party::is_place(words[i].text)
                            && org_named(capital_run(sentence, words, j + 2))))
                {
                    break;
                }
                j += 2;
                continue;
            }
            // "Syriska ortodoxa kyrkan", "Islamiska kulturföreningen": a
            // capitalised adjective, lower-case ones, and the noun
            if words[j].capital()
                && adjective_like(next)
                && words.get(j + 2).is_some_and(|w| {
                    joined(sentence, next, w)
                        && (org_noun(w) || lexicon::has_weak_org_ending(w.text))
                })
            {
                j += 2;
                continue;
            }
            // "Örebro läns bildningsförbund", "Stockholms läns
            // blindförbund": a county's organisation
            // "Brottsofferjouren Uppsala län": an organisation of a county
            // ends in its name
            if next.text == "län"
                && j > i
                && words[j].capital()
                && crate::extract::party::is_place(words[j].text)
                && org_named(&words[i..j])
            {
                j += 1;
                continue;
            }
            if next.text == "läns"
                && words[j].capital()
                && words
                    .get(j + 2)
                    .is_some_and(|w| joined(sentence, next, w) && org_noun(w))
            {
                j += 2;
                continue;
            }
            // "Bollstanäs scoutkår", and a building's noun ("Restad gård"),
            // so that the whole reads as what it is; a name closed by its
            // place is whole ("driver Hela Människan Västerås mötesplatsen")
            let placed = j > i && party::is_place(words[j].text);
            if org_noun(next)
                || (lexicon::is_venue_word(next.text) && next.text.len() >= 4 && !placed)
                // "Folkets hus", "Ungdomens hus": a house named in the genitive
                || (next.text == "hus" && words[j].capital() && words[j].text.ends_with('s'))
                || lexicon::has_weak_org_ending(next.text)
            {
                j += 1;
                continue;
            }
            break;
        }
        out.push(Chunk {
            words: start..j + 1,
            range: words[start].range.start..words[j].range.end,
            lower_led: lower_led || (start < i && !words[start].capital()),
        });
        i = j + 1;
    }
    let mut out = split_lists(sentence, words, out);
    spelled_out(sentence, words, &mut out);
    quoted(sentence, words, &mut out);
    out
}

/// Quotation marks that open a name, and the ones that may close it.
const QUOTES: &[(char, &[char])] = &[
    ('”', &['”']),
    ('“', &['”', '“']),
    ('"', &['"']),
    ('»', &['»', '«']),
    ('«', &['»']),
];

/// A name in quotation marks right after an organisation's common noun
/// ("föreningen ”Barn i nöd”", "organisationen \"Hjälpande händer\"") is one
/// chunk, lower-case words included.
fn quoted(sentence: &str, words: &[Word], chunks: &mut Vec<Chunk>) {
    if !sentence.contains(['”', '“', '"', '»', '«']) {
        return;
    }
    for (k, w) in words.iter().enumerate() {
        if k == 0 || !w.capital() {
            continue;
        }
        let gap = &sentence[words[k - 1].range.end..w.range.start];
        let Some(&(_, closers)) = QUOTES
            .iter()
            .find(|(open, _)| gap.trim_start().chars().eq([*open]))
        else {
            continue;
        };
        if !lexicon::ORG_COMMON_NOUNS.contains(&words[k - 1].text.to_lowercase().as_str()) {
            continue;
        }
        // the words up to the closing mark, at most six, nothing but single
        // spaces between them
        let mut end = k;
        while end + 1 < words.len() && end - k < 5 && joined(sentence, &words[end], &words[end + 1])
        {
            end += 1;
        }
        let Some(last) = (k..=end).find(|&x| {
            sentence[words[x].range.end..]
                .chars()
                .next()
                .is_some_and(|c| closers.contains(&c))
        }) else {
            continue;
        };
        insert_name(words, chunks, k, last + 1);
    }
}

/// A lower-case word that may name an organisation's cause: no function
/// word or verb.
fn cause_word(w: &Word) -> bool {
    w.text.starts_with(char::is_lowercase)
        && !super::NOT_AFTER_GENITIVE.contains(&w.text)
        && !STOP_BACK.contains(&w.text)
        && !TIME_WORDS.contains(&w.text)
}

/// Words of time after "för": "för perioden 2022–2024", "för året", "för
/// hela avtalstiden" say when, not what the organisation is for.
const TIME_WORDS: &[&str] = &[
    "perioden",
    "period",
    "avtalsperioden",
    "avtalstiden",
    "året",
    "åren",
    "år",
    "tiden",
    "hela",
    "resten",
    "våren",
    "sommaren",
    "hösten",
    "vintern",
    "läsåret",
    "säsongen",
    "verksamhetsåret",
    "kommande",
    "nästa",
    "innevarande",
];

/// The last word of a cause after "för" starting at word `k`: up to four
/// lower-case content words, with hyphen coordinations ("hjärt- och
/// lungsjuka"); None when no such word follows.
fn cause_end(sentence: &str, words: &[Word], k: usize) -> Option<usize> {
    if k >= words.len() || !joined(sentence, &words[k - 1], &words[k]) || !cause_word(&words[k]) {
        return None;
    }
    let mut last = k;
    let mut taken = 1;
    while taken < 4 && last + 1 < words.len() {
        let gap = &sentence[words[last].range.end..words[last + 1].range.start];
        let next = &words[last + 1];
        // "hjärt- och lungsjuka"
        if gap == "- "
            && matches!(next.text, "och" | "eller")
            && last + 2 < words.len()
            && joined(sentence, next, &words[last + 2])
            && cause_word(&words[last + 2])
        {
            last += 2;
            taken += 1;
            continue;
        }
        if gap == " " && cause_word(next) {
            last += 1;
            taken += 1;
            continue;
        }
        break;
    }
    // "för perioden 2022–2024": a cause followed by a number is a time
    if words
        .get(last + 1)
        .is_some_and(|w| w.number() && joined(sentence, &words[last], w))
    {
        return None;
    }
    Some(last)
}

/// Words that never stand inside a name reached back over.
const STOP_BACK: &[&str] = &[
    "med", "och", "i", "en", "ett", "den", "det", "de", "till", "av", "för", "på", "om", "att",
    "som", "från", "hos", "mellan", "samt", "eller", "har", "är",
];

/// The start of a name whose organisation noun closes a hyphen
/// coordination ("god man- och förvaltarföreningen", "Härnösands kvinno-
/// och tjejjour"): back over "X- och" and the describing words before it,
/// a capitalised place included.
fn coordinated_start(sentence: &str, words: &[Word], i: usize) -> usize {
    if i < 2 || words[i - 1].text != "och" {
        return i;
    }
    let hyphen = &sentence[words[i - 2].range.end..words[i - 1].range.start];
    if hyphen.trim() != "-" {
        return i;
    }
    let mut k = i - 2;
    while k > 0 {
        let prev = &words[k - 1];
        if !joined(sentence, prev, &words[k]) || STOP_BACK.contains(&prev.text) {
            break;
        }
        k -= 1;
        if prev.capital() {
            break;
        }
    }
    k
}

/// True when a stretch of words already holds an organisation word
/// ("Brottsofferjouren Mellersta Skåne", "Föreningen Gemenskap"), so a
/// capitalised organisation word after "och" opens a second name
/// ("... och Kvinnojouren Lund").
fn org_named(words: &[Word]) -> bool {
    words.iter().any(|w| {
        w.capital()
            && (lexicon::has_org_ending(w.text)
                || lexicon::is_org_head(w.text)
                || lexicon::is_org_ending(w.text))
    })
}

/// The capitalised words from `k` on, joined by single spaces.
fn capital_run<'a, 'b>(sentence: &str, words: &'b [Word<'a>], k: usize) -> &'b [Word<'a>] {
    let mut end = k;
    while end < words.len()
        && words[end].capital()
        && (end == k || joined(sentence, &words[end - 1], &words[end]))
    {
        end += 1;
    }
    &words[k..end]
}

/// True when the words after `k` go on with the same name ("Social och
/// Mental Hälsa": the word after "och" is followed by more capitals).
fn completes_name(words: &[Word], k: usize) -> bool {
    words.get(k + 1).is_some_and(|w| w.capital())
}

fn chunk_of(words: &[Word], a: usize, b: usize, lower_led: bool) -> Chunk {
    Chunk {
        words: a..b,
        range: words[a].range.start..words[b - 1].range.end,
        lower_led,
    }
}

/// In an enumeration ("A, B och C"), an "och" inside the last chunk joins
/// two list members, not two halves of one name: split it.
fn split_lists(sentence: &str, words: &[Word], chunks: Vec<Chunk>) -> Vec<Chunk> {
    let mut out: Vec<Chunk> = Vec::with_capacity(chunks.len());
    for c in chunks {
        let listed = out
            .last()
            .is_some_and(|p| sentence[p.range.end..c.range.start].trim() == ",");
        let och = c
            .words
            .clone()
            .rev()
            .find(|&k| k > c.words.start && matches!(words[k].text, "och" | "&" | "samt"));
        match och {
            Some(k) if listed && k + 1 < c.words.end => {
                out.push(chunk_of(words, c.words.start, k, c.lower_led));
                out.push(chunk_of(words, k + 1, c.words.end, false));
            }
            _ => out.push(c),
        }
    }
    out
}

/// A name followed by an acronym in brackets that spells it is one chunk,
/// lower-case words included: "Gotländska utvecklingsbolag i samverkan
/// (GUBIS)", "Riksförbundet för Social och Mental Hälsa (RSMH)".
fn spelled_out(sentence: &str, words: &[Word], chunks: &mut Vec<Chunk>) {
    for (end, w) in words.iter().enumerate() {
        if !w.acronym() || end == 0 {
            continue;
        }
        let open = &sentence[words[end - 1].range.end..w.range.start];
        if open.trim() != "(" || !sentence[w.range.end..].starts_with(')') {
            continue;
        }
        let letters: Vec<char> = w.text.chars().filter(|c| c.is_alphabetic()).collect();
        // the nearest start whose words' initials spell the acronym
        let found = (end.saturating_sub(letters.len() * 2 + 1)..end)
            .rev()
            .find(|&k| {
                words[k].capital()
                    && (k..end - 1).all(|x| joined(sentence, &words[x], &words[x + 1]))
                    && spells(&words[k..end], &letters)
            });
        if let Some(k) = found {
            insert_name(words, chunks, k, end);
        }
    }
}

/// Makes words `k..end` one chunk among `chunks`: a chunk reaching into it
/// keeps what stands before it ("Föreningen Gemenskap och" before "Hela
/// människan"), without a connector left dangling; chunks inside it go.
pub fn insert_name(words: &[Word], chunks: &mut Vec<Chunk>, k: usize, end: usize) {
    let mut kept: Vec<Chunk> = Vec::with_capacity(chunks.len() + 1);
    for c in chunks.drain(..) {
        if c.words.end <= k || c.words.start >= end {
            kept.push(c);
            continue;
        }
        let mut b = k.min(c.words.end);
        while b > c.words.start
            && (CONNECTORS.contains(&words[b - 1].text) || words[b - 1].text == "samt")
        {
            b -= 1;
        }
        if b > c.words.start {
            kept.push(chunk_of(words, c.words.start, b, c.lower_led));
        }
        // and what stands after it, past a coordinator ("Hela Människan
        // och Röda Korset")
        if c.words.end > end + 1 && matches!(words[end].text, "och" | "samt" | "&") {
            kept.push(chunk_of(words, end + 1, c.words.end, false));
        }
    }
    let at = kept.partition_point(|c| c.words.start < k);
    kept.insert(at, chunk_of(words, k, end, false));
    *chunks = kept;
}

/// True when the words spell the letters: each word gives its initial
/// (a connector may give none) and may give more letters from inside it,
/// in order ("Gotländska UtvecklingsBolag I Samverkan" spells GUBIS).
pub fn spells(words: &[Word], letters: &[char]) -> bool {
    let Some(w) = words.first() else {
        return letters.is_empty();
    };
    if CONNECTORS.contains(&w.text) && spells(&words[1..], letters) {
        return true;
    }
    let upper: Vec<char> = w.text.chars().flat_map(char::to_uppercase).collect();
    if letters.first() != upper.first() || letters.is_empty() {
        return false;
    }
    // the initial, then k more letters found in order inside the word
    let mut inside = upper[1..].iter();
    for k in 0..letters.len() {
        if k > 0 && !inside.any(|c| *c == letters[k]) {
            break;
        }
        if spells(&words[1..], &letters[k + 1..]) {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn same_words(s: &str) {
        let mut at = 0;
        let ours: Vec<_> = std::iter::from_fn(|| {
            let m = word_at(s, at)?;
            at = m.end;
            Some(m)
        })
        .collect();
        let theirs: Vec<_> = WORD.find_iter(s).map(|m| m.range()).collect();
        assert_eq!(ours, theirs, "{s:?}");
    }

    #[test]
    fn words_are_the_patterns_matches() {
        for s in [
            "J.P. Morgan och A.B.C-gruppen, 3:e Fältet och 12:a laget; 1:a. 3:ex 4:e_ 5:e",
            "nattvandring.nu, Röda Korset's 4H-gården & Co/AB +46 ’Ås’ ÅÄÖ é.ü.",
            "a. b.c. 1.2.3 x.. .y ١٢:a Ⅻ:e ǅ.ǅ. e\u{301}:e 7:e\u{301} ſ.K. – 8:a",
            "",
            "9:e",
            "99:a",
            "999:a",
        ] {
            same_words(s);
        }
    }

    proptest::proptest! {
        #[test]
        fn words_match_the_pattern_on_any_text(
            s in "[aZ09åÖé.:\\-&'’/+ ,_ǅ١Ⅻ\u{301}\u{a0}–ſ]{0,40}"
        ) {
            same_words(&s);
        }
    }

    fn names(s: &str) -> Vec<&str> {
        let w = words(s);
        chunks(s, &w).into_iter().map(|c| &s[c.range]).collect()
    }

    #[test]
    fn a_sum_or_what_a_club_is_given_is_no_part_of_its_name() {
        let names = |s| -> Vec<&str> {
            names(s)
                .into_iter()
                .filter(|n| n.starts_with(char::is_alphabetic))
                .collect()
        };
        assert_eq!(
            names(
                "Sandvikens AIK får 2,1 miljoner kronor och Sandvikens IF 1,4 miljoner kronor per år."
            ),
            ["Sandvikens AIK", "Sandvikens IF"]
        );
        assert_eq!(names("Till IK Sirius 400 000 kronor."), ["Till IK Sirius"]);
        // a kommun written with a capital is a name of its own after "och"
        assert_eq!(
            names("Avtalet mellan Röda Korset Ludvika och Ludvika Kommun gäller."),
            ["Avtalet", "Röda Korset Ludvika", "Ludvika Kommun"]
        );
        assert_eq!(
            names("Nya driftsavtal med Sandvikens IF för Jernvallen."),
            ["Nya", "Sandvikens IF", "Jernvallen"]
        );
        // a number that is part of a name stays
        assert_eq!(
            names("Avtal med Team 13 i Malmö."),
            ["Avtal", "Team 13 i Malmö"]
        );
    }

    #[test]
    fn words_keep_inner_punctuation() {
        let s = "J.P. Johansson sällskapet, Nattvandring.nu och IOP-avtalet (RSMH).";
        let w: Vec<&str> = words(s).into_iter().map(|w| w.text).collect();
        assert_eq!(
            w,
            [
                "J.P.",
                "Johansson",
                "sällskapet",
                "Nattvandring.nu",
                "och",
                "IOP-avtalet",
                "RSMH"
            ]
        );
    }

    #[test]
    fn an_ordinal_keeps_its_colon_and_opens_a_name() {
        let s = "Avtalet med 3:e Fältet gäller från kl 13:00 den 1:a mars.";
        let w: Vec<&str> = words(s).into_iter().map(|w| w.text).collect();
        assert_eq!(
            w,
            [
                "Avtalet", "med", "3:e", "Fältet", "gäller", "från", "kl", "13", "00", "den",
                "1:a", "mars"
            ]
        );
        assert_eq!(
            names("Avtalet med 3:e Fältet gäller i tre år."),
            ["Avtalet", "3:e Fältet"]
        );
        // an ordinal ends at a word boundary: before punctuation or the end
        // of the text; "3:an" is a number and a word
        let texts = |s: &'static str| words(s).iter().map(|w| w.text).collect::<Vec<_>>();
        assert_eq!(texts("Hon kom 3:e."), ["Hon", "kom", "3:e"]);
        assert_eq!(texts("plats 2:a"), ["plats", "2:a"]);
        assert_eq!(
            texts("på 1:a, 2:a och 3:e plats"),
            ["på", "1:a", "2:a", "och", "3:e", "plats"]
        );
        assert_eq!(texts("3:an och 4:ans"), ["3", "an", "och", "4", "ans"]);
        let w = words("Hon kom 3:e.");
        assert_eq!(w[2].range, 8..11);
    }

    #[test]
    fn chunks_join_capitalised_words_and_inner_connectors() {
        assert_eq!(
            names("Avtal med Brottsofferjouren i Linköping om stöd."),
            ["Avtal", "Brottsofferjouren i Linköping"]
        );
        assert_eq!(
            names("med Riksförbundet för Social och Mental Hälsa i Lund"),
            ["Riksförbundet för Social och Mental Hälsa i Lund"]
        );
        assert_eq!(
            names("ett arrendeavtal med Bollstanäs scoutkår."),
            ["Bollstanäs scoutkår"]
        );
    }

    #[test]
    fn a_public_body_after_och_is_a_name_of_its_own() {
        assert_eq!(
            names("Föreningen Mentor Sverige och Umeå kommun har ingått en överenskommelse."),
            ["Föreningen Mentor Sverige", "Umeå"]
        );
        assert_eq!(
            names("mellan Kvinnojouren Kalmar och Region Kalmar län"),
            ["Kvinnojouren Kalmar", "Region Kalmar"]
        );
        // a public body or its brand before "och" likewise
        assert_eq!(
            names("SL och Stockholms Stadsmission har tecknat ett avtal."),
            ["SL", "Stockholms Stadsmission"]
        );
        assert_eq!(
            names("Region Skåne och Kvinnojouren Malmö har tecknat ett avtal."),
            ["Region Skåne", "Kvinnojouren Malmö"]
        );
        // and a bare place before an organisation
        assert_eq!(
            names("Avtalet mellan Kiruna och Kvinnojouren Iris gäller i tre år."),
            ["Avtalet", "Kiruna", "Kvinnojouren Iris"]
        );
        // a name's own "och" stays inside it
        assert_eq!(
            names("med Riksförbundet för Social och Mental Hälsa"),
            ["Riksförbundet för Social och Mental Hälsa"]
        );
    }

    #[test]
    fn a_weak_organisation_noun_joins_the_name_and_its_place() {
        assert_eq!(
            names("avtal med Svenska kyrkan i Bollnäs om en hemlöshetsverksamhet"),
            ["Svenska kyrkan i Bollnäs"]
        );
    }

    #[test]
    fn chunks_never_cross_punctuation() {
        assert_eq!(
            names("Villberga hembygdsförening – 1 juli 2024"),
            ["Villberga hembygdsförening", "1", "2024"]
        );
        assert_eq!(
            names("Coompanion, Connect Väst, Hallands Matgille och HighFive."),
            [
                "Coompanion",
                "Connect Väst",
                "Hallands Matgille",
                "HighFive"
            ]
        );
    }

    #[test]
    fn an_acronym_in_brackets_spells_out_its_name() {
        assert_eq!(
            names("Region Gotland och Gotländska utvecklingsbolag i samverkan (GUBIS) har"),
            [
                "Region Gotland",
                "Gotländska utvecklingsbolag i samverkan",
                "GUBIS"
            ]
        );
    }

    #[test]
    fn two_complete_names_joined_by_och_stay_two() {
        assert_eq!(
            names("med Hallands Idrottsförbund och Hallands Bildningsförbund."),
            ["Hallands Idrottsförbund", "Hallands Bildningsförbund"]
        );
        assert_eq!(names("Fanna BK och Ok Enen"), ["Fanna BK", "Ok Enen"]);
        // an organisation word after "och" opens a second name when the
        // first already has one, though a place closes it
        assert_eq!(
            names("med Brottsofferjouren Mellersta Skåne och Kvinnojouren Lund."),
            ["Brottsofferjouren Mellersta Skåne", "Kvinnojouren Lund"]
        );
        assert_eq!(
            names("med Föreningen Gemenskap och Kvinnojouren Lund."),
            ["Föreningen Gemenskap", "Kvinnojouren Lund"]
        );
        assert_eq!(
            names("med Stadsmissionen Lund och Frälsningsarmén Lund."),
            ["Stadsmissionen Lund", "Frälsningsarmén Lund"]
        );
    }

    #[test]
    fn a_public_office_and_an_organisation_are_two_names() {
        assert_eq!(
            names("mellan Socialtjänst Gävle och Gävle Brottsofferförening."),
            ["Socialtjänst Gävle", "Gävle Brottsofferförening"]
        );
        // a place that closes the office's name is no organisation
        assert_eq!(
            names("mellan Socialtjänsten Gävle och Sandviken."),
            ["Socialtjänsten Gävle och Sandviken"]
        );
    }

    #[test]
    fn a_house_named_in_the_genitive_is_one_name() {
        assert_eq!(
            names("med Folkets hus i Norrköping om lokaler."),
            ["Folkets hus i Norrköping"]
        );
        assert_eq!(names("med Ungdomens hus."), ["Ungdomens hus"]);
    }

    #[test]
    fn an_acronym_before_och_is_a_whole_name() {
        assert_eq!(
            names("med RFSU och RFSL Norrköping."),
            ["RFSU", "RFSL Norrköping"]
        );
    }

    #[test]
    fn a_club_code_after_och_opens_a_name() {
        assert_eq!(
            names("med KFUM Norrköping och IK Sleipner."),
            ["KFUM Norrköping", "IK Sleipner"]
        );
    }

    #[test]
    fn a_well_known_name_after_och_is_a_name_of_its_own() {
        assert_eq!(
            names("med Studieförbundet Bilda Öst och Sensus Östra Götaland."),
            ["Studieförbundet Bilda Öst", "Sensus Östra Götaland"]
        );
    }

    #[test]
    fn a_place_closes_a_name_before_och() {
        assert_eq!(
            names("med Röda Korset Borlänge och Svenska kyrkan i Borlänge."),
            ["Röda Korset Borlänge", "Svenska kyrkan i Borlänge"]
        );
        assert_eq!(
            names("med Stadsmissionen Borlänge och Frälsningsarmén i Borlänge."),
            ["Stadsmissionen Borlänge", "Frälsningsarmén i Borlänge"]
        );
        // one organisation for two places
        assert_eq!(
            names("med Brottsofferjouren Lund och Eslöv."),
            ["Brottsofferjouren Lund och Eslöv"]
        );
    }

    #[test]
    fn lower_case_adjectives_inside_a_name() {
        assert_eq!(
            names("och Syriska ortodoxa kyrkan i Borlänge."),
            ["Syriska ortodoxa kyrkan i Borlänge"]
        );
        assert_eq!(
            names("med Islamiska kulturföreningen."),
            ["Islamiska kulturföreningen"]
        );
    }

    #[test]
    fn a_county_organisation_is_one_name() {
        assert_eq!(
            names("med Jämtlands läns bildningsförbund."),
            ["Jämtlands läns bildningsförbund"]
        );
        assert_eq!(
            names("Stockholms läns blindförbund och kommunen"),
            ["Stockholms läns blindförbund"]
        );
    }

    #[test]
    fn lower_case_organisation_nouns_open_or_end_a_name() {
        assert_eq!(names("med tjejjouren Meja i stan"), ["tjejjouren Meja"]);
        assert_eq!(
            names("med simhallsföreningen i Norrby"),
            ["simhallsföreningen i Norrby"]
        );
        assert_eq!(names("Stadsmissionen kör igång"), ["Stadsmissionen"]);
        assert_eq!(
            names("Sedan 2019 driver Hela Människan Västerås mötesplatsen."),
            ["Sedan 2019", "Hela Människan Västerås"]
        );
        assert_eq!(names("vid Restad gård"), ["Restad gård"]);
    }
}
