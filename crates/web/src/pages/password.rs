//! Choosing a password through a link from an email: a password reset, which anyone can ask
//! for, and an invitation's first password. Both links work once and expire.

use axum::extract::{Extension, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use masteryhub_domain::Email;
use masteryhub_domain::messages::{self, RESET_LINK_LIFETIME};
use masteryhub_store::one_time_links::{LinkHolder, LinkPurpose, NewLink};
use masteryhub_store::outbox::OutgoingEmail;
use serde::Deserialize;

use crate::AppState;
use crate::auth::{SignedIn, Token, hash_token, password};
use crate::csrf::{CheckedForm, FormToken};
use crate::error::PageError;
use crate::pages::sign_in::{chrome, field_error};
use crate::views::{
    LinkExpiredPage, PasswordResetPage, PasswordResetSentPage, SetPasswordPage, render,
};

/// The shortest password accepted.
pub const MIN_PASSWORD_LENGTH: usize = 12;

/// `GET /password-reset`
pub async fn request_form(
    user: Option<Extension<SignedIn>>,
    Extension(token): Extension<FormToken>,
) -> Response {
    render(&PasswordResetPage {
        chrome: chrome(user.as_deref(), &token),
        email: String::new(),
        errors: Vec::new(),
    })
}

#[derive(Debug, Default, Deserialize)]
pub struct ResetRequest {
    #[serde(default)]
    email: String,
}

/// `POST /password-reset`: emails a link if the account exists, and says the same either way.
pub async fn request(
    State(state): State<AppState>,
    user: Option<Extension<SignedIn>>,
    Extension(token): Extension<FormToken>,
    CheckedForm(form): CheckedForm<ResetRequest>,
) -> Result<Response, PageError> {
    let Ok(email) = Email::parse(&form.email) else {
        let message = if form.email.trim().is_empty() {
            "Enter your email address"
        } else {
            "Enter an email address in the correct format, like name@example.com"
        };
        let page = PasswordResetPage {
            chrome: chrome(user.as_deref(), &token),
            email: form.email.trim().to_owned(),
            errors: vec![field_error("email", message)],
        };
        return Ok((StatusCode::BAD_REQUEST, render(&page)).into_response());
    };
    let secret = Token::generate().map_err(|e| PageError::Internal(e.to_string()))?;
    let now = state.clock.now();
    let link = NewLink {
        token_hash: &hash_token(secret.as_str()),
        expires_at: now + RESET_LINK_LIFETIME,
    };
    let url = format!("{}/password-reset/{}", state.base_url, secret.as_str());
    let tokens = format!("{}/account/tokens", state.base_url);
    let sent = state
        .db
        .start_password_reset(&email, &link, now, |holder| {
            outgoing(
                holder,
                messages::password_reset(&holder.name, &url, &tokens),
            )
        })
        .await?;
    tracing::info!(sent, "password reset asked for");
    Ok(render(&PasswordResetSentPage {
        chrome: chrome(user.as_deref(), &token),
    }))
}

/// An email to a link's holder.
pub fn outgoing(holder: &LinkHolder, message: messages::Message) -> OutgoingEmail {
    OutgoingEmail {
        to_address: holder.email.clone(),
        to_name: holder.name.clone(),
        subject: message.subject,
        body: message.body,
    }
}

/// What each kind of link's page says.
struct LinkKind {
    purpose: LinkPurpose,
    heading: &'static str,
    path: &'static str,
    advice: &'static str,
}

const RESET: LinkKind = LinkKind {
    purpose: LinkPurpose::PasswordReset,
    heading: "Choose a new password",
    path: "/password-reset",
    advice: "Ask for a new link from the password reset page, then use it within the hour.",
};

const INVITATION: LinkKind = LinkKind {
    purpose: LinkPurpose::Invitation,
    heading: "Set your password",
    path: "/invitations",
    advice: "Ask the person who invited you to send a new invitation.",
};

/// `GET /password-reset/{token}`
pub async fn reset_form(
    state: State<AppState>,
    user: Option<Extension<SignedIn>>,
    form_token: Extension<FormToken>,
    Path(secret): Path<String>,
) -> Result<Response, PageError> {
    link_form(&RESET, state, user, form_token, secret).await
}

/// `POST /password-reset/{token}`
pub async fn reset(
    state: State<AppState>,
    user: Option<Extension<SignedIn>>,
    form_token: Extension<FormToken>,
    Path(secret): Path<String>,
    CheckedForm(form): CheckedForm<NewPassword>,
) -> Result<Response, PageError> {
    set_password(&RESET, state, user, form_token, secret, form).await
}

/// `GET /invitations/{token}`
pub async fn invitation_form(
    state: State<AppState>,
    user: Option<Extension<SignedIn>>,
    form_token: Extension<FormToken>,
    Path(secret): Path<String>,
) -> Result<Response, PageError> {
    link_form(&INVITATION, state, user, form_token, secret).await
}

/// `POST /invitations/{token}`
pub async fn accept_invitation(
    state: State<AppState>,
    user: Option<Extension<SignedIn>>,
    form_token: Extension<FormToken>,
    Path(secret): Path<String>,
    CheckedForm(form): CheckedForm<NewPassword>,
) -> Result<Response, PageError> {
    set_password(&INVITATION, state, user, form_token, secret, form).await
}

fn expired(kind: &LinkKind, chrome: crate::views::Chrome) -> Response {
    let page = LinkExpiredPage {
        chrome,
        advice: kind.advice,
    };
    (StatusCode::NOT_FOUND, render(&page)).into_response()
}

async fn link_form(
    kind: &LinkKind,
    State(state): State<AppState>,
    user: Option<Extension<SignedIn>>,
    Extension(form_token): Extension<FormToken>,
    secret: String,
) -> Result<Response, PageError> {
    let chrome = chrome(user.as_deref(), &form_token);
    let holder = state
        .db
        .live_link(&hash_token(&secret), kind.purpose, state.clock.now())
        .await?;
    let Some(holder) = holder else {
        return Ok(expired(kind, chrome));
    };
    Ok(render(&set_password_page(
        kind,
        chrome,
        &secret,
        holder,
        Vec::new(),
    )))
}

fn set_password_page(
    kind: &LinkKind,
    chrome: crate::views::Chrome,
    secret: &str,
    holder: LinkHolder,
    errors: Vec<crate::views::PageFieldError>,
) -> SetPasswordPage {
    SetPasswordPage {
        chrome,
        heading: kind.heading,
        action: format!("{}/{secret}", kind.path),
        name: holder.name,
        email: holder.email,
        min_length: MIN_PASSWORD_LENGTH,
        errors,
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct NewPassword {
    #[serde(default)]
    password: String,
    #[serde(default)]
    confirm: String,
}

/// What is wrong with a new password, field by field.
fn password_errors(form: &NewPassword) -> Vec<crate::views::PageFieldError> {
    let mut errors = Vec::new();
    if form.password.is_empty() {
        errors.push(field_error("password", "Enter a new password"));
    } else if form.password.chars().count() < MIN_PASSWORD_LENGTH {
        errors.push(field_error(
            "password",
            &format!("The password must be at least {MIN_PASSWORD_LENGTH} characters"),
        ));
    } else if form.password.chars().count() > 200 {
        errors.push(field_error(
            "password",
            "The password must be 200 characters or fewer",
        ));
    } else if form.confirm != form.password {
        errors.push(field_error("confirm", "The passwords do not match"));
    }
    errors
}

async fn set_password(
    kind: &LinkKind,
    State(state): State<AppState>,
    user: Option<Extension<SignedIn>>,
    Extension(form_token): Extension<FormToken>,
    secret: String,
    form: NewPassword,
) -> Result<Response, PageError> {
    let chrome = chrome(user.as_deref(), &form_token);
    let token_hash = hash_token(&secret);
    let now = state.clock.now();
    let Some(holder) = state.db.live_link(&token_hash, kind.purpose, now).await? else {
        return Ok(expired(kind, chrome));
    };
    let errors = password_errors(&form);
    if !errors.is_empty() {
        let page = set_password_page(kind, chrome, &secret, holder, errors);
        return Ok((StatusCode::BAD_REQUEST, render(&page)).into_response());
    }
    let new_password = form.password;
    let hash = tokio::task::spawn_blocking(move || password::hash(&new_password))
        .await
        .map_err(|e| PageError::Internal(e.to_string()))?
        .map_err(|e| PageError::Internal(e.to_string()))?;
    match state
        .db
        .set_password_by_link(&token_hash, kind.purpose, &hash, now)
        .await?
    {
        Some(_) => Ok(Redirect::to("/sign-in?password=set").into_response()),
        None => Ok(expired(kind, chrome)),
    }
}
