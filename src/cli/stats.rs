//! `dossier stats [PATH...] [--json]`

use std::collections::BTreeMap;
use std::io::Write;

use serde::Serialize;

use super::{CliError, EXIT_FOUND, print_json};
use crate::corpus::Skipped;
use crate::index::{Index, Timings};

#[derive(Serialize)]
struct Stats<'a> {
    documents: usize,
    bytes: usize,
    paragraphs: usize,
    paragraphs_by_kind: BTreeMap<&'static str, usize>,
    tokens: u64,
    vocabulary: usize,
    entities: usize,
    entities_by_kind: BTreeMap<&'static str, usize>,
    skipped: &'a [Skipped],
    /// Milliseconds per indexing phase.
    timings_ms: &'a Timings,
}

pub fn run(index: &Index, json: bool) -> Result<u8, CliError> {
    let mut entities_by_kind = BTreeMap::new();
    for e in &index.entities.entities {
        *entities_by_kind.entry(e.kind.as_str()).or_insert(0) += 1;
    }
    let stats = Stats {
        documents: index.docs.len(),
        bytes: index.docs.iter().map(|d| d.bytes).sum(),
        paragraphs: index.para_count(),
        paragraphs_by_kind: index.paras_by_kind().into_iter().collect(),
        tokens: index.token_count,
        vocabulary: index.vocab.len(),
        entities: index.entities.entities.len(),
        entities_by_kind,
        skipped: &index.skipped,
        timings_ms: &index.timings,
    };
    if json {
        print_json(&stats)?;
        return Ok(EXIT_FOUND);
    }
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    writeln!(
        out,
        "documents   {}  ({} bytes)",
        stats.documents, stats.bytes
    )?;
    let kinds: Vec<String> = stats
        .paragraphs_by_kind
        .iter()
        .map(|(k, n)| format!("{k} {n}"))
        .collect();
    writeln!(
        out,
        "paragraphs  {}  ({})",
        stats.paragraphs,
        kinds.join(", ")
    )?;
    writeln!(out, "tokens      {}", stats.tokens)?;
    writeln!(out, "vocabulary  {}", stats.vocabulary)?;
    let kinds: Vec<String> = stats
        .entities_by_kind
        .iter()
        .map(|(k, n)| format!("{k} {n}"))
        .collect();
    writeln!(
        out,
        "entities    {}  ({})",
        stats.entities,
        kinds.join(", ")
    )?;
    writeln!(
        out,
        "memory      index {:.1} MB, paragraphs {:.1} MB",
        index.index_heap_bytes() as f64 / 1e6,
        index.text_heap_bytes() as f64 / 1e6
    )?;
    writeln!(out, "skipped     {}", stats.skipped.len())?;
    for s in stats.skipped {
        writeln!(
            out,
            "  {}: {}",
            crate::text::sanitize_line(&s.path),
            s.reason
        )?;
    }
    let t = &index.timings;
    let ms = |d: std::time::Duration| d.as_secs_f64() * 1000.0;
    writeln!(
        out,
        "time        load {:.1} ms, tokenize {:.1} ms, entities {:.1} ms, postings {:.1} ms",
        ms(t.load),
        ms(t.tokenize),
        ms(t.entities),
        ms(t.postings)
    )?;
    Ok(EXIT_FOUND)
}
