//! The gate every route passes: who is asking, and whether the one policy
//! (`masteryhub_domain::policy`) lets them.
//!
//! A page needs someone signed in (or it sends the browser to sign in); the API needs a bearer
//! token or a session (or it answers 401). A record the person may not see is answered exactly
//! as a record that does not exist (404), so a refusal never tells that it exists; a record they
//! may see but not change is refused with 403.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use masteryhub_domain::policy::{Action, Resource};

use crate::auth::SignedIn;
use crate::error::{ApiError, PageError};

/// The person signed in, for a page that needs one.
pub struct CurrentUser(pub SignedIn);

impl<S: Send + Sync> FromRequestParts<S> for CurrentUser {
    type Rejection = PageError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        parts
            .extensions
            .get::<SignedIn>()
            .cloned()
            .map(Self)
            .ok_or_else(|| {
                let next = (parts.method == axum::http::Method::GET)
                    .then(|| parts.uri.path_and_query().map(ToString::to_string))
                    .flatten();
                PageError::SignInRequired(next)
            })
    }
}

/// The person a request to the API speaks for.
pub struct ApiUser(pub SignedIn);

impl<S: Send + Sync> FromRequestParts<S> for ApiUser {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        parts
            .extensions
            .get::<SignedIn>()
            .cloned()
            .map(Self)
            .ok_or(ApiError::Unauthorized)
    }
}

/// How a refusal is answered, whether or not the person may see the resource.
fn refusal(user: &SignedIn, action: Action, resource: Resource<'_>) -> Option<Refusal> {
    if user.may(action, resource) {
        None
    } else if action == Action::Change && user.may(Action::View, resource) {
        Some(Refusal::NotAllowed)
    } else {
        Some(Refusal::Hidden)
    }
}

enum Refusal {
    /// They may see it, but not do this to it.
    NotAllowed,
    /// They may not know it exists.
    Hidden,
}

impl SignedIn {
    /// Lets the request go on if the policy allows `action` on `resource`; otherwise the page
    /// answers 404 (the resource is hidden from them) or 403 (seen, not theirs to change).
    pub fn require(&self, action: Action, resource: Resource<'_>) -> Result<(), PageError> {
        match refusal(self, action, resource) {
            None => Ok(()),
            Some(Refusal::NotAllowed) => Err(PageError::NotAllowed),
            Some(Refusal::Hidden) => Err(PageError::NotFound),
        }
    }

    /// As [`SignedIn::require`], for the API: 404 with `not_found` as the detail, or 403.
    pub fn require_api(
        &self,
        action: Action,
        resource: Resource<'_>,
        not_found: impl FnOnce() -> String,
    ) -> Result<(), ApiError> {
        match refusal(self, action, resource) {
            None => Ok(()),
            Some(Refusal::NotAllowed) => Err(ApiError::Forbidden),
            Some(Refusal::Hidden) => Err(ApiError::NotFound(not_found())),
        }
    }
}
