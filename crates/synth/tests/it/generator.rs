//! The generator: the exact real format, read back by the reader, realistic make-up.

use std::collections::{HashMap, HashSet};

use masteryhub_gias::{
    EXTRACT_COLUMNS, EstablishmentReader, LOCAL_AUTHORITIES, LinkDirection, LinkReader, Record,
};
use masteryhub_synth::gias::{GeneratorOptions, write_extract, write_links};

/// The published header of 2025, from the shared real data when it is there.
const PUBLISHED_COLUMNS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/data/gias/edubasealldata-columns-2025.txt"
);

fn extract(rows: usize, seed: u64) -> Vec<u8> {
    let mut bytes = Vec::new();
    write_extract(&GeneratorOptions { rows, seed }, &mut bytes).unwrap();
    bytes
}

fn links(rows: usize, seed: u64) -> Vec<u8> {
    let mut bytes = Vec::new();
    write_links(&GeneratorOptions { rows, seed }, &mut bytes).unwrap();
    bytes
}

fn read_all(bytes: &[u8]) -> Vec<Record> {
    EstablishmentReader::new(bytes)
        .unwrap()
        .map(|r| r.unwrap_or_else(|e| panic!("{e}")))
        .collect()
}

#[test]
fn header_is_the_135_columns_of_2025_quoted() {
    let bytes = extract(10, 1);
    let header_end = bytes.windows(2).position(|w| w == b"\r\n").unwrap();
    let header = std::str::from_utf8(&bytes[..header_end]).unwrap();
    let expected: Vec<String> = EXTRACT_COLUMNS.iter().map(|c| format!("\"{c}\"")).collect();
    assert_eq!(header, expected.join(","));
    match std::fs::read_to_string(PUBLISHED_COLUMNS) {
        Ok(published) => assert_eq!(published.lines().collect::<Vec<_>>(), EXTRACT_COLUMNS),
        Err(_) => eprintln!("notice: {PUBLISHED_COLUMNS} is missing; skipping"),
    }
}

#[test]
fn rows_have_135_fields_crlf_and_no_final_newline() {
    let bytes = extract(500, 2);
    assert!(!bytes.ends_with(b"\n") && !bytes.ends_with(b"\r"));
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'\n' {
            assert_eq!(bytes[i - 1], b'\r', "bare LF at byte {i}");
        }
    }
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(&bytes[..]);
    let mut count = 0;
    for record in reader.byte_records() {
        assert_eq!(record.unwrap().len(), 135);
        count += 1;
    }
    assert_eq!(count, 501);
}

#[test]
fn integers_are_bare_codes_and_text_quoted() {
    let bytes = extract(300, 3);
    let text = encoding_rs::WINDOWS_1252.decode(&bytes).0;
    let second_line = text.split("\r\n").nth(1).unwrap();
    assert!(second_line.starts_with("100000,\""), "{second_line}");
    let mut reader = csv::ReaderBuilder::new().from_reader(text.as_bytes());
    let headers = reader.headers().unwrap().clone();
    let column = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let (type_code, la_code, low) = (
        column("TypeOfEstablishment (code)"),
        column("LA (code)"),
        column("StatutoryLowAge"),
    );
    for row in reader.records() {
        let row = row.unwrap();
        assert_eq!(
            row[type_code].len(),
            2,
            "codes keep their leading zero: {}",
            &row[type_code]
        );
        assert!(row[la_code].len() == 3, "{}", &row[la_code]);
        assert!(row[low].is_empty() || row[low].parse::<u8>().is_ok());
    }
    // Raw: a code is quoted, an age is not.
    assert!(
        second_line.contains(",\"Open\",")
            || second_line.contains(",\"Closed\",")
            || second_line.contains("\"Proposed to open\"")
    );
    assert!(text.contains(
        ",\"02\",\"Voluntary aided school\",\"04\",\"Local authority maintained schools\","
    ));
}

#[test]
fn deterministic_and_seeded() {
    let a = extract(2_000, 42);
    assert_eq!(a, extract(2_000, 42));
    assert_ne!(a, extract(2_000, 43));
    assert_eq!(links(2_000, 42), links(2_000, 42));
    assert_ne!(links(2_000, 42), links(2_000, 43));
}

#[test]
fn reads_back_every_row_with_unique_urns() {
    for (rows, seed) in [(0, 0), (1, 0), (2, 9), (7, 1), (153, 4), (4_000, 5)] {
        let bytes = extract(rows, seed);
        let records = read_all(&bytes);
        assert_eq!(records.len(), rows);
        let urns: HashSet<u32> = records.iter().map(|r| r.establishment.urn.get()).collect();
        assert_eq!(urns.len(), rows, "unique URNs");
        for (i, record) in records.iter().enumerate() {
            assert_eq!(record.line, i as u64 + 2);
        }
    }
}

#[test]
fn windows_1252_accents_round_trip() {
    let bytes = extract(3_000, 7);
    // Raw bytes hold single Windows-1252 bytes (é is 0xE9), never UTF-8 sequences (C3 A9).
    assert!(bytes.contains(&0xE9), "an é somewhere");
    assert!(
        !bytes
            .windows(2)
            .any(|w| w[0] == 0xC3 && (0x80..=0xBF).contains(&w[1])),
        "no UTF-8"
    );
    let records = read_all(&bytes);
    let accented: Vec<&str> = records
        .iter()
        .map(|r| r.establishment.name.as_str())
        .filter(|n| n.chars().any(|c| "éèàôüë".contains(c)))
        .collect();
    assert!(!accented.is_empty());
    for name in &accented {
        assert!(!name.contains('\u{FFFD}') && !name.contains('Ã'), "{name}");
    }
}

