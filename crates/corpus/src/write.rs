//! Writing a corpus: its formats, the archives, the truth file and the summary of a run.

use crate::facts::{facts, make_title, Facts};
use crate::opendata::{acteur_json, iso, js, json_text, organe_json, question_json, J};
use crate::plan::{plan, Plan};
use crate::prose::{blocks_plain, Ctx};
use crate::rng::Rng;
use crate::text::render_text;
use crate::vocabulary::DOMAINS;
use crate::world::{group_organe, GROUPS, LEGISLATURES, MINISTRIES};
use crate::{GENERATOR_VERSION, MARKER, TRUTH};
use dossier_core::model::Status;
use rayon::prelude::*;
use std::collections::HashSet;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The forms a corpus is written in (see the module documentation).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Text documents, markdown and plain layouts mixed.
    Text,
    /// One open-data JSON file per question, and the AMO files.
    Json,
    /// The JSON files in `Questions_ecrites.json.zip` archives, and the AMO archive.
    Zip,
    /// Each question as a text document or a JSON file, and the AMO files.
    Mixed,
}

impl Format {
    /// `text`, `json`, `zip` or `mixed`.
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Json => "json",
            Format::Zip => "zip",
            Format::Mixed => "mixed",
        }
    }

    /// The format named `name`.
    pub fn from_name(name: &str) -> Option<Self> {
        [Format::Text, Format::Json, Format::Zip, Format::Mixed]
            .into_iter()
            .find(|f| f.name() == name)
    }
}

/// Name of the questions archive in each legislature's directory.
pub const QUESTIONS_ZIP: &str = "Questions_ecrites.json.zip";
/// Path of the AMO archive in the corpus directory.
pub const AMO_ZIP: &str = "amo/AMO30_tous_acteurs_tous_mandats_tous_organes_historique.json.zip";

/// Words whose document frequency the summary gives, as printed.
pub const COMMON_WORDS: &[&str] = &[
    "santé",
    "Asalée",
    "retraite",
    "agriculteurs",
    "école",
    "hôpital",
    "énergie",
    "médecins",
    "communes",
    "handicap",
];

