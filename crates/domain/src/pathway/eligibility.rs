//! Whether a school's maths department may join a stage in an academic year, and every reason
//! why not, in words a head of maths understands.
//!
//! The rules (DOMAIN.md, "The pathway a department follows"):
//!
//! - The school must be in the register, open, state-funded and secondary.
//! - Specialists Programme years are taken by a teacher, not a department.
//! - **Preparatory** is optional and "can come before or alongside the pathway" (002): no history
//!   is needed and none stands in its way, not even a pathway stage the same year.
//! - **Development** is taken once: a department that completed it (in an earlier year or this
//!   one) does not take it again. One that did not complete it, or withdrew, may try again.
//! - **Embedding** needs a *completed* Development year in an *earlier* academic year (000: "fully
//!   completed"). Any earlier year counts, not only the one before (004 speaks of the previous
//!   year because it describes one cohort). A Development year still in progress does not count:
//!   a department can apply while in it (000), but is accepted once it is signed off. Embedding
//!   too is taken once.
//! - **Sustaining** needs an Embedding year in an earlier academic year that the department did
//!   not withdraw from (001: departments "that took part in Embedding"); an earlier Sustaining
//!   year the department did not withdraw from also counts, since Sustaining goes on "a year at a
//!   time". It is open-ended: never "already completed".
//! - A department takes **one pathway stage a year**: any participation in Development, Embedding
//!   or Sustaining in the same academic year that it did not withdraw from — in progress,
//!   completed or not completed — means it is already enrolled that year.
//!
//! History rows may carry a predecessor school's URN: they count exactly as the school's own, so
//! URNs play no part here. Specialists Programme and Preparatory rows play no part in the
//! pathway's rules.

use serde::Serialize;

use crate::AcademicYear;
use crate::register::EstablishmentFacts;

use super::catalogue::{Programme, programme_for};
use super::{Outcome, Participation, Stage};

/// What eligibility is asked about.
#[derive(Debug, Clone, Copy)]
pub struct EligibilityQuery<'a> {
    /// The register's facts about the school; `None` when the school is not in the register.
    pub school: Option<EstablishmentFacts>,
    /// The stage the department would join.
    pub stage: Stage,
    /// The academic year it would join in.
    pub academic_year: AcademicYear,
    /// The department's history: the school's rows and its predecessors', alike.
    pub history: &'a [Participation],
    /// The year's programme catalogue, which says what must be joined alongside.
    pub catalogue: &'a [Programme],
}

/// Why a department may not join, as a stable code. Reasons are listed in this order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(into = "&'static str")]
pub enum ReasonCode {
    /// The school is not in the register.
    SchoolNotFound,
    /// The register lists the school as closed.
    SchoolClosed,
    /// The school is not state-funded.
    NotStateFunded,
    /// The school does not teach Key Stage 3 and 4.
    NotSecondary,
    /// The stage is a Specialists Programme year.
    NotADepartmentStage,
    /// The stage before this one has not been done.
    PriorStageNotCompleted,
    /// The department has already completed this (once-only) stage.
    StageAlreadyCompleted,
    /// The department already has a pathway stage this academic year.
    AlreadyEnrolledThisYear,
}

impl ReasonCode {
    /// Every code, in the order reasons are listed.
    pub const ALL: [ReasonCode; 8] = [
        ReasonCode::SchoolNotFound,
        ReasonCode::SchoolClosed,
        ReasonCode::NotStateFunded,
        ReasonCode::NotSecondary,
        ReasonCode::NotADepartmentStage,
        ReasonCode::PriorStageNotCompleted,
        ReasonCode::StageAlreadyCompleted,
        ReasonCode::AlreadyEnrolledThisYear,
    ];

    /// The stable code, e.g. `prior_stage_not_completed`.
    pub fn as_str(self) -> &'static str {
        match self {
            ReasonCode::SchoolNotFound => "school_not_found",
            ReasonCode::SchoolClosed => "school_closed",
            ReasonCode::NotStateFunded => "not_state_funded",
            ReasonCode::NotSecondary => "not_secondary",
            ReasonCode::NotADepartmentStage => "not_a_department_stage",
            ReasonCode::PriorStageNotCompleted => "prior_stage_not_completed",
            ReasonCode::StageAlreadyCompleted => "stage_already_completed",
            ReasonCode::AlreadyEnrolledThisYear => "already_enrolled_this_year",
        }
    }
}

