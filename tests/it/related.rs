//! Related questions seen by a staffer: campaign copies of a sample question found and
//! grouped, "answered elsewhere" for a pending copy of an answered question, the query
//! terms, the export field, and the viewer's detail, picker and grouping.

use crate::tui::{settings, Viewer};
use crate::util::{assets, Sandbox};
use dossier_core::i18n::Lang;
use dossier_core::library::Origin;
use serde_json::Value;
use std::path::{Path, PathBuf};

/// The sample question 17-13809QE (answered), its file.
fn original() -> String {
    std::fs::read_to_string(assets().join("000_ca7e1411996a7a9f.txt")).unwrap()
}

/// A pending copy of 17-13809QE as a campaign sends it: another number, another deputy of
/// another département, and `edit` applied to the text.
fn copy(number: u32, deputy: &str, dept: &str, edit: impl Fn(String) -> String) -> String {
    let text = original();
    let (head, rest) = text.split_once("### Texte de la réponse").unwrap();
    let (_, tail) = rest.split_once("## Données clés").unwrap();
    let text = format!("{head}## Données clés{tail}");
    let text = text
        .replace("13809", &number.to_string())
        .replace("Mme Sylvie Bonnet", deputy)
        .replace("ligériennes", "du département")
        .replace("Loire", dept)
        .replace(
            "\n**Réponse publiée au JO le :** [12 mai 2026](#), page 4262",
            "",
        );
    edit(text)
}

/// The sample and three campaign copies of 17-13809QE, in a folder.
fn dossier(dir: &Path) -> PathBuf {
    crate::util::copy_assets(dir);
    let copies = [
        (
            20001,
            "M. Paul Martin",
            "Rhône",
            copy_as_is as fn(String) -> String,
        ),
        (20002, "Mme Anne Petit", "Isère", add_sentence),
        (20003, "M. Luc Moreau", "Drôme", reorder),
    ];
    for (n, who, dept, edit) in copies {
        std::fs::write(dir.join(format!("copy_{n}.md")), copy(n, who, dept, edit)).unwrap();
    }
    dir.to_path_buf()
}

fn copy_as_is(text: String) -> String {
    text
}

fn add_sentence(text: String) -> String {
    text.replace(
        "au bénéfice des patients.",
        "au bénéfice des patients. Elle rappelle que les élus locaux soutiennent unanimement ce dispositif.",
    )
}

fn reorder(text: String) -> String {
    text.replace(
        "En effet, la CNAM, qui finance intégralement l'association,",
        "En effet, la Caisse nationale, qui finance intégralement l'association,",
    )
}

fn ids(out: &str) -> Vec<String> {
    let mut v: Vec<String> = out.lines().map(str::to_string).collect();
    v.sort();
    v
}

#[test]
fn the_query_terms_find_campaigns_their_members_and_answers_published_elsewhere() {
    let s = Sandbox::new();
    let dir = dossier(&s.path("docs"));
    let d = dir.to_str().unwrap();
    let list = |q: &str| ids(&s.ok(&["list", "-q", q, "-f", "ids", d]));
    let campaign = ["17-13809QE", "17-20001QE", "17-20002QE", "17-20003QE"];
    assert_eq!(list("is:campaign"), campaign);
    assert_eq!(list("est:campagne"), campaign);
    // The three pending copies: the original was answered.
    assert_eq!(
        list("is:answered-elsewhere"),
        ["17-20001QE", "17-20002QE", "17-20003QE"]
    );
    assert_eq!(list("est:repondue-ailleurs").len(), 3);
    // similar:ID holds the question itself and its related ones; a bare number is enough.
    assert_eq!(list("similar:17-20002QE"), campaign);
    assert_eq!(list("proche:20002"), campaign);
    assert_eq!(list("similar:17-13811QE"), ["17-13811QE"]);
    // The separately written Asalée questions are not a campaign.
    assert_eq!(list("-is:campaign").len(), 4);
    // Negated, combined, in English and French.
    assert_eq!(list("is:campaign -is:answered-elsewhere"), ["17-13809QE"]);
}

#[test]
fn the_export_lists_each_question_s_related_ones_and_the_csv_counts_them() {
    let s = Sandbox::new();
    let dir = dossier(&s.path("docs"));
    let out = s.ok(&["export", dir.to_str().unwrap()]);
    let records: Vec<Value> = serde_json::from_str(&out).unwrap();
    let record = |id: &str| records.iter().find(|r| r["id"] == id).unwrap().clone();
    let related = record("17-20001QE")["related"].as_array().unwrap().clone();
    let ids: Vec<&str> = related.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), 3, "{related:?}");
    for id in ["17-13809QE", "17-20002QE", "17-20003QE"] {
        assert!(ids.contains(&id), "{id} in {ids:?}");
    }
    // Most similar first; the unchanged copy and the original are the most alike.
    let sims: Vec<f64> = related
        .iter()
        .map(|r| r["similarity"].as_f64().unwrap())
        .collect();
    assert!(sims.windows(2).all(|w| w[0] >= w[1]), "{sims:?}");
    assert!(related.iter().all(|r| r["reason"] == "similar_text"));
    assert_eq!(record("17-13811QE")["related"], Value::Array(Vec::new()));
    let csv = s.ok(&["export", "--format", "csv", dir.to_str().unwrap()]);
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let header = reader.headers().unwrap().clone();
    let at = header.iter().position(|h| h == "related").unwrap();
    let id_at = header.iter().position(|h| h == "id").unwrap();
    for row in reader.records() {
        let row = row.unwrap();
        let expected = if row[id_at].starts_with("17-2") || &row[id_at] == "17-13809QE" {
            "3"
        } else {
            "0"
        };
        assert_eq!(&row[at], expected, "{row:?}");
    }
}

