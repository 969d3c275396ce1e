//! The explorer's model and its `update(Action)`. Pure: no terminal, no threads.
//! The app loop feeds it actions and worker messages and draws it.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;
use std::time::Instant;

use ratatui::layout::Rect;

use super::action::Action;
use super::entities_view::EntitiesView;
use super::input::Input;
use super::keymap::Mode;
use super::layout::{Panes, contains};
use super::wrap::{Row, Wrapped};
use crate::corpus::LoadProgress;
use crate::entities::EntityKind;
use crate::index::{BuildProgress, Index};
use crate::query::{SearchResults, match_spans_in_prefix};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Filter,
    List,
    Reader,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    Main,
    Entities,
}

/// Indexing progress, shown until the index arrives.
#[derive(Debug)]
pub struct Loading {
    pub started: Instant,
    pub progress: Arc<BuildProgress>,
    /// Known once the files are read.
    pub docs_total: Option<usize>,
    /// When the files were read and indexing began: its rate and ETA count
    /// from here, not from start-up.
    pub indexing_started: Option<Instant>,
    pub bytes_total: usize,
    pub files: Arc<LoadProgress>,
}

/// A mention of an entity inside the open document, for styling.
#[derive(Debug, Clone)]
pub struct MentionSpan {
    pub range: Range<usize>,
    pub kind: EntityKind,
    pub entity: usize,
}

/// The reading pane.
#[derive(Debug, Default)]
pub struct Reader {
    pub doc: Option<u32>,
    pub wrapped: Option<Wrapped>,
    /// First visible row.
    pub scroll: usize,
    /// Paragraphs (within the document) that hold filter hits, in order.
    pub hit_paras: Vec<u32>,
    /// Index into `hit_paras` of the current hit.
    pub current_hit: Option<usize>,
    /// Filter-hit byte ranges per paragraph.
    pub hit_spans: HashMap<u32, Vec<Range<usize>>>,
    /// Entity mentions per paragraph.
    pub mentions: Vec<Vec<MentionSpan>>,
    /// Entity whose mentions are emphasised (after jumping from the entities view).
    pub focus_entity: Option<usize>,
}

/// Filter hits are highlighted in the first this-many bytes of a paragraph: the
/// spans are computed on the UI thread when a document opens or results arrive,
/// and a single paragraph can be a whole 50 MB file. Search itself covers it all.
pub const HIGHLIGHT_PREFIX_BYTES: usize = 1 << 20;

pub struct State {
    pub index: Option<Arc<Index>>,
    /// False while only the first documents of a large corpus are indexed.
    pub index_complete: bool,
    pub loading: Loading,
    pub screen: Screen,
    pub focus: Focus,
    pub filter: Input,
    /// Generation of the newest query sent to the worker.
    pub generation: u64,
    /// Results of the newest query, once they arrive.
    pub results: Option<Arc<SearchResults>>,
    /// The filter text the current results answer.
    pub results_query: String,
    /// A query for the app loop to send to the worker.
    pub outgoing_query: Option<(u64, String)>,
    pub list_selected: usize,
    pub list_offset: usize,
    pub show_doc_entities: bool,
    /// Top entities of each document: (entity, mentions).
    pub doc_top_entities: Vec<Vec<(usize, u32)>>,
    pub reader: Reader,
    pub entities: EntitiesView,
    pub help: bool,
    pub help_scroll: usize,
    pub message: Option<String>,
    pub size: Rect,
    pub quit: bool,
    /// The signal that ended the explorer (SIGINT, SIGTERM, SIGHUP), if one did.
    pub exit_signal: Option<i32>,
}

