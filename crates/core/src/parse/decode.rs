//! Turning a file's bytes into text: BOM, UTF-8, UTF-16 or Windows-1252, and refusing
//! binaries.
//!
//! Staffers' folders hold files saved by every kind of tool, so the choice is made on what the
//! bytes are, and anything that was guessed or repaired is reported (with its line) so the
//! user can check it.

use super::problem::{FileKind, Problem};
use std::borrow::Cow;

/// What the bytes turned out to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-8, with or without a byte-order mark.
    Utf8,
    /// UTF-8 with invalid bytes (a damaged or truncated file): they were replaced by `�`.
    /// `line` is the line of the first one.
    Utf8Repaired {
        /// 1-based line of the first invalid byte.
        line: usize,
        /// True when the only damage is a character cut at the end of the file.
        truncated: bool,
    },
    /// UTF-16 ("Unicode" in Windows' Save As), little- or big-endian.
    Utf16,
    /// Not valid UTF-8: decoded as Windows-1252 (a superset of Latin-1's printable range).
    /// `line` is the line of the first byte that is not UTF-8.
    Windows1252 {
        /// 1-based line of the first non-UTF-8 byte.
        line: usize,
    },
}

/// Why bytes cannot be read as a text document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotText {
    /// 1-based line of the first offending byte.
    pub line: Option<usize>,
    /// What the file looks like instead.
    pub problem: super::problem::Problem,
}

/// A decoded document and what was done to get it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded<'a> {
    /// The text.
    pub text: Cow<'a, str>,
    /// How the bytes were read.
    pub encoding: Encoding,
    /// Control characters (NUL, ESC, …) dropped from an otherwise textual file: how many,
    /// and the line of the first one. They would garble a terminal.
    pub controls_removed: Option<(usize, usize)>,
}

/// Magic numbers of files staffers often drop in a dossier folder by mistake.
const MAGIC: &[(&[u8], FileKind)] = &[
    (b"%PDF", FileKind::Pdf),
    (b"\x89PNG", FileKind::Png),
    (b"\xFF\xD8\xFF", FileKind::Jpeg),
    (b"GIF8", FileKind::Gif),
    (b"PK\x03\x04", FileKind::Zip),
    (b"\xD0\xCF\x11\xE0", FileKind::OldOffice),
    (b"{\\rtf", FileKind::Rtf),
    (b"\x7FELF", FileKind::Elf),
    (b"\x1F\x8B", FileKind::Gzip),
];

