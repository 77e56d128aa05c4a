//! Property tests of the open-data and HTML readers: the fixtures (and the real AN files when
//! `shared/` is there) mutated at random, byte-wise and structurally, never make a reader
//! panic, and every question a reader returns keeps the parser's guarantees
//! (`check_question`).

use dossier_core::limits::ZipLimits;
use dossier_core::parse::check_question;
use dossier_core::parse::html::parse_html;
use dossier_core::parse::opendata::{
    for_each_legacy_question, for_each_zip_entry, parse_amo_json, parse_question_json,
    parse_question_xml, sniff,
};
use dossier_core::parse::{LineMessage, Parsed};
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::Index;
use serde_json::Value;
use std::io::{Cursor, Write};
use std::ops::ControlFlow;
use std::path::Path;
use std::sync::LazyLock;

/// Every fixture, and the real files when `shared/` is there.
static INPUTS: LazyLock<Vec<Vec<u8>>> = LazyLock::new(|| {
    let mut dirs = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/opendata")];
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/opendata");
    if shared.is_dir() {
        dirs.push(shared.join("pages"));
        dirs.push(shared);
    } else {
        eprintln!(
            "SKIPPED: /work/shared/opendata not found: only the project's fixtures are mutated"
        );
    }
    let mut inputs = Vec::new();
    for dir in dirs {
        let mut names: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.is_file() && p.extension().is_none_or(|e| e != "md"))
            .collect();
        names.sort();
        inputs.extend(names.iter().map(|p| std::fs::read(p).unwrap()));
    }
    inputs
});

fn checked(result: Result<Parsed, LineMessage>) {
    if let Ok(p) = result {
        if let Err(e) = check_question(&p.question) {
            panic!("check_question: {e}\n{:#?}", p.question);
        }
    }
}

/// Every reader on the same bytes, whatever they hold.
fn read_all_ways(bytes: &[u8]) {
    let _ = sniff("x", bytes);
    checked(parse_question_json(bytes, "x.json"));
    checked(parse_question_xml(bytes, "x.xml"));
    checked(parse_html(bytes, "x.html"));
    let _ = parse_amo_json(bytes);
    let _ = for_each_legacy_question(Cursor::new(bytes), "x", |r| {
        checked(r);
        ControlFlow::Continue(())
    });
}

/// Pieces that matter to the readers: JSON and XML syntax, nil forms, markup, entities,
/// invisible characters.
const PIECES: &[&str] = &[
    "\"",
    "{",
    "}",
    "[",
    "]",
    ",",
    ":",
    "<",
    ">",
    "</",
    "/>",
    "&",
    ";",
    "null",
    "{}",
    "12",
    "{\"@xsi:nil\": \"true\"}",
    "[{}, null]",
    "</p>",
    "<p>",
    "<br>",
    "<b>",
    "</i>",
    "<i>",
    "<strong>",
    "&amp;",
    "&#0;",
    "&#x110000;",
    "&nbsp;",
    "&eacute;",
    "\u{feff}",
    "\r",
    "\n\n\n",
    "\0",
    "\u{202f}",
    "é",
    "<![CDATA[",
    "]]>",
    "<!--",
    "-->",
    "xsi:nil=\"true\"",
    "2026-02-30",
    "31/12/2026",
    "QANR5L17QE",
    "<question>",
    "</question>",
    "\"texte\": \"<b>x",
];

#[derive(Debug, Clone)]
enum Mutation {
    Cut(Index),
    Flip(Index, u8),
    Insert(Index, Vec<u8>),
    Piece(Index, Index),
    Remove(Index, u8),
    Repeat(Index, u8),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        any::<Index>().prop_map(Mutation::Cut),
        (any::<Index>(), any::<u8>()).prop_map(|(i, b)| Mutation::Flip(i, b)),
        (any::<Index>(), vec(any::<u8>(), 1..8)).prop_map(|(i, b)| Mutation::Insert(i, b)),
        (any::<Index>(), any::<Index>()).prop_map(|(i, p)| Mutation::Piece(i, p)),
        (any::<Index>(), any::<u8>()).prop_map(|(i, n)| Mutation::Remove(i, n)),
        (any::<Index>(), any::<u8>()).prop_map(|(i, n)| Mutation::Repeat(i, n)),
    ]
}

