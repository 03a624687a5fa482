//! The real register files in `shared/data/gias`.

use std::collections::HashMap;
use std::fs::File;

use masteryhub_domain::{Urn, is_state_funded};
use masteryhub_gias::{Establishment, EstablishmentReader, LinkDirection, LinkReader};
use time::macros::date;

use crate::shared;

fn subset() -> Option<HashMap<u32, (u64, Establishment)>> {
    let path = shared("gias-subset-7-rows.csv")?;
    let reader = EstablishmentReader::new(File::open(path).unwrap()).unwrap();
    let mut by_urn = HashMap::new();
    for record in reader {
        let record = record.unwrap();
        by_urn.insert(
            record.establishment.urn.get(),
            (record.line, record.establishment),
        );
    }
    Some(by_urn)
}

#[test]
fn the_2024_subset_reads_with_real_values() {
    let Some(rows) = subset() else { return };
    assert_eq!(rows.len(), 7);

    let (line, academy) = &rows[&137_666];
    assert_eq!(*line, 6);
    assert_eq!(
        academy.name,
        "Chudleigh Knighton Church of England Primary School"
    );
    assert_eq!(academy.type_of_establishment, "Academy converter");
    assert_eq!(academy.type_group, "Academies");
    assert_eq!(academy.status, "Open");
    assert_eq!(academy.phase, "Primary");
    assert_eq!(
        (academy.la_code.as_str(), academy.la_name.as_str()),
        ("878", "Devon")
    );
    assert_eq!(academy.open_date, Some(date!(2011 - 11 - 01)));
    assert_eq!(academy.close_date, None);
    assert_eq!(
        (academy.statutory_low_age, academy.statutory_high_age),
        (Some(5), Some(11))
    );
    assert_eq!(
        (academy.town.as_str(), academy.postcode.as_str()),
        ("Newton Abbot", "TQ13 0EU")
    );
    assert_eq!(academy.region, "South West");
    assert!(academy.facts.open && academy.facts.state_funded && !academy.facts.secondary);

    let (_, nursery) = &rows[&100_004];
    assert_eq!(nursery.name, "Sherborne Nursery School");
    assert_eq!(nursery.status, "Closed");
    assert_eq!(nursery.close_date, Some(date!(1992 - 08 - 31)));
    assert_eq!(nursery.open_date, None);
    assert!(!nursery.facts.open && !nursery.facts.state_funded);

    let (_, overseas) = &rows[&150_516];
    assert_eq!(overseas.la_code, "0");
    assert_eq!(overseas.la_name, "Does not apply");
    assert_eq!(overseas.type_of_establishment, "British schools overseas");
    assert_eq!(overseas.region, "Not Applicable");
    assert_eq!(overseas.postcode, "");
    assert!(overseas.facts.open && !overseas.facts.state_funded);

    let (_, aldgate) = &rows[&100_000];
    assert_eq!(aldgate.la_code, "201");
    assert_eq!(aldgate.type_of_establishment, "Voluntary aided school");
    assert!(aldgate.facts.state_funded && aldgate.facts.open);

    let (_, fairley) = &rows[&101_173];
    assert_eq!(fairley.phase, "Not applicable");
    assert_eq!(fairley.town, "", "its Town is empty in the register");
    assert!(!fairley.facts.state_funded);

    let (_, barnes) = &rows[&124_087];
    assert_eq!(barnes.type_of_establishment, "Foundation school");
    assert_eq!(barnes.region, "West Midlands");
}

