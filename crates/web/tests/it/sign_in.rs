use axum::http::StatusCode;
use masteryhub_domain::throttle;
use masteryhub_domain::{Email, Role, RoleGrant};
use masteryhub_web::auth::password;
use std::net::SocketAddr;
use std::sync::Arc;
use time::Duration;

use crate::app::{AnonymousBrowser, TestApp, TestResponse, operator};

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
        for _ in 0..throttle::PER_ACCOUNT_AND_ADDRESS {
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
    app.advance(throttle::WINDOW);
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
        // A browser drops tabs and line breaks inside a URL: these are `//evil.example`.
        "%2F%09%2Fevil.example",
        "%2F%0A%2Fevil.example",
        "%2F%0D%2Fevil.example",
        "%09%2F%2Fevil.example",
        // A line break would end the Location header early.
        "%2F%0D%0ASet-Cookie%3A+x%3D1",
        "%2Fspace+in+it",
        "%2F%C3%A9",
        "%2F%7F",
        "",
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

#[tokio::test]
async fn a_page_asked_for_with_a_control_character_is_not_offered_back() {
    let app = TestApp::new().await;
    let page = app.get_anonymous("/sign-in?next=/%09/evil.example").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        !page.body.contains("evil.example"),
        "not carried into the form"
    );
    let page = app.get_anonymous("/sign-in?next=%2Fhubs%2FJUR").await;
    assert!(page.body.contains("value=\"/hubs/JUR\""), "a plain path is");
}

const WRONG: &str = "email=hal.lead%40jurassic.example&password=not+the+password";
const RIGHT: &str = "email=hal.lead%40jurassic.example&password=a+long+enough+password";

fn peer(address: &str) -> Option<SocketAddr> {
    Some(SocketAddr::new(address.parse().expect("an address"), 40000))
}

async fn attempt(
    app: &TestApp,
    browser: &AnonymousBrowser,
    form: &str,
    from: &str,
    forwarded_for: Option<&str>,
) -> StatusCode {
    let headers: Vec<(&str, &str)> = forwarded_for
        .map(|f| ("x-forwarded-for", f))
        .into_iter()
        .collect();
    app.post_anonymously_from(browser, "/sign-in", form, peer(from), &headers)
        .await
        .status
}

