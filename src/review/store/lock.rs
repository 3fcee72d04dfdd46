//! The lock that keeps one editor per review: `<review>.lock` beside the review's real file.
//!
//! The lock is keyed on the resolved path of the review, so a symlink and its target share it.
//! It appears whole or not at all: the holder text is written to a temporary file first, then
//! hard-linked to the lock name, which fails if a lock exists. A lock is taken over only when it
//! names a process of this host that no longer runs; an empty or unreadable lock is never stale
//! by itself (it may be one being written on a file system without hard links). Taking over
//! renames the old lock aside first, so of two processes that both found it stale only one
//! removes it; the other finds the new lock and is refused.
//!
//! The holder checks its lock before every save ([`Lock::still_held`], called by
//! [`save`](super::save)): if the lock was deleted or taken over, the save is refused rather than
//! overwrite another editor's work. Dropping a lock removes the file only if it is still its own.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

use super::StoreError;
use crate::fsutil::{self, read_text, resolve};
use crate::text::clean_line;

/// The largest lock file read; a holder text is about 150 bytes.
const MAX_LOCK_BYTES: u64 = 64 * 1024;

/// The locks this process holds: resolved review path, lock path, holder text.
static HELD: Mutex<Vec<(PathBuf, PathBuf, String)>> = Mutex::new(Vec::new());

/// Held while a process edits a review; dropping it releases the review.
#[derive(Debug)]
pub struct Lock {
    /// The lock file.
    path: PathBuf,
    /// The review, resolved.
    review: PathBuf,
    /// What this process wrote into the lock.
    text: String,
}

impl Lock {
    /// The lock file of a review: beside the file the path resolves to.
    pub fn path_for(review: &Path) -> PathBuf {
        let review = resolve(review).unwrap_or_else(|_| review.to_path_buf());
        lock_of(&review)
    }

    /// Takes the lock of `review`; a lock left by a dead process on this host is taken over.
    pub fn acquire(review: &Path) -> Result<Lock, StoreError> {
        let shown = || clean_line(&review.display().to_string()).into_owned();
        let resolved = resolve(review).map_err(|source| StoreError::Write {
            path: shown(),
            source,
        })?;
        let path = lock_of(&resolved);
        let text = holder_text();
        for _ in 0..4 {
            match place(&path, &text) {
                Ok(()) => {
                    held().push((resolved.clone(), path.clone(), text.clone()));
                    return Ok(Lock {
                        path,
                        review: resolved,
                        text,
                    });
                }
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => match read_lock(&path) {
                    // Released in the meantime: try again.
                    None => {}
                    Some(seen) if is_stale(&seen) => take_over(&path, &seen),
                    Some(seen) => return Err(locked(&shown(), &path, &seen)),
                },
                Err(source) => {
                    return Err(StoreError::Write {
                        path: path.display().to_string(),
                        source,
                    });
                }
            }
        }
        Err(StoreError::Locked {
            path: shown(),
            holder: "another process (the lock changed hands while scorps tried to take it)".into(),
            lock: path.display().to_string(),
        })
    }

