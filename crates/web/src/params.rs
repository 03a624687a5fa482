//! Parsing the school search's query parameters, shared by the page and the API so both accept
//! and refuse exactly the same input.

use masteryhub_store::schools::SchoolQuery;
use utoipa::IntoParams;
use utoipa::openapi::path::{Parameter, ParameterIn};

use crate::PER_PAGE;
use crate::api::openapi::{integer, parameter, string};
use crate::error::FieldError;

/// The longest search text accepted.
pub const MAX_QUERY_CHARS: usize = 200;
/// The highest page number accepted.
pub const MAX_PAGE: u32 = 100_000;
/// The longest local authority or hub code accepted.
pub const MAX_CODE_CHARS: usize = 20;

/// A parsed school search.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SchoolSearch {
    pub query: SchoolQuery,
    pub page: u32,
}

fn parse_bool(field: &str, value: &str, errors: &mut Vec<FieldError>) -> Option<bool> {
    match value {
        "" => None,
        "true" => Some(true),
        "false" => Some(false),
        _ => {
            errors.push(FieldError {
                field: field.to_owned(),
                message: format!("must be true or false, not '{}'", shorten(value)),
            });
            None
        }
    }
}

fn shorten(value: &str) -> String {
    let short: String = value.chars().take(40).collect();
    if short.len() < value.len() {
        format!("{short}…")
    } else {
        short
    }
}

fn parse_code(field: &str, value: &str, errors: &mut Vec<FieldError>) -> Option<String> {
    if value.is_empty() {
        None
    } else if value.len() > MAX_CODE_CHARS
        || !value.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
    {
        errors.push(FieldError {
            field: field.to_owned(),
            message: format!("'{}' is not a code", shorten(value)),
        });
        None
    } else {
        Some(value.to_owned())
    }
}

impl SchoolSearch {
    /// Parses `q`, `state_funded`, `secondary`, `open`, `la`, `hub` and `page`; any other
    /// parameter is ignored. An empty value means "any".
    pub fn parse(pairs: &[(String, String)]) -> Result<Self, Vec<FieldError>> {
        let mut search = Self {
            page: 1,
            ..Self::default()
        };
        let mut errors = Vec::new();
        for (key, value) in pairs {
            match key.as_str() {
                "q" => {
                    let text: String = value.chars().filter(|c| !c.is_control()).collect();
                    if value.chars().count() > MAX_QUERY_CHARS {
                        errors.push(FieldError {
                            field: "q".into(),
                            message: format!("must be at most {MAX_QUERY_CHARS} characters"),
                        });
                    } else if !text.trim().is_empty() {
                        search.query.text = Some(text.trim().to_owned());
                    }
                }
                "state_funded" => search.query.state_funded = parse_bool(key, value, &mut errors),
                "secondary" => search.query.secondary = parse_bool(key, value, &mut errors),
                "open" => search.query.open = parse_bool(key, value, &mut errors),
                "la" => search.query.la_code = parse_code(key, value, &mut errors),
                "hub" => search.query.hub_code = parse_code(key, value, &mut errors),
                "page" => match value.trim().parse::<u32>() {
                    Ok(page) if (1..=MAX_PAGE).contains(&page) => search.page = page,
                    _ => errors.push(FieldError {
                        field: "page".into(),
                        message: format!(
                            "must be a whole number from 1 to {MAX_PAGE}, not '{}'",
                            shorten(value)
                        ),
                    }),
                },
                _ => {}
            }
        }
        if errors.is_empty() {
            Ok(search)
        } else {
            Err(errors)
        }
    }

    /// The query string that repeats this search on another page.
    pub fn query_string(&self, page: u32) -> String {
        let mut pairs: Vec<(&str, String)> = Vec::new();
        let q = &self.query;
        if let Some(text) = &q.text {
            pairs.push(("q", text.clone()));
        }
        for (key, value) in [
            ("state_funded", q.state_funded),
            ("secondary", q.secondary),
            ("open", q.open),
        ] {
            if let Some(value) = value {
                pairs.push((key, value.to_string()));
            }
        }
        if let Some(la) = &q.la_code {
            pairs.push(("la", la.clone()));
        }
        if let Some(hub) = &q.hub_code {
            pairs.push(("hub", hub.clone()));
        }
        if page > 1 {
            pairs.push(("page", page.to_string()));
        }
        pairs
            .iter()
            .map(|(k, v)| format!("{k}={}", percent_encode(v)))
            .collect::<Vec<_>>()
            .join("&")
    }
}

