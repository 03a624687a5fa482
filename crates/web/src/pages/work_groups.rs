//! Work Groups: a hub's list by year, and pages to open, change and view one.

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use masteryhub_domain::pathway::WorkGroupStatus;
use masteryhub_domain::policy::{Action, Resource};
use masteryhub_domain::{AcademicYear, one_line_text};
use masteryhub_store::StoreError;
use masteryhub_store::pathway::work_groups::{WorkGroup, WorkGroupFields};
use serde::Deserialize;

use crate::AppState;
use crate::access::CurrentUser;
use crate::auth::SignedIn;
use crate::csrf::CheckedForm;
use crate::error::PageError;
use crate::pages::sign_in::field_error;
pub use crate::views::year_param;
use crate::views::{
    Chrome, PageFieldError, SelectOption, WorkGroupFormPage, WorkGroupPage, WorkGroupsPage,
    YearLinks, render,
};

/// The academic year a page is about: `?year=` or the current one.
pub fn chosen_year(state: &AppState, text: Option<&str>) -> Result<AcademicYear, PageError> {
    match text.map(str::trim).filter(|t| !t.is_empty()) {
        Some(text) => AcademicYear::parse(text).map_err(|_| PageError::NotFound),
        None => AcademicYear::containing(state.clock.now().date())
            .map_err(|e| PageError::Internal(e.to_string())),
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct YearQuery {
    pub year: Option<String>,
}

/// `GET /hubs/{code}/work-groups?year=2025-26`
pub async fn index(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(code): Path<String>,
    Query(query): Query<YearQuery>,
) -> Result<Response, PageError> {
    user.require(Action::View, Resource::Hub(&code))?;
    let hub = state.db.hub(&code).await?.ok_or(PageError::NotFound)?;
    let year = chosen_year(&state, query.year.as_deref())?;
    let groups = state.db.work_groups(&code, year).await?;
    Ok(render(&WorkGroupsPage {
        chrome: Chrome::for_request(Some(&user)),
        may_open: user.may(Action::Change, Resource::Hub(&code)),
        years: YearLinks::around(year, &format!("/hubs/{code}/work-groups")),
        hub_code: hub.summary.code,
        hub_name: hub.summary.name,
        year: year.to_string(),
        year_param: year_param(year),
        groups,
    }))
}

#[derive(Debug, Default, Deserialize)]
pub struct WorkGroupForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    programme: String,
    #[serde(default)]
    focus: String,
    #[serde(default)]
    lead: String,
    #[serde(default)]
    capacity: String,
    #[serde(default)]
    status: String,
}

impl WorkGroupForm {
    fn from_group(group: &WorkGroup) -> Self {
        Self {
            name: group.name.clone(),
            programme: group.programme_code.clone(),
            focus: group.focus.clone(),
            lead: group
                .lead_person_id
                .map(|id| id.to_string())
                .unwrap_or_default(),
            capacity: group.capacity.to_string(),
            status: group.status.clone(),
        }
    }
}

/// The choices a Work Group form offers in a hub and year.
struct Choices {
    programmes: Vec<(String, String)>,
    foci: Vec<String>,
    leads: Vec<(i64, String)>,
}

async fn choices(state: &AppState, hub: &str, year: AcademicYear) -> Result<Choices, StoreError> {
    Ok(Choices {
        programmes: state
            .db
            .programmes(year)
            .await?
            .into_iter()
            .filter(|p| p.stage.is_department_stage())
            .map(|p| {
                (
                    p.code.as_str().to_owned(),
                    format!("{} ({}, {})", p.title, p.code.as_str(), p.stage.label()),
                )
            })
            .collect(),
        foci: state.db.foci(year).await?,
        leads: state.db.work_group_leads(hub).await?,
    })
}

/// The form's fields checked against the choices, or every field that is wrong.
fn check(form: &WorkGroupForm, choices: &Choices) -> Result<WorkGroupFields, Vec<PageFieldError>> {
    let mut errors = Vec::new();
    let name = match one_line_text(&form.name, "the Work Group's name") {
        Err(refused) => Err(refused.to_string()),
        Ok(name) if name.is_empty() => Err("Enter a name for the Work Group".to_owned()),
        Ok(name) if name.chars().count() > 200 => {
            Err("The name must be 200 characters or fewer".to_owned())
        }
        Ok(name) => Ok(name),
    };
    if let Err(message) = &name {
        errors.push(field_error("name", message));
    }
    if !choices
        .programmes
        .iter()
        .any(|(code, _)| *code == form.programme)
    {
        errors.push(field_error("programme", "Select a programme from the list"));
    }
    // A focus is chosen from the year's list; with no list, typed (on one line).
    let focus = form.focus.trim();
    let known_focus = choices.foci.iter().any(|f| f == focus);
    let free_focus = choices.foci.is_empty() && !focus.is_empty();
    if free_focus && let Err(refused) = one_line_text(focus, "the Work Group's focus") {
        errors.push(field_error("focus", &refused.to_string()));
    } else if !known_focus && !free_focus {
        errors.push(field_error(
            "focus",
            "Select the Work Group's focus from the list",
        ));
    }
    let lead = match form.lead.trim() {
        "" => None,
        text => match text
            .parse::<i64>()
            .ok()
            .filter(|id| choices.leads.iter().any(|(l, _)| l == id))
        {
            Some(id) => Some(id),
            None => {
                errors.push(field_error(
                    "lead",
                    "Select a Work Group Lead of this hub from the list",
                ));
                None
            }
        },
    };
    let capacity = match form.capacity.trim().parse::<i32>() {
        Ok(n) if (1..=30).contains(&n) => n,
        _ => {
            errors.push(field_error(
                "capacity",
                "Enter how many departments the group holds, a whole number from 1 to 30",
            ));
            0
        }
    };
    if WorkGroupStatus::parse(&form.status).is_err() {
        errors.push(field_error("status", "Select a status from the list"));
    }
    match name {
        Ok(name) if errors.is_empty() => Ok(WorkGroupFields {
            name,
            programme_code: form.programme.clone(),
            focus: focus.to_owned(),
            lead_person_id: lead,
            capacity,
            status: form.status.clone(),
        }),
        _ => Err(errors),
    }
}

fn form_page(
    user: &SignedIn,
    title: String,
    action: String,
    back: String,
    form: &WorkGroupForm,
    choices: &Choices,
    errors: Vec<PageFieldError>,
) -> WorkGroupFormPage {
    let programme = form.programme.as_str();
    let mut leads = vec![SelectOption::new("", "No lead yet", form.lead.trim())];
    leads.extend(
        choices
            .leads
            .iter()
            .map(|(id, name)| SelectOption::new(id.to_string(), name, form.lead.trim())),
    );
    let mut programmes = vec![SelectOption::new("", "Select a programme", programme)];
    programmes.extend(
        choices
            .programmes
            .iter()
            .map(|(code, label)| SelectOption::new(code, label, programme)),
    );
    let mut foci = vec![SelectOption::new("", "Select a focus", form.focus.trim())];
    foci.extend(
        choices
            .foci
            .iter()
            .map(|f| SelectOption::new(f, f, form.focus.trim())),
    );
    WorkGroupFormPage {
        chrome: Chrome::for_request(Some(user)),
        title,
        action,
        back,
        name: form.name.trim().to_owned(),
        capacity: form.capacity.trim().to_owned(),
        programmes,
        foci,
        leads,
        statuses: WorkGroupStatus::ALL
            .iter()
            .map(|s| SelectOption::new(s.as_str(), s.label(), &form.status))
            .collect(),
        errors,
    }
}

/// A Work Group's status for people.
pub fn status_label(status: &str) -> &'static str {
    WorkGroupStatus::parse(status).map_or("Unknown status", WorkGroupStatus::label)
}

