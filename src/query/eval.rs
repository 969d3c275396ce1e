//! Query evaluation: expand terms against the vocabulary, gather candidate
//! paragraphs from postings (never scanning text), intersect, exclude, rank.

use std::collections::{HashMap, HashSet};

use super::parse::{Clause as QueryClause, Query};
use crate::corpus::ParaKind;
use crate::index::{Bm25, Expansion, Index, MatchQuality};

/// A hit on a title or file name lifts its document above all text-only hits.
const TITLE_BOOST: f32 = 1000.0;
/// Weight of an entity's other spellings when a plain term names the entity.
const ALIAS_WEIGHT: f32 = 0.8;

/// One matching paragraph.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Hit {
    /// Global paragraph id.
    pub para: u32,
    pub score: f32,
}

/// A document's share of the hits.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DocHits {
    pub doc: u32,
    pub count: u32,
    pub best: f32,
    /// The global id of its best-scoring paragraph.
    pub best_para: u32,
}

/// Everything a front end needs to show a query's results.
#[derive(Debug, Clone, Default)]
pub struct SearchResults {
    /// All hits in paragraph order (for moving between hits inside a document).
    pub by_para: Vec<Hit>,
    /// The best hits by score (ties in document order), at most the requested limit.
    pub ranked: Vec<Hit>,
    /// Documents with hits, best first.
    pub docs: Vec<DocHits>,
    /// Vocabulary terms that matched, for highlighting.
    pub terms: HashSet<u32>,
    /// Phrases (as term ids) to highlight.
    pub phrases: Vec<Vec<u32>>,
    /// Entities whose mentions count as matches.
    pub entities: Vec<usize>,
    /// Query words that matched nothing in the vocabulary (shown to the user).
    pub unknown: Vec<String>,
}

impl SearchResults {
    pub fn total(&self) -> usize {
        self.by_para.len()
    }

    /// The hits inside one document's paragraph range, in paragraph order.
    pub fn hits_in(&self, range: std::ops::Range<u32>) -> &[Hit] {
        let start = self.by_para.partition_point(|h| h.para < range.start);
        let end = self.by_para.partition_point(|h| h.para < range.end);
        &self.by_para[start..end]
    }
}

/// State kept between keystrokes: term expansions (the same words are expanded
/// again on every keystroke) and dense scratch arrays sized to the corpus, so a
/// query touches only the postings it needs and never allocates per paragraph.
#[derive(Debug, Default)]
pub struct ExpansionCache {
    terms: HashMap<String, Vec<Expansion>>,
    /// Sum of clause scores per paragraph.
    scores: Vec<f32>,
    /// Clauses matched so far per paragraph; `EXCLUDED` marks exclusions.
    matched: Vec<u8>,
    /// Best score of the current clause per paragraph.
    clause: Vec<f32>,
    /// Threads for every dense clause, whatever its size (tests of the split).
    force_threads: Option<usize>,
}

const EXCLUDED: u8 = u8::MAX;

impl ExpansionCache {
    fn expand(&mut self, index: &Index, term: &str) -> Vec<Expansion> {
        if let Some(cached) = self.terms.get(term) {
            return cached.clone();
        }
        if self.terms.len() > 4096 {
            self.terms.clear();
        }
        let expansions = index.vocab.expand(term, |id| index.postings(id).doc_freq());
        self.terms.insert(term.to_owned(), expansions.clone());
        expansions
    }

    /// Sizes the dense arrays to the corpus, once per index.
    pub fn scratch(&mut self, paragraphs: usize) {
        if self.scores.len() != paragraphs {
            // Written out, not `vec![0; n]`: zeroed allocations are mapped lazily,
            // and the page faults would land on the user's first keystroke.
            self.scores = filled(paragraphs, 0.0);
            self.matched = filled(paragraphs, 0);
            self.clause = filled(paragraphs, 0.0);
        }
    }
}

fn filled<T: Copy>(len: usize, value: T) -> Vec<T> {
    let mut v = Vec::with_capacity(len);
    v.resize(len, value);
    v
}

/// Evaluates a query; `limit` bounds `ranked` (all hits are still counted).
pub fn search(index: &Index, query: &Query, limit: usize) -> SearchResults {
    search_with_cache(index, query, limit, &mut ExpansionCache::default())
}

