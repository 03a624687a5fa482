//! The same form sent many times at once through the router (one task per request, on a
//! multi-threaded runtime): exactly one request changes anything (303); every other is told it
//! was changed already (409, never a 500), and the change is written once.

use std::collections::BTreeMap;

use axum::http::StatusCode;
use masteryhub_domain::Role;
use masteryhub_domain::pathway::specialists::CRITERIA;

use crate::app::{TestApp, TestResponse};
use crate::fixtures::Pathway;

/// How many copies of a request are sent at once.
const REQUESTS: usize = 10;

/// How many responses had each status.
fn statuses(responses: &[TestResponse]) -> BTreeMap<u16, usize> {
    let mut counts = BTreeMap::new();
    for response in responses {
        *counts.entry(response.status.as_u16()).or_default() += 1;
    }
    counts
}

/// Asserts one 303 and `REQUESTS - 1` 409s, each of which says `sentence`.
fn one_change_and_conflicts(responses: &[TestResponse], sentence: &str) {
    assert_eq!(
        statuses(responses),
        BTreeMap::from([(303, 1), (409, REQUESTS - 1)]),
        "one change, the rest refused"
    );
    for refused in responses
        .iter()
        .filter(|r| r.status == StatusCode::CONFLICT)
    {
        assert!(refused.body.contains(sentence), "{}", refused.body);
        assert!(
            refused.body.contains("There is a problem"),
            "{}",
            refused.body
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn ten_parallel_accepts_of_a_nomination_make_one_specialist() {
    let app = TestApp::new().await;
    let fx = Pathway::new(&app).await;
    let id = fx.nomination(137666).await;
    let lead = app
        .session_for("lead@jurassic.example", Role::HubLead, Some("JUR"), None)
        .await;
    let scores: String = CRITERIA
        .iter()
        .map(|c| format!("score_{}=3&", c.code))
        .collect();
    let responses = app
        .post_concurrently(
            &lead,
            &format!("/specialist-applications/{id}/decision"),
            &format!("{scores}decision=accepted"),
            REQUESTS,
        )
        .await;
    one_change_and_conflicts(&responses, "This nomination has been decided already");
    let db = &app.db.db;
    assert_eq!(
        db.hub_specialists("JUR").await.expect("specialists").len(),
        1
    );
    let emails = db.recent_emails(100).await.expect("outbox");
    assert_eq!(
        emails
            .iter()
            .filter(|e| e.subject.contains("nomination has been accepted"))
            .count(),
        1
    );
    let trail: Vec<_> = db
        .audit_history("specialist_application", &id.to_string())
        .await
        .expect("audit")
        .into_iter()
        .map(|e| e.action)
        .collect();
    assert_eq!(trail, ["submitted", "accepted"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn ten_parallel_acceptances_of_an_application_give_it_one_place() {
    let app = TestApp::new().await;
    let fx = Pathway::new(&app).await;
    let id = fx.submitted(137666, fx.year).await;
    let lead = app
        .session_for("lead@jurassic.example", Role::HubLead, Some("JUR"), None)
        .await;
    let responses = app
        .post_concurrently(
            &lead,
            &format!("/applications/{id}/decision"),
            &format!("decision=accepted&work_group={}", fx.jur_group),
            REQUESTS,
        )
        .await;
    one_change_and_conflicts(&responses, "This application is accepted already");
    let db = &app.db.db;
    assert_eq!(
        db.work_group_members(fx.jur_group)
            .await
            .expect("members")
            .len(),
        1
    );
    let actions: Vec<_> = db
        .audit_history("application", &id.to_string())
        .await
        .expect("audit")
        .into_iter()
        .map(|e| e.action)
        .collect();
    assert_eq!(actions.iter().filter(|a| *a == "accepted").count(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn ten_parallel_submissions_of_a_draft_submit_it_once() {
    let app = TestApp::new().await;
    let fx = Pathway::new(&app).await;
    let id = fx.complete_draft(137666, fx.year).await;
    // The hub lead, whom a submission emails.
    app.session_for("lead@jurassic.example", Role::HubLead, Some("JUR"), None)
        .await;
    let head = app
        .session_for(
            "hom@chudleigh.example",
            Role::HeadOfMaths,
            None,
            Some(137666),
        )
        .await;
    let responses = app
        .post_concurrently(&head, &format!("/applications/{id}/submit"), "", REQUESTS)
        .await;
    one_change_and_conflicts(&responses, "This application is submitted already");
    let emails = app.db.db.recent_emails(100).await.expect("outbox");
    assert_eq!(
        emails
            .iter()
            .filter(|e| e.subject.starts_with("New application"))
            .count(),
        1,
        "{emails:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn ten_parallel_copies_of_a_catalogue_copy_it_once() {
    let app = TestApp::new().await;
    let admin = app.admin.clone();
    let responses = app
        .post_concurrently(&admin, "/catalogue/copy?year=2028-29", "", REQUESTS)
        .await;
    assert_eq!(
        statuses(&responses),
        BTreeMap::from([(303, 1), (409, REQUESTS - 1)])
    );
    for refused in responses
        .iter()
        .filter(|r| r.status == StatusCode::CONFLICT)
    {
        assert!(
            refused
                .body
                .contains("2028/29 has a catalogue already: change its programmes one by one"),
            "{}",
            refused.body
        );
    }
    let trail = app
        .db
        .db
        .audit_history("catalogue", "2028/29")
        .await
        .expect("audit");
    assert_eq!(trail.len(), 1);
}
