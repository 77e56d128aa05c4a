//! The only place where the state changes: `update(&mut App, Action) -> Vec<Effect>`.
//!
//! Keys, terminal events and the results of background work all arrive as actions. What
//! needs the outside world (a load, a filter on another thread, a save, the clipboard,
//! suspending) is returned as an [`Effect`] for the event loop to run; its result comes back
//! as another action. After each action the layout step lays out what the views will draw.

use super::action::{Action, Command, ExportDone, Loaded};
use super::app::{
    App, Choice, ChoiceValue, Confirm, Dossier, Message, MessageKind, NoteEditor, Overlay, Pane,
    Prompt, PromptKind, SaveNews, SaveState, SaveWhat, Saving, BACKGROUND_THRESHOLD, LOG_SIZE,
};
use super::editor::Editor;
use super::effects::{ExportJob, External, SaveJob};
use super::filtering::{compute, FilterJob};
use super::layout::{self, overlay_room, scroll_room};
use crate::tui::words::{prompts, ui};
use dossier_core::library::Origin;
use dossier_core::model::Status;
use dossier_core::parse::diagnostic::Severity;
use dossier_core::query::words::WordIndex;
use dossier_core::query::{Hit, Query};
use dossier_core::review::writer::{Done, Job};
use dossier_core::review::ReviewStore;
use dossier_core::review::{NoteOutcome, NoteVersion, NoteView, ReviewError};
use ratatui::layout::{Position, Rect};
use std::path::PathBuf;
use std::sync::atomic::AtomicBool;
use std::sync::Arc;

/// Something the event loop must do outside the state.
#[derive(Debug)]
pub enum Effect {
    /// Load the questions of `origin`; answer with `LoadProgress` and `Loaded` (or
    /// `LoadFailed`) of this generation.
    Load {
        /// The load's generation.
        generation: u64,
        /// Where the questions come from.
        origin: Origin,
    },
    /// Read the choices of the dossier switcher; answer with `Choices`.
    ListChoices {
        /// The dossier shown.
        origin: Origin,
        /// Its saved views.
        views_file: Option<PathBuf>,
    },
    /// Open the review store of the dossier to switch to; answer with `Switched`.
    OpenReview(Origin),
    /// Save the current filter; answer with `ViewSaved`.
    SaveView(SaveJob),
    /// Write an export; answer with `Exported`.
    Export(ExportJob),
    /// Run a program on the terminal, the viewer suspended meanwhile; answer with `Ran`.
    Run(External),
    /// Build the word index of this dossier on a background thread; answer with
    /// `Indexed` of this generation.
    Index {
        /// The load's generation.
        generation: u64,
        /// The questions to index.
        dossier: Arc<Dossier>,
    },
    /// Find the related questions of this dossier on a background thread; answer with
    /// `Related` of this generation.
    Relate {
        /// The load's generation.
        generation: u64,
        /// The questions to relate.
        dossier: Arc<Dossier>,
        /// The similarity engine's settings.
        config: dossier_core::related::Config,
    },
    /// Write the cache of this dossier (its files and word index) on a background thread.
    StoreCache(Arc<Dossier>),
    /// Filter on the background thread; answer with `HitsReady`.
    Filter(FilterJob),
    /// Save or read review files on the writer thread; answer with `Review`.
    Review(Job),
    /// Put this text on the clipboard; answer with `Copied`.
    Copy(String),
    /// Give the terminal back to the shell until resumed; answer with `Resumed`.
    Suspend,
}

/// Ticks between tries of a failed save, and between checks of the review files for
/// colleagues' (or another window's) changes.
const RETRY_TICKS: u64 = 20;
const WATCH_TICKS: u64 = 8;

/// Applies an action to the state; returns what the event loop must do.
pub fn update(app: &mut App, action: Action) -> Vec<Effect> {
    let mut fx = Vec::new();
    if matches!(
        action,
        Action::ViewSaved(_) | Action::ViewExists(_) | Action::Exporting | Action::Exported(_)
    ) {
        // The answer the keys typed since wait for (see `App::holds_keys`).
        app.awaiting_mode = false;
    }
    match action {
        Action::Resize(w, h) => app.size = Rect::new(0, 0, w, h),
        Action::Tick => tick(app, &mut fx),
        Action::LoadProgress(generation, p) => {
            if generation == app.load_generation {
                app.loading = Some(p);
            }
        }
        Action::Loaded(loaded) => install(app, *loaded, &mut fx),
        Action::LoadFailed(generation, e) => {
            if generation == app.load_generation {
                app.loading = None;
                let text = dossier_core::i18n::library::origin_error(app.lang, &e);
                show(app, text, MessageKind::Warning);
            }
        }
        Action::Indexed { generation, words } => indexed(app, generation, *words, &mut fx),
        Action::Related {
            generation,
            related,
        } => related_found(app, generation, *related, &mut fx),
        Action::HitsReady {
            generation,
            hits,
            complete,
        } => apply_hits(app, generation, hits, complete),
        Action::Review(done) => review_done(app, *done, &mut fx),
        Action::Resumed => {}
        Action::Copied(Ok(how)) => {
            if let Some(q) = app.selected_question() {
                let text = ui::copied(app.lang, &how, &ui::citation(app.lang, q));
                show(app, text, MessageKind::Info);
            }
        }
        Action::Copied(Err(why)) => show(app, why, MessageKind::Warning),
        Action::Choices(listed) => choices_arrived(app, listed),
        Action::Switched { origin, review } => switched(app, origin, review, &mut fx),
        Action::Ran(Ok(text)) if text.is_empty() => {}
        Action::ViewSaved(Ok(text)) | Action::Ran(Ok(text)) => show(app, text, MessageKind::Info),
        Action::ViewSaved(Err(text)) | Action::Ran(Err(text)) => {
            show(app, text, MessageKind::Warning)
        }
        Action::Exporting => {}
        Action::Exported(done) => exported(app, done),
        Action::ViewExists(job) => app.confirm = Some(Confirm::ReplaceView(job)),
        Action::Flush => flush(app, &mut fx),
        input if app.note_editor.is_some() => note_action(app, input, &mut fx),
        input if app.confirm.is_some() => confirm_action(app, input, &mut fx),
        input if app.prompt.is_some() => prompt_action(app, input, &mut fx),
        input if app.overlay != Overlay::None => overlay_action(app, input),
        input if app.editing_filter => filter_action(app, input, &mut fx),
        input => normal_action(app, input, &mut fx),
    }
    queue_save(app, &mut fx);
    settle_save_news(app);
    layout::refresh(app);
    clamp_list(app);
    fx
}

/// Before exit: a changed note draft is saved (a signal or a vanished terminal must not
/// lose it), and a failed save is tried once more.
fn flush(app: &mut App, fx: &mut Vec<Effect>) {
    if let Some(editor) = app.note_editor.take() {
        if editor.changed() {
            let _ = app
                .review
                .set_note(&editor.id, &editor.draft(), &editor.base);
            review_changed(app, fx, Recount::One(false, false));
        }
    }
    if matches!(app.saving, Saving::Failed(_)) {
        app.saving = Saving::Idle;
    }
}

/// Starts the first load (the event loop's first action).
pub fn start(app: &mut App) -> Vec<Effect> {
    let mut fx = Vec::new();
    reload(app, &mut fx);
    // Counts and layout before anything arrives.
    refresh_hits(app, &mut fx);
    layout::refresh(app);
    fx
}