/// Sorted (paragraph, score) pairs.
type Scored = Vec<(u32, f32)>;

/// One clause ready to evaluate: weighted posting sources.
enum Source {
    /// A term's postings, scored by BM25 times the expansion's weight.
    Term { term: u32, weight: f32 },
    /// The paragraphs mentioning an entity, scored as one occurrence of a term with
    /// the entity's paragraph count as document frequency.
    Entity { id: usize, weight: f32 },
    /// Paragraphs given with their scores (phrases).
    Scored(Scored),
}

struct Clause {
    sources: Vec<Source>,
    /// Upper bound of the paragraphs it can touch, to order clauses cheapest first.
    size: usize,
}

pub fn search_with_cache(
    index: &Index,
    query: &Query,
    limit: usize,
    cache: &mut ExpansionCache,
) -> SearchResults {
    let mut results = SearchResults::default();
    // Sized (and paged in) even for an empty query, which serves as a warm-up.
    cache.scratch(index.para_count());
    if query.is_empty() || index.para_count() == 0 {
        return results;
    }
    let bm25 = index.bm25();
    let mut clauses: Vec<Clause> = Vec::new();
    let mut title_docs: Option<HashSet<u32>> = None;

    for clause in &query.clauses {
        match clause {
            QueryClause::Term(term) => {
                let expansions = cache.expand(index, term);
                if expansions.is_empty() {
                    results.unknown.push(term.clone());
                }
                let mut sources = Vec::with_capacity(expansions.len() + 1);
                let mut size = 0;
                for e in &expansions {
                    results.terms.insert(e.term);
                    size += index.postings(e.term).doc_freq() as usize;
                    sources.push(Source::Term {
                        term: e.term,
                        weight: e.weight,
                    });
                }
                for entity in alias_entities(index, term, &expansions) {
                    results.entities.push(entity);
                    size += index.entity_paras(entity).len();
                    sources.push(Source::Entity {
                        id: entity,
                        weight: ALIAS_WEIGHT,
                    });
                }
                clauses.push(Clause { sources, size });
                // Titles and file names answer whole words or deliberate prefixes;
                // a one- or two-letter prefix would lift nearly every document.
                let title_terms = if term.chars().count() >= 3 {
                    expansions.as_slice()
                } else {
                    &[]
                };
                let docs: HashSet<u32> = title_terms
                    .iter()
                    .filter(|e| e.quality != MatchQuality::Fuzzy)
                    .flat_map(|e| index.field_docs(e.term).iter().copied())
                    .collect();
                title_docs = Some(match title_docs {
                    None => docs,
                    Some(prev) => prev.intersection(&docs).copied().collect(),
                });
            }
            QueryClause::Phrase(terms) => {
                let ids: Option<Vec<u32>> = terms.iter().map(|t| index.vocab.id(t)).collect();
                let scored = match ids {
                    Some(ids) => {
                        results.terms.extend(ids.iter().copied());
                        let scored = phrase_matches(index, &ids, 1.2);
                        results.phrases.push(ids);
                        scored
                    }
                    None => {
                        results.unknown.push(terms.join(" "));
                        Vec::new()
                    }
                };
                clauses.push(Clause {
                    size: scored.len(),
                    sources: vec![Source::Scored(scored)],
                });
            }
            QueryClause::Entity(name) => match index.entities.find(name).first() {
                Some(&(id, _)) => {
                    results.entities.push(id);
                    let size = index.entity_paras(id).len();
                    clauses.push(Clause {
                        size,
                        sources: vec![Source::Entity { id, weight: 1.0 }],
                    });
                }
                None => {
                    results.unknown.push(format!("@{name}"));
                    clauses.push(Clause {
                        size: 0,
                        sources: Vec::new(),
                    });
                }
            },
            QueryClause::Exclude(_) => {}
        }
    }

    let excluded = mark_excluded(index, query, cache);
    let mut hits = if clauses.is_empty() {
        // Only exclusions: everything else matches.
        (0..index.para_count() as u32)
            .filter(|&p| cache.matched[p as usize] != EXCLUDED)
            .map(|p| (p, 0.0))
            .collect()
    } else {
        intersect(index, &bm25, &mut clauses, cache)
    };
    for &p in &excluded {
        cache.matched[p as usize] = 0;
    }

    for (para, score) in hits.iter_mut() {
        *score *= kind_weight(index.para_kind(*para));
    }
    if let Some(docs) = title_docs.filter(|d| !d.is_empty()) {
        let excluded: HashSet<u32> = excluded.into_iter().collect();
        add_title_hits(index, &docs, &excluded, &mut hits);
    }

    // Moved, not copied: with the same layout the vector is reused in place
    // (a million-paragraph keystroke can have 600k hits).
    results.by_para = hits
        .into_iter()
        .map(|(para, score)| Hit { para, score })
        .collect();
    results.docs = doc_hits(index, &results.by_para);
    results.ranked = top_k(&results.by_para, limit);
    results
}

