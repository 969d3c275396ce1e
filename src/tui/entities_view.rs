//! The entities view's state: entities grouped by kind, fuzzy-filterable; the
//! selected entity's mentions, and where they lead.

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use super::action::Action;
use super::input::Input;
use super::layout::{Panes, contains};
use crate::entities::EntityKind;
use crate::index::Index;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntityRow {
    /// A kind heading with the number of entities listed under it.
    Header(EntityKind, usize),
    Entity(usize),
}

/// What the main state should do after an entities-view action.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Stay,
    Close,
    Quit,
    Help,
    Jump { doc: u32, para: u32, entity: usize },
}

#[derive(Debug, Default)]
pub struct EntitiesView {
    /// Typing in the view's filter.
    pub typing: bool,
    pub filter: Input,
    pub rows: Vec<EntityRow>,
    pub selected: usize,
    pub offset: usize,
    /// The mentions list has the focus (rather than the entity list).
    pub in_mentions: bool,
    pub mention_selected: usize,
    pub mention_offset: usize,
    /// Entity ids by kind, then mentions (most first): the unfiltered order.
    order: Vec<usize>,
    /// Kind of each entity id, for grouping.
    kinds: Vec<EntityKind>,
    /// Entities most often mentioned with the selected one (computed on selection,
    /// not per frame: on a large corpus it walks many paragraphs).
    pub co_mentions: Vec<(usize, u32)>,
    co_mentions_of: Option<usize>,
}

impl EntitiesView {
    pub fn set_index(&mut self, index: &Index) {
        let mut order: Vec<usize> = (0..index.entities.entities.len()).collect();
        let e = &index.entities.entities;
        order.sort_by(|&a, &b| {
            e[a].kind
                .cmp(&e[b].kind)
                .then(e[b].mentions.len().cmp(&e[a].mentions.len()))
                .then(e[a].canonical.cmp(&e[b].canonical))
        });
        self.order = order;
        self.kinds = e.iter().map(|x| x.kind).collect();
        self.co_mentions_of = None;
        self.refilter(index);
        self.refresh_details(index);
    }

    /// Recomputes the selected entity's co-mentions when the selection changed.
    pub fn refresh_details(&mut self, index: &Index) {
        let selected = self.selected_entity();
        if selected != self.co_mentions_of {
            self.co_mentions = selected.map(|id| index.co_mentions(id)).unwrap_or_default();
            self.co_mentions_of = selected;
        }
    }

    /// The entity on the selected row.
    pub fn selected_entity(&self) -> Option<usize> {
        match self.rows.get(self.selected) {
            Some(EntityRow::Entity(id)) => Some(*id),
            _ => None,
        }
    }

    pub fn select_entity(&mut self, entity: usize) {
        self.filter.set("");
        self.typing = false;
        self.rows = grouped(&self.kinds, &self.order);
        if let Some(row) = self
            .rows
            .iter()
            .position(|r| *r == EntityRow::Entity(entity))
        {
            self.selected = row;
        }
        self.in_mentions = false;
        self.mention_selected = 0;
        self.mention_offset = 0;
        self.offset = self.selected.saturating_sub(3);
    }

    fn refilter(&mut self, index: &Index) {
        let query = self.filter.text.trim();
        let entities = &index.entities.entities;
        if query.is_empty() {
            self.rows = grouped(&self.kinds, &self.order);
        } else {
            let matcher = SkimMatcherV2::default();
            // Scattered subsequences are noise ("sulei" in "Strategic Culture …").
            let floor = matcher.fuzzy_match(query, query).unwrap_or(0) / 2;
            let mut scored: Vec<(usize, i64)> = self
                .order
                .iter()
                .filter_map(|&id| {
                    let e = &entities[id];
                    std::iter::once(e.canonical.as_str())
                        .chain(e.aliases.iter().map(|(a, _)| a.as_str()))
                        .filter_map(|name| matcher.fuzzy_match(name, query))
                        .max()
                        .filter(|&s| s >= floor)
                        .map(|s| (id, s))
                })
                .collect();
            // Stable: equal scores keep the unfiltered order (most mentioned first).
            scored.sort_by(|&(a, sa), &(b, sb)| {
                entities[a].kind.cmp(&entities[b].kind).then(sb.cmp(&sa))
            });
            let ids: Vec<usize> = scored.into_iter().map(|(id, _)| id).collect();
            self.rows = grouped(&self.kinds, &ids);
        }
        self.selected = self
            .rows
            .iter()
            .position(|r| matches!(r, EntityRow::Entity(_)))
            .unwrap_or(0);
        self.offset = 0;
        self.mention_selected = 0;
        self.mention_offset = 0;
    }

