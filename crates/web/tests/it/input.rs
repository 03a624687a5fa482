//! Loose input refused: email addresses must be mailboxes the mailer can send to, and one-line
//! fields (names, titles, labels) refuse line breaks and other control characters, with a
//! message naming the field. One test per kind of form.

use masteryhub_domain::pathway::Stage;
use masteryhub_domain::{AcademicYear, Role};

use crate::app::{Session, TestApp, TestResponse};
use crate::fixtures::{self, Pathway};

/// An address that is not a mailbox, percent-encoded.
const SVG_ADDRESS: &str = "%22%3E%3Csvg%2Fonload%3Dalert(3)%3E%40x.example";

/// A CR LF, a tab and a NUL, percent-encoded.
const BREAKS: [&str; 3] = ["%0D%0A", "%09", "%1B"];

#[track_caller]
fn refused(response: &TestResponse, messages: &[&str]) {
    assert_eq!(response.status, 400, "{}", response.body);
    assert!(response.body.contains("There is a problem"));
    for message in messages {
        assert!(
            response.body.contains(message),
            "{message}: {}",
            response.body
        );
    }
}

const ONE_LINE: &str = "must be on one line, without line breaks, tabs or other control characters";

async fn lead(app: &TestApp) -> Session {
    app.session_for("lead@jur.example", Role::HubLead, Some("JUR"), None)
        .await
}

#[tokio::test]
async fn the_invitation_form_refuses_a_broken_name_or_address() {
    let app = TestApp::new().await;
    let lead = lead(&app).await;
    for breaks in BREAKS {
        let response = app
            .post_as(
                &lead,
                "/schools/137666/invite",
                &format!("name=Nia{breaks}Bcc%3A+x%40evil.example&email=nia%40school.example&role=teacher"),
            )
            .await;
        refused(&response, &["The person&#39;s full name", ONE_LINE]);
    }
    let response = app
        .post_as(
            &lead,
            "/schools/137666/invite",
            &format!("name=Nia&email={SVG_ADDRESS}&role=teacher"),
        )
        .await;
    refused(&response, &["Enter an email address in the correct format"]);
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
async fn the_password_reset_form_refuses_an_address_that_is_not_a_mailbox() {
    let app = TestApp::new().await;
    let response = app
        .post_anonymously(
            "/password-reset",
            "/password-reset",
            &format!("email={SVG_ADDRESS}"),
        )
        .await;
    refused(&response, &["Enter an email address in the correct format"]);
}

#[tokio::test]
async fn the_nomination_form_refuses_broken_names_and_addresses() {
    let app = TestApp::new().await;
    let lead = lead(&app).await;
    let form = |teacher: &str, email: &str, leader: &str| {
        format!(
            "year=2027-28&teacher_name={teacher}&teacher_email={email}&\
             qualified_teacher_status=yes&years_teaching_mathematics=4&\
             lead_teacher_statement=I+lead+KS3.%0D%0AAnd+more.&senior_leader_name={leader}&\
             senior_leader_statement=Yes.%0D%0AWe+support+Tess."
        )
    };
    let response = app
        .post_as(
            &lead,
            "/schools/137666/nominate-specialist",
            &form("Tess%0ATeacher", SVG_ADDRESS, "Sam%09Senior"),
        )
        .await;
    refused(
        &response,
        &[
            &format!("The teacher&#39;s name {ONE_LINE}"),
            &format!("The senior leader&#39;s name {ONE_LINE}"),
            "Enter the teacher&#39;s email address",
        ],
    );
    // Statements are paragraphs: line breaks in them are kept.
    let accepted = app
        .post_as(
            &lead,
            "/schools/137666/nominate-specialist",
            &form("Tess+Teacher", "tess%40school.example", "Sam+Senior"),
        )
        .await;
    assert_eq!(accepted.status, 303, "{}", accepted.body);
}

#[tokio::test]
async fn an_applications_sections_refuse_broken_names_roles_and_addresses() {
    let app = TestApp::new().await;
    let fx = Pathway::new(&app).await;
    let lead = lead(&app).await;
    let id = fx.complete_draft(137666, fixtures::year(2027)).await;
    let advocates = app
        .post_as(
            &lead,
            &format!("/applications/{id}/advocates"),
            &format!(
                "advocate_1_name=Ann%0D%0AAdvocate&advocate_1_email=ann%40school.example&\
                 advocate_2_name=Bo+Advocate&advocate_2_email={SVG_ADDRESS}"
            ),
        )
        .await;
    refused(
        &advocates,
        &[
            &format!("The first Mastery Advocate&#39;s name {ONE_LINE}"),
            "Enter the second Mastery Advocate&#39;s email address in the correct format",
        ],
    );
    let leader = app
        .post_as(
            &lead,
            &format!("/applications/{id}/senior-leader"),
            "senior_leader_name=Sam%1BSenior&senior_leader_role=Deputy%0Aheadteacher&\
             senior_leader_statement=We+will.%0D%0AEvery+session.&release_time_confirmed=yes",
        )
        .await;
    refused(
        &leader,
        &[
            &format!("The senior leader&#39;s name {ONE_LINE}"),
            &format!("The senior leader&#39;s role {ONE_LINE}"),
        ],
    );
    let stored = app.db.db.application(id).await.expect("read").expect("app");
    assert_eq!(stored.fields.advocate_1_name, "Ann Advocate", "unchanged");
}

#[tokio::test]
async fn the_work_group_and_catalogue_forms_refuse_broken_names_titles_and_foci() {
    let app = TestApp::new().await;
    let fx = Pathway::new(&app).await;
    let lead = lead(&app).await;
    let group = fx.group_form("Jurassic%0D%0ADevelopment+B");
    let response = app
        .post_as(
            &lead,
            &format!("/hubs/JUR/work-groups/new?year={}", fx.year_param),
            &group,
        )
        .await;
    refused(
        &response,
        &[&format!("The Work Group&#39;s name {ONE_LINE}")],
    );

    let admin = app.admin.clone();
    let year = AcademicYear::parse("2027/28").expect("year");
    let programme = fx.programme_id().await;
    let title = app
        .post_as(
            &admin,
            &format!("/catalogue/programmes/{programme}"),
            "title=Development%0AWork+Group&support_days=5&group_min=2&group_max=2&funding_pounds=2000",
        )
        .await;
    refused(&title, &[&format!("The programme&#39;s title {ONE_LINE}")]);
    let foci = app
        .post_as(
            &admin,
            "/catalogue/foci?year=2027-28",
            "foci=Reasoning%09in+KS3%0D%0ASubject+leadership",
        )
        .await;
    refused(&foci, &["Each focus must be on one line"]);
    let stored = app.db.db.programmes(year).await.expect("catalogue");
    assert!(
        stored
            .iter()
            .any(|p| p.stage == Stage::Development && !p.title.contains('\n'))
    );
}
