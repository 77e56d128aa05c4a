#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Synthetic corpus generator: N questions écrites, deterministic from a seed, for benchmarks
//! and for trying the app at scale, with the hard cases of real dossiers.
//!
//! ```text
//! cargo run --release --example gen_corpus -- DIR N [--seed S] [--format text|json|zip|mixed]
//! ```
//!
//! DIR must be empty or absent. The benches include this file as a module ([`documents`],
//! [`generate`]) to build their corpora under `target/bench-corpus/`.
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

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use dossier_core::model::{EventKind, Status};
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Bumped whenever the output for a given seed changes, so cached corpora are rebuilt.
pub const GENERATOR_VERSION: u32 = 2;

/// Name of the marker file written last in DIR (hidden, so a load ignores it).
pub const MARKER: &str = ".gen_corpus";

/// Name of the truth file written in DIR (hidden, so a load ignores it).
pub const TRUTH: &str = ".truth.json";

/// SplitMix64: a tiny, well-known PRNG. Self-contained so that a seed gives the same corpus
/// whatever versions of random-number crates the lock file holds.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator for `seed`.
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (n > 0).
    pub fn below(&mut self, n: u64) -> u64 {
        // Multiply-shift: unbiased enough for a corpus, and fast.
        ((self.next_u64() as u128 * n as u128) >> 64) as u64
    }

    /// A number in `lo..=hi`.
    pub fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + self.below((hi - lo + 1) as u64) as i64
    }

    /// A number in `0..1`.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    /// One element of a non-empty slice.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }

    /// An index in `0..n` (n > 0), rank k with a probability close to 1/(k+1) (Zipf, s = 1):
    /// the first items of a list are the common ones.
    pub fn zipf(&mut self, n: usize) -> usize {
        let k = ((n as f64 + 1.0).powf(self.unit()) - 1.0) as usize;
        k.min(n - 1)
    }

    /// One of a non-empty list of words.
    pub fn pick_str(&mut self, items: &[&'static str]) -> &'static str {
        items[self.below(items.len() as u64) as usize]
    }

    /// One of a non-empty list of words, Zipf-like (see [`Rng::zipf`]).
    pub fn pick_zipf_str(&mut self, items: &[&'static str]) -> &'static str {
        items[self.zipf(items.len())]
    }

    /// One element of a non-empty slice, Zipf-like (see [`Rng::zipf`]).
    pub fn pick_zipf<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.zipf(items.len())]
    }

    /// A length between `lo` and `hi`, skewed towards the short end (log-uniform).
    pub fn length(&mut self, lo: usize, hi: usize) -> usize {
        let u = self.unit();
        (lo as f64 * (hi as f64 / lo as f64).powf(u)) as usize
    }
}

/// A day as (year, month, day).
type Ymd = (i32, u32, u32);

/// Legislatures generated: number, first and last day, share of the corpus in percent, and the
/// organe of the Assemblée for that legislature (`PO…`).
const LEGISLATURES: [(u16, Ymd, Ymd, u64, u32); 4] = [
    (14, (2012, 7, 3), (2017, 6, 19), 25, 644_420),
    (15, (2017, 7, 4), (2022, 6, 20), 30, 717_460),
    (16, (2022, 7, 5), (2024, 6, 9), 20, 791_932),
    (17, (2024, 7, 23), (2026, 6, 30), 25, 838_901),
];

fn ymd((y, m, d): Ymd) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
}

/// Political groups per legislature: name, abbreviation, weight (relative size).
const GROUPS: [&[(&str, &str, u32)]; 4] = [
    &[
        ("Socialiste, républicain et citoyen", "SRC", 290),
        ("Union pour un Mouvement Populaire", "UMP", 160),
        ("Les Républicains", "LR", 40),
        ("Union des démocrates et indépendants", "UDI", 30),
        ("Écologiste", "ECOLO", 17),
        (
            "Radical, républicain, démocrate et progressiste",
            "RRDP",
            17,
        ),
        ("Gauche démocrate et républicaine", "GDR", 15),
        ("Non inscrit", "NI", 8),
    ],
    &[
        ("La République en Marche", "LAREM", 300),
        ("Les Républicains", "LR", 100),
        ("Mouvement Démocrate et apparentés", "MODEM", 46),
        ("Socialistes et apparentés", "SOC", 28),
        ("UDI, Agir et Indépendants", "UAI", 28),
        ("La France insoumise", "LFI", 17),
        ("Gauche démocrate et républicaine", "GDR", 16),
        ("Libertés et Territoires", "LT", 16),
        ("Non inscrit", "NI", 12),
    ],
    &[
        ("Renaissance", "RE", 170),
        ("Rassemblement National", "RN", 88),
        (
            "La France insoumise - Nouvelle Union Populaire écologique et sociale",
            "LFI-NUPES",
            75,
        ),
        ("Les Républicains", "LR", 62),
        ("Démocrate (MoDem et Indépendants)", "DEM", 51),
        (
            "Socialistes et apparentés (membre de l'intergroupe NUPES)",
            "SOC",
            31,
        ),
        ("Horizons et apparentés", "HOR", 30),
        ("Écologiste - NUPES", "ECOLO", 23),
        ("Gauche démocrate et républicaine - NUPES", "GDR-NUPES", 22),
        (
            "Libertés, Indépendants, Outre-mer et Territoires",
            "LIOT",
            21,
        ),
        ("Non inscrit", "NI", 5),
    ],
    &[
        ("Ensemble pour la République", "EPR", 95),
        ("Rassemblement National", "RN", 123),
        (
            "La France insoumise - Nouveau Front Populaire",
            "LFI-NFP",
            71,
        ),
        ("Socialistes et apparentés", "SOC", 66),
        ("Droite Républicaine", "DR", 47),
        ("Écologiste et Social", "EcoS", 38),
        ("Les Démocrates", "DEM", 36),
        ("Horizons & Indépendants", "HOR", 34),
        (
            "Libertés, Indépendants, Outre-mer et Territoires",
            "LIOT",
            23,
        ),
        ("Gauche Démocrate et Républicaine", "GDR", 17),
        ("Union des droites pour la République", "UDR", 16),
        ("Non inscrit", "NI", 9),
    ],
];

/// The organe id (`PO…`) of a group.
fn group_organe(leg_index: usize, group: usize) -> u32 {
    [645_000, 718_000, 792_000, 845_400][leg_index] + group as u32 * 7 + 1
}

/// Ministries: the name in "Ministère interrogé" and the words after "ministre" in the text.
const MINISTRIES: &[(&str, &str)] = &[
    ("Santé et prévention", "de la santé et de la prévention"),
    (
        "Santé, familles, autonomie et personnes handicapées",
        "de la santé, des familles, de l'autonomie et des personnes handicapées",
    ),
    (
        "Agriculture et souveraineté alimentaire",
        "de l'agriculture et de la souveraineté alimentaire",
    ),
    (
        "Économie, finances et souveraineté industrielle et numérique",
        "de l'économie, des finances et de la souveraineté industrielle et numérique",
    ),
    (
        "Éducation nationale et jeunesse",
        "de l'éducation nationale et de la jeunesse",
    ),
    ("Intérieur et outre-mer", "de l'intérieur et des outre-mer"),
    ("Justice", "de la justice"),
    (
        "Travail, plein emploi et insertion",
        "du travail, du plein emploi et de l'insertion",
    ),
    (
        "Transition écologique et cohésion des territoires",
        "de la transition écologique et de la cohésion des territoires",
    ),
    ("Armées", "des armées"),
    ("Culture", "de la culture"),
    (
        "Enseignement supérieur et recherche",
        "de l'enseignement supérieur et de la recherche",
    ),
    ("Transports", "chargé des transports"),
    (
        "Solidarités, autonomie et personnes handicapées",
        "des solidarités, de l'autonomie et des personnes handicapées",
    ),
    ("Logement", "chargé du logement"),
    (
        "Europe et affaires étrangères",
        "de l'Europe et des affaires étrangères",
    ),
    ("Sports", "des sports"),
    (
        "Transformation et fonction publiques",
        "de la transformation et de la fonction publiques",
    ),
    ("Comptes publics", "chargé des comptes publics"),
    (
        "Collectivités territoriales et ruralité",
        "chargé des collectivités territoriales et de la ruralité",
    ),
    ("Outre-mer", "des outre-mer"),
    (
        "Armées et anciens combattants",
        "des armées et des anciens combattants",
    ),
    (
        "Travail, santé et solidarités",
        "du travail, de la santé et des solidarités",
    ),
    (
        "Petites et moyennes entreprises, commerce, artisanat et tourisme",
        "chargé des petites et moyennes entreprises, du commerce, de l'artisanat et du tourisme",
    ),
];

/// The organe id (`PO…`) of a ministry.
fn ministry_organe(ministry: usize) -> u32 {
    847_601 + ministry as u32 * 3
}

/// The minister as addressed in a text: "Mme la ministre de la santé ...".
fn minister_title(ministry: usize, female: bool) -> String {
    let words = MINISTRIES[ministry].1;
    if female {
        let words = match words.strip_prefix("chargé ") {
            Some(rest) => format!("chargée {rest}"),
            None => words.to_string(),
        };
        format!("Mme la ministre {words}")
    } else {
        format!("M. le ministre {words}")
    }
}

/// Whether the minister of a ministry is a woman, for a legislature (fixed per government).
fn minister_female(ministry: usize, leg_index: usize) -> bool {
    (ministry * 7 + leg_index * 3) % 5 < 2
}

/// Départements: code, name, seats, "in" form, prefecture, region.
const DEPARTMENTS: &[(&str, &str, u32, &str, &str, &str)] = &[
    ("01", "Ain", 5, "dans l'Ain", "Bourg-en-Bresse", ARA),
    ("02", "Aisne", 5, "dans l'Aisne", "Laon", HDF),
    ("03", "Allier", 3, "dans l'Allier", "Moulins", ARA),
    (
        "04",
        "Alpes-de-Haute-Provence",
        2,
        "dans les Alpes-de-Haute-Provence",
        "Digne-les-Bains",
        PACA,
    ),
    (
        "05",
        "Hautes-Alpes",
        2,
        "dans les Hautes-Alpes",
        "Gap",
        PACA,
    ),
    (
        "06",
        "Alpes-Maritimes",
        9,
        "dans les Alpes-Maritimes",
        "Nice",
        PACA,
    ),
    ("07", "Ardèche", 3, "en Ardèche", "Privas", ARA),
    (
        "08",
        "Ardennes",
        3,
        "dans les Ardennes",
        "Charleville-Mézières",
        GE,
    ),
    ("09", "Ariège", 2, "en Ariège", "Foix", OCC),
    ("10", "Aube", 3, "dans l'Aube", "Troyes", GE),
    ("11", "Aude", 3, "dans l'Aude", "Carcassonne", OCC),
    ("12", "Aveyron", 3, "en Aveyron", "Rodez", OCC),
    (
        "13",
        "Bouches-du-Rhône",
        16,
        "dans les Bouches-du-Rhône",
        "Marseille",
        PACA,
    ),
    ("14", "Calvados", 6, "dans le Calvados", "Caen", NOR),
    ("15", "Cantal", 2, "dans le Cantal", "Aurillac", ARA),
    ("16", "Charente", 3, "en Charente", "Angoulême", NA),
    (
        "17",
        "Charente-Maritime",
        5,
        "en Charente-Maritime",
        "La Rochelle",
        NA,
    ),
    ("18", "Cher", 3, "dans le Cher", "Bourges", CVL),
    ("19", "Corrèze", 2, "en Corrèze", "Tulle", NA),
    ("2A", "Corse-du-Sud", 2, "en Corse-du-Sud", "Ajaccio", COR),
    ("2B", "Haute-Corse", 2, "en Haute-Corse", "Bastia", COR),
    ("21", "Côte-d'Or", 5, "en Côte-d'Or", "Dijon", BFC),
    (
        "22",
        "Côtes-d'Armor",
        5,
        "dans les Côtes-d'Armor",
        "Saint-Brieuc",
        BRE,
    ),
    ("23", "Creuse", 1, "dans la Creuse", "Guéret", NA),
    ("24", "Dordogne", 4, "en Dordogne", "Périgueux", NA),
    ("25", "Doubs", 5, "dans le Doubs", "Besançon", BFC),
    ("26", "Drôme", 4, "dans la Drôme", "Valence", ARA),
    ("27", "Eure", 5, "dans l'Eure", "Évreux", NOR),
    ("28", "Eure-et-Loir", 4, "en Eure-et-Loir", "Chartres", CVL),
    ("29", "Finistère", 8, "dans le Finistère", "Quimper", BRE),
    ("30", "Gard", 6, "dans le Gard", "Nîmes", OCC),
    (
        "31",
        "Haute-Garonne",
        10,
        "en Haute-Garonne",
        "Toulouse",
        OCC,
    ),
    ("32", "Gers", 2, "dans le Gers", "Auch", OCC),
    ("33", "Gironde", 12, "en Gironde", "Bordeaux", NA),
    ("34", "Hérault", 9, "dans l'Hérault", "Montpellier", OCC),
    (
        "35",
        "Ille-et-Vilaine",
        8,
        "en Ille-et-Vilaine",
        "Rennes",
        BRE,
    ),
    ("36", "Indre", 2, "dans l'Indre", "Châteauroux", CVL),
    ("37", "Indre-et-Loire", 5, "en Indre-et-Loire", "Tours", CVL),
    ("38", "Isère", 10, "en Isère", "Grenoble", ARA),
    ("39", "Jura", 3, "dans le Jura", "Lons-le-Saunier", BFC),
    ("40", "Landes", 3, "dans les Landes", "Mont-de-Marsan", NA),
    ("41", "Loir-et-Cher", 3, "en Loir-et-Cher", "Blois", CVL),
    ("42", "Loire", 6, "dans la Loire", "Saint-Étienne", ARA),
    (
        "43",
        "Haute-Loire",
        2,
        "en Haute-Loire",
        "Le Puy-en-Velay",
        ARA,
    ),
    (
        "44",
        "Loire-Atlantique",
        10,
        "en Loire-Atlantique",
        "Nantes",
        PDL,
    ),
    ("45", "Loiret", 6, "dans le Loiret", "Orléans", CVL),
    ("46", "Lot", 2, "dans le Lot", "Cahors", OCC),
    ("47", "Lot-et-Garonne", 3, "en Lot-et-Garonne", "Agen", NA),
    ("48", "Lozère", 1, "en Lozère", "Mende", OCC),
    (
        "49",
        "Maine-et-Loire",
        7,
        "en Maine-et-Loire",
        "Angers",
        PDL,
    ),
    ("50", "Manche", 4, "dans la Manche", "Saint-Lô", NOR),
    (
        "51",
        "Marne",
        5,
        "dans la Marne",
        "Châlons-en-Champagne",
        GE,
    ),
    ("52", "Haute-Marne", 2, "en Haute-Marne", "Chaumont", GE),
    ("53", "Mayenne", 3, "en Mayenne", "Laval", PDL),
    (
        "54",
        "Meurthe-et-Moselle",
        6,
        "en Meurthe-et-Moselle",
        "Nancy",
        GE,
    ),
    ("55", "Meuse", 2, "dans la Meuse", "Bar-le-Duc", GE),
    ("56", "Morbihan", 6, "dans le Morbihan", "Vannes", BRE),
    ("57", "Moselle", 9, "en Moselle", "Metz", GE),
    ("58", "Nièvre", 2, "dans la Nièvre", "Nevers", BFC),
    ("59", "Nord", 21, "dans le Nord", "Lille", HDF),
    ("60", "Oise", 7, "dans l'Oise", "Beauvais", HDF),
    ("61", "Orne", 3, "dans l'Orne", "Alençon", NOR),
    (
        "62",
        "Pas-de-Calais",
        12,
        "dans le Pas-de-Calais",
        "Arras",
        HDF,
    ),
    (
        "63",
        "Puy-de-Dôme",
        5,
        "dans le Puy-de-Dôme",
        "Clermont-Ferrand",
        ARA,
    ),
    (
        "64",
        "Pyrénées-Atlantiques",
        6,
        "dans les Pyrénées-Atlantiques",
        "Pau",
        NA,
    ),
    (
        "65",
        "Hautes-Pyrénées",
        2,
        "dans les Hautes-Pyrénées",
        "Tarbes",
        OCC,
    ),
    (
        "66",
        "Pyrénées-Orientales",
        4,
        "dans les Pyrénées-Orientales",
        "Perpignan",
        OCC,
    ),
    ("67", "Bas-Rhin", 9, "dans le Bas-Rhin", "Strasbourg", GE),
    ("68", "Haut-Rhin", 6, "dans le Haut-Rhin", "Colmar", GE),
    ("69", "Rhône", 14, "dans le Rhône", "Lyon", ARA),
    ("70", "Haute-Saône", 2, "en Haute-Saône", "Vesoul", BFC),
    ("71", "Saône-et-Loire", 5, "en Saône-et-Loire", "Mâcon", BFC),
    ("72", "Sarthe", 5, "dans la Sarthe", "Le Mans", PDL),
    ("73", "Savoie", 4, "en Savoie", "Chambéry", ARA),
    ("74", "Haute-Savoie", 6, "en Haute-Savoie", "Annecy", ARA),
    ("75", "Paris", 18, "à Paris", "Paris", IDF),
    (
        "76",
        "Seine-Maritime",
        10,
        "en Seine-Maritime",
        "Rouen",
        NOR,
    ),
    (
        "77",
        "Seine-et-Marne",
        11,
        "en Seine-et-Marne",
        "Melun",
        IDF,
    ),
    ("78", "Yvelines", 12, "dans les Yvelines", "Versailles", IDF),
    ("79", "Deux-Sèvres", 3, "dans les Deux-Sèvres", "Niort", NA),
    ("80", "Somme", 5, "dans la Somme", "Amiens", HDF),
    ("81", "Tarn", 3, "dans le Tarn", "Albi", OCC),
    (
        "82",
        "Tarn-et-Garonne",
        2,
        "en Tarn-et-Garonne",
        "Montauban",
        OCC,
    ),
    ("83", "Var", 8, "dans le Var", "Toulon", PACA),
    ("84", "Vaucluse", 5, "dans le Vaucluse", "Avignon", PACA),
    ("85", "Vendée", 5, "en Vendée", "La Roche-sur-Yon", PDL),
    ("86", "Vienne", 4, "dans la Vienne", "Poitiers", NA),
    ("87", "Haute-Vienne", 3, "en Haute-Vienne", "Limoges", NA),
    ("88", "Vosges", 4, "dans les Vosges", "Épinal", GE),
    ("89", "Yonne", 3, "dans l'Yonne", "Auxerre", BFC),
    (
        "90",
        "Territoire de Belfort",
        2,
        "dans le Territoire de Belfort",
        "Belfort",
        BFC,
    ),
    ("91", "Essonne", 10, "en Essonne", "Évry-Courcouronnes", IDF),
    (
        "92",
        "Hauts-de-Seine",
        13,
        "dans les Hauts-de-Seine",
        "Nanterre",
        IDF,
    ),
    (
        "93",
        "Seine-Saint-Denis",
        12,
        "en Seine-Saint-Denis",
        "Bobigny",
        IDF,
    ),
    (
        "94",
        "Val-de-Marne",
        11,
        "dans le Val-de-Marne",
        "Créteil",
        IDF,
    ),
    ("95", "Val-d'Oise", 10, "dans le Val-d'Oise", "Cergy", IDF),
    (
        "971",
        "Guadeloupe",
        4,
        "en Guadeloupe",
        "Basse-Terre",
        "Guadeloupe",
    ),
    (
        "972",
        "Martinique",
        4,
        "en Martinique",
        "Fort-de-France",
        "Martinique",
    ),
    ("973", "Guyane", 2, "en Guyane", "Cayenne", "Guyane"),
    (
        "974",
        "La Réunion",
        7,
        "à La Réunion",
        "Saint-Denis",
        "La Réunion",
    ),
    ("976", "Mayotte", 2, "à Mayotte", "Mamoudzou", "Mayotte"),
];
const ARA: &str = "Auvergne-Rhône-Alpes";
const HDF: &str = "Hauts-de-France";
const PACA: &str = "Provence-Alpes-Côte d'Azur";
const GE: &str = "Grand Est";
const OCC: &str = "Occitanie";
const NOR: &str = "Normandie";
const NA: &str = "Nouvelle-Aquitaine";
const CVL: &str = "Centre-Val de Loire";
const COR: &str = "Corse";
const BFC: &str = "Bourgogne-Franche-Comté";
const BRE: &str = "Bretagne";
const PDL: &str = "Pays de la Loire";
const IDF: &str = "Île-de-France";

/// Regions shown in answer tables.
const TABLE_REGIONS: &[&str] = &[
    ARA,
    HDF,
    PACA,
    GE,
    OCC,
    NOR,
    NA,
    CVL,
    COR,
    BFC,
    BRE,
    PDL,
    IDF,
    "Outre-mer",
];

/// "de Guéret", "d'Angers", "du Mans".
fn de_town(town: &str) -> String {
    if let Some(rest) = town.strip_prefix("Le ") {
        format!("du {rest}")
    } else if town.starts_with(['A', 'E', 'É', 'I', 'O', 'U', 'Y']) {
        format!("d'{town}")
    } else {
        format!("de {town}")
    }
}

/// "à Guéret", "au Mans".
fn a_town(town: &str) -> String {
    match town.strip_prefix("Le ") {
        Some(rest) => format!("au {rest}"),
        None => format!("à {town}"),
    }
}

const FIRST_NAMES_M: &[&str] = &[
    "Jean",
    "Pierre",
    "Marc",
    "Philippe",
    "Nicolas",
    "François",
    "Thierry",
    "Olivier",
    "Éric",
    "Laurent",
    "Stéphane",
    "Julien",
    "Alexandre",
    "Sébastien",
    "Christophe",
    "Patrick",
    "Michel",
    "Frédéric",
    "Antoine",
    "Vincent",
    "Corentin",
    "Jean-Michel",
    "Jean-Louis",
    "Hervé",
    "Yannick",
    "Benoît",
    "Guillaume",
    "Damien",
    "Xavier",
    "Loïc",
    "Régis",
    "Arnaud",
    "Bruno",
    "Didier",
    "Mathieu",
    "Thibault",
    "Fabien",
    "Sylvain",
    "Jérôme",
    "Gaëtan",
    "Raphaël",
    "Emmanuel",
    "Jean-François",
    "Dominique",
    "Pascal",
    "Gilles",
    "Maxime",
    "Romain",
    "Adrien",
    "Cédric",
];
const FIRST_NAMES_F: &[&str] = &[
    "Marie",
    "Sylvie",
    "Isabelle",
    "Nathalie",
    "Catherine",
    "Sophie",
    "Delphine",
    "Valérie",
    "Christine",
    "Sandrine",
    "Anne",
    "Caroline",
    "Émilie",
    "Céline",
    "Aurélie",
    "Claire",
    "Laurence",
    "Véronique",
    "Hélène",
    "Agnès",
    "Martine",
    "Béatrice",
    "Josiane",
    "Mathilde",
    "Élodie",
    "Géraldine",
    "Annie",
    "Brigitte",
    "Marie-Christine",
    "Anne-Laure",
    "Florence",
    "Chloé",
    "Justine",
    "Maud",
    "Ségolène",
    "Danièle",
    "Frédérique",
    "Karine",
    "Pascale",
    "Virginie",
    "Estelle",
    "Françoise",
    "Anaïs",
    "Perrine",
];
const LAST_NAMES: &[&str] = &[
    "Martin",
    "Bernard",
    "Dubois",
    "Thomas",
    "Robert",
    "Richard",
    "Petit",
    "Durand",
    "Leroy",
    "Moreau",
    "Simon",
    "Laurent",
    "Lefèvre",
    "Michel",
    "Garcia",
    "David",
    "Bertrand",
    "Roux",
    "Vincent",
    "Fournier",
    "Morel",
    "Girard",
    "André",
    "Mercier",
    "Dupont",
    "Lambert",
    "Bonnet",
    "François",
    "Martinez",
    "Legrand",
    "Garnier",
    "Faure",
    "Rousseau",
    "Blanc",
    "Guérin",
    "Muller",
    "Henry",
    "Roussel",
    "Nicolas",
    "Perrin",
    "Morin",
    "Mathieu",
    "Clément",
    "Gauthier",
    "Dumont",
    "Lopez",
    "Fontaine",
    "Chevalier",
    "Robin",
    "Masson",
    "Sanchez",
    "Gérard",
    "Nguyen",
    "Boyer",
    "Denis",
    "Lemaire",
    "Duval",
    "Joly",
    "Gautier",
    "Roger",
    "Roche",
    "Roy",
    "Noël",
    "Meyer",
    "Lucas",
    "Meunier",
    "Jean",
    "Perez",
    "Marchand",
    "Dufour",
    "Blanchard",
    "Barbier",
    "Brun",
    "Dumas",
    "Brunet",
    "Schmitt",
    "Leroux",
    "Colin",
    "Fernandez",
    "Le Fur",
    "Le Gall",
    "de Courson",
    "Chavent",
    "Brard",
    "Batho",
    "Saint-Martin",
    "Le Bihan",
    "Mignola",
    "Pancher",
    "Arnaud",
    "Aubert",
    "Baron",
    "Bazin",
    "Bouvier",
    "Carré",
    "Charpentier",
    "Cordier",
    "Da Silva",
    "Delaunay",
    "Deschamps",
    "Di Filippo",
    "Ferrand",
    "Gaillard",
    "Giraud",
    "Hamon",
    "Hubert",
    "Jacquet",
    "Julien",
    "Klein",
    "Lacroix",
    "Le Roux",
    "Lebrun",
    "Lecomte",
    "Lemoine",
    "Maillard",
    "Marie",
    "Millet",
    "Moulin",
    "Olivier",
    "Paris",
    "Picard",
    "Poirier",
    "Rey",
    "Rivière",
    "Rolland",
    "Tessier",
    "Vidal",
    "Weber",
    "Bamana",
    "Sitzenstuhl",
    "Thiériot",
    "Vigier",
];

