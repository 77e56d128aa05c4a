//! The query language answered from the library's database gives what the in-memory engine
//! gives over the same questions: the same questions, with the same scores, for generated
//! queries of every kind of term (free words exact, started or mistyped, phrases, `text:`,
//! every field, dates, statuses, related questions, negations), over the whole library and
//! over a part of it (a named dossier, where `similar:` resolves among its questions).

use dossier_core::library::{Library, Reader};
use dossier_core::model::Question;
use dossier_core::query::{filter, NoReview, Query, QueryContext, SearchIndex};
use dossier_core::related::RelatedSet;
use proptest::prelude::*;
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// A library imported from a generated corpus (mixed formats: pages and open data), and its
/// questions as it holds them.
struct Fixture {
    _dir: tempfile::TempDir,
    library: Library,
    questions: Vec<(i64, Question)>,
}

fn fixture() -> &'static Fixture {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let corpus = dir.path().join("corpus");
        dossier_corpus::generate_with(&corpus, 400, 3, dossier_corpus::Format::Mixed).unwrap();
        let library = Library::at(&dir.path().join("lib"));
        let config = dossier_core::related::Config::default();
        // Two imports, the second changing some questions: the stored index then has two
        // segments, and relations updated in place.
        let first = dir.path().join("first");
        std::fs::create_dir_all(&first).unwrap();
        let mut files: Vec<std::path::PathBuf> = walk(&corpus);
        files.sort();
        for (i, f) in files.iter().enumerate() {
            if i % 3 != 0 {
                let to = first.join(f.strip_prefix(&corpus).unwrap());
                std::fs::create_dir_all(to.parent().unwrap()).unwrap();
                std::fs::copy(f, to).unwrap();
            }
        }
        library
            .import(&[first], None, "2026-11-01T09:00:00+01:00", &config)
            .unwrap();
        // The second import: every file, a tenth of them edited (texts changed, so their
        // words and relations are found again).
        let second = dir.path().join("second");
        for (i, f) in files.iter().enumerate() {
            let to = second.join(f.strip_prefix(&corpus).unwrap());
            std::fs::create_dir_all(to.parent().unwrap()).unwrap();
            let text = std::fs::read_to_string(f).unwrap();
            let text = if i % 10 == 1 {
                text.replace(" les ", " ces ").replace(" de ", " du ")
            } else {
                text
            };
            std::fs::write(to, text).unwrap();
        }
        let report = library
            .import(&[second], None, "2026-11-02T09:00:00+01:00", &config)
            .unwrap();
        assert!(report.summary.new_questions > 100, "{:?}", report.summary);
        assert!(report.unchanged < report.read, "{:?}", report.summary);
        // A third, changing a few: its segment stays beside the merged one.
        let third = dir.path().join("third");
        for (_, f) in files.iter().enumerate().filter(|(i, _)| i % 33 == 2) {
            let to = third.join(f.strip_prefix(&corpus).unwrap());
            std::fs::create_dir_all(to.parent().unwrap()).unwrap();
            let text = std::fs::read_to_string(f).unwrap();
            std::fs::write(to, text.replace(" la ", " sa ").replace(" le ", " ce ")).unwrap();
        }
        library
            .import(&[third], None, "2026-11-03T09:00:00+01:00", &config)
            .unwrap();
        let segments: i64 = library
            .reader()
            .unwrap()
            .connection()
            .query_row("SELECT count(*) FROM word_segments", [], |r| r.get(0))
            .unwrap();
        assert_eq!(segments, 2);
        let questions = library.reader().unwrap().questions(None).unwrap();
        Fixture {
            _dir: dir,
            library,
            questions,
        }
    })
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else if !p.file_name().unwrap().to_string_lossy().starts_with('.') {
            out.push(p);
        }
    }
    out
}

