//! The register through the API: schools and hubs.

use axum::Json;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, Query, State};
use masteryhub_domain::Urn;
use masteryhub_domain::policy::{Action, Resource};
use masteryhub_store::hubs;
use masteryhub_store::schools::{School, SchoolSummary};
use serde::Serialize;
use utoipa::openapi::path::{Parameter, ParameterIn};
use utoipa::{IntoParams, ToSchema};

use crate::access::ApiUser;
use crate::api::openapi::{
    BAD_REQUEST, INTERNAL, NOT_FOUND, PROBLEM, UNAUTHORIZED, integer, parameter,
};
use crate::error::{ApiError, FieldError, Problem};
use crate::params::SchoolSearch;
use crate::{AppState, PER_PAGE};

/// A school in a list.
#[derive(Debug, Serialize, ToSchema)]
pub struct SchoolItem {
    pub urn: i64,
    pub name: String,
    pub la_code: String,
    pub la_name: String,
    pub type_of_establishment: String,
    pub phase: String,
    pub state_funded: bool,
    /// Teaches Key Stage 3 and 4.
    pub secondary: bool,
    pub open: bool,
    pub town: String,
    pub postcode: String,
    #[schema(required = true)]
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
#[derive(Debug, Serialize, ToSchema)]
pub struct SchoolList {
    #[schema(minimum = 0)]
    pub total: i64,
    #[schema(minimum = 1)]
    pub page: u32,
    #[schema(minimum = 1)]
    pub per_page: u32,
    pub items: Vec<SchoolItem>,
}

/// A school in full.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = School)]
pub struct SchoolDetail {
    pub urn: i64,
    pub name: String,
    pub la_code: String,
    pub la_name: String,
    pub type_of_establishment: String,
    pub type_group: String,
    pub status: String,
    pub phase: String,
    #[schema(required = true)]
    pub statutory_low_age: Option<i16>,
    #[schema(required = true)]
    pub statutory_high_age: Option<i16>,
    #[schema(required = true, format = Date)]
    pub open_date: Option<String>,
    #[schema(required = true, format = Date)]
    pub close_date: Option<String>,
    pub state_funded: bool,
    pub secondary: bool,
    pub open: bool,
    pub town: String,
    pub postcode: String,
    pub region: String,
    #[schema(required = true)]
    pub hub: Option<String>,
    #[schema(required = true)]
    pub hub_name: Option<String>,
    /// A hub lead moved the school away from the hub serving its local authority.
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

/// A Maths Hub with its headline figures.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = HubSummary)]
pub struct HubItem {
    pub code: String,
    pub name: String,
    #[schema(minimum = 0)]
    pub local_authority_count: i64,
    /// Open, state-funded secondary schools the hub serves.
    #[schema(minimum = 0)]
    pub open_state_funded_secondary: i64,
}

impl From<hubs::HubSummary> for HubItem {
    fn from(h: hubs::HubSummary) -> Self {
        Self {
            code: h.code,
            name: h.name,
            local_authority_count: h.local_authority_count,
            open_state_funded_secondary: h.open_state_funded_secondary,
        }
    }
}

/// A local authority a hub serves.
#[derive(Debug, Serialize, ToSchema)]
pub struct HubLocalAuthority {
    pub code: String,
    pub name: String,
    /// Open, state-funded secondary schools in the local authority.
    #[schema(minimum = 0)]
    pub open_state_funded_secondary: i64,
}

/// A Maths Hub with the local authorities it serves.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = Hub)]
pub struct HubDetail {
    #[serde(flatten)]
    pub summary: HubItem,
    pub local_authorities: Vec<HubLocalAuthority>,
}

impl From<hubs::Hub> for HubDetail {
    fn from(h: hubs::Hub) -> Self {
        Self {
            summary: h.summary.into(),
            local_authorities: h
                .local_authorities
                .into_iter()
                .map(|la| HubLocalAuthority {
                    code: la.code,
                    name: la.name,
                    open_state_funded_secondary: la.open_state_funded_secondary,
                })
                .collect(),
        }
    }
}

/// Search the school register
#[utoipa::path(
    get,
    path = "/api/v1/schools",
    operation_id = "searchSchools",
    tag = "schools",
    params(SchoolSearch),
    responses(
        (status = 200, description = "One page of schools, ordered by name.", body = SchoolList),
        (status = 400, description = BAD_REQUEST, body = Problem, content_type = PROBLEM),
        (status = 401, description = UNAUTHORIZED, body = Problem, content_type = PROBLEM),
        (status = 500, description = INTERNAL, body = Problem, content_type = PROBLEM),
    ),
    security(("bearerAuth" = []))
)]
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

