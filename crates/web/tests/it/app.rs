//! A test application: a fresh database with a small register, and a way to send requests.

use axum::Router;
use axum::body::{Body, to_bytes};
use axum::extract::ConnectInfo;
use axum::http::{HeaderMap, Request, StatusCode};
use masteryhub_domain::{Email, Role, RoleGrant};
use masteryhub_domain::{EstablishmentFacts, Urn};
use masteryhub_store::hubs::HubAssignment;
use masteryhub_store::links_import::{LinkDirection, NewLink};
use masteryhub_store::people::Added;
use masteryhub_store::schools::NewSchool;
use masteryhub_store::testing::TestDb;
use masteryhub_web::auth::{Clock, Token, hash_token};
use masteryhub_web::{AppState, router};
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use time::macros::{date, datetime};
use time::{Duration, OffsetDateTime};
use tokio::sync::Barrier;
use tower::ServiceExt;

pub struct TestApp {
    pub db: TestDb,
    router: Router,
    now: Arc<Mutex<OffsetDateTime>>,
    /// A national admin's session, which `get` uses.
    pub admin: Session,
}

/// A signed-in browser: its session cookie and the session's CSRF token.
#[derive(Debug, Clone)]
pub struct Session {
    pub person_id: i64,
    pub cookie: String,
    pub csrf_token: String,
}

pub struct TestResponse {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
}

impl TestResponse {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).expect("a JSON body")
    }

    pub fn content_type(&self) -> &str {
        self.headers
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }
}

fn school(
    urn: u32,
    name: &str,
    la: (&str, &str),
    kind: &str,
    phase: &str,
    status: &str,
) -> NewSchool {
    let facts = EstablishmentFacts::derive(kind, phase, status);
    NewSchool {
        urn: Urn::parse(&urn.to_string()).expect("valid"),
        name: name.into(),
        la_code: la.0.into(),
        la_name: la.1.into(),
        type_of_establishment: kind.into(),
        type_group: "Academies".into(),
        status: status.into(),
        open_date: Some(date!(2011 - 11 - 01)),
        close_date: None,
        phase: phase.into(),
        statutory_low_age: Some(11),
        statutory_high_age: Some(18),
        town: "Newton Abbot".into(),
        postcode: "TQ13 0EU".into(),
        region: "South West".into(),
        state_funded: facts.state_funded,
        secondary: facts.secondary,
        open: facts.open,
    }
}

pub const DEVON: (&str, &str) = ("878", "Devon");
pub const CAMDEN: (&str, &str) = ("202", "Camden");

impl TestApp {
    /// A register of a few schools in Devon (Jurassic hub) and Camden (London hub), with one
    /// academy conversion, plus 60 primaries to page through.
    pub async fn new() -> Self {
        let db = TestDb::new().await;
        let now = datetime!(2026-11-25 10:00:00 UTC);
        db.db
            .import_hubs(
                &[
                    HubAssignment {
                        hub_code: "JUR".into(),
                        hub_name: "Jurassic Maths Hub".into(),
                        la_code: "878".into(),
                        la_name: "Devon".into(),
                    },
                    HubAssignment {
                        hub_code: "LCW".into(),
                        hub_name: "London Central and West Maths Hub".into(),
                        la_code: "202".into(),
                        la_name: "Camden".into(),
                    },
                ],
                "hubs.csv",
                now,
            )
            .await
            .expect("hubs");
        let mut schools = vec![
            school(
                137666,
                "Chudleigh Knighton Academy",
                DEVON,
                "Academy converter",
                "Secondary",
                "Open",
            ),
            school(
                113393,
                "Chudleigh Knighton Secondary School",
                DEVON,
                "Community school",
                "Secondary",
                "Closed",
            ),
            school(
                100050,
                "Camden School for Girls",
                CAMDEN,
                "Voluntary aided school",
                "Secondary",
                "Open",
            ),
            school(
                100060,
                "Hampstead Independent College",
                CAMDEN,
                "Other independent school",
                "Secondary",
                "Open",
            ),
        ];
        for n in 0..60 {
            schools.push(school(
                120000 + n,
                &format!("Devon Primary {n:02}"),
                DEVON,
                "Academy converter",
                "Primary",
                "Open",
            ));
        }
        let mut import = db.db.begin_school_import("test.csv").await.expect("begin");
        for (i, s) in schools.into_iter().enumerate() {
            import.add(i as u64 + 2, s).await.expect("add");
        }
        import.finish(now).await.expect("import");
        let mut links = db.db.begin_link_import("links.csv").await.expect("begin");
        for (urn, link_urn, kind, direction) in [
            (137666, 113393, "Predecessor", LinkDirection::Predecessor),
            (113393, 137666, "Successor", LinkDirection::Successor),
        ] {
            links
                .add(NewLink {
                    urn,
                    link_urn,
                    link_name: String::new(),
                    link_type: kind.into(),
                    direction,
                    established: Some(date!(2011 - 11 - 01)),
                })
                .await
                .expect("add link");
        }
        links.finish(now).await.expect("links");
        let now = Arc::new(Mutex::new(datetime!(2026-11-25 10:00:00 UTC)));
        let clock_now = Arc::clone(&now);
        let router = router(AppState {
            db: db.db.clone(),
            clock: Clock::new(move || *clock_now.lock().expect("clock")),
            secure_cookies: false,
            base_url: "https://hub.example".into(),
            show_outbox: true,
            trusted_proxies: "10.0.0.0/8".parse().expect("proxies"),
        });
        let admin =
            start_session(&db, "admin@ncetm.example", Role::NationalAdmin, None, None).await;
        Self {
            db,
            router,
            now,
            admin,
        }
    }

