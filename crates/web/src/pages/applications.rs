//! Schools' applications to the pathway, as a GOV.UK task list: the head of maths starts one for
//! a stage and year (seeing whether the department is eligible), fills in its sections, submits
//! it, and may withdraw it; the hub lead sees the hub's applications with their eligibility and
//! accepts (into a Work Group with room), waitlists or declines with a reason. Each step emails
//! the person who applied.

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use masteryhub_domain::pathway::applications::{
    AdvocateInput, SeniorLeaderInput, years_open_for_applications,
};
use masteryhub_domain::pathway::{Application, ApplicationInput, ApplicationStatus, Stage};
use masteryhub_domain::policy::{Action, Resource};
use masteryhub_domain::{AcademicYear, Urn};
use masteryhub_store::StoreError;
use masteryhub_store::outbox::OutgoingEmail;
use masteryhub_store::pathway::applications::{
    ApplicationFields, ApplicationRecord, Move, moved_meanwhile,
};
use serde::Deserialize;

use crate::AppState;
use crate::access::CurrentUser;
use crate::auth::SignedIn;
use crate::csrf::CheckedForm;
use crate::eligibility::{Ask, eligibility_besides, eligibility_for, eligibility_of_each};
use crate::error::PageError;
use crate::pages::schools::{school_resource, visible_school};
use crate::pages::sign_in::field_error;
use crate::pages::work_groups::{YearQuery, chosen_year, year_param};
use crate::pages::{FormPairs, form_value};
use crate::views::{
    ApplicationPage, ApplicationSectionPage, ApplicationsPage, ApplyPage, Chrome, EligibilityView,
    HubApplicationRow, PageFieldError, SelectOption, YearLinks, render,
};

/// The stages a department applies for.
const STAGES: [Stage; 4] = [
    Stage::Preparatory,
    Stage::Development,
    Stage::Embedding,
    Stage::Sustaining,
];

/// The years a school may apply for now.
fn open_years(state: &AppState) -> Result<Vec<AcademicYear>, PageError> {
    Ok(years_open_for_applications(chosen_year(state, None)?))
}

/// `GET /schools/{urn}/apply`
pub async fn start_form(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(urn): Path<String>,
) -> Result<Response, PageError> {
    let school = visible_school(&state, &user, &urn).await?;
    user.require(Action::Change, school_resource(&school))?;
    let page = apply_page(&state, &user, &school, "", "", Vec::new()).await?;
    Ok(render(&page))
}

async fn apply_page(
    state: &AppState,
    user: &SignedIn,
    school: &masteryhub_store::schools::School,
    stage: &str,
    year: &str,
    errors: Vec<PageFieldError>,
) -> Result<ApplyPage, PageError> {
    let mut stages = vec![SelectOption::new("", "Select a stage", stage)];
    stages.extend(
        STAGES
            .iter()
            .map(|s| SelectOption::new(s.as_str(), s.label(), stage)),
    );
    let years = open_years(state)?;
    let default_year = years.last().map(|y| year_param(*y)).unwrap_or_default();
    let current = if year.is_empty() {
        default_year.as_str()
    } else {
        year
    };
    let urn = school.record.typed_urn();
    let applications = state.db.school_applications(school.record.urn).await?;
    let mut grid = Vec::new();
    for stage in STAGES {
        let mut answers = Vec::new();
        for y in &years {
            let answer = eligibility_for(state, user, urn, stage, *y).await?;
            let mut view = EligibilityView::from(&answer);
            let open = applications.iter().find(|a| {
                a.stage == stage.as_str()
                    && a.academic_year == y.to_string()
                    && !matches!(a.status.as_str(), "declined" | "withdrawn")
            });
            if let Some(open) = open {
                view.eligible = false;
                view.reasons = vec![format!(
                    "The school has an application for this already ({}).",
                    ApplicationStatus::parse(&open.status)
                        .map_or("open", |s| s.label())
                        .to_lowercase()
                )];
            }
            answers.push(view);
        }
        grid.push((stage.label(), answers));
    }
    Ok(ApplyPage {
        chrome: Chrome::for_request(Some(user)),
        year_labels: years.iter().map(ToString::to_string).collect(),
        grid,
        urn: school.record.urn,
        school_name: school.record.name.clone(),
        stages,
        years: years
            .iter()
            .map(|y| SelectOption::new(year_param(*y), y.to_string(), current))
            .collect(),
        errors,
    })
}

