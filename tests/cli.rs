//! The headless commands, run as the built binary: on the bundled seeds (no path)
//! and on temporary folders of broken and hostile files.

use std::collections::BTreeSet;
use std::process::{Command, Output, Stdio};
use std::sync::LazyLock;

use dossier::corpus::{Corpus, load_seeds};
use dossier::text::{fold, tokenize};
use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use serde_json::Value;
use tempfile::TempDir;

static SEEDS: LazyLock<Corpus> = LazyLock::new(load_seeds);

fn dossier(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(args)
        .stdin(Stdio::null())
        .env_remove("RUST_BACKTRACE")
        .output()
        .expect("the dossier binary runs")
}

fn code(out: &Output) -> i32 {
    out.status.code().expect("exited, not killed by a signal")
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("stdout is UTF-8")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Runs a command expected to succeed with `--json` output, and parses it.
fn json(args: &[&str]) -> Value {
    let out = dossier(args);
    assert_eq!(code(&out), 0, "{args:?} failed: {}", stderr(&out));
    serde_json::from_slice(&out.stdout).expect("stdout is one JSON document")
}

fn search_json(query: &str, extra: &[&str]) -> Value {
    let mut args = vec!["search", query, "--json"];
    args.extend_from_slice(extra);
    json(&args)
}

fn hits(v: &Value) -> &Vec<Value> {
    v["hits"].as_array().expect("hits is an array")
}

fn hit_files(v: &Value) -> BTreeSet<String> {
    hits(v)
        .iter()
        .map(|h| h["file"].as_str().unwrap().to_owned())
        .collect()
}

/// The seed paragraph a hit points at.
fn seed_paragraph(hit: &Value) -> &'static str {
    let file = hit["file"].as_str().unwrap();
    let number = hit["paragraph"].as_u64().unwrap() as usize;
    let doc = SEEDS.docs.iter().find(|d| d.name == file).expect("a seed");
    &doc.paragraphs[number - 1].text
}

fn folded_terms(text: &str) -> Vec<String> {
    tokenize(text).into_iter().map(|t| t.term).collect()
}

// ---------------------------------------------------------------- search, seeds

#[test]
fn search_bagdad_finds_baghdad_paragraphs() {
    let v = search_json("bagdad", &["--limit", "100"]);
    assert!(v["total"].as_u64().unwrap() >= 10);
    for hit in hits(&v) {
        assert!(
            seed_paragraph(hit).contains("Baghdad"),
            "hit without Baghdad: {hit}"
        );
    }
}

#[test]
fn search_kerry_iran_hits_only_002_and_003() {
    let v = search_json("kerry iran", &["--limit", "1000"]);
    assert_eq!(
        hit_files(&v),
        BTreeSet::from([
            "002_b99b4f8dd03cd1de.txt".to_owned(),
            "003_732d03229fae5413.txt".to_owned()
        ])
    );
    assert_eq!(v["documents"], 2);
}

#[test]
fn quoted_phrase_matches_only_paragraphs_with_that_exact_phrase() {
    let v = search_json("\"proxy war\"", &["--limit", "1000"]);
    let containing: usize = SEEDS
        .docs
        .iter()
        .flat_map(|d| &d.paragraphs)
        .filter(|p| {
            folded_terms(&p.text)
                .windows(2)
                .any(|w| w == ["proxy", "war"])
        })
        .count();
    assert!(containing >= 2);
    assert_eq!(v["total"].as_u64().unwrap() as usize, containing);
    for hit in hits(&v) {
        assert!(seed_paragraph(hit).to_lowercase().contains("proxy war"));
    }
}

#[test]
fn unquoted_words_match_more_than_the_phrase() {
    let phrase = search_json("\"proxy war\"", &[]);
    let words = search_json("proxy war", &[]);
    assert!(words["total"].as_u64() > phrase["total"].as_u64());
}

#[test]
fn excluded_term_removes_every_paragraph_containing_it() {
    let with = search_json("iran", &["--limit", "1000"]);
    let without = search_json("iran -syria", &["--limit", "1000"]);
    assert!(without["total"].as_u64().unwrap() > 0);
    assert!(without["total"].as_u64() < with["total"].as_u64());
    for hit in hits(&without) {
        assert!(
            !folded_terms(seed_paragraph(hit)).contains(&"syria".to_owned()),
            "{hit}"
        );
    }
}

#[test]
fn search_by_file_name_ranks_that_document_first() {
    let v = search_json("003", &[]);
    assert_eq!(hits(&v)[0]["file"], "003_732d03229fae5413.txt");
}

#[test]
fn search_by_title_word_ranks_that_document_first() {
    let v = search_json("debacle", &[]);
    assert_eq!(hits(&v)[0]["file"], "002_b99b4f8dd03cd1de.txt");
    // 003 mentions a debacle in its text too; it is found, just ranked lower.
    assert!(hit_files(&v).contains("003_732d03229fae5413.txt"));
}

#[test]
fn search_json_has_the_documented_shape() {
    let v = search_json("iraq", &["--limit", "5"]);
    assert_eq!(v["query"], "iraq");
    assert!(v["total"].as_u64().unwrap() > 5);
    assert!(v["documents"].as_u64().unwrap() >= 1);
    assert!(v["unknown"].as_array().unwrap().is_empty());
    assert_eq!(hits(&v).len(), 5);
    for hit in hits(&v) {
        assert!(hit["file"].as_str().unwrap().ends_with(".txt"));
        assert!(!hit["title"].as_str().unwrap().is_empty());
        assert!(hit["paragraph"].as_u64().unwrap() >= 1);
        let kind = hit["kind"].as_str().unwrap();
        assert!(
            ["heading", "body", "byline", "boilerplate", "comment"].contains(&kind),
            "{kind}"
        );
        assert!(hit["score"].as_f64().unwrap() > 0.0);
        assert!(hit["snippet"].is_string());
        assert!(hit["spans"].is_array());
        assert!(hit["paragraph_spans"].is_array());
    }
}

#[test]
fn hits_are_ranked_by_descending_score() {
    let v = search_json("iran iraq", &["--limit", "50"]);
    let scores: Vec<f64> = hits(&v)
        .iter()
        .map(|h| h["score"].as_f64().unwrap())
        .collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{scores:?}");
}

/// The text of `[start, end]` spans in `text`.
fn slices<'a>(text: &'a str, spans: &Value) -> Vec<&'a str> {
    spans
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            let (a, b) = (
                s[0].as_u64().unwrap() as usize,
                s[1].as_u64().unwrap() as usize,
            );
            assert!(a < b && b <= text.len(), "span {a}..{b} of {text:?}");
            text.get(a..b).expect("span on char boundaries")
        })
        .collect()
}

