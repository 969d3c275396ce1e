//! Resolution: every spelling of one real thing becomes one entity.
//!
//! Mentions are joined (union-find) when they share a value (dates, figures), a folded
//! form, a gazetteer entry, or a definition (`Name (ACR)`, `also known as`). Clusters are
//! then joined by acronym initials, organisation suffixes (`Iranian Revolutionary Guards`
//! → `Revolutionary Guards`), transliteration variants of personal names (Jaro-Winkler on
//! each name part, gated by an edit budget; phonetic keys only propose candidates), and
//! surname-only mentions that point to exactly one full name. Uncertain mentions that
//! nothing settles are dropped.

use std::sync::Arc;

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};

use strsim::{jaro_winkler, levenshtein};

use super::gazetteer::{fold, gazetteer};
use super::mentions::Places;
use super::{Cue, Entity, EntityKind, EntityTable, Mention, Span};
use crate::corpus::Document;

/// Marks an absent string id.
const NONE: u32 = u32::MAX;

/// Every distinct string the resolver meets (surface forms, keys, name parts, values),
/// stored once and named by a number, so that per-mention records hold no strings and
/// what is derived from a form is derived once, not once per mention.
#[derive(Default)]
struct Forms {
    ids: FxHashMap<Arc<str>, u32>,
    strings: Vec<Arc<str>>,
    /// Per string id, computed on first use: identity key and gazetteer entry of a
    /// name, its name parts, its organisation key (`NONE`: not computed or none).
    name_key: Vec<u32>,
    canon: Vec<u32>,
    parts: Vec<Option<Arc<[u32]>>>,
}

impl Forms {
    fn intern(&mut self, s: &str) -> u32 {
        if let Some(&id) = self.ids.get(s) {
            return id;
        }
        let id = self.strings.len() as u32;
        let shared: Arc<str> = s.into();
        self.strings.push(shared.clone());
        self.ids.insert(shared, id);
        self.name_key.push(NONE);
        self.canon.push(NONE);
        self.parts.push(None);
        id
    }

    /// The id of `surface(raw)`, allocating only when `raw` needs normalising.
    fn intern_surface(&mut self, raw: &str) -> u32 {
        let normal = !raw.starts_with(' ')
            && !raw.ends_with(' ')
            && !raw.contains("  ")
            && !raw.ends_with("'s")
            && !raw.ends_with("’s")
            && !raw.chars().any(|c| c != ' ' && c.is_whitespace());
        if normal {
            self.intern(raw)
        } else {
            self.intern(&surface(raw))
        }
    }

    fn str(&self, id: u32) -> &str {
        &self.strings[id as usize]
    }

    /// Identity key (`name_key`) and gazetteer entry of a name form.
    fn name_info(&mut self, id: u32) -> (u32, Option<u32>) {
        if self.name_key[id as usize] == NONE {
            let form = self.strings[id as usize].clone();
            let key = self.intern(&name_key(&form));
            self.name_key[id as usize] = key;
            self.canon[id as usize] = gazetteer().lookup(&form).unwrap_or(NONE);
        }
        let canon = self.canon[id as usize];
        (self.name_key[id as usize], (canon != NONE).then_some(canon))
    }

    /// `name_parts` of a form, as string ids.
    fn parts(&mut self, id: u32) -> Arc<[u32]> {
        if let Some(parts) = &self.parts[id as usize] {
            return parts.clone();
        }
        let form = self.strings[id as usize].clone();
        let parts: Arc<[u32]> = name_parts(&form).iter().map(|p| self.intern(p)).collect();
        self.parts[id as usize] = Some(parts.clone());
        parts
    }
}

/// One mention as the resolver handles it: positions, kind and string ids.
/// There are millions: 20 bytes each, as the paragraph is numbered across the
/// corpus (its document found from `doc_starts`), the length is short, and
/// what only dates and figures have is kept aside ([`Extras`]).
#[derive(Clone, Copy)]
struct Item {
    /// Paragraph number across the corpus: every document's paragraphs in order.
    para: u32,
    start: u32,
    surface: u32,
    /// Where its bare inner form and value are kept (`NONE`: it has neither).
    extra: u32,
    /// Byte length, and in the top bit whether a date's year was inferred.
    len_inferred: u16,
    kind: EntityKind,
    cue: Cue,
}

const _: () = assert!(std::mem::size_of::<Item>() == 20);

/// The bare inner form (`at least 335,000` → `335,000`) and value of the
/// mentions that have either (dates, figures, a few names), the other `NONE`;
/// an [`Item`] points to its pair.
#[derive(Default)]
struct Extras(Vec<[u32; 2]>);

impl Extras {
    /// Where `core` and `value` are kept, `NONE` when both are `NONE`.
    fn add(&mut self, core: u32, value: u32) -> u32 {
        if core == NONE && value == NONE {
            return NONE;
        }
        self.0.push([core, value]);
        (self.0.len() - 1) as u32
    }

    fn get(&self, extra: u32) -> [u32; 2] {
        if extra == NONE {
            [NONE, NONE]
        } else {
            self.0[extra as usize]
        }
    }
}

/// The longest mention an [`Item`] holds; a name or figure is never near it.
const MAX_MENTION_BYTES: usize = 0x7fff;
// The mention store keeps a mention's length in 16 bits.
const _: () = assert!(MAX_MENTION_BYTES <= u16::MAX as usize);
const INFERRED: u16 = 0x8000;

/// Figure keys: `kind#value` string ids by kind and value (or surface) id.
type FigureKeys = FxHashMap<(EntityKind, u32), u32>;

// An item's key and gazetteer entry are looked up, not stored: they follow from
// its form and were computed when it was added, and a million mentions are 8 MB
// lighter without them.
impl Item {
    /// A mention at `range` of global paragraph `para`; `None` past [`MAX_MENTION_BYTES`].
    #[allow(clippy::too_many_arguments)]
    fn new(
        para: u32,
        range: std::ops::Range<usize>,
        surface: u32,
        extra: u32,
        kind: EntityKind,
        cue: Cue,
        inferred: bool,
    ) -> Option<Item> {
        let len = range.end.checked_sub(range.start)?;
        if len > MAX_MENTION_BYTES {
            return None;
        }
        Some(Item {
            para,
            start: range.start as u32,
            surface,
            extra,
            len_inferred: len as u16 | if inferred { INFERRED } else { 0 },
            kind,
            cue,
        })
    }

