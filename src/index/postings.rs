//! Postings: for one term, the paragraphs it occurs in and its positions there.

/// Sorted paragraph ids, each with its token positions.
///
/// Paragraph ids are kept as their low 16 bits, in runs that share the high
/// bits: half the bytes of plain `u32`s (ids are the largest part of the
/// index), and still searchable by binary search within a run. A corpus of a
/// million paragraphs has at most 16 runs per term.
///
/// Positions are varints in one byte buffer per term, delta-encoded within a
/// paragraph, each shifted left one bit to carry a flag that marks the first
/// position of a paragraph: so the buffer needs no offset per paragraph, only
/// one per [`SAMPLE`] paragraphs, from where the rest are found by counting
/// flags. Most positions take one byte, and a term costs four allocations, not
/// one per hit.
#[derive(Debug, Clone, Default)]
pub struct PostingList {
    lows: Vec<u16>,
    runs: Vec<Run>,
    /// Where the positions of entries `0, SAMPLE, 2 * SAMPLE …` start.
    samples: Vec<u32>,
    positions: Vec<u8>,
    /// The last paragraph and position pushed, while building.
    last_para: u32,
    last: u32,
}

/// Entries `start..` (to the next run) whose paragraph ids have these high bits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Run {
    high: u32,
    start: u32,
}

fn high(para: u32) -> u32 {
    para >> 16
}

/// Entries per stored offset: finding an entry's positions skips at most
/// `SAMPLE - 1` entries, a few dozen bytes.
const SAMPLE: usize = 16;

/// A position delta with its first-of-paragraph flag, as it is stored.
fn flagged(delta: u32, first: bool) -> u64 {
    (u64::from(delta) << 1) | u64::from(first)
}

impl PostingList {
    /// Appends an occurrence; paragraphs must arrive in ascending order and
    /// positions ascending within a paragraph.
    pub fn push(&mut self, para: u32, position: u32) {
        let first = self.lows.is_empty() || self.last_para != para;
        if first {
            debug_assert!(self.lows.is_empty() || self.last_para < para);
            if self.lows.len().is_multiple_of(SAMPLE) {
                self.samples.push(self.positions.len() as u32);
            }
            if self.runs.last().is_none_or(|run| run.high != high(para)) {
                self.runs.push(Run {
                    high: high(para),
                    start: self.lows.len() as u32,
                });
            }
            self.lows.push(para as u16);
            self.last_para = para;
            self.last = 0;
        }
        write_varint(&mut self.positions, flagged(position - self.last, first));
        self.last = position;
    }

    /// An empty list with room for exactly what `size` counted (see
    /// [`ListSize`]), so building it never reallocates and leaves no spare capacity.
    pub fn with_capacity(size: ListSize) -> Self {
        PostingList {
            lows: Vec::with_capacity(size.paras as usize),
            runs: Vec::with_capacity(size.runs as usize),
            samples: Vec::with_capacity((size.paras as usize).div_ceil(SAMPLE)),
            positions: Vec::with_capacity(size.position_bytes as usize),
            last_para: 0,
            last: 0,
        }
    }

    /// Number of paragraphs containing the term.
    pub fn doc_freq(&self) -> u32 {
        self.lows.len() as u32
    }

