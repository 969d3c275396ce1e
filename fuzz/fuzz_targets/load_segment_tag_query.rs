//! Arbitrary bytes through the whole library: decode → segment (Document::from_text)
//! → tag and index (build) → a query taken from the input's tail → search and match
//! spans. Nothing may panic, and every match span must lie on grapheme boundaries of
//! its paragraph. The last 0xFF byte splits document from query (no 0xFF: no query).
//!
//! The same pipeline runs on stable as a property test:
//! `tests/properties.rs::load_segment_tag_query_on_arbitrary_bytes`.
#![no_main]

use dossier::corpus::{Corpus, Decoded, Document, decode};
use dossier::index::build;
use dossier::query::{Query, match_spans, search};
use libfuzzer_sys::fuzz_target;
use unicode_segmentation::UnicodeSegmentation;

fuzz_target!(|data: &[u8]| {
    let split = data.iter().rposition(|&b| b == 0xff).unwrap_or(data.len());
    let (body, tail) = data.split_at(split);
    let query = String::from_utf8_lossy(tail.get(1..).unwrap_or_default()).into_owned();
    let docs = match decode(body) {
        Decoded::Text { text, notice } => vec![Document::from_text(
            "fuzz.txt".into(),
            "fuzz.txt".into(),
            text,
            notice.into_iter().collect(),
        )],
        Decoded::Binary => Vec::new(),
    };
    let index = build(Corpus {
        docs,
        skipped: Vec::new(),
    });
    let results = search(&index, &Query::parse(&query), 10);
    for hit in &results.by_para {
        let text = &index.paragraph(hit.para).text;
        let boundaries: Vec<usize> = text
            .grapheme_indices(true)
            .map(|(i, _)| i)
            .chain([text.len()])
            .collect();
        for span in match_spans(&index, &results, hit.para) {
            assert!(span.start <= span.end && span.end <= text.len());
            assert!(
                boundaries.binary_search(&span.start).is_ok()
                    && boundaries.binary_search(&span.end).is_ok(),
                "span {span:?} splits a grapheme of {text:?}"
            );
        }
    }
});
