//! In-process requests to every route, on the engine `TEST_DATABASE_URL` names.

mod api;
mod app;
mod csrf;
mod escaping;
mod fixtures;
mod links;
mod openapi;
mod pages;
mod pathway;
mod policy;
mod sign_in;
mod tokens;
