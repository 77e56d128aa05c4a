//! One open-data question (`QuestionEcrite_Type`, `QuestionGouvernement_Type`,
//! `QuestionOrale_Type`, all one schema) mapped to a [`Question`].

use super::value::Value;
use super::value::{at, field, items, kind_of, parse_date, parse_page, string, string_at};
use crate::model::{Attribution, Emphasis, Event, EventKind, Question, QuestionKind, Status};
use crate::parse::dates::parse_date_prefix;
use crate::parse::htmltext::{html_to_line, html_to_styled, one_line, strip_qe_header};
use crate::parse::inline::Styled;
use crate::parse::problem::{Problem, Undated, Wanted};
use crate::parse::{LineMessage, Parsed};
use chrono::NaiveDate;
use regex::Regex;
use std::sync::LazyLock;

/// The labels the text parser reads on question pages, so both readers give the same events.
pub(crate) mod labels {
    /// [`EventKind::QuestionPublished`](crate::model::EventKind::QuestionPublished).
    pub const QUESTION: &str = "Question publiée au JO le";
    /// [`EventKind::AnswerPublished`](crate::model::EventKind::AnswerPublished).
    pub const ANSWER: &str = "Réponse publiée au JO le";
    /// [`EventKind::Withdrawn`](crate::model::EventKind::Withdrawn).
    pub const WITHDRAWN: &str = "Question retirée le";
    /// [`EventKind::AttributionChanged`](crate::model::EventKind::AttributionChanged).
    pub const ATTRIBUTION: &str = "Date de changement d'attribution";
    /// [`EventKind::Signaled`](crate::model::EventKind::Signaled).
    pub const SIGNALED: &str = "Date de signalement";
    /// [`EventKind::Renewed`](crate::model::EventKind::Renewed).
    pub const RENEWED: &str = "Date de renouvellement";
    /// [`EventKind::ErratumQuestion`](crate::model::EventKind::ErratumQuestion).
    pub const ERRATUM_QUESTION: &str = "Erratum de la question publié au JO le";
    /// [`EventKind::ErratumAnswer`](crate::model::EventKind::ErratumAnswer).
    pub const ERRATUM_ANSWER: &str = "Erratum de la réponse publié au JO le";
}

/// Kind, legislature and number read from a uid such as `QANR5L17QG1`.
pub(crate) fn parse_uid(uid: &str) -> Option<(u16, QuestionKind, u32)> {
    let rest = uid.trim().strip_prefix("QANR5L")?;
    let leg_len = rest.bytes().take_while(u8::is_ascii_digit).count();
    let legislature = rest[..leg_len].parse().ok()?;
    let rest = &rest[leg_len..];
    let code_len = rest.bytes().take_while(u8::is_ascii_alphabetic).count();
    let kind = QuestionKind::from_code(&rest[..code_len])?;
    let digits = &rest[code_len..];
    if digits.is_empty() || !digits.bytes().all(|c| c.is_ascii_digit()) {
        return None;
    }
    Some((legislature, kind, digits.parse().ok()?))
}

fn kind_from_xsi(xsi: &str) -> Option<QuestionKind> {
    match xsi.rsplit(':').next().unwrap_or(xsi) {
        "QuestionEcrite_Type" => Some(QuestionKind::Written),
        "QuestionGouvernement_Type" => Some(QuestionKind::Government),
        "QuestionOrale_Type" => Some(QuestionKind::Oral),
        _ => None,
    }
}

/// A one-line value from the open data: markup and entities only when there are some.
pub(crate) fn clean_line(s: &str) -> String {
    if s.contains(['<', '&']) {
        html_to_line(s)
    } else {
        one_line(s)
    }
}

/// One `Texte` entry (`texteQuestion`, `texteReponse`): date and page of its JO, its text.
struct Texte<'a> {
    date: Option<NaiveDate>,
    page: Option<u32>,
    text: Styled,
    erratum: Option<&'a Value<'a>>,
}

/// Collects what goes wrong without stopping: a wrong type is an error, the rest warnings.
struct Mapper {
    warnings: Vec<LineMessage>,
}

type Res<T> = Result<T, Problem>;

impl Mapper {
    fn warn(&mut self, problem: Problem) {
        self.warnings.push(LineMessage::doc(problem));
    }

    /// A JO date at `path` under `v`, with a warning when it is there but unreadable.
    fn date(&mut self, v: &Value, keys: &[&str]) -> Res<Option<NaiveDate>> {
        let Some(s) = string_at(v, keys)? else {
            return Ok(None);
        };
        let date = parse_date(s);
        if date.is_none() {
            self.warn(Problem::NotADate {
                field: keys.join("."),
                value: clean_line(s),
            });
        }
        Ok(date)
    }

