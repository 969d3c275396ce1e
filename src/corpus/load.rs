//! Walking paths, reading files, and reporting every file that was skipped.

use std::cmp::Ordering;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering as AtomicOrdering};

use rayon::prelude::*;
use serde::Serialize;
use walkdir::WalkDir;

use super::decode::{Decoded, decode};
use super::{Corpus, Document};

/// Files larger than this are skipped with a message unless the cap is raised.
pub const DEFAULT_MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;
/// The cap can be raised this far: offsets in a decoded document are `u32`.
/// Decoding can triple a file (Windows-1252's 0x80–0x9F become three-byte
/// characters), so a text still too long once decoded is skipped as well.
pub const LARGEST_FILE_BYTES: u64 = 2047 * 1024 * 1024;

#[derive(Debug, Clone)]
pub struct LoadOptions {
    /// At most [`LARGEST_FILE_BYTES`]; a larger value counts as that.
    pub max_file_bytes: u64,
}

impl Default for LoadOptions {
    fn default() -> Self {
        LoadOptions {
            max_file_bytes: DEFAULT_MAX_FILE_BYTES,
        }
    }
}

/// A file that is not in the corpus, and why.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Skipped {
    pub path: String,
    pub reason: String,
}

/// The five bundled documents, compiled into the binary so that an installed or
/// copied `dossier` opens them from anywhere.
const SEEDS: [(&str, &[u8]); 5] = [
    (
        "000_0af7c362a64a1949.txt",
        include_bytes!("../../seeds/000_0af7c362a64a1949.txt"),
    ),
    (
        "001_f852db828fd11835.txt",
        include_bytes!("../../seeds/001_f852db828fd11835.txt"),
    ),
    (
        "002_b99b4f8dd03cd1de.txt",
        include_bytes!("../../seeds/002_b99b4f8dd03cd1de.txt"),
    ),
    (
        "003_732d03229fae5413.txt",
        include_bytes!("../../seeds/003_732d03229fae5413.txt"),
    ),
    (
        "004_f65373e0f6cc8efd.txt",
        include_bytes!("../../seeds/004_f65373e0f6cc8efd.txt"),
    ),
];

/// The bundled seed documents as a corpus.
pub fn load_seeds() -> Corpus {
    Corpus {
        docs: seed_documents(),
        skipped: Vec::new(),
    }
}

pub fn seed_documents() -> Vec<Document> {
    SEEDS
        .par_iter()
        .map(|(name, bytes)| match decode(bytes) {
            Decoded::Text { text, notice } => Document::from_text(
                Path::new("seeds").join(name),
                (*name).to_owned(),
                text,
                notice.into_iter().collect(),
            ),
            Decoded::Binary => unreachable!("seed {name} is text"),
        })
        .collect()
}

/// A file found while walking, with its display name.
#[derive(Debug, Clone)]
pub struct Found {
    pub path: PathBuf,
    pub name: String,
}

/// Loads every text file under `paths`, in natural order of display names.
/// Nothing here is fatal: unreadable paths and files land in `skipped`.
pub fn load_paths(paths: &[PathBuf], options: &LoadOptions) -> Corpus {
    load_paths_staged(paths, options, &LoadProgress::default(), 0, |_| {})
}

/// Counters the UI reads while files are read and segmented.
#[derive(Debug, Default)]
pub struct LoadProgress {
    /// Files found by the walk (known once it finishes).
    pub files_total: AtomicUsize,
    pub files_read: AtomicUsize,
}

/// [`load_paths`], counting files as they are read. When there are more than
/// `2 * first` files, `on_first` sees the first `first` documents before the rest
/// are read (the explorer indexes them for a first look).
pub fn load_paths_staged(
    paths: &[PathBuf],
    options: &LoadOptions,
    progress: &LoadProgress,
    first: usize,
    on_first: impl FnOnce(&[Document]),
) -> Corpus {
    let (mut found, mut skipped) = discover(paths);
    progress
        .files_total
        .store(found.len(), AtomicOrdering::Relaxed);
    let mut corpus = if first > 0 && found.len() > first * 2 {
        let rest = found.split_off(first);
        let mut corpus = read_files(found, options, progress);
        on_first(&corpus.docs);
        let mut later = read_files(rest, options, progress);
        corpus.docs.append(&mut later.docs);
        corpus.skipped.append(&mut later.skipped);
        corpus
    } else {
        read_files(found, options, progress)
    };
    skipped.append(&mut corpus.skipped);
    skipped.sort_by(|a, b| natural_cmp(&a.path, &b.path));
    skipped.dedup();
    corpus.skipped = skipped;
    corpus
}

