//! Building the index: documents are tokenised and tagged in parallel (rayon), in
//! contiguous chunks whose partial postings are appended in document order.

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::postings::{SizeCounter, read_varint, write_varint};
use super::{Index, PostingList, Timings, Vocab};
use crate::corpus::{Corpus, Document};
use crate::entities::{self, Mention, Tagger};
use crate::text::{fold_into, tokens};

/// Work units per thread in one wave: enough to balance uneven documents.
const CHUNKS_PER_THREAD: usize = 4;
/// Waves of chunks are merged before the next starts, bounding the memory held
/// in unmerged partial postings.
const WAVES: usize = 4;
/// Token stream bytes freed between returns of their pages while postings fill.
const STREAM_BYTES_PER_TRIM: usize = 4 << 20;
/// The last wave is this fraction of a wave, or less.
const LAST_WAVE_SHARE: usize = 4;

/// The documents of each wave, in order. The last wave's merge is the one no
/// indexing hides, so the last wave is a small one.
fn waves(docs: usize, threads: usize) -> Vec<std::ops::Range<usize>> {
    let chunk_docs = docs
        .div_ceil(threads * CHUNKS_PER_THREAD * WAVES)
        .clamp(8, 4096);
    let wave_docs = chunk_docs * threads * CHUNKS_PER_THREAD;
    let mut starts: Vec<usize> = (0..docs).step_by(wave_docs).collect();
    let last_wave = wave_docs.div_ceil(LAST_WAVE_SHARE);
    if docs > wave_docs && docs - last_wave > *starts.last().unwrap_or(&0) {
        starts.push(docs - last_wave);
    }
    starts.push(docs);
    starts.windows(2).map(|w| w[0]..w[1]).collect()
}

/// Shared counters the UI reads while indexing runs.
#[derive(Debug, Default)]
pub struct BuildProgress {
    pub docs_done: AtomicUsize,
    pub bytes_done: AtomicUsize,
}

/// A chunk's terms, numbered in order of first appearance, with the size each
/// one's posting list will need. Terms of up to 15 bytes (nearly all words) are
/// keyed by one packed integer, so a look-up follows no pointer and compares no
/// bytes; longer ones go to a side map.
#[derive(Default)]
struct ChunkTerms {
    short: FxHashMap<u128, u32>,
    long: FxHashMap<Box<str>, u32>,
    names: Vec<Box<str>>,
    sizes: Vec<SizeCounter>,
}

impl ChunkTerms {
    /// The chunk's id for `term`, counting one occurrence at `para`, `position`.
    fn occurrence(&mut self, term: &str, para: u32, position: u32) -> u32 {
        let id = match pack(term) {
            Some(key) => self.short_id(key, || term.into()),
            None => match self.long.get(term) {
                Some(&id) => id,
                None => {
                    let id = self.add(term.into());
                    self.long.insert(term.into(), id);
                    id
                }
            },
        };
        self.count(id, para, position)
    }

    /// [`Self::occurrence`] for a word of ASCII letters and digits of at most 15
    /// bytes (most words): its term is its lower case, packed without a copy.
    fn ascii_occurrence(&mut self, word: &[u8], para: u32, position: u32) -> u32 {
        debug_assert!(word.len() <= 15 && word.iter().all(u8::is_ascii_alphanumeric));
        let mut key = [0u8; 16];
        for (k, b) in key.iter_mut().zip(word) {
            *k = b.to_ascii_lowercase();
        }
        key[15] = word.len() as u8;
        let id = self.short_id(u128::from_le_bytes(key), || {
            String::from_utf8_lossy(&key[..word.len()]).into()
        });
        self.count(id, para, position)
    }

    fn short_id(&mut self, key: u128, term: impl FnOnce() -> Box<str>) -> u32 {
        match self.short.get(&key) {
            Some(&id) => id,
            None => {
                let id = self.add(term());
                self.short.insert(key, id);
                id
            }
        }
    }

    fn count(&mut self, id: u32, para: u32, position: u32) -> u32 {
        self.sizes[id as usize].count(para, position);
        id
    }

    fn add(&mut self, term: Box<str>) -> u32 {
        self.names.push(term);
        self.sizes.push(SizeCounter::default());
        (self.names.len() - 1) as u32
    }
}