#[derive(Debug, Default, Deserialize)]
pub struct StartForm {
    #[serde(default)]
    stage: String,
    #[serde(default)]
    year: String,
}

/// `POST /schools/{urn}/apply`: starts a draft for the stage and year.
pub async fn start(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(urn): Path<String>,
    CheckedForm(form): CheckedForm<StartForm>,
) -> Result<Response, PageError> {
    let school = visible_school(&state, &user, &urn).await?;
    user.require(Action::Change, school_resource(&school))?;
    let stage = Stage::parse(&form.stage)
        .ok()
        .filter(|s| STAGES.contains(s));
    let years = open_years(&state)?;
    let year = AcademicYear::parse(&form.year)
        .ok()
        .filter(|y| years.contains(y));
    let (Some(stage), Some(year)) = (stage, year) else {
        let mut errors = Vec::new();
        if stage.is_none() {
            errors.push(field_error(
                "stage",
                "Select the stage the department is applying for",
            ));
        }
        if year.is_none() {
            errors.push(field_error(
                "year",
                "Select the academic year from the list",
            ));
        }
        let page = apply_page(&state, &user, &school, &form.stage, &form.year, errors).await?;
        return Ok((StatusCode::BAD_REQUEST, render(&page)).into_response());
    };
    // A stage the department may not join is refused, with every reason.
    let eligibility =
        eligibility_for(&state, &user, school.record.typed_urn(), stage, year).await?;
    if !eligibility.is_eligible() {
        let errors = eligibility
            .reasons()
            .iter()
            .map(|r| field_error("stage", &r.message))
            .collect();
        let page = apply_page(&state, &user, &school, &form.stage, &form.year, errors).await?;
        return Ok((StatusCode::BAD_REQUEST, render(&page)).into_response());
    }
    match state
        .db
        .create_application(
            school.record.urn,
            year,
            stage,
            &user.actor(),
            state.clock.now(),
        )
        .await
    {
        Ok(id) => Ok(Redirect::to(&format!("/applications/{id}")).into_response()),
        Err(StoreError::Invalid(message)) => {
            let errors = vec![field_error("stage", &capitalised(&message))];
            let page = apply_page(&state, &user, &school, &form.stage, &form.year, errors).await?;
            Ok((StatusCode::BAD_REQUEST, render(&page)).into_response())
        }
        // Started meanwhile (another tab, a second click): the page as it is now says so.
        Err(StoreError::Conflict(message)) => {
            let errors = vec![field_error("stage", &message)];
            let page = apply_page(&state, &user, &school, &form.stage, &form.year, errors).await?;
            Ok((StatusCode::CONFLICT, render(&page)).into_response())
        }
        Err(other) => Err(other.into()),
    }
}

/// A store's sentence as a message: capital first letter.
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// The application at an id in a path, if the person may see its school.
async fn visible_application(
    state: &AppState,
    user: &SignedIn,
    id: &str,
) -> Result<ApplicationRecord, PageError> {
    let id: i64 = id.parse().map_err(|_| PageError::NotFound)?;
    let app = state.db.application(id).await?.ok_or(PageError::NotFound)?;
    user.require(Action::View, app_resource(&app)?)?;
    Ok(app)
}

/// The application's school, as the domain types it.
fn urn_of(app: &ApplicationRecord) -> Result<Urn, PageError> {
    Urn::try_from(app.urn).map_err(|e| PageError::Internal(e.to_string()))
}

