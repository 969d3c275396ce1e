//! The reading pane: wrapped paragraphs with a number gutter, headings bold,
//! boilerplate and comments dimmed under labels, entity mentions styled by kind,
//! filter hits highlighted. Only the visible rows are built.

use std::ops::Range;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph as ParagraphWidget};
use unicode_segmentation::UnicodeSegmentation;

use super::Theme;
use crate::corpus::{Document, InlineStyle, ParaKind, Paragraph};
use crate::text::{
    cell_columns, display_grapheme, display_width, sanitize_line, truncate_to_width,
};
use crate::tui::layout::GUTTER;
use crate::tui::state::{Focus, Reader, State};
use crate::tui::wrap::Row;

pub fn draw(state: &State, theme: &Theme, area: Rect, frame: &mut Frame) {
    let focused = state.focus == Focus::Reader;
    let reader = &state.reader;
    let (Some(index), Some(doc_id), Some(wrapped)) = (&state.index, reader.doc, &reader.wrapped)
    else {
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(theme.border(focused));
        let msg = if state.index.is_none() {
            ""
        } else {
            "nothing to show"
        };
        frame.render_widget(
            ParagraphWidget::new(Span::styled(msg, theme.dim())).block(block),
            area,
        );
        return;
    };
    let doc = &index.docs[doc_id as usize];
    let title_room = (area.width as usize).saturating_sub(24);
    let title = format!(" {} ", truncate_to_width(&doc.meta.title, title_room));
    let mut position = format!(" {} ", sanitize_line(doc.file_name()));
    if !reader.hit_paras.is_empty() {
        let current = reader
            .current_hit
            .map_or("-".to_owned(), |i| (i + 1).to_string());
        position = format!(" hit {current}/{} ", reader.hit_paras.len());
    }
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border(focused))
        .title(Span::styled(title, theme.heading()))
        .title_bottom(Line::from(position).right_aligned());
    let inner = block.inner(area);
    frame.render_widget(block, area);

    let current_para = reader.current_hit.map(|i| reader.hit_paras[i]);
    let lines: Vec<Line> = wrapped
        .rows
        .iter()
        .skip(reader.scroll)
        .take(inner.height as usize)
        .map(|row| render_row(row, doc, reader, current_para, theme, inner.width as usize))
        .collect();
    frame.render_widget(ParagraphWidget::new(lines), inner);
}

fn render_row<'a>(
    row: &Row,
    doc: &'a Document,
    reader: &Reader,
    current_para: Option<u32>,
    theme: &Theme,
    width: usize,
) -> Line<'a> {
    let blank_gutter = " ".repeat(GUTTER as usize);
    match row {
        Row::Blank => Line::default(),
        Row::Label(label) => Line::from(vec![
            Span::raw(blank_gutter),
            Span::styled(format!("── {label} ──"), theme.label()),
        ]),
        Row::CommentHeader { para } => {
            let p = &doc.paragraphs[*para as usize];
            let mut text = String::new();
            if let Some(c) = p.comment() {
                text = format!("▸ {}", c.author);
                if let Some(to) = &c.reply_to {
                    text.push_str(&format!(" ↩ {to}"));
                }
                text.push_str(&format!(" · {}", c.timestamp));
            }
            let room = width.saturating_sub(GUTTER as usize);
            Line::from(vec![
                gutter(*para, true, reader, current_para, theme),
                Span::styled(
                    truncate_to_width(&text, room),
                    theme.secondary().add_modifier(Modifier::BOLD),
                ),
            ])
        }
        Row::Text { para, range, first } => {
            let p = &doc.paragraphs[*para as usize];
            let mut spans = vec![gutter(*para, *first, reader, current_para, theme)];
            spans.extend(text_spans(p, *para, range.clone(), reader, theme));
            Line::from(spans)
        }
    }
}

fn gutter<'a>(
    para: u32,
    first: bool,
    reader: &Reader,
    current: Option<u32>,
    theme: &Theme,
) -> Span<'a> {
    let number = if first {
        format!("{:>4}", para + 1)
    } else {
        "    ".to_owned()
    };
    let (marker, style) = if current == Some(para) {
        (if first { "▶" } else { "┃" }, theme.current_hit_marker())
    } else if reader.hit_paras.binary_search(&para).is_ok() {
        ("▏", theme.gutter())
    } else {
        (" ", theme.gutter())
    };
    Span::styled(format!("{number}{marker}"), style)
}

