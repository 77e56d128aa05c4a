#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]
//! `cargo bench --bench parse`: criterion micro-benchmarks of parsing one document, in both
//! layouts, with throughput in bytes per second. The documents come from the corpus generator
//! (fixed seed) and from the seeds in `assets/`.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use dossier_core::parse::parse_bytes;
use rayon::prelude::*;
use std::hint::black_box;

/// The first generated documents of each layout, with and without an answer.
fn sample_documents() -> Vec<(String, String)> {
    let docs: Vec<dossier_corpus::Document> = dossier_corpus::documents(200, 1).collect();
    let mut picked = Vec::new();
    for markdown in [true, false] {
        for answered in [true, false] {
            if let Some(d) = docs.iter().find(|d| {
                d.expected.markdown == markdown && d.expected.answer_text.is_empty() != answered
            }) {
                let name = format!(
                    "generated {} {}",
                    if markdown { "markdown" } else { "plain" },
                    if answered { "answered" } else { "unanswered" }
                );
                picked.push((name, d.text.clone()));
            }
        }
    }
    picked
}

fn parse_documents(c: &mut Criterion) {
    let mut group = c.benchmark_group("parse_bytes");
    let mut inputs = sample_documents();
    for name in ["000_ca7e1411996a7a9f.txt", "001_8a016c17cf93605d.txt"] {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("assets")
            .join(name);
        if let Ok(text) = std::fs::read_to_string(&path) {
            inputs.push((format!("seed {name}"), text));
        }
    }
    for (name, text) in &inputs {
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function(name.as_str(), |b| {
            b.iter(|| black_box(parse_bytes(black_box(text.as_bytes()), "bench.txt")))
        });
    }
    group.finish();

    // A thousand documents at once, spread over the cores as the loader does.
    let batch: Vec<String> = dossier_corpus::documents(1000, 2).map(|d| d.text).collect();
    let bytes: usize = batch.iter().map(String::len).sum();
    let mut group = c.benchmark_group("parse_batch");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(20);
    group.bench_function("1000 documents, parallel", |b| {
        b.iter(|| {
            let parsed: Vec<_> = batch
                .par_iter()
                .map(|t| parse_bytes(t.as_bytes(), "bench.txt"))
                .collect();
            black_box(parsed)
        })
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().measurement_time(std::time::Duration::from_secs(3));
    targets = parse_documents
}
criterion_main!(benches);
