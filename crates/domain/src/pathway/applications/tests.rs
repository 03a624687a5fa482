use proptest::prelude::*;

use super::*;

fn advocate(name: &str, email: &str) -> AdvocateInput {
    AdvocateInput {
        name: name.into(),
        email: email.into(),
    }
}

fn complete(stage: &str) -> ApplicationInput {
    ApplicationInput {
        stage: stage.into(),
        academic_year: "2025/26".into(),
        work_group: Some("  ".into()),
        advocates: vec![
            advocate(" Asha Patel ", "asha.patel@school.example"),
            advocate("Ben Okafor", "ben.okafor@school.example"),
        ],
        senior_leader: SeniorLeaderInput {
            name: "Carol Reid".into(),
            role: "Deputy headteacher".into(),
            statement: "We will release both Advocates for every session.".into(),
        },
        release_time_confirmed: true,
    }
}

fn fields(errors: &[FieldError]) -> Vec<&str> {
    errors.iter().map(|e| e.field.as_str()).collect()
}

fn message<'a>(errors: &'a [FieldError], field: &str) -> &'a str {
    errors
        .iter()
        .find(|e| e.field == field)
        .map_or("", |e| e.message.as_str())
}

#[test]
fn a_complete_application_is_accepted_trimmed() {
    let application = Application::parse(&complete(" Development ")).expect("valid");
    assert_eq!(application.stage(), Stage::Development);
    assert_eq!(application.academic_year().to_string(), "2025/26");
    assert_eq!(application.work_group(), None);
    assert_eq!(application.advocates().len(), 2);
    assert_eq!(application.advocates()[0].name(), "Asha Patel");
    assert_eq!(
        application.advocates()[1].email().as_str(),
        "ben.okafor@school.example"
    );
    assert_eq!(application.senior_leader().role(), "Deputy headteacher");
    assert!(
        application
            .senior_leader()
            .statement()
            .starts_with("We will")
    );

    let mut with_group = complete("embedding");
    with_group.work_group = Some(" EME Embedding & Sustaining 1 ".into());
    let application = Application::parse(&with_group).expect("valid");
    assert_eq!(
        application.work_group(),
        Some("EME Embedding & Sustaining 1")
    );
}

#[test]
fn an_empty_form_lists_every_problem() {
    let errors = Application::parse(&ApplicationInput::default()).expect_err("empty");
    assert_eq!(
        fields(&errors),
        [
            "stage",
            "academic_year",
            "senior_leader_name",
            "senior_leader_role",
            "senior_leader_statement",
            "release_time_confirmed"
        ]
    );
    assert_eq!(
        message(&errors, "stage"),
        "Select the stage the department is applying for"
    );
    assert_eq!(
        message(&errors, "senior_leader_role"),
        "Enter the senior leader's role, for example Deputy headteacher"
    );
    assert_eq!(
        message(&errors, "release_time_confirmed"),
        "Confirm that the school will give release time for the full academic year"
    );
}

#[test]
fn a_department_names_at_most_two_advocates() {
    let mut input = complete("sustaining");
    input
        .advocates
        .push(advocate("Dev Shah", "dev.shah@school.example"));
    let errors = Application::parse(&input).expect_err("three");
    assert_eq!(fields(&errors), ["advocates"]);
    assert_eq!(
        errors[0].message,
        "A department nominates two Mastery Advocates; this names three"
    );
}

#[test]
fn development_needs_two_advocates_and_later_stages_one() {
    let mut one = complete("development");
    one.advocates.truncate(1);
    let errors = Application::parse(&one).expect_err("one");
    assert_eq!(
        message(&errors, "advocates"),
        "A department joining Development nominates two Mastery Advocates; this names one"
    );
    one.stage = "embedding".into();
    assert!(Application::parse(&one).is_ok());

    let mut none = complete("embedding");
    none.advocates = vec![advocate(" ", ""), AdvocateInput::default()];
    let errors = Application::parse(&none).expect_err("none");
    assert_eq!(fields(&errors), ["advocates"]);
    assert!(errors[0].message.contains("at least one Mastery Advocate"));
    assert!(errors[0].message.ends_with("this names none"));
    none.stage = "preparatory".into();
    let application = Application::parse(&none).expect("preparatory needs none");
    assert!(application.advocates().is_empty());
}

#[test]
fn each_advocate_field_is_checked_by_name() {
    let mut input = complete("development");
    input.advocates = vec![
        advocate("", "asha.patel@school"),
        advocate("Ben Okafor", ""),
    ];
    let errors = Application::parse(&input).expect_err("bad advocates");
    assert_eq!(
        fields(&errors),
        ["advocate_1_name", "advocate_1_email", "advocate_2_email"]
    );
    assert_eq!(
        message(&errors, "advocate_1_name"),
        "Enter the first Mastery Advocate's name"
    );
    assert_eq!(
        message(&errors, "advocate_1_email"),
        "Enter the first Mastery Advocate's email address in the correct format, like \
         name@school.org.uk"
    );
    assert_eq!(
        message(&errors, "advocate_2_email"),
        "Enter the second Mastery Advocate's email address"
    );
}

