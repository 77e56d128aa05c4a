//! The AMO files (acteurs, mandats, organes) that turn a question's `acteurRef` into the
//! author's name, constituency and group.

use super::question::clean_line;
use super::value::Value;
use super::value::{at, field, items, parse_date, string, string_at};
use super::{json_error, strip_bom, unknown_schema, LineMessage};
use crate::model::Question;
use crate::parse::problem::Problem;
use chrono::NaiveDate;
use std::collections::{HashMap, HashSet};

/// A person (`{"acteur": {...}}`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Acteur {
    /// `PA719968` (the file's `uid` is an object: its `#text`).
    pub uid: String,
    /// `M.` or `Mme`.
    pub civ: String,
    /// First name.
    pub prenom: String,
    /// Family name.
    pub nom: String,
    /// The acteur's mandates, as its file lists them.
    pub mandats: Vec<Mandat>,
}

impl Acteur {
    /// "Mme Sylvie Bonnet": civility, first name, family name.
    pub fn display_name(&self) -> String {
        [&self.civ, &self.prenom, &self.nom]
            .iter()
            .filter(|s| !s.is_empty())
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// A mandate, from an acteur file or a separate `{"mandat": {...}}` file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mandat {
    /// `PM842891`.
    pub uid: String,
    /// The acteur it belongs to.
    pub acteur_ref: Option<String>,
    /// The legislature, when the mandate belongs to one.
    pub legislature: Option<u16>,
    /// `ASSEMBLEE` (a deputy's seat), `GP` (a group), …
    pub type_organe: String,
    /// The organes it is held in (`organes.organeRef`, one or several).
    pub organe_refs: Vec<String>,
    /// `dateDebut`.
    pub start: Option<NaiveDate>,
    /// `dateFin`; none while it runs.
    pub end: Option<NaiveDate>,
    /// `election.lieu.departement` ("Loire").
    pub departement: Option<String>,
    /// `election.lieu.numCirco` (4).
    pub num_circo: Option<u32>,
}

impl Mandat {
    /// The constituency as the question pages print it: "Loire (4e circonscription)",
    /// "Paris (1re circonscription)"; the department alone without a number.
    pub fn constituency(&self) -> Option<String> {
        let dep = self.departement.as_deref().filter(|d| !d.is_empty())?;
        Some(match self.num_circo {
            Some(1) => format!("{dep} (1re circonscription)"),
            Some(n) => format!("{dep} ({n}e circonscription)"),
            None => dep.to_string(),
        })
    }

    fn runs_on(&self, date: NaiveDate) -> bool {
        self.start.is_none_or(|s| s <= date) && self.end.is_none_or(|e| date <= e)
    }
}

/// An organe (`{"organe": {...}}`): a group, a ministry, the Assemblée itself, …
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Organe {
    /// `PO845425`.
    pub uid: String,
    /// `GP` for a political group.
    pub code_type: String,
    /// "Droite Républicaine".
    pub libelle: String,
    /// `libelleAbrev` or `libelleAbrege` ("DR").
    pub abbreviation: Option<String>,
    /// `viMoDe.dateDebut`.
    pub start: Option<NaiveDate>,
    /// `viMoDe.dateFin`.
    pub end: Option<NaiveDate>,
}

/// One AMO file's content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AmoRecord {
    /// An acteur file.
    Acteur(Acteur),
    /// An organe file.
    Organe(Organe),
    /// A separate mandat file.
    Mandat(Mandat),
}

type Res<T> = Result<T, Problem>;

fn req(v: &Value, keys: &[&str]) -> Res<String> {
    string_at(v, keys)?
        .map(clean_line)
        .ok_or_else(|| Problem::MissingField(keys.join(".")))
}

fn opt(v: &Value, keys: &[&str]) -> Res<Option<String>> {
    Ok(string_at(v, keys)?
        .map(clean_line)
        .filter(|s| !s.is_empty()))
}

fn date(v: &Value, keys: &[&str]) -> Res<Option<NaiveDate>> {
    Ok(string_at(v, keys)?.and_then(parse_date))
}

fn mandat(m: &Value) -> Res<Mandat> {
    let mut organe_refs = Vec::new();
    for r in items(at(m, &["organes", "organeRef"])) {
        if let Some(s) = string(Some(r), "organes.organeRef")? {
            organe_refs.push(clean_line(s));
        }
    }
    Ok(Mandat {
        uid: req(m, &["uid"])?,
        acteur_ref: opt(m, &["acteurRef"])?,
        legislature: string_at(m, &["legislature"])?.and_then(|s| s.parse().ok()),
        type_organe: opt(m, &["typeOrgane"])?.unwrap_or_default(),
        organe_refs,
        start: date(m, &["dateDebut"])?,
        end: date(m, &["dateFin"])?,
        departement: opt(m, &["election", "lieu", "departement"])?,
        num_circo: string_at(m, &["election", "lieu", "numCirco"])?.and_then(|s| s.parse().ok()),
    })
}

fn acteur(a: &Value) -> Res<Acteur> {
    let mut mandats = Vec::new();
    for m in items(at(a, &["mandats", "mandat"])) {
        mandats.push(mandat(m)?);
    }
    Ok(Acteur {
        uid: req(a, &["uid"])?,
        civ: opt(a, &["etatCivil", "ident", "civ"])?.unwrap_or_default(),
        prenom: opt(a, &["etatCivil", "ident", "prenom"])?.unwrap_or_default(),
        nom: opt(a, &["etatCivil", "ident", "nom"])?.unwrap_or_default(),
        mandats,
    })
}

