//! Cross-site request forgery: every form carries a token the page was given, and every
//! state-changing form handler reads its fields through [`CheckedForm`], which refuses a form
//! without the right token before the handler sees it.
//!
//! A signed-in person's token is their session's. Someone not signed in (signing in, resetting a
//! password, accepting an invitation) gets a random token in a cookie of its own, and the form
//! must send it back (double submit), so another site cannot sign a browser in or reset into an
//! account it chose.

use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::http::{HeaderMap, header};
use serde::de::DeserializeOwned;

use crate::auth::{SignedIn, Token};
use crate::error::PageError;

/// The cookie holding the form token of someone not signed in.
pub const FORM_COOKIE: &str = "masteryhub_form";

/// The token this request's forms must carry: the session's, or the form cookie's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormToken(pub String);

/// The value of a cookie in the request.
pub fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value)
}

/// The form token of a request from someone not signed in, and the `Set-Cookie` that gives it to
/// them when they have none yet.
pub fn anonymous_token(headers: &HeaderMap, secure: bool) -> (FormToken, Option<String>) {
    if let Some(token) = cookie(headers, FORM_COOKIE).filter(|t| is_token(t)) {
        return (FormToken(token.to_owned()), None);
    }
    let token = Token::generate().map_or_else(|_| String::new(), |t| t.as_str().to_owned());
    let set = format!(
        "{FORM_COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax{}",
        if secure { "; Secure" } else { "" }
    );
    (FormToken(token), Some(set))
}

/// 64 hex digits, as [`Token::generate`] writes them.
fn is_token(text: &str) -> bool {
    text.len() == 64 && text.bytes().all(|b| b.is_ascii_hexdigit())
}

/// A form with no fields but its token.
#[derive(Debug, serde::Deserialize)]
pub struct NoFields {}

/// A form's fields, read only once the form has shown it carries this request's token.
pub struct CheckedForm<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for CheckedForm<T> {
    type Rejection = PageError;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        let expected = expected_token(&request);
        let body = Bytes::from_request(request, state)
            .await
            .map_err(|_| PageError::BadForm)?;
        let pairs: Vec<(String, String)> =
            serde_urlencoded::from_bytes(&body).map_err(|_| PageError::BadForm)?;
        let sent = pairs
            .iter()
            .find(|(name, _)| name == "csrf_token")
            .map(|(_, value)| value.as_str());
        match (expected, sent) {
            (Some(expected), Some(sent)) if !expected.is_empty() && expected == sent => {}
            _ => return Err(PageError::Forbidden),
        }
        // No field of any form may hold a NUL character: PostgreSQL cannot store one, and no
        // person types one. Refused here, alike on both engines, before any handler runs.
        if pairs
            .iter()
            .any(|(name, value)| name.contains('\0') || value.contains('\0'))
        {
            return Err(PageError::NulInForm);
        }
        serde_urlencoded::from_bytes(&body)
            .map(Self)
            .map_err(|_| PageError::BadForm)
    }
}

fn expected_token(request: &Request) -> Option<String> {
    if let Some(user) = request.extensions().get::<SignedIn>() {
        return user.csrf_token.clone();
    }
    request
        .extensions()
        .get::<FormToken>()
        .map(|FormToken(token)| token.clone())
}

#[cfg(test)]
mod tests {
    use axum::http::HeaderValue;

    use super::*;

    #[test]
    fn a_form_cookie_is_kept_or_made() {
        let mut headers = HeaderMap::new();
        let (made, set) = anonymous_token(&headers, true);
        let set = set.expect("a cookie to set");
        assert!(set.starts_with(&format!("{FORM_COOKIE}={}", made.0)));
        assert!(
            set.contains("HttpOnly") && set.contains("SameSite=Lax") && set.ends_with("Secure")
        );
        headers.insert(
            header::COOKIE,
            HeaderValue::from_str(&format!("a=b; {FORM_COOKIE}={}", made.0)).expect("header"),
        );
        assert_eq!(anonymous_token(&headers, true), (made, None));
        headers.insert(
            header::COOKIE,
            HeaderValue::from_static("masteryhub_form=forged"),
        );
        assert!(
            anonymous_token(&headers, false).1.is_some(),
            "a malformed token is replaced"
        );
    }
}
