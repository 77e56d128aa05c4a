//! Reading one file of a dossier, whatever it holds: the format is told from the content
//! ([`sniff`]), not from the name alone. A text or markdown rendering, a saved AN page, an
//! open-data question (JSON or XML) gives one question; a zip archive (its entries read in
//! parallel, never unpacked to disk) or a legacy single-file archive (streamed) gives many;
//! an AMO file (acteur, organe, mandat) gives what names the authors.
//!
//! Every problem names its file, and in an archive its entry: `archive.zip!json/QANR5L17QE1.json`.

use crate::cache::FileKey;
use crate::limits::{Limits, ZipLimits};
use crate::model::Question;
use crate::parse::diagnostic::{Diagnostic, Severity};
use crate::parse::html::parse_html;
use crate::parse::opendata::{
    for_each_legacy_question, not_a_question, par_zip_entries_skipping, parse_amo_json,
    parse_question_json, parse_question_xml, parse_site_question_xml, sniff, AmoRecord, Format,
    Unchanged, ZipEntry,
};
use crate::parse::problem::{FileKind, IoReason, Problem};
use crate::parse::{parse_bytes, LineMessage, Parsed};
use std::io::{BufRead, BufReader, Read, Seek};
use std::ops::ControlFlow;
use std::path::Path;

/// Bytes looked at to tell a format.
const HEAD: usize = 8 * 1024;

/// What one file gave.
#[derive(Debug, Default)]
pub struct Gathered {
    /// Its questions, in the order it holds them.
    pub questions: Vec<Question>,
    /// What it says of deputies and groups (AMO files).
    pub amo: Vec<AmoRecord>,
    /// What was said about it (or its entries).
    pub said: Vec<Diagnostic>,
    /// Its key as it was read; none when it could not be read.
    pub key: Option<FileKey>,
    /// True for one document giving at most one question: what it gave may be cached.
    pub document: bool,
    /// Bytes read (uncompressed, for an archive).
    pub bytes: u64,
    /// Each document read (the file, or each archive entry), by key (its absolute path, with
    /// `!entry` for an entry), with its stamp: what tells it unchanged next time.
    pub stamps: Vec<(String, i64)>,
    /// Documents left unread because the caller knew them unchanged.
    pub unchanged: usize,
}

impl Gathered {
    fn skipped(shown: &str, problem: Problem) -> Self {
        Gathered {
            said: vec![Diagnostic::skipped(shown, problem)],
            ..Gathered::default()
        }
    }

    /// Takes a parser's result for a document shown as `shown`.
    fn take(&mut self, shown: &str, parsed: Result<Parsed, LineMessage>) {
        match parsed {
            Ok(parsed) => {
                self.said.extend(
                    parsed
                        .warnings
                        .into_iter()
                        .map(|w| Diagnostic::new(shown, Severity::Warning, w)),
                );
                self.questions.push(parsed.question);
            }
            Err(e) => self.said.push(Diagnostic::new(shown, Severity::Skipped, e)),
        }
    }

    fn absorb(&mut self, other: Gathered) {
        self.questions.extend(other.questions);
        self.amo.extend(other.amo);
        self.said.extend(other.said);
        self.bytes += other.bytes;
        self.stamps.extend(other.stamps);
        self.unchanged += other.unchanged;
    }
}

/// True for a name the text parser reads whatever its first bytes look like.
fn text_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    [".txt", ".md", ".markdown", ".text"]
        .iter()
        .any(|e| lower.ends_with(e))
}

/// Reads a document's bytes as its format says.
fn document(shown: &str, bytes: &[u8], format: Format, out: &mut Gathered) {
    match format {
        Format::Text => out.take(shown, parse_bytes(bytes, shown)),
        Format::Html => out.take(shown, parse_html(bytes, shown)),
        Format::QuestionJson => out.take(shown, parse_question_json(bytes, shown)),
        Format::QuestionXml => out.take(shown, parse_question_xml(bytes, shown)),
        Format::SiteQuestionXml => out.take(shown, parse_site_question_xml(bytes, shown)),
        Format::OtherXml | Format::OtherJson => out
            .said
            .push(Diagnostic::skipped(shown, not_a_question(bytes, format))),
        Format::ActeurJson | Format::OrganeJson | Format::MandatJson => {
            match parse_amo_json(bytes) {
                Ok(record) => out.amo.push(record),
                Err(e) => out.said.push(Diagnostic::new(shown, Severity::Skipped, e)),
            }
        }
        Format::LegacyQuestionsXml | Format::LegacyQuestionsJson => {
            legacy(shown, std::io::Cursor::new(bytes), out)
        }
        Format::Zip => out.said.push(Diagnostic::skipped(
            shown,
            Problem::NotADocument(FileKind::Zip),
        )),
        // What the text parser refuses, it says why (a PDF, a binary, an empty file).
        Format::Unknown if text_name(shown) => out.take(shown, parse_bytes(bytes, shown)),
        Format::Unknown => out
            .said
            .push(Diagnostic::skipped(shown, Problem::UnknownFormat)),
    }
}

