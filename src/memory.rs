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

/// While one lives, glibc serves blocks of a quarter MB and more from mappings
/// of their own, so a freed block's pages go straight back to the system and
/// leave no hole in the heap. Indexing holds one: its token streams and
/// per-chunk tables are such blocks, freed while the index grows, which
/// glibc's sliding threshold would soon keep in the heap (c10k: indexing peak
/// 6 MiB lower, 10 MiB with the queries after it). The setting is the
/// process's: while a background build holds a guard, the explorer's own large
/// blocks are mapped too. When the last guard goes, large blocks come from the
/// heap again, up to glibc's ceiling for its sliding threshold (which setting
/// the threshold at all has stopped from sliding): queries allocate and free
/// large blocks on every keystroke, and mapping each costs its page faults.
/// For the same reason the heap then keeps up to twice that free at its top,
/// as glibc's sliding setting would; while a guard lives it keeps glibc's
/// default, 128 KB. `MALLOC_MMAP_THRESHOLD_` and
/// `MALLOC_TRIM_THRESHOLD_`, if set, win.
pub struct MappedLargeBlocks {
    counted: bool,
}

#[cfg(all(target_os = "linux", target_env = "gnu", target_pointer_width = "64"))]
mod mapped {
    use std::sync::{Mutex, PoisonError};

    /// A chunk's token stream is a few times this.
    const MAPPED_BLOCK_BYTES: i32 = 256 << 10;
    /// glibc's ceiling for its sliding threshold on 64-bit systems.
    const HEAP_BLOCK_MAX_BYTES: i32 = 32 << 20;
    /// glibc's default for the free space kept at the heap's top.
    const KEPT_FREE_DEFAULT_BYTES: i32 = 128 << 10;
    /// What glibc's sliding setting keeps free once its threshold reaches the
    /// ceiling: the largest query's scratch at a million paragraphs, a few MB a
    /// block, stays in place between keystrokes instead of being faulted in
    /// again (the heaviest keystroke there: 14 → 10.5 ms).
    const KEPT_FREE_BYTES: i32 = 2 * HEAP_BLOCK_MAX_BYTES;
    /// Guards alive: the first sets the threshold, the last puts it back.
    static GUARDS: Mutex<usize> = Mutex::new(0);

    /// Sets the size from which blocks are mapped, and how much free space
    /// the heap keeps at its top, unless the user set it.
    fn set_thresholds(mapped_from: i32, kept_free: i32) {
        // SAFETY: mallopt only sets an allocator parameter, under glibc's lock.
        // A refusal leaves glibc's own setting, which is harmless.
        unsafe {
            libc::mallopt(libc::M_MMAP_THRESHOLD, mapped_from);
            if std::env::var_os("MALLOC_TRIM_THRESHOLD_").is_none() {
                libc::mallopt(libc::M_TRIM_THRESHOLD, kept_free);
            }
        }
    }

    /// Counts a guard in; false when the user's setting stands.
    pub fn enter() -> bool {
        if std::env::var_os("MALLOC_MMAP_THRESHOLD_").is_some() {
            return false;
        }
        let mut guards = GUARDS.lock().unwrap_or_else(PoisonError::into_inner);
        if *guards == 0 {
            set_thresholds(MAPPED_BLOCK_BYTES, KEPT_FREE_DEFAULT_BYTES);
        }
        *guards += 1;
        true
    }

    pub fn leave() {
        let mut guards = GUARDS.lock().unwrap_or_else(PoisonError::into_inner);
        *guards -= 1;
        if *guards == 0 {
            set_thresholds(HEAP_BLOCK_MAX_BYTES, KEPT_FREE_BYTES);
        }
    }
}

impl MappedLargeBlocks {
    // A guard that changes the allocator is not a default value.
    #[allow(clippy::new_without_default)]
    #[must_use = "large blocks are mapped only while the guard lives"]
    pub fn new() -> Self {
        #[cfg(all(target_os = "linux", target_env = "gnu", target_pointer_width = "64"))]
        let counted = mapped::enter();
        #[cfg(not(all(target_os = "linux", target_env = "gnu", target_pointer_width = "64")))]
        let counted = false;
        MappedLargeBlocks { counted }
    }
}

impl Drop for MappedLargeBlocks {
    fn drop(&mut self) {
        #[cfg(all(target_os = "linux", target_env = "gnu", target_pointer_width = "64"))]
        if self.counted {
            mapped::leave();
        }
        #[cfg(not(all(target_os = "linux", target_env = "gnu", target_pointer_width = "64")))]
        let _ = self.counted;
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
pub fn limit_malloc_arenas() {}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
pub fn release_free_memory() {}
