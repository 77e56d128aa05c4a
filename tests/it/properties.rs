//! Property tests of the parser: seeds mutated at random (cuts, insertions of markup and
//! labels, swapped and duplicated lines, random bytes) never make it panic; whatever it
//! returns keeps its guarantees (`check_question`) and re-exports to JSON that reads back
//! equal.

use crate::util::English;
use dossier_core::model::Question;
use dossier_core::parse::{check_question, parse_bytes};
use dossier_core::sample::DOCUMENTS;
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::Index;

/// Pieces of markup, labels and awkward characters worth inserting.
const TOKENS: &[&str] = &[
    "**",
    "*",
    "_",
    "***",
    "<sup>e</sup>",
    "^e",
    "^er",
    "<b>",
    "</i>",
    "<br>",
    "[x](#)",
    "\r\n",
    "\n\n",
    "\n",
    "\t",
    "|",
    "| a | b |\n|---|:-:|\n",
    " : ",
    ":",
    "(",
    ")",
    "#",
    "## ",
    "Auteur : ",
    "**Circonscription :** Loire - A - B",
    "Question écrite n° ",
    "Question au Gouvernement n° 12",
    "Numéro de la question : 4294967296",
    "Numéro de la question : 13 809",
    "Question retirée le : 1er juillet 2025 (a (b)",
    "Réponse publiée au JO le : 31 février 2026, page 99999999999",
    "Date de signalement : 01/13/2026",
    "Erratum de la réponse publié au JO le : 2026-07-01",
    "Texte de la réponse",
    "### Texte de la question\n",
    "## Données clés\n",
    "99999ème législature",
    "\u{feff}",
    "\u{a0}",
    "\u{202f}",
    "é",
    "€",
    "’",
    "\0",
    "&amp;",
    "&#x0;",
    "&#1114112;",
    "&nbsp",
    "<",
    ">",
];

#[derive(Debug, Clone)]
enum Mutation {
    Delete(Index, usize),
    InsertBytes(Index, Vec<u8>),
    InsertToken(Index, Index),
    Truncate(Index),
    DuplicateLine(Index),
    SwapLines(Index, Index),
    SetByte(Index, u8),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<Index>(), 1..200usize).prop_map(|(i, n)| Mutation::Delete(i, n)),
        (any::<Index>(), vec(any::<u8>(), 1..16)).prop_map(|(i, b)| Mutation::InsertBytes(i, b)),
        (any::<Index>(), any::<Index>()).prop_map(|(i, t)| Mutation::InsertToken(i, t)),
        (any::<Index>(), any::<Index>()).prop_map(|(i, t)| Mutation::InsertToken(i, t)),
        any::<Index>().prop_map(Mutation::Truncate),
        any::<Index>().prop_map(Mutation::DuplicateLine),
        (any::<Index>(), any::<Index>()).prop_map(|(a, b)| Mutation::SwapLines(a, b)),
        (any::<Index>(), any::<u8>()).prop_map(|(i, b)| Mutation::SetByte(i, b)),
    ]
}

fn apply(bytes: &mut Vec<u8>, m: &Mutation) {
    let at = |i: &Index, len: usize| if len == 0 { 0 } else { i.index(len + 1) };
    match m {
        Mutation::Delete(i, n) => {
            let start = at(i, bytes.len()).min(bytes.len());
            let end = (start + n).min(bytes.len());
            bytes.drain(start..end);
        }
        Mutation::InsertBytes(i, b) => {
            let pos = at(i, bytes.len());
            bytes.splice(pos..pos, b.iter().copied());
        }
        Mutation::InsertToken(i, t) => {
            let pos = at(i, bytes.len());
            let token = TOKENS[t.index(TOKENS.len())].as_bytes();
            bytes.splice(pos..pos, token.iter().copied());
        }
        Mutation::Truncate(i) => {
            let pos = at(i, bytes.len());
            bytes.truncate(pos);
        }
        Mutation::DuplicateLine(i) | Mutation::SwapLines(i, _) => {
            let mut lines: Vec<Vec<u8>> =
                bytes.split(|&b| b == b'\n').map(<[u8]>::to_vec).collect();
            let a = i.index(lines.len());
            if let Mutation::SwapLines(_, j) = m {
                let b = j.index(lines.len());
                lines.swap(a, b);
            } else {
                let line = lines[a].clone();
                lines.insert(a, line);
            }
            *bytes = lines.join(&b'\n');
        }
        Mutation::SetByte(i, b) => {
            if !bytes.is_empty() {
                let pos = i.index(bytes.len());
                bytes[pos] = *b;
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn mutated_seeds_never_panic_and_round_trip(
        seed in 0..DOCUMENTS.len(),
        mutations in vec(mutation(), 0..10),
    ) {
        let mut bytes = DOCUMENTS[seed].1.as_bytes().to_vec();
        for m in &mutations {
            apply(&mut bytes, m);
        }
        if let Ok(parsed) = parse_bytes(&bytes, "mutated.md") {
            let q = parsed.question;
            if let Err(broken) = check_question(&q) {
                prop_assert!(false, "{}", broken);
            }
            let json = serde_json::to_string(&q).map_err(|e| TestCaseError::fail(e.to_string()))?;
            let back: Question =
                serde_json::from_str(&json).map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert_eq!(back, q);
        }
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in vec(any::<u8>(), 0..2048)) {
        if let Ok(parsed) = parse_bytes(&bytes, "random.txt") {
            if let Err(broken) = check_question(&parsed.question) {
                prop_assert!(false, "{}", broken);
            }
        }
    }

    #[test]
    fn arbitrary_text_never_panics(text in "(?s).{0,600}") {
        let doc = format!("17e législature\nQuestion écrite n° 1\n\nTexte de la question\n\n{text}");
        match parse_bytes(doc.as_bytes(), "text.md") {
            Ok(parsed) => {
                if let Err(broken) = check_question(&parsed.question) {
                    prop_assert!(false, "{}", broken);
                }
            }
            Err(e) => prop_assert!(e.line.is_some(), "{:?}", e),
        }
    }
}

/// The inputs the properties above once broke, spelled out (the shrunk cases are also replayed
/// from `properties.proptest-regressions`).
#[test]
fn cases_the_properties_found() {
    let doc = |text: &str| {
        format!("17e législature\nQuestion écrite n° 1\n\nTexte de la question\n\n{text}")
    };
    let parse = |text: &str| match parse_bytes(doc(text).as_bytes(), "found.md") {
        Ok(parsed) => {
            if let Err(broken) = check_question(&parsed.question) {
                panic!("{text:?}: {broken}");
            }
            parsed
        }
        Err(e) => panic!("{text:?}: {e:?}"),
    };
    // A lone CR (old Mac line ending) is a line break.
    assert_eq!(parse("¡\r!").question.question_text, "¡ !");
    // A BOM inside the text (files concatenated) is dropped.
    assert_eq!(parse("a\u{feff}b").question.question_text, "ab");
    // A table row of nothing but `|` adds no empty line.
    assert_eq!(parse("a\tb\n|").question.question_text, "a | b");
    // Control characters are removed, with a warning on their line.
    let parsed = parse("x\u{1}\r\u{e}y");
    assert_eq!(parsed.question.question_text, "x y");
    assert_eq!(parsed.warnings[0].line, Some(6));
    assert!(parsed.warnings[0]
        .message()
        .contains("2 control characters (NUL, escape, …) removed"));
}
