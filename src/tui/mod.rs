//! The interactive explorer.
