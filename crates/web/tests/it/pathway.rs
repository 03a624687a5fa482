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

mod walk {
    use masteryhub_domain::pathway::{ApplicationStatus, Outcome, Participation, Stage};
    use masteryhub_domain::{AcademicYear, Role, Urn};
    use masteryhub_store::pathway::applications::Move;
    use masteryhub_store::pathway::history::HistoryRecord;
    use masteryhub_store::pathway::work_groups::WorkGroupFields;

    use crate::app::{TestApp, operator};

    async fn group(app: &TestApp, name: &str, code: &str, capacity: i32) -> i64 {
        let fields = WorkGroupFields {
            name: name.into(),
            programme_code: code.into(),
            focus: "Secondary Subject Leadership".into(),
            lead_person_id: None,
            capacity,
            status: "recruiting".into(),
        };
        let year = AcademicYear::parse("2026/27").expect("year");
        app.db
            .db
            .create_work_group("JUR", year, &fields, &operator(), app.now())
            .await
            .expect("group")
    }

    #[tokio::test]
    async fn a_head_of_maths_applies_and_the_hub_lead_accepts_into_embedding_and_its_co_requisite()
    {
        let app = TestApp::new().await;
        let done = HistoryRecord {
            line: 2,
            participation: Participation::new(
                Urn::parse("137666").expect("URN"),
                AcademicYear::parse("2025/26").expect("year"),
                Stage::Development,
                Outcome::Completed,
            ),
            programme_code: None,
            hub_code: None,
        };
        app.db
            .db
            .import_history(&[done], "history.csv", &operator(), app.now())
            .await
            .map_err(|e| format!("{e:?}"))
            .expect("history");
        let year = AcademicYear::parse("2026/27").expect("year");
        let catalogue = app.db.db.programmes(year).await.expect("catalogue");
        let code = |stage| {
            catalogue
                .iter()
                .find(|p| p.stage == stage)
                .map(|p| p.code.as_str().to_owned())
                .expect("programme")
        };
        let embedding = group(&app, "Embedding group", &code(Stage::Embedding), 4).await;
        let full = group(&app, "Full embedding group", &code(Stage::Embedding), 1).await;
        let together = group(
            &app,
            "Embedding and Sustaining",
            &code(Stage::Sustaining),
            6,
        )
        .await;
        let head = app
            .session_for(
                "hom@chudleigh.example",
                Role::HeadOfMaths,
                None,
                Some(137666),
            )
            .await;
        let lead = app
            .session_for("lead@jurassic.example", Role::HubLead, Some("JUR"), None)
            .await;

        let started = app
            .post_as(
                &head,
                "/schools/137666/apply",
                "stage=embedding&year=2026-27",
            )
            .await;
        assert_eq!(started.status, 303);
        let page_path = started.headers["location"]
            .to_str()
            .expect("location")
            .to_owned();
        let id = page_path.rsplit('/').next().expect("id").to_owned();
        let page = app.get_as(&page_path, &head.cookie).await;
        assert!(
            page.body
                .contains("The department is eligible for Embedding in 2026/27")
        );
        assert!(page.body.contains("NCP21-14"));

        // A third Advocate, and a missing senior leader, are refused with what is wrong.
        let third = app
            .post_as(
                &head,
                &format!("/applications/{id}/advocates"),
                "advocate_1_name=Ann&advocate_1_email=ann%40s.example&advocate_2_name=Bo&advocate_2_email=bo%40s.example&advocate_3_name=Cy&advocate_3_email=cy%40s.example",
            )
            .await;
        assert_eq!(third.status, 400);
        assert!(third.body.contains("at most two Mastery Advocates"));
        let early = app
            .post_as(&head, &format!("/applications/{id}/submit"), "")
            .await;
        assert_eq!(early.status, 400);
        assert!(
            early.body.contains("senior leader"),
            "the missing sections are named"
        );

        for (section, form) in [
            ("work-group", format!("work_group={embedding}")),
            ("advocates", "advocate_1_name=Ann+Adams&advocate_1_email=ann%40s.example&advocate_2_name=Bo+Brown&advocate_2_email=bo%40s.example".into()),
            ("senior-leader", "senior_leader_name=Sam+Senior&senior_leader_role=Deputy+head&senior_leader_statement=We+commit+release+time.&release_time_confirmed=yes".into()),
        ] {
            let saved = app
                .post_as(&head, &format!("/applications/{id}/{section}"), &form)
                .await;
            assert_eq!(saved.status, 303, "{section}: {}", saved.body);
        }
        let sent = app
            .post_as(&head, &format!("/applications/{id}/submit"), "")
            .await;
        assert_eq!(sent.status, 303);
        let emails = app.db.db.recent_emails(10).await.expect("outbox");
        assert!(emails.iter().any(|e| e.to_address == "hom@chudleigh.example" && e.subject.contains("submitted")));
        assert!(
            emails
                .iter()
                .any(|e| e.to_address == "lead@jurassic.example"
                    && e.subject.starts_with("New application"))
        );

        let list = app
            .get_as("/hubs/JUR/applications?year=2026-27", &lead.cookie)
            .await;
        assert!(list.body.contains("Chudleigh Knighton Academy") && list.body.contains("Eligible"));

        // Another department takes the one place of the small group.
        let other = app
            .db
            .db
            .create_application(120000, year, Stage::Embedding, &operator(), app.now())
            .await
            .expect("other");
        for to in [ApplicationStatus::Submitted, ApplicationStatus::Accepted] {
            let step = Move {
                from: None,
                to,
                reason: None,
                work_group_id: Some(full),
                emails: Vec::new(),
            };
            app.db
                .db
                .move_application(other, &step, &operator(), app.now())
                .await
                .expect("move");
        }
        let too_full = app
            .post_as(
                &lead,
                &format!("/applications/{id}/decision"),
                &format!("decision=accepted&work_group={full}"),
            )
            .await;
        assert_eq!(too_full.status, 400);
        assert!(
            too_full.body.contains("Full embedding group"),
            "the full group is named"
        );
        let declined_without_reason = app
            .post_as(
                &lead,
                &format!("/applications/{id}/decision"),
                "decision=declined&reason=",
            )
            .await;
        assert_eq!(declined_without_reason.status, 400);
        assert!(
            declined_without_reason
                .body
                .contains("Give the school a reason")
        );

        let accepted = app
            .post_as(
                &lead,
                &format!("/applications/{id}/decision"),
                &format!("decision=accepted&work_group={embedding}"),
            )
            .await;
        assert_eq!(accepted.status, 303, "{}", accepted.body);
        let members = app
            .db
            .db
            .work_group_members(embedding)
            .await
            .expect("members");
        assert_eq!(members.len(), 1);
        assert_eq!(
            (members[0].urn, members[0].outcome.as_str()),
            (137666, "in_progress")
        );
        let alongside = app
            .db
            .db
            .work_group_members(together)
            .await
            .expect("members");
        assert!(
            alongside.iter().any(|m| m.urn == 137666 && m.co_requisite),
            "enrolled in the co-requisite Work Group too: {alongside:?}"
        );

        // Its own place does not make the accepted application look ineligible.
        let shown = app.get_as(&page_path, &lead.cookie).await;
        assert!(
            shown
                .body
                .contains("The department is eligible for Embedding in 2026/27")
        );
        let listed = app
            .get_as("/hubs/JUR/applications?year=2026-27", &lead.cookie)
            .await;
        // Only the primary school placed directly in the store is shown as not eligible.
        assert_eq!(
            listed.body.matches("Not eligible").count(),
            1,
            "{}",
            listed.body
        );
        // Applying again for what the school has applied for is marked on the apply page.
        let apply = app.get_as("/schools/137666/apply", &head.cookie).await;
        assert!(
            apply
                .body
                .contains("The school has an application for this already (accepted)")
        );
        let school = app.get_as("/schools/137666", &head.cookie).await;
        assert!(
            school.body.contains("Embedding, 2026/27</a>: Accepted"),
            "the school sees the outcome"
        );
        assert!(school.body.contains("Embedding group"));
        let emails = app.db.db.recent_emails(1).await.expect("outbox");
        assert!(
            emails[0].subject.contains("accepted")
                && emails[0].to_address == "hom@chudleigh.example"
        );
    }
}