    /// Adds a person holding one role (in hub `hub` or school `school`) and starts their session.
    pub async fn session_for(
        &self,
        email: &str,
        role: Role,
        hub: Option<&str>,
        school: Option<u32>,
    ) -> Session {
        start_session(&self.db, email, role, hub, school).await
    }

    /// Moves the application's clock on.
    pub fn advance(&self, by: Duration) {
        *self.now.lock().expect("clock") += by;
    }

    pub fn now(&self) -> OffsetDateTime {
        *self.now.lock().expect("clock")
    }

    /// A GET as the national admin, who may see every page.
    pub async fn get(&self, uri: &str) -> TestResponse {
        self.get_as(uri, &self.admin.cookie).await
    }

    /// A GET from someone not signed in.
    pub async fn get_anonymous(&self, uri: &str) -> TestResponse {
        self.send(Request::get(uri).body(Body::empty()).expect("a request"))
            .await
    }

    /// A GET with extra headers (e.g. `authorization`).
    pub async fn get_with(&self, uri: &str, headers: &[(&str, &str)]) -> TestResponse {
        let mut request = Request::get(uri);
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        self.send(request.body(Body::empty()).expect("a request"))
            .await
    }

    pub async fn get_as(&self, uri: &str, cookie: &str) -> TestResponse {
        let request = Request::get(uri)
            .header("cookie", cookie)
            .body(Body::empty());
        self.send(request.expect("a request")).await
    }

    /// Posts a form, with a session cookie when one is given and any headers a browser adds.
    pub async fn post(
        &self,
        uri: &str,
        form: &str,
        cookie: Option<&str>,
        headers: &[(&str, &str)],
    ) -> TestResponse {
        self.send(form_request(uri, form, cookie, headers)).await
    }

    /// Fills in a form as someone not signed in: opens `page` (which gives the browser its form
    /// cookie and token), then posts `form` to `action` with them.
    pub async fn post_anonymously(&self, page: &str, action: &str, form: &str) -> TestResponse {
        let browser = self.anonymous_browser(page).await;
        self.post_anonymously_from(&browser, action, form, None, &[])
            .await
    }

    /// The form cookie and token a browser not signed in is given on opening `page`.
    pub async fn anonymous_browser(&self, page: &str) -> AnonymousBrowser {
        let opened = self.get_anonymous(page).await;
        let cookie = opened
            .headers
            .get_all("set-cookie")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find(|v| v.starts_with("masteryhub_form="))
            .and_then(|v| v.split(';').next())
            .expect("a form cookie")
            .to_owned();
        AnonymousBrowser {
            cookie,
            token: form_token(&opened.body),
        }
    }

    /// Posts `form` from a browser not signed in, arriving from `peer` (as the server's
    /// listener would tell it) with any extra headers.
    pub async fn post_anonymously_from(
        &self,
        browser: &AnonymousBrowser,
        action: &str,
        form: &str,
        peer: Option<SocketAddr>,
        headers: &[(&str, &str)],
    ) -> TestResponse {
        let form = format!("{form}&csrf_token={}", browser.token);
        let mut request = form_request(action, &form, Some(&browser.cookie), headers);
        if let Some(peer) = peer {
            request.extensions_mut().insert(ConnectInfo(peer));
        }
        self.send(request).await
    }

