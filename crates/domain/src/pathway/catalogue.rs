//! The national programme catalogue, seeded from the programme descriptions in `seeds/`
//! (DOMAIN.md). Every figure below names the seed it comes from; where the seeds give no figure
//! the value is `None`, for the national team to set, rather than a guess.
//!
//! Only two project codes appear in the seeds: NCP21-13 "Embedding Year Support" and NCP21-14
//! "Embedding and Sustaining Work Group" (004, the 2021/22 projects). The other programmes get
//! placeholder codes starting [`PLACEHOLDER_PREFIX`], for the national admin to replace with the
//! year's real project codes. Codes are kept as they are from year to year: copying the catalogue
//! to a new year changes the year, not the codes.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::AcademicYear;
use crate::money::Pence;

use super::Stage;
use super::specialists::SpecialistRates;

/// The code of the Embedding Year Support project (004).
pub const EMBEDDING_YEAR_SUPPORT: &str = "NCP21-13";
/// The code of the Embedding and Sustaining Work Group, which a school in Embedding must also
/// join (004).
pub const EMBEDDING_AND_SUSTAINING_WORK_GROUP: &str = "NCP21-14";
/// Seeded codes starting with this are placeholders: the seeds give no code for the programme.
pub const PLACEHOLDER_PREFIX: &str = "STM";

/// Days of bespoke specialist support per school in Development: "5 days" (001).
pub const DEVELOPMENT_SUPPORT_DAYS: u8 = 5;
/// Days of bespoke specialist support per school in Embedding: "three days" (004, 000).
pub const EMBEDDING_SUPPORT_DAYS: u8 = 3;
/// Funding per department in Development: £2000 (003; hub recruitment material).
pub const DEVELOPMENT_FUNDING: Pence = Pence::from_pounds(2000);
/// Funding per school in Embedding: £1000, for 2 teachers x 3 days (000).
pub const EMBEDDING_FUNDING: Pence = Pence::from_pounds(1000);

/// A project code in the national catalogue, such as `NCP21-13`: two to five letters, two digits
/// for the year, a hyphen and a number of two or three digits. Kept in capitals.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct ProgrammeCode(String);

/// Why a text is not a programme code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "'{0}' is not a programme code: write it like NCP21-13 (letters, two digits for the year, \
     a hyphen and a number)"
)]
pub struct ProgrammeCodeError(pub String);

impl ProgrammeCode {
    /// Parses a code, ignoring surrounding space and case (`ncp21-13` is `NCP21-13`).
    pub fn parse(text: &str) -> Result<Self, ProgrammeCodeError> {
        let code = text.trim().to_ascii_uppercase();
        let refuse = || ProgrammeCodeError(text.trim().to_owned());
        let (head, number) = code.split_once('-').ok_or_else(refuse)?;
        let letters = head.trim_end_matches(|c: char| c.is_ascii_digit());
        let year = &head[letters.len()..];
        let valid = (2..=5).contains(&letters.len())
            && letters.bytes().all(|b| b.is_ascii_uppercase())
            && year.len() == 2
            && (2..=3).contains(&number.len())
            && number.bytes().all(|b| b.is_ascii_digit());
        if valid { Ok(Self(code)) } else { Err(refuse()) }
    }

    /// The code as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether this is one of the seeded placeholders rather than a real project code.
    pub fn is_placeholder(&self) -> bool {
        self.0.starts_with(PLACEHOLDER_PREFIX)
    }

    /// A code written in this file, known to be valid (checked by the tests).
    fn known(code: &'static str) -> Self {
        Self(code.to_owned())
    }
}

impl fmt::Display for ProgrammeCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl FromStr for ProgrammeCode {
    type Err = ProgrammeCodeError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl TryFrom<String> for ProgrammeCode {
    type Error = ProgrammeCodeError;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<ProgrammeCode> for String {
    fn from(code: ProgrammeCode) -> Self {
        code.0
    }
}

/// How many departments a Work Group of a programme holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct GroupSize {
    min: u16,
    max: u16,
}

/// Why a group size cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "a Work Group of {min} to {max} departments is not possible: it needs at least one \
     department, and the smallest size cannot exceed the largest"
)]
pub struct GroupSizeError {
    /// The smallest size given.
    pub min: u16,
    /// The largest size given.
    pub max: u16,
}