/// A term of at most 15 bytes with its length, as one integer.
fn pack(term: &str) -> Option<u128> {
    let bytes = term.as_bytes();
    if bytes.len() > 15 {
        return None;
    }
    let mut key = [0u8; 16];
    key[..bytes.len()].copy_from_slice(bytes);
    key[15] = bytes.len() as u8;
    Some(u128::from_le_bytes(key))
}

/// The terms side of what the waves add up to, in document order. Postings
/// are not built per wave: each chunk keeps its token stream, and once every
/// list's exact size is known the lists are filled in one pass at the end.
#[derive(Default)]
struct MergedTerms {
    vocab: Vocab,
    sizes: Vec<SizeCounter>,
    chunks: Vec<ChunkStream>,
    para_lens: Vec<u32>,
    token_count: u64,
    tokenize_cpu: Duration,
    tag_cpu: Duration,
}

/// A chunk's tokens as chunk term ids, and each chunk id's vocabulary id.
struct ChunkStream {
    global_ids: Vec<u32>,
    /// Varints: ids follow first appearance, so common words take one byte.
    stream: Vec<u8>,
    paras: usize,
}

impl MergedTerms {
    fn merge(&mut self, partial: TermsPartial) {
        // Term ids follow first appearance.
        let global_ids: Vec<u32> = partial
            .terms
            .names
            .iter()
            .zip(&partial.terms.sizes)
            .map(|(term, counted)| {
                let id = self.vocab.intern(term);
                if id as usize == self.sizes.len() {
                    self.sizes.push(SizeCounter::default());
                }
                // Chunks arrive in paragraph order.
                self.sizes[id as usize].append(counted);
                id
            })
            .collect();
        self.chunks.push(ChunkStream {
            global_ids,
            stream: partial.stream,
            paras: partial.para_lens.len(),
        });
        self.para_lens.extend(partial.para_lens);
        self.token_count += partial.tokens;
        self.tokenize_cpu += partial.tokenize_time;
        self.tag_cpu += partial.tag_time;
    }

    /// Every posting list, allocated once at its exact size and filled in
    /// paragraph order. Each thread fills its own range of terms, balanced by
    /// size, reading every token stream: decoding a stream once per thread is
    /// cheap next to the scattered writes it splits.
    fn postings(&mut self) -> Vec<PostingList> {
        let sizes = std::mem::take(&mut self.sizes);
        let mut lists: Vec<PostingList> = sizes
            .iter()
            .map(|counted| PostingList::with_capacity(counted.size))
            .collect();
        let weights: Vec<u64> = sizes.iter().map(|c| c.size.bytes()).collect();
        drop(sizes);
        let ranges = balanced_ranges(&weights, rayon::current_num_threads());
        drop(weights);
        // Each thread holds every stream and lets go of each once read: the
        // last to read one frees it, so the streams shrink as the lists grow.
        let chunks: Vec<Arc<ChunkStream>> = std::mem::take(&mut self.chunks)
            .into_iter()
            .map(Arc::new)
            .collect();
        let mut rest = lists.as_mut_slice();
        let parts: Vec<_> = ranges
            .into_iter()
            .map(|range| {
                let (part, tail) = std::mem::take(&mut rest).split_at_mut(range.len());
                rest = tail;
                (range.start as u32, part, chunks.clone())
            })
            .collect();
        drop(chunks);
        parts.into_par_iter().for_each(|(first, part, chunks)| {
            fill_lists(chunks, &self.para_lens, first, part);
        });
        lists
    }
}

/// `parts` contiguous ranges of `weights` with about equal sums, covering it.
fn balanced_ranges(weights: &[u64], parts: usize) -> Vec<std::ops::Range<usize>> {
    let parts = parts.max(1) as u64;
    let total: u64 = weights.iter().sum();
    let mut ranges = Vec::new();
    let (mut start, mut sum) = (0, 0u64);
    for (i, &w) in weights.iter().enumerate() {
        sum += w;
        let done = ranges.len() as u64 + 1;
        if done < parts && sum * parts >= total * done {
            ranges.push(start..i + 1);
            start = i + 1;
        }
    }
    ranges.push(start..weights.len());
    ranges
}

