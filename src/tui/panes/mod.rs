//! The panes of the main screen, described once: which there are ([`Pane`]), the order Tab
//! gives them the keyboard, where each goes for a terminal size ([`areas`]), how far each
//! scrolls, and the slot in which its content is kept once built ([`ViewCache`]). Each
//! pane's file holds its content, built from what it shows (a question, the review state,
//! a [`Ctx`] of language, theme and date) and its drawing, side by side; none reads the
//! viewer's whole state. [`crate::tui::screen`] hands each what it shows.

pub mod chronology;
pub mod detail;
pub mod list;
pub mod timeline;

use crate::tui::widgets::theme::Theme;
use crate::tui::widgets::Lines;
use chrono::NaiveDate;
use dossier_core::i18n::Lang;
use ratatui::layout::Rect;
use std::sync::Arc;

/// What every pane's content is built with.
#[derive(Clone, Copy)]
pub struct Ctx<'a> {
    /// The interface's language.
    pub lang: Lang,
    /// The styles.
    pub theme: &'a Theme,
    /// The date taken as today.
    pub today: NaiveDate,
}

/// The panes of the main screen, in the order Tab gives them the keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub enum Pane {
    /// The list of questions.
    #[default]
    List,
    /// The selected question's text.
    Detail,
    /// Its key dates, or the dossier's.
    Timeline,
}

impl Pane {
    /// Every pane, in focus order.
    pub const ALL: [Pane; 3] = [Pane::List, Pane::Detail, Pane::Timeline];

    /// The next pane for Tab.
    pub fn next(self) -> Self {
        let i = Pane::ALL.iter().position(|p| *p == self).unwrap_or(0);
        Pane::ALL[(i + 1) % Pane::ALL.len()]
    }

    /// The previous pane for Shift-Tab.
    pub fn prev(self) -> Self {
        let i = Pane::ALL.iter().position(|p| *p == self).unwrap_or(0);
        Pane::ALL[(i + Pane::ALL.len() - 1) % Pane::ALL.len()]
    }

    /// Where it is on the screen laid out, if shown.
    pub fn area(self, areas: &Areas) -> Option<Rect> {
        match self {
            Pane::List => areas.list,
            Pane::Detail => areas.detail,
            Pane::Timeline => areas.timeline,
        }
    }

    /// Lines of content it holds, laid out (the list: its rows).
    pub fn lines(self, cache: &ViewCache, rows: usize) -> usize {
        match self {
            Pane::List => rows,
            Pane::Detail => cache.detail.as_ref().map_or(0, |d| d.1.lines.len()),
            Pane::Timeline => cache.timeline.as_ref().map_or(0, |t| t.1.len()),
        }
    }

    /// How far it scrolls: (its last first line, its page height), from the laid-out
    /// content.
    pub fn room(self, cache: &ViewCache, rows: usize) -> (usize, usize) {
        let height = self
            .area(&cache.areas)
            .map_or(1, |a| a.height.saturating_sub(2).max(1) as usize);
        (self.lines(cache, rows).saturating_sub(height), height)
    }
}

/// How far each pane is scrolled: its first line drawn (the list follows its selection
/// instead, see [`crate::tui::hits`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scrolls([usize; Pane::ALL.len()]);

impl Scrolls {
    fn at(pane: Pane) -> usize {
        Pane::ALL.iter().position(|p| *p == pane).unwrap_or(0)
    }

    /// A pane's first line drawn.
    pub fn get(&self, pane: Pane) -> usize {
        self.0[Scrolls::at(pane)]
    }

    /// Scrolls a pane.
    pub fn set(&mut self, pane: Pane, line: usize) {
        self.0[Scrolls::at(pane)] = line;
    }

    /// Every pane back to its top (another question is shown).
    pub fn reset(&mut self) {
        *self = Scrolls::default();
    }
}

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

/// What the screen's layout depends on.
#[derive(Debug, Clone, Copy)]
pub struct Arrangement {
    /// The pane with the keyboard.
    pub focus: Pane,
    /// Rows of the list.
    pub rows: usize,
    /// The filter line is shown.
    pub filter_line: bool,
    /// An overlay is open: the help is narrower than the log.
    pub overlay: Option<bool>,
}

/// Width under which panes are shown one or two at a time.
pub const NARROW_WIDTH: u16 = 100;

/// Height under which only the focused pane is shown.
pub const SHORT_HEIGHT: u16 = 18;

/// Splits the screen: list on top, detail and timeline side by side below on wide screens;
/// on narrow screens the list and the focused pane; on short screens the focused pane alone.
pub fn areas(area: Rect, at: Arrangement) -> Areas {
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
    let full_height = area.height.saturating_sub(2).max(3);
    areas.overlay = at.overlay.map(|help| {
        let width = if help {
            100
        } else {
            area.width.saturating_sub(4).max(3)
        };
        crate::tui::widgets::centered(area, width, full_height)
    });
    let mut body = Rect::new(area.x, area.y, area.width, area.height - status_height);
    if at.filter_line && body.height >= 2 {
        areas.filter = Some(Rect::new(body.x, body.y + body.height - 1, body.width, 1));
        body.height -= 1;
    }
    if body.height == 0 {
        return areas;
    }
    if body.height < SHORT_HEIGHT - 1 {
        match at.focus {
            Pane::List => areas.list = Some(body),
            Pane::Detail => areas.detail = Some(body),
            Pane::Timeline => areas.timeline = Some(body),
        }
        return areas;
    }
    // A small dossier does not need 40% of the screen for its list.
    let wanted = at.rows.max(1) as u16 + 3;
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
        if at.focus == Pane::Timeline {
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

/// Text width inside a bordered pane with a scrollbar column.
pub fn text_width(area: Rect) -> u16 {
    area.width.saturating_sub(3).max(1)
}

/// Content built once for what it shows, with the key of what that was.
pub type Slot<T> = Option<(u64, Arc<T>)>;

/// Keeps `slot` built for `key`: builds it again only when the key changed.
pub fn keep<T>(slot: &mut Slot<T>, key: u64, build: impl FnOnce() -> T) {
    if slot.as_ref().map(|s| s.0) != Some(key) {
        *slot = Some((key, Arc::new(build())));
    }
}

/// The key of the values content is built from: when none of them changed, neither did
/// the content.
pub fn key(parts: &impl std::hash::Hash) -> u64 {
    use std::hash::Hasher;
    let mut h = fnv::FnvHasher::default();
    parts.hash(&mut h);
    h.finish()
}

/// Content built for the panes and the overlay, kept in the state behind `Arc`s, so that
/// drawing a frame builds and clones nothing.
#[derive(Default)]
pub struct ViewCache {
    /// Where everything goes.
    pub areas: Areas,
    /// The list's columns.
    pub columns: Slot<list::Columns>,
    /// The selected question's detail text.
    pub detail: Slot<detail::DetailText>,
    /// The selected question's timeline.
    pub timeline: Slot<Lines>,
    /// The dossier chronology of the questions shown.
    pub chronology: Slot<Option<chronology::Chronology>>,
    /// The overlay's lines, wrapped to its width.
    pub overlay: Slot<Lines>,
}
