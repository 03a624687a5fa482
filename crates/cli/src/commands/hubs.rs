use std::fs::File;
use std::io::BufReader;
use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;
use masteryhub_store::Db;

use crate::hubs_csv;

/// `import-hubs FILE`
pub async fn command(db: &Db, path: &Path) -> anyhow::Result<ExitCode> {
    let file = File::open(path).with_context(|| format!("could not open {}", path.display()))?;
    let rows = match hubs_csv::read(BufReader::new(file)) {
        Ok(rows) => rows,
        Err(errors) => {
            for error in &errors {
                eprintln!("{error}");
            }
            eprintln!("Nothing was imported: correct the rows above and import the file again.");
            return Ok(ExitCode::FAILURE);
        }
    };
    let source = path.display().to_string();
    let summary = db.import_hubs(&rows, &source, super::now()).await?;
    println!(
        "{} hubs serving {} local authorities imported",
        summary.hubs, summary.local_authorities
    );
    Ok(ExitCode::SUCCESS)
}