    fn end(&self) -> u32 {
        self.start + u32::from(self.len_inferred & !INFERRED)
    }

    fn inferred(&self) -> bool {
        self.len_inferred & INFERRED != 0
    }

    /// What a figure's key is made of: its value, else its surface.
    fn basis(&self, extras: &Extras) -> u32 {
        match extras.get(self.extra) {
            [_, NONE] => self.surface,
            [_, value] => value,
        }
    }

    /// Identity key: `name_key` for names, kind and value for dates and figures.
    fn key(&self, forms: &Forms, figure_keys: &FigureKeys, extras: &Extras) -> u32 {
        if self.kind.is_figure() {
            figure_keys[&(self.kind, self.basis(extras))]
        } else {
            forms.name_key[self.surface as usize]
        }
    }

    /// Gazetteer entry of a name's surface form.
    fn canon(&self, forms: &Forms) -> Option<u32> {
        let canon = if self.kind.is_figure() {
            NONE
        } else {
            forms.canon[self.surface as usize]
        };
        (canon != NONE).then_some(canon)
    }
}

/// Union-find over mention indices (`u32`: there are millions of mentions).
struct Uf(Vec<u32>);

impl Uf {
    fn new(n: usize) -> Self {
        Uf((0..n as u32).collect())
    }
    fn find(&mut self, x: usize) -> usize {
        let mut x = x as u32;
        while self.0[x as usize] != x {
            let up = self.0[self.0[x as usize] as usize];
            self.0[x as usize] = up;
            x = up;
        }
        x as usize
    }
    fn union(&mut self, a: usize, b: usize) {
        let (a, b) = (self.find(a), self.find(b));
        if a != b {
            self.0[a.max(b)] = a.min(b) as u32;
        }
    }
    /// Each element's root, in the union-find's own array. A parent is never
    /// above its child (unions link the larger root to the smaller, halving
    /// only shortens paths), so one ascending pass finds every parent's root first.
    fn into_roots(mut self) -> Vec<u32> {
        for i in 0..self.0.len() {
            self.0[i] = self.0[self.0[i] as usize];
        }
        self.0
    }
}

/// Whitespace-normalised surface form (NBSP included), possessive dropped.
pub fn surface(s: &str) -> String {
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    for p in ["’s", "'s"] {
        if let Some(t) = s.strip_suffix(p) {
            return t.to_owned();
        }
    }
    s
}

/// Identity key of a name: folded, dots dropped, a leading "the" dropped.
pub fn name_key(s: &str) -> String {
    let f = fold(s).replace('.', "");
    f.strip_prefix("the ").map(str::to_owned).unwrap_or(f)
}

/// Legal designators that do not distinguish organisations.
const DESIGNATORS: &[&str] = &[
    "llc", "inc", "ltd", "corp", "co", "plc", "gmbh", "ag", "sa", "lp", "llp",
];

/// Key of a multi-word organisation name without connectors and designators, so that
/// `Centre for Research on …` meets `Centre of Research on …`, `X LLC` meets `The X`.
pub fn org_key(s: &str) -> Option<String> {
    let key = name_key(s);
    let words: Vec<&str> = key
        .split(' ')
        .filter(|w| !matches!(*w, "of" | "for" | "on" | "the" | "and" | "&" | "in"))
        .filter(|w| !DESIGNATORS.contains(w))
        .collect();
    (words.len() >= 2).then(|| words.join(" "))
}

const DROP_PARTS: &[&str] = &["al", "el", "the", "ad", "as", "an", "ash", "at", "az", "ar"];

/// Names compared pairwise in one phonetic block, beyond which the block is split.
const MAX_BLOCK: usize = 512;

/// Name parts for comparing people: folded, `al-`/`el-` dropped.
pub fn name_parts(s: &str) -> Vec<String> {
    name_key(s)
        .split(' ')
        .map(|p| {
            for pre in [
                "al-", "el-", "ad-", "as-", "an-", "ash-", "at-", "az-", "ar-",
            ] {
                if let Some(r) = p.strip_prefix(pre)
                    && !r.is_empty()
                {
                    return r.to_owned();
                }
            }
            p.to_owned()
        })
        .filter(|p| !p.is_empty() && !DROP_PARTS.contains(&p.as_str()))
        .collect()
}

/// A coarse phonetic key (consonant skeleton with similar sounds merged) that only
/// proposes candidates; the decision is Jaro-Winkler plus an edit budget.
pub fn phonetic_key(part: &str) -> String {
    let mut out = String::new();
    let mut last = ' ';
    for (i, c) in part.chars().enumerate() {
        let m = match c {
            'a' | 'e' | 'i' | 'o' | 'u' | 'y' | 'h' | 'w' | '-' | '\'' => {
                if i == 0 {
                    'A'
                } else {
                    last = ' ';
                    continue;
                }
            }
            'b' | 'p' | 'f' | 'v' => 'B',
            'c' | 'k' | 'q' | 'g' | 'j' | 'x' => 'K',
            's' | 'z' => 'S',
            'd' | 't' => 'T',
            'l' => 'L',
            'm' | 'n' => 'M',
            'r' => 'R',
            _ => continue,
        };
        if m != last {
            out.push(m);
        }
        last = m;
    }
    out
}

/// Are two name parts spellings of one name (`qassem`/`qasim`, `soleimani`/`suleimani`)?
pub fn parts_similar(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let (la, lb) = (a.chars().count(), b.chars().count());
    if la < 3 || lb < 3 || a.chars().next() != b.chars().next() {
        return false;
    }
    let budget = if la.max(lb) >= 7 { 2 } else { 1 } + usize::from(la.max(lb) >= 5);
    jaro_winkler(a, b) >= 0.85 && levenshtein(a, b) <= budget
}