fn app_resource(app: &ApplicationRecord) -> Result<Resource<'_>, PageError> {
    Ok(Resource::School {
        urn: urn_of(app)?,
        hub: app.hub_code.as_deref(),
    })
}

fn parsed(app: &ApplicationRecord) -> Result<(Stage, AcademicYear, ApplicationStatus), PageError> {
    let internal = |e: &dyn std::fmt::Display| PageError::Internal(e.to_string());
    Ok((
        Stage::parse(&app.stage).map_err(|e| internal(&e))?,
        AcademicYear::parse(&app.academic_year).map_err(|e| internal(&e))?,
        ApplicationStatus::parse(&app.status).map_err(|e| internal(&e))?,
    ))
}

/// The whole form, as the rules check it on submission.
fn input(app: &ApplicationRecord) -> ApplicationInput {
    let f = &app.fields;
    ApplicationInput {
        stage: app.stage.clone(),
        academic_year: app.academic_year.clone(),
        work_group: f.work_group_id.map(|id| id.to_string()),
        advocates: vec![
            AdvocateInput {
                name: f.advocate_1_name.clone(),
                email: f.advocate_1_email.clone(),
            },
            AdvocateInput {
                name: f.advocate_2_name.clone(),
                email: f.advocate_2_email.clone(),
            },
        ],
        senior_leader: SeniorLeaderInput {
            name: f.senior_leader_name.clone(),
            role: f.senior_leader_role.clone(),
            statement: f.senior_leader_statement.clone(),
        },
        release_time_confirmed: f.release_time_confirmed,
    }
}

/// Which section of the form an error belongs to.
fn section_of(field: &str) -> &'static str {
    if field.starts_with("advocate") {
        "advocates"
    } else if field.starts_with("senior_leader") || field == "release_time_confirmed" {
        "senior-leader"
    } else {
        "work-group"
    }
}

async fn show_application(
    state: &AppState,
    user: &SignedIn,
    app: ApplicationRecord,
    errors: Vec<PageFieldError>,
) -> Result<ApplicationPage, PageError> {
    let (stage, year, status) = parsed(&app)?;
    let urn = urn_of(&app)?;
    let own_place = status == ApplicationStatus::Accepted;
    let eligibility = eligibility_besides(state, user, urn, stage, year, own_place).await?;
    let school_side = user.may(Action::Change, app_resource(&app)?);
    let hub_side = app
        .hub_code
        .as_deref()
        .is_some_and(|hub| user.may(Action::Change, Resource::Hub(hub)));
    let groups = match (&app.hub_code, hub_side) {
        (Some(hub), true) => state.db.work_groups(hub, year).await?,
        _ => Vec::new(),
    };
    let chosen = app
        .fields
        .work_group_id
        .map(|id| id.to_string())
        .unwrap_or_default();
    let mut group_options = vec![SelectOption::new("", "Select a Work Group", &chosen)];
    group_options.extend(groups.iter().filter(|g| g.status != "closed").map(|g| {
        let label = format!("{} ({} of {} places taken)", g.name, g.members, g.capacity);
        SelectOption::new(g.id.to_string(), label, &chosen)
    }));
    let complete = Application::parse(&input(&app)).err().unwrap_or_default();
    let incomplete = |section: &str| complete.iter().any(|e| section_of(&e.field) == section);
    Ok(ApplicationPage {
        chrome: Chrome::for_request(Some(user)),
        stage_label: stage.label(),
        status_label: status.label(),
        may_edit: school_side && status == ApplicationStatus::Draft,
        may_withdraw: school_side && status.next().contains(&ApplicationStatus::Withdrawn),
        group_link: app
            .hub_code
            .as_deref()
            .is_some_and(|hub| user.may(Action::View, Resource::Hub(hub))),
        may_decide: hub_side
            && matches!(
                status,
                ApplicationStatus::Submitted | ApplicationStatus::Waitlisted
            ),
        advocates_done: !incomplete("advocates"),
        leader_done: !incomplete("senior-leader"),
        eligibility: EligibilityView::from(&eligibility),
        group_options,
        app,
        errors,
    })
}

