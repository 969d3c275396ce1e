//! The seed facts: what the library must make of the five bundled documents.
//!
//! These pin titles, bylines, dates, sources, the rejoined paragraphs, the reader
//! comments of 001 and the boilerplate of 001, 003 and 004, through the public
//! library API (`dossier::corpus::load_seeds`).

use std::path::PathBuf;
use std::sync::LazyLock;

use dossier::corpus::{Corpus, Decoded, decode, load_seeds};
use dossier::{Document, ParaKind, Paragraph};

static SEEDS: LazyLock<Corpus> = LazyLock::new(load_seeds);

/// The decoded text of a seed as it is on disk in `seeds/` (what `source` spans
/// point into).
fn seed_text(doc: &Document) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("seeds")
        .join(&doc.name);
    match decode(&std::fs::read(path).expect("seed file readable")) {
        Decoded::Text { text, .. } => text,
        Decoded::Binary => panic!("{} is text", doc.name),
    }
}

/// The seed whose file name starts with `prefix` (`"002"`).
fn seed(prefix: &str) -> &'static Document {
    let matching: Vec<&Document> = SEEDS
        .docs
        .iter()
        .filter(|d| d.name.starts_with(prefix))
        .collect();
    assert_eq!(matching.len(), 1, "exactly one seed starts with {prefix}");
    matching[0]
}

/// The paragraphs of `doc` whose text contains `needle`.
fn paragraphs_with<'a>(doc: &'a Document, needle: &str) -> Vec<&'a Paragraph> {
    doc.paragraphs
        .iter()
        .filter(|p| p.text.contains(needle))
        .collect()
}

/// The one paragraph of `doc` containing `needle`.
fn paragraph_with<'a>(doc: &'a Document, needle: &str) -> &'a Paragraph {
    let found = paragraphs_with(doc, needle);
    assert_eq!(
        found.len(),
        1,
        "{}: expected one paragraph containing {needle:?}, found {}",
        doc.name,
        found.len()
    );
    found[0]
}

fn assert_kind(doc: &Document, needle: &str, kind: ParaKind) {
    let p = paragraph_with(doc, needle);
    assert_eq!(
        p.kind, kind,
        "{}: paragraph with {needle:?} is {:?}: {:?}",
        doc.name, p.kind, p.text
    );
}

#[test]
fn five_seeds_load_in_natural_order_without_notices() {
    let names: Vec<&str> = SEEDS.docs.iter().map(|d| d.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "000_0af7c362a64a1949.txt",
            "001_f852db828fd11835.txt",
            "002_b99b4f8dd03cd1de.txt",
            "003_732d03229fae5413.txt",
            "004_f65373e0f6cc8efd.txt",
        ]
    );
    assert!(SEEDS.skipped.is_empty());
    assert!(SEEDS.docs.iter().all(|d| d.notices.is_empty()));
}

#[test]
fn embedded_seeds_are_the_files_in_seeds_folder() {
    for doc in &SEEDS.docs {
        let from_disk = Document::from_text(
            doc.path.clone(),
            doc.name.clone(),
            seed_text(doc),
            Vec::new(),
        );
        let shape = |d: &Document| -> Vec<(String, std::ops::Range<usize>)> {
            d.paragraphs
                .iter()
                .map(|p| (p.text.to_string(), p.source()))
                .collect()
        };
        assert_eq!(shape(doc), shape(&from_disk), "{}", doc.name);
        assert_eq!(doc.meta, from_disk.meta);
    }
}

#[test]
fn titles_of_all_five_seeds() {
    assert_eq!(
        seed("000").meta.title,
        "Iran built its empire from American imperialism"
    );
    assert_eq!(
        seed("001").meta.title,
        "Iran May Be the Only Winner in Iraq"
    );
    assert_eq!(
        seed("002").meta.title,
        "Facing a debacle in Iraq, the US turns for help to Iran"
    );
    assert_eq!(
        seed("003").meta.title,
        "Washington seeks “Collaboration” with Tehran as Civil War in Iraq Intensifies"
    );
    // The source has a no-break space before "Iraq": a title is one plain line.
    assert_eq!(
        seed("004").meta.title,
        "The War Between Iran And The USA Started In Iraq"
    );
}

