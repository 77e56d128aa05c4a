//! The engine on campaign copies built from a real question, on the sample's separately
//! written Asalée questions, on grouped answers, on random splits of a synthetic corpus, and
//! on degenerate texts.

use super::*;
use crate::sample;
use proptest::prelude::*;

fn sample() -> Vec<Question> {
    let mut questions = sample::questions();
    questions.sort_by(|a, b| a.id.cmp(&b.id));
    questions
}

/// Question 17-13809QE (Mme Sylvie Bonnet, Loire), its text cut into three paragraphs.
fn base() -> Question {
    let mut q = sample()
        .into_iter()
        .find(|q| q.id == "17-13809QE")
        .expect("the sample holds 17-13809QE");
    assert_eq!(q.author, "Mme Sylvie Bonnet");
    assert!(q.constituency.starts_with("Loire"));
    let text = q.question_text.replace("\n\n", " ");
    let sentences: Vec<&str> = text.split_inclusive(". ").collect();
    assert!(sentences.len() >= 6, "{sentences:?}");
    let third = sentences.len() / 3;
    let paragraph = |s: &[&str]| s.concat().trim().to_string();
    q.question_text = [
        paragraph(&sentences[..third]),
        paragraph(&sentences[third..2 * third]),
        paragraph(&sentences[2 * third..]),
    ]
    .join("\n\n");
    q.answer_text.clear();
    q
}

fn with_text(q: &Question, id: &str, text: String) -> Question {
    let mut copy = q.clone();
    copy.id = id.to_string();
    copy.question_text = text;
    copy
}

/// A copy of `base` by another deputy: another name, civility, opening verb and département.
fn other_deputy(base: &Question) -> Question {
    let mut copy = with_text(
        base,
        "copy-author",
        base.question_text
            .replace(
                "Mme Sylvie Bonnet appelle l'attention de",
                "M. Jean-Pierre Durand attire l'attention de",
            )
            .replace("ligériennes", "aindinoises")
            .replace("de la Loire", "de l'Ain")
            .replace("Elle souhaite", "Il souhaite"),
    );
    copy.author = "M. Jean-Pierre Durand".into();
    copy.constituency = "Ain (2e circonscription)".into();
    copy
}

/// Each kind of edit a campaign copy makes, alone, with its name.
fn edited_copies(base: &Question) -> Vec<(&'static str, Question)> {
    let text = &base.question_text;
    let paragraphs: Vec<&str> = text.split("\n\n").collect();
    let minister = "Mme la ministre de la santé, des familles, de l'autonomie et des personnes \
                    handicapées";
    assert!(text.contains(minister));
    let sentence = "En effet, la CNAM, qui finance intégralement l'association, a décidé de \
                    suspendre son versement de 100 millions d'euros de subvention prévue pour \
                    l'année 2026, plaçant l'association dans une situation financière \
                    dramatique.";
    assert!(text.contains(sentence), "{text}");
    let added = "Les collectivités locales, qui ont souvent mis des locaux à disposition des \
                 infirmières, s'inquiètent elles aussi de la fermeture annoncée des cabinets.";
    let changed = "Or l'Assurance maladie a mis fin sans préavis à la convention qui la liait à \
                   l'association depuis de nombreuses années.";
    vec![
        ("another deputy and département", other_deputy(base)),
        (
            "another minister",
            with_text(
                base,
                "copy-minister",
                text.replace(
                    minister,
                    "M. le ministre du travail, de la santé, des solidarités et des familles",
                ),
            ),
        ),
        (
            "a sentence added",
            with_text(
                base,
                "copy-added",
                text.replace(sentence, &format!("{sentence} {added}")),
            ),
        ),
        (
            "a sentence changed",
            with_text(base, "copy-changed", text.replace(sentence, changed)),
        ),
        (
            "words reordered",
            with_text(
                base,
                "copy-reordered",
                text.replace("vives inquiétudes", "inquiétudes vives")
                    .replace(
                        "grande difficulté financière",
                        "difficulté financière grande",
                    ),
            ),
        ),
        (
            "a paragraph dropped",
            with_text(
                base,
                "copy-dropped",
                [paragraphs[0], paragraphs[2]].join("\n\n"),
            ),
        ),
    ]
}

fn text_relations(r: &Relations, i: usize) -> Vec<Relation> {
    r.of(i)
        .iter()
        .copied()
        .filter(|x| x.reason == Reason::SimilarText)
        .collect()
}