fn tick(app: &mut App, fx: &mut Vec<Effect>) {
    // A message that waits for a save stays until the save is done.
    if let Some(m) = app.message.as_mut().filter(|_| app.save_news.is_none()) {
        m.ticks_left = m.ticks_left.saturating_sub(1);
        if m.ticks_left == 0 {
            app.message = None;
        }
    }
    app.ticks += 1;
    if matches!(app.saving, Saving::Failed(_)) && app.ticks % RETRY_TICKS == 0 {
        // Try the failed save again.
        app.saving = Saving::Idle;
    }
    if app.ticks % WATCH_TICKS == 0 && !app.review_read_pending && app.review.location().is_some() {
        app.review_read_pending = true;
        fx.push(Effect::Review(Job::Read(app.review.read_job())));
    }
}

/// Shows a transient message, and keeps it in the log.
pub fn show(app: &mut App, text: impl Into<String>, kind: MessageKind) {
    let message = Message {
        text: text.into(),
        kind,
        ticks_left: 24,
    };
    app.log.push(message.clone());
    if app.log.len() > LOG_SIZE {
        app.log.remove(0);
    }
    app.cache.marks += 1;
    app.message = Some(message);
    app.save_news = None;
}

/// Shows a message about a change to the review marks, worded after where its save stands
/// (see [`settle_save_news`]).
fn show_save_news(app: &mut App, what: SaveWhat) {
    let news = SaveNews {
        generation: app.review.generation(),
        what,
    };
    let (text, kind) = save_news_text(app, &news);
    show(app, text, kind);
    app.save_news = Some(news);
}

/// The words of a change as its save stands: "… · saving…" until it is on disk, then
/// what was done ("Note on … saved"), or that it is not saved yet and why.
fn save_news_text(app: &App, news: &SaveNews) -> (String, MessageKind) {
    let lang = app.lang;
    let state = app.save_state_of(news.generation);
    let kind = match state {
        SaveState::Failed(_) => MessageKind::Warning,
        _ => MessageKind::Info,
    };
    let text = match (&news.what, state) {
        (SaveWhat::Marks(what), SaveState::Saved) => what.clone(),
        (SaveWhat::Marks(what), SaveState::Saving) => ui::while_saving(lang, what),
        (SaveWhat::Marks(what), SaveState::Failed(why)) => ui::not_saved_yet(lang, what, &why),
        (SaveWhat::Note { id, deleted: true }, SaveState::Saved) => ui::note_deleted(lang, id),
        (SaveWhat::Note { id, deleted: true }, SaveState::Saving) => {
            ui::while_saving(lang, &ui::note_deleted(lang, id))
        }
        (SaveWhat::Note { id, deleted: true }, SaveState::Failed(why)) => {
            ui::not_saved_yet(lang, &ui::note_deleted(lang, id), &why)
        }
        (SaveWhat::Note { id, .. }, SaveState::Saved) => ui::note_saved(lang, id),
        (SaveWhat::Note { id, .. }, SaveState::Saving) => ui::note_saving(lang, id),
        (SaveWhat::Note { id, .. }, SaveState::Failed(why)) => ui::note_not_saved(lang, id, &why),
    };
    (text, kind)
}

/// Words the message about a change after where its save stands now; once the change is on
/// disk, the message is an ordinary one (it ages, the log keeps its last words).
fn settle_save_news(app: &mut App) {
    let Some(news) = app.save_news.clone() else {
        return;
    };
    let (text, kind) = save_news_text(app, &news);
    let Some(message) = app.message.as_mut() else {
        app.save_news = None;
        return;
    };
    if message.text != text || message.kind != kind {
        if let Some(logged) = app.log.iter_mut().rev().find(|m| m.text == message.text) {
            logged.text = text.clone();
            logged.kind = kind;
        }
        message.text = text;
        message.kind = kind;
        app.cache.marks += 1;
    }
    if app.save_state_of(news.generation) == SaveState::Saved {
        app.save_news = None;
    }
}

/// Adds to the current message (load warnings and review changes both matter at start).
fn show_also(app: &mut App, text: String, kind: MessageKind) {
    match app.message.take() {
        Some(previous) => {
            let kind = if previous.kind == MessageKind::Warning {
                previous.kind
            } else {
                kind
            };
            app.log.push(Message {
                text: text.clone(),
                kind,
                ticks_left: 0,
            });
            app.message = Some(Message {
                text: format!("{} · {text}", previous.text),
                kind,
                ticks_left: 24,
            });
        }
        None => show(app, text, kind),
    }
}

fn reload(app: &mut App, fx: &mut Vec<Effect>) {
    app.load_generation += 1;
    app.loading = Some(Default::default());
    fx.push(Effect::Load {
        generation: app.load_generation,
        origin: app.origin.clone(),
    });
    if app.review.location().is_some() {
        app.review_read_pending = true;
        fx.push(Effect::Review(Job::Read(app.review.read_job())));
    }
}

