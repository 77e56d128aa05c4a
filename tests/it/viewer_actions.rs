//! What a staffer does from the viewer beyond reading: switching dossier in the library,
//! saving the filter as a dossier or a view, exporting what is shown, marking all shown
//! reviewed, opening a question's page or source. Driven by keys on the TestBackend, the
//! effects run by the harness of [`crate::tui`].

use crate::tui::{settings, Viewer};
use crate::util::assets;
use dossier::tui::external::External;
use dossier_core::i18n::Lang;
use dossier_core::library::dossiers::NamedDossier;
use dossier_core::library::{Library, Origin};
use dossier_core::views::Views;
use std::path::{Path, PathBuf};

/// A library holding the sample's questions, with the named dossiers given.
fn library(dir: &Path, dossiers: &[(&str, &str)]) -> Library {
    let library = Library::at(dir);
    library
        .import(
            &[assets()],
            None,
            "2026-11-22T09:00:00Z",
            &dossier_core::related::Config::default(),
        )
        .unwrap();
    library
        .change_dossiers(|all| {
            for (name, query) in dossiers {
                all.put(NamedDossier::new(name, query)?);
            }
            Ok(())
        })
        .unwrap()
        .unwrap();
    library
}

/// A viewer on the library in `dir` (the named dossier, or all), exporting into `out`.
fn on_library(lang: Lang, dir: &Path, dossier: Option<&str>, out: &Path) -> Viewer {
    let mut s = settings(lang);
    s.origin = Origin::Library {
        dir: dir.to_path_buf(),
        dossier: dossier.map(str::to_string),
    };
    s.export_dir = out.to_path_buf();
    Viewer::with(s, None)
}

/// A viewer on the sample, its saved views in `views` and exports in `out`.
fn on_sample(lang: Lang, views: &Path, out: &Path) -> Viewer {
    let mut s = settings(lang);
    s.views_file = Some(views.to_path_buf());
    s.export_dir = out.to_path_buf();
    Viewer::with(s, None)
}

#[test]
fn the_switcher_lists_the_library_and_its_dossiers_and_opens_the_one_typed() {
    let tmp = tempfile::tempdir().unwrap();
    library(
        tmp.path(),
        &[
            ("asalee", "asalee statut:attente"),
            ("bretagne", "auteur:le fur"),
        ],
    );
    let mut v = on_library(Lang::Fr, tmp.path(), None, tmp.path());
    assert_eq!(v.shown().len(), 5);
    v.press("D");
    let screen = v.screen(120, 40);
    assert!(screen.contains("Changer de dossier"), "{screen}");
    assert!(
        screen.contains("(toute la bibliothèque) · ouvert"),
        "{screen}"
    );
    assert!(
        screen.contains("asalee   asalee statut:attente"),
        "{screen}"
    );
    insta::assert_snapshot!("switcher_120x40", screen);
    // Typing narrows the choices (fuzzy); Enter opens the one selected.
    v.press("asl");
    let screen = v.screen(80, 24);
    assert!(screen.contains("▸ asalee"), "{screen}");
    assert!(!screen.contains("bretagne"), "{screen}");
    insta::assert_snapshot!("switcher_typed_80x24", screen);
    v.press("<Enter>");
    assert_eq!(
        v.app.origin,
        Origin::Library {
            dir: tmp.path().to_path_buf(),
            dossier: Some("asalee".into())
        }
    );
    assert!(v.app.layers.is_empty());
    let shown = v.shown();
    assert_eq!(shown, ["17-16300QE", "17-13985QE", "17-13811QE"]);
    let screen = v.screen(120, 40);
    assert!(
        screen.contains("┌ asalee "),
        "the list is titled by the dossier:\n{screen}"
    );
    // Nothing typed that matches: said, and Enter does nothing.
    v.press("Dzzzz");
    assert!(v.screen(120, 40).contains("rien ne correspond"));
    v.press("<Enter><Esc>");
    assert!(v.app.layers.is_empty());
    assert_eq!(v.shown(), shown);
}

