//! The core of dossier: everything that does not depend on a terminal or a command line.
//!
//! Data flows one way: files -> [`parse`] -> [`model::Question`] -> [`load`] (a dossier) ->
//! [`query`] (filter and sort); [`related`] finds campaigns and grouped answers. The review marks a staffer adds live in [`review`]; deadlines
//! under article 135 in [`deadline`]; every user-facing word in [`i18n`]; text folding,
//! display width and the terminal sanitiser in [`text`]. The `dossier` crate builds its
//! command line and its viewer on top of this one; nothing here knows either.

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
pub mod parse;
pub mod query;
pub mod related;
pub mod review;
pub mod sample;
pub mod sections;
pub mod source;
pub mod stats;
pub mod text;
pub mod views;
pub mod wire;
