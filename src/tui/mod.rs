//! The interactive viewer. Data flows one way: a terminal event or a background result
//! becomes an [`action::Action`]; [`update::update`] is the only place the state
//! ([`app::App`]) changes — input goes to the input layer that has the keyboard
//! ([`layers`]), results to [`background`] — and returns [`effect::Effect`]s, which
//! [`effect::perform`] does (for the event loop, [`runtime`], and for the tests alike);
//! after each action [`screen`] lays out the panes ([`panes`], [`overlays`]), built from
//! what they show, and draws them. [`widgets`] are the parts every screen is made of,
//! [`words`] the viewer's words in both languages.
//!
//! The modules form a directed acyclic graph (a unit test, `module_graph`, checks it).

pub mod action;
pub mod app;
pub mod background;
pub mod clipboard;
pub mod command;
pub mod dossier;
pub mod effect;
pub mod external;
pub mod filtering;
pub mod held;
pub mod hits;
pub mod jobs;
pub mod keymap;
pub mod latest;
pub mod layers;
pub mod loading;
pub mod marks;
pub mod message;
pub mod messages;
#[cfg(test)]
mod module_graph;
pub mod news;
pub mod overlays;
pub mod panes;
pub mod related;
pub mod runtime;
pub mod scores;
pub mod screen;
pub mod terminal;
pub mod terms;
pub mod update;
pub mod widgets;
pub mod words;

pub use effect::ReviewOpener;
pub use layers::action_for;
pub use runtime::{run, Ended, Options, StartError};
