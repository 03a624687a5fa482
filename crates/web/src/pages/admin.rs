//! National administration: everyone's accounts (with their personal data to export or erase),
//! the audit trail, and in demo mode the outbox.

use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use masteryhub_domain::Scope;
use masteryhub_domain::policy::{Action, Resource};
use masteryhub_store::directory::AuditQuery;
use serde::Deserialize;
use time::macros::format_description;
use time::{Date, Time};

use crate::AppState;
use crate::access::CurrentUser;
use crate::csrf::CheckedForm;
use crate::error::PageError;
use crate::pages::schools::history_rows;
use crate::pages::sign_in::field_error;
use crate::views::{
    AuditPage, Chrome, HistoryPage, HistoryRow, OutboxPage, OutboxRow, Pagination, PeoplePage,
    PersonPage, RoleRow, SelectOption, format_instant, render, url_encode,
};

/// Rows on a page of people or of the audit trail.
const PER_PAGE: i64 = 50;

fn page_number(text: Option<&str>) -> u32 {
    text.and_then(|t| t.trim().parse().ok())
        .filter(|p| (1..=100_000).contains(p))
        .unwrap_or(1)
}

fn pagination(page: u32, total: i64, href: impl Fn(u32) -> String) -> Pagination {
    let page_count = u32::try_from(((total + PER_PAGE - 1) / PER_PAGE).max(1)).unwrap_or(1);
    let page = page.min(page_count);
    Pagination {
        page,
        page_count,
        previous_href: (page > 1).then(|| href(page - 1)),
        next_href: (page < page_count).then(|| href(page + 1)),
    }
}

fn offset(page: u32) -> i64 {
    i64::from(page - 1) * PER_PAGE
}

#[derive(Debug, Default, Deserialize)]
pub struct PeopleQuery {
    q: Option<String>,
    page: Option<String>,
}

/// `GET /admin/people`: everyone with an account, searchable by name or email address.
pub async fn people(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Query(query): Query<PeopleQuery>,
) -> Result<Response, PageError> {
    user.require(Action::View, Resource::People)?;
    let q: String = query
        .q
        .unwrap_or_default()
        .chars()
        .filter(|c| !c.is_control())
        .take(200)
        .collect();
    let page = page_number(query.page.as_deref());
    let found = state
        .db
        .search_people(Some(&q), PER_PAGE, offset(page))
        .await?;
    let encoded: String = url_encode(&q);
    Ok(render(&PeoplePage {
        chrome: Chrome::for_request(Some(&user)),
        pagination: pagination(page, found.total, |p| {
            format!("/admin/people?q={encoded}&page={p}")
        }),
        q,
        total: found.total,
        people: found.items,
        show_outbox: state.show_outbox,
    }))
}

/// The account a path names, or 404.
async fn account(
    state: &AppState,
    id: &str,
) -> Result<masteryhub_store::directory::Account, PageError> {
    state
        .db
        .account(person_id(id)?)
        .await?
        .ok_or(PageError::NotFound)
}

fn person_id(text: &str) -> Result<i64, PageError> {
    text.parse::<i64>()
        .ok()
        .filter(|id| *id > 0)
        .ok_or(PageError::NotFound)
}

#[derive(Debug, Default, Deserialize)]
pub struct PersonNotice {
    erased: Option<String>,
}

/// `GET /admin/people/{id}`
pub async fn person(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(id): Path<String>,
    Query(notice): Query<PersonNotice>,
) -> Result<Response, PageError> {
    user.require(Action::View, Resource::People)?;
    let account = account(&state, &id).await?;
    let roles = account
        .roles
        .iter()
        .map(|grant| RoleRow {
            role: grant.role().label(),
            place: match grant.scope() {
                Scope::National => "England".to_owned(),
                Scope::Hub(code) => format!("Maths Hub {code}"),
                Scope::School(urn) => format!("School URN {urn}"),
            },
            href: match grant.scope() {
                Scope::National => None,
                Scope::Hub(code) => Some(format!("/hubs/{code}")),
                Scope::School(urn) => Some(format!("/schools/{urn}")),
            },
        })
        .collect();
    Ok(render(&PersonPage {
        chrome: Chrome::for_request(Some(&user)),
        may_erase: user.may(Action::Change, Resource::People) && account.id != user.person_id,
        notice: notice
            .erased
            .is_some()
            .then_some("Their personal data is erased. What they did stays in the audit trail."),
        created: format_instant(account.created_at),
        account,
        roles,
        errors: Vec::new(),
    }))
}

