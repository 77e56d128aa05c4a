//! Writing questions out: full records as JSON ([`json`]), rows as CSV ([`csv`]), and the
//! report of a selection as a memo to paste for the deputy ([`memo`]). The command line and
//! the viewer's export share these writers.

pub mod csv;
pub mod json;
pub mod memo;
