//! Indexing throughput: segmenting, tokenising, tagging and building postings for a
//! synthetic corpus, reported in bytes per second.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use dossier::corpus::{Corpus, Document};
use dossier::index::build;
use dossier::synth::generate;

mod common;

fn indexing(c: &mut Criterion) {
    let files = generate(common::spec());
    let bytes: usize = files.iter().map(|f| f.text.len()).sum();
    let mut group = c.benchmark_group("indexing");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function(format!("segment+index {} docs", files.len()), |b| {
        b.iter(|| {
            let docs: Vec<Document> = files
                .iter()
                .map(|f| {
                    Document::from_text(
                        f.name.clone().into(),
                        f.name.clone(),
                        f.text.clone(),
                        Vec::new(),
                    )
                })
                .collect();
            build(Corpus {
                docs,
                skipped: Vec::new(),
            })
        })
    });
    group.finish();
}

criterion_group!(benches, indexing);
criterion_main!(benches);