fn initials(words: &[&str]) -> String {
    words
        .iter()
        .filter(|w| {
            !matches!(
                **w,
                "of" | "and" | "the" | "for" | "on" | "in" | "&" | "de" | "am"
            )
        })
        .flat_map(|w| w.split('-'))
        .filter_map(|w| w.chars().next())
        .filter(|c| c.is_alphabetic())
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

fn is_acronym(s: &str) -> bool {
    let core = s.strip_suffix('s').unwrap_or(s);
    core.len() >= 2 && core.len() <= 8 && core.chars().all(|c| c.is_ascii_uppercase() || c == '.')
}

/// Merges the mentions of all documents into entities (aliases resolved).
/// `mentions[d]` are the mentions of `docs[d]`.
pub fn resolve(docs: &[Document], mentions: &[Vec<Mention>]) -> EntityTable {
    assert_eq!(
        docs.len(),
        mentions.len(),
        "one list of mentions per document"
    );
    let mut resolver = Resolver::default();
    for (d, (doc, ms)) in docs.iter().zip(mentions).enumerate() {
        resolver.add(d as u32, doc, ms);
    }
    resolver.finish(docs)
}

/// Resolution fed one document at a time, so that the tagger's mentions can be
/// dropped as soon as they are read: what is kept per mention is a small record of
/// string ids.
#[derive(Default)]
pub struct Resolver {
    forms: Forms,
    items: Vec<Item>,
    /// Definitions (`Name (ACR)`): pairs of item indices.
    definitions: Vec<(u32, u32)>,
    figure_keys: FigureKeys,
    extras: Extras,
    /// Item index of each mention of the document being added (`NONE`: skipped).
    item_of: Vec<u32>,
    /// Name parts of the people the document being added names.
    doc_parts: FxHashSet<u32>,
    /// Global number of each added document's first paragraph.
    doc_starts: Vec<u32>,
    paras_added: u32,
}

impl Resolver {
    /// Adds the mentions of document number `d`; documents must come in order.
    pub fn add(&mut self, d: u32, doc: &Document, mentions: &[Mention]) {
        let Resolver {
            forms,
            items,
            definitions,
            figure_keys,
            extras,
            item_of,
            doc_parts,
            doc_starts,
            paras_added,
        } = self;
        debug_assert_eq!(d as usize, doc_starts.len(), "documents come in order");
        let first_para = *paras_added;
        doc_starts.push(first_para);
        *paras_added += doc.paragraphs.len() as u32;
        item_of.clear();
        let first_item = items.len();
        for m in mentions {
            item_of.push(NONE);
            let Some(p) = doc.paragraphs.get(m.para as usize) else {
                continue;
            };
            let Some(raw) = p.text.get(m.range.clone()) else {
                continue;
            };
            // Checked before interning, so a rejected mention leaves no form.
            if m.range.len() > MAX_MENTION_BYTES {
                continue;
            }
            let surface = forms.intern_surface(raw);
            let core = m
                .core
                .as_ref()
                .and_then(|c| p.text.get(c.clone()))
                .map_or(NONE, |c| forms.intern_surface(c));
            let value = m.value.as_deref().map_or(NONE, |v| forms.intern(v));
            let Some(mut item) = Item::new(
                first_para + m.para,
                m.range.clone(),
                surface,
                NONE,
                m.kind,
                m.cue,
                m.inferred,
            ) else {
                continue;
            };
            item.extra = extras.add(core, value);
            // Keys computed now, for `Item::key` and `Item::canon` to look up.
            if item.kind.is_figure() {
                let basis = item.basis(extras);
                figure_keys.entry((m.kind, basis)).or_insert_with(|| {
                    forms.intern(&format!("{}#{}", m.kind.as_str(), forms.str(basis)))
                });
            } else {
                forms.name_info(surface);
            }
            *item_of.last_mut().expect("pushed") = items.len() as u32;
            items.push(item);
        }
        keep_maybes_naming_people(forms, items, first_item, item_of, doc_parts);
        for (k, m) in mentions.iter().enumerate() {
            if let Some(a) = m.alias_of
                && let Some(&j) = item_of.get(a as usize)
                && item_of[k] != NONE
                && j != NONE
            {
                definitions.push((item_of[k], j));
            }
        }
    }

    /// Resolves everything added: `docs` are the documents numbered by `add`.
    pub fn finish(self, docs: &[Document]) -> EntityTable {
        self.finish_then(docs, || {})
    }

    /// [`Self::finish`], calling `resolved` once the per-mention records are
    /// freed (and their pages returned), before the table is assembled.
    pub fn finish_then(self, docs: &[Document], resolved: impl FnOnce()) -> EntityTable {
        let Resolver {
            mut forms,
            mut items,
            definitions,
            figure_keys,
            extras,
            doc_starts,
            paras_added,
            ..
        } = self;
        let places = Places {
            doc_starts: &doc_starts,
        };
        let entities = resolve_items(
            docs,
            &places,
            &mut items,
            &mut forms,
            &definitions,
            &figure_keys,
            &extras,
        );
        // The records go before the table's mention store is built.
        drop((items, forms, definitions, figure_keys, extras));
        crate::memory::release_free_memory();
        resolved();
        let mut doc_starts = doc_starts;
        doc_starts.push(paras_added);
        EntityTable::new(entities, doc_starts)
    }
}

/// Sentence-initial common words (cue `Maybe`) stay only as parts of names of
/// people the same document names (`Power` after `Samantha Power`): decided as
/// each document is added, so the others are never kept. Renumbers `item_of`.
fn keep_maybes_naming_people(
    forms: &mut Forms,
    items: &mut Vec<Item>,
    first_item: usize,
    item_of: &mut [u32],
    doc_parts: &mut FxHashSet<u32>,
) {
    let added = &items[first_item..];
    if !added.iter().any(|it| it.cue == Cue::Maybe) {
        return;
    }
    doc_parts.clear();
    for it in added {
        if it.kind == EntityKind::Person && it.cue <= Cue::Weak {
            let parts = forms.parts(it.surface);
            if parts.len() >= 2 {
                doc_parts.extend(parts.iter().copied());
            }
        }
    }
    // Survivors move down over the dropped, keeping their order.
    let mut new_index = vec![NONE; items.len() - first_item];
    let mut kept = first_item;
    for i in first_item..items.len() {
        let mut it = items[i];
        if it.cue == Cue::Maybe {
            let (key, _) = forms.name_info(it.surface);
            if !doc_parts.contains(&key) {
                continue;
            }
            it.cue = Cue::Unknown;
        }
        items[kept] = it;
        new_index[i - first_item] = kept as u32;
        kept += 1;
    }
    items.truncate(kept);
    for slot in item_of.iter_mut().filter(|slot| **slot != NONE) {
        *slot = new_index[*slot as usize - first_item];
    }
}

fn resolve_items(
    docs: &[Document],
    places: &Places,
    items: &mut Vec<Item>,
    forms: &mut Forms,
    definitions: &[(u32, u32)],
    figure_keys: &FigureKeys,
    extras: &Extras,
) -> Vec<(Entity, Vec<Span>)> {
    let gaz = gazetteer();
    add_lowercase_surnames(docs, places, items, forms);
    let n = items.len();
    let is_name = |k: EntityKind| !k.is_figure();

    let items = &*items;
    let mut uf = Uf::new(n);
    // Same key (value for dates and figures), same gazetteer entry.
    let mut by_key: FxHashMap<u32, usize> = FxHashMap::default();
    let mut by_canon: FxHashMap<u32, usize> = FxHashMap::default();
    for (i, it) in items.iter().enumerate() {
        let key = it.key(forms, figure_keys, extras);
        match by_key.get(&key) {
            Some(&j) => uf.union(i, j),
            None => {
                by_key.insert(key, i);
            }
        }
        if is_name(it.kind)
            && it.cue != Cue::Unknown
            && let Some(c) = it.canon(forms)
        {
            let (_, ck) = gaz.canonicals[c as usize];
            if ck == it.kind {
                match by_canon.get(&c) {
                    Some(&j) => uf.union(i, j),
                    None => {
                        by_canon.insert(c, i);
                    }
                }
            }
        }
    }
    drop(by_key);
    // Organisations written with other connectors or designators.
    let mut by_org: FxHashMap<u32, usize> = FxHashMap::default();
    let mut org_keys: FxHashMap<u32, u32> = FxHashMap::default();
    for (i, it) in items.iter().enumerate() {
        if it.kind != EntityKind::Organization {
            continue;
        }
        let key = match org_keys.get(&it.surface) {
            Some(&key) => key,
            None => {
                let key = org_key(forms.str(it.surface)).map_or(NONE, |k| forms.intern(&k));
                org_keys.insert(it.surface, key);
                key
            }
        };
        if key != NONE {
            match by_org.get(&key) {
                Some(&j) => uf.union(i, j),
                None => {
                    by_org.insert(key, i);
                }
            }
        }
    }
    drop((by_org, org_keys));
    // Unknown mentions of a gazetteer name take its entry too.
    for (i, it) in items.iter().enumerate() {
        if it.cue == Cue::Unknown
            && is_name(it.kind)
            && let Some(c) = it.canon(forms)
            && let Some(&j) = by_canon.get(&c)
        {
            uf.union(i, j);
        }
    }
    drop(by_canon);
    // Definitions.
    for &(i, j) in definitions {
        uf.union(i as usize, j as usize);
    }

    let forms = &*forms;
    let form = |id: u32| forms.str(id);
    let kind_of = |members: &[u32]| -> (EntityKind, Cue) {
        let mut score = [0u32; EntityKind::ALL.len()];
        let mut best_cue = Cue::Maybe;
        for &i in members {
            let it = &items[i as usize];
            score[it.kind as usize] += match it.cue {
                Cue::Strong => 100,
                Cue::Weak => 10,
                Cue::Unknown => 1,
                Cue::Maybe => 0,
            };
            best_cue = best_cue.min(it.cue);
        }
        let kind = EntityKind::ALL
            .into_iter()
            .max_by_key(|k| score[*k as usize])
            .unwrap_or(EntityKind::Person);
        (kind, best_cue)
    };

    // Cluster-level merges. Their working sets (summaries, name indexes) are
    // dropped at the block's end, before the entities are built beside the items.
    {
        let cl = Clusters::new((0..n).map(|i| uf.find(i) as u32).collect());
        struct Info<'f> {
            root: usize,
            kind: EntityKind,
            cue: Cue,
            gaz: bool,
            forms: Vec<&'f str>,
            docs: Vec<u32>,
        }
        let has_canon = |it: &Item| it.canon(forms).is_some();
        let clusters: Vec<(usize, &[u32])> = cl.iter().collect();
        let infos: Vec<Info> = clusters
            .into_par_iter()
            .filter(|(_, m)| is_name(items[m[0] as usize].kind))
            .map(|(root, m)| {
                // Ids first: a big cluster repeats few forms many times, and sorting
                // integers costs no string compares.
                let mut ids: Vec<u32> = m.iter().map(|&i| items[i as usize].surface).collect();
                ids.sort_unstable();
                ids.dedup();
                let mut forms: Vec<&str> = ids.into_iter().map(form).collect();
                forms.sort_unstable();
                forms.dedup();
                let mut hint = 0;
                let mut docs: Vec<u32> = m
                    .iter()
                    .map(|&i| places.doc_para(items[i as usize].para, &mut hint).0)
                    .collect();
                docs.sort_unstable();
                docs.dedup();
                let (kind, cue) = kind_of(m);
                Info {
                    root,
                    kind,
                    cue,
                    gaz: m.iter().any(|&i| has_canon(&items[i as usize])),
                    forms,
                    docs,
                }
            })
            .collect();
        drop(cl);
        let mut merges: Vec<(usize, usize)> = Vec::new();

        let person_like = |info: &Info| info.kind == EntityKind::Person && !info.gaz;
        // (a)–(c) and (d)'s full-name variants read only the cluster summaries:
        // they run side by side, and their merges are applied together.
        let (org_merges, (full, name_merges)) = rayon::join(
            || {
                let mut merges: Vec<(usize, usize)> = Vec::new();
                // (a) Acronyms from initials.
                let mut by_initials: FxHashMap<String, Vec<usize>> = FxHashMap::default();
                for (ci, info) in infos.iter().enumerate() {
                    if info.kind == EntityKind::Person {
                        continue;
                    }
                    for f in &info.forms {
                        let words: Vec<&str> = f.split(' ').collect();
                        if words.len() < 2 {
                            continue;
                        }
                        let mut keys = vec![initials(&words)];
                        if words[0] == "The" {
                            keys.push(initials(&words[1..]));
                        }
                        let all: Vec<&str> = words.iter().flat_map(|w| w.split('-')).collect();
                        keys.push(
                            all.iter()
                                .filter_map(|w| w.chars().next())
                                .filter(|c| c.is_alphabetic())
                                .map(|c| c.to_ascii_uppercase())
                                .collect(),
                        );
                        keys.sort();
                        keys.dedup();
                        for k in keys {
                            if k.len() >= 2 {
                                let v = by_initials.entry(k).or_default();
                                if !v.contains(&ci) {
                                    v.push(ci);
                                }
                            }
                        }
                    }
                }
                for (ci, info) in infos.iter().enumerate() {
                    for f in &info.forms {
                        if !is_acronym(f) {
                            continue;
                        }
                        let a: String = f.replace('.', "");
                        let a = a.strip_suffix('s').unwrap_or(&a);
                        if let Some(c) = by_initials.get(a)
                            && c.len() == 1
                            && c[0] != ci
                        {
                            merges.push((info.root, infos[c[0]].root));
                        }
                    }
                }

                // (b) Organisation suffixes: `Islamic Revolutionary Guard Corps-Quds Force` → `Quds Force`.
                let mut org_forms: FxHashMap<String, usize> = FxHashMap::default();
                for (ci, info) in infos.iter().enumerate() {
                    if info.kind == EntityKind::Organization {
                        for f in &info.forms {
                            let k = name_key(f);
                            if k.contains(' ') {
                                org_forms.insert(k, ci);
                            }
                        }
                    }
                }
                for (ci, info) in infos.iter().enumerate() {
                    if info.kind != EntityKind::Organization {
                        continue;
                    }
                    for f in &info.forms {
                        let k = name_key(f);
                        for (pos, ch) in k.char_indices() {
                            if ch == ' ' || ch == '-' {
                                let tail = &k[pos + 1..];
                                if let Some(&cj) = org_forms.get(tail)
                                    && cj != ci
                                {
                                    merges.push((info.root, infos[cj].root));
                                    break;
                                }
                            }
                        }
                    }
                }

                // (c) Single words naming a unique multi-word organisation by its last word (`Times`).
                let mut last_word: FxHashMap<String, Vec<usize>> = FxHashMap::default();
                for (ci, info) in infos.iter().enumerate() {
                    // Places too, by a head word: `the Delta` for `Niger Delta`.
                    let place_head = info.kind == EntityKind::Place
                        && info.forms.iter().any(|f| {
                            f.rsplit(' ')
                                .next()
                                .is_some_and(|w| super::cues::PLACE_HEADS.contains(&w))
                        });
                    if info.kind == EntityKind::Organization || place_head {
                        for f in &info.forms {
                            let k = name_key(f);
                            if let Some((_, last)) = k.rsplit_once(' ') {
                                let v = last_word.entry(last.to_owned()).or_default();
                                if !v.contains(&ci) {
                                    v.push(ci);
                                }
                            }
                        }
                    }
                }
                // ... or by its first word (`Kestrel` for `Kestrel Mining Corporation`).
                let mut first_word: FxHashMap<String, Vec<usize>> = FxHashMap::default();
                for (ci, info) in infos.iter().enumerate() {
                    if info.kind == EntityKind::Organization {
                        for f in &info.forms {
                            let k = name_key(f);
                            if let Some((first, _)) = k.split_once(' ')
                                && !gaz.is_common(first)
                                && !gaz.is_demonym(&capitalise(first))
                            {
                                let v = first_word.entry(first.to_owned()).or_default();
                                if !v.contains(&ci) {
                                    v.push(ci);
                                }
                            }
                        }
                    }
                }
                for info in &infos {
                    if info.gaz
                        || (info.cue == Cue::Strong && info.kind != EntityKind::Organization)
                        || info.kind == EntityKind::Place
                        || info.forms.iter().any(|f| name_key(f).contains(' '))
                    {
                        continue;
                    }
                    let k = name_key(info.forms[0]);
                    if let Some(c) = first_word.get(&k)
                        && c.len() == 1
                        && infos[c[0]].root != info.root
                    {
                        merges.push((info.root, infos[c[0]].root));
                    }
                }
                for info in &infos {
                    if info.gaz || info.kind == EntityKind::Person || info.kind == EntityKind::Place
                    {
                        continue;
                    }
                    if info.forms.iter().all(|f| !name_key(f).contains(' ')) {
                        let k = name_key(info.forms[0]);
                        if let Some(c) = last_word.get(&k)
                            && c.len() == 1
                            && infos[c[0]].root != info.root
                        {
                            merges.push((info.root, infos[c[0]].root));
                        }
                    }
                }

                merges
            },
            || {
                // (d) People: full-name variants, then single names.
                let mut full: Vec<(usize, Vec<String>)> = Vec::new();
                for (ci, info) in infos.iter().enumerate() {
                    if !person_like(info) {
                        continue;
                    }
                    for f in &info.forms {
                        let parts = name_parts(f);
                        if parts.len() >= 2 {
                            full.push((ci, parts));
                        }
                    }
                }
                let mut block: FxHashMap<String, Vec<usize>> = FxHashMap::default();
                for (fi, (_, parts)) in full.iter().enumerate() {
                    block
                        .entry(phonetic_key(parts.last().expect("parts")))
                        .or_default()
                        .push(fi);
                }
                // A block is compared pairwise; a coarse key on a big corpus can gather
                // thousands of names, so giant blocks are split by the first name's initial.
                let mut blocks: Vec<Vec<usize>> = Vec::new();
                for fis in block.into_values() {
                    if fis.len() <= MAX_BLOCK {
                        blocks.push(fis);
                        continue;
                    }
                    let mut split: FxHashMap<Option<char>, Vec<usize>> = FxHashMap::default();
                    for fi in fis {
                        split
                            .entry(full[fi].1[0].chars().next())
                            .or_default()
                            .push(fi);
                    }
                    blocks.extend(split.into_values());
                }
                let pairs: Vec<(usize, usize)> = blocks
                    .par_iter()
                    .flat_map_iter(|fis| {
                        let mut merges = Vec::new();
                        for (x, &fa) in fis.iter().enumerate() {
                            for &fb in &fis[x + 1..] {
                                let (ca, pa) = &full[fa];
                                let (cb, pb) = &full[fb];
                                if ca == cb {
                                    continue;
                                }
                                let (short, long) = if pa.len() <= pb.len() {
                                    (pa, pb)
                                } else {
                                    (pb, pa)
                                };
                                let same = if short.len() == long.len() {
                                    short.iter().zip(long).all(|(a, b)| parts_similar(a, b))
                                } else {
                                    // A middle name or initial more: same first and last, rest in order.
                                    parts_similar(&short[0], &long[0])
                                        && parts_similar(
                                            short.last().expect("p"),
                                            long.last().expect("p"),
                                        )
                                        || short.len() >= 2
                                            && long[long.len() - short.len()..]
                                                .iter()
                                                .zip(short.iter())
                                                .all(|(a, b)| parts_similar(a, b))
                                };
                                if same {
                                    merges.push((infos[*ca].root, infos[*cb].root));
                                }
                            }
                        }
                        merges
                    })
                    .collect();
                (full, pairs)
            },
        );
        merges.extend(org_merges);
        merges.extend(name_merges);
        for &(a, b) in &merges {
            uf.union(a, b);
        }
        merges.clear();

        // Single names: the one full name (same document first) whose first or last part it is.
        let mut part_index: FxHashMap<String, Vec<usize>> = FxHashMap::default();
        for (fi, (_, parts)) in full.iter().enumerate() {
            for p in parts {
                let v = part_index.entry(phonetic_key(p)).or_default();
                if v.last() != Some(&fi) {
                    v.push(fi);
                }
            }
        }
        // No union happens until every pick is made, so roots are fixed: found
        // once, they let the clusters be matched in parallel.
        let info_roots: Vec<usize> = infos.iter().map(|info| uf.find(info.root)).collect();
        let mut root_docs: FxHashMap<usize, Vec<u32>> = FxHashMap::default();
        for (info, &root) in infos.iter().zip(&info_roots) {
            root_docs.entry(root).or_default().extend(&info.docs);
        }
        let single_picks: Vec<(usize, usize)> = infos
            .par_iter()
            .zip(&info_roots)
            .filter_map(|(info, &own)| {
                if info.gaz || (info.kind == EntityKind::Place && info.cue == Cue::Strong) {
                    return None;
                }
                let singles: Vec<Vec<String>> = info
                    .forms
                    .iter()
                    .map(|f| name_parts(f))
                    .filter(|p| p.len() == 1)
                    .collect();
                if singles.is_empty() || info.forms.iter().any(|f| name_parts(f).len() > 1) {
                    return None;
                }
                let word = &singles[0][0];
                if word.chars().count() < 3 {
                    return None;
                }
                let given = gaz.is_given_name(&capitalise(word));
                let mut cands: Vec<(usize, bool)> = Vec::new();
                if let Some(v) = part_index.get(&phonetic_key(word)) {
                    for &fi in v {
                        let (ci, parts) = &full[fi];
                        let r = info_roots[*ci];
                        if r == own || cands.iter().any(|c| c.0 == r) {
                            continue;
                        }
                        // Surname; or, when the word is no common given name, the first name
                        // (`Saddam`) or a longer middle name (`Lula`).
                        let middle = &parts[1..parts.len() - 1];
                        let ok = parts_similar(word, parts.last().expect("p"))
                            || (!given && parts_similar(word, &parts[0]))
                            || (!given && word.len() >= 4 && middle.iter().any(|m| m == word));
                        if ok {
                            let same_doc = root_docs
                                .get(&r)
                                .is_some_and(|ds| ds.iter().any(|d| info.docs.contains(d)));
                            cands.push((r, same_doc));
                        }
                    }
                }
                let local: Vec<&(usize, bool)> = cands.iter().filter(|c| c.1).collect();
                let pick = if local.len() == 1 {
                    Some(local[0].0)
                } else if local.is_empty() && cands.len() == 1 {
                    Some(cands[0].0)
                } else {
                    None
                };
                pick.map(|r| (info.root, r))
            })
            .collect();
        merges.extend(single_picks);
        // Single names among themselves: `Suleimani` and `Soleimani` alone.
        let singles: Vec<(usize, String)> = infos
            .iter()
            .filter(|i| person_like(i) && i.forms.iter().all(|f| name_parts(f).len() == 1))
            .map(|i| (i.root, name_parts(i.forms[0]).pop().unwrap_or_default()))
            .collect();
        // Keyed by first letter too: `parts_similar` requires the same first letter.
        let mut sblock: FxHashMap<(String, Option<char>), Vec<usize>> = FxHashMap::default();
        for (k, (_, w)) in singles.iter().enumerate() {
            sblock
                .entry((phonetic_key(w), w.chars().next()))
                .or_default()
                .push(k);
        }
        for v in sblock.values() {
            for (x, &a) in v.iter().enumerate() {
                for &b in &v[x + 1..] {
                    if singles[a]
                        .1
                        .chars()
                        .count()
                        .min(singles[b].1.chars().count())
                        >= 5
                        && parts_similar(&singles[a].1, &singles[b].1)
                    {
                        merges.push((singles[a].0, singles[b].0));
                    }
                }
            }
        }
        for &(a, b) in &merges {
            uf.union(a, b);
        }
    }
    // The merges' working sets are freed; their pages go back before the
    // entities, the largest allocation of resolution, are built.
    crate::memory::release_free_memory();
    // Build entities.
    let cl = Clusters::new(uf.into_roots());
    // Clusters become entities independently: in parallel.
    let build = |members: &[u32]| -> Option<(Entity, Vec<Span>)> {
        let (mut kind, best) = kind_of(members);
        let surfaces = || members.iter().map(|&i| form(items[i as usize].surface));
        // A bare word repeated with no clue and no full name to join: people are
        // introduced by full names, titles or speech verbs, so it names an organisation.
        if best == Cue::Unknown
            && kind == EntityKind::Person
            && surfaces().all(|s| !s.contains(' ') && !s.contains('-'))
            && surfaces().all(|s| s.chars().next().is_some_and(char::is_uppercase))
        {
            kind = EntityKind::Organization;
        }
        if best >= Cue::Unknown {
            // Nothing but uncertain mentions: kept when repeated and not a stray plural acronym.
            let plural_acr = surfaces().all(|f| is_acronym(f) && f.ends_with('s'));
            // `the Company`, `the Board`: ordinary words however often repeated.
            let ordinary = surfaces().all(|f| {
                let k = name_key(f);
                !k.contains(' ') && gaz.is_common(&k)
            });
            if members.len() < 2 || plural_acr || ordinary || best == Cue::Maybe {
                return None;
            }
        }
        let mut alias_counts: FxHashMap<u32, u32> = FxHashMap::default();
        let mut values: FxHashMap<u32, u32> = FxHashMap::default();
        let mut mentions_out: Vec<Span> = Vec::with_capacity(members.len());
        let mut inferred = true;
        for &i in members {
            let it = &items[i as usize];
            *alias_counts.entry(it.surface).or_default() += 1;
            let [core, value] = extras.get(it.extra);
            if core != NONE {
                *alias_counts.entry(core).or_default() += 1;
            }
            mentions_out.push(Span {
                para: it.para,
                start: it.start,
                end: it.end(),
            });
            inferred &= it.inferred();
            if value != NONE {
                *values.entry(value).or_default() += 1;
            }
        }
        mentions_out.sort_by_key(|o| (o.para, o.start, o.end));
        let mut aliases: Vec<(String, u32)> = alias_counts
            .iter()
            .map(|(&id, &count)| (form(id).to_owned(), count))
            .collect();
        aliases.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        let canonical = canonical_name(kind, &aliases);
        let value = values
            .iter()
            .map(|(&id, &count)| (form(id), count))
            .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(a.0)))
            .map(|v| v.0.to_owned());
        let entity = Entity {
            canonical,
            kind,
            aliases,
            value,
            inferred: inferred && matches!(kind, EntityKind::Date),
            mentions: Default::default(),
        };
        Some((entity, mentions_out))
    };
    let groups: Vec<&[u32]> = cl.iter().map(|(_, members)| members).collect();
    let mut entities: Vec<(Entity, Vec<Span>)> = groups.into_par_iter().filter_map(build).collect();
    drop(cl);
    // The first mention breaks ties, so the order never depends on hashing.
    entities.sort_by(|(a, am), (b, bm)| {
        a.kind
            .cmp(&b.kind)
            .then_with(|| bm.len().cmp(&am.len()))
            .then_with(|| a.canonical.cmp(&b.canonical))
            .then_with(|| {
                let first = |m: &[Span]| m.first().map(|o| (o.para, o.start));
                first(am).cmp(&first(bm))
            })
    });
    entities
}

