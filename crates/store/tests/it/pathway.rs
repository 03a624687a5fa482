//! The pathway's records: the catalogue of each year, Work Groups, history and applications.

use masteryhub_domain::money::Pence;
use masteryhub_domain::pathway::catalogue::GroupSize;
use masteryhub_domain::pathway::{ApplicationStatus, Outcome, Participation, Stage};
use masteryhub_domain::{AcademicYear, Email, Role, RoleGrant, Urn};
use masteryhub_store::outbox::OutgoingEmail;
use masteryhub_store::pathway::applications::{ApplicationFields, Move};
use masteryhub_store::pathway::catalogue::ProgrammeChange;
use masteryhub_store::pathway::history::{HistoryImportError, HistoryRecord};
use masteryhub_store::pathway::work_groups::WorkGroupFields;
use masteryhub_store::people::Added;
use masteryhub_store::testing::TestDb;
use masteryhub_store::{Db, StoreError};

use crate::support::{NOW, assignment, import, operator, school, urn};

fn year(text: &str) -> AcademicYear {
    AcademicYear::parse(text).expect("valid year")
}

/// Schools 100001..=1000NN in Camden, served by hub LCW; Devon (no schools) by JUR.
async fn hub_with_schools(t: &TestDb, count: u32) {
    let schools: Vec<_> = (1..=count)
        .map(|n| school(100_000 + n, &format!("School {n}")))
        .collect();
    import(&t.db, &schools).await;
    t.db.import_hubs(
        &[
            assignment("LCW", "London Central and West", "202", "Camden"),
            assignment("JUR", "Jurassic", "878", "Devon"),
        ],
        "hubs.csv",
        NOW,
    )
    .await
    .expect("hubs");
}

/// A Work Group Lead of LCW.
async fn lead(db: &Db) -> i64 {
    let grant = RoleGrant::new(Role::WorkGroupLead, Some("LCW"), None).expect("grant");
    let email = Email::parse("wgl@lcw.example").expect("email");
    match db
        .add_person_with_role(&email, "Wendy Lead", &grant, &operator(), NOW)
        .await
        .expect("add lead")
    {
        Added::NewPerson(id) | Added::RoleToExistingPerson(id) | Added::Unchanged(id) => id,
    }
}

fn group(name: &str, code: &str, capacity: i32) -> WorkGroupFields {
    WorkGroupFields {
        name: name.into(),
        programme_code: code.into(),
        focus: "Mathematical Thinking for GCSE".into(),
        lead_person_id: None,
        capacity,
        status: "recruiting".into(),
    }
}

async fn open_group(db: &Db, y: &str, name: &str, code: &str, capacity: i32) -> i64 {
    db.create_work_group(
        "LCW",
        year(y),
        &group(name, code, capacity),
        &operator(),
        NOW,
    )
    .await
    .expect("open Work Group")
}

fn fields(work_group_id: Option<i64>) -> ApplicationFields {
    ApplicationFields {
        work_group_id,
        advocate_1_name: "Ada Advocate".into(),
        advocate_1_email: "ada@school.example".into(),
        advocate_2_name: "Ben Advocate".into(),
        advocate_2_email: "ben@school.example".into(),
        senior_leader_name: "Sam Head".into(),
        senior_leader_role: "Headteacher".into(),
        senior_leader_statement: "We will release both teachers for every session.".into(),
        release_time_confirmed: true,
    }
}

fn to(status: ApplicationStatus) -> Move {
    Move {
        from: None,
        to: status,
        reason: None,
        work_group_id: None,
        emails: Vec::new(),
    }
}

fn email_to(school: &str) -> OutgoingEmail {
    OutgoingEmail {
        to_address: "hom@school.example".into(),
        to_name: "Head of maths".into(),
        subject: format!("{school}: your application"),
        body: "The hub has decided.".into(),
    }
}

/// A submitted application of school `n` for `stage` in `y`, to `work_group_id`.
async fn submitted(db: &Db, n: u32, y: &str, stage: Stage, work_group_id: Option<i64>) -> i64 {
    let id = db
        .create_application(i64::from(100_000 + n), year(y), stage, &operator(), NOW)
        .await
        .expect("start");
    db.save_application(id, &fields(work_group_id), &operator(), NOW)
        .await
        .expect("save");
    db.move_application(id, &to(ApplicationStatus::Submitted), &operator(), NOW)
        .await
        .expect("submit");
    id
}

async fn status(db: &Db, id: i64) -> String {
    db.application(id)
        .await
        .expect("read")
        .expect("exists")
        .status
}

async fn history_of(db: &Db, n: u32) -> Vec<Participation> {
    db.department_history(urn(100_000 + n))
        .await
        .expect("history")
}

async fn members(db: &Db, id: i64) -> i64 {
    db.work_group(id)
        .await
        .expect("read")
        .expect("exists")
        .members
}

