//! Postings: for one term, the paragraphs it occurs in and its positions there.

/// Sorted paragraph ids, each with its token positions.
///
/// Positions are delta-encoded varints in one byte buffer per term
/// (`offsets[i]..offsets[i+1]` belong to `paras[i]`): most positions take one
/// byte instead of four, and a term costs three allocations, not one per hit.
/// Paragraph ids stay plain `u32` so a query can binary-search them.
#[derive(Debug, Clone, Default)]
pub struct PostingList {
    paras: Vec<u32>,
    offsets: Vec<u32>,
    positions: Vec<u8>,
    /// The last position pushed, for delta encoding while building.
    last: u32,
}

impl PostingList {
    /// Appends an occurrence; paragraphs must arrive in ascending order and
    /// positions ascending within a paragraph.
    pub fn push(&mut self, para: u32, position: u32) {
        if self.paras.last() != Some(&para) {
            debug_assert!(self.paras.last().is_none_or(|&p| p < para));
            self.paras.push(para);
            self.offsets.push(self.positions.len() as u32);
            self.last = 0;
        }
        write_varint(&mut self.positions, position - self.last);
        self.last = position;
    }

    /// An empty list with room for exactly `paras` paragraphs and
    /// `position_bytes` of encoded positions (see [`ListSize`]), so building it
    /// never reallocates and leaves no spare capacity.
    pub fn with_capacity(size: ListSize) -> Self {
        PostingList {
            paras: Vec::with_capacity(size.paras as usize),
            offsets: Vec::with_capacity(size.paras as usize),
            positions: Vec::with_capacity(size.position_bytes as usize),
            last: 0,
        }
    }

    pub fn shrink(&mut self) {
        self.paras.shrink_to_fit();
        self.offsets.shrink_to_fit();
        self.positions.shrink_to_fit();
    }

    /// Number of paragraphs containing the term.
    pub fn doc_freq(&self) -> u32 {
        self.paras.len() as u32
    }

    pub fn paras(&self) -> &[u32] {
        &self.paras
    }

    fn encoded_at(&self, i: usize) -> &[u8] {
        let start = self.offsets[i] as usize;
        let end = self
            .offsets
            .get(i + 1)
            .map_or(self.positions.len(), |&e| e as usize);
        &self.positions[start..end]
    }

    /// The positions of the term in the `i`-th paragraph of this list, ascending.
    pub fn positions_at(&self, i: usize) -> Vec<u32> {
        let mut out = Vec::with_capacity(2);
        let mut value = 0u32;
        let mut shift = 0;
        let mut position = 0u32;
        for &b in self.encoded_at(i) {
            value |= ((b & 0x7f) as u32) << shift;
            if b & 0x80 == 0 {
                position += value;
                out.push(position);
                value = 0;
                shift = 0;
            } else {
                shift += 7;
            }
        }
        out
    }

    /// How often the term occurs in the `i`-th paragraph (one varint per occurrence).
    pub fn term_freq_at(&self, i: usize) -> u32 {
        self.encoded_at(i)
            .iter()
            .filter(|&&b| b & 0x80 == 0)
            .count() as u32
    }

    /// The paragraphs of entries `range` of the list with the term's frequency
    /// there, in order: one pass over the offsets, for scoring.
    pub fn iter_term_freqs_in(
        &self,
        range: std::ops::Range<usize>,
    ) -> impl Iterator<Item = (u32, u32)> + '_ {
        let ends = self.offsets[range.start..].iter().skip(1).copied();
        let ends = ends.chain(std::iter::once(self.positions.len() as u32));
        self.paras[range.clone()]
            .iter()
            .zip(self.offsets[range].iter().zip(ends))
            .map(|(&para, (&start, end))| {
                let encoded = &self.positions[start as usize..end as usize];
                // One varint per occurrence: count the bytes that end one.
                let tf = encoded.iter().filter(|&&b| b & 0x80 == 0).count() as u32;
                (para, tf)
            })
    }

    /// The entries of the list whose paragraphs fall in `paras`.
    pub fn entries_in(&self, paras: std::ops::Range<u32>) -> std::ops::Range<usize> {
        let start = self.paras.partition_point(|&p| p < paras.start);
        let end = start + self.paras[start..].partition_point(|&p| p < paras.end);
        start..end
    }

    /// Index of `para` in this list, if the term occurs there.
    pub fn find(&self, para: u32) -> Option<usize> {
        self.paras.binary_search(&para).ok()
    }

    pub fn heap_bytes(&self) -> usize {
        (self.paras.capacity() + self.offsets.capacity()) * 4 + self.positions.capacity()
    }
}

/// What a list will hold, counted before it is built.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ListSize {
    pub paras: u32,
    pub position_bytes: u32,
}

/// Counts occurrences the way [`PostingList::push`] stores them.
#[derive(Debug, Clone, Copy)]
pub struct SizeCounter {
    pub size: ListSize,
    last_para: u32,
    last_position: u32,
}

impl Default for SizeCounter {
    fn default() -> Self {
        SizeCounter {
            size: ListSize::default(),
            last_para: u32::MAX,
            last_position: 0,
        }
    }
}

impl SizeCounter {
    pub fn count(&mut self, para: u32, position: u32) {
        let delta = if self.last_para == para {
            position - self.last_position
        } else {
            self.last_para = para;
            self.size.paras += 1;
            position
        };
        self.size.position_bytes += varint_len(delta);
        self.last_position = position;
    }
}

fn varint_len(value: u32) -> u32 {
    // 7 bits per byte, at least one byte.
    (32 - value.leading_zeros()).max(1).div_ceil(7)
}

pub(super) fn write_varint(out: &mut Vec<u8>, mut value: u32) {
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
pub(super) fn read_varint(bytes: &mut &[u8]) -> u32 {
    let mut value = 0u32;
    let mut shift = 0;
    loop {
        let (&b, rest) = bytes.split_first().expect("a whole varint");
        *bytes = rest;
        value |= ((b & 0x7f) as u32) << shift;
        if b & 0x80 == 0 {
            return value;
        }
        shift += 7;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn push_groups_positions_by_paragraph() {
        let mut list = PostingList::default();
        for (para, pos) in [(1, 0), (1, 4), (1, 300), (3, 2)] {
            list.push(para, pos);
        }
        assert_eq!(list.paras(), [1, 3]);
        assert_eq!(list.positions_at(0), [0, 4, 300]);
        assert_eq!(list.term_freq_at(0), 3);
        assert_eq!(list.term_freq_at(1), 1);
        list.push(7, 70_000);
        assert_eq!(list.paras(), [1, 3, 7]);
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
        let values = [
            0,
            1,
            127,
            128,
            16_383,
            16_384,
            2_097_151,
            2_097_152,
            u32::MAX,
        ];
        let mut bytes = Vec::new();
        for &v in &values {
            write_varint(&mut bytes, v);
        }
        assert_eq!(bytes.len(), 1 + 1 + 1 + 2 + 2 + 3 + 3 + 4 + 5);
        let mut rest = bytes.as_slice();
        let read: Vec<u32> = values.iter().map(|_| read_varint(&mut rest)).collect();
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
        assert_eq!(counter.size.paras as usize, grown.paras.len());
        assert_eq!(counter.size.position_bytes as usize, grown.positions.len());
        let mut exact = PostingList::with_capacity(counter.size);
        for &(para, position) in &occurrences {
            exact.push(para, position);
        }
        assert_eq!(
            exact.heap_bytes(),
            grown.paras.len() * 8 + grown.positions.len()
        );
        assert_eq!(exact.positions_at(3), [2_097_152, u32::MAX]);
    }
}
