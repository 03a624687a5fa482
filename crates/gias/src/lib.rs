//! Reading the school register: the Department for Education's Get Information About Schools
//! (GIAS) extracts.
//!
//! - [`EstablishmentReader`] streams the full establishment extract
//!   (`edubasealldataYYYYMMDD.csv`): Windows-1252 (or UTF-8 after a byte order mark), columns
//!   picked by name so that the 2024 and 2025 headers both read, one [`Record`] or
//!   [`RowError`] per row, with the facts the programme needs ([`EstablishmentFacts`]:
//!   state-funded, secondary, open) derived by the domain's rules.
//! - [`LinkReader`] streams the links extract: which establishment succeeded which.
//! - [`LOCAL_AUTHORITIES`] lists England's local authorities with their GIAS codes and regions.
//! - [`csv_file`] is the one reader underneath, for any CSV file with a named header and an
//!   optional byte-order mark (the register's, or a spreadsheet saved as CSV).
//!
//! Synthetic extracts in the exact real format are written by the `masteryhub-synth` crate.
//!
//! [`EstablishmentFacts`]: masteryhub_domain::EstablishmentFacts
#![cfg_attr(test, allow(clippy::unwrap_used))]

mod columns;
pub mod csv_file;
mod error;
mod fields;
mod links;
mod local_authorities;
mod reader;
mod text;

pub use columns::{EXTRACT_COLUMNS, extract_column_index};
pub use error::{FileError, RowError};
pub use fields::format_date;
pub use links::{Link, LinkDirection, LinkReader};
pub use local_authorities::{LOCAL_AUTHORITIES, LocalAuthority, region_code};
pub use reader::{Establishment, EstablishmentReader, Record};
