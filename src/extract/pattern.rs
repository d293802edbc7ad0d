//! `Pattern`: a regex that matches exactly like `regex::Regex`, fast on
//! Swedish text even when it uses word boundaries.
//!
//! Why: the regex crate's lazy DFA handles a Unicode `\b` only on ASCII
//! text; at the first å, ä or ö it gives up and the whole search falls back
//! to the backtracker or the PikeVM, twenty to forty times slower. Most of
//! the extractor's regexes need `\b` and every Swedish sentence has å/ä/ö.
//!
//! How: every match of the pattern is also a match, at the same place, of
//! the pattern with its word-boundary assertions deleted (the "relaxed"
//! pattern, which the DFA runs at full speed). So the starts of relaxed
//! matches, taken left to right, are the only places where an exact match
//! can start; at each one the exact pattern is tried anchored, which costs
//! only the length of the match. The first start where it matches is the
//! leftmost match, with the same end and groups as `regex::Regex` gives.
//! A pattern without `\b`/`\B` is run as a plain regex.
//! Uses only `regex` and `regex-automata`.

use std::borrow::Cow;
use std::ops::{Index, Range};

use regex_automata::{Anchored, Input, meta, util::captures};

/// A compiled pattern; see the module documentation.
#[derive(Debug, Clone)]
pub struct Pattern {
    pattern: String,
    /// the pattern itself, run as it is when it has no word boundary
    exact: meta::Regex,
    /// the pattern without its word boundaries, when it has any
    relaxed: Option<meta::Regex>,
}

/// A match: where it is in the haystack and its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Match<'h> {
    haystack: &'h str,
    start: usize,
    end: usize,
}

impl<'h> Match<'h> {
    pub fn start(&self) -> usize {
        self.start
    }

    pub fn end(&self) -> usize {
        self.end
    }

    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }

    pub fn len(&self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    pub fn as_str(&self) -> &'h str {
        &self.haystack[self.start..self.end]
    }
}

/// The groups of one match, by number or name.
#[derive(Debug, Clone)]
pub struct Captures<'h> {
    haystack: &'h str,
    groups: captures::Captures,
}

