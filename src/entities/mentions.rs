//! Where entities are mentioned: one store for the whole corpus, grouped by
//! paragraph, which each entity's mention list refers into. Spans are kept
//! once (10 bytes a mention) and an entity's list is 4 bytes a mention.

use std::sync::Arc;

use serde::Serialize;

use super::Occurrence;

/// A mention as resolution hands it over: its paragraph numbered across the
/// corpus (12 bytes, not an [`Occurrence`]'s 16: there are millions).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub para: u32,
    pub start: u32,
    pub end: u32,
}

/// Global paragraph numbers from and to (document, paragraph).
pub(crate) struct Places<'a> {
    pub(crate) doc_starts: &'a [u32],
}

impl Places<'_> {
    pub(crate) fn global(&self, doc: u32, para: u32) -> u32 {
        self.doc_starts[doc as usize] + para
    }

    /// Tries document `hint` first and leaves the answer there: mentions and
    /// hits are read in paragraph order, mostly several to a document, so most
    /// look-ups need no search, and the rest gallop forward from the hint
    /// over this small array, which stays in cache.
    pub(crate) fn doc_para(&self, global: u32, hint: &mut usize) -> (u32, u32) {
        let starts = self.doc_starts;
        let fits = |d: usize| {
            starts.get(d).is_some_and(|&s| s <= global)
                && starts.get(d + 1).is_none_or(|&next| global < next)
        };
        if !fits(*hint) {
            *hint = if starts.get(*hint).is_some_and(|&s| s <= global) {
                *hint + at_or_before(&starts[*hint + 1..], global)
            } else {
                starts.partition_point(|&s| s <= global) - 1
            };
        }
        (*hint as u32, global - starts[*hint])
    }
}

/// How many of the sorted `starts` are at or before `global`, found by
/// galloping from the front: few, when the answer is near.
fn at_or_before(starts: &[u32], global: u32) -> usize {
    let mut step = 1;
    while step <= starts.len() && starts[step - 1] <= global {
        step *= 2;
    }
    let low = step / 2;
    low + starts[low..step.min(starts.len())].partition_point(|&s| s <= global)
}

/// One entity mention inside a paragraph: 10 bytes, as a mention is short
/// (at most 32,767 bytes, see the resolver) and there are millions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(C, packed(2))]
pub struct ParaMention {
    pub entity: u32,
    pub start: u32,
    len: u16,
}

const _: () = assert!(std::mem::size_of::<ParaMention>() == 10);

impl ParaMention {
    /// # Panics
    /// When `end` is before `start` or more than 65,535 bytes after it: the
    /// resolver keeps no mention longer than 32,767 bytes.
    pub fn new(entity: u32, start: u32, end: u32) -> Self {
        let len = end
            .checked_sub(start)
            .and_then(|len| u16::try_from(len).ok())
            .expect("a mention ends at most 65,535 bytes after its start");
        ParaMention { entity, start, len }
    }

    pub fn end(&self) -> u32 {
        self.start + u32::from(self.len)
    }
}

/// Every mention of the corpus, by global paragraph, by start within one.
#[derive(Debug, Default)]
pub struct MentionStore {
    /// Global number of each document's first paragraph.
    doc_starts: Vec<u32>,
    /// Index in `records` of each paragraph's first mention; one extra at the end.
    offsets: Vec<u32>,
    records: Vec<ParaMention>,
}

impl MentionStore {
    /// The store of `lists[e]` (entity `e`'s mentions, sorted by paragraph,
    /// start and end), and each list as positions in it. The lists are
    /// dropped once their spans are copied, before the positions are made.
    pub fn new(lists: Vec<Vec<Span>>, doc_starts: Vec<u32>) -> (Arc<Self>, Vec<Box<[u32]>>) {
        let paragraphs = doc_starts.last().map_or(0, |&s| s as usize);
        let global = |m: &Span| m.para as usize;
        let mut offsets = vec![0u32; paragraphs + 1];
        for m in lists.iter().flatten() {
            offsets[global(m) + 1] += 1;
        }
        for i in 1..offsets.len() {
            offsets[i] += offsets[i - 1];
        }
        let total = offsets.last().map_or(0, |&n| n as usize);
        let mut next = offsets.clone();
        let blank = ParaMention::new(0, 0, 0);
        let mut records = vec![blank; total];
        let sizes: Vec<usize> = lists.iter().map(Vec::len).collect();
        for (e, list) in lists.into_iter().enumerate() {
            for m in list {
                let slot = &mut next[global(&m)];
                records[*slot as usize] = ParaMention::new(e as u32, m.start, m.end);
                *slot += 1;
            }
        }
        drop(next);
        // Stable: mentions at the same span stay in entity order.
        for p in 0..paragraphs {
            records[offsets[p] as usize..offsets[p + 1] as usize]
                .sort_by_key(|m| (m.start, m.end()));
        }
        let mut ids: Vec<Vec<u32>> = sizes.into_iter().map(Vec::with_capacity).collect();
        for (pos, m) in records.iter().enumerate() {
            ids[m.entity as usize].push(pos as u32);
        }
        let store = MentionStore {
            doc_starts,
            offsets,
            records,
        };
        let ids = ids.into_iter().map(Vec::into_boxed_slice).collect();
        (Arc::new(store), ids)
    }