    /// The lock file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Whether this process still holds the lock: an error says who removed or took it.
    pub fn still_held(&self) -> Result<(), StoreError> {
        check_own(&self.review, &self.path, &self.text)
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        held().retain(|(_, p, t)| !(p == &self.path && t == &self.text));
        // Never remove a lock that another process has taken since.
        if read_lock(&self.path).as_deref() == Some(self.text.as_str()) {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

/// Before a save of `path`: refused when this process held its lock and lost it, or when
/// another live process holds it.
pub(super) fn check_before_save(path: &Path) -> Result<(), StoreError> {
    let Ok(resolved) = resolve(path) else {
        // The write fails with its own error.
        return Ok(());
    };
    let mine = held()
        .iter()
        .find(|(r, ..)| *r == resolved)
        .map(|(_, p, t)| (p.clone(), t.clone()));
    match mine {
        Some((lock, text)) => check_own(&resolved, &lock, &text),
        None => {
            let lock = lock_of(&resolved);
            match read_lock(&lock) {
                Some(seen) if !is_stale(&seen) => Err(locked(
                    &clean_line(&path.display().to_string()),
                    &lock,
                    &seen,
                )),
                _ => Ok(()),
            }
        }
    }
}

fn check_own(review: &Path, lock: &Path, text: &str) -> Result<(), StoreError> {
    let now = match read_lock(lock) {
        Some(seen) if seen == text => return Ok(()),
        Some(seen) => format!("{} took it over", describe_holder(&seen)),
        None => format!("its lock {} was deleted", lock.display()),
    };
    Err(StoreError::LockLost {
        path: clean_line(&review.display().to_string()).into_owned(),
        what: clean_line(&now).into_owned(),
    })
}

fn held() -> std::sync::MutexGuard<'static, Vec<(PathBuf, PathBuf, String)>> {
    HELD.lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

fn lock_of(review: &Path) -> PathBuf {
    let mut name = review.file_name().unwrap_or_default().to_os_string();
    name.push(".lock");
    review.with_file_name(name)
}

fn locked(review: &str, lock: &Path, seen: &str) -> StoreError {
    StoreError::Locked {
        path: review.to_string(),
        holder: describe_holder(seen),
        lock: lock.display().to_string(),
    }
}

/// The lock's text; `None` when there is no lock (or it cannot be read as one).
fn read_lock(path: &Path) -> Option<String> {
    match read_text(path, MAX_LOCK_BYTES) {
        Ok(text) => Some(text),
        Err(e) if e.kind() == io::ErrorKind::NotFound => None,
        // Unreadable, too large, not text: someone's lock all the same, never stale.
        Err(_) => Some(String::new()),
    }
}

/// Puts `text` at `path` whole, failing with `AlreadyExists` if a lock is there.
fn place(path: &Path, text: &str) -> io::Result<()> {
    let tmp = fsutil::temp_path(path);
    let written = (|| {
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)?;
        f.write_all(text.as_bytes())?;
        f.sync_all()
    })();
    if let Err(e) = written {
        let _ = std::fs::remove_file(&tmp);
        return Err(e);
    }
    let linked = std::fs::hard_link(&tmp, path);
    let _ = std::fs::remove_file(&tmp);
    match linked {
        Err(e)
            if matches!(
                e.kind(),
                io::ErrorKind::Unsupported | io::ErrorKind::PermissionDenied
            ) =>
        {
            // No hard links here (some network and FAT file systems): create and write in two
            // steps. A reader may see it empty for a moment, and an empty lock is never stale.
            let mut f = std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(path)?;
            let result = f.write_all(text.as_bytes()).and_then(|()| f.sync_all());
            if result.is_err() {
                let _ = std::fs::remove_file(path);
            }
            result
        }
        other => other,
    }
}

/// Removes a stale lock whose text was `seen`, unless it changed hands meanwhile.
fn take_over(path: &Path, seen: &str) {
    let aside = fsutil::temp_path(path);
    if std::fs::rename(path, &aside).is_err() {
        return;
    }
    if read_lock(&aside).as_deref() != Some(seen) {
        // A live holder's fresh lock was moved: put it back unless another took the place.
        let _ = std::fs::hard_link(&aside, path);
    }
    let _ = std::fs::remove_file(&aside);
}

fn holder_text() -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let user = std::env::var("USER")
        .or_else(|_| std::env::var("USERNAME"))
        .unwrap_or_else(|_| "someone".into());
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as u64);
    // Tells this holder from an earlier lock of the same process.
    let token = nanos ^ COUNTER.fetch_add(1, Ordering::Relaxed).rotate_left(48);
    format!(
        "pid = {}\nhost = \"{}\"\nuser = \"{}\"\nsince = \"{}\"\ntoken = \"{token:016x}\"\n",
        std::process::id(),
        fsutil::hostname(),
        user,
        crate::review::Timestamp::now()
    )
}

fn field<'a>(text: &'a str, name: &str) -> Option<&'a str> {
    text.lines()
        .find_map(|l| l.strip_prefix(name)?.trim_start().strip_prefix('='))
        .map(|v| v.trim().trim_matches('"'))
}

fn describe_holder(text: &str) -> String {
    let Some(pid) = field(text, "pid") else {
        return "an unknown process (the lock file is empty or unreadable)".into();
    };
    let user = field(text, "user").unwrap_or("someone");
    let host = field(text, "host").unwrap_or("unknown host");
    let since = field(text, "since").unwrap_or("an unknown time");
    clean_line(&format!("{user} on {host} (process {pid}, since {since})")).into_owned()
}

/// A lock is stale only when it names a process of this host that no longer runs.
fn is_stale(text: &str) -> bool {
    let Some(pid) = field(text, "pid").and_then(|p| p.parse::<u32>().ok()) else {
        return false;
    };
    field(text, "host") == Some(fsutil::hostname().as_str())
        && pid != std::process::id()
        && fsutil::process_gone(pid)
}

#[cfg(test)]
mod tests;