impl<'h> Captures<'h> {
    pub fn get(&self, i: usize) -> Option<Match<'h>> {
        let span = self.groups.get_group(i)?;
        Some(Match {
            haystack: self.haystack,
            start: span.start,
            end: span.end,
        })
    }

    pub fn name(&self, name: &str) -> Option<Match<'h>> {
        let span = self.groups.get_group_by_name(name)?;
        Some(Match {
            haystack: self.haystack,
            start: span.start,
            end: span.end,
        })
    }

    /// The number of groups, the whole match included.
    pub fn len(&self) -> usize {
        self.groups.group_len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl<'h> Index<usize> for Captures<'h> {
    type Output = str;

    /// Panics when group `i` did not take part in the match, as `regex` does.
    fn index(&self, i: usize) -> &str {
        self.get(i)
            .map(|m| m.as_str())
            .unwrap_or_else(|| panic!("no group at index {i}"))
    }
}

impl<'h> Index<&str> for Captures<'h> {
    type Output = str;

    /// Panics when the named group did not take part in the match.
    fn index(&self, name: &str) -> &str {
        self.name(name)
            .map(|m| m.as_str())
            .unwrap_or_else(|| panic!("no group named {name}"))
    }
}

impl Pattern {
    /// Compiles `pattern` (the syntax of `regex::Regex`).
    pub fn new(pattern: &str) -> Result<Pattern, Box<meta::BuildError>> {
        let relaxed = without_word_boundaries(pattern);
        let config = meta::Config::new();
        // with a word boundary the pattern runs anchored, from a known start:
        // those searches are short, and the backtracker would clear a bitset
        // as long as the rest of the haystack every time
        let config = if relaxed.is_some() {
            config.backtrack(false)
        } else {
            config
        };
        Ok(Pattern {
            pattern: pattern.to_string(),
            exact: meta::Regex::builder()
                .configure(config)
                .build(pattern)
                .map_err(Box::new)?,
            relaxed: match relaxed {
                Some(r) => Some(meta::Regex::new(&r).map_err(Box::new)?),
                None => None,
            },
        })
    }

    /// The pattern as written.
    pub fn as_str(&self) -> &str {
        &self.pattern
    }

    /// `search` run where the leftmost match at or after `from` can be:
    /// over the rest of the haystack, or, with word boundaries, anchored at
    /// each start of a relaxed match in turn until it finds one.
    fn first<'h, T>(
        &self,
        haystack: &'h str,
        from: usize,
        mut search: impl FnMut(&Input<'h>) -> Option<T>,
    ) -> Option<T> {
        let Some(relaxed) = &self.relaxed else {
            return search(&Input::new(haystack).range(from..));
        };
        let mut from = from;
        while from <= haystack.len() {
            let start = relaxed.search(&Input::new(haystack).range(from..))?.start();
            let input = Input::new(haystack).range(start..).anchored(Anchored::Yes);
            if let Some(found) = search(&input) {
                return Some(found);
            }
            from = start + haystack[start..].chars().next().map_or(1, char::len_utf8);
        }
        None
    }

    /// The leftmost match starting at or after `from`, as `Regex::find_at`.
    pub fn find_at<'h>(&self, haystack: &'h str, from: usize) -> Option<Match<'h>> {
        // the overall match alone: no capture groups to resolve
        let m = self.first(haystack, from, |input| self.exact.search(input))?;
        Some(Match {
            haystack,
            start: m.start(),
            end: m.end(),
        })
    }

    pub fn find<'h>(&self, haystack: &'h str) -> Option<Match<'h>> {
        self.find_at(haystack, 0)
    }

    pub fn is_match(&self, haystack: &str) -> bool {
        self.first(haystack, 0, |input| {
            self.exact.search_half(&input.clone().earliest(true))
        })
        .is_some()
    }

    /// Groups of the leftmost match starting at or after `from`.
    pub fn captures_at<'h>(&self, haystack: &'h str, from: usize) -> Option<Captures<'h>> {
        let mut groups = self.exact.create_captures();
        self.first(haystack, from, |input| {
            self.exact.search_captures(input, &mut groups);
            groups.is_match().then_some(())
        })?;
        Some(Captures { haystack, groups })
    }

    pub fn captures<'h>(&self, haystack: &'h str) -> Option<Captures<'h>> {
        self.captures_at(haystack, 0)
    }

    /// Every non-overlapping match, left to right, as `Regex::find_iter`.
    pub fn find_iter<'p, 'h>(&'p self, haystack: &'h str) -> impl Iterator<Item = Match<'h>> + 'p
    where
        'h: 'p,
    {
        Matches::new(haystack, move |h, at| self.find_at(h, at).map(|m| (m, m)))
    }

    /// The groups of every non-overlapping match, as `Regex::captures_iter`.
    pub fn captures_iter<'p, 'h>(
        &'p self,
        haystack: &'h str,
    ) -> impl Iterator<Item = Captures<'h>> + 'p
    where
        'h: 'p,
    {
        Matches::new(haystack, move |h, at| {
            self.captures_at(h, at)
                .map(|c| (c.get(0).expect("group 0 is the match"), c))
        })
    }
}

impl Pattern {
    /// `haystack` with every match replaced by `with`, taken literally
    /// (no `$1` expansion, unlike `Regex::replace_all`).
    pub fn replace_all<'h>(&self, haystack: &'h str, with: &str) -> Cow<'h, str> {
        let mut matches = self.find_iter(haystack).peekable();
        if matches.peek().is_none() {
            return Cow::Borrowed(haystack);
        }
        let mut out = String::with_capacity(haystack.len());
        let mut last = 0;
        for m in matches {
            out.push_str(&haystack[last..m.start()]);
            out.push_str(with);
            last = m.end();
        }
        out.push_str(&haystack[last..]);
        Cow::Owned(out)
    }
}

/// Successive matches with `Regex`'s rule for empty ones: an empty match
/// right where the previous match ended is skipped.
struct Matches<'h, F> {
    haystack: &'h str,
    at: usize,
    last_end: Option<usize>,
    next: F,
}

impl<'h, F, T> Matches<'h, F>
where
    F: FnMut(&'h str, usize) -> Option<(Match<'h>, T)>,
{
    fn new(haystack: &'h str, next: F) -> Self {
        Matches {
            haystack,
            at: 0,
            last_end: None,
            next,
        }
    }
}

