//! Every state change decides once: the same change fired by many tasks at once (on a
//! multi-threaded runtime, against one pool) succeeds exactly once; every other copy is refused
//! with a `Conflict` (never a database error), and what the change writes — rows, emails, audit
//! events — is there exactly once. Run on both engines (`TEST_DATABASE_URL`).

use std::collections::BTreeMap;

use masteryhub_domain::pathway::{ApplicationStatus, Outcome, Participation, Stage};
use masteryhub_domain::{AcademicYear, Email, Role, RoleGrant};
use masteryhub_store::one_time_links::{LinkPurpose, NewLink};
use masteryhub_store::outbox::OutgoingEmail;
use masteryhub_store::pathway::applications::{ApplicationFields, Move};
use masteryhub_store::pathway::catalogue::ProgrammeChange;
use masteryhub_store::pathway::history::HistoryRecord;
use masteryhub_store::pathway::specialists::{Nomination, SpecialistDecision};
use masteryhub_store::pathway::work_groups::WorkGroupFields;
use masteryhub_store::people::Added;
use masteryhub_store::testing::TestDb;
use masteryhub_store::{Db, StoreError};

use crate::support::{
    NOW, RACERS, assignment, import, one_winner, operator, race, school, tally, urn,
};

fn year(text: &str) -> AcademicYear {
    AcademicYear::parse(text).expect("valid year")
}

/// Schools 100001..=1000NN in Camden, served by hub LCW.
async fn hub_with_schools(db: &Db, count: u32) {
    let schools: Vec<_> = (1..=count)
        .map(|n| school(100_000 + n, &format!("School {n}")))
        .collect();
    import(db, &schools).await;
    db.import_hubs(
        &[assignment(
            "LCW",
            "London Central and West",
            "202",
            "Camden",
        )],
        "hubs.csv",
        NOW,
    )
    .await
    .expect("hubs");
}

fn email(subject: &str) -> OutgoingEmail {
    OutgoingEmail {
        to_address: "someone@school.example".into(),
        to_name: "Someone".into(),
        subject: subject.into(),
        body: "Hello.".into(),
    }
}

/// The subjects of the emails waiting in the outbox.
async fn outbox(db: &Db) -> Vec<String> {
    db.pending_emails(1000)
        .await
        .expect("outbox")
        .into_iter()
        .map(|e| e.subject)
        .collect()
}

/// The actions of a record's audit trail, oldest first.
async fn trail(db: &Db, record_type: &str, id: impl ToString) -> Vec<String> {
    db.audit_history(record_type, &id.to_string())
        .await
        .expect("audit")
        .into_iter()
        .map(|e| e.action)
        .collect()
}

async fn nomination(db: &Db) -> i64 {
    let nomination = Nomination {
        urn: 100_001,
        academic_year: year("2026/27"),
        teacher_name: "Tess Teacher".into(),
        teacher_email: "tess@school.example".into(),
        qualified_teacher_status: true,
        years_teaching_mathematics: 5,
        lead_teacher_statement: "I lead KS3 maths.".into(),
        senior_leader_name: "Sam Senior".into(),
        senior_leader_statement: "We support Tess.".into(),
    };
    db.nominate_specialist(&nomination, &[], &operator(), NOW)
        .await
        .expect("nominate")
}

