//! JSON output: full question records, written so that no control character reaches a
//! terminal raw (JSON escapes C0 controls itself; C1 controls, DEL and BiDi controls are
//! escaped too, as `\u009b`).

use crate::deadline::{timing, Current, Timing};
use crate::model::Question;
use crate::text::sanitize::is_unsafe;
use chrono::NaiveDate;
use serde::{Serialize, Serializer};
use serde_json::ser::{Formatter, PrettyFormatter};
use std::io::{self, Write};

/// A question with the dates derived from it, as exported. Text fields the source does not
/// give are `null`, never `""`.
#[derive(Debug, Serialize)]
pub struct Record<'a> {
    /// `17-13809QE`.
    pub id: &'a str,
    /// Legislature.
    pub legislature: u16,
    /// `QE`, `QG`, `QOSD`.
    pub kind: crate::model::QuestionKind,
    /// Number.
    pub number: u32,
    /// Title.
    #[serde(serialize_with = "empty_as_null")]
    pub title: &'a str,
    /// Author with civility, or the acteur reference when unresolved.
    #[serde(serialize_with = "empty_as_null")]
    pub author: &'a str,
    /// The acteur reference (`PA…`), when the source gives one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub author_ref: Option<&'a str>,
    /// "Loire (4e circonscription)".
    #[serde(serialize_with = "empty_as_null")]
    pub constituency: &'a str,
    /// Political group at the time of the question.
    #[serde(serialize_with = "empty_as_null")]
    pub group: &'a str,
    /// Rubric.
    #[serde(serialize_with = "empty_as_null")]
    pub rubric: &'a str,
    /// Ministry asked.
    #[serde(serialize_with = "empty_as_null")]
    pub ministry_asked: &'a str,
    /// Ministry that must answer.
    #[serde(serialize_with = "empty_as_null")]
    pub ministry_assigned: &'a str,
    /// Every ministry the question was attributed to, in order (when it changed).
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    pub attributions: &'a [crate::model::Attribution],
    /// Tête d'analyse.
    pub analysis_head: Option<&'a str>,
    /// Analyse.
    pub analysis: Option<&'a str>,
    /// Question text.
    #[serde(serialize_with = "empty_as_null")]
    pub question_text: &'a str,
    /// Bold and italic spans of the question text.
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    pub question_emphasis: &'a [crate::model::Emphasis],
    /// Answer text.
    #[serde(serialize_with = "empty_as_null")]
    pub answer_text: &'a str,
    /// Bold and italic spans of the answer text.
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    pub answer_emphasis: &'a [crate::model::Emphasis],
    /// Status.
    pub status: crate::model::Status,
    /// Dated events.
    pub events: &'a [crate::model::Event],
    /// Other `Label : value` lines.
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    pub extra: &'a [crate::model::ExtraField],
    /// Source file (or archive entry).
    pub source: &'a str,
    /// Deadline, rule, days pending, overdue days, answer delay.
    #[serde(flatten)]
    pub timing: Timing,
    /// The questions related to this one among those read with it, most similar first:
    /// `{id, similarity, reason}`, reason `similar_text` (a campaign) or `same_answer`.
    pub related: Vec<crate::related::Related>,
}

fn empty_as_null<S: Serializer>(value: &&str, s: S) -> Result<S::Ok, S::Error> {
    if value.is_empty() {
        s.serialize_none()
    } else {
        s.serialize_str(value)
    }
}

impl<'a> Record<'a> {
    /// The record of a question as of `today` (`current` the legislature in session), with
    /// its related questions in `related`.
    pub fn of(
        q: &'a Question,
        related: Option<&crate::related::RelatedSet>,
        today: NaiveDate,
        current: Current,
    ) -> Record<'a> {
        Record {
            id: &q.id,
            legislature: q.legislature,
            kind: q.kind,
            number: q.number,
            title: &q.title,
            author: &q.author,
            author_ref: q.author_ref.as_deref(),
            constituency: &q.constituency,
            group: &q.group,
            rubric: &q.rubric,
            ministry_asked: &q.ministry_asked,
            ministry_assigned: &q.ministry_assigned,
            attributions: &q.attributions,
            analysis_head: q.analysis_head.as_deref(),
            analysis: q.analysis.as_deref(),
            question_text: &q.question_text,
            question_emphasis: &q.question_emphasis,
            answer_text: &q.answer_text,
            answer_emphasis: &q.answer_emphasis,
            status: q.status,
            events: &q.events,
            extra: &q.extra,
            source: &q.source,
            timing: timing(q, today, current),
            related: related.map(|r| r.related(&q.id)).unwrap_or_default(),
        }
    }
}

/// Pretty JSON that escapes every character unsafe on a terminal.
struct Safe<'a>(PrettyFormatter<'a>);

impl Formatter for Safe<'_> {
    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        w: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        let mut start = 0;
        for (i, c) in fragment.char_indices() {
            if is_unsafe(c) {
                w.write_all(&fragment.as_bytes()[start..i])?;
                write!(w, "\\u{:04x}", c as u32)?;
                start = i + c.len_utf8();
            }
        }
        w.write_all(&fragment.as_bytes()[start..])
    }
    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_array(w)
    }
    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array(w)
    }
    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array_value(w)
    }
    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object(w)
    }
    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object(w)
    }
    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_object_key(w, first)
    }
    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object_value(w)
    }
}

/// Writes `value` as pretty JSON, every unsafe character escaped, with a final newline.
pub fn write_pretty<T: Serialize + ?Sized>(out: &mut dyn Write, value: &T) -> io::Result<()> {
    let mut ser = serde_json::Serializer::with_formatter(&mut *out, Safe(PrettyFormatter::new()));
    value.serialize(&mut ser).map_err(io::Error::from)?;
    writeln!(out)
}

/// Writes a JSON array of the records of `questions` (their related questions from
/// `related`, computed on the questions read).
pub fn write_records(
    out: &mut dyn Write,
    questions: &[&Question],
    related: Option<&crate::related::RelatedSet>,
    today: NaiveDate,
    current: Current,
) -> io::Result<()> {
    let records: Vec<Record> = questions
        .iter()
        .map(|q| Record::of(q, related, today, current))
        .collect();
    write_pretty(out, &records)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unsafe_characters_are_escaped() {
        let mut out = Vec::new();
        write_pretty(&mut out, &["a\u{1b}]2;x\u{7}", "b\u{9b}c\u{202e}d"]).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.contains(r"a\u001b]2;x\u0007"), "{text}");
        assert!(text.contains(r"b\u009bc\u202ed"), "{text}");
        let back: Vec<String> = serde_json::from_str(&text).unwrap();
        assert_eq!(back[1], "b\u{9b}c\u{202e}d");
    }
}
