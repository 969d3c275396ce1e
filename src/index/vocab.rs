//! The vocabulary and query-term expansion.
//!
//! A query term is matched against the vocabulary, never against paragraph text:
//! exact, then prefix (`soleim` → soleimani), then typo (one or two edits:
//! `soliemani`), then fuzzy-matcher subsequences (`bagdad` → baghdad). Each
//! expansion carries a weight so exact hits rank above guesses.

use std::collections::HashMap;

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use hashbrown::HashTable;
use rustc_hash::FxBuildHasher;

/// How a vocabulary term matched a query term.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum MatchQuality {
    Exact,
    Prefix,
    Typo,
    Fuzzy,
}

/// One vocabulary term a query term expands to.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Expansion {
    pub term: u32,
    pub weight: f32,
    pub quality: MatchQuality,
}

/// Expansions kept per query term; rarer ones add noise and cost.
pub const MAX_EXPANSIONS: usize = 24;
/// Postings that the non-exact expansions of one term may bring in together.
pub const GUESS_POSTINGS_BUDGET: u32 = 150_000;

#[derive(Debug, Default)]
pub struct Vocab {
    terms: Vec<Box<str>>,
    /// Term ids, found by their term's hash: the text itself is in `terms`.
    ids: HashTable<u32>,
    /// Term ids sorted by term, for prefix ranges.
    sorted: Vec<u32>,
    /// Term ids grouped by first char, for typo and fuzzy candidates.
    by_first_char: HashMap<char, Vec<u32>>,
    /// Per term, the characters it contains (`char_mask`).
    masks: Vec<u64>,
}

/// The characters of a term as a bit set: a–z and 0–9 one bit each, anything else
/// hashed into the rest. A query character missing from a term costs at least one
/// edit, so the masks rule out most typo and subsequence candidates before any
/// string is compared.
fn char_mask(term: &str) -> u64 {
    term.chars().fold(0, |mask, c| {
        let bit = match c {
            'a'..='z' => c as u32 - 'a' as u32,
            '0'..='9' => 26 + c as u32 - '0' as u32,
            _ => 36 + c as u32 % 28,
        };
        mask | 1 << bit
    })
}

fn hash(term: &str) -> u64 {
    use std::hash::BuildHasher;
    FxBuildHasher.hash_one(term)
}

impl Vocab {
    pub fn len(&self) -> usize {
        self.terms.len()
    }

    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    pub fn term(&self, id: u32) -> &str {
        &self.terms[id as usize]
    }

    pub fn id(&self, term: &str) -> Option<u32> {
        let terms = &self.terms;
        self.ids
            .find(hash(term), |&id| &*terms[id as usize] == term)
            .copied()
    }

    /// Adds a term (or finds it) and returns its id.
    pub fn intern(&mut self, term: &str) -> u32 {
        if let Some(id) = self.id(term) {
            return id;
        }
        let id = self.terms.len() as u32;
        self.terms.push(term.into());
        let terms = &self.terms;
        self.ids
            .insert_unique(hash(term), id, |&id| hash(&terms[id as usize]));
        id
    }

    /// Builds the lookup tables once every term is interned.
    pub fn finish(&mut self) {
        let mut sorted: Vec<u32> = (0..self.terms.len() as u32).collect();
        sorted.sort_unstable_by(|&a, &b| self.terms[a as usize].cmp(&self.terms[b as usize]));
        self.sorted = sorted;
        self.masks = self.terms.iter().map(|t| char_mask(t)).collect();
        self.by_first_char.clear();
        for (id, term) in self.terms.iter().enumerate() {
            if let Some(c) = term.chars().next() {
                self.by_first_char.entry(c).or_default().push(id as u32);
            }
        }
    }

    /// Terms starting with `prefix`, as a slice of ids in term order.
    pub fn prefix_range(&self, prefix: &str) -> &[u32] {
        let start = self
            .sorted
            .partition_point(|&id| &*self.terms[id as usize] < prefix);
        let len =
            self.sorted[start..].partition_point(|&id| self.terms[id as usize].starts_with(prefix));
        &self.sorted[start..start + len]
    }

