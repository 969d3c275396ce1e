//! dossier: a terminal document explorer.
//!
//! The library knows nothing of the terminal. It loads a corpus (`corpus`), splits it
//! into paragraphs, tags entities (`entities`), builds an inverted index (`index`) and
//! answers queries (`query`). The TUI (`tui`) and the headless commands (`cli`) are two
//! thin front ends over it, so a hit in one is the same thing as a hit in the other.

pub mod cli;
pub mod corpus;
pub mod entities;
pub mod index;
pub mod memory;
pub mod query;
pub mod synth;
pub mod text;
pub mod tui;

pub use corpus::{Corpus, Document, ParaKind, Paragraph};
pub use index::Index;
