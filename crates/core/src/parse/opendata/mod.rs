//! Readers for the Assemblée nationale's open data: question files (JSON, and the per-question
//! XML of legislatures XV–XVII), the legacy single-file archives (XIV XML and JSON, streamed),
//! the AMO acteur, organe and mandat files that name authors, zip archives, and a content
//! sniffer that tells these formats (and the text and HTML renderings) apart.
//!
//! What is known of the formats is in `shared/opendata/SCHEMA.md`; the readers are tolerant
//! in the ways it asks: every repeatable element may be an object or a list, nil may be
//! `null`, `{}`, an `{"@xsi:nil": "true"}` object or a missing key, and every scalar is a
//! string. A wrong type where a string is expected, a truncated or invalid file, or a JSON
//! document of no known schema is refused with a message naming the line when it is known.

mod amo;
mod archive;
mod legacy;
pub(crate) mod question;
mod site_xml;
mod sniff;
pub(crate) mod value;
mod xml;

pub use amo::{parse_amo_json, resolve_authors, Acteur, AmoRecord, Directory, Mandat, Organe};
pub use archive::{
    for_each_zip_entry, for_each_zip_entry_reader, par_zip_entries, par_zip_entries_skipping,
    SharedFile, Unchanged, ZipEntry, ZipSummary,
};
pub use legacy::{for_each_legacy_question, for_each_legacy_question_json};
pub use site_xml::parse_site_question_xml;
pub use sniff::{sniff, Format};
pub use xml::{for_each_legacy_question_xml, parse_question_xml};

use super::problem::Problem;
use super::{LineMessage, Parsed};
use value::Value;

/// Drops a UTF-8 byte-order mark.
pub(crate) fn strip_bom(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)
}

/// A serde_json error as a message with its line.
pub(crate) fn json_error(e: &serde_json::Error) -> LineMessage {
    use serde_json::error::Category;
    let problem = match e.classify() {
        Category::Eof => Problem::TruncatedJson,
        _ => Problem::InvalidJson(e.to_string()),
    };
    LineMessage {
        line: (e.line() > 0).then_some(e.line()),
        problem,
    }
}

/// The problem of a JSON document that is none of the known schemas.
pub(crate) fn unknown_schema(root: &Value) -> Problem {
    match root {
        Value::Object(m) => {
            let keys: Vec<&str> = m.keys().take(5).collect();
            Problem::UnknownSchema(if keys.is_empty() {
                "-".to_string()
            } else {
                keys.join(", ")
            })
        }
        other => Problem::WrongType {
            field: "/".to_string(),
            found: value::kind_of(other),
            expected: crate::parse::problem::Wanted::Object,
        },
    }
}

/// Reads one question JSON file (`{"question": {...}}`). `source` is recorded in the question
/// (e.g. `Questions_ecrites.json.zip!json/QANR5L17QE1.json`).
pub fn parse_question_json(bytes: &[u8], source: &str) -> Result<Parsed, LineMessage> {
    let root: Value = serde_json::from_slice(strip_bom(bytes)).map_err(|e| json_error(&e))?;
    question::question_from_root(&root, source)
}

/// Why a document of another schema ([`Format::OtherXml`], [`Format::OtherJson`]) is not
/// read: XML with its root element, JSON with its keys, or what makes it invalid.
pub fn not_a_question(bytes: &[u8], format: Format) -> Problem {
    if format == Format::OtherXml {
        return match xml::root_name(bytes) {
            Some(root) => Problem::ForeignXml(root),
            None => Problem::InvalidXml(
                String::from_utf8_lossy(&bytes[..bytes.len().min(40)]).into_owned(),
            ),
        };
    }
    match serde_json::from_slice::<Value>(strip_bom(bytes)) {
        Ok(Value::Object(m)) => {
            let keys: Vec<&str> = m.keys().take(5).collect();
            Problem::ForeignJson(if keys.is_empty() {
                "-".to_string()
            } else {
                keys.join(", ")
            })
        }
        Ok(other) => unknown_schema(&other),
        Err(e) => json_error(&e).problem,
    }
}
