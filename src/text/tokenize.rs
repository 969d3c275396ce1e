//! Unicode-aware tokenising with byte spans.
//!
//! A token is a run of letters and digits. Apostrophes between letters stay inside a
//! word (`O’Brien` → `obrien`) except a possessive `’s`, which is dropped (`Iran’s` →
//! `iran`); hyphens split (`al-Maliki` → `al`, `maliki`); digit groups join
//! (`300,000` → `300000`). Terms are lowercased and Latin diacritics folded
//! (`Qāsem` → `qasem`) so queries need not match accents. Han, kana and similar
//! scripts without spaces become one token per character.

use std::ops::Range;

/// A token: its folded term and the byte span of its surface form in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub term: String,
    pub span: Range<usize>,
}

/// All tokens of `text`, with their folded terms.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    tokens(text, |span| {
        let term = fold(&text[span.clone()]);
        if !term.is_empty() {
            out.push(Token { term, span });
        }
    });
    out
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ' | '‘')
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_combining(c)
}

/// Invisible format characters that scraped text carries inside words: zero-width
/// space and joiners, word joiner, BOM, soft hyphen. `Ba\u{200b}ghdad` is `baghdad`.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{ad}' | '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{feff}'
    )
}

/// `start` moved back to the grapheme boundary at or before it (a prepended mark).
fn grapheme_start(text: &str, start: usize) -> usize {
    use unicode_segmentation::GraphemeCursor;
    // Between two ASCII characters (no CR here) there is always a boundary; a
    // spacing mark can attach even to a space before it.
    let before = text[..start].chars().next_back();
    let at = text[start..].chars().next();
    if before.is_none_or(|c| c.is_ascii()) && at.is_none_or(|c| c.is_ascii()) {
        return start;
    }
    let mut cursor = GraphemeCursor::new(start, text.len(), true);
    match cursor.is_boundary(text, 0) {
        Ok(true) | Err(_) => start,
        Ok(false) => cursor
            .prev_boundary(text, 0)
            .ok()
            .flatten()
            .unwrap_or(start),
    }
}

/// `end` moved forward to the next grapheme boundary, so a span never splits a
/// cluster (a virama or other mark the word test does not know about).
fn grapheme_end(text: &str, end: usize) -> usize {
    use unicode_segmentation::GraphemeCursor;
    let before = text[..end].chars().next_back();
    let at = text[end..].chars().next();
    if before.is_none_or(|c| c.is_ascii()) && at.is_none_or(|c| c.is_ascii()) {
        return end;
    }
    let mut cursor = GraphemeCursor::new(end, text.len(), true);
    match cursor.is_boundary(text, 0) {
        Ok(true) | Err(_) => end,
        Ok(false) => cursor.next_boundary(text, 0).ok().flatten().unwrap_or(end),
    }
}

fn is_combining(c: char) -> bool {
    matches!(c as u32, 0x300..=0x36f | 0x1ab0..=0x1aff | 0x1dc0..=0x1dff | 0x20d0..=0x20ff | 0xfe20..=0xfe2f)
}

/// Scripts written without spaces between words: index each character on its own.
fn is_unspaced_script(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30ff | 0x3400..=0x4dbf | 0x4e00..=0x9fff | 0xf900..=0xfaff | 0x20000..=0x2fa1f)
}

