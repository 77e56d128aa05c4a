//! The query engine on the sample dossier: syntax, each field, accents, negation, phrases,
//! errors, ranking, refinement, sorting, narrowing.

use chrono::NaiveDate;
use dossier_core::deadline::Current;
use dossier_core::i18n::Lang;
use dossier_core::load::load_sample;
use dossier_core::model::Question;
use dossier_core::query::{
    filter, sort_hits, sort_hits_indexed, Hit, NoReview, Query, QueryContext, QueryErrorKind,
    ReviewFacts, SearchIndex, SortKey,
};
use dossier_core::record::Record;
use proptest::prelude::*;
use std::sync::OnceLock;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 7, 1).expect("valid date")
}

struct Sample {
    questions: Vec<Question>,
    index: SearchIndex,
}

fn sample() -> &'static Sample {
    static SAMPLE: OnceLock<Sample> = OnceLock::new();
    SAMPLE.get_or_init(|| {
        let questions = load_sample().questions;
        let index = SearchIndex::build(&questions, Current::of(&questions, None));
        Sample { questions, index }
    })
}

fn hits_with(query: &str, review: &dyn ReviewFacts) -> Vec<Hit> {
    let s = sample();
    let query = Query::parse(query).unwrap_or_else(|e| panic!("{query:?}: {e}"));
    let ctx = QueryContext {
        today: today(),
        review,
        related: None,
        texts: None,
    };
    filter(&s.questions, &s.index, &query, &ctx, None)
}

/// Ids of the questions matching `query`, sorted by id so that tests do not depend on order.
fn ids(query: &str) -> Vec<&'static str> {
    let s = sample();
    let mut ids: Vec<&str> = hits_with(query, &NoReview)
        .iter()
        .map(|h| s.questions[h.index].id.as_str())
        .collect();
    ids.sort_unstable();
    ids
}

