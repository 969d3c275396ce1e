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

fn is_combining(c: char) -> bool {
    matches!(c as u32, 0x300..=0x36f | 0x1ab0..=0x1aff | 0x1dc0..=0x1dff | 0x20d0..=0x20ff | 0xfe20..=0xfe2f)
}

/// Scripts written without spaces between words: index each character on its own.
fn is_unspaced_script(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30ff | 0x3400..=0x4dbf | 0x4e00..=0x9fff | 0xf900..=0xfaff | 0x20000..=0x2fa1f)
}

/// Calls `emit` with the byte span of every token, without allocating.
pub fn tokens(text: &str, mut emit: impl FnMut(Range<usize>)) {
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if !is_word_char(c) || is_combining(c) {
            continue;
        }
        if is_unspaced_script(c) {
            emit(start..start + c.len_utf8());
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
            let joins = match after {
                Some(a) if is_apostrophe(next) => prev.is_alphabetic() && a.is_alphabetic(),
                Some(a) if matches!(next, ',' | '.') => prev.is_ascii_digit() && a.is_ascii_digit(),
                _ => false,
            };
            if !joins {
                break;
            }
            // A possessive ’s ends the word before the apostrophe.
            if is_apostrophe(next) {
                let rest = &text[i + next.len_utf8()..];
                let mut rc = rest.chars();
                if matches!(rc.next(), Some('s' | 'S')) && !rc.next().is_some_and(is_word_char) {
                    chars.next();
                    chars.next();
                    break;
                }
            }
            chars.next();
        }
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
pub fn fold_into(word: &str, out: &mut String) {
    out.clear();
    for c in word.chars() {
        if c.is_ascii() {
            if c.is_ascii_alphanumeric() {
                out.push(c.to_ascii_lowercase());
            }
        } else if is_apostrophe(c) || is_combining(c) {
            // joiners and accents carry no meaning for matching
        } else if is_latin(c) {
            match deunicode::deunicode_char(c) {
                Some(ascii) if ascii.bytes().all(|b| b.is_ascii_alphanumeric()) => {
                    out.extend(ascii.chars().map(|a| a.to_ascii_lowercase()))
                }
                _ => out.extend(c.to_lowercase()),
            }
        } else {
            out.extend(c.to_lowercase());
        }
    }
}

fn is_latin(c: char) -> bool {
    matches!(c as u32, 0xc0..=0x24f | 0x1e00..=0x1eff)
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn cjk_is_one_token_per_char_and_other_scripts_kept() {
        assert_eq!(terms("中国 بغداد"), ["中", "国", "بغداد"]);
    }
}
