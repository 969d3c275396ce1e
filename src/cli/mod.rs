//! The command line and the headless commands, one file each. They share the
//! library with the TUI: a hit here is the same thing as a hit there.

pub mod bench;
mod entities;
mod search;
mod show;
mod stats;

use std::io::Write;
use std::mem::ManuallyDrop;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use clap::{CommandFactory, Parser, Subcommand};

use crate::corpus::{Corpus, LoadOptions, load_paths, load_seeds};
use crate::index::{Index, build};

/// Exit code when the command succeeded and found something.
pub const EXIT_FOUND: u8 = 0;
/// Exit code when the command ran but found nothing.
pub const EXIT_NOTHING: u8 = 1;
/// Exit code for bad input: unknown document, unreadable path, bad arguments.
pub const EXIT_BAD_INPUT: u8 = 2;

#[derive(Debug, Parser)]
#[command(
    name = "dossier",
    version,
    about = "Read, search and connect a folder of documents from the terminal.",
    // Paths go after a command (see `misplaced_paths`), options anywhere.
    override_usage = "dossier [OPTIONS] [PATHS]...\n       dossier [OPTIONS] <COMMAND>"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Files or folders to explore (default: the bundled seed documents).
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub load: LoadArgs,
}

#[derive(Debug, Clone, clap::Args)]
pub struct LoadArgs {
    /// Skip files larger than this many megabytes (at most 2047: positions in
    /// a decoded document are 32-bit, and a file too long once decoded is skipped).
    #[arg(long, global = true, default_value_t = 64, value_name = "MB",
          value_parser = clap::value_parser!(u64).range(0..=crate::corpus::LARGEST_FILE_BYTES >> 20))]
    pub max_file_mb: u64,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Ranked paragraph hits for a query.
    Search {
        /// Terms, "exact phrases", -excluded, @entity.
        query: String,
        paths: Vec<PathBuf>,
        #[arg(long)]
        json: bool,
        /// How many hits to print.
        #[arg(long, default_value_t = 20)]
        limit: usize,
    },
    /// A document's metadata and segmented paragraphs.
    Show {
        /// File name, path or unambiguous prefix of the document.
        doc: String,
        paths: Vec<PathBuf>,
        #[arg(long)]
        json: bool,
    },
    /// Every entity with its aliases and mentions per document.
    Entities {
        paths: Vec<PathBuf>,
        /// person, organization, place, date or quantity.
        #[arg(long)]
        kind: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Indexing times, per-keystroke latency, peak memory on your corpus.
    Bench {
        paths: Vec<PathBuf>,
        /// One query per line (default: a built-in mix of query kinds).
        #[arg(long)]
        queries: Option<PathBuf>,
        #[arg(long)]
        json: bool,
    },
    /// Corpus sizes, skipped files and indexing times.
    Stats {
        paths: Vec<PathBuf>,
        #[arg(long)]
        json: bool,
    },
}

impl Command {
    /// The command's required argument (a query, a document), if it takes
    /// one, and the paths given after it.
    fn required_and_paths(&self) -> (Option<&str>, &[PathBuf]) {
        match self {
            Command::Search { query, paths, .. } => (Some(query), paths),
            Command::Show { doc, paths, .. } => (Some(doc), paths),
            Command::Entities { paths, .. }
            | Command::Bench { paths, .. }
            | Command::Stats { paths, .. } => (None, paths),
        }
    }

    /// The command's name as typed.
    fn name(&self) -> &'static str {
        match self {
            Command::Search { .. } => "search",
            Command::Show { .. } => "show",
            Command::Entities { .. } => "entities",
            Command::Bench { .. } => "bench",
            Command::Stats { .. } => "stats",
        }
    }
}

