//! Password reset and invitations: single-use links sent through the outbox.

use masteryhub_domain::{Email, Role, RoleGrant};
use masteryhub_web::auth::password;
use time::Duration;

use crate::app::{TestApp, TestResponse, operator};

const OLD: &str = "the old password of hana";
const NEW: &str = "a brand new password";

/// A head of maths of 137666 who signs in with `OLD`.
async fn hana(app: &TestApp) -> i64 {
    let grant = RoleGrant::new(
        Role::HeadOfMaths,
        None,
        Some("137666".parse().expect("URN")),
    )
    .expect("grant");
    let email = Email::parse("Hana.Head@School.example").expect("email");
    let added = app
        .db
        .db
        .add_person_with_role(&email, "Hana Head", &grant, &operator(), app.now())
        .await
        .expect("add");
    let id = match added {
        masteryhub_store::people::Added::NewPerson(id) => id,
        other => panic!("{other:?}"),
    };
    let hash = password::hash(OLD).expect("hash");
    app.db
        .db
        .set_password_hash(id, &hash, &operator(), app.now())
        .await
        .expect("password");
    id
}

/// The path of the link in the newest email, e.g. `/password-reset/abc…`.
async fn link_in_newest_email(app: &TestApp, kind: &str) -> String {
    let emails = app.db.db.recent_emails(1).await.expect("outbox");
    let body = &emails.first().expect("an email").body;
    let start = body
        .find(&format!("https://hub.example/{kind}/"))
        .unwrap_or_else(|| panic!("a {kind} link in {body}"));
    body[start + "https://hub.example".len()..]
        .split_whitespace()
        .next()
        .expect("the link")
        .to_owned()
}

async fn sign_in(app: &TestApp, email: &str, password: &str) -> TestResponse {
    let form = format!(
        "email={}&password={}",
        email.replace('@', "%40"),
        password.replace(' ', "+")
    );
    app.post_anonymously("/sign-in", "/sign-in", &form).await
}

fn set_password_form(password: &str, confirm: &str) -> String {
    format!(
        "password={}&confirm={}",
        password.replace(' ', "+"),
        confirm.replace(' ', "+")
    )
}

#[tokio::test]
async fn a_reset_link_sets_a_new_password_once_and_ends_every_session() {
    let app = TestApp::new().await;
    let id = hana(&app).await;
    let before = sign_in(&app, "hana.head@school.example", OLD).await;
    let old_session = before.headers["set-cookie"]
        .to_str()
        .expect("cookie")
        .split(';')
        .next()
        .expect("cookie")
        .to_owned();

    let asked = app
        .post_anonymously(
            "/password-reset",
            "/password-reset",
            "email=HANA.HEAD%40school.example",
        )
        .await;
    assert_eq!(asked.status, 200);
    assert!(asked.body.contains("Check your email"));
    let emails = app.db.db.recent_emails(10).await.expect("outbox");
    assert_eq!(emails.len(), 1);
    assert_eq!(emails[0].to_address, "Hana.Head@School.example");
    assert_eq!(emails[0].subject, "Reset your masteryhub password");
    let link = link_in_newest_email(&app, "password-reset").await;

    let page = app.get_anonymous(&link).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Choose a new password") && page.body.contains("Hana Head"));

    let short = app
        .post_anonymously(&link, &link, &set_password_form("short", "short"))
        .await;
    assert_eq!(short.status, 400);
    assert!(short.body.contains("at least 12 characters"));
    let mismatch = app
        .post_anonymously(
            &link,
            &link,
            &set_password_form(NEW, "something else entirely"),
        )
        .await;
    assert_eq!(mismatch.status, 400);
    assert!(mismatch.body.contains("The passwords do not match"));

    let done = app
        .post_anonymously(&link, &link, &set_password_form(NEW, NEW))
        .await;
    assert_eq!(done.status, 303);
    assert_eq!(done.headers["location"], "/sign-in?password=set");
    assert!(
        app.get_anonymous("/sign-in?password=set")
            .await
            .body
            .contains("Your password is set")
    );

    assert_eq!(
        app.get_as("/account/tokens", &old_session).await.status,
        303,
        "sessions end"
    );
    assert_eq!(
        sign_in(&app, "hana.head@school.example", OLD).await.status,
        400
    );
    let after = sign_in(&app, "hana.head@school.example", NEW).await;
    assert_eq!(after.headers["location"], "/schools/137666");

    let again = app.get_anonymous(&link).await;
    assert_eq!(again.status, 404);
    assert!(again.body.contains("This link no longer works"));
    let reuse = app
        .post_anonymously("/sign-in", &link, &set_password_form(OLD, OLD))
        .await;
    assert_eq!(reuse.status, 404);
    let history = app
        .db
        .db
        .audit_history("person", &id.to_string())
        .await
        .expect("history");
    let actions: Vec<_> = history.iter().map(|e| e.action.as_str()).collect();
    assert!(
        actions.ends_with(&["password reset emailed", "password reset"]),
        "{actions:?}"
    );
}