async fn outbox(db: &Db) -> Vec<String> {
    db.pending_emails(100)
        .await
        .expect("outbox")
        .into_iter()
        .map(|e| e.subject)
        .collect()
}

fn record(line: u64, n: u32, y: &str, stage: Stage, outcome: Outcome) -> HistoryRecord {
    HistoryRecord {
        line,
        participation: Participation::new(urn(100_000 + n), year(y), stage, outcome),
        programme_code: None,
        hub_code: Some("LCW".into()),
    }
}

fn invalid(result: Result<impl std::fmt::Debug, StoreError>) -> String {
    match result {
        Err(StoreError::Invalid(message)) => message,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

/// The sentence of a refusal because the record is not in the state the change needs.
fn conflict(result: Result<impl std::fmt::Debug, StoreError>) -> String {
    match result {
        Err(StoreError::Conflict(message)) => message,
        other => panic!("expected a Conflict, got {other:?}"),
    }
}

#[tokio::test]
async fn the_catalogue_is_seeded_copied_and_changed_with_an_audit_trail() {
    let t = TestDb::new().await;
    let (y24, y25) = (year("2024/25"), year("2025/26"));
    let seed = t.db.catalogue(y24).await.expect("catalogue");
    assert_eq!(seed.len(), 7, "one programme for every stage");
    assert!(seed.iter().all(|e| e.id.is_none()), "nothing stored yet");
    assert_eq!(t.db.foci(y24).await.expect("foci").len(), 4);
    assert!(t.db.catalogue_years().await.expect("years").is_empty());

    t.db.save_catalogue(y24).await.expect("save");
    t.db.save_catalogue(y24)
        .await
        .expect("saving twice changes nothing");
    let stored = t.db.catalogue(y24).await.expect("catalogue");
    assert_eq!(stored.len(), 7);
    assert!(stored.iter().all(|e| e.id.is_some()));
    assert_eq!(
        stored.iter().map(|e| &e.programme).collect::<Vec<_>>(),
        seed.iter().map(|e| &e.programme).collect::<Vec<_>>(),
        "stored as seeded, in stage order"
    );

    let copied =
        t.db.copy_catalogue(y24, y25, &operator(), NOW)
            .await
            .expect("copy");
    assert_eq!(copied, 7);
    let next = t.db.programmes(y25).await.expect("programmes");
    assert!(next.iter().all(|p| p.academic_year == y25));
    let codes = |ps: &[masteryhub_domain::pathway::Programme]| {
        ps.iter().map(|p| p.code.to_string()).collect::<Vec<_>>()
    };
    assert_eq!(
        codes(&next),
        codes(&t.db.programmes(y24).await.expect("programmes")),
        "codes are kept from year to year"
    );
    assert_eq!(
        t.db.foci(y25).await.expect("foci"),
        t.db.foci(y24).await.expect("foci"),
        "the foci come too"
    );
    let trail =
        t.db.audit_history("catalogue", "2025/26")
            .await
            .expect("audit");
    assert_eq!(trail.len(), 1);
    assert_eq!(trail[0].action, "copied from 2024/25");
    let again = t.db.copy_catalogue(y24, y25, &operator(), NOW).await;
    assert!(conflict(again).contains("has a catalogue already"));
    assert_eq!(t.db.programmes(y25).await.expect("programmes").len(), 7);
    assert_eq!(t.db.catalogue_years().await.expect("years"), vec![y25, y24]);

    let embedding =
        t.db.catalogue(y25)
            .await
            .expect("catalogue")
            .into_iter()
            .find(|e| e.programme.stage == Stage::Embedding)
            .expect("an Embedding programme");
    let id = embedding.id.expect("stored");
    let change = ProgrammeChange {
        title: "  Embedding Year Support 2025/26 ".into(),
        support_days: Some(4),
        group_size: Some(GroupSize::new(3, 5).expect("size")),
        funding_per_school: Some(Pence::from_pounds(1200)),
    };
    assert!(
        t.db.update_programme(id, &change, &operator(), NOW)
            .await
            .expect("update")
    );
    let changed = t.db.programme(id).await.expect("read").expect("exists");
    assert_eq!(changed.programme.title, "Embedding Year Support 2025/26");
    assert_eq!(changed.programme.support_days, Some(4));
    assert_eq!(changed.programme.group_size.map(|g| g.max()), Some(5));
    assert_eq!(
        changed.programme.funding_per_school,
        Some(Pence::from_pounds(1200))
    );
    assert_eq!(
        changed.programme.co_requisites, embedding.programme.co_requisites,
        "co-requisites are kept"
    );
    let before_year = t.db.programmes(y24).await.expect("programmes");
    let last_year = before_year
        .iter()
        .find(|p| p.stage == Stage::Embedding)
        .expect("Embedding");
    assert_eq!(
        last_year.support_days,
        Some(3),
        "the other year is unchanged"
    );
    let trail =
        t.db.audit_history("programme", &id.to_string())
            .await
            .expect("audit");
    assert_eq!(trail.len(), 1);
    let before = trail[0].before_json.as_deref().expect("before");
    let after = trail[0].after_json.as_deref().expect("after");
    assert!(before.contains("\"support_days\":3"), "{before}");
    assert!(after.contains("\"support_days\":4"), "{after}");
    assert!(after.contains("\"group_size\":\"3-5\""), "{after}");

    assert!(
        !t.db
            .update_programme(999_999, &change, &operator(), NOW)
            .await
            .expect("update"),
        "no such programme"
    );
    let blank = ProgrammeChange {
        title: " ".into(),
        ..change
    };
    assert!(invalid(t.db.update_programme(id, &blank, &operator(), NOW).await).contains("title"));
}

#[tokio::test]
async fn work_groups_are_opened_and_changed_and_never_hold_more_than_their_capacity() {
    let t = TestDb::new().await;
    hub_with_schools(&t, 3).await;
    let lead = lead(&t.db).await;
    let y = year("2025/26");
    let mut fields = group("Camden Development", "stm21-02", 2);
    fields.lead_person_id = Some(lead);
    let id =
        t.db.create_work_group("LCW", y, &fields, &operator(), NOW)
            .await
            .expect("open");
    let wg = t.db.work_group(id).await.expect("read").expect("exists");
    assert_eq!(
        (
            wg.hub_code.as_str(),
            wg.academic_year.as_str(),
            wg.programme_code.as_str(),
            wg.stage.as_str(),
            wg.lead_name.as_deref(),
            wg.capacity,
            wg.members,
        ),
        (
            "LCW",
            "2025/26",
            "STM21-02",
            "development",
            Some("Wendy Lead"),
            2,
            0
        )
    );
    assert!(
        t.db.catalogue(y)
            .await
            .expect("catalogue")
            .iter()
            .all(|e| e.id.is_some()),
        "opening a Work Group stores the year's catalogue"
    );
    assert_eq!(
        t.db.work_group_leads("LCW").await.expect("leads"),
        vec![(lead, "Wendy Lead".to_owned())]
    );
    let trail =
        t.db.audit_history("work_group", &id.to_string())
            .await
            .expect("audit");
    assert_eq!(trail[0].action, "opened");

    for (bad, expected) in [
        (group("X", "NCP99-99", 2), "not in the 2025/26 catalogue"),
        (group("X", "STM21-02", 0), "at least one department"),
        (
            WorkGroupFields {
                status: "paused".into(),
                ..group("X", "STM21-02", 2)
            },
            "not a Work Group status",
        ),
        (group("  ", "STM21-02", 2), "needs a name"),
    ] {
        let refused =
            t.db.create_work_group("LCW", y, &bad, &operator(), NOW)
                .await;
        let message = invalid(refused);
        assert!(message.contains(expected), "{message}");
    }
    assert_eq!(t.db.work_groups("LCW", y).await.expect("groups").len(), 1);

    for n in [1, 2] {
        let app = submitted(&t.db, n, "2025/26", Stage::Development, Some(id)).await;
        t.db.move_application(app, &to(ApplicationStatus::Accepted), &operator(), NOW)
            .await
            .expect("accept");
    }
    assert_eq!(members(&t.db, id).await, 2);
    let names: Vec<_> =
        t.db.work_group_members(id)
            .await
            .expect("members")
            .into_iter()
            .map(|m| (m.name, m.stage, m.outcome, m.co_requisite))
            .collect();
    assert_eq!(
        names,
        vec![
            (
                "School 1".to_owned(),
                "development".to_owned(),
                "in_progress".to_owned(),
                false
            ),
            (
                "School 2".to_owned(),
                "development".to_owned(),
                "in_progress".to_owned(),
                false
            ),
        ]
    );

    let smaller = group("Camden Development", "STM21-02", 1);
    let message = invalid(t.db.update_work_group(id, &smaller, &operator(), NOW).await);
    assert!(message.contains("below the 2 departments"), "{message}");
    let other_programme = group("Camden Development", "NCP21-14", 6);
    let message = invalid(
        t.db.update_work_group(id, &other_programme, &operator(), NOW)
            .await,
    );
    assert!(message.contains("cannot change from STM21-02"), "{message}");
    let wg = t.db.work_group(id).await.expect("read").expect("exists");
    assert_eq!((wg.capacity, wg.programme_code.as_str()), (2, "STM21-02"));

    let renamed = WorkGroupFields {
        status: "running".into(),
        ..group("Camden and Westminster Development", "STM21-02", 3)
    };
    t.db.update_work_group(id, &renamed, &operator(), NOW)
        .await
        .expect("change");
    let wg = t.db.work_group(id).await.expect("read").expect("exists");
    assert_eq!(
        (
            wg.name.as_str(),
            wg.capacity,
            wg.status.as_str(),
            wg.lead_person_id
        ),
        ("Camden and Westminster Development", 3, "running", None)
    );
    let trail =
        t.db.audit_history("work_group", &id.to_string())
            .await
            .expect("audit");
    assert_eq!(
        trail.iter().map(|e| e.action.as_str()).collect::<Vec<_>>(),
        ["opened", "changed"],
        "refused changes leave no trace"
    );
    assert!(
        invalid(
            t.db.update_work_group(999_999, &renamed, &operator(), NOW)
                .await
        )
        .contains("no Work Group")
    );
}

#[tokio::test]
async fn an_accepted_application_enrols_the_department_and_its_co_requisite() {
    let t = TestDb::new().await;
    hub_with_schools(&t, 2).await;
    t.db.import_history(
        &[record(
            2,
            1,
            "2024/25",
            Stage::Development,
            Outcome::Completed,
        )],
        "history.csv",
        &operator(),
        NOW,
    )
    .await
    .expect("history");
    let embedding = open_group(&t.db, "2025/26", "Camden Embedding", "NCP21-13", 4).await;
    let sustaining = open_group(&t.db, "2025/26", "Camden E&S", "NCP21-14", 6).await;

    let id =
        t.db.create_application(100_001, year("2025/26"), Stage::Embedding, &operator(), NOW)
            .await
            .expect("start");
    let draft = t.db.application(id).await.expect("read").expect("exists");
    assert_eq!(
        (
            draft.status.as_str(),
            draft.hub_code.as_deref(),
            draft.stage.as_str()
        ),
        ("draft", Some("LCW"), "embedding")
    );
    let again =
        t.db.create_application(100_001, year("2025/26"), Stage::Embedding, &operator(), NOW)
            .await;
    assert!(conflict(again).contains("already has an application for Embedding in 2025/26"));
    t.db.save_application(id, &fields(Some(embedding)), &operator(), NOW)
        .await
        .expect("save");
    let saved = t.db.application(id).await.expect("read").expect("exists");
    assert_eq!(saved.fields, fields(Some(embedding)));
    assert_eq!(saved.work_group_name.as_deref(), Some("Camden Embedding"));
    assert!(
        t.db.hub_applications("LCW", year("2025/26"))
            .await
            .expect("hub")
            .is_empty(),
        "the hub does not see drafts"
    );
    assert_eq!(
        t.db.school_applications(100_001)
            .await
            .expect("school")
            .len(),
        1
    );

    t.db.move_application(id, &to(ApplicationStatus::Submitted), &operator(), NOW)
        .await
        .expect("submit");
    let sent = t.db.application(id).await.expect("read").expect("exists");
    assert_eq!(sent.status, "submitted");
    assert_eq!(sent.submitted_at, Some(NOW));
    let changed =
        t.db.save_application(id, &fields(None), &operator(), NOW)
            .await;
    assert_eq!(
        conflict(changed),
        "This application is submitted: only a draft can be changed"
    );
    assert_eq!(
        t.db.hub_applications("LCW", year("2025/26"))
            .await
            .expect("hub")
            .iter()
            .map(|a| a.id)
            .collect::<Vec<_>>(),
        vec![id]
    );

    let accept = Move {
        emails: vec![email_to("School 1")],
        ..to(ApplicationStatus::Accepted)
    };
    t.db.move_application(id, &accept, &operator(), NOW)
        .await
        .expect("accept");
    let accepted = t.db.application(id).await.expect("read").expect("exists");
    assert_eq!(
        (accepted.status.as_str(), accepted.decided_at),
        ("accepted", Some(NOW))
    );
    assert!(history_of(&t.db, 1).await.contains(&Participation::new(
        urn(100_001),
        year("2025/26"),
        Stage::Embedding,
        Outcome::InProgress
    )));
    let timeline = t.db.timeline(urn(100_001)).await.expect("timeline");
    let this_year = timeline.last().expect("a row");
    assert_eq!(
        (
            this_year.academic_year.as_str(),
            this_year.stage.as_str(),
            this_year.outcome.as_str(),
            this_year.work_group_name.as_deref(),
            this_year.programme_code.as_deref(),
            this_year.hub_code.as_deref()
        ),
        (
            "2025/26",
            "embedding",
            "in_progress",
            Some("Camden Embedding"),
            Some("NCP21-13"),
            Some("LCW")
        )
    );
    let in_group = t.db.work_group_members(embedding).await.expect("members");
    assert_eq!(
        in_group
            .iter()
            .map(|m| (m.urn, m.co_requisite))
            .collect::<Vec<_>>(),
        vec![(100_001, false)]
    );
    let in_co_requisite = t.db.work_group_members(sustaining).await.expect("members");
    assert_eq!(
        in_co_requisite
            .iter()
            .map(|m| (m.urn, m.stage.as_str(), m.co_requisite))
            .collect::<Vec<_>>(),
        vec![(100_001, "embedding", true)],
        "the Embedding school is also in the NCP21-14 Work Group"
    );
    assert_eq!(
        (
            members(&t.db, embedding).await,
            members(&t.db, sustaining).await
        ),
        (1, 1)
    );
    assert_eq!(outbox(&t.db).await, ["School 1: your application"]);
    let trail =
        t.db.audit_history("application", &id.to_string())
            .await
            .expect("audit");
    assert_eq!(
        trail.iter().map(|e| e.action.as_str()).collect::<Vec<_>>(),
        ["started", "draft saved", "submitted", "accepted"]
    );
}

#[tokio::test]
async fn acceptance_into_a_full_closed_or_wrong_work_group_is_refused_and_changes_nothing() {
    let t = TestDb::new().await;
    hub_with_schools(&t, 3).await;
    let full = open_group(&t.db, "2025/26", "Camden Development", "STM21-02", 1).await;
    let first = submitted(&t.db, 1, "2025/26", Stage::Development, Some(full)).await;
    t.db.move_application(first, &to(ApplicationStatus::Accepted), &operator(), NOW)
        .await
        .expect("accept the first");
    let second = submitted(&t.db, 2, "2025/26", Stage::Development, Some(full)).await;
    let accept = Move {
        emails: vec![email_to("School 2")],
        ..to(ApplicationStatus::Accepted)
    };
    let message = invalid(
        t.db.move_application(second, &accept, &operator(), NOW)
            .await,
    );
    assert!(
        message.contains("Camden Development: This Work Group is full"),
        "{message}"
    );
    assert_eq!(status(&t.db, second).await, "submitted");
    assert!(history_of(&t.db, 2).await.is_empty());
    assert_eq!(members(&t.db, full).await, 1);
    assert!(
        outbox(&t.db).await.is_empty(),
        "no email for a refused move"
    );
    let trail =
        t.db.audit_history("application", &second.to_string())
            .await
            .expect("audit");
    assert_eq!(trail.last().map(|e| e.action.as_str()), Some("submitted"));

    let embedding = open_group(&t.db, "2025/26", "Camden Embedding", "NCP21-13", 4).await;
    let wrong_stage = Move {
        work_group_id: Some(embedding),
        ..accept.clone()
    };
    let message = invalid(
        t.db.move_application(second, &wrong_stage, &operator(), NOW)
            .await,
    );
    assert!(
        message.contains(
            "Camden Embedding is a Work Group for Embedding, and the application is for Development"
        ),
        "{message}"
    );

    let closed =
        t.db.create_work_group(
            "LCW",
            year("2025/26"),
            &WorkGroupFields {
                status: "closed".into(),
                ..group("Closed Development", "STM21-02", 2)
            },
            &operator(),
            NOW,
        )
        .await
        .expect("open");
    let into_closed = Move {
        work_group_id: Some(closed),
        ..accept.clone()
    };
    assert!(
        invalid(
            t.db.move_application(second, &into_closed, &operator(), NOW)
                .await
        )
        .contains("closed")
    );

    let next_year = open_group(&t.db, "2026/27", "Next Development", "STM21-02", 2).await;
    let wrong_year = Move {
        work_group_id: Some(next_year),
        ..accept.clone()
    };
    assert!(
        invalid(
            t.db.move_application(second, &wrong_year, &operator(), NOW)
                .await
        )
        .contains("not the school's hub's in that year")
    );

    let nowhere = to(ApplicationStatus::Accepted);
    let third = submitted(&t.db, 3, "2025/26", Stage::Development, None).await;
    assert!(
        invalid(
            t.db.move_application(third, &nowhere, &operator(), NOW)
                .await
        )
        .contains("choose the Work Group")
    );

    assert_eq!(status(&t.db, second).await, "submitted");
    assert!(history_of(&t.db, 2).await.is_empty());
    assert!(outbox(&t.db).await.is_empty());

    let room = open_group(&t.db, "2025/26", "Westminster Development", "STM21-02", 2).await;
    let elsewhere = Move {
        work_group_id: Some(room),
        ..accept
    };
    t.db.move_application(second, &elsewhere, &operator(), NOW)
        .await
        .expect("accept into the hub's choice of group");
    let accepted =
        t.db.application(second)
            .await
            .expect("read")
            .expect("exists");
    assert_eq!(
        accepted.work_group_name.as_deref(),
        Some("Westminster Development")
    );
    assert_eq!(outbox(&t.db).await, ["School 2: your application"]);
}

#[tokio::test]
async fn acceptance_without_a_co_requisite_work_group_with_room_is_refused_and_changes_nothing() {
    let t = TestDb::new().await;
    hub_with_schools(&t, 3).await;
    let history = [
        record(2, 1, "2024/25", Stage::Development, Outcome::Completed),
        record(3, 2, "2023/24", Stage::Development, Outcome::Completed),
        record(4, 2, "2024/25", Stage::Embedding, Outcome::Completed),
    ];
    t.db.import_history(&history, "history.csv", &operator(), NOW)
        .await
        .expect("history");
    let embedding = open_group(&t.db, "2025/26", "Camden Embedding", "NCP21-13", 4).await;
    let app = submitted(&t.db, 1, "2025/26", Stage::Embedding, Some(embedding)).await;
    let accept = Move {
        emails: vec![email_to("School 1")],
        ..to(ApplicationStatus::Accepted)
    };

    let refused_and_unchanged = async |db: &Db, expected: &str| {
        let message = invalid(db.move_application(app, &accept, &operator(), NOW).await);
        assert!(message.contains(expected), "{message}");
        assert_eq!(status(db, app).await, "submitted");
        assert!(
            !history_of(db, 1)
                .await
                .iter()
                .any(|p| p.academic_year == year("2025/26")),
            "no participation"
        );
        assert_eq!(members(db, embedding).await, 0);
        assert!(outbox(db).await.is_empty());
    };
    refused_and_unchanged(&t.db, "has no NCP21-14 Work Group with room in 2025/26").await;

    // A full one: the Sustaining school takes its only place.
    let small = open_group(&t.db, "2025/26", "Camden E&S", "NCP21-14", 1).await;
    let sustaining = submitted(&t.db, 2, "2025/26", Stage::Sustaining, Some(small)).await;
    t.db.move_application(
        sustaining,
        &to(ApplicationStatus::Accepted),
        &operator(),
        NOW,
    )
    .await
    .expect("accept the Sustaining school");
    refused_and_unchanged(&t.db, "NCP21-14").await;

    // A closed one with room.
    t.db.create_work_group(
        "LCW",
        year("2025/26"),
        &WorkGroupFields {
            status: "closed".into(),
            ..group("Closed E&S", "NCP21-14", 6)
        },
        &operator(),
        NOW,
    )
    .await
    .expect("open");
    refused_and_unchanged(&t.db, "NCP21-14").await;
    assert_eq!(members(&t.db, small).await, 1);

    // Room made: accepted, and in the co-requisite group.
    t.db.update_work_group(small, &group("Camden E&S", "NCP21-14", 2), &operator(), NOW)
        .await
        .expect("more room");
    t.db.move_application(app, &accept, &operator(), NOW)
        .await
        .expect("accept");
    assert_eq!(members(&t.db, small).await, 2);
    assert_eq!(outbox(&t.db).await, ["School 1: your application"]);
}

#[tokio::test]
async fn declining_needs_a_reason_and_moves_follow_the_lifecycle() {
    let t = TestDb::new().await;
    hub_with_schools(&t, 2).await;
    let app = submitted(&t.db, 1, "2025/26", Stage::Development, None).await;
    for reason in [None, Some("   ".to_owned())] {
        let decline = Move {
            reason,
            emails: vec![email_to("School 1")],
            ..to(ApplicationStatus::Declined)
        };
        let message = invalid(t.db.move_application(app, &decline, &operator(), NOW).await);
        assert!(message.contains("reason"), "{message}");
    }
    assert_eq!(status(&t.db, app).await, "submitted");
    assert!(outbox(&t.db).await.is_empty());

    let waitlist = to(ApplicationStatus::Waitlisted);
    t.db.move_application(app, &waitlist, &operator(), NOW)
        .await
        .expect("waitlist");
    let decline = Move {
        reason: Some(" The Work Groups are full this year. ".into()),
        ..to(ApplicationStatus::Declined)
    };
    t.db.move_application(app, &decline, &operator(), NOW)
        .await
        .expect("decline");
    let declined = t.db.application(app).await.expect("read").expect("exists");
    assert_eq!(declined.status, "declined");
    assert_eq!(
        declined.decision_reason.as_deref(),
        Some("The Work Groups are full this year.")
    );
    assert_eq!(declined.decided_at, Some(NOW));
    let message = conflict(
        t.db.move_application(app, &to(ApplicationStatus::Withdrawn), &operator(), NOW)
            .await,
    );
    assert!(message.contains("closed"), "{message}");

    // A draft cannot be accepted; and after a decline the school may apply again.
    let draft =
        t.db.create_application(
            100_001,
            year("2025/26"),
            Stage::Development,
            &operator(),
            NOW,
        )
        .await
        .expect("a new application after a decline");
    let accept = Move {
        emails: vec![email_to("School 1")],
        ..to(ApplicationStatus::Accepted)
    };
    let message = conflict(
        t.db.move_application(draft, &accept, &operator(), NOW)
            .await,
    );
    assert!(
        message.contains("A draft application cannot be accepted"),
        "{message}"
    );
    assert!(outbox(&t.db).await.is_empty());
}

#[tokio::test]
async fn withdrawal_after_acceptance_withdraws_the_department() {
    let t = TestDb::new().await;
    hub_with_schools(&t, 1).await;
    t.db.import_history(
        &[record(
            2,
            1,
            "2024/25",
            Stage::Development,
            Outcome::Completed,
        )],
        "history.csv",
        &operator(),
        NOW,
    )
    .await
    .expect("history");
    let embedding = open_group(&t.db, "2025/26", "Camden Embedding", "NCP21-13", 4).await;
    let co_requisite = open_group(&t.db, "2025/26", "Camden E&S", "NCP21-14", 4).await;
    let app = submitted(&t.db, 1, "2025/26", Stage::Embedding, Some(embedding)).await;
    t.db.move_application(app, &to(ApplicationStatus::Accepted), &operator(), NOW)
        .await
        .expect("accept");
    assert_eq!(members(&t.db, co_requisite).await, 1);
    let withdraw = Move {
        emails: vec![email_to("School 1")],
        ..to(ApplicationStatus::Withdrawn)
    };
    t.db.move_application(app, &withdraw, &operator(), NOW)
        .await
        .expect("withdraw");
    assert_eq!(status(&t.db, app).await, "withdrawn");
    let this_year: Vec<_> = history_of(&t.db, 1)
        .await
        .into_iter()
        .filter(|p| p.academic_year == year("2025/26"))
        .collect();
    assert_eq!(
        this_year,
        vec![Participation::new(
            urn(100_001),
            year("2025/26"),
            Stage::Embedding,
            Outcome::Withdrawn
        )]
    );
    assert_eq!(
        (
            members(&t.db, embedding).await,
            members(&t.db, co_requisite).await
        ),
        (0, 0),
        "a withdrawn department leaves its places free"
    );
    assert_eq!(outbox(&t.db).await, ["School 1: your application"]);
}

#[tokio::test]
async fn history_is_imported_all_or_nothing_and_follows_predecessors() {
    let t = TestDb::new().await;
    hub_with_schools(&t, 2).await;
    let mut lcw_lower = record(3, 1, "2022/23", Stage::Embedding, Outcome::Completed);
    lcw_lower.hub_code = Some("lcw".into());
    lcw_lower.programme_code = Some("NCP21-13".into());
    let good = [
        record(2, 1, "2021/22", Stage::Development, Outcome::Completed),
        lcw_lower,
    ];
    let summary =
        t.db.import_history(&good, "good.csv", &operator(), NOW)
            .await
            .expect("import");
    assert_eq!(
        (
            summary.read,
            summary.inserted,
            summary.updated,
            summary.unchanged
        ),
        (2, 2, 0, 0)
    );
    let again =
        t.db.import_history(&good, "good.csv", &operator(), NOW)
            .await
            .expect("import");
    assert_eq!(
        (again.read, again.inserted, again.updated, again.unchanged),
        (2, 0, 0, 2)
    );
    let timeline = t.db.timeline(urn(100_001)).await.expect("timeline");
    assert_eq!(
        timeline[1].hub_code.as_deref(),
        Some("LCW"),
        "as the hub writes it"
    );

    let bad = [
        record(2, 2, "2021/22", Stage::Development, Outcome::Completed),
        record(3, 999, "2021/22", Stage::Development, Outcome::Completed),
        HistoryRecord {
            hub_code: Some("NOPE".into()),
            ..record(4, 2, "2022/23", Stage::Embedding, Outcome::Completed)
        },
        record(5, 2, "2021/22", Stage::Development, Outcome::NotCompleted),
    ];
    let Err(HistoryImportError::Rows(errors)) =
        t.db.import_history(&bad, "bad.csv", &operator(), NOW).await
    else {
        panic!("the bad file was imported");
    };
    let found: Vec<_> = errors.iter().map(|e| (e.line, e.column)).collect();
    assert_eq!(found, vec![(3, "urn"), (4, "hub"), (5, "urn")]);
    assert!(
        errors[2].message.contains("already, on line 2"),
        "{errors:?}"
    );
    assert!(
        history_of(&t.db, 2).await.is_empty(),
        "nothing half-imported"
    );

    // School 100002 becomes an academy, 100003, whose register entry names it as predecessor
    // only from the old school's side (a successor link).
    import(
        &t.db,
        &[
            school(100_001, "School 1"),
            school(100_002, "School 2"),
            school(100_003, "School 2 Academy"),
        ],
    )
    .await;
    let mut links = t.db.begin_link_import("links.csv").await.expect("links");
    links
        .add(masteryhub_store::links_import::NewLink {
            urn: 100_002,
            link_urn: 100_003,
            link_name: "School 2 Academy".into(),
            link_type: "Successor".into(),
            direction: masteryhub_store::links_import::LinkDirection::Successor,
            established: None,
        })
        .await
        .expect("add");
    links.finish(NOW).await.expect("finish");
    t.db.import_history(
        &[record(
            2,
            2,
            "2021/22",
            Stage::Development,
            Outcome::Completed,
        )],
        "old.csv",
        &operator(),
        NOW,
    )
    .await
    .expect("import");
    assert_eq!(
        t.db.lineage(urn(100_003)).await.expect("lineage"),
        vec![urn(100_003), urn(100_002)]
    );
    let history = history_of(&t.db, 3).await;
    assert_eq!(history.len(), 1);
    assert_eq!(history[0].urn, urn(100_002));
    let timeline = t.db.timeline(urn(100_003)).await.expect("timeline");
    assert_eq!(timeline[0].school_name, "School 2");
}

#[tokio::test]
async fn concurrent_acceptances_never_overfill_a_work_group() {
    let t = TestDb::new().await;
    hub_with_schools(&t, 4).await;
    let one_place = open_group(&t.db, "2025/26", "Camden Development", "STM21-02", 1).await;
    let mut apps = Vec::new();
    for n in 1..=4 {
        apps.push(submitted(&t.db, n, "2025/26", Stage::Development, Some(one_place)).await);
    }
    let tasks: Vec<_> = apps
        .iter()
        .map(|&app| {
            let db = t.db.clone();
            tokio::spawn(async move {
                db.move_application(app, &to(ApplicationStatus::Accepted), &operator(), NOW)
                    .await
            })
        })
        .collect();
    let mut accepted = 0;
    for task in tasks {
        if task.await.expect("task").is_ok() {
            accepted += 1;
        }
    }
    assert_eq!(accepted, 1, "exactly one department takes the place");
    assert_eq!(members(&t.db, one_place).await, 1);
}

#[tokio::test]
async fn many_departments_histories_are_read_together_and_agree_with_one_at_a_time() {
    use masteryhub_store::links_import::{LinkDirection, NewLink};
    let t = TestDb::new().await;
    hub_with_schools(&t, 6).await;
    // 100001 → 100002 (a predecessor link on the new school) → 100003 (a successor link on the
    // old school); 100004 and 100005 stand alone; 100006 has no history at all.
    let mut links = t.db.begin_link_import("links.csv").await.expect("links");
    for (urn, link_urn, link_type, direction) in [
        (100_002, 100_001, "Predecessor", LinkDirection::Predecessor),
        (100_002, 100_003, "Successor", LinkDirection::Successor),
    ] {
        links
            .add(NewLink {
                urn,
                link_urn,
                link_name: String::new(),
                link_type: link_type.into(),
                direction,
                established: None,
            })
            .await
            .expect("add");
    }
    links.finish(NOW).await.expect("finish");
    let rows = [
        record(2, 1, "2021/22", Stage::Development, Outcome::Completed),
        record(3, 2, "2022/23", Stage::Embedding, Outcome::Completed),
        record(4, 3, "2023/24", Stage::Sustaining, Outcome::InProgress),
        record(5, 4, "2024/25", Stage::Development, Outcome::NotCompleted),
        record(6, 5, "2024/25", Stage::Development, Outcome::Completed),
        record(7, 5, "2025/26", Stage::Embedding, Outcome::InProgress),
    ];
    t.db.import_history(&rows, "history.csv", &operator(), NOW)
        .await
        .expect("import");
    let all: Vec<Urn> = (1..=6).map(|n| urn(100_000 + n)).collect();
    let together = t.db.departments_history(&all).await.expect("batch");
    assert_eq!(together.len(), 6, "every department asked for is answered");
    for department in &all {
        let mut one = t.db.department_history(*department).await.expect("one");
        let mut batch = together[department].clone();
        one.sort_by_key(|p| (p.urn, p.academic_year, p.stage));
        batch.sort_by_key(|p| (p.urn, p.academic_year, p.stage));
        assert_eq!(one, batch, "{department}");
    }
    let years =
        |n: u32| -> Vec<Urn> { together[&urn(100_000 + n)].iter().map(|p| p.urn).collect() };
    assert_eq!(years(3).len(), 3, "three generations");
    assert!(years(3).contains(&urn(100_001)));
    assert_eq!(
        years(1),
        vec![urn(100_001)],
        "a predecessor does not inherit its successor's years"
    );
    assert!(together[&urn(100_006)].is_empty());
    assert_eq!(
        t.db.lineage(urn(100_003)).await.expect("lineage"),
        vec![urn(100_003), urn(100_002), urn(100_001)],
        "generation by generation"
    );
}
