//! The tagger proper: dates, figures, gazetteer names and names found from the text.
//!
//! Names come from capitalised runs of words joined by particles (`al-`, `bin`, `van`) and,
//! after an organisation head, by `of`/`for`/`on`. A run is split at gazetteer names and
//! classified by cues: a title before it (person, title left out), a head word
//! (`Ministry`, `Forces`, `Embassy`), particles and given names (person), a preposition
//! or "town of" before it (place), `said`/`administration` after it (person). Ordinary
//! capitalised sentence starters and Title Case headlines are recognised through the
//! common-word list; what stays uncertain is marked [`Cue::Unknown`] or [`Cue::Maybe`] for
//! the resolver to settle with the rest of the corpus.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::cues::*;
use super::dates::{Dateline, find_dates};
use super::gazetteer::Gazetteer;
use super::quantities::find_quantities;
use super::tokens::{HYPHEN_PARTICLES, Tok, tokenize};
use super::{Cue, EntityKind, Mention};
use crate::corpus::{Document, ParaKind};

/// Top-level domains [`URL`] knows as bare domains (`reuters.com`), each after a ".".
const URL_TLDS: [&str; 11] = [
    "com", "org", "net", "ca", "uk", "gov", "edu", "io", "info", "de", "fr",
];

static URL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?:[hH][tT][tT][pP][sS]?://|[wW][wW][wW]\.)[^\s]+|[A-Za-z0-9_.+-]+@[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)+|(?-u:\b)[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*\.(?:{})(?-u:\b)(?:/[^\s]*)?",
        URL_TLDS.join("|")
    ))
    .expect("url regex")
});

/// Whether `text` has what every [`URL`] match needs: "://", "@", "www." or a
/// known domain after a ".". Most paragraphs have none, and the regex costs
/// more than this scan ("U.S." and "3.5" alone no longer send a paragraph to it).
fn may_hold_url(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memchr3_iter(b'.', b'@', b':', bytes).any(|i| match bytes[i] {
        b'@' => true,
        b':' => bytes[i + 1..].starts_with(b"//"),
        _ => {
            let after = &bytes[i + 1..];
            (i >= 3 && bytes[i - 3..i].eq_ignore_ascii_case(b"www"))
                || URL_TLDS.iter().any(|tld| after.starts_with(tld.as_bytes()))
        }
    })
}

static ALIAS_CUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*,?\s*(?:(?:who|which|that)\s+(?:is|are|was|were)\s+)?(?:also\s+|sometimes\s+|often\s+)?(?:(?:referred\s+to|known)\s+as|called|dubbed|aka|a\.k\.a\.|or)\s+[“\x22]?$")
        .expect("alias regex")
});

static OTHER_PLACES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^,?\s+and\s+other\s+(?:cities|towns|villages|countries|provinces|regions|states|places|areas)(?-u:\b)")
        .expect("other places regex")
});

static LIST_SEP: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:,\s*|,?\s+and\s+|,?\s+or\s+)$").expect("list regex"));

/// Tags one document.
pub fn tag_document(gaz: &Gazetteer, doc: &Document) -> Vec<Mention> {
    let dateline = Dateline::parse(doc.meta.date.as_deref());
    let mut handles: Vec<&str> = Vec::new();
    for p in &doc.paragraphs {
        if let Some(c) = p.comment() {
            for h in std::iter::once(c.author.as_str()).chain(c.reply_to.as_deref()) {
                let h = h.trim();
                if !h.is_empty() && !h.eq_ignore_ascii_case("anonymous") && !handles.contains(&h) {
                    handles.push(h);
                }
            }
        }
    }
    let mut ctx = DocCtx {
        gaz,
        dateline,
        handles,
        ships: Vec::new(),
        toks: Vec::new(),
        used_buf: Vec::new(),
        gaz_buf: Vec::new(),
        out: Vec::new(),
    };
    for (i, p) in doc.paragraphs.iter().enumerate() {
        ctx.paragraph(i as u32, &p.text, p.kind);
    }
    ctx.out
}

struct DocCtx<'a> {
    gaz: &'a Gazetteer,
    dateline: Dateline,
    handles: Vec<&'a str>,
    /// Ship names seen (`Mesa Verde` after `USS`): hidden wherever they recur.
    ships: Vec<String>,
    toks: Vec<Tok>,
    /// Buffers reused from paragraph to paragraph.
    used_buf: Vec<bool>,
    gaz_buf: Vec<Option<(usize, u32)>>,
    out: Vec<Mention>,
}

/// Per-paragraph state of the name tagger.
struct Para<'t> {
    text: &'t str,
    toks: &'t [Tok],
    /// Token already belongs to a mention, a date, a figure or a URL.
    used: Vec<bool>,
    /// Gazetteer hit starting at a token: (end token, exclusive; entry).
    gaz_at: Vec<Option<(usize, u32)>>,
    headline: bool,
    comment: bool,
    para: u32,
    first_mention: usize,
}

impl<'t> Para<'t> {
    fn w(&self, i: usize) -> &'t str {
        let t = &self.toks[i];
        &self.text[t.s..t.e]
    }
    fn span(&self, a: usize, b: usize) -> Range<usize> {
        self.toks[a].s..self.toks[b - 1].e
    }
    /// The lower-cased word before token `i`, if only spaces (or a comma, when
    /// `comma`) separate them.
    fn prev_word(&self, i: usize, comma: bool) -> Option<String> {
        if i == 0 {
            return None;
        }
        let gap = &self.text[self.toks[i - 1].e..self.toks[i].s];
        let ok = gap.trim().is_empty() || (comma && gap.trim() == ",");
        (ok && !self.toks[i - 1].poss).then(|| self.w(i - 1).to_lowercase())
    }
    fn next_word(&self, i: usize) -> Option<&'t str> {
        let t = self.toks.get(i + 1)?;
        let gap = &self.text[self.toks[i].e..t.s];
        (gap.trim().is_empty() && !self.toks[i].poss).then(|| self.w(i + 1))
    }
}