/// One field of questions: its rubrics, ministries and words. Lists are ordered from the most
/// to the least common entry, as picks are Zipf-like. In templates, `{place}` is the author's
/// département ("dans la Loire"), `{de_town}`/`{a_town}` its prefecture ("de Saint-Étienne",
/// "à Saint-Étienne"), `{n}` a count, `{n2}` a small count, `{pct}` a percentage, `{eur}` an
/// amount in euros, `{year}` a recent year, `{people}` the domain's people.
struct Domain {
    /// Relative share of the questions.
    weight: u32,
    rubrics: &'static [&'static str],
    /// Indices into [`MINISTRIES`], the usual one first.
    ministries: &'static [usize],
    /// What a question is about, in the "de" form titles use: "du dispositif Asalée".
    subjects: &'static [&'static str],
    /// "Tête d'analyse" of the JSON form: a broad heading in lower case.
    heads: &'static [&'static str],
    /// People concerned (plural, feminine?).
    people: &'static [(&'static str, bool)],
    /// Stakes, as noun phrases with their article.
    stakes: &'static [&'static str],
    /// Bodies that act or speak.
    bodies: &'static [&'static str],
    /// Measures asked for or announced, as noun phrases with their article.
    measures: &'static [&'static str],
    /// Sentences of the domain, with slots.
    facts: &'static [&'static str],
}

