//! Writing CSV the way GIAS does: Windows-1252, text quoted (quotes doubled), numbers bare,
//! empty values empty, CRLF between rows and no line end after the last.

use std::borrow::Cow;
use std::io::{self, BufWriter, Write};

/// A CSV writer, one row at a time.
pub(crate) struct CsvOut<W: Write> {
    out: BufWriter<W>,
    fields: usize,
    rows: u64,
}

impl<W: Write> CsvOut<W> {
    pub(crate) fn new(out: W) -> Self {
        Self {
            out: BufWriter::with_capacity(1 << 16, out),
            fields: 0,
            rows: 0,
        }
    }

    fn separate(&mut self) -> io::Result<()> {
        if self.fields == 0 && self.rows > 0 {
            self.out.write_all(b"\r\n")?;
        } else if self.fields > 0 {
            self.out.write_all(b",")?;
        }
        self.fields += 1;
        Ok(())
    }

    /// A quoted text field.
    pub(crate) fn text(&mut self, text: &str) -> io::Result<()> {
        self.separate()?;
        let bytes = encode_cp1252(text);
        self.out.write_all(b"\"")?;
        let mut rest: &[u8] = &bytes;
        while let Some(at) = rest.iter().position(|&b| b == b'"') {
            self.out.write_all(&rest[..=at])?;
            self.out.write_all(b"\"")?;
            rest = &rest[at + 1..];
        }
        self.out.write_all(rest)?;
        self.out.write_all(b"\"")
    }

    /// An unquoted field, written as it is (numbers).
    pub(crate) fn bare(&mut self, text: &str) -> io::Result<()> {
        self.separate()?;
        self.out.write_all(text.as_bytes())
    }

    /// A whole number.
    pub(crate) fn int(&mut self, n: i64) -> io::Result<()> {
        self.separate()?;
        let mut digits = [0u8; 20];
        let mut at = digits.len();
        let mut rest = n.unsigned_abs();
        loop {
            at -= 1;
            digits[at] = b'0' + (rest % 10) as u8;
            rest /= 10;
            if rest == 0 {
                break;
            }
        }
        if n < 0 {
            self.out.write_all(b"-")?;
        }
        self.out.write_all(&digits[at..])
    }

    /// An empty field.
    pub(crate) fn empty(&mut self) -> io::Result<()> {
        self.separate()
    }

    /// Ends the current row (the line end is written before the next row, if any).
    pub(crate) fn end_row(&mut self) {
        self.fields = 0;
        self.rows += 1;
    }

    /// Flushes everything written.
    pub(crate) fn finish(mut self) -> io::Result<()> {
        self.out.flush()
    }
}

/// Encodes text as Windows-1252. Characters that have no Windows-1252 byte (none of the
/// generator's own text has any) become `?`.
fn encode_cp1252(text: &str) -> Cow<'_, [u8]> {
    if text.is_ascii() {
        return Cow::Borrowed(text.as_bytes());
    }
    let mut out = Vec::with_capacity(text.len());
    let mut buffer = [0u8; 4];
    for c in text.chars() {
        let (bytes, _, had_errors) = encoding_rs::WINDOWS_1252.encode(c.encode_utf8(&mut buffer));
        if had_errors {
            out.push(b'?');
        } else {
            out.extend_from_slice(&bytes);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_like_gias() {
        let mut bytes = Vec::new();
        let mut csv = CsvOut::new(&mut bytes);
        csv.text("URN").unwrap();
        csv.text("Name").unwrap();
        csv.end_row();
        csv.int(100_000).unwrap();
        csv.text("St Thérèse \"Little\", Ltd").unwrap();
        csv.end_row();
        csv.int(-5).unwrap();
        csv.empty().unwrap();
        csv.end_row();
        csv.finish().unwrap();
        assert_eq!(
            bytes,
            b"\"URN\",\"Name\"\r\n100000,\"St Th\xe9r\xe8se \"\"Little\"\", Ltd\"\r\n-5,"
        );
    }

    #[test]
    fn encodes_to_single_bytes() {
        assert_eq!(
            &*encode_cp1252("Thérèse à ô ü °"),
            b"Th\xe9r\xe8se \xe0 \xf4 \xfc \xb0"
        );
        assert_eq!(&*encode_cp1252("plain"), b"plain");
        assert_eq!(&*encode_cp1252("a\u{430}b"), b"a?b");
    }
}
