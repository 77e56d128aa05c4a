//! The screen: laid out after every change ([`refresh`]), drawn from that ([`draw`]). This is
//! where the state meets the panes: each pane is handed what it shows, and its content is
//! built again only when the key of what it shows changed (the dossier, the rows, the
//! selection, the review state, the messages, the width… each compared, none bumped by
//! hand). Drawing is a pure function of the state and builds nothing; the bars and the
//! windows over the panes are drawn by the files beside this one.
//!
//! The layout may be for another size than the frame's (a terminal resized while the viewer
//! was stopped or had handed it over, before the size is read again): every area is clipped
//! to the frame, and the widgets' helpers clip to the buffer, so that drawing never writes
//! outside it, whatever size the state believes in.

pub mod filter_line;
pub mod note;
pub mod status;
pub mod windows;

use super::app::layers::{Layer, OverlayKind};
use super::app::App;
use super::command::Command;
use super::keymap::Mode;
use super::overlays;
use super::panes::{self, chronology, detail, keep, key, list, text_width, timeline};
use super::panes::{Arrangement, Ctx, Pane};
use super::words::ui;
use dossier_core::library::Origin;
use dossier_core::text::sanitize::is_unsafe;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::Frame;
use std::sync::Arc;

/// What every pane's content is built with.
pub fn ctx(app: &App) -> Ctx<'_> {
    Ctx {
        lang: app.lang,
        theme: &app.theme,
        today: app.today,
    }
}

/// The identity of the dossier shown and of what was found of it since its load (a new
/// load is a new `Arc`; the relations and the word index arrive later).
fn dossier_key(app: &App) -> (usize, bool) {
    (
        Arc::as_ptr(&app.dossier) as usize,
        app.dossier.related.get().is_some(),
    )
}

/// The identity of the review state (a new `Arc` at every change).
fn review_key(app: &App) -> usize {
    Arc::as_ptr(&app.review_state) as usize
}