/// Calls `emit` with the byte span of every token, without allocating.
///
/// Walks bytes: runs of ASCII letters and digits (most of any text) are taken
/// without decoding; any other character is decoded and judged as a `char`.
pub fn tokens(text: &str, mut emit: impl FnMut(Range<usize>)) {
    let bytes = text.as_bytes();
    let char_at = |i: usize| -> char {
        match bytes[i] {
            b if b < 0x80 => b as char,
            _ => text[i..].chars().next().expect("a char boundary"),
        }
    };
    // `pos` is where the next character to look at starts.
    let mut pos = 0;
    let mut last_end = 0;
    while pos < bytes.len() {
        if bytes[pos] < 0x80 && !bytes[pos].is_ascii_alphanumeric() {
            pos += 1;
            continue;
        }
        let start = pos;
        let c = char_at(start);
        pos += c.len_utf8();
        if !is_word_char(c) || is_combining(c) {
            continue;
        }
        if is_unspaced_script(c) {
            let end = grapheme_end(text, pos);
            pos = pos.max(end);
            last_end = end;
            emit(start..end);
            continue;
        }
        let mut end = pos;
        let mut prev = c;
        while pos < bytes.len() {
            let run = bytes[pos..]
                .iter()
                .take_while(|b| b.is_ascii_alphanumeric())
                .count();
            if run > 0 {
                pos += run;
                end = pos;
                prev = bytes[pos - 1] as char;
                continue;
            }
            let i = pos;
            let next = char_at(i);
            let after_next = i + next.len_utf8();
            if is_word_char(next) && !is_unspaced_script(next) {
                end = after_next;
                prev = next;
                pos = after_next;
                continue;
            }
            if is_invisible(next) {
                // Invisible characters join only when the word goes on after them.
                let rest = text[i..].trim_start_matches(is_invisible);
                let goes_on = rest
                    .chars()
                    .next()
                    .is_some_and(|a| is_word_char(a) && !is_combining(a) && !is_unspaced_script(a));
                if !goes_on {
                    break;
                }
                pos = after_next;
                continue;
            }
            // Look one past a joiner: apostrophe inside a word, separator inside digits.
            let joins = match text[after_next..].chars().next() {
                Some(a) if is_apostrophe(next) => prev.is_alphabetic() && a.is_alphabetic(),
                Some(a) if matches!(next, ',' | '.') => prev.is_ascii_digit() && a.is_ascii_digit(),
                _ => false,
            };
            if !joins {
                break;
            }
            // A possessive ’s ends the word before the apostrophe.
            if is_apostrophe(next) {
                let mut rc = text[after_next..].chars();
                if matches!(rc.next(), Some('s' | 'S')) && !rc.next().is_some_and(is_word_char) {
                    pos = after_next + 1;
                    break;
                }
            }
            pos = after_next;
        }
        // Never back into the previous token.
        let start = grapheme_start(text, start).max(last_end);
        let end = grapheme_end(text, end);
        last_end = end;
        pos = pos.max(end);
        emit(start..end);
    }
}

/// The index form of a word: lowercase, Latin diacritics folded, joiners removed.
pub fn fold(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    fold_into(word, &mut out);
    out
}

/// [`fold`] into a reused buffer (the indexer calls this once per token).
///
/// Folding is idempotent (`fold(fold(w)) == fold(w)`): a char is lowercased first
/// and then transliterated, so a capital whose lowercase is a Latin letter
/// (`U+A7DC` → `ƛ`) folds the same as that letter would.
pub fn fold_into(word: &str, out: &mut String) {
    out.clear();
    for c in word.chars() {
        if c.is_ascii() {
            if c.is_ascii_alphanumeric() {
                out.push(c.to_ascii_lowercase());
            }
        } else {
            for lower in c.to_lowercase() {
                push_folded(lower, out);
            }
        }
    }
}

fn push_folded(c: char, out: &mut String) {
    if c.is_ascii() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        }
    } else if is_apostrophe(c) || is_combining(c) || is_invisible(c) {
        // joiners and accents carry no meaning for matching
    } else if is_latin(c) {
        match deunicode::deunicode_char(c) {
            Some(ascii) if ascii.bytes().all(|b| b.is_ascii_alphanumeric()) => {
                out.extend(ascii.chars().map(|a| a.to_ascii_lowercase()))
            }
            _ => out.push(c),
        }
    } else {
        out.push(c);
    }
}