#[test]
fn skip_to_content_is_never_a_title() {
    for doc in &SEEDS.docs {
        assert!(
            !doc.meta.title.to_lowercase().contains("skip to content"),
            "{}",
            doc.name
        );
    }
    let doc = Document::from_text(
        "x.txt".into(),
        "x.txt".into(),
        "Skip to content\n\nA Headline About Baghdad\n\nThe article body starts here and runs on for a while, long enough to be a body paragraph.".into(),
        Vec::new(),
    );
    assert_eq!(doc.meta.title, "A Headline About Baghdad");
    assert_eq!(doc.paragraphs[0].kind, ParaKind::Boilerplate);
}

#[test]
fn authors_where_the_text_states_them() {
    assert_eq!(seed("001").meta.author.as_deref(), Some("Philip Giraldi"));
    assert_eq!(seed("002").meta.author.as_deref(), Some("Alex Lantier"));
    assert_eq!(seed("003").meta.author.as_deref(), Some("Chris Marsden"));
}

#[test]
fn no_author_invented_where_none_is_stated() {
    assert_eq!(seed("000").meta.author, None);
    assert_eq!(seed("004").meta.author, None);
}

#[test]
fn dates_where_the_text_states_them() {
    assert_eq!(seed("002").meta.date.as_deref(), Some("2014-06-18"));
    assert_eq!(seed("003").meta.date.as_deref(), Some("2014-06-17"));
    assert_eq!(seed("004").meta.date.as_deref(), Some("2020-01-03"));
}

#[test]
fn no_date_taken_from_comments_or_body_text() {
    // 001's only full dates are comment timestamps; 000 states none.
    assert_eq!(seed("000").meta.date, None);
    assert_eq!(seed("001").meta.date, None);
}

#[test]
fn source_of_003_is_global_research() {
    assert_eq!(seed("003").meta.source.as_deref(), Some("Global Research"));
}

#[test]
fn bylines_sit_under_the_titles() {
    let d002 = seed("002");
    assert_eq!(d002.paragraphs[0].kind, ParaKind::Heading);
    assert_eq!(d002.paragraphs[1].kind, ParaKind::Byline);
    assert!(d002.paragraphs[1].text.contains("18 June 2014"));
    assert_kind(
        seed("001"),
        "Guest Post by Philip Giraldi",
        ParaKind::Byline,
    );
    assert_kind(seed("003"), "By Chris Marsden", ParaKind::Byline);
    assert_kind(
        seed("003"),
        "Global Research, June 17, 2014",
        ParaKind::Byline,
    );
    assert_kind(seed("004"), "January 3, 2020", ParaKind::Byline);
}

#[test]
fn everyone_wants_to_go_to_baghdad_is_one_paragraph_in_002() {
    let doc = seed("002");
    let p = paragraph_with(doc, "Everyone wants to go to Baghdad.");
    assert_eq!(p.kind, ParaKind::Body);
    assert!(p.text.starts_with("In his 2002 State of the Union address"));
    assert!(p.text.ends_with("Real men want to go to Tehran.”"));
    assert!(
        !doc.paragraphs
            .iter()
            .any(|p| p.text.starts_with("to go to Baghdad"))
    );
    // The source span covers both pieces.
    let source = &seed_text(doc)[p.source()];
    assert!(source.contains("Everyone wants\n\nto go to Baghdad."));
}

#[test]
fn saddam_hussein_sentence_is_one_paragraph_in_003() {
    let doc = seed("003");
    let p = paragraph_with(
        doc,
        "transcends the issue of the regime of Saddam Hussein...",
    );
    assert_eq!(p.kind, ParaKind::Body);
    assert!(p.text.starts_with("The neo-con authors of the US invasion"));
    assert!(p.text.ends_with("as Iraq has.\""));
    assert!(
        !doc.paragraphs
            .iter()
            .any(|p| p.text.starts_with("regime of Saddam Hussein"))
    );
}