fn sorted(mut ids: Vec<&'static str>) -> Vec<&'static str> {
    ids.sort_unstable();
    ids
}

const ALL: [&str; 5] = [
    "16-16353QE",
    "17-13809QE",
    "17-13811QE",
    "17-13985QE",
    "17-16300QE",
];

#[test]
fn the_sample_has_the_five_questions_the_tests_expect() {
    assert_eq!(ids(""), ALL.to_vec());
    assert_eq!(sample().index.len(), 5);
    assert!(!sample().index.is_empty());
}

#[test]
fn free_words_ignore_accents_and_case() {
    assert_eq!(ids("asalee"), ALL.to_vec());
    assert_eq!(ids("ASALÉE"), ALL.to_vec());
    // "Santé" is in every question's ministry.
    assert_eq!(ids("sante"), ALL.to_vec());
    assert_eq!(ids("SANTÉ"), ids("sante"));
    // Accents in the query fold too: "infirmières" is in one title (and in texts, which
    // rank below).
    assert_eq!(ids("infirmières"), ids("infirmieres"));
    assert_eq!(ranked("infirmières", SortKey::Date, false)[0], "16-16353QE");
}

#[test]
fn a_free_word_must_be_a_word_its_start_or_a_near_typo() {
    // Issue 13: "loire" is Bonnet's constituency (Loire) and in Brard's (Loire-Atlantique);
    // scattered letters in other fields do not count.
    assert_eq!(ids("loire"), vec!["17-13809QE", "17-16300QE"]);
    // No question mentions Nantes.
    assert!(ids("nantes").is_empty());
    // Places are searched: Deux-Sèvres is Batho's.
    assert_eq!(ids("sevres"), vec!["16-16353QE"]);
    // A prefix of a word.
    assert_eq!(ids("bonn"), vec!["17-13809QE"]);
    // One typo in a word of four to seven letters, two from eight; none up to three.
    assert_eq!(ids("bonnat"), vec!["17-13809QE"]);
    assert!(ids("infirmeires").contains(&"16-16353QE"));
    assert!(ids("bnt").is_empty());
    assert!(ids("fru").is_empty(), "three letters allow no typo");
    // "fur" is only Le Fur's name: the letters f, u, r in a ministry's name do not count.
    assert_eq!(ids("fur"), vec!["17-13811QE"]);
}

#[test]
fn exact_words_rank_above_prefixes_above_typos_and_fields_above_texts() {
    let s = sample();
    let score = |query: &str, id: &str| {
        hits_with(query, &NoReview)
            .iter()
            .find(|h| s.questions[h.index].id == id)
            .map(|h| h.score)
            .unwrap_or_else(|| panic!("{query:?} does not find {id}"))
    };
    let bonnet = "17-13809QE";
    assert!(score("bonnet", bonnet) > score("bonn", bonnet));
    assert!(score("bonn", bonnet) > score("bonnat", bonnet));
    // "ligériennes" is only in Bonnet's text; "loire" is her constituency.
    assert!(score("loire", bonnet) > score("ligeriennes", bonnet));
    // Brard's Loire-Atlantique is his constituency too: the same score.
    assert_eq!(score("loire", "17-16300QE"), score("loire", bonnet));
}

#[test]
fn a_free_word_matches_one_field_not_the_fields_glued_together() {
    assert_eq!(ids("batho"), vec!["16-16353QE"]);
    // "Delphine Batho" and "Deux-Sèvres" are in two fields: "batho" + "sevres" letters exist
    // across fields, but no single field holds "bathosevres" in order.
    assert!(ids("bathosevres").is_empty());
    // The number is a field too.
    assert_eq!(ids("13811"), vec!["17-13811QE"]);
    assert_eq!(ids("16-16353"), vec!["16-16353QE"]);
}

#[test]
fn every_free_word_must_match() {
    assert_eq!(ids("asalee batho"), vec!["16-16353QE"]);
    assert_eq!(ids("bonnet batho"), Vec::<&str>::new());
}

#[test]
fn status_terms_and_their_french_aliases() {
    let pending = vec!["17-13811QE", "17-13985QE", "17-16300QE"];
    assert_eq!(ids("status:pending"), pending);
    assert_eq!(ids("statut:attente"), pending);
    assert_eq!(ids("is:pending"), pending);
    assert_eq!(ids("est:en_attente"), pending);
    assert_eq!(ids("status:answered"), vec!["17-13809QE"]);
    assert_eq!(ids("statut:répondu"), vec!["17-13809QE"]);
    assert_eq!(ids("status:withdrawn"), vec!["16-16353QE"]);
    assert_eq!(ids("STATUT:Retiré"), vec!["16-16353QE"]);
}

#[test]
fn negation_excludes() {
    let without_batho: Vec<&str> = ALL.iter().copied().filter(|i| *i != "16-16353QE").collect();
    assert_eq!(ids("-batho"), without_batho);
    assert_eq!(ids("-status:pending"), vec!["16-16353QE", "17-13809QE"]);
    assert_eq!(ids("asalee -author:fur -is:overdue"), {
        sorted(vec!["16-16353QE", "17-13809QE", "17-16300QE"])
    });
    assert_eq!(
        ids("-\"le fur\""),
        sorted(vec!["16-16353QE", "17-13809QE", "17-13985QE", "17-16300QE"])
    );
}

#[test]
fn string_fields_match_folded_substrings() {
    assert_eq!(ids("author:bonnet"), vec!["17-13809QE"]);
    assert_eq!(ids("auteur:BONNET"), vec!["17-13809QE"]);
    assert_eq!(ids("group:horizons"), vec!["17-16300QE"]);
    assert_eq!(ids("groupe:écologiste"), vec!["16-16353QE"]);
    assert_eq!(
        ids("group:droite"),
        sorted(vec!["17-13809QE", "17-13811QE", "17-13985QE"])
    );
    assert_eq!(ids("group:républicaine"), vec!["17-13809QE", "17-13811QE"]);
    // Either ministry: Batho's question was asked of "Travail, santé et solidarités" and
    // assigned to "Santé et prévention".
    assert_eq!(ids("min:travail"), vec!["16-16353QE"]);
    assert_eq!(ids("ministère:prévention"), vec!["16-16353QE"]);
    assert_eq!(ids("min:handicapees"), ALL[1..].to_vec());
    assert_eq!(ids("rubric:professions"), vec!["16-16353QE"]);
    assert_eq!(ids("rubrique:santé"), ALL.to_vec());
    assert_eq!(ids("id:13985"), vec!["17-13985QE"]);
    // The constituency: Loire is Bonnet's, and a part of Loire-Atlantique (Brard's).
    assert_eq!(ids("place:loire"), vec!["17-13809QE", "17-16300QE"]);
    assert_eq!(ids("lieu:loire-atlantique"), vec!["17-16300QE"]);
    assert_eq!(ids("circonscription:deux-sèvres"), vec!["16-16353QE"]);
    assert!(ids("place:nantes").is_empty());
    // Substring, not fuzzy: the letters of "bnt" are in "bonnet" but not together.
    assert!(ids("author:bnt").is_empty());
}

#[test]
fn legislature_and_kind() {
    assert_eq!(ids("leg:16"), vec!["16-16353QE"]);
    assert_eq!(ids("legislature:17"), ALL[1..].to_vec());
    assert_eq!(ids("type:QE"), ALL.to_vec());
    assert_eq!(ids("type:ecrite"), ALL.to_vec());
    assert!(ids("type:QG").is_empty());
    assert!(ids("type:qosd").is_empty());
}

#[test]
fn publication_dates() {
    assert_eq!(ids("since:2026-03-25"), vec!["17-13985QE", "17-16300QE"]);
    assert_eq!(ids("depuis:2026-03-24"), ALL[1..].to_vec());
    assert_eq!(ids("until:2024-12-31"), vec!["16-16353QE"]);
    assert_eq!(
        ids("jusqu'à:2026-03-24"),
        vec!["16-16353QE", "17-13809QE", "17-13811QE"]
    );
    // A month or a year stands for its first day after since:, its last day after until:.
    assert_eq!(ids("since:2026-03 until:2026-03"), ALL[1..4].to_vec());
    assert_eq!(ids("until:2024"), vec!["16-16353QE"]);
    assert_eq!(ids("since:31/03/2026"), vec!["17-13985QE", "17-16300QE"]);
}

#[test]
fn overdue_depends_on_today() {
    // 2026-07-01: Le Fur's and Chavent's questions are past their two months; Brard's was
    // published on 23 June.
    assert_eq!(ids("is:overdue"), vec!["17-13811QE", "17-13985QE"]);
    assert_eq!(ids("est:retard"), vec!["17-13811QE", "17-13985QE"]);
    let s = sample();
    let query = Query::parse("is:overdue").expect("valid");
    let early = QueryContext {
        today: NaiveDate::from_ymd_opt(2026, 5, 1).expect("valid date"),
        review: &NoReview,
        related: None,
        texts: None,
    };
    assert!(filter(&s.questions, &s.index, &query, &early, None).is_empty());
}

#[test]
fn text_searches_question_and_answer_bodies() {
    // "ligériennes" is in Bonnet's question text, "cessation de paiement" in her answer and in
    // Chavent's question.
    assert_eq!(ids("text:LIGERIENNES"), vec!["17-13809QE"]);
    assert_eq!(
        ids("texte:\"cessation de paiement\""),
        vec!["17-13809QE", "17-13985QE"]
    );
    assert_eq!(
        ids("text:\"redressement judiciaire\""),
        vec!["17-13809QE", "17-16300QE"]
    );
    // Title words are not in the bodies' search unless the body says them.
    assert!(ids("text:zzz").is_empty());
    assert_eq!(ids("-text:ligeriennes").len(), 4);
}

#[test]
fn quoted_phrases_are_substrings() {
    // In three titles, and in Chavent's text ("arrêt des financements du dispositif ASALEE").
    assert_eq!(
        ids("\"dispositif asalee\""),
        vec!["17-13809QE", "17-13811QE", "17-13985QE", "17-16300QE"]
    );
    // Same words, other order: nothing holds this phrase, though both words match.
    assert!(ids("\"asalee dispositif\"").is_empty());
    assert_eq!(ids("asalee dispositif"), ids("\"dispositif asalee\""));
    assert_eq!(ids("author:\"Le Fur\""), vec!["17-13811QE"]);
    assert_eq!(ids("auteur:\"le   fur\""), vec!["17-13811QE"]);
}

struct Marks;

impl ReviewFacts for Marks {
    fn is_reviewed(&self, q: &dyn Record) -> bool {
        q.id() == "17-13809QE" || q.id() == "17-13811QE"
    }
    fn is_flagged(&self, q: &dyn Record) -> bool {
        q.id() == "17-13985QE"
    }
    fn has_note(&self, q: &dyn Record) -> bool {
        q.id() == "16-16353QE"
    }
    fn is_changed(&self, q: &dyn Record) -> bool {
        q.id() == "17-16300QE"
    }
    fn is_to_signal(&self, q: &dyn Record) -> bool {
        q.id() == "17-13985QE" || q.id() == "17-16300QE"
    }
}

#[test]
fn review_terms_ask_the_review_facts() {
    let s = sample();
    let ids_marked = |query: &str| {
        let mut v: Vec<&str> = hits_with(query, &Marks)
            .iter()
            .map(|h| s.questions[h.index].id.as_str())
            .collect();
        v.sort_unstable();
        v
    };
    assert_eq!(ids_marked("is:reviewed"), vec!["17-13809QE", "17-13811QE"]);
    assert_eq!(ids_marked("est:revu"), vec!["17-13809QE", "17-13811QE"]);
    assert_eq!(ids_marked("is:flagged"), vec!["17-13985QE"]);
    assert_eq!(ids_marked("has:note"), vec!["16-16353QE"]);
    assert_eq!(ids_marked("a:note"), vec!["16-16353QE"]);
    assert_eq!(ids_marked("is:changed"), vec!["17-16300QE"]);
    assert_eq!(ids_marked("is:to-signal"), vec!["17-13985QE", "17-16300QE"]);
    assert_eq!(
        ids_marked("est:à-signaler"),
        vec!["17-13985QE", "17-16300QE"]
    );
    assert_eq!(ids_marked("est:a_signaler"), ids_marked("is:to-signal"));
    assert_eq!(
        ids_marked("-is:to-signal is:reviewed"),
        vec!["17-13809QE", "17-13811QE"]
    );
    assert!(Query::parse("is:to-signal").unwrap().uses_review());
    assert_eq!(
        ids_marked("status:pending -is:reviewed"),
        vec!["17-13985QE", "17-16300QE"]
    );
    assert!(ids("is:reviewed").is_empty());
    assert_eq!(ids("-is:flagged"), ALL.to_vec());
}

fn error(query: &str) -> (QueryErrorKind, std::ops::Range<usize>) {
    match Query::parse(query) {
        Ok(q) => panic!("{query:?} parsed: {q:?}"),
        Err(e) => {
            assert!(!dossier_core::i18n::query::error(Lang::En, &e.kind).is_empty());
            assert!(!dossier_core::i18n::query::error(Lang::Fr, &e.kind).is_empty());
            assert!(!e.to_string().is_empty());
            (e.kind, e.span)
        }
    }
}

#[test]
fn invalid_terms_are_errors_with_their_span() {
    let (kind, span) = error("asalee foo:bar");
    assert_eq!(kind, QueryErrorKind::UnknownField("foo".into()));
    assert_eq!(span, 7..10);

    let (kind, span) = error("since:2026-02-30");
    assert_eq!(kind, QueryErrorKind::BadDate("2026-02-30".into()));
    assert_eq!(span, 6..16);

    let (kind, span) = error("santé status:maybe");
    assert!(matches!(kind, QueryErrorKind::BadValue { .. }), "{kind:?}");
    // Byte offsets: "santé " is 7 bytes.
    assert_eq!(span, 14..19);

    let (kind, span) = error("author: bonnet");
    assert_eq!(kind, QueryErrorKind::EmptyValue("author".into()));
    assert_eq!(span, 0..7);

    let (kind, span) = error("asalee \"santé publique");
    assert_eq!(kind, QueryErrorKind::UnclosedQuote);
    assert_eq!(span, 7.."asalee \"santé publique".len());

    assert_eq!(error("- batho").0, QueryErrorKind::LoneMinus);
    assert_eq!(error("\"\"").0, QueryErrorKind::EmptyPhrase);
    assert!(matches!(
        error("leg:XVII").0,
        QueryErrorKind::BadValue { .. }
    ));
    assert!(matches!(
        error("type:QX").0,
        QueryErrorKind::BadValue { .. }
    ));
    assert!(matches!(
        error("is:lost").0,
        QueryErrorKind::BadValue { .. }
    ));
    assert!(matches!(
        error("has:nothing").0,
        QueryErrorKind::BadValue { .. }
    ));
}

#[test]
fn colons_in_plain_words_are_not_fields() {
    // Not a word of letters before the colon: a free word.
    let q = Query::parse("10:30").expect("a free word");
    assert!(q.has_free_words());
}

#[test]
fn query_summaries() {
    let q = Query::parse("  ").expect("valid");
    assert!(q.is_empty());
    assert!(!q.has_free_words());
    assert_eq!(q, Query::default());

    let q = Query::parse("status:pending -batho").expect("valid");
    assert!(!q.is_empty());
    assert!(!q.has_free_words(), "a negated word gives no score");

    let q = Query::parse(
        "Asalée -batho text:Infirmières author:\"Le Fur\" status:pending \"santé publique\" asalee",
    )
    .expect("valid");
    assert!(q.has_free_words());
    assert_eq!(
        q.highlight_terms(),
        vec!["asalee", "infirmieres", "le fur", "sante publique"]
    );
}

/// Hits in the order `sort_hits` gives, as ids.
fn ranked(query: &str, key: SortKey, reverse: bool) -> Vec<&'static str> {
    let s = sample();
    let q = Query::parse(query).expect("valid");
    let mut hits = hits_with(query, &NoReview);
    sort_hits(
        &s.questions,
        &mut hits,
        key,
        reverse,
        q.has_free_words(),
        today(),
        Current::KNOWN,
    );
    hits.iter()
        .map(|h| s.questions[h.index].id.as_str())
        .collect()
}