#[test]
fn campaign_copies_with_each_edit_are_found() {
    let config = Config::default();
    let base = base();
    let fb = Fingerprint::of(&base, &config);
    for (edit, copy) in edited_copies(&base) {
        assert_ne!(copy.question_text, base.question_text, "{edit}");
        let similarity = fb.similarity(&Fingerprint::of(&copy, &config));
        let relations = compute(&[base.clone(), copy], &config);
        let found = text_relations(&relations, 0);
        assert_eq!(found.len(), 1, "{edit}: similarity {similarity}");
        assert_eq!(found[0].index, 1);
        assert_eq!(found[0].similarity, similarity, "{edit}");
        assert!(similarity >= config.threshold, "{edit}: {similarity}");
        assert_eq!(text_relations(&relations, 1)[0].index, 0);
    }
    // The opening (author, civility, verb, minister) and the département's name cost nothing;
    // the adjective ("ligériennes", "aindinoises") is an edit.
    let copy = &edited_copies(&base)[1].1;
    assert_eq!(fb.similarity(&Fingerprint::of(copy, &config)), 1.0);
    let mut copy = other_deputy(&base);
    copy.question_text = copy.question_text.replace("aindinoises", "ligériennes");
    assert_eq!(fb.similarity(&Fingerprint::of(&copy, &config)), 1.0);

    // All together, with the other Asalée questions around: one campaign of seven.
    let mut questions = vec![base.clone()];
    questions.extend(edited_copies(&base).into_iter().map(|(_, q)| q));
    let campaign: Vec<u32> = (0..questions.len() as u32).collect();
    questions.extend(sample().into_iter().filter(|q| q.id != base.id));
    let relations = compute(&questions, &config);
    assert_eq!(campaigns(&relations), vec![campaign]);
}

/// The five Asalée questions of the sample were written separately by five deputies on one
/// subject: same words ("Asalée", "infirmières", "médecins généralistes", "CNAM"), different
/// sentences. Their shingle sets share under 5 % (0.048 at most, measured); campaign copies share
/// most of theirs (a median of 0.75 on the generated corpus, 99.9 % of pairs above 0.29),
/// and separately written questions on one subject 0.05 (99.9 % below 0.22): the threshold,
/// 0.3, sits between the two.
#[test]
fn separately_written_asalee_questions_are_not_related_by_text() {
    let config = Config::default();
    let questions = sample();
    assert_eq!(questions.len(), 5);
    let relations = compute(&questions, &config);
    for (i, q) in questions.iter().enumerate() {
        assert_eq!(text_relations(&relations, i), vec![], "{}", q.id);
    }
    assert!(campaigns(&relations).is_empty());
    let fps: Vec<Fingerprint> = questions
        .iter()
        .map(|q| Fingerprint::of(q, &config))
        .collect();
    for (i, a) in fps.iter().enumerate() {
        assert!(a.len() > 100, "{}", a.len());
        for b in &fps[i + 1..] {
            let s = a.similarity(b);
            assert!(s < 0.1, "{s}");
        }
    }
}

#[test]
fn identical_answers_are_one_group_whatever_the_questions() {
    let answer = "Le Gouvernement a engagé une concertation avec l'association.\n\nUne mission \
                  d'inspection rendra ses conclusions au printemps.";
    let mut questions = sample();
    questions[0].answer_text = answer.to_string();
    questions[1].answer_text = answer
        .replace("\n\n", " ")
        .replace("mission", "**mission**");
    questions[2].answer_text = format!("  {}  ", answer.replace(' ', "\u{a0}"));
    questions[3].answer_text = answer.replace("printemps", "automne");
    questions[4].answer_text.clear();
    let relations = compute(&questions, &Config::default());
    for i in 0..3 {
        let others: Vec<u32> = relations
            .of(i)
            .iter()
            .filter(|r| r.reason == Reason::SameAnswer)
            .map(|r| {
                assert_eq!(r.similarity, 1.0);
                r.index
            })
            .collect();
        let want: Vec<u32> = (0..3).filter(|&j| j != i as u32).collect();
        assert_eq!(others, want, "question {i}");
    }
    assert_eq!(relations.of(3), &[]);
    assert_eq!(relations.of(4), &[]);
    assert_eq!(answer_groups(&relations), vec![vec![0, 1, 2]]);
}

#[test]
fn a_pair_related_both_ways_lists_both_reasons_most_similar_first() {
    let config = Config::default();
    let base = base();
    let mut questions: Vec<Question> = edited_copies(&base).into_iter().map(|(_, q)| q).collect();
    questions.insert(0, base);
    questions[0].answer_text = "Réponse commune.".into();
    questions[3].answer_text = "Réponse commune.".into();
    let relations = compute(&questions, &config);
    let of0 = relations.of(0);
    assert!(of0.windows(2).all(|w| w[0].similarity >= w[1].similarity));
    let with3: Vec<Reason> = of0
        .iter()
        .filter(|r| r.index == 3)
        .map(|r| r.reason)
        .collect();
    // The same answer (similarity 1) before the similar text (a sentence added: below 1).
    assert_eq!(with3, vec![Reason::SameAnswer, Reason::SimilarText]);
    // Each pair from both sides.
    for i in 0..questions.len() {
        for r in relations.of(i) {
            let back = relations
                .of(r.index as usize)
                .iter()
                .filter(|b| b.index as usize == i && b.reason == r.reason)
                .count();
            assert_eq!(back, 1);
        }
    }
    assert_eq!(
        serde_json::to_string(&Reason::SimilarText).unwrap(),
        "\"similar_text\""
    );
    assert_eq!(
        serde_json::to_string(&Reason::SameAnswer).unwrap(),
        "\"same_answer\""
    );
    assert_eq!(relations.of(99), &[]);
}

