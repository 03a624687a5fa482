use crate::cli::Workspace;

#[tokio::test]
async fn user_add_makes_people_with_scoped_roles_and_refuses_bad_ones() {
    let w = Workspace::new().await;
    w.import_one_school();
    let hubs = w.file(
        "hubs.csv",
        b"hub_code,hub_name,la_code\nJUR,Jurassic Maths Hub,878\n",
    );
    assert!(
        w.run(&["import-hubs", hubs.to_str().expect("path")])
            .success
    );

    let admin = w.run(&[
        "user",
        "add",
        "--email",
        "Ada@NCETM.example",
        "--name",
        "Ada Admin",
        "--role",
        "national-admin",
    ]);
    assert!(admin.success, "{}", admin.stderr);
    assert!(
        admin
            .stdout
            .contains("Added Ada Admin <Ada@NCETM.example> as National admin"),
        "{}",
        admin.stdout
    );
    let head = w.run(&[
        "user",
        "add",
        "--email",
        "ada@ncetm.example",
        "--name",
        "Ada Admin",
        "--role",
        "head-of-maths",
        "--school",
        "137666",
    ]);
    assert!(
        head.stdout.contains("is now also Head of maths"),
        "{}",
        head.stdout
    );
    let lead = w.run(&[
        "user",
        "add",
        "--email",
        "hl@jurassic.example",
        "--name",
        "Hal Lead",
        "--role",
        "hub-lead",
        "--hub",
        "JUR",
    ]);
    assert!(lead.success, "{}", lead.stderr);

    for (args, expected) in [
        (vec!["--role", "admin"], "'admin' is not a role"),
        (vec!["--role", "hub-lead"], "give the hub"),
        (
            vec!["--role", "hub-lead", "--hub", "NOPE"],
            "no hub with code 'NOPE'",
        ),
        (vec!["--role", "teacher", "--school", "12x"], "not a URN"),
        (
            vec!["--role", "teacher", "--school", "999999"],
            "no school with URN 999999",
        ),
        (
            vec!["--role", "national-viewer", "--hub", "JUR"],
            "give no hub",
        ),
    ] {
        let mut all = vec![
            "user",
            "add",
            "--email",
            "new@x.example",
            "--name",
            "New Person",
        ];
        all.extend(args);
        let run = w.run(&all);
        assert!(!run.success, "{all:?} was accepted");
        assert!(
            run.stderr.contains(expected),
            "{all:?}: '{expected}' missing from {}",
            run.stderr
        );
    }
    let bad_email = w.run(&[
        "user",
        "add",
        "--email",
        "not-an-email",
        "--name",
        "X",
        "--role",
        "teacher",
        "--school",
        "137666",
    ]);
    assert!(
        bad_email
            .stderr
            .contains("'not-an-email' is not an email address"),
        "{}",
        bad_email.stderr
    );
    let email = masteryhub_domain::Email::parse("new@x.example").expect("valid");
    assert!(
        w.db.db
            .person_by_email(&email)
            .await
            .expect("read")
            .is_none(),
        "nothing half-made"
    );
}

#[tokio::test]
async fn token_create_prints_the_token_alone_and_list_and_revoke_manage_it() {
    let w = Workspace::new().await;
    let add = w.run(&[
        "user",
        "add",
        "--email",
        "vera@ncetm.example",
        "--name",
        "Vera Viewer",
        "--role",
        "national-viewer",
    ]);
    assert!(add.success, "{}", add.stderr);
    let created = w.run(&[
        "token",
        "create",
        "--email",
        "VERA@ncetm.example",
        "--label",
        "CRM export",
    ]);
    assert!(created.success, "{}", created.stderr);
    let token = created.stdout.trim();
    assert_eq!(
        created.stdout,
        format!("{token}\n"),
        "only the token, on one line"
    );
    assert_eq!(token.len(), 64);
    let hash = masteryhub_web::auth::hash_token(token);
    let now = time::OffsetDateTime::UNIX_EPOCH + time::Duration::days(20_000);
    assert!(
        w.db.db
            .api_token_person(&hash, now)
            .await
            .expect("read")
            .is_some(),
        "stored by its hash"
    );

    let listed = w.run(&["token", "list", "--email", "vera@ncetm.example"]);
    assert!(listed.stdout.contains("CRM export"), "{}", listed.stdout);
    assert!(
        !listed.stdout.contains(token),
        "a list never shows the secret"
    );
    let id = listed
        .stdout
        .split_whitespace()
        .next()
        .expect("an id")
        .to_owned();
    let revoked = w.run(&[
        "token",
        "revoke",
        "--email",
        "vera@ncetm.example",
        "--id",
        &id,
    ]);
    assert!(revoked.success, "{}", revoked.stderr);
    assert!(
        w.db.db
            .api_token_person(&hash, now)
            .await
            .expect("read")
            .is_none()
    );
    let again = w.run(&[
        "token",
        "revoke",
        "--email",
        "vera@ncetm.example",
        "--id",
        &id,
    ]);
    assert!(!again.success);

    let nobody = w.run(&[
        "token",
        "create",
        "--email",
        "nobody@x.example",
        "--label",
        "x",
    ]);
    assert!(!nobody.success);
    assert!(
        nobody
            .stderr
            .contains("no person with the email address nobody@x.example"),
        "{}",
        nobody.stderr
    );
}

