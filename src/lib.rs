//! dossier: browse and review French parliamentary written questions offline.
//!
//! Data flows one way: files -> [`parse`] -> [`model::Question`] -> [`load`] (a dossier) ->
//! [`query`] (filter and sort) -> the [`tui`] or the [`cli`] reports. The review marks a staffer
//! adds live in [`review`].

pub mod cli;
pub mod deadline;
pub mod fold;
pub mod limits;
pub mod load;
pub mod model;
pub mod parse;
pub mod query;
pub mod sample;
pub mod stats;