#[tokio::test]
async fn reset_links_expire_and_unknown_addresses_get_the_same_answer() {
    let app = TestApp::new().await;
    hana(&app).await;
    let unknown = app
        .post_anonymously(
            "/password-reset",
            "/password-reset",
            "email=nobody%40school.example",
        )
        .await;
    let known = app
        .post_anonymously(
            "/password-reset",
            "/password-reset",
            "email=hana.head%40school.example",
        )
        .await;
    assert_eq!(unknown.status, known.status);
    assert_eq!(
        unknown.body.replace(char::is_whitespace, "").len(),
        known.body.replace(char::is_whitespace, "").len(),
        "the same page either way"
    );
    assert_eq!(app.db.db.recent_emails(10).await.expect("outbox").len(), 1);

    let link = link_in_newest_email(&app, "password-reset").await;
    app.advance(Duration::minutes(61));
    assert_eq!(app.get_anonymous(&link).await.status, 404);

    let bad = app
        .post_anonymously("/password-reset", "/password-reset", "email=not-an-address")
        .await;
    assert_eq!(bad.status, 400);
    assert!(
        bad.body
            .contains("Enter an email address in the correct format")
    );

    // At most three reset emails an hour go to one account.
    for _ in 0..5 {
        app.post_anonymously(
            "/password-reset",
            "/password-reset",
            "email=hana.head%40school.example",
        )
        .await;
    }
    assert_eq!(app.db.db.recent_emails(10).await.expect("outbox").len(), 4);
}

#[tokio::test]
async fn a_hub_lead_invites_a_head_of_maths_who_sets_a_password_from_the_link() {
    let app = TestApp::new().await;
    let lead = app
        .session_for(
            "hal.lead@jurassic.example",
            Role::HubLead,
            Some("JUR"),
            None,
        )
        .await;

    let wrong = app
        .post_as(
            &lead,
            "/schools/137666/invite",
            "name=&email=not-an-email&role=national-admin",
        )
        .await;
    assert_eq!(wrong.status, 400);
    for message in [
        "Enter the person&#39;s full name",
        "Enter an email address in the correct format",
        "Select a role from the list",
    ] {
        assert!(wrong.body.contains(message), "{message}");
    }
    assert!(
        app.db
            .db
            .recent_emails(10)
            .await
            .expect("outbox")
            .is_empty()
    );

    let sent = app
        .post_as(
            &lead,
            "/schools/137666/invite",
            "name=Nia+New&email=nia.new%40school.example&role=head-of-maths",
        )
        .await;
    assert_eq!(sent.status, 303);
    assert_eq!(sent.headers["location"], "/schools/137666?invited=1");
    let school = app.get_as("/schools/137666?invited=1", &lead.cookie).await;
    assert!(school.body.contains("Invitation sent"));
    assert!(school.body.contains("Nia New") && school.body.contains("Invited"));

    let email = &app.db.db.recent_emails(1).await.expect("outbox")[0];
    assert_eq!(email.to_address, "nia.new@school.example");
    assert!(
        email
            .subject
            .contains("Head of maths for Chudleigh Knighton Academy")
    );
    assert!(
        email.body.contains("Test Person has invited you"),
        "{}",
        email.body
    );
    let link = link_in_newest_email(&app, "invitations").await;
    let page = app.get_anonymous(&link).await;
    assert!(page.body.contains("Set your password") && page.body.contains("Nia New"));
    let done = app
        .post_anonymously(&link, &link, &set_password_form(NEW, NEW))
        .await;
    assert_eq!(done.headers["location"], "/sign-in?password=set");
    let signed_in = sign_in(&app, "nia.new@school.example", NEW).await;
    assert_eq!(signed_in.headers["location"], "/schools/137666");
    assert_eq!(app.get_anonymous(&link).await.status, 404, "used once");

    // Someone who already signs in is told of the new role, with no link.
    hana(&app).await;
    app.post_as(
        &lead,
        "/schools/137666/invite",
        "name=Hana+Head&email=hana.head%40school.example&role=teacher",
    )
    .await;
    let notice = &app.db.db.recent_emails(1).await.expect("outbox")[0];
    assert!(
        notice.body.contains("https://hub.example/sign-in"),
        "{}",
        notice.body
    );
    assert!(!notice.body.contains("/invitations/"));
}

