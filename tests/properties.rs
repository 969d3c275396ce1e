//! Property tests: decoding, segmentation, tokenising, query parsing and search never
//! panic on any input, and every span they return lies inside its text, on char
//! boundaries.

use std::ops::Range;

use dossier::corpus::{Corpus, Decoded, decode, segment};
use dossier::index::build;
use dossier::query::{Query, match_spans, search, snippet};
use dossier::text::{sanitize, tokenize};
use dossier::{Document, ParaKind};
use proptest::prelude::*;
use unicode_segmentation::UnicodeSegmentation;

/// `cases` per property, unless `PROPTEST_CASES` asks for a longer local run.
fn config(cases: u32) -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(cases);
    ProptestConfig {
        cases,
        // Failures are reported with their minimal input; no files written.
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// Pieces that exercise the segmenter's special cases.
const FRAGMENTS: &[&str] = &[
    "\n",
    "\n\n",
    "\r\n",
    "\r",
    "  ",
    "\t",
    "# ",
    "## Heading",
    "**",
    "*",
    "[",
    "]",
    "(",
    ")",
    "[text](http://x.org)",
    "[link](#)",
    "Skip to content",
    "By Chris Marsden",
    "Guest Post by X",
    "Global Research, June 17, 2014",
    "18 June 2014",
    "November 30, 2019 3:05 pm",
    "alice\nalice\n",
    "  bob\n",
    "Comments are closed.",
    "Copyright ©",
    "Disclaimer:",
    "-----",
    "Everyone wants",
    "to go to Baghdad.",
    "contact: a@b.org",
    "www.x.org",
    "Iran’s",
    "al-Maliki",
    "300,000",
    "Qa\u{304}sem",
    "é",
    "中国",
    "بغداد",
    "👍🏽",
    "👨\u{200d}👩\u{200d}👧",
    "🇮🇶",
    "नमस्ते",
    "\u{94d}",
    "e\u{301}",
    "\u{600}1",
    "Ba\u{200b}ghdad",
    "\u{ad}",
    "\u{200b}",
    "\u{202e}",
    "\u{1b}[2J",
    "\u{1b}]52;c;ZXZpbA==\u{7}",
    "\u{0}",
    "\u{85}",
    "\u{a0}",
    "word",
    "Word",
    ".",
    ",",
    "'",
    "\"",
    "-",
    "@",
];

/// Mostly structured text built from fragments, sometimes arbitrary strings.
fn document_text() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::collection::vec(prop::sample::select(FRAGMENTS), 0..40)
            .prop_map(|parts| parts.concat()),
        1 => any::<String>(),
        1 => "[a-zA-Z .,\n\"'@-]{0,80}",
    ]
}

fn assert_span_in(text: &str, span: &Range<usize>, what: &str) {
    assert!(span.start <= span.end, "{what}: reversed span {span:?}");
    assert!(span.end <= text.len(), "{what}: {span:?} out of bounds");
    assert!(
        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
        "{what}: {span:?} not on char boundaries of {text:?}"
    );
}

/// Like [`assert_span_in`], and the span does not split a grapheme cluster.
fn assert_grapheme_span_in(text: &str, span: &Range<usize>, what: &str) {
    assert_span_in(text, span, what);
    let boundaries: Vec<usize> = text
        .grapheme_indices(true)
        .map(|(i, _)| i)
        .chain([text.len()])
        .collect();
    assert!(
        boundaries.contains(&span.start) && boundaries.contains(&span.end),
        "{what}: {span:?} splits a grapheme of {text:?}"
    );
}

