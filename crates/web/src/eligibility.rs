//! Eligibility as a person asks it: the domain's rules given the register's facts, the
//! department's history (its predecessors' too) and the year's catalogue. A school the person
//! may not see is answered as one not in the register, so the answer tells nothing of it.

use masteryhub_domain::pathway::{Eligibility, EligibilityQuery, Stage, eligibility};
use masteryhub_domain::policy::Action;
use masteryhub_domain::{AcademicYear, EstablishmentFacts, Urn};
use masteryhub_store::StoreError;

use crate::AppState;
use crate::auth::SignedIn;
use crate::pages::schools::school_resource;

/// Whether the department at `urn` may join `stage` in `year`, with every reason against.
pub async fn eligibility_for(
    state: &AppState,
    user: &SignedIn,
    urn: Urn,
    stage: Stage,
    year: AcademicYear,
) -> Result<Eligibility, StoreError> {
    eligibility_besides(state, user, urn, stage, year, false).await
}

/// As [`eligibility_for`], for an application that may already hold its place: the place it
/// was given (this school, stage and year) is left out, so an accepted application is not
/// shown as barred by its own acceptance.
pub async fn eligibility_besides(
    state: &AppState,
    user: &SignedIn,
    urn: Urn,
    stage: Stage,
    year: AcademicYear,
    own_place: bool,
) -> Result<Eligibility, StoreError> {
    let school = state
        .db
        .school(urn)
        .await?
        .filter(|school| user.may(Action::View, school_resource(school)));
    let mut history = match &school {
        Some(_) => state.db.department_history(urn).await?,
        None => Vec::new(),
    };
    if own_place {
        history.retain(|p| !(p.urn == urn && p.academic_year == year && p.stage == stage));
    }
    let catalogue = state.db.programmes(year).await?;
    Ok(eligibility(&EligibilityQuery {
        school: school.as_ref().map(|s| EstablishmentFacts {
            state_funded: s.record.state_funded,
            secondary: s.record.secondary,
            open: s.record.open,
        }),
        stage,
        academic_year: year,
        history: &history,
        catalogue: &catalogue,
    }))
}