/// `GET /applications/{id}`
pub async fn show(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let app = visible_application(&state, &user, &id).await?;
    Ok(render(
        &show_application(&state, &user, app, Vec::new()).await?,
    ))
}

/// The application page as the application is now, saying why a request changed nothing: it
/// was moved or changed first by someone else (409).
async fn conflict_page(
    state: &AppState,
    user: &SignedIn,
    id: i64,
    message: &str,
) -> Result<Response, PageError> {
    let app = state.db.application(id).await?.ok_or(PageError::NotFound)?;
    let page = show_application(state, user, app, vec![field_error("status", message)]).await?;
    Ok((StatusCode::CONFLICT, render(&page)).into_response())
}

/// For a request of the school side to change a draft: `None` while the application is one;
/// otherwise the application page saying why nothing changed (409: it was submitted or
/// withdrawn meanwhile, or the page was old).
async fn unless_draft(
    state: &AppState,
    user: &SignedIn,
    app: &ApplicationRecord,
    submitting: bool,
) -> Result<Option<Response>, PageError> {
    user.require(Action::Change, app_resource(app)?)?;
    let (_, _, status) = parsed(app)?;
    let message = match status {
        ApplicationStatus::Draft => return Ok(None),
        ApplicationStatus::Submitted if submitting => {
            moved_meanwhile(ApplicationStatus::Submitted, ApplicationStatus::Submitted)
        }
        other => format!(
            "This application is {}: only a draft can be {}",
            other.label().to_lowercase(),
            if submitting { "submitted" } else { "changed" }
        ),
    };
    conflict_page(state, user, app.id, &message).await.map(Some)
}

/// The school side may change only a draft.
fn require_draft(user: &SignedIn, app: &ApplicationRecord) -> Result<(), PageError> {
    user.require(Action::Change, app_resource(app)?)?;
    if app.status == "draft" {
        Ok(())
    } else {
        Err(PageError::NotAllowed)
    }
}

/// `GET /applications/{id}/{section}`: one section of a draft.
pub async fn section_form(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path((id, section)): Path<(String, String)>,
) -> Result<Response, PageError> {
    let app = visible_application(&state, &user, &id).await?;
    let section = Section::parse(&section)?;
    require_draft(&user, &app)?;
    let page = section_page(&state, &user, &app, section, &app.fields, Vec::new()).await?;
    Ok(render(&page))
}

/// The sections of the task list a school fills in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Section {
    WorkGroup,
    Advocates,
    SeniorLeader,
}

impl Section {
    fn parse(text: &str) -> Result<Self, PageError> {
        match text {
            "work-group" => Ok(Self::WorkGroup),
            "advocates" => Ok(Self::Advocates),
            "senior-leader" => Ok(Self::SeniorLeader),
            _ => Err(PageError::NotFound),
        }
    }

    fn path(self) -> &'static str {
        match self {
            Self::WorkGroup => "work-group",
            Self::Advocates => "advocates",
            Self::SeniorLeader => "senior-leader",
        }
    }

    fn title(self) -> &'static str {
        match self {
            Self::WorkGroup => "Choose a Work Group",
            Self::Advocates => "Nominate the Mastery Advocates",
            Self::SeniorLeader => "Senior leader's commitment",
        }
    }
}

