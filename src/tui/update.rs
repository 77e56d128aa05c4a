//! The only place where the state changes: `update(&mut App, Action)`.

use super::action::Action;
use super::app::{App, MessageKind, Overlay, Pane};
use super::i18n::{strings, Phrases};
use super::view::{detail, overlay, timeline};
use dossier_core::query::Query;
use ratatui::layout::{Position, Rect};

/// Something the event loop must do outside the state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Put this text on the clipboard (OSC 52).
    Copy(String),
    /// Read the dossier from disk again.
    Reload,
}

/// Applies an action to the state.
pub fn update(app: &mut App, action: Action) -> Option<Effect> {
    match action {
        Action::Quit => app.quit = true,
        Action::Resize(w, h) => {
            app.size = Rect::new(0, 0, w, h);
            app.clamp_list();
        }
        Action::Tick => {
            if let Some(m) = &mut app.message {
                m.ticks_left = m.ticks_left.saturating_sub(1);
                if m.ticks_left == 0 {
                    app.message = None;
                }
            }
        }
        _ if app.note_editor.is_some() => note_action(app, action),
        _ if app.overlay != Overlay::None => overlay_action(app, action),
        _ if app.editing_filter => filter_action(app, action),
        action => return normal_action(app, action),
    }
    None
}

fn note_action(app: &mut App, action: Action) {
    let Some(editor) = app.note_editor.as_mut() else {
        return;
    };
    match action {
        Action::NoteInput(key) => {
            editor.text.input(key);
        }
        Action::NoteCancel => app.note_editor = None,
        Action::NoteSave => {
            let Some(editor) = app.note_editor.take() else {
                return;
            };
            let note = editor.text.lines().join("\n");
            let q = &app.dossier.questions[editor.index];
            let phrases = Phrases(app.lang);
            match app.review.set_note(q, note, app.today) {
                Ok(()) => {
                    let text = phrases.note_saved(&editor.id);
                    app.review_changed();
                    app.show(text, MessageKind::Info);
                }
                Err(e) => {
                    // Keep the editor open with the text, so nothing typed is lost.
                    app.show(phrases.not_saved(&e.to_string()), MessageKind::Warning);
                    app.note_editor = Some(editor);
                }
            }
        }
        Action::Quit => {}
        _ => {}
    }
}

fn review_action(app: &mut App, action: Action) {
    let Some(index) = app.selected_index() else {
        return;
    };
    let dossier = std::sync::Arc::clone(&app.dossier);
    let q = &dossier.questions[index];
    let phrases = Phrases(app.lang);
    let result = match action {
        Action::ToggleReviewed => app
            .review
            .toggle_reviewed(q, app.today)
            .map(|on| phrases.reviewed(&q.id, on)),
        Action::ToggleFlag => app
            .review
            .toggle_flag(q, app.today)
            .map(|on| phrases.flagged(&q.id, on)),
        _ => return,
    };
    match result {
        Ok(text) => {
            app.review_changed();
            app.show(text, MessageKind::Info);
        }
        Err(e) => app.show(phrases.not_saved(&e.to_string()), MessageKind::Warning),
    }
}

fn open_note_editor(app: &mut App) {
    let Some(index) = app.selected_index() else {
        return;
    };
    let q = &app.dossier.questions[index];
    if let Some(reason) = app.review.read_only_reason() {
        let text = Phrases(app.lang).review_read_only(reason);
        app.show(text, MessageKind::Warning);
        return;
    }
    let note = app
        .review
        .entry(&q.id)
        .map(|e| e.note.clone())
        .unwrap_or_default();
    let lines: Vec<String> = if note.is_empty() {
        vec![String::new()]
    } else {
        note.lines().map(str::to_string).collect()
    };
    let mut text = tui_textarea::TextArea::new(lines);
    text.move_cursor(tui_textarea::CursorMove::Bottom);
    text.move_cursor(tui_textarea::CursorMove::End);
    app.note_editor = Some(super::app::NoteEditor {
        id: q.id.clone(),
        index,
        text,
    });
}

/// Moves to the next (or previous) shown question that waits for an answer and is not
/// reviewed yet, wrapping around the list.
fn jump_to_review(app: &mut App, forward: bool) {
    let n = app.hits.len();
    if n == 0 {
        return;
    }
    let wanted = |app: &App, position: usize| {
        let q = &app.dossier.questions[app.hits[position].index];
        q.status == dossier_core::model::Status::Pending && !app.review.is_reviewed(q)
    };
    let found = (1..=n)
        .map(|step| {
            if forward {
                (app.selected + step) % n
            } else {
                (app.selected + n - step % n) % n
            }
        })
        .find(|&p| wanted(app, p));
    match found {
        Some(p) => {
            app.selected = p;
            app.detail_scroll = 0;
            app.timeline_scroll = 0;
            app.clamp_list();
        }
        None => {
            let text = Phrases(app.lang).nothing_to_review();
            app.show(text, MessageKind::Info);
        }
    }
}

