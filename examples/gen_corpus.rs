#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Synthetic corpus generator: writes N question documents in both layouts of the seeds
//! (markdown with `#` headings, `**Label :**` and `<sup>e</sup>`; plain text with bare labels
//! and `^e`), deterministic from a seed, for benchmarks and for trying the app at scale.
//!
//! ```text
//! cargo run --release --example gen_corpus -- DIR N [--seed S]
//! ```
//!
//! Files go to `DIR/<legislature>e-legislature/<thousands>/<number>_<hash>.{md,txt}`. DIR must
//! be empty or absent. The benches include this file as a module (`generate`) to build their
//! corpora under `target/bench-corpus/`.

use chrono::{Datelike, Duration, NaiveDate};
use dossier_core::model::{EventKind, Status};
use rayon::prelude::*;
use std::fmt::Write as _;
use std::io;
use std::path::{Path, PathBuf};

/// Bumped whenever the output for a given seed changes, so cached corpora are rebuilt.
pub const GENERATOR_VERSION: u32 = 1;

/// Name of the marker file written last in DIR (hidden, so a load ignores it).
pub const MARKER: &str = ".gen_corpus";

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

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }

    /// One element of a non-empty slice.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }

    /// A length between `lo` and `hi`, skewed towards the short end (log-uniform).
    pub fn length(&mut self, lo: usize, hi: usize) -> usize {
        let u = (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64;
        (lo as f64 * (hi as f64 / lo as f64).powf(u)) as usize
    }
}

/// A day as (year, month, day).
type Ymd = (i32, u32, u32);

/// Legislatures generated: number, first and last day, share of the corpus in percent.
const LEGISLATURES: [(u16, Ymd, Ymd, u64); 4] = [
    (14, (2012, 7, 3), (2017, 6, 19), 25),
    (15, (2017, 7, 4), (2022, 6, 20), 30),
    (16, (2022, 7, 5), (2024, 6, 9), 20),
    (17, (2024, 7, 23), (2026, 6, 30), 25),
];

fn ymd((y, m, d): Ymd) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
}

const GROUPS: [&[&str]; 4] = [
    &[
        "Socialiste, républicain et citoyen",
        "Union pour un Mouvement Populaire",
        "Les Républicains",
        "Union des démocrates et indépendants",
        "Écologiste",
        "Radical, républicain, démocrate et progressiste",
        "Gauche démocrate et républicaine",
        "Non inscrit",
    ],
    &[
        "La République en Marche",
        "Les Républicains",
        "Mouvement Démocrate et apparentés",
        "Socialistes et apparentés",
        "UDI, Agir et Indépendants",
        "La France insoumise",
        "Gauche démocrate et républicaine",
        "Libertés et Territoires",
        "Non inscrit",
    ],
    &[
        "Renaissance",
        "Rassemblement National",
        "La France insoumise - Nouvelle Union Populaire écologique et sociale",
        "Les Républicains",
        "Démocrate (MoDem et Indépendants)",
        "Socialistes et apparentés (membre de l'intergroupe NUPES)",
        "Horizons et apparentés",
        "Écologiste - NUPES",
        "Gauche démocrate et républicaine - NUPES",
        "Libertés, Indépendants, Outre-mer et Territoires",
        "Non inscrit",
    ],
    &[
        "Ensemble pour la République",
        "Rassemblement National",
        "La France insoumise - Nouveau Front Populaire",
        "Socialistes et apparentés",
        "Droite Républicaine",
        "Écologiste et Social",
        "Les Démocrates",
        "Horizons & Indépendants",
        "Libertés, Indépendants, Outre-mer et Territoires",
        "Gauche Démocrate et Républicaine",
        "Union des droites pour la République",
        "Non inscrit",
    ],
];

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