#[test]
fn snippet_spans_slice_text_that_fuzzy_matches_the_query() {
    let matcher = SkimMatcherV2::default();
    for query in ["bagdad", "soleim", "kerry", "iran’s"] {
        let v = search_json(query, &["--limit", "20"]);
        let term = fold(query.trim_end_matches("’s"));
        assert!(!hits(&v).is_empty(), "{query}");
        for hit in hits(&v) {
            let snippet = hit["snippet"].as_str().unwrap();
            let matched = slices(snippet, &hit["spans"]);
            // Title-only hits carry no text match; all others show one.
            if hit["score"].as_f64().unwrap() < 1000.0 {
                assert!(!matched.is_empty(), "{query}: no span in {snippet:?}");
            }
            if !hit["paragraph_spans"].as_array().unwrap().is_empty() {
                assert!(
                    !matched.is_empty(),
                    "{query}: the first match is in the snippet"
                );
            }
            for m in matched {
                // A fuzzy (subsequence) match, or a typo within two edits.
                let folded = fold(m);
                assert!(
                    matcher.fuzzy_match(&folded, &term).is_some()
                        || strsim::damerau_levenshtein(&folded, &term) <= 2,
                    "{query}: span {m:?} does not match"
                );
            }
        }
    }
}

#[test]
fn paragraph_spans_slice_the_shown_paragraph() {
    let v = search_json("baghdad", &["--limit", "50"]);
    for hit in hits(&v) {
        for m in slices(seed_paragraph(hit), &hit["paragraph_spans"]) {
            assert_eq!(fold(m), "baghdad");
        }
    }
}

#[test]
fn phrase_spans_cover_the_whole_phrase() {
    let v = search_json("\"proxy war\"", &[]);
    for hit in hits(&v) {
        let matched = slices(seed_paragraph(hit), &hit["paragraph_spans"]);
        assert!(!matched.is_empty());
        assert!(
            matched.iter().all(|m| m.to_lowercase() == "proxy war"),
            "{matched:?}"
        );
    }
}

#[test]
fn limit_bounds_the_hits_but_not_the_total() {
    let v = search_json("iraq", &["--limit", "3"]);
    assert_eq!(hits(&v).len(), 3);
    let all = search_json("iraq", &["--limit", "1000"]);
    assert_eq!(v["total"], all["total"]);
    assert_eq!(hits(&all).len() as u64, all["total"].as_u64().unwrap());
    // The first hits are the same ones, in the same order.
    assert_eq!(hits(&v)[..], hits(&all)[..3]);
}

#[test]
fn plain_search_lists_hits_and_a_summary() {
    let out = dossier(&["search", "kerry", "--limit", "2"]);
    assert_eq!(code(&out), 0);
    let text = stdout(&out);
    assert!(text.contains("Kerry"));
    assert!(text.contains("(showing 2; use --limit)"), "{text}");
}

// ---------------------------------------------------------------- exit codes

#[test]
fn nothing_found_exits_1() {
    let out = dossier(&["search", "zzzzqqqq"]);
    assert_eq!(code(&out), 1);
    assert!(stdout(&out).contains("no match for: zzzzqqqq"));
    let v: Value = serde_json::from_slice(&dossier(&["search", "zzzzqqqq", "--json"]).stdout)
        .expect("JSON even when nothing is found");
    assert_eq!(v["total"], 0);
    assert_eq!(v["unknown"][0], "zzzzqqqq");
}

#[test]
fn unknown_document_exits_2_with_a_message() {
    let out = dossier(&["show", "nosuchdoc"]);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("no document matches"),
        "{}",
        stderr(&out)
    );
    assert!(out.stdout.is_empty());
}

#[test]
fn ambiguous_prefix_exits_2_and_names_the_candidates() {
    let out = dossier(&["show", "00"]);
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("ambiguous"));
    assert!(stderr(&out).contains("001_f852db828fd11835.txt"));
}

#[test]
fn nonexistent_path_exits_2_with_a_message() {
    for cmd in ["search", "stats"] {
        let mut args = vec![cmd];
        if cmd == "search" {
            args.push("iran");
        }
        args.push("/nonexistent/dossier-test-path");
        let out = dossier(&args);
        assert_eq!(code(&out), 2, "{cmd}");
        assert!(
            stderr(&out).contains("cannot open /nonexistent/dossier-test-path"),
            "{}",
            stderr(&out)
        );
    }
}

#[test]
fn unknown_entity_kind_exits_2() {
    let out = dossier(&["entities", "--kind", "bogus"]);
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("unknown kind"));
}

#[test]
fn query_without_words_exits_2() {
    let out = dossier(&["search", " - @ "]);
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("no words"));
}

#[test]
fn bad_arguments_exit_2() {
    assert_eq!(code(&dossier(&["search"])), 2);
    assert_eq!(code(&dossier(&["search", "x", "--limit", "many"])), 2);
}

// ---------------------------------------------------------------- show, stats

