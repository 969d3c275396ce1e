//! Hostile documents on the rendered screen: the production event path (keys →
//! actions → state → draw) against ratatui's TestBackend, on the fixture corpus of
//! escape sequences, on file names carrying controls, and on wide, combining and
//! right-to-left text. Every cell must be inert, and every row must put the pane
//! borders at the same terminal columns as the layout says.

mod common;

use common::Screen;
use std::path::Path;

use dossier::tui::layout::Panes;
use ratatui::buffer::{Buffer, CellWidth};
use ratatui::crossterm::event::KeyCode;
use ratatui::style::Modifier;
use tempfile::TempDir;

/// Characters that would drive a terminal if printed: C0 (newline included: a cell
/// holds one grapheme), DEL, C1, and the bidi embeddings, overrides and isolates.
fn drives_terminal(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// One screen row as a terminal shows it: each drawn cell with the column it lands
/// on, the cells hidden behind a wide grapheme skipped (as the backend's diff skips
/// them, by the same `cell_width`).
fn terminal_row(buf: &Buffer, y: u16) -> Vec<(u16, String)> {
    let mut out = Vec::new();
    let (mut x, mut col) = (0u16, 0u16);
    while x < buf.area.width {
        let symbol = buf[(x, y)].symbol().to_owned();
        let width = symbol.as_str().cell_width();
        assert!(
            width >= 1,
            "row {y}, cell {x}: zero-width symbol {symbol:?} would shift the rest of the row"
        );
        out.push((col, symbol));
        col += width;
        x += width;
    }
    assert_eq!(
        col, buf.area.width,
        "row {y} is {col} columns wide, not {}",
        buf.area.width
    );
    out
}

/// Checks every cell, and the pane borders on every body row.
fn assert_screen_sound(buf: &Buffer, what: &str) {
    let area = buf.area;
    for y in 0..area.height {
        for x in 0..area.width {
            let symbol = buf[(x, y)].symbol();
            assert!(
                !symbol.chars().any(drives_terminal),
                "{what}: cell ({x},{y}) holds {symbol:?}"
            );
        }
    }
    let Some(panes) = Panes::new(area) else {
        return;
    };
    let borders = [
        panes.list.x,
        panes.list.right() - 1,
        panes.reader.x,
        panes.reader.right() - 1,
    ];
    // Rows strictly inside the panes: their side borders are plain verticals.
    for y in panes.list.y + 1..panes.list.bottom() - 1 {
        let row = terminal_row(buf, y);
        for border in borders {
            assert!(
                row.iter().any(|(col, s)| *col == border && s == "│"),
                "{what}: row {y} has no border at column {border}: {:?}",
                row.iter().map(|(_, s)| s.as_str()).collect::<String>()
            );
        }
    }
    for y in 0..area.height {
        terminal_row(buf, y);
    }
}

/// The text of the reading pane's highlighted runs (REVERSED in monochrome).
fn highlighted_runs(buf: &Buffer, panes: &Panes) -> Vec<String> {
    let inner = panes.reader.inner(ratatui::layout::Margin::new(1, 1));
    let mut runs = Vec::new();
    for y in inner.top()..inner.bottom() {
        let mut run = String::new();
        let mut x = inner.left();
        while x < inner.right() {
            let cell = &buf[(x, y)];
            if cell.modifier.contains(Modifier::REVERSED) {
                run.push_str(cell.symbol());
            } else if !run.is_empty() {
                runs.push(std::mem::take(&mut run));
            }
            // The cells a wide grapheme hides are not part of the text.
            x += cell.symbol().cell_width().max(1);
        }
        if !run.is_empty() {
            runs.push(run);
        }
    }
    runs
}

const WIDE_TEXT: &str = "中国 🎉 Qa\u{304}sem ירושלים بغداد ｶﾞ\n\n\
Wide: 中国和伊朗的关系 in Kirkuk, 北京 and 東京 — 👍🏽 👨\u{200d}👩\u{200d}👧 🇮🇶 ☺\u{fe0f}.\n\n\
Combining: Qa\u{304}sem Sulei\u{301}mani, e\u{301}e\u{301}e\u{301}, नमस्ते Delhi, Z\u{335}\u{33e}a\u{334}\u{30c}lgo.\n\n\
Right to left: بغداد عاصمة العراق. שלום ירושלים. mixed بغداد Baghdad ירושלים.\n\n\
Zero width: Ba\u{200b}ghdad, Kar\u{ad}bala, \u{feff}Mosul, \u{200d}joined\u{200c}.\n\n\
Halfwidth: ｶﾞｷﾞｸﾞ ﾊﾟﾋﾟ and fullwidth ＡＢＣ.\n";

/// 150 halfwidth katakana with voiced marks (two columns each on a terminal, one
/// grapheme for Unicode) and 150 CJK characters, unbroken.
fn katakana_text() -> String {
    format!(
        "Sendai notes\n\n{} in Sendai.\n\n{}.\n",
        "ｶ\u{ff9e}".repeat(150),
        "中".repeat(150)
    )
}

/// The fixture corpus plus documents whose names and text are hostile or hard.
fn hostile_corpus() -> TempDir {
    let dir = tempfile::tempdir().unwrap();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hostile");
    for entry in std::fs::read_dir(fixtures).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), dir.path().join(entry.file_name())).unwrap();
    }
    let katakana = katakana_text();
    let files: &[(&str, &str)] = &[
        ("katakana.txt", &katakana),
        ("wide.txt", WIDE_TEXT),
        (
            "esc\u{1b}]52;c;ZXZpbA==\u{7}name.txt",
            "No title line at all, about Erbil\n",
        ),
        (
            "esc\u{1b}[2J\u{1b}[31mred.txt",
            "Clear screen named file on Erbil.\n",
        ),
        ("bidi\u{202e}txt.exe", "Trojan file name about Erbil.\n"),
        ("c1\u{9b}31m.txt", "C1 named file about Erbil.\n"),
        (
            "title-escapes.txt",
            "\u{1b}]8;;http://evil/\u{1b}\\Linked\u{1b}]8;;\u{1b}\\ title \u{9d}0;x\u{9c} ｶﾞ 中国 \u{202e}gnp.exe\n\nBody about Erbil.\n",
        ),
        (
            "overwrite.txt",
            "Safe\r\rUNSAFE text with\u{8}\u{8}\u{8}\u{8}back spaces about Erbil\u{7}\u{7f}.\n",
        ),
    ];
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let name = std::ffi::OsStr::from_bytes(b"new\nline\xff\x1b[2J.txt");
        std::fs::write(dir.path().join(name), "Newline named file about Erbil.\n").unwrap();
    }
    dir
}

