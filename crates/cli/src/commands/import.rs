//! `import-gias` and `import-gias-links`: streaming, atomic imports of the register.

use std::fs::File;
use std::io::{BufReader, Read};
use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;
use masteryhub_gias::{
    Establishment, EstablishmentReader, Link, LinkDirection, LinkReader, Record, RowError,
};
use masteryhub_store::links_import::{self, NewLink};
use masteryhub_store::register_import::ImportSummary;
use masteryhub_store::schools::NewSchool;
use masteryhub_store::{Db, StoreError};

use crate::progress;

/// How an import ended.
#[derive(Debug)]
pub enum ImportOutcome {
    Imported(ImportSummary),
    /// Nothing was imported: the file as a whole, or these rows, are wrong.
    Rejected {
        read: u64,
        errors: Vec<String>,
    },
}

impl ImportOutcome {
    /// Prints the summary (and any errors) and gives the exit status.
    pub fn report(&self) -> ExitCode {
        match self {
            Self::Imported(s) => {
                println!(
                    "read {}, inserted {}, updated {}, unchanged {}, rejected 0",
                    s.read, s.inserted, s.updated, s.unchanged
                );
                ExitCode::SUCCESS
            }
            Self::Rejected { read, errors } => {
                for error in errors {
                    eprintln!("{error}");
                }
                println!(
                    "read {read}, inserted 0, updated 0, unchanged 0, rejected {}",
                    errors.len()
                );
                eprintln!(
                    "Nothing was imported: correct the rows above and import the file again."
                );
                ExitCode::FAILURE
            }
        }
    }
}

fn open(path: &Path) -> anyhow::Result<(BufReader<File>, u64, String)> {
    let file = File::open(path).with_context(|| format!("could not open {}", path.display()))?;
    let size = file.metadata().map(|m| m.len()).unwrap_or(0);
    let source = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    Ok((BufReader::with_capacity(1 << 16, file), size, source))
}

pub async fn gias_command(db: &Db, path: &Path) -> anyhow::Result<ExitCode> {
    let (input, size, source) = open(path)?;
    Ok(import_establishments(db, input, size, &source)
        .await?
        .report())
}

pub async fn links_command(db: &Db, path: &Path) -> anyhow::Result<ExitCode> {
    let (input, size, source) = open(path)?;
    Ok(import_links(db, input, size, &source).await?.report())
}

fn to_new_school(e: Establishment) -> NewSchool {
    NewSchool {
        urn: e.urn,
        name: e.name,
        la_code: e.la_code,
        la_name: e.la_name,
        type_of_establishment: e.type_of_establishment,
        type_group: e.type_group,
        status: e.status,
        open_date: e.open_date,
        close_date: e.close_date,
        phase: e.phase,
        statutory_low_age: e.statutory_low_age,
        statutory_high_age: e.statutory_high_age,
        town: e.town,
        postcode: e.postcode,
        region: e.region,
        state_funded: e.facts.state_funded,
        secondary: e.facts.secondary,
        open: e.facts.open,
    }
}

/// Reads every row of `reader`, handing each good one to `add` and keeping each bad one (by line),
/// with a progress bar measured in bytes of `size`. Gives the count of rows read.
async fn read_rows<T, R>(
    reader: &mut R,
    size: u64,
    position: fn(&R) -> u64,
    mut add: impl AsyncFnMut(T) -> Result<(), StoreError>,
) -> anyhow::Result<(u64, Vec<(u64, String)>)>
where
    R: Iterator<Item = Result<T, RowError>>,
{
    let bar = progress::bytes(size);
    let mut errors = Vec::new();
    let mut read = 0_u64;
    while let Some(row) = reader.next() {
        read += 1;
        match row {
            Ok(row) => add(row).await?,
            Err(error) => errors.push((error.line, error.to_string())),
        }
        if read.is_multiple_of(1024) {
            bar.set_position(position(reader));
        }
    }
    bar.finish_and_clear();
    Ok((read, errors))
}

/// Streams an establishment extract into the register: all of it, or (on any bad row) none.
pub async fn import_establishments(
    db: &Db,
    input: impl Read,
    size: u64,
    source: &str,
) -> anyhow::Result<ImportOutcome> {
    let mut reader = match EstablishmentReader::new(input) {
        Ok(reader) => reader,
        Err(error) => {
            return Ok(ImportOutcome::Rejected {
                read: 0,
                errors: vec![format!("{source}: {error}")],
            });
        }
    };
    let mut import = db.begin_school_import(source).await?;
    let (read, mut errors) = read_rows(
        &mut reader,
        size,
        EstablishmentReader::position_bytes,
        async |record: Record| {
            import
                .add(record.line, to_new_school(record.establishment))
                .await
        },
    )
    .await?;
    for duplicate in import.duplicates().await? {
        errors.push((
            duplicate.line,
            format!(
                "line {}, column URN: URN {} appears again (first on line {})",
                duplicate.line, duplicate.key, duplicate.first_line
            ),
        ));
    }
    if read == 0 {
        errors.push((0, format!("{source}: the file has a header but no rows")));
    }
    if !errors.is_empty() {
        errors.sort_by_key(|(line, _)| *line);
        return Ok(ImportOutcome::Rejected {
            read,
            errors: errors.into_iter().map(|(_, e)| e).collect(),
        });
    }
    Ok(ImportOutcome::Imported(
        import.finish(crate::commands::now()).await?,
    ))
}

fn to_new_link(link: Link) -> NewLink {
    let direction = match link.direction() {
        LinkDirection::Predecessor => links_import::LinkDirection::Predecessor,
        LinkDirection::Successor => links_import::LinkDirection::Successor,
        LinkDirection::Other => links_import::LinkDirection::Other,
    };
    NewLink {
        urn: i64::from(link.urn),
        link_urn: i64::from(link.link_urn),
        link_name: link.link_name,
        link_type: link.link_type,
        direction,
        established: link.established,
    }
}

/// Streams a links extract into the register: all of it, or (on any bad row) none.
pub async fn import_links(
    db: &Db,
    input: impl Read,
    size: u64,
    source: &str,
) -> anyhow::Result<ImportOutcome> {
    let mut reader = match LinkReader::new(input) {
        Ok(reader) => reader,
        Err(error) => {
            return Ok(ImportOutcome::Rejected {
                read: 0,
                errors: vec![format!("{source}: {error}")],
            });
        }
    };
    let mut import = db.begin_link_import(source).await?;
    let (read, errors) = read_rows(
        &mut reader,
        size,
        LinkReader::position_bytes,
        async |link: Link| import.add(to_new_link(link)).await,
    )
    .await?;
    if !errors.is_empty() {
        let errors = errors.into_iter().map(|(_, e)| e).collect();
        return Ok(ImportOutcome::Rejected { read, errors });
    }
    Ok(ImportOutcome::Imported(
        import.finish(crate::commands::now()).await?,
    ))
}