/// `GET /hubs/{code}/work-groups/new?year=2026-27`
pub async fn new(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(code): Path<String>,
    Query(query): Query<YearQuery>,
) -> Result<Response, PageError> {
    user.require(Action::Change, Resource::Hub(&code))?;
    state.db.hub(&code).await?.ok_or(PageError::NotFound)?;
    let year = chosen_year(&state, query.year.as_deref())?;
    let choices = choices(&state, &code, year).await?;
    let form = WorkGroupForm {
        capacity: "6".into(),
        status: "recruiting".into(),
        ..WorkGroupForm::default()
    };
    Ok(render(&form_page(
        &user,
        format!("Open a Work Group for {year}"),
        format!("/hubs/{code}/work-groups/new?year={}", year_param(year)),
        format!("/hubs/{code}/work-groups?year={}", year_param(year)),
        &form,
        &choices,
        Vec::new(),
    )))
}

/// `POST /hubs/{code}/work-groups/new?year=2026-27`
pub async fn create(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(code): Path<String>,
    Query(query): Query<YearQuery>,
    CheckedForm(form): CheckedForm<WorkGroupForm>,
) -> Result<Response, PageError> {
    user.require(Action::Change, Resource::Hub(&code))?;
    state.db.hub(&code).await?.ok_or(PageError::NotFound)?;
    let year = chosen_year(&state, query.year.as_deref())?;
    let choices = choices(&state, &code, year).await?;
    match check(&form, &choices) {
        Ok(fields) => {
            let id = state
                .db
                .create_work_group(&code, year, &fields, &user.actor(), state.clock.now())
                .await?;
            Ok(Redirect::to(&format!("/work-groups/{id}")).into_response())
        }
        Err(errors) => {
            let page = form_page(
                &user,
                format!("Open a Work Group for {year}"),
                format!("/hubs/{code}/work-groups/new?year={}", year_param(year)),
                format!("/hubs/{code}/work-groups?year={}", year_param(year)),
                &form,
                &choices,
                errors,
            );
            Ok((StatusCode::BAD_REQUEST, render(&page)).into_response())
        }
    }
}

