//! Signing in and out.

use axum::Form;
use axum::extract::{Extension, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use crate::AppState;
use crate::auth::{SignedIn, Token, end_cookie, hash_token, password, start_cookie};
use crate::error::PageError;
use crate::views::{Chrome, PageFieldError, SignInPage, render};

/// `GET /sign-in`
pub async fn form(user: Option<Extension<SignedIn>>) -> Response {
    render(&SignInPage {
        chrome: Chrome::for_request(user.as_deref()),
        email: String::new(),
        errors: Vec::new(),
    })
}

#[derive(Debug, Default, Deserialize)]
pub struct SignInForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
}

fn field_error(field: &str, message: &str) -> PageFieldError {
    PageFieldError {
        field: field.to_owned(),
        anchor: field.to_owned(),
        message: message.to_owned(),
    }
}

/// `POST /sign-in`: a session for a correct email address and password. A wrong one gets the
/// same answer whether or not the account exists.
pub async fn submit(
    State(state): State<AppState>,
    user: Option<Extension<SignedIn>>,
    Form(form): Form<SignInForm>,
) -> Result<Response, PageError> {
    let email = form.email.trim().to_owned();
    let mut errors = Vec::new();
    if email.is_empty() {
        errors.push(field_error("email", "Enter your email address"));
    }
    if form.password.is_empty() {
        errors.push(field_error("password", "Enter your password"));
    }
    if errors.is_empty() {
        let credentials = state.db.credentials(&email.to_lowercase()).await?;
        let stored = credentials.as_ref().and_then(|c| c.password_hash.clone());
        let attempt = form.password;
        let matches =
            tokio::task::spawn_blocking(move || password::verify(&attempt, stored.as_deref()))
                .await
                .map_err(|e| PageError::Internal(e.to_string()))?;
        if let (true, Some(credentials)) = (matches, credentials) {
            let token = Token::generate().map_err(|e| PageError::Internal(e.to_string()))?;
            let csrf = Token::generate().map_err(|e| PageError::Internal(e.to_string()))?;
            state
                .db
                .create_session(
                    &hash_token(token.as_str()),
                    credentials.person_id,
                    csrf.as_str(),
                    state.clock.now(),
                )
                .await?;
            let cookie = start_cookie(&token, state.secure_cookies);
            return Ok(([(header::SET_COOKIE, cookie)], Redirect::to("/")).into_response());
        }
        errors.push(field_error(
            "email",
            "Enter a correct email address and password",
        ));
    }
    let page = SignInPage {
        chrome: Chrome::for_request(user.as_deref()),
        email,
        errors,
    };
    Ok((StatusCode::BAD_REQUEST, render(&page)).into_response())
}

#[derive(Debug, Default, Deserialize)]
pub struct SignOutForm {
    #[serde(default)]
    csrf_token: String,
}

/// `POST /sign-out`: ends the session, if the form carries the session's CSRF token.
pub async fn sign_out(
    State(state): State<AppState>,
    user: Option<Extension<SignedIn>>,
    Form(form): Form<SignOutForm>,
) -> Result<Response, PageError> {
    let Some(Extension(user)) = user else {
        return Ok(Redirect::to("/").into_response());
    };
    if !user.sent_csrf_token(&form.csrf_token) {
        return Err(PageError::Forbidden);
    }
    state
        .db
        .revoke_session(&user.token_hash, state.clock.now())
        .await?;
    let cookie = end_cookie(state.secure_cookies);
    Ok(([(header::SET_COOKIE, cookie)], Redirect::to("/")).into_response())
}