#[test]
fn free_words_rank_the_best_field_match_first() {
    let s = sample();
    // "infirmières" is in Batho's title, in the others' texts only.
    let hits = hits_with("infirmières", &NoReview);
    let best = hits.iter().max_by_key(|h| h.score).expect("hits");
    assert_eq!(s.questions[best.index].id, "16-16353QE");
    assert!(hits
        .iter()
        .filter(|h| h.index != best.index)
        .all(|h| h.score < best.score));
    assert_eq!(ranked("bonnet", SortKey::Date, false)[0], "17-13809QE");
    // Scores add up over words.
    let one = hits_with("bonnet", &NoReview);
    let two = hits_with("bonnet loire", &NoReview);
    let score = |hits: &[Hit], id: &str| {
        hits.iter()
            .find(|h| s.questions[h.index].id == id)
            .map(|h| h.score)
    };
    assert!(score(&two, "17-13809QE") > score(&one, "17-13809QE"));
    // Without free words, every score is 0.
    assert!(hits_with("status:pending", &NoReview)
        .iter()
        .all(|h| h.score == 0));
}

#[test]
fn sorting_by_each_key_both_ways() {
    use SortKey::*;
    assert_eq!(
        ranked("", Date, false),
        [
            "17-16300QE",
            "17-13985QE",
            "17-13809QE",
            "17-13811QE",
            "16-16353QE"
        ]
    );
    // Reversed key, ties (the 24 March pair) still in id order.
    assert_eq!(
        ranked("", Date, true),
        [
            "16-16353QE",
            "17-13809QE",
            "17-13811QE",
            "17-13985QE",
            "17-16300QE"
        ]
    );
    assert_eq!(
        ranked("", Number, false),
        [
            "17-13809QE",
            "17-13811QE",
            "17-13985QE",
            "17-16300QE",
            "16-16353QE"
        ]
    );
    assert_eq!(
        ranked("", Number, true),
        [
            "16-16353QE",
            "17-16300QE",
            "17-13985QE",
            "17-13811QE",
            "17-13809QE"
        ]
    );
    // By surname: Batho, Bonnet, Brard, Chavent, Le Fur.
    assert_eq!(
        ranked("", Author, false),
        [
            "16-16353QE",
            "17-13809QE",
            "17-16300QE",
            "17-13985QE",
            "17-13811QE"
        ]
    );
    assert_eq!(
        ranked("", Author, true),
        [
            "17-13811QE",
            "17-13985QE",
            "17-16300QE",
            "17-13809QE",
            "16-16353QE"
        ]
    );
    // "Santé et prévention" < "Santé, familles, ...": the four others tie, in id order.
    assert_eq!(
        ranked("", Ministry, false),
        [
            "16-16353QE",
            "17-13809QE",
            "17-13811QE",
            "17-13985QE",
            "17-16300QE"
        ]
    );
    assert_eq!(
        ranked("", Ministry, true),
        [
            "17-13809QE",
            "17-13811QE",
            "17-13985QE",
            "17-16300QE",
            "16-16353QE"
        ]
    );
    // Pending the longest first; answered and withdrawn questions last either way.
    assert_eq!(
        ranked("", DaysPending, false),
        [
            "17-13811QE",
            "17-13985QE",
            "17-16300QE",
            "16-16353QE",
            "17-13809QE"
        ]
    );
    assert_eq!(
        ranked("", DaysPending, true),
        [
            "17-16300QE",
            "17-13985QE",
            "17-13811QE",
            "16-16353QE",
            "17-13809QE"
        ]
    );
}