fn is_latin(c: char) -> bool {
    matches!(c as u32, 0xc0..=0x24f | 0x1e00..=0x1eff)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(text: &str, tokenizer: fn(&str, &mut dyn FnMut(Range<usize>))) -> Vec<Range<usize>> {
        let mut out = Vec::new();
        tokenizer(text, &mut |r| out.push(r));
        out
    }

    /// Characters the tokenizer treats specially, mixed with plain ones.
    const TRICKY: &[char] = &[
        'a', 'B', 's', 'S', '7', '0', ' ', ',', '.', '-', '\'', '’', 'ʼ', '‘', 'é', 'Ä', 'ß',
        '\u{301}', '\u{20dd}', '\u{ad}', '\u{200b}', '\u{200d}', '\u{feff}', '\u{2060}', '中',
        '文', 'か', 'ा', 'क', '्', '\u{600}', '٣', 'Ω', '\n', '"', '“', '😀',
    ];

    #[test]
    fn byte_walk_agrees_with_the_char_by_char_tokenizer() {
        let check = |text: &str| {
            let fast = spans(text, |t, e| tokens(t, e));
            let slow = spans(text, |t, e| reference_tokens(t, e));
            assert_eq!(fast, slow, "{text:?}");
        };
        for text in [
            "Iran’s O’Brien al-Maliki 300,000 3.5 U.S. Ba\u{200b}ghdad Qāsem",
            "it's Its' '' ,, 1,2,3 1., .5 a\u{ad}\u{ad}b a\u{ad} \u{ad}a",
            "中文か x中 a\u{301}b \u{301}a क्षत्रिय \u{600}123 😀a",
        ] {
            check(text);
        }
        // Every string of up to 6 characters over a small tricky alphabet would be
        // too many; a seeded walk over 200,000 random ones covers the pairs.
        let mut rng = 0x2545_f491_4f6c_dd1du64;
        for _ in 0..200_000 {
            let len = 1 + (rng % 9) as usize;
            let text: String = (0..len)
                .map(|_| {
                    rng ^= rng << 13;
                    rng ^= rng >> 7;
                    rng ^= rng << 17;
                    TRICKY[(rng % TRICKY.len() as u64) as usize]
                })
                .collect();
            check(&text);
        }
    }

    /// The char-by-char tokenizer `tokens` replaced: the reference it must agree with.
    fn reference_tokens(text: &str, mut emit: impl FnMut(Range<usize>)) {
        let mut chars = text.char_indices().peekable();
        let mut last_end = 0;
        while let Some((start, c)) = chars.next() {
            if !is_word_char(c) || is_combining(c) {
                continue;
            }
            if is_unspaced_script(c) {
                let end = grapheme_end(text, start + c.len_utf8());
                while chars.peek().is_some_and(|&(i, _)| i < end) {
                    chars.next();
                }
                last_end = end;
                emit(start..end);
                continue;
            }
            let mut end = start + c.len_utf8();
            let mut prev = c;
            while let Some(&(i, next)) = chars.peek() {
                if is_word_char(next) && !is_unspaced_script(next) {
                    end = i + next.len_utf8();
                    prev = next;
                    chars.next();
                    continue;
                }
                // Look one past a joiner: apostrophe inside a word, separator inside digits.
                let after = text[i + next.len_utf8()..].chars().next();
                if is_invisible(next) {
                    // Invisible characters join only when the word goes on after them.
                    let rest = text[i..].trim_start_matches(is_invisible);
                    let goes_on = rest.chars().next().is_some_and(|a| {
                        is_word_char(a) && !is_combining(a) && !is_unspaced_script(a)
                    });
                    if !goes_on {
                        break;
                    }
                    chars.next();
                    continue;
                }
                let joins = match after {
                    Some(a) if is_apostrophe(next) => prev.is_alphabetic() && a.is_alphabetic(),
                    Some(a) if matches!(next, ',' | '.') => {
                        prev.is_ascii_digit() && a.is_ascii_digit()
                    }
                    _ => false,
                };
                if !joins {
                    break;
                }
                // A possessive ’s ends the word before the apostrophe.
                if is_apostrophe(next) {
                    let rest = &text[i + next.len_utf8()..];
                    let mut rc = rest.chars();
                    if matches!(rc.next(), Some('s' | 'S')) && !rc.next().is_some_and(is_word_char)
                    {
                        chars.next();
                        chars.next();
                        break;
                    }
                }
                chars.next();
            }
            // Never back into the previous token.
            let start = grapheme_start(text, start).max(last_end);
            let end = grapheme_end(text, end);
            last_end = end;
            while chars.peek().is_some_and(|&(i, _)| i < end) {
                chars.next();
            }
            emit(start..end);
        }
    }

    fn terms(s: &str) -> Vec<String> {
        tokenize(s).into_iter().map(|t| t.term).collect()
    }

    #[test]
    fn hyphen_splits_and_possessive_drops() {
        assert_eq!(terms("al-Maliki"), ["al", "maliki"]);
        assert_eq!(terms("Iran’s proxies"), ["iran", "proxies"]);
        assert_eq!(terms("Iran's"), ["iran"]);
        assert_eq!(terms("O’Brien didn't"), ["obrien", "didnt"]);
    }

    #[test]
    fn diacritics_fold() {
        assert_eq!(terms("Qāsem Süleymanî"), ["qasem", "suleymani"]);
        // NFD: combining accent after a plain letter
        assert_eq!(terms("Qa\u{304}sem"), ["qasem"]);
    }

    #[test]
    fn folding_is_idempotent() {
        for word in [
            "Qāsem",
            "\u{a7dc}",
            "İstanbul",
            "Straße",
            "ǅemal",
            "\u{212a}elvin",
        ] {
            assert_eq!(fold(&fold(word)), fold(word), "{word}");
        }
    }

    #[test]
    fn digit_groups_join() {
        assert_eq!(
            terms("300,000 dead, $6.4 trillion"),
            ["300000", "dead", "64", "trillion"]
        );
        assert_eq!(terms("1980-1988"), ["1980", "1988"]);
    }

    #[test]
    fn spans_point_at_surface_forms() {
        let text = "The US’ war, “Baghdad”.";
        for t in tokenize(text) {
            assert!(text.is_char_boundary(t.span.start) && text.is_char_boundary(t.span.end));
        }
        let spans: Vec<&str> = tokenize(text)
            .iter()
            .map(|t| &text[t.span.clone()])
            .collect();
        assert_eq!(spans, ["The", "US", "war", "Baghdad"]);
    }

    #[test]
    fn invisible_characters_inside_words_are_ignored() {
        assert_eq!(
            terms("Ba\u{200b}ghdad Kar\u{ad}bala word\u{200b} \u{feff}Iran"),
            ["baghdad", "karbala", "word", "iran"]
        );
        let text = "word\u{200b} next";
        assert_eq!(tokenize(text)[0].span, 0..4);
    }

    #[test]
    fn spans_end_on_grapheme_boundaries() {
        // U+094D (virama) is a mark but not alphabetic: the cluster stays whole.
        let text = "नमस्ते";
        for t in tokenize(text) {
            assert!(!text[t.span.end..].starts_with('\u{94d}'));
        }
    }

    #[test]
    fn prepended_and_spacing_marks_stay_in_their_cluster() {
        // U+11D46 (a prepended repha) clusters with the space after it; U+113C5 (a
        // spacing mark) with the space before it; U+0600 with the digit after it.
        for text in ["\u{11d46} x", "a \u{113c5}", "\u{600}1"] {
            let graphemes: Vec<usize> =
                unicode_segmentation::UnicodeSegmentation::grapheme_indices(text, true)
                    .map(|(i, _)| i)
                    .chain([text.len()])
                    .collect();
            for t in tokenize(text) {
                assert!(graphemes.contains(&t.span.start), "{text:?} {t:?}");
                assert!(graphemes.contains(&t.span.end), "{text:?} {t:?}");
            }
        }
    }

    #[test]
    fn cjk_is_one_token_per_char_and_other_scripts_kept() {
        assert_eq!(terms("中国 بغداد"), ["中", "国", "بغداد"]);
    }
}
