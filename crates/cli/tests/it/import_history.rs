//! `import-history`: a hub's record of which departments took which stage in which year.

use masteryhub_domain::pathway::{Outcome, Participation, Stage};
use masteryhub_domain::{AcademicYear, Urn};

use crate::cli::{Run, Workspace, extract, row};

fn urn(text: &str) -> Urn {
    Urn::parse(text).expect("urn")
}

fn year(text: &str) -> AcademicYear {
    AcademicYear::parse(text).expect("year")
}

/// Three open Devon secondaries and a closed one (the predecessor of 137666), in hub JUR.
fn register(w: &Workspace) {
    let closed = row("113393", "Chudleigh Knighton School", "").replace("\"Open\"", "\"Closed\"");
    let file = w.file(
        "register.csv",
        &extract(&[
            &row("137666", "Chudleigh Knighton Academy", "01-11-2011"),
            &row("100001", "Alpha Academy", ""),
            &row("100002", "Beta Academy", ""),
            &closed,
        ]),
    );
    let run = w.import(&file);
    assert!(run.success, "{}", run.stderr);
    let hubs = w.file(
        "hubs.csv",
        b"hub_code,hub_name,la_code\nJUR,Jurassic Maths Hub,878\n",
    );
    let run = w.run(&["import-hubs", hubs.to_str().expect("path")]);
    assert!(run.success, "{}", run.stderr);
}

fn import_history(w: &Workspace, name: &str, text: &str) -> Run {
    let file = w.file(name, text.as_bytes());
    w.run(&["import-history", file.to_str().expect("UTF-8 path")])
}

async fn history(w: &Workspace, school: &str) -> Vec<Participation> {
    let mut rows =
        w.db.db
            .department_history(urn(school))
            .await
            .expect("history");
    rows.sort_by_key(|p| (p.academic_year, p.stage));
    rows
}

const GOOD: &str = "\u{feff}URN,School,Academic Year,Stage,Outcome,Programme_Code,Hub\r\n\
    100001,Alpha Academy,2021/22,Development,Completed,,JUR\r\n\
    100001,Alpha Academy,2022-23,embedding,completed,ncp21-13,jur\r\n\
    100001,Alpha Academy,2023/24,sustaining,in progress,NCP21-14,\r\n\
    ,,,,,,\r\n\
    100002,\"Beta Academy, the\",2023/24,development,withdrawn,,JUR\r\n";

#[tokio::test]
async fn a_history_file_imports_and_importing_it_again_changes_nothing() {
    let w = Workspace::new().await;
    register(&w);
    // The header says "Academic Year": that is the column academic_year.
    let first = import_history(&w, "history.csv", GOOD);
    assert!(first.success, "{}", first.stderr);
    assert_eq!(
        first.stdout.trim(),
        "read 4, inserted 4, updated 0, unchanged 0, rejected 0"
    );
    let again = import_history(&w, "history.csv", GOOD);
    assert!(again.success, "{}", again.stderr);
    assert_eq!(
        again.stdout.trim(),
        "read 4, inserted 0, updated 0, unchanged 4, rejected 0"
    );
    assert_eq!(
        history(&w, "100001").await,
        vec![
            Participation::new(
                urn("100001"),
                year("2021/22"),
                Stage::Development,
                Outcome::Completed
            ),
            Participation::new(
                urn("100001"),
                year("2022/23"),
                Stage::Embedding,
                Outcome::Completed
            ),
            Participation::new(
                urn("100001"),
                year("2023/24"),
                Stage::Sustaining,
                Outcome::InProgress
            ),
        ]
    );
    let timeline = w.db.db.timeline(urn("100001")).await.expect("timeline");
    let embedding = &timeline[1];
    assert_eq!(
        (
            embedding.programme_code.as_deref(),
            embedding.hub_code.as_deref()
        ),
        (Some("NCP21-13"), Some("JUR")),
        "codes as the catalogue and the hub write them"
    );

    let signed_off = "urn,academic_year,stage,outcome\n100001,2023/24,sustaining,completed\n";
    let run = import_history(&w, "signed-off.csv", signed_off);
    assert_eq!(
        run.stdout.trim(),
        "read 1, inserted 0, updated 1, unchanged 0, rejected 0",
        "{}",
        run.stderr
    );
    assert_eq!(history(&w, "100001").await[2].outcome, Outcome::Completed);
    let trail =
        w.db.db
            .audit_history("school", "100001")
            .await
            .expect("audit");
    assert!(
        trail
            .iter()
            .any(|e| e.action == "pathway year updated by import"),
        "{trail:?}"
    );
}

