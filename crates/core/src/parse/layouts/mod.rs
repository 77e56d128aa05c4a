//! Text copies of the Assemblée's older question pages: what a browser's "select all, copy"
//! or a text browser (`w3m -dump`, `lynx -dump`) gives of a page saved years ago. The line
//! parser of [`crate::parse`] reads today's renderings; these layouts it cannot (their
//! labels and the way their values run over lines differ), and it hands them here when it
//! finds no question number. Each layout is told by content:
//!
//! - [`Layout::Fiche`]: the 1997–2002 "FICHE QUESTION" pages (`Question N° : 450`, a table
//!   of `Ministère interrogé :` rows, `Texte de la QUESTION :`);
//! - [`Layout::Site2012`]: the 2012–2017 `questions.assemblee-nationale.fr` pages
//!   (`Question N° 3200`, `Ministère interrogé > …`, `Question publiée au JO le : …`);
//! - [`Layout::Site2017`]: the same site for 2017–2022, which adds `Date de cloture :`;
//! - [`Layout::Dyn`]: the 2023 `/dyn/` pages (`Question écrite n°200 :`, `Question de :`,
//!   `Données clés`, `Ministère répondant :`, `Dates :` or `Date de la séance :`).
//!
//! They give the same [`Question`] fields as the HTML reader gives for the same page.

mod dyn_page;
mod fiche;
pub mod lines;
mod site;

use super::dates::{parse_dated_value, reason_after_date};
use super::htmltext::{one_line, strip_qe_header};
use super::inline::Styled;
use super::problem::Problem;
use super::{LineMessage, Parsed};
use crate::model::{Event, EventKind, Question, QuestionKind};
use lines::{starts, Line};

/// A known layout of the Assemblée's question pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// 1997–2002, "FICHE QUESTION".
    Fiche,
    /// 2012–2017, `questions.assemblee-nationale.fr`.
    Site2012,
    /// 2017–2022, the same site with closures.
    Site2017,
    /// 2023, `www.assemblee-nationale.fr/dyn/`.
    Dyn,
}

/// Tells the layout of a copy from its lines.
pub fn detect(lines: &[Line]) -> Option<Layout> {
    if lines.iter().any(|l| fiche::is_number_line(&l.text)) {
        return Some(Layout::Fiche);
    }
    if lines.iter().any(|l| site::is_number_line(&l.text))
        && lines.iter().any(|l| site::is_ministry_line(&l.text))
    {
        let closure = lines.iter().any(|l| starts(&l.text, "date de cloture"));
        let later = site::legislature(lines).is_some_and(|l| l >= 15);
        return Some(if closure || later {
            Layout::Site2017
        } else {
            Layout::Site2012
        });
    }
    if lines.iter().any(|l| dyn_page::is_number_line(&l.text)) {
        return Some(Layout::Dyn);
    }
    None
}

/// Reads a copy of one of the known layouts; `None` when it is none of them.
pub fn read(text: &str, source: &str) -> Option<Result<Parsed, LineMessage>> {
    let lines = lines::prepare(text);
    let draft = match detect(&lines)? {
        Layout::Fiche => fiche::read(&lines),
        Layout::Site2012 | Layout::Site2017 => site::read(&lines),
        Layout::Dyn => dyn_page::read(&lines),
    };
    Some(draft.finish(source))
}

/// Labels of the Assemblée's question pages, folded, and how they are shown when a copy of
/// an unknown layout holds them.
const PAGE_LABELS: [(&str, &str); 16] = [
    ("texte de la question", "Texte de la question"),
    ("texte de la reponse", "Texte de la réponse"),
    ("ministere interroge", "Ministère interrogé"),
    ("ministere attributaire", "Ministère attributaire"),
    ("ministere repondant", "Ministère répondant"),
    ("rubrique", "Rubrique"),
    ("tete d'analyse", "Tête d'analyse"),
    ("analyse", "Analyse"),
    ("question publiee", "Question publiée"),
    ("reponse publiee", "Réponse publiée"),
    ("auteur", "Auteur"),
    ("question de", "Question de"),
    ("donnees cles", "Données clés"),
    ("date de la seance", "Date de la séance"),
    ("date de cloture", "Date de cloture"),
    ("type de question", "Type de question"),
];