/// `GET /admin/people/{id}/export`: everything held about the person, as a JSON download.
pub async fn export(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    user.require(Action::View, Resource::People)?;
    let id = person_id(&id)?;
    let data = state
        .db
        .export_person(id)
        .await?
        .ok_or(PageError::NotFound)?;
    let json =
        serde_json::to_string_pretty(&data).map_err(|e| PageError::Internal(e.to_string()))?;
    Ok((
        [
            (header::CONTENT_TYPE, "application/json".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"person-{id}.json\""),
            ),
        ],
        json,
    )
        .into_response())
}

#[derive(Debug, Default, Deserialize)]
pub struct EraseForm {
    #[serde(default)]
    confirm: String,
}

/// `POST /admin/people/{id}/erase`: removes the person's personal data, once confirmed.
pub async fn erase(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(id): Path<String>,
    CheckedForm(form): CheckedForm<EraseForm>,
) -> Result<Response, PageError> {
    user.require(Action::Change, Resource::People)?;
    let account = account(&state, &id).await?;
    let id = account.id;
    if account.id == user.person_id {
        return Err(PageError::NotAllowed);
    }
    if form.confirm != "yes" {
        let page = PersonPage {
            chrome: Chrome::for_request(Some(&user)),
            may_erase: true,
            notice: None,
            created: format_instant(account.created_at),
            roles: Vec::new(),
            account,
            errors: vec![field_error(
                "confirm",
                "Confirm that their personal data should be erased",
            )],
        };
        return Ok((StatusCode::BAD_REQUEST, render(&page)).into_response());
    }
    state
        .db
        .erase_person(id, &user.actor(), state.clock.now())
        .await?;
    Ok(Redirect::to(&format!("/admin/people/{id}?erased=1")).into_response())
}

/// `GET /admin/people/{id}/history`
pub async fn person_history(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    user.require(Action::View, Resource::People)?;
    let account = account(&state, &id).await?;
    let events = history_rows(&state, &user, "person", &account.id.to_string()).await?;
    Ok(render(&HistoryPage {
        chrome: Chrome::for_request(Some(&user)),
        title: account.name,
        back_href: format!("/admin/people/{}", account.id),
        events,
        section: "people",
        empty: "No one has changed this account.",
    }))
}

#[derive(Debug, Default, Deserialize)]
pub struct AuditParams {
    record_type: Option<String>,
    record_id: Option<String>,
    actor: Option<String>,
    from: Option<String>,
    until: Option<String>,
    page: Option<String>,
}

fn text(value: Option<&String>) -> Option<String> {
    value
        .map(|v| {
            v.chars()
                .filter(|c| !c.is_control())
                .take(200)
                .collect::<String>()
        })
        .map(|v| v.trim().to_owned())
        .filter(|v| !v.is_empty())
}

fn date(value: Option<&String>) -> Result<Option<Date>, ()> {
    match text(value) {
        None => Ok(None),
        Some(v) => Date::parse(&v, format_description!("[year]-[month]-[day]"))
            .map(Some)
            .map_err(|_| ()),
    }
}

