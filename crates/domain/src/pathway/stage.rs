//! The stages of the programme (DOMAIN.md, "The pathway a department follows" and "The
//! Specialists Programme"): four a department takes, three a Mastery Specialist trains through.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// One stage of the programme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "&'static str")]
pub enum Stage {
    /// Optional tailored Work Group, before or alongside the pathway (002).
    Preparatory,
    /// Pathway year 1: two Mastery Advocates, a Development Work Group, 5 support days (001, 002).
    Development,
    /// Pathway year 2: Embedding Year Support, 3 support days, only after a completed
    /// Development year (000, 004).
    Embedding,
    /// Pathway year 3 and beyond, a year at a time (001, 002).
    Sustaining,
    /// Specialists Programme, year 1: the lead teacher's own practice (003).
    SpecialistYear1,
    /// Specialists Programme, year 2: the whole department's practice (003).
    SpecialistYear2,
    /// Specialists Programme, year 3: leads a Development Work Group (003).
    SpecialistYear3,
}

/// Why a text is not a stage.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "'{0}' is not a stage: use preparatory, development, embedding, sustaining, \
     specialist_year_1, specialist_year_2 or specialist_year_3"
)]
pub struct StageError(pub String);

impl Stage {
    /// Every stage, department stages first, in the order they are taken.
    pub const ALL: [Stage; 7] = [
        Stage::Preparatory,
        Stage::Development,
        Stage::Embedding,
        Stage::Sustaining,
        Stage::SpecialistYear1,
        Stage::SpecialistYear2,
        Stage::SpecialistYear3,
    ];

    /// The pathway proper, in order: Development, Embedding, Sustaining.
    pub const PATHWAY: [Stage; 3] = [Stage::Development, Stage::Embedding, Stage::Sustaining];

    /// The stage's name in URLs, the API and the database, e.g. `specialist_year_1`.
    pub fn as_str(self) -> &'static str {
        match self {
            Stage::Preparatory => "preparatory",
            Stage::Development => "development",
            Stage::Embedding => "embedding",
            Stage::Sustaining => "sustaining",
            Stage::SpecialistYear1 => "specialist_year_1",
            Stage::SpecialistYear2 => "specialist_year_2",
            Stage::SpecialistYear3 => "specialist_year_3",
        }
    }

    /// The stage's name for people, e.g. "Specialists Programme, year 1".
    pub fn label(self) -> &'static str {
        match self {
            Stage::Preparatory => "Preparatory",
            Stage::Development => "Development",
            Stage::Embedding => "Embedding",
            Stage::Sustaining => "Sustaining",
            Stage::SpecialistYear1 => "Specialists Programme, year 1",
            Stage::SpecialistYear2 => "Specialists Programme, year 2",
            Stage::SpecialistYear3 => "Specialists Programme, year 3",
        }
    }

    /// Parses a stage's name, ignoring case and surrounding space; `-` and spaces may stand for
    /// `_` (`Specialist-Year-1`).
    pub fn parse(text: &str) -> Result<Self, StageError> {
        let wanted = text.trim().to_ascii_lowercase().replace(['-', ' '], "_");
        Self::ALL
            .into_iter()
            .find(|stage| stage.as_str() == wanted)
            .ok_or_else(|| StageError(text.trim().to_owned()))
    }

    /// A stage a school's maths department takes: Preparatory or a pathway stage.
    pub fn is_department_stage(self) -> bool {
        !self.is_specialist_stage()
    }

    /// A stage of the pathway proper: Development, Embedding or Sustaining.
    pub fn is_pathway_stage(self) -> bool {
        Self::PATHWAY.contains(&self)
    }

    /// A year of the Specialists Programme, taken by one teacher rather than a department.
    pub fn is_specialist_stage(self) -> bool {
        matches!(
            self,
            Stage::SpecialistYear1 | Stage::SpecialistYear2 | Stage::SpecialistYear3
        )
    }
}

impl fmt::Display for Stage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Stage {
    type Err = StageError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl TryFrom<String> for Stage {
    type Error = StageError;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<Stage> for &'static str {
    fn from(stage: Stage) -> Self {
        stage.as_str()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn every_stage_round_trips_through_its_name() {
        for stage in Stage::ALL {
            assert_eq!(Stage::parse(stage.as_str()), Ok(stage));
            assert_eq!(stage.to_string().parse::<Stage>(), Ok(stage));
        }
        assert_eq!(Stage::parse("  EMBEDDING "), Ok(Stage::Embedding));
        assert_eq!(
            Stage::parse("Specialist-Year-3"),
            Ok(Stage::SpecialistYear3)
        );
        assert_eq!(
            Stage::parse("specialist year 2"),
            Ok(Stage::SpecialistYear2)
        );
    }

    #[test]
    fn refusal_names_the_value_and_the_valid_ones() {
        let error = Stage::parse(" consolidating ").expect_err("not a stage");
        assert_eq!(error, StageError("consolidating".into()));
        let message = error.to_string();
        assert!(
            message.starts_with("'consolidating' is not a stage"),
            "{message}"
        );
        for stage in Stage::ALL {
            assert!(message.contains(stage.as_str()), "{message} lacks {stage}");
        }
        assert!(Stage::parse("").is_err());
        assert!(Stage::parse("specialist_year_4").is_err());
        assert!(Stage::parse("specialistyear1").is_err());
    }

    #[test]
    fn department_and_specialist_stages_partition_the_stages() {
        let department: Vec<_> = Stage::ALL
            .into_iter()
            .filter(|s| s.is_department_stage())
            .collect();
        assert_eq!(
            department,
            [
                Stage::Preparatory,
                Stage::Development,
                Stage::Embedding,
                Stage::Sustaining
            ]
        );
        assert!(!Stage::Preparatory.is_pathway_stage());
        assert!(Stage::Sustaining.is_pathway_stage());
        assert!(!Stage::SpecialistYear3.is_pathway_stage());
        assert!(Stage::SpecialistYear1.is_specialist_stage());
        assert_eq!(
            Stage::SpecialistYear1.label(),
            "Specialists Programme, year 1"
        );
    }

    #[test]
    fn serialises_as_its_name() {
        let stage: &'static str = Stage::SpecialistYear2.into();
        assert_eq!(stage, "specialist_year_2");
        assert_eq!(
            Stage::try_from("Sustaining".to_owned()),
            Ok(Stage::Sustaining)
        );
    }

    proptest! {
        #[test]
        fn parse_never_panics_and_accepts_only_names(text in ".{0,30}") {
            if let Ok(stage) = Stage::parse(&text) {
                let normalised = text.trim().to_ascii_lowercase().replace(['-', ' '], "_");
                prop_assert_eq!(stage.as_str(), normalised);
            }
        }
    }
}
