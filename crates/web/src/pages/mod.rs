//! Server-rendered pages.

pub mod account;
pub mod admin;
pub mod applications;
pub mod catalogue;
pub mod health;
pub mod home;
pub mod hubs;
pub mod invite;
pub mod password;
pub mod rollover;
pub mod schools;
pub mod sign_in;
pub mod specialists;
pub mod work_groups;

use crate::error::PageError;

/// Any path no route answers.
pub async fn not_found() -> PageError {
    PageError::NotFound
}

/// A form's fields as sent, for forms whose field names are not fixed.
pub type FormPairs = Vec<(String, String)>;

/// The trimmed value of a field of a form (empty when it was not sent).
pub fn form_value(pairs: &FormPairs, name: &str) -> String {
    pairs
        .iter()
        .find(|(key, _)| key == name)
        .map(|(_, value)| value.trim().to_owned())
        .unwrap_or_default()
}