#[test]
fn show_002_json_has_metadata_and_paragraph_kinds() {
    let v = json(&["show", "002", "--json"]);
    assert_eq!(v["file"], "002_b99b4f8dd03cd1de.txt");
    assert_eq!(
        v["title"],
        "Facing a debacle in Iraq, the US turns for help to Iran"
    );
    assert_eq!(v["author"], "Alex Lantier");
    assert_eq!(v["date"], "2014-06-18");
    let paragraphs = v["paragraphs"].as_array().unwrap();
    let kinds: Vec<&str> = paragraphs
        .iter()
        .map(|p| p["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds[..3], ["heading", "byline", "body"]);
    assert_eq!(kinds.last(), Some(&"boilerplate"));
    for (i, p) in paragraphs.iter().enumerate() {
        assert_eq!(p["number"].as_u64().unwrap() as usize, i + 1);
        assert!(p["source"][0].as_u64() < p["source"][1].as_u64());
        assert!(p["entities"].is_array());
    }
    assert!(paragraphs.iter().any(|p| {
        p["text"]
            .as_str()
            .unwrap()
            .contains("Everyone wants to go to Baghdad.")
    }));
}

#[test]
fn show_001_json_carries_comment_authors() {
    let v = json(&["show", "001", "--json"]);
    let numbers: BTreeSet<u64> = v["paragraphs"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|p| p["comment"]["number"].as_u64())
        .collect();
    assert_eq!(numbers.len(), 14);
    let first = v["paragraphs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["kind"] == "comment")
        .unwrap();
    assert_eq!(first["comment"]["author"], "starfcker");
    assert_eq!(first["comment"]["timestamp"], "November 30, 2019 3:05 pm");
}

#[test]
fn show_finds_a_document_by_prefix_name_and_path() {
    let by_prefix = json(&["show", "003", "--json"]);
    let by_name = json(&["show", "003_732d03229fae5413.txt", "--json"]);
    let by_path = json(&["show", "seeds/003_732d03229fae5413.txt", "--json"]);
    assert_eq!(by_prefix["file"], "003_732d03229fae5413.txt");
    assert_eq!(by_prefix, by_name);
    assert_eq!(by_prefix, by_path);
}

#[test]
fn show_plain_prints_metadata_and_labelled_paragraphs() {
    let out = dossier(&["show", "003"]);
    assert_eq!(code(&out), 0);
    let text = stdout(&out);
    assert!(text.starts_with("Washington seeks “Collaboration”"));
    assert!(text.contains("author: Chris Marsden"));
    assert!(text.contains("date:   2014-06-17"));
    assert!(text.contains("source: Global Research"));
    assert!(text.contains("] boilerplate\nDisclaimer:"));
}

#[test]
fn stats_json_reports_sizes_kinds_and_timings() {
    let v = json(&["stats", "--json"]);
    assert_eq!(v["documents"], 5);
    let paragraphs = v["paragraphs"].as_u64().unwrap();
    let by_kind: u64 = v["paragraphs_by_kind"]
        .as_object()
        .unwrap()
        .values()
        .map(|n| n.as_u64().unwrap())
        .sum();
    assert_eq!(by_kind, paragraphs);
    assert!(v["paragraphs_by_kind"]["comment"].as_u64().unwrap() > 0);
    assert!(v["tokens"].as_u64().unwrap() > 5000);
    let vocabulary = v["vocabulary"].as_u64().unwrap();
    assert!(vocabulary > 1000 && vocabulary < v["tokens"].as_u64().unwrap());
    assert!(v["skipped"].as_array().unwrap().is_empty());
    for phase in ["load", "tokenize", "entities", "postings"] {
        assert!(v["timings_ms"][phase].as_f64().unwrap() >= 0.0, "{phase}");
    }
}

#[test]
fn stats_plain_is_readable() {
    let out = dossier(&["stats"]);
    assert_eq!(code(&out), 0);
    let text = stdout(&out);
    assert!(text.starts_with("documents   5"));
    assert!(text.contains("skipped     0"));
}

// ---------------------------------------------------------------- temp folders

const GOOD: &str =
    "A Report On Baghdad\n\nThe embassy in Baghdad was closed on Monday, officials said.\n";

/// A folder holding one good document, so every command has something to find.
fn folder() -> TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("good.txt"), GOOD).unwrap();
    dir
}

fn p(dir: &TempDir) -> &str {
    dir.path().to_str().expect("UTF-8 temp path")
}

/// `stats --json` on a folder, which must succeed.
fn stats_of(dir: &TempDir) -> (Value, String) {
    let out = dossier(&["stats", p(dir), "--json"]);
    assert_eq!(code(&out), 0, "stats failed: {}", stderr(&out));
    (serde_json::from_slice(&out.stdout).unwrap(), stderr(&out))
}

/// The reason `file` was skipped, if it was.
fn skip_reason(stats: &Value, file: &str) -> Option<String> {
    stats["skipped"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["path"].as_str().unwrap().ends_with(file))
        .map(|s| s["reason"].as_str().unwrap().to_owned())
}

fn assert_skipped(dir: &TempDir, file: &str, reason: &str) {
    let (stats, err) = stats_of(dir);
    let got = skip_reason(&stats, file).unwrap_or_else(|| panic!("{file} not skipped"));
    assert!(got.contains(reason), "{file}: reason {got:?}");
    assert!(
        err.contains(&format!("skipped {}", dir.path().join(file).display())),
        "stderr: {err}"
    );
    assert!(err.contains(reason), "stderr: {err}");
    assert_eq!(stats["documents"], 1, "the good file still loads");
    // And searching the folder still works.
    assert_eq!(code(&dossier(&["search", "baghdad", p(dir)])), 0);
}

fn assert_decoded(dir: &TempDir, file: &str, query: &str, notice: &str) -> Value {
    let out = dossier(&["show", file, p(dir), "--json"]);
    assert_eq!(code(&out), 0, "show {file}: {}", stderr(&out));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    if notice.is_empty() {
        assert!(v["notices"].as_array().unwrap().is_empty());
    } else {
        assert!(v["notices"][0].as_str().unwrap().contains(notice), "{v}");
        assert!(stderr(&out).contains(notice), "stderr: {}", stderr(&out));
    }
    let s = search_json(query, &[p(dir)]);
    assert!(hit_files(&s).contains(file), "{query} not found in {file}");
    v
}

#[test]
fn binary_file_with_nul_bytes_is_skipped() {
    let dir = folder();
    std::fs::write(dir.path().join("blob.txt"), b"some text\0\0\0more").unwrap();
    assert_skipped(&dir, "blob.txt", "binary");
}

#[test]
fn elf_executable_is_skipped() {
    let dir = folder();
    let mut elf = b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00".to_vec();
    elf.extend(std::iter::repeat_n(0x90u8, 4096));
    std::fs::write(dir.path().join("program"), elf).unwrap();
    assert_skipped(&dir, "program", "binary");
}

#[test]
fn empty_file_is_skipped() {
    let dir = folder();
    std::fs::write(dir.path().join("empty.txt"), b"").unwrap();
    assert_skipped(&dir, "empty.txt", "empty");
}

#[test]
fn whitespace_only_file_is_skipped() {
    let dir = folder();
    std::fs::write(dir.path().join("blank.md"), b" \n\t\r\n  \n").unwrap();
    assert_skipped(&dir, "blank.md", "whitespace");
}

#[test]
fn windows_1252_file_is_decoded_with_a_notice() {
    let dir = folder();
    std::fs::write(
        dir.path().join("cp1252.txt"),
        b"Le caf\xe9 \x93Baghdad\x94\n\nUne deuxi\xe8me ligne.\n",
    )
    .unwrap();
    let v = assert_decoded(&dir, "cp1252.txt", "cafe", "Windows-1252");
    let text = v["paragraphs"][0]["text"].as_str().unwrap();
    assert_eq!(text, "Le café “Baghdad”");
}

fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
    let mut out = if big_endian {
        vec![0xfe, 0xff]
    } else {
        vec![0xff, 0xfe]
    };
    for unit in text.encode_utf16() {
        out.extend(if big_endian {
            unit.to_be_bytes()
        } else {
            unit.to_le_bytes()
        });
    }
    out
}

