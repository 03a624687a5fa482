//! A signed-in person's own things: their API tokens.

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};

use crate::AppState;
use crate::access::CurrentUser;
use crate::csrf::{CheckedForm, NoFields};
use crate::error::PageError;
use crate::views::{Chrome, TokenRow, TokensPage, format_instant, render};

/// `GET /account/tokens`: the person's live API tokens, each with a button to revoke it.
pub async fn tokens(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
) -> Result<Response, PageError> {
    let tokens = state
        .db
        .api_tokens(user.person_id)
        .await?
        .into_iter()
        .map(|t| TokenRow {
            id: t.id,
            label: t.label,
            created: format_instant(t.created_at),
            last_used: t
                .last_used_at
                .map_or_else(|| "Never".to_owned(), format_instant),
        })
        .collect();
    Ok(render(&TokensPage {
        chrome: Chrome::for_request(Some(&user)),
        tokens,
    }))
}

/// `POST /account/tokens/{id}/revoke`
pub async fn revoke_token(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(id): Path<i64>,
    CheckedForm(NoFields {}): CheckedForm<NoFields>,
) -> Result<Response, PageError> {
    // Another person's token is as unknown as a token that never was.
    if !state
        .db
        .revoke_api_token(user.person_id, id, &user.actor(), state.clock.now())
        .await?
    {
        return Err(PageError::NotFound);
    }
    Ok(Redirect::to("/account/tokens").into_response())
}
