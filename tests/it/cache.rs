//! The cache between runs: a second load takes unchanged files from it and gives exactly
//! what parsing gives; a changed, added or removed file is seen; a damaged, truncated or
//! foreign cache is ignored with a warning, never trusted, never a panic; `--no-cache`
//! neither reads nor writes it.

use crate::util::{copy_assets, stderr, stdout, Sandbox};
use dossier_core::cache::Cache;
use dossier_core::load::{load, LoadOptions, LoadReport};
use dossier_core::parse::diagnostic::Severity;
use dossier_core::parse::problem::{CacheReason, Problem};
use dossier_core::query::words::WordIndex;
use proptest::prelude::*;
use std::path::{Path, PathBuf};

fn load_with(dir: &Path, cache: Option<&Cache>) -> LoadReport {
    load(
        &[dir.to_path_buf()],
        &LoadOptions {
            cache,
            ..LoadOptions::default()
        },
    )
}

/// A dossier folder with the five seeds and a few generated questions (both layouts), a
/// file that is no question and one with a warning, and an empty cache beside it.
fn dossier() -> (Sandbox, PathBuf, Cache) {
    let s = Sandbox::new();
    let dir = s.path("dossier");
    copy_assets(&dir);
    let docs: Vec<dossier_corpus::Document> =
        rayon::iter::ParallelIterator::collect(dossier_corpus::documents(40, 5));
    for (i, d) in docs.iter().enumerate() {
        let name = d.path.file_name().unwrap().to_string_lossy().into_owned();
        std::fs::write(dir.join(format!("g{i}-{name}")), &d.text).unwrap();
    }
    std::fs::write(dir.join("notes.md"), "Compte rendu\n\nRien.\n").unwrap();
    std::fs::write(
        dir.join("glued.txt"),
        "17e législature\n\nQuestion écrite n° 4242\n\nDonnées clés\n\nAuteur : Mme A\n\n\
         Question publiée au JO le : 3 mars 2026, page 2651Date de signalement : 5 mai 2026\n",
    )
    .unwrap();
    let cache = Cache::at(&s.path("cache"));
    (s, dir, cache)
}

/// Loads with the cache and writes it, as the commands do.
fn load_and_store(dir: &Path, cache: &Cache) -> LoadReport {
    let report = load_with(dir, Some(cache));
    let ticket = report.cache.as_ref().expect("a ticket");
    if ticket.needs_store(true, true) {
        let words = WordIndex::build(&report.questions);
        let related = dossier_core::related::RelatedSet::build(
            &report.questions,
            &dossier_core::related::Config::default(),
        );
        cache
            .store(
                ticket,
                &report.questions,
                Some(&words),
                Some(&related.to_stored()),
            )
            .unwrap();
    }
    report
}

fn same_outcome(a: &LoadReport, b: &LoadReport) {
    assert_eq!(a.questions, b.questions);
    let said = |r: &LoadReport| {
        r.diagnostics
            .iter()
            .filter(|d| !matches!(d.problem, Problem::CacheIgnored(_)))
            .cloned()
            .collect::<Vec<_>>()
    };
    assert_eq!(said(a), said(b));
    assert_eq!(a.files_skipped, b.files_skipped);
}

#[test]
fn a_second_load_takes_every_unchanged_file_from_the_cache_and_gives_the_same() {
    let (_s, dir, cache) = dossier();
    let plain = load_with(&dir, None);
    let first = load_and_store(&dir, &cache);
    assert_eq!(first.files_cached, 0);
    same_outcome(&first, &plain);
    let second = load_with(&dir, Some(&cache));
    assert_eq!(
        second.files_cached, second.files_read,
        "every file from the cache"
    );
    assert_eq!(second.bytes_read, 0, "no document read");
    same_outcome(&second, &plain);
    let ticket = second.cache.as_ref().unwrap();
    assert!(ticket.fresh && !ticket.needs_store(true, true));
    // The related questions too, as found.
    let related = second.related.as_ref().expect("the cached relations");
    let found = dossier_core::related::compute(
        &second.questions,
        &dossier_core::related::Config::default(),
    );
    assert_eq!(related.relations, found);
    // The word index came back too, for the same questions.
    let words = second.words.as_ref().expect("the cached word index");
    let fresh = WordIndex::build(&second.questions);
    for typed in ["asalee", "sante", "retraite", "loire", "asalle"] {
        let mut a = words.lookup(typed);
        let mut b = fresh.lookup(typed);
        a.sort();
        b.sort();
        assert_eq!(a, b, "{typed}");
    }
    // Warnings and refusals are remembered with their files.
    assert!(second
        .diagnostics
        .iter()
        .any(|d| matches!(d.problem, Problem::TextAfterDate { .. })));
    assert!(second
        .diagnostics
        .iter()
        .any(|d| d.severity == Severity::Skipped && d.path.ends_with("notes.md")));
}

