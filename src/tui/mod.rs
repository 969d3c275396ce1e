//! The interactive explorer: a thin state machine over the library.
//!
//! A keystroke travels `app.rs` (event) → `keymap.rs` (Action) → `state.rs`
//! (update, maybe a query for `worker.rs`) → `view/` (draw).

pub mod action;
pub mod app;
pub mod entities_view;
pub mod input;
pub mod keymap;
pub mod layout;
pub mod state;
pub mod view;
pub mod worker;
pub mod wrap;

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{Sender, channel};
use std::thread;

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    Clear, ClearType, EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::layout::Rect;
use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};

use crate::cli::{CliError, EXIT_FOUND};
use crate::corpus::LoadOptions;
use crate::index::BuildProgress;
use state::State;
use view::Theme;
use worker::{Msg, spawn_indexer};

/// Opens the explorer on `paths` (the seeds when empty).
pub fn run(paths: Vec<PathBuf>, options: LoadOptions) -> Result<u8, CliError> {
    crate::cli::check_paths(&paths)?;
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        return Err(CliError::BadInput(
            "the explorer needs a terminal; for scripts use `dossier search`, `show`, `entities` or `stats`".into(),
        ));
    }
    let (tx, rx) = channel();
    forward_signals(tx.clone());
    install_panic_hook();

    enable_raw_mode()?;
    let _restore = RestoreOnDrop;
    let mut stdout = std::io::stdout();
    // Clear with a plain erase, not `Terminal::clear`: that asks the terminal for the
    // cursor position (`ESC [ 6n`) and fails when no answer comes within two
    // seconds, as over a slow SSH link; a late answer would leak into the input.
    // Nothing at start-up may wait for the terminal.
    execute!(
        stdout,
        EnterAlternateScreen,
        Clear(ClearType::All),
        EnableMouseCapture,
        EnableBracketedPaste
    )?;
    let mut terminal = Terminal::new(CrosstermBackend::new(std::io::stdout()))?;

    let size = terminal.size()?;
    let progress = Arc::new(BuildProgress::default());
    let mut state = State::new(
        Arc::clone(&progress),
        Rect::new(0, 0, size.width, size.height),
    );
    spawn_indexer(
        paths,
        options,
        Arc::clone(&state.loading.files),
        progress,
        tx.clone(),
    );
    forward_input(tx.clone());
    debug_panic_trigger();
    app::run_loop(
        &mut terminal,
        &mut state,
        &rx,
        &tx,
        &Theme::from_env(),
        std::io::stdout(),
    )?;
    // Ended by a signal: the shell convention 128 + n (130 for SIGINT, 143 for
    // SIGTERM, 129 for a hang-up), so scripts can tell an interruption from a quit.
    Ok(state
        .exit_signal
        .map_or(EXIT_FOUND, |signal| (128 + signal).clamp(0, 255) as u8))
}

/// Puts the terminal back as it was: on quit, on error, on panic, on signals.
pub fn restore_terminal() {
    let mut stdout = std::io::stdout();
    let _ = execute!(
        stdout,
        DisableBracketedPaste,
        DisableMouseCapture,
        LeaveAlternateScreen,
        ratatui::crossterm::cursor::Show
    );
    let _ = disable_raw_mode();
    let _ = stdout.flush();
}

struct RestoreOnDrop;

impl Drop for RestoreOnDrop {
    fn drop(&mut self) {
        restore_terminal();
    }
}

/// A panic anywhere (UI or worker thread) restores the terminal, says where a
/// report helps, and exits with 101.
fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        // Hold stdout until exit: the UI thread must not draw a frame onto the
        // restored screen between here and `exit` (the lock is reentrant, so
        // `restore_terminal` below still gets it).
        let _stdout = std::io::stdout().lock();
        restore_terminal();
        previous(info);
        eprintln!(
            "dossier crashed; the terminal was restored. Please report this with the message above."
        );
        std::process::exit(101);
    }));
}

/// SIGTERM, SIGHUP (the SSH link dropped) and SIGINT end the loop cleanly.
fn forward_signals(tx: Sender<Msg>) {
    let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT]) else {
        return;
    };
    thread::Builder::new()
        .name("signals".into())
        .spawn(move || {
            for signal in signals.forever() {
                if tx.send(Msg::Signal(signal)).is_err() {
                    return;
                }
            }
        })
        .expect("spawn signal thread");
}

/// Terminal events on their own thread, so the loop can also wait on workers.
fn forward_input(tx: Sender<Msg>) {
    thread::Builder::new()
        .name("input".into())
        .spawn(move || {
            loop {
                match event::read() {
                    Ok(ev) => {
                        if tx.send(Msg::Input(ev)).is_err() {
                            return;
                        }
                    }
                    // The terminal is gone (hang-up): end as if signalled.
                    Err(_) => {
                        let _ = tx.send(Msg::Signal(SIGHUP));
                        return;
                    }
                }
            }
        })
        .expect("spawn input thread");
}

/// Test hook: `DOSSIER_DEBUG_PANIC=1` panics on a worker thread once the UI is up,
/// so the end-to-end tests (`tests/e2e_signals.rs`) can check that a crash restores
/// the terminal and exits with 101. It is in release builds too because the test
/// suite runs the release binary; it does nothing unless the variable is set.
fn debug_panic_trigger() {
    if std::env::var_os("DOSSIER_DEBUG_PANIC").is_some_and(|v| v == "1") {
        thread::spawn(|| {
            thread::sleep(std::time::Duration::from_millis(300));
            panic!("debug panic requested by DOSSIER_DEBUG_PANIC");
        });
    }
}
