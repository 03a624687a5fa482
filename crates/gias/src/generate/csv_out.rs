//! Writing CSV the way GIAS does: Windows-1252, text quoted (quotes doubled), numbers bare,
//! empty values empty, CRLF between rows and no line end after the last.

use std::io::{self, BufWriter, Write};

use crate::text::encode_cp1252;

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
}