/// Opens every document in turn and checks the whole screen each time.
fn walk_every_document(screen: &mut Screen, what: &str) {
    let docs = screen.state.list_len();
    assert!(docs > 0, "{what}: no documents listed");
    for i in 0..docs {
        screen.key(KeyCode::Enter);
        let buf = screen.render_buffer();
        assert_screen_sound(&buf, &format!("{what}, document {i} open"));
        // Scroll through the document too.
        for _ in 0..3 {
            screen.key(KeyCode::PageDown);
            assert_screen_sound(
                &screen.render_buffer(),
                &format!("{what}, document {i} scrolled"),
            );
        }
        screen.key(KeyCode::Tab).key(KeyCode::Tab);
        // Back in the list (Tab cycles filter → list → reader).
        while screen.state.focus != dossier::tui::state::Focus::List {
            screen.key(KeyCode::Tab);
        }
        screen.key(KeyCode::Char('j'));
    }
}

#[test]
fn hostile_documents_and_names_never_reach_the_screen_as_controls() {
    let dir = hostile_corpus();
    for (w, h) in [(80, 24), (120, 40), (41, 10), (300, 60)] {
        let mut screen = Screen::of_folder(dir.path(), w, h);
        let buf = screen.render_buffer();
        assert_screen_sound(&buf, &format!("{w}x{h} start"));
        walk_every_document(&mut screen, &format!("{w}x{h}"));
    }
}