/// A term drawn from the corpus by the numbers given.
fn term(questions: &[(i64, Question)], kind: u8, at: usize, pick: usize) -> String {
    let q = &questions[at % questions.len()].1;
    let word_of = |text: &str| -> String {
        let words: Vec<String> = dossier_core::text::words::words(text)
            .into_iter()
            .filter(|w| w.chars().count() >= 2)
            .collect();
        if words.is_empty() {
            "sante".to_string()
        } else {
            words[pick % words.len()].clone()
        }
    };
    let piece = |s: &str| -> String {
        let chars: Vec<char> = s.chars().collect();
        if chars.len() < 4 {
            return s.to_string();
        }
        let start = pick % (chars.len() - 3);
        let len = 3 + pick % 5;
        chars[start..(start + len).min(chars.len())]
            .iter()
            .collect()
    };
    let quoted = |s: &str| format!("\"{}\"", s.replace('"', ""));
    match kind % 24 {
        0 => word_of(&q.title),
        1 => word_of(&q.question_text),
        2 => word_of(&q.answer_text),
        3 => {
            // A word started.
            let w = word_of(&q.question_text);
            w.chars().take(3 + pick % 3).collect()
        }
        4 => {
            // A word mistyped.
            let w = word_of(&q.question_text);
            let mut c: Vec<char> = w.chars().collect();
            if c.len() >= 5 {
                let i = pick % c.len();
                c[i] = if c[i] == 'e' { 'a' } else { 'e' };
            }
            c.into_iter().collect()
        }
        5 => quoted(&piece(&q.title)),
        6 => format!("text:{}", word_of(&q.question_text)),
        7 => format!("text:{}", quoted(&piece(&q.answer_text))),
        8 => format!("author:{}", quoted(&piece(&q.author))),
        9 => format!("min:{}", quoted(&piece(q.ministry()))),
        10 => format!("group:{}", quoted(&piece(&q.group))),
        11 => format!("rubric:{}", quoted(&piece(&q.rubric))),
        12 => format!("place:{}", quoted(&piece(&q.constituency))),
        13 => format!("id:{}", q.number % 1000),
        14 => format!("leg:{}", q.legislature),
        15 => ["type:QE", "type:QG", "type:QOSD"][pick % 3].to_string(),
        16 => ["status:pending", "status:answered", "status:withdrawn"][pick % 3].to_string(),
        17 => match q.published() {
            Some(d) => format!("since:{d}"),
            None => "since:2020".into(),
        },
        18 => match q.published() {
            Some(d) => format!("until:{}", d.format("%Y-%m")),
            None => "until:2019".into(),
        },
        19 => ["is:overdue", "is:lapsed"][pick % 2].to_string(),
        20 => ["is:campaign", "is:answered-elsewhere"][pick % 2].to_string(),
        21 => format!("similar:{}", q.id),
        22 => format!("similar:{}", q.number),
        _ => word_of(&q.author),
    }
}

/// The in-memory engine's answer over `questions` (with their relations): score by id.
fn in_memory(
    questions: &[Question],
    related: &RelatedSet,
    query: &Query,
    today: chrono::NaiveDate,
) -> BTreeMap<String, i64> {
    let index = SearchIndex::build(
        questions,
        dossier_core::deadline::Current::of(questions, None),
    );
    let ctx = QueryContext {
        today,
        review: &NoReview,
        related: Some(related),
        texts: None,
    };
    filter(questions, &index, query, &ctx, None)
        .into_iter()
        .map(|h| (questions[h.index].id.clone(), h.score))
        .collect()
}

/// The viewer's answer over the whole library held as light rows (texts read from the
/// library as the terms need them), with the stored word index or without one.
fn in_rows(
    dossier: &dossier::tui::dossier::Dossier,
    related: &RelatedSet,
    query: &Query,
    today: chrono::NaiveDate,
    with_words: bool,
) -> BTreeMap<String, i64> {
    let bare;
    let index = if with_words {
        &dossier.index
    } else {
        bare = SearchIndex::build_keys(&dossier.rows, dossier.current);
        &bare
    };
    let ctx = QueryContext {
        today,
        review: &NoReview,
        related: Some(related),
        texts: Some(dossier),
    };
    filter(&dossier.rows, index, query, &ctx, None)
        .into_iter()
        .map(|h| (dossier.rows[h.index].id.to_string(), h.score))
        .collect()
}

