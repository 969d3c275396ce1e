//! Pure draw functions, one per pane: `draw(state, theme, frame)` reads the state
//! and writes the frame, nothing else.

mod entities;
mod filter;
mod help;
mod list;
mod reader;
mod status;
pub mod theme;

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use super::layout::{MIN_HEIGHT, MIN_WIDTH, Panes};
use super::state::{Screen, State};
pub use theme::Theme;

pub fn draw(state: &State, theme: &Theme, frame: &mut Frame) {
    let area = frame.area();
    let Some(panes) = Panes::new(area) else {
        draw_too_small(area, frame);
        return;
    };
    match state.screen {
        Screen::Main => {
            filter::draw(state, theme, panes.filter, frame);
            list::draw(state, theme, panes.list, frame);
            reader::draw(state, theme, panes.reader, frame);
        }
        Screen::Entities => entities::draw(state, theme, &panes, frame),
    }
    status::draw(state, theme, panes.status, frame);
    if state.help {
        help::draw(state, theme, area, frame);
    }
}

fn draw_too_small(area: Rect, frame: &mut Frame) {
    let text = vec![
        Line::from("terminal too small"),
        Line::from(format!(
            "need {MIN_WIDTH}x{MIN_HEIGHT}, have {}x{}",
            area.width, area.height
        )),
        Line::from("q quits"),
    ];
    let top = area.height.saturating_sub(3) / 2;
    let rect = Rect {
        y: area.y + top,
        height: area.height.saturating_sub(top),
        ..area
    };
    frame.render_widget(Paragraph::new(text).alignment(Alignment::Center), rect);
}
