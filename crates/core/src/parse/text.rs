//! The reader of text and markdown renderings of an Assemblée nationale question page.
//!
//! The parser is line-based and forgiving: it finds the header (legislature, title, kind and
//! number), the text sections ("Texte de la question", "Texte de la réponse") and the
//! `Label : value` lines of "Données clés" and "Date(s) clé(s)". What it cannot use it keeps
//! (`extra`) or reports as a warning; only a document without a question number is refused.

use super::dates::{self, parse_dated_value, DateError};
use super::decode::{decode, Encoding};
use super::inline::{plain_value, plain_value_cow, style_into, Styled};
use super::label::{self, kind_from_words, Field, Section};
use super::problem::Problem;
use super::{legislature_on, split_constituency, LineMessage, Parsed};
use crate::limits::MAX_LINE_BYTES;
use crate::model::{Event, EventKind, ExtraField, Question, QuestionKind};
use crate::text::fold::fold;
use std::borrow::Cow;

/// Parses a document's raw bytes. `source` is recorded in the question.
pub fn parse_bytes(bytes: &[u8], source: &str) -> Result<Parsed, LineMessage> {
    let decoded = decode(bytes).map_err(|e| LineMessage {
        line: e.line,
        problem: e.problem,
    })?;
    let mut parsed = parse_str(&decoded.text, source)?;
    let mut notes = Vec::new();
    match decoded.encoding {
        Encoding::Utf8 => {}
        Encoding::Windows1252 { line } => notes.push(LineMessage::at(line, Problem::Windows1252)),
        Encoding::Utf8Repaired {
            line,
            truncated: true,
        } => notes.push(LineMessage::at(line, Problem::TruncatedUtf8)),
        Encoding::Utf8Repaired {
            line,
            truncated: false,
        } => notes.push(LineMessage::at(line, Problem::DamagedUtf8)),
        Encoding::Utf16 => notes.push(LineMessage::doc(Problem::Utf16)),
    }
    if let Some((count, line)) = decoded.controls_removed {
        notes.push(LineMessage::at(line, Problem::ControlsRemoved(count)));
    }
    parsed.warnings.splice(0..0, notes);
    Ok(parsed)
}

/// Parses a document already decoded to text.
pub fn parse_str(text: &str, source: &str) -> Result<Parsed, LineMessage> {
    // CRLF (Windows) and lone CR (old Mac) line endings alike; byte-order marks, also those
    // left inside by concatenating files, are invisible and dropped. Rare: checked in one
    // pass over the bytes, copied only when found.
    let normalised;
    let text = if memchr::memchr2(b'\r', 0xEF, text.as_bytes()).is_some()
        && text.contains(['\r', '\u{feff}'])
    {
        normalised = text
            .replace("\r\n", "\n")
            .replace('\r', "\n")
            .replace('\u{feff}', "");
        normalised.as_str()
    } else {
        text
    };
    if text.is_empty() {
        return Err(LineMessage::at(1, Problem::EmptyFile));
    }
    if text.trim().is_empty() {
        return Err(LineMessage::at(1, Problem::BlankFile));
    }
    let mut builder = Builder::default();
    let mut start = 0;
    let mut line_no = 0;
    while start <= text.len() {
        line_no += 1;
        let end =
            memchr::memchr(b'\n', &text.as_bytes()[start..]).map_or(text.len(), |n| start + n);
        let raw = &text[start..end];
        if raw.len() > MAX_LINE_BYTES {
            return Err(LineMessage::at(
                line_no,
                Problem::LineTooLong {
                    bytes: raw.len() as u64,
                    limit: MAX_LINE_BYTES as u64,
                },
            ));
        }
        builder.line(line_no, raw)?;
        start = end + 1;
    }
    // Copies of the older page layouts have no line this parser takes for a number.
    match builder.finish(source) {
        Err(e) if e.problem == Problem::NoNumber => super::layouts::fallback(text, source, e),
        done => done,
    }
}