    fn info_jo(&mut self, v: &Value) -> Res<(Option<NaiveDate>, Option<u32>)> {
        let date = self.date(v, &["infoJO", "dateJO"])?;
        let page = string_at(v, &["infoJO", "pageJO"])?.and_then(parse_page);
        Ok((date, page))
    }

    fn textes<'a>(&mut self, q: &'a Value<'a>, keys: &[&str]) -> Res<Vec<Texte<'a>>> {
        let mut out = Vec::new();
        for entry in items(at(q, keys)) {
            if !entry.is_object() {
                return Err(Problem::WrongType {
                    field: keys.join("."),
                    found: kind_of(entry),
                    expected: Wanted::Object,
                });
            }
            let (date, page) = self.info_jo(entry)?;
            let path = format!("{}.texte", keys.join("."));
            let html = string(field(entry, "texte"), &path)?;
            out.push(Texte {
                date,
                page,
                text: html.map(html_to_styled).unwrap_or_default(),
                erratum: field(entry, "erratum"),
            });
        }
        Ok(out)
    }

    /// An erratum (`Texte.erratum`, shape unverified: a string or an object) as an event
    /// when a date can be found in it, else at `carrier`, the JO date of the later text entry
    /// carrying it (a corrected text is published in the JO that prints the erratum).
    fn erratum(
        &mut self,
        v: &Value,
        kind: EventKind,
        carrier: (Option<NaiveDate>, Option<u32>),
        events: &mut Vec<Event>,
    ) -> Res<()> {
        let (label, of_answer) = if kind == EventKind::ErratumAnswer {
            (labels::ERRATUM_ANSWER, true)
        } else {
            (labels::ERRATUM_QUESTION, false)
        };
        let (date, page, note) = match v {
            Value::String(s) => (find_date(s), None, Some(clean_line(s))),
            Value::Object(_) => {
                let (mut date, page) = self.info_jo(v)?;
                for key in ["dateJO", "date", "dateErratum"] {
                    if date.is_none() {
                        date = string_at(v, &[key])?.and_then(parse_date);
                    }
                }
                let text = match string_at(v, &["texte"])? {
                    Some(t) => Some(t),
                    None => string_at(v, &["#text"])?,
                };
                if date.is_none() {
                    date = text.and_then(find_date);
                }
                (date, page, text.map(clean_line))
            }
            other => {
                return Err(Problem::WrongType {
                    field: "erratum".into(),
                    found: kind_of(other),
                    expected: Wanted::StringOrObject,
                })
            }
        };
        let note = note.filter(|n| !n.is_empty());
        let (date, page) = match date {
            Some(d) => (Some(d), page),
            None => (carrier.0, page.or(carrier.1)),
        };
        match date {
            Some(date) => events.push(Event {
                kind,
                label: label.into(),
                date,
                page,
                note,
            }),
            None => self.warn(Problem::UndatedEvent(Undated::Erratum(of_answer))),
        }
        Ok(())
    }
}

#[allow(
    clippy::expect_used,
    reason = "a literal pattern, compiled by the tests"
)]
static ANY_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{4}|\d{1,2}(?:er)?\s+\p{L}+\.?\s+\d{4}")
        .expect("static regex")
});

/// The first date written anywhere in a text, in any of the forms the JO uses.
fn find_date(text: &str) -> Option<NaiveDate> {
    ANY_DATE.find_iter(text).find_map(|m| {
        parse_date(m.as_str()).or_else(|| parse_date_prefix(m.as_str()).ok().map(|(d, _)| d))
    })
}

/// A ministry's name as the pages print it: the developed form, unless it is the official
/// "Ministère de l'intérieur", when the pages print the short form ("Intérieur").
pub(crate) fn ministry_name(short: Option<&str>, long: Option<&str>) -> String {
    let official = long.is_some_and(|l| crate::text::fold::fold(l).starts_with("ministere"));
    let chosen = match (short, long) {
        (Some(s), Some(_)) if official => s,
        (_, Some(l)) => l,
        (Some(s), None) => s,
        (None, None) => "",
    };
    clean_line(chosen)
}