/// The page labels a text starts lines with, in the order of [`PAGE_LABELS`].
pub fn page_labels(text: &str) -> Vec<&'static str> {
    let lines = lines::prepare(text);
    PAGE_LABELS
        .iter()
        .filter(|(folded, _)| {
            lines.iter().any(|l| {
                starts(&l.text, folded)
                    && l.text
                        .chars()
                        .nth(folded.chars().count())
                        .is_none_or(|c| !c.is_alphanumeric())
            })
        })
        .map(|(_, shown)| *shown)
        .collect()
}

/// What the text parser's entry does when its own reading found no question number: reads
/// the copy as one of the older layouts; failing that, a text that holds several labels of
/// question pages is said to be a page of an unknown layout, naming them, unless it is
/// today's rendering (a `Données clés` or `Date(s) clé(s)` heading, a `Type de question`,
/// `Circonscription` or `Numéro de la question` line), which only lacks its number; anything
/// else keeps the parser's error.
#[cold]
#[inline(never)]
pub fn fallback(text: &str, source: &str, error: LineMessage) -> Result<Parsed, LineMessage> {
    if let Some(read) = read(text, source) {
        return read;
    }
    let labels = page_labels(text);
    if labels.len() >= 3 && !is_todays_rendering(text) {
        return Err(LineMessage::doc(Problem::UnknownLayout(
            labels.into_iter().map(str::to_string).collect(),
        )));
    }
    Err(error)
}

/// True when a text has a heading or a field of today's renderings, which the line parser
/// reads.
fn is_todays_rendering(text: &str) -> bool {
    let mut buf = String::new();
    text.lines().any(|l| {
        let line = l.trim().trim_start_matches('#').trim();
        if super::label::section_heading(line, &mut buf) == Some(super::label::Section::KeyData) {
            return true;
        }
        super::label::key_value(line).is_some_and(|(label, _)| {
            use super::label::Field;
            matches!(
                super::label::meaning(label.trim()).0,
                Some(Field::Kind | Field::Constituency | Field::Number)
            )
        })
    })
}

/// What a copy tells, gathered before it becomes a [`Question`].
#[derive(Debug, Default)]
struct Draft {
    legislature: Option<u16>,
    kind: Option<QuestionKind>,
    number: Option<u32>,
    title: String,
    author: String,
    constituency: String,
    group: String,
    rubric: String,
    ministry_asked: String,
    ministry_assigned: String,
    analysis_head: Option<String>,
    analysis: Option<String>,
    question: String,
    answer: String,
    events: Vec<Event>,
    warnings: Vec<LineMessage>,
}

impl Draft {
    fn has(&self, kind: EventKind) -> bool {
        self.events.iter().any(|e| e.kind == kind)
    }

    /// Adds a dated event from a value such as `21/08/2012 page : 4774`, `26 juillet 2022,
    /// page 3501` or `20/06/2017 (Fin de mandat)`. A closure's reason may follow its date
    /// without parentheses (`21/06/2022 Fin de mandat`); a closure because the answer was
    /// published is the answer, not an event. An empty value (a label the page prints
    /// without a date) is no event.
    fn event(&mut self, kind: EventKind, label: &str, value: &str) {
        let value = one_line(&unglue_year(
            &value.replace("page :", "page").replace("page:", "page"),
        ));
        if value.is_empty() {
            return;
        }
        let label = label.trim().trim_end_matches([':', '>']).trim();
        let Ok(dated) = parse_dated_value(&value) else {
            self.warnings.push(LineMessage::doc(Problem::NoDate {
                label: label.to_string(),
                value,
            }));
            return;
        };
        let mut note = dated.note;
        if kind == EventKind::Withdrawn && note.is_none() {
            note = reason_after_date(&value);
        }
        if kind == EventKind::Withdrawn
            && note
                .as_deref()
                .is_some_and(|n| lines::folded(n).iter().collect::<String>() == "reponse publiee")
        {
            return;
        }
        self.events.push(Event {
            kind,
            label: label.to_string(),
            date: dated.date,
            page: dated.page,
            note,
        });
    }

    /// `Mme Marie-Pierre Rixain (Ile-de-France - Renaissance)`: the author, then the place
    /// and the group as the line parser splits them.
    fn author_place_group(&mut self, value: &str) {
        match (value.find(" ("), value.rfind(')')) {
            (Some(open), Some(close)) if close > open => {
                self.author = value[..open].trim().to_string();
                let (place, group) = super::split_constituency(&value[open + 2..close]);
                self.constituency = place;
                self.group = group;
            }
            _ => self.author = value.trim().to_string(),
        }
    }

