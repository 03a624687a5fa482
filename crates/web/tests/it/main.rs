//! In-process requests to every route, on the engine `TEST_DATABASE_URL` names.

mod api;
mod app;
mod csrf;
mod escaping;
mod fixtures;
mod links;
mod pages;
mod pathway;
mod policy;
mod races;
mod sign_in;
mod tokens;