/// Fills the lists of terms `first..first + lists.len()` from every chunk's tokens.
fn fill_lists(
    chunks: Vec<Arc<ChunkStream>>,
    para_lens: &[u32],
    first: u32,
    lists: &mut [PostingList],
) {
    let mut para = 0usize;
    let mut freed = 0usize;
    for chunk in chunks {
        let mut stream = chunk.stream.as_slice();
        for &len in &para_lens[para..para + chunk.paras] {
            for position in 0..len {
                let local = read_varint(&mut stream);
                let id = chunk.global_ids[local as usize].wrapping_sub(first);
                if let Some(list) = lists.get_mut(id as usize) {
                    list.push(para as u32, position);
                }
            }
            para += 1;
        }
        // The last reader frees the stream; its pages go back every few MB.
        if let Some(read) = Arc::into_inner(chunk) {
            freed += read.stream.len();
            drop(read);
            if freed >= STREAM_BYTES_PER_TRIM {
                crate::memory::release_free_memory();
                freed = 0;
            }
        }
    }
}

/// The entities side: mentions are handed to the resolver per wave and dropped there.
#[derive(Default)]
struct MergedMentions {
    resolver: entities::Resolver,
    next_doc: u32,
}

impl MergedMentions {
    fn merge(&mut self, mentions: Vec<Vec<Mention>>, docs: &[Document]) {
        for ms in mentions {
            let d = self.next_doc as usize;
            self.resolver.add(self.next_doc, &docs[d], &ms);
            self.next_doc += 1;
        }
    }
}

/// Both sides of a wave's merge, done one after the other on the merge thread.
fn merge_wave(
    terms: &mut MergedTerms,
    mentions: &mut MergedMentions,
    partials: Vec<Partial>,
    docs: &[Document],
) {
    for partial in partials {
        terms.merge(partial.terms);
        mentions.merge(partial.mentions, docs);
    }
}

/// What one chunk of documents contributes.
struct Partial {
    terms: TermsPartial,
    mentions: Vec<Vec<Mention>>,
}

/// The terms side of a chunk.
struct TermsPartial {
    terms: ChunkTerms,
    /// The chunk's tokens, as chunk term ids in varints, in order. These are
    /// held until every chunk is indexed: most ids take one or two bytes, not four.
    stream: Vec<u8>,
    para_lens: Vec<u32>,
    tokens: u64,
    tokenize_time: Duration,
    tag_time: Duration,
}

pub fn build(corpus: Corpus) -> Index {
    build_with_progress(corpus, &BuildProgress::default())
}

