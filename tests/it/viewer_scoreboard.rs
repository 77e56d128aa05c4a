//! The viewer's scoreboard screen and "to signal" mark, by keys: `B` opens the scoreboard
//! (computed through the same `perform` as the event loop's), `s` orders it, Tab counts by
//! another dimension, Enter filters the list with the query language's own term, Esc
//! closes it; `m` marks a question "to signal", saved like the other marks; the export
//! offers the signalement memo. At 80x24, 120x40 and 200x50, in both languages.

use crate::scoreboard::sandbox;
use crate::tui::Viewer;
use dossier_core::i18n::Lang;
use dossier_core::review::{OpenOptions, ReviewStore};
use std::path::PathBuf;

fn viewer(lang: Lang) -> (crate::util::Sandbox, Viewer) {
    let (s, dir) = sandbox();
    let mut v = Viewer::on(lang, vec![PathBuf::from(dir)], None);
    // The sandbox's week has news, shown first: closed, as a staffer would.
    if v.app.layers.overlay().is_some() {
        v.press("<Esc>");
    }
    (s, v)
}

#[test]
fn b_opens_the_scoreboard_at_three_sizes() {
    let (_s, mut v) = viewer(Lang::Fr);
    v.press("B");
    insta::assert_snapshot!("scoreboard_80x24", v.screen(80, 24));
    insta::assert_snapshot!("scoreboard_120x40", v.screen(120, 40));
    insta::assert_snapshot!("scoreboard_200x50", v.screen(200, 50));
}

#[test]
fn the_selected_row_shows_its_figures_and_the_spread_of_its_delays() {
    let (_s, mut v) = viewer(Lang::Fr);
    // Santé: three questions, one answered in 49 days.
    v.press("Bjj");
    let screen = v.screen(120, 40);
    assert!(screen.contains("│ Santé "), "{screen}");
    assert!(
        screen.contains("3 reçues · 1 répondue (1 à temps)"),
        "{screen}"
    );
    assert!(screen.contains("≤2 m"), "the delay distribution: {screen}");
    insta::assert_snapshot!("scoreboard_selected_120x40", screen);
    // Narrow: the table alone.
    let narrow = v.screen(80, 24);
    assert!(!narrow.contains("reçues ·"), "{narrow}");
}

#[test]
fn s_orders_by_rate_then_delay_and_tab_counts_by_group_author_rubric_legislature() {
    let (_s, mut v) = viewer(Lang::En);
    v.press("B");
    let first = |v: &mut Viewer| {
        let screen = v.screen(120, 40);
        screen.lines().nth(2).unwrap_or_default().to_string()
    };
    assert!(
        first(&mut v).contains("Ministre délégué"),
        "{}",
        first(&mut v)
    );
    v.press("s");
    let screen = v.screen(120, 40);
    assert!(screen.contains("sort: answer rate"), "{screen}");
    // The lowest rate first.
    assert!(first(&mut v).contains("  0%"), "{}", first(&mut v));
    v.press("s");
    let screen = v.screen(120, 40);
    assert!(screen.contains("sort: median delay"), "{screen}");
    // Premier ministre answered in 95 days (median), the longest.
    assert!(
        first(&mut v).contains("Premier ministre"),
        "{}",
        first(&mut v)
    );
    v.press("s<Tab>");
    let screen = v.screen(120, 40);
    assert!(screen.contains("Scoreboard — by group"), "{screen}");
    insta::assert_snapshot!("scoreboard_by_group_en_120x40", screen);
    v.press("<Tab><Tab><Tab>");
    assert!(v.screen(120, 40).contains("by legislature"));
    v.press("<BackTab>");
    assert!(v.screen(120, 40).contains("by rubric"));
    insta::assert_snapshot!("scoreboard_by_rubric_en_200x50", v.screen(200, 50));
}

#[test]
fn rate_bars_are_drawn_out_of_100_percent_counts_out_of_the_largest() {
    let (_s, mut v) = viewer(Lang::En);
    v.press("B");
    let bar_of = |screen: &str, name: &str| -> usize {
        let line = screen
            .lines()
            .find(|l| l.contains(name))
            .unwrap_or_default();
        // The table's bar only, not the detail pane's.
        let table = line.split('│').nth(1).unwrap_or_default();
        table.chars().filter(|&c| ('█'..='▏').contains(&c)).count()
    };
    // Sorted by overdue: the largest count draws a full bar.
    let screen = v.screen(120, 40);
    let full = bar_of(&screen, "Santé et prévention");
    assert!(full >= 6, "{screen}");
    v.press("s");
    let screen = v.screen(120, 40);
    assert!(screen.contains("sort: answer rate"), "{screen}");
    // Premier ministre answered 67% of its due questions, Armées 50%: neither is full.
    let pm = bar_of(&screen, "Premier ministre");
    let armees = bar_of(&screen, "Armées");
    assert!(
        pm < full && pm * 3 >= full * 2 - 3,
        "{pm} of {full}: {screen}"
    );
    assert!(
        armees * 2 <= full + 1 && armees * 2 + 2 >= full,
        "{armees} of {full}: {screen}"
    );
}