impl From<ReasonCode> for &'static str {
    fn from(code: ReasonCode) -> Self {
        code.as_str()
    }
}

impl PartialEq<&str> for ReasonCode {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

/// One reason a department may not join.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reason {
    /// The stable code.
    pub code: ReasonCode,
    /// The reason for a head of maths.
    pub message: String,
}

/// The answer: eligible exactly when there is no reason against.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Eligibility {
    eligible: bool,
    reasons: Vec<Reason>,
    co_requisites: Vec<String>,
}

impl Eligibility {
    /// Whether the department may join.
    pub fn is_eligible(&self) -> bool {
        self.eligible
    }

    /// Every reason against, in [`ReasonCode`] order, each code at most once.
    pub fn reasons(&self) -> &[Reason] {
        &self.reasons
    }

    /// The reasons' codes.
    pub fn codes(&self) -> Vec<&'static str> {
        self.reasons.iter().map(|r| r.code.as_str()).collect()
    }

    /// Codes of the programmes that must be joined too (for Embedding: NCP21-14), from the
    /// catalogue.
    pub fn co_requisites(&self) -> &[String] {
        &self.co_requisites
    }
}

/// Decides whether a department may join `query.stage` in `query.academic_year`, listing every
/// reason that applies (see the module's documentation for the rules).
pub fn eligibility(query: &EligibilityQuery<'_>) -> Eligibility {
    let mut reasons = school_reasons(query.school);
    if query.stage.is_specialist_stage() {
        reasons.push(reason(
            ReasonCode::NotADepartmentStage,
            format!(
                "{} is a year of the Mastery Specialists Programme, which one teacher takes, not \
                 a department. A school nominates a teacher with a Specialists Programme \
                 application.",
                query.stage.label()
            ),
        ));
    } else {
        let history = History {
            rows: query.history,
            year: query.academic_year,
        };
        reasons.extend(history.prior_stage(query.stage));
        reasons.extend(history.already_completed(query.stage));
        reasons.extend(history.enrolled(query.stage));
    }
    reasons.sort_by_key(|r| r.code);
    let co_requisites = programme_for(query.catalogue, query.stage)
        .map(|p| p.co_requisites.iter().map(ToString::to_string).collect())
        .unwrap_or_default();
    Eligibility {
        eligible: reasons.is_empty(),
        reasons,
        co_requisites,
    }
}

fn reason(code: ReasonCode, message: String) -> Reason {
    Reason { code, message }
}

fn school_reasons(school: Option<EstablishmentFacts>) -> Vec<Reason> {
    let Some(facts) = school else {
        return vec![reason(
            ReasonCode::SchoolNotFound,
            "We cannot find this school in the register of schools (Get Information About \
             Schools). Check the URN."
                .to_owned(),
        )];
    };
    let mut reasons = Vec::new();
    if !facts.open {
        reasons.push(reason(
            ReasonCode::SchoolClosed,
            "The register of schools lists this school as closed. Only open schools can take \
             part."
                .to_owned(),
        ));
    }
    if !facts.state_funded {
        reasons.push(reason(
            ReasonCode::NotStateFunded,
            "The register of schools does not list this school as state-funded. Teaching for \
             Mastery Work Groups are for state-funded schools."
                .to_owned(),
        ));
    }
    if !facts.secondary {
        reasons.push(reason(
            ReasonCode::NotSecondary,
            "The register of schools does not list this school as secondary (secondary, middle \
             deemed secondary or all-through). Secondary Teaching for Mastery is for schools \
             teaching Key Stages 3 and 4."
                .to_owned(),
        ));
    }
    reasons
}

/// A department's history, read for one academic year.
struct History<'a> {
    rows: &'a [Participation],
    year: AcademicYear,
}

