//! Light markdown: `**bold**`, `*italic*`, `[text](url)` → plain text plus styled
//! ranges and link targets. Anything that is not well-formed stays as written.

use std::ops::Range;

use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase", tag = "style", content = "url")]
pub enum InlineStyle {
    Bold,
    Italic,
    /// A link and its target; `#` placeholders have no target.
    Link(Option<String>),
}

/// A styled byte range of a paragraph's display text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Inline {
    pub range: Range<usize>,
    #[serde(flatten)]
    pub style: InlineStyle,
}

/// A link target found in a paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub text: String,
    pub url: String,
}

/// Strips inline markup from one line, appending the plain text to `out` and the
/// styles (with ranges in `out`) to `inlines`.
pub fn render_inline(line: &str, out: &mut String, inlines: &mut Vec<Inline>) {
    let bytes = line.as_bytes();
    let mut i = 0;
    while i < line.len() {
        let rest = &line[i..];
        if let Some(inner) = rest.strip_prefix("**") {
            if let Some(close) = inner.find("**").filter(|&n| n > 0) {
                let start = out.len();
                render_inline(&inner[..close], out, inlines);
                inlines.push(Inline {
                    range: start..out.len(),
                    style: InlineStyle::Bold,
                });
                i += 2 + close + 2;
                continue;
            }
        } else if bytes[i] == b'*' && is_emphasis_open(rest) {
            if let Some(close) = find_emphasis_close(&rest[1..]) {
                let start = out.len();
                render_inline(&rest[1..1 + close], out, inlines);
                inlines.push(Inline {
                    range: start..out.len(),
                    style: InlineStyle::Italic,
                });
                i += 1 + close + 1;
                continue;
            }
        } else if bytes[i] == b'['
            && let Some((text, url, used)) = parse_link(rest)
        {
            let start = out.len();
            render_inline(text, out, inlines);
            let target = (!url.is_empty() && url != "#").then(|| url.to_owned());
            inlines.push(Inline {
                range: start..out.len(),
                style: InlineStyle::Link(target),
            });
            i += used;
            continue;
        }
        let c = rest.chars().next().expect("non-empty");
        out.push(c);
        i += c.len_utf8();
    }
}

/// `*x` opens emphasis only when followed by a non-space (so `2 * 3` stays).
fn is_emphasis_open(rest: &str) -> bool {
    rest[1..]
        .chars()
        .next()
        .is_some_and(|c| !c.is_whitespace() && c != '*')
}

fn find_emphasis_close(s: &str) -> Option<usize> {
    let close = s.find('*')?;
    let before = s[..close].chars().last()?;
    (!before.is_whitespace()).then_some(close)
}

/// `[text](url)` at the start of `s`: the text, the url and the bytes consumed.
fn parse_link(s: &str) -> Option<(&str, &str, usize)> {
    let mut depth = 0;
    let mut text_end = None;
    for (i, c) in s.char_indices() {
        match c {
            '[' => depth += 1,
            ']' => {
                depth -= 1;
                if depth == 0 {
                    text_end = Some(i);
                    break;
                }
            }
            '\n' => return None,
            _ => {}
        }
    }
    let text_end = text_end?;
    let after = &s[text_end + 1..];
    let url_part = after.strip_prefix('(')?;
    let url_end = url_part.find(')')?;
    let url = url_part[..url_end].trim();
    if url.contains(char::is_whitespace) {
        return None;
    }
    Some((&s[1..text_end], url, text_end + 1 + 1 + url_end + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(s: &str) -> (String, Vec<Inline>) {
        let mut out = String::new();
        let mut inlines = Vec::new();
        render_inline(s, &mut out, &mut inlines);
        (out, inlines)
    }

    #[test]
    fn links_become_text_with_targets() {
        let (text, inlines) =
            render("By [Chris Marsden](#) at **[wsws.org/contact](http://wsws.org/contact)**");
        assert_eq!(text, "By Chris Marsden at wsws.org/contact");
        assert!(inlines.contains(&Inline {
            range: 3..16,
            style: InlineStyle::Link(None)
        }));
        assert!(inlines.contains(&Inline {
            range: 20..36,
            style: InlineStyle::Link(Some("http://wsws.org/contact".into()))
        }));
        assert!(inlines.iter().any(|i| i.style == InlineStyle::Bold));
    }

    #[test]
    fn emphasis_and_plain_stars() {
        assert_eq!(render("*is* anticipated, 2 * 3").0, "is anticipated, 2 * 3");
        assert_eq!(
            render("unclosed [bracket and **bold").0,
            "unclosed [bracket and **bold"
        );
    }
}
