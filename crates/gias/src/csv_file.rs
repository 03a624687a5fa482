//! One reader for a CSV file with a named header and an optional UTF-8 byte-order mark: the
//! header's columns found by name, records streamed with the physical line where each starts
//! (whatever the line ends, blank lines and line breaks in quoted fields), fields trimmed.
//!
//! The register's own readers use it with [`Dialect::Register`]; files people save from a
//! spreadsheet (a hub's list of local authorities, its pathway history) with
//! [`Dialect::Spreadsheet`].
//!
//! ```
//! use masteryhub_gias::csv_file::{CsvFile, Dialect};
//!
//! let text = "\u{feff}URN,Academic Year\r\n\r\n137666 , 2021/22\r\n";
//! let mut file = CsvFile::open(text.as_bytes(), Dialect::Spreadsheet).unwrap();
//! let year = file.header().find("academic_year").unwrap();
//! let row = file.next_row().unwrap().unwrap();
//! assert_eq!((row.line, row.text(year).unwrap().as_ref()), (3, "2021/22"));
//! ```

use std::borrow::Cow;
use std::io::{self, Read};

use csv::ByteRecord;

use crate::error::{FileError, NOT_UTF8, RowError};
use crate::text::Encoding;

const UTF8_BOM: [u8; 3] = [0xEF, 0xBB, 0xBF];

/// What the bytes of a file are, and which rows are no rows at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    /// A register extract as GIAS publishes it: Windows-1252, or UTF-8 when the file starts
    /// with a byte-order mark (a field that is not UTF-8 is then an error of its column, when
    /// it is read). Lines of nothing but white space are skipped.
    Register,
    /// A spreadsheet saved as CSV: UTF-8, with or without a byte-order mark (a row that is not
    /// UTF-8 is an error of the whole row, and a header that is not UTF-8 an error of the
    /// file). Rows whose every field is empty are skipped too, and a lone carriage return ends
    /// a line as a line feed does (older spreadsheets on a Mac save files so).
    Spreadsheet,
}

/// The input as the CSV parser sees it: the byte order mark removed, a lone carriage return
/// made a line feed if asked, and enough bookkeeping (bytes handed over, end reached, last
/// byte) to tell whether a record ended at a line feed or at the end of the file.
struct Input<R> {
    inner: R,
    prefix: [u8; 3],
    prefix_len: usize,
    prefix_pos: usize,
    /// A byte read ahead to see what follows a carriage return.
    pending: Option<u8>,
    lone_cr_ends_line: bool,
    handed: u64,
    at_end: bool,
    last_byte: Option<u8>,
}

impl<R: Read> Input<R> {
    /// Reads the first bytes to look for a UTF-8 byte order mark, and says whether there was
    /// one.
    fn open(mut inner: R, lone_cr_ends_line: bool) -> io::Result<(Self, bool)> {
        let mut prefix = [0u8; 3];
        let mut len = 0;
        while len < prefix.len() {
            match inner.read(&mut prefix[len..]) {
                Ok(0) => break,
                Ok(n) => len += n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
        let bom = len == 3 && prefix == UTF8_BOM;
        let input = Self {
            inner,
            prefix,
            prefix_len: if bom { 0 } else { len },
            prefix_pos: 0,
            pending: None,
            lone_cr_ends_line,
            handed: 0,
            at_end: false,
            last_byte: None,
        };
        Ok((input, bom))
    }

    /// The next bytes of the file after its byte order mark, as they are.
    fn raw(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if let Some(byte) = self.pending.take() {
            buf[0] = byte;
            return Ok(1);
        }
        if self.prefix_pos < self.prefix_len {
            let rest = &self.prefix[self.prefix_pos..self.prefix_len];
            let n = rest.len().min(buf.len());
            buf[..n].copy_from_slice(&rest[..n]);
            self.prefix_pos += n;
            return Ok(n);
        }
        loop {
            match self.inner.read(buf) {
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                other => return other,
            }
        }
    }

    /// The byte that the next read starts with (`None` at the end of the file).
    fn peek(&mut self) -> io::Result<Option<u8>> {
        let mut byte = [0u8];
        if self.raw(&mut byte)? == 1 {
            self.pending = Some(byte[0]);
        }
        Ok(self.pending)
    }
}

impl<R: Read> Read for Input<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if buf.is_empty() {
            return Ok(0);
        }
        let n = self.raw(buf)?;
        if self.lone_cr_ends_line {
            for i in 0..n {
                if buf[i] == b'\r' {
                    let next = if i + 1 < n {
                        Some(buf[i + 1])
                    } else {
                        self.peek()?
                    };
                    if next != Some(b'\n') {
                        buf[i] = b'\n';
                    }
                }
            }
        }
        if n == 0 {
            self.at_end = true;
        } else {
            self.handed += n as u64;
            self.last_byte = Some(buf[n - 1]);
        }
        Ok(n)
    }
}