/// Marks excluded paragraphs in the scratch array; returns them for the reset.
fn mark_excluded(index: &Index, query: &Query, cache: &mut ExpansionCache) -> Vec<u32> {
    let mut out = Vec::new();
    for clause in &query.clauses {
        let QueryClause::Exclude(terms) = clause else {
            continue;
        };
        let ids: Option<Vec<u32>> = terms.iter().map(|t| index.vocab.id(t)).collect();
        let Some(ids) = ids else { continue };
        if let [one] = ids.as_slice() {
            out.extend(index.postings(*one).paras());
        } else {
            out.extend(phrase_matches(index, &ids, 1.0).into_iter().map(|(p, _)| p));
        }
    }
    for &p in &out {
        cache.matched[p as usize] = EXCLUDED;
    }
    out
}

/// One clause's round: the best score per paragraph among those that matched
/// every earlier clause, and which paragraphs it touched.
struct Offers<'a> {
    round: u8,
    matched: &'a [u8],
    best: &'a mut [f32],
    touched: Vec<u32>,
}

impl Offers<'_> {
    /// Scores `p` (lazily: only paragraphs still in the running are scored).
    fn offer(&mut self, p: u32, score: impl FnOnce() -> f32) {
        if self.matched[p as usize] != self.round {
            return;
        }
        let slot = &mut self.best[p as usize];
        if *slot == 0.0 {
            self.touched.push(p);
        }
        // Scores are positive; the floor keeps "touched" exact.
        *slot = slot.max(score().max(f32::MIN_POSITIVE));
    }
}

/// Paragraphs matching every clause, scores summed (best source per clause),
/// in paragraph order. Clauses run cheapest first; once few candidates remain,
/// later clauses probe their postings instead of walking them.
fn intersect(
    index: &Index,
    bm25: &Bm25,
    clauses: &mut [Clause],
    cache: &mut ExpansionCache,
) -> Scored {
    if let [only] = clauses {
        return single_clause(index, bm25, only, cache);
    }
    clauses.sort_by_key(|c| c.size);
    let mut candidates: Vec<u32> = Vec::new();
    for (i, clause) in clauses.iter().enumerate() {
        let round = i as u8;
        let probe = i > 0 && candidates.len() * 16 < clause.size;
        let mut offers = Offers {
            round,
            matched: &cache.matched,
            best: &mut cache.clause,
            touched: Vec::new(),
        };
        for source in &clause.sources {
            match source {
                Source::Term { term, weight } => {
                    let list = index.postings(*term);
                    let idf = bm25.idf(list.doc_freq());
                    // Entries are scored mostly in ascending order: one cursor
                    // reads them, skipping forward instead of seeking each one.
                    let mut freqs = list.cursor();
                    let mut score = |k: usize, p: u32| {
                        weight * bm25.score(idf, freqs.term_freq_at(k), index.para_len(p))
                    };
                    if probe {
                        for &p in &candidates {
                            if let Some(k) = list.find(p) {
                                offers.offer(p, || score(k, p));
                            }
                        }
                    } else {
                        for (k, p) in list.paras().enumerate() {
                            offers.offer(p, || score(k, p));
                        }
                    }
                }
                Source::Entity { id, weight } => {
                    let paras = index.entity_paras(*id);
                    let idf = bm25.idf(paras.len() as u32);
                    let score = |p: u32| weight * bm25.score(idf, 1, index.para_len(p));
                    if probe {
                        for &p in candidates.iter().filter(|p| paras.binary_search(p).is_ok()) {
                            offers.offer(p, || score(p));
                        }
                    } else {
                        for &p in paras {
                            offers.offer(p, || score(p));
                        }
                    }
                }
                Source::Scored(scored) => {
                    for &(p, s) in scored {
                        offers.offer(p, || s);
                    }
                }
            }
        }
        let touched = offers.touched;
        for &p in &touched {
            let slot = &mut cache.clause[p as usize];
            cache.scores[p as usize] += slot.max(f32::MIN_POSITIVE);
            *slot = 0.0;
            cache.matched[p as usize] = round + 1;
        }
        // Paragraphs that matched earlier clauses but not this one are dropped.
        for &p in &candidates {
            if cache.matched[p as usize] != round + 1 {
                cache.scores[p as usize] = 0.0;
                cache.matched[p as usize] = 0;
            }
        }
        candidates = touched;
        if candidates.is_empty() {
            break;
        }
    }
    // Survivors in paragraph order: a sort when few, a scan of the dense array when many.
    let mut hits: Scored = Vec::with_capacity(candidates.len());
    if candidates.len() * 16 > index.para_count() {
        let done = clauses.len() as u8;
        for (p, &m) in cache.matched.iter().enumerate() {
            if m == done {
                hits.push((p as u32, cache.scores[p]));
            }
        }
    } else {
        candidates.sort_unstable();
        hits.extend(candidates.iter().map(|&p| (p, cache.scores[p as usize])));
    }
    for &p in &candidates {
        cache.scores[p as usize] = 0.0;
        cache.matched[p as usize] = 0;
    }
    hits
}

