//! Slow work off the UI thread: indexing the corpus, and evaluating queries with
//! only the newest query kept (a stale query is dropped, never waited for).

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::thread;
use std::time::Instant;

use crate::corpus::{Corpus, LoadOptions, LoadProgress, load_paths_staged, load_seeds};
use crate::index::{BuildProgress, Index, build, build_with_progress};
use crate::query::{ExpansionCache, Query, SearchResults, search_with_cache};

/// What the background threads tell the UI loop.
#[derive(Debug)]
pub enum Msg {
    Input(ratatui::crossterm::event::Event),
    /// Files are read; indexing starts.
    Loaded {
        docs: usize,
        bytes: usize,
    },
    /// An index to explore; `complete` is false for the first look at a large corpus.
    Indexed {
        index: Arc<Index>,
        complete: bool,
    },
    Results {
        generation: u64,
        results: Arc<SearchResults>,
    },
    /// SIGTERM, SIGHUP or SIGINT.
    Signal(i32),
}

/// How many ranked hits the UI asks for (the list shows documents, not all hits).
pub const RANKED_LIMIT: usize = 200;

/// Documents indexed first on a large corpus, so the explorer is usable at once.
pub const EARLY_DOCS: usize = 1000;

/// Loads and indexes in the background; progress is readable at any time. On a
/// large corpus the first documents are indexed and sent on their own first.
pub fn spawn_indexer(
    paths: Vec<PathBuf>,
    options: LoadOptions,
    load: Arc<LoadProgress>,
    progress: Arc<BuildProgress>,
    tx: Sender<Msg>,
) {
    thread::Builder::new()
        .name("indexer".into())
        .spawn(move || {
            let started = Instant::now();
            let corpus = if paths.is_empty() {
                load_seeds()
            } else {
                load_paths_staged(&paths, &options, &load, EARLY_DOCS, |first| {
                    let first_look = build(Corpus {
                        docs: first.to_vec(),
                        skipped: Vec::new(),
                    });
                    let _ = tx.send(Msg::Indexed {
                        index: Arc::new(first_look),
                        complete: false,
                    });
                })
            };
            let load_time = started.elapsed();
            let bytes = corpus.docs.iter().map(|d| d.bytes).sum();
            let _ = tx.send(Msg::Loaded {
                docs: corpus.docs.len(),
                bytes,
            });
            let mut index = build_with_progress(corpus, &progress);
            index.timings.load = load_time;
            let _ = tx.send(Msg::Indexed {
                index: Arc::new(index),
                complete: true,
            });
            crate::memory::release_free_memory();
        })
        .expect("spawn indexer thread");
}

struct Job {
    generation: u64,
    index: Arc<Index>,
    query: String,
}

/// The query thread's inbox.
pub struct QueryWorker {
    jobs: Sender<Job>,
}

impl QueryWorker {
    pub fn spawn(tx: Sender<Msg>) -> Self {
        let (jobs, inbox) = channel::<Job>();
        thread::Builder::new()
            .name("query".into())
            .spawn(move || serve(inbox, tx))
            .expect("spawn query thread");
        QueryWorker { jobs }
    }

    pub fn submit(&self, generation: u64, index: Arc<Index>, query: String) {
        let _ = self.jobs.send(Job {
            generation,
            index,
            query,
        });
    }
}

fn serve(inbox: Receiver<Job>, tx: Sender<Msg>) {
    let mut cache = ExpansionCache::default();
    let mut cache_index: Option<Arc<Index>> = None;
    while let Ok(mut job) = inbox.recv() {
        // Newest query wins: skip everything typed since.
        while let Ok(newer) = inbox.try_recv() {
            job = newer;
        }
        // Expansions are only valid for the index they were computed on.
        if !cache_index
            .as_ref()
            .is_some_and(|i| Arc::ptr_eq(i, &job.index))
        {
            cache = ExpansionCache::default();
            cache_index = Some(job.index.clone());
        }
        let results = search_with_cache(
            &job.index,
            &Query::parse(&job.query),
            RANKED_LIMIT,
            &mut cache,
        );
        if tx
            .send(Msg::Results {
                generation: job.generation,
                results: Arc::new(results),
            })
            .is_err()
        {
            return;
        }
    }
}
