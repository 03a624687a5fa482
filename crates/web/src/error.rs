//! Errors a handler can end with, as an HTML page or as `application/problem+json`.

use std::borrow::Cow;

use axum::Json;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use masteryhub_store::StoreError;
use serde::Serialize;
use utoipa::ToSchema;

use crate::views::{Chrome, ErrorPage, render};

/// An error shown to a person in the browser.
#[derive(Debug)]
pub enum PageError {
    /// Nobody is signed in: the browser is sent to sign in, then back to this page (a GET's
    /// path and query) if there is one.
    SignInRequired(Option<String>),
    NotFound,
    /// The person may see the record but not do this to it.
    NotAllowed,
    /// A form body that is not a form.
    BadForm,
    /// A form field holding a NUL character, which cannot be stored.
    NulInForm,
    /// A state-changing request without the session's CSRF token.
    Forbidden,
    /// The record is not in the state the request needs: someone changed or decided it first
    /// (409). The sentence says what happened. Where a page can show its own form again with
    /// the sentence, its handler does that instead.
    Conflict(String),
    Internal(String),
}

impl From<StoreError> for PageError {
    fn from(error: StoreError) -> Self {
        match error {
            StoreError::Conflict(message) => Self::Conflict(message),
            StoreError::NotFound(_) => Self::NotFound,
            other => Self::Internal(other.to_string()),
        }
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let (status, title, message): (_, _, Cow<'static, str>) = match self {
            Self::SignInRequired(next) => {
                let location = match next {
                    Some(next) => format!("/sign-in?next={}", crate::views::url_encode(&next)),
                    None => "/sign-in".to_owned(),
                };
                return (StatusCode::SEE_OTHER, [(header::LOCATION, location)]).into_response();
            }
            Self::NotAllowed => (
                StatusCode::FORBIDDEN,
                "You cannot do this",
                "Your account can see this page but not change it. Ask your Maths Hub if you \
                 think you should be able to."
                    .into(),
            ),
            Self::BadForm => (
                StatusCode::BAD_REQUEST,
                "The form could not be read",
                "Go back, reload the page and try again.".into(),
            ),
            Self::NulInForm => (
                StatusCode::BAD_REQUEST,
                "The form could not be saved",
                "A field of the form holds a NUL character (a zero byte), which cannot be saved. \
                 Go back, remove it from what you typed or pasted, and try again."
                    .into(),
            ),
            Self::NotFound => (
                StatusCode::NOT_FOUND,
                "Page not found",
                "If you typed the web address, check it is correct. If you pasted it, check you \
                 copied the entire address."
                    .into(),
            ),
            Self::Forbidden => (
                StatusCode::FORBIDDEN,
                "The form could not be sent",
                "The page may have been open too long, or you signed out in another tab. Go \
                 back, reload the page and try again."
                    .into(),
            ),
            Self::Conflict(sentence) => (
                StatusCode::CONFLICT,
                "This has been changed already",
                format!(
                    "{}. Go back and reload the page to see it as it is now.",
                    sentence.trim_end_matches('.')
                )
                .into(),
            ),
            Self::Internal(detail) => {
                tracing::error!(%detail, "request failed");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "Sorry, there is a problem with the service",
                    "Try again later.".into(),
                )
            }
        };
        let page = ErrorPage {
            chrome: Chrome::default(),
            title,
            message: message.clone(),
        };
        let mut response = (status, render(&page)).into_response();
        response
            .extensions_mut()
            .insert(PendingErrorPage { title, message });
        response
    }
}

/// What an error page says, kept on its response so that the session middleware, which knows
/// who is signed in, can draw it again with their header.
#[derive(Debug, Clone)]
pub struct PendingErrorPage {
    pub title: &'static str,
    pub message: Cow<'static, str>,
}

impl PendingErrorPage {
    /// The error page of `response` again, with `chrome` (other responses pass unchanged).
    pub fn redraw(response: Response, chrome: impl FnOnce() -> Chrome) -> Response {
        match response.extensions().get::<Self>().cloned() {
            Some(pending) => {
                let page = ErrorPage {
                    chrome: chrome(),
                    title: pending.title,
                    message: pending.message,
                };
                (response.status(), render(&page)).into_response()
            }
            None => response,
        }
    }
}

/// An RFC 9457 problem document.
#[derive(Debug, Serialize, ToSchema)]
pub struct Problem {
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub title: &'static str,
    pub status: u16,
    pub detail: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
}

/// One invalid parameter of a request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

