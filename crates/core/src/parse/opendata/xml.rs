//! The XML forms of the questions: one file per question (legislatures XV–XVII, in the
//! `http://schemas.assemblee-nationale.fr/referentiel` namespace) and the XIV single-file
//! archive (`<questionsEcrites>` holding every `<question>`, no namespace), read as a stream.
//!
//! Each `<question>` element is read into the same JSON shape the AN's own conversion gives
//! (attributes as `@name`, text beside attributes as `#text`, a repeated element as a list,
//! an empty element as `null`), so one mapping serves both formats.

use super::question::map_question;
use super::value::{Map, Value};
use super::{strip_bom, LineMessage, Parsed};
use crate::parse::problem::Problem;
use quick_xml::events::{BytesRef, BytesStart, Event};
use quick_xml::Reader;
use std::io::BufRead;
use std::ops::ControlFlow;

/// Deepest element nesting read; a question is about five levels deep.
const MAX_DEPTH: usize = 64;

/// Elements whose content is HTML, kept as markup.
fn holds_html(local: &[u8]) -> bool {
    matches!(
        local,
        b"texte" | b"erratum" | b"TEXTE_DEPOT" | b"TEXTE_REPONSE" | b"TEXTE_ERRATUM"
    )
}

/// A reader that counts the lines it has handed on, so errors of a stream have a line number.
struct Lines<R> {
    inner: R,
    newlines: usize,
}

impl<R: BufRead> std::io::Read for Lines<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.newlines += memchr::memchr_iter(b'\n', &buf[..n]).count();
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Lines<R> {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        self.inner.fill_buf()
    }
    fn consume(&mut self, amt: usize) {
        if let Ok(buf) = self.inner.fill_buf() {
            let amt = amt.min(buf.len());
            self.newlines += memchr::memchr_iter(b'\n', &buf[..amt]).count();
        }
        self.inner.consume(amt);
    }
}

/// An XML error: what is wrong (where is known to the caller).
struct XmlError {
    problem: Problem,
}

fn xml_error(e: quick_xml::Error) -> XmlError {
    XmlError {
        problem: Problem::InvalidXml(e.to_string()),
    }
}

fn truncated() -> XmlError {
    XmlError {
        problem: Problem::TruncatedXml,
    }
}

fn utf8(bytes: &[u8]) -> Result<&str, XmlError> {
    std::str::from_utf8(bytes).map_err(|_| XmlError {
        problem: Problem::XmlNotUtf8,
    })
}

/// An entity reference in text, resolved: the five XML ones, numeric ones, and the HTML
/// names some exports use; an unknown name is kept as written.
fn push_ref(r: &BytesRef<'_>, out: &mut String) -> Result<(), XmlError> {
    let name = utf8(r)?;
    let decoded = match name {
        "lt" => Some('<'),
        "gt" => Some('>'),
        "amp" => Some('&'),
        "apos" => Some('\''),
        "quot" => Some('"'),
        _ => None,
    };
    if let Some(c) = decoded {
        out.push(c);
        return Ok(());
    }
    let written = format!("&{name};");
    out.push_str(&html_escape::decode_html_entities(&written));
    Ok(())
}

/// Pushes a reference as markup, for text kept as HTML: the HTML reader decodes it later.
fn push_ref_raw(r: &BytesRef<'_>, out: &mut String) -> Result<(), XmlError> {
    out.push('&');
    out.push_str(utf8(r)?);
    out.push(';');
    Ok(())
}

fn local_name(qualified: &[u8]) -> &[u8] {
    match memchr::memrchr(b':', qualified) {
        Some(i) => &qualified[i + 1..],
        None => qualified,
    }
}

fn attributes(e: &BytesStart<'_>, map: &mut Map<'static>) -> Result<(), XmlError> {
    for attr in e.attributes().with_checks(false) {
        let attr = attr.map_err(|err| XmlError {
            problem: Problem::InvalidXml(err.to_string()),
        })?;
        let key = utf8(attr.key.as_ref())?;
        if key == "xmlns" || key.starts_with("xmlns:") {
            continue;
        }
        let value = utf8(&attr.value)?;
        map.insert(
            format!("@{key}"),
            Value::String(html_escape::decode_html_entities(value).into_owned().into()),
        );
    }
    Ok(())
}

/// Adds a child, turning a repeated name into a list.
fn insert(map: &mut Map<'static>, key: String, value: Value<'static>) {
    match map.get_mut(&key) {
        None => {
            map.insert(key, value);
        }
        Some(Value::Array(list)) => list.push(value),
        Some(existing) => {
            let first = existing.take();
            *existing = Value::Array(vec![first, value]);
        }
    }
}

