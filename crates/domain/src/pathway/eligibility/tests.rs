use proptest::prelude::*;

use super::*;
use crate::Urn;
use crate::pathway::catalogue::seed_catalogue;

fn year(text: &str) -> AcademicYear {
    AcademicYear::parse(text).expect("valid year")
}

fn urn(n: u32) -> Urn {
    Urn::try_from(i64::from(n)).expect("valid urn")
}

fn open_secondary() -> Option<EstablishmentFacts> {
    Some(EstablishmentFacts::derive(
        "Academy converter",
        "Secondary",
        "Open",
    ))
}

fn row(y: &str, stage: Stage, outcome: Outcome) -> Participation {
    Participation::new(urn(137_666), year(y), stage, outcome)
}

fn ask(stage: Stage, y: &str, history: &[Participation]) -> Eligibility {
    ask_school(open_secondary(), stage, y, history)
}

fn ask_school(
    school: Option<EstablishmentFacts>,
    stage: Stage,
    y: &str,
    history: &[Participation],
) -> Eligibility {
    let catalogue = seed_catalogue(year(y));
    eligibility(&EligibilityQuery {
        school,
        stage,
        academic_year: year(y),
        history,
        catalogue: &catalogue,
    })
}

use Outcome::{Completed, InProgress, NotCompleted, Withdrawn};
use Stage::{Development, Embedding, Preparatory, Sustaining};

#[test]
fn a_new_department_may_start_development_or_preparatory_only() {
    assert!(ask(Development, "2024/25", &[]).is_eligible());
    assert!(ask(Preparatory, "2024/25", &[]).is_eligible());
    let embedding = ask(Embedding, "2024/25", &[]);
    assert_eq!(embedding.codes(), ["prior_stage_not_completed"]);
    assert_eq!(
        embedding.reasons()[0].message,
        "Embedding in 2024/25 is for departments that fully completed a Development year before \
         2024/25. This department has no Development year before then: it starts with \
         Development."
    );
    let sustaining = ask(Sustaining, "2024/25", &[]);
    assert_eq!(sustaining.codes(), ["prior_stage_not_completed"]);
    assert!(
        sustaining.reasons()[0]
            .message
            .contains("not taken part in Embedding")
    );
}

#[test]
fn every_school_reason_is_listed_in_order() {
    let closed_independent_primary =
        EstablishmentFacts::derive("Other independent school", "Primary", "Closed");
    let answer = ask_school(Some(closed_independent_primary), Embedding, "2024/25", &[]);
    assert!(!answer.is_eligible());
    assert_eq!(
        answer.codes(),
        [
            "school_closed",
            "not_state_funded",
            "not_secondary",
            "prior_stage_not_completed"
        ]
    );
    let missing = ask_school(None, Development, "2024/25", &[]);
    assert_eq!(missing.codes(), ["school_not_found"]);
    assert!(missing.reasons()[0].message.contains("Check the URN"));
    assert_eq!(missing.reasons()[0].code, "school_not_found");
}

#[test]
fn embedding_needs_a_development_year_completed_in_an_earlier_year() {
    let completed = [row("2023/24", Development, Completed)];
    let answer = ask(Embedding, "2024/25", &completed);
    assert!(answer.is_eligible(), "{:?}", answer.reasons());
    assert_eq!(answer.co_requisites(), ["NCP21-14"]);
    // Any later year will do, not only the next.
    assert!(ask(Embedding, "2026/27", &completed).is_eligible());
    // Not the same year, nor an earlier one.
    let same_year = ask(Embedding, "2023/24", &completed);
    assert_eq!(
        same_year.codes(),
        ["prior_stage_not_completed", "already_enrolled_this_year"]
    );
    assert!(
        same_year.reasons()[0]
            .message
            .ends_with("The department's Development year is 2023/24 itself; Embedding follows in a later year."),
        "{}",
        same_year.reasons()[0].message
    );
    assert_eq!(
        ask(Embedding, "2022/23", &completed).codes(),
        ["prior_stage_not_completed"]
    );
}