/// Clauses that can touch this many paragraphs are gathered by several threads,
/// each over its own range of paragraphs.
const PARALLEL_SIZE: usize = 100_000;
/// Threads for such clauses, asked of the OS once (it reads cgroup files), not per
/// keystroke.
static QUERY_THREADS: std::sync::LazyLock<usize> =
    std::sync::LazyLock::new(|| std::thread::available_parallelism().map_or(1, |n| n.get().min(4)));

/// The common case (one word typed): the best source score per paragraph, gathered
/// straight into the dense score array with no rounds to track. When the clause can
/// touch a large share of the corpus, branch-free scans of the array collect the
/// hits in paragraph order; otherwise the touched paragraphs are sorted.
fn single_clause(
    index: &Index,
    bm25: &Bm25,
    clause: &Clause,
    cache: &mut ExpansionCache,
) -> Scored {
    let paragraphs = index.para_count();
    if clause.size * 16 <= paragraphs {
        return sparse_clause(index, bm25, clause, cache);
    }
    let threads = match cache.force_threads {
        Some(n) => n.max(1),
        None if clause.size >= PARALLEL_SIZE => *QUERY_THREADS,
        None => 1,
    };
    let chunk = paragraphs.div_ceil(threads).max(1);
    let mut pieces = cache
        .scores
        .chunks_mut(chunk)
        .zip(cache.matched.chunks(chunk))
        .enumerate()
        .map(|(c, (scores, matched))| {
            let first = (c * chunk) as u32;
            move || gather_dense(index, bm25, clause, first, scores, matched)
        });
    // Scoped threads, not the indexing pool: a query must not wait behind indexing.
    let first_piece = pieces.next();
    std::thread::scope(|scope| {
        let others: Vec<_> = pieces.map(|piece| scope.spawn(piece)).collect();
        let first = first_piece.map(|mut piece| piece()).unwrap_or_default();
        let pieces: Vec<Scored> = std::iter::once(first)
            .chain(others.into_iter().map(|o| o.join().expect("query thread")))
            .collect();
        // One allocation of the final size, not one growth per piece.
        pieces.concat()
    })
}