impl GroupSize {
    /// A range of department counts, from `min` to `max` inclusive.
    pub fn new(min: u16, max: u16) -> Result<Self, GroupSizeError> {
        if min >= 1 && min <= max {
            Ok(Self { min, max })
        } else {
            Err(GroupSizeError { min, max })
        }
    }

    /// The fewest departments the group usually holds.
    pub fn min(self) -> u16 {
        self.min
    }

    /// The most departments the group holds: its default capacity.
    pub fn max(self) -> u16 {
        self.max
    }

    /// Whether a group of `departments` is within the range.
    pub fn fits(self, departments: u32) -> bool {
        (u32::from(self.min)..=u32::from(self.max)).contains(&departments)
    }
}

/// One programme of the national catalogue for one academic year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Programme {
    /// The project code, e.g. NCP21-13.
    pub code: ProgrammeCode,
    /// The programme's title.
    pub title: String,
    /// The academic year this entry is for.
    pub academic_year: AcademicYear,
    /// The stage a department (or trainee specialist) joins this programme for.
    pub stage: Stage,
    /// Days of bespoke specialist support per school, where the seeds give a figure.
    pub support_days: Option<u8>,
    /// How many departments a Work Group holds, where the seeds give a figure.
    pub group_size: Option<GroupSize>,
    /// Programmes a school joining this one must also join.
    pub co_requisites: Vec<ProgrammeCode>,
    /// Default funding per school (or, for the Specialists Programme, to the specialist's
    /// school), where the seeds give a figure.
    pub funding_per_school: Option<Pence>,
}

impl Programme {
    /// The same programme offered again in another academic year: same code, title, figures and
    /// co-requisites.
    pub fn copy_to_year(&self, year: AcademicYear) -> Programme {
        Programme {
            academic_year: year,
            ..self.clone()
        }
    }
}

/// The whole catalogue offered again in another academic year (see [`Programme::copy_to_year`]).
pub fn copy_to_year(catalogue: &[Programme], year: AcademicYear) -> Vec<Programme> {
    catalogue.iter().map(|p| p.copy_to_year(year)).collect()
}

/// The programme a department (or trainee) joins for a stage: the first in the catalogue for it.
pub fn programme_for(catalogue: &[Programme], stage: Stage) -> Option<&Programme> {
    catalogue.iter().find(|p| p.stage == stage)
}

