use std::sync::Arc;

use masteryhub_domain::{EstablishmentFacts, Urn};
use masteryhub_store::hubs::HubAssignment;
use masteryhub_store::register_import::ImportSummary;
use masteryhub_store::schools::NewSchool;
use masteryhub_store::{Db, StoreError};
use time::OffsetDateTime;
use time::macros::{date, datetime};
use tokio::sync::Barrier;

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

/// How many copies of one change the race tests fire at once.
pub const RACERS: usize = 12;

/// Runs `n` copies of a change at once: each on its own task (the race tests run on a
/// multi-threaded runtime), held at a barrier until all are ready. The results, in task order.
pub async fn race<T, F, Fut>(n: usize, change: F) -> Vec<Result<T, StoreError>>
where
    F: Fn(usize) -> Fut,
    Fut: Future<Output = Result<T, StoreError>> + Send + 'static,
    T: Send + 'static,
{
    let start = Arc::new(Barrier::new(n));
    let tasks: Vec<_> = (0..n)
        .map(|i| {
            let change = change(i);
            let start = Arc::clone(&start);
            tokio::spawn(async move {
                start.wait().await;
                change.await
            })
        })
        .collect();
    let mut results = Vec::with_capacity(n);
    for task in tasks {
        results.push(task.await.expect("the task ran to its end"));
    }
    results
}

/// A race's results: the successes, and the refusals' sentences. Anything else (a database
/// error, an `Invalid`) fails the test.
#[derive(Debug)]
pub struct Tally<T> {
    pub won: Vec<T>,
    pub conflicts: Vec<String>,
}

pub fn tally<T: std::fmt::Debug>(results: Vec<Result<T, StoreError>>) -> Tally<T> {
    let mut tally = Tally {
        won: Vec::new(),
        conflicts: Vec::new(),
    };
    for result in results {
        match result {
            Ok(value) => tally.won.push(value),
            Err(StoreError::Conflict(message)) => tally.conflicts.push(message),
            Err(other) => panic!("a racer failed other than by a Conflict: {other:?}"),
        }
    }
    tally
}

/// Asserts exactly one of `n` racers won and every other was refused with `sentence`.
pub fn one_winner<T: std::fmt::Debug>(results: Vec<Result<T, StoreError>>, sentence: &str) -> T {
    let n = results.len();
    let mut tally = tally(results);
    assert_eq!(
        (tally.won.len(), tally.conflicts.len()),
        (1, n - 1),
        "exactly one of {n} wins, the others are refused: {tally:?}"
    );
    for message in &tally.conflicts {
        assert!(message.contains(sentence), "{message}");
    }
    tally.won.remove(0)
}