    /// The paragraphs containing the term, ascending.
    pub fn paras(&self) -> Paras<'_> {
        self.paras_from(0)
    }

    /// The paragraphs of entries `i..`, ascending.
    fn paras_from(&self, i: usize) -> Paras<'_> {
        let i = i.min(self.lows.len());
        let run = self.runs.partition_point(|r| r.start as usize <= i);
        let (lows, high) = match run.checked_sub(1) {
            Some(r) => (
                self.lows[i..self.run_entries(r).end].iter(),
                self.runs[r].high << 16,
            ),
            None => ([].iter(), 0),
        };
        Paras {
            list: self,
            lows,
            high,
            run,
        }
    }

    /// Entries `start..end` of run `r`.
    fn run_entries(&self, r: usize) -> std::ops::Range<usize> {
        let end = self
            .runs
            .get(r + 1)
            .map_or(self.lows.len(), |next| next.start as usize);
        self.runs[r].start as usize..end
    }

    /// The first entry whose paragraph is `para` or later.
    fn lower_bound(&self, para: u32) -> usize {
        let r = self.runs.partition_point(|run| run.high < high(para));
        match self.runs.get(r) {
            Some(run) if run.high == high(para) => {
                let entries = self.run_entries(r);
                let low = para as u16;
                entries.start + self.lows[entries].partition_point(|&l| l < low)
            }
            Some(run) => run.start as usize,
            None => self.lows.len(),
        }
    }

    /// A reader of the list's entries that is cheapest when they are read in
    /// ascending order, as queries do.
    pub fn cursor(&self) -> Cursor<'_> {
        Cursor {
            list: self,
            at: 0,
            entries: Entries {
                bytes: &self.positions,
            },
        }
    }

    /// The positions of the term in the `i`-th paragraph of this list, ascending.
    #[cfg(test)]
    pub fn positions_at(&self, i: usize) -> Vec<u32> {
        self.cursor().positions_at(i)
    }

    /// How often the term occurs in the `i`-th paragraph.
    #[cfg(test)]
    pub fn term_freq_at(&self, i: usize) -> u32 {
        self.cursor().term_freq_at(i)
    }

    /// The paragraphs of entries `range` of the list with the term's frequency
    /// there, in order: one pass over the positions, for scoring.
    pub fn iter_term_freqs_in(
        &self,
        range: std::ops::Range<usize>,
    ) -> impl Iterator<Item = (u32, u32)> + '_ {
        let mut cursor = self.cursor();
        self.paras_from(range.start)
            .zip(range)
            .map(move |(para, i)| (para, cursor.term_freq_at(i)))
    }

    /// The entries of the list whose paragraphs fall in `paras`.
    pub fn entries_in(&self, paras: std::ops::Range<u32>) -> std::ops::Range<usize> {
        let start = self.lower_bound(paras.start);
        start..self.lower_bound(paras.end).max(start)
    }

    /// Index of `para` in this list, if the term occurs there.
    pub fn find(&self, para: u32) -> Option<usize> {
        let r = self
            .runs
            .binary_search_by_key(&high(para), |run| run.high)
            .ok()?;
        let entries = self.run_entries(r);
        let start = entries.start;
        self.lows[entries]
            .binary_search(&(para as u16))
            .ok()
            .map(|k| start + k)
    }

    pub fn heap_bytes(&self) -> usize {
        self.lows.capacity() * 2
            + self.runs.capacity() * std::mem::size_of::<Run>()
            + self.samples.capacity() * 4
            + self.positions.capacity()
    }
}

/// The paragraph ids of a list, ascending, from some entry on.
pub struct Paras<'a> {
    list: &'a PostingList,
    /// The rest of the current run's low bits.
    lows: std::slice::Iter<'a, u16>,
    /// High bits of the current run, shifted into place.
    high: u32,
    /// The next run to enter.
    run: usize,
}

impl Iterator for Paras<'_> {
    type Item = u32;

    #[inline]
    fn next(&mut self) -> Option<u32> {
        loop {
            if let Some(&low) = self.lows.next() {
                return Some(self.high | u32::from(low));
            }
            let run = self.list.runs.get(self.run)?;
            self.high = run.high << 16;
            self.lows = self.list.lows[self.list.run_entries(self.run)].iter();
            self.run += 1;
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let later = self
            .list
            .runs
            .get(self.run)
            .map_or(0, |run| self.list.lows.len() - run.start as usize);
        let left = self.lows.len() + later;
        (left, Some(left))
    }
}

impl ExactSizeIterator for Paras<'_> {}

/// Entries of one list read in any order: reading entry `i` after entry `j < i`
/// of the same [`SAMPLE`] block skips only the entries between them, so a walk
/// forward through the list decodes each entry once.
pub struct Cursor<'a> {
    list: &'a PostingList,
    /// The entry `entries` starts at.
    at: usize,
    entries: Entries<'a>,
}

