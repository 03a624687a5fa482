use axum::http::StatusCode;
use serde_json::Value;

use crate::app::TestApp;

#[tokio::test]
async fn search_returns_a_page_of_schools() {
    let app = TestApp::new().await;
    let response = app.get("/api/v1/schools?q=chudleigh").await;
    assert_eq!(response.status, StatusCode::OK);
    assert!(response.content_type().starts_with("application/json"));
    let body = response.json();
    assert_eq!(body["total"], 2);
    assert_eq!(body["page"], 1);
    let first = &body["items"][0];
    assert_eq!(first["urn"], 137666);
    assert_eq!(first["hub"], "JUR");
    assert_eq!(first["state_funded"], true);

    let target = app
        .get("/api/v1/schools?state_funded=true&secondary=true&open=true&hub=LCW")
        .await
        .json();
    assert_eq!(target["total"], 1);
    assert_eq!(target["items"][0]["name"], "Camden School for Girls");
}

#[tokio::test]
async fn a_school_in_full() {
    let app = TestApp::new().await;
    let school = app.get("/api/v1/schools/137666").await;
    assert_eq!(school.status, StatusCode::OK);
    let body = school.json();
    for field in [
        "urn",
        "name",
        "la_name",
        "type_of_establishment",
        "phase",
        "state_funded",
        "secondary",
        "open",
        "town",
        "postcode",
        "hub",
        "predecessor_urns",
        "successor_urns",
    ] {
        assert!(body.get(field).is_some(), "{field} missing");
    }
    assert_eq!(body["predecessor_urns"], serde_json::json!([113393]));
    assert_eq!(body["successor_urns"], serde_json::json!([]));
    assert_eq!(body["open_date"], "2011-11-01");
    assert_eq!(body["la_name"], "Devon");
}

#[tokio::test]
async fn errors_are_problem_documents() {
    let app = TestApp::new().await;
    let missing = app.get("/api/v1/schools/999999").await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert_eq!(missing.content_type(), "application/problem+json");
    assert_eq!(missing.json()["status"], 404);

    let bad = app.get("/api/v1/schools/abc").await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert_eq!(bad.content_type(), "application/problem+json");

    let params = app.get("/api/v1/schools?open=yes&page=-1").await;
    assert_eq!(params.status, StatusCode::BAD_REQUEST);
    let problem = params.json();
    let fields: Vec<&str> = problem["errors"]
        .as_array()
        .expect("errors")
        .iter()
        .filter_map(|e| e["field"].as_str())
        .collect();
    assert_eq!(fields, vec!["open", "page"]);

    let unknown = app.get("/api/v1/nothing").await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    assert_eq!(unknown.content_type(), "application/problem+json");
}

#[tokio::test]
async fn hubs_through_the_api() {
    let app = TestApp::new().await;
    let hubs = app.get("/api/v1/hubs").await.json();
    assert_eq!(hubs.as_array().map(Vec::len), Some(2));
    let hub = app.get("/api/v1/hubs/JUR").await.json();
    assert_eq!(hub["code"], "JUR");
    assert_eq!(hub["open_state_funded_secondary"], 1);
    assert_eq!(hub["local_authorities"][0]["code"], "878");
    assert_eq!(
        app.get("/api/v1/hubs/NOPE").await.status,
        StatusCode::NOT_FOUND
    );
}

/// Every status the API answered in these tests is one the OpenAPI document states for that
/// operation, and every required property of the documented schema is present.
#[tokio::test]
async fn answers_match_the_openapi_document() {
    let app = TestApp::new().await;
    let doc = app.get("/api/openapi.json").await;
    assert_eq!(doc.status, StatusCode::OK);
    let doc = doc.json();
    assert_eq!(doc["openapi"], "3.1.0");
    let cases = [
        ("/api/v1/schools", "/api/v1/schools?q=primary&page=2"),
        ("/api/v1/schools", "/api/v1/schools?open=maybe"),
        ("/api/v1/schools/{urn}", "/api/v1/schools/137666"),
        ("/api/v1/schools/{urn}", "/api/v1/schools/1"),
        ("/api/v1/schools/{urn}", "/api/v1/schools/x"),
        ("/api/v1/hubs", "/api/v1/hubs"),
        ("/api/v1/hubs/{code}", "/api/v1/hubs/LCW"),
        ("/api/v1/hubs/{code}", "/api/v1/hubs/zzz"),
    ];
    let unauthorized = [("authorization", "Bearer revoked-or-unknown")];
    let with_bad_token = [
        ("/api/v1/schools", "/api/v1/schools"),
        ("/api/v1/schools/{urn}", "/api/v1/schools/137666"),
        ("/api/v1/hubs", "/api/v1/hubs"),
        ("/api/v1/hubs/{code}", "/api/v1/hubs/LCW"),
    ];
    let requests = cases
        .iter()
        .map(|case| (case, &[][..]))
        .chain(with_bad_token.iter().map(|case| (case, &unauthorized[..])));
    for ((path, uri), headers) in requests {
        let response = app.get_with(uri, headers).await;
        let status = response.status.as_u16().to_string();
        let documented = &doc["paths"][path]["get"]["responses"][&status];
        assert!(
            documented.is_object(),
            "{uri} answered {status}, which {path} does not document"
        );
        let (media, schema) = documented["content"]
            .as_object()
            .and_then(|c| c.iter().next())
            .expect("content");
        assert!(
            response.content_type().starts_with(media.as_str()),
            "{uri}: {} is not {media}",
            response.content_type()
        );
        let schema = resolve(&doc, schema);
        let body = response.json();
        let object = if schema["type"] == "array" {
            body[0].clone()
        } else {
            body
        };
        let schema = if schema["type"] == "array" {
            resolve(&doc, &schema["items"])
        } else {
            schema
        };
        for required in required_properties(&doc, &schema) {
            assert!(
                object.get(&required).is_some(),
                "{uri}: '{required}' missing"
            );
        }
    }
}

fn resolve(doc: &Value, schema: &Value) -> Value {
    match schema.get("$ref").and_then(Value::as_str) {
        Some(reference) => {
            let name = reference.trim_start_matches("#/components/schemas/");
            doc["components"]["schemas"][name].clone()
        }
        None => schema.clone(),
    }
}

fn required_properties(doc: &Value, schema: &Value) -> Vec<String> {
    let mut required: Vec<String> = schema["required"]
        .as_array()
        .map(|r| {
            r.iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default();
    if let Some(parts) = schema["allOf"].as_array() {
        for part in parts {
            required.extend(required_properties(doc, &resolve(doc, part)));
        }
    }
    required
}
