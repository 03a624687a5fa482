//! The pathway through the web and the API: eligibility, the school's timeline.

use masteryhub_domain::pathway::{Outcome, Participation, Stage};
use masteryhub_domain::{AcademicYear, Role, Urn};
use masteryhub_store::pathway::history::HistoryRecord;

use crate::app::{TestApp, operator};

fn year(text: &str) -> AcademicYear {
    AcademicYear::parse(text).expect("year")
}

/// Development completed in 2020/21 under the predecessor URN 113393 of 137666.
async fn with_history(app: &TestApp) {
    let record = HistoryRecord {
        line: 2,
        participation: Participation::new(
            Urn::parse("113393").expect("URN"),
            year("2020/21"),
            Stage::Development,
            Outcome::Completed,
        ),
        programme_code: None,
        hub_code: Some("JUR".into()),
    };
    app.db
        .db
        .import_history(&[record], "history.csv", &operator(), app.now())
        .await
        .map_err(|e| format!("{e:?}"))
        .expect("import");
}

#[tokio::test]
async fn eligibility_counts_predecessor_history_and_names_every_reason() {
    let app = TestApp::new().await;
    with_history(&app).await;

    let embedding = app
        .get("/api/v1/schools/137666/eligibility?stage=embedding&year=2021-22")
        .await;
    assert_eq!(embedding.status, 200);
    let answer = embedding.json();
    assert_eq!(answer["urn"], 137666);
    assert_eq!(answer["stage"], "embedding");
    assert_eq!(answer["academic_year"], "2021/22");
    assert_eq!(answer["eligible"], true, "{answer}");
    assert_eq!(answer["reasons"], serde_json::json!([]));
    assert_eq!(answer["co_requisites"], serde_json::json!(["NCP21-14"]));

    let again = app
        .get("/api/v1/schools/137666/eligibility?stage=development&year=2021/22")
        .await
        .json();
    assert_eq!(again["eligible"], false);
    assert_eq!(
        again["reasons"][0]["code"], "stage_already_completed",
        "{again}"
    );
    assert!(
        again["reasons"][0]["message"]
            .as_str()
            .is_some_and(|m| !m.is_empty())
    );

    let sustaining = app
        .get("/api/v1/schools/137666/eligibility?stage=sustaining&year=2021-22")
        .await
        .json();
    assert_eq!(
        sustaining["reasons"][0]["code"],
        "prior_stage_not_completed"
    );

    let closed_independent = app
        .get("/api/v1/schools/100060/eligibility?stage=development&year=2025-26")
        .await
        .json();
    assert_eq!(closed_independent["reasons"][0]["code"], "not_state_funded");

    let unknown = app
        .get("/api/v1/schools/999999/eligibility?stage=development&year=2025-26")
        .await
        .json();
    assert_eq!(unknown["reasons"][0]["code"], "school_not_found");

    // Outside a person's reach, a school is answered as one not in the register.
    let head = app
        .session_for("hom@camden.example", Role::HeadOfMaths, None, Some(100050))
        .await;
    let hidden = app
        .get_as(
            "/api/v1/schools/137666/eligibility?stage=embedding&year=2021-22",
            &head.cookie,
        )
        .await
        .json();
    assert_eq!(hidden["eligible"], false);
    assert_eq!(hidden["reasons"][0]["code"], "school_not_found", "{hidden}");

    for (query, field) in [
        ("stage=embeding&year=2021-22", "stage"),
        ("stage=embedding&year=2021/23", "year"),
        ("year=2021-22", "stage"),
        ("stage=embedding", "year"),
        ("stage=embedding&year=2021-22&colour=red", "colour"),
    ] {
        let response = app
            .get(&format!("/api/v1/schools/137666/eligibility?{query}"))
            .await;
        assert_eq!(response.status, 400, "{query}");
        assert_eq!(response.content_type(), "application/problem+json");
        assert_eq!(response.json()["errors"][0]["field"], field, "{query}");
    }
}
