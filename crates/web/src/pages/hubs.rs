use axum::extract::{Extension, Path, State};
use axum::response::Response;

use crate::AppState;
use crate::auth::SignedIn;
use crate::error::PageError;
use crate::views::{Chrome, HubPage, HubsPage, render};

/// `GET /hubs`
pub async fn index(
    State(state): State<AppState>,
    user: Option<Extension<SignedIn>>,
) -> Result<Response, PageError> {
    let hubs = state.db.hubs().await?;
    let total_target_schools = hubs.iter().map(|h| h.open_state_funded_secondary).sum();
    Ok(render(&HubsPage {
        chrome: Chrome::for_request(user.as_deref()),
        hubs,
        total_target_schools,
    }))
}

/// `GET /hubs/{code}`
pub async fn show(
    State(state): State<AppState>,
    user: Option<Extension<SignedIn>>,
    Path(code): Path<String>,
) -> Result<Response, PageError> {
    let hub = state.db.hub(&code).await?.ok_or(PageError::NotFound)?;
    Ok(render(&HubPage {
        chrome: Chrome::for_request(user.as_deref()),
        hub,
    }))
}