impl State {
    pub fn new(progress: Arc<BuildProgress>, size: Rect) -> Self {
        State {
            index: None,
            loading: Loading {
                started: Instant::now(),
                progress,
                docs_total: None,
                indexing_started: None,
                bytes_total: 0,
                files: Arc::new(LoadProgress::default()),
            },
            index_complete: false,
            screen: Screen::Main,
            focus: Focus::List,
            filter: Input::default(),
            generation: 0,
            results: None,
            results_query: String::new(),
            outgoing_query: None,
            list_selected: 0,
            list_offset: 0,
            show_doc_entities: false,
            doc_top_entities: Vec::new(),
            reader: Reader::default(),
            entities: EntitiesView::default(),
            help: false,
            help_scroll: 0,
            message: None,
            size,
            quit: false,
            exit_signal: None,
        }
    }

    pub fn panes(&self) -> Option<Panes> {
        Panes::new(self.size)
    }

    /// Which key table applies now.
    pub fn mode(&self) -> Mode {
        match self.screen {
            Screen::Entities if self.entities.typing => Mode::Input,
            Screen::Entities => Mode::Entities,
            Screen::Main if self.focus == Focus::Filter => Mode::Input,
            Screen::Main => Mode::Browse,
        }
    }

    pub fn filter_active(&self) -> bool {
        !self.filter.text.trim().is_empty()
    }

    /// The index arrived: show the first document, run any filter typed meanwhile.
    pub fn set_index(&mut self, index: Arc<Index>, complete: bool) {
        self.index_complete = complete;
        // Keep the reader on the same document when the full index replaces the first look.
        let keep = self
            .reader
            .doc
            .and_then(|d| self.index.as_ref().map(|i| i.docs[d as usize].path.clone()));
        self.doc_top_entities = top_entities_per_doc(&index);
        self.entities.set_index(&index);
        let skipped = index.skipped.len();
        self.index = Some(index);
        if skipped > 0 {
            self.message = Some(format!(
                "{skipped} file{} skipped (see `dossier stats`)",
                if skipped == 1 { "" } else { "s" }
            ));
        }
        if self.filter_active() {
            self.request_query();
        }
        self.list_selected = 0;
        self.reader = Reader::default();
        if let Some(path) = keep {
            let index = self.index.as_ref().expect("just set");
            if let Some(doc) = index.docs.iter().position(|d| d.path == path) {
                self.list_selected = (0..self.list_len())
                    .find(|&r| self.list_doc(r) == Some(doc as u32))
                    .unwrap_or(0);
            }
        }
        self.open_selected(true);
        self.keep_selection_visible();
    }

    pub fn set_results(&mut self, generation: u64, results: Arc<SearchResults>) {
        if generation != self.generation {
            return; // an older query's answer: the user has typed since
        }
        self.results = Some(results);
        self.results_query = self.filter.text.clone();
        self.list_selected = 0;
        self.list_offset = 0;
        self.open_selected(true);
    }

    fn request_query(&mut self) {
        self.generation += 1;
        if self.filter_active() {
            self.outgoing_query = Some((self.generation, self.filter.text.clone()));
        } else {
            self.results = None;
            self.results_query.clear();
            self.outgoing_query = None;
            self.open_selected(false);
        }
    }

    /// Number of rows in the document list.
    pub fn list_len(&self) -> usize {
        match (&self.results, &self.index) {
            (Some(r), _) if self.filter_active() => r.docs.len(),
            (_, Some(index)) => index.docs.len(),
            _ => 0,
        }
    }

    /// The hit count shown in list row `row` while filtering (rows are the
    /// results' documents in order, so no search is needed).
    pub fn list_hits(&self, row: usize) -> Option<u32> {
        self.results
            .as_ref()
            .filter(|_| self.filter_active())
            .and_then(|r| r.docs.get(row))
            .map(|d| d.count)
    }

    /// The document shown in list row `row`.
    pub fn list_doc(&self, row: usize) -> Option<u32> {
        match (&self.results, &self.index) {
            (Some(r), _) if self.filter_active() => r.docs.get(row).map(|d| d.doc),
            (_, Some(index)) => (row < index.docs.len()).then_some(row as u32),
            _ => None,
        }
    }

