use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use masteryhub_domain::Urn;
use masteryhub_domain::policy::{Action, Resource};
use masteryhub_store::schools::{School, SchoolPage as ResultPage};

use crate::access::CurrentUser;
use crate::auth::SignedIn;
use crate::error::{FieldError, PageError};
use crate::params::SchoolSearch;
use crate::views::{
    Chrome, HistoryPage, HistoryRow, PageFieldError, Pagination, SchoolPage, SchoolsPage,
    SelectOption, render,
};
use crate::{AppState, PER_PAGE};

/// What a person reads about a wrong field, and where the error summary takes them. Wrong values
/// only come from an edited address, since the form offers nothing else.
fn describe(error: FieldError) -> PageFieldError {
    let (anchor, message) = match error.field.as_str() {
        "q" => ("q", "Search text must be 200 characters or fewer"),
        "state_funded" => ("state_funded", "Select a funding option from the list"),
        "secondary" => ("secondary", "Select a phase from the list"),
        "open" => ("open", "Select a status from the list"),
        "la" => ("la", "Select a local authority from the list"),
        "hub" => ("hub", "Select a Maths Hub from the list"),
        _ => (
            "results",
            "The page number must be a whole number from 1 to 100,000",
        ),
    };
    PageFieldError {
        field: error.field,
        anchor: anchor.to_owned(),
        message: message.to_owned(),
    }
}

fn bool_value(value: Option<bool>) -> String {
    value.map(|v| v.to_string()).unwrap_or_default()
}

fn yes_no_any(current: Option<bool>, any: &str, yes: &str, no: &str) -> Vec<SelectOption> {
    let current = bool_value(current);
    vec![
        SelectOption::new("", any, &current),
        SelectOption::new("true", yes, &current),
        SelectOption::new("false", no, &current),
    ]
}

/// `GET /schools`: search the register.
pub async fn index(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Query(pairs): Query<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let (mut search, errors) = match SchoolSearch::parse(&pairs) {
        Ok(search) => (search, Vec::new()),
        Err(errors) => (
            SchoolSearch {
                page: 1,
                ..SchoolSearch::default()
            },
            errors,
        ),
    };
    search.query.reach = Some(user.principal.reach());
    let results = if errors.is_empty() {
        state
            .db
            .search_schools(&search.query, search.page, PER_PAGE)
            .await?
    } else {
        ResultPage {
            total: 0,
            page: 1,
            per_page: PER_PAGE,
            items: Vec::new(),
        }
    };
    let mut page = build_page(&state, &user, &search, results, &pairs, errors).await?;
    page.chrome = Chrome::for_request(Some(&user));
    let status = if page.errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::BAD_REQUEST
    };
    Ok((status, render(&page)).into_response())
}

async fn build_page(
    state: &AppState,
    user: &SignedIn,
    search: &SchoolSearch,
    results: ResultPage,
    pairs: &[(String, String)],
    errors: Vec<FieldError>,
) -> Result<SchoolsPage, PageError> {
    let q = &search.query;
    let la_current = q.la_code.clone().unwrap_or_default();
    let mut local_authorities = vec![SelectOption::new("", "Any local authority", &la_current)];
    local_authorities.extend(
        state
            .db
            .local_authorities()
            .await?
            .into_iter()
            .map(|la| SelectOption::new(la.code, la.name, &la_current)),
    );
    let hub_current = q.hub_code.clone().unwrap_or_default();
    let mut hubs = vec![SelectOption::new("", "Any hub", &hub_current)];
    hubs.extend(
        state
            .db
            .hub_names()
            .await?
            .into_iter()
            .filter(|(code, _)| user.may(Action::View, Resource::Hub(code)))
            .map(|(code, name)| SelectOption::new(code, name, &hub_current)),
    );
    let page_count = results.page_count();
    let href = |page: u32| format!("/schools?{}", search.query_string(page));
    let pagination = Pagination {
        page: results.page,
        page_count,
        previous_href: (results.page > 1).then(|| href((results.page - 1).min(page_count))),
        next_href: (results.page < page_count).then(|| href(results.page + 1)),
    };
    // On an error, show what the person typed so they can correct it.
    let typed_q = pairs
        .iter()
        .find(|(k, _)| k == "q")
        .map(|(_, v)| v.chars().filter(|c| !c.is_control()).collect())
        .unwrap_or_default();
    Ok(SchoolsPage {
        chrome: Chrome::default(),
        errors: errors.into_iter().map(describe).collect(),
        q: q.text.clone().unwrap_or(typed_q),
        funding: yes_no_any(
            q.state_funded,
            "Any funding",
            "State-funded",
            "Not state-funded",
        ),
        phase: yes_no_any(
            q.secondary,
            "Any phase",
            "Secondary (Key Stage 3 and 4)",
            "Not secondary",
        ),
        status: yes_no_any(q.open, "Open or closed", "Open", "Closed"),
        local_authorities,
        hubs,
        total: results.total,
        items: results.items,
        pagination,
    })
}

