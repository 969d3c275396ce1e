//! Title, author, date and source of a document, read from its first paragraphs.

use std::sync::LazyLock;

use regex::Regex;
use serde::Serialize;

use super::segment::{DATE_LINE, MONTH, source_dateline};
use super::{ParaKind, Paragraph};

/// How far from the top a dateline or byline is looked for.
const TOP_PARAGRAPHS: usize = 8;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct DocMeta {
    pub title: String,
    pub author: Option<String>,
    /// ISO date (`2014-06-18`) from the dateline.
    pub date: Option<String>,
    pub source: Option<String>,
}

/// `By X` / `Guest Post by X`: the keyword in any case, the name capitalised.
static BY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?i:(?:guest\s+)?(?:post(?:ed)?\s+|written\s+)?by)\s+(\p{Lu}.*?)\s*$")
        .expect("valid regex")
});

/// An author is a name, not a sentence that happens to start with "By".
const AUTHOR_MAX_WORDS: usize = 6;

static ANY_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)(?-u:\b)(?:({MONTH})\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})|(\d{{1,2}})\s+({MONTH}),?\s+(\d{{4}})|(\d{{4}})-(\d{{2}})-(\d{{2}}))(?-u:\b)"
    ))
    .expect("valid regex")
});

static SOURCE_FOOTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:the\s+original\s+source\s+of\s+this\s+article\s+is|reprinted\s+(?:with\s+permission\s+)?from)\s+(.+?)\.?$")
        .expect("valid regex")
});

impl DocMeta {
    pub fn derive(file_name: &str, paragraphs: &[Paragraph]) -> Self {
        let top = &paragraphs[..paragraphs.len().min(TOP_PARAGRAPHS)];
        let title = paragraphs
            .iter()
            .find(|p| p.kind == ParaKind::Heading)
            .map(|p| one_line(p.text.lines().next().unwrap_or("")))
            .filter(|t| !t.is_empty())
            .unwrap_or_else(|| fallback_title(file_name, paragraphs));
        let mut meta = DocMeta {
            title,
            ..Default::default()
        };
        for p in top.iter().filter(|p| {
            matches!(
                p.kind,
                ParaKind::Byline | ParaKind::Heading | ParaKind::Body
            )
        }) {
            for line in p.text.lines().map(str::trim) {
                let dated = ends_in_digit(line);
                if meta.author.is_none()
                    && let Some(c) = BY.captures(line)
                    && c[1].split_whitespace().count() <= AUTHOR_MAX_WORDS
                {
                    meta.author = Some(one_line(&c[1]));
                }
                if meta.source.is_none()
                    && dated
                    && let Some(source) = source_dateline(line)
                {
                    meta.source = Some(one_line(source));
                }
                if meta.date.is_none()
                    && dated
                    && (DATE_LINE.is_match(line) || source_dateline(line).is_some())
                {
                    meta.date = parse_date(line);
                }
            }
        }
        // A name line right under the title in a byline ("Alex Lantier / 18 June 2014").
        if meta.author.is_none() {
            meta.author = top
                .iter()
                .filter(|p| p.kind == ParaKind::Byline)
                .flat_map(|p| p.text.lines())
                .map(str::trim)
                .find(|l| {
                    !DATE_LINE.is_match(l)
                        && source_dateline(l).is_none()
                        && l.split_whitespace().count() <= 4
                })
                .map(str::to_owned);
        }
        if meta.source.is_none() {
            meta.source = paragraphs
                .iter()
                .filter(|p| p.kind == ParaKind::Boilerplate)
                .find_map(|p| {
                    SOURCE_FOOTER
                        .captures(p.text.trim())
                        .map(|c| c[1].trim().to_owned())
                });
        }
        meta
    }
}

/// Date lines and datelines end in a year or day (`\d`, any script): lines
/// that do not are not run through those regexes, which are slow to fail on
/// long lines.
fn ends_in_digit(line: &str) -> bool {
    line.chars().next_back().is_some_and(char::is_numeric)
}

fn fallback_title(file_name: &str, paragraphs: &[Paragraph]) -> String {
    paragraphs
        .iter()
        .filter(|p| matches!(p.kind, ParaKind::Body | ParaKind::Byline))
        .map(|p| p.text.lines().next().unwrap_or("").trim())
        .find(|l| !l.is_empty())
        .map(|l| truncate_words(&one_line(l), 80))
        .unwrap_or_else(|| file_name.to_owned())
}

/// A one-line field: every run of whitespace (no-break spaces included) becomes
/// one plain space, so titles compare, search and display as typed.
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn truncate_words(s: &str, max_chars: usize) -> String {
    if s.chars().count() <= max_chars {
        return s.to_owned();
    }
    let cut: String = s.chars().take(max_chars).collect();
    let cut = cut.rsplit_once(' ').map(|(a, _)| a).unwrap_or(&cut);
    format!("{cut}…")
}

/// The first full date in `s` as `YYYY-MM-DD`.
pub fn parse_date(s: &str) -> Option<String> {
    let c = ANY_DATE.captures(s)?;
    let (year, month, day) = if let Some(m) = c.get(1) {
        (&c[3], month_number(m.as_str())?, c[2].parse::<u32>().ok()?)
    } else if let Some(m) = c.get(5) {
        (&c[6], month_number(m.as_str())?, c[4].parse::<u32>().ok()?)
    } else {
        (&c[7], c[8].parse().ok()?, c[9].parse().ok()?)
    };
    ((1..=12).contains(&month) && (1..=31).contains(&day))
        .then(|| format!("{year}-{month:02}-{day:02}"))
}

/// `Jan`, `january`, `Sept.` → 1-based month number.
pub fn month_number(name: &str) -> Option<u32> {
    let lower = name.trim_end_matches('.').to_ascii_lowercase();
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    MONTHS
        .iter()
        .position(|m| lower.starts_with(m))
        .map(|i| i as u32 + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sentence_starting_with_by_is_no_author() {
        let doc = crate::corpus::Document::from_text(
            "a.txt".into(),
            "a.txt".into(),
            "The Fall of Mosul\n\nBy the time the army arrived, the city had already fallen to the insurgents.\n\nBy Ahmed Rashid, who reported from the city for years, the fall was foreseen.".into(),
            Vec::new(),
        );
        assert_eq!(doc.meta.author, None);
    }

    #[test]
    fn only_lines_ending_in_a_digit_of_any_script_are_date_candidates() {
        assert!(ends_in_digit("Global Research, June 17, 2014"));
        assert!(ends_in_digit("2014-06-17"));
        assert!(ends_in_digit("١٧ يونيو ٢٠١٤"));
        assert!(!ends_in_digit(
            "By the time the talks ended, nothing was agreed."
        ));
        assert!(!ends_in_digit(""));
    }

    #[test]
    fn dates_in_three_shapes() {
        assert_eq!(parse_date("18 June 2014").as_deref(), Some("2014-06-18"));
        assert_eq!(
            parse_date("Global Research, June 17, 2014").as_deref(),
            Some("2014-06-17")
        );
        assert_eq!(parse_date("January 3, 2020").as_deref(), Some("2020-01-03"));
        assert_eq!(parse_date("Sept. 9, 2001").as_deref(), Some("2001-09-09"));
        assert_eq!(parse_date("no date here"), None);
    }
}
