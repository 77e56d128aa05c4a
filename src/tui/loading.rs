//! Loading the dossier shown: a load asked for (a reload, a switch to another dossier once
//! the current one's marks are saved), installed when it is the newest, with what the load
//! found said; then its word index and its relations, which arrive later and are kept in
//! the cache between runs once both are known.

use super::action::Loaded;
use super::app::layers::Layer;
use super::app::{App, MessageKind, Reading, Saving, Shown, Switch};
use super::dossier::Dossier;
use super::effect::Effect;
use super::hits;
use super::marks::{self, Recount};
use super::messages::{show, show_also};
use super::words::ui;
use dossier_core::i18n::review as review_words;
use dossier_core::library::Origin;
use dossier_core::parse::diagnostic::Severity;
use dossier_core::query::words::WordIndex;
use dossier_core::review::ReviewStore;
use std::sync::Arc;

/// Loads the dossier again (and reads the review files).
pub fn reload(app: &mut App, fx: &mut Vec<Effect>) {
    app.load.progress = Some(Default::default());
    fx.push(Effect::Load {
        generation: app.load.generation.ask(),
        origin: app.origin.clone(),
        legislature: app.legislature,
    });
    marks::read(app, fx, None);
}

/// Installs a dossier that finished loading, keeping the selected question selected.
pub fn install(app: &mut App, loaded: Loaded, fx: &mut Vec<Effect>) {
    if !app.load.generation.is_current(loaded.generation) {
        return;
    }
    let first = app.load.shown != Shown::Loaded;
    app.load.shown = Shown::Loaded;
    app.load.progress = None;
    let mut report = loaded.report;
    let rows = loaded.rows;
    let n = rows.rows.len();
    // The whole library's relations are those found at its imports, with its settings.
    let whole_library = rows.library.is_some();
    let cached_related = report.related.take().filter(|s| {
        s.fits(n, &app.related_config)
            || (whole_library && s.relations.len() == n + s.outside.len())
    });
    if cached_related.is_none() {
        // Found again below, then kept (with other settings than those cached, say).
        if let Some(ticket) = report.cache.as_mut() {
            ticket.has_related = false;
        }
    }
    app.dossier = Arc::new(Dossier::new(report, rows, loaded.index, app.today));
    if app.dossier.index.words().is_none() {
        fx.push(Effect::Index {
            generation: loaded.generation,
            dossier: Arc::clone(&app.dossier),
        });
    }
    app.campaign_of = Arc::new(Vec::new());
    match cached_related {
        Some(stored) => {
            let set = dossier_core::related::RelatedSet::from_stored(&app.dossier.rows, stored);
            super::related::install(app, set);
        }
        None => fx.push(Effect::Relate {
            generation: loaded.generation,
            dossier: Arc::clone(&app.dossier),
            config: app.related_config.clone(),
        }),
    }
    app.campaign_rows.clear();
    app.ungrouped = None;
    app.hits.set(Vec::new());
    app.message = None;
    let lang = app.lang;
    let skipped = app
        .dossier
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Skipped)
        .count();
    let warnings = app.dossier.diagnostics.len() - skipped;
    if skipped > 0 {
        show(app, ui::skipped_files(lang, skipped), MessageKind::Warning);
    } else if warnings > 0 {
        show(app, ui::load_warnings(lang, warnings), MessageKind::Warning);
    }
    let summary = app.review.observe(&app.dossier.rows, app.today);
    if let Some(reason) = app.review.read_only_reason() {
        let text = ui::review_read_only(lang, &dossier_core::i18n::review::unusable(lang, reason));
        show_also(app, text, MessageKind::Warning);
    } else if let Some(e) = app.review.save_problem().filter(|_| first) {
        // A folder that cannot be written is said before a mark is lost to it.
        let text = ui::cannot_save_here(lang, &review_words::error(lang, e));
        show_also(app, text, MessageKind::Warning);
    } else if let Some(sentence) = ui::change_summary(lang, &summary) {
        show_also(app, sentence, MessageKind::Info);
    }
    if !first && app.message.is_none() {
        let n = app.dossier.len();
        show(app, ui::reloaded(lang, n), MessageKind::Info);
    }
    if first && app.review.repaired_notes() > 0 {
        let n = app.review.repaired_notes();
        show_also(app, ui::repaired_notes(lang, n), MessageKind::Info);
    }
    marks::changed(app, Recount::All);
    if first {
        super::news::ask(app, loaded.generation, fx);
    }
}