const RUBRICS: &[&str] = &[
    "Agriculture",
    "Aménagement du territoire",
    "Anciens combattants et victimes de guerre",
    "Animaux",
    "Associations et fondations",
    "Assurance maladie maternité",
    "Automobiles",
    "Banques et établissements financiers",
    "Bâtiment et travaux publics",
    "Chômage",
    "Collectivités territoriales",
    "Commerce et artisanat",
    "Communes",
    "Consommation",
    "Culture",
    "Défense",
    "Déchets",
    "Eau et assainissement",
    "Énergie et carburants",
    "Enfants",
    "Enseignement",
    "Enseignement supérieur",
    "Entreprises",
    "Environnement",
    "Établissements de santé",
    "Étrangers",
    "Famille",
    "Fonction publique hospitalière",
    "Fonctionnaires et agents publics",
    "Impôts et taxes",
    "Impôts locaux",
    "Logement",
    "Logement : aides et prêts",
    "Outre-mer",
    "Personnes handicapées",
    "Pharmacie et médicaments",
    "Police",
    "Politique extérieure",
    "Professions de santé",
    "Retraites : généralités",
    "Retraites : régime général",
    "Santé",
    "Sécurité des biens et des personnes",
    "Sécurité routière",
    "Sports",
    "Tourisme et loisirs",
    "Transports ferroviaires",
    "Transports routiers",
    "Travail",
    "Urbanisme",
];

/// Departments and their number of constituencies.
const DEPARTMENTS: &[(&str, u32)] = &[
    ("Ain", 5),
    ("Aisne", 5),
    ("Allier", 3),
    ("Alpes-Maritimes", 9),
    ("Ardèche", 3),
    ("Ardennes", 3),
    ("Aude", 3),
    ("Aveyron", 3),
    ("Bouches-du-Rhône", 16),
    ("Calvados", 6),
    ("Cantal", 2),
    ("Charente-Maritime", 5),
    ("Cher", 3),
    ("Corrèze", 2),
    ("Côte-d'Or", 5),
    ("Côtes-d'Armor", 5),
    ("Creuse", 1),
    ("Deux-Sèvres", 3),
    ("Dordogne", 4),
    ("Doubs", 5),
    ("Drôme", 4),
    ("Essonne", 10),
    ("Finistère", 8),
    ("Gard", 6),
    ("Gironde", 12),
    ("Haute-Garonne", 10),
    ("Haute-Savoie", 6),
    ("Hauts-de-Seine", 13),
    ("Hérault", 9),
    ("Ille-et-Vilaine", 8),
    ("Isère", 10),
    ("Loire", 6),
    ("Loire-Atlantique", 10),
    ("Loiret", 6),
    ("Lot", 2),
    ("Lozère", 1),
    ("Maine-et-Loire", 7),
    ("Manche", 4),
    ("Marne", 5),
    ("Meurthe-et-Moselle", 6),
    ("Morbihan", 6),
    ("Moselle", 9),
    ("Nord", 21),
    ("Oise", 7),
    ("Pas-de-Calais", 12),
    ("Puy-de-Dôme", 5),
    ("Pyrénées-Atlantiques", 6),
    ("Bas-Rhin", 9),
    ("Rhône", 14),
    ("Saône-et-Loire", 5),
    ("Sarthe", 5),
    ("Paris", 18),
    ("Seine-Maritime", 10),
    ("Seine-Saint-Denis", 12),
    ("Somme", 5),
    ("Tarn", 3),
    ("Var", 8),
    ("Vaucluse", 5),
    ("Vendée", 5),
    ("Haute-Vienne", 3),
    ("Val-de-Marne", 11),
    ("Val-d'Oise", 10),
    ("Guadeloupe", 4),
    ("La Réunion", 7),
];

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
];