const DOMAINS: &[Domain] = &[
    Domain {
        weight: 100,
        rubrics: &["Santé", "Établissements de santé", "Professions de santé"],
        ministries: &[1, 0, 22],
        subjects: &[
            "des services d'urgence",
            "de l'hôpital de proximité",
            "des déserts médicaux",
            "de la permanence des soins",
            "du centre hospitalier {de_town}",
            "des maternités de proximité",
            "des centres de santé",
            "des maisons de santé pluriprofessionnelles",
            "de la psychiatrie publique",
            "des soins palliatifs",
            "de la santé mentale des jeunes",
            "du service mobile d'urgence et de réanimation",
            "de l'offre de soins",
            "de la médecine de ville",
            "des hôpitaux publics",
            "de l'imagerie médicale",
            "des services de pédiatrie",
            "de la télémédecine",
            "du dépistage des cancers",
            "de l'accès aux soins dentaires",
            "de la pédopsychiatrie",
            "des urgences pédiatriques",
            "de l'hôpital {de_town}",
            "des consultations non programmées",
        ],
        heads: &["santé", "établissements de santé", "hôpitaux", "médecins"],
        people: &[
            ("patients", false),
            ("médecins", false),
            ("soignants", false),
            ("personnels hospitaliers", false),
            ("habitants", false),
            ("urgentistes", false),
        ],
        stakes: &[
            "l'accès aux soins dans les territoires ruraux",
            "la continuité des soins",
            "la permanence des soins",
            "la sécurité des patients",
            "l'attractivité de l'hôpital public",
            "la qualité de la prise en charge",
            "l'égal accès à la santé",
            "la santé publique",
            "l'organisation des soins de premier recours",
            "la démographie médicale",
            "les délais de prise en charge",
            "la santé mentale",
            "la prévention en santé",
            "l'équilibre financier des établissements de santé",
        ],
        bodies: &[
            "l'agence régionale de santé",
            "la direction de l'hôpital",
            "la Caisse nationale de l'assurance maladie (CNAM)",
            "la Fédération hospitalière de France",
            "le conseil de l'ordre des médecins",
            "la Haute Autorité de santé",
            "les syndicats de praticiens hospitaliers",
        ],
        measures: &[
            "la réouverture des lits fermés",
            "un plan d'urgence pour l'hôpital",
            "la régulation de l'installation des médecins",
            "le renfort des effectifs soignants",
            "la revalorisation des gardes de nuit",
            "le financement pérenne des centres de santé",
            "la création de postes d'internes",
            "un moratoire sur les fermetures de services",
        ],
        facts: &[
            "Le service des urgences {de_town} a dû fermer ses portes à {n2} reprises depuis le début de l'année, faute de médecins.",
            "Près de {pct} % des habitants {place} n'ont plus de médecin traitant.",
            "L'hôpital {de_town} affiche un déficit de {eur} pour l'exercice {year}.",
            "Les délais d'attente pour obtenir un rendez-vous chez un spécialiste dépassent désormais six mois {place}.",
            "La santé des habitants ne peut dépendre de leur lieu de résidence.",
            "Plus de {n} passages aux urgences ont été recensés en {year}, soit une hausse de {pct} % en cinq ans.",
            "Les médecins partant à la retraite ne sont pas remplacés et les cabinets ferment les uns après les autres.",
        ],
    },
    Domain {
        weight: 70,
        rubrics: &["Professions de santé", "Santé", "Assurance maladie maternité"],
        ministries: &[1, 0, 22],
        subjects: &[
            "des infirmières libérales",
            "des masseurs-kinésithérapeutes",
            "des orthophonistes",
            "des infirmiers en pratique avancée",
            "des sages-femmes",
            "des aides-soignants",
            "des pharmaciens d'officine",
            "des psychologues",
            "du dispositif Asalée",
            "des médecins généralistes",
            "des chirurgiens-dentistes",
            "des infirmiers anesthésistes",
            "des orthoptistes",
            "des infirmières Asalée",
            "des ambulanciers",
            "des manipulateurs en électroradiologie",
            "des diététiciens",
            "des médecins à diplôme étranger",
            "de l'association Asalée",
            "des étudiants en médecine",
            "des internes en médecine générale",
            "des ergothérapeutes",
        ],
        heads: &["professions de santé", "infirmiers", "professions paramédicales"],
        people: &[
            ("infirmières", true),
            ("infirmiers", false),
            ("professionnels de santé", false),
            ("médecins généralistes", false),
            ("patients", false),
            ("praticiens", false),
        ],
        stakes: &[
            "la reconnaissance des compétences",
            "la coopération entre médecins et infirmiers",
            "la prise en charge des maladies chroniques",
            "l'exercice coordonné",
            "la rémunération des actes",
            "l'accès direct aux soins",
            "le temps médical disponible",
            "l'éducation thérapeutique des patients",
            "l'attractivité des métiers du soin",
            "les conditions d'exercice",
            "la formation initiale",
            "le suivi des patients atteints de diabète",
        ],
        bodies: &[
            "la Caisse nationale de l'assurance maladie (CNAM)",
            "l'association Action de santé libérale en équipe (Asalée)",
            "l'Ordre national des infirmiers",
            "l'Inspection générale des affaires sociales (IGAS)",
            "les caisses primaires d'assurance maladie",
            "les unions régionales des professionnels de santé",
            "les syndicats représentatifs",
        ],
        measures: &[
            "la revalorisation des actes infirmiers",
            "la signature d'une nouvelle convention avec l'association Asalée",
            "le maintien du financement du dispositif Asalée",
            "l'élargissement des protocoles de coopération",
            "la reconnaissance du statut des infirmiers en pratique avancée",
            "l'ouverture de négociations conventionnelles",
            "la revalorisation des indemnités kilométriques",
            "l'augmentation du nombre de places en formation",
        ],
        facts: &[
            "Créé en 2004, le dispositif Asalée repose sur la coopération entre médecins généralistes et infirmiers pour le suivi des patients atteints de pathologies chroniques.",
            "Le réseau Asalée mobilise environ 2 000 infirmiers auprès de {n} médecins généralistes.",
            "Les infirmières Asalée ne perçoivent plus leurs salaires depuis le mois de {month} {year}.",
            "La CNAM, qui finance l'association à hauteur de {pct} %, a suspendu son versement.",
            "Les indemnités kilométriques n'ont pas été revalorisées depuis {year}, alors que le prix du carburant a fortement augmenté.",
            "Le rapport de l'IGAS a relevé des fragilités de gouvernance sans remettre en cause l'utilité sanitaire du modèle.",
            "Près de {n} patients bénéficient chaque année d'un suivi infirmier {place}.",
        ],
    },
    Domain {
        weight: 40,
        rubrics: &["Pharmacie et médicaments", "Santé"],
        ministries: &[0, 1],
        subjects: &[
            "des pénuries de médicaments",
            "des pharmacies rurales",
            "du remboursement des médicaments",
            "de l'amoxicilline",
            "des médicaments génériques",
            "des dispositifs médicaux",
            "de la vaccination en pharmacie",
            "des traitements contre le cancer",
            "des médicaments anticancéreux",
            "de la production de principes actifs",
            "des préparations magistrales",
            "du cannabis thérapeutique",
        ],
        heads: &["pharmacie et médicaments", "médicaments"],
        people: &[("pharmaciens", false), ("patients", false), ("malades", false)],
        stakes: &[
            "la souveraineté sanitaire",
            "l'approvisionnement des officines",
            "la sécurité des patients",
            "le maillage officinal",
            "l'accès aux traitements innovants",
            "la santé publique",
        ],
        bodies: &[
            "l'Agence nationale de sécurité du médicament (ANSM)",
            "les laboratoires pharmaceutiques",
            "l'ordre des pharmaciens",
            "le comité économique des produits de santé",
        ],
        measures: &[
            "la relocalisation de la production de médicaments",
            "la constitution de stocks de sécurité",
            "la révision de la politique de prix",
            "un plan de lutte contre les pénuries",
        ],
        facts: &[
            "Plus de {n} ruptures de stock ont été signalées à l'ANSM en {year}.",
            "Les pharmaciens {place} passent désormais plusieurs heures par semaine à chercher des alternatives pour leurs patients.",
            "Près de {pct} % des principes actifs sont produits hors de l'Union européenne.",
        ],
    },
    Domain {
        weight: 50,
        rubrics: &["Personnes handicapées", "Enseignement", "Prestations familiales"],
        ministries: &[13, 4, 1],
        subjects: &[
            "des accompagnants d'élèves en situation de handicap",
            "de l'allocation aux adultes handicapés",
            "des maisons départementales des personnes handicapées",
            "de l'inclusion scolaire",
            "des enfants autistes",
            "des établissements et services d'aide par le travail",
            "de l'accessibilité des transports",
            "de la prestation de compensation du handicap",
            "des aidants familiaux",
            "des personnes polyhandicapées",
            "des instituts médico-éducatifs",
            "de la déconjugalisation de l'allocation aux adultes handicapés",
            "des troubles du neurodéveloppement",
        ],
        heads: &["personnes handicapées", "handicap"],
        people: &[
            ("familles", true),
            ("personnes en situation de handicap", true),
            ("élèves", false),
            ("aidants", false),
            ("accompagnants", false),
        ],
        stakes: &[
            "l'inclusion des personnes en situation de handicap",
            "la scolarisation des enfants handicapés",
            "l'autonomie des personnes",
            "les délais de traitement des dossiers",
            "le reste à charge des familles",
            "l'accessibilité des services publics",
        ],
        bodies: &[
            "la maison départementale des personnes handicapées",
            "le conseil départemental",
            "les associations de familles",
            "la Caisse nationale de solidarité pour l'autonomie",
        ],
        measures: &[
            "la création d'un véritable statut pour les accompagnants",
            "la revalorisation de l'allocation aux adultes handicapés",
            "la réduction des délais d'instruction",
            "l'ouverture de places supplémentaires en établissement",
        ],
        facts: &[
            "Le délai moyen de traitement d'un dossier par la maison départementale des personnes handicapées atteint {n2} mois {place}.",
            "À la rentrée {year}, {n} élèves en situation de handicap étaient toujours privés d'accompagnant.",
            "Les accompagnants perçoivent en moyenne une rémunération inférieure au seuil de pauvreté.",
        ],
    },
    Domain {
        weight: 50,
        rubrics: &["Personnes âgées", "Dépendance", "Établissements de santé"],
        ministries: &[13, 1, 22],
        subjects: &[
            "des établissements d'hébergement pour personnes âgées dépendantes",
            "des aides à domicile",
            "des services d'aide et d'accompagnement à domicile",
            "de la perte d'autonomie",
            "de l'allocation personnalisée d'autonomie",
            "des résidences autonomie",
            "du maintien à domicile des personnes âgées",
            "des Ehpad publics",
            "de la branche autonomie",
            "des proches aidants",
            "de la maltraitance en établissement",
        ],
        heads: &["personnes âgées", "dépendance"],
        people: &[
            ("résidents", false),
            ("aides à domicile", true),
            ("familles", true),
            ("personnes âgées", true),
            ("salariés", false),
        ],
        stakes: &[
            "le financement de la dépendance",
            "la dignité des personnes âgées",
            "le reste à charge des familles",
            "l'attractivité des métiers du grand âge",
            "la qualité de l'accompagnement",
            "le maintien à domicile",
        ],
        bodies: &[
            "le conseil départemental",
            "les fédérations d'employeurs du secteur",
            "la Caisse nationale de solidarité pour l'autonomie",
            "les directeurs d'établissement",
        ],
        measures: &[
            "une loi de programmation sur le grand âge",
            "la revalorisation des salaires du secteur",
            "la prise en charge des frais de déplacement des aides à domicile",
            "un plan de soutien aux Ehpad en difficulté",
        ],
        facts: &[
            "Près de {pct} % des Ehpad publics sont aujourd'hui en déficit.",
            "Le prix moyen d'une place en établissement dépasse {eur} par mois {place}.",
            "Les aides à domicile parcourent chaque année des milliers de kilomètres avec leur propre véhicule.",
        ],
    },
    Domain {
        weight: 60,
        rubrics: &[
            "Retraites : généralités",
            "Retraites : régime général",
            "Retraites : fonctionnaires civils et militaires",
            "Retraites : régimes autonomes et spéciaux",
        ],
        ministries: &[7, 22, 3],
        subjects: &[
            "des pensions de retraite",
            "des carrières longues",
            "des retraites agricoles",
            "de la pension de réversion",
            "des retraités",
            "de la réforme des retraites",
            "du minimum contributif",
            "des polypensionnés",
            "des trimestres validés au titre du chômage",
            "des retraités de l'artisanat",
            "des pensions des anciens fonctionnaires",
            "de la retraite progressive",
            "de la revalorisation des pensions",
            "des retraités frontaliers",
            "de la retraite des mères de famille",
        ],
        heads: &["retraites", "pensions"],
        people: &[
            ("retraités", false),
            ("assurés", false),
            ("veuves", true),
            ("anciens exploitants", false),
            ("salariés", false),
        ],
        stakes: &[
            "le pouvoir d'achat des retraités",
            "l'équité entre les régimes",
            "le droit à la retraite",
            "la prise en compte de la pénibilité",
            "la lisibilité des droits à la retraite",
            "le niveau des pensions",
        ],
        bodies: &[
            "la Caisse nationale d'assurance vieillesse",
            "la Mutualité sociale agricole",
            "le Conseil d'orientation des retraites",
            "les associations de retraités",
        ],
        measures: &[
            "l'indexation des pensions sur l'inflation",
            "la revalorisation des petites retraites",
            "la prise en compte des trimestres d'apprentissage",
            "la suppression de la condition d'âge pour la pension de réversion",
        ],
        facts: &[
            "La pension moyenne d'un ancien exploitant agricole ne dépasse pas {eur} par mois.",
            "Près de {pct} % des retraités {place} perçoivent une pension inférieure au seuil de pauvreté.",
            "Les délais de liquidation des pensions atteignent plusieurs mois, privant les assurés de revenus au moment de leur départ à la retraite.",
            "Depuis la réforme de {year}, l'âge légal de départ à la retraite est progressivement relevé.",
        ],
    },
    Domain {
        weight: 70,
        rubrics: &["Agriculture", "Élevage", "Aquaculture et pêche professionnelle", "Bois et forêts"],
        ministries: &[2, 8],
        subjects: &[
            "des agriculteurs",
            "des éleveurs bovins",
            "des exploitations laitières",
            "du prix du lait",
            "de la politique agricole commune",
            "des jeunes agriculteurs",
            "de la filière viticole",
            "des producteurs de fruits et légumes",
            "de la maladie hémorragique épizootique",
            "de la grippe aviaire",
            "de la prédation du loup",
            "des produits phytosanitaires",
            "de l'installation des jeunes agriculteurs",
            "de la filière bois",
            "de la pêche artisanale",
            "des calamités agricoles",
            "de l'irrigation agricole",
            "de l'agriculture biologique",
            "de la filière apicole",
            "des coopératives agricoles",
            "de l'enseignement agricole",
            "des éleveurs ovins",
        ],
        heads: &["agriculture", "élevage", "exploitants agricoles"],
        people: &[
            ("agriculteurs", false),
            ("éleveurs", false),
            ("exploitants", false),
            ("producteurs", false),
            ("viticulteurs", false),
            ("pêcheurs", false),
        ],
        stakes: &[
            "le revenu des agriculteurs",
            "la souveraineté alimentaire",
            "le renouvellement des générations en agriculture",
            "la compétitivité des exploitations",
            "la transition agroécologique",
            "l'avenir de l'élevage",
            "la gestion de l'eau",
            "la simplification des normes agricoles",
        ],
        bodies: &[
            "la chambre d'agriculture",
            "les organisations professionnelles agricoles",
            "la Mutualité sociale agricole",
            "FranceAgriMer",
            "la direction départementale des territoires",
        ],
        measures: &[
            "un fonds d'urgence pour les éleveurs",
            "l'indemnisation des pertes",
            "la simplification des démarches administratives",
            "l'application effective des lois Égalim",
            "un plan de soutien à la filière",
        ],
        facts: &[
            "Près de {pct} % des agriculteurs {place} partiront à la retraite dans les dix prochaines années.",
            "Les pertes de la dernière campagne sont estimées à {eur} pour les exploitations {place}.",
            "Un agriculteur sur cinq vit aujourd'hui sous le seuil de pauvreté.",
            "Plus de {n} animaux ont été abattus depuis le début de l'épizootie.",
            "Les aides de la politique agricole commune de la campagne {year} n'ont toujours pas été versées à de nombreux exploitants.",
        ],
    },
    Domain {
        weight: 60,
        rubrics: &["Enseignement", "Enseignement maternel et primaire", "Enseignement secondaire", "Enfants"],
        ministries: &[4],
        subjects: &[
            "des fermetures de classes en milieu rural",
            "de l'école inclusive",
            "de la médecine scolaire",
            "des enseignants contractuels",
            "du remplacement des enseignants absents",
            "de l'école {de_town}",
            "des directeurs d'école",
            "de la réforme du lycée professionnel",
            "du harcèlement scolaire",
            "de la carte scolaire",
            "des réseaux d'éducation prioritaire",
            "des psychologues de l'éducation nationale",
            "de l'enseignement des langues régionales",
            "de la formation des enseignants",
            "de la cantine scolaire",
            "du transport scolaire",
            "des assistants d'éducation",
            "des écoles rurales",
        ],
        heads: &["enseignement", "écoles", "enseignants"],
        people: &[
            ("enseignants", false),
            ("élèves", false),
            ("parents d'élèves", false),
            ("directeurs d'école", false),
            ("familles", true),
        ],
        stakes: &[
            "l'égalité des chances",
            "la réussite des élèves",
            "l'attractivité du métier d'enseignant",
            "la continuité du service public de l'éducation",
            "le maillage scolaire des territoires ruraux",
            "la santé des élèves",
        ],
        bodies: &[
            "la direction académique",
            "le rectorat",
            "les fédérations de parents d'élèves",
            "les organisations syndicales enseignantes",
            "la commune",
        ],
        measures: &[
            "un moratoire sur les fermetures de classes",
            "le recrutement d'enseignants titulaires",
            "la revalorisation de la rémunération des enseignants",
            "la création de postes de médecins scolaires",
        ],
        facts: &[
            "À la rentrée {year}, {n2} classes ont été fermées {place}.",
            "L'école est souvent le dernier service public présent dans les petites communes.",
            "Un seul médecin scolaire suit aujourd'hui plus de {n} élèves {place}.",
            "Près de {pct} % des heures de cours non assurées ne sont jamais remplacées.",
        ],
    },
    Domain {
        weight: 20,
        rubrics: &["Enseignement supérieur", "Recherche", "Étudiants"],
        ministries: &[11],
        subjects: &[
            "des étudiants",
            "de la plateforme Parcoursup",
            "des bourses sur critères sociaux",
            "de la précarité étudiante",
            "des universités",
            "des doctorants",
            "du logement étudiant",
            "de la recherche publique",
            "des instituts universitaires de technologie",
            "de la santé mentale des étudiants",
        ],
        heads: &["enseignement supérieur", "étudiants"],
        people: &[("étudiants", false), ("chercheurs", false), ("doctorants", false)],
        stakes: &[
            "la réussite étudiante",
            "l'attractivité de la recherche française",
            "l'accès à l'enseignement supérieur",
            "les conditions de vie étudiante",
        ],
        bodies: &[
            "les présidents d'université",
            "le centre régional des œuvres universitaires et scolaires",
            "le Centre national de la recherche scientifique",
        ],
        measures: &[
            "la revalorisation des bourses",
            "la construction de logements étudiants",
            "une loi de programmation de la recherche",
        ],
        facts: &[
            "Près de {pct} % des étudiants déclarent avoir déjà renoncé à un repas pour des raisons financières.",
            "Les files d'attente aux distributions alimentaires étudiantes s'allongent {place}.",
        ],
    },
    Domain {
        weight: 50,
        rubrics: &["Énergie et carburants", "Consommation", "Logement"],
        ministries: &[8, 3],
        subjects: &[
            "du prix de l'électricité",
            "du chèque énergie",
            "de la rénovation énergétique",
            "du dispositif MaPrimeRénov'",
            "du prix des carburants",
            "des boulangers face à la hausse des prix de l'énergie",
            "des collectivités face à la hausse des prix de l'énergie",
            "du tarif réglementé de vente d'électricité",
            "des éoliennes terrestres",
            "du photovoltaïque",
            "de la précarité énergétique",
            "des réseaux de chaleur",
            "de la méthanisation",
            "du fioul domestique",
            "de l'hydroélectricité",
            "du bouclier tarifaire",
        ],
        heads: &["énergie et carburants", "énergie", "électricité"],
        people: &[
            ("ménages", false),
            ("consommateurs", false),
            ("artisans", false),
            ("communes", true),
            ("entreprises", true),
        ],
        stakes: &[
            "la transition énergétique",
            "le pouvoir d'achat des ménages",
            "la sécurité d'approvisionnement en énergie",
            "la maîtrise des factures d'énergie",
            "la rénovation thermique des logements",
            "la souveraineté énergétique",
        ],
        bodies: &[
            "la Commission de régulation de l'énergie",
            "l'Agence nationale de l'habitat",
            "les fournisseurs d'énergie",
            "le médiateur national de l'énergie",
        ],
        measures: &[
            "la prolongation du bouclier tarifaire",
            "la simplification du dispositif MaPrimeRénov'",
            "la baisse de la fiscalité sur l'énergie",
            "le maintien des tarifs réglementés",
        ],
        facts: &[
            "La facture d'électricité a augmenté de {pct} % en deux ans pour de nombreux foyers {place}.",
            "Le délai d'instruction des dossiers MaPrimeRénov' dépasse désormais {n2} mois.",
            "Près de {n} ménages {place} consacrent plus de 8 % de leurs revenus aux dépenses d'énergie.",
        ],
    },
    Domain {
        weight: 40,
        rubrics: &["Environnement", "Eau et assainissement", "Déchets", "Nature"],
        ministries: &[8],
        subjects: &[
            "de la qualité de l'eau",
            "de la gestion des déchets",
            "de l'artificialisation des sols",
            "de l'objectif zéro artificialisation nette",
            "du recul du trait de côte",
            "des sécheresses",
            "des inondations",
            "de la biodiversité",
            "des PFAS",
            "des dépôts sauvages",
            "de la compétence eau et assainissement",
            "des moustiques tigres",
            "des algues vertes",
            "de la pollution de l'air",
            "du recyclage des emballages",
        ],
        heads: &["environnement", "eau", "déchets"],
        people: &[("habitants", false), ("élus locaux", false), ("riverains", false)],
        stakes: &[
            "la protection de la ressource en eau",
            "la préservation de la biodiversité",
            "l'adaptation au changement climatique",
            "la santé environnementale",
            "la sobriété foncière",
        ],
        bodies: &[
            "l'agence de l'eau",
            "l'Office français de la biodiversité",
            "la préfecture",
            "les associations de protection de l'environnement",
        ],
        measures: &[
            "un fonds d'adaptation au changement climatique",
            "l'interdiction des PFAS",
            "l'assouplissement de l'objectif zéro artificialisation nette",
            "un plan de prévention des inondations",
        ],
        facts: &[
            "Les épisodes de sécheresse se multiplient {place} depuis {year}.",
            "Des traces de PFAS ont été détectées dans l'eau potable de {n2} communes.",
            "Le coût du traitement des déchets a progressé de {pct} % pour les collectivités.",
        ],
    },
    Domain {
        weight: 40,
        rubrics: &["Transports ferroviaires", "Transports routiers", "Transports", "Sécurité routière"],
        ministries: &[12, 8],
        subjects: &[
            "des petites lignes ferroviaires",
            "du fret ferroviaire",
            "de la ligne {de_town}",
            "des trains du quotidien",
            "du permis de conduire",
            "des routes nationales",
            "des transports en commun",
            "de la gare {de_town}",
            "des radars automatiques",
            "des autoroutes",
            "du transport sanitaire",
            "des chauffeurs routiers",
            "des zones à faibles émissions",
            "du covoiturage",
            "des trains de nuit",
        ],
        heads: &["transports", "transports ferroviaires", "sécurité routière"],
        people: &[("usagers", false), ("voyageurs", false), ("automobilistes", false), ("cheminots", false)],
        stakes: &[
            "le désenclavement des territoires",
            "la mobilité du quotidien",
            "la sécurité des usagers",
            "la décarbonation des transports",
            "la desserte ferroviaire",
        ],
        bodies: &["SNCF Réseau", "la région", "l'Autorité de régulation des transports", "les associations d'usagers"],
        measures: &[
            "un plan d'investissement dans les petites lignes",
            "la réouverture de la ligne",
            "la baisse du coût du permis de conduire",
            "le report des zones à faibles émissions",
        ],
        facts: &[
            "Les usagers de la ligne subissent des retards quotidiens et près de {pct} % des trains ont été supprimés en {year}.",
            "La fermeture de la gare {de_town} obligerait {n} voyageurs à reporter leurs trajets sur la route.",
            "Le délai pour obtenir une place d'examen du permis de conduire atteint {n2} mois {place}.",
        ],
    },
    Domain {
        weight: 40,
        rubrics: &["Police", "Sécurité des biens et des personnes", "Gendarmerie", "Ordre public"],
        ministries: &[5],
        subjects: &[
            "des effectifs de gendarmerie",
            "des sapeurs-pompiers volontaires",
            "des policiers municipaux",
            "du commissariat {de_town}",
            "des violences faites aux élus",
            "des rodéos urbains",
            "du trafic de stupéfiants",
            "de la vidéoprotection",
            "des services départementaux d'incendie et de secours",
            "des polices municipales",
            "des violences intrafamiliales",
            "des cambriolages",
            "de la sécurité des sapeurs-pompiers",
        ],
        heads: &["police", "sécurité des biens et des personnes", "sécurité civile"],
        people: &[
            ("policiers", false),
            ("gendarmes", false),
            ("sapeurs-pompiers", false),
            ("habitants", false),
            ("élus", false),
        ],
        stakes: &[
            "la sécurité des habitants",
            "la tranquillité publique",
            "la présence des forces de l'ordre",
            "la lutte contre la délinquance",
            "le volontariat des sapeurs-pompiers",
        ],
        bodies: &["la préfecture", "la direction générale de la gendarmerie nationale", "les syndicats de police", "le service départemental d'incendie et de secours"],
        measures: &[
            "le renfort des effectifs de police",
            "la création d'une brigade de gendarmerie",
            "la revalorisation des indemnités des sapeurs-pompiers volontaires",
            "le déploiement de la vidéoprotection",
        ],
        facts: &[
            "Le nombre d'interventions des sapeurs-pompiers {place} a progressé de {pct} % en dix ans.",
            "Près de {n2} agressions d'élus ont été recensées {place} depuis le début de l'année.",
            "Le commissariat {de_town} fonctionne avec un effectif inférieur de {pct} % à l'effectif de référence.",
        ],
    },
    Domain {
        weight: 20,
        rubrics: &["Justice", "Lieux de privation de liberté", "Droit pénal", "Famille"],
        ministries: &[6],
        subjects: &[
            "des délais de jugement",
            "de la surpopulation carcérale",
            "des greffiers",
            "du tribunal judiciaire {de_town}",
            "de l'aide juridictionnelle",
            "de la justice des mineurs",
            "des conciliateurs de justice",
            "des pensions alimentaires impayées",
            "des surveillants pénitentiaires",
        ],
        heads: &["justice", "lieux de privation de liberté"],
        people: &[("justiciables", false), ("magistrats", false), ("avocats", false), ("détenus", false)],
        stakes: &[
            "l'accès au droit",
            "l'efficacité de la réponse pénale",
            "les conditions de détention",
            "la proximité de la justice",
        ],
        bodies: &["le Conseil national des barreaux", "les chefs de juridiction", "le Contrôleur général des lieux de privation de liberté"],
        measures: &[
            "le recrutement de magistrats supplémentaires",
            "la revalorisation de l'aide juridictionnelle",
            "la construction de places de prison",
        ],
        facts: &[
            "Le délai moyen de jugement atteint {n2} mois devant le tribunal {de_town}.",
            "Le taux d'occupation de la maison d'arrêt dépasse {pct} %.",
        ],
    },
    Domain {
        weight: 40,
        rubrics: &["Collectivités territoriales", "Communes", "Élus", "Intercommunalité"],
        ministries: &[19, 8, 5],
        subjects: &[
            "de la dotation globale de fonctionnement",
            "des communes rurales",
            "du statut de l'élu local",
            "des maires",
            "des communes nouvelles",
            "de la dotation d'équipement des territoires ruraux",
            "des intercommunalités",
            "des secrétaires de mairie",
            "de la compensation de la taxe d'habitation",
            "du fonds vert",
            "des petites villes de demain",
            "des finances locales",
            "des démissions de maires",
        ],
        heads: &["collectivités territoriales", "communes", "élus"],
        people: &[("maires", false), ("élus locaux", false), ("communes", true), ("secrétaires de mairie", true)],
        stakes: &[
            "l'autonomie financière des collectivités",
            "l'engagement des élus locaux",
            "l'investissement local",
            "la libre administration des collectivités",
            "la cohésion des territoires",
        ],
        bodies: &["l'Association des maires de France", "la préfecture", "la commune", "l'Association des maires ruraux de France"],
        measures: &[
            "la revalorisation de la dotation globale de fonctionnement",
            "un véritable statut de l'élu local",
            "la simplification des appels à projets",
            "la compensation intégrale des charges transférées",
        ],
        facts: &[
            "La dotation globale de fonctionnement de la commune a baissé de {pct} % depuis {year}.",
            "Près de {n2} maires {place} ont démissionné depuis les dernières élections municipales.",
            "Les petites communes ne disposent pas de l'ingénierie nécessaire pour répondre aux appels à projets.",
        ],
    },
    Domain {
        weight: 40,
        rubrics: &["Impôts et taxes", "Impôt sur le revenu", "Impôts locaux", "TVA"],
        ministries: &[18, 3],
        subjects: &[
            "des droits de succession",
            "de la taxe foncière",
            "du taux de TVA",
            "de la taxe d'aménagement",
            "de l'impôt sur le revenu",
            "des frais de notaire",
            "de la fiscalité des associations",
            "de la taxe sur les logements vacants",
            "de la demi-part fiscale des veuves",
            "de l'exonération des heures supplémentaires",
            "de la fiscalité des carburants",
            "du crédit d'impôt pour l'emploi d'un salarié à domicile",
        ],
        heads: &["impôts et taxes", "impôt sur le revenu", "impôts locaux"],
        people: &[("contribuables", false), ("ménages", false), ("propriétaires", false), ("héritiers", false)],
        stakes: &[
            "la justice fiscale",
            "la lisibilité de l'impôt",
            "le consentement à l'impôt",
            "le pouvoir d'achat des ménages",
        ],
        bodies: &["la direction générale des finances publiques", "les services fiscaux", "la Cour des comptes"],
        measures: &[
            "le relèvement de l'abattement sur les successions",
            "le rétablissement de la demi-part fiscale",
            "une baisse du taux de TVA",
            "la simplification des déclarations",
        ],
        facts: &[
            "La taxe foncière a augmenté de {pct} % en moyenne {place} depuis {year}.",
            "L'abattement de 100 000 euros en ligne directe n'a pas été revalorisé depuis {year}.",
        ],
    },
    Domain {
        weight: 30,
        rubrics: &["Logement", "Logement : aides et prêts", "Urbanisme", "Baux"],
        ministries: &[14, 8],
        subjects: &[
            "du logement social",
            "des aides personnalisées au logement",
            "du diagnostic de performance énergétique",
            "des copropriétés dégradées",
            "des meublés de tourisme",
            "de la construction de logements neufs",
            "du prêt à taux zéro",
            "de l'hébergement d'urgence",
            "des logements vacants",
            "de l'encadrement des loyers",
        ],
        heads: &["logement", "logement : aides et prêts"],
        people: &[("locataires", false), ("propriétaires", false), ("bailleurs", false), ("ménages", false)],
        stakes: &[
            "l'accès au logement",
            "la rénovation du parc locatif",
            "le droit au logement",
            "la crise du logement",
        ],
        bodies: &["l'Union sociale pour l'habitat", "les bailleurs sociaux", "l'Agence nationale de l'habitat", "la caisse d'allocations familiales"],
        measures: &[
            "un plan de relance de la construction",
            "le report du calendrier du diagnostic de performance énergétique",
            "la revalorisation des aides personnalisées au logement",
        ],
        facts: &[
            "Plus de {n} demandes de logement social sont en attente {place}.",
            "Les mises en chantier ont reculé de {pct} % en {year}.",
        ],
    },
    Domain {
        weight: 30,
        rubrics: &["Commerce et artisanat", "Entreprises", "Tourisme et loisirs", "Professions et activités commerciales"],
        ministries: &[23, 3],
        subjects: &[
            "des artisans boulangers",
            "des buralistes",
            "des commerces de centre-ville",
            "des petites entreprises",
            "des chambres de métiers et de l'artisanat",
            "des stations de ski de moyenne montagne",
            "des restaurateurs",
            "des offices de tourisme",
            "des prêts garantis par l'État",
            "des délais de paiement",
            "des auto-entrepreneurs",
            "des fleuristes",
        ],
        heads: &["commerce et artisanat", "entreprises", "tourisme et loisirs"],
        people: &[("artisans", false), ("commerçants", false), ("entreprises", true), ("chefs d'entreprise", false)],
        stakes: &[
            "la vitalité des centres-bourgs",
            "la compétitivité des entreprises",
            "la transmission des entreprises",
            "l'emploi local",
        ],
        bodies: &["la chambre de commerce et d'industrie", "la chambre de métiers et de l'artisanat", "la Banque publique d'investissement"],
        measures: &[
            "l'étalement des remboursements des prêts garantis par l'État",
            "un plan de soutien au commerce de proximité",
            "l'allègement des charges des petites entreprises",
        ],
        facts: &[
            "Près de {pct} % des commerces du centre-ville {de_town} sont aujourd'hui vacants.",
            "Les défaillances d'entreprises ont progressé de {pct} % en {year}.",
        ],
    },
    Domain {
        weight: 30,
        rubrics: &["Travail", "Chômage", "Emploi et activité", "Formation professionnelle et apprentissage"],
        ministries: &[7, 22],
        subjects: &[
            "de l'assurance chômage",
            "de France Travail",
            "de l'apprentissage",
            "du revenu de solidarité active",
            "des travailleurs frontaliers",
            "de la médecine du travail",
            "des accidents du travail",
            "des contrats aidés",
            "des travailleurs saisonniers",
            "des missions locales",
            "de l'insertion par l'activité économique",
        ],
        heads: &["travail", "chômage", "emploi"],
        people: &[("demandeurs d'emploi", false), ("salariés", false), ("apprentis", false), ("employeurs", false)],
        stakes: &[
            "le retour à l'emploi",
            "la santé au travail",
            "l'insertion professionnelle des jeunes",
            "la sécurisation des parcours professionnels",
        ],
        bodies: &["France Travail", "les missions locales", "les partenaires sociaux", "l'inspection du travail"],
        measures: &[
            "le maintien des aides à l'embauche d'apprentis",
            "un renforcement de l'accompagnement des demandeurs d'emploi",
            "la révision des règles d'indemnisation",
        ],
        facts: &[
            "Le taux de chômage atteint {pct} % {place}, bien au-dessus de la moyenne nationale.",
            "Plus de {n} contrats d'apprentissage ont été signés {place} en {year}.",
        ],
    },
    Domain {
        weight: 30,
        rubrics: &["Famille", "Enfants", "Prestations familiales", "Femmes"],
        ministries: &[13, 1, 6],
        subjects: &[
            "des assistantes maternelles",
            "des crèches",
            "de la protection de l'enfance",
            "des modes de garde",
            "de la protection maternelle et infantile",
            "des allocations familiales",
            "des mineurs non accompagnés",
            "du congé parental",
            "des familles monoparentales",
            "de l'aide sociale à l'enfance",
        ],
        heads: &["famille", "enfants", "prestations familiales"],
        people: &[("familles", true), ("enfants", false), ("parents", false), ("assistantes maternelles", true)],
        stakes: &[
            "l'intérêt supérieur de l'enfant",
            "la conciliation entre vie familiale et vie professionnelle",
            "le soutien à la parentalité",
            "l'accueil du jeune enfant",
        ],
        bodies: &["la caisse d'allocations familiales", "le conseil départemental", "les associations familiales"],
        measures: &[
            "la création d'un service public de la petite enfance",
            "la revalorisation des allocations familiales",
            "un plan de soutien à la protection de l'enfance",
        ],
        facts: &[
            "Il manque près de {n} places d'accueil du jeune enfant {place}.",
            "Le nombre d'assistantes maternelles a diminué de {pct} % en cinq ans.",
        ],
    },
    Domain {
        weight: 15,
        rubrics: &["Outre-mer", "Outre-mer : collectivités", "Eau et assainissement"],
        ministries: &[20, 5],
        subjects: &[
            "de l'eau potable en Guadeloupe",
            "de la vie chère en outre-mer",
            "du chlordécone",
            "de la continuité territoriale",
            "de l'immigration irrégulière à Mayotte",
            "des sargasses",
            "de l'octroi de mer",
            "du logement en outre-mer",
            "de la jeunesse ultramarine",
        ],
        heads: &["outre-mer"],
        people: &[("ultramarins", false), ("habitants", false), ("familles", true)],
        stakes: &[
            "l'égalité réelle entre l'outre-mer et l'Hexagone",
            "le coût de la vie",
            "l'accès à l'eau potable",
            "la continuité territoriale",
        ],
        bodies: &["la préfecture", "la collectivité territoriale", "l'Agence française de développement"],
        measures: &[
            "un plan d'urgence pour l'eau potable",
            "le renforcement du dispositif de continuité territoriale",
            "l'indemnisation des victimes du chlordécone",
        ],
        facts: &[
            "Les prix alimentaires sont supérieurs de {pct} % à ceux de l'Hexagone.",
            "Des coupures d'eau touchent encore {n} foyers chaque semaine.",
        ],
    },
    Domain {
        weight: 20,
        rubrics: &["Culture", "Patrimoine culturel", "Sports", "Associations et fondations", "Presse et livres"],
        ministries: &[10, 16],
        subjects: &[
            "du patrimoine religieux",
            "des associations sportives",
            "du pass Culture",
            "des bibliothèques",
            "du spectacle vivant",
            "des festivals",
            "de la presse locale",
            "des clubs sportifs amateurs",
            "du sport sur ordonnance",
            "des bénévoles associatifs",
            "des conservatoires",
            "de l'archéologie préventive",
        ],
        heads: &["culture", "sports", "associations"],
        people: &[("bénévoles", false), ("associations", true), ("artistes", false), ("licenciés", false)],
        stakes: &[
            "l'accès à la culture",
            "la vie associative",
            "la pratique sportive",
            "la préservation du patrimoine",
        ],
        bodies: &["la direction régionale des affaires culturelles", "les fédérations sportives", "l'Agence nationale du sport"],
        measures: &[
            "le maintien des crédits du fonds pour le développement de la vie associative",
            "un plan de sauvegarde du patrimoine",
            "le soutien aux clubs amateurs",
        ],
        facts: &[
            "Près de {n2} églises {place} nécessitent des travaux urgents.",
            "Les associations sportives ont perdu près de {pct} % de leurs bénévoles.",
        ],
    },
    Domain {
        weight: 15,
        rubrics: &["Anciens combattants et victimes de guerre", "Défense"],
        ministries: &[21, 9],
        subjects: &[
            "des anciens combattants",
            "des harkis",
            "des pupilles de la Nation",
            "de la carte du combattant",
            "des militaires blessés",
            "de la réserve opérationnelle",
            "des familles de militaires",
            "de l'industrie de défense",
        ],
        heads: &["anciens combattants et victimes de guerre", "défense"],
        people: &[("anciens combattants", false), ("militaires", false), ("veuves", true)],
        stakes: &["le devoir de mémoire", "la reconnaissance de la Nation", "le lien armée-nation"],
        bodies: &["l'Office national des combattants et des victimes de guerre", "les associations d'anciens combattants"],
        measures: &[
            "la revalorisation du point de pension militaire d'invalidité",
            "l'extension de la carte du combattant",
        ],
        facts: &["Près de {n} anciens combattants {place} attendent la révision de leurs droits."],
    },
    Domain {
        weight: 20,
        rubrics: &["Étrangers", "Politique extérieure", "Français de l'étranger", "Nationalité"],
        ministries: &[5, 15],
        subjects: &[
            "des titres de séjour",
            "des préfectures",
            "des Français établis hors de France",
            "de l'aide publique au développement",
            "des visas",
            "des naturalisations",
            "de l'Agence nationale des titres sécurisés",
            "des obligations de quitter le territoire français",
        ],
        heads: &["étrangers", "politique extérieure"],
        people: &[("ressortissants", false), ("demandeurs", false), ("usagers", false)],
        stakes: &["l'accueil en préfecture", "les délais de délivrance des titres", "l'influence de la France"],
        bodies: &["la préfecture", "le consulat", "l'Agence nationale des titres sécurisés"],
        measures: &["le renforcement des effectifs en préfecture", "la dématérialisation des démarches"],
        facts: &["Le délai d'obtention d'un rendez-vous en préfecture atteint {n2} mois {place}."],
    },
    Domain {
        weight: 20,
        rubrics: &["Télécommunications", "Numérique", "Postes", "Aménagement du territoire"],
        ministries: &[3, 19],
        subjects: &[
            "des zones blanches",
            "du déploiement de la fibre optique",
            "des bureaux de poste en zone rurale",
            "des maisons France services",
            "de la téléphonie mobile",
            "de la fracture numérique",
            "de la distribution du courrier",
            "de l'illectronisme",
        ],
        heads: &["télécommunications", "numérique", "aménagement du territoire"],
        people: &[("habitants", false), ("usagers", false), ("personnes âgées", true)],
        stakes: &["l'inclusion numérique", "la présence des services publics", "l'égalité entre les territoires"],
        bodies: &["l'Autorité de régulation des communications électroniques (Arcep)", "La Poste", "les opérateurs"],
        measures: &["l'accélération du déploiement de la fibre", "le maintien des bureaux de poste", "le renfort des conseillers numériques"],
        facts: &["Près de {pct} % des foyers {place} ne sont toujours pas raccordables à la fibre."],
    },
    Domain {
        weight: 15,
        rubrics: &["Animaux", "Chasse et pêche", "Élevage"],
        ministries: &[2, 8],
        subjects: &[
            "du bien-être animal",
            "des refuges pour animaux",
            "de la chasse",
            "des chiens dangereux",
            "des abandons d'animaux",
            "des vétérinaires ruraux",
            "des chats errants",
        ],
        heads: &["animaux", "chasse et pêche"],
        people: &[("vétérinaires", false), ("chasseurs", false), ("propriétaires", false)],
        stakes: &["la protection animale", "la sécurité des promeneurs", "le maillage vétérinaire"],
        bodies: &["les associations de protection animale", "la fédération départementale des chasseurs", "l'ordre des vétérinaires"],
        measures: &["un plan de stérilisation des chats errants", "le soutien aux refuges"],
        facts: &["Près de {n} animaux sont abandonnés chaque été."],
    },
    Domain {
        weight: 20,
        rubrics: &["Fonctionnaires et agents publics", "Fonction publique hospitalière", "Fonction publique territoriale"],
        ministries: &[17, 18],
        subjects: &[
            "du point d'indice",
            "des agents publics",
            "de la fonction publique territoriale",
            "des contractuels de la fonction publique",
            "du jour de carence",
            "de la protection sociale complémentaire",
            "des agents de catégorie C",
            "du complément de traitement indiciaire",
        ],
        heads: &["fonctionnaires et agents publics", "fonction publique"],
        people: &[("agents", false), ("fonctionnaires", false), ("contractuels", false)],
        stakes: &["l'attractivité de la fonction publique", "le pouvoir d'achat des agents", "l'égalité de traitement"],
        bodies: &["les organisations syndicales", "le Conseil supérieur de la fonction publique", "les employeurs publics"],
        measures: &["la revalorisation du point d'indice", "l'extension du complément de traitement indiciaire"],
        facts: &["Le point d'indice n'a progressé que de {pct} % depuis {year}."],
    },
];

/// Title heads for any subject, the common ones first: "Avenir" + " du dispositif Asalée".
const TITLE_HEADS: &[&str] = &[
    "Situation",
    "Avenir",
    "Difficultés",
    "Soutien",
    "Devenir",
    "Moyens",
    "Crise",
    "Place",
    "Rôle",
    "Fragilité",
    "Situation financière",
    "Menaces sur l'avenir",
    "Conséquences de la réforme",
    "Désengagement de l'État",
    "Suppression des aides",
];
/// Title heads for people: "Reconnaissance du statut" + " des infirmières Asalée".
const TITLE_HEADS_PEOPLE: &[&str] = &[
    "Reconnaissance",
    "Inquiétudes",
    "Revalorisation de la rémunération",
    "Conditions de travail",
    "Reconnaissance du statut",
    "Statut",
    "Recrutement",
    "Rémunération",
    "Précarité",
    "Attractivité du métier",
    "Accompagnement",
    "Formation",
    "Pénurie",
    "Épuisement",
    "Protection",
    "Indemnisation",
    "Charges pesant sur l'activité",
    "Conditions d'exercice",
    "Droits",
    "Pouvoir d'achat",
    "Sécurité",
    "Prise en charge",
    "Accès aux aides",
    "Revenus",
    "Installation",
    "Isolement",
    "Retraite",
];
/// Title heads for things (services, schemes, places): "Fermeture" + " des maternités".
const TITLE_HEADS_THINGS: &[&str] = &[
    "Financement",
    "Maintien",
    "Pérennité",
    "Fermeture",
    "Accès",
    "Modalités de financement",
    "Sous-financement",
    "Mise en œuvre",
    "Dysfonctionnements",
    "Déploiement",
    "Contrôle",
    "Coût",
    "Gel des crédits",
    "Baisse des dotations",
    "Évaluation",
    "Pérennisation du financement",
    "Délais de traitement",
    "Maillage territorial",
    "Disparition programmée",
    "Application de la réglementation",
    "Simplification des démarches",
    "Encadrement",
    "Réforme",
    "Retards de paiement",
    "Manque de moyens",
    "Sécurisation",
    "Saturation",
    "Gouvernance",
    "Efficacité",
    "Réorganisation",
];

