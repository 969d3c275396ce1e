//! Screens as a person sees them: the production event path (keys → actions →
//! state → draw) driven against ratatui's TestBackend, snapshotted with insta.

mod common;

use common::Screen;
use std::sync::Arc;

use dossier::index::{BuildProgress, build};
use dossier::tui::state::State;
use dossier::tui::view::{Theme, draw};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode};
use ratatui::layout::Rect;

#[test]
fn start_screen_80x24() {
    insta::assert_snapshot!(Screen::new(80, 24).render());
}

#[test]
fn start_screen_120x40() {
    insta::assert_snapshot!(Screen::new(120, 40).render());
}

#[test]
fn filtered_screen_80x24() {
    let mut screen = Screen::new(80, 24);
    screen.key(KeyCode::Char('/')).typed("kerry iran");
    let shown = screen.render();
    assert!(shown.contains("hits in 2 docs"), "{shown}");
    insta::assert_snapshot!(shown);
}

#[test]
fn filtered_screen_120x40_after_next_hit() {
    let mut screen = Screen::new(120, 40);
    screen
        .key(KeyCode::Char('/'))
        .typed("bagdad")
        .key(KeyCode::Enter)
        .key(KeyCode::Char('n'));
    insta::assert_snapshot!(screen.render());
}

#[test]
fn help_overlay_80x24() {
    let mut screen = Screen::new(80, 24);
    screen.key(KeyCode::Char('?'));
    let shown = screen.render();
    assert!(shown.contains("dossier help"));
    insta::assert_snapshot!(shown);
}

#[test]
fn help_overlay_120x40() {
    let mut screen = Screen::new(120, 40);
    screen.key(KeyCode::Char('?'));
    insta::assert_snapshot!(screen.render());
}

#[test]
fn tiny_terminal_says_so() {
    let mut screen = Screen::new(30, 8);
    let shown = screen.render();
    assert!(shown.contains("too small"), "{shown}");
    insta::assert_snapshot!(shown);
}

#[test]
fn resizing_to_extremes_never_panics() {
    let mut screen = Screen::new(80, 24);
    screen.key(KeyCode::Char('/')).typed("iran");
    for (w, h) in [(1, 1), (10, 3), (300, 100), (40, 10), (80, 24)] {
        screen.terminal.backend_mut().resize(w, h);
        screen.send(Event::Resize(w, h));
        screen.render();
    }
}

#[test]
fn escape_clears_the_filter_and_lists_every_document_again() {
    let mut screen = Screen::new(80, 24);
    screen.key(KeyCode::Char('/')).typed("debacle");
    assert_eq!(screen.state.list_len(), 2);
    screen.key(KeyCode::Esc);
    assert_eq!(screen.state.list_len(), 5);
    assert!(screen.render().contains("5 documents"));
}

#[test]
fn enter_opens_a_document_and_tab_moves_between_panes() {
    let mut screen = Screen::new(80, 24);
    screen
        .key(KeyCode::Char('j'))
        .key(KeyCode::Char('j'))
        .key(KeyCode::Enter);
    assert_eq!(screen.state.reader.doc, Some(2));
    assert_eq!(screen.state.focus, dossier::tui::state::Focus::Reader);
    screen.key(KeyCode::Char('G'));
    assert!(screen.state.reader.scroll > 0);
    screen.key(KeyCode::Tab);
    assert_eq!(screen.state.focus, dossier::tui::state::Focus::Filter);
}

#[test]
fn filter_history_recalls_earlier_queries() {
    let mut screen = Screen::new(80, 24);
    screen
        .key(KeyCode::Char('/'))
        .typed("kerry")
        .key(KeyCode::Enter);
    screen.key(KeyCode::Char('/')).key(KeyCode::Esc);
    screen.key(KeyCode::Char('/')).key(KeyCode::Up);
    assert_eq!(screen.state.filter.text, "kerry");
}

#[test]
fn selection_stays_visible_without_colour() {
    let mut screen = Screen::new(80, 24);
    screen.render();
    let buffer = screen.terminal.backend().buffer().clone();
    // The selected row of the list is drawn reversed: visible with NO_COLOR.
    let reversed = (1..buffer.area.width).any(|x| {
        buffer[(x, 2)]
            .modifier
            .contains(ratatui::style::Modifier::REVERSED)
    });
    assert!(reversed);
}

