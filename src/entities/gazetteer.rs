//! The gazetteer: general world knowledge (countries, cities, regions, major organisations,
//! given names, titles, words that are never names), loaded once from `assets/`.
//!
//! Known names are matched with one Aho-Corasick pass per paragraph; the word lists answer
//! token questions ("is this a demonym?", "a title?") through hash sets.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use super::EntityKind;

const COUNTRIES: &str = include_str!("../../assets/countries.tsv");
const PLACES: &str = include_str!("../../assets/places.tsv");
const ORGS: &str = include_str!("../../assets/orgs.tsv");
const GIVEN: &str = include_str!("../../assets/given_names.txt");
const TITLES: &str = include_str!("../../assets/titles.txt");
const NON_ENTITIES: &str = include_str!("../../assets/non_entities.txt");
const COMMON: &str = include_str!("../../assets/common_words.txt");

/// FxHash (rustc's hasher): the word sets are looked up for every capitalised word, and
/// SipHash's protection against crafted keys buys nothing for a fixed word list.
#[derive(Default, Clone, Copy)]
pub struct FxHasher(u64);

impl std::hash::Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let v = u64::from_le_bytes(c.try_into().expect("8 bytes"));
            self.0 = (self.0.rotate_left(5) ^ v).wrapping_mul(K);
        }
        for &b in chunks.remainder() {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(K);
        }
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

type FastBuild = std::hash::BuildHasherDefault<FxHasher>;
type FastSet = HashSet<String, FastBuild>;
type FastMap<K, V> = HashMap<K, V, FastBuild>;

/// One known surface form.
#[derive(Debug, Clone)]
pub struct GazEntry {
    pub surface: String,
    pub kind: EntityKind,
    /// Index into [`Gazetteer::canonicals`]: every alternate name of one thing shares it.
    pub canon: u32,
}

/// What the gazetteer knows, built once per process.
#[derive(Debug)]
pub struct Gazetteer {
    pub entries: Vec<GazEntry>,
    pub canonicals: Vec<(String, EntityKind)>,
    ac: AhoCorasick,
    /// Folded surface form → canonical index.
    by_fold: FastMap<String, u32>,
    demonyms: FastMap<String, u32>,
    demonyms_lower: FastSet,
    /// Every surface form exactly as listed (for cheap checks while tokenising).
    exact: FastSet,
    given: FastSet,
    titles: FastSet,
    non_entities: FastSet,
    common: FastSet,
}

/// A gazetteer hit in a paragraph (byte range, entry).
#[derive(Debug, Clone, Copy)]
pub struct GazHit {
    pub start: usize,
    pub end: usize,
    pub entry: u32,
}

static GAZETTEER: LazyLock<Gazetteer> = LazyLock::new(Gazetteer::build);

/// The process-wide gazetteer.
pub fn gazetteer() -> &'static Gazetteer {
    &GAZETTEER
}

/// Lower-cased ASCII fold used for every comparison of names.
pub fn fold(s: &str) -> String {
    let ascii = deunicode::deunicode(s);
    let mut out = String::with_capacity(ascii.len());
    let mut space = false;
    for c in ascii.chars() {
        if c.is_whitespace() {
            space = !out.is_empty();
        } else {
            if space {
                out.push(' ');
                space = false;
            }
            out.push(c.to_ascii_lowercase());
        }
    }
    out
}

fn data_lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .map(str::trim_end)
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
}

fn words(text: &str) -> impl Iterator<Item = &str> {
    data_lines(text).flat_map(str::split_whitespace)
}

impl Gazetteer {
    fn build() -> Self {
        let mut g = Gazetteer {
            entries: Vec::new(),
            canonicals: Vec::new(),
            ac: AhoCorasick::new(["\u{0}"]).expect("trivial automaton"),
            by_fold: FastMap::default(),
            demonyms: FastMap::default(),
            demonyms_lower: FastSet::default(),
            exact: FastSet::default(),
            given: words(GIVEN).map(str::to_owned).collect(),
            titles: words(TITLES).map(|w| w.to_ascii_lowercase()).collect(),
            non_entities: words(NON_ENTITIES).map(str::to_owned).collect(),
            common: words(COMMON).map(|w| w.replace('’', "'")).collect(),
        };
        for line in data_lines(COUNTRIES) {
            let mut cols = line.split('\t');
            let name = cols.next().unwrap_or("").trim();
            let canon = g.add_canonical(name, EntityKind::Place);
            for d in cols.next().unwrap_or("").split(',').map(str::trim) {
                if !d.is_empty() {
                    g.demonyms_lower.insert(d.to_ascii_lowercase());
                    g.demonyms.insert(d.to_owned(), canon);
                }
            }
            for alt in cols.next().unwrap_or("").split(',') {
                g.add_surface(alt.trim(), canon);
            }
        }
        for (text, kind) in [
            (PLACES, EntityKind::Place),
            (ORGS, EntityKind::Organization),
        ] {
            for line in data_lines(text) {
                let mut cols = line.split('\t');
                let name = cols.next().unwrap_or("").trim();
                let canon = g.add_canonical(name, kind);
                for alt in cols.next().unwrap_or("").split(',') {
                    g.add_surface(alt.trim(), canon);
                }
            }
        }
        g.ac = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .kind(Some(aho_corasick::AhoCorasickKind::DFA))
            .build(g.entries.iter().map(|e| e.surface.as_str()))
            .expect("gazetteer automaton");
        g
    }

