use super::*;
use crate::model::{Attribution, Event};

fn d(m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, day).expect("a date")
}

fn event(kind: EventKind, date: NaiveDate, note: Option<&str>) -> Event {
    Event {
        kind,
        label: String::new(),
        date,
        page: None,
        note: note.map(str::to_string),
    }
}

/// A question of the 17th legislature published on `published`, pending, with no other
/// event.
fn question(number: u32, published: NaiveDate) -> Question {
    let mut q = crate::load::load_sample()
        .questions
        .into_iter()
        .next()
        .expect("the sample has questions");
    q.legislature = 17;
    q.number = number;
    q.id = format!("17-{number}QE");
    q.title = format!("Title {number}");
    q.status = Status::Pending;
    q.answer_text.clear();
    q.attributions.clear();
    q.ministry_asked = "Santé".into();
    q.ministry_assigned = "Santé".into();
    q.events = vec![event(EventKind::QuestionPublished, published, None)];
    q
}

const TODAY: (u32, u32) = (12, 6);

fn today() -> NaiveDate {
    d(TODAY.0, TODAY.1)
}

fn news(questions: &[Question], from: NaiveDate) -> News {
    compute(
        questions,
        Current::KNOWN,
        from,
        today(),
        &Imported::default(),
    )
}

fn ids(news: &News, group: Group) -> Vec<&str> {
    news.sections[group as usize]
        .items
        .iter()
        .map(|i| i.id.as_str())
        .collect()
}

#[test]
fn each_kind_of_news_is_told_in_its_group_in_order() {
    let mut answered_late = question(1, d(9, 1));
    answered_late.status = Status::Answered;
    answered_late
        .events
        .push(event(EventKind::AnswerPublished, d(12, 2), None));
    let mut answered_in_time = question(2, d(11, 1));
    answered_in_time.status = Status::Answered;
    answered_in_time
        .events
        .push(event(EventKind::AnswerPublished, d(12, 1), None));
    let mut withdrawn = question(3, d(6, 1));
    withdrawn.status = Status::Withdrawn;
    withdrawn
        .events
        .push(event(EventKind::Withdrawn, d(12, 3), Some("Fin de mandat")));
    let mut moved = question(4, d(11, 20));
    moved
        .events
        .push(event(EventKind::AttributionChanged, d(12, 4), None));
    moved.attributions = vec![
        Attribution {
            ministry: "Santé".into(),
            date: Some(d(11, 20)),
        },
        Attribution {
            ministry: "Travail".into(),
            date: Some(d(12, 4)),
        },
    ];
    moved.ministry_assigned = "Travail".into();
    let mut signaled = question(5, d(10, 20));
    signaled
        .events
        .push(event(EventKind::Signaled, d(12, 2), None));
    let joined = question(6, d(12, 5));
    let overdue = question(7, d(10, 3)); // due 3 December
    let due_soon = question(8, d(10, 10)); // due 10 December
    let old = question(9, d(1, 5)); // overdue long ago: no news
    let questions = vec![
        answered_late,
        answered_in_time,
        withdrawn,
        moved,
        signaled,
        joined,
        overdue,
        due_soon,
        old,
    ];
    let n = news(&questions, d(11, 30));
    let groups: Vec<Group> = n.groups().map(|s| s.group).collect();
    assert_eq!(groups, Group::ALL.to_vec(), "every group, in order");
    assert_eq!(
        ids(&n, Group::Answered),
        ["17-2QE", "17-1QE"],
        "oldest first"
    );
    assert_eq!(
        n.sections[0].items[1].what,
        What::Answered {
            delay_days: Some(92),
            deadline: Some(d(11, 1)),
            late: true
        }
    );
    assert!(matches!(
        n.sections[0].items[0].what,
        What::Answered { late: false, .. }
    ));
    assert_eq!(
        n.sections[1].items[0].what,
        What::Closed {
            reason: Some("Fin de mandat".into())
        }
    );
    assert_eq!(
        n.sections[2].items[0].what,
        What::Ministry {
            from: Some("Santé".into()),
            to: "Travail".into()
        }
    );
    assert_eq!(
        n.sections[3].items[0].what,
        What::Signaled {
            deadline: Some(d(12, 12))
        }
    );
    // The signalled question's deadline is the signalement's: due in six days.
    assert_eq!(ids(&n, Group::Joined), ["17-6QE"]);
    assert_eq!(ids(&n, Group::Overdue), ["17-7QE"]);
    assert_eq!(ids(&n, Group::DueSoon), ["17-8QE", "17-5QE"]);
    assert_eq!(
        n.sections[6].items[0].what,
        What::DueSoon {
            days_left: 4,
            signaled: false
        }
    );
    assert!(n.has_happenings());
}

#[test]
fn nothing_before_the_window_is_told_but_what_an_import_brought() {
    let mut answered = question(1, d(9, 1));
    answered.status = Status::Answered;
    answered
        .events
        .push(event(EventKind::AnswerPublished, d(11, 10), None));
    let old_news = vec![answered];
    let n = news(&old_news, d(12, 1));
    assert!(n.is_empty(), "{n:?}");
    let mut imported = Imported::default();
    imported.add("17-1QE", Change::Answered);
    imported.add("17-1QE", Change::Joined);
    let n = compute(&old_news, Current::KNOWN, d(12, 1), today(), &imported);
    assert_eq!(ids(&n, Group::Answered), ["17-1QE"]);
    assert_eq!(
        n.sections[0].items[0].date,
        d(11, 10),
        "dated as it happened"
    );
    assert_eq!(ids(&n, Group::Joined), ["17-1QE"]);
}

#[test]
fn the_window_starts_the_day_after_the_last_look_or_a_week_ago() {
    let first = |asked, last| Since::choose(asked, last, today()).first_day(today());
    assert_eq!(first(None, None), d(11, 29));
    assert_eq!(first(None, Some(d(12, 2))), d(12, 3));
    assert_eq!(first(Some(d(12, 1)), Some(d(12, 2))), d(12, 1), "asked");
    // Looked today: only what imports bring is news, and the coming deadlines.
    let seen_today = first(None, Some(today()));
    assert_eq!(seen_today, d(12, 7));
    let overdue_today = question(7, d(10, 5)); // due 5 December, overdue since the 6th
    let n = news(std::slice::from_ref(&overdue_today), seen_today);
    assert!(!n.has_happenings(), "{n:?}");
    let n = news(std::slice::from_ref(&overdue_today), d(12, 6));
    assert_eq!(ids(&n, Group::Overdue), ["17-7QE"]);
}

#[test]
fn a_lapsed_question_has_no_deadline_to_tell() {
    let mut q = question(7, d(10, 3));
    q.legislature = 16;
    q.id = "16-7QE".into();
    let n = compute(
        &[q],
        Current::KNOWN,
        d(11, 30),
        today(),
        &Imported::default(),
    );
    assert!(n.is_empty(), "{n:?}");
}

#[test]
fn the_json_form_names_groups_and_kinds() {
    let joined = question(6, d(12, 5));
    let n = news(&[joined], d(12, 1));
    let json = serde_json::to_value(&n).expect("serialised");
    let item = &json["sections"][4];
    assert_eq!(item["group"], "joined");
    assert_eq!(item["items"][0]["kind"], "joined");
    assert_eq!(item["items"][0]["id"], "17-6QE");
    assert_eq!(item["items"][0]["date"], "2026-12-05");
    assert_eq!(item["items"][0]["ministry"], "Santé");
}
