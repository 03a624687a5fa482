//! Eligibility as a person asks it: the domain's rules given the register's facts, the
//! department's history (its predecessors' too) and the year's catalogue. A school the person
//! may not see is answered as one not in the register, so the answer tells nothing of it.
//!
//! Lists ask for many departments at once ([`eligibility_of_each`]): their register facts and
//! histories are read together, in a few queries whatever the list's length.

use masteryhub_domain::pathway::{Eligibility, EligibilityQuery, Stage, eligibility};
use masteryhub_domain::policy::{Action, Resource};
use masteryhub_domain::{AcademicYear, Urn};
use masteryhub_store::StoreError;

use crate::AppState;
use crate::auth::SignedIn;

/// One department's question: may it join `stage`?
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ask {
    pub urn: Urn,
    pub stage: Stage,
    /// For an application that may already hold its place: the place it was given (this
    /// school, stage and year) is left out, so an accepted application is not shown as barred
    /// by its own acceptance.
    pub own_place: bool,
}

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

/// As [`eligibility_for`], leaving out the application's own place when `own_place` (see
/// [`Ask::own_place`]).
pub async fn eligibility_besides(
    state: &AppState,
    user: &SignedIn,
    urn: Urn,
    stage: Stage,
    year: AcademicYear,
    own_place: bool,
) -> Result<Eligibility, StoreError> {
    let ask = Ask {
        urn,
        stage,
        own_place,
    };
    let mut answers = eligibility_of_each(state, user, year, &[ask]).await?;
    Ok(answers.remove(0))
}

/// The answer to each of `asks` for `year`, in the same order.
pub async fn eligibility_of_each(
    state: &AppState,
    user: &SignedIn,
    year: AcademicYear,
    asks: &[Ask],
) -> Result<Vec<Eligibility>, StoreError> {
    let urns: Vec<Urn> = asks.iter().map(|ask| ask.urn).collect();
    let mut schools = state.db.schools_facts(&urns).await?;
    schools.retain(|urn, school| {
        user.may(
            Action::View,
            Resource::School {
                urn: *urn,
                hub: school.hub_code.as_deref(),
            },
        )
    });
    let visible: Vec<Urn> = schools.keys().copied().collect();
    let histories = state.db.departments_history(&visible).await?;
    let catalogue = state.db.programmes(year).await?;
    Ok(asks
        .iter()
        .map(|ask| {
            let mut history = histories.get(&ask.urn).cloned().unwrap_or_default();
            if ask.own_place {
                history.retain(|p| {
                    !(p.urn == ask.urn && p.academic_year == year && p.stage == ask.stage)
                });
            }
            eligibility(&EligibilityQuery {
                school: schools.get(&ask.urn).map(|school| school.facts),
                stage: ask.stage,
                academic_year: year,
                history: &history,
                catalogue: &catalogue,
            })
        })
        .collect())
}
