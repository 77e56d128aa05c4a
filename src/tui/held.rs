//! Keys that wait for the mode they are for. A key is read in the mode the keys before it
//! leave; when that mode is not known yet (an answer on its way may open a confirmation,
//! a picker's choices are still being read, see [`App::holds_keys`]), the keys typed
//! meanwhile are held, in order, and read once it is known. A bounded wait: should the
//! answer never come, they are read as things stand.

use super::app::App;
use crossterm::event::Event as TermEvent;
use std::collections::VecDeque;
use std::time::{Duration, Instant};

/// The longest keys wait for a mode.
pub const LIMIT: Duration = Duration::from_secs(2);

/// The terminal events held back, oldest first.
#[derive(Debug, Default)]
pub struct Held {
    events: VecDeque<TermEvent>,
    /// When the oldest event held was typed.
    since: Option<Instant>,
    /// The keys waited their longest for the mode now awaited: the next ones do not wait.
    gave_up: bool,
}

impl Held {
    /// Keeps `event` when it must wait (gives it back otherwise): while the app holds keys,
    /// and behind any event already held, so that the order stays as typed. A resize never
    /// waits.
    pub fn keep(&mut self, app: &App, event: TermEvent, now: Instant) -> Option<TermEvent> {
        if matches!(event, TermEvent::Resize(..)) {
            return Some(event);
        }
        if self.events.is_empty() {
            if !app.holds_keys() {
                self.gave_up = false;
            }
            if !app.holds_keys() || self.gave_up {
                return Some(event);
            }
            self.since = Some(now);
        }
        self.events.push_back(event);
        None
    }

    /// The events to read now, in order: all of them once the app no longer holds keys or
    /// they waited their longest; none before.
    pub fn release(&mut self, app: &App, now: Instant) -> Vec<TermEvent> {
        if self.events.is_empty() {
            return Vec::new();
        }
        if app.holds_keys() {
            let waited = self
                .since
                .is_some_and(|since| now.saturating_duration_since(since) >= LIMIT);
            if !waited {
                return Vec::new();
            }
            self.gave_up = true;
        }
        self.since = None;
        self.events.drain(..).collect()
    }

    /// True when nothing is held.
    pub fn is_empty(&self) -> bool {
        self.events.is_empty()
    }
}