pub fn build_with_progress(corpus: Corpus, progress: &BuildProgress) -> Index {
    let _mapped = crate::memory::MappedLargeBlocks::new();
    let Corpus { docs, skipped } = corpus;
    let mut doc_starts = Vec::with_capacity(docs.len() + 1);
    let mut paragraphs = 0u32;
    for doc in &docs {
        doc_starts.push(paragraphs);
        paragraphs += doc.paragraphs.len() as u32;
    }
    doc_starts.push(paragraphs);
    let para_kinds = docs
        .iter()
        .flat_map(|d| d.paragraphs.iter().map(|p| p.kind))
        .collect();

    let tagger = Tagger::new();
    let threads = rayon::current_num_threads().max(1);
    let mut terms = MergedTerms::default();
    let mut mentions = MergedMentions::default();
    let mut pending: Vec<Partial> = Vec::new();
    let mut parallel_wall = Duration::ZERO;
    for wave_range in waves(docs.len(), threads) {
        let wave_start = wave_range.start;
        let wave = &docs[wave_range];
        let chunk_docs = wave
            .len()
            .div_ceil(threads * CHUNKS_PER_THREAD)
            .clamp(8, 4096);
        let started = Instant::now();
        // The previous wave is merged on its own thread while this one is indexed,
        // so the pool never waits for the (serial) merge.
        let previous = std::mem::take(&mut pending);
        pending = std::thread::scope(|scope| {
            let merging = scope.spawn(|| merge_wave(&mut terms, &mut mentions, previous, &docs));
            let partials: Vec<Partial> = wave
                .par_chunks(chunk_docs)
                .enumerate()
                .map(|(c, chunk)| {
                    index_chunk(
                        chunk,
                        doc_starts[wave_start + c * chunk_docs],
                        &tagger,
                        progress,
                    )
                })
                .collect();
            merging.join().expect("merge thread");
            partials
        });
        parallel_wall += started.elapsed();
        // A wave's scratch (chunk maps, tagger output) is freed between the
        // records that outlive it; glibc keeps such holes resident unless asked.
        crate::memory::release_free_memory();
    }

    // The last wave's merge and everything after it: the terms side (postings,
    // titles, vocabulary) and the entities side (resolution) need nothing of each
    // other, so they run side by side, except that the postings are filled only
    // once resolution has freed its per-mention records: the two largest
    // passing allocations of indexing then never coexist. The entity table is
    // assembled beside the fill; its views wait for the fill's end (below).
    let tail_started = Instant::now();
    let (last_terms, last_mentions): (Vec<TermsPartial>, Vec<_>) =
        pending.into_iter().map(|p| (p.terms, p.mentions)).unzip();
    let (resolved_tx, resolved_rx) = std::sync::mpsc::channel::<()>();
    let (finished_terms, (table, entities_wall)) = std::thread::scope(|scope| {
        let entity_side = scope.spawn(|| {
            // Owned here, so that a panic drops it and wakes the terms side.
            let resolved_tx = resolved_tx;
            let started = Instant::now();
            for m in last_mentions {
                mentions.merge(m, &docs);
            }
            // Once the resolver's per-mention records are gone, the postings
            // may take their full size beside the mention store.
            let table = mentions.resolver.finish_then(&docs, move || {
                let _ = resolved_tx.send(());
            });
            (table, started.elapsed())
        });
        let started = Instant::now();
        for t in last_terms {
            terms.merge(t);
        }
        // The vocabulary is complete and sorted while resolution runs.
        let field_docs = index_fields(&mut terms.vocab, &docs);
        terms.vocab.finish();
        // An error means the entity thread panicked; its join reports it.
        let waiting = Instant::now();
        let _ = resolved_rx.recv();
        let waited = waiting.elapsed();
        let finished = finish_terms(terms, field_docs);
        let terms_wall = started.elapsed() - waited;
        (
            (finished, terms_wall),
            entity_side.join().expect("entity thread"),
        )
    });
    // Two read-only views of the entity table, built side by side once the
    // token streams are freed: beside the fill they set the peak of indexing.
    let views_started = Instant::now();
    let ((), entity_paras) = rayon::join(|| table.prepare_lookup(), || table.entity_paragraphs());
    let entities_wall = entities_wall + views_started.elapsed();
    // Whatever the phases left free goes back before the index is used, so
    // that the queries' working memory reuses it rather than adding to it.
    crate::memory::release_free_memory();
    let tail_wall = tail_started.elapsed();
    let (
        FinishedTerms {
            vocab,
            postings,
            para_lens,
            token_count,
            field_docs,
            tokenize_cpu,
            tag_cpu,
        },
        terms_wall,
    ) = finished_terms;
    // Wall times of the overlapped passes, split by the time each part took.
    let cpu = (tokenize_cpu + tag_cpu).as_secs_f64().max(1e-9);
    let tag_share = tag_cpu.as_secs_f64() / cpu;
    let tail_sides = (terms_wall + entities_wall).as_secs_f64().max(1e-9);
    let terms_share = terms_wall.as_secs_f64() / tail_sides;
    let timings = Timings {
        load: Duration::ZERO,
        tokenize: parallel_wall.mul_f64(1.0 - tag_share),
        entities: parallel_wall.mul_f64(tag_share) + tail_wall.mul_f64(1.0 - terms_share),
        postings: tail_wall.mul_f64(terms_share),
    };
    Index {
        docs,
        skipped,
        doc_starts,
        para_lens,
        para_kinds,
        vocab,
        postings,
        field_docs,
        entities: table,
        entity_paras,
        timings,
        token_count,
    }
}

/// The terms side once every wave is merged.
struct FinishedTerms {
    vocab: Vocab,
    postings: Vec<PostingList>,
    para_lens: Vec<u32>,
    token_count: u64,
    field_docs: HashMap<u32, Vec<u32>>,
    tokenize_cpu: Duration,
    tag_cpu: Duration,
}

/// Titles and file names made searchable (`003`, `debacle`): the documents
/// each of their terms names, the terms interned.
fn index_fields(vocab: &mut Vocab, docs: &[Document]) -> HashMap<u32, Vec<u32>> {
    let mut field_docs: HashMap<u32, Vec<u32>> = HashMap::new();
    let mut buf = String::new();
    for (d, doc) in docs.iter().enumerate() {
        for field in [doc.meta.title.as_str(), doc.name.as_str()] {
            tokens(field, |span| {
                fold_into(&field[span], &mut buf);
                let list = field_docs.entry(vocab.intern(&buf)).or_default();
                if list.last() != Some(&(d as u32)) {
                    list.push(d as u32);
                }
            });
        }
    }
    field_docs
}

