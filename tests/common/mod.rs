//! Helpers shared by the integration tests: the entity scorer (`score.rs`, the
//! rules of `shared/eval/score.py`), the TestBackend screen harness (`screen.rs`)
//! and the tmux harness (`tmux.rs`). Each test
//! file uses part of them.
#![allow(dead_code, unused_imports)]

mod score;
mod screen;
mod tmux;

pub use score::*;
pub use screen::*;
pub use tmux::*;
