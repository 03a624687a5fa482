use axum::extract::State;
use axum::http::StatusCode;

use crate::AppState;

/// `GET /healthz`: 200 when the database answers, 503 when it does not.
pub async fn check(State(state): State<AppState>) -> (StatusCode, &'static str) {
    match state.db.ping().await {
        Ok(()) => (StatusCode::OK, "ok"),
        Err(error) => {
            tracing::error!(%error, "health check failed");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable")
        }
    }
}