/// Streams a legacy single-file archive (a whole legislature in one XML or JSON file).
fn legacy<R: BufRead>(shown: &str, input: R, out: &mut Gathered) {
    let result = for_each_legacy_question(input, shown, |parsed| {
        let source = parsed
            .as_ref()
            .map_or_else(|_| shown.to_string(), |p| p.question.source.clone());
        out.take(&source, parsed);
        ControlFlow::Continue(())
    });
    if let Err(e) = result {
        out.said.push(Diagnostic::new(shown, Severity::Skipped, e));
    }
}

/// What skipping documents known unchanged needs: the key of the file read (its absolute
/// path), and who knows documents by key and stamp.
#[derive(Clone, Copy)]
pub struct Skip<'a> {
    /// The file's absolute path, as a key.
    pub key: &'a str,
    /// Says whether a document (key, stamp) is known unchanged.
    pub unchanged: Unchanged<'a>,
}

/// Reads a zip archive: its entries in parallel, each as the document it is.
fn archive(
    shown: &str,
    file: std::fs::File,
    limits: &ZipLimits,
    skip: Option<Skip>,
    out: &mut Gathered,
) {
    let known = skip
        .map(|s| move |name: &str, stamp: i64| (s.unchanged)(&format!("{}!{name}", s.key), stamp));
    let known_ref = known.as_ref().map(|k| k as Unchanged);
    let read = par_zip_entries_skipping(file, limits, known_ref, |name, stamp, entry| {
        let at = format!("{shown}!{name}");
        let mut got = Gathered::default();
        if let Some(s) = skip {
            got.stamps.push((format!("{}!{name}", s.key), stamp));
        }
        match entry {
            Err(e) => got.said.push(Diagnostic::new(&at, Severity::Skipped, e)),
            Ok(ZipEntry::Bytes(bytes)) => {
                got.bytes = bytes.len() as u64;
                let format = sniff(name, &bytes);
                if format == Format::Zip {
                    got.said.push(Diagnostic::skipped(
                        &at,
                        Problem::NotADocument(FileKind::Zip),
                    ));
                } else {
                    document(&at, &bytes, format, &mut got);
                }
            }
            Ok(ZipEntry::Stream(reader)) => {
                let mut reader = BufReader::with_capacity(1 << 16, reader);
                let format = match reader.fill_buf() {
                    Ok(head) => sniff(name, head),
                    Err(e) => {
                        got.said
                            .push(Diagnostic::skipped(&at, Problem::BadEntry(e.to_string())));
                        return got;
                    }
                };
                match format {
                    Format::LegacyQuestionsXml | Format::LegacyQuestionsJson => {
                        legacy(&at, reader, &mut got)
                    }
                    _ => got.said.push(Diagnostic::skipped(
                        &at,
                        Problem::EntryTooBig {
                            declared: limits.max_entry_bytes.saturating_add(1),
                            limit: limits.max_entry_bytes,
                        },
                    )),
                }
            }
        }
        got
    });
    match read {
        Ok((entries, summary)) => {
            for got in entries {
                out.absorb(got);
            }
            out.unchanged += summary.unchanged;
            // An empty archive loads without error, but the user expected questions.
            if summary.entries == 0 && summary.unchanged == 0 {
                out.said
                    .push(Diagnostic::warning(shown, Problem::EmptyArchive));
            }
        }
        Err(e) => out.said.push(Diagnostic::new(shown, Severity::Skipped, e)),
    }
}

/// Reads one file the walk found (a regular file), as its content says: `shown` is its name
/// in messages; `buf` a buffer the caller reuses from file to file.
pub fn read_file(path: &Path, shown: &str, limits: &Limits, buf: &mut Vec<u8>) -> Gathered {
    read_file_skipping(path, shown, limits, buf, None)
}

/// The stamp of a file: its size, times and inode, hashed.
fn file_stamp(key: &FileKey) -> i64 {
    let bytes = postcard::to_allocvec(key).unwrap_or_default();
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h = (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
    }
    h as i64
}