#[test]
fn utf16_le_and_be_with_bom_are_decoded() {
    let dir = folder();
    let text = "Qāsem in Tehran\r\n\r\nSecond paragraph about Tehran.\r\n";
    std::fs::write(dir.path().join("le.txt"), utf16(text, false)).unwrap();
    std::fs::write(dir.path().join("be.txt"), utf16(text, true)).unwrap();
    for (file, notice) in [("le.txt", "UTF-16LE"), ("be.txt", "UTF-16BE")] {
        let v = assert_decoded(&dir, file, "qasem", notice);
        assert_eq!(v["paragraphs"].as_array().unwrap().len(), 2, "{file}");
        assert_eq!(v["paragraphs"][0]["text"], "Qāsem in Tehran");
    }
}

#[test]
fn crlf_and_cr_only_line_endings_are_normalised() {
    let dir = folder();
    let crlf = "First line here\r\nstill the first paragraph.\r\n\r\nSecond paragraph.\r\n";
    std::fs::write(dir.path().join("crlf.txt"), crlf).unwrap();
    std::fs::write(dir.path().join("cr.txt"), crlf.replace("\r\n", "\r")).unwrap();
    for file in ["crlf.txt", "cr.txt"] {
        let v = assert_decoded(&dir, file, "paragraph", "");
        let paragraphs = v["paragraphs"].as_array().unwrap();
        assert_eq!(paragraphs.len(), 2, "{file}: {v}");
        for p in paragraphs {
            assert!(!p["text"].as_str().unwrap().contains('\r'));
        }
    }
}

#[test]
fn invalid_utf8_in_the_middle_is_replaced_with_a_notice() {
    let dir = folder();
    let mut bytes = "Qāsem Soleimani was in Baghdād.\n\n".as_bytes().to_vec();
    bytes.extend_from_slice(b"Broken \xff\xfe bytes here.\n\nEnd of the Baghd\xc4\x81d file.\n");
    std::fs::write(dir.path().join("damaged.txt"), bytes).unwrap();
    let v = assert_decoded(&dir, "damaged.txt", "soleimani", "invalid UTF-8");
    let all: String = v["paragraphs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["text"].as_str().unwrap())
        .collect();
    assert!(all.contains("Broken �� bytes"), "{all}");
    assert!(
        all.contains("Baghdād"),
        "multi-byte text stays UTF-8: {all}"
    );
}

#[test]
fn file_name_with_spaces_is_loaded_and_shown() {
    let dir = folder();
    std::fs::write(
        dir.path().join("my notes on iran.txt"),
        "Notes on Tehran.\n",
    )
    .unwrap();
    let v = json(&["show", "my notes on iran.txt", p(&dir), "--json"]);
    assert_eq!(v["file"], "my notes on iran.txt");
    let s = search_json("tehran", &[p(&dir)]);
    assert_eq!(hits(&s)[0]["file"], "my notes on iran.txt");
}

#[test]
fn directory_named_like_a_text_file_is_walked_not_read() {
    let dir = folder();
    let sub = dir.path().join("x.txt");
    std::fs::create_dir(&sub).unwrap();
    std::fs::write(sub.join("inner.txt"), "Inner document about Kirkuk.\n").unwrap();
    let (stats, err) = stats_of(&dir);
    assert_eq!(stats["documents"], 2, "{stats} {err}");
    let s = search_json("kirkuk", &[p(&dir)]);
    assert_eq!(hits(&s)[0]["file"], "inner.txt");
}

#[cfg(unix)]
#[test]
fn symlink_loop_is_reported_and_skipped() {
    let dir = folder();
    std::os::unix::fs::symlink(dir.path(), dir.path().join("loop")).unwrap();
    let (stats, err) = stats_of(&dir);
    assert_eq!(stats["documents"], 1);
    assert_eq!(skip_reason(&stats, "loop").as_deref(), Some("symlink loop"));
    assert!(err.contains("symlink loop"), "{err}");
}

#[cfg(unix)]
#[test]
fn dangling_symlink_is_reported_and_skipped() {
    let dir = folder();
    std::os::unix::fs::symlink(dir.path().join("gone.txt"), dir.path().join("dangling.txt"))
        .unwrap();
    let (stats, err) = stats_of(&dir);
    assert_eq!(stats["documents"], 1);
    assert!(skip_reason(&stats, "dangling.txt").is_some(), "{stats}");
    assert!(err.contains("dangling.txt"), "{err}");
}

#[cfg(unix)]
#[test]
fn unreadable_file_is_reported_and_skipped() {
    use std::os::unix::fs::PermissionsExt;
    let dir = folder();
    let path = dir.path().join("secret.txt");
    std::fs::write(&path, "Secret memo on Basra.\n").unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000)).unwrap();
    let (stats, err) = stats_of(&dir);
    if std::fs::File::open(&path).is_ok() {
        // Running as root: permissions do not stop reads, so the file loads.
        assert_eq!(stats["documents"], 2);
    } else {
        assert_eq!(stats["documents"], 1);
        assert_eq!(
            skip_reason(&stats, "secret.txt").as_deref(),
            Some("permission denied")
        );
        assert!(err.contains("secret.txt: permission denied"), "{err}");
    }
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
}

#[cfg(unix)]
#[test]
fn unreadable_folder_is_reported_and_skipped() {
    use std::os::unix::fs::PermissionsExt;
    let dir = folder();
    let locked = dir.path().join("locked");
    std::fs::create_dir(&locked).unwrap();
    std::fs::write(locked.join("inside.txt"), "Locked memo on Basra.\n").unwrap();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    let (stats, err) = stats_of(&dir);
    if std::fs::read_dir(&locked).is_ok() {
        // Running as root: the folder is readable after all.
        assert_eq!(stats["documents"], 2);
    } else {
        assert_eq!(stats["documents"], 1);
        assert_eq!(
            skip_reason(&stats, "locked").as_deref(),
            Some("permission denied")
        );
        assert!(err.contains("locked: permission denied"), "{err}");
    }
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
}

#[test]
fn file_over_the_size_cap_is_skipped_with_a_message() {
    let dir = folder();
    let big = "Mosul ".repeat(300_000); // 1.8 MB
    std::fs::write(dir.path().join("big.txt"), big).unwrap();
    let out = dossier(&["stats", p(&dir), "--json", "--max-file-mb", "1"]);
    assert_eq!(code(&out), 0);
    let stats: Value = serde_json::from_slice(&out.stdout).unwrap();
    let reason = skip_reason(&stats, "big.txt").expect("big.txt skipped");
    assert!(reason.contains("too large (1.7 MB"), "{reason}");
    assert!(stderr(&out).contains("--max-file-mb"));
    // Under the default cap it loads.
    let (stats, _) = stats_of(&dir);
    assert_eq!(stats["documents"], 2);
}

