//! Reading one question document into a [`Question`], whatever its form; each reader gives
//! the same fields from its own form of the same data:
//! - [`text`]: text and markdown renderings of Assemblée nationale question pages;
//! - [`html`] (with [`htmltext`]): saved Assemblée pages;
//! - [`opendata`]: the Assemblée's open data (question JSON and XML, legacy archives, AMO
//!   files naming authors, zip archives, format sniffing).
//!
//! They share what is wrong with a file ([`problem`]), encodings ([`decode`]), dates
//! ([`dates`]), field labels ([`label`]) and inline markup ([`inline`]); this module holds
//! what every reader returns ([`Parsed`], [`LineMessage`]) and the guarantees they keep
//! ([`check_question`]).

pub mod dates;
pub mod decode;
pub mod diagnostic;
pub mod html;
pub mod htmldom;
pub mod htmltext;
pub mod inline;
pub mod label;
pub mod layouts;
pub mod opendata;
pub mod problem;
#[cfg(feature = "reference")]
pub mod reference;
pub mod text;

use crate::model::{Question, Status};
use chrono::NaiveDate;
use problem::Problem;

pub use text::{parse_bytes, parse_str};

/// A problem with one line of a document (or the whole document when `line` is none).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineMessage {
    /// 1-based line number.
    pub line: Option<usize>,
    /// What is wrong.
    pub problem: Problem,
}

impl LineMessage {
    /// A problem on a line.
    pub fn at(line: usize, problem: Problem) -> Self {
        LineMessage {
            line: Some(line),
            problem,
        }
    }

    /// A problem with the whole document.
    pub fn doc(problem: Problem) -> Self {
        LineMessage {
            line: None,
            problem,
        }
    }
}

/// A parsed question and what the parser noticed on the way.
#[derive(Debug, Clone)]
pub struct Parsed {
    /// The question.
    pub question: Question,
    /// Things a user may want to fix; the question was loaded anyway.
    pub warnings: Vec<LineMessage>,
}

/// The version of what the parsers make of a document: bump it whenever the same bytes would
/// give another question or other warnings, so that caches written before are not trusted.
pub const PARSER_VERSION: u32 = 5;

/// A page's status from what it shows: answered when its answer is dated or its text is
/// there (unless withdrawn), withdrawn when closed, else pending (the text, HTML and older
/// layouts' readers).
pub(crate) fn page_status(answered: bool, has_answer_text: bool, withdrawn: bool) -> Status {
    if answered || (has_answer_text && !withdrawn) {
        Status::Answered
    } else if withdrawn {
        Status::Withdrawn
    } else {
        Status::Pending
    }
}

/// The ministry that must answer: the one asked when no other is named.
pub(crate) fn assigned_or_asked(assigned: String, asked: &str) -> String {
    if assigned.is_empty() {
        asked.to_string()
    } else {
        assigned
    }
}

/// A title, or for a page without one its analysis, its heading, else its rubric (as the
/// open data's readers do).
pub(crate) fn title_or_analysis(
    title: String,
    analysis: &Option<String>,
    head: &Option<String>,
    rubric: &str,
) -> String {
    if title.is_empty() {
        analysis
            .clone()
            .or_else(|| head.clone())
            .unwrap_or_else(|| rubric.to_string())
    } else {
        title
    }
}

/// Checks what the parser guarantees of every question it returns, so that property tests
/// and the fuzzer can hold it to them: the id matches its parts, events are in date order,
/// emphasis spans lie on character boundaries inside their text, one-line fields have no line
/// break, and no field keeps a carriage return, byte-order mark or NUL.
pub fn check_question(q: &Question) -> Result<(), String> {
    let id = Question::make_id(q.legislature, q.number, q.kind);
    if q.id != id {
        return Err(format!("id {} does not match its parts ({id})", q.id));
    }
    if q.events.windows(2).any(|w| w[0].date > w[1].date) {
        return Err("events are not in date order".into());
    }
    for (name, text, spans) in [
        ("question_text", &q.question_text, &q.question_emphasis),
        ("answer_text", &q.answer_text, &q.answer_emphasis),
    ] {
        for e in spans.iter() {
            if e.start >= e.end
                || e.end > text.len()
                || !text.is_char_boundary(e.start)
                || !text.is_char_boundary(e.end)
            {
                return Err(format!("{name}: bad emphasis span {e:?}"));
            }
        }
        if text.contains("\n\n\n") || text.starts_with('\n') || text.ends_with('\n') {
            return Err(format!("{name}: stray blank lines"));
        }
    }
    let one_line = [
        ("title", &q.title),
        ("author", &q.author),
        ("constituency", &q.constituency),
        ("group", &q.group),
        ("rubric", &q.rubric),
        ("ministry_asked", &q.ministry_asked),
        ("ministry_assigned", &q.ministry_assigned),
    ];
    for (name, value) in one_line {
        if value.contains('\n') {
            return Err(format!("{name} spans lines: {value:?}"));
        }
    }
    let all_text = one_line
        .iter()
        .map(|(_, v)| v.as_str())
        .chain([q.question_text.as_str(), q.answer_text.as_str()])
        .chain(q.events.iter().map(|e| e.label.as_str()))
        .chain(q.events.iter().filter_map(|e| e.note.as_deref()))
        .chain(
            q.extra
                .iter()
                .flat_map(|x| [x.label.as_str(), x.value.as_str()]),
        );
    for value in all_text {
        if value.contains(['\r', '\u{feff}', '\0']) {
            return Err(format!("a field keeps a CR, BOM or NUL: {value:?}"));
        }
    }
    Ok(())
}

