use axum::http::StatusCode;
use masteryhub_domain::{Email, Role, RoleGrant};
use masteryhub_web::auth::password;
use time::Duration;

use crate::app::{TestApp, TestResponse, operator};

const PASSWORD: &str = "a long enough password";

async fn with_person(app: &TestApp) {
    let grant = RoleGrant::new(Role::HubLead, Some("JUR"), None).expect("grant");
    let email = Email::parse("Hal.Lead@Jurassic.example").expect("email");
    let added = app
        .db
        .db
        .add_person_with_role(&email, "Hal Lead", &grant, &operator(), app.now())
        .await
        .expect("add");
    let id = match added {
        masteryhub_store::people::Added::NewPerson(id) => id,
        other => panic!("{other:?}"),
    };
    let hash = password::hash(PASSWORD).expect("hash");
    app.db
        .db
        .set_password_hash(id, &hash, &operator(), app.now())
        .await
        .expect("password");
}

fn session_cookie(response: &TestResponse) -> String {
    let set = response
        .headers
        .get("set-cookie")
        .expect("a cookie")
        .to_str()
        .expect("text");
    assert!(
        set.contains("HttpOnly") && set.contains("SameSite=Lax"),
        "{set}"
    );
    set.split(';').next().expect("name=value").to_owned()
}

fn csrf_token(page: &TestResponse) -> String {
    crate::app::form_token(&page.body)
}

async fn sign_in(app: &TestApp, email: &str, password: &str) -> TestResponse {
    let form = format!(
        "email={}&password={}",
        email.replace('@', "%40"),
        password.replace(' ', "+")
    );
    app.post_anonymously("/sign-in", "/sign-in", &form).await
}

#[tokio::test]
async fn signing_in_starts_a_session_shown_on_every_page() {
    let app = TestApp::new().await;
    with_person(&app).await;
    let signed_out = app.get_anonymous("/").await;
    assert!(signed_out.body.contains("href=\"/sign-in\""));

    let response = sign_in(&app, "hal.lead@JURASSIC.example", PASSWORD).await;
    assert_eq!(response.status, StatusCode::SEE_OTHER);
    let landing = response
        .headers
        .get("location")
        .and_then(|v| v.to_str().ok());
    assert_eq!(landing, Some("/hubs/JUR"), "a hub lead lands on their hub");
    let cookie = session_cookie(&response);
    let home = app.get_as("/", &cookie).await;
    assert!(home.body.contains("Hal Lead"));
    assert!(home.body.contains("action=\"/sign-out\""));
    let school = app.get_as("/schools/137666", &cookie).await;
    assert!(school.body.contains("Hal Lead"));
}

#[tokio::test]
async fn a_wrong_password_and_an_unknown_account_get_the_same_answer() {
    let app = TestApp::new().await;
    with_person(&app).await;
    let wrong = sign_in(&app, "hal.lead@jurassic.example", "not the password").await;
    let unknown = sign_in(&app, "nobody@jurassic.example", PASSWORD).await;
    for response in [&wrong, &unknown] {
        assert_eq!(response.status, StatusCode::BAD_REQUEST);
        assert!(response.headers.get("set-cookie").is_none());
        assert!(
            response
                .body
                .contains("Enter a correct email address and password")
        );
    }
    let empty = app
        .post_anonymously("/sign-in", "/sign-in", "email=&password=")
        .await;
    assert!(empty.body.contains("Enter your email address"));
    assert!(empty.body.contains("Enter your password"));
    assert!(empty.body.contains("href=\"#password\""));
}

#[tokio::test]
async fn signing_out_needs_the_sessions_csrf_token_and_ends_the_session() {
    let app = TestApp::new().await;
    with_person(&app).await;
    let cookie = session_cookie(&sign_in(&app, "hal.lead@jurassic.example", PASSWORD).await);
    let token = csrf_token(&app.get_as("/", &cookie).await);

    let forged = app
        .post("/sign-out", "csrf_token=guess", Some(&cookie), &[])
        .await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
    let missing = app.post("/sign-out", "", Some(&cookie), &[]).await;
    assert_eq!(missing.status, StatusCode::FORBIDDEN);
    let cross_site = app
        .post(
            "/sign-out",
            &format!("csrf_token={token}"),
            Some(&cookie),
            &[("sec-fetch-site", "cross-site")],
        )
        .await;
    assert_eq!(cross_site.status, StatusCode::FORBIDDEN);
    assert!(
        app.get_as("/", &cookie).await.body.contains("Hal Lead"),
        "still signed in"
    );

    let out = app
        .post(
            "/sign-out",
            &format!("csrf_token={token}"),
            Some(&cookie),
            &[],
        )
        .await;
    assert_eq!(out.status, StatusCode::SEE_OTHER);
    assert!(
        out.headers
            .get("set-cookie")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.contains("Max-Age=0"))
    );
    assert!(
        !app.get_as("/", &cookie).await.body.contains("Hal Lead"),
        "the old cookie is dead"
    );
}

