//! Reading the full establishment extract, one establishment at a time.

use std::io::Read;

use masteryhub_domain::{EstablishmentFacts, Urn};
use time::Date;

use crate::columns::name;
use crate::csv_file::{CsvFile, Dialect, Row};
use crate::error::{FileError, RowError};
use crate::fields::{parse_age, parse_date, parse_urn};

/// One establishment of the register, as far as the programme needs it.
///
/// Text values are trimmed; a column the file does not have reads as empty text or `None`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Establishment {
    /// `URN`.
    pub urn: Urn,
    /// `EstablishmentName`.
    pub name: String,
    /// `LA (code)` as written, e.g. `"201"`, or `"0"` for establishments outside England.
    pub la_code: String,
    /// `LA (name)`.
    pub la_name: String,
    /// `TypeOfEstablishment (name)`, e.g. `"Academy converter"`.
    pub type_of_establishment: String,
    /// `EstablishmentTypeGroup (name)`, e.g. `"Academies"`.
    pub type_group: String,
    /// `EstablishmentStatus (name)`, e.g. `"Open"`.
    pub status: String,
    /// `OpenDate`.
    pub open_date: Option<Date>,
    /// `CloseDate`.
    pub close_date: Option<Date>,
    /// `PhaseOfEducation (name)`, e.g. `"Secondary"`.
    pub phase: String,
    /// `StatutoryLowAge`.
    pub statutory_low_age: Option<i16>,
    /// `StatutoryHighAge`.
    pub statutory_high_age: Option<i16>,
    /// `Town`.
    pub town: String,
    /// `Postcode`.
    pub postcode: String,
    /// `GOR (name)`, the region, e.g. `"South West"`.
    pub region: String,
    /// Whether it is state-funded, secondary and open, derived from type, phase and status.
    pub facts: EstablishmentFacts,
}

/// An establishment and the line of the file where its row starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// The 1-based physical line where the row starts (the header is line 1).
    pub line: u64,
    /// The establishment on that row.
    pub establishment: Establishment,
}

/// The columns the reader fills an [`Establishment`] from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Urn,
    Name,
    LaCode,
    LaName,
    Type,
    TypeGroup,
    Status,
    OpenDate,
    CloseDate,
    Phase,
    LowAge,
    HighAge,
    Town,
    Postcode,
    Region,
}

const FIELDS: [(&str, Field); 15] = [
    (name::URN, Field::Urn),
    (name::ESTABLISHMENT_NAME, Field::Name),
    (name::LA_CODE, Field::LaCode),
    (name::LA_NAME, Field::LaName),
    (name::TYPE_NAME, Field::Type),
    (name::TYPE_GROUP_NAME, Field::TypeGroup),
    (name::STATUS_NAME, Field::Status),
    (name::OPEN_DATE, Field::OpenDate),
    (name::CLOSE_DATE, Field::CloseDate),
    (name::PHASE_NAME, Field::Phase),
    (name::LOW_AGE, Field::LowAge),
    (name::HIGH_AGE, Field::HighAge),
    (name::TOWN, Field::Town),
    (name::POSTCODE, Field::Postcode),
    (name::REGION_NAME, Field::Region),
];

/// The columns without which a file is not an establishment extract.
const REQUIRED: [&str; 2] = [name::URN, name::ESTABLISHMENT_NAME];

/// Reads a GIAS establishment extract (`edubasealldataYYYYMMDD.csv`) as a stream of
/// [`Record`]s, one row at a time.
///
/// - Windows-1252, or UTF-8 when the file starts with a byte order mark.
/// - Columns are found by name, so the 2024 header (140 columns), the 2025 one (135) and
///   others read alike; only `URN` and `EstablishmentName` are required.
/// - CRLF or LF line ends, quoted fields with commas and line breaks, blank lines skipped.
/// - A bad row is an `Err` item and reading goes on with the next row. Each error names the
///   line, the first bad column and the bad value. Duplicate URNs are not looked for here.
///
/// ```
/// use masteryhub_gias::EstablishmentReader;
///
/// let csv = "URN,EstablishmentName,OpenDate\r\n100000,The Aldgate School,\r\n100001,Bad,2021-09-01";
/// let rows: Vec<_> = EstablishmentReader::new(csv.as_bytes()).unwrap().collect();
/// assert_eq!(rows[0].as_ref().unwrap().establishment.name, "The Aldgate School");
/// assert_eq!(
///     rows[1].as_ref().unwrap_err().to_string(),
///     "line 3, column OpenDate: '2021-09-01' is not a date in the form dd-mm-yyyy"
/// );
/// ```
pub struct EstablishmentReader<R: Read> {
    source: CsvFile<R>,
    /// The columns present in this file, in the order they appear in it, so that the first
    /// bad value of a row is the one reported.
    plan: Plan<Field>,
}

impl<R: Read> EstablishmentReader<R> {
    /// Reads and checks the header.
    pub fn new(input: R) -> Result<Self, FileError> {
        let (source, plan) = open_register(input, &REQUIRED, &FIELDS)?;
        Ok(Self { source, plan })
    }

    /// Bytes of the input consumed so far, for a progress bar.
    pub fn position_bytes(&self) -> u64 {
        self.source.position_bytes()
    }
}

impl<R: Read> Iterator for EstablishmentReader<R> {
    type Item = Result<Record, RowError>;

    fn next(&mut self) -> Option<Self::Item> {
        let row = match self.source.next_row()? {
            Ok(row) => row,
            Err(error) => return Some(Err(error)),
        };
        Some(parse(&row, &self.plan).map(|establishment| Record {
            line: row.line,
            establishment,
        }))
    }
}