/// Which odd blanks a line holds: no-break spaces (copied from web pages: U+00A0 is C2 A0
/// and U+202F is E2 80 AF in UTF-8) and tabs. One pass with memchr over the bytes that may
/// start one.
fn odd_blanks(raw: &str) -> (bool, bool) {
    let bytes = raw.as_bytes();
    let (mut nbsp, mut tab) = (false, false);
    for at in memchr::memchr3_iter(b'\t', 0xC2, 0xE2, bytes) {
        match bytes[at] {
            b'\t' => tab = true,
            0xC2 => nbsp |= bytes.get(at + 1) == Some(&0xA0),
            _ => nbsp |= bytes.get(at + 1..at + 3) == Some(&[0x80, 0xAF]),
        }
        if nbsp && tab {
            break;
        }
    }
    (nbsp, tab)
}

/// A line as the parser reads it: blanks of every kind made spaces, trimmed. Borrowed from
/// the document unless it had a no-break space or a tab.
fn data_line(raw: &str, (nbsp, tab): (bool, bool)) -> Cow<'_, str> {
    if nbsp || tab {
        Cow::Owned(
            raw.replace(['\u{a0}', '\u{202f}', '\t'], " ")
                .trim()
                .to_string(),
        )
    } else {
        Cow::Borrowed(raw.trim())
    }
}

/// A line of text as kept for a text section: as [`data_line`], but tabs kept, since in the
/// plain layout they separate table cells.
fn text_line(raw: &str, (nbsp, _): (bool, bool)) -> Cow<'_, str> {
    if nbsp {
        Cow::Owned(raw.replace(['\u{a0}', '\u{202f}'], " ").trim().to_string())
    } else {
        Cow::Borrowed(raw.trim())
    }
}

/// What the parser gathers from a document's lines, borrowing them where it can.
#[derive(Default)]
struct Builder<'a> {
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
    /// The text sections' lines, trimmed; an empty one is a blank line.
    question_lines: Vec<Cow<'a, str>>,
    answer_lines: Vec<Cow<'a, str>>,
    events: Vec<Event>,
    extra: Vec<ExtraField>,
    warnings: Vec<LineMessage>,
    first_line: Option<usize>,
    /// Scratch space for folded labels and headings, reused from line to line.
    folded: String,
}

impl<'a> Builder<'a> {
    fn line(&mut self, no: usize, raw: &'a str) -> Result<(), LineMessage> {
        let blanks = odd_blanks(raw);
        let line = data_line(raw, blanks);
        if line.is_empty() {
            self.blank();
            return Ok(());
        }
        self.first_line.get_or_insert(no);
        let borrowed = match line {
            Cow::Borrowed(line) => Some(line),
            Cow::Owned(_) => None,
        };
        let mut glued = self.data_or_text(no, raw, blanks, borrowed, &line)?;
        // Text glued after a page number is read as its own line; each round is shorter.
        while let Some(tail) = glued.take() {
            glued = self.try_key_value(no, &tail)?.flatten();
        }
        Ok(())
    }

    /// A line of the document: a heading, a `Label : value` line, or text of the current
    /// section. `line` is `raw` as [`data_line`] makes it. Returns text found glued after a
    /// date, to be read as a line of its own.
    fn data_or_text(
        &mut self,
        no: usize,
        raw: &'a str,
        blanks: (bool, bool),
        borrowed: Option<&'a str>,
        line: &str,
    ) -> Result<Option<String>, LineMessage> {
        // Without odd blanks, the line (`borrowed`) is the text line already: kept as it is.
        let text = || match borrowed {
            Some(line) => Cow::Borrowed(line),
            None => text_line(raw, blanks),
        };
        let unheaded = strip_heading(line);
        if let Some(section) = label::section_heading(unheaded, &mut self.folded) {
            self.section = section;
            return Ok(None);
        }
        if let Some(done) = self.try_key_value(no, unheaded)? {
            return Ok(done);
        }
        match self.section {
            Section::Header => self.header_line(no, unheaded)?,
            Section::QuestionText => self.question_lines.push(text()),
            Section::AnswerText => self.answer_lines.push(text()),
            Section::KeyData => {
                // A bare line in the data part: keep it so nothing is lost.
                self.extra.push(ExtraField {
                    label: String::new(),
                    value: plain_value(unheaded),
                });
            }
        }
        Ok(None)
    }

