use masteryhub_store::register_import::ImportSummary;
use masteryhub_store::schools::SchoolQuery;
use masteryhub_store::testing::TestDb;

use crate::support::{NOW, import, school, urn};

#[tokio::test]
async fn first_import_inserts_and_the_same_file_again_changes_nothing() {
    let t = TestDb::new().await;
    let file = vec![
        school(100001, "Alpha Academy"),
        school(100002, "Beta School"),
    ];
    let first = import(&t.db, &file).await;
    assert_eq!(
        first,
        ImportSummary {
            read: 2,
            inserted: 2,
            updated: 0,
            unchanged: 0
        }
    );
    let before = t.db.school(urn(100001)).await.expect("read");
    let second = import(&t.db, &file).await;
    assert_eq!(
        second,
        ImportSummary {
            read: 2,
            inserted: 0,
            updated: 0,
            unchanged: 2
        }
    );
    assert_eq!(t.db.school(urn(100001)).await.expect("read"), before);
}

#[tokio::test]
async fn reimport_updates_in_place_and_keeps_schools_missing_from_the_newer_file() {
    let t = TestDb::new().await;
    import(
        &t.db,
        &[
            school(100001, "Alpha Academy"),
            school(100002, "Beta School"),
        ],
    )
    .await;
    let mut renamed = school(100001, "Alpha Academy Trust School");
    renamed.status = "Closed".into();
    renamed.open = false;
    let summary = import(&t.db, &[renamed]).await;
    assert_eq!(
        summary,
        ImportSummary {
            read: 1,
            inserted: 0,
            updated: 1,
            unchanged: 0
        }
    );
    let alpha = t.db.school(urn(100001)).await.expect("read").expect("kept");
    assert_eq!(alpha.record.name, "Alpha Academy Trust School");
    assert!(!alpha.record.open);
    assert!(
        t.db.school(urn(100002)).await.expect("read").is_some(),
        "missing school kept"
    );
}

#[tokio::test]
async fn duplicate_urns_are_named_by_line() {
    let t = TestDb::new().await;
    let mut import = t.db.begin_school_import("dupes.csv").await.expect("begin");
    for (line, n) in [(2, 100001), (3, 100002), (4, 100001), (5, 100001)] {
        import
            .add(line, school(n, "Some School"))
            .await
            .expect("add");
    }
    let duplicates = import.duplicates().await.expect("duplicates");
    let lines: Vec<(u64, String, u64)> = duplicates
        .into_iter()
        .map(|d| (d.line, d.key, d.first_line))
        .collect();
    assert_eq!(
        lines,
        vec![(4, "100001".to_owned(), 2), (5, "100001".to_owned(), 2)]
    );
}

#[tokio::test]
async fn an_import_that_is_not_finished_leaves_the_register_as_it_was() {
    let t = TestDb::new().await;
    import(&t.db, &[school(100001, "Alpha Academy")]).await;
    {
        let mut abandoned = t.db.begin_school_import("half.csv").await.expect("begin");
        for n in 0..1200 {
            abandoned
                .add(n + 2, school(200000 + n as u32, "Half School"))
                .await
                .expect("add");
        }
        abandoned
            .add(1300, school(100001, "Renamed"))
            .await
            .expect("add");
        // dropped here without finish: rolled back
    }
    let page =
        t.db.search_schools(&SchoolQuery::default(), 1, 50)
            .await
            .expect("search");
    assert_eq!(page.total, 1);
    assert_eq!(page.items[0].name, "Alpha Academy");
    // and the database is usable for the next import
    let summary = import(&t.db, &[school(100002, "Beta School")]).await;
    assert_eq!(summary.inserted, 1);
}

#[tokio::test]
async fn large_imports_cross_batch_boundaries() {
    let t = TestDb::new().await;
    let file: Vec<_> = (0..1234)
        .map(|n| school(300000 + n, &format!("School {n}")))
        .collect();
    let summary = import(&t.db, &file).await;
    assert_eq!(summary.inserted, 1234);
    let page =
        t.db.search_schools(&SchoolQuery::default(), 1, 10)
            .await
            .expect("search");
    assert_eq!(page.total, 1234);
    let _ = NOW;
}

#[tokio::test]
async fn awkward_text_round_trips_exactly() {
    let t = TestDb::new().await;
    let awkward = "St Thérèse\t\\N \\\\ \"Quoted\", 'single'\r\nsecond line <b>&amp;";
    let mut s = school(100001, awkward);
    s.town = String::new();
    s.postcode = "\\N".into();
    s.statutory_low_age = None;
    s.open_date = None;
    import(&t.db, &[s]).await;
    let stored =
        t.db.school(urn(100001))
            .await
            .expect("read")
            .expect("stored");
    assert_eq!(stored.record.name, awkward);
    assert_eq!(stored.record.town, "");
    assert_eq!(stored.record.postcode, "\\N");
    assert_eq!(stored.record.statutory_low_age, None);
    assert_eq!(stored.record.open_date, None);
    let again = import(&t.db, &[school(100001, awkward)]).await;
    assert_eq!(again.updated, 1, "town, postcode, age and date differ");
}
