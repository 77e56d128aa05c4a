//! Parsing one question document (plain-text or markdown rendering of an Assemblée nationale
//! question page) into a [`Question`].
//!
//! The parser is line-based and forgiving: it finds the header (legislature, title, kind and
//! number), the text sections ("Texte de la question", "Texte de la réponse") and the
//! `Label : value` lines of "Données clés" and "Date(s) clé(s)". What it cannot use it keeps
//! (`extra`) or reports as a warning; only a document without a question number is refused.
//!
//! The other readers give the same [`Question`] fields from other forms of the same data:
//! [`html`] for saved Assemblée pages, [`opendata`] for the Assemblée's open data (question
//! JSON and XML, legacy archives, AMO files naming authors, zip archives, format sniffing);
//! [`htmltext`] turns the HTML fragments both meet into text with emphasis.

pub mod dates;
pub mod decode;
pub mod html;
pub mod htmltext;
pub mod inline;
pub mod opendata;

use crate::limits::{show_bytes, MAX_LINE_BYTES};
use crate::model::{Emphasis, Event, EventKind, ExtraField, Question, QuestionKind, Status};
use crate::text::fold::fold;
use chrono::NaiveDate;
use dates::{parse_dated_value, DateError};
use decode::{decode, Encoding};
use inline::{plain_value, to_styled, Styled};
use regex::Regex;
use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::LazyLock;

/// A message about one line of a document (or the whole document when `line` is none).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineMessage {
    /// 1-based line number.
    pub line: Option<usize>,
    /// What is wrong, in words a user can act on.
    pub message: String,
}

impl LineMessage {
    pub(crate) fn at(line: usize, message: impl Into<String>) -> Self {
        LineMessage {
            line: Some(line),
            message: message.into(),
        }
    }
    pub(crate) fn doc(message: impl Into<String>) -> Self {
        LineMessage {
            line: None,
            message: message.into(),
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

/// Parses a document's raw bytes. `source` is recorded in the question.
pub fn parse_bytes(bytes: &[u8], source: &str) -> Result<Parsed, LineMessage> {
    let decoded = decode(bytes).map_err(|e| LineMessage {
        line: e.line,
        message: e.message,
    })?;
    let mut parsed = parse_str(&decoded.text, source)?;
    let mut notes = Vec::new();
    match decoded.encoding {
        Encoding::Utf8 => {}
        Encoding::Windows1252 { line } => notes.push(LineMessage::at(
            line,
            "not UTF-8: read as Windows-1252/Latin-1; check accented letters",
        )),
        Encoding::Utf8Repaired {
            line,
            truncated: true,
        } => notes.push(LineMessage::at(
            line,
            "the file ends in the middle of a character: it looks truncated",
        )),
        Encoding::Utf8Repaired {
            line,
            truncated: false,
        } => notes.push(LineMessage::at(
            line,
            "invalid UTF-8 bytes replaced by \u{fffd}: the file looks damaged",
        )),
        Encoding::Utf16 => notes.push(LineMessage::doc(
            "UTF-16 file: read as UTF-16; saving it as UTF-8 is safer",
        )),
    }
    if let Some((count, line)) = decoded.controls_removed {
        notes.push(LineMessage::at(
            line,
            format!(
                "{count} control character(s) (NUL, escape, …) removed: the file looks damaged"
            ),
        ));
    }
    parsed.warnings.splice(0..0, notes);
    Ok(parsed)
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

/// Parses a document already decoded to text.
pub fn parse_str(text: &str, source: &str) -> Result<Parsed, LineMessage> {
    // CRLF (Windows) and lone CR (old Mac) line endings alike; byte-order marks, also those
    // left inside by concatenating files, are invisible and dropped.
    let normalised;
    let text = if text.contains(['\r', '\u{feff}']) {
        normalised = text
            .replace("\r\n", "\n")
            .replace('\r', "\n")
            .replace('\u{feff}', "");
        normalised.as_str()
    } else {
        text
    };
    if text.is_empty() {
        return Err(LineMessage::at(1, "empty file"));
    }
    if text.trim().is_empty() {
        return Err(LineMessage::at(
            1,
            "only blank lines and spaces: not a question document",
        ));
    }
    let mut builder = Builder::default();
    for (index, raw) in text.split('\n').enumerate() {
        let line_no = index + 1;
        if raw.len() > MAX_LINE_BYTES {
            return Err(LineMessage::at(
                line_no,
                format!(
                    "line is {} long, over the {} limit: not a question document",
                    show_bytes(raw.len() as u64),
                    show_bytes(MAX_LINE_BYTES as u64)
                ),
            ));
        }
        builder.line(line_no, raw)?;
    }
    builder.finish(source)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum Section {
    #[default]
    Header,
    QuestionText,
    AnswerText,
    KeyData,
}

#[allow(
    clippy::expect_used,
    reason = "a literal pattern, compiled by the tests"
)]
static LEGISLATURE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(\d{1,5})\s*(?:e|eme|ere|er|re|ieme)?\s+legislature\b").expect("static regex")
});
#[allow(
    clippy::expect_used,
    reason = "a literal pattern, compiled by the tests"
)]
static NUMBER_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^question\s+(ecrite|au\s+gouvernement|orale(?:\s+sans\s+debat)?)\s*(?:n\s*[°ºo]?\s*\.?\s*(\d{1,3}(?:[ .\u{a0}\u{202f}]\d{3})+|\d+))?\s*$")
        .expect("static regex")
});
#[allow(
    clippy::expect_used,
    reason = "a literal pattern, compiled by the tests"
)]
static KEY_VALUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:[-•*+]\s+)?\*{0,2}\s*(\p{L}[^:*\[\]|]{0,79}?)\s*(?:\*\*\s*)?:\s*\*{0,2}\s*(.*)$",
    )
    .expect("static regex")
});
/// A number, French thousands separators allowed ("13 809", "13.809").
#[allow(
    clippy::expect_used,
    reason = "a literal pattern, compiled by the tests"
)]
static DIGITS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\d{1,3}(?:[ .\u{a0}\u{202f}]\d{3})+\b|\d+").expect("static regex")
});

