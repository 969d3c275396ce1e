//! Query parsing and evaluation.
