//! The generator's own tests: a generated corpus reads back as generated, in every form.

use crate::facts::facts;
use crate::plan::{days_between, plan, HOT_SUBJECTS};
use crate::text::{documents, Document, Expected};
use crate::vocabulary::{DOMAINS, ITALICS};
use crate::words::upper_first;
use crate::world::MINISTRIES;
use crate::write::{generate, generate_with, Format, AMO_ZIP, QUESTIONS_ZIP};
use crate::{GENERATOR_VERSION, TRUTH};
use chrono::NaiveDate;
use dossier_core::load::{load, LoadOptions};
use dossier_core::model::{EventKind, Status};
use rayon::prelude::*;
use serde_json::Value;
use std::collections::{HashMap, HashSet};
use std::io;
use std::path::PathBuf;

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
        let authors: HashSet<&str> = copies.iter().map(|d| d.expected.author.as_str()).collect();
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
        serde_json::from_str(&std::fs::read_to_string(dir.path().join(TRUTH)).unwrap()).unwrap();
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
    let open = |path: PathBuf| zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
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
            serde_json::from_str(&read(&mut amo, &format!("json/organe/{group}.json"))).unwrap();
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