/// Reads and segments files in parallel, keeping their order.
pub fn read_files(found: Vec<Found>, options: &LoadOptions, progress: &LoadProgress) -> Corpus {
    let results: Vec<Result<Document, Skipped>> = found
        .into_par_iter()
        .map(|f| {
            let result = read_one(f, options);
            progress.files_read.fetch_add(1, AtomicOrdering::Relaxed);
            result
        })
        .collect();
    let mut docs = Vec::with_capacity(results.len());
    let mut skipped = Vec::new();
    for result in results {
        match result {
            Ok(doc) => docs.push(doc),
            Err(skip) => skipped.push(skip),
        }
    }
    Corpus { docs, skipped }
}

/// The files under `paths` in natural order, and what the walk could not enter.
pub fn discover(paths: &[PathBuf]) -> (Vec<Found>, Vec<Skipped>) {
    walk(paths)
}

fn walk(paths: &[PathBuf]) -> (Vec<Found>, Vec<Skipped>) {
    let mut found = Vec::new();
    let mut skipped = Vec::new();
    for root in paths {
        let root_is_dir = root.is_dir();
        for entry in WalkDir::new(root).follow_links(true) {
            let entry = match entry {
                Ok(entry) => entry,
                Err(err) => {
                    let path = err.path().unwrap_or(root).display().to_string();
                    let reason = if err.loop_ancestor().is_some() {
                        "symlink loop".to_owned()
                    } else {
                        describe_io(err.io_error(), &err.to_string())
                    };
                    skipped.push(Skipped { path, reason });
                    continue;
                }
            };
            if entry.file_type().is_dir() {
                continue;
            }
            if root_is_dir && is_hidden(entry.path().strip_prefix(root).unwrap_or(entry.path())) {
                continue;
            }
            if !entry.file_type().is_file() {
                skipped.push(Skipped {
                    path: entry.path().display().to_string(),
                    reason: "not a regular file".into(),
                });
                continue;
            }
            let name = if root_is_dir {
                entry
                    .path()
                    .strip_prefix(root)
                    .unwrap_or(entry.path())
                    .to_string_lossy()
                    .into_owned()
            } else {
                entry
                    .path()
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default()
            };
            found.push(Found {
                path: entry.into_path(),
                name,
            });
        }
    }
    found.sort_by(|a, b| natural_cmp(&a.name, &b.name).then_with(|| a.path.cmp(&b.path)));
    // A file reached through two roots (`dir` and `dir/sub`) is one document; its
    // copies need not be neighbours in name order.
    let mut seen = std::collections::HashSet::new();
    found.retain(|f| seen.insert(f.path.clone()));
    (found, skipped)
}

/// Dot-files and dot-folders (`.git`) inside a folder are not documents.
fn is_hidden(relative: &Path) -> bool {
    relative
        .components()
        .any(|c| c.as_os_str().to_string_lossy().starts_with('.'))
}

