//! Query latency per query class, and a query typed one character at a time (what
//! each keystroke in the filter bar costs: evaluation, ranking, visible snippets).

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use dossier::cli::bench::keystroke;
use dossier::query::{ExpansionCache, Query, search};

mod common;

const CLASSES: [(&str, &str); 7] = [
    ("single term", "iran"),
    ("multi-term", "kerry iran embassy"),
    ("typo", "soliemani"),
    ("phrase", "\"proxy war\""),
    ("entity", "@soleimani"),
    ("exclusion", "iraq -syria"),
    ("1-char prefix", "s"),
];

fn queries(c: &mut Criterion) {
    let index = common::index();
    let mut group = c.benchmark_group("query");
    for (class, text) in CLASSES {
        let query = Query::parse(text);
        group.bench_with_input(BenchmarkId::new(class, text), &query, |b, q| {
            b.iter(|| search(&index, q, 200))
        });
    }
    group.finish();

    let mut group = c.benchmark_group("typing");
    for text in ["soleimani", "kerry iran", "@suleimani"] {
        group.bench_function(text, |b| {
            b.iter(|| {
                let mut cache = ExpansionCache::default();
                let mut typed = String::new();
                for ch in text.chars() {
                    typed.push(ch);
                    keystroke(&index, &typed, &mut cache);
                }
            })
        });
    }
    group.finish();
}

criterion_group!(benches, queries);
criterion_main!(benches);