/// Lays out the screen and builds what changed. Called by `update` after every action.
pub fn refresh(app: &mut App) {
    let overlay = app.layers.overlay().map(|o| o.kind);
    let mut areas = panes::areas(
        app.size,
        Arrangement {
            focus: app.focus,
            rows: app.hits.len(),
            filter_line: app.layers.typing_filter() || !app.filter.text().is_empty(),
            overlay: overlay.map(|k| k == OverlayKind::Help),
        },
    );
    let ctx = Ctx {
        lang: app.lang,
        theme: &app.theme,
        today: app.today,
    };
    let dossier = dossier_key(app);
    let review = review_key(app);
    let selected = app.selected_index();
    let cache = &mut app.cache;

    // The list's columns follow the rows shown and the width.
    if let Some(area) = areas.list {
        let width = area.width.saturating_sub(3) as usize;
        let k = key(&(dossier, app.hits.version(), width, app.lang));
        let (hits, questions) = (&app.hits, &app.dossier.rows);
        keep(&mut cache.columns, k, || {
            let shown = hits.iter().filter_map(|h| questions.get(h.index));
            list::choose(shown, ctx.lang, width)
        });
    }

    let selected_id = selected
        .and_then(|i| app.dossier.rows.get(i))
        .map(|q| &*q.id);
    if let (Some(area), Some(index)) = (areas.detail, selected) {
        let width = text_width(area);
        let terms = app.filter.query.highlight();
        let related_keys = app
            .keymap
            .keys_label(Mode::Normal, Command::RelatedQuestions, app.lang);
        let k = key(&(
            dossier,
            review,
            selected_id,
            width,
            &terms,
            app.lang,
            &related_keys,
        ));
        let input = detail::DetailInput {
            index,
            dossier: &app.dossier,
            review: &app.review,
            related_keys: &related_keys,
            terms: &terms,
        };
        keep(&mut cache.detail, k, || {
            detail::build(&input, ctx, width as usize)
        });
    }

    // The timeline: on tall panes the question's dates on top, the dossier's below.
    if let Some(area) = areas.timeline {
        if app.chronology {
            areas.chronology = Some(area);
            areas.timeline = None;
        } else if let Some(index) = selected {
            let width = area.width.saturating_sub(2) as usize;
            let k = key(&(dossier, selected_id, width, app.lang));
            let d = &app.dossier;
            if let Some(t) = d.timings.get(index) {
                // The question's events are read when the key changed only.
                keep(&mut cache.timeline, k, || match d.question(index) {
                    Some(q) => timeline::lines(&q, t, ctx, width),
                    None => Vec::new(),
                });
            }
            if area.height >= 28 {
                let needed = cache.timeline.as_ref().map_or(0, |t| t.1.len()) as u16 + 2;
                let top = needed.clamp(8, area.height / 2);
                areas.timeline = Some(Rect {
                    height: top,
                    ..area
                });
                areas.chronology = Some(Rect {
                    y: area.y + top,
                    height: area.height - top,
                    ..area
                });
            }
        }
    }
    if let Some(area) = areas.chronology {
        // Counts over the questions shown: the selection only moves the marks, drawn later.
        let slots = area.width.saturating_sub(2) as usize;
        let k = key(&(dossier, app.hits.version(), slots, app.lang));
        let shown = app.ungrouped.as_deref().unwrap_or(&app.hits);
        let questions = &app.dossier.rows;
        keep(&mut cache.chronology, k, || {
            let shown = shown.iter().filter_map(|h| questions.get(h.index));
            chronology::compute(shown, ctx.lang, slots)
        });
    }

    if let (Some(area), Some(kind)) = (areas.overlay, overlay) {
        let width = area.width.saturating_sub(3) as usize;
        match kind {
            OverlayKind::Help => {
                let k = key(&(kind, width, app.lang));
                let keymap = &app.keymap;
                keep(&mut cache.overlay, k, || {
                    overlays::help::lines(keymap, ctx, width)
                });
            }
            OverlayKind::Log => {
                let k = key(&(kind, width, app.lang, app.log.version(), dossier, review));
                let (log, d, r) = (&app.log, &app.dossier, &app.review);
                keep(&mut cache.overlay, k, || {
                    overlays::log::lines(log, &d.diagnostics, r.unreadable_files(), ctx, width)
                });
            }
            OverlayKind::News => {
                if let Some(shown) = &app.news {
                    let origin = &app.origin;
                    let shown_key = Arc::as_ptr(shown) as usize;
                    let k = key(&(kind, width, app.lang, shown_key));
                    keep(&mut cache.overlay, k, || {
                        overlays::news::lines(shown, origin, ctx, width)
                    });
                }
            }
        }
    }
    // The scoreboard screen: all but the status bar; its rows in the order asked.
    if let Some(sort) = app.layers.board().map(|b| b.sort) {
        areas.board = Some(Rect {
            height: app.size.height.saturating_sub(1),
            ..app.size
        });
        match app.scoreboard().cloned() {
            Some(scores) => {
                let k = key(&(Arc::as_ptr(&scores) as usize, sort));
                keep(&mut app.cache.board, k, || {
                    overlays::scoreboard::order(&scores, sort)
                });
            }
            None => app.cache.board = None,
        }
    }
    app.cache.areas = areas;
}

/// The part of `area` inside the frame, if any.
fn visible(area: Option<Rect>, screen: Rect) -> Option<Rect> {
    area.map(|r| r.intersection(screen))
        .filter(|r| !r.is_empty())
}