/// Characters that must never be printed raw: controls (but newline) and bidi overrides.
fn drives_terminal(c: char) -> bool {
    (c.is_control() && c != '\n') || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn decode_never_panics_and_leaves_no_carriage_returns(bytes in prop::collection::vec(any::<u8>(), 0..200)) {
        match decode(&bytes) {
            Decoded::Text { text, .. } => prop_assert!(!text.contains('\r')),
            Decoded::Binary => prop_assert!(bytes.contains(&0)),
        }
    }

    #[test]
    fn paragraph_sources_are_in_bounds_ordered_and_disjoint(text in document_text()) {
        let paragraphs = segment(&text);
        let mut last_end = 0;
        for p in &paragraphs {
            assert_span_in(&text, &p.source(), "source");
            prop_assert!(p.source().start >= last_end, "paragraphs overlap: {:?}", paragraphs.iter().map(|p| p.source()).collect::<Vec<_>>());
            prop_assert!(p.source().start < p.source().end, "empty source");
            last_end = p.source().end;
        }
    }

    #[test]
    fn paragraphs_cover_every_non_blank_line(text in document_text()) {
        let paragraphs = segment(&text);
        let mut offset = 0;
        for line in text.split_inclusive('\n') {
            let start = offset;
            offset += line.len();
            if line.trim().is_empty() {
                continue;
            }
            let first = start + (line.len() - line.trim_start().len());
            prop_assert!(
                paragraphs.iter().any(|p| p.source().contains(&first)),
                "line {:?} at {} is in no paragraph", line, first
            );
        }
    }

    #[test]
    fn inline_ranges_lie_in_the_paragraph_text(text in document_text()) {
        for p in segment(&text) {
            prop_assert!(!p.text.is_empty());
            for inline in p.inlines() {
                assert_span_in(&p.text, &inline.range, "inline");
            }
            if let Some(c) = p.comment() {
                prop_assert_eq!(p.kind, ParaKind::Comment);
                prop_assert!(!c.author.is_empty());
            }
        }
    }

    #[test]
    fn metadata_derivation_never_panics(text in document_text()) {
        let doc = Document::from_text("p.txt".into(), "p.txt".into(), text, Vec::new());
        prop_assert!(!doc.meta.title.contains('\n'));
        prop_assert_ne!(doc.meta.title.to_lowercase(), "skip to content");
    }

    #[test]
    fn token_spans_are_in_bounds_ordered_and_on_grapheme_boundaries(text in document_text()) {
        let mut last_end = 0;
        for token in tokenize(&text) {
            assert_grapheme_span_in(&text, &token.span, "token");
            prop_assert!(token.span.start >= last_end);
            prop_assert!(token.span.start < token.span.end);
            prop_assert!(!token.term.is_empty());
            last_end = token.span.end;
        }
    }

    #[test]
    fn sanitized_text_has_no_control_characters(text in document_text()) {
        let shown = sanitize(&text);
        let bad: Vec<char> = shown.chars().filter(|&c| drives_terminal(c)).collect();
        prop_assert!(bad.is_empty(), "left in: {:?}", bad);
    }

    #[test]
    fn query_display_round_trips(input in prop_oneof![
        any::<String>(),
        r#"[a-zA-Z@" \-é中'’]{0,40}"#,
    ]) {
        let q = Query::parse(&input);
        let text = q.to_string();
        prop_assert_eq!(Query::parse(&text), q, "canonical text {:?}", text);
    }
}

proptest! {
    #![proptest_config(config(128))]

    #[test]
    fn search_never_panics_and_spans_lie_on_grapheme_boundaries(
        texts in prop::collection::vec(document_text(), 1..4),
        words in prop::collection::vec(prop_oneof![
            prop::sample::select(FRAGMENTS).prop_map(str::to_owned),
            "[a-z]{1,8}",
            any::<String>(),
        ], 1..4),
        quoted in any::<bool>(),
        negate_last in any::<bool>(),
    ) {
        let docs: Vec<Document> = texts
            .into_iter()
            .enumerate()
            .map(|(i, t)| Document::from_text(format!("{i}.txt").into(), format!("{i}.txt"), t, Vec::new()))
            .collect();
        let index = build(Corpus { docs, skipped: Vec::new() });
        let mut query = if quoted { format!("\"{}\"", words.join(" ")) } else { words.join(" ") };
        if negate_last {
            query.push_str(" -");
            query.push_str(&words[words.len() - 1]);
        }
        let results = search(&index, &Query::parse(&query), 10);
        prop_assert!(results.ranked.len() <= 10);
        for hit in &results.by_para {
            let text = &index.paragraph(hit.para).text;
            let spans = match_spans(&index, &results, hit.para);
            for span in &spans {
                assert_grapheme_span_in(text, span, "match span");
            }
            let snip = snippet(text, &spans, 40);
            for span in &snip.spans {
                assert_span_in(&snip.text, span, "snippet span");
            }
        }
    }
}

