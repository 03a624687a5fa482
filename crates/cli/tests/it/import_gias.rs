use crate::cli::{Workspace, extract, row};

#[tokio::test]
async fn imports_a_file_then_the_same_file_changes_nothing() {
    let w = Workspace::new().await;
    let file = w.file(
        "good.csv",
        &extract(&[
            &row("137666", "Chudleigh Knighton Academy", "01-11-2011"),
            &row("100001", "St Thérèse of Lisieux School", ""),
        ]),
    );
    let first = w.import(&file);
    assert!(first.success, "{}", first.stderr);
    assert_eq!(
        first.stdout.trim(),
        "read 2, inserted 2, updated 0, unchanged 0, rejected 0"
    );
    let again = w.import(&file);
    assert_eq!(
        again.stdout.trim(),
        "read 2, inserted 0, updated 0, unchanged 2, rejected 0"
    );
    let school =
        w.db.db
            .school(masteryhub_domain::Urn::parse("100001").expect("urn"))
            .await
            .expect("read")
            .expect("imported");
    assert_eq!(
        school.record.name, "St Thérèse of Lisieux School",
        "decoded from Windows-1252"
    );
}

#[tokio::test]
async fn a_file_with_bad_rows_names_each_and_imports_nothing() {
    let w = Workspace::new().await;
    let good = w.file("good.csv", &extract(&[&row("100001", "Alpha Academy", "")]));
    assert!(w.import(&good).success);
    let bad = w.file(
        "bad.csv",
        &extract(&[
            &row("100002", "Beta Academy", "01-09-2012"),
            &row("10A003", "Gamma Academy", ""),
            &row("100004", "Delta Academy", "2021-09-01"),
            &row("100002", "Beta Again", ""),
            &row("100005", "", ""),
            "100006,\"878\",\"Devon\"",
        ]),
    );
    let run = w.import(&bad);
    assert!(!run.success, "exit status shows the failure");
    for expected in [
        "line 3, column URN",
        "'10A003'",
        "line 4, column OpenDate",
        "'2021-09-01'",
        "line 5, column URN: URN 100002 appears again (first on line 2)",
        "line 6, column EstablishmentName",
        "line 7",
    ] {
        assert!(
            run.stderr.contains(expected),
            "'{expected}' missing from:\n{}",
            run.stderr
        );
    }
    assert!(run.stdout.contains("rejected 5"), "{}", run.stdout);
    assert!(run.stderr.contains("Nothing was imported"));
    assert_eq!(w.school_count().await, 1, "the register is as it was");
}

#[tokio::test]
async fn files_that_are_not_extracts_are_refused() {
    let w = Workspace::new().await;
    let cases: [(&str, &[u8], &str); 4] = [
        ("empty.csv", b"", "empty"),
        (
            "other.csv",
            b"urn,name,open_date\r\n100000,The Aldgate School,",
            "EstablishmentName",
        ),
        ("header-only.csv", &extract(&[]), "no rows"),
        ("binary.csv", &[0xff, 0xfe, 0x00, 0x01, 0x02], "not a GIAS"),
    ];
    for (name, bytes, expected) in cases {
        let run = w.import(&w.file(name, bytes));
        assert!(!run.success, "{name} was accepted");
        assert!(
            run.stderr.contains(expected),
            "{name}: '{expected}' missing from {}",
            run.stderr
        );
    }
    let missing = w.run(&["import-gias", "/no/such/file.csv"]);
    assert!(!missing.success);
    assert!(missing.stderr.contains("could not open /no/such/file.csv"));
    assert_eq!(w.school_count().await, 0);
}

#[tokio::test]
async fn real_subset_with_the_2024_header_imports_when_the_shared_data_is_present() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/data/gias/gias-subset-7-rows.csv"
    );
    if !std::path::Path::new(path).exists() {
        eprintln!("no shared data at {path}: the real-data import is checked by .ci/real-data");
        return;
    }
    let w = Workspace::new().await;
    let run = w.import(std::path::Path::new(path));
    assert_eq!(
        run.stdout.trim(),
        "read 7, inserted 7, updated 0, unchanged 0, rejected 0",
        "{}",
        run.stderr
    );
    let counts = w.db.db.register_counts().await.expect("counts");
    assert_eq!(counts.establishments, 7);
    assert_eq!(
        counts.open_state_funded_secondary, 0,
        "the subset holds no open state-funded secondary"
    );
}
