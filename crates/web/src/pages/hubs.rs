use axum::extract::{Path, State};
use axum::response::Response;
use masteryhub_domain::policy::{Action, Resource};

use crate::AppState;
use crate::access::CurrentUser;
use crate::error::PageError;
use crate::pages::schools::history_rows;
use crate::views::{Chrome, HistoryPage, HubPage, HubsPage, render};

/// `GET /hubs`: the hubs the person may see.
pub async fn index(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
) -> Result<Response, PageError> {
    let mut hubs = state.db.hubs().await?;
    hubs.retain(|hub| user.may(Action::View, Resource::Hub(&hub.code)));
    let total_target_schools = hubs.iter().map(|h| h.open_state_funded_secondary).sum();
    Ok(render(&HubsPage {
        chrome: Chrome::for_request(Some(&user)),
        hubs,
        total_target_schools,
    }))
}

/// `GET /hubs/{code}`
pub async fn show(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(code): Path<String>,
) -> Result<Response, PageError> {
    user.require(Action::View, Resource::Hub(&code))?;
    let hub = state.db.hub(&code).await?.ok_or(PageError::NotFound)?;
    Ok(render(&HubPage {
        chrome: Chrome::for_request(Some(&user)),
        hub,
    }))
}

/// `GET /hubs/{code}/history`: the changes made to a hub in masteryhub.
pub async fn history(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(code): Path<String>,
) -> Result<Response, PageError> {
    user.require(Action::View, Resource::Hub(&code))?;
    let hub = state.db.hub(&code).await?.ok_or(PageError::NotFound)?;
    let events = history_rows(&state, &user, "hub", &hub.summary.code).await?;
    Ok(render(&HistoryPage {
        chrome: Chrome::for_request(Some(&user)),
        title: hub.summary.name,
        back_href: format!("/hubs/{}", hub.summary.code),
        events,
        section: "hubs",
        empty: "No one has changed this hub in masteryhub. Hubs and the local authorities they \
                serve change through imports of the hub list.",
    }))
}
