//! Where a query matched inside a paragraph, and a short snippet around it.

use std::ops::Range;

use serde::Serialize;

use super::eval::SearchResults;
use crate::index::Index;
use crate::text::{fold_into, tokens};

/// Byte ranges in the paragraph's text that matched, sorted and non-overlapping.
/// They lie on token (so char and grapheme) boundaries.
pub fn match_spans(index: &Index, results: &SearchResults, global_para: u32) -> Vec<Range<usize>> {
    match_spans_in_prefix(index, results, global_para, usize::MAX)
}

/// [`match_spans`] for about the first `max_bytes` of the paragraph only (cut after
/// a whitespace character, so no word is split): bounded work for a display that
/// must answer on every keystroke even when one paragraph is a 50 MB file.
pub fn match_spans_in_prefix(
    index: &Index,
    results: &SearchResults,
    global_para: u32,
    max_bytes: usize,
) -> Vec<Range<usize>> {
    let paragraph = index.paragraph(global_para);
    let full: &str = &paragraph.text;
    let text = if full.len() <= max_bytes {
        full
    } else {
        let mut cut = max_bytes;
        while !full.is_char_boundary(cut) {
            cut -= 1;
        }
        let cut = full[..cut].rfind(char::is_whitespace).map_or(cut, |i| {
            i + full[i..].chars().next().map_or(1, char::len_utf8)
        });
        &full[..cut]
    };
    let mut token_spans: Vec<(Range<usize>, Option<u32>)> = Vec::new();
    let mut buf = String::new();
    tokens(text, |span| {
        fold_into(&text[span.clone()], &mut buf);
        if !buf.is_empty() {
            token_spans.push((span, index.vocab.id(&buf)));
        }
    });
    let mut spans: Vec<Range<usize>> = Vec::new();
    for (i, (span, term)) in token_spans.iter().enumerate() {
        if term.is_some_and(|t| results.terms.contains(&t) && !in_phrase_only(results, t)) {
            spans.push(span.clone());
        }
        for phrase in &results.phrases {
            let fits = phrase
                .iter()
                .enumerate()
                .all(|(k, id)| token_spans.get(i + k).is_some_and(|(_, t)| *t == Some(*id)));
            if fits {
                spans.push(span.start..token_spans[i + phrase.len() - 1].0.end);
            }
        }
    }
    // Entities matched only by `@name` or an alias; usually none while typing.
    if !results.entities.is_empty() {
        for m in index.para_mentions(global_para) {
            if results.entities.contains(&(m.entity as usize)) && (m.end() as usize) <= text.len() {
                spans.push(m.start as usize..m.end() as usize);
            }
        }
    }
    merge(spans)
}

/// Terms that appear only inside phrases are highlighted as phrases, not alone.
fn in_phrase_only(results: &SearchResults, term: u32) -> bool {
    results.phrases.iter().any(|p| p.contains(&term))
}

fn merge(mut spans: Vec<Range<usize>>) -> Vec<Range<usize>> {
    spans.sort_by_key(|s| (s.start, s.end));
    let mut out: Vec<Range<usize>> = Vec::with_capacity(spans.len());
    for s in spans {
        match out.last_mut() {
            Some(last) if s.start <= last.end => last.end = last.end.max(s.end),
            _ => out.push(s),
        }
    }
    out
}

/// A window of a paragraph around its first match, with the matches inside it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Snippet {
    pub text: String,
    /// Byte ranges in `text`.
    pub spans: Vec<Range<usize>>,
}

/// Up to about `max_chars` of `text` around the first span; `…` marks cuts.
pub fn snippet(text: &str, spans: &[Range<usize>], max_chars: usize) -> Snippet {
    let flat: String = text
        .chars()
        .map(|c| if c == '\n' { ' ' } else { c })
        .collect();
    let anchor = spans.first().map_or(0, |s| s.start);
    let before = max_chars / 4;
    // Back up `before` chars from the anchor, then to a word start.
    let mut start = flat[..anchor]
        .char_indices()
        .rev()
        .nth(before.saturating_sub(1))
        .map_or(0, |(i, _)| i);
    if start > 0 {
        start = flat[start..anchor]
            .find(' ')
            .map_or(start, |i| start + i + 1);
    }
    let end = flat[start..]
        .char_indices()
        .nth(max_chars)
        .map_or(flat.len(), |(i, _)| start + i);
    let end = if end < flat.len() {
        flat[start..end]
            .rfind(' ')
            .map_or(end, |i| start + i)
            .max(anchor.min(end))
    } else {
        end
    };
    let mut out = String::new();
    let prefix = if start > 0 { "…" } else { "" };
    out.push_str(prefix);
    out.push_str(flat[start..end].trim_end());
    let body_end = prefix.len() + flat[start..end].trim_end().len();
    if end < flat.len() {
        out.push('…');
    }
    let shift = |p: usize| p - start + prefix.len();
    // A match reaching past the window (a very long word) is clipped, not dropped.
    let spans = spans
        .iter()
        .filter(|s| s.start < end && s.end > start)
        .map(|s| shift(s.start.max(start))..shift(s.end.min(end)).min(body_end))
        .filter(|s| s.start < s.end)
        .collect();
    Snippet { text: out, spans }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippet_keeps_spans_on_the_same_words() {
        let text =
            "one two three four five six seven eight nine ten Baghdad eleven twelve thirteen";
        let at = text.find("Baghdad").unwrap();
        let s = snippet(text, std::slice::from_ref(&(at..at + 7)), 30);
        assert!(s.text.starts_with('…'));
        assert_eq!(&s.text[s.spans[0].clone()], "Baghdad");
    }

    #[test]
    fn a_match_longer_than_the_window_is_clipped_not_dropped() {
        let text = "x".repeat(1000);
        let s = snippet(&text, std::slice::from_ref(&(0..1000)), 80);
        assert_eq!(s.spans.len(), 1);
        assert_eq!(&s.text[s.spans[0].clone()], "x".repeat(80));
    }

    #[test]
    fn snippet_of_short_text_is_whole() {
        let s = snippet("Iraq’s war", std::slice::from_ref(&(0..4)), 80);
        assert_eq!(s.text, "Iraq’s war");
        assert_eq!(s.spans, vec![0..4]);
    }

    #[test]
    fn snippet_is_char_safe() {
        let text = "中国中国中国中国中国 Baghdad ✓✓✓✓✓✓✓✓✓✓✓✓";
        let at = text.find("Baghdad").unwrap();
        let s = snippet(text, std::slice::from_ref(&(at..at + 7)), 8);
        assert!(
            s.spans
                .iter()
                .all(|r| s.text.is_char_boundary(r.start) && s.text.is_char_boundary(r.end))
        );
    }
}