const TITLE_HEADS: &[&str] = &[
    "Avenir",
    "Situation",
    "Financement",
    "Conséquences de la réforme",
    "Difficultés",
    "Accès",
    "Reconnaissance",
    "Revalorisation",
    "Maintien",
    "Fermeture",
    "Conditions de travail",
    "Pérennité",
    "Statut",
    "Modalités de financement",
    "Recrutement",
    "Sécurité",
];
const TITLE_TAILS: &[&str] = &[
    "des infirmières libérales",
    "du dispositif Asalée",
    "des services d'urgence",
    "de la filière bois",
    "des petites lignes ferroviaires",
    "des accompagnants d'élèves en situation de handicap",
    "des maisons France services",
    "des exploitations laitières",
    "des centres de santé municipaux",
    "des sapeurs-pompiers volontaires",
    "des bureaux de poste en zone rurale",
    "des aides à domicile",
    "des établissements d'hébergement pour personnes âgées dépendantes",
    "des orthophonistes",
    "des buralistes",
    "des artisans boulangers",
    "des stations de ski de moyenne montagne",
    "des associations sportives",
    "des travailleurs frontaliers",
    "des agriculteurs en zone de montagne",
    "de la médecine scolaire",
    "des transports sanitaires",
    "des pharmacies d'officine",
    "des chambres de métiers",
    "du fret ferroviaire",
    "de la pêche artisanale",
    "des victimes de catastrophes naturelles",
    "des communes nouvelles",
];
const TITLE_SUFFIXES: &[&str] = &[
    "quel avenir ?",
    "un enjeu pour les territoires",
    "inquiétudes des professionnels",
    "la nécessaire clarification",
];

const SUBJECTS: &[&str] = &[
    "Le dispositif",
    "Cette situation",
    "La réforme annoncée",
    "Le Gouvernement",
    "L'association",
    "La collectivité",
    "Le projet de loi",
    "Cette mesure",
    "Le rapport de l'inspection générale",
    "La direction générale",
    "Le décret d'application",
    "Ce secteur",
    "La filière",
    "Le réseau des professionnels",
    "La caisse nationale",
    "L'agence régionale de santé",
    "Le conseil départemental",
    "La commune",
    "L'État",
    "Ce financement",
    "La circulaire ministérielle",
    "L'administration",
];
const VERBS: &[&str] = &[
    "permet",
    "fragilise",
    "garantit",
    "remet en cause",
    "compromet",
    "améliore",
    "menace",
    "renforce",
    "prévoit",
    "conditionne",
    "accompagne",
    "limite",
    "favorise",
    "retarde",
    "complique",
    "soutient",
];
const OBJECTS: &[&str] = &[
    "l'accès aux soins dans les territoires ruraux",
    "la continuité du service public",
    "l'équilibre financier des établissements",
    "la situation des salariés concernés",
    "le maintien des emplois locaux",
    "la qualité de l'accueil des usagers",
    "la sécurité des personnes",
    "les investissements prévus pour les prochaines années",
    "l'avenir des exploitations agricoles",
    "la pérennité des structures associatives",
    "l'attractivité des métiers",
    "la coordination entre les acteurs",
    "la transition énergétique des ménages modestes",
    "le pouvoir d'achat des familles",
    "la formation des jeunes professionnels",
    "la revalorisation des rémunérations",
    "le respect des engagements pris",
    "la simplification des démarches administratives",
    "la prise en charge des patients atteints de maladies chroniques",
    "l'égalité entre les territoires",
    "le développement économique local",
    "la protection des populations les plus vulnérables",
];
const COMPLEMENTS: &[&str] = &[
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
    "",
    "",
    "",
    "",
];
const CONNECTORS: &[&str] = &[
    "Par ailleurs, ",
    "En effet, ",
    "Or ",
    "De plus, ",
    "Ainsi, ",
    "Toutefois, ",
    "En outre, ",
    "Dans ce contexte, ",
    "Pourtant, ",
    "",
    "",
    "",
];
const ITALICS: &[&str] = &[
    "statu quo",
    "a fortiori",
    "de facto",
    "in fine",
    "ad hoc",
    "a priori",
];
/// Plural nouns, with whether they are feminine (for the agreement of the participle).
const PLURALS: &[(&str, bool)] = &[
    ("professionnels", false),
    ("communes", true),
    ("familles", true),
    ("entreprises", true),
    ("patients", false),
    ("élèves", false),
    ("exploitants", false),
    ("salariés", false),
    ("bénévoles", false),
    ("infirmières", true),
    ("collectivités", true),
    ("usagers", false),
];
const QUESTION_OPENINGS: &[&str] = &[
    "appelle l'attention de",
    "attire l'attention de",
    "alerte",
    "interroge",
];
const QUESTION_CLOSINGS: &[&str] = &[
    "lui demande quelles mesures le Gouvernement entend prendre pour garantir",
    "lui demande de bien vouloir lui indiquer les mesures envisagées afin de préserver",
    "souhaite connaître les intentions du Gouvernement s'agissant de",
    "lui demande de préciser le calendrier retenu pour améliorer",
];
const ANSWER_OPENINGS: &[&str] = &[
    "Le Gouvernement est pleinement mobilisé sur cette question.",
    "La situation évoquée fait l'objet d'une attention particulière des services de l'État.",
    "Le ministère partage la préoccupation exprimée par l'auteur de la question.",
    "Des travaux ont été engagés avec l'ensemble des acteurs concernés.",
];
const WITHDRAWAL_REASONS: &[&str] = &[
    "Retrait à l'initiative de l'auteur",
    "Changement de ministère",
];

