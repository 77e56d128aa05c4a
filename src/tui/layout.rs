//! The layout step `update` runs after every change: where each pane goes, and the content
//! each pane draws (wrapped text, timeline, help), built only when what it depends on
//! changed and kept in the state behind `Arc`s, so that drawing a frame builds and clones
//! nothing (see [`super::content`] for the builders, [`super::view`] for the drawing).

use super::app::{App, Overlay, Pane, NARROW_WIDTH, SHORT_HEIGHT};
use super::content::chronology::Chronology;
use super::content::columns::Columns;
use super::content::{self, Lines};
use ratatui::layout::Rect;
use std::sync::Arc;

/// Where each part of the screen goes, for a terminal size and state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Areas {
    /// The list pane, if shown.
    pub list: Option<Rect>,
    /// The detail pane, if shown.
    pub detail: Option<Rect>,
    /// The timeline pane, if shown.
    pub timeline: Option<Rect>,
    /// The dossier chronology under the question's timeline on tall screens, if shown.
    pub chronology: Option<Rect>,
    /// The filter line, if shown.
    pub filter: Option<Rect>,
    /// The status bar.
    pub status: Rect,
    /// An overlay window, if one is open.
    pub overlay: Option<Rect>,
}

/// Content built for the panes, with what it was built for.
#[derive(Default)]
pub struct ViewCache {
    /// Where everything goes.
    pub areas: Areas,
    /// The selected question's detail text.
    pub detail: Option<(u64, Arc<content::detail::DetailText>)>,
    /// The selected question's timeline.
    pub timeline: Option<(u64, Arc<Lines>)>,
    /// The dossier chronology of the questions shown.
    pub chronology: Option<(u64, Arc<Option<Chronology>>)>,
    /// The overlay's lines, wrapped to its width.
    pub overlay: Option<(u64, Arc<Lines>)>,
    /// The list's columns.
    pub columns: Option<(u64, Columns)>,
    /// Counts every change to the dossier or the hits, for the keys above.
    pub generation: u64,
    /// Counts every change to the review marks and the messages: what the detail, the
    /// timeline and the log show of them (not the columns nor the chronology, which cost
    /// in proportion to the questions shown).
    pub marks: u64,
}

/// A key from the values content depends on.
fn key(parts: &impl std::hash::Hash) -> u64 {
    use std::hash::Hasher;
    let mut h = fnv::FnvHasher::default();
    parts.hash(&mut h);
    h.finish()
}

/// Splits the screen: list on top, detail and timeline side by side below on wide screens;
/// on narrow screens the list and the focused pane; on short screens the focused pane alone.
pub fn areas(area: Rect, app: &App) -> Areas {
    let mut areas = Areas::default();
    if area.width == 0 || area.height == 0 {
        return areas;
    }
    let status_height = 1.min(area.height);
    areas.status = Rect::new(
        area.x,
        area.y + area.height - status_height,
        area.width,
        status_height,
    );
    areas.overlay = match app.overlay {
        Overlay::None => None,
        Overlay::Help(_) => Some(centered(area, 100, area.height.saturating_sub(2).max(3))),
        Overlay::Log(_) => Some(centered(
            area,
            area.width.saturating_sub(4).max(3),
            area.height.saturating_sub(2).max(3),
        )),
    };
    let mut body = Rect::new(area.x, area.y, area.width, area.height - status_height);
    let show_filter = app.editing_filter || !app.filter.text.is_empty();
    if show_filter && body.height >= 2 {
        areas.filter = Some(Rect::new(body.x, body.y + body.height - 1, body.width, 1));
        body.height -= 1;
    }
    if body.height == 0 {
        return areas;
    }
    if body.height < SHORT_HEIGHT - 1 {
        match app.focus {
            Pane::List => areas.list = Some(body),
            Pane::Detail => areas.detail = Some(body),
            Pane::Timeline => areas.timeline = Some(body),
        }
        return areas;
    }
    // A small dossier does not need 40% of the screen for its list.
    let wanted = app.hits.len().max(1) as u16 + 3;
    let list_height = (body.height * 2 / 5).min(wanted).max(6).min(body.height);
    let list = Rect::new(body.x, body.y, body.width, list_height);
    let below = Rect::new(
        body.x,
        body.y + list_height,
        body.width,
        body.height - list_height,
    );
    areas.list = Some(list);
    if below.height == 0 {
        return areas;
    }
    if body.width < NARROW_WIDTH {
        if app.focus == Pane::Timeline {
            areas.timeline = Some(below);
        } else {
            areas.detail = Some(below);
        }
    } else {
        let detail_width = below.width * 3 / 5;
        areas.detail = Some(Rect::new(below.x, below.y, detail_width, below.height));
        areas.timeline = Some(Rect::new(
            below.x + detail_width,
            below.y,
            below.width - detail_width,
            below.height,
        ));
    }
    areas
}