/// The first page of a long load arrived: shown at once, until the whole dossier replaces
/// it. Nothing is asked of it that needs every question (its word index, relations, news,
/// the review's summary of changes); the load's progress stays on.
pub fn preview(app: &mut App, page: Loaded) {
    if !app.load.generation.is_current(page.generation) || app.load.shown == Shown::Loaded {
        return;
    }
    app.load.shown = Shown::Preview;
    app.dossier = Arc::new(Dossier::new(page.report, page.rows, page.index, app.today));
    app.campaign_of = Arc::new(Vec::new());
    app.campaign_rows.clear();
    app.ungrouped = None;
    app.hits.set(Vec::new());
    marks::changed(app, Recount::All);
}

/// The word index of the dossier shown is ready: searches that need it run again, faster.
pub fn indexed(app: &mut App, generation: u64, words: WordIndex, fx: &mut Vec<Effect>) {
    if !app.load.generation.is_current(generation) || !app.dossier.index.set_words(words) {
        return;
    }
    // A search that needs the index runs again (see `hits::follow`).
    store_cache(app, fx);
}

/// Once the word index and the related questions are both known, the cache keeps what it
/// lacks of them.
fn store_cache(app: &App, fx: &mut Vec<Effect>) {
    let related = app.dossier.related.get();
    if app.dossier.index.words().is_none() || related.is_none() {
        return;
    }
    if app
        .dossier
        .cache_ticket
        .as_ref()
        .is_some_and(|t| t.needs_store(true, true))
    {
        fx.push(Effect::StoreCache(Arc::clone(&app.dossier)));
    }
}

/// The related questions of the dossier shown are found: the detail shows them, and the
/// list is filtered or grouped again when it depends on them.
pub fn related_found(
    app: &mut App,
    generation: u64,
    related: dossier_core::related::RelatedSet,
    fx: &mut Vec<Effect>,
) {
    if !app.load.generation.is_current(generation) || !super::related::install(app, related) {
        return;
    }
    store_cache(app, fx);
    // A search that reads them runs again (see `hits::follow`); a grouped list regroups.
    if !app.filter.query.uses_related() && app.group_campaigns {
        super::related::regroup(app);
        hits::clamp(app);
    }
}

/// The review store of the dossier switched to is open: once the current store's saves are
/// done, it takes its place and the dossier is loaded.
pub fn switched(app: &mut App, origin: Origin, review: Box<ReviewStore>, fx: &mut Vec<Effect>) {
    if app.saving == Saving::Running || app.review.save_pending() {
        app.switch = Switch::Waiting(origin, review);
        return;
    }
    app.switch = Switch::Idle;
    app.review = *review;
    app.origin = origin;
    app.filter = Default::default();
    app.layers.close(|l| matches!(l, Layer::Filter));
    app.selected_id = None;
    app.selected = 0;
    app.hits.set(Vec::new());
    app.dossier = Arc::new(Dossier::empty());
    app.load.shown = Shown::Nothing;
    app.reading = Reading::Idle;
    app.saving = Saving::Idle;
    app.save_news = None;
    app.news = None;
    app.review_state = Arc::new(app.review.state().clone());
    reload(app, fx);
}

/// A load that could not be done (a damaged library, a dossier no longer there).
pub fn failed(app: &mut App, generation: u64, e: &dossier_core::library::OriginError) {
    if app.load.generation.is_current(generation) {
        app.load.progress = None;
        if app.load.shown == Shown::Preview {
            // The first page alone would pass for the library: nothing is shown but why.
            app.load.shown = Shown::Nothing;
            app.dossier = Arc::new(Dossier::empty());
            app.hits.set(Vec::new());
            marks::changed(app, Recount::All);
        }
        let text = dossier_core::i18n::library::origin_error(app.lang, e);
        show(app, text, MessageKind::Warning);
    }
}
