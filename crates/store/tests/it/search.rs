use masteryhub_store::schools::SchoolQuery;
use masteryhub_store::testing::TestDb;

use crate::support::{import, school};

fn text(q: &str) -> SchoolQuery {
    SchoolQuery {
        text: Some(q.into()),
        ..SchoolQuery::default()
    }
}

async fn names(t: &TestDb, query: &SchoolQuery) -> Vec<String> {
    let page = t.db.search_schools(query, 1, 50).await.expect("search");
    page.items.into_iter().map(|s| s.name).collect()
}

#[tokio::test]
async fn finds_by_name_urn_town_and_postcode_in_any_case() {
    let t = TestDb::new().await;
    let mut leeds = school(100003, "Notre Dame Catholic Sixth Form");
    leeds.town = "Leeds".into();
    leeds.postcode = "LS2 9BL".into();
    let mut accented = school(100004, "St Thérèse of Lisieux School");
    accented.town = "Hull".into();
    import(
        &t.db,
        &[
            school(100001, "Alpha Academy"),
            school(100002, "Beta School"),
            leeds,
            accented,
        ],
    )
    .await;

    assert_eq!(names(&t, &text("ALPHA")).await, vec!["Alpha Academy"]);
    assert_eq!(names(&t, &text("100002")).await, vec!["Beta School"]);
    assert_eq!(
        names(&t, &text("leeds")).await,
        vec!["Notre Dame Catholic Sixth Form"]
    );
    assert_eq!(
        names(&t, &text("ls29bl")).await,
        vec!["Notre Dame Catholic Sixth Form"]
    );
    assert_eq!(
        names(&t, &text("ls2 9bl")).await,
        vec!["Notre Dame Catholic Sixth Form"]
    );
    assert_eq!(
        names(&t, &text("THÉRÈSE")).await,
        vec!["St Thérèse of Lisieux School"]
    );
    assert!(names(&t, &text("nowhere")).await.is_empty());
}

#[tokio::test]
async fn like_wildcards_in_the_search_are_literal() {
    let t = TestDb::new().await;
    import(
        &t.db,
        &[
            school(100001, "Alpha Academy"),
            school(100002, "100% School"),
        ],
    )
    .await;
    assert_eq!(names(&t, &text("%")).await, vec!["100% School"]);
    assert!(names(&t, &text("_lpha")).await.is_empty());
}

#[tokio::test]
async fn filters_narrow_the_result() {
    let t = TestDb::new().await;
    let mut primary = school(100002, "Beta Primary");
    primary.phase = "Primary".into();
    primary.secondary = false;
    let mut closed = school(100003, "Gamma School");
    closed.open = false;
    let mut independent = school(100004, "Delta College");
    independent.state_funded = false;
    let mut elsewhere = school(100005, "Epsilon Academy");
    elsewhere.la_code = "878".into();
    import(
        &t.db,
        &[
            school(100001, "Alpha Academy"),
            primary,
            closed,
            independent,
            elsewhere,
        ],
    )
    .await;

    let target = SchoolQuery {
        state_funded: Some(true),
        secondary: Some(true),
        open: Some(true),
        ..SchoolQuery::default()
    };
    assert_eq!(
        names(&t, &target).await,
        vec!["Alpha Academy", "Epsilon Academy"]
    );
    let camden = SchoolQuery {
        la_code: Some("202".into()),
        ..target.clone()
    };
    assert_eq!(names(&t, &camden).await, vec!["Alpha Academy"]);
    let closed = SchoolQuery {
        open: Some(false),
        ..SchoolQuery::default()
    };
    assert_eq!(names(&t, &closed).await, vec!["Gamma School"]);
}

#[tokio::test]
async fn pages_through_results_in_name_order() {
    let t = TestDb::new().await;
    let file: Vec<_> = (0..23)
        .map(|n| school(100000 + n, &format!("School {n:02}")))
        .collect();
    import(&t.db, &file).await;
    let page =
        t.db.search_schools(&SchoolQuery::default(), 3, 10)
            .await
            .expect("search");
    assert_eq!(page.total, 23);
    assert_eq!(page.page, 3);
    assert_eq!(page.page_count(), 3);
    let names: Vec<_> = page.items.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, vec!["School 20", "School 21", "School 22"]);
    let beyond =
        t.db.search_schools(&SchoolQuery::default(), 9, 10)
            .await
            .expect("search");
    assert!(beyond.items.is_empty());
    assert_eq!(beyond.total, 23);
}

#[tokio::test]
async fn every_word_must_match_in_any_order_including_short_ones() {
    let t = TestDb::new().await;
    let mut leeds = school(100003, "St Mary's Catholic School");
    leeds.town = "Leeds".into();
    import(
        &t.db,
        &[
            school(100001, "St Anne's School"),
            school(100002, "Mary Webb School"),
            leeds,
        ],
    )
    .await;
    assert_eq!(
        names(&t, &text("st mary")).await,
        vec!["St Mary's Catholic School"]
    );
    // A short word binds to its neighbour: "mary st" is the text "mary st", which no name holds.
    assert!(names(&t, &text("mary st")).await.is_empty());
    assert_eq!(
        names(&t, &text("catholic st mary")).await,
        vec!["St Mary's Catholic School"]
    );
    assert_eq!(
        names(&t, &text("school leeds")).await,
        vec!["St Mary's Catholic School"]
    );
    assert_eq!(names(&t, &text("st")).await.len(), 2);
    assert_eq!(
        names(&t, &text("mary's")).await,
        vec!["St Mary's Catholic School"]
    );
    // Query-language characters are plain text.
    assert!(names(&t, &text("\"mary* OR anne")).await.is_empty());
    assert!(names(&t, &text("NEAR(mary anne)")).await.is_empty());
}

#[tokio::test]
async fn broad_searches_page_in_name_order_like_narrow_ones() {
    let t = TestDb::new().await;
    let file: Vec<_> = (0..1500)
        .map(|n| school(200000 + n, &format!("Wood School {:04}", 1499 - n)))
        .collect();
    import(&t.db, &file).await;
    let query = text("wood");
    let page = t.db.search_schools(&query, 2, 50).await.expect("search");
    assert_eq!(page.total, 1500);
    let names: Vec<_> = page.items.iter().map(|s| s.name.clone()).collect();
    let expected: Vec<_> = (50..100).map(|n| format!("Wood School {n:04}")).collect();
    assert_eq!(names, expected);
    let last = t.db.search_schools(&query, 30, 50).await.expect("search");
    assert_eq!(last.items.len(), 50);
    assert_eq!(last.items[49].name, "Wood School 1499");
    // Narrow: "0042" is in one name and in the URNs 200042 and 200420 to 200429.
    let narrow = t.db.search_schools(&text("school 0042"), 1, 50).await;
    let narrow = narrow.expect("search");
    assert_eq!(narrow.total, 12);
    assert!(narrow.items.iter().any(|s| s.name == "Wood School 0042"));
}