proptest! {
    #![proptest_config(config(64))]

    #[test]
    fn load_segment_index_and_search_arbitrary_bytes(
        files in prop::collection::vec(prop::collection::vec(any::<u8>(), 0..300), 1..4),
        query in "[a-z]{1,6}( -?[a-z]{1,6})?",
    ) {
        let docs: Vec<Document> = files
            .iter()
            .enumerate()
            .filter_map(|(i, bytes)| match decode(bytes) {
                Decoded::Text { text, notice } => Some(Document::from_text(
                    format!("{i}").into(),
                    format!("{i}"),
                    text,
                    notice.into_iter().collect(),
                )),
                Decoded::Binary => None,
            })
            .collect();
        let index = build(Corpus { docs, skipped: Vec::new() });
        let results = search(&index, &Query::parse(&query), 5);
        for hit in &results.ranked {
            let text = &index.paragraph(hit.para).text;
            for span in match_spans(&index, &results, hit.para) {
                assert_grapheme_span_in(text, &span, "match span");
            }
        }
    }
}

/// Text over a tiny vocabulary, so query words collide with it often.
fn small_text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            4 => "[abc]{1,3}",
            1 => Just("\n\n".to_owned()),
            1 => Just(".".to_owned()),
            1 => Just("A-b".to_owned()),
        ],
        1..60,
    )
    .prop_map(|words| words.join(" "))
}

fn small_index(texts: Vec<String>) -> dossier::Index {
    let docs = texts
        .into_iter()
        .enumerate()
        .map(|(i, t)| Document::from_text(format!("d{i}").into(), format!("d{i}"), t, Vec::new()))
        .collect();
    build(Corpus {
        docs,
        skipped: Vec::new(),
    })
}

fn terms_of(text: &str) -> Vec<String> {
    tokenize(text).into_iter().map(|t| t.term).collect()
}

proptest! {
    #![proptest_config(config(128))]

    #[test]
    fn excluded_terms_never_appear_in_hits(
        texts in prop::collection::vec(small_text(), 1..4),
        word in "[abc]{1,2}",
        excluded in "[abc]{1,3}",
    ) {
        let index = small_index(texts);
        let results = search(&index, &Query::parse(&format!("{word} -{excluded}")), 1000);
        for hit in &results.by_para {
            let terms = terms_of(&index.paragraph(hit.para).text);
            prop_assert!(!terms.contains(&excluded), "{:?} in hit {:?}", excluded, terms);
        }
    }

    #[test]
    fn a_phrase_finds_exactly_the_paragraphs_containing_it(
        texts in prop::collection::vec(small_text(), 1..4),
        first in "[abc]{1,3}",
        second in "[abc]{1,3}",
    ) {
        let index = small_index(texts);
        let results = search(&index, &Query::parse(&format!("\"{first} {second}\"")), 1000);
        let hits: Vec<u32> = results.by_para.iter().map(|h| h.para).collect();
        let expected: Vec<u32> = (0..index.para_count() as u32)
            .filter(|&p| {
                terms_of(&index.paragraph(p).text)
                    .windows(2)
                    .any(|w| w[0] == first && w[1] == second)
            })
            .collect();
        prop_assert_eq!(hits, expected);
    }

    #[test]
    fn every_hit_matches_every_word_or_is_a_title_hit(
        texts in prop::collection::vec(small_text(), 1..4),
        words in prop::collection::vec("[abc]{1,2}", 1..3),
    ) {
        // Words of one or two letters expand only exactly or by prefix.
        let index = small_index(texts);
        let results = search(&index, &Query::parse(&words.join(" ")), 1000);
        let has_all = |terms: &[String]| {
            words.iter().all(|w| terms.iter().any(|t| t.starts_with(w.as_str())))
        };
        for hit in &results.by_para {
            let text_terms = terms_of(&index.paragraph(hit.para).text);
            if has_all(&text_terms) {
                continue;
            }
            let doc = &index.docs[index.para_ref(hit.para).doc as usize];
            let mut field_terms = terms_of(&doc.meta.title);
            field_terms.extend(terms_of(&doc.name));
            prop_assert!(
                has_all(&field_terms),
                "hit {:?} matches {:?} neither in text nor in title {:?}", text_terms, words, doc.meta.title
            );
        }
    }
}