    /// Expands a folded query term. `doc_freq` breaks ties toward common terms.
    pub fn expand(&self, query: &str, doc_freq: impl Fn(u32) -> u32) -> Vec<Expansion> {
        let mut out: HashMap<u32, Expansion> = HashMap::new();
        let mut add = |term: u32, weight: f32, quality: MatchQuality| {
            let e = out.entry(term).or_insert(Expansion {
                term,
                weight,
                quality,
            });
            if weight > e.weight {
                *e = Expansion {
                    term,
                    weight,
                    quality,
                };
            }
        };
        let qlen = query.chars().count();
        if qlen == 0 {
            return Vec::new();
        }
        let exact = self.id(query);
        if let Some(id) = exact {
            add(id, 1.0, MatchQuality::Exact);
        }
        // Prefixes: prefer the most frequent completions, shorter ones slightly higher.
        let mut prefixed: Vec<u32> = self.prefix_range(query).to_vec();
        if prefixed.len() > MAX_EXPANSIONS * 4 {
            prefixed.sort_unstable_by_key(|&id| std::cmp::Reverse(doc_freq(id)));
            prefixed.truncate(MAX_EXPANSIONS * 4);
        }
        for id in prefixed {
            let tlen = self.terms[id as usize].chars().count();
            add(
                id,
                0.75 + 0.2 * qlen as f32 / tlen as f32,
                MatchQuality::Prefix,
            );
        }
        // A word the corpus contains is taken as meant: `iran` must not drift to
        // `iraq`. Typos and subsequences only rescue words that are not there.
        if qlen >= 3 && exact.is_none() {
            self.typo_and_fuzzy(query, qlen, &mut add);
        }
        let mut expansions: Vec<Expansion> = out.into_values().collect();
        expansions.sort_by(|a, b| {
            b.weight
                .total_cmp(&a.weight)
                .then_with(|| doc_freq(b.term).cmp(&doc_freq(a.term)))
                .then(a.term.cmp(&b.term))
        });
        // Guesses share a postings budget, so a one-letter prefix cannot drag in
        // every common word; the exact term is always kept.
        let mut budget = GUESS_POSTINGS_BUDGET;
        expansions.retain(|e| {
            if e.quality == MatchQuality::Exact {
                return true;
            }
            let df = doc_freq(e.term);
            let keep = df <= budget;
            if keep {
                budget -= df;
            }
            keep
        });
        expansions.truncate(MAX_EXPANSIONS);
        expansions
    }

    fn typo_and_fuzzy(
        &self,
        query: &str,
        qlen: usize,
        add: &mut impl FnMut(u32, f32, MatchQuality),
    ) {
        let Some(first) = query.chars().next() else {
            return;
        };
        let Some(candidates) = self.by_first_char.get(&first) else {
            return;
        };
        let budget = if qlen >= 8 {
            2
        } else if qlen >= 4 {
            1
        } else {
            0
        };
        let matcher = SkimMatcherV2::default();
        let self_score = matcher.fuzzy_match(query, query).unwrap_or(1).max(1) as f32;
        let max_len = qlen + (qlen / 2).max(2);
        let query_mask = char_mask(query);
        for &id in candidates {
            // Query characters the term lacks: each needs an edit, and a subsequence
            // match needs none missing.
            let missing = (query_mask & !self.masks[id as usize]).count_ones() as usize;
            if missing > budget {
                continue;
            }
            let term = &*self.terms[id as usize];
            let tlen = term.len(); // bytes: a cheap upper bound for chars
            if tlen > max_len * 4 {
                continue;
            }
            let tchars = term.chars().count();
            if budget > 0 && tchars.abs_diff(qlen) <= budget {
                let distance = strsim::damerau_levenshtein(query, term);
                if distance > 0 && distance <= budget {
                    add(id, 0.72 - 0.1 * (distance - 1) as f32, MatchQuality::Typo);
                    continue;
                }
            }
            if missing > 0 || tchars > max_len || tchars < qlen {
                continue;
            }
            if let Some(score) = matcher.fuzzy_match(term, query) {
                let quality = score as f32 / self_score;
                // Subsequences with big gaps are noise ("iran" in "itinerant").
                if quality >= 0.55 {
                    add(id, 0.35 + 0.3 * quality.min(1.0), MatchQuality::Fuzzy);
                }
            }
        }
    }

