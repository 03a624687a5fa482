//! `demo`: a generated, deterministic dataset, then the server.

use std::net::SocketAddr;
use std::process::ExitCode;

use anyhow::{Context, bail};
use masteryhub_gias::generate::{GeneratorOptions, write_extract, write_links};
use masteryhub_store::Db;

use super::{ImportOutcome, import_establishments, import_links};
use crate::cli::Scale;
use crate::demo_hubs;

/// The seed of the demo data: the same demo everywhere.
const DEMO_SEED: u64 = 2026;

pub async fn run(db: &Db, addr: SocketAddr, scale: Scale) -> anyhow::Result<ExitCode> {
    if db.register_counts().await?.establishments == 0 {
        seed(db, scale).await?;
    } else {
        println!("The database already holds a register: serving it as it is.");
    }
    super::serve::run(db.clone(), addr).await
}

/// Fills an empty database with the demo dataset, through the same imports an operator uses.
pub async fn seed(db: &Db, scale: Scale) -> anyhow::Result<()> {
    let started = std::time::Instant::now();
    println!("Filling the database with demo data ({:?} scale)…", scale);
    let hubs = demo_hubs::assignments();
    db.import_hubs(&hubs, "demo hubs", super::now()).await?;

    let options = GeneratorOptions {
        rows: scale.rows(),
        seed: DEMO_SEED,
    };
    let mut extract = Vec::new();
    write_extract(&options, &mut extract).context("generate the demo register")?;
    let size = extract.len() as u64;
    let outcome = import_establishments(db, extract.as_slice(), size, "demo register").await?;
    expect_imported(outcome, "register")?;

    let mut links = Vec::new();
    write_links(&options, &mut links).context("generate the demo links")?;
    let size = links.len() as u64;
    let outcome = import_links(db, links.as_slice(), size, "demo links").await?;
    expect_imported(outcome, "links")?;

    let counts = db.register_counts().await?;
    println!(
        "Demo data ready in {:.1} s: {} establishments, {} open state-funded secondary, {} hubs.",
        started.elapsed().as_secs_f64(),
        counts.establishments,
        counts.open_state_funded_secondary,
        db.hubs().await?.len()
    );
    Ok(())
}

fn expect_imported(outcome: ImportOutcome, what: &str) -> anyhow::Result<()> {
    match outcome {
        ImportOutcome::Imported(_) => Ok(()),
        ImportOutcome::Rejected { errors, .. } => {
            let first: Vec<_> = errors.iter().take(5).cloned().collect();
            bail!(
                "the generated demo {what} was refused ({} errors), first: {}",
                errors.len(),
                first.join("; ")
            )
        }
    }
}