#[test]
fn disclaimer_of_003_is_one_boilerplate_paragraph() {
    let doc = seed("003");
    let p = paragraph_with(
        doc,
        "The Centre for Research on Globalization will not be responsible",
    );
    assert_eq!(p.kind, ParaKind::Boilerplate);
    assert!(p.text.starts_with("Disclaimer:"));
    assert!(
        !doc.paragraphs
            .iter()
            .any(|p| p.text.starts_with("not be responsible"))
    );
}

#[test]
fn a_block_starting_after_an_email_address_is_not_rejoined() {
    // "… contact: publications@globalresearch.ca" / blank / "www.globalresearch.ca
    // contains copyrighted material …" are two paragraphs in the source.
    let doc = seed("003");
    let p = paragraph_with(doc, "contains copyrighted material");
    assert!(p.text.starts_with("www.globalresearch.ca contains"));
    assert_eq!(p.kind, ParaKind::Boilerplate);
}

/// The comment paragraphs of 001, with their (number, author, reply-to, timestamp).
fn comments_001() -> Vec<(u32, &'static str, Option<&'static str>, &'static str)> {
    let mut out: Vec<(u32, &str, Option<&str>, &str)> = seed("001")
        .paragraphs
        .iter()
        .filter_map(|p| p.comment())
        .map(|c| {
            (
                c.number,
                c.author.as_str(),
                c.reply_to.as_deref(),
                c.timestamp.as_str(),
            )
        })
        .collect();
    out.dedup();
    out
}

#[test]
fn seed_001_has_fourteen_distinct_comments() {
    let numbers: Vec<u32> = comments_001().iter().map(|c| c.0).collect();
    assert_eq!(numbers, (0..14).collect::<Vec<u32>>());
}

#[test]
fn comments_of_001_carry_authors_replies_and_timestamps() {
    let expected = [
        (0, "starfcker", None, "November 30, 2019 3:05 pm"),
        (
            1,
            "gilberts",
            Some("starfcker"),
            "November 30, 2019 5:37 pm",
        ),
        (2, "Jai Seli", None, "November 30, 2019 3:25 pm"),
        (3, "Pequiste", None, "November 30, 2019 3:30 pm"),
        (
            4,
            "Anonymous",
            Some("Pequiste"),
            "December 1, 2019 12:12 pm",
        ),
        (5, "CCRider", None, "November 30, 2019 3:46 pm"),
        (6, "TN Patriot", None, "November 30, 2019 3:47 pm"),
        (7, "Hollow man", None, "November 30, 2019 4:47 pm"),
        (8, "yahsure", None, "November 30, 2019 4:49 pm"),
        (9, "gilberts", None, "November 30, 2019 6:06 pm"),
        (10, "e.d ott", Some("gilberts"), "November 30, 2019 7:03 pm"),
        (11, "gilberts", Some("e.d ott"), "November 30, 2019 9:16 pm"),
        (12, "Fleabaggs", None, "November 30, 2019 7:26 pm"),
        (13, "Anonymous", None, "December 1, 2019 1:42 am"),
    ];
    assert_eq!(comments_001(), expected);
}

#[test]
fn comment_text_belongs_to_its_comment() {
    let doc = seed("001");
    let go_figure = paragraph_with(doc, "Go figure");
    let info = go_figure.comment().expect("a comment");
    assert_eq!((info.number, info.author.as_str()), (4, "Anonymous"));
    let dragon = paragraph_with(doc, "If you slay a Dragon");
    assert_eq!(dragon.comment().map(|c| c.number), Some(10));
    assert_eq!(dragon.kind, ParaKind::Comment);
}

#[test]
fn every_comment_paragraph_is_kind_comment_and_vice_versa() {
    for doc in &SEEDS.docs {
        for p in &doc.paragraphs {
            assert_eq!(
                p.kind == ParaKind::Comment,
                p.comment().is_some(),
                "{}: {:?}",
                doc.name,
                p.text
            );
        }
    }
}

