//! `import-history`: a hub's record of which departments took which stage in which year.

use std::fs::File;
use std::io::BufReader;
use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;
use masteryhub_gias::RowError;
use masteryhub_store::Db;
use masteryhub_store::pathway::history::{HistoryImportError, HistoryRowError, HistorySummary};
use masteryhub_store::register_import::ImportSummary;

use super::ImportOutcome;
use crate::history_csv::{self, HistoryFile};

/// `import-history FILE`: all of the file, or (on any bad row) none of it, every bad row named
/// with its line and column, as `import-gias` does.
pub async fn command(db: &Db, path: &Path) -> anyhow::Result<ExitCode> {
    let file = File::open(path).with_context(|| format!("could not open {}", path.display()))?;
    let source = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    Ok(import(db, BufReader::new(file), &source).await?.report())
}

/// Reads and imports a history file.
pub async fn import(
    db: &Db,
    input: impl std::io::Read,
    source: &str,
) -> anyhow::Result<ImportOutcome> {
    let file = match history_csv::read(input) {
        Ok(file) => file,
        Err(error) => {
            return Ok(ImportOutcome::Rejected {
                read: 0,
                errors: vec![format!("{source}: {error}")],
            });
        }
    };
    let mut errors = file.errors.clone();
    if errors.is_empty() {
        let at = super::now();
        match db
            .import_history(&file.records, source, &super::operator(), at)
            .await
        {
            Ok(summary) => return Ok(ImportOutcome::Imported(imported(summary))),
            Err(HistoryImportError::Rows(rows)) => errors.extend(row_errors(&file, rows)),
            Err(HistoryImportError::Store(error)) => return Err(error.into()),
        }
    } else {
        // Check the rows that did parse too, so that one run lists every problem.
        let rows = db.check_history(&file.records).await?;
        errors.extend(row_errors(&file, rows));
    }
    errors.sort_by_key(|e| e.line);
    Ok(ImportOutcome::Rejected {
        read: file.read,
        errors: errors.iter().map(ToString::to_string).collect(),
    })
}

fn row_errors(file: &HistoryFile, rows: Vec<HistoryRowError>) -> Vec<RowError> {
    rows.into_iter()
        .map(|e| RowError {
            line: e.line,
            column: Some(file.column(e.column)),
            message: e.message,
        })
        .collect()
}

fn imported(s: HistorySummary) -> ImportSummary {
    let count = |n: usize| n as u64;
    ImportSummary {
        read: count(s.read),
        inserted: count(s.inserted),
        updated: count(s.updated),
        unchanged: count(s.unchanged),
    }
}
