//! Query evaluation: expand terms against the vocabulary, gather candidate
//! paragraphs from postings (never scanning text), intersect, exclude, rank.

use std::collections::{HashMap, HashSet};

use super::parse::{Clause, Query};
use crate::corpus::ParaKind;
use crate::entities::EntityKind;
use crate::index::{Expansion, Index, MatchQuality};

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

/// Remembered term expansions: while typing, the same words are expanded again on
/// every keystroke.
#[derive(Debug, Default)]
pub struct ExpansionCache {
    terms: HashMap<String, Vec<Expansion>>,
}

impl ExpansionCache {
    fn expand(&mut self, index: &Index, term: &str) -> &[Expansion] {
        if !self.terms.contains_key(term) {
            if self.terms.len() > 4096 {
                self.terms.clear();
            }
            let expansions = index.vocab.expand(term, |id| index.postings(id).doc_freq());
            self.terms.insert(term.to_owned(), expansions);
        }
        &self.terms[term]
    }
}

/// Evaluates a query; `limit` bounds `ranked` (all hits are still counted).
pub fn search(index: &Index, query: &Query, limit: usize) -> SearchResults {
    search_with_cache(index, query, limit, &mut ExpansionCache::default())
}

/// Sorted (paragraph, score) pairs: one clause's candidates.
type Scored = Vec<(u32, f32)>;

pub fn search_with_cache(
    index: &Index,
    query: &Query,
    limit: usize,
    cache: &mut ExpansionCache,
) -> SearchResults {
    let mut results = SearchResults::default();
    if query.is_empty() || index.paras.is_empty() {
        return results;
    }
    let bm25 = index.bm25();
    let mut clause_sets: Vec<Scored> = Vec::new();
    let mut title_docs: Option<HashSet<u32>> = None;

    for clause in &query.clauses {
        match clause {
            Clause::Term(term) => {
                let expansions = cache.expand(index, term).to_vec();
                if expansions.is_empty() {
                    results.unknown.push(term.clone());
                }
                let mut scored: Scored = Vec::new();
                for e in &expansions {
                    results.terms.insert(e.term);
                    let list = index.postings(e.term);
                    let idf = bm25.idf(list.doc_freq());
                    for (i, &para) in list.paras().iter().enumerate() {
                        let s =
                            e.weight * bm25.score(idf, list.term_freq_at(i), index.para_len(para));
                        scored.push((para, s));
                    }
                }
                for entity in alias_entities(index, term, &expansions) {
                    results.entities.push(entity);
                    let paras = index.entity_paras(entity);
                    let idf = bm25.idf(paras.len() as u32);
                    scored.extend(
                        paras
                            .iter()
                            .map(|&p| (p, ALIAS_WEIGHT * bm25.score(idf, 1, index.para_len(p)))),
                    );
                }
                clause_sets.push(union_max(scored));
                let docs: HashSet<u32> = expansions
                    .iter()
                    .filter(|e| e.quality != MatchQuality::Fuzzy)
                    .flat_map(|e| index.field_docs(e.term).iter().copied())
                    .collect();
                title_docs = Some(match title_docs {
                    None => docs,
                    Some(prev) => prev.intersection(&docs).copied().collect(),
                });
            }
            Clause::Phrase(terms) => {
                let ids: Option<Vec<u32>> = terms.iter().map(|t| index.vocab.id(t)).collect();
                match ids {
                    Some(ids) => {
                        results.terms.extend(ids.iter().copied());
                        clause_sets.push(phrase_matches(index, &ids, 1.2));
                        results.phrases.push(ids);
                    }
                    None => {
                        results.unknown.push(terms.join(" "));
                        clause_sets.push(Vec::new());
                    }
                }
            }
            Clause::Entity(name) => {
                let found = index.entities.find(name);
                let best = found.first().map(|&(id, score)| (id, score));
                let mut scored = Vec::new();
                if let Some((id, _)) = best {
                    results.entities.push(id);
                    let paras = index.entity_paras(id);
                    let idf = bm25.idf(paras.len() as u32);
                    scored.extend(
                        paras
                            .iter()
                            .map(|&p| (p, bm25.score(idf, 1, index.para_len(p)))),
                    );
                } else {
                    results.unknown.push(format!("@{name}"));
                }
                clause_sets.push(scored);
            }
            Clause::Exclude(_) => {}
        }
    }

    let mut hits: Scored = if clause_sets.is_empty() {
        // Only exclusions: everything else matches.
        (0..index.paras.len() as u32).map(|p| (p, 0.0)).collect()
    } else {
        clause_sets.sort_by_key(Vec::len);
        let mut sets = clause_sets.into_iter();
        let first = sets.next().unwrap_or_default();
        sets.fold(first, |acc, next| intersect_sum(&acc, &next))
    };

    let excluded = excluded_paras(index, query);
    if !excluded.is_empty() {
        hits.retain(|(p, _)| !excluded.contains(p));
    }

    for (para, score) in hits.iter_mut() {
        *score *= kind_weight(index.paragraph(*para).kind);
    }
    if let Some(docs) = title_docs.filter(|d| !d.is_empty()) {
        add_title_hits(index, &docs, &excluded, &mut hits);
    }

    results.by_para = hits
        .iter()
        .map(|&(para, score)| Hit { para, score })
        .collect();
    results.docs = doc_hits(index, &results.by_para);
    results.ranked = top_k(&results.by_para, limit);
    results
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
            !matches!(
                index.entities.entities[id].kind,
                EntityKind::Date | EntityKind::Quantity
            )
        })
        .map(|(id, _)| id)
        .take(3)
        .collect()
}

