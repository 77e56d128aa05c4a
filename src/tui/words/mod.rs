//! The viewer's words, in both languages: [`ui`] (pane titles, labels, sentences), [`prompts`] (prompts,
//! pickers, confirmations, and what acting on the questions shown says), [`related`]
//! (campaigns, grouped answers). The core's `i18n` words the core's own types (errors,
//! diagnostics, the memo) and holds the typography of each language ([`Lang`]).
//!
//! [`Lang`]: dossier_core::i18n::Lang

pub mod outcomes;
pub mod prompts;
pub mod question;
pub mod related;
pub mod review;
pub mod ui;
