//! Display widths per grapheme, after sanitising: what the terminal will show.

use std::borrow::Cow;

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use super::sanitize::sanitize_char;

/// A grapheme as it will be drawn: control characters replaced by visible symbols.
pub fn display_grapheme(g: &str) -> Cow<'_, str> {
    if g.chars().all(|c| sanitize_char(c).is_none()) {
        return Cow::Borrowed(g);
    }
    let mut out = String::new();
    for c in g.chars() {
        match sanitize_char(c) {
            Some(stand_in) => out.push_str(stand_in),
            None => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Columns a grapheme takes once drawn (zero-width marks count as 0).
///
/// Must agree with what ratatui puts in its buffer (`CellWidth`), or wrapped rows
/// overflow the pane and lose their ends: halfwidth katakana voiced marks (U+FF9E,
/// U+FF9F) extend the grapheme for Unicode but take a column of their own on
/// terminals, so each adds one.
pub fn grapheme_width(g: &str) -> usize {
    let shown = display_grapheme(g);
    shown.width()
        + shown
            .chars()
            .filter(|&c| c == '\u{ff9e}' || c == '\u{ff9f}')
            .count()
}

/// Columns a string takes once drawn.
pub fn display_width(s: &str) -> usize {
    s.graphemes(true).map(grapheme_width).sum()
}

/// Columns ratatui's buffer gives a string, grapheme by grapheme: what
/// [`display_width`] must agree with (`Span::width` is plain unicode-width,
/// which differs for halfwidth kana voice marks).
pub fn cell_columns(s: &str) -> usize {
    use ratatui::buffer::CellWidth;
    s.graphemes(true).map(|g| usize::from(g.cell_width())).sum()
}

/// The longest prefix of `s` fitting in `max` columns, with `…` when cut.
pub fn truncate_to_width(s: &str, max: usize) -> String {
    if display_width(s) <= max {
        return display_grapheme_str(s);
    }
    let mut out = String::new();
    let mut used = 0;
    for g in s.graphemes(true) {
        let w = grapheme_width(g);
        if used + w + 1 > max {
            break;
        }
        out.push_str(&display_grapheme(g));
        used += w;
    }
    if max > 0 {
        out.push('…');
    }
    out
}

fn display_grapheme_str(s: &str) -> String {
    s.graphemes(true).map(display_grapheme).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_and_combining_widths() {
        assert_eq!(display_width("中国"), 4);
        assert_eq!(display_width("e\u{301}"), 1);
        assert_eq!(display_width("a\u{1b}b"), 3);
    }

    #[test]
    fn widths_agree_with_the_cells_ratatui_draws() {
        use ratatui::buffer::CellWidth;
        for g in [
            "a",
            "中",
            "e\u{301}",
            "👍🏽",
            "👨\u{200d}👩\u{200d}👧",
            "🇮🇶",
            "☺\u{fe0f}",
            "ｶ\u{ff9e}",
            "ﾊ\u{ff9f}",
            "ｶ",
            "ب",
            "ש",
            "नमस्ते",
            "Ａ",
            "\u{ad}",
        ] {
            for g in g.graphemes(true) {
                assert_eq!(grapheme_width(g), g.cell_width() as usize, "{g:?}");
            }
        }
    }

    #[test]
    fn truncation_respects_wide_chars() {
        let t = truncate_to_width("中国中国中国", 7);
        assert!(display_width(&t) <= 7);
        assert!(t.ends_with('…'));
        assert_eq!(truncate_to_width("Iraq", 10), "Iraq");
    }
}