fn kind_weight(kind: ParaKind) -> f32 {
    match kind {
        ParaKind::Heading => 1.2,
        ParaKind::Body | ParaKind::Byline => 1.0,
        ParaKind::Comment => 0.7,
        ParaKind::Boilerplate => 0.4,
    }
}

/// Sorts by paragraph and keeps the best score of each.
fn union_max(mut scored: Scored) -> Scored {
    scored.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(b.1.total_cmp(&a.1)));
    scored.dedup_by_key(|(p, _)| *p);
    scored
}

/// Paragraphs in both sorted sets, scores added.
fn intersect_sum(a: &Scored, b: &Scored) -> Scored {
    let mut out = Vec::with_capacity(a.len().min(b.len()));
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                out.push((a[i].0, a[i].1 + b[j].1));
                i += 1;
                j += 1;
            }
        }
    }
    out
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
    let anchor = index.postings(ids[rarest]);
    let mut out = Vec::new();
    'para: for (i, &para) in anchor.paras().iter().enumerate() {
        let mut lists = Vec::with_capacity(ids.len());
        for &id in ids {
            let list = index.postings(id);
            match list.find(para) {
                Some(k) => lists.push((list, k)),
                None => continue 'para,
            }
        }
        let starts = anchor
            .positions_at(i)
            .iter()
            .filter_map(|&p| p.checked_sub(rarest as u32));
        let count = starts
            .filter(|&start| {
                lists.iter().enumerate().all(|(offset, (list, k))| {
                    list.positions_at(*k)
                        .binary_search(&(start + offset as u32))
                        .is_ok()
                })
            })
            .count() as u32;
        if count > 0 {
            let len = index.para_len(para);
            let score: f32 = ids
                .iter()
                .map(|&id| bm25.score(bm25.idf(index.postings(id).doc_freq()), count, len))
                .sum();
            out.push((para, weight * score));
        }
    }
    out
}

fn excluded_paras(index: &Index, query: &Query) -> HashSet<u32> {
    let mut out = HashSet::new();
    for clause in &query.clauses {
        let Clause::Exclude(terms) = clause else {
            continue;
        };
        let ids: Option<Vec<u32>> = terms.iter().map(|t| index.vocab.id(t)).collect();
        let Some(ids) = ids else { continue };
        if let [one] = ids.as_slice() {
            out.extend(index.postings(*one).paras().iter().copied());
        } else {
            out.extend(phrase_matches(index, &ids, 1.0).into_iter().map(|(p, _)| p));
        }
    }
    out
}

/// Lifts documents whose title or file name matches; a document with no text hit
/// gets one on its title paragraph so it is listed.
fn add_title_hits(index: &Index, docs: &HashSet<u32>, excluded: &HashSet<u32>, hits: &mut Scored) {
    let mut missing = Vec::new();
    for &doc in docs {
        let range = index.doc_paras(doc);
        let start = hits.partition_point(|h| h.0 < range.start);
        let end = hits.partition_point(|h| h.0 < range.end);
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
        hits.extend(missing);
        hits.sort_unstable_by_key(|h| h.0);
    }
}

fn doc_hits(index: &Index, hits: &[Hit]) -> Vec<DocHits> {
    let mut out: Vec<DocHits> = Vec::new();
    for hit in hits {
        let doc = index.paras[hit.para as usize].doc;
        match out.last_mut() {
            Some(d) if d.doc == doc => {
                d.count += 1;
                if hit.score > d.best {
                    d.best = hit.score;
                    d.best_para = hit.para;
                }
            }
            _ => out.push(DocHits {
                doc,
                count: 1,
                best: hit.score,
                best_para: hit.para,
            }),
        }
    }
    out.sort_by(|a, b| b.best.total_cmp(&a.best).then(a.doc.cmp(&b.doc)));
    out
}

/// The `k` best hits, by score then document order, without sorting them all.
fn top_k(hits: &[Hit], k: usize) -> Vec<Hit> {
    let order = |a: &Hit, b: &Hit| b.score.total_cmp(&a.score).then(a.para.cmp(&b.para));
    let mut top = hits.to_vec();
    if k < top.len() {
        top.select_nth_unstable_by(k, order);
        top.truncate(k);
    }
    top.sort_unstable_by(order);
    top
}