/// What [`generate`] wrote.
#[derive(Debug, Default, Clone)]
pub struct Summary {
    /// Questions written (text documents, JSON files or archive entries).
    pub files: usize,
    /// Bytes written, questions only (uncompressed for archives).
    pub bytes: u64,
    /// Answered, pending, withdrawn.
    pub by_status: [usize; 3],
    /// Markdown-layout text documents.
    pub markdown: usize,
    /// Text documents (markdown and plain).
    pub text_files: usize,
    /// Questions written as JSON (loose files or archive entries).
    pub json_files: usize,
    /// Acteur files (loose or in the AMO archive).
    pub acteurs: usize,
    /// Organe (group) files.
    pub organes: usize,
    /// Distinct titles.
    pub distinct_titles: usize,
    /// Campaigns, and the questions they hold.
    pub campaigns: usize,
    /// Questions that belong to a campaign.
    pub campaign_questions: usize,
    /// Campaign sizes, smallest first.
    pub campaign_sizes: Vec<usize>,
    /// Grouped answers, and the questions they answer.
    pub answer_groups: usize,
    /// Questions answered by a grouped answer.
    pub answer_group_questions: usize,
    /// Grouped answers of a campaign's questions.
    pub campaign_answer_groups: usize,
    /// Groups of same-topic independent questions.
    pub topic_groups: usize,
    /// Questions in those groups.
    pub topic_group_questions: usize,
    /// For each of [`COMMON_WORDS`], the documents whose title or texts hold it as a word
    /// (accents and case folded).
    pub word_df: Vec<(&'static str, usize)>,
}

/// A word folded cheaply: lower case, accents and ligatures removed.
pub(crate) fn fold_word(word: &str, out: &mut String) {
    out.clear();
    for c in word.chars() {
        match c {
            'à' | 'â' | 'ä' | 'À' | 'Â' => out.push('a'),
            'é' | 'è' | 'ê' | 'ë' | 'É' | 'È' | 'Ê' => out.push('e'),
            'î' | 'ï' | 'Î' => out.push('i'),
            'ô' | 'ö' | 'Ô' => out.push('o'),
            'ù' | 'û' | 'ü' | 'Û' => out.push('u'),
            'ç' | 'Ç' => out.push('c'),
            'œ' | 'Œ' => out.push_str("oe"),
            'æ' => out.push_str("ae"),
            c => out.extend(c.to_lowercase()),
        }
    }
}

/// Which of [`COMMON_WORDS`] the texts hold, as a bit mask.
pub(crate) fn common_words_in(texts: &[&str]) -> u32 {
    thread_local! {
        static FOLDED: Vec<String> = COMMON_WORDS
            .iter()
            .map(|w| {
                let mut f = String::new();
                fold_word(w, &mut f);
                f
            })
            .collect();
    }
    FOLDED.with(|folded| {
        let mut mask = 0u32;
        let mut buf = String::new();
        for t in texts {
            for word in t.split(|c: char| !c.is_alphanumeric()) {
                if word.len() < 5 || word.len() > 16 {
                    continue;
                }
                fold_word(word, &mut buf);
                for (i, f) in folded.iter().enumerate() {
                    if *f == buf {
                        mask |= 1 << i;
                    }
                }
            }
        }
        mask
    })
}

/// Per-question figures, summed into a [`Summary`].
pub(crate) struct Written {
    pub(crate) bytes: u64,
    pub(crate) status: Status,
    pub(crate) markdown: bool,
    pub(crate) text: bool,
    pub(crate) json: bool,
    pub(crate) title: String,
    pub(crate) words: u32,
}

pub(crate) fn written(f: &Facts, bytes: usize, text: Option<bool>, json: bool) -> Written {
    let question = blocks_plain(&f.question);
    let answer = blocks_plain(&f.answer);
    Written {
        bytes: bytes as u64,
        status: f.status,
        markdown: text == Some(true),
        text: text.is_some(),
        json,
        title: f.title.clone(),
        words: common_words_in(&[&f.title, &question, &answer]),
    }
}

pub(crate) fn write_file(dir: &Path, rel: &Path, bytes: &[u8]) -> io::Result<()> {
    let path = dir.join(rel);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    std::fs::write(&path, bytes)
}

/// Whether a question of a `mixed` corpus is written as JSON.
pub(crate) fn mixed_json(f: &Facts) -> bool {
    Rng::new(f.seed ^ 0x00AA_55AA_55AA_55AA).chance(0.5)
}

/// The acteur files to write: the authors of the corpus.
pub(crate) fn authors(plan: &Plan) -> Vec<u32> {
    let set: std::collections::BTreeSet<u32> = plan
        .slots
        .iter()
        .map(|s| plan.deputies[s.deputy as usize].person)
        .collect();
    set.into_iter().collect()
}

/// The groups of the legislatures the corpus covers: (legislature index, group index).
pub(crate) fn groups_used(plan: &Plan) -> Vec<(usize, usize)> {
    let legs: std::collections::BTreeSet<usize> = plan.slots.iter().map(|s| s.leg).collect();
    legs.into_iter()
        .flat_map(|leg| (0..GROUPS[leg].len()).map(move |g| (leg, g)))
        .collect()
}

pub(crate) fn zip_error(e: zip::result::ZipError) -> io::Error {
    io::Error::other(e.to_string())
}

pub(crate) fn zip_options() -> zip::write::SimpleFileOptions {
    zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(1))
}

/// Writes a corpus of `n` text documents for `seed` under `dir`, which must be empty or
/// absent (the `text` format).
pub fn generate(dir: &Path, n: usize, seed: u64) -> io::Result<Summary> {
    generate_with(dir, n, seed, Format::Text)
}

