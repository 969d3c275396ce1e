//! Finding entities by name for `@name` queries and alias expansion, without
//! scanning every entity: sorted folded forms for exact and prefix matches, a word
//! index, and Jaro-Winkler only over words (or forms) with the same first letter.

use std::collections::HashMap;

use strsim::jaro_winkler;

use super::Entity;
use super::gazetteer::fold;

/// Forms compared by Jaro-Winkler must score at least this.
const FUZZY_FLOOR: f64 = 0.88;
/// Prefix matches considered per look-up.
const MAX_PREFIX_FORMS: usize = 256;

#[derive(Debug, Clone, Default)]
pub struct NameLookup {
    /// Folded canonical names and aliases with their entity, sorted.
    forms: Vec<(String, u32)>,
    /// Each word of a folded form → entities (deduplicated).
    words: HashMap<String, Vec<u32>>,
    /// Distinct words (keys of `words`) by first letter, for fuzzy candidates.
    words_by_first: HashMap<char, Vec<String>>,
    /// The same by second letter: a query missing the first letter (`holodenko`).
    words_by_second: HashMap<char, Vec<String>>,
}

impl NameLookup {
    pub fn new(entities: &[Entity]) -> Self {
        let mut forms: Vec<(String, u32)> = Vec::new();
        for (i, e) in entities.iter().enumerate() {
            let mut names: Vec<String> = std::iter::once(e.canonical.as_str())
                .chain(e.aliases.iter().map(|a| a.0.as_str()))
                .map(fold)
                .collect();
            names.sort();
            names.dedup();
            forms.extend(
                names
                    .into_iter()
                    .filter(|n| !n.is_empty())
                    .map(|n| (n, i as u32)),
            );
        }
        forms.sort();
        forms.dedup();
        let mut words: HashMap<String, Vec<u32>> = HashMap::new();
        for (form, id) in &forms {
            for w in form.split([' ', '-']).filter(|w| !w.is_empty()) {
                let list = words.entry(w.to_owned()).or_default();
                if list.last() != Some(id) {
                    list.push(*id);
                }
            }
        }
        let mut words_by_first: HashMap<char, Vec<String>> = HashMap::new();
        let mut words_by_second: HashMap<char, Vec<String>> = HashMap::new();
        for w in words.keys() {
            let mut chars = w.chars();
            if let Some(c) = chars.next() {
                words_by_first.entry(c).or_default().push(w.clone());
            }
            if let Some(c) = chars.next() {
                words_by_second.entry(c).or_default().push(w.clone());
            }
        }
        NameLookup {
            forms,
            words,
            words_by_first,
            words_by_second,
        }
    }

    /// Entities matching `name`, with scores: exact alias 1.0, a word or prefix of
    /// an alias 0.9, else Jaro-Winkler ≥ 0.88 (scaled by 0.85) on a word or the
    /// whole form. Unordered.
    pub fn find(&self, name: &str) -> Vec<(usize, f64)> {
        let q = fold(name.trim().trim_start_matches('@'));
        if q.is_empty() {
            return Vec::new();
        }
        let mut best: HashMap<u32, f64> = HashMap::new();
        let note = |best: &mut HashMap<u32, f64>, id: u32, score: f64| {
            let slot = best.entry(id).or_insert(0.0);
            *slot = slot.max(score);
        };
        let start = self.forms.partition_point(|(f, _)| f.as_str() < q.as_str());
        for (form, id) in self.forms[start..]
            .iter()
            .take_while(|(f, _)| f.starts_with(&q))
            .take(MAX_PREFIX_FORMS)
        {
            note(&mut best, *id, if *form == q { 1.0 } else { 0.9 });
        }
        if let Some(ids) = self.words.get(&q) {
            for &id in ids {
                note(&mut best, id, 0.9);
            }
        }
        if best.is_empty() {
            self.fuzzy(&q, &mut |id, score| note(&mut best, id, score));
        }
        best.into_iter().map(|(id, s)| (id as usize, s)).collect()
    }

    fn fuzzy(&self, q: &str, note: &mut impl FnMut(u32, f64)) {
        let Some(first) = q.chars().next() else {
            return;
        };
        let qlen = q.chars().count();
        if q.contains(' ') {
            // A misspelt full name: compare whole forms sharing the first letter.
            let start = self
                .forms
                .partition_point(|(f, _)| f.chars().next() < Some(first));
            for (form, id) in self.forms[start..]
                .iter()
                .take_while(|(f, _)| f.starts_with(first))
            {
                if form.chars().count().abs_diff(qlen) <= 4 {
                    let s = jaro_winkler(form, q);
                    if s >= FUZZY_FLOOR {
                        note(*id, s * 0.85);
                    }
                }
            }
            return;
        }
        // Candidates share the first letter, or one side has an extra first letter.
        let second = q.chars().nth(1);
        let candidates = self
            .words_by_first
            .get(&first)
            .into_iter()
            .chain(self.words_by_second.get(&first))
            .chain(second.and_then(|c| self.words_by_first.get(&c)))
            .flatten();
        for w in candidates {
            if w.chars().count().abs_diff(qlen) > 3 {
                continue;
            }
            let s = jaro_winkler(w, q);
            if s >= FUZZY_FLOOR {
                for &id in &self.words[w] {
                    note(id, s * 0.85);
                }
            }
        }
    }
}