fn decision(accept: bool) -> SpecialistDecision {
    SpecialistDecision {
        accept,
        scores: BTreeMap::from([("qualified_teacher_status".to_owned(), 3)]),
        reason: (!accept).then(|| "Not this year.".to_owned()),
        emails: vec![email(if accept {
            "nomination accepted"
        } else {
            "nomination declined"
        })],
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn parallel_accepts_of_one_nomination_decide_it_once() {
    let t = TestDb::new().await;
    hub_with_schools(&t.db, 1).await;
    let id = nomination(&t.db).await;
    let results = race(RACERS, |_| {
        let db = t.db.clone();
        async move {
            db.decide_specialist_application(id, &decision(true), &operator(), NOW)
                .await
        }
    })
    .await;
    one_winner(results, "This nomination has been decided already");
    assert_eq!(
        t.db.hub_specialists("LCW")
            .await
            .expect("specialists")
            .len(),
        1,
        "one specialist in training"
    );
    assert_eq!(outbox(&t.db).await, ["nomination accepted"]);
    assert_eq!(
        trail(&t.db, "specialist_application", id).await,
        ["submitted", "accepted"]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn an_accept_and_a_decline_racing_decide_a_nomination_once() {
    let t = TestDb::new().await;
    hub_with_schools(&t.db, 1).await;
    let id = nomination(&t.db).await;
    let results = race(RACERS, |i| {
        let db = t.db.clone();
        async move {
            db.decide_specialist_application(id, &decision(i % 2 == 0), &operator(), NOW)
                .await
        }
    })
    .await;
    one_winner(results, "This nomination has been decided already");
    let decided =
        t.db.specialist_application(id)
            .await
            .expect("read")
            .expect("exists");
    let specialists =
        t.db.hub_specialists("LCW")
            .await
            .expect("specialists")
            .len();
    let emails = outbox(&t.db).await;
    match decided.status.as_str() {
        "accepted" => {
            assert_eq!(specialists, 1);
            assert_eq!(emails, ["nomination accepted"]);
        }
        "declined" => {
            assert_eq!(specialists, 0);
            assert_eq!(emails, ["nomination declined"]);
        }
        other => panic!("the nomination is {other}"),
    }
    assert_eq!(trail(&t.db, "specialist_application", id).await.len(), 2);
}

#[tokio::test]
async fn deciding_an_unknown_nomination_is_not_found() {
    let t = TestDb::new().await;
    hub_with_schools(&t.db, 1).await;
    let result =
        t.db.decide_specialist_application(999_999, &decision(true), &operator(), NOW)
            .await;
    assert!(matches!(result, Err(StoreError::NotFound(_))), "{result:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn parallel_accreditations_of_one_specialist_record_it_once() {
    let t = TestDb::new().await;
    hub_with_schools(&t.db, 1).await;
    let id = nomination(&t.db).await;
    t.db.decide_specialist_application(id, &decision(true), &operator(), NOW)
        .await
        .expect("accept");
    let specialist = t.db.hub_specialists("LCW").await.expect("specialists")[0].id;
    let results = race(RACERS, |_| {
        let db = t.db.clone();
        async move {
            db.accredit_specialist(specialist, year("2028/29"), &operator(), NOW)
                .await
        }
    })
    .await;
    one_winner(results, "accreditation has been recorded already (2028/29)");
    assert_eq!(trail(&t.db, "specialist", specialist).await, ["accredited"]);
    let unknown =
        t.db.accredit_specialist(999_999, year("2028/29"), &operator(), NOW)
            .await;
    assert!(
        matches!(unknown, Err(StoreError::NotFound(_))),
        "{unknown:?}"
    );
}

// Applications.

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

/// A move as the web makes it: decided on the status the person saw, with an email.
fn seen(from: ApplicationStatus, to: ApplicationStatus) -> Move {
    Move {
        from: Some(from),
        to,
        reason: (to == ApplicationStatus::Declined).then(|| "No places.".to_owned()),
        work_group_id: None,
        emails: vec![email(to.as_str())],
    }
}

async fn open_group(db: &Db, name: &str, code: &str, capacity: i32) -> i64 {
    let fields = WorkGroupFields {
        name: name.into(),
        programme_code: code.into(),
        focus: "Mathematical Thinking for GCSE".into(),
        lead_person_id: None,
        capacity,
        status: "recruiting".into(),
    };
    db.create_work_group("LCW", year("2025/26"), &fields, &operator(), NOW)
        .await
        .expect("open Work Group")
}

async fn draft(db: &Db, n: u32, stage: Stage, group: Option<i64>) -> i64 {
    let id = db
        .create_application(
            100_000 + i64::from(n),
            year("2025/26"),
            stage,
            &operator(),
            NOW,
        )
        .await
        .expect("start");
    db.save_application(id, &fields(group), &operator(), NOW)
        .await
        .expect("save");
    id
}

async fn submitted(db: &Db, n: u32, stage: Stage, group: Option<i64>) -> i64 {
    let id = draft(db, n, stage, group).await;
    let submit = Move {
        emails: Vec::new(),
        ..seen(ApplicationStatus::Draft, ApplicationStatus::Submitted)
    };
    db.move_application(id, &submit, &operator(), NOW)
        .await
        .expect("submit");
    id
}

async fn members(db: &Db, group: i64) -> i64 {
    db.work_group(group)
        .await
        .expect("read")
        .expect("exists")
        .members
}

async fn status(db: &Db, id: i64) -> String {
    db.application(id)
        .await
        .expect("read")
        .expect("exists")
        .status
}

/// Moves `id` by `RACERS` tasks at once, the `i`th making `change(i)`.
async fn race_moves(
    db: &Db,
    id: i64,
    change: impl Fn(usize) -> Move,
) -> Vec<Result<(), StoreError>> {
    race(RACERS, |i| {
        let db = db.clone();
        let change = change(i);
        async move { db.move_application(id, &change, &operator(), NOW).await }
    })
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn parallel_starts_of_one_application_make_one_draft() {
    let t = TestDb::new().await;
    hub_with_schools(&t.db, 1).await;
    let results = race(RACERS, |_| {
        let db = t.db.clone();
        async move {
            db.create_application(
                100_001,
                year("2025/26"),
                Stage::Development,
                &operator(),
                NOW,
            )
            .await
        }
    })
    .await;
    let id = one_winner(
        results,
        "The school already has an application for Development in 2025/26 (draft)",
    );
    let applications = t.db.school_applications(100_001).await.expect("read");
    assert_eq!(applications.iter().map(|a| a.id).collect::<Vec<_>>(), [id]);
    assert_eq!(trail(&t.db, "application", id).await, ["started"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn parallel_submissions_submit_once() {
    let t = TestDb::new().await;
    hub_with_schools(&t.db, 1).await;
    let id = draft(&t.db, 1, Stage::Development, None).await;
    let results = race_moves(&t.db, id, |_| {
        seen(ApplicationStatus::Draft, ApplicationStatus::Submitted)
    })
    .await;
    one_winner(results, "This application is submitted already");
    assert_eq!(status(&t.db, id).await, "submitted");
    assert_eq!(outbox(&t.db).await, ["submitted"]);
    assert_eq!(
        trail(&t.db, "application", id).await,
        ["started", "draft saved", "submitted"]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn parallel_saves_and_a_submission_never_change_a_submitted_application() {
    let t = TestDb::new().await;
    hub_with_schools(&t.db, 1).await;
    let id = draft(&t.db, 1, Stage::Development, None).await;
    // Racer 0 submits; the others save a different senior leader.
    let results = race(RACERS, |i| {
        let db = t.db.clone();
        async move {
            if i == 0 {
                let submit = seen(ApplicationStatus::Draft, ApplicationStatus::Submitted);
                db.move_application(id, &submit, &operator(), NOW).await
            } else {
                let mut changed = fields(None);
                changed.senior_leader_name = format!("Leader {i}");
                db.save_application(id, &changed, &operator(), NOW).await
            }
        }
    })
    .await;
    let submitted = &results[0];
    assert!(submitted.is_ok(), "the submission is made: {submitted:?}");
    let tally = tally(results);
    for message in &tally.conflicts {
        assert_eq!(
            message,
            "This application is submitted: only a draft can be changed"
        );
    }
    let saves = tally.won.len() - 1;
    let actions = trail(&t.db, "application", id).await;
    assert_eq!(
        actions.iter().filter(|a| *a == "draft saved").count(),
        1 + saves,
        "each save made is in the trail: {actions:?}"
    );
    assert_eq!(
        actions.last().map(String::as_str),
        Some("submitted"),
        "no save lands after the submission: {actions:?}"
    );
    let sent = t.db.application(id).await.expect("read").expect("exists");
    assert_eq!(sent.status, "submitted");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn parallel_acceptances_enrol_the_department_once_with_its_co_requisite() {
    let t = TestDb::new().await;
    hub_with_schools(&t.db, 1).await;
    t.db.import_history(
        &[HistoryRecord {
            line: 2,
            participation: Participation::new(
                urn(100_001),
                year("2024/25"),
                Stage::Development,
                Outcome::Completed,
            ),
            programme_code: None,
            hub_code: Some("LCW".into()),
        }],
        "history.csv",
        &operator(),
        NOW,
    )
    .await
    .expect("history");
    let embedding = open_group(&t.db, "Camden Embedding", "NCP21-13", 4).await;
    let sustaining = open_group(&t.db, "Camden E&S", "NCP21-14", 6).await;
    let id = submitted(&t.db, 1, Stage::Embedding, Some(embedding)).await;
    let results = race_moves(&t.db, id, |_| {
        seen(ApplicationStatus::Submitted, ApplicationStatus::Accepted)
    })
    .await;
    one_winner(results, "This application is accepted already");
    assert_eq!(status(&t.db, id).await, "accepted");
    assert_eq!(
        (
            members(&t.db, embedding).await,
            members(&t.db, sustaining).await
        ),
        (1, 1),
        "one place in the group and one in its co-requisite"
    );
    let this_year: Vec<_> =
        t.db.department_history(urn(100_001))
            .await
            .expect("history")
            .into_iter()
            .filter(|p| p.academic_year == year("2025/26"))
            .collect();
    assert_eq!(this_year.len(), 1);
    assert_eq!(outbox(&t.db).await, ["accepted"]);
    assert_eq!(
        trail(&t.db, "application", id).await,
        ["started", "draft saved", "submitted", "accepted"]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn an_acceptance_a_waitlisting_and_a_decline_racing_decide_once() {
    let t = TestDb::new().await;
    hub_with_schools(&t.db, 1).await;
    let group = open_group(&t.db, "Camden Development", "STM21-02", 4).await;
    let id = submitted(&t.db, 1, Stage::Development, Some(group)).await;
    let decisions = [
        ApplicationStatus::Accepted,
        ApplicationStatus::Waitlisted,
        ApplicationStatus::Declined,
    ];
    let results = race_moves(&t.db, id, |i| {
        seen(ApplicationStatus::Submitted, decisions[i % decisions.len()])
    })
    .await;
    one_winner(results, "This application ");
    let decided = status(&t.db, id).await;
    assert_eq!(outbox(&t.db).await, std::slice::from_ref(&decided));
    assert_eq!(
        trail(&t.db, "application", id).await,
        ["started", "draft saved", "submitted", decided.as_str()]
    );
    let placed = i64::from(decided == "accepted");
    assert_eq!(members(&t.db, group).await, placed);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn parallel_withdrawals_withdraw_once() {
    let t = TestDb::new().await;
    hub_with_schools(&t.db, 1).await;
    let group = open_group(&t.db, "Camden Development", "STM21-02", 4).await;
    let id = submitted(&t.db, 1, Stage::Development, Some(group)).await;
    let accept = seen(ApplicationStatus::Submitted, ApplicationStatus::Accepted);
    t.db.move_application(id, &accept, &operator(), NOW)
        .await
        .expect("accept");
    let results = race_moves(&t.db, id, |_| {
        seen(ApplicationStatus::Accepted, ApplicationStatus::Withdrawn)
    })
    .await;
    one_winner(results, "This application is withdrawn already");
    assert_eq!(status(&t.db, id).await, "withdrawn");
    assert_eq!(members(&t.db, group).await, 0);
    assert_eq!(outbox(&t.db).await, ["accepted", "withdrawn"]);
    assert_eq!(
        trail(&t.db, "application", id).await,
        [
            "started",
            "draft saved",
            "submitted",
            "accepted",
            "withdrawn"
        ]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn acceptances_racing_a_capacity_change_never_overfill_a_work_group() {
    let t = TestDb::new().await;
    hub_with_schools(&t.db, 6).await;
    let group = open_group(&t.db, "Camden Development", "STM21-02", 6).await;
    let mut apps = Vec::new();
    for n in 1..=6 {
        apps.push(submitted(&t.db, n, Stage::Development, Some(group)).await);
    }
    let shrink = WorkGroupFields {
        name: "Camden Development".into(),
        programme_code: "STM21-02".into(),
        focus: "Mathematical Thinking for GCSE".into(),
        lead_person_id: None,
        capacity: 2,
        status: "recruiting".into(),
    };
    // Six acceptances and six attempts to shrink the group to two places.
    let results = race(RACERS, |i| {
        let db = t.db.clone();
        let (app, shrink, accepting) = (apps[i % apps.len()], shrink.clone(), i < apps.len());
        async move {
            if accepting {
                let accept = seen(ApplicationStatus::Submitted, ApplicationStatus::Accepted);
                db.move_application(app, &accept, &operator(), NOW).await
            } else {
                db.update_work_group(group, &shrink, &operator(), NOW).await
            }
        }
    })
    .await;
    for result in &results {
        match result {
            Ok(()) | Err(StoreError::Invalid(_)) => {}
            other => panic!("a racer failed other than by a refusal: {other:?}"),
        }
    }
    let wg = t.db.work_group(group).await.expect("read").expect("exists");
    assert!(
        wg.members <= i64::from(wg.capacity),
        "{} departments in a group of {}",
        wg.members,
        wg.capacity
    );
    let accepted = results[..apps.len()].iter().filter(|r| r.is_ok()).count();
    assert_eq!(i64::try_from(accepted).expect("small"), wg.members);
}

// The catalogue.

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn parallel_copies_of_a_catalogue_copy_it_once() {
    let t = TestDb::new().await;
    let (from, to) = (year("2024/25"), year("2025/26"));
    t.db.save_catalogue(from).await.expect("save");
    let results = race(RACERS, |_| {
        let db = t.db.clone();
        async move { db.copy_catalogue(from, to, &operator(), NOW).await }
    })
    .await;
    assert_eq!(one_winner(results, "2025/26 has a catalogue already"), 7);
    assert_eq!(t.db.programmes(to).await.expect("programmes").len(), 7);
    assert_eq!(
        t.db.foci(to).await.expect("foci"),
        t.db.foci(from).await.expect("foci")
    );
    assert_eq!(
        trail(&t.db, "catalogue", "2025/26").await,
        ["copied from 2024/25"]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_copy_racing_the_first_work_groups_of_a_year_never_mixes_two_catalogues() {
    let t = TestDb::new().await;
    let (from, to) = (year("2024/25"), year("2025/26"));
    t.db.save_catalogue(from).await.expect("save");
    let embedding =
        t.db.catalogue(from)
            .await
            .expect("catalogue")
            .into_iter()
            .find(|e| e.programme.stage == Stage::Embedding)
            .and_then(|e| e.id)
            .expect("stored");
    let renamed = ProgrammeChange {
        title: "Embedding, as 2024/25 ran it".into(),
        support_days: Some(3),
        group_size: None,
        funding_per_school: None,
    };
    t.db.update_programme(embedding, &renamed, &operator(), NOW)
        .await
        .expect("rename");
    t.db.import_hubs(
        &[assignment(
            "LCW",
            "London Central and West",
            "202",
            "Camden",
        )],
        "hubs.csv",
        NOW,
    )
    .await
    .expect("hubs");
    // Half copy 2024/25 into 2025/26; half open a Work Group there, which stores the seed.
    let results = race(RACERS, |i| {
        let db = t.db.clone();
        async move {
            if i % 2 == 0 {
                db.copy_catalogue(from, to, &operator(), NOW)
                    .await
                    .map(|_| ())
            } else {
                open_group(&db, &format!("Group {i}"), "STM21-02", 4).await;
                Ok(())
            }
        }
    })
    .await;
    let tally = tally(results);
    assert!(tally.won.len() >= RACERS / 2, "{tally:?}");
    let programmes = t.db.programmes(to).await.expect("programmes");
    assert_eq!(programmes.len(), 7, "one catalogue: {programmes:?}");
    let copied = programmes
        .iter()
        .any(|p| p.title == "Embedding, as 2024/25 ran it");
    assert_eq!(
        copied,
        tally.won.len() > RACERS / 2,
        "copied exactly when a copy won"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn changes_to_the_foci_racing_are_made_in_turn_each_recording_what_it_replaced() {
    let t = TestDb::new().await;
    let y = year("2025/26");
    let results = race(RACERS, |i| {
        let db = t.db.clone();
        async move {
            let foci = vec![format!("Focus {i}"), "Years 7–11 Coherence".to_owned()];
            db.set_foci(y, &foci, &operator(), NOW).await
        }
    })
    .await;
    assert_eq!(tally(results).won.len(), RACERS);
    let events =
        t.db.audit_history("catalogue", "2025/26")
            .await
            .expect("audit");
    assert_eq!(events.len(), RACERS);
    for pair in events.windows(2) {
        assert_eq!(
            pair[1].before_json, pair[0].after_json,
            "each change replaced the one before it"
        );
    }
    let last: Vec<String> = serde_json::from_str(
        events
            .last()
            .and_then(|e| e.after_json.as_deref())
            .expect("after"),
    )
    .expect("json");
    assert_eq!(t.db.foci(y).await.expect("foci"), last);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn edits_of_a_programme_racing_are_made_in_turn_each_recording_what_it_replaced() {
    let t = TestDb::new().await;
    let y = year("2025/26");
    t.db.save_catalogue(y).await.expect("save");
    let id = t.db.catalogue(y).await.expect("catalogue")[0]
        .id
        .expect("stored");
    let results = race(RACERS, |i| {
        let db = t.db.clone();
        async move {
            let change = ProgrammeChange {
                title: format!("Title {i}"),
                support_days: Some(u8::try_from(i).expect("small")),
                group_size: None,
                funding_per_school: None,
            };
            db.update_programme(id, &change, &operator(), NOW).await
        }
    })
    .await;
    assert!(tally(results).won.iter().all(|changed| *changed));
    let events =
        t.db.audit_history("programme", &id.to_string())
            .await
            .expect("audit");
    assert_eq!(events.len(), RACERS);
    for pair in events.windows(2) {
        assert_eq!(pair[1].before_json, pair[0].after_json);
    }
}

// People, links, tokens and schools.

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn parallel_grants_to_a_new_address_add_one_person() {
    let t = TestDb::new().await;
    hub_with_schools(&t.db, 1).await;
    let grant = RoleGrant::new(Role::HubLead, Some("LCW"), None).expect("grant");
    let results = race(RACERS, |i| {
        let db = t.db.clone();
        let grant = grant.clone();
        async move {
            // The same address, written in different cases.
            let address = if i % 2 == 0 {
                "New.Lead@Hub.example"
            } else {
                "new.lead@hub.example"
            };
            let email = Email::parse(address).expect("email");
            db.add_person_with_role(&email, "New Lead", &grant, &operator(), NOW)
                .await
        }
    })
    .await;
    let added = tally(results).won;
    assert_eq!(added.len(), RACERS, "nobody is refused: {added:?}");
    let new: Vec<_> = added
        .iter()
        .filter(|a| matches!(a, Added::NewPerson(_)))
        .collect();
    assert_eq!(new.len(), 1, "{added:?}");
    let Added::NewPerson(id) = new[0] else {
        unreachable!()
    };
    assert!(
        added
            .iter()
            .all(|a| matches!(a, Added::NewPerson(p) | Added::Unchanged(p) if p == id)),
        "{added:?}"
    );
    assert_eq!(t.db.roles_of(*id).await.expect("roles").len(), 1);
    assert_eq!(trail(&t.db, "person", id).await, ["added with a role"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_reset_link_used_in_parallel_sets_the_password_once() {
    let t = TestDb::new().await;
    hub_with_schools(&t.db, 1).await;
    let grant = RoleGrant::new(Role::HubLead, Some("LCW"), None).expect("grant");
    let address = Email::parse("lead@hub.example").expect("email");
    t.db.add_person_with_role(&address, "Lea Lead", &grant, &operator(), NOW)
        .await
        .expect("add");
    let link = NewLink {
        token_hash: "hash-of-the-secret",
        expires_at: NOW + time::Duration::HOUR,
    };
    let sent =
        t.db.start_password_reset(&address, &link, NOW, |_| email("reset"))
            .await
            .expect("reset");
    assert!(sent);
    let results = race(RACERS, |i| {
        let db = t.db.clone();
        async move {
            db.set_password_by_link(
                "hash-of-the-secret",
                LinkPurpose::PasswordReset,
                &format!("password-hash-{i}"),
                NOW,
            )
            .await
        }
    })
    .await;
    let used = tally(results).won;
    assert_eq!(
        used.iter().filter(|holder| holder.is_some()).count(),
        1,
        "one use; the others find the link spent: {used:?}"
    );
    let id = used.iter().flatten().next().expect("the holder").person_id;
    assert_eq!(
        trail(&t.db, "person", id).await,
        [
            "added with a role",
            "password reset emailed",
            "password reset"
        ]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn parallel_erasures_erase_once() {
    let t = TestDb::new().await;
    hub_with_schools(&t.db, 1).await;
    let grant = RoleGrant::new(Role::HubLead, Some("LCW"), None).expect("grant");
    let address = Email::parse("leaving@hub.example").expect("email");
    let Added::NewPerson(id) =
        t.db.add_person_with_role(&address, "Leo Leaving", &grant, &operator(), NOW)
            .await
            .expect("add")
    else {
        panic!("a new person")
    };
    let results = race(RACERS, |_| {
        let db = t.db.clone();
        async move { db.erase_person(id, &operator(), NOW).await }
    })
    .await;
    assert!(one_winner(
        results,
        "This person's personal data has been erased already"
    ));
    assert_eq!(
        trail(&t.db, "person", id).await,
        ["added with a role", "erased"]
    );
    assert!(
        !t.db
            .erase_person(999_999, &operator(), NOW)
            .await
            .expect("erase")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn parallel_revocations_of_a_token_revoke_it_once() {
    let t = TestDb::new().await;
    hub_with_schools(&t.db, 1).await;
    let grant = RoleGrant::new(Role::HubLead, Some("LCW"), None).expect("grant");
    let address = Email::parse("api@hub.example").expect("email");
    let Added::NewPerson(person) =
        t.db.add_person_with_role(&address, "Api User", &grant, &operator(), NOW)
            .await
            .expect("add")
    else {
        panic!("a new person")
    };
    let token =
        t.db.create_api_token(person, "token-hash", "reports", &operator(), NOW)
            .await
            .expect("token");
    let results = race(RACERS, |_| {
        let db = t.db.clone();
        async move { db.revoke_api_token(person, token, &operator(), NOW).await }
    })
    .await;
    let revoked = tally(results).won;
    assert_eq!(
        revoked.iter().filter(|r| **r).count(),
        1,
        "one revocation; the others find no live token: {revoked:?}"
    );
    let actions = trail(&t.db, "person", person).await;
    assert_eq!(
        actions.iter().filter(|a| *a == "API token revoked").count(),
        1
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn parallel_moves_of_a_school_move_it_once_and_parallel_returns_return_it_once() {
    let t = TestDb::new().await;
    import(&t.db, &[school(100_001, "School 1")]).await;
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
    let results = race(RACERS, |_| {
        let db = t.db.clone();
        async move {
            db.move_school_to_hub(urn(100_001), "JUR", "shared specialists", &operator(), NOW)
                .await
        }
    })
    .await;
    one_winner(results, "School 100001 has been moved to hub JUR already");
    let moved =
        t.db.school(urn(100_001))
            .await
            .expect("read")
            .expect("exists");
    assert_eq!(moved.hub.map(|h| h.code).as_deref(), Some("JUR"));

    let results = race(RACERS, |_| {
        let db = t.db.clone();
        async move {
            db.clear_school_hub_move(urn(100_001), &operator(), NOW)
                .await
        }
    })
    .await;
    let cleared = tally(results).won;
    assert_eq!(cleared.iter().filter(|c| **c).count(), 1, "{cleared:?}");
    let events = t.db.audit_history("school", "100001").await.expect("audit");
    assert_eq!(
        events.iter().map(|e| e.action.as_str()).collect::<Vec<_>>(),
        [
            "moved to another hub",
            "returned to the hub of its local authority"
        ]
    );
    let before: serde_json::Value =
        serde_json::from_str(events[1].before_json.as_deref().expect("before")).expect("json");
    assert_eq!(before["hub"], "JUR");
    assert_eq!(before["moved_by_hub_lead"], true);
}
