//! The library as versions before the database kept it: `library.bin` (a file of checksummed
//! sections: questions, word index, relations, the imports) and `dossiers.json` (the named
//! dossiers). Read once, to convert them into the database ([`super::Library`] does it on
//! first use); the old files are removed only once the database holding their content is in
//! place.

use super::dossiers::Dossiers;
use super::{ImportRecord, LibraryError};
use crate::model::Question;
use crate::sections::{read_directory, read_section, Section, Unused};
use crate::wire::StoredQuestion;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::fs::File;
use std::io;
use std::path::{Path, PathBuf};

/// First bytes of a library file.
const MAGIC: &[u8; 8] = b"DOSLIBRY";
/// The last version of its layout.
const FORMAT: u32 = 2;
/// The library file in its folder.
pub(crate) const FILE: &str = "library.bin";
/// The named dossiers in the folder.
pub(crate) const DOSSIERS: &str = "dossiers.json";

/// The directory of a library file.
#[derive(Serialize, Deserialize)]
struct Directory {
    format: u32,
    app: String,
    count: usize,
    sections: Vec<Section>,
    words: Option<Section>,
    related: Option<Section>,
    imports: Vec<ImportRecord>,
}

/// A question as the file stores it: with where it came from.
#[derive(Serialize, Deserialize)]
struct Stored<'a> {
    #[serde(borrow)]
    question: StoredQuestion<'a>,
    #[serde(borrow, with = "serde_bytes")]
    source: &'a [u8],
}

/// What an old library held.
#[derive(Debug, Default)]
pub(crate) struct Legacy {
    /// Its questions, in the order they were first imported.
    pub questions: Vec<Question>,
    /// The settings its relations were found with.
    pub related: Option<crate::related::Config>,
    /// Its imports, oldest first.
    pub imports: Vec<ImportRecord>,
    /// Its named dossiers.
    pub dossiers: Dossiers,
}

/// The old files of the library in `dir` that exist.
pub(crate) fn files(dir: &Path) -> Vec<PathBuf> {
    [FILE, DOSSIERS]
        .iter()
        .map(|f| dir.join(f))
        .filter(|p| p.exists())
        .collect()
}

/// Reads the old library of `dir` (questions and dossiers; either may be missing).
pub(crate) fn read(dir: &Path) -> Result<Legacy, LibraryError> {
    let mut legacy = read_questions(&dir.join(FILE))?;
    legacy.dossiers = read_dossiers(&dir.join(DOSSIERS))?;
    Ok(legacy)
}

fn read_dossiers(path: &Path) -> Result<Dossiers, LibraryError> {
    match crate::files::read_regular(path, 16 * 1024 * 1024) {
        Ok(bytes) => serde_json::from_slice(&bytes).map_err(|e| LibraryError::BadDossiers {
            path: path.to_path_buf(),
            what: e.to_string(),
        }),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(Dossiers::default()),
        Err(e) => Err(LibraryError::Io {
            action: "reading",
            path: path.to_path_buf(),
            source: e,
        }),
    }
}

fn read_questions(path: &Path) -> Result<Legacy, LibraryError> {
    let file = match File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Legacy::default()),
        Err(e) => {
            return Err(LibraryError::Io {
                action: "reading",
                path: path.to_path_buf(),
                source: e,
            })
        }
    };
    let bad = |why: Unused| match why {
        Unused::OtherVersion => LibraryError::OtherVersion(path.to_path_buf()),
        Unused::Damaged(what) => LibraryError::Damaged {
            path: path.to_path_buf(),
            what,
        },
        Unused::Unreadable(what) => LibraryError::Io {
            action: "reading",
            path: path.to_path_buf(),
            source: io::Error::other(what),
        },
    };
    let (len, bytes) = read_directory(&file, MAGIC, FORMAT).map_err(bad)?;
    let directory: Directory =
        postcard::from_bytes(&bytes).map_err(|_| bad(Unused::Damaged("directory".into())))?;
    if directory.format != FORMAT {
        return Err(LibraryError::OtherVersion(path.to_path_buf()));
    }
    let sections: Result<Vec<Vec<Question>>, LibraryError> = directory
        .sections
        .par_iter()
        .map(|&s| {
            let bytes = read_section(&file, len, s).map_err(bad)?;
            let stored: Vec<Stored> = postcard::from_bytes(&bytes)
                .map_err(|_| bad(Unused::Damaged("questions".into())))?;
            stored
                .into_iter()
                .map(|s| {
                    let source = simdutf8::basic::from_utf8(s.source)
                        .map(str::to_string)
                        .unwrap_or_default();
                    s.question
                        .into_question(source)
                        .ok_or_else(|| bad(Unused::Damaged("a question".into())))
                })
                .collect()
        })
        .collect();
    let mut questions = Vec::with_capacity(directory.count);
    for section in sections? {
        questions.extend(section);
    }
    if questions.len() != directory.count {
        return Err(bad(Unused::Damaged("question count".into())));
    }
    // The settings the relations were found with, if they can be read.
    let related = directory
        .related
        .and_then(|s| read_section(&file, len, s).ok())
        .and_then(|bytes| postcard::from_bytes::<crate::related::Stored>(&bytes).ok())
        .map(|r| r.config);
    Ok(Legacy {
        questions,
        related,
        imports: directory.imports,
        dossiers: Dossiers::default(),
    })
}

/// Writes a library file as the versions before the database did (for the tests of the
/// conversion).
#[cfg(test)]
pub(crate) fn write(dir: &Path, questions: &[Question], dossiers: &Dossiers) -> io::Result<()> {
    use crate::sections::SectionWriter;
    std::fs::create_dir_all(dir)?;
    let mut out = SectionWriter::create(&dir.join(FILE), MAGIC, FORMAT)?;
    let stored: Vec<Stored> = questions
        .iter()
        .map(|q| Stored {
            question: StoredQuestion::from_question(q),
            source: q.source.as_bytes(),
        })
        .collect();
    let bytes = postcard::to_allocvec(&stored).map_err(io::Error::other)?;
    let sections = vec![out.put(&bytes)?];
    let directory = Directory {
        format: FORMAT,
        app: "test".into(),
        count: questions.len(),
        sections,
        words: None,
        related: None,
        imports: vec![ImportRecord {
            at: "2026-11-01T08:00:00+01:00".into(),
            paths: vec!["/data/Questions_ecrites.json.zip".into()],
            read: questions.len(),
            changes: Default::default(),
        }],
    };
    let bytes = postcard::to_allocvec(&directory).map_err(io::Error::other)?;
    out.finish(&bytes, true)?;
    std::fs::write(
        dir.join(DOSSIERS),
        serde_json::to_vec_pretty(dossiers).map_err(io::Error::other)?,
    )
}
