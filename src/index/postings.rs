//! Postings: for one term, the paragraphs it occurs in and its positions there.

/// Sorted paragraph ids with term frequencies and token positions.
///
/// Positions are kept in one flat buffer per term (`offsets[i]..offsets[i+1]` are
/// the positions in `paras[i]`) so a term costs three allocations, not one per hit.
#[derive(Debug, Clone, Default)]
pub struct PostingList {
    paras: Vec<u32>,
    offsets: Vec<u32>,
    positions: Vec<u32>,
}

impl PostingList {
    /// Appends an occurrence; paragraphs must arrive in ascending order.
    pub fn push(&mut self, para: u32, position: u32) {
        if self.paras.last() != Some(&para) {
            debug_assert!(self.paras.last().is_none_or(|&p| p < para));
            self.paras.push(para);
            self.offsets.push(self.positions.len() as u32);
        }
        self.positions.push(position);
    }

    /// Appends another list whose paragraphs all come after this one's.
    pub fn append(&mut self, other: &PostingList) {
        let base = self.positions.len() as u32;
        self.paras.extend_from_slice(&other.paras);
        self.offsets.extend(other.offsets.iter().map(|o| o + base));
        self.positions.extend_from_slice(&other.positions);
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

    /// The positions of the term in the `i`-th paragraph of this list.
    pub fn positions_at(&self, i: usize) -> &[u32] {
        let start = self.offsets[i] as usize;
        let end = self
            .offsets
            .get(i + 1)
            .map_or(self.positions.len(), |&e| e as usize);
        &self.positions[start..end]
    }

    pub fn term_freq_at(&self, i: usize) -> u32 {
        self.positions_at(i).len() as u32
    }

    /// Index of `para` in this list, if the term occurs there.
    pub fn find(&self, para: u32) -> Option<usize> {
        self.paras.binary_search(&para).ok()
    }

    pub fn heap_bytes(&self) -> usize {
        (self.paras.capacity() + self.offsets.capacity() + self.positions.capacity()) * 4
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn push_groups_positions_by_paragraph() {
        let mut list = PostingList::default();
        for (para, pos) in [(1, 0), (1, 4), (3, 2)] {
            list.push(para, pos);
        }
        assert_eq!(list.paras(), [1, 3]);
        assert_eq!(list.positions_at(0), [0, 4]);
        assert_eq!(list.term_freq_at(1), 1);
        let mut more = PostingList::default();
        more.push(7, 9);
        list.append(&more);
        assert_eq!(list.paras(), [1, 3, 7]);
        assert_eq!(list.positions_at(2), [9]);
        assert_eq!(list.find(3), Some(1));
    }
}
