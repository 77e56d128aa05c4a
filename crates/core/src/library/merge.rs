//! Re-importing a question already in the library: state only moves forward. A known
//! answer, date or field is never lost to an older or emptier record; the more recent
//! record's wording wins where both have one.

use crate::model::{Event, EventKind, Question, Status};
use chrono::NaiveDate;

/// The latest date a record knows of its question: what tells the newer of two records.
fn latest(q: &Question) -> Option<NaiveDate> {
    q.events.iter().map(|e| e.date).max()
}

/// Keeps `newer`'s value unless it is empty.
fn pick(newer: String, older: String) -> String {
    if newer.is_empty() {
        older
    } else {
        newer
    }
}

fn pick_opt(newer: Option<String>, older: Option<String>) -> Option<String> {
    newer.filter(|s| !s.is_empty()).or(older)
}

/// The status the merged events and texts say: answered when an answer is known, withdrawn
/// when closed without one, pending otherwise.
fn status_of(q: &Question) -> Status {
    let answered = !q.answer_text.is_empty()
        || q.events
            .iter()
            .any(|e| e.kind == EventKind::AnswerPublished);
    if answered {
        Status::Answered
    } else if q.events.iter().any(|e| e.kind == EventKind::Withdrawn) {
        Status::Withdrawn
    } else {
        Status::Pending
    }
}

/// The union of two records' events: each (kind, date) once, the more recent record's
/// telling of it kept (its page or note filled from the other when it lacks one).
fn union_events(newer: Vec<Event>, older: Vec<Event>) -> Vec<Event> {
    let mut out = newer;
    for e in older {
        match out
            .iter_mut()
            .find(|n| n.kind == e.kind && n.date == e.date)
        {
            Some(n) => {
                if n.page.is_none() {
                    n.page = e.page;
                }
                if n.note.is_none() {
                    n.note = e.note;
                }
            }
            None => out.push(e),
        }
    }
    // Stable: same-day events keep the order the newer record gives them.
    out.sort_by_key(|e| e.date);
    out
}

/// True when the record shows its author by the acteur reference only (read without the
/// AMO data that names them).
pub(super) fn unresolved_author(q: &Question) -> bool {
    q.author.is_empty() || q.author_ref.as_deref() == Some(q.author.as_str())
}

