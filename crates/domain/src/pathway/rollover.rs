//! Year rollover: which pathway stage a department may join in the coming year.
//!
//! No rule of its own: it asks [`eligibility`] about each pathway stage, furthest first, and
//! takes the first the department may join. So a completed Development year leads to Embedding,
//! an Embedding year not withdrawn from to Sustaining, Sustaining to Sustaining again, and a
//! department with no pathway history (or whose Development year was not completed) to
//! Development.

use serde::Serialize;

use crate::AcademicYear;
use crate::register::EstablishmentFacts;

use super::catalogue::Programme;
use super::eligibility::{Eligibility, EligibilityQuery, eligibility};
use super::{Participation, Stage};

/// The answer of a rollover, with the workings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NextStage {
    /// The furthest pathway stage the department may join, if any.
    pub stage: Option<Stage>,
    /// Each pathway stage considered, furthest first, with its eligibility.
    pub considered: Vec<(Stage, Eligibility)>,
}

/// The pathway stage a department may join in `next_year`, given the school's register facts,
/// its history (its own and its predecessors' rows) and that year's catalogue.
pub fn next_stage(
    school: Option<EstablishmentFacts>,
    history: &[Participation],
    next_year: AcademicYear,
    catalogue: &[Programme],
) -> NextStage {
    let considered: Vec<(Stage, Eligibility)> = Stage::PATHWAY
        .into_iter()
        .rev()
        .map(|stage| {
            let answer = eligibility(&EligibilityQuery {
                school,
                stage,
                academic_year: next_year,
                history,
                catalogue,
            });
            (stage, answer)
        })
        .collect();
    let stage = considered
        .iter()
        .find(|(_, answer)| answer.is_eligible())
        .map(|(stage, _)| *stage);
    NextStage { stage, considered }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Urn;
    use crate::pathway::Outcome::{self, Completed, InProgress, NotCompleted, Withdrawn};
    use crate::pathway::catalogue::seed_catalogue;
    use Stage::{Development, Embedding, Sustaining};
    use proptest::prelude::*;

    fn year(text: &str) -> AcademicYear {
        AcademicYear::parse(text).expect("valid year")
    }

    fn row(y: &str, stage: Stage, outcome: Outcome) -> Participation {
        let urn = Urn::parse("100001").expect("valid urn");
        Participation::new(urn, year(y), stage, outcome)
    }

    fn open_secondary() -> Option<EstablishmentFacts> {
        Some(EstablishmentFacts::derive(
            "Community school",
            "All-through",
            "Open",
        ))
    }

    fn next(history: &[Participation], y: &str) -> Option<Stage> {
        next_stage(open_secondary(), history, year(y), &seed_catalogue(year(y))).stage
    }

    #[test]
    fn departments_move_along_the_pathway() {
        assert_eq!(next(&[], "2024/25"), Some(Development));
        let developed = [row("2023/24", Development, Completed)];
        assert_eq!(next(&developed, "2024/25"), Some(Embedding));
        for outcome in [InProgress, Completed, NotCompleted] {
            let embedded = [
                row("2022/23", Development, Completed),
                row("2023/24", Embedding, outcome),
            ];
            assert_eq!(next(&embedded, "2024/25"), Some(Sustaining), "{outcome}");
        }
        let sustaining = [
            row("2021/22", Development, Completed),
            row("2022/23", Embedding, Completed),
            row("2023/24", Sustaining, Completed),
        ];
        assert_eq!(next(&sustaining, "2024/25"), Some(Sustaining));
    }

    #[test]
    fn a_step_not_taken_is_offered_again() {
        let withdrew_embedding = [
            row("2022/23", Development, Completed),
            row("2023/24", Embedding, Withdrawn),
        ];
        assert_eq!(next(&withdrew_embedding, "2024/25"), Some(Embedding));
        let development_not_completed = [row("2023/24", Development, NotCompleted)];
        assert_eq!(
            next(&development_not_completed, "2024/25"),
            Some(Development)
        );
        // A Development year never signed off is not a completed one: Embedding waits for the
        // sign-off (its eligibility says so), and meanwhile only Development is open.
        let still_developing = [row("2023/24", Development, InProgress)];
        assert_eq!(next(&still_developing, "2024/25"), Some(Development));
    }

    #[test]
    fn nothing_for_a_closed_school_or_a_year_already_placed() {
        let closed = EstablishmentFacts::derive("Community school", "Secondary", "Closed");
        let answer = next_stage(Some(closed), &[], year("2024/25"), &[]);
        assert_eq!(answer.stage, None);
        assert_eq!(answer.considered.len(), 3);
        assert_eq!(answer.considered[0].0, Sustaining);
        assert!(
            answer
                .considered
                .iter()
                .all(|(_, e)| e.codes().contains(&"school_closed"))
        );
        let placed = [row("2024/25", Development, InProgress)];
        assert_eq!(next(&placed, "2024/25"), None);
    }

    proptest! {
        #[test]
        fn the_next_stage_is_always_one_eligibility_allows(
            rows in proptest::collection::vec(
                (0i32..6, 0usize..3, 0usize..4),
                0..6,
            ),
            ahead in 0i32..7,
        ) {
            let history: Vec<_> = rows
                .iter()
                .map(|&(y, s, o)| {
                    let y = AcademicYear::starting(2018 + y).expect("in range");
                    let urn = Urn::parse("100001").expect("valid urn");
                    Participation::new(urn, y, Stage::PATHWAY[s], Outcome::ALL[o])
                })
                .collect();
            let target = AcademicYear::starting(2018 + ahead).expect("in range");
            let answer = next_stage(open_secondary(), &history, target, &[]);
            match answer.stage {
                Some(stage) => {
                    let (_, chosen) = answer
                        .considered
                        .iter()
                        .find(|(s, _)| *s == stage)
                        .expect("considered");
                    prop_assert!(chosen.is_eligible());
                    for (s, e) in &answer.considered {
                        if *s > stage {
                            prop_assert!(!e.is_eligible(), "{} was further", s);
                        }
                    }
                }
                None => prop_assert!(answer.considered.iter().all(|(_, e)| !e.is_eligible())),
            }
        }
    }
}