    pub fn update(&mut self, index: &Index, action: Action, page: usize) -> Outcome {
        if self.typing {
            match action {
                Action::Back if !self.filter.text.is_empty() => {
                    self.filter.set("");
                    self.refilter(index);
                }
                Action::Back | Action::Submit => self.typing = false,
                Action::Quit => return Outcome::Quit,
                Action::HistoryPrev => self.move_by(index, -1),
                Action::HistoryNext => self.move_by(index, 1),
                other => {
                    if self.filter.apply(&other) {
                        self.refilter(index);
                    }
                }
            }
            return Outcome::Stay;
        }
        match action {
            Action::Quit => return Outcome::Quit,
            Action::ToggleHelp => return Outcome::Help,
            Action::Entities => return Outcome::Close,
            Action::FocusFilter => {
                self.typing = true;
                self.in_mentions = false;
            }
            Action::NextPane | Action::PrevPane => {
                self.in_mentions = !self.in_mentions && self.selected_entity().is_some();
            }
            Action::Back if self.in_mentions => self.in_mentions = false,
            Action::Back => return Outcome::Close,
            Action::Open if self.in_mentions => {
                let entity = self.selected_entity();
                if let Some(m) = entity.and_then(|e| {
                    index.entities.entities[e]
                        .mentions
                        .get(self.mention_selected)
                }) {
                    return Outcome::Jump {
                        doc: m.doc,
                        para: m.para,
                        entity: entity.unwrap_or_default(),
                    };
                }
            }
            Action::Open if self.selected_entity().is_some() => {
                self.in_mentions = true;
            }
            Action::Down => self.move_by(index, 1),
            Action::Up => self.move_by(index, -1),
            Action::PageDown | Action::HalfPageDown => self.move_by(index, page as isize / 2),
            Action::PageUp | Action::HalfPageUp => self.move_by(index, -(page as isize / 2)),
            Action::Top => self.move_by(index, isize::MIN / 2),
            Action::Bottom => self.move_by(index, isize::MAX / 2),
            _ => {}
        }
        Outcome::Stay
    }

    fn move_by(&mut self, index: &Index, delta: isize) {
        if self.in_mentions {
            let count = self
                .selected_entity()
                .map_or(0, |e| index.entities.entities[e].mentions.len());
            if count > 0 {
                self.mention_selected = (self.mention_selected as isize)
                    .saturating_add(delta)
                    .clamp(0, count as isize - 1) as usize;
            }
            return;
        }
        if self.rows.is_empty() {
            return;
        }
        let last = self.rows.len() as isize - 1;
        let mut target = (self.selected as isize)
            .saturating_add(delta)
            .clamp(0, last) as usize;
        // Headers are not selectable: step over them in the direction of travel.
        while matches!(self.rows.get(target), Some(EntityRow::Header(..))) {
            let next = if delta >= 0 {
                target + 1
            } else {
                target.wrapping_sub(1)
            };
            if next >= self.rows.len() {
                target = self.selected;
                break;
            }
            target = next;
        }
        if target != self.selected {
            self.selected = target;
            self.mention_selected = 0;
            self.mention_offset = 0;
        }
    }

    pub fn mouse(&mut self, panes: &Panes, x: u16, y: u16, delta: isize, click: bool) {
        let over_list = contains(panes.list, x, y);
        if click && over_list {
            let row = self.offset + y.saturating_sub(panes.list.y + 1) as usize;
            if matches!(self.rows.get(row), Some(EntityRow::Entity(_))) {
                self.selected = row;
                self.in_mentions = false;
                self.mention_selected = 0;
            }
        } else if delta != 0 && over_list {
            let last = self.rows.len().saturating_sub(1);
            self.offset = (self.offset as isize + delta).clamp(0, last as isize) as usize;
        } else if click && contains(panes.reader, x, y) {
            self.in_mentions = self.selected_entity().is_some();
        }
    }

    /// Keeps the selected rows inside the visible windows (called before drawing).
    pub fn scroll_into_view(&mut self, list_height: usize, mentions_height: usize) {
        let h = list_height.max(1);
        if self.selected < self.offset {
            // Show the kind header above the first entity when possible.
            self.offset = if self.selected > 0
                && matches!(
                    self.rows.get(self.selected - 1),
                    Some(EntityRow::Header(..))
                ) {
                self.selected - 1
            } else {
                self.selected
            };
        } else if self.selected >= self.offset + h {
            self.offset = self.selected + 1 - h;
        }
        let m = mentions_height.max(1);
        if self.mention_selected < self.mention_offset {
            self.mention_offset = self.mention_selected;
        } else if self.mention_selected >= self.mention_offset + m {
            self.mention_offset = self.mention_selected + 1 - m;
        }
    }
}

/// Rows with a header before each kind's run of entities (`ids` sorted by kind).
fn grouped(kinds: &[EntityKind], ids: &[usize]) -> Vec<EntityRow> {
    let mut rows = Vec::with_capacity(ids.len() + EntityKind::ALL.len());
    let mut i = 0;
    while i < ids.len() {
        let kind = kinds[ids[i]];
        let run = ids[i..].iter().take_while(|&&id| kinds[id] == kind).count();
        rows.push(EntityRow::Header(kind, run));
        rows.extend(ids[i..i + run].iter().map(|&id| EntityRow::Entity(id)));
        i += run;
    }
    rows
}
