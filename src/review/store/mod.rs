//! Reading and writing review files, and the lock that keeps one editor per file.
//!
//! A review is read through the bounded reader (16 MiB, regular files only) and a save that
//! would pass that bound is refused, so scorps never writes a review it cannot read back. Saves
//! are atomic (see [`crate::fsutil::atomic_write`]) and minimal: answers in key order, empty
//! fields left out, arrays on one line, and nothing written when the bytes on disk are already
//! the same, so a git diff shows the squad's change and nothing else. A file that cannot be read
//! or parsed is reported and never replaced.

mod lock;

use std::collections::HashSet;
use std::io;
use std::path::Path;

use thiserror::Error;

pub use self::lock::Lock;
use super::model::{FORMAT, Review};
use crate::fsutil::{atomic_write, read_limited};
use crate::text::clean_line;

#[derive(Debug, Error)]
pub enum StoreError {
    #[error(
        "cannot read {path}: {source}\n  help: check the path; `scorps review FILE --workload NAME` starts a new review"
    )]
    Read { path: String, source: io::Error },
    #[error(
        "cannot read {path}: {source}\n  help: give the path of a review file (NAME.review.toml)"
    )]
    NotAReview { path: String, source: io::Error },
    #[error(
        "{path}:{line}:{col}: {message}\n  help: the review file is left untouched; fix it by hand or restore it from git"
    )]
    Parse {
        path: String,
        line: usize,
        col: usize,
        message: String,
    },
    #[error(
        "{path}: review format {found} is newer than this scorps reads ({FORMAT})\n  help: upgrade scorps"
    )]
    Format { path: String, found: u32 },
    #[error("cannot save {path}: {source}")]
    Write { path: String, source: io::Error },
    #[error(
        "not saved: {path} would be {size:.1} MiB, over the 16 MiB a review may have\n  help: shorten the longest notes or evidence; the file on disk is unchanged"
    )]
    TooLarge { path: String, size: f64 },
    #[error(
        "not saved: the review cannot be written as TOML: {message}\n  help: this is a bug in scorps; please report it with the review file"
    )]
    Serialize { message: String },
    #[error(
        "{path} is being edited by {holder}\n  help: close the other session, or if it is gone, delete {lock}"
    )]
    Locked {
        path: String,
        holder: String,
        lock: String,
    },
    #[error(
        "not saved: {path} is no longer locked by this session ({what})\n  help: another editor may have it open; copy what you changed, quit, and reopen the review"
    )]
    LockLost { path: String, what: String },
}

/// The largest review file read or written (a full review of every built-in pack is about
/// 60 KiB).
pub const MAX_REVIEW_BYTES: u64 = 16 * 1024 * 1024;

/// Reads a review file.
pub fn load(path: &Path) -> Result<Review, StoreError> {
    let name = clean_line(&path.display().to_string()).into_owned();
    let bytes = read_limited(path, MAX_REVIEW_BYTES).map_err(|source| {
        if matches!(
            source.kind(),
            io::ErrorKind::InvalidInput | io::ErrorKind::FileTooLarge
        ) {
            StoreError::NotAReview {
                path: name.clone(),
                source,
            }
        } else {
            StoreError::Read {
                path: name.clone(),
                source,
            }
        }
    })?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let (line, col) = line_col(&String::from_utf8_lossy(e.as_bytes()), valid);
        StoreError::Parse {
            path: name.clone(),
            line,
            col,
            message: "the file is not UTF-8 text".into(),
        }
    })?;
    parse(&name, &text)
}

/// Reads TOML text into `T`; an error names `name`, the line and the column.
pub(crate) fn from_toml<T: serde::de::DeserializeOwned>(
    name: &str,
    text: &str,
) -> Result<T, StoreError> {
    toml::from_str(text).map_err(|e| {
        let (line, col) = e.span().map_or((1, 1), |s| line_col(text, s.start));
        StoreError::Parse {
            path: name.to_string(),
            line,
            col,
            message: e.message().to_string(),
        }
    })
}

/// Parses review text; `name` is how errors refer to it. A pack listed twice in `[[packs]]` is
/// kept once (the first entry); the others are recorded in [`Review::dropped_packs`].
pub fn parse(name: &str, text: &str) -> Result<Review, StoreError> {
    let mut review: Review = from_toml(name, text)?;
    if review.format > FORMAT {
        return Err(StoreError::Format {
            path: name.to_string(),
            found: review.format,
        });
    }
    let mut seen = HashSet::new();
    let (kept, dropped) = std::mem::take(&mut review.packs)
        .into_iter()
        .partition(|p| seen.insert(p.id.clone()));
    review.packs = kept;
    review.dropped_packs = dropped;
    Ok(review)
}

fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

/// The review as TOML text: answers in key order, empty fields left out, arrays on one line, and
/// the lowest format that holds it ([`Review::format_needed`]).
pub fn to_toml(review: &Review) -> Result<String, StoreError> {
    let needed = review.format_needed();
    let result = if review.format == needed {
        toml::to_string(review)
    } else {
        let mut copy = review.clone();
        copy.format = needed;
        toml::to_string(&copy)
    };
    result.map_err(|e| StoreError::Serialize {
        message: e.to_string(),
    })
}

/// Writes a review atomically, unless the file already holds exactly these bytes.
///
/// Refused when the text would be over [`MAX_REVIEW_BYTES`], when this process held the
/// review's lock and lost it, and when another process holds it.
pub fn save(path: &Path, review: &Review) -> Result<(), StoreError> {
    let shown = || clean_line(&path.display().to_string()).into_owned();
    let text = to_toml(review)?;
    if text.len() as u64 > MAX_REVIEW_BYTES {
        return Err(StoreError::TooLarge {
            path: shown(),
            size: text.len() as f64 / (1024.0 * 1024.0),
        });
    }
    lock::check_before_save(path)?;
    if read_limited(path, MAX_REVIEW_BYTES).is_ok_and(|on_disk| on_disk == text.as_bytes()) {
        return Ok(());
    }
    atomic_write(path, text.as_bytes()).map_err(|source| StoreError::Write {
        path: shown(),
        source,
    })?;
    crate::fsutil::remember_input(path);
    Ok(())
}

#[cfg(test)]
mod tests;
