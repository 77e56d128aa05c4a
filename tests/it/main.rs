//! dossier's integration tests: one binary (as ripgrep's), its modules by subject, the helpers
//! they share in [`util`].
//!
//! The end-to-end tests ([`e2e`]) drive the binary cargo built for the tests in tmux; they
//! need tmux (`.ci/run` installs it).

#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod util;

mod cache;
mod cli;
mod differential;
mod e2e;
mod html_memo;
mod html_pages;
mod layouts;
mod legislature;
mod library;
mod library_query;
mod news;
mod offline;
mod opendata;
mod opendata_props;
mod properties;
mod query;
mod related;
mod review;
mod review_saves;
mod robustness;
mod scoreboard;
mod seeds;
mod signalement;
mod tui;
mod tui_props;
mod update;
mod variants;
mod viewer_actions;
mod viewer_scoreboard;
