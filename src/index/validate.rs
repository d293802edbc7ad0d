//! What a record must be to enter the index: an id that can serve as the
//! upsert key (not blank, no control characters, at most [`MAX_ID_BYTES`])
//! and a source URL that a reader can follow safely (absolute http or https;
//! a `javascript:` or `data:` link would reach the search page as a link).
//! Everything else a record may say is text, and text is indexed as it is.
//! Uses `record` and `url` only.

use crate::record::Record;

/// Longest record id, in bytes: ids are hashes or short names, and the id
/// is the upsert key, which must stay one indexed term.
pub const MAX_ID_BYTES: usize = 512;

/// Check a record before indexing; the reason it is refused, for people.
pub fn validate(r: &Record) -> Result<(), String> {
    let id = r.id.as_str();
    if id.trim().is_empty() {
        return Err("the id is empty".into());
    }
    if id.chars().any(char::is_control) {
        return Err("the id has control characters".into());
    }
    if id.len() > MAX_ID_BYTES {
        return Err(format!(
            "the id has {} bytes; at most {MAX_ID_BYTES} are allowed",
            id.len()
        ));
    }
    if let Some(u) = &r.source.url {
        let ok = url::Url::parse(u)
            .is_ok_and(|p| matches!(p.scheme(), "http" | "https") && p.host().is_some());
        if !ok {
            let shown: String = u.chars().take(80).collect();
            let more = if shown.len() < u.len() { "…" } else { "" };
            return Err(format!(
                "source.url {shown:?}{more} is not an http or https URL"
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(id: &str, url: Option<&str>) -> Record {
        let mut r: Record = serde_json::from_str(
            r#"{"id":"x","source":{"url":null,"path":null,"title":null,"published":null},
                "text":"","agreements":[],"quotes":[]}"#,
        )
        .unwrap();
        r.id = id.into();
        r.source.url = url.map(str::to_string);
        r
    }

    #[test]
    fn good_records_pass() {
        assert_eq!(validate(&record("lkpg-2023", None)), Ok(()));
        let r = record("a1", Some("https://www.linkoping.se/nyheter/iop?x=1"));
        assert_eq!(validate(&r), Ok(()));
        assert_eq!(validate(&record("å", Some("http://örebro.se/"))), Ok(()));
    }

    #[test]
    fn blank_ids_and_unsafe_urls_are_named() {
        assert_eq!(validate(&record("", None)).unwrap_err(), "the id is empty");
        assert_eq!(
            validate(&record("  ", None)).unwrap_err(),
            "the id is empty"
        );
        assert!(validate(&record("a\nb", None)).is_err());
        let long = "x".repeat(MAX_ID_BYTES + 1);
        assert!(
            validate(&record(&long, None))
                .unwrap_err()
                .contains("513 bytes")
        );
        for bad in [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            "data:text/html,<script>",
            "/nyheter/relative",
            "ftp://example.se/a",
            "http://",
        ] {
            let e = validate(&record("a", Some(bad))).unwrap_err();
            assert!(e.starts_with("source.url"), "{bad}: {e}");
        }
        let e = validate(&record(
            "a",
            Some(&format!("javascript:{}", "a".repeat(200))),
        ))
        .unwrap_err();
        assert!(e.ends_with("aaa\"… is not an http or https URL"), "{e}");
    }
}