    pub fn update(&mut self, action: Action) {
        if let Action::Resize(w, h) = action {
            self.size = Rect::new(0, 0, w, h);
            self.rewrap();
            return;
        }
        if self.help {
            match action {
                Action::Quit => self.quit = true,
                Action::Down => self.help_scroll += 1,
                Action::Up => self.help_scroll = self.help_scroll.saturating_sub(1),
                _ => self.help = false,
            }
            return;
        }
        if matches!(
            action,
            Action::ScrollUp(..) | Action::ScrollDown(..) | Action::Click(..)
        ) {
            self.mouse(action);
            return;
        }
        if self.screen == Screen::Entities {
            self.update_entities(action);
            return;
        }
        match self.focus {
            Focus::Filter => self.update_filter(action),
            Focus::List | Focus::Reader => self.update_browse(action),
        }
    }

    fn update_filter(&mut self, action: Action) {
        match action {
            Action::Back => {
                if self.filter.text.is_empty() {
                    self.focus = Focus::List;
                } else {
                    self.filter.remember();
                    self.filter.set("");
                    self.request_query();
                }
            }
            Action::Submit => {
                self.filter.remember();
                self.focus = Focus::List;
            }
            Action::NextPane => self.focus = Focus::List,
            Action::PrevPane => self.focus = Focus::Reader,
            Action::Quit => self.quit = true,
            other => {
                if self.filter.apply(&other) {
                    self.request_query();
                }
            }
        }
    }

    fn update_browse(&mut self, action: Action) {
        let in_list = self.focus == Focus::List;
        let page = self
            .panes()
            .map_or(10, |p| {
                if in_list {
                    p.list_inner_height()
                } else {
                    p.reader_inner_height()
                }
            })
            .max(1);
        match action {
            Action::Quit => self.quit = true,
            Action::ToggleHelp => {
                self.help = true;
                self.help_scroll = 0;
            }
            Action::FocusFilter => self.focus = Focus::Filter,
            Action::NextPane => {
                self.focus = if in_list {
                    Focus::Reader
                } else {
                    Focus::Filter
                }
            }
            Action::PrevPane => self.focus = if in_list { Focus::Filter } else { Focus::List },
            Action::Entities => self.open_entities_view(),
            Action::EntityAtCursor => self.entity_at_cursor(),
            Action::ToggleDocEntities => self.show_doc_entities = !self.show_doc_entities,
            Action::Open if in_list => self.focus = Focus::Reader,
            Action::Back if !in_list => self.focus = Focus::List,
            Action::Back if self.filter_active() => {
                self.filter.remember();
                self.filter.set("");
                self.request_query();
            }
            Action::NextHit => self.step_hit(true),
            Action::PrevHit => self.step_hit(false),
            Action::Down
            | Action::Up
            | Action::PageDown
            | Action::PageUp
            | Action::HalfPageDown
            | Action::HalfPageUp => {
                let delta: isize = match action {
                    Action::Down => 1,
                    Action::Up => -1,
                    Action::PageDown => page as isize,
                    Action::PageUp => -(page as isize),
                    Action::HalfPageDown => (page / 2).max(1) as isize,
                    _ => -((page / 2).max(1) as isize),
                };
                if in_list {
                    self.move_selection(delta)
                } else {
                    self.scroll_reader(delta)
                }
            }
            Action::Top if in_list => self.select(0),
            Action::Bottom if in_list => self.select(self.list_len().saturating_sub(1)),
            Action::Top => self.reader.scroll = 0,
            Action::Bottom => self.reader.scroll = self.max_scroll(),
            _ => {}
        }
    }