fn overlay_action(app: &mut App, action: Action) {
    let lines = match app.overlay {
        Overlay::Help(_) => overlay::help_lines(app).len(),
        Overlay::Diagnostics(_) => overlay::diagnostics_lines(app).len(),
        Overlay::None => 0,
    };
    let page = app.size.height.saturating_sub(4).max(1) as usize;
    let max = lines.saturating_sub(page);
    let scroll = match app.overlay {
        Overlay::Help(s) | Overlay::Diagnostics(s) => s,
        Overlay::None => 0,
    };
    let scroll = match action {
        Action::Down | Action::ScrollDownAt(..) => scroll + 1,
        Action::Up | Action::ScrollUpAt(..) => scroll.saturating_sub(1),
        Action::PageDown | Action::HalfPageDown => scroll + page,
        Action::PageUp | Action::HalfPageUp => scroll.saturating_sub(page),
        Action::Top => 0,
        Action::Bottom => max,
        Action::ToggleHelp if matches!(app.overlay, Overlay::Help(_)) => {
            app.overlay = Overlay::None;
            return;
        }
        Action::ToggleHelp => {
            app.overlay = Overlay::Help(0);
            return;
        }
        Action::ToggleDiagnostics if matches!(app.overlay, Overlay::Diagnostics(_)) => {
            app.overlay = Overlay::None;
            return;
        }
        Action::ToggleDiagnostics => {
            app.overlay = Overlay::Diagnostics(0);
            return;
        }
        Action::Back | Action::ClickAt(..) => {
            app.overlay = Overlay::None;
            return;
        }
        _ => return,
    }
    .min(max);
    app.overlay = match app.overlay {
        Overlay::Help(_) => Overlay::Help(scroll),
        Overlay::Diagnostics(_) => Overlay::Diagnostics(scroll),
        Overlay::None => Overlay::None,
    };
}