/// 1-based line of byte offset `pos`.
fn line_of(bytes: &[u8], pos: usize) -> usize {
    bytes[..pos.min(bytes.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// Decodes a document's bytes, or says why it is not a text document.
pub fn decode(bytes: &[u8]) -> Result<Decoded<'_>, NotText> {
    if let Some(decoded) = utf16(bytes) {
        return check_controls(decoded);
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    for (magic, what) in MAGIC {
        if bytes.starts_with(magic) {
            return Err(NotText {
                line: Some(1),
                problem: Problem::NotADocument(*what),
            });
        }
    }
    // A few stray NULs in a text (a damaged save) are dropped later; many mean a binary file.
    let first_nul = memchr::memchr(0, bytes);
    if first_nul.is_some_and(|_| memchr::memchr_iter(0, bytes).count() * 100 > bytes.len()) {
        let first = first_nul.unwrap_or(0);
        return Err(NotText {
            line: Some(line_of(bytes, first)),
            problem: Problem::BinaryNul,
        });
    }
    // The SIMD check answers only yes or no; the standard one says where it went wrong.
    let checked = match simdutf8::basic::from_utf8(bytes) {
        Ok(text) => Ok(text),
        Err(_) => std::str::from_utf8(bytes),
    };
    let (text, encoding) = match checked {
        Ok(text) => (Cow::Borrowed(text), Encoding::Utf8),
        Err(e) => {
            let line = line_of(bytes, e.valid_up_to());
            if e.error_len().is_none() {
                // Only the last character is cut: a truncated UTF-8 file.
                (
                    lossy(bytes),
                    Encoding::Utf8Repaired {
                        line,
                        truncated: true,
                    },
                )
            } else if mostly_utf8(bytes) {
                (
                    lossy(bytes),
                    Encoding::Utf8Repaired {
                        line,
                        truncated: false,
                    },
                )
            } else {
                let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
                (
                    Cow::Owned(text.into_owned()),
                    Encoding::Windows1252 { line },
                )
            }
        }
    };
    check_controls(Decoded {
        text,
        encoding,
        controls_removed: None,
    })
}

fn lossy(bytes: &[u8]) -> Cow<'static, str> {
    Cow::Owned(String::from_utf8_lossy(bytes).into_owned())
}

/// True when the non-ASCII bytes are mostly well-formed UTF-8 sequences: a UTF-8 file with
/// some damage, not a Windows-1252 one (where accented letters are single invalid bytes).
fn mostly_utf8(bytes: &[u8]) -> bool {
    let (mut good, mut bad) = (0usize, 0usize);
    let mut rest = bytes;
    while !rest.is_empty() {
        match std::str::from_utf8(rest) {
            Ok(s) => {
                good += s.chars().filter(|c| !c.is_ascii()).count();
                break;
            }
            Err(e) => {
                let (valid, after) = rest.split_at(e.valid_up_to());
                good += std::str::from_utf8(valid)
                    .map(|s| s.chars().filter(|c| !c.is_ascii()).count())
                    .unwrap_or(0);
                bad += 1;
                let skip = e.error_len().unwrap_or(after.len()).max(1);
                rest = &after[skip.min(after.len())..];
            }
        }
    }
    good > bad * 4
}

/// Decodes UTF-16 with a byte-order mark, or without one when every other byte of the start
/// is NUL (as in ASCII-heavy UTF-16 text).
fn utf16(bytes: &[u8]) -> Option<Decoded<'static>> {
    let (encoding, body) = if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        (encoding_rs::UTF_16LE, rest)
    } else if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        (encoding_rs::UTF_16BE, rest)
    } else {
        let head = &bytes[..bytes.len().min(512) & !1];
        if head.len() < 16 {
            return None;
        }
        let zeros = |offset: usize| head.iter().skip(offset).step_by(2).filter(|&&b| b == 0);
        let pairs = head.len() / 2;
        if zeros(1).count() * 10 >= pairs * 9 && zeros(0).count() * 10 < pairs {
            (encoding_rs::UTF_16LE, bytes)
        } else if zeros(0).count() * 10 >= pairs * 9 && zeros(1).count() * 10 < pairs {
            (encoding_rs::UTF_16BE, bytes)
        } else {
            return None;
        }
    };
    let (text, _) = encoding.decode_without_bom_handling(body);
    Some(Decoded {
        text: Cow::Owned(text.into_owned()),
        encoding: Encoding::Utf16,
        controls_removed: None,
    })
}

/// A control character to remove (not a line break or tab; form feeds and vertical tabs are
/// blanks).
fn is_bad(c: char) -> bool {
    c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}' | '\u{b}')
}

/// A character that stands for a blank: form feed, vertical tab, Unicode line and paragraph
/// separators.
fn is_space(c: char) -> bool {
    matches!(c, '\u{c}' | '\u{b}' | '\u{2028}' | '\u{2029}')
}

/// True when `text` holds a character [`is_bad`] or [`is_space`] looks for, in two fast
/// passes over the bytes: memchr for DEL and the lead bytes of C1 controls (C2) and of
/// U+2028/U+2029 (E2), looking at the next bytes of those only (they are common in French
/// text: `«`, `°`, `’`, `…`); then eight bytes at a time for C0 controls.
fn has_controls(text: &str) -> bool {
    let bytes = text.as_bytes();
    let high = memchr::memchr3_iter(0x7F, 0xC2, 0xE2, bytes).any(|at| match bytes[at] {
        0x7F => true,
        // C1 controls are C2 80 to C2 9F.
        0xC2 => matches!(bytes.get(at + 1), Some(0x80..=0x9F)),
        // U+2028 and U+2029 are E2 80 A8 and E2 80 A9.
        _ => bytes.get(at + 1) == Some(&0x80) && matches!(bytes.get(at + 2), Some(0xA8 | 0xA9)),
    });
    if high {
        return true;
    }
    let c0 = |b: &u8| *b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t');
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        let Ok(eight) = <[u8; 8]>::try_from(chunk) else {
            continue;
        };
        let x = u64::from_le_bytes(eight);
        // Non-zero when some byte is below 0x20 (line breaks included: then the bytes are
        // looked at one by one).
        let below = x.wrapping_sub(0x2020_2020_2020_2020) & !x & 0x8080_8080_8080_8080;
        if below != 0 && chunk.iter().any(c0) {
            return true;
        }
    }
    chunks.remainder().iter().any(c0)
}