#[test]
fn hostile_text_never_reaches_the_screen_as_controls() {
    use dossier::corpus::{Corpus, Document};
    let text = "Title\n\nEvil \u{1b}]52;c;ZXZpbA==\u{7} and \u{1b}[2J clear \u{9b}31m and \u{202e}reversed.".to_owned();
    let doc = Document::from_text("evil.txt".into(), "evil.txt".into(), text, Vec::new());
    let mut state = State::new(Arc::new(BuildProgress::default()), Rect::new(0, 0, 80, 24));
    state.set_index(
        Arc::new(build(Corpus {
            docs: vec![doc],
            skipped: Vec::new(),
        })),
        true,
    );
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    terminal
        .draw(|f| draw(&state, &Theme::monochrome(), f))
        .unwrap();
    let shown = terminal.backend().to_string();
    assert!(shown.contains("␛]52"), "{shown}");
    // One document is "1 document", not "1 documents".
    assert!(shown.contains("┌ 1 document ─"), "{shown}");
    assert!(shown.contains(" 1 doc · "), "{shown}");
    for c in shown.chars() {
        assert!(
            !c.is_control() || c == '\n',
            "control {c:?} reached the screen"
        );
        assert!(!('\u{202a}'..='\u{202e}').contains(&c));
    }
}

#[test]
fn entities_view_80x24() {
    let mut screen = Screen::new(80, 24);
    screen.key(KeyCode::Char('e'));
    let shown = screen.render();
    assert!(shown.contains("PERSON"), "{shown}");
    insta::assert_snapshot!(shown);
}

#[test]
fn entities_view_filters_and_jumps_to_a_mention() {
    let mut screen = Screen::new(120, 40);
    screen
        .key(KeyCode::Char('e'))
        .key(KeyCode::Char('/'))
        .typed("suleimani")
        .key(KeyCode::Enter);
    let shown = screen.render();
    assert!(shown.contains("Qassem Soleimani"), "{shown}");
    insta::assert_snapshot!(shown);
    // Enter chooses the mentions list, j the second mention, Enter jumps there.
    screen
        .key(KeyCode::Enter)
        .key(KeyCode::Char('j'))
        .key(KeyCode::Enter);
    assert_eq!(screen.state.screen, dossier::tui::state::Screen::Main);
    let doc = screen.state.reader.doc.expect("a document is open");
    let index = screen.state.index.clone().unwrap();
    let entity = screen
        .state
        .reader
        .focus_entity
        .expect("the entity is emphasised");
    assert_eq!(
        index.entities.entities[entity].canonical,
        "Qassem Soleimani"
    );
    assert!(
        index.entities.entities[entity]
            .mentions
            .iter()
            .any(|m| m.doc == doc)
    );
}

#[test]
fn top_entities_per_document_on_demand() {
    let mut screen = Screen::new(100, 30);
    screen.key(KeyCode::Char('t'));
    let shown = screen.render();
    assert!(
        shown.contains("Soleimani") || shown.contains("Iraq"),
        "{shown}"
    );
    insta::assert_snapshot!(shown);
}

#[test]
fn entity_query_finds_every_spelling() {
    let mut screen = Screen::new(80, 24);
    screen.key(KeyCode::Char('/')).typed("@qasem");
    let results = screen.state.results.clone().unwrap();
    assert_eq!(
        results.docs.len(),
        3,
        "Soleimani is mentioned in three documents"
    );
}

/// The status line while a large corpus is indexed: what was asked for (progress,
/// rate, ETA) as far as the width allows, and the key hints always whole.
/// The bottom line of `state` drawn at `width`x24, monochrome.
fn status_line(state: &State, width: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, 24)).unwrap();
    terminal
        .draw(|f| draw(state, &Theme::monochrome(), f))
        .unwrap();
    let buffer = terminal.backend().buffer();
    (0..width)
        .map(|x| buffer[(x, 23)].symbol().to_owned())
        .collect()
}

#[test]
fn indexing_progress_fits_the_status_line_at_every_width() {
    use dossier::corpus::load_seeds;
    use std::sync::atomic::Ordering;
    let progress = Arc::new(BuildProgress::default());
    progress.docs_done.store(2_577, Ordering::Relaxed);
    progress.bytes_done.store(31_000_000, Ordering::Relaxed);
    for (width, expected) in [
        (
            120,
            "first 5 docs ready · indexing ███░░░░░░░ 2,577/10,000 docs · ",
        ),
        (80, " indexing ███░░░░░░░ 2,577/10,000 docs · "),
        (60, " indexing ███░░░░░░░ 2,577/10,000 · ETA"),
        (50, " indexing ███░░░░░░░ 2,577/10,000  "),
        (40, " indexing ███░░░░░"),
    ] {
        let mut state = State::new(progress.clone(), Rect::new(0, 0, width, 24));
        state.loading.docs_total = Some(10_000);
        state.set_index(Arc::new(build(load_seeds())), false);
        let status = status_line(&state, width);
        assert!(status.ends_with("? help  q quit "), "{width}: {status:?}");
        assert!(status.contains(expected), "{width}: {status:?}");
        if width >= 80 {
            assert!(status.contains("MB/s · ETA"), "{width}: {status:?}");
        }
    }
}