/// [`read_file`], leaving the file (or an archive's entries) unread when `skip` knows it
/// unchanged, and recording each document's stamp.
pub fn read_file_skipping(
    path: &Path,
    shown: &str,
    limits: &Limits,
    buf: &mut Vec<u8>,
    skip: Option<Skip>,
) -> Gathered {
    buf.clear();
    let (mut file, meta) = match crate::files::open_found_file(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::InvalidInput => {
            return Gathered::skipped(shown, Problem::NotRegular)
        }
        Err(e) => return Gathered::skipped(shown, Problem::CannotRead(IoReason::from(&e))),
    };
    let key = FileKey::of(&meta);
    let stamp = file_stamp(&key);
    if let Some(s) = skip {
        if (s.unchanged)(s.key, stamp) {
            return Gathered {
                unchanged: 1,
                ..Gathered::default()
            };
        }
    }
    let cannot_read =
        |e: std::io::Error| Gathered::skipped(shown, Problem::CannotRead(IoReason::from(&e)));
    // The head tells the format: an archive is streamed, never read whole.
    if let Err(e) = (&mut file).take(HEAD as u64).read_to_end(buf) {
        return cannot_read(e);
    }
    let format = sniff(shown, buf);
    let mut out = Gathered {
        key: Some(key),
        ..Gathered::default()
    };
    match format {
        Format::Zip => {
            archive(shown, file, &ZipLimits::default(), skip, &mut out);
            return out;
        }
        Format::LegacyQuestionsXml | Format::LegacyQuestionsJson => {
            if let Err(e) = file.rewind() {
                return cannot_read(e);
            }
            legacy(shown, BufReader::with_capacity(1 << 16, file), &mut out);
            out.bytes = meta.len();
            return out;
        }
        _ => {}
    }
    let max = limits.max_file_bytes;
    if meta.len() > max {
        return Gathered::skipped(
            shown,
            Problem::TooBig {
                size: meta.len(),
                limit: max,
            },
        );
    }
    buf.reserve(meta.len() as usize + 1 - buf.len().min(meta.len() as usize));
    // `take` guards against a file that grows while it is read.
    if let Err(e) = (&mut file)
        .take(max + 1 - buf.len() as u64)
        .read_to_end(buf)
    {
        return cannot_read(e);
    }
    if buf.len() as u64 > max {
        return Gathered::skipped(shown, Problem::GrewWhileRead(max));
    }
    out.bytes = buf.len() as u64;
    out.document = !matches!(
        format,
        Format::ActeurJson | Format::OrganeJson | Format::MandatJson
    );
    document(shown, buf, format, &mut out);
    out.document &= out.questions.len() <= 1;
    if let Some(s) = skip {
        if out.document {
            out.stamps.push((s.key.to_string(), stamp));
        }
    }
    out
}

/// Reads a document held in memory (the sample dossier, a test).
pub fn read_bytes(shown: &str, bytes: &[u8]) -> Gathered {
    let mut out = Gathered {
        document: true,
        bytes: bytes.len() as u64,
        ..Gathered::default()
    };
    document(shown, bytes, sniff(shown, bytes), &mut out);
    out
}

/// Where the text a question was read from can be found again, to show it to the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// A file on disk.
    File(std::path::PathBuf),
    /// Bytes that are no file of their own (an archive's entry, a sample document), with a
    /// name for them.
    Bytes {
        /// A file name for them (`QANR5L17QE1.json`).
        name: String,
        /// Their content.
        bytes: Vec<u8>,
    },
}

/// Finds the source of a question again from its `source` field: a file, an archive's entry
/// (`archive.zip!json/QANR5L17QE1.json`, read from the archive), or a sample document.
pub fn find_again(source: &str) -> std::io::Result<Origin> {
    use std::io::{Error, ErrorKind};
    if let Some(name) = source
        .strip_prefix(crate::sample::SOURCE_PREFIX)
        .map(|n| n.trim_start_matches('/'))
    {
        return crate::sample::DOCUMENTS
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(n, text)| Origin::Bytes {
                name: n.to_string(),
                bytes: text.as_bytes().to_vec(),
            })
            .ok_or_else(|| Error::from(ErrorKind::NotFound));
    }
    let path = Path::new(source);
    if path.is_file() {
        return Ok(Origin::File(path.to_path_buf()));
    }
    let Some((archive, entry)) = source.rsplit_once('!') else {
        return Err(Error::from(ErrorKind::NotFound));
    };
    let file = crate::files::open_regular(Path::new(archive))?;
    let mut zip = zip::ZipArchive::new(file).map_err(|e| Error::new(ErrorKind::InvalidData, e))?;
    let max = ZipLimits::default().max_entry_bytes;
    let found = zip
        .by_name(entry)
        .map_err(|e| Error::new(ErrorKind::NotFound, e))?;
    let mut bytes = Vec::new();
    found.take(max).read_to_end(&mut bytes)?;
    let name = entry.rsplit('/').next().unwrap_or(entry).to_string();
    Ok(Origin::Bytes { name, bytes })
}
