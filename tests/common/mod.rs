//! Helpers shared by the integration tests: the entity scorer (`score.rs`, the
//! rules of `shared/eval/score.py`) and the tmux harness (`tmux.rs`). Each test
//! file uses part of them.
#![allow(dead_code, unused_imports)]

mod score;
mod tmux;

pub use score::*;
pub use tmux::*;