fn read_one(found: Found, options: &LoadOptions) -> Result<Document, Skipped> {
    let skip = |reason: String| Skipped {
        path: found.path.display().to_string(),
        reason,
    };
    // One handle for the size check and the read: a file replaced, truncated or
    // grown between the two is read as it is now, never past the cap.
    let file =
        std::fs::File::open(&found.path).map_err(|e| skip(describe_io(Some(&e), "cannot read")))?;
    let size = file
        .metadata()
        .map_err(|e| skip(describe_io(Some(&e), "cannot read")))?
        .len();
    let max_file_bytes = options.max_file_bytes.min(LARGEST_FILE_BYTES);
    let too_large = |size: u64| {
        skip(format!(
            "too large ({:.1} MB, the limit is {} MB; raise it with --max-file-mb)",
            size as f64 / (1024.0 * 1024.0),
            max_file_bytes / (1024 * 1024)
        ))
    };
    if size > max_file_bytes {
        return Err(too_large(size));
    }
    let mut bytes = Vec::with_capacity(size as usize);
    file.take(max_file_bytes.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| skip(describe_io(Some(&e), "cannot read")))?;
    if bytes.len() as u64 > max_file_bytes {
        // It grew past the cap while being read (a log being written, /proc).
        return Err(too_large(bytes.len() as u64));
    }
    let (text, notice) = match decode(&bytes) {
        Decoded::Binary => return Err(skip("binary file (NUL bytes)".into())),
        Decoded::Text { text, notice } => (text, notice),
    };
    if u32::try_from(text.len()).is_err() {
        return Err(skip(format!(
            "too large once decoded ({:.1} MB of text; the limit is 4096 MB)",
            text.len() as f64 / (1024.0 * 1024.0)
        )));
    }
    if text.is_empty() {
        return Err(skip("empty file".into()));
    }
    if text.trim().is_empty() {
        return Err(skip("only whitespace".into()));
    }
    Ok(Document::from_text(
        found.path,
        found.name,
        text,
        notice.into_iter().collect(),
    ))
}

fn describe_io(err: Option<&std::io::Error>, fallback: &str) -> String {
    use std::io::ErrorKind;
    match err.map(|e| e.kind()) {
        Some(ErrorKind::NotFound) => "vanished (no such file)".into(),
        Some(ErrorKind::PermissionDenied) => "permission denied".into(),
        Some(_) => format!(
            "cannot read: {}",
            err.map(|e| e.to_string()).unwrap_or_default()
        ),
        None => fallback.to_owned(),
    }
}

/// Natural order: digit runs compare by value, so `doc2` sorts before `doc10`.
pub fn natural_cmp(a: &str, b: &str) -> Ordering {
    let (mut a, mut b) = (a.as_bytes(), b.as_bytes());
    loop {
        match (a.first(), b.first()) {
            (None, None) => return Ordering::Equal,
            (None, _) => return Ordering::Less,
            (_, None) => return Ordering::Greater,
            (Some(x), Some(y)) if x.is_ascii_digit() && y.is_ascii_digit() => {
                let da = a.iter().take_while(|c| c.is_ascii_digit()).count();
                let db = b.iter().take_while(|c| c.is_ascii_digit()).count();
                let (na, nb) = (trim_zeros(&a[..da]), trim_zeros(&b[..db]));
                let ord = na
                    .len()
                    .cmp(&nb.len())
                    .then_with(|| na.cmp(nb))
                    .then_with(|| da.cmp(&db));
                if ord != Ordering::Equal {
                    return ord;
                }
                a = &a[da..];
                b = &b[db..];
            }
            (Some(x), Some(y)) => {
                let ord = x
                    .to_ascii_lowercase()
                    .cmp(&y.to_ascii_lowercase())
                    .then(x.cmp(y));
                if ord != Ordering::Equal {
                    return ord;
                }
                a = &a[1..];
                b = &b[1..];
            }
        }
    }
}

fn trim_zeros(digits: &[u8]) -> &[u8] {
    let zeros = digits.iter().take_while(|&&d| d == b'0').count();
    &digits[zeros..]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn natural_order() {
        let mut names = vec!["doc10.txt", "doc2.txt", "Doc1.txt", "a/b.txt"];
        names.sort_by(|a, b| natural_cmp(a, b));
        assert_eq!(names, ["a/b.txt", "Doc1.txt", "doc2.txt", "doc10.txt"]);
    }

    #[test]
    fn seeds_are_embedded() {
        let corpus = load_seeds();
        assert_eq!(corpus.docs.len(), 5);
        assert_eq!(corpus.docs[0].name, "000_0af7c362a64a1949.txt");
    }
}
