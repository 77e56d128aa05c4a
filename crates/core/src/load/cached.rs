//! Taking from the cache the outcomes of the files unchanged since it was written: each file
//! stat'ed and matched to its entry, the sections holding them read in parallel.

use super::{Discovery, Known, Names, Outcomes};
use crate::cache::{Cache, CacheIndex, CachedEntry, CachedOutcome, FileKey};
use crate::model::Question;
use crate::parse::diagnostic::Diagnostic;
use crate::parse::problem::Problem;
use crate::query::words::WordIndex;
use crate::sections::Unused;
use rayon::prelude::*;

/// Which cached entry stands for each file found, when the file is unchanged since.
fn match_cache(
    index: &CacheIndex,
    discovery: &Discovery,
    rels: &[Option<String>],
    keys: &[Option<FileKey>],
) -> Vec<Option<usize>> {
    let entries = index.entries();
    let same = |i: usize, e: &CachedEntry| {
        keys.get(i).copied().flatten() == Some(e.key)
            && e.root == discovery.origin[i]
            && rels[i].as_deref() == Some(e.rel.as_str())
    };
    // Most loads find the files of the last one, in the same order: matched by position,
    // and by path only where that fails.
    let mut hits: Vec<Option<usize>> = (0..discovery.files.len())
        .map(|i| entries.get(i).filter(|e| same(i, e)).map(|_| i))
        .collect();
    if hits.iter().any(Option::is_none) {
        let mut by_path: foldhash::HashMap<(u32, &str), usize> = Default::default();
        for (j, e) in entries.iter().enumerate() {
            by_path.insert((e.root, e.rel.as_str()), j);
        }
        for (i, hit) in hits.iter_mut().enumerate() {
            if hit.is_some() {
                continue;
            }
            let Some(rel) = rels[i].as_deref() else {
                continue;
            };
            if let Some(&j) = by_path.get(&(discovery.origin[i], rel)) {
                if same(i, &entries[j]) {
                    *hit = Some(j);
                }
            }
        }
    }
    hits
}

/// A cached outcome as the file's own: its question and diagnostics say where it is now.
fn adopt(outcome: CachedOutcome, shown: &str) -> (Option<Question>, Vec<Diagnostic>) {
    let question = outcome.question.map(|mut q| {
        q.source = shown.to_string();
        q
    });
    let said = outcome
        .said
        .into_iter()
        .map(|mut d| {
            d.path = shown.to_string();
            d
        })
        .collect();
    (question, said)
}

/// What the cache gave.
pub(super) struct Cached {
    /// For each file, the cache entry its outcome was taken from.
    pub(super) hits: Vec<Option<usize>>,
    /// The cache holds exactly these files, unchanged.
    pub(super) fresh: bool,
    /// The word index and the related questions it holds, when fresh.
    pub(super) words: Option<WordIndex>,
    pub(super) related: Option<crate::related::Stored>,
    /// Why it was not (wholly) used, as a warning.
    pub(super) note: Option<Diagnostic>,
}

impl Cached {
    pub(super) fn nothing(files: usize) -> Cached {
        Cached {
            hits: vec![None; files],
            fresh: false,
            words: None,
            related: None,
            note: None,
        }
    }

    /// Files taken from the cache.
    pub(super) fn count(&self) -> usize {
        self.hits.iter().filter(|h| h.is_some()).count()
    }
}

/// Opens the cache of these roots (its directory, a few megabytes), stats every file to
/// trust it or not, and takes the outcomes of the unchanged ones into their slots. Without a
/// cache there is no stat: reading a file tells its key.
pub(super) fn take_cached(
    cache: &Cache,
    discovery: &Discovery,
    names: &Names,
    out: &mut Outcomes,
) -> Cached {
    let mut cached = Cached::nothing(discovery.files.len());
    let mut why_not = None;
    let index = match cache.open(&discovery.roots) {
        Ok(index) => index,
        Err(why) => {
            why_not = Some(why);
            None
        }
    };
    if let Some(index) = &index {
        let keys: Vec<Option<FileKey>> = discovery
            .files
            .par_iter()
            .map(|p| std::fs::metadata(p).ok().map(|m| FileKey::of(&m)))
            .collect();
        cached.hits = match_cache(index, discovery, &names.rels, &keys);
        let (taken, failed) = read_sections(index, &cached.hits, names, &keys, out);
        why_not = why_not.or(failed);
        for (hit, taken) in cached.hits.iter_mut().zip(&taken) {
            if !taken {
                *hit = None;
            }
        }
        cached.fresh = discovery.files.len() == index.entries().len()
            && cached.hits.iter().enumerate().all(|(i, h)| *h == Some(i));
        if cached.fresh {
            match index.read_words() {
                Ok(words) => cached.words = words,
                Err(why) => why_not = why_not.or(Some(why)),
            }
            match index.read_related() {
                Ok(related) => cached.related = related,
                Err(why) => why_not = why_not.or(Some(why)),
            }
        }
    }
    if let Some(why) = &why_not {
        tracing::warn!(?why, "cache not used");
    }
    cached.note = why_not.map(|why| {
        Diagnostic::warning(
            &cache.file_for(&discovery.roots).display().to_string(),
            Problem::CacheIgnored(cache_reason(why)),
        )
    });
    cached
}

