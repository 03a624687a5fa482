use masteryhub_domain::{Email, Role, RoleGrant};
use masteryhub_store::people::Added;
use masteryhub_store::testing::TestDb;

use crate::support::{NOW, assignment, import, operator, school, urn};

fn email(text: &str) -> Email {
    Email::parse(text).expect("valid email")
}

#[tokio::test]
async fn a_person_is_one_per_address_whatever_its_case_and_gathers_roles() {
    let t = TestDb::new().await;
    import(&t.db, &[school(137666, "Chudleigh Knighton Academy")]).await;
    t.db.import_hubs(
        &[assignment("JUR", "Jurassic", "878", "Devon")],
        "h.csv",
        NOW,
    )
    .await
    .expect("hubs");
    let lead = RoleGrant::new(Role::HubLead, Some("JUR"), None).expect("grant");
    let added =
        t.db.add_person_with_role(
            &email("Ann.Lead@Hub.example"),
            "Ann Lead",
            &lead,
            &operator(),
            NOW,
        )
        .await
        .expect("add");
    let Added::NewPerson(id) = added else {
        panic!("expected a new person, got {added:?}")
    };

    let again =
        t.db.add_person_with_role(
            &email("ann.lead@hub.example"),
            "Ann Lead",
            &lead,
            &operator(),
            NOW,
        )
        .await
        .expect("add again");
    assert_eq!(again, Added::Unchanged(id));

    let head = RoleGrant::new(Role::HeadOfMaths, None, Some(urn(137666))).expect("grant");
    let more =
        t.db.add_person_with_role(
            &email("ANN.LEAD@HUB.EXAMPLE"),
            "Ann Lead",
            &head,
            &operator(),
            NOW,
        )
        .await
        .expect("add a role");
    assert_eq!(more, Added::RoleToExistingPerson(id));

    let person =
        t.db.person_by_email(&email("ann.lead@hub.EXAMPLE"))
            .await
            .expect("read")
            .expect("exists");
    assert_eq!(person.email, "Ann.Lead@Hub.example", "kept as first given");
    assert_eq!(person.name, "Ann Lead");
    assert_eq!(person.roles.len(), 2);
    assert!(person.roles.contains(&lead) && person.roles.contains(&head));
    assert!(
        t.db.person_by_email(&email("nobody@hub.example"))
            .await
            .expect("read")
            .is_none()
    );
}

#[tokio::test]
async fn roles_in_unknown_hubs_or_schools_and_nameless_people_are_refused() {
    let t = TestDb::new().await;
    let cases = [
        RoleGrant::new(Role::HubLead, Some("NOPE"), None).expect("grant"),
        RoleGrant::new(Role::Teacher, None, Some(urn(999999))).expect("grant"),
    ];
    for grant in &cases {
        let refused =
            t.db.add_person_with_role(&email("x@y.example"), "X", grant, &operator(), NOW)
                .await;
        assert!(refused.is_err(), "{grant:?}");
    }
    let admin = RoleGrant::new(Role::NationalAdmin, None, None).expect("grant");
    let nameless =
        t.db.add_person_with_role(&email("x@y.example"), "  ", &admin, &operator(), NOW)
            .await;
    assert!(nameless.expect_err("refused").to_string().contains("name"));
    assert!(
        t.db.person_by_email(&email("x@y.example"))
            .await
            .expect("read")
            .is_none()
    );
}
