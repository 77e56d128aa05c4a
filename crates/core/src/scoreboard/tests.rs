//! The denominators, on questions built by hand: answered on time, late, lapsed, withdrawn,
//! re-attributed, signalée.

use super::*;
use crate::model::{Attribution, Event, EventKind, Question, QuestionKind};
use std::collections::BTreeMap;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn today() -> NaiveDate {
    d(2026, 11, 22)
}

fn event(kind: EventKind, date: NaiveDate) -> Event {
    Event {
        kind,
        label: String::new(),
        date,
        page: None,
        note: None,
    }
}

/// A question of the 17th legislature published on `published`, put to `ministry`.
fn question(number: u32, ministry: &str, published: NaiveDate) -> Question {
    Question {
        id: Question::make_id(17, number, QuestionKind::Written),
        legislature: 17,
        kind: QuestionKind::Written,
        number,
        title: format!("Question {number}"),
        author: "Mme Anne Dupont".into(),
        author_ref: None,
        mandate_ref: None,
        constituency: String::new(),
        group: "Écologiste et social".into(),
        rubric: "Santé".into(),
        ministry_asked: ministry.into(),
        ministry_assigned: ministry.into(),
        attributions: Vec::new(),
        analysis_head: None,
        analysis: None,
        question_text: String::new(),
        question_emphasis: Vec::new(),
        answer_text: String::new(),
        answer_emphasis: Vec::new(),
        status: Status::Pending,
        events: vec![event(EventKind::QuestionPublished, published)],
        extra: Vec::new(),
        source: String::new(),
    }
}

fn answered(mut q: Question, on: NaiveDate) -> Question {
    q.status = Status::Answered;
    q.answer_text = "Réponse.".into();
    q.events.push(event(EventKind::AnswerPublished, on));
    q
}

fn withdrawn(mut q: Question, on: NaiveDate) -> Question {
    q.status = Status::Withdrawn;
    q.events.push(event(EventKind::Withdrawn, on));
    q
}

fn signaled(mut q: Question, on: NaiveDate) -> Question {
    q.events.push(event(EventKind::Signaled, on));
    q
}

fn reattributed(mut q: Question, from: &str, on: NaiveDate) -> Question {
    let to = q.ministry_assigned.clone();
    q.ministry_asked = from.into();
    q.attributions = vec![
        Attribution {
            ministry: from.into(),
            date: None,
        },
        Attribution {
            ministry: to,
            date: Some(on),
        },
    ];
    q.events.push(event(EventKind::AttributionChanged, on));
    q
}

fn board(questions: &[Question], by: By) -> Scoreboard {
    let merger = Merger::default();
    compute(
        questions,
        &Options {
            by,
            since: None,
            until: None,
            today: today(),
            current: crate::deadline::Current::KNOWN,
            ministries: &merger,
        },
    )
}

fn row<'a>(board: &'a Scoreboard, name: &str) -> &'a Row {
    board
        .rows
        .iter()
        .find(|r| r.name == name)
        .unwrap_or_else(|| panic!("no row {name}: {:?}", board.rows))
}

#[test]
fn lapsed_and_withdrawn_questions_stay_in_the_denominator() {
    let justice = "Justice";
    let mut lapsed = question(1, justice, d(2023, 3, 1));
    lapsed.legislature = 16;
    lapsed.id = "16-1QE".into();
    let questions = vec![
        // Answered within two months: on time.
        answered(question(2, justice, d(2026, 1, 6)), d(2026, 2, 24)),
        // Answered after four months: late.
        answered(question(3, justice, d(2026, 1, 6)), d(2026, 5, 12)),
        // Pending past its deadline (17 May): overdue by 189 days.
        question(4, justice, d(2026, 3, 17)),
        // Published last week: not yet due.
        question(5, justice, d(2026, 11, 17)),
        // Withdrawn, never answered.
        withdrawn(question(6, justice, d(2025, 12, 2)), d(2026, 4, 1)),
        // Left pending when the 16th legislature ended: lapsed.
        lapsed,
    ];
    let b = board(&questions, By::Ministry);
    assert_eq!(b.rows.len(), 1);
    let r = row(&b, justice);
    assert_eq!(
        (
            r.received,
            r.answered,
            r.answered_on_time,
            r.pending,
            r.overdue,
            r.closed_unanswered
        ),
        (6, 2, 1, 1, 1, 2)
    );
    // Due: everything but the question still within its deadline.
    assert_eq!(r.due(), 5);
    assert_eq!(r.answer_rate, Some(0.4));
    assert_eq!(r.on_time_rate, Some(0.2));
    assert_eq!(r.median_delay_days, Some((49.0 + 126.0) / 2.0));
    assert_eq!(r.p90_delay_days, Some(126));
    assert_eq!(
        r.oldest_overdue,
        Some(Oldest {
            id: "17-4QE".into(),
            overdue_days: 189
        })
    );
    assert_eq!(r.reattributed_in, Some(0));
    assert_eq!(b.total.received, 6);
}

#[test]
fn a_question_answered_only_after_its_signalement_was_late_and_one_signalee_waits_ten_days() {
    let m = "Armées";
    let questions = vec![
        // Signalée after its two months, answered within the ten days: still late.
        answered(
            signaled(question(1, m, d(2026, 1, 6)), d(2026, 4, 1)),
            d(2026, 4, 8),
        ),
        // Signalée three days ago: within its ten days, not overdue.
        signaled(question(2, m, d(2026, 6, 2)), d(2026, 11, 19)),
        // Signalée a month ago and still waiting: overdue from the tenth day.
        signaled(question(3, m, d(2026, 6, 2)), d(2026, 10, 20)),
    ];
    let b = board(&questions, By::Ministry);
    let r = row(&b, m);
    assert_eq!((r.answered, r.answered_on_time), (1, 0));
    assert_eq!((r.pending, r.overdue), (1, 1));
    assert_eq!(r.oldest_overdue.as_ref().map(|o| o.overdue_days), Some(23));
    assert_eq!(r.answer_rate, Some(0.5));
    assert_eq!(r.on_time_rate, Some(0.0));
}