    /// Reads `unheaded` as a `Label : value` line if it is one here. `Some` when it was
    /// (with any text glued after its date), `None` when the line is something else.
    fn try_key_value(
        &mut self,
        no: usize,
        unheaded: &str,
    ) -> Result<Option<Option<String>>, LineMessage> {
        let Some((label, value)) = label::key_value(unheaded) else {
            return Ok(None);
        };
        let label = label.trim();
        let (known, dated) = label::meaning(label);
        let data_section = self.section == Section::KeyData;
        // Outside the data part, only labels that cannot be prose count as data: a known
        // field, or a dated label whose value is a date. "Le renouvellement des contrats
        // pose problème : …" stays a sentence of the question.
        let strong = known.is_some()
            || (dated.is_some_and(|k| k != EventKind::Other)
                && (data_section || dates::parse_date_prefix(&plain_value_cow(value)).is_ok()));
        if !strong && !data_section {
            return Ok(None);
        }
        // A known label ends the text sections, even without a heading.
        if strong && matches!(self.section, Section::QuestionText | Section::AnswerText) {
            self.section = Section::KeyData;
        }
        self.key_value(no, label, known, dated, value).map(Some)
    }

    fn blank(&mut self) {
        match self.section {
            Section::QuestionText => self.question_lines.push(Cow::Borrowed("")),
            Section::AnswerText => self.answer_lines.push(Cow::Borrowed("")),
            _ => {}
        }
    }

    fn header_line(&mut self, no: usize, unheaded: &str) -> Result<(), LineMessage> {
        let plain = fold(&plain_value(unheaded));
        if plain == "assemblee nationale" || plain == "senat" {
            return Ok(());
        }
        if let Some(digits) = label::legislature_heading(&plain) {
            match digits.parse::<u16>() {
                Ok(l) if l > 0 => self.legislature = Some((l, no)),
                _ => self.warnings.push(LineMessage::at(
                    no,
                    Problem::BadLegislature(digits.to_string()),
                )),
            }
            return Ok(());
        }
        if let Some((kind, number)) = label::number_heading(&plain) {
            self.heading_kind = kind_from_words(kind);
            if let Some(number) = number {
                self.heading_number = Some((parse_number(number, no)?, no));
            }
            return Ok(());
        }
        if self.heading_number.is_some() || self.heading_kind.is_some() {
            // Text after the "Question n°" line with no section heading: the question itself.
            self.section = Section::QuestionText;
            self.question_lines.push(Cow::Owned(unheaded.to_string()));
        } else {
            self.title_parts.push(plain_value(unheaded));
        }
        Ok(())
    }

