//! The document text that evidence must be found in, computed exactly as the
//! reference scorer computes it: bytes read as UTF-8 (or by the page's
//! `charset=` label), tags replaced by spaces, script/style/noscript/template
//! content dropped, entities unescaped, NFC, soft hyphens dropped, no-break
//! spaces and white space folded to single spaces. Uses html5ever's tokenizer
//! for tags and character references. Pure; no I/O.

use std::cell::RefCell;
use std::sync::LazyLock;

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};
use regex::bytes::Regex;
use unicode_normalization::UnicodeNormalization;

use super::matching::collapse_spaces;

/// The reference looks for the charset this far into the page.
const CHARSET_BYTES: usize = 4000;

/// `charset=` as the reference finds it: case-sensitive, in the raw bytes.
static CHARSET: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"charset=["']?([A-Za-z0-9_-]+)"#).expect("valid regex"));

/// Elements whose content is not text.
const SKIP: &[&str] = &["script", "style", "noscript", "template"];

/// Collects text between tags, a space for every tag.
struct TextSink {
    out: RefCell<String>,
    skip: RefCell<usize>,
    /// Only characters are wanted (unescaping plain text).
    chars_only: bool,
}

impl TokenSink for TextSink {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        match token {
            Token::CharacterTokens(t) if *self.skip.borrow() == 0 => {
                self.out.borrow_mut().push_str(&t);
            }
            Token::NullCharacterToken if *self.skip.borrow() == 0 => {
                self.out.borrow_mut().push('\0');
            }
            Token::TagToken(tag) if !self.chars_only => {
                let name: &str = &tag.name;
                let skipped = SKIP.contains(&name);
                let mut skip = self.skip.borrow_mut();
                match tag.kind {
                    TagKind::StartTag => {
                        if skipped {
                            *skip += 1;
                        }
                        self.out.borrow_mut().push(' ');
                        if tag.self_closing {
                            // Python calls the end-tag handler too
                            if skipped && *skip > 0 {
                                *skip -= 1;
                            }
                            self.out.borrow_mut().push(' ');
                        } else if name == "script" {
                            return TokenSinkResult::RawData(RawKind::ScriptData);
                        } else if name == "style" {
                            return TokenSinkResult::RawData(RawKind::Rawtext);
                        }
                    }
                    TagKind::EndTag => {
                        if skipped && *skip > 0 {
                            *skip -= 1;
                        }
                        self.out.borrow_mut().push(' ');
                    }
                }
            }
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

fn tokenize(input: &str, chars_only: bool) -> String {
    let sink = TextSink {
        out: RefCell::new(String::with_capacity(input.len())),
        skip: RefCell::new(0),
        chars_only,
    };
    let queue = BufferQueue::default();
    queue.push_back(StrTendril::from_slice(input));
    let tok = Tokenizer::new(sink, TokenizerOpts::default());
    let _ = tok.feed(&queue);
    tok.end();
    tok.sink.out.take()
}

/// HTML character references in plain text resolved, as Python's `html.unescape`.
pub fn unescape(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    tokenize(&s.replace('<', "&lt;"), true)
}

/// NFC, soft hyphens dropped, no-break spaces and runs of white space to one space.
pub fn fold(s: &str) -> String {
    let s: String = s
        .nfc()
        .filter(|&c| c != '\u{ad}')
        .map(|c| if c == '\u{a0}' { ' ' } else { c })
        .collect();
    collapse_spaces(&s)
}

/// True for the labels Python decodes as ISO-8859-1 proper (every byte its code point).
fn is_latin1_label(label: &str) -> bool {
    let l = label.to_ascii_lowercase().replace('-', "_");
    matches!(
        l.as_str(),
        "iso_8859_1" | "iso8859_1" | "latin_1" | "latin1" | "l1" | "8859" | "cp819" | "iso_ir_100"
    )
}

/// Decode by a `charset=` label the way Python's codecs would; `None` for an
/// unknown label.
fn decode_label(raw: &[u8], label: &str) -> Option<String> {
    if is_latin1_label(label) {
        return Some(raw.iter().map(|&b| b as char).collect());
    }
    let enc = encoding_rs::Encoding::for_label(label.as_bytes())?;
    Some(enc.decode_without_bom_handling(raw).0.into_owned())
}

/// The text of a document, as the reference scorer sees it; `name` is its
/// file name (the extension decides whether it is HTML).
pub fn doc_text(name: &str, raw: &[u8]) -> String {
    let mut text = String::from_utf8_lossy(raw).into_owned();
    let head: String = text.chars().take(2000).collect::<String>().to_lowercase();
    if name.ends_with(".html") || name.ends_with(".htm") || head.contains("<html") {
        let window = &raw[..raw.len().min(CHARSET_BYTES)];
        if let Some(label) = CHARSET
            .captures(window)
            .and_then(|c| c.get(1))
            .map(|m| String::from_utf8_lossy(m.as_bytes()).to_lowercase())
            && label != "utf-8"
            && label != "utf8"
            && let Some(t) = decode_label(raw, &label)
        {
            text = t;
        }
        text = tokenize(&text, false);
    }
    fold(&unescape(&text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn charset_label_regex_finds_the_label() {
        let c = CHARSET
            .captures(b"<meta content=\"text/html; charset=ISO-8859-1\">")
            .unwrap();
        assert_eq!(&c[1], b"ISO-8859-1");
        assert!(CHARSET.captures(b"<meta CHARSET=latin1>").is_none());
    }

    #[test]
    fn tags_become_spaces_and_scripts_vanish() {
        let html = "<html><body><p>Vi <b>tecknar</b>&nbsp;IOP</p><script>var a = '<p>x</p>';</script>\
                    <style>p{}</style><noscript>Aktivera</noscript><p>Lund&#xE4;</p></body></html>";
        assert_eq!(doc_text("a.html", html.as_bytes()), "Vi tecknar IOP Lundä");
    }

    #[test]
    fn latin1_pages_are_read_by_their_label_only() {
        let with = b"<html><head><meta charset=\"iso-8859-1\"></head><p>V\xe4xj\xf6</p></html>";
        assert_eq!(doc_text("a.html", with), "Växjö");
        let without = b"<html><p>V\xe4xj\xf6</p></html>";
        assert_eq!(doc_text("a.html", without), "V\u{fffd}xj\u{fffd}");
    }

    #[test]
    fn plain_text_is_unescaped_and_folded_but_not_parsed() {
        assert_eq!(
            doc_text("a.txt", "A &amp; <b>B</b>\n\n  C\u{a0}D\u{ad}E".as_bytes()),
            "A & <b>B</b> C DE"
        );
    }

    #[test]
    fn unescape_resolves_named_and_numeric_references() {
        assert_eq!(
            unescape("Sk&aring;ne &#228; &#xE4; 5 &lt; 6"),
            "Skåne ä ä 5 < 6"
        );
        assert_eq!(unescape("a < b"), "a < b");
    }
}
