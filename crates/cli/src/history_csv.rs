//! Reading a hub's pathway history: a spreadsheet saved as CSV (UTF-8, with or without a
//! byte-order mark), one row per school, academic year and stage.
//!
//! Columns are found by name, in any order and any case: `urn`, `academic_year`, `stage` and
//! `outcome` are required; `programme_code` and `hub` are optional. Other columns (a school's
//! name, notes) are ignored, so a hub's own spreadsheet can be imported as it is. Rows whose
//! every field is empty are skipped.

use std::io::Read;

use masteryhub_domain::pathway::{Outcome, Participation, ProgrammeCode, Stage};
use masteryhub_domain::urn::UrnError;
use masteryhub_domain::{AcademicYear, Urn};
use masteryhub_gias::csv_file::{CsvFile, Dialect, Header};
use masteryhub_gias::{FileError, RowError};
use masteryhub_store::pathway::history::HistoryRecord;

const REQUIRED: [&str; 4] = ["urn", "academic_year", "stage", "outcome"];
const OPTIONAL: [&str; 2] = ["programme_code", "hub"];

/// A file read: the good rows and every bad one.
pub struct HistoryFile {
    header: Header,
    /// Rows read (blank rows aside).
    pub read: u64,
    /// The rows that parsed.
    pub records: Vec<HistoryRecord>,
    /// The rows that did not, each with its line and column.
    pub errors: Vec<RowError>,
}

impl HistoryFile {
    /// A column as the file writes it (`URN` for `urn`), for messages about it.
    pub fn column(&self, name: &str) -> String {
        self.header.written(name)
    }
}

/// Reads every row, keeping the good ones and listing the bad ones; refuses a file that is not
/// a history file at all (empty, not UTF-8 text, no column named `urn`, ...).
pub fn read(input: impl Read) -> Result<HistoryFile, String> {
    let mut csv = match CsvFile::open(input, Dialect::Spreadsheet) {
        Ok(csv) => csv,
        Err(FileError::Io(error)) => return Err(format!("the file cannot be read: {error}")),
        Err(error) => return Err(error.to_string()),
    };
    let header = csv.header().clone();
    if header.is_blank() {
        return Err("the file is empty".into());
    }
    let missing = header.missing(&REQUIRED);
    if !missing.is_empty() {
        return Err(format!(
            "line 1: not a history file: no column named {} (expected \
             urn,academic_year,stage,outcome and optionally programme_code,hub)",
            missing.join(", ")
        ));
    }
    let known: Vec<&str> = REQUIRED.iter().chain(OPTIONAL.iter()).copied().collect();
    let repeated = header.repeated(&known);
    if !repeated.is_empty() {
        return Err(format!(
            "line 1: the column {} appears more than once",
            repeated.join(", ")
        ));
    }
    let position = |name: &str| header.find(name).unwrap_or(usize::MAX);
    let [urn, year, stage, outcome] = REQUIRED.map(position);
    let [programme, hub] = OPTIONAL.map(|name| header.find(name));

    let mut file = HistoryFile {
        read: 0,
        records: Vec::new(),
        errors: Vec::new(),
        header,
    };
    while let Some(row) = csv.next_row() {
        file.read += 1;
        let row = match row {
            Ok(row) => row,
            Err(error) => {
                file.errors.push(error);
                continue;
            }
        };
        // A spreadsheet's row is UTF-8 once read: its fields are always text.
        let field = |i: usize| row.text(i).unwrap_or_default();
        let mut errors = Vec::new();
        let mut check = |index: usize, message: String| errors.push(row.error(index, message));
        let parsed_urn = parse_urn(&field(urn)).map_err(|e| check(urn, e)).ok();
        let parsed_year = parse_year(&field(year)).map_err(|e| check(year, e)).ok();
        let parsed_stage = parse_stage(&field(stage)).map_err(|e| check(stage, e)).ok();
        let parsed_outcome = parse_outcome(&field(outcome))
            .map_err(|e| check(outcome, e))
            .ok();
        let programme_code = programme.and_then(|index| {
            let code = field(index);
            if code.is_empty() {
                return None;
            }
            ProgrammeCode::parse(&code)
                .map(String::from)
                .map_err(|e| check(index, e.to_string()))
                .ok()
        });
        let hub_code = hub
            .map(|index| field(index).into_owned())
            .filter(|hub| !hub.is_empty());
        match (parsed_urn, parsed_year, parsed_stage, parsed_outcome) {
            (Some(urn), Some(year), Some(stage), Some(outcome)) if errors.is_empty() => {
                file.records.push(HistoryRecord {
                    line: row.line,
                    participation: Participation::new(urn, year, stage, outcome),
                    programme_code,
                    hub_code,
                });
            }
            _ => file.errors.extend(errors),
        }
    }
    if file.read == 0 {
        return Err("the file has a header but no rows".into());
    }
    Ok(file)
}

fn parse_urn(text: &str) -> Result<Urn, String> {
    Urn::parse(text).map_err(|e| match e {
        UrnError::Empty => "the URN is missing".to_owned(),
        UrnError::NotANumber(text) => {
            format!("'{text}' is not a URN: a URN is a whole number, like 137666")
        }
        UrnError::OutOfRange(n) => format!("{n} is not a URN: URNs run from 1 to 99999999"),
    })
}