impl Cursor<'_> {
    /// Moves to the start of entry `i`: forward within its block, else from
    /// the block's offset sample.
    fn seek(&mut self, i: usize) {
        if i < self.at || i / SAMPLE > self.at / SAMPLE {
            self.at = i / SAMPLE * SAMPLE;
            self.entries = Entries {
                bytes: &self.list.positions[self.list.samples[i / SAMPLE] as usize..],
            };
        }
        while self.at < i {
            self.entries.skip_entry();
            self.at += 1;
        }
    }

    /// How often the term occurs in the `i`-th paragraph of the list.
    pub fn term_freq_at(&mut self, i: usize) -> u32 {
        self.seek(i);
        self.at += 1;
        self.entries.skip_entry()
    }

    /// The positions of the term in the `i`-th paragraph of the list, ascending.
    pub fn positions_at(&mut self, i: usize) -> Vec<u32> {
        self.seek(i);
        self.at += 1;
        let mut out = Vec::with_capacity(2);
        let mut position = 0u32;
        while let Some(delta) = self.entries.next_in_entry(out.is_empty()) {
            position += delta;
            out.push(position);
        }
        out
    }
}

/// A cursor over encoded positions, at the start of an entry or inside one.
struct Entries<'a> {
    bytes: &'a [u8],
}

impl Entries<'_> {
    /// The next position delta of the current entry; `None` at the next
    /// entry's first position or the end. `first` says the cursor is at the
    /// start of an entry, whose first position carries the flag.
    fn next_in_entry(&mut self, first: bool) -> Option<u32> {
        let &b = self.bytes.first()?;
        if !first && b & 1 == 1 {
            return None;
        }
        Some((read_varint(&mut self.bytes) >> 1) as u32)
    }

    /// Moves past the current entry, returning how many positions it held.
    fn skip_entry(&mut self) -> u32 {
        let mut count = 0;
        while self.next_in_entry(count == 0).is_some() {
            count += 1;
        }
        count
    }
}

/// What a list will hold, counted before it is built.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ListSize {
    pub paras: u32,
    pub runs: u32,
    pub position_bytes: u32,
}

impl ListSize {
    /// Bytes the list's paragraph ids and positions take.
    pub fn bytes(&self) -> u64 {
        2 * u64::from(self.paras)
            + std::mem::size_of::<Run>() as u64 * u64::from(self.runs)
            + u64::from(self.position_bytes)
    }
}

/// Counts occurrences the way [`PostingList::push`] stores them.
#[derive(Debug, Clone, Copy, Default)]
pub struct SizeCounter {
    pub size: ListSize,
    first_para: u32,
    last_para: u32,
    last_position: u32,
}

impl SizeCounter {
    pub fn count(&mut self, para: u32, position: u32) {
        let first = self.size.paras == 0 || self.last_para != para;
        let delta = if first {
            if self.size.paras == 0 {
                self.first_para = para;
                self.size.runs = 1;
            } else if high(self.last_para) != high(para) {
                self.size.runs += 1;
            }
            self.last_para = para;
            self.size.paras += 1;
            position
        } else {
            position - self.last_position
        };
        self.size.position_bytes += varint_len(flagged(delta, first));
        self.last_position = position;
    }

    /// Adds what `later` counted over paragraphs that all come after this
    /// one's: the sizes add up, but a run of paragraph ids may span both.
    pub fn append(&mut self, later: &SizeCounter) {
        if later.size.paras == 0 {
            return;
        }
        debug_assert!(self.size.paras == 0 || self.last_para < later.first_para);
        let shared = self.size.paras > 0 && high(self.last_para) == high(later.first_para);
        if self.size.paras == 0 {
            self.first_para = later.first_para;
        }
        self.size.paras += later.size.paras;
        self.size.runs += later.size.runs - u32::from(shared);
        self.size.position_bytes += later.size.position_bytes;
        self.last_para = later.last_para;
        self.last_position = later.last_position;
    }
}

