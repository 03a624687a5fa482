//! The OpenAPI document as it was written by hand before it was generated, kept while the two are
//! compared (see `openapi::tests`).

use serde_json::{Value, json};

fn problem_response(description: &str) -> Value {
    json!({
        "description": description,
        "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}
    })
}

/// Every academic year the service covers, as addresses write them: `2000-01` to `2098-99`.
fn academic_years() -> Vec<String> {
    (2000..=2098)
        .map(|start| format!("{start}-{:02}", (start + 1) % 100))
        .collect()
}

fn bool_filter(name: &str, description: &str) -> Value {
    json!({
        "name": name, "in": "query", "required": false, "description": description,
        "schema": {"type": "string", "enum": ["true", "false", ""]}
    })
}

fn nullable(kind: &str) -> Value {
    json!({"type": [kind, "null"]})
}

/// The document.
pub fn document() -> Value {
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "masteryhub API",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "The school register, Maths Hubs and the Secondary Teaching for Mastery programme. Errors are application/problem+json (RFC 9457). An integration sends an API token (made with `masteryhub token create`) as `Authorization: Bearer TOKEN` and acts with its person's roles: a national role sees every school and hub, a hub role its own hub and its schools, a school role its own school. A school or hub outside the token's reach is answered 404, exactly as one that does not exist, and lists leave it out."
        },
        "security": [{"bearerAuth": []}],
        "paths": paths(),
        "components": components()
    })
}

fn paths() -> Value {
    let bad_request = problem_response("A parameter is invalid; `errors` names each one.");
    let not_found = problem_response(
        "No such resource, or one outside the token's reach: the two are answered alike.",
    );
    let unauthorized =
        problem_response("No bearer token was sent, or it is not valid (unknown or revoked).");
    json!({
        "/api/v1/schools": {
            "get": {
                "operationId": "searchSchools",
                "summary": "Search the school register",
                "parameters": [
                    {"name": "q", "in": "query", "required": false,
                     "description": "Part of the name, URN, town or postcode, in any case (at most 200 characters).",
                     "schema": {"type": "string", "maxLength": 200}},
                    bool_filter("state_funded", "Only state-funded (true) or only not state-funded (false) schools; empty for any."),
                    bool_filter("secondary", "Only schools teaching Key Stage 3 and 4 (true) or only others (false); empty for any."),
                    bool_filter("open", "Only open (true) or only closed (false) schools; empty for any."),
                    {"name": "la", "in": "query", "required": false, "description": "Local authority code, e.g. 202.",
                     "schema": {"type": "string", "pattern": "^[A-Za-z0-9-]{0,20}$"}},
                    {"name": "hub", "in": "query", "required": false, "description": "Maths Hub code.",
                     "schema": {"type": "string", "pattern": "^[A-Za-z0-9-]{0,20}$"}},
                    {"name": "page", "in": "query", "required": false, "description": "Page number, from 1; 50 schools a page.",
                     "schema": {"type": "integer", "minimum": 1, "maximum": 100000}}
                ],
                "responses": {
                    "200": {"description": "One page of schools, ordered by name.",
                            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/SchoolList"}}}},
                    "400": bad_request,
                    "401": unauthorized
                }
            }
        },
        "/api/v1/schools/{urn}": {
            "get": {
                "operationId": "getSchool",
                "summary": "One school, with its hub and register links",
                "parameters": [
                    {"name": "urn", "in": "path", "required": true, "description": "Unique Reference Number.",
                     "schema": {"type": "integer", "minimum": 1, "maximum": 99999999}}
                ],
                "responses": {
                    "200": {"description": "The school.",
                            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/School"}}}},
                    "400": bad_request,
                    "401": unauthorized,
                    "404": not_found
                }
            }
        },
        "/api/v1/schools/{urn}/eligibility": {
            "get": {
                "operationId": "getEligibility",
                "summary": "Whether a school's maths department may join a stage in an academic year, with every reason against",
                "description": "The department's history counts its predecessor schools' years (academy conversions) exactly as its own. A school not in the register, or outside the token's reach, is answered eligible: false with the reason school_not_found.",
                "parameters": [
                    {"name": "urn", "in": "path", "required": true, "description": "The school's URN.",
                     "schema": {"type": "integer", "minimum": 1, "maximum": 99_999_999}},
                    {"name": "stage", "in": "query", "required": true, "description": "The stage asked about.",
                     "schema": {"type": "string", "enum": ["preparatory", "development", "embedding", "sustaining", "specialist_year_1", "specialist_year_2", "specialist_year_3"]}},
                    {"name": "year", "in": "query", "required": true, "description": "The academic year, like 2025-26 (2025/26 is read too): from 2000-01 to 2098-99.",
                     "schema": {"type": "string", "enum": academic_years()}}
                ],
                "responses": {
                    "200": {"description": "The answer.",
                            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Eligibility"}}}},
                    "400": bad_request,
                    "401": unauthorized
                }
            }
        },
        "/api/v1/hubs": {
            "get": {
                "operationId": "listHubs",
                "summary": "Every Maths Hub with its figures",
                "responses": {
                    "200": {"description": "The hubs, by name.",
                            "content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/HubSummary"}}}}},
                    "401": unauthorized
                }
            }
        },
        "/api/v1/hubs/{code}": {
            "get": {
                "operationId": "getHub",
                "summary": "One Maths Hub with the local authorities it serves",
                "parameters": [
                    {"name": "code", "in": "path", "required": true, "description": "Hub code.", "schema": {"type": "string"}}
                ],
                "responses": {
                    "200": {"description": "The hub.",
                            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Hub"}}}},
                    "400": bad_request,
                    "401": unauthorized,
                    "404": not_found
                }
            }
        }
    })
}