#[test]
fn enter_filters_the_list_to_the_row_with_the_filter_s_own_term_and_esc_closes() {
    let (_s, mut v) = viewer(Lang::Fr);
    v.press("Bjj<Enter>");
    assert!(v.app.layers.is_empty(), "the screen closes");
    assert_eq!(v.app.filter.text(), "min:Santé");
    let shown = v.shown();
    assert!(!shown.is_empty());
    for id in &shown {
        let q = v.app.dossier.get(id).unwrap().1;
        assert!(
            dossier_core::record::Record::ministry(q).contains("Santé")
                || q.ministry_asked.contains("Santé"),
            "{id}"
        );
    }
    let screen = v.screen(80, 24);
    assert!(screen.contains("min:Santé"), "the filter line: {screen}");
    insta::assert_snapshot!("scoreboard_filtered_80x24", screen);
    // Another row replaces the term Enter wrote, keeping what the user typed.
    v.press("/asalee<Enter>");
    v.press("B<Tab><Enter>");
    assert!(
        !v.app.filter.text().contains("min:"),
        "{}",
        v.app.filter.text()
    );
    assert!(
        v.app.filter.text().starts_with("asalee groupe:"),
        "{}",
        v.app.filter.text()
    );
    // A merged ministry is filtered on its most frequent label, and the message says so.
    v.press("B<Enter>");
    let text = v.app.message.as_ref().unwrap().text.clone();
    assert!(text.contains("libellés regroupés"), "{text}");
    assert!(
        v.app.filter.text().contains("min:\"Ministre"),
        "{}",
        v.app.filter.text()
    );
    // Esc, and B itself, close the screen and leave the filter as it was.
    let before = v.app.filter.text().to_string();
    v.press("B<Esc>");
    assert!(v.app.layers.is_empty());
    v.press("BB");
    assert!(v.app.layers.is_empty());
    assert_eq!(v.app.filter.text(), before);
}

#[test]
fn the_scoreboard_is_computed_in_the_background_and_drawn_when_it_arrives() {
    let (_s, mut v) = viewer(Lang::En);
    let held = v.press_unanswered("B");
    assert_eq!(held.len(), 1, "{held:?}");
    let screen = v.screen(80, 24);
    assert!(screen.contains("Computing the scoreboard"), "{screen}");
    // Keys are read meanwhile.
    v.press("s");
    assert!(v.screen(80, 24).contains("sort: answer rate"));
    v.run(held);
    let screen = v.screen(80, 24);
    assert!(!screen.contains("Computing"), "{screen}");
    assert!(screen.contains("Premier ministre"), "{screen}");
    // Asked again for another dimension only, and an old answer is dropped.
    let stale = v.press_unanswered("<Tab>");
    assert_eq!(stale.len(), 1);
    v.press("<BackTab>");
    v.run(stale);
    assert!(v.screen(80, 24).contains("by ministry"));
    assert!(v.screen(80, 24).contains("Premier ministre"));
}

#[test]
fn m_marks_a_question_to_signal_saved_shown_in_the_list_and_found_by_the_filter() {
    for (lang, said, cleared) in [
        (
            Lang::Fr,
            "17-106QE\u{a0}: à signaler",
            "17-106QE\u{a0}: n'est plus à signaler",
        ),
        (
            Lang::En,
            "17-106QE: to signal",
            "17-106QE: no longer to signal",
        ),
    ] {
        let (_s, mut v) = viewer(lang);
        v.select("17-106QE");
        v.press("m");
        let message = v.app.message.as_ref().unwrap().text.clone();
        assert_eq!(message, said, "saved: said without 'saving…'");
        assert!(!v.app.review.has_unsaved_user_changes());
        assert!(v.app.review.is_to_signal("17-106QE"));
        let screen = v.screen(120, 40);
        let row = screen.lines().find(|l| l.contains("17-106QE")).unwrap();
        assert!(row.contains('◆'), "{row}");
        if lang == Lang::Fr {
            assert!(
                screen.contains("◆ À signaler depuis le 22 novembre 2026"),
                "{screen}"
            );
            insta::assert_snapshot!("to_signal_120x40", screen);
        }
        // On disk, in the review file.
        let location = v.app.review.location().unwrap().clone();
        let reader = ReviewStore::open(
            location,
            OpenOptions {
                read_only: true,
                ..OpenOptions::new("bob@pc")
            },
        );
        assert!(reader.is_to_signal("17-106QE"), "on disk");
        let filter = if lang == Lang::Fr {
            "/est:à-signaler<Enter>"
        } else {
            "/is:to-signal<Enter>"
        };
        v.press(filter);
        assert_eq!(v.shown(), ["17-106QE"]);
        v.press("m");
        assert_eq!(v.app.message.as_ref().unwrap().text, cleared);
        assert!(v.shown().is_empty());
    }
}

