//! Bytes → text. UTF-8 (BOM or not), UTF-16 with a BOM, otherwise Windows-1252 with
//! a notice. Line endings are normalised to `\n`. Binary content is refused.

use encoding_rs::{UTF_16BE, UTF_16LE, WINDOWS_1252};

/// How many leading bytes are sniffed for NULs.
const SNIFF_LEN: usize = 8192;

/// The outcome of decoding a file's bytes.
#[derive(Debug, PartialEq, Eq)]
pub enum Decoded {
    Text {
        text: String,
        notice: Option<String>,
    },
    Binary,
}

pub fn decode(bytes: &[u8]) -> Decoded {
    let (text, notice) = if let Some(rest) = bytes.strip_prefix(b"\xef\xbb\xbf") {
        (
            String::from_utf8_lossy(rest).into_owned(),
            invalid_utf8_notice(rest),
        )
    } else if bytes.starts_with(b"\xff\xfe") || bytes.starts_with(b"\xfe\xff") {
        let encoding = if bytes[0] == 0xff { UTF_16LE } else { UTF_16BE };
        let (text, _, had_errors) = encoding.decode(bytes);
        let notice = format!(
            "decoded as {}{}",
            encoding.name(),
            if had_errors {
                " (with invalid sequences replaced)"
            } else {
                ""
            }
        );
        (text.into_owned(), Some(notice))
    } else if bytes[..bytes.len().min(SNIFF_LEN)].contains(&0) {
        return Decoded::Binary;
    } else {
        match std::str::from_utf8(bytes) {
            Ok(s) => (s.to_owned(), None),
            Err(e) if mostly_utf8(bytes, e.valid_up_to()) => (
                String::from_utf8_lossy(bytes).into_owned(),
                invalid_utf8_notice(bytes),
            ),
            Err(_) => {
                let (text, _, _) = WINDOWS_1252.decode(bytes);
                (
                    text.into_owned(),
                    Some("not UTF-8: decoded as Windows-1252".to_owned()),
                )
            }
        }
    };
    // A byte-order mark does not make a file text: NULs after decoding (which real
    // UTF-8 or UTF-16 text never has) still mean binary.
    let head_end = (0..=SNIFF_LEN.min(text.len()))
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(0);
    if text[..head_end].contains('\0') {
        return Decoded::Binary;
    }
    Decoded::Text {
        text: normalise_newlines(text),
        notice,
    }
}

/// A file that is valid UTF-8 except for a few stray bytes is UTF-8 with damage, not
/// Windows-1252: decoding it as 1252 would garble every multi-byte character.
fn mostly_utf8(bytes: &[u8], valid_up_to: usize) -> bool {
    let multibyte_before = bytes[..valid_up_to].iter().any(|&b| b >= 0x80);
    multibyte_before || {
        let lossy = String::from_utf8_lossy(bytes);
        let replaced = lossy.matches('\u{fffd}').count();
        let multibyte = lossy
            .chars()
            .filter(|c| !c.is_ascii() && *c != '\u{fffd}')
            .count();
        multibyte > replaced
    }
}

fn invalid_utf8_notice(bytes: &[u8]) -> Option<String> {
    std::str::from_utf8(bytes)
        .is_err()
        .then(|| "invalid UTF-8 sequences replaced with �".to_owned())
}

fn normalise_newlines(text: String) -> String {
    if !text.contains('\r') {
        return text;
    }
    text.replace("\r\n", "\n").replace('\r', "\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(bytes: &[u8]) -> (String, Option<String>) {
        match decode(bytes) {
            Decoded::Text { text, notice } => (text, notice),
            Decoded::Binary => panic!("unexpected binary"),
        }
    }

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(text("Qāsem".as_bytes()), ("Qāsem".to_owned(), None));
        assert_eq!(text(b"\xef\xbb\xbfIraq").0, "Iraq");
    }

    #[test]
    fn utf16_with_bom() {
        let le: Vec<u8> = [0xff, 0xfe]
            .into_iter()
            .chain("Iraq\r\n".encode_utf16().flat_map(|u| u.to_le_bytes()))
            .collect();
        let be: Vec<u8> = [0xfe, 0xff]
            .into_iter()
            .chain("Iraq".encode_utf16().flat_map(|u| u.to_be_bytes()))
            .collect();
        assert_eq!(text(&le).0, "Iraq\n");
        assert_eq!(text(&be).0, "Iraq");
        assert!(text(&le).1.unwrap().contains("UTF-16LE"));
    }

    #[test]
    fn windows_1252_fallback_with_notice() {
        let (t, notice) = text(b"caf\xe9 \x93quoted\x94");
        assert_eq!(t, "café “quoted”");
        assert!(notice.unwrap().contains("Windows-1252"));
    }

    #[test]
    fn damaged_utf8_stays_utf8() {
        let mut bytes = "Qāsem ".as_bytes().to_vec();
        bytes.push(0xff);
        bytes.extend_from_slice("Baghdād".as_bytes());
        let (t, notice) = text(&bytes);
        assert_eq!(t, "Qāsem �Baghdād");
        assert!(notice.is_some());
    }

    #[test]
    fn nul_bytes_mean_binary() {
        assert_eq!(decode(b"\x7fELF\x02\x01\x01\x00\x00"), Decoded::Binary);
    }

    #[test]
    fn a_byte_order_mark_does_not_make_binary_text() {
        assert_eq!(decode(b"\xef\xbb\xbfELF\x00\x00\x01"), Decoded::Binary);
        assert_eq!(decode(b"\xff\xfeA\x00\x00\x00B\x00"), Decoded::Binary);
    }

    #[test]
    fn crlf_and_cr_normalised() {
        assert_eq!(text(b"a\r\nb\rc").0, "a\nb\nc");
    }
}