    fn add_canonical(&mut self, name: &str, kind: EntityKind) -> u32 {
        let id = self.canonicals.len() as u32;
        self.canonicals.push((name.to_owned(), kind));
        self.add_surface(name, id);
        // "Washington, D.C." is also written without the comma.
        if name.contains(", ") {
            self.add_surface(&name.replace(", ", " "), id);
        }
        id
    }

    fn add_surface(&mut self, surface: &str, canon: u32) {
        if surface.is_empty() {
            return;
        }
        let kind = self.canonicals[canon as usize].1;
        self.by_fold.entry(fold(surface)).or_insert(canon);
        self.exact.insert(surface.to_owned());
        self.entries.push(GazEntry {
            surface: surface.to_owned(),
            kind,
            canon,
        });
    }

    /// Known names in `text`, on word boundaries, with plausible case: exact, ALL CAPS for
    /// longer names (`IRAQ`), any case for multi-word names (`middle east`).
    pub fn find(&self, text: &str, mut emit: impl FnMut(GazHit)) {
        for m in self.ac.find_iter(text) {
            let (s, e) = (m.start(), m.end());
            if !boundary_before(text, s) || !boundary_after(text, e) {
                continue;
            }
            let entry = &self.entries[m.pattern().as_usize()];
            if case_fits(&text[s..e], &entry.surface) {
                // "the New York Times": a lower-case article is not part of the name.
                let s = if entry.surface.starts_with("The ") && text[s..].starts_with("the ") {
                    s + 4
                } else {
                    s
                };
                emit(GazHit {
                    start: s,
                    end: e,
                    entry: m.pattern().as_usize() as u32,
                });
            }
        }
    }

    pub fn entry(&self, i: u32) -> &GazEntry {
        &self.entries[i as usize]
    }

    /// The canonical entry a (folded) surface form belongs to.
    pub fn lookup(&self, surface: &str) -> Option<u32> {
        self.by_fold.get(&fold(surface)).copied()
    }

    pub fn is_demonym(&self, word: &str) -> bool {
        self.demonyms.contains_key(word)
            || (word.len() > 3
                && word.chars().all(|c| !c.is_lowercase())
                && with_lower(word, |w| self.demonyms_lower.contains(w)))
    }

    /// Is `word` a listed name exactly as written?
    pub fn is_known(&self, word: &str) -> bool {
        self.exact.contains(word)
    }

    pub fn is_given_name(&self, word: &str) -> bool {
        self.given.contains(word)
    }

    pub fn is_title(&self, word: &str) -> bool {
        with_lower(word, |w| self.titles.contains(w))
    }

    pub fn is_non_entity(&self, word: &str) -> bool {
        self.non_entities.contains(word)
    }

    /// Is this (any case) a common English word?
    pub fn is_common(&self, word: &str) -> bool {
        with_lower(word, |w| self.common.contains(w))
    }
}

/// Runs `f` on the ASCII-lower-cased word (’ as '), without allocating; words that are
/// not short ASCII are never in the word lists.
fn with_lower(word: &str, f: impl FnOnce(&str) -> bool) -> bool {
    let mut buf = [0u8; 40];
    let mut n = 0;
    for c in word.chars() {
        let c = if c == '’' { '\'' } else { c };
        if !c.is_ascii() || n == buf.len() {
            return false;
        }
        buf[n] = c.to_ascii_lowercase() as u8;
        n += 1;
    }
    std::str::from_utf8(&buf[..n]).is_ok_and(f)
}

/// Exact; or, for names that are not acronyms, capitalised like the entry (`Paypal`,
/// `IRAQ`); or, for multi-word names, all lower case or with a capitalised last word
/// (`middle east`, `central Asia`).
fn case_fits(found: &str, surface: &str) -> bool {
    if found == surface {
        return true;
    }
    let acronym = surface
        .chars()
        .filter(|c| c.is_alphabetic())
        .all(char::is_uppercase);
    if acronym {
        return false;
    }
    let upper_first = |s: &str| s.chars().next().is_some_and(char::is_uppercase);
    if upper_first(found) && upper_first(surface) {
        return true;
    }
    surface.contains(' ')
        && (found.chars().all(|c| !c.is_uppercase())
            || found.rsplit(' ').next().is_some_and(upper_first))
}

/// Word boundaries; a hyphen counts as one so that `Iran-Iraq` and `US-led` yield names.
fn boundary_before(text: &str, s: usize) -> bool {
    text[..s]
        .chars()
        .next_back()
        .is_none_or(|c| !c.is_alphanumeric() && c != '_' && c != '.')
}

fn boundary_after(text: &str, e: usize) -> bool {
    let mut rest = text[e..].chars();
    match rest.next() {
        None => true,
        Some('.') => rest.next().is_none_or(|c| !c.is_alphanumeric()),
        Some('\'' | '’') => rest.next().is_none_or(|c| !c.is_alphanumeric() || c == 's'),
        Some(c) => !c.is_alphanumeric() && c != '_',
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_known_names_with_case_rules() {
        let g = gazetteer();
        let text = "US and IRAQ talk, us not; the middle east and Iran’s NATO.";
        let mut found = Vec::new();
        g.find(text, |h| found.push(&text[h.start..h.end]));
        assert_eq!(found, ["US", "IRAQ", "middle east", "Iran", "NATO"]);
    }

    #[test]
    fn word_lists() {
        let g = gazetteer();
        assert!(g.is_demonym("Iranian") && g.is_demonym("Americans"));
        assert!(g.is_title("Senator") && g.is_title("gen."));
        assert!(g.is_common("However") && !g.is_common("Baghdad"));
        assert!(g.countries_and_cities_are_general());
    }

    impl Gazetteer {
        fn countries_and_cities_are_general(&self) -> bool {
            self.canonicals.len() > 450
        }
    }
}
