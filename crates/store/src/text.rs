//! Text helpers shared by queries.

/// A `LIKE` pattern that matches `term` anywhere, with `\` as the escape character.
pub(crate) fn contains_pattern(term: &str) -> String {
    let mut pattern = String::with_capacity(term.len() + 2);
    pattern.push('%');
    for c in term.chars() {
        if matches!(c, '%' | '_' | '\\') {
            pattern.push('\\');
        }
        pattern.push(c);
    }
    pattern.push('%');
    pattern
}

/// The lower-cased text a school is found by: name, URN, town and postcode (with and without
/// its space), so that "ec3a5de" finds "EC3A 5DE".
pub(crate) fn search_text(name: &str, urn: i64, town: &str, postcode: &str) -> String {
    let compact_postcode: String = postcode.chars().filter(|c| !c.is_whitespace()).collect();
    format!("{name} {urn} {town} {postcode} {compact_postcode}").to_lowercase()
}

/// An FTS5 phrase matching `word` literally: in double quotes, inner quotes doubled.
pub(crate) fn quote_phrase(word: &str) -> String {
    format!("\"{}\"", word.replace('"', "\"\""))
}

/// Normalises a user's search term the way [`search_text`] normalises stored text.
pub(crate) fn normalise_term(term: &str) -> String {
    term.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Instants are stored in UTC at whole seconds, so that text-stored instants (SQLite) sort the
/// same way as PostgreSQL's.
pub(crate) fn to_stored_instant(at: time::OffsetDateTime) -> time::OffsetDateTime {
    at.to_offset(time::UtcOffset::UTC)
        .replace_nanosecond(0)
        .unwrap_or(at)
}

/// Values sent in one `IN (...)` list (well inside both engines' parameter limits).
pub(crate) const IN_LIST_CHUNK: usize = 500;

/// `$1, $2, …, $n`, for an `IN (...)` list.
pub(crate) fn numbered_list(n: usize) -> String {
    (1..=n)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_fts_phrases() {
        assert_eq!(quote_phrase("st"), "\"st\"");
        assert_eq!(quote_phrase("a\"b*"), "\"a\"\"b*\"");
    }

    #[test]
    fn escapes_like_wildcards() {
        assert_eq!(contains_pattern("a%b_c\\"), "%a\\%b\\_c\\\\%");
    }

    #[test]
    fn search_text_holds_compact_postcode() {
        let text = search_text("The Aldgate School", 100000, "London", "EC3A 5DE");
        assert!(text.contains("ec3a5de"));
        assert!(text.contains("ec3a 5de"));
        assert!(text.contains("100000"));
        assert_eq!(normalise_term("  The   ALDGATE "), "the aldgate");
    }
}
