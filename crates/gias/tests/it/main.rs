//! Integration tests of `masteryhub-gias`: real register files, bad input, fuzzing.
#![allow(clippy::unwrap_used)]

mod bad_input;
mod fuzz;
mod real_data;

use std::path::PathBuf;

/// A file of the shared real data, or `None` (with a notice) when that folder is missing.
pub fn shared(file: &str) -> Option<PathBuf> {
    let path = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/data/gias"
    ))
    .join(file);
    if path.exists() {
        Some(path)
    } else {
        eprintln!("notice: {} is missing; skipping", path.display());
        None
    }
}
