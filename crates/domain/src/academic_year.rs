//! Academic years: 1 September to 31 August, written `2024/25`.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use time::{Date, Month};

/// An academic year, named by the calendar year in which it starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct AcademicYear {
    start: i32,
}

/// Why a text is not an academic year.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AcademicYearError {
    #[error("'{0}' is not an academic year: write it like 2024/25")]
    Malformed(String),
    #[error("'{0}' is not an academic year: the second year must follow the first, as in {1}")]
    NotConsecutive(String, String),
    #[error("'{0}' is outside the years this service covers (2000/01 to 2098/99)")]
    OutOfRange(String),
}

impl AcademicYear {
    const FIRST: i32 = 2000;
    const LAST: i32 = 2098;

    /// Parses `2024/25` (or `2024-25`, as URLs write it).
    pub fn parse(text: &str) -> Result<Self, AcademicYearError> {
        let text = text.trim();
        let malformed = || AcademicYearError::Malformed(text.to_owned());
        let (first, second) = text.split_once(['/', '-']).ok_or_else(malformed)?;
        if first.len() != 4
            || second.len() != 2
            || !first
                .bytes()
                .chain(second.bytes())
                .all(|b| b.is_ascii_digit())
        {
            return Err(malformed());
        }
        let start: i32 = first.parse().map_err(|_| malformed())?;
        let end: i32 = second.parse().map_err(|_| malformed())?;
        if !(Self::FIRST..=Self::LAST).contains(&start) {
            return Err(AcademicYearError::OutOfRange(text.to_owned()));
        }
        let year = Self { start };
        if end != (start + 1) % 100 {
            return Err(AcademicYearError::NotConsecutive(
                text.to_owned(),
                year.to_string(),
            ));
        }
        Ok(year)
    }

    /// The academic year that starts in September of `start`.
    pub fn starting(start: i32) -> Result<Self, AcademicYearError> {
        if (Self::FIRST..=Self::LAST).contains(&start) {
            Ok(Self { start })
        } else {
            Err(AcademicYearError::OutOfRange(start.to_string()))
        }
    }

    /// Every academic year the service covers, in order: 2000/01 to 2098/99.
    pub fn all() -> impl Iterator<Item = Self> {
        (Self::FIRST..=Self::LAST).map(|start| Self { start })
    }

    /// The academic year a date falls in.
    pub fn containing(date: Date) -> Result<Self, AcademicYearError> {
        let start = if date.month() >= Month::September {
            date.year()
        } else {
            date.year() - 1
        };
        Self::starting(start)
    }

    /// The calendar year in which this academic year starts.
    pub fn start_year(self) -> i32 {
        self.start
    }

    /// 1 September of the starting year.
    pub fn first_day(self) -> Date {
        Date::from_calendar_date(self.start, Month::September, 1).unwrap_or(Date::MIN)
    }

    /// 31 August of the following year.
    pub fn last_day(self) -> Date {
        Date::from_calendar_date(self.start + 1, Month::August, 31).unwrap_or(Date::MAX)
    }

    /// The year after this one, if it is within range.
    pub fn next(self) -> Option<Self> {
        Self::starting(self.start + 1).ok()
    }

    /// The year before this one, if it is within range.
    pub fn previous(self) -> Option<Self> {
        Self::starting(self.start - 1).ok()
    }
}

impl fmt::Display for AcademicYear {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{:02}", self.start, (self.start + 1) % 100)
    }
}

impl FromStr for AcademicYear {
    type Err = AcademicYearError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl TryFrom<String> for AcademicYear {
    type Error = AcademicYearError;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<AcademicYear> for String {
    fn from(year: AcademicYear) -> Self {
        year.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use time::macros::date;

    #[test]
    fn parses_both_spellings() {
        let year = AcademicYear::parse("2024/25").expect("valid");
        assert_eq!(year.start_year(), 2024);
        assert_eq!(AcademicYear::parse("2024-25"), Ok(year));
        assert_eq!(year.to_string(), "2024/25");
        assert!(AcademicYear::parse("2099/00").is_err());
        assert_eq!(
            AcademicYear::parse("2009/10").map(|y| y.to_string()),
            Ok("2009/10".to_owned())
        );
    }

    #[test]
    fn refuses_years_that_do_not_follow() {
        assert_eq!(
            AcademicYear::parse("2021/23"),
            Err(AcademicYearError::NotConsecutive(
                "2021/23".into(),
                "2021/22".into()
            ))
        );
        for bad in ["2021", "21/22", "2021/2022", "abcd/ef", "", "2021/2x"] {
            assert!(
                matches!(
                    AcademicYear::parse(bad),
                    Err(AcademicYearError::Malformed(_))
                ),
                "{bad}"
            );
        }
        assert!(matches!(
            AcademicYear::parse("1999/00"),
            Err(AcademicYearError::OutOfRange(_))
        ));
    }

    #[test]
    fn runs_from_september_to_august() {
        let year = AcademicYear::parse("2024/25").expect("valid");
        assert_eq!(year.first_day(), date!(2024 - 09 - 01));
        assert_eq!(year.last_day(), date!(2025 - 08 - 31));
        assert_eq!(AcademicYear::containing(date!(2024 - 09 - 01)), Ok(year));
        assert_eq!(AcademicYear::containing(date!(2025 - 08 - 31)), Ok(year));
        assert_eq!(
            AcademicYear::containing(date!(2024 - 08 - 31)).map(|y| y.to_string()),
            Ok("2023/24".to_owned())
        );
        assert_eq!(year.next().map(|y| y.to_string()), Some("2025/26".into()));
        assert_eq!(
            year.previous().map(|y| y.to_string()),
            Some("2023/24".into())
        );
    }

    #[test]
    fn all_is_every_year_in_range() {
        let all: Vec<_> = AcademicYear::all().collect();
        assert_eq!(all.len(), 99);
        assert_eq!(all.first().map(|y| y.to_string()), Some("2000/01".into()));
        assert_eq!(all.last().map(|y| y.to_string()), Some("2098/99".into()));
        assert_eq!(all.first().and_then(|y| y.previous()), None);
        assert_eq!(all.last().and_then(|y| y.next()), None);
        assert!(all.windows(2).all(|w| w[0].next() == Some(w[1])));
    }

    proptest! {
        #[test]
        fn display_round_trips(start in 2000i32..=2098) {
            let year = AcademicYear::starting(start).expect("in range");
            prop_assert_eq!(AcademicYear::parse(&year.to_string()), Ok(year));
            prop_assert!(year.first_day() < year.last_day());
            prop_assert_eq!(AcademicYear::containing(year.first_day()), Ok(year));
            prop_assert_eq!(AcademicYear::containing(year.last_day()), Ok(year));
        }
    }
}
