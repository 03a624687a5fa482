//! A department's history on the programme: one row per academic year and stage.

use serde::{Deserialize, Serialize};

use crate::{AcademicYear, Urn};

use super::{Outcome, Stage};

/// One year a school's maths department spent at one stage, and how it turned out.
///
/// The URN may be a predecessor's: when a school converts to an academy or merges it gets a new
/// URN, and the department's history travels with it. Rules count a predecessor's rows exactly
/// as the school's own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Participation {
    /// The school (or predecessor school) that took part.
    pub urn: Urn,
    /// The academic year of the participation.
    pub academic_year: AcademicYear,
    /// The stage taken that year.
    pub stage: Stage,
    /// How the year turned out.
    pub outcome: Outcome,
}

impl Participation {
    /// One row of history.
    pub fn new(urn: Urn, academic_year: AcademicYear, stage: Stage, outcome: Outcome) -> Self {
        Self {
            urn,
            academic_year,
            stage,
            outcome,
        }
    }
}