/// The catalogue the seeds describe, for one academic year: one programme for every stage.
pub fn seed_catalogue(year: AcademicYear) -> Vec<Programme> {
    let usual_group = GroupSize {
        min: 4, // "usually four to six" departments (002)
        max: 6,
    };
    let rates = SpecialistRates::seed();
    let programme = |code, title: &str, stage| Programme {
        code: ProgrammeCode::known(code),
        title: title.to_owned(),
        academic_year: year,
        stage,
        support_days: None,
        group_size: None,
        co_requisites: Vec::new(),
        funding_per_school: None,
    };
    vec![
        // A tailored Work Group before or alongside the pathway (002); no figures in the seeds.
        programme(
            "STM21-01",
            "Secondary Teaching for Mastery: preparatory Work Group",
            Stage::Preparatory,
        ),
        Programme {
            support_days: Some(DEVELOPMENT_SUPPORT_DAYS),
            // "Two teachers from each of two schools" (002); the year-3 specialist "supports
            // two departments" (003).
            group_size: Some(GroupSize { min: 2, max: 2 }),
            funding_per_school: Some(DEVELOPMENT_FUNDING),
            ..programme(
                "STM21-02",
                "Secondary Teaching for Mastery Development Work Group",
                Stage::Development,
            )
        },
        Programme {
            support_days: Some(EMBEDDING_SUPPORT_DAYS),
            group_size: Some(usual_group),
            // "must also join the Embedding and Sustaining Work Group (NCP21-14)" (004).
            co_requisites: vec![ProgrammeCode::known(EMBEDDING_AND_SUSTAINING_WORK_GROUP)],
            funding_per_school: Some(EMBEDDING_FUNDING),
            ..programme(
                EMBEDDING_YEAR_SUPPORT,
                "Secondary Teaching for Mastery – Embedding Year Support",
                Stage::Embedding,
            )
        },
        // Sustaining departments meet in this Work Group; Embedding ones join it alongside
        // NCP21-13 (004, 001). 002 promises "funding towards the cost of releasing teachers" but
        // gives no figure.
        Programme {
            group_size: Some(usual_group),
            ..programme(
                EMBEDDING_AND_SUSTAINING_WORK_GROUP,
                "Secondary Teaching for Mastery – Embedding and Sustaining Work Group",
                Stage::Sustaining,
            )
        },
        // The Specialists Programme (003): funding to the specialist's school by year of training.
        Programme {
            funding_per_school: Some(rates.year_1_release()),
            ..programme(
                "STM21-03",
                "Secondary Mastery Specialists Programme, year 1",
                Stage::SpecialistYear1,
            )
        },
        programme(
            "STM21-04",
            "Secondary Mastery Specialists Programme, year 2",
            Stage::SpecialistYear2,
        ),
        Programme {
            funding_per_school: rates.year_3_release(),
            ..programme(
                "STM21-05",
                "Secondary Mastery Specialists Programme, year 3",
                Stage::SpecialistYear3,
            )
        },
    ]
}

/// The Work Group foci the seeds give for 2024/25 (002, 001).
pub const FOCI_2024_25: [&str; 4] = [
    "Mathematical Thinking for GCSE",
    "Years 7–11 Coherence",
    "Years 5–8 Continuity",
    "Secondary Subject Leadership",
];

