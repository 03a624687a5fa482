use masteryhub_store::schools::SchoolQuery;
use masteryhub_store::testing::TestDb;

use crate::support::{NOW, assignment, import, operator, school, urn};

#[tokio::test]
async fn schools_belong_to_the_hub_serving_their_local_authority() {
    let t = TestDb::new().await;
    let mut devon = school(100002, "Devon Academy");
    devon.la_code = "878".into();
    devon.la_name = "Devon".into();
    import(&t.db, &[school(100001, "Camden Academy"), devon]).await;
    let summary =
        t.db.import_hubs(
            &[
                assignment("LCW", "London Central and West", "202", "Camden"),
                assignment("LCW", "London Central and West", "213", "Westminster"),
                assignment("JUR", "Jurassic", "878", "Devon"),
            ],
            "hubs.csv",
            NOW,
        )
        .await
        .expect("import hubs");
    assert_eq!((summary.hubs, summary.local_authorities), (2, 3));

    let camden =
        t.db.school(urn(100001))
            .await
            .expect("read")
            .expect("exists");
    assert_eq!(camden.hub.map(|h| h.code), Some("LCW".to_owned()));
    assert!(!camden.hub_overridden);

    let hubs = t.db.hubs().await.expect("hubs");
    let figures: Vec<_> = hubs
        .iter()
        .map(|h| {
            (
                h.code.as_str(),
                h.local_authority_count,
                h.open_state_funded_secondary,
            )
        })
        .collect();
    assert_eq!(figures, vec![("JUR", 1, 1), ("LCW", 2, 1)]);

    let lcw = t.db.hub("LCW").await.expect("hub").expect("exists");
    let las: Vec<_> = lcw
        .local_authorities
        .iter()
        .map(|la| (la.code.as_str(), la.open_state_funded_secondary))
        .collect();
    assert_eq!(las, vec![("202", 1), ("213", 0)]);
    assert!(t.db.hub("NOPE").await.expect("hub").is_none());
}

#[tokio::test]
async fn a_hub_leads_move_survives_reimports_until_cleared() {
    let t = TestDb::new().await;
    camden_school_and_two_hubs(&t.db).await;
    t.db.move_school_to_hub(
        urn(100001),
        "JUR",
        "closer to Jurassic's specialists",
        &operator(),
        NOW,
    )
    .await
    .expect("move");
    import(&t.db, &[school(100001, "Camden Academy renamed")]).await;
    let moved =
        t.db.school(urn(100001))
            .await
            .expect("read")
            .expect("exists");
    assert_eq!(moved.hub.map(|h| h.code), Some("JUR".to_owned()));
    assert!(moved.hub_overridden);
    let in_jurassic = SchoolQuery {
        hub_code: Some("JUR".into()),
        ..SchoolQuery::default()
    };
    assert_eq!(
        t.db.search_schools(&in_jurassic, 1, 10)
            .await
            .expect("search")
            .total,
        1
    );
    let in_lcw = SchoolQuery {
        hub_code: Some("LCW".into()),
        ..SchoolQuery::default()
    };
    assert_eq!(
        t.db.search_schools(&in_lcw, 1, 10)
            .await
            .expect("search")
            .total,
        0
    );

    assert!(
        t.db.clear_school_hub_move(urn(100001), &operator(), NOW)
            .await
            .expect("clear")
    );
    let back =
        t.db.school(urn(100001))
            .await
            .expect("read")
            .expect("exists");
    assert_eq!(back.hub.map(|h| h.code), Some("LCW".to_owned()));
}

#[tokio::test]
async fn moving_to_an_unknown_hub_or_school_is_refused() {
    let t = TestDb::new().await;
    import(&t.db, &[school(100001, "Camden Academy")]).await;
    let unknown_hub =
        t.db.move_school_to_hub(urn(100001), "NOPE", "x", &operator(), NOW)
            .await;
    assert!(
        unknown_hub
            .expect_err("refused")
            .to_string()
            .contains("NOPE")
    );
    t.db.import_hubs(
        &[assignment("JUR", "Jurassic", "878", "Devon")],
        "h.csv",
        NOW,
    )
    .await
    .expect("import hubs");
    let unknown_school =
        t.db.move_school_to_hub(urn(999999), "JUR", "x", &operator(), NOW)
            .await;
    assert!(
        unknown_school
            .expect_err("refused")
            .to_string()
            .contains("999999")
    );
}

#[tokio::test]
async fn moves_are_in_the_audit_trail_with_who_and_what_and_refusals_are_not() {
    let t = TestDb::new().await;
    camden_school_and_two_hubs(&t.db).await;
    let _ =
        t.db.move_school_to_hub(urn(100001), "NOPE", "x", &operator(), NOW)
            .await;
    assert!(
        t.db.audit_history("school", "100001")
            .await
            .expect("history")
            .is_empty()
    );

    t.db.move_school_to_hub(urn(100001), "JUR", "shared specialists", &operator(), NOW)
        .await
        .expect("move");
    t.db.clear_school_hub_move(urn(100001), &operator(), NOW + time::Duration::hours(1))
        .await
        .expect("clear");
    let history =
        t.db.audit_history("school", "100001")
            .await
            .expect("history");
    let actions: Vec<_> = history.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(
        actions,
        vec![
            "moved to another hub",
            "returned to the hub of its local authority"
        ]
    );
    assert_eq!(history[0].actor_label, "command line (tests)");
    let before: serde_json::Value =
        serde_json::from_str(history[0].before_json.as_deref().expect("before")).expect("json");
    let after: serde_json::Value =
        serde_json::from_str(history[0].after_json.as_deref().expect("after")).expect("json");
    assert_eq!(before["hub"], "LCW");
    assert_eq!(after["hub"], "JUR");
    assert_eq!(after["reason"], "shared specialists");
}

/// A Camden academy (URN 100001), served by LCW; Devon served by JUR.
async fn camden_school_and_two_hubs(db: &masteryhub_store::Db) {
    import(db, &[school(100001, "Camden Academy")]).await;
    db.import_hubs(
        &[
            assignment("LCW", "London Central and West", "202", "Camden"),
            assignment("JUR", "Jurassic", "878", "Devon"),
        ],
        "hubs.csv",
        NOW,
    )
    .await
    .expect("import hubs");
}