fn read_element<R: BufRead>(
    reader: &mut Reader<R>,
    start: &BytesStart<'_>,
    buf: &mut Vec<u8>,
    depth: usize,
) -> Result<Value<'static>, XmlError> {
    if depth > MAX_DEPTH {
        return Err(XmlError {
            problem: Problem::XmlTooDeep(MAX_DEPTH),
        });
    }
    let mut map = Map::new();
    attributes(start, &mut map)?;
    if holds_html(local_name(start.name().as_ref())) {
        let html = read_html(reader, buf)?;
        return Ok(finish(map, html));
    }
    let mut text = String::new();
    loop {
        buf.clear();
        match reader.read_event_into(buf).map_err(xml_error)? {
            Event::Start(e) => {
                let key = utf8(local_name(e.name().as_ref()))?.to_string();
                let e = e.into_owned();
                let child = read_element(reader, &e, buf, depth + 1)?;
                insert(&mut map, key, child);
            }
            Event::Empty(e) => {
                let key = utf8(local_name(e.name().as_ref()))?.to_string();
                let mut attrs = Map::new();
                attributes(&e, &mut attrs)?;
                insert(&mut map, key, finish(attrs, String::new()));
            }
            Event::Text(t) => text.push_str(utf8(&t)?),
            Event::CData(t) => text.push_str(utf8(&t)?),
            Event::GeneralRef(r) => push_ref(&r, &mut text)?,
            Event::End(_) => break,
            Event::Eof => return Err(truncated()),
            Event::Comment(_) | Event::Decl(_) | Event::PI(_) | Event::DocType(_) => {}
        }
    }
    if map.keys().any(|k| !k.starts_with('@')) {
        // Mixed content outside the HTML fields: its text is kept beside the children.
        if !text.trim().is_empty() {
            map.insert("#text", Value::String(text.into()));
        }
        return Ok(Value::Object(map));
    }
    Ok(finish(map, text))
}

/// An element's value from its attributes and text: a string, `null` when empty, or an
/// object with `#text` when it has attributes.
fn finish(mut attrs: Map<'static>, text: String) -> Value<'static> {
    let blank = text.trim().is_empty();
    if attrs.is_empty() {
        if blank {
            Value::Null
        } else {
            Value::String(text.into())
        }
    } else {
        if !blank {
            attrs.insert("#text", Value::String(text.into()));
        }
        Value::Object(attrs)
    }
}

/// The content of an HTML field as HTML source: escaped text unescaped (the usual form, where
/// the markup is text), child elements written back as tags.
fn read_html<R: BufRead>(reader: &mut Reader<R>, buf: &mut Vec<u8>) -> Result<String, XmlError> {
    let mut out = String::new();
    let mut depth = 0usize;
    loop {
        buf.clear();
        match reader.read_event_into(buf).map_err(xml_error)? {
            Event::Start(e) => {
                depth += 1;
                out.push('<');
                out.push_str(utf8(&e)?);
                out.push('>');
            }
            Event::Empty(e) => {
                out.push('<');
                out.push_str(utf8(&e)?);
                out.push_str("/>");
            }
            Event::End(e) => {
                if depth == 0 {
                    break;
                }
                depth -= 1;
                out.push_str("</");
                out.push_str(utf8(e.name().as_ref())?);
                out.push('>');
            }
            Event::Text(t) => out.push_str(utf8(&t)?),
            Event::CData(t) => {
                let t = utf8(&t)?;
                if depth == 0 {
                    out.push_str(t);
                } else {
                    out.push_str(&html_escape::encode_text(t));
                }
            }
            Event::GeneralRef(r) => {
                // Escaped markup (`&lt;p&gt;`) is the HTML itself; inside written-back tags a
                // reference stays one.
                if depth == 0 {
                    push_ref(&r, &mut out)?;
                } else {
                    push_ref_raw(&r, &mut out)?;
                }
            }
            Event::Eof => return Err(truncated()),
            Event::Comment(_) | Event::Decl(_) | Event::PI(_) | Event::DocType(_) => {}
        }
    }
    Ok(out)
}

fn line_of(bytes: &[u8], offset: u64) -> usize {
    let end = usize::try_from(offset)
        .unwrap_or(usize::MAX)
        .min(bytes.len());
    memchr::memchr_iter(b'\n', &bytes[..end]).count() + 1
}

/// Reads one per-question XML file (root `<question>`). `source` is recorded in the question.
pub fn parse_question_xml(bytes: &[u8], source: &str) -> Result<Parsed, LineMessage> {
    let value = read_root(bytes, |name| {
        (name != "question").then(|| {
            if name.starts_with("questions") {
                Problem::XmlManyQuestions(name.to_string())
            } else {
                Problem::UnknownRoot(name.to_string())
            }
        })
    })?;
    map_question(&value, source)
}

/// Reads the root element of a one-document XML file into a value, once `check` has accepted
/// its local name (it returns the problem of a root it refuses).
pub(super) fn read_root(
    bytes: &[u8],
    check: impl FnOnce(&str) -> Option<Problem>,
) -> Result<Value<'static>, LineMessage> {
    let bytes = strip_bom(bytes);
    let mut reader = Reader::from_reader(bytes);
    let mut buf = Vec::new();
    let at = |reader: &Reader<&[u8]>, e: XmlError| LineMessage {
        line: Some(line_of(
            bytes,
            reader.error_position().max(reader.buffer_position()),
        )),
        problem: e.problem,
    };
    loop {
        buf.clear();
        let event = match reader.read_event_into(&mut buf) {
            Ok(e) => e,
            Err(e) => return Err(at(&reader, xml_error(e))),
        };
        match event {
            Event::Start(e) => {
                let name = String::from_utf8_lossy(local_name(e.name().as_ref())).into_owned();
                if let Some(problem) = check(&name) {
                    return Err(LineMessage {
                        line: Some(line_of(bytes, reader.buffer_position())),
                        problem,
                    });
                }
                let e = e.into_owned();
                return read_element(&mut reader, &e, &mut buf, 0).map_err(|err| at(&reader, err));
            }
            Event::Eof => {
                return Err(LineMessage {
                    line: Some(line_of(bytes, reader.buffer_position())),
                    problem: Problem::TruncatedXml,
                })
            }
            Event::Empty(_) => {
                return Err(LineMessage {
                    line: Some(line_of(bytes, reader.buffer_position())),
                    problem: Problem::XmlEmptyRoot,
                })
            }
            Event::Text(t) if !t.iter().all(u8::is_ascii_whitespace) => {
                return Err(LineMessage {
                    line: Some(line_of(bytes, reader.buffer_position())),
                    problem: Problem::XmlTextBeforeRoot,
                })
            }
            _ => {}
        }
    }
}

