//! Parsing the typed values of a row: URNs, `dd-mm-yyyy` dates and ages. Each error message
//! quotes the bad value.

use masteryhub_domain::Urn;
use masteryhub_domain::urn::UrnError;
use time::{Date, Month};

use crate::text::shown;

/// Parses a URN, with a message for the reader's errors.
pub(crate) fn parse_urn(text: &str) -> Result<Urn, String> {
    Urn::parse(text).map_err(|error| match error {
        UrnError::Empty => "must not be empty".to_owned(),
        UrnError::NotANumber(value) => format!("{} is not a whole number", shown(&value)),
        UrnError::OutOfRange(value) => {
            format!("{value} is not between 1 and {}", Urn::MAX)
        }
    })
}

/// Parses a GIAS date, `dd-mm-yyyy`; empty text is no date.
pub(crate) fn parse_date(text: &str) -> Result<Option<Date>, String> {
    if text.is_empty() {
        return Ok(None);
    }
    let b = text.as_bytes();
    let digit_at = |i: usize| b[i].is_ascii_digit();
    let shaped = b.len() == 10
        && b[2] == b'-'
        && b[5] == b'-'
        && [0, 1, 3, 4, 6, 7, 8, 9].into_iter().all(digit_at);
    if !shaped {
        return Err(format!(
            "{} is not a date in the form dd-mm-yyyy",
            shown(text)
        ));
    }
    let number = |range: std::ops::Range<usize>| {
        b[range]
            .iter()
            .fold(0u32, |n, &d| n * 10 + u32::from(d - b'0'))
    };
    let (day, month, year) = (number(0..2), number(3..5), number(6..10));
    let not_real = || format!("{} is not a real date", shown(text));
    let month = u8::try_from(month)
        .ok()
        .and_then(|m| Month::try_from(m).ok())
        .ok_or_else(not_real)?;
    let day = u8::try_from(day).map_err(|_| not_real())?;
    let year = i32::try_from(year).map_err(|_| not_real())?;
    Date::from_calendar_date(year, month, day)
        .map(Some)
        .map_err(|_| not_real())
}

/// Parses a statutory age: a whole number from 0 to 99; empty text is no age.
pub(crate) fn parse_age(text: &str) -> Result<Option<i16>, String> {
    if text.is_empty() {
        return Ok(None);
    }
    let b = text.as_bytes();
    if b.len() <= 2 && b.iter().all(u8::is_ascii_digit) {
        let age = b.iter().fold(0i16, |n, &d| n * 10 + i16::from(d - b'0'));
        Ok(Some(age))
    } else {
        Err(format!(
            "{} is not a whole number from 0 to 99",
            shown(text)
        ))
    }
}

/// Writes a date the way GIAS does, `dd-mm-yyyy`.
pub fn format_date(date: Date) -> String {
    format!(
        "{:02}-{:02}-{:04}",
        date.day(),
        u8::from(date.month()),
        date.year()
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use time::macros::date;

    #[test]
    fn dates() {
        assert_eq!(parse_date(""), Ok(None));
        assert_eq!(parse_date("01-11-2011"), Ok(Some(date!(2011 - 11 - 01))));
        assert_eq!(parse_date("29-02-2024"), Ok(Some(date!(2024 - 02 - 29))));
        assert_eq!(
            parse_date("2021-09-01"),
            Err("'2021-09-01' is not a date in the form dd-mm-yyyy".into())
        );
        assert_eq!(
            parse_date("31-02-2020"),
            Err("'31-02-2020' is not a real date".into())
        );
        assert_eq!(
            parse_date("01-13-2020"),
            Err("'01-13-2020' is not a real date".into())
        );
        assert_eq!(
            parse_date("00-01-2020"),
            Err("'00-01-2020' is not a real date".into())
        );
        assert!(parse_date("1-9-2021").is_err());
        assert!(parse_date("01/09/2021").is_err());
        assert!(parse_date("0é-09-2021").is_err());
    }

    #[test]
    fn ages() {
        assert_eq!(parse_age(""), Ok(None));
        assert_eq!(parse_age("0"), Ok(Some(0)));
        assert_eq!(parse_age("11"), Ok(Some(11)));
        assert_eq!(parse_age("99"), Ok(Some(99)));
        assert_eq!(
            parse_age("100"),
            Err("'100' is not a whole number from 0 to 99".into())
        );
        assert!(parse_age("-1").is_err());
        assert!(parse_age("4.5").is_err());
        assert!(parse_age("x").is_err());
    }

    #[test]
    fn urns() {
        assert_eq!(parse_urn("137666").map(Urn::get), Ok(137_666));
        assert_eq!(parse_urn(""), Err("must not be empty".into()));
        assert_eq!(
            parse_urn("10A000"),
            Err("'10A000' is not a whole number".into())
        );
        assert_eq!(
            parse_urn("0"),
            Err("0 is not between 1 and 99999999".into())
        );
    }

    #[test]
    fn formats_like_gias() {
        assert_eq!(format_date(date!(1992 - 08 - 31)), "31-08-1992");
        assert_eq!(format_date(date!(2011 - 11 - 01)), "01-11-2011");
    }

    proptest! {
        #[test]
        fn date_round_trips(day in 0i32..(366 * 200)) {
            let d = date!(1900 - 01 - 01) + time::Duration::days(i64::from(day));
            prop_assert_eq!(parse_date(&format_date(d)), Ok(Some(d)));
        }

        #[test]
        fn parsers_never_panic(s in "\\PC{0,12}") {
            let _ = parse_date(&s);
            let _ = parse_age(&s);
            let _ = parse_urn(&s);
        }
    }
}
