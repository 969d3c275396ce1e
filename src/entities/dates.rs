//! Date expressions and their ISO-style values (`2019-12-27`, `2014-02`, `1980s`,
//! `2003/2011`, `--09-11`). A year missing from the text is taken from the document's
//! dateline and flagged as inferred; weekdays, relative expressions and clock times are
//! never dates.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

/// One date found in a paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateHit {
    pub range: Range<usize>,
    pub value: String,
    /// The year came from the dateline, not the text.
    pub inferred: bool,
}

const MONTHS: &str = r"January|February|March|April|May|June|July|August|September|October|November|December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?";

static DATE: LazyLock<Regex> = LazyLock::new(|| {
    let m = MONTHS;
    Regex::new(&format!(
        r"(?x)
        (?-u:\b)(?P<mdy_m>{m})\s+(?P<mdy_d>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<mdy_y>\d{{4}}))?(?-u:\b)
      | (?-u:\b)(?P<dmy_d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<dmy_m>{m})(?:,?\s+(?P<dmy_y>\d{{4}}))?(?-u:\b)
      | (?-u:\b)(?P<my_m>{m}),?\s+(?P<my_y>\d{{4}})(?-u:\b)
      | (?-u:\b)(?P<iso_y>\d{{4}})-(?P<iso_m>\d{{2}})-(?P<iso_d>\d{{2}})(?-u:\b)
      | (?-u:\b)(?P<num_m>\d{{1,2}})/(?P<num_d>\d{{1,2}})/(?P<num_y>\d{{4}}|\d{{2}})(?-u:\b)
      | (?-u:\b)(?P<nine11>9/11)(?-u:\b)
      | (?-u:\b)(?:(?P<qual>mid|early|late)[-\s])?(?P<decade>1\d|20)(?P<dec2>\d)0s(?-u:\b)
      | (?-u:\b)(?P<r1>1\d{{3}}|20\d{{2}})\s?[-–/](?P<r2>\d{{4}}|\d{{2}})(?-u:\b)
      | (?:(?P<squal>mid|early|late)[-\s])?['’](?P<sdec>\d)0s(?-u:\b)
      | (?-u:\b)(?P<yy1>\d{{2}})-(?P<yy2>\d{{2}})(?-u:\b)
      | (?-u:\b)(?:(?P<yqual>mid|early|late)-)?(?P<year>1\d{{3}}|20\d{{2}})(?-u:\b)
      | (?-u:\b)(?P<month>{m})(?-u:\b)
    "
    ))
    .expect("date regex")
});

/// Words after a four-digit number that make it a count, not a year.
const COUNT_NOUNS: &[&str] = &[
    "pages",
    "page",
    "people",
    "troops",
    "soldiers",
    "members",
    "dollars",
    "km",
    "miles",
    "meters",
    "metres",
    "feet",
    "tons",
    "tonnes",
    "men",
    "women",
    "children",
    "rockets",
    "missiles",
    "fighters",
    "marines",
    "staff",
    "votes",
    "words",
    "units",
    "cases",
    "deaths",
    "dead",
    "killed",
    "casualties",
    "civilians",
    "refugees",
    "employees",
    "workers",
    "items",
    "copies",
    "points",
    "kg",
    "mm",
    "cm",
    "years",
    "hours",
    "days",
    "times",
    "rounds",
];

/// Words before a four-digit number that make it a code or a count.
const CODE_WORDS: &[&str] = &[
    "box", "no", "no.", "number", "room", "flight", "route", "code", "model", "version", "suite",
    "unit", "page", "pp", "p.", "#", "$", "£", "€", "zip",
];

/// Months that are also ordinary words need a cue to stand alone.
const AMBIGUOUS_MONTHS: &[&str] = &["May", "March", "Mar", "Jan", "Sun", "Dec"];

pub fn month_number(name: &str) -> Option<u32> {
    let n = name.trim_end_matches('.').to_ascii_lowercase();
    let n = if n.len() > 3 { &n[..3] } else { &n[..] };
    let idx = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ]
    .iter()
    .position(|m| *m == n)?;
    Some(idx as u32 + 1)
}

/// Dateline year and month, for inferring years of `December 27`.
#[derive(Debug, Clone, Copy, Default)]
pub struct Dateline {
    pub year: Option<i32>,
    pub month: Option<u32>,
}

impl Dateline {
    pub fn parse(iso: Option<&str>) -> Self {
        let Some(iso) = iso else {
            return Dateline::default();
        };
        let mut parts = iso.split('-');
        Dateline {
            year: parts.next().and_then(|y| y.parse().ok()),
            month: parts.next().and_then(|m| m.parse().ok()),
        }
    }

    /// News reports look back: a month after the dateline's month is last year's.
    fn year_for(&self, month: u32) -> Option<i32> {
        let y = self.year?;
        match self.month {
            Some(dm) if month > dm + 1 => Some(y - 1),
            _ => Some(y),
        }
    }
}

