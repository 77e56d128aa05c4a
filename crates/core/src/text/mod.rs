//! Text helpers shared by every output: accent folding for search ([`fold`]), display
//! width, truncation and padding ([`width`]), and the one sanitiser of untrusted text on its
//! way to a terminal or a spreadsheet ([`sanitize`]).

pub mod fold;
pub mod sanitize;
pub mod width;
pub mod words;
