//! The core of dossier: everything that does not depend on a terminal or a command line.
//!
//! Data flows one way: files -> [`parse`] -> [`model::Question`] -> [`load`] (a dossier,
//! through [`source`] and the [`cache`]) -> [`query`] (filter and sort); [`related`] finds
//! campaigns and grouped answers; the [`library`] keeps what was imported. The review marks a
//! staffer adds live in [`review`]; deadlines under article 135 in [`deadline`]; text folding,
//! display width and the terminal sanitiser in [`text`]. [`i18n`] words the core's types in
//! both languages, from above: no other module imports it, and the modules import each other
//! without cycles (a unit test checks both). The `dossier` crate builds its command line and
//! its viewer on top of this one; nothing here knows either.

pub mod cache;
pub mod deadline;
pub mod export;
pub mod files;
pub mod i18n;
pub mod library;
pub mod limits;
pub mod load;
pub mod marks;
pub mod model;
#[cfg(test)]
mod module_graph;
pub mod news;
pub mod parse;
pub mod query;
pub mod record;
pub mod related;
pub mod review;
pub mod sample;
pub mod scoreboard;
pub mod sections;
pub mod source;
pub mod stats;
pub mod text;
pub mod views;
pub mod wire;