/// Paths written before a command, as in `dossier FOLDER stats`, would be read
/// as more paths to explore (clap stops looking for a command after the first
/// path) or dropped without a word (`dossier FOLDER --json stats`): what to
/// write instead, the command's own argument first, then the paths in the
/// order given. A path named like a command that exists is a path.
fn misplaced_paths(cli: &Cli) -> Option<String> {
    // Quoted for the shell: the answer is there to be copied.
    let shown = |path: &PathBuf| shell_word(&path.display().to_string());
    let (name, required, before, after) = match &cli.command {
        Some(_) if cli.paths.is_empty() => return None,
        Some(command) => {
            let (required, paths) = command.required_and_paths();
            let after: Vec<String> = paths.iter().map(shown).collect();
            (
                command.name().to_owned(),
                required.map(shell_word),
                &cli.paths[..],
                after,
            )
        }
        // A path, then a command: the explorer's usual start has fewer.
        None if cli.paths.len() < 2 => return None,
        None => {
            let commands = Cli::command();
            let (at, sub) = cli.paths.iter().enumerate().find_map(|(at, path)| {
                let sub = commands.find_subcommand(path.as_os_str())?;
                (!path.exists()).then_some((at, sub))
            })?;
            let name = sub.get_name().to_owned();
            let mut after = cli.paths[at + 1..].iter().map(shown);
            // `dossier F search kerry`: the word after the command is its query.
            let required = sub
                .get_positionals()
                .find(|arg| arg.is_required_set())
                .map(|arg| {
                    let placeholder = format!("<{}>", arg.get_id().as_str().to_uppercase());
                    after.next().unwrap_or(placeholder)
                });
            (name, required, &cli.paths[..at], after.collect())
        }
    };
    if before.is_empty() {
        return None;
    }
    let fixed: Vec<String> = std::iter::once(name)
        .chain(required)
        .chain(before.iter().map(shown))
        .chain(after)
        .collect();
    Some(format!(
        "paths go after the command: dossier {}",
        fixed.join(" ")
    ))
}

/// `word` as a shell reads it back: in single quotes when it holds anything
/// but plain characters (`'kerry iran'`).
fn shell_word(word: &str) -> String {
    let plain = |c: char| c.is_alphanumeric() || "@%+=:,./_-".contains(c);
    if !word.is_empty() && word.chars().all(plain) {
        word.to_owned()
    } else {
        format!("'{}'", word.replace('\'', r"'\''"))
    }
}