    fn mouse(&mut self, action: Action) {
        let Some(panes) = self.panes() else { return };
        let (x, y) = match action {
            Action::ScrollUp(x, y) | Action::ScrollDown(x, y) | Action::Click(x, y) => (x, y),
            _ => return,
        };
        if self.screen == Screen::Entities {
            let delta = match action {
                Action::ScrollUp(..) => -3,
                Action::ScrollDown(..) => 3,
                _ => 0,
            };
            self.entities
                .mouse(&panes, x, y, delta, matches!(action, Action::Click(..)));
            return;
        }
        let over_list = contains(panes.list, x, y);
        let over_reader = contains(panes.reader, x, y);
        match action {
            Action::ScrollUp(..) if over_list => self.move_selection(-1),
            Action::ScrollDown(..) if over_list => self.move_selection(1),
            Action::ScrollUp(..) if over_reader => self.scroll_reader(-3),
            Action::ScrollDown(..) if over_reader => self.scroll_reader(3),
            Action::Click(..) if contains(panes.filter, x, y) => self.focus = Focus::Filter,
            Action::Click(..) if over_reader => self.focus = Focus::Reader,
            Action::Click(..) if over_list => {
                self.focus = Focus::List;
                let inner_y = y.saturating_sub(panes.list.y + 1) as usize;
                let row = self.list_offset + inner_y / self.list_row_height();
                if row < self.list_len() {
                    self.select(row);
                }
            }
            _ => {}
        }
    }

    /// Screen lines per document in the list.
    pub fn list_row_height(&self) -> usize {
        if self.show_doc_entities { 3 } else { 2 }
    }

    fn move_selection(&mut self, delta: isize) {
        let len = self.list_len();
        if len == 0 {
            return;
        }
        let target = (self.list_selected as isize + delta).clamp(0, len as isize - 1) as usize;
        self.select(target);
    }

    fn select(&mut self, row: usize) {
        if row != self.list_selected || self.reader.doc != self.list_doc(row) {
            self.list_selected = row;
            self.open_selected(true);
        }
        self.keep_selection_visible();
    }

    fn keep_selection_visible(&mut self) {
        let visible = self.panes().map_or(1, |p| {
            (p.list_inner_height() / self.list_row_height()).max(1)
        });
        if self.list_selected < self.list_offset {
            self.list_offset = self.list_selected;
        } else if self.list_selected >= self.list_offset + visible {
            self.list_offset = self.list_selected + 1 - visible;
        }
    }

    /// Shows the selected document in the reader, at its best hit when filtering.
    fn open_selected(&mut self, jump_to_hit: bool) {
        let Some(index) = self.index.clone() else {
            return;
        };
        let Some(doc) = self.list_doc(self.list_selected) else {
            self.reader = Reader::default();
            return;
        };
        let same_doc = self.reader.doc == Some(doc);
        self.reader.doc = Some(doc);
        if !same_doc {
            self.reader.scroll = 0;
            self.reader.mentions = mentions_of(&index, doc);
            self.reader.focus_entity = None;
        }
        self.reader.hit_paras.clear();
        self.reader.hit_spans.clear();
        self.reader.current_hit = None;
        let mut best_para = None;
        if let Some(results) = self.results.as_ref().filter(|_| self.filter_active()) {
            let range = index.doc_paras(doc);
            for hit in results.hits_in(range.clone()) {
                let local = hit.para - range.start;
                self.reader.hit_paras.push(local);
                self.reader.hit_spans.insert(
                    local,
                    match_spans_in_prefix(&index, results, hit.para, HIGHLIGHT_PREFIX_BYTES),
                );
            }
            best_para = results
                .docs
                .iter()
                .find(|d| d.doc == doc)
                .map(|d| d.best_para - range.start);
        }
        self.rewrap();
        if jump_to_hit {
            if let Some(best) = best_para {
                self.reader.current_hit = self.reader.hit_paras.iter().position(|&p| p == best);
                self.scroll_to_para(best);
            } else if !same_doc {
                self.reader.scroll = 0;
            }
        }
    }