fn upper_first(w: &str) -> bool {
    // ASCII first: called for every token, and most are plain lower-case words.
    match w.as_bytes().first() {
        None => false,
        Some(b) if b.is_ascii() => b.is_ascii_uppercase(),
        Some(_) => w.chars().next().is_some_and(char::is_uppercase),
    }
}

fn is_all_caps(w: &str) -> bool {
    let core = w.strip_suffix('s').unwrap_or(w);
    let letters = core.chars().filter(|c| c.is_alphabetic()).count();
    letters >= 2 && core.chars().all(|c| !c.is_lowercase())
}

fn is_camel(w: &str) -> bool {
    let mut seen_lower = false;
    for c in w.chars() {
        if c.is_lowercase() {
            seen_lower = true;
        } else if c.is_uppercase() && seen_lower {
            return true;
        }
    }
    false
}

fn has_digit(w: &str) -> bool {
    w.bytes().any(|b| b.is_ascii_digit())
}

fn is_ordinal(w: &str) -> bool {
    // Cheap rejection: an ordinal starts with a digit.
    if !w.as_bytes().first().is_some_and(u8::is_ascii_digit) {
        return false;
    }
    let d = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    !d.is_empty()
        && d.chars().all(|c| c.is_ascii_digit())
        && matches!(&w[d.len()..], "st" | "nd" | "rd" | "th")
}

fn particle_name(w: &str) -> bool {
    // al-Maliki, el-Sisi. Called for every lower-case token: a byte scan for the hyphen
    // (tokens are short) before the particle list.
    let Some(h) = w.bytes().position(|b| b == b'-') else {
        return false;
    };
    let (p, rest) = (&w[..h], &w[h + 1..]);
    HYPHEN_PARTICLES.contains(&p) && upper_first(rest)
}

