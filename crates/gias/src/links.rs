//! Reading the GIAS establishment links extract (`links_edubasealldataYYYYMMDD.csv`): which
//! establishment came before or after which (academy conversions, mergers, splits).

use std::io::Read;

use masteryhub_domain::Urn;
use time::Date;

use crate::csv_file::{CsvFile, Row};
use crate::error::{FileError, RowError};
use crate::fields::{parse_date, parse_urn};
use crate::reader::{Plan, open_register};

/// One row of the links extract: `LinkURN` is related to `URN` as `LinkType` says.
///
/// The row `137666, 113393, "Chudleigh Knighton Church of England Primary School",
/// "Predecessor", "01-11-2011"` says that 113393 is the predecessor of 137666; the file also
/// has the row the other way round (`113393, 137666, ..., "Successor", "31-10-2011"`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// The 1-based physical line where the row starts (the header is line 1).
    pub line: u64,
    /// `URN`: the establishment the row is about.
    pub urn: Urn,
    /// `LinkURN`: the establishment it is linked to.
    pub link_urn: Urn,
    /// `LinkName`: the name of the linked establishment.
    pub link_name: String,
    /// `LinkType`, e.g. `"Predecessor"`, `"Successor - merged"`, `"Sixth Form Centre Link"`.
    pub link_type: String,
    /// `LinkEstablishedDate`.
    pub established: Option<Date>,
}

/// What the linked establishment (`link_urn`) is to the establishment of the row (`urn`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LinkDirection {
    /// `link_urn` came before `urn` (`Predecessor`, `Predecessor - merged`, ...).
    Predecessor,
    /// `link_urn` came after `urn` (`Successor`, `Successor - amalgamated`,
    /// `Result of Amalgamation`, ...).
    Successor,
    /// Any other relation (`Sixth Form Centre Link`, `Closure`, `Merged - ...`, `Other`).
    Other,
}

impl Link {
    /// What `link_urn` is to `urn`, from the start of `link_type`.
    pub fn direction(&self) -> LinkDirection {
        let kind = self.link_type.trim();
        let starts = |prefix: &str| {
            kind.get(..prefix.len())
                .is_some_and(|head| head.eq_ignore_ascii_case(prefix))
        };
        if starts("Predecessor") {
            LinkDirection::Predecessor
        } else if starts("Successor") || starts("Result of Amalgamation") {
            LinkDirection::Successor
        } else {
            LinkDirection::Other
        }
    }
}

const URN: &str = "URN";
const LINK_URN: &str = "LinkURN";
const LINK_NAME: &str = "LinkName";
const LINK_TYPE: &str = "LinkType";
const ESTABLISHED: &str = "LinkEstablishedDate";

/// The columns a [`Link`] is read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Urn,
    LinkUrn,
    LinkName,
    LinkType,
    Established,
}

const FIELDS: [(&str, Field); 5] = [
    (URN, Field::Urn),
    (LINK_URN, Field::LinkUrn),
    (LINK_NAME, Field::LinkName),
    (LINK_TYPE, Field::LinkType),
    (ESTABLISHED, Field::Established),
];

/// Reads the links extract as a stream of [`Link`]s, with the same rules as
/// [`EstablishmentReader`](crate::EstablishmentReader): Windows-1252 (UTF-8 after a byte order
/// mark), columns by name (`URN`, `LinkURN` and `LinkType` required, `LinkName` and
/// `LinkEstablishedDate` optional), a bad row is an `Err` item and reading goes on.
pub struct LinkReader<R: Read> {
    source: CsvFile<R>,
    /// The columns present, in file order, so that the first bad value is the one reported.
    plan: Plan<Field>,
}

impl<R: Read> LinkReader<R> {
    /// Reads and checks the header.
    pub fn new(input: R) -> Result<Self, FileError> {
        let (source, plan) = open_register(input, &[URN, LINK_URN, LINK_TYPE], &FIELDS)?;
        Ok(Self { source, plan })
    }

    /// Bytes of the input consumed so far, for a progress bar.
    pub fn position_bytes(&self) -> u64 {
        self.source.position_bytes()
    }
}