/// Text the tagger has cues for: names, titles, dates, figures, acronyms, mixed with
/// the hard fragments above.
const TAGGER_FRAGMENTS: &[&str] = &[
    "President ",
    "Gen. ",
    "Qassem Soleimani",
    "Suleimani",
    "Islamic State (ISIS)",
    "the Islamic Revolutionary Guard Corps",
    "Baghdad",
    "Iraq",
    "Iran’s",
    "United States",
    "U.S.",
    "in Tehran",
    "of the ",
    ", also known as ",
    "said ",
    "Mr. ",
    "January 3, 2020",
    "3 Jan",
    "2014",
    "June",
    "at least 335,000",
    "$1.5 billion",
    "50 percent",
    "K-1 airbase",
    "al-",
    "Abu ",
    "Mahdi al-Muhandis",
    "The ",
    "Power",
    "Samantha Power",
    "CIA",
    "By ",
    " (",
    ")",
    "’s",
    "Dr",
];

fn tagger_text() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::collection::vec(
            prop_oneof![
                2 => prop::sample::select(TAGGER_FRAGMENTS),
                1 => prop::sample::select(FRAGMENTS),
            ],
            0..50,
        )
        .prop_map(|parts| parts.concat()),
        1 => any::<String>(),
    ]
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn tagger_never_panics_and_spans_lie_on_char_boundaries_inside_their_paragraph(
        text in tagger_text(),
    ) {
        let doc = Document::from_text("t.txt".into(), "t.txt".into(), text, Vec::new());
        let tagger = dossier::entities::Tagger::new();
        let mentions = tagger.tag_document(&doc);
        for m in &mentions {
            let para = doc
                .paragraphs
                .get(m.para as usize)
                .unwrap_or_else(|| panic!("mention in paragraph {} of {}", m.para, doc.paragraphs.len()));
            assert_span_in(&para.text, &m.range, "mention");
            prop_assert!(!m.range.is_empty(), "empty mention {:?}", m);
            if let Some(core) = &m.core {
                assert_span_in(&para.text, core, "mention core");
            }
            if let Some(alias) = m.alias_of {
                prop_assert!((alias as usize) < mentions.len(), "alias_of out of range: {:?}", m);
            }
        }
        // The whole index resolves the same mentions into entities whose
        // occurrences point inside their paragraphs too.
        let index = build(Corpus { docs: vec![doc], skipped: Vec::new() });
        for entity in &index.entities.entities {
            for occ in &entity.mentions {
                let text = &index.docs[occ.doc as usize].paragraphs[occ.para as usize].text;
                assert_span_in(text, &(occ.start as usize..occ.end as usize), "occurrence");
            }
        }
    }
}

/// The stable stand-in for the `load_segment_tag_query` fuzz target (`fuzz/`): the
/// same pipeline on arbitrary bytes, the query taken from the input's tail.
fn fuzz_pipeline(data: &[u8]) {
    let split = data.iter().rposition(|&b| b == 0xff).unwrap_or(data.len());
    let (body, tail) = data.split_at(split);
    let query = String::from_utf8_lossy(tail.get(1..).unwrap_or_default()).into_owned();
    let docs: Vec<Document> = match decode(body) {
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
        for span in match_spans(&index, &results, hit.para) {
            assert_grapheme_span_in(text, &span, "fuzz match span");
        }
    }
}

/// Bytes that are mostly text (so the pipeline gets past decoding), with a query tail.
fn fuzz_bytes() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        1 => prop::collection::vec(any::<u8>(), 0..600),
        2 => (tagger_text(), prop::collection::vec(any::<u8>(), 0..20), "[a-zA-Z\"@ -]{0,20}")
            .prop_map(|(text, noise, query)| {
                let mut bytes = text.into_bytes();
                bytes.extend(noise);
                bytes.push(0xff);
                bytes.extend(query.into_bytes());
                bytes
            }),
    ]
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn load_segment_tag_query_on_arbitrary_bytes(data in fuzz_bytes()) {
        fuzz_pipeline(&data);
    }
}