/// Postings filled, with an empty list for each term found only in titles and file names.
fn finish_terms(mut merged: MergedTerms, field_docs: HashMap<u32, Vec<u32>>) -> FinishedTerms {
    let mut postings = merged.postings();
    let MergedTerms {
        vocab,
        para_lens,
        token_count,
        tokenize_cpu,
        tag_cpu,
        ..
    } = merged;
    postings.resize_with(vocab.len(), PostingList::default);
    FinishedTerms {
        vocab,
        postings,
        para_lens,
        token_count,
        field_docs,
        tokenize_cpu,
        tag_cpu,
    }
}

fn index_chunk(
    chunk: &[Document],
    first_para: u32,
    tagger: &Tagger,
    progress: &BuildProgress,
) -> Partial {
    let mut terms = ChunkTerms::default();
    let mut stream = Vec::new();
    let mut para_lens = Vec::new();
    let mut token_total = 0u64;
    let mut mentions = Vec::with_capacity(chunk.len());
    let mut buf = String::new();
    let mut global = first_para;
    let (mut tokenize_time, mut tag_time) = (Duration::ZERO, Duration::ZERO);
    for doc in chunk {
        let t0 = Instant::now();
        for paragraph in &doc.paragraphs {
            let text: &str = &paragraph.text;
            let mut position = 0u32;
            tokens(text, |span| {
                let word = &text.as_bytes()[span.clone()];
                let id = if word.len() <= 15 && word.iter().all(u8::is_ascii_alphanumeric) {
                    terms.ascii_occurrence(word, global, position)
                } else {
                    fold_into(&text[span], &mut buf);
                    if buf.is_empty() {
                        return;
                    }
                    terms.occurrence(&buf, global, position)
                };
                write_varint(&mut stream, u64::from(id));
                position += 1;
            });
            para_lens.push(position);
            token_total += position as u64;
            global += 1;
        }
        let t1 = Instant::now();
        mentions.push(tagger.tag_document(doc));
        tokenize_time += t1 - t0;
        tag_time += t1.elapsed();
        progress.docs_done.fetch_add(1, Ordering::Relaxed);
        progress.bytes_done.fetch_add(doc.bytes, Ordering::Relaxed);
    }
    stream.shrink_to_fit();
    Partial {
        terms: TermsPartial {
            terms,
            stream,
            para_lens,
            tokens: token_total,
            tokenize_time,
            tag_time,
        },
        mentions,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::load_seeds;

    fn assert_contiguous_cover(ranges: &[std::ops::Range<usize>], len: usize) {
        assert_eq!(ranges.first().map(|r| r.start), Some(0), "{ranges:?}");
        assert_eq!(ranges.last().map(|r| r.end), Some(len), "{ranges:?}");
        assert!(
            ranges.windows(2).all(|w| w[0].end == w[1].start),
            "{ranges:?}"
        );
    }

    #[test]
    fn waves_cover_every_document_and_end_with_a_small_one() {
        for docs in [0, 1, 7, 100, 1_000, 10_000, 123_457] {
            for threads in [1, 2, 8] {
                let waves = waves(docs, threads);
                if docs == 0 {
                    assert!(waves.is_empty());
                    continue;
                }
                assert_contiguous_cover(&waves, docs);
                assert!(waves.iter().all(|w| !w.is_empty()));
                if waves.len() > 2 {
                    let (last, before) = (waves[waves.len() - 1].len(), waves[0].len());
                    assert!(last <= before.div_ceil(LAST_WAVE_SHARE), "{waves:?}");
                }
            }
        }
        assert_eq!(waves(10_000, 2).len(), WAVES + 1);
    }

    #[test]
    fn term_ranges_split_the_work_evenly() {
        let weights: Vec<u64> = (0..1000u64).map(|i| 1 + (i * 7919) % 97).collect();
        let total: u64 = weights.iter().sum();
        for parts in [1, 2, 3, 8] {
            let ranges = balanced_ranges(&weights, parts);
            assert_contiguous_cover(&ranges, weights.len());
            assert_eq!(ranges.len(), parts);
            for r in &ranges {
                let sum: u64 = weights[r.clone()].iter().sum();
                assert!(
                    sum.abs_diff(total / parts as u64) <= 97,
                    "{parts}: {sum} of {total}"
                );
            }
        }
        // One heavy term cannot be split: it gets a range of its own.
        let ranges = balanced_ranges(&[1, 1000, 1, 1], 2);
        assert_contiguous_cover(&ranges, 4);
        assert_eq!(ranges.len(), 2);
        assert!(balanced_ranges(&[], 2).iter().all(|r| r.is_empty()));
    }

    #[test]
    fn packed_terms_are_distinct_and_long_ones_are_not_packed() {
        let words = [
            "",
            "a",
            "a\0",
            "ab",
            "ba",
            "fifteen-bytes-x",
            "sixteen-bytes-xx",
        ];
        let keys: Vec<Option<u128>> = words.iter().map(|w| pack(w)).collect();
        for (i, a) in keys.iter().enumerate() {
            for b in &keys[i + 1..] {
                assert!(a.is_none() || a != b, "{keys:?}");
            }
        }
        assert!(pack("sixteen-bytes-xx").is_none());
        let mut terms = ChunkTerms::default();
        for (i, w) in words.iter().chain(&words).enumerate() {
            terms.occurrence(w, i as u32, 0);
        }
        assert_eq!(terms.names.len(), words.len());
        assert!(terms.sizes.iter().all(|c| c.size.paras == 2));
    }

    #[test]
    fn ascii_words_take_the_same_terms_as_folded_ones() {
        let mut terms = ChunkTerms::default();
        let a = terms.ascii_occurrence(b"Baghdad", 0, 0);
        let b = terms.occurrence("baghdad", 0, 1);
        let c = terms.ascii_occurrence(b"BAGHDAD2020", 1, 0);
        let d = terms.occurrence(&crate::text::fold("Baghdad2020"), 2, 0);
        assert_eq!((a, c), (b, d));
        assert_eq!(&*terms.names[a as usize], "baghdad");
        assert_eq!(&*terms.names[c as usize], "baghdad2020");
        assert_eq!(terms.sizes[a as usize].size.paras, 1);
        assert_eq!(terms.sizes[c as usize].size.paras, 2);
    }

    #[test]
    fn seeds_index_consistently() {
        let index = build(load_seeds());
        assert_eq!(index.docs.len(), 5);
        assert_eq!(index.para_count(), index.para_lens.len());
        let baghdad = index.vocab.id("baghdad").expect("baghdad is in the seeds");
        let list = index.postings(baghdad);
        assert!(list.doc_freq() >= 3);
        let paras: Vec<u32> = list.paras().collect();
        assert!(paras.windows(2).all(|w| w[0] < w[1]));
        for (i, &p) in paras.iter().enumerate() {
            assert!(index.paragraph(p).text.to_lowercase().contains("baghdad"));
            assert!(
                list.positions_at(i)
                    .iter()
                    .all(|&pos| pos < index.para_len(p))
            );
        }
        // File names are searchable.
        let id = index.vocab.id("003").unwrap();
        assert_eq!(index.field_docs(id), [3]);
    }

    #[test]
    fn the_document_of_a_paragraph_is_found_from_any_earlier_one_and_from_none() {
        let mut corpus = load_seeds();
        // Documents without paragraphs share their start with the next one.
        let empty = Document::from_text("e".into(), "e".into(), String::new(), Vec::new());
        assert!(empty.paragraphs.is_empty());
        for at in [0, 2, 2, 4] {
            corpus.docs.insert(at, empty.clone());
        }
        corpus.docs.push(empty);
        let index = build(corpus);
        let places: Vec<(u32, u32)> = (0..index.docs.len() as u32)
            .flat_map(|d| (0..index.docs[d as usize].paragraphs.len() as u32).map(move |p| (d, p)))
            .collect();
        assert_eq!(places.len(), index.para_count());
        for (global, &(doc, para)) in (0u32..).zip(&places) {
            let place = index.para_ref(global);
            assert_eq!((place.doc, place.para), (doc, para), "{global}");
            for from in 0..=doc {
                if index.doc_paras(from).start <= global {
                    let found = index.para_ref_near(global, &mut (from as usize));
                    assert_eq!(found.doc, doc, "{from} {global}");
                }
            }
        }
    }
}