/// The size is checked on the open handle and the read is bounded by the cap: a
/// file whose size changes between the check and the read (here a /proc file,
/// which stats as 0 bytes and reads as more) is never read past the cap.
#[cfg(target_os = "linux")]
#[test]
fn a_file_larger_when_read_than_when_sized_never_passes_the_cap() {
    let out = dossier(&["stats", "/proc/self/status", "--json", "--max-file-mb", "0"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let stats: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(stats["documents"], 0, "{stats}");
    let reason = skip_reason(&stats, "status").expect("skipped");
    assert!(reason.contains("too large"), "{reason}");
    // With room under the cap it is read whole.
    let (stats, _) = {
        let out = dossier(&["stats", "/proc/self/status", "--json"]);
        (serde_json::from_slice::<Value>(&out.stdout).unwrap(), ())
    };
    assert_eq!(stats["documents"], 1, "{stats}");
}

#[test]
fn a_50_mb_file_without_a_newline_loads_and_is_searchable() {
    let dir = folder();
    let mut text = String::with_capacity(50 << 20);
    let words = [
        "Basra ", "port ", "tanker ", "oil ", "Umm ", "Qasr ", "harbour ",
    ];
    let mut i = 0;
    while text.len() < 50 << 20 {
        text.push_str(words[i % words.len()]);
        i += 1;
    }
    text.push_str("Fallujah");
    std::fs::write(dir.path().join("line.txt"), &text).unwrap();
    drop(text);
    let v = search_json("fallujah", &[p(&dir)]);
    assert_eq!(v["total"], 1, "{v}");
    let hit = &hits(&v)[0];
    assert_eq!(hit["file"], "line.txt");
    assert!(
        hit["snippet"].as_str().unwrap().len() < 1000,
        "snippets stay short"
    );
    assert_eq!(
        slices(hit["snippet"].as_str().unwrap(), &hit["spans"]),
        ["Fallujah"]
    );
}

#[test]
fn a_hundred_thousand_tiny_files_all_load() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..100_000 {
        let sub = dir.path().join(format!("d{:03}", i / 1000));
        if i % 1000 == 0 {
            std::fs::create_dir(&sub).unwrap();
        }
        std::fs::write(
            sub.join(format!("{i}.txt")),
            format!("Note {i} on Tikrit.\n"),
        )
        .unwrap();
    }
    let out = dossier(&["search", "tikrit", p(&dir), "--json", "--limit", "1"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["total"], 100_000);
    assert!(stderr(&out).is_empty(), "nothing skipped: {}", stderr(&out));
}

#[test]
fn folder_of_only_bad_files_is_not_fatal() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("empty.txt"), b"").unwrap();
    std::fs::write(dir.path().join("bin.dat"), b"\0\x01\x02").unwrap();
    let (stats, _) = stats_of(&dir);
    assert_eq!(stats["documents"], 0);
    assert_eq!(stats["skipped"].as_array().unwrap().len(), 2);
    assert_eq!(code(&dossier(&["search", "iraq", p(&dir)])), 1);
}

#[test]
fn single_file_path_is_a_corpus() {
    let dir = folder();
    let file = dir.path().join("good.txt");
    let v = json(&["show", "good.txt", file.to_str().unwrap(), "--json"]);
    assert_eq!(v["title"], "A Report On Baghdad");
    assert_eq!(v["path"], file.to_str().unwrap());
}

// ---------------------------------------------------------------- hostile text

const HOSTILE: &str = "Evil \u{1b}]52;c;ZXZpbA==\u{7}Title \u{1b}[2J\n\nThe \u{1b}[31mred\u{1b}[0m Baghdad report \u{202e}txt.exe\u{202c} with a C1 \u{9b}2J and \u{90}DCS and a bell \u{7} and backspace \u{8}.\n";

