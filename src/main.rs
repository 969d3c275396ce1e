//! The `dossier` command: parse the command line and dispatch.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    dossier::memory::limit_malloc_arenas();
    let cli = dossier::cli::Cli::parse();
    dossier::cli::run(cli)
}
