//! The text form: the markdown and plain renderings of the AN question page, and what a
//! reader must find in each ([`Expected`]).

use crate::facts::{facts, Facts};
use crate::opendata::question_json;
use crate::plan::{plan, Plan};
use crate::prose::{blocks_plain, para_markup, Block};
use crate::rng::Rng;
use crate::words::french_date;
use crate::world::{DEPARTMENTS, MINISTRIES};
use chrono::NaiveDate;
use dossier_core::model::{EventKind, Status};
use rayon::prelude::*;
use std::fmt::Write as _;
use std::path::PathBuf;
use std::sync::Arc;

/// Splits one paragraph in two, as a page break of the source would ("des" / "salariés"):
/// the second part goes on in lower case, so the parser joins them again.
pub(crate) fn page_break(rng: &mut Rng, markup: &str) -> Option<(String, String)> {
    let words: Vec<&str> = markup.split(' ').collect();
    if words.len() < 16 {
        return None;
    }
    for _ in 0..8 {
        let k = rng.range(5, words.len() as i64 - 6) as usize;
        let before = words[k];
        let after = words[k + 1];
        let ends_word = before.chars().last().is_some_and(|c| c.is_alphabetic());
        let lower = after.chars().next().is_some_and(|c| c.is_lowercase());
        let rest = words[k + 1..].join(" ");
        // The second part starts a line: a colon near its start would make it look like a
        // `Label : value` line.
        let colon_near_start = rest.find(':').is_some_and(|p| p < 100);
        if ends_word && lower && !colon_near_start && !words[..=k].concat().contains('*') {
            return Some((words[..=k].join(" "), rest));
        }
    }
    None
}

/// The lines of a text field: paragraphs, and tables row by row.
pub(crate) fn text_lines(blocks: &[Block], markdown: bool) -> Vec<Vec<String>> {
    blocks
        .iter()
        .map(|b| match b {
            Block::Para(p) => vec![para_markup(p)],
            Block::Table(rows) => {
                let mut lines = Vec::new();
                for (i, row) in rows.iter().enumerate() {
                    if markdown {
                        lines.push(format!("| {} |", row.join(" | ")));
                        if i == 0 {
                            lines.push(format!("|{}", " --- |".repeat(row.len())));
                        }
                    } else {
                        lines.push(row.join("\t"));
                    }
                }
                lines
            }
        })
        .collect()
}

/// The text document of a question, and what the parser should find in it.
pub(crate) fn render_text(f: &Facts) -> (PathBuf, String, bool, bool) {
    let mut rng = Rng::new(f.seed ^ 0x7E57_7E57_7E57_7E57);
    let legislature = f.legislature();
    let markdown = rng.chance(0.5);
    let links = markdown || rng.chance(0.7);
    let mut question = text_lines(&f.question, markdown);
    let mut answer = text_lines(&f.answer, markdown);
    let mut was_split = false;
    for (p, blocks) in [(0.05, &mut question), (0.08, &mut answer)] {
        let paras: Vec<usize> = (0..blocks.len())
            .filter(|&i| blocks[i].len() == 1)
            .collect();
        if rng.chance(p) && !paras.is_empty() {
            // One-line blocks are paragraphs (a table has a header and rows).
            let i = *rng.pick(&paras);
            if let Some((a, b)) = page_break(&mut rng, &blocks[i][0]) {
                blocks[i] = vec![a];
                blocks.insert(i + 1, vec![b]);
                was_split = true;
            }
        }
    }

    let (department, seat) = (DEPARTMENTS[f.deputy.dept].1, f.deputy.seat);
    let group = f.group().0;
    let mut t = String::with_capacity(4096);
    let h = |level: usize| if markdown { &"### "[3 - level..] } else { "" };
    let link = |s: &str| {
        if links {
            format!("[{s}](#)")
        } else {
            s.to_string()
        }
    };
    let label = |l: &str| {
        if markdown {
            format!("**{l} :**")
        } else {
            format!("{l} :")
        }
    };
    t.push_str("\n\n\n\n");
    let _ = write!(t, "{}ASSEMBLÉE NATIONALE\n\n", h(1));
    let _ = write!(t, "{legislature}ème législature\n\n");
    let _ = write!(t, "{}{}\n\n", h(2), f.title);
    let _ = write!(t, "Question écrite n° {}\n\n", f.number);
    let _ = write!(t, "{}Texte de la question\n\n", h(3));
    for block in &question {
        for line in block {
            t.push_str(line);
            t.push('\n');
        }
        t.push('\n');
    }
    if !answer.is_empty() {
        let _ = write!(t, "{}Texte de la réponse\n\n", h(3));
        for block in &answer {
            for line in block {
                t.push_str(line);
                t.push('\n');
            }
            t.push('\n');
        }
    }
    let _ = write!(t, "{}Données clés\n\n", h(2));
    let _ = write!(t, "{} {}\n\n", label("Auteur"), link(&f.author));
    let ordinal = match (seat == 1, markdown) {
        (true, true) => "1<sup>re</sup>".to_string(),
        (true, false) => "1^re".to_string(),
        (false, true) => format!("{seat}<sup>e</sup>"),
        (false, false) => format!("{seat}^e"),
    };
    let _ = write!(
        t,
        "{} {department} ({ordinal} circonscription) - {group}\n\n",
        label("Circonscription")
    );
    let _ = write!(t, "{} Question écrite\n\n", label("Type de question"));
    let _ = write!(t, "{} {}\n\n", label("Numéro de la question"), f.number);
    let _ = write!(t, "{} {}\n\n", label("Rubrique"), f.rubric);
    let _ = write!(
        t,
        "{} {}\n\n",
        label("Ministère interrogé"),
        link(MINISTRIES[f.asked].0)
    );
    let _ = write!(
        t,
        "{} {}\n\n",
        label("Ministère attributaire"),
        link(MINISTRIES[f.assigned].0)
    );
    let _ = write!(t, "{}Date(s) clé(s)\n\n", h(2));
    let count = f.events.len();
    for (i, d) in f.events.iter().enumerate() {
        let shown = french_date(&mut rng, d.date);
        let date = if d.kind == EventKind::Withdrawn {
            shown
        } else {
            link(&shown)
        };
        let _ = write!(t, "{} {date}", label(d.label));
        if let Some(page) = d.page {
            let _ = write!(t, ", page {page}");
        }
        if let Some(note) = d.note {
            let _ = write!(t, " ({note})");
        }
        if i + 1 < count {
            t.push_str("\n\n");
        }
    }
    let ext = if markdown && rng.chance(0.5) {
        "md"
    } else {
        "txt"
    };
    let path = PathBuf::from(format!("{legislature}e-legislature"))
        .join(format!("{:03}", f.number / 1000))
        .join(format!("{:06}_{:016x}.{ext}", f.number, f.seed));
    (path, t, markdown, was_split)
}