#[test]
fn hostile_names_are_shown_as_visible_placeholders() {
    let dir = hostile_corpus();
    let mut screen = Screen::of_folder(dir.path(), 160, 60);
    screen.key(KeyCode::Char('/')).typed("erbil");
    let mut seen = String::new();
    for _ in 0..screen.state.list_len() {
        screen.key(KeyCode::Down);
        let buf = screen.render_buffer();
        assert_screen_sound(&buf, "erbil filter");
        for y in 0..buf.area.height {
            seen.extend(terminal_row(&buf, y).into_iter().map(|(_, s)| s));
            seen.push('\n');
        }
    }
    for shown in [
        "␛]52;c;ZXZpbA==␇name.txt",
        "␛[2J␛[31mred.txt",
        "⟨RLO⟩txt.exe",
    ] {
        assert!(seen.contains(shown), "{shown:?} not on screen:\n{seen}");
    }
}

#[test]
fn escape_fixture_shows_every_sequence_inert() {
    let dir = hostile_corpus();
    let mut screen = Screen::of_folder(dir.path(), 200, 60);
    screen.key(KeyCode::Char('/')).typed("clipboard");
    screen.key(KeyCode::Enter).key(KeyCode::Enter);
    let buf = screen.render_buffer();
    assert_screen_sound(&buf, "escapes.txt");
    let text: String = (0..buf.area.height)
        .flat_map(|y| terminal_row(&buf, y).into_iter().map(|(_, s)| s))
        .collect();
    for shown in ["␛]52;c;", "␛[2J", "␛Pq", "␛_payload", "⟨RLO⟩", "⟨RLI⟩", "␈"] {
        assert!(text.contains(shown), "{shown:?} not shown:\n{text}");
    }
}

#[test]
fn wide_combining_and_rtl_text_keeps_columns_in_both_panes() {
    let dir = hostile_corpus();
    for (w, h) in [(80, 24), (57, 20), (120, 40), (40, 10)] {
        let mut screen = Screen::of_folder(dir.path(), w, h);
        screen.key(KeyCode::Char('/')).typed("kirkuk");
        screen.key(KeyCode::Enter).key(KeyCode::Enter);
        let buf = screen.render_buffer();
        assert_screen_sound(&buf, &format!("wide.txt at {w}x{h}"));
        // Resizing re-wraps; every size on the way must line up too.
        for (rw, rh) in [(43, 12), (99, 31), (w, h)] {
            screen.resize(rw, rh);
            assert_screen_sound(
                &screen.render_buffer(),
                &format!("wide.txt resized to {rw}x{rh}"),
            );
        }
    }
}

#[test]
fn highlights_cover_whole_graphemes() {
    let dir = hostile_corpus();
    for (query, expected) in [
        ("qasem", "Qa\u{304}sem"),
        ("suleimani", "Sulei\u{301}mani"),
        ("北京", "北京"),
        ("ירושלים", "ירושלים"),
        ("ｶﾞｷﾞｸﾞ", "ｶﾞｷﾞｸﾞ"),
    ] {
        let mut screen = Screen::of_folder(dir.path(), 120, 40);
        screen.key(KeyCode::Char('/')).typed(query);
        screen.key(KeyCode::Enter).key(KeyCode::Enter);
        let buf = screen.render_buffer();
        assert_screen_sound(&buf, query);
        let panes = Panes::new(buf.area).unwrap();
        let runs = highlighted_runs(&buf, &panes);
        assert!(
            runs.iter().any(|r| r == expected),
            "{query}: highlighted runs {runs:?}, expected {expected:?}"
        );
        for run in &runs {
            assert!(
                !run.starts_with(is_mark),
                "{query}: a run starts with a lone combining mark: {run:?}"
            );
        }
    }
}

