use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use masteryhub_synth::gias::{GeneratorOptions, write_extract, write_links};

/// `generate-gias --rows N [--seed S] [--links FILE]`
pub fn command(rows: usize, seed: u64, links: Option<PathBuf>) -> anyhow::Result<ExitCode> {
    let options = GeneratorOptions { rows, seed };
    let stdout = std::io::stdout();
    let mut out = BufWriter::with_capacity(1 << 16, stdout.lock());
    write_extract(&options, &mut out).context("could not write the extract")?;
    out.flush()?;
    if let Some(path) = links {
        let file =
            File::create(&path).with_context(|| format!("could not create {}", path.display()))?;
        let mut file = BufWriter::new(file);
        write_links(&options, &mut file).context("could not write the links extract")?;
        file.flush()?;
    }
    Ok(ExitCode::SUCCESS)
}