/// Refuses text that is mostly control characters (a binary file that happened to decode);
/// otherwise removes the few there are, turning form feeds and Unicode line separators into
/// spaces, so that line numbers stay those an editor shows.
fn check_controls(decoded: Decoded<'_>) -> Result<Decoded<'_>, NotText> {
    let text = &decoded.text;
    if !has_controls(text) {
        return Ok(decoded);
    }
    let controls = text.chars().filter(|&c| is_bad(c)).count();
    let first = text.find(is_bad).map(|at| line_of(text.as_bytes(), at));
    if controls * 20 > text.chars().count().max(1) {
        return Err(NotText {
            line: first,
            problem: Problem::BinaryControls,
        });
    }
    let cleaned: String = text
        .chars()
        .filter(|&c| !is_bad(c))
        .map(|c| if is_space(c) { ' ' } else { c })
        .collect();
    Ok(Decoded {
        text: Cow::Owned(cleaned),
        encoding: decoded.encoding,
        controls_removed: first.map(|line| (controls, line)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        let d = decode("\u{feff}Santé".as_bytes()).unwrap();
        assert_eq!((d.text.as_ref(), d.encoding), ("Santé", Encoding::Utf8));
        let d = decode("Santé".as_bytes()).unwrap();
        assert_eq!(d.text, "Santé");
    }

    #[test]
    fn windows_1252_names_the_line() {
        let d = decode(b"ligne\nSant\xe9 \x9cuvre \x80").unwrap();
        assert_eq!(d.text, "ligne\nSanté œuvre €");
        assert_eq!(d.encoding, Encoding::Windows1252 { line: 2 });
    }

    #[test]
    fn truncated_utf8_is_not_taken_for_windows_1252() {
        let full = "a\nSanté è";
        // Cut inside the two bytes of the final "è".
        let bytes = &full.as_bytes()[..full.len() - 1];
        let d = decode(bytes).unwrap();
        assert!(d.text.starts_with("a\nSanté "));
        assert_eq!(
            d.encoding,
            Encoding::Utf8Repaired {
                line: 2,
                truncated: true
            }
        );
    }

    #[test]
    fn utf8_with_one_bad_byte_stays_utf8() {
        let d = decode(b"Sant\xc3\xa9 \xc3\xa0 \xff la cr\xc3\xa8che, \xc3\xa9t\xc3\xa9").unwrap();
        assert_eq!(d.text, "Santé à \u{fffd} la crèche, été");
        assert_eq!(
            d.encoding,
            Encoding::Utf8Repaired {
                line: 1,
                truncated: false
            }
        );
    }

    #[test]
    fn utf16_with_and_without_bom() {
        let text = "Question écrite n° 12\nAuteur : Mme A\n";
        let le: Vec<u8> = text.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(|u| u.to_be_bytes()).collect();
        for bytes in [
            [b"\xFF\xFE".as_slice(), &le].concat(),
            [b"\xFE\xFF".as_slice(), &be].concat(),
            le.clone(),
            be.clone(),
        ] {
            let d = decode(&bytes).unwrap();
            assert_eq!((d.text.as_ref(), d.encoding), (text, Encoding::Utf16));
        }
    }

    #[test]
    fn binaries_are_refused_with_a_line() {
        let e = decode(b"%PDF-1.7\n...").unwrap_err();
        assert_eq!(e.line, Some(1));
        assert_eq!(e.problem, Problem::NotADocument(FileKind::Pdf));
        let e = decode(b"a\nb\n\x00\x00\x00\x00\x01\x02").unwrap_err();
        assert_eq!(e.line, Some(3));
        let e = decode(b"ok\n\x01\x02\x03\x04\x05\x06").unwrap_err();
        assert_eq!(e.line, Some(2));
        assert_eq!(e.problem, Problem::BinaryControls);
    }

    #[test]
    fn the_byte_scan_finds_what_the_character_test_finds() {
        for text in [
            "Santé « à » 12° l’été…",
            "a\u{85}b",
            "a\u{9f}",
            "a\u{a0}b",
            "x\u{2028}",
            "x\u{2029}y",
            "x\u{2027}\u{202f}",
            "tab\tok\r\n",
            "bell\u{7}",
            "del\u{7f}",
            "ff\u{c}",
            "\u{1b}[31m",
            "",
            "\u{c2}",
        ] {
            let by_chars = text.contains(|c: char| is_bad(c) || is_space(c));
            assert_eq!(has_controls(text), by_chars, "{text:?}");
        }
    }

    #[test]
    fn a_few_stray_controls_are_dropped() {
        let mut bytes = "Question écrite n° 12\n".repeat(20).into_bytes();
        bytes.insert(30, 0);
        bytes.insert(40, 0x1b);
        bytes.insert(50, 0x0c);
        let d = decode(&bytes).unwrap();
        assert_eq!(d.controls_removed, Some((2, 2)));
        assert!(!d.text.contains(['\0', '\u{1b}', '\u{c}']));
        assert_eq!(d.text.lines().count(), 20);
    }
}