// ---------------------------------------------------------------------------------------------
// A synthetic corpus: campaigns with the generator's kinds of edits, separate questions on a
// few subjects, grouped answers.

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        super::words::mix64(self.0)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const DEPARTEMENTS: [&str; 6] = ["Loire", "Ain", "Var", "Gironde", "Finistère", "Nord"];

fn sentence(rng: &mut Rng, subject: usize) -> String {
    let len = 8 + rng.below(8);
    let words: Vec<String> = (0..len)
        .map(|_| format!("mot{}x{}", subject, rng.below(40)))
        .collect();
    format!("{}.", words.join(" "))
}

fn paragraphs(rng: &mut Rng, subject: usize) -> Vec<Vec<String>> {
    (0..2 + rng.below(3))
        .map(|_| {
            (0..2 + rng.below(3))
                .map(|_| sentence(rng, subject))
                .collect()
        })
        .collect()
}

fn render(author: &str, dept: &str, paras: &[Vec<String>]) -> String {
    let mut out =
        format!("{author} appelle l'attention de M. le ministre sur la situation dans le {dept}. ");
    out.push_str(
        &paras
            .iter()
            .map(|p| p.join(" "))
            .collect::<Vec<_>>()
            .join("\n\n"),
    );
    out
}

fn synthetic(seed: u64) -> Vec<Question> {
    let mut rng = Rng(seed);
    let template = sample().remove(0);
    let mut out = Vec::new();
    let mut push = |rng: &mut Rng, paras: &[Vec<String>], answer: String| {
        let n = out.len();
        let dept = DEPARTEMENTS[rng.below(DEPARTEMENTS.len())];
        let author = format!("M. Député{n} Nom{n}");
        let mut q = template.clone();
        q.id = format!("17-{n}QE");
        q.question_text = render(&author, dept, paras);
        q.author = author;
        q.constituency = format!("{dept} (1re circonscription)");
        q.answer_text = answer;
        out.push(q);
    };
    for group in 0..12 {
        let subject = group % 4;
        let base = paragraphs(&mut rng, subject);
        let copies = if group % 3 == 0 { 1 } else { 2 + rng.below(5) };
        let shared_answer = rng.below(2) == 0;
        for _ in 0..copies {
            let mut paras = base.clone();
            match rng.below(5) {
                0 => {
                    let p = rng.below(paras.len());
                    let s = sentence(&mut rng, subject);
                    paras[p].push(s);
                }
                1 => {
                    let p = rng.below(paras.len());
                    let k = rng.below(paras[p].len());
                    paras[p][k] = sentence(&mut rng, subject);
                }
                2 => {
                    let p = rng.below(paras.len());
                    let s = &mut paras[p][0];
                    let mut w: Vec<&str> = s.split(' ').collect();
                    w.swap(1, 2);
                    *s = w.join(" ");
                }
                3 if paras.len() >= 3 => {
                    paras.remove(1);
                }
                _ => {}
            }
            let answer = match (shared_answer, rng.below(3)) {
                (true, _) => format!("Réponse groupée {group}."),
                (false, 0) => String::new(),
                (false, _) => format!("Réponse propre {}.", rng.next()),
            };
            push(&mut rng, &paras, answer);
        }
    }
    // Unrelated questions answered together, and degenerate ones.
    for k in 0..4 {
        let paras = paragraphs(&mut rng, 5 + k);
        push(
            &mut rng,
            &paras,
            "Réponse commune à des questions diverses.".into(),
        );
    }
    push(&mut rng, &[], String::new());
    push(&mut rng, &[vec!["Retrait.".into()]], String::new());
    push(&mut rng, &[vec!["Retrait.".into()]], String::new());
    // Shuffle, so that a campaign's copies are spread over the splits.
    for i in (1..out.len()).rev() {
        let j = rng.below(i + 1);
        out.swap(i, j);
    }
    out
}