/// Start dates of the recent legislatures, to name a document's legislature from its date.
const LEGISLATURE_STARTS: [(u16, i32, u32, u32); 7] = [
    (11, 1997, 6, 12),
    (12, 2002, 6, 19),
    (13, 2007, 6, 20),
    (14, 2012, 6, 20),
    (15, 2017, 6, 21),
    (16, 2022, 6, 22),
    (17, 2024, 7, 18),
];

/// The legislature in session on a date, for the years this table covers.
pub fn legislature_on(date: NaiveDate) -> Option<u16> {
    LEGISLATURE_STARTS
        .iter()
        .rev()
        .find(|(_, y, m, d)| NaiveDate::from_ymd_opt(*y, *m, *d).is_some_and(|s| date >= s))
        .map(|(l, ..)| *l)
}

/// Splits "Loire (4e circonscription) - Droite Républicaine" into constituency and group.
/// Groups may contain " - " ("Écologiste - NUPES"): only the first separator after the
/// constituency counts. Word processors turn " - " into " – " or " — ": those count too.
pub fn split_constituency(value: &str) -> (String, String) {
    let start = value
        .find("circonscription)")
        .map_or(0, |pos| pos + "circonscription)".len());
    match find_dash(&value[start..]) {
        Some((at, len)) => (
            value[..start + at].trim().to_string(),
            value[start + at + len..].trim().to_string(),
        ),
        None => (value.trim().to_string(), String::new()),
    }
}

/// The first " - ", " – " or " — " in `s`: its byte offset and length.
fn find_dash(s: &str) -> Option<(usize, usize)> {
    [" - ", " – ", " — "]
        .iter()
        .filter_map(|sep| s.find(sep).map(|at| (at, sep.len())))
        .min()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn constituency_and_group() {
        assert_eq!(
            split_constituency("Loire (4e circonscription) - Droite Républicaine"),
            (
                "Loire (4e circonscription)".into(),
                "Droite Républicaine".into()
            )
        );
        assert_eq!(
            split_constituency("Deux-Sèvres (2e circonscription) - Écologiste - NUPES"),
            (
                "Deux-Sèvres (2e circonscription)".into(),
                "Écologiste - NUPES".into()
            )
        );
        assert_eq!(
            split_constituency("Morbihan - Union pour un Mouvement Populaire"),
            (
                "Morbihan".into(),
                "Union pour un Mouvement Populaire".into()
            )
        );
        assert_eq!(split_constituency("Paris"), ("Paris".into(), String::new()));
        assert_eq!(
            split_constituency("Loire (4e circonscription) – Écologiste - NUPES"),
            (
                "Loire (4e circonscription)".into(),
                "Écologiste - NUPES".into()
            )
        );
        assert_eq!(
            split_constituency("Seine-Saint-Denis — Gauche démocrate et républicaine"),
            (
                "Seine-Saint-Denis".into(),
                "Gauche démocrate et républicaine".into()
            )
        );
    }

    #[test]
    fn legislature_from_date() {
        let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd).unwrap();
        assert_eq!(legislature_on(d(2026, 3, 1)), Some(17));
        assert_eq!(legislature_on(d(2024, 3, 1)), Some(16));
        assert_eq!(legislature_on(d(2014, 3, 1)), Some(14));
        assert_eq!(legislature_on(d(1990, 3, 1)), None);
    }
}