#[tokio::test]
async fn a_specialist_nomination_refuses_missing_essentials_and_the_hub_scores_and_accepts() {
    let app = TestApp::new().await;
    let head = app
        .session_for(
            "hom@chudleigh.example",
            Role::HeadOfMaths,
            None,
            Some(137666),
        )
        .await;
    let lead = app
        .session_for("lead@jurassic.example", Role::HubLead, Some("JUR"), None)
        .await;
    let form = |qts: &str, years: &str| {
        format!(
            "year=2027-28&teacher_name=Tess+Teacher&teacher_email=tess%40s.example&\
             qualified_teacher_status={qts}&years_teaching_mathematics={years}&\
             lead_teacher_statement=I+lead+KS3.&senior_leader_name=Sam&senior_leader_statement=Yes"
        )
    };
    let refused = app
        .post_as(
            &head,
            "/schools/137666/nominate-specialist",
            &form("no", "1"),
        )
        .await;
    assert_eq!(refused.status, 400);
    assert!(
        refused.body.contains("Qualified Teacher Status"),
        "{}",
        refused.body
    );
    assert!(refused.body.contains("2 years") || refused.body.contains("two years"));
    assert!(
        app.db
            .db
            .hub_specialist_applications("JUR")
            .await
            .expect("list")
            .is_empty()
    );

    let sent = app
        .post_as(
            &head,
            "/schools/137666/nominate-specialist",
            &form("yes", "4"),
        )
        .await;
    assert_eq!(sent.status, 303);
    let page = sent.headers["location"]
        .to_str()
        .expect("location")
        .to_owned();
    let id = page.rsplit('/').next().expect("id").to_owned();
    let scores = |essential: u8| -> String {
        masteryhub_domain::pathway::specialists::CRITERIA
            .iter()
            .map(|c| {
                let score = match c.importance {
                    masteryhub_domain::pathway::specialists::Importance::Essential => essential,
                    _ => 1,
                };
                format!("score_{}={score}&", c.code)
            })
            .collect()
    };
    let unevidenced = app
        .post_as(
            &lead,
            &format!("/specialist-applications/{id}/decision"),
            &format!("{}decision=accepted", scores(0)),
        )
        .await;
    assert_eq!(unevidenced.status, 400);
    assert!(unevidenced.body.contains("not evidenced"));
    let accepted = app
        .post_as(
            &lead,
            &format!("/specialist-applications/{id}/decision"),
            &format!("{}decision=accepted", scores(3)),
        )
        .await;
    assert_eq!(accepted.status, 303);
    let list = app.get_as("/hubs/JUR/specialists", &lead.cookie).await;
    assert!(
        list.body.contains("Tess Teacher") && list.body.contains("Starts later"),
        "{}",
        list.body
    );
    let shown = app.get_as(&page, &head.cookie).await;
    assert!(shown.body.contains("Accepted"));
}