/// The paths of the links of `kind` in every email sent, oldest first.
async fn links_in_emails(app: &TestApp, kind: &str) -> Vec<String> {
    let marker = format!("https://hub.example/{kind}/");
    let mut links: Vec<String> = app
        .db
        .db
        .recent_emails(100)
        .await
        .expect("outbox")
        .iter()
        .filter_map(|e| {
            let start = e.body.find(&marker)?;
            e.body[start + "https://hub.example".len()..]
                .split_whitespace()
                .next()
                .map(str::to_owned)
        })
        .collect();
    links.reverse();
    links
}

async fn ask_for_a_reset(app: &TestApp, email: &str) {
    let form = format!("email={}", email.replace('@', "%40"));
    let asked = app
        .post_anonymously("/password-reset", "/password-reset", &form)
        .await;
    assert_eq!(asked.status, 200);
}

#[tokio::test]
async fn using_one_reset_link_spends_the_others() {
    let app = TestApp::new().await;
    hana(&app).await;
    ask_for_a_reset(&app, "hana.head@school.example").await;
    ask_for_a_reset(&app, "hana.head@school.example").await;
    let links = links_in_emails(&app, "password-reset").await;
    assert_eq!(links.len(), 2, "{links:?}");
    let (first, second) = (&links[0], &links[1]);

    let done = app
        .post_anonymously(second, second, &set_password_form(NEW, NEW))
        .await;
    assert_eq!(done.status, 303);
    assert_eq!(
        app.get_anonymous(first).await.status,
        404,
        "the other link is spent"
    );
    let again = app
        .post_anonymously("/sign-in", first, &set_password_form(OLD, OLD))
        .await;
    assert_eq!(again.status, 404);
    let signed_in = sign_in(&app, "hana.head@school.example", NEW).await;
    assert_eq!(signed_in.status, 303, "the password is still the new one");
}

#[tokio::test]
async fn an_invitation_stops_working_once_the_person_has_a_password() {
    let app = TestApp::new().await;
    let lead = app
        .session_for(
            "hal.lead@jurassic.example",
            Role::HubLead,
            Some("JUR"),
            None,
        )
        .await;
    for (name, email) in [("Nia+New", "nia.new"), ("Ola+Other", "ola.other")] {
        let sent = app
            .post_as(
                &lead,
                "/schools/137666/invite",
                &format!("name={name}&email={email}%40school.example&role=teacher"),
            )
            .await;
        assert_eq!(sent.status, 303);
    }
    let invitations = links_in_emails(&app, "invitations").await;
    assert_eq!(invitations.len(), 2, "{invitations:?}");

    // Nia sets a password through a reset link instead: her invitation is spent with it.
    ask_for_a_reset(&app, "nia.new@school.example").await;
    let reset = links_in_emails(&app, "password-reset").await;
    let done = app
        .post_anonymously(&reset[0], &reset[0], &set_password_form(NEW, NEW))
        .await;
    assert_eq!(done.status, 303);
    assert_eq!(app.get_anonymous(&invitations[0]).await.status, 404);
    let late = app
        .post_anonymously("/sign-in", &invitations[0], &set_password_form(OLD, OLD))
        .await;
    assert_eq!(late.status, 404);
    assert_eq!(
        sign_in(&app, "nia.new@school.example", NEW).await.status,
        303
    );

    // Ola is given a password some other way (by an operator): her invitation no longer works.
    let ola = app
        .db
        .db
        .person_by_email(&Email::parse("ola.other@school.example").expect("email"))
        .await
        .expect("read")
        .expect("Ola")
        .id;
    app.db
        .db
        .set_password_hash(
            ola,
            &password::hash(OLD).expect("hash"),
            &operator(),
            app.now(),
        )
        .await
        .expect("password");
    assert_eq!(app.get_anonymous(&invitations[1]).await.status, 404);
}

#[tokio::test]
async fn the_reset_email_says_that_api_tokens_keep_working_and_where_to_revoke_them() {
    let app = TestApp::new().await;
    hana(&app).await;
    ask_for_a_reset(&app, "hana.head@school.example").await;
    let email = &app.db.db.recent_emails(1).await.expect("outbox")[0];
    assert!(email.body.contains("API tokens"), "{}", email.body);
    assert!(
        email.body.contains("https://hub.example/account/tokens"),
        "{}",
        email.body
    );
}
