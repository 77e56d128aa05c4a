//! What is new in the dossier since the last visit: asked for once a dossier is first shown
//! (the visit recorded for this writer beside the review store, unless the review marks
//! cannot be saved there either: nothing is written beside a review file left as it is),
//! shown first in a window when something happened, shown again with its key; each line
//! leads to its question.

use super::app::layers::{Layer, Overlay, OverlayKind};
use super::app::{App, MessageKind, NewsShown};
use super::effect::Effect;
use super::jobs::NewsFound;
use super::messages::{show, show_also};
use super::panes::Pane;
use super::related;
use super::words::ui;
use dossier_core::news::seen::Seen;
use std::sync::Arc;

/// Asks for the news of the dossier just loaded (and records the visit).
pub fn ask(app: &mut App, generation: u64, fx: &mut Vec<Effect>) {
    app.news = None;
    let seen = app
        .review
        .location()
        .map(|location| Seen::beside(location, app.review.writer()));
    fx.push(Effect::News {
        generation,
        dossier: Arc::clone(&app.dossier),
        seen,
        key: app.origin.review_key(),
        origin: app.origin.clone(),
        record: app.review.can_save() && app.review.save_problem().is_none(),
        today: app.today,
    });
}

/// The news is known: kept for its key, and shown first when something happened (under
/// a window the user opened meanwhile, which keeps the keyboard).
pub fn found(app: &mut App, found: NewsFound) {
    if !app.load.generation.is_current(found.generation) {
        return;
    }
    if let Some((path, reading)) = &found.problem {
        let path =
            dossier_core::text::sanitize::terminal_line(&path.display().to_string()).into_owned();
        let text = dossier_core::i18n::news::seen_problem(app.lang, &path, *reading);
        show_also(app, text, MessageKind::Warning);
    }
    let happened = found.news.has_happenings();
    app.news = Some(Arc::new(NewsShown::new(found.news, found.since)));
    if happened {
        app.layers.close(is_news);
        app.layers
            .insert(0, Layer::Overlay(Overlay::new(OverlayKind::News)));
    }
}

fn is_news(layer: &Layer) -> bool {
    matches!(layer, Layer::Overlay(o) if o.kind == OverlayKind::News)
}

/// Shows the news again (its key), or says it is still being worked out.
pub fn open(app: &mut App) {
    if app.news.is_none() {
        show(app, ui::words(app.lang).news_not_ready, MessageKind::Info);
        return;
    }
    app.layers
        .push(Layer::Overlay(Overlay::new(OverlayKind::News)));
}

/// The id of the question of the news's item `k`.
pub fn item_id(app: &App, k: usize) -> Option<String> {
    let shown = app.news.as_ref()?;
    shown.news.items().nth(k).map(|i| i.id.clone())
}

/// How many items the news has.
pub fn count(app: &App) -> usize {
    app.news.as_ref().map_or(0, |n| n.news.len())
}

/// Goes to the question of item `k`: selected in the list (its campaign opened, or the
/// filter cleared, when they hid it) and read in the detail pane.
pub fn go_to(app: &mut App, k: usize) {
    let Some(id) = item_id(app, k) else {
        return;
    };
    let Some(&i) = app.dossier.by_id.get(id.as_str()) else {
        return;
    };
    if !related::select_index(app, i) {
        if app.shown_hits().iter().any(|h| h.index == i) {
            // In a closed campaign.
            if let Some(&key) = app.campaign_of.get(i) {
                app.expanded.insert(key);
            }
            related::regroup(app);
            related::select_index(app, i);
        } else {
            // Hidden by the filter: the whole dossier, this question selected.
            app.filter = Default::default();
            app.selected_id = Some(id);
            app.scroll.reset();
        }
    }
    app.focus = Pane::Detail;
}
