//! The note editor's keys: every key edits the note (Enter breaks the line), Ctrl-s saves
//! it, Esc closes it (asking first, over it, when the draft changed), Ctrl-c quits (asking
//! the same). The editor opens at once; what a read of the review files brings meanwhile is
//! merged in when it arrives, nothing typed nor saved by others lost.

use crate::tui::action::Action;
use crate::tui::app::layers::{Confirm, Layer, NoteEditor};
use crate::tui::app::{App, MessageKind, SaveWhat};
use crate::tui::command::Command;
use crate::tui::effect::Effect;
use crate::tui::marks::{self, Recount};
use crate::tui::messages::{show, show_save_news};
use crate::tui::widgets::editor::Editor;
use crate::tui::words::ui;
use dossier_core::i18n::review as review_words;
use dossier_core::review::{NoteOutcome, NoteVersion, NoteView};

/// Opens the editor on the selected question's note, and reads the review files meanwhile
/// (another window or a colleague may have saved the note since).
pub fn open(app: &mut App, fx: &mut Vec<Effect>) {
    let Some(id) = app.selected_question().map(|q| q.id.to_string()) else {
        return;
    };
    if let Some(reason) = app.review.read_only_reason() {
        let lang = app.lang;
        let text = ui::review_read_only(lang, &review_words::unusable(lang, reason));
        show(app, text, MessageKind::Warning);
        return;
    }
    // The editor opens at once, so that the keys typed next are the note's.
    app.layers.push(Layer::Note(editor(app, id.clone())));
    marks::read(app, fx, Some(id));
}

/// Handles an action; none closes the editor.
pub fn handle(
    app: &mut App,
    mut editor: NoteEditor,
    action: Action,
    _fx: &mut Vec<Effect>,
) -> Option<NoteEditor> {
    let lang = app.lang;
    let cols = app.cache.areas.status.width.clamp(20, 78).saturating_sub(2) as usize;
    match action {
        Action::NoteKey(key) => {
            editor.text.key(&key, cols);
        }
        Action::Paste(text) => editor
            .text
            .insert(&text.replace("\r\n", "\n").replace('\r', "\n")),
        Action::Command(c @ (Command::NoteCancel | Command::Quit)) => {
            let and_quit = c == Command::Quit;
            if editor.changed() {
                app.layers
                    .push(Layer::Confirm(Confirm::Discard { and_quit }));
            } else {
                app.quit |= and_quit;
                return None;
            }
        }
        Action::Command(Command::NoteSave) => {
            let draft = editor.draft();
            let id = editor.id.clone();
            match app.review.set_note(&id, &draft, &editor.base) {
                Ok(NoteOutcome::Unchanged) => {
                    show(app, ui::note_unchanged(lang, &id), MessageKind::Info);
                    return None;
                }
                Ok(saved) => {
                    let deleted = saved == NoteOutcome::Deleted;
                    show_save_news(app, SaveWhat::Note { id, deleted });
                    marks::changed(app, Recount::One(false, false));
                    return None;
                }
                // The editor stays open with the text, so nothing typed is lost.
                Err(e) => show(
                    app,
                    ui::review_read_only(lang, &review_words::error(lang, &e)),
                    MessageKind::Warning,
                ),
            }
        }
        _ => {}
    }
    Some(editor)
}

/// Before exit: a changed draft is saved (a signal or a vanished terminal must not lose
/// it).
pub fn flush(app: &mut App) {
    let Some(editor) = app.layers.note() else {
        return;
    };
    if editor.changed() {
        let (id, draft, base) = (editor.id.clone(), editor.draft(), editor.base.clone());
        let _ = app.review.set_note(&id, &draft, &base);
        marks::changed(app, Recount::One(false, false));
    }
    app.layers
        .close(|l| matches!(l, Layer::Note(_) | Layer::Confirm(Confirm::Discard { .. })));
}

/// The review files were read after the note editor opened on `id`. A draft still as it
/// opened starts again from the note as it is now; a draft already typed is kept as typed,
/// with its base, and the versions saved meanwhile are shown beside it: saving it then
/// keeps them beside it, as a conflict. Nothing typed, nor saved by others, is lost.
pub fn read_arrived(app: &mut App, id: &str) {
    let base = app.review.note_base(id);
    let review = &app.review;
    let asking = app.layers.asks_discard();
    let fresh = editor(app, id.to_string());
    let Some(editor) = app.layers.note_mut().filter(|e| e.id == id) else {
        return;
    };
    if editor.base == base {
        return;
    }
    if !editor.changed() && !asking {
        *editor = fresh;
        return;
    }
    let arrived: Vec<NoteVersion> = review
        .entry(id)
        .map(|e| {
            e.note
                .iter()
                .filter(|v| editor.base.seen.get(&v.by).is_none_or(|&t| t < v.t))
                .cloned()
                .collect()
        })
        .unwrap_or_default();
    editor.conflict.extend(arrived);
}

/// An editor on the note of question `id` as the store holds it.
fn editor(app: &App, id: String) -> NoteEditor {
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
    }
}
