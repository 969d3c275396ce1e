//! The filter bar: prompt, query with cursor, and a summary of the results.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::Theme;
use super::status::{group, plural};
use crate::text::{display_width, sanitize_line, truncate_to_width};
use crate::tui::input::Input;
use crate::tui::state::{Focus, State};

pub fn draw(state: &State, theme: &Theme, area: Rect, frame: &mut Frame) {
    let focused = state.focus == Focus::Filter;
    let summary = summary(state);
    draw_input(
        frame,
        theme,
        area,
        "/ ",
        &state.filter,
        focused,
        "type / to filter: words, \"phrases\", -exclude, @entity",
        &summary,
    );
}

fn summary(state: &State) -> String {
    if !state.filter_active() {
        return String::new();
    }
    if state.index.is_none() {
        return "waiting for the index…".into();
    }
    match &state.results {
        Some(r) if state.results_query == state.filter.text => {
            let mut s = match r.total() {
                0 => "no hits".to_owned(),
                n => format!(
                    "{} hit{} in {} doc{}",
                    group(n),
                    plural(n),
                    group(r.docs.len()),
                    plural(r.docs.len())
                ),
            };
            if !r.unknown.is_empty() {
                s.push_str(&format!(" · no match: {}", r.unknown.join(", ")));
            }
            s
        }
        _ => "searching…".into(),
    }
}

/// A one-line input with a prompt, placeholder, right-aligned note and cursor.
#[allow(clippy::too_many_arguments)]
pub fn draw_input(
    frame: &mut Frame,
    theme: &Theme,
    area: Rect,
    prompt: &str,
    input: &Input,
    focused: bool,
    placeholder: &str,
    note: &str,
) {
    let width = area.width as usize;
    let note_width = display_width(note).min(width / 2);
    let note = truncate_to_width(note, note_width);
    let prompt_width = display_width(prompt);
    let room = width.saturating_sub(prompt_width + note_width + 2);
    let mut spans = vec![Span::styled(
        prompt.to_owned(),
        if focused { theme.prompt() } else { theme.dim() },
    )];
    // Keep the cursor visible: show the tail of a long query.
    let before_cursor = sanitize_line(&input.text[..input.cursor]).into_owned();
    let text = sanitize_line(&input.text).into_owned();
    let (shown, cursor_col) = if display_width(&before_cursor) < room {
        (
            truncate_to_width(&text, room),
            display_width(&before_cursor),
        )
    } else {
        let tail: String = tail_fitting(&before_cursor, room.saturating_sub(1));
        let w = display_width(&tail);
        (tail, w)
    };
    let shown_width = if input.text.is_empty() && !focused {
        let p = truncate_to_width(placeholder, room);
        let w = display_width(&p);
        spans.push(Span::styled(p, theme.dim()));
        w
    } else {
        let w = display_width(&shown);
        spans.push(Span::raw(shown));
        w
    };
    let pad = width.saturating_sub(prompt_width + shown_width + note_width);
    spans.push(Span::raw(" ".repeat(pad)));
    spans.push(Span::styled(note, theme.count()));
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
    if focused {
        let x = area.x + (prompt_width + cursor_col).min(width.saturating_sub(1)) as u16;
        frame.set_cursor_position(Position { x, y: area.y });
    }
}

fn tail_fitting(s: &str, max: usize) -> String {
    use unicode_segmentation::UnicodeSegmentation;
    let mut out: Vec<&str> = Vec::new();
    let mut used = 0;
    for g in s.graphemes(true).rev() {
        let w = display_width(g);
        if used + w > max {
            break;
        }
        used += w;
        out.push(g);
    }
    out.into_iter().rev().collect()
}
