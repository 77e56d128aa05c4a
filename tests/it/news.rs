//! `dossier news`: what is new in a dossier since you last looked, or since a day, grouped
//! and dated, in text, Markdown and JSON, in both languages; the last look kept per writer
//! beside the review store, moved by a look and not by `--since`. The viewer opens on the
//! same news when something happened since the last visit; each line leads to its
//! question, Esc leaves, `i` shows it again.

use crate::tui::Viewer;
use crate::util::{fixture, Sandbox};
use dossier::tui::app::layers::OverlayKind;
use dossier::tui::panes::Pane;
use dossier_core::i18n::Lang;
use dossier_core::library::Origin;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// A generated corpus of 200 questions (its 17th legislature's archive), made once.
fn corpus() -> &'static PathBuf {
    static DIR: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    &DIR.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("corpus");
        dossier_corpus::generate_with(&root, 200, 21, dossier_corpus::Format::Zip).unwrap();
        (dir, root)
    })
    .1
}

/// A sandbox whose library holds the corpus.
fn library() -> Sandbox {
    let s = Sandbox::new();
    s.ok(&["import", corpus().to_str().unwrap()]);
    s
}

/// The corpus has news of every kind between 10 March and 20 May 2026.
const TODAY: &str = "2026-05-20";
const SINCE: &str = "2026-03-10";

/// Alice's record of her looks, beside the review files.
fn seen_file(s: &Sandbox) -> PathBuf {
    std::fs::read_dir(s.path("data/dossier/reviews"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            name.starts_with("alice@") && name.ends_with(".news-seen")
        })
        .expect("a record of alice's looks")
}

fn news(s: &Sandbox, args: &[&str]) -> String {
    let mut all = vec!["--today", TODAY, "news"];
    all.extend_from_slice(args);
    s.ok(&all)
}

#[test]
fn news_since_a_day_in_every_format_and_both_languages() {
    let s = library();
    insta::assert_snapshot!("news_text_fr", news(&s, &["--since", SINCE]));
    insta::assert_snapshot!(
        "news_text_en",
        news(&s, &["--since", SINCE, "--lang", "en"])
    );
    insta::assert_snapshot!("news_md_fr", news(&s, &["--since", SINCE, "-f", "md"]));
    insta::assert_snapshot!(
        "news_md_en",
        news(&s, &["--since", SINCE, "-f", "md", "--lang", "en"])
    );
    let json = news(&s, &["--since", SINCE, "-f", "json"]);
    let doc: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(doc["since"], "asked");
    assert_eq!(doc["day"], SINCE);
    let groups: Vec<&str> = doc["sections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["group"].as_str().unwrap())
        .collect();
    assert_eq!(
        groups,
        ["answered", "closed", "ministry", "signaled", "joined", "overdue", "due_soon"]
    );
    insta::assert_snapshot!("news_json", json);
}

/// `news` on 18 May 2026 (a question was published on the 12th).
fn look(s: &Sandbox, args: &[&str]) -> String {
    let mut all = vec!["--today", "2026-05-18", "news"];
    all.extend_from_slice(args);
    s.ok(&all)
}

#[test]
fn the_last_look_moves_with_each_look_per_writer_and_not_with_since() {
    let s = library();
    let first = look(&s, &[]);
    assert!(
        first.contains("Sur les sept derniers jours, depuis le 11 mai 2026."),
        "{first}"
    );
    assert!(first.contains("Nouvelles questions (1)"), "{first}");
    // Looked at: the same day again tells only the coming deadlines.
    let again = look(&s, &[]);
    assert!(
        again.contains("Depuis votre dernière consultation, le 18 mai 2026."),
        "{again}"
    );
    assert!(!again.contains("Nouvelles questions"), "{again}");
    assert!(
        again.contains("Échéances des sept prochains jours"),
        "{again}"
    );
    // A colleague has not looked.
    let bob = look(&s, &["--writer", "bob@pc"]);
    assert!(bob.contains("Sur les sept derniers jours"), "{bob}");
    // --since shows and leaves the last look where it was.
    let seen = seen_file(&s);
    let before = std::fs::read(&seen).unwrap();
    s.ok(&["--today", "2026-06-30", "news", "--since", "2026-06-01"]);
    assert_eq!(std::fs::read(&seen).unwrap(), before);
    // Weeks later, the news runs from the day after the last look.
    let later = s.ok(&["--today", "2026-06-30", "news"]);
    assert!(
        later.contains("Depuis votre dernière consultation, le 18 mai 2026."),
        "{later}"
    );
    assert!(later.contains("Réponses publiées"), "{later}");
    assert!(
        !later.contains("17/04/2026"),
        "nothing before the window: {later}"
    );
}

#[test]
fn a_named_dossier_tells_the_news_of_its_questions_only() {
    let s = library();
    s.ok(&["dossiers", "add", "transports", "ministere:transports"]);
    let all = news(&s, &["--since", SINCE]);
    let one = news(&s, &["-d", "transports", "--since", SINCE]);
    assert!(
        one.starts_with("Nouveautés du dossier «\u{a0}transports\u{a0}»"),
        "{one}"
    );
    assert!(one.lines().count() < all.lines().count(), "{one}");
    // Its own last look, apart from the library's.
    news(&s, &["-d", "transports"]);
    let library_again = news(&s, &[]);
    assert!(
        library_again.contains("Sur les sept derniers jours"),
        "{library_again}"
    );
}

#[test]
fn the_news_of_the_sample_name_the_sample_not_the_library() {
    let s = Sandbox::new();
    let fr = news(&s, &["--since", SINCE]);
    assert!(fr.starts_with("Nouveautés du dossier d'exemple\n"), "{fr}");
    let en = news(&s, &["--since", SINCE, "--lang", "en", "-f", "md"]);
    assert!(en.starts_with("# News of the sample dossier\n"), "{en}");
}

#[test]
fn hostile_titles_reach_neither_the_terminal_nor_the_memo_raw() {
    let s = Sandbox::new();
    let text = std::fs::read_to_string(fixture("opendata/QANR5L17QE101.json")).unwrap();
    let mut q: Value = serde_json::from_str(&text).unwrap();
    let title = "Titre \u{1b}]52;c;aGFjaw==\u{7} | piège\u{202e}";
    q["question"]["indexationAN"]["analyses"]["analyse"] = serde_json::json!([title]);
    let dir = s.path("in");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("QANR5L17QE101.json"), q.to_string()).unwrap();
    s.ok(&["import", dir.to_str().unwrap()]);
    for format in ["text", "md", "json"] {
        let out = s.ok(&["news", "--since", "2026-01-01", "-f", format]);
        assert!(out.contains("17-101QE"), "{out}");
        assert!(
            !out.contains('\u{1b}') && !out.contains('\u{7}') && !out.contains('\u{202e}'),
            "{format}: {out:?}"
        );
    }
    let md = s.ok(&["news", "--since", "2026-01-01", "-f", "md"]);
    assert!(md.contains("\\| piège"), "{md}");
}