#[test]
fn a_development_year_not_signed_off_does_not_open_embedding() {
    let cases = [
        (InProgress, "is not yet signed off as completed"),
        (
            NotCompleted,
            "did not complete its Development year 2023/24",
        ),
        (Withdrawn, "withdrew from Development in 2023/24"),
    ];
    for (outcome, explanation) in cases {
        let answer = ask(
            Embedding,
            "2024/25",
            &[row("2023/24", Development, outcome)],
        );
        assert_eq!(answer.codes(), ["prior_stage_not_completed"], "{outcome}");
        assert!(
            answer.reasons()[0].message.contains(explanation),
            "{}",
            answer.reasons()[0].message
        );
    }
    // A later completion after a failed attempt does count.
    let retried = [
        row("2021/22", Development, Withdrawn),
        row("2022/23", Development, Completed),
    ];
    assert!(ask(Embedding, "2023/24", &retried).is_eligible());
}

#[test]
fn development_and_embedding_are_taken_once() {
    let history = [
        row("2022/23", Development, Completed),
        row("2023/24", Embedding, Completed),
    ];
    let development = ask(Development, "2024/25", &history);
    assert_eq!(development.codes(), ["stage_already_completed"]);
    assert_eq!(
        development.reasons()[0].message,
        "This department completed Development in 2022/23. A department takes the Development \
         year once; after it comes Embedding."
    );
    let embedding = ask(Embedding, "2025/26", &history);
    assert_eq!(embedding.codes(), ["stage_already_completed"]);
    assert!(
        embedding.reasons()[0]
            .message
            .contains("after it comes Sustaining")
    );
    // A development year that was not completed may be taken again.
    let failed = [row("2022/23", Development, NotCompleted)];
    assert!(ask(Development, "2023/24", &failed).is_eligible());
    let withdrew = [row("2022/23", Development, Withdrawn)];
    assert!(ask(Development, "2022/23", &withdrew).is_eligible());
}

#[test]
fn the_same_year_in_progress_is_an_enrolment_not_a_completion() {
    let in_progress = [row("2024/25", Development, InProgress)];
    let answer = ask(Development, "2024/25", &in_progress);
    assert_eq!(answer.codes(), ["already_enrolled_this_year"]);
    assert_eq!(
        answer.reasons()[0].message,
        "This department already has a place in Development in 2024/25 (in progress). A \
         department takes one stage of the pathway a year."
    );
    let completed = [row("2024/25", Development, Completed)];
    assert_eq!(
        ask(Development, "2024/25", &completed).codes(),
        ["stage_already_completed", "already_enrolled_this_year"]
    );
    // A completion in a later year says nothing about this one.
    let later = [row("2025/26", Development, Completed)];
    assert!(ask(Development, "2024/25", &later).is_eligible());
}

#[test]
fn one_pathway_stage_a_year_but_preparatory_goes_alongside() {
    let history = [
        row("2022/23", Development, Completed),
        row("2023/24", Sustaining, NotCompleted),
    ];
    let answer = ask(Embedding, "2023/24", &history);
    assert_eq!(answer.codes(), ["already_enrolled_this_year"]);
    assert!(
        answer.reasons()[0]
            .message
            .contains("Sustaining in 2023/24 (not completed)")
    );
    assert!(ask(Preparatory, "2023/24", &history).is_eligible());
    let preparing = [row("2024/25", Preparatory, InProgress)];
    assert!(ask(Development, "2024/25", &preparing).is_eligible());
    assert!(ask(Preparatory, "2024/25", &preparing).is_eligible());
    // Withdrawing frees the year.
    let withdrew = [
        row("2022/23", Development, Completed),
        row("2023/24", Embedding, Withdrawn),
    ];
    assert!(ask(Embedding, "2023/24", &withdrew).is_eligible());
}

