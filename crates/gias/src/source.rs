//! The CSV layer shared by both readers: byte order mark and encoding, the header and its
//! column names, streaming records with the physical line where each starts, blank lines.

use std::borrow::Cow;
use std::io::{self, Read};

use csv::ByteRecord;

use crate::error::{FileError, RowError};
use crate::text::Encoding;

const UTF8_BOM: [u8; 3] = [0xEF, 0xBB, 0xBF];

/// The input as the CSV parser sees it: the byte order mark removed, and enough bookkeeping
/// (bytes handed over, end reached, last byte) to tell whether a record ended at a line feed or
/// at the end of the file.
pub(crate) struct Input<R> {
    inner: R,
    prefix: [u8; 3],
    prefix_len: usize,
    prefix_pos: usize,
    handed: u64,
    at_end: bool,
    last_byte: Option<u8>,
}

impl<R: Read> Input<R> {
    /// Reads the first bytes to look for a UTF-8 byte order mark.
    fn open(mut inner: R) -> io::Result<(Self, Encoding)> {
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
        let (prefix_len, encoding) = if len == 3 && prefix == UTF8_BOM {
            (0, Encoding::Utf8)
        } else {
            (len, Encoding::Windows1252)
        };
        let input = Self {
            inner,
            prefix,
            prefix_len,
            prefix_pos: 0,
            handed: 0,
            at_end: false,
            last_byte: None,
        };
        Ok((input, encoding))
    }
}

impl<R: Read> Read for Input<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if buf.is_empty() {
            return Ok(0);
        }
        let n = if self.prefix_pos < self.prefix_len {
            let rest = &self.prefix[self.prefix_pos..self.prefix_len];
            let n = rest.len().min(buf.len());
            buf[..n].copy_from_slice(&rest[..n]);
            self.prefix_pos += n;
            n
        } else {
            loop {
                match self.inner.read(buf) {
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                    other => break other?,
                }
            }
        };
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
pub(crate) struct CsvSource<R> {
    csv: csv::Reader<Input<R>>,
    record: ByteRecord,
    encoding: Encoding,
    headers: Vec<String>,
    bom_len: u64,
    finished: bool,
}

/// One record with the same number of fields as the header.
pub(crate) struct Row<'a> {
    /// The 1-based physical line where the record starts.
    pub(crate) line: u64,
    record: &'a ByteRecord,
    encoding: Encoding,
    headers: &'a [String],
}

impl<'a> Row<'a> {
    /// The field in column `index`, decoded and trimmed.
    pub(crate) fn text(&self, index: usize) -> Result<Cow<'a, str>, RowError> {
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

    /// An error about the field in column `index`.
    pub(crate) fn error(&self, index: usize, message: impl Into<String>) -> RowError {
        let column = self.headers.get(index).map(String::as_str);
        RowError::new(self.line, column, message)
    }
}

impl<R: Read> CsvSource<R> {
    /// Opens a CSV file: detects the encoding, reads the header (skipping blank lines before
    /// it) and checks that every `required` column is present.
    pub(crate) fn open(input: R, required: &[&str]) -> Result<Self, FileError> {
        let (input, encoding) = Input::open(input)?;
        let bom_len = match encoding {
            Encoding::Utf8 => UTF8_BOM.len() as u64,
            Encoding::Windows1252 => 0,
        };
        let csv = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            // Records end at a line feed; a carriage return before it stays at the end of the
            // last field and is trimmed away. This keeps line numbers exact for CRLF files.
            .terminator(csv::Terminator::Any(b'\n'))
            .from_reader(input);
        let mut source = Self {
            csv,
            record: ByteRecord::new(),
            encoding,
            headers: Vec::new(),
            bom_len,
            finished: false,
        };
        loop {
            if !source.csv.read_byte_record(&mut source.record)? {
                return Err(FileError::Empty);
            }
            if !is_blank(&source.record) {
                break;
            }
        }
        let mut headers = Vec::with_capacity(source.record.len());
        for field in source.record.iter() {
            let name = encoding
                .decode(field)
                .unwrap_or_else(|| String::from_utf8_lossy(field));
            headers.push(name.trim().trim_start_matches('\u{feff}').to_owned());
        }
        source.headers = headers;
        let missing: Vec<String> = required
            .iter()
            .filter(|name| source.column(name).is_none())
            .map(|name| (*name).to_owned())
            .collect();
        if !missing.is_empty() {
            return Err(FileError::NotGias { missing });
        }
        Ok(source)
    }

    /// The index of the column called `name` (exactly, or else ignoring ASCII case).
    pub(crate) fn column(&self, name: &str) -> Option<usize> {
        self.headers.iter().position(|h| h == name).or_else(|| {
            self.headers
                .iter()
                .position(|h| h.eq_ignore_ascii_case(name))
        })
    }

    /// Bytes of the file consumed so far, byte order mark included.
    pub(crate) fn position_bytes(&self) -> u64 {
        self.bom_len + self.csv.position().byte()
    }

    /// The next record that is not a blank line, or an error for a record whose field count
    /// differs from the header's. After a read error the source ends.
    pub(crate) fn next_row(&mut self) -> Option<Result<Row<'_>, RowError>> {
        if self.finished {
            return None;
        }
        loop {
            match self.csv.read_byte_record(&mut self.record) {
                Ok(true) if is_blank(&self.record) => continue,
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
        if self.record.len() != self.headers.len() {
            let n = self.record.len();
            return Some(Err(RowError::new(
                line,
                None,
                format!(
                    "has {n} field{}, but the header has {}",
                    if n == 1 { "" } else { "s" },
                    self.headers.len()
                ),
            )));
        }
        Some(Ok(Row {
            line,
            record: &self.record,
            encoding: self.encoding,
            headers: &self.headers,
        }))
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

    fn lines(source: &mut CsvSource<impl Read>) -> Vec<Result<u64, String>> {
        let mut out = Vec::new();
        while let Some(row) = source.next_row() {
            out.push(row.map(|r| r.line).map_err(|e| e.to_string()));
        }
        out
    }

    #[test]
    fn byte_order_mark_split_across_reads() {
        let bytes = "\u{FEFF}A,B\r\n1,é\r\n\r\n2,\"x\r\ny\"\r\n3,z".as_bytes();
        let mut source = CsvSource::open(Trickle(bytes), &["A"]).unwrap();
        assert_eq!(source.encoding, Encoding::Utf8);
        assert_eq!(source.headers, ["A", "B"]);
        assert_eq!(lines(&mut source), [Ok(2), Ok(4), Ok(6)]);
        assert_eq!(source.position_bytes(), bytes.len() as u64);
    }

    #[test]
    fn short_files_without_a_byte_order_mark() {
        for text in [&b"A"[..], b"A\n", b"AB", b"\xEF\xBB"] {
            let source = CsvSource::open(Trickle(text), &[]).unwrap();
            assert_eq!(source.encoding, Encoding::Windows1252, "{text:?}");
            assert_eq!(source.headers.len(), 1);
        }
    }

    #[test]
    fn field_counts_are_checked() {
        let mut source = CsvSource::open(&b"A,B\n1\n1,2,3\n1,2"[..], &[]).unwrap();
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
        let mut source = CsvSource::open(Failing(0), &[]).unwrap();
        let rows = lines(&mut source);
        assert_eq!(rows[0], Ok(2));
        assert!(
            rows[1].as_ref().unwrap_err().contains("disk on fire"),
            "{rows:?}"
        );
        assert_eq!(rows.len(), 2);
        assert!(source.next_row().is_none());
    }
}
