//! Files that change between the walk and the read (deleted, truncated, replaced
//! by a folder) are reported and skipped; the rest of the corpus loads.

use dossier::corpus::{LoadOptions, LoadProgress, discover, read_files};

#[test]
fn files_deleted_or_truncated_after_the_walk_are_reported_not_fatal() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, text: &str| std::fs::write(dir.path().join(name), text).unwrap();
    write("a.txt", "Kept intact. It mentions Baghdad.");
    write("b.txt", "Deleted after the walk.");
    write("c.txt", "Truncated to nothing after the walk.");
    write("d.txt", "Replaced by a folder after the walk.");

    let (found, skipped) = discover(&[dir.path().to_path_buf()]);
    assert!(skipped.is_empty());
    assert_eq!(found.len(), 4);

    std::fs::remove_file(dir.path().join("b.txt")).unwrap();
    std::fs::write(dir.path().join("c.txt"), "").unwrap();
    std::fs::remove_file(dir.path().join("d.txt")).unwrap();
    std::fs::create_dir(dir.path().join("d.txt")).unwrap();

    let progress = LoadProgress::default();
    let corpus = read_files(found, &LoadOptions::default(), &progress);
    let names: Vec<&str> = corpus.docs.iter().map(|d| d.name.as_str()).collect();
    assert_eq!(names, ["a.txt"]);
    let reason = |file: &str| {
        corpus
            .skipped
            .iter()
            .find(|s| s.path.ends_with(file))
            .map(|s| s.reason.clone())
            .unwrap_or_else(|| panic!("{file} not reported: {:?}", corpus.skipped))
    };
    assert!(reason("b.txt").contains("vanished"), "{}", reason("b.txt"));
    assert!(reason("c.txt").contains("empty"), "{}", reason("c.txt"));
    assert!(!reason("d.txt").is_empty());
    assert_eq!(
        progress
            .files_read
            .load(std::sync::atomic::Ordering::Relaxed),
        4
    );
}