#[tokio::test]
async fn sessions_end_after_an_idle_hour() {
    let app = TestApp::new().await;
    with_person(&app).await;
    let cookie = session_cookie(&sign_in(&app, "hal.lead@jurassic.example", PASSWORD).await);
    app.advance(Duration::minutes(50));
    assert!(
        app.get_as("/", &cookie).await.body.contains("Hal Lead"),
        "used within the hour"
    );
    app.advance(Duration::minutes(50));
    assert!(
        app.get_as("/", &cookie).await.body.contains("Hal Lead"),
        "the last use counts"
    );
    app.advance(Duration::minutes(61));
    assert!(
        !app.get_as("/", &cookie).await.body.contains("Hal Lead"),
        "idle too long"
    );
}

#[tokio::test]
async fn repeated_failures_lock_an_account_for_a_while_whether_or_not_it_exists() {
    let app = TestApp::new().await;
    with_person(&app).await;
    for email in ["hal.lead@jurassic.example", "nobody@jurassic.example"] {
        for _ in 0..masteryhub_domain::throttle::PER_ACCOUNT {
            let wrong = sign_in(&app, email, "not the password").await;
            assert_eq!(wrong.status, StatusCode::BAD_REQUEST);
        }
        let locked = sign_in(&app, email, PASSWORD).await;
        assert_eq!(locked.status, StatusCode::TOO_MANY_REQUESTS, "{email}");
        assert!(locked.body.contains("too many times"));
        assert!(
            locked.headers.get("set-cookie").is_none(),
            "not even the right password"
        );
    }
    app.advance(masteryhub_domain::throttle::WINDOW);
    let later = sign_in(&app, "hal.lead@jurassic.example", PASSWORD).await;
    assert_eq!(later.status, StatusCode::SEE_OTHER, "the lock lifts");
}

#[tokio::test]
async fn signing_in_goes_back_to_the_page_asked_for_but_never_to_another_site() {
    let app = TestApp::new().await;
    with_person(&app).await;
    let asked = app.get_anonymous("/hubs/JUR?x=1").await;
    assert_eq!(asked.status, StatusCode::SEE_OTHER);
    let location = asked.headers["location"].to_str().expect("text").to_owned();
    assert_eq!(location, "/sign-in?next=%2Fhubs%2FJUR%3Fx%3D1");
    let form = format!(
        "email=hal.lead%40jurassic.example&password={}&next=%2Fhubs%2FJUR%3Fx%3D1",
        PASSWORD.replace(' ', "+")
    );
    let back = app.post_anonymously(&location, "/sign-in", &form).await;
    assert_eq!(back.headers["location"], "/hubs/JUR?x=1");
    for elsewhere in [
        "%2F%2Fevil.example%2F",
        "https%3A%2F%2Fevil.example",
        "%2F%5Cevil.example",
    ] {
        let form = format!(
            "email=hal.lead%40jurassic.example&password={}&next={elsewhere}",
            PASSWORD.replace(' ', "+")
        );
        let home = app.post_anonymously("/sign-in", "/sign-in", &form).await;
        assert_eq!(home.headers["location"], "/hubs/JUR", "{elsewhere}");
    }
}

#[tokio::test]
async fn error_pages_keep_the_signed_in_header() {
    let app = TestApp::new().await;
    let lead = app
        .session_for(
            "lead@jur.example",
            masteryhub_domain::Role::HubLead,
            Some("JUR"),
            None,
        )
        .await;
    let hidden = app.get_as("/hubs/LCW", &lead.cookie).await;
    assert_eq!(hidden.status, StatusCode::NOT_FOUND);
    assert!(hidden.body.contains("Page not found"));
    assert!(hidden.body.contains("Test Person") && hidden.body.contains("Sign out"));
    assert!(!hidden.body.contains("href=\"/sign-in\""));
}