/// Mentions grouped by union-find root: roots ascending, members ascending.
struct Clusters {
    roots: Vec<usize>,
    /// `members[starts[k]..starts[k + 1]]` belong to `roots[k]`.
    starts: Vec<usize>,
    members: Vec<u32>,
}

impl Clusters {
    /// From each mention's root. One array counts each root's members and then
    /// becomes its next free slot, so a million mentions take three arrays, not four.
    fn new(root_of: Vec<u32>) -> Self {
        let mut next = vec![0u32; root_of.len()];
        for &r in &root_of {
            next[r as usize] += 1;
        }
        let mut roots = Vec::new();
        let mut starts = Vec::new();
        let mut total = 0;
        for (r, slot) in next.iter_mut().enumerate() {
            let size = *slot;
            if size > 0 {
                roots.push(r);
                starts.push(total);
                *slot = total as u32;
                total += size as usize;
            }
        }
        starts.push(total);
        let mut members = vec![0u32; total];
        for (i, &r) in root_of.iter().enumerate() {
            members[next[r as usize] as usize] = i as u32;
            next[r as usize] += 1;
        }
        Clusters {
            roots,
            starts,
            members,
        }
    }

    fn iter(&self) -> impl Iterator<Item = (usize, &[u32])> {
        self.roots
            .iter()
            .enumerate()
            .map(|(k, &root)| (root, &self.members[self.starts[k]..self.starts[k + 1]]))
    }
}