#[test]
fn each_dossier_keeps_its_own_review_marks_across_switches() {
    let tmp = tempfile::tempdir().unwrap();
    library(tmp.path(), &[("batho", "batho")]);
    let mut v = on_library(Lang::Fr, tmp.path(), None, tmp.path());
    v.select("17-13809QE");
    v.press("x");
    assert!(
        v.app.review.is_reviewed("17-13809QE"),
        "{:?} {:?}",
        v.app.message,
        v.app.review.read_only_reason()
    );
    // To the named dossier: its marks are its own.
    v.press("Dbatho<Enter>");
    assert_eq!(v.shown(), ["16-16353QE"]);
    v.press("x");
    assert!(v.app.review.is_reviewed("16-16353QE"));
    assert!(!v.app.review.is_reviewed("17-13809QE"));
    // And back: the whole library's marks are there, the dossier's are not.
    v.press("D<Home>");
    v.press("<C-p><C-p><Enter>");
    assert_eq!(v.shown().len(), 5);
    assert!(v.app.review.is_reviewed("17-13809QE"));
    assert!(!v.app.review.is_reviewed("16-16353QE"));
}

#[test]
fn saving_the_filter_in_the_library_makes_a_named_dossier_within_the_one_open() {
    let tmp = tempfile::tempdir().unwrap();
    let lib = library(tmp.path(), &[("sante", "rubrique:santé")]);
    let mut v = on_library(Lang::Fr, tmp.path(), Some("sante"), tmp.path());
    let within = v.shown().len();
    v.press("u");
    v.press("V");
    let screen = v.screen(120, 40);
    assert!(
        screen.contains("Enregistrer le filtre comme dossier — nom"),
        "{screen}"
    );
    v.press("sante/attente<Enter>");
    // A name with a slash is refused in the prompt, which stays open.
    let error = v.app.layers.prompt().and_then(|p| p.error.clone());
    assert!(error.is_some(), "{:?}", v.app.layers.prompt());
    v.press("<C-w>sante-attente<Enter>");
    assert!(v.app.layers.is_empty(), "{:?}", v.app.layers.prompt());
    let saved = lib.dossiers().unwrap();
    let d = saved.get("sante-attente").expect("the new dossier");
    assert_eq!(d.query, "rubrique:santé statut:attente");
    let message = v.app.message.as_ref().unwrap().text.clone();
    assert!(message.contains("sante-attente"), "{message}");
    // Opened, it shows what was shown when saved.
    let shown = v.shown();
    let mut w = on_library(Lang::Fr, tmp.path(), Some("sante-attente"), tmp.path());
    assert_eq!(w.shown(), shown);
    assert!(shown.len() <= within);
    // An empty filter has nothing to save.
    w.press("V");
    assert!(w.app.layers.is_empty());
}

#[test]
fn outside_the_library_the_filter_is_saved_as_a_view_and_applied_again() {
    let tmp = tempfile::tempdir().unwrap();
    let views = tmp.path().join("views/sample.json");
    let mut v = on_sample(Lang::En, &views, tmp.path());
    v.press("D");
    assert!(v.screen(80, 24).contains("no view yet"));
    v.press("<Esc>/batho<Enter>S");
    v.press("V");
    assert!(v
        .screen(120, 40)
        .contains("Save the filter as a view — name"));
    v.press("Batho's<Enter>");
    let saved = Views::read(&views).unwrap();
    assert_eq!(saved.views.len(), 1);
    assert_eq!(saved.views[0].query, "batho");
    // Cleared, then applied from the picker.
    v.press("/<C-w><Enter>");
    assert_eq!(v.shown().len(), 5);
    v.press("D");
    let screen = v.screen(120, 40);
    assert!(screen.contains("Saved views"), "{screen}");
    assert!(screen.contains("Batho's   batho"), "{screen}");
    v.press("<Enter>");
    assert_eq!(v.shown(), ["16-16353QE"]);
    assert_eq!(v.app.filter.text(), "batho");
}

