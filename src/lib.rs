//! dossier: browse and review French parliamentary questions offline.
//!
//! The [`dossier_core`] crate reads, models, queries and reviews the questions; this crate
//! puts two faces on it side by side: the command line ([`cli`]) and the terminal viewer
//! ([`tui`]), both set up by the configuration file ([`config`]); what they did is logged to a
//! file ([`logging`]). The viewer never imports
//! the command line; the command line starts the viewer through [`tui::run`]. Only
//! `dossier update` touches the network, through [`update`] (which the viewer never imports).

pub mod cli;
pub mod config;
pub mod logging;
pub mod tui;
pub mod update;
