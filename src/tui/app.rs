//! The loop: terminal events, worker messages and signals arrive on one channel;
//! keys become actions (keymap), actions update the state, the state is drawn.
//! Messages that arrive together are applied together and drawn once.

use std::io::Write;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender};
use std::time::Duration;

use ratatui::Terminal;
use ratatui::backend::Backend;
use ratatui::crossterm::event::{Event, KeyEventKind, MouseButton, MouseEventKind};
use ratatui::layout::Rect;

use super::action::Action;
use super::keymap::action_for;
use super::state::State;
use super::view::{Theme, draw};
use super::worker::{Msg, QueryWorker};

/// How often the screen refreshes while indexing (progress bar).
const PROGRESS_TICK: Duration = Duration::from_millis(100);
/// Idle wake-up, so a lost signal or message can never hang the loop.
const IDLE_TICK: Duration = Duration::from_secs(1);

/// Translates a terminal event into an action for the current mode.
pub fn action_for_event(state: &State, event: &Event) -> Option<Action> {
    match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => action_for(state.mode(), key),
        Event::Mouse(m) => match m.kind {
            MouseEventKind::ScrollUp => Some(Action::ScrollUp(m.column, m.row)),
            MouseEventKind::ScrollDown => Some(Action::ScrollDown(m.column, m.row)),
            MouseEventKind::Down(MouseButton::Left) => Some(Action::Click(m.column, m.row)),
            _ => None,
        },
        Event::Resize(w, h) => Some(Action::Resize(*w, *h)),
        _ => None,
    }
}

/// Applies one message; returns false when the loop should end.
pub fn apply(state: &mut State, msg: Msg, worker: &QueryWorker) -> bool {
    match msg {
        Msg::Input(Event::Paste(text)) => {
            // A paste into an input is typed text; control characters become spaces.
            if state.mode() == super::keymap::Mode::Input {
                for c in text.chars() {
                    state.update(Action::Insert(if c.is_control() { ' ' } else { c }));
                }
            }
        }
        Msg::Input(event) => match action_for_event(state, &event) {
            Some(action) => state.update(action),
            // Any key closes the help overlay, bound or not.
            None if state.help && matches!(event, Event::Key(_)) => state.update(Action::Back),
            None => {}
        },
        Msg::Loaded { docs, bytes } => {
            state.loading.docs_total = Some(docs);
            state.loading.indexing_started = Some(std::time::Instant::now());
            state.loading.bytes_total = bytes;
        }
        Msg::Indexed { index, complete } => {
            // Warm the query worker (its scratch arrays) before the first keystroke;
            // generation 0 is never current, so the answer is dropped.
            worker.submit(0, Arc::clone(&index), String::new());
            state.set_index(index, complete);
        }
        Msg::Results {
            generation,
            results,
        } => state.set_results(generation, results),
        Msg::Signal(signal) => {
            state.quit = true;
            state.exit_signal = Some(signal);
        }
    }
    if let Some((generation, query)) = state.outgoing_query.take()
        && let Some(index) = &state.index
    {
        worker.submit(generation, Arc::clone(index), query);
    }
    !state.quit
}

/// Runs until quit: draws, waits for messages, applies them, draws again.
pub fn run_loop<B: Backend>(
    terminal: &mut Terminal<B>,
    state: &mut State,
    rx: &Receiver<Msg>,
    tx: &Sender<Msg>,
    theme: &Theme,
    mut out: impl Write,
) -> std::io::Result<()>
where
    B::Error: Into<std::io::Error>,
{
    let worker = QueryWorker::spawn(tx.clone());
    // Draw only when something may have changed: an idle screen sends nothing.
    let mut dirty = true;
    loop {
        if let Ok(size) = terminal.size() {
            let area = Rect::new(0, 0, size.width, size.height);
            if area != state.size {
                state.update(Action::Resize(size.width, size.height));
                dirty = true;
            }
        }
        if dirty {
            // Synchronized update: the terminal shows the frame whole, never half-drawn.
            let _ = out.write_all(b"\x1b[?2026h");
            terminal
                .draw(|frame| draw(state, theme, frame))
                .map_err(Into::into)?;
            let _ = out.write_all(b"\x1b[?2026l");
            let _ = out.flush();
        }
        let indexing = !state.index_complete;
        let first = match rx.recv_timeout(if indexing { PROGRESS_TICK } else { IDLE_TICK }) {
            Ok(msg) => msg,
            Err(RecvTimeoutError::Timeout) => {
                // The progress bar moves on its own while indexing.
                dirty = indexing;
                continue;
            }
            Err(RecvTimeoutError::Disconnected) => return Ok(()),
        };
        if !apply(state, first, &worker) {
            return Ok(());
        }
        while let Ok(msg) = rx.try_recv() {
            if !apply(state, msg, &worker) {
                return Ok(());
            }
        }
        dirty = true;
    }
}
