//! A document laid out for the reading pane: paragraphs wrapped to a width, with
//! labels where the kind of text changes (boilerplate, reader comments).

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

use crate::corpus::{Document, ParaKind};
use crate::text::grapheme_width;

/// One screen line of the reading pane.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Row {
    /// A slice of paragraph `para`'s text; `first` on its first line.
    Text {
        para: u32,
        range: Range<usize>,
        first: bool,
    },
    /// A section label, e.g. "boilerplate" or "reader comments (14)".
    Label(String),
    /// A comment's author and time, replacing its raw header lines.
    CommentHeader {
        para: u32,
    },
    Blank,
}

#[derive(Debug, Clone, Default)]
pub struct Wrapped {
    pub doc: u32,
    pub width: u16,
    pub rows: Vec<Row>,
    /// The first row of each paragraph.
    pub para_rows: Vec<usize>,
}

impl Wrapped {
    /// Lays out `doc` for a text area `width` columns wide.
    pub fn new(doc_id: u32, doc: &Document, width: u16) -> Self {
        let width = width.max(4);
        let mut rows = Vec::new();
        let mut para_rows = Vec::with_capacity(doc.paragraphs.len());
        let comments = doc
            .paragraphs
            .iter()
            .filter_map(|p| p.comment())
            .map(|c| c.number)
            .max()
            .map_or(0, |n| n + 1);
        let mut prev_kind = None;
        for (i, p) in doc.paragraphs.iter().enumerate() {
            let para = i as u32;
            if prev_kind != Some(p.kind)
                && matches!(p.kind, ParaKind::Boilerplate | ParaKind::Comment)
            {
                if !rows.is_empty() {
                    rows.push(Row::Blank);
                }
                let label = match p.kind {
                    ParaKind::Comment => format!("reader comments ({comments})"),
                    _ => "boilerplate".to_owned(),
                };
                rows.push(Row::Label(label));
            } else if !rows.is_empty() {
                rows.push(Row::Blank);
            }
            prev_kind = Some(p.kind);
            para_rows.push(rows.len());
            let is_header = p.comment().is_some_and(|c| {
                p.text.starts_with(c.author.as_str()) && p.text.ends_with(c.timestamp.as_str())
            });
            if is_header {
                rows.push(Row::CommentHeader { para });
                continue;
            }
            let mut first = true;
            for range in wrap_text(&p.text, width as usize) {
                rows.push(Row::Text { para, range, first });
                first = false;
            }
            if first {
                rows.push(Row::Text {
                    para,
                    range: 0..0,
                    first: true,
                });
            }
        }
        Wrapped {
            doc: doc_id,
            width,
            rows,
            para_rows,
        }
    }

    /// The paragraph shown at (or just before) `row`.
    pub fn para_at(&self, row: usize) -> Option<u32> {
        let i = self.para_rows.partition_point(|&r| r <= row);
        i.checked_sub(1).map(|p| p as u32)
    }

    /// The row showing byte `offset` of paragraph `para`.
    pub fn row_of(&self, para: u32, offset: usize) -> usize {
        let start = self.para_rows.get(para as usize).copied().unwrap_or(0);
        let mut row = start;
        for (i, r) in self.rows.iter().enumerate().skip(start) {
            match r {
                Row::Text { para: p, range, .. } if *p == para => {
                    row = i;
                    if range.end > offset {
                        break;
                    }
                }
                Row::Text { .. } | Row::CommentHeader { .. } if i > start => break,
                _ => {}
            }
        }
        row
    }
}

/// Greedy word wrap by display columns. Returns byte ranges of `text`; hard line
/// breaks are kept, over-long words are split at grapheme boundaries.
pub fn wrap_text(text: &str, width: usize) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut line_offset = 0;
    for line in text.split('\n') {
        wrap_line(line, line_offset, width.max(1), &mut out);
        line_offset += line.len() + 1;
    }
    out
}

fn wrap_line(line: &str, base: usize, width: usize, out: &mut Vec<Range<usize>>) {
    if line.is_empty() {
        out.push(base..base);
        return;
    }
    let mut start = 0; // start of the current row
    let mut used = 0; // columns used on the current row
    let mut last_break: Option<(usize, usize)> = None; // (byte after the space, columns up to it)
    for (i, g) in line.grapheme_indices(true) {
        let w = grapheme_width(g);
        if used + w > width && i > start {
            if g.chars().all(char::is_whitespace) {
                // The space itself ends the row.
                out.push(base + start..base + i);
                start = i + g.len();
                used = 0;
                last_break = None;
                continue;
            }
            match last_break.filter(|&(b, _)| b > start) {
                Some((b, cols)) => {
                    out.push(base + start..base + trim_end(line, start, b));
                    start = b;
                    used -= cols;
                }
                None => {
                    out.push(base + start..base + i);
                    start = i;
                    used = 0;
                }
            }
            last_break = None;
        }
        used += w;
        if g.chars().all(char::is_whitespace) {
            last_break = Some((i + g.len(), used));
        }
    }
    if start < line.len() {
        out.push(base + start..base + line.len());
    }
}

/// `b` minus trailing whitespace in `line[start..b]`.
fn trim_end(line: &str, start: usize, b: usize) -> usize {
    start + line[start..b].trim_end().len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::display_width;

    fn rows(text: &str, width: usize) -> Vec<&str> {
        wrap_text(text, width)
            .into_iter()
            .map(|r| &text[r])
            .collect()
    }

    #[test]
    fn wraps_at_spaces() {
        assert_eq!(
            rows("the quick brown fox jumps", 10),
            ["the quick", "brown fox", "jumps"]
        );
    }

    #[test]
    fn splits_long_words_and_keeps_hard_breaks() {
        assert_eq!(rows("abcdefghij\nxy", 4), ["abcd", "efgh", "ij", "xy"]);
    }

    #[test]
    fn wide_characters_fit_by_columns() {
        for row in rows("中国中国中国 emoji 🎉🎉🎉 e\u{301}e\u{301}", 5) {
            assert!(display_width(row) <= 5, "{row:?}");
        }
    }
}
