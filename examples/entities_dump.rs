//! Tags and resolves the seed documents and prints `entities --json` output, for
//! `python3 shared/eval/score.py OUT.json -v`. Usage: `cargo run --example entities_dump [OUT]`.
use dossier::entities::{Tagger, entities_json, resolve};

fn main() {
    let docs = dossier::corpus::seed_documents();
    let tagger = Tagger::new();
    let mentions: Vec<_> = docs.iter().map(|d| tagger.tag_document(d)).collect();
    let table = resolve(&docs, &mentions);
    let json = serde_json::to_string_pretty(&entities_json(&docs, &table, None)).expect("json");
    match std::env::args().nth(1) {
        Some(path) => std::fs::write(path, json + "\n").expect("write"),
        None => println!("{json}"),
    }
}
