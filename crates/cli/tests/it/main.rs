//! The `masteryhub` binary run as an operator runs it, on the engine `TEST_DATABASE_URL` names.

mod addresses;
mod cli;
mod demo;
mod email;
mod generate;
mod import_gias;
mod import_history;
mod import_hubs;
mod interrupted_import;
mod serve;
mod users;
