//! `dossier show DOC [PATH...] [--json]`

use std::io::Write;

use serde::Serialize;

use super::{CliError, EXIT_FOUND, print_json};
use crate::corpus::{CommentInfo, DocMeta, Inline};
use crate::index::Index;
use crate::text::{sanitize, sanitize_line};

#[derive(Serialize)]
struct JsonEntitySpan<'a> {
    start: u32,
    end: u32,
    kind: &'static str,
    canonical: &'a str,
}

#[derive(Serialize)]
struct JsonParagraph<'a> {
    number: u32,
    kind: &'static str,
    text: &'a str,
    /// Byte range of the paragraph's source in the decoded file.
    source: [usize; 2],
    #[serde(skip_serializing_if = "Option::is_none")]
    comment: Option<&'a CommentInfo>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    inlines: &'a [Inline],
    entities: Vec<JsonEntitySpan<'a>>,
}

#[derive(Serialize)]
struct JsonDocument<'a> {
    file: &'a str,
    path: String,
    #[serde(flatten)]
    meta: &'a DocMeta,
    notices: &'a [String],
    paragraphs: Vec<JsonParagraph<'a>>,
}

pub fn run(index: &Index, needle: &str, json: bool) -> Result<u8, CliError> {
    let d = index.find_doc(needle).map_err(CliError::BadInput)?;
    let doc = &index.docs[d as usize];
    let mut spans: Vec<Vec<JsonEntitySpan>> =
        (0..doc.paragraphs.len()).map(|_| Vec::new()).collect();
    for (spans, global) in spans.iter_mut().zip(index.doc_paras(d)) {
        for m in index.para_mentions(global) {
            let entity = &index.entities.entities[m.entity as usize];
            spans.push(JsonEntitySpan {
                start: m.start,
                end: m.end(),
                kind: entity.kind.as_str(),
                canonical: &entity.canonical,
            });
        }
    }
    spans
        .iter_mut()
        .for_each(|s| s.sort_by_key(|e| (e.start, e.end)));
    if json {
        let paragraphs = doc
            .paragraphs
            .iter()
            .zip(spans)
            .enumerate()
            .map(|(i, (p, entities))| JsonParagraph {
                number: i as u32 + 1,
                kind: p.kind.as_str(),
                text: &p.text,
                source: [p.source().start, p.source().end],
                comment: p.comment(),
                inlines: p.inlines(),
                entities,
            })
            .collect();
        print_json(&JsonDocument {
            file: doc.file_name(),
            path: doc.path.to_string_lossy().into_owned(),
            meta: &doc.meta,
            notices: &doc.notices,
            paragraphs,
        })?;
        return Ok(EXIT_FOUND);
    }
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let meta = &doc.meta;
    writeln!(out, "{}", sanitize_line(&meta.title))?;
    writeln!(
        out,
        "file:   {}",
        sanitize_line(&doc.path.to_string_lossy())
    )?;
    for (label, value) in [
        ("author", &meta.author),
        ("date", &meta.date),
        ("source", &meta.source),
    ] {
        if let Some(v) = value {
            writeln!(
                out,
                "{label}: {}{}",
                " ".repeat(6 - label.len()),
                sanitize_line(v)
            )?;
        }
    }
    for notice in &doc.notices {
        writeln!(out, "note:   {notice}")?;
    }
    for (i, p) in doc.paragraphs.iter().enumerate() {
        let label = match p.comment() {
            Some(c) => format!("comment {} by {}", c.number + 1, c.author),
            None => p.kind.as_str().to_owned(),
        };
        writeln!(out, "\n[{}] {}", i + 1, sanitize_line(&label))?;
        writeln!(out, "{}", sanitize(&p.text))?;
    }
    Ok(EXIT_FOUND)
}
