//! Who is asking: sessions from the cookie, passwords, CSRF tokens, and the injected clock.

pub mod password;
mod token;

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{HeaderMap, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use masteryhub_domain::policy::{Action, Principal, Resource};
use masteryhub_domain::sessions::session_is_live;
use time::OffsetDateTime;

use crate::AppState;
use crate::csrf::{self, FormToken};
use crate::error::{ApiError, PendingErrorPage};
use crate::views::Chrome;
pub use token::{Token, hash_token};

/// The name of the session cookie.
pub const SESSION_COOKIE: &str = "masteryhub_session";

/// The time, as the binary (or a test) tells it: the web layer never reads the clock itself.
#[derive(Clone)]
pub struct Clock(Arc<dyn Fn() -> OffsetDateTime + Send + Sync>);

impl Clock {
    pub fn new(now: impl Fn() -> OffsetDateTime + Send + Sync + 'static) -> Self {
        Self(Arc::new(now))
    }

    pub fn now(&self) -> OffsetDateTime {
        (self.0)()
    }
}

/// The signed-in person of a request: through a browser session, or an API token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedIn {
    pub person_id: i64,
    pub name: String,
    pub email: String,
    /// The session's CSRF token; `None` for an API token, which no form may act with.
    pub csrf_token: Option<String>,
    /// The hash of the session's token (empty for an API token).
    pub token_hash: String,
    /// The person's roles, as the policy reads them.
    pub principal: Principal,
}

impl SignedIn {
    /// Whether a form came with this session's CSRF token.
    pub fn sent_csrf_token(&self, sent: &str) -> bool {
        self.csrf_token
            .as_deref()
            .is_some_and(|token| token == sent)
    }

    /// The person as the audit trail names whoever made a change.
    pub fn actor(&self) -> masteryhub_store::audit::Actor {
        masteryhub_store::audit::Actor::person(self.person_id, &self.name)
    }

    /// Whether the policy lets this person do `action` to `resource`.
    pub fn may(&self, action: Action, resource: Resource<'_>) -> bool {
        self.principal.may(action, resource)
    }
}

/// The token of an `Authorization: Bearer TOKEN` header. The scheme is read in any case
/// (RFC 9110, section 11.1: `bearer` and `BEARER` are `Bearer`).
fn bearer_token(headers: &HeaderMap) -> Option<&str> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.trim_start().split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then_some(token.trim())
}

fn session_cookie(headers: &HeaderMap) -> Option<&str> {
    csrf::cookie(headers, SESSION_COOKIE)
}

/// Loads whoever the request speaks for into its extensions: the person of a bearer API token
/// (a token that is not live is refused with 401), or of a live session cookie.
pub async fn load_session(
    State(state): State<AppState>,
    mut request: Request,
    next: Next,
) -> Response {
    if let Some(token) = bearer_token(request.headers()) {
        let person = state
            .db
            .api_token_person(&hash_token(token), state.clock.now())
            .await;
        let person = match person {
            Ok(Some(person)) => person,
            Ok(None) => return ApiError::Unauthorized.into_response(),
            Err(error) => return ApiError::from(error).into_response(),
        };
        let principal = match state.db.roles_of(person.person_id).await {
            Ok(grants) => Principal::new(grants),
            Err(error) => return ApiError::from(error).into_response(),
        };
        request.extensions_mut().insert(SignedIn {
            person_id: person.person_id,
            name: person.name,
            email: person.email,
            csrf_token: None,
            token_hash: String::new(),
            principal,
        });
        return next.run(request).await;
    }
    if let Some(token) = session_cookie(request.headers()) {
        let token_hash = hash_token(token);
        match state.db.session(&token_hash).await {
            Ok(Some(session)) => {
                let now = state.clock.now();
                if session_is_live(session.created_at, session.last_seen_at, now) {
                    if let Err(error) = state.db.touch_session(&token_hash, now).await {
                        tracing::warn!(%error, "could not record a session's use");
                    }
                    let principal = match state.db.roles_of(session.person_id).await {
                        Ok(grants) => Principal::new(grants),
                        Err(error) => {
                            tracing::error!(%error, "could not read a person's roles");
                            return StatusCode::SERVICE_UNAVAILABLE.into_response();
                        }
                    };
                    request
                        .extensions_mut()
                        .insert(FormToken(session.csrf_token.clone()));
                    let user = SignedIn {
                        person_id: session.person_id,
                        name: session.name,
                        email: session.email,
                        csrf_token: Some(session.csrf_token),
                        token_hash,
                        principal,
                    };
                    request.extensions_mut().insert(user.clone());
                    let response = next.run(request).await;
                    return PendingErrorPage::redraw(response, || Chrome::for_request(Some(&user)));
                }
            }
            Ok(None) => {}
            Err(error) => {
                tracing::error!(%error, "could not read a session");
                return StatusCode::SERVICE_UNAVAILABLE.into_response();
            }
        }
    }
    if request.uri().path().starts_with("/api/") {
        return next.run(request).await;
    }
    // Not signed in: forms carry the token of a cookie of their own.
    let (token, set_cookie) = csrf::anonymous_token(request.headers(), state.secure_cookies);
    request.extensions_mut().insert(token);
    let mut response = next.run(request).await;
    if let Some(set_cookie) = set_cookie.and_then(|c| header::HeaderValue::from_str(&c).ok()) {
        response
            .headers_mut()
            .append(header::SET_COOKIE, set_cookie);
    }
    response
}