fn components() -> Value {
    json!({
        "securitySchemes": {
            "bearerAuth": {"type": "http", "scheme": "bearer", "description": "An API token from `masteryhub token create`."}
        },
        "schemas": {
            "Eligibility": {
                "type": "object",
                "required": ["urn", "stage", "academic_year", "eligible", "reasons", "co_requisites"],
                "properties": {
                    "urn": {"type": "integer"},
                    "stage": {"type": "string"},
                    "academic_year": {"type": "string", "description": "Like 2025/26."},
                    "eligible": {"type": "boolean"},
                    "reasons": {"type": "array", "items": {
                        "type": "object", "required": ["code", "message"],
                        "properties": {
                            "code": {"type": "string", "enum": ["school_not_found", "school_closed", "not_state_funded", "not_secondary", "not_a_department_stage", "prior_stage_not_completed", "stage_already_completed", "already_enrolled_this_year"]},
                            "message": {"type": "string"}
                        }
                    }},
                    "co_requisites": {"type": "array", "items": {"type": "string"},
                                      "description": "Codes of programmes the department must join too (Embedding: NCP21-14)."}
                }
            },
            "Problem": {
                "type": "object",
                "required": ["type", "title", "status", "detail"],
                "properties": {
                    "type": {"type": "string"},
                    "title": {"type": "string"},
                    "status": {"type": "integer"},
                    "detail": {"type": "string"},
                    "errors": {"type": "array", "items": {
                        "type": "object", "required": ["field", "message"],
                        "properties": {"field": {"type": "string"}, "message": {"type": "string"}}
                    }}
                }
            },
            "SchoolItem": {
                "type": "object",
                "required": ["urn", "name", "la_code", "la_name", "type_of_establishment", "phase",
                             "state_funded", "secondary", "open", "town", "postcode", "hub"],
                "properties": {
                    "urn": {"type": "integer"},
                    "name": {"type": "string"},
                    "la_code": {"type": "string"},
                    "la_name": {"type": "string"},
                    "type_of_establishment": {"type": "string"},
                    "phase": {"type": "string"},
                    "state_funded": {"type": "boolean"},
                    "secondary": {"type": "boolean", "description": "Teaches Key Stage 3 and 4."},
                    "open": {"type": "boolean"},
                    "town": {"type": "string"},
                    "postcode": {"type": "string"},
                    "hub": nullable("string")
                }
            },
            "SchoolList": {
                "type": "object",
                "required": ["total", "page", "per_page", "items"],
                "properties": {
                    "total": {"type": "integer", "minimum": 0},
                    "page": {"type": "integer", "minimum": 1},
                    "per_page": {"type": "integer", "minimum": 1},
                    "items": {"type": "array", "items": {"$ref": "#/components/schemas/SchoolItem"}}
                }
            },
            "School": {
                "type": "object",
                "required": ["urn", "name", "la_code", "la_name", "type_of_establishment", "type_group",
                             "status", "phase", "statutory_low_age", "statutory_high_age", "open_date",
                             "close_date", "state_funded", "secondary", "open", "town", "postcode", "region",
                             "hub", "hub_name", "hub_overridden", "predecessor_urns", "successor_urns"],
                "properties": {
                    "urn": {"type": "integer"},
                    "name": {"type": "string"},
                    "la_code": {"type": "string"},
                    "la_name": {"type": "string"},
                    "type_of_establishment": {"type": "string"},
                    "type_group": {"type": "string"},
                    "status": {"type": "string"},
                    "phase": {"type": "string"},
                    "statutory_low_age": nullable("integer"),
                    "statutory_high_age": nullable("integer"),
                    "open_date": {"type": ["string", "null"], "format": "date"},
                    "close_date": {"type": ["string", "null"], "format": "date"},
                    "state_funded": {"type": "boolean"},
                    "secondary": {"type": "boolean"},
                    "open": {"type": "boolean"},
                    "town": {"type": "string"},
                    "postcode": {"type": "string"},
                    "region": {"type": "string"},
                    "hub": nullable("string"),
                    "hub_name": nullable("string"),
                    "hub_overridden": {"type": "boolean", "description": "A hub lead moved the school away from the hub serving its local authority."},
                    "predecessor_urns": {"type": "array", "items": {"type": "integer"}},
                    "successor_urns": {"type": "array", "items": {"type": "integer"}}
                }
            },
            "HubSummary": {
                "type": "object",
                "required": ["code", "name", "local_authority_count", "open_state_funded_secondary"],
                "properties": {
                    "code": {"type": "string"},
                    "name": {"type": "string"},
                    "local_authority_count": {"type": "integer", "minimum": 0},
                    "open_state_funded_secondary": {"type": "integer", "minimum": 0}
                }
            },
            "Hub": {
                "allOf": [
                    {"$ref": "#/components/schemas/HubSummary"},
                    {"type": "object", "required": ["local_authorities"], "properties": {
                        "local_authorities": {"type": "array", "items": {
                            "type": "object",
                            "required": ["code", "name", "open_state_funded_secondary"],
                            "properties": {
                                "code": {"type": "string"},
                                "name": {"type": "string"},
                                "open_state_funded_secondary": {"type": "integer", "minimum": 0}
                            }
                        }}
                    }}
                ]
            }
        }
    })
}
