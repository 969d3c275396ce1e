//! Questions asked of an entity table: who appears with whom, and `@name` look-ups.

use std::collections::HashMap;

use super::EntityTable;
use super::lookup::NameLookup;

impl EntityTable {
    /// Entities sharing paragraphs with `entity`, with the number of shared paragraphs,
    /// most shared first.
    pub fn co_mentions(&self, entity: usize) -> Vec<(usize, u32)> {
        match self.entities.get(entity) {
            Some(e) => self.co_mentions_in(entity, &e.mentions.paragraphs()),
            None => Vec::new(),
        }
    }

    /// [`Self::co_mentions`] given the entity's paragraphs (global numbers,
    /// ascending): touches only those paragraphs' mentions.
    pub fn co_mentions_in(&self, entity: usize, paragraphs: &[u32]) -> Vec<(usize, u32)> {
        let mut counts: HashMap<u32, u32> = HashMap::new();
        for &p in paragraphs {
            let mut seen: Vec<u32> = self
                .para_mentions(p)
                .iter()
                .map(|m| m.entity)
                .filter(|&e| e as usize != entity)
                .collect();
            seen.sort_unstable();
            seen.dedup();
            for e in seen {
                *counts.entry(e).or_insert(0) += 1;
            }
        }
        let mut out: Vec<(usize, u32)> = counts.into_iter().map(|(e, n)| (e as usize, n)).collect();
        out.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        out
    }

    /// Fuzzy look-up by name or alias (for `@name` queries), best first: an exact alias
    /// (1.0), a word or prefix of an alias (0.9), else Jaro-Winkler ≥ 0.88 against an
    /// alias or one of its words. Ties go to the most mentioned entity.
    pub fn find(&self, name: &str) -> Vec<(usize, f64)> {
        let mut out = self
            .lookup
            .get_or_init(|| NameLookup::new(&self.entities))
            .find(name);
        out.sort_by(|a, b| {
            b.1.total_cmp(&a.1)
                .then_with(|| {
                    self.entities[b.0]
                        .mentions
                        .len()
                        .cmp(&self.entities[a.0].mentions.len())
                })
                .then(a.0.cmp(&b.0))
        });
        out
    }
}