#[test]
fn sustaining_follows_embedding_not_withdrawn_and_goes_on() {
    for outcome in [InProgress, Completed, NotCompleted] {
        let history = [
            row("2022/23", Development, Completed),
            row("2023/24", Embedding, outcome),
        ];
        assert!(
            ask(Sustaining, "2024/25", &history).is_eligible(),
            "{outcome}"
        );
    }
    let withdrew = [
        row("2022/23", Development, Completed),
        row("2023/24", Embedding, Withdrawn),
    ];
    let answer = ask(Sustaining, "2024/25", &withdrew);
    assert_eq!(answer.codes(), ["prior_stage_not_completed"]);
    assert!(
        answer.reasons()[0]
            .message
            .contains("withdrew from Embedding in 2023/24")
    );
    assert!(answer.co_requisites().is_empty());

    let years_of_sustaining = [
        row("2020/21", Development, Completed),
        row("2021/22", Embedding, Completed),
        row("2022/23", Sustaining, Completed),
        row("2023/24", Sustaining, Completed),
    ];
    assert!(ask(Sustaining, "2024/25", &years_of_sustaining).is_eligible());
    assert_eq!(
        ask(Sustaining, "2023/24", &years_of_sustaining).codes(),
        ["already_enrolled_this_year"]
    );
    // A Sustaining year counts too, as when history before this service has no Embedding row.
    let only_sustaining = [row("2023/24", Sustaining, NotCompleted)];
    assert!(ask(Sustaining, "2024/25", &only_sustaining).is_eligible());
    let withdrew_sustaining = [row("2023/24", Sustaining, Withdrawn)];
    assert_eq!(
        ask(Sustaining, "2024/25", &withdrew_sustaining).codes(),
        ["prior_stage_not_completed"]
    );
    // Embedding in the same year is not enough: it must come first.
    let same_year = [row("2024/25", Embedding, Withdrawn)];
    assert_eq!(
        ask(Sustaining, "2024/25", &same_year).codes(),
        ["prior_stage_not_completed"]
    );
}

#[test]
fn specialist_stages_are_not_for_departments() {
    for stage in [
        Stage::SpecialistYear1,
        Stage::SpecialistYear2,
        Stage::SpecialistYear3,
    ] {
        let answer = ask(stage, "2024/25", &[]);
        assert_eq!(answer.codes(), ["not_a_department_stage"]);
        assert!(answer.reasons()[0].message.contains(stage.label()));
        assert!(
            answer.reasons()[0]
                .message
                .contains("Specialists Programme application")
        );
    }
    let answer = ask_school(None, Stage::SpecialistYear1, "2024/25", &[]);
    assert_eq!(
        answer.codes(),
        ["school_not_found", "not_a_department_stage"]
    );
}

#[test]
fn specialist_and_preparatory_rows_do_not_count_on_the_pathway() {
    let history = [
        row("2022/23", Preparatory, Completed),
        row("2022/23", Stage::SpecialistYear1, Completed),
        row("2023/24", Stage::SpecialistYear2, InProgress),
    ];
    assert_eq!(
        ask(Embedding, "2023/24", &history).codes(),
        ["prior_stage_not_completed"]
    );
    assert!(ask(Development, "2023/24", &history).is_eligible());
}

#[test]
fn co_requisites_come_from_the_catalogue_given() {
    let history = [row("2023/24", Development, Completed)];
    let empty = eligibility(&EligibilityQuery {
        school: open_secondary(),
        stage: Embedding,
        academic_year: year("2024/25"),
        history: &history,
        catalogue: &[],
    });
    assert!(empty.is_eligible());
    assert!(empty.co_requisites().is_empty());
    assert!(ask(Development, "2024/25", &[]).co_requisites().is_empty());
}

#[test]
fn serialises_codes_as_text() {
    let answer = ask_school(None, Development, "2024/25", &[]);
    let reason: &'static str = answer.reasons()[0].code.into();
    assert_eq!(reason, "school_not_found");
    assert_eq!(ReasonCode::ALL.len(), 8);
    let mut sorted = ReasonCode::ALL;
    sorted.sort();
    assert_eq!(sorted, ReasonCode::ALL, "ALL is in listing order");
}

// Property tests.

fn any_year() -> impl Strategy<Value = AcademicYear> {
    (2015i32..=2030).prop_map(|y| AcademicYear::starting(y).expect("in range"))
}

fn any_stage() -> impl Strategy<Value = Stage> {
    proptest::sample::select(Stage::ALL.to_vec())
}

fn any_outcome() -> impl Strategy<Value = Outcome> {
    proptest::sample::select(Outcome::ALL.to_vec())
}

fn any_row() -> impl Strategy<Value = Participation> {
    (1u32..=4, any_year(), any_stage(), any_outcome())
        .prop_map(|(u, y, s, o)| Participation::new(urn(100_000 + u), y, s, o))
}

fn any_history() -> impl Strategy<Value = Vec<Participation>> {
    proptest::collection::vec(any_row(), 0..10)
}