/// What the parser should find in a generated document (and an importer in its JSON form).
#[derive(Debug, Clone)]
pub struct Expected {
    /// `17-13809QE`.
    pub id: String,
    /// `QANR5L17QE13809`, the open-data uid.
    pub uid: String,
    /// Title.
    pub title: String,
    /// "Mme Sylvie Bonnet".
    pub author: String,
    /// The author's acteur id, `PA…`.
    pub acteur_ref: String,
    /// "Loire (4e circonscription)".
    pub constituency: String,
    /// Political group.
    pub group: String,
    /// Rubric, as the page shows it ("Santé").
    pub rubric: String,
    /// Ministry asked.
    pub ministry_asked: String,
    /// Ministry assigned.
    pub ministry_assigned: String,
    /// Status.
    pub status: Status,
    /// Question text, paragraphs separated by a blank line, markup removed.
    pub question_text: String,
    /// Answer text, empty when pending or withdrawn.
    pub answer_text: String,
    /// Events in chronological order.
    pub events: Vec<(EventKind, NaiveDate)>,
    /// Whether the text document is in the markdown layout.
    pub markdown: bool,
    /// Whether a paragraph of the text document was split in two as by a page break.
    pub page_break: bool,
    /// The campaign this question is a copy of (index into the truth file's `campaigns`).
    pub campaign: Option<u32>,
    /// Its grouped answer (index into `answer_groups`).
    pub answer_group: Option<u32>,
    /// Its group of same-topic, independently written questions (index into `topic_groups`).
    pub topic_group: Option<u32>,
    /// For a campaign copy, what it changed from the base text: always "author" (name,
    /// civility, département), and among "minister", "opening", "added_sentence",
    /// "changed_sentence", "reordered_words", "dropped_paragraph", "closing", "title".
    pub campaign_edits: Vec<&'static str>,
}

/// One document to write: where, what, and what it should parse to.
#[derive(Debug, Clone)]
pub struct Document {
    /// Path of the text document, relative to the corpus directory.
    pub path: PathBuf,
    /// The text document.
    pub text: String,
    /// What the parser should find.
    pub expected: Expected,
    pub(crate) facts: Box<Facts>,
}

impl Document {
    /// Path of the question's open-data JSON file, relative to the corpus directory.
    pub fn json_path(&self) -> PathBuf {
        PathBuf::from(format!("{}e-legislature", self.facts.legislature()))
            .join("json")
            .join(format!("{}.json", self.facts.uid()))
    }

    /// The question as an AN open-data JSON file (`{"question": {...}}`).
    pub fn json(&self) -> String {
        question_json(&self.facts)
    }
}

pub(crate) fn expected(f: &Facts, markdown: bool, page_break: bool) -> Expected {
    let seat = f.deputy.seat;
    Expected {
        id: f.id(),
        uid: f.uid(),
        title: f.title.clone(),
        author: f.author.clone(),
        acteur_ref: format!("PA{}", f.person.pa),
        constituency: format!(
            "{} ({seat}{} circonscription)",
            DEPARTMENTS[f.deputy.dept].1,
            if seat == 1 { "re" } else { "e" }
        ),
        group: f.group().0.to_string(),
        rubric: f.rubric.to_string(),
        ministry_asked: MINISTRIES[f.asked].0.to_string(),
        ministry_assigned: MINISTRIES[f.assigned].0.to_string(),
        status: f.status,
        question_text: blocks_plain(&f.question),
        answer_text: blocks_plain(&f.answer),
        events: f.events.iter().map(|d| (d.kind, d.date)).collect(),
        markdown,
        page_break,
        campaign: f.campaign,
        answer_group: f.answer_group,
        topic_group: f.topic_group,
        campaign_edits: f.edits.clone(),
    }
}

pub(crate) fn document(plan: &Plan, index: usize) -> Document {
    let f = facts(plan, index);
    let (path, text, markdown, page_break) = render_text(&f);
    Document {
        path,
        text,
        expected: expected(&f, markdown, page_break),
        facts: Box::new(f),
    }
}

/// The documents of a corpus of `n` questions for `seed`, in a fixed order (legislature, then
/// number).
pub fn documents(n: usize, seed: u64) -> impl IndexedParallelIterator<Item = Document> {
    let plan = Arc::new(plan(n, seed));
    (0..plan.slots.len())
        .into_par_iter()
        .map(move |i| document(&plan, i))
}
