//! Named entities: tagging at index time (people, organisations, places, dates,
//! quantities) and resolving every spelling of one real thing to one entity.
//!
//! - `gazetteer`: general world knowledge from `assets/` (one Aho-Corasick automaton).
//! - `tokens`: word tokens of a paragraph (possessives, abbreviations, hyphen splits).
//! - `dates`, `quantities`: date expressions with ISO values; casualty and money figures.
//! - `cues`, `tag`: names found from the text (capitalisation, particles, titles, heads,
//!   definitions), the gazetteer only helping.
//! - `resolve`: mentions → entities (variants, surnames, acronyms); `table`: co-mentions
//!   and `@name` look-up; `json`: the `dossier entities --json` output.
//!
//! Tagging is per document and allocation-light so that it runs in the parallel indexing
//! pass; resolution needs the whole corpus and runs once after it.

mod cues;
pub mod dates;
pub mod gazetteer;
pub mod json;
mod lookup;
mod mentions;
pub mod quantities;
pub mod resolve;
mod table;
pub mod tag;
pub mod tokens;

use std::ops::Range;

use serde::Serialize;

use crate::corpus::Document;

pub use json::entities_json;
pub(crate) use mentions::Places;
pub use mentions::{EntityParagraphs, MentionIter, MentionStore, Mentions, ParaMention, Span};
pub use resolve::{Resolver, resolve};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    Person,
    Organization,
    Place,
    Date,
    Quantity,
}

impl EntityKind {
    pub const ALL: [EntityKind; 5] = [
        EntityKind::Person,
        EntityKind::Organization,
        EntityKind::Place,
        EntityKind::Date,
        EntityKind::Quantity,
    ];

    /// Dates and quantities: entities by value, not by name.
    pub fn is_figure(self) -> bool {
        matches!(self, EntityKind::Date | EntityKind::Quantity)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Person => "person",
            EntityKind::Organization => "organization",
            EntityKind::Place => "place",
            EntityKind::Date => "date",
            EntityKind::Quantity => "quantity",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        let s = s.to_ascii_lowercase();
        EntityKind::ALL.into_iter().find(|k| {
            k.as_str().starts_with(&s) || (s == "organisation" && *k == EntityKind::Organization)
        })
    }
}

/// One tagged mention in a document, as the tagger sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// Paragraph index within the document.
    pub para: u32,
    /// Byte range in that paragraph's `text`.
    pub range: Range<usize>,
    pub kind: EntityKind,
    /// Normalised value for dates (ISO prefix) and quantities.
    pub value: Option<String>,
    /// A date whose year was taken from the document's dateline.
    pub inferred: bool,
    /// How the kind was decided; the resolver may revise weak and unknown ones.
    pub cue: Cue,
    /// Index (in this document's mentions) of the mention this one was defined as an
    /// alias of: `Name (ACRONYM)`, `X, also known as Y`.
    pub alias_of: Option<u32>,
    /// The bare form inside the mention that is an alias too: `335,000` in
    /// `at least 335,000`, `K-1` in `K-1 airbase`.
    pub core: Option<Range<usize>>,
}

/// How sure the tagger is of a mention.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum Cue {
    /// Gazetteer, title, head word, particle, definition, date or figure.
    #[default]
    Strong,
    /// A heuristic kind (capitalised pair, preposition before a place).
    Weak,
    /// A name with no clue to its kind: kept only when another mention settles it.
    Unknown,
    /// A capitalised common word at a sentence start: kept only when the same document
    /// names someone with it (`Power` after `Samantha Power`).
    Maybe,
}

impl Mention {
    pub fn new(para: u32, range: Range<usize>, kind: EntityKind, cue: Cue) -> Self {
        Mention {
            para,
            range,
            kind,
            value: None,
            inferred: false,
            cue,
            alias_of: None,
            core: None,
        }
    }
}

/// Where an entity is mentioned in the corpus.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Occurrence {
    pub doc: u32,
    pub para: u32,
    pub start: u32,
    pub end: u32,
}

/// One real thing and every way the corpus spells it.
#[derive(Debug, Clone, Serialize)]
pub struct Entity {
    pub canonical: String,
    pub kind: EntityKind,
    /// Surface forms with mention counts, most frequent first.
    pub aliases: Vec<(String, u32)>,
    pub value: Option<String>,
    /// The date's year was inferred from datelines.
    pub inferred: bool,
    /// Sorted by (doc, para, start, end).
    pub mentions: Mentions,
}

impl Entity {
    pub fn doc_count(&self) -> usize {
        self.mentions.doc_count()
    }
}

/// All entities of a corpus.
#[derive(Debug, Clone, Default)]
pub struct EntityTable {
    pub entities: Vec<Entity>,
    /// Every mention, by paragraph; the entities' lists refer into it.
    mentions: std::sync::Arc<MentionStore>,
    /// Built on first use by `find`.
    lookup: std::sync::OnceLock<lookup::NameLookup>,
}

impl EntityTable {
    /// The table of `entities`, each with its mentions (sorted by paragraph,
    /// start and end); `doc_starts` numbers the documents' paragraphs across
    /// the corpus, with the total at the end.
    pub fn new(entities: Vec<(Entity, Vec<Span>)>, doc_starts: Vec<u32>) -> Self {
        let (mut entities, lists): (Vec<Entity>, Vec<Vec<Span>>) = entities.into_iter().unzip();
        let places = mentions::Places {
            doc_starts: &doc_starts,
        };
        // Lists are in paragraph order: a document counts where it changes.
        let doc_counts: Vec<u32> = lists
            .iter()
            .map(|list| {
                let (mut hint, mut last) = (0, u32::MAX);
                list.iter()
                    .map(|m| places.doc_para(m.para, &mut hint).0)
                    .filter(|&d| d != std::mem::replace(&mut last, d))
                    .count() as u32
            })
            .collect();
        let (store, ids) = MentionStore::new(lists, doc_starts);
        for ((entity, ids), docs) in entities.iter_mut().zip(ids).zip(doc_counts) {
            entity.mentions = Mentions::new(store.clone(), ids, docs);
        }
        EntityTable {
            entities,
            mentions: store,
            lookup: std::sync::OnceLock::new(),
        }
    }

    /// The mentions in global paragraph `global`, by start.
    pub fn para_mentions(&self, global: u32) -> &[ParaMention] {
        self.mentions.of(global)
    }

    /// Each entity's global paragraph numbers, ascending, each once.
    pub fn entity_paragraphs(&self) -> EntityParagraphs {
        self.mentions.entity_paragraphs(self.entities.len())
    }

    /// Builds the name look-up now (indexing time) rather than on the first query.
    pub fn prepare_lookup(&self) {
        self.lookup
            .get_or_init(|| lookup::NameLookup::new(&self.entities));
    }
}

/// The entity tagger, with its gazetteer (word lists and Aho-Corasick automaton) loaded once.
#[derive(Debug)]
pub struct Tagger {
    gaz: &'static gazetteer::Gazetteer,
}

impl Default for Tagger {
    fn default() -> Self {
        Self::new()
    }
}

impl Tagger {
    pub fn new() -> Self {
        Tagger {
            gaz: gazetteer::gazetteer(),
        }
    }

    /// Tags one document. Runs in parallel over documents during indexing.
    pub fn tag_document(&self, doc: &Document) -> Vec<Mention> {
        tag::tag_document(self.gaz, doc)
    }
}
