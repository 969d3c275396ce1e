//! Questions asked of an entity table: who appears with whom, and `@name` look-ups.

use std::collections::HashMap;

use super::EntityTable;
use super::lookup::NameLookup;

impl EntityTable {
    /// Entities sharing paragraphs with `entity`, with the number of shared paragraphs,
    /// most shared first.
    pub fn co_mentions(&self, entity: usize) -> Vec<(usize, u32)> {
        let Some(e) = self.entities.get(entity) else {
            return Vec::new();
        };
        let mut paras: Vec<(u32, u32)> = e.mentions.iter().map(|m| (m.doc, m.para)).collect();
        paras.sort_unstable();
        paras.dedup();
        let mut counts: HashMap<usize, u32> = HashMap::new();
        for (i, other) in self.entities.iter().enumerate() {
            if i == entity {
                continue;
            }
            let mut seen: Vec<(u32, u32)> = other
                .mentions
                .iter()
                .map(|m| (m.doc, m.para))
                .filter(|p| paras.binary_search(p).is_ok())
                .collect();
            seen.dedup();
            if !seen.is_empty() {
                counts.insert(i, seen.len() as u32);
            }
        }
        let mut out: Vec<(usize, u32)> = counts.into_iter().collect();
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