fn word_before(text: &str, at: usize) -> &str {
    let head = text[..at].trim_end();
    let start = head
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace())
        .map_or(0, |(i, c)| i + c.len_utf8());
    &head[start..]
}

fn word_after(text: &str, at: usize) -> &str {
    let tail = text[at..].trim_start();
    let end = tail
        .find(|c: char| !c.is_alphanumeric())
        .unwrap_or(tail.len());
    &tail[..end]
}

fn two_digit_year(yy: u32, dateline: Dateline) -> i32 {
    let pivot = dateline.year.map_or(30, |y| (y % 100) as u32 + 1);
    if yy <= pivot {
        2000 + yy as i32
    } else {
        1900 + yy as i32
    }
}

/// Finds the dates of one paragraph.
pub fn find_dates(text: &str, dateline: Dateline) -> Vec<DateHit> {
    let mut out = Vec::new();
    if !may_hold_date(text) {
        return out;
    }
    for c in DATE.captures_iter(text) {
        let whole = c.get(0).expect("match");
        let range = whole.range();
        let n = |k: &str| c.name(k).and_then(|m| m.as_str().parse::<u32>().ok());
        let day_month = |m: u32, d: u32, y: Option<u32>| -> Option<(String, bool)> {
            if !(1..=31).contains(&d) {
                return None;
            }
            match y {
                Some(y) => Some((format!("{y:04}-{m:02}-{d:02}"), false)),
                None => Some(match dateline.year_for(m) {
                    Some(y) => (format!("{y:04}-{m:02}-{d:02}"), true),
                    None => (format!("--{m:02}-{d:02}"), false),
                }),
            }
        };
        let hit = if let Some(m) = c.name("mdy_m") {
            let month = month_number(m.as_str());
            month
                .zip(n("mdy_d"))
                .and_then(|(mo, d)| day_month(mo, d, n("mdy_y")))
        } else if let Some(m) = c.name("dmy_m") {
            let month = month_number(m.as_str());
            month
                .zip(n("dmy_d"))
                .and_then(|(mo, d)| day_month(mo, d, n("dmy_y")))
        } else if let Some(m) = c.name("my_m") {
            month_number(m.as_str())
                .zip(n("my_y"))
                .map(|(mo, y)| (format!("{y:04}-{mo:02}"), false))
        } else if c.name("iso_y").is_some() {
            match (n("iso_y"), n("iso_m"), n("iso_d")) {
                (Some(y), Some(m @ 1..=12), Some(d @ 1..=31)) => {
                    Some((format!("{y:04}-{m:02}-{d:02}"), false))
                }
                _ => None,
            }
        } else if c.name("num_m").is_some() {
            match (n("num_m"), n("num_d"), c.name("num_y")) {
                (Some(m @ 1..=12), Some(d @ 1..=31), Some(y)) => {
                    let y: u32 = y.as_str().parse().unwrap_or(0);
                    let y = if y < 100 {
                        two_digit_year(y, dateline) as u32
                    } else {
                        y
                    };
                    Some((format!("{y:04}-{m:02}-{d:02}"), false))
                }
                _ => None,
            }
        } else if c.name("nine11").is_some() {
            Some(("--09-11".to_owned(), false))
        } else if let Some(d) = c.name("sdec") {
            // "the '90s": the twentieth century unless the decade is one of the first three.
            let d: u32 = d.as_str().parse().unwrap_or(0);
            let century = if d <= 2 { 20 } else { 19 };
            Some((format!("{century}{d}0s"), false))
        } else if let Some(d) = c.name("decade") {
            let dec2 = c.name("dec2").map_or("", |m| m.as_str());
            // "the 80s"-style two-digit decades are not matched; "1980s", "2000s" are.
            Some((format!("{}{}0s", d.as_str(), dec2), false))
        } else if let (Some(a), Some(b)) = (n("r1"), c.name("r2")) {
            let b_str = b.as_str();
            let b: u32 = if b_str.len() == 2 {
                a / 100 * 100 + b_str.parse::<u32>().unwrap_or(0)
            } else {
                b_str.parse().unwrap_or(0)
            };
            (b > a && b - a <= 100 && b <= 2099).then(|| (format!("{a}/{b}"), false))
        } else if let (Some(a), Some(b)) = (n("yy1"), n("yy2")) {
            // "05-06": consecutive two-digit years; anything else is a score or a code.
            let prev = &text[..range.start];
            let next = &text[range.end..];
            let isolated =
                !prev.ends_with(['-', '/', '.', ':']) && !next.starts_with(['-', '/', ':']);
            let zero = c.name("yy1").is_some_and(|m| m.as_str().starts_with('0'));
            (isolated && b == (a + 1) % 100 && (zero || a >= 50)).then(|| {
                let ya = two_digit_year(a, dateline);
                (format!("{}/{}", ya, ya + 1), false)
            })
        } else if let Some(y) = n("year") {
            is_year(text, whole.start(), whole.end(), y).then(|| (format!("{y:04}"), false))
        } else if let Some(m) = c.name("month") {
            standalone_month(text, m.start(), m.as_str())
                .then(|| month_number(m.as_str()))
                .flatten()
                .map(|mo| match dateline.year_for(mo) {
                    Some(y) => (format!("{y:04}-{mo:02}"), true),
                    None => (format!("--{mo:02}"), false),
                })
        } else {
            None
        };
        if let Some((value, inferred)) = hit {
            out.push(DateHit {
                range,
                value,
                inferred,
            });
        }
    }
    out
}