/// The year's list of Work Group foci, as seeded: the seeds name 2024/25's only, so other years
/// start empty for the national team to fill in (or copy forward).
pub fn foci(year: AcademicYear) -> Vec<&'static str> {
    if year.start_year() == 2024 {
        FOCI_2024_25.to_vec()
    } else {
        Vec::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn year(text: &str) -> AcademicYear {
        AcademicYear::parse(text).expect("valid year")
    }

    #[test]
    fn programme_codes_are_checked_and_kept_in_capitals() {
        assert_eq!(
            ProgrammeCode::parse(" ncp21-13 ").map(|c| c.to_string()),
            Ok("NCP21-13".to_owned())
        );
        assert!(ProgrammeCode::parse("MH24-101").is_ok());
        for bad in [
            "",
            "NCP21",
            "NCP-13",
            "N21-13",
            "NCPXYZ21-13",
            "NCP2-13",
            "NCP211-13",
            "NCP21-1",
            "NCP21-1234",
            "NCP21-1A",
            "21-13",
            "NCP21_13",
            "NC P21-13",
            "NCP21-13-1",
        ] {
            assert_eq!(
                ProgrammeCode::parse(bad),
                Err(ProgrammeCodeError(bad.trim().to_owned())),
                "{bad}"
            );
        }
        let message = ProgrammeCode::parse("Embedding")
            .expect_err("not a code")
            .to_string();
        assert!(message.contains("'Embedding'") && message.contains("NCP21-13"));
    }

    #[test]
    fn group_sizes_need_a_sensible_range() {
        let usual = GroupSize::new(4, 6).expect("valid");
        assert!(!usual.fits(3) && usual.fits(4) && usual.fits(6) && !usual.fits(7));
        assert_eq!(GroupSize::new(0, 2), Err(GroupSizeError { min: 0, max: 2 }));
        assert_eq!(GroupSize::new(5, 4), Err(GroupSizeError { min: 5, max: 4 }));
        assert!(GroupSize::new(2, 2).is_ok());
    }

    #[test]
    fn the_seed_catalogue_has_one_programme_per_stage_with_valid_codes() {
        let catalogue = seed_catalogue(year("2024/25"));
        assert_eq!(catalogue.len(), Stage::ALL.len());
        for stage in Stage::ALL {
            let found: Vec<_> = catalogue.iter().filter(|p| p.stage == stage).collect();
            assert_eq!(found.len(), 1, "{stage}");
        }
        for programme in &catalogue {
            assert_eq!(
                ProgrammeCode::parse(programme.code.as_str()).as_ref(),
                Ok(&programme.code)
            );
            assert_eq!(programme.academic_year, year("2024/25"));
            for co in &programme.co_requisites {
                assert!(catalogue.iter().any(|p| &p.code == co), "{co} missing");
                assert_ne!(co, &programme.code);
            }
        }
        let mut codes: Vec<_> = catalogue.iter().map(|p| p.code.clone()).collect();
        codes.sort();
        codes.dedup();
        assert_eq!(codes.len(), catalogue.len(), "codes are unique");
    }

    #[test]
    fn the_seed_figures_are_the_seeds() {
        let catalogue = seed_catalogue(year("2021/22"));
        let development = programme_for(&catalogue, Stage::Development).expect("seeded");
        assert_eq!(development.support_days, Some(5));
        assert_eq!(development.funding_per_school, Some(Pence::new(200_000)));
        assert_eq!(development.group_size, GroupSize::new(2, 2).ok());
        assert!(development.co_requisites.is_empty());
        assert!(development.code.is_placeholder());

        let embedding = programme_for(&catalogue, Stage::Embedding).expect("seeded");
        assert_eq!(embedding.code.as_str(), "NCP21-13");
        assert_eq!(
            embedding.title,
            "Secondary Teaching for Mastery – Embedding Year Support"
        );
        assert_eq!(embedding.support_days, Some(3));
        assert_eq!(embedding.funding_per_school, Some(Pence::new(100_000)));
        assert_eq!(embedding.group_size, GroupSize::new(4, 6).ok());
        assert_eq!(
            embedding.co_requisites,
            [ProgrammeCode::parse("NCP21-14").expect("valid")]
        );
        assert!(!embedding.code.is_placeholder());

        let sustaining = programme_for(&catalogue, Stage::Sustaining).expect("seeded");
        assert_eq!(sustaining.code.as_str(), "NCP21-14");
        assert_eq!(sustaining.support_days, None);
        assert_eq!(sustaining.funding_per_school, None);
        assert_eq!(sustaining.group_size, GroupSize::new(4, 6).ok());

        let funding = |stage| programme_for(&catalogue, stage).and_then(|p| p.funding_per_school);
        assert_eq!(
            funding(Stage::SpecialistYear1),
            Some(Pence::from_pounds(3000))
        );
        assert_eq!(funding(Stage::SpecialistYear2), None);
        assert_eq!(
            funding(Stage::SpecialistYear3),
            Some(Pence::from_pounds(5250))
        );
        assert_eq!(funding(Stage::Preparatory), None);
    }

    #[test]
    fn copying_to_a_year_changes_only_the_year() {
        let from = seed_catalogue(year("2024/25"));
        let copied = copy_to_year(&from, year("2025/26"));
        assert_eq!(copied.len(), from.len());
        for (old, new) in from.iter().zip(&copied) {
            assert_eq!(new.academic_year, year("2025/26"));
            assert_eq!(new.copy_to_year(year("2024/25")), *old);
        }
        assert_eq!(copied, seed_catalogue(year("2025/26")));
    }

    #[test]
    fn foci_are_seeded_for_2024_25_only() {
        assert_eq!(
            foci(year("2024/25")),
            [
                "Mathematical Thinking for GCSE",
                "Years 7–11 Coherence",
                "Years 5–8 Continuity",
                "Secondary Subject Leadership"
            ]
        );
        assert!(foci(year("2023/24")).is_empty());
        assert!(foci(year("2025/26")).is_empty());
    }
}