/// The root element's local name of an XML document, if its head shows one.
pub(super) fn root_name(bytes: &[u8]) -> Option<String> {
    let mut reader = Reader::from_reader(strip_bom(bytes));
    let mut buf = Vec::new();
    loop {
        buf.clear();
        match reader.read_event_into(&mut buf).ok()? {
            Event::Start(e) | Event::Empty(e) => {
                return Some(String::from_utf8_lossy(local_name(e.name().as_ref())).into_owned())
            }
            Event::Eof => return None,
            _ => {}
        }
    }
}

/// Streams the questions of a legacy single-file XML archive (`Questions_ecrites_XIV.xml`:
/// root `<questionsEcrites>`, or any `<questions…>` root, holding `<question>` elements).
///
/// Calls `f` with each question in file order (its `source` is `{source}#{uid}`, or
/// `{source}#{n}` without a uid), or with the error that question's mapping met, line set;
/// memory holds one question at a time. `f` returns [`ControlFlow::Break`] to stop. Returns
/// how many `<question>` elements were read; an XML error stops the stream, with its line.
pub fn for_each_legacy_question_xml<R: BufRead>(
    input: R,
    source: &str,
    mut f: impl FnMut(Result<Parsed, LineMessage>) -> ControlFlow<()>,
) -> Result<usize, LineMessage> {
    let mut reader = Reader::from_reader(Lines {
        inner: input,
        newlines: 0,
    });
    let mut buf = Vec::new();
    let line = |reader: &Reader<Lines<R>>| reader.get_ref().newlines + 1;
    let mut depth = 0usize;
    let mut count = 0usize;
    let mut first_byte = true;
    loop {
        buf.clear();
        let event = reader.read_event_into(&mut buf).map_err(|e| LineMessage {
            line: Some(line(&reader)),
            problem: xml_error(e).problem,
        })?;
        match event {
            Event::Start(e) => {
                let name = local_name(e.name().as_ref()).to_vec();
                if depth == 0 {
                    if !name.starts_with(b"questions") {
                        return Err(LineMessage {
                            line: Some(line(&reader)),
                            problem: Problem::UnknownRoot(
                                String::from_utf8_lossy(&name).into_owned(),
                            ),
                        });
                    }
                    depth = 1;
                    continue;
                }
                let start_line = line(&reader);
                let e = e.into_owned();
                let value =
                    read_element(&mut reader, &e, &mut buf, 0).map_err(|err| LineMessage {
                        line: Some(line(&reader)),
                        problem: err.problem,
                    })?;
                if name != b"question" {
                    continue;
                }
                count += 1;
                let tag = super::value::string_at(&value, &["uid"])
                    .ok()
                    .flatten()
                    .map_or_else(|| count.to_string(), str::to_string);
                let parsed =
                    map_question(&value, &format!("{source}#{tag}")).map_err(|m| LineMessage {
                        line: Some(start_line),
                        problem: Problem::InQuestion {
                            tag,
                            problem: Box::new(m.problem),
                        },
                    });
                if f(parsed).is_break() {
                    return Ok(count);
                }
            }
            Event::End(_) => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return Ok(count);
                }
            }
            Event::Eof => {
                return Err(LineMessage {
                    line: Some(line(&reader)),
                    problem: if first_byte {
                        Problem::EmptyFile
                    } else {
                        Problem::TruncatedXml
                    },
                })
            }
            _ => {}
        }
        first_byte = false;
    }
}