/// Writes a corpus of `n` questions for `seed` under `dir` (empty or absent) in `format`,
/// with the truth file and the marker.
pub fn generate_with(dir: &Path, n: usize, seed: u64, format: Format) -> io::Result<Summary> {
    if dir.exists() && std::fs::read_dir(dir)?.next().is_some() {
        return Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            format!("{} is not empty", dir.display()),
        ));
    }
    std::fs::create_dir_all(dir)?;
    let plan = Arc::new(plan(n, seed));
    let count = plan.slots.len();
    let mut total = Summary::default();
    let mut titles: HashSet<String> = HashSet::with_capacity(count);
    let mut word_df = vec![0usize; COMMON_WORDS.len()];
    let mut add = |w: Written, total: &mut Summary| {
        total.files += 1;
        total.bytes += w.bytes;
        total.markdown += usize::from(w.markdown);
        total.text_files += usize::from(w.text);
        total.json_files += usize::from(w.json);
        total.by_status[match w.status {
            Status::Answered => 0,
            Status::Pending => 1,
            Status::Withdrawn => 2,
        }] += 1;
        for (i, df) in word_df.iter_mut().enumerate() {
            if w.words & (1 << i) != 0 {
                *df += 1;
            }
        }
        titles.insert(w.title);
    };
    let acteurs = authors(&plan);
    let groups = groups_used(&plan);
    if format == Format::Zip {
        let mut zips = Vec::new();
        for (leg, _, _, _, _) in LEGISLATURES {
            let leg_dir = dir.join(format!("{leg}e-legislature"));
            std::fs::create_dir_all(&leg_dir)?;
            let file = std::fs::File::create(leg_dir.join(QUESTIONS_ZIP))?;
            zips.push(zip::ZipWriter::new(io::BufWriter::new(file)));
        }
        let mut used = [false; 4];
        for start in (0..count).step_by(4096) {
            let end = (start + 4096).min(count);
            let rendered: Vec<(usize, String, String, Written)> = (start..end)
                .into_par_iter()
                .map(|i| {
                    let f = facts(&plan, i);
                    let json = question_json(&f);
                    let w = written(&f, json.len(), None, true);
                    (f.leg, format!("json/{}.json", f.uid()), json, w)
                })
                .collect();
            for (leg, name, json, w) in rendered {
                used[leg] = true;
                zips[leg]
                    .start_file(name, zip_options())
                    .map_err(zip_error)?;
                io::Write::write_all(&mut zips[leg], json.as_bytes())?;
                add(w, &mut total);
            }
        }
        for (leg, z) in zips.into_iter().enumerate() {
            z.finish().map_err(zip_error)?;
            if !used[leg] {
                let leg_dir = dir.join(format!("{}e-legislature", LEGISLATURES[leg].0));
                std::fs::remove_dir_all(leg_dir)?;
            }
        }
        std::fs::create_dir_all(dir.join("amo"))?;
        let file = std::fs::File::create(dir.join(AMO_ZIP))?;
        let mut amo = zip::ZipWriter::new(io::BufWriter::new(file));
        let files: Vec<(String, String)> = acteurs
            .par_iter()
            .map(|&p| {
                let person = &plan.persons[p as usize];
                (
                    format!("json/acteur/PA{}.json", person.pa),
                    acteur_json(&plan, person),
                )
            })
            .chain(groups.par_iter().map(|&(leg, g)| {
                (
                    format!("json/organe/PO{}.json", group_organe(leg, g)),
                    organe_json(leg, g),
                )
            }))
            .collect();
        for (name, json) in files {
            amo.start_file(name, zip_options()).map_err(zip_error)?;
            io::Write::write_all(&mut amo, json.as_bytes())?;
        }
        amo.finish().map_err(zip_error)?;
    } else {
        let results: Vec<Written> = (0..count)
            .into_par_iter()
            .map(|i| -> io::Result<Written> {
                let f = facts(&plan, i);
                let as_json = match format {
                    Format::Json => true,
                    Format::Mixed => mixed_json(&f),
                    _ => false,
                };
                if as_json {
                    let json = question_json(&f);
                    let rel = PathBuf::from(format!("{}e-legislature", f.legislature()))
                        .join("json")
                        .join(format!("{}.json", f.uid()));
                    write_file(dir, &rel, json.as_bytes())?;
                    Ok(written(&f, json.len(), None, true))
                } else {
                    let (path, text, markdown, _) = render_text(&f);
                    write_file(dir, &path, text.as_bytes())?;
                    Ok(written(&f, text.len(), Some(markdown), false))
                }
            })
            .collect::<io::Result<_>>()?;
        for w in results {
            add(w, &mut total);
        }
        if format != Format::Text {
            acteurs.par_iter().try_for_each(|&p| {
                let person = &plan.persons[p as usize];
                let rel = PathBuf::from(format!("amo/json/acteur/PA{}.json", person.pa));
                write_file(dir, &rel, acteur_json(&plan, person).as_bytes())
            })?;
            for &(leg, g) in &groups {
                let rel = PathBuf::from(format!("amo/json/organe/PO{}.json", group_organe(leg, g)));
                write_file(dir, &rel, organe_json(leg, g).as_bytes())?;
            }
        }
    }
    if format != Format::Text {
        total.acteurs = acteurs.len();
        total.organes = groups.len();
    }
    total.distinct_titles = titles.len();
    total.word_df = COMMON_WORDS.iter().copied().zip(word_df).collect();
    total.campaigns = plan.campaigns.len();
    total.campaign_sizes = plan.campaigns.iter().map(|c| c.members.len()).collect();
    total.campaign_sizes.sort_unstable();
    total.campaign_questions = total.campaign_sizes.iter().sum();
    total.answer_groups = plan.answer_groups.len();
    total.answer_group_questions = plan.answer_groups.iter().map(|g| g.members.len()).sum();
    total.campaign_answer_groups = plan
        .answer_groups
        .iter()
        .filter(|g| g.campaign.is_some())
        .count();
    total.topic_groups = plan.topic_groups.len();
    total.topic_group_questions = plan.topic_groups.iter().map(|g| g.members.len()).sum();
    std::fs::write(dir.join(TRUTH), truth_json(&plan, format))?;
    std::fs::write(
        dir.join(MARKER),
        format!("version={GENERATOR_VERSION} n={n} seed={seed}\n"),
    )?;
    Ok(total)
}

