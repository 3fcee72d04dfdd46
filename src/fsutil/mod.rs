//! Files in and out, so that nothing is lost and nothing unbounded gets in.
//!
//! Every user file scorps reads (reviews, packs, lenses, the config, the recent list) goes
//! through [`read_limited`]: only regular files, at most a set number of bytes, whatever size
//! the file claims. Every file scorps writes goes through [`atomic_write`]: a temporary file
//! beside the target, synced, renamed over it; a symlink is followed so its target is updated
//! and the link stays; a device, pipe or folder is never replaced. Command output (`-o`) goes
//! through [`write_output`], which also refuses to replace a file this run has read: an export
//! over its own review, or a lens import over its lens, would destroy the input.
//!
//! The files read are remembered for the whole process (by device and inode, so a symlink, a
//! `..` path or a hard link to an input is recognised) — a command is one run, and that is the
//! span in which an output must not replace an input.

mod read;
mod write;

use std::fs::Metadata;
use std::path::Path;
use std::sync::Mutex;

pub use self::read::{NotRegular, TooLarge, read_for_update, read_limited, read_text};
pub use self::write::{OutputError, atomic_write, resolve, sweep_stale_temps, write_output};
pub(crate) use self::write::{hostname, process_gone, temp_path};

/// Which file a path names: the device and inode (on Unix), so two spellings of one file, or a
/// link and its target, compare equal.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct FileId(u64, u64);

impl FileId {
    #[cfg(unix)]
    pub(crate) fn of(meta: &Metadata) -> Option<FileId> {
        use std::os::unix::fs::MetadataExt;
        Some(FileId(meta.dev(), meta.ino()))
    }

    #[cfg(not(unix))]
    pub(crate) fn of(_meta: &Metadata) -> Option<FileId> {
        None
    }
}

/// The files read by this process, with the path each was read by.
static READ: Mutex<Vec<(FileId, String)>> = Mutex::new(Vec::new());

/// Records `path` as an input of this process, as if it had been read: a review just saved by
/// its editor is still that editor's input, and no output may replace it.
pub(crate) fn remember_input(path: &Path) {
    if let Ok(meta) = std::fs::metadata(path) {
        remember_read(&meta, path);
    }
}

/// Takes back the record of `path`, read to be rewritten.
fn forget_input(path: &Path) {
    let shown = path.display().to_string();
    let mut read = READ
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    read.retain(|(_, p)| *p != shown);
}

fn remember_read(meta: &Metadata, path: &Path) {
    if let Some(id) = FileId::of(meta) {
        let mut read = READ
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let path = path.display().to_string();
        if !read.iter().any(|(known, p)| *known == id && *p == path) {
            read.push((id, path));
        }
    }
}

/// The path by which this process read the file `meta` describes, if it did. A record whose path
/// now names another file is passed over: the file read was replaced or deleted, and its inode
/// number may have been given to a new file since.
fn read_as(meta: &Metadata) -> Option<String> {
    let id = FileId::of(meta)?;
    let read = READ
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    read.iter()
        .filter(|(known, _)| *known == id)
        .find(|(_, path)| {
            std::fs::metadata(path)
                .ok()
                .and_then(|m| FileId::of(&m))
                .is_some_and(|now| now == id)
        })
        .map(|(_, p)| p.clone())
}

/// What a file that is not a regular file is, in words (`a named pipe (FIFO)`, ...).
fn kind_of(meta: &Metadata) -> &'static str {
    let t = meta.file_type();
    if t.is_dir() {
        return "a folder";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if t.is_char_device() {
            return "a character device";
        }
        if t.is_block_device() {
            return "a block device";
        }
        if t.is_socket() {
            return "a socket";
        }
    }
    "not a regular file"
}

/// Human size of a byte limit: `16 MiB`, `64 KiB`.
fn size_words(bytes: u64) -> String {
    if bytes >= 1024 * 1024 && bytes.is_multiple_of(1024 * 1024) {
        format!("{} MiB", bytes / (1024 * 1024))
    } else if bytes >= 1024 && bytes.is_multiple_of(1024) {
        format!("{} KiB", bytes / 1024)
    } else {
        format!("{bytes} bytes")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_as_people_write_them() {
        assert_eq!(size_words(16 * 1024 * 1024), "16 MiB");
        assert_eq!(size_words(64 * 1024), "64 KiB");
        assert_eq!(size_words(1000), "1000 bytes");
    }
}