fn parse_year(text: &str) -> Result<AcademicYear, String> {
    if text.is_empty() {
        return Err("the academic year is missing: write it like 2021/22".into());
    }
    AcademicYear::parse(text).map_err(|e| e.to_string())
}

fn parse_stage(text: &str) -> Result<Stage, String> {
    Stage::parse(text).map_err(|e| missing_or(text, "stage", e.to_string()))
}

fn parse_outcome(text: &str) -> Result<Outcome, String> {
    Outcome::parse(text).map_err(|e| missing_or(text, "outcome", e.to_string()))
}

/// `'' is not a stage: use …` reads better as `the stage is missing: use …`.
fn missing_or(text: &str, what: &str, message: String) -> String {
    match message.split_once(": ") {
        Some((_, hint)) if text.is_empty() => format!("the {what} is missing: {hint}"),
        _ => message,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn messages(file: &HistoryFile) -> Vec<String> {
        file.errors.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn reads_columns_by_name_in_any_order_and_case_ignoring_others() {
        let text = "\u{feff}School name,Outcome,URN,Stage,Academic_Year,Hub,Programme_Code\r\n\
                    \"Alpha, the academy\",Completed,137666,Development,2021-22,lcw,ncp21-13\r\n\
                    ,,,,,,\r\n\
                    Beta,in progress,100001,embedding,2022/23,,\r\n";
        let file = read(text.as_bytes()).expect("a history file");
        assert!(file.errors.is_empty(), "{:?}", messages(&file));
        assert_eq!(file.read, 2, "the blank row is skipped");
        let first = &file.records[0];
        assert_eq!(first.line, 2);
        assert_eq!(first.participation.urn, Urn::parse("137666").expect("urn"));
        assert_eq!(first.participation.academic_year.to_string(), "2021/22");
        assert_eq!(first.participation.stage, Stage::Development);
        assert_eq!(first.participation.outcome, Outcome::Completed);
        assert_eq!(first.programme_code.as_deref(), Some("NCP21-13"));
        assert_eq!(first.hub_code.as_deref(), Some("lcw"));
        let second = &file.records[1];
        assert_eq!(second.line, 4);
        assert_eq!(second.participation.outcome, Outcome::InProgress);
        assert_eq!(
            (second.programme_code.as_ref(), second.hub_code.as_ref()),
            (None, None)
        );
    }

    #[test]
    fn names_every_bad_field_of_every_row() {
        let text = "URN,academic_year,stage,outcome,programme_code\n\
                    10A,2021/23,consolidating,passed,NCP-1\n\
                    ,,,,\n\
                    100001,,,,\n\
                    100001,2021/22,development\n\
                    100002,2021/22,development,completed,\n";
        let file = read(text.as_bytes()).expect("a history file");
        assert_eq!(file.read, 4);
        assert_eq!(file.records.len(), 1, "the good row is kept for checking");
        let messages = messages(&file);
        assert_eq!(
            messages,
            [
                "line 2, column URN: '10A' is not a URN: a URN is a whole number, like 137666",
                "line 2, column academic_year: '2021/23' is not an academic year: the second \
                 year must follow the first, as in 2021/22",
                "line 2, column stage: 'consolidating' is not a stage: use preparatory, \
                 development, embedding, sustaining, specialist_year_1, specialist_year_2 or \
                 specialist_year_3",
                "line 2, column outcome: 'passed' is not an outcome: use in_progress, completed, \
                 not_completed or withdrawn",
                "line 2, column programme_code: 'NCP-1' is not a programme code: write it like \
                 NCP21-13 (letters, two digits for the year, a hyphen and a number)",
                "line 4, column academic_year: the academic year is missing: write it like 2021/22",
                "line 4, column stage: the stage is missing: use preparatory, development, \
                 embedding, sustaining, specialist_year_1, specialist_year_2 or specialist_year_3",
                "line 4, column outcome: the outcome is missing: use in_progress, completed, \
                 not_completed or withdrawn",
                "line 5: has 3 fields, but the header has 5",
            ]
        );
    }

    #[test]
    fn refuses_files_that_are_not_history_files() {
        let refused = |text: &[u8]| read(text).err().expect("refused");
        assert_eq!(refused(b""), "the file is empty");
        assert!(
            refused(b"urn,year,stage\n1,2021/22,development\n")
                .contains("no column named academic_year, outcome")
        );
        assert!(
            refused(b"urn,academic_year,stage,outcome,URN\n")
                .contains("urn appears more than once")
        );
        assert_eq!(
            refused(b"urn,academic_year,stage,outcome\n,,,\n"),
            "the file has a header but no rows"
        );
        let latin1 = read(b"urn,academic_year,stage,outcome,name\n1,2021/22,development,completed,Th\xe9r\xe8se\n".as_slice())
            .expect("a history file");
        assert!(
            latin1.errors[0]
                .to_string()
                .starts_with("line 2: is not UTF-8 text")
        );
    }
}
