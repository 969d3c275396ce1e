//! The JSON of `dossier entities --json`: one array, the format `score.py` reads.

use std::collections::BTreeMap;

use serde_json::{Value, json};

use super::{EntityKind, EntityTable};
use crate::corpus::Document;

/// `[{"canonical", "kind", "aliases", "docs": {"<file>": n}, "value"?, "inferred"?,
/// "mentions"}]`, optionally only one kind.
pub fn entities_json(docs: &[Document], table: &EntityTable, kind: Option<EntityKind>) -> Value {
    let arr: Vec<Value> = table
        .entities
        .iter()
        .filter(|e| kind.is_none_or(|k| e.kind == k))
        .map(|e| {
            let mut per_doc: BTreeMap<String, u32> = BTreeMap::new();
            for m in &e.mentions {
                if let Some(d) = docs.get(m.doc as usize) {
                    *per_doc.entry(d.file_name().to_owned()).or_default() += 1;
                }
            }
            let mut obj = json!({
                "canonical": e.canonical,
                "kind": e.kind.as_str(),
                "aliases": e.aliases.iter().map(|a| a.0.as_str()).collect::<Vec<_>>(),
                "docs": per_doc,
                "mentions": e.mentions.len(),
            });
            if let Some(v) = &e.value {
                obj["value"] = json!(v);
            }
            if e.inferred {
                obj["inferred"] = json!(true);
            }
            obj
        })
        .collect();
    Value::Array(arr)
}
