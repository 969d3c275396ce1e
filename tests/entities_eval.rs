//! Entity quality on the seeds, scored by the rules of `shared/eval/score.py` (strict
//! matching): a system entity matches a gold entity when one of its surface forms (aliases
//! plus canonical) equals a gold alias case-insensitively after whitespace normalisation
//! and the kinds agree. Bars: F1 ≥ 0.90, alias clustering ≥ 0.90, every kind's recall
//! ≥ 0.85.
//!
//! Set `DOSSIER_ENTITIES_JSON=/tmp/x.json` to also write the system JSON for
//! `python3 shared/eval/score.py /tmp/x.json -v`.

mod common;

use dossier::corpus::load_seeds;
use dossier::entities::{EntityKind, Tagger, entities_json, resolve};
use serde_json::Value;

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
    let gold = common::gold_entities(include_str!("fixtures/gold_seeds.json"));

    let s = common::score(&system, &gold);
    s.print("seeds");

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

#[test]
fn lookup_and_co_mentions_on_the_seeds() {
    let corpus = load_seeds();
    let tagger = Tagger::new();
    let mentions: Vec<_> = corpus.docs.iter().map(|d| tagger.tag_document(d)).collect();
    let table = resolve(&corpus.docs, &mentions);
    let soleimani = table
        .entities
        .iter()
        .position(|e| e.aliases.iter().any(|(a, _)| a == "Qassem Soleimani"))
        .expect("Soleimani");
    for q in [
        "soleimani",
        "suleimani",
        "qasem",
        "@Soleimani",
        "Qassim Suleimani",
    ] {
        let hits = table.find(q);
        assert_eq!(hits.first().map(|h| h.0), Some(soleimani), "{q}: {hits:?}");
    }
    // One entity per person: Maliki is not Mahdi; Hezbollah is not Kataib Hezbollah.
    let of = |alias: &str| {
        table
            .entities
            .iter()
            .position(|e| e.aliases.iter().any(|(a, _)| a == alias))
            .unwrap_or_else(|| panic!("{alias}"))
    };
    assert_eq!(of("Maliki"), of("Nouri al-Maliki"));
    assert_ne!(of("Nouri al-Maliki"), of("Adel Abdul Mahdi"));
    assert_ne!(of("Hezbollah"), of("Kataib Hezbollah"));
    assert_eq!(of("US"), of("America"));
    assert_eq!(of("IRGC"), of("Revolutionary Guards"));
    // The Quds Force shares paragraphs with its leader.
    let co = table.co_mentions(of("Quds Force"));
    assert!(co.iter().any(|(i, n)| *i == soleimani && *n >= 2), "{co:?}");
    assert!(co.windows(2).all(|w| w[0].1 >= w[1].1));
}
