//! Every thing a user can do, named once. Keys map to these (`keymap.rs`), the
//! state applies them (`state.rs`), and the help overlay lists them.

/// A user intent, independent of the key that produced it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    Quit,
    ToggleHelp,
    /// Focus the filter bar.
    FocusFilter,
    NextPane,
    PrevPane,
    Up,
    Down,
    PageUp,
    PageDown,
    HalfPageUp,
    HalfPageDown,
    Top,
    Bottom,
    /// Open the selected item (document, entity, mention).
    Open,
    /// Close an overlay, leave a pane, clear the filter.
    Back,
    NextHit,
    PrevHit,
    /// Open the entities view.
    Entities,
    /// Open the entity under the reader's current hit or first visible mention.
    EntityAtCursor,
    /// Show or hide the selected document's top entities in the list.
    ToggleDocEntities,
    // Filter bar editing.
    Insert(char),
    DeleteBack,
    DeleteForward,
    DeleteWord,
    ClearInput,
    CursorLeft,
    CursorRight,
    CursorHome,
    CursorEnd,
    HistoryPrev,
    HistoryNext,
    /// Accept the filter and move to the results.
    Submit,
    // Mouse.
    ScrollUp(u16, u16),
    ScrollDown(u16, u16),
    Click(u16, u16),
    Resize(u16, u16),
}