    /// The mentions in global paragraph `global`, by start.
    pub fn of(&self, global: u32) -> &[ParaMention] {
        let g = global as usize;
        match (self.offsets.get(g), self.offsets.get(g + 1)) {
            (Some(&a), Some(&b)) => &self.records[a as usize..b as usize],
            _ => &[],
        }
    }

    /// The global paragraph of mention `id`.
    fn paragraph_of(&self, id: u32) -> u32 {
        (self.offsets.partition_point(|&o| o <= id) - 1) as u32
    }

    /// Mention `id` with its document and paragraph; `doc_hint` is tried
    /// first and left at the answer (see [`Places::doc_para`]).
    fn occurrence(&self, id: u32, doc_hint: &mut usize) -> Occurrence {
        let places = Places {
            doc_starts: &self.doc_starts,
        };
        let (doc, para) = places.doc_para(self.paragraph_of(id), doc_hint);
        let m = self.records[id as usize];
        Occurrence {
            doc,
            para,
            start: m.start,
            end: m.end(),
        }
    }

    /// Each of `entities` entities' paragraphs, ascending, each once: one
    /// pass over the store, which holds them in paragraph order.
    pub fn entity_paragraphs(&self, entities: usize) -> EntityParagraphs {
        // Each entity's paragraphs are counted, then written in place, in one
        // exact allocation: a list per entity, grown and shrunk, costs twice.
        let mut starts = vec![0u32; entities + 1];
        self.each_entity_paragraph(entities, |e, _| starts[e + 1] += 1);
        for e in 0..entities {
            starts[e + 1] += starts[e];
        }
        let mut next = starts.clone();
        let mut paras = vec![0u32; starts[entities] as usize];
        self.each_entity_paragraph(entities, |e, global| {
            paras[next[e] as usize] = global;
            next[e] += 1;
        });
        EntityParagraphs { starts, paras }
    }

    /// Calls `f(entity, paragraph)` once for each paragraph mentioning each of
    /// `entities` entities, in paragraph order.
    fn each_entity_paragraph(&self, entities: usize, mut f: impl FnMut(usize, u32)) {
        let paragraphs = self.offsets.len().saturating_sub(1) as u32;
        let mut last = vec![NONE; entities];
        for global in 0..paragraphs {
            for m in self.of(global) {
                let e = m.entity as usize;
                if last[e] != global {
                    last[e] = global;
                    f(e, global);
                }
            }
        }
    }
}

/// Each entity's global paragraph numbers, ascending, each once, in one array.
#[derive(Debug, Default)]
pub struct EntityParagraphs {
    /// `paras[starts[e]..starts[e + 1]]` are entity `e`'s.
    starts: Vec<u32>,
    paras: Vec<u32>,
}

impl EntityParagraphs {
    pub fn of(&self, entity: usize) -> &[u32] {
        match (self.starts.get(entity), self.starts.get(entity + 1)) {
            (Some(&a), Some(&b)) => &self.paras[a as usize..b as usize],
            _ => &[],
        }
    }
}

/// No paragraph yet.
const NONE: u32 = u32::MAX;

/// An entity's mentions, sorted by document, paragraph, start and end.
#[derive(Clone, Default)]
pub struct Mentions {
    store: Arc<MentionStore>,
    ids: Box<[u32]>,
    /// Documents they are in, counted when the table was built.
    docs: u32,
}

impl Mentions {
    pub fn new(store: Arc<MentionStore>, ids: Box<[u32]>, docs: u32) -> Self {
        Mentions { store, ids, docs }
    }

    /// Number of documents with at least one of the mentions.
    pub fn doc_count(&self) -> usize {
        self.docs as usize
    }

    pub fn len(&self) -> usize {
        self.ids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    pub fn get(&self, i: usize) -> Option<Occurrence> {
        self.ids.get(i).map(|&id| self.store.occurrence(id, &mut 0))
    }

    pub fn first(&self) -> Option<Occurrence> {
        self.get(0)
    }

    pub fn iter(&self) -> MentionIter<'_> {
        MentionIter {
            store: &self.store,
            ids: self.ids.iter(),
            doc_hint: 0,
        }
    }

    /// Global paragraph numbers of the mentions, ascending, each once.
    pub fn paragraphs(&self) -> Vec<u32> {
        let mut out: Vec<u32> = self
            .ids
            .iter()
            .map(|&id| self.store.paragraph_of(id))
            .collect();
        out.dedup();
        out.shrink_to_fit();
        out
    }
}

