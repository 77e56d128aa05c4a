#![allow(clippy::unwrap_used, clippy::expect_used)]
//! `cargo bench --bench related`: quality and cost of the similarity engine
//! (`dossier_core::related`) on a generated corpus of 100,000 questions, scored against the
//! truth the generator planted (`.truth.json`: campaigns, grouped answers, same-topic groups).
//!
//! Options (after `--`): `--n N` (corpus size, default 100000), `--reps R` (timing rounds,
//! median shown, default 3). The corpus is generated once into `target/bench-corpus/<N>/` (as
//! `benches/load.rs` does, and shared with it) and reused.
//!
//! What it prints:
//! - **Quality**: precision and recall of `similar_text` pairs against the planted campaigns
//!   (a pair is true when both questions are copies of one campaign), the pairs related
//!   within same-topic groups (written separately: false), and where the other false pairs
//!   come from; the distribution of the exact similarity of planted pairs and of same-topic
//!   pairs (what the threshold is chosen from); precision and recall of `same_answer` pairs
//!   against the planted answer groups; the planted campaigns found whole by `campaigns()`.
//! - **Cost**: the time of `compute` beside the time to fold and split every text once
//!   (`text::fold` then a split on non-alphanumerics: the floor of any text comparison), the
//!   time to insert the last 1 % into an index of the rest; the index's bytes beside the
//!   corpus's (target: under 15 %), and the peak resident memory (VmHWM) of a child process
//!   that loads the corpus and computes, minus that of one that only loads.
//! - The pairwise scores of the five Asalée questions of the sample dossier (written
//!   separately: they must not be related by text).

mod common;

use dossier_core::load::{load, load_sample, LoadOptions};
use dossier_core::model::Question;
use dossier_core::related::{
    campaigns, compute, Config, Fingerprint, Reason, RelatedIndex, Relations,
};
use dossier_core::text::fold::fold;
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

/// Seed of the benchmark corpora (the same as `benches/load.rs`, so they share them).
const SEED: u64 = 1;

use common::{corpus_root, load_average, median};

/// The corpus of `n` questions, generated on first use (the same marker as `benches/load.rs`).
fn corpus(n: usize) -> std::io::Result<PathBuf> {
    let dir = corpus_root().join(n.to_string());
    let wanted = format!(
        "version={} n={n} seed={SEED}\n",
        dossier_corpus::GENERATOR_VERSION
    );
    let marker = dir.join(dossier_corpus::MARKER);
    if std::fs::read_to_string(&marker).ok().as_deref() == Some(wanted.as_str()) {
        return Ok(dir);
    }
    if dir.exists() {
        std::fs::remove_dir_all(&dir)?;
    }
    eprintln!("generating {n} questions into {} ...", dir.display());
    dossier_corpus::generate(&dir, n, SEED)?;
    Ok(dir)
}