/// Fires `count` wrong passwords for one account from one address at once, and answers how
/// many had their password checked (400) and how many were refused unchecked (429).
async fn parallel_wrong_passwords(count: usize) -> (usize, usize) {
    let app = Arc::new(TestApp::new().await);
    with_person(&app).await;
    let browser = app.anonymous_browser("/sign-in").await;
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..count {
        let (app, browser) = (Arc::clone(&app), browser.clone());
        tasks.spawn(async move { attempt(&app, &browser, WRONG, "198.51.100.7", None).await });
    }
    let (mut checked, mut refused) = (0, 0);
    while let Some(status) = tasks.join_next().await {
        match status.expect("a request") {
            StatusCode::BAD_REQUEST => checked += 1,
            StatusCode::TOO_MANY_REQUESTS => refused += 1,
            other => panic!("unexpected {other}"),
        }
    }
    (checked, refused)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn parallel_guesses_are_counted_before_any_password_is_checked() {
    let (checked, refused) = parallel_wrong_passwords(300).await;
    assert_eq!(
        checked,
        usize::try_from(throttle::PER_ACCOUNT_AND_ADDRESS).expect("small"),
        "only the pair's limit of passwords is checked"
    );
    assert_eq!(refused, 300 - checked);
}

#[tokio::test]
async fn guessing_from_one_address_does_not_lock_the_owner_out_elsewhere() {
    let app = TestApp::new().await;
    with_person(&app).await;
    let browser = app.anonymous_browser("/sign-in").await;
    let guesser = "203.0.113.50";
    for _ in 0..throttle::PER_ACCOUNT_AND_ADDRESS {
        assert_eq!(
            attempt(&app, &browser, WRONG, guesser, None).await,
            StatusCode::BAD_REQUEST
        );
    }
    // The guesser is slowed down, even with the right password ...
    assert_eq!(
        attempt(&app, &browser, RIGHT, guesser, None).await,
        StatusCode::TOO_MANY_REQUESTS
    );
    // ... and hammering the refusal does not use up the account's ceiling.
    for _ in 0..throttle::PER_ACCOUNT * 2 {
        assert_eq!(
            attempt(&app, &browser, WRONG, guesser, None).await,
            StatusCode::TOO_MANY_REQUESTS
        );
    }
    // The owner, at school, signs in.
    assert_eq!(
        attempt(&app, &browser, RIGHT, "192.0.2.10", None).await,
        StatusCode::SEE_OTHER
    );
    // Once the window has passed the guesser's address may try again.
    app.advance(throttle::WINDOW);
    assert_eq!(
        attempt(&app, &browser, WRONG, guesser, None).await,
        StatusCode::BAD_REQUEST
    );
}

#[tokio::test]
async fn guessing_from_many_addresses_meets_the_accounts_ceiling() {
    let app = TestApp::new().await;
    with_person(&app).await;
    let browser = app.anonymous_browser("/sign-in").await;
    let per_address = throttle::PER_ACCOUNT_AND_ADDRESS;
    let addresses = (throttle::PER_ACCOUNT + per_address - 1) / per_address;
    let mut made = 0;
    for n in 0..addresses {
        let from = format!("203.0.113.{n}");
        for _ in 0..per_address {
            if made < throttle::PER_ACCOUNT {
                assert_eq!(
                    attempt(&app, &browser, WRONG, &from, None).await,
                    StatusCode::BAD_REQUEST
                );
                made += 1;
            }
        }
    }
    assert_eq!(
        attempt(&app, &browser, RIGHT, "192.0.2.10", None).await,
        StatusCode::TOO_MANY_REQUESTS,
        "the ceiling holds for every address"
    );
    app.advance(throttle::WINDOW);
    assert_eq!(
        attempt(&app, &browser, RIGHT, "192.0.2.10", None).await,
        StatusCode::SEE_OTHER
    );
}

#[tokio::test]
async fn one_address_trying_many_accounts_is_refused() {
    let app = TestApp::new().await;
    with_person(&app).await;
    let browser = app.anonymous_browser("/sign-in").await;
    for n in 0..throttle::PER_ADDRESS {
        let form = format!("email=person{n}%40jurassic.example&password=guess");
        assert_eq!(
            attempt(&app, &browser, &form, "203.0.113.9", None).await,
            StatusCode::BAD_REQUEST
        );
    }
    assert_eq!(
        attempt(&app, &browser, RIGHT, "203.0.113.9", None).await,
        StatusCode::TOO_MANY_REQUESTS
    );
    assert_eq!(
        attempt(&app, &browser, RIGHT, "203.0.113.10", None).await,
        StatusCode::SEE_OTHER,
        "another address is not"
    );
}

#[tokio::test]
async fn successful_sign_ins_do_not_count_against_a_shared_address() {
    let app = TestApp::new().await;
    with_person(&app).await;
    let browser = app.anonymous_browser("/sign-in").await;
    // A school's staff all sign in from one address.
    for _ in 0..throttle::PER_ADDRESS + 5 {
        assert_eq!(
            attempt(&app, &browser, RIGHT, "192.0.2.10", None).await,
            StatusCode::SEE_OTHER
        );
    }
}

#[tokio::test]
async fn behind_a_trusted_proxy_each_client_is_counted_apart() {
    // The test application trusts 10.0.0.0/8 as its proxies.
    let app = TestApp::new().await;
    with_person(&app).await;
    let browser = app.anonymous_browser("/sign-in").await;
    let proxy = "10.0.0.2";
    for n in 0..throttle::PER_ADDRESS {
        let form = format!("email=person{n}%40jurassic.example&password=guess");
        let status = attempt(&app, &browser, &form, proxy, Some("203.0.113.66")).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
    }
    assert_eq!(
        attempt(&app, &browser, WRONG, proxy, Some("203.0.113.66")).await,
        StatusCode::TOO_MANY_REQUESTS,
        "the guessing client is counted"
    );
    assert_eq!(
        attempt(&app, &browser, RIGHT, proxy, Some("192.0.2.10")).await,
        StatusCode::SEE_OTHER,
        "another client behind the same proxy is not blocked"
    );
    // A client that writes its own X-Forwarded-For in front of the proxy's entry gains nothing.
    assert_eq!(
        attempt(
            &app,
            &browser,
            WRONG,
            proxy,
            Some("192.0.2.99, 203.0.113.66")
        )
        .await,
        StatusCode::TOO_MANY_REQUESTS
    );
}

#[tokio::test]
async fn a_peer_that_is_not_a_trusted_proxy_cannot_choose_its_address() {
    let app = TestApp::new().await;
    with_person(&app).await;
    let browser = app.anonymous_browser("/sign-in").await;
    for n in 0..throttle::PER_ACCOUNT_AND_ADDRESS {
        let forged = format!("192.0.2.{n}");
        let status = attempt(&app, &browser, WRONG, "203.0.113.77", Some(&forged)).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
    }
    assert_eq!(
        attempt(&app, &browser, RIGHT, "203.0.113.77", Some("192.0.2.200")).await,
        StatusCode::TOO_MANY_REQUESTS,
        "a new X-Forwarded-For each time does not make a new address"
    );
}
