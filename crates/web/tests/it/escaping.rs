//! Text with markup typed into every text field comes back escaped on every page that shows it.

use masteryhub_domain::{Role, Urn};

use crate::app::{TestApp, operator};

const PAYLOAD: &str = "<script>alert(1)</script>\"'><img src=x onerror=alert(1)>";

/// The payload as a form or query value.
fn encoded() -> String {
    PAYLOAD
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' => char::from(b).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[track_caller]
fn assert_escaped(body: &str, page: &str) {
    assert!(!body.contains("<script>alert"), "raw script on {page}");
    assert!(!body.contains("<img src=x"), "raw img on {page}");
    assert!(!body.contains("\"'><img"), "attribute break-out on {page}");
    assert!(
        body.contains("&#60;script&#62;alert(1)&#60;/script&#62;"),
        "the text is not shown, escaped, on {page}"
    );
}

#[tokio::test]
async fn markup_in_every_text_field_comes_back_escaped() {
    let app = TestApp::new().await;
    let p = encoded();
    let lead = app
        .session_for("lead@jur.example", Role::HubLead, Some("JUR"), None)
        .await;

    // Searches and filters, shown back in their fields.
    for path in [
        format!("/schools?q={p}"),
        format!("/admin/people?q={p}"),
        format!("/admin/audit?record_id={p}&actor={p}&from={p}&until={p}"),
    ] {
        let page = app.get(&path).await;
        assert_escaped(&page.body, &path);
    }
    // Forms shown back with their errors.
    for (page, action, form) in [
        ("/sign-in", "/sign-in", format!("email={p}&password=")),
        ("/password-reset", "/password-reset", format!("email={p}")),
    ] {
        let response = app.post_anonymously(page, action, &form).await;
        assert_eq!(response.status, 400, "{action}");
        assert_escaped(&response.body, action);
    }
    let wrong = app
        .post_as(
            &lead,
            "/schools/137666/invite",
            &format!("name={p}&email={p}&role=teacher"),
        )
        .await;
    assert_eq!(wrong.status, 400);
    assert_escaped(&wrong.body, "the invitation form");

    // A name that is kept, on every page that shows it.
    let sent = app
        .post_as(
            &lead,
            "/schools/137666/invite",
            &format!("name={p}&email=odd.name%40school.example&role=teacher"),
        )
        .await;
    assert_eq!(sent.status, 303);
    let urn = Urn::parse("137666").expect("URN");
    let member = app.db.db.school_members(urn).await.expect("members")[0].person_id;
    for path in [
        "/schools/137666".to_owned(),
        "/admin/people".to_owned(),
        format!("/admin/people/{member}"),
        format!("/admin/people/{member}/history"),
        "/admin/audit".to_owned(),
        "/admin/outbox".to_owned(),
    ] {
        let page = app.get(&path).await;
        assert_eq!(page.status, 200, "{path}");
        assert_escaped(&page.body, &path);
    }
    let body = &app.db.db.recent_emails(1).await.expect("outbox")[0].body;
    let start = body.find("/invitations/").expect("a link");
    let link = body[start..]
        .split_whitespace()
        .next()
        .expect("link")
        .to_owned();
    assert_escaped(&app.get_anonymous(&link).await.body, "the invitation link");

    // A token's label (given on the command line) on the tokens page.
    app.db
        .db
        .create_api_token(
            app.admin.person_id,
            &"e".repeat(64),
            PAYLOAD,
            &operator(),
            app.now(),
        )
        .await
        .expect("token");
    assert_escaped(&app.get("/account/tokens").await.body, "/account/tokens");
}