/// True for bytes or chars that can drive a terminal.
fn is_terminal_control(c: char) -> bool {
    (c.is_control() && c != '\n') || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

fn assert_inert(what: &str, bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    let bad: Vec<char> = text.chars().filter(|&c| is_terminal_control(c)).collect();
    assert!(bad.is_empty(), "{what} carries controls {bad:?}: {text}");
}

fn hostile_folder() -> TempDir {
    let dir = folder();
    std::fs::write(dir.path().join("hostile.txt"), HOSTILE).unwrap();
    dir
}

#[test]
fn plain_output_never_carries_control_characters() {
    let dir = hostile_folder();
    for args in [
        vec!["search", "baghdad", p(&dir)],
        vec!["search", "evil", p(&dir)],
        vec!["show", "hostile.txt", p(&dir)],
        vec!["stats", p(&dir)],
        vec!["entities", p(&dir)],
    ] {
        let out = dossier(&args);
        assert!(code(&out) <= 1, "{args:?}: {}", stderr(&out));
        assert_inert(&format!("{args:?} stdout"), &out.stdout);
        assert_inert(&format!("{args:?} stderr"), &out.stderr);
    }
}

#[test]
fn plain_output_shows_controls_as_visible_placeholders() {
    let dir = hostile_folder();
    let text = stdout(&dossier(&["show", "hostile.txt", p(&dir)]));
    assert!(text.contains("␛]52;c;ZXZpbA=="), "{text}");
    assert!(text.contains("␛[2J"));
}

#[test]
fn json_output_escapes_controls_and_keeps_them_in_the_data() {
    let dir = hostile_folder();
    for args in [
        vec!["search", "baghdad", p(&dir), "--json"],
        vec!["show", "hostile.txt", p(&dir), "--json"],
    ] {
        let out = dossier(&args);
        assert_eq!(code(&out), 0, "{args:?}");
        assert_inert(&format!("{args:?}"), &out.stdout);
        let v: Value = serde_json::from_slice(&out.stdout).unwrap();
        let all = v.to_string();
        assert!(all.contains("\\u001b"), "{args:?}: ESC kept, escaped");
    }
    let v = json(&["show", "hostile.txt", p(&dir), "--json"]);
    let body = v["paragraphs"][1]["text"].as_str().unwrap();
    assert!(body.contains('\u{202e}') && body.contains('\u{9b}') && body.contains('\u{1b}'));
}

#[test]
fn undefined_windows_1252_bytes_never_reach_the_terminal_as_c1_controls() {
    let dir = folder();
    // 0x81, 0x8d, 0x8f, 0x90 and 0x9d are undefined in Windows-1252.
    std::fs::write(
        dir.path().join("c1.txt"),
        b"Caf\xe9 \x81\x8d\x8f\x90\x9d Najaf\n",
    )
    .unwrap();
    for args in [
        vec!["show", "c1.txt", p(&dir)],
        vec!["search", "najaf", p(&dir)],
    ] {
        let out = dossier(&args);
        assert_eq!(code(&out), 0, "{args:?}");
        assert_inert(&format!("{args:?}"), &out.stdout);
    }
}

#[cfg(unix)]
#[test]
fn hostile_file_names_are_shown_inert() {
    let dir = folder();
    let name = "evil\u{1b}[2J\u{202e}name.txt";
    std::fs::write(dir.path().join(name), "Hostile name, Falluja text.\n").unwrap();
    std::fs::write(dir.path().join("nul\u{1b}]0;x\u{7}.bin"), b"\0\0").unwrap();
    for args in [
        vec!["search", "falluja", p(&dir)],
        vec!["stats", p(&dir)],
        vec!["stats", p(&dir), "--json"],
        vec!["search", "falluja", p(&dir), "--json"],
    ] {
        let out = dossier(&args);
        assert_eq!(code(&out), 0, "{args:?}: {}", stderr(&out));
        assert_inert(&format!("{args:?} stdout"), &out.stdout);
        assert_inert(&format!("{args:?} stderr"), &out.stderr);
    }
}

// ---------------------------------------------------------------- hard text

/// A folder of documents each holding one kind of hard text.
fn unicode_folder() -> TempDir {
    let dir = folder();
    for (name, text) in [
        ("tabs.txt", "Tabs\there\tand\tthere about Najaf.\n"),
        (
            "zero-width.txt",
            "Zero-width: Ba\u{200b}ghdad, Kar\u{ad}bala and \u{feff}Mosul.\n",
        ),
        ("rtl.txt", "بغداد عاصمة العراق. שלום ירושלים.\n"),
        ("nfd.txt", "Qa\u{304}sem Sulei\u{301}mani in NFD.\n"),
        (
            "cjk.txt",
            "中国和伊朗 👍🏽 👨\u{200d}👩\u{200d}👧 emoji in Kirkuk 中国.\n",
        ),
        ("devanagari.txt", "नमस्ते Delhi.\n"),
    ] {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    dir
}

/// The files `query` hits in `dir`, with the matched snippet text of each.
fn matched(dir: &TempDir, query: &str) -> Vec<(String, Vec<String>)> {
    let v = search_json(query, &[p(dir), "--limit", "100"]);
    hits(&v)
        .iter()
        .map(|h| {
            let snippet = h["snippet"].as_str().unwrap();
            let texts = slices(snippet, &h["spans"])
                .into_iter()
                .map(str::to_owned)
                .collect();
            (h["file"].as_str().unwrap().to_owned(), texts)
        })
        .collect()
}

#[test]
fn zero_width_characters_inside_words_do_not_break_them() {
    let dir = unicode_folder();
    assert!(matched(&dir, "baghdad").contains(&(
        "zero-width.txt".to_owned(),
        vec!["Ba\u{200b}ghdad".to_owned()]
    )));
    assert_eq!(matched(&dir, "karbala")[0].0, "zero-width.txt");
    assert_eq!(matched(&dir, "mosul")[0].0, "zero-width.txt");
}

#[test]
fn right_to_left_text_is_searchable() {
    let dir = unicode_folder();
    assert_eq!(
        matched(&dir, "بغداد"),
        [("rtl.txt".to_owned(), vec!["بغداد".to_owned()])]
    );
    assert_eq!(matched(&dir, "ירושלים")[0].0, "rtl.txt");
}

#[test]
fn decomposed_accents_match_plain_letters_and_stay_in_the_span() {
    let dir = unicode_folder();
    assert_eq!(
        matched(&dir, "suleimani"),
        [("nfd.txt".to_owned(), vec!["Sulei\u{301}mani".to_owned()])]
    );
    assert_eq!(matched(&dir, "qāsem")[0].1, ["Qa\u{304}sem"]);
}

#[test]
fn cjk_and_emoji_text_is_searchable_with_whole_characters() {
    let dir = unicode_folder();
    let hits = matched(&dir, "中国");
    assert_eq!(hits[0].0, "cjk.txt");
    assert!(hits[0].1.iter().all(|m| m == "中国"), "{hits:?}");
    assert_eq!(matched(&dir, "kirkuk")[0].0, "cjk.txt");
}

#[test]
fn highlights_never_split_a_grapheme_cluster() {
    use unicode_segmentation::UnicodeSegmentation;
    let dir = unicode_folder();
    let v = search_json("नमस्ते", &[p(&dir)]);
    assert_eq!(hits(&v)[0]["file"], "devanagari.txt");
    for hit in hits(&v) {
        let snippet = hit["snippet"].as_str().unwrap();
        let boundaries: Vec<usize> = snippet
            .grapheme_indices(true)
            .map(|(i, _)| i)
            .chain([snippet.len()])
            .collect();
        for span in hit["spans"].as_array().unwrap() {
            for edge in [&span[0], &span[1]] {
                assert!(boundaries.contains(&(edge.as_u64().unwrap() as usize)));
            }
        }
    }
}

#[test]
fn tabs_are_shown_as_spaces_in_plain_output() {
    let dir = unicode_folder();
    let out = dossier(&["show", "tabs.txt", p(&dir)]);
    assert!(stdout(&out).contains("Tabs    here"), "{}", stdout(&out));
}

#[test]
fn a_single_huge_word_is_indexed_and_highlighted() {
    let dir = folder();
    let word = "q".repeat(1 << 20);
    std::fs::write(dir.path().join("word.txt"), &word).unwrap();
    let v = search_json("qqqq", &[p(&dir)]);
    let hit = &hits(&v)[0];
    assert_eq!(hit["file"], "word.txt");
    assert!(hit["snippet"].as_str().unwrap().chars().count() < 200);
    let matched = slices(hit["snippet"].as_str().unwrap(), &hit["spans"]);
    assert_eq!(matched.len(), 1, "the long match is clipped to the snippet");
}

#[test]
fn a_long_file_without_newlines_is_one_searchable_paragraph() {
    let dir = folder();
    std::fs::write(dir.path().join("line.txt"), "Basra port ".repeat(200_000)).unwrap();
    let v = json(&["show", "line.txt", p(&dir), "--json"]);
    assert_eq!(v["paragraphs"].as_array().unwrap().len(), 1);
    assert_eq!(search_json("basra", &[p(&dir)])["total"], 1);
}

#[cfg(unix)]
#[test]
fn file_names_with_newlines_and_invalid_utf8_are_loaded_and_shown_inert() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;
    let dir = folder();
    std::fs::write(dir.path().join("new\nline.txt"), "About Erbil.\n").unwrap();
    std::fs::write(
        dir.path().join(OsStr::from_bytes(b"bad\xffname.txt")),
        "About Ramadi.\n",
    )
    .unwrap();
    let out = dossier(&["search", "erbil", p(&dir)]);
    assert_eq!(code(&out), 0);
    assert!(stdout(&out).contains("new␊line.txt"), "{}", stdout(&out));
    let out = dossier(&["search", "ramadi", p(&dir)]);
    assert_eq!(code(&out), 0);
    assert!(stdout(&out).contains("bad�name.txt"), "{}", stdout(&out));
    let (stats, _) = stats_of(&dir);
    assert_eq!(stats["documents"], 3);
}

#[test]
fn many_small_files_load_in_natural_order() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..500 {
        std::fs::write(
            dir.path().join(format!("doc{i}.txt")),
            format!("Memo {i} on Tikrit.\n"),
        )
        .unwrap();
    }
    let (stats, _) = stats_of(&dir);
    assert_eq!(stats["documents"], 500);
    let v = search_json("tikrit", &[p(&dir), "--limit", "3"]);
    assert_eq!(v["total"], 500);
    // Equal scores rank in document order: doc2 before doc10 (natural sort).
    let files: Vec<&str> = hits(&v)
        .iter()
        .map(|h| h["file"].as_str().unwrap())
        .collect();
    assert_eq!(files, ["doc0.txt", "doc1.txt", "doc2.txt"]);
}