#[test]
fn changed_added_and_removed_files_are_seen() {
    let (_s, dir, cache) = dossier();
    load_and_store(&dir, &cache);
    let changed = dir.join("000_ca7e1411996a7a9f.txt");
    let text = std::fs::read_to_string(&changed).unwrap();
    std::fs::write(&changed, text.replace("Bonnet", "Bonnat")).unwrap();
    std::fs::remove_file(dir.join("002_eb32264c33876689.txt")).unwrap();
    std::fs::write(
        dir.join("new.txt"),
        "17e législature\n\nQuestion écrite n° 777\n\nDonnées clés\n\nAuteur : M. Neuf\n\n\
         Question publiée au JO le : 3 mars 2026\n",
    )
    .unwrap();
    let report = load_with(&dir, Some(&cache));
    same_outcome(&report, &load_with(&dir, None));
    assert_eq!(
        report.files_cached,
        report.files_read - 2,
        "the changed and new ones read"
    );
    assert!(
        report.words.is_none(),
        "an index of other questions is not used"
    );
    let ids: Vec<&str> = report.questions.iter().map(|q| q.id.as_str()).collect();
    assert!(ids.contains(&"17-777QE") && !ids.contains(&"17-13811QE"));
    let bonnet = report
        .questions
        .iter()
        .find(|q| q.id == "17-13809QE")
        .unwrap();
    assert!(bonnet.author.contains("Bonnat"));
    assert!(report.cache.as_ref().unwrap().needs_store(false, false));
}

#[test]
fn the_cache_follows_the_folder_not_the_way_it_was_named() {
    let (s, dir, cache) = dossier();
    load_and_store(&dir, &cache);
    // The same folder by another path: its questions say where they are now.
    let other = s.dir.path().join("./dossier/../dossier");
    let report = load_with(&other, Some(&cache));
    assert_eq!(report.files_cached, report.files_read);
    assert!(report
        .questions
        .iter()
        .all(|q| q.source.starts_with(&other.display().to_string())));
    same_outcome(&report, &load_with(&other, None));
}

fn cache_file(cache: &Cache) -> PathBuf {
    let files: Vec<PathBuf> = std::fs::read_dir(cache.dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "bin"))
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    files[0].clone()
}

fn ignored(report: &LoadReport) -> Option<CacheReason> {
    report.diagnostics.iter().find_map(|d| match &d.problem {
        Problem::CacheIgnored(why) => Some(why.clone()),
        _ => None,
    })
}

#[test]
fn a_damaged_truncated_or_foreign_cache_is_ignored_with_a_warning() {
    let (_s, dir, cache) = dossier();
    load_and_store(&dir, &cache);
    let file = cache_file(&cache);
    let good = std::fs::read(&file).unwrap();
    let plain = load_with(&dir, None);

    let mut flipped = good.clone();
    let middle = flipped.len() / 2;
    flipped[middle] ^= 0x55;
    std::fs::write(&file, &flipped).unwrap();
    let report = load_with(&dir, Some(&cache));
    assert!(
        matches!(ignored(&report), Some(CacheReason::Damaged(_))),
        "{:?}",
        ignored(&report)
    );
    assert_eq!(report.files_cached, 0);
    same_outcome(&report, &plain);

    std::fs::write(&file, &good[..good.len() / 3]).unwrap();
    let report = load_with(&dir, Some(&cache));
    assert!(matches!(ignored(&report), Some(CacheReason::Damaged(_))));
    same_outcome(&report, &plain);

    let mut other = good.clone();
    other[8] = other[8].wrapping_add(1);
    std::fs::write(&file, &other).unwrap();
    let report = load_with(&dir, Some(&cache));
    assert_eq!(ignored(&report), Some(CacheReason::OtherVersion));
    same_outcome(&report, &plain);

    // Once rewritten, it is trusted again.
    load_and_store(&dir, &cache);
    let report = load_with(&dir, Some(&cache));
    assert_eq!(ignored(&report), None);
    assert_eq!(report.files_cached, report.files_read);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// Whatever bytes of the cache change, or however it is cut, a load never panics and
    /// gives what parsing gives.
    #[test]
    fn no_damage_to_the_cache_changes_what_a_load_gives(
        edits in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8),
        cut in proptest::option::of(any::<prop::sample::Index>()),
    ) {
        let (_s, dir, cache) = dossier();
        load_and_store(&dir, &cache);
        let file = cache_file(&cache);
        let mut bytes = std::fs::read(&file).unwrap();
        for (at, value) in edits {
            let i = at.index(bytes.len());
            bytes[i] = value;
        }
        if let Some(cut) = cut {
            bytes.truncate(cut.index(bytes.len()));
        }
        std::fs::write(&file, &bytes).unwrap();
        let report = load_with(&dir, Some(&cache));
        let plain = load_with(&dir, None);
        prop_assert_eq!(&report.questions, &plain.questions);
    }
}

#[test]
fn the_commands_write_the_cache_and_no_cache_bypasses_it() {
    let s = Sandbox::new();
    let dir = s.path("d");
    copy_assets(&dir);
    let d = dir.to_str().unwrap();
    let cache_dir = s.path("cache/dossier");
    let out = s.run(&["--no-cache", "check", d]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!cache_dir.exists(), "--no-cache writes nothing");
    let first = s.ok(&["--lang", "en", "check", d]);
    assert!(cache_dir.exists());
    let second = s.ok(&["--lang", "en", "check", d]);
    assert_eq!(first, second);
    // A cache that cannot be written is said, and the command still succeeds.
    std::fs::remove_dir_all(&cache_dir).unwrap();
    std::fs::write(&cache_dir, "not a folder").unwrap();
    let out = s.run(&["--lang", "en", "check", d]);
    assert!(out.status.success());
    assert!(
        stderr(&out).contains("cache not written"),
        "{}",
        stderr(&out)
    );
    assert_eq!(stdout(&out), first);
}