#[test]
fn the_threshold_is_configurable_and_checked() {
    let s = Sandbox::new();
    let dir = dossier(&s.path("docs"));
    let config = s.path("config.toml");
    // At 1.0 only identical texts relate: the edited copies are left out.
    std::fs::write(&config, "similarity_threshold = 1.0\n").unwrap();
    let out = s.ok(&[
        "--config",
        config.to_str().unwrap(),
        "list",
        "-q",
        "is:campaign",
        "-f",
        "ids",
        dir.to_str().unwrap(),
    ]);
    assert!(out.lines().count() < 4, "{out}");
    std::fs::write(&config, "similarity_threshold = 7\n").unwrap();
    let out = s.run(&["--lang", "en", "--config", config.to_str().unwrap(), "list"]);
    let err = crate::util::stderr(&out);
    assert!(
        err.contains("config.toml:1: similarity_threshold must be above 0 and at most 1, not 7"),
        "{err}"
    );
}

fn viewer_on(lang: Lang, dir: &Path) -> Viewer {
    let mut s = settings(lang);
    s.origin = Origin::Paths(vec![dir.to_path_buf()]);
    Viewer::with(s, None)
}

#[test]
fn the_detail_of_a_pending_copy_shows_the_answer_already_published_and_the_campaign() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = dossier(tmp.path());
    let mut v = viewer_on(Lang::Fr, &dir);
    v.select("17-20001QE");
    let screen = v.screen(120, 40);
    assert!(
        screen.contains("Réponse déjà publiée pour une question proche\u{a0}: 17-13809QE (12 mai"),
        "{screen}"
    );
    insta::assert_snapshot!("answered_elsewhere_120x40", screen);
    // Further down: the related question's answer, readable in place, and the list.
    v.press("<Enter>");
    let mut seen = String::new();
    for _ in 0..12 {
        seen.push_str(&v.screen(120, 40));
        v.press("<PageDown>");
    }
    assert!(
        seen.contains("Réponse à la question proche 17-13809QE"),
        "{seen}"
    );
    assert!(
        seen.contains("Créée en 2004, l'association Asalée"),
        "{seen}"
    );
    assert!(seen.contains("Questions proches (3)"), "{seen}");
    assert!(seen.contains("17-20002QE · texte proche ·"), "{seen}");
}

#[test]
fn r_lists_the_related_questions_and_goes_to_the_one_chosen_even_when_filtered_out() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = dossier(tmp.path());
    let mut v = viewer_on(Lang::En, &dir);
    v.select("17-20001QE");
    v.press("r");
    let screen = v.screen(120, 40);
    assert!(
        screen.contains("Questions related to 17-20001QE"),
        "{screen}"
    );
    assert!(
        screen.contains("17-13809QE · Mme Sylvie Bonnet"),
        "{screen}"
    );
    insta::assert_snapshot!("related_picker_en_120x40", screen);
    v.press("Bonnet<Enter>");
    assert_eq!(v.selected().as_deref(), Some("17-13809QE"));
    // Filtered out (answered questions hidden): the filter becomes similar:, which shows it.
    v.press("u");
    v.select("17-20002QE");
    v.press("rSylvie<Enter>");
    assert_eq!(v.selected().as_deref(), Some("17-13809QE"));
    assert_eq!(v.app.filter.text(), "similar:17-20002QE");
    assert_eq!(v.shown().len(), 4);
    // A question with no related one: said.
    v.press("/<C-u><Enter>");
    v.select("17-13811QE");
    v.press("r");
    assert!(v.app.layers.is_empty());
    assert_eq!(
        v.app.message.as_ref().map(|m| m.text.as_str()),
        Some("no related question")
    );
}