    /// Posts a form as a signed-in person, with their session's CSRF token.
    pub async fn post_as(&self, session: &Session, action: &str, form: &str) -> TestResponse {
        let form = if form.is_empty() {
            format!("csrf_token={}", session.csrf_token)
        } else {
            format!("{form}&csrf_token={}", session.csrf_token)
        };
        self.post(action, &form, Some(&session.cookie), &[]).await
    }

    /// Posts the same form as `session` `n` times at once: each request on a task of its own
    /// (run the test on a multi-threaded runtime), all held at a barrier until every one is
    /// ready. The responses, in task order.
    pub async fn post_concurrently(
        &self,
        session: &Session,
        action: &str,
        form: &str,
        n: usize,
    ) -> Vec<TestResponse> {
        let form = format!("{form}&csrf_token={}", session.csrf_token);
        let start = Arc::new(Barrier::new(n));
        let tasks: Vec<_> = (0..n)
            .map(|_| {
                let request = Request::post(action)
                    .header("content-type", "application/x-www-form-urlencoded")
                    .header("cookie", &session.cookie)
                    .body(Body::from(form.clone()))
                    .expect("a request");
                let (router, start) = (self.router.clone(), Arc::clone(&start));
                tokio::spawn(async move {
                    start.wait().await;
                    send(router, request).await
                })
            })
            .collect();
        let mut responses = Vec::with_capacity(n);
        for task in tasks {
            responses.push(task.await.expect("the request ran to its end"));
        }
        responses
    }

    async fn send(&self, request: Request<Body>) -> TestResponse {
        send(self.router.clone(), request).await
    }
}

async fn send(router: Router, request: Request<Body>) -> TestResponse {
    let response = router.oneshot(request).await.expect("a response");
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = to_bytes(response.into_body(), 10 << 20)
        .await
        .expect("a body");
    TestResponse {
        status,
        headers,
        body: String::from_utf8(bytes.to_vec()).expect("UTF-8"),
    }
}

async fn start_session(
    db: &TestDb,
    email: &str,
    role: Role,
    hub: Option<&str>,
    school: Option<u32>,
) -> Session {
    let school = school.map(|n| Urn::parse(&n.to_string()).expect("URN"));
    let grant = RoleGrant::new(role, hub, school).expect("grant");
    let email = Email::parse(email).expect("email");
    let at = datetime!(2026-11-25 10:00:00 UTC);
    let person_id = match db
        .db
        .add_person_with_role(&email, "Test Person", &grant, &operator(), at)
        .await
        .expect("add person")
    {
        Added::NewPerson(id) | Added::RoleToExistingPerson(id) | Added::Unchanged(id) => id,
    };
    let token = Token::generate().expect("random");
    let csrf_token = Token::generate().expect("random").as_str().to_owned();
    db.db
        .create_session(&hash_token(token.as_str()), person_id, &csrf_token, at)
        .await
        .expect("session");
    Session {
        person_id,
        cookie: format!("masteryhub_session={}", token.as_str()),
        csrf_token,
    }
}

/// A browser not signed in: its form cookie and the token its forms carry.
#[derive(Debug, Clone)]
pub struct AnonymousBrowser {
    pub cookie: String,
    pub token: String,
}

fn form_request(
    uri: &str,
    form: &str,
    cookie: Option<&str>,
    headers: &[(&str, &str)],
) -> Request<Body> {
    let mut request =
        Request::post(uri).header("content-type", "application/x-www-form-urlencoded");
    if let Some(cookie) = cookie {
        request = request.header("cookie", cookie);
    }
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    request
        .body(Body::from(form.to_owned()))
        .expect("a request")
}

/// The CSRF token a page's forms carry.
pub fn form_token(body: &str) -> String {
    let marker = "name=\"csrf_token\" value=\"";
    let start = body.find(marker).expect("a CSRF field") + marker.len();
    body[start..].split('"').next().expect("a value").to_owned()
}

/// The operator of the tests, for changes made outside the web.
pub fn operator() -> masteryhub_store::audit::Actor {
    masteryhub_store::audit::Actor::command_line("tests")
}
