//! Allocator settings for glibc, where the defaults cost the indexer memory.
//! Elsewhere these do nothing.

/// glibc gives each allocating thread an arena of its own, and the indexing
/// threads leave theirs fragmented: two arenas cut peak memory on a 129 MB corpus
/// from ~770 to ~700 MB at the same speed. `MALLOC_ARENA_MAX`, if set, wins.
/// Call first in `main`, before any other thread exists.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
pub fn limit_malloc_arenas() {
    if std::env::var_os("MALLOC_ARENA_MAX").is_none() {
        // SAFETY: mallopt only sets an allocator parameter; the caller runs it
        // before any other thread exists.
        unsafe {
            libc::mallopt(libc::M_ARENA_MAX, 2);
        }
    }
}

/// Hands freed heap pages back to the system: glibc keeps them otherwise.
/// Indexing calls it between phases, so one phase's scratch space does not
/// add to the next one's peak, and the explorer once the index is complete,
/// as it runs for hours. Takes a few milliseconds.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
pub fn release_free_memory() {
    // SAFETY: malloc_trim only returns unused pages; it is thread-safe.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// While it lives, glibc serves blocks of a quarter MB and more from mappings
/// of their own, so a freed block's pages go straight back to the system and
/// leave no hole in the heap. Indexing holds one: its token streams and
/// per-chunk tables are such blocks, freed while the index grows, which
/// glibc's sliding threshold would soon keep in the heap (c10k: indexing peak
/// 6 MiB lower, 10 MiB with the queries after it). Queries allocate and
/// free large blocks on every keystroke, so afterwards these come from the
/// heap again, as the sliding threshold would have them: mapping each one
/// costs its page faults every time.
pub struct MappedLargeBlocks(());

/// A chunk's token stream is a few times this.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
const MAPPED_BLOCK_BYTES: i32 = 256 << 10;
/// glibc's ceiling for its sliding threshold on 64-bit systems.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
const HEAP_BLOCK_MAX_BYTES: i32 = 32 << 20;

impl MappedLargeBlocks {
    // A guard that changes the allocator is not a default value.
    #[allow(clippy::new_without_default)]
    pub fn new() -> Self {
        #[cfg(all(target_os = "linux", target_env = "gnu"))]
        // SAFETY: mallopt only sets an allocator parameter, under glibc's lock.
        unsafe {
            libc::mallopt(libc::M_MMAP_THRESHOLD, MAPPED_BLOCK_BYTES);
        }
        MappedLargeBlocks(())
    }
}

impl Drop for MappedLargeBlocks {
    fn drop(&mut self) {
        #[cfg(all(target_os = "linux", target_env = "gnu"))]
        // SAFETY: as in `new`.
        unsafe {
            libc::mallopt(libc::M_MMAP_THRESHOLD, HEAP_BLOCK_MAX_BYTES);
        }
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
pub fn limit_malloc_arenas() {}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
pub fn release_free_memory() {}