impl DocCtx<'_> {
    fn paragraph(&mut self, para: u32, text: &str, kind: ParaKind) {
        let gaz = self.gaz;
        let first_mention = self.out.len();
        // URLs and e-mail addresses.
        let mut blocked: Vec<Range<usize>> = if may_hold_url(text) {
            URL.find_iter(text).map(|m| m.range()).collect()
        } else {
            Vec::new()
        };
        for d in find_dates(text, self.dateline) {
            if blocked
                .iter()
                .any(|b| b.start < d.range.end && d.range.start < b.end)
            {
                continue;
            }
            blocked.push(d.range.clone());
            let mut m = Mention::new(para, d.range, EntityKind::Date, Cue::Strong);
            m.value = Some(d.value);
            m.inferred = d.inferred;
            self.out.push(m);
        }
        for q in find_quantities(text, &blocked) {
            blocked.push(q.range.clone());
            let mut m = Mention::new(para, q.range, EntityKind::Quantity, Cue::Strong);
            m.value = Some(q.value);
            m.core = q.core;
            self.out.push(m);
        }

        let mut toks = std::mem::take(&mut self.toks);
        tokenize(text, gaz, &mut toks);
        let mut used = std::mem::take(&mut self.used_buf);
        used.clear();
        blocked.sort_by_key(|b| b.start);
        let mut bi = 0;
        used.extend(toks.iter().map(|t| {
            while bi < blocked.len() && blocked[bi].end <= t.s {
                bi += 1;
            }
            blocked[bi..]
                .iter()
                .take_while(|b| b.start < t.e)
                .any(|b| t.s < b.end)
        }));
        let mut gaz_at = std::mem::take(&mut self.gaz_buf);
        gaz_at.clear();
        gaz_at.resize(toks.len(), None);
        let mut p = Para {
            text,
            toks: &toks,
            used,
            gaz_at,
            headline: false,
            comment: kind == ParaKind::Comment,
            para,
            first_mention,
        };
        p.headline =
            kind == ParaKind::Heading || (kind != ParaKind::Byline && is_title_case(&p, gaz));

        // Gazetteer hits aligned to tokens.
        gaz.find(text, |h| {
            if let Ok(i) = toks.binary_search_by_key(&h.start, |t| t.s) {
                let mut j = i;
                while j < toks.len() && toks[j].e < h.end {
                    j += 1;
                }
                // "Nice post": a common word opening a sentence is not the city.
                let word = &text[toks[i].s..toks[i].e];
                let ordinary = i == j && toks[i].sent && gaz.is_common(word);
                if j < toks.len()
                    && toks[j].e == h.end
                    && !ordinary
                    && !p.used[i..=j].iter().any(|u| *u)
                {
                    p.gaz_at[i] = Some((j + 1, h.entry));
                }
            }
        });

        if p.comment {
            self.tag_handles(&mut p);
        }
        self.chunks(&mut p);
        self.post_pass(&p);
        self.used_buf = p.used;
        self.gaz_buf = p.gaz_at;
        self.toks = toks;
    }

    /// Commenters' user names, wherever their comments mention them.
    fn tag_handles(&mut self, p: &mut Para) {
        for h in self.handles.clone() {
            for (s, _) in p.text.match_indices(h) {
                let e = s + h.len();
                let before_ok = p.text[..s]
                    .chars()
                    .next_back()
                    .is_none_or(|c| !c.is_alphanumeric());
                let after_ok = p.text[e..]
                    .chars()
                    .next()
                    .is_none_or(|c| !c.is_alphanumeric());
                if !before_ok || !after_ok {
                    continue;
                }
                let idx: Vec<usize> = (0..p.toks.len())
                    .filter(|&i| p.toks[i].s < e && s < p.toks[i].e)
                    .collect();
                if idx.iter().any(|&i| p.used[i]) {
                    continue;
                }
                idx.iter().for_each(|&i| p.used[i] = true);
                self.out
                    .push(Mention::new(p.para, s..e, EntityKind::Person, Cue::Strong));
            }
        }
    }

    fn is_name_tok(&self, p: &Para, i: usize, first: bool) -> bool {
        if p.used[i] {
            return false;
        }
        let w = p.w(i);
        if p.gaz_at[i].is_some() {
            return true;
        }
        if !(upper_first(w) || particle_name(w)) {
            return first
                && is_ordinal(w)
                && i + 1 < p.toks.len()
                && p.toks[i + 1].joined
                && upper_first(p.w(i + 1));
        }
        if !first && FUNCTION_CAPS.contains(&w) {
            return false;
        }
        if p.headline && self.gaz.is_common(w) && !(first && w == "The") {
            return false;
        }
        true
    }

    fn chunks(&mut self, p: &mut Para) {
        let n = p.toks.len();
        let mut i = 0;
        while i < n {
            if !self.is_name_tok(p, i, true) {
                i += 1;
                continue;
            }
            let mut j = i + 1;
            let mut joined_of = false;
            while j < n {
                // A gazetteer name is never cut (`middle east`, `Islamic State in Iraq`).
                if let Some((e, _)) = (i..j).rev().find_map(|k| p.gaz_at[k])
                    && e > j
                {
                    j = e;
                    continue;
                }
                if p.toks[j - 1].poss || !p.toks[j].joined {
                    break;
                }
                // A gazetteer name reaching past the chunk start keeps the chunk going.
                if self.is_name_tok(p, j, false) && !p.toks[j].sent {
                    j += 1;
                    continue;
                }
                let w = p.w(j);
                let next_ok = |k: usize| {
                    k < n && p.toks[k].joined && !p.toks[k].sent && self.is_name_tok(p, k, false)
                };
                // `van der Meulen`: one or more particles before a name.
                let mut k = j;
                while k < n
                    && k < j + 3
                    && PARTICLES.contains(&p.w(k))
                    && (k == j || p.toks[k].joined)
                {
                    k += 1;
                }
                if k > j && next_ok(k) {
                    j = k + 1;
                    continue;
                }
                let lone_common = j == i + 1 && p.toks[i].sent && self.gaz.is_common(p.w(i));
                let conn =
                    matches!(w, "of" | "for" | "on") && !lone_common && self.has_head(p, i, j)
                        || (w == "and" && joined_of);
                if conn {
                    let mut k = j + 1;
                    if k < n && p.w(k) == "the" && p.toks[k].joined {
                        k += 1;
                    }
                    if next_ok(k) && !self.right_is_separate(p, k) {
                        j = k + 1;
                        joined_of = true;
                        continue;
                    }
                }
                break;
            }
            self.chunk(p, i, j);
            i = j.max(i + 1);
        }
    }

    /// Is there an organisation or place head in `a..b` (or a title just before `of`:
    /// `Secretary of State`)?
    fn has_head(&self, p: &Para, a: usize, b: usize) -> bool {
        (self.gaz.is_title(p.w(b - 1)) && p.w(b - 1) != "State")
            || (a..b).any(|k| {
                let w = p.w(k);
                ORG_HEADS.contains(&w)
                    || (PLACE_HEADS.contains(&w) && w != "State")
                    || matches!(w, "Republic" | "Kingdom" | "Gulf" | "Bay" | "Strait")
            })
    }

    /// After `of`: a demonym or a known organisation starts a separate name
    /// (`Quds Force of the Iranian Revolutionary Guards`).
    fn right_is_separate(&self, p: &Para, k: usize) -> bool {
        let w = p.w(k);
        self.gaz.is_demonym(w)
            || self.gaz.is_non_entity(w)
            || super::dates::month_number(w).is_some_and(|_| w.len() >= 3 && !w.contains('.'))
            || p.gaz_at[k].is_some_and(|(_, e)| self.gaz.entry(e).kind == EntityKind::Organization)
    }

    fn push(&mut self, p: &Para, span: Range<usize>, kind: EntityKind, cue: Cue) -> usize {
        self.out.push(Mention::new(p.para, span, kind, cue));
        self.out.len() - 1
    }

    /// Classifies one capitalised chunk `a..b`.
    fn chunk(&mut self, p: &mut Para, a: usize, b: usize) {
        let gaz = self.gaz;
        (a..b).for_each(|k| p.used[k] = true);
        let first = p.w(a);
        // Ship names hide the names inside them.
        if matches!(first, "USS" | "HMS" | "INS" | "HMCS" | "HMAS") {
            if b > a + 1 {
                self.ships.push(p.text[p.span(a + 1, b)].to_owned());
            }
            return;
        }
        let the = first == "The" && b > a + 1;
        let a1 = if the { a + 1 } else { a };
        if self.ships.iter().any(|s| *s == p.text[p.span(a1, b)]) {
            return;
        }
        // A gazetteer name that is the whole chunk.
        if let Some((e, entry)) = p.gaz_at[a1]
            && e == b
        {
            let kind = gaz.entry(entry).kind;
            let m = self.push(p, p.span(a1, b), kind, Cue::Strong);
            self.extend_place_head(p, m, b, false);
            return;
        }
        if let Some((e, entry)) = p.gaz_at[a]
            && e == b
        {
            let kind = gaz.entry(entry).kind;
            self.push(p, p.span(a, b), kind, Cue::Strong);
            return;
        }
        // Organisation or place heads name the whole chunk (`Iraqi Ministry of Defense`).
        let mut s = a1;
        if p.toks[s].sent && gaz.is_common(p.w(s)) && !self.is_head(p.w(s)) && s + 1 < b {
            s += 1;
        }
        let of_head = (s..b.saturating_sub(1))
            .any(|k| ORG_HEADS.contains(&p.w(k)) && matches!(p.w(k + 1), "of" | "for" | "on"));
        let mut end = b;
        while !of_head && end > s + 1 && gaz.is_common(p.w(end - 1)) && !self.is_head(p.w(end - 1))
        {
            end -= 1;
        }
        if end > s + 1 {
            let last = p.w(end - 1);
            let lead_title = gaz.is_title(p.w(s)) && !ORG_HEADS.contains(&last) && !of_head;
            if !lead_title {
                if ORG_HEADS.contains(&last) || of_head {
                    let m = self.push(p, p.span(s, end), EntityKind::Organization, Cue::Strong);
                    // `Iraqi Ministry of Defense` is also `Ministry of Defense`.
                    if gaz.is_demonym(p.w(s)) && end >= s + 3 {
                        self.out[m].core = Some(p.span(s + 1, end));
                    }
                    self.compound_left(p, s, end);
                    self.rest(p, end, b);
                    return;
                }
                if PLACE_HEADS.contains(&last) {
                    // `Air Base 201`, `Camp 5`: a number after the head is part of the name.
                    let mut stop = end;
                    if end == b
                        && b < p.toks.len()
                        && p.toks[b].joined
                        && !p.used[b]
                        && p.w(b).len() <= 4
                        && p.w(b).bytes().all(|c| c.is_ascii_digit())
                    {
                        p.used[b] = true;
                        stop = b + 1;
                    }
                    self.push(p, p.span(s, stop), EntityKind::Place, Cue::Strong);
                    self.rest(p, end, b);
                    return;
                }
            }
        }
        // Split at gazetteer names.
        let mut k = a1;
        let mut run = a1;
        while k < b {
            if let Some((e, entry)) = p.gaz_at[k]
                && e <= b
            {
                let kind = gaz.entry(entry).kind;
                let mut start = k;
                // `Kataib Hezbollah`, `Eastern Syria`: a name before a known one.
                if run < k && self.prefix_joins(p, run, k, kind) {
                    start = run;
                } else if run < k {
                    self.run(p, run, k, the && run == a1, true);
                }
                let m = self.push(p, p.span(start, e), kind, Cue::Strong);
                if e == b {
                    self.extend_place_head(p, m, b, false);
                }
                k = e;
                run = e;
            } else {
                k += 1;
            }
        }
        if run < b {
            self.run(p, run, b, the && run == a1, run != a1);
        }
    }

    /// `Islamic Revolutionary Guard Corps-Quds Force` names the Corps as well.
    fn compound_left(&mut self, p: &Para, s: usize, end: usize) {
        for k in s..end {
            let w = p.w(k);
            if let Some((left, right)) = w.split_once('-')
                && ORG_HEADS.contains(&left)
                && upper_first(right)
                && k > s
            {
                let range = p.toks[s].s..p.toks[k].s + left.len();
                self.out.push(Mention::new(
                    p.para,
                    range,
                    EntityKind::Organization,
                    Cue::Strong,
                ));
            }
        }
    }

    fn is_head(&self, w: &str) -> bool {
        ORG_HEADS.contains(&w) || PLACE_HEADS.contains(&w)
    }

    /// Tokens `a..b` left after a head name: classified on their own.
    fn rest(&mut self, p: &mut Para, a: usize, b: usize) {
        if a < b {
            self.run(p, a, b, false, true);
        }
    }

    fn prefix_joins(&self, p: &Para, a: usize, b: usize, kind: EntityKind) -> bool {
        let gaz = self.gaz;
        let words: Vec<&str> = (a..b).map(|k| p.w(k)).collect();
        match kind {
            EntityKind::Place => words.len() == 1 && DIRECTIONS.contains(&words[0]),
            EntityKind::Organization => {
                words.iter().all(|w| {
                    upper_first(w)
                        && !gaz.is_common(w)
                        && !gaz.is_title(w)
                        && !gaz.is_demonym(w)
                        && !gaz.is_non_entity(w)
                        && !is_all_caps(w)
                }) && !(p.toks[a].sent && words.len() == 1 && gaz.is_common(words[0]))
            }
            _ => false,
        }
    }

    /// `K-1 airbase`, `US embassy`: a lower-case place head after a name.
    fn extend_place_head(&mut self, p: &mut Para, m: usize, b: usize, core: bool) -> bool {
        if b >= p.toks.len() || p.toks[b - 1].poss || !p.toks[b].joined || p.used[b] {
            return false;
        }
        let w = p.w(b);
        let two = w == "air" && p.next_word(b) == Some("base");
        if !(LOWER_PLACE_HEADS.contains(&w) || two) {
            return false;
        }
        let end_tok = if two { b + 1 } else { b };
        let mention = &mut self.out[m];
        let start = mention.range.start;
        if core {
            mention.core = Some(mention.range.clone());
        }
        mention.range = start..p.toks[end_tok].e;
        mention.kind = EntityKind::Place;
        mention.cue = Cue::Strong;
        p.used[b] = true;
        p.used[end_tok] = true;
        true
    }

    /// Classifies a run of capitalised tokens that holds no gazetteer name.
    fn run(&mut self, p: &mut Para, a: usize, b: usize, the: bool, split: bool) {
        let gaz = self.gaz;
        let mut a = a;
        let mut the_tok = None;
        if p.w(a) == "The" {
            the_tok = Some(a);
            a += 1;
            if a >= b {
                return;
            }
        } else if the && a > 0 {
            the_tok = Some(a - 1);
        }
        // `The Times`: a head word after "The" is a name.
        if let Some(t) = the_tok
            && b == a + 1
            && self.is_head(p.w(a))
        {
            let span = p.toks[t].s..p.toks[a].e;
            self.out.push(Mention::new(
                p.para,
                span,
                EntityKind::Organization,
                Cue::Unknown,
            ));
            return;
        }
        // Ordinary words opening a sentence.
        if (p.toks[a].sent || p.headline || the_tok.is_some_and(|t| p.toks[t].sent))
            && gaz.is_common(p.w(a))
        {
            if b == a + 1 {
                if p.w(a).chars().count() > 1 && !is_all_caps(p.w(a)) && the_tok.is_none() {
                    self.push(p, p.span(a, b), EntityKind::Person, Cue::Maybe);
                }
                return;
            }
            a += 1;
            the_tok = None;
        }
        // Titles (the rest is a person), demonyms, group names.
        let mut titled = false;
        while a < b {
            let w = p.w(a);
            if (gaz.is_title(w) || (w == "of" && titled)) && !ORG_HEADS.contains(&w) {
                titled = true;
            } else if !(gaz.is_demonym(w) || gaz.is_non_entity(w)) {
                break;
            }
            a += 1;
        }
        if titled {
            the_tok = None;
        }
        if a >= b {
            return;
        }
        if (a..b).any(|k| has_digit(p.w(k)) && !is_ordinal(p.w(k))) {
            self.piece(p, a, b, None, split);
            return;
        }
        // `group Baltic Watch`, `Al Mayadeen television`: the whole run is an organisation.
        // (A lone word opening a sentence is more often an adjective: `Mining company`.)
        let org_noun_after = !(b == a + 1 && p.toks[a].sent)
            && p.next_word(b - 1)
                .is_some_and(|w| ORG_NOUNS_AFTER.contains(&w));
        if (p
            .prev_word(a, false)
            .is_some_and(|w| ORG_CUES.contains(&w.as_str()))
            || org_noun_after)
            && the_tok.is_none()
        {
            self.push(p, p.span(a, b), EntityKind::Organization, Cue::Strong);
            return;
        }
        let honorific = (HONORIFICS.contains(&p.w(a)) && b > a + 2).then_some(a + 1);
        let by = p.prev_word(a, false).as_deref() == Some("by");
        let role_before = p
            .prev_word(a, true)
            .is_some_and(|w| ROLES.contains(&w.as_str()) && w != "by")
            || (by && b > a + 1 && !(a..b).any(|k| is_all_caps(p.w(k))))
            || (a > 0
                && p.prev_word(a, false).is_some_and(|w| gaz.is_title(&w))
                && upper_first(p.w(a - 1)));
        let particle = (a..b).any(|k| {
            particle_name(p.w(k))
                || PARTICLES.contains(&p.w(k))
                || (k + 1 < b && CAP_PARTICLES.contains(&p.w(k)))
        });
        let given = b > a + 1 && gaz.is_given_name(p.w(a));
        if titled || role_before || particle || given {
            // The whole run is one person: `William Young`, `Samantha Power`.
            let end = self.trim_person_end(p, a, b);
            if end > a && !(end == a + 1 && p.w(a).chars().count() == 1) {
                let cue = if titled || role_before || particle {
                    Cue::Strong
                } else {
                    Cue::Weak
                };
                let cue = if end == a + 1 && !titled && !role_before {
                    Cue::Unknown
                } else {
                    cue
                };
                let m = self.push(p, p.span(a, end), EntityKind::Person, cue);
                if let Some(h) = honorific.filter(|h| *h < end) {
                    self.out[m].core = Some(p.span(h, end));
                }
            }
            if end < b {
                self.run(p, end, b, false, true);
            }
            return;
        }
        // Split at ordinary words, demonyms and acronyms; classify the pieces.
        let mut k = a;
        let mut piece = a;
        let mut first_piece = true;
        while k <= b {
            let breaker = k == b || {
                let w = p.w(k);
                (gaz.is_common(w) && !ORG_HEADS.contains(&w) && !PLACE_HEADS.contains(&w))
                    || gaz.is_demonym(w)
                    || gaz.is_non_entity(w)
                    || (is_all_caps(w) && b > a + 1 && !(a..b).all(|j| is_all_caps(p.w(j))))
            };
            if breaker {
                if piece < k {
                    let whole = piece == a && k == b;
                    self.piece(
                        p,
                        piece,
                        k,
                        if first_piece { the_tok } else { None },
                        split || !whole,
                    );
                    first_piece = false;
                }
                if k < b
                    && is_all_caps(p.w(k))
                    && !gaz.is_common(p.w(k))
                    && !gaz.is_non_entity(p.w(k))
                    && b > a + 1
                {
                    self.piece(p, k, k + 1, None, true);
                }
                piece = k + 1;
            }
            k += 1;
        }
    }

    /// A person's name ends before an organisation head or a stray acronym.
    fn trim_person_end(&self, p: &Para, a: usize, b: usize) -> usize {
        (a..b)
            .find(|&k| {
                k > a && (ORG_HEADS.contains(&p.w(k)) || (is_all_caps(p.w(k)) && p.w(k).len() > 1))
            })
            .unwrap_or(b)
    }

    /// A piece of a run: no gazetteer name, no ordinary word.
    fn piece(&mut self, p: &mut Para, a: usize, b: usize, the_tok: Option<usize>, split: bool) {
        let gaz = self.gaz;
        let words: Vec<&str> = (a..b).map(|k| p.w(k)).collect();
        let n = words.len();
        let span_start = the_tok.map_or(p.toks[a].s, |t| p.toks[t].s);
        let span = span_start..p.toks[b - 1].e;
        // Ordinals start military units: `82nd Airborne`.
        if is_ordinal(words[0]) && n > 1 {
            self.push(p, p.span(a, b), EntityKind::Organization, Cue::Strong);
            return;
        }
        if words.iter().any(|w| has_digit(w)) {
            let m = self.push(p, p.span(a, b), EntityKind::Place, Cue::Unknown);
            if !self.extend_place_head(p, m, b, true) {
                self.out.pop();
            }
            return;
        }
        // Context.
        let prev = p.prev_word(a, false);
        let prev2 = (a > 1).then(|| p.prev_word(a - 1, false)).flatten();
        let next = p.next_word(b - 1).map(str::to_lowercase);
        let person_after = next.as_deref().is_some_and(|w| PERSON_AFTER.contains(&w));
        let org_before = prev.as_deref().is_some_and(|w| ORG_CUES.contains(&w))
            || (matches!(prev.as_deref(), Some("of" | "for" | "at"))
                && prev2.as_deref().is_some_and(|w| MEMBERS.contains(&w)))
            // `Helix Biologics chief scientific officer …`: a multi-word name before a role.
            || (n > 1 && next.as_deref().is_some_and(|w| ORG_ROLES_AFTER.contains(&w)));
        if prev.as_deref().is_some_and(|w| VESSELS.contains(&w)) {
            return; // ship names are not entities
        }
        let place_of = prev.as_deref() == Some("of")
            && prev2.as_deref().is_some_and(|w| PLACE_NOUNS.contains(&w));
        let state_after = b < p.toks.len()
            && p.text[p.toks[b - 1].e..p.toks[b].s].trim() == ","
            && (US_STATES.contains(&p.w(b))
                || p.gaz_at[b].is_some_and(|(e, g)| {
                    // `Springfield, Illinois.`: the place closes the phrase.
                    gaz.entry(g).kind == EntityKind::Place
                        && p.text[p.toks[e - 1].e..]
                            .chars()
                            .next()
                            .is_none_or(|c| matches!(c, ',' | '.' | ';' | ':' | ')' | ']'))
                }));
        let place_prep =
            the_tok.is_none() && prev.as_deref().is_some_and(|w| PLACE_PREPS.contains(&w));
        // `Cupertino-based`: a place.
        let based = p.text[p.toks[b - 1].e..].starts_with("-based");
        if based && n <= 3 && !words.iter().any(|w| is_all_caps(w)) {
            self.push(p, p.span(a, b), EntityKind::Place, Cue::Strong);
            return;
        }

        let m = if n == 1 {
            let w = words[0];
            if w.chars().count() == 1 {
                return;
            }
            if is_all_caps(w) {
                if gaz.is_common(w) || gaz.is_non_entity(w) || w.len() > 9 {
                    return;
                }
                if state_after {
                    self.push(p, span, EntityKind::Place, Cue::Strong);
                    self.tag_state(p, b);
                    return;
                }
                let plural = w.ends_with('s');
                let cue = if plural || p.comment || p.headline {
                    Cue::Unknown
                } else {
                    Cue::Weak
                };
                // `The ILO`: the article is not part of an acronym.
                self.push(p, p.span(a, b), EntityKind::Organization, cue)
            } else if self.is_head(w) {
                let cue = if p.toks[a].sent {
                    Cue::Maybe
                } else {
                    Cue::Unknown
                };
                self.push(p, span, EntityKind::Organization, cue)
            } else if org_before {
                self.push(p, p.span(a, b), EntityKind::Organization, Cue::Strong)
            } else if person_after {
                // "Officials said" opens sentences too: alone, that is not enough.
                let cue = if p.toks[a].sent {
                    Cue::Unknown
                } else {
                    Cue::Strong
                };
                self.push(p, p.span(a, b), EntityKind::Person, cue)
            } else if place_of || state_after {
                let m = self.push(p, p.span(a, b), EntityKind::Place, Cue::Strong);
                if state_after {
                    self.tag_state(p, b);
                }
                m
            } else if is_camel(w) {
                self.push(p, span, EntityKind::Organization, Cue::Weak)
            } else if let Some(t) = the_tok {
                let cue = if p.toks[t].sent {
                    Cue::Unknown
                } else {
                    Cue::Weak
                };
                self.push(p, span, EntityKind::Organization, cue)
            } else if place_prep {
                self.push(p, span, EntityKind::Place, Cue::Weak)
            } else if split || self.of_title(p, b) {
                // Left over from a longer capitalised phrase (`Civil War`, `Axis of Evil`).
                self.push(p, span, EntityKind::Person, Cue::Maybe)
            } else {
                self.push(p, span, EntityKind::Person, Cue::Unknown)
            }
        } else {
            if n > 4 {
                return;
            }
            if org_before {
                self.push(p, p.span(a, b), EntityKind::Organization, Cue::Strong)
            } else if person_after {
                self.push(p, p.span(a, b), EntityKind::Person, Cue::Strong)
            } else if place_of || state_after {
                self.push(p, p.span(a, b), EntityKind::Place, Cue::Strong)
            } else if the_tok.is_some() || (n <= 3 && ORG_HEADS.contains(&words[0])) {
                // `The Burning Platform`; `Club Brugge`, `Bank Mellat`.
                self.push(p, span, EntityKind::Organization, Cue::Weak)
            } else if words.iter().any(|w| is_all_caps(w)) {
                return;
            } else if p.headline {
                // Title Case makes any words look like a name: needs a second mention.
                self.push(p, p.span(a, b), EntityKind::Person, Cue::Unknown)
            } else {
                self.push(p, p.span(a, b), EntityKind::Person, Cue::Weak)
            }
        };
        self.extend_place_head(p, m, b, true);
    }

    /// `Axis of Evil`: a capitalised word before `of` and another capitalised word.
    fn of_title(&self, p: &Para, b: usize) -> bool {
        b + 1 < p.toks.len()
            && p.w(b) == "of"
            && p.toks[b].joined
            && upper_first(p.w(b + 1))
            && p.gaz_at[b + 1].is_none()
    }

    /// `Kulpsville, PA`: the state code is Pennsylvania &c.; tagged as a place.
    fn tag_state(&mut self, p: &mut Para, k: usize) {
        if !p.used[k] && US_STATES.contains(&p.w(k)) {
            p.used[k] = true;
            self.push(p, p.span(k, k + 1), EntityKind::Place, Cue::Strong);
        } else if p.gaz_at[k].is_some() && !p.used[k] {
            // The gazetteer name is tagged when its own chunk comes up.
        }
    }

    /// Definitions (`Name (ACRONYM)`, `X, also known as Y`) and `X, Y and other cities`.
    fn post_pass(&mut self, p: &Para) {
        let text = p.text;
        let start = p.first_mention;
        self.out[start..].sort_by_key(|m| m.range.start);
        let names = |m: &Mention| !matches!(m.kind, EntityKind::Date | EntityKind::Quantity);
        // Acronyms in parentheses after a name.
        let mut k = start;
        while k < self.out.len() {
            let (kind, cue, end) = (self.out[k].kind, self.out[k].cue, self.out[k].range.end);
            if names(&self.out[k]) && cue != Cue::Maybe {
                let after = &text[end..];
                if let Some(rest) = after.strip_prefix(" (") {
                    let len = rest.bytes().take(12).position(|b| b == b')').unwrap_or(0);
                    let acr = &rest[..len];
                    if (2..=10).contains(&len) && is_all_caps(acr) && !acr.contains(' ') {
                        let s = end + 2;
                        let range = s..s + len;
                        let idx = self.out[start..]
                            .iter()
                            .position(|o| o.range == range)
                            .map(|i| i + start);
                        let mut def = Mention::new(p.para, range, kind, Cue::Strong);
                        def.alias_of = Some(k as u32); // `out` holds this document only
                        match idx {
                            Some(i) => {
                                self.out[i].kind = kind;
                                self.out[i].cue = Cue::Strong;
                                self.out[i].alias_of = def.alias_of;
                            }
                            None => {
                                self.out.insert(k + 1, def);
                            }
                        }
                    }
                }
            }
            k += 1;
        }
        // "X, also referred to as Y"
        for k in start..self.out.len().saturating_sub(1) {
            let (x, y) = (&self.out[k], &self.out[k + 1]);
            if names(x) && names(y) && x.range.end <= y.range.start {
                let between = &text[x.range.end..y.range.start];
                // The cue word first: the regex costs far more than a few substring checks.
                if between.len() < 64
                    && ["as", "or", "called", "dubbed", "aka", "a.k.a."]
                        .iter()
                        .any(|cue| between.contains(cue))
                    && ALIAS_CUE.is_match(between)
                    && !between.trim().eq_ignore_ascii_case("or")
                {
                    let (kind, cue) = (x.kind, x.cue);
                    let y = &mut self.out[k + 1];
                    y.alias_of = Some(k as u32);
                    if y.cue >= Cue::Unknown {
                        y.kind = kind;
                        y.cue = cue.min(Cue::Weak);
                    }
                }
            }
        }
        // "Xiaomi and Oppo": an unknown name in a list takes the kind of its neighbour.
        for k in start..self.out.len().saturating_sub(1) {
            let (x, y) = (&self.out[k], &self.out[k + 1]);
            if !(names(x) && names(y)) || x.range.end > y.range.start {
                continue;
            }
            let between = &text[x.range.end..y.range.start];
            // Not in headlines or tag lines, where any capitalised words stand in a row.
            if p.headline || between.len() > 8 || !LIST_SEP.is_match(between) {
                continue;
            }
            let (sure, unsure) = match (x.cue, y.cue) {
                (Cue::Strong | Cue::Weak, Cue::Unknown) => (k, k + 1),
                (Cue::Unknown, Cue::Strong | Cue::Weak) => (k + 1, k),
                _ => continue,
            };
            if is_all_caps(&text[self.out[unsure].range.clone()]) {
                continue; // an acronym is an organisation whatever its neighbours
            }
            self.out[unsure].kind = self.out[sure].kind;
            self.out[unsure].cue = Cue::Weak;
        }
        // "Fallujah, Ramadi, Tikrit and other cities"
        for k in (start..self.out.len()).rev() {
            let m = &self.out[k];
            // A short window: the regex engines' cost grows with the haystack.
            let mut w = (m.range.end + 48).min(text.len());
            while !text.is_char_boundary(w) {
                w -= 1;
            }
            let window = &text[m.range.end..w];
            // `other` is required by the regex: checked first, cheaply.
            if !names(m) || !window.contains("other") || !OTHER_PLACES.is_match(window) {
                continue;
            }
            let mut j = k;
            loop {
                let mm = &mut self.out[j];
                if mm.cue != Cue::Strong || mm.kind == EntityKind::Place {
                    mm.kind = EntityKind::Place;
                    mm.cue = Cue::Strong;
                }
                if j == start {
                    break;
                }
                let prev = &self.out[j - 1];
                let between = &text[prev.range.end..self.out[j].range.start];
                if !names(prev) || !LIST_SEP.is_match(between) {
                    break;
                }
                j -= 1;
            }
        }
    }
}