/// The whole library as the viewer holds it, and the relations it keeps.
fn as_rows(
    library: &Library,
    today: chrono::NaiveDate,
) -> (dossier::tui::dossier::Dossier, RelatedSet) {
    let origin = dossier_core::library::Origin::Library {
        dir: library.dir().to_path_buf(),
        dossier: None,
    };
    let mut loaded = dossier::tui::effect::load_light(0, &origin, None)
        .unwrap()
        .unwrap();
    let stored = loaded.report.related.take().unwrap();
    assert!(
        loaded.index.words().is_some(),
        "the stored word index is read"
    );
    let dossier =
        dossier::tui::dossier::Dossier::new(loaded.report, loaded.rows, loaded.index, today);
    let related = RelatedSet::from_stored(&dossier.rows, stored);
    (dossier, related)
}

/// The database's answer (among `scope`, when given): score by id.
fn from_db(
    reader: &Reader,
    query: &Query,
    today: chrono::NaiveDate,
    scope: Option<&[i64]>,
) -> BTreeMap<String, i64> {
    let selected = reader.select(query, today, &NoReview, scope).unwrap();
    selected
        .hits
        .iter()
        .map(|h| (selected.rows[h.index].id.to_string(), h.score))
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn the_database_answers_every_query_as_the_engine_in_memory_does(
        terms in proptest::collection::vec((any::<u8>(), any::<usize>(), any::<usize>(), proptest::bool::weighted(0.25)), 1..4),
        part in any::<u64>(),
    ) {
        let f = fixture();
        let today = crate::util::today();
        let reader = f.library.reader().unwrap();
        let typed: Vec<String> = terms
            .iter()
            .map(|&(kind, at, pick, negated)| {
                let t = term(&f.questions, kind, at, pick);
                if negated { format!("-{t}") } else { t }
            })
            .collect();
        let line = typed.join(" ");
        let Ok(query) = Query::parse(&line) else { return Ok(()); };
        // The whole library.
        let all: Vec<Question> = f.questions.iter().map(|(_, q)| q.clone()).collect();
        let opened = f.library.open().unwrap();
        let related = RelatedSet::from_stored(&all, opened.related.clone().unwrap());
        let expected = in_memory(&all, &related, &query, today);
        let got = from_db(&reader, &query, today, None);
        prop_assert_eq!(&got, &expected, "query {}", line);
        // The viewer's light rows, texts read from the library.
        static ROWS: OnceLock<(dossier::tui::dossier::Dossier, RelatedSet)> = OnceLock::new();
        let (rows, related) = ROWS.get_or_init(|| as_rows(&f.library, today));
        for with_words in [true, false] {
            let got = in_rows(rows, related, &query, today, with_words);
            prop_assert_eq!(&got, &expected, "query {} over rows, word index: {}", line, with_words);
        }
        // A part of it, as a named dossier is loaded: its questions and their relations in
        // the library.
        let scope: Vec<i64> = f
            .questions
            .iter()
            .map(|(q, _)| *q)
            .filter(|q| (*q as u64).wrapping_mul(part | 1) % 3 == 0)
            .collect();
        let (members, stored) = reader.with_related(&scope).unwrap();
        let related = RelatedSet::from_stored(&members, stored.unwrap());
        let expected = in_memory(&members, &related, &query, today);
        let got = from_db(&reader, &query, today, Some(&scope));
        prop_assert_eq!(&got, &expected, "query {} in a part", line);
    }
}

#[test]
fn relations_updated_import_by_import_are_those_found_on_the_whole_library() {
    let f = fixture();
    let all: Vec<Question> = f.questions.iter().map(|(_, q)| q.clone()).collect();
    let stored = f.library.open().unwrap().related.unwrap().relations;
    let computed = dossier_core::related::compute(&all, &dossier_core::related::Config::default());
    assert!(computed.relation_count() > 0);
    assert_eq!(stored, computed);
}

