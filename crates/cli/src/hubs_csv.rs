//! Reading a hubs file: `hub_code,hub_name,la_code[,la_name]`, one row per local authority.

use std::collections::HashMap;
use std::io::Read;

use masteryhub_gias::FileError;
use masteryhub_gias::csv_file::{CsvFile, Dialect};
use masteryhub_store::hubs::HubAssignment;

const REQUIRED: [&str; 3] = ["hub_code", "hub_name", "la_code"];

fn is_code(value: &str) -> bool {
    !value.is_empty()
        && value.len() <= 20
        && value.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
}

fn not_a_hubs_file(missing: &[&str]) -> String {
    format!(
        "line 1: not a hubs file: no column named {} (expected hub_code,hub_name,la_code[,la_name])",
        missing.join(", ")
    )
}

/// Reads every row, or lists every problem (with line and column) and keeps nothing.
pub fn read(input: impl Read) -> Result<Vec<HubAssignment>, Vec<String>> {
    let mut file = match CsvFile::open(input, Dialect::Spreadsheet) {
        Ok(file) => file,
        Err(FileError::Empty) => return Err(vec![not_a_hubs_file(&REQUIRED)]),
        Err(FileError::Io(error)) => return Err(vec![format!("the file cannot be read: {error}")]),
        Err(error) => return Err(vec![error.to_string()]),
    };
    let header = file.header();
    let missing = header.missing(&REQUIRED);
    if !missing.is_empty() {
        return Err(vec![not_a_hubs_file(&missing)]);
    }
    let column = |name: &str| header.find(name).unwrap_or(usize::MAX);
    let [hub_code, hub_name, la_code] = REQUIRED.map(column);
    let la_name = header.find("la_name");

    let mut rows = Vec::new();
    let mut errors = Vec::new();
    let mut hub_names: HashMap<String, (String, u64)> = HashMap::new();
    let mut la_lines: HashMap<String, u64> = HashMap::new();
    while let Some(record) = file.next_row() {
        let record = match record {
            Ok(record) => record,
            Err(error) => {
                errors.push(error.to_string());
                continue;
            }
        };
        let line = record.line;
        // A spreadsheet's row is UTF-8 once read: its fields are always text.
        let field = |i: usize| record.text(i).unwrap_or_default().into_owned();
        let row = HubAssignment {
            hub_code: field(hub_code),
            hub_name: field(hub_name),
            la_code: field(la_code),
            la_name: la_name.map(field).unwrap_or_default(),
        };
        let before = errors.len();
        if !is_code(&row.hub_code) {
            errors.push(format!(
                "line {line}, column hub_code: '{}' is not a hub code (letters, digits and -, at most 20)",
                row.hub_code
            ));
        }
        if row.hub_name.is_empty() {
            errors.push(format!("line {line}, column hub_name: is empty"));
        }
        if !is_code(&row.la_code) {
            errors.push(format!(
                "line {line}, column la_code: '{}' is not a local authority code",
                row.la_code
            ));
        }
        if let Some(first) = la_lines.get(&row.la_code) {
            errors.push(format!(
                "line {line}, column la_code: local authority {} is already given a hub on line {first}",
                row.la_code
            ));
        }
        if let Some((name, first)) = hub_names.get(&row.hub_code)
            && *name != row.hub_name
        {
            errors.push(format!(
                "line {line}, column hub_name: hub {} is called '{}' on line {first}",
                row.hub_code, name
            ));
        }
        if errors.len() == before {
            la_lines.insert(row.la_code.clone(), line);
            hub_names
                .entry(row.hub_code.clone())
                .or_insert_with(|| (row.hub_name.clone(), line));
            rows.push(row);
        }
    }
    if rows.is_empty() && errors.is_empty() {
        errors.push("the file has no rows".into());
    }
    if errors.is_empty() {
        Ok(rows)
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_hubs_with_and_without_la_names() {
        let rows = read("hub_code,hub_name,la_code,la_name\nEME,East Midlands East,891,Nottinghamshire\nEME,East Midlands East,892,\n".as_bytes())
            .expect("valid");
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].la_name, "Nottinghamshire");
        let rows =
            read("\u{feff}la_code,hub_code,hub_name\r\n202,LCW,London Central and West".as_bytes())
                .expect("valid without la_name, in any column order, with a BOM");
        assert_eq!(rows[0].hub_code, "LCW");
    }

    #[test]
    fn names_every_bad_row() {
        let errors = read(
            "hub_code,hub_name,la_code\nEME,East Midlands East,891\nEME,Other name,892\nbad code!,X,893\nJUR,Jurassic,891\nJUR,Jurassic\n"
                .as_bytes(),
        )
        .expect_err("invalid");
        assert_eq!(errors.len(), 4, "{errors:#?}");
        assert!(errors[0].starts_with("line 3, column hub_name"));
        assert!(errors[1].starts_with("line 4, column hub_code"));
        assert!(errors[2].contains("already given a hub on line 2"));
        assert!(errors[3].starts_with("line 6: has 2 fields"));
    }

    #[test]
    fn names_lines_exactly_in_files_saved_with_crlf_and_blank_lines() {
        let errors = read(
            "\u{feff}hub_code,hub_name,la_code\r\nEME,East Midlands East,891\r\n\r\nbad code!,X,893\r\n"
                .as_bytes(),
        )
        .expect_err("invalid");
        assert_eq!(errors.len(), 1, "{errors:#?}");
        assert!(
            errors[0].starts_with("line 4, column hub_code"),
            "{errors:#?}"
        );
    }

    #[test]
    fn refuses_a_file_that_is_not_a_hubs_file() {
        let errors = read("URN,EstablishmentName\n1,x\n".as_bytes()).expect_err("invalid");
        assert!(errors[0].contains("no column named hub_code, hub_name, la_code"));
        assert!(read("".as_bytes()).is_err());
        assert!(read("hub_code,hub_name,la_code\n".as_bytes()).is_err());
    }
}
