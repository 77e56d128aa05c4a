//! Folded search keys, computed once per load so that no keystroke folds a question again.
//!
//! Memory is kept near the size of the searched fields, not of the texts:
//! - ids are folded into one shared string (no allocation per question);
//! - authors, groups, ministries and rubrics repeat (a legislature has ~600 deputies and ~30
//!   ministries for 100k questions), so each distinct value is folded and stored once and
//!   questions keep a number into that table; a field term (`author:`, `min:`) is checked
//!   against each distinct value once, not once per question;
//! - the words of titles, fields and texts are in the word index ([`super::words`]), which
//!   answers free words, phrases and `text:` without reading the questions; texts are not
//!   copied: when a needle must be checked, it is folded on the fly ([`fold_text_into`]).

use super::words::WordIndex;
use crate::deadline::{deadline, Current};
use crate::model::Question;
use crate::record::Record;
use crate::text::fold::fold_into;
use chrono::NaiveDate;
use foldhash::HashMap;
use rayon::prelude::*;
use std::sync::OnceLock;

/// The distinct folded values of one field.
#[derive(Debug, Default)]
pub(super) struct Table {
    pub(super) values: Vec<Box<str>>,
}

impl Table {
    pub(super) fn len(&self) -> usize {
        self.values.len()
    }
}

/// Interns raw values, so each distinct one is folded once.
struct Interner<'q> {
    ids: HashMap<&'q str, u32>,
    raw: Vec<&'q str>,
}

impl<'q> Interner<'q> {
    fn new() -> Self {
        Interner {
            ids: HashMap::default(),
            raw: Vec::new(),
        }
    }

    fn intern(&mut self, value: &'q str) -> u32 {
        let next = self.raw.len() as u32;
        *self.ids.entry(value).or_insert_with(|| {
            self.raw.push(value);
            next
        })
    }

    fn into_table(self) -> Table {
        Table {
            values: self
                .raw
                .par_iter()
                .map(|v| crate::text::fold::fold(v).into_boxed_str())
                .collect(),
        }
    }
}

/// The precomputed keys of one question.
#[derive(Debug, Clone, Copy)]
pub(super) struct Entry {
    /// The folded id in [`SearchIndex::arena`].
    id_start: usize,
    id_end: usize,
    pub(super) author: u32,
    pub(super) group: u32,
    pub(super) ministry_asked: u32,
    /// Same as `ministry_asked` when the document gives none or the same one.
    pub(super) ministry_assigned: u32,
    pub(super) rubric: u32,
    pub(super) place: u32,
    pub(super) published: Option<NaiveDate>,
    pub(super) deadline: Option<NaiveDate>,
}

/// Folded search keys of every question, built once after a load (in parallel), and the
/// word index of their words (built with them, or later: see [`SearchIndex::set_words`]).
/// Deadlines are kept as of the legislature in session it was built with (a question of an
/// ended legislature has none: it lapsed).
pub struct SearchIndex {
    words: OnceLock<WordIndex>,
    current: Current,
    arena: String,
    pub(super) entries: Vec<Entry>,
    pub(super) authors: Table,
    pub(super) groups: Table,
    pub(super) ministries: Table,
    pub(super) rubrics: Table,
    pub(super) places: Table,
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchIndex")
            .field("questions", &self.entries.len())
            .field("authors", &self.authors.len())
            .field("groups", &self.groups.len())
            .field("ministries", &self.ministries.len())
            .field("rubrics", &self.rubrics.len())
            .field("words", &self.words.get())
            .finish()
    }
}

impl Default for SearchIndex {
    fn default() -> Self {
        SearchIndex::build(&[], Current::default())
    }
}

impl SearchIndex {
    /// Folds the search keys of `questions` and indexes their words; hits of
    /// [`super::filter`] index into the same slice, so rebuild the index whenever the slice
    /// changes. `current` is the legislature in session (see [`Current`]).
    pub fn build(questions: &[Question], current: Current) -> Self {
        let index = Self::build_keys(questions, current);
        index.set_words(WordIndex::build(questions));
        index
    }

    /// The word index, when it is built. Without it, free words, phrases and `text:` are
    /// matched by reading the questions (same answers, slower).
    pub fn words(&self) -> Option<&WordIndex> {
        self.words.get()
    }

    /// Installs the word index built (on another thread) for the same questions; false
    /// when one is there already.
    pub fn set_words(&self, words: WordIndex) -> bool {
        self.words.set(words).is_ok()
    }