#[test]
fn the_word_index_of_several_segments_is_the_one_built_on_the_whole_library() {
    let f = fixture();
    let all: Vec<Question> = f.questions.iter().map(|(_, q)| q.clone()).collect();
    let reader = f.library.reader().unwrap();
    let words = dossier_core::query::segments::StoredWords::open(reader.connection()).unwrap();
    let built = dossier_core::query::words::WordIndex::build(&all);
    // Every word of the whole index is found in the segments, in the same questions.
    let qids: Vec<i64> = f.questions.iter().map(|(q, _)| *q).collect();
    for id in (0..built.len() as u32).step_by(7) {
        let word = built.word(id).to_string();
        let mut expected: Vec<(i64, u8)> = Vec::new();
        built.field_postings(id, |d, m| expected.push((qids[d], m)));
        let mut got: Vec<(i64, u8)> = Vec::new();
        for (found, closeness) in words.lookup(&word) {
            if closeness != dossier_core::query::words::Closeness::Exact {
                continue;
            }
            words
                .for_each_posting(reader.connection(), found, |q, m| got.push((q, m)), |_| {})
                .unwrap();
        }
        got.sort_unstable();
        assert_eq!(got, expected, "{word}");
    }
}

#[test]
fn the_whole_library_opens_with_its_word_index_merged_from_its_segments() {
    // The viewer on the whole library after incremental imports searches at once: the
    // index comes with the questions, the segments merged in memory.
    let f = fixture();
    let opened = f.library.open().unwrap();
    let words = opened.words.expect("a word index from two segments");
    let built = dossier_core::query::words::WordIndex::build(&opened.questions);
    assert_eq!(words.docs(), built.docs());
    assert_eq!(words.len(), built.len());
    for id in 0..built.len() as u32 {
        let word = built.word(id);
        let [(got, dossier_core::query::words::Closeness::Exact)] = words
            .lookup(word)
            .into_iter()
            .filter(|(_, c)| *c == dossier_core::query::words::Closeness::Exact)
            .collect::<Vec<_>>()[..]
        else {
            panic!("{word} not found once");
        };
        let postings = |index: &dossier_core::query::words::WordIndex, id: u32| {
            let mut fields = Vec::new();
            let mut texts = Vec::new();
            index.field_postings(id, |d, m| fields.push((d, m)));
            index.text_postings(id, |d| texts.push(d));
            (fields, texts)
        };
        assert_eq!(postings(&words, got), postings(&built, id), "{word}");
    }
}

#[test]
fn the_library_s_news_reads_only_its_candidates_and_tells_what_all_its_questions_tell() {
    let f = fixture();
    let all: Vec<Question> = f.questions.iter().map(|(_, q)| q.clone()).collect();
    let reader = f.library.reader().unwrap();
    let current = reader.current(None);
    let origin = dossier_core::library::Origin::Library {
        dir: f.library.dir().to_path_buf(),
        dossier: None,
    };
    let latest = all.iter().filter_map(|q| q.published()).max().unwrap();
    let mut told = 0;
    for (days, since) in [
        (7, None),
        (40, None),
        (400, Some("2026-11-01T09:30:00+01:00")),
    ] {
        let today = latest + chrono::Days::new(3);
        let from = today - chrono::Days::new(days);
        let imported = match since {
            Some(at) => dossier_core::library::imported_since(
                &origin,
                chrono::DateTime::parse_from_rfc3339(at).unwrap().into(),
                today,
            )
            .unwrap(),
            None => Default::default(),
        };
        let expected = dossier_core::news::compute(&all, current, from, today, &imported);
        let got =
            dossier_core::library::library_news(&reader, current, from, today, &imported).unwrap();
        assert_eq!(got, expected, "{days} days");
        told += expected.groups().map(|s| s.items.len()).sum::<usize>();
    }
    assert!(told > 0, "the windows hold news");
}