#[test]
fn a_damaged_record_of_looks_is_said_and_kept() {
    let s = library();
    let reviews = s.path("data/dossier/reviews");
    std::fs::create_dir_all(&reviews).unwrap();
    let seen = reviews.join("alice@pc.news-seen");
    std::fs::write(&seen, "{ not json").unwrap();
    let out = s.run(&["--today", TODAY, "--writer", "alice@pc", "news"]);
    assert_eq!(out.status.code(), Some(0));
    let said = crate::util::stderr(&out);
    assert!(said.contains("illisible"), "{said}");
    assert!(said.contains("n'a pas pu être enregistrée"), "{said}");
    assert!(crate::util::stdout(&out).contains("Sur les sept derniers jours"));
    assert_eq!(std::fs::read_to_string(&seen).unwrap(), "{ not json");
}

/// The viewer on the corpus on 18 May 2026 (a question published on the 12th, two
/// deadlines on the 24th), its review file (and so its record of visits) at `review`.
fn viewer(lang: Lang, review: &Path) -> Viewer {
    let mut settings = crate::tui::settings(lang);
    settings.today = chrono::NaiveDate::from_ymd_opt(2026, 5, 18).unwrap();
    settings.origin = Origin::Paths(vec![corpus().clone()]);
    Viewer::with(settings, Some(review))
}

fn news_open(v: &Viewer) -> Option<usize> {
    v.app
        .layers
        .overlay()
        .filter(|o| o.kind == OverlayKind::News)
        .map(|o| o.selected)
}

#[test]
fn the_viewer_opens_on_what_is_new_at_three_sizes() {
    let dir = tempfile::tempdir().unwrap();
    let review = dir.path().join("reviews.json");
    let mut v = viewer(Lang::Fr, &review);
    assert_eq!(news_open(&v), Some(0), "shown first");
    insta::assert_snapshot!("news_overlay_80x24", v.screen(80, 24));
    insta::assert_snapshot!("news_overlay_120x40", v.screen(120, 40));
    insta::assert_snapshot!("news_overlay_200x50", v.screen(200, 50));
    let dir = tempfile::tempdir().unwrap();
    let mut en = viewer(Lang::En, &dir.path().join("reviews.json"));
    insta::assert_snapshot!("news_overlay_en_120x40", en.screen(120, 40));
}