/// `GET /schools/{urn}`
pub async fn show(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(urn): Path<String>,
    Query(notice): Query<SchoolNotice>,
) -> Result<Response, PageError> {
    let school = visible_school(&state, &user, &urn).await?;
    let may_change = user.may(Action::Change, school_resource(&school));
    let members = if may_change {
        state.db.school_members(school.record.typed_urn()).await?
    } else {
        Vec::new()
    };
    let hub_link = school
        .hub
        .as_ref()
        .is_some_and(|hub| user.may(Action::View, Resource::Hub(&hub.code)));
    let openable_links = school
        .predecessors
        .iter()
        .chain(&school.successors)
        .filter(|link| {
            link.known
                && Urn::try_from(link.urn).is_ok_and(|urn| {
                    let hub = link.hub_code.as_deref();
                    user.may(Action::View, Resource::School { urn, hub })
                })
        })
        .map(|link| link.urn)
        .collect();
    let urn = school.record.typed_urn();
    let timeline = state.db.timeline(urn).await?;
    let openable_groups = timeline
        .iter()
        .filter(|t| {
            t.work_group_hub
                .as_deref()
                .is_some_and(|hub| user.may(Action::View, Resource::Hub(hub)))
        })
        .filter_map(|t| t.work_group_id)
        .collect();
    let applications = state.db.school_applications(school.record.urn).await?;
    Ok(render(&SchoolPage {
        chrome: Chrome::for_request(Some(&user)),
        timeline,
        openable_groups,
        applications,
        may_change,
        hub_link,
        openable_links,
        members,
        notice: (notice.invited.as_deref() == Some("1")).then_some(
            "Invitation sent: they will get an email with a link to set their password.",
        ),
        school,
    }))
}

/// What the school page confirms after an action.
#[derive(Debug, Default, serde::Deserialize)]
pub struct SchoolNotice {
    invited: Option<String>,
}

/// The policy's name for a school.
pub fn school_resource(school: &School) -> Resource<'_> {
    Resource::School {
        urn: school.record.typed_urn(),
        hub: school.hub.as_ref().map(|h| h.code.as_str()),
    }
}

/// The school at a URN given in a path, if the person may see it: a school they may not see is
/// not found, exactly as a URN that is not in the register.
pub async fn visible_school(
    state: &AppState,
    user: &SignedIn,
    urn: &str,
) -> Result<School, PageError> {
    let urn = Urn::parse(urn).map_err(|_| PageError::NotFound)?;
    let school = state.db.school(urn).await?.ok_or(PageError::NotFound)?;
    user.require(Action::View, school_resource(&school))?;
    Ok(school)
}

/// `GET /schools/{urn}/history`: the changes made to a school in masteryhub, oldest first.
pub async fn history(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(urn): Path<String>,
) -> Result<Response, PageError> {
    let school = visible_school(&state, &user, &urn).await?;
    let urn = school.record.urn;
    let events = history_rows(&state, &user, "school", &urn.to_string()).await?;
    Ok(render(&HistoryPage {
        chrome: Chrome::for_request(Some(&user)),
        title: school.record.name,
        back_href: format!("/schools/{urn}"),
        events,
        section: "schools",
        empty: "No one has changed this school in masteryhub. Register details change only \
                through imports of the register.",
    }))
}

/// A record's history, oldest first, as its history page shows it to `user` (with personal data
/// withheld from someone who may not see people).
pub async fn history_rows(
    state: &AppState,
    user: &SignedIn,
    record_type: &str,
    record_id: &str,
) -> Result<Vec<HistoryRow>, PageError> {
    let sees_personal_data = user.principal.sees_personal_data();
    Ok(state
        .db
        .audit_history(record_type, record_id)
        .await?
        .into_iter()
        .map(|e| HistoryRow::new(e, sees_personal_data))
        .collect())
}
