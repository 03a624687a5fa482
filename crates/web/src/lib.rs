//! The masteryhub web application (server-rendered HTML) and JSON API.
//!
//! A request flows one way: the handler parses its input into domain types, asks the store, and
//! renders a view. No SQL here, no HTTP in the domain.

mod access;
mod api;
mod assets;
pub mod auth;
pub mod client_address;
pub mod csrf;
mod eligibility;
mod error;
mod pages;
mod params;
mod security;
mod views;

use axum::Router;
use axum::routing::{get, post};
use masteryhub_store::Db;

pub use api::openapi::document as openapi_document;

/// Results per page, in the web pages and the API.
pub const PER_PAGE: u32 = 50;

/// What every handler can reach. It holds nothing another instance would need: all state is in
/// the database, so several instances can serve one PostgreSQL database.
#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    /// The time, as the binary tells it.
    pub clock: auth::Clock,
    /// Whether cookies are marked `Secure` (the service is served over https).
    pub secure_cookies: bool,
    /// The address people reach the service at, for links in emails (no trailing slash).
    pub base_url: String,
    /// Whether national admins may read the outbox in the browser: `demo` only, where email is
    /// written to a folder rather than sent. Off, `/admin/outbox` is not a route at all.
    pub show_outbox: bool,
    /// The proxies whose `X-Forwarded-For` names the client (sign-in attempts are counted per
    /// client address).
    pub trusted_proxies: client_address::TrustedProxies,
}

/// The whole application: pages, API, assets and health check, with security headers.
pub fn router(state: AppState) -> Router {
    let mut routes = Router::new();
    if state.show_outbox {
        routes = routes.route("/admin/outbox", get(pages::admin::outbox));
    }
    routes
        .route("/", get(pages::home::show))
        .route("/schools", get(pages::schools::index))
        .route("/schools/{urn}", get(pages::schools::show))
        .route("/schools/{urn}/history", get(pages::schools::history))
        .route(
            "/schools/{urn}/invite",
            get(pages::invite::form).post(pages::invite::send),
        )
        .route("/hubs", get(pages::hubs::index))
        .route("/hubs/{code}", get(pages::hubs::show))
        .route("/hubs/{code}/history", get(pages::hubs::history))
        .route("/hubs/{code}/work-groups", get(pages::work_groups::index))
        .route(
            "/hubs/{code}/work-groups/new",
            get(pages::work_groups::new).post(pages::work_groups::create),
        )
        .route(
            "/hubs/{code}/applications",
            get(pages::applications::hub_index),
        )
        .route(
            "/schools/{urn}/apply",
            get(pages::applications::start_form).post(pages::applications::start),
        )
        .route("/applications/{id}", get(pages::applications::show))
        .route(
            "/applications/{id}/submit",
            post(pages::applications::submit),
        )
        .route(
            "/applications/{id}/decision",
            post(pages::applications::decide),
        )
        .route(
            "/applications/{id}/withdraw",
            post(pages::applications::withdraw),
        )
        .route(
            "/applications/{id}/{section}",
            get(pages::applications::section_form).post(pages::applications::save_section),
        )
        .route(
            "/hubs/{code}/rollover",
            get(pages::rollover::hub).post(pages::rollover::invite),
        )
        .route("/rollover", get(pages::rollover::national))
        .route("/hubs/{code}/specialists", get(pages::specialists::hub))
        .route(
            "/schools/{urn}/nominate-specialist",
            get(pages::specialists::nominate_form).post(pages::specialists::nominate),
        )
        .route(
            "/specialist-applications/{id}",
            get(pages::specialists::show),
        )
        .route(
            "/specialist-applications/{id}/decision",
            post(pages::specialists::decide),
        )
        .route(
            "/specialists/{id}/accredit",
            post(pages::specialists::accredit),
        )
        .route("/catalogue", get(pages::catalogue::index))
        .route("/catalogue/copy", post(pages::catalogue::copy))
        .route("/catalogue/save", post(pages::catalogue::save))
        .route("/catalogue/foci", post(pages::catalogue::set_foci))
        .route(
            "/catalogue/programmes/{id}",
            get(pages::catalogue::edit).post(pages::catalogue::update),
        )
        .route("/work-groups/{id}", get(pages::work_groups::show))
        .route(
            "/work-groups/{id}/edit",
            get(pages::work_groups::edit).post(pages::work_groups::update),
        )
        .route("/admin/people", get(pages::admin::people))
        .route("/admin/people/{id}", get(pages::admin::person))
        .route("/admin/people/{id}/export", get(pages::admin::export))
        .route("/admin/people/{id}/erase", post(pages::admin::erase))
        .route(
            "/admin/people/{id}/history",
            get(pages::admin::person_history),
        )
        .route("/admin/audit", get(pages::admin::audit))
        .route("/healthz", get(pages::health::check))
        .route(
            "/sign-in",
            get(pages::sign_in::form).post(pages::sign_in::submit),
        )
        .route("/sign-out", post(pages::sign_in::sign_out))
        .route(
            "/password-reset",
            get(pages::password::request_form).post(pages::password::request),
        )
        .route(
            "/password-reset/{token}",
            get(pages::password::reset_form).post(pages::password::reset),
        )
        .route(
            "/invitations/{token}",
            get(pages::password::invitation_form).post(pages::password::accept_invitation),
        )
        .route("/account/tokens", get(pages::account::tokens))
        .route(
            "/account/tokens/{id}/revoke",
            post(pages::account::revoke_token),
        )
        .route("/assets/app.css", get(assets::stylesheet))
        .merge(api::routes())
        .fallback(pages::not_found)
        .with_state(state.clone())
        .layer(axum::middleware::from_fn_with_state(
            state,
            auth::load_session,
        ))
        .layer(axum::middleware::from_fn(auth::refuse_cross_site))
        .layer(axum::middleware::from_fn(security::headers))
}