/// First words of subjects that name people ("des infirmières libérales").
const PEOPLE_WORDS: &[&str] = &[
    "infirmières",
    "infirmiers",
    "masseurs-kinésithérapeutes",
    "orthophonistes",
    "sages-femmes",
    "aides-soignants",
    "pharmaciens",
    "psychologues",
    "médecins",
    "chirurgiens-dentistes",
    "orthoptistes",
    "ambulanciers",
    "manipulateurs",
    "diététiciens",
    "étudiants",
    "internes",
    "ergothérapeutes",
    "accompagnants",
    "enfants",
    "aidants",
    "personnes",
    "aides",
    "proches",
    "retraités",
    "polypensionnés",
    "agriculteurs",
    "éleveurs",
    "jeunes",
    "producteurs",
    "enseignants",
    "directeurs",
    "assistants",
    "doctorants",
    "artisans",
    "buralistes",
    "restaurateurs",
    "auto-entrepreneurs",
    "fleuristes",
    "travailleurs",
    "assistantes",
    "familles",
    "mineurs",
    "anciens",
    "harkis",
    "pupilles",
    "militaires",
    "Français",
    "vétérinaires",
    "agents",
    "contractuels",
    "bénévoles",
    "sapeurs-pompiers",
    "policiers",
    "greffiers",
    "surveillants",
    "maires",
    "secrétaires",
    "chauffeurs",
    "urgentistes",
];

/// Whether a subject names people (its heads differ: "Recrutement des orthophonistes", not
/// "Recrutement des délais de jugement").
fn names_people(subject: &str) -> bool {
    subject.strip_prefix("des ").is_some_and(|rest| {
        rest.starts_with("aides à domicile")
            || rest
                .split(' ')
                .next()
                .is_some_and(|w| PEOPLE_WORDS.contains(&w))
    })
}

/// A title head fitting the subject.
fn title_head(rng: &mut Rng, subject: &str) -> &'static str {
    let specific = if names_people(subject) {
        TITLE_HEADS_PEOPLE
    } else {
        TITLE_HEADS_THINGS
    };
    let list = if rng.chance(0.3) {
        TITLE_HEADS
    } else {
        specific
    };
    if rng.chance(0.4) {
        rng.pick_zipf_str(list)
    } else {
        rng.pick_str(list)
    }
}

/// Qualifiers after a title's subject.
const TITLE_AREAS: &[&str] = &[
    "en zone rurale",
    "dans les territoires ruraux",
    "en milieu rural",
    "en outre-mer",
    "dans les quartiers prioritaires",
    "en zone de montagne",
    "dans les zones sous-denses",
    "dans les petites communes",
    "en période estivale",
    "dans les territoires frontaliers",
];
const TITLE_CHALLENGES: &[&str] = &[
    "face à l'inflation",
    "face à la hausse des coûts",
    "après la réforme",
    "face au manque de personnel",
    "face à la crise",
    "depuis la crise sanitaire",
    "face aux nouvelles normes",
    "face au changement climatique",
    "après la fin des aides",
];

/// Verbs, singular and plural.
const SENTENCE_VERBS: &[(&str, &str)] = &[
    ("fragilise", "fragilisent"),
    ("menace", "menacent"),
    ("compromet", "compromettent"),
    ("remet en cause", "remettent en cause"),
    ("pèse sur", "pèsent sur"),
    ("affecte", "affectent"),
    ("conditionne", "conditionnent"),
    ("améliore", "améliorent"),
    ("renforce", "renforcent"),
    ("garantit", "garantissent"),
    ("favorise", "favorisent"),
    ("complique", "compliquent"),
    ("retarde", "retardent"),
    ("soutient", "soutiennent"),
    ("accompagne", "accompagnent"),
    ("limite", "limitent"),
    ("met en péril", "mettent en péril"),
    ("détériore", "détériorent"),
];
const INFINITIVES: &[&str] = &[
    "garantir",
    "préserver",
    "améliorer",
    "renforcer",
    "sécuriser",
    "pérenniser",
    "soutenir",
    "assurer",
    "rétablir",
    "consolider",
];
const COMPLEMENTS: &[&str] = &[
    "",
    "",
    "",
    "",
    " depuis plusieurs années",
    " dans de nombreux départements",
    " selon les professionnels du secteur",
    " au détriment des plus fragiles",
    " en l'absence de visibilité budgétaire",
    " malgré les annonces successives",
    " à compter du 1er janvier prochain",
    " sur l'ensemble du territoire national",
    " dans un contexte de forte inflation",
    " pour les collectivités les plus modestes",
    " dans les territoires ruraux",
    " au cœur des territoires",
];
const CONNECTORS: &[&str] = &[
    "",
    "",
    "",
    "Par ailleurs, ",
    "En effet, ",
    "Or ",
    "De plus, ",
    "Ainsi, ",
    "Toutefois, ",
    "En outre, ",
    "Dans ce contexte, ",
    "Pourtant, ",
    "De surcroît, ",
    "Au-delà, ",
];
const ITALICS: &[&str] = &[
    "statu quo",
    "a fortiori",
    "de facto",
    "in fine",
    "ad hoc",
    "a priori",
];
const QUOTES: &[&str] = &[
    "il y a urgence à agir",
    "aucune solution durable n'a été proposée à ce jour",
    "la situation n'est plus tenable",
    "nous sommes à bout de souffle",
    "le compte n'y est pas",
    "c'est tout un territoire qui est menacé",
    "nous demandons simplement les moyens de travailler",
];
const MONTHS: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];
const QUESTION_OPENINGS: &[&str] = &[
    "appelle l'attention de",
    "attire l'attention de",
    "alerte",
    "interroge",
    "souhaite appeler l'attention de",
    "interpelle",
];
const OPENING_OBJECTS: &[&str] = &[
    "la situation",
    "l'avenir",
    "les difficultés",
    "les inquiétudes",
    "la situation préoccupante",
    "le devenir",
    "la pérennité",
];
const ANSWER_BODIES: &[&str] = &[
    "Le Gouvernement",
    "Le ministère",
    "Les services de l'État",
    "L'État",
];
const ANSWER_VERBS: &[(&str, &str)] = &[
    ("a engagé", "ont engagé"),
    ("a annoncé", "ont annoncé"),
    ("soutient", "soutiennent"),
    ("met en œuvre", "mettent en œuvre"),
    ("a lancé", "ont lancé"),
    ("poursuit", "poursuivent"),
    ("a décidé", "ont décidé"),
];
const FOLLOW_VERBS: &[(&str, &str)] = &[
    ("accompagne", "accompagnent"),
    ("soutient", "soutiennent"),
    ("suit avec attention", "suivent avec attention"),
    ("examine", "examinent"),
];
const WITHDRAWAL_REASONS: &[(&str, &str)] = &[
    ("Retrait à l'initiative de l'auteur", "RETRAIT_AUTEUR"),
    ("Retrait", "RETRAIT"),
    ("Changement de ministère", "CHGT_MINISTERE"),
];

// ---------------------------------------------------------------------------------------------
// Words.

fn lower_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn upper_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Lower-cases a leading article ("Le Gouvernement" -> "le Gouvernement"), not a name
/// ("SNCF Réseau", "La Poste" stay).
fn lower_article(s: &str) -> String {
    if s.starts_with("La Poste") {
        return s.to_string();
    }
    if ["Le ", "La ", "Les ", "L'"]
        .iter()
        .any(|a| s.starts_with(a))
    {
        lower_first(s)
    } else {
        s.to_string()
    }
}

/// "du dispositif" -> "le dispositif", "des infirmières" -> "les infirmières".
fn bare(de_form: &str) -> String {
    if let Some(rest) = de_form.strip_prefix("du ") {
        format!("le {rest}")
    } else if let Some(rest) = de_form.strip_prefix("des ") {
        format!("les {rest}")
    } else if let Some(rest) = de_form.strip_prefix("de la ") {
        format!("la {rest}")
    } else if let Some(rest) = de_form.strip_prefix("de l'") {
        format!("l'{rest}")
    } else if let Some(rest) = de_form.strip_prefix("de ") {
        rest.to_string()
    } else {
        de_form.to_string()
    }
}

/// Whether a noun phrase is plural ("les services", "des infirmières").
fn plural(np: &str) -> bool {
    let lower = np.to_lowercase();
    lower.starts_with("les ") || lower.starts_with("des ") || lower.starts_with("aux ")
}

/// The verb agreeing with a subject.
fn agree(subject: &str, verb: (&'static str, &'static str)) -> &'static str {
    if plural(subject) {
        verb.1
    } else {
        verb.0
    }
}

/// "de garantir", "d'assurer".
fn de_inf(inf: &str) -> String {
    if inf.starts_with(['a', 'e', 'é', 'i', 'o', 'u']) {
        format!("d'{inf}")
    } else {
        format!("de {inf}")
    }
}

/// `k` distinct items (fewer when the list is shorter), in draw order.
fn pick_distinct<'a>(rng: &mut Rng, items: &'a [&'a str], k: usize) -> Vec<&'a str> {
    let mut out: Vec<&str> = Vec::new();
    for _ in 0..k * 4 {
        if out.len() == k {
            break;
        }
        let x = *rng.pick(items);
        if !out.contains(&x) {
            out.push(x);
        }
    }
    out
}

/// "le maintien" -> "du maintien", "l'accès" -> "de l'accès", "un plan" -> "d'un plan".
fn de(np: &str) -> String {
    if let Some(rest) = np.strip_prefix("le ") {
        format!("du {rest}")
    } else if let Some(rest) = np.strip_prefix("les ") {
        format!("des {rest}")
    } else if np.starts_with("un ") || np.starts_with("une ") {
        format!("d'{np}")
    } else {
        format!("de {np}")
    }
}

/// "le maintien" -> "au maintien", "les délais" -> "aux délais".
fn a(np: &str) -> String {
    if let Some(rest) = np.strip_prefix("le ") {
        format!("au {rest}")
    } else if let Some(rest) = np.strip_prefix("les ") {
        format!("aux {rest}")
    } else {
        format!("à {np}")
    }
}

/// A noun phrase without its article, capitalised: "l'accès aux soins" -> "Accès aux soins".
fn headline(np: &str) -> String {
    let rest = [
        "le ", "la ", "les ", "l'", "un ", "une ", "du ", "des ", "de la ", "de l'",
    ]
    .iter()
    .find_map(|article| np.strip_prefix(article))
    .unwrap_or(np);
    upper_first(rest)
}

/// A number written the French way: "9 000".
fn french_number(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(' ');
        }
        out.push(c);
    }
    out
}

/// An amount in euros, in one of the forms of the texts: "12 500 euros", "3,5 millions
/// d'euros", "5,54 M€", "2,3 milliards d'euros".
fn euros(rng: &mut Rng) -> String {
    match rng.below(5) {
        0 => format!("{} euros", french_number(rng.range(2, 400) as u64 * 50)),
        1 => format!("{} millions d'euros", rng.range(2, 900)),
        2 => format!("{},{} M€", rng.range(1, 90), rng.range(1, 99)),
        3 => format!("{},{} milliards d'euros", rng.range(1, 30), rng.range(1, 9)),
        _ => format!("{} €", french_number(rng.range(20, 5000) as u64 * 10)),
    }
}

// ---------------------------------------------------------------------------------------------
// Texts: paragraphs of sentences of pieces, rendered as markup, plain text or HTML.

/// A run of text in one style.
#[derive(Debug, Clone, PartialEq)]
enum Piece {
    Text(String),
    Italic(String),
    Bold(String),
}

type Sentence = Vec<Piece>;

/// A paragraph or a table.
#[derive(Debug, Clone, PartialEq)]
enum Block {
    Para(Vec<Sentence>),
    /// Rows of cells, the header first.
    Table(Vec<Vec<String>>),
}

fn text(s: impl Into<String>) -> Sentence {
    vec![Piece::Text(s.into())]
}

fn piece_str(p: &Piece) -> &str {
    match p {
        Piece::Text(s) | Piece::Italic(s) | Piece::Bold(s) => s,
    }
}

fn sentence_plain(s: &Sentence) -> String {
    s.iter().map(piece_str).collect()
}

fn para_plain(p: &[Sentence]) -> String {
    p.iter().map(sentence_plain).collect::<Vec<_>>().join(" ")
}

fn para_markup(p: &[Sentence]) -> String {
    let mut out = String::new();
    for (i, s) in p.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        for piece in s {
            match piece {
                Piece::Text(t) => out.push_str(t),
                Piece::Italic(t) => {
                    let _ = write!(out, "*{t}*");
                }
                Piece::Bold(t) => {
                    let _ = write!(out, "**{t}**");
                }
            }
        }
    }
    out
}

/// The text the parser should give back: blocks separated by one blank line, a table's rows
/// on their own lines with cells joined by " | ".
fn blocks_plain(blocks: &[Block]) -> String {
    blocks
        .iter()
        .map(|b| match b {
            Block::Para(p) => para_plain(p),
            Block::Table(rows) => rows
                .iter()
                .map(|r| r.join(" | "))
                .collect::<Vec<_>>()
                .join("\n"),
        })
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// Applies `f` to every run of text (titles excepted).
fn map_text(blocks: &mut [Block], f: &dyn Fn(&str) -> String) {
    for b in blocks {
        match b {
            Block::Para(p) => {
                for s in p.iter_mut() {
                    for piece in s.iter_mut() {
                        match piece {
                            Piece::Text(t) | Piece::Italic(t) | Piece::Bold(t) => *t = f(t),
                        }
                    }
                }
            }
            Block::Table(rows) => {
                for cell in rows.iter_mut().flatten() {
                    *cell = f(cell);
                }
            }
        }
    }
}

fn typographic(s: &str) -> String {
    s.replace('\'', "\u{2019}")
}

/// A colon near the start of a line would make it look like a `Label : value` line: before
/// the 90th character of a paragraph, a colon becomes a comma (the parser's label is at most
/// 80 characters).
fn guard_colons(blocks: &mut [Block]) {
    for b in blocks {
        let Block::Para(p) = b else { continue };
        let mut seen = 0usize;
        'outer: for s in p.iter_mut() {
            for piece in s.iter_mut() {
                let t = match piece {
                    Piece::Text(t) | Piece::Italic(t) | Piece::Bold(t) => t,
                };
                let len = t.chars().count();
                if t.contains(':') && seen < 90 {
                    let mut out = String::with_capacity(t.len());
                    for (i, c) in t.chars().enumerate() {
                        if c == ':' && seen + i < 90 {
                            out.push(',');
                        } else {
                            out.push(c);
                        }
                    }
                    // " , " reads badly: drop the space before the comma.
                    *t = out.replace(" ,", ",");
                }
                seen += len + 1;
                if seen >= 90 {
                    break 'outer;
                }
            }
        }
    }
}

/// What the sentence makers need to know of the question being written.
#[derive(Clone)]
struct Ctx {
    domain: &'static Domain,
    /// The subject, `{de_town}` resolved: "du centre hospitalier de Guéret".
    subject: String,
    /// Index into [`DEPARTMENTS`] of the author's (or the first author's) département.
    dept: usize,
    female: bool,
    author: String,
    minister: String,
}

impl Ctx {
    fn people(&self, rng: &mut Rng) -> (&'static str, bool) {
        *rng.pick_zipf(self.domain.people)
    }

    /// An entry of a list (Zipf-like or uniform); entries about Asalée only for questions
    /// about Asalée, so that the word stays as rare as the subject.
    fn pick(&self, rng: &mut Rng, items: &'static [&'static str], zipf: bool) -> &'static str {
        let on_topic = self.subject.contains("Asalée");
        for _ in 0..4 {
            let x = if zipf {
                *rng.pick_zipf(items)
            } else {
                *rng.pick(items)
            };
            if on_topic || !x.contains("Asalée") {
                return x;
            }
        }
        items
            .iter()
            .copied()
            .find(|x| !x.contains("Asalée"))
            .unwrap_or(items[0])
    }
}

/// Fills the slots of a template (see [`Domain`]).
fn fill(template: &str, ctx: &Ctx, rng: &mut Rng) -> String {
    let (_, _, _, place, town, _) = DEPARTMENTS[ctx.dept];
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let Some(close) = rest[open..].find('}') else {
            break;
        };
        let name = &rest[open + 1..open + close];
        match name {
            "place" => out.push_str(place),
            "de_town" => out.push_str(&de_town(town)),
            "a_town" => out.push_str(&a_town(town)),
            "n" => out.push_str(&french_number(rng.range(3, 600) as u64 * 25)),
            "n2" => {
                let _ = write!(out, "{}", rng.range(2, 19));
            }
            "pct" => {
                let _ = write!(out, "{}", rng.range(3, 97));
            }
            "eur" => out.push_str(&euros(rng)),
            "year" => {
                let _ = write!(out, "{}", rng.range(2008, 2024));
            }
            "month" => out.push_str(rng.pick_str(&MONTHS)),
            "people" => out.push_str(ctx.people(rng).0),
            _ => {
                out.push('{');
                out.push_str(name);
                out.push('}');
            }
        }
        rest = &rest[open + close + 1..];
    }
    out.push_str(rest);
    out
}

/// One sentence of a question. `far` allows a colon (far enough from the paragraph start).
fn question_sentence(rng: &mut Rng, ctx: &Ctx, far: bool) -> Sentence {
    let d = ctx.domain;
    let connector = *rng.pick(CONNECTORS);
    let lead = |s: String| {
        if connector.is_empty() {
            upper_first(&s)
        } else {
            format!("{connector}{s}")
        }
    };
    let subject = bare(&ctx.subject);
    match rng.below(16) {
        0..=2 => text(fill(ctx.pick(rng, d.facts, true), ctx, rng)),
        3 => {
            let (people, _) = ctx.people(rng);
            let n = rng.range(2, 95);
            text(format!(
                "Près de {n} % des {people} déclarent rencontrer des difficultés{}.",
                rng.pick(COMPLEMENTS)
            ))
        }
        4 => {
            let (people, feminine) = ctx.people(rng);
            let n = french_number(rng.range(3, 400) as u64 * 50);
            let concerned = if feminine {
                "concernées"
            } else {
                "concernés"
            };
            text(format!(
                "Selon les estimations disponibles, {n} {people} seraient directement {concerned} {}.",
                DEPARTMENTS[ctx.dept].3
            ))
        }
        5 if far => {
            let stakes = pick_distinct(rng, d.stakes, 3);
            text(format!(
                "Les conséquences seraient lourdes : {}.",
                enumerate(&stakes)
            ))
        }
        6 if rng.chance(0.6) => {
            let word = *rng.pick(ITALICS);
            if word == "statu quo" {
                vec![
                    Piece::Text(lead("le ".into())),
                    Piece::Italic(word.into()),
                    Piece::Text(format!(" ne saurait perdurer{}.", rng.pick(COMPLEMENTS))),
                ]
            } else {
                let (people, _) = ctx.people(rng);
                vec![
                    Piece::Text(lead("cette règle s'applique ".into())),
                    Piece::Italic(word.into()),
                    Piece::Text(format!(" à l'ensemble des {people}.")),
                ]
            }
        }
        7 => text(format!(
            "Comme le souligne {}, « {} ».",
            ctx.pick(rng, d.bodies, true),
            rng.pick(QUOTES)
        )),
        8 => {
            let (people, _) = ctx.people(rng);
            text(lead(format!(
                "les {people} dénoncent {} et réclament {}.",
                headline_np(rng.pick_str(d.stakes)),
                ctx.pick(rng, d.measures, true)
            )))
        }
        9 => text(format!(
            "Cette situation est particulièrement préoccupante {}, où {subject} {} {}.",
            DEPARTMENTS[ctx.dept].3,
            agree(&subject, *rng.pick(SENTENCE_VERBS)),
            rng.pick(d.stakes)
        )),
        10 => text(format!(
            "Le coût {} est estimé à {} par an.",
            de(ctx.pick(rng, d.measures, false)),
            euros(rng)
        )),
        11 => text(lead(format!(
            "{subject} {} {}{}.",
            agree(&subject, *rng.pick(SENTENCE_VERBS)),
            rng.pick_zipf(d.stakes),
            rng.pick(COMPLEMENTS)
        ))),
        12 => {
            let other = *rng.pick(d.subjects);
            if other.contains('{') || other.contains("Asalée") {
                text(format!(
                    "{} {} un rôle essentiel pour {}.",
                    upper_first(&subject),
                    agree(&subject, ("joue", "jouent")),
                    rng.pick(d.stakes)
                ))
            } else {
                text(format!(
                    "À l'instar {other}, {subject} {} {}.",
                    agree(&subject, *rng.pick(SENTENCE_VERBS)),
                    rng.pick(d.stakes)
                ))
            }
        }
        13 => text(format!(
            "Depuis {}, les {} alertent les pouvoirs publics sur {}.",
            rng.range(2008, 2024),
            ctx.people(rng).0,
            rng.pick(d.stakes)
        )),
        _ => {
            let body = ctx.pick(rng, d.bodies, true);
            text(lead(format!(
                "{body} {} {}{}.",
                agree(body, *rng.pick(SENTENCE_VERBS)),
                rng.pick_zipf(d.stakes),
                rng.pick(COMPLEMENTS)
            )))
        }
    }
}

/// "a, b et c".
fn enumerate(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => one.to_string(),
        [init @ .., last] => format!("{} et {last}", init.join(", ")),
    }
}

/// "l'accès aux soins" as the object of "dénoncent": the stake's degradation.
fn headline_np(stake: &str) -> String {
    format!("les atteintes portées {}", a(stake))
}

fn opening_sentence(rng: &mut Rng, ctx: &Ctx) -> Sentence {
    let verb = *rng.pick(QUESTION_OPENINGS);
    let object = *rng.pick_zipf(OPENING_OBJECTS);
    let place = if rng.chance(0.4) {
        format!(" {}", DEPARTMENTS[ctx.dept].3)
    } else {
        String::new()
    };
    text(format!(
        "{} {verb} {} sur {object} {}{place}.",
        ctx.author, ctx.minister, ctx.subject
    ))
}

fn closing_sentence(rng: &mut Rng, ctx: &Ctx) -> Sentence {
    let pronoun = if ctx.female { "Elle" } else { "Il" };
    let d = ctx.domain;
    let s = match rng.below(6) {
        0 => format!(
            "{pronoun} lui demande quelles mesures le Gouvernement entend prendre pour {} {}.",
            rng.pick(INFINITIVES),
            rng.pick(d.stakes)
        ),
        1 => format!(
            "{pronoun} lui demande de bien vouloir lui indiquer les mesures envisagées afin {} {}.",
            de_inf(rng.pick_str(INFINITIVES)),
            rng.pick(d.stakes)
        ),
        2 => format!(
            "{pronoun} souhaite connaître les intentions du Gouvernement s'agissant {}.",
            ctx.subject
        ),
        3 => format!(
            "{pronoun} lui demande si le Gouvernement entend engager {}.",
            ctx.pick(rng, d.measures, true)
        ),
        4 => format!(
            "Aussi, {} lui demande de préciser le calendrier retenu pour {} {}.",
            lower_first(pronoun),
            rng.pick(INFINITIVES),
            rng.pick(d.stakes)
        ),
        _ => format!(
            "{pronoun} souhaiterait savoir quelles dispositions seront prises pour {} {}.",
            rng.pick(INFINITIVES),
            rng.pick(d.stakes)
        ),
    };
    text(s)
}

/// A sentence that does not start as one already written does (a few tries); `heads` holds
/// the starts of those written.
fn fresh(rng: &mut Rng, heads: &mut Vec<String>, make: impl Fn(&mut Rng) -> Sentence) -> Sentence {
    let start = |s: &Sentence| -> String {
        let mut out = String::new();
        for p in s {
            out.extend(piece_str(p).chars().take(30 - out.chars().count().min(30)));
        }
        out
    };
    let mut s = make(rng);
    for _ in 0..3 {
        if !heads.contains(&start(&s)) {
            break;
        }
        s = make(rng);
    }
    heads.push(start(&s));
    s
}

