use axum::http::StatusCode;
use masteryhub_domain::{Email, Role, RoleGrant};
use masteryhub_store::people::Added;
use masteryhub_web::auth::{Token, hash_token, password};

use crate::app::{TestApp, TestResponse, operator};

const PASSWORD: &str = "a long enough password";

/// A person with a password and one API token; gives (person id, token).
async fn person_with_token(app: &TestApp, email: &str) -> (i64, String) {
    let grant = RoleGrant::new(Role::NationalViewer, None, None).expect("grant");
    let email = Email::parse(email).expect("email");
    let Added::NewPerson(id) = app
        .db
        .db
        .add_person_with_role(&email, "Vera Viewer", &grant, &operator(), app.now())
        .await
        .expect("add")
    else {
        panic!("not new");
    };
    app.db
        .db
        .set_password_hash(
            id,
            &password::hash(PASSWORD).expect("hash"),
            &operator(),
            app.now(),
        )
        .await
        .expect("password");
    let token = Token::generate().expect("token");
    app.db
        .db
        .create_api_token(
            id,
            &hash_token(token.as_str()),
            "CRM export",
            &operator(),
            app.now(),
        )
        .await
        .expect("token");
    (id, token.as_str().to_owned())
}

async fn signed_in(app: &TestApp, email: &str) -> String {
    let form = format!(
        "email={}&password={}",
        email.replace('@', "%40"),
        PASSWORD.replace(' ', "+")
    );
    let response = app.post_anonymously("/sign-in", "/sign-in", &form).await;
    let set = response
        .headers
        .get("set-cookie")
        .expect("cookie")
        .to_str()
        .expect("text");
    set.split(';').next().expect("cookie").to_owned()
}

fn csrf_token(page: &TestResponse) -> String {
    crate::app::form_token(&page.body)
}

#[tokio::test]
async fn a_bearer_token_is_accepted_until_revoked_and_a_bad_one_is_401() {
    let app = TestApp::new().await;
    let (id, token) = person_with_token(&app, "vera@ncetm.example").await;
    let bearer = format!("Bearer {token}");
    let ok = app
        .get_with("/api/v1/schools/137666", &[("authorization", &bearer)])
        .await;
    assert_eq!(ok.status, StatusCode::OK);

    let bad = app
        .get_with(
            "/api/v1/schools/137666",
            &[("authorization", "Bearer not-a-token")],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNAUTHORIZED);
    assert_eq!(bad.content_type(), "application/problem+json");

    let listed = app.db.db.api_tokens(id).await.expect("list");
    assert_eq!(listed.len(), 1);
    assert!(listed[0].last_used_at.is_some(), "use is recorded");
    assert!(
        app.db
            .db
            .revoke_api_token(id, listed[0].id, &operator(), app.now())
            .await
            .expect("revoke")
    );
    let revoked = app
        .get_with("/api/v1/schools/137666", &[("authorization", &bearer)])
        .await;
    assert_eq!(revoked.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_token_cannot_act_through_a_form() {
    let app = TestApp::new().await;
    let (_, token) = person_with_token(&app, "vera@ncetm.example").await;
    let bearer = format!("Bearer {token}");
    let attempt = app
        .post(
            "/sign-out",
            "csrf_token=",
            None,
            &[("authorization", &bearer)],
        )
        .await;
    assert_eq!(
        attempt.status,
        StatusCode::FORBIDDEN,
        "a token has no CSRF token to send"
    );
}

#[tokio::test]
async fn people_revoke_their_own_tokens_on_the_web_and_no_one_elses() {
    let app = TestApp::new().await;
    let (vera, _) = person_with_token(&app, "vera@ncetm.example").await;
    let (other, _) = person_with_token(&app, "otto@ncetm.example").await;
    assert_eq!(
        app.get_anonymous("/account/tokens").await.status,
        StatusCode::SEE_OTHER,
        "sign in first"
    );

    let cookie = signed_in(&app, "vera@ncetm.example").await;
    let page = app.get_as("/account/tokens", &cookie).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("CRM export"));
    let csrf = csrf_token(&page);
    let vera_token = app.db.db.api_tokens(vera).await.expect("list")[0].id;
    let otto_token = app.db.db.api_tokens(other).await.expect("list")[0].id;

    let forged = app
        .post(
            &format!("/account/tokens/{vera_token}/revoke"),
            "csrf_token=x",
            Some(&cookie),
            &[],
        )
        .await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
    let others = app
        .post(
            &format!("/account/tokens/{otto_token}/revoke"),
            &format!("csrf_token={csrf}"),
            Some(&cookie),
            &[],
        )
        .await;
    assert_eq!(
        others.status,
        StatusCode::NOT_FOUND,
        "another's token is not revealed"
    );
    assert_eq!(app.db.db.api_tokens(other).await.expect("list").len(), 1);

    let revoked = app
        .post(
            &format!("/account/tokens/{vera_token}/revoke"),
            &format!("csrf_token={csrf}"),
            Some(&cookie),
            &[],
        )
        .await;
    assert_eq!(revoked.status, StatusCode::SEE_OTHER);
    assert!(app.db.db.api_tokens(vera).await.expect("list").is_empty());
    assert!(
        app.get_as("/account/tokens", &cookie)
            .await
            .body
            .contains("You have no API tokens")
    );
}
