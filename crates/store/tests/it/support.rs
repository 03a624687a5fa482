use masteryhub_domain::{EstablishmentFacts, Urn};
use masteryhub_store::Db;
use masteryhub_store::hubs::HubAssignment;
use masteryhub_store::register_import::ImportSummary;
use masteryhub_store::schools::NewSchool;
use time::OffsetDateTime;
use time::macros::{date, datetime};

pub const NOW: OffsetDateTime = datetime!(2026-11-25 10:00:00 UTC);

pub fn urn(n: u32) -> Urn {
    Urn::parse(&n.to_string()).expect("valid URN")
}

/// An open state-funded secondary academy in Camden.
pub fn school(n: u32, name: &str) -> NewSchool {
    let (kind, phase, status) = ("Academy converter", "Secondary", "Open");
    let facts = EstablishmentFacts::derive(kind, phase, status);
    NewSchool {
        urn: urn(n),
        name: name.to_owned(),
        la_code: "202".into(),
        la_name: "Camden".into(),
        type_of_establishment: kind.into(),
        type_group: "Academies".into(),
        status: status.into(),
        open_date: Some(date!(2012 - 09 - 01)),
        close_date: None,
        phase: phase.into(),
        statutory_low_age: Some(11),
        statutory_high_age: Some(18),
        town: "London".into(),
        postcode: "NW5 4LP".into(),
        region: "London".into(),
        state_funded: facts.state_funded,
        secondary: facts.secondary,
        open: facts.open,
    }
}

/// Imports `schools` as one file, lines counted from 2.
pub async fn import(db: &Db, schools: &[NewSchool]) -> ImportSummary {
    let mut import = db.begin_school_import("test.csv").await.expect("begin");
    for (i, s) in schools.iter().enumerate() {
        import.add(i as u64 + 2, s.clone()).await.expect("add");
    }
    assert!(import.duplicates().await.expect("duplicates").is_empty());
    import.finish(NOW).await.expect("finish")
}

pub fn assignment(hub: &str, hub_name: &str, la: &str, la_name: &str) -> HubAssignment {
    HubAssignment {
        hub_code: hub.into(),
        hub_name: hub_name.into(),
        la_code: la.into(),
        la_name: la_name.into(),
    }
}

/// The operator of the tests.
pub fn operator() -> masteryhub_store::audit::Actor {
    masteryhub_store::audit::Actor::command_line("tests")
}