/// A rectangle centred in `area`, at most `w` x `h`.
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

/// Text width inside a bordered pane with a scrollbar column.
pub fn text_width(area: Rect) -> u16 {
    area.width.saturating_sub(3).max(1)
}

/// Lays out the screen and rebuilds what changed. Called by `update` after every action.
pub fn refresh(app: &mut App) {
    let mut areas = areas(app.size, app);
    let generation = app.cache.generation;
    let marks = app.cache.marks;

    // The list's columns follow the content shown and the width.
    if let Some(list) = areas.list {
        let width = list.width.saturating_sub(3) as usize;
        let k = key(&(generation, width, app.lang));
        if app.cache.columns.as_ref().map(|c| c.0) != Some(k) {
            let columns = content::columns::choose(app, width);
            app.cache.columns = Some((k, columns));
        }
    }

    let selected = app.selected_question().map(|q| q.id.clone());
    let terms = app.filter.query.highlight();
    if let (Some(area), Some(id)) = (areas.detail, &selected) {
        let width = text_width(area);
        let k = key(&(generation, marks, id, width, &terms, app.lang));
        if app.cache.detail.as_ref().map(|c| c.0) != Some(k) {
            let text = content::detail::build(app, width as usize, &terms);
            app.cache.detail = Some((k, Arc::new(text)));
        }
    }

    // The timeline: on tall panes the question's dates on top, the dossier's below.
    if let Some(area) = areas.timeline {
        if !app.chronology {
            if let Some(id) = &selected {
                let width = area.width.saturating_sub(2) as usize;
                let k = key(&(generation, marks, id, width, app.lang));
                if app.cache.timeline.as_ref().map(|c| c.0) != Some(k) {
                    let lines = content::timeline::lines(app, width);
                    app.cache.timeline = Some((k, Arc::new(lines)));
                }
                if area.height >= 28 {
                    let needed = app.cache.timeline.as_ref().map_or(0, |t| t.1.len()) as u16 + 2;
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
        } else {
            areas.chronology = Some(area);
            areas.timeline = None;
        }
    }
    if let Some(area) = areas.chronology {
        // Counts over the questions shown: the selection only moves the marks, drawn later.
        let slots = area.width.saturating_sub(2) as usize;
        let k = key(&(generation, slots));
        if app.cache.chronology.as_ref().map(|c| c.0) != Some(k) {
            let c = content::chronology::compute(app, slots);
            app.cache.chronology = Some((k, Arc::new(c)));
        }
    }

    if let Some(area) = areas.overlay {
        let width = area.width.saturating_sub(3) as usize;
        let which = match app.overlay {
            Overlay::Help(_) => 1u8,
            Overlay::Log(_) => 2,
            Overlay::None => 0,
        };
        let k = key(&(generation, marks, which, width, app.lang, app.log.len()));
        if app.cache.overlay.as_ref().map(|c| c.0) != Some(k) {
            let lines = match app.overlay {
                Overlay::Help(_) => content::help::lines(app, width),
                Overlay::Log(_) => content::log::lines(app, width),
                Overlay::None => Vec::new(),
            };
            app.cache.overlay = Some((k, Arc::new(lines)));
        }
    }
    app.cache.areas = areas;
}

/// Scroll limits of the focused pane: (most scroll, page height), from the laid-out content.
pub fn scroll_room(app: &App, pane: Pane) -> (usize, usize) {
    let (area, lines) = match pane {
        Pane::Detail => (
            app.cache.areas.detail,
            app.cache.detail.as_ref().map_or(0, |d| d.1.lines.len()),
        ),
        Pane::Timeline => (
            app.cache.areas.timeline,
            app.cache.timeline.as_ref().map_or(0, |t| t.1.len()),
        ),
        Pane::List => (app.cache.areas.list, app.hits.len()),
    };
    let height = area.map_or(1, |a| a.height.saturating_sub(2).max(1) as usize);
    (lines.saturating_sub(height), height)
}

/// Scroll limits of the overlay: (most scroll, page height).
pub fn overlay_room(app: &App) -> (usize, usize) {
    let lines = app.cache.overlay.as_ref().map_or(0, |o| o.1.len());
    let height = app
        .cache
        .areas
        .overlay
        .map_or(1, |a| a.height.saturating_sub(2).max(1) as usize);
    (lines.saturating_sub(height), height)
}