/// A CSV file read record by record, with its header.
pub struct CsvFile<R> {
    csv: csv::Reader<Input<R>>,
    record: ByteRecord,
    dialect: Dialect,
    encoding: Encoding,
    header: Header,
    bom_len: u64,
    finished: bool,
}

/// A file's header: the names of its columns, trimmed, without a byte-order mark.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    names: Vec<String>,
}

impl Header {
    fn new<'a>(names: impl IntoIterator<Item = &'a str>) -> Self {
        let names = names
            .into_iter()
            .map(|name| {
                name.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}')
                    .to_owned()
            })
            .collect();
        Self { names }
    }

    /// The column names, in file order.
    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// Whether every name is empty (a first row of empty fields).
    pub fn is_blank(&self) -> bool {
        self.names.iter().all(String::is_empty)
    }

    /// The position of the first column called `name`, whatever its ASCII case; a space or
    /// hyphen in the file's name stands for an `_` in `name` (`Academic Year` is
    /// `academic_year`).
    pub fn find(&self, name: &str) -> Option<usize> {
        self.names
            .iter()
            .position(|written| same_name(written, name))
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

/// Whether the file's `written` name is `name`, ignoring ASCII case, a space or hyphen standing
/// for `_`.
fn same_name(written: &str, name: &str) -> bool {
    written.len() == name.len()
        && written
            .bytes()
            .zip(name.bytes())
            .all(|(w, n)| w.eq_ignore_ascii_case(&n) || (n == b'_' && matches!(w, b' ' | b'-')))
}

/// One record with the same number of fields as the header.
pub struct Row<'a> {
    /// The 1-based physical line where the record starts (the header is line 1, unless blank
    /// lines come before it).
    pub line: u64,
    record: &'a ByteRecord,
    encoding: Encoding,
    header: &'a Header,
}

impl<'a> Row<'a> {
    /// The field in column `index`, decoded and trimmed (empty past the end of the row). It is
    /// an error only in a [`Dialect::Register`] file with a byte-order mark: a
    /// [`Dialect::Spreadsheet`] row is known to be UTF-8 once read.
    pub fn text(&self, index: usize) -> Result<Cow<'a, str>, RowError> {
        let bytes = self.record.get(index).unwrap_or_default();
        match self.encoding.decode(bytes) {
            Some(Cow::Borrowed(text)) => Ok(Cow::Borrowed(text.trim())),
            Some(Cow::Owned(text)) => Ok(Cow::Owned(text.trim().to_owned())),
            None => Err(self.error(
                index,
                "is not valid UTF-8 (the file starts with a UTF-8 byte order mark, so it is read as UTF-8)",
            )),
        }
    }

    /// An error about the field in column `index`, named as in the header.
    pub fn error(&self, index: usize, message: impl Into<String>) -> RowError {
        let column = self.header.names.get(index).map(String::as_str);
        RowError::new(self.line, column, message)
    }
}

impl<R: Read> CsvFile<R> {
    /// Opens a CSV file: looks for a byte-order mark and reads the header (skipping blank lines
    /// before it). An empty file is [`FileError::Empty`].
    pub fn open(input: R, dialect: Dialect) -> Result<Self, FileError> {
        let (input, bom) = Input::open(input, dialect == Dialect::Spreadsheet)?;
        let encoding = if bom || dialect == Dialect::Spreadsheet {
            Encoding::Utf8
        } else {
            Encoding::Windows1252
        };
        let csv = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            // Records end at a line feed; a carriage return before it stays at the end of the
            // last field and is trimmed away. This keeps line numbers exact for CRLF files.
            .terminator(csv::Terminator::Any(b'\n'))
            .from_reader(input);
        let mut file = Self {
            csv,
            record: ByteRecord::new(),
            dialect,
            encoding,
            header: Header { names: Vec::new() },
            bom_len: if bom { UTF8_BOM.len() as u64 } else { 0 },
            finished: false,
        };
        loop {
            if !file.csv.read_byte_record(&mut file.record)? {
                return Err(FileError::Empty);
            }
            if !is_blank(&file.record) {
                break;
            }
        }
        if !file.is_text() {
            return Err(FileError::HeaderNotUtf8 {
                line: file.start_line(),
            });
        }
        let names: Vec<Cow<'_, str>> = file
            .record
            .iter()
            .map(|field| {
                encoding
                    .decode(field)
                    .unwrap_or_else(|| String::from_utf8_lossy(field))
            })
            .collect();
        file.header = Header::new(names.iter().map(AsRef::as_ref));
        Ok(file)
    }

