//! Turning a file's bytes into text: BOM, UTF-8 or Windows-1252, and refusing binaries.

use std::borrow::Cow;

/// What the bytes turned out to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-8, with or without a byte-order mark.
    Utf8,
    /// Not valid UTF-8: decoded as Windows-1252 (a superset of Latin-1's printable range).
    Windows1252,
}

/// Why bytes cannot be read as a text document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotText {
    /// 1-based line of the first offending byte, when it makes sense.
    pub line: Option<usize>,
    /// What the file looks like instead.
    pub message: String,
}

/// Magic numbers of files staffers often drop in a dossier folder by mistake.
const MAGIC: &[(&[u8], &str)] = &[
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xFF\xD8\xFF", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (or a Word/OpenDocument file)"),
    (b"\xD0\xCF\x11\xE0", "an old Microsoft Office document"),
    (b"{\\rtf", "an RTF document"),
];

/// Decodes a document's bytes, or says why it is not a text document.
pub fn decode(bytes: &[u8]) -> Result<(Cow<'_, str>, Encoding), NotText> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    for (magic, what) in MAGIC {
        if bytes.starts_with(magic) {
            return Err(NotText {
                line: Some(1),
                message: format!("this is {what}, not a question document"),
            });
        }
    }
    if let Some(pos) = memchr_nul(bytes) {
        let line = bytes[..pos].iter().filter(|&&b| b == b'\n').count() + 1;
        return Err(NotText {
            line: Some(line),
            message: "binary data (NUL byte), not a text document".into(),
        });
    }
    let (text, encoding) = match std::str::from_utf8(bytes) {
        Ok(text) => (Cow::Borrowed(text), Encoding::Utf8),
        Err(_) => {
            let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
            (text, Encoding::Windows1252)
        }
    };
    let controls = text
        .chars()
        .filter(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}'))
        .count();
    if controls * 20 > text.chars().count().max(1) {
        return Err(NotText {
            line: None,
            message: "binary data (control characters), not a text document".into(),
        });
    }
    Ok((text, encoding))
}

fn memchr_nul(bytes: &[u8]) -> Option<usize> {
    bytes.iter().position(|&b| b == 0)
}
