//! Writing files so that a crash never leaves half of one, and nothing but a file is replaced.
//!
//! The temporary file is named `.<name>.<host>-<pid>-<n>.scorps-tmp` (host is a short hash of
//! the host name): a `kill -9` between create and rename leaves one behind, and the next write
//! into that folder removes those of processes on this host that no longer run.

use std::fmt;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

use super::read::NotRegular;
use super::{kind_of, read_as};
use crate::text::clean_line;

/// The end of every temporary file name scorps makes.
const TEMP_SUFFIX: &str = ".scorps-tmp";

/// The file a write to `path` must replace: symlinks followed to their target (which may not
/// exist yet), and the folder made absolute and canonical. A lock keyed on this path is shared by
/// a link and its target.
pub fn resolve(path: &Path) -> io::Result<PathBuf> {
    let mut current = path.to_path_buf();
    for _ in 0..40 {
        match std::fs::symlink_metadata(&current) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let target = std::fs::read_link(&current)?;
                current = match current.parent() {
                    Some(dir) if target.is_relative() => dir.join(target),
                    _ => target,
                };
            }
            Ok(_) => break,
            Err(e) if e.kind() == io::ErrorKind::NotFound => break,
            Err(e) => return Err(e),
        }
    }
    let name = current
        .file_name()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "the path names no file"))?;
    let dir = match current.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    Ok(std::fs::canonicalize(dir)?.join(name))
}

/// Writes `bytes` to `path` atomically: a temporary file beside the target, synced, then renamed
/// over it. Readers see the old file or the new one, never a mix. A symlink is followed and its
/// target replaced; the target keeps its permissions. Anything that is not a regular file (a
/// device such as `/dev/null`, a pipe, a folder) is refused, never replaced.
pub fn atomic_write(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let target = resolve(path)?;
    let existing = match std::fs::metadata(&target) {
        Ok(meta) if !meta.is_file() => {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                NotRegular(kind_of(&meta)),
            ));
        }
        Ok(meta) => Some(meta),
        Err(e) if e.kind() == io::ErrorKind::NotFound => None,
        Err(e) => return Err(e),
    };
    let dir = target.parent().unwrap_or(Path::new("/"));
    sweep_stale_temps(dir);
    let tmp = temp_path(&target);
    let result = (|| {
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)?;
        if let Some(meta) = &existing {
            file.set_permissions(meta.permissions())?;
        }
        file.write_all(bytes)?;
        file.sync_all()?;
        drop(file);
        std::fs::rename(&tmp, &target)?;
        // The rename itself is durable only once the folder is synced.
        if let Ok(d) = std::fs::File::open(dir) {
            let _ = d.sync_all();
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// A fresh temporary path beside `target`, recognisable by [`sweep_stale_temps`].
pub(crate) fn temp_path(target: &Path) -> PathBuf {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let name = target
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    target.with_file_name(format!(
        ".{name}.{}-{}-{n}{TEMP_SUFFIX}",
        host_tag(),
        std::process::id()
    ))
}

/// Removes the temporary files in `dir` left by processes of this host that no longer run.
/// Each folder is swept once per process; failures are ignored (the files are only clutter).
pub fn sweep_stale_temps(dir: &Path) {
    static SWEPT: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());
    {
        let mut swept = SWEPT
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if swept.iter().any(|d| d == dir) {
            return;
        }
        swept.push(dir.to_path_buf());
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let host = host_tag();
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = name.to_str().and_then(|n| stale_pid(n, &host)) else {
            continue;
        };
        if pid != std::process::id() && process_gone(pid) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// The process id in a temporary file name made on this host, if `name` is one.
fn stale_pid(name: &str, host: &str) -> Option<u32> {
    let tag = name.strip_prefix('.')?.strip_suffix(TEMP_SUFFIX)?;
    let tag = &tag[tag.rfind('.')? + 1..];
    let mut parts = tag.split('-');
    if parts.next()? != host {
        return None;
    }
    let pid = parts.next()?.parse().ok()?;
    parts.next()?.parse::<u64>().ok()?;
    parts.next().is_none().then_some(pid)
}

/// This machine's name, as locks record it.
pub(crate) fn hostname() -> String {
    std::fs::read_to_string("/etc/hostname")
        .map(|h| h.trim().to_string())
        .ok()
        .filter(|h| !h.is_empty())
        .or_else(|| std::env::var("HOSTNAME").ok())
        .unwrap_or_else(|| "unknown-host".into())
}

/// Eight hex digits of the host name (FNV-1a), so temporary files of another machine sharing
/// the folder are never taken for this one's.
fn host_tag() -> String {
    let hash = hostname().bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    format!("{:08x}", hash as u32)
}

/// Whether process `pid` of this host has ended; `false` when that cannot be known.
#[cfg(target_os = "linux")]
pub(crate) fn process_gone(pid: u32) -> bool {
    !Path::new(&format!("/proc/{pid}")).exists()
}

#[cfg(not(target_os = "linux"))]
pub(crate) fn process_gone(_pid: u32) -> bool {
    false
}

/// Why command output was not written.
#[derive(Debug)]
pub enum OutputError {
    /// The output path names a file this run read (the review, a pack, the lens).
    IsInput {
        path: String,
        read_as: String,
    },
    /// The output path names a device, pipe, socket or folder.
    NotRegular {
        path: String,
        what: NotRegular,
    },
    Io {
        path: String,
        source: io::Error,
    },
}

impl fmt::Display for OutputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OutputError::IsInput { path, read_as } if path == read_as => write!(
                f,
                "refusing to write {path}: this run read it as input, and the output would replace it\n  help: choose another file name for the output"
            ),
            OutputError::IsInput { path, read_as } => write!(
                f,
                "refusing to write {path}: it is {read_as}, which this run read as input, and the output would replace it\n  help: choose another file name for the output"
            ),
            OutputError::NotRegular { path, what } => write!(
                f,
                "refusing to write {path}: {what}\n  help: -o takes the path of a file; to throw the output away, leave out -o and redirect it"
            ),
            OutputError::Io { path, source } => write!(f, "cannot write {path}: {source}"),
        }
    }
}

impl std::error::Error for OutputError {}

/// Writes a command's output file (`-o`): refused over any file this process has read, and over
/// anything that is not a regular file; otherwise as [`atomic_write`].
pub fn write_output(path: &Path, bytes: &[u8]) -> Result<(), OutputError> {
    let shown = clean_line(&path.display().to_string()).into_owned();
    if let Ok(meta) = std::fs::metadata(path) {
        if !meta.is_file() {
            return Err(OutputError::NotRegular {
                path: shown,
                what: NotRegular(kind_of(&meta)),
            });
        }
        if let Some(read) = read_as(&meta) {
            return Err(OutputError::IsInput {
                path: shown,
                read_as: clean_line(&read).into_owned(),
            });
        }
    }
    atomic_write(path, bytes).map_err(|source| OutputError::Io {
        path: shown,
        source,
    })
}

#[cfg(test)]
mod tests;
