//! Text encodings: GIAS extracts are Windows-1252; a file re-saved by Excel with a byte order
//! mark is UTF-8.

use std::borrow::Cow;

/// How the bytes of a file's fields are to be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Encoding {
    /// The encoding GIAS publishes in. Every byte decodes, so decoding never fails.
    Windows1252,
    /// A file that starts with a UTF-8 byte order mark.
    Utf8,
}

impl Encoding {
    /// Decodes one field; `None` when the bytes are not valid in this encoding (only possible
    /// for UTF-8).
    pub(crate) fn decode(self, bytes: &[u8]) -> Option<Cow<'_, str>> {
        match self {
            Self::Utf8 => std::str::from_utf8(bytes).ok().map(Cow::Borrowed),
            Self::Windows1252 => {
                if bytes.is_ascii() {
                    std::str::from_utf8(bytes).ok().map(Cow::Borrowed)
                } else {
                    let (text, _had_errors) =
                        encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
                    Some(text)
                }
            }
        }
    }
}

/// A value quoted for an error message: `'31-02-2020'`, cut short when long.
pub(crate) fn shown(value: &str) -> String {
    const MAX_CHARS: usize = 60;
    let mut chars = value.chars();
    let head: String = chars.by_ref().take(MAX_CHARS).collect();
    if chars.next().is_some() {
        format!("'{head}…'")
    } else {
        format!("'{head}'")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_1252_decodes_every_byte() {
        assert_eq!(
            Encoding::Windows1252.decode(b"Caf\xe9").as_deref(),
            Some("Café")
        );
        assert_eq!(Encoding::Windows1252.decode(b"\x80").as_deref(), Some("€"));
        let all: Vec<u8> = (0..=255).collect();
        assert!(Encoding::Windows1252.decode(&all).is_some());
    }

    #[test]
    fn utf8_refuses_invalid_bytes() {
        assert_eq!(
            Encoding::Utf8.decode("Café".as_bytes()).as_deref(),
            Some("Café")
        );
        assert_eq!(Encoding::Utf8.decode(b"Caf\xe9"), None);
    }

    #[test]
    fn shown_quotes_and_cuts() {
        assert_eq!(shown("abc"), "'abc'");
        let long = "é".repeat(100);
        let quoted = shown(&long);
        assert!(quoted.ends_with("…'"));
        assert_eq!(quoted.chars().count(), 60 + 3);
    }
}
