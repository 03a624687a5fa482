//! The header of a CSV file a person saved from a spreadsheet: columns found by name, in any
//! order and any case, a UTF-8 byte-order mark and surrounding spaces ignored.

use std::io::{self, Read};

/// The whole of a file, without its UTF-8 byte-order mark. The files read this way are a hub's
/// own spreadsheets, small enough to hold in memory.
pub fn read_all(mut input: impl Read) -> io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    input.read_to_end(&mut bytes)?;
    if bytes.starts_with(UTF8_BOM) {
        bytes.drain(..UTF8_BOM.len());
    }
    Ok(bytes)
}

const UTF8_BOM: &[u8] = &[0xEF, 0xBB, 0xBF];

/// A CSV reader over a file's bytes: fields trimmed, rows of any length (the caller checks them
/// against the header).
pub fn reader(bytes: &[u8]) -> csv::Reader<&[u8]> {
    csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(bytes)
}

/// The physical line where each record starts. The parser's own line number is where it stood
/// before the record, so it is one short in CRLF files and after empty lines (which it skips):
/// this counts line feeds up to the record's first byte instead.
pub struct Lines<'a> {
    bytes: &'a [u8],
    counted: usize,
    line: u64,
}

impl<'a> Lines<'a> {
    /// Lines of `bytes`, as given to [`reader`].
    pub fn new(bytes: &'a [u8]) -> Self {
        Self {
            bytes,
            counted: 0,
            line: 1,
        }
    }

    /// The line of the record the parser started reading at `position` (records are asked
    /// about in order).
    pub fn of(&mut self, position: Option<&csv::Position>) -> u64 {
        let Some(position) = position else {
            return self.line;
        };
        let mut start = usize::try_from(position.byte())
            .unwrap_or(usize::MAX)
            .min(self.bytes.len());
        while matches!(self.bytes.get(start), Some(b'\r' | b'\n')) {
            start += 1;
        }
        if start > self.counted {
            let feeds = self.bytes[self.counted..start]
                .iter()
                .filter(|&&b| b == b'\n')
                .count();
            self.line += feeds as u64;
            self.counted = start;
        }
        self.line
    }
}

/// A file's header row.
pub struct Header {
    names: Vec<String>,
}

impl Header {
    /// The header as read.
    pub fn new(record: &csv::StringRecord) -> Self {
        let names = record
            .iter()
            .map(|name| name.trim_start_matches('\u{feff}').trim().to_owned())
            .collect();
        Self { names }
    }

    /// Whether the header is blank (an empty file).
    pub fn is_blank(&self) -> bool {
        self.names.iter().all(String::is_empty)
    }

    /// How many columns the header has.
    pub fn len(&self) -> usize {
        self.names.len()
    }

    /// The position of the column called `name`, whatever its case; a space or hyphen in the
    /// file's name stands for `_` (`Academic year` is `academic_year`).
    pub fn find(&self, name: &str) -> Option<usize> {
        self.names.iter().position(|h| same_name(h, name))
    }

    /// The column called `name` as the file writes it (`URN` for `urn`), or `name` itself.
    pub fn written(&self, name: &str) -> String {
        self.find(name)
            .map_or_else(|| name.to_owned(), |i| self.names[i].clone())
    }

    /// Those of `required` the header lacks, in the order given.
    pub fn missing<'a>(&self, required: &[&'a str]) -> Vec<&'a str> {
        required
            .iter()
            .copied()
            .filter(|name| self.find(name).is_none())
            .collect()
    }

    /// Those of `names` the header has more than once, in the order given.
    pub fn repeated<'a>(&self, names: &[&'a str]) -> Vec<&'a str> {
        names
            .iter()
            .copied()
            .filter(|name| self.names.iter().filter(|h| same_name(h, name)).count() > 1)
            .collect()
    }
}

fn same_name(written: &str, name: &str) -> bool {
    written.len() == name.len()
        && written.bytes().zip(name.bytes()).all(|(w, n)| {
            let w = match w.to_ascii_lowercase() {
                b' ' | b'-' => b'_',
                other => other,
            };
            w == n.to_ascii_lowercase()
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_know_their_line_whatever_the_line_ending() {
        for text in [
            "\u{feff}a,b\r\n1,2\r\n\r\n\"x\r\ny\",3\r\n4,5",
            "a,b\n1,2\n\n\"x\ny\",3\n4,5\n",
            "a,b\n\n\n1,2\n\n  \n\"x\ny\",3\n4,5",
        ] {
            let bytes = read_all(text.as_bytes()).expect("read");
            let mut csv = reader(&bytes);
            let header = Header::new(csv.headers().expect("header"));
            assert_eq!(header.written("a"), "a", "no byte-order mark in {text:?}");
            let mut lines = Lines::new(&bytes);
            let rows: Vec<_> = csv
                .records()
                .map(|r| r.expect("row"))
                .filter(|r| !r.iter().all(str::is_empty))
                .map(|r| (lines.of(r.position()), r.get(1).map(str::to_owned)))
                .collect();
            let expected = if text.starts_with("a,b\n\n") {
                [(4, "2"), (7, "3"), (9, "5")]
            } else {
                [(2, "2"), (4, "3"), (6, "5")]
            };
            let expected: Vec<_> = expected
                .iter()
                .map(|(line, b)| (*line, Some((*b).to_owned())))
                .collect();
            assert_eq!(rows, expected, "{text:?}");
        }
    }

    #[test]
    fn finds_columns_by_name_whatever_their_case() {
        let header = Header::new(&csv::StringRecord::from(vec![
            "\u{feff}URN ",
            "Academic Year",
            "notes",
            "urn",
        ]));
        assert_eq!(header.find("urn"), Some(0));
        assert_eq!(header.find("academic_year"), Some(1));
        assert_eq!(header.written("academic_year"), "Academic Year");
        assert_eq!(header.written("urn"), "URN");
        assert_eq!(header.written("hub"), "hub");
        assert_eq!(header.missing(&["urn", "stage", "hub"]), ["stage", "hub"]);
        assert_eq!(header.repeated(&["urn", "notes"]), ["urn"]);
        assert_eq!(header.len(), 4);
        assert!(!header.is_blank());
        assert!(Header::new(&csv::StringRecord::from(vec![""])).is_blank());
    }
}
