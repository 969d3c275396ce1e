//! Tags and resolves the given files and prints each entity (kind, canonical, aliases,
//! value): a quick look at the tagger on articles outside the seeds.
use dossier::corpus::{LoadOptions, load_paths};
use dossier::entities::{Tagger, resolve};

fn main() {
    let paths: Vec<std::path::PathBuf> = std::env::args().skip(1).map(Into::into).collect();
    let corpus = load_paths(&paths, &LoadOptions::default());
    let tagger = Tagger::new();
    let mentions: Vec<_> = corpus.docs.iter().map(|d| tagger.tag_document(d)).collect();
    let table = resolve(&corpus.docs, &mentions);
    for e in &table.entities {
        let aliases: Vec<String> = e.aliases.iter().map(|(a, n)| format!("{a}×{n}")).collect();
        let value = e
            .value
            .as_deref()
            .map(|v| format!("  = {v}"))
            .unwrap_or_default();
        println!(
            "{:12} {:40} {}{value}",
            e.kind.as_str(),
            e.canonical,
            aliases.join(", ")
        );
    }
}