    /// Folds the search keys of `questions`, without the word index: what the viewer needs
    /// to show a list at once.
    pub fn build_keys<R: Record>(questions: &[R], current: Current) -> Self {
        // Ids are folded in parallel, per chunk, and the chunks' strings concatenated after.
        const CHUNK: usize = 4096;
        let chunks: Vec<(String, Vec<(usize, usize)>)> = questions
            .par_chunks(CHUNK)
            .map(|chunk| {
                let mut text = String::new();
                let mut spans = Vec::with_capacity(chunk.len());
                for q in chunk {
                    let start = text.len();
                    fold_into(q.id(), &mut text);
                    spans.push((start, text.len()));
                }
                (text, spans)
            })
            .collect();
        let dates: Vec<(Option<NaiveDate>, Option<NaiveDate>)> = questions
            .par_iter()
            .map(|q| (q.published(), deadline(q, current).map(|d| d.0)))
            .collect();

        let mut arena = String::with_capacity(chunks.iter().map(|c| c.0.len()).sum());
        let mut spans = Vec::with_capacity(questions.len());
        for (text, chunk_spans) in chunks {
            let base = arena.len();
            arena.push_str(&text);
            spans.extend(chunk_spans.into_iter().map(|(a, b)| (base + a, base + b)));
        }

        let mut authors = Interner::new();
        let mut groups = Interner::new();
        let mut ministries = Interner::new();
        let mut rubrics = Interner::new();
        let mut places = Interner::new();
        let mut entries = Vec::with_capacity(questions.len());
        for ((q, (published, due)), (id_start, id_end)) in questions.iter().zip(dates).zip(spans) {
            let asked = ministries.intern(q.ministry_asked());
            let assigned = if q.ministry_assigned().is_empty() {
                asked
            } else {
                ministries.intern(q.ministry_assigned())
            };
            entries.push(Entry {
                id_start,
                id_end,
                author: authors.intern(q.author()),
                group: groups.intern(q.group()),
                ministry_asked: asked,
                ministry_assigned: assigned,
                rubric: rubrics.intern(q.rubric()),
                place: places.intern(q.constituency()),
                published,
                deadline: due,
            });
        }
        SearchIndex {
            words: OnceLock::new(),
            current,
            arena,
            entries,
            authors: authors.into_table(),
            groups: groups.into_table(),
            ministries: ministries.into_table(),
            rubrics: rubrics.into_table(),
            places: places.into_table(),
        }
    }

    /// The legislature in session the deadlines were computed with.
    pub fn current(&self) -> Current {
        self.current
    }

    /// Number of questions indexed.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when no question is indexed.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The folded id of entry `e`.
    pub(super) fn id(&self, e: &Entry) -> &str {
        self.arena.get(e.id_start..e.id_end).unwrap_or("")
    }
}

/// Folded forms of the non-ASCII characters common in French text (Latin-1, Latin
/// Extended-A, general punctuation), computed once with [`crate::text::fold`] itself so that both
/// ways of folding always agree.
struct FastFold {
    latin: Vec<Box<str>>,
    punctuation: Vec<Box<str>>,
}

const LATIN: std::ops::Range<u32> = 0x80..0x250;
const PUNCTUATION: std::ops::Range<u32> = 0x2000..0x2070;

fn fast_fold() -> &'static FastFold {
    static TABLE: OnceLock<FastFold> = OnceLock::new();
    TABLE.get_or_init(|| {
        let fold_range = |r: std::ops::Range<u32>| {
            r.map(|cp| {
                char::from_u32(cp)
                    .map(|c| crate::text::fold::fold(c.encode_utf8(&mut [0; 4])))
                    .unwrap_or_default()
                    .into_boxed_str()
            })
            .collect()
        };
        FastFold {
            latin: fold_range(LATIN),
            punctuation: fold_range(PUNCTUATION),
        }
    })
}

/// Replaces `out` with `s` folded exactly as [`crate::text::fold::fold`] does, faster on long texts:
/// ASCII runs are copied whole and common accented letters come from a table.
pub fn fold_text_into(s: &str, out: &mut String) {
    out.clear();
    out.reserve(s.len());
    let table = fast_fold();
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let run = bytes[i..]
            .iter()
            .position(|b| !b.is_ascii())
            .unwrap_or(bytes.len() - i);
        if run > 0 {
            out.push_str(&s[i..i + run]);
            i += run;
            continue;
        }
        let Some(c) = s.get(i..).and_then(|rest| rest.chars().next()) else {
            break;
        };
        let len = c.len_utf8();
        let cp = c as u32;
        if LATIN.contains(&cp) {
            out.push_str(&table.latin[(cp - LATIN.start) as usize]);
        } else if PUNCTUATION.contains(&cp) {
            out.push_str(&table.punctuation[(cp - PUNCTUATION.start) as usize]);
        } else {
            fold_into(&s[i..i + len], out);
        }
        i += len;
    }
    // Folded non-ASCII output is already lower case, so one pass lowers the copied runs.
    out.make_ascii_lowercase();
}

#[cfg(test)]
mod tests {
    use super::fold_text_into;
    use crate::text::fold::fold;

    #[test]
    fn fast_fold_agrees_with_fold() {
        let samples = [
            "Santé, familles, AUTONOMIE et personnes handicapées",
            "L’Œuvre de Côtes-d’Armor : 5,54 M€ – « ÉTÉ » ẞ ǅ Ǆ İ ﬁ 中文 🙂",
            "",
            "plain ascii Text",
        ];
        let mut buf = String::new();
        for s in samples {
            fold_text_into(s, &mut buf);
            assert_eq!(buf, fold(s), "{s}");
        }
        // Every character of the tabled ranges and around them.
        let all: String = (0x20..0x2100).filter_map(char::from_u32).collect();
        fold_text_into(&all, &mut buf);
        assert_eq!(buf, fold(&all));
    }
}