#[tokio::test]
async fn a_person_can_be_exported_then_erased_keeping_their_history_anonymous() {
    let w = Workspace::new().await;
    w.import_one_school();
    let add = w.run(&[
        "user",
        "add",
        "--email",
        "eve@school.example",
        "--name",
        "Eve Example",
        "--role",
        "head-of-maths",
        "--school",
        "137666",
    ]);
    assert!(add.success, "{}", add.stderr);
    assert!(
        w.run(&[
            "token",
            "create",
            "--email",
            "eve@school.example",
            "--label",
            "spreadsheet"
        ])
        .success
    );

    let export = w.run(&["user", "export", "--email", "EVE@school.example"]);
    assert!(export.success, "{}", export.stderr);
    let data: serde_json::Value = serde_json::from_str(&export.stdout).expect("JSON");
    assert_eq!(data["email"], "eve@school.example");
    assert_eq!(data["name"], "Eve Example");
    assert_eq!(data["roles"][0]["role"], "head-of-maths");
    assert_eq!(data["api_tokens"][0]["label"], "spreadsheet");
    assert!(
        data["history"].as_array().is_some_and(|h| h.len() == 2),
        "added, token made"
    );
    let id = data["person_id"].as_i64().expect("id");

    let unconfirmed = w.run(&["user", "erase", "--email", "eve@school.example"]);
    assert!(!unconfirmed.success);
    assert!(unconfirmed.stderr.contains("--confirm"));
    let erased = w.run(&[
        "user",
        "erase",
        "--email",
        "eve@school.example",
        "--confirm",
    ]);
    assert!(erased.success, "{}", erased.stderr);

    let email = masteryhub_domain::Email::parse("eve@school.example").expect("valid");
    assert!(
        w.db.db
            .person_by_email(&email)
            .await
            .expect("read")
            .is_none(),
        "the address is gone"
    );
    let after =
        w.db.db
            .export_person(id)
            .await
            .expect("read")
            .expect("the record stays");
    let text = serde_json::to_string(&after).expect("JSON");
    assert!(
        !text.contains("Eve") && !text.contains("eve@"),
        "nothing personal remains: {text}"
    );
    assert!(after.roles.is_empty() && after.api_tokens.is_empty() && !after.has_password);
    let actions: Vec<_> = after.history.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(
        actions,
        vec!["added with a role", "API token made", "erased"]
    );
}

#[tokio::test]
async fn user_add_and_token_create_refuse_broken_names_labels_and_addresses() {
    let w = Workspace::new().await;
    for (email, name, says) in [
        ("ann@school.example", "Ann\nSmith", "--name"),
        ("ann@school.example", "Ann\tSmith", "must be on one line"),
        ("\"><svg/onload=alert(3)>@x.example", "Ann Smith", "--email"),
    ] {
        let run = w.run(&[
            "user",
            "add",
            "--email",
            email,
            "--name",
            name,
            "--role",
            "national-viewer",
        ]);
        assert!(!run.success, "{name:?} {email:?}");
        assert!(run.stderr.contains(says), "{}", run.stderr);
    }
    let ann = w.run(&[
        "user",
        "add",
        "--email",
        "ann@school.example",
        "--name",
        "Ann Smith",
        "--role",
        "national-viewer",
    ]);
    assert!(ann.success, "{}", ann.stderr);
    let label = w.run(&[
        "token",
        "create",
        "--email",
        "ann@school.example",
        "--label",
        "CRM\r\nexport",
    ]);
    assert!(!label.success);
    assert!(label.stderr.contains("--label"), "{}", label.stderr);
    assert!(
        label.stderr.contains("must be on one line"),
        "{}",
        label.stderr
    );
}
