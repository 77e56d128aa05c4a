//! dossier: browse and review French parliamentary questions offline.
//!
//! The [`dossier_core`] crate reads, models, queries and reviews the questions; this crate
//! puts two faces on it side by side: the command line ([`cli`]) and the terminal viewer
//! ([`tui`]). Neither imports the other's internals; `cli` starts the viewer through
//! [`tui::run`].

pub mod cli;
pub mod tui;
