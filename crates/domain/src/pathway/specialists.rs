//! The Secondary Mastery Specialists Programme (003, 002): the criteria a nomination must
//! address and the hub's scoring of it, the three years of training, and the
//! default funding rates.

mod criteria;

pub use criteria::{
    CRITERIA, Criterion, EvidenceSource, Importance, MAX_SCORE, MissingEssential, ScoreTotals,
    Scoring, ScoringError, SpecialistNominee, check_essentials, criterion_by_code,
};

use serde::Serialize;

use crate::AcademicYear;
use crate::money::Pence;

use super::Stage;

/// Where a Mastery Specialist stands in a given academic year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SpecialistStanding {
    /// Training year 1: their own knowledge, understanding and practice.
    Year1,
    /// Training year 2: the whole department's practice.
    Year2,
    /// Training year 3: leads a Development Work Group supporting two departments.
    Year3,
    /// After year 3: an accredited Work Group Lead.
    Accredited,
}

impl SpecialistStanding {
    /// The standing in `year` of a specialist who started training in `started`; `None` before
    /// they started.
    pub fn in_year(started: AcademicYear, year: AcademicYear) -> Option<Self> {
        match year.start_year() - started.start_year() {
            before if before < 0 => None,
            0 => Some(Self::Year1),
            1 => Some(Self::Year2),
            2 => Some(Self::Year3),
            _ => Some(Self::Accredited),
        }
    }

    /// The programme stage of a training year (`None` once accredited).
    pub fn stage(self) -> Option<Stage> {
        match self {
            Self::Year1 => Some(Stage::SpecialistYear1),
            Self::Year2 => Some(Stage::SpecialistYear2),
            Self::Year3 => Some(Stage::SpecialistYear3),
            Self::Accredited => None,
        }
    }

    /// Whether a specialist at this standing may lead a Work Group of this stage: in year 3 a
    /// Development Work Group only (003, 002); once accredited, any department's Work Group.
    pub fn may_lead(self, stage: Stage) -> bool {
        match self {
            Self::Year1 | Self::Year2 => false,
            Self::Year3 => stage == Stage::Development,
            Self::Accredited => stage.is_department_stage(),
        }
    }
}

/// The first academic year a specialist who started training in `started` may lead a Work
/// Group: their third year (003), if it is within the years this service covers.
pub fn first_leading_year(started: AcademicYear) -> Option<AcademicYear> {
    started.next().and_then(AcademicYear::next)
}

/// Why a specialist's accreditation cannot be recorded in a year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccreditationRefused {
    /// Their training starts after the year.
    NotStarted {
        started: AcademicYear,
        year: AcademicYear,
    },
    /// They are in year 1 or 2 of training in the year.
    InTraining {
        started: AcademicYear,
        year: AcademicYear,
        training_year: u8,
    },
    /// Their accreditation is recorded already.
    AlreadyAccredited { accredited: AcademicYear },
}

impl AccreditationRefused {
    /// The refusal as a sentence about the specialist called `name`.
    pub fn message(&self, name: &str) -> String {
        const RULE: &str = "a Mastery Specialist is accredited in or after their third year of \
                            training";
        let third = |started: &AcademicYear| match first_leading_year(*started) {
            Some(year) => format!(", which for {name} is {year}"),
            None => String::new(),
        };
        match self {
            Self::NotStarted { started, .. } => {
                format!(
                    "{name} starts training in {started}: {RULE}{}",
                    third(started)
                )
            }
            Self::InTraining {
                started,
                year,
                training_year,
            } => format!(
                "{name} is in year {training_year} of training in {year}: {RULE}{}",
                third(started)
            ),
            Self::AlreadyAccredited { accredited } => {
                format!("{name} was accredited in {accredited} already")
            }
        }
    }
}

/// Whether a specialist who started training in `started` (and was accredited in `accredited`,
/// if they were) may have their accreditation recorded in `year`: in or after their third year of
/// training (003: "Year 3 on ... From then on they are an accredited Work Group Lead"), once.
pub fn check_accreditation(
    started: AcademicYear,
    accredited: Option<AcademicYear>,
    year: AcademicYear,
) -> Result<(), AccreditationRefused> {
    if let Some(accredited) = accredited {
        return Err(AccreditationRefused::AlreadyAccredited { accredited });
    }
    match SpecialistStanding::in_year(started, year) {
        None => Err(AccreditationRefused::NotStarted { started, year }),
        Some(SpecialistStanding::Year1) => Err(AccreditationRefused::InTraining {
            started,
            year,
            training_year: 1,
        }),
        Some(SpecialistStanding::Year2) => Err(AccreditationRefused::InTraining {
            started,
            year,
            training_year: 2,
        }),
        Some(SpecialistStanding::Year3 | SpecialistStanding::Accredited) => Ok(()),
    }
}

/// The default funding rates of the Specialists Programme (003), changeable per academic year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct SpecialistRates {
    /// Year 1: days of release for the lead teacher ("15 days", 003).
    pub year_1_release_days: u16,
    /// Year 1: the cost of those days, paid to the school ("£3000", 003). The PD Lead programme
    /// and travel to the residentials are also covered, at cost.
    pub year_1_release_total: Pence,
    /// Year 3: days of release to support two other departments ("15 days", 003).
    pub year_3_release_days: u16,
    /// Year 3: the daily rate ("£350 per day", 003).
    pub year_3_day_rate: Pence,
    /// Year 3: paid to each department the specialist works with ("£2000", 003).
    pub per_department_supported: Pence,
}

