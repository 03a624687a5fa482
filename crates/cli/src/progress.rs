//! A progress bar on a terminal, nothing otherwise.

use std::io::IsTerminal;

use indicatif::{ProgressBar, ProgressStyle};

/// A bar measuring bytes of `total`, hidden when standard error is not a terminal.
pub fn bytes(total: u64) -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(total);
    if let Ok(style) = ProgressStyle::with_template(
        "{spinner} [{elapsed_precise}] [{bar:40}] {bytes}/{total_bytes} {msg}",
    ) {
        bar.set_style(style.progress_chars("=> "));
    }
    bar
}