/// One thread's share of a dense clause: paragraphs `first..first + scores.len()`.
fn gather_dense(
    index: &Index,
    bm25: &Bm25,
    clause: &Clause,
    first: u32,
    scores: &mut [f32],
    matched: &[u8],
) -> Scored {
    let end = first + scores.len() as u32;
    let mut offer = |p: u32, score: f32| {
        let i = (p - first) as usize;
        if matched[i] != EXCLUDED {
            // Scores are positive; the floor marks the paragraph as a hit.
            scores[i] = scores[i].max(score.max(f32::MIN_POSITIVE));
        }
    };
    for source in &clause.sources {
        scored_in(index, bm25, source, first..end, &mut offer);
    }
    // Counted first (a vectorised pass), so that the hits take exactly their
    // room: a bound from the clause's size can be several times it, and every
    // page of it would be written. Then every slot is written, the scored kept.
    let count = scores.iter().filter(|&&s| s > 0.0).count();
    let mut hits: Scored = vec![(0, 0.0); count + 1];
    let mut len = 0;
    for (i, slot) in scores.iter_mut().enumerate() {
        hits[len] = (first + i as u32, *slot);
        len += usize::from(*slot > 0.0);
        *slot = 0.0;
    }
    hits.truncate(len);
    hits
}

/// A one-clause query touching few paragraphs: gathered with a list of those
/// touched, which is sorted at the end.
fn sparse_clause(
    index: &Index,
    bm25: &Bm25,
    clause: &Clause,
    cache: &mut ExpansionCache,
) -> Scored {
    let scores = &mut cache.scores;
    let matched = &cache.matched;
    let mut touched: Vec<u32> = Vec::new();
    let mut offer = |p: u32, score: f32| {
        if matched[p as usize] == EXCLUDED {
            return;
        }
        let slot = &mut scores[p as usize];
        if *slot == 0.0 {
            touched.push(p);
        }
        // Scores are positive; the floor keeps "touched" exact.
        *slot = slot.max(score.max(f32::MIN_POSITIVE));
    };
    for source in &clause.sources {
        scored_in(
            index,
            bm25,
            source,
            0..index.para_count() as u32,
            &mut offer,
        );
    }
    touched.sort_unstable();
    touched
        .into_iter()
        .map(|p| (p, std::mem::take(&mut scores[p as usize])))
        .collect()
}

/// Every paragraph in `paras` that a source finds, in order, with its score.
fn scored_in(
    index: &Index,
    bm25: &Bm25,
    source: &Source,
    paras: std::ops::Range<u32>,
    mut offer: impl FnMut(u32, f32),
) {
    match source {
        Source::Term { term, weight } => {
            let list = index.postings(*term);
            let idf = bm25.idf(list.doc_freq());
            for (p, tf) in list.iter_term_freqs_in(list.entries_in(paras)) {
                offer(p, weight * bm25.score(idf, tf, index.para_len(p)));
            }
        }
        Source::Entity { id, weight } => {
            let found = index.entity_paras(*id);
            let idf = bm25.idf(found.len() as u32);
            let start = found.partition_point(|&p| p < paras.start);
            for &p in found[start..].iter().take_while(|&&p| p < paras.end) {
                offer(p, weight * bm25.score(idf, 1, index.para_len(p)));
            }
        }
        Source::Scored(scored) => {
            let start = scored.partition_point(|&(p, _)| p < paras.start);
            for &(p, s) in scored[start..].iter().take_while(|&&(p, _)| p < paras.end) {
                offer(p, s);
            }
        }
    }
}

/// A plain term that is an alias of a named entity also finds its other spellings.
fn alias_entities(index: &Index, term: &str, expansions: &[Expansion]) -> Vec<usize> {
    if term.chars().count() < 3 || !expansions.iter().any(|e| e.quality == MatchQuality::Exact) {
        return Vec::new();
    }
    index
        .entities
        .find(term)
        .into_iter()
        .take_while(|&(_, score)| score >= 0.99)
        .filter(|&(id, _)| {
            let entity = &index.entities.entities[id];
            !entity.kind.is_figure() && adds_spellings(index, entity, expansions)
        })
        .map(|(id, _)| id)
        .take(3)
        .collect()
}

/// True when some alias of the entity is spelt with words the term's expansions
/// do not already find: only then are its mentions worth adding (`Soleimani` →
/// "Suleimani"; not `Iran` → "Iran").
fn adds_spellings(
    index: &Index,
    entity: &crate::entities::Entity,
    expansions: &[Expansion],
) -> bool {
    entity.aliases.iter().any(|(alias, _)| {
        let mut other = false;
        crate::text::tokens(alias, |span| {
            let term = crate::text::fold(&alias[span]);
            let covered = index
                .vocab
                .id(&term)
                .is_some_and(|id| expansions.iter().any(|e| e.term == id));
            other |= !covered;
        });
        other
    })
}