/// The file an export was written to, from the viewer's message.
fn exported(dir: &Path, ext: &str) -> PathBuf {
    let files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == ext))
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    files[0].clone()
}

#[test]
fn exporting_what_is_shown_writes_the_format_chosen_and_asks_before_replacing() {
    let tmp = tempfile::tempdir().unwrap();
    let mut v = on_sample(Lang::Fr, &tmp.path().join("v.json"), tmp.path());
    v.press("u");
    let pending = v.shown();
    assert_eq!(pending.len(), 3);
    v.press("e");
    let screen = v.screen(120, 40);
    assert!(
        screen.contains("Exporter 3 questions affichées — format"),
        "{screen}"
    );
    assert!(screen.contains("CSV (tableur)"), "{screen}");
    insta::assert_snapshot!("export_formats_120x40", screen);
    // CSV, to the file proposed.
    v.press("<Enter>");
    let proposed = v.app.layers.prompt().unwrap().input.text().to_string();
    assert!(proposed.ends_with("dossier-2026-11-22.csv"), "{proposed}");
    v.press("<Enter>");
    let csv = exported(tmp.path(), "csv");
    let text = std::fs::read_to_string(&csv).unwrap();
    assert_eq!(text.lines().count(), 1 + pending.len(), "{text}");
    for id in &pending {
        assert!(text.contains(id.as_str()), "{id} in {text}");
    }
    let message = v.app.message.as_ref().unwrap().text.clone();
    assert!(message.contains("3 questions"), "{message}");
    // Again: the file exists, the viewer asks; no keeps it and goes back to its name, kept,
    // to choose another; yes replaces it.
    std::fs::write(&csv, "mine").unwrap();
    v.press("e<Enter><Enter>");
    let screen = v.screen(120, 40);
    assert!(screen.contains("existe. Le remplacer"), "{screen}");
    v.press("n");
    assert!(v.app.layers.confirm().is_none());
    assert_eq!(std::fs::read_to_string(&csv).unwrap(), "mine");
    let kept = v.app.layers.prompt().map(|p| p.input.text().to_string());
    assert_eq!(kept.as_deref(), Some(proposed.as_str()));
    let screen = v.screen(120, 40);
    assert!(screen.contains("Exporter en CSV"), "{screen}");
    // Another name: written there, the first file left alone.
    v.press("<Backspace><Backspace><Backspace>txt<Enter>");
    let other = tmp.path().join("dossier-2026-11-22.txt");
    assert_eq!(std::fs::read_to_string(&other).unwrap(), text);
    assert_eq!(std::fs::read_to_string(&csv).unwrap(), "mine");
    std::fs::remove_file(&other).unwrap();
    v.press("e<Enter><Enter>o");
    assert_eq!(std::fs::read_to_string(&csv).unwrap(), text);
    // JSON: full records, as many as shown.
    v.press("e<C-n><C-n><Enter>");
    let path = v.app.layers.prompt().unwrap().input.text().to_string();
    assert!(path.ends_with(".json"), "{path}");
    v.press("<Enter>");
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(exported(tmp.path(), "json")).unwrap())
            .unwrap();
    assert_eq!(json.as_array().map(Vec::len), Some(3), "{json}");
    // The memo, picked by typing, to a file named by the user.
    v.press("emem<Enter><C-u>");
    let memo = tmp.path().join("mémo.md");
    v.press(&format!("{}<Enter>", memo.display()));
    let text = std::fs::read_to_string(&memo).unwrap();
    assert!(text.starts_with('#'), "{text}");
    // An empty file name is refused in the prompt.
    v.press("e<Enter><C-e><C-u><Enter>");
    assert!(v.app.layers.prompt().is_some_and(|p| p.error.is_some()));
    v.press("<Esc>");
    assert!(v.app.layers.is_empty());
}