/// The columns a reader reads, each with its position in the file, in file order (so that the
/// first bad value of a row is the one reported).
pub(crate) type Plan<F> = Vec<(usize, F)>;

/// Opens a register file whose header must have every `required` column, and finds the
/// `fields` it has, in file order.
pub(crate) fn open_register<R: Read, F: Copy>(
    input: R,
    required: &[&str],
    fields: &[(&str, F)],
) -> Result<(CsvFile<R>, Plan<F>), FileError> {
    let source = CsvFile::open(input, Dialect::Register)?;
    let header = source.header();
    let missing = header.missing(required);
    if !missing.is_empty() {
        let missing = missing.into_iter().map(str::to_owned).collect();
        return Err(FileError::NotGias { missing });
    }
    let mut plan: Plan<F> = fields
        .iter()
        .filter_map(|&(column, field)| header.find(column).map(|index| (index, field)))
        .collect();
    plan.sort_by_key(|&(index, _)| index);
    Ok((source, plan))
}

fn parse(row: &Row<'_>, plan: &[(usize, Field)]) -> Result<Establishment, RowError> {
    let mut urn = None;
    let mut e = Draft::default();
    for &(index, field) in plan {
        let value = row.text(index)?;
        match field {
            Field::Urn => urn = Some(parse_urn(&value).map_err(|m| row.error(index, m))?),
            Field::Name if value.is_empty() => {
                return Err(row.error(index, "must not be empty"));
            }
            Field::Name => e.name = value.into_owned(),
            Field::LaCode => e.la_code = value.into_owned(),
            Field::LaName => e.la_name = value.into_owned(),
            Field::Type => e.type_of_establishment = value.into_owned(),
            Field::TypeGroup => e.type_group = value.into_owned(),
            Field::Status => e.status = value.into_owned(),
            Field::OpenDate => e.open_date = parse_date(&value).map_err(|m| row.error(index, m))?,
            Field::CloseDate => {
                e.close_date = parse_date(&value).map_err(|m| row.error(index, m))?;
            }
            Field::Phase => e.phase = value.into_owned(),
            Field::LowAge => e.low_age = parse_age(&value).map_err(|m| row.error(index, m))?,
            Field::HighAge => e.high_age = parse_age(&value).map_err(|m| row.error(index, m))?,
            Field::Town => e.town = value.into_owned(),
            Field::Postcode => e.postcode = value.into_owned(),
            Field::Region => e.region = value.into_owned(),
        }
    }
    let Some(urn) = urn else {
        // Unreachable: the header check makes URN part of every plan.
        return Err(RowError::new(row.line, Some(name::URN), "is missing"));
    };
    let facts = EstablishmentFacts::derive(&e.type_of_establishment, &e.phase, &e.status);
    Ok(Establishment {
        urn,
        name: e.name,
        la_code: e.la_code,
        la_name: e.la_name,
        type_of_establishment: e.type_of_establishment,
        type_group: e.type_group,
        status: e.status,
        open_date: e.open_date,
        close_date: e.close_date,
        phase: e.phase,
        statutory_low_age: e.low_age,
        statutory_high_age: e.high_age,
        town: e.town,
        postcode: e.postcode,
        region: e.region,
        facts,
    })
}

/// The fields of an establishment while its row is being read.
#[derive(Default)]
struct Draft {
    name: String,
    la_code: String,
    la_name: String,
    type_of_establishment: String,
    type_group: String,
    status: String,
    open_date: Option<Date>,
    close_date: Option<Date>,
    phase: String,
    low_age: Option<i16>,
    high_age: Option<i16>,
    town: String,
    postcode: String,
    region: String,
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn read(text: &[u8]) -> Vec<Result<Record, RowError>> {
        EstablishmentReader::new(text).unwrap().collect()
    }

    #[test]
    fn minimal_file() {
        let rows = read(b"URN,EstablishmentName\n100000,  The Aldgate School  \n");
        assert_eq!(rows.len(), 1);
        let record = rows[0].as_ref().unwrap();
        assert_eq!(record.line, 2);
        assert_eq!(record.establishment.urn.get(), 100_000);
        assert_eq!(record.establishment.name, "The Aldgate School");
        assert_eq!(record.establishment.la_code, "");
        assert_eq!(record.establishment.open_date, None);
        assert!(!record.establishment.facts.open);
    }

    #[test]
    fn first_bad_column_in_file_order_is_reported() {
        let rows = read(b"CloseDate,URN,EstablishmentName,OpenDate\r\nbad,x,,also bad");
        let error = rows[0].as_ref().unwrap_err();
        assert_eq!(error.column.as_deref(), Some("CloseDate"));
    }

    #[test]
    fn header_names_are_trimmed_and_extra_columns_ignored() {
        let rows = read(b" URN , Extra ,EstablishmentName \r\n5,x,Name\r\n");
        assert_eq!(rows[0].as_ref().unwrap().establishment.name, "Name");
    }

    #[test]
    fn lines_count_blank_lines_and_crlf() {
        let rows = read(b"URN,EstablishmentName\r\n1,A\r\n\r\n\r\n2,B\r\n3,C");
        let lines: Vec<u64> = rows.iter().map(|r| r.as_ref().unwrap().line).collect();
        assert_eq!(lines, [2, 5, 6]);
    }

    #[test]
    fn whitespace_only_lines_are_skipped() {
        let rows = read(b"URN,EstablishmentName\n  \n1,A\n \t\r\n");
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].as_ref().unwrap().line, 3);
    }
}
