//! `dossier search QUERY [PATH...] [--json] [--limit N]`

use std::io::Write;

use serde::Serialize;

use super::{CliError, EXIT_FOUND, EXIT_NOTHING, print_json};
use crate::index::Index;
use crate::query::{Query, match_spans, search, snippet};
use crate::text::sanitize_line;

/// Characters of context in a snippet.
const SNIPPET_CHARS: usize = 160;

#[derive(Serialize)]
struct JsonHit<'a> {
    file: &'a str,
    path: String,
    title: &'a str,
    /// 1-based paragraph number in the document.
    paragraph: u32,
    kind: &'static str,
    score: f32,
    snippet: String,
    /// Byte ranges of the matches in `snippet`.
    spans: Vec<[usize; 2]>,
    /// Byte ranges of the matches in the whole paragraph text (`dossier show`).
    paragraph_spans: Vec<[usize; 2]>,
}

#[derive(Serialize)]
struct JsonResults<'a> {
    query: String,
    total: usize,
    documents: usize,
    hits: Vec<JsonHit<'a>>,
    /// Query words that matched nothing.
    unknown: Vec<String>,
}

pub fn run(index: &Index, query: &str, json: bool, limit: usize) -> Result<u8, CliError> {
    let parsed = Query::parse(query);
    if parsed.is_empty() {
        return Err(CliError::BadInput(format!(
            "the query {query:?} has no words to search for"
        )));
    }
    let results = search(index, &parsed, limit);
    let hits: Vec<JsonHit> = results
        .ranked
        .iter()
        .map(|hit| {
            let r = index.para_ref(hit.para);
            let doc = &index.docs[r.doc as usize];
            let paragraph = &doc.paragraphs[r.para as usize];
            let spans = match_spans(index, &results, hit.para);
            let snip = snippet(&paragraph.text, &spans, SNIPPET_CHARS);
            JsonHit {
                file: doc.file_name(),
                path: doc.path.to_string_lossy().into_owned(),
                title: &doc.meta.title,
                paragraph: r.para + 1,
                kind: paragraph.kind.as_str(),
                score: (hit.score * 1000.0).round() / 1000.0,
                snippet: snip.text,
                spans: snip.spans.iter().map(|s| [s.start, s.end]).collect(),
                paragraph_spans: spans.iter().map(|s| [s.start, s.end]).collect(),
            }
        })
        .collect();
    // `--limit 0` prints no hits but still reports whether there were any.
    let found = results.total() > 0;
    if json {
        print_json(&JsonResults {
            query: parsed.to_string(),
            total: results.total(),
            documents: results.docs.len(),
            hits,
            unknown: results.unknown.clone(),
        })?;
    } else {
        let stdout = std::io::stdout();
        let mut out = stdout.lock();
        for hit in &hits {
            writeln!(
                out,
                "{} ¶{}  {}  [{:.2}]",
                sanitize_line(hit.file),
                hit.paragraph,
                sanitize_line(hit.title),
                hit.score
            )?;
            writeln!(out, "    {}", sanitize_line(&hit.snippet))?;
        }
        let shown = hits.len().min(results.total());
        writeln!(
            out,
            "{} hit{} in {} document{}{}",
            results.total(),
            if results.total() == 1 { "" } else { "s" },
            results.docs.len(),
            if results.docs.len() == 1 { "" } else { "s" },
            if shown < results.total() {
                format!(" (showing {shown}; use --limit)")
            } else {
                String::new()
            }
        )?;
        if !results.unknown.is_empty() {
            writeln!(
                out,
                "no match for: {}",
                sanitize_line(&results.unknown.join(", "))
            )?;
        }
    }
    Ok(if found { EXIT_FOUND } else { EXIT_NOTHING })
}
