//! Named entities: tagging at index time (people, organisations, places, dates,
//! quantities) and resolving every spelling of one real thing to one entity.

use std::ops::Range;

use serde::Serialize;

use crate::corpus::Document;

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
    /// Sorted by (doc, para, start).
    pub mentions: Vec<Occurrence>,
}

impl Entity {
    pub fn doc_count(&self) -> usize {
        let mut docs: Vec<u32> = self.mentions.iter().map(|m| m.doc).collect();
        docs.dedup();
        docs.len()
    }
}

/// All entities of a corpus.
#[derive(Debug, Clone, Default)]
pub struct EntityTable {
    pub entities: Vec<Entity>,
}

/// The entity tagger, with its gazetteer loaded once.
#[derive(Debug, Default)]
pub struct Tagger {}

impl Tagger {
    pub fn new() -> Self {
        Tagger {}
    }

    /// Tags one document. Runs in parallel over documents during indexing.
    pub fn tag_document(&self, _doc: &Document) -> Vec<Mention> {
        Vec::new()
    }
}

/// Merges the mentions of all documents into entities (aliases resolved).
/// `mentions[d]` are the mentions of `docs[d]`.
pub fn resolve(docs: &[Document], mentions: &[Vec<Mention>]) -> EntityTable {
    let _ = (docs, mentions);
    EntityTable::default()
}

impl EntityTable {
    /// Entities whose names match `name`, best first, with a score in 0..=1.
    pub fn find(&self, _name: &str) -> Vec<(usize, f64)> {
        Vec::new()
    }

    /// Entities sharing paragraphs with `entity`, most shared first.
    pub fn co_mentions(&self, _entity: usize) -> Vec<(usize, u32)> {
        Vec::new()
    }
}

/// The `dossier entities --json` array (placeholder until the tagger lands).
pub fn entities_json(
    docs: &[Document],
    table: &EntityTable,
    kind: Option<EntityKind>,
) -> serde_json::Value {
    let _ = (docs, table, kind);
    serde_json::Value::Array(Vec::new())
}
