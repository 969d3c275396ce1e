//! What a document is and how it is read: loading and decoding files, segmenting
//! them into paragraphs with kinds, light markdown, and metadata.

mod decode;
mod load;
mod markup;
mod meta;
mod segment;

use std::ops::Range;
use std::path::PathBuf;

use serde::Serialize;

pub use decode::{Decoded, decode};
pub use load::{
    Found, LARGEST_FILE_BYTES, LoadOptions, LoadProgress, Skipped, discover, load_paths,
    load_paths_staged, load_seeds, natural_cmp, read_files, seed_documents,
};
pub use markup::{Inline, InlineStyle, Link};
pub use meta::{DocMeta, month_number, parse_date};
pub use segment::segment;

/// The role of a paragraph in its document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ParaKind {
    Heading,
    Body,
    /// Author, date and source lines.
    Byline,
    /// Site chrome, appeals, disclaimers, copyright: kept, labelled, dimmed.
    Boilerplate,
    /// Reader comments.
    Comment,
}

impl ParaKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ParaKind::Heading => "heading",
            ParaKind::Body => "body",
            ParaKind::Byline => "byline",
            ParaKind::Boilerplate => "boilerplate",
            ParaKind::Comment => "comment",
        }
    }
}

/// Who wrote a reader comment and when; shared by all paragraphs of one comment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CommentInfo {
    /// Index of the comment within its document (0-based), grouping its paragraphs.
    pub number: u32,
    pub author: String,
    /// The user the comment replies to, when the page shows it.
    pub reply_to: Option<String>,
    pub timestamp: String,
}

/// One paragraph: its clean display text and where it came from.
#[derive(Debug, Clone, Serialize)]
pub struct Paragraph {
    pub kind: ParaKind,
    /// Byte span of the paragraph's source in the decoded file (rejoined
    /// paragraphs span both pieces); see [`Paragraph::source`].
    #[serde(rename = "source")]
    pub(crate) span: Range<u32>,
    /// What is shown and indexed: markup removed, lines joined with single spaces
    /// except where the source had hard line breaks inside one block. Boxed
    /// slices, not `String` and `Vec`: a paragraph lives as long as the index,
    /// and a million of them are 16 MB lighter without capacity fields.
    pub text: Box<str>,
    /// Emphasis, links and comment details, which most paragraphs lack: one
    /// pointer for both keeps a paragraph at 40 bytes, not 56.
    #[serde(flatten)]
    extras: Option<Box<ParaExtras>>,
}

#[derive(Debug, Clone, Serialize)]
struct ParaExtras {
    /// Emphasis and link ranges in `text`.
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    inlines: Box<[Inline]>,
    /// Boxed again: a paragraph with inlines only then pays 24 bytes here.
    #[serde(skip_serializing_if = "Option::is_none")]
    comment: Option<Box<CommentInfo>>,
}

#[cfg(target_pointer_width = "64")]
const _: () = assert!(std::mem::size_of::<Paragraph>() == 40);

impl Paragraph {
    pub fn new(
        kind: ParaKind,
        span: Range<u32>,
        text: Box<str>,
        inlines: Vec<Inline>,
        comment: Option<CommentInfo>,
    ) -> Self {
        let extras = (!inlines.is_empty() || comment.is_some()).then(|| {
            Box::new(ParaExtras {
                inlines: inlines.into_boxed_slice(),
                comment: comment.map(Box::new),
            })
        });
        Paragraph {
            kind,
            span,
            text,
            extras,
        }
    }

    /// Emphasis and link ranges in `text`.
    pub fn inlines(&self) -> &[Inline] {
        self.extras.as_ref().map_or(&[], |e| &e.inlines)
    }

    /// Who wrote the comment this paragraph belongs to, and when.
    pub fn comment(&self) -> Option<&CommentInfo> {
        self.extras.as_ref().and_then(|e| e.comment.as_deref())
    }

    /// Byte span of the paragraph's source in the decoded file. Kept as `u32`
    /// (files are at most 2 GB, see `--max-file-mb`): a million paragraphs are
    /// 8 MB lighter.
    pub fn source(&self) -> Range<usize> {
        self.span.start as usize..self.span.end as usize
    }
}

/// A decoded, segmented document.
#[derive(Debug, Clone)]
pub struct Document {
    /// Where it was read from (for the seeds, `seeds/<name>`).
    pub path: PathBuf,
    /// Display name: the path relative to the folder it was found in.
    pub name: String,
    /// Size of the decoded text in bytes. The text itself is not kept: the
    /// paragraphs hold what is shown, and their `source` ranges point into it.
    pub bytes: usize,
    pub paragraphs: Vec<Paragraph>,
    pub meta: DocMeta,
    /// Things the user should know about how it was read (encoding guessed …).
    pub notices: Vec<String>,
}

impl Document {
    /// Decodes, segments and describes one document.
    pub fn from_text(path: PathBuf, name: String, text: String, notices: Vec<String>) -> Self {
        let paragraphs = segment(&text);
        let meta = DocMeta::derive(&name, &paragraphs);
        Document {
            path,
            name,
            bytes: text.len(),
            paragraphs,
            meta,
            notices,
        }
    }

    /// The file name without folders, as used in `entities --json` output.
    pub fn file_name(&self) -> &str {
        self.name.rsplit('/').next().unwrap_or(&self.name)
    }
}

/// A loaded corpus: the documents in stable order and what could not be read.
#[derive(Debug, Default)]
pub struct Corpus {
    pub docs: Vec<Document>,
    pub skipped: Vec<Skipped>,
}