fn organe(o: &Value) -> Res<Organe> {
    let abbreviation = match opt(o, &["libelleAbrev"])? {
        Some(a) => Some(a),
        None => opt(o, &["libelleAbrege"])?,
    };
    Ok(Organe {
        uid: req(o, &["uid"])?,
        code_type: opt(o, &["codeType"])?.unwrap_or_default(),
        libelle: opt(o, &["libelle"])?.unwrap_or_default(),
        abbreviation,
        start: date(o, &["viMoDe", "dateDebut"])?,
        end: date(o, &["viMoDe", "dateFin"])?,
    })
}

/// Reads one AMO JSON file: `{"acteur": …}`, `{"organe": …}` or `{"mandat": …}`.
pub fn parse_amo_json(bytes: &[u8]) -> Result<AmoRecord, LineMessage> {
    let root: Value = serde_json::from_slice(strip_bom(bytes)).map_err(|e| json_error(&e))?;
    let record = if let Some(a) = field(&root, "acteur") {
        acteur(a).map(AmoRecord::Acteur)
    } else if let Some(o) = field(&root, "organe") {
        organe(o).map(AmoRecord::Organe)
    } else if let Some(m) = field(&root, "mandat") {
        mandat(m).map(AmoRecord::Mandat)
    } else {
        Err(unknown_schema(&root))
    };
    record.map_err(LineMessage::doc)
}

/// Acteurs, organes and separate mandats, gathered from any number of AMO files.
#[derive(Debug, Clone, Default)]
pub struct Directory {
    acteurs: HashMap<String, Acteur>,
    organes: HashMap<String, Organe>,
    /// Mandats read from their own files, by acteur.
    mandats: HashMap<String, Vec<Mandat>>,
}

impl Directory {
    /// An empty directory.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds one record; a later record with the same uid replaces the earlier one.
    pub fn add(&mut self, record: AmoRecord) {
        match record {
            AmoRecord::Acteur(a) => {
                self.acteurs.insert(a.uid.clone(), a);
            }
            AmoRecord::Organe(o) => {
                self.organes.insert(o.uid.clone(), o);
            }
            AmoRecord::Mandat(m) => {
                let list = self
                    .mandats
                    .entry(m.acteur_ref.clone().unwrap_or_default())
                    .or_default();
                list.retain(|x| x.uid != m.uid);
                list.push(m);
            }
        }
    }

    /// Reads one AMO JSON file and adds it.
    pub fn add_json(&mut self, bytes: &[u8]) -> Result<(), LineMessage> {
        self.add(parse_amo_json(bytes)?);
        Ok(())
    }

    /// The acteur with this uid (`PA…`).
    pub fn acteur(&self, uid: &str) -> Option<&Acteur> {
        self.acteurs.get(uid)
    }

    /// The organe with this uid (`PO…`).
    pub fn organe(&self, uid: &str) -> Option<&Organe> {
        self.organes.get(uid)
    }

    /// How many acteurs and organes it holds.
    pub fn len(&self) -> (usize, usize) {
        (self.acteurs.len(), self.organes.len())
    }

    /// True when it holds nothing.
    pub fn is_empty(&self) -> bool {
        self.acteurs.is_empty() && self.organes.is_empty() && self.mandats.is_empty()
    }

    /// Every mandate known for an acteur: those of its file, then those of mandat files.
    fn mandats_of<'a>(&'a self, a: &'a Acteur) -> impl Iterator<Item = &'a Mandat> {
        a.mandats
            .iter()
            .chain(self.mandats.get(&a.uid).into_iter().flatten())
    }
}

/// Names the authors of questions from a directory: `author` becomes "civ prenom nom" (only
/// where it still shows the reference or is empty), `constituency` comes from the ASSEMBLEE
/// mandate (the one the question's `mandatRef` names, else the one of the question's
/// legislature) when the question has none, and `group` from the GP mandate running at the
/// question's date, only when the question does not give it (the question's own group is the
/// one of its time). Returns the acteur references not found that a question still shows (it
/// names no author of its own), each once, in first-seen order.
pub fn resolve_authors(questions: &mut [Question], directory: &Directory) -> Vec<String> {
    let mut unresolved = Vec::new();
    let mut seen = HashSet::new();
    for q in questions.iter_mut() {
        let Some(reference) = q.author_ref.as_deref() else {
            continue;
        };
        let Some(a) = directory.acteur(reference) else {
            if q.author.is_empty() {
                q.author = reference.to_string();
            }
            // Only an author shown by the reference is worth saying: a saved page names them.
            if q.author == reference && seen.insert(reference.to_string()) {
                unresolved.push(reference.to_string());
            }
            continue;
        };
        if q.author.is_empty() || q.author == reference {
            let name = a.display_name();
            if !name.is_empty() {
                q.author = name;
            }
        }
        let seat = q
            .mandate_ref
            .as_deref()
            .and_then(|r| directory.mandats_of(a).find(|m| m.uid == r))
            .filter(|m| m.type_organe == "ASSEMBLEE")
            .or_else(|| {
                directory
                    .mandats_of(a)
                    .filter(|m| m.type_organe == "ASSEMBLEE")
                    .find(|m| m.legislature == Some(q.legislature))
            });
        if q.constituency.is_empty() {
            if let Some(c) = seat.and_then(Mandat::constituency) {
                q.constituency = c;
            }
        }
        if q.group.is_empty() {
            let when = q.published();
            let group = directory
                .mandats_of(a)
                .filter(|m| m.type_organe == "GP")
                .filter(|m| match when {
                    Some(d) => m.runs_on(d),
                    None => m.legislature == Some(q.legislature),
                })
                .find_map(|m| m.organe_refs.iter().find_map(|r| directory.organe(r)));
            if let Some(g) = group {
                q.group = g.libelle.clone();
            }
        }
    }
    unresolved
}