/// `GET /admin/audit`: the audit trail, newest first, narrowed by record, actor and dates.
pub async fn audit(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Query(params): Query<AuditParams>,
) -> Result<Response, PageError> {
    user.require(Action::View, Resource::AuditTrail)?;
    let record_types = state.db.audit_record_types().await?;
    let mut errors = Vec::new();
    let record_type = text(params.record_type.as_ref());
    if let Some(kind) = &record_type
        && !record_types.contains(kind)
    {
        errors.push(field_error(
            "record_type",
            "Select a kind of record from the list",
        ));
    }
    let from = date(params.from.as_ref()).unwrap_or_else(|()| {
        errors.push(field_error("from", "Enter the first date like 2026-11-25"));
        None
    });
    let until = date(params.until.as_ref()).unwrap_or_else(|()| {
        errors.push(field_error("until", "Enter the last date like 2026-11-25"));
        None
    });
    let query = AuditQuery {
        record_type: record_type.clone(),
        record_id: text(params.record_id.as_ref()),
        actor: text(params.actor.as_ref()),
        from: from.map(|d| d.with_time(Time::MIDNIGHT).assume_utc()),
        until: until
            .and_then(|d| d.next_day())
            .map(|d| d.with_time(Time::MIDNIGHT).assume_utc()),
    };
    let page = page_number(params.page.as_deref());
    let found = if errors.is_empty() {
        state
            .db
            .search_audit(&query, PER_PAGE, offset(page))
            .await?
    } else {
        masteryhub_store::directory::Found {
            total: 0,
            items: Vec::new(),
        }
    };
    let current = record_type.clone().unwrap_or_default();
    let mut kinds = vec![SelectOption::new("", "Any kind of record", &current)];
    kinds.extend(
        record_types
            .iter()
            .map(|kind| SelectOption::new(kind.clone(), kind.clone(), &current)),
    );
    let filters = [
        ("record_type", record_type.unwrap_or_default()),
        ("record_id", query.record_id.clone().unwrap_or_default()),
        ("actor", query.actor.clone().unwrap_or_default()),
        ("from", text(params.from.as_ref()).unwrap_or_default()),
        ("until", text(params.until.as_ref()).unwrap_or_default()),
    ];
    let query_string: String = filters
        .iter()
        .map(|(name, value)| format!("{name}={}&", url_encode(value)))
        .collect();
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::BAD_REQUEST
    };
    let sees_personal_data = user.principal.sees_personal_data();
    let page = AuditPage {
        chrome: Chrome::for_request(Some(&user)),
        pagination: pagination(page, found.total, |p| {
            format!("/admin/audit?{query_string}page={p}")
        }),
        kinds,
        record_id: filters[1].1.clone(),
        actor: filters[2].1.clone(),
        from: filters[3].1.clone(),
        until: filters[4].1.clone(),
        total: found.total,
        events: found
            .items
            .into_iter()
            .map(|e| {
                (
                    e.record_type.clone(),
                    e.record_id.clone(),
                    HistoryRow::new(e, sees_personal_data),
                )
            })
            .collect(),
        errors,
        people_links: sees_personal_data,
    };
    Ok((status, render(&page)).into_response())
}

/// `GET /admin/outbox`: the newest email, in demo mode only (email then goes to a folder, and
/// this is where a demo's admin reads it). The route exists only in demo mode; the check here
/// is a second line.
pub async fn outbox(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
) -> Result<Response, PageError> {
    if !state.show_outbox {
        return Err(PageError::NotFound);
    }
    user.require(Action::View, Resource::Outbox)?;
    let emails = state
        .db
        .recent_emails(100)
        .await?
        .into_iter()
        .map(|e| OutboxRow {
            created: format_instant(e.created_at),
            to: format!("{} <{}>", e.to_name, e.to_address),
            subject: e.subject,
            body: e.body,
            status: match (e.sent_at, e.last_error) {
                (Some(at), _) => format!("Sent {}", format_instant(at)),
                (None, Some(error)) => format!("Not sent yet: {error}"),
                (None, None) => "Waiting to be sent".to_owned(),
            },
        })
        .collect();
    Ok(render(&OutboxPage {
        chrome: Chrome::for_request(Some(&user)),
        emails,
    }))
}