#[test]
fn an_export_that_cannot_be_written_is_said() {
    let tmp = tempfile::tempdir().unwrap();
    let mut v = on_sample(Lang::En, &tmp.path().join("v.json"), tmp.path());
    v.press("e<Enter><C-u>/proc/no/such/dir/x.csv<Enter>");
    let message = v.app.message.clone().unwrap();
    assert!(
        message.text.contains("/proc/no/such/dir/x.csv"),
        "{message:?}"
    );
    assert_eq!(message.kind, dossier::tui::app::MessageKind::Warning);
}

#[test]
fn x_marks_every_question_shown_reviewed_after_asking() {
    let tmp = tempfile::tempdir().unwrap();
    let mut v = on_sample(Lang::Fr, &tmp.path().join("v.json"), tmp.path());
    v.press("u");
    v.press("X");
    let screen = v.screen(80, 24);
    assert!(
        screen.contains("Marquer 3 questions affichées comme revues\u{a0}? o / n"),
        "{screen}"
    );
    insta::assert_snapshot!("mark_shown_80x24", screen);
    v.press("n");
    assert!(v.shown().iter().all(|id| !v.app.review.is_reviewed(id)));
    v.press("Xo");
    assert!(v.shown().iter().all(|id| v.app.review.is_reviewed(id)));
    let on_disk = crate::review::on_disk(&v.app.review.path());
    for id in v.shown() {
        assert!(on_disk.contains(&id), "{id} saved");
    }
    // Those not shown are left alone.
    v.press("u");
    let answered: Vec<_> = v
        .shown()
        .into_iter()
        .filter(|id| !v.app.review.is_reviewed(id))
        .collect();
    assert_eq!(answered.len(), 2);
    // Nothing left to mark among the pending: said, no question asked.
    v.press("uX");
    assert!(v.app.layers.confirm().is_none());
}

#[test]
fn w_p_and_e_open_the_page_the_source_and_the_editor() {
    let tmp = tempfile::tempdir().unwrap();
    let mut v = on_sample(Lang::Fr, &tmp.path().join("v.json"), tmp.path());
    v.select("17-13809QE");
    v.press("wpE");
    let i = v.app.selected_index().unwrap();
    let source = v.app.dossier.question(i).unwrap().source.clone();
    assert_eq!(
        v.ran,
        [
            External::Browser(
                "https://www.assemblee-nationale.fr/dyn/17/questions/QANR5L17QE13809".into()
            ),
            External::Pager(source.clone()),
            External::Editor(source),
        ]
    );
}

#[test]
fn a_sample_question_s_source_is_found_again_as_a_file_to_read() {
    let v = Viewer::new(Lang::Fr);
    let q = &v.app.dossier.held().unwrap()[0];
    let (path, copy) = dossier::tui::external::source_file(&q.source).unwrap();
    assert!(copy, "the sample is built in: read from a copy");
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(&q.number.to_string()), "{text}");
}

#[test]
fn prompts_speak_english_with_english_typography() {
    let tmp = tempfile::tempdir().unwrap();
    let mut v = on_sample(Lang::En, &tmp.path().join("v.json"), tmp.path());
    v.press("e");
    let screen = v.screen(80, 24);
    assert!(
        screen.contains("Export 5 questions shown — format"),
        "{screen}"
    );
    assert!(
        screen.contains("type to filter · ↑↓ choose · Enter accept · Esc cancel"),
        "{screen}"
    );
    insta::assert_snapshot!("export_formats_en_80x24", screen);
    v.press("<Esc>X");
    let screen = v.screen(200, 50);
    assert!(
        screen.contains("Mark 5 questions shown reviewed? y / n"),
        "{screen}"
    );
    assert!(!screen.contains("reviewed ?"), "{screen}");
    v.press("y");
    assert_eq!(
        v.app.message.as_ref().map(|m| m.text.as_str()),
        Some("5 questions marked reviewed")
    );
}

