//! The in-memory index: documents → paragraphs → tokens, an inverted index with
//! positions, a vocabulary for fuzzy expansion, and the corpus's entities.
//!
//! Built once (in parallel), then read-only: the TUI's worker and the headless
//! commands query the same structure.

mod build;
mod postings;
mod rank;
mod vocab;

use std::collections::HashMap;
use std::time::Duration;

use serde::Serialize;

pub use build::{BuildProgress, build, build_with_progress};
pub use postings::PostingList;
pub use rank::Bm25;
pub use vocab::{Expansion, MatchQuality, Vocab};

use crate::corpus::{Document, ParaKind, Paragraph, Skipped};
use crate::entities::EntityTable;
pub use crate::entities::ParaMention;

/// A paragraph's place in the corpus.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct ParaRef {
    pub doc: u32,
    pub para: u32,
}

/// How long each indexing phase took.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Timings {
    #[serde(serialize_with = "as_ms")]
    pub load: Duration,
    #[serde(serialize_with = "as_ms")]
    pub tokenize: Duration,
    #[serde(serialize_with = "as_ms")]
    pub entities: Duration,
    #[serde(serialize_with = "as_ms")]
    pub postings: Duration,
}

fn as_ms<S: serde::Serializer>(d: &Duration, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_f64((d.as_secs_f64() * 1e6).round() / 1e3)
}

/// The searchable corpus.
#[derive(Debug, Default)]
pub struct Index {
    pub docs: Vec<Document>,
    pub skipped: Vec<Skipped>,
    /// Global id of each document's first paragraph; one extra entry at the
    /// end. A paragraph's document is searched for here ([`Index::para_ref`]),
    /// not kept per paragraph: 8 MB at a million paragraphs, in every phase
    /// of indexing.
    doc_starts: Vec<u32>,
    /// Tokens per paragraph, for BM25's length normalisation.
    para_lens: Vec<u32>,
    /// Kind of each paragraph, for ranking without touching the documents.
    para_kinds: Vec<ParaKind>,
    pub vocab: Vocab,
    postings: Vec<PostingList>,
    /// Terms of each document's title and file name → documents (sorted).
    field_docs: HashMap<u32, Vec<u32>>,
    pub entities: EntityTable,
    /// Per entity, the sorted global ids of the paragraphs that mention it.
    entity_paras: crate::entities::EntityParagraphs,
    pub timings: Timings,
    pub token_count: u64,
}

impl Index {
    pub fn para_count(&self) -> usize {
        self.doc_starts.last().map_or(0, |&end| end as usize)
    }

    /// The document of global paragraph `global`, and its place there.
    pub fn para_ref(&self, global: u32) -> ParaRef {
        self.para_ref_near(global, &mut 0)
    }

    /// [`Index::para_ref`], trying document `hint` first and leaving the answer
    /// there: walking paragraphs in order, most look-ups need no search.
    pub fn para_ref_near(&self, global: u32, hint: &mut usize) -> ParaRef {
        debug_assert!((global as usize) < self.para_count());
        let places = crate::entities::Places {
            doc_starts: &self.doc_starts,
        };
        let (doc, para) = places.doc_para(global, hint);
        ParaRef { doc, para }
    }

    pub fn paragraph(&self, global: u32) -> &Paragraph {
        let r = self.para_ref(global);
        &self.docs[r.doc as usize].paragraphs[r.para as usize]
    }

    /// The global paragraph id of paragraph `para` in document `doc`.
    pub fn global_id(&self, doc: u32, para: u32) -> u32 {
        self.doc_starts[doc as usize] + para
    }

    /// The global ids of a document's paragraphs.
    pub fn doc_paras(&self, doc: u32) -> std::ops::Range<u32> {
        self.doc_starts[doc as usize]..self.doc_starts[doc as usize + 1]
    }

    pub fn postings(&self, term: u32) -> &PostingList {
        &self.postings[term as usize]
    }

    pub fn para_kind(&self, global: u32) -> ParaKind {
        self.para_kinds[global as usize]
    }

    pub fn para_len(&self, global: u32) -> u32 {
        self.para_lens[global as usize]
    }

    pub fn bm25(&self) -> Bm25 {
        let paragraphs = self.para_count();
        let avg = if paragraphs == 0 {
            1.0
        } else {
            self.token_count as f32 / paragraphs as f32
        };
        Bm25::new(paragraphs as u32, avg.max(1.0))
    }

    /// Documents whose title or file name contains `term`.
    pub fn field_docs(&self, term: u32) -> &[u32] {
        self.field_docs.get(&term).map(Vec::as_slice).unwrap_or(&[])
    }

    /// Sorted global ids of the paragraphs that mention entity `id`.
    pub fn entity_paras(&self, id: usize) -> &[u32] {
        self.entity_paras.of(id)
    }

    /// Entity mentions in one paragraph, by start: entity and span in its text.
    pub fn para_mentions(&self, global: u32) -> &[ParaMention] {
        self.entities.para_mentions(global)
    }

    /// Entities sharing paragraphs with `entity`, with the number of shared
    /// paragraphs, most first. Touches only the paragraphs that mention it.
    pub fn co_mentions(&self, entity: usize) -> Vec<(usize, u32)> {
        self.entities
            .co_mentions_in(entity, self.entity_paras(entity))
    }

    /// Finds a document by file name, path or unambiguous name prefix.
    pub fn find_doc(&self, needle: &str) -> Result<u32, String> {
        let exact = self.docs.iter().position(|d| {
            d.name == needle || d.file_name() == needle || d.path.to_string_lossy() == needle
        });
        if let Some(i) = exact {
            return Ok(i as u32);
        }
        let file_part = needle.rsplit('/').next().unwrap_or(needle);
        let matches: Vec<usize> = (0..self.docs.len())
            .filter(|&i| {
                self.docs[i].name.starts_with(needle)
                    || self.docs[i].file_name().starts_with(file_part)
            })
            .collect();
        match matches.as_slice() {
            [one] => Ok(*one as u32),
            [] => Err(format!("no document matches {needle:?}")),
            many => Err(format!(
                "{needle:?} is ambiguous: it matches {}",
                many.iter()
                    .take(5)
                    .map(|&i| self.docs[i].name.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
        }
    }

    /// Approximate heap bytes of the index structures (not the documents).
    pub fn index_heap_bytes(&self) -> usize {
        self.postings
            .iter()
            .map(PostingList::heap_bytes)
            .sum::<usize>()
            + self.vocab.heap_bytes()
            + self.para_lens.len() * 4
            + self.para_kinds.len()
            + self.doc_starts.len() * 4
    }

    /// Approximate heap bytes of the documents' paragraphs.
    pub fn text_heap_bytes(&self) -> usize {
        self.docs
            .iter()
            .flat_map(|d| &d.paragraphs)
            .map(|p| p.text.len() + std::mem::size_of_val(p))
            .sum()
    }

    pub fn paras_by_kind(&self) -> HashMap<&'static str, usize> {
        let mut out = HashMap::new();
        for doc in &self.docs {
            for p in &doc.paragraphs {
                *out.entry(p.kind.as_str()).or_insert(0) += 1;
            }
        }
        out
    }
}
