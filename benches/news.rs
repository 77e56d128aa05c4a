#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]
//! What is new, at scale: `news::compute` (what `dossier news` and the viewer's news window
//! show) over N questions, for a week, a year, and a first import that changed every
//! question, and the viewer's window built from the year's news; each beside a floor
//! measured in the same run: one pass working out every question's deadline and delays
//! (`deadline::timing`), the least any news needs.
//!
//! `cargo bench --bench news` (100,000 questions), or `cargo bench --bench news -- --n
//! 10000 --reps 3`. The corpus is the load bench's, generated once into
//! `target/bench-corpus/<N>/`.

mod common;

use chrono::{Days, NaiveDate};
use common::{corpus_root, load_average, median, size_and_reps};
use dossier::tui::app::NewsShown;
use dossier::tui::panes::Ctx;
use dossier::tui::widgets::theme::Theme;
use dossier_core::deadline::timing;
use dossier_core::i18n::Lang;
use dossier_core::load::{load, LoadOptions};
use dossier_core::news::{self, Change, Imported, Since};
use std::hint::black_box;
use std::path::PathBuf;
use std::time::Duration;

/// The load bench's seed: the benches share the corpus.
const SEED: u64 = 1;

fn corpus(n: usize) -> std::io::Result<PathBuf> {
    let dir = corpus_root().join(n.to_string());
    let wanted = format!(
        "version={} n={n} seed={SEED}\n",
        dossier_corpus::GENERATOR_VERSION
    );
    if std::fs::read_to_string(dir.join(dossier_corpus::MARKER))
        .ok()
        .as_deref()
        == Some(wanted.as_str())
    {
        return Ok(dir);
    }
    if dir.exists() {
        std::fs::remove_dir_all(&dir)?;
    }
    eprintln!("generating {n} questions into {} ...", dir.display());
    dossier_corpus::generate(&dir, n, SEED)?;
    Ok(dir)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (n, reps) = size_and_reps(&args, 100_000, 7);
    let dir = corpus(n).expect("corpus");
    let report = load(&[dir], &LoadOptions::default());
    let questions = &report.questions;
    let current = report.current;
    // The corpus's last day with an event: a week before it has news of every kind.
    let today = questions
        .iter()
        .flat_map(|q| q.events.iter().map(|e| e.date))
        .max()
        .unwrap_or_else(|| NaiveDate::from_ymd_opt(2026, 11, 22).unwrap());
    println!(
        "news over {} questions as of {today} (median of {reps}; load average {})",
        questions.len(),
        load_average()
    );
    let floor = median(reps, || {
        let overdue = questions
            .iter()
            .filter(|q| timing(q, today, current).is_overdue())
            .count();
        black_box(overdue);
    });
    println!(
        "  {:<44} {:>9.2} ms",
        "floor: every question's timing",
        ms(floor)
    );
    let ago = |days: u64| today.checked_sub_days(Days::new(days)).unwrap();
    let mut everything = Imported::default();
    for q in questions {
        everything.add(&q.id, Change::Joined);
    }
    let none = Imported::default();
    let mut year = None;
    let mut first_import = None;
    for (name, from, imported) in [
        ("a week", ago(7), &none),
        ("a year", ago(365), &none),
        (
            "a first import (every question changed)",
            ago(7),
            &everything,
        ),
    ] {
        let mut items = 0;
        let t = median(reps, || {
            let news = news::compute(questions, current, from, today, imported);
            items = news.len();
            if name == "a year" && year.is_none() {
                year = Some(news);
            } else if name.starts_with("a first") && first_import.is_none() {
                first_import = Some(news);
            }
        });
        println!(
            "  {:<44} {:>9.2} ms  ({:.1}x the floor; {items} items)",
            format!("news over {name}"),
            ms(t),
            ms(t) / ms(floor).max(1e-9)
        );
    }
    let theme = Theme::default();
    let ctx = Ctx {
        lang: Lang::Fr,
        theme: &theme,
        today,
    };
    for (name, news) in [
        ("a year's news", year.expect("the year's news")),
        (
            "a first import's",
            first_import.expect("the first import's news"),
        ),
    ] {
        let mut lines = 0;
        let t = median(reps, || {
            // As the viewer takes the news: each group cut, then its lines built once.
            let shown = NewsShown::new(news.clone(), Since::Asked(ago(365)));
            lines = dossier::tui::overlays::news::lines(
                &shown,
                &dossier_core::library::Origin::Sample,
                ctx,
                120,
            )
            .len();
        });
        println!(
            "  {:<44} {:>9.2} ms  ({lines} lines)",
            format!("the viewer's window, {name}, 120 cols"),
            ms(t)
        );
    }
}