pub fn run(cli: Cli) -> ExitCode {
    let options = LoadOptions {
        max_file_bytes: cli.load.max_file_mb.saturating_mul(1024 * 1024),
    };
    if let Some(message) = misplaced_paths(&cli) {
        eprintln!("dossier: {}", crate::text::sanitize_line(&message));
        return ExitCode::from(EXIT_BAD_INPUT);
    }
    let outcome = match cli.command {
        None => crate::tui::run(cli.paths, options),
        Some(Command::Search {
            query,
            paths,
            json,
            limit,
        }) => {
            with_index(&paths, &options).and_then(|index| search::run(&index, &query, json, limit))
        }
        Some(Command::Show { doc, paths, json }) => {
            with_index(&paths, &options).and_then(|index| {
                // `dossier show some/file.txt` outside the bundled seeds reads that file.
                let outside_seeds =
                    paths.is_empty() && index.find_doc(&doc).is_err() && Path::new(&doc).is_file();
                if outside_seeds {
                    with_index(&[PathBuf::from(&doc)], &options)
                        .and_then(|index| show::run(&index, &doc, json))
                } else {
                    show::run(&index, &doc, json)
                }
            })
        }
        Some(Command::Entities { paths, kind, json }) => with_index(&paths, &options)
            .and_then(|index| entities::run(&index, kind.as_deref(), json)),
        Some(Command::Bench {
            paths,
            queries,
            json,
        }) => read_queries(queries.as_deref()).and_then(|queries| {
            with_index(&paths, &options).and_then(|index| bench::run(&index, &queries, json))
        }),
        Some(Command::Stats { paths, json }) => {
            with_index(&paths, &options).and_then(|index| stats::run(&index, json))
        }
    };
    match outcome {
        Ok(code) => ExitCode::from(code),
        Err(CliError::BadInput(message)) => {
            // Messages quote file names and arguments: never raw to the terminal.
            eprintln!("dossier: {}", crate::text::sanitize_line(&message));
            ExitCode::from(EXIT_BAD_INPUT)
        }
        Err(CliError::Io(err)) if err.kind() == std::io::ErrorKind::BrokenPipe => {
            ExitCode::from(EXIT_FOUND)
        }
        Err(CliError::Io(err)) => {
            eprintln!("dossier: {err}");
            ExitCode::from(EXIT_BAD_INPUT)
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum CliError {
    #[error("{0}")]
    BadInput(String),
    #[error(transparent)]
    Io(#[from] std::io::Error),
}

/// The corpus at `paths`, or the bundled seeds when none are given.
pub fn load_corpus(paths: &[PathBuf], options: &LoadOptions) -> Result<Corpus, CliError> {
    if paths.is_empty() {
        return Ok(load_seeds());
    }
    check_paths(paths)?;
    Ok(load_paths(paths, options))
}

/// Every path named on the command line must exist; the message says which does not.
pub fn check_paths(paths: &[PathBuf]) -> Result<(), CliError> {
    for path in paths {
        if let Err(err) = std::fs::metadata(path) {
            return Err(CliError::BadInput(format!(
                "cannot open {}: {}",
                path.display(),
                plain_io_error(&err)
            )));
        }
    }
    Ok(())
}

fn read_queries(path: Option<&std::path::Path>) -> Result<Vec<String>, CliError> {
    let Some(path) = path else {
        return Ok(bench::DEFAULT_QUERIES
            .iter()
            .map(|q| q.to_string())
            .collect());
    };
    let text = std::fs::read_to_string(path).map_err(|e| {
        CliError::BadInput(format!(
            "cannot read queries from {}: {}",
            path.display(),
            plain_io_error(&e)
        ))
    })?;
    let queries: Vec<String> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect();
    if queries.is_empty() {
        return Err(CliError::BadInput(format!(
            "{} holds no queries",
            path.display()
        )));
    }
    Ok(queries)
}

fn plain_io_error(err: &std::io::Error) -> String {
    match err.kind() {
        std::io::ErrorKind::NotFound => "no such file or folder".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => err.to_string(),
    }
}

/// The index of `paths`, never freed: a headless command ends right after
/// using it, and the system takes it back at exit faster than freeing it piece
/// by piece (a fifth of a second per 100 MB of corpus).
fn with_index(paths: &[PathBuf], options: &LoadOptions) -> Result<ManuallyDrop<Index>, CliError> {
    let started = Instant::now();
    let corpus = load_corpus(paths, options)?;
    let load_time = started.elapsed();
    let mut index = build(corpus);
    index.timings.load = load_time;
    report_skipped(&index);
    Ok(ManuallyDrop::new(index))
}

/// Skipped files and decoding notices go to stderr, never silently dropped.
fn report_skipped(index: &Index) {
    let stderr = std::io::stderr();
    let mut err = stderr.lock();
    for skip in &index.skipped {
        let _ = writeln!(
            err,
            "dossier: skipped {}: {}",
            crate::text::sanitize_line(&skip.path),
            skip.reason
        );
    }
    for doc in &index.docs {
        for notice in &doc.notices {
            let _ = writeln!(
                err,
                "dossier: {}: {notice}",
                crate::text::sanitize_line(&doc.name)
            );
        }
    }
}

/// JSON to stdout, one document, newline-terminated.
fn print_json(value: &impl serde::Serialize) -> Result<(), CliError> {
    let json = serde_json::to_string_pretty(value).map_err(std::io::Error::from)?;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    writeln!(out, "{}", escape_invisible_controls(&json))?;
    Ok(())
}

/// serde_json escapes C0 controls; C1 controls and bidi overrides are legal JSON
/// but would reach a terminal that `cat`s the output, so they are escaped too.
/// They can only occur inside strings, where `\uXXXX` means the same character.
pub fn escape_invisible_controls(json: &str) -> std::borrow::Cow<'_, str> {
    let needs = |c: char| matches!(c, '\u{7f}'..='\u{9f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
    if !json.chars().any(needs) {
        return std::borrow::Cow::Borrowed(json);
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if needs(c) {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_quoted_for_the_shell_only_when_needed() {
        assert_eq!(shell_word("/tmp/docs-2.1"), "/tmp/docs-2.1");
        assert_eq!(shell_word("kerry iran"), "'kerry iran'");
        assert_eq!(shell_word("it's"), r"'it'\''s'");
        assert_eq!(shell_word("a>b"), "'a>b'");
        assert_eq!(shell_word("$HOME"), "'$HOME'");
        assert_eq!(shell_word(""), "''");
    }

    #[test]
    fn command_names_are_those_clap_parses() {
        for sub in Cli::command().get_subcommands() {
            let name = sub.get_name();
            if name == "help" {
                continue;
            }
            let mut args = vec!["dossier", name];
            // The commands with a required argument.
            if matches!(name, "search" | "show") {
                args.push("x");
            }
            let cli = Cli::try_parse_from(&args).expect("parses");
            assert_eq!(cli.command.expect("a command").name(), name);
        }
    }
}