fn apply(bytes: &mut Vec<u8>, m: &Mutation) {
    let len = bytes.len().max(1);
    match m {
        Mutation::Cut(i) => bytes.truncate(i.index(len)),
        Mutation::Flip(i, b) => {
            if !bytes.is_empty() {
                let at = i.index(bytes.len());
                bytes[at] ^= b | 1;
            }
        }
        Mutation::Insert(i, b) => {
            let at = i.index(bytes.len() + 1);
            bytes.splice(at..at, b.iter().copied());
        }
        Mutation::Piece(i, p) => {
            let at = i.index(bytes.len() + 1);
            let piece = PIECES[p.index(PIECES.len())].as_bytes();
            bytes.splice(at..at, piece.iter().copied());
        }
        Mutation::Remove(i, n) => {
            let at = i.index(bytes.len() + 1);
            let end = (at + *n as usize).min(bytes.len());
            bytes.drain(at..end);
        }
        Mutation::Repeat(i, n) => {
            let at = i.index(bytes.len() + 1);
            let end = (at + *n as usize).min(bytes.len());
            let slice = bytes[at..end].to_vec();
            bytes.splice(at..at, slice);
        }
    }
}

/// Replacements for one node of a question's JSON: the nil forms, wrong types, the list form
/// of an object, markup in a string.
fn replacement(choice: u8, old: &Value) -> Value {
    match choice % 9 {
        0 => Value::Null,
        1 => serde_json::json!({}),
        2 => {
            serde_json::json!({"@xmlns:xsi": "http://www.w3.org/2001/XMLSchema-instance", "@xsi:nil": "true"})
        }
        3 => serde_json::json!(12),
        4 => Value::Array(vec![old.clone(), old.clone()]),
        5 => Value::String("</p><b>Gras <i>et &eacute;</b> fin</i>\r\n\n\n&#0;".into()),
        6 => Value::String("31/02/2026".into()),
        7 => serde_json::json!([]),
        _ => serde_json::json!({"#text": "PA1", "@xsi:type": "x"}),
    }
}

/// Replaces the node at position `target` (in depth-first order) of `v`.
fn replace_nth(v: &mut Value, target: &mut usize, choice: u8) -> bool {
    if *target == 0 {
        *v = replacement(choice, v);
        return true;
    }
    *target -= 1;
    match v {
        Value::Object(m) => m.values_mut().any(|x| replace_nth(x, target, choice)),
        Value::Array(a) => a.iter_mut().any(|x| replace_nth(x, target, choice)),
        _ => false,
    }
}

fn count_nodes(v: &Value) -> usize {
    1 + match v {
        Value::Object(m) => m.values().map(count_nodes).sum(),
        Value::Array(a) => a.iter().map(count_nodes).sum(),
        _ => 0,
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn mutated_bytes_never_panic(which in any::<Index>(), mutations in vec(mutation(), 1..6)) {
        let mut bytes = INPUTS[which.index(INPUTS.len())].clone();
        for m in &mutations {
            apply(&mut bytes, m);
        }
        read_all_ways(&bytes);
    }

    #[test]
    fn mutated_json_structure_keeps_the_guarantees(
        which in any::<Index>(),
        edits in vec((any::<Index>(), any::<u8>()), 1..5),
    ) {
        let Some(mut root) = INPUTS
            .iter()
            .cycle()
            .skip(which.index(INPUTS.len()))
            .take(INPUTS.len())
            .find_map(|b| serde_json::from_slice::<Value>(b).ok().filter(|v| v.get("question").is_some() || v.get("acteur").is_some()))
        else {
            return Ok(());
        };
        for (at, choice) in &edits {
            let mut target = at.index(count_nodes(&root));
            if target == 0 {
                target = 1;
            }
            replace_nth(&mut root, &mut target, *choice);
        }
        let bytes = serde_json::to_vec(&root).unwrap();
        checked(parse_question_json(&bytes, "x.json"));
        let _ = parse_amo_json(&bytes);
        let legacy = serde_json::to_vec(&serde_json::json!({"questionsEcrites": {"question": [root.get("question")]}})).unwrap();
        let _ = for_each_legacy_question(Cursor::new(legacy), "x", |r| {
            checked(r);
            ControlFlow::Continue(())
        });
    }

    #[test]
    fn mutated_zip_archives_never_panic(mutations in vec(mutation(), 1..4)) {
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for (i, input) in INPUTS.iter().take(4).enumerate() {
            let method = if i % 2 == 0 { zip::CompressionMethod::Stored } else { zip::CompressionMethod::Deflated };
            w.start_file(format!("json/{i}.json"), zip::write::SimpleFileOptions::default().compression_method(method)).unwrap();
            w.write_all(input).unwrap();
        }
        let mut bytes = w.finish().unwrap().into_inner();
        for m in &mutations {
            apply(&mut bytes, m);
        }
        let limits = ZipLimits { max_entry_bytes: 1 << 20, max_total_bytes: 1 << 22, ..ZipLimits::default() };
        let _ = for_each_zip_entry(Cursor::new(&bytes), &limits, |_, r| {
            if let Ok(b) = r {
                read_all_ways(&b);
            }
            ControlFlow::Continue(())
        });
    }
}
