//! Year rollover: for the coming year, each department of a hub that completed a stage and the
//! stage it may now join (by the same eligibility rules as an application), invited in one
//! action; and the same across the hubs a person may see.

use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use masteryhub_domain::AcademicYear;
use masteryhub_domain::pathway::rollover::next_stage;
use masteryhub_domain::policy::{Action, Resource};
use masteryhub_store::outbox::OutgoingEmail;
use serde::Deserialize;

use crate::AppState;
use crate::access::CurrentUser;
use crate::csrf::{CheckedForm, NoFields};
use crate::error::PageError;
use crate::pages::work_groups::{chosen_year, year_param};
use crate::views::{
    Chrome, HubRolloverRow, NationalRolloverPage, RolloverPage, RolloverRow, YearLinks, render,
};

#[derive(Debug, Default, Deserialize)]
pub struct RolloverQuery {
    year: Option<String>,
    sent: Option<String>,
}

/// The year a rollover is for: `?year=` or the one after the current year.
fn coming_year(state: &AppState, text: Option<&str>) -> Result<AcademicYear, PageError> {
    match text {
        Some(_) => chosen_year(state, text),
        None => chosen_year(state, None)?.next().ok_or(PageError::NotFound),
    }
}

/// Each department of the hub that completed a stage, with the stage it may join in `year`.
async fn departments(
    state: &AppState,
    hub: &str,
    year: AcademicYear,
) -> Result<Vec<RolloverRow>, PageError> {
    let catalogue = state.db.programmes(year).await?;
    let engaged = state.db.engaged_in(year).await?;
    let completed = state.db.completed_departments(hub).await?;
    let schools = state.db.schools_facts(&completed).await?;
    let histories = state.db.departments_history(&completed).await?;
    let mut rows = Vec::new();
    for urn in completed {
        let (Some(school), Some(history)) = (schools.get(&urn), histories.get(&urn)) else {
            continue;
        };
        let next = next_stage(Some(school.facts), history, year, &catalogue);
        let completed = history
            .iter()
            .filter(|p| p.outcome == masteryhub_domain::pathway::Outcome::Completed)
            .max_by_key(|p| p.academic_year)
            .map(|p| format!("{} {}", p.stage.label(), p.academic_year))
            .unwrap_or_default();
        rows.push(RolloverRow {
            urn: i64::from(urn),
            name: school.name.clone(),
            completed,
            next: next.stage.map(|s| s.label()),
            engaged: engaged.contains(&i64::from(urn)),
        });
    }
    Ok(rows)
}

/// `GET /hubs/{code}/rollover?year=2027-28`
pub async fn hub(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(code): Path<String>,
    Query(query): Query<RolloverQuery>,
) -> Result<Response, PageError> {
    user.require(Action::View, Resource::Hub(&code))?;
    let hub = state.db.hub(&code).await?.ok_or(PageError::NotFound)?;
    let year = coming_year(&state, query.year.as_deref())?;
    let rows = departments(&state, &code, year).await?;
    let to_invite = rows
        .iter()
        .filter(|r| r.next.is_some() && !r.engaged)
        .count();
    Ok(render(&RolloverPage {
        chrome: Chrome::for_request(Some(&user)),
        may_invite: user.may(Action::Change, Resource::Hub(&code)),
        // The count the invitation's redirect carries; anything else in the address is ignored,
        // so that no link can put words of its own in the notice.
        notice: query
            .sent
            .as_deref()
            .and_then(|n| n.trim().parse::<u32>().ok())
            .map(|n| {
                format!(
                    "Invitations sent to {n} {}.",
                    if n == 1 { "department" } else { "departments" }
                )
            }),
        hub_code: hub.summary.code,
        hub_name: hub.summary.name,
        year: year.to_string(),
        year_param: year_param(year),
        years: YearLinks::around(year, &format!("/hubs/{code}/rollover")),
        to_invite,
        rows,
    }))
}

/// `POST /hubs/{code}/rollover?year=2027-28`: emails every department ready for a next stage
/// (not already placed or applying) an invitation to apply.
pub async fn invite(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(code): Path<String>,
    Query(query): Query<RolloverQuery>,
    CheckedForm(NoFields {}): CheckedForm<NoFields>,
) -> Result<Response, PageError> {
    user.require(Action::Change, Resource::Hub(&code))?;
    let hub = state.db.hub(&code).await?.ok_or(PageError::NotFound)?;
    let year = coming_year(&state, query.year.as_deref())?;
    let mut emails = Vec::new();
    let mut schools = 0;
    for row in departments(&state, &code, year).await? {
        let (Some(stage), false) = (row.next, row.engaged) else {
            continue;
        };
        schools += 1;
        let urn = masteryhub_domain::Urn::try_from(row.urn)
            .map_err(|e| PageError::Internal(e.to_string()))?;
        for member in state.db.school_members(urn).await? {
            if member.role != "head-of-maths" {
                continue;
            }
            emails.push(OutgoingEmail {
                to_address: member.email.clone(),
                to_name: member.name.clone(),
                subject: format!("{}: {stage} in {year}", row.name),
                body: format!(
                    "Dear {},\n\n{}'s maths department completed {}. It may now join {stage} in \
                     {year}, with {}.\n\nApply here:\n\n{}/schools/{}/apply\n\nmasteryhub\n",
                    member.name, row.name, row.completed, hub.summary.name, state.base_url, row.urn
                ),
            });
        }
    }
    state
        .db
        .send_rollover_invitations(
            &code,
            year,
            &emails,
            schools,
            &user.actor(),
            state.clock.now(),
        )
        .await?;
    Ok(Redirect::to(&format!(
        "/hubs/{code}/rollover?year={}&sent={schools}",
        year_param(year)
    ))
    .into_response())
}

/// `GET /rollover?year=2027-28`: every hub the person may see, with how many departments may
/// join each stage.
pub async fn national(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Query(query): Query<RolloverQuery>,
) -> Result<Response, PageError> {
    let year = coming_year(&state, query.year.as_deref())?;
    let mut hubs = Vec::new();
    for (code, name) in state.db.hub_names().await? {
        if !user.may(Action::View, Resource::Hub(&code)) {
            continue;
        }
        let rows = departments(&state, &code, year).await?;
        let count = |stage: &str| rows.iter().filter(|r| r.next == Some(stage)).count();
        hubs.push(HubRolloverRow {
            embedding: count("Embedding"),
            sustaining: count("Sustaining"),
            development: count("Development"),
            invited_or_placed: rows.iter().filter(|r| r.engaged).count(),
            code,
            name,
        });
    }
    Ok(render(&NationalRolloverPage {
        chrome: Chrome::for_request(Some(&user)),
        year: year.to_string(),
        years: YearLinks::around(year, "/rollover"),
        hubs,
    }))
}
