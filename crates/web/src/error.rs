//! Errors a handler can end with, as an HTML page or as `application/problem+json`.

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
    /// A state-changing request without the session's CSRF token.
    Forbidden,
    Internal(String),
}

impl From<StoreError> for PageError {
    fn from(error: StoreError) -> Self {
        Self::Internal(error.to_string())
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let (status, title, message) = match self {
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
                 think you should be able to.",
            ),
            Self::BadForm => (
                StatusCode::BAD_REQUEST,
                "The form could not be read",
                "Go back, reload the page and try again.",
            ),
            Self::NotFound => (
                StatusCode::NOT_FOUND,
                "Page not found",
                "If you typed the web address, check it is correct. If you pasted it, check you \
                 copied the entire address.",
            ),
            Self::Forbidden => (
                StatusCode::FORBIDDEN,
                "The form could not be sent",
                "The page may have been open too long, or you signed out in another tab. Go \
                 back, reload the page and try again.",
            ),
            Self::Internal(detail) => {
                tracing::error!(%detail, "request failed");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "Sorry, there is a problem with the service",
                    "Try again later.",
                )
            }
        };
        let page = ErrorPage {
            chrome: Chrome::default(),
            title,
            message,
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
#[derive(Debug, Clone, Copy)]
pub struct PendingErrorPage {
    pub title: &'static str,
    pub message: &'static str,
}

impl PendingErrorPage {
    /// The error page of `response` again, with `chrome` (other responses pass unchanged).
    pub fn redraw(response: Response, chrome: impl FnOnce() -> Chrome) -> Response {
        match response.extensions().get::<Self>().copied() {
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
    Internal(String),
}

impl From<StoreError> for ApiError {
    fn from(error: StoreError) -> Self {
        Self::Internal(error.to_string())
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
