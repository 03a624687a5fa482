//! The pathway's records: the programme catalogue of each year, Work Groups, each department's
//! participation year by year, and schools' applications.

pub mod applications;
pub mod catalogue;
pub mod history;
pub mod rollover;
pub mod specialists;
pub mod work_groups;

use masteryhub_domain::AcademicYear;

use crate::StoreError;

/// An academic year as stored: `2024/25`.
pub(crate) fn year_text(year: AcademicYear) -> String {
    year.to_string()
}

/// An academic year read back.
pub(crate) fn stored_year(text: &str) -> Result<AcademicYear, StoreError> {
    AcademicYear::parse(text).map_err(|e| StoreError::Invalid(format!("stored academic year: {e}")))
}
