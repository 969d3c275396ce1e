//! The explorer driven through its production event path (keys → actions → state →
//! draw) against ratatui's TestBackend, with the real query worker.
#![allow(dead_code)]

use std::path::Path;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

use dossier::corpus::{Corpus, LoadOptions, load_paths, load_seeds};
use dossier::index::{BuildProgress, build};
use dossier::tui::app::apply;
use dossier::tui::state::State;
use dossier::tui::view::{Theme, draw};
use dossier::tui::worker::{Msg, QueryWorker};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;

pub struct Screen {
    pub state: State,
    pub worker: QueryWorker,
    pub rx: Receiver<Msg>,
    pub terminal: Terminal<TestBackend>,
    pub theme: Theme,
}

impl Screen {
    /// The bundled seeds, monochrome.
    pub fn new(width: u16, height: u16) -> Self {
        Screen::over(load_seeds(), width, height)
    }

    /// Every document under `dir`.
    pub fn of_folder(dir: &Path, width: u16, height: u16) -> Self {
        Screen::over(
            load_paths(&[dir.to_path_buf()], &LoadOptions::default()),
            width,
            height,
        )
    }

    pub fn over(corpus: Corpus, width: u16, height: u16) -> Self {
        let (tx, rx) = channel();
        let mut state = State::new(
            Arc::new(BuildProgress::default()),
            Rect::new(0, 0, width, height),
        );
        state.set_index(Arc::new(build(corpus)), true);
        Screen {
            state,
            worker: QueryWorker::spawn(tx),
            rx,
            terminal: Terminal::new(TestBackend::new(width, height)).unwrap(),
            theme: Theme::monochrome(),
        }
    }

    pub fn key(&mut self, code: KeyCode) -> &mut Self {
        self.send(Event::Key(KeyEvent::new(code, KeyModifiers::NONE)))
    }

    pub fn send(&mut self, event: Event) -> &mut Self {
        apply(&mut self.state, Msg::Input(event), &self.worker);
        self.settle();
        self
    }

    pub fn typed(&mut self, text: &str) -> &mut Self {
        for c in text.chars() {
            self.key(KeyCode::Char(c));
        }
        self
    }

    /// Waits until the newest query's results have arrived (as the app loop would).
    pub fn settle(&mut self) {
        while self.state.filter_active() && self.state.results_query != self.state.filter.text {
            let msg = self
                .rx
                .recv_timeout(Duration::from_secs(30))
                .expect("query results arrive");
            apply(&mut self.state, msg, &self.worker);
        }
    }

    pub fn resize(&mut self, width: u16, height: u16) {
        self.terminal.backend_mut().resize(width, height);
        self.send(Event::Resize(width, height));
    }

    /// Draws and returns the screen as text, one quoted line per row.
    pub fn render(&mut self) -> String {
        self.draw();
        self.terminal.backend().to_string()
    }

    /// Draws and returns the cells.
    pub fn render_buffer(&mut self) -> Buffer {
        self.draw();
        self.terminal.backend().buffer().clone()
    }

    fn draw(&mut self) {
        let (state, theme) = (&self.state, &self.theme);
        self.terminal.draw(|f| draw(state, theme, f)).unwrap();
    }
}
