use std::fs::File;
use std::io::BufReader;
use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;
use masteryhub_domain::Urn;
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

/// `move-school URN --hub CODE --reason TEXT` or `move-school URN --clear`
pub async fn move_school(
    db: &Db,
    urn: &str,
    target: Option<(String, String)>,
    clear: bool,
) -> anyhow::Result<ExitCode> {
    let urn = Urn::parse(urn).map_err(|e| anyhow::anyhow!("'{urn}' is not a URN: {e}"))?;
    if clear {
        if db
            .clear_school_hub_move(urn, &super::operator(), super::now())
            .await?
        {
            println!("School {urn} is back with the hub serving its local authority.");
        } else {
            println!("School {urn} had not been moved.");
        }
        return Ok(ExitCode::SUCCESS);
    }
    let Some((hub, reason)) = target else {
        anyhow::bail!("give --hub and --reason, or --clear");
    };
    let reason = masteryhub_domain::one_line_text(&reason, "the reason (--reason)")?;
    if reason.is_empty() {
        anyhow::bail!("--reason must say why the school moves");
    }
    db.move_school_to_hub(urn, &hub, &reason, &super::operator(), super::now())
        .await?;
    println!("School {urn} now belongs to hub {hub}.");
    Ok(ExitCode::SUCCESS)
}