/// Reader comments write known surnames in lower case (`trump`, `W bush`): such words
/// are mentions when the corpus names the person properly elsewhere.
fn add_lowercase_surnames(
    docs: &[Document],
    places: &Places,
    items: &mut Vec<Item>,
    forms: &mut Forms,
) {
    let gaz = gazetteer();
    let mut surnames: FxHashSet<String> = FxHashSet::default();
    let mut seen: FxHashSet<u32> = FxHashSet::default();
    for it in items.iter() {
        if it.kind != EntityKind::Person || it.cue > Cue::Weak || !seen.insert(it.surface) {
            continue;
        }
        let parts = forms.parts(it.surface);
        let last = match parts.len() {
            1 if it.cue == Cue::Strong => parts[0],
            2.. => parts[parts.len() - 1],
            _ => continue,
        };
        let last = forms.str(last);
        if last.len() >= 4 && last.chars().all(|c| c.is_ascii_lowercase()) && !gaz.is_common(last) {
            surnames.insert(last.to_owned());
        }
    }
    if surnames.is_empty() {
        return;
    }
    let mut hint = 0;
    let mut is_comment = |global: u32| {
        let (d, p) = places.doc_para(global, &mut hint);
        docs[d as usize]
            .paragraphs
            .get(p as usize)
            .is_some_and(|p| p.kind == crate::corpus::ParaKind::Comment)
    };
    let mut spans: FxHashMap<u32, Vec<(u32, u32)>> = FxHashMap::default();
    for it in items.iter().filter(|it| is_comment(it.para)) {
        spans.entry(it.para).or_default().push((it.start, it.end()));
    }
    // Scanning every comment is the costly part: documents in parallel, the
    // hits (rare) interned in document order afterwards.
    let hits: Vec<(u32, u32, usize, usize)> = docs
        .par_iter()
        .enumerate()
        .flat_map_iter(|(d, doc)| {
            let mut found = Vec::new();
            for (pi, p) in doc.paragraphs.iter().enumerate() {
                if p.kind != crate::corpus::ParaKind::Comment {
                    continue;
                }
                let text = &p.text;
                let mut start = None;
                for (i, c) in text
                    .char_indices()
                    .chain(std::iter::once((text.len(), ' ')))
                {
                    if c.is_alphanumeric() {
                        start.get_or_insert(i);
                        continue;
                    }
                    let Some(s) = start.take() else { continue };
                    let word = &text[s..i];
                    if !surnames.contains(word) {
                        continue;
                    }
                    let global = places.global(d as u32, pi as u32);
                    let taken = spans.get(&global).is_some_and(|v| {
                        v.iter().any(|&(a, b)| (a as usize) < i && s < b as usize)
                    });
                    if taken {
                        continue;
                    }
                    // An initial before it belongs to the name (`W bush`).
                    let head = &text[..s];
                    let mut st = s;
                    let mut chars = head.chars().rev();
                    if chars.next() == Some(' ')
                        && chars.next().is_some_and(|c| c.is_ascii_uppercase())
                        && chars.next().is_none_or(|c| !c.is_alphanumeric())
                    {
                        st = s - 2;
                    }
                    found.push((d as u32, pi as u32, st, i));
                }
            }
            found
        })
        .collect();
    for (d, pi, st, i) in hits {
        let text = &docs[d as usize].paragraphs[pi as usize].text;
        let surface = forms.intern(&text[st..i]);
        forms.name_info(surface);
        items.extend(Item::new(
            places.global(d, pi),
            st..i,
            surface,
            NONE,
            EntityKind::Person,
            Cue::Unknown,
            false,
        ));
    }
}

