//! Shared text primitives: tokenising, folding, sanitising for display, widths.

mod sanitize;
mod tokenize;

pub use sanitize::{sanitize, sanitize_char, sanitize_line};
pub use tokenize::{Token, fold, fold_into, tokenize, tokens};