#[test]
fn c_groups_the_list_by_campaign_and_space_opens_one() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = dossier(tmp.path());
    let mut v = viewer_on(Lang::Fr, &dir);
    assert_eq!(v.shown().len(), 8);
    v.press("C");
    // One row for the campaign, the four others as they are.
    assert_eq!(v.shown().len(), 5);
    let screen = v.screen(200, 50);
    assert!(
        screen.contains("[par campagne\u{a0}: ×questions"),
        "{screen}"
    );
    assert!(
        screen.contains("▸ ×4 ○3 ✓1 · Avenir des salariés"),
        "{screen}"
    );
    insta::assert_snapshot!("grouped_200x50", screen);
    // The counts still speak of every question shown.
    assert!(screen.contains("8 questions"), "{screen}");
    let row = v
        .app
        .hits
        .iter()
        .position(|h| v.app.campaign_rows.contains_key(&h.index))
        .unwrap();
    v.press("g");
    for _ in 0..row {
        v.press("j");
    }
    v.press(" ");
    assert_eq!(v.shown().len(), 8);
    let screen = v.screen(200, 50);
    assert!(screen.contains("▾ ×4"), "{screen}");
    assert!(screen.contains("├ Avenir des salariés"), "{screen}");
    assert!(screen.contains("└ Avenir des salariés"), "{screen}");
    v.press(" ");
    assert_eq!(v.shown().len(), 5);
    // Filters apply within: pending only, the campaign is its three pending copies.
    v.press("u");
    let screen = v.screen(200, 50);
    assert!(screen.contains("×3 ○3 ✓0"), "{screen}");
    // An export of what is shown holds every question, not one per campaign.
    v.app.export_dir = tmp.path().join("out");
    std::fs::create_dir_all(&v.app.export_dir).unwrap();
    v.press("e<Enter><Enter>");
    let csv = std::fs::read_dir(&v.app.export_dir)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let rows = std::fs::read_to_string(csv).unwrap().lines().count() - 1;
    assert_eq!(rows, 6);
    // Back to the plain list.
    v.press("C");
    assert_eq!(v.shown().len(), 6);
    assert!(v.app.campaign_rows.is_empty());
}

#[test]
fn in_a_named_dossier_the_answer_given_to_another_deputy_of_the_library_is_still_found() {
    let s = Sandbox::new();
    let dir = dossier(&s.path("docs"));
    s.ok(&["import", dir.to_str().unwrap()]);
    s.ok(&["dossiers", "add", "martin", "auteur:martin"]);
    let ids = s.ok(&[
        "-d",
        "martin",
        "list",
        "-q",
        "is:answered-elsewhere",
        "-f",
        "ids",
    ]);
    assert_eq!(ids, "17-20001QE\n");
    let records: Vec<Value> = serde_json::from_str(&s.ok(&["-d", "martin", "export"])).unwrap();
    assert_eq!(records.len(), 1);
    let related: Vec<&str> = records[0]["related"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert!(related.contains(&"17-13809QE"), "{related:?}");
    // In the viewer: the answer in place, the others marked outside the dossier.
    let mut set = settings(Lang::Fr);
    set.origin = Origin::Library {
        dir: s.path("data/dossier/library"),
        dossier: Some("martin".into()),
    };
    let mut v = Viewer::with(set, None);
    assert_eq!(v.shown(), ["17-20001QE"]);
    let mut seen = String::new();
    v.press("<Enter>");
    for _ in 0..12 {
        seen.push_str(&v.screen(120, 40));
        v.press("<PageDown>");
    }
    assert!(
        seen.contains("Réponse déjà publiée pour une question proche"),
        "{seen}"
    );
    assert!(
        seen.contains("Créée en 2004, l'association Asalée"),
        "{seen}"
    );
    assert!(seen.contains("hors de ce dossier"), "{seen}");
    v.press("<Esc>rBonnet<Enter>");
    let message = v
        .app
        .message
        .as_ref()
        .map(|m| m.text.clone())
        .unwrap_or_default();
    assert!(
        message.contains("17-13809QE est hors de ce dossier"),
        "{message}"
    );
}

#[test]
fn a_question_both_alike_and_answered_with_the_same_text_is_listed_once() {
    let s = Sandbox::new();
    let dir = s.path("docs");
    crate::util::copy_assets(&dir);
    // A copy of 17-13809QE, answered with the same text.
    let twin = original()
        .replace("13809", "20009")
        .replace("Mme Sylvie Bonnet", "M. Paul Martin");
    std::fs::write(dir.join("twin.md"), twin).unwrap();
    let records: Vec<Value> =
        serde_json::from_str(&s.ok(&["export", dir.to_str().unwrap()])).unwrap();
    let twin = records.iter().find(|r| r["id"] == "17-20009QE").unwrap();
    let related = twin["related"].as_array().unwrap();
    assert_eq!(related.len(), 1, "{related:?}");
    assert_eq!(related[0]["id"], "17-13809QE");
    // Its strongest relation: identical texts, and identical answers, both at 1.
    assert_eq!(related[0]["similarity"], 1.0);
    let csv = s.ok(&[
        "list",
        "-q",
        "similar:20009",
        "-f",
        "csv",
        dir.to_str().unwrap(),
    ]);
    assert!(csv.lines().skip(1).all(|l| l.ends_with(",1")), "{csv}");
}
