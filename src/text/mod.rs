//! Shared text primitives: tokenising, folding, sanitising for display, widths.

mod sanitize;
mod tokenize;
mod width;

pub use sanitize::{sanitize, sanitize_char, sanitize_line};
pub use tokenize::{Token, fold, fold_into, tokenize, tokens};
pub use width::{cell_columns, display_grapheme, display_width, grapheme_width, truncate_to_width};