    /// Records a data line. Returns text found glued after its date's page.
    fn key_value(
        &mut self,
        no: usize,
        label: &str,
        known: Option<Field>,
        dated: Option<EventKind>,
        raw_value: &str,
    ) -> Result<Option<String>, LineMessage> {
        let value = plain_value_cow(raw_value);
        if let Some(field) = known {
            let value = value.into_owned();
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
                    None => self
                        .warnings
                        .push(LineMessage::at(no, Problem::UnknownKind(value))),
                },
                Field::Number => match first_number(&value) {
                    Some(number) => self.field_number = Some((parse_number(number, no)?, no)),
                    None => self
                        .warnings
                        .push(LineMessage::at(no, Problem::NumberWithoutDigits(value))),
                },
                Field::Rubric => self.rubric = value,
                Field::MinistryAsked => self.ministry_asked = value,
                Field::MinistryAssigned => self.ministry_assigned = value,
                Field::AnalysisHead => self.analysis_head = Some(value),
                Field::Analysis => self.analysis = Some(value),
                Field::Title => self.title_field = Some(value),
            }
            return Ok(None);
        }
        match parse_dated_value(&value) {
            Ok(dv) => {
                self.events.push(Event {
                    kind: dated.unwrap_or(EventKind::Other),
                    label: label.to_string(),
                    date: dv.date,
                    page: dv.page,
                    note: dv.note,
                });
                if let Some(at) = dv.glued {
                    let tail = value[at..].to_string();
                    let recovered = label::key_value(&tail).is_some_and(|(l, _)| {
                        let (known, dated) = label::meaning(l.trim());
                        known.is_some() || dated.is_some()
                    });
                    self.warnings.push(LineMessage::at(
                        no,
                        Problem::TextAfterDate {
                            label: label.to_string(),
                            rest: tail.clone(),
                            recovered,
                        },
                    ));
                    return Ok(recovered.then_some(tail));
                }
            }
            Err(DateError::Impossible(shown)) => self.warnings.push(LineMessage::at(
                no,
                Problem::ImpossibleDate {
                    date: shown,
                    label: label.to_string(),
                },
            )),
            Err(DateError::NotADate) if dated.is_some() && dated != Some(EventKind::Other) => {
                self.warnings.push(LineMessage::at(
                    no,
                    Problem::NoDate {
                        label: label.to_string(),
                        value: value.into_owned(),
                    },
                ))
            }
            Err(DateError::NotADate) => self.extra.push(ExtraField {
                label: label.to_string(),
                value: value.into_owned(),
            }),
        }
        Ok(None)
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
                        Problem::NumberMismatch {
                            field: f,
                            heading: h,
                            used,
                        },
                    ));
                }
                used
            }
            (Some((n, _)), None) | (None, Some((n, _))) => n,
            (None, None) => {
                return Err(LineMessage {
                    line: self.first_line,
                    problem: Problem::NoNumber,
                })
            }
        };
        let kind = match (self.field_kind, self.heading_kind) {
            (Some(k), _) | (None, Some(k)) => k,
            (None, None) => {
                self.warnings.push(LineMessage::doc(Problem::NoKind));
                QuestionKind::Written
            }
        };

        self.events.sort_by_key(|e| e.date);
        // Kept as long as the dossier is open: no room left from growing.
        self.events.shrink_to_fit();
        self.extra.shrink_to_fit();
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
                    self.warnings
                        .push(LineMessage::doc(Problem::LegislatureAssumed(l)));
                    l
                }
                None => {
                    return Err(LineMessage {
                        line: self.first_line,
                        problem: Problem::NoLegislature,
                    })
                }
            },
        };
        if published.is_none() {
            self.warnings.push(LineMessage::doc(Problem::NoPublication));
        }
        if self.author.is_empty() {
            self.warnings.push(LineMessage::doc(Problem::NoAuthor));
        }

        let question = build_text(&self.question_lines);
        let answer = build_text(&self.answer_lines);
        let answered = self
            .events
            .iter()
            .any(|e| e.kind == EventKind::AnswerPublished);
        let withdrawn = self.events.iter().any(|e| e.kind == EventKind::Withdrawn);
        let status = super::page_status(answered, !answer.text.is_empty(), withdrawn);
        if !answered && !answer.text.is_empty() && !withdrawn {
            self.warnings
                .push(LineMessage::doc(Problem::AnswerWithoutDate));
        }

        let title = if self.title_parts.is_empty() {
            self.title_field.unwrap_or_default()
        } else {
            self.title_parts.join(" ")
        };
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
                question_emphasis: question.emphasis,
                answer_text: answer.text,
                answer_emphasis: answer.emphasis,
                status,
                events: self.events,
                extra: self.extra,
                source: source.to_string(),
            },
            warnings: self.warnings,
        })
    }
}

/// The first number in `value`, French thousands separators allowed (`n° 13 809`).
fn first_number(value: &str) -> Option<&str> {
    let at = value.bytes().position(|b| b.is_ascii_digit())?;
    let len = label::number_len(&value[at..])?;
    Some(&value[at..at + len])
}

