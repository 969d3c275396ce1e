//! The interactive explorer.

use std::path::PathBuf;

use crate::cli::CliError;
use crate::corpus::LoadOptions;

pub fn run(_paths: Vec<PathBuf>, _options: LoadOptions) -> Result<u8, CliError> {
    Ok(0)
}
