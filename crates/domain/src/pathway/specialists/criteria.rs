//! The criteria a Specialists Programme nomination must address (003), the check of the
//! essentials a form settles, and the hub's scoring of the rest.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::register::EstablishmentFacts;

use EvidenceSource::{
    ApplicationForm as Form, LeadTeacherStatement as Lead, SeniorLeaderStatement as Senior,
};
use Importance::{Desirable, Essential};

/// How much a criterion weighs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Importance {
    /// Must be met.
    Essential,
    /// Strengthens an application.
    Desirable,
}

/// Where a criterion is addressed: the three parts of an application (003).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EvidenceSource {
    /// The application form: facts about the teacher.
    ApplicationForm,
    /// The lead teacher's statement.
    LeadTeacherStatement,
    /// The headteacher's or senior leader's statement.
    SeniorLeaderStatement,
}

impl EvidenceSource {
    /// The part's name for people.
    pub fn label(self) -> &'static str {
        match self {
            EvidenceSource::ApplicationForm => "Application form",
            EvidenceSource::LeadTeacherStatement => "Lead teacher's statement",
            EvidenceSource::SeniorLeaderStatement => "Headteacher's or senior leader's statement",
        }
    }
}

/// One criterion of a Specialists Programme application (003).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Criterion {
    /// A stable code, e.g. `qualified_teacher_status`.
    pub code: &'static str,
    /// The criterion in the programme's words.
    pub text: &'static str,
    /// Essential or desirable.
    pub importance: Importance,
    /// Where the application is expected to address it.
    pub evidenced_in: &'static [EvidenceSource],
}

/// Every criterion of 003's table, in its order. DOMAIN.md names which are essential (the list
/// an application "must address") and which strengthen an application; which part of the
/// application addresses each is our reading, since 003 asks for all three together.
pub const CRITERIA: [Criterion; 14] = [
    criterion(
        "qualified_teacher_status",
        "Qualified Teacher Status",
        Essential,
        &[Form],
    ),
    criterion(
        "additional_status",
        "Additional status, e.g. Lead Practitioner, Mathematics SLE, NCETM Accredited PD Lead",
        Desirable,
        &[Form],
    ),
    criterion(
        "state_funded_employment",
        "Employed as a teacher in a state-funded middle/secondary school",
        Essential,
        &[Form],
    ),
    criterion(
        "subject_leader",
        "Mathematics Subject Leader",
        Desirable,
        &[Form],
    ),
    criterion(
        "good_teaching",
        "Good teaching skills in mathematics as evidenced by internal/external/Ofsted",
        Essential,
        &[Senior],
    ),
    criterion(
        "two_years_teaching_mathematics",
        "A minimum of 2 years' experience teaching mathematics",
        Essential,
        &[Form],
    ),
    criterion(
        "passion_for_mastery",
        "Passion and enthusiasm for teaching for mastery",
        Essential,
        &[Lead, Senior],
    ),
    criterion(
        "collaborative_working",
        "Ability to work collaboratively with others",
        Essential,
        &[Lead, Senior],
    ),
    criterion(
        "track_record_within_school",
        "Successful track record of working effectively with other professionals within own school",
        Essential,
        &[Lead, Senior],
    ),
    criterion(
        "track_record_across_schools",
        "Successful track record of working effectively with other professionals across a group \
         of schools",
        Essential,
        &[Lead],
    ),
    criterion(
        "communication_skills",
        "Excellent communication and interpersonal skills",
        Essential,
        &[Lead, Senior],
    ),
    criterion(
        "growing_leadership",
        "The ability to grow leadership capacity in others",
        Essential,
        &[Lead, Senior],
    ),
    criterion(
        "understanding_effective_learning",
        "An understanding of what constitutes effective learning in mathematics, and the ability \
         and confidence to communicate this",
        Essential,
        &[Lead],
    ),
    criterion(
        "prior_engagement",
        "Already engaged with Maths Hub work on teaching for mastery and/or the China-England \
         exchange",
        Desirable,
        &[Form, Lead],
    ),
];

const fn criterion(
    code: &'static str,
    text: &'static str,
    importance: Importance,
    evidenced_in: &'static [EvidenceSource],
) -> Criterion {
    Criterion {
        code,
        text,
        importance,
        evidenced_in,
    }
}

/// The criterion with this code.
pub fn criterion_by_code(code: &str) -> Option<&'static Criterion> {
    CRITERIA.iter().find(|c| c.code == code)
}

/// The facts of a nomination that can be checked before anyone reads the statements.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SpecialistNominee {
    /// Whether the teacher holds Qualified Teacher Status.
    pub qualified_teacher_status: bool,
    /// The register's facts about the school employing the teacher (`None`: not found).
    pub school: Option<EstablishmentFacts>,
    /// Whole years of experience teaching mathematics.
    pub years_teaching_mathematics: u8,
}

/// An essential criterion a nomination does not meet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MissingEssential {
    /// The criterion's code.
    pub code: &'static str,
    /// What is missing, for the school.
    pub message: String,
}