    pub fn heap_bytes(&self) -> usize {
        // Text, its box, and an id slot (with its control byte) in a table at most half empty.
        self.terms.iter().map(|t| t.len() + 24).sum::<usize>()
            + self.sorted.len() * 8
            + self.masks.len() * 8
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vocab(words: &[&str]) -> Vocab {
        let mut v = Vocab::default();
        for w in words {
            v.intern(w);
        }
        v.finish();
        v
    }

    fn expand(v: &Vocab, q: &str) -> Vec<(String, MatchQuality)> {
        v.expand(q, |_| 1)
            .into_iter()
            .map(|e| (v.term(e.term).to_owned(), e.quality))
            .collect()
    }

    #[test]
    fn exact_prefix_typo_fuzzy() {
        let v = vocab(&[
            "baghdad",
            "bags",
            "soleimani",
            "sole",
            "iran",
            "iraq",
            "itinerant",
            "kerry",
        ]);
        assert!(!expand(&v, "iran").iter().any(|(t, _)| t == "iraq"));
        assert_eq!(expand(&v, "iran")[0], ("iran".into(), MatchQuality::Exact));
        assert!(expand(&v, "soleim").contains(&("soleimani".into(), MatchQuality::Prefix)));
        assert!(expand(&v, "soliemani").contains(&("soleimani".into(), MatchQuality::Typo)));
        assert!(expand(&v, "bagdad").iter().any(|(t, _)| t == "baghdad"));
        assert!(!expand(&v, "iran").iter().any(|(t, _)| t == "itinerant"));
    }

    #[test]
    fn exact_outranks_guesses() {
        let v = vocab(&["iraq", "iran", "irate"]);
        let e = v.expand("iraq", |_| 1);
        assert_eq!(v.term(e[0].term), "iraq");
        assert!(e.iter().skip(1).all(|x| x.weight < e[0].weight));
    }

    #[test]
    fn masks_never_rule_out_a_real_match() {
        let words = [
            "baghdad",
            "bahgdad",
            "soleimani",
            "suleimani",
            "kerry",
            "ikerry",
            "naïve",
            "2024",
            "20244",
            "iran",
            "irna",
            "rian",
            "itinerant",
            "sole",
            "bags",
        ];
        let filtered = vocab(&words);
        // The same vocabulary with masks that rule nothing out.
        let mut open = vocab(&words);
        open.masks.iter_mut().for_each(|m| *m = u64::MAX);
        let mut rng = fastrand::Rng::with_seed(7);
        let mut queries: Vec<String> = ["bagdad", "soliemani", "kery", "naive", "2042", "irann"]
            .map(String::from)
            .to_vec();
        // Random edits of the words: drops, swaps and substitutions.
        for _ in 0..400 {
            let mut w: Vec<char> = words[rng.usize(..words.len())].chars().collect();
            for _ in 0..rng.usize(1..3) {
                let i = rng.usize(..w.len());
                match rng.u8(..3) {
                    0 if w.len() > 1 => {
                        w.remove(i);
                    }
                    1 if i + 1 < w.len() => w.swap(i, i + 1),
                    _ => w[i] = rng.alphabetic().to_ascii_lowercase(),
                }
            }
            queries.push(w.into_iter().collect());
        }
        for q in &queries {
            assert_eq!(expand(&filtered, q), expand(&open, q), "query {q}");
        }
        assert_eq!(char_mask("abc") & !char_mask("cab"), 0);
        assert_ne!(char_mask("abd") & !char_mask("abc"), 0);
    }

    #[test]
    fn prefix_range_is_exact() {
        let v = vocab(&["ab", "abc", "abd", "b", "aa"]);
        let mut got: Vec<&str> = v.prefix_range("ab").iter().map(|&i| v.term(i)).collect();
        got.sort();
        assert_eq!(got, ["ab", "abc", "abd"]);
    }
}