impl SpecialistRates {
    /// The rates of 003.
    pub fn seed() -> Self {
        Self {
            year_1_release_days: 15,
            year_1_release_total: Pence::from_pounds(3000),
            year_3_release_days: 15,
            year_3_day_rate: Pence::from_pounds(350),
            per_department_supported: super::catalogue::DEVELOPMENT_FUNDING,
        }
    }

    /// Year 1's release funding to the specialist's school.
    pub fn year_1_release(&self) -> Pence {
        self.year_1_release_total
    }

    /// Year 3's release funding to the specialist's school: days times the daily rate (`None`
    /// on overflow).
    pub fn year_3_release(&self) -> Option<Pence> {
        self.year_3_day_rate
            .checked_mul(i64::from(self.year_3_release_days))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn year(text: &str) -> AcademicYear {
        AcademicYear::parse(text).expect("valid year")
    }

    #[test]
    fn specialists_lead_a_development_work_group_from_their_third_year() {
        let started = year("2022/23");
        let standing = |y| SpecialistStanding::in_year(started, year(y));
        assert_eq!(standing("2021/22"), None);
        assert_eq!(standing("2022/23"), Some(SpecialistStanding::Year1));
        assert_eq!(standing("2023/24"), Some(SpecialistStanding::Year2));
        assert_eq!(standing("2024/25"), Some(SpecialistStanding::Year3));
        assert_eq!(standing("2030/31"), Some(SpecialistStanding::Accredited));
        assert_eq!(first_leading_year(started), Some(year("2024/25")));
        assert_eq!(first_leading_year(year("2097/98")), None);

        assert!(!SpecialistStanding::Year1.may_lead(Stage::Development));
        assert!(!SpecialistStanding::Year2.may_lead(Stage::Development));
        assert!(SpecialistStanding::Year3.may_lead(Stage::Development));
        assert!(!SpecialistStanding::Year3.may_lead(Stage::Embedding));
        assert!(SpecialistStanding::Accredited.may_lead(Stage::Sustaining));
        assert!(!SpecialistStanding::Accredited.may_lead(Stage::SpecialistYear1));
        assert_eq!(
            SpecialistStanding::Year3.stage(),
            Some(Stage::SpecialistYear3)
        );
        assert_eq!(SpecialistStanding::Accredited.stage(), None);
    }

    #[test]
    fn accreditation_comes_in_or_after_the_third_year_and_once() {
        let started = year("2022/23");
        let check = |y| check_accreditation(started, None, year(y));
        assert_eq!(
            check("2021/22"),
            Err(AccreditationRefused::NotStarted {
                started,
                year: year("2021/22")
            })
        );
        for (y, training_year) in [("2022/23", 1), ("2023/24", 2)] {
            assert_eq!(
                check(y),
                Err(AccreditationRefused::InTraining {
                    started,
                    year: year(y),
                    training_year
                })
            );
        }
        assert_eq!(check("2024/25"), Ok(()));
        assert_eq!(check("2031/32"), Ok(()));
        let twice = check_accreditation(started, Some(year("2024/25")), year("2025/26"));
        assert_eq!(
            twice,
            Err(AccreditationRefused::AlreadyAccredited {
                accredited: year("2024/25")
            })
        );

        assert_eq!(
            check("2022/23").map_err(|e| e.message("Tess Teacher")),
            Err(
                "Tess Teacher is in year 1 of training in 2022/23: a Mastery Specialist is \
                 accredited in or after their third year of training, which for Tess Teacher \
                 is 2024/25"
                    .to_owned()
            )
        );
        assert!(
            check("2021/22")
                .map_err(|e| e.message("Tess"))
                .is_err_and(|m| m.starts_with("Tess starts training in 2022/23: "))
        );
        assert_eq!(
            twice.map_err(|e| e.message("Tess")),
            Err("Tess was accredited in 2024/25 already".to_owned())
        );
    }

    proptest::proptest! {
        /// Accreditation is allowed exactly when the standing says a specialist may lead a
        /// Development Work Group: from year 3 on.
        #[test]
        fn accreditation_agrees_with_leading(start in 2000i32..2090, offset in -3i32..8) {
            let started = AcademicYear::starting(start).expect("year");
            if let Ok(y) = AcademicYear::starting(start + offset) {
                let standing = SpecialistStanding::in_year(started, y);
                proptest::prop_assert_eq!(
                    check_accreditation(started, None, y).is_ok(),
                    standing.is_some_and(|s| s.may_lead(Stage::Development))
                );
            }
        }
    }

    #[test]
    fn default_rates_are_003s() {
        let rates = SpecialistRates::seed();
        assert_eq!(rates.year_1_release(), Pence::from_pounds(3000));
        assert_eq!(rates.year_3_release(), Some(Pence::from_pounds(5250)));
        assert_eq!(rates.per_department_supported, Pence::from_pounds(2000));
        let broken = SpecialistRates {
            year_3_day_rate: Pence::new(i64::MAX),
            ..rates
        };
        assert_eq!(broken.year_3_release(), None);
    }
}