/// Installs a dossier that finished loading, keeping the selected question selected.
fn install(app: &mut App, loaded: Loaded, fx: &mut Vec<Effect>) {
    if loaded.generation != app.load_generation {
        return;
    }
    let first = app.first_load;
    app.first_load = false;
    app.loading = None;
    let mut report = loaded.report;
    let n = report.questions.len();
    let cached_related = report
        .related
        .take()
        .filter(|s| s.fits(n, &app.related_config));
    if cached_related.is_none() {
        // Found again below, then kept (with other settings than those cached, say).
        if let Some(ticket) = report.cache.as_mut() {
            ticket.has_related = false;
        }
    }
    app.dossier = Arc::new(Dossier::new(report, loaded.index, app.today));
    app.indexing = app.dossier.index.words().is_none();
    if app.indexing {
        fx.push(Effect::Index {
            generation: loaded.generation,
            dossier: Arc::clone(&app.dossier),
        });
    }
    app.campaign_of = Arc::new(Vec::new());
    match cached_related {
        Some(stored) => {
            let set =
                dossier_core::related::RelatedSet::from_stored(&app.dossier.questions, stored);
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
    app.hits.clear();
    app.last_filter = None;
    app.message = None;
    app.cache.generation += 1;
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
    let summary = app.review.observe(&app.dossier.questions, app.today);
    if let Some(reason) = app.review.read_only_reason() {
        let text = ui::review_read_only(lang, &dossier_core::i18n::review::unusable(lang, reason));
        show_also(app, text, MessageKind::Warning);
    } else if let Some(e) = app.review.save_problem().filter(|_| first) {
        // A folder that cannot be written is said before a mark is lost to it.
        let text = ui::cannot_save_here(lang, &error_text(lang, e));
        show_also(app, text, MessageKind::Warning);
    } else if let Some(sentence) = ui::change_summary(lang, &summary) {
        show_also(app, sentence, MessageKind::Info);
    }
    if !first && app.message.is_none() {
        let n = app.dossier.questions.len();
        show(app, ui::reloaded(lang, n), MessageKind::Info);
    }
    if first && app.review.repaired_notes() > 0 {
        let n = app.review.repaired_notes();
        show_also(app, ui::repaired_notes(lang, n), MessageKind::Info);
    }
    review_changed(app, fx, Recount::All);
    refresh_hits(app, fx);
}

/// The word index of the dossier shown is ready: searches that need it run again, faster.
fn indexed(app: &mut App, generation: u64, words: WordIndex, fx: &mut Vec<Effect>) {
    if generation != app.load_generation || !app.dossier.index.set_words(words) {
        return;
    }
    app.indexing = false;
    store_cache(app, fx);
    if app.filter.query.needs_words() {
        app.last_filter = None;
        refresh_hits(app, fx);
    }
}

/// Once the word index and the related questions are both known, the cache keeps what it
/// lacks of them.
fn store_cache(app: &App, fx: &mut Vec<Effect>) {
    let related = app.dossier.related.get();
    if app.indexing || related.is_none() {
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
fn related_found(
    app: &mut App,
    generation: u64,
    related: dossier_core::related::RelatedSet,
    fx: &mut Vec<Effect>,
) {
    if generation != app.load_generation || !super::related::install(app, related) {
        return;
    }
    store_cache(app, fx);
    app.cache.generation += 1;
    if app.filter.query.uses_related() {
        app.last_filter = None;
        refresh_hits(app, fx);
    } else if app.group_campaigns {
        super::related::regroup(app);
        clamp_list(app);
    }
}

/// How a change to the review state moves the counts of questions to review.
#[derive(Debug, Clone, Copy)]
enum Recount {
    /// Count again (what came from the files).
    All,
    /// Only the selected question changed: whether it was to review before, and after.
    One(bool, bool),
    /// Every question shown is now reviewed as it stands (`X`): none shown is to review.
    ShownReviewed,
}

/// The review state changed: a new copy for filtering (it shares the state's structure: no
/// cost, whatever its size), new content, new counts; a mark moves only its own count (it
/// costs the same in a dossier of any size).
fn review_changed(app: &mut App, fx: &mut Vec<Effect>, recount_how: Recount) {
    app.review_state = Arc::new(app.review.state().clone());
    app.cache.marks += 1;
    if app.filter.query.uses_review() {
        app.last_filter = None;
        refresh_hits(app, fx);
        return;
    }
    let c = &mut app.counts;
    match recount_how {
        Recount::All => recount(app),
        Recount::One(false, true) => {
            c.to_review += 1;
            c.to_review_all += 1;
        }
        Recount::One(true, false) => {
            c.to_review = c.to_review.saturating_sub(1);
            c.to_review_all = c.to_review_all.saturating_sub(1);
        }
        Recount::One(..) => {}
        Recount::ShownReviewed => {
            c.to_review_all = c.to_review_all.saturating_sub(c.to_review);
            c.to_review = 0;
        }
    }
}

fn review_done(app: &mut App, done: Done, fx: &mut Vec<Effect>) {
    let lang = app.lang;
    match done {
        Done::Saved(result) => {
            let failed_before = matches!(app.saving, Saving::Failed(_));
            app.saving = Saving::Idle;
            match app.review.saved(result) {
                Ok(changed) => {
                    // A message about a change says itself that it is saved now.
                    if failed_before && app.save_news.is_none() {
                        show(app, ui::saved_again(lang), MessageKind::Info);
                    }
                    if let Some((origin, review)) = app.pending_switch.take() {
                        switched(app, origin, review, fx);
                        return;
                    }
                    if !changed {
                        return;
                    }
                }
                Err(e) => {
                    let why = error_text(lang, &e);
                    app.saving = Saving::Failed(why.clone());
                    // Said by the message about the change, if it is still shown; what a
                    // load saw is no change of the staffer's (the status bar says it).
                    if app.save_news.is_none() && app.review.has_unsaved_user_changes() {
                        show(app, ui::not_saved(lang, &why), MessageKind::Warning);
                    }
                    if app.pending_switch.take().is_some() {
                        app.switching = false;
                        show_also(
                            app,
                            prompts::switch_cancelled(lang).to_string(),
                            MessageKind::Warning,
                        );
                    }
                    return;
                }
            }
        }
        Done::Read(result) => {
            app.review_read_pending = false;
            let me = dossier_core::review::clock::writer_of(app.review.replica()).to_string();
            let unreadable_before = app.review.unreadable_files().len();
            let incoming = app.review.merge_read(result);
            let others: Vec<(String, usize)> = incoming
                .by_writer
                .into_iter()
                .filter(|(w, _)| *w != me)
                .collect();
            if !others.is_empty() {
                show(app, ui::incoming(lang, &others), MessageKind::Info);
            }
            if incoming.unreadable.len() > unreadable_before {
                show(
                    app,
                    ui::unreadable_team_files(lang, incoming.unreadable.len()),
                    MessageKind::Warning,
                );
            }
            if let Some(id) = app.note_awaits_read.take() {
                note_read(app, &id);
            }
            if !incoming.changed {
                return;
            }
        }
    }
    review_changed(app, fx, Recount::All);
}

/// Words for a review error, in the interface's language.
fn error_text(lang: dossier_core::i18n::Lang, e: &ReviewError) -> String {
    dossier_core::i18n::review::error(lang, e)
}

/// Queues a save when the store holds unsaved changes and none is running.
fn queue_save(app: &mut App, fx: &mut Vec<Effect>) {
    if app.saving == Saving::Idle {
        if let Some(job) = app.review.save_job() {
            app.saving = Saving::Running;
            fx.push(Effect::Review(Job::Save(job)));
        }
    }
}

/// Recomputes the shown questions after a change of filter, quick filter or sort, keeping
/// the selected question selected while it is shown. Large dossiers are filtered in the
/// background.
pub fn refresh_hits(app: &mut App, fx: &mut Vec<Effect>) {
    let query = app.filter.query.clone();
    let key = (query.clone(), app.only_unanswered, app.only_overdue);
    // When the query only grew, the new hits are among the old ones.
    let candidates = match &app.last_filter {
        Some((prev, u, o))
            if !app.filtering
                && *u == app.only_unanswered
                && *o == app.only_overdue
                && query.refines(prev) =>
        {
            Some(app.shown_hits().iter().map(|h| h.index).collect())
        }
        _ => None,
    };
    app.filter_generation += 1;
    let job = FilterJob {
        generation: app.filter_generation,
        dossier: Arc::clone(&app.dossier),
        query,
        only_unanswered: app.only_unanswered,
        only_overdue: app.only_overdue,
        sort: app.sort,
        reverse: app.reverse,
        today: app.today,
        candidates,
        review: Arc::clone(&app.review_state),
    };
    app.last_filter = Some(key);
    if app.background_filtering && app.dossier.questions.len() >= BACKGROUND_THRESHOLD {
        app.filtering = true;
        fx.push(Effect::Filter(job));
    } else {
        let hits = compute(&job, &AtomicBool::new(false)).unwrap_or_default();
        apply_hits(app, job.generation, hits, true);
    }
}

/// Installs the result of a filter, unless a newer one was asked for since. An early,
/// partly sorted copy shows the first screens while the rest is sorted.
fn apply_hits(app: &mut App, generation: u64, hits: Vec<Hit>, complete: bool) {
    if generation != app.filter_generation {
        return;
    }
    app.filtering = !complete;
    app.ungrouped = None;
    app.hits = hits;
    super::related::regroup(app);
    app.cache.generation += 1;
    match selected_row(app) {
        Some(p) => app.selected = p,
        None => {
            // The chosen question is not shown (a filter being typed may hide it for a
            // letter or two): show the first, and take the chosen one back when it returns.
            app.selected = 0;
            app.detail_scroll = 0;
            app.timeline_scroll = 0;
            if app.selected_id.is_none() {
                app.selected_id = app.selected_question().map(|q| q.id.clone());
            }
        }
    }
    recount(app);
}

/// The row of the chosen question: its own, or, in a closed campaign of the grouped list,
/// its campaign's.
fn selected_row(app: &App) -> Option<usize> {
    let i = *app.dossier.by_id.get(app.selected_id.as_deref()?)?;
    app.hits.iter().position(|h| h.index == i).or_else(|| {
        let key = *app.campaign_of.get(i)?;
        (key != super::related::NONE).then_some(())?;
        app.hits
            .iter()
            .position(|h| app.campaign_of.get(h.index) == Some(&key))
    })
}

/// After the rows changed: the chosen question's row selected, and in view.
fn keep_selection(app: &mut App) {
    app.selected = selected_row(app).unwrap_or(0);
    clamp_list(app);
    app.cache.generation += 1;
}

/// The status bar's counts: among the questions shown, and in all.
fn recount(app: &mut App) {
    let d = Arc::clone(&app.dossier);
    let mut c = super::app::Counts {
        total: d.questions.len(),
        shown: app.shown_hits().len(),
        ..Default::default()
    };
    for (i, q) in d.questions.iter().enumerate() {
        let pending = q.status == Status::Pending;
        c.pending_all += usize::from(pending);
        c.overdue_all += usize::from(d.timings[i].is_overdue());
        c.to_review_all += usize::from(app.is_to_review(q));
    }
    for h in app.shown_hits() {
        let Some(q) = d.questions.get(h.index) else {
            continue;
        };
        c.pending += usize::from(q.status == Status::Pending);
        c.overdue += usize::from(d.timings[h.index].is_overdue());
        c.to_review += usize::from(app.is_to_review(q));
    }
    app.counts = c;
}

/// Keeps the selection valid and visible.
fn clamp_list(app: &mut App) {
    if app.hits.is_empty() {
        app.selected = 0;
        app.list_offset = 0;
        return;
    }
    app.selected = app.selected.min(app.hits.len() - 1);
    let rows = app.list_rows();
    if app.selected < app.list_offset {
        app.list_offset = app.selected;
    } else if app.selected >= app.list_offset + rows {
        app.list_offset = app.selected + 1 - rows;
    }
    app.list_offset = app.list_offset.min(app.hits.len().saturating_sub(rows));
}

fn select(app: &mut App, position: usize) {
    if position != app.selected {
        app.detail_scroll = 0;
        app.timeline_scroll = 0;
    }
    app.selected = position;
    app.selected_id = app.selected_question().map(|q| q.id.clone());
}

fn move_selection(app: &mut App, delta: isize) {
    if app.hits.is_empty() {
        return;
    }
    let last = app.hits.len() - 1;
    let target = (app.selected as isize + delta).clamp(0, last as isize) as usize;
    select(app, target);
}

fn note_action(app: &mut App, action: Action, fx: &mut Vec<Effect>) {
    let lang = app.lang;
    let Some(editor) = app.note_editor.as_mut() else {
        return;
    };
    if let Some(and_quit) = editor.confirm_discard {
        // Asking whether to throw the draft away: yes, no, nothing else.
        let answer = match &action {
            Action::Answer(a) => Some(*a),
            Action::NoteKey(k) => match k.code {
                crossterm::event::KeyCode::Char('o' | 'O' | 'y' | 'Y') => Some(true),
                crossterm::event::KeyCode::Char('n' | 'N') => Some(false),
                _ => None,
            },
            Action::Command(Command::NoteCancel) => Some(false),
            _ => None,
        };
        match answer {
            Some(true) => {
                app.note_editor = None;
                app.quit |= and_quit;
            }
            Some(false) => editor.confirm_discard = None,
            None => {}
        }
        return;
    }
    let cols = app.cache.areas.status.width.clamp(20, 78).saturating_sub(2) as usize;
    match action {
        Action::NoteKey(key) => {
            editor.text.key(&key, cols);
        }
        Action::Paste(text) => editor
            .text
            .insert(&text.replace("\r\n", "\n").replace('\r', "\n")),
        Action::Command(Command::NoteCancel) => {
            if editor.changed() {
                editor.confirm_discard = Some(false);
            } else {
                app.note_editor = None;
            }
        }
        Action::Command(Command::Quit) => {
            if editor.changed() {
                editor.confirm_discard = Some(true);
            } else {
                app.note_editor = None;
                app.quit = true;
            }
        }
        Action::Command(Command::NoteSave) => {
            let draft = editor.draft();
            let id = editor.id.clone();
            let base = editor.base.clone();
            match app.review.set_note(&id, &draft, &base) {
                Ok(outcome) => {
                    app.note_editor = None;
                    match outcome {
                        NoteOutcome::Unchanged => {
                            show(app, ui::note_unchanged(lang, &id), MessageKind::Info)
                        }
                        saved => {
                            let deleted = saved == NoteOutcome::Deleted;
                            show_save_news(app, SaveWhat::Note { id, deleted });
                            review_changed(app, fx, Recount::One(false, false));
                        }
                    }
                }
                // The editor stays open with the text, so nothing typed is lost.
                Err(e) => show(
                    app,
                    ui::review_read_only(lang, &error_text(lang, &e)),
                    MessageKind::Warning,
                ),
            }
        }
        _ => {}
    }
}

fn open_note_editor(app: &mut App) {
    let Some(q) = app.selected_question() else {
        return;
    };
    let id = q.id.clone();
    if let Some(reason) = app.review.read_only_reason() {
        let text = ui::review_read_only(
            app.lang,
            &dossier_core::i18n::review::unusable(app.lang, reason),
        );
        show(app, text, MessageKind::Warning);
        return;
    }
    app.note_editor = Some(note_editor(app, id));
}

/// The review files were read after the note editor opened on `id`. A draft still as it
/// opened starts again from the note as it is now; a draft already typed is kept as typed,
/// with its base, and the versions saved meanwhile are shown beside it: saving it then
/// keeps them beside it, as a conflict. Nothing typed, nor saved by others, is lost.
fn note_read(app: &mut App, id: &str) {
    let base = app.review.note_base(id);
    let Some(editor) = app.note_editor.as_ref().filter(|e| e.id == id) else {
        return;
    };
    if editor.base == base {
        return;
    }
    if !editor.changed() && editor.confirm_discard.is_none() {
        app.note_editor = Some(note_editor(app, id.to_string()));
        return;
    }
    let arrived: Vec<NoteVersion> = app
        .review
        .entry(id)
        .map(|e| {
            e.note
                .iter()
                .filter(|v| editor.base.seen.get(&v.by).is_none_or(|&t| t < v.t))
                .cloned()
                .collect()
        })
        .unwrap_or_default();
    if let Some(editor) = app.note_editor.as_mut() {
        editor.conflict.extend(arrived);
    }
}

/// An editor on the note of question `id` as the store holds it.
fn note_editor(app: &App, id: String) -> NoteEditor {
    let entry = app.review.entry(&id);
    let (text, conflict) = match entry.map(|e| e.note()) {
        Some(NoteView::One(v)) => (v.text.clone(), Vec::new()),
        Some(NoteView::Conflict(vs)) => (
            vs.iter()
                .find(|v| !v.text.trim().is_empty())
                .map(|v| v.text.clone())
                .unwrap_or_default(),
            vs.to_vec(),
        ),
        _ => (String::new(), Vec::new()),
    };
    NoteEditor {
        base: app.review.note_base(&id),
        id,
        text: Editor::new(&text),
        original: text,
        conflict,
        confirm_discard: None,
    }
}

fn review_action(app: &mut App, command: Command, fx: &mut Vec<Effect>) {
    let Some(index) = app.selected_index() else {
        return;
    };
    let dossier = Arc::clone(&app.dossier);
    let Some(q) = dossier.questions.get(index) else {
        return;
    };
    let lang = app.lang;
    let changed = app.review.is_reviewed(&q.id) && app.review.is_changed(q);
    let before = app.is_to_review(q);
    let result = match command {
        Command::ToggleReviewed => app.review.toggle_reviewed(q, app.today).map(|on| {
            if on && changed {
                ui::acknowledged(lang, &q.id)
            } else {
                ui::reviewed(lang, &q.id, on)
            }
        }),
        Command::ToggleFlag => app
            .review
            .toggle_flag(&q.id, app.today)
            .map(|on| ui::flagged(lang, &q.id, on)),
        _ => return,
    };
    match result {
        Ok(text) => {
            let after = app.is_to_review(q);
            show_save_news(app, SaveWhat::Marks(text));
            review_changed(app, fx, Recount::One(before, after));
        }
        Err(e) => show(
            app,
            ui::review_read_only(lang, &error_text(lang, &e)),
            MessageKind::Warning,
        ),
    }
}

/// Moves to the next (or previous) shown question to review, wrapping around the list.
fn jump_to_review(app: &mut App, forward: bool) {
    let n = app.hits.len();
    if n == 0 {
        return;
    }
    let found = (1..=n)
        .map(|step| {
            if forward {
                (app.selected + step) % n
            } else {
                (app.selected + n - step % n) % n
            }
        })
        .find(|&p| {
            app.hits
                .get(p)
                .and_then(|h| app.dossier.questions.get(h.index))
                .is_some_and(|q| app.is_to_review(q))
        });
    match found {
        Some(p) => {
            // "Nothing to review" no longer holds.
            let stale = ui::nothing_to_review(app.lang);
            if app.message.as_ref().is_some_and(|m| m.text == stale) {
                app.message = None;
            }
            select(app, p)
        }
        None => {
            let text = ui::nothing_to_review(app.lang);
            show(app, text, MessageKind::Info);
        }
    }
}

fn overlay_action(app: &mut App, action: Action) {
    let (max, page) = overlay_room(app);
    let scroll = match app.overlay {
        Overlay::Help(s) | Overlay::Log(s) => s.min(max),
        Overlay::None => 0,
    };
    let command = match action {
        Action::Command(c) => c,
        Action::Wheel { down, .. } => {
            if down {
                Command::Down
            } else {
                Command::Up
            }
        }
        Action::Click(..) => Command::Back,
        _ => return,
    };
    let scroll = match command {
        Command::Down => scroll + 1,
        Command::Up => scroll.saturating_sub(1),
        Command::PageDown | Command::HalfPageDown => scroll + page.saturating_sub(1).max(1),
        Command::PageUp | Command::HalfPageUp => {
            scroll.saturating_sub(page.saturating_sub(1).max(1))
        }
        Command::Top => 0,
        // The very end, whatever the width the text is wrapped to when drawn.
        Command::Bottom => usize::MAX,
        Command::ToggleHelp if matches!(app.overlay, Overlay::Help(_)) => {
            app.overlay = Overlay::None;
            return;
        }
        Command::ToggleHelp => {
            app.overlay = Overlay::Help(0);
            return;
        }
        Command::ToggleDiagnostics if matches!(app.overlay, Overlay::Log(_)) => {
            app.overlay = Overlay::None;
            return;
        }
        Command::ToggleDiagnostics => {
            app.overlay = Overlay::Log(0);
            return;
        }
        Command::Back => {
            app.overlay = Overlay::None;
            return;
        }
        Command::Quit => {
            app.quit = true;
            return;
        }
        _ => return,
    };
    let scroll = if scroll == usize::MAX {
        scroll
    } else {
        scroll.min(max)
    };
    app.overlay = match app.overlay {
        Overlay::Help(_) => Overlay::Help(scroll),
        Overlay::Log(_) => Overlay::Log(scroll),
        Overlay::None => Overlay::None,
    };
}

/// Re-parses the filter text; the list follows at once when it parses.
fn filter_changed(app: &mut App, fx: &mut Vec<Effect>) {
    match Query::parse(&app.filter.text) {
        Ok(query) => {
            app.filter.error = None;
            app.filter.query = query;
            app.detail_scroll = 0;
            refresh_hits(app, fx);
        }
        Err(e) => app.filter.error = Some(e),
    }
}

fn prev_boundary(text: &str, at: usize) -> usize {
    text[..at].char_indices().last().map_or(0, |(i, _)| i)
}

fn next_boundary(text: &str, at: usize) -> usize {
    text[at..].chars().next().map_or(at, |c| at + c.len_utf8())
}

fn filter_action(app: &mut App, action: Action, fx: &mut Vec<Effect>) {
    let f = &mut app.filter;
    f.cursor = f.cursor.min(f.text.len());
    match action {
        Action::FilterInsert(c) => {
            f.text.insert(f.cursor, c);
            f.cursor += c.len_utf8();
            filter_changed(app, fx);
        }
        Action::Paste(text) => {
            let text: String = text
                .chars()
                .map(|c| if c.is_control() { ' ' } else { c })
                .collect();
            f.text.insert_str(f.cursor, &text);
            f.cursor += text.len();
            filter_changed(app, fx);
        }
        Action::Command(command) => match command {
            Command::FilterBackspace if f.cursor > 0 => {
                let start = prev_boundary(&f.text, f.cursor);
                f.text.replace_range(start..f.cursor, "");
                f.cursor = start;
                filter_changed(app, fx);
            }
            Command::FilterClear => {
                f.text.replace_range(..f.cursor, "");
                f.cursor = 0;
                filter_changed(app, fx);
            }
            Command::FilterDelete if f.cursor < f.text.len() => {
                let end = next_boundary(&f.text, f.cursor);
                f.text.replace_range(f.cursor..end, "");
                filter_changed(app, fx);
            }
            Command::FilterDeleteWord => {
                let trimmed = f.text[..f.cursor].trim_end();
                let start = trimmed.rfind(' ').map_or(0, |i| i + 1);
                f.text.replace_range(start..f.cursor, "");
                f.cursor = start;
                filter_changed(app, fx);
            }
            Command::FilterLeft => f.cursor = prev_boundary(&f.text, f.cursor),
            Command::FilterRight => f.cursor = next_boundary(&f.text, f.cursor),
            Command::FilterHome => f.cursor = 0,
            Command::FilterEnd => f.cursor = f.text.len(),
            Command::FilterAccept => {
                app.editing_filter = false;
                if app.filter.error.is_some() {
                    // Keep what the list shows; the error stays visible until fixed.
                    let hint = ui::words(app.lang).filter_hint;
                    show(app, hint, MessageKind::Warning);
                }
                app.focus = Pane::List;
            }
            Command::FilterCancel => {
                app.editing_filter = false;
                app.filter = Default::default();
                refresh_hits(app, fx);
            }
            Command::Down => move_selection(app, 1),
            Command::Up => move_selection(app, -1),
            Command::Quit => app.quit = true,
            _ => {}
        },
        _ => {}
    }
}

#[derive(Debug, Clone, Copy)]
enum Step {
    Line(isize),
    Page(isize),
    Half(isize),
    Top,
    Bottom,
}

fn scrolled(current: usize, step: Step, page: usize, max: usize) -> usize {
    let page = page as isize;
    let target = match step {
        Step::Line(d) => current as isize + d,
        Step::Page(d) => current as isize + d * page.saturating_sub(1).max(1),
        Step::Half(d) => current as isize + d * (page / 2).max(1),
        Step::Top => 0,
        Step::Bottom => max as isize,
    };
    target.clamp(0, max as isize) as usize
}

/// Moves in the focused pane: selection in the list, scroll elsewhere.
fn scroll_focused(app: &mut App, step: Step) {
    match app.focus {
        Pane::List => {
            let page = app.list_rows() as isize;
            let delta = match step {
                Step::Line(d) => d,
                Step::Page(d) => d * page,
                Step::Half(d) => d * (page / 2).max(1),
                Step::Top => -(app.hits.len() as isize),
                Step::Bottom => app.hits.len() as isize,
            };
            move_selection(app, delta);
        }
        Pane::Detail => {
            let (max, page) = scroll_room(app, Pane::Detail);
            app.detail_scroll = scrolled(app.detail_scroll, step, page, max);
        }
        Pane::Timeline => {
            let (max, page) = scroll_room(app, Pane::Timeline);
            app.timeline_scroll = scrolled(app.timeline_scroll, step, page, max);
        }
    }
}

fn jump_to_match(app: &mut App, forward: bool) {
    let (max, _) = scroll_room(app, Pane::Detail);
    let matches = app
        .cache
        .detail
        .as_ref()
        .map(|d| d.1.matches.clone())
        .unwrap_or_default();
    let current = app.detail_scroll;
    let next = if forward {
        matches.iter().copied().find(|&m| m > current)
    } else {
        matches.iter().rev().copied().find(|&m| m < current)
    };
    // Wrap around, as search in a pager does.
    let next = next.or_else(|| {
        if forward {
            matches.first().copied()
        } else {
            matches.last().copied()
        }
    });
    match next {
        Some(line) => {
            app.detail_scroll = line.min(max);
            if app.cache.areas.detail.is_some() && app.focus == Pane::List {
                app.focus = Pane::Detail;
            }
        }
        None => {
            let text = ui::no_more_matches(app.lang);
            show(app, text, MessageKind::Info);
        }
    }
}

fn pane_at(app: &App, x: u16, y: u16) -> Option<(Pane, Rect)> {
    let areas = app.cache.areas;
    let at = Position::new(x, y);
    [
        (Pane::List, areas.list),
        (Pane::Detail, areas.detail),
        (Pane::Timeline, areas.timeline),
    ]
    .into_iter()
    .find_map(|(pane, r)| r.filter(|r| r.contains(at)).map(|r| (pane, r)))
}

fn normal_action(app: &mut App, action: Action, fx: &mut Vec<Effect>) {
    let command = match action {
        Action::Command(c) => c,
        Action::Wheel { down, x, y } => {
            if let Some((pane, _)) = pane_at(app, x, y) {
                let focus = app.focus;
                app.focus = pane;
                scroll_focused(app, Step::Line(if down { 3 } else { -3 }));
                if pane != Pane::List {
                    app.focus = focus;
                }
            }
            return;
        }
        Action::Click(x, y) => {
            if let Some((pane, rect)) = pane_at(app, x, y) {
                app.focus = pane;
                if pane == Pane::List && y >= rect.y + 2 {
                    // Rows start below the top border and the header.
                    let row = (y - rect.y - 2) as usize;
                    if app.list_offset + row < app.hits.len() {
                        select(app, app.list_offset + row);
                    }
                }
            }
            return;
        }
        _ => return,
    };
    match command {
        Command::Down => scroll_focused(app, Step::Line(1)),
        Command::Up => scroll_focused(app, Step::Line(-1)),
        Command::PageDown => scroll_focused(app, Step::Page(1)),
        Command::PageUp => scroll_focused(app, Step::Page(-1)),
        Command::HalfPageDown => scroll_focused(app, Step::Half(1)),
        Command::HalfPageUp => scroll_focused(app, Step::Half(-1)),
        Command::Top => scroll_focused(app, Step::Top),
        Command::Bottom => scroll_focused(app, Step::Bottom),
        Command::FocusNext => app.focus = app.focus.next(),
        Command::FocusPrev => app.focus = app.focus.prev(),
        Command::Open if app.focus == Pane::List && !app.hits.is_empty() => {
            app.focus = Pane::Detail
        }
        Command::Back => {
            if app.focus != Pane::List {
                app.focus = Pane::List;
            } else if !app.filter.text.is_empty() {
                app.filter = Default::default();
                refresh_hits(app, fx);
            }
        }
        Command::OpenFilter => {
            app.editing_filter = true;
            app.filter.cursor = app.filter.text.len();
            // "The filter is empty: nothing to save (/ to filter)" is being acted on.
            let stale = prompts::nothing_to_save(app.lang);
            if app.message.as_ref().is_some_and(|m| m.text == stale) {
                app.message = None;
            }
        }
        Command::NextMatch => jump_to_match(app, true),
        Command::PrevMatch => jump_to_match(app, false),
        Command::ToggleHelp => app.overlay = Overlay::Help(0),
        Command::ToggleDiagnostics => app.overlay = Overlay::Log(0),
        Command::CycleSort => {
            app.sort = app.sort.next();
            refresh_hits(app, fx);
        }
        Command::ReverseSort => {
            app.reverse = !app.reverse;
            refresh_hits(app, fx);
        }
        Command::ToggleUnanswered => {
            app.only_unanswered = !app.only_unanswered;
            refresh_hits(app, fx);
        }
        Command::ToggleOverdue => {
            app.only_overdue = !app.only_overdue;
            refresh_hits(app, fx);
        }
        Command::ToggleChronology => {
            app.chronology = !app.chronology;
            app.timeline_scroll = 0;
        }
        Command::CopyCitation => {
            if let Some(q) = app.selected_question() {
                fx.push(Effect::Copy(ui::citation(app.lang, q)));
            }
        }
        Command::ToggleReviewed | Command::ToggleFlag => review_action(app, command, fx),
        Command::EditNote => {
            // The editor opens at once, so that the keys typed next are the note's; the
            // review files are read meanwhile (another window or a colleague may have saved
            // the note since) and what they bring is merged in when it arrives.
            open_note_editor(app);
            if let Some(editor) = &app.note_editor {
                if app.review.location().is_some() {
                    app.note_awaits_read = Some(editor.id.clone());
                    app.review_read_pending = true;
                    fx.push(Effect::Review(Job::Read(app.review.read_job())));
                }
            }
        }
        Command::NextToReview => jump_to_review(app, true),
        Command::PrevToReview => jump_to_review(app, false),
        Command::SwitchDossier => open_switcher(app, fx),
        Command::SaveView => open_save_view(app),
        Command::Export => open_export(app),
        Command::MarkShownReviewed => ask_mark_shown(app),
        Command::GroupCampaigns => {
            app.group_campaigns = !app.group_campaigns;
            super::related::regroup(app);
            if app.group_campaigns && app.campaign_rows.is_empty() {
                let ready = app.dossier.related.get().is_some();
                show(
                    app,
                    crate::tui::words::related::no_campaign(app.lang, ready),
                    MessageKind::Info,
                );
            }
            keep_selection(app);
            recount(app);
        }
        Command::ToggleCampaign => super::related::toggle_campaign(app),
        Command::RelatedQuestions => match super::related::picker(app) {
            Ok(prompt) => app.prompt = Some(prompt),
            Err(why) => show(app, why, MessageKind::Info),
        },
        Command::OpenWeb | Command::OpenSource | Command::EditSource => {
            if let Some(q) = app.selected_question() {
                fx.push(Effect::Run(match command {
                    Command::OpenWeb => External::Browser(q.an_url()),
                    Command::OpenSource => External::Pager(q.source.clone()),
                    _ => External::Editor(q.source.clone()),
                }));
            }
        }
        Command::Reload => reload(app, fx),
        Command::Suspend => fx.push(Effect::Suspend),
        Command::Quit => app.quit = true,
        _ => {}
    }
}

/// Opens the dossier switcher; its choices are read in the background.
fn open_switcher(app: &mut App, fx: &mut Vec<Effect>) {
    if !matches!(app.origin, Origin::Library { .. }) && app.views_file.is_none() {
        let text = prompts::no_views_file(app.lang);
        show(app, text, MessageKind::Warning);
        return;
    }
    app.prompt = Some(Prompt::text(PromptKind::Switch, ""));
    fx.push(Effect::ListChoices {
        origin: app.origin.clone(),
        views_file: app.views_file.clone(),
    });
}

/// The current filter as a query: the filter line and the quick filters as terms.
fn current_query(app: &App) -> String {
    let mut parts = vec![app.filter.text.trim().to_string()];
    if app.only_unanswered {
        parts.push(
            app.lang
                .pick("statut:attente", "status:pending")
                .to_string(),
        );
    }
    if app.only_overdue {
        parts.push(app.lang.pick("est:retard", "is:overdue").to_string());
    }
    parts.retain(|p| !p.is_empty());
    parts.join(" ")
}

fn open_save_view(app: &mut App) {
    let lang = app.lang;
    if !matches!(app.origin, Origin::Library { .. }) && app.views_file.is_none() {
        show(app, prompts::no_views_file(lang), MessageKind::Warning);
        return;
    }
    if app.filter.error.is_some() {
        show(app, ui::words(lang).filter_hint, MessageKind::Warning);
        return;
    }
    if current_query(app).is_empty() {
        show(app, prompts::nothing_to_save(lang), MessageKind::Warning);
        return;
    }
    app.prompt = Some(Prompt::text(PromptKind::SaveView, ""));
}

fn open_export(app: &mut App) {
    if app.hits.is_empty() {
        let text = prompts::nothing_to_export(app.lang);
        show(app, text, MessageKind::Warning);
        return;
    }
    let choices = dossier_core::export::Format::ALL
        .iter()
        .map(|&f| Choice {
            label: prompts::format_name(app.lang, f).to_string(),
            detail: format!(".{}", f.extension()),
            value: ChoiceValue::Format(f),
        })
        .collect();
    let mut prompt = Prompt::text(PromptKind::ExportFormat, "");
    prompt.choices = Some(choices);
    refilter_choices(&mut prompt);
    app.prompt = Some(prompt);
}

/// The file an export is proposed to: in the export folder, named after the dossier and
/// the day.
fn default_export_path(app: &App, format: dossier_core::export::Format) -> String {
    let name = match &app.origin {
        Origin::Library {
            dossier: Some(d), ..
        } => d.clone(),
        _ => "dossier".to_string(),
    };
    let slug: String = name
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' {
                c
            } else {
                '-'
            }
        })
        .collect();
    let file = format!(
        "{slug}-{}.{}",
        app.today.format("%Y-%m-%d"),
        format.extension()
    );
    if app.export_dir == std::path::Path::new(".") {
        file
    } else {
        app.export_dir.join(file).display().to_string()
    }
}

fn ask_mark_shown(app: &mut App) {
    let lang = app.lang;
    if let Some(reason) = app.review.read_only_reason() {
        let text = ui::review_read_only(lang, &dossier_core::i18n::review::unusable(lang, reason));
        show(app, text, MessageKind::Warning);
        return;
    }
    let dossier = Arc::clone(&app.dossier);
    let ids: Vec<String> = app
        .shown_hits()
        .iter()
        .filter_map(|h| dossier.questions.get(h.index))
        .filter(|q| !app.review.is_reviewed(&q.id) || app.review.is_changed(q))
        .map(|q| q.id.clone())
        .collect();
    if ids.is_empty() {
        show(app, prompts::all_reviewed_already(lang), MessageKind::Info);
        return;
    }
    app.confirm = Some(Confirm::MarkShown(ids));
}

fn confirm_action(app: &mut App, action: Action, fx: &mut Vec<Effect>) {
    let answer = match action {
        Action::FilterInsert('o' | 'O' | 'y' | 'Y') | Action::Answer(true) => true,
        Action::FilterInsert('n' | 'N')
        | Action::Answer(false)
        | Action::Command(Command::FilterCancel | Command::Back) => false,
        Action::Command(Command::Quit) => {
            app.confirm = None;
            app.quit = true;
            return;
        }
        _ => return,
    };
    let Some(confirm) = app.confirm.take() else {
        return;
    };
    if !answer {
        // What the message said before the question no longer holds.
        app.message = None;
        return;
    }
    let lang = app.lang;
    match confirm {
        Confirm::ReplaceView(job) => fx.push(Effect::SaveView(SaveJob {
            replace: true,
            ..*job
        })),
        Confirm::MarkShown(ids) => {
            let dossier = Arc::clone(&app.dossier);
            let at: Vec<usize> = ids
                .iter()
                .filter_map(|id| dossier.get(id))
                .map(|(i, _)| i)
                .collect();
            // How each stands, on every core (the recount after reads them again).
            {
                use rayon::prelude::*;
                at.par_iter().for_each(|&i| {
                    dossier.snapshot(i);
                });
            }
            let marks = at.iter().filter_map(|&i| {
                let q = dossier.questions.get(i)?;
                Some((q.id.as_str(), dossier.snapshot(i)?.clone()))
            });
            match app.review.mark_all_reviewed_as(marks, app.today) {
                Ok(n) => {
                    show_save_news(app, SaveWhat::Marks(prompts::marked_shown(lang, n)));
                    review_changed(app, fx, Recount::ShownReviewed);
                }
                Err(e) => show(
                    app,
                    ui::review_read_only(lang, &error_text(lang, &e)),
                    MessageKind::Warning,
                ),
            }
        }
        Confirm::Overwrite(path, format) => fx.push(export_effect(app, path, format, true)),
    }
}

fn export_effect(
    app: &App,
    path: PathBuf,
    format: dossier_core::export::Format,
    overwrite: bool,
) -> Effect {
    Effect::Export(ExportJob {
        path,
        overwrite,
        format,
        dossier: Arc::clone(&app.dossier),
        shown: app.shown_hits().iter().map(|h| h.index).collect(),
        review: Arc::clone(&app.review_state),
        lang: app.lang,
        today: app.today,
        related_config: app.related_config.clone(),
    })
}

fn exported(app: &mut App, done: ExportDone) {
    let lang = app.lang;
    match done {
        ExportDone::Written { path, count } => {
            let text = prompts::exported(lang, count, &path.display().to_string());
            show(app, text, MessageKind::Info);
        }
        ExportDone::Exists(path, format) => app.confirm = Some(Confirm::Overwrite(path, format)),
        ExportDone::Failed(why) => show(
            app,
            prompts::export_failed(lang, &why),
            MessageKind::Warning,
        ),
    }
}

/// The choices of the open picker arrived.
fn choices_arrived(app: &mut App, listed: Result<Vec<Choice>, String>) {
    let Some(prompt) = app.prompt.as_mut().filter(|p| p.kind == PromptKind::Switch) else {
        return;
    };
    match listed {
        Ok(choices) => {
            prompt.choices = Some(choices);
            prompt.error = None;
            refilter_choices(prompt);
            // The dossier open is selected first, unless something is typed already (keys
            // typed in one burst with the key that opened the picker): the best match is.
            let current = match &app.origin {
                Origin::Library { dossier, .. } if prompt.text.trim().is_empty() => {
                    Some(dossier.clone())
                }
                _ => None,
            };
            if let (Some(current), Some(choices)) = (current, &prompt.choices) {
                if let Some(p) = prompt.shown.iter().position(|&i| {
                    choices.get(i).map(|c| &c.value) == Some(&ChoiceValue::Dossier(current.clone()))
                }) {
                    prompt.selected = p;
                }
            }
        }
        Err(why) => {
            prompt.choices = Some(Vec::new());
            prompt.error = Some(why);
        }
    }
}

/// Ranks the choices against what is typed: all, in their order, when nothing is; else
/// those that match (fuzzy, as a command palette does), best first.
pub fn refilter_choices(prompt: &mut Prompt) {
    use fuzzy_matcher::skim::SkimMatcherV2;
    use fuzzy_matcher::FuzzyMatcher;
    let Some(choices) = &prompt.choices else {
        prompt.shown.clear();
        return;
    };
    // Accents and case aside, as the filter does: "mem" finds "mémo".
    let typed = dossier_core::text::fold::fold(prompt.text.trim());
    prompt.shown = if typed.is_empty() {
        (0..choices.len()).collect()
    } else {
        let matcher = SkimMatcherV2::default().ignore_case();
        let fold = dossier_core::text::fold::fold;
        let mut scored: Vec<(i64, usize)> = choices
            .iter()
            .enumerate()
            .filter_map(|(i, c)| {
                let label = matcher.fuzzy_match(&fold(&c.label), &typed);
                let detail = matcher.fuzzy_match(&fold(&c.detail), &typed).map(|s| s / 2);
                label.max(detail).map(|s| (s, i))
            })
            .collect();
        scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        scored.into_iter().map(|(_, i)| i).collect()
    };
    prompt.selected = prompt.selected.min(prompt.shown.len().saturating_sub(1));
}

fn prompt_action(app: &mut App, action: Action, fx: &mut Vec<Effect>) {
    let Some(prompt) = app.prompt.as_mut() else {
        return;
    };
    prompt.cursor = prompt.cursor.min(prompt.text.len());
    let mut edited = false;
    match action {
        Action::FilterInsert(c) => {
            prompt.text.insert(prompt.cursor, c);
            prompt.cursor += c.len_utf8();
            edited = true;
        }
        Action::Paste(text) => {
            let text: String = text
                .chars()
                .map(|c| if c.is_control() { ' ' } else { c })
                .collect();
            prompt.text.insert_str(prompt.cursor, &text);
            prompt.cursor += text.len();
            edited = true;
        }
        Action::Click(..) => app.prompt = None,
        Action::Command(command) => match command {
            Command::FilterBackspace if prompt.cursor > 0 => {
                let start = prev_boundary(&prompt.text, prompt.cursor);
                prompt.text.replace_range(start..prompt.cursor, "");
                prompt.cursor = start;
                edited = true;
            }
            Command::FilterClear => {
                prompt.text.replace_range(..prompt.cursor, "");
                prompt.cursor = 0;
                edited = true;
            }
            Command::FilterDelete if prompt.cursor < prompt.text.len() => {
                let end = next_boundary(&prompt.text, prompt.cursor);
                prompt.text.replace_range(prompt.cursor..end, "");
                edited = true;
            }
            Command::FilterDeleteWord => {
                let trimmed = prompt.text[..prompt.cursor].trim_end();
                let start = trimmed.rfind(' ').map_or(0, |i| i + 1);
                prompt.text.replace_range(start..prompt.cursor, "");
                prompt.cursor = start;
                edited = true;
            }
            Command::FilterLeft => prompt.cursor = prev_boundary(&prompt.text, prompt.cursor),
            Command::FilterRight => prompt.cursor = next_boundary(&prompt.text, prompt.cursor),
            Command::FilterHome => prompt.cursor = 0,
            Command::FilterEnd => prompt.cursor = prompt.text.len(),
            Command::Down => {
                prompt.selected = (prompt.selected + 1).min(prompt.shown.len().saturating_sub(1))
            }
            Command::Up => prompt.selected = prompt.selected.saturating_sub(1),
            Command::FilterCancel | Command::Back => app.prompt = None,
            Command::FilterAccept => accept_prompt(app, fx),
            Command::Quit => {
                app.prompt = None;
                app.quit = true;
            }
            _ => {}
        },
        _ => {}
    }
    if edited {
        if let Some(prompt) = app.prompt.as_mut() {
            prompt.error = None;
            if prompt.is_picker() {
                prompt.selected = 0;
                refilter_choices(prompt);
            }
        }
    }
}

fn accept_prompt(app: &mut App, fx: &mut Vec<Effect>) {
    let Some(prompt) = app.prompt.clone() else {
        return;
    };
    let lang = app.lang;
    let refuse = |app: &mut App, why: &str| {
        if let Some(p) = app.prompt.as_mut() {
            p.error = Some(why.to_string());
        }
    };
    match &prompt.kind {
        PromptKind::Switch | PromptKind::ExportFormat => {
            let Some(choice) = prompt.chosen().cloned() else {
                return;
            };
            match choice.value {
                ChoiceValue::Dossier(name) => {
                    app.prompt = None;
                    let Origin::Library { dir, dossier } = &app.origin else {
                        return;
                    };
                    if *dossier == name {
                        return;
                    }
                    let origin = Origin::Library {
                        dir: dir.clone(),
                        dossier: name.clone(),
                    };
                    app.switching = true;
                    let label = name.unwrap_or_else(|| prompts::whole_library(lang).to_string());
                    show(app, prompts::opening(lang, &label), MessageKind::Info);
                    fx.push(Effect::OpenReview(origin));
                }
                ChoiceValue::View(view) => {
                    app.prompt = None;
                    apply_view(app, &view, fx);
                }
                ChoiceValue::Format(format) => {
                    let path = default_export_path(app, format);
                    app.prompt = Some(Prompt::text(PromptKind::ExportPath(format), &path));
                }
                ChoiceValue::Question(_) => {}
            }
        }
        PromptKind::Related(from) => {
            let Some(ChoiceValue::Question(id)) = prompt.chosen().map(|c| c.value.clone()) else {
                return;
            };
            app.prompt = None;
            if let Some((text, kind, refilter)) = super::related::go_to(app, from, &id) {
                show(app, text, kind);
                if refilter {
                    filter_changed(app, fx);
                }
            }
            app.focus = Pane::List;
        }
        PromptKind::SaveView => {
            let name = prompt.text.trim().to_string();
            if let Err(e) = dossier_core::library::dossiers::check_name(&name) {
                refuse(app, &dossier_core::i18n::library::dossier_error(lang, &e));
                return;
            }
            app.prompt = None;
            // The answer may ask before replacing: the keys typed next wait for it.
            app.awaiting_mode = true;
            fx.push(Effect::SaveView(SaveJob {
                origin: app.origin.clone(),
                views_file: app.views_file.clone(),
                name,
                query: current_query(app),
                sort: app.sort.as_str().to_string(),
                replace: false,
            }));
        }
        PromptKind::ExportPath(format) => {
            let path = prompt.text.trim();
            if path.is_empty() {
                refuse(app, prompts::file_needed(lang));
                return;
            }
            let path = PathBuf::from(path);
            app.prompt = None;
            // The answer may ask before replacing: the keys typed next wait for it.
            app.awaiting_mode = true;
            fx.push(export_effect(app, path, *format, false));
        }
    }
}

/// Shows a saved view: its filter and its sort.
fn apply_view(app: &mut App, view: &dossier_core::views::SavedView, fx: &mut Vec<Effect>) {
    app.filter.text = view.query.clone();
    app.filter.cursor = view.query.len();
    app.only_unanswered = false;
    app.only_overdue = false;
    if let Some(sort) = view.sort.as_deref().and_then(|s| s.parse().ok()) {
        app.sort = sort;
    }
    let name = view.name.clone();
    show(
        app,
        prompts::view_applied(app.lang, &name),
        MessageKind::Info,
    );
    filter_changed(app, fx);
}

/// The review store of the dossier switched to is open: once the current store's saves are
/// done, it takes its place and the dossier is loaded.
fn switched(app: &mut App, origin: Origin, review: Box<ReviewStore>, fx: &mut Vec<Effect>) {
    if app.saving == Saving::Running || app.review.save_pending() {
        app.pending_switch = Some((origin, review));
        return;
    }
    app.switching = false;
    app.review = *review;
    app.origin = origin;
    app.filter = Default::default();
    app.editing_filter = false;
    app.selected_id = None;
    app.selected = 0;
    app.hits.clear();
    app.dossier = Arc::new(Dossier::empty());
    app.first_load = true;
    app.note_awaits_read = None;
    app.review_read_pending = false;
    app.saving = Saving::Idle;
    app.save_news = None;
    app.review_state = Arc::new(app.review.state().clone());
    reload(app, fx);
    refresh_hits(app, fx);
}