/// Splits a `Label : value` line as KEY_VALUE does, into its label (group 1) and value
/// (group 2), remembering the answer for each text before the colon.
///
/// Running KEY_VALUE over each data line took over a quarter of the parse time (its
/// `\p{L}` class makes the capture engine slow), yet a corpus has only a few dozen distinct
/// labels. The regex still decides, on the text up to and including the first colon (the
/// only colon it can match, since neither label nor markup before it may hold one); the value
/// is what its tail `:\s*\*{0,2}\s*(.*)$` leaves, which needs no regex.
fn key_value(line: &str) -> Option<(&str, &str)> {
    /// Most distinct heads remembered per thread; past that the memory starts over.
    const MAX_REMEMBERED: usize = 4096;
    /// Longer heads (prose with a colon far in) are not worth remembering.
    const MAX_HEAD_BYTES: usize = 256;
    /// Text up to the colon -> byte range of the label in it, if it is a label.
    type Labels = HashMap<Box<str>, Option<(usize, usize)>>;
    thread_local! {
        static LABELS: RefCell<Labels> = RefCell::new(HashMap::new());
    }
    let colon = line.find(':')?;
    let head = &line[..=colon];
    let find = || {
        KEY_VALUE
            .captures(head)
            .and_then(|c| c.get(1))
            .map(|m| (m.start(), m.end()))
    };
    let label = if head.len() > MAX_HEAD_BYTES {
        find()
    } else {
        LABELS.with(|cell| {
            let mut labels = cell.borrow_mut();
            if let Some(&known) = labels.get(head) {
                return known;
            }
            if labels.len() >= MAX_REMEMBERED {
                labels.clear();
            }
            let found = find();
            labels.insert(head.into(), found);
            found
        })
    };
    let (start, end) = label?;
    let value = line[colon + 1..].trim_start();
    let value = value.strip_prefix('*').unwrap_or(value);
    let value = value.strip_prefix('*').unwrap_or(value).trim_start();
    Some((&line[start..end], value))
}