    /// The header.
    pub fn header(&self) -> &Header {
        &self.header
    }

    /// Bytes of the file consumed so far, byte order mark included.
    pub fn position_bytes(&self) -> u64 {
        self.bom_len + self.csv.position().byte()
    }

    /// The next record that is not skipped (see [`Dialect`]), or an error for a record whose
    /// field count differs from the header's (or, in a spreadsheet, that is not UTF-8). After
    /// a read error the file ends.
    pub fn next_row(&mut self) -> Option<Result<Row<'_>, RowError>> {
        if self.finished {
            return None;
        }
        loop {
            match self.csv.read_byte_record(&mut self.record) {
                Ok(true) if !self.is_text() => {
                    return Some(Err(RowError::new(self.start_line(), None, NOT_UTF8)));
                }
                Ok(true) if self.is_skipped() => continue,
                Ok(true) => break,
                Ok(false) => {
                    self.finished = true;
                    return None;
                }
                Err(error) => {
                    self.finished = true;
                    let line = self.csv.position().line();
                    return Some(Err(RowError::new(
                        line,
                        None,
                        format!("cannot read the rest of the file: {error}"),
                    )));
                }
            }
        }
        let line = self.start_line();
        let (n, columns) = (self.record.len(), self.header.names.len());
        if n != columns {
            return Some(Err(RowError::new(
                line,
                None,
                format!(
                    "has {n} field{}, but the header has {columns}",
                    if n == 1 { "" } else { "s" },
                ),
            )));
        }
        Some(Ok(Row {
            line,
            record: &self.record,
            encoding: self.encoding,
            header: &self.header,
        }))
    }

    /// Whether the record just read can be taken as text: in a spreadsheet, every field UTF-8.
    fn is_text(&self) -> bool {
        self.dialect == Dialect::Register
            || self
                .record
                .iter()
                .all(|field| std::str::from_utf8(field).is_ok())
    }

    /// Whether the record just read is no row at all.
    fn is_skipped(&self) -> bool {
        match self.dialect {
            Dialect::Register => is_blank(&self.record),
            Dialect::Spreadsheet => self
                .record
                .iter()
                .all(|field| std::str::from_utf8(field).is_ok_and(|text| text.trim().is_empty())),
        }
    }

    /// The physical line where the record just read starts. The parser counts every line feed
    /// it has consumed: subtract the one that ended the record (unless the file ended without
    /// one) and those inside quoted fields.
    fn start_line(&self) -> u64 {
        let input = self.csv.get_ref();
        let consumed = self.csv.position().byte();
        let ended_by_file_end =
            input.at_end && consumed == input.handed && input.last_byte != Some(b'\n');
        let after = self.csv.position().line();
        let terminator = u64::from(!ended_by_file_end);
        let inside = self
            .record
            .as_slice()
            .iter()
            .filter(|&&b| b == b'\n')
            .count() as u64;
        after.saturating_sub(terminator + inside).max(1)
    }
}