#[test]
fn limit_zero_counts_hits_and_still_exits_0() {
    let v = search_json("iran", &["--limit", "0"]);
    assert!(hits(&v).is_empty());
    assert!(v["total"].as_u64().unwrap() > 0);
}

#[test]
fn a_file_reached_through_two_roots_is_one_document() {
    let dir = folder();
    let sub = dir.path().join("sub");
    std::fs::create_dir(&sub).unwrap();
    std::fs::write(sub.join("b.txt"), "Second memo about Tikrit.\n").unwrap();
    std::fs::write(dir.path().join("c.txt"), "Third memo about Tikrit.\n").unwrap();
    let out = dossier(&["stats", p(&dir), sub.to_str().unwrap(), "--json"]);
    assert_eq!(code(&out), 0);
    let stats: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(stats["documents"], 3);
}

#[cfg(unix)]
#[test]
fn named_pipe_is_skipped_not_read() {
    let dir = folder();
    let fifo = dir.path().join("pipe.txt");
    let made = Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("mkfifo unavailable: skipping");
        return;
    }
    // Reading a pipe nobody writes would block forever; it must not be opened.
    let (stats, err) = stats_of(&dir);
    assert_eq!(
        skip_reason(&stats, "pipe.txt").as_deref(),
        Some("not a regular file")
    );
    assert_eq!(err.matches("pipe.txt").count(), 1, "{err}");
    let out = dossier(&["stats", p(&dir), p(&dir), "--json"]);
    assert_eq!(stderr(&out).matches("pipe.txt").count(), 1, "reported once");
}

#[cfg(unix)]
#[test]
fn error_messages_quoting_hostile_names_are_inert() {
    let dir = folder();
    for n in 1..=2 {
        std::fs::write(
            dir.path().join(format!("evil\u{1b}[2J\u{202e}{n}.txt")),
            "Text.\n",
        )
        .unwrap();
    }
    let out = dossier(&["show", "evil", p(&dir)]);
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("ambiguous"));
    assert_inert("ambiguous-prefix message", &out.stderr);
    let missing = dir.path().join("gone\u{1b}]52;c;eA==\u{7}.txt");
    let out = dossier(&["stats", missing.to_str().unwrap()]);
    assert_eq!(code(&out), 2);
    assert_inert("missing-path message", &out.stderr);
}

// ---------------------------------------------------------------- word forms

#[test]
fn hyphenated_names_are_found_by_their_parts() {
    let v = search_json("maliki", &["--limit", "100"]);
    assert!(
        hits(&v)
            .iter()
            .any(|h| seed_paragraph(h).contains("Nouri al-Maliki"))
    );
    for hit in hits(&v) {
        for m in slices(hit["snippet"].as_str().unwrap(), &hit["spans"]) {
            // The term itself, or a whole mention of the entity it names.
            assert!(m.contains("Maliki"), "{m}");
        }
    }
}

#[test]
fn possessives_are_found_by_the_bare_word() {
    let v = search_json("tehran", &["--limit", "100"]);
    assert!(
        hits(&v)
            .iter()
            .any(|h| seed_paragraph(h).contains("Tehran’s regional ambitions"))
    );
}

#[test]
fn link_targets_are_kept_as_metadata() {
    let v = json(&["show", "002", "--json"]);
    let last = v["paragraphs"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["text"], "wsws.org/contact");
    assert!(
        last["inlines"]
            .as_array()
            .unwrap()
            .iter()
            .any(|i| i["style"] == "link" && i["url"] == "http://wsws.org/contact"),
        "{last}"
    );
}

// ---------------------------------------------------------------- fixture corpus

