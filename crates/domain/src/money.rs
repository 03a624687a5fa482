//! Money: whole pence in an `i64` (ENGINEERING.md), shown to people in pounds.

use std::fmt;

use serde::{Deserialize, Serialize};

/// An amount of money in pence. Stored and added as a whole number, never as a float.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Pence(i64);

impl Pence {
    /// No money.
    pub const ZERO: Pence = Pence(0);

    /// An amount given in pence.
    pub const fn new(pence: i64) -> Self {
        Self(pence)
    }

    /// An amount given in whole pounds (saturating at the limits of `i64`).
    pub const fn from_pounds(pounds: i64) -> Self {
        Self(pounds.saturating_mul(100))
    }

    /// The amount in pence.
    pub const fn get(self) -> i64 {
        self.0
    }

    /// The sum, or `None` if it would overflow.
    pub fn checked_add(self, other: Pence) -> Option<Pence> {
        self.0.checked_add(other.0).map(Pence)
    }

    /// The amount times a count (days, departments), or `None` if it would overflow.
    pub fn checked_mul(self, count: i64) -> Option<Pence> {
        self.0.checked_mul(count).map(Pence)
    }
}

impl fmt::Display for Pence {
    /// Pounds with thousands separators, pence only when there are some: `£2,000`, `£12.50`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let magnitude = self.0.unsigned_abs();
        let (pounds, pence) = (magnitude / 100, magnitude % 100);
        let digits = pounds.to_string();
        let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
        for (i, digit) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                grouped.push(',');
            }
            grouped.push(digit);
        }
        if pence == 0 {
            write!(f, "{sign}£{grouped}")
        } else {
            write!(f, "{sign}£{grouped}.{pence:02}")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn shows_pounds_as_people_write_them() {
        assert_eq!(Pence::from_pounds(2000).to_string(), "£2,000");
        assert_eq!(Pence::from_pounds(5250).to_string(), "£5,250");
        assert_eq!(Pence::new(1250).to_string(), "£12.50");
        assert_eq!(Pence::new(5).to_string(), "£0.05");
        assert_eq!(Pence::from_pounds(1_234_567).to_string(), "£1,234,567");
        assert_eq!(Pence::new(-35_000).to_string(), "-£350");
        assert_eq!(Pence::ZERO.to_string(), "£0");
        assert_eq!(Pence::new(i64::MIN).get(), i64::MIN);
        assert!(Pence::new(i64::MIN).to_string().starts_with("-£92,233,720"));
    }

    #[test]
    fn arithmetic_refuses_overflow() {
        assert_eq!(
            Pence::from_pounds(350).checked_mul(15),
            Some(Pence::from_pounds(5250))
        );
        assert_eq!(
            Pence::from_pounds(1000).checked_add(Pence::from_pounds(2000)),
            Some(Pence::from_pounds(3000))
        );
        assert_eq!(Pence::new(i64::MAX).checked_add(Pence::new(1)), None);
        assert_eq!(Pence::new(i64::MAX).checked_mul(2), None);
    }

    proptest! {
        #[test]
        fn display_keeps_every_digit(pence in any::<i64>()) {
            let shown = Pence::new(pence).to_string();
            let digits: String = shown.chars().filter(char::is_ascii_digit).collect();
            let expected = if pence % 100 == 0 {
                (pence.unsigned_abs() / 100).to_string()
            } else {
                format!("{}{:02}", pence.unsigned_abs() / 100, pence.unsigned_abs() % 100)
            };
            prop_assert_eq!(digits, expected);
        }
    }
}
