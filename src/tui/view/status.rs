//! The status line: corpus size or indexing progress, messages, and the help key.

use std::sync::atomic::Ordering;
use std::time::Instant;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::Theme;
use crate::text::{display_width, sanitize_line, truncate_to_width};
use crate::tui::state::State;

/// The key hints at the right end, always shown.
const HINTS: &str = "? help  q quit ";
/// Between the left part, the message and the hints.
const GAP: &str = "  ";

pub fn draw(state: &State, theme: &Theme, area: Rect, frame: &mut Frame) {
    let width = area.width as usize;
    let (message, message_style) = match &state.message {
        Some(m) => (sanitize_line(m).into_owned(), theme.count()),
        None => (String::new(), theme.dim()),
    };
    // Room for the left part, the gap after it and the hints.
    let room = width.saturating_sub(display_width(HINTS) + GAP.len());
    // A message keeps a gap before the hints too, and is worth more than the
    // left part's detail: that shortens first.
    let message_room = |left: usize| {
        let gap = if message.is_empty() { 0 } else { GAP.len() };
        room.saturating_sub(left + gap)
    };
    let left_room = match display_width(&message) {
        0 => room,
        shown => room.saturating_sub(shown + GAP.len()),
    };
    let left = match &state.index {
        Some(index) if !state.index_complete => {
            let ready = group(index.docs.len());
            let mut candidates = Vec::new();
            for progress in progress_texts(state) {
                candidates.push(format!(" first {ready} docs ready ·{progress}"));
                candidates.push(format!(" {ready} ready ·{progress}"));
                candidates.push(progress);
            }
            widest_fitting(candidates, left_room, room)
        }
        Some(index) => {
            let (docs, entities) = (index.docs.len(), index.entities.entities.len());
            let docs = format!(" {} doc{}", group(docs), plural(docs));
            let entities = format!(
                " · {} entit{}",
                group(entities),
                if entities == 1 { "y" } else { "ies" }
            );
            let paras = format!(" · {} ¶", group(index.para_count()));
            widest_fitting(
                vec![
                    format!("{docs}{paras}{entities}"),
                    format!("{docs}{entities}"),
                    docs,
                ],
                left_room,
                room,
            )
        }
        None => widest_fitting(progress_texts(state), left_room, room),
    };
    let message = truncate_to_width(&message, message_room(display_width(&left)));
    let pad = room.saturating_sub(display_width(&left) + display_width(&message));
    let line = Line::from(vec![
        Span::styled(left, theme.secondary()),
        Span::raw(GAP),
        Span::styled(message, message_style),
        Span::raw(" ".repeat(pad)),
        Span::styled(HINTS, theme.dim()),
    ]);
    frame.render_widget(Paragraph::new(line), area);
}

/// The first of `candidates` (most detailed first) that fits in `wanted`
/// columns, else the last one, cut to `room` if it must be.
fn widest_fitting(candidates: Vec<String>, wanted: usize, room: usize) -> String {
    let last = candidates.last().cloned().unwrap_or_default();
    candidates
        .into_iter()
        .find(|c| display_width(c) <= wanted)
        .unwrap_or_else(|| truncate_to_width(&last, room))
}

/// Indexing progress, most detailed first:
/// `indexing ████░░░░░░ 3,400/10,000 docs · 34.0 MB/s · ETA 2 s`, then
/// without the unit, the rate, and the ETA in turn.
fn progress_texts(state: &State) -> Vec<String> {
    let loading = &state.loading;
    let seconds = |since: Instant| since.elapsed().as_secs_f64().max(0.001);
    // Time left at the pace of the phase so far.
    let eta = |fraction: f64, elapsed: f64| {
        if fraction > 0.0 {
            elapsed * (1.0 - fraction) / fraction
        } else {
            0.0
        }
    };
    let Some(total) = loading.docs_total else {
        let elapsed = seconds(loading.started);
        let files = loading.files.files_total.load(Ordering::Relaxed);
        let read = loading.files.files_read.load(Ordering::Relaxed).min(files);
        if files == 0 {
            return vec![format!(" reading files… {elapsed:.1} s")];
        }
        let fraction = read as f64 / files as f64;
        let counts = format!("{} {}/{}", bar(fraction), group(read), group(files));
        let eta = eta(fraction, elapsed);
        return vec![
            format!(" reading {counts} files · ETA {eta:.0} s"),
            format!(" reading {counts} · ETA {eta:.0} s"),
            format!(" reading {counts}"),
        ];
    };
    let done = loading
        .progress
        .docs_done
        .load(Ordering::Relaxed)
        .min(total);
    let elapsed = seconds(loading.indexing_started.unwrap_or(loading.started));
    let bytes = loading.progress.bytes_done.load(Ordering::Relaxed);
    let rate = bytes as f64 / elapsed / 1e6;
    let fraction = if total == 0 {
        1.0
    } else {
        done as f64 / total as f64
    };
    let counts = format!("{} {}/{}", bar(fraction), group(done), group(total));
    // Every document tagged: what is left is merging names and postings.
    let eta = if done == total {
        "finishing…".to_owned()
    } else if done == 0 {
        // No pace yet to reckon from.
        "ETA …".to_owned()
    } else {
        format!("ETA {:.0} s", eta(fraction, elapsed))
    };
    vec![
        format!(" indexing {counts} docs · {rate:.1} MB/s · {eta}"),
        format!(" indexing {counts} · {rate:.1} MB/s · {eta}"),
        format!(" indexing {counts} · {eta}"),
        format!(" indexing {counts}"),
    ]
}

/// A ten-cell progress bar.
fn bar(fraction: f64) -> String {
    let filled = (fraction.clamp(0.0, 1.0) * 10.0).round() as usize;
    format!("{}{}", "█".repeat(filled), "░".repeat(10 - filled))
}

/// The plural "s" of a count: "1 doc", "2 docs".
pub fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
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
