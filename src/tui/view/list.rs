//! The document list: derived title, date and author/source, hit counts while
//! filtering, and on demand each document's top entities. Only visible rows are
//! built.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::Theme;
use super::status::{group, plural};
use crate::text::{display_width, sanitize_line, truncate_to_width};
use crate::tui::state::{Focus, State};

pub fn draw(state: &State, theme: &Theme, area: Rect, frame: &mut Frame) {
    let focused = state.focus == Focus::List;
    let title = match (&state.index, state.filter_active()) {
        (None, _) => " documents ".to_owned(),
        (Some(_), true) => format!(" {} matching ", group(state.list_len())),
        (Some(index), false) => {
            let n = index.docs.len();
            format!(" {} document{} ", group(n), plural(n))
        }
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border(focused))
        .title(title);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let Some(index) = &state.index else {
        frame.render_widget(
            Paragraph::new(Span::styled("indexing…", theme.dim())),
            inner,
        );
        return;
    };
    let width = inner.width as usize;
    let row_height = state.list_row_height();
    let visible = (inner.height as usize / row_height).max(1);
    let mut lines: Vec<Line> = Vec::with_capacity(inner.height as usize);
    if state.list_len() == 0 {
        let msg = if state.filter_active() {
            "no document matches"
        } else {
            "no documents"
        };
        lines.push(Line::from(Span::styled(msg, theme.dim())));
    }
    for row in state.list_offset..(state.list_offset + visible).min(state.list_len()) {
        let Some(doc_id) = state.list_doc(row) else {
            break;
        };
        let doc = &index.docs[doc_id as usize];
        let selected = row == state.list_selected;
        let base = match (selected, focused) {
            (true, true) => theme.selection(),
            (true, false) => theme.selection_unfocused(),
            _ => Style::new(),
        };
        let marker = if selected { "▌" } else { " " };
        let title = truncate_to_width(&doc.meta.title, width.saturating_sub(1));
        let pad = width.saturating_sub(1 + display_width(&title));
        lines.push(Line::from(vec![
            Span::styled(marker, base),
            Span::styled(title, base.patch(theme.heading())),
            Span::styled(" ".repeat(pad), base),
        ]));

        let mut facts: Vec<String> = Vec::new();
        if let Some(date) = &doc.meta.date {
            facts.push(date.clone());
        }
        if let Some(who) = doc.meta.author.as_ref().or(doc.meta.source.as_ref()) {
            facts.push(sanitize_line(who).into_owned());
        }
        if facts.is_empty() {
            facts.push(sanitize_line(doc.file_name()).into_owned());
        }
        let hits = state
            .list_hits(row)
            .map(|n| format!(" {n} hit{}", if n == 1 { "" } else { "s" }))
            .unwrap_or_default();
        let room = width.saturating_sub(1 + display_width(&hits));
        let facts = truncate_to_width(&facts.join(" · "), room);
        let pad = width.saturating_sub(1 + display_width(&facts) + display_width(&hits));
        let secondary = if selected { base } else { theme.secondary() };
        lines.push(Line::from(vec![
            Span::styled(marker, base),
            Span::styled(facts, secondary),
            Span::styled(" ".repeat(pad), base),
            Span::styled(hits, if selected { base } else { theme.count() }),
        ]));
        if state.show_doc_entities {
            let names: Vec<&str> = state
                .doc_top_entities
                .get(doc_id as usize)
                .map(|v| {
                    v.iter()
                        .take(4)
                        .map(|&(id, _)| index.entities.entities[id].canonical.as_str())
                        .collect()
                })
                .unwrap_or_default();
            let text = if names.is_empty() {
                "no named entities".to_owned()
            } else {
                names.join(", ")
            };
            let text = truncate_to_width(&sanitize_line(&text), width.saturating_sub(3));
            let pad = width.saturating_sub(3 + display_width(&text));
            lines.push(Line::from(vec![
                Span::styled(marker, base),
                Span::styled("  ", base),
                Span::styled(text, if selected { base } else { theme.dim() }),
                Span::styled(" ".repeat(pad), base),
            ]));
        }
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