impl<R: Read> Iterator for LinkReader<R> {
    type Item = Result<Link, RowError>;

    fn next(&mut self) -> Option<Self::Item> {
        Some(match self.source.next_row()? {
            Ok(row) => parse(&row, &self.plan),
            Err(error) => Err(error),
        })
    }
}

fn parse(row: &Row<'_>, plan: &[(usize, Field)]) -> Result<Link, RowError> {
    let (mut urn, mut link_urn) = (None, None);
    let (mut link_name, mut link_type, mut established) = (String::new(), String::new(), None);
    for &(index, field) in plan {
        let value = row.text(index)?;
        match field {
            Field::Urn => urn = Some(parse_urn(&value).map_err(|m| row.error(index, m))?),
            Field::LinkUrn => {
                link_urn = Some(parse_urn(&value).map_err(|m| row.error(index, m))?);
            }
            Field::LinkName => link_name = value.into_owned(),
            Field::LinkType if value.is_empty() => {
                return Err(row.error(index, "must not be empty"));
            }
            Field::LinkType => link_type = value.into_owned(),
            Field::Established => {
                established = parse_date(&value).map_err(|m| row.error(index, m))?;
            }
        }
    }
    match (urn, link_urn) {
        (Some(urn), Some(link_urn)) => Ok(Link {
            line: row.line,
            urn,
            link_urn,
            link_name,
            link_type,
            established,
        }),
        // Unreachable: the header check makes both URN columns part of every plan.
        _ => Err(RowError::new(row.line, None, "has no URN or LinkURN")),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn link(kind: &str) -> Link {
        Link {
            line: 2,
            urn: Urn::parse("137666").unwrap(),
            link_urn: Urn::parse("113393").unwrap(),
            link_name: String::new(),
            link_type: kind.to_owned(),
            established: None,
        }
    }

    #[test]
    fn directions() {
        for kind in [
            "Predecessor",
            "Predecessor - merged",
            "Predecessor - Split School",
        ] {
            assert_eq!(link(kind).direction(), LinkDirection::Predecessor, "{kind}");
        }
        for kind in [
            "Successor",
            "Successor - amalgamated",
            "Result of Amalgamation",
        ] {
            assert_eq!(link(kind).direction(), LinkDirection::Successor, "{kind}");
        }
        for kind in [
            "Sixth Form Centre Link",
            "Sixth Form Centre School",
            "Closure",
            "Merged - change in age range",
            "Other",
            "Expansion",
            "",
        ] {
            assert_eq!(link(kind).direction(), LinkDirection::Other, "{kind}");
        }
    }

    #[test]
    fn reads_rows_and_reports_bad_ones() {
        let text = "\"URN\",\"LinkURN\",\"LinkName\",\"LinkType\",\"LinkEstablishedDate\"\r\n\
                    137666,113393,\"Chudleigh Knighton\",\"Predecessor\",\"01-11-2011\"\r\n\
                    100016,x,\"Kingsgate\",\"Successor\",\"\"\r\n\
                    100017,132245,\"Kingsgate, Primary\",\"Successor\",\"\"";
        let rows: Vec<_> = LinkReader::new(text.as_bytes()).unwrap().collect();
        assert_eq!(rows.len(), 3);
        let first = rows[0].as_ref().unwrap();
        assert_eq!(first.direction(), LinkDirection::Predecessor);
        assert_eq!(first.established, Some(time::macros::date!(2011 - 11 - 01)));
        assert_eq!(
            rows[1].as_ref().unwrap_err().to_string(),
            "line 3, column LinkURN: 'x' is not a whole number"
        );
        let third = rows[2].as_ref().unwrap();
        assert_eq!(third.link_name, "Kingsgate, Primary");
        assert_eq!(third.established, None);
        assert_eq!(third.line, 4);
    }

    #[test]
    fn requires_its_columns() {
        let error = LinkReader::new(&b"URN,LinkName\r\n"[..]).err().unwrap();
        assert_eq!(
            error.to_string(),
            "not a GIAS establishment extract: no column named LinkURN, LinkType"
        );
    }
}
