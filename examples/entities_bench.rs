//! Tagging throughput: builds N synthetic documents from the seeds' paragraphs (shuffled,
//! names varied) and tags them in parallel, as the indexing pass does.
//! Usage: `cargo run --example entities_bench [N_DOCS]` (default 10,000 ≈ 100 MB).
use std::time::Instant;

use dossier::Document;
use dossier::entities::{Tagger, resolve};
use rayon::prelude::*;

/// CPU seconds used by this process so far (user + system), from /proc.
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let fields: Vec<&str> = stat
        .rsplit(')')
        .next()
        .unwrap_or("")
        .split_whitespace()
        .collect();
    let ticks: f64 = fields.get(11..13).map_or(0.0, |f| {
        f.iter().filter_map(|x| x.parse::<f64>().ok()).sum()
    });
    ticks / 100.0
}

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(10_000);
    let seeds = dossier::corpus::seed_documents();
    let paras: Vec<&str> = seeds
        .iter()
        .flat_map(|d| d.paragraphs.iter().map(|p| &*p.text))
        .filter(|t| t.len() > 40)
        .collect();
    let t0 = Instant::now();
    let docs: Vec<Document> = (0..n)
        .into_par_iter()
        .map(|i| {
            let mut text = String::new();
            let mut k = i * 7919;
            while text.len() < 10_000 {
                k = k
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                let p = paras[(k >> 33) % paras.len()];
                text.push_str(&p.replace("Iran", if i % 3 == 0 { "Irana" } else { "Iran" }));
                text.push_str("\n\n");
            }
            Document::from_text(
                format!("{i}.txt").into(),
                format!("{i}.txt"),
                text,
                Vec::new(),
            )
        })
        .collect();
    let bytes: usize = docs.iter().map(|d| d.bytes).sum();
    eprintln!(
        "built {n} docs, {:.1} MB in {:.2?}",
        bytes as f64 / 1e6,
        t0.elapsed()
    );
    let tagger = Tagger::new();
    let t1 = Instant::now();
    let c1 = cpu_seconds();
    let mentions: Vec<_> = docs.par_iter().map(|d| tagger.tag_document(d)).collect();
    let tag_time = t1.elapsed();
    let total: usize = mentions.iter().map(Vec::len).sum();
    let cpu = cpu_seconds() - c1;
    eprintln!(
        "tagged {total} mentions in {tag_time:.2?} ({:.1} MB/s wall; {cpu:.2} CPU s, {:.1} MB per CPU s)",
        bytes as f64 / 1e6 / tag_time.as_secs_f64(),
        bytes as f64 / 1e6 / cpu.max(0.01)
    );
    let t2 = Instant::now();
    let table = resolve(&docs, &mentions);
    eprintln!(
        "resolved {} entities in {:.2?}",
        table.entities.len(),
        t2.elapsed()
    );
}
