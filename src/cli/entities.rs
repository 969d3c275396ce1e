//! `dossier entities [PATH...] [--kind KIND] [--json]`

use std::io::Write;

use super::{CliError, EXIT_FOUND, EXIT_NOTHING, print_json};
use crate::entities::{EntityKind, entities_json};
use crate::index::Index;
use crate::text::sanitize_line;

pub fn run(index: &Index, kind: Option<&str>, json: bool) -> Result<u8, CliError> {
    let kind = match kind {
        Some(k) => Some(EntityKind::parse(k).ok_or_else(|| {
            CliError::BadInput(format!(
                "unknown kind {k:?}: use person, organization, place, date or quantity"
            ))
        })?),
        None => None,
    };
    let value = entities_json(&index.docs, &index.entities, kind);
    let count = value.as_array().map_or(0, Vec::len);
    if json {
        print_json(&value)?;
    } else {
        let stdout = std::io::stdout();
        let mut out = stdout.lock();
        writeln!(
            out,
            "{:<12} {:>8} {:>5}  {:<36} aliases",
            "kind", "mentions", "docs", "entity"
        )?;
        let mut entities: Vec<_> = index
            .entities
            .entities
            .iter()
            .filter(|e| kind.is_none_or(|k| e.kind == k))
            .collect();
        entities.sort_by(|a, b| {
            a.kind
                .cmp(&b.kind)
                .then(b.mentions.len().cmp(&a.mentions.len()))
                .then(a.canonical.cmp(&b.canonical))
        });
        for e in entities {
            let aliases: Vec<&str> = e
                .aliases
                .iter()
                .map(|(a, _)| a.as_str())
                .filter(|a| *a != e.canonical)
                .collect();
            writeln!(
                out,
                "{:<12} {:>8} {:>5}  {:<36} {}",
                e.kind.as_str(),
                e.mentions.len(),
                e.doc_count(),
                sanitize_line(&e.canonical),
                sanitize_line(&aliases.join(", "))
            )?;
        }
        writeln!(out, "{count} entities")?;
    }
    Ok(if count > 0 { EXIT_FOUND } else { EXIT_NOTHING })
}