#[test]
fn indexed_sorting_agrees_with_plain_sorting() {
    let s = sample();
    for query in ["", "asalee", "fur", "status:pending", "sante -batho"] {
        let hits = hits_with(query, &NoReview);
        for key in SortKey::ALL {
            for reverse in [false, true] {
                for by_score in [false, true] {
                    let mut plain = hits.clone();
                    let mut indexed = hits.clone();
                    sort_hits(
                        &s.questions,
                        &mut plain,
                        key,
                        reverse,
                        by_score,
                        today(),
                        Current::KNOWN,
                    );
                    sort_hits_indexed(
                        &s.questions,
                        &s.index,
                        &mut indexed,
                        key,
                        reverse,
                        by_score,
                        today(),
                    );
                    assert_eq!(plain, indexed, "{query:?} {key:?} {reverse} {by_score}");
                }
            }
        }
    }
}

#[test]
fn sort_keys_cycle_and_parse() {
    let mut key = SortKey::default();
    assert_eq!(key, SortKey::Date);
    let mut seen = Vec::new();
    for _ in 0..SortKey::ALL.len() {
        seen.push(key);
        key = key.next();
    }
    assert_eq!(key, SortKey::Date);
    assert_eq!(seen, SortKey::ALL.to_vec());
    for key in SortKey::ALL {
        assert_eq!(key.as_str().parse::<SortKey>(), Ok(key));
    }
    assert_eq!("auteur".parse::<SortKey>(), Ok(SortKey::Author));
    assert_eq!("Ministère".parse::<SortKey>(), Ok(SortKey::Ministry));
    assert!("colour".parse::<SortKey>().is_err());
}

