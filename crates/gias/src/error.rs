//! What can be wrong with a file (before any row) or with one row.

use std::fmt;

/// One row that could not be read. The readers go on after it, so a caller can list every bad
/// row of a file.
///
/// Displayed as `line 7, column OpenDate: '2021-09-01' is not a date in the form dd-mm-yyyy`,
/// or `line 9: has 12 fields, but the header has 135` when no single column is to blame.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    /// The 1-based physical line where the row starts (the header is line 1).
    pub line: u64,
    /// The column at fault, named as in the file's header.
    pub column: Option<String>,
    /// What is wrong, quoting the bad value.
    pub message: String,
}

impl RowError {
    pub(crate) fn new(line: u64, column: Option<&str>, message: impl Into<String>) -> Self {
        Self {
            line,
            column: column.map(str::to_owned),
            message: message.into(),
        }
    }
}

impl fmt::Display for RowError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.column {
            Some(column) => write!(f, "line {}, column {}: {}", self.line, column, self.message),
            None => write!(f, "line {}: {}", self.line, self.message),
        }
    }
}

impl std::error::Error for RowError {}

/// What is wrong with a spreadsheet's row (or header) that is not UTF-8, and what to do.
pub(crate) const NOT_UTF8: &str = "is not UTF-8 text: save the spreadsheet as \"CSV UTF-8 \
     (comma delimited)\" and import that file";

/// A problem with the whole file, found before any row is read.
#[derive(Debug, thiserror::Error)]
pub enum FileError {
    /// No bytes at all, or only a byte order mark and white space.
    #[error("the file is empty")]
    Empty,
    /// The header lacks a column the reader cannot do without.
    #[error("not a GIAS establishment extract: no column named {}", .missing.join(", "))]
    NotGias {
        /// The required column names that are missing, in the order the reader needs them.
        missing: Vec<String>,
    },
    /// The header of a [`Spreadsheet`](crate::csv_file::Dialect::Spreadsheet) is not UTF-8.
    #[error("line {line}: the header {}", NOT_UTF8)]
    HeaderNotUtf8 {
        /// The line of the header.
        line: u64,
    },
    /// The file could not be read.
    #[error("cannot read the file: {0}")]
    Io(#[from] std::io::Error),
    /// The header is not valid CSV.
    #[error("the file is not valid CSV: {0}")]
    Csv(String),
}

impl From<csv::Error> for FileError {
    fn from(error: csv::Error) -> Self {
        if error.is_io_error() {
            match error.into_kind() {
                csv::ErrorKind::Io(io) => Self::Io(io),
                other => Self::Csv(format!("{other:?}")),
            }
        } else {
            Self::Csv(error.to_string())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn row_error_display() {
        let with = RowError::new(7, Some("OpenDate"), "'x' is not a date");
        assert_eq!(
            with.to_string(),
            "line 7, column OpenDate: 'x' is not a date"
        );
        let without = RowError::new(9, None, "has 2 fields, but the header has 3");
        assert_eq!(
            without.to_string(),
            "line 9: has 2 fields, but the header has 3"
        );
    }

    #[test]
    fn file_error_display() {
        assert_eq!(FileError::Empty.to_string(), "the file is empty");
        let missing = FileError::NotGias {
            missing: vec!["URN".into(), "EstablishmentName".into()],
        };
        assert_eq!(
            missing.to_string(),
            "not a GIAS establishment extract: no column named URN, EstablishmentName"
        );
    }
}
