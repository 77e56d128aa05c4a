//! Writing questions out: full records as JSON ([`json`]), rows as CSV ([`csv`]), and the
//! report of a selection as a memo to paste for the deputy ([`memo`]). The command line and
//! the viewer's export share these writers.

pub mod csv;
pub mod html;
pub mod json;
pub mod memo;
pub mod scoreboard;
pub mod signalement;

use crate::model::Question;
use crate::review::ReviewState;
use chrono::NaiveDate;
use std::io;
use std::path::{Path, PathBuf};

/// What the viewer exports the questions shown as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// One row per question ([`csv::write_questions`]).
    Csv,
    /// The memo for the deputy, most urgent first ([`memo::write_markdown`]).
    Memo,
    /// Full records ([`json::write_records`]).
    Json,
    /// The memo for the group president: which questions to have signalées
    /// ([`signalement::write_markdown`]).
    Signalement,
}

impl Format {
    /// Every format, in the order a menu offers them.
    pub const ALL: [Format; 4] = [Format::Csv, Format::Memo, Format::Json, Format::Signalement];

    /// The file name extension.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Memo => "md",
            Format::Json => "json",
            Format::Signalement => "md",
        }
    }
}

/// What an export writes: questions, and what they are read with.
#[derive(Clone, Copy)]
pub struct Shown<'a> {
    /// The questions, in order.
    pub questions: &'a [&'a Question],
    /// Review marks and notes (the memo's).
    pub review: &'a ReviewState,
    /// Related questions, computed on the questions read (for JSON and CSV).
    pub related: Option<&'a crate::related::RelatedSet>,
    /// The memo's words, in its reader's language.
    pub words: &'a dyn memo::Words,
    /// Today, for deadlines.
    pub today: NaiveDate,
    /// The legislature in session, for deadlines.
    pub current: crate::deadline::Current,
    /// What the signalement memo is planned from (needed by [`Format::Signalement`]).
    pub signalement: Option<Signalement<'a>>,
}

/// What the signalement memo is planned from: the whole dossier (the related questions
/// are numbered in it), the positions of the questions shown, the quota, its words.
#[derive(Clone, Copy)]
pub struct Signalement<'a> {
    /// Every question of the dossier, as light rows.
    pub questions: &'a [crate::query::rows::Row],
    /// The positions of the questions shown.
    pub indices: &'a [usize],
    /// How many candidates at most.
    pub quota: usize,
    /// The memo's words.
    pub words: &'a dyn signalement::Words,
}

/// Writes the questions in `format` to `out`.
pub fn write(out: &mut dyn io::Write, format: Format, shown: &Shown) -> io::Result<()> {
    let Shown {
        questions,
        review,
        related,
        words,
        today,
        signalement: planned,
        current,
    } = *shown;
    match format {
        Format::Csv => csv::write_questions(out, questions, related, today, current),
        Format::Json => json::write_records(out, questions, related, today, current),
        Format::Memo => memo::write_markdown(
            out,
            &memo::rows(questions, review, today, current),
            words,
            today,
        ),
        Format::Signalement => {
            let Some(s) = planned else {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidInput,
                    "the signalement memo needs the whole dossier",
                ));
            };
            let plan = signalement::plan(
                s.questions,
                s.indices,
                review,
                related,
                s.quota,
                today,
                current,
            );
            signalement::write_markdown(out, &plan, s.words)
        }
    }
}

/// How a [`save`] ended.
#[derive(Debug)]
pub enum Saved {
    /// Written, in full, to this file (its absolute path).
    Written(PathBuf),
    /// The file exists and `overwrite` was false: nothing written.
    Exists(PathBuf),
}

/// Writes `questions` to the file `path`, atomically (the file holds its old content or the
/// new one in full, never a part). An existing file is only replaced when `overwrite` is
/// true; anything but a regular file (a folder, a device) is refused.
pub fn save(path: &Path, overwrite: bool, format: Format, shown: &Shown) -> io::Result<Saved> {
    let path = std::path::absolute(path)?;
    let target = crate::review::fs::write_target(&path)?;
    if !overwrite && std::fs::symlink_metadata(&target).is_ok() {
        return Ok(Saved::Exists(path));
    }
    let mut bytes = Vec::new();
    write(&mut bytes, format, shown)?;
    crate::review::fs::write_atomic(&crate::review::fs::RealFs, &target, &bytes)
        .map_err(|e| e.error)?;
    Ok(Saved::Written(path))
}
