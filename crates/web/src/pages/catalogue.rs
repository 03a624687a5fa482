//! The programme catalogue: each year's programmes and foci, read by everyone signed in; national
//! admins change a programme's figures, and start a year from the previous year's catalogue.

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use masteryhub_domain::money::Pence;
use masteryhub_domain::one_line_text;
use masteryhub_domain::pathway::catalogue::GroupSize;
use masteryhub_domain::policy::{Action, Resource};
use masteryhub_store::pathway::catalogue::{CatalogueEntry, ProgrammeChange};
use serde::Deserialize;

use crate::AppState;
use crate::access::CurrentUser;
use crate::auth::SignedIn;
use crate::csrf::{CheckedForm, NoFields};
use crate::error::PageError;
use crate::pages::sign_in::field_error;
use crate::pages::work_groups::{YearQuery, chosen_year, year_param};
use crate::views::{
    CataloguePage, Chrome, PageFieldError, ProgrammePage, ProgrammeRow, YearLinks, render,
};

fn row(entry: CatalogueEntry) -> ProgrammeRow {
    let p = entry.programme;
    ProgrammeRow {
        id: entry.id,
        code: p.code.as_str().to_owned(),
        placeholder: p.code.is_placeholder(),
        title: p.title,
        stage: p.stage.label(),
        support_days: p
            .support_days
            .map_or_else(|| "Not set".to_owned(), |d| d.to_string()),
        group_size: p.group_size.map_or_else(
            || "Not set".to_owned(),
            |g| format!("{} to {}", g.min(), g.max()),
        ),
        funding: p
            .funding_per_school
            .map_or_else(|| "Not set".to_owned(), |f| f.to_string()),
        co_requisites: p
            .co_requisites
            .iter()
            .map(|c| c.as_str().to_owned())
            .collect::<Vec<_>>()
            .join(", "),
    }
}

/// `GET /catalogue?year=2026-27`
pub async fn index(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Query(query): Query<YearQuery>,
) -> Result<Response, PageError> {
    user.require(Action::View, Resource::Catalogue)?;
    let year = chosen_year(&state, query.year.as_deref())?;
    Ok(render(&catalogue_page(&state, &user, year).await?))
}

async fn catalogue_page(
    state: &AppState,
    user: &SignedIn,
    year: masteryhub_domain::AcademicYear,
) -> Result<CataloguePage, PageError> {
    let entries = state.db.catalogue(year).await?;
    let stored = entries.iter().any(|e| e.id.is_some());
    let foci = state.db.foci(year).await?;
    Ok(CataloguePage {
        chrome: Chrome::for_request(Some(user)),
        may_change: user.may(Action::Change, Resource::Catalogue),
        stored,
        year: year.to_string(),
        year_param: year_param(year),
        previous: year.previous().map(|y| y.to_string()),
        years: YearLinks::around(year, "/catalogue"),
        foci_text: foci.join("\n"),
        foci,
        programmes: entries.into_iter().map(row).collect(),
        errors: Vec::new(),
    })
}

/// `POST /catalogue/copy?year=2026-27`: the previous year's catalogue, offered again.
pub async fn copy(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Query(query): Query<YearQuery>,
    CheckedForm(NoFields {}): CheckedForm<NoFields>,
) -> Result<Response, PageError> {
    user.require(Action::Change, Resource::Catalogue)?;
    let year = chosen_year(&state, query.year.as_deref())?;
    let previous = year.previous().ok_or(PageError::NotFound)?;
    // A year with a catalogue already (copied by a second click, say) is a 409 saying so.
    state
        .db
        .copy_catalogue(previous, year, &user.actor(), state.clock.now())
        .await?;
    Ok(Redirect::to(&format!("/catalogue?year={}", year_param(year))).into_response())
}

/// `POST /catalogue/save?year=2026-27`: keeps the seed catalogue as the year's own, to change.
pub async fn save(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Query(query): Query<YearQuery>,
    CheckedForm(NoFields {}): CheckedForm<NoFields>,
) -> Result<Response, PageError> {
    user.require(Action::Change, Resource::Catalogue)?;
    let year = chosen_year(&state, query.year.as_deref())?;
    state.db.save_catalogue(year).await?;
    Ok(Redirect::to(&format!("/catalogue?year={}", year_param(year))).into_response())
}