/// A Title Case line (a headline inside the body): most longer words capitalised and no
/// sentence punctuation at its end.
fn is_title_case(p: &Para, gaz: &Gazetteer) -> bool {
    let text = p.text.trim_end();
    if text.len() > 200 || text.ends_with(['.', '!', ',', ';']) || p.toks.len() < 3 {
        return false;
    }
    let mut long = 0;
    let mut caps = 0;
    for i in 0..p.toks.len() {
        let w = p.w(i);
        if w.chars().count() > 3 && !has_digit(w) && !p.used[i] {
            long += 1;
            if upper_first(w) {
                caps += 1;
            }
        }
    }
    let _ = gaz;
    long >= 4 && caps * 10 >= long * 7
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::gazetteer::gazetteer;

    #[test]
    fn the_url_gate_passes_every_text_the_url_regex_matches() {
        let samples = [
            "see http://x.y/z now",
            "HTTPS://EXAMPLE",
            "WwW.example",
            "mail me: a.b+c@host-1.org",
            "reuters.com/world",
            "gov.uk",
            "site.io.",
            "x.info",
            "spiegel.de",
            "le.fr",
            "cbc.ca",
        ];
        for text in samples {
            assert!(URL.is_match(text), "{text}");
            assert!(may_hold_url(text), "{text}");
        }
        for text in [
            "The U.S. said 3.5 billion.",
            "Note: 10:30 a.m.",
            "e.g. Mr. Smith",
        ] {
            assert!(!may_hold_url(text), "{text}");
        }
    }

    /// Texts pieced together from what URLs are made of, and what looks like them.
    fn url_like() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let pieces = vec![
            "www", "WWW", "http", "s", "://", ":", "/", ".", "@", "com", "org", "de", "fr", "cA",
            "io", "info", "U.S.", "3.5", "a", "Z9", "-", "_", "+", " ", "\n", "é",
        ];
        prop::collection::vec(prop::sample::select(pieces), 0..10).prop_map(|v| v.concat())
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4096))]
        #[test]
        fn no_url_is_missed_by_the_gate(text in url_like()) {
            if URL.is_match(&text) {
                proptest::prop_assert!(may_hold_url(&text), "{}", text);
            }
        }
    }

    pub(crate) fn tag_text(text: &str) -> Vec<(String, EntityKind, Cue)> {
        let doc = Document::from_text("t.txt".into(), "t.txt".into(), text.to_owned(), Vec::new());
        let ms = tag_document(gazetteer(), &doc);
        ms.iter()
            .map(|m| {
                let t = &doc.paragraphs[m.para as usize].text[m.range.clone()];
                (t.to_owned(), m.kind, m.cue)
            })
            .collect()
    }

    fn has(v: &[(String, EntityKind, Cue)], s: &str, k: EntityKind) -> bool {
        v.iter()
            .any(|(t, kk, c)| t == s && *kk == k && *c != Cue::Maybe)
    }

    #[test]
    fn titles_heads_particles() {
        let v = tag_text(
            "Among the dead was Maj. Gen. Tomasz Wierzbicki of the Ministry of Water Resources. \
             He met Hadi al-Amiri in Baghdad and the Iraqi Army.",
        );
        assert!(has(&v, "Tomasz Wierzbicki", EntityKind::Person), "{v:?}");
        assert!(
            has(&v, "Ministry of Water Resources", EntityKind::Organization),
            "{v:?}"
        );
        assert!(has(&v, "Hadi al-Amiri", EntityKind::Person), "{v:?}");
        assert!(has(&v, "Baghdad", EntityKind::Place), "{v:?}");
        assert!(has(&v, "Iraqi Army", EntityKind::Organization), "{v:?}");
    }

    #[test]
    fn acronym_definitions_and_demonyms() {
        let v =
            tag_text("The Kestrel Mining Corporation (KMC) said Iranian officials met on Monday.");
        assert!(
            has(&v, "Kestrel Mining Corporation", EntityKind::Organization),
            "{v:?}"
        );
        assert!(has(&v, "KMC", EntityKind::Organization), "{v:?}");
        assert!(
            !v.iter().any(|(t, _, _)| t == "Iranian" || t == "Monday"),
            "{v:?}"
        );
    }
}
