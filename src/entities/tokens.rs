//! Word tokens of a paragraph for the name tagger: spans, possessives, sentence starts,
//! abbreviations (`U.S.`, `Gen.`, `W.`) and hyphen splits (`Iran-Iraq`, `US-led`).

use super::gazetteer::Gazetteer;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tok {
    pub s: usize,
    /// End of the word (a possessive `’s` is not part of it).
    pub e: usize,
    /// Followed by `’s` / `'s`: a name ends here.
    pub poss: bool,
    /// First word of a sentence, a line, a quotation or a parenthesis.
    pub sent: bool,
    /// Only plain spaces separate it from the previous token.
    pub joined: bool,
}

/// Abbreviations that keep their period (and so never end a sentence).
const ABBREVS: &[&str] = &[
    "Gen", "Maj", "Adm", "Lt", "Col", "Capt", "Sgt", "Dr", "Mr", "Mrs", "Ms", "St", "Jr", "Sr",
    "Rev", "Prof", "Gov", "Sen", "Rep", "Cmdr", "Cpl", "Pvt", "Inc", "Corp", "Ltd", "Co", "No",
    "Mt", "Ft", "Brig", "Gens", "Messrs", "Cpt", "Pres", "Amb", "Sec", "Supt", "Insp", "Fr",
    "Msgr", "Lt.-Gen", "Maj.-Gen",
];

/// Lower-case name particles that may stand before a hyphen (`al-Maliki`).
pub const HYPHEN_PARTICLES: &[&str] = &[
    "al", "el", "ad", "an", "as", "ash", "at", "az", "ar", "ibn", "bin", "abu", "abd", "Al", "El",
    "Abu", "Abd", "Bin", "Ibn", "Ben", "ben", "ul", "Ul",
];

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Splits `text` into tokens, reusing `out`.
pub fn tokenize(text: &str, gaz: &Gazetteer, out: &mut Vec<Tok>) {
    out.clear();
    let bytes = text.as_bytes();
    let mut i = 0;
    let mut prev_end = 0;
    while i < text.len() {
        // ASCII bytes are classified without decoding (most of any text).
        let b = bytes[i];
        if b < 0x80 && !b.is_ascii_alphanumeric() {
            i += 1;
            continue;
        }
        let c = text[i..].chars().next().expect("char");
        if !is_word_char(c) {
            i += c.len_utf8();
            continue;
        }
        let s = i;
        let mut e = i + c.len_utf8();
        // Extend over word characters and inner joiners.
        loop {
            while bytes.get(e).is_some_and(u8::is_ascii_alphanumeric) {
                e += 1;
            }
            let Some(n) = text[e..].chars().next() else {
                break;
            };
            if is_word_char(n) {
                e += n.len_utf8();
                continue;
            }
            if matches!(n, '-' | '\'' | '’' | '.' | '&' | '!') {
                let after = text[e + n.len_utf8()..].chars().next();
                if let Some(a) = after.filter(|a| is_word_char(*a)) {
                    // Possessive: stop before it.
                    if matches!(n, '\'' | '’')
                        && (a == 's' || a == 'S')
                        && !text[e + n.len_utf8() + 1..]
                            .chars()
                            .next()
                            .is_some_and(is_word_char)
                    {
                        break;
                    }
                    if n == '-' && split_hyphen(&text[s..e], a, gaz) {
                        break;
                    }
                    e += n.len_utf8() + a.len_utf8();
                    continue;
                }
            }
            break;
        }
        let word = &text[s..e];
        // Keep the period of abbreviations and initials.
        if bytes.get(e) == Some(&b'.') {
            let initial = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
            if word.contains('.') || initial || ABBREVS.contains(&word) {
                e += 1;
            }
        }
        let mut end = e;
        let mut poss = false;
        let rest = &text[e..];
        for p in ["’s", "'s", "’S", "'S"] {
            if rest.starts_with(p) && !rest[p.len()..].chars().next().is_some_and(is_word_char) {
                poss = true;
                end = e + p.len();
            }
        }
        let gap = &text[prev_end..s];
        let sent = out.is_empty()
            || gap
                .bytes()
                .any(|b| matches!(b, b'.' | b'!' | b'?' | b':' | b';' | b'\n' | b'"' | b'|'))
            || (!gap.is_ascii() && gap.contains(['“', '•']))
            || out
                .last()
                .is_some_and(|t: &Tok| text[t.s..t.e].ends_with(['!', '?']));
        // `Bill & Melinda Gates Foundation`: an ampersand between words joins them too.
        let joined = !out.is_empty()
            && !gap.is_empty()
            && (gap.chars().all(|c| c == ' ' || c == '\u{a0}') || gap == " & ");
        out.push(Tok {
            s,
            e,
            poss,
            sent,
            joined,
        });
        prev_end = end;
        i = end;
    }
}

/// `Iran-Iraq`, `US-led`, `anti-Iran` split; `al-Maliki`, `Frank-Walter`, `K-1` do not.
fn split_hyphen(left: &str, right_first: char, gaz: &Gazetteer) -> bool {
    let last_part = left.rsplit('-').next().unwrap_or(left);
    if right_first.is_ascii_digit() {
        return false;
    }
    if HYPHEN_PARTICLES.contains(&last_part) {
        return false;
    }
    let left_upper = last_part.chars().next().is_some_and(char::is_uppercase);
    if left_upper != right_first.is_uppercase() {
        return last_part.chars().count() > 1;
    }
    left_upper && (gaz.is_known(last_part) || gaz.is_demonym(last_part))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::gazetteer::gazetteer;

    fn words(text: &str) -> Vec<&str> {
        let mut v = Vec::new();
        tokenize(text, gazetteer(), &mut v);
        v.iter().map(|t| &text[t.s..t.e]).collect()
    }

    #[test]
    fn splits_and_keeps() {
        assert_eq!(
            words("the Iran-Iraq War, US-led; al-Maliki’s Frank-Walter K-1 U.S. Gen. W. Bush."),
            [
                "the",
                "Iran",
                "Iraq",
                "War",
                "US",
                "led",
                "al-Maliki",
                "Frank-Walter",
                "K-1",
                "U.S.",
                "Gen.",
                "W.",
                "Bush"
            ]
        );
    }
}
