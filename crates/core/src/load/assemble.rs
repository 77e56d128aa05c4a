//! Gathering the files' outcomes into a report: one question per id (the more complete, else
//! the first), copies said, authors named from the AMO data.

use super::LoadReport;
use crate::model::Question;
use crate::parse::diagnostic::{Diagnostic, Severity};
use crate::parse::opendata::{resolve_authors, AmoRecord, Directory};
use crate::parse::problem::Problem;
use std::collections::HashMap;

/// Files (or archive entries) left out: each has its diagnostic (a refusal, a copy dropped,
/// what the walk could not enter), so that the summary agrees with the list.
pub(super) fn count_skipped(diagnostics: &[Diagnostic]) -> usize {
    diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Skipped)
        .count()
}

/// What became of a file's question in a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Position {
    /// It is `questions[n]`.
    Kept(usize),
    /// It was a copy of another, dropped.
    Dropped,
    /// The file gave no question.
    None,
}

/// Gathers the files' outcomes into a report, keeping one question per id (the more
/// complete, else the first), in the order of the files. Done in place: the questions are
/// never held twice.
pub(super) fn assemble(
    slots: Vec<Option<Question>>,
    said: Vec<Vec<Diagnostic>>,
    diagnostics: Vec<Diagnostic>,
) -> LoadReport {
    assemble_with_positions(slots, said, diagnostics).0
}

/// [`assemble`], also telling where each file's question went.
pub(super) fn assemble_with_positions(
    mut slots: Vec<Option<Question>>,
    said: Vec<Vec<Diagnostic>>,
    mut diagnostics: Vec<Diagnostic>,
) -> (LoadReport, Vec<Position>) {
    let mut report = LoadReport {
        files_read: slots.len(),
        ..LoadReport::default()
    };
    let mut positions: Vec<Position> = slots
        .iter()
        .map(|s| {
            if s.is_some() {
                Position::Kept(0)
            } else {
                Position::None
            }
        })
        .collect();
    diagnostics.extend(said.into_iter().flatten());
    let mut by_id: HashMap<String, usize> = HashMap::with_capacity(slots.len());
    for i in 0..slots.len() {
        let Some(question) = &slots[i] else {
            continue;
        };
        let Some(&kept) = by_id.get(&question.id) else {
            by_id.insert(question.id.clone(), i);
            continue;
        };
        let rank = |slot: &Option<Question>| slot.as_ref().map(Question::completeness);
        let (new_rank, kept_rank) = (rank(&slots[i]), rank(&slots[kept]));
        if new_rank > kept_rank {
            // The better one takes the first one's place; the loser is left in slot `i`.
            // Their files' questions swap places too: neither is cached as it was.
            slots.swap(i, kept);
            positions[kept] = Position::Dropped;
        }
        positions[i] = Position::Dropped;
        let (Some(loser), Some(winner)) = (slots[i].take(), slots[kept].as_ref()) else {
            continue;
        };
        diagnostics.push(Diagnostic::skipped(
            &loser.source,
            Problem::Duplicate {
                kept: winner.source.clone(),
                id: winner.id.clone(),
                more_complete: new_rank != kept_rank,
            },
        ));
    }
    let mut next = 0;
    for (slot, position) in slots.iter().zip(positions.iter_mut()) {
        if slot.is_some() {
            if *position == Position::Kept(0) {
                *position = Position::Kept(next);
            }
            next += 1;
        }
    }
    #[allow(
        clippy::filter_map_identity,
        reason = "collected in place, where flatten is not"
    )]
    let questions = slots.into_iter().filter_map(|q| q).collect();
    report.questions = questions;
    diagnostics.sort_by(|a, b| a.path.cmp(&b.path).then(a.line.cmp(&b.line)));
    report.files_skipped = count_skipped(&diagnostics);
    report.diagnostics = diagnostics;
    (report, positions)
}
/// Names the authors of the open-data questions from the AMO records given (acteurs, their
/// mandates, groups): an author not found keeps its reference and is reported once; without
/// any AMO data, one warning says so for all.
pub(super) fn resolve(report: &mut LoadReport, amo: Vec<AmoRecord>) {
    let referenced = report
        .questions
        .iter()
        .filter(|q| q.author_ref.is_some())
        .count();
    if referenced == 0 {
        return;
    }
    let mut directory = Directory::new();
    for record in amo {
        directory.add(record);
    }
    let unresolved = resolve_authors(&mut report.questions, &directory);
    if unresolved.is_empty() {
        return;
    }
    if directory.is_empty() {
        let first = report
            .questions
            .iter()
            .find(|q| q.author_ref.is_some())
            .map(|q| q.source.clone())
            .unwrap_or_default();
        report.diagnostics.push(Diagnostic::warning(
            &first,
            Problem::NoAmo {
                authors: unresolved.len(),
            },
        ));
        return;
    }
    let mut first_of: HashMap<&str, &str> = HashMap::new();
    for q in &report.questions {
        if let Some(r) = q.author_ref.as_deref() {
            first_of.entry(r).or_insert(q.source.as_str());
        }
    }
    let said: Vec<Diagnostic> = unresolved
        .iter()
        .map(|r| {
            Diagnostic::warning(
                first_of.get(r.as_str()).copied().unwrap_or(""),
                Problem::UnresolvedAuthor(r.clone()),
            )
        })
        .collect();
    report.diagnostics.extend(said);
    report
        .diagnostics
        .sort_by(|a, b| a.path.cmp(&b.path).then(a.line.cmp(&b.line)));
}