#[derive(Debug, Default, Deserialize)]
pub struct ProgrammeForm {
    #[serde(default)]
    title: String,
    #[serde(default)]
    support_days: String,
    #[serde(default)]
    group_min: String,
    #[serde(default)]
    group_max: String,
    #[serde(default)]
    funding_pounds: String,
}

fn programme_form(entry: &CatalogueEntry) -> ProgrammeForm {
    let p = &entry.programme;
    ProgrammeForm {
        title: p.title.clone(),
        support_days: p.support_days.map(|d| d.to_string()).unwrap_or_default(),
        group_min: p
            .group_size
            .map(|g| g.min().to_string())
            .unwrap_or_default(),
        group_max: p
            .group_size
            .map(|g| g.max().to_string())
            .unwrap_or_default(),
        funding_pounds: p
            .funding_per_school
            .map(|f| format!("{}.{:02}", f.get() / 100, f.get() % 100))
            .unwrap_or_default(),
    }
}

/// An optional whole number in a range, or the message for the field.
fn optional_number(text: &str, max: u32, what: &str) -> Result<Option<u32>, String> {
    match text.trim() {
        "" => Ok(None),
        t => t
            .parse::<u32>()
            .ok()
            .filter(|n| *n <= max)
            .map(Some)
            .ok_or_else(|| format!("{what} must be a whole number from 0 to {max}, or empty")),
    }
}

fn check(form: &ProgrammeForm) -> Result<ProgrammeChange, Vec<PageFieldError>> {
    let mut errors = Vec::new();
    let title = match one_line_text(&form.title, "the programme's title") {
        Ok(title) => {
            if title.is_empty() || title.chars().count() > 200 {
                errors.push(field_error(
                    "title",
                    "Enter the programme's title, 200 characters or fewer",
                ));
            }
            title
        }
        Err(refused) => {
            errors.push(field_error("title", &refused.to_string()));
            String::new()
        }
    };
    let days = optional_number(&form.support_days, 30, "Support days")
        .map_err(|m| errors.push(field_error("support_days", &m)))
        .ok()
        .flatten();
    let min = optional_number(&form.group_min, 50, "The smallest group")
        .map_err(|m| errors.push(field_error("group_min", &m)))
        .ok()
        .flatten();
    let max = optional_number(&form.group_max, 50, "The largest group")
        .map_err(|m| errors.push(field_error("group_max", &m)))
        .ok()
        .flatten();
    let group_size = match (min, max) {
        (None, None) => None,
        (Some(min), Some(max)) => match GroupSize::new(min as u16, max as u16) {
            Ok(size) => Some(size),
            Err(e) => {
                errors.push(field_error("group_max", &e.to_string()));
                None
            }
        },
        _ => {
            errors.push(field_error(
                "group_max",
                "Give both the smallest and the largest group, or neither",
            ));
            None
        }
    };
    let funding = match form
        .funding_pounds
        .trim()
        .trim_start_matches('£')
        .replace(',', "")
    {
        t if t.is_empty() => None,
        t => match parse_pounds(&t) {
            Some(pence) => Some(Pence::new(pence)),
            None => {
                errors.push(field_error(
                    "funding_pounds",
                    "Enter the funding in pounds, like 2000 or 1250.50, or leave it empty",
                ));
                None
            }
        },
    };
    if errors.is_empty() {
        Ok(ProgrammeChange {
            title,
            support_days: days.map(|d| d as u8),
            group_size,
            funding_per_school: funding,
        })
    } else {
        Err(errors)
    }
}

/// `1250.50` in pence, up to £1,000,000.
fn parse_pounds(text: &str) -> Option<i64> {
    let (pounds, pence) = match text.split_once('.') {
        Some((pounds, pence)) if pence.len() == 2 => (pounds, pence.parse::<i64>().ok()?),
        Some(_) => return None,
        None => (text, 0),
    };
    let pounds = pounds
        .parse::<i64>()
        .ok()
        .filter(|p| (0..=1_000_000).contains(p))?;
    Some(pounds * 100 + pence)
}

