//! Synthetic corpus generator: N questions écrites, deterministic from a seed, for benchmarks
//! and for trying the app at scale, with the hard cases of real dossiers.
//!
//! ```text
//! cargo run --release -p dossier-corpus -- DIR N [--seed S] [--format text|json|zip|mixed]
//! ```
//!
//! DIR must be empty or absent. The tests and the benches use this crate ([`documents`],
//! [`generate`]); the benches build their corpora under `target/bench-corpus/`.
//!
//! # What is generated
//! - **Titles** composed from a topical vocabulary (27 domains: rubric-specific subjects,
//!   places, people, stakes, measures), so that almost every title is distinct, as in real
//!   dossiers; campaign copies often keep their base title.
//! - **Texts** from the same vocabulary, chosen Zipf-like, so that common words ("santé",
//!   "Asalée", "retraite", "agriculteurs", "école", "hôpital", "énergie") occur in many texts
//!   with realistic frequencies; accents, ligatures, apostrophes `'` or `’` (per document),
//!   « guillemets », numbers like 2 000, percentages, euro amounts, and tables in some answers
//!   (`| a | b |` rows in the markdown layout, tab-separated cells in the plain one).
//! - **Deputies**: one per seat and legislature (some re-elected, keeping their `PA` id), some
//!   far more active than others.
//! - **Campaigns**: one base text sent by 2 to 60 deputies (mostly small campaigns; about 15 %
//!   of the questions), each copy with its own author, civility and département, sometimes
//!   another minister, an added or changed sentence, a few words swapped, a paragraph dropped
//!   or another closing formula; posted over a few weeks. [`Expected::campaign_edits`] lists
//!   the edits of each copy.
//! - **Grouped answers** ("allotissement"): one answer text published on one date for several
//!   questions of one ministry, often a campaign's, sometimes unrelated questions.
//! - **Topic groups**: questions on one subject written independently (like the five Asalée
//!   questions of the seeds), the false positives a similarity detector must not report.
//!
//! # Formats (`--format`)
//! - `text` (default): `DIR/<leg>e-legislature/<thousands>/<number>_<hash>.{md,txt}`, the
//!   markdown (`#` headings, `**Label :**`, `<sup>e</sup>`) and plain (bare labels, `^e`)
//!   renderings of the AN question page, mixed.
//! - `json`: the AN open-data form, one file per question,
//!   `DIR/<leg>e-legislature/json/QANR5L<leg>QE<number>.json` (`{"question": {...}}`, the shape
//!   of `QuestionEcrite_Type`: every scalar a string, `minAttribs.minAttrib` an object or a list
//!   when the ministry changed, HTML `texte`, nil values as `null`, `{}`, `{"@xsi:nil":"true"}`
//!   or a missing key), plus the AMO files of the authors and their groups under
//!   `DIR/amo/json/acteur/PA….json` and `DIR/amo/json/organe/PO….json`.
//! - `zip`: the same files in archives: `DIR/<leg>e-legislature/Questions_ecrites.json.zip`
//!   (entries `json/QANR5L<leg>QE<number>.json`) and
//!   `DIR/amo/AMO30_tous_acteurs_tous_mandats_tous_organes_historique.json.zip` (entries
//!   `json/acteur/PA….json`, `json/organe/PO….json`).
//! - `mixed`: each question as a text document or as a loose JSON file (about half each),
//!   with the loose AMO files.
//!
//! A question carries the same facts in every form, so its [`Expected`] holds for both, with
//! these readings of the JSON form: the title is `indexationAN.analyses.analyse`; the rubric
//! is `indexationAN.rubrique` with its first letter upper-cased (the files write it in lower
//! case, the page capitalises it); author, constituency and group come from the acteur file
//! (`etatCivil.ident`, the ASSEMBLEE mandat's `election.lieu`) and `auteur.groupe.developpe`;
//! the ministries are the `abrege` of `minInt` and of the last `minAttrib`; texts are the HTML
//! `texte` with tags removed, entities decoded, paragraphs (`</p><p>`, `<br><br>` or one
//! `<br>`) separated by a blank line, table rows (`<tr>`) on their own lines with cells joined
//! by ` | `, and a leading `13809. — 24 mars 2026. — ` header dropped. Events: publication =
//! first `texteQuestion`'s `infoJO.dateJO`; answer = `texteReponse`'s; a second `texteQuestion`
//! or `texteReponse` (carrying `erratum`) = the erratum; a `minAttrib` list = a change of
//! attribution on its last entry's date; `signalement.infoJO.dateJO`;
//! `renouvellements.renouvellement.infoJO.dateJO` (an invented shape: the real one is not
//! known); a `cloture` without an answer = withdrawal on `dateCloture`, its `libelleCloture`
//! being the note shown in the text ("Fin de mandat", ...).
//!
//! # The truth file
//! `generate` writes `DIR/.truth.json` ([`TRUTH`]; hidden, so a load ignores it), the planted
//! truth a benchmark of similarity detection can score against. Question ids are the app's
//! (`17-13809QE`); within each list they are in publication order:
//!
//! ```json
//! {
//!   "generator_version": 2, "n": 100000, "seed": 1, "format": "text",
//!   "campaigns": [
//!     {"id": 0, "title": "Avenir du dispositif Asalée", "ministry": "Santé et prévention",
//!      "questions": ["17-1203QE", "17-1210QE"]}
//!   ],
//!   "answer_groups": [
//!     {"id": 0, "date": "2025-03-11", "ministry": "Santé et prévention", "campaign": 0,
//!      "questions": ["17-1203QE", "17-1210QE"]}
//!   ],
//!   "topic_groups": [
//!     {"id": 0, "subject": "du dispositif Asalée", "questions": ["16-400QE", "16-455QE"]}
//!   ]
//! }
//! ```
//!
//! A campaign's `title` is its base title, which the copies that keep it show (with `’` for
//! `'` in the documents that use typographic apostrophes); the others have their own.
//! `campaign` of an answer group is `null` for unrelated questions answered together.
//! Campaign pairs are the positives of similarity detection; topic-group pairs are hard
//! negatives (same subject, written separately); answer groups share their answer text only.

mod facts;
mod opendata;
mod plan;
mod prose;
mod rng;
#[cfg(test)]
mod tests;
mod text;
mod vocabulary;
mod words;
mod world;
mod write;

pub use rng::Rng;
pub use text::{documents, Document, Expected};
pub use write::{generate, generate_with, Format, Summary, AMO_ZIP, COMMON_WORDS, QUESTIONS_ZIP};

/// Bumped whenever the output for a given seed changes, so cached corpora are rebuilt.
pub const GENERATOR_VERSION: u32 = 2;

/// Name of the marker file written last in DIR (hidden, so a load ignores it).
pub const MARKER: &str = ".gen_corpus";

/// Name of the truth file written in DIR (hidden, so a load ignores it).
pub const TRUTH: &str = ".truth.json";
