//! The columns of the full GIAS establishment extract (`edubasealldataYYYYMMDD.csv`).

/// The 135 column names, in order, of the full GIAS extract as published in 2025.
///
/// The reader does not depend on this list (it selects columns by name and accepts older and
/// newer headers); the generator of `masteryhub-synth` writes exactly these columns.
pub const EXTRACT_COLUMNS: [&str; 135] = [
    "URN",
    "LA (code)",
    "LA (name)",
    "EstablishmentNumber",
    "EstablishmentName",
    "TypeOfEstablishment (code)",
    "TypeOfEstablishment (name)",
    "EstablishmentTypeGroup (code)",
    "EstablishmentTypeGroup (name)",
    "EstablishmentStatus (code)",
    "EstablishmentStatus (name)",
    "ReasonEstablishmentOpened (code)",
    "ReasonEstablishmentOpened (name)",
    "OpenDate",
    "ReasonEstablishmentClosed (code)",
    "ReasonEstablishmentClosed (name)",
    "CloseDate",
    "PhaseOfEducation (code)",
    "PhaseOfEducation (name)",
    "StatutoryLowAge",
    "StatutoryHighAge",
    "Boarders (code)",
    "Boarders (name)",
    "NurseryProvision (name)",
    "OfficialSixthForm (code)",
    "OfficialSixthForm (name)",
    "Gender (code)",
    "Gender (name)",
    "ReligiousCharacter (code)",
    "ReligiousCharacter (name)",
    "ReligiousEthos (name)",
    "Diocese (code)",
    "Diocese (name)",
    "AdmissionsPolicy (code)",
    "AdmissionsPolicy (name)",
    "SchoolCapacity",
    "SpecialClasses (code)",
    "SpecialClasses (name)",
    "CensusDate",
    "NumberOfPupils",
    "NumberOfBoys",
    "NumberOfGirls",
    "PercentageFSM",
    "TrustSchoolFlag (code)",
    "TrustSchoolFlag (name)",
    "Trusts (code)",
    "Trusts (name)",
    "SchoolSponsorFlag (name)",
    "SchoolSponsors (name)",
    "FederationFlag (name)",
    "Federations (code)",
    "Federations (name)",
    "UKPRN",
    "FEHEIdentifier",
    "FurtherEducationType (name)",
    "LastChangedDate",
    "Street",
    "Locality",
    "Address3",
    "Town",
    "County (name)",
    "Postcode",
    "SchoolWebsite",
    "TelephoneNum",
    "HeadTitle (name)",
    "HeadFirstName",
    "HeadLastName",
    "HeadPreferredJobTitle",
    "BSOInspectorateName (name)",
    "InspectorateReport",
    "DateOfLastInspectionVisit",
    "NextInspectionVisit",
    "TeenMoth (name)",
    "TeenMothPlaces",
    "CCF (name)",
    "SENPRU (name)",
    "EBD (name)",
    "PlacesPRU",
    "FTProv (name)",
    "EdByOther (name)",
    "Section41Approved (name)",
    "SEN1 (name)",
    "SEN2 (name)",
    "SEN3 (name)",
    "SEN4 (name)",
    "SEN5 (name)",
    "SEN6 (name)",
    "SEN7 (name)",
    "SEN8 (name)",
    "SEN9 (name)",
    "SEN10 (name)",
    "SEN11 (name)",
    "SEN12 (name)",
    "SEN13 (name)",
    "TypeOfResourcedProvision (name)",
    "ResourcedProvisionOnRoll",
    "ResourcedProvisionCapacity",
    "SenUnitOnRoll",
    "SenUnitCapacity",
    "GOR (code)",
    "GOR (name)",
    "DistrictAdministrative (code)",
    "DistrictAdministrative (name)",
    "AdministrativeWard (code)",
    "AdministrativeWard (name)",
    "ParliamentaryConstituency (code)",
    "ParliamentaryConstituency (name)",
    "UrbanRural (code)",
    "UrbanRural (name)",
    "GSSLACode (name)",
    "Easting",
    "Northing",
    "MSOA (name)",
    "LSOA (name)",
    "InspectorateName (name)",
    "SENStat",
    "SENNoStat",
    "BoardingEstablishment (name)",
    "PropsName",
    "PreviousLA (code)",
    "PreviousLA (name)",
    "PreviousEstablishmentNumber",
    "Country (name)",
    "UPRN",
    "SiteName",
    "QABName (code)",
    "QABName (name)",
    "EstablishmentAccredited (code)",
    "EstablishmentAccredited (name)",
    "QABReport",
    "CHNumber",
    "MSOA (code)",
    "LSOA (code)",
    "FSM",
    "AccreditationExpiryDate",
];

/// The column names the establishment reader uses.
pub(crate) mod name {
    pub const URN: &str = "URN";
    pub const LA_CODE: &str = "LA (code)";
    pub const LA_NAME: &str = "LA (name)";
    pub const ESTABLISHMENT_NAME: &str = "EstablishmentName";
    pub const TYPE_NAME: &str = "TypeOfEstablishment (name)";
    pub const TYPE_GROUP_NAME: &str = "EstablishmentTypeGroup (name)";
    pub const STATUS_NAME: &str = "EstablishmentStatus (name)";
    pub const OPEN_DATE: &str = "OpenDate";
    pub const CLOSE_DATE: &str = "CloseDate";
    pub const PHASE_NAME: &str = "PhaseOfEducation (name)";
    pub const LOW_AGE: &str = "StatutoryLowAge";
    pub const HIGH_AGE: &str = "StatutoryHighAge";
    pub const TOWN: &str = "Town";
    pub const POSTCODE: &str = "Postcode";
    pub const REGION_NAME: &str = "GOR (name)";
}

/// The position of `name` in [`EXTRACT_COLUMNS`], meant for constants (`const I: usize =
/// extract_column_index("Town");`) so that a misspelt name fails the build.
///
/// # Panics
///
/// When no column of the 2025 extract is called `name`.
pub const fn extract_column_index(name: &str) -> usize {
    let mut i = 0;
    while i < EXTRACT_COLUMNS.len() {
        if bytes_equal(EXTRACT_COLUMNS[i].as_bytes(), name.as_bytes()) {
            return i;
        }
        i += 1;
    }
    panic!("no such column in the 2025 extract");
}

const fn bytes_equal(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    const SHARED: &str = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/data/gias/edubasealldata-columns-2025.txt"
    );

    #[test]
    fn equals_the_published_2025_header() {
        let Ok(text) = std::fs::read_to_string(SHARED) else {
            eprintln!("notice: {SHARED} is missing; skipping");
            return;
        };
        let published: Vec<&str> = text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        assert_eq!(published, EXTRACT_COLUMNS.to_vec());
    }

    #[test]
    fn names_are_unique_and_trimmed() {
        let mut seen = std::collections::HashSet::new();
        for name in EXTRACT_COLUMNS {
            assert_eq!(name, name.trim());
            assert!(seen.insert(name), "{name} twice");
        }
    }

    #[test]
    fn index_of_finds_columns() {
        assert_eq!(extract_column_index("URN"), 0);
        assert_eq!(extract_column_index("AccreditationExpiryDate"), 134);
        assert_eq!(
            EXTRACT_COLUMNS[extract_column_index(name::REGION_NAME)],
            "GOR (name)"
        );
    }
}
