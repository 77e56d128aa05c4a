//! `gen_corpus DIR N [--seed S] [--format text|json|zip|mixed]`: writes a synthetic corpus
//! (see the crate's documentation).

use dossier_corpus::{generate_with, Format, Summary, TRUTH};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

const USAGE: &str = "usage: gen_corpus DIR N [--seed S] [--format text|json|zip|mixed]\n\
    Writes N synthetic questions under DIR (which must be empty or absent), deterministic\n\
    from the seed (default 1): text documents (default), open-data JSON files, their zip\n\
    archives, or text and JSON mixed; and DIR/.truth.json, the campaigns, grouped answers\n\
    and same-topic groups planted in the corpus.";

fn parse_args(args: &[String]) -> Result<(PathBuf, usize, u64, Format), String> {
    let mut positional = Vec::new();
    let mut seed = 1u64;
    let mut format = Format::Text;
    let mut i = 0;
    while i < args.len() {
        match args[i].as_str() {
            "--seed" => {
                let value = args.get(i + 1).ok_or("--seed needs a value")?;
                seed = value
                    .parse()
                    .map_err(|_| format!("--seed: '{value}' is not a number"))?;
                i += 2;
            }
            "--format" => {
                let value = args.get(i + 1).ok_or("--format needs a value")?;
                format = Format::from_name(value).ok_or_else(|| {
                    format!("--format: '{value}' is not one of text, json, zip, mixed")
                })?;
                i += 2;
            }
            "-h" | "--help" => return Err(String::new()),
            other => {
                positional.push(other.to_string());
                i += 1;
            }
        }
    }
    let [dir, n] = positional.as_slice() else {
        return Err("expected DIR and N".into());
    };
    let n = n
        .replace('_', "")
        .parse()
        .map_err(|_| format!("N: '{n}' is not a number"))?;
    Ok((PathBuf::from(dir), n, seed, format))
}

/// The summary printed at the end of a run.
fn report(s: &Summary, dir: &Path, format: Format, elapsed: std::time::Duration) -> String {
    let mut out = String::new();
    let pct = |a: usize, b: usize| 100.0 * a as f64 / b.max(1) as f64;
    let _ = writeln!(
        out,
        "wrote {} questions ({:.1} MB) to {} in {:.1?}, format {}",
        s.files,
        s.bytes as f64 / 1e6,
        dir.display(),
        elapsed,
        format.name()
    );
    let _ = writeln!(
        out,
        "  status: {} answered, {} pending, {} withdrawn",
        s.by_status[0], s.by_status[1], s.by_status[2]
    );
    let _ = writeln!(
        out,
        "  forms: {} text ({} markdown, {} plain), {} JSON{}",
        s.text_files,
        s.markdown,
        s.text_files - s.markdown,
        s.json_files,
        if s.acteurs > 0 {
            format!("; AMO: {} acteurs, {} organes", s.acteurs, s.organes)
        } else {
            String::new()
        }
    );
    let _ = writeln!(
        out,
        "  distinct titles: {} ({:.1} %)",
        s.distinct_titles,
        pct(s.distinct_titles, s.files)
    );
    let sizes = &s.campaign_sizes;
    let bucket = |lo: usize, hi: usize| sizes.iter().filter(|&&k| k >= lo && k <= hi).count();
    let _ = writeln!(
        out,
        "  campaigns: {} holding {} questions ({:.1} %); sizes 2: {}, 3: {}, 4: {}, 5-9: {}, \
         10-19: {}, 20-60: {}; median {}, largest {}",
        s.campaigns,
        s.campaign_questions,
        pct(s.campaign_questions, s.files),
        bucket(2, 2),
        bucket(3, 3),
        bucket(4, 4),
        bucket(5, 9),
        bucket(10, 19),
        bucket(20, 60),
        sizes.get(sizes.len() / 2).copied().unwrap_or(0),
        sizes.last().copied().unwrap_or(0)
    );
    let _ = writeln!(
        out,
        "  grouped answers: {} for {} questions ({} of campaigns)",
        s.answer_groups, s.answer_group_questions, s.campaign_answer_groups
    );
    let _ = writeln!(
        out,
        "  same-topic groups: {} holding {} questions",
        s.topic_groups, s.topic_group_questions
    );
    let words: Vec<String> = s
        .word_df
        .iter()
        .map(|(w, df)| format!("{w} {df} ({:.1} %)", pct(*df, s.files)))
        .collect();
    let _ = writeln!(out, "  documents with the word: {}", words.join(", "));
    let _ = write!(out, "  truth: {}", dir.join(TRUTH).display());
    out
}

fn main() -> std::process::ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (dir, n, seed, format) = match parse_args(&args) {
        Ok(parsed) => parsed,
        Err(message) => {
            if !message.is_empty() {
                eprintln!("gen_corpus: {message}");
            }
            eprintln!("{USAGE}");
            return std::process::ExitCode::from(2);
        }
    };
    let started = std::time::Instant::now();
    match generate_with(&dir, n, seed, format) {
        Ok(s) => {
            println!("{}", report(&s, &dir, format, started.elapsed()));
            std::process::ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("gen_corpus: {}: {e}", dir.display());
            std::process::ExitCode::FAILURE
        }
    }
}
