//! Facts about an establishment that the programme's rules depend on, derived from the school
//! register (GIAS) and never typed in by hand.
//!
//! - **State-funded** follows the Department for Education's published statistics: mainstream
//!   state-funded schools, decided by the type of establishment (not by its type group, since
//!   city technology colleges sit in the "Independent schools" group but are state-funded).
//!   Special schools, alternative provision, nursery schools, colleges and independent schools are
//!   other categories and do not count.
//! - **Secondary** means the establishment teaches Key Stage 3 and 4: phases Secondary, Middle
//!   deemed secondary and All-through. 16-plus-only institutions do not count.
//! - **Open** means the register's status is Open, or Open but proposed to close.

use serde::Serialize;

/// Types of establishment (GIAS `TypeOfEstablishment (name)`) that count as state-funded.
const STATE_FUNDED_TYPES: &[&str] = &[
    "community school",
    "voluntary aided school",
    "voluntary controlled school",
    "foundation school",
    "academy converter",
    "academy sponsor led",
    "academy 16-19 converter",
    "academy 16 to 19 sponsor led",
    "free schools",
    "free schools 16 to 19",
    "studio schools",
    "university technical college",
    "city technology college",
];

/// Phases of education (GIAS `PhaseOfEducation (name)`) that teach Key Stage 3 and 4.
const SECONDARY_PHASES: &[&str] = &["secondary", "middle deemed secondary", "all-through"];

/// Establishment statuses (GIAS `EstablishmentStatus (name)`) under which a school is open.
const OPEN_STATUSES: &[&str] = &["open", "open, but proposed to close"];

fn is_one_of(value: &str, names: &[&str]) -> bool {
    let value = value.trim();
    names.iter().any(|name| name.eq_ignore_ascii_case(value))
}

/// Whether a type of establishment is a state-funded (mainstream) school.
pub fn is_state_funded(type_of_establishment: &str) -> bool {
    is_one_of(type_of_establishment, STATE_FUNDED_TYPES)
}

/// Whether a phase of education teaches Key Stage 3 and 4.
pub fn is_secondary(phase_of_education: &str) -> bool {
    is_one_of(phase_of_education, SECONDARY_PHASES)
}

/// Whether an establishment status means the school is open.
pub fn is_open(establishment_status: &str) -> bool {
    is_one_of(establishment_status, OPEN_STATUSES)
}

/// The three derived facts, together.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct EstablishmentFacts {
    pub state_funded: bool,
    pub secondary: bool,
    pub open: bool,
}

impl EstablishmentFacts {
    /// Derives the facts from the register's type, phase and status names.
    pub fn derive(type_of_establishment: &str, phase_of_education: &str, status: &str) -> Self {
        Self {
            state_funded: is_state_funded(type_of_establishment),
            secondary: is_secondary(phase_of_education),
            open: is_open(status),
        }
    }

    /// Counts towards the national target: open, state-funded and secondary.
    pub fn counts_towards_target(self) -> bool {
        self.state_funded && self.secondary && self.open
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every (type group, type of establishment) in the real register extract of 2025-04-22
    /// (`establishment-types-20250422.csv`), with whether it is state-funded.
    pub(crate) const EVERY_REAL_TYPE: &[(&str, &str, bool)] = &[
        ("Colleges", "Further education", false),
        ("Colleges", "Sixth form centres", false),
        ("Universities", "Higher education institutions", false),
        ("Independent schools", "City technology college", true),
        ("Independent schools", "Other independent school", false),
        (
            "Local authority maintained schools",
            "Community school",
            true,
        ),
        (
            "Local authority maintained schools",
            "Voluntary aided school",
            true,
        ),
        (
            "Local authority maintained schools",
            "Voluntary controlled school",
            true,
        ),
        (
            "Local authority maintained schools",
            "Foundation school",
            true,
        ),
        (
            "Local authority maintained schools",
            "Pupil referral unit",
            false,
        ),
        (
            "Local authority maintained schools",
            "Local authority nursery school",
            false,
        ),
        ("Special schools", "Community special school", false),
        ("Special schools", "Non-maintained special school", false),
        ("Special schools", "Other independent special school", false),
        ("Special schools", "Foundation special school", false),
        ("Welsh schools", "Welsh establishment", false),
        ("Other types", "Secure units", false),
        ("Other types", "Offshore schools", false),
        ("Other types", "Service children's education", false),
        ("Other types", "Miscellaneous", false),
        ("Other types", "Special post 16 institution", false),
        ("Other types", "British schools overseas", false),
        (
            "Other types",
            "Institution funded by other government department",
            false,
        ),
        ("Academies", "Academy sponsor led", true),
        ("Academies", "Academy special sponsor led", false),
        ("Academies", "Academy converter", true),
        (
            "Academies",
            "Academy alternative provision converter",
            false,
        ),
        (
            "Academies",
            "Academy alternative provision sponsor led",
            false,
        ),
        ("Academies", "Academy special converter", false),
        ("Academies", "Academy 16-19 converter", true),
        ("Academies", "Academy 16 to 19 sponsor led", true),
        ("Academies", "Academy secure 16 to 19", false),
        ("Free Schools", "Free schools", true),
        ("Free Schools", "Free schools special", false),
        ("Free Schools", "Free schools alternative provision", false),
        ("Free Schools", "Free schools 16 to 19", true),
        ("Free Schools", "University technical college", true),
        ("Free Schools", "Studio schools", true),
        ("Online provider", "Online provider", false),
    ];

    #[test]
    fn every_real_type_of_establishment() {
        for &(group, kind, state_funded) in EVERY_REAL_TYPE {
            assert_eq!(is_state_funded(kind), state_funded, "{group} / {kind}");
        }
        assert_eq!(
            EVERY_REAL_TYPE.iter().filter(|t| t.2).count(),
            STATE_FUNDED_TYPES.len(),
            "every state-funded type is a real one"
        );
    }

    #[test]
    fn city_technology_colleges_are_state_funded_despite_their_group() {
        assert!(is_state_funded("City technology college"));
        assert!(!is_state_funded("Other independent school"));
    }

    #[test]
    fn phases() {
        for phase in ["Secondary", "Middle deemed secondary", "All-through"] {
            assert!(is_secondary(phase), "{phase}");
        }
        for phase in [
            "Not applicable",
            "Nursery",
            "Primary",
            "Middle deemed primary",
            "16 plus",
            "",
        ] {
            assert!(!is_secondary(phase), "{phase}");
        }
    }

    #[test]
    fn statuses() {
        assert!(is_open("Open"));
        assert!(is_open("Open, but proposed to close"));
        assert!(!is_open("Closed"));
        assert!(!is_open("Proposed to open"));
        assert!(!is_open(""));
    }

    #[test]
    fn matching_ignores_case_and_surrounding_space() {
        assert!(is_state_funded(" Academy Converter "));
        assert!(!is_state_funded("Academy converter school"));
    }

    #[test]
    fn counts_towards_target_needs_all_three() {
        let facts = EstablishmentFacts::derive("Academy converter", "Secondary", "Open");
        assert!(facts.counts_towards_target());
        for (kind, phase, status) in [
            ("Other independent school", "Secondary", "Open"),
            ("Academy converter", "Primary", "Open"),
            ("Academy converter", "Secondary", "Closed"),
        ] {
            assert!(!EstablishmentFacts::derive(kind, phase, status).counts_towards_target());
        }
    }
}