fn proc_status(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

fn load_dir(dir: &Path) -> Vec<Question> {
    load(&[dir.to_path_buf()], &LoadOptions::default()).questions
}

/// Child mode: load DIR, then (with `compute`) relate its questions; print the peak resident
/// memory after each step.
fn child(dir: &Path, compute_too: bool) -> ! {
    let questions = load_dir(dir);
    let loaded = proc_status("VmHWM:").unwrap_or(0);
    let rss = proc_status("VmRSS:").unwrap_or(0);
    let mut index_bytes = 0;
    if compute_too {
        let mut index = RelatedIndex::new(Config::default());
        index.insert(&questions, 0).unwrap();
        index_bytes = index.size().total();
        black_box(&index);
    }
    println!(
        "loaded={loaded} rss={rss} peak={} index={index_bytes}",
        proc_status("VmHWM:").unwrap_or(0)
    );
    std::process::exit(0)
}

fn run_child(dir: &Path, mode: &str) -> Option<HashMap<String, u64>> {
    let out = Command::new(std::env::current_exe().ok()?)
        .arg(mode)
        .arg(dir)
        .stderr(Stdio::inherit())
        .output()
        .ok()?;
    let text = String::from_utf8_lossy(&out.stdout);
    Some(
        text.split_whitespace()
            .filter_map(|kv| {
                let (k, v) = kv.split_once('=')?;
                Some((k.to_string(), v.parse().ok()?))
            })
            .collect(),
    )
}

/// The planted groups of the truth file, as lists of question indices.
struct Truth {
    campaigns: Vec<Vec<u32>>,
    answer_groups: Vec<Vec<u32>>,
    topic_groups: Vec<Vec<u32>>,
}

fn read_truth(dir: &Path, questions: &[Question]) -> Truth {
    let by_id: HashMap<&str, u32> = questions
        .iter()
        .enumerate()
        .map(|(i, q)| (q.id.as_str(), i as u32))
        .collect();
    let text = std::fs::read_to_string(dir.join(dossier_corpus::TRUTH)).unwrap();
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    let groups = |key: &str| -> Vec<Vec<u32>> {
        v[key]
            .as_array()
            .unwrap()
            .iter()
            .map(|g| {
                let mut m: Vec<u32> = g["questions"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|id| by_id[id.as_str().unwrap()])
                    .collect();
                m.sort_unstable();
                m
            })
            .collect()
    };
    Truth {
        campaigns: groups("campaigns"),
        answer_groups: groups("answer_groups"),
        topic_groups: groups("topic_groups"),
    }
}

/// Group of each question (u32::MAX for none).
fn membership(n: usize, groups: &[Vec<u32>]) -> Vec<u32> {
    let mut of = vec![u32::MAX; n];
    for (g, members) in groups.iter().enumerate() {
        for &m in members {
            of[m as usize] = g as u32;
        }
    }
    of
}

fn all_pairs(groups: &[Vec<u32>]) -> Vec<(u32, u32)> {
    let mut out = Vec::new();
    for g in groups {
        for (i, &a) in g.iter().enumerate() {
            out.extend(g[i + 1..].iter().map(|&b| (a, b)));
        }
    }
    out
}

fn quantile(sorted: &[f32], p: f64) -> f32 {
    if sorted.is_empty() {
        return f32::NAN;
    }
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

/// Precision and recall of the pairs related for `reason` against planted groups.
fn score(
    relations: &Relations,
    reason: Reason,
    planted: &[Vec<u32>],
    n: usize,
) -> (usize, usize, usize) {
    let of = membership(n, planted);
    let (mut reported, mut correct) = (0, 0);
    for (i, j, r) in relations.pairs() {
        if r.reason != reason {
            continue;
        }
        reported += 1;
        let g = of[i as usize];
        correct += usize::from(g != u32::MAX && g == of[j as usize]);
    }
    let total: usize = planted.iter().map(|g| g.len() * (g.len() - 1) / 2).sum();
    (reported, correct, total)
}

fn pct(a: usize, b: usize) -> f64 {
    if b == 0 {
        f64::NAN
    } else {
        a as f64 / b as f64
    }
}

fn run(n: usize, reps: usize) {
    let dir = corpus(n).unwrap();
    let corpus_bytes: u64 = walk_bytes(&dir);
    let config = Config::default();
    println!(
        "config: {}-word shingles, {} bands x {} rows = {} MinHash functions, threshold {}, \
         min_shingles {}",
        config.shingle_words,
        config.bands,
        config.rows,
        config.bands * config.rows,
        config.threshold,
        config.min_shingles
    );
    let questions = load_dir(&dir);
    let n = questions.len();
    let truth = read_truth(&dir, &questions);
    let text_bytes: usize = questions
        .iter()
        .map(|q| q.question_text.len() + q.answer_text.len())
        .sum();
    println!(
        "corpus: {} questions, {:.1} MB of documents, {:.1} MB of question and answer texts; \
         {} campaigns, {} answer groups, {} same-topic groups",
        questions.len(),
        corpus_bytes as f64 / 1e6,
        text_bytes as f64 / 1e6,
        truth.campaigns.len(),
        truth.answer_groups.len(),
        truth.topic_groups.len()
    );

    // ---- Cost: time.
    let floor = median(reps, || {
        let words: usize = questions
            .par_iter()
            .map(|q| {
                let count = |t: &str| {
                    fold(t)
                        .split(|c: char| !c.is_alphanumeric())
                        .filter(|w| !w.is_empty())
                        .count()
                };
                count(&q.question_text) + count(&q.answer_text)
            })
            .sum();
        black_box(words);
    });
    let mut relations = Relations::default();
    let time = median(reps, || relations = compute(&questions, &config));
    let split = n - n / 100;
    let mut index = RelatedIndex::new(config.clone());
    index.insert(&questions[..split], 0).unwrap();
    let base = index.clone();
    let mut times = Vec::new();
    for _ in 0..reps.max(1) {
        index = base.clone();
        let start = Instant::now();
        index.insert(&questions[split..], split).unwrap();
        times.push(start.elapsed());
    }
    times.sort();
    let insert_time = times[times.len() / 2];
    let same = index.relations() == &relations;
    let size = index.size();
    drop(base);

    // ---- Quality: similar text.
    let (reported, correct, total) = score(&relations, Reason::SimilarText, &truth.campaigns, n);
    let campaign_of = membership(n, &truth.campaigns);
    let topic_of = membership(n, &truth.topic_groups);
    let (mut in_topic, mut with_campaign, mut elsewhere) = (0, 0, 0);
    let mut false_examples = Vec::new();
    for (i, j, r) in relations.pairs() {
        if r.reason != Reason::SimilarText {
            continue;
        }
        let (ci, cj) = (campaign_of[i as usize], campaign_of[j as usize]);
        if ci != u32::MAX && ci == cj {
            continue;
        }
        let (ti, tj) = (topic_of[i as usize], topic_of[j as usize]);
        if ti != u32::MAX && ti == tj {
            in_topic += 1;
        } else if ci != u32::MAX || cj != u32::MAX {
            with_campaign += 1;
        } else {
            elsewhere += 1;
        }
        if false_examples.len() < 3 {
            false_examples.push((i, j, r.similarity));
        }
    }
    // Exact similarity of every planted pair: what the threshold is chosen from.
    let wanted: HashSet<u32> = truth
        .campaigns
        .iter()
        .chain(&truth.topic_groups)
        .flatten()
        .copied()
        .collect();
    let fingerprints: HashMap<u32, Fingerprint> = wanted
        .par_iter()
        .map(|&i| (i, Fingerprint::of(&questions[i as usize], &config)))
        .collect();
    let sims = |pairs: &[(u32, u32)]| -> Vec<f32> {
        let mut s: Vec<f32> = pairs
            .par_iter()
            .map(|(a, b)| fingerprints[a].similarity(&fingerprints[b]))
            .collect();
        s.sort_by(f32::total_cmp);
        s
    };
    let campaign_pairs = all_pairs(&truth.campaigns);
    let topic_pairs = all_pairs(&truth.topic_groups);
    let camp = sims(&campaign_pairs);
    let topic = sims(&topic_pairs);
    let above_threshold = camp.iter().filter(|&&s| s >= config.threshold).count();
    let found_whole = {
        let found: HashSet<Vec<u32>> = campaigns(&relations).into_iter().collect();
        truth
            .campaigns
            .iter()
            .filter(|c| found.contains(*c))
            .count()
    };

    println!("\n## similar_text (campaigns)\n");
    println!(
        "precision {:.4} ({correct} of {reported} pairs)   target >= 0.98",
        pct(correct, reported)
    );
    println!(
        "recall    {:.4} ({correct} of {total} planted pairs)   target >= 0.95",
        pct(correct, total)
    );
    println!(
        "  of which LSH recall {:.4} (pairs found among the {above_threshold} planted pairs at \
         or above the threshold)",
        pct(correct, above_threshold)
    );
    println!(
        "false pairs: {in_topic} within same-topic groups (of {} same-topic pairs), \
         {with_campaign} between a campaign copy and another question, {elsewhere} elsewhere",
        topic_pairs.len()
    );
    for (i, j, s) in &false_examples {
        println!(
            "  e.g. {} ~ {} at {s:.3}",
            questions[*i as usize].id, questions[*j as usize].id
        );
    }
    println!(
        "planted campaigns found whole by campaigns(): {found_whole} of {}",
        truth.campaigns.len()
    );
    // The planted pairs missed, by the edits of their two copies (from the generator's
    // `campaign_edits`, regenerated in memory: the truth file does not hold them).
    let edits: HashMap<String, Vec<&'static str>> = dossier_corpus::documents(n, SEED)
        .map(|d| (d.expected.id, d.expected.campaign_edits))
        .collect();
    let found: HashSet<(u32, u32)> = relations
        .pairs()
        .filter(|p| p.2.reason == Reason::SimilarText)
        .map(|p| (p.0, p.1))
        .collect();
    let mut missed_by_edit: HashMap<&str, (usize, usize)> = HashMap::new();
    for &(a, b) in &all_pairs(&truth.campaigns) {
        let missed = !found.contains(&(a, b));
        let mut kinds: Vec<&str> = [a, b]
            .iter()
            .flat_map(|&q| edits[&questions[q as usize].id].iter().copied())
            .filter(|e| *e != "author")
            .collect();
        kinds.sort_unstable();
        kinds.dedup();
        for k in kinds {
            let e = missed_by_edit.entry(k).or_default();
            e.0 += 1;
            e.1 += usize::from(missed);
        }
    }
    let mut rows: Vec<_> = missed_by_edit.into_iter().collect();
    rows.sort();
    println!("planted pairs where one copy or both made an edit (besides the author's):");
    for (edit, (pairs, missed)) in rows {
        println!(
            "  {edit:<18} {pairs:>6} pairs, {missed:>5} missed ({:.2} %)",
            100.0 * pct(missed, pairs)
        );
    }
    println!("\nexact similarity (Jaccard of 3-word shingles) of planted pairs:");
    println!("| pairs | count | min | 0.1% | 1% | 5% | median | 99% | 99.9% | max |");
    println!("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (name, s) in [("campaign copies", &camp), ("same topic, separate", &topic)] {
        println!(
            "| {name} | {} | {:.3} | {:.3} | {:.3} | {:.3} | {:.3} | {:.3} | {:.3} | {:.3} |",
            s.len(),
            quantile(s, 0.0),
            quantile(s, 0.001),
            quantile(s, 0.01),
            quantile(s, 0.05),
            quantile(s, 0.5),
            quantile(s, 0.99),
            quantile(s, 0.999),
            quantile(s, 1.0)
        );
    }
    println!("\n| threshold | campaign pairs below | same-topic pairs at or above |");
    println!("|---:|---:|---:|");
    for t in [0.15f32, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5] {
        println!(
            "| {t:.2} | {:.4} | {} |",
            pct(camp.iter().filter(|&&s| s < t).count(), camp.len()),
            topic.iter().filter(|&&s| s >= t).count()
        );
    }

    // The shingle size, from the same pairs: how far apart the two distributions are.
    println!("\nother shingle sizes (same pairs; the separation is the gap between the columns):");
    println!("| words per shingle | campaign 1% | campaign 5% | campaign median | same-topic 99% | same-topic 99.9% | same-topic max |");
    println!("|---:|---:|---:|---:|---:|---:|---:|");
    for k in 2..=5 {
        let cfg = Config {
            shingle_words: k,
            ..config.clone()
        };
        let fps: HashMap<u32, Fingerprint> = wanted
            .par_iter()
            .map(|&i| (i, Fingerprint::of(&questions[i as usize], &cfg)))
            .collect();
        let sims = |pairs: &[(u32, u32)]| -> Vec<f32> {
            let mut s: Vec<f32> = pairs
                .par_iter()
                .map(|(a, b)| fps[a].similarity(&fps[b]))
                .collect();
            s.sort_by(f32::total_cmp);
            s
        };
        let (c, t) = (sims(&campaign_pairs), sims(&topic_pairs));
        println!(
            "| {k} | {:.3} | {:.3} | {:.3} | {:.3} | {:.3} | {:.3} |",
            quantile(&c, 0.01),
            quantile(&c, 0.05),
            quantile(&c, 0.5),
            quantile(&t, 0.99),
            quantile(&t, 0.999),
            quantile(&t, 1.0)
        );
    }

    // ---- Quality: same answer.
    let (reported, correct, total) = score(&relations, Reason::SameAnswer, &truth.answer_groups, n);
    println!("\n## same_answer (grouped answers)\n");
    println!(
        "precision {:.4} ({correct} of {reported} pairs), recall {:.4} ({correct} of {total})",
        pct(correct, reported),
        pct(correct, total)
    );

    // ---- Cost.
    println!("\n## cost\n");
    println!(
        "| figure | value | floor or target | ratio |\n|---|---:|---|---:|\n\
         | compute, {n} questions | {:.0} ms | {:.0} ms (fold + split every question and answer \
         text once) | {:.2}x |\n| target | | 3000 ms | {:.2}x |",
        time.as_secs_f64() * 1e3,
        floor.as_secs_f64() * 1e3,
        time.as_secs_f64() / floor.as_secs_f64(),
        time.as_secs_f64() / 3.0
    );
    println!(
        "| insert the last {} into an index of {split} | {:.0} ms | {:.0} ms (compute) | {:.3}x |",
        n - split,
        insert_time.as_secs_f64() * 1e3,
        time.as_secs_f64() * 1e3,
        insert_time.as_secs_f64() / time.as_secs_f64()
    );
    let mb = |b: usize| b as f64 / 1e6;
    println!(
        "| index bytes | {:.1} MB | {:.1} MB (15 % of the {:.1} MB corpus) | {:.3}x of corpus |",
        mb(size.total()),
        corpus_bytes as f64 * 0.15 / 1e6,
        corpus_bytes as f64 / 1e6,
        size.total() as f64 / corpus_bytes as f64
    );
    println!(
        "|   band keys / shingles / offsets / answers / relations | {:.1} / {:.1} / {:.1} / {:.1} \
         / {:.1} MB | {:.1} MB (question and answer texts) | |",
        mb(size.band_keys),
        mb(size.shingles),
        mb(size.offsets),
        mb(size.answers),
        mb(size.relations),
        mb(text_bytes)
    );
    if let (Some(l), Some(c)) = (
        run_child(&dir, "--child-load"),
        run_child(&dir, "--child-compute"),
    ) {
        let peak_load = l["peak"];
        let peak = c["peak"];
        println!(
            "| peak resident (VmHWM), load then compute | {:.1} MB | {:.1} MB (load alone) | \
             +{:.1} MB = {:.3}x of corpus |",
            peak as f64 / 1e6,
            peak_load as f64 / 1e6,
            (peak as f64 - peak_load as f64) / 1e6,
            (peak as f64 - peak_load as f64) / corpus_bytes as f64
        );
        println!(
            "| peak resident of compute over the resident set after load | {:.1} MB | | |",
            (peak as f64 - c["rss"] as f64) / 1e6
        );
    }
    println!(
        "\nincremental insert gives the same relations as compute: {}",
        if same { "yes" } else { "NO" }
    );
}

fn walk_bytes(dir: &Path) -> u64 {
    let mut total = 0;
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let path = e.path();
            let name = e.file_name();
            if name.to_string_lossy().starts_with('.') {
                continue;
            }
            match e.file_type() {
                Ok(t) if t.is_dir() => stack.push(path),
                Ok(t) if t.is_file() => total += e.metadata().map_or(0, |m| m.len()),
                _ => {}
            }
        }
    }
    total
}