#[test]
fn a_reattributed_question_counts_for_the_ministry_that_must_answer_it_now() {
    let questions = vec![
        reattributed(
            question(1, "Santé et prévention", d(2026, 2, 3)),
            "Travail, santé et solidarités",
            d(2026, 3, 1),
        ),
        question(2, "Travail, santé et solidarités", d(2026, 2, 3)),
        // Asked of the Première ministre, answered by the Premier ministre: one ministry,
        // so no re-attribution.
        {
            let mut q = question(3, "Premier ministre", d(2026, 2, 3));
            q.ministry_asked = "Première ministre".into();
            q
        },
    ];
    let b = board(&questions, By::Ministry);
    let sante = row(&b, "Santé et prévention");
    assert_eq!((sante.received, sante.reattributed_in), (1, Some(1)));
    let travail = row(&b, "Travail, santé et solidarités");
    assert_eq!((travail.received, travail.reattributed_in), (1, Some(0)));
    assert_eq!(row(&b, "Premier ministre").reattributed_in, Some(0));
    assert_eq!(b.total.reattributed_in, Some(1));
    // Other dimensions say nothing of re-attribution.
    assert_eq!(board(&questions, By::Group).rows[0].reattributed_in, None);
}

#[test]
fn labels_of_one_ministry_make_one_row_that_lists_them_and_the_configuration_merges_more() {
    let questions = vec![
        question(1, "Première ministre", d(2026, 2, 3)),
        question(2, "Premier ministre", d(2026, 2, 3)),
        question(3, "Premier ministre", d(2026, 2, 3)),
        question(4, "Santé et prévention", d(2026, 2, 3)),
        question(5, "Santé", d(2026, 2, 3)),
    ];
    let b = board(&questions, By::Ministry);
    let pm = row(&b, "Premier ministre");
    assert_eq!(pm.received, 3);
    assert_eq!(pm.labels, vec!["Premier ministre", "Première ministre"]);
    assert_eq!(
        b.rows.len(),
        3,
        "Santé is not Santé et prévention by itself"
    );

    let configured: BTreeMap<String, String> =
        [("Santé et prévention".to_string(), "Santé".to_string())].into();
    let merger = Merger::new(&configured);
    let merged = compute(
        &questions,
        &Options {
            by: By::Ministry,
            since: None,
            until: None,
            today: today(),
            current: crate::deadline::Current::KNOWN,
            ministries: &merger,
        },
    );
    let sante = row(&merged, "Santé");
    assert_eq!(sante.received, 2);
    assert_eq!(sante.labels, vec!["Santé", "Santé et prévention"]);
}

#[test]
fn rates_are_null_when_nothing_is_due_and_rows_come_most_overdue_first() {
    let questions = vec![
        question(1, "Culture", d(2026, 11, 10)),
        question(2, "Sports", d(2026, 1, 10)),
        question(3, "Sports", d(2026, 2, 10)),
        question(4, "Logement", d(2026, 1, 10)),
        answered(question(5, "Logement", d(2026, 1, 10)), d(2026, 2, 1)),
    ];
    let b = board(&questions, By::Ministry);
    let names: Vec<&str> = b.rows.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names, vec!["Sports", "Logement", "Culture"]);
    let culture = row(&b, "Culture");
    assert_eq!((culture.answer_rate, culture.on_time_rate), (None, None));
    assert_eq!(culture.median_delay_days, None);
    let json = serde_json::to_value(&b).unwrap();
    assert_eq!(json["by"], "ministry");
    assert!(json["rows"][2]["answer_rate"].is_null());
    assert_eq!(json["rows"][1]["answer_rate"], 0.5);
    assert!(json.get("total").is_none());
}

#[test]
fn the_period_keeps_the_questions_published_in_it() {
    let questions = vec![
        question(1, "Culture", d(2025, 12, 31)),
        question(2, "Culture", d(2026, 1, 1)),
        question(3, "Culture", d(2026, 6, 30)),
        question(4, "Culture", d(2026, 7, 1)),
    ];
    let merger = Merger::default();
    let b = compute(
        &questions,
        &Options {
            by: By::Legislature,
            since: Some(d(2026, 1, 1)),
            until: Some(d(2026, 6, 30)),
            today: today(),
            current: crate::deadline::Current::KNOWN,
            ministries: &merger,
        },
    );
    assert_eq!(b.rows.len(), 1);
    assert_eq!((b.rows[0].name.as_str(), b.rows[0].received), ("17", 2));
}

#[test]
fn percentiles_and_distribution() {
    assert_eq!(percentile(&[], 90), None);
    assert_eq!(percentile(&[5], 90), Some(5));
    let ten: Vec<i64> = (1..=10).collect();
    assert_eq!(percentile(&ten, 90), Some(9));
    assert_eq!(percentile(&ten, 50), Some(5));
    assert_eq!(median(&ten), Some(5.5));
    assert_eq!(distribution(&[0, 31, 32, 61, 62, 400]), [2, 2, 1, 0, 0, 1]);
}