#[test]
fn the_export_offers_the_signalement_memo() {
    let (s, mut v) = viewer(Lang::Fr);
    v.app.export_dir = s.path("out");
    std::fs::create_dir_all(s.path("out")).unwrap();
    v.select("17-103QE");
    v.press("m");
    v.press("e");
    let screen = v.screen(120, 40);
    assert!(
        screen.contains("mémo de signalement (pour le président de groupe)"),
        "{screen}"
    );
    v.press("signal<Enter>");
    // Its own file name, not the Markdown memo's.
    let proposed = v.app.layers.prompt().unwrap().input.text().to_string();
    assert!(
        proposed.ends_with("/signalement-2026-11-22.md"),
        "{proposed}"
    );
    v.press("<Esc>emarkdown<Enter>");
    let memo = v.app.layers.prompt().unwrap().input.text().to_string();
    assert!(memo.ends_with("/dossier-2026-11-22.md"), "{memo}");
    v.press("<Esc>esignal<Enter><Enter>");
    let file = std::fs::read_dir(s.path("out"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|x| x == "md"))
        .expect("the memo written");
    let memo = std::fs::read_to_string(file).unwrap();
    assert!(memo.contains("17-103QE"), "{memo}");
    assert!(memo.contains("signal"), "{memo}");
    // The marked question is the one proposed; the signalées still waiting follow.
    assert!(!memo.contains("| 17-106QE"), "{memo}");
    assert!(memo.contains("17-104QE"), "{memo}");
}

#[test]
fn the_help_lists_the_scoreboard_and_the_to_signal_keys_in_both_languages() {
    for (lang, board, mark) in [
        (
            Lang::Fr,
            "tableau de bord",
            "marquer «\u{a0}à signaler\u{a0}»",
        ),
        (Lang::En, "scoreboard: who answers", "mark \"to signal\""),
    ] {
        let (_s, mut v) = viewer(lang);
        v.press("?");
        v.screen(120, 40);
        let text: String = v
            .app
            .cache
            .overlay
            .as_ref()
            .unwrap()
            .1
            .iter()
            .map(|l| {
                let line: String = l.spans.iter().map(|s| s.content.as_ref()).collect();
                line + "\n"
            })
            .collect();
        let line_of = |what: &str| {
            text.lines()
                .find(|l| l.contains(what))
                .unwrap_or_else(|| panic!("{what} in the help:\n{text}"))
                .to_string()
        };
        assert!(line_of(board).trim_start().starts_with('B'), "{text}");
        assert!(line_of(mark).trim_start().starts_with('m'), "{text}");
        // `e` offers the signalement memo too; `!` shows the session's messages as well.
        let (export, log) = lang.pick(
            (
                "(CSV, mémo, JSON, mémo de signalement)",
                "messages de la session et diagnostics du chargement",
            ),
            (
                "(CSV, memo, JSON, signalement memo)",
                "the session's messages and load diagnostics",
            ),
        );
        assert!(line_of(export).trim_start().starts_with('e'), "{text}");
        assert!(line_of(log).trim_start().starts_with('!'), "{text}");
    }
}

#[test]
fn ctrl_z_suspends_from_the_scoreboard_and_it_is_there_on_return() {
    let (_s, mut v) = viewer(Lang::En);
    v.press("B");
    let held = v.press_unanswered("<C-z>");
    assert!(
        held.iter()
            .any(|e| matches!(e, dossier::tui::effect::Effect::Suspend)),
        "{held:?}"
    );
    v.run(held);
    assert!(v.app.layers.board().is_some());
    assert!(v.screen(80, 24).contains("Scoreboard"));
}

#[test]
fn hostile_names_reach_the_screen_as_harmless_text() {
    let (s, _) = sandbox();
    let dir = s.path("hostile");
    std::fs::create_dir_all(&dir).unwrap();
    let mut spec = crate::scoreboard::specs().remove(0);
    spec.group = "Groupe \u{1b}[31mrouge\u{202e}txet";
    spec.assigned = "Ministère \u{1b}]52;c;ZXZpbA==\u{7} de la\u{200f} santé";
    std::fs::write(dir.join("17-101QE.md"), crate::scoreboard::markdown(&spec)).unwrap();
    let mut v = Viewer::on(Lang::Fr, vec![dir], None);
    for (keys, shown) in [("B", "52;c;"), ("<Tab>", "rouge")] {
        v.press(keys);
        for (w, h) in [(80, 24), (120, 40)] {
            let screen = v.screen(w, h);
            assert!(screen.contains(shown), "{screen}");
            assert!(
                !screen
                    .chars()
                    .any(|c| c.is_control() && c != '\n' || matches!(c, '\u{202e}' | '\u{200f}')),
                "{screen:?}"
            );
        }
    }
}

#[test]
fn b_from_the_news_window_opens_the_scoreboard_in_its_place() {
    let (s, dir) = sandbox();
    let mut v = Viewer::on(Lang::En, vec![PathBuf::from(dir)], None);
    assert!(
        v.app.layers.overlay().is_some(),
        "the week's news shown first"
    );
    v.press("B");
    assert!(v.app.layers.overlay().is_none());
    assert!(v.app.layers.board().is_some());
    drop(s);
}
