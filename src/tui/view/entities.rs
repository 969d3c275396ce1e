//! The entities view: entities grouped by kind (left) and the selected entity's
//! aliases, co-mentions and mentions (right).

use ratatui::Frame;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::Theme;
use super::filter::draw_input;
use super::status::{group, plural};
use crate::query::snippet;
use crate::text::{display_width, sanitize_line, truncate_to_width};
use crate::tui::entities_view::EntityRow;
use crate::tui::layout::Panes;
use crate::tui::state::State;

pub fn draw(state: &State, theme: &Theme, panes: &Panes, frame: &mut Frame) {
    let view = &state.entities;
    let Some(index) = &state.index else { return };
    draw_input(
        frame,
        theme,
        panes.filter,
        "entities › ",
        &view.filter,
        view.typing,
        "press / to filter entities",
        "",
    );

    // Entity list.
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border(!view.in_mentions))
        .title(format!(
            " entities ({}) ",
            group(
                view.rows
                    .iter()
                    .filter(|r| matches!(r, EntityRow::Entity(_)))
                    .count()
            )
        ));
    let inner = block.inner(panes.list);
    frame.render_widget(block, panes.list);
    let width = inner.width as usize;
    let mut lines = Vec::new();
    for (i, row) in view
        .rows
        .iter()
        .enumerate()
        .skip(view.offset)
        .take(inner.height as usize)
    {
        match row {
            EntityRow::Header(kind, n) => lines.push(Line::from(Span::styled(
                format!("{} ({})", kind.as_str().to_uppercase(), group(*n)),
                theme.heading().add_modifier(Modifier::UNDERLINED),
            ))),
            EntityRow::Entity(id) => {
                let e = &index.entities.entities[*id];
                let counts = format!(" {} ·{}d", e.mentions.len(), e.doc_count());
                let name = truncate_to_width(
                    &e.canonical,
                    width.saturating_sub(display_width(&counts) + 2),
                );
                let pad = width.saturating_sub(2 + display_width(&name) + display_width(&counts));
                let selected = i == view.selected;
                let base = match (selected, view.in_mentions) {
                    (true, false) => theme.selection(),
                    (true, true) => theme.selection_unfocused(),
                    _ => Style::new(),
                };
                let name_style = if selected { base } else { theme.entity(e.kind) };
                lines.push(Line::from(vec![
                    Span::styled("  ", base),
                    Span::styled(name, name_style),
                    Span::styled(" ".repeat(pad), base),
                    Span::styled(counts, if selected { base } else { theme.dim() }),
                ]));
            }
        }
    }
    if view.rows.is_empty() {
        lines.push(Line::from(Span::styled("no entities match", theme.dim())));
    }
    frame.render_widget(Paragraph::new(lines), inner);

    // Details of the selected entity.
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border(view.in_mentions));
    let Some(id) = view.selected_entity() else {
        frame.render_widget(block, panes.reader);
        return;
    };
    let e = &index.entities.entities[id];
    let block = block.title(Span::styled(
        format!(" {} ", truncate_to_width(&e.canonical, 60)),
        theme.entity(e.kind),
    ));
    let inner = block.inner(panes.reader);
    frame.render_widget(block, panes.reader);
    let width = inner.width as usize;
    let mut lines: Vec<Line> = Vec::new();
    let (mentions, docs) = (e.mentions.len(), e.doc_count());
    let mut header = format!(
        "{} · {} mention{} in {} document{}",
        e.kind.as_str(),
        group(mentions),
        plural(mentions),
        group(docs),
        plural(docs)
    );
    if let Some(v) = &e.value {
        header.push_str(&format!(" · value {v}"));
    }
    lines.push(Line::from(Span::styled(
        truncate_to_width(&header, width),
        theme.secondary(),
    )));
    let aliases: Vec<String> = e
        .aliases
        .iter()
        .map(|(a, n)| format!("{a} ({n})"))
        .collect();
    lines.extend(wrapped_field("aliases", &aliases.join(", "), width, theme));
    let co: Vec<String> = view
        .co_mentions
        .iter()
        .take(8)
        .map(|&(other, n)| format!("{} ({n})", index.entities.entities[other].canonical))
        .collect();
    let co = if co.is_empty() {
        "—".to_owned()
    } else {
        co.join(", ")
    };
    lines.extend(wrapped_field("with", &co, width, theme));
    lines.push(Line::from(Span::styled(
        format!(
            "mentions — Enter jumps{}",
            if view.in_mentions {
                ""
            } else {
                " (Tab or Enter to choose)"
            }
        ),
        theme.heading(),
    )));
    let list_height = (inner.height as usize).saturating_sub(lines.len());
    let offset = view.mention_offset.min(e.mentions.len().saturating_sub(1));
    for (i, m) in e.mentions.iter().enumerate().skip(offset).take(list_height) {
        let doc = &index.docs[m.doc as usize];
        let text = &doc.paragraphs[m.para as usize].text;
        let label = format!(
            "{} ¶{} ",
            truncate_to_width(doc.file_name(), 14),
            m.para + 1
        );
        let room = width.saturating_sub(display_width(&label));
        let snip = snippet(
            text,
            std::slice::from_ref(&(m.start as usize..m.end as usize)),
            room.max(8),
        );
        let selected = view.in_mentions && i == view.mention_selected;
        let base = if selected {
            theme.selection()
        } else {
            Style::new()
        };
        lines.push(Line::from(vec![
            Span::styled(label, if selected { base } else { theme.dim() }),
            Span::styled(truncate_to_width(&sanitize_line(&snip.text), room), base),
        ]));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

/// `label: value`, wrapped onto at most three lines.
fn wrapped_field<'a>(label: &str, value: &str, width: usize, theme: &Theme) -> Vec<Line<'a>> {
    let label = format!("{label}: ");
    let indent = display_width(&label);
    let room = width.saturating_sub(indent).max(8);
    let value = sanitize_line(value);
    let rows = crate::tui::wrap::wrap_text(&value, room);
    let mut lines = Vec::new();
    for (i, range) in rows.iter().take(3).enumerate() {
        let mut text = value[range.clone()].to_owned();
        if i == 2 && rows.len() > 3 {
            text = truncate_to_width(&format!("{text} …"), room);
        }
        let head = if i == 0 {
            Span::styled(label.clone(), theme.dim())
        } else {
            Span::raw(" ".repeat(indent))
        };
        lines.push(Line::from(vec![head, Span::raw(text)]));
    }
    lines
}
