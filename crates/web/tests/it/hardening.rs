//! Smaller hardening: no caching of what a person sees, a notice that echoes nothing, the
//! `Authorization` scheme in any case, and the demo's outbox saying what it is.

use masteryhub_domain::{Email, Role, RoleGrant};
use masteryhub_web::auth::{Token, hash_token};

use crate::app::{TestApp, TestResponse, operator};

fn cache_control(response: &TestResponse) -> &str {
    response
        .headers
        .get("cache-control")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
}

/// A national viewer's API token.
async fn token(app: &TestApp) -> String {
    let grant = RoleGrant::new(Role::NationalViewer, None, None).expect("grant");
    let email = Email::parse("vera@ncetm.example").expect("email");
    let id = match app
        .db
        .db
        .add_person_with_role(&email, "Vera Viewer", &grant, &operator(), app.now())
        .await
        .expect("add")
    {
        masteryhub_store::people::Added::NewPerson(id) => id,
        other => panic!("{other:?}"),
    };
    let token = Token::generate().expect("token");
    app.db
        .db
        .create_api_token(
            id,
            &hash_token(token.as_str()),
            "script",
            &operator(),
            app.now(),
        )
        .await
        .expect("token");
    token.as_str().to_owned()
}

#[tokio::test]
async fn pages_api_answers_and_exports_are_not_stored_but_the_stylesheet_is_cached() {
    let app = TestApp::new().await;
    let token = token(&app).await;
    let bearer = format!("Bearer {token}");
    let admin_id = app.admin.person_id;
    for response in [
        app.get("/schools/137666").await,
        app.get("/admin/people").await,
        app.get(&format!("/admin/people/{admin_id}/export")).await,
        app.get("/nope").await,
        app.get_anonymous("/sign-in").await,
        app.get_with("/api/v1/schools/137666", &[("authorization", &bearer)])
            .await,
        app.get_anonymous("/api/v1/schools").await,
    ] {
        assert_eq!(cache_control(&response), "no-store", "{}", response.status);
    }
    let css = app.get_anonymous("/assets/app.css").await;
    assert_eq!(cache_control(&css), "public, max-age=3600");
}

#[tokio::test]
async fn the_rollover_notice_takes_only_a_number() {
    let app = TestApp::new().await;
    let text = app
        .get("/hubs/JUR/rollover?sent=Call+0800+000+000+to+claim+your+funding")
        .await;
    assert_eq!(text.status, 200);
    assert!(!text.body.contains("0800"), "{}", text.body);
    assert!(!text.body.contains("Invitations sent"));
    let number = app.get("/hubs/JUR/rollover?sent=3").await;
    assert!(number.body.contains("Invitations sent to 3 departments."));
}

#[tokio::test]
async fn the_authorization_scheme_is_read_in_any_case() {
    let app = TestApp::new().await;
    let token = token(&app).await;
    for scheme in ["Bearer", "bearer", "BEARER", "bEaReR"] {
        let header = format!("{scheme} {token}");
        let response = app
            .get_with("/api/v1/schools/137666", &[("authorization", &header)])
            .await;
        assert_eq!(response.status, 200, "{scheme}");
    }
    let wrong = app
        .get_with(
            "/api/v1/schools/137666",
            &[("authorization", &format!("Basic {token}"))],
        )
        .await;
    assert_eq!(wrong.status, 401);
}

#[tokio::test]
async fn the_outbox_page_says_it_is_the_demos() {
    let app = TestApp::new().await;
    let page = app.get("/admin/outbox").await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("only in demo mode"), "{}", page.body);
}

#[tokio::test]
async fn a_nul_character_is_refused_alike_on_both_engines_and_changes_nothing() {
    let app = TestApp::new().await;
    let pathway = crate::fixtures::Pathway::new(&app).await;
    let id = pathway.submitted(137666, pathway.year).await;
    let refused = app
        .post_as(
            &app.admin,
            &format!("/applications/{id}/decision"),
            "decision=declined&reason=No%00room",
        )
        .await;
    assert_eq!(refused.status, axum::http::StatusCode::BAD_REQUEST);
    assert!(
        refused.body.contains("holds a NUL character"),
        "{}",
        refused.body
    );
    let app_now = app
        .db
        .db
        .application(id)
        .await
        .expect("read")
        .expect("there");
    assert_eq!(app_now.status, "submitted", "nothing changed");
    for uri in ["/schools?q=chud%00leigh", "/api/v1/schools?q=chud%00leigh"] {
        let answer = app.get(uri).await;
        assert!(
            answer.status.is_success() || answer.status.is_client_error(),
            "{uri} answered {}",
            answer.status
        );
    }
}
