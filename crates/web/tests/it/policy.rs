//! Every route, walked as every role: allowed or refused exactly as the policy says, and a
//! refusal never tells that a record exists (a school or hub a person may not see is 404, as one
//! that does not exist). The expectations are written out by hand, not computed from the policy.

use std::collections::BTreeSet;

use masteryhub_domain::Role;

use crate::app::{Session, TestApp, TestResponse};
use crate::fixtures;

/// What a request should get.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Expect {
    /// 200.
    Ok,
    /// 303 to `/sign-in`.
    SignIn,
    /// 303 anywhere else (a form that did its work).
    Done,
    /// 401 (the API without a token).
    Unauthorized,
    Forbidden,
    NotFound,
}

use Expect::{Done, Forbidden as F, NotFound as N, Ok as Y, SignIn as S, Unauthorized as U};

/// A path and the form posted to it.
type Request = (String, String);

/// The people of the walk, in the order of each row's expectations.
const WHO: [&str; 9] = [
    "anonymous",
    "national admin",
    "national viewer",
    "hub lead of JUR",
    "Work Group Lead of JUR",
    "school leader of 137666",
    "head of maths of 137666",
    "Mastery Advocate of 137666",
    "teacher of 137666",
];

async fn people(app: &TestApp) -> Vec<Option<Session>> {
    let mut sessions = vec![None, Some(app.admin.clone())];
    for (email, role, hub, school) in [
        ("viewer@ncetm.example", Role::NationalViewer, None, None),
        ("lead@jur.example", Role::HubLead, Some("JUR"), None),
        ("wgl@jur.example", Role::WorkGroupLead, Some("JUR"), None),
        ("slt@school.example", Role::SchoolLeader, None, Some(137666)),
        ("hom@school.example", Role::HeadOfMaths, None, Some(137666)),
        (
            "ma@school.example",
            Role::MasteryAdvocate,
            None,
            Some(137666),
        ),
        ("t@school.example", Role::Teacher, None, Some(137666)),
    ] {
        sessions.push(Some(app.session_for(email, role, hub, school).await));
    }
    sessions
}

fn outcome(response: &TestResponse) -> Option<Expect> {
    let location = response
        .headers
        .get("location")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    match response.status.as_u16() {
        200 => Some(Y),
        303 if location == "/sign-in" || location.starts_with("/sign-in?next=") => Some(S),
        303 => Some(Done),
        401 => Some(U),
        403 => Some(F),
        404 => Some(N),
        _ => None,
    }
}

/// The route patterns the application declares, read from its source, so that a new route
/// without a row here fails this test.
fn declared_routes() -> BTreeSet<String> {
    let sources = [
        include_str!("../../src/lib.rs"),
        include_str!("../../src/api/mod.rs"),
    ];
    sources
        .iter()
        .flat_map(|source| source.split(".route(").skip(1))
        .filter_map(|rest| rest.trim_start().strip_prefix('"'))
        .filter_map(|rest| rest.split('"').next())
        .map(str::to_owned)
        .collect()
}

