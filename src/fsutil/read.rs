//! The one bounded reader for user files.
//!
//! A path may name anything: `/dev/zero` never ends, a FIFO blocks until someone writes, a
//! folder has no bytes, and a `/proc` file says its size is 0 yet has content. So the path is
//! checked before it is opened (opening a device can have effects of its own), opened without
//! blocking, checked again through the open handle (the path may have been swapped in between),
//! and read to at most `limit + 1` bytes, so that a file over the limit is known to be one.

use std::fmt;
use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

use super::{kind_of, remember_read, size_words};

/// The error inside an [`io::Error`] for a path that names a device, pipe, socket or folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotRegular(pub &'static str);

impl fmt::Display for NotRegular {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "it is {}, not a regular file", self.0)
    }
}

impl std::error::Error for NotRegular {}

/// The error inside an [`io::Error`] for a file over the limit of its kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TooLarge(pub u64);

impl fmt::Display for TooLarge {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "it is larger than {}, the most scorps reads for this kind of file",
            size_words(self.0)
        )
    }
}

impl std::error::Error for TooLarge {}

/// Reads a regular file of at most `limit` bytes.
///
/// Errors are [`io::Error`]s whose message reads after "cannot read FILE: ": a missing file keeps
/// its `NotFound` kind; a device, pipe or folder is `InvalidInput` carrying [`NotRegular`]; a
/// file over the limit is `FileTooLarge` carrying [`TooLarge`].
pub fn read_limited(path: &Path, limit: u64) -> io::Result<Vec<u8>> {
    let before = std::fs::metadata(path)?;
    refuse_irregular(&before)?;
    if before.len() > limit {
        return Err(io::Error::new(io::ErrorKind::FileTooLarge, TooLarge(limit)));
    }
    let file = open_nonblocking(path)?;
    let meta = file.metadata()?;
    refuse_irregular(&meta)?;
    remember_read(&meta, path);
    let mut bytes = Vec::with_capacity(meta.len().min(limit) as usize);
    file.take(limit.saturating_add(1)).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(io::Error::new(io::ErrorKind::FileTooLarge, TooLarge(limit)));
    }
    Ok(bytes)
}

/// [`read_text`] for a file read in order to be rewritten (`export --merge`): it is not recorded
/// as an input, so the output may replace it.
pub fn read_for_update(path: &Path, limit: u64) -> io::Result<String> {
    // A file this run read before (the review, a pack) stays an input, by whatever name.
    let known = std::fs::metadata(path)
        .ok()
        .and_then(|m| super::read_as(&m))
        .is_some();
    let text = read_text(path, limit)?;
    if !known {
        super::forget_input(path);
    }
    Ok(text)
}

/// [`read_limited`] for a file that must be UTF-8 text.
pub fn read_text(path: &Path, limit: u64) -> io::Result<String> {
    String::from_utf8(read_limited(path, limit)?).map_err(|e| {
        io::Error::new(
            io::ErrorKind::InvalidData,
            format!(
                "it is not UTF-8 text (byte {} is not)",
                e.utf8_error().valid_up_to() + 1
            ),
        )
    })
}

fn refuse_irregular(meta: &std::fs::Metadata) -> io::Result<()> {
    if meta.is_file() {
        Ok(())
    } else {
        Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            NotRegular(kind_of(meta)),
        ))
    }
}

/// Opens for reading without waiting for a writer: a FIFO swapped in after the check must not
/// block forever.
#[cfg(unix)]
fn open_nonblocking(path: &Path) -> io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
}

#[cfg(not(unix))]
fn open_nonblocking(path: &Path) -> io::Result<File> {
    File::open(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_file_up_to_its_limit() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.toml");
        std::fs::write(&path, "12345").unwrap();
        assert_eq!(read_limited(&path, 5).unwrap(), b"12345");
        let err = read_limited(&path, 4).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::FileTooLarge);
        assert_eq!(
            err.to_string(),
            "it is larger than 4 bytes, the most scorps reads for this kind of file"
        );
    }

    #[test]
    fn a_folder_is_refused_and_a_missing_file_stays_not_found() {
        let dir = tempfile::tempdir().unwrap();
        let err = read_limited(dir.path(), 10).unwrap_err();
        assert_eq!(err.to_string(), "it is a folder, not a regular file");
        let err = read_limited(&dir.path().join("none"), 10).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::NotFound);
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn devices_and_pipes_are_refused_without_reading() {
        let err = read_limited(Path::new("/dev/zero"), 10).unwrap_err();
        assert_eq!(
            err.to_string(),
            "it is a character device, not a regular file"
        );
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if made.is_ok_and(|s| s.success()) {
            let err = read_limited(&fifo, 10).unwrap_err();
            assert_eq!(
                err.to_string(),
                "it is a named pipe (FIFO), not a regular file"
            );
        }
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_file_that_claims_size_zero_is_still_bounded() {
        // /proc files report a length of 0 and have content.
        let err = read_limited(Path::new("/proc/self/status"), 16).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::FileTooLarge);
    }

    #[test]
    fn text_that_is_not_utf8_says_where() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.toml");
        std::fs::write(&path, b"ab\xffc").unwrap();
        assert_eq!(
            read_text(&path, 10).unwrap_err().to_string(),
            "it is not UTF-8 text (byte 3 is not)"
        );
    }
}
