//! Text helpers shared by every output: accent folding for search ([`fold`]), display
//! width, truncation and padding ([`width`]).

pub mod fold;
pub mod width;