fn sample() {
    let questions = load_sample().questions;
    let config = Config::default();
    let relations = compute(&questions, &config);
    let fps: Vec<Fingerprint> = questions
        .iter()
        .map(|q| Fingerprint::of(q, &config))
        .collect();
    println!("\n## the sample dossier's five Asalée questions (written separately)\n");
    print!("| |");
    for q in &questions {
        print!(" {} |", q.id);
    }
    println!("\n|---|{}", "---:|".repeat(questions.len()));
    for (i, q) in questions.iter().enumerate() {
        print!("| {} ({} shingles) |", q.id, fps[i].len());
        for fj in &fps {
            print!(" {:.3} |", fps[i].similarity(fj));
        }
        println!();
    }
    let by_text = relations
        .pairs()
        .filter(|p| p.2.reason == Reason::SimilarText)
        .count();
    println!(
        "\npairs related by text: {by_text} (threshold {}); by answer: {}",
        config.threshold,
        relations
            .pairs()
            .filter(|p| p.2.reason == Reason::SameAnswer)
            .count()
    );
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match (args.first().map(String::as_str), args.get(1)) {
        (Some("--child-load"), Some(dir)) => child(Path::new(dir), false),
        (Some("--child-compute"), Some(dir)) => child(Path::new(dir), true),
        _ => {}
    }
    let (n, reps) = common::size_and_reps(&args, 100_000, 3);
    println!(
        "dossier related benchmark: {} CPU(s), {} rayon threads, {reps} round(s) per timing \
         (median), load average {} at the start",
        std::thread::available_parallelism().map_or(0, |n| n.get()),
        rayon::current_num_threads(),
        load_average()
    );
    run(n, reps);
    sample();
    println!("\nload average at the end: {}", load_average());
}