#[test]
fn refines_when_the_query_only_grows() {
    let refines = |new: &str, prev: &str| {
        Query::parse(new)
            .expect("valid")
            .refines(&Query::parse(prev).expect("valid"))
    };
    assert!(refines("a", ""));
    assert!(refines("asalee batho", "asalee"));
    assert!(refines("asalee status:pending", "status:pending"));
    assert!(refines("author:fur", "author:fu"));
    assert!(refines("\"le fur\" asalee", "\"le fur\""));
    // A longer word allows more typos, so it may find what the shorter one did not:
    // "asaleo" finds "asalee" by a typo, "asal" by no rule.
    assert!(!refines("asalee", "asal"));
    assert!(!refines("author:fur", "fur"));
    assert!(refines("since:2026-02-01", "since:2026-01-01"));
    assert!(refines("until:2026-01-01", "until:2026-02-01"));
    assert!(refines("is:overdue", "status:pending"));
    // Excluding "bat" excludes more than "batho", but not all of it: "catho" is a typo of
    // "batho" and does not start with "bat".
    assert!(!refines("-bat", "-batho"));
    assert!(
        refines("-text:bat", "-text:batho"),
        "excluding more is narrower"
    );
    assert!(refines("text:asalee", "text:asa"));

    assert!(!refines("asal", "asalee"));
    assert!(!refines("", "asalee"));
    assert!(!refines("-batho", "-bat"));
    assert!(!refines("asalee", "batho"));
    assert!(!refines("since:2026-01-01", "since:2026-02-01"));
    assert!(!refines("status:pending", "is:overdue"));
}

