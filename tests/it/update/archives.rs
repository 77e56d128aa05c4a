//! Archives as the AN publishes them, made from a small generated corpus (the
//! `dossier-corpus` crate): the 17th legislature's questions écrites on two days (a question
//! answered between them), questions au Gouvernement and orales made from some of its
//! questions, the deputies' AMO archive, and a question of the 18th legislature.

use serde_json::Value;
use std::io::{Cursor, Read, Write};
use std::path::PathBuf;
use std::sync::OnceLock;

/// Paths of the default archives under the repository.
pub const QE: &str = "17/questions/questions_ecrites/Questions_ecrites.json.zip";
pub const QG: &str = "17/questions/questions_gouvernement/Questions_gouvernement.json.zip";
pub const QOSD: &str =
    "17/questions/questions_orales_sans_debat/Questions_orales_sans_debat.json.zip";
pub const AMO: &str = "17/amo/tous_acteurs_mandats_organes_xi_legislature/AMO30_tous_acteurs_tous_mandats_tous_organes_historique.json.zip";
pub const QE18: &str = "18/questions/questions_ecrites/Questions_ecrites.json.zip";

/// The generated corpus's 17th-legislature questions (name, JSON) and AMO archive.
struct Corpus {
    questions: Vec<(String, Value)>,
    amo: Vec<u8>,
}

fn corpus() -> &'static Corpus {
    static CORPUS: OnceLock<Corpus> = OnceLock::new();
    CORPUS.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("corpus");
        dossier_corpus::generate_with(&root, 60, 21, dossier_corpus::Format::Zip).unwrap();
        let qe = std::fs::read(root.join("17e-legislature/Questions_ecrites.json.zip")).unwrap();
        let mut zip = zip::ZipArchive::new(Cursor::new(qe)).unwrap();
        let mut questions = Vec::new();
        for i in 0..zip.len() {
            let mut entry = zip.by_index(i).unwrap();
            let name = entry.name().to_string();
            let mut text = String::new();
            entry.read_to_string(&mut text).unwrap();
            questions.push((name, serde_json::from_str(&text).unwrap()));
        }
        let amo: PathBuf =
            root.join("amo/AMO30_tous_acteurs_tous_mandats_tous_organes_historique.json.zip");
        Corpus {
            questions,
            amo: std::fs::read(amo).unwrap(),
        }
    })
}

/// A zip of these entries.
pub fn zip_of(entries: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, bytes) in entries {
        w.start_file(name.as_str(), zip::write::SimpleFileOptions::default())
            .unwrap();
        w.write_all(bytes).unwrap();
    }
    w.finish().unwrap().into_inner()
}

fn answered(q: &Value) -> bool {
    !q["question"]["textesReponse"].is_null()
}

/// The id (`17-13QE`) of a question's JSON.
pub fn id(q: &Value) -> String {
    let q = &q["question"];
    format!(
        "{}-{}{}",
        q["identifiant"]["legislature"].as_str().unwrap(),
        q["identifiant"]["numero"].as_str().unwrap(),
        q["type"].as_str().unwrap()
    )
}

/// The question answered between day one and day two: on day one it waits.
pub fn answered_on_day_two() -> String {
    let q = corpus()
        .questions
        .iter()
        .map(|(_, q)| q)
        .find(|q| answered(q))
        .expect("the corpus has answered questions");
    id(q)
}

/// The questions écrites archive of day one (1) or day two (2).
pub fn qe(day: u32) -> Vec<u8> {
    let target = answered_on_day_two();
    let entries: Vec<(String, Vec<u8>)> = corpus()
        .questions
        .iter()
        .map(|(name, q)| {
            let mut q = q.clone();
            if day == 1 && id(&q) == target {
                q["question"]["textesReponse"] = Value::Null;
                q["question"]["cloture"] = Value::Null;
            }
            (name.clone(), q.to_string().into_bytes())
        })
        .collect();
    zip_of(&entries)
}

/// Some questions of the corpus made into questions of another kind (`QG`, `QOSD`).
fn other_kind(kind: &str, xsi: &str, skip: usize) -> Vec<u8> {
    let entries: Vec<(String, Vec<u8>)> = corpus()
        .questions
        .iter()
        .skip(skip)
        .take(3)
        .map(|(_, q)| {
            let mut q = q.clone();
            let number = q["question"]["identifiant"]["numero"]
                .as_str()
                .unwrap()
                .to_string();
            let uid = format!("QANR5L17{kind}{number}");
            q["question"]["uid"] = Value::String(uid.clone());
            q["question"]["type"] = Value::String(kind.into());
            q["question"]["@xsi:type"] = Value::String(xsi.into());
            (format!("json/{uid}.json"), q.to_string().into_bytes())
        })
        .collect();
    zip_of(&entries)
}

/// The questions au Gouvernement archive.
pub fn qg() -> Vec<u8> {
    other_kind("QG", "QuestionGouvernement_Type", 0)
}

/// The questions orales sans débat archive.
pub fn qosd() -> Vec<u8> {
    other_kind("QOSD", "QuestionOraleSansDebat_Type", 3)
}

/// The deputies' AMO archive.
pub fn amo() -> Vec<u8> {
    corpus().amo.clone()
}

/// The 18th legislature's first question écrite, pending.
pub fn qe18() -> Vec<u8> {
    let (_, q) = &corpus().questions[0];
    let mut q = q.clone();
    let question = &mut q["question"];
    question["uid"] = Value::String("QANR5L18QE1".into());
    question["identifiant"]["legislature"] = Value::String("18".into());
    question["identifiant"]["numero"] = Value::String("1".into());
    question["textesReponse"] = Value::Null;
    question["cloture"] = Value::Null;
    zip_of(&[("json/QANR5L18QE1.json".into(), q.to_string().into_bytes())])
}

/// The ids of the 17th legislature's pending questions écrites on day two.
pub fn pending_on_day_two() -> Vec<String> {
    corpus()
        .questions
        .iter()
        .filter(|(_, q)| !answered(q) && q["question"]["cloture"].is_null())
        .map(|(_, q)| id(q))
        .collect()
}

/// A zip that is no AN archive (a folder of photos).
pub fn photos() -> Vec<u8> {
    zip_of(&[(
        "photos/hemicycle.jpg".into(),
        b"\xff\xd8\xff\xe0 not really".to_vec(),
    )])
}
