//! The OpenAPI 3.1 document of the API, generated from the handlers' `#[utoipa::path]`
//! descriptions and the very types they parse and answer, so that the document cannot drift from
//! what the API does. `tests/it/snapshots/openapi.json` holds it as committed; a test fails when
//! the two differ.

use axum::Json;
use utoipa::openapi::path::{Parameter, ParameterBuilder, ParameterIn};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::openapi::{InfoBuilder, ObjectBuilder, Required, Type};
use utoipa::{Modify, OpenApi};

use super::{pathway, schools};

/// What the document says about the API as a whole.
const DESCRIPTION: &str = "The school register, Maths Hubs and the Secondary Teaching for \
    Mastery programme. Errors are application/problem+json (RFC 9457). An integration sends an \
    API token (made with `masteryhub token create`) as `Authorization: Bearer TOKEN` and acts \
    with its person's roles: a national role sees every school and hub, a hub role its own hub \
    and its schools, a school role its own school. A school or hub outside the token's reach is \
    answered 404, exactly as one that does not exist, and lists leave it out.";

/// The media type of every error answer.
pub const PROBLEM: &str = "application/problem+json";
/// The 400 answer.
pub const BAD_REQUEST: &str = "A parameter is invalid; `errors` names each one.";
/// The 401 answer.
pub const UNAUTHORIZED: &str = "No bearer token was sent, or it is not valid (unknown or revoked).";
/// The 404 answer.
pub const NOT_FOUND: &str =
    "No such resource, or one outside the token's reach: the two are answered alike.";
/// The 500 answer.
pub const INTERNAL: &str = "The service could not answer (its database failed); try again later.";

/// The document: every operation of the API, the schemas they use and how to authenticate.
#[derive(OpenApi)]
#[openapi(
    paths(
        schools::search,
        schools::show,
        pathway::eligibility,
        schools::hubs,
        schools::hub
    ),
    security(("bearerAuth" = [])),
    modifiers(&Info, &BearerAuth)
)]
pub struct ApiDoc;

/// The title, version and description (in place of the ones utoipa takes from `Cargo.toml`).
struct Info;

impl Modify for Info {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        openapi.info = InfoBuilder::new()
            .title("masteryhub API")
            .version(env!("CARGO_PKG_VERSION"))
            .description(Some(DESCRIPTION))
            .build();
    }
}

/// The `bearerAuth` scheme every operation requires.
struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let scheme = HttpBuilder::new()
            .scheme(HttpAuthScheme::Bearer)
            .description(Some("An API token from `masteryhub token create`."))
            .build();
        openapi
            .components
            .get_or_insert_with(Default::default)
            .add_security_scheme("bearerAuth", SecurityScheme::Http(scheme));
    }
}

/// The document.
pub fn document() -> utoipa::openapi::OpenApi {
    ApiDoc::openapi()
}

/// `GET /api/openapi.json`
pub async fn serve() -> Json<utoipa::openapi::OpenApi> {
    Json(document())
}

/// A parameter of a request, for hand-written [`utoipa::IntoParams`] implementations whose
/// constraints come from the parsers' own constants.
pub fn parameter(
    name: &str,
    place: ParameterIn,
    required: bool,
    description: impl Into<String>,
    schema: ObjectBuilder,
) -> Parameter {
    ParameterBuilder::new()
        .name(name)
        .parameter_in(place)
        .required(if required {
            Required::True
        } else {
            Required::False
        })
        .description(Some(description))
        .schema(Some(schema.build()))
        .build()
}

/// A string schema.
pub fn string() -> ObjectBuilder {
    ObjectBuilder::new().schema_type(Type::String)
}

/// An integer schema (no `format`: the bounds say all there is to say).
pub fn integer() -> ObjectBuilder {
    ObjectBuilder::new().schema_type(Type::Integer)
}