/// A question's text of about `target` characters: the opening, paragraphs, the closing.
/// The structure depends on the draws only, never on the lengths of the context's words, so
/// that a campaign's base text comes out the same for every copy.
fn question_blocks(rng: &mut Rng, ctx: &Ctx, target: usize) -> Vec<Block> {
    let count = (target / 420).clamp(1, 8);
    let mut paras: Vec<Vec<Sentence>> = Vec::new();
    let mut heads = Vec::new();
    for k in 0..count {
        let mut p: Vec<Sentence> = Vec::new();
        if k == 0 {
            p.push(opening_sentence(rng, ctx));
        }
        for j in 0..rng.range(2, 5) {
            let s = fresh(rng, &mut heads, |rng| question_sentence(rng, ctx, j >= 2));
            p.push(s);
        }
        paras.push(p);
    }
    let close = closing_sentence(rng, ctx);
    if let Some(last) = paras.last_mut() {
        last.push(close);
    }
    paras.into_iter().map(Block::Para).collect()
}

/// One sentence of an answer.
fn answer_sentence(rng: &mut Rng, ctx: &Ctx, far: bool) -> Sentence {
    let d = ctx.domain;
    let connector = *rng.pick(CONNECTORS);
    let lead = |s: String| {
        if connector.is_empty() {
            upper_first(&s)
        } else {
            format!("{connector}{}", lower_article(&s))
        }
    };
    let year = rng.range(2012, 2025);
    let subject = bare(&ctx.subject);
    match rng.below(12) {
        0 | 1 => {
            let body = *rng.pick(ANSWER_BODIES);
            text(lead(format!(
                "{body} {} {}{}.",
                agree(body, *rng.pick(ANSWER_VERBS)),
                ctx.pick(rng, d.measures, true),
                rng.pick(COMPLEMENTS)
            )))
        }
        2 => text(format!(
            "Une enveloppe de {} a été mobilisée en {year} afin {} {}.",
            euros(rng),
            de_inf(rng.pick_str(INFINITIVES)),
            rng.pick(d.stakes)
        )),
        3 => text(format!(
            "Le décret n° {year}-{} du {} {} {year} a précisé les modalités {}.",
            rng.range(100, 1900),
            rng.range(2, 28),
            rng.pick(&MONTHS),
            de(ctx.pick(rng, d.measures, false))
        )),
        4 => {
            let (people, _) = ctx.people(rng);
            text(format!(
                "Au 31 décembre {year}, {} {people} bénéficiaient de ce dispositif, soit une hausse de {} % par rapport à {}.",
                french_number(rng.range(3, 900) as u64 * 100),
                rng.range(2, 60),
                year - 1
            ))
        }
        5 => text(format!(
            "La loi n° {year}-{} du {} {} {year} relative {} prévoit {}.",
            rng.range(100, 1900),
            rng.range(2, 28),
            rng.pick(&MONTHS),
            a(rng.pick_str(d.stakes)),
            ctx.pick(rng, d.measures, false)
        )),
        6 => text(lead(format!(
            "le Gouvernement reste attentif {} et poursuivra le dialogue avec {}.",
            a(rng.pick_str(d.stakes)),
            ctx.pick(rng, d.bodies, true)
        ))),
        7 => text(format!(
            "Ces mesures représentent un effort de {} sur la période {year}-{}.",
            euros(rng),
            year + 3
        )),
        8 if far => {
            let mut items = pick_distinct(rng, d.measures, 2);
            items.push(*rng.pick(d.stakes));
            let items: Vec<&str> = items
                .into_iter()
                .map(|x| {
                    if x.contains("Asalée") && !ctx.subject.contains("Asalée") {
                        d.stakes[0]
                    } else {
                        x
                    }
                })
                .collect();
            text(format!(
                "Trois priorités ont été retenues : {}.",
                enumerate(&items)
            ))
        }
        9 if rng.chance(0.3) => vec![
            Piece::Text("Le Gouvernement rappelle que ".into()),
            Piece::Bold(format!(
                "{subject} {} une priorité",
                agree(&subject, ("constitue", "constituent"))
            )),
            Piece::Text(format!(" de son action{}.", rng.pick(COMPLEMENTS))),
        ],
        10 => text(fill(ctx.pick(rng, d.facts, false), ctx, rng)),
        _ => {
            let body = ctx.pick(rng, d.bodies, true);
            text(lead(format!(
                "{body} {} {} {}.",
                agree(body, *rng.pick(FOLLOW_VERBS)),
                rng.pick(d.stakes),
                DEPARTMENTS[ctx.dept].3
            )))
        }
    }
}

/// A table for an answer, with the sentence introducing it.
fn answer_table(rng: &mut Rng, ctx: &Ctx) -> (Sentence, Block) {
    let (people, _) = ctx.people(rng);
    if rng.chance(0.5) {
        let start = rng.range(2015, 2020);
        let years = rng.range(3, 6);
        let mut rows = vec![vec![
            "Année".to_string(),
            format!("Nombre de {people}"),
            "Crédits (en euros)".to_string(),
        ]];
        let mut count = rng.range(500, 20_000) as u64;
        for y in 0..years {
            count = count * rng.range(95, 125) as u64 / 100;
            rows.push(vec![
                (start + y).to_string(),
                french_number(count),
                french_number(count * rng.range(200, 3000) as u64),
            ]);
        }
        (
            text(format!(
                "L'évolution du nombre de {people} et des crédits engagés depuis {start} figure dans le tableau suivant :"
            )),
            Block::Table(rows),
        )
    } else {
        let mut rows = vec![vec![
            "Région".to_string(),
            "Montant (en euros)".to_string(),
            "Part".to_string(),
        ]];
        let first = rng.below(TABLE_REGIONS.len() as u64) as usize;
        let n = rng.range(3, 8) as usize;
        for k in 0..n {
            rows.push(vec![
                TABLE_REGIONS[(first + k) % TABLE_REGIONS.len()].to_string(),
                french_number(rng.range(50, 9000) as u64 * 1000),
                format!("{} %", rng.range(1, 30)),
            ]);
        }
        (
            text("La répartition régionale des crédits délégués au titre de ce dispositif est présentée dans le tableau ci-dessous :"),
            Block::Table(rows),
        )
    }
}

/// An answer's text of about `target` characters.
fn answer_blocks(rng: &mut Rng, ctx: &Ctx, target: usize, grouped: bool) -> Vec<Block> {
    let opening = match rng.below(5) {
        0 => format!(
            "Le Gouvernement est pleinement mobilisé sur la question {}.",
            ctx.subject
        ),
        1 => format!(
            "La situation {} fait l'objet d'une attention particulière des services de l'État.",
            ctx.subject
        ),
        2 if !grouped => {
            "Le ministère partage la préoccupation exprimée par l'auteur de la question.".into()
        }
        2 => "Le ministère partage les préoccupations exprimées par les auteurs des questions."
            .into(),
        3 => "Des travaux ont été engagés avec l'ensemble des acteurs concernés.".into(),
        _ => {
            let subject = bare(&ctx.subject);
            format!(
                "{} {} une priorité du Gouvernement.",
                upper_first(&subject),
                agree(&subject, ("constitue", "constituent"))
            )
        }
    };
    let count = (target / 450).clamp(1, 10);
    let table_at = rng
        .chance(0.12)
        .then(|| rng.below(count.min(2) as u64) as usize);
    let mut blocks = Vec::new();
    let mut heads = Vec::new();
    for k in 0..count {
        let mut p: Vec<Sentence> = Vec::new();
        if k == 0 {
            p.push(text(opening.clone()));
        }
        for j in 0..rng.range(2, 5) {
            let s = fresh(rng, &mut heads, |rng| answer_sentence(rng, ctx, j >= 2));
            p.push(s);
        }
        if table_at == Some(k) {
            let (intro, table) = answer_table(rng, ctx);
            p.push(intro);
            blocks.push(Block::Para(p));
            blocks.push(table);
        } else {
            blocks.push(Block::Para(p));
        }
    }
    blocks
}

// ---------------------------------------------------------------------------------------------
// The plan: deputies, and every question's place, date, author, subject, ministries, status
// and groups, fixed before the documents are rendered in parallel.

/// A deputy as a person, across legislatures.
#[derive(Debug, Clone)]
struct Person {
    /// `PA…` number.
    pa: u32,
    female: bool,
    first: &'static str,
    last: &'static str,
    born: NaiveDate,
    /// Indices into [`Plan::deputies`]: one seat per legislature served.
    seats: Vec<u32>,
}

/// A seat held in one legislature.
#[derive(Debug, Clone)]
struct Deputy {
    person: u32,
    leg: usize,
    dept: usize,
    seat: u32,
    group: usize,
    /// `PM…` of the ASSEMBLEE mandat, and of the group mandat.
    mandat: u32,
    gp_mandat: u32,
}

#[derive(Debug, Clone)]
struct Slot {
    leg: usize,
    number: u32,
    published: NaiveDate,
    deputy: u32,
    domain: usize,
    subject: usize,
    asked: usize,
    assigned: usize,
    /// A "Date de changement d'attribution" line.
    reassigned: bool,
    status: Status,
    /// Answer or withdrawal date; the legislature's end when pending.
    closing: NaiveDate,
    /// Withdrawal note and closure code.
    withdrawal: Option<(&'static str, &'static str)>,
    campaign: Option<u32>,
    answer_group: Option<u32>,
    topic_group: Option<u32>,
    seed: u64,
}

#[derive(Debug, Clone)]
struct Campaign {
    seed: u64,
    domain: usize,
    subject: usize,
    ministry: usize,
    /// Slot indices, in publication order.
    members: Vec<u32>,
}

#[derive(Debug, Clone)]
struct AnswerGroup {
    seed: u64,
    date: NaiveDate,
    ministry: usize,
    campaign: Option<u32>,
    members: Vec<u32>,
}

#[derive(Debug, Clone)]
struct TopicGroup {
    domain: usize,
    subject: usize,
    members: Vec<u32>,
}

#[derive(Debug, Clone)]
struct Plan {
    n: usize,
    seed: u64,
    persons: Vec<Person>,
    deputies: Vec<Deputy>,
    /// In legislature, then number order.
    slots: Vec<Slot>,
    campaigns: Vec<Campaign>,
    answer_groups: Vec<AnswerGroup>,
    topic_groups: Vec<TopicGroup>,
}

/// The Tuesday on or after `date` (the JO des questions comes out on Tuesdays), or the one
/// before when that falls after `last`.
fn tuesday(date: NaiveDate, last: NaiveDate) -> NaiveDate {
    let ahead = (7 + Weekday::Tue.num_days_from_monday() as i64
        - date.weekday().num_days_from_monday() as i64)
        % 7;
    let next = date + Duration::days(ahead);
    if next <= last {
        next
    } else {
        next - Duration::days(7)
    }
}

fn days_between(a: NaiveDate, b: NaiveDate) -> i64 {
    (b - a).num_days()
}

/// Campaign sizes: 2 to 60, P(k) proportional to 1/k².
fn campaign_size(rng: &mut Rng) -> usize {
    let total: f64 = (2..=60).map(|k| 1.0 / (k * k) as f64).sum();
    let mut u = rng.unit() * total;
    for k in 2..=60 {
        u -= 1.0 / (k * k) as f64;
        if u <= 0.0 {
            return k;
        }
    }
    60
}

fn weighted(rng: &mut Rng, weights: impl Iterator<Item = u32> + Clone) -> usize {
    let total: u64 = weights.clone().map(u64::from).sum();
    let mut w = rng.below(total.max(1));
    for (i, x) in weights.enumerate() {
        if w < u64::from(x) {
            return i;
        }
        w -= u64::from(x);
    }
    0
}

fn build_deputies(rng: &mut Rng) -> (Vec<Person>, Vec<Deputy>) {
    let mut persons: Vec<Person> = Vec::new();
    let mut deputies: Vec<Deputy> = Vec::new();
    let mut names: HashSet<(&str, &str)> = HashSet::new();
    let mut previous: HashMap<(usize, u32), u32> = HashMap::new();
    let mut next_pm = 800_001u32;
    for (leg, groups) in GROUPS.iter().enumerate() {
        let mut current = HashMap::new();
        for (d, dept) in DEPARTMENTS.iter().enumerate() {
            for seat in 1..=dept.2 {
                let person = match previous.get(&(d, seat)) {
                    Some(&p) if rng.chance(0.45) => p,
                    _ => {
                        let female = rng.chance(0.38);
                        let mut name = ("", "");
                        for _ in 0..40 {
                            let first = if female {
                                *rng.pick(FIRST_NAMES_F)
                            } else {
                                *rng.pick(FIRST_NAMES_M)
                            };
                            name = (first, *rng.pick(LAST_NAMES));
                            if !names.contains(&name) {
                                break;
                            }
                        }
                        names.insert(name);
                        let born = ymd((1945, 1, 1)) + Duration::days(rng.range(0, 50 * 365));
                        persons.push(Person {
                            pa: 700_001 + persons.len() as u32 * 13,
                            female,
                            first: name.0,
                            last: name.1,
                            born,
                            seats: Vec::new(),
                        });
                        persons.len() as u32 - 1
                    }
                };
                let group = weighted(rng, groups.iter().map(|g| g.2));
                persons[person as usize].seats.push(deputies.len() as u32);
                deputies.push(Deputy {
                    person,
                    leg,
                    dept: d,
                    seat,
                    group,
                    mandat: next_pm,
                    gp_mandat: next_pm + 1,
                });
                next_pm += 2;
                current.insert((d, seat), person);
            }
        }
        previous = current;
    }
    (persons, deputies)
}

/// A subject index of a domain; for a group, one that names no town.
fn pick_subject(rng: &mut Rng, domain: &Domain, group: bool) -> usize {
    for _ in 0..8 {
        let s = rng.zipf(domain.subjects.len());
        if !group || !domain.subjects[s].contains('{') {
            return s;
        }
    }
    0
}

/// Subjects of the news, written about by many deputies separately.
const HOT_SUBJECTS: &[&str] = &[
    "des pénuries de médicaments",
    "du dispositif Asalée",
    "du prix du lait",
    "des déserts médicaux",
    "des accompagnants d'élèves en situation de handicap",
    "du dispositif MaPrimeRénov'",
    "des petites lignes ferroviaires",
    "de la prédation du loup",
    "des secrétaires de mairie",
];

/// A (domain, subject) of [`HOT_SUBJECTS`].
fn hot_subject(rng: &mut Rng) -> (usize, usize) {
    let wanted = rng.pick_str(HOT_SUBJECTS);
    DOMAINS
        .iter()
        .enumerate()
        .find_map(|(d, domain)| {
            domain
                .subjects
                .iter()
                .position(|s| *s == wanted)
                .map(|s| (d, s))
        })
        .unwrap_or((0, 0))
}

fn other_ministry(rng: &mut Rng, domain: &Domain, not: usize) -> usize {
    let candidates: Vec<usize> = domain
        .ministries
        .iter()
        .copied()
        .filter(|&m| m != not)
        .collect();
    if !candidates.is_empty() && rng.chance(0.7) {
        *rng.pick(&candidates)
    } else {
        let m = rng.below(MINISTRIES.len() as u64) as usize;
        if m == not {
            (m + 1) % MINISTRIES.len()
        } else {
            m
        }
    }
}

fn plan(n: usize, seed: u64) -> Plan {
    let mut rng = Rng::new(seed);
    let (persons, deputies) = build_deputies(&mut rng);
    let mut by_leg: Vec<Vec<u32>> = vec![Vec::new(); LEGISLATURES.len()];
    for (i, d) in deputies.iter().enumerate() {
        by_leg[d.leg].push(i as u32);
    }
    // Activity: a few deputies ask far more questions than the others.
    for seats in &mut by_leg {
        for i in (1..seats.len()).rev() {
            let j = rng.below(i as u64 + 1) as usize;
            seats.swap(i, j);
        }
    }
    let pick_deputy = |rng: &mut Rng, leg: usize| -> u32 {
        let seats = &by_leg[leg];
        if rng.chance(0.5) {
            seats[rng.zipf(seats.len())]
        } else {
            *rng.pick(seats)
        }
    };

    // Questions per legislature.
    let total_weight: u64 = LEGISLATURES.iter().map(|l| l.3).sum();
    let mut per_leg = [0usize; 4];
    for _ in 0..n {
        per_leg[weighted(&mut rng, LEGISLATURES.iter().map(|l| l.3 as u32))] += 1;
    }
    debug_assert_eq!(per_leg.iter().sum::<usize>(), n, "{total_weight}");

    let mut slots: Vec<Slot> = Vec::with_capacity(n);
    let mut campaigns: Vec<Campaign> = Vec::new();
    let mut topic_groups: Vec<TopicGroup> = Vec::new();
    for (leg, &count) in per_leg.iter().enumerate() {
        let (_, start, end, _, _) = LEGISLATURES[leg];
        let (start, end) = (ymd(start), ymd(end));
        let span = days_between(start, end);
        let first_slot = slots.len();
        let mut made = 0;
        while made < count {
            let r = rng.unit();
            let mut size = if r < 0.03 {
                campaign_size(&mut rng)
            } else if r < 0.06 {
                rng.range(2, 6) as usize
            } else {
                1
            };
            size = size.min(count - made);
            let campaign = r < 0.03 && size >= 2;
            let topic_group = !campaign && r < 0.06 && size >= 2;
            if !campaign && !topic_group {
                size = 1;
            }
            let (domain, subject) = if topic_group && rng.chance(0.3) {
                // Subjects many deputies write about on their own, as the seeds' Asalée.
                hot_subject(&mut rng)
            } else {
                let domain = weighted(&mut rng, DOMAINS.iter().map(|d| d.weight));
                (domain, pick_subject(&mut rng, &DOMAINS[domain], size > 1))
            };
            let ministry = DOMAINS[domain].ministries[rng.zipf(DOMAINS[domain].ministries.len())];
            let day0 = rng.below(span as u64) as i64;
            let spread = if campaign {
                rng.range(0, 42)
            } else if topic_group {
                150
            } else {
                0
            };
            let unit_id = if campaign {
                campaigns.push(Campaign {
                    seed: rng.next_u64(),
                    domain,
                    subject,
                    ministry,
                    members: Vec::new(),
                });
                Some(campaigns.len() as u32 - 1)
            } else if topic_group {
                topic_groups.push(TopicGroup {
                    domain,
                    subject,
                    members: Vec::new(),
                });
                Some(topic_groups.len() as u32 - 1)
            } else {
                None
            };
            let mut authors: HashSet<u32> = HashSet::new();
            for _ in 0..size {
                let mut deputy = pick_deputy(&mut rng, leg);
                while !authors.insert(deputy) {
                    deputy = *rng.pick(&by_leg[leg]);
                }
                let offset = (day0 + rng.range(0, spread)).min(span - 1);
                let published = tuesday(start + Duration::days(offset), end - Duration::days(1));
                let asked = if campaign && rng.chance(0.15) {
                    other_ministry(&mut rng, &DOMAINS[domain], ministry)
                } else if campaign || topic_group {
                    ministry
                } else {
                    DOMAINS[domain].ministries[rng.zipf(DOMAINS[domain].ministries.len())]
                };
                slots.push(Slot {
                    leg,
                    number: 0,
                    published,
                    deputy,
                    domain,
                    subject,
                    asked,
                    assigned: asked,
                    reassigned: false,
                    status: Status::Pending,
                    closing: end,
                    withdrawal: None,
                    campaign: if campaign { unit_id } else { None },
                    answer_group: None,
                    topic_group: if topic_group { unit_id } else { None },
                    seed: rng.next_u64(),
                });
            }
            made += size;
        }
        // Numbers grow with time, with gaps (other kinds of questions, withdrawn drafts).
        slots[first_slot..].sort_by_key(|s| (s.published, s.seed));
        let mut number = 0u32;
        for s in &mut slots[first_slot..] {
            number += rng.range(1, 3) as u32;
            s.number = number;
        }
        // Status, ministry assigned and closing date.
        let last_leg = leg == LEGISLATURES.len() - 1;
        for s in &mut slots[first_slot..] {
            let room = days_between(s.published, end).max(1);
            let roll = rng.below(100);
            if roll < 12 {
                s.assigned = other_ministry(&mut rng, &DOMAINS[s.domain], s.asked);
                s.reassigned = true;
            } else if roll < 15 {
                s.assigned = other_ministry(&mut rng, &DOMAINS[s.domain], s.asked);
            }
            let roll = rng.below(100);
            if roll < 56 {
                let delay = rng.length(20, 600) as i64;
                let date = tuesday(s.published + Duration::days(delay), end);
                if date > s.published && days_between(s.published, date) <= room {
                    s.status = Status::Answered;
                    s.closing = date;
                } else if !last_leg {
                    s.status = Status::Withdrawn;
                    s.closing = end + Duration::days(1);
                    s.withdrawal = Some(("Fin de mandat", "FIN_MANDAT"));
                }
            } else if roll < 90 {
                // Pending until the end of the legislature.
            } else if !last_leg && rng.chance(0.7) {
                s.status = Status::Withdrawn;
                s.closing = end + Duration::days(1);
                s.withdrawal = Some(("Fin de mandat", "FIN_MANDAT"));
            } else if room > 2 {
                s.status = Status::Withdrawn;
                s.closing = s.published + Duration::days(rng.range(1, room.min(400) - 1));
                s.withdrawal = Some(*rng.pick(WITHDRAWAL_REASONS));
            }
        }
    }
    for (i, s) in slots.iter().enumerate() {
        if let Some(c) = s.campaign {
            campaigns[c as usize].members.push(i as u32);
        }
        if let Some(t) = s.topic_group {
            topic_groups[t as usize].members.push(i as u32);
        }
    }

    // Grouped answers: a campaign's questions answered together...
    let mut answer_groups: Vec<AnswerGroup> = Vec::new();
    for (c, campaign) in campaigns.iter().enumerate() {
        if !rng.chance(0.55) {
            continue;
        }
        let leg = slots[campaign.members[0] as usize].leg;
        let end = ymd(LEGISLATURES[leg].2);
        let last = campaign
            .members
            .iter()
            .map(|&m| slots[m as usize].published)
            .max()
            .unwrap_or(end);
        let date = tuesday(last + Duration::days(rng.length(20, 300) as i64), end);
        if date <= last {
            continue;
        }
        let members: Vec<u32> = campaign
            .members
            .iter()
            .copied()
            .filter(|_| rng.chance(0.85))
            .collect();
        if members.len() < 2 {
            continue;
        }
        let id = answer_groups.len() as u32;
        for &m in &members {
            let s = &mut slots[m as usize];
            s.status = Status::Answered;
            s.closing = date;
            s.withdrawal = None;
            s.answer_group = Some(id);
            s.reassigned = s.asked != campaign.ministry && rng.chance(0.7);
            s.assigned = campaign.ministry;
        }
        answer_groups.push(AnswerGroup {
            seed: rng.next_u64(),
            date,
            ministry: campaign.ministry,
            campaign: Some(c as u32),
            members,
        });
    }
    // ... and unrelated questions of one ministry answered on one date.
    let mut buckets: std::collections::BTreeMap<(usize, usize), Vec<u32>> = Default::default();
    for (i, s) in slots.iter().enumerate() {
        if s.status == Status::Answered && s.answer_group.is_none() && s.campaign.is_none() {
            buckets
                .entry((s.leg, s.assigned))
                .or_default()
                .push(i as u32);
        }
    }
    for members in buckets.values_mut() {
        members.sort_by_key(|&m| (slots[m as usize].closing, m));
        let mut i = 0;
        while i + 1 < members.len() {
            if !rng.chance(0.025) {
                i += 1;
                continue;
            }
            let size = (rng.length(2, 8)).min(members.len() - i);
            let group: Vec<u32> = members[i..i + size].to_vec();
            let date = group
                .iter()
                .map(|&m| slots[m as usize].closing)
                .max()
                .unwrap_or_default();
            let id = answer_groups.len() as u32;
            for &m in &group {
                let s = &mut slots[m as usize];
                s.closing = date;
                s.answer_group = Some(id);
            }
            let mut group = group;
            group.sort_unstable();
            answer_groups.push(AnswerGroup {
                seed: rng.next_u64(),
                date,
                ministry: slots[group[0] as usize].assigned,
                campaign: None,
                members: group,
            });
            i += size;
        }
    }
    Plan {
        n,
        seed,
        persons,
        deputies,
        slots,
        campaigns,
        answer_groups,
        topic_groups,
    }
}

