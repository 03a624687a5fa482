//! Persistence for masteryhub, on SQLite (the embedded default) and PostgreSQL, from the same code.
//!
//! [`Db`] is an enum over sqlx's typed pools; every query is one SQL text with `$1..$N`
//! placeholders, run on whichever engine the enum holds (see [`dispatch!`]). Repositories are
//! grouped by area: [`schools`], [`hubs`], [`register_import`], [`links_import`].

pub mod api_tokens;
pub mod audit;
mod db;
pub mod directory;
mod error;
pub mod hubs;
pub mod links_import;
pub mod one_time_links;
pub mod outbox;
pub mod pathway;
pub mod people;
pub mod personal_data;
pub mod register_import;
pub mod schools;
pub mod sessions;
pub mod sign_in_throttle;
#[cfg(feature = "testing")]
pub mod testing;
mod text;

pub(crate) use db::Tx;
pub use db::{Db, Engine};
pub use error::StoreError;

/// Runs `$body` with `$conn` bound to the engine-specific pool, connection or transaction held by
/// an enum whose variants are `Sqlite` and `Postgres`. The body is compiled once per engine, so one
/// SQL text serves both.
#[macro_export]
macro_rules! dispatch {
    ($kind:ident, $value:expr, $conn:ident => $body:expr) => {
        match $value {
            $kind::Sqlite($conn) => $body,
            $kind::Postgres($conn) => $body,
        }
    };
}