    /// Re-lays out the open document when the pane width changed.
    fn rewrap(&mut self) {
        let (Some(index), Some(doc), Some(panes)) = (&self.index, self.reader.doc, self.panes())
        else {
            return;
        };
        let width = panes.reader_text_width();
        let stale = self
            .reader
            .wrapped
            .as_ref()
            .is_none_or(|w| w.doc != doc || w.width != width.max(4));
        if stale {
            let top_para = self
                .reader
                .wrapped
                .as_ref()
                .filter(|w| w.doc == doc)
                .and_then(|w| w.para_at(self.reader.scroll));
            self.reader.wrapped = Some(Wrapped::new(doc, &index.docs[doc as usize], width));
            if let Some(p) = top_para {
                self.reader.scroll = self
                    .reader
                    .wrapped
                    .as_ref()
                    .map_or(0, |w| w.para_rows[p as usize]);
            }
        }
        self.reader.scroll = self.reader.scroll.min(self.max_scroll());
        self.keep_selection_visible();
    }

    fn max_scroll(&self) -> usize {
        let rows = self.reader.wrapped.as_ref().map_or(0, |w| w.rows.len());
        let height = self.panes().map_or(1, |p| p.reader_inner_height());
        rows.saturating_sub(height)
    }

    fn scroll_reader(&mut self, delta: isize) {
        let target = (self.reader.scroll as isize + delta).max(0) as usize;
        self.reader.scroll = target.min(self.max_scroll());
    }

    /// Scrolls so paragraph `para` starts a third of the way down the pane.
    fn scroll_to_para(&mut self, para: u32) {
        let Some(w) = &self.reader.wrapped else {
            return;
        };
        let row = w.para_rows.get(para as usize).copied().unwrap_or(0);
        let height = self.panes().map_or(1, |p| p.reader_inner_height());
        self.reader.scroll = row.saturating_sub(height / 3).min(self.max_scroll());
    }

    /// `n` / `N`: the next hit in this document, then on into the next document.
    fn step_hit(&mut self, forward: bool) {
        if !self.filter_active() || self.results.as_ref().is_none_or(|r| r.docs.is_empty()) {
            self.message = Some("no filter active: press / to search".into());
            return;
        }
        let count = self.reader.hit_paras.len();
        let next = match (self.reader.current_hit, forward) {
            (None, true) => Some(0),
            (None, false) => count.checked_sub(1),
            (Some(i), true) => (i + 1 < count).then_some(i + 1),
            (Some(i), false) => i.checked_sub(1),
        };
        match next.filter(|&i| i < count) {
            Some(i) => {
                self.reader.current_hit = Some(i);
                self.scroll_to_para(self.reader.hit_paras[i]);
            }
            None => {
                // Past the last hit: continue in the next (or previous) document.
                let len = self.list_len();
                let row = if forward {
                    (self.list_selected + 1) % len
                } else {
                    (self.list_selected + len - 1) % len
                };
                self.list_selected = row;
                self.open_selected(false);
                let count = self.reader.hit_paras.len();
                if count > 0 {
                    let i = if forward { 0 } else { count - 1 };
                    self.reader.current_hit = Some(i);
                    self.scroll_to_para(self.reader.hit_paras[i]);
                }
                self.keep_selection_visible();
                self.message = Some(format!(
                    "{} document {}/{}",
                    if forward { "next" } else { "previous" },
                    row + 1,
                    len
                ));
            }
        }
    }

    fn open_entities_view(&mut self) {
        if self.index.is_none() {
            self.message = Some("still indexing: entities appear when it finishes".into());
            return;
        }
        self.screen = Screen::Entities;
    }