/// Lower-cases the first letter (after a connector).
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

/// One sentence of prose. `markup` receives the text with `*italic*` markers, `plain` the
/// same text as the parser should give it back. `far_from_start` allows a colon (a colon
/// near the start of a paragraph would make the line look like a `Label : value` line).
fn sentence(rng: &mut Rng, markup: &mut String, plain: &mut String, far_from_start: bool) {
    let mut push = |m: &str, p: &str| {
        markup.push_str(m);
        plain.push_str(p);
    };
    match rng.below(10) {
        0 => {
            let n = rng.range(2, 95) as u64;
            let s = format!(
                "Près de {n} % des {} déclarent rencontrer des difficultés{}.",
                rng.pick(PLURALS).0,
                rng.pick(COMPLEMENTS)
            );
            push(&s, &s);
        }
        1 => {
            let n = rng.range(3, 400) as u64 * 50;
            let (noun, feminine) = *rng.pick(PLURALS);
            let s = format!(
                "Selon les estimations disponibles, {} {noun} seraient directement {}.",
                french_number(n),
                if feminine {
                    "concernées"
                } else {
                    "concernés"
                }
            );
            push(&s, &s);
        }
        2 if far_from_start => {
            let s = format!(
                "Les conséquences seraient lourdes : {}, {} et {}.",
                rng.pick(OBJECTS),
                rng.pick(OBJECTS),
                rng.pick(OBJECTS)
            );
            push(&s, &s);
        }
        3 if rng.chance(0.5) => {
            let word = rng.pick(ITALICS);
            let head = format!("{}le ", rng.pick(CONNECTORS));
            let head = upper_first(&head);
            let tail = format!(" ne saurait perdurer{}.", rng.pick(COMPLEMENTS));
            push(&head, &head);
            push(&format!("*{word}*"), word);
            push(&tail, &tail);
        }
        _ => {
            let connector = rng.pick(CONNECTORS);
            let subject = rng.pick(SUBJECTS);
            let subject = if connector.is_empty() {
                subject.to_string()
            } else {
                format!("{connector}{}", lower_first(subject))
            };
            let s = format!(
                "{subject} {} {}{}.",
                rng.pick(VERBS),
                rng.pick(OBJECTS),
                rng.pick(COMPLEMENTS)
            );
            push(&s, &s);
        }
    }
}

/// Paragraphs of prose of about `target` characters: (markup, plain) pairs.
fn paragraphs(rng: &mut Rng, first: Option<String>, target: usize) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut total = 0;
    let mut first = first;
    while total < target {
        let mut markup = String::new();
        let mut plain = String::new();
        if let Some(f) = first.take() {
            markup.push_str(&f);
            plain.push_str(&f);
        }
        let sentences = rng.range(2, 6);
        for _ in 0..sentences {
            if !markup.is_empty() {
                markup.push(' ');
                plain.push(' ');
            }
            let far = markup.len() > 100;
            sentence(rng, &mut markup, &mut plain, far);
        }
        total += plain.len() + 2;
        out.push((markup, plain));
    }
    out
}

