//! Where each pane goes for a terminal size. Used by the state (page sizes, wrap
//! width, mouse hit-testing) and by the view, so both agree.

use ratatui::layout::Rect;

/// Below this the screen says so instead of drawing garbage.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 10;

/// Columns of the reading pane's paragraph-number gutter.
pub const GUTTER: u16 = 5;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Panes {
    pub filter: Rect,
    /// The document list (or the entity list in the entities view).
    pub list: Rect,
    /// The reading pane (or the entity details).
    pub reader: Rect,
    pub status: Rect,
}

impl Panes {
    pub fn new(area: Rect) -> Option<Panes> {
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            return None;
        }
        let body = Rect {
            x: area.x,
            y: area.y + 1,
            width: area.width,
            height: area.height - 2,
        };
        let list_width = (area.width * 36 / 100).clamp(24, 56);
        Some(Panes {
            filter: Rect { height: 1, ..area },
            list: Rect {
                width: list_width,
                ..body
            },
            reader: Rect {
                x: body.x + list_width,
                width: body.width - list_width,
                ..body
            },
            status: Rect {
                y: area.y + area.height - 1,
                height: 1,
                ..area
            },
        })
    }

    /// Rows of text inside the bordered list pane.
    pub fn list_inner_height(&self) -> usize {
        self.list.height.saturating_sub(2) as usize
    }

    pub fn reader_inner_height(&self) -> usize {
        self.reader.height.saturating_sub(2) as usize
    }

    /// Width available for paragraph text (inside borders, after the gutter).
    pub fn reader_text_width(&self) -> u16 {
        self.reader.width.saturating_sub(2 + GUTTER + 1)
    }
}

pub fn contains(r: Rect, x: u16, y: u16) -> bool {
    x >= r.x && x < r.x + r.width && y >= r.y && y < r.y + r.height
}
