//! The status bar's messages: shown for a while and kept in the log; a message about a
//! change to the review marks follows its save ("saving…" until the change is on disk);
//! a message that no longer holds once the user acts on it is cleared by what it was about
//! (typed, never by comparing its words).

use super::app::{App, Message, MessageKind, SaveNews, SaveState, SaveWhat};
pub use super::message::About;
use super::words::ui;

/// Clears the message shown if it is about this.
pub fn clear_if(app: &mut App, about: About) {
    if app.message_about == Some(about) {
        app.message = None;
        app.message_about = None;
    }
}

/// Shows a message about something that acting on makes stale (see [`clear_if`]).
pub fn show_about(app: &mut App, text: impl Into<String>, kind: MessageKind, about: About) {
    show(app, text, kind);
    app.message_about = Some(about);
}

/// Shows a transient message, and keeps it in the log.
pub fn show(app: &mut App, text: impl Into<String>, kind: MessageKind) {
    let message = Message {
        text: text.into(),
        kind,
        ticks_left: 24,
        seq: 0,
    };
    let seq = app.log.push(message.clone());
    app.message = Some(Message { seq, ..message });
    app.message_about = None;
    app.save_news = None;
}

/// Shows a message about a change to the review marks, worded after where its save stands
/// (see [`settle_save_news`]).
pub fn show_save_news(app: &mut App, what: SaveWhat) {
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
pub fn settle_save_news(app: &mut App) {
    let Some(news) = app.save_news.clone() else {
        return;
    };
    let (text, kind) = save_news_text(app, &news);
    let Some(message) = app.message.as_mut() else {
        app.save_news = None;
        return;
    };
    if message.text != text || message.kind != kind {
        app.log.reword(message.seq, &text, kind);
        message.text = text;
        message.kind = kind;
    }
    if app.save_state_of(news.generation) == SaveState::Saved {
        app.save_news = None;
    }
}

/// Adds to the current message (load warnings and review changes both matter at start).
pub fn show_also(app: &mut App, text: String, kind: MessageKind) {
    match app.message.take() {
        Some(previous) => {
            let kind = if previous.kind == MessageKind::Warning {
                previous.kind
            } else {
                kind
            };
            let seq = app.log.push(Message {
                text: text.clone(),
                kind,
                ticks_left: 0,
                seq: 0,
            });
            app.message = Some(Message {
                text: format!("{} · {text}", previous.text),
                kind,
                ticks_left: 24,
                seq,
            });
        }
        None => show(app, text, kind),
    }
}
