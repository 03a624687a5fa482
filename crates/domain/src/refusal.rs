//! A rule's "no", in one shape for every area: a stable code that API clients may branch on,
//! the field of the form or request it concerns (pages show it beside that field), and a
//! sentence a person can act on.

use std::fmt;

/// A change the rules refuse.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    /// Stable, `snake_case`, never reworded: e.g. `work_group_full`.
    pub code: &'static str,
    /// The field it concerns, as forms and requests name it; `None` for the record as a whole.
    pub field: Option<&'static str>,
    /// What is wrong, as a sentence for a person.
    pub message: String,
}

impl Refusal {
    /// A refusal of the record as a whole.
    pub fn new(code: &'static str, message: impl Into<String>) -> Self {
        Self {
            code,
            field: None,
            message: message.into(),
        }
    }

    /// The same refusal, concerning `field`.
    #[must_use]
    pub fn on(mut self, field: &'static str) -> Self {
        self.field = Some(field);
        self
    }
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Refusal {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_refusal_reads_as_its_sentence_and_keeps_its_code_and_field() {
        let refusal = Refusal::new("work_group_full", "This Work Group is full").on("work_group");
        assert_eq!(refusal.to_string(), "This Work Group is full");
        assert_eq!(refusal.code, "work_group_full");
        assert_eq!(refusal.field, Some("work_group"));
        assert_eq!(Refusal::new("x", "y").field, None);
    }
}