#[test]
fn only_001_has_reader_comments() {
    for prefix in ["000", "002", "003", "004"] {
        assert!(
            seed(prefix)
                .paragraphs
                .iter()
                .all(|p| p.comment().is_none()),
            "{prefix}"
        );
    }
}

#[test]
fn article_of_001_is_not_mistaken_for_comments() {
    let doc = seed("001");
    assert_kind(doc, "If there is a lesson to be learned", ParaKind::Body);
    assert_kind(doc, "The American invasion of Iraq", ParaKind::Body);
    let first_comment = doc
        .paragraphs
        .iter()
        .position(|p| p.comment().is_some())
        .expect("comments");
    assert!(
        doc.paragraphs[first_comment..]
            .iter()
            .all(|p| p.kind == ParaKind::Comment)
    );
}

#[test]
fn boilerplate_of_001_is_labelled() {
    let doc = seed("001");
    assert_kind(doc, "Image result for", ParaKind::Boilerplate);
    assert_kind(
        doc,
        "Reprinted with permission from Strategic Culture Foundation.",
        ParaKind::Boilerplate,
    );
    assert_kind(doc, "sustaining supporter", ParaKind::Boilerplate);
    assert_kind(doc, "To donate via Stripe", ParaKind::Boilerplate);
    assert_kind(doc, "Use promo code", ParaKind::Boilerplate);
}

#[test]
fn boilerplate_of_003_is_labelled() {
    let doc = seed("003");
    for needle in [
        "Region: Middle East",
        "Theme: Terrorism",
        "In-depth Report:",
        "The original source of this article is",
        "Copyright ©",
        "Become a Member of Global Research",
        "Articles by:",
        "Disclaimer:",
        "For media inquiries",
    ] {
        assert_kind(doc, needle, ParaKind::Boilerplate);
    }
}

#[test]
fn boilerplate_of_004_is_labelled() {
    let doc = seed("004");
    assert_kind(doc, "Skip to content", ParaKind::Boilerplate);
    assert_kind(doc, "Comments are closed.", ParaKind::Boilerplate);
    assert_eq!(&*doc.paragraphs[0].text, "Skip to content");
}

#[test]
fn body_paragraphs_mentioning_disclaimer_stay_body() {
    assert_kind(
        seed("003"),
        "Despite the Pentagon disclaimer",
        ParaKind::Body,
    );
    assert_kind(
        seed("003"),
        "We have to prevent a proxy war",
        ParaKind::Body,
    );
    assert_kind(seed("004"), "This strike was aimed", ParaKind::Body);
}

#[test]
fn markdown_links_are_shown_as_text() {
    let doc = seed("003");
    assert_kind(doc, "By Chris Marsden", ParaKind::Byline);
    assert!(doc.paragraphs.iter().all(|p| !p.text.contains("](")));
    assert!(
        seed("002")
            .paragraphs
            .iter()
            .all(|p| !p.text.contains("**"))
    );
    assert_kind(seed("002"), "wsws.org/contact", ParaKind::Boilerplate);
}

#[test]
fn paragraph_sources_are_ordered_in_bounds_and_on_char_boundaries() {
    for doc in &SEEDS.docs {
        let text = seed_text(doc);
        let mut last_end = 0;
        for p in &doc.paragraphs {
            assert!(p.source().start >= last_end, "{}: overlap", doc.name);
            assert!(p.source().start < p.source().end);
            assert!(p.source().end <= text.len());
            assert!(text.is_char_boundary(p.source().start));
            assert!(text.is_char_boundary(p.source().end));
            last_end = p.source().end;
        }
    }
}

#[test]
fn no_paragraph_is_empty() {
    for doc in &SEEDS.docs {
        assert!(!doc.paragraphs.is_empty());
        assert!(
            doc.paragraphs.iter().all(|p| !p.text.trim().is_empty()),
            "{}",
            doc.name
        );
    }
}