#[test]
fn the_two_advocates_are_different_people() {
    let mut input = complete("development");
    input.advocates[1].email = "ASHA.PATEL@school.example".into();
    let errors = Application::parse(&input).expect_err("same person");
    assert_eq!(fields(&errors), ["advocate_2_email"]);
    assert_eq!(
        errors[0].message,
        "The Mastery Advocates must be different people: the second Mastery Advocate's email \
         address is the same as the first's"
    );
}

#[test]
fn stage_and_year_problems_name_the_value() {
    let mut input = complete("consolidating");
    input.academic_year = "2025/27".into();
    let errors = Application::parse(&input).expect_err("bad");
    assert_eq!(fields(&errors), ["stage", "academic_year"]);
    assert!(message(&errors, "stage").starts_with("'consolidating' is not a stage"));
    assert!(message(&errors, "academic_year").contains("'2025/27'"));

    let specialist = Application::parse(&complete("specialist_year_1")).expect_err("teacher");
    assert_eq!(fields(&specialist), ["stage"]);
    assert!(
        specialist[0]
            .message
            .contains("Specialists Programme application")
    );
}

#[test]
fn names_and_roles_are_one_line_and_the_statement_may_be_paragraphs() {
    let mut input = complete("development");
    input.advocates[0].name = "Asha\r\nPatel".into();
    input.advocates[1].email = "\"><svg/onload=alert(3)>@x.example".into();
    input.senior_leader.name = "Carol\tReid".into();
    input.senior_leader.role = "Deputy\u{0}headteacher".into();
    input.work_group = Some("Group\nA".into());
    input.senior_leader.statement = "We will.\r\n\r\nEvery session.".into();
    let errors = Application::parse(&input).expect_err("broken lines");
    assert_eq!(
        fields(&errors),
        [
            "work_group",
            "advocate_1_name",
            "advocate_2_email",
            "senior_leader_name",
            "senior_leader_role"
        ]
    );
    let rule = "must be on one line, without line breaks, tabs or other control characters";
    assert_eq!(
        message(&errors, "advocate_1_name"),
        format!("The first Mastery Advocate's name {rule}")
    );
    assert_eq!(
        message(&errors, "senior_leader_role"),
        format!("The senior leader's role {rule}")
    );
    assert_eq!(
        message(&errors, "work_group"),
        format!("The Work Group {rule}")
    );
    assert!(message(&errors, "advocate_2_email").contains("in the correct format"));
}

#[test]
fn long_texts_are_refused_with_their_length() {
    let mut input = complete("development");
    input.senior_leader.statement = "x".repeat(MAX_STATEMENT_CHARS + 1);
    input.senior_leader.role = "y".repeat(MAX_NAME_CHARS + 5);
    input.work_group = Some("z".repeat(MAX_NAME_CHARS + 1));
    let errors = Application::parse(&input).expect_err("too long");
    assert_eq!(
        fields(&errors),
        [
            "work_group",
            "senior_leader_role",
            "senior_leader_statement"
        ]
    );
    assert_eq!(
        message(&errors, "senior_leader_statement"),
        "The senior leader's statement must be 10,000 characters or fewer; it has 10,001"
    );
    assert_eq!(
        message(&errors, "senior_leader_role"),
        "The senior leader's role must be 200 characters or fewer; it has 205"
    );
    input.senior_leader.statement = "é".repeat(MAX_STATEMENT_CHARS);
    input.senior_leader.role = "Headteacher".into();
    input.work_group = None;
    assert!(
        Application::parse(&input).is_ok(),
        "limits count characters"
    );
}

#[test]
fn advocates_needed_by_stage() {
    assert_eq!(advocates_for(Stage::Development), (2, 2));
    assert_eq!(advocates_for(Stage::Embedding), (1, 2));
    assert_eq!(advocates_for(Stage::Sustaining), (1, 2));
    assert_eq!(advocates_for(Stage::Preparatory), (0, 2));
}

proptest! {
    #[test]
    fn valid_exactly_when_no_field_errors(
        stage in proptest::sample::select(vec!["development", "embedding", "preparatory", "", "x"]),
        advocates in 0usize..4,
        leader_named in any::<bool>(),
        confirmed in any::<bool>(),
    ) {
        let mut input = complete(stage);
        input.advocates = (0..advocates)
            .map(|i| advocate(&format!("Teacher {i}"), &format!("t{i}@school.example")))
            .collect();
        if !leader_named {
            input.senior_leader.name.clear();
        }
        input.release_time_confirmed = confirmed;
        match Application::parse(&input) {
            Ok(application) => {
                let (fewest, most) = advocates_for(application.stage());
                prop_assert!((fewest..=most).contains(&application.advocates().len()));
                prop_assert!(leader_named && confirmed);
            }
            Err(errors) => {
                prop_assert!(!errors.is_empty());
                let mut seen: Vec<_> = errors.iter().map(|e| e.field.clone()).collect();
                let count = seen.len();
                seen.dedup();
                prop_assert_eq!(seen.len(), count, "a field is reported once");
                prop_assert!(errors.iter().all(|e| !e.message.is_empty()));
            }
        }
    }
}

#[test]
fn schools_apply_for_this_year_and_the_next() {
    let this = AcademicYear::parse("2026/27").expect("year");
    let next = AcademicYear::parse("2027/28").expect("year");
    assert_eq!(super::years_open_for_applications(this), vec![this, next]);
    let last = AcademicYear::parse("2098/99").expect("the last year the service covers");
    assert_eq!(super::years_open_for_applications(last), vec![last]);
}