async fn section_page(
    state: &AppState,
    user: &SignedIn,
    app: &ApplicationRecord,
    section: Section,
    fields: &ApplicationFields,
    errors: Vec<PageFieldError>,
) -> Result<ApplicationSectionPage, PageError> {
    let (_, year, _) = parsed(app)?;
    let chosen = fields
        .work_group_id
        .map(|id| id.to_string())
        .unwrap_or_default();
    let mut groups = vec![SelectOption::new(
        "",
        "Leave it to the hub to place us",
        &chosen,
    )];
    if let Some(hub) = &app.hub_code {
        groups.extend(
            state
                .db
                .work_groups(hub, year)
                .await?
                .into_iter()
                .filter(|g| g.status == "recruiting" && g.stage == app.stage)
                .map(|g| {
                    SelectOption::new(
                        g.id.to_string(),
                        format!("{} – {}", g.name, g.focus),
                        &chosen,
                    )
                }),
        );
    }
    Ok(ApplicationSectionPage {
        chrome: Chrome::for_request(Some(user)),
        id: app.id,
        school_name: app.school_name.clone(),
        part: section.path(),
        title: section.title(),
        groups,
        fields: fields.clone(),
        errors,
    })
}

/// `POST /applications/{id}/{section}`: saves a section of the draft.
pub async fn save_section(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path((id, section)): Path<(String, String)>,
    CheckedForm(pairs): CheckedForm<FormPairs>,
) -> Result<Response, PageError> {
    let app = visible_application(&state, &user, &id).await?;
    let section = Section::parse(&section)?;
    if let Some(refused) = unless_draft(&state, &user, &app, false).await? {
        return Ok(refused);
    }
    let value = |name: &str| form_value(&pairs, name);
    let mut fields = app.fields.clone();
    let mut errors = Vec::new();
    match section {
        Section::WorkGroup => {
            let choice = value("work_group");
            fields.work_group_id = if choice.is_empty() {
                None
            } else {
                let (_, year, _) = parsed(&app)?;
                let groups = match &app.hub_code {
                    Some(hub) => state.db.work_groups(hub, year).await?,
                    None => Vec::new(),
                };
                let found = choice.parse::<i64>().ok().filter(|id| {
                    groups
                        .iter()
                        .any(|g| g.id == *id && g.status == "recruiting" && g.stage == app.stage)
                });
                if found.is_none() {
                    errors.push(field_error(
                        "work_group",
                        "Select a Work Group from the list",
                    ));
                }
                found
            };
        }
        Section::Advocates => {
            let extra = pairs.iter().any(|(key, value)| {
                key.strip_prefix("advocate_")
                    .and_then(|rest| rest.split('_').next())
                    .and_then(|n| n.parse::<u32>().ok())
                    .is_some_and(|n| n > 2)
                    && !value.trim().is_empty()
            });
            if extra {
                errors.push(field_error(
                    "advocate_1_name",
                    "A department nominates at most two Mastery Advocates: remove the third",
                ));
            }
            fields.advocate_1_name = value("advocate_1_name");
            fields.advocate_1_email = value("advocate_1_email");
            fields.advocate_2_name = value("advocate_2_name");
            fields.advocate_2_email = value("advocate_2_email");
        }
        Section::SeniorLeader => {
            fields.senior_leader_name = value("senior_leader_name");
            fields.senior_leader_role = value("senior_leader_role");
            fields.senior_leader_statement = value("senior_leader_statement");
            fields.release_time_confirmed = value("release_time_confirmed") == "yes";
        }
    }
    // What the rules say of this section now (other sections may still be empty).
    if errors.is_empty() {
        let probe = ApplicationRecord {
            fields: fields.clone(),
            ..app.clone()
        };
        if let Err(problems) = Application::parse(&input(&probe)) {
            errors.extend(
                problems
                    .into_iter()
                    .filter(|e| section_of(&e.field) == section.path() && e.field != "work_group")
                    .filter(|e| {
                        section != Section::Advocates
                            || e.field != "advocates"
                            || !fields.advocate_1_name.is_empty()
                    })
                    .map(|e| field_error(anchor(&e.field), &e.message)),
            );
        }
    }
    if !errors.is_empty() {
        let page = section_page(&state, &user, &app, section, &fields, errors).await?;
        return Ok((StatusCode::BAD_REQUEST, render(&page)).into_response());
    }
    match state
        .db
        .save_application(app.id, &fields, &user.actor(), state.clock.now())
        .await
    {
        Ok(()) => Ok(Redirect::to(&format!("/applications/{}", app.id)).into_response()),
        Err(StoreError::Conflict(message)) => conflict_page(&state, &user, app.id, &message).await,
        Err(other) => Err(other.into()),
    }
}

