//! Entity quality on the seeds, scored by the rules of `shared/eval/score.py` (strict
//! matching): a system entity matches a gold entity when one of its surface forms (aliases
//! plus canonical) equals a gold alias case-insensitively after whitespace normalisation
//! and the kinds agree. Bars: F1 ≥ 0.90, alias clustering ≥ 0.90, every kind's recall
//! ≥ 0.85.
//!
//! Set `DOSSIER_ENTITIES_JSON=/tmp/x.json` to also write the system JSON for
//! `python3 shared/eval/score.py /tmp/x.json -v`.

use std::collections::{HashMap, HashSet};

use dossier::corpus::load_seeds;
use dossier::entities::{EntityKind, Tagger, entities_json, resolve};
use serde_json::Value;

fn norm(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

fn forms(e: &Value, with_canonical: bool) -> HashSet<String> {
    let mut f: HashSet<String> = e["aliases"]
        .as_array()
        .map(|a| a.iter().filter_map(Value::as_str).map(norm).collect())
        .unwrap_or_default();
    if with_canonical && let Some(c) = e["canonical"].as_str() {
        f.insert(norm(c));
    }
    f.remove("");
    f
}

struct Score {
    precision: f64,
    recall: f64,
    f1: f64,
    clustering: f64,
    per_kind: Vec<(EntityKind, usize, usize, f64, f64)>,
    missed: Vec<String>,
    unmatched: Vec<String>,
    split: Vec<String>,
}

fn prf(tp_sys: usize, n_sys: usize, tp_gold: usize, n_gold: usize) -> (f64, f64, f64) {
    let p = if n_sys > 0 {
        tp_sys as f64 / n_sys as f64
    } else {
        0.0
    };
    let r = if n_gold > 0 {
        tp_gold as f64 / n_gold as f64
    } else {
        0.0
    };
    let f = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    (p, r, f)
}

fn score(system: &[Value], gold: &[Value]) -> Score {
    let gold_forms: Vec<HashSet<String>> = gold.iter().map(|g| forms(g, false)).collect();
    let mut index: HashMap<(String, String), Vec<usize>> = HashMap::new();
    for (gi, (g, fs)) in gold.iter().zip(&gold_forms).enumerate() {
        for f in fs {
            let kind = g["kind"].as_str().unwrap_or("").to_owned();
            index.entry((f.clone(), kind)).or_default().push(gi);
        }
    }
    let sys_forms: Vec<HashSet<String>> = system.iter().map(|s| forms(s, true)).collect();
    let mut matched_sys: HashSet<usize> = HashSet::new();
    let mut gold_hit: HashSet<usize> = HashSet::new();
    for (si, (s, fs)) in system.iter().zip(&sys_forms).enumerate() {
        let kind = s["kind"].as_str().unwrap_or("").to_owned();
        for f in fs {
            if let Some(gs) = index.get(&(f.clone(), kind.clone())) {
                matched_sys.insert(si);
                gold_hit.extend(gs);
            }
        }
    }
    let (precision, recall, f1) = prf(matched_sys.len(), system.len(), gold_hit.len(), gold.len());
    let multi: Vec<usize> = (0..gold.len())
        .filter(|&g| gold_forms[g].len() >= 2)
        .collect();
    let clustered: Vec<usize> = multi
        .iter()
        .copied()
        .filter(|&g| sys_forms.iter().any(|s| gold_forms[g].is_subset(s)))
        .collect();
    let per_kind = EntityKind::ALL
        .into_iter()
        .map(|k| {
            let g: Vec<usize> = (0..gold.len())
                .filter(|&i| gold[i]["kind"] == k.as_str())
                .collect();
            let s: Vec<usize> = (0..system.len())
                .filter(|&i| system[i]["kind"] == k.as_str())
                .collect();
            let tp_s = s.iter().filter(|i| matched_sys.contains(i)).count();
            let tp_g = g.iter().filter(|i| gold_hit.contains(i)).count();
            let (p, r, _) = prf(tp_s, s.len(), tp_g, g.len());
            (k, g.len(), s.len(), r, p)
        })
        .collect();
    let name = |e: &Value| {
        format!(
            "{} ({})",
            e["canonical"].as_str().unwrap_or("?"),
            e["kind"].as_str().unwrap_or("?")
        )
    };
    Score {
        precision,
        recall,
        f1,
        clustering: clustered.len() as f64 / multi.len().max(1) as f64,
        per_kind,
        missed: (0..gold.len())
            .filter(|g| !gold_hit.contains(g))
            .map(|g| name(&gold[g]))
            .collect(),
        unmatched: (0..system.len())
            .filter(|s| !matched_sys.contains(s))
            .map(|s| name(&system[s]))
            .collect(),
        split: multi
            .iter()
            .filter(|g| !clustered.contains(g))
            .map(|&g| name(&gold[g]))
            .collect(),
    }
}

#[test]
fn seeds_meet_the_bars() {
    let corpus = load_seeds();
    let tagger = Tagger::new();
    let mentions: Vec<_> = corpus.docs.iter().map(|d| tagger.tag_document(d)).collect();
    let table = resolve(&corpus.docs, &mentions);
    let json = entities_json(&corpus.docs, &table, None);
    if let Ok(path) = std::env::var("DOSSIER_ENTITIES_JSON") {
        std::fs::write(&path, serde_json::to_string_pretty(&json).expect("json")).expect("write");
    }
    let system = json.as_array().expect("one JSON array").clone();
    let gold_text = include_str!("fixtures/gold_seeds.json");
    let gold: Value = serde_json::from_str(gold_text).expect("gold JSON");
    let gold = gold["entities"].as_array().expect("gold entities").clone();

    let s = score(&system, &gold);
    println!(
        "entities: P {:.3}  R {:.3}  F1 {:.3}   clustering {:.3}",
        s.precision, s.recall, s.f1, s.clustering
    );
    for (k, g, n, r, p) in &s.per_kind {
        println!(
            "  {:12} gold {g:3} system {n:3} recall {r:.3} precision {p:.3}",
            k.as_str()
        );
    }
    println!("missed: {}", s.missed.join("; "));
    println!("unmatched: {}", s.unmatched.join("; "));
    println!("split: {}", s.split.join("; "));

    assert!(s.f1 >= 0.90, "entity F1 {:.3} < 0.90", s.f1);
    assert!(
        s.clustering >= 0.90,
        "alias clustering {:.3} < 0.90",
        s.clustering
    );
    for (k, _, _, r, _) in &s.per_kind {
        assert!(*r >= 0.85, "{} recall {r:.3} < 0.85", k.as_str());
    }
}

#[test]
fn json_has_the_documented_shape() {
    let corpus = load_seeds();
    let tagger = Tagger::new();
    let mentions: Vec<_> = corpus.docs.iter().map(|d| tagger.tag_document(d)).collect();
    let table = resolve(&corpus.docs, &mentions);
    let json = entities_json(&corpus.docs, &table, Some(EntityKind::Date));
    let arr = json.as_array().expect("array");
    assert!(!arr.is_empty());
    for e in arr {
        assert_eq!(e["kind"], "date");
        assert!(e["canonical"].is_string() && e["aliases"].is_array() && e["value"].is_string());
        let docs = e["docs"].as_object().expect("docs object");
        let total: u64 = docs.values().filter_map(Value::as_u64).sum();
        assert_eq!(Some(total), e["mentions"].as_u64());
    }
    // `December 27` and `December 27th` are one date, its year inferred from the dateline.
    let dec27 = arr
        .iter()
        .find(|e| e["value"] == "2019-12-27")
        .expect("2019-12-27");
    let aliases: Vec<&str> = dec27["aliases"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert!(
        aliases.contains(&"December 27") && aliases.contains(&"December 27th"),
        "{aliases:?}"
    );
    assert_eq!(dec27["inferred"], true);
}
