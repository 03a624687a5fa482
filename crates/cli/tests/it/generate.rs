use std::process::Command;

use crate::cli::BIN;

fn generate(rows: &str, seed: &str) -> Vec<u8> {
    let output = Command::new(BIN)
        .args(["generate-gias", "--rows", rows, "--seed", seed])
        .output()
        .expect("run generate-gias");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    output.stdout
}

#[test]
fn same_seed_same_bytes_in_the_real_format() {
    let first = generate("300", "5");
    assert_eq!(first, generate("300", "5"));
    assert_ne!(first, generate("300", "6"));
    assert!(!first.ends_with(b"\n"), "no final newline");
    let lines = first.split(|b| *b == b'\n').count();
    assert_eq!(lines, 301, "a header and 300 rows");
    assert!(
        first.windows(2).filter(|w| w == b"\r\n").count() >= 300,
        "CRLF line ends"
    );
    assert!(first.starts_with(b"\"URN\",\"LA (code)\""));
}
