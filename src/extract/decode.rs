//! Bytes to text: the character encoding from a byte-order mark, the HTTP
//! Content-Type, a `<meta charset>` or by sniffing (UTF-8 when the bytes are
//! valid UTF-8, else windows-1252, the WHATWG reading of ISO-8859-1).
//! Refuses empty and binary input with a reason.

use std::borrow::Cow;
use std::sync::LazyLock;

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};
use regex::bytes::Regex;

use super::ExtractError;

/// How far into a page a `<meta charset>` is looked for.
const SNIFF_BYTES: usize = 4096;

static META_CHARSET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.\-]+)"#).expect("valid regex")
});

static HEADER_CHARSET: LazyLock<regex::Regex> = LazyLock::new(|| {
    regex::Regex::new(r#"(?i)charset\s*=\s*["']?([A-Za-z0-9_:.\-]+)"#).expect("valid regex")
});

/// The encoding named by a Content-Type header value.
fn from_content_type(ct: &str) -> Option<&'static Encoding> {
    let label = HEADER_CHARSET.captures(ct)?.get(1)?.as_str();
    Encoding::for_label(label.as_bytes())
}

/// The encoding named by a `<meta>` tag near the start of an HTML page.
fn from_meta(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(SNIFF_BYTES)];
    let label = META_CHARSET.captures(head)?.get(1)?.as_bytes();
    Encoding::for_label(label)
}

/// True when the bytes look like a binary file rather than text.
fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    let controls = head
        .iter()
        .filter(|&&b| b == 0 || (b < 0x09) || (0x0e..0x1a).contains(&b))
        .count();
    head.contains(&0) || controls * 20 > head.len().max(1)
}

/// Decode a page's bytes to text.
pub fn decode(bytes: &[u8], content_type: Option<&str>) -> Result<String, ExtractError> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(ExtractError::Empty);
    }
    // A byte-order mark decides, UTF-16 included.
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let (text, _) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        return finish(text);
    }
    if looks_binary(bytes) {
        return Err(ExtractError::Binary);
    }
    let declared = content_type
        .and_then(from_content_type)
        .or_else(|| from_meta(bytes));
    let enc = match declared {
        // A page that says UTF-8 but is not is most often windows-1252.
        Some(e) if e == UTF_8 => {
            if std::str::from_utf8(bytes).is_ok() {
                UTF_8
            } else {
                WINDOWS_1252
            }
        }
        // UTF-16 without a BOM cannot be told from a meta tag written in ASCII.
        Some(e) if e.output_encoding() == UTF_8 => UTF_8,
        Some(e) => e,
        None => {
            if std::str::from_utf8(bytes).is_ok() {
                UTF_8
            } else {
                WINDOWS_1252
            }
        }
    };
    let (text, _, _) = enc.decode(bytes);
    finish(text)
}

fn finish(text: Cow<'_, str>) -> Result<String, ExtractError> {
    if text.trim().is_empty() {
        return Err(ExtractError::Empty);
    }
    Ok(text.into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin1_page_with_meta_charset_decodes() {
        let bytes = b"<html><head><meta charset=\"iso-8859-1\"></head><body>Lidk\xf6ping \xe5r</body></html>";
        assert!(decode(bytes, None).unwrap().contains("Lidköping år"));
    }

    #[test]
    fn http_charset_wins_over_sniffing() {
        let bytes = b"<p>V\xe4rmd\xf6</p>";
        let t = decode(bytes, Some("text/html; charset=windows-1252")).unwrap();
        assert!(t.contains("Värmdö"));
    }

    #[test]
    fn undeclared_non_utf8_falls_back_to_windows_1252() {
        assert!(
            decode(b"Sk\xe5ne \x96 region", None)
                .unwrap()
                .contains("Skåne – region")
        );
    }

    #[test]
    fn declared_utf8_that_is_not_is_read_as_windows_1252() {
        let bytes = b"<meta charset=utf-8><p>G\xf6teborg</p>";
        assert!(decode(bytes, None).unwrap().contains("Göteborg"));
    }

    #[test]
    fn utf16_with_bom_decodes() {
        let mut bytes = vec![0xff, 0xfe];
        for u in "Malmö stad".encode_utf16() {
            bytes.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(decode(&bytes, None).unwrap(), "Malmö stad");
    }

    #[test]
    fn empty_and_binary_are_refused() {
        assert!(matches!(decode(b"  \n ", None), Err(ExtractError::Empty)));
        assert!(matches!(
            decode(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", None),
            Err(ExtractError::Binary)
        ));
    }
}