/// The Work Group at an id in a path, if the person may see its hub.
async fn visible_group(
    state: &AppState,
    user: &SignedIn,
    id: &str,
) -> Result<WorkGroup, PageError> {
    let id: i64 = id.parse().map_err(|_| PageError::NotFound)?;
    let group = state.db.work_group(id).await?.ok_or(PageError::NotFound)?;
    user.require(Action::View, Resource::Hub(&group.hub_code))?;
    Ok(group)
}

/// `GET /work-groups/{id}`
pub async fn show(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let group = visible_group(&state, &user, &id).await?;
    let members = state.db.work_group_members(group.id).await?;
    Ok(render(&WorkGroupPage {
        chrome: Chrome::for_request(Some(&user)),
        may_change: user.may(Action::Change, Resource::Hub(&group.hub_code)),
        year_param: AcademicYear::parse(&group.academic_year)
            .map(year_param)
            .unwrap_or_default(),
        group,
        members,
    }))
}

/// The Work Group's academic year, as the domain types it.
fn group_year(group: &WorkGroup) -> Result<AcademicYear, PageError> {
    AcademicYear::parse(&group.academic_year).map_err(|e| PageError::Internal(e.to_string()))
}

/// `GET /work-groups/{id}/edit`
pub async fn edit(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let group = visible_group(&state, &user, &id).await?;
    user.require(Action::Change, Resource::Hub(&group.hub_code))?;
    let year = group_year(&group)?;
    let choices = choices(&state, &group.hub_code, year).await?;
    Ok(render(&form_page(
        &user,
        format!("Change {}", group.name),
        format!("/work-groups/{}/edit", group.id),
        format!("/work-groups/{}", group.id),
        &WorkGroupForm::from_group(&group),
        &choices,
        Vec::new(),
    )))
}

/// `POST /work-groups/{id}/edit`
pub async fn update(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(id): Path<String>,
    CheckedForm(form): CheckedForm<WorkGroupForm>,
) -> Result<Response, PageError> {
    let group = visible_group(&state, &user, &id).await?;
    user.require(Action::Change, Resource::Hub(&group.hub_code))?;
    let year = group_year(&group)?;
    let choices = choices(&state, &group.hub_code, year).await?;
    let result = match check(&form, &choices) {
        Ok(fields) => match state
            .db
            .update_work_group(group.id, &fields, &user.actor(), state.clock.now())
            .await
        {
            Ok(()) => Ok(()),
            Err(StoreError::Invalid(message)) => Err(vec![field_error("capacity", &message)]),
            Err(other) => return Err(other.into()),
        },
        Err(errors) => Err(errors),
    };
    match result {
        Ok(()) => Ok(Redirect::to(&format!("/work-groups/{}", group.id)).into_response()),
        Err(errors) => {
            let page = form_page(
                &user,
                format!("Change {}", group.name),
                format!("/work-groups/{}/edit", group.id),
                format!("/work-groups/{}", group.id),
                &form,
                &choices,
                errors,
            );
            Ok((StatusCode::BAD_REQUEST, render(&page)).into_response())
        }
    }
}
