//! The real (type group, type of establishment) pairs of the register, code and name, as in
//! the extract of 2025-04-22.

/// A type of establishment and its group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct TypeSpec {
    pub(crate) code: u8,
    pub(crate) name: &'static str,
    pub(crate) group_code: u8,
    pub(crate) group_name: &'static str,
}

/// Every type of establishment, named by the enum [`Ty`] (same order).
pub(crate) const TYPES: [TypeSpec; 39] = [
    t(18, "Further education", 1, "Colleges"),
    t(31, "Sixth form centres", 1, "Colleges"),
    t(29, "Higher education institutions", 2, "Universities"),
    t(6, "City technology college", 3, "Independent schools"),
    t(11, "Other independent school", 3, "Independent schools"),
    t(1, "Community school", 4, MAINTAINED),
    t(2, "Voluntary aided school", 4, MAINTAINED),
    t(3, "Voluntary controlled school", 4, MAINTAINED),
    t(5, "Foundation school", 4, MAINTAINED),
    t(14, "Pupil referral unit", 4, MAINTAINED),
    t(15, "Local authority nursery school", 4, MAINTAINED),
    t(7, "Community special school", 5, "Special schools"),
    t(8, "Non-maintained special school", 5, "Special schools"),
    t(10, "Other independent special school", 5, "Special schools"),
    t(12, "Foundation special school", 5, "Special schools"),
    t(30, "Welsh establishment", 6, "Welsh schools"),
    t(24, "Secure units", 9, OTHER),
    t(25, "Offshore schools", 9, OTHER),
    t(26, "Service children's education", 9, OTHER),
    t(27, "Miscellaneous", 9, OTHER),
    t(32, "Special post 16 institution", 9, OTHER),
    t(37, "British schools overseas", 9, OTHER),
    t(
        56,
        "Institution funded by other government department",
        9,
        OTHER,
    ),
    t(28, "Academy sponsor led", 10, ACADEMIES),
    t(33, "Academy special sponsor led", 10, ACADEMIES),
    t(34, "Academy converter", 10, ACADEMIES),
    t(42, "Academy alternative provision converter", 10, ACADEMIES),
    t(
        43,
        "Academy alternative provision sponsor led",
        10,
        ACADEMIES,
    ),
    t(44, "Academy special converter", 10, ACADEMIES),
    t(45, "Academy 16-19 converter", 10, ACADEMIES),
    t(46, "Academy 16 to 19 sponsor led", 10, ACADEMIES),
    t(57, "Academy secure 16 to 19", 10, ACADEMIES),
    t(35, "Free schools", 11, FREE),
    t(36, "Free schools special", 11, FREE),
    t(38, "Free schools alternative provision", 11, FREE),
    t(39, "Free schools 16 to 19", 11, FREE),
    t(40, "University technical college", 11, FREE),
    t(41, "Studio schools", 11, FREE),
    t(49, "Online provider", 13, "Online provider"),
];

const MAINTAINED: &str = "Local authority maintained schools";
const OTHER: &str = "Other types";
const ACADEMIES: &str = "Academies";
const FREE: &str = "Free Schools";

const fn t(code: u8, name: &'static str, group_code: u8, group_name: &'static str) -> TypeSpec {
    TypeSpec {
        code,
        name,
        group_code,
        group_name,
    }
}

/// A type of establishment; `ty as usize` indexes [`TYPES`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[allow(dead_code)] // Every type is listed for completeness; the generator uses most.
pub(crate) enum Ty {
    FurtherEducation,
    SixthFormCentre,
    HigherEducation,
    CityTechnologyCollege,
    OtherIndependent,
    Community,
    VoluntaryAided,
    VoluntaryControlled,
    Foundation,
    PupilReferralUnit,
    NurserySchool,
    CommunitySpecial,
    NonMaintainedSpecial,
    IndependentSpecial,
    FoundationSpecial,
    Welsh,
    SecureUnit,
    Offshore,
    ServiceChildren,
    Miscellaneous,
    SpecialPost16,
    BritishOverseas,
    OtherGovernmentDepartment,
    AcademySponsorLed,
    AcademySpecialSponsorLed,
    AcademyConverter,
    AcademyApConverter,
    AcademyApSponsorLed,
    AcademySpecialConverter,
    Academy1619Converter,
    Academy1619SponsorLed,
    AcademySecure1619,
    FreeSchool,
    FreeSchoolSpecial,
    FreeSchoolAp,
    FreeSchool1619,
    UniversityTechnicalCollege,
    StudioSchool,
    OnlineProvider,
}

impl Ty {
    pub(crate) fn spec(self) -> &'static TypeSpec {
        &TYPES[self as usize]
    }

    /// An academy or free school (run by a trust).
    pub(crate) fn is_academy(self) -> bool {
        matches!(self.spec().group_code, 10 | 11)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SHARED: &str = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/data/gias/establishment-types-20250422.csv"
    );

    #[test]
    fn enum_and_table_agree() {
        assert_eq!(Ty::FurtherEducation.spec().name, "Further education");
        assert_eq!(Ty::AcademyConverter.spec().code, 34);
        assert_eq!(Ty::OnlineProvider.spec().name, "Online provider");
        assert_eq!(Ty::OnlineProvider as usize, TYPES.len() - 1);
    }

    #[test]
    fn equals_the_real_types_of_2025_04_22() {
        let Ok(text) = std::fs::read_to_string(SHARED) else {
            eprintln!("notice: {SHARED} is missing; skipping");
            return;
        };
        let mut real: Vec<(u8, String, u8, String)> = Vec::new();
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        for row in reader.records() {
            let row = row.expect("valid CSV");
            let number = |i: usize| row[i].parse::<u8>().expect("a code");
            let key = (number(0), row[1].to_owned(), number(2), row[3].to_owned());
            if !real.contains(&key) {
                real.push(key);
            }
        }
        let ours: Vec<(u8, String, u8, String)> = TYPES
            .iter()
            .map(|t| {
                (
                    t.group_code,
                    t.group_name.to_owned(),
                    t.code,
                    t.name.to_owned(),
                )
            })
            .collect();
        assert_eq!(ours, real);
    }
}
