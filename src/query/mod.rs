//! Queries: parsing the filter syntax and evaluating it against the index.

mod eval;
mod highlight;
mod parse;

pub use eval::{DocHits, ExpansionCache, Hit, SearchResults, search, search_with_cache};
pub use highlight::{Snippet, match_spans, match_spans_in_prefix, snippet};
pub use parse::{Clause, Query};