/// Labels the parser knows; a line with one of these is data wherever it stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Author,
    Constituency,
    Group,
    Kind,
    Number,
    Rubric,
    MinistryAsked,
    MinistryAssigned,
    AnalysisHead,
    Analysis,
    Title,
}

fn known_field(folded_label: &str) -> Option<Field> {
    Some(match folded_label {
        "auteur" | "auteure" | "depute" | "deputee" => Field::Author,
        "circonscription" => Field::Constituency,
        "groupe" | "groupe politique" => Field::Group,
        "type de question" | "type" => Field::Kind,
        "numero de la question" | "numero" => Field::Number,
        "rubrique" => Field::Rubric,
        "ministere interroge" => Field::MinistryAsked,
        "ministere attributaire" => Field::MinistryAssigned,
        "tete d'analyse" => Field::AnalysisHead,
        "analyse" => Field::Analysis,
        "titre" => Field::Title,
        _ => return None,
    })
}

/// The kind of event a dated label records, if the label names one.
pub(crate) fn event_kind(folded_label: &str) -> Option<EventKind> {
    let l = folded_label;
    Some(if l.contains("erratum") {
        if l.contains("reponse") {
            EventKind::ErratumAnswer
        } else {
            EventKind::ErratumQuestion
        }
    } else if l.starts_with("question publiee") || l.starts_with("publiee au jo") {
        EventKind::QuestionPublished
    } else if l.starts_with("reponse publiee") {
        EventKind::AnswerPublished
    } else if l.contains("retire") {
        EventKind::Withdrawn
    } else if l.contains("attribution") {
        EventKind::AttributionChanged
    } else if l.contains("signalement") {
        EventKind::Signaled
    } else if l.contains("renouvellement") {
        EventKind::Renewed
    } else if l.starts_with("date") || l.ends_with(" le") || l.contains("publiee") {
        EventKind::Other
    } else {
        return None;
    })
}

/// Longest line still checked for a section heading: the longest heading is 33 letters, and
/// this leaves room for any markup and spacing around it.
const MAX_HEADING_BYTES: usize = 200;

fn section_heading(folded: &str) -> Option<Section> {
    // The words of the line, markup left out, one space between them: built in one pass, as
    // this runs on every short line.
    let mut key = String::with_capacity(folded.len());
    let mut space = false;
    for c in folded.chars() {
        if c.is_whitespace() {
            space = !key.is_empty();
        } else if !matches!(c, '#' | '*' | ':' | '(' | ')') {
            if space {
                key.push(' ');
                space = false;
            }
            key.push(c);
        }
    }
    Some(match key.as_str() {
        "texte de la question" => Section::QuestionText,
        "texte de la reponse" | "texte de la reponse ministerielle" => Section::AnswerText,
        "donnees cles"
        | "donnee cle"
        | "donnees"
        | "dates cles"
        | "dates cle"
        | "date cle"
        | "dates"
        | "dates cles publiees" => Section::KeyData,
        _ => return None,
    })
}

