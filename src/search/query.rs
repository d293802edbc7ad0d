//! Queries as users write them, checked before tantivy sees them. tantivy's
//! query grammar and the query tree it builds recurse once per group `(` and
//! per `NOT` prefix, so a few hundred of them overflow a thread's stack and
//! abort the process: [`check`] bounds the query's length and its groups and
//! `NOT`s by counting characters, which a quote or escape cannot hide, before
//! anything is parsed. [`parse`] then parses it and builds its weight once
//! without scoring, so a query that can only fail at search time (`title:*`
//! on a field without a fast column) is a bad query, not index damage. The
//! CLI and the HTTP API share both. Uses tantivy only.

use tantivy::TantivyError;
use tantivy::query::{AllQuery, EnableScoring, Query, QueryParser};
use tantivy::schema::Schema;

/// Longest query, in characters.
pub const MAX_QUERY_CHARS: usize = 2000;

/// Most groups `(` and `NOT` prefixes in one query, together. Each may nest
/// one level deeper; far more than a person writes, far less than a stack
/// holds.
pub const MAX_QUERY_NESTING: usize = 32;

/// Why a query was refused before or while parsing: the message for people.
pub type Refusal = String;

/// Refuse a query that is too long or may nest too deep to parse safely.
/// Counts every `(` and every `NOT` followed by a space, quoted or not: an
/// over-count of a phrase's brackets is harmless, an under-count is not.
pub fn check(query: &str) -> Result<(), Refusal> {
    let chars = query.chars().count();
    if chars > MAX_QUERY_CHARS {
        return Err(format!(
            "the query has {chars} characters; at most {MAX_QUERY_CHARS} are searched"
        ));
    }
    let groups = query.matches('(').count();
    let nots = query
        .match_indices("NOT")
        .filter(|(i, _)| {
            query[i + 3..]
                .chars()
                .next()
                .is_some_and(char::is_whitespace)
        })
        .count();
    if groups + nots > MAX_QUERY_NESTING {
        return Err(format!(
            "the query has {groups} groups \"(\" and {nots} NOT; at most \
             {MAX_QUERY_NESTING} of them together are allowed"
        ));
    }
    Ok(())
}

/// Parse a checked query; empty (or `*`) means every document. The query's
/// weight is built once without scoring, so every error the query itself can
/// cause is met here.
pub fn parse(
    parser: &QueryParser,
    schema: &Schema,
    query: &str,
) -> Result<Box<dyn Query>, Refusal> {
    check(query)?;
    if query.trim().is_empty() || query.trim() == "*" {
        return Ok(Box::new(AllQuery));
    }
    let parsed = parser.parse_query(query).map_err(|e| e.to_string())?;
    parsed
        .weight(EnableScoring::disabled_from_schema(schema))
        .map_err(|e| refusal(&e))?;
    Ok(parsed)
}

/// The words for a query that tantivy refused when building its weight.
fn refusal(e: &TantivyError) -> Refusal {
    match e {
        TantivyError::SchemaError(m) if m.contains("not a fast field") => {
            let field = m
                .trim_start_matches("Field ")
                .trim_end_matches(" is not a fast field.");
            format!(
                "{field}:* (any value) works only on the fields published and sek; \
                 search for words in {field} instead"
            )
        }
        TantivyError::FieldNotFound(f) => format!("no field {f:?}"),
        e => e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_queries_are_refused_by_characters_not_bytes() {
        assert!(check(&"å".repeat(MAX_QUERY_CHARS)).is_ok());
        let e = check(&"å".repeat(MAX_QUERY_CHARS + 1)).unwrap_err();
        assert_eq!(
            e,
            "the query has 2001 characters; at most 2000 are searched"
        );
    }

    #[test]
    fn groups_and_nots_are_counted_wherever_they_are() {
        let nested = |n: usize| format!("{}stöd{}", "-(".repeat(n), ")".repeat(n));
        assert!(check(&nested(MAX_QUERY_NESTING)).is_ok());
        assert!(check(&nested(MAX_QUERY_NESTING + 1)).is_err());
        // brackets in a phrase count too: a quote cannot hide them
        let hidden = format!("\"{}\" {}", "(".repeat(20), "(".repeat(20));
        assert!(check(&hidden).is_err(), "{hidden}");
        let nots = format!("{}avtal", "NOT ".repeat(MAX_QUERY_NESTING + 1));
        let e = check(&nots).unwrap_err();
        assert!(e.contains("0 groups \"(\" and 33 NOT"), "{e}");
        // a NOT that is not a prefix (no space after it) is a word
        assert!(check(&"NOTA ".repeat(100)).is_ok());
        assert!(check("(kvinnojour OR brottsofferjour) AND NOT umeå").is_ok());
    }
}