    fn finish(mut self, source: &str) -> Result<Parsed, LineMessage> {
        let number = self
            .number
            .ok_or_else(|| LineMessage::doc(Problem::NoNumber))?;
        let kind = self.kind.unwrap_or_else(|| {
            self.warnings.push(LineMessage::doc(Problem::NoKind));
            QuestionKind::Written
        });
        self.events.sort_by_key(|e| e.date);
        let legislature = match self.legislature.filter(|&l| l > 0) {
            Some(l) => l,
            None => {
                let l = self
                    .events
                    .first()
                    .and_then(|e| super::legislature_on(e.date))
                    .ok_or_else(|| LineMessage::doc(Problem::NoLegislature))?;
                self.warnings
                    .push(LineMessage::doc(Problem::LegislatureAssumed(l)));
                l
            }
        };
        if !self.has(EventKind::QuestionPublished) {
            self.warnings.push(LineMessage::doc(Problem::NoPublication));
        }
        if self.author.is_empty() {
            self.warnings.push(LineMessage::doc(Problem::NoAuthor));
        }
        let mut question = Styled {
            text: std::mem::take(&mut self.question),
            emphasis: Vec::new(),
        };
        if kind == QuestionKind::Written {
            strip_qe_header(&mut question);
        }
        let answered = self.has(EventKind::AnswerPublished);
        let withdrawn = self.has(EventKind::Withdrawn);
        let status = super::page_status(answered, !self.answer.is_empty(), withdrawn);
        if !answered && !self.answer.is_empty() && !withdrawn {
            self.warnings
                .push(LineMessage::doc(Problem::AnswerWithoutDate));
        }
        // The older pages have no title: their analysis stands for it, as the HTML reader
        // and the open-data reader do.
        let title = super::title_or_analysis(
            self.title,
            &self.analysis,
            &self.analysis_head,
            &self.rubric,
        );
        let ministry_assigned =
            super::assigned_or_asked(self.ministry_assigned, &self.ministry_asked);
        Ok(Parsed {
            question: Question {
                id: Question::make_id(legislature, number, kind),
                legislature,
                kind,
                number,
                title,
                author: self.author,
                author_ref: None,
                mandate_ref: None,
                constituency: self.constituency,
                group: self.group,
                rubric: self.rubric,
                ministry_asked: self.ministry_asked,
                ministry_assigned,
                attributions: Vec::new(),
                analysis_head: self.analysis_head,
                analysis: self.analysis,
                question_text: question.text,
                question_emphasis: Vec::new(),
                answer_text: self.answer,
                answer_emphasis: Vec::new(),
                status,
                events: self.events,
                extra: Vec::new(),
                source: source.to_string(),
            },
            warnings: self.warnings,
        })
    }
}

/// `17/06/2002Fin de mandat` (a browser's copy of two inline elements) -> `17/06/2002 Fin de
/// mandat`: a space between a four-digit year and a letter glued to it.
fn unglue_year(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    let mut digits = 0;
    for c in s.chars() {
        if digits == 4 && c.is_alphabetic() {
            out.push(' ');
        }
        digits = if c.is_ascii_digit() { digits + 1 } else { 0 };
        out.push(c);
    }
    out
}

/// The first number in `s`.
fn first_number(s: &str) -> Option<u32> {
    let digits: String = s
        .chars()
        .skip_while(|c| !c.is_ascii_digit())
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse().ok()
}

/// The legislature a `11ème législature` line names.
fn legislature_of(line: &str) -> Option<u16> {
    let folded = crate::text::fold::fold(line);
    super::label::legislature_heading(folded.trim()).and_then(|d| d.parse().ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closure_reasons_follow_the_date() {
        assert_eq!(
            reason_after_date("21/06/2022 Fin de mandat").as_deref(),
            Some("Fin de mandat")
        );
        assert_eq!(
            reason_after_date("21/06/2022 page 12 - Retrait").as_deref(),
            Some("Retrait")
        );
        assert_eq!(reason_after_date("21/06/2022"), None);
    }

    #[test]
    fn a_closure_by_the_answer_is_no_event() {
        let mut d = Draft::default();
        d.event(
            EventKind::Withdrawn,
            "Date de cloture :",
            "13/05/2014 Réponse publiée",
        );
        assert!(d.events.is_empty());
        d.event(
            EventKind::Withdrawn,
            "Date de cloture :",
            "19/06/2017 Fin de mandat",
        );
        assert_eq!(d.events[0].note.as_deref(), Some("Fin de mandat"));
        assert_eq!(d.events[0].label, "Date de cloture");
    }
}