/// Merges a record read now (`incoming`) into the one the library holds (`held`), for the
/// same question: the result knows everything either knows; where both give a field, the
/// record with the later events gives it (`incoming` on a tie).
pub fn merge(held: Question, incoming: Question) -> Question {
    let incoming_newer = latest(&incoming) >= latest(&held);
    let (newer, older) = if incoming_newer {
        (incoming, held)
    } else {
        (held, incoming)
    };
    // A name resolved once through AMO is not lost to a record read without AMO data.
    let keep_older_author = unresolved_author(&newer) && !unresolved_author(&older);
    let (question_text, question_emphasis) = if newer.question_text.is_empty() {
        (older.question_text, older.question_emphasis)
    } else {
        (newer.question_text, newer.question_emphasis)
    };
    let (answer_text, answer_emphasis) = if newer.answer_text.is_empty() {
        (older.answer_text, older.answer_emphasis)
    } else {
        (newer.answer_text, newer.answer_emphasis)
    };
    let attributions = if newer.attributions.len() >= older.attributions.len() {
        newer.attributions
    } else {
        older.attributions
    };
    let mut merged = Question {
        id: newer.id,
        legislature: newer.legislature,
        kind: newer.kind,
        number: newer.number,
        title: pick(newer.title, older.title),
        author: if keep_older_author {
            older.author
        } else {
            pick(newer.author, older.author)
        },
        author_ref: pick_opt(newer.author_ref, older.author_ref),
        mandate_ref: pick_opt(newer.mandate_ref, older.mandate_ref),
        constituency: pick(newer.constituency, older.constituency),
        group: pick(newer.group, older.group),
        rubric: pick(newer.rubric, older.rubric),
        ministry_asked: pick(newer.ministry_asked, older.ministry_asked),
        ministry_assigned: pick(newer.ministry_assigned, older.ministry_assigned),
        attributions,
        analysis_head: pick_opt(newer.analysis_head, older.analysis_head),
        analysis: pick_opt(newer.analysis, older.analysis),
        question_text,
        question_emphasis,
        answer_text,
        answer_emphasis,
        status: Status::Pending,
        events: union_events(newer.events, older.events),
        extra: if newer.extra.is_empty() {
            older.extra
        } else {
            newer.extra
        },
        source: pick(newer.source, older.source),
    };
    merged.status = status_of(&merged);
    merged
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::load_sample;
    use proptest::prelude::*;

    fn sample(i: usize) -> Question {
        load_sample().questions.remove(i)
    }

    #[test]
    fn a_name_from_amo_is_kept_when_a_newer_record_comes_without_amo_data() {
        let mut held = sample(0);
        held.author_ref = Some("PA719968".into());
        let mut incoming = held.clone();
        incoming.author = "PA719968".into();
        incoming.constituency = String::new();
        let merged = merge(held.clone(), incoming.clone());
        assert_eq!(merged.author, held.author);
        assert_eq!(merged.constituency, held.constituency);
        // And a name the newer record resolves is taken.
        let mut renamed = held.clone();
        renamed.author = "Mme Sylvie Bonnet-Durand".into();
        assert_eq!(merge(held, renamed).author, "Mme Sylvie Bonnet-Durand");
    }

    /// The question as an earlier export would have had it: events after `cut` dropped, and
    /// the answer with them when it was published after.
    fn earlier(q: &Question, cut: usize) -> Question {
        let mut e = q.clone();
        e.events.truncate(cut.min(e.events.len()));
        if !e
            .events
            .iter()
            .any(|x| x.kind == EventKind::AnswerPublished)
        {
            e.answer_text.clear();
            e.answer_emphasis.clear();
        }
        e.status = status_of(&e);
        e
    }

    #[test]
    fn an_older_record_loses_nothing_of_a_newer_one() {
        for i in 0..5 {
            let now = sample(i);
            for cut in 0..=now.events.len() {
                let before = earlier(&now, cut);
                assert_eq!(
                    merge(now.clone(), before.clone()),
                    now,
                    "{} cut {cut}",
                    now.id
                );
                assert_eq!(merge(before, now.clone()), now, "{} cut {cut}", now.id);
            }
        }
    }

    #[test]
    fn merging_a_record_with_itself_changes_nothing() {
        for i in 0..5 {
            let q = sample(i);
            assert_eq!(merge(q.clone(), q.clone()), q);
        }
    }

    #[test]
    fn an_emptier_newer_record_keeps_what_was_known() {
        let held = sample(0);
        let mut incoming = held.clone();
        incoming.answer_text.clear();
        incoming.title.clear();
        incoming.events.push(Event {
            kind: EventKind::Signaled,
            label: "Date de signalement".into(),
            date: NaiveDate::from_ymd_opt(2026, 9, 1).unwrap(),
            page: None,
            note: None,
        });
        let merged = merge(held.clone(), incoming);
        assert_eq!(merged.answer_text, held.answer_text);
        assert_eq!(merged.title, held.title);
        assert_eq!(merged.status, Status::Answered);
        assert!(merged.events.iter().any(|e| e.kind == EventKind::Signaled));
    }

    proptest! {
        /// Whatever two records of one question say, the merge keeps every event of both
        /// and any answer either knows, whichever is imported first.
        #[test]
        fn no_event_or_answer_is_ever_lost(i in 0usize..5, a in 0usize..8, b in 0usize..8, drop_answer in any::<bool>()) {
            let q = sample(i);
            let x = earlier(&q, a);
            let mut y = earlier(&q, b);
            if drop_answer {
                y.answer_text.clear();
            }
            for merged in [merge(x.clone(), y.clone()), merge(y.clone(), x.clone())] {
                for e in x.events.iter().chain(&y.events) {
                    prop_assert!(merged.events.iter().any(|m| m.kind == e.kind && m.date == e.date));
                }
                let known = !x.answer_text.is_empty() || !y.answer_text.is_empty();
                prop_assert_eq!(!merged.answer_text.is_empty(), known);
                prop_assert!(merged.events.windows(2).all(|w| w[0].date <= w[1].date));
            }
        }
    }
}
