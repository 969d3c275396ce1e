//! Keys → actions. The help overlay is generated from these tables, so it cannot
//! drift from what the keys do.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Action;

/// Where keys go: the key tables differ when typing in an input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Document list or reading pane.
    Browse,
    /// Typing in the filter bar (or the entities view's filter).
    Input,
    /// The entities view.
    Entities,
}

/// One binding: the keys shown in help, a matcher, the action and its description.
pub struct Binding {
    pub keys: &'static str,
    pub matches: fn(&KeyEvent) -> bool,
    pub action: Action,
    pub help: &'static str,
}

macro_rules! bind {
    ($keys:literal, $pat:pat, $action:expr, $help:literal) => {
        Binding {
            keys: $keys,
            matches: |k: &KeyEvent| matches!((k.code, k.modifiers), $pat),
            action: $action,
            help: $help,
        }
    };
}

const NONE: KeyModifiers = KeyModifiers::NONE;
const SHIFT: KeyModifiers = KeyModifiers::SHIFT;
const CTRL: KeyModifiers = KeyModifiers::CONTROL;

/// Keys that work in the list and the reading pane.
pub fn browse() -> Vec<Binding> {
    vec![
        bind!(
            "j ↓",
            (KeyCode::Char('j'), NONE) | (KeyCode::Down, _),
            Action::Down,
            "move down / scroll"
        ),
        bind!(
            "k ↑",
            (KeyCode::Char('k'), NONE) | (KeyCode::Up, _),
            Action::Up,
            "move up / scroll"
        ),
        bind!(
            "g Home",
            (KeyCode::Char('g'), NONE) | (KeyCode::Home, _),
            Action::Top,
            "first document / top"
        ),
        bind!(
            "G End",
            (KeyCode::Char('G'), NONE | SHIFT) | (KeyCode::End, _),
            Action::Bottom,
            "last document / bottom"
        ),
        bind!(
            "PgDn",
            (KeyCode::PageDown, _) | (KeyCode::Char(' '), NONE),
            Action::PageDown,
            "page down"
        ),
        bind!("PgUp", (KeyCode::PageUp, _), Action::PageUp, "page up"),
        bind!(
            "Ctrl-d",
            (KeyCode::Char('d'), CTRL),
            Action::HalfPageDown,
            "half page down"
        ),
        bind!(
            "Ctrl-u",
            (KeyCode::Char('u'), CTRL),
            Action::HalfPageUp,
            "half page up"
        ),
        bind!(
            "Enter l →",
            (KeyCode::Enter, _) | (KeyCode::Char('l'), NONE) | (KeyCode::Right, NONE),
            Action::Open,
            "open document"
        ),
        bind!(
            "Esc h ←",
            (KeyCode::Esc, _) | (KeyCode::Char('h'), NONE) | (KeyCode::Left, NONE),
            Action::Back,
            "back / clear filter"
        ),
        bind!("Tab", (KeyCode::Tab, NONE), Action::NextPane, "next pane"),
        bind!(
            "S-Tab",
            (KeyCode::BackTab, _),
            Action::PrevPane,
            "previous pane"
        ),
        bind!(
            "/",
            (KeyCode::Char('/'), NONE),
            Action::FocusFilter,
            "filter (search)"
        ),
        bind!("n", (KeyCode::Char('n'), NONE), Action::NextHit, "next hit"),
        bind!(
            "N",
            (KeyCode::Char('N'), NONE | SHIFT),
            Action::PrevHit,
            "previous hit"
        ),
        bind!(
            "e",
            (KeyCode::Char('e'), NONE),
            Action::Entities,
            "entities view"
        ),
        bind!(
            "o",
            (KeyCode::Char('o'), NONE),
            Action::EntityAtCursor,
            "entity at the current hit / top line"
        ),
        bind!(
            "t",
            (KeyCode::Char('t'), NONE),
            Action::ToggleDocEntities,
            "top entities of each document"
        ),
        bind!(
            "?",
            (KeyCode::Char('?'), _),
            Action::ToggleHelp,
            "this help"
        ),
        bind!(
            "q Ctrl-c",
            (KeyCode::Char('q'), NONE) | (KeyCode::Char('c'), CTRL),
            Action::Quit,
            "quit"
        ),
    ]
}