// ---------------------------------------------------------------------------------------------
// One question's facts, the same whatever form it is written in.

/// One dated line: label, date, JO page, note.
#[derive(Debug, Clone)]
struct Dated {
    kind: EventKind,
    label: &'static str,
    date: NaiveDate,
    page: Option<u32>,
    note: Option<&'static str>,
}

/// Everything a question says, before it is written as text or JSON.
#[derive(Debug, Clone)]
struct Facts {
    leg: usize,
    number: u32,
    seed: u64,
    title: String,
    person: Person,
    deputy: Deputy,
    author: String,
    rubric: &'static str,
    head: Option<&'static str>,
    asked: usize,
    assigned: usize,
    reassigned: bool,
    status: Status,
    withdrawal_code: Option<&'static str>,
    question: Vec<Block>,
    answer: Vec<Block>,
    events: Vec<Dated>,
    campaign: Option<u32>,
    answer_group: Option<u32>,
    topic_group: Option<u32>,
    edits: Vec<&'static str>,
}

impl Facts {
    fn legislature(&self) -> u16 {
        LEGISLATURES[self.leg].0
    }
    fn id(&self) -> String {
        format!("{}-{}QE", self.legislature(), self.number)
    }
    fn uid(&self) -> String {
        format!("QANR5L{}QE{}", self.legislature(), self.number)
    }
    fn group(&self) -> (&'static str, &'static str, u32) {
        let (name, abbrev, _) = GROUPS[self.deputy.leg][self.deputy.group];
        (
            name,
            abbrev,
            group_organe(self.deputy.leg, self.deputy.group),
        )
    }
    fn published(&self) -> NaiveDate {
        self.events[0].date
    }
    fn event(&self, kind: EventKind) -> Option<&Dated> {
        self.events.iter().find(|e| e.kind == kind)
    }
}

/// A JO page for a date (pages run through the year).
fn jo_page(date: NaiveDate, salt: u64) -> u32 {
    date.ordinal() * 28 + (salt % 28) as u32 + 1
}

/// The first page of the answers in the JO of a date: every answer of one issue shares it.
fn answers_page(date: NaiveDate) -> u32 {
    date.ordinal() * 28 + 9
}

fn make_title(rng: &mut Rng, ctx: &Ctx, with_place: bool) -> String {
    let d = ctx.domain;
    let subject = &ctx.subject;
    let head = title_head(rng, subject);
    let place = if rng.chance(0.3) {
        a_town(DEPARTMENTS[ctx.dept].4)
    } else {
        DEPARTMENTS[ctx.dept].3.to_string()
    };
    let stake = *rng.pick(d.stakes);
    let area = *rng.pick(TITLE_AREAS);
    let challenge = *rng.pick(TITLE_CHALLENGES);
    let named = headline(&bare(subject));
    match rng.below(20) {
        0 => format!("{head} {subject}"),
        1..=3 => format!("{head} {subject} {area}"),
        4..=5 => format!("{head} {subject} et {}", lower_first(&headline(stake))),
        6..=8 if with_place && rng.chance(0.5) => {
            format!("{named} : {} {place}", lower_first(head))
        }
        6..=8 => format!("{named} : {} {area}", lower_first(head)),
        9..=12 if with_place => format!("{head} {subject} {place}"),
        9..=12 => format!("{head} {subject} {challenge}"),
        13..=14 if with_place => format!("{} {place}", headline(stake)),
        13..=14 => format!("{} {area}", headline(stake)),
        15..=16 => format!("{head} {subject} {challenge}"),
        17 => format!("{named} : {}", lower_first(&headline(stake))),
        _ if with_place => format!("{named} {place} : {}", lower_first(&headline(stake))),
        _ => format!("{named} {challenge} : {}", lower_first(&headline(stake))),
    }
}

/// Swaps two neighbouring words inside a sentence; false when none can be swapped.
fn swap_words(rng: &mut Rng, sentence: &mut Sentence) -> bool {
    let [Piece::Text(t)] = sentence.as_mut_slice() else {
        return false;
    };
    let mut words: Vec<String> = t.split(' ').map(str::to_string).collect();
    let plain = |w: &str| w.len() >= 3 && w.chars().all(|c| c.is_alphabetic());
    let candidates: Vec<usize> = (1..words.len().saturating_sub(2))
        .filter(|&k| plain(&words[k]) && plain(&words[k + 1]) && words[k] != words[k + 1])
        .collect();
    if candidates.is_empty() {
        return false;
    }
    let k = *rng.pick(&candidates);
    words.swap(k, k + 1);
    *t = words.join(" ");
    true
}

/// The edits a campaign copy makes to the base text.
fn edit_copy(rng: &mut Rng, ctx: &Ctx, blocks: &mut Vec<Block>, edits: &mut Vec<&'static str>) {
    let paras = |blocks: &mut Vec<Block>| -> Vec<usize> {
        (0..blocks.len())
            .filter(|&i| matches!(blocks[i], Block::Para(_)))
            .collect()
    };
    if rng.chance(0.3) {
        if let Some(Block::Para(p)) = blocks.first_mut() {
            p[0] = opening_sentence(rng, ctx);
            edits.push("opening");
        }
    }
    // A copy keeps most of the base text: three content edits at most.
    let room = |edits: &Vec<&'static str>| {
        edits
            .iter()
            .filter(|e| !matches!(**e, "author" | "minister"))
            .count()
            < 3
    };
    if rng.chance(0.5) {
        let list = paras(blocks);
        let at = *rng.pick(&list);
        let last = at == blocks.len() - 1;
        if let Block::Para(p) = &mut blocks[at] {
            // Not before the opening, not after the closing.
            let lo = usize::from(at == 0);
            let hi = if last { p.len() - 1 } else { p.len() };
            if hi >= lo {
                let k = rng.range(lo as i64, hi as i64) as usize;
                p.insert(k, question_sentence(rng, ctx, true));
                edits.push("added_sentence");
            }
        }
    }
    if rng.chance(0.4) && room(edits) {
        let list = paras(blocks);
        let at = *rng.pick(&list);
        let last = at == blocks.len() - 1;
        if let Block::Para(p) = &mut blocks[at] {
            let lo = usize::from(at == 0);
            let hi = if last {
                p.len() as i64 - 2
            } else {
                p.len() as i64 - 1
            };
            if hi >= lo as i64 {
                let k = rng.range(lo as i64, hi) as usize;
                let new = question_sentence(rng, ctx, true);
                if new != p[k] {
                    p[k] = new;
                    edits.push("changed_sentence");
                }
            }
        }
    }
    if rng.chance(0.3) && room(edits) {
        let list = paras(blocks);
        let at = *rng.pick(&list);
        if let Block::Para(p) = &mut blocks[at] {
            let k = rng.below(p.len() as u64) as usize;
            if !(at == 0 && k == 0) && swap_words(rng, &mut p[k]) {
                edits.push("reordered_words");
            }
        }
    }
    if blocks.len() >= 3 && rng.chance(0.2) && room(edits) {
        let k = rng.range(1, blocks.len() as i64 - 2) as usize;
        blocks.remove(k);
        edits.push("dropped_paragraph");
    }
    if rng.chance(0.25) && room(edits) {
        if let Some(Block::Para(p)) = blocks.last_mut() {
            if let Some(last) = p.last_mut() {
                let new = closing_sentence(rng, ctx);
                if new != *last {
                    *last = new;
                    edits.push("closing");
                }
            }
        }
    }
}

fn facts(plan: &Plan, index: usize) -> Facts {
    let slot = &plan.slots[index];
    let mut rng = Rng::new(slot.seed);
    let deputy = plan.deputies[slot.deputy as usize].clone();
    let person = plan.persons[deputy.person as usize].clone();
    let civility = if person.female { "Mme" } else { "M." };
    let author = format!("{civility} {} {}", person.first, person.last);
    let domain = &DOMAINS[slot.domain];
    let (_, start, end, _, _) = LEGISLATURES[slot.leg];
    let (_start, end) = (ymd(start), ymd(end));
    let mut ctx = Ctx {
        domain,
        subject: String::new(),
        dept: deputy.dept,
        female: person.female,
        author: author.clone(),
        minister: minister_title(slot.asked, minister_female(slot.asked, slot.leg)),
    };
    ctx.subject = fill(domain.subjects[slot.subject], &ctx, &mut rng);

    let typographic_question = rng.chance(0.3);
    let mut edits = Vec::new();
    let campaign = slot.campaign.map(|c| &plan.campaigns[c as usize]);
    let (rubric, head, mut title, mut question) = match campaign {
        Some(c) => {
            // The base text, regenerated from the campaign's seed with this copy's author,
            // minister and département, then this copy's edits.
            let mut base = Rng::new(c.seed);
            let rubric = *base.pick_zipf(domain.rubrics);
            let head = *base.pick_zipf(domain.heads);
            let base_title = make_title(&mut base, &ctx, false);
            // Three paragraphs or more: a copy keeps most of the base text.
            let target = base.length(1300, 3200);
            let mut blocks = question_blocks(&mut base, &ctx, target);
            edits.push("author");
            if slot.asked != c.ministry {
                edits.push("minister");
            }
            edit_copy(&mut rng, &ctx, &mut blocks, &mut edits);
            let title = if rng.chance(0.6) {
                base_title
            } else {
                edits.push("title");
                make_title(&mut rng, &ctx, true)
            };
            (rubric, head, title, blocks)
        }
        None => {
            let rubric = *rng.pick_zipf(domain.rubrics);
            let head = *rng.pick_zipf(domain.heads);
            let title = make_title(&mut rng, &ctx, true);
            let target = rng.length(300, 3000);
            (rubric, head, title, question_blocks(&mut rng, &ctx, target))
        }
    };
    let head = rng.chance(0.8).then_some(head);
    if typographic_question {
        title = typographic(&title);
        map_text(&mut question, &typographic);
    }
    guard_colons(&mut question);

    let mut answer = Vec::new();
    if slot.status == Status::Answered {
        match slot.answer_group {
            Some(g) => {
                let group = &plan.answer_groups[g as usize];
                let lead = &plan.slots[group.members[0] as usize];
                let lead_domain = &DOMAINS[lead.domain];
                let mut grng = Rng::new(group.seed);
                let mut gctx = Ctx {
                    domain: lead_domain,
                    subject: String::new(),
                    dept: plan.deputies[lead.deputy as usize].dept,
                    female: false,
                    author: String::new(),
                    minister: String::new(),
                };
                gctx.subject = fill(lead_domain.subjects[lead.subject], &gctx, &mut grng);
                let typo = grng.chance(0.3);
                let target = grng.length(500, 4000);
                answer = answer_blocks(&mut grng, &gctx, target, true);
                if typo {
                    map_text(&mut answer, &typographic);
                }
            }
            None => {
                let typo = rng.chance(0.3);
                let target = rng.length(400, 5000);
                answer = answer_blocks(&mut rng, &ctx, target, false);
                if typo {
                    map_text(&mut answer, &typographic);
                }
            }
        }
        guard_colons(&mut answer);
    }

    // Dates: publication and closing from the plan, the rest in between.
    let published = slot.published;
    let closing = slot.closing;
    let mut events = vec![Dated {
        kind: EventKind::QuestionPublished,
        label: "Question publiée au JO le",
        date: published,
        page: Some(jo_page(published, slot.seed)),
        note: None,
    }];
    match slot.status {
        Status::Answered => events.push(Dated {
            kind: EventKind::AnswerPublished,
            label: "Réponse publiée au JO le",
            date: closing,
            page: Some(answers_page(closing) + (slot.seed >> 8) as u32 % 40),
            note: None,
        }),
        Status::Withdrawn => events.push(Dated {
            kind: EventKind::Withdrawn,
            label: "Question retirée le",
            date: closing,
            page: None,
            note: slot.withdrawal.map(|w| w.0),
        }),
        Status::Pending => {}
    }
    let window = days_between(published, closing);
    let between = |rng: &mut Rng| {
        let d = published + Duration::days(rng.range(1, window.max(2) - 1));
        let t = tuesday(d, closing - Duration::days(1));
        if t > published && t < closing {
            t
        } else {
            d
        }
    };
    let mut reassigned = slot.reassigned;
    if window > 3 {
        if reassigned {
            let date = between(&mut rng);
            events.push(Dated {
                kind: EventKind::AttributionChanged,
                label: "Date de changement d'attribution",
                date,
                page: None,
                note: None,
            });
        }
        if rng.chance(0.04) {
            let date = between(&mut rng);
            events.push(Dated {
                kind: EventKind::Signaled,
                label: "Date de signalement",
                date,
                page: None,
                note: None,
            });
        }
        if rng.chance(0.05) {
            let date = between(&mut rng);
            events.push(Dated {
                kind: EventKind::Renewed,
                label: "Date de renouvellement",
                date,
                page: None,
                note: None,
            });
        }
        if rng.chance(0.02) {
            let date = between(&mut rng);
            events.push(Dated {
                kind: EventKind::ErratumQuestion,
                label: "Erratum de la question publié au JO le",
                date,
                page: Some(jo_page(date, slot.seed >> 3)),
                note: None,
            });
        }
    } else {
        reassigned = false;
    }
    if slot.status == Status::Answered && rng.chance(0.03) {
        let date = tuesday(
            closing + Duration::days(rng.range(7, 40)),
            end + Duration::days(60),
        );
        events.push(Dated {
            kind: EventKind::ErratumAnswer,
            label: "Erratum de la réponse publié au JO le",
            date,
            page: Some(jo_page(date, slot.seed >> 5)),
            note: None,
        });
    }
    // Stable: equal dates keep the order above, as the parser's stable sort does.
    events.sort_by_key(|d| d.date);

    Facts {
        leg: slot.leg,
        number: slot.number,
        seed: slot.seed,
        title,
        person,
        deputy,
        author,
        rubric,
        head,
        asked: slot.asked,
        assigned: slot.assigned,
        reassigned,
        status: slot.status,
        withdrawal_code: slot.withdrawal.map(|w| w.1),
        question,
        answer,
        events,
        campaign: slot.campaign,
        answer_group: slot.answer_group,
        topic_group: slot.topic_group,
        edits,
    }
}

// ---------------------------------------------------------------------------------------------
// The text form.

/// A date as printed: `24 mars 2026`, and for the first of a month `1er` or `1`.
fn french_date(rng: &mut Rng, date: NaiveDate) -> String {
    let day = if date.day() == 1 && rng.chance(0.6) {
        "1er".to_string()
    } else {
        date.day().to_string()
    };
    format!("{day} {} {}", MONTHS[date.month0() as usize], date.year())
}

