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

#[cfg(test)]
mod tests {
    use serde_json::{Map, Value};

    /// A schema with `$ref` resolved and `allOf` merged into one object.
    fn flat(doc: &Value, schema: &Value) -> Map<String, Value> {
        let schema = match schema.get("$ref").and_then(Value::as_str) {
            Some(reference) => {
                let name = reference.trim_start_matches("#/components/schemas/");
                &doc["components"]["schemas"][name]
            }
            None => schema,
        };
        let mut out = schema.as_object().cloned().unwrap_or_default();
        if let Some(Value::Array(parts)) = out.remove("allOf") {
            for part in parts {
                for (key, value) in flat(doc, &part) {
                    match (out.get_mut(&key), value) {
                        (Some(Value::Object(mine)), Value::Object(theirs)) => mine.extend(theirs),
                        (Some(Value::Array(mine)), Value::Array(theirs)) => mine.extend(theirs),
                        (_, value) => {
                            out.insert(key, value);
                        }
                    }
                }
            }
        }
        out
    }

    /// Every way in which `new` says less (or otherwise) than `old`: each keyword of `old` must be
    /// in `new` with the same value (descriptions aside), the same properties and required ones.
    fn covers(old_doc: &Value, old: &Value, new_doc: &Value, new: &Value, at: &str) -> Vec<String> {
        let (old, new) = (flat(old_doc, old), flat(new_doc, new));
        let mut problems = Vec::new();
        for (key, value) in &old {
            match key.as_str() {
                "description" => {}
                "required" => {
                    let set = |v: Option<&Value>| {
                        let mut names: Vec<String> = v
                            .and_then(Value::as_array)
                            .map(|a| a.iter().map(ToString::to_string).collect())
                            .unwrap_or_default();
                        names.sort();
                        names
                    };
                    if set(Some(value)) != set(new.get(key)) {
                        problems.push(format!("{at}: required {value} but {:?}", new.get(key)));
                    }
                }
                "properties" => {
                    let empty = Map::new();
                    let theirs = new.get(key).and_then(Value::as_object).unwrap_or(&empty);
                    let mine = value.as_object().unwrap_or(&empty);
                    let mut names: Vec<_> = mine.keys().chain(theirs.keys()).collect();
                    names.sort();
                    names.dedup();
                    for name in names {
                        match (mine.get(name), theirs.get(name)) {
                            (Some(a), Some(b)) => problems.extend(covers(
                                old_doc,
                                a,
                                new_doc,
                                b,
                                &format!("{at}.{name}"),
                            )),
                            _ => problems.push(format!("{at}: property {name} not in both")),
                        }
                    }
                }
                "items" => problems.extend(covers(
                    old_doc,
                    value,
                    new_doc,
                    new.get(key).unwrap_or(&Value::Null),
                    &format!("{at}[]"),
                )),
                _ => {
                    if new.get(key) != Some(value) {
                        problems.push(format!("{at}: {key} was {value}, is {:?}", new.get(key)));
                    }
                }
            }
        }
        problems
    }

    /// The generated document says at least all that the hand-written one said: the same paths,
    /// operationIds, parameters with the same schemas, responses with the same media types and
    /// schemas, info and security.
    #[test]
    fn the_generated_document_covers_the_hand_written_one() {
        let old = super::super::openapi_handwritten::document();
        let new = serde_json::to_value(super::document()).expect("serialisable");
        let mut problems = Vec::new();
        for key in ["openapi", "info", "security"] {
            if old[key] != new[key] {
                problems.push(format!("{key}: {} vs {}", old[key], new[key]));
            }
        }
        if old["components"]["securitySchemes"] != new["components"]["securitySchemes"] {
            problems.push("securitySchemes differ".into());
        }
        let old_paths = old["paths"].as_object().expect("paths");
        let new_paths = new["paths"].as_object().expect("paths");
        assert_eq!(
            old_paths.keys().collect::<Vec<_>>(),
            new_paths.keys().collect::<Vec<_>>()
        );
        for (path, item) in old_paths {
            let (a, b) = (&item["get"], &new_paths[path]["get"]);
            let at = |what: &str| format!("{path} {what}");
            for key in ["operationId", "summary", "description"] {
                if a[key] != b[key] {
                    problems.push(format!("{}: {} vs {}", at(key), a[key], b[key]));
                }
            }
            if b["security"] != old["security"] {
                problems.push(format!("{}: {}", at("security"), b["security"]));
            }
            let params = |op: &Value| op["parameters"].as_array().cloned().unwrap_or_default();
            let (pa, pb) = (params(a), params(b));
            let names = |ps: &[Value]| ps.iter().map(|p| p["name"].clone()).collect::<Vec<_>>();
            if names(&pa) != names(&pb) {
                problems.push(format!(
                    "{}: {:?} vs {:?}",
                    at("parameters"),
                    names(&pa),
                    names(&pb)
                ));
            }
            for (x, y) in pa.iter().zip(&pb) {
                let name = x["name"].as_str().unwrap_or_default();
                for key in ["in", "required"] {
                    if x[key] != y[key] {
                        problems.push(format!("{}: {key} {} vs {}", at(name), x[key], y[key]));
                    }
                }
                problems.extend(covers(&old, &x["schema"], &new, &y["schema"], &at(name)));
            }
            let responses = b["responses"].as_object().expect("responses");
            for (status, response) in a["responses"].as_object().expect("responses") {
                let Some(theirs) = responses.get(status) else {
                    problems.push(format!("{}: no {status}", at("responses")));
                    continue;
                };
                let content = |r: &Value| r["content"].as_object().cloned().unwrap_or_default();
                let (ca, cb) = (content(response), content(theirs));
                if ca.keys().ne(cb.keys()) {
                    problems.push(format!("{}: media types differ", at(status)));
                }
                for (media, body) in &ca {
                    let other = &cb.get(media).cloned().unwrap_or_default()["schema"];
                    problems.extend(covers(&old, &body["schema"], &new, other, &at(status)));
                }
            }
        }
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }
}