fn check_narrowing(prev: &str, new: &str) {
    let s = sample();
    let ctx = QueryContext {
        today: today(),
        review: &Marks,
        related: None,
        texts: None,
    };
    let (Ok(p), Ok(n)) = (Query::parse(prev), Query::parse(new)) else {
        return;
    };
    let prev_hits: Vec<usize> = filter(&s.questions, &s.index, &p, &ctx, None)
        .iter()
        .map(|h| h.index)
        .collect();
    let full = filter(&s.questions, &s.index, &n, &ctx, None);
    if n.refines(&p) {
        let narrowed = filter(&s.questions, &s.index, &n, &ctx, Some(&prev_hits));
        assert_eq!(narrowed, full, "{prev:?} -> {new:?}");
    }
    // Candidates restrict, in their order, whatever the query.
    let all: Vec<usize> = (0..s.questions.len()).rev().collect();
    let mut reversed = filter(&s.questions, &s.index, &n, &ctx, Some(&all));
    reversed.reverse();
    assert_eq!(reversed, full);
}

#[test]
fn narrowing_from_candidates_gives_the_full_scan() {
    let typed = "asalee batho status:withdrawn";
    for end in 1..typed.len() {
        check_narrowing(&typed[..end], &typed[..end + 1]);
    }
    for (prev, new) in [
        ("", "sante"),
        ("sante", "sante -batho"),
        ("author:fu", "author:fur"),
        ("status:pending", "is:overdue"),
        ("-bat", "-bat text:loire"),
        ("is:reviewed", "is:reviewed fur"),
    ] {
        check_narrowing(prev, new);
    }
}

#[test]
fn scores_do_not_depend_on_how_many_candidates_are_checked() {
    // Forty questions with distinct titles, so that a short candidate list is scored without
    // the per-title memo a full scan uses.
    let mut questions = Vec::new();
    for (i, q) in sample().questions.iter().cycle().take(40).enumerate() {
        let mut q = q.clone();
        q.number = 20_000 + i as u32;
        q.id = Question::make_id(q.legislature, q.number, q.kind);
        q.title = format!("{} n° {i} -- dépôt", q.title);
        questions.push(q);
    }
    let index = SearchIndex::build(&questions, Current::of(&questions, None));
    let ctx = QueryContext {
        today: today(),
        review: &NoReview,
        related: None,
        texts: None,
    };
    for text in [
        "asalee",
        "dispositif depot",
        "\"n° 1\"",
        "fur -batho",
        "\"--\" 2",
    ] {
        let query = Query::parse(text).expect("valid");
        let full = filter(&questions, &index, &query, &ctx, None);
        assert!(!full.is_empty(), "{text:?}");
        let few: Vec<usize> = full.iter().take(3).map(|h| h.index).collect();
        let narrowed = filter(&questions, &index, &query, &ctx, Some(&few));
        assert_eq!(narrowed, full[..few.len()].to_vec(), "{text:?}");
    }
}

