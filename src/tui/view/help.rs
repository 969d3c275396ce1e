//! The help overlay, generated from the keymap so it cannot drift from the keys.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::Theme;
use crate::entities::EntityKind;
use crate::tui::keymap::help_sections;
use crate::tui::state::State;

const QUERY_SYNTAX: [(&str, &str); 5] = [
    ("word", "all words must match in one paragraph; typos ok"),
    ("\"a phrase\"", "exact phrase"),
    ("-word", "exclude paragraphs with the word"),
    ("@name", "paragraphs mentioning an entity, any spelling"),
    ("003", "titles and file names match too"),
];

pub fn draw(state: &State, theme: &Theme, area: Rect, frame: &mut Frame) {
    let mut lines: Vec<Line> = Vec::new();
    let key_style = theme.prompt();
    for (title, rows) in help_sections() {
        lines.push(Line::from(Span::styled(
            title,
            theme.heading().add_modifier(Modifier::UNDERLINED),
        )));
        for (keys, help) in rows {
            lines.push(Line::from(vec![
                Span::styled(format!("  {keys:<12}"), key_style),
                Span::raw(help),
            ]));
        }
        lines.push(Line::default());
    }
    lines.push(Line::from(Span::styled(
        "Query syntax",
        theme.heading().add_modifier(Modifier::UNDERLINED),
    )));
    for (syntax, meaning) in QUERY_SYNTAX {
        lines.push(Line::from(vec![
            Span::styled(format!("  {syntax:<12}"), key_style),
            Span::raw(meaning),
        ]));
    }
    lines.push(Line::default());
    lines.push(Line::from(Span::styled(
        "Entity colours",
        theme.heading().add_modifier(Modifier::UNDERLINED),
    )));
    let legend: Vec<Span> = EntityKind::ALL
        .iter()
        .flat_map(|&k| [Span::raw("  "), Span::styled(k.as_str(), theme.entity(k))])
        .collect();
    lines.push(Line::from(legend));
    lines.push(Line::from(vec![
        Span::raw("  "),
        Span::styled("filter hit", theme.hit()),
    ]));

    let width = area.width.saturating_sub(4).min(72);
    let height = area.height.saturating_sub(2).min(lines.len() as u16 + 2);
    let rect = Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    };
    let max_scroll = (lines.len() as u16).saturating_sub(height.saturating_sub(2));
    let scroll = (state.help_scroll as u16).min(max_scroll);
    let more = if scroll < max_scroll {
        " j/k scroll · any key closes "
    } else {
        " any key closes "
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border(true))
        .title(" dossier help ")
        .title_bottom(Line::from(more).right_aligned());
    frame.render_widget(Clear, rect);
    frame.render_widget(Paragraph::new(lines).block(block).scroll((scroll, 0)), rect);
}