/// The parameters as the OpenAPI document states them: what [`SchoolSearch::parse`] accepts, so
/// that a request the document calls valid is answered 200.
impl IntoParams for SchoolSearch {
    fn into_params(_: impl Fn() -> Option<ParameterIn>) -> Vec<Parameter> {
        let query = |name, description: String, schema| {
            parameter(name, ParameterIn::Query, false, description, schema)
        };
        // Any text but `true`, `false` or nothing is refused.
        let flag = |name, description: &str| {
            let values = ["true", "false", ""];
            query(name, description.into(), string().enum_values(Some(values)))
        };
        let code = || string().pattern(Some(format!("^[A-Za-z0-9-]{{0,{MAX_CODE_CHARS}}}$")));
        vec![
            query(
                "q",
                format!(
                    "Part of the name, URN, town or postcode, in any case (at most \
                     {MAX_QUERY_CHARS} characters)."
                ),
                string().max_length(Some(MAX_QUERY_CHARS)),
            ),
            flag(
                "state_funded",
                "Only state-funded (true) or only not state-funded (false) schools; empty for any.",
            ),
            flag(
                "secondary",
                "Only schools teaching Key Stage 3 and 4 (true) or only others (false); empty for \
                 any.",
            ),
            flag(
                "open",
                "Only open (true) or only closed (false) schools; empty for any.",
            ),
            query("la", "Local authority code, e.g. 202.".into(), code()),
            query("hub", "Maths Hub code.".into(), code()),
            query(
                "page",
                format!("Page number, from 1; {PER_PAGE} schools a page."),
                integer().minimum(Some(1)).maximum(Some(MAX_PAGE)),
            ),
        ]
    }
}

/// Percent-encodes a query-string value.
pub fn percent_encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~') {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(k, v)| ((*k).into(), (*v).into()))
            .collect()
    }

    #[test]
    fn parses_every_filter() {
        let search = SchoolSearch::parse(&pairs(&[
            ("q", "  Alpha "),
            ("state_funded", "true"),
            ("secondary", "false"),
            ("open", ""),
            ("la", "202"),
            ("hub", "LCW"),
            ("page", "3"),
            ("utm_source", "x"),
        ]))
        .expect("valid");
        assert_eq!(search.query.text.as_deref(), Some("Alpha"));
        assert_eq!(search.query.state_funded, Some(true));
        assert_eq!(search.query.secondary, Some(false));
        assert_eq!(search.query.open, None);
        assert_eq!(search.query.la_code.as_deref(), Some("202"));
        assert_eq!(search.query.hub_code.as_deref(), Some("LCW"));
        assert_eq!(search.page, 3);
        assert_eq!(
            search.query_string(4),
            "q=Alpha&state_funded=true&secondary=false&la=202&hub=LCW&page=4"
        );
    }

    #[test]
    fn names_every_bad_field() {
        let errors = SchoolSearch::parse(&pairs(&[
            ("state_funded", "yes"),
            ("page", "0"),
            ("page", ""),
            ("hub", "<script>"),
            ("q", &"x".repeat(201)),
        ]))
        .expect_err("invalid");
        let fields: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, vec!["state_funded", "page", "page", "hub", "q"]);
        assert!(errors[0].message.contains("'yes'"));
    }

    #[test]
    fn control_characters_are_dropped_from_the_search() {
        let search = SchoolSearch::parse(&pairs(&[("q", "al\u{0}pha")])).expect("valid");
        assert_eq!(search.query.text.as_deref(), Some("alpha"));
        assert_eq!(percent_encode("a b&é"), "a%20b%26%C3%A9");
    }
}