#[test]
fn candidates_out_of_range_and_a_stale_index_do_not_panic() {
    let s = sample();
    let ctx = QueryContext {
        today: today(),
        review: &NoReview,
        related: None,
        texts: None,
    };
    let q = Query::parse("asalee").expect("valid");
    let hits = filter(
        &s.questions,
        &s.index,
        &q,
        &ctx,
        Some(&[4, 99, 0, usize::MAX]),
    );
    assert_eq!(hits.iter().map(|h| h.index).collect::<Vec<_>>(), vec![4, 0]);
    // An index built from fewer questions: only the indexed ones can match.
    let small = SearchIndex::build(&s.questions[..2], Current::of(&s.questions[..2], None));
    assert_eq!(filter(&s.questions, &small, &q, &ctx, None).len(), 2);
    assert!(filter::<Question>(&[], &s.index, &q, &ctx, None).is_empty());
    let mut stray = vec![
        Hit {
            index: 42,
            score: 9,
        },
        Hit { index: 0, score: 0 },
    ];
    sort_hits(
        &s.questions,
        &mut stray,
        SortKey::Author,
        false,
        true,
        today(),
        Current::KNOWN,
    );
    assert_eq!(stray[1].index, 42, "hits out of range go last");
}

#[test]
fn a_cancelled_filter_gives_up() {
    use std::sync::atomic::AtomicBool;
    let s = sample();
    let ctx = QueryContext {
        today: today(),
        review: &NoReview,
        related: None,
        texts: None,
    };
    let q = Query::parse("asalee").expect("valid");
    let go = AtomicBool::new(false);
    let stop = AtomicBool::new(true);
    assert_eq!(
        dossier_core::query::filter_cancellable(&s.questions, &s.index, &q, &ctx, None, &go),
        Some(filter(&s.questions, &s.index, &q, &ctx, None))
    );
    assert_eq!(
        dossier_core::query::filter_cancellable(&s.questions, &s.index, &q, &ctx, None, &stop),
        None
    );
}

proptest! {
    /// Any string parses or fails, never panics; the error span of a query made invalid on
    /// purpose (a fault put between valid terms) lies on character boundaries of the input
    /// and covers the fault.
    #[test]
    fn invalid_queries_point_at_their_fault(
        before in "([a-zé]{1,6} |statut:attente |-auteur:batho ){0,3}",
        fault in prop_oneof![
            Just("foo:x"), Just("\"ouvert"), Just("statut:peutetre"), Just("depuis:2026-13-45"),
            Just("-"), Just("auteur:"), Just("leg:x"), Just("\"\""),
        ],
        after in "( [a-zé]{1,6}| type:QE){0,3}",
        noise in any::<String>(),
    ) {
        let _ = Query::parse(&noise);
        let input = format!("{before}{fault}{after}");
        let e = Query::parse(&input).expect_err("the fault makes the query invalid");
        prop_assert!(e.span.start <= e.span.end && e.span.end <= input.len());
        prop_assert!(input.is_char_boundary(e.span.start) && input.is_char_boundary(e.span.end));
        let start = before.len();
        let end = start + fault.len();
        prop_assert!(e.span.start >= start && e.span.start <= end, "{input:?}: {:?}", e.span);
    }

    #[test]
    fn filtering_any_query_never_panics(
        input in "(-?(status|author|since|until|leg|is|has|text|type|min|id|foo)?:?\"?[a-zé0-9 /:-]{0,8}\"?){0,4}",
        candidates in proptest::collection::vec(0usize..8, 0..6),
    ) {
        let s = sample();
        let ctx = QueryContext { today: today(), review: &Marks, related: None, texts: None };
        match Query::parse(&input) {
            Ok(q) => {
                let full = filter(&s.questions, &s.index, &q, &ctx, None);
                let some = filter(&s.questions, &s.index, &q, &ctx, Some(&candidates));
                prop_assert!(some.iter().all(|h| candidates.contains(&h.index)));
                prop_assert!(some.iter().all(|h| full.contains(h)));
                let mut sorted = full.clone();
                sort_hits(&s.questions, &mut sorted, SortKey::DaysPending, true, true, today(), Current::KNOWN);
                prop_assert_eq!(sorted.len(), full.len());
            }
            Err(e) => prop_assert!(e.span.end <= input.len()),
        }
    }
}

/// The sample and 120 generated questions (both layouts), with and without their
/// word index.
struct Corpus {
    questions: Vec<Question>,
    indexed: SearchIndex,
    unindexed: SearchIndex,
    /// Words of the corpus to build queries from.
    words: Vec<String>,
}