#[test]
fn national_proportions_at_50_000_rows() {
    let bytes = extract(50_000, 2025);
    let records = read_all(&bytes);
    assert_eq!(records.len(), 50_000);
    let open = records
        .iter()
        .filter(|r| r.establishment.facts.open)
        .count();
    let target = records
        .iter()
        .filter(|r| r.establishment.facts.counts_towards_target())
        .count();
    assert!((21_600..=26_400).contains(&open), "open: {open}");
    assert!(
        (3_060..=3_740).contains(&target),
        "open state-funded secondary: {target}"
    );

    let closed = records
        .iter()
        .filter(|r| r.establishment.status == "Closed")
        .count();
    assert!(closed > 20_000, "closed: {closed}");
    let open_primary = records
        .iter()
        .filter(|r| {
            r.establishment.facts.open
                && r.establishment.facts.state_funded
                && r.establishment.phase == "Primary"
        })
        .count();
    assert!((13_000..17_000).contains(&open_primary), "{open_primary}");

    // Every authority has establishments, in its own region.
    let mut per_la: HashMap<&str, usize> = HashMap::new();
    for r in &records {
        let e = &r.establishment;
        if let Some(la) = LOCAL_AUTHORITIES.iter().find(|la| la.code == e.la_code) {
            assert_eq!(e.la_name, la.name);
            assert_eq!(e.region, la.region, "{}", e.name);
            *per_la.entry(la.code).or_default() += 1;
        } else {
            assert_eq!(e.la_code, "000", "{e:?}");
        }
    }
    assert_eq!(per_la.len(), LOCAL_AUTHORITIES.len());
    assert!(per_la["886"] > per_la["857"], "Kent is bigger than Rutland");

    // Ages agree with phases.
    for r in &records {
        let e = &r.establishment;
        let (low, high) = (e.statutory_low_age, e.statutory_high_age);
        match e.phase.as_str() {
            "Primary" => assert!(low.unwrap() <= 7 && high.unwrap() <= 11, "{e:?}"),
            "Secondary" => assert!(low.unwrap() >= 11 && high.unwrap() >= 16, "{e:?}"),
            "Nursery" => assert!(high.unwrap() <= 5, "{e:?}"),
            "All-through" => assert!(low.unwrap() <= 4 && high.unwrap() >= 16, "{e:?}"),
            "16 plus" => assert!(low.unwrap() >= 14, "{e:?}"),
            _ => {}
        }
        if let (Some(open), Some(close)) = (e.open_date, e.close_date) {
            assert!(open <= close, "{e:?}");
        }
        assert_eq!(
            e.status == "Closed",
            e.close_date.is_some() && e.status != "Open, but proposed to close"
        );
    }
}

#[test]
fn links_join_closed_schools_to_their_academies() {
    let opts = (6_000, 11);
    let records = read_all(&extract(opts.0, opts.1));
    let by_urn: HashMap<u32, &Record> = records
        .iter()
        .map(|r| (r.establishment.urn.get(), r))
        .collect();
    let bytes = links(opts.0, opts.1);
    assert!(
        bytes.starts_with(
            b"\"URN\",\"LinkURN\",\"LinkName\",\"LinkType\",\"LinkEstablishedDate\"\r\n"
        )
    );
    assert!(!bytes.ends_with(b"\n"));
    let links: Vec<_> = LinkReader::new(&bytes[..])
        .unwrap()
        .map(|l| l.unwrap())
        .collect();
    assert!(
        links.len() > 1_000 && links.len() % 2 == 0,
        "{}",
        links.len()
    );
    let pairs: HashSet<(u32, u32)> = links
        .iter()
        .map(|l| (l.urn.get(), l.link_urn.get()))
        .collect();
    for link in &links {
        let this = &by_urn[&link.urn.get()].establishment;
        let other = &by_urn[&link.link_urn.get()].establishment;
        assert_eq!(link.link_name, other.name);
        assert!(
            pairs.contains(&(link.link_urn.get(), link.urn.get())),
            "both directions"
        );
        match link.direction() {
            LinkDirection::Predecessor => {
                assert!(
                    this.facts.open && this.type_group == "Academies",
                    "{this:?}"
                );
                assert_eq!(other.status, "Closed");
                assert_eq!(link.established, this.open_date);
                assert!(other.urn < this.urn);
                assert_eq!(other.la_code, this.la_code);
                assert_eq!(other.phase, this.phase);
            }
            LinkDirection::Successor => {
                assert_eq!(this.status, "Closed");
                assert_eq!(link.established, this.close_date);
                assert_eq!(this.close_date.unwrap().next_day(), other.open_date);
            }
            LinkDirection::Other => panic!("only conversions are generated"),
        }
    }
    // Most closed maintained schools of the extract are someone's predecessor.
    let predecessors = links
        .iter()
        .filter(|l| l.direction() == LinkDirection::Successor)
        .count();
    let academies = records
        .iter()
        .filter(|r| {
            r.establishment.facts.open
                && ["Academy converter", "Academy sponsor led"]
                    .contains(&r.establishment.type_of_establishment.as_str())
        })
        .count();
    assert!(
        predecessors * 100 > academies * 85,
        "{predecessors} of {academies}"
    );
}
