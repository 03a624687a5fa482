//! The OpenAPI document: generated from the handlers' types, public, snapshotted, and keeping the
//! constraints that make Schemathesis's generated "valid" requests really valid.

use std::path::PathBuf;

use axum::http::StatusCode;
use serde_json::{Value, json};

use crate::app::TestApp;

const UPDATE: &str = "UPDATE_SNAPSHOTS=1 cargo test -p masteryhub-web --test it openapi";

/// The document as served to anyone, without a token.
async fn served() -> Value {
    let app = TestApp::new().await;
    let response = app.get_anonymous("/api/openapi.json").await;
    assert_eq!(response.status, StatusCode::OK);
    assert!(response.content_type().starts_with("application/json"));
    response.json()
}

/// `value` with every object's keys in order, whatever serde_json's features.
fn sorted(value: Value) -> Value {
    match value {
        Value::Object(map) => {
            let mut entries: Vec<_> = map.into_iter().collect();
            entries.sort_by(|a, b| a.0.cmp(&b.0));
            Value::Object(entries.into_iter().map(|(k, v)| (k, sorted(v))).collect())
        }
        Value::Array(items) => Value::Array(items.into_iter().map(sorted).collect()),
        other => other,
    }
}

/// The served document is the committed `snapshots/openapi.json`: a change to the API's types,
/// parameters or answers shows in review as a change to that file.
#[tokio::test]
async fn the_document_is_its_snapshot() {
    let text = serde_json::to_string_pretty(&sorted(served().await)).expect("JSON") + "\n";
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/it/snapshots/openapi.json");
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&path, &text).expect("snapshot written");
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    if committed != text {
        let line = committed
            .lines()
            .zip(text.lines())
            .position(|(a, b)| a != b)
            .unwrap_or_else(|| committed.lines().count().min(text.lines().count()));
        let show = |s: &str| s.lines().nth(line).unwrap_or("(nothing)").to_owned();
        panic!(
            "the OpenAPI document differs from {} from line {}:\n  committed: {}\n  generated: {}\n\
             If the change is meant, update the snapshot with\n  {UPDATE}\nand commit it.",
            path.display(),
            line + 1,
            show(&committed),
            show(&text),
        );
    }
}

fn operation<'a>(doc: &'a Value, path: &str) -> &'a Value {
    let operation = &doc["paths"][path]["get"];
    assert!(operation.is_object(), "GET {path} is not documented");
    operation
}

fn parameter<'a>(operation: &'a Value, name: &str) -> &'a Value {
    operation["parameters"]
        .as_array()
        .and_then(|ps| ps.iter().find(|p| p["name"] == name))
        .unwrap_or_else(|| panic!("no parameter {name}"))
}

fn schema<'a>(doc: &'a Value, name: &str) -> &'a Value {
    let schema = &doc["components"]["schemas"][name];
    assert!(schema.is_object(), "no schema {name}");
    schema
}