#[test]
fn each_line_leads_to_its_question_and_i_shows_the_news_again() {
    let dir = tempfile::tempdir().unwrap();
    let review = dir.path().join("reviews.json");
    let mut v = viewer(Lang::Fr, &review);
    // Down to the second item (the first deadline of the 24th), then Enter.
    v.press("j");
    assert_eq!(news_open(&v), Some(1));
    v.press("<Enter>");
    assert_eq!(news_open(&v), None, "Enter leaves the window");
    assert_eq!(v.selected().as_deref(), Some("17-56QE"));
    assert_eq!(v.app.focus, Pane::Detail, "read in the detail");
    // i shows it again, at its top; Esc leaves it; i again, and i closes it.
    v.press("i");
    assert_eq!(news_open(&v), Some(0));
    v.press("<Esc>");
    assert_eq!(news_open(&v), None);
    v.press("ii");
    assert_eq!(news_open(&v), None);
    // A question the filter hides: the filter is cleared to show it.
    v.press("/auteur:brunet<Enter>");
    assert!(!v.shown().is_empty() && !v.shown().contains(&"17-57QE".to_string()));
    v.press("iG<Enter>");
    assert_eq!(v.app.filter.text(), "");
    assert_eq!(v.selected().as_deref(), Some("17-57QE"));
    assert!(v.shown().len() > 100, "the whole dossier");
}

#[test]
fn the_next_visit_the_same_day_opens_on_the_list_and_i_tells_since_when() {
    let dir = tempfile::tempdir().unwrap();
    let review = dir.path().join("reviews.json");
    let first = viewer(Lang::Fr, &review);
    assert!(news_open(&first).is_some());
    drop(first);
    let mut v = viewer(Lang::Fr, &review);
    assert_eq!(
        news_open(&v),
        None,
        "nothing happened since: the list first"
    );
    v.press("i");
    let screen = v.screen(120, 40);
    assert!(
        screen.contains("Depuis votre dernière consultation, le 18 mai 2026."),
        "{screen}"
    );
    assert!(
        screen.contains("Échéances des sept prochains jours (2)"),
        "{screen}"
    );
    assert!(!screen.contains("Nouvelles questions"), "{screen}");
}

#[test]
fn the_news_key_is_in_the_help_in_both_languages() {
    for (lang, words) in [
        (Lang::Fr, "nouveautés depuis votre dernière visite"),
        (Lang::En, "what is new since your last visit"),
    ] {
        let mut v = crate::tui::Viewer::new(lang);
        v.press("?");
        let mut all = String::new();
        for _ in 0..10 {
            all.push_str(&v.screen(200, 50));
            v.press("<PageDown>");
        }
        let line = all
            .lines()
            .find(|l| l.contains(words))
            .unwrap_or_else(|| panic!("{all}"));
        assert!(line.contains(" i "), "{line}");
    }
}

#[test]
fn an_answer_an_import_brings_after_the_last_look_is_news_whatever_its_date() {
    use crate::update::archives;
    let s = Sandbox::new();
    // Imports are dated by the clock: today is today.
    let today = chrono::Local::now().date_naive().to_string();
    let news = |s: &Sandbox| s.ok(&["--today", &today, "news"]);
    let archive = |day: u32| {
        let dir = s.path(&format!("day{day}"));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("Questions_ecrites.json.zip");
        std::fs::write(&file, archives::qe(day)).unwrap();
        file.display().to_string()
    };
    s.ok(&["import", &archive(1)]);
    let first = news(&s);
    assert!(first.contains("Sur les sept derniers jours"), "{first}");
    let again = news(&s);
    assert!(!again.contains("Réponses publiées"), "{again}");
    // The next archive holds an answer published weeks before today.
    s.ok(&["import", &archive(2)]);
    let id = archives::answered_on_day_two();
    let after = news(&s);
    assert!(after.contains("Réponses publiées (1)"), "{after}");
    let line = after.lines().find(|l| l.contains(&id)).unwrap();
    let shown_today = chrono::Local::now().format("%d/%m/%Y").to_string();
    assert!(!line.contains(&shown_today), "dated as published: {line}");
    // Told once: the next look has nothing new.
    let later = news(&s);
    assert!(!later.contains("Réponses publiées"), "{later}");
}
