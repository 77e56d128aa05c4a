//! Fuzz target: any bytes through the loader's reading of one document, its format told by
//! content as `dossier` does (text, saved HTML pages, open-data JSON and XML, the site XML,
//! AMO records, single-file archives). The first byte picks the file name the bytes are read
//! under, since a name decides how a text of unknown form is read. It must never panic, and
//! every question it gives must keep the parsers' guarantees.
//!
//! Run from the repository root (see docs/robustness.md):
//! `RUSTC_BOOTSTRAP=1 cargo fuzz run read fuzz/corpus/read assets tests/fixtures -- -dict=fuzz/parse.dict`

#![no_main]

use dossier_core::parse::check_question;
use dossier_core::source::read_bytes;
use libfuzzer_sys::fuzz_target;

const NAMES: [&str; 5] = ["q.txt", "q.html", "q.json", "q.xml", "q"];

fuzz_target!(|data: &[u8]| {
    let Some((&pick, bytes)) = data.split_first() else {
        return;
    };
    let read = read_bytes(NAMES[usize::from(pick) % NAMES.len()], bytes);
    for q in &read.questions {
        if let Err(broken) = check_question(q) {
            panic!("guarantee broken: {broken}");
        }
    }
});