#[test]
fn the_synthetic_corpus_has_campaigns_and_grouped_answers() {
    let questions = synthetic(7);
    let relations = compute(&questions, &Config::default());
    assert!(
        campaigns(&relations).len() >= 4,
        "{:?}",
        campaigns(&relations)
    );
    assert!(!answer_groups(&relations).is_empty());
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// Inserting a corpus in pieces gives the relations of computing it whole, through a
    /// serialisation of the index between pieces.
    #[test]
    fn incremental_insert_is_a_full_compute(
        seed in any::<u64>(),
        cuts in proptest::collection::vec(0.0f64..1.0, 0..4),
    ) {
        let config = Config::default();
        let questions = synthetic(seed);
        let full = compute(&questions, &config);
        let mut cuts: Vec<usize> =
            cuts.iter().map(|c| (c * questions.len() as f64) as usize).collect();
        cuts.push(questions.len());
        cuts.sort_unstable();
        let mut index = RelatedIndex::new(config.clone());
        let mut start = 0;
        for (k, &cut) in cuts.iter().enumerate() {
            index.insert(&questions[start..cut], start).unwrap();
            if k % 2 == 0 {
                let json = serde_json::to_string(&index).unwrap();
                index = serde_json::from_str(&json).unwrap();
            }
            start = cut;
        }
        prop_assert_eq!(index.len(), questions.len());
        prop_assert_eq!(index.relations(), &full);
        prop_assert_eq!(campaigns(index.relations()), campaigns(&full));
    }
}

#[test]
fn insert_refuses_a_gap_or_a_damaged_index() {
    let questions = synthetic(3);
    let mut index = RelatedIndex::new(Config::default());
    index.insert(&questions[..10], 0).unwrap();
    assert_eq!(
        index.insert(&questions[10..], 11),
        Err(IndexError::NotAppended {
            expected: 10,
            given: 11
        })
    );
    let mut json: serde_json::Value = serde_json::to_value(&index).unwrap();
    json["keys"].as_array_mut().unwrap().pop();
    let mut damaged: RelatedIndex = serde_json::from_value(json).unwrap();
    assert_eq!(
        damaged.insert(&questions[10..], 10),
        Err(IndexError::Damaged)
    );
    // What was indexed is untouched by the refusals.
    index.insert(&questions[10..], 10).unwrap();
    assert_eq!(index.relations(), &compute(&questions, &Config::default()));
}

#[test]
fn empty_one_word_and_huge_texts() {
    let template = sample().remove(0);
    let q = |text: String| {
        let mut q = template.clone();
        q.question_text = text;
        q.answer_text.clear();
        q
    };
    let word = "Asalée";
    let huge_repeated = "la santé des patients ".repeat(100_000);
    let huge_distinct: String = (0..300_000).map(|i| format!("mot{i} ")).collect();
    let questions = vec![
        q(String::new()),
        q(String::new()),
        q("   \n\n  ".into()),
        q(word.into()),
        q(word.into()),
        q("Mme Sylvie Bonnet appelle l'attention de Mme la ministre sur".into()),
        q(huge_repeated.clone()),
        q(huge_repeated),
        q(huge_distinct.clone()),
        q(huge_distinct),
        q("é".repeat(1_000_000)),
    ];
    let start = std::time::Instant::now();
    let relations = compute(&questions, &Config::default());
    assert!(start.elapsed().as_secs() < 30);
    // Nothing to compare: no relation.
    for i in [0, 1, 2, 5] {
        assert_eq!(relations.of(i), &[], "{i}");
    }
    // Identical texts, however short or long, are one.
    for (i, j) in [(3, 4), (6, 7), (8, 9)] {
        let r = text_relations(&relations, i);
        assert_eq!(r.len(), 1, "{i}: {r:?}");
        assert_eq!((r[0].index, r[0].similarity), (j as u32, 1.0));
    }
    // The huge distinct text is cut at `max_words` words: its shingles stay bounded.
    let fp = Fingerprint::of(&questions[8], &Config::default());
    assert!(fp.len() <= Config::default().max_words, "{}", fp.len());
    let tiny = Config {
        shingle_words: 0,
        bands: 0,
        rows: 0,
        threshold: 0.0,
        min_shingles: 0,
        max_words: 0,
        seed: 0,
    };
    let relations = compute(&questions, &tiny);
    assert_eq!(relations.len(), questions.len());
}

#[test]
fn a_damaged_relations_table_does_not_panic() {
    let json = r#"{"offsets":[0,2,1,9],"items":[
        {"index":7,"similarity":0.5,"reason":"similar_text"},
        {"index":1,"similarity":1.0,"reason":"same_answer"}]}"#;
    let relations: Relations = serde_json::from_str(json).unwrap();
    assert_eq!(relations.len(), 3);
    assert_eq!(relations.of(0).len(), 2);
    assert_eq!(relations.of(1), &[]);
    assert_eq!(relations.of(2), &[]);
    assert!(campaigns(&relations).is_empty());
    assert_eq!(answer_groups(&relations), vec![vec![0, 1]]);
    assert_eq!(relations.pairs().count(), 2);
}
