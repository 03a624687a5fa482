//! Every state-changing route refuses a form without the right CSRF token, and changes nothing.

use masteryhub_domain::{Role, Urn};

use crate::app::{Session, TestApp, operator};

/// Posts as a session with no token, then with another session's token: both are refused.
async fn refused_without_the_token(app: &TestApp, session: &Session, path: &str, form: &str) {
    let other = app
        .session_for(
            "someone.else@ncetm.example",
            Role::NationalAdmin,
            None,
            None,
        )
        .await;
    for token in [String::new(), "x".repeat(64), other.csrf_token] {
        let form = format!("{form}&csrf_token={token}");
        let response = app.post(path, &form, Some(&session.cookie), &[]).await;
        assert_eq!(response.status, 403, "POST {path} with token '{token}'");
        assert!(response.body.contains("The form could not be sent"));
    }
    let none = app.post(path, form, Some(&session.cookie), &[]).await;
    assert_eq!(none.status, 403, "POST {path} without a token field");
}

#[tokio::test]
async fn signed_in_forms_refuse_a_missing_or_wrong_token_and_change_nothing() {
    let app = TestApp::new().await;
    let admin = app.admin.clone();
    let outbox_before = app.db.db.recent_emails(100).await.expect("outbox").len();

    refused_without_the_token(&app, &admin, "/sign-out", "").await;
    assert_eq!(
        app.get("/account/tokens").await.status,
        200,
        "still signed in"
    );

    let id = app
        .db
        .db
        .create_api_token(
            admin.person_id,
            &"f".repeat(64),
            "CRM",
            &operator(),
            app.now(),
        )
        .await
        .expect("token");
    refused_without_the_token(&app, &admin, &format!("/account/tokens/{id}/revoke"), "").await;
    assert_eq!(
        app.db
            .db
            .api_tokens(admin.person_id)
            .await
            .expect("tokens")
            .len(),
        1
    );

    refused_without_the_token(
        &app,
        &admin,
        "/schools/137666/invite",
        "name=New+Teacher&email=new%40school.example&role=teacher",
    )
    .await;
    let urn = Urn::parse("137666").expect("URN");
    assert!(
        app.db
            .db
            .school_members(urn)
            .await
            .expect("members")
            .is_empty()
    );
    assert_eq!(
        app.db.db.recent_emails(100).await.expect("outbox").len(),
        outbox_before
    );

    let victim = app
        .session_for("victim@school.example", Role::Teacher, None, Some(137666))
        .await;
    refused_without_the_token(
        &app,
        &admin,
        &format!("/admin/people/{}/erase", victim.person_id),
        "confirm=yes",
    )
    .await;
    let account = app.db.db.account(victim.person_id).await.expect("read");
    assert_eq!(
        account.map(|a| a.email),
        Some("victim@school.example".to_owned())
    );
}

#[tokio::test]
async fn signed_out_forms_need_the_form_cookie_and_its_token() {
    let app = TestApp::new().await;
    let token = "0".repeat(64);
    for (path, form) in [
        (
            "/sign-in",
            "email=admin%40ncetm.example&password=whatever+it+is",
        ),
        ("/password-reset", "email=admin%40ncetm.example"),
        (
            &*format!("/password-reset/{token}"),
            "password=a+long+new+password&confirm=a+long+new+password",
        ),
        (
            &*format!("/invitations/{token}"),
            "password=a+long+new+password&confirm=a+long+new+password",
        ),
    ] {
        // No cookie and no token; a token without its cookie; a cookie with another token.
        let cookie = format!("masteryhub_form={}", "a".repeat(64));
        for (cookie, token) in [
            (None, String::new()),
            (None, "a".repeat(64)),
            (Some(cookie.as_str()), "b".repeat(64)),
        ] {
            let form = format!("{form}&csrf_token={token}");
            let response = app.post(path, &form, cookie, &[]).await;
            assert_eq!(
                response.status, 403,
                "POST {path} cookie {cookie:?} token {token}"
            );
        }
    }
    assert!(
        app.db
            .db
            .recent_emails(10)
            .await
            .expect("outbox")
            .is_empty()
    );
}

#[tokio::test]
async fn cross_site_posts_are_refused_even_with_the_token() {
    let app = TestApp::new().await;
    let admin = app.admin.clone();
    let form = format!("csrf_token={}", admin.csrf_token);
    let response = app
        .post(
            "/sign-out",
            &form,
            Some(&admin.cookie),
            &[("origin", "https://evil.example"), ("host", "hub.example")],
        )
        .await;
    assert_eq!(response.status, 403);
    assert_eq!(
        app.get("/account/tokens").await.status,
        200,
        "still signed in"
    );
}