/// The truth file (see the module documentation).
pub(crate) fn truth_json(plan: &Plan, format: Format) -> String {
    let id = |m: &u32| {
        let s = &plan.slots[*m as usize];
        js(format!("{}-{}QE", LEGISLATURES[s.leg].0, s.number))
    };
    let campaigns = plan
        .campaigns
        .iter()
        .enumerate()
        .map(|(i, c)| {
            // The base title, as the copies that keep it show it.
            let first = &plan.slots[c.members[0] as usize];
            let ctx = Ctx {
                domain: &DOMAINS[c.domain],
                subject: DOMAINS[c.domain].subjects[c.subject].to_string(),
                dept: plan.deputies[first.deputy as usize].dept,
                female: false,
                author: String::new(),
                minister: String::new(),
            };
            let mut base = Rng::new(c.seed);
            let _ = base.pick_zipf(ctx.domain.rubrics);
            let _ = base.pick_zipf(ctx.domain.heads);
            let title = make_title(&mut base, &ctx, false);
            J::O(vec![
                ("id", J::N(i as u64)),
                ("title", js(title)),
                ("ministry", js(MINISTRIES[c.ministry].0)),
                ("questions", J::A(c.members.iter().map(id).collect())),
            ])
        })
        .collect();
    let answer_groups = plan
        .answer_groups
        .iter()
        .enumerate()
        .map(|(i, g)| {
            J::O(vec![
                ("id", J::N(i as u64)),
                ("date", iso(g.date)),
                ("ministry", js(MINISTRIES[g.ministry].0)),
                (
                    "campaign",
                    g.campaign.map_or(J::Null, |c| J::N(u64::from(c))),
                ),
                ("questions", J::A(g.members.iter().map(id).collect())),
            ])
        })
        .collect();
    let topic_groups = plan
        .topic_groups
        .iter()
        .enumerate()
        .map(|(i, g)| {
            J::O(vec![
                ("id", J::N(i as u64)),
                ("subject", js(DOMAINS[g.domain].subjects[g.subject])),
                ("questions", J::A(g.members.iter().map(id).collect())),
            ])
        })
        .collect();
    let truth = J::O(vec![
        ("generator_version", J::N(u64::from(GENERATOR_VERSION))),
        ("n", J::N(plan.n as u64)),
        ("seed", J::N(plan.seed)),
        ("format", js(format.name())),
        ("campaigns", J::A(campaigns)),
        ("answer_groups", J::A(answer_groups)),
        ("topic_groups", J::A(topic_groups)),
    ]);
    let mut out = json_text(&truth, true, false);
    out.push('\n');
    out
}
