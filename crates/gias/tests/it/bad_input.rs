//! Bad files and bad rows, each with its specific error.

use masteryhub_gias::{EstablishmentReader, FileError, Record, RowError};

fn read(bytes: &[u8]) -> Vec<Result<Record, RowError>> {
    EstablishmentReader::new(bytes).unwrap().collect()
}

fn error(bytes: &[u8]) -> RowError {
    let rows = read(bytes);
    assert_eq!(rows.len(), 1, "{rows:?}");
    rows.into_iter().next().unwrap().unwrap_err()
}

const HEADER: &str =
    "URN,LA (code),EstablishmentName,OpenDate,CloseDate,StatutoryLowAge,StatutoryHighAge\r\n";

fn file(rows: &str) -> Vec<u8> {
    format!("{HEADER}{rows}").into_bytes()
}

#[test]
fn non_numeric_urn() {
    let e = error(&file("10A000,201,School,,,4,11"));
    assert_eq!(
        e,
        RowError {
            line: 2,
            column: Some("URN".into()),
            message: "'10A000' is not a whole number".into()
        }
    );
    assert_eq!(
        e.to_string(),
        "line 2, column URN: '10A000' is not a whole number"
    );
}

#[test]
fn empty_and_out_of_range_urns() {
    assert_eq!(
        error(&file(",201,School,,,,")).to_string(),
        "line 2, column URN: must not be empty"
    );
    assert_eq!(
        error(&file("0,201,School,,,,")).to_string(),
        "line 2, column URN: 0 is not between 1 and 99999999"
    );
}

#[test]
fn date_in_the_wrong_form() {
    let e = error(&file("100001,201,School,2021-09-01,,4,11"));
    assert_eq!(
        e.to_string(),
        "line 2, column OpenDate: '2021-09-01' is not a date in the form dd-mm-yyyy"
    );
}

#[test]
fn date_that_does_not_exist() {
    let e = error(&file("100001,201,School,01-09-2001,31-02-2020,4,11"));
    assert_eq!(
        e.to_string(),
        "line 2, column CloseDate: '31-02-2020' is not a real date"
    );
}

#[test]
fn bad_ages() {
    assert_eq!(
        error(&file("100001,201,School,,,four,11")).to_string(),
        "line 2, column StatutoryLowAge: 'four' is not a whole number from 0 to 99"
    );
    assert_eq!(
        error(&file("100001,201,School,,,4,100")).to_string(),
        "line 2, column StatutoryHighAge: '100' is not a whole number from 0 to 99"
    );
}

#[test]
fn short_and_long_rows() {
    assert_eq!(
        error(&file("100001,201,School")).to_string(),
        "line 2: has 3 fields, but the header has 7"
    );
    assert_eq!(
        error(&file("100001,201,School,,,4,11,extra")).to_string(),
        "line 2: has 8 fields, but the header has 7"
    );
}

#[test]
fn empty_name() {
    let e = error(&file("100001,201,  ,,,4,11"));
    assert_eq!(
        e.to_string(),
        "line 2, column EstablishmentName: must not be empty"
    );
}

#[test]
fn the_first_bad_column_is_reported() {
    let e = error(&file("x,201,,bad,bad,bad,bad"));
    assert_eq!(e.column.as_deref(), Some("URN"));
}

#[test]
fn reading_goes_on_after_errors() {
    let rows = read(&file(
        "100001,201,A,,,4,11\r\nbad,201,B,,,4,11\r\n100003,201\r\n100004,201,D,31-02-2020,,,\r\n100005,201,E,,,,",
    ));
    let lines: Vec<(u64, bool)> = rows
        .iter()
        .map(|r| match r {
            Ok(record) => (record.line, true),
            Err(e) => (e.line, false),
        })
        .collect();
    assert_eq!(
        lines,
        [(2, true), (3, false), (4, false), (5, false), (6, true)]
    );
}

#[test]
fn empty_files() {
    for bytes in [
        &b""[..],
        b"\xEF\xBB\xBF",
        b"   \r\n\r\n  ",
        b"\n",
        b"\xEF\xBB\xBF \r\n",
    ] {
        let error = EstablishmentReader::new(bytes).err().unwrap();
        assert!(matches!(error, FileError::Empty), "{bytes:?}: {error}");
        assert_eq!(error.to_string(), "the file is empty");
    }
}

