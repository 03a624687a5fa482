use axum::http::StatusCode;

use crate::app::TestApp;

#[tokio::test]
async fn home_shows_the_register_figures() {
    let app = TestApp::new().await;
    let page = app.get("/").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.content_type().starts_with("text/html"));
    assert!(
        page.body
            .contains("<a href=\"#main-content\" class=\"skip-link\">")
    );
    // 64 establishments; open state-funded secondary: Chudleigh Knighton Academy and Camden School for Girls
    assert!(page.body.contains(">64<"), "{}", page.body);
    assert!(page.body.contains(">2<"));
}

#[tokio::test]
async fn every_page_has_security_headers() {
    let app = TestApp::new().await;
    for uri in [
        "/",
        "/schools",
        "/schools/137666",
        "/hubs",
        "/hubs/JUR",
        "/nope",
        "/api/v1/schools",
    ] {
        let page = app.get(uri).await;
        let csp = page
            .headers
            .get("content-security-policy")
            .expect(uri)
            .to_str()
            .expect("text");
        assert!(
            csp.contains("frame-ancestors 'none'") && !csp.contains("unsafe-inline"),
            "{uri}"
        );
        assert_eq!(
            page.headers
                .get("x-content-type-options")
                .map(|v| v.as_bytes()),
            Some(&b"nosniff"[..])
        );
        assert!(page.headers.get("referrer-policy").is_some(), "{uri}");
    }
}

#[tokio::test]
async fn schools_search_filters_and_pages() {
    let app = TestApp::new().await;
    let page = app.get("/schools?q=chudleigh").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("2 schools"));
    assert!(page.body.contains("href=\"/schools/137666\""));

    let target = app
        .get("/schools?state_funded=true&secondary=true&open=true")
        .await;
    assert!(target.body.contains("2 schools"), "{}", target.body);
    assert!(target.body.contains("Camden School for Girls"));
    assert!(!target.body.contains("Hampstead Independent College"));
    assert!(
        target
            .body
            .contains("<option value=\"true\" selected>State-funded</option>")
    );

    let hub = app.get("/schools?hub=LCW").await;
    assert!(hub.body.contains("2 schools"));
    let la = app.get("/schools?la=878&secondary=false").await;
    assert!(la.body.contains("60 schools"));

    let first = app.get("/schools?q=primary").await;
    assert!(first.body.contains("Page 1 of 2"));
    assert!(
        first
            .body
            .contains("href=\"/schools?q=primary&#38;page=2\""),
        "{}",
        first.body
    );
    let second = app.get("/schools?q=primary&page=2").await;
    assert!(second.body.contains("Devon Primary 59"));
    assert!(
        second
            .body
            .contains("href=\"/schools?q=primary\" rel=\"prev\"")
    );
}

#[tokio::test]
async fn bad_search_parameters_are_named_in_an_error_summary() {
    let app = TestApp::new().await;
    let page = app.get("/schools?state_funded=maybe&page=0").await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST);
    assert!(page.body.contains("There is a problem"));
    assert!(
        page.body
            .contains("href=\"#state_funded\">Select a funding option from the list")
    );
    assert!(
        page.body
            .contains("href=\"#results\">The page number must be")
    );
    // The message also stands beside the field, which points to it.
    assert!(page.body.contains("id=\"state_funded-error\""));
    assert!(
        page.body
            .contains("aria-describedby=\"state_funded-error\"")
    );
    assert!(page.body.contains("<title>Error: Schools"));
}

#[tokio::test]
async fn text_typed_into_the_search_comes_back_escaped() {
    let app = TestApp::new().await;
    for attack in [
        "<script>alert(1)</script>",
        "\"'><img src=x onerror=alert(1)>",
    ] {
        let uri = format!("/schools?q={}", urlencode(attack));
        let page = app.get(&uri).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(!page.body.contains(attack), "{attack} came back unescaped");
        assert!(!page.body.contains("<img src=x"), "{attack}");
        assert!(!page.body.contains("<script>alert"), "{attack}");
    }
}

fn urlencode(text: &str) -> String {
    text.bytes().map(|b| format!("%{b:02X}")).collect()
}

#[tokio::test]
async fn a_school_page_shows_its_hub_and_links_to_its_predecessor() {
    let app = TestApp::new().await;
    let page = app.get("/schools/137666").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Chudleigh Knighton Academy"));
    assert!(page.body.contains("href=\"/hubs/JUR\""));
    assert!(page.body.contains("href=\"/schools/113393\""));
    assert!(page.body.contains("Counts towards the national target"));
    assert!(page.body.contains("1 November 2011"));
    let old = app.get("/schools/113393").await;
    assert!(old.body.contains("Successors"));
    assert!(old.body.contains("href=\"/schools/137666\""));
}

#[tokio::test]
async fn unknown_schools_hubs_and_paths_are_404_pages() {
    let app = TestApp::new().await;
    for uri in [
        "/schools/999999",
        "/schools/abc",
        "/schools/0",
        "/hubs/NOPE",
        "/no/such/page",
    ] {
        let page = app.get(uri).await;
        assert_eq!(page.status, StatusCode::NOT_FOUND, "{uri}");
        assert!(page.body.contains("Page not found"), "{uri}");
    }
}

#[tokio::test]
async fn hubs_show_their_local_authorities_and_school_counts() {
    let app = TestApp::new().await;
    let hubs = app.get("/hubs").await;
    assert_eq!(hubs.status, StatusCode::OK);
    assert!(hubs.body.contains("href=\"/hubs/JUR\""));
    assert!(
        hubs.body
            .contains("2 hubs serve 2 open state-funded secondary schools")
    );
    let jurassic = app.get("/hubs/JUR").await;
    assert!(jurassic.body.contains("Devon"));
    assert!(
        jurassic
            .body
            .contains("Serves 1 open state-funded secondary school in 1 local authority")
    );
}

#[tokio::test]
async fn health_check_and_stylesheet() {
    let app = TestApp::new().await;
    let health = app.get("/healthz").await;
    assert_eq!(
        (health.status, health.body.as_str()),
        (StatusCode::OK, "ok")
    );
    let css = app.get("/assets/app.css").await;
    assert_eq!(css.status, StatusCode::OK);
    assert!(css.content_type().starts_with("text/css"));
    assert!(css.body.contains(".skip-link"));
}

#[tokio::test]
async fn a_schools_history_shows_who_moved_it() {
    let app = TestApp::new().await;
    let empty = app.get("/schools/137666/history").await;
    assert_eq!(empty.status, StatusCode::OK);
    assert!(empty.body.contains("No one has changed this school"));
    let urn = masteryhub_domain::Urn::parse("137666").expect("urn");
    app.db
        .db
        .move_school_to_hub(
            urn,
            "LCW",
            "<script>alert(1)</script>",
            &crate::app::operator(),
            app.now(),
        )
        .await
        .expect("move");
    let history = app.get("/schools/137666/history").await;
    assert!(history.body.contains("moved to another hub"));
    assert!(history.body.contains("command line (tests)"));
    assert!(
        !history.body.contains("<script>alert"),
        "the reason is escaped"
    );
    assert!(
        app.get("/schools/137666")
            .await
            .body
            .contains("href=\"/schools/137666/history\"")
    );
    assert_eq!(
        app.get("/schools/999999/history").await.status,
        StatusCode::NOT_FOUND
    );
}