/// The field an error summary links to for a rule's field name.
fn anchor(field: &str) -> &str {
    match field {
        "advocates" => "advocate_1_name",
        other => other,
    }
}

/// The person who started the application, to email.
async fn applicant(
    state: &AppState,
    app: &ApplicationRecord,
) -> Result<Option<(String, String)>, StoreError> {
    let Some(id) = app.created_by else {
        return Ok(None);
    };
    Ok(state.db.account(id).await?.map(|a| (a.name, a.email)))
}

fn email_to(to: &(String, String), subject: String, body: String) -> OutgoingEmail {
    OutgoingEmail {
        to_address: to.1.clone(),
        to_name: to.0.clone(),
        subject,
        body,
    }
}

/// What each step tells the school.
fn step_email(
    app: &ApplicationRecord,
    to: &(String, String),
    status: ApplicationStatus,
    reason: Option<&str>,
    link: &str,
) -> OutgoingEmail {
    let stage = crate::views::stage_label(&app.stage);
    let what = match status {
        ApplicationStatus::Submitted => {
            "has been sent to your Maths Hub, which will decide on it".to_owned()
        }
        ApplicationStatus::Accepted => "has been accepted: the department has a place".to_owned(),
        ApplicationStatus::Waitlisted => "is on the hub's waiting list for a place".to_owned(),
        ApplicationStatus::Declined => format!(
            "has been declined. The hub's reason: {}",
            reason.unwrap_or("")
        ),
        ApplicationStatus::Withdrawn => "has been withdrawn".to_owned(),
        ApplicationStatus::Draft => "is a draft".to_owned(),
    };
    email_to(
        to,
        format!(
            "{}: {stage} {} application {}",
            app.school_name,
            app.academic_year,
            status.label().to_lowercase()
        ),
        format!(
            "Dear {},\n\n{}'s application for {stage} in {} {what}.\n\nSee it here:\n\n{link}\n\nmasteryhub\n",
            to.0, app.school_name, app.academic_year
        ),
    )
}

async fn move_to(
    state: &AppState,
    user: &SignedIn,
    app: ApplicationRecord,
    to: ApplicationStatus,
    reason: Option<String>,
    work_group_id: Option<i64>,
    extra: Vec<OutgoingEmail>,
) -> Result<Response, PageError> {
    let link = format!("{}/applications/{}", state.base_url, app.id);
    let mut emails = extra;
    if let Some(person) = applicant(state, &app).await? {
        emails.push(step_email(&app, &person, to, reason.as_deref(), &link));
    }
    let (_, _, seen) = parsed(&app)?;
    let change = Move {
        from: Some(seen),
        to,
        reason,
        work_group_id,
        emails,
    };
    match state
        .db
        .move_application(app.id, &change, &user.actor(), state.clock.now())
        .await
    {
        Ok(()) => Ok(Redirect::to(&format!("/applications/{}", app.id)).into_response()),
        Err(StoreError::Invalid(message)) => {
            let field = if to == ApplicationStatus::Accepted {
                "work_group"
            } else {
                "decision"
            };
            let page =
                show_application(state, user, app, vec![field_error(field, &message)]).await?;
            Ok((StatusCode::BAD_REQUEST, render(&page)).into_response())
        }
        Err(StoreError::Conflict(message)) => conflict_page(state, user, app.id, &message).await,
        Err(other) => Err(other.into()),
    }
}