fn any_school() -> impl Strategy<Value = Option<EstablishmentFacts>> {
    proptest::option::of((any::<bool>(), any::<bool>(), any::<bool>()).prop_map(
        |(state_funded, secondary, open)| EstablishmentFacts {
            state_funded,
            secondary,
            open,
        },
    ))
}

fn decide(
    school: Option<EstablishmentFacts>,
    stage: Stage,
    academic_year: AcademicYear,
    history: &[Participation],
) -> Eligibility {
    let catalogue = seed_catalogue(academic_year);
    eligibility(&EligibilityQuery {
        school,
        stage,
        academic_year,
        history,
        catalogue: &catalogue,
    })
}

proptest! {
    #[test]
    fn no_history_never_opens_embedding(school in any_school(), y in any_year()) {
        let answer = decide(school, Embedding, y, &[]);
        prop_assert!(!answer.is_eligible());
        prop_assert!(answer.codes().contains(&"prior_stage_not_completed"));
    }

    #[test]
    fn completed_development_opens_embedding_until_embedding_is_done(
        others in any_history(),
        start in 2015i32..=2028,
        gap in 1i32..=6,
    ) {
        let done = AcademicYear::starting(start).expect("in range");
        let mut history = others;
        history.push(Participation::new(urn(100_009), done, Development, Completed));
        let later = AcademicYear::starting(start + gap).expect("in range");
        let embedded = history.iter().any(|p| {
            p.stage == Embedding && p.outcome == Completed && p.academic_year <= later
        });
        let enrolled = history.iter().any(|p| {
            p.stage.is_pathway_stage() && p.academic_year == later && p.outcome.took_part()
        });
        let answer = decide(open_secondary(), Embedding, later, &history);
        prop_assert_eq!(answer.is_eligible(), !embedded && !enrolled, "{:?}", answer.codes());
    }

    #[test]
    fn predecessor_rows_count_exactly_as_the_schools_own(
        history in any_history(),
        relabel in proptest::collection::vec(1u32..=999_999, 10),
        school in any_school(),
        stage in any_stage(),
        y in any_year(),
    ) {
        let relabelled: Vec<_> = history
            .iter()
            .zip(&relabel)
            .map(|(p, &u)| Participation { urn: urn(u), ..*p })
            .collect();
        prop_assert_eq!(
            decide(school, stage, y, &history),
            decide(school, stage, y, &relabelled)
        );
    }

    #[test]
    fn the_order_of_history_rows_does_not_matter(
        history in any_history(),
        school in any_school(),
        stage in any_stage(),
        y in any_year(),
    ) {
        let mut reversed = history.clone();
        reversed.reverse();
        prop_assert_eq!(decide(school, stage, y, &history), decide(school, stage, y, &reversed));
    }

    #[test]
    fn eligible_exactly_when_no_reason_and_codes_never_repeat(
        history in any_history(),
        school in any_school(),
        stage in any_stage(),
        y in any_year(),
    ) {
        let answer = decide(school, stage, y, &history);
        prop_assert_eq!(answer.is_eligible(), answer.reasons().is_empty());
        let codes: Vec<ReasonCode> = answer.reasons().iter().map(|r| r.code).collect();
        prop_assert!(codes.windows(2).all(|w| w[0] < w[1]), "{:?}", codes);
        prop_assert!(answer.reasons().iter().all(|r| !r.message.is_empty()));
        prop_assert_eq!(
            answer.co_requisites().is_empty(),
            stage != Embedding,
            "only Embedding has a co-requisite in the seed catalogue"
        );
    }

    #[test]
    fn sustaining_is_open_ended_after_embedding(
        start in 2015i32..=2026,
        gap in 1i32..=8,
        outcome in prop_oneof![Just(InProgress), Just(Completed), Just(NotCompleted)],
    ) {
        let embedded = AcademicYear::starting(start).expect("in range");
        let mut history = vec![Participation::new(urn(100_001), embedded, Embedding, outcome)];
        for g in 1..gap {
            let y = AcademicYear::starting(start + g).expect("in range");
            history.push(Participation::new(urn(100_002), y, Sustaining, Completed));
        }
        let next = AcademicYear::starting(start + gap).expect("in range");
        prop_assert!(decide(open_secondary(), Sustaining, next, &history).is_eligible());
    }
}
