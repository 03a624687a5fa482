//! An import killed part-way leaves the register exactly as it was.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::cli::{BIN, Workspace, extract, row};

#[tokio::test]
async fn a_killed_import_leaves_the_register_as_it_was() {
    let w = Workspace::new().await;
    assert!(
        w.import(&w.file("one.csv", &extract(&[&row("100001", "Alpha Academy", "")])))
            .success
    );
    let before =
        w.db.db
            .school(masteryhub_domain::Urn::parse("100001").expect("urn"))
            .await
            .expect("read");

    let big = w.folder.join("big.csv");
    let generated = Command::new(BIN)
        .args(["generate-gias", "--rows", "120000", "--seed", "3"])
        .output()
        .expect("generate");
    std::fs::write(&big, generated.stdout).expect("write");

    let mut import = Command::new(BIN)
        .args([
            "--database-url",
            &w.db.url,
            "import-gias",
            big.to_str().expect("path"),
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start the import");
    // Let it get well into the file, then kill it without warning.
    let started = Instant::now();
    std::thread::sleep(Duration::from_millis(700));
    let finished_early = import.try_wait().expect("poll").is_some();
    import.kill().expect("kill");
    let status = import.wait().expect("wait");
    assert!(
        !finished_early && !status.success(),
        "the import ended on its own within {:?}: make the file bigger",
        started.elapsed()
    );

    assert_eq!(
        w.school_count().await,
        1,
        "no school of the killed import is visible"
    );
    let after =
        w.db.db
            .school(masteryhub_domain::Urn::parse("100001").expect("urn"))
            .await
            .expect("read");
    assert_eq!(after, before);
    // The database is sound: the next import runs normally.
    let again = w.import(&w.file("two.csv", &extract(&[&row("100002", "Beta Academy", "")])));
    assert!(again.success, "{}", again.stderr);
    assert_eq!(w.school_count().await, 2);
}