/// What was written by hand before the document was generated, and what Schemathesis needs so
/// that the requests it calls valid are valid: each operation, its parameters' exact schemas,
/// its answers, the required and nullable properties, and the bearer scheme on every operation.
#[tokio::test]
async fn the_document_states_every_constraint() {
    let doc = served().await;
    assert_eq!(doc["openapi"], "3.1.0");
    assert_eq!(doc["info"]["title"], "masteryhub API");
    assert!(
        doc["info"]["description"]
            .as_str()
            .is_some_and(|d| d.contains("application/problem+json"))
    );
    assert_eq!(
        doc["components"]["securitySchemes"]["bearerAuth"],
        json!({"type": "http", "scheme": "bearer",
               "description": "An API token from `masteryhub token create`."})
    );
    assert_eq!(doc["security"], json!([{"bearerAuth": []}]));

    let operations = [
        (
            "/api/v1/schools",
            "searchSchools",
            &["200", "400", "401", "500"][..],
        ),
        (
            "/api/v1/schools/{urn}",
            "getSchool",
            &["200", "400", "401", "404", "500"],
        ),
        (
            "/api/v1/schools/{urn}/eligibility",
            "getEligibility",
            &["200", "400", "401", "500"],
        ),
        ("/api/v1/hubs", "listHubs", &["200", "401", "500"]),
        (
            "/api/v1/hubs/{code}",
            "getHub",
            &["200", "400", "401", "404", "500"],
        ),
    ];
    assert_eq!(
        doc["paths"].as_object().map(|p| p.len()),
        Some(operations.len())
    );
    for (path, id, statuses) in operations {
        let op = operation(&doc, path);
        assert_eq!(op["operationId"], id);
        assert!(op["summary"].is_string(), "{id} has no summary");
        assert_eq!(op["security"], json!([{"bearerAuth": []}]), "{id}");
        let responses = op["responses"].as_object().expect("responses");
        assert_eq!(
            responses.keys().map(String::as_str).collect::<Vec<_>>(),
            statuses,
            "{id}"
        );
        for (status, response) in responses {
            let content = response["content"].as_object().expect("content");
            let media = if status == "200" {
                "application/json"
            } else {
                assert_eq!(
                    content["application/problem+json"]["schema"]["$ref"],
                    "#/components/schemas/Problem",
                    "{id} {status}"
                );
                "application/problem+json"
            };
            assert_eq!(content.keys().collect::<Vec<_>>(), [media], "{id} {status}");
        }
    }

    let urn = json!({"type": "integer", "minimum": 1, "maximum": 99_999_999});
    for path in ["/api/v1/schools/{urn}", "/api/v1/schools/{urn}/eligibility"] {
        let p = parameter(operation(&doc, path), "urn");
        assert_eq!((&p["in"], &p["required"]), (&json!("path"), &json!(true)));
        assert_eq!(p["schema"], urn);
    }
    let code = parameter(operation(&doc, "/api/v1/hubs/{code}"), "code");
    assert_eq!(
        (&code["in"], &code["required"]),
        (&json!("path"), &json!(true))
    );
    assert_eq!(code["schema"], json!({"type": "string"}));

    let search = operation(&doc, "/api/v1/schools");
    let names: Vec<_> = search["parameters"]
        .as_array()
        .expect("parameters")
        .iter()
        .map(|p| p["name"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(
        names,
        [
            "q",
            "state_funded",
            "secondary",
            "open",
            "la",
            "hub",
            "page"
        ]
    );
    for name in names {
        let p = parameter(search, name);
        assert_eq!((&p["in"], &p["required"]), (&json!("query"), &json!(false)));
    }
    let schema_of = |name| parameter(search, name)["schema"].clone();
    assert_eq!(schema_of("q"), json!({"type": "string", "maxLength": 200}));
    for flag in ["state_funded", "secondary", "open"] {
        assert_eq!(
            schema_of(flag),
            json!({"type": "string", "enum": ["true", "false", ""]})
        );
    }
    for code in ["la", "hub"] {
        assert_eq!(
            schema_of(code),
            json!({"type": "string", "pattern": "^[A-Za-z0-9-]{0,20}$"})
        );
    }
    assert_eq!(
        schema_of("page"),
        json!({"type": "integer", "minimum": 1, "maximum": 100_000})
    );

    let eligibility = operation(&doc, "/api/v1/schools/{urn}/eligibility");
    let stage = parameter(eligibility, "stage");
    assert_eq!(
        (&stage["in"], &stage["required"]),
        (&json!("query"), &json!(true))
    );
    assert_eq!(
        stage["schema"],
        json!({"type": "string", "enum": ["preparatory", "development", "embedding",
            "sustaining", "specialist_year_1", "specialist_year_2", "specialist_year_3"]})
    );
    let year = parameter(eligibility, "year");
    assert_eq!(
        (&year["in"], &year["required"]),
        (&json!("query"), &json!(true))
    );
    let years: Vec<String> = (2000..=2098)
        .map(|start| format!("{start}-{:02}", (start + 1) % 100))
        .collect();
    assert_eq!(year["schema"], json!({"type": "string", "enum": years}));

    // Required properties, and which of them may be null.
    let required = |name| schema(&doc, name)["required"].clone();
    assert_eq!(
        required("SchoolItem"),
        json!([
            "urn",
            "name",
            "la_code",
            "la_name",
            "type_of_establishment",
            "phase",
            "state_funded",
            "secondary",
            "open",
            "town",
            "postcode",
            "hub"
        ])
    );
    assert_eq!(
        required("School"),
        json!([
            "urn",
            "name",
            "la_code",
            "la_name",
            "type_of_establishment",
            "type_group",
            "status",
            "phase",
            "statutory_low_age",
            "statutory_high_age",
            "open_date",
            "close_date",
            "state_funded",
            "secondary",
            "open",
            "town",
            "postcode",
            "region",
            "hub",
            "hub_name",
            "hub_overridden",
            "predecessor_urns",
            "successor_urns"
        ])
    );
    assert_eq!(
        required("SchoolList"),
        json!(["total", "page", "per_page", "items"])
    );
    assert_eq!(
        required("HubSummary"),
        json!([
            "code",
            "name",
            "local_authority_count",
            "open_state_funded_secondary"
        ])
    );
    assert_eq!(
        required("Eligibility"),
        json!([
            "urn",
            "stage",
            "academic_year",
            "eligible",
            "reasons",
            "co_requisites"
        ])
    );
    assert_eq!(
        required("Problem"),
        json!(["type", "title", "status", "detail"])
    );
    let property = |name, property: &str| schema(&doc, name)["properties"][property].clone();
    assert_eq!(
        property("SchoolItem", "hub")["type"],
        json!(["string", "null"])
    );
    for (name, kind) in [
        ("statutory_low_age", "integer"),
        ("statutory_high_age", "integer"),
        ("open_date", "string"),
        ("close_date", "string"),
        ("hub", "string"),
        ("hub_name", "string"),
    ] {
        assert_eq!(
            property("School", name)["type"],
            json!([kind, "null"]),
            "{name}"
        );
    }
    assert_eq!(property("School", "open_date")["format"], "date");
    for (name, field, minimum) in [
        ("SchoolList", "total", 0),
        ("SchoolList", "page", 1),
        ("SchoolList", "per_page", 1),
        ("HubSummary", "local_authority_count", 0),
        ("HubSummary", "open_state_funded_secondary", 0),
        ("HubLocalAuthority", "open_state_funded_secondary", 0),
    ] {
        assert_eq!(property(name, field)["minimum"], minimum, "{name}.{field}");
    }
    let hub = schema(&doc, "Hub");
    assert_eq!(hub["allOf"][0]["$ref"], "#/components/schemas/HubSummary");
    assert_eq!(hub["allOf"][1]["required"], json!(["local_authorities"]));
    assert_eq!(
        required("HubLocalAuthority"),
        json!(["code", "name", "open_state_funded_secondary"])
    );
    assert_eq!(
        property("EligibilityReason", "code")["enum"],
        json!([
            "school_not_found",
            "school_closed",
            "not_state_funded",
            "not_secondary",
            "not_a_department_stage",
            "prior_stage_not_completed",
            "stage_already_completed",
            "already_enrolled_this_year"
        ])
    );
    assert_eq!(required("EligibilityReason"), json!(["code", "message"]));
    assert_eq!(required("FieldError"), json!(["field", "message"]));
}