impl<'h, F, T> Iterator for Matches<'h, F>
where
    F: FnMut(&'h str, usize) -> Option<(Match<'h>, T)>,
{
    type Item = T;

    fn next(&mut self) -> Option<T> {
        loop {
            if self.at > self.haystack.len() {
                return None;
            }
            let (m, item) = (self.next)(self.haystack, self.at)?;
            if m.is_empty() && Some(m.end()) == self.last_end {
                self.at = m.end()
                    + self.haystack[m.end()..]
                        .chars()
                        .next()
                        .map_or(1, char::len_utf8);
                continue;
            }
            self.at = m.end();
            self.last_end = Some(m.end());
            return Some(item);
        }
    }
}

/// The pattern with every `\b` and `\B` (outside classes) deleted, or
/// `None` when it has none.
fn without_word_boundaries(pattern: &str) -> Option<String> {
    let mut out = String::with_capacity(pattern.len());
    let mut found = false;
    let mut chars = pattern.chars().peekable();
    let mut class_depth = 0usize;
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some('b' | 'B') if class_depth == 0 => {
                    // "\b{start}" and the like are boundaries too
                    if chars.peek() == Some(&'{') {
                        for c in chars.by_ref() {
                            if c == '}' {
                                break;
                            }
                        }
                    }
                    found = true;
                }
                Some(n) => {
                    out.push('\\');
                    out.push(n);
                }
                None => out.push('\\'),
            },
            '[' => {
                class_depth += 1;
                out.push(c);
                // "[]" and "[^]" open with a literal "]"
                if chars.peek() == Some(&'^') {
                    out.push(chars.next().expect("peeked"));
                }
                if chars.peek() == Some(&']') {
                    out.push(chars.next().expect("peeked"));
                }
            }
            ']' if class_depth > 0 => {
                class_depth -= 1;
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    found.then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use regex::Regex;

    fn same(pattern: &str, haystack: &str) {
        let p = Pattern::new(pattern).unwrap();
        let r = Regex::new(pattern).unwrap();
        let a: Vec<_> = p.find_iter(haystack).map(|m| m.range()).collect();
        let b: Vec<_> = r.find_iter(haystack).map(|m| m.range()).collect();
        assert_eq!(a, b, "{pattern} on {haystack:?}");
        let a: Vec<Vec<_>> = p
            .captures_iter(haystack)
            .map(|c| (0..c.len()).map(|i| c.get(i).map(|g| g.range())).collect())
            .collect();
        let b: Vec<Vec<_>> = r
            .captures_iter(haystack)
            .map(|c| c.iter().map(|g| g.map(|g| g.range())).collect())
            .collect();
        assert_eq!(a, b, "{pattern} on {haystack:?}");
        assert_eq!(p.is_match(haystack), r.is_match(haystack));
    }

    #[test]
    fn relaxed_pattern_drops_boundaries_outside_classes() {
        assert_eq!(without_word_boundaries(r"\bår\b").as_deref(), Some("år"));
        assert_eq!(
            without_word_boundaries(r"\b{start}x\B[\b]").as_deref(),
            Some(r"x[\b]")
        );
        assert_eq!(without_word_boundaries(r"[]\b]\\b").as_deref(), None);
        assert_eq!(without_word_boundaries(r"a\\\bb").as_deref(), Some(r"a\\b"));
        assert_eq!(
            without_word_boundaries(r"[^]b]\bc").as_deref(),
            Some("[^]b]c")
        );
    }

    #[test]
    fn matches_like_regex_on_swedish_text() {
        let text = "Föreningen Västerås Stadsmission och Örebro läns \
                    bildningsförbund tecknar avtal på tre år med kommunen. \
                    Kvinnojouren Blenda får 300 000 kronor årligen; ålderdomshemmet.";
        for p in [
            r"\b[A-ZÅÄÖ][\p{L}]*(?:mission|förbund|jouren)\b",
            r"\bår\b",
            r"\b(?:på|tre) (år)\b",
            r"(?i)\bavtal\w*",
            r"\Bdom\w*",
            r"\b(?:(\d+) (\d{3}))\b kronor",
            r"\b",
            r"\b\w*",
            r"(?:\b|x)ö?",
        ] {
            same(p, text);
            same(p, "");
            same(p, "å");
        }
    }

    #[test]
    fn a_start_that_fails_the_boundary_does_not_hide_a_later_one() {
        // "ståret" holds "år" but not as a word; the later "år" is one
        same(r"\bår\b", "ståret år");
        same(r"\bår\b", "åråråå år");
    }
}
