//! In-process requests to every route, on the engine `TEST_DATABASE_URL` names.

mod api;
mod app;
mod pages;
mod sign_in;
mod tokens;