/// Reads the cache's sections that hold files found unchanged (`hits`), in parallel, each
/// outcome into its file's slot: which were taken (a stored question that does not hold
/// together is not), and the first section that could not be read.
fn read_sections(
    index: &CacheIndex,
    hits: &[Option<usize>],
    names: &Names,
    keys: &[Option<FileKey>],
    out: &mut Outcomes,
) -> (Vec<bool>, Option<Unused>) {
    let per = index.files_per_section();
    let failed = std::sync::Mutex::new(None);
    let take = |outcome: CachedOutcome, i: usize, slot: &mut Option<Question>, k: &mut Known| {
        if !outcome.intact {
            return false;
        }
        let (question, said) = adopt(outcome, &names.shown[i]);
        *slot = question;
        *k = Known {
            said,
            key: keys.get(i).copied().flatten(),
            cacheable: names.rels[i].is_some(),
        };
        true
    };
    let read = |s: usize| match index.read_section(s) {
        Ok(outcomes) => Some(outcomes),
        Err(why) => {
            if let Ok(mut f) = failed.lock() {
                f.get_or_insert(why);
            }
            None
        }
    };
    let mut taken = vec![false; hits.len()];
    let positional = hits
        .iter()
        .enumerate()
        .all(|(i, h)| h.is_none_or(|j| j == i));
    if positional {
        // Section s holds files s * per onwards, here as in the cache: each section goes
        // straight to its own stretch of slots, in parallel.
        out.slots
            .par_chunks_mut(per)
            .zip(out.known.par_chunks_mut(per))
            .zip(taken.par_chunks_mut(per))
            .enumerate()
            .for_each(|(s, ((slots, known), taken))| {
                let base = s * per;
                let wanted = (0..slots.len()).any(|k| hits[base + k].is_some());
                if !wanted || s >= index.sections() {
                    return;
                }
                let Some(outcomes) = read(s) else { return };
                for (k, outcome) in outcomes.into_iter().enumerate() {
                    if k < slots.len() && hits[base + k].is_some() {
                        taken[k] = take(outcome, base + k, &mut slots[k], &mut known[k]);
                    }
                }
            });
    } else {
        // Files came or went: sections are read in parallel, their outcomes placed after.
        let mut at_of: Vec<Option<usize>> = vec![None; index.entries().len()];
        for (i, hit) in hits.iter().enumerate() {
            if let Some(j) = hit {
                at_of[*j] = Some(i);
            }
        }
        let needed: Vec<usize> = (0..index.sections())
            .filter(|&s| (s * per..((s + 1) * per).min(at_of.len())).any(|j| at_of[j].is_some()))
            .collect();
        for batch in needed.chunks(rayon::current_num_threads().max(1) * 2) {
            let read: Vec<(usize, Option<Vec<CachedOutcome>>)> =
                batch.par_iter().map(|&s| (s, read(s))).collect();
            for (s, outcomes) in read {
                for (k, outcome) in outcomes.into_iter().flatten().enumerate() {
                    if let Some(i) = at_of.get(s * per + k).copied().flatten() {
                        taken[i] = take(outcome, i, &mut out.slots[i], &mut out.known[i]);
                    }
                }
            }
        }
    }
    (taken, failed.into_inner().ok().flatten())
}

/// Why a cache was not used, for its warning.
fn cache_reason(why: Unused) -> crate::parse::problem::CacheReason {
    use crate::parse::problem::CacheReason;
    match why {
        Unused::OtherVersion => CacheReason::OtherVersion,
        Unused::Damaged(what) => CacheReason::Damaged(what),
        Unused::Unreadable(what) => CacheReason::Unreadable(what),
    }
}