/// An entity's mentions in order, as [`Occurrence`]s.
pub struct MentionIter<'a> {
    store: &'a MentionStore,
    ids: std::slice::Iter<'a, u32>,
    /// The last mention's document: the next is mostly in it too.
    doc_hint: usize,
}

impl Iterator for MentionIter<'_> {
    type Item = Occurrence;

    fn next(&mut self) -> Option<Occurrence> {
        let id = *self.ids.next()?;
        Some(self.store.occurrence(id, &mut self.doc_hint))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.ids.size_hint()
    }

    /// Skips without looking the skipped mentions up: a scrolled list starts deep.
    fn nth(&mut self, n: usize) -> Option<Occurrence> {
        let id = *self.ids.nth(n)?;
        Some(self.store.occurrence(id, &mut self.doc_hint))
    }
}

impl ExactSizeIterator for MentionIter<'_> {}

impl<'a> IntoIterator for &'a Mentions {
    type Item = Occurrence;
    type IntoIter = MentionIter<'a>;

    fn into_iter(self) -> MentionIter<'a> {
        self.iter()
    }
}

impl std::fmt::Debug for Mentions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl Serialize for Mentions {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.iter())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mentions_keep_up_to_a_16_bit_length() {
        let m = ParaMention::new(3, 10, 10 + 65_535);
        assert_eq!((m.entity, m.start, m.end()), (3, 10, 65_545));
        assert!(std::panic::catch_unwind(|| ParaMention::new(0, 10, 10 + 65_536)).is_err());
        assert!(std::panic::catch_unwind(|| ParaMention::new(0, 10, 9)).is_err());
    }

    fn occ(doc: u32, para: u32, start: u32, end: u32) -> Occurrence {
        Occurrence {
            doc,
            para,
            start,
            end,
        }
    }

    fn span(o: &Occurrence, doc_starts: &[u32]) -> Span {
        Span {
            para: doc_starts[o.doc as usize] + o.para,
            start: o.start,
            end: o.end,
        }
    }

    #[test]
    fn lists_read_back_and_paragraphs_group_by_start() {
        // Documents of 2, 0 and 3 paragraphs.
        let doc_starts = vec![0, 2, 2, 5];
        let lists = [
            vec![occ(0, 1, 9, 12), occ(2, 0, 0, 4), occ(2, 0, 20, 24)],
            vec![occ(0, 1, 2, 5), occ(2, 2, 1, 3)],
        ];
        let spans = lists
            .iter()
            .map(|l| l.iter().map(|o| span(o, &doc_starts)).collect())
            .collect();
        let (store, ids) = MentionStore::new(spans, doc_starts);
        for (e, list) in lists.iter().enumerate() {
            let mentions = Mentions::new(store.clone(), ids[e].clone(), 0);
            assert_eq!(mentions.iter().collect::<Vec<_>>(), *list);
            assert_eq!((&mentions).into_iter().count(), list.len());
        }
        let starts = |g: u32| {
            store
                .of(g)
                .iter()
                .map(|m| (m.entity, m.start))
                .collect::<Vec<_>>()
        };
        assert_eq!(starts(0), []);
        assert_eq!(starts(1), [(1, 2), (0, 9)]);
        assert_eq!(starts(2), [(0, 0), (0, 20)]);
        assert_eq!(starts(4), [(1, 1)]);
        assert_eq!(starts(5), []);
        let by_pass = store.entity_paragraphs(2);
        for (e, ids) in ids.iter().enumerate() {
            let mentions = Mentions::new(store.clone(), ids.clone(), 0);
            assert_eq!(by_pass.of(e), mentions.paragraphs());
        }
        let first = Mentions::new(store, ids[0].clone(), 2);
        assert_eq!(first.paragraphs(), [1, 2]);
        assert_eq!(first.iter().nth(2), Some(lists[0][2]));
        assert_eq!(first.iter().enumerate().nth(1), Some((1, lists[0][1])));
    }

    #[test]
    fn entities_count_the_documents_they_are_mentioned_in() {
        use crate::entities::{Entity, EntityKind, EntityTable};
        // Documents of 2, 0, 3 and 1 paragraphs.
        let doc_starts = vec![0, 2, 2, 5, 6];
        let entity = || Entity {
            canonical: "X".into(),
            kind: EntityKind::Person,
            aliases: Vec::new(),
            value: None,
            inferred: false,
            mentions: Mentions::default(),
        };
        let at = |para| Span {
            para,
            start: 0,
            end: 1,
        };
        let table = EntityTable::new(
            vec![
                (entity(), vec![at(0), at(1), at(2), at(4), at(5)]),
                (entity(), vec![at(1)]),
                (entity(), vec![at(2), at(5)]),
            ],
            doc_starts,
        );
        let counts: Vec<usize> = table.entities.iter().map(|e| e.doc_count()).collect();
        assert_eq!(counts, [3, 1, 2]);
        let docs: Vec<u32> = table.entities[0].mentions.iter().map(|m| m.doc).collect();
        assert_eq!(docs, [0, 0, 2, 2, 3]);
    }
}