fn corpus() -> &'static Corpus {
    static CORPUS: OnceLock<Corpus> = OnceLock::new();
    CORPUS.get_or_init(|| {
        let mut questions = load_sample().questions;
        let docs: Vec<dossier_corpus::Document> =
            rayon::iter::ParallelIterator::collect(dossier_corpus::documents(120, 7));
        for d in docs {
            let parsed = dossier_core::parse::parse_bytes(d.text.as_bytes(), "gen").unwrap();
            questions.push(parsed.question);
        }
        let mut words: Vec<String> = questions
            .iter()
            .flat_map(|q| {
                dossier_core::text::words::words(&format!(
                    "{} {} {}",
                    q.title, q.author, q.question_text
                ))
            })
            .collect();
        words.sort();
        words.dedup();
        Corpus {
            indexed: SearchIndex::build(&questions, Current::of(&questions, None)),
            unindexed: SearchIndex::build_keys(&questions, Current::of(&questions, None)),
            questions,
            words,
        }
    })
}

/// A free word, phrase or `text:` needle made from a word of the corpus: whole, cut, with a
/// letter changed, dropped or added, or two words as a phrase.
fn made_term(c: &Corpus, pick: usize, other: usize, how: u8, at: usize) -> String {
    let w = &c.words[pick % c.words.len()];
    let chars: Vec<char> = w.chars().collect();
    let cut = at % (chars.len() + 1);
    let edited: String = match how % 8 {
        0 => w.clone(),
        1 => chars[..cut.max(1).min(chars.len())].iter().collect(),
        2 => {
            let mut v = chars.clone();
            if !v.is_empty() {
                let i = at % v.len();
                v[i] = if v[i] == 'e' { 'a' } else { 'e' };
            }
            v.into_iter().collect()
        }
        3 => {
            let mut v = chars.clone();
            if v.len() > 1 {
                v.remove(at % v.len());
            }
            v.into_iter().collect()
        }
        4 => format!("\"{w} {}\"", c.words[other % c.words.len()]),
        5 => format!(
            "text:{}",
            &w[..w
                .char_indices()
                .nth(cut.min(chars.len().saturating_sub(1)))
                .map_or(w.len(), |(i, _)| i)
                .max(1)
                .min(w.len())]
        ),
        6 => format!("-{w}"),
        _ => format!("{w}x"),
    };
    edited
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Free words, phrases and `text:` find the same questions with the same scores whether
    /// the word index answers or the questions are read.
    #[test]
    fn the_word_index_answers_as_reading_the_questions_does(
        terms in proptest::collection::vec((any::<usize>(), any::<usize>(), any::<u8>(), any::<usize>()), 1..3),
    ) {
        let c = corpus();
        let text: Vec<String> = terms.iter().map(|&(p, o, h, a)| made_term(c, p, o, h, a)).collect();
        let text = text.join(" ");
        let Ok(query) = Query::parse(&text) else { return Ok(()) };
        let ctx = QueryContext { today: today(), review: &NoReview, related: None, texts: None };
        let by_index = filter(&c.questions, &c.indexed, &query, &ctx, None);
        let by_reading = filter(&c.questions, &c.unindexed, &query, &ctx, None);
        prop_assert_eq!(by_index, by_reading, "{}", text);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Sorting only the first hits puts the same hits first, in the same order, as sorting
    /// all of them, and keeps every hit.
    #[test]
    fn sorting_the_first_hits_agrees_with_sorting_all(
        term in (any::<usize>(), any::<usize>(), any::<u8>(), any::<usize>()),
        key in 0..SortKey::ALL.len(),
        reverse in any::<bool>(),
        first in 0usize..40,
    ) {
        let c = corpus();
        let text = made_term(c, term.0, term.1, term.2, term.3);
        let Ok(query) = Query::parse(&text) else { return Ok(()) };
        let ctx = QueryContext { today: today(), review: &NoReview, related: None, texts: None };
        let hits = filter(&c.questions, &c.indexed, &query, &ctx, None);
        let key = SortKey::ALL[key];
        let by_score = query.has_free_words();
        let mut all = hits.clone();
        dossier_core::query::sort_hits_indexed(&c.questions, &c.indexed, &mut all, key, reverse, by_score, today());
        let mut some = hits.clone();
        dossier_core::query::sort_first_hits_indexed(&c.questions, &c.indexed, &mut some, key, reverse, by_score, today(), first);
        let k = first.min(all.len());
        prop_assert_eq!(&all[..k], &some[..k]);
        let mut a = all.clone();
        let mut b = some.clone();
        a.sort_by_key(|h| h.index);
        b.sort_by_key(|h| h.index);
        prop_assert_eq!(a, b);
    }
}