#[tokio::test]
async fn a_file_with_a_bad_row_is_refused_by_line_and_imports_nothing() {
    let w = Workspace::new().await;
    register(&w);
    let first = import_history(
        &w,
        "first.csv",
        "urn,academic_year,stage,outcome\n100001,2021/22,development,completed\n",
    );
    assert!(first.success, "{}", first.stderr);
    let before = (history(&w, "100001").await, history(&w, "100002").await);

    let header = "urn,academic_year,stage,outcome,hub\n";
    // Each file has good rows (which must not be half-imported) and one bad one, on line 3.
    let good = "100002,2021/22,development,completed,JUR\n";
    let cases = [
        (
            "100001,2022/23,consolidating,completed,JUR",
            "line 3, column stage: 'consolidating' is not a stage: use preparatory, development",
        ),
        (
            "100001,2021/23,embedding,completed,JUR",
            "line 3, column academic_year: '2021/23' is not an academic year: the second year \
             must follow the first, as in 2021/22",
        ),
        (
            "100001,2022/23,embedding,passed,JUR",
            "line 3, column outcome: 'passed' is not an outcome: use in_progress, completed, \
             not_completed or withdrawn",
        ),
        (
            "999999,2022/23,embedding,completed,JUR",
            "line 3, column urn: URN 999999 is not in the school register",
        ),
        (
            "100002,2021/22,development,not completed,JUR",
            "line 3, column urn: URN 100002 has Development in 2021/22 already, on line 2",
        ),
        (
            "100001,2022/23,embedding,completed,NOPE",
            "line 3, column hub: 'NOPE' is not a Maths Hub code",
        ),
        (
            "10A001,2022/23,embedding,completed,JUR",
            "line 3, column urn: '10A001' is not a URN",
        ),
        (
            "100001,2022/23,embedding",
            "line 3: has 3 fields, but the header has 5",
        ),
    ];
    for (bad, expected) in cases {
        let text = format!("{header}{good}{bad}\n100001,2023/24,sustaining,completed,JUR\n");
        let run = import_history(&w, "bad.csv", &text);
        assert!(!run.success, "{bad}: the exit status shows the failure");
        assert!(
            run.stderr.contains(expected),
            "{bad}: '{expected}' missing from:\n{}",
            run.stderr
        );
        assert!(
            run.stderr.contains("Nothing was imported"),
            "{}",
            run.stderr
        );
        assert_eq!(
            run.stdout.trim(),
            "read 3, inserted 0, updated 0, unchanged 0, rejected 1",
            "{bad}: {}",
            run.stderr
        );
        assert_eq!(
            (history(&w, "100001").await, history(&w, "100002").await),
            before,
            "{bad}: nothing half-imported"
        );
    }

    // Every problem of a file in one run, in line order, whether the row parses or not.
    let many = format!(
        "{header}999999,2022/23,embedding,completed,JUR\n100001,2021/23,embedding,completed,JUR\n\
         100001,2022/23,embedding,completed,NOPE\n"
    );
    let run = import_history(&w, "many.csv", &many);
    assert!(!run.success);
    let lines: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.starts_with("line"))
        .collect();
    assert_eq!(lines.len(), 3, "{}", run.stderr);
    assert!(lines[0].starts_with("line 2, column urn: URN 999999"));
    assert!(lines[1].starts_with("line 3, column academic_year"));
    assert!(lines[2].starts_with("line 4, column hub"));
    assert_eq!(
        (history(&w, "100001").await, history(&w, "100002").await),
        before
    );
}

#[tokio::test]
async fn files_that_are_not_history_files_are_refused() {
    let w = Workspace::new().await;
    register(&w);
    let cases = [
        ("empty.csv", "", "the file is empty"),
        (
            "hubs.csv",
            "hub_code,hub_name,la_code\nJUR,Jurassic,878\n",
            "no column named urn, academic_year, stage, outcome",
        ),
        (
            "header-only.csv",
            "urn,academic_year,stage,outcome\n",
            "the file has a header but no rows",
        ),
    ];
    for (name, text, expected) in cases {
        let run = import_history(&w, name, text);
        assert!(!run.success, "{name} was accepted");
        assert!(
            run.stderr.contains(&format!("{name}: ")) && run.stderr.contains(expected),
            "{name}: '{expected}' missing from {}",
            run.stderr
        );
    }
    let missing = w.run(&["import-history", "/no/such/history.csv"]);
    assert!(!missing.success);
    assert!(
        missing
            .stderr
            .contains("could not open /no/such/history.csv")
    );
}

#[tokio::test]
async fn history_under_a_predecessor_urn_is_the_successors_history() {
    let w = Workspace::new().await;
    register(&w);
    let links = w.file(
        "links.csv",
        b"URN,LinkURN,LinkName,LinkType,LinkEstablishedDate\r\n\
          137666,113393,Chudleigh Knighton School,Predecessor,01-11-2011\r\n\
          113393,137666,Chudleigh Knighton Academy,Successor,01-11-2011",
    );
    let run = w.run(&["import-gias-links", links.to_str().expect("path")]);
    assert!(run.success, "{}", run.stderr);
    let run = import_history(
        &w,
        "history.csv",
        "urn,academic_year,stage,outcome,hub\n\
         113393,2010/11,development,completed,JUR\n\
         137666,2012/13,embedding,completed,JUR\n",
    );
    assert!(run.success, "{}", run.stderr);

    let history = history(&w, "137666").await;
    assert_eq!(
        history,
        vec![
            Participation::new(
                urn("113393"),
                year("2010/11"),
                Stage::Development,
                Outcome::Completed
            ),
            Participation::new(
                urn("137666"),
                year("2012/13"),
                Stage::Embedding,
                Outcome::Completed
            ),
        ],
        "the predecessor's year counts as the academy's own"
    );
    let timeline = w.db.db.timeline(urn("137666")).await.expect("timeline");
    let shown: Vec<_> = timeline
        .iter()
        .map(|r| (r.urn, r.school_name.as_str(), r.academic_year.as_str()))
        .collect();
    assert_eq!(
        shown,
        vec![
            (113393, "Chudleigh Knighton School", "2010/11"),
            (137666, "Chudleigh Knighton Academy", "2012/13"),
        ]
    );
    assert_eq!(
        w.db.db
            .department_history(urn("113393"))
            .await
            .expect("history")
            .len(),
        1,
        "the old school's history is its own only"
    );
}