/// Every (type group, type of establishment) of the extract of 2025-04-22, with whether DfE
/// counts it as state-funded.
const EXPECTED_STATE_FUNDED: &[(&str, bool)] = &[
    ("Further education", false),
    ("Sixth form centres", false),
    ("Higher education institutions", false),
    ("City technology college", true),
    ("Other independent school", false),
    ("Community school", true),
    ("Voluntary aided school", true),
    ("Voluntary controlled school", true),
    ("Foundation school", true),
    ("Pupil referral unit", false),
    ("Local authority nursery school", false),
    ("Community special school", false),
    ("Non-maintained special school", false),
    ("Other independent special school", false),
    ("Foundation special school", false),
    ("Welsh establishment", false),
    ("Secure units", false),
    ("Offshore schools", false),
    ("Service children's education", false),
    ("Miscellaneous", false),
    ("Special post 16 institution", false),
    ("British schools overseas", false),
    ("Institution funded by other government department", false),
    ("Academy sponsor led", true),
    ("Academy special sponsor led", false),
    ("Academy converter", true),
    ("Academy alternative provision converter", false),
    ("Academy alternative provision sponsor led", false),
    ("Academy special converter", false),
    ("Academy 16-19 converter", true),
    ("Academy 16 to 19 sponsor led", true),
    ("Academy secure 16 to 19", false),
    ("Free schools", true),
    ("Free schools special", false),
    ("Free schools alternative provision", false),
    ("Free schools 16 to 19", true),
    ("University technical college", true),
    ("Studio schools", true),
    ("Online provider", false),
];

#[test]
fn every_real_type_of_establishment_is_classified() {
    let Some(path) = shared("establishment-types-20250422.csv") else {
        return;
    };
    let mut reader = csv::Reader::from_path(path).unwrap();
    let mut seen = Vec::new();
    for row in reader.records() {
        let row = row.unwrap();
        let name = row.get(3).unwrap().to_owned();
        let expected = EXPECTED_STATE_FUNDED
            .iter()
            .find(|(n, _)| *n == name)
            .unwrap_or_else(|| panic!("{name} is not in the expected list"))
            .1;
        assert_eq!(is_state_funded(&name), expected, "{name}");
        if !seen.contains(&name) {
            seen.push(name);
        }
    }
    assert_eq!(
        seen.len(),
        EXPECTED_STATE_FUNDED.len(),
        "every expected type is real"
    );
}

#[test]
fn the_real_links_file_reads_without_errors() {
    let Some(path) = shared("links-20250422.csv") else {
        return;
    };
    let size = std::fs::metadata(&path).unwrap().len();
    let mut reader = LinkReader::new(File::open(path).unwrap()).unwrap();
    let mut links = Vec::new();
    for link in reader.by_ref() {
        links.push(link.unwrap());
    }
    assert_eq!(links.len(), 33_801);
    assert_eq!(reader.position_bytes(), size);
    assert_eq!(links.last().unwrap().line, 33_802);

    let urn = |n: &str| Urn::parse(n).unwrap();
    let find = |a: &str, b: &str| {
        links
            .iter()
            .find(|l| l.urn == urn(a) && l.link_urn == urn(b))
            .unwrap()
    };
    let academy_row = find("137666", "113393");
    assert_eq!(academy_row.direction(), LinkDirection::Predecessor);
    assert_eq!(academy_row.established, Some(date!(2011 - 11 - 01)));
    assert_eq!(
        academy_row.link_name,
        "Chudleigh Knighton Church of England Primary School"
    );
    let old_row = find("113393", "137666");
    assert_eq!(old_row.direction(), LinkDirection::Successor);
    assert_eq!(old_row.established, Some(date!(2011 - 10 - 31)));

    // Windows-1252: the real file spells these names with à and °.
    assert_eq!(
        find("108299", "138950").link_name,
        "St Thomas à Becket Catholic Secondary School, A Voluntary Academy"
    );
    assert_eq!(find("109401", "148296").link_name, "North Star 82°");

    let mut directions = HashMap::new();
    for link in &links {
        *directions.entry(link.direction()).or_insert(0) += 1;
    }
    assert_eq!(
        directions[&LinkDirection::Predecessor],
        16_264 + 230 + 123 + 44
    );
    assert_eq!(
        directions[&LinkDirection::Successor],
        16_451 + 184 + 110 + 48 + 111
    );
    assert_eq!(
        links.iter().filter(|l| l.established.is_none()).count(),
        8_253
    );
}

#[test]
fn the_real_state_funded_list_is_not_an_extract() {
    // A file from another producer, with other columns (`urn,name,...`): refused before any
    // row. Its `urn` is found (names match regardless of case), its `name` is not ours.
    let Some(path) = shared("state-funded-schools-20250711.csv") else {
        return;
    };
    let error = EstablishmentReader::new(File::open(path).unwrap())
        .err()
        .unwrap();
    assert_eq!(
        error.to_string(),
        "not a GIAS establishment extract: no column named EstablishmentName"
    );
}