/// Combining marks (the ranges this test's text uses).
fn is_mark(c: char) -> bool {
    matches!(c, '\u{300}'..='\u{36f}' | '\u{93c}'..='\u{94d}')
}

#[test]
fn entities_view_of_the_hostile_corpus_is_inert_and_aligned() {
    let dir = hostile_corpus();
    for (w, h) in [(80, 24), (120, 40)] {
        let mut screen = Screen::of_folder(dir.path(), w, h);
        screen.key(KeyCode::Char('e'));
        assert_screen_sound(&screen.render_buffer(), &format!("entities view {w}x{h}"));
        for i in 0..12 {
            screen.key(KeyCode::Char('j'));
            let buf = screen.render_buffer();
            assert_screen_sound(&buf, &format!("entities view {w}x{h}, row {i}"));
        }
        // Choose an entity, then a mention: the details pane lists snippets.
        screen.key(KeyCode::Enter);
        assert_screen_sound(&screen.render_buffer(), &format!("entity details {w}x{h}"));
        screen.key(KeyCode::Enter).key(KeyCode::Enter);
        assert_screen_sound(
            &screen.render_buffer(),
            &format!("jumped to a mention {w}x{h}"),
        );
    }
}

#[test]
fn wrapped_wide_text_loses_nothing_at_row_ends() {
    let dir = hostile_corpus();
    for (w, h) in [(80, 40), (61, 40), (120, 40)] {
        let mut screen = Screen::of_folder(dir.path(), w, h);
        screen.key(KeyCode::Char('/')).typed("sendai");
        screen.key(KeyCode::Enter).key(KeyCode::Enter);
        let buf = screen.render_buffer();
        assert_screen_sound(&buf, &format!("katakana.txt at {w}x{h}"));
        let panes = Panes::new(buf.area).unwrap();
        let inner = panes.reader.inner(ratatui::layout::Margin::new(1, 1));
        let count = |symbol: &str| {
            (inner.top()..inner.bottom())
                .flat_map(|y| (inner.left()..inner.right()).map(move |x| (x, y)))
                .filter(|&(x, y)| buf[(x, y)].symbol() == symbol)
                .count()
        };
        assert_eq!(
            count("ｶ\u{ff9e}"),
            150,
            "{w}x{h}: katakana lost at row ends"
        );
        assert_eq!(count("中"), 150, "{w}x{h}: CJK lost at row ends");
    }
}

/// A paragraph that is a whole big file, full of hits and entity mentions: the
/// reader highlights hits in a bounded prefix (the spans are computed on the UI
/// thread) and still draws every row it shows.
#[test]
fn a_huge_single_paragraph_is_read_with_bounded_highlighting() {
    let dir = tempfile::tempdir().unwrap();
    let text = "Basra port near Baghdad and Mosul. ".repeat(150_000) + "Fallujah";
    std::fs::write(dir.path().join("huge.txt"), &text).unwrap();
    let mut screen = Screen::of_folder(dir.path(), 80, 24);
    screen.key(KeyCode::Char('/')).typed("basra");
    screen.key(KeyCode::Enter).key(KeyCode::Enter);
    let spans = screen
        .state
        .reader
        .hit_spans
        .get(&0)
        .expect("hits in paragraph 1");
    assert!(!spans.is_empty());
    assert!(
        spans
            .iter()
            .all(|s| s.end <= dossier::tui::state::HIGHLIGHT_PREFIX_BYTES),
        "highlights stay in the prefix"
    );
    let buf = screen.render_buffer();
    assert_screen_sound(&buf, "huge paragraph");
    let panes = Panes::new(buf.area).unwrap();
    let runs = highlighted_runs(&buf, &panes);
    assert!(runs.iter().any(|r| r == "Basra"), "{runs:?}");
    // Scrolling far and resizing stay sound too.
    for _ in 0..50 {
        screen.key(KeyCode::PageDown);
    }
    screen.resize(100, 30);
    assert_screen_sound(
        &screen.render_buffer(),
        "huge paragraph scrolled and resized",
    );
}
