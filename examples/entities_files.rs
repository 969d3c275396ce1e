//! Tags and resolves the given files and prints each entity (kind, canonical, aliases,
//! value): a quick look at the tagger on articles outside the seeds.
use dossier::corpus::{LoadOptions, load_paths};
use dossier::entities::{Tagger, resolve};

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let json_out = args.iter().position(|a| a == "--json").map(|i| {
        let out = args
            .get(i + 1)
            .cloned()
            .unwrap_or_else(|| "/tmp/entities.json".into());
        args.drain(i..(i + 2).min(args.len()));
        out
    });
    let paths: Vec<std::path::PathBuf> = args.iter().map(Into::into).collect();
    let corpus = load_paths(&paths, &LoadOptions::default());
    if std::env::var_os("SHOW_PARAS").is_some() {
        for d in &corpus.docs {
            for (i, p) in d.paragraphs.iter().enumerate() {
                println!("{i:3} {:?} {:?}", p.kind, p.text);
            }
        }
    }
    let tagger = Tagger::new();
    let mentions: Vec<_> = corpus.docs.iter().map(|d| tagger.tag_document(d)).collect();
    let table = resolve(&corpus.docs, &mentions);
    if let Some(out) = json_out {
        let json = dossier::entities::entities_json(&corpus.docs, &table, None);
        std::fs::write(out, serde_json::to_string_pretty(&json).expect("json")).expect("write");
        return;
    }
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
