//! Styles from the 16 named ANSI colours, or from modifiers alone when `NO_COLOR`
//! is set: selection and highlights must stay visible either way.

use ratatui::style::{Color, Modifier, Style};

use crate::entities::EntityKind;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub color: bool,
}

impl Theme {
    /// Colour unless `NO_COLOR` is set to anything non-empty (no-color.org).
    pub fn from_env() -> Self {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Theme { color: !no_color }
    }

    pub fn monochrome() -> Self {
        Theme { color: false }
    }

    fn pick(&self, colored: Style, plain: Style) -> Style {
        if self.color { colored } else { plain }
    }

    pub fn selection(&self) -> Style {
        self.pick(
            Style::new().fg(Color::Black).bg(Color::Cyan),
            Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
        )
    }

    /// Selection in a pane that does not have the focus.
    pub fn selection_unfocused(&self) -> Style {
        self.pick(
            Style::new().bg(Color::DarkGray).fg(Color::White),
            Style::new().add_modifier(Modifier::REVERSED),
        )
    }

    pub fn hit(&self) -> Style {
        self.pick(
            Style::new().fg(Color::Black).bg(Color::Yellow),
            Style::new().add_modifier(Modifier::REVERSED),
        )
    }

    pub fn heading(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    /// Boilerplate and comments: present, but stepped back.
    pub fn dim(&self) -> Style {
        self.pick(
            Style::new().fg(Color::DarkGray),
            Style::new().add_modifier(Modifier::DIM),
        )
    }

    pub fn label(&self) -> Style {
        self.dim().add_modifier(Modifier::ITALIC)
    }

    pub fn gutter(&self) -> Style {
        self.pick(
            Style::new().fg(Color::DarkGray),
            Style::new().add_modifier(Modifier::DIM),
        )
    }

    pub fn current_hit_marker(&self) -> Style {
        self.pick(
            Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
            Style::new().add_modifier(Modifier::BOLD),
        )
    }

    pub fn border(&self, focused: bool) -> Style {
        match (focused, self.color) {
            (true, true) => Style::new().fg(Color::Cyan),
            (true, false) => Style::new().add_modifier(Modifier::BOLD),
            (false, true) => Style::new().fg(Color::DarkGray),
            (false, false) => Style::new().add_modifier(Modifier::DIM),
        }
    }

    pub fn secondary(&self) -> Style {
        self.pick(Style::new().fg(Color::Gray), Style::new())
    }

    pub fn count(&self) -> Style {
        self.pick(
            Style::new().fg(Color::Yellow),
            Style::new().add_modifier(Modifier::BOLD),
        )
    }

    pub fn error(&self) -> Style {
        self.pick(
            Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
            Style::new().add_modifier(Modifier::BOLD),
        )
    }

    pub fn prompt(&self) -> Style {
        self.pick(
            Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            Style::new().add_modifier(Modifier::BOLD),
        )
    }

    /// Entity mentions: a colour each, and with `NO_COLOR` a distinct modifier mix.
    pub fn entity(&self, kind: EntityKind) -> Style {
        if self.color {
            let color = match kind {
                EntityKind::Person => Color::LightCyan,
                EntityKind::Organization => Color::LightMagenta,
                EntityKind::Place => Color::LightGreen,
                EntityKind::Date => Color::LightBlue,
                EntityKind::Quantity => Color::LightRed,
            };
            Style::new().fg(color)
        } else {
            let m = match kind {
                EntityKind::Person => Modifier::BOLD,
                EntityKind::Organization => Modifier::UNDERLINED,
                EntityKind::Place => Modifier::ITALIC,
                EntityKind::Date => Modifier::ITALIC | Modifier::UNDERLINED,
                EntityKind::Quantity => Modifier::BOLD | Modifier::UNDERLINED,
            };
            Style::new().add_modifier(m)
        }
    }

    /// The emphasised entity after a jump from the entities view.
    pub fn focused_entity(&self, kind: EntityKind) -> Style {
        self.entity(kind)
            .add_modifier(Modifier::UNDERLINED | Modifier::BOLD)
    }
}
