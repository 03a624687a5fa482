use axum::extract::State;
use axum::response::Response;

use crate::AppState;
use crate::error::PageError;
use crate::views::{HomePage, render};

/// `GET /`
pub async fn show(State(state): State<AppState>) -> Result<Response, PageError> {
    let counts = state.db.register_counts().await?;
    let hubs = state.db.hub_names().await?.len();
    Ok(render(&HomePage {
        schools: counts.establishments,
        target_schools: counts.open_state_funded_secondary,
        hubs,
    }))
}
