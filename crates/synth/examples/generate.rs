//! Writes a synthetic GIAS extract and its links file, reads them back, and says how long each
//! took.
//!
//! `cargo run --release -p masteryhub-synth --example generate -- [ROWS] [SEED] [DIR]`
//! (defaults: 50000 rows, seed 0, the current directory).

use std::fs::File;
use std::io::BufWriter;
use std::path::PathBuf;
use std::time::Instant;

use masteryhub_gias::{EstablishmentReader, LinkReader};
use masteryhub_synth::gias::{GeneratorOptions, write_extract, write_links};

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let rows = args.next().and_then(|a| a.parse().ok()).unwrap_or(50_000);
    let seed = args.next().and_then(|a| a.parse().ok()).unwrap_or(0);
    let dir = PathBuf::from(args.next().unwrap_or_else(|| ".".into()));
    let opts = GeneratorOptions { rows, seed };

    let extract = dir.join(format!("edubasealldata-synthetic-{rows}-{seed}.csv"));
    let started = Instant::now();
    write_extract(&opts, &mut BufWriter::new(File::create(&extract)?))?;
    let took = started.elapsed();
    let size = std::fs::metadata(&extract)?.len();
    println!(
        "{}: {rows} rows, {size} bytes in {took:.2?}",
        extract.display()
    );

    let links = dir.join(format!("links-synthetic-{rows}-{seed}.csv"));
    let started = Instant::now();
    write_links(&opts, &mut BufWriter::new(File::create(&links)?))?;
    let took = started.elapsed();
    let size = std::fs::metadata(&links)?.len();
    println!("{}: {size} bytes in {took:.2?}", links.display());

    let started = Instant::now();
    let reader = EstablishmentReader::new(File::open(&extract)?).map_err(std::io::Error::other)?;
    let (mut good, mut bad) = (0, 0);
    for record in reader {
        match record {
            Ok(_) => good += 1,
            Err(_) => bad += 1,
        }
    }
    println!(
        "read back: {good} establishments, {bad} bad rows in {:.2?}",
        started.elapsed()
    );
    let started = Instant::now();
    let reader = LinkReader::new(File::open(&links)?).map_err(std::io::Error::other)?;
    let count = reader.filter(Result::is_ok).count();
    println!("read back: {count} links in {:.2?}", started.elapsed());
    Ok(())
}