/// Re-parses the filter text; the list follows at once when it parses.
fn filter_changed(app: &mut App) {
    match Query::parse(&app.filter.text) {
        Ok(query) => {
            app.filter.error = None;
            app.filter.query = query;
            app.detail_scroll = 0;
            app.refresh();
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

fn filter_action(app: &mut App, action: Action) {
    let f = &mut app.filter;
    f.cursor = f.cursor.min(f.text.len());
    match action {
        Action::FilterInsert(c) => {
            f.text.insert(f.cursor, c);
            f.cursor += c.len_utf8();
            filter_changed(app);
        }
        Action::FilterBackspace if f.cursor > 0 => {
            let start = prev_boundary(&f.text, f.cursor);
            f.text.replace_range(start..f.cursor, "");
            f.cursor = start;
            filter_changed(app);
        }
        Action::FilterDelete if f.cursor < f.text.len() => {
            let end = next_boundary(&f.text, f.cursor);
            f.text.replace_range(f.cursor..end, "");
            filter_changed(app);
        }
        Action::FilterDeleteWord => {
            let before = &f.text[..f.cursor];
            let trimmed = before.trim_end();
            let start = trimmed.rfind(' ').map_or(0, |i| i + 1);
            f.text.replace_range(start..f.cursor, "");
            f.cursor = start;
            filter_changed(app);
        }
        Action::FilterLeft => f.cursor = prev_boundary(&f.text, f.cursor),
        Action::FilterRight => f.cursor = next_boundary(&f.text, f.cursor),
        Action::FilterHome => f.cursor = 0,
        Action::FilterEnd => f.cursor = f.text.len(),
        Action::FilterAccept => {
            app.editing_filter = false;
            if app.filter.error.is_some() {
                // Keep what the list shows; the error stays visible until fixed.
                app.show(
                    strings(app.lang).filter_hint.to_string(),
                    MessageKind::Warning,
                );
            }
            app.focus = Pane::List;
            app.clamp_list();
        }
        Action::FilterCancel => {
            app.editing_filter = false;
            app.filter = Default::default();
            app.refresh();
            app.clamp_list();
        }
        Action::Down => move_selection(app, 1),
        Action::Up => move_selection(app, -1),
        Action::Quit => app.quit = true,
        _ => {}
    }
}

fn move_selection(app: &mut App, delta: isize) {
    if app.hits.is_empty() {
        return;
    }
    let last = app.hits.len() - 1;
    let target = (app.selected as isize + delta).clamp(0, last as isize) as usize;
    if target != app.selected {
        app.selected = target;
        app.detail_scroll = 0;
        app.timeline_scroll = 0;
    }
    app.clamp_list();
}

fn detail_metrics(app: &App) -> (usize, usize, Vec<usize>) {
    let Some(area) = app.areas().detail else {
        return (0, 1, Vec::new());
    };
    let Some(index) = app.selected_index() else {
        return (0, 1, Vec::new());
    };
    let lines = detail::lines_for(app, index, detail::text_width(area));
    let height = area.height.saturating_sub(2).max(1) as usize;
    (
        lines.lines.len().saturating_sub(height),
        height,
        lines.matches,
    )
}

fn timeline_metrics(app: &App) -> (usize, usize) {
    let Some(area) = app.areas().timeline else {
        return (0, 1);
    };
    let Some(index) = app.selected_index() else {
        return (0, 1);
    };
    if app.chronology {
        return (0, 1);
    }
    let count = timeline::lines(app, index, area.width.saturating_sub(2) as usize).len();
    let height = area.height.saturating_sub(2).max(1) as usize;
    (count.saturating_sub(height), height)
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
            let (max, page, _) = detail_metrics(app);
            app.detail_scroll = scrolled(app.detail_scroll, step, page, max);
        }
        Pane::Timeline => {
            let (max, page) = timeline_metrics(app);
            app.timeline_scroll = scrolled(app.timeline_scroll, step, page, max);
        }
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

fn jump_to_match(app: &mut App, forward: bool) {
    let (max, _, matches) = detail_metrics(app);
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
            if app.areas().detail.is_some() && app.focus == Pane::List {
                app.focus = Pane::Detail;
            }
        }
        None => {
            let text = Phrases(app.lang).no_more_matches();
            app.show(text, MessageKind::Info);
        }
    }
}

fn pane_at(app: &App, x: u16, y: u16) -> Option<(Pane, Rect)> {
    let areas = app.areas();
    let at = Position::new(x, y);
    [
        (Pane::List, areas.list),
        (Pane::Detail, areas.detail),
        (Pane::Timeline, areas.timeline),
    ]
    .into_iter()
    .find_map(|(pane, r)| r.filter(|r| r.contains(at)).map(|r| (pane, r)))
}

fn normal_action(app: &mut App, action: Action) -> Option<Effect> {
    match action {
        Action::Down => scroll_focused(app, Step::Line(1)),
        Action::Up => scroll_focused(app, Step::Line(-1)),
        Action::PageDown => scroll_focused(app, Step::Page(1)),
        Action::PageUp => scroll_focused(app, Step::Page(-1)),
        Action::HalfPageDown => scroll_focused(app, Step::Half(1)),
        Action::HalfPageUp => scroll_focused(app, Step::Half(-1)),
        Action::Top => scroll_focused(app, Step::Top),
        Action::Bottom => scroll_focused(app, Step::Bottom),
        Action::FocusNext => {
            app.focus = app.focus.next();
            app.clamp_list();
        }
        Action::FocusPrev => {
            app.focus = app.focus.prev();
            app.clamp_list();
        }
        Action::Open if app.focus == Pane::List && !app.hits.is_empty() => {
            app.focus = Pane::Detail;
            app.clamp_list();
        }
        Action::Back => {
            if app.focus != Pane::List {
                app.focus = Pane::List;
                app.clamp_list();
            } else if !app.filter.text.is_empty() {
                app.filter = Default::default();
                app.refresh();
            }
        }
        Action::OpenFilter => {
            app.editing_filter = true;
            app.filter.cursor = app.filter.text.len();
            app.clamp_list();
        }
        Action::NextMatch => jump_to_match(app, true),
        Action::PrevMatch => jump_to_match(app, false),
        Action::ToggleHelp => app.overlay = Overlay::Help(0),
        Action::ToggleDiagnostics => app.overlay = Overlay::Diagnostics(0),
        Action::CycleSort => {
            app.sort = app.sort.next();
            app.refresh();
        }
        Action::ReverseSort => {
            app.reverse = !app.reverse;
            app.refresh();
        }
        Action::ToggleUnanswered => {
            app.only_unanswered = !app.only_unanswered;
            app.refresh();
        }
        Action::ToggleOverdue => {
            app.only_overdue = !app.only_overdue;
            app.refresh();
        }
        Action::ToggleChronology => {
            app.chronology = !app.chronology;
            app.timeline_scroll = 0;
        }
        Action::CopyCitation => {
            if let Some(q) = app.selected_question() {
                let citation = Phrases(app.lang).citation(q);
                let copied = strings(app.lang).copied;
                app.show(format!("{copied} : {citation}"), MessageKind::Info);
                return Some(Effect::Copy(citation));
            }
        }
        Action::ToggleReviewed | Action::ToggleFlag => review_action(app, action),
        Action::EditNote => open_note_editor(app),
        Action::NextToReview => jump_to_review(app, true),
        Action::PrevToReview => jump_to_review(app, false),
        Action::Reload => return Some(Effect::Reload),
        Action::ScrollDownAt(x, y) | Action::ScrollUpAt(x, y) => {
            let down = matches!(action, Action::ScrollDownAt(..));
            if let Some((pane, _)) = pane_at(app, x, y) {
                let focus = app.focus;
                app.focus = pane;
                scroll_focused(app, Step::Line(if down { 3 } else { -3 }));
                if pane != Pane::List {
                    app.focus = focus;
                }
            }
        }
        Action::ClickAt(x, y) => {
            if let Some((pane, rect)) = pane_at(app, x, y) {
                app.focus = pane;
                if pane == Pane::List {
                    // Rows start below the top border and the header.
                    let row = y.saturating_sub(rect.y + 2) as usize;
                    if y >= rect.y + 2 && app.list_offset + row < app.hits.len() {
                        app.selected = app.list_offset + row;
                        app.detail_scroll = 0;
                        app.timeline_scroll = 0;
                    }
                }
                app.clamp_list();
            }
        }
        _ => {}
    }
    None
}