/// Refuses a nomination missing an essential that the form settles: QTS, employment in an open
/// state-funded middle or secondary school, and two years teaching mathematics. Lists every one
/// missing.
pub fn check_essentials(nominee: &SpecialistNominee) -> Result<(), Vec<MissingEssential>> {
    let mut missing = Vec::new();
    if !nominee.qualified_teacher_status {
        missing.push(MissingEssential {
            code: "qualified_teacher_status",
            message: "The teacher must hold Qualified Teacher Status".to_owned(),
        });
    }
    let school_problem = match nominee.school {
        None => Some("we cannot find the teacher's school in the register of schools"),
        Some(facts) if !facts.open => Some("the register lists the teacher's school as closed"),
        Some(facts) if !facts.state_funded => {
            Some("the register does not list the teacher's school as state-funded")
        }
        Some(facts) if !facts.secondary => {
            Some("the register does not list the teacher's school as a middle or secondary school")
        }
        Some(_) => None,
    };
    if let Some(problem) = school_problem {
        missing.push(MissingEssential {
            code: "state_funded_employment",
            message: format!(
                "The teacher must be employed in a state-funded middle or secondary school: \
                 {problem}"
            ),
        });
    }
    if nominee.years_teaching_mathematics < 2 {
        let years = match nominee.years_teaching_mathematics {
            0 => "less than a year".to_owned(),
            _ => "one year".to_owned(),
        };
        missing.push(MissingEssential {
            code: "two_years_teaching_mathematics",
            message: format!(
                "The teacher needs at least 2 years' experience teaching mathematics; this \
                 application gives {years}"
            ),
        });
    }
    if missing.is_empty() {
        Ok(())
    } else {
        Err(missing)
    }
}

/// The highest score a criterion can get: 0 not evidenced, 1 partly, 2 evidenced, 3 strongly.
pub const MAX_SCORE: u8 = 3;

/// Why a hub's scoring cannot be recorded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ScoringError {
    /// The code is not one of [`CRITERIA`].
    #[error("'{0}' is not a criterion of the Specialists Programme")]
    UnknownCriterion(String),
    /// The score is above [`MAX_SCORE`].
    #[error("{code} is scored {score}: scores run from 0 to 3")]
    OutOfRange {
        /// The criterion.
        code: String,
        /// The score given.
        score: u8,
    },
    /// The criterion was scored twice.
    #[error("{0} is scored more than once")]
    Duplicate(String),
}

/// A hub's scores of one application, criterion by criterion (0 to [`MAX_SCORE`]).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Scoring {
    scores: BTreeMap<&'static str, u8>,
}

/// The sums of a [`Scoring`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ScoreTotals {
    /// Sum of the essential criteria's scores.
    pub essential: u32,
    /// The most the essential criteria can score.
    pub essential_max: u32,
    /// Sum of the desirable criteria's scores.
    pub desirable: u32,
    /// The most the desirable criteria can score.
    pub desirable_max: u32,
    /// Essential criteria not yet scored, or scored 0: not evidenced.
    pub essentials_not_evidenced: Vec<&'static str>,
}

impl ScoreTotals {
    /// Essential and desirable together.
    pub fn total(&self) -> u32 {
        self.essential + self.desirable
    }

    /// The most an application can score.
    pub fn max(&self) -> u32 {
        self.essential_max + self.desirable_max
    }
}

impl Scoring {
    /// Scores given as (criterion code, score) pairs; criteria left out are unscored. Lists every
    /// problem.
    pub fn new(scores: &[(&str, u8)]) -> Result<Self, Vec<ScoringError>> {
        let mut scoring = BTreeMap::new();
        let mut errors = Vec::new();
        for &(code, score) in scores {
            let Some(criterion) = criterion_by_code(code.trim()) else {
                errors.push(ScoringError::UnknownCriterion(code.trim().to_owned()));
                continue;
            };
            if score > MAX_SCORE {
                errors.push(ScoringError::OutOfRange {
                    code: criterion.code.to_owned(),
                    score,
                });
            } else if scoring.insert(criterion.code, score).is_some() {
                errors.push(ScoringError::Duplicate(criterion.code.to_owned()));
            }
        }
        if errors.is_empty() {
            Ok(Self { scores: scoring })
        } else {
            Err(errors)
        }
    }

    /// The score of one criterion, if scored.
    pub fn score(&self, code: &str) -> Option<u8> {
        self.scores.get(code).copied()
    }

