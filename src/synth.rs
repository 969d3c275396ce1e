//! A deterministic synthetic corpus built from the seed documents, for benchmarks.
//!
//! Seed paragraphs are recombined with realistic noise: invented names (people,
//! places, organisations) that recur across documents, new words so the
//! vocabulary keeps growing, and typos. The same arguments always give the same
//! corpus, so benchmark runs compare like with like.

use rayon::prelude::*;

use crate::corpus::{Corpus, Document, ParaKind, seed_documents};

const SYLLABLES: [&str; 40] = [
    "ka", "vor", "ri", "an", "sel", "mo", "di", "tra", "bek", "lu", "na", "zar", "eh", "qa", "sim",
    "or", "ten", "ha", "ma", "dov", "el", "ir", "ush", "pa", "gen", "lo", "fa", "rid", "cho",
    "wen", "ba", "ko", "yev", "sa", "tu", "ni", "ges", "ral", "mi", "ob",
];
const ORG_HEADS: [&str; 8] = [
    "Ministry",
    "Party",
    "Foundation",
    "Corporation",
    "Brigade",
    "Council",
    "Institute",
    "Front",
];
const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// One generated file: its name and text.
pub struct SynthDoc {
    pub name: String,
    pub text: String,
}

/// Settings of a synthetic corpus.
#[derive(Debug, Clone, Copy)]
pub struct SynthSpec {
    pub docs: usize,
    pub paragraphs_per_doc: usize,
    pub seed: u64,
}

impl Default for SynthSpec {
    fn default() -> Self {
        SynthSpec {
            docs: 100,
            paragraphs_per_doc: 34,
            seed: 7,
        }
    }
}

struct Material {
    bodies: Vec<String>,
    titles: Vec<String>,
}

fn material() -> Material {
    let docs = seed_documents();
    let mut bodies = Vec::new();
    let mut titles = Vec::new();
    for doc in &docs {
        for p in &doc.paragraphs {
            match p.kind {
                ParaKind::Body if p.text.len() > 80 => bodies.push(p.text.replace('\n', " ")),
                ParaKind::Heading => titles.push(p.text.to_string()),
                _ => {}
            }
        }
    }
    Material { bodies, titles }
}

fn word(rng: &mut fastrand::Rng, syllables: usize) -> String {
    (0..syllables)
        .map(|_| SYLLABLES[rng.usize(..SYLLABLES.len())])
        .collect()
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// An invented name drawn from a pool that grows with the corpus: names recur
/// across documents, and new ones keep appearing.
fn pooled_name(pool_seed: u64, pool_size: usize, rng: &mut fastrand::Rng, kind: usize) -> String {
    let pick = rng.usize(..pool_size.max(1)) as u64;
    let mut name_rng = fastrand::Rng::with_seed(
        pool_seed ^ pick.wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ kind as u64,
    );
    match kind {
        0 => format!(
            "{} {}",
            capitalised(&word(&mut name_rng, 2)),
            capitalised(&word(&mut name_rng, 3))
        ),
        1 => capitalised(&word(&mut name_rng, 3)),
        _ => format!(
            "{} {}",
            capitalised(&word(&mut name_rng, 3)),
            ORG_HEADS[name_rng.usize(..ORG_HEADS.len())]
        ),
    }
}

fn typo(w: &str, rng: &mut fastrand::Rng) -> String {
    let mut chars: Vec<char> = w.chars().collect();
    if chars.len() < 4 {
        return w.to_owned();
    }
    let i = rng.usize(1..chars.len() - 1);
    if rng.bool() {
        chars.swap(i, i + 1);
    } else {
        chars.remove(i);
    }
    chars.into_iter().collect()
}

/// Paragraph text with invented names, new words and typos mixed in.
fn mutate(text: &str, doc_index: usize, spec: &SynthSpec, rng: &mut fastrand::Rng) -> String {
    let pool = 50 + (doc_index as f64).sqrt() as usize * 20;
    let mut out = String::with_capacity(text.len() + 32);
    for (i, w) in text.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let roll = rng.u32(..1000);
        let starts_upper = w.chars().next().is_some_and(char::is_uppercase);
        if starts_upper && i > 0 && roll < 60 {
            let kind = rng.usize(..3);
            out.push_str(&pooled_name(spec.seed, pool, rng, kind));
        } else if roll < 20 && w.len() > 3 {
            // New vocabulary: most words are rare (a long tail, as in real text).
            let syllables = 2 + rng.usize(..3);
            out.push_str(&word(rng, syllables));
        } else if roll < 30 {
            out.push_str(&typo(w, rng));
        } else {
            out.push_str(w);
        }
    }
    out
}

/// Generates the documents, in parallel, deterministically.
pub fn generate(spec: SynthSpec) -> Vec<SynthDoc> {
    let m = material();
    (0..spec.docs)
        .into_par_iter()
        .map(|d| {
            let mut rng =
                fastrand::Rng::with_seed(spec.seed.wrapping_mul(1_000_003).wrapping_add(d as u64));
            let mut text = String::new();
            let title = m.titles[rng.usize(..m.titles.len())].clone();
            let title = mutate(&title, d, &spec, &mut rng);
            let author = pooled_name(spec.seed, 40 + d / 50, &mut rng, 0);
            let date = format!(
                "{} {}, {}",
                MONTHS[rng.usize(..12)],
                rng.usize(1..29),
                rng.usize(2001..2024)
            );
            text.push_str(&format!("# {title}\n\nBy {author}\n{date}\n\n"));
            for _ in 0..spec.paragraphs_per_doc {
                let body = &m.bodies[rng.usize(..m.bodies.len())];
                // Real paragraphs vary in length: often only a few sentences.
                let sentences: Vec<&str> = body.split_inclusive(". ").collect();
                let take = if rng.u32(..3) == 0 {
                    sentences.len()
                } else {
                    rng.usize(1..=sentences.len())
                };
                text.push_str(&mutate(
                    sentences[..take].concat().trim_end(),
                    d,
                    &spec,
                    &mut rng,
                ));
                text.push_str("\n\n");
            }
            SynthDoc {
                name: format!("doc_{d:06}.txt"),
                text,
            }
        })
        .collect()
}

/// A synthetic corpus in memory (no files), for benchmarks.
pub fn corpus(spec: SynthSpec) -> Corpus {
    let docs = generate(spec)
        .into_par_iter()
        .map(|d| Document::from_text(d.name.clone().into(), d.name, d.text, Vec::new()))
        .collect();
    Corpus {
        docs,
        skipped: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deterministic_and_growing() {
        let spec = SynthSpec {
            docs: 6,
            paragraphs_per_doc: 5,
            seed: 1,
        };
        let a = generate(spec);
        let b = generate(spec);
        assert_eq!(a.len(), 6);
        assert!(a.iter().zip(&b).all(|(x, y)| x.text == y.text));
        assert_ne!(a[0].text, a[1].text);
        let corpus = corpus(spec);
        assert!(corpus.docs.iter().all(|d| d.paragraphs.len() >= 5));
    }
}
