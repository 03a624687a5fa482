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