/// One school, with its hub and register links
#[utoipa::path(
    get,
    path = "/api/v1/schools/{urn}",
    operation_id = "getSchool",
    tag = "schools",
    params(UrnPath),
    responses(
        (status = 200, description = "The school.", body = SchoolDetail),
        (status = 400, description = BAD_REQUEST, body = Problem, content_type = PROBLEM),
        (status = 401, description = UNAUTHORIZED, body = Problem, content_type = PROBLEM),
        (status = 404, description = NOT_FOUND, body = Problem, content_type = PROBLEM),
        (status = 500, description = INTERNAL, body = Problem, content_type = PROBLEM),
    ),
    security(("bearerAuth" = []))
)]
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

/// Every Maths Hub with its figures
#[utoipa::path(
    get,
    path = "/api/v1/hubs",
    operation_id = "listHubs",
    tag = "hubs",
    responses(
        (status = 200, description = "The hubs, by name.", body = Vec<HubItem>),
        (status = 401, description = UNAUTHORIZED, body = Problem, content_type = PROBLEM),
        (status = 500, description = INTERNAL, body = Problem, content_type = PROBLEM),
    ),
    security(("bearerAuth" = []))
)]
pub async fn hubs(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
) -> Result<Json<Vec<HubItem>>, ApiError> {
    let mut hubs = state.db.hubs().await?;
    hubs.retain(|hub| user.may(Action::View, Resource::Hub(&hub.code)));
    Ok(Json(hubs.into_iter().map(HubItem::from).collect()))
}

/// One Maths Hub with the local authorities it serves
#[utoipa::path(
    get,
    path = "/api/v1/hubs/{code}",
    operation_id = "getHub",
    tag = "hubs",
    params(("code" = String, Path, description = "Hub code.")),
    responses(
        (status = 200, description = "The hub.", body = HubDetail),
        (status = 400, description = BAD_REQUEST, body = Problem, content_type = PROBLEM),
        (status = 401, description = UNAUTHORIZED, body = Problem, content_type = PROBLEM),
        (status = 404, description = NOT_FOUND, body = Problem, content_type = PROBLEM),
        (status = 500, description = INTERNAL, body = Problem, content_type = PROBLEM),
    ),
    security(("bearerAuth" = []))
)]
pub async fn hub(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    path: Result<Path<String>, PathRejection>,
) -> Result<Json<HubDetail>, ApiError> {
    let code = path_text(path)?;
    let not_found = || format!("no hub with code '{code}'");
    user.require_api(Action::View, Resource::Hub(&code), not_found)?;
    state
        .db
        .hub(&code)
        .await?
        .map(|hub| Json(hub.into()))
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

/// The `{urn}` of a path, as [`strict_urn`] reads it.
pub struct UrnPath;

impl IntoParams for UrnPath {
    fn into_params(_: impl Fn() -> Option<ParameterIn>) -> Vec<Parameter> {
        vec![parameter(
            "urn",
            ParameterIn::Path,
            true,
            "The school's Unique Reference Number (URN).",
            integer().minimum(Some(1)).maximum(Some(Urn::MAX)),
        )]
    }
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