    /// The sums, and which essentials are not evidenced.
    pub fn totals(&self) -> ScoreTotals {
        let sum = |importance| -> (u32, u32) {
            CRITERIA
                .iter()
                .filter(|c| c.importance == importance)
                .fold((0, 0), |(got, max), c| {
                    let score = self.score(c.code).unwrap_or(0);
                    (got + u32::from(score), max + u32::from(MAX_SCORE))
                })
        };
        let (essential, essential_max) = sum(Essential);
        let (desirable, desirable_max) = sum(Desirable);
        let essentials_not_evidenced = CRITERIA
            .iter()
            .filter(|c| c.importance == Essential && self.score(c.code).unwrap_or(0) == 0)
            .map(|c| c.code)
            .collect();
        ScoreTotals {
            essential,
            essential_max,
            desirable,
            desirable_max,
            essentials_not_evidenced,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn open_secondary() -> Option<EstablishmentFacts> {
        Some(EstablishmentFacts::derive(
            "Academy converter",
            "Middle deemed secondary",
            "Open",
        ))
    }

    #[test]
    fn criteria_have_unique_codes_and_the_essentials_of_domain_md() {
        let mut codes: Vec<_> = CRITERIA.iter().map(|c| c.code).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), CRITERIA.len());
        let desirable: Vec<_> = CRITERIA
            .iter()
            .filter(|c| c.importance == Desirable)
            .map(|c| c.code)
            .collect();
        assert_eq!(
            desirable,
            ["additional_status", "subject_leader", "prior_engagement"]
        );
        for code in [
            "qualified_teacher_status",
            "state_funded_employment",
            "two_years_teaching_mathematics",
        ] {
            let found = criterion_by_code(code).expect("listed");
            assert_eq!(found.importance, Essential);
            assert_eq!(found.evidenced_in, [EvidenceSource::ApplicationForm]);
        }
        assert!(CRITERIA.iter().all(|c| !c.evidenced_in.is_empty()));
        assert!(criterion_by_code("charisma").is_none());
    }

    #[test]
    fn a_nomination_meeting_the_form_essentials_passes() {
        let nominee = SpecialistNominee {
            qualified_teacher_status: true,
            school: open_secondary(),
            years_teaching_mathematics: 2,
        };
        assert_eq!(check_essentials(&nominee), Ok(()));
    }

    #[test]
    fn every_missing_essential_is_listed() {
        let nominee = SpecialistNominee {
            qualified_teacher_status: false,
            school: Some(EstablishmentFacts::derive(
                "Other independent school",
                "Secondary",
                "Open",
            )),
            years_teaching_mathematics: 1,
        };
        let missing = check_essentials(&nominee).expect_err("three missing");
        let codes: Vec<_> = missing.iter().map(|m| m.code).collect();
        assert_eq!(
            codes,
            [
                "qualified_teacher_status",
                "state_funded_employment",
                "two_years_teaching_mathematics"
            ]
        );
        assert!(
            missing[1]
                .message
                .contains("not list the teacher's school as state-funded")
        );
        assert!(missing[2].message.contains("gives one year"));
    }

    #[test]
    fn the_school_must_be_found_open_and_middle_or_secondary() {
        let with_school = |school| SpecialistNominee {
            qualified_teacher_status: true,
            school,
            years_teaching_mathematics: 9,
        };
        for (school, expected) in [
            (None, "cannot find"),
            (
                Some(EstablishmentFacts::derive(
                    "Academy converter",
                    "Secondary",
                    "Closed",
                )),
                "closed",
            ),
            (
                Some(EstablishmentFacts::derive(
                    "Academy converter",
                    "Primary",
                    "Open",
                )),
                "middle or secondary",
            ),
        ] {
            let missing = check_essentials(&with_school(school)).expect_err("refused");
            assert_eq!(missing.len(), 1);
            assert_eq!(missing[0].code, "state_funded_employment");
            assert!(
                missing[0].message.contains(expected),
                "{}",
                missing[0].message
            );
        }
    }

    #[test]
    fn scoring_sums_by_importance_and_flags_unevidenced_essentials() {
        let scoring = Scoring::new(&[
            ("qualified_teacher_status", 3),
            ("good_teaching", 2),
            ("subject_leader", 3),
            ("passion_for_mastery", 0),
        ])
        .expect("valid");
        let totals = scoring.totals();
        assert_eq!(totals.essential, 5);
        assert_eq!(totals.essential_max, 11 * 3);
        assert_eq!(totals.desirable, 3);
        assert_eq!(totals.desirable_max, 3 * 3);
        assert_eq!(totals.total(), 8);
        assert_eq!(totals.max(), 42);
        assert_eq!(totals.essentials_not_evidenced.len(), 9);
        assert!(
            totals
                .essentials_not_evidenced
                .contains(&"passion_for_mastery")
        );
        assert!(!totals.essentials_not_evidenced.contains(&"good_teaching"));
        assert_eq!(scoring.score("good_teaching"), Some(2));
        assert_eq!(scoring.score("communication_skills"), None);
    }

    #[test]
    fn scoring_lists_every_problem() {
        let errors = Scoring::new(&[
            ("charisma", 1),
            ("good_teaching", 4),
            ("subject_leader", 1),
            (" subject_leader ", 2),
        ])
        .expect_err("three problems");
        assert_eq!(
            errors,
            [
                ScoringError::UnknownCriterion("charisma".into()),
                ScoringError::OutOfRange {
                    code: "good_teaching".into(),
                    score: 4
                },
                ScoringError::Duplicate("subject_leader".into()),
            ]
        );
        assert_eq!(
            errors[1].to_string(),
            "good_teaching is scored 4: scores run from 0 to 3"
        );
    }
}
