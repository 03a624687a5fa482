use crate::cli::{Workspace, extract, row};

#[tokio::test]
async fn hubs_file_assigns_schools_and_a_bad_one_changes_nothing() {
    let w = Workspace::new().await;
    w.import_one_school();
    let good = w.file(
        "hubs.csv",
        b"hub_code,hub_name,la_code,la_name\nJUR,Jurassic Maths Hub,878,Devon\nJUR,Jurassic Maths Hub,879,Plymouth\n",
    );
    let run = w.run(&["import-hubs", good.to_str().expect("path")]);
    assert!(run.success, "{}", run.stderr);
    assert!(
        run.stdout.contains("1 hubs serving 2 local authorities"),
        "{}",
        run.stdout
    );
    let hubs = w.db.db.hubs().await.expect("hubs");
    assert_eq!(hubs.len(), 1);
    assert_eq!(hubs[0].open_state_funded_secondary, 1);

    let bad = w.file(
        "bad-hubs.csv",
        b"hub_code,hub_name,la_code\nSOL,Solent Maths Hub,850\nbad code,X,851\nSOL,Solent Maths Hub,850\n",
    );
    let run = w.run(&["import-hubs", bad.to_str().expect("path")]);
    assert!(!run.success);
    assert!(
        run.stderr.contains("line 3, column hub_code"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("line 4, column la_code"),
        "{}",
        run.stderr
    );
    assert_eq!(
        w.db.db.hubs().await.expect("hubs").len(),
        1,
        "nothing of the bad file was kept"
    );
}

#[tokio::test]
async fn a_school_moved_to_another_hub_stays_there_across_imports() {
    let w = Workspace::new().await;
    let extract_file = w.file(
        "e.csv",
        &extract(&[&row("137666", "Chudleigh Knighton Academy", "")]),
    );
    assert!(w.import(&extract_file).success);
    let hubs = w.file(
        "hubs.csv",
        b"hub_code,hub_name,la_code\nJUR,Jurassic Maths Hub,878\nSOL,Solent Maths Hub,850\n",
    );
    assert!(
        w.run(&["import-hubs", hubs.to_str().expect("path")])
            .success
    );
    let moved = w.run(&[
        "move-school",
        "137666",
        "--hub",
        "SOL",
        "--reason",
        "works with Solent",
    ]);
    assert!(moved.success, "{}", moved.stderr);
    let unknown = w.run(&["move-school", "137666", "--hub", "NOPE", "--reason", "x"]);
    assert!(!unknown.success);
    assert!(
        unknown.stderr.contains("no hub with code 'NOPE'"),
        "{}",
        unknown.stderr
    );
    assert!(
        !w.run(&["move-school", "137666", "--hub", "SOL"]).success,
        "a reason is required"
    );
    assert!(w.import(&extract_file).success);
    let urn = masteryhub_domain::Urn::parse("137666").expect("urn");
    let school = w.db.db.school(urn).await.expect("read").expect("exists");
    assert_eq!(school.hub.map(|h| h.code).as_deref(), Some("SOL"));
    assert!(w.run(&["move-school", "137666", "--clear"]).success);
    let school = w.db.db.school(urn).await.expect("read").expect("exists");
    assert_eq!(school.hub.map(|h| h.code).as_deref(), Some("JUR"));
}