/// Refuses a state-changing request that another site made the browser send: the browser's
/// `Sec-Fetch-Site` must not say cross-site, and an `Origin` must be this host.
pub async fn refuse_cross_site(request: Request, next: Next) -> Response {
    let changes_state = !matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    );
    if changes_state && is_cross_site(request.headers()) {
        return (StatusCode::FORBIDDEN, "cross-site request refused").into_response();
    }
    next.run(request).await
}

fn is_cross_site(headers: &HeaderMap) -> bool {
    let text = |name| headers.get(name).and_then(|v| v.to_str().ok());
    if text("sec-fetch-site") == Some("cross-site") {
        return true;
    }
    match (text("origin"), text("host")) {
        (Some("null"), _) => true,
        (Some(origin), Some(host)) => origin
            .split_once("://")
            .map(|(_, authority)| authority)
            .is_none_or(|authority| authority != host),
        (Some(_), None) => true,
        (None, _) => false,
    }
}

/// The `Set-Cookie` value that starts a session (`Secure` when the service is served over
/// https).
pub fn start_cookie(token: &Token, secure: bool) -> String {
    format!(
        "{SESSION_COOKIE}={}; Path=/; HttpOnly; SameSite=Lax{}",
        token.as_str(),
        if secure { "; Secure" } else { "" }
    )
}

/// The `Set-Cookie` value that ends a session.
pub fn end_cookie(secure: bool) -> String {
    format!(
        "{SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0{}",
        if secure { "; Secure" } else { "" }
    )
}

#[cfg(test)]
mod tests {
    use axum::http::HeaderValue;

    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.append(*name, HeaderValue::from_static(value));
        }
        map
    }

    #[test]
    fn reads_bearer_tokens() {
        assert_eq!(
            bearer_token(&headers(&[("authorization", "Bearer abc ")])),
            Some("abc")
        );
        for scheme in ["bearer", "BEARER", "bEaReR"] {
            let value = HeaderValue::from_str(&format!("{scheme}  abc")).expect("header");
            let mut map = HeaderMap::new();
            map.insert("authorization", value);
            assert_eq!(bearer_token(&map), Some("abc"), "{scheme}");
        }
        assert_eq!(
            bearer_token(&headers(&[("authorization", "Basic abc")])),
            None
        );
        assert_eq!(
            bearer_token(&headers(&[("authorization", "Bearerabc")])),
            None
        );
        assert_eq!(bearer_token(&headers(&[])), None);
    }

    #[test]
    fn finds_the_session_cookie_among_others() {
        let h = headers(&[("cookie", "a=1; masteryhub_session=abc; b=2")]);
        assert_eq!(session_cookie(&h), Some("abc"));
        assert_eq!(session_cookie(&headers(&[("cookie", "a=1")])), None);
    }

    #[test]
    fn cross_site_requests_are_recognised() {
        assert!(is_cross_site(&headers(&[("sec-fetch-site", "cross-site")])));
        assert!(is_cross_site(&headers(&[
            ("origin", "https://evil.example"),
            ("host", "hub.example")
        ])));
        assert!(is_cross_site(&headers(&[
            ("origin", "null"),
            ("host", "hub.example")
        ])));
        assert!(!is_cross_site(&headers(&[
            ("origin", "http://hub.example"),
            ("host", "hub.example")
        ])));
        assert!(!is_cross_site(&headers(&[(
            "sec-fetch-site",
            "same-origin"
        )])));
        assert!(!is_cross_site(&headers(&[])));
    }

    #[test]
    fn cookies_are_http_only_and_lax_and_secure_over_https() {
        let token = Token::from_text("t0k3n");
        assert_eq!(
            start_cookie(&token, false),
            "masteryhub_session=t0k3n; Path=/; HttpOnly; SameSite=Lax"
        );
        assert!(start_cookie(&token, true).ends_with("; Secure"));
        assert!(end_cookie(false).contains("Max-Age=0"));
    }
}