#[test]
fn a_program_that_cannot_be_found_is_said_in_the_user_s_language() {
    let v = Viewer::new(Lang::Fr);
    let source = v.app.dossier.held().unwrap()[0].source.clone();
    // Only this test runs external programs: the variable is its own.
    std::env::set_var("VISUAL", "dossier-no-such-editor");
    let mut handed = Vec::new();
    let ran = dossier::tui::external::run(&External::Editor(source), &mut |away| handed.push(away));
    std::env::remove_var("VISUAL");
    assert!(ran.is_err(), "{ran:?}");
    let (why, _) = dossier::tui::words::outcomes::ran(Lang::Fr, &ran).unwrap();
    assert!(why.contains("programme introuvable"), "{why}");
    assert_eq!(
        handed,
        [true, false],
        "the terminal given away and taken back"
    );
}

#[test]
fn the_detail_says_a_question_lapsed_with_its_legislature() {
    let tmp = tempfile::tempdir().unwrap();
    crate::util::copy_assets(tmp.path());
    let file = tmp.path().join("003_d03222e0d74a5826.txt");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(
        &file,
        text.replace("17ème législature", "16ème législature"),
    )
    .unwrap();
    let mut v = Viewer::on(Lang::Fr, vec![tmp.path().to_path_buf()], None);
    v.select("16-16300QE");
    let screen = v.screen(120, 40);
    assert!(
        screen.contains("Caduque\u{a0}: restée sans réponse à la fin de la 16e législature"),
        "{screen}"
    );
    // Not in the review queue, not overdue.
    assert!(!v.app.is_to_review(v.app.selected_question().unwrap()));
    assert!(!v.app.dossier.timings[v.app.selected_index().unwrap()].is_overdue());
}

#[test]
fn saving_under_a_name_taken_asks_before_replacing() {
    let tmp = tempfile::tempdir().unwrap();
    let lib = library(tmp.path(), &[("suivi", "asalee")]);
    let mut v = on_library(Lang::Fr, tmp.path(), None, tmp.path());
    v.press("/batho<Enter>Vsuivi<Enter>");
    let screen = v.screen(120, 40);
    assert!(
        screen.contains("Le dossier «\u{a0}suivi\u{a0}» existe. Remplacer sa requête\u{a0}? o / n"),
        "{screen}"
    );
    v.press("n");
    assert_eq!(
        lib.dossiers().unwrap().get("suivi").unwrap().query,
        "asalee"
    );
    v.press("Vsuivi<Enter>o");
    assert_eq!(lib.dossiers().unwrap().get("suivi").unwrap().query, "batho");
    // A view outside the library too.
    let views = tmp.path().join("views.json");
    let mut w = on_sample(Lang::En, &views, tmp.path());
    w.press("/batho<Enter>Vmine<Enter>/<C-u>asalee<Enter>Vmine<Enter>");
    assert!(w
        .screen(120, 40)
        .contains("The view 'mine' exists. Replace it? y / n"));
    w.press("y");
    assert_eq!(Views::read(&views).unwrap().views[0].query, "asalee");
}