/// `POST /applications/{id}/submit`: checks every section and eligibility, then sends it to the
/// hub.
pub async fn submit(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(id): Path<String>,
    CheckedForm(crate::csrf::NoFields {}): CheckedForm<crate::csrf::NoFields>,
) -> Result<Response, PageError> {
    let app = visible_application(&state, &user, &id).await?;
    if let Some(refused) = unless_draft(&state, &user, &app, true).await? {
        return Ok(refused);
    }
    let (stage, year, _) = parsed(&app)?;
    let mut errors: Vec<PageFieldError> = match Application::parse(&input(&app)) {
        Ok(_) => Vec::new(),
        Err(problems) => problems
            .into_iter()
            .map(|e| PageFieldError {
                anchor: section_of(&e.field).to_owned(),
                field: e.field,
                message: e.message,
            })
            .collect(),
    };
    let urn = urn_of(&app)?;
    let eligibility = eligibility_for(&state, &user, urn, stage, year).await?;
    errors.extend(eligibility.reasons().iter().map(|r| PageFieldError {
        field: "eligibility".into(),
        anchor: "eligibility".into(),
        message: r.message.clone(),
    }));
    if !errors.is_empty() {
        let page = show_application(&state, &user, app, errors).await?;
        return Ok((StatusCode::BAD_REQUEST, render(&page)).into_response());
    }
    let hub_leads = match &app.hub_code {
        Some(hub) => state.db.hub_people(hub, "hub-lead").await?,
        None => Vec::new(),
    };
    let link = format!("{}/applications/{}", state.base_url, app.id);
    let to_hub = hub_leads
        .into_iter()
        .map(|(_, name, email)| {
            email_to(
                &(name.clone(), email),
                format!("New application: {} for {} {}", app.school_name, crate::views::stage_label(&app.stage), app.academic_year),
                format!("Dear {name},\n\n{} has applied for {} in {}. Decide on it here:\n\n{link}\n\nmasteryhub\n", app.school_name, crate::views::stage_label(&app.stage), app.academic_year),
            )
        })
        .collect();
    move_to(
        &state,
        &user,
        app,
        ApplicationStatus::Submitted,
        None,
        None,
        to_hub,
    )
    .await
}

#[derive(Debug, Default, Deserialize)]
pub struct DecisionForm {
    #[serde(default)]
    decision: String,
    #[serde(default)]
    work_group: String,
    #[serde(default)]
    reason: String,
}