/// The text the parser should give back: plain paragraphs separated by one blank line.
fn plain_text(paragraphs: &[(String, String)]) -> String {
    paragraphs
        .iter()
        .map(|p| p.1.as_str())
        .collect::<Vec<_>>()
        .join("\n\n")
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

/// What the parser should find in a generated document.
#[derive(Debug, Clone)]
pub struct Expected {
    /// `17-13809QE`.
    pub id: String,
    /// Title.
    pub title: String,
    /// "Mme Sylvie Bonnet".
    pub author: String,
    /// "Loire (4e circonscription)".
    pub constituency: String,
    /// Political group.
    pub group: String,
    /// Rubric.
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
    /// Whether the document is in the markdown layout.
    pub markdown: bool,
    /// Whether a paragraph was split in two as by a page break.
    pub page_break: bool,
}

/// One document to write: where, what, and what it should parse to.
#[derive(Debug, Clone)]
pub struct Document {
    /// Path relative to the corpus directory.
    pub path: PathBuf,
    /// The document's text.
    pub text: String,
    /// What the parser should find.
    pub expected: Expected,
}

/// The plan of one document, fixed before the documents are rendered in parallel.
#[derive(Debug, Clone, Copy)]
struct Slot {
    legislature_index: usize,
    number: u32,
    /// Position of the question within its legislature, 0..1, to spread dates over it.
    position: f64,
    seed: u64,
}

fn plan(n: usize, seed: u64) -> Vec<Slot> {
    let mut rng = Rng::new(seed);
    let total_weight: u64 = LEGISLATURES.iter().map(|l| l.3).sum();
    let mut per_leg = [0usize; 4];
    let mut picks = Vec::with_capacity(n);
    for _ in 0..n {
        let mut w = rng.below(total_weight);
        let mut index = 0;
        for (i, l) in LEGISLATURES.iter().enumerate() {
            if w < l.3 {
                index = i;
                break;
            }
            w -= l.3;
        }
        per_leg[index] += 1;
        picks.push(index);
    }
    let mut next_number = [0u32; 4];
    let mut seen = [0usize; 4];
    picks
        .into_iter()
        .map(|index| {
            // Numbers grow with time, with gaps (other kinds of questions, withdrawn drafts).
            next_number[index] += rng.range(1, 3) as u32;
            let position = seen[index] as f64 / per_leg[index].max(1) as f64;
            seen[index] += 1;
            Slot {
                legislature_index: index,
                number: next_number[index],
                position,
                seed: rng.next_u64(),
            }
        })
        .collect()
}

/// A date as printed: `24 mars 2026`, and for the first of a month `1er` or `1`.
fn french_date(rng: &mut Rng, date: NaiveDate) -> String {
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
    let day = if date.day() == 1 && rng.chance(0.6) {
        "1er".to_string()
    } else {
        date.day().to_string()
    };
    format!("{day} {} {}", MONTHS[date.month0() as usize], date.year())
}

fn jo_page(rng: &mut Rng, date: NaiveDate) -> u32 {
    date.ordinal() * 28 + rng.below(28) as u32 + 1
}

/// One dated line before rendering: label, date, whether it carries a page, note.
struct Dated {
    kind: EventKind,
    label: &'static str,
    date: NaiveDate,
    page: bool,
    note: Option<&'static str>,
}

fn days_between(a: NaiveDate, b: NaiveDate) -> i64 {
    (b - a).num_days()
}

fn render(slot: Slot) -> Document {
    let mut rng = Rng::new(slot.seed);
    let (legislature, start, end, _) = LEGISLATURES[slot.legislature_index];
    let (start, end) = (ymd(start), ymd(end));
    let markdown = rng.chance(0.5);
    let links = markdown || rng.chance(0.7);

    // Who asks whom.
    let female = rng.chance(0.4);
    let first = if female {
        rng.pick(FIRST_NAMES_F)
    } else {
        rng.pick(FIRST_NAMES_M)
    };
    let civility = if female { "Mme" } else { "M." };
    let author = format!("{civility} {first} {}", rng.pick(LAST_NAMES));
    let (department, seats) = *rng.pick(DEPARTMENTS);
    let seat = rng.range(1, seats as i64);
    let group = rng.pick(GROUPS[slot.legislature_index]).to_string();
    let rubric = rng.pick(RUBRICS).to_string();
    let asked = *rng.pick(MINISTRIES);
    let mut assigned = asked;

    // Dates: publication spread over the legislature; the rest follows it.
    let span = days_between(start, end);
    let offset = (slot.position * span as f64) as i64 + rng.range(0, 6);
    let published = (start + Duration::days(offset)).min(end - Duration::days(1));
    let roll = rng.below(100);
    let status = if roll < 55 {
        Status::Answered
    } else if roll < 90 {
        Status::Pending
    } else {
        Status::Withdrawn
    };
    let room = days_between(published, end).max(1);
    let mut dated = vec![Dated {
        kind: EventKind::QuestionPublished,
        label: "Question publiée au JO le",
        date: published,
        page: true,
        note: None,
    }];
    let closing = match status {
        Status::Answered => {
            let delay = (rng.length(20, 600) as i64).min(room);
            let date = published + Duration::days(delay);
            dated.push(Dated {
                kind: EventKind::AnswerPublished,
                label: "Réponse publiée au JO le",
                date,
                page: true,
                note: None,
            });
            date
        }
        Status::Withdrawn => {
            let (date, note) = if legislature < 17 && rng.chance(0.7) {
                (end + Duration::days(1), "Fin de mandat")
            } else {
                (
                    published + Duration::days(rng.range(1, room.min(400))),
                    *rng.pick(WITHDRAWAL_REASONS),
                )
            };
            dated.push(Dated {
                kind: EventKind::Withdrawn,
                label: "Question retirée le",
                date,
                page: false,
                note: Some(note),
            });
            date
        }
        Status::Pending => end,
    };
    let window = days_between(published, closing);
    let between = |rng: &mut Rng| published + Duration::days(rng.range(1, window.max(2) - 1));
    if window > 3 {
        if rng.chance(0.12) {
            assigned = *rng.pick(MINISTRIES);
            let date = between(&mut rng);
            dated.push(Dated {
                kind: EventKind::AttributionChanged,
                label: "Date de changement d'attribution",
                date,
                page: false,
                note: None,
            });
        }
        if rng.chance(0.04) {
            let date = between(&mut rng);
            dated.push(Dated {
                kind: EventKind::Signaled,
                label: "Date de signalement",
                date,
                page: false,
                note: None,
            });
        }
        if rng.chance(0.05) {
            let date = between(&mut rng);
            dated.push(Dated {
                kind: EventKind::Renewed,
                label: "Date de renouvellement",
                date,
                page: false,
                note: None,
            });
        }
        if rng.chance(0.02) {
            let date = between(&mut rng);
            dated.push(Dated {
                kind: EventKind::ErratumQuestion,
                label: "Erratum de la question publié au JO le",
                date,
                page: true,
                note: None,
            });
        }
    }
    if status == Status::Answered && rng.chance(0.03) {
        let date = closing + Duration::days(rng.range(7, 40));
        dated.push(Dated {
            kind: EventKind::ErratumAnswer,
            label: "Erratum de la réponse publié au JO le",
            date,
            page: true,
            note: None,
        });
    }
    // Stable: equal dates keep the order above, as the parser's stable sort does.
    dated.sort_by_key(|d| d.date);

    // Title.
    let mut title = format!("{} {}", rng.pick(TITLE_HEADS), rng.pick(TITLE_TAILS));
    if rng.chance(0.08) {
        title.push_str(" : ");
        let suffix = rng.pick(TITLE_SUFFIXES);
        title.push_str(suffix);
    }

    // Texts.
    let minister = format!(
        "{} {}",
        if rng.chance(0.5) {
            "Mme la ministre"
        } else {
            "M. le ministre"
        },
        asked.1
    );
    let opening = format!(
        "{author} {} {minister} sur {}.",
        rng.pick(QUESTION_OPENINGS),
        rng.pick(OBJECTS)
    );
    let q_target = rng.length(300, 3000);
    let mut question = paragraphs(&mut rng, Some(opening), q_target);
    let pronoun = if female { "Elle" } else { "Il" };
    let close = format!(
        " {pronoun} {} {}.",
        rng.pick(QUESTION_CLOSINGS),
        rng.pick(OBJECTS)
    );
    if let Some(last) = question.last_mut() {
        last.0.push_str(&close);
        last.1.push_str(&close);
    }
    let mut answer = if status == Status::Answered {
        let a_target = rng.length(400, 5000);
        let opening = rng.pick(ANSWER_OPENINGS).to_string();
        paragraphs(&mut rng, Some(opening), a_target)
    } else {
        Vec::new()
    };
    let split_question = rng.chance(0.05);
    let split_answer = rng.chance(0.08);
    let question_plain = plain_text(&question);
    let answer_plain = plain_text(&answer);
    let mut question_lines: Vec<String> = question.drain(..).map(|p| p.0).collect();
    let mut answer_lines: Vec<String> = answer.drain(..).map(|p| p.0).collect();
    let mut was_split = false;
    for (split, lines) in [
        (split_question, &mut question_lines),
        (split_answer, &mut answer_lines),
    ] {
        if split && !lines.is_empty() {
            let i = rng.below(lines.len() as u64) as usize;
            if let Some((a, b)) = page_break(&mut rng, &lines[i]) {
                lines[i] = a;
                lines.insert(i + 1, b);
                was_split = true;
            }
        }
    }

    // The document.
    let mut t = String::with_capacity(q_target + answer_plain.len() + 1500);
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
    let _ = write!(t, "{}{title}\n\n", h(2));
    let _ = write!(t, "Question écrite n° {}\n\n", slot.number);
    let _ = write!(t, "{}Texte de la question\n\n", h(3));
    for line in &question_lines {
        t.push_str(line);
        t.push_str("\n\n");
    }
    if !answer_lines.is_empty() {
        let _ = write!(t, "{}Texte de la réponse\n\n", h(3));
        for line in &answer_lines {
            t.push_str(line);
            t.push_str("\n\n");
        }
    }
    let _ = write!(t, "{}Données clés\n\n", h(2));
    let _ = write!(t, "{} {}\n\n", label("Auteur"), link(&author));
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
    let _ = write!(t, "{} {}\n\n", label("Numéro de la question"), slot.number);
    let _ = write!(t, "{} {rubric}\n\n", label("Rubrique"));
    let _ = write!(t, "{} {}\n\n", label("Ministère interrogé"), link(asked.0));
    let _ = write!(
        t,
        "{} {}\n\n",
        label("Ministère attributaire"),
        link(assigned.0)
    );
    let _ = write!(t, "{}Date(s) clé(s)\n\n", h(2));
    let count = dated.len();
    for (i, d) in dated.iter().enumerate() {
        let shown = french_date(&mut rng, d.date);
        let date = if d.kind == EventKind::Withdrawn {
            shown
        } else {
            link(&shown)
        };
        let _ = write!(t, "{} {date}", label(d.label));
        if d.page {
            let page = jo_page(&mut rng, d.date);
            let _ = write!(t, ", page {page}");
        }
        if let Some(note) = d.note {
            let _ = write!(t, " ({note})");
        }
        if i + 1 < count {
            t.push_str("\n\n");
        }
    }

    let id = format!("{legislature}-{}QE", slot.number);
    let ext = if markdown && rng.chance(0.5) {
        "md"
    } else {
        "txt"
    };
    let path = PathBuf::from(format!("{legislature}e-legislature"))
        .join(format!("{:03}", slot.number / 1000))
        .join(format!("{:06}_{:016x}.{ext}", slot.number, slot.seed));
    Document {
        path,
        text: t,
        expected: Expected {
            id,
            title,
            author,
            constituency: format!(
                "{department} ({seat}{} circonscription)",
                if seat == 1 { "re" } else { "e" }
            ),
            group,
            rubric,
            ministry_asked: asked.0.to_string(),
            ministry_assigned: assigned.0.to_string(),
            status,
            question_text: question_plain,
            answer_text: answer_plain,
            events: dated.iter().map(|d| (d.kind, d.date)).collect(),
            markdown,
            page_break: was_split,
        },
    }
}

/// The documents of a corpus of `n` questions for `seed`, in a fixed order.
pub fn documents(n: usize, seed: u64) -> impl IndexedParallelIterator<Item = Document> {
    plan(n, seed).into_par_iter().map(render)
}

/// What [`generate`] wrote.
#[derive(Debug, Default, Clone)]
pub struct Summary {
    /// Documents written.
    pub files: usize,
    /// Bytes written.
    pub bytes: u64,
    /// Answered, pending, withdrawn.
    pub by_status: [usize; 3],
    /// Markdown-layout documents.
    pub markdown: usize,
}

/// Writes a corpus of `n` documents for `seed` under `dir`, which must be empty or absent.
pub fn generate(dir: &Path, n: usize, seed: u64) -> io::Result<Summary> {
    if dir.exists() && std::fs::read_dir(dir)?.next().is_some() {
        return Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            format!("{} is not empty", dir.display()),
        ));
    }
    std::fs::create_dir_all(dir)?;
    let summaries: Vec<Summary> = documents(n, seed)
        .map(|doc| -> io::Result<Summary> {
            let path = dir.join(&doc.path);
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent)?;
            }
            std::fs::write(&path, &doc.text)?;
            let mut s = Summary {
                files: 1,
                bytes: doc.text.len() as u64,
                markdown: usize::from(doc.expected.markdown),
                ..Summary::default()
            };
            s.by_status[match doc.expected.status {
                Status::Answered => 0,
                Status::Pending => 1,
                Status::Withdrawn => 2,
            }] = 1;
            Ok(s)
        })
        .collect::<io::Result<_>>()?;
    let mut total = Summary::default();
    for s in summaries {
        total.files += s.files;
        total.bytes += s.bytes;
        total.markdown += s.markdown;
        for i in 0..3 {
            total.by_status[i] += s.by_status[i];
        }
    }
    std::fs::write(
        dir.join(MARKER),
        format!("version={GENERATOR_VERSION} n={n} seed={seed}\n"),
    )?;
    Ok(total)
}

