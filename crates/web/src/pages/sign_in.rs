//! Signing in and out.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, Extension, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use masteryhub_domain::people::home_path;
use masteryhub_domain::throttle::{self, AttemptKeys};
use serde::Deserialize;

use crate::AppState;
use crate::auth::{SignedIn, Token, end_cookie, hash_token, password, start_cookie};
use crate::client_address::throttle_address;
use crate::csrf::{CheckedForm, FormToken, NoFields};
use crate::error::PageError;
use crate::views::{Chrome, PageFieldError, SignInPage, render};

/// `GET /sign-in`
pub async fn form(
    user: Option<Extension<SignedIn>>,
    Extension(token): Extension<FormToken>,
    Query(query): Query<SignInQuery>,
) -> Response {
    render(&SignInPage {
        chrome: chrome(user.as_deref(), &token),
        email: String::new(),
        errors: Vec::new(),
        notice: query.notice(),
        next: local_path(&query.next).unwrap_or_default().to_owned(),
    })
}

/// What the sign-in page says after a password was set.
#[derive(Debug, Default, Deserialize)]
pub struct SignInQuery {
    #[serde(default)]
    password: String,
    /// The page to go back to after signing in.
    #[serde(default)]
    next: String,
}

impl SignInQuery {
    fn notice(&self) -> Option<&'static str> {
        (self.password == "set").then_some("Your password is set. Sign in with it now.")
    }
}

/// `next` if it is a path of this service: `/` and then only printable ASCII characters,
/// never a second `/` or a `\` straight after the first (which browsers read as another
/// site's address), nor any space, tab, line break or other control character (a browser drops
/// a tab or line break inside a URL, so `/<TAB>/evil.example` is `//evil.example` to it, and a
/// line break cannot be put in a `Location` header).
fn local_path(next: &str) -> Option<&str> {
    let safe = |c: char| c.is_ascii_graphic() && c != '\\';
    Some(next).filter(|n| {
        n.len() <= 2000 && n.starts_with('/') && !n[1..].starts_with('/') && n.chars().all(safe)
    })
}

/// The header of a page that may be seen signed in or not.
pub fn chrome(user: Option<&SignedIn>, token: &FormToken) -> Chrome {
    match user {
        Some(user) => Chrome::for_request(Some(user)),
        None => Chrome::anonymous(token),
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct SignInForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    /// The page to go back to.
    #[serde(default)]
    next: String,
}

/// An error beside one field of a form.
pub fn field_error(field: &str, message: &str) -> PageFieldError {
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
    Extension(token): Extension<FormToken>,
    client: Option<Extension<ConnectInfo<SocketAddr>>>,
    headers: HeaderMap,
    CheckedForm(form): CheckedForm<SignInForm>,
) -> Result<Response, PageError> {
    let address = client.map_or_else(
        || "unknown".to_owned(),
        |c| throttle_address(state.trusted_proxies.client(c.0.0.ip(), &headers)),
    );
    let email = form.email.trim().to_owned();
    let mut errors = Vec::new();
    if email.is_empty() {
        errors.push(field_error("email", "Enter your email address"));
    }
    if form.password.is_empty() {
        errors.push(field_error("password", "Enter your password"));
    }
    let mut status = StatusCode::BAD_REQUEST;
    if errors.is_empty() {
        let account = email.to_lowercase();
        let keys = AttemptKeys::new(&account, &address);
        // Counted before the password is checked, so that attempts arriving together cannot
        // all be checked before the first is counted.
        let counted = state
            .db
            .count_sign_in_attempt(&keys, state.clock.now(), throttle::may_attempt)
            .await?;
        if let Some(attempt) = counted {
            if let Some(person_id) = check_password(&state, &account, form.password).await? {
                state.db.forget_sign_in_attempt(&attempt).await?;
                return start_session(&state, person_id, local_path(&form.next)).await;
            }
            errors.push(field_error(
                "email",
                "Enter a correct email address and password",
            ));
        } else {
            status = StatusCode::TOO_MANY_REQUESTS;
            errors.push(field_error(
                "email",
                "You have tried to sign in too many times. Wait 15 minutes, then try again",
            ));
        }
    }
    let page = SignInPage {
        chrome: chrome(user.as_deref(), &token),
        email,
        errors,
        notice: None,
        next: local_path(&form.next).unwrap_or_default().to_owned(),
    };
    Ok((status, render(&page)).into_response())
}

/// The person whose password this is, if it is right. With no such person a hash is still
/// checked, so that the time taken does not tell whether the account exists.
async fn check_password(
    state: &AppState,
    account: &str,
    attempt: String,
) -> Result<Option<i64>, PageError> {
    let credentials = state.db.credentials(account).await?;
    let stored = credentials.as_ref().and_then(|c| c.password_hash.clone());
    let matches =
        tokio::task::spawn_blocking(move || password::verify(&attempt, stored.as_deref()))
            .await
            .map_err(|e| PageError::Internal(e.to_string()))?;
    Ok(credentials.filter(|_| matches).map(|c| c.person_id))
}

/// A new session and its cookie, then on to the person's place: their hub, school or the
/// national view.
async fn start_session(
    state: &AppState,
    person_id: i64,
    next: Option<&str>,
) -> Result<Response, PageError> {
    let token = Token::generate().map_err(|e| PageError::Internal(e.to_string()))?;
    let csrf = Token::generate().map_err(|e| PageError::Internal(e.to_string()))?;
    state
        .db
        .create_session(
            &hash_token(token.as_str()),
            person_id,
            csrf.as_str(),
            state.clock.now(),
        )
        .await?;
    let cookie = start_cookie(&token, state.secure_cookies);
    let home = match next {
        Some(next) => next.to_owned(),
        None => home_path(&state.db.roles_of(person_id).await?),
    };
    Ok(([(header::SET_COOKIE, cookie)], Redirect::to(&home)).into_response())
}

/// `POST /sign-out`: ends the session, if the form carries the session's CSRF token.
pub async fn sign_out(
    State(state): State<AppState>,
    user: Option<Extension<SignedIn>>,
    CheckedForm(NoFields {}): CheckedForm<NoFields>,
) -> Result<Response, PageError> {
    let Some(Extension(user)) = user else {
        return Ok(Redirect::to("/").into_response());
    };
    state
        .db
        .revoke_session(&user.token_hash, state.clock.now())
        .await?;
    let cookie = end_cookie(state.secure_cookies);
    Ok(([(header::SET_COOKIE, cookie)], Redirect::to("/")).into_response())
}