fn capitalise(w: &str) -> String {
    let mut c = w.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// The most complete well-attested form: a gazetteer canonical name when the text uses
/// it; for people the form with most name parts; otherwise the most frequent form, longer
/// first on ties. Dates and figures: the most frequent form.
fn canonical_name(kind: EntityKind, aliases: &[(String, u32)]) -> String {
    let gaz = gazetteer();
    if kind.is_figure() {
        return aliases[0].0.clone();
    }
    for (a, _) in aliases {
        if let Some(c) = gaz.lookup(a) {
            let (name, _) = &gaz.canonicals[c as usize];
            if aliases.iter().any(|(x, _)| x == name) {
                return name.clone();
            }
        }
    }
    let proper = |s: &str| s.chars().next().is_some_and(char::is_uppercase);
    aliases
        .iter()
        .max_by(|a, b| {
            // People: most name parts; others: a multi-word name over a short form.
            let parts = |s: &str| {
                if kind == EntityKind::Person {
                    name_parts(s).len()
                } else {
                    usize::from(s.contains(' '))
                }
            };
            let (pa, pb) = (parts(&a.0), parts(&b.0));
            proper(&a.0)
                .cmp(&proper(&b.0))
                .then(pa.cmp(&pb))
                .then(a.1.cmp(&b.1))
                .then(a.0.len().cmp(&b.0.len()))
                .then(b.0.cmp(&a.0))
        })
        .map(|a| a.0.clone())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(texts: &[&str]) -> EntityTable {
        let docs: Vec<Document> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let name = format!("{i}.txt");
                Document::from_text(name.clone().into(), name, (*t).to_owned(), Vec::new())
            })
            .collect();
        let tagger = crate::entities::Tagger::new();
        let mentions: Vec<Vec<Mention>> = docs.iter().map(|d| tagger.tag_document(d)).collect();
        resolve(&docs, &mentions)
    }

    #[test]
    fn places_number_paragraphs_across_documents_with_empty_ones() {
        // Paragraph counts 2, 0, 3, 0.
        let places = Places {
            doc_starts: &[0, 2, 2, 5],
        };
        let expect = [(0, 0), (0, 1), (2, 0), (2, 1), (2, 2)];
        for (global, &(doc, para)) in expect.iter().enumerate() {
            assert_eq!(places.global(doc, para), global as u32);
            for start in 0..5 {
                let mut hint = start;
                assert_eq!(places.doc_para(global as u32, &mut hint), (doc, para));
                assert_eq!(hint as u32, doc);
            }
        }
    }

    #[test]
    fn items_keep_their_span_flag_and_extras() {
        let mut extras = Extras::default();
        let mut item = |range, inferred, core, value| {
            let extra = extras.add(core, value);
            Item::new(7, range, 1, extra, EntityKind::Date, Cue::Strong, inferred)
        };
        let a = item(10..20, true, 3, 4).unwrap();
        assert_eq!((a.para, a.start, a.end(), a.inferred()), (7, 10, 20, true));
        let b = item(0..MAX_MENTION_BYTES, false, NONE, NONE).unwrap();
        assert_eq!((b.end() as usize, b.inferred()), (MAX_MENTION_BYTES, false));
        assert!(item(0..MAX_MENTION_BYTES + 1, false, NONE, NONE).is_none());
        let c = item(0..4, false, 5, NONE).unwrap();
        // Only mentions with a bare form or a value take room aside.
        assert_eq!(b.extra, NONE);
        assert_eq!(extras.0.len(), 2);
        assert_eq!(extras.get(a.extra), [3, 4]);
        assert_eq!(extras.get(c.extra), [5, NONE]);
        assert_eq!(
            (a.basis(&extras), b.basis(&extras), c.basis(&extras)),
            (4, 1, 1)
        );
    }

    proptest::proptest! {
        #[test]
        fn clusters_group_every_element_under_its_root(
            n in 1usize..60,
            unions in proptest::collection::vec((0usize..60, 0usize..60), 0..80),
        ) {
            let mut uf = Uf::new(n);
            for &(a, b) in &unions {
                uf.union(a % n, b % n);
            }
            // Finding compresses paths: the pass gets the array as unions left it.
            let as_left = Uf(uf.0.clone());
            let found: Vec<u32> = (0..n).map(|i| uf.find(i) as u32).collect();
            let by_find = Clusters::new(found.clone());
            let by_pass = Clusters::new(as_left.into_roots());
            proptest::prop_assert_eq!(&by_find.members, &by_pass.members);
            proptest::prop_assert_eq!(&by_find.roots, &by_pass.roots);
            let mut seen = 0;
            for (root, members) in by_pass.iter() {
                proptest::prop_assert!(members.windows(2).all(|w| w[0] < w[1]));
                proptest::prop_assert_eq!(members[0] as usize, root);
                for &m in members {
                    proptest::prop_assert_eq!(found[m as usize] as usize, root);
                }
                seen += members.len();
            }
            proptest::prop_assert_eq!(seen, n);
        }
    }

    #[test]
    fn a_sentence_initial_common_word_names_someone_only_where_they_are_named() {
        let t = table(&[
            "Samantha Power spoke in Geneva on Monday.\n\nPower said the talks would go on.",
            "Power is what the talks were about.\n\nPower shifted again after the vote.",
        ]);
        let power = t
            .entities
            .iter()
            .find(|e| e.aliases.iter().any(|(a, _)| a == "Samantha Power"))
            .expect("Samantha Power");
        let docs: Vec<u32> = power.mentions.iter().map(|m| m.doc).collect();
        assert_eq!(docs, [0, 0], "{:?}", power.aliases);
        assert!(
            t.entities
                .iter()
                .all(|e| e.mentions.iter().all(|m| m.doc == 0)),
            "a bare `Power` in document 1 became an entity"
        );
    }

    #[test]
    fn variants() {
        assert!(parts_similar("qassem", "qasem"));
        assert!(parts_similar("qassem", "qassim"));
        assert!(parts_similar("soleimani", "suleimani"));
        assert!(parts_similar("adel", "adil"));
        assert!(!parts_similar("maliki", "mahdi"));
        assert_eq!(name_parts("Bashar Al Assad"), name_parts("Bashar al-Assad"));
        assert_eq!(phonetic_key("soleimani"), phonetic_key("suleimani"));
    }
}
