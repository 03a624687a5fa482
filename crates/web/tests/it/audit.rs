//! The audit trail and history pages, as seen by people who may not see people: every email
//! address, and the names in records about people, withheld.

use masteryhub_domain::{Role, Urn};

use crate::app::{TestApp, operator};
use crate::fixtures::{self, Pathway};

/// Personal data the trail holds after the set-up below.
const PERSONAL: [&str; 9] = [
    // People added with a role (their records hold their address and name).
    "viewer@ncetm.example",
    "lead@jur.example",
    // An application's Mastery Advocates and senior leader.
    "ann@school.example",
    "bo@school.example",
    "Ann Advocate",
    "Bo Advocate",
    "Sam Senior",
    // A nominated teacher.
    "Tess Teacher",
    // An address in a free-text reason.
    "jo.bloggs@school.example",
];

#[tokio::test]
async fn people_who_may_not_see_people_see_the_trail_with_personal_data_withheld() {
    let app = TestApp::new().await;
    let fx = Pathway::new(&app).await;
    let viewer = app
        .session_for("viewer@ncetm.example", Role::NationalViewer, None, None)
        .await;
    let lead = app
        .session_for("lead@jur.example", Role::HubLead, Some("JUR"), None)
        .await;
    fx.complete_draft(137666, fixtures::year(2027)).await;
    fx.nomination(137666).await;
    let camden = Urn::parse("100050").expect("URN");
    app.db
        .db
        .move_school_to_hub(
            camden,
            "JUR",
            "Asked for by jo.bloggs@school.example",
            &operator(),
            app.now(),
        )
        .await
        .expect("move");

    // A national admin sees it all.
    let full = app.get("/admin/audit").await;
    assert_eq!(full.status, 200);
    for text in PERSONAL {
        assert!(full.body.contains(text), "admins see {text}");
    }
    assert!(full.body.contains("href=\"/admin/people/"));

    // A national viewer sees the trail without it, and no links to People pages.
    for path in [
        "/admin/audit",
        "/admin/audit?record_type=person",
        "/admin/audit?record_type=application",
    ] {
        let page = app.get_as(path, &viewer.cookie).await;
        assert_eq!(page.status, 200, "{path}");
        for text in PERSONAL {
            assert!(!page.body.contains(text), "{path} shows {text}");
        }
        assert!(page.body.contains("withheld"), "{path}: {}", page.body);
        assert!(!page.body.contains("href=\"/admin/people/"), "{path}");
    }
    let audit = app.get_as("/admin/audit", &viewer.cookie).await;
    for kept in [
        "draft saved",
        "Asked for by",
        "moved to another hub",
        "2027/28",
    ] {
        assert!(audit.body.contains(kept), "{kept} is not personal");
    }

    // So do the history pages, for the viewer and for the hub lead.
    for who in [&viewer, &lead] {
        let page = app.get_as("/schools/100050/history", &who.cookie).await;
        assert_eq!(page.status, 200);
        assert!(page.body.contains("Asked for by"));
        assert!(!page.body.contains("jo.bloggs@school.example"));
        assert!(page.body.contains("withheld"));
        assert_eq!(
            app.get_as("/hubs/JUR/history", &who.cookie).await.status,
            200
        );
    }
    let admin_history = app.get("/schools/100050/history").await;
    assert!(admin_history.body.contains("jo.bloggs@school.example"));
}