fn kind_from_words(folded: &str) -> Option<QuestionKind> {
    if folded.contains("ecrite") {
        Some(QuestionKind::Written)
    } else if folded.contains("gouvernement") {
        Some(QuestionKind::Government)
    } else if folded.contains("orale") {
        Some(QuestionKind::Oral)
    } else {
        QuestionKind::from_code(folded.trim())
    }
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

#[derive(Default)]
struct Builder {
    section: Section,
    legislature: Option<(u16, usize)>,
    heading_kind: Option<QuestionKind>,
    heading_number: Option<(u32, usize)>,
    field_number: Option<(u32, usize)>,
    field_kind: Option<QuestionKind>,
    title_parts: Vec<String>,
    title_field: Option<String>,
    author: String,
    constituency: String,
    group: String,
    rubric: String,
    ministry_asked: String,
    ministry_assigned: String,
    analysis_head: Option<String>,
    analysis: Option<String>,
    question_lines: Vec<String>,
    answer_lines: Vec<String>,
    events: Vec<Event>,
    extra: Vec<ExtraField>,
    warnings: Vec<LineMessage>,
    first_line: Option<usize>,
}

impl Builder {
    fn line(&mut self, no: usize, raw: &str) -> Result<(), LineMessage> {
        let raw = raw.trim_end_matches('\r');
        let owned;
        let line = if raw.contains(['\u{a0}', '\u{202f}', '\t']) {
            owned = raw.replace(['\u{a0}', '\u{202f}', '\t'], " ");
            owned.trim()
        } else {
            raw.trim()
        };
        // Text lines keep their tabs: in the plain layout they separate table cells.
        let text_line = || raw.replace(['\u{a0}', '\u{202f}'], " ").trim().to_string();
        if line.is_empty() {
            self.blank();
            return Ok(());
        }
        self.first_line.get_or_insert(no);
        let unheaded = strip_heading(line);
        // Headings are short: folding every paragraph only to compare it with them took a
        // quarter of the parse time.
        if unheaded.len() <= MAX_HEADING_BYTES {
            if let Some(section) = section_heading(&fold(unheaded)) {
                self.section = section;
                return Ok(());
            }
        }
        if let Some((label, value)) = key_value(unheaded) {
            let label = label.trim();
            let folded_label = fold(label).split_whitespace().collect::<Vec<_>>().join(" ");
            let known = known_field(&folded_label);
            let dated = event_kind(&folded_label);
            let data_section = self.section == Section::KeyData;
            // Outside the data part, only labels that cannot be prose count as data: a known
            // field, or a dated label whose value is a date. "Le renouvellement des contrats
            // pose problème : …" stays a sentence of the question.
            let strong = known.is_some()
                || (dated.is_some_and(|k| k != EventKind::Other)
                    && (data_section
                        || dates::parse_date_prefix(&inline::plain_value(value)).is_ok()));
            if strong || data_section {
                if strong {
                    // A known label ends the text sections, even without a heading.
                    if matches!(self.section, Section::QuestionText | Section::AnswerText) {
                        self.section = Section::KeyData;
                    }
                }
                return self.key_value(no, label, known, dated, value);
            }
        }
        match self.section {
            Section::Header => return self.header_line(no, unheaded),
            Section::QuestionText => self.question_lines.push(text_line()),
            Section::AnswerText => self.answer_lines.push(text_line()),
            Section::KeyData => {
                // A bare line in the data part: keep it so nothing is lost.
                self.extra.push(ExtraField {
                    label: String::new(),
                    value: plain_value(unheaded),
                });
            }
        }
        Ok(())
    }

    fn blank(&mut self) {
        match self.section {
            Section::QuestionText => self.question_lines.push(String::new()),
            Section::AnswerText => self.answer_lines.push(String::new()),
            _ => {}
        }
    }

    fn header_line(&mut self, no: usize, unheaded: &str) -> Result<(), LineMessage> {
        let plain = fold(&plain_value(unheaded));
        if plain == "assemblee nationale" || plain == "senat" {
            return Ok(());
        }
        if let Some(c) = LEGISLATURE.captures(&plain) {
            match c[1].parse::<u16>() {
                Ok(l) if l > 0 => self.legislature = Some((l, no)),
                _ => self.warnings.push(LineMessage::at(
                    no,
                    format!("legislature '{}' is not valid", &c[1]),
                )),
            }
            return Ok(());
        }
        if let Some(c) = NUMBER_HEADING.captures(&plain) {
            self.heading_kind = kind_from_words(&c[1]);
            if let Some(num) = c.get(2) {
                self.heading_number = Some((parse_number(num.as_str(), no)?, no));
            }
            return Ok(());
        }
        if self.heading_number.is_some() || self.heading_kind.is_some() {
            // Text after the "Question n°" line with no section heading: the question itself.
            self.section = Section::QuestionText;
            self.question_lines.push(unheaded.to_string());
        } else {
            self.title_parts.push(plain_value(unheaded));
        }
        Ok(())
    }

    fn key_value(
        &mut self,
        no: usize,
        label: &str,
        known: Option<Field>,
        dated: Option<EventKind>,
        raw_value: &str,
    ) -> Result<(), LineMessage> {
        let value = plain_value(raw_value);
        if let Some(field) = known {
            match field {
                Field::Author => self.author = value,
                Field::Constituency => {
                    let (constituency, group) = split_constituency(&value);
                    self.constituency = constituency;
                    if !group.is_empty() || self.group.is_empty() {
                        self.group = group;
                    }
                }
                Field::Group => self.group = value,
                Field::Kind => match kind_from_words(&fold(&value)) {
                    Some(kind) => self.field_kind = Some(kind),
                    None => self.warnings.push(LineMessage::at(
                        no,
                        format!("unknown question type '{value}'"),
                    )),
                },
                Field::Number => match DIGITS.find(&value) {
                    Some(m) => self.field_number = Some((parse_number(m.as_str(), no)?, no)),
                    None => self.warnings.push(LineMessage::at(
                        no,
                        format!("question number '{value}' has no digits"),
                    )),
                },
                Field::Rubric => self.rubric = value,
                Field::MinistryAsked => self.ministry_asked = value,
                Field::MinistryAssigned => self.ministry_assigned = value,
                Field::AnalysisHead => self.analysis_head = Some(value),
                Field::Analysis => self.analysis = Some(value),
                Field::Title => self.title_field = Some(value),
            }
            return Ok(());
        }
        match parse_dated_value(&value) {
            Ok(dv) => self.events.push(Event {
                kind: dated.unwrap_or(EventKind::Other),
                label: label.to_string(),
                date: dv.date,
                page: dv.page,
                note: dv.note,
            }),
            Err(DateError::Impossible(shown)) => self.warnings.push(LineMessage::at(
                no,
                format!("impossible date '{shown}' in '{label}': line ignored"),
            )),
            Err(DateError::NotADate) if dated.is_some() && dated != Some(EventKind::Other) => {
                self.warnings.push(LineMessage::at(
                    no,
                    format!("no date found in '{label} : {value}': line ignored"),
                ))
            }
            Err(DateError::NotADate) => self.extra.push(ExtraField {
                label: label.to_string(),
                value,
            }),
        }
        Ok(())
    }

    fn finish(mut self, source: &str) -> Result<Parsed, LineMessage> {
        let number = match (self.field_number, self.heading_number) {
            (Some((f, fl)), Some((h, _))) => {
                // When one number starts the other, the shorter was cut (a truncated or
                // mis-copied file): the longer is kept. Otherwise the data field wins.
                let (fs, hs) = (f.to_string(), h.to_string());
                let used = if fs.len() < hs.len() && hs.starts_with(&fs) {
                    h
                } else {
                    f
                };
                if f != h {
                    self.warnings.push(LineMessage::at(
                        fl,
                        format!(
                            "question number {f} differs from the heading's n° {h}; using {used}"
                        ),
                    ));
                }
                used
            }
            (Some((n, _)), None) | (None, Some((n, _))) => n,
            (None, None) => {
                return Err(LineMessage {
                    line: self.first_line,
                    message: "no question number: expected 'Question écrite n° …' or \
                              'Numéro de la question : …'; not a question document"
                        .into(),
                })
            }
        };
        let kind = match (self.field_kind, self.heading_kind) {
            (Some(k), _) | (None, Some(k)) => k,
            (None, None) => {
                self.warnings.push(LineMessage::doc(
                    "question type not found: taken as a written question (QE)",
                ));
                QuestionKind::Written
            }
        };

        self.events.sort_by_key(|e| e.date);
        let published = self
            .events
            .iter()
            .find(|e| e.kind == EventKind::QuestionPublished)
            .map(|e| e.date);
        let legislature = match self.legislature {
            Some((l, _)) => l,
            None => match published
                .or(self.events.first().map(|e| e.date))
                .and_then(legislature_on)
            {
                Some(l) => {
                    self.warnings.push(LineMessage::doc(format!(
                        "no legislature line: {l}th legislature assumed from the dates"
                    )));
                    l
                }
                None => {
                    return Err(LineMessage {
                        line: self.first_line,
                        message: "no legislature line (e.g. '17ème législature') and no date to \
                                  infer it from"
                            .into(),
                    })
                }
            },
        };
        if published.is_none() {
            self.warnings.push(LineMessage::doc(
                "no 'Question publiée au JO le' line: deadline unknown",
            ));
        }
        if self.author.is_empty() {
            self.warnings
                .push(LineMessage::doc("no author ('Auteur : …')"));
        }

        let question = build_text(&self.question_lines);
        let answer = build_text(&self.answer_lines);
        let answered = self
            .events
            .iter()
            .any(|e| e.kind == EventKind::AnswerPublished);
        let withdrawn = self.events.iter().any(|e| e.kind == EventKind::Withdrawn);
        let status = if answered || (!answer.text.is_empty() && !withdrawn) {
            Status::Answered
        } else if withdrawn {
            Status::Withdrawn
        } else {
            Status::Pending
        };
        if !answered && !answer.text.is_empty() && !withdrawn {
            self.warnings.push(LineMessage::doc(
                "answer text without 'Réponse publiée au JO le': counted as answered, date unknown",
            ));
        }

        let title = if self.title_parts.is_empty() {
            self.title_field.unwrap_or_default()
        } else {
            self.title_parts.join(" ")
        };
        let ministry_assigned = if self.ministry_assigned.is_empty() {
            self.ministry_asked.clone()
        } else {
            self.ministry_assigned
        };
        Ok(Parsed {
            question: Question {
                id: Question::make_id(legislature, number, kind),
                legislature,
                kind,
                number,
                title,
                author: self.author,
                constituency: self.constituency,
                group: self.group,
                rubric: self.rubric,
                ministry_asked: self.ministry_asked,
                ministry_assigned,
                analysis_head: self.analysis_head,
                analysis: self.analysis,
                question_text: question.text,
                question_emphasis: question.emphasis,
                answer_text: answer.text,
                answer_emphasis: answer.emphasis,
                status,
                events: self.events,
                extra: self.extra,
                source: source.to_string(),
                author_ref: None,
                mandate_ref: None,
                attributions: Vec::new(),
            },
            warnings: self.warnings,
        })
    }
}

fn parse_number(shown: &str, line: usize) -> Result<u32, LineMessage> {
    let digits: String = shown.chars().filter(char::is_ascii_digit).collect();
    digits.parse::<u32>().map_err(|_| {
        LineMessage::at(
            line,
            format!("question number {digits} is too large to be a question number"),
        )
    })
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

/// A line without its markdown heading marks (`## Titre` -> `Titre`); `#MeToo` stays.
fn strip_heading(line: &str) -> &str {
    let rest = line.trim_start_matches('#');
    if rest.len() == line.len() || line.len() - rest.len() > 6 {
        return line;
    }
    if rest.is_empty() || rest.starts_with(char::is_whitespace) {
        rest.trim_start()
    } else {
        line
    }
}

/// A table row: a markdown `| a | b |` line, or tab-separated cells (plain layout).
fn is_table_line(line: &str) -> bool {
    line.starts_with('|') || line.contains('\t')
}

/// The cells of a table row, trimmed; none for a markdown separator row (`|---|:--:|`).
fn table_cells(line: &str) -> Option<Vec<&str>> {
    let cells: Vec<&str> = if let Some(inner) = line.strip_prefix('|') {
        let inner = inner.strip_suffix('|').unwrap_or(inner);
        inner.split('|').map(str::trim).collect()
    } else {
        line.split('\t').map(str::trim).collect()
    };
    let separator = cells.iter().all(|c| {
        let dashes = c.trim_matches(':');
        !dashes.is_empty() && dashes.chars().all(|ch| ch == '-')
    });
    let empty = cells.iter().all(|c| c.is_empty());
    (!separator && !empty).then_some(cells)
}

fn is_list_item(line: &str) -> bool {
    let mut chars = line.chars();
    match chars.next() {
        Some('-' | '•' | '–' | '—') => chars.next() == Some(' '),
        Some('*') => chars.next() == Some(' '),
        _ => false,
    }
}

/// A block of text: a paragraph, or a table kept line by line.
struct Block {
    styled: Styled,
    table: bool,
}

/// Builds a text field from its lines: soft-wrapped lines joined, paragraphs separated by one
/// blank line, paragraphs cut by a page break ("des" / "salariés a validé") joined again.
fn build_text(lines: &[String]) -> Styled {
    let mut blocks: Vec<Block> = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    let mut current_table = false;
    let flush = |current: &mut Vec<&str>, table: bool, blocks: &mut Vec<Block>| {
        if current.is_empty() {
            return;
        }
        let styled = if table {
            // One row per line, cells joined by " | ", so rows never merge.
            let mut out = Styled::default();
            for cells in current.iter().filter_map(|line| table_cells(line)) {
                if !out.text.is_empty() {
                    out.text.push('\n');
                }
                append(&mut out, to_styled(&cells.join(" | ")));
            }
            out
        } else {
            to_styled(&current.join(" "))
        };
        if !styled.text.trim().is_empty() {
            blocks.push(Block { styled, table });
        }
        current.clear();
    };
    for line in lines {
        let line = line.trim();
        if line.is_empty() {
            flush(&mut current, current_table, &mut blocks);
            continue;
        }
        let line = strip_heading(line);
        let table = is_table_line(line);
        if table != current_table || (!table && is_list_item(line)) {
            flush(&mut current, current_table, &mut blocks);
        }
        current_table = table;
        current.push(line);
    }
    flush(&mut current, current_table, &mut blocks);

    let mut out = Styled::default();
    let mut previous_table = true;
    for block in blocks {
        if out.text.is_empty() {
            append(&mut out, block.styled);
        } else if !block.table
            && !previous_table
            && cut_by_page_break(&out.text, &block.styled.text)
        {
            out.text.push(' ');
            append(&mut out, block.styled);
        } else {
            out.text.push_str("\n\n");
            append(&mut out, block.styled);
        }
        previous_table = block.table;
    }
    // The text is kept as long as the dossier is open: without the room its growth left
    // (a third of it on average), a load takes a sixth less memory.
    out.text.shrink_to_fit();
    out.emphasis.shrink_to_fit();
    out
}

/// True when `before` ends mid-sentence and `after` goes on in lower case.
fn cut_by_page_break(before: &str, after: &str) -> bool {
    let ends_sentence = before
        .trim_end()
        .chars()
        .last()
        .is_none_or(|c| matches!(c, '.' | '!' | '?' | ':' | ';' | '…' | '»' | '"' | '”'));
    let continues = after.chars().next().is_some_and(|c| c.is_lowercase());
    !ends_sentence && continues
}

fn append(out: &mut Styled, piece: Styled) {
    let shift = out.text.len();
    out.text.push_str(&piece.text);
    out.emphasis
        .extend(piece.emphasis.into_iter().map(|e| Emphasis {
            start: e.start + shift,
            end: e.end + shift,
            style: e.style,
        }));
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
    fn page_break_paragraphs_are_joined() {
        let lines: Vec<String> = [
            "garantie des créances des",
            "",
            "salariés a validé.",
            "",
            "Autre.",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let t = build_text(&lines);
        assert_eq!(
            t.text,
            "garantie des créances des salariés a validé.\n\nAutre."
        );
    }

    fn parse(text: &str) -> Question {
        match parse_str(text, "t.md") {
            Ok(p) => p.question,
            Err(e) => panic!("not parsed: {e:?}"),
        }
    }

    #[test]
    fn numbers_with_thousands_separators() {
        let q = parse("17e législature\n\nQuestion écrite n° 13 809\n\nTexte.\n");
        assert_eq!(q.number, 13809);
        assert_eq!(q.title, "");
        let q = parse("17e législature\n\nNuméro de la question : 13\u{a0}809\n");
        assert_eq!(q.number, 13809);
    }

    #[test]
    fn label_forms() {
        let q = parse(
            "17e législature\n\n**Auteur** : Mme A\n\n* **Rubrique :** Santé\n\n\
             - Numéro de la question : 12\n",
        );
        assert_eq!(
            (q.author.as_str(), q.rubric.as_str(), q.number),
            ("Mme A", "Santé", 12)
        );
    }

    #[test]
    fn heading_marks_need_a_space() {
        assert_eq!(strip_heading("## Données clés"), "Données clés");
        assert_eq!(strip_heading("#"), "");
        assert_eq!(strip_heading("#MeToo et après"), "#MeToo et après");
        assert_eq!(strip_heading("####### sept"), "####### sept");
        assert_eq!(strip_heading("Texte"), "Texte");
    }

    #[test]
    fn table_rows_in_both_layouts() {
        assert_eq!(table_cells("| a | b |"), Some(vec!["a", "b"]));
        assert_eq!(table_cells("|:--|--:|"), None);
        assert_eq!(table_cells("| --- | --- |"), None);
        assert_eq!(table_cells("a\tb\t c"), Some(vec!["a", "b", "c"]));
        assert_eq!(table_cells("| - | x |"), Some(vec!["-", "x"]));
        assert_eq!(table_cells("|"), None);
        assert_eq!(table_cells("| |  |"), None);
    }

    #[test]
    fn section_headings_ignore_markup_and_spacing() {
        let heading = |line: &str| section_heading(&fold(line));
        assert_eq!(heading("Texte de la question"), Some(Section::QuestionText));
        assert_eq!(
            heading(" **Texte  de la\tréponse :** "),
            Some(Section::AnswerText)
        );
        assert_eq!(heading("Date(s) clé(s)"), Some(Section::KeyData));
        assert_eq!(heading("## Données clés"), Some(Section::KeyData));
        assert_eq!(heading("Texte de la question posée"), None);
        assert_eq!(heading("Textedelaquestion"), None);
    }

    #[test]
    fn key_value_splits_as_the_regex_does() {
        let long_label = format!("{} : valeur", "mot ".repeat(30));
        let far_colon = format!("{} : fin", "Une phrase longue. ".repeat(20));
        let lines = [
            "**Auteur :** [Mme Sylvie Bonnet](#)",
            "Auteur : M. Marc Chavent",
            "Rubrique:Santé",
            "- Rubrique :   ** Santé  ",
            "• Date de signalement : 3 mai 2021",
            "**Ministère attributaire :** ***Santé",
            "Question retirée le : 11 juin 2024 (Fin de mandat)",
            "Crise d'ASALEE : arrêt des financements : et après",
            "Label\u{a0}: valeur insécable",
            "***Auteur : trois étoiles",
            "Voir [ici] : non",
            "12 mai : pas un libellé",
            "Sans deux-points du tout",
            ": rien avant",
            long_label.as_str(),
            far_colon.as_str(),
        ];
        for line in lines {
            let by_regex = KEY_VALUE.captures(line).map(|c| {
                let (label, value) = (c.get(1).unwrap(), c.get(2).unwrap());
                (label.as_str(), value.as_str())
            });
            // Twice: the second answer comes from the memory of labels.
            assert_eq!(key_value(line), by_regex, "{line}");
            assert_eq!(key_value(line), by_regex, "{line}");
        }
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