/// `POST /applications/{id}/decision`: the hub accepts, waitlists or declines.
pub async fn decide(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(id): Path<String>,
    CheckedForm(form): CheckedForm<DecisionForm>,
) -> Result<Response, PageError> {
    let app = visible_application(&state, &user, &id).await?;
    let hub = app.hub_code.clone().ok_or(PageError::NotAllowed)?;
    user.require(Action::Change, Resource::Hub(&hub))?;
    let (_, _, status) = parsed(&app)?;
    let to = match form.decision.as_str() {
        "accepted" => ApplicationStatus::Accepted,
        "waitlisted" => ApplicationStatus::Waitlisted,
        "declined" => ApplicationStatus::Declined,
        _ => {
            let page = show_application(
                &state,
                &user,
                app,
                vec![field_error("decision", "Select a decision")],
            )
            .await?;
            return Ok((StatusCode::BAD_REQUEST, render(&page)).into_response());
        }
    };
    // Decided already (by another hub lead, a second click, an old page): say so before
    // anything else, e.g. before the place it was given makes it look ineligible.
    if !matches!(
        status,
        ApplicationStatus::Submitted | ApplicationStatus::Waitlisted
    ) {
        return conflict_page(&state, &user, app.id, &moved_meanwhile(status, to)).await;
    }
    if to == ApplicationStatus::Declined && form.reason.trim().is_empty() {
        let page = show_application(
            &state,
            &user,
            app,
            vec![field_error(
                "reason",
                "Give the school a reason for declining",
            )],
        )
        .await?;
        return Ok((StatusCode::BAD_REQUEST, render(&page)).into_response());
    }
    let work_group = form.work_group.trim().parse::<i64>().ok();
    if to == ApplicationStatus::Accepted
        && work_group.is_none()
        && app.fields.work_group_id.is_none()
    {
        let page = show_application(
            &state,
            &user,
            app,
            vec![field_error(
                "work_group",
                "Select the Work Group the department joins",
            )],
        )
        .await?;
        return Ok((StatusCode::BAD_REQUEST, render(&page)).into_response());
    }
    if to == ApplicationStatus::Accepted {
        let (stage, year, _) = parsed(&app)?;
        let urn = urn_of(&app)?;
        let eligibility = eligibility_for(&state, &user, urn, stage, year).await?;
        if let Some(reason) = eligibility.reasons().first() {
            // Accepted by a racing request since it was read: that is the answer, not the
            // place the acceptance gave.
            let now = state
                .db
                .application(app.id)
                .await?
                .ok_or(PageError::NotFound)?;
            if now.status != app.status {
                let (_, _, now) = parsed(&now)?;
                return conflict_page(&state, &user, app.id, &moved_meanwhile(now, to)).await;
            }
            let page = show_application(
                &state,
                &user,
                app,
                vec![field_error("decision", &reason.message)],
            )
            .await?;
            return Ok((StatusCode::BAD_REQUEST, render(&page)).into_response());
        }
    }
    let reason = Some(form.reason.trim().to_owned()).filter(|r| !r.is_empty());
    move_to(
        &state,
        &user,
        app,
        to,
        reason,
        work_group.filter(|_| to == ApplicationStatus::Accepted),
        Vec::new(),
    )
    .await
}

/// `POST /applications/{id}/withdraw`: the school withdraws.
pub async fn withdraw(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(id): Path<String>,
    CheckedForm(crate::csrf::NoFields {}): CheckedForm<crate::csrf::NoFields>,
) -> Result<Response, PageError> {
    let app = visible_application(&state, &user, &id).await?;
    user.require(Action::Change, app_resource(&app)?)?;
    move_to(
        &state,
        &user,
        app,
        ApplicationStatus::Withdrawn,
        None,
        None,
        Vec::new(),
    )
    .await
}

/// `GET /hubs/{code}/applications?year=2026-27`: the hub's applications, with eligibility.
pub async fn hub_index(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(code): Path<String>,
    Query(query): Query<YearQuery>,
) -> Result<Response, PageError> {
    user.require(Action::View, Resource::Hub(&code))?;
    let hub = state.db.hub(&code).await?.ok_or(PageError::NotFound)?;
    let year = chosen_year(&state, query.year.as_deref())?;
    let applications = state.db.hub_applications(&code, year).await?;
    let mut asks = Vec::with_capacity(applications.len());
    for app in &applications {
        let (stage, _, status) = parsed(app)?;
        asks.push(Ask {
            urn: urn_of(app)?,
            stage,
            own_place: status == ApplicationStatus::Accepted,
        });
    }
    let answers = eligibility_of_each(&state, &user, year, &asks).await?;
    let mut rows = Vec::with_capacity(applications.len());
    for (app, eligibility) in applications.into_iter().zip(answers) {
        let (_, _, status) = parsed(&app)?;
        rows.push(HubApplicationRow {
            status: status.label(),
            eligible: eligibility.is_eligible(),
            reasons: eligibility
                .reasons()
                .iter()
                .map(|r| r.message.clone())
                .collect(),
            app,
        });
    }
    Ok(render(&ApplicationsPage {
        chrome: Chrome::for_request(Some(&user)),
        hub_code: hub.summary.code,
        hub_name: hub.summary.name,
        year: year.to_string(),
        years: YearLinks::around(year, &format!("/hubs/{code}/applications")),
        rows,
    }))
}