/// A line with nothing but white space on it.
fn is_blank(record: &ByteRecord) -> bool {
    record.len() == 1 && record.as_slice().iter().all(u8::is_ascii_whitespace)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Hands over one byte per read, as a slow pipe might.
    struct Trickle<'a>(&'a [u8]);

    impl Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            match (self.0.split_first(), buf.first_mut()) {
                (Some((&b, rest)), Some(slot)) => {
                    *slot = b;
                    self.0 = rest;
                    Ok(1)
                }
                _ => Ok(0),
            }
        }
    }

    fn lines(source: &mut CsvFile<impl Read>) -> Vec<Result<u64, String>> {
        let mut out = Vec::new();
        while let Some(row) = source.next_row() {
            out.push(row.map(|r| r.line).map_err(|e| e.to_string()));
        }
        out
    }

    #[test]
    fn byte_order_mark_split_across_reads() {
        let bytes = "\u{FEFF}A,B\r\n1,é\r\n\r\n2,\"x\r\ny\"\r\n3,z".as_bytes();
        let mut source = CsvFile::open(Trickle(bytes), Dialect::Register).unwrap();
        assert_eq!(source.encoding, Encoding::Utf8);
        assert_eq!(source.header.names(), ["A", "B"]);
        assert_eq!(lines(&mut source), [Ok(2), Ok(4), Ok(6)]);
        assert_eq!(source.position_bytes(), bytes.len() as u64);
    }

    #[test]
    fn short_files_without_a_byte_order_mark() {
        for text in [&b"A"[..], b"A\n", b"AB", b"\xEF\xBB"] {
            let source = CsvFile::open(Trickle(text), Dialect::Register).unwrap();
            assert_eq!(source.encoding, Encoding::Windows1252, "{text:?}");
            assert_eq!(source.header.names().len(), 1);
        }
    }

    #[test]
    fn field_counts_are_checked() {
        let mut source = CsvFile::open(&b"A,B\n1\n1,2,3\n1,2"[..], Dialect::Register).unwrap();
        assert_eq!(
            lines(&mut source),
            [
                Err("line 2: has 1 field, but the header has 2".to_owned()),
                Err("line 3: has 3 fields, but the header has 2".to_owned()),
                Ok(4)
            ]
        );
    }

    #[test]
    fn read_errors_end_the_rows() {
        struct Failing(usize);
        impl Read for Failing {
            fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
                let header = b"A\n1\n";
                if self.0 < header.len() && !buf.is_empty() {
                    buf[0] = header[self.0];
                    self.0 += 1;
                    Ok(1)
                } else {
                    Err(io::Error::other("disk on fire"))
                }
            }
        }
        let mut source = CsvFile::open(Failing(0), Dialect::Register).unwrap();
        let rows = lines(&mut source);
        assert_eq!(rows[0], Ok(2));
        assert!(
            rows[1].as_ref().unwrap_err().contains("disk on fire"),
            "{rows:?}"
        );
        assert_eq!(rows.len(), 2);
        assert!(source.next_row().is_none());
    }

    #[test]
    fn records_know_their_line_whatever_the_line_ending() {
        for text in [
            "\u{feff}a,b\r\n1,2\r\n\r\n\"x\r\ny\",3\r\n4,5",
            "a,b\n1,2\n\n\"x\ny\",3\n4,5\n",
            "a,b\n\n\n1,2\n\n  \n\"x\ny\",3\n4,5",
        ] {
            let mut file = CsvFile::open(text.as_bytes(), Dialect::Spreadsheet).unwrap();
            let header = file.header();
            assert_eq!(header.written("a"), "a", "no byte-order mark in {text:?}");
            let mut rows = Vec::new();
            while let Some(row) = file.next_row() {
                let row = row.unwrap();
                rows.push((row.line, row.text(1).unwrap().into_owned()));
            }
            let expected = if text.starts_with("a,b\n\n") {
                [(4, "2"), (7, "3"), (9, "5")]
            } else {
                [(2, "2"), (4, "3"), (6, "5")]
            };
            let expected: Vec<_> = expected.iter().map(|(l, b)| (*l, b.to_string())).collect();
            assert_eq!(rows, expected, "{text:?}");
        }
    }

    #[test]
    fn finds_columns_by_name_whatever_their_case() {
        let header = Header::new(["\u{feff}URN ", "Academic Year", "notes", "urn"]);
        assert_eq!(header.find("urn"), Some(0));
        assert_eq!(header.find("academic_year"), Some(1));
        assert_eq!(header.find("Academic Year"), Some(1));
        assert_eq!(header.written("academic_year"), "Academic Year");
        assert_eq!(header.written("urn"), "URN");
        assert_eq!(header.written("hub"), "hub");
        assert_eq!(header.missing(&["urn", "stage", "hub"]), ["stage", "hub"]);
        assert_eq!(header.repeated(&["urn", "notes"]), ["urn"]);
        assert_eq!(header.names().len(), 4);
        assert!(!header.is_blank());
        assert!(Header::new([""]).is_blank());
    }

    #[test]
    fn a_spreadsheet_is_utf8_and_skips_rows_of_empty_fields() {
        let text = b"a,b\r\n,\r\n1,\xe9\r\n , \r\n2\r\n3,x";
        let mut sheet = CsvFile::open(&text[..], Dialect::Spreadsheet).unwrap();
        assert_eq!(
            lines(&mut sheet),
            [
                Err(format!("line 3: {NOT_UTF8}")),
                Err("line 5: has 1 field, but the header has 2".to_owned()),
                Ok(6)
            ]
        );
        let mut register = CsvFile::open(&text[..], Dialect::Register).unwrap();
        assert_eq!(
            lines(&mut register),
            [
                Ok(2),
                Ok(3),
                Ok(4),
                Err("line 5: has 1 field, but the header has 2".to_owned()),
                Ok(6)
            ]
        );
        let mac = b"a,b\r1,\"x\ry\"\r\r2,z\r\n3,w\r";
        let mut split = CsvFile::open(Trickle(mac), Dialect::Spreadsheet).unwrap();
        assert_eq!(lines(&mut split), [Ok(2), Ok(5), Ok(6)]);
        let header = CsvFile::open(&b"\r\nurn,caf\xe9\r\n"[..], Dialect::Spreadsheet).err();
        assert_eq!(
            header.map(|e| e.to_string()),
            Some(format!("line 2: the header {NOT_UTF8}"))
        );
    }
}
