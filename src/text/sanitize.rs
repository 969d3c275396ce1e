//! One sanitiser for every string a document can put on the screen.
//!
//! Documents are untrusted: an escape sequence in a scraped page could clear the
//! screen or write the clipboard (OSC 52). Control characters are replaced by visible
//! placeholders so nothing a document contains can ever reach the terminal as a
//! control; the replacement keeps one placeholder per offending char so spans can be
//! mapped if needed.

use std::borrow::Cow;

/// The visible stand-in for a character that must not reach the terminal, or `None`
/// when the character is safe to print as it is.
pub fn sanitize_char(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{1b}' => "␛",
        '\t' => "    ",
        '\u{0}'..='\u{1f}' => CONTROL_PICTURES[c as usize],
        '\u{7f}' => "␡",
        '\u{80}'..='\u{9f}' => "�",
        // Bidirectional embeddings, overrides and isolates ("Trojan Source").
        '\u{202a}' => "⟨LRE⟩",
        '\u{202b}' => "⟨RLE⟩",
        '\u{202c}' => "⟨PDF⟩",
        '\u{202d}' => "⟨LRO⟩",
        '\u{202e}' => "⟨RLO⟩",
        '\u{2066}' => "⟨LRI⟩",
        '\u{2067}' => "⟨RLI⟩",
        '\u{2068}' => "⟨FSI⟩",
        '\u{2069}' => "⟨PDI⟩",
        '\u{200e}' | '\u{200f}' | '\u{61c}' => "",
        _ => return None,
    })
}

const CONTROL_PICTURES: [&str; 32] = [
    "␀", "␁", "␂", "␃", "␄", "␅", "␆", "␇", "␈", "    ", "␊", "␋", "␌", "␍", "␎", "␏", "␐", "␑",
    "␒", "␓", "␔", "␕", "␖", "␗", "␘", "␙", "␚", "␛", "␜", "␝", "␞", "␟",
];

/// Text made inert for display: newlines kept, every other control shown as a symbol.
pub fn sanitize(text: &str) -> Cow<'_, str> {
    sanitize_with(text, true)
}

/// Like [`sanitize`] but newlines become `␊` too: for one-line fields (titles, names).
pub fn sanitize_line(text: &str) -> Cow<'_, str> {
    sanitize_with(text, false)
}

fn sanitize_with(text: &str, keep_newlines: bool) -> Cow<'_, str> {
    let is_clean = |c: char| (keep_newlines && c == '\n') || sanitize_char(c).is_none();
    if text.chars().all(is_clean) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match sanitize_char(c) {
            Some(_) if keep_newlines && c == '\n' => out.push(c),
            Some(stand_in) => out.push_str(stand_in),
            None => out.push(c),
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_become_visible() {
        let osc52 = "copy\u{1b}]52;c;ZXZpbA==\u{7}me";
        let shown = sanitize(osc52);
        assert!(!shown.contains('\u{1b}'));
        assert!(!shown.contains('\u{7}'));
        assert!(shown.contains("␛]52"));
    }

    #[test]
    fn c1_and_bidi_controls_are_replaced() {
        let s = sanitize("a\u{9b}2Jb\u{202e}evil");
        assert!(!s.contains('\u{9b}'));
        assert!(!s.contains('\u{202e}'));
        assert!(s.contains("⟨RLO⟩"));
    }

    #[test]
    fn clean_text_is_borrowed() {
        assert!(matches!(
            sanitize("Baghdad, 2014 — “quoted”"),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn newlines_only_kept_when_asked() {
        assert_eq!(sanitize("a\nb"), "a\nb");
        assert_eq!(sanitize_line("a\nb"), "a␊b");
    }
}
