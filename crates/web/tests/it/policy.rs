//! Every route, walked as every role: allowed or refused exactly as the policy says, and a
//! refusal never tells that a record exists (a school or hub a person may not see is 404, as one
//! that does not exist). The expectations are written out by hand, not computed from the policy.

use std::collections::BTreeSet;

use masteryhub_domain::Role;

use crate::app::{Session, TestApp, TestResponse};

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
        303 if location == "/sign-in" => Some(S),
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
    // A GET of each route: (pattern, path, expectation for each of WHO).
    let gets: Vec<(&str, String, [Expect; 9])> = vec![
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
    assert!(failures.is_empty(), "{}", failures.join("\n"));

    // Every route the application declares is walked above, or in the sign-in, token and
    // CSRF tests (the forms of signed-out people and of sessions).
    let walked: BTreeSet<String> = gets
        .iter()
        .map(|(pattern, ..)| (*pattern).to_owned())
        .chain(posts.iter().map(|(pattern, ..)| (*pattern).to_owned()))
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
