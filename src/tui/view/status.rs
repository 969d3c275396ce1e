//! The status line: corpus size or indexing progress, messages, and the help key.

use std::sync::atomic::Ordering;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::Theme;
use crate::text::{display_width, sanitize_line, truncate_to_width};
use crate::tui::state::State;

pub fn draw(state: &State, theme: &Theme, area: Rect, frame: &mut Frame) {
    let width = area.width as usize;
    let left = match &state.index {
        Some(index) if !state.index_complete => {
            format!(
                " first {} docs ready ·{}",
                group(index.docs.len()),
                progress_text(state, width / 2)
            )
        }
        Some(index) => format!(
            " {} docs · {} ¶ · {} entities",
            group(index.docs.len()),
            group(index.para_count()),
            group(index.entities.entities.len())
        ),
        None => progress_text(state, width / 2),
    };
    let right = "? help  q quit ";
    let (message, message_style) = match &state.message {
        Some(m) => (sanitize_line(m).into_owned(), theme.count()),
        None => (String::new(), theme.dim()),
    };
    let room = width.saturating_sub(display_width(&left) + display_width(right) + 2);
    let message = truncate_to_width(&message, room);
    let pad = width
        .saturating_sub(display_width(&left) + display_width(&message) + display_width(right) + 2);
    let line = Line::from(vec![
        Span::styled(left, theme.secondary()),
        Span::raw("  "),
        Span::styled(message, message_style),
        Span::raw(" ".repeat(pad)),
        Span::styled(right, theme.dim()),
    ]);
    frame.render_widget(Paragraph::new(line), area);
}

/// `indexing ████░░░░ 3,400/10,000 docs · 34 MB/s · ETA 2 s`
fn progress_text(state: &State, room: usize) -> String {
    let loading = &state.loading;
    let elapsed = loading.started.elapsed().as_secs_f64().max(0.001);
    let Some(total) = loading.docs_total else {
        let files = loading.files.files_total.load(Ordering::Relaxed);
        let read = loading.files.files_read.load(Ordering::Relaxed).min(files);
        if files == 0 {
            return format!(" reading files… {elapsed:.1} s");
        }
        let fraction = read as f64 / files as f64;
        let eta = if read > 0 {
            elapsed * (1.0 - fraction) / fraction
        } else {
            0.0
        };
        let text = format!(
            " reading {} {}/{} files · ETA {eta:.0} s",
            bar(fraction),
            group(read),
            group(files)
        );
        return truncate_to_width(&text, room.max(20));
    };
    let done = loading
        .progress
        .docs_done
        .load(Ordering::Relaxed)
        .min(total);
    let bytes = loading.progress.bytes_done.load(Ordering::Relaxed);
    let rate = bytes as f64 / elapsed / 1e6;
    let fraction = if total == 0 {
        1.0
    } else {
        done as f64 / total as f64
    };
    let eta = if fraction > 0.0 {
        elapsed * (1.0 - fraction) / fraction
    } else {
        0.0
    };
    let text = format!(
        " indexing {} {}/{} docs · {:.1} MB/s · ETA {:.0} s",
        bar(fraction),
        group(done),
        group(total),
        rate,
        eta
    );
    truncate_to_width(&text, room.max(20))
}

/// A ten-cell progress bar.
fn bar(fraction: f64) -> String {
    let filled = (fraction.clamp(0.0, 1.0) * 10.0).round() as usize;
    format!("{}{}", "█".repeat(filled), "░".repeat(10 - filled))
}

/// 12345 → "12,345".
pub fn group(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}