#[test]
fn the_whole_library_shows_its_newest_questions_while_the_rest_loads() {
    use dossier::tui::action::Action;
    use dossier::tui::app::Shown;
    let tmp = tempfile::tempdir().unwrap();
    library(tmp.path(), &[("batho", "batho")]);
    let whole = Origin::Library {
        dir: tmp.path().to_path_buf(),
        dossier: None,
    };
    // The first page is the questions published last, whatever order they are stored in.
    let all = whole
        .load(&Default::default(), crate::util::today())
        .unwrap();
    let mut newest: Vec<_> = all.questions.iter().collect();
    newest.sort_by_key(|q| std::cmp::Reverse(q.published()));
    let page = whole.first_page(2, None).unwrap();
    let mut ids: Vec<&str> = page.questions.iter().map(|q| q.id.as_str()).collect();
    let mut expected: Vec<&str> = newest[..2].iter().map(|q| q.id.as_str()).collect();
    ids.sort_unstable();
    expected.sort_unstable();
    assert_eq!(ids, expected);
    // Only the whole library has one: a named dossier reads its own questions at once.
    let named = Origin::Library {
        dir: tmp.path().to_path_buf(),
        dossier: Some("batho".into()),
    };
    assert!(named.first_page(2, None).is_none());
    assert!(Origin::Sample.first_page(2, None).is_none());

    // Switched to the whole library, the viewer shows the first page as soon as it is read.
    let mut v = on_library(Lang::Fr, tmp.path(), Some("batho"), tmp.path());
    assert_eq!(v.shown(), ["16-16353QE"]);
    v.answer_loads = false;
    v.press("D<C-p><C-p><Enter>");
    assert_eq!(v.app.origin, whole);
    let load = v.held.pop().expect("the library's load asked for");
    let mut answers = v.perform(load).into_iter();
    let Some(Action::Preview(page)) = answers.next() else {
        panic!("the first page comes first");
    };
    let ids: Vec<String> = page.report.questions.iter().map(|q| q.id.clone()).collect();
    v.act(Action::Preview(page));
    assert_eq!(v.app.load.shown, Shown::Preview);
    let mut shown = v.shown();
    shown.sort_unstable();
    let mut ids = ids;
    ids.sort_unstable();
    assert_eq!(shown, ids);
    let screen = v.screen(120, 40);
    assert!(
        screen.contains("premières questions, chargement de la suite…"),
        "{screen}"
    );
    insta::assert_snapshot!("first_page_while_loading_120x40", screen);
    // What needs every question waits for them, and says so.
    v.press("e");
    assert!(v.app.layers.is_empty());
    let said = v.app.message.as_ref().map(|m| m.text.as_str());
    assert_eq!(
        said,
        Some("la bibliothèque se charge encore\u{a0}: réessayez dans un instant")
    );
    v.press("X");
    assert!(v.app.layers.is_empty());
    // Keys move in the page meanwhile; the whole library then takes its place, the
    // question chosen still chosen.
    v.press("j");
    let chosen = v.app.selected_id.clone();
    for action in answers {
        v.act(action);
    }
    assert_eq!(v.app.load.shown, Shown::Loaded);
    assert_eq!(v.shown().len(), all.questions.len());
    assert_eq!(v.app.selected_id, chosen);
    let screen = v.screen(120, 40);
    assert!(!screen.contains("chargement de la suite"), "{screen}");
    v.press("e");
    assert!(
        !v.app.layers.is_empty(),
        "the export opens once all is there"
    );
}

#[test]
fn the_first_page_speaks_english_too() {
    use dossier::tui::action::Action;
    let tmp = tempfile::tempdir().unwrap();
    library(tmp.path(), &[("batho", "batho")]);
    let mut v = on_library(Lang::En, tmp.path(), Some("batho"), tmp.path());
    v.answer_loads = false;
    v.press("D<C-p><C-p><Enter>");
    let load = v.held.pop().expect("the library's load asked for");
    let first = v.perform(load).into_iter().next();
    let Some(Action::Preview(page)) = first else {
        panic!("the first page comes first");
    };
    v.act(Action::Preview(page));
    let screen = v.screen(80, 24);
    assert!(
        screen.contains("first questions, loading the rest…"),
        "{screen}"
    );
    v.press("e");
    let said = v.app.message.as_ref().map(|m| m.text.as_str());
    assert_eq!(
        said,
        Some("the library is still loading: try again in a moment")
    );
}