#[test]
fn header_without_urn() {
    let error = EstablishmentReader::new(&b"LA (code),EstablishmentName\r\n201,School"[..])
        .err()
        .unwrap();
    match &error {
        FileError::NotGias { missing } => assert_eq!(missing, &["URN"]),
        other => panic!("{other}"),
    }
    assert_eq!(
        error.to_string(),
        "not a GIAS establishment extract: no column named URN"
    );
    let error = EstablishmentReader::new(&b"a,b,c\r\n1,2,3"[..])
        .err()
        .unwrap();
    assert_eq!(
        error.to_string(),
        "not a GIAS establishment extract: no column named URN, EstablishmentName"
    );
}

#[test]
fn a_utf8_file_with_a_byte_order_mark() {
    let bytes =
        "\u{FEFF}URN,EstablishmentName\r\n100001,St Thérèse of Lisieux Catholic Primary School\r\n"
            .as_bytes();
    let rows = read(bytes);
    assert_eq!(
        rows[0].as_ref().unwrap().establishment.name,
        "St Thérèse of Lisieux Catholic Primary School"
    );
    let mut reader = EstablishmentReader::new(bytes).unwrap();
    assert!(reader.next().is_some());
    assert_eq!(reader.position_bytes(), bytes.len() as u64);
}

#[test]
fn invalid_utf8_after_a_byte_order_mark() {
    let e = error(b"\xEF\xBB\xBFURN,EstablishmentName\r\n100001,Caf\xE9");
    assert_eq!(e.line, 2);
    assert_eq!(e.column.as_deref(), Some("EstablishmentName"));
    assert!(e.message.contains("not valid UTF-8"), "{e}");
}

#[test]
fn a_windows_1252_byte_is_read_as_its_letter() {
    let rows = read(
        b"URN,EstablishmentName\r\n100001,Ecole Jacques Pr\xE9vert\r\n100002,North Star 82\xB0",
    );
    assert_eq!(
        rows[0].as_ref().unwrap().establishment.name,
        "Ecole Jacques Prévert"
    );
    assert_eq!(
        rows[1].as_ref().unwrap().establishment.name,
        "North Star 82°"
    );
}

#[test]
fn quoted_commas_and_line_breaks_keep_line_numbers() {
    for end in ["\r\n", "\n"] {
        let text = [
            "\"URN\",\"EstablishmentName\",\"Town\"",
            "100001,\"St Thomas à Becket Catholic School, A Voluntary Academy\",\"Leeds\"",
            "100002,\"Two",
            "line, name\",\"York\"",
            "",
            "100003,\"Three\"\"quoted\"\"\",Hull",
            "100004,bad date?,\"A",
            "",
            "B\"",
            "100005,\"Last\",Bath",
        ]
        .join(end);
        let bytes = encoding_rs::WINDOWS_1252.encode(&text).0.into_owned();
        let rows = read(&bytes);
        let got: Vec<(u64, String)> = rows
            .iter()
            .map(|r| {
                let r = r.as_ref().unwrap();
                (r.line, r.establishment.name.clone())
            })
            .collect();
        let expected = [
            (2, "St Thomas à Becket Catholic School, A Voluntary Academy"),
            (
                3,
                "Two\nline, name"
                    .replace('\n', if end == "\r\n" { "\r\n" } else { "\n" })
                    .leak(),
            ),
            (6, "Three\"quoted\""),
            (7, "bad date?"),
            (10, "Last"),
        ];
        let expected: Vec<(u64, String)> =
            expected.iter().map(|(l, n)| (*l, n.to_string())).collect();
        assert_eq!(got, expected, "line ends {end:?}");
        assert_eq!(rows[1].as_ref().unwrap().establishment.town, "York");
        assert_eq!(
            rows[3].as_ref().unwrap().establishment.town,
            format!("A{end}{end}B")
        );
    }
}

#[test]
fn the_2025_header_with_a_final_newline_and_blank_lines() {
    let mut text = masteryhub_gias::EXTRACT_COLUMNS.join(",");
    text.push('\n');
    let mut row = vec![""; 135];
    row[0] = "100001";
    row[4] = "Ashfield School";
    text.push_str(&row.join(","));
    text.push_str("\n\n\n");
    let rows = read(text.as_bytes());
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].as_ref().unwrap().line, 2);
}