const USAGE: &str = "usage: gen_corpus DIR N [--seed S]\n\
    Writes N synthetic question documents under DIR (which must be empty or absent),\n\
    deterministic from the seed (default 1).";

fn parse_args(args: &[String]) -> Result<(PathBuf, usize, u64), String> {
    let mut positional = Vec::new();
    let mut seed = 1u64;
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
    Ok((PathBuf::from(dir), n, seed))
}

fn main() -> std::process::ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (dir, n, seed) = match parse_args(&args) {
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
    match generate(&dir, n, seed) {
        Ok(s) => {
            println!(
                "wrote {} documents ({:.1} MB, {} markdown, {} plain) to {} in {:.1?}: \
                 {} answered, {} pending, {} withdrawn",
                s.files,
                s.bytes as f64 / 1e6,
                s.markdown,
                s.files - s.markdown,
                dir.display(),
                started.elapsed(),
                s.by_status[0],
                s.by_status[1],
                s.by_status[2],
            );
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

    /// A small corpus loads without a diagnostic, and every question reads back as generated.
    #[test]
    fn generated_corpus_reads_back_as_generated() {
        let dir = tempfile::tempdir().unwrap();
        let summary = generate(dir.path(), 400, 7).unwrap();
        assert_eq!(summary.files, 400);
        let report = load(&[dir.path().to_path_buf()], &LoadOptions::default());
        let shown: Vec<String> = report.diagnostics.iter().map(|d| d.to_string()).collect();
        assert!(shown.is_empty(), "{shown:#?}");
        assert_eq!(report.questions.len(), 400);
        assert_eq!(report.files_skipped, 0);

        let docs: Vec<Document> = documents(400, 7).collect();
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
        let day_one = regex::Regex::new(r"(?m)(?:\[|: |:\*\* )1(er)? \p{L}+ \d{4}").unwrap();
        let forms: std::collections::HashSet<bool> = docs
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
        let by_id: std::collections::HashMap<&str, &dossier_core::model::Question> = report
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
    }

    #[test]
    fn refuses_a_non_empty_directory() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("x.txt"), "x").unwrap();
        assert!(generate(dir.path(), 1, 1).is_err());
    }
}
