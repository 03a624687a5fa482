//! Running the binary against a test database.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use masteryhub_store::testing::TestDb;

pub const BIN: &str = env!("CARGO_BIN_EXE_masteryhub");

/// A test database and a scratch folder for files.
pub struct Workspace {
    pub db: TestDb,
    pub folder: PathBuf,
}

impl Workspace {
    pub async fn new() -> Self {
        let db = TestDb::new().await;
        let folder = std::env::temp_dir().join(format!(
            "masteryhub-cli-test-{}-{}",
            std::process::id(),
            db.url.len() + rand_suffix()
        ));
        std::fs::create_dir_all(&folder).expect("scratch folder");
        Self { db, folder }
    }

    pub fn file(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let path = self.folder.join(name);
        std::fs::write(&path, bytes).expect("write test file");
        path
    }

    /// Runs `masteryhub --database-url URL ARGS...`.
    pub fn run(&self, args: &[&str]) -> Run {
        let output = Command::new(BIN)
            .arg("--database-url")
            .arg(&self.db.url)
            .args(args)
            .env("RUST_LOG", "warn")
            .output()
            .expect("run masteryhub");
        Run::from(output)
    }

    pub fn import(&self, path: &Path) -> Run {
        self.run(&["import-gias", path.to_str().expect("UTF-8 path")])
    }

    /// Imports one open academy secondary in Devon, URN 137666.
    pub fn import_one_school(&self) {
        let file = self.file(
            "one-school.csv",
            &extract(&[&row("137666", "Chudleigh Knighton Academy", "")]),
        );
        let run = self.import(&file);
        assert!(run.success, "{}", run.stderr);
    }

    pub async fn school_count(&self) -> i64 {
        self.db
            .db
            .register_counts()
            .await
            .expect("count")
            .establishments
    }
}

impl Drop for Workspace {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.folder);
    }
}

#[allow(clippy::disallowed_methods)]
fn rand_suffix() -> usize {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    NEXT.fetch_add(1, Ordering::Relaxed) * 1000
        + std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos() as usize % 1000)
}

/// What a run printed and how it ended.
pub struct Run {
    pub success: bool,
    pub stdout: String,
    pub stderr: String,
}

impl From<Output> for Run {
    fn from(output: Output) -> Self {
        Self {
            success: output.status.success(),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }
}

/// A small extract in the real format: Windows-1252, quoted text, CRLF, no final newline.
pub fn extract(rows: &[&str]) -> Vec<u8> {
    let header = "\"URN\",\"LA (code)\",\"LA (name)\",\"EstablishmentName\",\
        \"TypeOfEstablishment (name)\",\"EstablishmentTypeGroup (name)\",\
        \"EstablishmentStatus (name)\",\"OpenDate\",\"CloseDate\",\"PhaseOfEducation (name)\",\
        \"StatutoryLowAge\",\"StatutoryHighAge\",\"Town\",\"Postcode\",\"GOR (name)\"";
    let mut text = String::from(header);
    for row in rows {
        text.push_str("\r\n");
        text.push_str(row);
    }
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(&text);
    assert!(!unmappable, "test rows must be Windows-1252");
    bytes.into_owned()
}

/// An open academy secondary in Devon.
pub fn row(urn: &str, name: &str, open_date: &str) -> String {
    format!(
        "{urn},\"878\",\"Devon\",\"{name}\",\"Academy converter\",\"Academies\",\"Open\",\
         \"{open_date}\",\"\",\"Secondary\",11,18,\"Newton Abbot\",\"TQ13 0EU\",\"South West\""
    )
}
