//! The rules of the Secondary Teaching for Mastery programme.
//!
//! Pure and synchronous: no I/O, no clock (time is always a parameter), no SQL.
//! Types here can only be built valid, through their `parse` constructors.

pub mod academic_year;
pub mod messages;
pub mod money;
pub mod pathway;
pub mod people;
pub mod policy;
pub mod privacy;
pub mod refusal;
pub mod register;
pub mod sessions;
pub mod text;
pub mod throttle;
pub mod urn;

pub use academic_year::AcademicYear;
pub use money::Pence;
pub use people::{Email, Role, RoleGrant, Scope};
pub use refusal::Refusal;
pub use register::{EstablishmentFacts, is_open, is_secondary, is_state_funded};
pub use text::{NotOneLine, one_line_text};
pub use urn::Urn;
