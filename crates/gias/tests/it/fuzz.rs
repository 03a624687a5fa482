//! The reader never panics, whatever follows a valid header.

use masteryhub_gias::{EXTRACT_COLUMNS, EstablishmentReader, LinkReader};
use proptest::prelude::*;

fn with_header(header: &str, body: &[u8]) -> Vec<u8> {
    let mut bytes = header.as_bytes().to_vec();
    bytes.extend_from_slice(body);
    bytes
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn establishment_reader_never_panics(body in proptest::collection::vec(any::<u8>(), 0..2_000), bom in any::<bool>()) {
        let header = format!("{}{}\r\n", if bom { "\u{FEFF}" } else { "" }, EXTRACT_COLUMNS.join(","));
        let bytes = with_header(&header, &body);
        let reader = EstablishmentReader::new(&bytes[..]).unwrap();
        let mut last_line = 0;
        for row in reader {
            let line = match row { Ok(r) => r.line, Err(e) => e.line };
            prop_assert!(line > last_line);
            last_line = line;
        }
    }

    #[test]
    fn small_header_reader_never_panics(body in "[0-9a-z,\"\r\n\u{e9} -]{0,300}") {
        let bytes = with_header("URN,EstablishmentName,OpenDate,StatutoryLowAge\n", body.as_bytes());
        for row in EstablishmentReader::new(&bytes[..]).unwrap() {
            let _ = row;
        }
    }

    #[test]
    fn link_reader_never_panics(body in proptest::collection::vec(any::<u8>(), 0..1_000)) {
        let bytes = with_header("\"URN\",\"LinkURN\",\"LinkName\",\"LinkType\",\"LinkEstablishedDate\"\r\n", &body);
        for link in LinkReader::new(&bytes[..]).unwrap() {
            let _ = link;
        }
    }

    #[test]
    fn any_bytes_give_a_reader_or_a_file_error(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
        if let Ok(reader) = EstablishmentReader::new(&bytes[..]) {
            for row in reader {
                let _ = row;
            }
        }
    }
}
