//! The store's tests, run on the engine `TEST_DATABASE_URL` names (a SQLite file when unset).

mod hubs;
mod links;
mod pathway;
mod people;
mod races;
mod register_import;
mod schema_parity;
mod search;
mod sign_in_throttle;
mod support;
