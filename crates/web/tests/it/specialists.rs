//! Accrediting a Mastery Specialist: in or after the third year of training, never before.

use masteryhub_domain::Role;

use crate::app::TestApp;
use crate::fixtures::{self, Pathway};

#[tokio::test]
async fn accreditation_is_refused_before_the_third_year_of_training() {
    let app = TestApp::new().await;
    let fx = Pathway::new(&app).await;
    let lead = app
        .session_for("lead@jur.example", Role::HubLead, Some("JUR"), None)
        .await;
    // The tests' today is in 2026/27.
    let first_year = fx.specialist_from(137666, fixtures::year(2026)).await;
    let not_started = fx.specialist(137666).await;
    let third_year = fx.specialist_from(137666, fixtures::year(2024)).await;
    let db = &app.db.db;

    let page = app.get_as("/hubs/JUR/specialists", &lead.cookie).await;
    assert!(
        page.body
            .contains(&format!("/specialists/{third_year}/accredit"))
    );
    assert!(
        !page
            .body
            .contains(&format!("/specialists/{first_year}/accredit"))
    );

    for (id, says) in [
        (first_year, "is in year 1 of training in 2026/27"),
        (not_started, "starts training in 2027/28"),
    ] {
        let refused = app
            .post_as(&lead, &format!("/specialists/{id}/accredit"), "")
            .await;
        assert_eq!(refused.status, 400, "specialist {id}");
        assert!(
            refused.body.contains("There is a problem"),
            "{}",
            refused.body
        );
        assert!(refused.body.contains(says), "{}", refused.body);
        assert!(
            refused.body.contains("in or after their third year"),
            "{}",
            refused.body
        );
        let stored = db.specialist(id).await.expect("read").expect("specialist");
        assert_eq!(stored.accredited_year, None);
    }

    let done = app
        .post_as(&lead, &format!("/specialists/{third_year}/accredit"), "")
        .await;
    assert_eq!(done.status, 303);
    let stored = db
        .specialist(third_year)
        .await
        .expect("read")
        .expect("specialist");
    assert_eq!(stored.accredited_year.as_deref(), Some("2026/27"));
    let again = app
        .post_as(&lead, &format!("/specialists/{third_year}/accredit"), "")
        .await;
    assert_eq!(again.status, 400);
    assert!(
        again.body.contains("was accredited in 2026/27"),
        "{}",
        again.body
    );
}
