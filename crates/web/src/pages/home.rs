use axum::extract::{Extension, State};
use axum::response::Response;

use crate::AppState;
use crate::auth::SignedIn;
use crate::error::PageError;
use crate::views::{Chrome, HomePage, render};

/// `GET /`
pub async fn show(
    State(state): State<AppState>,
    user: Option<Extension<SignedIn>>,
) -> Result<Response, PageError> {
    let counts = state.db.register_counts().await?;
    let hubs = state.db.hub_names().await?.len();
    Ok(render(&HomePage {
        chrome: Chrome::for_request(user.as_deref()),
        schools: counts.establishments,
        target_schools: counts.open_state_funded_secondary,
        hubs,
    }))
}