fn kind_weight(kind: ParaKind) -> f32 {
    match kind {
        ParaKind::Heading => 1.2,
        ParaKind::Body | ParaKind::Byline => 1.0,
        ParaKind::Comment => 0.7,
        ParaKind::Boilerplate => 0.4,
    }
}

/// Paragraphs where the terms occur consecutively, scored as the sum of their BM25.
fn phrase_matches(index: &Index, ids: &[u32], weight: f32) -> Scored {
    let bm25 = index.bm25();
    let Some((rarest, _)) = ids
        .iter()
        .enumerate()
        .min_by_key(|(_, id)| index.postings(**id).doc_freq())
    else {
        return Vec::new();
    };
    let idfs: Vec<f32> = ids
        .iter()
        .map(|&id| bm25.idf(index.postings(id).doc_freq()))
        .collect();
    let anchor = index.postings(ids[rarest]);
    // Paragraphs are visited in ascending order: one cursor per list reads them.
    let mut cursors: Vec<_> = ids.iter().map(|&id| index.postings(id).cursor()).collect();
    let mut out = Vec::new();
    'para: for para in anchor.paras() {
        let mut positions = Vec::with_capacity(ids.len());
        for (&id, cursor) in ids.iter().zip(&mut cursors) {
            match index.postings(id).find(para) {
                Some(k) => positions.push(cursor.positions_at(k)),
                None => continue 'para,
            }
        }
        let starts = positions[rarest]
            .iter()
            .filter_map(|&p| p.checked_sub(rarest as u32));
        let count = starts
            .filter(|&start| {
                positions
                    .iter()
                    .enumerate()
                    .all(|(offset, list)| list.binary_search(&(start + offset as u32)).is_ok())
            })
            .count() as u32;
        if count > 0 {
            let len = index.para_len(para);
            let score: f32 = idfs.iter().map(|&idf| bm25.score(idf, count, len)).sum();
            out.push((para, weight * score));
        }
    }
    out
}

/// Lifts documents whose title or file name matches; a document with no text hit
/// gets one on its title paragraph so it is listed.
fn add_title_hits(index: &Index, docs: &HashSet<u32>, excluded: &HashSet<u32>, hits: &mut Scored) {
    let mut missing = Vec::new();
    let mut docs: Vec<u32> = docs.iter().copied().collect();
    docs.sort_unstable();
    // Documents ascending, hits in paragraph order: one forward walk finds each
    // document's hits (binary searches would miss the cache on every step).
    let mut start = 0;
    for doc in docs {
        let range = index.doc_paras(doc);
        start += hits[start..]
            .iter()
            .take_while(|h| h.0 < range.start)
            .count();
        let end = start + hits[start..].iter().take_while(|h| h.0 < range.end).count();
        if start == end {
            let paras = &index.docs[doc as usize].paragraphs;
            let title = paras
                .iter()
                .position(|p| p.kind == ParaKind::Heading)
                .unwrap_or(0) as u32;
            let global = range.start + title;
            if range.start < range.end && !excluded.contains(&global) {
                missing.push((global, TITLE_BOOST));
            }
        }
        for hit in &mut hits[start..end] {
            hit.1 += TITLE_BOOST;
        }
    }
    if !missing.is_empty() {
        // Merged, not re-sorted: the hits can be half the corpus, the titles few.
        missing.sort_unstable_by_key(|h| h.0);
        let text_hits = std::mem::take(hits);
        hits.reserve(text_hits.len() + missing.len());
        let mut titles = missing.into_iter().peekable();
        for hit in text_hits {
            while let Some(title) = titles.next_if(|t| t.0 < hit.0) {
                hits.push(title);
            }
            hits.push(hit);
        }
        hits.extend(titles);
    }
}