    /// `o`: the entity mentioned at the current hit, or first on screen.
    fn entity_at_cursor(&mut self) {
        let Some(w) = &self.reader.wrapped else {
            return;
        };
        let height = self.panes().map_or(1, |p| p.reader_inner_height());
        let mut paras: Vec<u32> = Vec::new();
        if let Some(i) = self.reader.current_hit {
            paras.push(self.reader.hit_paras[i]);
        }
        for row in &w.rows
            [self.reader.scroll.min(w.rows.len())..(self.reader.scroll + height).min(w.rows.len())]
        {
            if let Row::Text { para, .. } = row
                && paras.last() != Some(para)
            {
                paras.push(*para);
            }
        }
        let found = paras.iter().find_map(|&p| {
            let mentions = self.reader.mentions.get(p as usize)?;
            // Prefer a mention inside a filter hit.
            let spans = self.reader.hit_spans.get(&p);
            let focused = mentions
                .iter()
                .find(|m| Some(m.entity) == self.reader.focus_entity);
            let in_hit = mentions.iter().find(|m| {
                spans.is_some_and(|s| {
                    s.iter()
                        .any(|h| h.start < m.range.end && m.range.start < h.end)
                })
            });
            let named = mentions.iter().find(|m| !m.kind.is_figure());
            focused
                .or(in_hit)
                .or(named)
                .or(mentions.first())
                .map(|m| m.entity)
        });
        match found {
            Some(entity) => {
                self.screen = Screen::Entities;
                self.entities.select_entity(entity);
                if let Some(index) = self.index.clone() {
                    self.entities.refresh_details(&index);
                }
            }
            None => self.message = Some("no entity mentioned here".into()),
        }
    }

    fn update_entities(&mut self, action: Action) {
        let Some(index) = self.index.clone() else {
            return;
        };
        let panes = self.panes();
        let page = panes.map_or(10, |p| p.list_inner_height()).max(1);
        let outcome = self.entities.update(&index, action, page);
        self.entities.refresh_details(&index);
        // Mentions list height: the details pane minus its four header lines.
        let mentions_height = panes.map_or(1, |p| p.reader_inner_height().saturating_sub(8));
        self.entities.scroll_into_view(page, mentions_height);
        match outcome {
            super::entities_view::Outcome::Stay => {}
            super::entities_view::Outcome::Close => self.screen = Screen::Main,
            super::entities_view::Outcome::Quit => self.quit = true,
            super::entities_view::Outcome::Help => {
                self.help = true;
                self.help_scroll = 0;
            }
            super::entities_view::Outcome::Jump { doc, para, entity } => {
                self.jump_to(doc, para, Some(entity))
            }
        }
    }

    /// Opens `doc` at paragraph `para`, clearing a filter that would hide it.
    pub fn jump_to(&mut self, doc: u32, para: u32, entity: Option<usize>) {
        self.screen = Screen::Main;
        if self.filter_active() && !(0..self.list_len()).any(|r| self.list_doc(r) == Some(doc)) {
            self.filter.remember();
            self.filter.set("");
            self.request_query();
        }
        if let Some(row) = (0..self.list_len()).find(|&r| self.list_doc(r) == Some(doc)) {
            self.list_selected = row;
        }
        self.open_selected(false);
        self.reader.focus_entity = entity;
        self.scroll_to_para(para);
        self.keep_selection_visible();
        self.focus = Focus::Reader;
    }
}

/// Every entity mention in a document, grouped by paragraph.
fn mentions_of(index: &Index, doc: u32) -> Vec<Vec<MentionSpan>> {
    index
        .doc_paras(doc)
        .map(|global| {
            index
                .para_mentions(global)
                .iter()
                .map(|m| MentionSpan {
                    range: m.start as usize..m.end() as usize,
                    kind: index.entities.entities[m.entity as usize].kind,
                    entity: m.entity as usize,
                })
                .collect()
        })
        .collect()
}

/// The most-mentioned named entities (people, organisations, places) per document.
fn top_entities_per_doc(index: &Index) -> Vec<Vec<(usize, u32)>> {
    (0..index.docs.len() as u32)
        .map(|doc| {
            let mut counts: HashMap<usize, u32> = HashMap::new();
            for global in index.doc_paras(doc) {
                for m in index.para_mentions(global) {
                    let id = m.entity as usize;
                    if !index.entities.entities[id].kind.is_figure() {
                        *counts.entry(id).or_insert(0) += 1;
                    }
                }
            }
            let mut top: Vec<(usize, u32)> = counts.into_iter().collect();
            top.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            top.truncate(5);
            top
        })
        .collect()
}
