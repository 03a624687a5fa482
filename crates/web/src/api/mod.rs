//! The JSON API under `/api/v1`, described by the OpenAPI document at `/api/openapi.json`.

pub mod openapi;
mod pathway;
pub(crate) mod schools;

use axum::Router;
use axum::routing::get;

use crate::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/openapi.json", get(openapi::serve))
        .route("/api/v1/schools", get(schools::search))
        .route("/api/v1/schools/{urn}", get(schools::show))
        .route(
            "/api/v1/schools/{urn}/eligibility",
            get(pathway::eligibility),
        )
        .route("/api/v1/hubs", get(schools::hubs))
        .route("/api/v1/hubs/{code}", get(schools::hub))
        .route("/api/{*rest}", axum::routing::any(api_not_found))
}

async fn api_not_found() -> crate::error::ApiError {
    crate::error::ApiError::NotFound("no such API resource".into())
}
