//! Checking a downloaded file before it replaces the archive kept: a zip whose directory
//! reads, holding what the AN's archive of that kind holds (question files for a questions
//! archive; acteurs, mandats or organes for the deputies'). Only the directory and the head
//! of a few entries are read: the import reads the rest.

use super::Holds;
use dossier_core::parse::opendata::{sniff, Format};
use dossier_core::parse::problem::{IoReason, Problem};
use std::io::Read;
use std::path::Path;

/// Why a downloaded file is not the archive expected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NotAnArchive {
    /// Not a zip archive at all, or a damaged one: the problem an import of it would say.
    #[error("not a readable zip archive ({0:?})")]
    BadZip(Problem),
    /// A zip with no file in it.
    #[error("an empty zip archive")]
    Empty,
    /// A zip of other files.
    #[error("a zip archive of other files ({0} first)")]
    Other(String),
}

/// Entries looked at before giving up on finding the expected kind.
const LOOKED_AT: usize = 16;
/// Bytes of an entry's head that tell its format.
const HEAD: u64 = 8 * 1024;

/// Checks that the zip at `path` is an AN archive holding `holds`.
pub fn check_archive(path: &Path, holds: Holds) -> Result<(), NotAnArchive> {
    let file = std::fs::File::open(path)
        .map_err(|e| NotAnArchive::BadZip(Problem::CannotRead(IoReason::from(&e))))?;
    let mut zip = zip::ZipArchive::new(std::io::BufReader::new(file))
        .map_err(|e| NotAnArchive::BadZip(Problem::BadArchive(e.to_string())))?;
    let mut first = None;
    let mut looked = 0;
    for i in 0..zip.len() {
        if looked >= LOOKED_AT {
            break;
        }
        let mut entry = zip
            .by_index(i)
            .map_err(|e| NotAnArchive::BadZip(Problem::BadEntry(e.to_string())))?;
        let name = entry.name().to_string();
        if entry.is_dir() || name.contains("__MACOSX/") {
            continue;
        }
        looked += 1;
        let mut head = Vec::new();
        (&mut entry)
            .take(HEAD)
            .read_to_end(&mut head)
            .map_err(|e| NotAnArchive::BadZip(Problem::BadEntry(format!("{name}: {e}"))))?;
        if expected(sniff(&name, &head), holds) {
            return Ok(());
        }
        first.get_or_insert(name);
    }
    Err(match first {
        None => NotAnArchive::Empty,
        Some(name) => {
            NotAnArchive::Other(dossier_core::text::sanitize::terminal_line(&name).into_owned())
        }
    })
}

/// True when a file of `format` belongs in an archive holding `holds`.
fn expected(format: Format, holds: Holds) -> bool {
    match holds {
        Holds::Questions(_) => matches!(
            format,
            Format::QuestionJson
                | Format::QuestionXml
                | Format::LegacyQuestionsJson
                | Format::LegacyQuestionsXml
        ),
        Holds::Deputies => matches!(
            format,
            Format::ActeurJson | Format::OrganeJson | Format::MandatJson
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use dossier_core::model::QuestionKind;
    use std::io::Write;

    fn zip_of(dir: &Path, name: &str, entries: &[(&str, &[u8])]) -> std::path::PathBuf {
        let path = dir.join(name);
        let mut w = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
        for (n, bytes) in entries {
            w.start_file(*n, zip::write::SimpleFileOptions::default())
                .unwrap();
            w.write_all(bytes).unwrap();
        }
        w.finish().unwrap();
        path
    }

    #[test]
    fn an_archive_is_told_by_what_its_entries_hold() {
        let dir = tempfile::tempdir().unwrap();
        let qe = Holds::Questions(QuestionKind::Written);
        let questions = zip_of(
            dir.path(),
            "q.zip",
            &[
                ("json/", b""),
                (
                    "json/QANR5L17QE1.json",
                    br#"{"question": {"uid": "QANR5L17QE1"}}"#,
                ),
            ],
        );
        assert_eq!(check_archive(&questions, qe), Ok(()));
        assert_eq!(
            check_archive(&questions, Holds::Deputies),
            Err(NotAnArchive::Other("json/QANR5L17QE1.json".into()))
        );
        let amo = zip_of(
            dir.path(),
            "a.zip",
            &[(
                "json/acteur/PA1.json",
                br##"{"acteur": {"uid": {"#text": "PA1"}}}"##,
            )],
        );
        assert_eq!(check_archive(&amo, Holds::Deputies), Ok(()));
        let photos = zip_of(dir.path(), "p.zip", &[("photo.jpg", b"\xff\xd8\xff")]);
        assert!(matches!(
            check_archive(&photos, qe),
            Err(NotAnArchive::Other(_))
        ));
        let empty = zip_of(dir.path(), "e.zip", &[]);
        assert_eq!(check_archive(&empty, qe), Err(NotAnArchive::Empty));
        let html = dir.path().join("h.zip");
        std::fs::write(&html, "<html>502 Bad Gateway</html>").unwrap();
        assert!(matches!(
            check_archive(&html, qe),
            Err(NotAnArchive::BadZip(_))
        ));
    }
}