fn hostile_fixtures() -> String {
    format!("{}/tests/fixtures/hostile", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn hostile_fixture_corpus_never_drives_the_terminal() {
    let dir = hostile_fixtures();
    let v = search_json("baghdad", &[&dir, "--limit", "100"]);
    let paragraphs = json(&["show", "escapes.txt", &dir, "--json"])["paragraphs"]
        .as_array()
        .unwrap()
        .len();
    assert_eq!(
        v["total"].as_u64().unwrap() as usize,
        paragraphs,
        "every paragraph is found"
    );
    for args in [
        vec!["search", "baghdad", &dir, "--limit", "100"],
        vec!["search", "baghdad", &dir, "--json", "--limit", "100"],
        vec!["show", "escapes.txt", &dir],
        vec!["show", "escapes.txt", &dir, "--json"],
        vec!["stats", &dir],
    ] {
        let out = dossier(&args);
        assert_eq!(code(&out), 0, "{args:?}");
        assert_inert(&format!("{args:?} stdout"), &out.stdout);
        assert_inert(&format!("{args:?} stderr"), &out.stderr);
    }
}

#[test]
fn hostile_title_is_shown_inert() {
    let out = dossier(&["show", "escapes.txt", &hostile_fixtures()]);
    let first_line = stdout(&out).lines().next().unwrap_or_default().to_owned();
    assert!(
        first_line.starts_with("Hostile ␛]0;pwned␛\\ Title"),
        "{first_line}"
    );
}

#[test]
fn binary_data_behind_a_byte_order_mark_is_skipped() {
    let dir = folder();
    let mut utf8 = b"\xef\xbb\xbf".to_vec();
    utf8.extend_from_slice(b"PK\x03\x04\x00\x00\x00\x00zip data");
    std::fs::write(dir.path().join("bom8.txt"), utf8).unwrap();
    let mut utf16 = vec![0xff, 0xfe];
    utf16.extend_from_slice(&[0, 0, 0, 0, 0x41, 0, 0, 0]);
    std::fs::write(dir.path().join("bom16.txt"), utf16).unwrap();
    assert_skipped(&dir, "bom8.txt", "binary");
    assert_skipped(&dir, "bom16.txt", "binary");
}

#[test]
fn show_reads_a_file_given_by_path_when_no_corpus_is_named() {
    let dir = folder();
    let file = dir.path().join("memo.txt");
    std::fs::write(
        &file,
        "# Budget memo\n\nBy Ana Ruiz\nMarch 3, 2021\n\nThe ministry cut spending.",
    )
    .unwrap();
    let out = dossier(&["show", file.to_str().unwrap(), "--json"]);
    assert_eq!(code(&out), 0, "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["title"], "Budget memo");
    assert_eq!(v["author"], "Ana Ruiz");
    assert_eq!(v["date"], "2021-03-03");
}

#[test]
fn the_explorer_names_a_missing_path_before_anything_else() {
    let out = dossier(&["/no/such/folder"]);
    assert_eq!(code(&out), 2);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("cannot open /no/such/folder: no such file or folder"),
        "{err}"
    );
}

#[test]
fn the_explorer_without_a_terminal_points_to_the_headless_commands() {
    let out = dossier(&[]);
    assert_eq!(code(&out), 2);
    assert!(String::from_utf8_lossy(&out.stderr).contains("dossier search"));
}

#[test]
fn bench_json_reports_each_query_typed_key_by_key() {
    let dir = TempDir::new().unwrap();
    let queries = dir.path().join("queries.txt");
    std::fs::write(&queries, "bagdad\n@qasem\n\"proxy war\"\n").unwrap();
    let v = json(&["bench", "--json", "--queries", queries.to_str().unwrap()]);
    assert_eq!(v["documents"], 5);
    assert_eq!(v["paragraphs"], 141);
    let per_query = v["queries"].as_array().expect("queries is an array");
    assert_eq!(per_query.len(), 3);
    let typed: usize = per_query
        .iter()
        .map(|q| q["keystrokes"].as_u64().unwrap() as usize)
        .sum();
    assert_eq!(v["keystrokes"].as_u64().unwrap() as usize, typed);
    assert_eq!(
        typed,
        "bagdad".len() + "@qasem".len() + "\"proxy war\"".len()
    );
    for q in per_query {
        let query = q["query"].as_str().unwrap();
        // The hits of the whole query are what `search` finds.
        assert_eq!(q["hits"], search_json(query, &[])["total"], "{query}");
        let slowest = q["slowest_typed"].as_str().unwrap();
        assert!(
            !slowest.is_empty() && query.starts_with(slowest),
            "{slowest} of {query}"
        );
        let (p50, p99, max) = (
            q["p50_ms"].as_f64().unwrap(),
            q["p99_ms"].as_f64().unwrap(),
            q["max_ms"].as_f64().unwrap(),
        );
        assert!(0.0 <= p50 && p50 <= p99 && p99 <= max, "{q}");
    }
    let (p50, p95, p99) = (
        v["p50_ms"].as_f64().unwrap(),
        v["p95_ms"].as_f64().unwrap(),
        v["p99_ms"].as_f64().unwrap(),
    );
    assert!(p50 <= p95 && p95 <= p99 && p99 <= v["max_ms"].as_f64().unwrap());
    let phases: f64 = ["load_ms", "tokenize_ms", "entities_ms", "postings_ms"]
        .iter()
        .map(|k| v[k].as_f64().unwrap())
        .sum();
    assert!((phases - v["index_ms"].as_f64().unwrap()).abs() < 0.01);
    assert!(v["peak_rss_bytes"].as_u64().unwrap() > v["bytes"].as_u64().unwrap());
}

#[test]
fn options_may_come_before_the_command() {
    let out = dossier(&["--max-file-mb", "8", "stats", "--json"]);
    // Before this was allowed, `stats` here was taken for a path.
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let stats: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(stats["documents"], 5);
}

/// Runs `args`, which put paths before a command: refused, with `fixed` as
/// the order to use.
fn assert_refused_as(args: &[&str], fixed: &str) {
    let out = dossier(args);
    assert_eq!(code(&out), 2, "{args:?}");
    assert!(out.stdout.is_empty());
    let err = stderr(&out);
    let expected = format!("paths go after the command: dossier {fixed}");
    assert!(err.contains(&expected), "{args:?}: {err}");
}

/// `dossier FOLDER stats` reads `stats` as a path, and `dossier FOLDER
/// --max-file-mb 8 stats` would run on the seeds and drop FOLDER.
#[test]
fn paths_before_the_command_are_refused_with_the_right_order() {
    let dir = folder();
    let fixed = format!("stats {}", p(&dir));
    assert_refused_as(&[p(&dir), "stats"], &fixed);
    assert_refused_as(&[p(&dir), "--max-file-mb", "8", "stats"], &fixed);
    // The command's own argument and paths keep their places.
    let (d, q) = (p(&dir), "kerry iran");
    let fixed = format!("search 'kerry iran' {d} seeds");
    assert_refused_as(&[d, "search", q, "seeds"], &fixed);
    assert_refused_as(&[d, "--max-file-mb", "8", "search", q, "seeds"], &fixed);
    // A missing query is named, not taken from the paths.
    assert_refused_as(&[d, "search"], &format!("search <QUERY> {d}"));
}

#[test]
fn a_command_written_after_paths_is_named_with_its_arguments() {
    let dir = folder();
    assert_refused_as(
        &[p(&dir), "search", "kerry"],
        &format!("search kerry {}", p(&dir)),
    );
    // A path that exists is a path, whatever its name: here the explorer
    // starts on both folders, and says it needs a terminal.
    std::fs::create_dir(dir.path().join("stats")).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .current_dir(dir.path())
        .args([".", "stats"])
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let err = stderr(&out);
    assert!(err.contains("the explorer needs a terminal"), "{err}");
}