/// `s` with its first letter in upper case.
fn capitalised(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Joins several texts, one blank line between them, moving their spans.
fn join_texts(parts: impl IntoIterator<Item = Styled>) -> Styled {
    let mut out = Styled::default();
    for part in parts {
        if part.text.is_empty() || out.text == part.text {
            continue;
        }
        if !out.text.is_empty() {
            out.text.push_str("\n\n");
        }
        let shift = out.text.len();
        out.text.push_str(&part.text);
        out.emphasis
            .extend(part.emphasis.into_iter().map(|e| Emphasis {
                start: e.start + shift,
                end: e.end + shift,
                ..e
            }));
    }
    out
}

/// Entries of `renouvellements` (shape unverified): any object holding an `infoJO` or a date
/// key, or a date string, found in the object-or-list or one wrapper level below
/// (`renouvellements.renouvellement`).
fn renewal_dates(v: &Value, depth: u8, out: &mut Vec<(Option<NaiveDate>, Option<u32>)>) {
    match v {
        Value::Array(a) => a.iter().for_each(|x| renewal_dates(x, depth, out)),
        Value::String(s) => out.push((parse_date(s).or_else(|| find_date(s)), None)),
        Value::Object(m) => {
            let info = at(v, &["infoJO", "dateJO"]).and_then(Value::as_str);
            let keyed = m
                .iter()
                .filter(|(k, _)| k.starts_with("date"))
                .find_map(|(_, x)| x.as_str());
            if let Some(s) = info.or(keyed) {
                let page = at(v, &["infoJO", "pageJO"])
                    .and_then(Value::as_str)
                    .and_then(parse_page);
                out.push((parse_date(s), page));
            } else if depth < 2 {
                for (k, x) in m.iter() {
                    if !k.starts_with('@') && !super::value::is_nil(x) {
                        renewal_dates(x, depth + 1, out);
                    }
                }
            }
        }
        _ => {}
    }
}

/// Reads a `{"question": {...}}` document already parsed into a JSON value.
pub(crate) fn question_from_root(root: &Value, source: &str) -> Result<Parsed, LineMessage> {
    match root.get("question") {
        Some(q @ Value::Object(_)) => map_question(q, source),
        _ => Err(LineMessage::doc(super::unknown_schema(root))),
    }
}

/// Maps the content of a `question` element to a [`Question`].
pub(crate) fn map_question(q: &Value, source: &str) -> Result<Parsed, LineMessage> {
    let mut m = Mapper {
        warnings: Vec::new(),
    };
    map(q, source, &mut m).map_err(LineMessage::doc)
}

fn map(q: &Value, source: &str, m: &mut Mapper) -> Res<Parsed> {
    let uid = string_at(q, &["uid"])?;
    let from_uid = uid.and_then(parse_uid);
    if let (Some(uid), None) = (uid, from_uid) {
        m.warn(Problem::BadUid(clean_line(uid)));
    }

    let kind = match string_at(q, &["type"])? {
        Some(code) => QuestionKind::from_code(code)
            .ok_or_else(|| Problem::UnknownQuestionKind(clean_line(code)))?,
        None => match string_at(q, &["@xsi:type"])?.and_then(kind_from_xsi) {
            Some(k) => k,
            None => from_uid
                .map(|(_, k, _)| k)
                .ok_or_else(|| Problem::MissingField("type".into()))?,
        },
    };
    let legislature: u16 = match string_at(q, &["identifiant", "legislature"])? {
        Some(s) => s.parse().map_err(|_| Problem::NotANumber {
            field: "identifiant.legislature".into(),
            value: clean_line(s),
        })?,
        None => from_uid
            .map(|(l, ..)| l)
            .ok_or_else(|| Problem::MissingField("identifiant.legislature".into()))?,
    };
    let number: u32 = match string_at(q, &["identifiant", "numero"])? {
        Some(s) => s.parse().map_err(|_| Problem::NotANumber {
            field: "identifiant.numero".into(),
            value: clean_line(s),
        })?,
        None => from_uid
            .map(|(.., n)| n)
            .ok_or_else(|| Problem::MissingField("identifiant.numero".into()))?,
    };
    if legislature == 0 {
        return Err(Problem::LegislatureZero);
    }
    if let Some((l, k, n)) = from_uid {
        if (l, k, n) != (legislature, kind, number) {
            m.warn(Problem::UidMismatch {
                uid: uid.unwrap_or_default().to_string(),
                id: Question::make_id(legislature, number, kind),
            });
        }
    }

    // The title is the analyse (what the pages print as the question's title), joined with
    // " ; " when there are several; the XIV files have ANALYSE/ANA instead. Without one, the
    // tête d'analyse, then the rubric, so no question is listed without a title.
    // The files write the rubric in lower case; the pages print it capitalised, as
    // staffers know it ("Retraites : généralités").
    let rubric = string_at(q, &["indexationAN", "rubrique"])?
        .map(clean_line)
        .map(|r| capitalised(&r));
    let head = string_at(q, &["indexationAN", "teteAnalyse"])?.map(clean_line);
    let mut analyses = Vec::new();
    for keys in [
        &["indexationAN", "analyses", "analyse"][..],
        &["indexationAN", "ANALYSE", "ANA"][..],
    ] {
        if analyses.is_empty() {
            for a in items(at(q, keys)) {
                if let Some(s) = string(Some(a), &keys.join("."))? {
                    analyses.push(clean_line(s));
                }
            }
        }
    }
    analyses.retain(|a| !a.is_empty());
    let title = if analyses.is_empty() {
        head.clone().or(rubric.clone()).unwrap_or_default()
    } else {
        analyses.join(" ; ")
    };

    let author_ref = string_at(q, &["auteur", "identite", "acteurRef"])?.map(one_line);
    let mandate_ref = string_at(q, &["auteur", "identite", "mandatRef"])?.map(one_line);
    if author_ref.is_none() {
        m.warn(Problem::NoAuthor);
    }
    let group = match string_at(q, &["auteur", "groupe", "developpe"])? {
        Some(g) => Some(g),
        None => string_at(q, &["auteur", "groupe", "abrege"])?,
    };
    let ministry_asked = ministry_name(
        string_at(q, &["minInt", "abrege"])?,
        string_at(q, &["minInt", "developpe"])?,
    );

    let mut events = Vec::new();
    let mut attributions = Vec::new();
    for (i, entry) in items(at(q, &["minAttribs", "minAttrib"])).enumerate() {
        let ministry = ministry_name(
            string_at(entry, &["denomination", "abrege"])?,
            string_at(entry, &["denomination", "developpe"])?,
        );
        let (date, page) = m.info_jo(entry)?;
        if i > 0 {
            match date {
                Some(date) => events.push(Event {
                    kind: EventKind::AttributionChanged,
                    label: labels::ATTRIBUTION.into(),
                    date,
                    page,
                    note: Some(ministry.clone()).filter(|s| !s.is_empty()),
                }),
                None => m.warn(Problem::UndatedEvent(Undated::Attribution(
                    ministry.clone(),
                ))),
            }
        }
        attributions.push(Attribution { ministry, date });
    }
    let ministry_assigned = attributions
        .iter()
        .rev()
        .map(|a| a.ministry.as_str())
        .find(|s| !s.is_empty())
        .unwrap_or(&ministry_asked)
        .to_string();

    let questions = m.textes(q, &["textesQuestion", "texteQuestion"])?;
    let answers = m.textes(q, &["textesReponse", "texteReponse"])?;
    // A later entry carrying an erratum is the corrected text, published on the erratum's
    // date; the first entry's date is the question's own.
    let carrier = |i: usize, t: &Texte| {
        if i > 0 {
            (t.date, t.page)
        } else {
            (None, None)
        }
    };
    for (i, t) in questions.iter().enumerate() {
        if let Some(e) = t.erratum {
            m.erratum(e, EventKind::ErratumQuestion, carrier(i, t), &mut events)?;
        }
    }
    for (i, t) in answers.iter().enumerate() {
        if let Some(e) = t.erratum {
            m.erratum(e, EventKind::ErratumAnswer, carrier(i, t), &mut events)?;
        }
    }

    // The publication is the first text's JO (a later entry is a republication). A question
    // au Gouvernement has no question text: it was put and answered in one séance, whose JO
    // date the answer (or, failing it, the attribution) carries.
    let published = match questions.iter().find(|t| t.date.is_some()) {
        Some(t) => Some((t.date, t.page)),
        None if kind == QuestionKind::Government => answers
            .iter()
            .find(|t| t.date.is_some())
            .map(|t| (t.date, t.page))
            .or_else(|| attributions.first().map(|a| (a.date, None))),
        None => None,
    };
    match published {
        Some((Some(date), page)) => events.push(Event {
            kind: EventKind::QuestionPublished,
            label: labels::QUESTION.into(),
            date,
            page,
            note: None,
        }),
        _ => m.warn(Problem::NoPublication),
    }
    // The text is the last entry's (the current wording); the date stays the first's.
    let mut question_text = questions
        .iter()
        .rev()
        .map(|t| &t.text)
        .find(|t| !t.text.is_empty())
        .cloned()
        .unwrap_or_default();
    if questions
        .iter()
        .filter(|t| !t.text.text.is_empty())
        .any(|t| t.text.text != question_text.text)
    {
        m.warn(Problem::SeveralTexts(questions.len()));
    }
    if kind == QuestionKind::Written {
        strip_qe_header(&mut question_text);
    }

    let answered = !answers.is_empty();
    // A later entry that carries an erratum is the corrected answer, shown by its erratum
    // event: it is not a second answer.
    for (i, t) in answers.iter().enumerate() {
        if i > 0 && t.erratum.is_some() {
            continue;
        }
        match t.date {
            Some(date) => events.push(Event {
                kind: EventKind::AnswerPublished,
                label: labels::ANSWER.into(),
                date,
                page: t.page,
                note: None,
            }),
            None => m.warn(Problem::AnswerWithoutDate),
        }
    }
    let answer = join_texts(answers.into_iter().map(|t| t.text));

    // Closed without an answer: withdrawn, whatever the code ("Fin de mandat", "Retirée"…).
    let closed = field(q, "cloture");
    if let Some(c) = closed {
        let label = string_at(c, &["libelleCloture"])?;
        let code = string_at(c, &["codeCloture"])?;
        if !answered {
            if code == Some("REP_PUB") {
                m.warn(Problem::AnsweredWithoutText);
            }
            let date = match m.date(c, &["dateCloture"])? {
                Some(d) => Some(d),
                None => m.date(c, &["infoJO", "dateJO"])?,
            };
            let note = label.or(code).map(clean_line);
            match date {
                Some(date) => events.push(Event {
                    kind: EventKind::Withdrawn,
                    label: labels::WITHDRAWN.into(),
                    date,
                    page: None,
                    note,
                }),
                None => m.warn(Problem::UndatedEvent(Undated::Closure(
                    note.unwrap_or_default(),
                ))),
            }
        }
    }

    for s in items(field(q, "signalement")) {
        let (mut date, page) = m.info_jo(s)?;
        if date.is_none() {
            date = m.date(s, &["dateDepotSignal"])?;
        }
        match date {
            Some(date) => events.push(Event {
                kind: EventKind::Signaled,
                label: labels::SIGNALED.into(),
                date,
                page,
                note: None,
            }),
            None => m.warn(Problem::UndatedEvent(Undated::Signalement)),
        }
    }

    if let Some(r) = field(q, "renouvellements") {
        let mut dates = Vec::new();
        renewal_dates(r, 0, &mut dates);
        if dates.is_empty() {
            m.warn(Problem::UndatedEvent(Undated::Renewals));
        }
        for (date, page) in dates {
            match date {
                Some(date) => events.push(Event {
                    kind: EventKind::Renewed,
                    label: labels::RENEWED.into(),
                    date,
                    page,
                    note: None,
                }),
                None => m.warn(Problem::UndatedEvent(Undated::RenewalUnreadable)),
            }
        }
    }

    events.sort_by_key(|e| e.date);
    let status = if answered {
        Status::Answered
    } else if closed.is_some() {
        Status::Withdrawn
    } else {
        Status::Pending
    };

    let question = Question {
        id: Question::make_id(legislature, number, kind),
        legislature,
        kind,
        number,
        title,
        author: author_ref.clone().unwrap_or_default(),
        constituency: String::new(),
        group: group.map(clean_line).unwrap_or_default(),
        rubric: rubric.unwrap_or_default(),
        ministry_asked,
        ministry_assigned,
        analysis_head: head,
        analysis: None,
        question_text: question_text.text,
        question_emphasis: question_text.emphasis,
        answer_text: answer.text,
        answer_emphasis: answer.emphasis,
        status,
        events,
        extra: Vec::new(),
        source: source.to_string(),
        author_ref,
        mandate_ref,
        attributions,
    };
    Ok(Parsed {
        question,
        warnings: std::mem::take(&mut m.warnings),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uids() {
        assert_eq!(
            parse_uid("QANR5L17QG1"),
            Some((17, QuestionKind::Government, 1))
        );
        assert_eq!(
            parse_uid("QANR5L16QOSD350"),
            Some((16, QuestionKind::Oral, 350))
        );
        assert_eq!(parse_uid("QANR5L17QM3"), None);
        assert_eq!(parse_uid("QANR5L17QE"), None);
        assert_eq!(parse_uid("PA1"), None);
    }

    #[test]
    fn dates_found_in_erratum_prose() {
        let d = NaiveDate::from_ymd_opt(2025, 3, 4);
        assert_eq!(find_date("Erratum publié au JO du 4 mars 2025, p. 12"), d);
        assert_eq!(find_date("JO du 04/03/2025"), d);
        assert_eq!(find_date("sans date"), None);
    }
}
