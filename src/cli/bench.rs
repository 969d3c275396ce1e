//! `dossier bench [PATH...] [--queries FILE] [--json]`: how fast dossier is on the
//! user's own data. Indexing phase times, per-keystroke latency while each query
//! is typed one character at a time (evaluation, ranking and the visible rows'
//! snippets, as the explorer does them), peak memory and corpus sizes.

use std::io::Write;
use std::time::{Duration, Instant};

use serde::Serialize;

use super::{CliError, EXIT_FOUND, print_json};
use crate::index::Index;
use crate::query::{ExpansionCache, Query, match_spans, search_with_cache, snippet};

/// Queries typed when none are given: single terms, several terms, a typo, a
/// phrase, an entity, an exclusion and a one-letter prefix.
pub const DEFAULT_QUERIES: [&str; 9] = [
    "iran",
    "soleimani",
    "kerry iran",
    "bagdad",
    "soliemani embassy",
    "\"proxy war\"",
    "@soleimani",
    "iraq -syria",
    "s",
];

/// Rows of the document list a keystroke has to fill (a tall terminal).
const VISIBLE_ROWS: usize = 40;

#[derive(Serialize)]
struct QueryStats {
    query: String,
    keystrokes: usize,
    hits: usize,
    p50_ms: f64,
    p99_ms: f64,
    max_ms: f64,
    /// What had been typed at the slowest keystroke.
    slowest_typed: String,
}

#[derive(Serialize)]
struct BenchReport {
    documents: usize,
    paragraphs: usize,
    bytes: usize,
    tokens: u64,
    vocabulary: usize,
    entities: usize,
    load_ms: f64,
    tokenize_ms: f64,
    entities_ms: f64,
    postings_ms: f64,
    index_ms: f64,
    /// Indexing throughput over the whole pipeline (load included).
    mb_per_s: f64,
    /// Peak resident memory of this process, from the OS.
    peak_rss_bytes: Option<u64>,
    keystrokes: usize,
    p50_ms: f64,
    p95_ms: f64,
    p99_ms: f64,
    max_ms: f64,
    queries: Vec<QueryStats>,
}

fn ms(d: Duration) -> f64 {
    (d.as_secs_f64() * 1e6).round() / 1e3
}

/// The `q`-quantile of sorted latencies (nearest rank).
fn quantile(sorted: &[Duration], q: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let rank = ((q * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len());
    sorted[rank - 1]
}

/// Peak resident set size (VmHWM) on Linux.
pub fn peak_rss_bytes() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

/// One keystroke's work: evaluate, rank, and build the visible rows' snippets.
pub fn keystroke(index: &Index, text: &str, cache: &mut ExpansionCache) -> usize {
    let results = search_with_cache(index, &Query::parse(text), VISIBLE_ROWS, cache);
    for doc in results.docs.iter().take(VISIBLE_ROWS) {
        let spans = match_spans(index, &results, doc.best_para);
        std::hint::black_box(snippet(&index.paragraph(doc.best_para).text, &spans, 80));
    }
    results.total()
}

pub fn run(index: &Index, queries: &[String], json: bool) -> Result<u8, CliError> {
    let mut all = Vec::new();
    let mut per_query = Vec::new();
    // One cache for the whole run, as the explorer's query worker keeps one: its
    // scratch arrays are allocated once, on the first keystroke.
    let mut cache = ExpansionCache::default();
    cache.scratch(index.para_count());
    for query in queries {
        let mut times = Vec::new();
        let mut hits = 0;
        let mut typed = String::new();
        let mut slowest = (Duration::ZERO, String::new());
        for c in query.chars() {
            typed.push(c);
            let started = Instant::now();
            hits = keystroke(index, &typed, &mut cache);
            let took = started.elapsed();
            if took > slowest.0 {
                slowest = (took, typed.clone());
            }
            times.push(took);
        }
        times.sort();
        per_query.push(QueryStats {
            query: query.clone(),
            keystrokes: times.len(),
            hits,
            p50_ms: ms(quantile(&times, 0.5)),
            p99_ms: ms(quantile(&times, 0.99)),
            max_ms: ms(times.last().copied().unwrap_or_default()),
            slowest_typed: slowest.1,
        });
        all.extend(times);
    }
    all.sort();
    let t = &index.timings;
    let bytes: usize = index.docs.iter().map(|d| d.bytes).sum();
    let total = t.load + t.tokenize + t.entities + t.postings;
    let report = BenchReport {
        documents: index.docs.len(),
        paragraphs: index.para_count(),
        bytes,
        tokens: index.token_count,
        vocabulary: index.vocab.len(),
        entities: index.entities.entities.len(),
        load_ms: ms(t.load),
        tokenize_ms: ms(t.tokenize),
        entities_ms: ms(t.entities),
        postings_ms: ms(t.postings),
        index_ms: ms(total),
        mb_per_s: bytes as f64 / 1e6 / total.as_secs_f64().max(1e-9),
        peak_rss_bytes: peak_rss_bytes(),
        keystrokes: all.len(),
        p50_ms: ms(quantile(&all, 0.5)),
        p95_ms: ms(quantile(&all, 0.95)),
        p99_ms: ms(quantile(&all, 0.99)),
        max_ms: ms(all.last().copied().unwrap_or_default()),
        queries: per_query,
    };
    if json {
        print_json(&report)?;
        return Ok(EXIT_FOUND);
    }
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let r = &report;
    writeln!(
        out,
        "corpus      {} documents, {} paragraphs, {:.1} MB, {} tokens, {} terms, {} entities",
        r.documents,
        r.paragraphs,
        r.bytes as f64 / 1e6,
        r.tokens,
        r.vocabulary,
        r.entities
    )?;
    writeln!(
        out,
        "indexing    {:.0} ms ({:.1} MB/s): load {:.0}, tokenize {:.0}, entities {:.0}, postings {:.0}",
        r.index_ms, r.mb_per_s, r.load_ms, r.tokenize_ms, r.entities_ms, r.postings_ms
    )?;
    if let Some(peak) = r.peak_rss_bytes {
        writeln!(
            out,
            "peak memory {:.0} MB ({:.1}× the corpus)",
            peak as f64 / 1e6,
            peak as f64 / r.bytes.max(1) as f64
        )?;
    }
    writeln!(
        out,
        "keystrokes  {}: p50 {:.2} ms, p95 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        r.keystrokes, r.p50_ms, r.p95_ms, r.p99_ms, r.max_ms
    )?;
    for q in &r.queries {
        writeln!(
            out,
            "  {:<24} {:>3} keys  p50 {:>7.2} ms  p99 {:>7.2} ms  max {:>7.2} ms at {:<12} {} hits",
            crate::text::sanitize_line(&q.query),
            q.keystrokes,
            q.p50_ms,
            q.p99_ms,
            q.max_ms,
            format!("'{}'", crate::text::sanitize_line(&q.slowest_typed)),
            q.hits
        )?;
    }
    Ok(EXIT_FOUND)
}
