//! Text typed into forms and commands. One-line fields — names, titles, labels, single-line
//! reasons — hold no line breaks, tabs or other control characters: such text would break the
//! header of an email, a CSV export or a log line, and no name needs it. Paragraphs (statements,
//! reasons written in a text area) keep their line breaks; search boxes stay lenient.

use std::fmt;

/// Whether `c` may not appear in one-line text: a control character (C0 such as CR, LF, tab,
/// NUL and escape; DEL; C1) or a Unicode line or paragraph separator.
pub fn breaks_one_line(c: char) -> bool {
    c.is_control() || matches!(c, '\u{2028}' | '\u{2029}')
}

/// One-line text was given a line break or another control character.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotOneLine {
    what: String,
}

impl NotOneLine {
    /// What the field is, as its message names it ("the teacher's name").
    pub fn what(&self) -> &str {
        &self.what
    }
}

impl fmt::Display for NotOneLine {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} must be on one line, without line breaks, tabs or other control characters",
            capitalised(&self.what)
        )
    }
}

impl std::error::Error for NotOneLine {}

/// The one check of every one-line field: `text` trimmed, or refused (naming the field as `what`,
/// e.g. "the teacher's name") if it holds a line break or another control character. Whether the
/// field may be empty, and how long it may be, is the caller's to say.
pub fn one_line_text(text: &str, what: &str) -> Result<String, NotOneLine> {
    let text = text.trim();
    if text.chars().any(breaks_one_line) {
        Err(NotOneLine {
            what: what.to_owned(),
        })
    } else {
        Ok(text.to_owned())
    }
}

/// `text` with its first letter in capitals.
pub fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn one_line_text_is_trimmed_and_refuses_control_characters_naming_the_field() {
        assert_eq!(
            one_line_text("  Ann O'Neil-Smith ", "the name"),
            Ok("Ann O'Neil-Smith".to_owned())
        );
        assert_eq!(
            one_line_text("Zoë Ørsted 李", "the name").as_deref(),
            Ok("Zoë Ørsted 李")
        );
        assert_eq!(one_line_text("Ann\r\n", "the name").as_deref(), Ok("Ann"));
        for bad in [
            "Ann\r\nBcc: eve@evil.example",
            "Ann\nSmith",
            "Ann\rSmith",
            "Ann\tSmith",
            "Ann\0",
            "Ann\u{1b}[31m",
            "Ann\u{7f}",
            "Ann\u{85}Smith",
            "Ann\u{2028}Smith",
            "Ann\u{2029}Smith",
        ] {
            let refused = one_line_text(bad, "the teacher's name").expect_err(bad);
            assert_eq!(
                refused.to_string(),
                "The teacher's name must be on one line, without line breaks, tabs or other \
                 control characters"
            );
            assert_eq!(refused.what(), "the teacher's name");
        }
    }

    proptest! {
        #[test]
        fn accepted_text_has_no_control_characters(text in any::<String>()) {
            if let Ok(kept) = one_line_text(&text, "it") {
                prop_assert!(!kept.chars().any(breaks_one_line));
                prop_assert_eq!(kept.as_str(), text.trim());
            } else {
                prop_assert!(text.trim().chars().any(breaks_one_line));
            }
        }
    }
}
