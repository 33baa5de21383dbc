//! Text primitives every stage shares: normalisation for matching (with the map back to the
//! user's characters), the document's lines, word and sentence search, and the one reader of
//! numbers as reports write them.

pub mod document;
pub mod normalize;
pub mod search;
pub mod value;
