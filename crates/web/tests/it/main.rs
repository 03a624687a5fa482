//! In-process requests to every route, on the engine `TEST_DATABASE_URL` names.

mod api;
mod app;
mod audit;
mod csrf;
mod escaping;
mod fixtures;
mod hardening;
mod input;
mod links;
mod openapi;
mod pages;
mod pathway;
mod policy;
mod races;
mod sign_in;
mod specialists;
mod tokens;
