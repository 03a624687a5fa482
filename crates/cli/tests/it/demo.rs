//! `demo`: the pathway the demo makes, as the people who walk it need it.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use masteryhub_domain::pathway::eligibility::{EligibilityQuery, eligibility};
use masteryhub_domain::pathway::{ApplicationStatus, Stage};
use masteryhub_domain::{AcademicYear, EstablishmentFacts, Urn};
use masteryhub_store::schools::SchoolQuery;

use crate::cli::{BIN, Workspace};

/// Runs `demo --scale hub` until it serves, then stops it; gives what it printed.
fn run_demo(w: &Workspace) -> Vec<String> {
    let mut child = Command::new(BIN)
        .current_dir(&w.folder)
        .arg("--database-url")
        .arg(&w.db.url)
        .args(["--mail-dir", "mail", "demo", "--scale", "hub"])
        .args([
            "--addr",
            "127.0.0.1:0",
            "--demo-password",
            "demo-password-1",
        ])
        .env("RUST_LOG", "warn")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start the demo");
    let stdout = child.stdout.take().expect("stdout");
    let mut lines = Vec::new();
    for line in BufReader::new(stdout).lines() {
        let line = line.expect("a line");
        let serving = line.contains("is running at");
        lines.push(line);
        if serving {
            break;
        }
    }
    let _ = child.kill();
    let _ = child.wait();
    lines
}

#[tokio::test]
async fn the_demo_hub_has_history_work_groups_and_applications_in_every_status() {
    let w = Workspace::new().await;
    let lines = run_demo(&w);
    let summary = lines
        .iter()
        .find(|l| l.starts_with("Pathway demo ready"))
        .unwrap_or_else(|| panic!("no pathway summary in {lines:#?}"));
    assert!(summary.contains("applications for 2026/27"), "{summary}");
    let db = &w.db.db;
    let next = AcademicYear::parse("2026/27").expect("year");
    let current = AcademicYear::parse("2025/26").expect("year");

    // Work Groups for both years, the demo Work Group Lead leading some.
    // Specialists: three accepted (started 2022/23, 2024/25 and 2026/27), one waiting, one
    // declined.
    let specialists = db.hub_specialists("LCW").await.expect("specialists");
    let started: Vec<&str> = specialists
        .iter()
        .map(|s| s.started_year.as_str())
        .collect();
    assert_eq!(specialists.len(), 3, "{started:?}");
    for year in ["2022/23", "2024/25", "2026/27"] {
        assert!(started.contains(&year), "{started:?}");
    }
    let nominations = db
        .hub_specialist_applications("LCW")
        .await
        .expect("nominations");
    let statuses: Vec<&str> = nominations.iter().map(|n| n.status.as_str()).collect();
    for status in ["accepted", "submitted", "declined"] {
        assert!(statuses.contains(&status), "{statuses:?}");
    }
    let running = db.work_groups("LCW", current).await.expect("groups");
    let recruiting = db.work_groups("LCW", next).await.expect("groups");
    assert!(running.iter().all(|g| g.status == "running") && !running.is_empty());
    assert!(recruiting.iter().all(|g| g.status == "recruiting"));
    let stages: Vec<&str> = recruiting.iter().map(|g| g.stage.as_str()).collect();
    for stage in ["preparatory", "development", "embedding", "sustaining"] {
        assert!(
            stages.contains(&stage),
            "no {stage} Work Group in {stages:?}"
        );
    }
    assert!(
        running
            .iter()
            .chain(&recruiting)
            .any(|g| g.lead_name.as_deref() == Some("Demo work group lead")),
        "the demo Work Group Lead leads some"
    );
    assert!(running.iter().any(|g| g.members > 0));

    // Applications for 2026/27 in every status.
    let query = SchoolQuery {
        hub_code: Some("LCW".into()),
        ..SchoolQuery::default()
    };
    let schools = db.search_schools(&query, 1, 500).await.expect("schools");
    let mut statuses = std::collections::BTreeSet::new();
    for school in &schools.items {
        for app in db.school_applications(school.urn).await.expect("apps") {
            if app.academic_year == "2026/27" {
                statuses.insert(app.status.clone());
                if app.status == "declined" {
                    assert!(app.decision_reason.is_some(), "a decline gives its reason");
                }
            }
        }
    }
    for status in ApplicationStatus::ALL {
        assert!(
            statuses.contains(status.as_str()),
            "no {status} application"
        );
    }

    // The demo school: a submitted application for the hub lead, and a stage it may apply for.
    let place = lines
        .iter()
        .find(|l| l.trim_start().starts_with("head-of-maths"))
        .expect("the head of maths' account");
    let urn = place
        .rsplit("URN ")
        .next()
        .and_then(|u| u.strip_suffix(')'))
        .and_then(|u| Urn::parse(u).ok())
        .unwrap_or_else(|| panic!("no URN in {place}"));
    let own = db.school_applications(i64::from(urn)).await.expect("apps");
    assert!(
        own.iter()
            .any(|a| a.status == "submitted" && a.academic_year == "2026/27"),
        "{own:?}"
    );
    assert!(
        db.hub_applications("LCW", next)
            .await
            .expect("hub")
            .iter()
            .any(|a| a.urn == i64::from(urn) && a.status == "submitted")
    );
    let record = db
        .school(urn)
        .await
        .expect("school")
        .expect("exists")
        .record;
    let history = db.department_history(urn).await.expect("history");
    let catalogue = db.programmes(next).await.expect("catalogue");
    let facts = EstablishmentFacts {
        state_funded: record.state_funded,
        secondary: record.secondary,
        open: record.open,
    };
    let answer = eligibility(&EligibilityQuery {
        school: Some(facts),
        stage: Stage::Embedding,
        academic_year: next,
        history: &history,
        catalogue: &catalogue,
    });
    assert!(answer.is_eligible(), "{:?}", answer.codes());
    assert!(
        own.iter().all(|a| a.stage != "embedding"),
        "no application for Embedding yet: the school may make one"
    );
    assert_eq!(answer.co_requisites(), ["NCP21-14"]);
    assert!(
        recruiting
            .iter()
            .any(|g| g.programme_code == "NCP21-13" && g.members < i64::from(g.capacity))
            && recruiting
                .iter()
                .any(|g| g.programme_code == "NCP21-14" && g.members < i64::from(g.capacity)),
        "room for it in both Work Groups"
    );

    // History elsewhere too.
    let hubs_with_history = summary
        .split(" departments in ")
        .nth(1)
        .and_then(|rest| rest.split(' ').next())
        .and_then(|n| n.parse::<u32>().ok())
        .unwrap_or(0);
    assert!(hubs_with_history > 10, "{summary}");
}