async fn stored_programme(state: &AppState, id: &str) -> Result<CatalogueEntry, PageError> {
    let id: i64 = id.parse().map_err(|_| PageError::NotFound)?;
    state.db.programme(id).await?.ok_or(PageError::NotFound)
}

fn programme_page(
    user: &SignedIn,
    entry: &CatalogueEntry,
    form: &ProgrammeForm,
    errors: Vec<PageFieldError>,
) -> ProgrammePage {
    ProgrammePage {
        chrome: Chrome::for_request(Some(user)),
        id: entry.id.unwrap_or_default(),
        code: entry.programme.code.as_str().to_owned(),
        year: entry.programme.academic_year.to_string(),
        year_param: year_param(entry.programme.academic_year),
        stage: entry.programme.stage.label(),
        title: form.title.clone(),
        support_days: form.support_days.clone(),
        group_min: form.group_min.clone(),
        group_max: form.group_max.clone(),
        funding_pounds: form.funding_pounds.clone(),
        errors,
    }
}

/// `GET /catalogue/programmes/{id}`
pub async fn edit(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    user.require(Action::Change, Resource::Catalogue)?;
    let entry = stored_programme(&state, &id).await?;
    Ok(render(&programme_page(
        &user,
        &entry,
        &programme_form(&entry),
        Vec::new(),
    )))
}

/// `POST /catalogue/programmes/{id}`
pub async fn update(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(id): Path<String>,
    CheckedForm(form): CheckedForm<ProgrammeForm>,
) -> Result<Response, PageError> {
    user.require(Action::Change, Resource::Catalogue)?;
    let entry = stored_programme(&state, &id).await?;
    match check(&form) {
        Ok(change) => {
            state
                .db
                .update_programme(
                    entry.id.unwrap_or_default(),
                    &change,
                    &user.actor(),
                    state.clock.now(),
                )
                .await?;
            Ok(Redirect::to(&format!(
                "/catalogue?year={}",
                year_param(entry.programme.academic_year)
            ))
            .into_response())
        }
        Err(errors) => Ok((
            StatusCode::BAD_REQUEST,
            render(&programme_page(&user, &entry, &form, errors)),
        )
            .into_response()),
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct FociForm {
    #[serde(default)]
    foci: String,
}

/// `POST /catalogue/foci?year=2026-27`: the year's foci, one a line.
pub async fn set_foci(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Query(query): Query<YearQuery>,
    CheckedForm(form): CheckedForm<FociForm>,
) -> Result<Response, PageError> {
    user.require(Action::Change, Resource::Catalogue)?;
    let year = chosen_year(&state, query.year.as_deref())?;
    let foci: Vec<String> = form
        .foci
        .lines()
        .map(str::trim)
        .filter(|f| !f.is_empty())
        .map(str::to_owned)
        .collect();
    // Each line is one focus: a line holding a tab or another control character is refused.
    let problem = if foci.iter().any(|f| one_line_text(f, "each focus").is_err()) {
        Some(
            "Each focus must be on one line, without tabs or other control characters: one \
             focus a line",
        )
    } else if foci.is_empty() {
        Some("Enter at least one focus, one a line")
    } else if foci.len() > 20 {
        Some("Enter at most 20 foci")
    } else if foci.iter().any(|f| f.chars().count() > 200) {
        Some("Each focus must be 200 characters or fewer")
    } else {
        None
    };
    if let Some(message) = problem {
        let mut page = catalogue_page(&state, &user, year).await?;
        page.foci_text = form.foci.clone();
        page.errors = vec![field_error("foci", message)];
        return Ok((StatusCode::BAD_REQUEST, render(&page)).into_response());
    }
    state
        .db
        .set_foci(year, &foci, &user.actor(), state.clock.now())
        .await?;
    Ok(Redirect::to(&format!("/catalogue?year={}", year_param(year))).into_response())
}