fn doc_hits(index: &Index, hits: &[Hit]) -> Vec<DocHits> {
    let mut out: Vec<DocHits> = Vec::new();
    let mut rest = hits;
    let mut hint = 0;
    // One document's hits at a time, its tallies in locals: a million-paragraph
    // keystroke can have 600k hits in 28,000 documents.
    while let Some(first) = rest.first() {
        let doc = index.para_ref_near(first.para, &mut hint).doc;
        let doc_end = index.doc_paras(doc).end;
        let mut tally = DocHits {
            doc,
            count: 1,
            best: first.score,
            best_para: first.para,
        };
        for hit in rest[1..].iter().take_while(|h| h.para < doc_end) {
            tally.count += 1;
            if hit.score > tally.best {
                tally.best = hit.score;
                tally.best_para = hit.para;
            }
        }
        rest = &rest[tally.count as usize..];
        out.push(tally);
    }
    out.sort_unstable_by_key(|d| best_first(d.best, d.doc));
    out
}

/// A sort key ordering by score, highest first, then by `id`: one integer compare.
fn best_first(score: f32, id: u32) -> u64 {
    // `f32::total_cmp`'s mapping of floats to ordered integers, then reversed.
    let bits = score.to_bits() as i32;
    let ordered = (bits ^ (((bits >> 31) as u32) >> 1) as i32) as u32 ^ 0x8000_0000;
    (u64::from(!ordered) << 32) | u64::from(id)
}

/// The `k` best hits, by score then document order, without sorting them all.
fn top_k(hits: &[Hit], k: usize) -> Vec<Hit> {
    let order = |a: &Hit, b: &Hit| b.score.total_cmp(&a.score).then(a.para.cmp(&b.para));
    if k == 0 {
        return Vec::new();
    }
    // A bounded buffer: keep the best 2k, cut back to k when full. Linear in the
    // hits, with no copy of them all.
    let mut top: Vec<Hit> = Vec::with_capacity(2 * k + 1);
    let mut floor: Option<Hit> = None;
    for &hit in hits {
        if floor.is_some_and(|f| order(&hit, &f) != std::cmp::Ordering::Less) {
            continue; // not better than the k-th best so far
        }
        top.push(hit);
        if top.len() == 2 * k {
            top.select_nth_unstable_by(k - 1, order);
            top.truncate(k);
            floor = top.iter().copied().max_by(order);
        }
    }
    top.sort_unstable_by(order);
    top.truncate(k);
    top
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_gathering_equals_one_thread() {
        let index = crate::index::build(crate::corpus::load_seeds());
        for query in [
            "iran",
            "s",
            "the",
            "@soleimani",
            "\"proxy war\"",
            "iraq -syria",
            "a -the",
        ] {
            let query = Query::parse(query);
            let one = search(&index, &query, 50);
            for threads in [2, 3, 7] {
                let mut cache = ExpansionCache {
                    force_threads: Some(threads),
                    ..ExpansionCache::default()
                };
                let split = search_with_cache(&index, &query, 50, &mut cache);
                assert!(!one.by_para.is_empty(), "{query:?} finds something");
                assert_eq!(split.by_para, one.by_para, "{query:?} on {threads} threads");
                assert_eq!(split.ranked, one.ranked);
                assert_eq!(split.docs, one.docs);
            }
        }
    }

    #[test]
    fn best_first_orders_like_total_cmp() {
        let scores = [
            -3.5f32,
            -0.0,
            0.0,
            1e-30,
            0.5,
            2.0,
            1000.0,
            f32::MIN_POSITIVE,
        ];
        for &a in &scores {
            for &b in &scores {
                for (x, y) in [(1, 2), (2, 1), (1, 1)] {
                    let expected = b.total_cmp(&a).then(x.cmp(&y));
                    assert_eq!(best_first(a, x).cmp(&best_first(b, y)), expected, "{a} {b}");
                }
            }
        }
    }

    #[test]
    fn top_k_equals_a_full_sort() {
        let mut rng = fastrand::Rng::with_seed(3);
        for k in [0, 1, 2, 5, 50, 300] {
            let hits: Vec<Hit> = (0..1000)
                .map(|p| Hit {
                    para: p,
                    score: (rng.u32(..40)) as f32,
                })
                .collect();
            let mut sorted = hits.clone();
            sorted.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.para.cmp(&b.para)));
            sorted.truncate(k);
            assert_eq!(top_k(&hits, k), sorted, "k = {k}");
        }
    }
}