/// Every date expression holds a digit (`\d`: any Unicode digit) or a capitalised month
/// name: a paragraph with neither skips the date regex (most paragraphs do).
fn may_hold_date(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.iter().enumerate().any(|(i, &b)| match b {
        b'0'..=b'9' => true,
        b'A' | b'D' | b'F' | b'J' | b'M' | b'N' | b'O' | b'S' => {
            bytes.get(i..i + 3).is_some_and(|m| {
                matches!(
                    m,
                    b"Jan"
                        | b"Feb"
                        | b"Mar"
                        | b"Apr"
                        | b"May"
                        | b"Jun"
                        | b"Jul"
                        | b"Aug"
                        | b"Sep"
                        | b"Oct"
                        | b"Nov"
                        | b"Dec"
                )
            })
        }
        // The first byte of a non-ASCII character: a digit of another script?
        0xC0.. => text[i..].chars().next().is_some_and(char::is_numeric),
        _ => false,
    })
}

fn is_year(text: &str, start: usize, end: usize, y: u32) -> bool {
    if !(1000..=2099).contains(&y) {
        return false;
    }
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    if matches!(before, Some(',' | '.' | '$' | '#' | '£' | '€'))
        || before.is_some_and(|c| c.is_ascii_digit())
        || matches!(after, Some('%'))
        || (matches!(after, Some(',' | '.'))
            && text[end + 1..].starts_with(|c: char| c.is_ascii_digit()))
    {
        return false;
    }
    let prev = word_before(text, start).to_ascii_lowercase();
    if CODE_WORDS.contains(&prev.as_str()) {
        return false;
    }
    let next = word_after(text, end).to_ascii_lowercase();
    !COUNT_NOUNS.contains(&next.as_str())
}

fn standalone_month(text: &str, start: usize, name: &str) -> bool {
    if name.len() <= 4 && !name.ends_with('.') && name != "June" && name != "July" {
        // Abbreviations alone ("Jan", "Sept") are too easily names or words.
        return false;
    }
    if AMBIGUOUS_MONTHS.contains(&name) {
        let prev = word_before(text, start).to_ascii_lowercase();
        return matches!(
            prev.as_str(),
            "in" | "since"
                | "until"
                | "by"
                | "early"
                | "late"
                | "mid"
                | "last"
                | "next"
                | "this"
                | "past"
                | "of"
                | "from"
                | "through"
                | "during"
                | "before"
                | "after"
        );
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(text: &str, iso: Option<&str>) -> Vec<(String, String, bool)> {
        find_dates(text, Dateline::parse(iso))
            .into_iter()
            .map(|h| (text[h.range].to_owned(), h.value, h.inferred))
            .collect()
    }

    #[test]
    fn full_and_partial_dates() {
        let v = values(
            "On June 17, 2014 and 18 June 2014, then December 27th and in September, 2000.",
            Some("2020-01-03"),
        );
        assert_eq!(v[0], ("June 17, 2014".into(), "2014-06-17".into(), false));
        assert_eq!(v[1], ("18 June 2014".into(), "2014-06-18".into(), false));
        assert_eq!(v[2], ("December 27th".into(), "2019-12-27".into(), true));
        assert_eq!(v[3], ("September, 2000".into(), "2000-09".into(), false));
    }

    #[test]
    fn years_ranges_decades() {
        let v = values(
            "In 1980-1988, the 1980s, mid-2019, 9/11, in 05-06 and 07-08; 700 pages; PO Box 1520; 3,000 men.",
            None,
        );
        let vals: Vec<&str> = v.iter().map(|x| x.1.as_str()).collect();
        assert_eq!(
            vals,
            [
                "1980/1988",
                "1980s",
                "2019",
                "--09-11",
                "2005/2006",
                "2007/2008"
            ]
        );
    }

    #[test]
    fn short_decades_and_season_ranges() {
        let v = values("In the '90s and the 2019/20 season.", None);
        let vals: Vec<&str> = v.iter().map(|x| x.1.as_str()).collect();
        assert_eq!(vals, ["1990s", "2019/2020"]);
    }

    #[test]
    fn months_need_cues_when_ambiguous() {
        assert!(
            values(
                "You May go. Just this past February we met.",
                Some("2014-06-18")
            )
            .iter()
            .map(|x| x.1.as_str())
            .eq(["2014-02"])
        );
        assert!(values("On Monday at 3:05 pm, last year.", None).is_empty());
    }
}
