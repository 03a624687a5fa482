//! The JSON API under `/api/v1`, described by the OpenAPI document at `/api/openapi.json`.

pub mod openapi;
mod pathway;
pub(crate) mod schools;

use axum::Router;
use axum::routing::{MethodRouter, get};

use crate::AppState;

/// Every operation, at the path its `#[utoipa::path]` gives (a test compares the two lists).
fn operations() -> Vec<(&'static str, MethodRouter<AppState>)> {
    vec![
        ("/api/v1/schools", get(schools::search)),
        ("/api/v1/schools/{urn}", get(schools::show)),
        (
            "/api/v1/schools/{urn}/eligibility",
            get(pathway::eligibility),
        ),
        ("/api/v1/hubs", get(schools::hubs)),
        ("/api/v1/hubs/{code}", get(schools::hub)),
    ]
}

pub fn routes() -> Router<AppState> {
    operations()
        .into_iter()
        .fold(Router::new(), |router, (path, handler)| {
            router.route(path, handler)
        })
        .route("/api/openapi.json", get(openapi::serve))
        .route("/api/{*rest}", axum::routing::any(api_not_found))
}

async fn api_not_found() -> crate::error::ApiError {
    crate::error::ApiError::NotFound("no such API resource".into())
}

#[cfg(test)]
mod tests {
    /// A route added without its OpenAPI description (or described but not routed) fails here.
    #[test]
    fn every_operation_is_documented_and_every_documented_one_routed() {
        let mut routed: Vec<&str> = super::operations().iter().map(|(path, _)| *path).collect();
        routed.sort_unstable();
        let document = super::openapi::document();
        let documented: Vec<&str> = document.paths.paths.keys().map(String::as_str).collect();
        assert_eq!(routed, documented);
    }
}
