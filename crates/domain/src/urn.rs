//! The Unique Reference Number the Department for Education gives every establishment.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// A school's URN: a positive whole number of at most eight digits (six in practice).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "i64", into = "i64")]
pub struct Urn(u32);

/// Why a text is not a URN.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UrnError {
    #[error("is empty")]
    Empty,
    #[error("'{0}' is not a whole number")]
    NotANumber(String),
    #[error("{0} is not between 1 and 99999999")]
    OutOfRange(i64),
}

impl Urn {
    /// The largest URN accepted: GIAS URNs have six digits; eight leaves room to grow.
    pub const MAX: u32 = 99_999_999;

    /// Parses a URN from text such as `"100000"` (surrounding spaces are ignored).
    pub fn parse(text: &str) -> Result<Self, UrnError> {
        let text = text.trim();
        if text.is_empty() {
            return Err(UrnError::Empty);
        }
        if !text.bytes().all(|b| b.is_ascii_digit()) || text.len() > 10 {
            return Err(UrnError::NotANumber(text.to_owned()));
        }
        let value: i64 = text
            .parse()
            .map_err(|_| UrnError::NotANumber(text.to_owned()))?;
        Self::try_from(value)
    }

    /// The URN as a number.
    pub fn get(self) -> u32 {
        self.0
    }
}

impl TryFrom<i64> for Urn {
    type Error = UrnError;

    fn try_from(value: i64) -> Result<Self, Self::Error> {
        if (1..=i64::from(Self::MAX)).contains(&value) {
            Ok(Self(value as u32))
        } else {
            Err(UrnError::OutOfRange(value))
        }
    }
}

impl From<Urn> for i64 {
    fn from(urn: Urn) -> Self {
        i64::from(urn.0)
    }
}

impl FromStr for Urn {
    type Err = UrnError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl fmt::Display for Urn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn parses_real_urns() {
        assert_eq!(Urn::parse("100000").map(Urn::get), Ok(100_000));
        assert_eq!(Urn::parse(" 137666 ").map(Urn::get), Ok(137_666));
    }

    #[test]
    fn refuses_what_is_not_a_urn() {
        assert_eq!(Urn::parse(""), Err(UrnError::Empty));
        assert_eq!(Urn::parse("   "), Err(UrnError::Empty));
        assert!(matches!(Urn::parse("10A000"), Err(UrnError::NotANumber(_))));
        assert!(matches!(Urn::parse("-5"), Err(UrnError::NotANumber(_))));
        assert!(matches!(Urn::parse("1.5"), Err(UrnError::NotANumber(_))));
        assert_eq!(Urn::parse("0"), Err(UrnError::OutOfRange(0)));
        assert_eq!(
            Urn::parse("100000000"),
            Err(UrnError::OutOfRange(100_000_000))
        );
        assert!(matches!(
            Urn::parse("99999999999999999999"),
            Err(UrnError::NotANumber(_))
        ));
    }

    proptest! {
        #[test]
        fn display_round_trips(n in 1u32..=Urn::MAX) {
            let urn = Urn::parse(&n.to_string()).expect("in range");
            prop_assert_eq!(Urn::parse(&urn.to_string()), Ok(urn));
        }

        #[test]
        fn parse_never_panics(s in ".*") {
            let _ = Urn::parse(&s);
        }
    }
}