/// Draws the whole screen for the current state.
pub fn draw(app: &App, frame: &mut Frame) {
    let area = frame.area();
    if area.width == 0 || area.height == 0 {
        return;
    }
    let ctx = ctx(app);
    let areas = app.cache.areas;
    let selected = app.selected_question();
    if let Some(r) = visible(areas.list, area) {
        let view = list::ListView {
            lang: app.lang,
            theme: &app.theme,
            dossier: &app.dossier,
            hits: &app.hits,
            selected: app.selected,
            offset: app.list_offset,
            review: &app.review,
            campaign_rows: &app.campaign_rows,
            columns: app.cache.columns.as_ref().map(|c| *c.1).unwrap_or_default(),
            dossier_name: match &app.origin {
                Origin::Library {
                    dossier: Some(name),
                    ..
                } => Some(name.as_str()),
                _ => None,
            },
            grouped: app.group_campaigns,
            relevance: app.filter.query.has_free_words(),
            sort: app.sort,
            reverse: app.reverse,
            loading: app.load.progress,
            focused: app.focus == Pane::List,
        };
        list::draw(&view, frame, r);
    }
    if let Some(r) = visible(areas.detail, area) {
        let f = detail::DetailFrame {
            id: selected.map(|q| &*q.id),
            empty: app.dossier.is_empty(),
            focused: app.focus == Pane::Detail,
            scroll: app.scroll.get(Pane::Detail),
        };
        let text = app.cache.detail.as_ref().map(|d| d.1.as_ref());
        detail::draw(text, &f, ctx, frame, r);
    }
    if let Some(r) = visible(areas.timeline, area) {
        let lines = selected
            .and(app.cache.timeline.as_ref())
            .map(|t| t.1.as_slice());
        let focused = app.focus == Pane::Timeline;
        timeline::draw(
            lines,
            app.scroll.get(Pane::Timeline),
            focused,
            ctx,
            frame,
            r,
        );
    }
    if let Some(r) = visible(areas.chronology, area) {
        let counts = app
            .cache
            .chronology
            .as_ref()
            .and_then(|c| c.1.as_ref().as_ref());
        let focused = app.focus == Pane::Timeline;
        chronology::draw(counts, selected, focused, ctx, frame, r);
    }
    if let Some(r) = visible(areas.filter, area) {
        filter_line::draw(app, frame, r);
    }
    if let Some(r) = visible(Some(areas.status), area) {
        status::draw(app, frame, r);
    }
    // The layers, bottom first, each over the ones under it.
    for layer in app.layers.iter() {
        match layer {
            Layer::Filter => {}
            Layer::Overlay(o) => {
                if let (Some(r), Some(lines)) = (visible(areas.overlay, area), &app.cache.overlay) {
                    let w = ui::words(app.lang);
                    let (title, footer) = match o.kind {
                        OverlayKind::Help => (w.help_title, w.overlay_footer),
                        OverlayKind::Log => (w.messages_title, w.overlay_footer),
                        OverlayKind::News => (w.news_title, w.news_footer),
                    };
                    // The news's chosen line, highlighted as it is drawn.
                    let chosen = match (&app.news, o.kind) {
                        (Some(shown), OverlayKind::News) if !shown.news.is_empty() => {
                            let first = overlays::news::first_line(shown, o.selected);
                            overlays::news::chosen_lines(&lines.1, first, app.theme.selected())
                        }
                        _ => Vec::new(),
                    };
                    let chosen = (!chosen.is_empty()).then(|| (&chosen[..], app.theme.selected()));
                    overlays::draw((title, footer), &lines.1, o.scroll, chosen, ctx, frame, r);
                }
            }
            Layer::Note(editor) => note::draw(app, editor, frame, area),
            Layer::Scoreboard(board) => {
                if let Some(r) = visible(areas.board, area) {
                    let order = app.cache.board.as_ref().map_or(&[][..], |o| &o.1[..]);
                    let scores = app.scoreboard().map(|s| s.as_ref());
                    overlays::scoreboard::draw(scores, order, board, ctx, frame, r);
                }
            }
            Layer::Prompt(p) => windows::prompt(app, p, frame, area),
            Layer::Picker(p) => windows::picker(app, p, frame, area),
            // The discard question is said in the note editor's border.
            Layer::Confirm(super::app::layers::Confirm::Discard { .. }) => {}
            Layer::Confirm(c) => windows::confirm(app, c, frame, area),
        }
    }
    guard(frame.buffer_mut());
}

/// The last line of defence: no cell of the frame may hold a control or BiDi character
/// (every text was already made safe where it became a span; this catches what a widget
/// might pass through).
pub fn guard(buf: &mut Buffer) {
    for cell in buf.content.iter_mut() {
        if cell.symbol().chars().any(is_unsafe) {
            cell.set_symbol("\u{fffd}");
        }
    }
}
