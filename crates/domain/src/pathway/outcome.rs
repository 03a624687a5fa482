//! How a department's (or a trainee specialist's) year at a stage turned out.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// The outcome of one year at one stage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "&'static str")]
pub enum Outcome {
    /// The year is under way and not yet signed off.
    InProgress,
    /// The Work Group Lead signed the year off as fully completed.
    Completed,
    /// The year ended without being completed.
    NotCompleted,
    /// The school withdrew during the year.
    Withdrawn,
}

/// Why a text is not an outcome.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("'{0}' is not an outcome: use in_progress, completed, not_completed or withdrawn")]
pub struct OutcomeError(pub String);

impl Outcome {
    /// Every outcome.
    pub const ALL: [Outcome; 4] = [
        Outcome::InProgress,
        Outcome::Completed,
        Outcome::NotCompleted,
        Outcome::Withdrawn,
    ];

    /// The outcome's name in URLs, the API and the database, e.g. `not_completed`.
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::InProgress => "in_progress",
            Outcome::Completed => "completed",
            Outcome::NotCompleted => "not_completed",
            Outcome::Withdrawn => "withdrawn",
        }
    }

    /// The outcome's name for people, e.g. "Not completed".
    pub fn label(self) -> &'static str {
        match self {
            Outcome::InProgress => "In progress",
            Outcome::Completed => "Completed",
            Outcome::NotCompleted => "Not completed",
            Outcome::Withdrawn => "Withdrawn",
        }
    }

    /// Parses an outcome's name, ignoring case and surrounding space; `-` and spaces may stand
    /// for `_` (`Not completed`).
    pub fn parse(text: &str) -> Result<Self, OutcomeError> {
        let wanted = text.trim().to_ascii_lowercase().replace(['-', ' '], "_");
        Self::ALL
            .into_iter()
            .find(|outcome| outcome.as_str() == wanted)
            .ok_or_else(|| OutcomeError(text.trim().to_owned()))
    }

    /// Whether the department took part that year: every outcome except withdrawal.
    pub fn took_part(self) -> bool {
        self != Outcome::Withdrawn
    }
}

impl fmt::Display for Outcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Outcome {
    type Err = OutcomeError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl TryFrom<String> for Outcome {
    type Error = OutcomeError;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<Outcome> for &'static str {
    fn from(outcome: Outcome) -> Self {
        outcome.as_str()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_outcome_round_trips_through_its_name() {
        for outcome in Outcome::ALL {
            assert_eq!(Outcome::parse(outcome.as_str()), Ok(outcome));
            assert_eq!(Outcome::parse(outcome.label()), Ok(outcome));
        }
        assert_eq!(Outcome::parse(" In-Progress "), Ok(Outcome::InProgress));
    }

    #[test]
    fn refusal_names_the_value_and_the_valid_ones() {
        let error = Outcome::parse(" passed ").expect_err("not an outcome");
        assert_eq!(error, OutcomeError("passed".into()));
        let message = error.to_string();
        for outcome in Outcome::ALL {
            assert!(message.contains(outcome.as_str()), "{message}");
        }
        assert!(Outcome::parse("").is_err());
    }

    #[test]
    fn only_withdrawal_means_not_taking_part() {
        let took_part: Vec<_> = Outcome::ALL.into_iter().filter(|o| o.took_part()).collect();
        assert_eq!(
            took_part,
            [
                Outcome::InProgress,
                Outcome::Completed,
                Outcome::NotCompleted
            ]
        );
    }
}