#[tokio::test]
async fn every_route_allows_and_refuses_each_role_as_the_policy_says() {
    let app = TestApp::new().await;
    let sessions = people(&app).await;
    let admin_id = app.admin.person_id;
    let fx = fixtures::Pathway::new(&app).await;
    let (jur_group, lcw_group) = (fx.jur_group, fx.lcw_group);
    // Drafts outside the years open to new applications, which the walk of /apply uses.
    let jur_app = fx.complete_draft(137666, fixtures::year(2060)).await;
    let lcw_app = fx.complete_draft(100050, fixtures::year(2060)).await;
    let next_year = fx.year_param.clone();
    let programme = fx.programme_id().await;
    let (jur_nomination, lcw_nomination) =
        (fx.nomination(137666).await, fx.nomination(100050).await);
    // A GET of each route: (pattern, path, expectation for each of WHO).
    let gets: Vec<(&str, String, [Expect; 9])> = vec![
        (
            "/hubs/{code}/specialists",
            "/hubs/JUR/specialists".into(),
            [S, Y, Y, Y, Y, N, N, N, N],
        ),
        (
            "/hubs/{code}/specialists",
            "/hubs/LCW/specialists".into(),
            [S, Y, Y, N, N, N, N, N, N],
        ),
        (
            "/schools/{urn}/nominate-specialist",
            "/schools/137666/nominate-specialist".into(),
            [S, Y, F, Y, F, Y, Y, F, F],
        ),
        (
            "/specialist-applications/{id}",
            format!("/specialist-applications/{jur_nomination}"),
            [S, Y, Y, Y, Y, Y, Y, Y, Y],
        ),
        (
            "/specialist-applications/{id}",
            format!("/specialist-applications/{lcw_nomination}"),
            [S, Y, Y, N, N, N, N, N, N],
        ),
        ("/rollover", "/rollover".into(), [S, Y, Y, Y, Y, Y, Y, Y, Y]),
        (
            "/hubs/{code}/rollover",
            "/hubs/JUR/rollover".into(),
            [S, Y, Y, Y, Y, N, N, N, N],
        ),
        (
            "/hubs/{code}/rollover",
            "/hubs/LCW/rollover".into(),
            [S, Y, Y, N, N, N, N, N, N],
        ),
        ("/", "/".into(), [Y; 9]),
        ("/healthz", "/healthz".into(), [Y; 9]),
        ("/assets/app.css", "/assets/app.css".into(), [Y; 9]),
        ("/sign-in", "/sign-in".into(), [Y; 9]),
        ("/password-reset", "/password-reset".into(), [Y; 9]),
        (
            "/password-reset/{token}",
            format!("/password-reset/{}", "0".repeat(64)),
            [N; 9],
        ),
        (
            "/invitations/{token}",
            format!("/invitations/{}", "0".repeat(64)),
            [N; 9],
        ),
        ("/schools", "/schools".into(), [S, Y, Y, Y, Y, Y, Y, Y, Y]),
        (
            "/schools/{urn}",
            "/schools/137666".into(),
            [S, Y, Y, Y, Y, Y, Y, Y, Y],
        ),
        (
            "/schools/{urn}",
            "/schools/100050".into(),
            [S, Y, Y, N, N, N, N, N, N],
        ),
        (
            "/schools/{urn}",
            "/schools/999999".into(),
            [S, N, N, N, N, N, N, N, N],
        ),
        (
            "/schools/{urn}/history",
            "/schools/137666/history".into(),
            [S, Y, Y, Y, Y, Y, Y, Y, Y],
        ),
        (
            "/schools/{urn}/history",
            "/schools/100050/history".into(),
            [S, Y, Y, N, N, N, N, N, N],
        ),
        (
            "/schools/{urn}/invite",
            "/schools/137666/invite".into(),
            [S, Y, F, Y, F, Y, Y, F, F],
        ),
        (
            "/schools/{urn}/invite",
            "/schools/100050/invite".into(),
            [S, Y, F, N, N, N, N, N, N],
        ),
        ("/hubs", "/hubs".into(), [S, Y, Y, Y, Y, Y, Y, Y, Y]),
        (
            "/hubs/{code}",
            "/hubs/JUR".into(),
            [S, Y, Y, Y, Y, N, N, N, N],
        ),
        (
            "/hubs/{code}",
            "/hubs/LCW".into(),
            [S, Y, Y, N, N, N, N, N, N],
        ),
        (
            "/hubs/{code}",
            "/hubs/NOPE".into(),
            [S, N, N, N, N, N, N, N, N],
        ),
        (
            "/hubs/{code}/history",
            "/hubs/JUR/history".into(),
            [S, Y, Y, Y, Y, N, N, N, N],
        ),
        (
            "/hubs/{code}/history",
            "/hubs/LCW/history".into(),
            [S, Y, Y, N, N, N, N, N, N],
        ),
        (
            "/account/tokens",
            "/account/tokens".into(),
            [S, Y, Y, Y, Y, Y, Y, Y, Y],
        ),
        (
            "/catalogue",
            "/catalogue".into(),
            [S, Y, Y, Y, Y, Y, Y, Y, Y],
        ),
        (
            "/catalogue/programmes/{id}",
            format!("/catalogue/programmes/{programme}"),
            [S, Y, F, F, F, F, F, F, F],
        ),
        (
            "/hubs/{code}/work-groups",
            "/hubs/JUR/work-groups".into(),
            [S, Y, Y, Y, Y, N, N, N, N],
        ),
        (
            "/hubs/{code}/work-groups",
            "/hubs/LCW/work-groups".into(),
            [S, Y, Y, N, N, N, N, N, N],
        ),
        (
            "/hubs/{code}/work-groups/new",
            "/hubs/JUR/work-groups/new".into(),
            [S, Y, F, Y, F, N, N, N, N],
        ),
        (
            "/work-groups/{id}",
            format!("/work-groups/{jur_group}"),
            [S, Y, Y, Y, Y, N, N, N, N],
        ),
        (
            "/work-groups/{id}",
            format!("/work-groups/{lcw_group}"),
            [S, Y, Y, N, N, N, N, N, N],
        ),
        (
            "/work-groups/{id}/edit",
            format!("/work-groups/{jur_group}/edit"),
            [S, Y, F, Y, F, N, N, N, N],
        ),
        (
            "/hubs/{code}/applications",
            "/hubs/JUR/applications".into(),
            [S, Y, Y, Y, Y, N, N, N, N],
        ),
        (
            "/hubs/{code}/applications",
            "/hubs/LCW/applications".into(),
            [S, Y, Y, N, N, N, N, N, N],
        ),
        (
            "/schools/{urn}/apply",
            "/schools/137666/apply".into(),
            [S, Y, F, Y, F, Y, Y, F, F],
        ),
        (
            "/schools/{urn}/apply",
            "/schools/100050/apply".into(),
            [S, Y, F, N, N, N, N, N, N],
        ),
        (
            "/applications/{id}",
            format!("/applications/{jur_app}"),
            [S, Y, Y, Y, Y, Y, Y, Y, Y],
        ),
        (
            "/applications/{id}",
            format!("/applications/{lcw_app}"),
            [S, Y, Y, N, N, N, N, N, N],
        ),
        (
            "/applications/{id}/{section}",
            format!("/applications/{jur_app}/advocates"),
            [S, Y, F, Y, F, Y, Y, F, F],
        ),
        (
            "/applications/{id}/{section}",
            format!("/applications/{lcw_app}/senior-leader"),
            [S, Y, F, N, N, N, N, N, N],
        ),
        (
            "/admin/people",
            "/admin/people".into(),
            [S, Y, N, N, N, N, N, N, N],
        ),
        (
            "/admin/people/{id}",
            format!("/admin/people/{admin_id}"),
            [S, Y, N, N, N, N, N, N, N],
        ),
        (
            "/admin/people/{id}/export",
            format!("/admin/people/{admin_id}/export"),
            [S, Y, N, N, N, N, N, N, N],
        ),
        (
            "/admin/people/{id}/history",
            format!("/admin/people/{admin_id}/history"),
            [S, Y, N, N, N, N, N, N, N],
        ),
        (
            "/admin/audit",
            "/admin/audit".into(),
            [S, Y, Y, N, N, N, N, N, N],
        ),
        (
            "/admin/outbox",
            "/admin/outbox".into(),
            [S, Y, N, N, N, N, N, N, N],
        ),
        ("/api/openapi.json", "/api/openapi.json".into(), [Y; 9]),
        (
            "/api/v1/schools",
            "/api/v1/schools".into(),
            [U, Y, Y, Y, Y, Y, Y, Y, Y],
        ),
        (
            "/api/v1/schools/{urn}",
            "/api/v1/schools/137666".into(),
            [U, Y, Y, Y, Y, Y, Y, Y, Y],
        ),
        (
            "/api/v1/schools/{urn}",
            "/api/v1/schools/100050".into(),
            [U, Y, Y, N, N, N, N, N, N],
        ),
        (
            "/api/v1/schools/{urn}/eligibility",
            "/api/v1/schools/137666/eligibility?stage=development&year=2025-26".into(),
            [U, Y, Y, Y, Y, Y, Y, Y, Y],
        ),
        (
            "/api/v1/hubs",
            "/api/v1/hubs".into(),
            [U, Y, Y, Y, Y, Y, Y, Y, Y],
        ),
        (
            "/api/v1/hubs/{code}",
            "/api/v1/hubs/JUR".into(),
            [U, Y, Y, Y, Y, N, N, N, N],
        ),
        (
            "/api/v1/hubs/{code}",
            "/api/v1/hubs/LCW".into(),
            [U, Y, Y, N, N, N, N, N, N],
        ),
        ("/api/{*rest}", "/api/v2/anything".into(), [N; 9]),
    ];
    let mut failures = Vec::new();
    for (_, path, expected) in &gets {
        for (i, session) in sessions.iter().enumerate() {
            let response = match session {
                Some(session) => app.get_as(path, &session.cookie).await,
                None => app.get_anonymous(path).await,
            };
            let got = outcome(&response);
            if got != Some(expected[i]) {
                failures.push(format!(
                    "GET {path} as {}: expected {:?}, got {} {got:?}",
                    WHO[i], expected[i], response.status
                ));
            }
        }
    }

    // State-changing routes, each with a valid form and the session's own CSRF token.
    let hidden = app
        .session_for("erase.me@school.example", Role::Teacher, None, Some(100050))
        .await;
    let posts: Vec<(&str, String, String, [Expect; 9])> = vec![
        (
            "/catalogue/foci",
            "/catalogue/foci?year=2027-28".into(),
            "foci=Mathematical+Thinking+for+GCSE%0D%0AYears+7%E2%80%9311+Coherence".into(),
            [S, Done, F, F, F, F, F, F, F],
        ),
        (
            "/schools/{urn}/nominate-specialist",
            "/schools/137666/nominate-specialist".into(),
            format!("year={next_year}&teacher_name=Tess&teacher_email=tess%40s.example&qualified_teacher_status=yes&years_teaching_mathematics=4&lead_teacher_statement=Yes&senior_leader_name=Sam&senior_leader_statement=Yes"),
            [S, Done, F, Done, F, Done, Done, F, F],
        ),
        (
            "/hubs/{code}/rollover",
            "/hubs/JUR/rollover".into(),
            String::new(),
            [S, Done, F, Done, F, N, N, N, N],
        ),
        (
            "/schools/{urn}/invite",
            "/schools/137666/invite".into(),
            "name=New+Teacher&email=new.teacher%40school.example&role=teacher".into(),
            [S, Done, F, Done, F, Done, Done, F, F],
        ),
        (
            "/schools/{urn}/invite",
            "/schools/100050/invite".into(),
            "name=New+Teacher&email=other.teacher%40school.example&role=teacher".into(),
            [S, Done, F, N, N, N, N, N, N],
        ),
        (
            "/admin/people/{id}/erase",
            format!("/admin/people/{}/erase", hidden.person_id),
            "confirm=yes".into(),
            [S, Done, N, N, N, N, N, N, N],
        ),
        (
            "/catalogue/copy",
            "/catalogue/copy?year=2028-29".into(),
            String::new(),
            [S, Done, F, F, F, F, F, F, F],
        ),
        (
            "/catalogue/save",
            "/catalogue/save?year=2029-30".into(),
            String::new(),
            [S, Done, F, F, F, F, F, F, F],
        ),
        (
            "/catalogue/programmes/{id}",
            format!("/catalogue/programmes/{programme}"),
            "title=Development+Work+Group&support_days=5&group_min=2&group_max=2&funding_pounds=2000".into(),
            [S, Done, F, F, F, F, F, F, F],
        ),
        (
            "/hubs/{code}/work-groups/new",
            format!("/hubs/JUR/work-groups/new?year={next_year}"),
            fx.group_form("Another group"),
            [S, Done, F, Done, F, N, N, N, N],
        ),
        (
            "/work-groups/{id}/edit",
            format!("/work-groups/{jur_group}/edit"),
            fx.group_form("Renamed group"),
            [S, Done, F, Done, F, N, N, N, N],
        ),
        (
            "/applications/{id}/{section}",
            format!("/applications/{jur_app}/advocates"),
            "advocate_1_name=Ann&advocate_1_email=ann%40school.example&advocate_2_name=Bo&advocate_2_email=bo%40school.example".into(),
            [S, Done, F, Done, F, Done, Done, F, F],
        ),
    ];
    for (_, path, form, expected) in &posts {
        // Refusals first, so that the one allowed change happens after every refusal was tried.
        let mut order: Vec<usize> = (0..WHO.len()).collect();
        order.sort_by_key(|&i| expected[i] == Done);
        for i in order {
            let response = match &sessions[i] {
                Some(session) => app.post_as(session, path, form).await,
                None => app.post(path, form, None, &[]).await,
            };
            let got = outcome(&response);
            if got != Some(expected[i]) {
                failures.push(format!(
                    "POST {path} as {}: expected {:?}, got {} {got:?}",
                    WHO[i], expected[i], response.status
                ));
            }
        }
    }
    // Moves of an application's status: a fresh application for each person.
    // (a year of its own each, since a school has one open application a stage and year).
    let mut moves: Vec<(&str, Vec<Request>, [Expect; 9])> = Vec::new();
    let (mut apply, mut submit, mut decide, mut withdraw) = (vec![], vec![], vec![], vec![]);
    let (mut score, mut accredit) = (vec![], vec![]);
    let scores: String = masteryhub_domain::pathway::specialists::CRITERIA
        .iter()
        .map(|c| format!("score_{}=1&", c.code))
        .collect();
    for i in 0..WHO.len() {
        let year = |base: usize| fixtures::year(base + i);
        // 137666 has a Development draft for 2027/28 already.
        // The department may apply for Preparatory or Development, this year or next: one
        // each for the four people who may apply (the rest are refused before anything).
        let (stage, when) = match i {
            1 => ("preparatory", "2026-27"),
            5 => ("preparatory", "2027-28"),
            6 => ("development", "2027-28"),
            _ => ("development", "2026-27"),
        };
        apply.push((
            "/schools/137666/apply".to_owned(),
            format!("stage={stage}&year={when}"),
        ));
        let draft = fx.complete_draft(137666, year(2030)).await;
        submit.push((format!("/applications/{draft}/submit"), String::new()));
        let sent = fx.submitted(137666, year(2040)).await;
        decide.push((
            format!("/applications/{sent}/decision"),
            "decision=waitlisted".to_owned(),
        ));
        let sent = fx.submitted(137666, year(2050)).await;
        withdraw.push((format!("/applications/{sent}/withdraw"), String::new()));
        let nominated = fx.nomination(137666).await;
        score.push((
            format!("/specialist-applications/{nominated}/decision"),
            format!("{scores}decision=declined&reason=Not+this+year"),
        ));
        // In year 3 of training (2026/27, the tests' current year): accreditation is due.
        let specialist = fx.specialist_from(137666, fixtures::year(2024)).await;
        accredit.push((format!("/specialists/{specialist}/accredit"), String::new()));
    }
    moves.push((
        "/schools/{urn}/apply",
        apply,
        [S, Done, F, Done, F, Done, Done, F, F],
    ));
    moves.push((
        "/applications/{id}/submit",
        submit,
        [S, Done, F, Done, F, Done, Done, F, F],
    ));
    moves.push((
        "/applications/{id}/decision",
        decide,
        [S, Done, F, Done, F, N, N, N, N],
    ));
    moves.push((
        "/applications/{id}/withdraw",
        withdraw,
        [S, Done, F, Done, F, Done, Done, F, F],
    ));
    moves.push((
        "/specialist-applications/{id}/decision",
        score,
        [S, Done, F, Done, F, N, N, N, N],
    ));
    moves.push((
        "/specialists/{id}/accredit",
        accredit,
        [S, Done, F, Done, F, N, N, N, N],
    ));
    for (_, requests, expected) in &moves {
        for (i, session) in sessions.iter().enumerate() {
            let (path, form) = &requests[i];
            let response = match session {
                Some(session) => app.post_as(session, path, form).await,
                None => app.post(path, form, None, &[]).await,
            };
            let got = outcome(&response);
            if got != Some(expected[i]) {
                failures.push(format!(
                    "POST {path} as {}: expected {:?}, got {} {got:?}",
                    WHO[i], expected[i], response.status
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));

    // Every route the application declares is walked above, or in the sign-in, token and
    // CSRF tests (the forms of signed-out people and of sessions).
    let walked: BTreeSet<String> = gets
        .iter()
        .map(|(pattern, ..)| (*pattern).to_owned())
        .chain(posts.iter().map(|(pattern, ..)| (*pattern).to_owned()))
        .chain(moves.iter().map(|(pattern, ..)| (*pattern).to_owned()))
        .chain(
            ["/sign-out", "/account/tokens/{id}/revoke"]
                .into_iter()
                .map(str::to_owned),
        )
        .collect();
    let missing: Vec<_> = declared_routes().difference(&walked).cloned().collect();
    assert!(missing.is_empty(), "routes with no row: {missing:?}");
}

#[tokio::test]
async fn lists_and_searches_show_only_what_a_person_may_see() {
    let app = TestApp::new().await;
    let lead = app
        .session_for("lead@jur.example", Role::HubLead, Some("JUR"), None)
        .await;
    let head = app
        .session_for("hom@school.example", Role::HeadOfMaths, None, Some(100050))
        .await;

    let all = app.get("/api/v1/schools?q=school").await.json();
    assert_eq!(all["total"], 2, "{all}");

    let in_hub = app.get_as("/schools?q=school", &lead.cookie).await;
    assert!(in_hub.body.contains("Chudleigh Knighton Secondary School"));
    assert!(!in_hub.body.contains("Camden School for Girls"));
    let everything = app.get_as("/schools", &lead.cookie).await;
    assert!(
        everything.body.contains("62 schools"),
        "the hub's 62 Devon schools"
    );

    let own = app.get_as("/schools", &head.cookie).await;
    assert!(own.body.contains("Camden School for Girls"));
    assert!(own.body.contains("1 school"));
    assert!(!own.body.contains("Hampstead"));

    let hubs = app.get_as("/hubs", &lead.cookie).await;
    assert!(hubs.body.contains("Jurassic Maths Hub"));
    assert!(!hubs.body.contains("London Central and West"));
    let none = app.get_as("/hubs", &head.cookie).await;
    assert!(!none.body.contains("Jurassic Maths Hub") && !none.body.contains("London Central"));

    // The API filters by the same rule, through a session or a token alike.
    let api = app
        .get_as("/api/v1/schools?q=chudleigh", &head.cookie)
        .await
        .json();
    assert_eq!(api["total"], 0, "{api}");
    let api_hubs = app.get_as("/api/v1/hubs", &lead.cookie).await.json();
    assert_eq!(api_hubs.as_array().map(Vec::len), Some(1), "{api_hubs}");
    // A filter naming another hub finds nothing rather than leaking it.
    let other = app.get_as("/schools?hub=LCW", &lead.cookie).await;
    assert!(!other.body.contains("Camden School for Girls"));
}

#[tokio::test]
async fn the_hubs_page_says_what_a_person_sees() {
    let app = TestApp::new().await;
    let lead = app
        .session_for("lead@jur.example", Role::HubLead, Some("JUR"), None)
        .await;
    let head = app
        .session_for("hom@school.example", Role::HeadOfMaths, None, Some(137666))
        .await;
    assert!(
        app.get_as("/hubs", &lead.cookie)
            .await
            .body
            .contains("The hub serves 1 open")
    );
    let none = app.get_as("/hubs", &head.cookie).await;
    assert!(
        none.body
            .contains("Your account belongs to a school, so it sees no Maths Hub")
    );
    assert!(!none.body.contains("<table"));
}
