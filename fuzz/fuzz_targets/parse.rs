//! Fuzz target: any bytes through the document parser. It must never panic; whatever it
//! returns must keep the parser's guarantees and survive a JSON round trip.
//!
//! Run from the repository root (see docs/robustness.md):
//! `RUSTC_BOOTSTRAP=1 cargo fuzz run parse fuzz/corpus/parse assets tests/fixtures/variants -- -dict=fuzz/parse.dict`

#![no_main]

use dossier_core::model::Question;
use dossier_core::parse::{check_question, parse_bytes};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(parsed) = parse_bytes(data, "fuzz.md") else {
        return;
    };
    let q = parsed.question;
    if let Err(broken) = check_question(&q) {
        panic!("guarantee broken: {broken}");
    }
    let json = serde_json::to_string(&q).expect("a question serialises");
    let back: Question = serde_json::from_str(&json).expect("its JSON reads back");
    assert_eq!(back, q, "JSON round trip changed the question");
});
