//! Writes a synthetic corpus to a folder, for benchmarks and peer comparisons.
//!
//! cargo run --release --example gen_corpus -- --docs 10000 --out /tmp/corpus [--paragraphs-per-doc 34] [--seed 7] [--paragraphs-file FILE]
//!
//! `--paragraphs-file` also writes one paragraph per line (what `fzf --filter` and
//! `rg` are given in `scripts/bench-peers.sh`).

use std::io::Write;
use std::path::PathBuf;

use dossier::synth::{SynthSpec, generate};

fn main() -> std::io::Result<()> {
    let mut spec = SynthSpec::default();
    let mut out: Option<PathBuf> = None;
    let mut paragraphs_file: Option<PathBuf> = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().unwrap_or_else(|| panic!("{arg} needs a value"));
        match arg.as_str() {
            "--docs" => spec.docs = value().parse().expect("--docs N"),
            "--paragraphs-per-doc" => {
                spec.paragraphs_per_doc = value().parse().expect("--paragraphs-per-doc N")
            }
            "--seed" => spec.seed = value().parse().expect("--seed N"),
            "--out" => out = Some(value().into()),
            "--paragraphs-file" => paragraphs_file = Some(value().into()),
            other => panic!("unknown argument {other}"),
        }
    }
    let out = out.expect("--out DIR is required");
    std::fs::create_dir_all(&out)?;
    let docs = generate(spec);
    let mut bytes = 0;
    let mut lines = paragraphs_file
        .map(|p| std::io::BufWriter::new(std::fs::File::create(p).expect("paragraphs file")));
    let mut paragraphs = 0;
    for doc in &docs {
        std::fs::write(out.join(&doc.name), &doc.text)?;
        bytes += doc.text.len();
        for para in doc.text.split("\n\n").filter(|p| !p.trim().is_empty()) {
            paragraphs += 1;
            if let Some(w) = lines.as_mut() {
                writeln!(w, "{}", para.replace('\n', " "))?;
            }
        }
    }
    eprintln!(
        "wrote {} documents, {} paragraphs, {:.1} MB to {}",
        docs.len(),
        paragraphs,
        bytes as f64 / 1e6,
        out.display()
    );
    Ok(())
}
