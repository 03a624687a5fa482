//! The Secondary Teaching for Mastery pathway (DOMAIN.md): its stages, a department's history,
//! who may join which stage, the programme catalogue, schools' applications, the Specialists
//! Programme, and the rollover from one year to the next.

pub mod applications;
pub mod catalogue;
pub mod eligibility;
mod outcome;
mod participation;
pub mod rollover;
pub mod specialists;
mod stage;
pub mod work_groups;

pub use applications::{Application, ApplicationInput, ApplicationStatus, FieldError, transition};
pub use catalogue::{Programme, ProgrammeCode, foci, seed_catalogue};
pub use eligibility::{Eligibility, EligibilityQuery, Reason, ReasonCode, eligibility};
pub use outcome::{Outcome, OutcomeError};
pub use participation::Participation;
pub use rollover::{NextStage, next_stage};
pub use stage::{Stage, StageError};
pub use work_groups::{Capacity, WorkGroupFacts, WorkGroupStatus};