fn varint_len(value: u64) -> u32 {
    // 7 bits per byte, at least one byte.
    (64 - value.leading_zeros()).max(1).div_ceil(7)
}

pub(super) fn write_varint(out: &mut Vec<u8>, mut value: u64) {
    while value >= 0x80 {
        out.push((value as u8 & 0x7f) | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

/// Reads one varint written by [`write_varint`] and advances past it.
///
/// # Panics
/// When `bytes` ends inside a varint or is empty: streams are written whole.
pub(super) fn read_varint(bytes: &mut &[u8]) -> u64 {
    let mut value = 0u64;
    let mut shift = 0;
    loop {
        let (&b, rest) = bytes.split_first().expect("a whole varint");
        *bytes = rest;
        value |= u64::from(b & 0x7f) << shift;
        if b & 0x80 == 0 {
            return value;
        }
        shift += 7;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn push_groups_positions_by_paragraph() {
        let mut list = PostingList::default();
        for (para, pos) in [(1, 0), (1, 4), (1, 300), (3, 2)] {
            list.push(para, pos);
        }
        assert_eq!(list.paras().collect::<Vec<_>>(), [1, 3]);
        assert_eq!(list.positions_at(0), [0, 4, 300]);
        assert_eq!(list.term_freq_at(0), 3);
        assert_eq!(list.term_freq_at(1), 1);
        list.push(7, 70_000);
        assert_eq!(list.paras().collect::<Vec<_>>(), [1, 3, 7]);
        assert_eq!(list.positions_at(2), [70_000]);
        assert_eq!(list.find(3), Some(1));
        let freqs: Vec<(u32, u32)> = list.iter_term_freqs_in(0..3).collect();
        assert_eq!(freqs, [(1, 3), (3, 1), (7, 1)]);
        assert_eq!(list.entries_in(2..8), 1..3);
        assert_eq!(list.entries_in(4..7), 2..2);
        let part: Vec<(u32, u32)> = list.iter_term_freqs_in(list.entries_in(0..3)).collect();
        assert_eq!(part, [(1, 3)]);
    }

    #[test]
    fn varints_read_back_what_was_written() {
        let values: [u64; 9] = [
            0,
            1,
            127,
            128,
            16_383,
            16_384,
            2_097_151,
            2_097_152,
            (u64::from(u32::MAX) << 1) | 1,
        ];
        let mut bytes = Vec::new();
        for &v in &values {
            write_varint(&mut bytes, v);
        }
        assert_eq!(bytes.len(), 1 + 1 + 1 + 2 + 2 + 3 + 3 + 4 + 5);
        let mut rest = bytes.as_slice();
        let read: Vec<u64> = values.iter().map(|_| read_varint(&mut rest)).collect();
        assert_eq!(read, values);
        assert!(rest.is_empty());
    }

    #[test]
    fn counted_sizes_are_exactly_what_push_stores() {
        let occurrences = [
            (0, 0),
            (0, 127),
            (0, 128),
            (0, 20_000),
            (2, 5),
            (9, 0),
            (9, 16_384),
            (9, 16_385),
            (11, 2_097_152),
            (11, u32::MAX),
        ];
        let mut counter = SizeCounter::default();
        let mut grown = PostingList::default();
        for &(para, position) in &occurrences {
            counter.count(para, position);
            grown.push(para, position);
        }
        assert_eq!(counter.size.paras as usize, grown.lows.len());
        assert_eq!(counter.size.runs as usize, grown.runs.len());
        assert_eq!(counter.size.position_bytes as usize, grown.positions.len());
        let mut exact = PostingList::with_capacity(counter.size);
        for &(para, position) in &occurrences {
            exact.push(para, position);
        }
        assert_eq!(exact.heap_bytes() as u64, {
            counter.size.bytes() + grown.samples.len() as u64 * 4
        });
        assert_eq!(exact.positions_at(3), [2_097_152, u32::MAX]);
    }

    /// Lists of many paragraphs (past several offset samples), with positions
    /// that are zero, repeated gaps or huge, read back every way a query reads them.
    fn model() -> impl Strategy<Value = Vec<(u32, Vec<u32>)>> {
        let positions = prop::collection::btree_set(
            prop_oneof![0u32..4, 0u32..200, Just(u32::MAX), any::<u32>()],
            1..6,
        );
        // Gaps of a few paragraphs, and some that cross into other runs of ids.
        let gap = prop_oneof![8 => 1u32..50, 1 => 60_000u32..140_000, 1 => Just(65_536)];
        prop::collection::vec((gap, positions), 0..70).prop_map(|entries| {
            let mut para = 0u32;
            entries
                .into_iter()
                .map(|(gap, ps)| {
                    para += gap;
                    (para, ps.into_iter().collect())
                })
                .collect()
        })
    }

    proptest! {
        #[test]
        fn lists_read_back_every_entry(entries in model(), a in 0usize..80, b in 0usize..80) {
            let mut counter = SizeCounter::default();
            for (para, ps) in &entries {
                for &p in ps {
                    counter.count(*para, p);
                }
            }
            let mut list = PostingList::with_capacity(counter.size);
            for (para, ps) in &entries {
                for &p in ps {
                    list.push(*para, p);
                }
            }
            prop_assert_eq!(list.positions.len(), counter.size.position_bytes as usize);
            prop_assert_eq!(list.lows.len(), counter.size.paras as usize);
            prop_assert_eq!(list.runs.len(), counter.size.runs as usize);
            // Counted in two pieces split anywhere, the sizes add up to the same.
            let split = a.min(entries.len());
            let (mut before, mut after) = (SizeCounter::default(), SizeCounter::default());
            for (i, (para, ps)) in entries.iter().enumerate() {
                for &p in ps {
                    if i < split { before.count(*para, p) } else { after.count(*para, p) }
                }
            }
            before.append(&after);
            prop_assert_eq!(before.size, counter.size);
            let paras: Vec<u32> = entries.iter().map(|(para, _)| *para).collect();
            prop_assert_eq!(list.paras().collect::<Vec<_>>(), paras.clone());
            for (i, (para, ps)) in entries.iter().enumerate() {
                prop_assert_eq!(list.paras_from(i).next(), Some(*para));
                prop_assert_eq!(list.paras_from(i).len(), entries.len() - i);
                prop_assert_eq!(&list.positions_at(i), ps);
                prop_assert_eq!(list.term_freq_at(i), ps.len() as u32);
                prop_assert_eq!(list.find(*para), Some(i));
                prop_assert_eq!(list.find(para + 1), paras.binary_search(&(para + 1)).ok());
                prop_assert_eq!(list.find(para.wrapping_sub(1)), paras.binary_search(&para.wrapping_sub(1)).ok());
            }
            // Entries in any range of paragraph ids, near entries or not.
            let probes: Vec<u32> = paras
                .iter()
                .flat_map(|&p| [p.saturating_sub(1), p, p + 1, p & !0xffff, p | 0xffff])
                .chain([0, u32::MAX])
                .collect();
            for &lo in &probes {
                for &hi in probes.iter().step_by(3) {
                    let start = paras.partition_point(|&p| p < lo);
                    let end = paras.partition_point(|&p| p < hi).max(start);
                    prop_assert_eq!(list.entries_in(lo..hi), start..end);
                }
            }
            // One cursor, entries read forward, backward and repeated.
            let mut cursor = list.cursor();
            for k in [a, b, a, a + 1, b + 17, 0, b] {
                if let Some((_, ps)) = entries.get(k) {
                    prop_assert_eq!(cursor.term_freq_at(k), ps.len() as u32);
                    prop_assert_eq!(&cursor.positions_at(k), ps);
                }
            }
            let range = a.min(b).min(entries.len())..a.max(b).min(entries.len());
            let got: Vec<(u32, u32)> = list.iter_term_freqs_in(range.clone()).collect();
            let want: Vec<(u32, u32)> = entries[range]
                .iter()
                .map(|(para, ps)| (*para, ps.len() as u32))
                .collect();
            prop_assert_eq!(got, want);
        }
    }
}