fn base_style(kind: ParaKind, theme: &Theme) -> Style {
    match kind {
        ParaKind::Heading => theme.heading(),
        ParaKind::Byline => theme.secondary().add_modifier(Modifier::ITALIC),
        ParaKind::Boilerplate | ParaKind::Comment => theme.dim(),
        ParaKind::Body => Style::new(),
    }
}

/// Styled spans for one wrapped row: grapheme by grapheme, merged while the
/// style stays the same. Every grapheme passes through the display sanitiser.
fn text_spans<'a>(
    p: &Paragraph,
    para: u32,
    range: Range<usize>,
    reader: &Reader,
    theme: &Theme,
) -> Vec<Span<'a>> {
    let base = base_style(p.kind, theme);
    let hits = reader.hit_spans.get(&para);
    let mentions = reader.mentions.get(para as usize);
    let mut out: Vec<Span> = Vec::new();
    let mut current = String::new();
    let mut current_style = base;
    for (offset, g) in p.text[range.clone()].grapheme_indices(true) {
        let at = range.start + offset;
        let mut style = base;
        for inline in p.inlines().iter().filter(|i| i.range.contains(&at)) {
            style = style.patch(match inline.style {
                InlineStyle::Bold => Style::new().add_modifier(Modifier::BOLD),
                InlineStyle::Italic => Style::new().add_modifier(Modifier::ITALIC),
                InlineStyle::Link(Some(_)) => Style::new().add_modifier(Modifier::UNDERLINED),
                InlineStyle::Link(None) => Style::new(),
            });
        }
        if let Some(m) = mentions.and_then(|ms| mention_at(ms, at)) {
            let entity_style = if reader.focus_entity == Some(m.entity) {
                theme.focused_entity(m.kind)
            } else {
                theme.entity(m.kind)
            };
            style = style.patch(entity_style);
        }
        if hits.is_some_and(|hs| in_sorted_spans(hs, at)) {
            style = style.patch(theme.hit());
        }
        if style != current_style && !current.is_empty() {
            out.push(Span::styled(std::mem::take(&mut current), current_style));
        }
        current_style = style;
        current.push_str(&display_grapheme(g));
    }
    if !current.is_empty() {
        out.push(Span::styled(current, current_style));
    }
    // Each span takes the columns the buffer will give it.
    debug_assert!(
        out.iter()
            .all(|s| display_width(&s.content) == cell_columns(&s.content))
    );
    out
}

/// Whether `at` lies in one of `spans` (sorted, non-overlapping, as `match_spans`
/// returns them). A binary search: a huge paragraph can hold millions of hits, and
/// this runs for every grapheme drawn.
fn in_sorted_spans(spans: &[Range<usize>], at: usize) -> bool {
    let i = spans.partition_point(|h| h.end <= at);
    spans.get(i).is_some_and(|h| h.start <= at)
}

/// The mention covering `at` (mentions sorted by start; the earliest-starting of a
/// few overlapping ones wins). A binary search, for the same reason as above.
fn mention_at(
    mentions: &[crate::tui::state::MentionSpan],
    at: usize,
) -> Option<&crate::tui::state::MentionSpan> {
    let end = mentions.partition_point(|m| m.range.start <= at);
    mentions[end.saturating_sub(8)..end]
        .iter()
        .find(|m| m.range.contains(&at))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorted_span_lookup() {
        let spans = [2..4, 6..7, 10..15];
        let hit: Vec<usize> = (0..16).filter(|&at| in_sorted_spans(&spans, at)).collect();
        assert_eq!(hit, [2, 3, 6, 10, 11, 12, 13, 14]);
        assert!(!in_sorted_spans(&[], 0));
    }

    #[test]
    fn mention_lookup_finds_the_covering_mention() {
        use crate::entities::EntityKind;
        use crate::tui::state::MentionSpan;
        let m = |range: Range<usize>, entity| MentionSpan {
            range,
            kind: EntityKind::Place,
            entity,
        };
        let mentions = [m(0..5, 0), m(3..9, 1), m(20..25, 2)];
        assert_eq!(mention_at(&mentions, 4).map(|m| m.entity), Some(0));
        assert_eq!(mention_at(&mentions, 7).map(|m| m.entity), Some(1));
        assert_eq!(mention_at(&mentions, 12).map(|m| m.entity), None);
        assert_eq!(mention_at(&mentions, 24).map(|m| m.entity), Some(2));
        assert_eq!(mention_at(&mentions, 25).map(|m| m.entity), None);
    }
}