#[test]
fn corpus_summary_shortens_before_the_key_hints_are_cut() {
    for (width, expected) in [
        (80, " 5 docs · 141 ¶ · 184 entities "),
        (45, " 5 docs · 184 entities  "),
        (40, " 5 docs · 184 entities  "),
    ] {
        let mut screen = Screen::new(width, 24);
        let shown = screen.render();
        let status = shown.lines().last().unwrap_or_default();
        assert!(status.contains(expected), "{width}: {status:?}");
        assert!(
            status.trim_end_matches('"').ends_with("? help  q quit "),
            "{width}: {status:?}"
        );
    }
}

/// Rate and ETA count from when indexing began, not from start-up; once every
/// document is tagged the line says what is left instead of "ETA 0 s".
#[test]
fn indexing_rate_counts_from_the_start_of_indexing() {
    use dossier::corpus::load_seeds;
    use std::sync::atomic::Ordering;
    use std::time::{Duration, Instant};
    let first_look = Arc::new(build(load_seeds()));
    let status_line = |done: usize, indexing_for: Duration| {
        let progress = Arc::new(BuildProgress::default());
        progress.docs_done.store(done, Ordering::Relaxed);
        progress.bytes_done.store(20_000_000, Ordering::Relaxed);
        let mut state = State::new(progress, Rect::new(0, 0, 120, 24));
        state.loading.docs_total = Some(10_000);
        state.set_index(Arc::clone(&first_look), false);
        // Start-up was just now: a rate counted from it would be thousands of MB/s.
        let now = Instant::now();
        state.loading.indexing_started = Some(now.checked_sub(indexing_for).expect("uptime"));
        let mut terminal = Terminal::new(TestBackend::new(120, 24)).unwrap();
        terminal
            .draw(|f| draw(&state, &Theme::monochrome(), f))
            .unwrap();
        let buffer = terminal.backend().buffer();
        (0..120)
            .map(|x| buffer[(x, 23)].symbol().to_owned())
            .collect::<String>()
    };
    let rate = |line: &str| -> f64 {
        let before = line.split(" MB/s").next().unwrap_or_default();
        before
            .rsplit(' ')
            .next()
            .unwrap_or_default()
            .parse()
            .unwrap_or(0.0)
    };
    // 20 MB in 2 s of indexing: 10 MB/s (a little less, as the clock moves on);
    // half done, so about 2 s left.
    let halfway = status_line(5_000, Duration::from_secs(2));
    assert!((9.0..=10.0).contains(&rate(&halfway)), "{halfway:?}");
    assert!(halfway.contains("MB/s · ETA 2 s"), "{halfway:?}");
    let tagged = status_line(10_000, Duration::from_secs(4));
    assert!((4.5..=5.0).contains(&rate(&tagged)), "{tagged:?}");
    assert!(tagged.contains("10,000/10,000 docs · "), "{tagged:?}");
    assert!(tagged.contains("MB/s · finishing…"), "{tagged:?}");
}

/// A message keeps two spaces before the key hints: the corpus summary
/// shortens to make room, then the message is cut.
#[test]
fn a_status_message_keeps_a_gap_before_the_key_hints() {
    use dossier::corpus::{Corpus, Skipped, load_seeds};
    let skipped = |name: &str| Skipped {
        path: format!("/tmp/{name}"),
        reason: "binary file (NUL bytes)".into(),
    };
    let corpus = Corpus {
        skipped: vec![skipped("a.bin"), skipped("b.bin")],
        ..load_seeds()
    };
    let index = Arc::new(build(corpus));
    for (width, expected) in [
        (
            120,
            " 5 docs · 141 ¶ · 184 entities  2 files skipped (see `dossier stats`)",
        ),
        (
            80,
            " 5 docs · 184 entities  2 files skipped (see `dossier stats`)  ",
        ),
        (60, " 5 docs  2 files skipped (see `dossier sta…  "),
    ] {
        let mut state = State::new(Arc::default(), Rect::new(0, 0, width, 24));
        state.set_index(index.clone(), true);
        let status = status_line(&state, width);
        assert!(status.ends_with("  ? help  q quit "), "{width}: {status:?}");
        assert!(status.contains(expected), "{width}: {status:?}");
    }
}
