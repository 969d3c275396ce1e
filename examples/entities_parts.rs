//! Where tagging time goes: each stage alone over the seeds' paragraphs, repeated,
//! or once over a folder's (`cargo run --release --example entities_parts -- DIR`).
use std::time::Instant;

use dossier::entities::dates::{Dateline, find_dates};
use dossier::entities::gazetteer::gazetteer;
use dossier::entities::quantities::find_quantities;
use dossier::entities::tokens::tokenize;

fn main() {
    let dir = std::env::args().nth(1);
    let docs = match &dir {
        Some(dir) => {
            let options = dossier::corpus::LoadOptions::default();
            dossier::corpus::load_paths(&[dir.into()], &options).docs
        }
        None => dossier::corpus::seed_documents(),
    };
    let paras: Vec<&str> = docs
        .iter()
        .flat_map(|d| d.paragraphs.iter().map(|p| &*p.text))
        .collect();
    let reps = if dir.is_some() { 1 } else { 200 };
    let bytes: usize = paras.iter().map(|p| p.len()).sum::<usize>() * reps;
    let mb = bytes as f64 / 1e6;
    let g = gazetteer();
    let time = |name: &str, f: &mut dyn FnMut()| {
        let t = Instant::now();
        for _ in 0..reps {
            f();
        }
        let s = t.elapsed().as_secs_f64();
        println!("{name:12} {:7.1} MB/s", mb / s);
    };
    let mut n = 0usize;
    let only_tag = std::env::var_os("ONLY_TAG").is_some();
    if !only_tag {
        time("dates", &mut || {
            paras
                .iter()
                .for_each(|p| n += find_dates(p, Dateline::default()).len())
        });
        time("quantities", &mut || {
            paras
                .iter()
                .for_each(|p| n += find_quantities(p, &[]).len())
        });
        time("gazetteer", &mut || {
            paras.iter().for_each(|p| g.find(p, |_| n += 1))
        });
        let mut toks = Vec::new();
        time("tokenize", &mut || {
            paras.iter().for_each(|p| {
                tokenize(p, g, &mut toks);
                n += toks.len()
            })
        });
    }
    let tagger = dossier::entities::Tagger::new();
    time("tag (all)", &mut || {
        docs.iter().for_each(|d| n += tagger.tag_document(d).len())
    });
    eprintln!("{n}");
}