fn parse_number(shown: &str, line: usize) -> Result<u32, LineMessage> {
    let digits: String = shown.chars().filter(char::is_ascii_digit).collect();
    digits
        .parse::<u32>()
        .map_err(|_| LineMessage::at(line, Problem::NumberTooLarge(digits.clone())))
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

/// Builds a text field from its lines: soft-wrapped lines joined, paragraphs separated by one
/// blank line, paragraphs cut by a page break ("des" / "salariés a validé") joined again.
///
/// Written straight into the field's text: each paragraph's lines are joined once in a
/// scratch buffer (markup may run across them), then rendered after a provisional blank
/// line, which becomes a space when the paragraph turns out to go on from the one before,
/// and goes when it turns out to hold only markup.
fn build_text(lines: &[Cow<'_, str>]) -> Styled {
    let room = lines.iter().map(|l| l.len() + 2).sum();
    let mut out = Styled {
        text: String::with_capacity(room),
        emphasis: Vec::new(),
    };
    let mut para = Paragraph::default();
    let mut scratch = String::new();
    for line in lines {
        // Lines come trimmed.
        let line: &str = line;
        if line.is_empty() {
            para.flush(&mut out, &mut scratch);
            continue;
        }
        let line = strip_heading(line);
        let table = is_table_line(line);
        if table != para.table || (!table && is_list_item(line)) {
            para.flush(&mut out, &mut scratch);
        }
        para.table = table;
        para.lines.push(line);
    }
    para.flush(&mut out, &mut scratch);
    // The text is kept as long as the dossier is open: without the room its growth left,
    // a load takes a sixth less memory.
    out.text.shrink_to_fit();
    out.emphasis.shrink_to_fit();
    out
}

/// The lines of the paragraph being gathered, and what was written before it.
#[derive(Default)]
struct Paragraph<'l> {
    lines: Vec<&'l str>,
    /// The lines are table rows.
    table: bool,
    /// The last block written was a table (or nothing was written yet).
    previous_table: Option<bool>,
}

impl Paragraph<'_> {
    /// Writes the gathered lines as one block of `out`, and starts a new paragraph.
    fn flush(&mut self, out: &mut Styled, scratch: &mut String) {
        if self.lines.is_empty() {
            return;
        }
        let mark = out.text.len();
        let spans = out.emphasis.len();
        let first = mark == 0;
        if !first {
            out.text.push_str("\n\n");
        }
        let body = out.text.len();
        if self.table {
            // One row per line, cells joined by " | ", so rows never merge.
            for cells in self.lines.iter().filter_map(|line| table_cells(line)) {
                if out.text.len() > body {
                    out.text.push('\n');
                }
                scratch.clear();
                for (i, cell) in cells.iter().enumerate() {
                    if i > 0 {
                        scratch.push_str(" | ");
                    }
                    scratch.push_str(cell);
                }
                style_into(scratch, out);
            }
        } else {
            scratch.clear();
            for (i, line) in self.lines.iter().enumerate() {
                if i > 0 {
                    scratch.push(' ');
                }
                scratch.push_str(line);
            }
            style_into(scratch, out);
        }
        self.lines.clear();
        if out.text[body..].trim().is_empty() {
            // Only markup: nothing written, not even the separator.
            out.text.truncate(mark);
            out.emphasis.truncate(spans);
            return;
        }
        let joins = !first
            && !self.table
            && self.previous_table == Some(false)
            && cut_by_page_break(&out.text[..mark], &out.text[body..]);
        if joins {
            // "\n\n" becomes " ": one byte less before the block's spans.
            out.text.replace_range(mark..body, " ");
            for e in &mut out.emphasis[spans..] {
                e.start -= 1;
                e.end -= 1;
            }
        }
        self.previous_table = Some(self.table);
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_break_paragraphs_are_joined() {
        let lines: Vec<Cow<str>> = [
            "garantie des créances des",
            "",
            "salariés a validé.",
            "",
            "Autre.",
        ]
        .into_iter()
        .map(Cow::Borrowed)
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
        let mut buf = String::new();
        let mut heading = |line: &str| label::section_heading(line, &mut buf);
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
}