/// Keys while typing a filter.
pub fn input() -> Vec<Binding> {
    vec![
        bind!(
            "Enter",
            (KeyCode::Enter, _),
            Action::Submit,
            "go to results"
        ),
        bind!(
            "Esc",
            (KeyCode::Esc, _),
            Action::Back,
            "clear filter, then leave"
        ),
        bind!(
            "↑ ↓",
            (KeyCode::Up, _),
            Action::HistoryPrev,
            "filter history"
        ),
        bind!("", (KeyCode::Down, _), Action::HistoryNext, ""),
        bind!("Tab", (KeyCode::Tab, _), Action::NextPane, "next pane"),
        bind!(
            "S-Tab",
            (KeyCode::BackTab, _),
            Action::PrevPane,
            "previous pane"
        ),
        bind!("← →", (KeyCode::Left, _), Action::CursorLeft, "move cursor"),
        bind!("", (KeyCode::Right, _), Action::CursorRight, ""),
        bind!(
            "Home End",
            (KeyCode::Home, _) | (KeyCode::Char('a'), CTRL),
            Action::CursorHome,
            "start / end of line"
        ),
        bind!(
            "",
            (KeyCode::End, _) | (KeyCode::Char('e'), CTRL),
            Action::CursorEnd,
            ""
        ),
        bind!(
            "Ctrl-w",
            (KeyCode::Char('w'), CTRL) | (KeyCode::Backspace, KeyModifiers::ALT),
            Action::DeleteWord,
            "delete word"
        ),
        bind!(
            "Ctrl-u",
            (KeyCode::Char('u'), CTRL) | (KeyCode::Char('c'), CTRL),
            Action::ClearInput,
            "clear line"
        ),
        bind!(
            "Bksp Del",
            (KeyCode::Backspace, _),
            Action::DeleteBack,
            "delete"
        ),
        bind!("", (KeyCode::Delete, _), Action::DeleteForward, ""),
    ]
}

/// Keys in the entities view (besides browse keys for moving).
pub fn entities() -> Vec<Binding> {
    vec![
        bind!(
            "Enter",
            (KeyCode::Enter, _),
            Action::Open,
            "open entity / jump to mention"
        ),
        bind!("Esc", (KeyCode::Esc, _), Action::Back, "back"),
        bind!(
            "Tab",
            (KeyCode::Tab, NONE),
            Action::NextPane,
            "entity list ↔ mentions"
        ),
        bind!(
            "/",
            (KeyCode::Char('/'), NONE),
            Action::FocusFilter,
            "filter entities"
        ),
    ]
}

/// The action for a key in a mode, if any.
pub fn action_for(mode: Mode, key: &KeyEvent) -> Option<Action> {
    let table = match mode {
        Mode::Browse => browse(),
        Mode::Input => {
            if let Some(a) = input()
                .into_iter()
                .find(|b| (b.matches)(key))
                .map(|b| b.action)
            {
                return Some(a);
            }
            return match key.code {
                KeyCode::Char(c) if !key.modifiers.intersects(CTRL | KeyModifiers::ALT) => {
                    Some(Action::Insert(c))
                }
                _ => None,
            };
        }
        Mode::Entities => {
            let mut t = entities();
            t.extend(browse());
            t
        }
    };
    table
        .into_iter()
        .find(|b| (b.matches)(key))
        .map(|b| b.action)
}

/// Help sections: (title, [(keys, description)]), straight from the tables above.
pub fn help_sections() -> Vec<(&'static str, Vec<(&'static str, &'static str)>)> {
    let rows = |table: Vec<Binding>| {
        table
            .into_iter()
            .filter(|b| !b.keys.is_empty())
            .map(|b| (b.keys, b.help))
            .collect()
    };
    vec![
        ("Browse", rows(browse())),
        ("Filter bar", rows(input())),
        ("Entities view", rows(entities())),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode, m: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, m)
    }

    #[test]
    fn vim_and_arrow_keys() {
        assert_eq!(
            action_for(Mode::Browse, &key(KeyCode::Char('j'), NONE)),
            Some(Action::Down)
        );
        assert_eq!(
            action_for(Mode::Browse, &key(KeyCode::Down, NONE)),
            Some(Action::Down)
        );
        assert_eq!(
            action_for(Mode::Browse, &key(KeyCode::Char('G'), SHIFT)),
            Some(Action::Bottom)
        );
        assert_eq!(
            action_for(Mode::Browse, &key(KeyCode::Char('d'), CTRL)),
            Some(Action::HalfPageDown)
        );
    }

    #[test]
    fn typing_inserts_but_ctrl_keys_edit() {
        assert_eq!(
            action_for(Mode::Input, &key(KeyCode::Char('q'), NONE)),
            Some(Action::Insert('q'))
        );
        assert_eq!(
            action_for(Mode::Input, &key(KeyCode::Char('Q'), SHIFT)),
            Some(Action::Insert('Q'))
        );
        assert_eq!(
            action_for(Mode::Input, &key(KeyCode::Char('w'), CTRL)),
            Some(Action::DeleteWord)
        );
    }

    #[test]
    fn every_help_row_has_a_description() {
        for (_, rows) in help_sections() {
            assert!(rows.iter().all(|(k, h)| !k.is_empty() && !h.is_empty()));
        }
    }
}
