//! The rules of `shared/eval/score.py` (strict matching), shared by the entity tests.
#![allow(dead_code)]

use std::collections::{HashMap, HashSet};

use dossier::entities::EntityKind;
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

pub struct Score {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    pub clustering: f64,
    pub per_kind: Vec<(EntityKind, usize, usize, f64, f64)>,
    pub missed: Vec<String>,
    pub unmatched: Vec<String>,
    pub split: Vec<String>,
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

pub fn score(system: &[Value], gold: &[Value]) -> Score {
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

impl Score {
    pub fn print(&self, title: &str) {
        println!(
            "{title}: P {:.3}  R {:.3}  F1 {:.3}   clustering {:.3}",
            self.precision, self.recall, self.f1, self.clustering
        );
        for (k, g, n, r, p) in &self.per_kind {
            println!(
                "  {:12} gold {g:3} system {n:3} recall {r:.3} precision {p:.3}",
                k.as_str()
            );
        }
        println!("missed: {}", self.missed.join("; "));
        println!("unmatched: {}", self.unmatched.join("; "));
        println!("split: {}", self.split.join("; "));
    }
}

/// The gold entities of a gold file (`{"entities": [...]}` or a bare array).
pub fn gold_entities(text: &str) -> Vec<Value> {
    let gold: Value = serde_json::from_str(text).expect("gold JSON");
    match gold {
        Value::Array(a) => a,
        other => other["entities"].as_array().expect("gold entities").clone(),
    }
}
