//! The register through the API: schools and hubs.

use axum::Json;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, Query, State};
use masteryhub_domain::Urn;
use masteryhub_domain::policy::{Action, Resource};
use masteryhub_store::hubs::{Hub, HubSummary};
use masteryhub_store::schools::{School, SchoolSummary};
use serde::Serialize;

use crate::access::ApiUser;
use crate::error::{ApiError, FieldError};
use crate::params::SchoolSearch;
use crate::{AppState, PER_PAGE};

/// A school in a list.
#[derive(Debug, Serialize)]
pub struct SchoolItem {
    pub urn: i64,
    pub name: String,
    pub la_code: String,
    pub la_name: String,
    pub type_of_establishment: String,
    pub phase: String,
    pub state_funded: bool,
    pub secondary: bool,
    pub open: bool,
    pub town: String,
    pub postcode: String,
    pub hub: Option<String>,
}

impl From<SchoolSummary> for SchoolItem {
    fn from(s: SchoolSummary) -> Self {
        Self {
            urn: s.urn,
            name: s.name,
            la_code: s.la_code,
            la_name: s.la_name,
            type_of_establishment: s.type_of_establishment,
            phase: s.phase,
            state_funded: s.state_funded,
            secondary: s.secondary,
            open: s.open,
            town: s.town,
            postcode: s.postcode,
            hub: s.hub_code,
        }
    }
}

/// One page of schools.
#[derive(Debug, Serialize)]
pub struct SchoolList {
    pub total: i64,
    pub page: u32,
    pub per_page: u32,
    pub items: Vec<SchoolItem>,
}

/// A school in full.
#[derive(Debug, Serialize)]
pub struct SchoolDetail {
    pub urn: i64,
    pub name: String,
    pub la_code: String,
    pub la_name: String,
    pub type_of_establishment: String,
    pub type_group: String,
    pub status: String,
    pub phase: String,
    pub statutory_low_age: Option<i16>,
    pub statutory_high_age: Option<i16>,
    pub open_date: Option<String>,
    pub close_date: Option<String>,
    pub state_funded: bool,
    pub secondary: bool,
    pub open: bool,
    pub town: String,
    pub postcode: String,
    pub region: String,
    pub hub: Option<String>,
    pub hub_name: Option<String>,
    pub hub_overridden: bool,
    pub predecessor_urns: Vec<i64>,
    pub successor_urns: Vec<i64>,
}

impl From<School> for SchoolDetail {
    fn from(s: School) -> Self {
        let iso = |d: Option<time::Date>| d.map(|d| d.to_string());
        let r = s.record;
        Self {
            urn: r.urn,
            name: r.name,
            la_code: r.la_code,
            la_name: r.la_name,
            type_of_establishment: r.type_of_establishment,
            type_group: r.type_group,
            status: r.status,
            phase: r.phase,
            statutory_low_age: r.statutory_low_age,
            statutory_high_age: r.statutory_high_age,
            open_date: iso(r.open_date),
            close_date: iso(r.close_date),
            state_funded: r.state_funded,
            secondary: r.secondary,
            open: r.open,
            town: r.town,
            postcode: r.postcode,
            region: r.region,
            hub: s.hub.as_ref().map(|h| h.code.clone()),
            hub_name: s.hub.map(|h| h.name),
            hub_overridden: s.hub_overridden,
            predecessor_urns: s.predecessors.iter().map(|l| l.urn).collect(),
            successor_urns: s.successors.iter().map(|l| l.urn).collect(),
        }
    }
}

/// `GET /api/v1/schools`
pub async fn search(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Query(pairs): Query<Vec<(String, String)>>,
) -> Result<Json<SchoolList>, ApiError> {
    let mut search = SchoolSearch::parse(&pairs).map_err(ApiError::BadRequest)?;
    search.query.reach = Some(user.principal.reach());
    let page = state
        .db
        .search_schools(&search.query, search.page, PER_PAGE)
        .await?;
    Ok(Json(SchoolList {
        total: page.total,
        page: page.page,
        per_page: page.per_page,
        items: page.items.into_iter().map(SchoolItem::from).collect(),
    }))
}

/// `GET /api/v1/schools/{urn}`
pub async fn show(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    path: Result<Path<String>, PathRejection>,
) -> Result<Json<SchoolDetail>, ApiError> {
    let urn = strict_urn(&path_text(path)?)?;
    let not_found = || format!("no school with URN {urn}");
    let school = state
        .db
        .school(urn)
        .await?
        .ok_or_else(|| ApiError::NotFound(not_found()))?;
    let hub = school.hub.as_ref().map(|h| h.code.as_str());
    user.require_api(Action::View, Resource::School { urn, hub }, not_found)?;
    Ok(Json(school.into()))
}

/// `GET /api/v1/hubs`
pub async fn hubs(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
) -> Result<Json<Vec<HubSummary>>, ApiError> {
    let mut hubs = state.db.hubs().await?;
    hubs.retain(|hub| user.may(Action::View, Resource::Hub(&hub.code)));
    Ok(Json(hubs))
}

/// `GET /api/v1/hubs/{code}`
pub async fn hub(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    path: Result<Path<String>, PathRejection>,
) -> Result<Json<Hub>, ApiError> {
    let code = path_text(path)?;
    let not_found = || format!("no hub with code '{code}'");
    user.require_api(Action::View, Resource::Hub(&code), not_found)?;
    state
        .db
        .hub(&code)
        .await?
        .map(Json)
        .ok_or_else(|| ApiError::NotFound(not_found()))
}

/// A URN in a path: strictly digits, as the document says (the register's own parser forgives
/// spaces).
pub fn strict_urn(text: &str) -> Result<Urn, ApiError> {
    Some(text)
        .filter(|t| t.bytes().all(|b| b.is_ascii_digit()))
        .and_then(|t| Urn::parse(t).ok())
        .ok_or_else(|| {
            ApiError::BadRequest(vec![FieldError {
                field: "urn".into(),
                message: format!("'{text}' is not a URN: a whole number from 1 to 99999999"),
            }])
        })
}

/// The path parameter, or a 400 problem when it is not valid text.
pub fn path_text(path: Result<Path<String>, PathRejection>) -> Result<String, ApiError> {
    path.map(|Path(text)| text).map_err(|rejection| {
        ApiError::BadRequest(vec![FieldError {
            field: "path".into(),
            message: rejection.body_text(),
        }])
    })
}