/// Splits one paragraph in two, as a page break of the source would ("des" / "salariés"):
/// the second part goes on in lower case, so the parser joins them again.
fn page_break(rng: &mut Rng, markup: &str) -> Option<(String, String)> {
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
fn text_lines(blocks: &[Block], markdown: bool) -> Vec<Vec<String>> {
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
fn render_text(f: &Facts) -> (PathBuf, String, bool, bool) {
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
    facts: Box<Facts>,
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

fn expected(f: &Facts, markdown: bool, page_break: bool) -> Expected {
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

fn document(plan: &Plan, index: usize) -> Document {
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

// ---------------------------------------------------------------------------------------------
// The open-data JSON form.

const NS: &str = "http://schemas.assemblee-nationale.fr/referentiel";
const XSI: &str = "http://www.w3.org/2001/XMLSchema-instance";

/// A JSON value, its objects keeping their keys' order.
#[derive(Debug, Clone)]
enum J {
    S(String),
    N(u64),
    Null,
    O(Vec<(&'static str, J)>),
    A(Vec<J>),
}

fn js(x: impl Into<String>) -> J {
    J::S(x.into())
}

fn iso(date: NaiveDate) -> J {
    J::S(date.format("%Y-%m-%d").to_string())
}

fn xsi_nil() -> J {
    J::O(vec![("@xmlns:xsi", js(XSI)), ("@xsi:nil", js("true"))])
}

/// An empty value in one of the four forms of the files: a missing key, `null`, `{}` or
/// `{"@xsi:nil": "true"}`.
fn nil(rng: &mut Rng) -> Option<J> {
    match rng.below(4) {
        0 => None,
        1 => Some(J::Null),
        2 => Some(J::O(Vec::new())),
        _ => Some(xsi_nil()),
    }
}

fn put(pairs: &mut Vec<(&'static str, J)>, key: &'static str, value: Option<J>) {
    if let Some(v) = value {
        pairs.push((key, v));
    }
}

fn json_string(s: &str, ascii: bool, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c if ascii && !c.is_ascii() => {
                let mut units = [0u16; 2];
                for u in c.encode_utf16(&mut units) {
                    let _ = write!(out, "\\u{u:04x}");
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Writes a value: `pretty` indents by two spaces as the question files do; otherwise the
/// `{"a": 1, "b": 2}` form of the acteur and organe files. `ascii` escapes every non-ASCII
/// character (`\u00e9`).
fn write_json(j: &J, pretty: bool, ascii: bool, depth: usize, out: &mut String) {
    let newline = |out: &mut String, depth: usize| {
        out.push('\n');
        for _ in 0..depth {
            out.push_str("  ");
        }
    };
    match j {
        J::S(s) => json_string(s, ascii, out),
        J::N(n) => {
            let _ = write!(out, "{n}");
        }
        J::Null => out.push_str("null"),
        J::O(pairs) if pairs.is_empty() => out.push_str("{}"),
        J::A(items) if items.is_empty() => out.push_str("[]"),
        J::O(pairs) => {
            out.push('{');
            for (i, (k, v)) in pairs.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                    if !pretty {
                        out.push(' ');
                    }
                }
                if pretty {
                    newline(out, depth + 1);
                }
                json_string(k, ascii, out);
                out.push_str(": ");
                write_json(v, pretty, ascii, depth + 1, out);
            }
            if pretty {
                newline(out, depth);
            }
            out.push('}');
        }
        J::A(items) => {
            out.push('[');
            for (i, v) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                    if !pretty {
                        out.push(' ');
                    }
                }
                if pretty {
                    newline(out, depth + 1);
                }
                write_json(v, pretty, ascii, depth + 1, out);
            }
            if pretty {
                newline(out, depth);
            }
            out.push(']');
        }
    }
}

fn json_text(j: &J, pretty: bool, ascii: bool) -> String {
    let mut out = String::with_capacity(8192);
    write_json(j, pretty, ascii, 0, &mut out);
    out
}

/// How a document's HTML is written: paragraph separators (0 `<p>…</p>`, 1 `<br><br>`,
/// 2 one `<br>` inside a single `<p>`), entities (0 none but `&amp; &lt; &gt;`, 1 named
/// entities for accented letters, 2 numeric ones for apostrophes and guillemets), tag names.
struct HtmlStyle {
    paras: u64,
    entities: u64,
    italic: &'static str,
    bold: &'static str,
}

fn html_escape(t: &str, entities: u64, out: &mut String) {
    for c in t.chars() {
        let named = match (entities, c) {
            (_, '&') => Some("&amp;"),
            (_, '<') => Some("&lt;"),
            (_, '>') => Some("&gt;"),
            (1, 'é') => Some("&eacute;"),
            (1, 'è') => Some("&egrave;"),
            (1, 'ê') => Some("&ecirc;"),
            (1, 'à') => Some("&agrave;"),
            (1, 'â') => Some("&acirc;"),
            (1, 'ç') => Some("&ccedil;"),
            (1, 'ô') => Some("&ocirc;"),
            (1, 'î') => Some("&icirc;"),
            (1, 'ï') => Some("&iuml;"),
            (1, 'û') => Some("&ucirc;"),
            (1, 'ù') => Some("&ugrave;"),
            (1, 'ë') => Some("&euml;"),
            (1, 'É') => Some("&Eacute;"),
            (1, 'À') => Some("&Agrave;"),
            (1, 'œ') => Some("&oelig;"),
            (1, '«') => Some("&laquo;"),
            (1, '»') => Some("&raquo;"),
            (1, '’') => Some("&rsquo;"),
            (1, '€') => Some("&euro;"),
            (2, '’') => Some("&#8217;"),
            (2, '«') => Some("&#171;"),
            (2, '»') => Some("&#187;"),
            (2, '\'') => Some("&#039;"),
            _ => None,
        };
        match named {
            Some(e) => out.push_str(e),
            None => out.push(c),
        }
    }
}

fn html_para(p: &[Sentence], style: &HtmlStyle, out: &mut String) {
    for (i, s) in p.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        for piece in s {
            match piece {
                Piece::Text(t) => html_escape(t, style.entities, out),
                Piece::Italic(t) => {
                    let _ = write!(out, "<{}>", style.italic);
                    html_escape(t, style.entities, out);
                    let _ = write!(out, "</{}>", style.italic);
                }
                Piece::Bold(t) => {
                    let _ = write!(out, "<{}>", style.bold);
                    html_escape(t, style.entities, out);
                    let _ = write!(out, "</{}>", style.bold);
                }
            }
        }
    }
}

fn html_table(rows: &[Vec<String>], style: &HtmlStyle, out: &mut String) {
    out.push_str("<table><tbody>");
    for (i, row) in rows.iter().enumerate() {
        out.push_str("<tr>");
        let cell = if i == 0 { "th" } else { "td" };
        for c in row {
            let _ = write!(out, "<{cell}>");
            html_escape(c, style.entities, out);
            let _ = write!(out, "</{cell}>");
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table>");
}

/// A text field as the HTML `texte` of the files, with the JO header when given.
fn html_blocks(blocks: &[Block], style: &HtmlStyle, header: Option<&str>) -> String {
    let mut out = String::with_capacity(4096);
    let mut header = header;
    let mut open_p = false;
    for (i, b) in blocks.iter().enumerate() {
        match b {
            Block::Para(p) => {
                match style.paras {
                    0 => out.push_str("<p>"),
                    1 if i > 0 => out.push_str("<br><br>"),
                    2 if open_p => out.push_str("<br>"),
                    2 => {
                        out.push_str("<p>");
                        open_p = true;
                    }
                    _ => {}
                }
                if let Some(h) = header.take() {
                    html_escape(h, style.entities, &mut out);
                }
                html_para(p, style, &mut out);
                if style.paras == 0 {
                    out.push_str("</p>");
                }
            }
            Block::Table(rows) => {
                if open_p {
                    out.push_str("</p>");
                    open_p = false;
                }
                html_table(rows, style, &mut out);
            }
        }
    }
    if open_p {
        out.push_str("</p>");
    }
    out
}

fn organe_ref(organe: u32, abrege: &str, developpe: &str) -> J {
    J::O(vec![
        ("organeRef", js(format!("PO{organe}"))),
        ("abrege", js(abrege)),
        ("developpe", js(developpe)),
    ])
}

fn ministry_ref(m: usize) -> J {
    let (abrege, words) = MINISTRIES[m];
    organe_ref(ministry_organe(m), abrege, &format!("Ministère {words}"))
}

fn info_jo(rng: &mut Rng, date: NaiveDate, page: Option<u32>) -> J {
    J::O(vec![
        ("typeJO", js("JO_QUESTION")),
        ("dateJO", iso(date)),
        ("pageJO", page.map_or(J::Null, |p| js(p.to_string()))),
        (
            "numJO",
            if rng.chance(0.5) {
                js(format!("{}", date.ordinal() / 7 + 1))
            } else {
                J::Null
            },
        ),
        ("urlLegifrance", J::Null),
        ("referenceNOR", J::Null),
    ])
}

/// `{"question": {...}}` for a question, in the shape of `QuestionEcrite_Type`.
fn question_json(f: &Facts) -> String {
    let mut rng = Rng::new(f.seed ^ 0x0150_0A7A_0150_0A7A);
    let legislature = f.legislature().to_string();
    let style = HtmlStyle {
        paras: rng.below(3),
        entities: rng.below(3),
        italic: if rng.chance(0.8) { "i" } else { "em" },
        bold: if rng.chance(0.7) { "strong" } else { "b" },
    };
    let published = f.published();
    let header = rng
        .chance(0.3)
        .then(|| format!("{}. — {}. — ", f.number, french_date(&mut rng, published)));
    let question_html = html_blocks(&f.question, &style, header.as_deref());
    let page = |kind: EventKind| f.event(kind).and_then(|e| e.page);

    let mut indexation = vec![("rubrique", js(lower_first(f.rubric)))];
    match f.head {
        Some(h) => indexation.push(("teteAnalyse", js(h))),
        None => put(&mut indexation, "teteAnalyse", nil(&mut rng)),
    }
    indexation.push(("analyses", J::O(vec![("analyse", js(f.title.clone()))])));

    let (group_name, group_abbrev, group_po) = f.group();
    let attrib = |rng: &mut Rng, m: usize, date: NaiveDate| {
        J::O(vec![
            ("infoJO", info_jo(rng, date, None)),
            ("denomination", ministry_ref(m)),
        ])
    };
    let min_attrib = match f.event(EventKind::AttributionChanged) {
        Some(change) if f.reassigned => J::A(vec![
            attrib(&mut rng, f.asked, published),
            attrib(&mut rng, f.assigned, change.date),
        ]),
        _ => attrib(&mut rng, f.assigned, published),
    };
    let texte = |rng: &mut Rng, date: NaiveDate, page: Option<u32>, html: &str| {
        J::O(vec![
            ("infoJO", info_jo(rng, date, page)),
            ("texte", js(html)),
        ])
    };
    let mut texte_question = texte(
        &mut rng,
        published,
        page(EventKind::QuestionPublished),
        &question_html,
    );
    if let Some(e) = f.event(EventKind::ErratumQuestion) {
        let mut corrected = texte(&mut rng, e.date, e.page, &question_html);
        if let J::O(pairs) = &mut corrected {
            pairs.push((
                "erratum",
                js(format!(
                    "<p>Question n° {} : au lieu de « {} », lire « {} ».</p>",
                    f.number,
                    published.year() - 1,
                    published.year()
                )),
            ));
        }
        texte_question = J::A(vec![texte_question, corrected]);
    }

    let mut q: Vec<(&'static str, J)> = vec![
        ("@xmlns", js(NS)),
        ("@xmlns:xsi", js(XSI)),
        ("@xsi:type", js("QuestionEcrite_Type")),
        ("uid", js(f.uid())),
        (
            "identifiant",
            J::O(vec![
                ("numero", js(f.number.to_string())),
                ("regime", js("5eme Republique")),
                ("legislature", js(legislature)),
            ]),
        ),
        ("type", js("QE")),
        ("indexationAN", J::O(indexation)),
        (
            "auteur",
            J::O(vec![
                (
                    "identite",
                    J::O(vec![
                        ("acteurRef", js(format!("PA{}", f.person.pa))),
                        ("mandatRef", js(format!("PM{}", f.deputy.mandat))),
                    ]),
                ),
                ("groupe", organe_ref(group_po, group_abbrev, group_name)),
            ]),
        ),
        ("minInt", ministry_ref(f.asked)),
        ("minAttribs", J::O(vec![("minAttrib", min_attrib)])),
        (
            "textesQuestion",
            J::O(vec![("texteQuestion", texte_question)]),
        ),
    ];
    match f.event(EventKind::AnswerPublished) {
        Some(answer) => {
            let answer_html = html_blocks(&f.answer, &style, None);
            let section = Some(answers_page(answer.date));
            let mut texte_reponse = texte(&mut rng, answer.date, section, &answer_html);
            if let Some(e) = f.event(EventKind::ErratumAnswer) {
                let mut corrected = texte(&mut rng, e.date, e.page, &answer_html);
                if let J::O(pairs) = &mut corrected {
                    pairs.push((
                        "erratum",
                        js("<p>Au lieu de « le décret », lire « l'arrêté ».</p>"),
                    ));
                }
                texte_reponse = J::A(vec![texte_reponse, corrected]);
            }
            q.push(("textesReponse", J::O(vec![("texteReponse", texte_reponse)])));
            q.push((
                "cloture",
                J::O(vec![
                    ("codeCloture", js("REP_PUB")),
                    ("libelleCloture", js("Réponse publiée")),
                    ("dateCloture", iso(answer.date)),
                    ("infoJO", info_jo(&mut rng, answer.date, section)),
                ]),
            ));
        }
        None => {
            put(&mut q, "textesReponse", nil(&mut rng));
            match f.event(EventKind::Withdrawn) {
                Some(w) => q.push((
                    "cloture",
                    J::O(vec![
                        ("codeCloture", js(f.withdrawal_code.unwrap_or("RETRAIT"))),
                        ("libelleCloture", js(w.note.unwrap_or("Retrait"))),
                        ("dateCloture", iso(w.date)),
                    ]),
                )),
                None => put(&mut q, "cloture", nil(&mut rng)),
            }
        }
    }
    match f.event(EventKind::Signaled) {
        Some(e) => q.push((
            "signalement",
            J::O(vec![
                (
                    "dateDepotSignal",
                    iso(e.date - Duration::days(rng.range(2, 8))),
                ),
                ("infoJO", info_jo(&mut rng, e.date, None)),
            ]),
        )),
        None => put(&mut q, "signalement", nil(&mut rng)),
    }
    match f.event(EventKind::Renewed) {
        Some(e) => q.push((
            "renouvellements",
            J::O(vec![(
                "renouvellement",
                J::O(vec![("infoJO", info_jo(&mut rng, e.date, None))]),
            )]),
        )),
        None => put(&mut q, "renouvellements", nil(&mut rng)),
    }
    let pretty = rng.chance(0.8);
    let ascii = rng.chance(0.2);
    json_text(&J::O(vec![("question", J::O(q))]), pretty, ascii)
}

/// Professions: as a man, as a woman, INSEE category, family.
const PROFESSIONS: &[(&str, &str, &str, &str)] = &[
    (
        "Cadre territorial",
        "Cadre territoriale",
        "Cadres administratifs et techniques de la fonction publique",
        "Cadres et professions intellectuelles supérieures",
    ),
    (
        "Médecin",
        "Médecin",
        "Médecins hospitaliers sans activité libérale",
        "Cadres et professions intellectuelles supérieures",
    ),
    (
        "Agriculteur",
        "Agricultrice",
        "Agriculteurs sur moyenne exploitation",
        "Agriculteurs exploitants",
    ),
    (
        "Professeur des écoles",
        "Professeure des écoles",
        "Professeurs des écoles",
        "Professions Intermédiaires",
    ),
    (
        "Avocat",
        "Avocate",
        "Professions libérales",
        "Cadres et professions intellectuelles supérieures",
    ),
    (
        "Chef d'entreprise",
        "Cheffe d'entreprise",
        "Chefs d'entreprise de 10 salariés ou plus",
        "Artisans, commerçants et chefs d'entreprise",
    ),
    (
        "Infirmier",
        "Infirmière",
        "Infirmiers",
        "Professions Intermédiaires",
    ),
    ("Retraité", "Retraitée", "Anciens cadres", "Retraités"),
];

/// `{"acteur": {...}}` for a deputy, with one ASSEMBLEE (and group) mandat per legislature.
fn acteur_json(plan: &Plan, person: &Person) -> String {
    let mut rng = Rng::new(u64::from(person.pa) ^ plan.seed.rotate_left(17));
    let pa = format!("PA{}", person.pa);
    let mut mandats = Vec::new();
    for &seat in &person.seats {
        let d = &plan.deputies[seat as usize];
        let (_, start, end, _, assembly) = LEGISLATURES[d.leg];
        let (start, end) = (ymd(start), ymd(end));
        let current = d.leg == LEGISLATURES.len() - 1;
        let leg = LEGISLATURES[d.leg].0.to_string();
        let (code, name, _, _, _, region) = DEPARTMENTS[d.dept];
        let outre_mer = code.len() == 3;
        let date_fin = if current { J::Null } else { iso(end) };
        mandats.push(J::O(vec![
            ("@xmlns:xsi", js(XSI)),
            ("@xsi:type", js("MandatParlementaire_type")),
            ("uid", js(format!("PM{}", d.mandat))),
            ("acteurRef", js(pa.clone())),
            ("legislature", js(leg.clone())),
            ("typeOrgane", js("ASSEMBLEE")),
            ("dateDebut", iso(start - Duration::days(16))),
            ("datePublication", J::Null),
            ("dateFin", date_fin.clone()),
            ("preseance", js("50")),
            ("nominPrincipale", js("1")),
            (
                "infosQualite",
                J::O(vec![
                    ("codeQualite", js("membre")),
                    ("libQualite", js("membre")),
                    ("libQualiteSex", js("membre")),
                ]),
            ),
            (
                "organes",
                J::O(vec![("organeRef", js(format!("PO{assembly}")))]),
            ),
            ("chambre", J::Null),
            (
                "election",
                J::O(vec![
                    (
                        "lieu",
                        J::O(vec![
                            ("region", js(region)),
                            (
                                "regionType",
                                js(if outre_mer {
                                    "Outre-Mer"
                                } else {
                                    "Métropolitain"
                                }),
                            ),
                            ("departement", js(name)),
                            ("numDepartement", js(code)),
                            ("numCirco", js(d.seat.to_string())),
                        ]),
                    ),
                    ("causeMandat", js("élections générales")),
                    (
                        "refCirconscription",
                        js(format!("PO{}", 900_000 + d.dept as u32 * 40 + d.seat)),
                    ),
                ]),
            ),
        ]));
        let single_ni = person.seats.len() == 1 && GROUPS[d.leg][d.group].1 == "NI";
        if !single_ni {
            mandats.push(J::O(vec![
                ("@xmlns:xsi", js(XSI)),
                ("@xsi:type", js("MandatSimple_Type")),
                ("uid", js(format!("PM{}", d.gp_mandat))),
                ("acteurRef", js(pa.clone())),
                ("legislature", js(leg)),
                ("typeOrgane", js("GP")),
                ("dateDebut", iso(start)),
                ("datePublication", iso(start)),
                ("dateFin", date_fin),
                ("preseance", js("20")),
                ("nominPrincipale", js("1")),
                (
                    "infosQualite",
                    J::O(vec![
                        ("codeQualite", js("Membre")),
                        ("libQualite", js("Membre du")),
                        ("libQualiteSex", js("Membre du")),
                    ]),
                ),
                (
                    "organes",
                    J::O(vec![(
                        "organeRef",
                        js(format!("PO{}", group_organe(d.leg, d.group))),
                    )]),
                ),
            ]));
        }
    }
    let mandat = if mandats.len() == 1 {
        mandats.remove(0)
    } else {
        J::A(mandats)
    };
    let alpha = person
        .last
        .strip_prefix("de ")
        .map_or(person.last.to_string(), |rest| format!("{rest} (de)"));
    let trigramme = if rng.chance(0.2) {
        let letters: String = person
            .first
            .chars()
            .take(1)
            .chain(person.last.chars().filter(|c| c.is_alphabetic()).take(2))
            .collect();
        js(letters.to_uppercase())
    } else {
        xsi_nil()
    };
    let (man, woman, cat, fam) = *rng.pick(PROFESSIONS);
    let profession = if person.female { woman } else { man };
    let first_dept = DEPARTMENTS[plan.deputies[person.seats[0] as usize].dept];
    let acteur = J::O(vec![(
        "acteur",
        J::O(vec![
            ("@xmlns", js(NS)),
            (
                "uid",
                J::O(vec![
                    ("@xmlns:xsi", js(XSI)),
                    ("@xsi:type", js("IdActeur_type")),
                    ("#text", js(pa.clone())),
                ]),
            ),
            (
                "etatCivil",
                J::O(vec![
                    (
                        "ident",
                        J::O(vec![
                            ("civ", js(if person.female { "Mme" } else { "M." })),
                            ("prenom", js(person.first)),
                            ("nom", js(person.last)),
                            ("alpha", js(alpha)),
                            ("trigramme", trigramme),
                        ]),
                    ),
                    (
                        "infoNaissance",
                        J::O(vec![
                            ("dateNais", iso(person.born)),
                            (
                                "villeNais",
                                if rng.chance(0.9) {
                                    js(first_dept.4)
                                } else {
                                    xsi_nil()
                                },
                            ),
                            ("depNais", js(first_dept.1)),
                            ("paysNais", js("France")),
                        ]),
                    ),
                    ("dateDeces", xsi_nil()),
                ]),
            ),
            (
                "profession",
                J::O(vec![
                    ("libelleCourant", js(profession)),
                    (
                        "socProcINSEE",
                        J::O(vec![("catSocPro", js(cat)), ("famSocPro", js(fam))]),
                    ),
                ]),
            ),
            (
                "uri_hatvp",
                if rng.chance(0.2) {
                    js(format!(
                        "https://www.hatvp.fr/pages_nominatives/{}-{}",
                        fold_ascii(person.last),
                        fold_ascii(person.first)
                    ))
                } else {
                    xsi_nil()
                },
            ),
            ("adresses", xsi_nil()),
            ("mandats", J::O(vec![("mandat", mandat)])),
        ]),
    )]);
    json_text(&acteur, false, true)
}

/// Lower-case ASCII letters and dashes, for a URL.
fn fold_ascii(s: &str) -> String {
    dossier_core::text::fold::fold(s)
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect()
}

/// `{"organe": {...}}` for a political group.
fn organe_json(leg: usize, group: usize) -> String {
    let (name, abbrev, _) = GROUPS[leg][group];
    let (_, start, end, _, _) = LEGISLATURES[leg];
    let current = leg == LEGISLATURES.len() - 1;
    let organe = J::O(vec![(
        "organe",
        J::O(vec![
            ("@xmlns", js(NS)),
            ("@xmlns:xsi", js(XSI)),
            ("@xsi:type", js("GroupePolitique_type")),
            ("uid", js(format!("PO{}", group_organe(leg, group)))),
            ("codeType", js("GP")),
            ("libelle", js(name)),
            ("libelleEdition", js(format!("du groupe {name}"))),
            ("libelleAbrege", js(abbrev)),
            ("libelleAbrev", js(abbrev.to_uppercase())),
            (
                "viMoDe",
                J::O(vec![
                    ("dateDebut", iso(ymd(start) - Duration::days(5))),
                    ("dateAgrement", J::Null),
                    ("dateFin", if current { J::Null } else { iso(ymd(end)) }),
                ]),
            ),
            ("organeParent", J::Null),
            ("chambre", J::Null),
            ("regime", js("5ème République")),
            ("legislature", js(LEGISLATURES[leg].0.to_string())),
            (
                "secretariat",
                J::O(vec![("secretaire01", J::Null), ("secretaire02", J::Null)]),
            ),
            ("positionPolitique", J::Null),
            ("preseance", js((group + 1).to_string())),
            (
                "couleurAssociee",
                js(format!(
                    "#{:06X}",
                    (group as u32 * 0x35_7A_93 + leg as u32 * 0x11_22_33) & 0xFF_FF_FF
                )),
            ),
        ]),
    )]);
    json_text(&organe, false, true)
}

// ---------------------------------------------------------------------------------------------
// Writing a corpus.

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
fn fold_word(word: &str, out: &mut String) {
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
fn common_words_in(texts: &[&str]) -> u32 {
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
struct Written {
    bytes: u64,
    status: Status,
    markdown: bool,
    text: bool,
    json: bool,
    title: String,
    words: u32,
}

fn written(f: &Facts, bytes: usize, text: Option<bool>, json: bool) -> Written {
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

fn write_file(dir: &Path, rel: &Path, bytes: &[u8]) -> io::Result<()> {
    let path = dir.join(rel);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    std::fs::write(&path, bytes)
}

/// Whether a question of a `mixed` corpus is written as JSON.
fn mixed_json(f: &Facts) -> bool {
    Rng::new(f.seed ^ 0x00AA_55AA_55AA_55AA).chance(0.5)
}

/// The acteur files to write: the authors of the corpus.
fn authors(plan: &Plan) -> Vec<u32> {
    let set: std::collections::BTreeSet<u32> = plan
        .slots
        .iter()
        .map(|s| plan.deputies[s.deputy as usize].person)
        .collect();
    set.into_iter().collect()
}

/// The groups of the legislatures the corpus covers: (legislature index, group index).
fn groups_used(plan: &Plan) -> Vec<(usize, usize)> {
    let legs: std::collections::BTreeSet<usize> = plan.slots.iter().map(|s| s.leg).collect();
    legs.into_iter()
        .flat_map(|leg| (0..GROUPS[leg].len()).map(move |g| (leg, g)))
        .collect()
}

fn zip_error(e: zip::result::ZipError) -> io::Error {
    io::Error::other(e.to_string())
}

fn zip_options() -> zip::write::SimpleFileOptions {
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
fn truth_json(plan: &Plan, format: Format) -> String {
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

const USAGE: &str = "usage: gen_corpus DIR N [--seed S] [--format text|json|zip|mixed]\n\
    Writes N synthetic questions under DIR (which must be empty or absent), deterministic\n\
    from the seed (default 1): text documents (default), open-data JSON files, their zip\n\
    archives, or text and JSON mixed; and DIR/.truth.json, the campaigns, grouped answers\n\
    and same-topic groups planted in the corpus.";

fn parse_args(args: &[String]) -> Result<(PathBuf, usize, u64, Format), String> {
    let mut positional = Vec::new();
    let mut seed = 1u64;
    let mut format = Format::Text;
    let mut i = 0;
    while i < args.len() {
        match args[i].as_str() {
            "--seed" => {
                let value = args.get(i + 1).ok_or("--seed needs a value")?;
                seed = value
                    .parse()
                    .map_err(|_| format!("--seed: '{value}' is not a number"))?;
                i += 2;
            }
            "--format" => {
                let value = args.get(i + 1).ok_or("--format needs a value")?;
                format = Format::from_name(value).ok_or_else(|| {
                    format!("--format: '{value}' is not one of text, json, zip, mixed")
                })?;
                i += 2;
            }
            "-h" | "--help" => return Err(String::new()),
            other => {
                positional.push(other.to_string());
                i += 1;
            }
        }
    }
    let [dir, n] = positional.as_slice() else {
        return Err("expected DIR and N".into());
    };
    let n = n
        .replace('_', "")
        .parse()
        .map_err(|_| format!("N: '{n}' is not a number"))?;
    Ok((PathBuf::from(dir), n, seed, format))
}

/// The summary printed at the end of a run.
fn report(s: &Summary, dir: &Path, format: Format, elapsed: std::time::Duration) -> String {
    let mut out = String::new();
    let pct = |a: usize, b: usize| 100.0 * a as f64 / b.max(1) as f64;
    let _ = writeln!(
        out,
        "wrote {} questions ({:.1} MB) to {} in {:.1?}, format {}",
        s.files,
        s.bytes as f64 / 1e6,
        dir.display(),
        elapsed,
        format.name()
    );
    let _ = writeln!(
        out,
        "  status: {} answered, {} pending, {} withdrawn",
        s.by_status[0], s.by_status[1], s.by_status[2]
    );
    let _ = writeln!(
        out,
        "  forms: {} text ({} markdown, {} plain), {} JSON{}",
        s.text_files,
        s.markdown,
        s.text_files - s.markdown,
        s.json_files,
        if s.acteurs > 0 {
            format!("; AMO: {} acteurs, {} organes", s.acteurs, s.organes)
        } else {
            String::new()
        }
    );
    let _ = writeln!(
        out,
        "  distinct titles: {} ({:.1} %)",
        s.distinct_titles,
        pct(s.distinct_titles, s.files)
    );
    let sizes = &s.campaign_sizes;
    let bucket = |lo: usize, hi: usize| sizes.iter().filter(|&&k| k >= lo && k <= hi).count();
    let _ = writeln!(
        out,
        "  campaigns: {} holding {} questions ({:.1} %); sizes 2: {}, 3: {}, 4: {}, 5-9: {}, \
         10-19: {}, 20-60: {}; median {}, largest {}",
        s.campaigns,
        s.campaign_questions,
        pct(s.campaign_questions, s.files),
        bucket(2, 2),
        bucket(3, 3),
        bucket(4, 4),
        bucket(5, 9),
        bucket(10, 19),
        bucket(20, 60),
        sizes.get(sizes.len() / 2).copied().unwrap_or(0),
        sizes.last().copied().unwrap_or(0)
    );
    let _ = writeln!(
        out,
        "  grouped answers: {} for {} questions ({} of campaigns)",
        s.answer_groups, s.answer_group_questions, s.campaign_answer_groups
    );
    let _ = writeln!(
        out,
        "  same-topic groups: {} holding {} questions",
        s.topic_groups, s.topic_group_questions
    );
    let words: Vec<String> = s
        .word_df
        .iter()
        .map(|(w, df)| format!("{w} {df} ({:.1} %)", pct(*df, s.files)))
        .collect();
    let _ = writeln!(out, "  documents with the word: {}", words.join(", "));
    let _ = write!(out, "  truth: {}", dir.join(TRUTH).display());
    out
}

fn main() -> std::process::ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (dir, n, seed, format) = match parse_args(&args) {
        Ok(parsed) => parsed,
        Err(message) => {
            if !message.is_empty() {
                eprintln!("gen_corpus: {message}");
            }
            eprintln!("{USAGE}");
            return std::process::ExitCode::from(2);
        }
    };
    let started = std::time::Instant::now();
    match generate_with(&dir, n, seed, format) {
        Ok(s) => {
            println!("{}", report(&s, &dir, format, started.elapsed()));
            std::process::ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("gen_corpus: {}: {e}", dir.display());
            std::process::ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
// The benches include this file as a module and are built with `--cfg test` but without the
// test harness: the tests vanish there, and their imports would be reported unused.
#[allow(unused_imports)]
mod tests {
    use super::*;
    use dossier_core::load::{load, LoadOptions};
    use serde_json::Value;

    /// A small corpus loads without a diagnostic, and every question reads back as generated.
    /// `GEN_CORPUS_READBACK_N` checks a larger one (e.g. 50000, with `--release`).
    #[test]
    fn generated_corpus_reads_back_as_generated() {
        let n: usize = std::env::var("GEN_CORPUS_READBACK_N")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(400);
        let dir = tempfile::tempdir().unwrap();
        let summary = generate(dir.path(), n, 7).unwrap();
        assert_eq!(summary.files, n);
        let report = load(&[dir.path().to_path_buf()], &LoadOptions::default());
        let shown: Vec<String> = report
            .diagnostics
            .iter()
            .map(|d| dossier_core::i18n::load::diagnostic(dossier_core::i18n::Lang::En, d))
            .collect();
        assert!(shown.is_empty(), "{shown:#?}");
        assert_eq!(report.questions.len(), n);
        assert_eq!(report.files_skipped, 0);

        let docs: Vec<Document> = documents(n, 7).collect();
        // The variety the generator promises is really there.
        let has = |f: &dyn Fn(&Document) -> bool| docs.iter().any(f);
        assert!(has(
            &|d| d.expected.markdown && d.text.contains("<sup>e</sup>")
        ));
        assert!(has(
            &|d| !d.expected.markdown && d.text.contains("^e circonscription")
        ));
        assert!(has(&|d| d.expected.page_break));
        assert!(has(&|d| d.text.contains("*statu quo*")
            || ITALICS.iter().any(|i| d.text.contains(&format!("*{i}*")))));
        assert!(has(&|d| d
            .text
            .contains("Date de changement d'attribution")));
        assert!(has(&|d| d.expected.markdown && d.text.contains("\n| --- |")));
        assert!(has(&|d| !d.expected.markdown
            && d.text.contains("\tCrédits")
            || d.text.contains("\tMontant")));
        assert!(has(&|d| d.expected.question_text.contains('’')));
        assert!(has(&|d| d.expected.question_text.contains('\'')));
        assert!(has(&|d| d.text.contains('«') && d.text.contains('»')));
        assert!(has(&|d| d.text.contains(" %") && d.text.contains(" 000")));
        assert!(has(&|d| d.text.contains('œ')));
        assert!(has(&|d| d.expected.campaign.is_some()));
        assert!(has(&|d| d.expected.answer_group.is_some()));
        let day_one = regex::Regex::new(r"(?m)(?:\[|: |:\*\* )1(er)? \p{L}+ \d{4}").unwrap();
        let forms: HashSet<bool> = docs
            .iter()
            .flat_map(|d| day_one.captures_iter(&d.text).map(|c| c.get(1).is_some()))
            .collect();
        assert_eq!(forms.len(), 2, "both '1er' and '1' date forms");
        for status in [Status::Answered, Status::Pending, Status::Withdrawn] {
            assert!(has(&|d| d.expected.status == status));
        }
        for legislature in ["14-", "15-", "16-", "17-"] {
            assert!(has(&|d| d.expected.id.starts_with(legislature)));
        }
        let expected: Vec<Expected> = docs.into_iter().map(|d| d.expected).collect();
        let by_id: HashMap<&str, &dossier_core::model::Question> = report
            .questions
            .iter()
            .map(|q| (q.id.as_str(), q))
            .collect();
        for e in &expected {
            let q = by_id[e.id.as_str()];
            assert_eq!(q.title, e.title, "{}", q.source);
            assert_eq!(q.author, e.author, "{}", q.source);
            assert_eq!(q.constituency, e.constituency, "{}", q.source);
            assert_eq!(q.group, e.group, "{}", q.source);
            assert_eq!(q.rubric, e.rubric, "{}", q.source);
            assert_eq!(q.ministry_asked, e.ministry_asked, "{}", q.source);
            assert_eq!(q.ministry_assigned, e.ministry_assigned, "{}", q.source);
            assert_eq!(q.status, e.status, "{}", q.source);
            assert_eq!(q.question_text, e.question_text, "{}", q.source);
            assert_eq!(q.answer_text, e.answer_text, "{}", q.source);
            let events: Vec<(EventKind, NaiveDate)> =
                q.events.iter().map(|ev| (ev.kind, ev.date)).collect();
            assert_eq!(events, e.events, "{}", q.source);
        }
    }

    #[test]
    fn same_seed_same_corpus_other_seed_other_corpus() {
        let a: Vec<String> = documents(50, 3).map(|d| d.text).collect();
        let b: Vec<String> = documents(50, 3).map(|d| d.text).collect();
        let c: Vec<String> = documents(50, 4).map(|d| d.text).collect();
        assert_eq!(a, b);
        assert_ne!(a, c);
        let a: Vec<String> = documents(50, 3).map(|d| d.json()).collect();
        let b: Vec<String> = documents(50, 3).map(|d| d.json()).collect();
        assert_eq!(a, b);
    }

    #[test]
    fn refuses_a_non_empty_directory() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("x.txt"), "x").unwrap();
        assert!(generate(dir.path(), 1, 1).is_err());
    }

    /// Word 4-grams of a text.
    fn shingles(text: &str) -> HashSet<String> {
        let words: Vec<String> = text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect();
        words.windows(4).map(|w| w.join(" ")).collect()
    }

    fn jaccard(a: &HashSet<String>, b: &HashSet<String>) -> f64 {
        let common = a.intersection(b).count();
        common as f64 / (a.len() + b.len() - common).max(1) as f64
    }

    #[test]
    fn campaign_copies_differ_yet_share_most_of_their_text() {
        let (n, seed) = (4000, 5);
        let plan = plan(n, seed);
        let docs: Vec<Document> = documents(n, seed).collect();
        let mut by_campaign: HashMap<u32, Vec<&Document>> = HashMap::new();
        for d in &docs {
            if let Some(c) = d.expected.campaign {
                by_campaign.entry(c).or_default().push(d);
            }
        }
        assert_eq!(by_campaign.len(), plan.campaigns.len());
        let mut edits_seen: HashSet<&str> = HashSet::new();
        let mut similarities = Vec::new();
        let mut departments_differ = 0;
        for (c, copies) in &by_campaign {
            let campaign = &plan.campaigns[*c as usize];
            assert!(copies.len() >= 2 && copies.len() <= 60);
            assert_eq!(copies.len(), campaign.members.len());
            let authors: HashSet<&str> =
                copies.iter().map(|d| d.expected.author.as_str()).collect();
            assert_eq!(authors.len(), copies.len(), "one copy per deputy");
            let departments: HashSet<&str> = copies
                .iter()
                .map(|d| d.expected.constituency.split(" (").next().unwrap())
                .collect();
            departments_differ += usize::from(departments.len() > 1);
            let dates: Vec<NaiveDate> = copies.iter().map(|d| d.expected.events[0].1).collect();
            let span = days_between(*dates.iter().min().unwrap(), *dates.iter().max().unwrap());
            assert!(span <= 49, "posted over a few weeks, not {span} days");
            // Paragraphs: only a dropped one changes their number.
            let paragraphs = |d: &Document| d.expected.question_text.split("\n\n").count();
            let kept: HashSet<usize> = copies
                .iter()
                .filter(|d| !d.expected.campaign_edits.contains(&"dropped_paragraph"))
                .map(|d| paragraphs(d))
                .collect();
            assert!(kept.len() <= 1, "{kept:?}");
            if let Some(&full) = kept.iter().next() {
                for d in copies {
                    if d.expected.campaign_edits.contains(&"dropped_paragraph") {
                        assert_eq!(paragraphs(d), full - 1);
                    }
                }
            }
            for d in copies {
                let e = &d.expected;
                assert!(
                    e.question_text.starts_with(&e.author),
                    "{}",
                    e.question_text
                );
                assert_eq!(e.campaign_edits[0], "author");
                assert_eq!(
                    e.campaign_edits.contains(&"minister"),
                    e.ministry_asked != MINISTRIES[campaign.ministry].0
                );
                edits_seen.extend(e.campaign_edits.iter().copied());
            }
            let first = shingles(&copies[0].expected.question_text);
            for d in &copies[1..] {
                assert_ne!(d.expected.question_text, copies[0].expected.question_text);
                let other = shingles(&d.expected.question_text);
                let common = first.intersection(&other).count();
                let overlap = common as f64 / first.len().min(other.len()).max(1) as f64;
                assert!(
                    overlap > 0.4,
                    "copies of campaign {c} share little: {overlap}"
                );
                similarities.push(jaccard(&first, &other));
            }
        }
        for edit in [
            "author",
            "minister",
            "opening",
            "added_sentence",
            "changed_sentence",
            "reordered_words",
            "dropped_paragraph",
            "closing",
            "title",
        ] {
            assert!(edits_seen.contains(edit), "no copy with the edit {edit}");
        }
        assert!(departments_differ * 2 > by_campaign.len());
        let mean = similarities.iter().sum::<f64>() / similarities.len() as f64;
        eprintln!("campaign copies: mean 4-gram Jaccard {mean:.2}");
        assert!(
            mean > 0.6,
            "copies share {mean:.2} of their 4-grams on average"
        );

        // Same subject, written separately: far less alike than campaign copies.
        let mut by_topic: HashMap<u32, Vec<&Document>> = HashMap::new();
        for d in &docs {
            if let Some(t) = d.expected.topic_group {
                by_topic.entry(t).or_default().push(d);
            }
        }
        assert!(!by_topic.is_empty());
        let mut independent = Vec::new();
        for group in by_topic.values() {
            let first = shingles(&group[0].expected.question_text);
            for d in &group[1..] {
                independent.push(jaccard(&first, &shingles(&d.expected.question_text)));
            }
        }
        let mean_independent = independent.iter().sum::<f64>() / independent.len() as f64;
        eprintln!("same-topic questions: mean 4-gram Jaccard {mean_independent:.2}");
        assert!(
            mean_independent < 0.2 && mean_independent * 3.0 < mean,
            "same-topic questions share {mean_independent:.2}, copies {mean:.2}"
        );
    }

    #[test]
    fn truth_file_lists_every_member() {
        let (n, seed) = (1500, 11);
        let dir = tempfile::tempdir().unwrap();
        let summary = generate(dir.path(), n, seed).unwrap();
        let truth: Value =
            serde_json::from_str(&std::fs::read_to_string(dir.path().join(TRUTH)).unwrap())
                .unwrap();
        assert_eq!(truth["generator_version"], GENERATOR_VERSION);
        assert_eq!(truth["n"], n);
        let docs: Vec<Document> = documents(n, seed).collect();
        let by_id: HashMap<&str, &Expected> = docs
            .iter()
            .map(|d| (d.expected.id.as_str(), &d.expected))
            .collect();
        let ids = |v: &Value| -> Vec<String> {
            v["questions"]
                .as_array()
                .unwrap()
                .iter()
                .map(|q| q.as_str().unwrap().to_string())
                .collect()
        };
        let campaigns = truth["campaigns"].as_array().unwrap();
        assert_eq!(campaigns.len(), summary.campaigns);
        assert!(!campaigns.is_empty());
        for (i, c) in campaigns.iter().enumerate() {
            assert_eq!(c["id"], i);
            let listed = ids(c);
            assert!(listed.len() >= 2);
            let members: Vec<&str> = docs
                .iter()
                .filter(|d| d.expected.campaign == Some(i as u32))
                .map(|d| d.expected.id.as_str())
                .collect();
            assert_eq!(listed, members, "campaign {i}");
            // Copies that keep the base title show the truth's title.
            for id in &listed {
                let e = by_id[id.as_str()];
                if !e.campaign_edits.contains(&"title") {
                    assert_eq!(e.title.replace('’', "'"), c["title"].as_str().unwrap());
                }
            }
        }
        for d in &docs {
            if let Some(c) = d.expected.campaign {
                assert!(ids(&campaigns[c as usize]).contains(&d.expected.id));
            }
        }
        let groups = truth["answer_groups"].as_array().unwrap();
        assert_eq!(groups.len(), summary.answer_groups);
        assert!(groups.iter().any(|g| g["campaign"].is_null()));
        assert!(groups.iter().any(|g| !g["campaign"].is_null()));
        for (i, g) in groups.iter().enumerate() {
            let listed = ids(g);
            assert!(listed.len() >= 2);
            let date = NaiveDate::parse_from_str(g["date"].as_str().unwrap(), "%Y-%m-%d").unwrap();
            let first = by_id[listed[0].as_str()];
            for id in &listed {
                let e = by_id[id.as_str()];
                assert_eq!(e.answer_group, Some(i as u32));
                assert_eq!(e.status, Status::Answered);
                assert_eq!(e.answer_text, first.answer_text, "one text for the group");
                assert!(e.events.contains(&(EventKind::AnswerPublished, date)));
                assert_eq!(e.ministry_assigned, g["ministry"].as_str().unwrap());
                if let Some(c) = g["campaign"].as_u64() {
                    assert_eq!(e.campaign, Some(c as u32));
                }
            }
            let members = docs
                .iter()
                .filter(|d| d.expected.answer_group == Some(i as u32))
                .count();
            assert_eq!(members, listed.len());
        }
        let topics = truth["topic_groups"].as_array().unwrap();
        assert_eq!(topics.len(), summary.topic_groups);
        for (i, t) in topics.iter().enumerate() {
            let listed = ids(t);
            assert!(listed.len() >= 2);
            let members: Vec<&str> = docs
                .iter()
                .filter(|d| d.expected.topic_group == Some(i as u32))
                .map(|d| d.expected.id.as_str())
                .collect();
            assert_eq!(listed, members);
            let authors: HashSet<&str> = listed
                .iter()
                .map(|id| by_id[id.as_str()].author.as_str())
                .collect();
            assert_eq!(authors.len(), listed.len(), "written by different deputies");
        }
    }

    /// The text of an HTML `texte` as the module documentation says to read it.
    fn html_to_text(html: &str, number: u32) -> String {
        let mut out = String::new();
        let mut rest = html;
        let mut first_cell = true;
        let mut first_row = true;
        let para_break = |out: &mut String| {
            let trimmed = out.trim_end_matches(' ').len();
            out.truncate(trimmed);
            if !out.is_empty() && !out.ends_with("\n\n") {
                out.push_str("\n\n");
            }
        };
        while !rest.is_empty() {
            if let Some(tag) = rest.strip_prefix('<') {
                let end = tag.find('>').unwrap();
                let name = tag[..end].trim_start_matches('/');
                let closing = tag.starts_with('/');
                match (name, closing) {
                    ("p", false) | ("br", _) | ("table", false) => para_break(&mut out),
                    ("tr", false) => {
                        if !first_row {
                            out.push('\n');
                        }
                        first_row = false;
                        first_cell = true;
                    }
                    ("td" | "th", false) => {
                        if !first_cell {
                            out.push_str(" | ");
                        }
                        first_cell = false;
                    }
                    ("table", true) => {
                        first_row = true;
                        para_break(&mut out);
                    }
                    _ => {}
                }
                rest = &tag[end + 1..];
            } else if let Some(entity) = rest.strip_prefix('&') {
                let end = entity.find(';').unwrap();
                let name = &entity[..end];
                let c = match name {
                    "amp" => '&',
                    "lt" => '<',
                    "gt" => '>',
                    "eacute" => 'é',
                    "egrave" => 'è',
                    "ecirc" => 'ê',
                    "agrave" => 'à',
                    "acirc" => 'â',
                    "ccedil" => 'ç',
                    "ocirc" => 'ô',
                    "icirc" => 'î',
                    "iuml" => 'ï',
                    "ucirc" => 'û',
                    "ugrave" => 'ù',
                    "euml" => 'ë',
                    "Eacute" => 'É',
                    "Agrave" => 'À',
                    "oelig" => 'œ',
                    "laquo" => '«',
                    "raquo" => '»',
                    "rsquo" => '’',
                    "euro" => '€',
                    _ => char::from_u32(name.trim_start_matches('#').parse().unwrap()).unwrap(),
                };
                out.push(c);
                rest = &entity[end + 1..];
            } else {
                let end = rest.find(['<', '&']).unwrap_or(rest.len());
                out.push_str(&rest[..end]);
                rest = &rest[end..];
            }
        }
        let text = out.trim().to_string();
        let header = format!("{number}. — ");
        match text.strip_prefix(&header) {
            Some(after) => after.split_once(". — ").unwrap().1.to_string(),
            None => text,
        }
    }

    /// Every scalar is a string.
    fn only_strings(v: &Value, path: &str) {
        match v {
            Value::Object(map) => map
                .iter()
                .for_each(|(k, v)| only_strings(v, &format!("{path}.{k}"))),
            Value::Array(items) => items.iter().for_each(|v| only_strings(v, path)),
            Value::String(_) | Value::Null => {}
            other => panic!("{path} is {other}, not a string"),
        }
    }

    /// The nil form of a value: "missing", "null", "{}" or "xsi:nil".
    fn nil_form(v: Option<&Value>) -> Option<&'static str> {
        match v {
            None => Some("missing"),
            Some(Value::Null) => Some("null"),
            Some(Value::Object(m)) if m.is_empty() => Some("{}"),
            Some(Value::Object(m)) if m.get("@xsi:nil") == Some(&Value::from("true")) => {
                Some("xsi:nil")
            }
            _ => None,
        }
    }

    fn one_or_many(v: &Value) -> Vec<&Value> {
        match v {
            Value::Array(items) => items.iter().collect(),
            Value::Object(_) => vec![v],
            other => panic!("neither object nor list: {other}"),
        }
    }

    #[test]
    fn json_form_has_the_schema_shape_and_the_same_facts() {
        let docs: Vec<Document> = documents(800, 9).collect();
        let mut seen: HashSet<String> = HashSet::new();
        for d in &docs {
            let e = &d.expected;
            let f = &d.facts;
            let json = d.json();
            let v: Value = serde_json::from_str(&json).unwrap();
            only_strings(&v, "");
            let q = &v["question"];
            assert_eq!(q["@xsi:type"], "QuestionEcrite_Type");
            assert_eq!(q["uid"], e.uid.as_str());
            assert_eq!(q["type"], "QE");
            assert_eq!(q["identifiant"]["numero"], f.number.to_string());
            assert_eq!(q["identifiant"]["legislature"], f.legislature().to_string());
            assert_eq!(q["indexationAN"]["analyses"]["analyse"], e.title.as_str());
            let rubrique = q["indexationAN"]["rubrique"].as_str().unwrap();
            assert_eq!(upper_first(rubrique), e.rubric);
            assert_eq!(q["auteur"]["identite"]["acteurRef"], e.acteur_ref.as_str());
            assert!(q["auteur"]["identite"]["mandatRef"]
                .as_str()
                .unwrap()
                .starts_with("PM"));
            assert_eq!(q["auteur"]["groupe"]["developpe"], e.group.as_str());
            assert_eq!(q["minInt"]["abrege"], e.ministry_asked.as_str());
            let attribs = &q["minAttribs"]["minAttrib"];
            let changed = e
                .events
                .iter()
                .find(|ev| ev.0 == EventKind::AttributionChanged);
            match changed {
                Some(&(_, date)) => {
                    let list = attribs
                        .as_array()
                        .expect("a list when the ministry changed");
                    let last = list.last().unwrap();
                    assert_eq!(last["denomination"]["abrege"], e.ministry_assigned.as_str());
                    assert_eq!(last["infoJO"]["dateJO"], date.to_string());
                    seen.insert("minAttrib list".into());
                }
                None => {
                    assert!(attribs.is_object());
                    assert_eq!(
                        attribs["denomination"]["abrege"],
                        e.ministry_assigned.as_str()
                    );
                    seen.insert("minAttrib object".into());
                }
            }
            let texts = one_or_many(&q["textesQuestion"]["texteQuestion"]);
            assert_eq!(texts[0]["infoJO"]["dateJO"], e.events[0].1.to_string());
            let html = texts[0]["texte"].as_str().unwrap();
            if html.starts_with(&format!("<p>{}. — ", f.number)) {
                seen.insert("header".into());
            }
            for marker in ["&eacute;", "&#8217;", "<br>", "<i>", "<strong>", "<table>"] {
                if json.contains(marker) {
                    seen.insert(marker.into());
                }
            }
            assert_eq!(html_to_text(html, f.number), e.question_text, "{}", e.id);
            let erratum = e
                .events
                .iter()
                .find(|ev| ev.0 == EventKind::ErratumQuestion);
            assert_eq!(texts.len(), 1 + usize::from(erratum.is_some()));
            if let Some(&(_, date)) = erratum {
                assert_eq!(texts[1]["infoJO"]["dateJO"], date.to_string());
                assert!(texts[1]["erratum"].is_string());
                seen.insert("texteQuestion list".into());
            }
            let cloture = q.get("cloture");
            match e.status {
                Status::Answered => {
                    let answers = one_or_many(&q["textesReponse"]["texteReponse"]);
                    let date = e
                        .events
                        .iter()
                        .find(|ev| ev.0 == EventKind::AnswerPublished)
                        .unwrap()
                        .1;
                    assert_eq!(answers[0]["infoJO"]["dateJO"], date.to_string());
                    let text = html_to_text(answers[0]["texte"].as_str().unwrap(), 0);
                    assert_eq!(text, e.answer_text, "{}", e.id);
                    assert_eq!(q["cloture"]["codeCloture"], "REP_PUB");
                    assert_eq!(q["cloture"]["libelleCloture"], "Réponse publiée");
                    assert_eq!(q["cloture"]["dateCloture"], date.to_string());
                }
                Status::Withdrawn => {
                    let withdrawn = f.event(EventKind::Withdrawn).unwrap();
                    assert!(nil_form(q.get("textesReponse")).is_some());
                    assert_eq!(q["cloture"]["libelleCloture"], withdrawn.note.unwrap());
                    assert_eq!(q["cloture"]["dateCloture"], withdrawn.date.to_string());
                    assert_ne!(q["cloture"]["codeCloture"], "REP_PUB");
                }
                Status::Pending => {
                    let form = nil_form(cloture).expect("no closure while pending");
                    seen.insert(format!("cloture {form}"));
                    assert!(nil_form(q.get("textesReponse")).is_some());
                }
            }
            match f.event(EventKind::Signaled) {
                Some(s) => assert_eq!(q["signalement"]["infoJO"]["dateJO"], s.date.to_string()),
                None => assert!(nil_form(q.get("signalement")).is_some()),
            }
        }
        for form in [
            "minAttrib list",
            "minAttrib object",
            "header",
            "&eacute;",
            "&#8217;",
            "<br>",
            "<i>",
            "<strong>",
            "<table>",
            "texteQuestion list",
            "cloture missing",
            "cloture null",
            "cloture {}",
            "cloture xsi:nil",
        ] {
            assert!(seen.contains(form), "never seen: {form}");
        }
    }

    #[test]
    fn zip_archives_hold_every_question_and_the_authors() {
        let (n, seed) = (300, 4);
        let dir = tempfile::tempdir().unwrap();
        let summary = generate_with(dir.path(), n, seed, Format::Zip).unwrap();
        assert_eq!(summary.files, n);
        assert_eq!(summary.json_files, n);
        assert!(dir.path().join(TRUTH).exists());
        let open =
            |path: PathBuf| zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
        let read = |archive: &mut zip::ZipArchive<std::fs::File>, name: &str| -> String {
            let mut entry = archive.by_name(name).unwrap();
            let mut s = String::new();
            io::Read::read_to_string(&mut entry, &mut s).unwrap();
            s
        };
        let mut archives: HashMap<String, zip::ZipArchive<std::fs::File>> = HashMap::new();
        let mut amo = open(dir.path().join(AMO_ZIP));
        let docs: Vec<Document> = documents(n, seed).collect();
        let mut entries = 0;
        for d in &docs {
            let leg_dir = d
                .json_path()
                .parent()
                .unwrap()
                .parent()
                .unwrap()
                .to_path_buf();
            let archive = archives
                .entry(leg_dir.display().to_string())
                .or_insert_with(|| open(dir.path().join(&leg_dir).join(QUESTIONS_ZIP)));
            let name = format!("json/{}.json", d.expected.uid);
            assert_eq!(read(archive, &name), d.json());
            entries += 1;

            let q: Value = serde_json::from_str(&d.json()).unwrap();
            let q = &q["question"];
            let acteur: Value = serde_json::from_str(&read(
                &mut amo,
                &format!("json/acteur/{}.json", d.expected.acteur_ref),
            ))
            .unwrap();
            let acteur = &acteur["acteur"];
            assert_eq!(acteur["uid"]["#text"], d.expected.acteur_ref.as_str());
            let ident = &acteur["etatCivil"]["ident"];
            let name = format!(
                "{} {} {}",
                ident["civ"].as_str().unwrap(),
                ident["prenom"].as_str().unwrap(),
                ident["nom"].as_str().unwrap()
            );
            assert_eq!(name, d.expected.author);
            let mandat = one_or_many(&acteur["mandats"]["mandat"])
                .into_iter()
                .find(|m| m["uid"] == q["auteur"]["identite"]["mandatRef"])
                .expect("the mandat of the question");
            assert_eq!(mandat["typeOrgane"], "ASSEMBLEE");
            assert_eq!(mandat["legislature"], q["identifiant"]["legislature"]);
            let lieu = &mandat["election"]["lieu"];
            let circo: u32 = lieu["numCirco"].as_str().unwrap().parse().unwrap();
            let constituency = format!(
                "{} ({circo}{} circonscription)",
                lieu["departement"].as_str().unwrap(),
                if circo == 1 { "re" } else { "e" }
            );
            assert_eq!(constituency, d.expected.constituency);
            let group = q["auteur"]["groupe"]["organeRef"].as_str().unwrap();
            let organe: Value =
                serde_json::from_str(&read(&mut amo, &format!("json/organe/{group}.json")))
                    .unwrap();
            assert_eq!(organe["organe"]["libelle"], d.expected.group.as_str());
            assert_eq!(organe["organe"]["codeType"], "GP");
        }
        let total: usize = archives.values().map(|a| a.len()).sum();
        assert_eq!(total, entries);
        assert_eq!(amo.len(), summary.acteurs + summary.organes);
    }

    #[test]
    fn mixed_format_writes_both_forms() {
        let dir = tempfile::tempdir().unwrap();
        let summary = generate_with(dir.path(), 200, 2, Format::Mixed).unwrap();
        assert!(summary.text_files > 50 && summary.json_files > 50);
        assert_eq!(summary.text_files + summary.json_files, 200);
        // The loader reads both forms, and the AMO files name the JSON questions' authors.
        let report = load(&[dir.path().to_path_buf()], &LoadOptions::default());
        assert_eq!(report.questions.len(), 200);
        assert!(report.diagnostics.is_empty(), "{:?}", report.diagnostics);
        assert!(dir.path().join("amo/json/acteur").is_dir());
        assert!(dir.path().join("amo/json/organe").is_dir());
    }

    #[test]
    fn hot_subjects_are_subjects() {
        for wanted in HOT_SUBJECTS {
            assert!(
                DOMAINS.iter().any(|d| d.subjects.contains(wanted)),
                "{wanted}"
            );
        }
    }

    #[test]
    fn titles_are_almost_all_distinct() {
        let n = 10_000;
        let plan = plan(n, 1);
        let titles: HashSet<String> = (0..n)
            .into_par_iter()
            .map(|i| facts(&plan, i).title)
            .collect();
        let ratio = titles.len() as f64 / n as f64;
        assert!(ratio > 0.8, "{} distinct titles of {n}", titles.len());
    }
}