impl History<'_> {
    /// Rows of one stage, earliest first (then by outcome, so the order of rows never matters).
    fn of(&self, stage: Stage) -> Vec<Participation> {
        let mut rows: Vec<_> = self
            .rows
            .iter()
            .filter(|p| p.stage == stage)
            .copied()
            .collect();
        rows.sort_by_key(|p| (p.academic_year, p.outcome));
        rows
    }

    fn prior_stage(&self, stage: Stage) -> Option<Reason> {
        let year = self.year;
        let earlier = |p: &Participation| p.academic_year < year;
        match stage {
            Stage::Embedding => {
                let development = self.of(Stage::Development);
                if development
                    .iter()
                    .any(|p| earlier(p) && p.outcome == Outcome::Completed)
                {
                    return None;
                }
                let this_year = development
                    .iter()
                    .any(|p| p.academic_year == year && p.outcome.took_part());
                let detail = match development.iter().rfind(|p| earlier(p)) {
                    None if this_year => format!(
                        "The department's Development year is {year} itself; Embedding follows \
                         in a later year."
                    ),
                    None => "This department has no Development year before then: it starts \
                             with Development."
                        .to_owned(),
                    Some(p) if p.outcome == Outcome::InProgress => format!(
                        "The department's Development year {} is not yet signed off as \
                         completed: once its Work Group Lead signs it off, the department can \
                         be accepted.",
                        p.academic_year
                    ),
                    Some(p) if p.outcome == Outcome::Withdrawn => format!(
                        "The department withdrew from Development in {}; it may take \
                         Development again.",
                        p.academic_year
                    ),
                    Some(p) => format!(
                        "The department did not complete its Development year {}; it may take \
                         Development again.",
                        p.academic_year
                    ),
                };
                Some(reason(
                    ReasonCode::PriorStageNotCompleted,
                    format!(
                        "Embedding in {year} is for departments that fully completed a \
                         Development year before {year}. {detail}"
                    ),
                ))
            }
            Stage::Sustaining => {
                let took_part = |stage| {
                    self.of(stage)
                        .iter()
                        .any(|p| earlier(p) && p.outcome.took_part())
                };
                if took_part(Stage::Embedding) || took_part(Stage::Sustaining) {
                    return None;
                }
                let detail = match self.of(Stage::Embedding).iter().rfind(|p| earlier(p)) {
                    Some(p) => format!(
                        "The department withdrew from Embedding in {}.",
                        p.academic_year
                    ),
                    None => "This department has not taken part in Embedding.".to_owned(),
                };
                Some(reason(
                    ReasonCode::PriorStageNotCompleted,
                    format!(
                        "Sustaining in {year} is for departments that took part in Embedding, \
                         without withdrawing, before {year}. {detail}"
                    ),
                ))
            }
            _ => None,
        }
    }

    fn already_completed(&self, stage: Stage) -> Option<Reason> {
        let next = match stage {
            Stage::Development => Stage::Embedding,
            Stage::Embedding => Stage::Sustaining,
            _ => return None,
        };
        let done = self
            .of(stage)
            .into_iter()
            .find(|p| p.academic_year <= self.year && p.outcome == Outcome::Completed)?;
        Some(reason(
            ReasonCode::StageAlreadyCompleted,
            format!(
                "This department completed {stage} in {done_year}. A department takes the \
                 {stage} year once; after it comes {next}.",
                stage = stage.label(),
                done_year = done.academic_year,
                next = next.label(),
            ),
        ))
    }

    fn enrolled(&self, stage: Stage) -> Option<Reason> {
        if !stage.is_pathway_stage() {
            return None;
        }
        let place = Stage::PATHWAY.into_iter().find_map(|s| {
            self.of(s)
                .into_iter()
                .find(|p| p.academic_year == self.year && p.outcome.took_part())
        })?;
        Some(reason(
            ReasonCode::AlreadyEnrolledThisYear,
            format!(
                "This department already has a place in {} in {} ({}). A department takes one \
                 stage of the pathway a year.",
                place.stage.label(),
                place.academic_year,
                place.outcome.label().to_lowercase(),
            ),
        ))
    }
}

#[cfg(test)]
mod tests;
