//! The legacy single-file JSON archives (`{"questionsOralesSansDebat": {"question": [...]}}`,
//! `questionsEcrites`, `questionsGouvernement`), streamed one question at a time with a serde
//! visitor: only one question's value is ever in memory.

use super::question::map_question;
use super::value::Value;
use super::{json_error, LineMessage, Parsed};
use crate::parse::problem::{IoReason, Problem};
use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use std::fmt;
use std::io::{BufRead, Read};
use std::ops::ControlFlow;

/// What the visitors share: the callback, the count, and whether the callback stopped.
struct State<'a, F> {
    f: &'a mut F,
    source: &'a str,
    count: usize,
    found: bool,
    stopped: bool,
}

/// The marker error that unwinds the deserializer once the callback asked to stop.
const STOP: &str = "dossier: stopped by the caller";

impl<F> State<'_, F>
where
    F: FnMut(Result<Parsed, LineMessage>) -> ControlFlow<()>,
{
    fn question<E: serde::de::Error>(&mut self, value: Value<'_>) -> Result<(), E> {
        self.count += 1;
        let tag = super::value::string_at(&value, &["uid"])
            .ok()
            .flatten()
            .map_or_else(|| self.count.to_string(), str::to_string);
        let parsed =
            map_question(&value, &format!("{}#{tag}", self.source)).map_err(|m| LineMessage {
                line: None,
                problem: Problem::InQuestion {
                    tag,
                    problem: Box::new(m.problem),
                },
            });
        if (self.f)(parsed).is_break() {
            self.stopped = true;
            return Err(E::custom(STOP));
        }
        Ok(())
    }
}

/// The root object: every key's value is searched for a `question` member.
struct Root<'s, 'a, F>(&'s mut State<'a, F>);
/// A `questions…` object: its `question` member holds the questions.
struct Holder<'s, 'a, F>(&'s mut State<'a, F>);
/// The `question` member: a list of questions, or one.
struct Questions<'s, 'a, F>(&'s mut State<'a, F>);

macro_rules! ignore_scalars {
    () => {
        fn visit_bool<E: serde::de::Error>(self, _: bool) -> Result<(), E> {
            Ok(())
        }
        fn visit_i64<E: serde::de::Error>(self, _: i64) -> Result<(), E> {
            Ok(())
        }
        fn visit_u64<E: serde::de::Error>(self, _: u64) -> Result<(), E> {
            Ok(())
        }
        fn visit_f64<E: serde::de::Error>(self, _: f64) -> Result<(), E> {
            Ok(())
        }
        fn visit_str<E: serde::de::Error>(self, _: &str) -> Result<(), E> {
            Ok(())
        }
        fn visit_unit<E: serde::de::Error>(self) -> Result<(), E> {
            Ok(())
        }
    };
}

impl<'de, F> DeserializeSeed<'de> for Root<'_, '_, F>
where
    F: FnMut(Result<Parsed, LineMessage>) -> ControlFlow<()>,
{
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de, F> Visitor<'de> for Root<'_, '_, F>
where
    F: FnMut(Result<Parsed, LineMessage>) -> ControlFlow<()>,
{
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an object such as {\"questionsEcrites\": {\"question\": [...]}}")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(key) = map.next_key::<String>()? {
            if key == "question" {
                self.0.found = true;
                map.next_value_seed(Questions(&mut *self.0))?;
            } else {
                map.next_value_seed(Holder(&mut *self.0))?;
            }
        }
        Ok(())
    }
}

impl<'de, F> DeserializeSeed<'de> for Holder<'_, '_, F>
where
    F: FnMut(Result<Parsed, LineMessage>) -> ControlFlow<()>,
{
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de, F> Visitor<'de> for Holder<'_, '_, F>
where
    F: FnMut(Result<Parsed, LineMessage>) -> ControlFlow<()>,
{
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }
    ignore_scalars!();
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(())
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(key) = map.next_key::<String>()? {
            if key == "question" {
                self.0.found = true;
                map.next_value_seed(Questions(&mut *self.0))?;
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(())
    }
}

impl<'de, F> DeserializeSeed<'de> for Questions<'_, '_, F>
where
    F: FnMut(Result<Parsed, LineMessage>) -> ControlFlow<()>,
{
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de, F> Visitor<'de> for Questions<'_, '_, F>
where
    F: FnMut(Result<Parsed, LineMessage>) -> ControlFlow<()>,
{
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list of questions or one question")
    }
    ignore_scalars!();
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while let Some(value) = seq.next_element::<Value<'de>>()? {
            if !super::value::is_nil(&value) {
                self.0.question(value)?;
            }
        }
        Ok(())
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<(), A::Error> {
        let value = Value::deserialize(serde::de::value::MapAccessDeserializer::new(map))?;
        self.0.question(value)
    }
}

use serde::Deserialize;

/// Streams the questions of a legacy single-file JSON archive: any root object one of whose
/// members (`questionsEcrites`, `questionsGouvernement`, `questionsOralesSansDebat`, …) holds
/// a `question` list (or a single question).
///
/// Calls `f` with each question in file order (its `source` is `{source}#{uid}`), or with the
/// error its mapping met; `f` returns [`ControlFlow::Break`] to stop. Returns how many
/// questions were read. Invalid or truncated JSON stops the stream with its line.
pub fn for_each_legacy_question_json<R: Read>(
    input: R,
    source: &str,
    mut f: impl FnMut(Result<Parsed, LineMessage>) -> ControlFlow<()>,
) -> Result<usize, LineMessage> {
    let mut state = State {
        f: &mut f,
        source,
        count: 0,
        found: false,
        stopped: false,
    };
    let mut de = serde_json::Deserializer::from_reader(input);
    let result = Root(&mut state)
        .deserialize(&mut de)
        .and_then(|()| de.end());
    match result {
        Ok(()) if !state.found => Err(LineMessage::doc(Problem::NoQuestionList)),
        Ok(()) => Ok(state.count),
        Err(_) if state.stopped => Ok(state.count),
        Err(e) => Err(json_error(&e)),
    }
}

/// Streams a legacy single-file archive, XML or JSON, told apart by its first character (a
/// byte-order mark skipped): see [`for_each_legacy_question_xml`](super::for_each_legacy_question_xml)
/// and [`for_each_legacy_question_json`].
pub fn for_each_legacy_question<R: BufRead>(
    mut input: R,
    source: &str,
    f: impl FnMut(Result<Parsed, LineMessage>) -> ControlFlow<()>,
) -> Result<usize, LineMessage> {
    // Skip the BOM; leading whitespace is looked past but left for the reader, so that XML
    // line numbers stay right.
    let first = loop {
        let buf = input
            .fill_buf()
            .map_err(|e| LineMessage::doc(Problem::CannotRead(IoReason::from(&e))))?;
        if buf.is_empty() {
            return Err(LineMessage::at(1, Problem::EmptyFile));
        }
        if buf.starts_with(b"\xEF\xBB\xBF") {
            input.consume(3);
            continue;
        }
        match buf.iter().find(|b| !b.is_ascii_whitespace()) {
            Some(&b) => break b,
            None => {
                let n = buf.len();
                input.consume(n);
            }
        }
    };
    match first {
        b'<' => super::for_each_legacy_question_xml(input, source, f),
        b'{' => for_each_legacy_question_json(input, source, f),
        _ => Err(LineMessage::doc(Problem::UnknownFormat)),
    }
}
