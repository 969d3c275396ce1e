//! The inverted index.
pub struct Index;