#[tokio::test]
async fn national_admins_change_a_programme_and_the_years_foci() {
    let app = TestApp::new().await;
    let admin = app.admin.clone();
    let empty = app
        .post_as(&admin, "/catalogue/foci?year=2027-28", "foci=+%0D%0A+")
        .await;
    assert_eq!(empty.status, 400);
    assert!(empty.body.contains("Enter at least one focus"));
    let saved = app
        .post_as(
            &admin,
            "/catalogue/foci?year=2027-28",
            "foci=Reasoning+in+KS3%0D%0ASubject+leadership",
        )
        .await;
    assert_eq!(saved.status, 303);
    let year = AcademicYear::parse("2027/28").expect("year");
    assert_eq!(
        app.db.db.foci(year).await.expect("foci"),
        vec![
            "Reasoning in KS3".to_owned(),
            "Subject leadership".to_owned()
        ]
    );
    let programme = app
        .db
        .db
        .catalogue(year)
        .await
        .expect("catalogue")
        .into_iter()
        .find(|e| e.programme.stage == Stage::Embedding)
        .and_then(|e| e.id)
        .expect("stored with the foci");
    let bad = app
        .post_as(
            &admin,
            &format!("/catalogue/programmes/{programme}"),
            "title=&support_days=x&group_min=6&group_max=4&funding_pounds=12.5",
        )
        .await;
    assert_eq!(bad.status, 400);
    for message in [
        "Enter the programme",
        "Support days must be a whole number",
        "Enter the funding in pounds",
    ] {
        assert!(bad.body.contains(message), "{message}");
    }
    let good = app
        .post_as(&admin, &format!("/catalogue/programmes/{programme}"), "title=Embedding+Year+Support&support_days=4&group_min=4&group_max=6&funding_pounds=1250.50")
        .await;
    assert_eq!(good.status, 303);
    let page = app.get("/catalogue?year=2027-28").await;
    assert!(
        page.body.contains("£1,250.50") && page.body.contains("Reasoning in KS3"),
        "{}",
        page.body
    );
}

#[tokio::test]
async fn rollover_lists_each_completed_department_with_the_stage_it_may_join() {
    let app = TestApp::new().await;
    with_history(&app).await;
    let page = app.get("/hubs/JUR/rollover?year=2027-28").await;
    assert_eq!(page.status, axum::http::StatusCode::OK);
    // The academy carries on its predecessor's completed Development year.
    assert!(
        page.body.contains("Chudleigh Knighton Academy"),
        "{}",
        page.body
    );
    assert!(
        page.body.contains("<td>Development 2020/21</td>"),
        "{}",
        page.body
    );
    assert!(page.body.contains("<td>Embedding</td>"), "{}", page.body);
    assert!(
        page.body
            .contains("Invite the 1 departments not yet placed")
    );
    let london = app.get("/hubs/LCW/rollover?year=2027-28").await;
    assert!(
        london
            .body
            .contains("No department of the hub has completed a stage yet.")
    );
}