#[test]
fn a_load_that_fails_after_its_first_page_leaves_no_page_passing_for_the_library() {
    use dossier::tui::action::Action;
    use dossier::tui::app::Shown;
    use dossier_core::library::OriginError;
    let tmp = tempfile::tempdir().unwrap();
    library(tmp.path(), &[("batho", "batho")]);
    let mut v = on_library(Lang::Fr, tmp.path(), Some("batho"), tmp.path());
    v.answer_loads = false;
    v.press("D<C-p><C-p><Enter>");
    let load = v.held.pop().expect("the library's load asked for");
    let Some(Action::Preview(page)) = v.perform(load).into_iter().next() else {
        panic!("the first page comes first");
    };
    let generation = page.generation;
    v.act(Action::Preview(page));
    assert!(!v.shown().is_empty());
    // Say the library was damaged in the meantime.
    let e = OriginError::UnknownDossier("disparu".into());
    v.act(Action::LoadFailed(generation, Box::new(e)));
    assert_eq!(v.app.load.shown, Shown::Nothing);
    assert!(v.shown().is_empty());
    let screen = v.screen(120, 40);
    assert!(!screen.contains("chargement de la suite"), "{screen}");
    assert!(screen.contains("disparu"), "{screen}");
}

#[test]
fn the_whole_library_is_held_as_rows_its_questions_read_when_shown_or_searched() {
    let tmp = tempfile::tempdir().unwrap();
    library(tmp.path(), &[]);
    let mut lib = on_library(Lang::Fr, tmp.path(), None, tmp.path());
    assert!(
        lib.app.dossier.held().is_none(),
        "the questions stay in the library"
    );
    assert_eq!(lib.app.dossier.library(), Some(tmp.path()));
    // The same questions loaded whole: every screen the same, the texts read when shown,
    // searched (`text:`, phrases) or exported.
    let mut held = on_sample(Lang::Fr, &tmp.path().join("views.json"), tmp.path());
    assert!(held.app.dossier.held().is_some());
    for (keys, shown) in [
        ("", 5),
        ("j", 5),
        ("/text:\"la prise en charge\"<Enter>", 3),
        ("/<C-u>\"en effet\"<Enter>", 1),
        ("/<C-u>-text:territoire<Enter>", 2),
        ("/<C-u>territoire<Enter>jt", 3),
        ("/<C-u><Enter>kt", 5),
    ] {
        lib.press(keys);
        held.press(keys);
        assert_eq!(lib.shown().len(), shown, "after {keys}");
        assert_eq!(lib.shown(), held.shown(), "after {keys}");
        assert_eq!(lib.screen(200, 50), held.screen(200, 50), "after {keys}");
    }
    let text = lib.app.dossier.question(0).unwrap().question_text.clone();
    assert!(!text.is_empty());
    assert_eq!(held.app.dossier.held().unwrap()[0].question_text, text);
}

#[test]
fn a_question_the_library_can_no_longer_give_says_so_in_the_detail() {
    let tmp = tempfile::tempdir().unwrap();
    library(tmp.path(), &[]);
    let mut v = on_library(Lang::Fr, tmp.path(), None, tmp.path());
    v.screen(120, 40);
    // Emptied under the viewer (another program, a full disk), then another question shown.
    std::fs::File::create(tmp.path().join("library.db")).unwrap();
    v.press("G");
    let screen = v.screen(120, 40);
    assert!(
        screen.contains("Cette question n'a pas pu être lue dans la bibliothèque"),
        "{screen}"
    );
    v.press("j/asalee<Enter>");
    assert!(!v.shown().is_empty(), "the rows held still answer");
    // An export would be short of them: none is written, and the message says why.
    let out = tempfile::tempdir().unwrap();
    v.app.export_dir = out.path().to_path_buf();
    v.press("e<Enter><Enter>");
    let said = v
        .app
        .message
        .as_ref()
        .map(|m| m.text.clone())
        .unwrap_or_default();
    assert!(said.starts_with("export impossible"), "{said}");
    assert!(
        said.contains("n'ont pas pu être lues dans la bibliothèque"),
        "{said}"
    );
    assert_eq!(std::fs::read_dir(out.path()).unwrap().count(), 0);
}