/// An error answered by the API.
#[derive(Debug)]
pub enum ApiError {
    /// No bearer token or session, or one that is not (or no longer) valid.
    Unauthorized,
    /// The person may see the resource but not change it.
    Forbidden,
    NotFound(String),
    BadRequest(Vec<FieldError>),
    /// The resource is not in the state the request needs: someone changed it first.
    Conflict(String),
    Internal(String),
}

impl From<StoreError> for ApiError {
    fn from(error: StoreError) -> Self {
        match error {
            StoreError::Conflict(detail) => Self::Conflict(detail),
            StoreError::NotFound(detail) => Self::NotFound(detail),
            other => Self::Internal(other.to_string()),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, problem) = match self {
            Self::Unauthorized => (
                StatusCode::UNAUTHORIZED,
                Problem {
                    kind: "about:blank",
                    title: "Unauthorized",
                    status: 401,
                    detail: "send a valid token as 'Authorization: Bearer TOKEN'; this one is \
                             missing, wrong or revoked"
                        .into(),
                    errors: Vec::new(),
                },
            ),
            Self::Forbidden => (
                StatusCode::FORBIDDEN,
                Problem {
                    kind: "about:blank",
                    title: "Forbidden",
                    status: 403,
                    detail: "your roles let you see this but not change it".into(),
                    errors: Vec::new(),
                },
            ),
            Self::NotFound(detail) => (
                StatusCode::NOT_FOUND,
                Problem {
                    kind: "about:blank",
                    title: "Not Found",
                    status: 404,
                    detail,
                    errors: Vec::new(),
                },
            ),
            Self::BadRequest(errors) => (
                StatusCode::BAD_REQUEST,
                Problem {
                    kind: "about:blank",
                    title: "Bad Request",
                    status: 400,
                    detail: errors
                        .iter()
                        .map(|e| format!("{}: {}", e.field, e.message))
                        .collect::<Vec<_>>()
                        .join("; "),
                    errors,
                },
            ),
            Self::Conflict(detail) => (
                StatusCode::CONFLICT,
                Problem {
                    kind: "about:blank",
                    title: "Conflict",
                    status: 409,
                    detail,
                    errors: Vec::new(),
                },
            ),
            Self::Internal(detail) => {
                tracing::error!(%detail, "API request failed");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    Problem {
                        kind: "about:blank",
                        title: "Internal Server Error",
                        status: 500,
                        detail: "the service could not answer; try again later".into(),
                        errors: Vec::new(),
                    },
                )
            }
        };
        (
            status,
            [(header::CONTENT_TYPE, "application/problem+json")],
            Json(problem),
        )
            .into_response()
    }
}

#[cfg(test)]
mod tests {
    use axum::body::to_bytes;

    use super::*;

    async fn body(response: Response) -> String {
        let bytes = to_bytes(response.into_body(), 1 << 20)
            .await
            .expect("a body");
        String::from_utf8(bytes.to_vec()).expect("UTF-8")
    }

    #[tokio::test]
    async fn a_conflict_is_a_409_page_saying_what_happened() {
        let error = PageError::from(StoreError::Conflict(
            "This nomination has been decided already".into(),
        ));
        let response = error.into_response();
        assert_eq!(response.status(), StatusCode::CONFLICT);
        let page = body(response).await;
        assert!(
            page.contains(
                "This nomination has been decided already. Go back and reload the page to see \
                 it as it is now."
            ),
            "{page}"
        );
    }

    #[tokio::test]
    async fn a_conflict_is_a_409_problem_in_the_api() {
        let response = ApiError::from(StoreError::Conflict("The token is revoked already".into()))
            .into_response();
        assert_eq!(response.status(), StatusCode::CONFLICT);
        assert_eq!(
            response.headers()[header::CONTENT_TYPE],
            "application/problem+json"
        );
        let problem: serde_json::Value = serde_json::from_str(&body(response).await).expect("JSON");
        assert_eq!(problem["status"], 409);
        assert_eq!(problem["title"], "Conflict");
        assert_eq!(problem["detail"], "The token is revoked already");
    }

    #[test]
    fn a_record_not_found_is_a_404_and_other_store_errors_are_500s() {
        assert!(matches!(
            PageError::from(StoreError::NotFound("There is no application 9".into())),
            PageError::NotFound
        ));
        assert!(matches!(
            ApiError::from(StoreError::NotFound("There is no application 9".into())),
            ApiError::NotFound(_)
        ));
        assert!(matches!(
            PageError::from(StoreError::Invalid("stored academic year".into())),
            PageError::Internal(_)
        ));
    }
}
