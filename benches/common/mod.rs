//! Shared setup: a synthetic corpus sized by `DOSSIER_BENCH_DOCS` (default 2,000
//! documents, about 70,000 paragraphs; set 10000 for the reference corpus).

use dossier::index::{Index, build};
use dossier::synth::{SynthSpec, corpus};

pub fn bench_docs() -> usize {
    std::env::var("DOSSIER_BENCH_DOCS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2000)
}

pub fn spec() -> SynthSpec {
    SynthSpec {
        docs: bench_docs(),
        ..SynthSpec::default()
    }
}

#[allow(dead_code)]
pub fn index() -> Index {
    build(corpus(spec()))
}
